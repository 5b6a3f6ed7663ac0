//! Free-text answers of one region to one question, page by page, as kept
//! at close: only for regions shown with at least k texts, in an order of
//! the question's own, marked with the language they are written in
//! (detected from the text) only where at least k of the list share it.

use crate::components::error_view::ErrorView;
use crate::error::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextsView {
    pub id: String,
    pub title: String,
    pub prompt: String,
    pub group: String,
    pub k: u32,
    pub unit: String,
    pub withheld: bool,
    pub n: u64,
    pub page: u64,
    pub pages: u64,
    /// (text, language code, language name) — both empty where the
    /// language is not shown (fewer than k texts of the list share it).
    pub texts: Vec<(String, String, String)>,
    /// The group's query (`region=…&status=…`), for paging.
    pub query: String,
}

#[server(endpoint = "load_texts")]
pub async fn load_texts(
    id: String,
    question: String,
    region: String,
    status: String,
    page: u64,
) -> Result<TextsView, AppError> {
    use crate::domain::account::Access;
    use crate::domain::summary::Group;
    use crate::ssr::services::{parties, summaries};
    let user = crate::auth::require(Access::Staff)?;
    let state = crate::ssr::state::app_state()?;
    let i18n = use_i18n();
    let cid = crate::pages::consultation::handler::consultation_id(&id)?;
    let v = summaries::viewable(&state.db, &user, &cid).await?;
    // Texts are listed by region only: one grouping, no overlapping lists.
    if !status.is_empty() {
        return Err(AppError::NotFound);
    }
    let r: crate::domain::region::Region = region.parse().map_err(|_| AppError::NotFound)?;
    let group = Group {
        region: Some(r),
        support: None,
    };
    let frozen = summaries::results(&state.db, &v).await?;
    let k = frozen.k;
    let t = summaries::texts(&state.db, &v, &frozen, &question, r, page).await?;
    let q = v
        .consultation
        .survey
        .questions()
        .find(|q| q.id == question)
        .ok_or(AppError::NotFound)?;
    let names: super::view::build::RegionNames = parties::regions(&state.db)
        .await?
        .into_iter()
        .map(|(r, n)| (r, n[i18n.lang as usize].clone()))
        .collect();
    let unit = i18n.t(match v.consultation.survey.respondents() {
        crate::domain::survey::Respondents::PerParty => "summary-unit-parties",
        crate::domain::survey::Respondents::PerInvitee => "summary-unit-people",
    });
    Ok(TextsView {
        id: id.clone(),
        title: crate::pages::consultation::title_or_untitled(&v.consultation.survey, i18n.lang),
        prompt: {
            let p = q.prompt.get(i18n.lang);
            if p.trim().is_empty() {
                q.prompt.en.clone()
            } else {
                p.to_string()
            }
        },
        group: super::view::build::group_label(&i18n, &names, &group),
        k: k.get(),
        unit,
        withheld: t.withheld,
        n: t.n,
        page: t.page,
        pages: t.pages,
        texts: t
            .texts
            .into_iter()
            .map(|(text, lang)| match lang {
                Some(l) => (text, l.code().to_string(), i18n.t(l.message_id())),
                None => (text, String::new(), String::new()),
            })
            .collect(),
        query: format!("region={}", r.code()),
    })
}

#[component]
pub fn TextsPage() -> impl IntoView {
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id")).unwrap_or_default();
    let qid = params.with_untracked(|p| p.get("qid")).unwrap_or_default();
    let (region, status, page) = use_query_map().with_untracked(|q| {
        (
            q.get("region").unwrap_or_default(),
            q.get("status").unwrap_or_default(),
            q.get("page")
                .and_then(|p| p.parse::<u64>().ok())
                .unwrap_or(1),
        )
    });
    let data = Resource::new_blocking(
        move || {
            (
                id.clone(),
                qid.clone(),
                region.clone(),
                status.clone(),
                page,
            )
        },
        |(id, qid, region, status, page)| load_texts(id, qid, region, status, page),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <Texts v/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Texts(v: TextsView) -> impl IntoView {
    let i18n = use_i18n();
    let title = i18n.t_args("summary-texts-title", &[("group", v.group.clone().into())]);
    let here = format!(
        "/consultations/{}/summary/texts/{}",
        v.id,
        leptos_router::hooks::use_params_map()
            .with_untracked(|p| p.get("qid"))
            .unwrap_or_default()
    );
    let sep = if v.query.is_empty() { "" } else { "&" };
    let page_href = |p: u64| format!("{here}?{}{sep}page={p}", v.query);
    let prev = (v.page > 1).then(|| page_href(v.page - 1));
    let next = (v.page < v.pages).then(|| page_href(v.page + 1));
    view! {
        <Title text=title.clone()/>
        <p><a href=format!("/consultations/{}/summary", v.id)>{i18n.t_args("summary-back", &[("title", v.title.clone().into())])}</a></p>
        <h1>{title}</h1>
        <p class="lead">{v.prompt.clone()}</p>
        {if v.withheld {
            view! { <p class="notice">{super::tables::withheld(&i18n, v.k)}</p> }.into_any()
        } else {
            view! {
                <p>{i18n.t_args("summary-texts-intro", &[("n", (v.n as i64).into()), ("unit", v.unit.clone().into())])}</p>
                <ol class="texts">
                    {v.texts.iter().map(|(t, code, name)| view! {
                        <li>
                            <blockquote lang=(!code.is_empty()).then(|| code.clone())>{t.clone()}</blockquote>
                            {(!code.is_empty()).then(|| view! { <p class="meta">{i18n.t_args("summary-text-language", &[("language", name.clone().into())])}</p> })}
                        </li>
                    }).collect_view()}
                </ol>
                <nav class="pager" aria-label=i18n.t("summary-pages")>
                    {prev.map(|h| view! { <a href=h rel="prev">{i18n.t("summary-previous")}</a> })}
                    <span>{i18n.t_args("summary-page-of", &[("page", (v.page as i64).into()), ("pages", (v.pages as i64).into())])}</span>
                    {next.map(|h| view! { <a href=h rel="next">{i18n.t("summary-next")}</a> })}
                </nav>
            }.into_any()
        }}
    }
}
