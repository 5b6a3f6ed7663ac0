//! The questionnaire as a respondent sees it, in one language: every question
//! type as real form controls (works with JavaScript off), display conditions
//! explained, glossary terms readable in place (`<details>`). Used by the
//! preview, and next by the response form.

use crate::domain::glossary::Term;
use crate::domain::lang::Lang;
use crate::domain::survey::{Question, QuestionKind, Survey};
use crate::i18n::I18n;
use leptos::prelude::*;
use leptos_meta::Title;

/// The respondent's form for `survey` in `lang` (all its texts and labels in that language).
#[component]
pub fn SurveyForm(survey: Survey, terms: Vec<Term>, lang: Lang) -> impl IntoView {
    let i18n = I18n::new(lang);
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
                        {s.questions.iter().map(|q| view! { <QuestionView q=q.clone() survey=survey.clone() terms=terms.clone() lang/> }).collect_view()}
                    </section>
                }).collect_view()}
                <button type="submit" disabled=true>{i18n.t("respond-submit")}</button>
            </form>
            {(!survey.closing.get(lang).is_empty()).then(|| view! { <p>{survey.closing.get(lang).to_string()}</p> })}
        </div>
    }
}

#[component]
fn QuestionView(q: Question, survey: Survey, terms: Vec<Term>, lang: Lang) -> impl IntoView {
    let i18n = I18n::new(lang);
    let name = q.id.clone();
    let help_id = format!("{name}-help");
    let prompt = q.prompt.get(lang).to_string();
    let help = q.help.get(lang).to_string();
    let has_help = !help.is_empty();
    let described = has_help.then(|| help_id.clone());
    let condition = q.condition.as_ref().and_then(|c| {
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
    };
    let choice_inputs = |kind: &'static str, options: &[crate::domain::survey::Choice]| {
        options
            .iter()
            .map(|o| {
                let id = format!("{name}-{}", o.id);
                view! {
                    <div class="choice">
                        <input type=kind id=id.clone() name=name.clone() value=o.id.clone()/>
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
                let id = format!("{name}-other");
                let text_id = format!("{name}-other-text");
                view! {
                    <div class="choice">
                        <input type="radio" id=id.clone() name=name.clone() value="_other"/>
                        <label for=id>{i18n.t("respond-other")}</label>
                    </div>
                    <label for=text_id.clone() class="visually-hidden">{i18n.t("respond-other")}</label>
                    <input type="text" id=text_id name=format!("{name}.other") maxlength="500"/>
                }
            })}
        }.into_any(),
        QuestionKind::MultipleChoice { options, max } => view! {
            {max.map(|m| view! { <p class="hint">{i18n.t_args("respond-max-choices", &[("max", (m as i64).into())])}</p> })}
            {choice_inputs("checkbox", options)}
        }.into_any(),
        QuestionKind::Scale { points } => view! { <div class="scale">{choice_inputs("radio", points)}</div> }.into_any(),
        QuestionKind::Matrix { rows, columns } => view! {
            <div class="matrix-wrap">
                <table class="matrix">
                    <thead><tr>
                        <td></td>
                        {columns.iter().map(|c| view! { <th scope="col">{c.label.get(lang).to_string()}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {rows.iter().map(|r| {
                            let row_name = format!("{name}.{}", r.id);
                            let row_label = r.label.get(lang).to_string();
                            view! {
                                <tr>
                                    <th scope="row">{row_label.clone()}</th>
                                    {columns.iter().map(|c| {
                                        let label = format!("{row_label}: {}", c.label.get(lang));
                                        view! { <td><input type="radio" name=row_name.clone() value=c.id.clone() aria-label=label/></td> }
                                    }).collect_view()}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }.into_any(),
        QuestionKind::Ranking { options, top } => view! {
            <p class="hint">{i18n.t_args("respond-ranking", &[("top", (*top as i64).into())])}</p>
            {(1..=*top).map(|rank| {
                let id = format!("{name}-rank-{rank}");
                view! {
                    <div class="field">
                        <label for=id.clone()>{i18n.t_args("respond-rank", &[("rank", (rank as i64).into())])}</label>
                        <select id=id name=format!("{name}.{rank}")>
                            <option value="">{i18n.t("field-choose")}</option>
                            {options.iter().map(|o| view! { <option value=o.id.clone()>{o.label.get(lang).to_string()}</option> }).collect_view()}
                        </select>
                    </div>
                }
            }).collect_view()}
        }.into_any(),
        QuestionKind::ShortText { max_length } => view! {
            <input type="text" id=name.clone() name=name.clone() maxlength=max_length.to_string() aria-describedby=described.clone()/>
        }.into_any(),
        QuestionKind::LongText { max_length } => view! {
            <textarea id=name.clone() name=name.clone() rows="6" maxlength=max_length.to_string() aria-describedby=described.clone()></textarea>
            <p class="hint">{i18n.t_args("respond-max-length", &[("max", (*max_length as i64).into())])}</p>
        }.into_any(),
        QuestionKind::Number { integer, min, max } => view! {
            <input type="number" id=name.clone() name=name.clone() inputmode=if *integer { "numeric" } else { "decimal" }
                step=if *integer { "1" } else { "any" } min=min.map(|m| m.to_string()) max=max.map(|m| m.to_string())
                aria-describedby=described.clone()/>
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
            <fieldset class="question" aria-describedby=described>
                <legend>{prompt}{required}</legend>
                {extras}
                {body}
            </fieldset>
        }
        .into_any()
    } else {
        view! {
            <div class="question field">
                <label for=name.clone()>{prompt}{required}</label>
                {extras}
                {body}
            </div>
        }
        .into_any()
    }
}
