//! The registry of CITES Parties and the regions they belong to.

use crate::domain::party::Party;
use crate::domain::region::Region;
use crate::error::AppError;
use crate::ssr::entities::{party, region};
use chrono::Utc;
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait, PaginatorTrait, QueryOrder};

fn to_domain(m: party::Model) -> Option<Party> {
    Some(Party {
        region: m.region_code.parse().ok()?,
        code: m.code,
        name_en: m.name_en,
        name_fr: m.name_fr,
        name_es: m.name_es,
    })
}

/// Every Party, ordered by code.
pub async fn list(db: &DatabaseConnection) -> Result<Vec<Party>, AppError> {
    Ok(party::Entity::find()
        .order_by_asc(party::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .filter_map(to_domain)
        .collect())
}

/// The Party `code` and when it was last changed.
pub async fn get(
    db: &DatabaseConnection,
    code: &str,
) -> Result<(Party, chrono::DateTime<Utc>), AppError> {
    let m = party::Entity::find_by_id(code.to_ascii_uppercase())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let updated = m.updated_at;
    Ok((to_domain(m).ok_or(AppError::NotFound)?, updated))
}

pub async fn create(db: &DatabaseConnection, p: &Party) -> Result<(), AppError> {
    if party::Entity::find_by_id(p.code.clone()).count(db).await? > 0 {
        return Err(AppError::conflict("error-party-exists"));
    }
    let now = Utc::now();
    party::Entity::insert(party::ActiveModel {
        code: Set(p.code.clone()),
        region_code: Set(p.region.code().to_string()),
        name_en: Set(p.name_en.clone()),
        name_fr: Set(p.name_fr.clone()),
        name_es: Set(p.name_es.clone()),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec(db)
    .await?;
    Ok(())
}

/// Updates the region and names of the Party `code` (the code itself never changes).
pub async fn update(db: &DatabaseConnection, code: &str, p: &Party) -> Result<(), AppError> {
    let existing = party::Entity::find_by_id(code.to_ascii_uppercase())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    party::Entity::update(party::ActiveModel {
        code: Set(existing.code),
        region_code: Set(p.region.code().to_string()),
        name_en: Set(p.name_en.clone()),
        name_fr: Set(p.name_fr.clone()),
        name_es: Set(p.name_es.clone()),
        created_at: Set(existing.created_at),
        updated_at: Set(Utc::now()),
    })
    .exec(db)
    .await?;
    Ok(())
}

/// The official region names, in CITES order.
pub async fn regions(db: &DatabaseConnection) -> Result<Vec<(Region, [String; 3])>, AppError> {
    Ok(region::Entity::find()
        .order_by_asc(region::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| Some((r.code.parse().ok()?, [r.name_en, r.name_fr, r.name_es])))
        .collect())
}
