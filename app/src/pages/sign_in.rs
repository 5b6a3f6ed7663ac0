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
    use crate::error::AppError;
    use crate::request::safe_next;
    use crate::ssr::cookies;
    use crate::ssr::forms::PublicForm;
    use crate::ssr::reply::{again, redirect};
    use crate::ssr::services::{accounts, sessions, throttle};
    use crate::ssr::state::AppState;
    use axum::extract::State;
    use axum::http::request::Parts;
    use axum::http::{StatusCode, header};
    use axum::response::{IntoResponse, Response};
    use std::time::Duration;

    /// How long an attempt waits once its account has seen too many.
    const SLOW_DOWN: Duration = Duration::from_secs(1);

    enum Outcome {
        SignedIn(String),
        Failed,
        Blocked,
    }

    /// Counts the attempt, then (if allowed) checks the password.
    async fn attempt(
        state: &AppState,
        parts: &Parts,
        email: &str,
        password: &str,
    ) -> Result<Outcome, AppError> {
        let cfg = &state.config;
        let address = cookies::client_ip(parts, cfg.proxy_hops);
        let keys = throttle::Keys::new(&state.key, email, &address);
        let window = cfg.sign_in_window;
        let pair = throttle::count(&state.db, &keys.pair, window).await?;
        let from_address = throttle::count(&state.db, &keys.address, window).await?;
        if pair > i64::from(cfg.sign_in_max_failures)
            || from_address > i64::from(cfg.sign_in_max_per_address)
        {
            tracing::warn!("sign-in refused: too many attempts");
            return Ok(Outcome::Blocked);
        }
        let for_account = throttle::count(&state.db, &keys.account, window).await?;
        if for_account > i64::from(cfg.sign_in_max_failures) {
            tracing::warn!(
                attempts = for_account,
                "many sign-in attempts for one account: slowing down"
            );
            tokio::time::sleep(SLOW_DOWN).await;
        }
        let found = accounts::find_for_sign_in(&state.db, email).await?;
        let (id, hash) = found.map(|(i, h)| (Some(i), Some(h))).unwrap_or_default();
        if !state.passwords.verify(password.to_string(), hash).await? {
            tracing::info!("sign-in failed");
            return Ok(Outcome::Failed);
        }
        let Some(id) = id else {
            return Ok(Outcome::Failed);
        };
        throttle::forget(&state.db, &keys.pair).await?;
        throttle::forget(&state.db, &keys.account).await?;
        throttle::take_back(&state.db, &keys.address).await?;
        if let Some(old) = cookies::session_token(&parts.headers, cfg) {
            sessions::end(&state.db, &state.key, &old).await?;
        }
        Ok(Outcome::SignedIn(
            sessions::start(&state.db, &state.key, &id).await?,
        ))
    }

    pub async fn submit(
        State(state): State<AppState>,
        PublicForm { parts, form }: PublicForm,
    ) -> Result<Response, AppError> {
        let email = form.required("email")?;
        let password = form.required("password")?;
        let next = safe_next(form.value("next")?.filter(|n| !n.is_empty()));
        let (message, status) = match attempt(&state, &parts, email, password).await {
            Ok(Outcome::SignedIn(token)) => {
                tracing::info!("signed in");
                let cookie = cookies::session_cookie(&token, &state.config);
                let mut res = redirect(&next);
                res.headers_mut().append(header::SET_COOKIE, cookie);
                return Ok(res);
            }
            Ok(Outcome::Failed) => ("error-sign-in-failed", StatusCode::UNAUTHORIZED),
            Ok(Outcome::Blocked) => ("error-sign-in-failed", StatusCode::TOO_MANY_REQUESTS),
            Err(AppError::Busy) => ("error-busy", StatusCode::SERVICE_UNAVAILABLE),
            Err(e) => return Err(e),
        };
        let st = FormState::refused(form.values_except(&["password"]), message, vec![]);
        let mut res = again(st, status);
        if status == StatusCode::SERVICE_UNAVAILABLE {
            res.headers_mut().insert(
                header::RETRY_AFTER,
                axum::http::HeaderValue::from_static("5"),
            );
        }
        Ok(res)
    }

    pub async fn sign_out(
        State(state): State<AppState>,
        parts: Parts,
    ) -> Result<Response, AppError> {
        if let Some(token) = cookies::session_token(&parts.headers, &state.config) {
            sessions::end(&state.db, &state.key, &token).await?;
        }
        let mut res = redirect("/?notice=notice-signed-out").into_response();
        res.headers_mut().append(
            header::SET_COOKIE,
            cookies::clear_session_cookie(&state.config),
        );
        Ok(res)
    }
}
