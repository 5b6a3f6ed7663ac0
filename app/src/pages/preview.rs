//! The consultation exactly as a respondent sees it, in one language; works
//! with JavaScript off. Glossary terms open in place (`<details>`).

use crate::components::error_view::ErrorView;
use crate::components::survey_form::SurveyForm;
use crate::domain::glossary::Term;
use crate::domain::lang::Lang;
use crate::domain::survey::Survey;
use crate::error::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[server(endpoint = "load_preview")]
pub async fn load_preview(id: String) -> Result<(Survey, Vec<Term>), AppError> {
    use crate::domain::account::Access;
    use crate::ssr::services::{consultations, glossary};
    let user = crate::auth::require(Access::Secretariat)?;
    let state = crate::ssr::state::app_state()?;
    let id = crate::pages::consultation::handler::consultation_id(&id)?;
    let c = consultations::get(&state.db, &consultations::Scope::of(&user), &id).await?;
    let terms = glossary::list(&state.db).await?;
    Ok((std::sync::Arc::unwrap_or_clone(c.survey), terms))
}

#[component]
pub fn PreviewPage() -> impl IntoView {
    let params = use_params_map();
    let (id, lang) = params.with_untracked(|p| {
        (
            p.get("id").unwrap_or_default(),
            p.get("lang").unwrap_or_default(),
        )
    });
    let Ok(lang) = lang.parse::<Lang>() else {
        return view! { <ErrorView error=AppError::NotFound/> }.into_any();
    };
    let back = format!("/consultations/{id}");
    let data = Resource::new_blocking(move || id.clone(), load_preview);
    let ui = use_i18n();
    view! {
        <p class="preview-banner" role="note">
            {ui.t_args("preview-banner", &[("language", ui.t(lang.message_id()).into())])}
            " " <a href=back>{ui.t("editor-back-to-consultation")}</a>
        </p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((survey, terms)) => view! { <SurveyForm survey terms lang/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}
