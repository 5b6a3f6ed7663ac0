//! The regional briefing: the summary laid out for A4 paper (print
//! stylesheet), with the workshop it is for, to hand to participants.

use super::SummaryBody;
use super::view::SummaryView;
use crate::components::error_view::ErrorView;
use crate::components::workshop_facts::WorkshopFacts;
use crate::error::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BriefingView {
    pub summary: SummaryView,
    pub workshop: Option<WorkshopFacts>,
    pub generated: String,
}

#[server(endpoint = "load_briefing")]
pub async fn load_briefing(
    id: String,
    by: String,
    workshop: String,
) -> Result<BriefingView, AppError> {
    use crate::domain::account::Access;
    use crate::domain::summary::Grouping;
    use crate::ssr::services::workshops;
    let user = crate::auth::require(Access::Staff)?;
    let state = crate::ssr::state::app_state()?;
    let i18n = use_i18n();
    let by = Grouping::parse(&by).or(Some(Grouping::RegionSupport));
    let summary = super::build_view(&state, &user, &id, by, &i18n).await?;
    let workshop = if workshop.is_empty() {
        None
    } else {
        let wid = crate::domain::ids::WorkshopId::parse(&workshop).ok_or(AppError::NotFound)?;
        let w = workshops::get(&state.db, &user, &wid).await?;
        if !w.consultations.iter().any(|c| c.as_str() == id) {
            return Err(AppError::NotFound);
        }
        Some(crate::components::workshop_facts::facts(&i18n, &w.workshop))
    };
    Ok(BriefingView {
        summary,
        workshop,
        generated: i18n.date_time(chrono::Utc::now()),
    })
}

#[component]
pub fn BriefingPage() -> impl IntoView {
    let id = use_params_map()
        .with_untracked(|p| p.get("id"))
        .unwrap_or_default();
    let (by, workshop) = use_query_map().with_untracked(|q| {
        (
            q.get("by").unwrap_or_default(),
            q.get("workshop").unwrap_or_default(),
        )
    });
    let data = Resource::new_blocking(
        move || (id.clone(), by.clone(), workshop.clone()),
        |(id, by, w)| load_briefing(id, by, w),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(b) => view! { <Briefing b/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
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
