//! `/respond`: the consultation's welcome page and where the response
//! stands; `/respond/done`: the confirmation after submitting.

use super::{RespondData, Step};
use crate::domain::response::Stage;
use crate::domain::survey::Respondents;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Home(d: RespondData) -> impl IntoView {
    let i18n = use_i18n();
    let lang = d.lang;
    let title = d.survey.title.get(lang).to_string();
    // A Party's one response (per-Party consultations): said as the Party's.
    let per_party = d.respondents == Respondents::PerParty && d.asks_support();
    let shared = d.shared();
    let done = d.step == Step::Done;
    let status = match (d.stage, per_party) {
        (None, _) => "response-status-none",
        (Some(Stage::Draft), true) => "response-status-draft-party",
        (Some(Stage::Draft), false) => "response-status-draft",
        (Some(Stage::Reopened), _) => "response-status-reopened",
        (Some(Stage::Submitted), true) => "response-status-submitted-party",
        (Some(Stage::Submitted), false) => "response-status-submitted",
    };
    let submitted = d.stage == Some(Stage::Submitted);
    let can_reopen = submitted && d.allow_changes;
    let page_title = if done {
        i18n.t("response-done-title")
    } else {
        title.clone()
    };
    let message = d.message.clone().map(|m| i18n.t(&m));
    view! {
        <Title text=page_title.clone()/>
        {message.map(|m| view! { <div class="error-summary" role="alert"><p>{m}</p></div> })}
        {if done {
            view! {
                <h1>{page_title}</h1>
                <p class="lead">{i18n.t(if per_party {
                    "response-done-party"
                } else if d.asks_support() {
                    "response-done"
                } else {
                    "response-done-other"
                })}</p>
                <p>{title.clone()}</p>
            }.into_any()
        } else {
            view! {
                <p class="meta">{i18n.t("invite-welcome")}</p>
                <h1>{title.clone()}</h1>
                {(!d.capacity.is_empty()).then(|| view! { <p id="capacity"><strong>{d.capacity.clone()}</strong></p> })}
                {d.deadline.clone().map(|dl| view! { <p><strong>{i18n.t_args("invite-deadline", &[("deadline", dl.into())])}</strong></p> })}
                <p class="lead">{d.survey.introduction.get(lang).to_string()}</p>
                <p role="note">{i18n.t(if d.asks_support() { "invite-anonymous" } else { "invite-anonymous-personal" })}</p>
                {shared.map(|note| view! { <p>{i18n.t(note)}</p> })}
            }.into_any()
        }}
        <div class="status-box" role="status">
            <p>{i18n.t(status)}</p>
            {d.deadline.clone().filter(|_| can_reopen).map(|dl| view! { <p>{i18n.t_args("response-changes-until", &[("deadline", dl.into())])}</p> })}
        </div>
        <div class="form-actions">
            {match d.stage {
                None => view! { <a class="button" href="/respond/profile">{i18n.t("response-start")}</a> }.into_any(),
                Some(Stage::Draft) | Some(Stage::Reopened) => view! {
                    <a class="button" href="/respond/profile">{i18n.t("response-continue")}</a>
                    <a class="button secondary" href="/respond/review">{i18n.t("response-review-link")}</a>
                }.into_any(),
                Some(Stage::Submitted) => view! {
                    <a class="button" href="/respond/copy">{i18n.t("response-copy-link")}</a>
                }.into_any(),
            }}
        </div>
        {can_reopen.then(|| view! {
            <form method="post" action="/respond/reopen" class="stack">
                <input type="hidden" name="version" value=d.version.unwrap_or(0).to_string()/>
                <p>{i18n.t("response-reopen-help")}</p>
                <button type="submit" class="secondary">{i18n.t("response-reopen")}</button>
            </form>
        })}
        {(!submitted).then(|| view! { <p><a href="/respond/all">{i18n.t("response-all-link")}</a></p> })}
        <p><a href="/respond/print">{i18n.t("response-print-link")}</a></p>
    }
}
