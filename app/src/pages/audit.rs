//! The audit log of staff actions (Secretariat only).

use crate::components::error_view::ErrorView;
use crate::error::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

/// (when, in the viewer's language; who; action; target).
#[server(endpoint = "list_audit")]
pub async fn list_audit() -> Result<Vec<(String, String, String, String)>, AppError> {
    crate::auth::require(crate::domain::account::Access::Secretariat)?;
    let state = crate::ssr::state::app_state()?;
    let i18n = use_i18n();
    Ok(crate::ssr::services::audit::latest(&state.db, 500)
        .await?
        .into_iter()
        .map(|e| (i18n.date_time(e.at), e.actor, e.action, e.target))
        .collect())
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let rows = Resource::new_blocking(|| (), |_| list_audit());
    view! {
        <Title text=i18n.t("audit-title")/>
        <h1>{i18n.t("audit-title")}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match rows.await {
                    Ok(rows) => view! {
                        <table>
                            <thead><tr>
                                <th scope="col">{i18n.t("audit-when")}</th>
                                <th scope="col">{i18n.t("audit-who")}</th>
                                <th scope="col">{i18n.t("audit-what")}</th>
                                <th scope="col">{i18n.t("audit-target")}</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|(at, who, what, target)| view! {
                                    <tr><td>{at}</td><td>{who}</td><td><code>{what}</code></td><td><code>{target}</code></td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
