//! Rendering pages: one a handler left in its response (with the data it
//! loaded, or a form sent back), and an error. All go through the same
//! Leptos app, with the same context.

use crate::app::shell;
use crate::components::error_view::PageError;
use crate::domain::validation::FormState;
use crate::error::AppError;
use crate::i18n::I18n;
use crate::request::RequestInfo;
use crate::ssr::reply::PageAgain;
use crate::ssr::state::AppState;
use axum::Router;
use axum::body::Body;
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, Request, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use leptos::prelude::*;
use tower::ServiceExt;

/// What renders pages: the state, and the routes, through which a page's
/// own GET handler loads its data again when a refused form comes back to it.
#[derive(Clone)]
pub struct Pages {
    pub state: AppState,
    /// The routes, each with its access rule (and nothing above them).
    pub routes: Router,
}

/// GET handler of the pages that load nothing (the start page, sign-in,
/// and any address not in the table: the not-found page): the page at the
/// request's address, rendered above (`middleware::render_pages`).
pub async fn page() -> Response {
    let mut res = StatusCode::OK.into_response();
    res.extensions_mut().insert(PageAgain {
        at: None,
        form: None,
        provide: None,
    });
    res
}

/// The response of the GET handler of the page at `uri`, for the request
/// whose `headers` and `info` are given: what a refused form's page shows
/// (its data, or why it cannot be shown), as a GET of it would.
pub async fn load_again(
    pages: &Pages,
    uri: Uri,
    headers: &HeaderMap,
    info: Option<RequestInfo>,
) -> Response {
    let mut req = Request::new(Body::empty());
    *req.uri_mut() = uri;
    *req.headers_mut() = headers.clone();
    let h = req.headers_mut();
    h.remove(header::CONTENT_TYPE);
    h.remove(header::CONTENT_LENGTH);
    if let Some(info) = info {
        req.extensions_mut().insert(info);
    }
    match pages.routes.clone().oneshot(req).await {
        Ok(res) => res,
        Err(never) => match never {},
    }
}

/// Renders the page a handler left in its response ([`PageAgain`]): at its
/// own address or the one it names, with its form or data.
pub async fn again(
    state: &AppState,
    mut parts: Parts,
    page: PageAgain,
    status: StatusCode,
) -> Response {
    if let Some(at) = page.at.as_deref() {
        parts.uri = at
            .parse()
            .unwrap_or_else(|_| axum::http::Uri::from_static("/"));
    }
    let provide = page.provide.clone();
    let provide = move || {
        if let Some(p) = &provide {
            p()
        }
    };
    render_inner(state, parts, page.form, None, status, provide).await
}

/// Renders `error` as a page, with its status.
pub async fn error_response(state: &AppState, parts: Parts, error: AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    render_with(state, parts, None, Some(PageError(error)), status).await
}

/// A page renders in milliseconds; one that has not rendered after this long
/// has hit a lost wake-up in the framework's Suspense (leptos-rs/leptos#4851,
/// seen here about once in a few thousand renders under load) and is rendered again.
const RENDER_PATIENCE: std::time::Duration = std::time::Duration::from_secs(4);
const RENDER_ATTEMPTS: usize = 3;

async fn render_with(
    state: &AppState,
    parts: Parts,
    form: Option<FormState>,
    error: Option<PageError>,
    status: StatusCode,
) -> Response {
    render_inner(state, parts, form, error, status, || {}).await
}

async fn render_inner(
    state: &AppState,
    mut parts: Parts,
    form: Option<FormState>,
    error: Option<PageError>,
    status: StatusCode,
    provide: impl Fn() + Clone + Send + Sync + 'static,
) -> Response {
    parts.method = Method::GET;
    let info = parts.extensions.get::<RequestInfo>().cloned();
    let st = state.clone();
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            // The server's state: the shell takes the assets' content hashes
            // from it (`ssr::assets::url`). Pages get their data from their
            // handlers, not from it.
            provide_context(st.clone());
            // The request's language and user, for every component.
            if let Some(info) = info.clone() {
                provide_context(I18n::new(info.lang));
                provide_context(info);
            }
            if let Some(f) = form.clone() {
                provide_context(f);
            }
            if let Some(e) = error.clone() {
                provide_context(e);
            }
            provide();
        },
        move || shell(options.clone()),
    );
    // Pages are rendered whole (SsrMode::Async) before a byte is sent, and
    // rendering only reads: a stalled render can be dropped and done again.
    for attempt in 1..=RENDER_ATTEMPTS {
        let req = Request::from_parts(parts.clone(), Body::empty());
        match tokio::time::timeout(RENDER_PATIENCE, handler(req)).await {
            Ok(mut res) => {
                if res.status() == StatusCode::OK {
                    *res.status_mut() = status;
                }
                return res;
            }
            Err(_) => tracing::warn!(attempt, "a page render stalled; rendering it again"),
        }
    }
    tracing::error!("a page render stalled every time");
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::RETRY_AFTER, "1")],
        crate::i18n::translate(
            parts
                .extensions
                .get::<RequestInfo>()
                .map(|i| i.lang)
                .unwrap_or_default(),
            "error-busy",
            &[],
        ),
    )
        .into_response()
}
