//! Free-text answers of one region to one question, page by page, as kept
//! at close: only for regions shown with at least k texts, in an order of
//! the question's own, marked with the language they are written in
//! (detected from the text) only where at least k of the list share it.

use crate::i18n::use_i18n;
use crate::pages::with_page_data;
use leptos::prelude::*;
use leptos_meta::Title;

#[derive(Debug, Clone, PartialEq)]
pub struct TextsView {
    pub id: String,
    /// The question's id.
    pub question: String,
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

#[component]
pub fn TextsPage() -> impl IntoView {
    with_page_data(|v: TextsView| view! { <Texts v/> })
}

#[component]
fn Texts(v: TextsView) -> impl IntoView {
    let i18n = use_i18n();
    let title = i18n.t_args("summary-texts-title", &[("group", v.group.clone().into())]);
    let here = format!("/consultations/{}/summary/texts/{}", v.id, v.question);
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

#[cfg(feature = "ssr")]
pub mod handler {
    use super::TextsView;
    use crate::domain::account::StaffUser;
    use crate::domain::constituency::{self, Constituency};
    use crate::domain::ids::{ConsultationId, ItemId};
    use crate::domain::region::Region;
    use crate::domain::summary::Group;
    use crate::domain::survey::Respondents;
    use crate::error::AppError;
    use crate::i18n::I18n;
    use crate::pages::consultation::title_or_untitled;
    use crate::pages::summary::view::build::{RegionNames, group_label};
    use crate::ssr::extract::{Caller, Ids, Query};
    use crate::ssr::reply::with_data;
    use crate::ssr::services::{parties, summaries};
    use crate::ssr::state::AppState;
    use axum::extract::State;
    use axum::http::StatusCode;
    use axum::response::Response;

    /// Which list, and which page of it, as the address names them.
    pub struct Which<'a> {
        /// A constituency's code (empty: the Parties').
        pub constituency: &'a str,
        /// A region's code: the only lists there are.
        pub region: &'a str,
        /// A donor/recipient status: no list is by status.
        pub status: &'a str,
        pub page: u64,
    }

    /// A page of the free-text answers to `question` of consultation `id`,
    /// of one region.
    pub async fn load(
        state: &AppState,
        user: &StaffUser,
        i18n: I18n,
        id: &ConsultationId,
        question: &ItemId,
        Which {
            constituency,
            region,
            status,
            page,
        }: Which<'_>,
    ) -> Result<TextsView, AppError> {
        let question = question.as_str();
        let v = summaries::viewable(&state.db, user, id).await?;
        // Texts are listed by region only: one grouping, no overlapping lists.
        if !status.is_empty() {
            return Err(AppError::NotFound);
        }
        let r: Region = region.parse().map_err(|_| AppError::NotFound)?;
        let constituency = if constituency.is_empty() {
            Constituency::Party
        } else {
            Constituency::parse(constituency).ok_or(AppError::NotFound)?
        };
        let group = Group {
            region: Some(r),
            support: None,
        };
        let frozen = summaries::results(&state.db, &v).await?;
        let k = frozen.k;
        let t = summaries::texts(&state.db, &v, &frozen, question, constituency, r, page).await?;
        let q = v
            .consultation
            .survey
            .questions()
            .find(|q| q.id == question)
            .ok_or(AppError::NotFound)?;
        let names: RegionNames = parties::regions(&state.db)
            .await?
            .into_iter()
            .map(|(r, n)| (r, n.get(i18n.lang).to_string()))
            .collect();
        let unit = i18n.t(match constituency.unit() {
            constituency::Unit::Party => match v.consultation.survey.respondents() {
                Respondents::PerParty => "summary-unit-parties",
                Respondents::PerInvitee => "summary-unit-people",
            },
            constituency::Unit::Member => "summary-unit-people",
            constituency::Unit::Organisation => "summary-unit-organisations",
        });
        let label = group_label(&i18n, &names, &group);
        Ok(TextsView {
            id: id.to_string(),
            question: question.to_string(),
            title: title_or_untitled(&v.consultation.survey, i18n),
            prompt: {
                let p = q.prompt.get(i18n.lang);
                if p.trim().is_empty() {
                    q.prompt.en.clone()
                } else {
                    p.to_string()
                }
            },
            group: if constituency == Constituency::Party {
                label
            } else {
                format!("{} — {label}", i18n.t(constituency.message_id()))
            },
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
            query: if constituency == Constituency::Party {
                format!("region={}", r.code())
            } else {
                format!("constituency={}&region={}", constituency.code(), r.code())
            },
        })
    }

    /// `GET /consultations/{id}/summary/texts/{qid}?region=…[&page=n]`.
    pub async fn show(
        State(state): State<AppState>,
        Caller { user, i18n }: Caller,
        Ids((id, qid)): Ids<(ConsultationId, ItemId)>,
        q: Query,
    ) -> Result<Response, AppError> {
        let which = Which {
            constituency: q.get("constituency")?,
            region: q.get("region")?,
            status: q.get("status")?,
            page: q.get("page")?.parse().unwrap_or(1),
        };
        let data = load(&state, &user, i18n, &id, &qid, which).await?;
        Ok(with_data(None, data, StatusCode::OK))
    }
}
