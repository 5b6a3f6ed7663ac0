//! The state shared by every request.

use super::config::Config;
use super::keys::ServerKey;
use super::services::passwords::Checker;
use super::services::sessions::Lifetimes;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    pub leptos_options: LeptosOptions,
    /// The server secret (keyed digests).
    pub key: ServerKey,
    /// Password checks, bounded in number and memory.
    pub passwords: Arc<Checker>,
    /// The address people reach this server at (`CONSULTA_PUBLIC_URL`, or
    /// `http://` and the listening address), for links in e-mails.
    pub public_url: String,
    /// Submissions are written in batches by one task (group commit).
    pub submissions: super::submissions::Writer,
    /// How often each invitee may save (in memory, per instance).
    pub save_limit: Arc<super::save_limit::SaveLimit>,
}

impl AppState {
    pub fn session_lifetimes(&self) -> Lifetimes {
        Lifetimes {
            idle: self.config.session_idle,
            max: self.config.session_max,
        }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The state, from inside a page or server function.
pub fn app_state() -> Result<AppState, crate::error::AppError> {
    leptos::prelude::use_context::<AppState>().ok_or(crate::error::AppError::Internal)
}
