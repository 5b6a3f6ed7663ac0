//! Contacts, whom the Secretariat invites — Parties' focal points,
//! Committee members and partners' contacts: the list, adding and
//! correcting one, importing a CSV file (with a report for every row, and
//! nothing written until the Secretariat confirms), and exporting them as
//! CSV. The form works without JavaScript: every field is there whatever
//! the constituency; hints say which each constituency needs, and the
//! server's validation decides.

use super::with_page_data;
use crate::components::form::{ErrorSummary, SelectField, TextField, field_value, use_form};
use crate::domain::constituency::Constituency;
use crate::domain::contact::{ContactRole, NAME_MAX};
use crate::domain::ids::ContactId;
use crate::domain::lang::Lang;
use crate::i18n::{I18n, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactRow {
    pub id: ContactId,
    pub constituency: Constituency,
    /// The Party's code, or empty (Committee members and partners).
    pub party: String,
    pub party_name: String,
    /// The region's code (Committee members, partners), or empty.
    pub region: String,
    /// The region's name in the viewer's language, or empty.
    pub region_name: String,
    pub organisation: String,
    pub name: String,
    pub email: String,
    pub role: ContactRole,
    pub lang: Lang,
    pub active: bool,
    pub failing: Option<String>,
    pub version: i32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactsView {
    pub rows: Vec<ContactRow>,
    /// (code, name in the viewer's language), by name.
    pub parties: Vec<(String, String)>,
    /// (code, name in the viewer's language), in CITES order.
    pub regions: Vec<(String, String)>,
}

fn role_options(i18n: I18n) -> Vec<(String, String)> {
    ContactRole::ALL
        .iter()
        .map(|r| (r.code().to_string(), i18n.t(r.message_id())))
        .collect()
}

fn lang_options(i18n: I18n) -> Vec<(String, String)> {
    Lang::ALL
        .iter()
        .map(|l| (l.code().to_string(), i18n.t(l.message_id())))
        .collect()
}

fn constituency_options(i18n: I18n) -> Vec<(String, String)> {
    Constituency::ALL
        .iter()
        .map(|c| (c.code().to_string(), i18n.t(c.message_id())))
        .collect()
}

/// The fields of one contact (adding or correcting).
#[component]
fn ContactFields(
    parties: Vec<(String, String)>,
    regions: Vec<(String, String)>,
    current: Option<ContactRow>,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = use_form();
    let c = current.clone();
    let active = if form.values.is_empty() {
        c.as_ref().is_none_or(|c| c.active)
    } else {
        form.value("active").is_some()
    };
    let party_options = parties
        .into_iter()
        .map(|(code, name)| (code.clone(), format!("{name} ({code})")))
        .collect();
    view! {
        <SelectField name="constituency" label=i18n.t("constituency-label") options=constituency_options(i18n)
            value=c.as_ref().map(|c| c.constituency.code().to_string()).unwrap_or_else(|| Constituency::Party.code().to_string())
            hint=i18n.t("contact-hint-constituency")/>
        <SelectField name="party" label=i18n.t("contact-field-party") options=party_options
            value=c.as_ref().map(|c| c.party.clone()).unwrap_or_default() choose=i18n.t("field-choose")
            hint=i18n.t("contact-hint-party")/>
        <SelectField name="region" label=i18n.t("contact-field-region") options=regions
            value=c.as_ref().map(|c| c.region.clone()).unwrap_or_default() choose=i18n.t("field-choose")
            hint=i18n.t("contact-hint-region")/>
        <TextField name="organisation" label=i18n.t("contact-field-organisation")
            value=field_value("organisation", c.as_ref().map(|c| c.organisation.clone()).unwrap_or_default())
            maxlength=NAME_MAX hint=i18n.t("contact-hint-organisation")/>
        <TextField name="name" label=i18n.t("contact-field-name")
            value=field_value("name", c.as_ref().map(|c| c.name.clone()).unwrap_or_default()) required=true maxlength=NAME_MAX autocomplete="off"/>
        <TextField name="email" label=i18n.t("field-email") kind="email"
            value=field_value("email", c.as_ref().map(|c| c.email.clone()).unwrap_or_default()) required=true maxlength=254/>
        <SelectField name="role" label=i18n.t("contact-field-role") options=role_options(i18n)
            value=c.as_ref().map(|c| c.role.code().to_string()).unwrap_or_default() choose=i18n.t("field-choose")
            hint=i18n.t("contact-hint-role")/>
        <SelectField name="lang" label=i18n.t("contact-field-lang") options=lang_options(i18n)
            value=c.as_ref().map(|c| c.lang.code().to_string()).unwrap_or_default() required=true choose=i18n.t("field-choose")/>
        <div class="choice">
            <input type="checkbox" id="active" name="active" value="1" checked=active/>
            <label for="active">{i18n.t("contact-field-active")}</label>
        </div>
    }
}

fn field_labels(i18n: I18n) -> Vec<(&'static str, String)> {
    vec![
        ("constituency", i18n.t("constituency-label")),
        ("party", i18n.t("contact-field-party")),
        ("region", i18n.t("contact-field-region")),
        ("organisation", i18n.t("contact-field-organisation")),
        ("name", i18n.t("contact-field-name")),
        ("email", i18n.t("field-email")),
        ("role", i18n.t("contact-field-role")),
        ("lang", i18n.t("contact-field-lang")),
    ]
}

#[component]
pub fn ContactsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("contacts-title")/>
        {with_page_data(|v: ContactsView| view! { <Contacts v/> })}
    }
}

