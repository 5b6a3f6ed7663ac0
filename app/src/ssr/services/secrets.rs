//! Random tokens and one-way digests.

use crate::domain::ids::RandomId;
use rand::TryRngCore;
use sha2::{Digest, Sha256};

/// 256 bits from the operating system's CSPRNG, hex-encoded.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng
        .try_fill_bytes(&mut bytes)
        .expect("OS random source");
    hex::encode(bytes)
}

/// A new id of 128 random bits, for rows whose order must not follow
/// creation order.
pub fn new_id<T: RandomId>() -> T {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng
        .try_fill_bytes(&mut bytes)
        .expect("OS random source");
    T::from_bits(bytes)
}

/// SHA-256 of `domain` and `value`, hex-encoded. The domain keeps digests of
/// different kinds of values from ever being equal.
pub fn digest(domain: &str, value: &str) -> String {
    let mut h = Sha256::new();
    h.update(domain.as_bytes());
    h.update([0u8]);
    h.update(value.as_bytes());
    hex::encode(h.finalize())
}

/// Compares two strings in time that depends only on their lengths.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::domain::ids::ResponseId;

    #[test]
    fn tokens_are_long_and_distinct() {
        let a = random_token();
        assert_eq!(a.len(), 64);
        assert_ne!(a, random_token());
        let (a, b): (ResponseId, ResponseId) = (new_id(), new_id());
        assert_ne!(a, b);
        assert_eq!(ResponseId::parse(a.as_str()), Some(a));
    }

    #[test]
    fn digests_are_domain_separated() {
        assert_ne!(digest("session", "x"), digest("throttle", "x"));
        assert_eq!(digest("session", "x"), digest("session", "x"));
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "ab"));
    }
}
