//! Editing a section's title and introduction in the three languages.

use crate::components::error_view::ErrorView;
use crate::components::form::{ErrorSummary, TranslatedField};
use crate::domain::survey::Section;
use crate::error::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[server(endpoint = "load_section")]
pub async fn load_section(id: String, sid: String) -> Result<(String, Section), AppError> {
    use crate::domain::account::Access;
    use crate::ssr::services::consultations;
    crate::auth::require(Access::Secretariat)?;
    let state = crate::ssr::state::app_state()?;
    let c = consultations::get(&state.db, &id).await?;
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
    Ok((c.id, s))
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
                    Ok((id, section)) => view! { <SectionForm id section/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SectionForm(id: String, section: Section) -> impl IntoView {
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
            <TranslatedField name="title" label=i18n.t("editor-section-title") value=section.title.clone() required=true maxlength=300/>
            <TranslatedField name="introduction" label=i18n.t("editor-section-introduction") value=section.introduction.clone() multiline=true maxlength=5000/>
            <button type="submit">{i18n.t("editor-save-section")}</button>
        </form>
    }
}

#[cfg(feature = "ssr")]
pub mod handler {
    use crate::domain::account::Access;
    use crate::domain::survey::editor::EditError;
    use crate::ssr::forms::read_form_as;
    use crate::ssr::render::redirect;
    use crate::ssr::services::consultations;
    use crate::ssr::state::AppState;
    use axum::body::Body;
    use axum::extract::{Path, State};
    use axum::http::Request;
    use axum::response::Response;

    pub async fn save(
        State(state): State<AppState>,
        Path((id, sid)): Path<(String, String)>,
        req: Request<Body>,
    ) -> Response {
        let (parts, form, user) = match read_form_as(&state, req, Access::Secretariat).await {
            Ok(x) => x,
            Err(page) => return page,
        };
        let (title, introduction) = (form.text("title", 300), form.text("introduction", 5000));
        let result = consultations::edit(&state.db, &user.email, &id, "section.edit", |s| {
            let sec = s.section_mut(&sid).ok_or(EditError::NotFound)?;
            sec.title = title;
            sec.introduction = introduction;
            Ok(())
        })
        .await;
        match result {
            Ok(_) => redirect(&format!(
                "/consultations/{id}?notice=notice-saved#structure-heading"
            )),
            Err(e) => {
                crate::pages::consultation::handler::edit_refused_here(&state, parts, &form, e)
                    .await
            }
        }
    }
}