#[component]
fn Contacts(v: ContactsView) -> impl IntoView {
    let i18n = use_i18n();
    let form = use_form();
    // A previewed import comes back with its file, to confirm.
    let pending_import = form.value("csv").filter(|c| !c.trim().is_empty());
    let active = v.rows.iter().filter(|r| r.active).count();
    let failing = v.rows.iter().filter(|r| r.failing.is_some()).count();
    view! {
        <h1>{i18n.t("contacts-title")}</h1>
        <p class="lead">{i18n.t("contacts-intro")}</p>
        <p>{i18n.t_args("contacts-count", &[("count", v.rows.len().into()), ("active", active.into()), ("failing", failing.into())])}</p>
        <ErrorSummary fields=field_labels(i18n)/>
        {pending_import.map(|csv| view! {
            <section aria-labelledby="confirm-heading" class="panel">
                <h2 id="confirm-heading">{i18n.t("contacts-import-confirm-heading")}</h2>
                <form method="post" action="/contacts/import/confirm">
                    <input type="hidden" name="version" value=form.value("version").unwrap_or_default()/>
                    <input type="hidden" name="csv" value=csv/>
                    <button type="submit">{i18n.t("contacts-import-confirm")}</button>
                </form>
            </section>
        })}
        {(!v.rows.is_empty()).then(|| view! {
            <div class="table-scroll">
            <table class="contacts">
                <caption class="visually-hidden">{i18n.t("contacts-title")}</caption>
                <thead><tr>
                    <th scope="col">{i18n.t("constituency-label")}</th>
                    <th scope="col">{i18n.t("contacts-column-for")}</th>
                    <th scope="col">{i18n.t("contact-field-region")}</th>
                    <th scope="col">{i18n.t("contact-field-name")}</th>
                    <th scope="col">{i18n.t("field-email")}</th>
                    <th scope="col">{i18n.t("contact-field-role")}</th>
                    <th scope="col">{i18n.t("contact-field-lang")}</th>
                    <th scope="col">{i18n.t("contacts-status")}</th>
                </tr></thead>
                <tbody>
                    {v.rows.iter().map(|r| {
                        let status = match (&r.failing, r.active) {
                            (Some(reason), _) => i18n.t_args("contacts-failing", &[("reason", reason.as_str().into())]),
                            (None, true) => i18n.t("contacts-active"),
                            (None, false) => i18n.t("contacts-inactive"),
                        };
                        view! {
                            <tr id=format!("contact-{}", r.id) class:failing=r.failing.is_some()>
                                <td>{i18n.t(r.constituency.message_id())}</td>
                                <td>{if r.party.is_empty() {
                                    r.organisation.clone()
                                } else {
                                    format!("{} ({})", r.party_name, r.party)
                                }}</td>
                                <td>{r.region_name.clone()}</td>
                                <td><a href=format!("/contacts/{}", r.id)>{r.name.clone()}</a></td>
                                <td>{r.email.clone()}</td>
                                <td>{i18n.t(r.role.message_id())}</td>
                                <td>{i18n.t(r.lang.message_id())}</td>
                                <td>{status}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        })}
        <p><a href="/contacts/export.csv" download="contacts.csv">{i18n.t("contacts-export")}</a></p>
        <section aria-labelledby="add-heading">
            <h2 id="add-heading">{i18n.t("contacts-add")}</h2>
            <form method="post" action="/contacts" class="stack narrow">
                <ContactFields parties=v.parties.clone() regions=v.regions.clone() current=None/>
                <button type="submit">{i18n.t("contacts-add-submit")}</button>
            </form>
        </section>
        <section aria-labelledby="import-heading">
            <h2 id="import-heading">{i18n.t("contacts-import")}</h2>
            <p class="hint" id="contacts-file-hint">{i18n.t("contacts-import-hint")}</p>
            <form method="post" action="/contacts/import" enctype="multipart/form-data" class="stack narrow">
                <div class="field">
                    <label for="file">{i18n.t("contacts-import-file")}</label>
                    <input type="file" id="file" name="file" accept=".csv,text/csv" required aria-describedby="contacts-file-hint"/>
                </div>
                <button type="submit">{i18n.t("contacts-import-preview")}</button>
            </form>
        </section>
    }
}

/// One contact, to correct, and the Parties to choose from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactEditView {
    pub row: ContactRow,
    pub parties: Vec<(String, String)>,
    pub regions: Vec<(String, String)>,
}

#[component]
pub fn ContactEditPage() -> impl IntoView {
    with_page_data(
        |v: ContactEditView| view! { <ContactEdit row=v.row parties=v.parties regions=v.regions/> },
    )
}

#[component]
fn ContactEdit(
    row: ContactRow,
    parties: Vec<(String, String)>,
    regions: Vec<(String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let title = i18n.t_args("contacts-edit-title", &[("name", row.name.as_str().into())]);
    view! {
        <Title text=title.clone()/>
        <p><a href="/contacts">{i18n.t("contacts-back")}</a></p>
        <h1>{title}</h1>
        {row.failing.clone().map(|reason| view! {
            <p class="notice-locked" role="note">{i18n.t_args("contacts-failing", &[("reason", reason.into())])}</p>
        })}
        <ErrorSummary fields=field_labels(i18n)/>
        <form method="post" action=format!("/contacts/{}", row.id) class="stack narrow">
            <input type="hidden" name="version" value=row.version/>
            <ContactFields parties regions current=Some(row.clone())/>
            <button type="submit">{i18n.t("contacts-save")}</button>
        </form>
    }
}

#[cfg(feature = "ssr")]
pub mod handler {
    use super::{ContactEditView, ContactRow, ContactsView};
    use crate::components::form::FormState;
    use crate::domain::contact::ContactInput;
    use crate::domain::ids::{ContactId, PartyCode};
    use crate::error::AppError;
    use crate::i18n::I18n;
    use crate::ssr::contact_csv::{self, RowOutcome};
    use crate::ssr::extract::{Caller, Ids};
    use crate::ssr::forms::{Form, StaffForm, StaffUpload, lang_of};
    use crate::ssr::reply::{again, again_at, redirect, with_data};
    use crate::ssr::services::{contacts, parties};
    use crate::ssr::state::AppState;
    use axum::extract::State;
    use axum::http::{HeaderValue, StatusCode, header};
    use axum::response::{IntoResponse, Response};

    /// Every contact, and the Parties (by name) to choose from.
    pub async fn load(state: &AppState, i18n: I18n) -> Result<ContactsView, AppError> {
        let lang = i18n.lang;
        let mut parties: Vec<(String, String)> = parties::list(&state.db)
            .await?
            .into_iter()
            .map(|p| (p.code.to_string(), p.name(lang).to_string()))
            .collect();
        parties.sort_by(|a, b| a.1.cmp(&b.1));
        let regions: Vec<(String, String)> = parties::regions(&state.db)
            .await?
            .into_iter()
            .map(|(r, name)| (r.code().to_string(), name.get(lang).to_string()))
            .collect();
        let region_name = |code: &str| {
            regions
                .iter()
                .find(|(c, _)| c == code)
                .map(|(_, n)| n.clone())
                .unwrap_or_default()
        };
        let name_of = |code: &str| {
            parties
                .iter()
                .find(|(c, _)| c == code)
                .map(|(_, n)| n.clone())
                .unwrap_or_default()
        };
        let rows = contacts::list(&state.db)
            .await?
            .into_iter()
            .map(|s| {
                let party = s
                    .contact
                    .party
                    .as_ref()
                    .map(|p| p.to_string())
                    .unwrap_or_default();
                let region = s.contact.region.map(|r| r.code()).unwrap_or_default();
                ContactRow {
                    constituency: s.contact.constituency,
                    party_name: name_of(&party),
                    party,
                    region: region.to_string(),
                    region_name: region_name(region),
                    organisation: s.contact.organisation.unwrap_or_default(),
                    id: s.id,
                    name: s.contact.name,
                    email: s.contact.email,
                    role: s.contact.role,
                    lang: s.contact.lang,
                    active: s.contact.active,
                    failing: s.failing.then(|| s.failure_reason.unwrap_or_default()),
                    version: s.version,
                }
            })
            .collect();
        Ok(ContactsView {
            rows,
            parties,
            regions,
        })
    }

    /// Contact `id`, and the Parties to choose from.
    pub async fn load_one(
        state: &AppState,
        i18n: I18n,
        id: &ContactId,
    ) -> Result<ContactEditView, AppError> {
        let all = load(state, i18n).await?;
        let row = all
            .rows
            .into_iter()
            .find(|r| &r.id == id)
            .ok_or(AppError::NotFound)?;
        Ok(ContactEditView {
            row,
            parties: all.parties,
            regions: all.regions,
        })
    }

    /// `GET /contacts`.
    pub async fn show(
        State(state): State<AppState>,
        Caller { i18n, .. }: Caller,
    ) -> Result<Response, AppError> {
        Ok(with_data(None, load(&state, i18n).await?, StatusCode::OK))
    }

    /// `GET /contacts/{id}`.
    pub async fn show_one(
        State(state): State<AppState>,
        Caller { i18n, .. }: Caller,
        Ids(id): Ids<ContactId>,
    ) -> Result<Response, AppError> {
        let data = load_one(&state, i18n, &id).await?;
        Ok(with_data(None, data, StatusCode::OK))
    }

    fn input(form: &Form) -> Result<ContactInput, AppError> {
        // Absent optional fields (a form of an earlier page, a script)
        // read as empty: the constituency's rules decide.
        Ok(ContactInput {
            constituency: form.get("constituency")?.to_string(),
            party: form.get("party")?.to_string(),
            region: form.get("region")?.to_string(),
            organisation: form.get("organisation")?.to_string(),
            name: form.required("name")?.to_string(),
            email: form.required("email")?.to_string(),
            role: form.get("role")?.to_string(),
            lang: form.required("lang")?.to_string(),
            active: form.get("active")? == "1",
        })
    }

    async fn save(
        state: &AppState,
        StaffForm { form, user, .. }: StaffForm,
        id: Option<ContactId>,
    ) -> Result<Response, AppError> {
        let version = match &id {
            Some(_) => Some(form.version()?),
            None => None,
        };
        let known = contacts::known_parties(&state.db).await?;
        let contact = match input(&form)?.validate(&|p: &PartyCode| known.contains(p)) {
            Ok(c) => c,
            Err(errors) => {
                let st = FormState::invalid(form.values_except(&["version"]), errors);
                return Ok(again(st, StatusCode::UNPROCESSABLE_ENTITY));
            }
        };
        let result = match (&id, version) {
            (Some(id), Some(v)) => contacts::update(&state.db, &user, id, v, &contact)
                .await
                .map(|()| id.clone()),
            _ => contacts::create(&state.db, &user, &contact).await,
        };
        match result {
            Ok(id) => Ok(redirect(&format!(
                "/contacts?notice=notice-saved#contact-{id}"
            ))),
            Err(e @ (AppError::Conflict(_) | AppError::Stale)) => {
                let st =
                    FormState::refused(form.values_except(&["version"]), e.message_id(), vec![]);
                Ok(again(st, StatusCode::CONFLICT))
            }
            Err(e) => Err(e),
        }
    }

    pub async fn create(
        State(state): State<AppState>,
        form: StaffForm,
    ) -> Result<Response, AppError> {
        save(&state, form, None).await
    }

    pub async fn update(
        State(state): State<AppState>,
        Ids(id): Ids<ContactId>,
        form: StaffForm,
    ) -> Result<Response, AppError> {
        contacts::get(&state.db, &id).await?;
        save(&state, form, Some(id)).await
    }

    /// Reads the file against the register and the stored contacts.
    async fn report(state: &AppState, text: &str) -> Result<contact_csv::ImportReport, AppError> {
        let known = contacts::known_parties(&state.db).await?;
        let existing = contacts::existing(&state.db).await?;
        Ok(contact_csv::read(
            text,
            |p: &PartyCode| known.contains(p),
            &existing,
        ))
    }

    /// One translated line per row of the report.
    fn report_lines(i18n: I18n, r: &contact_csv::ImportReport) -> Vec<String> {
        r.rows
            .iter()
            .map(|row| {
                let what = match &row.outcome {
                    RowOutcome::Valid(c) => i18n.t_args(
                        "contacts-import-row-valid",
                        &[
                            ("email", c.email.as_str().into()),
                            (
                                "party",
                                match (&c.party, &c.organisation) {
                                    (Some(p), _) => p.to_string(),
                                    (None, Some(o)) => {
                                        format!("{} — {o}", i18n.t(c.constituency.message_id()))
                                    }
                                    (None, None) => i18n.t(c.constituency.message_id()),
                                }
                                .into(),
                            ),
                        ],
                    ),
                    RowOutcome::Invalid(ids) => ids
                        .iter()
                        .map(|id| i18n.t(id))
                        .collect::<Vec<_>>()
                        .join(" "),
                    RowOutcome::Duplicate => i18n.t("contacts-import-row-duplicate"),
                    RowOutcome::Exists => i18n.t("contacts-import-row-exists"),
                };
                i18n.t_args(
                    "contacts-import-line",
                    &[("line", row.line.into()), ("what", what.into())],
                )
            })
            .collect()
    }

    /// `POST /contacts/import`: the file, read and reported row by row;
    /// nothing is written until the Secretariat confirms.
    pub async fn import_preview(
        State(state): State<AppState>,
        upload: Result<StaffUpload, AppError>,
    ) -> Result<Response, AppError> {
        let StaffUpload(StaffForm { parts, form, .. }) = match upload {
            Ok(u) => u,
            Err(AppError::PayloadTooLarge) => {
                return Err(AppError::conflict("contacts-import-too-large"));
            }
            Err(e) => return Err(e),
        };
        let text = form.required("file")?.to_string();
        let i18n = I18n::new(lang_of(&parts));
        let r = report(&state, &text).await?;
        if let Some(id) = &r.header_error {
            let st = FormState::refused(Default::default(), id, vec![]);
            return Ok(again_at("/contacts", st, StatusCode::UNPROCESSABLE_ENTITY));
        }
        let valid = r.valid_count();
        let message = if valid == 0 {
            "contacts-import-nothing"
        } else {
            "contacts-import-review"
        };
        Ok(preview(i18n, &r, message, text, StatusCode::OK))
    }

    /// The contacts page with import report `r` under `message`, and, when
    /// it has rows to add, the confirmation form (the file and the report's
    /// version).
    fn preview(
        i18n: I18n,
        r: &contact_csv::ImportReport,
        message: &str,
        text: String,
        status: StatusCode,
    ) -> Response {
        let mut st = FormState::refused(Default::default(), message, report_lines(i18n, r));
        if r.valid_count() > 0 {
            st.values.insert("csv".into(), text);
            st.values.insert("version".into(), r.version().to_string());
        }
        again_at("/contacts", st, status)
    }

    /// `POST /contacts/import/confirm`: every valid row, in one transaction.
    /// Taken only if the file still reads as its preview showed it (the
    /// form's version); else the preview again as it reads now (409), the
    /// file kept, nothing added.
    pub async fn import_confirm(
        State(state): State<AppState>,
        StaffForm { parts, form, user }: StaffForm,
    ) -> Result<Response, AppError> {
        form.only(&["version", "csv"])?;
        let version = form.version()?;
        let text = form.required("csv")?;
        let i18n = I18n::new(lang_of(&parts));
        let n = match contacts::import_previewed(&state.db, &user, text, version).await? {
            contacts::Imported::Done(n) => n,
            contacts::Imported::Nothing(_) => {
                let st = FormState::refused(Default::default(), "contacts-import-nothing", vec![]);
                return Ok(again_at("/contacts", st, StatusCode::UNPROCESSABLE_ENTITY));
            }
            contacts::Imported::Stale(r) => {
                let message = "contacts-import-stale";
                return Ok(preview(
                    i18n,
                    &r,
                    message,
                    text.to_string(),
                    StatusCode::CONFLICT,
                ));
            }
        };
        Ok(redirect(&format!(
            "/contacts?notice=notice-contacts-imported&n={n}"
        )))
    }

    /// `GET /contacts/export.csv`: every contact (UTF-8 with BOM).
    pub async fn export(State(state): State<AppState>) -> Result<Response, AppError> {
        let all: Vec<_> = contacts::list(&state.db)
            .await?
            .into_iter()
            .map(|s| s.contact)
            .collect();
        let mut res = contact_csv::write(&all).into_response();
        let h = res.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/csv; charset=utf-8"),
        );
        h.insert(
            header::CONTENT_DISPOSITION,
            HeaderValue::from_static("attachment; filename=\"contacts.csv\""),
        );
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        Ok(res)
    }
}
