//! Consultations: stored with their survey as a JSON document; every change
//! is checked by the domain (validation, lifecycle, structure lock, the
//! translation gate) and written to the audit log.

use super::audit;
use super::secrets;
use crate::domain::survey::document::{export, import};
use crate::domain::survey::editor::{self, EditError};
use crate::domain::survey::lifecycle::{self, State, TransitionRefusal};
use crate::domain::survey::{Survey, validate};
use crate::error::AppError;
use crate::ssr::entities::consultation as c;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    TransactionTrait, sea_query::Expr,
};

/// A consultation as the editor sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Consultation {
    pub id: String,
    pub state: State,
    pub survey: Survey,
    pub opens_at: Option<DateTime<Utc>>,
    pub deadline: Option<DateTime<Utc>>,
    /// Responses or drafts exist: the structure is locked.
    pub locked: bool,
}

fn to_domain(m: c::Model) -> Result<Consultation, AppError> {
    let survey = import(&m.document).map_err(|e| {
        tracing::error!(consultation = %m.id, error = %e, "stored document does not import");
        AppError::Internal
    })?;
    let stored = State::parse(&m.state).ok_or(AppError::Internal)?;
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
    })
}

pub async fn list(db: &DatabaseConnection) -> Result<Vec<Consultation>, AppError> {
    c::Entity::find()
        .order_by_desc(c::Column::UpdatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect()
}

pub async fn get(db: &DatabaseConnection, id: &str) -> Result<Consultation, AppError> {
    let m = c::Entity::find_by_id(id.to_string())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    to_domain(m)
}

/// Creates a draft holding `survey` (which must validate).
pub async fn create(
    db: &DatabaseConnection,
    actor: &str,
    survey: &Survey,
    how: &str,
) -> Result<String, AppError> {
    validate::validate(survey).map_err(|_| AppError::conflict("editor-invalid"))?;
    let id = secrets::random_id();
    let now = Utc::now();
    let txn = db.begin().await?;
    c::Entity::insert(c::ActiveModel {
        id: Set(id.clone()),
        state: Set(State::Draft.code().into()),
        decision: Set(survey.decision.code().into()),
        document: Set(export(survey)),
        opens_at: Set(None),
        deadline: Set(None),
        answers_started: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec(&txn)
    .await?;
    audit::record(&txn, actor, "consultation.create", &id, how).await?;
    txn.commit().await?;
    Ok(id)
}

/// Applies an edit to the survey of consultation `id`, if its state allows
/// edits; refuses it whole if the result is invalid or breaks the lock.
pub async fn edit(
    db: &DatabaseConnection,
    actor: &str,
    id: &str,
    action: &str,
    change: impl FnOnce(&mut Survey) -> Result<(), EditError>,
) -> Result<Survey, EditFailure> {
    let current = get(db, id).await?;
    if !current.state.editable() {
        return Err(EditFailure::NotEditable);
    }
    let next = editor::apply(&current.survey, current.locked, change)?;
    let txn = db.begin().await.map_err(AppError::from)?;
    c::Entity::update_many()
        .col_expr(c::Column::Document, Expr::value(export(&next)))
        .col_expr(c::Column::Decision, Expr::value(next.decision.code()))
        .col_expr(c::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(c::Column::Id.eq(id))
        .exec(&txn)
        .await
        .map_err(AppError::from)?;
    audit::record(&txn, actor, action, id, "").await?;
    txn.commit().await.map_err(AppError::from)?;
    Ok(next)
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditFailure {
    #[error(transparent)]
    App(#[from] AppError),
    #[error(transparent)]
    Edit(#[from] EditError),
    #[error("not editable in this state")]
    NotEditable,
}

/// Sets the opening date and deadline (UTC).
pub async fn set_dates(
    db: &DatabaseConnection,
    actor: &str,
    id: &str,
    opens_at: Option<DateTime<Utc>>,
    deadline: Option<DateTime<Utc>>,
) -> Result<(), AppError> {
    let current = get(db, id).await?;
    if !current.state.editable() {
        return Err(AppError::conflict("consultation-error-not-editable"));
    }
    let txn = db.begin().await?;
    c::Entity::update_many()
        .col_expr(c::Column::OpensAt, Expr::value(opens_at))
        .col_expr(c::Column::Deadline, Expr::value(deadline))
        .col_expr(c::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(c::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    audit::record(&txn, actor, "consultation.dates", id, "").await?;
    txn.commit().await?;
    Ok(())
}

/// Moves consultation `id` to `to`, if the lifecycle and (to open) the
/// translation gate allow it.
pub async fn transition(
    db: &DatabaseConnection,
    actor: &str,
    id: &str,
    to: State,
) -> Result<Result<(), TransitionRefusal>, AppError> {
    let current = get(db, id).await?;
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
    let txn = db.begin().await?;
    c::Entity::update_many()
        .col_expr(c::Column::State, Expr::value(to.code()))
        .col_expr(c::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(c::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    audit::record(&txn, actor, &format!("consultation.{}", to.code()), id, "").await?;
    txn.commit().await?;
    Ok(Ok(()))
}

/// Records in the database that open consultations past their deadline are
/// closed (pages already show them closed; this keeps the stored state true).
pub async fn close_past_deadline(db: &DatabaseConnection) -> Result<u64, AppError> {
    let res = c::Entity::update_many()
        .col_expr(c::Column::State, Expr::value(State::Closed.code()))
        .filter(c::Column::State.eq(State::Open.code()))
        .filter(c::Column::Deadline.lte(Utc::now()))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}
