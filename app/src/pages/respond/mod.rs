//! The respondent's side, reached through a private link: `/i/{token}`
//! swaps the token for a cookie scoped to `/respond` and redirects there, so
//! the token never stays in an address, a log, a language-switch link or a
//! referrer.
//!
//! Every page under `/respond` is rendered by a handler that loads what it
//! shows (nothing is serialised into the page, which keeps the first page
//! light): the welcome page, the profile and one page per section (each
//! save is a plain form post), the review, the confirmation, a printable
//! blank questionnaire and a printable copy of the answers.

pub mod home;
pub mod review;
pub mod step;

use crate::components::error_view::ErrorView;
use crate::domain::constituency::{Constituency, Unit};
use crate::domain::glossary::Term;
use crate::domain::lang::Lang;
use crate::domain::response::{Stage, Support};
use crate::domain::survey::answers::{AnswerError, Answers};
use crate::domain::survey::{Respondents, Survey};
use crate::error::AppError;
use leptos::prelude::*;
use std::sync::Arc;

/// Which respondent page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Home,
    Profile,
    /// A section, by index.
    Section(usize),
    Review,
    /// The one-page form: the profile and every section.
    All,
    Done,
    Print,
    Copy,
}

impl Step {
    /// The page's address.
    pub fn path(self, survey: &Survey) -> String {
        match self {
            Step::Home => "/respond".into(),
            Step::Profile => "/respond/profile".into(),
            Step::Section(i) => survey
                .sections
                .get(i)
                .map(|s| format!("/respond/section/{}", s.id))
                .unwrap_or_else(|| "/respond/review".into()),
            Step::Review => "/respond/review".into(),
            Step::All => "/respond/all".into(),
            Step::Done => "/respond/done".into(),
            Step::Print => "/respond/print".into(),
            Step::Copy => "/respond/copy".into(),
        }
    }

    /// The page after this one in the form.
    pub fn next(self, survey: &Survey) -> Step {
        match self {
            Step::Profile if !survey.sections.is_empty() => Step::Section(0),
            Step::Section(i) if i + 1 < survey.sections.len() => Step::Section(i + 1),
            _ => Step::Review,
        }
    }

    /// The page before this one in the form.
    pub fn back(self, survey: &Survey) -> Step {
        match self {
            Step::Section(0) | Step::Profile => Step::Profile,
            Step::Section(i) => Step::Section(i - 1),
            Step::Review if !survey.sections.is_empty() => Step::Section(survey.sections.len() - 1),
            _ => Step::Profile,
        }
    }
}

/// What a respondent page shows; its handler provides it as context.
#[derive(Debug, Clone)]
pub struct RespondData {
    pub step: Step,
    pub survey: Arc<Survey>,
    pub terms: Vec<Term>,
    pub lang: Lang,
    /// In which capacity the invitee answers.
    pub constituency: Constituency,
    /// The sentence saying it, in `lang` (the welcome page).
    pub capacity: String,
    /// The CITES region of the invitee's Party (or the one a Committee
    /// member represents, or a partner's), named in `lang`; empty when
    /// none (a partner working worldwide) or not read for this page.
    pub region_name: String,
    /// The deadline in `lang`, with "UTC".
    pub deadline: Option<String>,
    pub respondents: Respondents,
    pub allow_changes: bool,
    /// `None`: nothing saved yet.
    pub stage: Option<Stage>,
    pub support: Option<Support>,
    /// The answers to show: saved, or as just typed when a form comes back.
    pub answers: Answers,
    /// The version a form on this page is based on (`None`: nothing saved yet).
    pub version: Option<i32>,
    /// Problems with the answers, in document order.
    pub errors: Vec<AnswerError>,
    /// A message about the whole page (fluent id), e.g. a refused save.
    pub message: Option<String>,
}

impl RespondData {
    /// Whether the respondent is asked the donor/recipient status (a
    /// Party's; other constituencies are not).
    pub fn asks_support(&self) -> bool {
        self.constituency == Constituency::Party
    }

