//! What a response carries besides its answers: the respondent's declared
//! donor/recipient status. (The CITES region comes from the invitation; it
//! and this status are the only attributes a response has.)

use super::coded::coded;
use serde::{Deserialize, Serialize};

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
