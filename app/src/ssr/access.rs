//! Who may call what: one declared table for every route and server function,
//! enforced by one layer. Anything not in the table is refused (deny by
//! default), and building the router fails if a route or a registered server
//! function has no rule.

use super::cookies;
use super::services::invitations::{self, Invitee};
use super::state::AppState;
use crate::auth::guard;
use crate::domain::account::Access;
use crate::error::AppError;
use crate::request::RequestInfo;
use axum::body::Body;
use axum::extract::{MatchedPath, State};
use axum::http::{HeaderValue, Method, Request, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Anyone, signed in or not.
    Public,
    /// The Secretariat only.
    Secretariat,
    /// Any signed-in staff member (organisers and the Secretariat); what
    /// each may see is narrowed further by the service it calls.
    Staff,
    /// Whoever holds a valid private link (swapped into the invitee cookie):
    /// the layer finds the invitation and hands the handler an [`Invitee`].
    Invitee,
}

/// Where server functions are mounted.
pub const SERVER_FN_ROUTE: &str = "/api/{*name}";

/// Every route: method, path template (axum syntax), rule.
pub const ROUTES: &[(Method, &str, Rule)] = {
    use Rule::*;
    &[
        (Method::GET, "/healthz", Public),
        (Method::GET, "/favicon.svg", Public),
        (Method::GET, "/robots.txt", Public),
        (Method::GET, "/pkg/{*file}", Public),
        (Method::GET, "/", Public),
        (Method::GET, "/sign-in", Public),
        (Method::POST, "/sign-in", Public),
        (Method::POST, "/sign-out", Public),
        (Method::GET, "/lang/{code}", Public),
        (Method::GET, "/i/{token}", Public),
        (Method::GET, "/respond", Invitee),
        (Method::GET, "/respond/profile", Invitee),
        (Method::POST, "/respond/profile", Invitee),
        (Method::GET, "/respond/section/{sid}", Invitee),
        (Method::POST, "/respond/section/{sid}", Invitee),
        (Method::GET, "/respond/review", Invitee),
        (Method::GET, "/respond/all", Invitee),
        (Method::POST, "/respond/all", Invitee),
        (Method::POST, "/respond/submit", Invitee),
        (Method::POST, "/respond/reopen", Invitee),
        (Method::GET, "/respond/done", Invitee),
        (Method::GET, "/respond/print", Invitee),
        (Method::GET, "/respond/copy", Invitee),
        (Method::GET, "/parties", Secretariat),
        (Method::GET, "/parties/new", Secretariat),
        (Method::POST, "/parties/new", Secretariat),
        (Method::GET, "/parties/{code}", Secretariat),
        (Method::POST, "/parties/{code}", Secretariat),
        (Method::GET, "/consultations", Secretariat),
        (Method::POST, "/consultations", Secretariat),
        (Method::POST, "/consultations/import", Secretariat),
        (Method::GET, "/consultations/{id}", Secretariat),
        (Method::POST, "/consultations/{id}/texts", Secretariat),
        (Method::POST, "/consultations/{id}/dates", Secretariat),
        (Method::POST, "/consultations/{id}/structure", Secretariat),
        (Method::POST, "/consultations/{id}/state", Secretariat),
        (Method::POST, "/consultations/{id}/duplicate", Secretariat),
        (Method::GET, "/consultations/{id}/export", Secretariat),
        (
            Method::GET,
            "/consultations/{id}/preview/{lang}",
            Secretariat,
        ),
        (
            Method::GET,
            "/consultations/{id}/questions/{qid}",
            Secretariat,
        ),
        (
            Method::POST,
            "/consultations/{id}/questions/{qid}",
            Secretariat,
        ),
        (
            Method::GET,
            "/consultations/{id}/sections/{sid}",
            Secretariat,
        ),
        (
            Method::POST,
            "/consultations/{id}/sections/{sid}",
            Secretariat,
        ),
        (Method::GET, "/contacts", Secretariat),
        (Method::POST, "/contacts", Secretariat),
        (Method::GET, "/contacts/{id}", Secretariat),
        (Method::POST, "/contacts/{id}", Secretariat),
        (Method::POST, "/contacts/import", Secretariat),
        (Method::POST, "/contacts/import/confirm", Secretariat),
        (Method::GET, "/contacts/export.csv", Secretariat),
        (Method::GET, "/consultations/{id}/invitations", Secretariat),
        (Method::POST, "/consultations/{id}/invitations", Secretariat),
        (Method::POST, "/consultations/{id}/reminders", Secretariat),
        (
            Method::POST,
            "/consultations/{id}/reminders/schedule",
            Secretariat,
        ),
        (Method::GET, "/glossary", Secretariat),
        (Method::POST, "/glossary", Secretariat),
        (Method::GET, "/audit", Secretariat),
        (Method::GET, "/workshops", Staff),
        (Method::GET, "/workshops/new", Secretariat),
        (Method::POST, "/workshops/new", Secretariat),
        (Method::GET, "/workshops/{id}", Staff),
        (Method::POST, "/workshops/{id}", Secretariat),
        (Method::GET, "/summaries", Staff),
        (Method::GET, "/consultations/{id}/summary", Staff),
        (
            Method::GET,
            "/consultations/{id}/summary/texts/{qid}",
            Staff,
        ),
        (Method::GET, "/consultations/{id}/summary.csv", Staff),
        (Method::GET, "/consultations/{id}/summary.xlsx", Staff),
        (Method::GET, "/consultations/{id}/briefing", Staff),
        (Method::GET, "/consultations/{id}/monitoring", Secretariat),
    ]
};

