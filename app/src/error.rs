//! The one application error. Every variant carries a fluent message id and
//! maps to an HTTP status; a handler's error is rendered as the translated
//! page of its status.

use crate::domain::validation::FieldErrors;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not signed in")]
    Unauthenticated,
    #[error("not allowed")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("invalid input")]
    Invalid(FieldErrors),
    #[error("conflict: {0}")]
    Conflict(String),
    /// What the form was based on has changed since it was opened.
    #[error("changed by someone else")]
    Stale,
    /// A private link that cannot be used (unknown, withdrawn, or its
    /// consultation closed): one answer for all, telling nothing more.
    #[error("invalid private link")]
    InvalidLink,
    /// A private link whose consultation is not open (any more).
    #[error("consultation closed")]
    LinkClosed,
    /// A private link the Secretariat withdrew.
    #[error("invitation withdrawn")]
    LinkWithdrawn,
    #[error("too many attempts")]
    TooManyRequests,
    /// The server is at its limit for this kind of work; try again shortly.
    #[error("busy")]
    Busy,
    /// The database cannot be reached (stopped, restarting, the network to
    /// it down): nothing was read or written; try again in a while.
    #[error("database unavailable")]
    Unavailable,
    /// The database could not write: its storage is full (SQLite's
    /// `SQLITE_FULL`, or an I/O error writing, as a file size limit gives;
    /// PostgreSQL's `disk_full`). Nothing was written.
    #[error("database storage full")]
    StorageFull,
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("unsupported content type")]
    UnsupportedMediaType,
    /// Results are published only once a consultation has closed.
    #[error("results not yet published")]
    ResultsPending,
    #[error("internal error")]
    Internal,
    /// The request itself is malformed (a missing field, an unreadable body).
    #[error("request failed: {0}")]
    Request(String),
}

impl AppError {
    /// The one way a service says "refused": why, as a fluent message id.
    pub fn conflict(message_id: &str) -> Self {
        AppError::Conflict(message_id.to_string())
    }

    /// An internal error (a bug, or a fault of what the server depends on),
    /// logged here, once, with its cause and the place it arose; callers
    /// pass it on with `?` and never log it again. The user sees only the
    /// translated "something went wrong" page.
    #[track_caller]
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        #[cfg(feature = "ssr")]
        {
            let at = std::panic::Location::caller();
            tracing::error!(%cause, %at, "internal error");
        }
        #[cfg(not(feature = "ssr"))]
        let _ = cause;
        AppError::Internal
    }

    /// A malformed request; `what` is for the log, never shown.
    pub fn bad_request(what: impl Into<String>) -> Self {
        AppError::Request(what.into())
    }

    /// Every fixed message id an error can carry (for the catalogue test).
    pub const FIXED_MESSAGE_IDS: &'static [&'static str] = &[
        "error-unauthenticated",
        "error-forbidden",
        "error-not-found",
        "error-invalid-form",
        "error-stale",
        "invite-invalid",
        "invite-closed",
        "invite-withdrawn",
        "error-too-many-requests",
        "error-busy",
        "error-unavailable",
        "error-storage-full",
        "error-payload-too-large",
        "error-unsupported-media-type",
        "error-internal",
        "error-request",
        "error-results-pending",
    ];

    /// The fluent message id that explains this error to the user.
    pub fn message_id(&self) -> &str {
        match self {
            AppError::Unauthenticated => "error-unauthenticated",
            AppError::Forbidden => "error-forbidden",
            AppError::NotFound => "error-not-found",
            AppError::Invalid(_) => "error-invalid-form",
            AppError::Conflict(id) => id,
            AppError::Stale => "error-stale",
            AppError::InvalidLink => "invite-invalid",
            AppError::LinkClosed => "invite-closed",
            AppError::LinkWithdrawn => "invite-withdrawn",
            AppError::TooManyRequests => "error-too-many-requests",
            AppError::Busy => "error-busy",
            AppError::Unavailable => "error-unavailable",
            AppError::StorageFull => "error-storage-full",
            AppError::PayloadTooLarge => "error-payload-too-large",
            AppError::UnsupportedMediaType => "error-unsupported-media-type",
            AppError::Internal => "error-internal",
            AppError::Request(_) => "error-request",
            AppError::ResultsPending => "error-results-pending",
        }
    }

    /// The fluent id of the heading of this error's page. A refusal
    /// (`Conflict`) carries its own message under one common heading.
    pub fn title_id(&self) -> String {
        match self {
            AppError::Conflict(_) => "error-conflict-title".to_string(),
            other => format!("{}-title", other.message_id()),
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Invalid(_) => 422,
            AppError::Conflict(_) => 409,
            AppError::Stale => 409,
            AppError::InvalidLink => 404,
            AppError::LinkClosed | AppError::LinkWithdrawn => 410,
            AppError::TooManyRequests => 429,
            AppError::Busy | AppError::Unavailable | AppError::StorageFull => 503,
            AppError::PayloadTooLarge => 413,
            AppError::UnsupportedMediaType => 415,
            AppError::Internal => 500,
            AppError::Request(_) => 400,
            AppError::ResultsPending => 409,
        }
    }
}

