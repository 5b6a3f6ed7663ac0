//! What a page's form handler answers: another address (Post/Redirect/Get),
//! or its page again — with the refused form sent back, or with the data the
//! handler loaded. Handlers sit below the pages' shell, so they do not render:
//! they leave a [`PageAgain`] in the response, and the web layer above the
//! pages (`web::middleware::render_pages`) renders it, as it renders an
//! [`AppError`](crate::error::AppError) left the same way.

use crate::domain::validation::FormState;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// A page to render in the handler's place, at the handler's status.
#[derive(Clone)]
pub struct PageAgain {
    /// A local path when the page is not the one the form was posted to.
    pub at: Option<String>,
    /// The form sent back: what was typed, and why it was refused.
    pub form: Option<FormState>,
    /// Puts what the handler loaded into the page's context.
    pub provide: Option<Arc<dyn Fn() + Send + Sync>>,
}

/// `303 See Other` to a local path.
pub fn redirect(to: &str) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}

/// The page the form was posted to, with the form sent back.
pub fn again(form: FormState, status: StatusCode) -> Response {
    page(
        PageAgain {
            at: None,
            form: Some(form),
            provide: None,
        },
        status,
    )
}

/// The page at the local path `at`, with the form sent back (after a refused
/// post to another address).
pub fn again_at(at: &str, form: FormState, status: StatusCode) -> Response {
    page(
        PageAgain {
            at: Some(at.to_string()),
            form: Some(form),
            provide: None,
        },
        status,
    )
}

/// The page at `at` (or the request's own address) with `data` in its
/// context: for pages whose handler loads what they show.
pub fn with_data<T: Clone + Send + Sync + 'static>(
    at: Option<String>,
    data: T,
    status: StatusCode,
) -> Response {
    let provide = move || leptos::prelude::provide_context(data.clone());
    page(
        PageAgain {
            at,
            form: None,
            provide: Some(Arc::new(provide)),
        },
        status,
    )
}

fn page(again: PageAgain, status: StatusCode) -> Response {
    let mut res = status.into_response();
    res.extensions_mut().insert(again);
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_again_travels_in_the_response_with_its_status() {
        let res = again_at(
            "/contacts",
            FormState::refused(Default::default(), "x", vec![]),
            StatusCode::CONFLICT,
        );
        assert_eq!(res.status(), StatusCode::CONFLICT);
        let page = res.extensions().get::<PageAgain>().expect("a page");
        assert_eq!(page.at.as_deref(), Some("/contacts"));
        assert!(page.form.is_some() && page.provide.is_none());
        let res = redirect("/x");
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(res.headers()[header::LOCATION], "/x");
        assert!(res.extensions().get::<PageAgain>().is_none());
    }
}
