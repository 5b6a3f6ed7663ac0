//! Responses: drafts, saves, submission, reopening — anonymous by design.
//!
//! A response is found through its *locator*: `HMAC(consultation secret,
//! "consulta/response/locator" ‖ subject)`, where the subject is the invitee's Party
//! (one response per Party) or invitation (one per invitee). The secret is
//! kept only sealed under the server key and deleted at close, when the
//! locators are erased too. The invitation side stores the link token's
//! digest under another key and domain; nothing on it equals or recomputes
//! to a locator. Ids are random, rows carry no time and no language, and the
//! only attributes are the region (from the invitation) and the declared
//! donor/recipient status.

use super::consultations::{self, Consultation, Scope};
use super::invitations::{self, Invitee, Submitter};
use super::secrets;
use super::tallies::{self, Change};
use crate::domain::ids::ConsultationId;
use crate::domain::region::Region;
use crate::domain::response::{Stage, Support};
use crate::domain::survey::answers::{self, AnswerError, Answers};
use crate::domain::survey::lifecycle::State;
use crate::domain::survey::{Respondents, Section, Survey};
use crate::error::AppError;
use crate::ssr::db::begin_write;
use crate::ssr::entities::{response as r, response_day as rd};
use crate::ssr::keys::ServerKey;
use crate::ssr::submissions::{Ready, Who, Writer};
use chrono::Utc;
use hmac::{Hmac, Mac};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
};
use sha2::Sha256;
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

/// What a respondent opens: the consultation, and their response if one exists.
#[derive(Debug, Clone)]
pub struct Opened {
    pub consultation: Consultation,
    pub response: Option<Response>,
}

/// Set when a response is submitted: PostgreSQL's heap keeps rows in the
/// order they were last written, so housekeeping rewrites the tables in the
/// order of their random keys ([`reshuffle`]).
static RESHUFFLE_DUE: AtomicBool = AtomicBool::new(false);

/// One response writer at a time on SQLite (which has one write lock):
/// transactions wait their turn here, in order, instead of sleeping in
/// SQLite's busy handler. PostgreSQL needs no lane.
static SQLITE_LANE: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

pub(crate) async fn lane(db: &DatabaseConnection) -> Option<tokio::sync::MutexGuard<'static, ()>> {
    match db.get_database_backend() {
        sea_orm::DatabaseBackend::Sqlite => Some(SQLITE_LANE.lock().await),
        _ => None,
    }
}

/// Notes that submissions were written (see [`reshuffle`]).
pub(crate) fn reshuffle_due() {
    RESHUFFLE_DUE.store(true, Ordering::Relaxed);
}

/// The locator of `invitee`'s response under `secret`.
pub fn locator(secret: &[u8; 32], respondents: Respondents, invitee: &Invitee) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(b"consulta/response/locator\0");
    match respondents {
        Respondents::PerParty => {
            mac.update(b"party\0");
            mac.update(invitee.party.as_str().as_bytes());
        }
        Respondents::PerInvitee => {
            mac.update(b"invitation\0");
            mac.update(invitee.invitation_id.as_bytes());
        }
    }
    hex::encode(mac.finalize().into_bytes())
}

async fn locate<C: ConnectionTrait>(
    db: &C,
    key: &ServerKey,
    c: &Consultation,
    invitee: &Invitee,
) -> Result<String, AppError> {
    let secret = match &invitee.seen.secret {
        Some(s) => s.0,
        None => invitations::consultation_secret(db, key, &invitee.consultation)
            .await?
            .ok_or(AppError::LinkClosed)?,
    };
    Ok(locator(&secret, c.survey.respondents(), invitee))
}

/// The open consultation `invitee` was invited to: built from what
/// [`invitations::find_link`] read with the invitation and the survey parsed
/// at that version, or read again when that version is not parsed yet.
pub async fn consultation(
    db: &DatabaseConnection,
    invitee: &Invitee,
) -> Result<Consultation, AppError> {
    let seen = &invitee.seen;
    let c = match consultations::cached(&invitee.consultation, seen.version) {
        Some(survey) => Consultation {
            id: invitee.consultation.clone(),
            // find_link found it open.
            state: State::Open,
            survey,
            opens_at: None,
            deadline: seen.deadline,
            locked: seen.locked,
            version: seen.version,
        },
        None => consultations::get(db, &Scope::All, &invitee.consultation).await?,
    };
    if c.state != State::Open {
        return Err(AppError::LinkClosed);
    }
    Ok(c)
}

