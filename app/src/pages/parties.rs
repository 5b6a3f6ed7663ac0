//! The registry of Parties, grouped by CITES region (Secretariat only).

use super::with_page_data;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionGroup {
    pub code: String,
    pub name: String,
    /// (code, name in the viewer's language), sorted by name.
    pub parties: Vec<(String, String)>,
}

/// Every region's Parties, in CITES order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartiesView {
    pub groups: Vec<RegionGroup>,
}

#[component]
pub fn PartiesPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("parties-title")/>
        {with_page_data(|v: PartiesView| view! { <PartyList groups=v.groups/> })}
    }
}

#[component]
fn PartyList(groups: Vec<RegionGroup>) -> impl IntoView {
    let i18n = use_i18n();
    let total: usize = groups.iter().map(|g| g.parties.len()).sum();
    view! {
        <h1>{i18n.t("parties-title")}</h1>
        <p>{i18n.t_args("parties-total", &[("count", total.into())])}</p>
        <p><a class="button" href="/parties/new">{i18n.t("parties-add")}</a></p>
        <nav aria-label=i18n.t("parties-regions-label")>
            <ul class="inline">
                {groups.iter().map(|g| view! {
                    <li><a href=format!("#region-{}", g.code)>{g.name.clone()}</a></li>
                }).collect_view()}
            </ul>
        </nav>
        {groups.into_iter().map(|g| {
            let count = g.parties.len();
            view! {
                <section aria-labelledby=format!("region-{}", g.code)>
                    <h2 id=format!("region-{}", g.code)>
                        {g.name.clone()}
                        " "
                        <span class="count">{i18n.t_args("parties-count", &[("count", count.into())])}</span>
                    </h2>
                    <table>
                        <thead>
                            <tr>
                                <th scope="col">{i18n.t("field-party-code")}</th>
                                <th scope="col">{i18n.t("field-party-name")}</th>
                                <th scope="col"><span class="visually-hidden">{i18n.t("parties-actions")}</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {g.parties.into_iter().map(|(code, name)| {
                                let label = i18n.t_args("parties-edit-label", &[("name", name.as_str().into())]);
                                view! {
                                    <tr id=format!("party-{code}")>
                                        <td><code>{code.clone()}</code></td>
                                        <td>{name}</td>
                                        <td><a href=format!("/parties/{code}") aria-label=label>{i18n.t("parties-edit")}</a></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </section>
            }
        }).collect_view()}
    }
}

#[cfg(feature = "ssr")]
pub mod handler {
    use super::{PartiesView, RegionGroup};
    use crate::error::AppError;
    use crate::i18n::I18n;
    use crate::ssr::extract::Caller;
    use crate::ssr::reply::with_data;
    use crate::ssr::services::parties;
    use crate::ssr::state::AppState;
    use axum::extract::State;
    use axum::http::StatusCode;
    use axum::response::Response;

    /// The register, by region, each region's Parties by name.
    pub async fn load(state: &AppState, i18n: I18n) -> Result<PartiesView, AppError> {
        let lang = i18n.lang;
        let all = parties::list(&state.db).await?;
        let groups = parties::regions(&state.db)
            .await?
            .into_iter()
            .map(|(region, names)| {
                let mut list: Vec<(String, String)> = all
                    .iter()
                    .filter(|p| p.region == region)
                    .map(|p| (p.code.to_string(), p.name(lang).to_string()))
                    .collect();
                list.sort_by_key(|p| p.1.to_lowercase());
                RegionGroup {
                    code: region.code().to_string(),
                    name: names.get(lang).to_string(),
                    parties: list,
                }
            })
            .collect();
        Ok(PartiesView { groups })
    }

    /// `GET /parties`.
    pub async fn show(
        State(state): State<AppState>,
        Caller { i18n, .. }: Caller,
    ) -> Result<Response, AppError> {
        Ok(with_data(None, load(&state, i18n).await?, StatusCode::OK))
    }
}
