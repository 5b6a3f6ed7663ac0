//! Server-side staff sessions. The cookie holds a random token; the database
//! holds only its keyed digest (HMAC with the server secret), so a copy of
//! the database cannot be used to sign in. Sessions end when idle for
//! `CONSULTA_SESSION_IDLE_MINUTES` and, used or not,
//! `CONSULTA_SESSION_MAX_HOURS` after sign-in.

use super::{accounts, secrets};
use crate::domain::account::StaffUser;
use crate::domain::ids::AccountId;
use crate::error::AppError;
use crate::ssr::entities::session;
use crate::ssr::keys::ServerKey;
use chrono::Utc;
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait},
};
use std::time::Duration;

/// The cookie's name over plain http (development, tests)…
pub const COOKIE: &str = "consulta_session";
/// …and behind https: the `__Host-` prefix makes browsers refuse it unless
/// it is `Secure`, for this host only, and for every path.
pub const SECURE_COOKIE: &str = "__Host-consulta_session";

/// The lifetimes a session is held to.
#[derive(Debug, Clone, Copy)]
pub struct Lifetimes {
    pub idle: Duration,
    pub max: Duration,
}
/// `last_seen_at` is written at most this often, to keep reads cheap.
const TOUCH_EVERY: chrono::Duration = chrono::Duration::seconds(60);

fn id_hash(key: &ServerKey, token: &str) -> String {
    key.digest("consulta-session", token)
}

/// Starts a new session for `account_id` and returns its token (for the cookie).
pub async fn start(
    db: &DatabaseConnection,
    key: &ServerKey,
    account_id: &AccountId,
) -> Result<String, AppError> {
    let token = secrets::random_token();
    let now = Utc::now();
    session::Entity::insert(session::ActiveModel {
        id_hash: Set(id_hash(key, &token)),
        account_id: Set(account_id.clone()),
        created_at: Set(now),
        last_seen_at: Set(now),
    })
    .exec(db)
    .await?;
    Ok(token)
}

fn chrono(d: Duration) -> chrono::Duration {
    chrono::Duration::from_std(d).unwrap_or(chrono::Duration::hours(1))
}

/// The user behind `token`, if the session exists, has not been idle longer
/// than `life.idle` and is younger than `life.max`.
pub async fn resolve(
    db: &DatabaseConnection,
    key: &ServerKey,
    token: &str,
    life: Lifetimes,
) -> Result<Option<StaffUser>, AppError> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let hash = id_hash(key, token);
    let Some(s) = session::Entity::find_by_id(hash.clone()).one(db).await? else {
        return Ok(None);
    };
    let now = Utc::now();
    if now - s.last_seen_at > chrono(life.idle) || now - s.created_at > chrono(life.max) {
        end(db, key, token).await?;
        return Ok(None);
    }
    if now - s.last_seen_at > TOUCH_EVERY {
        let touched = session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, Expr::value(now))
            .filter(session::Column::IdHash.eq(hash))
            .exec(db)
            .await;
        // A disk too full to note the use does not sign anyone out (nor
        // stop them reading): the next request notes it.
        if let Err(e) = touched {
            let e = AppError::from(e);
            if e != AppError::StorageFull {
                return Err(e);
            }
        }
    }
    accounts::load(db, &s.account_id).await
}

pub async fn end(db: &DatabaseConnection, key: &ServerKey, token: &str) -> Result<(), AppError> {
    session::Entity::delete_by_id(id_hash(key, token))
        .exec(db)
        .await?;
    Ok(())
}

/// Removes sessions idle for longer than `life.idle` or older than `life.max`.
pub async fn purge_expired(db: &DatabaseConnection, life: Lifetimes) -> Result<u64, AppError> {
    let now = Utc::now();
    let res = session::Entity::delete_many()
        .filter(
            session::Column::LastSeenAt
                .lt(now - chrono(life.idle))
                .or(session::Column::CreatedAt.lt(now - chrono(life.max))),
        )
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}
