//! Middleware run on every request: who is asking and in which language,
//! security headers, a same-origin check on form posts, and an access log
//! that never records a query string, cookie or token.

use super::render;
use crate::domain::lang::Lang;
use crate::error::AppError;
use crate::request::RequestInfo;
use crate::ssr::cookies;
use crate::ssr::reply::PageAgain;
use crate::ssr::services::sessions;
use crate::ssr::state::AppState;
use axum::body::Body;
use axum::extract::{MatchedPath, State};
use axum::http::{HeaderValue, Method, Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::FutureExt;
use std::time::Instant;

/// A staff session cookie that could not be looked up because the database
/// was unavailable or full: the error the access layer answers with.
#[derive(Debug, Clone)]
pub struct SessionUnread(pub AppError);

/// Resolves the language and the staff session into a [`RequestInfo`].
pub async fn request_context(
    State(state): State<AppState>,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    let headers = req.headers();
    let lang = Lang::negotiate(
        cookies::get(headers, cookies::LANG).as_deref(),
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let token = cookies::session_token(headers, &state.config);
    let mut stale_cookie = false;
    let mut unread = None;
    let user = match &token {
        Some(t) => {
            match sessions::resolve(&state.db, &state.key, t, state.session_lifetimes()).await {
                Ok(u) => {
                    stale_cookie = u.is_none();
                    u
                }
                Err(e) => {
                    // The database down or full: staff pages say so (the
                    // access layer), rather than ask to sign in again.
                    unread = e.is_outage().then_some(SessionUnread(e));
                    None
                }
            }
        }
        None => None,
    };
    if let Some(unread) = unread {
        req.extensions_mut().insert(unread);
    }
    // A private link's address holds its token: no page link may repeat it
    // (the language switcher's `next=`, the sign-in link).
    let path_and_query = match req.uri().path_and_query() {
        Some(p) if !p.path().starts_with("/i/") => p.as_str().to_string(),
        _ => "/".into(),
    };
    req.extensions_mut().insert(RequestInfo {
        lang,
        user,
        path_and_query,
    });
    let mut res = next.run(req).await;
    if stale_cookie {
        res.headers_mut().append(
            header::SET_COOKIE,
            cookies::clear_session_cookie(&state.config),
        );
    }
    res
}

/// Headers on every response. HTML pages set their own CSP (with a nonce);
/// everything else gets one that allows nothing inline.
pub async fn security_headers(
    State(state): State<AppState>,
    req: Request<Body>,
    next: Next,
) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
         frame-ancestors 'none'; base-uri 'none'; object-src 'none'; form-action 'self'",
        ));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    );
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    if state.config.secure_cookies {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    res
}

/// Refuses state-changing requests sent from another site (in addition to
/// SameSite=Lax cookies).
pub async fn same_origin(req: Request<Body>, next: Next) -> Response {
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if unsafe_method {
        let h = req.headers();
        let cross_site = h
            .get("sec-fetch-site")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v == "cross-site");
        let origin_host = h
            .get(header::ORIGIN)
            .and_then(|v| v.to_str().ok())
            .filter(|o| *o != "null")
            .map(|o| o.split("://").nth(1).unwrap_or(o).to_string());
        let host = h.get(header::HOST).and_then(|v| v.to_str().ok());
        let mismatch = matches!((&origin_host, host), (Some(o), Some(h)) if o != h);
        if cross_site || mismatch {
            let lang = req
                .extensions()
                .get::<RequestInfo>()
                .map(|i| i.lang)
                .unwrap_or_default();
            tracing::warn!("cross-site form post refused");
            return (
                StatusCode::FORBIDDEN,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                crate::i18n::translate(lang, "error-cross-site", &[]),
            )
                .into_response();
        }
    }
    next.run(req).await
}

/// One line per request: method, route template (never the raw path, which
/// may hold a token), status and time.
pub async fn access_log(req: Request<Body>, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string())
        .unwrap_or_else(|| "(unmatched)".into());
    let res = next.run(req).await;
    tracing::info!(
        %method,
        route,
        status = res.status().as_u16(),
        ms = started.elapsed().as_millis() as u64,
        "request"
    );
    res
}

