//! The questionnaire as a respondent sees it, in one language: every question
//! type as real form controls (works with JavaScript off), display conditions
//! explained, glossary terms readable in place (`<details>`), each control
//! showing the answer given so far and its error, tied to it for screen
//! readers. Used by the preview, the printable questionnaire and the
//! response form.

use crate::domain::glossary::Term;
use crate::domain::lang::Lang;
use crate::domain::response::Support;
use crate::domain::survey::answers::{
    Answer, OTHER, OTHER_MAX, PROFILE_SUPPORT, TypedRule, anchor, field,
};
use crate::domain::survey::{Choice, Question, QuestionKind, Survey};
use crate::i18n::I18n;
use crate::islands::answer_input::AnswerInput;
use leptos::prelude::*;
use leptos_meta::Title;
use std::sync::Arc;

/// The whole questionnaire for `survey` in `lang`, blank and not submittable
/// (the Secretariat's preview; the respondent's printable copy).
#[component]
pub fn SurveyForm(survey: Survey, terms: Vec<Term>, lang: Lang) -> impl IntoView {
    let i18n = I18n::new(lang);
    let survey = Arc::new(survey);
    let title = survey.title.get(lang).to_string();
    view! {
        <Title text=title.clone()/>
        <div class="survey" lang=lang.code()>
            <h1>{title}</h1>
            {(!survey.introduction.get(lang).is_empty()).then(|| view! { <p class="lead">{survey.introduction.get(lang).to_string()}</p> })}
            <p class="hint">{i18n.t("respond-required-note")}</p>
            <form method="post" action="#" class="stack">
                {survey.sections.iter().map(|s| view! {
                    <section class="survey-section">
                        <h2>{s.title.get(lang).to_string()}</h2>
                        {(!s.introduction.get(lang).is_empty()).then(|| view! { <p>{s.introduction.get(lang).to_string()}</p> })}
                        {s.questions.iter().map(|q| view! {
                            <QuestionView q=q.clone() survey=survey.clone() terms=terms.clone() lang answer=None error=None/>
                        }).collect_view()}
                    </section>
                }).collect_view()}
                <button type="submit" disabled=true>{i18n.t("respond-submit")}</button>
            </form>
            {(!survey.closing.get(lang).is_empty()).then(|| view! { <p>{survey.closing.get(lang).to_string()}</p> })}
        </div>
    }
}

