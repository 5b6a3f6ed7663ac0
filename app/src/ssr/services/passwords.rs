//! Password hashing with argon2id (the crate's defaults: 19 MiB, t=2, p=1).
//!
//! Checking a password is slow and large on purpose, which makes it the
//! cheapest way to exhaust the server. So checks run at most
//! `CONSULTA_PASSWORD_CHECKS` at a time, each in one of as many memory areas,
//! reused from one check to the next while checks follow each other and
//! given back once none is running or waiting: memory stays flat however
//! many sign-ins arrive, falls back when they stop, and a caller that
//! cannot get a turn in time is told to come back.

use crate::error::AppError;
use argon2::password_hash::{PasswordHash, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Semaphore;

/// How long a sign-in waits for a free check before it is answered "busy".
pub const WAIT: Duration = Duration::from_secs(3);

pub fn hash_blocking(password: &str) -> String {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 accepts any password")
        .to_string()
}

pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .map_err(AppError::internal)
}

/// A hash with the parameters new hashes get, that no password matches
/// (its salt and digest are zeros): a sign-in for an unknown account is
/// checked against it, so it takes as long as one for a known account.
/// Written out, not computed: computing it took a work area of its own
/// beside the checks running, 19 MiB above their bound.
fn unmatchable() -> String {
    let p = Params::default();
    format!(
        "$argon2id$v=19$m={},t={},p={}${}${}",
        p.m_cost(),
        p.t_cost(),
        p.p_cost(),
        "A".repeat(22),
        "A".repeat(43)
    )
}

/// Verifies against a PHC string using `memory` as argon2's work area.
fn verify_with(password: &str, phc: &str, memory: &mut Vec<Block>) -> bool {
    let Ok(h) = PasswordHash::new(phc) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (h.salt, h.hash) else {
        return false;
    };
    let Ok(alg) = Algorithm::try_from(h.algorithm) else {
        return false;
    };
    let version = h
        .version
        .and_then(|v| Version::try_from(v).ok())
        .unwrap_or_default();
    let Ok(params) = Params::try_from(&h) else {
        return false;
    };
    let mut salt_buf = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_buf) else {
        return false;
    };
    let blocks = params.block_count();
    if memory.len() < blocks {
        memory.resize(blocks, Block::default());
    }
    let mut out = vec![0u8; expected.len()];
    let argon = Argon2::new(alg, version, params);
    if argon
        .hash_password_into_with_memory(password.as_bytes(), salt, &mut out, &mut memory[..blocks])
        .is_err()
    {
        return false;
    }
    use subtle::ConstantTimeEq;
    bool::from(out.as_slice().ct_eq(expected.as_bytes()))
}

pub fn verify_blocking(password: &str, phc: &str) -> bool {
    verify_with(password, phc, &mut Vec::new())
}

/// Runs password checks, a bounded number at a time, in reused memory.
pub struct Checker {
    turns: Semaphore,
    /// How many checks may run at once (the semaphore's permits).
    at_once: usize,
    wait: Duration,
    areas: Mutex<Vec<Vec<Block>>>,
}

impl Checker {
    /// `at_once` checks at a time; a caller waits at most `wait` for its turn.
    pub fn new(at_once: usize, wait: Duration) -> Arc<Self> {
        Arc::new(Checker {
            turns: Semaphore::new(at_once.max(1)),
            at_once: at_once.max(1),
            wait,
            areas: Mutex::new(Vec::new()),
        })
    }

    /// Verifies `password` against `hash`, or against a dummy hash when there
    /// is no account, so that both cases take the same time. `Busy` when no
    /// check could start within a few seconds.
    pub async fn verify(
        self: &Arc<Self>,
        password: String,
        hash: Option<String>,
    ) -> Result<bool, AppError> {
        let permit = tokio::time::timeout(self.wait, self.turns.acquire())
            .await
            .map_err(|_| AppError::Busy)?
            .map_err(AppError::internal)?;
        let this = Arc::clone(self);
        let ok = tokio::task::spawn_blocking(move || {
            let found = hash.is_some();
            let hash = hash.unwrap_or_else(unmatchable);
            let mut area = this
                .areas
                .lock()
                .ok()
                .and_then(|mut a| a.pop())
                .unwrap_or_default();
            let ok = verify_with(&password, &hash, &mut area);
            if let Ok(mut a) = this.areas.lock() {
                a.push(area);
            }
            ok && found
        })
        .await
        .map_err(AppError::internal)?;
        drop(permit);
        // No check running or waiting: the areas (19 MiB each) go back to
        // the system until the next sign-in. One that starts meanwhile
        // takes an area out of the list first, so it never loses its own.
        if self.turns.available_permits() == self.at_once
            && let Ok(mut a) = self.areas.lock()
        {
            a.clear();
            a.shrink_to_fit();
        }
        Ok(ok)
    }

    /// Work areas kept now (never more than checks allowed at once; none
    /// once no check runs).
    pub fn areas(&self) -> usize {
        self.areas.lock().map(|a| a.len()).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unmatchable_hash_costs_what_a_real_one_costs() {
        let dummy_phc = unmatchable();
        let dummy = PasswordHash::new(&dummy_phc).unwrap();
        let real_phc = hash_blocking("a password");
        let real = PasswordHash::new(&real_phc).unwrap();
        assert_eq!(dummy.algorithm, real.algorithm);
        assert_eq!(dummy.version, real.version);
        assert_eq!(
            Params::try_from(&dummy).unwrap(),
            Params::try_from(&real).unwrap()
        );
        assert_eq!(dummy.hash.unwrap().len(), real.hash.unwrap().len());
        let mut area = Vec::new();
        assert!(!verify_with("dummy", &unmatchable(), &mut area));
        assert!(!verify_with("", &unmatchable(), &mut area));
        assert_eq!(
            area.len(),
            Params::default().block_count(),
            "a full check ran"
        );
        assert!(verify_with("a password", &real_phc, &mut area));
    }

    #[test]
    fn hashes_are_argon2id_and_salted() {
        let a = hash_blocking("correct horse battery");
        let b = hash_blocking("correct horse battery");
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b);
        assert!(verify_blocking("correct horse battery", &a));
        assert!(!verify_blocking("wrong", &a));
        assert!(!verify_blocking("x", "not a hash"));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn many_checks_at_once_reuse_a_bounded_memory() {
        let checker = Checker::new(2, Duration::from_secs(120));
        let hash = hash_blocking("right password");
        let mut tasks = Vec::new();
        for i in 0..8 {
            let c = Arc::clone(&checker);
            let h = hash.clone();
            tasks.push(tokio::spawn(async move {
                let pw = if i == 0 { "right password" } else { "wrong" };
                c.verify(pw.to_string(), Some(h)).await
            }));
        }
        let mut oks = 0;
        for t in tasks {
            if t.await.unwrap().unwrap() {
                oks += 1;
            }
        }
        assert_eq!(oks, 1);
        // Every check done: no work area is kept.
        assert_eq!(checker.areas(), 0);
        assert!(!checker.verify("right password".into(), None).await.unwrap());
        assert_eq!(checker.areas(), 0);
    }
}
