//! Closing a consultation: the one place where its results are frozen and
//! everything that could tie a response to a Party is forgotten. A
//! consultation closes by hand ([`close`], which also archives) or at its
//! deadline ([`close_past_deadline`]); either way, in the transaction that
//! closes it ([`close_in`]):
//! 1. drafts never submitted are deleted and submitted responses lose
//!    their locator (`responses::seal_at_close`); the per-consultation
//!    secret is deleted (`invitations::forget_secret`);
//! 2. the figures are computed once from the tallies, with disclosure
//!    control over every published table ([`summary::summarise_all`]: the
//!    Parties', from the Parties' tallies only; [`summary::summarise_constituencies`]:
//!    each other constituency with responses on its own, overall and by
//!    region), and kept in `consultation_result`; free-text answers are
//!    kept per question, constituency and region, only for regions shown
//!    (in that constituency's figures) with at least k texts, in a random
//!    order of each question's own, with their language only where the
//!    list has at least k texts in it (`result_text`);
//! 3. responses are generalised so that no stored group is smaller than the
//!    published ones allow: a Party response's status is dropped where the
//!    region × status group is withheld, the region (and status) where the
//!    region is withheld; when even the total is withheld, the responses are
//!    deleted. Another constituency's responses lose their status (never
//!    published for them) and, in the same way, their region where the
//!    constituency × region group is withheld, or are deleted where the
//!    constituency's total is; the tallies (one row per constituency ×
//!    region × status, some of them of one member) are deleted;
//! 4. the invitation side forgets who opened and who answered, and how many
//!    reminders went; its outbox rows and reminder schedule are deleted.
//!
//! After the commit, [`scrub`] makes the deletions physical: SQLite runs
//! with `secure_delete` (freed content is zeroed) and its write-ahead log is
//! checkpointed and truncated; PostgreSQL vacuums the tables that held
//! secrets, so dead tuples are reclaimed.

use super::consultations;
use super::responses::{self, Reshuffle};
use super::{invitations, tallies};
use crate::domain::account::StaffUser;
use crate::domain::constituency::Constituency;
use crate::domain::disclosure::Threshold;
use crate::domain::ids::ConsultationId;
use crate::domain::lang::Lang;
use crate::domain::outcome::Outcome;
use crate::domain::region::Region;
use crate::domain::response::Support;
use crate::domain::summary::{self, ConstituencySummaries, Grouping, Summary};
use crate::domain::survey::answers::{Answer, Answers};
use crate::domain::survey::lifecycle::{State, TransitionRefusal};
use crate::domain::survey::{QuestionKind, Survey};
use crate::error::AppError;
use crate::ssr::entities::{
    consultation as c, consultation_result as cr, invitation as inv, outbox, reminder_schedule,
    response as r, result_text as rt,
};
use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection,
    EntityTrait, QueryFilter, QuerySelect, Statement,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// A closed consultation's frozen figures: the Parties' summaries by every
/// grouping, over every region, and which free-text lists were kept; then
/// every other constituency's with responses, on its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Frozen {
    pub k: Threshold,
    /// The Parties' figures.
    pub summaries: Vec<Summary>,
    /// (question, region, texts kept) of the Parties.
    pub texts: Vec<(String, Region, u64)>,
    /// Every other constituency that had responses, in declaration order
    /// (none in results frozen before constituencies existed).
    #[serde(default)]
    pub constituencies: Vec<FrozenConstituency>,
}

/// One constituency's (other than the Parties') frozen figures and texts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrozenConstituency {
    pub figures: ConstituencySummaries,
    /// (question, region, texts kept).
    pub texts: Vec<(String, Region, u64)>,
}

impl FrozenConstituency {
    pub fn constituency(&self) -> Constituency {
        self.figures.constituency
    }

    /// How many texts of `question` were kept for `region` (`None`: none
    /// are shown).
    pub fn texts_of(&self, question: &str, region: Region) -> Option<u64> {
        self.texts
            .iter()
            .find(|(q, r, _)| q == question && *r == region)
            .map(|(_, _, n)| *n)
    }
}

