//! A database with every migration applied, made once and copied for each
//! test server, so that a server's start does not apply the migrations
//! again (a hundred starts per run on each engine).
//!
//! - SQLite: the file's bytes, made once per test process and kept in
//!   memory; each server starts on a copy written where its database goes.
//! - PostgreSQL: a template database (`CREATE DATABASE … TEMPLATE`), named
//!   after the test binary that made it, so a build with other migrations
//!   makes its own; the harness drops the templates of earlier builds.
//!   It refuses connections once made, so copying it never finds anyone
//!   connected.
//!
//! The server still runs its migrations when it starts, and finds nothing
//! pending: what it starts on is what it would have made itself.

use sea_orm::{ConnectOptions, ConnectionTrait, Database, Statement};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::OnceCell;

const WAIT: Duration = Duration::from_secs(30);

/// Writes a migrated SQLite database at `path` (which must not exist).
pub async fn write_sqlite(path: &Path) {
    static BYTES: OnceCell<Vec<u8>> = OnceCell::const_new();
    let bytes = BYTES.get_or_init(make_sqlite).await;
    tokio::fs::write(path, bytes)
        .await
        .expect("write the test database");
}

async fn make_sqlite() -> Vec<u8> {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}/template.db", dir.path().display());
    let db = app::ssr::db::connect(&url, WAIT)
        .await
        .expect("open the template database");
    server::migrate(&db).await.expect("migrate the template");
    // One self-contained file (no write-ahead log beside it).
    let copy = dir.path().join("copy.db");
    db.execute_unprepared(&format!("VACUUM INTO '{}'", copy.display()))
        .await
        .expect("copy the template");
    db.close().await.ok();
    std::fs::read(copy).expect("read the template")
}

/// Creates the database `name`, migrated, on the PostgreSQL server whose
/// admin URL is `admin`.
pub async fn create_postgres(admin: &str, name: &str) {
    // One template per PostgreSQL server (the outage test runs its own).
    static TEMPLATES: Mutex<Vec<(String, Arc<OnceCell<String>>)>> = Mutex::new(Vec::new());
    let cell = {
        let mut templates = TEMPLATES.lock().unwrap_or_else(|e| e.into_inner());
        match templates.iter().find(|(a, _)| a == admin) {
            Some((_, cell)) => Arc::clone(cell),
            None => {
                let cell = Arc::new(OnceCell::new());
                templates.push((admin.to_string(), Arc::clone(&cell)));
                cell
            }
        }
    };
    let template = cell.get_or_init(|| make_postgres(admin)).await;
    let conn = Database::connect(admin)
        .await
        .expect("connect to PostgreSQL");
    conn.execute_unprepared(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
        .await
        .expect("create test database");
    conn.close().await.ok();
}

/// The template's name: the test binary's build (its modification time)
/// decides which migrations it holds.
fn template_name() -> String {
    let built = std::env::current_exe()
        .and_then(|exe| exe.metadata())
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .unwrap_or_default();
    format!("consulta_template_{:x}", built.as_nanos())
}

/// Makes the template unless another test process of the same build
/// already has: they take turns under an advisory lock, on one connection.
async fn make_postgres(admin: &str) -> String {
    let name = template_name();
    let mut opts = ConnectOptions::new(admin.to_string());
    opts.max_connections(1).sqlx_logging(false);
    let conn = Database::connect(opts)
        .await
        .expect("connect to PostgreSQL");
    // "consulta-template" in ASCII, shortened to 8 bytes.
    const LOCK: i64 = 0x636f_6e73_2d74_6d70;
    conn.execute_unprepared(&format!("SELECT pg_advisory_lock({LOCK})"))
        .await
        .expect("take the template lock");
    let rows = conn
        .query_all_raw(Statement::from_string(
            conn.get_database_backend(),
            "SELECT datname, datistemplate FROM pg_database WHERE datname LIKE 'consulta\\_template\\_%'",
        ))
        .await
        .expect("list templates");
    let mut ready = false;
    for row in rows {
        let other: String = row.try_get("", "datname").expect("datname");
        let is_template: bool = row.try_get("", "datistemplate").expect("datistemplate");
        if other == name && is_template {
            ready = true;
        } else {
            // An earlier build's, or one left half made: gone, unless a
            // test process of that build is copying it right now.
            conn.execute_unprepared(&format!("ALTER DATABASE {other} IS_TEMPLATE false"))
                .await
                .ok();
            conn.execute_unprepared(&format!("DROP DATABASE IF EXISTS {other}"))
                .await
                .ok();
        }
    }
    if !ready {
        conn.execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .expect("create the template");
        let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(admin);
        let db = app::ssr::db::connect(&format!("{base}/{name}"), WAIT)
            .await
            .expect("connect to the template");
        server::migrate(&db).await.expect("migrate the template");
        db.close().await.ok();
        conn.execute_unprepared(&format!(
            "ALTER DATABASE {name} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false"
        ))
        .await
        .expect("mark the template");
    }
    conn.execute_unprepared(&format!("SELECT pg_advisory_unlock({LOCK})"))
        .await
        .ok();
    conn.close().await.ok();
    name
}
