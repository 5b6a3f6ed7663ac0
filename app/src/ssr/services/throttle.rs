//! Sign-in rate limiting, kept in the database so that every server instance
//! counts the same failures. Keys are digests: no e-mail or IP address is stored.

use super::secrets;
use crate::error::AppError;
use crate::ssr::entities::sign_in_throttle as t;
use chrono::Utc;
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait, sea_query::OnConflict};
use std::time::Duration;

pub fn account_key(email: &str) -> String {
    format!(
        "account:{}",
        &secrets::digest("throttle-account", &email.trim().to_lowercase())[..64]
    )
}

pub fn address_key(ip: &str) -> String {
    format!("address:{}", &secrets::digest("throttle-address", ip)[..64])
}

/// Whether `key` has reached `max` failures within the current window.
pub async fn is_blocked(
    db: &DatabaseConnection,
    key: &str,
    max: u32,
    window: Duration,
) -> Result<bool, AppError> {
    let Some(row) = t::Entity::find_by_id(key.to_string()).one(db).await? else {
        return Ok(false);
    };
    Ok(within(row.window_started_at, window) && row.failures >= max as i32)
}

fn within(started: chrono::DateTime<Utc>, window: Duration) -> bool {
    let window = chrono::Duration::from_std(window).unwrap_or(chrono::Duration::minutes(15));
    Utc::now() - started < window
}

/// Counts one failure for `key`, starting a new window if the last one is over.
pub async fn record_failure(
    db: &DatabaseConnection,
    key: &str,
    window: Duration,
) -> Result<(), AppError> {
    let now = Utc::now();
    match t::Entity::find_by_id(key.to_string()).one(db).await? {
        Some(row) if within(row.window_started_at, window) => {
            t::Entity::update(t::ActiveModel {
                key: Set(key.to_string()),
                failures: Set(row.failures.saturating_add(1)),
                window_started_at: Set(row.window_started_at),
            })
            .exec(db)
            .await?;
        }
        _ => {
            t::Entity::insert(t::ActiveModel {
                key: Set(key.to_string()),
                failures: Set(1),
                window_started_at: Set(now),
            })
            .on_conflict(
                OnConflict::column(t::Column::Key)
                    .update_columns([t::Column::Failures, t::Column::WindowStartedAt])
                    .to_owned(),
            )
            .exec(db)
            .await?;
        }
    }
    Ok(())
}

pub async fn clear(db: &DatabaseConnection, key: &str) -> Result<(), AppError> {
    t::Entity::delete_by_id(key.to_string()).exec(db).await?;
    Ok(())
}
