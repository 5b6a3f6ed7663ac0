//! `server backup PATH`: a consistent copy of a live SQLite database.
//!
//! `VACUUM INTO` reads the database in one read transaction — in WAL mode a
//! snapshot that writers running meanwhile do not disturb — and writes a
//! compact file holding exactly what was committed when it began. Only a new
//! file is written: an existing path is refused, never overwritten. The copy
//! holds everything in the database (the sealed per-consultation secrets
//! included) but not the server secret, which is never in the database.
//! PostgreSQL is backed up with `pg_dump`; this refuses, saying how.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, Statement};
use std::path::{Path, PathBuf};

/// A backup written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The new file, as an absolute path.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(
        "`server backup` copies SQLite databases only; this DATABASE_URL is PostgreSQL. \
         Use pg_dump instead, e.g. `pg_dump --format=custom --file=consulta.dump \"$DATABASE_URL\"` \
         (restore with `pg_restore --clean --if-exists --no-owner --dbname=\"$DATABASE_URL\" consulta.dump`); \
         see README, Operating, Backups"
    )]
    Postgres,
    #[error(
        "`server backup` copies SQLite databases only; DATABASE_URL names neither SQLite nor PostgreSQL"
    )]
    OtherEngine,
    #[error("DATABASE_URL names an in-memory SQLite database: there is nothing on disk to back up")]
    InMemory,
    #[error("there is no database at {0} (check DATABASE_URL)")]
    NoDatabase(PathBuf),
    #[error("{0} already exists; a backup never overwrites a file: choose a new path")]
    Exists(PathBuf),
    #[error("cannot create {path}: {source}")]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open the database: {0}")]
    Connect(DbErr),
    #[error("copying the database into {path} failed: {source}")]
    Copy { path: PathBuf, source: DbErr },
    #[error("cannot write {path} to disk: {source}")]
    Sync {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The SQLite file `database_url` names, as `db::connect` reads it.
fn sqlite_file(database_url: &str) -> Result<PathBuf, BackupError> {
    if database_url.starts_with("postgres:") || database_url.starts_with("postgresql:") {
        return Err(BackupError::Postgres);
    }
    let Some(rest) = database_url.strip_prefix("sqlite:") else {
        return Err(BackupError::OtherEngine);
    };
    let path = rest
        .trim_start_matches("//")
        .split('?')
        .next()
        .unwrap_or("");
    if path.is_empty() || path == ":memory:" || database_url.contains("mode=memory") {
        return Err(BackupError::InMemory);
    }
    Ok(PathBuf::from(path))
}

/// Backs up the database `database_url` names into the new file `to` (its
/// folders created as needed), while servers may be using it. What
/// `server backup PATH` runs.
pub async fn run(database_url: &str, to: &Path) -> Result<Written, BackupError> {
    let file = sqlite_file(database_url)?;
    if !file.is_file() {
        return Err(BackupError::NoDatabase(file));
    }
    let db = crate::ssr::db::connect(database_url, crate::ssr::db::DEFAULT_WAIT)
        .await
        .map_err(BackupError::Connect)?;
    let written = into(&db, to).await;
    db.close().await.ok();
    written
}

/// Writes a consistent copy of the SQLite database `db` into the new file
/// `to`. The file is claimed first (created empty, exclusively, readable by
/// its owner only), so an existing file is refused and left untouched, and
/// two backups cannot write into one file; on failure the claimed file is
/// removed.
pub async fn into(db: &DatabaseConnection, to: &Path) -> Result<Written, BackupError> {
    match db.get_database_backend() {
        sea_orm::DatabaseBackend::Sqlite => {}
        sea_orm::DatabaseBackend::Postgres => return Err(BackupError::Postgres),
        _ => return Err(BackupError::OtherEngine),
    }
    // Absolute: never read by SQLite as a `file:` URI, and printed as such.
    let path = std::path::absolute(to).map_err(|source| BackupError::Create {
        path: to.to_path_buf(),
        source,
    })?;
    if path.symlink_metadata().is_ok() {
        return Err(BackupError::Exists(path));
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|source| BackupError::Create {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    claim(&path)?;
    let copied = db
        .execute_raw(Statement::from_sql_and_values(
            sea_orm::DatabaseBackend::Sqlite,
            "VACUUM INTO ?",
            [path.to_string_lossy().into_owned().into()],
        ))
        .await;
    if let Err(source) = copied {
        let _ = std::fs::remove_file(&path);
        return Err(BackupError::Copy { path, source });
    }
    // SQLite writes the copy without syncing it: make it durable before
    // saying it is there.
    let synced = std::fs::File::open(&path)
        .and_then(|f| {
            f.sync_all()?;
            f.metadata()
        })
        .and_then(|m| {
            if let Some(parent) = path.parent() {
                sync_dir(parent)?;
            }
            Ok(m.len())
        });
    match synced {
        Ok(bytes) => Ok(Written { path, bytes }),
        Err(source) => Err(BackupError::Sync { path, source }),
    }
}

/// Creates `path` empty, failing if anything is there; mode 0600 on Unix
/// (the copy holds the consultations' sealed secrets). `VACUUM INTO` writes
/// into an empty file.
fn claim(path: &Path) -> Result<(), BackupError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(BackupError::Exists(path.to_path_buf()))
        }
        Err(source) => Err(BackupError::Create {
            path: path.to_path_buf(),
            source,
        }),
    }
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_: &Path) -> std::io::Result<()> {
    Ok(())
}

/// `bytes` for people: `834 KB`, `12.3 MB`.
pub fn human_size(bytes: u64) -> String {
    const KB: f64 = 1000.0;
    let b = bytes as f64;
    if b < KB {
        format!("{bytes} bytes")
    } else if b < KB * KB {
        format!("{:.0} KB", b / KB)
    } else if b < KB * KB * KB {
        format!("{:.1} MB", b / (KB * KB))
    } else {
        format!("{:.2} GB", b / (KB * KB * KB))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn which_databases_are_copied() {
        assert_eq!(
            sqlite_file("sqlite://data/consulta.db").unwrap(),
            PathBuf::from("data/consulta.db")
        );
        assert_eq!(
            sqlite_file("sqlite:///var/lib/c.db?mode=rwc").unwrap(),
            PathBuf::from("/var/lib/c.db")
        );
        let pg = sqlite_file("postgres://u@h/consulta")
            .unwrap_err()
            .to_string();
        assert!(pg.contains("pg_dump --format=custom") && pg.contains("pg_restore"));
        assert!(matches!(
            sqlite_file("postgresql://h/c"),
            Err(BackupError::Postgres)
        ));
        assert!(matches!(
            sqlite_file("sqlite::memory:"),
            Err(BackupError::InMemory)
        ));
        assert!(matches!(
            sqlite_file("mysql://h/c"),
            Err(BackupError::OtherEngine)
        ));
    }

    #[test]
    fn sizes_read() {
        assert_eq!(human_size(512), "512 bytes");
        assert_eq!(human_size(834_000), "834 KB");
        assert_eq!(human_size(12_345_678), "12.3 MB");
    }
}