    /// The profile page's title: about the Party, or about the
    /// respondent's participation (another constituency).
    pub fn profile_title(&self) -> &'static str {
        if self.asks_support() {
            "response-profile-title"
        } else {
            "response-profile-title-other"
        }
    }

    /// Whether colleagues share this response: a Party's authorities when
    /// the consultation takes one response per Party, and a partner
    /// organisation's contacts.
    pub fn shared(&self) -> Option<&'static str> {
        match (self.constituency.unit(), self.respondents) {
            (Unit::Party, Respondents::PerParty) => Some("response-per-party-note"),
            (Unit::Organisation, _) => Some("response-per-organisation-note"),
            _ => None,
        }
    }

    /// The translated error of question `id`, if any.
    pub fn error_of(&self, id: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.question == id)
            .map(|e| crate::i18n::I18n::new(self.lang).t(&e.message_id))
    }
}

/// Every page under `/respond`.
#[component]
pub fn RespondPage() -> impl IntoView {
    match use_context::<RespondData>() {
        None => view! { <ErrorView error=AppError::InvalidLink/> }.into_any(),
        Some(d) => match d.step {
            Step::Home | Step::Done => view! { <home::Home d/> }.into_any(),
            Step::Profile | Step::Section(_) | Step::All => {
                view! { <step::StepPage d/> }.into_any()
            }
            Step::Review | Step::Copy => view! { <review::Review d/> }.into_any(),
            Step::Print => view! { <review::Print d/> }.into_any(),
        },
    }
}

#[cfg(feature = "ssr")]
pub mod handler {
    use super::{RespondData, Step};
    use crate::error::AppError;
    use crate::i18n::I18n;
    use crate::ssr::cookies;
    use crate::ssr::extract::Ids;
    use crate::ssr::forms::lang_of;
    use crate::ssr::invitation_mail::Capacity;
    use crate::ssr::reply::{redirect, with_data};
    use crate::ssr::services::glossary;
    use crate::ssr::services::invitations::{self, Invitee};
    use crate::ssr::state::AppState;
    use crate::ssr::submissions::Opened;
    use axum::extract::State;
    use axum::http::request::Parts;
    use axum::http::{StatusCode, header};
    use axum::response::{IntoResponse, Response};

    /// `GET /i/{token}`: the private link. A valid one becomes the invitee
    /// cookie (and the contact's language) and redirects to `/respond`; a
    /// closed or withdrawn one gets a page that says so; any other gets the
    /// same translated page, whatever the reason.
    pub async fn open_link(
        State(state): State<AppState>,
        Ids(token): Ids<String>,
    ) -> Result<Response, AppError> {
        let invitee = invitations::open_link(&state.db, &state.key, &token)
            .await?
            .invitee()?;
        let mut res = redirect(cookies::RESPOND_PATH);
        let h = res.headers_mut();
        h.append(
            header::SET_COOKIE,
            cookies::invite_cookie(&token, &state.config),
        );
        h.append(
            header::SET_COOKIE,
            cookies::lang_cookie(invitee.lang, &state.config),
        );
        h.insert(header::CACHE_CONTROL, "no-store".parse().expect("static"));
        Ok(res)
    }

    /// The invitee the access layer found for this request.
    pub fn invitee(parts: &Parts) -> Result<Invitee, AppError> {
        parts
            .extensions
            .get::<Invitee>()
            .cloned()
            .ok_or(AppError::InvalidLink)
    }

    /// The consultation and the response as saved: what a form handler
    /// needs. [`decorate`] adds what only a rendered page shows.
    pub async fn load(
        state: &AppState,
        parts: &Parts,
        step: Step,
    ) -> Result<RespondData, AppError> {
        Ok(load_opened(state, parts, step).await?.0)
    }

    /// [`load`], and what was read, for writing.
    pub async fn load_opened(
        state: &AppState,
        parts: &Parts,
        step: Step,
    ) -> Result<(RespondData, Opened), AppError> {
        let opened = state.responses.open(&invitee(parts)?).await?;
        Ok((data(&opened, parts, step), opened))
    }

    /// What a page shows of `opened`.
    pub fn data(opened: &Opened, parts: &Parts, step: Step) -> RespondData {
        let lang = lang_of(parts);
        let c = &opened.consultation;
        let r = opened.response.as_ref();
        RespondData {
            step,
            respondents: c.survey.respondents(),
            allow_changes: c.survey.allow_changes,
            deadline: c.deadline.map(|d| I18n::new(lang).date_time(d)),
            survey: c.survey.clone(),
            terms: vec![],
            lang,
            constituency: opened.constituency,
            capacity: String::new(),
            region_name: String::new(),
            stage: r.map(|r| r.stage),
            support: r.and_then(|r| r.support),
            answers: r.map(|r| r.answers.clone()).unwrap_or_default(),
            version: r.map(|r| r.version),
            errors: vec![],
            message: None,
        }
    }