/// Renders what a handler left in its response instead of a body: its page
/// ([`PageAgain`]: the data it loaded, or a refused form sent back), or its
/// [`AppError`] as the translated error page, in the request's language,
/// at its address. Headers the handler set (cookies, `Retry-After`) are kept.
///
/// A refused form comes back to a page whose data its handler did not load:
/// the page's own GET handler loads it, as for a GET of the page (and if
/// that GET is refused, its answer is given instead).
pub async fn render_pages(
    State(pages): State<render::Pages>,
    req: Request<Body>,
    next: Next,
) -> Response {
    let uri = req.uri().clone();
    let headers = req.headers().clone();
    let info = req.extensions().get::<RequestInfo>().cloned();
    let res = next.run(req).await;
    let mut again = res.extensions().get::<PageAgain>().cloned();
    let mut error = res.extensions().get::<AppError>().cloned();
    if again.is_none() && error.is_none() {
        return res;
    }
    let mut instead = None;
    if let Some(a) = again
        .as_mut()
        .filter(|a| a.form.is_some() && a.provide.is_none())
    {
        let at = match a.at.as_deref().map(str::parse) {
            Some(Ok(at)) => at,
            _ => uri.clone(),
        };
        let loaded = render::load_again(&pages, at, &headers, info.clone()).await;
        if let Some(e) = loaded.extensions().get::<AppError>() {
            error = Some(e.clone());
        } else if let Some(page) = loaded.extensions().get::<PageAgain>() {
            a.provide = page.provide.clone();
        } else {
            instead = Some(loaded);
        }
    }
    let mut request = Request::new(());
    *request.uri_mut() = uri;
    *request.headers_mut() = headers;
    if let Some(info) = info {
        request.extensions_mut().insert(info);
    }
    let (parts, ()) = request.into_parts();
    let state = &pages.state;
    let mut page = match (instead, again, error) {
        (Some(instead), _, _) => instead,
        (None, _, Some(error)) => {
            if let AppError::Request(what) = &error {
                tracing::info!(what, "malformed request refused");
            }
            render::error_response(state, parts, error).await
        }
        (None, Some(again), None) => render::again(state, parts, again, res.status()).await,
        (None, None, None) => return res,
    };
    for (name, value) in res.headers() {
        if name == header::SET_COOKIE {
            page.headers_mut().append(name, value.clone());
        } else if !page.headers().contains_key(name) && name != header::CONTENT_LENGTH {
            page.headers_mut().insert(name, value.clone());
        }
    }
    page
}

/// The last resort: a panic while answering becomes a translated error page
/// and a log line, never a dropped connection.
pub async fn catch_panic(req: Request<Body>, next: Next) -> Response {
    let lang = req
        .extensions()
        .get::<RequestInfo>()
        .map(|i| i.lang)
        .unwrap_or_default();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string())
        .unwrap_or_else(|| "(unmatched)".into());
    match std::panic::AssertUnwindSafe(next.run(req))
        .catch_unwind()
        .await
    {
        Ok(res) => res,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            tracing::error!(route, panic = what, "a request panicked");
            let t = |id: &str| crate::i18n::translate(lang, id, &[]);
            let body = format!(
                "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>\
                 <link rel=\"stylesheet\" href=\"/pkg/consulta.css\"></head><body><main><h1>{}</h1>\
                 <p>{}</p><p><a href=\"/\">{}</a></p></main></body></html>",
                lang.code(),
                t("error-internal-title"),
                t("error-internal-title"),
                t("error-internal"),
                t("nav-home"),
            );
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                [
                    (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                    (header::CACHE_CONTROL, "no-store"),
                ],
                body,
            )
                .into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::get;
    use tower::Service;

    #[tokio::test]
    async fn a_panic_becomes_a_translated_page_not_a_dropped_connection() {
        async fn boom() -> &'static str {
            panic!("a bug")
        }
        let mut app: axum::Router = axum::Router::new()
            .route("/boom", get(boom))
            .route("/fine", get(|| async { "fine" }))
            .layer(axum::middleware::from_fn(catch_panic));
        let mut req = Request::builder().uri("/boom").body(Body::empty()).unwrap();
        req.extensions_mut().insert(RequestInfo {
            lang: Lang::Fr,
            user: None,
            path_and_query: "/boom".into(),
        });
        let res = app.call(req).await.unwrap();
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(res.into_body(), 1 << 20)
            .await
            .unwrap();
        let body = String::from_utf8(body.to_vec()).unwrap();
        assert!(body.contains("lang=\"fr\""), "{body}");
        assert!(body.contains(&crate::i18n::translate(
            Lang::Fr,
            "error-internal-title",
            &[]
        )));
        // The server goes on answering.
        let res = app
            .call(Request::builder().uri("/fine").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
    }
}