impl Frozen {
    /// The summary by `grouping`.
    pub fn summary(&self, grouping: Grouping) -> Option<&Summary> {
        self.summaries.iter().find(|s| s.grouping == grouping)
    }

    /// How many texts of `question` were kept for `region` (`None`: none
    /// are shown for that region).
    pub fn texts_of(&self, question: &str, region: Region) -> Option<u64> {
        self.texts
            .iter()
            .find(|(q, r, _)| q == question && *r == region)
            .map(|(_, _, n)| *n)
    }

    /// The frozen figures of `constituency`, another than the Parties', if
    /// it had responses.
    pub fn constituency(&self, constituency: Constituency) -> Option<&FrozenConstituency> {
        self.constituencies
            .iter()
            .find(|c| c.constituency() == constituency)
    }

    /// How many texts of `question` were kept for `constituency` in
    /// `region` (`None`: none are shown).
    pub fn texts_in(
        &self,
        constituency: Constituency,
        question: &str,
        region: Region,
    ) -> Option<u64> {
        if constituency == Constituency::Party {
            self.texts_of(question, region)
        } else {
            self.constituency(constituency)?.texts_of(question, region)
        }
    }
}

/// Closes consultation `id` (as of `version`) by hand, or archives it
/// (`to`: closed or archived), if the lifecycle allows it: the state is
/// changed and audited ([`consultations::transition_in`]) and the
/// consultation closed ([`close_in`]) in one transaction, then the deleted
/// content scrubbed ([`scrub`]).
pub async fn close(
    db: &DatabaseConnection,
    reshuffle: &Reshuffle,
    actor: &StaffUser,
    id: &ConsultationId,
    version: i32,
    to: State,
    k: Threshold,
) -> Result<Outcome<(), TransitionRefusal>, AppError> {
    if !consultations::closes(to) {
        tracing::error!(to = to.code(), "not a closing transition");
        return Err(AppError::Internal);
    }
    let txn = crate::ssr::db::begin_write(db).await?;
    // Before the consultation's row: submissions under way commit first,
    // later ones find it closed (`row_order::hold_exclusive`).
    super::row_order::hold_exclusive(&txn, id.as_str()).await?;
    let current = match consultations::transition_in(&txn, actor, id, version, to).await? {
        Outcome::Done(c) => c,
        Outcome::Refused(refusal) => return Ok(Outcome::Refused(refusal)),
    };
    close_in(&txn, id, &current.survey, k).await?;
    txn.commit().await?;
    reshuffle.mark();
    if let Err(e) = scrub(db).await {
        tracing::warn!(error = %e, "scrubbing after close failed (retried at the next start)");
    }
    Ok(Outcome::Done(()))
}

/// Records in the database that open consultations past their deadline are
/// closed (pages already show them closed; this keeps the stored state true),
/// each closed as by hand ([`close_in`]) in the same transaction. Returns
/// how many.
pub async fn close_past_deadline(
    db: &DatabaseConnection,
    reshuffle: &Reshuffle,
    k: Threshold,
) -> Result<u64, AppError> {
    let txn = crate::ssr::db::begin_write(db).await?;
    let now = Utc::now();
    let due: Vec<c::Model> = c::Entity::find()
        .filter(c::Column::State.eq(State::Open.code()))
        .filter(c::Column::Deadline.lte(now))
        .all(&txn)
        .await?;
    let n = due.len() as u64;
    let mut due = due;
    // In one order, as the submissions writer takes them (no deadlock).
    due.sort_by(|a, b| a.id.cmp(&b.id));
    for m in due {
        super::row_order::hold_exclusive(&txn, m.id.as_str()).await?;
        c::Entity::update_many()
            .col_expr(c::Column::State, Expr::value(State::Closed.code()))
            .col_expr(c::Column::Version, Expr::col(c::Column::Version).add(1))
            .filter(c::Column::Id.eq(m.id.clone()))
            .filter(c::Column::State.eq(State::Open.code()))
            .exec(&txn)
            .await?;
        let closing = consultations::from_row(m)?;
        close_in(&txn, &closing.id, &closing.survey, k).await?;
    }
    txn.commit().await?;
    if n > 0 {
        reshuffle.mark();
        if let Err(e) = scrub(db).await {
            tracing::warn!(error = %e, "scrubbing after close failed");
        }
    }
    Ok(n)
}

