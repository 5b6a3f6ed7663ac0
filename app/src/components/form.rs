//! Accessible form fields, and the state of a form the server sent back
//! (what was entered, and what was wrong with it) so nothing typed is lost.

use crate::i18n::use_i18n;
use leptos::prelude::*;

pub use crate::domain::validation::FormState;

/// The returned form, if this render answers a submission.
pub fn use_form() -> FormState {
    use_context::<FormState>().unwrap_or_default()
}

/// The value to show in a field: what was submitted, else `initial`.
pub fn field_value(name: &str, initial: impl Into<String>) -> String {
    use_form().value(name).unwrap_or_else(|| initial.into())
}

/// Lists every problem of a returned form, linked to its field.
#[component]
pub fn ErrorSummary(#[prop(into)] fields: Vec<(&'static str, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let form = use_form();
    let problems: Vec<_> = fields
        .into_iter()
        .filter_map(|(name, label)| form.error_id(name).map(|id| (name, label, i18n.t(&id))))
        .collect();
    let message = form.message_id.clone().map(|id| i18n.t(&id));
    let details = form.details.clone();
    (!problems.is_empty() || message.is_some()).then(|| {
        view! {
            <div class="error-summary" role="alert" tabindex="-1" id="error-summary">
                <h2>{i18n.t("form-problem-heading")}</h2>
                {message.map(|m| view! { <p>{m}</p> })}
                {(!details.is_empty()).then(|| view! {
                    <ul class="details">{details.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
                })}
                <ul>
                    {problems
                        .into_iter()
                        .map(|(name, label, msg)| {
                            view! {
                                <li>
                                    <a href=format!("#{name}")>{format!("{label}: {msg}")}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}

/// A labelled text input with its hint and error text tied to it.
#[component]
pub fn TextField(
    name: &'static str,
    #[prop(into)] label: String,
    #[prop(into, optional)] value: String,
    #[prop(optional)] required: bool,
    #[prop(optional, default = "text")] kind: &'static str,
    #[prop(optional, default = "off")] autocomplete: &'static str,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(into, optional)] hint: Option<String>,
    #[prop(into, optional)] lang: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = use_form().error_id(name).map(|id| i18n.t(&id));
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let describedby = [
        hint.as_ref().map(|_| hint_id.clone()),
        error.as_ref().map(|_| error_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    view! {
        <div class="field" class:field-invalid=error.is_some()>
            <label for=name>
                {label}
                {required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
            </label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {error.clone().map(|e| view! { <p class="field-error" id=error_id.clone()>{e}</p> })}
            <input
                id=name
                name=name
                type=kind
                value=value
                required=required
                autocomplete=autocomplete
                maxlength=maxlength.map(|m| m.to_string())
                lang=lang
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=(!describedby.is_empty()).then_some(describedby)
            />
        </div>
    }
}

/// A labelled drop-down list with its error text tied to it; `options` are
/// (value, label) pairs; an empty first choice asks the user to choose.
#[component]
pub fn SelectField(
    name: &'static str,
    #[prop(into)] label: String,
    options: Vec<(String, String)>,
    #[prop(into, optional)] value: String,
    #[prop(optional)] required: bool,
    #[prop(into, optional)] choose: Option<String>,
    #[prop(into, optional)] hint: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = use_form().error_id(name).map(|id| i18n.t(&id));
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let describedby = [
        hint.as_ref().map(|_| hint_id.clone()),
        error.as_ref().map(|_| error_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let value = field_value(name, value);
    view! {
        <div class="field" class:field-invalid=error.is_some()>
            <label for=name>
                {label}
                {required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
            </label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {error.clone().map(|e| view! { <p class="field-error" id=error_id.clone()>{e}</p> })}
            <select
                id=name
                name=name
                required=required
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=(!describedby.is_empty()).then_some(describedby)
            >
                {choose.map(|c| view! { <option value="" selected=value.is_empty()>{c}</option> })}
                {options
                    .into_iter()
                    .map(|(v, l)| {
                        let selected = v == value;
                        view! { <option value=v selected=selected>{l}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// One text in the three working languages, side by side: fields
/// `{name}_en`, `{name}_fr`, `{name}_es`.
#[component]
pub fn TranslatedField(
    name: &'static str,
    #[prop(into)] label: String,
    value: crate::domain::survey::Text,
    #[prop(optional)] required: bool,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] maxlength: Option<usize>,
) -> impl IntoView {
    use crate::domain::lang::Lang;
    let i18n = use_i18n();
    let form = use_form();
    view! {
        <fieldset class="languages-side-by-side">
            <legend>{label}{required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}</legend>
            {Lang::ALL.into_iter().map(|lang| {
                let field = format!("{name}_{}", lang.code());
                let current = form.value(&field).unwrap_or_else(|| value.get(lang).to_string());
                let error = form.error_id(&field).map(|id| i18n.t(&id));
                let error_id = format!("{field}-error");
                let lang_label = i18n.t(lang.message_id());
                let missing = current.trim().is_empty();
                view! {
                    <div class="field" class:field-invalid=error.is_some() class:field-missing=missing>
                        <label for=field.clone()>{lang_label}</label>
                        {error.clone().map(|e| view! { <p class="field-error" id=error_id.clone()>{e}</p> })}
                        {if multiline {
                            view! {
                                <textarea id=field.clone() name=field.clone() lang=lang.code() rows="3"
                                    maxlength=maxlength.map(|m| m.to_string())
                                    aria-describedby=error.as_ref().map(|_| error_id.clone())>{current}</textarea>
                            }.into_any()
                        } else {
                            view! {
                                <input type="text" id=field.clone() name=field.clone() lang=lang.code() value=current
                                    maxlength=maxlength.map(|m| m.to_string())
                                    aria-describedby=error.as_ref().map(|_| error_id.clone())/>
                            }.into_any()
                        }}
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}
