//! How a page shows an [`AppError`]: the right status, a translated message,
//! and for a signed-out visitor a way to sign in.

use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::request::use_request;
use leptos::prelude::*;

/// An error a handler found before rendering, shown in place of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageError(pub AppError);

#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(
            http::StatusCode::from_u16(error.status())
                .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
        );
    }
    let sign_in = (error == AppError::Unauthenticated).then(|| {
        let next = use_request().path_and_query;
        let href = format!("/sign-in?next={}", urlencode(&next));
        view! {
            <p>
                <a href=href>{i18n.t("nav-sign-in")}</a>
            </p>
        }
    });
    let title = i18n.t(&error.title_id());
    view! {
        <leptos_meta::Title text=title.clone()/>
        <section class="error-page">
            <h1>{title}</h1>
            <p>{i18n.t(error.message_id())}</p>
            {sign_in}
        </section>
    }
}

/// Percent-encodes a path for use as a query value.
pub fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn urlencode_keeps_paths_readable() {
        assert_eq!(
            super::urlencode("/parties?a=1&b=é"),
            "/parties%3Fa%3D1%26b%3D%C3%A9"
        );
    }
}
