//! The list of consultations, and the three ways to start one: from a
//! template, blank, or by importing a file (Secretariat only).

use crate::components::error_view::ErrorView;
use crate::components::form::{ErrorSummary, field_value};
use crate::error::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationRow {
    pub id: String,
    pub title: String,
    pub state_id: String,
    pub decision_id: String,
    pub deadline: Option<String>,
    /// (language code, percent translated).
    pub completeness: Vec<(String, usize)>,
}

#[server(endpoint = "list_consultations")]
pub async fn list_consultations() -> Result<Vec<ConsultationRow>, AppError> {
    use crate::domain::account::Access;
    use crate::domain::survey::translation;
    use crate::ssr::services::consultations;
    crate::auth::require(Access::Secretariat)?;
    let state = crate::ssr::state::app_state()?;
    let i18n = use_i18n();
    Ok(consultations::list(&state.db)
        .await?
        .into_iter()
        .map(|c| {
            let title = c.survey.title.get(i18n.lang);
            ConsultationRow {
                title: if title.trim().is_empty() {
                    c.survey.title.en.clone()
                } else {
                    title.to_string()
                },
                state_id: c.state.message_id().to_string(),
                decision_id: c.survey.decision.message_id().to_string(),
                deadline: c.deadline.map(|d| i18n.date_time(d)),
                completeness: translation::completeness(&c.survey)
                    .into_iter()
                    .map(|(l, done, total)| {
                        (l.code().to_string(), translation::percent(done, total))
                    })
                    .collect(),
                id: c.id,
            }
        })
        .collect())
}

