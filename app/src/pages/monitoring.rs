//! Monitoring for the Secretariat: responses received per region against
//! invitations, and first submissions per day — plain counters, never on
//! the same page (or export) as answers.

use crate::components::error_view::ErrorView;
use crate::error::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonitoringView {
    pub id: String,
    pub title: String,
    /// Whether invitations count Parties (one response per Party) or people.
    pub unit: String,
    /// (region name, invited, submitted, responses received).
    pub regions: Vec<(String, u64, u64, u64)>,
    pub days: Vec<(String, u64)>,
}

#[server(endpoint = "load_monitoring")]
pub async fn load_monitoring(id: String) -> Result<MonitoringView, AppError> {
    use crate::domain::account::Access;
    use crate::ssr::services::{consultations, parties, summaries};
    crate::auth::require(Access::Secretariat)?;
    let state = crate::ssr::state::app_state()?;
    let i18n = use_i18n();
    let cid = crate::pages::consultation::handler::consultation_id(&id)?;
    let c = consultations::get(&state.db, &consultations::Scope::All, &cid).await?;
    let m = summaries::monitoring(&state.db, &c).await?;
    let names = parties::regions(&state.db).await?;
    Ok(MonitoringView {
        id: id.clone(),
        title: crate::pages::consultation::title_or_untitled(&c.survey, i18n.lang),
        unit: i18n.t(match c.survey.respondents() {
            crate::domain::survey::Respondents::PerParty => "summary-unit-parties",
            crate::domain::survey::Respondents::PerInvitee => "summary-unit-people",
        }),
        regions: m
            .regions
            .into_iter()
            .map(|(r, inv, sub, rec)| {
                let name = names
                    .iter()
                    .find(|(x, _)| *x == r)
                    .map(|(_, n)| n[i18n.lang as usize].clone())
                    .unwrap_or_default();
                (name, inv, sub, rec)
            })
            .collect(),
        days: m.days,
    })
}

#[component]
pub fn MonitoringPage() -> impl IntoView {
    let id = use_params_map()
        .with_untracked(|p| p.get("id"))
        .unwrap_or_default();
    let data = Resource::new_blocking(move || id.clone(), load_monitoring);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <Monitoring v/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Monitoring(v: MonitoringView) -> impl IntoView {
    let i18n = use_i18n();
    let title = i18n.t_args("monitoring-title", &[("title", v.title.clone().into())]);
    let totals = v
        .regions
        .iter()
        .fold((0, 0, 0), |(a, b, c), (_, i, s, r)| (a + i, b + s, c + r));
    view! {
        <Title text=title.clone()/>
        <p><a href=format!("/consultations/{}", v.id)>{i18n.t("monitoring-back")}</a></p>
        <h1>{title}</h1>
        <p class="lead">{i18n.t("monitoring-intro")}</p>
        <table class="summary-table">
            <caption>{i18n.t("monitoring-regions")}</caption>
            <thead>
                <tr>
                    <th scope="col">{i18n.t("monitoring-region")}</th>
                    <th scope="col">{i18n.t_args("monitoring-invited", &[("unit", v.unit.clone().into())])}</th>
                    <th scope="col">{i18n.t_args("monitoring-submitted", &[("unit", v.unit.clone().into())])}</th>
                    <th scope="col">{i18n.t("monitoring-received")}</th>
                </tr>
            </thead>
            <tbody>
                {v.regions.iter().map(|(name, inv, sub, rec)| view! {
                    <tr><th scope="row">{name.clone()}</th><td>{*inv}</td><td>{*sub}</td><td>{*rec}</td></tr>
                }).collect_view()}
            </tbody>
            <tfoot>
                <tr><th scope="row">{i18n.t("monitoring-total")}</th><td>{totals.0}</td><td>{totals.1}</td><td>{totals.2}</td></tr>
            </tfoot>
        </table>
        <table class="summary-table">
            <caption>{i18n.t("monitoring-days")}</caption>
            <thead><tr><th scope="col">{i18n.t("monitoring-day")}</th><th scope="col">{i18n.t("monitoring-first-submissions")}</th></tr></thead>
            <tbody>
                {if v.days.is_empty() {
                    view! { <tr><td colspan="2">{i18n.t("monitoring-no-days")}</td></tr> }.into_any()
                } else {
                    v.days.iter().map(|(d, n)| view! { <tr><th scope="row">{d.clone()}</th><td>{*n}</td></tr> }).collect_view().into_any()
                }}
            </tbody>
        </table>
    }
}
