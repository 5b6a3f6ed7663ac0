//! Configuration: environment variables, optionally backed by a file of
//! `NAME=value` lines named by `CONSULTA_CONFIG`; the environment wins.
//! Every value has a safe default; a bad value is refused with its name.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("configuration: {name}={value:?} is not valid: {reason}")]
    Invalid {
        name: String,
        value: String,
        reason: String,
    },
    #[error("configuration: cannot read {path}: {reason}")]
    File { path: String, reason: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite://…` (default `sqlite://data/consulta.db`) or `postgres://…`.
    pub database_url: String,
    /// `LEPTOS_SITE_ADDR`: where to listen (default `127.0.0.1:3000`).
    pub site_addr: SocketAddr,
    /// `LEPTOS_SITE_ROOT`: the built site (default `target/site`).
    pub site_root: String,
    /// `CONSULTA_SESSION_IDLE_MINUTES`: staff sessions end after this long unused (default 60).
    pub session_idle: Duration,
    /// `CONSULTA_SECURE_COOKIES`: mark cookies `Secure` (set behind https; default false).
    pub secure_cookies: bool,
    /// `CONSULTA_TRUST_PROXY`: take the client address from `X-Forwarded-For` (default false).
    pub trust_proxy: bool,
    /// `CONSULTA_DEMO`: create demo accounts on first start (default false).
    pub demo: bool,
    /// `CONSULTA_DEMO_PASSWORD`: the demo accounts' password (default: random, printed once).
    pub demo_password: Option<String>,
    /// `CONSULTA_LOG`: `text` or `json` (default `text`).
    pub log_format: LogFormat,
    /// `CONSULTA_SIGNIN_MAX_FAILURES`: failures per account or address per window (default 5).
    pub sign_in_max_failures: u32,
    /// `CONSULTA_SIGNIN_WINDOW_MINUTES`: the rate-limit window (default 15).
    pub sign_in_window: Duration,
}

impl Config {
    /// Reads the process environment (and the optional file).
    pub fn from_env() -> Result<Self, ConfigError> {
        let mut vars: HashMap<String, String> = HashMap::new();
        if let Ok(path) = std::env::var("CONSULTA_CONFIG") {
            let text = std::fs::read_to_string(&path).map_err(|e| ConfigError::File {
                path: path.clone(),
                reason: e.to_string(),
            })?;
            vars.extend(parse_file(&text));
        }
        vars.extend(std::env::vars());
        Self::from_map(&vars)
    }

    pub fn from_map(vars: &HashMap<String, String>) -> Result<Self, ConfigError> {
        let get = |name: &str| vars.get(name).map(|s| s.trim()).filter(|s| !s.is_empty());
        let database_url = get("DATABASE_URL")
            .unwrap_or("sqlite://data/consulta.db")
            .to_string();
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(invalid(
                "DATABASE_URL",
                &database_url,
                "expected sqlite://… or postgres://…",
            ));
        }
        let site_addr = parse(
            get,
            "LEPTOS_SITE_ADDR",
            "127.0.0.1:3000",
            "expected host:port",
        )?;
        let minutes = |name: &str, default: &str| -> Result<Duration, ConfigError> {
            let m: u64 = parse(get, name, default, "expected a whole number of minutes ≥ 1")?;
            if m == 0 {
                return Err(invalid(name, "0", "expected a whole number of minutes ≥ 1"));
            }
            Ok(Duration::from_secs(m * 60))
        };
        let log_format = match get("CONSULTA_LOG").unwrap_or("text") {
            "text" => LogFormat::Text,
            "json" => LogFormat::Json,
            other => return Err(invalid("CONSULTA_LOG", other, "expected text or json")),
        };
        let sign_in_max_failures: u32 = parse(
            get,
            "CONSULTA_SIGNIN_MAX_FAILURES",
            "5",
            "expected a whole number ≥ 1",
        )?;
        if sign_in_max_failures == 0 {
            return Err(invalid(
                "CONSULTA_SIGNIN_MAX_FAILURES",
                "0",
                "expected a whole number ≥ 1",
            ));
        }
        Ok(Config {
            database_url,
            site_addr,
            site_root: get("LEPTOS_SITE_ROOT").unwrap_or("target/site").to_string(),
            session_idle: minutes("CONSULTA_SESSION_IDLE_MINUTES", "60")?,
            secure_cookies: boolean(get, "CONSULTA_SECURE_COOKIES")?,
            trust_proxy: boolean(get, "CONSULTA_TRUST_PROXY")?,
            demo: boolean(get, "CONSULTA_DEMO")?,
            demo_password: get("CONSULTA_DEMO_PASSWORD").map(str::to_string),
            log_format,
            sign_in_max_failures,
            sign_in_window: minutes("CONSULTA_SIGNIN_WINDOW_MINUTES", "15")?,
        })
    }

    pub fn is_sqlite(&self) -> bool {
        self.database_url.starts_with("sqlite:")
    }
}

fn invalid(name: &str, value: &str, reason: &str) -> ConfigError {
    ConfigError::Invalid {
        name: name.into(),
        value: value.into(),
        reason: reason.into(),
    }
}

fn parse<'a, T: std::str::FromStr>(
    get: impl Fn(&str) -> Option<&'a str>,
    name: &str,
    default: &str,
    reason: &str,
) -> Result<T, ConfigError> {
    let v = get(name).unwrap_or(default);
    v.parse().map_err(|_| invalid(name, v, reason))
}

fn boolean<'a>(get: impl Fn(&str) -> Option<&'a str>, name: &str) -> Result<bool, ConfigError> {
    match get(name).map(str::to_ascii_lowercase).as_deref() {
        None | Some("0" | "false" | "no" | "off") => Ok(false),
        Some("1" | "true" | "yes" | "on") => Ok(true),
        Some(other) => Err(invalid(name, other, "expected true or false")),
    }
}

/// `NAME=value` lines; blank lines and `#` comments are skipped.
fn parse_file(text: &str) -> impl Iterator<Item = (String, String)> + '_ {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().trim_matches('"').to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_are_safe() {
        let c = Config::from_map(&HashMap::new()).unwrap();
        assert_eq!(c.database_url, "sqlite://data/consulta.db");
        assert_eq!(c.site_addr.to_string(), "127.0.0.1:3000");
        assert!(!c.secure_cookies && !c.demo && !c.trust_proxy);
        assert_eq!(c.session_idle, Duration::from_secs(3600));
        assert!(c.is_sqlite());
    }

    #[test]
    fn bad_values_name_themselves() {
        for (name, value) in [
            ("LEPTOS_SITE_ADDR", "localhost"),
            ("DATABASE_URL", "mysql://x"),
            ("CONSULTA_SESSION_IDLE_MINUTES", "0"),
            ("CONSULTA_SESSION_IDLE_MINUTES", "soon"),
            ("CONSULTA_SECURE_COOKIES", "maybe"),
            ("CONSULTA_LOG", "xml"),
        ] {
            let err = Config::from_map(&map(&[(name, value)])).unwrap_err();
            assert!(err.to_string().contains(name), "{err}");
        }
    }

    #[test]
    fn file_lines_parse() {
        let vars: HashMap<_, _> = parse_file("# c\nA=1\n\nB = \"two\"\nnot a pair\n").collect();
        assert_eq!(vars.get("A").unwrap(), "1");
        assert_eq!(vars.get("B").unwrap(), "two");
        assert_eq!(vars.len(), 2);
    }
}
