//! Workshops (Decision 19.43): the list, and one workshop — what it is, the
//! summaries and briefings it draws on; the Secretariat adds and edits them
//! (texts in EN/FR/ES, dates, venue or online, working languages, regions,
//! linked consultations, assigned organisers).

use super::with_page_data;
use crate::components::form::{ErrorSummary, TextField, TranslatedField, field_value, use_form};
use crate::components::workshop_facts::WorkshopFacts;
use crate::domain::workshop::{DESCRIPTION_MAX, TITLE_MAX, VENUE_MAX, Workshop};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

#[derive(Debug, Clone, PartialEq)]
pub struct WorkshopRow {
    pub id: String,
    pub facts: WorkshopFacts,
    pub regions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WorkshopsView {
    pub rows: Vec<WorkshopRow>,
    pub secretariat: bool,
}

/// One workshop as its page shows it, with what the form needs.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkshopView {
    /// `None`: a new workshop.
    pub id: Option<String>,
    pub version: Option<i32>,
    pub workshop: Option<Workshop>,
    pub facts: Option<WorkshopFacts>,
    pub description: String,
    pub secretariat: bool,
    /// (code, name) of the six regions.
    pub regions: Vec<(String, String)>,
    /// (id, title, linked) of consultations open or closed (linkable).
    pub consultations: Vec<(String, String, bool)>,
    /// (account id, e-mail, regions, assigned) of organisers.
    pub organisers: Vec<(String, String, String, bool)>,
}

