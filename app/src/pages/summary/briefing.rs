//! The regional briefing: the summary laid out for A4 paper (print
//! stylesheet), with the workshop it is for, to hand to participants.

use super::SummaryBody;
use super::view::SummaryView;
use crate::components::workshop_facts::WorkshopFacts;
use crate::i18n::use_i18n;
use crate::pages::with_page_data;
use leptos::prelude::*;
use leptos_meta::Title;

#[derive(Debug, Clone, PartialEq)]
pub struct BriefingView {
    pub summary: SummaryView,
    pub workshop: Option<WorkshopFacts>,
    pub generated: String,
}

#[component]
pub fn BriefingPage() -> impl IntoView {
    with_page_data(|b: BriefingView| view! { <Briefing b/> })
}

#[component]
fn Briefing(b: BriefingView) -> impl IntoView {
    let i18n = use_i18n();
    let v = b.summary;
    let title = i18n.t_args("briefing-title", &[("title", v.title.clone().into())]);
    view! {
        <Title text=title.clone()/>
        <article class="briefing">
            <p class="no-print"><a href=format!("/consultations/{}/summary", v.id)>{i18n.t("briefing-back")}</a></p>
            <p class="no-print hint">{i18n.t("briefing-print-note")}</p>
            <h1>{title}</h1>
            {b.workshop.map(|w| view! {
                <section class="workshop-facts" aria-labelledby="workshop-h">
                    <h2 id="workshop-h">{w.title}</h2>
                    <dl>
                        <dt>{i18n.t("workshop-dates")}</dt><dd>{w.dates}</dd>
                        <dt>{i18n.t("workshop-place")}</dt><dd>{w.place}</dd>
                        <dt>{i18n.t("workshop-languages")}</dt><dd>{w.languages}</dd>
                    </dl>
                </section>
            })}
            <p class="meta">{i18n.t_args("briefing-generated", &[("date", b.generated.into()), ("k", (v.k as i64).into())])}</p>
            <p>{i18n.t_args("briefing-regions", &[("regions", v.regions.join(", ").into())])}</p>
            <SummaryBody v/>
        </article>
    }
}

#[cfg(feature = "ssr")]
pub mod handler {
    use super::BriefingView;
    use crate::components::workshop_facts::facts;
    use crate::domain::account::StaffUser;
    use crate::domain::ids::{ConsultationId, WorkshopId};
    use crate::domain::summary::Grouping;
    use crate::error::AppError;
    use crate::i18n::I18n;
    use crate::ssr::extract::{Caller, Ids, Query};
    use crate::ssr::reply::with_data;
    use crate::ssr::services::workshops;
    use crate::ssr::state::AppState;
    use axum::extract::State;
    use axum::http::StatusCode;
    use axum::response::Response;

    /// The briefing on consultation `id` by `by` (by region and status
    /// unless named), for `workshop` if named (one the consultation is linked to).
    pub async fn load(
        state: &AppState,
        user: &StaffUser,
        i18n: I18n,
        id: &ConsultationId,
        by: Option<Grouping>,
        workshop: Option<&WorkshopId>,
    ) -> Result<BriefingView, AppError> {
        let by = by.or(Some(Grouping::RegionSupport));
        let summary = crate::pages::summary::handler::load(state, user, i18n, id, by).await?;
        let workshop = match workshop {
            None => None,
            Some(wid) => {
                let w = workshops::get(&state.db, user, wid).await?;
                if !w.consultations.contains(id) {
                    return Err(AppError::NotFound);
                }
                Some(facts(&i18n, &w.workshop))
            }
        };
        Ok(BriefingView {
            summary,
            workshop,
            generated: i18n.date_time(chrono::Utc::now()),
        })
    }

    /// `GET /consultations/{id}/briefing[?by=grouping][&workshop=id]`.
    pub async fn show(
        State(state): State<AppState>,
        Caller { user, i18n }: Caller,
        Ids(id): Ids<ConsultationId>,
        q: Query,
    ) -> Result<Response, AppError> {
        let by = Grouping::parse(q.get("by")?);
        let workshop: Option<WorkshopId> = q.id("workshop")?;
        let data = load(&state, &user, i18n, &id, by, workshop.as_ref()).await?;
        Ok(with_data(None, data, StatusCode::OK))
    }
}
