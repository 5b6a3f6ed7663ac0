//! Password hashing with argon2id (the crate's defaults: 19 MiB, t=2, p=1;
//! at the lowest cost on test servers, `CONSULTA_PASSWORD_COST=test`).
//! A hash keeps its parameters: a password is checked at the cost it was
//! hashed with, whatever the setting now.
//!
//! Checking a password is slow and large on purpose, which makes it the
//! cheapest way to exhaust the server. So checks run at most
//! `CONSULTA_PASSWORD_CHECKS` at a time, each in one of as many memory areas,
//! reused from one check to the next while checks follow each other and
//! given back once none is running or waiting: memory stays flat however
//! many sign-ins arrive, falls back when they stop, and a caller that
//! cannot get a turn in time is told to come back.

use crate::error::AppError;
use crate::ssr::config::PasswordCost;
use argon2::password_hash::{PasswordHash, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Semaphore;

/// How long a sign-in waits for a free check before it is answered "busy".
pub const WAIT: Duration = Duration::from_secs(3);

/// The argon2id parameters new hashes get at `cost`.
pub fn params(cost: PasswordCost) -> Params {
    match cost {
        PasswordCost::Standard => Params::default(),
        PasswordCost::Test => {
            Params::new(Params::MIN_M_COST, Params::MIN_T_COST, 1, None).unwrap_or_default()
        }
    }
}

pub fn hash_blocking(password: &str, cost: PasswordCost) -> String {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params(cost))
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 accepts any password")
        .to_string()
}

pub async fn hash(password: String, cost: PasswordCost) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_blocking(&password, cost))
        .await
        .map_err(AppError::internal)
}

/// A hash with the parameters new hashes get, that no password matches
/// (its salt and digest are zeros): a sign-in for an unknown account is
/// checked against it, so it takes as long as one for a known account.
/// Written out, not computed: computing it took a work area of its own
/// beside the checks running, 19 MiB above their bound.
fn unmatchable(p: &Params) -> String {
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
    /// A hash of the cost new hashes get, that no password matches.
    unmatchable: String,
}

impl Checker {
    /// `at_once` checks at a time; a caller waits at most `wait` for its
    /// turn; an unknown account costs a check of a hash made at `cost`.
    pub fn new(at_once: usize, wait: Duration, cost: PasswordCost) -> Arc<Self> {
        Arc::new(Checker {
            turns: Semaphore::new(at_once.max(1)),
            at_once: at_once.max(1),
            wait,
            areas: Mutex::new(Vec::new()),
            unmatchable: unmatchable(&params(cost)),
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
            let hash = hash.unwrap_or_else(|| this.unmatchable.clone());
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
        for cost in [PasswordCost::Standard, PasswordCost::Test] {
            let checker = Checker::new(1, WAIT, cost);
            let dummy_phc = checker.unmatchable.clone();
            let dummy = PasswordHash::new(&dummy_phc).unwrap();
            let real_phc = hash_blocking("a password", cost);
            let real = PasswordHash::new(&real_phc).unwrap();
            assert_eq!(dummy.algorithm, real.algorithm);
            assert_eq!(dummy.version, real.version);
            assert_eq!(
                Params::try_from(&dummy).unwrap(),
                Params::try_from(&real).unwrap()
            );
            assert_eq!(dummy.hash.unwrap().len(), real.hash.unwrap().len());
            let mut area = Vec::new();
            assert!(!verify_with("dummy", &dummy_phc, &mut area));
            assert!(!verify_with("", &dummy_phc, &mut area));
            assert_eq!(area.len(), params(cost).block_count(), "a full check ran");
            assert!(verify_with("a password", &real_phc, &mut area));
        }
    }

    #[test]
    fn the_standard_cost_is_argon2s_default_and_a_hash_keeps_its_own() {
        assert_eq!(params(PasswordCost::Standard), Params::default());
        assert_eq!(Params::default().m_cost(), 19 * 1024);
        assert_eq!(Params::default().t_cost(), 2);
        let cheap = hash_blocking("a password", PasswordCost::Test);
        assert!(cheap.starts_with("$argon2id$v=19$m=8,t=1,p=1$"), "{cheap}");
        let dear = hash_blocking("a password", PasswordCost::Standard);
        assert!(
            dear.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{dear}"
        );
        // Checked at the cost each was made with, whatever the server's now.
        assert!(verify_blocking("a password", &cheap));
        assert!(verify_blocking("a password", &dear));
    }

    #[test]
    fn hashes_are_argon2id_and_salted() {
        let a = hash_blocking("correct horse battery", PasswordCost::Standard);
        let b = hash_blocking("correct horse battery", PasswordCost::Standard);
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b);
        assert!(verify_blocking("correct horse battery", &a));
        assert!(!verify_blocking("wrong", &a));
        assert!(!verify_blocking("x", "not a hash"));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn many_checks_at_once_reuse_a_bounded_memory() {
        let checker = Checker::new(2, Duration::from_secs(120), PasswordCost::Standard);
        let hash = hash_blocking("right password", PasswordCost::Standard);
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
