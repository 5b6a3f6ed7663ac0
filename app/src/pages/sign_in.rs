//! Staff sign-in. Any failure (unknown account, wrong password, too many
//! attempts) gives the same translated message.

use crate::components::form::{ErrorSummary, TextField, field_value};
use crate::i18n::use_i18n;
use crate::request::{safe_next, use_request};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let next = field_value(
        "next",
        safe_next(query.with_untracked(|q| q.get("next")).as_deref()),
    );
    let signed_in = use_request().user.is_some();
    view! {
        <Title text=i18n.t("sign-in-title")/>
        <h1>{i18n.t("sign-in-title")}</h1>
        {signed_in.then(|| view! { <p>{i18n.t("sign-in-already")}</p> })}
        <ErrorSummary fields=vec![]/>
        <form method="post" action="/sign-in" class="stack narrow">
            <input type="hidden" name="next" value=next/>
            <TextField
                name="email"
                label=i18n.t("field-email")
                value=field_value("email", "")
                kind="email"
                autocomplete="username"
                required=true
            />
            <TextField
                name="password"
                label=i18n.t("field-password")
                kind="password"
                autocomplete="current-password"
                required=true
            />
            <button type="submit">{i18n.t("sign-in-submit")}</button>
        </form>
    }
}

#[cfg(feature = "ssr")]
pub mod handler {
    use crate::components::form::FormState;
    use crate::request::safe_next;
    use crate::ssr::cookies;
    use crate::ssr::forms::read_form;
    use crate::ssr::render::{redirect, render};
    use crate::ssr::services::{accounts, passwords, sessions, throttle};
    use crate::ssr::state::AppState;
    use axum::body::Body;
    use axum::extract::State;
    use axum::http::{Request, StatusCode, header};
    use axum::response::{IntoResponse, Response};

    pub async fn submit(State(state): State<AppState>, req: Request<Body>) -> Response {
        let (parts, form) = read_form(req).await;
        let email = form.get("email");
        let password = form.get("password");
        let next = safe_next(Some(form.get("next")).filter(|n| !n.is_empty()));
        let failed = |status| {
            let st = FormState {
                values: form.values_except(&["password"]),
                message_id: Some("error-sign-in-failed".into()),
                ..Default::default()
            };
            render(&state, parts.clone(), Some(st), status)
        };
        let result: Result<Option<String>, crate::error::AppError> = async {
            let cfg = &state.config;
            let keys = [
                throttle::account_key(email),
                throttle::address_key(&cookies::client_ip(&parts, cfg.trust_proxy)),
            ];
            for k in &keys {
                if throttle::is_blocked(&state.db, k, cfg.sign_in_max_failures, cfg.sign_in_window)
                    .await?
                {
                    tracing::warn!("sign-in refused: too many failures");
                    return Ok(None);
                }
            }
            let found = accounts::find_for_sign_in(&state.db, email).await?;
            let (id, hash) = found.map(|(i, h)| (Some(i), Some(h))).unwrap_or_default();
            if !passwords::verify(password.to_string(), hash).await? {
                for k in &keys {
                    throttle::record_failure(&state.db, k, cfg.sign_in_window).await?;
                }
                tracing::info!("sign-in failed");
                return Ok(Some(String::new()));
            }
            let id = id.unwrap_or_default();
            throttle::clear(&state.db, &keys[0]).await?;
            if let Some(old) = cookies::get(&parts.headers, sessions::COOKIE) {
                sessions::end(&state.db, &old).await?;
            }
            Ok(Some(sessions::start(&state.db, &id).await?))
        }
        .await;
        match result {
            Ok(Some(token)) if !token.is_empty() => {
                tracing::info!("signed in");
                let cookie = cookies::session_cookie(&token, &state.config);
                let mut res = redirect(&next);
                res.headers_mut().append(header::SET_COOKIE, cookie);
                res
            }
            Ok(Some(_)) => failed(StatusCode::UNAUTHORIZED).await,
            Ok(None) => failed(StatusCode::TOO_MANY_REQUESTS).await,
            Err(e) => crate::ssr::render::error_response(&state, parts, e).await,
        }
    }

    pub async fn sign_out(State(state): State<AppState>, req: Request<Body>) -> Response {
        if let Some(token) = cookies::get(req.headers(), sessions::COOKIE)
            && let Err(e) = sessions::end(&state.db, &token).await
        {
            let (parts, _) = req.into_parts();
            return crate::ssr::render::error_response(&state, parts, e).await;
        }
        let mut res = redirect("/?notice=notice-signed-out").into_response();
        res.headers_mut().append(
            header::SET_COOKIE,
            cookies::clear_session_cookie(&state.config),
        );
        res
    }
}
