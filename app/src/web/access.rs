//! Who may call what. Every route's rule is a row of the route table
//! (`web::routes`), and each handler is wrapped in [`enforce`] with its row's
//! rule. Anything without a row is not served (deny by default).

use crate::auth::guard;
use crate::domain::account::Access;
use crate::error::AppError;
use crate::request::RequestInfo;
use crate::ssr::cookies;
use crate::ssr::recent_links::DbOutage;
use crate::ssr::services::invitations::{self, Invitee};
use crate::ssr::state::AppState;
use crate::web::middleware::SessionUnread;
use axum::body::Body;
use axum::http::Request;
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

/// The layer around each route: applies its row's rule to the caller. An
/// invitee's invitation is handed to the handler in the request's extensions.
pub async fn enforce(rule: Rule, state: AppState, mut req: Request<Body>, next: Next) -> Response {
    match decide(rule, &state, &mut req).await {
        Ok(()) => next.run(req).await,
        Err(e) => e.into_response(),
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
            if user.is_none()
                && let Some(SessionUnread(e)) = req.extensions().get::<SessionUnread>()
            {
                // The session could not be looked up: say so, not "sign in".
                return Err(e.clone());
            }
            guard(user, access).map(|_| ())
        }
        Rule::Invitee => {
            let (invitee, outage) = invitee(state, req.headers()).await?;
            if let Some(e) = outage {
                // Only a form's post goes on, to come back as typed; a
                // page to show needs the database.
                if req.method() != axum::http::Method::POST {
                    return Err(e);
                }
                req.extensions_mut().insert(DbOutage(e));
            }
            req.extensions_mut().insert(invitee);
            Ok(())
        }
    }
}

/// The invitation behind the request's invitee cookie, if still valid.
/// While the database cannot be reached, a link this server resolved
/// lately is recalled from memory (`ssr::recent_links`), so that a save
/// can send its page back as typed; any read the handler then makes fails
/// as unavailable.
async fn invitee(
    state: &AppState,
    headers: &axum::http::HeaderMap,
) -> Result<(Invitee, Option<AppError>), AppError> {
    let token = cookies::invite_token(headers, &state.config).ok_or(AppError::InvalidLink)?;
    match invitations::find_link(&state.db, &state.key, &token).await {
        Ok(link) => {
            let invitee = link.invitee()?;
            let digest = invitations::token_digest(&state.key, &token);
            state.recent_links.remember(digest, &invitee);
            Ok((invitee, None))
        }
        Err(AppError::Unavailable) => {
            let digest = invitations::token_digest(&state.key, &token);
            let invitee = state
                .recent_links
                .recall(&digest)
                .ok_or(AppError::Unavailable)?;
            Ok((invitee, Some(AppError::Unavailable)))
        }
        Err(e) => Err(e),
    }
}
