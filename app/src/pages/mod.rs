//! One module per route. Each holds the page and, server-only, its
//! handlers: the GET handler that loads what the page shows (a plain
//! loader function) and hands it to the page as context
//! (`ssr::reply::with_data`), and the handlers of the forms it posts.

pub mod audit;
pub mod consultation;
pub mod consultations;
pub mod contacts;
pub mod glossary;
pub mod home;
pub mod invitations;
pub mod monitoring;
pub mod not_found;
pub mod parties;
pub mod party_edit;
pub mod preview;
pub mod question_edit;
pub mod respond;
pub mod section_edit;
pub mod series;
pub mod sign_in;
pub mod summary;
pub mod workshops;

use crate::components::error_view::ErrorView;
use crate::error::AppError;
use leptos::prelude::*;

/// Shows the data the page's GET handler loaded for it. Rendered without it
/// (a route whose row does not name the page's handler: a bug), the page is
/// the internal error's.
pub fn with_page_data<T, V>(show: impl FnOnce(T) -> V) -> AnyView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    match use_context::<T>() {
        Some(data) => show(data).into_any(),
        None => view! { <ErrorView error=AppError::Internal/> }.into_any(),
    }
}
