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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::{ConsultationId, InvitationId, PartyCode};
    use crate::domain::lang::Lang;
    use crate::domain::region::Region;
    use crate::ssr::services::invitations::Seen;

    fn invitee(n: usize, version: i32) -> Invitee {
        Invitee {
            invitation_id: InvitationId::parse(&format!("{n:032x}")).unwrap(),
            consultation: ConsultationId::parse(&"c".repeat(32)).unwrap(),
            lang: Lang::Fr,
            constituency: crate::domain::constituency::Constituency::Party,
            region: Some(Region::Africa),
            party: PartyCode::parse("SN"),
            organisation: None,
            seen: Seen {
                version,
                locked: false,
                deadline: None,
                secret: None,
            },
            names: Default::default(),
        }
    }

    #[test]
    fn links_are_recalled_as_last_resolved_and_bounded() {
        let links = RecentLinks::default();
        assert_eq!(links.recall("d0"), None);
        links.remember("d0".into(), &invitee(0, 1));
        assert_eq!(links.recall("d0"), Some(invitee(0, 1)));
        // The consultation changed since: the newer reading is kept.
        links.remember("d0".into(), &invitee(0, 2));
        assert_eq!(links.recall("d0").unwrap().seen.version, 2);
        // Never more than MAX: full of fresh links, it starts afresh.
        for n in 1..=MAX {
            links.remember(format!("d{n}"), &invitee(n, 1));
        }
        assert!(links.links.lock().unwrap().len() <= MAX);
        assert_eq!(links.recall(&format!("d{MAX}")), Some(invitee(MAX, 1)));
    }
}