/// One question's controls, with `answer` filled in and `error` (translated) shown.
#[component]
pub fn QuestionView(
    q: Question,
    survey: Arc<Survey>,
    terms: Vec<Term>,
    lang: Lang,
    answer: Option<Answer>,
    error: Option<String>,
) -> impl IntoView {
    let i18n = I18n::new(lang);
    let name = field(&q.id);
    let anchor_id = anchor(&q.id);
    let help_id = format!("{anchor_id}-help");
    let error_id = format!("{anchor_id}-error");
    let prompt = q.prompt.get(lang).to_string();
    let help = q.help.get(lang).to_string();
    let has_help = !help.is_empty();
    let described = [
        has_help.then(|| help_id.clone()),
        error.as_ref().map(|_| error_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let described = (!described.is_empty()).then_some(described);
    let condition = q.condition.as_ref().and_then(|c| {
        if c.question == PROFILE_SUPPORT {
            let answers: Vec<String> = Support::ALL
                .into_iter()
                .filter(|s| c.any_of.iter().any(|a| a == s.code()))
                .map(|s| i18n.t(s.message_id()))
                .collect();
            return Some(i18n.t_args(
                "respond-condition",
                &[
                    ("question", i18n.t("response-profile-support").into()),
                    ("answers", answers.join(" / ").into()),
                ],
            ));
        }
        let target = survey.question(&c.question)?;
        let answers: Vec<String> = target
            .kind
            .choice_lists()
            .into_iter()
            .flat_map(|(_, l)| l.iter())
            .filter(|ch| c.any_of.contains(&ch.id))
            .map(|ch| ch.label.get(lang).to_string())
            .collect();
        Some(i18n.t_args(
            "respond-condition",
            &[
                ("question", target.prompt.get(lang).into()),
                ("answers", answers.join(" / ").into()),
            ],
        ))
    });
    let text_value = match &answer {
        Some(Answer::Text(t)) | Some(Answer::Number(t)) => t.clone(),
        _ => String::new(),
    };
    let typed = matches!(
        q.kind,
        QuestionKind::ShortText { .. }
            | QuestionKind::LongText { .. }
            | QuestionKind::Number { .. }
    );
    let island = |kind: QuestionKind| {
        let multiline = matches!(kind, QuestionKind::LongText { .. });
        // Only text and number questions come here.
        let rule = TypedRule::of(&kind).unwrap_or(TypedRule::Text {
            max_length: crate::domain::survey::validate::LONG_TEXT_MAX,
        });
        let messages: Vec<(String, String)> = [
            "response-error-too-long",
            "response-error-control",
            "response-error-number",
            "response-error-number-size",
            "response-error-integer",
            "response-error-range",
        ]
        .into_iter()
        .map(|id| (id.to_string(), i18n.t(id)))
        .collect();
        view! {
            <AnswerInput
                rule
                multiline
                id=anchor_id.clone()
                name=name.clone()
                value=text_value.clone()
                error=error.clone()
                messages
                help=has_help.then(|| help_id.clone())
            />
        }
    };
    let glossary: Vec<Term> = terms
        .into_iter()
        .filter(|t| q.terms.contains(&t.key))
        .collect();
    let required = q
        .required
        .then(|| view! { " " <span class="required">{i18n.t("respond-required")}</span> });
    let extras = view! {
        {condition.map(|c| view! { <p class="condition">{c}</p> })}
        {has_help.then(|| view! { <p class="hint" id=help_id.clone()>{help.clone()}</p> })}
        {(!glossary.is_empty()).then(|| view! {
            <div class="glossary-terms">
                {glossary.into_iter().map(|t| view! {
                    <details>
                        <summary>{t.term.get(lang).to_string()}</summary>
                        <p>{t.definition.get(lang).to_string()}</p>
                    </details>
                }).collect_view()}
            </div>
        })}
        // Text and number answers show their error from their island.
        {error.clone().filter(|_| !typed).map(|e| view! { <p class="field-error" id=error_id.clone()>{e}</p> })}
    };
    let chosen = |id: &str| match &answer {
        Some(Answer::Choice(c)) => c == id,
        Some(Answer::Choices(l)) => l.iter().any(|c| c == id),
        Some(Answer::Other(_)) => id == OTHER,
        _ => false,
    };
    let choice_inputs = |kind: &'static str, options: &[Choice]| {
        options
            .iter()
            .map(|o| {
                let id = format!("{anchor_id}-{}", o.id);
                view! {
                    <div class="choice">
                        <input type=kind id=id.clone() name=name.clone() value=o.id.clone() checked=chosen(&o.id)/>
                        <label for=id>{o.label.get(lang).to_string()}</label>
                    </div>
                }
            })
            .collect_view()
    };
    let body = match &q.kind {
        QuestionKind::SingleChoice { options, other } => view! {
            {choice_inputs("radio", options)}
            {other.then(|| {
                let id = format!("{anchor_id}-other");
                let text_id = format!("{anchor_id}-other-text");
                let other_text = match &answer { Some(Answer::Other(t)) => t.clone(), _ => String::new() };
                view! {
                    <div class="choice">
                        <input type="radio" id=id.clone() name=name.clone() value=OTHER checked=chosen(OTHER)/>
                        <label for=id>{i18n.t("respond-other")}</label>
                    </div>
                    <div class="field indent">
                        <label for=text_id.clone()>{i18n.t("respond-other-text")}</label>
                        <input type="text" id=text_id name=format!("{name}.other") maxlength=OTHER_MAX.to_string() value=other_text/>
                    </div>
                }
            })}
        }.into_any(),
        QuestionKind::MultipleChoice { options, max } => view! {
            {max.map(|m| view! { <p class="hint">{i18n.t_args("respond-max-choices", &[("max", (m as i64).into())])}</p> })}
            {choice_inputs("checkbox", options)}
        }.into_any(),
        QuestionKind::Scale { points } => view! { <div class="scale">{choice_inputs("radio", points)}</div> }.into_any(),
        QuestionKind::Matrix { rows, columns } => {
            let given = match &answer { Some(Answer::Matrix(m)) => m.clone(), _ => Default::default() };
            view! {
                {rows.iter().map(|r| {
                    let row_name = format!("{name}.{}", r.id);
                    let row_id = format!("{anchor_id}-{}", r.id);
                    view! {
                        <fieldset class="matrix-row">
                            <legend>{r.label.get(lang).to_string()}</legend>
                            <div class="scale">
                                {columns.iter().map(|c| {
                                    let id = format!("{row_id}-{}", c.id);
                                    let checked = given.get(&r.id) == Some(&c.id);
                                    view! {
                                        <div class="choice">
                                            <input type="radio" id=id.clone() name=row_name.clone() value=c.id.clone() checked=checked/>
                                            <label for=id>{c.label.get(lang).to_string()}</label>
                                        </div>
                                    }
                                }).collect_view()}
                            </div>
                        </fieldset>
                    }
                }).collect_view()}
            }.into_any()
        }
        QuestionKind::Ranking { options, top } => {
            let given = match &answer { Some(Answer::Ranking(r)) => r.clone(), _ => vec![] };
            view! {
                <p class="hint">{i18n.t_args("respond-ranking", &[("top", (*top as i64).into())])}</p>
                {(1..=*top).map(|rank| {
                    let id = format!("{anchor_id}-rank-{rank}");
                    let at = given.get(rank as usize - 1).cloned().unwrap_or_default();
                    view! {
                        <div class="field">
                            <label for=id.clone()>{i18n.t_args("respond-rank", &[("rank", (rank as i64).into())])}</label>
                            <select id=id name=format!("{name}.{rank}")>
                                <option value="">{i18n.t("field-choose")}</option>
                                {options.iter().map(|o| view! { <option value=o.id.clone() selected=at == o.id>{o.label.get(lang).to_string()}</option> }).collect_view()}
                            </select>
                        </div>
                    }
                }).collect_view()}
            }.into_any()
        }
        QuestionKind::ShortText { .. } => island(q.kind.clone()).into_any(),
        QuestionKind::LongText { max_length } => view! {
            {island(q.kind.clone())}
            <p class="hint">{i18n.t_args("respond-max-length", &[("max", (*max_length as i64).into())])}</p>
        }.into_any(),
        QuestionKind::Number { min, max, .. } => view! {
            {island(q.kind.clone())}
            {(min.is_some() || max.is_some()).then(|| view! {
                <p class="hint">{i18n.t_args("respond-number-range", &[
                    ("min", min.map(|m| m.to_string()).unwrap_or_else(|| "—".into()).into()),
                    ("max", max.map(|m| m.to_string()).unwrap_or_else(|| "—".into()).into()),
                ])}</p>
            })}
        }.into_any(),
    };
    let grouped = matches!(
        q.kind,
        QuestionKind::SingleChoice { .. }
            | QuestionKind::MultipleChoice { .. }
            | QuestionKind::Scale { .. }
            | QuestionKind::Matrix { .. }
            | QuestionKind::Ranking { .. }
    );
    if grouped {
        view! {
            <fieldset class="question" id=anchor_id.clone() tabindex="-1" aria-describedby=described>
                <legend>{prompt}{required}</legend>
                {extras}
                {body}
            </fieldset>
        }
        .into_any()
    } else {
        view! {
            <div class="question field">
                <label for=anchor_id.clone()>{prompt}{required}</label>
                {extras}
                {body}
            </div>
        }
        .into_any()
    }
}
