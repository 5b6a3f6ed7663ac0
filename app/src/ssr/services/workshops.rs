//! Workshops of Decision 19.43, and what they open to organisers: an
//! organiser sees the workshops they are assigned to and, through them,
//! the summaries of the linked consultations for the workshop's regions
//! that are also the organiser's own. The Secretariat sees and edits all.

use super::audit::{self, Action};
use super::secrets;
use crate::domain::account::{Role, StaffUser};
use crate::domain::ids::{AccountId, ConsultationId, WorkshopId};
use crate::domain::region::Region;
use crate::domain::survey::Text;
use crate::domain::workshop::{self as domain, Day, Workshop};
use crate::error::AppError;
use crate::ssr::entities::{
    workshop as w, workshop_consultation as wc, workshop_organiser as wo, workshop_region as wr,
};
use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use std::collections::BTreeSet;

/// A stored workshop with its links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub id: WorkshopId,
    pub workshop: Workshop,
    pub consultations: Vec<ConsultationId>,
    /// Account ids of the organisers assigned.
    pub organisers: Vec<AccountId>,
    pub version: i32,
}

fn day(d: NaiveDate) -> Day {
    Day::parse(&d.format("%Y-%m-%d").to_string()).unwrap_or(Day {
        year: 1970,
        month: 1,
        day: 1,
    })
}

fn date(d: Day) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(&d.to_string(), "%Y-%m-%d").map_err(AppError::internal)
}

