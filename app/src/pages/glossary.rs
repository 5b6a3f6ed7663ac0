//! The glossary of common terms (Decision 19.41(a)), edited by the Secretariat.

use super::with_page_data;
use crate::components::form::{ErrorSummary, TextField, TranslatedField, field_value};
use crate::domain::glossary::Term;
use crate::domain::survey::Text;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

/// Every term with its version, and the one being edited (`?edit=key`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryView {
    pub terms: Vec<(Term, i32)>,
    pub editing: Option<String>,
}

#[component]
pub fn GlossaryPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("glossary-title")/>
        {with_page_data(|v: GlossaryView| view! { <Glossary terms=v.terms editing=v.editing/> })}
    }
}

#[component]
fn Glossary(terms: Vec<(Term, i32)>, editing: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let current = editing
        .as_ref()
        .and_then(|k| terms.iter().find(|(t, _)| &t.key == k).cloned());
    let terms: Vec<Term> = terms.into_iter().map(|(t, _)| t).collect();
    let blank = Term {
        key: String::new(),
        term: Text::default(),
        definition: Text::default(),
    };
    let form_term = current.clone().map(|(t, _)| t).unwrap_or(blank);
    let heading = if current.is_some() {
        i18n.t("glossary-edit")
    } else {
        i18n.t("glossary-add")
    };
    view! {
        <h1>{i18n.t("glossary-title")}</h1>
        <p class="lead">{i18n.t("glossary-intro")}</p>
        <dl class="glossary">
            {terms.into_iter().map(|t| view! {
                <div class="term" id=format!("term-{}", t.key)>
                    <dt>{t.term.get(i18n.lang).to_string()} " " <a href=format!("/glossary?edit={}#glossary-form", t.key) class="small">{i18n.t_args("glossary-edit-term", &[("term", t.term.get(i18n.lang).into())])}</a></dt>
                    <dd>{t.definition.get(i18n.lang).to_string()}</dd>
                </div>
            }).collect_view()}
        </dl>
        <section aria-labelledby="glossary-form">
            <h2 id="glossary-form">{heading}</h2>
            <ErrorSummary fields=vec![("key", i18n.t("glossary-key"))]/>
            <form method="post" action="/glossary" class="stack">
                {match current {
                    Some((t, version)) => view! { <input type="hidden" name="key" value=t.key.clone()/><input type="hidden" name="version" value=version/><p>{i18n.t("glossary-key")} ": " <code>{t.key}</code></p> }.into_any(),
                    None => view! { <TextField name="key" label=i18n.t("glossary-key") value=field_value("key", "") required=true maxlength=40 hint=i18n.t("glossary-key-hint")/> }.into_any(),
                }}
                <TranslatedField name="term" label=i18n.t("glossary-term") value=form_term.term.clone() required=true maxlength=200/>
                <TranslatedField name="definition" label=i18n.t("glossary-definition") value=form_term.definition.clone() required=true multiline=true maxlength=2000/>
                <button type="submit">{i18n.t("glossary-save")}</button>
            </form>
        </section>
    }
}

#[cfg(feature = "ssr")]
pub mod handler {
    use super::GlossaryView;
    use crate::components::form::FormState;
    use crate::domain::glossary::{DEFINITION_MAX, TERM_MAX, Term};
    use crate::error::AppError;
    use crate::ssr::extract::Query;
    use crate::ssr::forms::StaffForm;
    use crate::ssr::reply::{again, redirect, with_data};
    use crate::ssr::services::glossary;
    use crate::ssr::state::AppState;
    use axum::extract::State;
    use axum::http::StatusCode;
    use axum::response::Response;

    /// Every term, with `editing` (a term's key) open in the form.
    pub async fn load(state: &AppState, editing: Option<String>) -> Result<GlossaryView, AppError> {
        Ok(GlossaryView {
            terms: glossary::list_versioned(&state.db).await?,
            editing,
        })
    }

    /// `GET /glossary[?edit=key]`.
    pub async fn show(
        State(state): State<AppState>,
        Query(q): Query,
    ) -> Result<Response, AppError> {
        let editing = q.value("edit")?.map(str::to_string);
        Ok(with_data(
            None,
            load(&state, editing).await?,
            StatusCode::OK,
        ))
    }

    /// Adds a term (no `version` in the form) or changes one (the version it
    /// was opened on).
    pub async fn save(
        State(state): State<AppState>,
        StaffForm { form, user, .. }: StaffForm,
    ) -> Result<Response, AppError> {
        let version = match form.value("version")? {
            Some(_) => Some(form.version()?),
            None => None,
        };
        let term = Term {
            key: form.required("key")?.to_string(),
            term: form.text("term", TERM_MAX + 1)?,
            definition: form.text("definition", DEFINITION_MAX + 1)?,
        };
        let t = match term.validated() {
            Ok(t) => t,
            Err(errors) => {
                let st = FormState::invalid(form.values_except(&["version"]), errors);
                return Ok(again(st, StatusCode::UNPROCESSABLE_ENTITY));
            }
        };
        match glossary::save(&state.db, &user, &t, version).await {
            Ok(()) => Ok(redirect(&format!(
                "/glossary?notice=notice-saved#term-{}",
                t.key
            ))),
            Err(e @ (AppError::Stale | AppError::Conflict(_))) => {
                let st =
                    FormState::refused(form.values_except(&["version"]), e.message_id(), vec![]);
                Ok(again(st, StatusCode::CONFLICT))
            }
            Err(e) => Err(e),
        }
    }
}
