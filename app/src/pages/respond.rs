//! The respondent's side, reached through a private link: `/i/{token}`
//! swaps the token for a cookie scoped to `/respond` and redirects there, so
//! the token never stays in an address, a log, a language-switch link or a
//! referrer. The questionnaire itself comes with responses (next).

use crate::components::error_view::ErrorView;
use crate::error::AppError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub title: String,
    pub introduction: String,
    /// In the viewer's language, with "UTC".
    pub deadline: Option<String>,
}

#[server(endpoint = "load_invitation")]
pub async fn load_invitation() -> Result<InvitationView, AppError> {
    use crate::ssr::services::consultations::{self, Scope};
    use crate::ssr::services::invitations::Invitee;
    let parts = use_context::<http::request::Parts>().ok_or(AppError::InvalidLink)?;
    let invitee = parts
        .extensions
        .get::<Invitee>()
        .cloned()
        .ok_or(AppError::InvalidLink)?;
    let state = crate::ssr::state::app_state()?;
    let i18n = use_i18n();
    let c = consultations::get(&state.db, &Scope::All, &invitee.consultation).await?;
    let text = |t: &crate::domain::survey::Text| {
        let v = t.get(i18n.lang);
        if v.trim().is_empty() {
            t.en.clone()
        } else {
            v.to_string()
        }
    };
    Ok(InvitationView {
        title: text(&c.survey.title),
        introduction: text(&c.survey.introduction),
        deadline: c.deadline.map(|d| i18n.date_time(d)),
    })
}

#[component]
pub fn RespondPage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| load_invitation());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <Invitation v/> }.into_any(),
                    Err(error) => view! { <ErrorView error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Invitation(v: InvitationView) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=v.title.clone()/>
        <p class="meta">{i18n.t("invite-welcome")}</p>
        <h1>{v.title}</h1>
        {v.deadline.map(|d| view! { <p><strong>{i18n.t_args("invite-deadline", &[("deadline", d.into())])}</strong></p> })}
        <p class="lead">{v.introduction}</p>
        <p role="note">{i18n.t("invite-anonymous")}</p>
        <p>{i18n.t("invite-form-coming")}</p>
    }
}

#[cfg(feature = "ssr")]
pub mod handler {
    use crate::error::AppError;
    use crate::ssr::cookies;
    use crate::ssr::render::redirect;
    use crate::ssr::services::invitations;
    use crate::ssr::state::AppState;
    use axum::extract::{Path, State};
    use axum::http::header;
    use axum::response::Response;

    /// `GET /i/{token}`: the private link. A valid one becomes the invitee
    /// cookie (and the contact's language) and redirects to `/respond`; any
    /// other gets the same translated page, whatever the reason.
    pub async fn open_link(
        State(state): State<AppState>,
        Path(token): Path<String>,
    ) -> Result<Response, AppError> {
        let invitee = invitations::open_link(&state.db, &state.key, &token)
            .await?
            .ok_or(AppError::InvalidLink)?;
        let mut res = redirect(cookies::RESPOND_PATH);
        let h = res.headers_mut();
        h.append(
            header::SET_COOKIE,
            cookies::invite_cookie(&token, &state.config),
        );
        h.append(
            header::SET_COOKIE,
            cookies::lang_cookie(invitee.lang, &state.config),
        );
        h.insert(header::CACHE_CONTROL, "no-store".parse().expect("static"));
        Ok(res)
    }
}
