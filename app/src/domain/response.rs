//! What a response carries besides its answers: the respondent's declared
//! donor/recipient status. (The CITES region comes from the invitation; it
//! and this status are the only attributes a response has.)

use serde::{Deserialize, Serialize};

/// Donor/recipient status, as the respondent declares it (Decision 19.41(b):
/// Parties that fund and Parties that receive capacity-building support).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Support {
    Provides,
    Receives,
    Both,
    Neither,
}

impl Support {
    pub const ALL: [Support; 4] = [
        Support::Provides,
        Support::Receives,
        Support::Both,
        Support::Neither,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Support::Provides => "provides",
            Support::Receives => "receives",
            Support::Both => "both",
            Support::Neither => "neither",
        }
    }

    pub fn message_id(self) -> &'static str {
        match self {
            Support::Provides => "support-provides",
            Support::Receives => "support-receives",
            Support::Both => "support-both",
            Support::Neither => "support-neither",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Support::ALL.into_iter().find(|x| x.code() == s)
    }
}

/// Where a response stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    /// Being written; never submitted.
    Draft,
    /// Submitted; its answers count.
    Submitted,
    /// Submitted, and reopened to be changed: the submitted answers count
    /// until it is submitted again.
    Reopened,
}

impl Stage {
    pub fn code(self) -> &'static str {
        match self {
            Stage::Draft => "draft",
            Stage::Submitted => "submitted",
            Stage::Reopened => "reopened",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Stage::Draft, Stage::Submitted, Stage::Reopened]
            .into_iter()
            .find(|x| x.code() == s)
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
