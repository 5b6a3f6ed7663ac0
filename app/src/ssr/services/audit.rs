//! The audit log of staff actions: who, what, when. Never anything a
//! respondent wrote, never a token.

use super::secrets;
use crate::error::AppError;
use crate::ssr::entities::audit_event as a;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub detail: String,
}

pub async fn record<C: ConnectionTrait>(
    db: &C,
    actor: &str,
    action: &str,
    target: &str,
    detail: &str,
) -> Result<(), AppError> {
    a::Entity::insert(a::ActiveModel {
        id: Set(secrets::random_id()),
        at: Set(Utc::now()),
        actor: Set(actor.to_string()),
        action: Set(action.to_string()),
        target: Set(target.to_string()),
        detail: Set(detail.chars().take(500).collect()),
    })
    .exec(db)
    .await?;
    Ok(())
}

/// The latest `limit` entries, newest first.
pub async fn latest<C: ConnectionTrait>(db: &C, limit: u64) -> Result<Vec<AuditEntry>, AppError> {
    Ok(a::Entity::find()
        .order_by_desc(a::Column::At)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|m| AuditEntry {
            at: m.at,
            actor: m.actor,
            action: m.action,
            target: m.target,
            detail: m.detail,
        })
        .collect())
}
