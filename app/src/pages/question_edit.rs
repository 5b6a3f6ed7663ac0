//! Editing one question: its texts in three languages, its settings, its
//! answer choices, its display condition and its glossary terms.

use crate::components::error_view::ErrorView;
use crate::components::form::{ErrorSummary, TranslatedField, field_value, use_form};
use crate::domain::lang::Lang;
use crate::domain::survey::{Question, QuestionKind, Text};
use crate::error::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

/// An earlier question a condition may use: its id, prompt, and answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConditionTarget {
    pub id: String,
    pub prompt: String,
    /// (choice id, label).
    pub choices: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionEditView {
    pub consultation_id: String,
    pub locked: bool,
    pub question: Question,
    pub earlier: Vec<ConditionTarget>,
    /// Glossary terms: (key, term in the viewer's language).
    pub terms: Vec<(String, String)>,
}

#[server(endpoint = "load_question")]
pub async fn load_question(id: String, qid: String) -> Result<QuestionEditView, AppError> {
    use crate::domain::account::Access;
    use crate::ssr::services::{consultations, glossary};
    crate::auth::require(Access::Secretariat)?;
    let state = crate::ssr::state::app_state()?;
    let lang = use_i18n().lang;
    let c = consultations::get(&state.db, &id).await?;
    if !c.state.editable() {
        return Err(AppError::conflict("consultation-error-not-editable"));
    }
    let question = c.survey.question(&qid).cloned().ok_or(AppError::NotFound)?;
    let earlier = c
        .survey
        .questions()
        .take_while(|q| q.id != qid)
        .filter(|q| q.kind.is_conditionable())
        .map(|q| {
            let choices = q
                .kind
                .choice_lists()
                .into_iter()
                .flat_map(|(_, l)| {
                    l.iter()
                        .map(|c| (c.id.clone(), c.label.get(lang).to_string()))
                })
                .collect();
            ConditionTarget {
                id: q.id.clone(),
                prompt: q.prompt.get(lang).to_string(),
                choices,
            }
        })
        .collect();
    let terms = glossary::list(&state.db)
        .await?
        .into_iter()
        .map(|t| (t.key.clone(), t.term.get(lang).to_string()))
        .collect();
    Ok(QuestionEditView {
        locked: c.locked,
        consultation_id: c.id,
        question,
        earlier,
        terms,
    })
}

