//! Inviting focal points to an open consultation, and following the
//! invitations: choose recipients (every active contact, a region, a role,
//! or by hand), see how many and the e-mail exactly as each language will
//! receive it, send; then what each invitation became (queued, sent, failed
//! with the reason, opened, submitted — facts, not times), counts per region,
//! reminders. Secretariat only; never on the same page as answers.

use super::with_page_data;
use crate::components::form::{ErrorSummary, field_value};
use crate::domain::contact::ContactRole;
use crate::domain::lang::Lang;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// Who the form names, as query or form fields: `who` = `all`, `region`,
/// `role`, `constituency` or `chosen`, with `region`, `role`,
/// `constituency` or `contact` (repeated).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choice {
    pub who: String,
    pub region: String,
    pub role: String,
    pub constituency: String,
    pub contacts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackedRow {
    pub name: String,
    pub email: String,
    /// The Party, or the constituency (and organisation) of another contact.
    pub party: String,
    pub state_id: String,
    pub reason: Option<String>,
    pub opened: bool,
    pub submitted: bool,
    pub reminders: i32,
}

/// What a send to the chosen contacts would do now: how many it would
/// invite, and how many it names but would not, and why.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Planned {
    pub invite: usize,
    /// Already invited to this consultation: never invited twice.
    pub already: usize,
    /// Not active: never invited.
    pub inactive: usize,
    /// Of a constituency the consultation does not invite: not invited.
    pub not_invited: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationsView {
    pub id: String,
    pub title: String,
    pub open: bool,
    /// (contact id, "Party — name <email>") of active contacts of the
    /// constituencies invited, for choosing by hand.
    pub contacts: Vec<(String, String)>,
    /// (code, name in the viewer's language) of the constituencies the
    /// consultation invites.
    pub constituencies: Vec<(String, String)>,
    /// What sending to the current choice would do, when there is one.
    pub count: Option<Planned>,
    /// (language, subject, text) of the e-mail as sent, for the current choice.
    pub previews: Vec<(Lang, String, String)>,
    pub rows: Vec<TrackedRow>,
    /// (region name, invited, sent, failed, opened, submitted).
    pub regions: Vec<(String, usize, usize, usize, usize, usize)>,
    pub queued: usize,
    pub done: usize,
    /// (code, official name in the viewer's language).
    pub region_options: Vec<(String, String)>,
    /// Days before the deadline at which reminders go by themselves, and whether each has gone.
    pub schedule: Vec<(i32, bool)>,
    /// The choice the address names (`?who=…`).
    pub choice: Choice,
    /// The choice checked in the form: the address's, else every active contact.
    pub who_checked: String,
    /// The invitations as this page shows them (`invitations::version`):
    /// every form here names it, and is refused if they changed since.
    pub version: i32,
}

#[component]
pub fn InvitationsPage() -> impl IntoView {
    with_page_data(|v: InvitationsView| view! { <Invitations v/> })
}

