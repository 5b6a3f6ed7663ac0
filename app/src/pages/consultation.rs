//! One consultation in the editor: its texts in three languages, dates,
//! state, translation completeness, and its structure of sections and
//! questions (Secretariat only). Every action is a plain form.

use super::with_page_data;
use crate::components::form::{ErrorSummary, TranslatedField, field_value, use_form};
use crate::domain::constituency::{Constituency, Unit};
use crate::domain::lang::Lang;
use crate::domain::survey::lifecycle::State;
use crate::domain::survey::{Decision, KindTag, Respondents, Survey, TEXT_MAX, TITLE_MAX};
use crate::i18n::{I18n, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;

#[derive(Debug, Clone, PartialEq)]
pub struct ConsultationView {
    pub id: String,
    pub state: State,
    pub locked: bool,
    pub survey: Survey,
    /// `YYYY-MM-DDTHH:MM` in UTC, for `datetime-local` inputs.
    pub opens_input: String,
    pub deadline_input: String,
    /// In the viewer's language, with the time zone named.
    pub opens_display: Option<String>,
    pub deadline_display: Option<String>,
    pub completeness: Vec<(Lang, usize, usize)>,
    /// The version every form on the page names (no lost update).
    pub version: i32,
    /// The round this consultation follows, and the one that follows it.
    pub previous_round: Option<String>,
    pub next_round: Option<String>,
    /// Its series (the first round's id).
    pub series: String,
}

#[component]
pub fn ConsultationPage() -> impl IntoView {
    with_page_data(|c: ConsultationView| view! { <Editor c/> })
}

/// The consultation's title in the viewer's language, or a placeholder.
pub fn title_or_untitled(survey: &Survey, i18n: I18n) -> String {
    let t = survey.title.get(i18n.lang);
    let t = if t.trim().is_empty() {
        survey.title.en.as_str()
    } else {
        t
    };
    if t.trim().is_empty() {
        i18n.t("consultation-untitled")
    } else {
        t.to_string()
    }
}

/// Who gives one response in constituency `k` of consultation `survey`.
fn who_answers(survey: &Survey, k: Constituency) -> &'static str {
    match (k.unit(), survey.respondents()) {
        (Unit::Party, Respondents::PerParty) => "constituency-answers-per-party",
        (Unit::Party, Respondents::PerInvitee) => "constituency-answers-per-invitee",
        (Unit::Member, _) => "constituency-answers-per-member",
        (Unit::Organisation, _) => "constituency-answers-per-organisation",
    }
}

