//! The HTTP surface: pages, form handlers, server functions, static files.

use super::access;
use super::cookies;
use super::middleware;
use super::render::{page, provide_request_context, redirect};
use super::state::AppState;
use crate::app::App;
use crate::domain::lang::Lang;
use crate::error::AppError;
use crate::pages::{
    consultation, consultations, contacts, glossary, invitations, party_edit, question_edit,
    respond, section_edit, sign_in, summary, workshops,
};
use crate::request::safe_next;
use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::collections::HashMap;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};

/// Page routes and registered server functions without an access rule.
pub fn unruled_endpoints() -> Vec<String> {
    let routes = generate_route_list(App);
    access::unruled(routes.iter().map(|r| r.path()))
}

pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let missing = unruled_endpoints();
    assert!(
        missing.is_empty(),
        "endpoints without an access rule: {missing:?}"
    );
    let site = std::path::PathBuf::from(&state.config.site_root);
    let pkg = ServeDir::new(site.join("pkg"))
        .precompressed_br()
        .precompressed_gzip();
    // Static files and the health check: no language, no session, no database.
    let assets = Router::new()
        .route(ruled("/healthz"), get(healthz))
        .route_service(
            ruled("/favicon.svg"),
            ServeFile::new(site.join("favicon.svg")),
        )
        .route_service(
            ruled("/robots.txt"),
            ServeFile::new(site.join("robots.txt")),
        )
        .nest_service(
            "/pkg",
            tower::ServiceBuilder::new()
                .layer(axum::middleware::from_fn_with_state(
                    state.clone(),
                    super::assets::cache_headers,
                ))
                .service(pkg),
        )
        .route_layer(axum::middleware::from_fn(middleware::access_log));
    // The respondent's pages are rendered by handlers that load what they show.
    let (respondent, routes): (Vec<_>, Vec<_>) = routes
        .into_iter()
        .partition(|r| r.path().starts_with(cookies::RESPOND_PATH));
    let pages = Router::new().leptos_routes_with_handler(routes, page);
    let pages = respondent.iter().fold(pages, |router, r| {
        router.route(ruled_dyn(r.path()), get(respond::handler::show))
    });
    let pages = pages
        .route(ruled("/sign-in"), post(sign_in::handler::submit))
        .route(ruled("/sign-out"), post(sign_in::handler::sign_out))
        .route(ruled("/parties/new"), post(party_edit::handler::create))
        .route(ruled("/parties/{code}"), post(party_edit::handler::update))
        .route(
            ruled("/consultations"),
            post(consultations::handler::create),
        )
        .route(
            ruled("/consultations/import"),
            post(consultations::handler::import_file),
        )
        .route(
            ruled("/consultations/{id}/texts"),
            post(consultation::handler::texts),
        )
        .route(
            ruled("/consultations/{id}/dates"),
            post(consultation::handler::dates),
        )
        .route(
            ruled("/consultations/{id}/structure"),
            post(consultation::handler::structure),
        )
        .route(
            ruled("/consultations/{id}/state"),
            post(consultation::handler::transition),
        )
        .route(
            ruled("/consultations/{id}/duplicate"),
            post(consultation::handler::duplicate),
        )
        .route(
            ruled("/consultations/{id}/export"),
            get(consultation::handler::export_file),
        )
        .route(
            ruled("/consultations/{id}/questions/{qid}"),
            post(question_edit::handler::save),
        )
        .route(
            ruled("/consultations/{id}/sections/{sid}"),
            post(section_edit::handler::save),
        )
        .route(ruled("/glossary"), post(glossary::handler::save))
        .route(ruled("/contacts"), post(contacts::handler::create))
        .route(ruled("/contacts/{id}"), post(contacts::handler::update))
        .route(
            ruled("/contacts/import"),
            post(contacts::handler::import_preview),
        )
        .route(
            ruled("/contacts/import/confirm"),
            post(contacts::handler::import_confirm),
        )
        .route(
            ruled("/contacts/export.csv"),
            get(contacts::handler::export),
        )
        .route(
            ruled("/consultations/{id}/invitations"),
            post(invitations::handler::send),
        )
        .route(
            ruled("/consultations/{id}/reminders"),
            post(invitations::handler::remind),
        )
        .route(
            ruled("/consultations/{id}/reminders/schedule"),
            post(invitations::handler::schedule),
        )
        .route(ruled("/workshops/new"), post(workshops::handler::create))
        .route(ruled("/workshops/{id}"), post(workshops::handler::update))
        .route(
            ruled("/consultations/{id}/summary.csv"),
            get(summary::export::handler::csv_file),
        )
        .route(
            ruled("/consultations/{id}/summary.xlsx"),
            get(summary::export::handler::xlsx_file),
        )
        .route(ruled("/lang/{code}"), get(set_language))
        .route(ruled("/i/{token}"), get(respond::handler::open_link))
        .route(
            ruled("/respond/profile"),
            post(respond::step::handler::save_profile),
        )
        .route(
            ruled("/respond/section/{sid}"),
            post(respond::step::handler::save_section),
        )
        .route(
            ruled("/respond/all"),
            post(respond::step::handler::save_all),
        )
        .route(
            ruled("/respond/submit"),
            post(respond::review::handler::submit),
        )
        .route(
            ruled("/respond/reopen"),
            post(respond::review::handler::reopen),
        )
        .route(access::SERVER_FN_ROUTE, post(server_fn).get(server_fn))
        // Innermost first: the access rule of the matched route, then the log.
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            access::enforce,
        ))
        .route_layer(axum::middleware::from_fn(middleware::access_log))
        .fallback(page)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::render_errors,
        ))
        .layer(axum::middleware::from_fn(middleware::catch_panic))
        .layer(axum::middleware::from_fn(middleware::same_origin))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::request_context,
        ));
    Router::new()
        .merge(assets)
        .merge(pages)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::security_headers,
        ))
        .layer(
            // Pages are small and made per request; static files come
            // pre-compressed. The fastest level keeps CPU and memory low
            // (brotli's default level holds megabytes per response).
            CompressionLayer::new()
                .br(true)
                .gzip(true)
                .quality(tower_http::CompressionLevel::Fastest),
        )
        .with_state(state)
}

