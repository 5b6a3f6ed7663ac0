//! The private links this server resolved lately, kept in memory (per
//! instance) for one purpose: a respondent whose save arrives while the
//! database cannot be reached gets their page back as they typed it, with
//! the translated error, instead of an error page that loses what they
//! typed. The access layer recalls a link here only when the database is
//! unavailable; nothing is read or written through it then, so it gives
//! no access the database would not (a link withdrawn meanwhile is refused
//! again as soon as the database answers).

use super::services::invitations::Invitee;
use crate::error::AppError;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a link is remembered after it was last resolved.
const KEEP: Duration = Duration::from_secs(30 * 60);
/// At most this many links (each a few hundred bytes).
const MAX: usize = 4096;

/// Links by token digest (never the token itself), with when they were
/// last resolved.
#[derive(Default)]
pub struct RecentLinks {
    links: Mutex<HashMap<String, (Invitee, Instant)>>,
}

impl RecentLinks {
    /// Notes that `digest` resolved to `invitee` just now.
    pub fn remember(&self, digest: String, invitee: &Invitee) {
        let now = Instant::now();
        let mut links = self.links.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((known, at)) = links.get_mut(&digest)
            && *known == *invitee
        {
            *at = now;
            return;
        }
        if links.len() >= MAX {
            links.retain(|_, (_, at)| now.duration_since(*at) < KEEP);
            if links.len() >= MAX {
                links.clear();
            }
        }
        links.insert(digest, (invitee.clone(), now));
    }

    /// The invitee `digest` resolved to within the last [`KEEP`].
    pub fn recall(&self, digest: &str) -> Option<Invitee> {
        let links = self.links.lock().unwrap_or_else(|e| e.into_inner());
        links
            .get(digest)
            .filter(|(_, at)| at.elapsed() < KEEP)
            .map(|(invitee, _)| invitee.clone())
    }
}

/// On a request whose invitee was recalled from memory: the database was
/// unavailable when the access layer asked it, so the handler sends its
/// form back as typed without asking it again.
#[derive(Debug, Clone)]
pub struct DbOutage(pub AppError);