fn parse_answers(json: Option<&str>) -> Result<Answers, AppError> {
    match json {
        None => Ok(Answers::new()),
        Some(j) => serde_json::from_str(j).map_err(|e| {
            tracing::error!(error = %e, "a stored response does not read");
            AppError::Internal
        }),
    }
}

fn to_json(a: &Answers) -> String {
    serde_json::to_string(a).unwrap_or_else(|_| "{}".into())
}

fn view(m: &r::Model) -> Result<Response, AppError> {
    Ok(Response {
        stage: Stage::parse(&m.stage).ok_or(AppError::Internal)?,
        support: m.support.as_deref().and_then(Support::parse),
        answers: parse_answers(m.answers.as_deref().or(m.submitted.as_deref()))?,
        version: m.version,
    })
}

async fn find<C: ConnectionTrait>(db: &C, locator: &str) -> Result<Option<r::Model>, AppError> {
    Ok(r::Entity::find()
        .filter(r::Column::Locator.eq(locator))
        .one(db)
        .await?)
}

/// The consultation `invitee` was invited to, and their response so far.
pub async fn open(
    db: &DatabaseConnection,
    key: &ServerKey,
    invitee: &Invitee,
) -> Result<Opened, AppError> {
    let consultation = consultation(db, invitee).await?;
    let loc = locate(db, key, &consultation, invitee).await?;
    let response = find(db, &loc).await?.as_ref().map(view).transpose()?;
    Ok(Opened {
        consultation,
        response,
    })
}

/// What one save writes.
#[derive(Debug, Clone)]
pub struct Save {
    /// The version the form was opened on; `None`: no response existed.
    pub version: Option<i32>,
    /// The declared status, when the form had the profile.
    pub support: Option<Option<Support>>,
    /// A page's answers, replacing the answers to that page's questions.
    pub page: Option<(Section, Answers)>,
}

/// Why a save or a submission was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// Someone else saved (or submitted) since the form was opened.
    Stale,
    /// Already submitted, and not reopened.
    Submitted,
    /// Answers to correct first.
    Invalid(Vec<AnswerError>),
    /// No donor/recipient status declared.
    NoSupport,
}

/// The consultation and the locator of `invitee`'s response, in `txn`.
async fn begin<C: ConnectionTrait>(
    txn: &C,
    key: &ServerKey,
    invitee: &Invitee,
) -> Result<(Consultation, String), AppError> {
    let c = consultations::get(txn, &Scope::All, &invitee.consultation).await?;
    if c.state != State::Open {
        return Err(AppError::LinkClosed);
    }
    let loc = locate(txn, key, &c, invitee).await?;
    Ok((c, loc))
}

/// Saves a draft: a page's answers and/or the profile, conditional on the
/// version the form was opened on. Creates the response on first save (and
/// locks the consultation's structure).
pub async fn save(
    db: &DatabaseConnection,
    key: &ServerKey,
    invitee: &Invitee,
    save: Save,
) -> Result<Result<i32, Refusal>, AppError> {
    let _lane = lane(db).await;
    let txn = begin_write(db).await?;
    let (c, loc) = begin(&txn, key, invitee).await?;
    let saved = write_draft(&txn, &c, &loc, invitee, save).await?;
    if saved.is_ok() {
        txn.commit().await?;
    }
    Ok(saved)
}

/// Submits the response as of `version` (see [`submit_in`]).
pub async fn submit(
    db: &DatabaseConnection,
    key: &ServerKey,
    invitee: &Invitee,
    version: i32,
) -> Result<Result<(), Refusal>, AppError> {
    let _lane = lane(db).await;
    let txn = begin_write(db).await?;
    let (c, loc) = begin(&txn, key, invitee).await?;
    let done = submit_in(&txn, &c, &loc, invitee, version).await?;
    if done.is_ok() {
        txn.commit().await?;
    }
    Ok(done)
}

