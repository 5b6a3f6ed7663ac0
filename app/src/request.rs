//! What every page knows of the request it renders: language, signed-in user,
//! and its own address (for the language switcher and sign-in redirects).

use crate::domain::account::StaffUser;
use crate::domain::lang::Lang;
use leptos::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestInfo {
    pub lang: Lang,
    pub user: Option<StaffUser>,
    /// Path and query of the page, used as `next=` by the language switcher.
    pub path_and_query: String,
}

pub fn use_request() -> RequestInfo {
    use_context::<RequestInfo>().unwrap_or(RequestInfo {
        lang: Lang::En,
        user: None,
        path_and_query: "/".into(),
    })
}

/// Accepts only a local path (`/…`, not `//…`) as a redirect target.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.starts_with("/\\")
                && !n.chars().any(|c| c.is_control()) =>
        {
            n.to_string()
        }
        _ => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_redirect_targets() {
        assert_eq!(safe_next(Some("/parties?x=1")), "/parties?x=1");
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/\\evil",
            "",
            "parties",
            "/a\nb",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad}");
        }
        assert_eq!(safe_next(None), "/");
    }
}
