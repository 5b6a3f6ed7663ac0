//! A question's summary on screen and on paper: a data table (the figures,
//! for everyone and for screen readers) and its charts.

use super::charts::{Bar, BarChart, heat_class};
use super::view::{Body, Delta, GroupHead, QuestionView};
use crate::i18n::{I18n, use_i18n};
use leptos::prelude::*;

/// "n = 12 Parties" or the translated "withheld" note.
pub fn n_text(i18n: &I18n, n: Option<u64>, unit: &str, k: u32) -> String {
    match n {
        Some(n) => i18n.t_args(
            "summary-n",
            &[("n", (n as i64).into()), ("unit", unit.into())],
        ),
        None => withheld(i18n, k),
    }
}

pub fn withheld(i18n: &I18n, k: u32) -> String {
    i18n.t_args("summary-withheld", &[("k", (k as i64).into())])
}

/// A change with its sign ("+0.40", "−0.25", "0.00").
pub fn signed(i18n: &I18n, value: f64, places: usize) -> String {
    let scale = 10f64.powi(places as i32);
    let rounded = (value * scale).round() / scale;
    let d = i18n.decimal(rounded.abs(), places);
    if rounded > 0.0 {
        format!("+{d}")
    } else if rounded < 0.0 {
        format!("\u{2212}{d}")
    } else {
        d
    }
}

/// "previous round: 40.0%; change: +5.0 points".
pub fn delta_text(i18n: &I18n, d: &Delta) -> String {
    let previous = if d.points {
        i18n.percent(d.previous)
    } else {
        i18n.decimal(d.previous, d.places)
    };
    let change = signed(i18n, d.change, if d.points { 1 } else { d.places });
    i18n.t_args(
        if d.points {
            "rounds-delta-points"
        } else {
            "rounds-delta"
        },
        &[("previous", previous.into()), ("change", change.into())],
    )
}

/// The previous round's figure and the change beside a figure (row `row`,
/// group `group` of `q`'s data table), if compared.
fn delta_at(
    i18n: &I18n,
    q: &QuestionView,
    row: usize,
    group: usize,
) -> Option<impl IntoView + use<>> {
    let d = q.deltas.get(row)?.get(group)?.as_ref()?;
    let text = delta_text(i18n, d);
    Some(view! { <br/><span class="delta">{text}</span> })
}

/// The groups' heading row.
fn head(i18n: &I18n, first: String, groups: &[GroupHead], unit: &str, k: u32) -> impl IntoView {
    view! {
        <thead>
            <tr>
                <th scope="col">{first}</th>
                {groups.iter().map(|g| view! {
                    <th scope="col">{g.label.clone()}<br/><span class="n">{n_text(i18n, g.n, unit, k)}</span></th>
                }).collect_view()}
            </tr>
        </thead>
    }
}