/// Closes consultation `id` in `txn` (whose state the caller has just set
/// to closed or archived): see the module documentation.
pub async fn close_in<C: ConnectionTrait>(
    txn: &C,
    id: &ConsultationId,
    survey: &Survey,
    k: Threshold,
) -> Result<(), AppError> {
    // No submission is written meanwhile, and no response moved
    // (`row_order`); taken already if the caller changed the state.
    super::row_order::hold_exclusive(txn, id.as_str()).await?;
    responses::seal_at_close(txn, id).await?;
    invitations::forget_secret(txn, id).await?;
    if !frozen_exists(txn, id).await? {
        freeze(txn, id, survey, k).await?;
    }
    forget_invitations(txn, id).await?;
    // PostgreSQL: no row keeps the place its submission gave it.
    super::row_order::rewrite_at_close(txn, id.as_str()).await?;
    Ok(())
}

async fn frozen_exists<C: ConnectionTrait>(db: &C, id: &ConsultationId) -> Result<bool, AppError> {
    Ok(cr::Entity::find_by_id(id.clone())
        .select_only()
        .column(cr::Column::ConsultationId)
        .into_tuple::<String>()
        .one(db)
        .await?
        .is_some())
}

/// Computes and keeps the figures and texts, then generalises the
/// responses and deletes the tallies.
async fn freeze<C: ConnectionTrait>(
    txn: &C,
    id: &ConsultationId,
    survey: &Survey,
    k: Threshold,
) -> Result<(), AppError> {
    let t = tallies::read(txn, id).await?;
    let summaries = summary::summarise_all(survey, &t, k);
    let others = summary::summarise_constituencies(survey, &t, k);
    let shown = |grouping: Grouping, region: Option<Region>, support: Option<Support>| {
        summaries
            .iter()
            .find(|s| s.grouping == grouping)
            .and_then(|s| {
                s.responses
                    .iter()
                    .find(|(g, _)| g.region == region && g.support == support)
            })
            .is_some_and(|(_, n)| n.is_some())
    };
    let total_shown = shown(Grouping::Overall, None, None);
    let other = |c: Constituency| others.iter().find(|o| o.constituency == c);

    let kept = keep_texts(txn, id, survey, k, |c, r| {
        if c == Constituency::Party {
            shown(Grouping::Region, Some(r), None)
        } else {
            other(c).is_some_and(|o| o.shown(Some(r)))
        }
    })
    .await?;
    // Generalise: no stored group smaller than a published one allows —
    // the status goes where the region × status group is withheld, the
    // region (and status) where the region is withheld, everything when the
    // total is.
    let of_parties = || {
        r::Entity::update_many()
            .filter(r::Column::ConsultationId.eq(id.as_str()))
            .filter(r::Column::Constituency.eq(Constituency::Party))
    };
    if !total_shown {
        r::Entity::delete_many()
            .filter(r::Column::ConsultationId.eq(id.as_str()))
            .filter(r::Column::Constituency.eq(Constituency::Party))
            .exec(txn)
            .await?;
    } else {
        let shown_regions: Vec<&str> = Region::ALL
            .into_iter()
            .filter(|r| shown(Grouping::Region, Some(*r), None))
            .map(|r| r.code())
            .collect();
        for region in Region::ALL
            .into_iter()
            .filter(|r| shown_regions.contains(&r.code()))
        {
            for support in Support::ALL {
                if !shown(Grouping::RegionSupport, Some(region), Some(support)) {
                    of_parties()
                        .col_expr(r::Column::Support, Expr::value(Option::<String>::None))
                        .col_expr(
                            r::Column::SubmittedSupport,
                            Expr::value(Option::<String>::None),
                        )
                        .filter(r::Column::Region.eq(region.code()))
                        .filter(r::Column::SubmittedSupport.eq(support.code()))
                        .exec(txn)
                        .await?;
                }
            }
        }
        of_parties()
            .col_expr(r::Column::Region, Expr::value(String::new()))
            .col_expr(r::Column::Support, Expr::value(Option::<String>::None))
            .col_expr(
                r::Column::SubmittedSupport,
                Expr::value(Option::<String>::None),
            )
            .filter(r::Column::Region.is_not_in(shown_regions))
            .exec(txn)
            .await?;
    }
    // Every other constituency alike, in its own groups (overall and by
    // region; no status is published for them, so none is kept).
    for c in Constituency::others() {
        let of_constituency = || {
            r::Entity::update_many()
                .filter(r::Column::ConsultationId.eq(id.as_str()))
                .filter(r::Column::Constituency.eq(c))
        };
        match other(c).filter(|o| o.shown(None)) {
            None => {
                r::Entity::delete_many()
                    .filter(r::Column::ConsultationId.eq(id.as_str()))
                    .filter(r::Column::Constituency.eq(c))
                    .exec(txn)
                    .await?;
            }
            Some(o) => {
                let shown_regions: Vec<&str> = Region::ALL
                    .into_iter()
                    .filter(|r| o.shown(Some(*r)))
                    .map(|r| r.code())
                    .collect();
                of_constituency()
                    .col_expr(r::Column::Support, Expr::value(Option::<String>::None))
                    .col_expr(
                        r::Column::SubmittedSupport,
                        Expr::value(Option::<String>::None),
                    )
                    .exec(txn)
                    .await?;
                of_constituency()
                    .col_expr(r::Column::Region, Expr::value(String::new()))
                    .filter(r::Column::Region.is_not_in(shown_regions))
                    .exec(txn)
                    .await?;
            }
        }
    }
    crate::ssr::entities::tally::Entity::delete_many()
        .filter(crate::ssr::entities::tally::Column::ConsultationId.eq(id.as_str()))
        .exec(txn)
        .await?;
    let mut texts = vec![];
    let mut texts_of: BTreeMap<Constituency, Vec<(String, Region, u64)>> = BTreeMap::new();
    for (c, q, r, n) in kept {
        if c == Constituency::Party {
            texts.push((q, r, n));
        } else {
            texts_of.entry(c).or_default().push((q, r, n));
        }
    }
    let frozen = Frozen {
        k,
        summaries,
        texts,
        constituencies: others
            .into_iter()
            .map(|figures| FrozenConstituency {
                texts: texts_of.remove(&figures.constituency).unwrap_or_default(),
                figures,
            })
            .collect(),
    };
    cr::Entity::insert(cr::ActiveModel {
        consultation_id: Set(id.clone()),
        k: Set(k.get() as i32),
        body: Set(serde_json::to_string(&frozen).map_err(|e| {
            tracing::error!(error = %e, "frozen results do not serialise");
            AppError::Internal
        })?),
    })
    .exec_without_returning(txn)
    .await?;

    Ok(())
}

