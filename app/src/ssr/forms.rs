//! Reading a submitted `application/x-www-form-urlencoded` body without ever
//! rejecting the request: a malformed or oversized body reads as empty, and
//! the page then says what is missing, in the user's language.

use crate::domain::account::{Access, StaffUser};
use crate::domain::survey::Text;
use axum::body::Body;
use axum::http::Request;
use axum::http::request::Parts;
use axum::response::Response;
use std::collections::HashMap;

/// Larger bodies are not read.
pub const FORM_LIMIT: usize = 256 * 1024;

#[derive(Debug, Clone, Default)]
pub struct Form {
    pairs: Vec<(String, String)>,
}

impl Form {
    pub fn parse(bytes: &[u8]) -> Self {
        Form {
            pairs: serde_urlencoded::from_bytes(bytes).unwrap_or_default(),
        }
    }

    /// The first value of field `name`, or `""`.
    pub fn get(&self, name: &str) -> &str {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// The three fields `{name}_en`, `{name}_fr`, `{name}_es` as one text,
    /// trimmed and cut at `max` characters.
    pub fn text(&self, name: &str, max: usize) -> Text {
        let v = |l: &str| {
            self.get(&format!("{name}_{l}"))
                .trim()
                .chars()
                .take(max)
                .collect()
        };
        Text {
            en: v("en"),
            fr: v("fr"),
            es: v("es"),
        }
    }

    /// Every value of field `name` (checkbox groups), in order.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// Every field as submitted except `secret` ones, to put back in the form.
    pub fn values_except(&self, secret: &[&str]) -> HashMap<String, String> {
        let mut out = HashMap::new();
        for (k, v) in &self.pairs {
            if !secret.contains(&k.as_str()) {
                out.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
        out
    }
}

pub async fn read_form(req: Request<Body>) -> (Parts, Form) {
    let (parts, body) = req.into_parts();
    let form = match axum::body::to_bytes(body, FORM_LIMIT).await {
        Ok(bytes) => Form::parse(&bytes),
        Err(_) => Form::default(),
    };
    (parts, form)
}

/// Reads the form of a staff action and applies the guard: the caller, or
/// the error page to answer with.
pub async fn read_form_as(
    state: &super::state::AppState,
    req: Request<Body>,
    access: Access,
) -> Result<(Parts, Form, StaffUser), Response> {
    let (parts, form) = read_form(req).await;
    match crate::auth::caller(&parts, access) {
        Ok(user) => Ok((parts, form, user)),
        Err(e) => Err(super::render::error_response(state, parts, e).await),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_keeps_first_value() {
        let f = Form::parse(b"email=a%40b.org&password=x&email=other&name=S%C3%A3o+Tom%C3%A9");
        assert_eq!(f.get("email"), "a@b.org");
        assert_eq!(f.get("name"), "São Tomé");
        assert_eq!(f.get("missing"), "");
        let v = f.values_except(&["password"]);
        assert!(!v.contains_key("password"));
        assert_eq!(v["email"], "a@b.org");
    }

    #[test]
    fn texts_in_three_languages() {
        let f = Form::parse(b"title_en=+Needs+&title_fr=Besoins&title_es=Necesidades+largas");
        let t = f.text("title", 11);
        assert_eq!(
            (t.en.as_str(), t.fr.as_str(), t.es.as_str()),
            ("Needs", "Besoins", "Necesidades")
        );
        assert!(f.text("missing", 10).is_blank());
    }

    #[test]
    fn garbage_reads_as_empty() {
        assert_eq!(Form::parse(&[0xff, 0xfe, b'=', 0x80]).get("x"), "");
    }
}