/// One question: heading, data table, charts.
#[component]
pub fn QuestionSummary(
    q: QuestionView,
    unit: String,
    k: u32,
    /// Where the free-text pages of this consultation are.
    texts_href: String,
    /// Draw charts (the briefing and the page do; a compact view may not).
    #[prop(default = true)]
    charts: bool,
    /// Prefix of the section's id, when the question is shown more than once.
    #[prop(optional, into)]
    anchor: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let caption = q.prompt.clone();
    let groups = q.groups.clone();
    let text_groups = q.text_groups.clone();
    let body = match q.body.clone() {
        Body::Shares {
            options,
            groups: figures,
            multiple,
            other,
        } => {
            let scale = figures.iter().flatten().any(|(_, mm)| mm.is_some());
            let table = view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label=caption.clone()>
                <table class="summary-table">
                    <caption>{caption.clone()}{multiple.then(|| view! { <span class="hint">" "{i18n.t("summary-multiple-note")}</span> })}</caption>
                    {head(&i18n, i18n.t("summary-answer"), &groups, &unit, k)}
                    <tbody>
                        {options.iter().enumerate().map(|(i, o)| view! {
                            <tr>
                                <th scope="row">{o.clone()}</th>
                                {figures.iter().enumerate().map(|(gi, f)| match f {
                                    Some((counts, _)) => {
                                        let c = &counts[i];
                                        view! { <td>{c.count}" ("{i18n.percent(c.percent)}")"{delta_at(&i18n, &q, i, gi)}</td> }.into_any()
                                    }
                                    None => view! { <td class="withheld">"—"</td> }.into_any(),
                                }).collect_view()}
                            </tr>
                        }).collect_view()}
                        {scale.then(|| view! {
                            <tr>
                                <th scope="row">{i18n.t("summary-mean-median")}</th>
                                {figures.iter().enumerate().map(|(gi, f)| match f {
                                    Some((_, Some((mean, median)))) => view! { <td>{i18n.decimal(*mean, 2)}" / "{i18n.decimal(*median, 1)}{delta_at(&i18n, &q, options.len(), gi)}</td> }.into_any(),
                                    _ => view! { <td class="withheld">"—"</td> }.into_any(),
                                }).collect_view()}
                            </tr>
                        })}
                    </tbody>
                </table>
                </div>
            };
            let charts_view = charts.then(|| {
                view! {
                    <div class="charts">
                        {groups.iter().zip(&figures).filter_map(|(g, f)| {
                            let (counts, _) = f.as_ref()?;
                            let bars = options.iter().zip(counts).map(|(o, c)| Bar {
                                label: o.clone(),
                                value: c.percent,
                                text: i18n.percent(c.percent),
                            }).collect();
                            Some(view! { <BarChart bars caption=format!("{} ({})", g.label, n_text(&i18n, g.n, &unit, k))/> })
                        }).collect_view()}
                    </div>
                }
            });
            let other_links = other.then(|| text_links(&i18n, &text_groups, &texts_href, &q.id, "summary-read-other"));
            view! { {table}{charts_view}{other_links} }.into_any()
        }
        Body::Number { bins, groups: figures } => view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label=caption.clone()>
            <table class="summary-table">
                <caption>{caption.clone()}</caption>
                {head(&i18n, i18n.t("summary-figure"), &groups, &unit, k)}
                <tbody>
                    <tr>
                        <th scope="row">{i18n.t("summary-mean")}</th>
                        {figures.iter().enumerate().map(|(gi, f)| match f {
                            Some((mean, _)) => view! { <td>{i18n.decimal(*mean, 2)}{delta_at(&i18n, &q, 0, gi)}</td> }.into_any(),
                            None => view! { <td class="withheld">"—"</td> }.into_any(),
                        }).collect_view()}
                    </tr>
                    {bins.iter().enumerate().map(|(i, b)| view! {
                        <tr>
                            <th scope="row">{b.clone()}</th>
                            {figures.iter().enumerate().map(|(gi, f)| match f {
                                Some((_, counts)) => view! { <td>{counts.get(i).copied().unwrap_or(0)}{delta_at(&i18n, &q, i + 1, gi)}</td> }.into_any(),
                                None => view! { <td class="withheld">"—"</td> }.into_any(),
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            </div>
            {charts.then(|| view! {
                <div class="charts">
                    {groups.iter().zip(&figures).filter_map(|(g, f)| {
                        let (_, counts) = f.as_ref()?;
                        let total: u64 = counts.iter().sum::<u64>().max(1);
                        let bars = bins.iter().zip(counts).map(|(b, c)| Bar {
                            label: b.clone(),
                            value: *c as f64 * 100.0 / total as f64,
                            text: c.to_string(),
                        }).collect();
                        Some(view! { <BarChart bars caption=format!("{} ({})", g.label, n_text(&i18n, g.n, &unit, k))/> })
                    }).collect_view()}
                </div>
            })}
        }
        .into_any(),
        Body::Matrix {
            rows,
            columns,
            max,
            groups: figures,
        } => view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label=caption.clone()>
            <table class="summary-table heat-table">
                <caption>{caption.clone()}<span class="hint">" "{i18n.t("summary-heat-note")}" "{columns.join(" · ")}</span></caption>
                {head(&i18n, i18n.t("summary-row"), &groups, &unit, k)}
                <tbody>
                    {rows.iter().enumerate().map(|(i, r)| view! {
                        <tr>
                            <th scope="row">{r.clone()}</th>
                            {figures.iter().enumerate().map(|(gi, f)| match f.as_ref().and_then(|rows| rows.get(i).cloned().flatten()) {
                                Some((n, mean, _)) => view! {
                                    <td class=heat_class(mean, max)>{i18n.decimal(mean, 2)}<br/><span class="n">{i18n.t_args("summary-n-short", &[("n", (n as i64).into())])}</span>{delta_at(&i18n, &q, i, gi)}</td>
                                }.into_any(),
                                None => view! { <td class="withheld">"—"</td> }.into_any(),
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        }
        .into_any(),
        Body::Ranking { items, groups: figures } => view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label=caption.clone()>
            <table class="summary-table">
                <caption>{caption.clone()}<span class="hint">" "{i18n.t("summary-ranking-note")}</span></caption>
                {head(&i18n, i18n.t("summary-item"), &groups, &unit, k)}
                <tbody>
                    {items.iter().enumerate().map(|(i, it)| view! {
                        <tr>
                            <th scope="row">{it.clone()}</th>
                            {figures.iter().enumerate().map(|(gi, f)| match f.as_ref().and_then(|items| items.get(i).cloned().flatten()) {
                                Some((n, first, mean)) => view! {
                                    <td>{i18n.t_args("summary-rank-cell", &[("mean", i18n.decimal(mean, 2).into()), ("first", (first as i64).into()), ("n", (n as i64).into())])}{delta_at(&i18n, &q, i, gi)}</td>
                                }.into_any(),
                                None => view! { <td class="withheld">"—"</td> }.into_any(),
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            </div>
            {charts.then(|| view! {
                <div class="charts">
                    {groups.iter().zip(&figures).filter_map(|(g, f)| {
                        let per_item = f.as_ref()?;
                        let n = g.n?.max(1);
                        let bars = items.iter().zip(per_item).map(|(it, x)| {
                            let first = x.map(|(_, first, _)| first).unwrap_or(0);
                            let pct = first as f64 * 100.0 / n as f64;
                            Bar { label: it.clone(), value: if x.is_some() { pct } else { 0.0 }, text: if x.is_some() { i18n.percent(pct) } else { "—".into() } }
                        }).collect();
                        Some(view! { <BarChart bars caption=i18n.t_args("summary-ranked-first-chart", &[("group", g.label.clone().into()), ("n", n_text(&i18n, g.n, &unit, k).into())])/> })
                    }).collect_view()}
                </div>
            })}
        }
        .into_any(),
        Body::Text => view! {
            <p>{i18n.t_args("summary-texts-by-region", &[("k", (k as i64).into())])}</p>
            {text_links(&i18n, &text_groups, &texts_href, &q.id, "summary-read-texts")}
        }.into_any(),
    };
    view! {
        <section class="question-summary" id=format!("{anchor}q-{}", q.id)>
            <p class="section-name">{q.section.clone()}</p>
            <h3>{q.prompt.clone()}</h3>
            {q.new_in_round.then(|| view! { <p class="round-mark">{i18n.t("rounds-identity-new")}</p> })}
            {body}
        </section>
    }
}

fn text_links(
    i18n: &I18n,
    groups: &[GroupHead],
    texts_href: &str,
    qid: &str,
    label_id: &str,
) -> impl IntoView + use<> {
    let items = groups
        .iter()
        .map(|g| {
            let label = g.label.clone();
            match g.n {
                Some(_) => {
                    let sep = if g.query.is_empty() { "" } else { "&" };
                    let href = format!("{texts_href}/{qid}?{}{sep}page=1", g.query);
                    let link = i18n.t_args(label_id, &[("group", label.into())]);
                    view! { <li><a href=href>{link}</a></li> }.into_any()
                }
                None => view! { <li>{label}": "{i18n.t("summary-texts-withheld")}</li> }.into_any(),
            }
        })
        .collect_view();
    view! { <ul class="text-links">{items}</ul> }
}
