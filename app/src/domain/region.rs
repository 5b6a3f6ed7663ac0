//! The six CITES regions.

use super::coded::coded;
use serde::{Deserialize, Serialize};

coded! {
    /// Codes are stored in the database and used in URLs.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    pub enum Region {
        Africa = "africa",
        Asia = "asia",
        Csca = "csca",
        Europe = "europe",
        NorthAmerica = "north_america",
        Oceania = "oceania",
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
