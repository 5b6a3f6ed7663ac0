//! Monitoring for the Secretariat: responses received per region against
//! invitations, and first submissions per day — plain counters, never on
//! the same page (or export) as answers.

use super::with_page_data;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonitoringView {
    pub id: String,
    pub title: String,
    /// Whether invitations count Parties (one response per Party) or people.
    pub unit: String,
    /// (region name, invited, submitted, responses received).
    pub regions: Vec<(String, u64, u64, u64)>,
    pub days: Vec<(String, u64)>,
}

#[component]
pub fn MonitoringPage() -> impl IntoView {
    with_page_data(|v: MonitoringView| view! { <Monitoring v/> })
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

#[cfg(feature = "ssr")]
pub mod handler {
    use super::MonitoringView;
    use crate::domain::ids::ConsultationId;
    use crate::domain::survey::Respondents;
    use crate::error::AppError;
    use crate::i18n::I18n;
    use crate::pages::consultation::title_or_untitled;
    use crate::ssr::extract::{Caller, Ids};
    use crate::ssr::reply::with_data;
    use crate::ssr::services::{consultations, parties, summaries};
    use crate::ssr::state::AppState;
    use axum::extract::State;
    use axum::http::StatusCode;
    use axum::response::Response;

    /// Consultation `id`'s counters: per region, and first submissions per day.
    pub async fn load(
        state: &AppState,
        i18n: I18n,
        id: &ConsultationId,
    ) -> Result<MonitoringView, AppError> {
        let c = consultations::get(&state.db, id).await?;
        let m = summaries::monitoring(&state.db, &c).await?;
        let names = parties::regions(&state.db).await?;
        Ok(MonitoringView {
            id: id.to_string(),
            title: title_or_untitled(&c.survey, i18n),
            unit: i18n.t(match c.survey.respondents() {
                Respondents::PerParty => "summary-unit-parties",
                Respondents::PerInvitee => "summary-unit-people",
            }),
            regions: m
                .regions
                .into_iter()
                .map(|(r, inv, sub, rec)| {
                    let name = names
                        .iter()
                        .find(|(x, _)| *x == r)
                        .map(|(_, n)| n.get(i18n.lang).to_string())
                        .unwrap_or_default();
                    (name, inv, sub, rec)
                })
                .collect(),
            days: m.days,
        })
    }

    /// `GET /consultations/{id}/monitoring`.
    pub async fn show(
        State(state): State<AppState>,
        Caller { i18n, .. }: Caller,
        Ids(id): Ids<ConsultationId>,
    ) -> Result<Response, AppError> {
        Ok(with_data(
            None,
            load(&state, i18n, &id).await?,
            StatusCode::OK,
        ))
    }
}
