//! Reading and writing the two cookies Consulta sets: the staff session and
//! the chosen language. Also where a request comes from, for rate limiting.

use super::config::Config;
use crate::domain::lang::Lang;
use axum::extract::ConnectInfo;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use std::net::{IpAddr, SocketAddr};

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

/// The session cookie's name: `__Host-` prefixed when cookies are secure.
pub fn session_cookie_name(cfg: &Config) -> &'static str {
    use super::services::sessions;
    if cfg.secure_cookies {
        sessions::SECURE_COOKIE
    } else {
        sessions::COOKIE
    }
}

/// The session token the request carries, if any.
pub fn session_token(headers: &HeaderMap, cfg: &Config) -> Option<String> {
    get(headers, session_cookie_name(cfg)).filter(|t| !t.is_empty())
}

/// The session cookie: no Max-Age (it ends with the browser); the server
/// ends it sooner when idle or too old.
pub fn session_cookie(token: &str, cfg: &Config) -> HeaderValue {
    build(session_cookie_name(cfg), token, None, true, cfg)
}

pub fn clear_session_cookie(cfg: &Config) -> HeaderValue {
    build(session_cookie_name(cfg), "", Some(0), true, cfg)
}

/// Where the respondent's pages live: the invitee cookie is sent only there.
pub const RESPOND_PATH: &str = "/respond";

/// The invitee cookie's name: `__Secure-` prefixed when cookies are secure.
pub fn invite_cookie_name(cfg: &Config) -> &'static str {
    if cfg.secure_cookies {
        "__Secure-consulta_invite"
    } else {
        "consulta_invite"
    }
}

/// The private link's token, swapped into a cookie for the respondent's
/// pages only (so the token never stays in an address, a log or a referrer).
/// It ends with the browser session; the link opens it again.
pub fn invite_cookie(token: &str, cfg: &Config) -> HeaderValue {
    let mut c = format!(
        "{}={token}; Path={RESPOND_PATH}; SameSite=Lax; HttpOnly",
        invite_cookie_name(cfg)
    );
    if cfg.secure_cookies {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).expect("tokens are hex")
}

/// The invitee's token, if the request carries one.
pub fn invite_token(headers: &HeaderMap, cfg: &Config) -> Option<String> {
    get(headers, invite_cookie_name(cfg)).filter(|t| !t.is_empty())
}

/// The language choice, kept for a year.
pub fn lang_cookie(lang: Lang, cfg: &Config) -> HeaderValue {
    build(LANG, lang.code(), Some(365 * 24 * 3600), false, cfg)
}

/// The client's address, for rate limiting. Behind `hops` trusted proxies,
/// the address the outermost trusted proxy appended to `X-Forwarded-For`
/// (the `hops`-th entry from the right: entries further left are whatever
/// the client claimed); else the peer address. IPv6 addresses are grouped
/// by their /64 network, which one subscriber usually holds whole.
pub fn client_ip(parts: &Parts, hops: usize) -> String {
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let forwarded = (hops > 0)
        .then(|| {
            let entries: Vec<&str> = parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .map(str::trim)
                .collect();
            entries
                .len()
                .checked_sub(hops)
                .and_then(|i| entries[i].parse::<IpAddr>().ok())
        })
        .flatten();
    match forwarded.or(peer) {
        Some(ip) => group(ip),
        None => "unknown".into(),
    }
}

/// An IPv4 address as is; an IPv6 address as its /64 network.
fn group(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
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

    fn parts(xff: &[&str], peer: &str) -> Parts {
        let mut b = axum::http::Request::builder();
        for v in xff {
            b = b.header("x-forwarded-for", *v);
        }
        let (mut p, _) = b.body(()).unwrap().into_parts();
        p.extensions
            .insert(ConnectInfo(peer.parse::<SocketAddr>().unwrap()));
        p
    }

    #[test]
    fn client_address_behind_proxies() {
        // No trusted proxy: the peer, whatever the header claims.
        assert_eq!(client_ip(&parts(&["1.1.1.1"], "10.0.0.1:5"), 0), "10.0.0.1");
        // One proxy: the entry it appended (the rightmost), not the leftmost.
        assert_eq!(
            client_ip(&parts(&["6.6.6.6, 2.2.2.2"], "10.0.0.1:5"), 1),
            "2.2.2.2"
        );
        assert_eq!(
            client_ip(&parts(&["6.6.6.6", "2.2.2.2"], "10.0.0.1:5"), 1),
            "2.2.2.2"
        );
        // Two proxies: the second from the right.
        assert_eq!(
            client_ip(&parts(&["6.6.6.6, 3.3.3.3, 2.2.2.2"], "10.0.0.1:5"), 2),
            "3.3.3.3"
        );
        // Fewer entries than hops, or garbage: the peer.
        assert_eq!(client_ip(&parts(&[], "10.0.0.1:5"), 1), "10.0.0.1");
        assert_eq!(
            client_ip(&parts(&["nonsense"], "10.0.0.1:5"), 1),
            "10.0.0.1"
        );
        // IPv6 by /64.
        assert_eq!(
            client_ip(&parts(&[], "[2001:db8:1:2:aaaa::1]:5"), 0),
            client_ip(&parts(&[], "[2001:db8:1:2:bbbb::9]:5"), 0)
        );
        assert_ne!(
            client_ip(&parts(&[], "[2001:db8:1:2::1]:5"), 0),
            client_ip(&parts(&[], "[2001:db8:1:3::1]:5"), 0)
        );
    }

    #[test]
    fn session_cookie_flags() {
        let mut cfg = Config::from_map(&HashMap::new()).unwrap();
        let c = session_cookie("abc", &cfg);
        let c = c.to_str().unwrap();
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && !c.contains("Secure"));
        cfg.secure_cookies = true;
        let secure = session_cookie("abc", &cfg);
        let secure = secure.to_str().unwrap();
        assert!(
            secure.starts_with("__Host-consulta_session=abc; Path=/")
                && secure.contains("; Secure")
        );
        assert!(
            clear_session_cookie(&cfg)
                .to_str()
                .unwrap()
                .contains("Max-Age=0")
        );
    }
}
