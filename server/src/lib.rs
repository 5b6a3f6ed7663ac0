//! The Consulta server: start-up, shutdown and the command line. The HTTP
//! surface itself is `app::web::routes`.

pub mod cli;
pub mod memory;

use app::ssr::config::Config;
use app::ssr::keys::ServerKey;
use app::ssr::mail::Mailer;
use app::ssr::outbox::{self, Delivery};
use app::ssr::services::closing;
use app::ssr::services::consultations::Surveys;
use app::ssr::services::passwords::Checker;
use app::ssr::services::responses::Reshuffle;
use app::ssr::state::AppState;
use app::ssr::submissions::Responses;
use app::ssr::tasks::{Shutdown, Stop};
use app::ssr::{db, demo};
use app::web::routes;
use leptos::config::LeptosOptions;
use migrations::{Migrator, MigratorTrait};
use sea_orm::DatabaseConnection;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot connect to the database: {0}")]
    Database(sea_orm::DbErr),
    #[error("cannot apply migrations: {0}")]
    Migrate(sea_orm::DbErr),
    #[error("{0}")]
    Key(#[from] app::ssr::keys::KeyError),
    #[error("mail: {0}")]
    Mail(#[from] app::ssr::mail::MailConfigError),
    #[error("cannot create the demo accounts: {0}")]
    Demo(String),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
}

/// Connects and brings the schema up to date.
pub async fn connect_and_migrate(cfg: &Config) -> Result<DatabaseConnection, StartError> {
    let db = db::connect(&cfg.database_url, cfg.db_wait)
        .await
        .map_err(StartError::Database)?;
    migrate(&db).await.map_err(StartError::Migrate)?;
    Ok(db)
}

/// The PostgreSQL advisory lock that migrations are applied under
/// ("consulta" in ASCII).
const MIGRATION_LOCK: i64 = 0x636f_6e73_756c_7461;

/// Applies the pending migrations. On PostgreSQL, several instances may
/// start at once (after an upgrade, say): each applies them in one
/// transaction holding a transaction-level advisory lock, so they take
/// turns — the first applies what is pending, the others wait, then find
/// nothing pending — and a failed migration leaves nothing half applied.
/// (SQLite has one server.) On SQLite they are applied on a connection of
/// their own with foreign keys off, as SQLite documents for rebuilding a
/// table that others refer to; the foreign keys are checked afterwards.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    use sea_orm::{ConnectionTrait, DatabaseBackend, TransactionTrait};
    if db.get_database_backend() == DatabaseBackend::Sqlite {
        return migrate_sqlite(db).await;
    }
    let txn = db.begin().await?;
    txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
        .await?;
    Migrator::up(&txn, None).await?;
    txn.commit().await
}

/// SQLite: the pending migrations on one connection with foreign keys
/// off, then `PRAGMA foreign_key_check`, which must find nothing.
async fn migrate_sqlite(db: &DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    use sea_orm::sqlx::sqlite::SqlitePoolOptions;
    use sea_orm::{ConnectionTrait, SqlxSqliteConnector, Statement};
    let options = (*db.get_sqlite_connection_pool().connect_options())
        .clone()
        .foreign_keys(false);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .map_err(|e| sea_orm::DbErr::Conn(sea_orm::RuntimeErr::SqlxError(e.into())))?;
    let conn = SqlxSqliteConnector::from_sqlx_sqlite_pool(pool);
    let applied = Migrator::up(&conn, None).await;
    let broken = match applied {
        Ok(()) => {
            conn.query_all_raw(Statement::from_string(
                conn.get_database_backend(),
                "PRAGMA foreign_key_check",
            ))
            .await
        }
        Err(e) => Err(e),
    };
    let _ = conn.close().await;
    match broken?.len() {
        0 => Ok(()),
        n => Err(sea_orm::DbErr::Migration(format!(
            "after the migrations, {n} rows refer to rows that do not exist"
        ))),
    }
}

