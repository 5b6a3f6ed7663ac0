//! Summaries of a consultation's responses for workshop organisers (their
//! regions) and the Secretariat (every region): by one of four fixed
//! groupings, with disclosure control on every figure; the needs overview
//! of Decision 19.41(b); free-text answers page by page; the printable
//! briefing; CSV and XLSX downloads.

pub mod briefing;
pub mod charts;
pub mod export;
pub mod tables;
pub mod texts;
pub mod view;

use crate::components::error_view::ErrorView;
use crate::error::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};
use tables::{QuestionSummary, n_text};
use view::SummaryView;

/// A consultation the viewer may summarise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Listed {
    pub id: String,
    pub title: String,
    pub state_id: String,
    pub regions: Vec<String>,
}

#[server(endpoint = "list_summaries")]
pub async fn list_summaries() -> Result<Vec<Listed>, AppError> {
    use crate::domain::account::Access;
    use crate::ssr::services::{parties, summaries};
    let user = crate::auth::require(Access::Staff)?;
    let state = crate::ssr::state::app_state()?;
    let i18n = use_i18n();
    let names = parties::regions(&state.db).await?;
    let name = |r: crate::domain::region::Region| {
        names
            .iter()
            .find(|(x, _)| *x == r)
            .map(|(_, n)| n[i18n.lang as usize].clone())
            .unwrap_or_default()
    };
    Ok(summaries::list(&state.db, &user)
        .await?
        .into_iter()
        .map(|v| Listed {
            id: v.consultation.id.to_string(),
            title: crate::pages::consultation::title_or_untitled(&v.consultation.survey, i18n.lang),
            state_id: v.consultation.state.message_id().to_string(),
            regions: v.regions.iter().map(|r| name(*r)).collect(),
        })
        .collect())
}

/// Builds the summary view of consultation `id` by `by` for the caller.
#[cfg(feature = "ssr")]
pub async fn build_view(
    state: &crate::ssr::state::AppState,
    user: &crate::domain::account::StaffUser,
    id: &str,
    by: Option<crate::domain::summary::Grouping>,
    i18n: &crate::i18n::I18n,
) -> Result<SummaryView, AppError> {
    use crate::domain::account::Role;
    use crate::domain::summary::Grouping;
    use crate::ssr::services::{parties, summaries};
    let cid = crate::pages::consultation::handler::consultation_id(id)?;
    let v = summaries::viewable(&state.db, user, &cid).await?;
    let frozen = summaries::results(&state.db, &v).await?;
    // The chosen grouping, then those of the needs overview.
    let mut groupings = vec![v.grouping(by)];
    if v.all_regions {
        groupings.extend([Grouping::Region, Grouping::Support]);
    } else {
        groupings.push(Grouping::RegionSupport);
    }
    let all = summaries::summaries(&frozen, &v, &groupings);
    let (summary, needs) = all.split_first().ok_or(AppError::Internal)?;
    let names: view::build::RegionNames = parties::regions(&state.db)
        .await?
        .into_iter()
        .map(|(r, n)| (r, n[i18n.lang as usize].clone()))
        .collect();
    let title =
        crate::domain::survey::Text::get(&v.consultation.survey.title, i18n.lang).to_string();
    let title = if title.trim().is_empty() {
        v.consultation.survey.title.en.clone()
    } else {
        title
    };
    Ok(view::build::view(view::build::Input {
        i18n,
        names: &names,
        id,
        title,
        survey: &v.consultation.survey,
        summary,
        offered: &v.groupings(),
        needs: needs.iter().collect(),
        secretariat: user.role == Role::Secretariat,
        regions: &v.regions,
        texts: &frozen.texts,
    }))
}

#[server(endpoint = "load_summary")]
pub async fn load_summary(id: String, by: String) -> Result<SummaryView, AppError> {
    use crate::domain::account::Access;
    let user = crate::auth::require(Access::Staff)?;
    let state = crate::ssr::state::app_state()?;
    let i18n = use_i18n();
    build_view(
        &state,
        &user,
        &id,
        crate::domain::summary::Grouping::parse(&by),
        &i18n,
    )
    .await
}

