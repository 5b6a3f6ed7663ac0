//! The registry of CITES Parties and the regions they belong to.

use super::audit::{self, Action};
use crate::domain::account::StaffUser;
use crate::domain::ids::PartyCode;
use crate::domain::party::Party;
use crate::domain::region::Region;
use crate::domain::text::Text;
use crate::error::AppError;
use crate::ssr::entities::{party, region};
use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, sea_query::Expr,
};

fn to_domain(m: party::Model) -> Party {
    Party {
        region: m.region_code,
        code: m.code,
        name: Text {
            en: m.name_en,
            fr: m.name_fr,
            es: m.name_es,
        },
    }
}

/// Every Party, ordered by code.
pub async fn list(db: &DatabaseConnection) -> Result<Vec<Party>, AppError> {
    Ok(party::Entity::find()
        .order_by_asc(party::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect())
}

/// The Party `code`, when it was last changed, and its version.
pub async fn get(
    db: &DatabaseConnection,
    code: &PartyCode,
) -> Result<(Party, chrono::DateTime<Utc>, i32), AppError> {
    let m = party::Entity::find_by_id(code.clone())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let (updated, version) = (m.updated_at, m.version);
    Ok((to_domain(m), updated, version))
}

/// Adds a Party, audited in the same transaction.
pub async fn create(db: &DatabaseConnection, actor: &StaffUser, p: &Party) -> Result<(), AppError> {
    let txn = crate::ssr::db::begin_write(db).await?;
    if party::Entity::find_by_id(p.code.clone())
        .count(&txn)
        .await?
        > 0
    {
        return Err(AppError::conflict("error-party-exists"));
    }
    let now = Utc::now();
    party::Entity::insert(party::ActiveModel {
        code: Set(p.code.clone()),
        region_code: Set(p.region),
        name_en: Set(p.name.en.clone()),
        name_fr: Set(p.name.fr.clone()),
        name_es: Set(p.name.es.clone()),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(0),
    })
    .exec(&txn)
    .await
    .map_err(|_| AppError::conflict("error-party-exists"))?;
    audit::record(&txn, actor, Action::PartyCreate, p.code.as_str(), "").await?;
    txn.commit().await?;
    Ok(())
}

/// Updates the region and names of the Party `code` as of `version` (the
/// code itself never changes); `Stale` if it changed since.
pub async fn update(
    db: &DatabaseConnection,
    actor: &StaffUser,
    code: &PartyCode,
    version: i32,
    p: &Party,
) -> Result<(), AppError> {
    let txn = crate::ssr::db::begin_write(db).await?;
    let res = party::Entity::update_many()
        .col_expr(party::Column::RegionCode, Expr::value(p.region))
        .col_expr(party::Column::NameEn, Expr::value(p.name.en.clone()))
        .col_expr(party::Column::NameFr, Expr::value(p.name.fr.clone()))
        .col_expr(party::Column::NameEs, Expr::value(p.name.es.clone()))
        .col_expr(party::Column::UpdatedAt, Expr::value(Utc::now()))
        .col_expr(party::Column::Version, Expr::value(version + 1))
        .filter(party::Column::Code.eq(code.clone()))
        .filter(party::Column::Version.eq(version))
        .exec(&txn)
        .await?;
    if res.rows_affected != 1 {
        let exists = party::Entity::find_by_id(code.clone()).count(&txn).await? > 0;
        return Err(if exists {
            AppError::Stale
        } else {
            AppError::NotFound
        });
    }
    audit::record(&txn, actor, Action::PartyUpdate, code.as_str(), "").await?;
    txn.commit().await?;
    Ok(())
}

/// The official region names, in CITES order.
pub async fn regions(db: &DatabaseConnection) -> Result<Vec<(Region, Text)>, AppError> {
    Ok(region::Entity::find()
        .order_by_asc(region::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|r| {
            let name = Text {
                en: r.name_en,
                fr: r.name_fr,
                es: r.name_es,
            };
            (r.code, name)
        })
        .collect())
}
