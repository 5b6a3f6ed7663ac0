//! Editing a section's title and introduction in the three languages.

use crate::components::error_view::ErrorView;
use crate::components::form::{ErrorSummary, TranslatedField};
use crate::domain::survey::{Section, TEXT_MAX, TITLE_MAX};
use crate::error::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[server(endpoint = "load_section")]
pub async fn load_section(id: String, sid: String) -> Result<(String, i32, Section), AppError> {
    use crate::domain::account::Access;
    use crate::ssr::services::consultations;
    let user = crate::auth::require(Access::Secretariat)?;
    let state = crate::ssr::state::app_state()?;
    let id = crate::pages::consultation::handler::consultation_id(&id)?;
    let c = consultations::get(&state.db, &consultations::Scope::of(&user), &id).await?;
    if !c.state.editable() {
        return Err(AppError::conflict("consultation-error-not-editable"));
    }
    let s = c
        .survey
        .sections
        .iter()
        .find(|s| s.id == sid)
        .cloned()
        .ok_or(AppError::NotFound)?;
    Ok((c.id.to_string(), c.version, s))
}

#[component]
pub fn SectionEditPage() -> impl IntoView {
    let params = use_params_map();
    let key = params.with_untracked(|p| {
        (
            p.get("id").unwrap_or_default(),
            p.get("sid").unwrap_or_default(),
        )
    });
    let data = Resource::new_blocking(move || key.clone(), |(id, sid)| load_section(id, sid));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((id, version, section)) => view! { <SectionForm id version section/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SectionForm(id: String, version: i32, section: Section) -> impl IntoView {
    let i18n = use_i18n();
    let base = format!("/consultations/{id}");
    let title = i18n.t_args(
        "editor-edit-section",
        &[("name", section.id.as_str().into())],
    );
    view! {
        <Title text=title.clone()/>
        <p><a href=base.clone()>{i18n.t("editor-back-to-consultation")}</a></p>
        <h1>{title}</h1>
        <ErrorSummary fields=vec![]/>
        <form method="post" action=format!("{base}/sections/{}", section.id) class="stack">
            <input type="hidden" name="version" value=version/>
            <TranslatedField name="title" label=i18n.t("editor-section-title") value=section.title.clone() required=true maxlength=TITLE_MAX/>
            <TranslatedField name="introduction" label=i18n.t("editor-section-introduction") value=section.introduction.clone() multiline=true maxlength=TEXT_MAX/>
            <button type="submit">{i18n.t("editor-save-section")}</button>
        </form>
    }
}

#[cfg(feature = "ssr")]
pub mod handler {
    use crate::domain::ids::ItemId;
    use crate::domain::survey::editor::EditError;
    use crate::domain::survey::{TEXT_MAX, TITLE_MAX};
    use crate::error::AppError;
    use crate::pages::consultation::handler::{consultation_id, refused_at};
    use crate::ssr::forms::StaffForm;
    use crate::ssr::reply::redirect;
    use crate::ssr::services::audit::Action;
    use crate::ssr::services::consultations;
    use crate::ssr::state::AppState;
    use axum::extract::{Path, State};
    use axum::response::Response;

    pub async fn save(
        State(state): State<AppState>,
        Path((id, sid)): Path<(String, String)>,
        StaffForm { parts, form, user }: StaffForm,
    ) -> Result<Response, AppError> {
        let id = consultation_id(&id)?;
        let sid = ItemId::parse(&sid).ok_or(AppError::NotFound)?;
        let version = form.version()?;
        let title = form.text("title", TITLE_MAX)?;
        let introduction = form.text("introduction", TEXT_MAX)?;
        let result =
            consultations::edit(&state.db, &user, &id, version, Action::SectionEdit, |s| {
                let sec = s.section_mut(sid.as_str()).ok_or(EditError::NotFound)?;
                sec.title = title;
                sec.introduction = introduction;
                Ok(())
            })
            .await;
        match result {
            Ok(_) => Ok(redirect(&format!(
                "{}?notice=notice-saved#structure-heading",
                id.path()
            ))),
            Err(e) => {
                let here = format!("{}/sections/{sid}", id.path());
                refused_at(crate::ssr::forms::lang_of(&parts), &here, &form, e)
            }
        }
    }
}
