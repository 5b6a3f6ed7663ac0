//! The audit log of staff actions (Secretariat only).

use super::with_page_data;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

/// The latest entries, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditView {
    /// (when, in the viewer's language; who; action; target).
    pub rows: Vec<(String, String, String, String)>,
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("audit-title")/>
        <h1>{i18n.t("audit-title")}</h1>
        {with_page_data(|v: AuditView| view! {
            <table>
                <thead><tr>
                    <th scope="col">{i18n.t("audit-when")}</th>
                    <th scope="col">{i18n.t("audit-who")}</th>
                    <th scope="col">{i18n.t("audit-what")}</th>
                    <th scope="col">{i18n.t("audit-target")}</th>
                </tr></thead>
                <tbody>
                    {v.rows.into_iter().map(|(at, who, what, target)| view! {
                        <tr><td>{at}</td><td>{who}</td><td><code>{what}</code></td><td><code>{target}</code></td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
    }
}

#[cfg(feature = "ssr")]
pub mod handler {
    use super::AuditView;
    use crate::error::AppError;
    use crate::i18n::I18n;
    use crate::ssr::extract::Caller;
    use crate::ssr::reply::with_data;
    use crate::ssr::services::audit;
    use crate::ssr::state::AppState;
    use axum::extract::State;
    use axum::http::StatusCode;
    use axum::response::Response;

    /// The 500 latest entries.
    pub async fn load(state: &AppState, i18n: I18n) -> Result<AuditView, AppError> {
        let rows = audit::latest(&state.db, 500)
            .await?
            .into_iter()
            .map(|e| (i18n.date_time(e.at), e.actor, e.action, e.target))
            .collect();
        Ok(AuditView { rows })
    }

    /// `GET /audit`.
    pub async fn show(
        State(state): State<AppState>,
        Caller { i18n, .. }: Caller,
    ) -> Result<Response, AppError> {
        Ok(with_data(None, load(&state, i18n).await?, StatusCode::OK))
    }
}
