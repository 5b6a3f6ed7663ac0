//! Consultations: stored with their survey as a JSON document; every change
//! is checked by the domain (validation, lifecycle, structure lock, the
//! translation gate) and written to the audit log.
//!
//! Every decision and its write share one transaction, and the write is
//! conditional on what was read: the row's `version` (bumped by every write)
//! and its structure-lock flag are in the UPDATE's WHERE. An editor working
//! from a stale page is refused with [`AppError::Stale`], never overwritten.

use super::audit::{self, Action};
use super::secrets;
use crate::domain::account::StaffUser;
use crate::domain::ids::ConsultationId;
use crate::domain::outcome::Outcome;
use crate::domain::survey::document::{export, import};
use crate::domain::survey::editor::{self, EditError};
use crate::domain::survey::lifecycle::{self, State, TransitionRefusal};
use crate::domain::survey::translation::{self, MissingText};
use crate::domain::survey::{Survey, validate};
use crate::error::AppError;
use crate::ssr::entities::consultation as c;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, sea_query::Expr,
};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// A consultation as the editor sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Consultation {
    pub id: ConsultationId,
    pub state: State,
    pub survey: Arc<Survey>,
    pub opens_at: Option<DateTime<Utc>>,
    pub deadline: Option<DateTime<Utc>>,
    /// Responses or drafts exist: the structure is locked.
    pub locked: bool,
    /// The row's version, which a change must name.
    pub version: i32,
}

/// Parsed surveys by consultation id, with the row version each was
/// parsed at: a document changes only with its row's version, so a
/// respondent's every request (and every message the outbox renders) need
/// not parse and validate it again. One per server, in its state.
#[derive(Clone, Debug, Default)]
pub struct Surveys(Arc<Mutex<HashMap<String, Parsed>>>);

/// A parsed document and the row version it was parsed at.
type Parsed = (i32, Arc<Survey>);

impl Surveys {
    /// Consultations are few (tens); the cache starts afresh past this many.
    const MAX: usize = 1000;

    /// The survey of consultation `id` at row version `version`, if parsed already.
    pub fn get(&self, id: &ConsultationId, version: i32) -> Option<Arc<Survey>> {
        self.0
            .lock()
            .ok()
            .and_then(|p| p.get(id.as_str()).cloned())
            .and_then(|(v, s)| (v == version).then_some(s))
    }

    /// Keeps `survey`, parsed from consultation `id` at row version `version`.
    fn keep_parsed(&self, id: &str, version: i32, survey: &Arc<Survey>) {
        if let Ok(mut p) = self.0.lock() {
            if p.len() >= Self::MAX && !p.contains_key(id) {
                p.clear();
            }
            p.insert(id.to_string(), (version, survey.clone()));
        }
    }