async fn write_draft<C: ConnectionTrait>(
    txn: &C,
    c: &Consultation,
    loc: &str,
    invitee: &Invitee,
    save: Save,
) -> Result<Result<i32, Refusal>, AppError> {
    let current = find(txn, loc).await?;
    let apply = |answers: Answers| match &save.page {
        Some((page, new)) => answers::merge(&answers, page, new.clone()),
        None => answers,
    };
    match (&current, save.version) {
        (None, None) => {
            let answers = apply(Answers::new());
            let inserted = r::Entity::insert(r::ActiveModel {
                id: Set(secrets::random_id()),
                consultation_id: Set(c.id.as_str().to_string()),
                locator: Set(Some(loc.to_string())),
                region: Set(invitee.region.code().to_string()),
                support: Set(save.support.flatten().map(|s| s.code().to_string())),
                stage: Set(Stage::Draft.code().to_string()),
                answers: Set(Some(to_json(&answers))),
                submitted: Set(None),
                submitted_support: Set(None),
                version: Set(1),
            })
            .on_conflict(
                OnConflict::column(r::Column::Locator)
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(txn)
            .await?;
            if inserted == 0 {
                // A colleague's first save won the race.
                return Ok(Err(Refusal::Stale));
            }
            consultations::lock_structure(txn, &c.id).await?;
            Ok(Ok(1))
        }
        (None, Some(_)) | (Some(_), None) => Ok(Err(Refusal::Stale)),
        (Some(row), Some(v)) => {
            if row.version != v {
                return Ok(Err(Refusal::Stale));
            }
            if row.stage == Stage::Submitted.code() {
                return Ok(Err(Refusal::Submitted));
            }
            let answers = apply(parse_answers(row.answers.as_deref())?);
            let mut u = r::Entity::update_many()
                .col_expr(r::Column::Answers, Expr::value(to_json(&answers)))
                .col_expr(r::Column::Version, Expr::value(v + 1));
            if let Some(support) = save.support {
                u = u.col_expr(
                    r::Column::Support,
                    Expr::value(support.map(|s| s.code().to_string())),
                );
            }
            let res = u
                .filter(r::Column::Id.eq(row.id.clone()))
                .filter(r::Column::Version.eq(v))
                .exec(txn)
                .await?;
            if res.rows_affected != 1 {
                return Ok(Err(Refusal::Stale));
            }
            Ok(Ok(v + 1))
        }
    }
}

/// Submits the response as of `version`: every answer checked, required
/// ones included; only answers to questions that apply are kept. The first
/// submission counts; it is recorded on the invitation side as a fact (for
/// reminders), and counted for its day.
async fn submit_in<C: ConnectionTrait>(
    txn: &C,
    c: &Consultation,
    loc: &str,
    invitee: &Invitee,
    version: i32,
) -> Result<Result<(), Refusal>, AppError> {
    let Some(row) = find(txn, loc).await? else {
        return Ok(Err(Refusal::Stale));
    };
    if row.version != version {
        return Ok(Err(Refusal::Stale));
    }
    if row.stage == Stage::Submitted.code() {
        return Ok(Err(Refusal::Submitted));
    }
    let support = row.support.as_deref().and_then(Support::parse);
    let answers = answers::with_profile(&parse_answers(row.answers.as_deref())?, support);
    let problems = answers::check(&c.survey, &answers, answers::Scope::Submit);
    if !problems.is_empty() {
        return Ok(Err(Refusal::Invalid(problems)));
    }
    let Some(status) = support else {
        return Ok(Err(Refusal::NoSupport));
    };
    // Only answers to the survey's questions that apply (not the profile's).
    let applicable = answers::applicable(&c.survey, &answers);
    let kept = to_json(&applicable);
    let res = r::Entity::update_many()
        .col_expr(r::Column::Stage, Expr::value(Stage::Submitted.code()))
        .col_expr(r::Column::Answers, Expr::value(kept.clone()))
        .col_expr(r::Column::Submitted, Expr::value(kept))
        .col_expr(r::Column::SubmittedSupport, Expr::value(status.code()))
        .col_expr(r::Column::Version, Expr::value(version + 1))
        .filter(r::Column::Id.eq(row.id.clone()))
        .filter(r::Column::Version.eq(version))
        .exec(txn)
        .await?;
    if res.rows_affected != 1 {
        return Ok(Err(Refusal::Stale));
    }
    let region: Region = row.region.parse().map_err(|_| AppError::Internal)?;
    let mut changes = vec![Change::of(&c.survey, region, status, &applicable, 1)];
    changes.extend(withdrawn(&c.survey, &row)?);
    tallies::apply(txn, &c.id, &changes.iter().collect::<Vec<_>>()).await?;
    if row.submitted.is_none() {
        count_day(txn, &c.id).await?;
        let who = match c.survey.respondents() {
            Respondents::PerParty => Submitter::Party(&invitee.party),
            Respondents::PerInvitee => Submitter::Invitation(&invitee.invitation_id),
        };
        invitations::mark_submitted(txn, &c.id, &[who]).await?;
    }
    reshuffle_due();
    Ok(Ok(()))
}

/// The tallies a response's earlier submission takes back when it is
/// submitted again (none if it was never submitted).
fn withdrawn(survey: &Survey, row: &r::Model) -> Result<Option<Change>, AppError> {
    let (Some(json), Some(support)) = (
        row.submitted.as_deref(),
        row.submitted_support
            .as_deref()
            .or(row.support.as_deref())
            .and_then(Support::parse),
    ) else {
        return Ok(None);
    };
    let region: Region = row.region.parse().map_err(|_| AppError::Internal)?;
    Ok(Some(Change::of(
        survey,
        region,
        support,
        &parse_answers(Some(json))?,
        -1,
    )))
}

/// What the one-page form sends to submit.
#[derive(Debug, Clone)]
pub struct Submission {
    /// The version the form was opened on; `None`: no response existed.
    pub version: Option<i32>,
    pub support: Option<Support>,
    /// Every answer (they replace all the response's answers).
    pub answers: Answers,
}

/// The one-page form's "Submit": every answer (`new` replaces all the
/// response's answers) and the status, checked against the survey, then
/// written and submitted by the [`Writer`] (group commit) with writes
/// conditional on what was read (the response's version and stage) and the
/// consultation checked open in the same transaction. What is not complete
/// is saved as a draft and refused with its problems, so nothing typed is lost.
pub async fn submit_all(
    db: &DatabaseConnection,
    writer: &Writer,
    key: &ServerKey,
    invitee: &Invitee,
    c: &Consultation,
    sent: &Submission,
) -> Result<Result<(), Refusal>, AppError> {
    let &Submission {
        version,
        support,
        answers: ref new,
    } = sent;
    let loc = locate(db, key, c, invitee).await?;
    let row = find(db, &loc).await?;
    match (&row, version) {
        (None, None) => {}
        (Some(r), Some(v)) if r.version == v => {
            if r.stage == Stage::Submitted.code() {
                return Ok(Err(Refusal::Submitted));
            }
        }
        _ => return Ok(Err(Refusal::Stale)),
    }
    let evaluated = answers::with_profile(new, support);
    let problems = answers::check(&c.survey, &evaluated, answers::Scope::Submit);
    if !problems.is_empty() || support.is_none() {
        let draft = Save {
            version,
            support: Some(support),
            page: Some((answers::whole(&c.survey), new.clone())),
        };
        if let Err(r) = save(db, key, invitee, draft).await? {
            return Ok(Err(r));
        }
        return Ok(Err(if problems.is_empty() {
            Refusal::NoSupport
        } else {
            Refusal::Invalid(problems)
        }));
    }
    let Some(status) = support else {
        return Ok(Err(Refusal::NoSupport));
    };
    let applicable = answers::into_applicable(&c.survey, evaluated);
    let mut changes = vec![Change::of(
        &c.survey,
        invitee.region,
        status,
        &applicable,
        1,
    )];
    if let Some(r) = &row {
        changes.extend(withdrawn(&c.survey, r)?);
    }
    let ready = Ready {
        consultation: c.id.clone(),
        locked: c.locked,
        existing: row
            .as_ref()
            .map(|r| (r.id.clone(), r.version, r.submitted.is_some())),
        locator: loc,
        region: invitee.region.code().to_string(),
        support: status.code().to_string(),
        answers: to_json(&applicable),
        tallies: changes,
        who: match c.survey.respondents() {
            Respondents::PerParty => Who::Party(invitee.party.clone()),
            Respondents::PerInvitee => Who::Invitation(invitee.invitation_id.clone()),
        },
    };
    writer.submit(ready).await
}

/// Adds one to today's count of first submissions.
async fn count_day<C: ConnectionTrait>(txn: &C, id: &ConsultationId) -> Result<(), AppError> {
    count_days(txn, id, 1).await
}

/// Adds `n` to today's count of first submissions.
pub(crate) async fn count_days<C: ConnectionTrait>(
    txn: &C,
    id: &ConsultationId,
    n: i32,
) -> Result<(), AppError> {
    rd::Entity::insert(rd::ActiveModel {
        consultation_id: Set(id.as_str().to_string()),
        day: Set(Utc::now().format("%Y-%m-%d").to_string()),
        submissions: Set(n),
    })
    .on_conflict(
        OnConflict::columns([rd::Column::ConsultationId, rd::Column::Day])
            .value(
                rd::Column::Submissions,
                Expr::col((rd::Entity, rd::Column::Submissions)).add(Expr::value(n)),
            )
            .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    Ok(())
}

/// Reopens a submitted response (as of `version`) to change it, if the
/// consultation allows changes. Its submitted answers count until it is
/// submitted again.
pub async fn reopen(
    db: &DatabaseConnection,
    key: &ServerKey,
    invitee: &Invitee,
    version: i32,
) -> Result<Result<i32, Refusal>, AppError> {
    let _lane = lane(db).await;
    let txn = begin_write(db).await?;
    let c = consultations::get(&txn, &Scope::All, &invitee.consultation).await?;
    if c.state != State::Open {
        return Err(AppError::LinkClosed);
    }
    if !c.survey.allow_changes {
        return Err(AppError::conflict("response-error-no-changes"));
    }
    let loc = locate(&txn, key, &c, invitee).await?;
    let res = r::Entity::update_many()
        .col_expr(r::Column::Stage, Expr::value(Stage::Reopened.code()))
        .col_expr(r::Column::Version, Expr::value(version + 1))
        .filter(r::Column::Locator.eq(loc))
        .filter(r::Column::Stage.eq(Stage::Submitted.code()))
        .filter(r::Column::Version.eq(version))
        .exec(&txn)
        .await?;
    if res.rows_affected != 1 {
        return Ok(Err(Refusal::Stale));
    }
    txn.commit().await?;
    Ok(Ok(version + 1))
}

/// At close: drafts never submitted are deleted; submitted responses keep
/// only their submitted answers, and lose their locator (with the
/// consultation's secret, deleted in the same transaction, nothing could
/// recompute it anyway).
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
    reshuffle_due();
    Ok(())
}

/// On PostgreSQL, rewrites the response and invitation tables in the order
/// of their random primary keys when submissions happened since the last
/// run, so that neither table's physical order (what a dump lists) follows
/// the order of submissions. SQLite needs nothing: `response` is `WITHOUT
/// ROWID` (kept in key order) and updates of `invitation` stay in place.
pub async fn reshuffle(db: &DatabaseConnection) -> Result<bool, AppError> {
    if db.get_database_backend() != sea_orm::DatabaseBackend::Postgres
        || !RESHUFFLE_DUE.swap(false, Ordering::Relaxed)
    {
        return Ok(false);
    }
    reshuffle_now(db).await?;
    Ok(true)
}

/// [`reshuffle`] whether or not it is due (PostgreSQL only). The "due"
/// mark is per process: tests running several servers in one process
/// clear each other's.
pub async fn reshuffle_now(db: &DatabaseConnection) -> Result<(), AppError> {
    if db.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
        return Ok(());
    }
    for sql in [
        "CLUSTER response USING response_pkey",
        "CLUSTER invitation USING invitation_pkey",
    ] {
        if let Err(e) = db.execute_unprepared(sql).await {
            reshuffle_due();
            return Err(e.into());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::PartyCode;
    use crate::domain::lang::Lang;
    use crate::domain::region::Region;

    fn invitee(inv: &str, party: &str) -> Invitee {
        Invitee {
            invitation_id: inv.into(),
            consultation: ConsultationId::parse(&"a".repeat(32)).unwrap(),
            lang: Lang::Fr,
            region: Region::Africa,
            party: PartyCode::parse(party).unwrap(),
            seen: invitations::Seen {
                version: 1,
                locked: false,
                deadline: None,
                secret: None,
            },
        }
    }

    #[test]
    fn locators_follow_the_mode_and_need_the_secret() {
        let s1 = [1u8; 32];
        let s2 = [2u8; 32];
        let a = invitee("i1", "MG");
        let b = invitee("i2", "MG");
        let per_party = Respondents::PerParty;
        let per_invitee = Respondents::PerInvitee;
        assert_eq!(locator(&s1, per_party, &a), locator(&s1, per_party, &b));
        assert_ne!(locator(&s1, per_invitee, &a), locator(&s1, per_invitee, &b));
        assert_ne!(locator(&s1, per_party, &a), locator(&s2, per_party, &a));
        let token = invitations::token_for(&s1, "i1");
        assert_ne!(locator(&s1, per_invitee, &a), token, "domains differ");
        assert_eq!(locator(&s1, per_party, &a).len(), 64);
    }
}