#[component]
fn Invitations(v: InvitationsView) -> impl IntoView {
    let i18n = use_i18n();
    let base = format!("/consultations/{}", v.id);
    let who = v.who_checked.clone();
    let Choice {
        who: named,
        region,
        role,
        constituency,
        contacts: chosen,
    } = v.choice.clone();
    let invites = i18n.t_args(
        "invitations-invites",
        &[(
            "list",
            v.constituencies
                .iter()
                .map(|(_, name)| name.as_str())
                .collect::<Vec<_>>()
                .join("; ")
                .into(),
        )],
    );
    let heading = i18n.t_args("invitations-title", &[("title", v.title.as_str().into())]);
    let total = v.queued + v.done;
    let version = v.version.to_string();
    let radio = move |value: &'static str, label: String| {
        let id = format!("who-{value}");
        view! {
            <div class="choice">
                <input type="radio" id=id.clone() name="who" value=value checked=who == value/>
                <label for=id>{label}</label>
            </div>
        }
    };
    view! {
        <Title text=heading.clone()/>
        // While messages are being delivered, the page follows them (no JavaScript needed).
        {(v.queued > 0).then(|| view! { <Meta http_equiv="refresh" content="3"/> })}
        <p><a href=base.clone()>{i18n.t("editor-back-to-consultation")}</a></p>
        <h1>{heading}</h1>
        <ErrorSummary fields=vec![("days", i18n.t("invitations-schedule-days"))]/>
        <section aria-labelledby="progress-heading" class="panel">
            <h2 id="progress-heading">{i18n.t("invitations-progress")}</h2>
            <p>
                <label for="delivery">{i18n.t_args("invitations-delivered", &[("done", v.done.into()), ("total", total.into())])}</label>
                " "
                <progress id="delivery" max=total.max(1) value=v.done>{format!("{}/{}", v.done, total)}</progress>
            </p>
            <div class="table-scroll">
            <table>
                <caption>{i18n.t("invitations-by-region")}</caption>
                <thead><tr>
                    <th scope="col">{i18n.t("field-region")}</th>
                    <th scope="col">{i18n.t("invitations-invited")}</th>
                    <th scope="col">{i18n.t("invitations-state-sent")}</th>
                    <th scope="col">{i18n.t("invitations-state-failed")}</th>
                    <th scope="col">{i18n.t("invitations-opened")}</th>
                    <th scope="col">{i18n.t("invitations-submitted")}</th>
                </tr></thead>
                <tbody>
                    {v.regions.into_iter().map(|(name, invited, sent, failed, opened, submitted)| view! {
                        <tr><th scope="row">{name}</th><td>{invited}</td><td>{sent}</td><td>{failed}</td><td>{opened}</td><td>{submitted}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
        {v.open.then(|| view! {
            <section aria-labelledby="send-heading">
                <h2 id="send-heading">{i18n.t("invitations-send-heading")}</h2>
                <p>{invites.clone()}</p>
                <form method="get" action=format!("{base}/invitations") class="stack">
                    <fieldset>
                        <legend>{i18n.t("invitations-who")}</legend>
                        {radio("all", i18n.t("invitations-who-all"))}
                        {radio("region", i18n.t("invitations-who-region"))}
                        <div class="field indent">
                            <label for="region">{i18n.t("field-region")}</label>
                            <select id="region" name="region">
                                {v.region_options.iter().map(|(code, name)| view! {
                                    <option value=code.clone() selected=region == *code>{name.clone()}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        {radio("role", i18n.t("invitations-who-role"))}
                        <div class="field indent">
                            <label for="role">{i18n.t("contact-field-role")}</label>
                            <select id="role" name="role">
                                {ContactRole::ALL.into_iter().map(|r| view! {
                                    <option value=r.code() selected=role == r.code()>{i18n.t(r.message_id())}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        {radio("constituency", i18n.t("invitations-who-constituency"))}
                        <div class="field indent">
                            <label for="constituency">{i18n.t("constituency-label")}</label>
                            <select id="constituency" name="constituency">
                                {v.constituencies.iter().map(|(code, name)| view! {
                                    <option value=code.clone() selected=constituency == *code>{name.clone()}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        {radio("chosen", i18n.t("invitations-who-chosen"))}
                        <fieldset class="indent">
                            <legend>{i18n.t("invitations-contacts")}</legend>
                            {v.contacts.iter().map(|(id, label)| {
                                let field = format!("contact-{id}");
                                view! {
                                    <div class="choice">
                                        <input type="checkbox" id=field.clone() name="contact" value=id.clone() checked=chosen.contains(id)/>
                                        <label for=field>{label.clone()}</label>
                                    </div>
                                }
                            }).collect_view()}
                        </fieldset>
                    </fieldset>
                    <button type="submit" class="secondary">{i18n.t("invitations-preview")}</button>
                </form>
                {v.count.map(|planned| {
                    let who = named.clone();
                    let n = planned.invite;
                    // Nobody left to invite among those chosen: say so in
                    // one sentence, not "no contact" then "N already".
                    let all_already = n == 0 && planned.already > 0;
                    let headline = if all_already {
                        i18n.t_args("invitations-count-all-already", &[("count", planned.already.into())])
                    } else {
                        i18n.t_args("invitations-count", &[("count", n.into())])
                    };
                    let not_again = (planned.already > 0 && !all_already).then(|| view! {
                        " " <span>{i18n.t_args("invitations-count-already", &[("count", planned.already.into())])}</span>
                    });
                    let inactive = (planned.inactive > 0).then(|| view! {
                        " " <span>{i18n.t_args("invitations-count-inactive", &[("count", planned.inactive.into())])}</span>
                    });
                    let not_invited = (planned.not_invited > 0).then(|| view! {
                        " " <span>{i18n.t_args("invitations-count-not-invited", &[("count", planned.not_invited.into())])}</span>
                    });
                    view! {
                        <p id="invitations-count">
                            <strong>{headline}</strong>
                            {not_again}
                            {inactive}
                            {not_invited}
                        </p>
                        {v.previews.into_iter().map(|(lang, subject, text)| view! {
                            <details>
                                <summary>{i18n.t_args("invitations-preview-in", &[("language", i18n.t(lang.message_id()).into())])}</summary>
                                <div lang=lang.code() class="email-preview">
                                    <p><strong>{subject}</strong></p>
                                    <pre>{text}</pre>
                                </div>
                            </details>
                        }).collect_view()}
                        // Nothing to send: no button that would send nothing.
                        {(n > 0).then(|| view! {
                            <form method="post" action=format!("{base}/invitations")>
                                <input type="hidden" name="version" value=version.clone()/>
                                <input type="hidden" name="who" value=who/>
                                <input type="hidden" name="region" value=region.clone()/>
                                <input type="hidden" name="role" value=role.clone()/>
                                <input type="hidden" name="constituency" value=constituency.clone()/>
                                {chosen.iter().map(|c| view! { <input type="hidden" name="contact" value=c.clone()/> }).collect_view()}
                                <button type="submit">{i18n.t_args("invitations-send", &[("count", n.into())])}</button>
                            </form>
                        })}
                    }
                })}
            </section>
            <section aria-labelledby="remind-heading">
                <h2 id="remind-heading">{i18n.t("invitations-remind-heading")}</h2>
                <form method="post" action=format!("{base}/reminders") class="stack narrow">
                    <input type="hidden" name="version" value=version.clone()/>
                    <div class="field">
                        <label for="max">{i18n.t("invitations-remind-max")}</label>
                        <input type="number" id="max" name="max" min="1" max="10" value=field_value("max", "3".to_string())/>
                    </div>
                    <button type="submit">{i18n.t("invitations-remind")}</button>
                </form>
                <h3>{i18n.t("invitations-schedule-heading")}</h3>
                {(!v.schedule.is_empty()).then(|| view! {
                    <ul>
                        {v.schedule.iter().map(|(days, done)| view! {
                            <li>{i18n.t_args(if *done { "invitations-schedule-done" } else { "invitations-schedule-pending" }, &[("days", i64::from(*days).into())])}</li>
                        }).collect_view()}
                    </ul>
                })}
                <form method="post" action=format!("{base}/reminders/schedule") class="stack narrow">
                    <input type="hidden" name="version" value=version.clone()/>
                    <div class="field">
                        <label for="days">{i18n.t("invitations-schedule-days")}</label>
                        <p class="hint" id="days-hint">{i18n.t("invitations-schedule-hint")}</p>
                        <input type="text" id="days" name="days" inputmode="numeric" aria-describedby="days-hint"
                            value=field_value("days", v.schedule.iter().filter(|(_, done)| !done).map(|(d, _)| d.to_string()).collect::<Vec<_>>().join(", "))/>
                    </div>
                    <button type="submit" class="secondary">{i18n.t("invitations-schedule-save")}</button>
                </form>
            </section>
        })}
        {(!v.open).then(|| view! { <p role="note">{i18n.t("invitations-error-not-open")}</p> })}
        <section aria-labelledby="tracking-heading">
            <h2 id="tracking-heading">{i18n.t("invitations-tracking")}</h2>
            <div class="table-scroll">
            <table>
                <thead><tr>
                    <th scope="col">{i18n.t("contacts-column-for")}</th>
                    <th scope="col">{i18n.t("contact-field-name")}</th>
                    <th scope="col">{i18n.t("invitations-state")}</th>
                    <th scope="col">{i18n.t("invitations-opened")}</th>
                    <th scope="col">{i18n.t("invitations-submitted")}</th>
                    <th scope="col">{i18n.t("invitations-reminders")}</th>
                </tr></thead>
                <tbody>
                    {v.rows.into_iter().map(|r| {
                        let yes_no = |b: bool| i18n.t(if b { "invitations-yes" } else { "invitations-no" });
                        view! {
                            <tr>
                                <td>{r.party}</td>
                                <td>{r.name} <br/><span class="meta">{r.email}</span></td>
                                <td>{i18n.t(&r.state_id)} {r.reason.map(|why| view! { <br/><span class="meta">{why}</span> })}</td>
                                <td>{yes_no(r.opened)}</td>
                                <td>{yes_no(r.submitted)}</td>
                                <td>{r.reminders}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
}

#[cfg(feature = "ssr")]
pub mod handler {
    use super::{Choice, InvitationsView, Planned, TrackedRow};
    use crate::domain::constituency::Constituency;
    use crate::domain::contact::{Contact, ContactRole};
    use crate::domain::ids::{ConsultationId, ContactId};
    use crate::domain::lang::Lang;
    use crate::domain::survey::lifecycle::State as CState;
    use crate::error::AppError;
    use crate::i18n::I18n;
    use crate::pages::consultation::title_or_untitled;
    use crate::ssr::extract::{Caller, Ids, Query};
    use crate::ssr::forms::StaffForm;
    use crate::ssr::invitation_mail::{Capacity, Facts, Kind, render};
    use crate::ssr::reply::{redirect, with_data};
    use crate::ssr::services::invitations::{self, Recipients};
    use crate::ssr::services::{consultations, contacts, parties};
    use crate::ssr::state::AppState;
    use axum::extract::State;
    use axum::http::StatusCode;
    use axum::response::Response;

    /// `GET /consultations/{id}/invitations[?who=…]`.
    pub async fn show(
        State(state): State<AppState>,
        Caller { i18n, .. }: Caller,
        Ids(id): Ids<ConsultationId>,
        Query(q): Query,
    ) -> Result<Response, AppError> {
        let choice = Choice {
            who: q.get("who")?.to_string(),
            region: q.get("region")?.to_string(),
            role: q.get("role")?.to_string(),
            constituency: q.get("constituency")?.to_string(),
            contacts: q.all("contact"),
        };
        let data = load(&state, i18n, &id, choice).await?;
        Ok(with_data(None, data, StatusCode::OK))
    }

    /// Consultation `id`'s invitations as they stand, and what sending to
    /// `choice` would do (how many, and the e-mail in each language).
    pub async fn load(
        state: &AppState,
        i18n: I18n,
        cid: &ConsultationId,
        choice: Choice,
    ) -> Result<InvitationsView, AppError> {
        let c = consultations::get(&state.db, cid).await?;
        let title = title_or_untitled(&c.survey, i18n);
        let all = contacts::list(&state.db).await?;
        let invited = c.survey.constituencies();
        let contact_choices = all
            .iter()
            .filter(|s| s.contact.active && invited.contains(&s.contact.constituency))
            .map(|s| {
                (
                    s.id.to_string(),
                    format!(
                        "{} — {} <{}>",
                        whose(i18n, &s.contact),
                        s.contact.name,
                        s.contact.email
                    ),
                )
            })
            .collect();
        let constituencies = invited
            .iter()
            .map(|k| (k.code().to_string(), i18n.t(k.message_id())))
            .collect();
        // The capacity the previewed e-mail says: the chosen constituency's,
        // or the one every contact chosen by hand belongs to; else a Party's.
        let previewed = match recipients(&choice) {
            Some(Recipients::Constituency(k)) => k,
            Some(Recipients::Contacts(ids)) => {
                let mut kinds = all
                    .iter()
                    .filter(|s| ids.contains(&s.id))
                    .map(|s| s.contact.constituency);
                match kinds.next() {
                    Some(first) if kinds.all(|k| k == first) => first,
                    _ => Constituency::Party,
                }
            }
            _ => Constituency::Party,
        };
        let (count, previews) = match recipients(&choice) {
            Some(who) => {
                let n = invitations::count(&state.db, cid, &who).await?;
                let n = Planned {
                    invite: n.invite,
                    already: n.already,
                    inactive: n.inactive,
                    not_invited: n.not_invited,
                };
                let previews = Lang::ALL
                    .into_iter()
                    .map(|lang| {
                        let t = c.survey.title.get(lang);
                        let t = if t.trim().is_empty() {
                            c.survey.title.en.as_str()
                        } else {
                            t
                        };
                        let deadline = c
                            .deadline
                            .map(|d| I18n::new(lang).date_time(d))
                            .unwrap_or_default();
                        let name = I18n::new(lang).t("invitations-preview-name");
                        let party = I18n::new(lang).t("invitations-preview-party");
                        let region = I18n::new(lang).t("invitations-preview-region");
                        let organisation = I18n::new(lang).t("invitations-preview-organisation");
                        let link = format!("{}/i/…", state.public_url);
                        let r = render(&Facts {
                            lang,
                            kind: Kind::Invitation,
                            name: &name,
                            capacity: Capacity::of(previewed, &party, &region, &organisation),
                            title: t,
                            deadline: &deadline,
                            link: &link,
                        });
                        (lang, r.subject, r.text)
                    })
                    .collect();
                (Some(n), previews)
            }
            None => (None, vec![]),
        };
        let tracked = invitations::tracking(&state.db, cid).await?;
        let state_id = |t: &invitations::Tracked| {
            if t.queued {
                "invitations-state-queued"
            } else if t.failed {
                "invitations-state-failed"
            } else if t.sent {
                "invitations-state-sent"
            } else {
                "invitations-state-queued"
            }
        };
        let rows = tracked
            .iter()
            .map(|t| TrackedRow {
                name: t.contact_name.clone(),
                email: t.contact_email.clone(),
                party: match (&t.party, &t.organisation) {
                    (Some(p), _) => p.to_string(),
                    (None, Some(o)) => format!("{} — {o}", i18n.t(t.constituency.message_id())),
                    (None, None) => i18n.t(t.constituency.message_id()),
                },
                state_id: state_id(t).to_string(),
                reason: t
                    .failed
                    .then(|| t.failure_reason.clone().unwrap_or_default()),
                opened: t.opened,
                submitted: t.submitted,
                reminders: t.reminders_sent,
            })
            .collect();
        let region_names = parties::regions(&state.db).await?;
        let region_options = region_names
            .iter()
            .map(|(r, names)| (r.code().to_string(), names.get(i18n.lang).to_string()))
            .collect();
        let regions = region_names
            .into_iter()
            .map(|(r, names)| {
                let of: Vec<&invitations::Tracked> =
                    tracked.iter().filter(|t| t.region == Some(r)).collect();
                (
                    names.get(i18n.lang).to_string(),
                    of.len(),
                    of.iter().filter(|t| t.sent).count(),
                    of.iter().filter(|t| t.failed).count(),
                    of.iter().filter(|t| t.opened).count(),
                    of.iter().filter(|t| t.submitted).count(),
                )
            })
            .collect();
        let queued = tracked.iter().filter(|t| t.queued).count();
        Ok(InvitationsView {
            id: c.id.to_string(),
            title,
            open: c.state == CState::Open,
            contacts: contact_choices,
            constituencies,
            count,
            previews,
            rows,
            regions,
            queued,
            done: tracked.len() - queued,
            region_options,
            schedule: invitations::reminder_schedule(&state.db, cid).await?,
            who_checked: if choice.who.is_empty() {
                "all".to_string()
            } else {
                choice.who.clone()
            },
            choice,
            version: invitations::version(&state.db, cid).await?,
        })
    }

    /// Whom a contact answers for, as the lists show it: its Party's code,
    /// or its constituency (and organisation).
    fn whose(i18n: I18n, c: &Contact) -> String {
        match (&c.party, &c.organisation) {
            (Some(p), _) => p.to_string(),
            (None, Some(o)) => format!("{} — {o}", i18n.t(c.constituency.message_id())),
            (None, None) => i18n.t(c.constituency.message_id()),
        }
    }

    /// `value` percent-encoded for a query string.
    fn encoded(value: &str) -> String {
        value
            .bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    }

    /// The invitations page again (at `at`), refusing a form sent from a
    /// page whose invitations have changed since (409, "changed by someone
    /// else"): it shows them as they are now, with a new version, and what
    /// was typed.
    fn stale(at: &str, form: &crate::ssr::forms::Form) -> Response {
        let st = crate::components::form::FormState::refused(
            form.values_except(&["version"]),
            "invitations-stale",
            vec![],
        );
        crate::ssr::reply::again_at(at, st, StatusCode::CONFLICT)
    }

    /// The recipients a choice names; `None` when it names none yet.
    pub fn recipients(c: &Choice) -> Option<Recipients> {
        match c.who.as_str() {
            "all" => Some(Recipients::AllActive),
            "region" => c.region.parse().ok().map(Recipients::Region),
            "role" => ContactRole::recognise(&c.role).map(Recipients::Role),
            "constituency" => Constituency::parse(&c.constituency).map(Recipients::Constituency),
            // A crafted id names no contact.
            "chosen" if !c.contacts.is_empty() => Some(Recipients::Contacts(
                c.contacts
                    .iter()
                    .filter_map(|s| ContactId::parse(s))
                    .collect(),
            )),
            _ => None,
        }
    }

    pub async fn send(
        State(state): State<AppState>,
        Ids(id): Ids<ConsultationId>,
        StaffForm { form, user, .. }: StaffForm,
    ) -> Result<Response, AppError> {
        let choice = Choice {
            who: form.required("who")?.to_string(),
            region: form.get("region")?.to_string(),
            role: form.get("role")?.to_string(),
            constituency: form.get("constituency")?.to_string(),
            contacts: form.all("contact"),
        };
        let version = form.version()?;
        let who =
            recipients(&choice).ok_or_else(|| AppError::bad_request("no recipients named"))?;
        let sent = match invitations::invite(&state.db, &state.key, &user, &id, &who, version).await
        {
            Err(AppError::Stale) => {
                // The same choice, counted again as things are now.
                let mut query = vec![
                    ("who", choice.who.as_str()),
                    ("region", choice.region.as_str()),
                    ("role", choice.role.as_str()),
                    ("constituency", choice.constituency.as_str()),
                ];
                query.extend(choice.contacts.iter().map(|c| ("contact", c.as_str())));
                let query: Vec<String> = query
                    .iter()
                    .map(|(k, v)| format!("{k}={}", encoded(v)))
                    .collect();
                let at = format!("{}/invitations?{}", id.path(), query.join("&"));
                return Ok(stale(&at, &form));
            }
            other => other?,
        };
        Ok(redirect(&format!(
            "{}/invitations?notice=notice-invitations-queued&queued={}&already={}",
            id.path(),
            sent.queued,
            sent.already
        )))
    }

    /// `POST /consultations/{id}/reminders/schedule`: `days` = "7, 2".
    pub async fn schedule(
        State(state): State<AppState>,
        Ids(id): Ids<ConsultationId>,
        StaffForm { form, user, .. }: StaffForm,
    ) -> Result<Response, AppError> {
        let version = form.version()?;
        let raw = form.required("days")?;
        let days: Result<Vec<i32>, ()> = raw
            .split([',', ';', ' '])
            .filter(|d| !d.trim().is_empty())
            .map(|d| {
                d.trim()
                    .parse::<i32>()
                    .ok()
                    .filter(|d| (1..=90).contains(d))
                    .ok_or(())
            })
            .collect();
        let Ok(days) = days else {
            let mut errors = crate::domain::validation::FieldErrors::default();
            errors.push("days", "invitations-schedule-error");
            let st = crate::components::form::FormState::invalid(form.values_except(&[]), errors);
            return Ok(crate::ssr::reply::again_at(
                &format!("{}/invitations", id.path()),
                st,
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            ));
        };
        match invitations::set_reminder_schedule(&state.db, &user, &id, &days, version).await {
            Err(AppError::Stale) => {
                return Ok(stale(&format!("{}/invitations", id.path()), &form));
            }
            other => other?,
        }
        Ok(redirect(&format!(
            "{}/invitations?notice=notice-saved",
            id.path()
        )))
    }

    pub async fn remind(
        State(state): State<AppState>,
        Ids(id): Ids<ConsultationId>,
        StaffForm { form, user, .. }: StaffForm,
    ) -> Result<Response, AppError> {
        let version = form.version()?;
        let max: i32 = form
            .required("max")?
            .trim()
            .parse()
            .map_err(|_| AppError::bad_request("unreadable maximum"))?;
        let max = max.clamp(1, 10);
        let asked = invitations::Asked::Staff {
            actor: &user,
            version,
        };
        let n = match invitations::remind(&state.db, asked, &id, max).await {
            Err(AppError::Stale) => {
                return Ok(stale(&format!("{}/invitations", id.path()), &form));
            }
            other => other?,
        };
        Ok(redirect(&format!(
            "{}/invitations?notice=notice-reminders-queued&queued={n}",
            id.path()
        )))
    }
}
