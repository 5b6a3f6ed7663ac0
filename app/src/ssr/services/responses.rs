//! Response rows — anonymous by design. Writing them (saves, submissions,
//! reopening) is the response workflow's (`ssr::submissions`); this module
//! holds what it and closing build on: locators, reading a response, the
//! close's part, and the mark that the tables are due to be put back in
//! key order (`row_order`).
//!
//! A response is found through its *locator*: `HMAC(consultation secret,
//! "consulta/response/locator" ‖ subject)`, where the subject is who answers
//! ([`Respondent`]): the invitee's Party (one response per Party),
//! invitation (one per invitee, and per Committee member) or partner
//! organisation (its constituency and name as compared). The secret is kept only sealed under the
//! server key and deleted at close, when the locators are erased too. The
//! invitation side stores the link token's digest under another key and
//! domain; nothing on it equals or recomputes to a locator. Ids are random,
//! rows carry no time and no language, and the only attributes are the
//! region and the constituency (from the invitation) and the declared
//! donor/recipient status (Parties' respondents only: others are not asked
//! it, and their responses have none).

use super::invitations::Respondent;
use super::row_order;
use crate::domain::ids::ConsultationId;
use crate::domain::response::{Stage, Support};
use crate::domain::survey::answers::Answers;
use crate::error::AppError;
use crate::ssr::entities::response as r;
use hmac::{Hmac, Mac};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};
use sha2::Sha256;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// A response as its respondent sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub stage: Stage,
    pub support: Option<Support>,
    /// The answers being written (for a submitted one: as submitted).
    pub answers: Answers,
    pub version: i32,
}

/// The locator of `who`'s response under the consultation's `secret`.
pub fn locator(secret: &[u8; 32], who: &Respondent) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(b"consulta/response/locator\0");
    match who {
        Respondent::Party(party) => {
            mac.update(b"party\0");
            mac.update(party.as_str().as_bytes());
        }
        Respondent::Invitation(id) => {
            mac.update(b"invitation\0");
            mac.update(id.as_str().as_bytes());
        }
        Respondent::Organisation(constituency, name) => {
            mac.update(b"organisation\0");
            mac.update(constituency.code().as_bytes());
            mac.update(b"\0");
            mac.update(name.as_bytes());
        }
    }
    hex::encode(mac.finalize().into_bytes())
}

/// Answers as stored (JSON); none stored reads as none given.
pub fn parse_answers(json: Option<&str>) -> Result<Answers, AppError> {
    match json {
        None => Ok(Answers::new()),
        Some(j) => serde_json::from_str(j).map_err(|e| {
            tracing::error!(error = %e, "a stored response does not read");
            AppError::Internal
        }),
    }
}

/// Answers as they are stored.
pub fn to_json(a: &Answers) -> String {
    serde_json::to_string(a).unwrap_or_else(|_| "{}".into())
}

/// Row `m` as its respondent sees it.
pub fn view(m: &r::Model) -> Result<Response, AppError> {
    Ok(Response {
        stage: m.stage,
        support: m.support,
        answers: parse_answers(m.answers.as_deref().or(m.submitted.as_deref()))?,
        version: m.version,
    })
}

/// The response with `locator`, if one exists.
pub async fn find<C: ConnectionTrait>(db: &C, locator: &str) -> Result<Option<r::Model>, AppError> {
    Ok(r::Entity::find()
        .filter(r::Column::Locator.eq(locator))
        .one(db)
        .await?)
}

/// At close: drafts never submitted are deleted; submitted responses keep
/// only their submitted answers, and lose their locator (with the
/// consultation's secret, deleted in the same transaction, nothing could
/// recompute it anyway). The rows change: the table is due a rewrite in key
/// order ([`Reshuffle`]).
pub async fn seal_at_close<C: ConnectionTrait>(
    txn: &C,
    id: &ConsultationId,
) -> Result<(), AppError> {
    r::Entity::delete_many()
        .filter(r::Column::ConsultationId.eq(id.as_str()))
        .filter(r::Column::Submitted.is_null())
        .exec(txn)
        .await?;
    r::Entity::update_many()
        .col_expr(r::Column::Locator, Expr::value(Option::<String>::None))
        .col_expr(r::Column::Answers, Expr::value(Option::<String>::None))
        .col_expr(r::Column::Stage, Expr::value(Stage::Submitted.code()))
        .filter(r::Column::ConsultationId.eq(id.as_str()))
        .exec(txn)
        .await?;
    Ok(())
}

/// The mark that responses were written (or sealed) since the tables were
/// last put back in key order: on PostgreSQL a new row or row version sits
/// where the order of writes put it, so housekeeping puts `response` and
/// `invitation` back in the order of their random keys ([`Reshuffle::run`],
/// `row_order`). One per server (in its state).
#[derive(Clone, Debug, Default)]
pub struct Reshuffle(Arc<AtomicBool>);