/// A server that is listening.
pub struct Running {
    pub addr: SocketAddr,
    pub db: DatabaseConnection,
    /// Printed once when demo accounts were created.
    pub demo_banner: Option<String>,
    state: AppState,
    http_stop: Option<oneshot::Sender<()>>,
    http: JoinHandle<std::io::Result<()>>,
    /// The background tasks: the submissions writer, the outbox worker,
    /// housekeeping. They end on `state.shutdown`.
    tasks: Vec<JoinHandle<()>>,
}

impl Running {
    /// The server's state (what it keeps in memory).
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Stops accepting connections, lets requests in flight finish, then
    /// stops the background tasks (the writer first writes what is queued)
    /// and waits for them.
    pub async fn stop(mut self) -> std::io::Result<()> {
        if let Some(tx) = self.http_stop.take() {
            let _ = tx.send(());
        }
        self.finish().await
    }

    /// Waits until the server stops (after SIGINT or SIGTERM), as [`stop`](Self::stop).
    pub async fn wait(mut self) -> std::io::Result<()> {
        if let Some(tx) = self.http_stop.take() {
            tokio::spawn(async move {
                shutdown_signal().await;
                let _ = tx.send(());
            });
        }
        self.finish().await
    }

    async fn finish(self) -> std::io::Result<()> {
        let served = self.http.await.unwrap_or(Ok(()));
        self.state.shutdown.trigger();
        for task in self.tasks {
            if let Err(e) = task.await {
                tracing::error!(error = %e, "a background task failed");
            }
        }
        served
    }
}

/// Starts the server on `cfg.site_addr` (port 0 picks a free port).
pub async fn start(cfg: Config) -> Result<Running, StartError> {
    if cfg.password_cost == app::ssr::config::PasswordCost::Test {
        tracing::warn!(
            "CONSULTA_PASSWORD_COST=test: new password hashes are cheap to guess; for test servers only"
        );
    }
    let key = ServerKey::load(&cfg)?;
    let db = connect_and_migrate(&cfg).await?;
    let reshuffle = Reshuffle::default();
    match app::ssr::services::tallies::recount_untallied(&db).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(consultations = n, "summary tallies counted"),
        Err(e) => tracing::error!(error = %e, "counting summary tallies failed"),
    }
    match closing::freeze_closed(&db, &reshuffle, cfg.disclosure_k).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(consultations = n, "results of closed consultations frozen"),
        Err(e) => {
            tracing::error!(error = %e, "freezing the results of closed consultations failed")
        }
    }
    // PostgreSQL: rows written since the last pass before the server
    // stopped (or was killed) are put back in key order now, not at the
    // next submission.
    match app::ssr::services::row_order::settle(&db).await {
        Ok(done) if done == Default::default() => {}
        Ok(done) => tracing::info!(?done, "response and invitation rows put back in key order"),
        Err(e) => tracing::error!(error = %e, "putting rows back in key order failed"),
    }
    let demo_banner = demo::ensure_demo_accounts(&db, &cfg)
        .await
        .map_err(StartError::Demo)?;
    if demo_banner.is_some() && cfg.demo_data {
        // The demo consultation's responses were written and closed.
        reshuffle.mark();
    }
    let listener = TcpListener::bind(cfg.site_addr)
        .await
        .map_err(|source| StartError::Bind {
            addr: cfg.site_addr,
            source,
        })?;
    let addr = listener.local_addr().map_err(|source| StartError::Bind {
        addr: cfg.site_addr,
        source,
    })?;
    let mailer = Mailer::new(&cfg.mail)?;
    let asset_versions = Arc::new(app::ssr::assets::load(std::path::Path::new(&cfg.site_root)));
    let leptos_options = LeptosOptions::builder()
        .output_name("consulta")
        .site_root(cfg.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .build();
    let public_url = cfg
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{addr}"));
    let shutdown = Shutdown::new();
    let surveys = Surveys::default();
    let (responses, writer) = Responses::start(
        db.clone(),
        key.clone(),
        surveys.clone(),
        reshuffle.clone(),
        shutdown.listen(),
    );
    let state = AppState {
        public_url,
        responses,
        surveys,
        db: db.clone(),
        passwords: Checker::new(
            cfg.password_checks,
            app::ssr::services::passwords::WAIT,
            cfg.password_cost,
        ),
        save_limit: Arc::new(app::ssr::save_limit::SaveLimit::new(
            cfg.response_saves_per_minute,
        )),
        recent_links: Default::default(),
        reshuffle,
        asset_versions,
        shutdown,
        config: Arc::new(cfg),
        leptos_options,
        key,
    };
    let housekeeping = spawn_housekeeping(state.clone(), state.shutdown.listen());
    let trimming = spawn_trimming(state.shutdown.listen());
    let delivery = Delivery {
        // The lease covers a send of this mailer's timeout (set before the
        // mailer moves in).
        lease: outbox::lease(mailer.send_timeout, state.config.db_wait),
        mailer,
        from: state.config.mail.from.clone(),
        reply_to: state.config.mail.reply_to.clone(),
        public_url: state.public_url.clone(),
        per_second: state.config.mail_per_second,
        retry_base: chrono::Duration::from_std(state.config.mail_retry)
            .unwrap_or(chrono::Duration::seconds(15)),
    };
    let outbox = outbox::spawn(state.clone(), Arc::new(delivery), state.shutdown.listen());
    let app = routes::router(state.clone());
    let (tx, rx) = oneshot::channel::<()>();
    let http = tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async {
            let _ = rx.await;
        })
        .await
    });
    Ok(Running {
        addr,
        db,
        demo_banner,
        state,
        http_stop: Some(tx),
        http,
        tasks: vec![writer, outbox, housekeeping, trimming],
    })
}