#[component]
pub fn QuestionEditPage() -> impl IntoView {
    let params = use_params_map();
    let key = params.with_untracked(|p| {
        (
            p.get("id").unwrap_or_default(),
            p.get("qid").unwrap_or_default(),
        )
    });
    let data = Resource::new_blocking(move || key.clone(), |(id, qid)| load_question(id, qid));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <QuestionForm v/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
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
            // Enter in a text field submits with the first button: make it "save".
            <button type="submit" class="visually-hidden" tabindex="-1" aria-hidden="true">{i18n.t("editor-save-question")}</button>
            <TranslatedField name="prompt" label=i18n.t("editor-prompt") value=q.prompt.clone() required=true multiline=true maxlength=2000/>
            <TranslatedField name="help" label=i18n.t("editor-help") value=q.help.clone() multiline=true maxlength=2000/>
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
                                {Lang::ALL.into_iter().map(|l| view! { <th scope="col">{i18n.t(&format!("lang-{}", l.code()))}</th> }).collect_view()}
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
                                                let label = format!("{} {} — {}", i18n.t(&format!("editor-list-{list}")), c.id, i18n.t(&format!("lang-{}", l.code())));
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

/// The question as the form describes it, from the one it replaces.
pub fn question_from_form(
    old: &Question,
    get: impl Fn(&str) -> String,
    all: impl Fn(&str) -> Vec<String>,
) -> Result<Question, crate::domain::validation::FieldErrors> {
    use crate::domain::survey::{Choice, Condition};
    let mut errors = crate::domain::validation::FieldErrors::default();
    let text = |name: &str| Text {
        en: get(&format!("{name}_en")).trim().to_string(),
        fr: get(&format!("{name}_fr")).trim().to_string(),
        es: get(&format!("{name}_es")).trim().to_string(),
    };
    let mut num = |name: &str, integer: bool| -> Option<f64> {
        let v = get(name);
        let v = v.trim();
        if v.is_empty() {
            return None;
        }
        match v.parse::<f64>() {
            Ok(n) if n.is_finite() && (!integer || n.fract() == 0.0) => Some(n),
            _ => {
                errors.push(
                    name,
                    if integer {
                        "editor-error-whole-number"
                    } else {
                        "editor-error-number"
                    },
                );
                None
            }
        }
    };
    let choices = |list: &str, old: &[Choice]| -> Vec<Choice> {
        let mut rows: Vec<Option<Choice>> = (0..old.len() + 1)
            .map(|i| {
                let id = get(&format!("{list}.{i}.id"));
                if id.is_empty() || get(&format!("{list}.{i}.delete")) == "1" {
                    return None;
                }
                let label = Text {
                    en: get(&format!("{list}.{i}.en")).trim().to_string(),
                    fr: get(&format!("{list}.{i}.fr")).trim().to_string(),
                    es: get(&format!("{list}.{i}.es")).trim().to_string(),
                };
                Some(Choice { id, label })
            })
            .collect();
        // "Move up" on line i swaps it with the line above.
        if let Some(i) = get("move")
            .strip_prefix(&format!("{list}."))
            .and_then(|i| i.parse::<usize>().ok())
            .filter(|i| (1..rows.len()).contains(i))
        {
            rows.swap(i, i - 1);
        }
        let mut out: Vec<Choice> = rows.into_iter().flatten().collect();
        if get("add") == list {
            let id = (1..)
                .map(|n| format!("c{n}"))
                .find(|id| out.iter().all(|c| &c.id != id))
                .expect("unbounded");
            out.push(Choice {
                id,
                label: Text::default(),
            });
        }
        out
    };
    let kind = match &old.kind {
        QuestionKind::SingleChoice { options, .. } => QuestionKind::SingleChoice {
            options: choices("options", options),
            other: get("other") == "1",
        },
        QuestionKind::MultipleChoice { options, .. } => QuestionKind::MultipleChoice {
            options: choices("options", options),
            max: num("max", true).map(|m| m.max(0.0) as u32),
        },
        QuestionKind::Scale { points } => QuestionKind::Scale {
            points: choices("points", points),
        },
        QuestionKind::Matrix { rows, columns } => QuestionKind::Matrix {
            rows: choices("rows", rows),
            columns: choices("columns", columns),
        },
        QuestionKind::Ranking { options, top } => QuestionKind::Ranking {
            options: choices("options", options),
            top: num("top", true).map(|m| m.max(0.0) as u32).unwrap_or(*top),
        },
        QuestionKind::ShortText { max_length } => QuestionKind::ShortText {
            max_length: num("max_length", true)
                .map(|m| m.max(0.0) as u32)
                .unwrap_or(*max_length),
        },
        QuestionKind::LongText { max_length } => QuestionKind::LongText {
            max_length: num("max_length", true)
                .map(|m| m.max(0.0) as u32)
                .unwrap_or(*max_length),
        },
        QuestionKind::Number { .. } => {
            let integer = get("integer") == "1";
            QuestionKind::Number {
                integer,
                min: num("min", integer),
                max: num("max_value", integer),
            }
        }
    };
    let cond_question = get("cond_question");
    let condition = (!cond_question.is_empty()).then(|| Condition {
        any_of: all("cond_any")
            .into_iter()
            .filter_map(|v| {
                v.split_once(':')
                    .filter(|(q, _)| *q == cond_question)
                    .map(|(_, c)| c.to_string())
            })
            .collect(),
        question: cond_question.clone(),
    });
    errors.into_result()?;
    Ok(Question {
        id: old.id.clone(),
        prompt: text("prompt"),
        help: text("help"),
        required: get("required") == "1",
        kind,
        condition,
        terms: all("terms"),
    })
}

#[cfg(feature = "ssr")]
pub mod handler {
    use super::question_from_form;
    use crate::components::form::FormState;
    use crate::domain::account::Access;
    use crate::domain::survey::editor::EditError;
    use crate::ssr::forms::read_form_as;
    use crate::ssr::render::{redirect, render};
    use crate::ssr::services::consultations;
    use crate::ssr::state::AppState;
    use axum::body::Body;
    use axum::extract::{Path, State};
    use axum::http::{Request, StatusCode};
    use axum::response::Response;

    pub async fn save(
        State(state): State<AppState>,
        Path((id, qid)): Path<(String, String)>,
        req: Request<Body>,
    ) -> Response {
        let (parts, form, user) = match read_form_as(&state, req, Access::Secretariat).await {
            Ok(x) => x,
            Err(page) => return page,
        };
        // Adding or moving a line keeps the editor on this question.
        let adding = !form.get("add").is_empty() || !form.get("move").is_empty();
        let mut field_errors = None;
        let result = consultations::edit(&state.db, &user.email, &id, "question.edit", |s| {
            let old = s.question(&qid).cloned().ok_or(EditError::NotFound)?;
            match question_from_form(&old, |n| form.get(n).to_string(), |n| form.all(n)) {
                Ok(q) => {
                    *s.question_mut(&qid).expect("found above") = q;
                    Ok(())
                }
                Err(e) => {
                    field_errors = Some(e);
                    Err(EditError::Invalid(vec![]))
                }
            }
        })
        .await;
        match (result, field_errors) {
            (_, Some(errors)) => {
                let st = FormState {
                    values: form.values_except(&[]),
                    errors,
                    ..Default::default()
                };
                render(&state, parts, Some(st), StatusCode::UNPROCESSABLE_ENTITY).await
            }
            (Ok(_), None) if adding => redirect(&format!(
                "/consultations/{id}/questions/{qid}?notice=notice-saved"
            )),
            (Ok(_), None) => redirect(&format!(
                "/consultations/{id}?notice=notice-saved#structure-heading"
            )),
            (Err(e), None) => {
                let mut parts = parts;
                parts.uri = format!("/consultations/{id}/questions/{qid}")
                    .parse()
                    .expect("ids are URL-safe");
                crate::pages::consultation::handler::edit_refused_here(&state, parts, &form, e)
                    .await
            }
        }
    }
}
