//! Ids as types. Every id that arrives in a path or a form is parsed here
//! before anything uses it, so a crafted id never reaches a query, a URL or
//! an `expect`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A consultation: 128 random bits, as 32 lowercase hex digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ConsultationId(String);

/// 128 random bits as 32 lowercase hex digits: how records are named.
fn is_random_id(raw: &str) -> bool {
    raw.len() == 32 && raw.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

impl ConsultationId {
    pub fn parse(raw: &str) -> Option<Self> {
        is_random_id(raw).then(|| ConsultationId(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The consultation's page.
    pub fn path(&self) -> String {
        format!("/consultations/{}", self.0)
    }
}

impl fmt::Display for ConsultationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A workshop: 128 random bits, as 32 lowercase hex digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct WorkshopId(String);

impl WorkshopId {
    pub fn parse(raw: &str) -> Option<Self> {
        is_random_id(raw).then(|| WorkshopId(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for WorkshopId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A Party's focal point (contact): 128 random bits, as 32 lowercase hex digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ContactId(String);

impl ContactId {
    pub fn parse(raw: &str) -> Option<Self> {
        is_random_id(raw).then(|| ContactId(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ContactId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A section, question or answer choice within a survey: 1–40 characters of
/// `a-z`, `0-9`, `_` and `-` (the survey model's id rule).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ItemId(String);

impl ItemId {
    pub fn parse(raw: &str) -> Option<Self> {
        super::survey::validate::valid_id(raw).then(|| ItemId(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ItemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A Party: its ISO 3166-1 alpha-2 code (`EU` for the European Union), upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PartyCode(String);

impl PartyCode {
    /// Accepts either case; keeps upper case.
    pub fn parse(raw: &str) -> Option<Self> {
        (raw.len() == 2 && raw.bytes().all(|b| b.is_ascii_alphabetic()))
            .then(|| PartyCode(raw.to_ascii_uppercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PartyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crafted_ids_are_refused() {
        assert!(ConsultationId::parse("0123456789abcdef0123456789abcdef").is_some());
        for bad in [
            "",
            "a b",
            "0123456789ABCDEF0123456789ABCDEF",
            "0123456789abcdef0123456789abcde",
            "../../etc/passwd",
            "0123456789abcdef0123456789abcdeg",
            "0123456789abcdef0123456789abcdef0",
        ] {
            assert!(ConsultationId::parse(bad).is_none(), "{bad}");
        }
        for bad in ["", "0123456789ABCDEF0123456789ABCDEF", "../x"] {
            assert!(WorkshopId::parse(bad).is_none(), "{bad}");
            assert!(ContactId::parse(bad).is_none(), "{bad}");
        }
        assert!(ContactId::parse("0123456789abcdef0123456789abcdef").is_some());
        assert!(ItemId::parse("q12").is_some());
        for bad in ["", "Q1", "a b", "a/b", &"x".repeat(41), "é"] {
            assert!(ItemId::parse(bad).is_none(), "{bad}");
        }
        assert_eq!(PartyCode::parse("ke").unwrap().as_str(), "KE");
        for bad in ["", "K", "KEN", "K1", "é"] {
            assert!(PartyCode::parse(bad).is_none(), "{bad}");
        }
    }
}