/// A route's path, which must have an access rule (else the server does not start).
fn ruled(path: &'static str) -> &'static str {
    assert!(
        access::ROUTES.iter().any(|(_, t, _)| *t == path),
        "route {path} has no access rule in ssr::access::ROUTES"
    );
    path
}

/// A generated route's path, which must have an access rule.
fn ruled_dyn(path: &str) -> &str {
    assert!(
        access::has_rule(&axum::http::Method::GET, path),
        "route {path} has no access rule in ssr::access::ROUTES"
    );
    path
}

/// Server functions. The framework answers every error with 500; the status
/// here follows the error instead (401, 403, 404, 400 for unreadable arguments…).
async fn server_fn(State(state): State<AppState>, req: Request<Body>) -> Response {
    let res =
        leptos_axum::handle_server_fns_with_context(move || provide_request_context(&state), req)
            .await
            .into_response();
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = axum::body::to_bytes(body, 1 << 20)
        .await
        .unwrap_or_default();
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// `GET /lang/{code}?next=/path`: remembers the choice and goes back to the page.
async fn set_language(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let next = safe_next(q.get("next").map(String::as_str));
    match code.parse::<Lang>() {
        Ok(lang) => {
            let mut res = redirect(&next);
            res.headers_mut().append(
                header::SET_COOKIE,
                cookies::lang_cookie(lang, &state.config),
            );
            res
        }
        Err(()) => redirect(&next),
    }
}

/// `GET /healthz`: 200 when the database answers, 503 otherwise.
async fn healthz(State(state): State<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unavailable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}
