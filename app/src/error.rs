//! The one application error. Every variant carries a fluent message id and
//! maps to an HTTP status; server functions return it as their error type.

use crate::domain::validation::FieldErrors;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
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
    #[error("internal error")]
    Internal,
    #[error("request failed: {0}")]
    Request(String),
}

impl AppError {
    pub fn conflict(message_id: &str) -> Self {
        AppError::Conflict(message_id.to_string())
    }

    /// The fluent message id that explains this error to the user.
    pub fn message_id(&self) -> &str {
        match self {
            AppError::Unauthenticated => "error-unauthenticated",
            AppError::Forbidden => "error-forbidden",
            AppError::NotFound => "error-not-found",
            AppError::Invalid(_) => "error-invalid-form",
            AppError::Conflict(id) => id,
            AppError::Internal => "error-internal",
            AppError::Request(_) => "error-request",
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Invalid(_) => 422,
            AppError::Conflict(_) => 409,
            AppError::Internal => 500,
            AppError::Request(_) => 400,
        }
    }
}

impl From<FieldErrors> for AppError {
    fn from(e: FieldErrors) -> Self {
        AppError::Invalid(e)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Request(value.to_string())
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