/// Keeps the free-text answers of the constituencies' regions `shown` (see
/// the module documentation) and returns the lists kept: (constituency,
/// question, region, texts).
///
/// Responses are read a page at a time, so memory does not grow with the
/// consultation. Each text is written at once (to a temporary table, then
/// copied in key order) under a random 63-bit position — ordering a list by
/// it is a random shuffle, drawn anew for each text, so every question's
/// list has an order of its own — with its detected language; afterwards
/// lists of fewer than k texts are deleted and a language fewer than k texts
/// of a list share is forgotten.
async fn keep_texts<C: ConnectionTrait>(
    txn: &C,
    id: &ConsultationId,
    survey: &Survey,
    k: Threshold,
    shown: impl Fn(Constituency, Region) -> bool,
) -> Result<Vec<(Constituency, String, Region, u64)>, AppError> {
    let questions: Vec<(&str, bool)> = survey
        .questions()
        .filter_map(|q| match q.kind {
            QuestionKind::ShortText { .. } | QuestionKind::LongText { .. } => {
                Some((q.id.as_str(), false))
            }
            QuestionKind::SingleChoice { other: true, .. } => Some((q.id.as_str(), true)),
            _ => None,
        })
        .collect();
    if questions.is_empty() {
        return Ok(vec![]);
    }
    let mut lists: BTreeMap<(Constituency, String, Region), u64> = BTreeMap::new();
    let mut languages: HashMap<(Constituency, String, Region, Lang), u64> = HashMap::new();
    // Texts go first to a table of this transaction's own, in the order
    // they are read (appends), each under a random position.
    let backend = txn.get_database_backend();
    let postgres = backend == DatabaseBackend::Postgres;
    txn.execute_unprepared(if postgres {
        "CREATE TEMPORARY TABLE closing_text (question text, constituency text, \
         region text, position bigint, body text, lang text) ON COMMIT DROP"
    } else {
        "CREATE TEMPORARY TABLE closing_text (question TEXT, constituency TEXT, \
         region TEXT, position INTEGER, body TEXT, lang TEXT)"
    })
    .await?;
    // The ids first (small), then the responses by primary key, a page at a
    // time: a page "after the last id" made SQLite walk the consultation's
    // index and sort every time, quadratic in the responses.
    let ids: Vec<String> = r::Entity::find()
        .select_only()
        .column(r::Column::Id)
        .filter(r::Column::ConsultationId.eq(id.as_str()))
        .filter(r::Column::Submitted.is_not_null())
        .into_tuple()
        .all(txn)
        .await?;
    for chunk in ids.chunks(500) {
        let page: Vec<(String, Constituency, String, Option<String>)> = r::Entity::find()
            .select_only()
            .column(r::Column::Id)
            .column(r::Column::Constituency)
            .column(r::Column::Region)
            .column(r::Column::Submitted)
            .filter(r::Column::Id.is_in(chunk.iter().cloned()))
            .into_tuple()
            .all(txn)
            .await?;
        let mut rows = vec![];
        for (_, constituency, region, submitted) in page {
            let (Ok(region), Some(json)) = (region.parse::<Region>(), submitted) else {
                continue;
            };
            if !shown(constituency, region) {
                continue;
            }
            let answers: Answers = serde_json::from_str(&json).map_err(|e| {
                tracing::error!(error = %e, "a submitted response does not read");
                AppError::Internal
            })?;
            for (q, other) in &questions {
                let text = match (answers.get(*q), other) {
                    (Some(Answer::Text(t)), false) => t,
                    (Some(Answer::Other(t)), true) => t,
                    _ => continue,
                };
                if text.trim().is_empty() {
                    continue;
                }
                let lang = detect(text);
                *lists
                    .entry((constituency, q.to_string(), region))
                    .or_default() += 1;
                if let Some(l) = lang {
                    *languages
                        .entry((constituency, q.to_string(), region, l))
                        .or_default() += 1;
                }
                rows.push([
                    sea_orm::Value::from(q.to_string()),
                    constituency.code().into(),
                    region.code().into(),
                    ((rand::random::<u64>() >> 1) as i64).into(),
                    text.clone().into(),
                    lang.map(|l| l.code().to_string()).into(),
                ]);
            }
        }
        for chunk in rows.chunks(200) {
            let mut sql = String::from(
                "INSERT INTO closing_text (question, constituency, region, position, body, lang) \
                 VALUES ",
            );
            for i in 0..chunk.len() {
                if i > 0 {
                    sql.push(',');
                }
                if postgres {
                    let b = i * 6;
                    sql.push_str(&format!(
                        "(${}, ${}, ${}, ${}, ${}, ${})",
                        b + 1,
                        b + 2,
                        b + 3,
                        b + 4,
                        b + 5,
                        b + 6
                    ));
                } else {
                    sql.push_str("(?, ?, ?, ?, ?, ?)");
                }
            }
            let values: Vec<sea_orm::Value> = chunk.iter().flatten().cloned().collect();
            txn.execute_raw(Statement::from_sql_and_values(backend, sql, values))
                .await?;
        }
    }
    // Into the kept table in key order: a sort, then appends (inserting
    // at random positions of a large index is many times slower).
    let copy = if postgres {
        "INSERT INTO result_text \
         (consultation_id, question, constituency, region, position, body, lang) \
         SELECT $1, question, constituency, region, position, body, lang FROM closing_text \
         ORDER BY question, constituency, region, position"
    } else {
        "INSERT INTO result_text \
         (consultation_id, question, constituency, region, position, body, lang) \
         SELECT ?, question, constituency, region, position, body, lang FROM closing_text \
         ORDER BY question, constituency, region, position"
    };
    txn.execute_raw(Statement::from_sql_and_values(
        backend,
        copy,
        [id.as_str().into()],
    ))
    .await?;
    txn.execute_unprepared("DROP TABLE closing_text").await?;
    let of_list = |c: Constituency, q: &str, r: Region| {
        sea_orm::Condition::all()
            .add(rt::Column::ConsultationId.eq(id.as_str()))
            .add(rt::Column::Question.eq(q))
            .add(rt::Column::Constituency.eq(c))
            .add(rt::Column::Region.eq(r.code()))
    };
    for ((c, q, r, l), n) in &languages {
        if *n < u64::from(k.get()) {
            rt::Entity::update_many()
                .col_expr(rt::Column::Lang, Expr::value(Option::<String>::None))
                .filter(of_list(*c, q, *r).add(rt::Column::Lang.eq(l.code())))
                .exec(txn)
                .await?;
        }
    }
    let mut kept = vec![];
    for ((c, q, r), n) in lists {
        if n < u64::from(k.get()) {
            rt::Entity::delete_many()
                .filter(of_list(c, &q, r))
                .exec(txn)
                .await?;
        } else {
            kept.push((c, q, r, n));
        }
    }
    Ok(kept)
}