#[component]
pub fn SummariesPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new_blocking(|| (), |_| list_summaries());
    view! {
        <Title text=i18n.t("summaries-title")/>
        <h1>{i18n.t("summaries-title")}</h1>
        <p class="lead">{i18n.t("summaries-intro")}</p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let i18n = use_i18n();
                match data.await {
                    Ok(list) if list.is_empty() => view! { <p>{i18n.t("summaries-none")}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="cards">
                            {list.into_iter().map(|l| view! {
                                <li>
                                    <h2><a href=format!("/consultations/{}/summary", l.id)>{l.title}</a></h2>
                                    <p class="meta">{i18n.t(&l.state_id)}" · "{l.regions.join(", ")}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn SummaryPage() -> impl IntoView {
    let id = use_params_map()
        .with_untracked(|p| p.get("id"))
        .unwrap_or_default();
    let by = use_query_map()
        .with_untracked(|q| q.get("by"))
        .unwrap_or_default();
    let data = Resource::new_blocking(
        move || (id.clone(), by.clone()),
        |(id, by)| load_summary(id, by),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <Summary v/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The responses per group, the needs overview and every question: the
/// summary page's and the briefing's body.
#[component]
pub fn SummaryBody(v: SummaryView) -> impl IntoView {
    let i18n = use_i18n();
    let texts_href = format!("/consultations/{}/summary/texts", v.id);
    view! {
        <section aria-labelledby="responses-h">
            <h2 id="responses-h">{i18n.t("summary-responses")}</h2>
            <table class="summary-table">
                <caption class="visually-hidden">{i18n.t("summary-responses")}</caption>
                <thead><tr><th scope="col">{i18n.t("summary-group")}</th><th scope="col">{i18n.t("summary-responses")}</th></tr></thead>
                <tbody>
                    {v.responses.iter().map(|g| view! {
                        <tr>
                            <th scope="row">{g.label.clone()}</th>
                            <td class:withheld=g.n.is_none()>{n_text(&i18n, g.n, &v.unit, v.k)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        {(!v.needs.is_empty()).then(|| view! {
            <section aria-labelledby="needs-h" class="needs">
                <h2 id="needs-h">{i18n.t("summary-needs")}</h2>
                <p>{i18n.t("summary-needs-intro")}</p>
                {v.needs.iter().enumerate().map(|(i, n)| view! {
                    <QuestionSummary q=n.question.clone() unit=v.unit.clone() k=v.k texts_href=texts_href.clone() anchor=format!("needs-{i}-")/>
                }).collect_view()}
            </section>
        })}
        <section aria-labelledby="questions-h">
            <h2 id="questions-h">{i18n.t("summary-questions")}</h2>
            {v.questions.into_iter().map(|q| view! {
                <QuestionSummary q unit=v.unit.clone() k=v.k texts_href=texts_href.clone()/>
            }).collect_view()}
        </section>
    }
}

#[component]
fn Summary(v: SummaryView) -> impl IntoView {
    let i18n = use_i18n();
    let title = i18n.t_args("summary-title", &[("title", v.title.clone().into())]);
    let base = format!("/consultations/{}", v.id);
    let by = v.grouping.clone();
    view! {
        <Title text=title.clone()/>
        <p><a href="/summaries">{i18n.t("summaries-back")}</a></p>
        <h1>{title}</h1>
        <p class="lead">{i18n.t_args("summary-intro", &[("k", (v.k as i64).into()), ("regions", v.regions.join(", ").into())])}</p>
        <form method="get" action=format!("{base}/summary") class="grouping-form no-print">
            <fieldset>
                <legend>{i18n.t("summary-grouping")}</legend>
                {v.groupings.iter().map(|(code, label)| {
                    let id = format!("by-{code}");
                    view! {
                        <div class="choice">
                            <input type="radio" id=id.clone() name="by" value=code.clone() checked=*code == by/>
                            <label for=id>{label.clone()}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <button type="submit">{i18n.t("summary-show")}</button>
        </form>
        <ul class="actions no-print">
            <li><a href=format!("{base}/summary.csv?by={by}") download="">{i18n.t("summary-download-csv")}</a></li>
            <li><a href=format!("{base}/summary.xlsx?by={by}") download="">{i18n.t("summary-download-xlsx")}</a></li>
            <li><a href=format!("{base}/briefing")>{i18n.t("summary-briefing")}</a></li>
            {v.secretariat.then(|| view! { <li><a href=format!("{base}/monitoring")>{i18n.t("summary-monitoring")}</a></li> })}
        </ul>
        <SummaryBody v/>
    }
}
