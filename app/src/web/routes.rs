//! The HTTP surface in one table: every route's method, path, access rule
//! and handler. The router is built from the table, and each handler is
//! wrapped in the access layer of its own row, so the two cannot disagree;
//! anything not in the table is not served (deny by default).

use super::access::{self, Rule};
use super::middleware;
use super::render::{self, page};
use crate::app::App;
use crate::domain::lang::Lang;
use crate::error::AppError;
use crate::pages::{
    audit, consultation, consultations, contacts, glossary, invitations, monitoring, parties,
    party_edit, preview, question_edit, respond, section_edit, series, sign_in, summary, workshops,
};
use crate::request::safe_next;
use crate::ssr::cookies;
use crate::ssr::extract::{Ids, Query};
use crate::ssr::reply::redirect;
use crate::ssr::state::AppState;
use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::handler::Handler;
use axum::http::{Method, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get_service};
use leptos_axum::generate_route_list;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};

/// One row of the table.
pub struct Endpoint {
    pub method: Method,
    /// axum's path syntax.
    pub path: &'static str,
    pub rule: Rule,
    /// A static file or the health check: served without the language,
    /// session and database work of the pages (always [`Rule::Public`]).
    pub bare: bool,
    handler: MethodRouter<AppState>,
}

fn get<H: Handler<T, AppState>, T: 'static>(path: &'static str, rule: Rule, h: H) -> Endpoint {
    endpoint(Method::GET, path, rule, axum::routing::get(h))
}

fn post<H: Handler<T, AppState>, T: 'static>(path: &'static str, rule: Rule, h: H) -> Endpoint {
    endpoint(Method::POST, path, rule, axum::routing::post(h))
}

fn endpoint(method: Method, path: &'static str, rule: Rule, h: MethodRouter<AppState>) -> Endpoint {
    Endpoint {
        method,
        path,
        rule,
        bare: false,
        handler: h,
    }
}

fn bare(path: &'static str, h: MethodRouter<AppState>) -> Endpoint {
    Endpoint {
        bare: true,
        ..endpoint(Method::GET, path, Rule::Public, h)
    }
}

