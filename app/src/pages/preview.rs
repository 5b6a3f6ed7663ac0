//! The consultation exactly as a respondent sees it, in one language; works
//! with JavaScript off. Glossary terms open in place (`<details>`).

use super::with_page_data;
use crate::components::survey_form::SurveyForm;
use crate::domain::glossary::Term;
use crate::domain::lang::Lang;
use crate::domain::survey::Survey;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// The consultation in `lang`, with the glossary.
#[derive(Debug, Clone, PartialEq)]
pub struct PreviewView {
    pub id: String,
    pub lang: Lang,
    pub survey: Survey,
    pub terms: Vec<Term>,
}

#[component]
pub fn PreviewPage() -> impl IntoView {
    let ui = use_i18n();
    with_page_data(move |v: PreviewView| {
        let PreviewView {
            id,
            lang,
            survey,
            terms,
        } = v;
        view! {
            <p class="preview-banner" role="note">
                {ui.t_args("preview-banner", &[("language", ui.t(lang.message_id()).into())])}
                " " <a href=format!("/consultations/{id}")>{ui.t("editor-back-to-consultation")}</a>
            </p>
            <SurveyForm survey terms lang/>
        }
    })
}

#[cfg(feature = "ssr")]
pub mod handler {
    use super::PreviewView;
    use crate::domain::ids::ConsultationId;
    use crate::domain::lang::Lang;
    use crate::error::AppError;
    use crate::ssr::extract::Ids;
    use crate::ssr::reply::with_data;
    use crate::ssr::services::{consultations, glossary};
    use crate::ssr::state::AppState;
    use axum::extract::State;
    use axum::http::StatusCode;
    use axum::response::Response;

    /// Consultation `id` as a respondent reading `lang` sees it.
    pub async fn load(
        state: &AppState,
        id: &ConsultationId,
        lang: Lang,
    ) -> Result<PreviewView, AppError> {
        let c = consultations::get(&state.db, id).await?;
        Ok(PreviewView {
            id: c.id.to_string(),
            lang,
            survey: std::sync::Arc::unwrap_or_clone(c.survey),
            terms: glossary::list(&state.db).await?,
        })
    }

    /// `GET /consultations/{id}/preview/{lang}`.
    pub async fn show(
        State(state): State<AppState>,
        Ids((id, lang)): Ids<(ConsultationId, Lang)>,
    ) -> Result<Response, AppError> {
        let data = load(&state, &id, lang).await?;
        Ok(with_data(None, data, StatusCode::OK))
    }
}
