//! The list of consultations, and the three ways to start one: from a
//! template, blank, or by importing a file (Secretariat only).

use super::with_page_data;
use crate::components::form::{ErrorSummary, field_value};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsultationRow {
    pub id: String,
    pub title: String,
    pub state_id: String,
    pub decision_id: String,
    pub deadline: Option<String>,
    /// (language code, percent translated).
    pub completeness: Vec<(String, usize)>,
}

/// Every consultation, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsultationsView {
    pub rows: Vec<ConsultationRow>,
}

#[component]
pub fn ConsultationsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("consultations-title")/>
        {with_page_data(|v: ConsultationsView| view! { <ConsultationList rows=v.rows/> })}
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
            <form method="post" action="/consultations/import" class="stack" enctype="multipart/form-data">
                <div class="field">
                    <label for="file">{i18n.t("import-file")}</label>
                    <p class="hint" id="file-hint">{i18n.t("import-file-hint")}</p>
                    <input type="file" id="file" name="file" accept="application/json,.json" aria-describedby="file-hint"/>
                </div>
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
    use super::{ConsultationRow, ConsultationsView};
    use crate::components::form::FormState;
    use crate::domain::survey::document::{ImportError, import};
    use crate::domain::survey::{Survey, templates, translation};
    use crate::error::AppError;
    use crate::i18n::I18n;
    use crate::pages::consultation::title_or_untitled;
    use crate::ssr::extract::Caller;
    use crate::ssr::forms::{StaffForm, StaffUpload, lang_of};
    use crate::ssr::reply::{again_at, redirect, with_data};
    use crate::ssr::services::consultations;
    use crate::ssr::state::AppState;
    use axum::extract::State;
    use axum::http::StatusCode;
    use axum::response::Response;

    /// The consultations `user` may see, with their translation figures.
    pub async fn load(state: &AppState, i18n: I18n) -> Result<ConsultationsView, AppError> {
        let rows = consultations::list(&state.db)
            .await?
            .into_iter()
            .map(|c| ConsultationRow {
                title: title_or_untitled(&c.survey, i18n),
                state_id: c.state.message_id().to_string(),
                decision_id: c.survey.decision.message_id().to_string(),
                deadline: c.deadline.map(|d| i18n.date_time(d)),
                completeness: translation::completeness(&c.survey)
                    .into_iter()
                    .map(|(l, done, total)| {
                        (l.code().to_string(), translation::percent(done, total))
                    })
                    .collect(),
                id: c.id.to_string(),
            })
            .collect();
        Ok(ConsultationsView { rows })
    }

    /// `GET /consultations`.
    pub async fn show(
        State(state): State<AppState>,
        Caller { i18n, .. }: Caller,
    ) -> Result<Response, AppError> {
        Ok(with_data(None, load(&state, i18n).await?, StatusCode::OK))
    }

    pub async fn create(
        State(state): State<AppState>,
        StaffForm { form, user, .. }: StaffForm,
    ) -> Result<Response, AppError> {
        let key = form.required("template")?;
        let (survey, how) = match (templates::find(key), key) {
            (Some(t), _) => (t.survey(), format!("template {}", t.key)),
            (None, "blank") => (Survey::default(), "blank".to_string()),
            (None, _) => return Err(AppError::bad_request("unknown template")),
        };
        let id = consultations::create(&state.db, &user, &survey, &how).await?;
        Ok(redirect(&format!(
            "{}?notice=notice-consultation-created",
            id.path()
        )))
    }

    /// `POST /consultations/import`: a document pasted (`document`) or
    /// uploaded as a file (`file`, multipart).
    pub async fn import_file(
        State(state): State<AppState>,
        upload: Result<StaffUpload, AppError>,
    ) -> Result<Response, AppError> {
        let StaffUpload(StaffForm { parts, form, user }) = match upload {
            Ok(u) => u,
            Err(AppError::PayloadTooLarge) => {
                return Err(AppError::conflict("import-error-too-large"));
            }
            Err(e) => return Err(e),
        };
        // Both fields are read whichever is used, so that one sent twice
        // is refused even when the other holds the document.
        let file = form.get("file")?;
        let pasted = form.value("document")?;
        let text = match pasted {
            _ if !file.trim().is_empty() => file,
            Some(pasted) => pasted,
            None => return Err(AppError::bad_request("missing field document")),
        };
        let error = match import(text) {
            Ok(survey) => {
                let id = consultations::create(&state.db, &user, &survey, "import").await?;
                return Ok(redirect(&format!(
                    "{}?notice=notice-consultation-imported",
                    id.path()
                )));
            }
            Err(e) => e,
        };
        let i18n = I18n::new(lang_of(&parts));
        let details = match &error {
            ImportError::Malformed { line, column, .. } => vec![i18n.t_args(
                "import-error-at",
                &[("line", (*line).into()), ("column", (*column).into())],
            )],
            ImportError::UnknownVersion(v) => vec![i18n.t_args(
                "import-error-version-detail",
                &[("version", (*v as i64).into())],
            )],
            ImportError::UnknownFormat => vec![],
            ImportError::Invalid(problems) => problems
                .iter()
                .map(|p| format!("{} — {}", p.place, i18n.t(&p.message_id)))
                .collect(),
        };
        // A pasted document comes back in its field; an uploaded one is not pasted there.
        let mut values = form.values_except(&["file"]);
        if !file.trim().is_empty() {
            values.remove("document");
        }
        let st = FormState::refused(values, error.message_id(), details);
        Ok(again_at(
            "/consultations",
            st,
            StatusCode::UNPROCESSABLE_ENTITY,
        ))
    }
}
