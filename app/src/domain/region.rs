//! The six CITES regions.

use serde::{Deserialize, Serialize};
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Region {
    Africa,
    Asia,
    Csca,
    Europe,
    NorthAmerica,
    Oceania,
}

impl Region {
    pub const ALL: [Region; 6] = [
        Region::Africa,
        Region::Asia,
        Region::Csca,
        Region::Europe,
        Region::NorthAmerica,
        Region::Oceania,
    ];

    /// The stable code stored in the database and used in URLs.
    pub fn code(self) -> &'static str {
        match self {
            Region::Africa => "africa",
            Region::Asia => "asia",
            Region::Csca => "csca",
            Region::Europe => "europe",
            Region::NorthAmerica => "north_america",
            Region::Oceania => "oceania",
        }
    }
}

impl FromStr for Region {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Region::ALL.into_iter().find(|r| r.code() == s).ok_or(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_is_refused() {
        for r in Region::ALL {
            assert_eq!(r.code().parse::<Region>(), Ok(r));
        }
        assert!("antarctica".parse::<Region>().is_err());
        assert!("".parse::<Region>().is_err());
    }
}
