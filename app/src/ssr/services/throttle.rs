//! Sign-in rate limiting, kept in the database so that every server instance
//! counts the same attempts. An attempt is counted atomically *before* the
//! password is checked, so a burst of parallel guesses can never check more
//! passwords than the limit allows. Keys are keyed digests (HMAC with the
//! server secret): no e-mail or IP address is stored, and a copy of the
//! database cannot tell which account a counter belongs to.
//!
//! Three counters per attempt:
//! - the account-and-address pair: reaching the limit blocks that pair only,
//!   so nobody can lock a Secretariat member out by knowing their address;
//! - the address (any account): a much higher limit against password spraying;
//! - the account (any address): never blocks; past the limit each attempt is
//!   slowed down and logged.

use crate::error::AppError;
use crate::ssr::entities::sign_in_attempt as t;
use crate::ssr::keys::ServerKey;
use chrono::Utc;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, EntityTrait, QueryFilter,
    Statement,
    sea_query::{Expr, ExprTrait},
};
use std::time::Duration;

/// The three counters of one sign-in attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys {
    pub pair: String,
    pub account: String,
    pub address: String,
}

impl Keys {
    pub fn new(key: &ServerKey, email: &str, address: &str) -> Self {
        let email = email.trim().to_lowercase();
        Keys {
            pair: format!(
                "p:{}",
                key.digest("signin.pair", &format!("{email}\n{address}"))
            ),
            account: format!("a:{}", key.digest("signin.account", &email)),
            address: format!("i:{}", key.digest("signin.address", address)),
        }
    }
}

/// Counts one attempt for `key` and returns the number of attempts in the
/// current window, this one included. One statement: concurrent callers
/// each see a distinct count.
pub async fn count(db: &DatabaseConnection, key: &str, window: Duration) -> Result<i64, AppError> {
    let now = Utc::now().timestamp();
    let expired = now - window.as_secs() as i64;
    let backend = db.get_database_backend();
    let (a, b, c) = match backend {
        DatabaseBackend::Postgres => ("$1", "$2", "$3"),
        _ => ("?1", "?2", "?3"),
    };
    let sql = format!(
        "INSERT INTO sign_in_attempt (key, attempts, window_start) VALUES ({a}, 1, {b}) \
         ON CONFLICT (key) DO UPDATE SET \
           attempts = CASE WHEN sign_in_attempt.window_start <= {c} THEN 1 \
                      ELSE sign_in_attempt.attempts + 1 END, \
           window_start = CASE WHEN sign_in_attempt.window_start <= {c} THEN {b} \
                          ELSE sign_in_attempt.window_start END \
         RETURNING attempts"
    );
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [key.into(), now.into(), expired.into()],
        ))
        .await?
        .ok_or_else(|| AppError::internal("the throttle upsert returned no row"))?;
    let n: i32 = row.try_get("", "attempts")?;
    Ok(i64::from(n))
}

/// Forgets the counter `key` (after a successful sign-in).
pub async fn forget(db: &DatabaseConnection, key: &str) -> Result<(), AppError> {
    t::Entity::delete_by_id(key.to_string()).exec(db).await?;
    Ok(())
}

/// Takes back one attempt of `key` (a successful sign-in is not an attack).
pub async fn take_back(db: &DatabaseConnection, key: &str) -> Result<(), AppError> {
    t::Entity::update_many()
        .col_expr(t::Column::Attempts, Expr::col(t::Column::Attempts).sub(1))
        .filter(t::Column::Key.eq(key))
        .filter(t::Column::Attempts.gt(0))
        .exec(db)
        .await?;
    Ok(())
}

/// Removes counters whose window is over.
pub async fn purge(db: &DatabaseConnection, window: Duration) -> Result<u64, AppError> {
    let expired = Utc::now().timestamp() - window.as_secs() as i64;
    let res = t::Entity::delete_many()
        .filter(t::Column::WindowStart.lte(expired))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}
