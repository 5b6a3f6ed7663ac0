//! A limit on how often one invitee writes (saves, submits, reopens): a
//! token bucket per invitation, `CONSULTA_RESPONSE_SAVES_PER_MINUTE` deep,
//! refilled at that rate. One link holder pressing "Save" in a loop is
//! refused (429, the page kept as typed) before their request reaches the
//! database's write path, and every other invitee's saves go on unaffected.
//!
//! Kept in memory, per server instance, never in the database: nothing
//! stored may link to an invitation. Buckets are keyed by a digest of the
//! invitation id under a random key made when the server starts (not the
//! server secret), so the map holds no identifier in clear and its keys
//! mean nothing once the process ends. The map is bounded: past
//! [`MAX_KEYS`] invitees, buckets that have refilled (they hold nothing a
//! new one would not) are dropped, then the least recently used.

use crate::domain::ids::InvitationId;
use hmac::{Hmac, Mac};
use rand::TryRngCore;
use sha2::Sha256;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

/// The most invitees tracked at once.
pub const MAX_KEYS: usize = 10_000;

/// The default number of writes per minute per invitee.
pub const DEFAULT_PER_MINUTE: u32 = 60;

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

pub struct SaveLimit {
    key: [u8; 32],
    per_minute: u32,
    max_keys: usize,
    buckets: Mutex<HashMap<[u8; 16], Bucket>>,
}

impl std::fmt::Debug for SaveLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SaveLimit")
            .field("per_minute", &self.per_minute)
            .finish_non_exhaustive()
    }
}

impl SaveLimit {
    /// At most `per_minute` writes a minute per invitee (a burst of as many,
    /// then one every `60 / per_minute` seconds).
    pub fn new(per_minute: u32) -> Self {
        Self::with_capacity(per_minute, MAX_KEYS)
    }

    fn with_capacity(per_minute: u32, max_keys: usize) -> Self {
        let mut key = [0u8; 32];
        rand::rngs::OsRng
            .try_fill_bytes(&mut key)
            .expect("OS random source");
        SaveLimit {
            key,
            per_minute: per_minute.max(1),
            max_keys: max_keys.max(1),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one write from the bucket of invitation `invitation_id`:
    /// `false` when it is empty (the write must be refused). Never waits.
    pub fn allow(&self, invitation_id: &InvitationId) -> bool {
        self.allow_at(invitation_id.as_str(), Instant::now())
    }

    fn digest(&self, invitation_id: &str) -> [u8; 16] {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key length");
        mac.update(b"consulta/save-limit\0");
        mac.update(invitation_id.as_bytes());
        let full = mac.finalize().into_bytes();
        let mut out = [0u8; 16];
        out.copy_from_slice(&full[..16]);
        out
    }

    fn capacity(&self) -> f64 {
        f64::from(self.per_minute)
    }

    /// The tokens `b` holds at `now`.
    fn refilled(&self, b: &Bucket, now: Instant) -> f64 {
        let per_second = self.capacity() / 60.0;
        let elapsed = now.saturating_duration_since(b.at).as_secs_f64();
        (b.tokens + elapsed * per_second).min(self.capacity())
    }

    fn allow_at(&self, invitation_id: &str, now: Instant) -> bool {
        let k = self.digest(invitation_id);
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if !buckets.contains_key(&k) && buckets.len() >= self.max_keys {
            let cap = self.capacity();
            buckets.retain(|_, b| self.refilled(b, now) < cap);
            if buckets.len() >= self.max_keys
                && let Some(oldest) = buckets.iter().min_by_key(|(_, b)| b.at).map(|(k, _)| *k)
            {
                buckets.remove(&oldest);
            }
        }
        let b = buckets.entry(k).or_insert(Bucket {
            tokens: self.capacity(),
            at: now,
        });
        let tokens = self.refilled(b, now);
        let allowed = tokens >= 1.0;
        *b = Bucket {
            tokens: if allowed { tokens - 1.0 } else { tokens },
            at: now,
        };
        allowed
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.buckets.lock().unwrap().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_burst_then_the_rate_per_invitee() {
        let l = SaveLimit::new(3);
        let t0 = Instant::now();
        assert!((0..3).all(|_| l.allow_at("inv-a", t0)));
        assert!(!l.allow_at("inv-a", t0), "the fourth write in a minute");
        assert!(!l.allow_at("inv-a", t0 + Duration::from_secs(5)));
        assert!(l.allow_at("inv-b", t0), "another invitee is not held back");
        // One write every 20 s comes back.
        assert!(l.allow_at("inv-a", t0 + Duration::from_secs(21)));
        assert!(!l.allow_at("inv-a", t0 + Duration::from_secs(22)));
        // A refused write does not push the next one further away.
        assert!(l.allow_at("inv-a", t0 + Duration::from_secs(42)));
        // After a quiet minute, a full burst again (never more).
        let later = t0 + Duration::from_secs(600);
        assert!((0..3).all(|_| l.allow_at("inv-a", later)));
        assert!(!l.allow_at("inv-a", later));
    }

    #[test]
    fn the_map_is_bounded_and_holds_no_id_in_clear() {
        let l = SaveLimit::with_capacity(2, 100);
        let t0 = Instant::now();
        for i in 0..1_000 {
            let now = t0 + Duration::from_millis(i);
            assert!(l.allow_at(&format!("inv-{i}"), now));
            assert!(l.len() <= 100);
        }
        // A flooding invitee among many keeps its (empty) bucket while others
        // come and go, as long as it is not the least recently used.
        let now = t0 + Duration::from_secs(2);
        assert!(l.allow_at("flood", now) && l.allow_at("flood", now));
        assert!(!l.allow_at("flood", now));
        for i in 0..50 {
            l.allow_at(&format!("new-{i}"), now + Duration::from_millis(i + 1));
        }
        assert!(!l.allow_at("flood", now + Duration::from_millis(100)));
        assert_eq!(l.len(), 100);
        // Two processes' digests of the same invitation differ.
        assert_ne!(
            SaveLimit::new(1).digest("inv-1"),
            SaveLimit::new(1).digest("inv-1")
        );
    }

    #[test]
    fn refilled_buckets_are_dropped_first() {
        let l = SaveLimit::with_capacity(60, 3);
        let t0 = Instant::now();
        assert!(l.allow_at("a", t0));
        assert!(l.allow_at("b", t0));
        for _ in 0..60 {
            l.allow_at("c", t0);
        }
        assert!(!l.allow_at("c", t0), "c is empty");
        // Two seconds later a and b have refilled; a new key drops them, not c.
        let t1 = t0 + Duration::from_secs(2);
        assert!(l.allow_at("d", t1));
        assert_eq!(l.len(), 2);
        // c kept its state: two writes came back in two seconds, no more.
        assert!(l.allow_at("c", t1) && l.allow_at("c", t1));
        assert!(!l.allow_at("c", t1));
    }
}