    /// How many surveys are kept.
    pub fn len(&self) -> usize {
        self.0.lock().map(|p| p.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The survey stored in row `m`: from `surveys` when parsed there at the
/// row's version, else parsed (and kept there).
fn parsed(m: &c::Model, surveys: Option<&Surveys>) -> Result<Arc<Survey>, AppError> {
    let id = &m.id;
    if let Some(survey) = surveys.and_then(|s| s.get(id, m.version)) {
        return Ok(survey);
    }
    let survey = Arc::new(import(&m.document).map_err(|e| {
        tracing::error!(consultation = %m.id, error = %e, "stored document does not import");
        AppError::Internal
    })?);
    if let Some(s) = surveys {
        s.keep_parsed(id.as_str(), m.version, &survey);
    }
    Ok(survey)
}

/// The consultation stored in row `m`, its survey parsed.
pub fn from_row(m: c::Model) -> Result<Consultation, AppError> {
    consultation_of(m, None)
}

fn consultation_of(m: c::Model, surveys: Option<&Surveys>) -> Result<Consultation, AppError> {
    let survey = parsed(&m, surveys)?;
    let stored = m.state;
    let state = lifecycle::effective(
        stored,
        m.deadline.map(|d| d.timestamp()),
        Utc::now().timestamp(),
    );
    Ok(Consultation {
        id: m.id,
        state,
        survey,
        opens_at: m.opens_at,
        deadline: m.deadline,
        locked: m.answers_started > 0,
        version: m.version,
    })
}

/// Every consultation, the latest changed first. (Who may read them is the
/// access table's rule: the Secretariat. Organisers reach a consultation
/// only through a workshop, see `workshops::summary_regions`.)
pub async fn list(db: &DatabaseConnection) -> Result<Vec<Consultation>, AppError> {
    c::Entity::find()
        .order_by_desc(c::Column::UpdatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(from_row)
        .collect()
}

pub async fn get<C: ConnectionTrait>(
    db: &C,
    id: &ConsultationId,
) -> Result<Consultation, AppError> {
    get_in(db, None, id).await
}

/// [`get`], the survey from `surveys` when parsed there at the row's
/// version (and kept there when parsed now): for what reads a consultation
/// often (respondents' pages, the outbox worker).
pub async fn get_cached<C: ConnectionTrait>(
    db: &C,
    surveys: &Surveys,
    id: &ConsultationId,
) -> Result<Consultation, AppError> {
    get_in(db, Some(surveys), id).await
}

async fn get_in<C: ConnectionTrait>(
    db: &C,
    surveys: Option<&Surveys>,
    id: &ConsultationId,
) -> Result<Consultation, AppError> {
    let m = c::Entity::find_by_id(id.clone())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    consultation_of(m, surveys)
}

/// Whether consultation `id` is open now (its state and deadline only:
/// checked inside the transaction that writes a submission).
pub async fn is_open<C: ConnectionTrait>(db: &C, id: &ConsultationId) -> Result<bool, AppError> {
    let row: Option<(String, Option<DateTime<Utc>>)> = c::Entity::find_by_id(id.clone())
        .select_only()
        .column(c::Column::State)
        .column(c::Column::Deadline)
        .into_tuple()
        .one(db)
        .await?;
    Ok(row.is_some_and(|(stored, deadline)| {
        State::parse(&stored).is_some_and(|s| {
            lifecycle::effective(s, deadline.map(|d| d.timestamp()), Utc::now().timestamp())
                == State::Open
        })
    }))
}

/// Creates a draft holding `survey` (which must validate).
pub async fn create(
    db: &DatabaseConnection,
    actor: &StaffUser,
    survey: &Survey,
    how: &str,
) -> Result<ConsultationId, AppError> {
    let txn = crate::ssr::db::begin_write(db).await?;
    let id = create_in(&txn, actor, survey, how).await?;
    txn.commit().await?;
    Ok(id)
}

/// [`create`] within the caller's transaction.
pub async fn create_in<C: sea_orm::ConnectionTrait>(
    txn: &C,
    actor: &StaffUser,
    survey: &Survey,
    how: &str,
) -> Result<ConsultationId, AppError> {
    validate::validate(survey).map_err(|_| AppError::conflict("editor-invalid"))?;
    let id: ConsultationId = secrets::new_id();
    let now = Utc::now();
    c::Entity::insert(c::ActiveModel {
        id: Set(id.clone()),
        state: Set(State::Draft),
        decision: Set(survey.decision),
        document: Set(export(survey)),
        opens_at: Set(None),
        deadline: Set(None),
        answers_started: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(0),
    })
    .exec(txn)
    .await?;
    audit::record(txn, actor, Action::ConsultationCreate, id.as_str(), how).await?;
    Ok(id)
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditFailure {
    #[error(transparent)]
    App(#[from] AppError),
    #[error(transparent)]
    Edit(#[from] EditError),
    #[error("not editable in this state")]
    NotEditable,
    /// The consultation is open: its texts must stay complete in every language.
    #[error("texts missing in an open consultation")]
    Untranslated(Vec<MissingText>),
}

impl From<sea_orm::DbErr> for EditFailure {
    fn from(e: sea_orm::DbErr) -> Self {
        EditFailure::App(e.into())
    }
}

/// An UPDATE of consultation `current`, conditional on its version and lock
/// flag being what was read, bumping the version. `Stale` when they changed.
async fn write_if_unchanged<C: ConnectionTrait>(
    txn: &C,
    current: &Consultation,
    set: impl FnOnce(sea_orm::UpdateMany<c::Entity>) -> sea_orm::UpdateMany<c::Entity>,
) -> Result<(), AppError> {
    let update = c::Entity::update_many()
        .col_expr(c::Column::Version, Expr::value(current.version + 1))
        .col_expr(c::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(c::Column::Id.eq(current.id.as_str()))
        .filter(c::Column::Version.eq(current.version))
        .filter(c::Column::AnswersStarted.eq(i32::from(current.locked)));
    let res = set(update).exec(txn).await?;
    if res.rows_affected == 1 {
        Ok(())
    } else {
        Err(AppError::Stale)
    }
}

/// Reads consultation `id` in `txn` and checks it is the version the caller saw.
async fn read_expected<C: ConnectionTrait>(
    txn: &C,
    id: &ConsultationId,
    version: i32,
) -> Result<Consultation, AppError> {
    let current = get(txn, id).await?;
    if current.version != version {
        return Err(AppError::Stale);
    }
    Ok(current)
}

/// Applies an edit to the survey of consultation `id` as of `version`, if its
/// state allows edits; refuses it whole if the result is invalid, breaks the
/// lock, or (once open) leaves a text missing in any language.
pub async fn edit(
    db: &DatabaseConnection,
    actor: &StaffUser,
    id: &ConsultationId,
    version: i32,
    action: Action,
    change: impl FnOnce(&mut Survey) -> Result<(), EditError>,
) -> Result<Survey, EditFailure> {
    let txn = crate::ssr::db::begin_write(db).await?;
    let current = read_expected(&txn, id, version).await?;
    if !current.state.editable() {
        return Err(EditFailure::NotEditable);
    }
    let next = editor::apply(&current.survey, current.locked, change)?;
    if current.state != State::Draft {
        let missing = translation::missing(&next);
        if !missing.is_empty() {
            return Err(EditFailure::Untranslated(missing));
        }
    }
    write_if_unchanged(&txn, &current, |u| {
        u.col_expr(c::Column::Document, Expr::value(export(&next)))
            .col_expr(c::Column::Decision, Expr::value(next.decision.code()))
    })
    .await?;
    audit::record(&txn, actor, action, id.as_str(), "").await?;
    txn.commit().await?;
    Ok(next)
}

/// Sets the opening date and deadline (UTC) of consultation `id` as of `version`.
pub async fn set_dates(
    db: &DatabaseConnection,
    actor: &StaffUser,
    id: &ConsultationId,
    version: i32,
    opens_at: Option<DateTime<Utc>>,
    deadline: Option<DateTime<Utc>>,
) -> Result<(), AppError> {
    let txn = crate::ssr::db::begin_write(db).await?;
    let current = read_expected(&txn, id, version).await?;
    if !current.state.editable() {
        return Err(AppError::conflict("consultation-error-not-editable"));
    }
    write_if_unchanged(&txn, &current, |u| {
        u.col_expr(c::Column::OpensAt, Expr::value(opens_at))
            .col_expr(c::Column::Deadline, Expr::value(deadline))
    })
    .await?;
    audit::record(&txn, actor, Action::ConsultationDates, id.as_str(), "").await?;
    txn.commit().await?;
    Ok(())
}

/// Moves consultation `id` (as of `version`) to `to`, if the lifecycle and
/// (to open) the translation gate allow it. Closing (to closed or
/// archived) is `closing::close`, which does this and what closing entails.
pub async fn transition(
    db: &DatabaseConnection,
    actor: &StaffUser,
    id: &ConsultationId,
    version: i32,
    to: State,
) -> Result<Outcome<(), TransitionRefusal>, AppError> {
    if closes(to) {
        tracing::error!(to = to.code(), "a closing transition outside closing");
        return Err(AppError::Internal);
    }
    let txn = crate::ssr::db::begin_write(db).await?;
    let moved = transition_in(&txn, actor, id, version, to).await?;
    if moved.is_done() {
        txn.commit().await?;
    }
    Ok(moved.map(|_| ()))
}

/// Whether moving to `to` closes a consultation (closed, or archived).
pub fn closes(to: State) -> bool {
    matches!(to, State::Closed | State::Archived)
}

/// [`transition`] in `txn`: decides, writes (conditional on `version`) and
/// audits; returns the consultation as it was before the move.
pub async fn transition_in<C: ConnectionTrait>(
    txn: &C,
    actor: &StaffUser,
    id: &ConsultationId,
    version: i32,
    to: State,
) -> Result<Outcome<Consultation, TransitionRefusal>, AppError> {
    let current = read_expected(txn, id, version).await?;
    let deadline = current.deadline.map(|d| d.timestamp());
    if let Err(refusal) = lifecycle::check_transition(
        current.state,
        to,
        &current.survey,
        deadline,
        Utc::now().timestamp(),
    ) {
        return Ok(Outcome::Refused(refusal));
    }
    write_if_unchanged(txn, &current, |u| {
        u.col_expr(c::Column::State, Expr::value(to.code()))
    })
    .await?;
    audit::record(txn, actor, Action::ConsultationState(to), id.as_str(), "").await?;
    Ok(Outcome::Done(current))
}

/// Locks the structure of consultation `id` once answering starts: a
/// one-time flag, set by a conditional UPDATE that touches nothing else on
/// the row (no `updated_at`, no version), so the row never records when a
/// Party started answering. Returns whether this call set it.
pub async fn lock_structure<C: ConnectionTrait>(
    db: &C,
    id: &ConsultationId,
) -> Result<bool, AppError> {
    let res = c::Entity::update_many()
        .col_expr(c::Column::AnswersStarted, Expr::value(1))
        .filter(c::Column::Id.eq(id.as_str()))
        .filter(c::Column::AnswersStarted.eq(0))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}