async fn links<C: ConnectionTrait>(
    db: &C,
    id: &WorkshopId,
) -> Result<(Vec<Region>, Vec<ConsultationId>, Vec<AccountId>), AppError> {
    let regions = wr::Entity::find()
        .filter(wr::Column::WorkshopId.eq(id.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.region_code)
        .collect::<BTreeSet<Region>>()
        .into_iter()
        .collect();
    let consultations = wc::Entity::find()
        .filter(wc::Column::WorkshopId.eq(id.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.consultation_id)
        .collect();
    let organisers = wo::Entity::find()
        .filter(wo::Column::WorkshopId.eq(id.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.account_id)
        .collect();
    Ok((regions, consultations, organisers))
}

async fn to_stored<C: ConnectionTrait>(db: &C, m: w::Model) -> Result<Stored, AppError> {
    let (regions, consultations, organisers) = links(db, &m.id).await?;
    Ok(Stored {
        workshop: Workshop {
            title: Text::new(&m.title_en, &m.title_fr, &m.title_es),
            description: Text::new(&m.description_en, &m.description_fr, &m.description_es),
            starts_on: day(m.starts_on),
            ends_on: day(m.ends_on),
            venue: m.venue,
            online: m.online,
            languages: domain::parse_languages(&m.languages),
            regions,
        },
        id: m.id,
        consultations,
        organisers,
        version: m.version,
    })
}

/// The workshop ids `user` may see: all for the Secretariat, the assigned
/// ones for an organiser.
async fn visible_ids(
    db: &DatabaseConnection,
    user: &StaffUser,
) -> Result<Option<Vec<WorkshopId>>, AppError> {
    Ok(match user.role {
        Role::Secretariat => None,
        Role::Organiser => Some(
            wo::Entity::find()
                .filter(wo::Column::AccountId.eq(user.id.clone()))
                .all(db)
                .await?
                .into_iter()
                .map(|o| o.workshop_id)
                .collect(),
        ),
    })
}

/// The workshops `user` may see, soonest first.
pub async fn list(db: &DatabaseConnection, user: &StaffUser) -> Result<Vec<Stored>, AppError> {
    let mut q = w::Entity::find().order_by_asc(w::Column::StartsOn);
    if let Some(ids) = visible_ids(db, user).await? {
        q = q.filter(w::Column::Id.is_in(ids));
    }
    let mut out = Vec::new();
    for m in q.all(db).await? {
        out.push(to_stored(db, m).await?);
    }
    Ok(out)
}

/// Workshop `id`, if `user` may see it (else not found).
pub async fn get(
    db: &DatabaseConnection,
    user: &StaffUser,
    id: &WorkshopId,
) -> Result<Stored, AppError> {
    if let Some(ids) = visible_ids(db, user).await?
        && !ids.contains(id)
    {
        return Err(AppError::NotFound);
    }
    let m = w::Entity::find_by_id(id.clone())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    to_stored(db, m).await
}

/// The regions of consultation `id` whose summaries `user` may see: all
/// six for the Secretariat; for an organiser, the regions of the workshops
/// they are assigned to that draw on it, and that are theirs too.
pub async fn summary_regions(
    db: &DatabaseConnection,
    user: &StaffUser,
    id: &ConsultationId,
) -> Result<Vec<Region>, AppError> {
    if user.role == Role::Secretariat {
        return Ok(Region::ALL.to_vec());
    }
    let assigned: Vec<WorkshopId> = wo::Entity::find()
        .filter(wo::Column::AccountId.eq(user.id.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.workshop_id)
        .collect();
    let drawing: Vec<WorkshopId> = wc::Entity::find()
        .filter(wc::Column::ConsultationId.eq(id.clone()))
        .filter(wc::Column::WorkshopId.is_in(assigned))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.workshop_id)
        .collect();
    let regions: BTreeSet<Region> = wr::Entity::find()
        .filter(wr::Column::WorkshopId.is_in(drawing))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.region_code)
        .filter(|r| user.regions.contains(r))
        .collect();
    Ok(regions.into_iter().collect())
}

/// What the Secretariat sets on a workshop besides its texts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    pub consultations: Vec<ConsultationId>,
    pub organisers: Vec<AccountId>,
}

async fn write_links<C: ConnectionTrait>(
    txn: &C,
    id: &WorkshopId,
    workshop: &Workshop,
    links: &Links,
) -> Result<(), AppError> {
    wr::Entity::delete_many()
        .filter(wr::Column::WorkshopId.eq(id.clone()))
        .exec(txn)
        .await?;
    wc::Entity::delete_many()
        .filter(wc::Column::WorkshopId.eq(id.clone()))
        .exec(txn)
        .await?;
    wo::Entity::delete_many()
        .filter(wo::Column::WorkshopId.eq(id.clone()))
        .exec(txn)
        .await?;
    for r in &workshop.regions {
        wr::Entity::insert(wr::ActiveModel {
            workshop_id: Set(id.clone()),
            region_code: Set(*r),
        })
        .exec_without_returning(txn)
        .await?;
    }
    for c in links.consultations.iter().collect::<BTreeSet<_>>() {
        wc::Entity::insert(wc::ActiveModel {
            workshop_id: Set(id.clone()),
            consultation_id: Set(c.clone()),
        })
        .exec_without_returning(txn)
        .await
        .map_err(|_| AppError::conflict("workshop-error-link"))?;
    }
    for a in links.organisers.iter().collect::<BTreeSet<_>>() {
        wo::Entity::insert(wo::ActiveModel {
            workshop_id: Set(id.clone()),
            account_id: Set(a.clone()),
        })
        .exec_without_returning(txn)
        .await
        .map_err(|_| AppError::conflict("workshop-error-link"))?;
    }
    Ok(())
}

/// Creates a workshop (Secretariat); returns its id.
pub async fn create(
    db: &DatabaseConnection,
    actor: &StaffUser,
    workshop: &Workshop,
    links: &Links,
) -> Result<WorkshopId, AppError> {
    let id: WorkshopId = secrets::new_id();
    let txn = crate::ssr::db::begin_write(db).await?;
    w::Entity::insert(w::ActiveModel {
        id: Set(id.clone()),
        title_en: Set(workshop.title.en.clone()),
        title_fr: Set(workshop.title.fr.clone()),
        title_es: Set(workshop.title.es.clone()),
        description_en: Set(workshop.description.en.clone()),
        description_fr: Set(workshop.description.fr.clone()),
        description_es: Set(workshop.description.es.clone()),
        starts_on: Set(date(workshop.starts_on)?),
        ends_on: Set(date(workshop.ends_on)?),
        venue: Set(workshop.venue.clone()),
        online: Set(workshop.online),
        languages: Set(workshop.languages_code()),
        version: Set(1),
        updated_at: Set(Utc::now()),
    })
    .exec_without_returning(&txn)
    .await?;
    write_links(&txn, &id, workshop, links).await?;
    audit::record(
        &txn,
        actor,
        Action::WorkshopCreate,
        id.as_str(),
        workshop.title.get(crate::domain::lang::Lang::En),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// Replaces workshop `id` as of `version` (Secretariat); `Stale` if it
/// changed since the form was opened.
pub async fn update(
    db: &DatabaseConnection,
    actor: &StaffUser,
    id: &WorkshopId,
    version: i32,
    workshop: &Workshop,
    links: &Links,
) -> Result<(), AppError> {
    let txn = crate::ssr::db::begin_write(db).await?;
    let res = w::Entity::update_many()
        .col_expr(w::Column::TitleEn, Expr::value(workshop.title.en.clone()))
        .col_expr(w::Column::TitleFr, Expr::value(workshop.title.fr.clone()))
        .col_expr(w::Column::TitleEs, Expr::value(workshop.title.es.clone()))
        .col_expr(
            w::Column::DescriptionEn,
            Expr::value(workshop.description.en.clone()),
        )
        .col_expr(
            w::Column::DescriptionFr,
            Expr::value(workshop.description.fr.clone()),
        )
        .col_expr(
            w::Column::DescriptionEs,
            Expr::value(workshop.description.es.clone()),
        )
        .col_expr(w::Column::StartsOn, Expr::value(date(workshop.starts_on)?))
        .col_expr(w::Column::EndsOn, Expr::value(date(workshop.ends_on)?))
        .col_expr(w::Column::Venue, Expr::value(workshop.venue.clone()))
        .col_expr(w::Column::Online, Expr::value(workshop.online))
        .col_expr(w::Column::Languages, Expr::value(workshop.languages_code()))
        .col_expr(w::Column::Version, Expr::value(version + 1))
        .col_expr(w::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(w::Column::Id.eq(id.clone()))
        .filter(w::Column::Version.eq(version))
        .exec(&txn)
        .await?;
    if res.rows_affected != 1 {
        return Err(
            if w::Entity::find_by_id(id.clone()).one(&txn).await?.is_none() {
                AppError::NotFound
            } else {
                AppError::Stale
            },
        );
    }
    write_links(&txn, id, workshop, links).await?;
    audit::record(
        &txn,
        actor,
        Action::WorkshopUpdate,
        id.as_str(),
        workshop.title.get(crate::domain::lang::Lang::En),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