/// The invitation side forgets who opened and who answered (and the
/// reminders that went); the outbox and the reminder schedule go.
async fn forget_invitations<C: ConnectionTrait>(
    txn: &C,
    id: &ConsultationId,
) -> Result<(), AppError> {
    outbox::Entity::delete_many()
        .filter(
            outbox::Column::InvitationId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(inv::Column::Id)
                    .from(inv::Entity)
                    .and_where(inv::Column::ConsultationId.eq(id.as_str()))
                    .to_owned(),
            ),
        )
        .exec(txn)
        .await?;
    inv::Entity::update_many()
        .col_expr(inv::Column::Opened, Expr::value(false))
        .col_expr(inv::Column::Submitted, Expr::value(false))
        .col_expr(inv::Column::RemindersSent, Expr::value(0))
        .filter(inv::Column::ConsultationId.eq(id.as_str()))
        .exec(txn)
        .await?;
    reminder_schedule::Entity::delete_many()
        .filter(reminder_schedule::Column::ConsultationId.eq(id.as_str()))
        .exec(txn)
        .await?;
    Ok(())
}

/// Makes what closing deleted physically gone (after its commit): SQLite
/// zeroes freed content as it deletes (`secure_delete`), and the old page
/// images in its write-ahead log go with a truncating checkpoint;
/// PostgreSQL reclaims the dead tuples of the tables closing changed.
pub async fn scrub(db: &DatabaseConnection) -> Result<(), AppError> {
    let statements: &[&str] = match db.get_database_backend() {
        DatabaseBackend::Sqlite => &["PRAGMA wal_checkpoint(TRUNCATE)"],
        DatabaseBackend::Postgres => {
            &["VACUUM consultation_secret, response, invitation, outbox, tally, reminder_schedule"]
        }
        _ => &[],
    };
    for sql in statements {
        db.execute_unprepared(sql).await?;
    }
    Ok(())
}

