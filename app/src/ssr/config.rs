//! Configuration: environment variables, optionally backed by a file of
//! `NAME=value` lines named by `CONSULTA_CONFIG`; the environment wins.
//! Every value has a safe default; a bad value is refused with its name.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// The server secret's bytes; never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretBytes(pub Vec<u8>);

impl std::fmt::Debug for SecretBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretBytes(…)")
    }
}

/// The shortest server secret accepted, in bytes (64 hex digits).
pub const SECRET_MIN_BYTES: usize = 32;

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

/// How costly a new password hash is (`CONSULTA_PASSWORD_COST`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PasswordCost {
    /// argon2id with 19 MiB and two passes: what a server uses.
    #[default]
    Standard,
    /// argon2id at its lowest cost (8 KiB, one pass), for test servers
    /// that sign in hundreds of times: never for real accounts.
    Test,
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
    /// `CONSULTA_SESSION_MAX_HOURS`: staff sessions end this long after sign-in, used or not (default 12).
    pub session_max: Duration,
    /// `CONSULTA_PROXY_HOPS`: how many trusted proxies append to `X-Forwarded-For`
    /// in front of the server (default 0: the peer address is the client's).
    /// `CONSULTA_TRUST_PROXY=true` means one.
    pub proxy_hops: usize,
    /// `CONSULTA_ALLOW_INSECURE_HTTP`: allow listening on a non-loopback address
    /// without `CONSULTA_SECURE_COOKIES` (default false: refused).
    pub allow_insecure_http: bool,
    /// `CONSULTA_SECRET_KEY`: the server secret, at least 64 hex digits. Without it,
    /// the key file is used (and, for SQLite, created on first start).
    pub secret_key: Option<SecretBytes>,
    /// `CONSULTA_SECRET_KEY_FILE`: where the secret is kept (default: `secret.key`
    /// beside the SQLite database; required with PostgreSQL unless the key is given).
    pub secret_key_file: Option<PathBuf>,
    /// `CONSULTA_DB_WAIT_SECONDS`: how long a request waits for a database
    /// connection before it is told the database is unavailable (default 10).
    pub db_wait: Duration,
    /// `CONSULTA_PASSWORD_CHECKS`: password checks run at once (default 2; each holds 19 MiB).
    pub password_checks: usize,
    /// `CONSULTA_PASSWORD_COST`: `standard` (default), or `test` for test
    /// servers only (hashes made then are cheap to guess; a warning is logged).
    pub password_cost: PasswordCost,
    /// `CONSULTA_AUDIT_RETENTION_DAYS`: audit entries older than this are removed (default 1825).
    pub audit_retention_days: u32,
    /// `CONSULTA_DEMO`: create demo accounts on first start (default false).
    pub demo: bool,
    /// `CONSULTA_DEMO_DATA`: with `CONSULTA_DEMO`, also create the demo
    /// consultation with synthetic responses and a demo workshop (default true).
    pub demo_data: bool,
    /// `CONSULTA_DEMO_PASSWORD`: the demo accounts' password (default: random, printed once).
    pub demo_password: Option<String>,
    /// `MAIL_URL`, `CONSULTA_MAIL_FROM`, `CONSULTA_MAIL_REPLY_TO`: how and as
    /// whom e-mail is sent (default: `.eml` files in `data/outbox/`);
    /// `CONSULTA_SMTP_CA_FILE`: a PEM bundle of certificate authorities
    /// trusted for the SMTP server besides the public ones.
    pub mail: super::mail::MailConfig,
    /// `CONSULTA_MAIL_PER_SECOND`: at most this many messages a second (default 20).
    pub mail_per_second: u32,
    /// `CONSULTA_MAIL_RETRY_SECONDS`: the first retry of a failed delivery
    /// waits this long, each next one twice as long (default 15).
    pub mail_retry: Duration,
    /// `CONSULTA_PUBLIC_URL`: the address people use to reach this server, for
    /// links in e-mails (default `http://` and the listening address).
    pub public_url: Option<String>,
    /// `CONSULTA_LOG`: `text` or `json` (default `text`).
    pub log_format: LogFormat,
    /// `CONSULTA_SIGNIN_MAX_FAILURES`: attempts per account-and-address pair per window (default 5).
    pub sign_in_max_failures: u32,
    /// `CONSULTA_SIGNIN_MAX_PER_ADDRESS`: attempts per address (any account) per window (default 50).
    pub sign_in_max_per_address: u32,
    /// `CONSULTA_SIGNIN_WINDOW_MINUTES`: the rate-limit window (default 15).
    pub sign_in_window: Duration,
    /// `CONSULTA_DISCLOSURE_K`: no summary figure for a group of fewer
    /// responses (default 5; refused below 3).
    pub disclosure_k: crate::domain::disclosure::Threshold,
    /// `CONSULTA_RESPONSE_SAVES_PER_MINUTE`: writes (saves, submissions,
    /// reopenings) one invitee may make per minute, in a burst or spread
    /// out; more are refused with 429, the page kept as typed (default 60,
    /// from 1 to 100,000; counted per server instance, in memory).
    pub response_saves_per_minute: u32,
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
        let at_least = |name: &str, default: &str, min: u64| -> Result<u64, ConfigError> {
            let reason = format!("expected a whole number ≥ {min}");
            let n: u64 = parse(get, name, default, &reason)?;
            if n < min {
                return Err(invalid(name, &n.to_string(), &reason));
            }
            Ok(n)
        };
        let sign_in_max_failures = at_least("CONSULTA_SIGNIN_MAX_FAILURES", "5", 1)? as u32;
        let sign_in_max_per_address = at_least("CONSULTA_SIGNIN_MAX_PER_ADDRESS", "50", 1)? as u32;
        let password_checks = at_least("CONSULTA_PASSWORD_CHECKS", "2", 1)?.min(64) as usize;
        let password_cost = match get("CONSULTA_PASSWORD_COST").unwrap_or("standard") {
            "standard" => PasswordCost::Standard,
            "test" => PasswordCost::Test,
            other => {
                return Err(invalid(
                    "CONSULTA_PASSWORD_COST",
                    other,
                    "expected standard or test",
                ));
            }
        };
        let db_wait = Duration::from_secs(at_least("CONSULTA_DB_WAIT_SECONDS", "10", 1)?.min(600));
        let audit_retention_days = at_least("CONSULTA_AUDIT_RETENTION_DAYS", "1825", 30)? as u32;
        let session_max_hours = at_least("CONSULTA_SESSION_MAX_HOURS", "12", 1)?;
        let proxy_hops = match get("CONSULTA_PROXY_HOPS") {
            Some(_) => at_least("CONSULTA_PROXY_HOPS", "0", 0)?.min(16) as usize,
            None => usize::from(boolean(get, "CONSULTA_TRUST_PROXY")?),
        };
        let secret_key = match get("CONSULTA_SECRET_KEY") {
            None => None,
            Some(v) => {
                Some(SecretBytes(parse_secret(v).map_err(|reason| {
                    invalid("CONSULTA_SECRET_KEY", "(hidden)", reason)
                })?))
            }
        };
        let secure_cookies = boolean(get, "CONSULTA_SECURE_COOKIES")?;
        let mail_url = get("MAIL_URL").unwrap_or("file://data/outbox");
        let mail_from =
            get("CONSULTA_MAIL_FROM").unwrap_or("CITES Secretariat <consulta@localhost>");
        let mail = super::mail::MailConfig::new(
            mail_url,
            mail_from,
            get("CONSULTA_MAIL_REPLY_TO").unwrap_or(mail_from),
        )
        .map_err(|e| {
            let name = match &e {
                super::mail::MailConfigError::BadMailbox { which: "from", .. } => {
                    "CONSULTA_MAIL_FROM"
                }
                super::mail::MailConfigError::BadMailbox { .. } => "CONSULTA_MAIL_REPLY_TO",
                _ => "MAIL_URL",
            };
            // Never echo a password from the URL.
            invalid(name, "(see the reason)", &e.to_string())
        })?;
        let mail = match get("CONSULTA_SMTP_CA_FILE") {
            None => mail,
            Some(path) => mail
                .with_ca_file(std::path::Path::new(path))
                .map_err(|e| invalid("CONSULTA_SMTP_CA_FILE", path, &e.to_string()))?,
        };
        let send_timeout = at_least(
            "CONSULTA_SMTP_TIMEOUT_SECONDS",
            "60",
            super::mail::MIN_SEND_TIMEOUT.as_secs(),
        )?;
        let mail = super::mail::MailConfig {
            send_timeout: Duration::from_secs(send_timeout.min(3600)),
            ..mail
        };
        let mail_per_second = at_least("CONSULTA_MAIL_PER_SECOND", "20", 1)? as u32;
        let mail_retry = Duration::from_secs(at_least("CONSULTA_MAIL_RETRY_SECONDS", "15", 1)?);
        let allow_insecure_http = boolean(get, "CONSULTA_ALLOW_INSECURE_HTTP")?;
        let k_reason = format!(
            "expected a whole number ≥ {} (the smallest group a summary shows)",
            crate::domain::disclosure::MIN_K
        );
        let k: u32 = parse(
            get,
            "CONSULTA_DISCLOSURE_K",
            &crate::domain::disclosure::DEFAULT_K.to_string(),
            &k_reason,
        )?;
        let disclosure_k = crate::domain::disclosure::Threshold::new(k)
            .map_err(|_| invalid("CONSULTA_DISCLOSURE_K", &k.to_string(), &k_reason))?;
        let saves_reason = "expected a whole number of writes per minute from 1 to 100000";
        let response_saves_per_minute: u32 = parse(
            get,
            "CONSULTA_RESPONSE_SAVES_PER_MINUTE",
            &super::save_limit::DEFAULT_PER_MINUTE.to_string(),
            saves_reason,
        )?;
        if !(1..=100_000).contains(&response_saves_per_minute) {
            return Err(invalid(
                "CONSULTA_RESPONSE_SAVES_PER_MINUTE",
                &response_saves_per_minute.to_string(),
                saves_reason,
            ));
        }
        let site_addr: SocketAddr = site_addr;
        if !site_addr.ip().is_loopback() && !secure_cookies && !allow_insecure_http {
            return Err(invalid(
                "LEPTOS_SITE_ADDR",
                &site_addr.to_string(),
                "listening beyond this machine needs CONSULTA_SECURE_COOKIES=true (behind https), \
                 or CONSULTA_ALLOW_INSECURE_HTTP=true to accept plain http",
            ));
        }
        Ok(Config {
            database_url,
            site_addr,
            site_root: get("LEPTOS_SITE_ROOT").unwrap_or("target/site").to_string(),
            session_idle: minutes("CONSULTA_SESSION_IDLE_MINUTES", "60")?,
            session_max: Duration::from_secs(session_max_hours * 3600),
            secure_cookies,
            proxy_hops,
            allow_insecure_http,
            secret_key,
            secret_key_file: get("CONSULTA_SECRET_KEY_FILE").map(PathBuf::from),
            db_wait,
            password_checks,
            password_cost,
            audit_retention_days,
            sign_in_max_per_address,
            mail,
            mail_per_second,
            mail_retry,
            public_url: get("CONSULTA_PUBLIC_URL").map(|u| u.trim_end_matches('/').to_string()),
            demo: boolean(get, "CONSULTA_DEMO")?,
            demo_data: match get("CONSULTA_DEMO_DATA") {
                None => true,
                Some(_) => boolean(get, "CONSULTA_DEMO_DATA")?,
            },
            demo_password: get("CONSULTA_DEMO_PASSWORD").map(str::to_string),
            log_format,
            sign_in_max_failures,
            sign_in_window: minutes("CONSULTA_SIGNIN_WINDOW_MINUTES", "15")?,
            disclosure_k,
            response_saves_per_minute,
        })
    }

    pub fn is_sqlite(&self) -> bool {
        self.database_url.starts_with("sqlite:")
    }
}