/// Every server function: its path and rule.
pub const SERVER_FNS: &[(&str, Rule)] = {
    use Rule::*;
    &[
        ("/api/list_consultations", Secretariat),
        ("/api/load_consultation", Secretariat),
        ("/api/load_question", Secretariat),
        ("/api/load_section", Secretariat),
        ("/api/load_preview", Secretariat),
        ("/api/list_parties", Secretariat),
        ("/api/load_party_form", Secretariat),
        ("/api/list_terms", Secretariat),
        ("/api/list_audit", Secretariat),
        ("/api/list_contacts", Secretariat),
        ("/api/load_contact", Secretariat),
        ("/api/load_invitations", Secretariat),
        ("/api/list_workshops", Staff),
        ("/api/load_workshop", Staff),
        ("/api/list_summaries", Staff),
        ("/api/load_summary", Staff),
        ("/api/load_texts", Staff),
        ("/api/load_briefing", Staff),
        ("/api/load_monitoring", Secretariat),
    ]
};

/// The rule for a request matched to `template` at `path`; `None`: refused.
pub fn rule(method: &Method, template: &str, path: &str) -> Option<Rule> {
    if template == SERVER_FN_ROUTE {
        return SERVER_FNS.iter().find(|(p, _)| *p == path).map(|(_, r)| *r);
    }
    let method = if method == Method::HEAD {
        &Method::GET
    } else {
        method
    };
    ROUTES
        .iter()
        .find(|(m, t, _)| m == method && *t == template)
        .map(|(_, _, r)| *r)
}

/// Whether `template` has a rule for `method` (checked when the router is built).
pub fn has_rule(method: &Method, template: &str) -> bool {
    ROUTES.iter().any(|(m, t, _)| m == method && *t == template)
}

/// Endpoints that exist but have no rule: page routes (`page_paths`, axum
/// syntax) and registered server functions. Must be empty.
pub fn unruled<'a>(page_paths: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = page_paths
        .into_iter()
        .filter(|p| !has_rule(&Method::GET, p))
        .map(|p| format!("GET {p}"))
        .collect();
    for (path, _) in leptos::server_fn::axum::server_fn_paths() {
        if !SERVER_FNS.iter().any(|(p, _)| *p == path) {
            out.push(format!("server function {path}"));
        }
    }
    out
}

/// The layer: applies the rule of the matched route to the caller.
pub async fn enforce(
    State(state): State<AppState>,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    let template = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string());
    let Some(template) = template else {
        // Unmatched requests reach the router's fallback: the public 404 page.
        return next.run(req).await;
    };
    let path = req.uri().path().to_string();
    let decision = match rule(req.method(), &template, &path) {
        None => Err(AppError::NotFound),
        Some(Rule::Public) => Ok(()),
        Some(rule @ (Rule::Secretariat | Rule::Staff)) => {
            let user = req
                .extensions()
                .get::<RequestInfo>()
                .and_then(|i| i.user.as_ref());
            let access = if rule == Rule::Staff {
                Access::Staff
            } else {
                Access::Secretariat
            };
            guard(user, access).map(|_| ())
        }
        Some(Rule::Invitee) => match invitee(&state, req.headers()).await {
            Ok(i) => {
                req.extensions_mut().insert(i);
                Ok(())
            }
            Err(e) => Err(e),
        },
    };
    match decision {
        Ok(()) => next.run(req).await,
        Err(e) if template == SERVER_FN_ROUTE => {
            // Server functions answer their errors as JSON.
            let mut res = e.clone().into_response();
            *res.body_mut() = Body::from(serde_json::to_string(&e).unwrap_or_default());
            res.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            res.extensions_mut().remove::<AppError>();
            res
        }
        Err(e) => e.into_response(),
    }
}

/// The invitation behind the request's invitee cookie, if still valid.
async fn invitee(state: &AppState, headers: &axum::http::HeaderMap) -> Result<Invitee, AppError> {
    let token = cookies::invite_token(headers, &state.config).ok_or(AppError::InvalidLink)?;
    invitations::find_link(&state.db, &state.key, &token)
        .await?
        .invitee()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_endpoints_have_no_rule() {
        assert_eq!(rule(&Method::GET, "/", "/"), Some(Rule::Public));
        assert_eq!(rule(&Method::HEAD, "/", "/"), Some(Rule::Public));
        assert_eq!(
            rule(
                &Method::POST,
                "/consultations/{id}/texts",
                "/consultations/x/texts"
            ),
            Some(Rule::Secretariat)
        );
        assert_eq!(
            rule(&Method::DELETE, "/consultations/{id}", "/consultations/x"),
            None
        );
        assert_eq!(rule(&Method::POST, SERVER_FN_ROUTE, "/api/nothing"), None);
        assert_eq!(
            rule(&Method::POST, SERVER_FN_ROUTE, "/api/list_audit"),
            Some(Rule::Secretariat)
        );
    }
}
