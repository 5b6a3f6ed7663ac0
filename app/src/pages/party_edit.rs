//! Adding a Party and correcting a Party's region or names (Secretariat only).

use super::with_page_data;
use crate::components::form::{ErrorSummary, FormState, TextField, field_value, use_form};
use crate::domain::party::{NAME_MAX, Party};
use crate::i18n::use_i18n;
use crate::islands::party_code::PartyCodeInput;
use leptos::prelude::*;
use leptos_meta::Title;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyFormData {
    pub party: Option<Party>,
    /// When the Party was last changed, in the viewer's language.
    pub updated: Option<String>,
    /// (code, name in the viewer's language), in CITES order.
    pub regions: Vec<(String, String)>,
    /// The Party's version, which the edit form names.
    pub version: Option<i32>,
}

#[component]
pub fn NewPartyPage() -> impl IntoView {
    with_page_data(|data: PartyFormData| view! { <PartyForm data/> })
}

#[component]
pub fn EditPartyPage() -> impl IntoView {
    with_page_data(|data: PartyFormData| view! { <PartyForm data/> })
}

#[component]
fn PartyForm(data: PartyFormData) -> impl IntoView {
    let i18n = use_i18n();
    let form: FormState = use_form();
    let party = data.party.clone();
    let editing = party.is_some();
    let (title, action) = match &party {
        Some(p) => (
            i18n.t_args("party-edit-title", &[("name", p.name(i18n.lang).into())]),
            format!("/parties/{}", p.code),
        ),
        None => (i18n.t("party-new-title"), "/parties/new".to_string()),
    };
    let get = |f: fn(&Party) -> &str| party.as_ref().map(f).unwrap_or("").to_string();
    let region = field_value(
        "region",
        party.as_ref().map(|p| p.region.code()).unwrap_or(""),
    );
    let region_error = form.error_id("region").map(|id| i18n.t(&id));
    let code_error = form.error_id("code").map(|id| i18n.t(&id));
    let code_field = match &party {
        Some(p) => view! {
            <div class="field">
                <span class="label">{i18n.t("field-party-code")}</span>
                <p><code>{p.code.to_string()}</code></p>
            </div>
        }
        .into_any(),
        None => {
            let invalid = code_error.is_some();
            let describedby = if invalid {
                "code-hint code-error"
            } else {
                "code-hint"
            };
            view! {
                <div class="field" class:field-invalid=invalid>
                    <label for="code">{i18n.t("field-party-code")}<span class="required" aria-hidden="true">" *"</span></label>
                    <p class="hint" id="code-hint">{i18n.t("field-party-code-hint")}</p>
                    <PartyCodeInput
                        value=field_value("code", "")
                        error=code_error
                        messages=["error-required", "error-party-code"]
                            .into_iter()
                            .map(|id| (id.to_string(), i18n.t(id)))
                            .collect()
                        describedby=describedby.to_string()
                    />
                </div>
            }
            .into_any()
        }
    };
    let labels = [
        ("code", i18n.t("field-party-code")),
        ("region", i18n.t("field-region")),
        ("name_en", i18n.t("field-name-en")),
        ("name_fr", i18n.t("field-name-fr")),
        ("name_es", i18n.t("field-name-es")),
    ];
    view! {
        <Title text=title.clone()/>
        <p><a href="/parties">{i18n.t("party-back")}</a></p>
        <h1>{title}</h1>
        {data.updated.map(|date| view! { <p class="meta">{i18n.t_args("party-updated", &[("date", date.into())])}</p> })}
        <ErrorSummary fields=labels.to_vec()/>
        <form method="post" action=action class="stack">
            {data.version.map(|v| view! { <input type="hidden" name="version" value=v/> })}
            {code_field}
            <div class="field" class:field-invalid=region_error.is_some()>
                <label for="region">{i18n.t("field-region")}<span class="required" aria-hidden="true">" *"</span></label>
                {region_error.clone().map(|e| view! { <p class="field-error" id="region-error">{e}</p> })}
                <select id="region" name="region" required aria-describedby=region_error.is_some().then_some("region-error")>
                    <option value="" selected=region.is_empty()>{i18n.t("field-choose")}</option>
                    {data.regions.into_iter().map(|(code, name)| {
                        let selected = code == region;
                        view! { <option value=code selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <fieldset class="languages-side-by-side">
                <legend>{i18n.t("field-names-legend")}</legend>
                <TextField name="name_en" label=i18n.t("field-name-en") value=field_value("name_en", get(|p| &p.name.en)) required=true maxlength=NAME_MAX lang="en"/>
                <TextField name="name_fr" label=i18n.t("field-name-fr") value=field_value("name_fr", get(|p| &p.name.fr)) required=true maxlength=NAME_MAX lang="fr"/>
                <TextField name="name_es" label=i18n.t("field-name-es") value=field_value("name_es", get(|p| &p.name.es)) required=true maxlength=NAME_MAX lang="es"/>
            </fieldset>
            <button type="submit">{i18n.t(if editing { "party-save" } else { "party-add" })}</button>
        </form>
    }
}

#[cfg(feature = "ssr")]
pub mod handler {
    use super::PartyFormData;
    use crate::components::form::FormState;
    use crate::domain::ids::PartyCode;
    use crate::domain::party::PartyInput;
    use crate::error::AppError;
    use crate::i18n::I18n;
    use crate::ssr::extract::{Caller, Ids};
    use crate::ssr::forms::{Form, StaffForm};
    use crate::ssr::reply::{again, redirect, with_data};
    use crate::ssr::services::parties;
    use crate::ssr::state::AppState;
    use axum::extract::State;
    use axum::http::StatusCode;
    use axum::response::Response;

    /// The form for a new Party (`None`) or for Party `code`, with the regions.
    pub async fn load(
        state: &AppState,
        i18n: I18n,
        code: Option<&PartyCode>,
    ) -> Result<PartyFormData, AppError> {
        let (party, updated, version) = match code {
            Some(code) => {
                let (p, at, version) = parties::get(&state.db, code).await?;
                (Some(p), Some(i18n.date_time(at)), Some(version))
            }
            None => (None, None, None),
        };
        let regions = parties::regions(&state.db)
            .await?
            .into_iter()
            .map(|(r, names)| (r.code().to_string(), names.get(i18n.lang).to_string()))
            .collect();
        Ok(PartyFormData {
            party,
            updated,
            regions,
            version,
        })
    }

    /// `GET /parties/new`.
    pub async fn show_new(
        State(state): State<AppState>,
        Caller { i18n, .. }: Caller,
    ) -> Result<Response, AppError> {
        Ok(with_data(
            None,
            load(&state, i18n, None).await?,
            StatusCode::OK,
        ))
    }

    /// `GET /parties/{code}`.
    pub async fn show(
        State(state): State<AppState>,
        Caller { i18n, .. }: Caller,
        Ids(code): Ids<PartyCode>,
    ) -> Result<Response, AppError> {
        let data = load(&state, i18n, Some(&code)).await?;
        Ok(with_data(None, data, StatusCode::OK))
    }

    fn input(form: &Form, code: Option<&PartyCode>) -> Result<PartyInput, AppError> {
        Ok(PartyInput {
            code: match code {
                Some(c) => c.as_str().to_string(),
                None => form.required("code")?.to_string(),
            },
            region: form.required("region")?.to_string(),
            name_en: form.required("name_en")?.to_string(),
            name_fr: form.required("name_fr")?.to_string(),
            name_es: form.required("name_es")?.to_string(),
        })
    }

    async fn save(
        state: AppState,
        StaffForm { form, user, .. }: StaffForm,
        code: Option<PartyCode>,
    ) -> Result<Response, AppError> {
        let version = match &code {
            Some(_) => Some(form.version()?),
            None => None,
        };
        let party = match input(&form, code.as_ref())?.validate() {
            Ok(p) => p,
            Err(errors) => {
                let st = FormState::invalid(form.values_except(&["version"]), errors);
                return Ok(again(st, StatusCode::UNPROCESSABLE_ENTITY));
            }
        };
        let result = match (&code, version) {
            (Some(code), Some(v)) => parties::update(&state.db, &user, code, v, &party).await,
            _ => parties::create(&state.db, &user, &party).await,
        };
        match result {
            Ok(()) => {
                let notice = if code.is_some() {
                    "notice-party-saved"
                } else {
                    "notice-party-added"
                };
                tracing::info!(party = %party.code, "party saved");
                Ok(redirect(&format!(
                    "/parties?notice={notice}#party-{}",
                    party.code
                )))
            }
            Err(e @ (AppError::Conflict(_) | AppError::Stale)) => {
                let st =
                    FormState::refused(form.values_except(&["version"]), e.message_id(), vec![]);
                Ok(again(st, StatusCode::CONFLICT))
            }
            Err(e) => Err(e),
        }
    }

    pub async fn create(
        State(state): State<AppState>,
        form: StaffForm,
    ) -> Result<Response, AppError> {
        save(state, form, None).await
    }

    pub async fn update(
        State(state): State<AppState>,
        Ids(code): Ids<PartyCode>,
        form: StaffForm,
    ) -> Result<Response, AppError> {
        save(state, form, Some(code)).await
    }
}
