//! Connecting to the database: SQLite (WAL, foreign keys, busy timeout,
//! secure delete) or PostgreSQL.

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use std::time::Duration;

/// How long a request waits for a connection by default
/// (`CONSULTA_DB_WAIT_SECONDS`).
pub const DEFAULT_WAIT: Duration = Duration::from_secs(10);

/// How long a SQLite statement waits for another connection's write lock.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Connects; a request waits at most `wait` for a connection (while the
/// database cannot be reached, it is then told so).
pub async fn connect(url: &str, wait: Duration) -> Result<DatabaseConnection, DbErr> {
    let mut opts = ConnectOptions::new(url.to_string());
    opts.sqlx_logging(false)
        .connect_timeout(wait)
        .acquire_timeout(wait);
    if url.starts_with("sqlite:") {
        ensure_sqlite_dir(url);
        opts.max_connections(8).min_connections(1);
        opts.map_sqlx_sqlite_opts(|o| {
            o.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(BUSY_TIMEOUT)
                // Deleted content (secrets, locators, the invitation side's
                // facts forgotten at close) is overwritten, not left in
                // free pages.
                .pragma("secure_delete", "ON")
        });
        // When a write fails for want of space (SQLITE_FULL, or
        // SQLITE_IOERR as a file size limit gives), SQLite rolls the
        // transaction back itself; sqlx still counts it open, its ROLLBACK
        // then fails, and the connection, back in the pool, would refuse
        // the next BEGIN IMMEDIATE and turn the next BEGIN into a
        // SAVEPOINT whose RELEASE commits nothing (writes acknowledged,
        // then lost with the connection). A connection still counted in a
        // transaction when taken from the pool is closed instead.
        opts.map_sqlx_sqlite_pool_opts(|pool| {
            pool.after_connect(|conn, _meta| Box::pin(stable_plans(conn)))
                .before_acquire(|conn, _meta| {
                    Box::pin(async move {
                        let clean = !sea_orm::sqlx::Connection::is_in_transaction(conn);
                        if !clean {
                            tracing::warn!(
                                "a database connection left counted in a transaction is closed"
                            );
                        }
                        Ok(clean)
                    })
                })
        });
    } else {
        opts.max_connections(16).min_connections(1);
    }
    Database::connect(opts).await
}

/// Turns on SQLite's query planner stability guarantee
/// (`SQLITE_DBCONFIG_ENABLE_QPSG`) for a new connection: a statement's plan
/// no longer depends on the values bound to it. Without it, SQLite marks a
/// statement whose plan could use a bound value (a bound `LIMIT`, as in
/// every sea-orm `.one()`, or a bound `LIKE` pattern) to be compiled again
/// whenever a value is bound, so sqlx's cache of prepared statements saved
/// nothing for them: parsing and planning again took a tenth of the
/// processor time of a respondent's page.
async fn stable_plans(
    conn: &mut sea_orm::sqlx::SqliteConnection,
) -> Result<(), sea_orm::sqlx::Error> {
    let mut handle = conn.lock_handle().await?;
    // SAFETY: the connection's open handle, locked for this call.
    let (rc, on) = unsafe { planner_stability(handle.as_raw_handle().as_ptr(), 1) };
    if rc != libsqlite3_sys::SQLITE_OK || on != 1 {
        return Err(sea_orm::sqlx::Error::Configuration(
            format!("SQLite refused its query planner stability guarantee (code {rc})").into(),
        ));
    }
    Ok(())
}

/// Sets the query planner stability guarantee of connection `db` (`set`:
/// 1 on, 0 off, -1 only reads it); SQLite's result code and the state after.
///
/// # Safety
/// `db` must be an open connection handle that no other thread uses
/// during the call.
unsafe fn planner_stability(
    db: *mut libsqlite3_sys::sqlite3,
    set: std::ffi::c_int,
) -> (std::ffi::c_int, std::ffi::c_int) {
    let mut on: std::ffi::c_int = -1;
    // SAFETY: the caller's guarantee for `db`; this option takes an int and
    // a pointer to an int that receives the state, as SQLite specifies.
    let rc = unsafe {
        libsqlite3_sys::sqlite3_db_config(
            db,
            libsqlite3_sys::SQLITE_DBCONFIG_ENABLE_QPSG,
            set,
            &mut on as *mut std::ffi::c_int,
        )
    };
    (rc, on)
}

/// Creates the folder of a SQLite file, so the default `./data/` works on a fresh checkout.
fn ensure_sqlite_dir(url: &str) {
    let path = url
        .trim_start_matches("sqlite:")
        .trim_start_matches("//")
        .split('?')
        .next()
        .unwrap_or("");
    if path.is_empty() || path == ":memory:" {
        return;
    }
    if let Some(parent) = std::path::Path::new(path).parent()
        && !parent.as_os_str().is_empty()
    {
        let _ = std::fs::create_dir_all(parent);
    }
}

/// Begins a transaction that will decide and write. On SQLite it takes the
/// write lock at once (`BEGIN IMMEDIATE`), so concurrent writers wait their
/// turn (busy timeout) instead of failing when a read turns into a write; on
/// PostgreSQL the conditional UPDATEs themselves refuse a stale decision.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

#[cfg(test)]
mod tests {
    /// Every pooled SQLite connection has the query planner stability
    /// guarantee on (read back with -1, which asks without changing it).
    #[tokio::test]
    async fn sqlite_connections_keep_their_plans() {
        let db = super::connect("sqlite::memory:", super::DEFAULT_WAIT)
            .await
            .unwrap();
        let mut conn = db.get_sqlite_connection_pool().acquire().await.unwrap();
        let mut handle = conn.lock_handle().await.unwrap();
        // SAFETY: an open handle, locked for the call; -1 only reads.
        let (rc, on) = unsafe { super::planner_stability(handle.as_raw_handle().as_ptr(), -1) };
        assert_eq!((rc, on), (libsqlite3_sys::SQLITE_OK, 1));
    }
}