#[component]
fn Editor(c: ConsultationView) -> impl IntoView {
    let i18n = use_i18n();
    let title = title_or_untitled(&c.survey, i18n);
    let editable = c.state.editable();
    let structure_editable = editable && !c.locked;
    let base = format!("/consultations/{}", c.id);
    // A refused form shows its boxes as they were sent, not as stored.
    let shown = use_form();
    let allow_changes = match shown.value("answering") {
        Some(_) => shown.value("allow_changes").is_some(),
        None => c.survey.allow_changes,
    };
    view! {
        <Title text=title.clone()/>
        <p><a href="/consultations">{i18n.t("consultation-back")}</a></p>
        <h1>{title}</h1>
        <p class="meta">
            {i18n.t(c.state.message_id())} " · " {i18n.t(c.survey.decision.message_id())}
        </p>
        {c.locked.then(|| view! { <p class="notice-locked" role="note">{i18n.t("editor-locked-explained")}</p> })}
        <ErrorSummary fields=vec![
            ("title_en", i18n.t("consultation-field-title")),
            ("opens_at", i18n.t("consultation-opens")),
            ("deadline", i18n.t("consultation-deadline")),
        ]/>

        <section aria-labelledby="status-heading" class="panel">
            <h2 id="status-heading">{i18n.t("consultation-status")}</h2>
            <h3 id="invited-heading">{i18n.t("consultation-invites")}</h3>
            <ul aria-labelledby="invited-heading" id="invited">
                {c.survey.constituencies().into_iter().map(|k| view! {
                    <li><strong>{i18n.t(k.message_id())}</strong>{format!(": {}", i18n.t(who_answers(&c.survey, k)))}</li>
                }).collect_view()}
            </ul>
            <table class="completeness">
                <caption>{i18n.t("consultation-translated")}</caption>
                <tbody>
                    {c.completeness.iter().map(|(l, done, total)| {
                        let pct = crate::domain::survey::translation::percent(*done, *total);
                        view! {
                            <tr>
                                <th scope="row">{i18n.t(l.message_id())}</th>
                                <td>{format!("{pct} %")}</td>
                                <td>{i18n.t_args("consultation-texts-done", &[("done", (*done).into()), ("total", (*total).into())])}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <ul class="inline actions">
                {Lang::ALL.into_iter().map(|l| view! {
                    <li><a href=format!("{base}/preview/{}", l.code())>{i18n.t_args("consultation-preview-in", &[("language", i18n.t(l.message_id()).into())])}</a></li>
                }).collect_view()}
                <li><a href=format!("{base}/export")>{i18n.t("consultation-export")}</a></li>
                <li><a href=format!("{base}/invitations")>{i18n.t("consultation-invitations")}</a></li>
                {(c.state != crate::domain::survey::lifecycle::State::Draft).then(|| view! {
                    <li><a href=format!("{base}/summary")>{i18n.t("summary-link")}</a></li>
                    <li><a href=format!("{base}/monitoring")>{i18n.t("monitoring-link")}</a></li>
                })}
            </ul>
            <div class="button-row">
                {c.state.next().iter().map(|to| view! {
                    <form method="post" action=format!("{base}/state")>
                        <input type="hidden" name="version" value=c.version/>
                        <input type="hidden" name="to" value=to.code()/>
                        <button type="submit">{i18n.t(&format!("consultation-to-{}", to.code()))}</button>
                    </form>
                }).collect_view()}
                <form method="post" action=format!("{base}/duplicate")>
                    <input type="hidden" name="version" value=c.version/>
                    <button type="submit" class="secondary">{i18n.t("consultation-duplicate")}</button>
                </form>
                {(c.state != State::Draft && c.next_round.is_none()).then(|| view! {
                    <form method="post" action=format!("{base}/next-round")>
                        <input type="hidden" name="version" value=c.version/>
                        <button type="submit" class="secondary">{i18n.t("rounds-start-next")}</button>
                    </form>
                })}
            </div>
            <ul class="inline actions">
                {c.previous_round.clone().map(|p| view! {
                    <li><a href=format!("/consultations/{p}")>{i18n.t("rounds-previous")}</a></li>
                })}
                {c.next_round.clone().map(|n| view! {
                    <li><a href=format!("/consultations/{n}")>{i18n.t("rounds-next")}</a></li>
                })}
                {(c.previous_round.is_some() || c.next_round.is_some()).then(|| view! {
                    <li><a href=format!("/series/{}", c.series)>{i18n.t("rounds-series-link")}</a></li>
                })}
            </ul>
        </section>

        <section aria-labelledby="texts-heading">
            <h2 id="texts-heading">{i18n.t("consultation-texts")}</h2>
            <form method="post" action=format!("{base}/texts") class="stack">
                <input type="hidden" name="version" value=c.version/>
                <TranslatedField name="title" label=i18n.t("consultation-field-title") value=c.survey.title.clone() required=true maxlength=TITLE_MAX/>
                <TranslatedField name="introduction" label=i18n.t("consultation-field-introduction") value=c.survey.introduction.clone() multiline=true maxlength=TEXT_MAX/>
                <TranslatedField name="closing" label=i18n.t("consultation-field-closing") value=c.survey.closing.clone() multiline=true maxlength=TEXT_MAX/>
                <div class="field">
                    <label for="decision">{i18n.t("consultation-field-decision")}</label>
                    <select id="decision" name="decision">
                        {Decision::ALL.into_iter().map(|d| {
                            let selected = field_value("decision", c.survey.decision.code()) == d.code();
                            view! { <option value=d.code() selected=selected>{i18n.t(d.message_id())}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <input type="hidden" name="answering" value="1"/>
                <div class="field">
                    <label for="respondents">{i18n.t("consultation-field-respondents")}</label>
                    <select id="respondents" name="respondents">
                        {Respondents::ALL.into_iter().map(|r| {
                            let selected = field_value("respondents", c.survey.respondents().code()) == r.code();
                            view! { <option value=r.code() selected=selected>{i18n.t(r.message_id())}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <input type="hidden" name="inviting" value="1"/>
                <fieldset class="field">
                    <legend>{i18n.t("consultation-invites")}</legend>
                    <p class="hint">{i18n.t("consultation-invites-hint")}</p>
                    {Constituency::ALL.into_iter().map(|k| {
                        let id = format!("constituency-{}", k.code());
                        let checked = match shown.value("inviting") {
                            Some(_) => shown.values_of("constituencies").contains(&k.code()),
                            None => c.survey.invites(k),
                        };
                        view! {
                            <div class="choice">
                                <input type="checkbox" id=id.clone() name="constituencies" value=k.code() checked=checked/>
                                <label for=id>{i18n.t(k.message_id())}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <div class="choice">
                    <input type="checkbox" id="allow_changes" name="allow_changes" value="1" checked=allow_changes/>
                    <label for="allow_changes">{i18n.t("consultation-field-allow-changes")}</label>
                </div>
                {editable.then(|| view! { <button type="submit">{i18n.t("consultation-save-texts")}</button> })}
            </form>
        </section>

        <section aria-labelledby="dates-heading">
            <h2 id="dates-heading">{i18n.t("consultation-dates")}</h2>
            <p>
                {i18n.t("consultation-opens")} ": " {c.opens_display.clone().unwrap_or_else(|| "—".into())}
                <br/>
                {i18n.t("consultation-deadline")} ": " {c.deadline_display.clone().unwrap_or_else(|| "—".into())}
            </p>
            {editable.then(|| view! {
                <form method="post" action=format!("{base}/dates") class="stack">
                    <input type="hidden" name="version" value=c.version/>
                    <div class="field">
                        <label for="opens_at">{i18n.t("consultation-opens")} " (UTC)"</label>
                        <input type="datetime-local" id="opens_at" name="opens_at" value=field_value("opens_at", c.opens_input.clone())/>
                    </div>
                    <div class="field">
                        <label for="deadline">{i18n.t("consultation-deadline")} " (UTC)"</label>
                        <input type="datetime-local" id="deadline" name="deadline" value=field_value("deadline", c.deadline_input.clone())/>
                    </div>
                    <button type="submit">{i18n.t("consultation-save-dates")}</button>
                </form>
            })}
        </section>

        <section aria-labelledby="structure-heading">
            <h2 id="structure-heading">{i18n.t("editor-structure")}</h2>
            <Structure base=base.clone() survey=c.survey.clone() editable=structure_editable texts_editable=editable version=c.version/>
        </section>
    }
}

#[component]
fn Structure(
    base: String,
    survey: Survey,
    editable: bool,
    texts_editable: bool,
    version: i32,
) -> impl IntoView {
    let i18n = use_i18n();
    let untitled = i18n.t("editor-untitled");
    // Each button names what it acts on (for screen readers), visibly short.
    let op_button = move |base: &str,
                          op: &'static str,
                          target: &str,
                          up: Option<bool>,
                          label: String,
                          context: String| {
        view! {
            <form method="post" action=format!("{base}/structure") class="inline-form">
                <input type="hidden" name="version" value=version/>
                <input type="hidden" name="op" value=op/>
                <input type="hidden" name="target" value=target.to_string()/>
                {up.map(|u| view! { <input type="hidden" name="up" value=if u { "1" } else { "0" }/> })}
                <button type="submit" class="small secondary">
                    {label}
                    <span class="visually-hidden">{format!(": {context}")}</span>
                </button>
            </form>
        }
    };
    let sections = survey.sections.clone();
    view! {
        <ol class="sections">
            {sections.into_iter().map(|s| {
                let s_title = { let t = s.title.get(i18n.lang).to_string(); if t.is_empty() { untitled.clone() } else { t } };
                let sid = s.id.clone();
                view! {
                    <li class="section-item">
                        <h3>{s_title.clone()} " " <code class="meta">{s.id.clone()}</code></h3>
                        <div class="button-row">
                            {texts_editable.then(|| view! { <a class="button small" href=format!("{base}/sections/{}", s.id)>{i18n.t("editor-edit")}<span class="visually-hidden">{format!(": {}", i18n.t_args("editor-edit-section", &[("name", s_title.clone().into())]))}</span></a> })}
                            {editable.then(|| view! {
                                {op_button(&base, "move_section", &sid, Some(true), i18n.t("editor-move-up"), s_title.clone())}
                                {op_button(&base, "move_section", &sid, Some(false), i18n.t("editor-move-down"), s_title.clone())}
                                {op_button(&base, "delete_section", &sid, None, i18n.t("editor-delete"), s_title.clone())}
                            })}
                        </div>
                        <ol class="questions">
                            {s.questions.iter().map(|q| {
                                let prompt = { let t = q.prompt.get(i18n.lang).to_string(); if t.is_empty() { untitled.clone() } else { t } };
                                let qid = q.id.clone();
                                view! {
                                    <li>
                                        <span class="prompt">{prompt.clone()}</span>
                                        " " <span class="meta">{format!("({} · {})", i18n.t(q.kind.tag().message_id()), q.id)}</span>
                                        {q.required.then(|| view! { " " <span class="tag">{i18n.t("editor-required")}</span> })}
                                        {q.condition.as_ref().map(|c| view! { " " <span class="tag">{i18n.t_args("editor-conditional", &[("question", c.question.as_str().into())])}</span> })}
                                        <div class="button-row">
                                            {texts_editable.then(|| view! { <a class="button small" href=format!("{base}/questions/{qid}")>{i18n.t("editor-edit")}<span class="visually-hidden">{format!(": {}", i18n.t_args("editor-edit-question", &[("name", prompt.clone().into())]))}</span></a> })}
                                            {editable.then(|| view! {
                                                {op_button(&base, "move_question", &qid, Some(true), i18n.t("editor-move-up"), prompt.clone())}
                                                {op_button(&base, "move_question", &qid, Some(false), i18n.t("editor-move-down"), prompt.clone())}
                                                {op_button(&base, "delete_question", &qid, None, i18n.t("editor-delete"), prompt.clone())}
                                            })}
                                        </div>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                        {editable.then(|| {
                            let select_id = format!("kind-{}", s.id);
                            view! {
                                <form method="post" action=format!("{base}/structure") class="add-question">
                                    <input type="hidden" name="version" value=version/>
                                    <input type="hidden" name="op" value="add_question"/>
                                    <input type="hidden" name="target" value=s.id.clone()/>
                                    <label for=select_id.clone()>{i18n.t("editor-question-type")}</label>
                                    <select id=select_id name="kind">
                                        {KindTag::ALL.into_iter().map(|k| view! { <option value=k.code()>{i18n.t(k.message_id())}</option> }).collect_view()}
                                    </select>
                                    <button type="submit" class="small">{i18n.t("editor-add-question")}</button>
                                </form>
                            }
                        })}
                    </li>
                }
            }).collect_view()}
        </ol>
        {editable.then(|| view! {
            <form method="post" action=format!("{base}/structure")>
                <input type="hidden" name="version" value=version/>
                <input type="hidden" name="op" value="add_section"/>
                <button type="submit">{i18n.t("editor-add-section")}</button>
            </form>
        })}
    }
}

#[cfg(feature = "ssr")]
pub mod handler {
    use super::ConsultationView;
    use crate::components::form::FormState;
    use crate::components::refusal::{edit_refusal, transition_refusal};
    use crate::domain::constituency::Constituency;
    use crate::domain::ids::ConsultationId;
    use crate::domain::outcome::Outcome;
    use crate::domain::survey::document::export;
    use crate::domain::survey::lifecycle::State as CState;
    use crate::domain::survey::{Decision, Respondents, TEXT_MAX, TITLE_MAX};
    use crate::domain::survey::{editor, translation};
    use crate::domain::validation::FieldErrors;
    use crate::error::AppError;
    use crate::i18n::I18n;
    use crate::ssr::extract::{Caller, Ids};
    use crate::ssr::forms::{Form, StaffForm, lang_of};
    use crate::ssr::reply::{again_at, redirect, with_data};
    use crate::ssr::services::audit::Action;
    use crate::ssr::services::closing;
    use crate::ssr::services::consultations::{self, EditFailure};
    use crate::ssr::services::rounds;
    use crate::ssr::state::AppState;
    use axum::extract::State;
    use axum::http::{HeaderValue, StatusCode, header};
    use axum::response::{IntoResponse, Response};
    use chrono::{DateTime, NaiveDateTime, Utc};

    /// Consultation `id` in the editor, as `user` may see it.
    pub async fn load(
        state: &AppState,
        i18n: I18n,
        id: &ConsultationId,
    ) -> Result<ConsultationView, AppError> {
        let c = consultations::get(&state.db, id).await?;
        let previous_round = rounds::previous(&state.db, id).await?;
        let next_round = rounds::next(&state.db, id).await?;
        let series = rounds::series_of(&state.db, id).await?;
        let input = |d: Option<DateTime<Utc>>| {
            d.map(|d| d.format("%Y-%m-%dT%H:%M").to_string())
                .unwrap_or_default()
        };
        Ok(ConsultationView {
            opens_input: input(c.opens_at),
            deadline_input: input(c.deadline),
            opens_display: c.opens_at.map(|d| i18n.date_time(d)),
            deadline_display: c.deadline.map(|d| i18n.date_time(d)),
            completeness: translation::completeness(&c.survey),
            locked: c.locked,
            state: c.state,
            survey: std::sync::Arc::unwrap_or_clone(c.survey),
            version: c.version,
            id: c.id.to_string(),
            previous_round: previous_round.map(|p| p.to_string()),
            next_round: next_round.map(|n| n.to_string()),
            series: series.to_string(),
        })
    }

    /// `GET /consultations/{id}`.
    pub async fn show(
        State(state): State<AppState>,
        Caller { i18n, .. }: Caller,
        Ids(id): Ids<ConsultationId>,
    ) -> Result<Response, AppError> {
        let data = load(&state, i18n, &id).await?;
        Ok(with_data(None, data, StatusCode::OK))
    }

    /// Answers a refused change on the page at `at`: what was typed, and why.
    pub(crate) fn refused_at(
        lang: crate::domain::lang::Lang,
        at: &str,
        form: &Form,
        failure: EditFailure,
    ) -> Result<Response, AppError> {
        let (message, details, status) = edit_refusal(lang, failure)?;
        let st = FormState::refused(form.values_except(&["version"]), &message, details);
        Ok(again_at(at, st, status))
    }

    pub async fn texts(
        State(state): State<AppState>,
        Ids(id): Ids<ConsultationId>,
        StaffForm { parts, form, user }: StaffForm,
    ) -> Result<Response, AppError> {
        let version = form.version()?;
        let title = form.text("title", TITLE_MAX)?;
        let introduction = form.text("introduction", TEXT_MAX)?;
        let closing = form.text("closing", TEXT_MAX)?;
        let decision = Decision::parse(form.required("decision")?)
            .ok_or_else(|| AppError::bad_request("unknown decision"))?;
        let respondents = form
            .value("respondents")?
            .map(|v| {
                Respondents::parse(v).ok_or_else(|| AppError::bad_request("unknown respondents"))
            })
            .transpose()?;
        let allow_changes =
            (!form.get("answering")?.is_empty()).then_some(!form.get("allow_changes")?.is_empty());
        // The invited constituencies, when the form has them (at least one).
        let constituencies = if form.get("inviting")?.is_empty() {
            None
        } else {
            let list = form
                .all("constituencies")
                .iter()
                .map(|v| {
                    Constituency::parse(v)
                        .ok_or_else(|| AppError::bad_request("unknown constituency"))
                })
                .collect::<Result<Vec<_>, _>>()?;
            if list.is_empty() {
                let st = FormState::refused(
                    form.values_except(&["version"]),
                    "consultation-error-constituencies",
                    vec![],
                );
                return Ok(again_at(&id.path(), st, StatusCode::UNPROCESSABLE_ENTITY));
            }
            Some(list)
        };
        let result = consultations::edit(
            &state.db,
            &user,
            &id,
            version,
            Action::ConsultationTexts,
            |s| {
                s.title = title;
                s.introduction = introduction;
                s.closing = closing;
                // Who answers stays as it was unless the form changes it,
                // even when the Decision (which sets its default) changes.
                s.respondents = Some(respondents.unwrap_or(s.respondents()));
                s.decision = decision;
                if let Some(a) = allow_changes {
                    s.allow_changes = a;
                }
                if let Some(list) = &constituencies {
                    s.set_constituencies(list);
                }
                Ok(())
            },
        )
        .await;
        match result {
            Ok(_) => Ok(redirect(&format!("{}?notice=notice-saved", id.path()))),
            Err(e) => refused_at(lang_of(&parts), &id.path(), &form, e),
        }
    }

    fn parse_utc(v: &str) -> Result<Option<DateTime<Utc>>, ()> {
        let v = v.trim();
        if v.is_empty() {
            return Ok(None);
        }
        NaiveDateTime::parse_from_str(v, "%Y-%m-%dT%H:%M")
            .or_else(|_| NaiveDateTime::parse_from_str(v, "%Y-%m-%dT%H:%M:%S"))
            .map(|n| Some(n.and_utc()))
            .map_err(|_| ())
    }

    pub async fn dates(
        State(state): State<AppState>,
        Ids(id): Ids<ConsultationId>,
        StaffForm { parts, form, user }: StaffForm,
    ) -> Result<Response, AppError> {
        let version = form.version()?;
        let mut errors = FieldErrors::default();
        let opens = parse_utc(form.required("opens_at")?)
            .map_err(|_| errors.push("opens_at", "consultation-error-date"))
            .ok()
            .flatten();
        let deadline = parse_utc(form.required("deadline")?)
            .map_err(|_| errors.push("deadline", "consultation-error-date"))
            .ok()
            .flatten();
        if let (Some(o), Some(d)) = (opens, deadline)
            && d <= o
        {
            errors.push("deadline", "consultation-error-date-order");
        }
        if !errors.is_empty() {
            let st = FormState::invalid(form.values_except(&[]), errors);
            return Ok(again_at(&id.path(), st, StatusCode::UNPROCESSABLE_ENTITY));
        }
        match consultations::set_dates(&state.db, &user, &id, version, opens, deadline).await {
            Ok(()) => Ok(redirect(&format!("{}?notice=notice-saved", id.path()))),
            Err(e) => refused_at(lang_of(&parts), &id.path(), &form, e.into()),
        }
    }

    pub async fn structure(
        State(state): State<AppState>,
        Ids(id): Ids<ConsultationId>,
        StaffForm { parts, form, user }: StaffForm,
    ) -> Result<Response, AppError> {
        let version = form.version()?;
        let op = editor::op_from_form(
            form.required("op")?,
            form.get("target")?,
            form.get("up")? == "1",
            form.get("kind")?,
        )
        .ok_or_else(|| AppError::bad_request("unknown operation"))?;
        let action = Action::for_op(&op);
        match consultations::edit(&state.db, &user, &id, version, action, |s| {
            editor::run(s, &op)
        })
        .await
        {
            Ok(_) => Ok(redirect(&format!(
                "{}?notice=notice-saved#structure-heading",
                id.path()
            ))),
            Err(e) => refused_at(lang_of(&parts), &id.path(), &form, e),
        }
    }

    pub async fn transition(
        State(state): State<AppState>,
        Ids(id): Ids<ConsultationId>,
        StaffForm { parts, form, user }: StaffForm,
    ) -> Result<Response, AppError> {
        let version = form.version()?;
        let to = CState::parse(form.required("to")?)
            .ok_or_else(|| AppError::bad_request("unknown state"))?;
        let moved = if consultations::closes(to) {
            let k = state.config.disclosure_k;
            closing::close(&state.db, &state.reshuffle, &user, &id, version, to, k).await
        } else {
            consultations::transition(&state.db, &user, &id, version, to).await
        };
        match moved {
            Ok(Outcome::Done(())) => Ok(redirect(&format!(
                "{}?notice=notice-state-changed",
                id.path()
            ))),
            Ok(Outcome::Refused(refusal)) => {
                let (message, details) = transition_refusal(lang_of(&parts), refusal);
                let st = FormState::refused(Default::default(), message, details);
                Ok(again_at(&id.path(), st, StatusCode::CONFLICT))
            }
            Err(e) => refused_at(lang_of(&parts), &id.path(), &form, e.into()),
        }
    }

    pub async fn duplicate(
        State(state): State<AppState>,
        Ids(id): Ids<ConsultationId>,
        StaffForm { parts, form, user }: StaffForm,
    ) -> Result<Response, AppError> {
        // An action without fields still names the version it was asked on:
        // a body no page sent (400), or a page since outdated (409), copies
        // nothing; the copy is of the version the page showed.
        form.only(&["version"])?;
        let version = form.version()?;
        let c = consultations::get(&state.db, &id).await?;
        if c.version != version {
            return refused_at(lang_of(&parts), &id.path(), &form, AppError::Stale.into());
        }
        let new = consultations::create(&state.db, &user, &c.survey, &format!("duplicate of {id}"))
            .await?;
        Ok(redirect(&format!(
            "{}?notice=notice-consultation-duplicated",
            new.path()
        )))
    }

    /// `POST /consultations/{id}/next-round`: a new draft following this
    /// consultation in its series, its questions carried over with their
    /// ids.
    pub async fn next_round(
        State(state): State<AppState>,
        Ids(id): Ids<ConsultationId>,
        StaffForm { parts, form, user }: StaffForm,
    ) -> Result<Response, AppError> {
        form.only(&["version"])?;
        let version = form.version()?;
        match rounds::start_next(&state.db, &user, &id, version).await {
            Ok(new) => Ok(redirect(&format!(
                "{}?notice=notice-round-started",
                new.path()
            ))),
            Err(e @ (AppError::Stale | AppError::Conflict(_))) => {
                refused_at(lang_of(&parts), &id.path(), &form, e.into())
            }
            Err(e) => Err(e),
        }
    }

    /// `GET /consultations/{id}/export`: the versioned JSON document, as a download.
    pub async fn export_file(
        State(state): State<AppState>,
        Ids(id): Ids<ConsultationId>,
    ) -> Result<Response, AppError> {
        let c = consultations::get(&state.db, &id).await?;
        let mut res = export(&c.survey).into_response();
        let h = res.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let Ok(v) =
            HeaderValue::from_str(&format!("attachment; filename=\"consultation-{id}.json\""))
        {
            h.insert(header::CONTENT_DISPOSITION, v);
        }
        Ok(res)
    }
}
