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
use crate::domain::account::{Role, StaffUser};
use crate::domain::disclosure::Threshold;
use crate::domain::ids::ConsultationId;
use crate::domain::survey::document::{export, import};
use crate::domain::survey::editor::{self, EditError};
use crate::domain::survey::lifecycle::{self, State, TransitionRefusal};
use crate::domain::survey::translation::{self, MissingText};
use crate::domain::survey::{Survey, validate};
use crate::error::AppError;
use crate::ssr::entities::consultation as c;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
    sea_query::{Expr, ExprTrait},
};
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

/// A consultation as the editor sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Consultation {
    pub id: ConsultationId,
    pub state: State,
    /// Parsed once per version and shared (see [`parsed`]).
    pub survey: Arc<Survey>,
    pub opens_at: Option<DateTime<Utc>>,
    pub deadline: Option<DateTime<Utc>>,
    /// Responses or drafts exist: the structure is locked.
    pub locked: bool,
    /// The row's version, which a change must name.
    pub version: i32,
}

/// What a staff member may read. Consultations are not tied to a region
/// until workshops link them; until then organisers see none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    Organiser,
}

impl Scope {
    pub fn of(user: &StaffUser) -> Scope {
        match user.role {
            Role::Secretariat => Scope::All,
            Role::Organiser => Scope::Organiser,
        }
    }

    fn filter(&self, q: Select<c::Entity>) -> Select<c::Entity> {
        match self {
            Scope::All => q,
            Scope::Organiser => q.filter(c::Column::Id.is_in(Vec::<String>::new())),
        }
    }
}

/// Parsed documents by consultation id, with the version they were parsed
/// at: a document changes only with its row's version, so a respondent's
/// every request does not parse (and validate) it again.
static PARSED: LazyLock<Mutex<HashMap<String, Parsed>>> = LazyLock::new(Default::default);

/// A parsed document and the row version it was parsed at.
type Parsed = (i32, Arc<Survey>);

/// The survey of consultation `id` at row version `version`, if parsed already.
pub fn cached(id: &ConsultationId, version: i32) -> Option<Arc<Survey>> {
    PARSED
        .lock()
        .ok()
        .and_then(|p| p.get(id.as_str()).cloned())
        .and_then(|(v, s)| (v == version).then_some(s))
}

/// The survey of row `m`, parsed once per version.
fn parsed(m: &c::Model) -> Result<Arc<Survey>, AppError> {
    if let Some((v, s)) = PARSED.lock().ok().and_then(|p| p.get(&m.id).cloned())
        && v == m.version
    {
        return Ok(s);
    }
    let survey = Arc::new(import(&m.document).map_err(|e| {
        tracing::error!(consultation = %m.id, error = %e, "stored document does not import");
        AppError::Internal
    })?);
    if let Ok(mut p) = PARSED.lock() {
        // Bounded: consultations number in the tens; start afresh past a thousand.
        if p.len() > 1000 {
            p.clear();
        }
        p.insert(m.id.clone(), (m.version, survey.clone()));
    }
    Ok(survey)
}

fn to_domain(m: c::Model) -> Result<Consultation, AppError> {
    let survey = parsed(&m)?;
    let stored = State::parse(&m.state).ok_or(AppError::Internal)?;
    let state = lifecycle::effective(
        stored,
        m.deadline.map(|d| d.timestamp()),
        Utc::now().timestamp(),
    );
    Ok(Consultation {
        id: ConsultationId::parse(&m.id).ok_or(AppError::Internal)?,
        state,
        survey,
        opens_at: m.opens_at,
        deadline: m.deadline,
        locked: m.answers_started > 0,
        version: m.version,
    })
}

