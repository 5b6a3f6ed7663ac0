//! Rounds: a consultation started as the next round of an earlier one (its
//! questions carried over with their ids), the series they form, and the
//! comparison of two closed rounds' frozen results — group by group, never
//! response by response (`domain::rounds`).

use super::audit;
use super::closing::{self, Frozen};
use super::consultations::{self, Consultation};
use super::summaries::Viewable;
use crate::domain::account::StaffUser;
use crate::domain::ids::ConsultationId;
use crate::domain::rounds::{self, Comparison};
use crate::domain::summary::{Grouping, Summary};
use crate::domain::survey::lifecycle::State;
use crate::error::AppError;
use crate::ssr::entities::consultation_round as cr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// The round `id` follows, if any.
pub async fn previous<C: ConnectionTrait>(
    db: &C,
    id: &ConsultationId,
) -> Result<Option<ConsultationId>, AppError> {
    Ok(cr::Entity::find_by_id(id.clone())
        .one(db)
        .await?
        .map(|r| r.previous_id))
}

/// The round that follows `id`, if any.
pub async fn next<C: ConnectionTrait>(
    db: &C,
    id: &ConsultationId,
) -> Result<Option<ConsultationId>, AppError> {
    Ok(cr::Entity::find()
        .filter(cr::Column::PreviousId.eq(id.as_str()))
        .one(db)
        .await?
        .map(|r| r.consultation_id))
}

/// The series of `id`: its first round's id (its own when it follows none).
pub async fn series_of<C: ConnectionTrait>(
    db: &C,
    id: &ConsultationId,
) -> Result<ConsultationId, AppError> {
    Ok(cr::Entity::find_by_id(id.clone())
        .one(db)
        .await?
        .map_or_else(|| id.clone(), |r| r.series_id))
}

/// The rounds of series `series` (a first round's id), first to last.
pub async fn series<C: ConnectionTrait>(
    db: &C,
    series: &ConsultationId,
) -> Result<Vec<ConsultationId>, AppError> {
    let links = cr::Entity::find()
        .filter(cr::Column::SeriesId.eq(series.as_str()))
        .all(db)
        .await?;
    let mut out = vec![series.clone()];
    while let Some(next) = links
        .iter()
        .find(|l| out.last() == Some(&l.previous_id))
        .map(|l| l.consultation_id.clone())
    {
        if out.contains(&next) {
            break;
        }
        out.push(next);
    }
    Ok(out)
}

/// Starts the next round of consultation `id` (as of `version`): a new
/// draft carrying every section and question with its id (texts may then
/// be corrected, questions added or removed), linked to `id` in its
/// series. Refused (409) when the page is stale, when `id` is a draft
/// (a round is of a consultation that has run), or when `id` already has
/// a next round.
pub async fn start_next(
    db: &sea_orm::DatabaseConnection,
    actor: &StaffUser,
    id: &ConsultationId,
    version: i32,
) -> Result<ConsultationId, AppError> {
    let txn = crate::ssr::db::begin_write(db).await?;
    let c = consultations::get(&txn, id).await?;
    if c.version != version {
        return Err(AppError::Stale);
    }
    if c.state == State::Draft {
        return Err(AppError::conflict("rounds-error-draft"));
    }
    if next(&txn, id).await?.is_some() {
        return Err(AppError::conflict("rounds-error-followed"));
    }
    let series = series_of(&txn, id).await?;
    let new =
        consultations::create_in(&txn, actor, &c.survey, &format!("next round of {id}")).await?;
    cr::Entity::insert(cr::ActiveModel {
        consultation_id: Set(new.clone()),
        previous_id: Set(id.clone()),
        series_id: Set(series),
    })
    .exec(&txn)
    .await?;
    audit::record(
        &txn,
        actor,
        audit::Action::RoundStart,
        new.as_str(),
        id.as_str(),
    )
    .await?;
    txn.commit().await?;
    Ok(new)
}

/// The previous round of a viewable consultation with its frozen results,
/// when both rounds are closed (or archived): rounds are compared only
/// then, each from the figures frozen at its close.
pub async fn previous_closed<C: ConnectionTrait>(
    db: &C,
    v: &Viewable,
) -> Result<Option<(Consultation, Frozen)>, AppError> {
    let closed = |s: State| matches!(s, State::Closed | State::Archived);
    if !closed(v.consultation.state) {
        return Ok(None);
    }
    let Some(prev) = previous(db, &v.consultation.id).await? else {
        return Ok(None);
    };
    let prev = consultations::get(db, &prev).await?;
    if !closed(prev.state) {
        return Ok(None);
    }
    Ok(closing::frozen(db, &prev.id).await?.map(|f| (prev, f)))
}

/// `current` (the viewer's summary of `v` by one grouping) compared with the
/// previous round's summary by the same grouping, for the same regions
/// (the viewer's for this round: an organiser compares only their regions).
pub fn compare(
    v: &Viewable,
    previous: &(Consultation, Frozen),
    current: &Summary,
) -> Option<Comparison> {
    let grouping: Grouping = current.grouping;
    let before = previous
        .1
        .summary(grouping)?
        .clone()
        .for_regions(&v.regions);
    Some(rounds::compare(
        &previous.0.survey,
        &before,
        &v.consultation.survey,
        current,
    ))
}
