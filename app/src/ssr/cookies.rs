//! Reading and writing the two cookies Consulta sets: the staff session and
//! the chosen language. Also where a request comes from, for rate limiting.

use super::config::Config;
use crate::domain::lang::Lang;
use axum::extract::ConnectInfo;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use std::net::SocketAddr;

pub const LANG: &str = "consulta_lang";

/// The value of cookie `name`, if the request carries it.
pub fn get(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim().to_string())
}

fn build(
    name: &str,
    value: &str,
    max_age: Option<i64>,
    http_only: bool,
    cfg: &Config,
) -> HeaderValue {
    let mut c = format!("{name}={value}; Path=/; SameSite=Lax");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if http_only {
        c.push_str("; HttpOnly");
    }
    if cfg.secure_cookies {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).expect("cookie values are ASCII")
}

/// The session cookie: no Max-Age (it ends with the browser); the server
/// ends it sooner when idle.
pub fn session_cookie(token: &str, cfg: &Config) -> HeaderValue {
    build(super::services::sessions::COOKIE, token, None, true, cfg)
}

pub fn clear_session_cookie(cfg: &Config) -> HeaderValue {
    build(super::services::sessions::COOKIE, "", Some(0), true, cfg)
}

/// The language choice, kept for a year.
pub fn lang_cookie(lang: Lang, cfg: &Config) -> HeaderValue {
    build(LANG, lang.code(), Some(365 * 24 * 3600), false, cfg)
}

/// The client's address: the first `X-Forwarded-For` entry when behind a
/// trusted proxy, else the peer address.
pub fn client_ip(parts: &Parts, trust_proxy: bool) -> String {
    if trust_proxy
        && let Some(ip) = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
    {
        return ip.trim().to_string();
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn reads_one_cookie_among_many() {
        let mut h = HeaderMap::new();
        h.append(
            header::COOKIE,
            HeaderValue::from_static("a=1; consulta_lang=fr"),
        );
        h.append(header::COOKIE, HeaderValue::from_static("b=2"));
        assert_eq!(get(&h, LANG).as_deref(), Some("fr"));
        assert_eq!(get(&h, "b").as_deref(), Some("2"));
        assert_eq!(get(&h, "c"), None);
    }

    #[test]
    fn session_cookie_flags() {
        let mut cfg = Config::from_map(&HashMap::new()).unwrap();
        let c = session_cookie("abc", &cfg);
        let c = c.to_str().unwrap();
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && !c.contains("Secure"));
        cfg.secure_cookies = true;
        assert!(
            session_cookie("abc", &cfg)
                .to_str()
                .unwrap()
                .contains("; Secure")
        );
        assert!(
            clear_session_cookie(&cfg)
                .to_str()
                .unwrap()
                .contains("Max-Age=0")
        );
    }
}
