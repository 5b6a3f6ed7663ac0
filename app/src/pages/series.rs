//! A series of rounds (Decision 19.40: monitor and review the benefit):
//! each round with its state and its responses per region — only the
//! counts disclosure control published at the round's close — and links to
//! each round's summary and to its comparison with the round before.

use super::with_page_data;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

/// One round of a series, as the viewer may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundRow {
    pub id: String,
    pub title: String,
    pub state_id: String,
    /// Responses per region (aligned with `SeriesView::regions`): `None`
    /// withheld, or not published yet (the round is not closed).
    pub counts: Vec<Option<u64>>,
    /// The round is closed and its summary may be read.
    pub summary: bool,
    /// Its summary is compared with the previous round's.
    pub compared: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesView {
    pub title: String,
    /// The viewer's regions (names).
    pub regions: Vec<String>,
    pub rounds: Vec<RoundRow>,
    pub k: u32,
    /// The Secretariat: links to each round in the editor.
    pub secretariat: bool,
}

#[component]
pub fn SeriesPage() -> impl IntoView {
    with_page_data(|v: SeriesView| view! { <Series v/> })
}

#[component]
fn Series(v: SeriesView) -> impl IntoView {
    let i18n = use_i18n();
    let title = i18n.t_args("series-title", &[("title", v.title.clone().into())]);
    let withheld = i18n.t_args("summary-withheld", &[("k", (v.k as i64).into())]);
    view! {
        <Title text=title.clone()/>
        <p><a href="/summaries">{i18n.t("summaries-back")}</a></p>
        <h1>{title}</h1>
        <p class="lead">{i18n.t("series-intro")}</p>
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="series-caption">
        <table class="summary-table">
            <caption id="series-caption">{i18n.t("series-caption")}</caption>
            <thead>
                <tr>
                    <th scope="col">{i18n.t("series-round")}</th>
                    {v.regions.iter().map(|r| view! { <th scope="col">{r.clone()}</th> }).collect_view()}
                    <th scope="col">{i18n.t("series-links")}</th>
                </tr>
            </thead>
            <tbody>
                {v.rounds.iter().enumerate().map(|(i, r)| view! {
                    <tr>
                        <th scope="row">
                            {i18n.t_args("series-round-n", &[("n", (i as i64 + 1).into())])}": "{r.title.clone()}
                            <br/><span class="n">{i18n.t(&r.state_id)}</span>
                        </th>
                        {r.counts.iter().map(|c| match c {
                            Some(n) => view! { <td>{*n}</td> }.into_any(),
                            None if r.summary => view! { <td class="withheld">{withheld.clone()}</td> }.into_any(),
                            None => view! { <td class="withheld">"—"</td> }.into_any(),
                        }).collect_view()}
                        <td>
                            <ul class="plain">
                                {r.summary.then(|| view! {
                                    <li><a href=format!("/consultations/{}/summary", r.id)>{i18n.t("summary-link")}</a></li>
                                })}
                                {r.compared.then(|| view! {
                                    <li><a href=format!("/consultations/{}/summary#needs-h", r.id)>{i18n.t("series-comparison-link")}</a></li>
                                })}
                                {v.secretariat.then(|| view! {
                                    <li><a href=format!("/consultations/{}", r.id)>{i18n.t("series-edit-link")}</a></li>
                                })}
                            </ul>
                        </td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
        <p class="hint">{i18n.t("series-counts-note")}</p>
    }
}

#[cfg(feature = "ssr")]
pub mod handler {
    use super::{RoundRow, SeriesView};
    use crate::domain::account::{Role, StaffUser};
    use crate::domain::ids::ConsultationId;
    use crate::domain::summary::{Group, Grouping};
    use crate::domain::survey::lifecycle::State as CState;
    use crate::error::AppError;
    use crate::i18n::I18n;
    use crate::pages::consultation::title_or_untitled;
    use crate::ssr::extract::{Caller, Ids};
    use crate::ssr::reply::with_data;
    use crate::ssr::services::{closing, consultations, parties, rounds, summaries};
    use crate::ssr::state::AppState;
    use axum::extract::State;
    use axum::http::StatusCode;
    use axum::response::Response;

    /// Series `id` (its first round) as `user` may see it: the rounds they
    /// may summarise (the Secretariat: every round), with the responses per
    /// region of theirs that each round published at its close. Not found
    /// when `id` does not start a series or the viewer may see none of it.
    pub async fn load(
        state: &AppState,
        user: &StaffUser,
        i18n: I18n,
        id: &ConsultationId,
    ) -> Result<SeriesView, AppError> {
        let first = consultations::get(&state.db, id).await?;
        if rounds::series_of(&state.db, id).await? != *id {
            return Err(AppError::NotFound);
        }
        let secretariat = user.role == Role::Secretariat;
        let mut regions = None;
        let mut rows = Vec::new();
        let mut k = crate::domain::disclosure::DEFAULT_K;
        for rid in rounds::series(&state.db, id).await? {
            let c = consultations::get(&state.db, &rid).await?;
            let viewable = match summaries::viewable(&state.db, user, &rid).await {
                Ok(v) => Some(v),
                Err(AppError::NotFound) => None,
                Err(e) => return Err(e),
            };
            if viewable.is_none() && !secretariat {
                continue;
            }
            let closed = matches!(c.state, CState::Closed | CState::Archived);
            let frozen = if closed {
                closing::frozen(&state.db, &rid).await?
            } else {
                None
            };
            let mine = viewable
                .as_ref()
                .map(|v| v.regions.clone())
                .unwrap_or_else(|| crate::domain::region::Region::ALL.to_vec());
            let regions = regions.get_or_insert(mine).clone();
            let by_region = frozen.as_ref().and_then(|f| f.summary(Grouping::Region));
            if let Some(f) = &frozen {
                k = f.k.get();
            }
            let counts = regions
                .iter()
                .map(|r| {
                    let g = Group {
                        region: Some(*r),
                        support: None,
                    };
                    by_region?
                        .responses
                        .iter()
                        .find(|(x, _)| *x == g)
                        .and_then(|(_, n)| *n)
                })
                .collect();
            let summary = frozen.is_some() && viewable.is_some();
            let compared = summary && {
                match &viewable {
                    Some(v) => rounds::previous_closed(&state.db, v).await?.is_some(),
                    None => false,
                }
            };
            rows.push(RoundRow {
                id: rid.to_string(),
                title: title_or_untitled(&c.survey, i18n),
                state_id: c.state.message_id().to_string(),
                counts,
                summary,
                compared,
            });
        }
        let Some(regions) = regions else {
            return Err(AppError::NotFound);
        };
        let names = parties::regions(&state.db).await?;
        let regions = regions
            .iter()
            .map(|r| {
                names
                    .iter()
                    .find(|(x, _)| x == r)
                    .map(|(_, n)| n.get(i18n.lang).to_string())
                    .unwrap_or_else(|| r.code().to_string())
            })
            .collect();
        Ok(SeriesView {
            title: title_or_untitled(&first.survey, i18n),
            regions,
            rounds: rows,
            k,
            secretariat,
        })
    }

    /// `GET /series/{id}`.
    pub async fn show(
        State(state): State<AppState>,
        Caller { user, i18n }: Caller,
        Ids(id): Ids<ConsultationId>,
    ) -> Result<Response, AppError> {
        let data = load(&state, &user, i18n, &id).await?;
        Ok(with_data(None, data, StatusCode::OK))
    }
}
