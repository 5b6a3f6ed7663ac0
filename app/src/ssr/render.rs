//! Rendering pages: for a GET, for a form sent back with its errors, and for
//! an error. All go through the same Leptos app, with the same context.

use super::state::AppState;
use crate::app::shell;
use crate::components::error_view::PageError;
use crate::components::form::FormState;
use crate::error::AppError;
use crate::i18n::I18n;
use crate::request::RequestInfo;
use axum::body::Body;
use axum::extract::State;
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use leptos::prelude::*;

/// What every render (and server function call) gets as context.
pub fn provide_request_context(state: &AppState) {
    provide_context(state.clone());
    let info = use_context::<Parts>().and_then(|p| p.extensions.get::<RequestInfo>().cloned());
    if let Some(info) = info {
        provide_context(I18n::new(info.lang));
        provide_context(info);
    }
}

/// GET handler for every page in the route table.
pub async fn page(State(state): State<AppState>, req: Request<Body>) -> Response {
    let (parts, _) = req.into_parts();
    render_with(&state, parts, None, None, StatusCode::OK).await
}

/// Renders the page at `parts`' path with a submitted form sent back to it.
pub async fn render(
    state: &AppState,
    parts: Parts,
    form: Option<FormState>,
    status: StatusCode,
) -> Response {
    render_with(state, parts, form, None, status).await
}

/// Renders the page at the local path `at` with a submitted form sent back
/// to it (after a refused post to another address).
pub async fn render_at(
    state: &AppState,
    mut parts: Parts,
    at: &str,
    form: FormState,
    status: StatusCode,
) -> Response {
    parts.uri = at
        .parse()
        .unwrap_or_else(|_| axum::http::Uri::from_static("/"));
    render_with(state, parts, Some(form), None, status).await
}

/// Renders the page at `parts`' path with `data` in its context: for pages
/// whose handler loads what they show (nothing is serialised into the page).
pub async fn render_data<T: Clone + Send + Sync + 'static>(
    state: &AppState,
    parts: Parts,
    data: T,
    status: StatusCode,
) -> Response {
    let provide = move || provide_context(data.clone());
    render_inner(state, parts, None, None, status, provide).await
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
    let st = state.clone();
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_request_context(&st);
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

/// Post/Redirect/Get: `303 See Other` to a local path.
pub fn redirect(to: &str) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}

/// Headers of every HTML document: a Content-Security-Policy allowing only
/// this page's own nonce for inline scripts (the islands' loader), and no caching.
pub fn set_document_headers() {
    let Some(res) = use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    let nonce = leptos::nonce::use_nonce()
        .map(|n| n.to_string())
        .unwrap_or_default();
    let csp = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; \
         frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    );
    if let Ok(v) = HeaderValue::from_str(&csp) {
        res.insert_header(header::CONTENT_SECURITY_POLICY, v);
    }
    res.insert_header(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}