    /// Adds what only some pages show, read only for them: the glossary
    /// terms the survey's questions link (pages showing questions: a step
    /// of the form, the blank questionnaire), and the region's name in the
    /// page's language (the profile, the review and the copy).
    async fn decorate(
        state: &AppState,
        parts: &Parts,
        d: &mut RespondData,
    ) -> Result<(), AppError> {
        let invitee = invitee(parts)?;
        let (questions, region) = shows(d.step);
        // The welcome page says in which capacity the invitee answers.
        let capacity = d.step == Step::Home;
        if questions {
            let mut keys: Vec<&str> = d
                .survey
                .sections
                .iter()
                .flat_map(|s| &s.questions)
                .flat_map(|q| q.terms.iter().map(String::as_str))
                .collect();
            keys.sort_unstable();
            keys.dedup();
            d.terms = glossary::list_keys(&state.db, &keys).await?;
        }
        // The names came with the invitation (`find_link`): no query.
        if region || capacity {
            d.region_name = match (&invitee.region, &invitee.names.region) {
                (Some(_), Some(names)) => names.get(d.lang).to_string(),
                (Some(_), None) => String::new(),
                (None, _) => I18n::new(d.lang).t("response-region-none"),
            };
        }
        if capacity {
            let party = invitee
                .names
                .party
                .as_ref()
                .map(|n| n.get(d.lang).to_string())
                .unwrap_or_default();
            let organisation = invitee.organisation.clone().unwrap_or_default();
            d.capacity = Capacity::of(invitee.constituency, &party, &d.region_name, &organisation)
                .sentence(I18n::new(d.lang));
        }
        Ok(())
    }

    /// Whether page `step` shows questions (with their glossary terms), and
    /// whether it shows the invitee's region.
    fn shows(step: Step) -> (bool, bool) {
        match step {
            Step::Home | Step::Done => (false, false),
            Step::Profile | Step::All => (true, true),
            Step::Section(_) | Step::Print => (true, false),
            Step::Review | Step::Copy => (false, true),
        }
    }

    /// The step a `/respond…` path names; `None` for an unknown section.
    pub fn step_of(path: &str, survey: &crate::domain::survey::Survey) -> Option<Step> {
        Some(match path.trim_end_matches('/') {
            "/respond" => Step::Home,
            "/respond/profile" => Step::Profile,
            "/respond/review" => Step::Review,
            "/respond/all" => Step::All,
            "/respond/done" => Step::Done,
            "/respond/print" => Step::Print,
            "/respond/copy" => Step::Copy,
            other => {
                let sid = other.strip_prefix("/respond/section/")?;
                Step::Section(survey.sections.iter().position(|s| s.id == sid)?)
            }
        })
    }

    /// GET of every page under `/respond`.
    pub async fn show(State(state): State<AppState>, parts: Parts) -> Result<Response, AppError> {
        let mut d = load(&state, &parts, Step::Home).await?;
        let step = step_of(parts.uri.path(), &d.survey).ok_or(AppError::NotFound)?;
        d.step = step;
        // A submitted response is read, not edited, until it is reopened.
        let submitted = d.stage == Some(crate::domain::response::Stage::Submitted);
        if submitted
            && matches!(
                step,
                Step::Profile | Step::Section(_) | Step::Review | Step::All
            )
        {
            return Ok(redirect("/respond"));
        }
        if step == Step::Copy && d.stage.is_none() {
            return Ok(redirect("/respond"));
        }
        Ok(render_back(&state, parts, d, StatusCode::OK).await)
    }

    /// A respondent page with `d` (a form sent back), at `status`.
    pub async fn render_back(
        state: &AppState,
        parts: Parts,
        mut d: RespondData,
        status: StatusCode,
    ) -> Response {
        // A form sent back because the database is unavailable is shown
        // without asking it again (each try waits for a connection).
        let outage = d.message.as_deref() == Some("response-error-unavailable");
        // The database gone meanwhile: the page still shows (a form sent
        // back as typed above all), without the glossary's definitions and
        // the region's name.
        if !outage
            && let Err(e) = decorate(state, &parts, &mut d).await
            && !e.is_outage()
        {
            return e.into_response();
        }
        // A form sent back renders the page it belongs to; a page keeps its
        // own address (and query: a notice).
        let path = d.step.path(&d.survey);
        let at = (parts.uri.path() != path).then_some(path);
        with_data(at, d, status)
    }
}