/// Every route. A page's GET handler loads what the page shows and leaves
/// it to be rendered (pages that load nothing use [`page`]); the Leptos
/// route list in `crate::app` must have a GET row here for each of its paths.
#[rustfmt::skip]
pub fn endpoints(site_root: &std::path::Path) -> Vec<Endpoint> {
    use Rule::*;
    let pkg = ServeDir::new(site_root)
        .precompressed_br()
        .precompressed_gzip();
    vec![
        // Static files and the health check.
        bare("/healthz", axum::routing::get(healthz)),
        bare("/favicon.svg", get_service(ServeFile::new(site_root.join("favicon.svg")))),
        bare("/robots.txt", get_service(ServeFile::new(site_root.join("robots.txt")))),
        bare("/pkg/{*file}", get_service(pkg)),
        // Everyone.
        get("/", Public, page),
        get("/sign-in", Public, page),
        post("/sign-in", Public, sign_in::handler::submit),
        post("/sign-out", Public, sign_in::handler::sign_out),
        get("/lang/{code}", Public, set_language),
        get("/i/{token}", Public, respond::handler::open_link),
        // Whoever holds a private link.
        get("/respond", Invitee, respond::handler::show),
        get("/respond/profile", Invitee, respond::handler::show),
        post("/respond/profile", Invitee, respond::step::handler::save_profile),
        get("/respond/section/{sid}", Invitee, respond::handler::show),
        post("/respond/section/{sid}", Invitee, respond::step::handler::save_section),
        get("/respond/review", Invitee, respond::handler::show),
        get("/respond/all", Invitee, respond::handler::show),
        post("/respond/all", Invitee, respond::step::handler::save_all),
        post("/respond/submit", Invitee, respond::review::handler::submit),
        post("/respond/reopen", Invitee, respond::review::handler::reopen),
        get("/respond/done", Invitee, respond::handler::show),
        get("/respond/print", Invitee, respond::handler::show),
        get("/respond/copy", Invitee, respond::handler::show),
        // The Secretariat.
        get("/parties", Secretariat, parties::handler::show),
        get("/parties/new", Secretariat, party_edit::handler::show_new),
        post("/parties/new", Secretariat, party_edit::handler::create),
        get("/parties/{code}", Secretariat, party_edit::handler::show),
        post("/parties/{code}", Secretariat, party_edit::handler::update),
        get("/consultations", Secretariat, consultations::handler::show),
        post("/consultations", Secretariat, consultations::handler::create),
        post("/consultations/import", Secretariat, consultations::handler::import_file),
        get("/consultations/{id}", Secretariat, consultation::handler::show),
        post("/consultations/{id}/texts", Secretariat, consultation::handler::texts),
        post("/consultations/{id}/dates", Secretariat, consultation::handler::dates),
        post("/consultations/{id}/structure", Secretariat, consultation::handler::structure),
        post("/consultations/{id}/state", Secretariat, consultation::handler::transition),
        post("/consultations/{id}/duplicate", Secretariat, consultation::handler::duplicate),
        post("/consultations/{id}/next-round", Secretariat, consultation::handler::next_round),
        get("/consultations/{id}/export", Secretariat, consultation::handler::export_file),
        get("/consultations/{id}/preview/{lang}", Secretariat, preview::handler::show),
        get("/consultations/{id}/questions/{qid}", Secretariat, question_edit::handler::show),
        post("/consultations/{id}/questions/{qid}", Secretariat, question_edit::handler::save),
        get("/consultations/{id}/sections/{sid}", Secretariat, section_edit::handler::show),
        post("/consultations/{id}/sections/{sid}", Secretariat, section_edit::handler::save),
        get("/contacts", Secretariat, contacts::handler::show),
        post("/contacts", Secretariat, contacts::handler::create),
        get("/contacts/{id}", Secretariat, contacts::handler::show_one),
        post("/contacts/{id}", Secretariat, contacts::handler::update),
        post("/contacts/import", Secretariat, contacts::handler::import_preview),
        post("/contacts/import/confirm", Secretariat, contacts::handler::import_confirm),
        get("/contacts/export.csv", Secretariat, contacts::handler::export),
        get("/consultations/{id}/invitations", Secretariat, invitations::handler::show),
        post("/consultations/{id}/invitations", Secretariat, invitations::handler::send),
        post("/consultations/{id}/reminders", Secretariat, invitations::handler::remind),
        post("/consultations/{id}/reminders/schedule", Secretariat, invitations::handler::schedule),
        get("/glossary", Secretariat, glossary::handler::show),
        post("/glossary", Secretariat, glossary::handler::save),
        get("/audit", Secretariat, audit::handler::show),
        get("/workshops/new", Secretariat, workshops::handler::show_new),
        post("/workshops/new", Secretariat, workshops::handler::create),
        post("/workshops/{id}", Secretariat, workshops::handler::update),
        get("/consultations/{id}/monitoring", Secretariat, monitoring::handler::show),
        // Staff: organisers and the Secretariat (services narrow organisers to their regions).
        get("/workshops", Staff, workshops::handler::show_list),
        get("/workshops/{id}", Staff, workshops::handler::show),
        get("/summaries", Staff, summary::handler::show_list),
        get("/consultations/{id}/summary", Staff, summary::handler::show),
        get("/consultations/{id}/summary/texts/{qid}", Staff, summary::texts::handler::show),
        get("/consultations/{id}/summary.csv", Staff, summary::export::handler::csv_file),
        get("/consultations/{id}/summary.xlsx", Staff, summary::export::handler::xlsx_file),
        get("/consultations/{id}/briefing", Staff, summary::briefing::handler::show),
        get("/series/{id}", Staff, series::handler::show),
    ]
}