pub async fn list(db: &DatabaseConnection, scope: &Scope) -> Result<Vec<Consultation>, AppError> {
    scope
        .filter(c::Entity::find())
        .order_by_desc(c::Column::UpdatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect()
}

pub async fn get<C: ConnectionTrait>(
    db: &C,
    scope: &Scope,
    id: &ConsultationId,
) -> Result<Consultation, AppError> {
    let m = scope
        .filter(c::Entity::find_by_id(id.as_str().to_string()))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    to_domain(m)
}

/// Whether consultation `id` is open now (its state and deadline only:
/// checked inside the transaction that writes a submission).
pub async fn is_open<C: ConnectionTrait>(db: &C, id: &ConsultationId) -> Result<bool, AppError> {
    let row: Option<(String, Option<DateTime<Utc>>)> =
        c::Entity::find_by_id(id.as_str().to_string())
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
    validate::validate(survey).map_err(|_| AppError::conflict("editor-invalid"))?;
    let id = ConsultationId::parse(&secrets::random_id()).ok_or(AppError::Internal)?;
    let now = Utc::now();
    let txn = crate::ssr::db::begin_write(db).await?;
    c::Entity::insert(c::ActiveModel {
        id: Set(id.as_str().to_string()),
        state: Set(State::Draft.code().into()),
        decision: Set(survey.decision.code().into()),
        document: Set(export(survey)),
        opens_at: Set(None),
        deadline: Set(None),
        answers_started: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(0),
    })
    .exec(&txn)
    .await?;
    audit::record(&txn, actor, Action::ConsultationCreate, id.as_str(), how).await?;
    txn.commit().await?;
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
    let current = get(txn, &Scope::All, id).await?;
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
/// (to open) the translation gate allow it.
pub async fn transition(
    db: &DatabaseConnection,
    actor: &StaffUser,
    id: &ConsultationId,
    version: i32,
    to: State,
    k: Threshold,
) -> Result<Result<(), TransitionRefusal>, AppError> {
    let txn = crate::ssr::db::begin_write(db).await?;
    let current = read_expected(&txn, id, version).await?;
    let deadline = current.deadline.map(|d| d.timestamp());
    if let Err(refusal) = lifecycle::check_transition(
        current.state,
        to,
        &current.survey,
        deadline,
        Utc::now().timestamp(),
    ) {
        return Ok(Err(refusal));
    }
    write_if_unchanged(&txn, &current, |u| {
        u.col_expr(c::Column::State, Expr::value(to.code()))
    })
    .await?;
    let closing = matches!(to, State::Closed | State::Archived);
    if closing {
        super::closing::close_in(&txn, id, &current.survey, k).await?;
    }
    audit::record(&txn, actor, Action::ConsultationState(to), id.as_str(), "").await?;
    txn.commit().await?;
    if closing && let Err(e) = super::closing::scrub(db).await {
        tracing::warn!(error = %e, "scrubbing after close failed (retried at the next start)");
    }
    Ok(Ok(()))
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

/// Records in the database that open consultations past their deadline are
/// closed (pages already show them closed; this keeps the stored state true).
/// Each is closed as by hand ([`super::closing::close_in`]) in the same
/// transaction.
pub async fn close_past_deadline(db: &DatabaseConnection, k: Threshold) -> Result<u64, AppError> {
    let txn = crate::ssr::db::begin_write(db).await?;
    let now = Utc::now();
    let due: Vec<c::Model> = c::Entity::find()
        .filter(c::Column::State.eq(State::Open.code()))
        .filter(c::Column::Deadline.lte(now))
        .all(&txn)
        .await?;
    for m in &due {
        c::Entity::update_many()
            .col_expr(c::Column::State, Expr::value(State::Closed.code()))
            .col_expr(c::Column::Version, Expr::col(c::Column::Version).add(1))
            .filter(c::Column::Id.eq(m.id.clone()))
            .filter(c::Column::State.eq(State::Open.code()))
            .exec(&txn)
            .await?;
        if let Some(id) = ConsultationId::parse(&m.id) {
            let survey = parsed(m)?;
            super::closing::close_in(&txn, &id, &survey, k).await?;
        }
    }
    txn.commit().await?;
    if !due.is_empty()
        && let Err(e) = super::closing::scrub(db).await
    {
        tracing::warn!(error = %e, "scrubbing after close failed");
    }
    Ok(due.len() as u64)
}