/// A handler's error becomes an empty response with the error's status and
/// the error itself attached; `web::middleware::render_pages` turns it into the
/// translated error page of the request's language.
#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        let status = http::StatusCode::from_u16(self.status())
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        let mut res = status.into_response();
        res.extensions_mut().insert(self);
        res
    }
}

impl From<FieldErrors> for AppError {
    fn from(e: FieldErrors) -> Self {
        AppError::Invalid(e)
    }
}

/// What a database error says about the database itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbFault {
    /// It cannot be reached: no connection could be made or kept.
    Unavailable,
    /// It cannot write: its storage is full (or failing).
    StorageFull,
    /// Anything else: a bug, a constraint, a malformed statement.
    Other,
}

/// Classifies a database error: connection failures (refused, reset,
/// closed; the pool out of time to make one; PostgreSQL's connection
/// exceptions, class 08, and its shutdown and start-up refusals, 57P01–03)
/// are [`DbFault::Unavailable`]; SQLite's `SQLITE_FULL` (13; a disk out of
/// space, `ENOSPC`) and the I/O errors of writing (`SQLITE_IOERR_WRITE`
/// 778, which a file size limit gives as `EFBIG`, `_FSYNC` 1034,
/// `_TRUNCATE` 1546, `_DIR_FSYNC` 1290) and PostgreSQL's `disk_full`
/// (53100) are [`DbFault::StorageFull`].
#[cfg(feature = "ssr")]
pub fn db_fault(e: &sea_orm::DbErr) -> DbFault {
    use sea_orm::{DbErr, RuntimeErr, sqlx};
    let sqlx_error = match e {
        DbErr::ConnectionAcquire(_) => return DbFault::Unavailable,
        DbErr::Conn(RuntimeErr::SqlxError(s))
        | DbErr::Exec(RuntimeErr::SqlxError(s))
        | DbErr::Query(RuntimeErr::SqlxError(s)) => s,
        DbErr::Conn(_) => return DbFault::Unavailable,
        _ => return DbFault::Other,
    };
    match &**sqlx_error {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::Protocol(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => DbFault::Unavailable,
        sqlx::Error::Database(d) => {
            let code = d.code().unwrap_or_default().to_string();
            if d.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() {
                match code.parse::<i32>().unwrap_or(0) {
                    13 | 778 | 1034 | 1290 | 1546 => DbFault::StorageFull,
                    _ => DbFault::Other,
                }
            } else if code.starts_with("08")
                || ["57P01", "57P02", "57P03", "53300"].contains(&code.as_str())
            {
                DbFault::Unavailable
            } else if code == "53100" {
                DbFault::StorageFull
            } else {
                DbFault::Other
            }
        }
        _ => DbFault::Other,
    }
}

/// A database error, classified ([`db_fault`]) and logged once: the
/// database unreachable or full is a typed error of its own (503, its own
/// translated page), anything else an internal error.
#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(e: sea_orm::DbErr) -> Self {
        match db_fault(&e) {
            DbFault::Unavailable => {
                tracing::warn!(error = %e, "database unavailable");
                AppError::Unavailable
            }
            DbFault::StorageFull => {
                tracing::error!(error = %e, "database storage full: nothing written");
                AppError::StorageFull
            }
            DbFault::Other => {
                tracing::error!(error = %e, "database error");
                AppError::Internal
            }
        }
    }
}

impl AppError {
    /// The database was unreachable or full: the request could be tried
    /// again unchanged once it is back.
    pub fn is_outage(&self) -> bool {
        matches!(self, AppError::Unavailable | AppError::StorageFull)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_messages() {
        assert_eq!(AppError::Forbidden.status(), 403);
        assert_eq!(AppError::Unauthenticated.status(), 401);
        assert_eq!(AppError::conflict("error-party-exists").status(), 409);
        assert_eq!(
            AppError::conflict("error-party-exists").message_id(),
            "error-party-exists"
        );
        assert_eq!(AppError::Invalid(FieldErrors::default()).status(), 422);
        assert_eq!(AppError::Unavailable.status(), 503);
        assert_eq!(AppError::StorageFull.message_id(), "error-storage-full");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn database_faults_are_classified() {
        use sea_orm::{DbErr, RuntimeErr, sqlx};
        use std::sync::Arc;
        let sqlx_err = |e: sqlx::Error| DbErr::Exec(RuntimeErr::SqlxError(Arc::new(e)));
        let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        assert_eq!(
            db_fault(&sqlx_err(sqlx::Error::Io(refused))),
            DbFault::Unavailable
        );
        assert_eq!(
            db_fault(&sqlx_err(sqlx::Error::PoolTimedOut)),
            DbFault::Unavailable
        );
        assert_eq!(
            db_fault(&DbErr::ConnectionAcquire(sea_orm::ConnAcquireErr::Timeout)),
            DbFault::Unavailable
        );
        assert_eq!(
            db_fault(&sqlx_err(sqlx::Error::RowNotFound)),
            DbFault::Other
        );
        assert_eq!(db_fault(&DbErr::Custom("x".into())), DbFault::Other);
        assert_eq!(
            AppError::from(sqlx_err(sqlx::Error::PoolClosed)),
            AppError::Unavailable
        );
    }
}