/// What does not hold together: Leptos page paths without a GET row,
/// bare rows that are not public, and paths with two rows for one method.
/// Must be empty.
pub fn inconsistencies(rows: &[Endpoint]) -> Vec<String> {
    let mut out = Vec::new();
    for r in generate_route_list(App) {
        let p = r.path();
        if !rows.iter().any(|e| e.method == Method::GET && e.path == p) {
            out.push(format!("page GET {p} has no row"));
        }
    }
    for (i, e) in rows.iter().enumerate() {
        if e.bare && e.rule != Rule::Public {
            out.push(format!("bare {} is not public", e.path));
        }
        if rows[..i]
            .iter()
            .any(|o| o.method == e.method && o.path == e.path)
        {
            out.push(format!("{} {} has two rows", e.method, e.path));
        }
    }
    out
}

/// The method, path and rule of every row (for tests and documentation).
pub fn table() -> Vec<(Method, &'static str, Rule)> {
    endpoints(std::path::Path::new("."))
        .into_iter()
        .map(|e| (e.method, e.path, e.rule))
        .collect()
}

pub fn router(state: AppState) -> Router {
    let site = std::path::PathBuf::from(&state.config.site_root);
    let rows = endpoints(&site);
    let wrong = inconsistencies(&rows);
    assert!(wrong.is_empty(), "the route table does not hold: {wrong:?}");

    let mut by_path: Vec<(&'static str, bool, MethodRouter<AppState>)> = Vec::new();
    for e in rows {
        let rule = e.rule;
        let handler = if e.bare {
            e.handler
        } else {
            e.handler.route_layer(axum::middleware::from_fn_with_state(
                state.clone(),
                move |State(s): State<AppState>, req: Request<Body>, next| {
                    access::enforce(rule, s, req, next)
                },
            ))
        };
        match by_path.iter_mut().find(|(p, _, _)| *p == e.path) {
            Some((_, _, mr)) => *mr = std::mem::take(mr).merge(handler),
            None => by_path.push((e.path, e.bare, handler)),
        }
    }
    let (assets, pages): (Vec<_>, Vec<_>) = by_path.into_iter().partition(|(_, bare, _)| *bare);
    // Static files and the health check: no language, no session, no database.
    let assets = assets
        .into_iter()
        .fold(Router::new(), |r, (path, _, mr)| r.route(path, mr))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::ssr::assets::cache_headers,
        ))
        .route_layer(axum::middleware::from_fn(middleware::access_log));
    let routes = pages
        .into_iter()
        .fold(Router::new(), |r, (path, _, mr)| r.route(path, mr));
    let renderer = render::Pages {
        state: state.clone(),
        routes: routes.clone().fallback(page).with_state(state.clone()),
    };
    let pages = routes
        .route_layer(axum::middleware::from_fn(middleware::access_log))
        .fallback(page)
        .layer(axum::middleware::from_fn_with_state(
            renderer,
            middleware::render_pages,
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

/// `GET /lang/{code}?next=/path`: remembers the choice and goes back to the page.
/// An unknown language changes nothing.
async fn set_language(
    State(state): State<AppState>,
    lang: Result<Ids<Lang>, AppError>,
    q: Query,
) -> Result<Response, AppError> {
    let next = safe_next(q.value("next")?);
    let mut res = redirect(&next);
    if let Ok(Ids(lang)) = lang {
        res.headers_mut().append(
            header::SET_COOKIE,
            cookies::lang_cookie(lang, &state.config),
        );
    }
    Ok(res)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_route_table_holds_together() {
        let rows = endpoints(std::path::Path::new("."));
        assert_eq!(inconsistencies(&rows), Vec::<String>::new());
        // Every page of the Leptos router, and nothing staff-only is public.
        let public: Vec<_> = rows
            .iter()
            .filter(|e| e.rule == Rule::Public)
            .map(|e| e.path)
            .collect();
        assert!(public.iter().all(|p| !p.starts_with("/consultations")
            && !p.starts_with("/contacts")
            && !p.starts_with("/respond")));
    }
}