#[component]
pub fn WorkshopsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=i18n.t("workshops-title")/>
        <h1>{i18n.t("workshops-title")}</h1>
        <p class="lead">{i18n.t("workshops-intro")}</p>
        {with_page_data(move |v: WorkshopsView| view! {
            {v.secretariat.then(|| view! { <p><a class="button" href="/workshops/new">{i18n.t("workshops-new")}</a></p> })}
            {if v.rows.is_empty() {
                view! { <p>{i18n.t("workshops-none")}</p> }.into_any()
            } else {
                view! {
                    <ul class="cards">
                        {v.rows.into_iter().map(|r| view! {
                            <li>
                                <h2><a href=format!("/workshops/{}", r.id)>{r.facts.title}</a></h2>
                                <p class="meta">{r.facts.dates}" · "{r.facts.place}</p>
                                <p class="meta">{r.regions.join(", ")}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        })}
    }
}

#[component]
pub fn NewWorkshopPage() -> impl IntoView {
    with_page_data(|v: WorkshopView| view! { <WorkshopForm v/> })
}

#[component]
pub fn WorkshopPage() -> impl IntoView {
    with_page_data(|v: WorkshopView| {
        view! { <WorkshopDetails v=v.clone()/>{v.secretariat.then(|| view! { <WorkshopForm v/> })} }
    })
}

#[component]
fn WorkshopDetails(v: WorkshopView) -> impl IntoView {
    let i18n = use_i18n();
    let Some(f) = v.facts.clone() else {
        return ().into_any();
    };
    let id = v.id.clone().unwrap_or_default();
    let regions: Vec<String> = v
        .workshop
        .as_ref()
        .map(|w| {
            w.regions
                .iter()
                .filter_map(|r| {
                    v.regions
                        .iter()
                        .find(|(c, _)| c == r.code())
                        .map(|(_, n)| n.clone())
                })
                .collect()
        })
        .unwrap_or_default();
    let linked: Vec<(String, String)> = v
        .consultations
        .iter()
        .filter(|(_, _, on)| *on)
        .map(|(c, t, _)| (c.clone(), t.clone()))
        .collect();
    view! {
        <Title text=f.title.clone()/>
        <p><a href="/workshops">{i18n.t("workshops-back")}</a></p>
        <h1>{f.title.clone()}</h1>
        {(!v.description.is_empty()).then(|| view! { <p class="lead">{v.description.clone()}</p> })}
        <dl class="facts">
            <dt>{i18n.t("workshop-dates")}</dt><dd>{f.dates}</dd>
            <dt>{i18n.t("workshop-place")}</dt><dd>{f.place}</dd>
            <dt>{i18n.t("workshop-languages")}</dt><dd>{f.languages}</dd>
            <dt>{i18n.t("workshop-regions")}</dt><dd>{regions.join(", ")}</dd>
        </dl>
        <h2>{i18n.t("workshop-consultations")}</h2>
        {if linked.is_empty() {
            view! { <p>{i18n.t("workshop-no-consultations")}</p> }.into_any()
        } else {
            view! {
                <ul class="actions">
                    {linked.into_iter().map(|(c, t)| view! {
                        <li>
                            {t.clone()}": "
                            <a href=format!("/consultations/{c}/summary")>{i18n.t("workshop-summary")}</a>
                            " · "
                            <a href=format!("/consultations/{c}/briefing?workshop={id}")>{i18n.t("workshop-briefing")}</a>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
    .into_any()
}

fn checked_values(name: &str, initial: Vec<String>) -> Vec<String> {
    match use_form().value(name) {
        Some(v) => v
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        None => initial,
    }
}

#[component]
fn WorkshopForm(v: WorkshopView) -> impl IntoView {
    let i18n = use_i18n();
    let form = use_form();
    let w = v.workshop.clone();
    let editing = v.id.is_some();
    let action = match &v.id {
        Some(id) => format!("/workshops/{id}"),
        None => "/workshops/new".to_string(),
    };
    let heading = i18n.t(if editing {
        "workshop-edit"
    } else {
        "workshops-new"
    });
    let title = w.as_ref().map(|w| w.title.clone()).unwrap_or_default();
    let description = w
        .as_ref()
        .map(|w| w.description.clone())
        .unwrap_or_default();
    let starts = field_value(
        "starts_on",
        w.as_ref()
            .map(|w| w.starts_on.to_string())
            .unwrap_or_default(),
    );
    let ends = field_value(
        "ends_on",
        w.as_ref()
            .map(|w| w.ends_on.to_string())
            .unwrap_or_default(),
    );
    let venue = field_value(
        "venue",
        w.as_ref().and_then(|w| w.venue.clone()).unwrap_or_default(),
    );
    let online = match form.value("online") {
        Some(v) => v == "on",
        None if !form.values.is_empty() => false,
        None => w.as_ref().is_some_and(|w| w.online),
    };
    let languages = checked_values(
        "languages",
        w.as_ref()
            .map(|w| w.languages.iter().map(|l| l.code().to_string()).collect())
            .unwrap_or_default(),
    );
    let regions = checked_values(
        "regions",
        w.as_ref()
            .map(|w| w.regions.iter().map(|r| r.code().to_string()).collect())
            .unwrap_or_default(),
    );
    let consultations = checked_values(
        "consultations",
        v.consultations
            .iter()
            .filter(|(_, _, on)| *on)
            .map(|(c, _, _)| c.clone())
            .collect(),
    );
    let organisers = checked_values(
        "organisers",
        v.organisers
            .iter()
            .filter(|(_, _, _, on)| *on)
            .map(|(a, _, _, _)| a.clone())
            .collect(),
    );
    let error = |f: &str| form.error_id(f).map(|id| i18n.t(&id));
    let labels = vec![
        ("title_en", i18n.t("workshop-title-en")),
        ("title_fr", i18n.t("workshop-title-fr")),
        ("title_es", i18n.t("workshop-title-es")),
        ("starts_on", i18n.t("workshop-starts")),
        ("ends_on", i18n.t("workshop-ends")),
        ("venue", i18n.t("workshop-venue")),
        ("languages", i18n.t("workshop-languages")),
        ("regions", i18n.t("workshop-regions")),
    ];
    let group = |name: &'static str,
                 legend: String,
                 options: Vec<(String, String)>,
                 checked: Vec<String>| {
        let err = error(name);
        let err_id = format!("{name}-error");
        view! {
            <fieldset class="checkboxes" class:field-invalid=err.is_some() aria-describedby=err.as_ref().map(|_| err_id.clone())>
                <legend id=name>{legend}</legend>
                {err.clone().map(|e| view! { <p class="field-error" id=err_id.clone()>{e}</p> })}
                {options.into_iter().map(|(value, label)| {
                    let id = format!("{name}-{value}");
                    let on = checked.contains(&value);
                    view! {
                        <div class="choice">
                            <input type="checkbox" id=id.clone() name=name value=value checked=on/>
                            <label for=id>{label}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
        }
    };
    let lang_options: Vec<(String, String)> = crate::domain::lang::Lang::ALL
        .iter()
        .map(|l| (l.code().to_string(), i18n.t(l.message_id())))
        .collect();
    view! {
        {if editing {
            view! { <h2>{heading}</h2> }.into_any()
        } else {
            view! {
                <Title text=heading.clone()/>
                <p><a href="/workshops">{i18n.t("workshops-back")}</a></p>
                <h1>{heading}</h1>
            }
            .into_any()
        }}
        <ErrorSummary fields=labels/>
        <form method="post" action=action class="stack">
            {v.version.map(|ver| view! { <input type="hidden" name="version" value=ver/> })}
            <TranslatedField name="title" label=i18n.t("workshop-title") value=title required=true maxlength=TITLE_MAX/>
            <TranslatedField name="description" label=i18n.t("workshop-description") value=description multiline=true maxlength=DESCRIPTION_MAX/>
            <TextField name="starts_on" kind="date" label=i18n.t("workshop-starts") value=starts required=true/>
            <TextField name="ends_on" kind="date" label=i18n.t("workshop-ends") value=ends required=true/>
            <TextField name="venue" label=i18n.t("workshop-venue") value=venue maxlength=VENUE_MAX hint=i18n.t("workshop-venue-help")/>
            <div class="choice">
                <input type="checkbox" id="online" name="online" checked=online/>
                <label for="online">{i18n.t("workshop-online")}</label>
            </div>
            {group("languages", i18n.t("workshop-languages"), lang_options, languages)}
            {group("regions", i18n.t("workshop-regions"), v.regions.clone(), regions)}
            {group("consultations", i18n.t("workshop-consultations"), v.consultations.iter().map(|(c, t, _)| (c.clone(), t.clone())).collect(), consultations)}
            {group("organisers", i18n.t("workshop-organisers"), v.organisers.iter().map(|(a, e, r, _)| (a.clone(), format!("{e} ({r})"))).collect(), organisers)}
            <button type="submit">{i18n.t(if editing { "workshop-save" } else { "workshop-add" })}</button>
        </form>
    }
}

#[cfg(feature = "ssr")]
pub mod handler {
    use super::{WorkshopRow, WorkshopView, WorkshopsView};
    use crate::components::form::FormState;
    use crate::components::workshop_facts::facts;
    use crate::domain::account::{Role, StaffUser};
    use crate::domain::ids::{AccountId, ConsultationId, WorkshopId};
    use crate::domain::region::Region;
    use crate::domain::survey::lifecycle::State as CState;
    use crate::domain::workshop::WorkshopInput;
    use crate::error::AppError;
    use crate::i18n::I18n;
    use crate::pages::consultation::title_or_untitled;
    use crate::ssr::extract::{Caller, Ids};
    use crate::ssr::forms::{Form, StaffForm};
    use crate::ssr::reply::{again, redirect, with_data};
    use crate::ssr::services::{accounts, consultations, parties, workshops};
    use crate::ssr::state::AppState;
    use axum::extract::State;
    use axum::http::StatusCode;
    use axum::response::Response;

    /// The six regions, named in the viewer's language.
    async fn region_names(state: &AppState, i18n: I18n) -> Result<Vec<(Region, String)>, AppError> {
        Ok(parties::regions(&state.db)
            .await?
            .into_iter()
            .map(|(r, n)| (r, n.get(i18n.lang).to_string()))
            .collect())
    }

    /// The workshops `user` may see.
    pub async fn load_list(
        state: &AppState,
        user: &StaffUser,
        i18n: I18n,
    ) -> Result<WorkshopsView, AppError> {
        let names = region_names(state, i18n).await?;
        let rows = workshops::list(&state.db, user)
            .await?
            .into_iter()
            .map(|s| WorkshopRow {
                facts: facts(&i18n, &s.workshop),
                regions: s
                    .workshop
                    .regions
                    .iter()
                    .filter_map(|r| names.iter().find(|(x, _)| x == r).map(|(_, n)| n.clone()))
                    .collect(),
                id: s.id.to_string(),
            })
            .collect();
        Ok(WorkshopsView {
            rows,
            secretariat: user.role == Role::Secretariat,
        })
    }

    /// Workshop `id` as `user` may see it, or (`None`, the Secretariat only) a
    /// new one; with what the form offers.
    pub async fn load(
        state: &AppState,
        user: &StaffUser,
        i18n: I18n,
        id: Option<&WorkshopId>,
    ) -> Result<WorkshopView, AppError> {
        let secretariat = user.role == Role::Secretariat;
        if id.is_none() && !secretariat {
            return Err(AppError::Forbidden);
        }
        let stored = match id {
            Some(id) => Some(workshops::get(&state.db, user, id).await?),
            None => None,
        };
        let names = region_names(state, i18n).await?;
        let linked: Vec<String> = stored
            .as_ref()
            .map(|s| s.consultations.iter().map(|c| c.to_string()).collect())
            .unwrap_or_default();
        let consultations = consultations::list(&state.db)
            .await?
            .into_iter()
            .filter(|c| c.state != CState::Draft || linked.contains(&c.id.to_string()))
            .filter(|c| secretariat || linked.contains(&c.id.to_string()))
            .map(|c| {
                let id = c.id.to_string();
                let on = linked.contains(&id);
                (id, title_or_untitled(&c.survey, i18n), on)
            })
            .collect();
        let assigned: Vec<AccountId> = stored
            .as_ref()
            .map(|s| s.organisers.clone())
            .unwrap_or_default();
        let organisers = if secretariat {
            accounts::organisers(&state.db)
                .await?
                .into_iter()
                .map(|u| {
                    let regions = u
                        .regions
                        .iter()
                        .filter_map(|r| names.iter().find(|(x, _)| x == r).map(|(_, n)| n.clone()))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let on = assigned.contains(&u.id);
                    (u.id.to_string(), u.email, regions, on)
                })
                .collect()
        } else {
            vec![]
        };
        Ok(WorkshopView {
            id: stored.as_ref().map(|s| s.id.to_string()),
            version: stored.as_ref().map(|s| s.version),
            facts: stored.as_ref().map(|s| facts(&i18n, &s.workshop)),
            description: stored
                .as_ref()
                .map(|s| {
                    let d = s.workshop.description.get(i18n.lang);
                    if d.trim().is_empty() {
                        s.workshop.description.en.clone()
                    } else {
                        d.to_string()
                    }
                })
                .unwrap_or_default(),
            workshop: stored.map(|s| s.workshop),
            secretariat,
            regions: names
                .into_iter()
                .map(|(r, n)| (r.code().to_string(), n))
                .collect(),
            consultations,
            organisers,
        })
    }

    /// `GET /workshops`.
    pub async fn show_list(
        State(state): State<AppState>,
        Caller { user, i18n }: Caller,
    ) -> Result<Response, AppError> {
        let data = load_list(&state, &user, i18n).await?;
        Ok(with_data(None, data, StatusCode::OK))
    }

    /// `GET /workshops/new`.
    pub async fn show_new(
        State(state): State<AppState>,
        Caller { user, i18n }: Caller,
    ) -> Result<Response, AppError> {
        let data = load(&state, &user, i18n, None).await?;
        Ok(with_data(None, data, StatusCode::OK))
    }

    /// `GET /workshops/{id}`.
    pub async fn show(
        State(state): State<AppState>,
        Caller { user, i18n }: Caller,
        Ids(id): Ids<WorkshopId>,
    ) -> Result<Response, AppError> {
        let data = load(&state, &user, i18n, Some(&id)).await?;
        Ok(with_data(None, data, StatusCode::OK))
    }

    /// The form's fields: every text field the page sends must be there,
    /// once (a body without them is no form of this page: 400), though it
    /// may be blank (validation then names it: 422).
    fn input(form: &Form) -> Result<WorkshopInput, AppError> {
        let get = |name: &str| form.required(name).map(str::to_string);
        Ok(WorkshopInput {
            title_en: get("title_en")?,
            title_fr: get("title_fr")?,
            title_es: get("title_es")?,
            description_en: get("description_en")?,
            description_fr: get("description_fr")?,
            description_es: get("description_es")?,
            starts_on: get("starts_on")?,
            ends_on: get("ends_on")?,
            venue: get("venue")?,
            online: form.value("online")?.is_some(),
            languages: form.all("languages"),
            regions: form.all("regions"),
        })
    }

    /// The form's values as sent, multi-valued fields joined, to show again.
    fn values(form: &Form) -> std::collections::HashMap<String, String> {
        let mut v = form.values_except(&["version"]);
        for name in ["languages", "regions", "consultations", "organisers"] {
            v.insert(name.to_string(), form.all(name).join(","));
        }
        v
    }

    async fn links(state: &AppState, form: &Form) -> Result<workshops::Links, AppError> {
        let consultations = form
            .all("consultations")
            .iter()
            .map(|c| {
                ConsultationId::parse(c).ok_or_else(|| AppError::bad_request("consultation id"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let known: Vec<AccountId> = accounts::organisers(&state.db)
            .await?
            .into_iter()
            .map(|u| u.id)
            .collect();
        let organisers = form
            .all("organisers")
            .iter()
            .map(|o| AccountId::parse(o).filter(|id| known.contains(id)))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| AppError::bad_request("unknown organiser"))?;
        Ok(workshops::Links {
            consultations,
            organisers,
        })
    }

    async fn save(
        state: AppState,
        form: Form,
        user: StaffUser,
        id: Option<WorkshopId>,
    ) -> Result<Response, AppError> {
        let version = match &id {
            Some(_) => Some(form.version()?),
            None => None,
        };
        let links = links(&state, &form).await?;
        let workshop = match input(&form)?.validate() {
            Ok(w) => w,
            Err(errors) => {
                let st = FormState::invalid(values(&form), errors);
                return Ok(again(st, StatusCode::UNPROCESSABLE_ENTITY));
            }
        };
        let result = match (&id, version) {
            (Some(id), Some(v)) => workshops::update(&state.db, &user, id, v, &workshop, &links)
                .await
                .map(|()| id.clone()),
            _ => workshops::create(&state.db, &user, &workshop, &links).await,
        };
        match result {
            Ok(id) => Ok(redirect(&format!(
                "/workshops/{id}?notice=notice-workshop-saved"
            ))),
            Err(e @ (AppError::Conflict(_) | AppError::Stale)) => {
                let st = FormState::refused(values(&form), e.message_id(), vec![]);
                Ok(again(st, StatusCode::CONFLICT))
            }
            Err(e) => Err(e),
        }
    }

    pub async fn create(
        State(state): State<AppState>,
        StaffForm { form, user, .. }: StaffForm,
    ) -> Result<Response, AppError> {
        save(state, form, user, None).await
    }

    pub async fn update(
        State(state): State<AppState>,
        Ids(id): Ids<WorkshopId>,
        StaffForm { form, user, .. }: StaffForm,
    ) -> Result<Response, AppError> {
        save(state, form, user, Some(id)).await
    }
}
