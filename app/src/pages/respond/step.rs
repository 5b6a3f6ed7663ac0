//! `/respond/profile` and `/respond/section/{sid}`: one page of the form.
//! Every button saves what is on the page (a plain form post), then goes
//! on, back, to the welcome page ("save and continue later") or to the same
//! page in another language — so nothing typed is ever lost.

use super::{RespondData, Step};
use crate::components::survey_form::QuestionView;
use crate::domain::lang::Lang;
use crate::domain::response::Support;
use crate::domain::survey::Section;
use crate::domain::survey::answers::{self, anchor};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

/// The `go` values of the form's buttons.
pub const GO_NEXT: &str = "next";
pub const GO_BACK: &str = "back";
pub const GO_SAVE: &str = "save";
pub const GO_LANG: &str = "lang-";
pub const GO_SUBMIT: &str = "submit";

#[component]
pub fn StepPage(d: RespondData) -> impl IntoView {
    let i18n = use_i18n();
    let lang = d.lang;
    let survey = d.survey.clone();
    let consultation = survey.title.get(lang).to_string();
    let total = survey.sections.len() + 1;
    let (number, heading, action) = match d.step {
        Step::Section(i) => {
            let s = &survey.sections[i];
            (
                i + 2,
                s.title.get(lang).to_string(),
                format!("/respond/section/{}", s.id),
            )
        }
        Step::All => (0, i18n.t("response-all-title"), "/respond/all".to_string()),
        _ => (1, i18n.t(d.profile_title()), "/respond/profile".to_string()),
    };
    let one_page = d.step == Step::All;
    // Display conditions may depend on the status declared in the profile.
    let evaluated = answers::with_profile(&d.answers, d.support);
    let last = matches!(d.step, Step::Section(i) if i + 1 == survey.sections.len())
        || (d.step == Step::Profile && survey.sections.is_empty());
    let page_title = format!("{heading} · {consultation}");
    let message = d.message.clone().map(|m| i18n.t(&m));
    let problems: Vec<(String, String, String)> = d
        .errors
        .iter()
        .map(|e| {
            let label = survey
                .question(&e.question)
                .map(|q| q.prompt.get(lang).to_string())
                .unwrap_or_else(|| i18n.t("response-profile-support"));
            (anchor(&e.question), label, i18n.t(&e.message_id))
        })
        .collect();
    let steps: Vec<(String, String, bool)> = std::iter::once((
        "/respond/profile".to_string(),
        i18n.t(d.profile_title()),
        d.step == Step::Profile,
    ))
    .chain(survey.sections.iter().enumerate().map(|(i, s)| {
        (
            format!("/respond/section/{}", s.id),
            s.title.get(lang).to_string(),
            d.step == Step::Section(i),
        )
    }))
    .collect();
    // The questions of `section` shown on `page` (a section, or the whole form).
    let questions = |section: &Section, page: &Section| {
        section
            .questions
            .iter()
            .filter(|q| answers::shown(&survey, page, &evaluated, q))
            .map(|q| {
                view! {
                    <QuestionView
                        q=q.clone()
                        survey=survey.clone()
                        terms=d.terms.clone()
                        lang
                        answer=d.answers.get(&q.id).cloned()
                        error=d.error_of(&q.id)
                    />
                }
            })
            .collect_view()
    };
    let body = match d.step {
        Step::Section(i) => {
            let section = &survey.sections[i];
            let intro = section.introduction.get(lang).to_string();
            view! {
                {(!intro.is_empty()).then(|| view! { <p>{intro}</p> })}
                {questions(section, section)}
            }
            .into_any()
        }
        Step::All => {
            let whole = answers::whole(&survey);
            let sections = survey
                .sections
                .iter()
                .map(|section| {
                    let intro = section.introduction.get(lang).to_string();
                    view! {
                        <section class="survey-section">
                            <h2>{section.title.get(lang).to_string()}</h2>
                            {(!intro.is_empty()).then(|| view! { <p>{intro}</p> })}
                            {questions(section, &whole)}
                        </section>
                    }
                })
                .collect_view();
            view! {
                <section class="survey-section">
                    <h2>{i18n.t(d.profile_title())}</h2>
                    <Profile d=d.clone()/>
                </section>
                {sections}
            }
            .into_any()
        }
        _ => view! { <Profile d=d.clone()/> }.into_any(),
    };
    view! {
        <Title text=page_title/>
        <p class="meta">{consultation}</p>
        {(!one_page).then(|| view! {
            <nav aria-label=i18n.t("response-steps-label")>
                <ol class="steps">
                    {steps.into_iter().map(|(href, label, current)| view! {
                        <li><a href=href aria-current=current.then_some("step")>{label}</a></li>
                    }).collect_view()}
                </ol>
            </nav>
        })}
        {(message.is_some() || !problems.is_empty()).then(|| view! {
            <div class="error-summary" role="alert" tabindex="-1" id="error-summary">
                <h2>{i18n.t("form-problem-heading")}</h2>
                {message.map(|m| view! { <p>{m}</p> })}
                <ul>
                    {problems.into_iter().map(|(a, label, msg)| view! {
                        <li><a href=format!("#{a}")>{format!("{label}: {msg}")}</a></li>
                    }).collect_view()}
                </ul>
            </div>
        })}
        <form method="post" action=action class="stack" novalidate>
            <input type="hidden" name="version" value=d.version.map(|v| v.to_string()).unwrap_or_default()/>
            <h1>
                {(!one_page).then(|| i18n.t_args("response-step", &[("n", (number as i64).into()), ("total", (total as i64).into())]) + " ")}
                {heading}
            </h1>
            {one_page.then(|| view! { <p>{i18n.t("response-all-intro")}</p> })}
            {body}
            {one_page.then(|| view! {
                // Saving comes first: Enter in a field saves, never submits.
                <div class="form-actions">
                    <button type="submit" name="go" value=GO_SAVE class="secondary">{i18n.t("response-save-later")}</button>
                    <button type="submit" name="go" value=GO_SUBMIT>{i18n.t("respond-submit")}</button>
                </div>
            })}
            {(!one_page).then(|| view! {
                <div class="form-actions">
                    <button type="submit" name="go" value=GO_NEXT>{i18n.t(if last { "response-to-review" } else { "response-next" })}</button>
                    {(d.step != Step::Profile).then(|| view! {
                        <button type="submit" name="go" value=GO_BACK class="secondary">{i18n.t("response-back")}</button>
                    })}
                    <button type="submit" name="go" value=GO_SAVE class="secondary">{i18n.t("response-save-later")}</button>
                </div>
            })}
            <fieldset class="lang-switch">
                <legend>{i18n.t("response-switch-language")}</legend>
                {Lang::ALL.into_iter().filter(|l| *l != lang).map(|l| view! {
                    <button type="submit" name="go" value=format!("{GO_LANG}{}", l.code()) lang=l.code() class="secondary small">{l.endonym()}</button>
                }).collect_view()}
            </fieldset>
        </form>
    }
}

