//! Editing one question: its texts in three languages, its settings, its
//! answer choices, its display condition and its glossary terms.

use super::with_page_data;
use crate::components::form::{ErrorSummary, TranslatedField, field_value, use_form};
use crate::domain::lang::Lang;
use crate::domain::survey::{PROMPT_MAX, Question, QuestionKind};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

/// An earlier question a condition may use: its id, prompt, and answers.
#[derive(Debug, Clone, PartialEq)]
pub struct ConditionTarget {
    pub id: String,
    pub prompt: String,
    /// (choice id, label).
    pub choices: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuestionEditView {
    pub consultation_id: String,
    /// The consultation's version, which the form names.
    pub version: i32,
    pub locked: bool,
    pub question: Question,
    pub earlier: Vec<ConditionTarget>,
    /// Glossary terms: (key, term in the viewer's language).
    pub terms: Vec<(String, String)>,
}

#[component]
pub fn QuestionEditPage() -> impl IntoView {
    with_page_data(|v: QuestionEditView| view! { <QuestionForm v/> })
}

fn number_field(name: &'static str, label: String, value: String) -> impl IntoView {
    let error = use_form().error_id(name).map(|id| use_i18n().t(&id));
    let error_id = format!("{name}-error");
    view! {
        <div class="field" class:field-invalid=error.is_some()>
            <label for=name>{label}</label>
            {error.clone().map(|e| view! { <p class="field-error" id=error_id.clone()>{e}</p> })}
            <input type="number" step="any" id=name name=name value=field_value(name, value)
                aria-describedby=error.as_ref().map(|_| error_id.clone())/>
        </div>
    }
}

fn checkbox(name: &'static str, label: String, checked: bool) -> impl IntoView {
    let form = use_form();
    let checked = if form.values.is_empty() {
        checked
    } else {
        form.value(name).is_some()
    };
    view! {
        <div class="choice">
            <input type="checkbox" id=name name=name value="1" checked=checked/>
            <label for=name>{label}</label>
        </div>
    }
}

#[component]
fn QuestionForm(v: QuestionEditView) -> impl IntoView {
    let i18n = use_i18n();
    let q = v.question.clone();
    let base = format!("/consultations/{}", v.consultation_id);
    let action = format!("{base}/questions/{}", q.id);
    let title = i18n.t_args("editor-edit-question", &[("name", q.id.as_str().into())]);
    let locked = v.locked;
    let settings = match &q.kind {
        QuestionKind::SingleChoice { other, .. } => checkbox("other", i18n.t("editor-other"), *other).into_any(),
        QuestionKind::MultipleChoice { max, .. } => number_field("max", i18n.t("editor-max-choices"), max.map(|m| m.to_string()).unwrap_or_default()).into_any(),
        QuestionKind::Ranking { top, .. } => number_field("top", i18n.t("editor-ranking-top"), top.to_string()).into_any(),
        QuestionKind::ShortText { max_length } | QuestionKind::LongText { max_length } => {
            number_field("max_length", i18n.t("editor-max-length"), max_length.to_string()).into_any()
        }
        QuestionKind::Number { integer, min, max } => view! {
            {checkbox("integer", i18n.t("editor-integer"), *integer)}
            {number_field("min", i18n.t("editor-min"), min.map(|m| m.to_string()).unwrap_or_default())}
            {number_field("max_value", i18n.t("editor-max"), max.map(|m| m.to_string()).unwrap_or_default())}
        }.into_any(),
        _ => ().into_any(),
    };
    let lists: Vec<(&'static str, Vec<crate::domain::survey::Choice>)> = q
        .kind
        .choice_lists()
        .into_iter()
        .map(|(n, l)| (n, l.clone()))
        .collect();
    let cond_q = q
        .condition
        .as_ref()
        .map(|c| c.question.clone())
        .unwrap_or_default();
    let cond_any: Vec<String> = q
        .condition
        .as_ref()
        .map(|c| c.any_of.clone())
        .unwrap_or_default();
    view! {
        <Title text=title.clone()/>
        <p><a href=base.clone()>{i18n.t("editor-back-to-consultation")}</a></p>
        <h1>{title}</h1>
        <p class="meta">{i18n.t(q.kind.tag().message_id())}</p>
        {locked.then(|| view! { <p class="notice-locked" role="note">{i18n.t("editor-locked-explained")}</p> })}
        <ErrorSummary fields=vec![("max", i18n.t("editor-max-choices")), ("top", i18n.t("editor-ranking-top")), ("max_length", i18n.t("editor-max-length")), ("min", i18n.t("editor-min")), ("max_value", i18n.t("editor-max"))]/>
        <form method="post" action=action class="stack">
            <input type="hidden" name="version" value=v.version/>
            // Enter in a text field submits with the first button: make it "save".
            <button type="submit" class="visually-hidden" tabindex="-1" aria-hidden="true">{i18n.t("editor-save-question")}</button>
            <TranslatedField name="prompt" label=i18n.t("editor-prompt") value=q.prompt.clone() required=true multiline=true maxlength=PROMPT_MAX/>
            <TranslatedField name="help" label=i18n.t("editor-help") value=q.help.clone() multiline=true maxlength=PROMPT_MAX/>
            <fieldset>
                <legend>{i18n.t("editor-settings")}</legend>
                {checkbox("required", i18n.t("editor-required"), q.required)}
                {settings}
            </fieldset>
            {lists.into_iter().map(|(list, choices)| {
                let legend = i18n.t(&format!("editor-list-{list}"));
                view! {
                    <fieldset class="choices">
                        <legend>{legend}</legend>
                        <table>
                            <thead><tr>
                                <th scope="col">{i18n.t("editor-choice-id")}</th>
                                {Lang::ALL.into_iter().map(|l| view! { <th scope="col">{i18n.t(l.message_id())}</th> }).collect_view()}
                                <th scope="col">{(!locked).then(|| i18n.t("editor-delete"))}</th>
                            </tr></thead>
                            <tbody>
                                {choices.into_iter().enumerate().map(|(i, c)| {
                                    let f = move |part: &str| format!("{list}.{i}.{part}");
                                    view! {
                                        <tr>
                                            <td><code>{c.id.clone()}</code><input type="hidden" name=f("id") value=c.id.clone()/></td>
                                            {Lang::ALL.into_iter().map(|l| {
                                                let name = f(l.code());
                                                let label = format!("{} {} — {}", i18n.t(&format!("editor-list-{list}")), c.id, i18n.t(l.message_id()));
                                                view! { <td><input type="text" name=name.clone() aria-label=label lang=l.code() value=field_value(&name, c.label.get(l).to_string()) maxlength="500"/></td> }
                                            }).collect_view()}
                                            <td>{(!locked).then(|| {
                                                let label = format!("{} {}", i18n.t("editor-delete"), c.id);
                                                let up = format!("{}: {}", i18n.t("editor-move-up"), c.id);
                                                view! {
                                                    <input type="checkbox" name=f("delete") value="1" aria-label=label/>
                                                    {(i > 0).then(|| view! {
                                                        " "
                                                        <button type="submit" name="move" value=format!("{list}.{i}") class="small secondary" aria-label=up>"↑"</button>
                                                    })}
                                                }
                                            })}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        {(!locked).then(|| view! { <button type="submit" name="add" value=list class="small secondary">{i18n.t("editor-add-choice")}</button> })}
                    </fieldset>
                }
            }).collect_view()}
            <fieldset>
                <legend>{i18n.t("editor-condition")}</legend>
                <p class="hint">{i18n.t("editor-condition-hint")}</p>
                <div class="field">
                    <label for="cond_question">{i18n.t("editor-condition-question")}</label>
                    <select id="cond_question" name="cond_question" disabled=locked>
                        <option value="">{i18n.t("editor-condition-none")}</option>
                        {v.earlier.iter().map(|ConditionTarget { id, prompt, .. }| view! {
                            <option value=id.clone() selected=*id == cond_q>{format!("{id} — {prompt}")}</option>
                        }).collect_view()}
                    </select>
                </div>
                {v.earlier.iter().map(|ConditionTarget { id, prompt, choices }| view! {
                    <fieldset class="condition-answers">
                        <legend>{i18n.t_args("editor-condition-answers", &[("question", format!("{id} — {prompt}").into())])}</legend>
                        {choices.iter().map(|(cid, label)| {
                            let value = format!("{id}:{cid}");
                            let field_id = format!("cond-{id}-{cid}");
                            let checked = *id == cond_q && cond_any.contains(cid);
                            view! {
                                <div class="choice">
                                    <input type="checkbox" id=field_id.clone() name="cond_any" value=value checked=checked disabled=locked/>
                                    <label for=field_id>{label.clone()}</label>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                }).collect_view()}
            </fieldset>
            <fieldset>
                <legend>{i18n.t("editor-terms")}</legend>
                <p class="hint">{i18n.t("editor-terms-hint")}</p>
                {v.terms.iter().map(|(key, term)| {
                    let field_id = format!("term-{key}");
                    view! {
                        <div class="choice">
                            <input type="checkbox" id=field_id.clone() name="terms" value=key.clone() checked=q.terms.contains(key)/>
                            <label for=field_id>{term.clone()}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <button type="submit">{i18n.t("editor-save-question")}</button>
        </form>
    }
}

#[cfg(feature = "ssr")]
pub mod handler {
    use super::{ConditionTarget, QuestionEditView};
    use crate::components::form::FormState;
    use crate::domain::ids::{ConsultationId, ItemId};
    use crate::domain::survey::PROMPT_MAX;
    use crate::domain::survey::editor::EditError;
    use crate::domain::survey::question_form::question_from_form;
    use crate::error::AppError;
    use crate::i18n::I18n;
    use crate::pages::consultation::handler::refused_at;
    use crate::ssr::extract::{Caller, Ids};
    use crate::ssr::forms::StaffForm;
    use crate::ssr::reply::{again_at, redirect, with_data};
    use crate::ssr::services::audit::Action;
    use crate::ssr::services::{consultations, glossary};
    use crate::ssr::state::AppState;
    use axum::extract::State;
    use axum::http::StatusCode;
    use axum::response::Response;

    /// Question `qid` of consultation `id`, while the consultation is
    /// editable, with the earlier questions a condition may use and the glossary.
    pub async fn load(
        state: &AppState,
        i18n: I18n,
        id: &ConsultationId,
        qid: &ItemId,
    ) -> Result<QuestionEditView, AppError> {
        let lang = i18n.lang;
        let qid = qid.as_str();
        let c = consultations::get(&state.db, id).await?;
        if !c.state.editable() {
            return Err(AppError::conflict("consultation-error-not-editable"));
        }
        let question = c.survey.question(qid).cloned().ok_or(AppError::NotFound)?;
        // The donor/recipient status declared in the profile comes first.
        let profile = ConditionTarget {
            id: crate::domain::survey::answers::PROFILE_SUPPORT.into(),
            prompt: i18n.t("response-profile-support"),
            choices: crate::domain::response::Support::ALL
                .into_iter()
                .map(|s| (s.code().to_string(), i18n.t(s.message_id())))
                .collect(),
        };
        let earlier = std::iter::once(profile)
            .chain(
                c.survey
                    .questions()
                    .take_while(|q| q.id != qid)
                    .filter(|q| q.kind.is_conditionable())
                    .map(|q| {
                        let choices = q
                            .kind
                            .choice_lists()
                            .into_iter()
                            .flat_map(|(_, l)| {
                                l.iter().map(|c| {
                                    // A choice without text yet is named by its id.
                                    let label = c.label.get(lang).trim();
                                    let label = if label.is_empty() {
                                        c.id.as_str()
                                    } else {
                                        label
                                    };
                                    (c.id.clone(), label.to_string())
                                })
                            })
                            .collect();
                        let prompt = q.prompt.get(lang).trim();
                        ConditionTarget {
                            id: q.id.clone(),
                            prompt: if prompt.is_empty() {
                                q.id.clone()
                            } else {
                                prompt.to_string()
                            },
                            choices,
                        }
                    }),
            )
            .collect();
        let terms = glossary::list(&state.db)
            .await?
            .into_iter()
            .map(|t| (t.key.clone(), t.term.get(lang).to_string()))
            .collect();
        Ok(QuestionEditView {
            locked: c.locked,
            version: c.version,
            consultation_id: c.id.to_string(),
            question,
            earlier,
            terms,
        })
    }

    /// `GET /consultations/{id}/questions/{qid}`.
    pub async fn show(
        State(state): State<AppState>,
        Caller { i18n, .. }: Caller,
        Ids((id, qid)): Ids<(ConsultationId, ItemId)>,
    ) -> Result<Response, AppError> {
        let data = load(&state, i18n, &id, &qid).await?;
        Ok(with_data(None, data, StatusCode::OK))
    }

    pub async fn save(
        State(state): State<AppState>,
        Ids((id, qid)): Ids<(ConsultationId, ItemId)>,
        StaffForm { parts, form, user }: StaffForm,
    ) -> Result<Response, AppError> {
        let version = form.version()?;
        // Every text of the form must be there: a missing field is an error, not a blank.
        form.text("prompt", PROMPT_MAX)?;
        form.text("help", PROMPT_MAX)?;
        let here = format!("{}/questions/{qid}", id.path());
        let mut incomplete = false;
        // Adding or moving a line keeps the editor on this question.
        let adding = !form.get("add")?.is_empty() || !form.get("move")?.is_empty();
        let mut field_errors = None;
        let mut repeated = None;
        let result =
            consultations::edit(&state.db, &user, &id, version, Action::QuestionEdit, |s| {
                let slot = s.question_mut(qid.as_str()).ok_or(EditError::NotFound)?;
                // Each answer-choice line the page showed must come back.
                let lines_missing = slot.kind.choice_lists().iter().any(|(list, choices)| {
                    (0..choices.len()).any(|i| {
                        form.value(&format!("{list}.{i}.id"))
                            .is_ok_and(|v| v.is_none())
                    })
                });
                if lines_missing {
                    incomplete = true;
                    return Err(EditError::Invalid(vec![]));
                }
                // A single-valued field sent twice: nothing is written (400).
                let first_repeat = std::cell::OnceCell::new();
                let get = |n: &str| match form.get(n) {
                    Ok(v) => v.to_string(),
                    Err(e) => {
                        first_repeat.get_or_init(|| e);
                        String::new()
                    }
                };
                let read = question_from_form(slot, get, |n| form.all(n));
                if let Some(e) = first_repeat.into_inner() {
                    repeated = Some(e);
                    return Err(EditError::Invalid(vec![]));
                }
                match read {
                    Ok(q) => {
                        *slot = q;
                        Ok(())
                    }
                    Err(e) => {
                        field_errors = Some(e);
                        Err(EditError::Invalid(vec![]))
                    }
                }
            })
            .await;
        if let Some(e) = repeated {
            return Err(e);
        }
        if incomplete {
            return Err(AppError::bad_request("answer-choice lines missing"));
        }
        match (result, field_errors) {
            (_, Some(errors)) => {
                let st = FormState::invalid(form.values_except(&["version"]), errors);
                Ok(again_at(&here, st, StatusCode::UNPROCESSABLE_ENTITY))
            }
            (Ok(_), None) if adding => Ok(redirect(&format!("{here}?notice=notice-saved"))),
            (Ok(_), None) => Ok(redirect(&format!(
                "{}?notice=notice-saved#structure-heading",
                id.path()
            ))),
            (Err(e), None) => refused_at(crate::ssr::forms::lang_of(&parts), &here, &form, e),
        }
    }
}
