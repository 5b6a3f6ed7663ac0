//! The state shared by every request: one per server. Everything a server
//! keeps in memory — caches, the submissions writer, the reshuffle mark,
//! the shutdown signal of its background tasks — is here, not in statics,
//! so two servers in one process (as in the tests) share nothing.

use super::config::Config;
use super::keys::ServerKey;
use super::services::consultations::Surveys;
use super::services::passwords::Checker;
use super::services::responses::Reshuffle;
use super::services::sessions::Lifetimes;
use super::submissions::Responses;
use super::tasks::Shutdown;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;
use std::collections::HashMap;
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
    /// The response workflow: every write of a response goes through its
    /// one writer task (group commit).
    pub responses: Responses,
    /// Surveys parsed once per consultation version (respondents' pages,
    /// the outbox worker).
    pub surveys: Surveys,
    /// The private links resolved lately, recalled while the database is
    /// unavailable (`ssr::recent_links`).
    pub recent_links: Arc<super::recent_links::RecentLinks>,
    /// How often each invitee may save (in memory, per instance).
    pub save_limit: Arc<super::save_limit::SaveLimit>,
    /// Responses were written since the tables were last rewritten in key
    /// order (housekeeping does it, on PostgreSQL).
    pub reshuffle: Reshuffle,
    /// The content hashes of the files under `/pkg`, by file name, computed
    /// once at start from the files served (`ssr::assets`).
    pub asset_versions: Arc<HashMap<String, String>>,
    /// Stops the background tasks (writer, outbox worker, housekeeping).
    pub shutdown: Shutdown,
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

/// The state, from inside a render (the shell's asset addresses).
pub fn app_state() -> Result<AppState, crate::error::AppError> {
    leptos::prelude::use_context::<AppState>().ok_or(crate::error::AppError::Internal)
}
