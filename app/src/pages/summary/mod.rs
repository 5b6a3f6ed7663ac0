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

use super::with_page_data;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use tables::{QuestionSummary, n_text};
use view::SummaryView;

/// A consultation the viewer may summarise.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    pub id: String,
    pub title: String,
    pub state_id: String,
    pub regions: Vec<String>,
    /// Its series (the first round's id), when it has more than one round.
    pub series: Option<String>,
}

/// The consultations the viewer may summarise.
#[derive(Debug, Clone, PartialEq)]
pub struct SummariesView {
    pub list: Vec<Listed>,
}

#[component]
pub fn SummariesPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("summaries-title")/>
        <h1>{i18n.t("summaries-title")}</h1>
        <p class="lead">{i18n.t("summaries-intro")}</p>
        {with_page_data(move |v: SummariesView| {
            if v.list.is_empty() {
                view! { <p>{i18n.t("summaries-none")}</p> }.into_any()
            } else {
                view! {
                    <ul class="cards">
                        {v.list.into_iter().map(|l| view! {
                            <li>
                                <h2><a href=format!("/consultations/{}/summary", l.id)>{l.title}</a></h2>
                                <p class="meta">{i18n.t(&l.state_id)}" · "{l.regions.join(", ")}</p>
                                {l.series.map(|s| view! { <p><a href=format!("/series/{s}")>{i18n.t("rounds-series-link")}</a></p> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }
        })}
    }
}

#[component]
pub fn SummaryPage() -> impl IntoView {
    with_page_data(|v: SummaryView| view! { <Summary v/> })
}

/// What opens a summary and a briefing: the pictures — the needs overview
/// (this round, and its change since the previous round) — and the
/// headline figures (responses per group, and their change).
#[component]
pub fn SummaryHead(v: SummaryView) -> impl IntoView {
    let i18n = use_i18n();
    let texts_href = format!("/consultations/{}/summary/texts", v.id);
    let compared = v.previous_round.is_some();
    view! {
        {v.previous_round.clone().map(|p| view! {
            <p class="round-note">
                {i18n.t("rounds-compared-with")}" "
                {if p.readable {
                    view! { <a href=format!("/consultations/{}/summary", p.id)>{p.title.clone()}</a> }.into_any()
                } else {
                    view! { <span>{p.title.clone()}</span> }.into_any()
                }}
                {v.series.clone().map(|s| view! { " · "<a href=format!("/series/{s}")>{i18n.t("rounds-series-link")}</a> })}
            </p>
        })}
        {(!v.needs.is_empty()).then(|| view! {
            <section aria-labelledby="needs-h" class="needs">
                <h2 id="needs-h">{i18n.t("summary-needs")}</h2>
                <p>{i18n.t("summary-needs-intro")}</p>
                {v.needs.iter().enumerate().map(|(i, n)| view! {
                    <QuestionSummary q=n.question.clone() unit=v.unit.clone() k=v.k texts_href=texts_href.clone() anchor=format!("needs-{i}-")/>
                }).collect_view()}
                {compared.then(|| view! {
                    <h3 id="needs-change-h">{i18n.t("rounds-needs-change")}</h3>
                    <p>{i18n.t("rounds-needs-change-intro")}</p>
                    {v.needs.iter().map(|n| view! { <ChangeHeat q=n.question.clone()/> }).collect_view()}
                })}
            </section>
        })}
        <section aria-labelledby="responses-h">
            <h2 id="responses-h">{i18n.t("summary-responses")}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="responses-h">
            <table class="summary-table">
                <caption class="visually-hidden">{i18n.t("summary-responses")}</caption>
                <thead><tr>
                    <th scope="col">{i18n.t("summary-group")}</th>
                    <th scope="col">{i18n.t("summary-responses")}</th>
                    {compared.then(|| view! {
                        <th scope="col">{i18n.t("rounds-previous-round")}</th>
                        <th scope="col">{i18n.t("rounds-change")}</th>
                    })}
                </tr></thead>
                <tbody>
                    {v.responses.iter().enumerate().map(|(i, g)| {
                        let d = v.response_deltas.get(i).cloned().flatten();
                        view! {
                            <tr>
                                <th scope="row">{g.label.clone()}</th>
                                <td class:withheld=g.n.is_none()>{n_text(&i18n, g.n, &v.unit, v.k)}</td>
                                {compared.then(|| match d {
                                    Some(d) => view! {
                                        <td>{d.previous}</td>
                                        <td>{tables::signed(&i18n, d.change, 0)}</td>
                                    }.into_any(),
                                    None => view! {
                                        <td class="withheld">{i18n.t("rounds-not-compared")}</td>
                                        <td class="withheld">"—"</td>
                                    }.into_any(),
                                })}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
}

/// The change in mean capacity per implementation area and group since the
/// previous round, as a heat table (the table is its own data: every cell
/// carries the figures in words).
#[component]
fn ChangeHeat(q: view::QuestionView) -> impl IntoView {
    let i18n = use_i18n();
    let rows = match &q.body {
        view::Body::Matrix { rows, .. } => rows.clone(),
        _ => vec![],
    };
    let caption = i18n.t_args(
        "rounds-needs-change-caption",
        &[("question", q.prompt.clone().into())],
    );
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=caption.clone()>
        <table class="summary-table heat-table change-table">
            <caption>{caption.clone()}<span class="hint">" "{i18n.t("rounds-change-note")}</span></caption>
            <thead>
                <tr>
                    <th scope="col">{i18n.t("summary-row")}</th>
                    {q.groups.iter().map(|g| view! { <th scope="col">{g.label.clone()}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody>
                {rows.iter().enumerate().map(|(i, r)| view! {
                    <tr>
                        <th scope="row">{r.clone()}</th>
                        {(0..q.groups.len()).map(|gi| match q.deltas.get(i).and_then(|row| row.get(gi)).cloned().flatten() {
                            Some(d) => view! {
                                <td class=charts::change_class(d.change)>{tables::signed(&i18n, d.change, 2)}<br/><span class="n">{tables::delta_text(&i18n, &d)}</span></td>
                            }.into_any(),
                            None => view! { <td class="withheld">{i18n.t("rounds-not-compared")}</td> }.into_any(),
                        }).collect_view()}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}

/// The details after the pictures: every question.
#[component]
pub fn SummaryDetails(v: SummaryView) -> impl IntoView {
    let i18n = use_i18n();
    let texts_href = format!("/consultations/{}/summary/texts", v.id);
    view! {
        <section aria-labelledby="questions-h">
            <h2 id="questions-h">{i18n.t("summary-questions")}</h2>
            {v.questions.into_iter().map(|q| view! {
                <QuestionSummary q unit=v.unit.clone() k=v.k texts_href=texts_href.clone()/>
            }).collect_view()}
            {v.previous_round.map(|p| (!p.dropped.is_empty()).then(|| view! {
                <h3>{i18n.t("rounds-dropped")}</h3>
                <ul>{p.dropped.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
            }))}
        </section>
    }
}

/// The summary page's and the briefing's body: the pictures and headline
/// figures first, then every question, then the other constituencies.
#[component]
pub fn SummaryBody(v: SummaryView) -> impl IntoView {
    view! {
        <SummaryHead v=v.clone()/>
        <SummaryDetails v=v.clone()/>
        <Constituencies v/>
    }
}

/// After the Parties' figures: each other constituency with responses on
/// its own — its responses per group, then every question — each figure
/// withheld as the Parties' are.
#[component]
pub fn Constituencies(v: SummaryView) -> impl IntoView {
    let i18n = use_i18n();
    let texts_href = format!("/consultations/{}/summary/texts", v.id);
    let k = v.k;
    (!v.constituencies.is_empty()).then(|| view! {
        <p class="constituencies-note">{i18n.t("summary-constituencies-note")}</p>
        {v.constituencies.into_iter().map(|c| {
            let heading = format!("c-{}-h", c.code);
            let responses = i18n.t_args("summary-constituency-responses", &[("constituency", c.name.clone().into())]);
            let anchor = format!("c-{}-", c.code);
            view! {
                <section aria-labelledby=heading.clone() class="constituency">
                    <h2 id=heading.clone()>{c.name.clone()}</h2>
                    <div class="table-scroll" tabindex="0" role="region" aria-label=responses.clone()>
                    <table class="summary-table">
                        <caption>{responses.clone()}</caption>
                        <thead><tr>
                            <th scope="col">{i18n.t("summary-group")}</th>
                            <th scope="col">{i18n.t("summary-responses")}</th>
                        </tr></thead>
                        <tbody>
                            {c.responses.iter().map(|g| view! {
                                <tr>
                                    <th scope="row">{g.label.clone()}</th>
                                    <td class:withheld=g.n.is_none()>{n_text(&i18n, g.n, &c.unit, k)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                    {c.questions.into_iter().map(|q| view! {
                        <QuestionSummary q unit=c.unit.clone() k texts_href=texts_href.clone() anchor=anchor.clone()/>
                    }).collect_view()}
                </section>
            }
        }).collect_view()}
    })
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
        <SummaryHead v=v.clone()/>
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
        <SummaryDetails v=v.clone()/>
        <Constituencies v/>
    }
}

#[cfg(feature = "ssr")]
pub mod handler {
    use super::view::{self, SummaryView};
    use super::{Listed, SummariesView};
    use crate::domain::account::{Role, StaffUser};
    use crate::domain::ids::ConsultationId;
    use crate::domain::region::Region;
    use crate::domain::summary::Grouping;
    use crate::error::AppError;
    use crate::i18n::I18n;
    use crate::pages::consultation::title_or_untitled;
    use crate::ssr::extract::{Caller, Ids, Query};
    use crate::ssr::reply::with_data;
    use crate::ssr::services::{parties, rounds, summaries};
    use crate::ssr::state::AppState;
    use axum::extract::State;
    use axum::http::StatusCode;
    use axum::response::Response;

    /// The consultations `user` may summarise, with the regions of theirs.
    pub async fn load_list(
        state: &AppState,
        user: &StaffUser,
        i18n: I18n,
    ) -> Result<SummariesView, AppError> {
        let names = parties::regions(&state.db).await?;
        let name = |r: Region| {
            names
                .iter()
                .find(|(x, _)| *x == r)
                .map(|(_, n)| n.get(i18n.lang).to_string())
                .unwrap_or_default()
        };
        let mut list = Vec::new();
        for v in summaries::list(&state.db, user).await? {
            let id = &v.consultation.id;
            let in_series = rounds::previous(&state.db, id).await?.is_some()
                || rounds::next(&state.db, id).await?.is_some();
            let series = if in_series {
                Some(rounds::series_of(&state.db, id).await?.to_string())
            } else {
                None
            };
            list.push(Listed {
                id: id.to_string(),
                title: title_or_untitled(&v.consultation.survey, i18n),
                state_id: v.consultation.state.message_id().to_string(),
                regions: v.regions.iter().map(|r| name(*r)).collect(),
                series,
            });
        }
        Ok(SummariesView { list })
    }

    /// The summary of consultation `id` by `by` (else the default grouping)
    /// for `user`: the page's, the briefing's and the downloads' content.
    pub async fn load(
        state: &AppState,
        user: &StaffUser,
        i18n: I18n,
        id: &ConsultationId,
        by: Option<Grouping>,
    ) -> Result<SummaryView, AppError> {
        let v = summaries::viewable(&state.db, user, id).await?;
        let frozen = summaries::results(&state.db, &v).await?;
        // The chosen grouping, then those of the needs overview.
        let mut groupings = vec![v.grouping(by)];
        if v.all_regions {
            groupings.extend([Grouping::Region, Grouping::Support]);
        } else {
            groupings.push(Grouping::RegionSupport);
        }
        let all = summaries::summaries(&frozen, &v, &groupings);
        let (summary, needs) = all
            .split_first()
            .ok_or_else(|| AppError::internal("a summary without its whole"))?;
        let names: view::build::RegionNames = parties::regions(&state.db)
            .await?
            .into_iter()
            .map(|(r, n)| (r, n.get(i18n.lang).to_string()))
            .collect();
        let title =
            crate::domain::survey::Text::get(&v.consultation.survey.title, i18n.lang).to_string();
        let title = if title.trim().is_empty() {
            v.consultation.survey.title.en.clone()
        } else {
            title
        };
        // The previous round, when both are closed: each figure beside the
        // same figure of the previous round, for the same regions.
        let previous = rounds::previous_closed(&state.db, &v).await?;
        let main = previous
            .as_ref()
            .and_then(|p| rounds::compare(&v, p, summary));
        let need_changes: Vec<_> = needs
            .iter()
            .map(|n| previous.as_ref().and_then(|p| rounds::compare(&v, p, n)))
            .collect();
        let readable = match &previous {
            Some((prev, _)) => match summaries::viewable(&state.db, user, &prev.id).await {
                Ok(_) => true,
                Err(AppError::NotFound) => false,
                Err(e) => return Err(e),
            },
            None => false,
        };
        let compared = match (&previous, &main) {
            (Some((prev, _)), Some(main)) => Some(view::build::Compared {
                previous: view::PreviousRound {
                    id: prev.id.to_string(),
                    title: title_or_untitled(&prev.survey, i18n),
                    readable,
                    dropped: main
                        .questions
                        .iter()
                        .filter(|q| q.identity == crate::domain::rounds::Identity::Dropped)
                        .filter_map(|q| prev.survey.question(&q.question))
                        .map(|q| {
                            let t = q.prompt.get(i18n.lang);
                            if t.trim().is_empty() {
                                q.prompt.en.clone()
                            } else {
                                t.to_string()
                            }
                        })
                        .collect(),
                },
                main,
                needs: need_changes.iter().map(Option::as_ref).collect(),
            }),
            _ => None,
        };
        let in_series = rounds::previous(&state.db, id).await?.is_some()
            || rounds::next(&state.db, id).await?.is_some();
        let series = if in_series {
            Some(rounds::series_of(&state.db, id).await?.to_string())
        } else {
            None
        };
        Ok(view::build::view(view::build::Input {
            i18n: &i18n,
            names: &names,
            id: id.as_str(),
            title,
            survey: &v.consultation.survey,
            summary,
            offered: &v.groupings(),
            needs: needs.iter().collect(),
            secretariat: user.role == Role::Secretariat,
            regions: &v.regions,
            texts: &frozen.texts,
            compared,
            series,
            constituencies: summaries::constituency_summaries(&frozen, &v)
                .into_iter()
                .map(|(c, s)| {
                    let texts = frozen
                        .constituency(c)
                        .map(|f| f.texts.as_slice())
                        .unwrap_or(&[]);
                    (c, s, texts)
                })
                .collect(),
        }))
    }

    /// `GET /summaries`.
    pub async fn show_list(
        State(state): State<AppState>,
        Caller { user, i18n }: Caller,
    ) -> Result<Response, AppError> {
        let data = load_list(&state, &user, i18n).await?;
        Ok(with_data(None, data, StatusCode::OK))
    }

    /// `GET /consultations/{id}/summary[?by=grouping]`.
    pub async fn show(
        State(state): State<AppState>,
        Caller { user, i18n }: Caller,
        Ids(id): Ids<ConsultationId>,
        Query(q): Query,
    ) -> Result<Response, AppError> {
        let by = q.get("by")?;
        let data = load(&state, &user, i18n, &id, Grouping::parse(by)).await?;
        Ok(with_data(None, data, StatusCode::OK))
    }
}
