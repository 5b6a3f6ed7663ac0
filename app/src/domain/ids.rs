//! Ids as types. Every id that arrives in a path or a form is parsed here
//! before anything uses it, so a crafted id never reaches a query, a URL or
//! an `expect`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// 128 random bits as 32 lowercase hex digits: how records are named.
fn is_random_id(raw: &str) -> bool {
    raw.len() == 32 && raw.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// A record named by 128 random bits (so that no order of the names follows
/// the order of creation). The bits come from the caller (the server's
/// random source); the domain only spells them.
pub trait RandomId: Sized {
    /// The id spelt by these bits.
    fn from_bits(bits: [u8; 16]) -> Self;
}

/// Declares an id type named by 128 random bits, as 32 lowercase hex digits.
macro_rules! random_id {
    ($( $(#[$doc:meta])* $name:ident ),+ $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// The id, if `raw` is 32 lowercase hex digits.
            pub fn parse(raw: &str) -> Option<Self> {
                is_random_id(raw).then(|| $name(raw.to_string()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl RandomId for $name {
            fn from_bits(bits: [u8; 16]) -> Self {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let mut s = String::with_capacity(32);
                for b in bits {
                    s.push(HEX[usize::from(b >> 4)] as char);
                    s.push(HEX[usize::from(b & 15)] as char);
                }
                $name(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(raw: String) -> Result<Self, String> {
                if is_random_id(&raw) {
                    Ok($name(raw))
                } else {
                    Err(format!("not a {}: {raw:?}", stringify!($name)))
                }
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = ();
            fn from_str(raw: &str) -> Result<Self, ()> {
                $name::parse(raw).ok_or(())
            }
        }
    )+};
}

random_id! {
    /// A consultation.
    ConsultationId,
    /// A workshop.
    WorkshopId,
    /// A Party's focal point (contact).
    ContactId,
    /// An invitation: one contact asked to answer one consultation.
    InvitationId,
    /// A response (draft or submitted); never linked to an invitation.
    ResponseId,
    /// A staff account (Secretariat or organiser).
    AccountId,
    /// A message waiting in the outbox.
    OutboxId,
    /// An entry of the audit log.
    AuditEventId,
}

impl ConsultationId {
    /// The consultation's page.
    pub fn path(&self) -> String {
        format!("/consultations/{}", self.0)
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
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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
