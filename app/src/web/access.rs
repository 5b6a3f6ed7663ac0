//! Who may call what. Every route's rule is a row of the route table
//! (`web::routes`), and each handler is wrapped in [`enforce`] with its row's
//! rule; server functions have their rules here, enforced by
//! [`enforce_server_fn`]. Anything without a rule is refused (deny by
//! default), and building the router fails if a registered server function
//! has no rule.

use crate::auth::guard;
use crate::domain::account::Access;
use crate::error::AppError;
use crate::request::RequestInfo;
use crate::ssr::cookies;
use crate::ssr::services::invitations::{self, Invitee};
use crate::ssr::state::AppState;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Request, header};
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

/// Registered server functions without a rule. Must be empty.
pub fn unruled_server_fns() -> Vec<String> {
    leptos::server_fn::axum::server_fn_paths()
        .filter(|(path, _)| !SERVER_FNS.iter().any(|(p, _)| p == path))
        .map(|(path, _)| format!("server function {path}"))
        .collect()
}

/// The rule of the server function at `path`; `None`: refused.
pub fn server_fn_rule(path: &str) -> Option<Rule> {
    SERVER_FNS.iter().find(|(p, _)| *p == path).map(|(_, r)| *r)
}

/// The layer around each route: applies its row's rule to the caller. An
/// invitee's invitation is handed to the handler in the request's extensions.
pub async fn enforce(rule: Rule, state: AppState, mut req: Request<Body>, next: Next) -> Response {
    match decide(rule, &state, &mut req).await {
        Ok(()) => next.run(req).await,
        Err(e) => e.into_response(),
    }
}

/// The layer around server functions: the rule of the one called; errors
/// answered as JSON, as server functions answer theirs.
pub async fn enforce_server_fn(
    State(state): State<AppState>,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    let decision = match server_fn_rule(req.uri().path()) {
        Some(rule) => decide(rule, &state, &mut req).await,
        None => Err(AppError::NotFound),
    };
    match decision {
        Ok(()) => next.run(req).await,
        Err(e) => {
            let mut res = e.clone().into_response();
            *res.body_mut() = Body::from(serde_json::to_string(&e).unwrap_or_default());
            res.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            res.extensions_mut().remove::<AppError>();
            res
        }
    }
}

async fn decide(rule: Rule, state: &AppState, req: &mut Request<Body>) -> Result<(), AppError> {
    match rule {
        Rule::Public => Ok(()),
        Rule::Secretariat | Rule::Staff => {
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
        Rule::Invitee => {
            let invitee = invitee(state, req.headers()).await?;
            req.extensions_mut().insert(invitee);
            Ok(())
        }
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
    fn server_functions_without_a_rule_are_refused() {
        assert_eq!(server_fn_rule("/api/nothing"), None);
        assert_eq!(server_fn_rule("/api/list_audit"), Some(Rule::Secretariat));
    }
}
