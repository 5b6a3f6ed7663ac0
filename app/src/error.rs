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
            AppError::Busy => 503,
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

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(e: sea_orm::DbErr) -> Self {
        tracing::error!(error = %e, "database error");
        AppError::Internal
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
    }
}