/// Every minute until `stop`: records as closed the consultations whose
/// deadline has passed (pages already treat them as closed), queues the
/// scheduled reminders, puts the response tables back in key order when due,
/// removes expired sessions and sign-in counters, and audit entries past
/// their retention.
fn spawn_housekeeping(state: AppState, mut stop: Stop) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(60));
        loop {
            tokio::select! {
                _ = every.tick() => {}
                _ = stop.wait() => break,
            }
            housekeeping(&state).await;
        }
    })
}

/// Every ten seconds until `stop`: gives the allocator's free pages back to
/// the system ([`memory::release`]), so that a burst of large requests
/// (password checks, form bodies, uploads) does not leave the process
/// larger once it has passed.
fn spawn_trimming(mut stop: Stop) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(10));
        loop {
            tokio::select! {
                _ = every.tick() => {}
                _ = stop.wait() => break,
            }
            let _ = tokio::task::spawn_blocking(memory::release).await;
        }
    })
}

async fn housekeeping(state: &AppState) {
    use app::ssr::services::{audit, invitations, sessions, throttle};
    let k = state.config.disclosure_k;
    match closing::close_past_deadline(&state.db, &state.reshuffle, k).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(closed = n, "consultations closed at their deadline"),
        Err(e) => tracing::warn!(error = %e, "closing past-deadline consultations failed"),
    }
    match invitations::send_due_reminders(&state.db).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(reminders = n, "scheduled reminders queued"),
        Err(e) => tracing::warn!(error = %e, "scheduled reminders failed"),
    }
    if let Err(e) = state.reshuffle.run(&state.db).await {
        tracing::warn!(error = %e, "putting response tables back in key order failed");
    }
    if let Err(e) = sessions::purge_expired(&state.db, state.session_lifetimes()).await {
        tracing::warn!(error = %e, "session purge failed");
    }
    if let Err(e) = throttle::purge(&state.db, state.config.sign_in_window).await {
        tracing::warn!(error = %e, "sign-in counter purge failed");
    }
    let retention = chrono::Duration::days(i64::from(state.config.audit_retention_days));
    if let Err(e) = audit::purge_before(&state.db, chrono::Utc::now() - retention).await {
        tracing::warn!(error = %e, "audit purge failed");
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down");
}