/// A secret given as hex: at least [`SECRET_MIN_BYTES`] bytes.
pub fn parse_secret(v: &str) -> Result<Vec<u8>, &'static str> {
    let v = v.trim();
    let bytes =
        hex::decode(v).map_err(|_| "expected hexadecimal digits (e.g. openssl rand -hex 32)")?;
    if bytes.len() < SECRET_MIN_BYTES {
        return Err("too short: at least 64 hex digits (32 bytes)");
    }
    Ok(bytes)
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
    fn a_smtp_ca_file_is_read_or_refused_by_name() {
        let dir = std::env::temp_dir().join(format!("consulta-cfg-ca-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let cfg = |path: &std::path::Path| {
            Config::from_map(&map(&[
                ("MAIL_URL", "smtps://mail.example.org"),
                ("CONSULTA_SMTP_CA_FILE", path.to_str().unwrap()),
            ]))
        };
        let missing = dir.join("missing.pem");
        let err = cfg(&missing).unwrap_err().to_string();
        assert!(err.contains("CONSULTA_SMTP_CA_FILE"), "{err}");
        assert!(err.contains("cannot read it"), "{err}");
        let garbage = dir.join("garbage.pem");
        std::fs::write(&garbage, "not a certificate\n").unwrap();
        let err = cfg(&garbage).unwrap_err().to_string();
        assert!(
            err.contains("CONSULTA_SMTP_CA_FILE") && err.contains("holds no certificate"),
            "{err}"
        );
        let unset = Config::from_map(&map(&[("MAIL_URL", "smtps://mail.example.org")])).unwrap();
        assert!(unset.mail.extra_roots.0.is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn defaults_are_safe() {
        let c = Config::from_map(&HashMap::new()).unwrap();
        assert_eq!(c.database_url, "sqlite://data/consulta.db");
        assert_eq!(c.site_addr.to_string(), "127.0.0.1:3000");
        assert!(!c.secure_cookies && !c.demo && c.proxy_hops == 0);
        assert_eq!(c.session_max, Duration::from_secs(12 * 3600));
        assert_eq!(c.password_checks, 2);
        assert_eq!(c.password_cost, PasswordCost::Standard);
        assert!(c.secret_key.is_none());
        assert_eq!(c.session_idle, Duration::from_secs(3600));
        assert!(c.is_sqlite());
        assert_eq!(c.disclosure_k.get(), 5);
        let c = Config::from_map(&map(&[("CONSULTA_DISCLOSURE_K", "3")])).unwrap();
        assert_eq!(c.disclosure_k.get(), 3);
        assert_eq!(c.response_saves_per_minute, 60);
        let c = Config::from_map(&map(&[("CONSULTA_RESPONSE_SAVES_PER_MINUTE", "5")])).unwrap();
        assert_eq!(c.response_saves_per_minute, 5);
    }

    #[test]
    fn the_database_wait_defaults_to_ten_seconds_and_refuses_zero() {
        let c = Config::from_map(&HashMap::new()).unwrap();
        assert_eq!(c.db_wait, Duration::from_secs(10));
        let c = Config::from_map(&map(&[("CONSULTA_DB_WAIT_SECONDS", "2")])).unwrap();
        assert_eq!(c.db_wait, Duration::from_secs(2));
        for bad in ["0", "-1", "soon"] {
            let err = Config::from_map(&map(&[("CONSULTA_DB_WAIT_SECONDS", bad)]))
                .unwrap_err()
                .to_string();
            assert!(err.contains("CONSULTA_DB_WAIT_SECONDS"), "{bad}: {err}");
        }
    }

    #[test]
    fn the_smtp_timeout_defaults_to_a_minute_and_refuses_less_than_five_seconds() {
        let c = Config::from_map(&HashMap::new()).unwrap();
        assert_eq!(c.mail.send_timeout, Duration::from_secs(60));
        let c = Config::from_map(&map(&[("CONSULTA_SMTP_TIMEOUT_SECONDS", "10")])).unwrap();
        assert_eq!(c.mail.send_timeout, Duration::from_secs(10));
        for bad in ["4", "0", "-1", "soon"] {
            let err = Config::from_map(&map(&[("CONSULTA_SMTP_TIMEOUT_SECONDS", bad)]))
                .unwrap_err()
                .to_string();
            assert!(
                err.contains("CONSULTA_SMTP_TIMEOUT_SECONDS"),
                "{bad}: {err}"
            );
        }
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
            ("CONSULTA_SECRET_KEY", "abcd"),
            (
                "CONSULTA_SECRET_KEY",
                "not hex at all, but long enough to pass a length check",
            ),
            ("CONSULTA_AUDIT_RETENTION_DAYS", "3"),
            ("CONSULTA_PROXY_HOPS", "-1"),
            ("CONSULTA_DISCLOSURE_K", "2"),
            ("CONSULTA_DISCLOSURE_K", "0"),
            ("CONSULTA_DISCLOSURE_K", "five"),
            ("LEPTOS_SITE_ADDR", "0.0.0.0:3000"),
            ("CONSULTA_RESPONSE_SAVES_PER_MINUTE", "0"),
            ("CONSULTA_RESPONSE_SAVES_PER_MINUTE", "-5"),
            ("CONSULTA_RESPONSE_SAVES_PER_MINUTE", "lots"),
            ("CONSULTA_RESPONSE_SAVES_PER_MINUTE", "1000000"),
            ("CONSULTA_PASSWORD_COST", "low"),
        ] {
            let err = Config::from_map(&map(&[(name, value)])).unwrap_err();
            assert!(err.to_string().contains(name), "{err}");
        }
    }

    #[test]
    fn secrets_and_listening() {
        let key = "ab".repeat(32);
        let c = Config::from_map(&map(&[("CONSULTA_SECRET_KEY", &key)])).unwrap();
        assert_eq!(c.secret_key.unwrap().0.len(), 32);
        assert!(
            !format!(
                "{:?}",
                Config::from_map(&map(&[("CONSULTA_SECRET_KEY", &key)])).unwrap()
            )
            .contains(&key)
        );
        for ok in [
            vec![
                ("LEPTOS_SITE_ADDR", "0.0.0.0:3000"),
                ("CONSULTA_SECURE_COOKIES", "true"),
            ],
            vec![
                ("LEPTOS_SITE_ADDR", "0.0.0.0:3000"),
                ("CONSULTA_ALLOW_INSECURE_HTTP", "true"),
            ],
            vec![("LEPTOS_SITE_ADDR", "[::1]:3000")],
        ] {
            assert!(Config::from_map(&map(&ok)).is_ok(), "{ok:?}");
        }
        assert_eq!(
            Config::from_map(&map(&[("CONSULTA_TRUST_PROXY", "true")]))
                .unwrap()
                .proxy_hops,
            1
        );
        assert_eq!(
            Config::from_map(&map(&[("CONSULTA_PROXY_HOPS", "2")]))
                .unwrap()
                .proxy_hops,
            2
        );
    }

    #[test]
    fn file_lines_parse() {
        let vars: HashMap<_, _> = parse_file("# c\nA=1\n\nB = \"two\"\nnot a pair\n").collect();
        assert_eq!(vars.get("A").unwrap(), "1");
        assert_eq!(vars.get("B").unwrap(), "two");
        assert_eq!(vars.len(), 2);
    }
}
