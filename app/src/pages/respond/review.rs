//! `/respond/review`: every answer, what is missing, and the submit button;
//! `/respond/copy`: the same as a printable copy of what was submitted;
//! `/respond/print`: the blank questionnaire, to prepare answers offline.

use super::{RespondData, Step};
use crate::components::survey_form::SurveyForm;
use crate::domain::lang::Lang;
use crate::domain::response::Stage;
use crate::domain::survey::answers::{self, Answer, anchor};
use crate::domain::survey::{Question, QuestionKind, Survey};
use crate::i18n::{I18n, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;

/// An answer as text in `lang`, with the survey's labels.
pub fn answer_text(q: &Question, a: &Answer, lang: Lang) -> String {
    let label = |id: &str| {
        q.kind
            .choice_lists()
            .into_iter()
            .flat_map(|(_, l)| l.iter())
            .find(|c| c.id == id)
            .map(|c| c.label.get(lang).to_string())
            .unwrap_or_else(|| id.to_string())
    };
    match (a, &q.kind) {
        (Answer::Choice(id), _) => label(id),
        (Answer::Other(t), _) => format!("{}: {t}", I18n::new(lang).t("respond-other")),
        (Answer::Choices(ids), _) => ids.iter().map(|i| label(i)).collect::<Vec<_>>().join("; "),
        (Answer::Matrix(m), QuestionKind::Matrix { rows, columns }) => rows
            .iter()
            .filter_map(|r| {
                let col = m.get(&r.id)?;
                let c = columns.iter().find(|c| c.id == *col)?;
                Some(format!("{}: {}", r.label.get(lang), c.label.get(lang)))
            })
            .collect::<Vec<_>>()
            .join("\n"),
        (Answer::Ranking(r), _) => r
            .iter()
            .enumerate()
            .filter(|(_, id)| !id.is_empty())
            .map(|(i, id)| format!("{}. {}", i + 1, label(id)))
            .collect::<Vec<_>>()
            .join("\n"),
        (Answer::Text(t), _) | (Answer::Number(t), _) => t.clone(),
        (Answer::Matrix(_), _) => String::new(),
    }
}

#[component]
pub fn Review(d: RespondData) -> impl IntoView {
    let i18n = use_i18n();
    let lang = d.lang;
    let copy = d.step == Step::Copy;
    let survey = d.survey.clone();
    let consultation = survey.title.get(lang).to_string();
    let heading = i18n.t(if copy {
        "response-copy-title"
    } else {
        "response-review-title"
    });
    // On review, what would stop a submission, found by the same check the
    // server runs when it is submitted.
    let evaluated = answers::with_profile(&d.answers, d.support);
    let problems = if copy {
        vec![]
    } else if d.errors.is_empty() {
        answers::check(&survey, &evaluated, answers::Scope::Submit)
    } else {
        d.errors.clone()
    };
    // Only a Party's respondent declares a status.
    let asks_support = d.asks_support();
    let no_support = !copy && asks_support && d.support.is_none();
    let message = d.message.clone().map(|m| i18n.t(&m));
    let submitted = d.stage == Some(Stage::Submitted);
    let section_of = |qid: &str| {
        survey
            .sections
            .iter()
            .find(|s| s.questions.iter().any(|q| q.id == qid))
            .map(|s| format!("/respond/section/{}#{}", s.id, anchor(qid)))
            .unwrap_or_default()
    };
    let problem_items: Vec<(String, String)> = problems
        .iter()
        .map(|e| {
            let prompt = survey
                .question(&e.question)
                .map(|q| q.prompt.get(lang).to_string())
                .unwrap_or_default();
            (
                section_of(&e.question),
                format!("{prompt}: {}", i18n.t(&e.message_id)),
            )
        })
        .collect();
    let can_submit = !copy && problem_items.is_empty() && !no_support && d.version.is_some();
    let support = d
        .support
        .map(|s| i18n.t(s.message_id()))
        .unwrap_or_else(|| i18n.t("response-not-answered"));
    let sections = survey
        .sections
        .iter()
        .map(|s| {
            let items = s
                .questions
                .iter()
                .filter(|q| answers::applies(&survey, &evaluated, q))
                .map(|q| {
                    let text = d
                        .answers
                        .get(&q.id)
                        .map(|a| answer_text(q, a, lang))
                        .filter(|t| !t.is_empty())
                        .unwrap_or_else(|| i18n.t("response-not-answered"));
                    view! {
                        <dt>{q.prompt.get(lang).to_string()}</dt>
                        <dd>{text}</dd>
                    }
                })
                .collect_view();
            let edit = (!copy && !submitted).then(|| {
                view! {
                    <p><a href=format!("/respond/section/{}", s.id)>
                        {i18n.t("response-change")}
                        <span class="visually-hidden">{format!(": {}", s.title.get(lang))}</span>
                    </a></p>
                }
            });
            view! {
                <section class="survey-section">
                    <h2>{s.title.get(lang).to_string()}</h2>
                    <dl class="answers">{items}</dl>
                    {edit}
                </section>
            }
        })
        .collect_view();
    view! {
        <Title text=format!("{heading} · {consultation}")/>
        <p class="meta">{consultation.clone()}</p>
        <h1>{heading}</h1>
        {copy.then(|| view! { <p class="hint">{i18n.t("response-copy-hint")}</p> })}
        {(message.is_some() || !problem_items.is_empty() || no_support).then(|| view! {
            <div class="error-summary" role="alert" tabindex="-1" id="error-summary">
                <h2>{i18n.t("response-review-problems")}</h2>
                {message.map(|m| view! { <p>{m}</p> })}
                <ul>
                    {no_support.then(|| view! {
                        <li><a href="/respond/profile#q-support">{format!("{}: {}", i18n.t("response-profile-support"), i18n.t("response-error-required"))}</a></li>
                    })}
                    {problem_items.into_iter().map(|(href, text)| view! { <li><a href=href>{text}</a></li> }).collect_view()}
                </ul>
            </div>
        })}
        <section class="survey-section">
            <h2>{i18n.t(d.profile_title())}</h2>
            <dl class="answers">
                {(!asks_support).then(|| view! {
                    <dt>{i18n.t("constituency-label")}</dt><dd>{i18n.t(d.constituency.message_id())}</dd>
                })}
                <dt>{i18n.t("field-region")}</dt><dd>{d.region_name.clone()}</dd>
                {asks_support.then(|| view! {
                    <dt>{i18n.t("response-profile-support")}</dt><dd>{support}</dd>
                })}
            </dl>
            {(!copy && !submitted).then(|| view! { <p><a href="/respond/profile">{i18n.t("response-change")}<span class="visually-hidden">{format!(": {}", i18n.t(d.profile_title()))}</span></a></p> })}
        </section>
        {sections}
        {(!copy).then(|| view! {
            <form method="post" action="/respond/submit" class="stack">
                <input type="hidden" name="version" value=d.version.map(|v| v.to_string()).unwrap_or_default()/>
                <p>{i18n.t(if d.allow_changes { "response-submit-changes-allowed" } else { "response-submit-final" })}</p>
                <div class="form-actions">
                    {can_submit.then(|| view! { <button type="submit">{i18n.t("respond-submit")}</button> })}
                    <a class="button secondary" href="/respond">{i18n.t("response-save-later")}</a>
                </div>
            </form>
        })}
    }
}

/// The blank questionnaire in the respondent's language, for printing.
#[component]
pub fn Print(d: RespondData) -> impl IntoView {
    let i18n = use_i18n();
    let survey: Survey = (*d.survey).clone();
    view! {
        <p class="hint">{i18n.t("response-print-hint")}</p>
        <SurveyForm survey terms=d.terms.clone() lang=d.lang/>
    }
}

#[cfg(feature = "ssr")]
pub mod handler {
    use super::super::Step;
    use super::super::handler::{data, invitee, load, render_back};
    use super::super::step::handler::form_version;
    use crate::domain::outcome::Outcome;
    use crate::error::AppError;
    use crate::ssr::forms::PublicForm;
    use crate::ssr::reply::redirect;
    use crate::ssr::state::AppState;
    use crate::ssr::submissions::Refusal;
    use axum::extract::State;
    use axum::http::StatusCode;
    use axum::response::Response;

    /// `POST /respond/submit`.
    pub async fn submit(
        State(state): State<AppState>,
        PublicForm { parts, form }: PublicForm,
    ) -> Result<Response, AppError> {
        let who = invitee(&parts)?;
        // The page's form sends its version and nothing else.
        form.only(&["version"])?;
        let opened = state.responses.open(&who).await?;
        let Some(version) = form_version(&form)? else {
            let mut d = data(&opened, &parts, Step::Review);
            d.message = Some("response-error-nothing-saved".into());
            return Ok(render_back(&state, parts, d, StatusCode::UNPROCESSABLE_ENTITY).await);
        };
        // One invitee writing too often is refused before anything is written.
        if !state.save_limit.allow(&who.invitation_id) {
            let mut d = data(&opened, &parts, Step::Review);
            d.message = Some("response-error-too-many-requests".into());
            return Ok(render_back(&state, parts, d, StatusCode::TOO_MANY_REQUESTS).await);
        }
        match state.responses.submit(&opened, version).await? {
            Outcome::Done(()) => Ok(redirect("/respond/done")),
            Outcome::Refused(Refusal::Submitted) => {
                let mut d = load(&state, &parts, Step::Home).await?;
                d.message = Some("response-already-submitted".into());
                Ok(render_back(&state, parts, d, StatusCode::CONFLICT).await)
            }
            Outcome::Refused(refusal) => {
                let mut d = load(&state, &parts, Step::Review).await?;
                let status = match refusal {
                    Refusal::Invalid(errors) => {
                        d.errors = errors;
                        StatusCode::UNPROCESSABLE_ENTITY
                    }
                    Refusal::NoSupport => StatusCode::UNPROCESSABLE_ENTITY,
                    _ => {
                        d.message = Some("response-stale".into());
                        StatusCode::CONFLICT
                    }
                };
                Ok(render_back(&state, parts, d, status).await)
            }
        }
    }

    /// `POST /respond/reopen`.
    pub async fn reopen(
        State(state): State<AppState>,
        PublicForm { parts, form }: PublicForm,
    ) -> Result<Response, AppError> {
        let who = invitee(&parts)?;
        form.only(&["version"])?;
        let version = form.version()?;
        let opened = state.responses.open(&who).await?;
        if !state.save_limit.allow(&who.invitation_id) {
            let mut d = data(&opened, &parts, Step::Home);
            d.message = Some("response-error-too-many-requests".into());
            return Ok(render_back(&state, parts, d, StatusCode::TOO_MANY_REQUESTS).await);
        }
        match state.responses.reopen(&opened, version).await? {
            Outcome::Done(_) => Ok(redirect("/respond/profile")),
            Outcome::Refused(_) => {
                let mut d = load(&state, &parts, Step::Home).await?;
                d.message = Some("response-stale".into());
                Ok(render_back(&state, parts, d, StatusCode::CONFLICT).await)
            }
        }
    }
}