/// The respondent profile: the region (from the invitation, shown, not
/// editable) and the declared donor/recipient status — a Party's
/// respondent's; another constituency's is shown its constituency instead
/// and not asked the status.
#[component]
fn Profile(d: RespondData) -> impl IntoView {
    let i18n = use_i18n();
    if !d.asks_support() {
        return view! {
            <p>{i18n.t("response-profile-intro-other")}</p>
            <div class="field">
                <p><strong>{i18n.t("constituency-label")}</strong> ": " {i18n.t(d.constituency.message_id())}</p>
                <p><strong>{i18n.t("field-region")}</strong> ": " {d.region_name.clone()}</p>
                <p class="hint">{i18n.t("response-region-hint")}</p>
            </div>
            <p role="note">{i18n.t("response-no-names-other")}</p>
        }
        .into_any();
    }
    let error = d.error_of("support");
    let error_id = "q-support-error";
    let described = error.as_ref().map(|_| error_id);
    view! {
        <p>{i18n.t("response-profile-intro")}</p>
        <div class="field">
            <p><strong>{i18n.t("field-region")}</strong> ": " {d.region_name.clone()}</p>
            <p class="hint">{i18n.t("response-region-hint")}</p>
        </div>
        <fieldset class="question" id="q-support" tabindex="-1" aria-describedby=described>
            <legend>{i18n.t("response-profile-support")} " " <span class="required">{i18n.t("respond-required")}</span></legend>
            <p class="hint">{i18n.t("response-profile-support-hint")}</p>
            {error.map(|e| view! { <p class="field-error" id=error_id>{e}</p> })}
            {Support::ALL.into_iter().map(|s| {
                let id = format!("q-support-{}", s.code());
                view! {
                    <div class="choice">
                        <input type="radio" id=id.clone() name="support" value=s.code() checked=d.support == Some(s)/>
                        <label for=id>{i18n.t(s.message_id())}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
        <p role="note">{i18n.t("response-no-names")}</p>
    }
    .into_any()
}

#[cfg(feature = "ssr")]
pub mod handler {
    use super::super::handler::{data, invitee, load, load_opened, render_back};
    use super::super::{RespondData, Step};
    use super::{GO_BACK, GO_LANG, GO_NEXT, GO_SAVE, GO_SUBMIT};
    use crate::domain::ids::ItemId;
    use crate::domain::outcome::Outcome;
    use crate::domain::response::Support;
    use crate::domain::survey::Question;
    use crate::domain::survey::answers::{self, AnswerError, Answers};
    use crate::error::AppError;
    use crate::ssr::cookies;
    use crate::ssr::extract::Ids;
    use crate::ssr::forms::{Form, PublicForm};
    use crate::ssr::recent_links::DbOutage;
    use crate::ssr::reply::redirect;
    use crate::ssr::state::AppState;
    use crate::ssr::submissions::{Refusal, Save, Submission};
    use axum::extract::State;
    use axum::http::request::Parts;
    use axum::http::{StatusCode, header};
    use axum::response::Response;

    /// `POST /respond/profile`.
    pub async fn save_profile(
        State(state): State<AppState>,
        PublicForm { parts, form }: PublicForm,
    ) -> Result<Response, AppError> {
        save_and_go(state, parts, form, Page::Profile).await
    }

    /// `POST /respond/section/{sid}`.
    pub async fn save_section(
        State(state): State<AppState>,
        Ids(sid): Ids<ItemId>,
        PublicForm { parts, form }: PublicForm,
    ) -> Result<Response, AppError> {
        save_and_go(state, parts, form, Page::Section(sid)).await
    }

    /// `POST /respond/all`: the one-page form (profile and every section).
    pub async fn save_all(
        State(state): State<AppState>,
        PublicForm { parts, form }: PublicForm,
    ) -> Result<Response, AppError> {
        save_and_go(state, parts, form, Page::All).await
    }

    enum Page {
        Profile,
        Section(ItemId),
        All,
    }

    /// The version a form names: blank when nothing was saved yet.
    pub fn form_version(form: &Form) -> Result<Option<i32>, AppError> {
        let raw = form.required("version")?.trim();
        if raw.is_empty() {
            return Ok(None);
        }
        raw.parse()
            .map(Some)
            .map_err(|_| AppError::bad_request("unreadable version"))
    }

    /// The declared status a form sends (blank: not declared).
    fn read_support(form: &Form) -> Result<Option<Support>, AppError> {
        match form.get("support")? {
            "" => Ok(None),
            raw => Support::parse(raw)
                .map(Some)
                .ok_or_else(|| AppError::bad_request("unknown support status")),
        }
    }

    async fn save_and_go(
        state: AppState,
        parts: Parts,
        form: Form,
        page: Page,
    ) -> Result<Response, AppError> {
        if matches!(page, Page::All) && form.value("go")?.unwrap_or(GO_SUBMIT) == GO_SUBMIT {
            return submit_all(state, parts, form).await;
        }
        let who = invitee(&parts)?;
        // The database unreachable: the page still comes back as typed
        // (from the survey as parsed here), with the error; nothing saved.
        let known = parts.extensions.get::<DbOutage>().map(|o| o.0.clone());
        let loaded = match known {
            Some(e) => Err(e),
            None => load_opened(&state, &parts, Step::Profile).await,
        };
        let (mut d, opened, outage) = match loaded {
            Ok((d, opened)) => (d, opened, None),
            Err(e) if e.is_outage() => {
                let opened = state
                    .responses
                    .open_offline(&who)
                    .await
                    .map_err(|_| e.clone())?;
                (data(&opened, &parts, Step::Profile), opened, Some(e))
            }
            Err(e) => return Err(e),
        };
        d.step = match &page {
            Page::Profile => Step::Profile,
            Page::All => Step::All,
            Page::Section(sid) => Step::Section(
                d.survey
                    .sections
                    .iter()
                    .position(|s| s.id == sid.as_str())
                    .ok_or(AppError::NotFound)?,
            ),
        };
        let step = d.step;
        let version = form_version(&form)?;
        let default_go = if step == Step::All {
            GO_SUBMIT
        } else {
            GO_NEXT
        };
        let go = form.value("go")?.unwrap_or(default_go).to_string();
        let lang_to = match go.strip_prefix(GO_LANG) {
            Some(code) => Some(
                code.parse::<crate::domain::lang::Lang>()
                    .map_err(|_| AppError::bad_request("unknown language"))?,
            ),
            None if [GO_NEXT, GO_BACK, GO_SAVE].contains(&go.as_str()) && step != Step::All => None,
            None if [GO_SUBMIT, GO_SAVE].contains(&go.as_str()) && step == Step::All => None,
            None => return Err(AppError::bad_request("unknown button")),
        };
        // Read what the page sent; a form no page could send is refused whole.
        let section = match step {
            Step::Section(i) => Some(d.survey.sections[i].clone()),
            Step::All => Some(answers::whole(&d.survey)),
            _ => None,
        };
        let support = match step {
            Step::Profile | Step::All if d.asks_support() => {
                let s = read_support(&form)?;
                d.support = s;
                Some(s)
            }
            _ => None,
        };
        let (page_answers, typed) = match &section {
            Some(section) => {
                let new = answers::read(section, form.pairs())
                    .map_err(|e| AppError::bad_request(e.to_string()))?;
                let merged = answers::merge(&d.answers, section, new.clone());
                (Some((section.clone(), new)), merged)
            }
            None => {
                if form.pairs().iter().any(|(k, _)| k.starts_with("q.")) {
                    return Err(AppError::bad_request("answers on the profile page"));
                }
                (None, d.answers.clone())
            }
        };
        let errors: Vec<AnswerError> = match &section {
            Some(section) => answers::check(
                &d.survey,
                &answers::with_profile(&typed, d.support),
                answers::Scope::Section(section),
            ),
            None => vec![],
        };
        // An answer with a control character is not kept, not even in a
        // draft: the page comes back as typed, the field named (`errors`).
        if page_answers
            .as_ref()
            .is_some_and(|(_, new)| !answers::unstorable(new).is_empty())
        {
            d.errors = errors;
            return Ok(not_saved(&state, parts, d, typed, version, NotSaved::Control).await);
        }
        if let Some(e) = outage {
            d.errors = errors;
            return Ok(not_saved(&state, parts, d, typed, version, NotSaved::Outage(e)).await);
        }
        // One invitee saving too often is refused before anything is written.
        if !state.save_limit.allow(&who.invitation_id) {
            d.errors = errors;
            return Ok(not_saved(&state, parts, d, typed, version, NotSaved::TooMany).await);
        }
        let save = Save {
            version,
            support,
            page: page_answers,
        };
        let saved = match state.responses.save(&opened, save).await {
            Err(e) if e.is_outage() => {
                d.errors = errors;
                return Ok(not_saved(&state, parts, d, typed, version, NotSaved::Outage(e)).await);
            }
            saved => saved?,
        };
        match saved {
            Outcome::Done(new_version) => {
                d.version = Some(new_version);
                d.answers = typed;
                if let Some(lang) = lang_to {
                    let mut res = redirect(&step.path(&d.survey));
                    res.headers_mut().append(
                        header::SET_COOKIE,
                        cookies::lang_cookie(lang, &state.config),
                    );
                    return Ok(res);
                }
                match go.as_str() {
                    GO_SAVE => Ok(redirect("/respond?notice=notice-response-saved")),
                    GO_BACK => Ok(redirect(&step.back(&d.survey).path(&d.survey))),
                    _ if !errors.is_empty() => {
                        d.errors = errors;
                        Ok(render_back(&state, parts, d, StatusCode::UNPROCESSABLE_ENTITY).await)
                    }
                    _ => Ok(redirect(&step.next(&d.survey).path(&d.survey))),
                }
            }
            Outcome::Refused(refusal) => {
                refused(&state, parts, step, d, typed, errors, refusal).await
            }
        }
    }

    /// The one-page form's "Submit": read, checked and written in one go
    /// (the most frequent request at a deadline); the page is loaded only
    /// to show what must be corrected.
    async fn submit_all(state: AppState, parts: Parts, form: Form) -> Result<Response, AppError> {
        let who = invitee(&parts)?;
        let known = parts.extensions.get::<DbOutage>().map(|o| o.0.clone());
        let read = match known {
            Some(e) => Err(e),
            None => state.responses.open(&who).await,
        };
        let (opened, mut outage) = match read {
            Ok(opened) => (opened, None),
            Err(e) if e.is_outage() => {
                let opened = state
                    .responses
                    .open_offline(&who)
                    .await
                    .map_err(|_| e.clone())?;
                (opened, Some(e))
            }
            Err(e) => return Err(e),
        };
        let c = &opened.consultation;
        let version = form_version(&form)?;
        let support = read_support(&form)?;
        let questions: Vec<&Question> = c.survey.questions().collect();
        let new = answers::read_from(&questions, form.pairs())
            .map_err(|e| AppError::bad_request(e.to_string()))?;
        let unstorable = !answers::unstorable(&new).is_empty();
        if outage.is_some() || unstorable || !state.save_limit.allow(&who.invitation_id) {
            // Nothing is written: the page comes back as typed.
            let mut d = data(&opened, &parts, Step::All);
            d.support = support;
            let why = if let Some(e) = outage {
                NotSaved::Outage(e)
            } else if unstorable {
                let whole = answers::whole(&d.survey);
                d.errors = answers::check(
                    &d.survey,
                    &answers::with_profile(&new, support),
                    answers::Scope::Section(&whole),
                );
                NotSaved::Control
            } else {
                NotSaved::TooMany
            };
            return Ok(not_saved(&state, parts, d, new, version, why).await);
        }
        let submission = Submission {
            version,
            support,
            answers: new,
        };
        let outcome = match state.responses.submit_all(&opened, &submission).await {
            Err(e) if e.is_outage() => {
                outage = Some(e);
                None
            }
            outcome => Some(outcome?),
        };
        let Some(outcome) = outcome else {
            let mut d = data(&opened, &parts, Step::All);
            d.support = support;
            let why = NotSaved::Outage(outage.unwrap_or(AppError::Unavailable));
            return Ok(not_saved(&state, parts, d, submission.answers, version, why).await);
        };
        let refusal = match outcome {
            Outcome::Done(()) => return Ok(redirect("/respond/done")),
            Outcome::Refused(r) => r,
        };
        let new = submission.answers;
        let mut d = load(&state, &parts, Step::All).await?;
        d.support = support;
        match refusal {
            Refusal::Invalid(_) | Refusal::NoSupport => {
                d.answers = new;
                d.errors = match refusal {
                    Refusal::Invalid(problems) => problems,
                    _ => vec![],
                };
                if support.is_none() && d.asks_support() {
                    d.errors.insert(
                        0,
                        AnswerError {
                            question: "support".into(),
                            message_id: "response-error-required".into(),
                        },
                    );
                }
                Ok(render_back(&state, parts, d, StatusCode::UNPROCESSABLE_ENTITY).await)
            }
            other => refused(&state, parts, Step::All, d, new, vec![], other).await,
        }
    }

    /// Why a form was sent back with nothing saved.
    enum NotSaved {
        /// An answer holds a control character (named in the page's errors).
        Control,
        /// The invitee saved too often (see `ssr::save_limit`).
        TooMany,
        /// The database was unavailable or full (`AppError::is_outage`).
        Outage(AppError),
    }

    /// The page of `d` sent back without saving anything: the answers (and
    /// the status, already in `d`) as typed, on the version the form was
    /// based on, so that saving again later is checked against it.
    async fn not_saved(
        state: &AppState,
        parts: Parts,
        mut d: RespondData,
        typed: Answers,
        version: Option<i32>,
        why: NotSaved,
    ) -> Response {
        d.answers = typed;
        d.version = version;
        let status = match why {
            NotSaved::Control => StatusCode::UNPROCESSABLE_ENTITY,
            NotSaved::TooMany => {
                d.message = Some("response-error-too-many-saves".into());
                StatusCode::TOO_MANY_REQUESTS
            }
            NotSaved::Outage(e) => {
                d.message = Some(match e {
                    AppError::StorageFull => "response-error-storage-full".into(),
                    _ => "response-error-unavailable".into(),
                });
                StatusCode::SERVICE_UNAVAILABLE
            }
        };
        render_back(state, parts, d, status).await
    }

    /// A save refused because the response changed or was submitted meanwhile.
    async fn refused(
        state: &AppState,
        parts: Parts,
        step: Step,
        d: RespondData,
        typed: Answers,
        errors: Vec<AnswerError>,
        refusal: Refusal,
    ) -> Result<Response, AppError> {
        if refusal == Refusal::Submitted {
            let mut d = load(state, &parts, Step::Home).await?;
            d.message = Some("response-already-submitted".into());
            return Ok(render_back(state, parts, d, StatusCode::CONFLICT).await);
        }
        // Someone else saved first: show what they saved, with this page's
        // answers as typed on top, and their version, so that saving again
        // is a deliberate choice.
        let current = load(state, &parts, step).await?;
        let page = match step {
            Step::Section(i) => Some(current.survey.sections[i].clone()),
            Step::All => Some(answers::whole(&current.survey)),
            _ => None,
        };
        let shown = RespondData {
            answers: match &page {
                Some(p) => answers::merge(&current.answers, p, section_answers(&typed, p)),
                None => current.answers.clone(),
            },
            support: if matches!(step, Step::Profile | Step::All) {
                d.support
            } else {
                current.support
            },
            message: Some("response-stale".into()),
            errors,
            ..current
        };
        Ok(render_back(state, parts, shown, StatusCode::CONFLICT).await)
    }

    fn section_answers(all: &Answers, section: &crate::domain::survey::Section) -> Answers {
        all.iter()
            .filter(|(id, _)| section.questions.iter().any(|q| q.id == **id))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }
}
