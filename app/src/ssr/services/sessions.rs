//! Server-side staff sessions. The cookie holds a random token; the database
//! holds only its digest, so a copy of the database cannot be used to sign in.

use super::{accounts, secrets};
use crate::domain::account::StaffUser;
use crate::error::AppError;
use crate::ssr::entities::session;
use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, sea_query::Expr,
};
use std::time::Duration;

pub const COOKIE: &str = "consulta_session";
/// `last_seen_at` is written at most this often, to keep reads cheap.
const TOUCH_EVERY: chrono::Duration = chrono::Duration::seconds(60);

fn id_hash(token: &str) -> String {
    secrets::digest("consulta-session", token)
}

/// Starts a new session for `account_id` and returns its token (for the cookie).
pub async fn start(db: &DatabaseConnection, account_id: &str) -> Result<String, AppError> {
    let token = secrets::random_token();
    let now = Utc::now();
    session::Entity::insert(session::ActiveModel {
        id_hash: Set(id_hash(&token)),
        account_id: Set(account_id.to_string()),
        created_at: Set(now),
        last_seen_at: Set(now),
    })
    .exec(db)
    .await?;
    Ok(token)
}

/// The user behind `token`, if the session exists and has not been idle longer than `idle`.
pub async fn resolve(
    db: &DatabaseConnection,
    token: &str,
    idle: Duration,
) -> Result<Option<StaffUser>, AppError> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let hash = id_hash(token);
    let Some(s) = session::Entity::find_by_id(hash.clone()).one(db).await? else {
        return Ok(None);
    };
    let now = Utc::now();
    let idle = chrono::Duration::from_std(idle).unwrap_or(chrono::Duration::hours(1));
    if now - s.last_seen_at > idle {
        end(db, token).await?;
        return Ok(None);
    }
    if now - s.last_seen_at > TOUCH_EVERY {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, Expr::value(now))
            .filter(session::Column::IdHash.eq(hash))
            .exec(db)
            .await?;
    }
    accounts::load(db, &s.account_id).await
}

pub async fn end(db: &DatabaseConnection, token: &str) -> Result<(), AppError> {
    session::Entity::delete_by_id(id_hash(token))
        .exec(db)
        .await?;
    Ok(())
}

/// Removes sessions idle for longer than `idle`.
pub async fn purge_idle(db: &DatabaseConnection, idle: Duration) -> Result<u64, AppError> {
    let idle = chrono::Duration::from_std(idle).unwrap_or(chrono::Duration::hours(1));
    let res = session::Entity::delete_many()
        .filter(session::Column::LastSeenAt.lt(Utc::now() - idle))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}