/// Freezes (and closes as above) consultations that are closed or archived
/// but have no frozen results: those closed before results were frozen.
/// Run at start, after the tallies are counted.
pub async fn freeze_closed(
    db: &DatabaseConnection,
    reshuffle: &Reshuffle,
    k: Threshold,
) -> Result<usize, AppError> {
    let closed: Vec<String> = c::Entity::find()
        .select_only()
        .column(c::Column::Id)
        .filter(c::Column::State.is_in([State::Closed.code(), State::Archived.code()]))
        .filter(
            c::Column::Id.not_in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(cr::Column::ConsultationId)
                    .from(cr::Entity)
                    .to_owned(),
            ),
        )
        .into_tuple()
        .all(db)
        .await?;
    let mut done = 0;
    for id in closed.iter().filter_map(|i| ConsultationId::parse(i)) {
        let consultation = consultations::get(db, &id).await?;
        let txn = crate::ssr::db::begin_write(db).await?;
        close_in(&txn, &id, &consultation.survey, k).await?;
        txn.commit().await?;
        done += 1;
    }
    if done > 0 {
        reshuffle.mark();
        scrub(db).await?;
    }
    Ok(done)
}

/// Consultation `id`'s frozen results, if it has been closed.
pub async fn frozen<C: ConnectionTrait>(
    db: &C,
    id: &ConsultationId,
) -> Result<Option<Frozen>, AppError> {
    let Some(row) = cr::Entity::find_by_id(id.clone()).one(db).await? else {
        return Ok(None);
    };
    serde_json::from_str(&row.body).map(Some).map_err(|e| {
        tracing::error!(error = %e, "frozen results do not read");
        AppError::Internal
    })
}

