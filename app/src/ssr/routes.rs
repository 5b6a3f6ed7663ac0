//! The HTTP surface: pages, form handlers, server functions, static files.

use super::cookies;
use super::middleware;
use super::render::{page, provide_request_context, redirect};
use super::state::AppState;
use crate::app::App;
use crate::domain::lang::Lang;
use crate::error::AppError;
use crate::pages::{
    consultation, consultations, glossary, party_edit, question_edit, section_edit, sign_in,
};
use crate::request::safe_next;
use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::collections::HashMap;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let site = std::path::PathBuf::from(&state.config.site_root);
    let pkg = ServeDir::new(site.join("pkg"))
        .precompressed_br()
        .precompressed_gzip();
    // Static files and the health check: no language, no session, no database.
    let assets = Router::new()
        .route("/healthz", get(healthz))
        .route_service("/favicon.svg", ServeFile::new(site.join("favicon.svg")))
        .route_service("/robots.txt", ServeFile::new(site.join("robots.txt")))
        .nest_service(
            "/pkg",
            tower::ServiceBuilder::new()
                .layer(SetResponseHeaderLayer::overriding(
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("no-cache"),
                ))
                .service(pkg),
        )
        .route_layer(axum::middleware::from_fn(middleware::access_log));
    let pages = Router::new()
        .leptos_routes_with_handler(routes, page)
        .route("/sign-in", post(sign_in::handler::submit))
        .route("/sign-out", post(sign_in::handler::sign_out))
        .route("/parties/new", post(party_edit::handler::create))
        .route("/parties/{code}", post(party_edit::handler::update))
        .route("/consultations", post(consultations::handler::create))
        .route(
            "/consultations/import",
            post(consultations::handler::import_file),
        )
        .route(
            "/consultations/{id}/texts",
            post(consultation::handler::texts),
        )
        .route(
            "/consultations/{id}/dates",
            post(consultation::handler::dates),
        )
        .route(
            "/consultations/{id}/structure",
            post(consultation::handler::structure),
        )
        .route(
            "/consultations/{id}/state",
            post(consultation::handler::transition),
        )
        .route(
            "/consultations/{id}/duplicate",
            post(consultation::handler::duplicate),
        )
        .route(
            "/consultations/{id}/export",
            get(consultation::handler::export_file),
        )
        .route(
            "/consultations/{id}/questions/{qid}",
            post(question_edit::handler::save),
        )
        .route(
            "/consultations/{id}/sections/{sid}",
            post(section_edit::handler::save),
        )
        .route("/glossary", post(glossary::handler::save))
        .route("/lang/{code}", get(set_language))
        .route("/api/{*name}", post(server_fn).get(server_fn))
        .route_layer(axum::middleware::from_fn(middleware::access_log))
        .fallback(page)
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
        .layer(CompressionLayer::new().br(true).gzip(true))
        .with_state(state)
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
