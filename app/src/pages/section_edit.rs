//! Editing a section's title and introduction in the three languages.

use super::with_page_data;
use crate::components::form::{ErrorSummary, TranslatedField};
use crate::domain::survey::{Section, TEXT_MAX, TITLE_MAX};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

/// A section of an editable consultation, and the version its form names.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionView {
    pub id: String,
    pub version: i32,
    pub section: Section,
}

#[component]
pub fn SectionEditPage() -> impl IntoView {
    with_page_data(|v: SectionView| {
        view! { <SectionForm id=v.id version=v.version section=v.section/> }
    })
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
    use super::SectionView;
    use crate::domain::ids::{ConsultationId, ItemId};
    use crate::domain::survey::editor::EditError;
    use crate::domain::survey::{TEXT_MAX, TITLE_MAX};
    use crate::error::AppError;
    use crate::pages::consultation::handler::refused_at;
    use crate::ssr::extract::Ids;
    use crate::ssr::forms::StaffForm;
    use crate::ssr::reply::{redirect, with_data};
    use crate::ssr::services::audit::Action;
    use crate::ssr::services::consultations;
    use crate::ssr::state::AppState;
    use axum::extract::State;
    use axum::http::StatusCode;
    use axum::response::Response;

    /// Section `sid` of consultation `id`, while the consultation is editable.
    pub async fn load(
        state: &AppState,
        id: &ConsultationId,
        sid: &ItemId,
    ) -> Result<SectionView, AppError> {
        let c = consultations::get(&state.db, id).await?;
        if !c.state.editable() {
            return Err(AppError::conflict("consultation-error-not-editable"));
        }
        let section = c
            .survey
            .sections
            .iter()
            .find(|s| s.id == sid.as_str())
            .cloned()
            .ok_or(AppError::NotFound)?;
        Ok(SectionView {
            id: c.id.to_string(),
            version: c.version,
            section,
        })
    }

    /// `GET /consultations/{id}/sections/{sid}`.
    pub async fn show(
        State(state): State<AppState>,
        Ids((id, sid)): Ids<(ConsultationId, ItemId)>,
    ) -> Result<Response, AppError> {
        let data = load(&state, &id, &sid).await?;
        Ok(with_data(None, data, StatusCode::OK))
    }

    pub async fn save(
        State(state): State<AppState>,
        Ids((id, sid)): Ids<(ConsultationId, ItemId)>,
        StaffForm { parts, form, user }: StaffForm,
    ) -> Result<Response, AppError> {
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