#[component]
pub fn ConsultationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let rows = Resource::new_blocking(|| (), |_| list_consultations());
    view! {
        <Title text=i18n.t("consultations-title")/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match rows.await {
                    Ok(rows) => view! { <ConsultationList rows/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ConsultationList(rows: Vec<ConsultationRow>) -> impl IntoView {
    use crate::domain::survey::templates;
    let i18n = use_i18n();
    let empty = rows.is_empty();
    view! {
        <h1>{i18n.t("consultations-title")}</h1>
        <ErrorSummary fields=vec![("document", i18n.t("import-field"))]/>
        {empty.then(|| view! { <p>{i18n.t("consultations-none")}</p> })}
        {(!empty).then(|| view! {
            <table class="consultations">
                <thead>
                    <tr>
                        <th scope="col">{i18n.t("consultation-field-title")}</th>
                        <th scope="col">{i18n.t("consultation-state")}</th>
                        <th scope="col">{i18n.t("consultation-deadline")}</th>
                        <th scope="col">{i18n.t("consultation-translated")}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            <td>
                                <a href=format!("/consultations/{}", r.id)>{r.title}</a>
                                <br/><span class="meta">{i18n.t(&r.decision_id)}</span>
                            </td>
                            <td>{i18n.t(&r.state_id)}</td>
                            <td>{r.deadline.unwrap_or_else(|| "—".into())}</td>
                            <td>{r.completeness.into_iter().map(|(l, p)| format!("{} {p} %", l.to_uppercase())).collect::<Vec<_>>().join(" · ")}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
        <section aria-labelledby="new-heading">
            <h2 id="new-heading">{i18n.t("consultations-new")}</h2>
            <form method="post" action="/consultations" class="stack">
                <fieldset>
                    <legend>{i18n.t("consultations-start-from")}</legend>
                    {templates::ALL.iter().enumerate().map(|(i, t)| {
                        let id = format!("template-{}", t.key);
                        view! {
                            <div class="choice">
                                <input type="radio" id=id.clone() name="template" value=t.key checked=i == 0/>
                                <label for=id>{i18n.t(t.message_id)}</label>
                            </div>
                        }
                    }).collect_view()}
                    <div class="choice">
                        <input type="radio" id="template-blank" name="template" value="blank"/>
                        <label for="template-blank">{i18n.t("template-blank")}</label>
                    </div>
                </fieldset>
                <button type="submit">{i18n.t("consultations-create")}</button>
            </form>
        </section>
        <section aria-labelledby="import-heading">
            <h2 id="import-heading">{i18n.t("import-title")}</h2>
            <form method="post" action="/consultations/import" class="stack">
                <div class="field">
                    <label for="document">{i18n.t("import-field")}</label>
                    <p class="hint" id="document-hint">{i18n.t("import-hint")}</p>
                    <textarea id="document" name="document" rows="8" aria-describedby="document-hint">{field_value("document", "")}</textarea>
                </div>
                <button type="submit">{i18n.t("import-submit")}</button>
            </form>
        </section>
    }
}

#[cfg(feature = "ssr")]
pub mod handler {
    use crate::components::form::FormState;
    use crate::domain::account::Access;
    use crate::domain::survey::document::{ImportError, import};
    use crate::domain::survey::{Survey, Text, templates};
    use crate::i18n::{I18n, translate};
    use crate::request::RequestInfo;
    use crate::ssr::forms::read_form_as;
    use crate::ssr::render::{error_response, redirect, render};
    use crate::ssr::services::consultations;
    use crate::ssr::state::AppState;
    use axum::body::Body;
    use axum::extract::State;
    use axum::http::{Request, StatusCode};
    use axum::response::Response;

    pub async fn create(State(state): State<AppState>, req: Request<Body>) -> Response {
        let (parts, form, user) = match read_form_as(&state, req, Access::Secretariat).await {
            Ok(x) => x,
            Err(page) => return page,
        };
        let key = form.get("template");
        let (survey, how) = match templates::find(key) {
            Some(t) => (t.survey(), format!("template {}", t.key)),
            None => (
                Survey {
                    title: Text::default(),
                    ..Default::default()
                },
                "blank".to_string(),
            ),
        };
        match consultations::create(&state.db, &user.email, &survey, &how).await {
            Ok(id) => redirect(&format!(
                "/consultations/{id}?notice=notice-consultation-created"
            )),
            Err(e) => error_response(&state, parts, e).await,
        }
    }

    pub async fn import_file(State(state): State<AppState>, req: Request<Body>) -> Response {
        let (parts, form, user) = match read_form_as(&state, req, Access::Secretariat).await {
            Ok(x) => x,
            Err(page) => return page,
        };
        let lang = parts
            .extensions
            .get::<RequestInfo>()
            .map(|i| i.lang)
            .unwrap_or_default();
        let text = form.get("document");
        match import(text) {
            Ok(survey) => {
                match consultations::create(&state.db, &user.email, &survey, "import").await {
                    Ok(id) => redirect(&format!(
                        "/consultations/{id}?notice=notice-consultation-imported"
                    )),
                    Err(e) => error_response(&state, parts, e).await,
                }
            }
            Err(e) => {
                let i18n = I18n::new(lang);
                let details = match &e {
                    ImportError::Malformed { line, column, .. } => vec![i18n.t_args(
                        "import-error-at",
                        &[("line", (*line).into()), ("column", (*column).into())],
                    )],
                    ImportError::UnknownVersion(v) => {
                        vec![i18n.t_args(
                            "import-error-version-detail",
                            &[("version", (*v as i64).into())],
                        )]
                    }
                    ImportError::UnknownFormat => vec![],
                    ImportError::Invalid(problems) => problems
                        .iter()
                        .map(|p| format!("{} — {}", p.place, translate(lang, &p.message_id, &[])))
                        .collect(),
                };
                let st = FormState {
                    values: form.values_except(&[]),
                    message_id: Some(e.message_id().to_string()),
                    details,
                    ..Default::default()
                };
                let mut parts = parts;
                parts.uri = "/consultations".parse().expect("static path");
                render(&state, parts, Some(st), StatusCode::UNPROCESSABLE_ENTITY).await
            }
        }
    }
}
