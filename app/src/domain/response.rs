//! What a response carries besides its answers: the respondent's declared
//! donor/recipient status. (The CITES region comes from the invitation; it
//! and this status are the only attributes a response has.)

use super::coded::coded;
use super::region::Region;
use serde::{Deserialize, Serialize};

/// A response's region as stored: the region it was counted under, or none
/// once the consultation closed with that region's group too small to show
/// (closing generalises such responses so that no stored row is more
/// precise than what was published).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeptRegion(pub Option<Region>);

impl KeptRegion {
    /// The stored code: the region's, or empty when withheld.
    pub fn code(self) -> &'static str {
        self.0.map_or("", Region::code)
    }

    /// Reads a stored code (empty: withheld).
    pub fn parse(code: &str) -> Option<Self> {
        if code.is_empty() {
            Some(KeptRegion(None))
        } else {
            Region::parse(code).map(|r| KeptRegion(Some(r)))
        }
    }
}

impl From<Region> for KeptRegion {
    fn from(r: Region) -> Self {
        KeptRegion(Some(r))
    }
}

coded! {
    /// Donor/recipient status, as the respondent declares it (Decision 19.41(b):
    /// Parties that fund and Parties that receive capacity-building support).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Support {
        Provides = "provides" => "support-provides",
        Receives = "receives" => "support-receives",
        Both = "both" => "support-both",
        Neither = "neither" => "support-neither",
    }
}

coded! {
    /// Where a response stands.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum Stage {
        /// Being written; never submitted.
        Draft = "draft",
        /// Submitted; its answers count.
        Submitted = "submitted",
        /// Submitted, and reopened to be changed: the submitted answers count
        /// until it is submitted again.
        Reopened = "reopened",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_region_reads_back_and_empty_is_withheld() {
        for r in Region::ALL {
            let k = KeptRegion::from(r);
            assert_eq!(KeptRegion::parse(k.code()), Some(k));
        }
        assert_eq!(KeptRegion::parse(""), Some(KeptRegion(None)));
        assert_eq!(KeptRegion(None).code(), "");
        assert_eq!(KeptRegion::parse("atlantis"), None);
    }

    #[test]
    fn codes_round_trip() {
        for s in Support::ALL {
            assert_eq!(Support::parse(s.code()), Some(s));
        }
        assert_eq!(Support::parse("donor"), None);
        for s in [Stage::Draft, Stage::Submitted, Stage::Reopened] {
            assert_eq!(Stage::parse(s.code()), Some(s));
        }
    }
}