/// One page of the texts kept for `question`, `constituency` and `region`:
/// (text, language where it may be shown).
pub async fn texts<C: ConnectionTrait>(
    db: &C,
    id: &ConsultationId,
    question: &str,
    constituency: Constituency,
    region: Region,
    offset: u64,
    limit: u64,
) -> Result<Vec<(String, Option<Lang>)>, AppError> {
    use sea_orm::QueryOrder;
    Ok(rt::Entity::find()
        .filter(rt::Column::ConsultationId.eq(id.as_str()))
        .filter(rt::Column::Question.eq(question))
        .filter(rt::Column::Constituency.eq(constituency))
        .filter(rt::Column::Region.eq(region.code()))
        .order_by_asc(rt::Column::Position)
        .offset(offset)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|t| {
            (
                t.body,
                t.lang.as_deref().and_then(|l| l.parse::<Lang>().ok()),
            )
        })
        .collect())
}

/// The language of `text` among CITES' three, when it can tell (from its
/// first 400 characters: enough to tell, and the cost stays flat however
/// long the answer).
pub fn detect(text: &str) -> Option<Lang> {
    use whatlang::{Detector, Lang as W};
    let text = match text.char_indices().nth(400) {
        Some((end, _)) => &text[..end],
        None => text,
    };
    let info = Detector::with_allowlist(vec![W::Eng, W::Fra, W::Spa]).detect(text)?;
    if text.split_whitespace().count() < 3 && info.confidence() < 0.5 {
        return None;
    }
    Some(match info.lang() {
        W::Fra => Lang::Fr,
        W::Spa => Lang::Es,
        _ => Lang::En,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_frozen_before_constituencies_still_read() {
        let k = Threshold::default();
        let frozen = Frozen {
            k,
            summaries: vec![],
            texts: vec![("q".into(), Region::Africa, 7)],
            constituencies: vec![],
        };
        let mut json: serde_json::Value = serde_json::to_value(&frozen).unwrap();
        json.as_object_mut().unwrap().remove("constituencies");
        let read: Frozen = serde_json::from_value(json).unwrap();
        assert_eq!(read, frozen);
        assert_eq!(
            read.texts_in(Constituency::Party, "q", Region::Africa),
            Some(7)
        );
        assert_eq!(
            read.texts_in(Constituency::AnimalsCommittee, "q", Region::Africa),
            None
        );
    }
}