impl Reshuffle {
    /// Notes that responses were written.
    pub fn mark(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn is_due(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// On PostgreSQL, when this server wrote responses since the last run,
    /// puts the rows of `response` and `invitation` that are out of key
    /// order back in it ([`row_order::settle`]: row locks and short
    /// transactions, never a table lock), so that neither table's physical
    /// order (what a dump lists) follows the order of submissions; marks
    /// itself due again if some were busy. SQLite needs nothing: `response`
    /// is `WITHOUT ROWID` (kept in key order) and updates of `invitation`
    /// stay in place. Returns whether it ran.
    pub async fn run(&self, db: &DatabaseConnection) -> Result<bool, AppError> {
        if db.get_database_backend() != sea_orm::DatabaseBackend::Postgres
            || !self.0.swap(false, Ordering::Relaxed)
        {
            return Ok(false);
        }
        match row_order::settle(db).await {
            Ok(done) if done.left > 0 => self.mark(),
            Ok(_) => {}
            Err(e) => {
                self.mark();
                return Err(e);
            }
        }
        Ok(true)
    }
}

/// [`Reshuffle::run`] whether or not it is due (PostgreSQL only).
pub async fn reshuffle_now(db: &DatabaseConnection) -> Result<(), AppError> {
    row_order::settle(db).await.map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::constituency::Constituency;
    use crate::domain::ids::{InvitationId, PartyCode};
    use crate::domain::survey::Respondents;
    use crate::ssr::services::invitations::{self, Invitee, Respondent, Seen};

    fn invitee(inv: &str, party: &str) -> Invitee {
        Invitee {
            invitation_id: InvitationId::parse(&format!("{:0>32}", inv.trim_start_matches('i')))
                .unwrap(),
            consultation: ConsultationId::parse(&"a".repeat(32)).unwrap(),
            lang: crate::domain::lang::Lang::Fr,
            constituency: Constituency::Party,
            region: Some(crate::domain::region::Region::Africa),
            party: Some(PartyCode::parse(party).unwrap()),
            organisation: None,
            seen: Seen {
                version: 1,
                locked: false,
                deadline: None,
                secret: None,
            },
            names: Default::default(),
        }
    }

    #[test]
    fn locators_follow_who_answers_and_need_the_secret() {
        let s1 = [1u8; 32];
        let s2 = [2u8; 32];
        let a = invitee("i1", "MG");
        let b = invitee("i2", "MG");
        let per_party = |i: &Invitee| i.respondent(Respondents::PerParty);
        let per_invitee = |i: &Invitee| i.respondent(Respondents::PerInvitee);
        assert_eq!(locator(&s1, &per_party(&a)), locator(&s1, &per_party(&b)));
        assert_ne!(
            locator(&s1, &per_invitee(&a)),
            locator(&s1, &per_invitee(&b))
        );
        assert_ne!(locator(&s1, &per_party(&a)), locator(&s2, &per_party(&a)));
        let token = invitations::token_for(&s1, "i1");
        assert_ne!(locator(&s1, &per_invitee(&a)), token, "domains differ");
        assert_eq!(locator(&s1, &per_party(&a)).len(), 64);
    }

    fn member(inv: &str, c: Constituency) -> Invitee {
        Invitee {
            constituency: c,
            party: None,
            region: Some(crate::domain::region::Region::Csca),
            ..invitee(inv, "MG")
        }
    }

    fn partner(inv: &str, c: Constituency, organisation: &str) -> Invitee {
        Invitee {
            organisation: Some(organisation.into()),
            region: None,
            ..member(inv, c)
        }
    }

    #[test]
    fn each_constituency_has_its_unit_of_response() {
        let s = [1u8; 32];
        for per in [Respondents::PerParty, Respondents::PerInvitee] {
            let at = |i: &Invitee| locator(&s, &i.respondent(per));
            // Committee members: one response each, whatever the consultation says.
            let a = member("i1", Constituency::AnimalsCommittee);
            let b = member("i2", Constituency::AnimalsCommittee);
            assert_ne!(at(&a), at(&b), "{per:?}");
            assert_eq!(
                a.respondent(per),
                Respondent::Invitation(a.invitation_id.clone())
            );
            // Partners: one per organisation, its name compared folded.
            let p = partner("i3", Constituency::PartnerNgo, "TRAFFIC  International");
            let q = partner("i4", Constituency::PartnerNgo, "traffic international");
            assert_eq!(at(&p), at(&q), "{per:?}");
            let other = partner("i5", Constituency::PartnerNgo, "WWF");
            assert_ne!(at(&p), at(&other));
            let other_kind = partner("i6", Constituency::PartnerIgo, "TRAFFIC International");
            assert_ne!(
                at(&p),
                at(&other_kind),
                "an organisation is per kind of partner"
            );
            // Never the locator of a Party or of an invitation.
            assert_ne!(at(&p), at(&invitee("i3", "MG")));
            assert_ne!(
                at(&p),
                locator(&s, &Respondent::Invitation(p.invitation_id.clone()))
            );
            assert_ne!(
                at(&p),
                locator(&[2u8; 32], &p.respondent(per)),
                "needs the secret"
            );
        }
        assert!(invitee("i1", "MG").asked_support());
        assert!(!member("i1", Constituency::PlantsCommittee).asked_support());
        assert!(!partner("i1", Constituency::PartnerPrivate, "X").asked_support());
    }

    #[test]
    fn the_reshuffle_mark_is_per_server() {
        let a = Reshuffle::default();
        let b = Reshuffle::default();
        a.mark();
        assert!(a.is_due());
        assert!(!b.is_due(), "another server's mark is its own");
        assert!(a.clone().is_due(), "clones share one mark");
    }
}
