//! Sending e-mail: the transport named by `MAIL_URL` (SMTP or a directory of
//! `.eml` files), and the messages Consulta sends (plain text and HTML).
//!
//! `MAIL_URL` takes one of these forms:
//!
//! | form | transport |
//! |---|---|
//! | `smtp://[user:pass@]host[:port]` | SMTP, STARTTLS required (port 587 by default) |
//! | `smtps://[user:pass@]host[:port]` | SMTP over implicit TLS (port 465 by default) |
//! | `smtp+insecure://host[:port]` | plain SMTP, no TLS (port 25 by default); loopback hosts only, for test servers |
//! | `file://DIR` | one `.eml` file per message in `DIR` (absolute, or relative to the working directory; created if missing) |
//!
//! A user name or password holding `@`, `:`, `/` or `%` is written
//! percent-encoded (`%40` for `@`).

use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::transport::smtp::{self, PoolConfig};
use lettre::{
    Address, AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};
use std::fmt;
use std::net::IpAddr;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

/// How long connecting to the SMTP server may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);
/// How long sending one message may take by default, from connecting to the
/// server's last reply; past it the send fails as transient
/// (`CONSULTA_SMTP_TIMEOUT_SECONDS`).
pub const SEND_TIMEOUT: Duration = Duration::from_secs(60);
/// The shortest send timeout accepted: connecting alone may take
/// [`CONNECT_TIMEOUT`] on a slow network, but a local relay answers fast.
pub const MIN_SEND_TIMEOUT: Duration = Duration::from_secs(5);

/// Why a mail setting was refused. The messages never repeat a password.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MailConfigError {
    #[error(
        "MAIL_URL must start with smtp://, smtps://, smtp+insecure:// or file:// (it has no scheme)"
    )]
    MissingScheme,
    #[error(
        "MAIL_URL has the scheme \"{0}\": expected smtp://, smtps://, smtp+insecure:// or file://"
    )]
    UnknownScheme(String),
    #[error("MAIL_URL names no host")]
    MissingHost,
    #[error("MAIL_URL has an invalid host \"{0}\"")]
    BadHost(String),
    #[error("MAIL_URL has an invalid port \"{0}\": expected a number from 1 to 65535")]
    BadPort(String),
    #[error("MAIL_URL has invalid credentials: {0}")]
    BadCredentials(&'static str),
    #[error("MAIL_URL has something after the host and port (\"{0}\"); remove it")]
    UnexpectedPath(String),
    #[error(
        "MAIL_URL uses smtp+insecure:// (no encryption) with the host \"{0}\": only a loopback host (localhost, 127.0.0.1, ::1) is allowed"
    )]
    InsecureNotLoopback(String),
    #[error("MAIL_URL file:// names no directory")]
    MissingDirectory,
    #[error("MAIL_URL has an invalid percent-encoding in its {0}")]
    BadPercentEncoding(&'static str),
    #[error("the mail {which} address \"{value}\" is invalid: {reason}")]
    BadMailbox {
        which: &'static str,
        value: String,
        reason: String,
    },
    #[error("cannot use {path} as the mail server's certificate authorities: {reason}")]
    CaFile { path: String, reason: String },
    #[error("cannot set up TLS for the mail server \"{host}\": {reason}")]
    Tls { host: String, reason: String },
    #[error("cannot create the mail directory {dir}: {reason}")]
    Directory { dir: String, reason: String },
}

/// How the SMTP connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// `smtp://`: plain connection upgraded with STARTTLS, which is required.
    StartTls,
    /// `smtps://`: TLS from the first byte.
    ImplicitTls,
    /// `smtp+insecure://`: no encryption (loopback only).
    Plain,
}

/// A user name and password for SMTP AUTH. `Debug` hides the password.
#[derive(Clone, PartialEq, Eq)]
pub struct Login {
    pub user: String,
    pub password: String,
}

impl fmt::Debug for Login {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Login")
            .field("user", &self.user)
            .field("password", &"<hidden>")
            .finish()
    }
}

/// Where messages go: parsed from `MAIL_URL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transport {
    Smtp {
        host: String,
        port: u16,
        security: Security,
        login: Option<Login>,
    },
    File {
        dir: PathBuf,
    },
}

impl FromStr for Transport {
    type Err = MailConfigError;

    fn from_str(url: &str) -> Result<Self, Self::Err> {
        let url = url.trim();
        let Some((scheme, rest)) = url.split_once("://") else {
            return Err(MailConfigError::MissingScheme);
        };
        let (security, default_port) = match scheme.to_ascii_lowercase().as_str() {
            "smtp" => (Security::StartTls, 587),
            "smtps" => (Security::ImplicitTls, 465),
            "smtp+insecure" => (Security::Plain, 25),
            "file" => {
                let dir = percent_decode(rest, "directory")?;
                if dir.is_empty() {
                    return Err(MailConfigError::MissingDirectory);
                }
                return Ok(Transport::File {
                    dir: PathBuf::from(dir),
                });
            }
            "" => return Err(MailConfigError::MissingScheme),
            other => return Err(MailConfigError::UnknownScheme(other.to_string())),
        };

        // The authority ends at the first '/', '?' or '#'; only a bare '/' may follow.
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(end);
        if !tail.is_empty() && tail != "/" {
            return Err(MailConfigError::UnexpectedPath(tail.to_string()));
        }

        // Credentials: up to the last '@' (an unencoded '@' in a password still works).
        let (login, host_port) = match authority.rsplit_once('@') {
            Some((userinfo, host_port)) => (Some(parse_login(userinfo)?), host_port),
            None => (None, authority),
        };

        let (host, port) = split_host_port(host_port)?;
        let port = match port {
            None => default_port,
            Some(p) => match p.parse::<u16>() {
                Ok(n) if n > 0 && p.bytes().all(|b| b.is_ascii_digit()) => n,
                _ => return Err(MailConfigError::BadPort(p.to_string())),
            },
        };
        if security == Security::Plain && !is_loopback(&host) {
            return Err(MailConfigError::InsecureNotLoopback(host));
        }
        Ok(Transport::Smtp {
            host,
            port,
            security,
            login,
        })
    }
}

fn parse_login(userinfo: &str) -> Result<Login, MailConfigError> {
    let Some((user, password)) = userinfo.split_once(':') else {
        return Err(MailConfigError::BadCredentials(
            "expected user:password before the @",
        ));
    };
    let user = percent_decode(user, "user name")?;
    let password = percent_decode(password, "password")?;
    if user.is_empty() {
        return Err(MailConfigError::BadCredentials("the user name is empty"));
    }
    if password.is_empty() {
        return Err(MailConfigError::BadCredentials("the password is empty"));
    }
    Ok(Login { user, password })
}

/// Splits `host[:port]` or `[v6]:port`; the host comes back without brackets.
fn split_host_port(s: &str) -> Result<(String, Option<&str>), MailConfigError> {
    if s.is_empty() {
        return Err(MailConfigError::MissingHost);
    }
    if let Some(inner) = s.strip_prefix('[') {
        let Some((v6, after)) = inner.split_once(']') else {
            return Err(MailConfigError::BadHost(s.to_string()));
        };
        if v6.parse::<std::net::Ipv6Addr>().is_err() {
            return Err(MailConfigError::BadHost(s.to_string()));
        }
        let port = match after {
            "" => None,
            _ => Some(
                after
                    .strip_prefix(':')
                    .ok_or_else(|| MailConfigError::BadHost(s.to_string()))?,
            ),
        };
        return Ok((v6.to_string(), port));
    }
    let (host, port) = match s.split_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (s, None),
    };
    if host.is_empty() {
        return Err(MailConfigError::MissingHost);
    }
    let valid = host
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_')
        && !host.starts_with(['.', '-'])
        && !host.ends_with('-');
    if !valid {
        return Err(MailConfigError::BadHost(host.to_string()));
    }
    Ok((host.to_ascii_lowercase(), port))
}

fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .parse::<IpAddr>()
            .map(|ip| ip.is_loopback())
            .unwrap_or(false)
}

/// Decodes `%XX` escapes; the result must be UTF-8.
fn percent_decode(s: &str, what: &'static str) -> Result<String, MailConfigError> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
                .ok_or(MailConfigError::BadPercentEncoding(what))?;
            let hex = std::str::from_utf8(hex).expect("ASCII hex digits");
            out.push(u8::from_str_radix(hex, 16).expect("two hex digits"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| MailConfigError::BadPercentEncoding(what))
}

/// The mail settings: the transport and the sender's mailboxes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailConfig {
    pub transport: Transport,
    pub from: Mailbox,
    pub reply_to: Mailbox,
    /// Certificate authorities trusted for the SMTP server's certificate
    /// besides the usual public ones (`CONSULTA_SMTP_CA_FILE`).
    pub extra_roots: CaBundle,
    /// How long sending one message may take ([`SEND_TIMEOUT`] unless set).
    pub send_timeout: Duration,
}

/// Certificates (DER), read from a PEM bundle. `Debug` counts them.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct CaBundle(pub Vec<Vec<u8>>);

impl fmt::Debug for CaBundle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CaBundle({} certificates)", self.0.len())
    }
}

impl CaBundle {
    /// Reads a PEM bundle (one or more `BEGIN CERTIFICATE` blocks; other
    /// blocks, such as keys, are refused) from `path`. Each certificate must
    /// be one a TLS client can trust as a root.
    pub fn read(path: &std::path::Path) -> Result<Self, MailConfigError> {
        let error = |reason: String| MailConfigError::CaFile {
            path: path.display().to_string(),
            reason,
        };
        let pem = std::fs::read(path).map_err(|e| error(format!("cannot read it ({e})")))?;
        Self::parse(&pem).map_err(error)
    }

    /// [`read`](Self::read), from the file's bytes; the reason if refused.
    pub fn parse(pem: &[u8]) -> Result<Self, String> {
        const BEGIN: &str = "-----BEGIN ";
        const END: &str = "-----END CERTIFICATE-----";
        let text =
            std::str::from_utf8(pem).map_err(|_| "it is not a PEM file (not text)".to_string())?;
        let mut certs = Vec::new();
        let mut rest = text;
        while let Some(start) = rest.find(BEGIN) {
            let n = certs.len() + 1;
            let after = &rest[start + BEGIN.len()..];
            let (label, body) = after.split_once("-----").unwrap_or((after, ""));
            if label != "CERTIFICATE" {
                return Err(format!(
                    "it holds a \"{label}\" block: only certificates (BEGIN CERTIFICATE) belong there"
                ));
            }
            let Some(end) = body.find(END) else {
                return Err(format!("certificate {n} has no END CERTIFICATE line"));
            };
            let base64: String = body[..end].chars().filter(|c| !c.is_whitespace()).collect();
            let der = decode_base64(&base64)
                .ok_or_else(|| format!("certificate {n} is not valid base64"))?;
            // One the TLS library cannot take as a root is refused now.
            let cert = Certificate::from_der(der.clone())
                .map_err(|e| format!("certificate {n} cannot be read: {e}"))?;
            TlsParameters::builder("localhost".into())
                .add_root_certificate(cert)
                .build()
                .map_err(|e| format!("certificate {n} cannot be trusted: {e}"))?;
            certs.push(der);
            rest = &body[end + END.len()..];
        }
        if certs.is_empty() {
            return Err("it holds no certificate (BEGIN CERTIFICATE)".into());
        }
        Ok(CaBundle(certs))
    }
}

/// Standard base64 (with padding, no white space); `None` if malformed.
fn decode_base64(s: &str) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let body = s.trim_end_matches('=');
    if !s.len().is_multiple_of(4) || s.len() - body.len() > 2 {
        return None;
    }
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in body.bytes() {
        acc = (acc << 6) | value(c)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

impl MailConfig {
    /// Parses `MAIL_URL` and the `From` and `Reply-To` mailboxes
    /// (`Display Name <address>` or a bare address).
    pub fn new(url: &str, from: &str, reply_to: &str) -> Result<Self, MailConfigError> {
        Ok(MailConfig {
            transport: url.parse()?,
            from: parse_mailbox("from", from)?,
            reply_to: parse_mailbox("reply-to", reply_to)?,
            extra_roots: CaBundle::default(),
            send_timeout: SEND_TIMEOUT,
        })
    }

    /// Trusts the certificate authorities of the PEM bundle at `path` too.
    pub fn with_ca_file(mut self, path: &std::path::Path) -> Result<Self, MailConfigError> {
        self.extra_roots = CaBundle::read(path)?;
        Ok(self)
    }
}

/// Parses `Display Name <address>` or a bare address.
pub fn parse_mailbox(which: &'static str, value: &str) -> Result<Mailbox, MailConfigError> {
    value
        .trim()
        .parse::<Mailbox>()
        .map_err(|e| MailConfigError::BadMailbox {
            which,
            value: value.to_string(),
            reason: e.to_string(),
        })
}

/// One message to one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    pub to_name: String,
    pub to_address: String,
    pub subject: String,
    /// The plain-text body.
    pub text: String,
    /// The HTML body (the same content).
    pub html: String,
    /// The `Message-ID`, angle brackets included (`<…@…>`): the same for
    /// every attempt at one message, so that a copy sent again after a
    /// crash is known for the same message by the mail servers and clients
    /// that suppress duplicates. `None`: a new random one.
    pub message_id: Option<String>,
}

impl Email {
    /// The MIME message: `multipart/alternative` (text/plain, then
    /// text/html, both UTF-8), with `To` (the display name and address),
    /// `From`, `Reply-To`, `Subject`, `Date` and a `Message-ID`. Non-ASCII
    /// header text is encoded by lettre (RFC 2047), bodies as
    /// quoted-printable or base64 as lettre judges best.
    pub fn message(&self, from: &Mailbox, reply_to: &Mailbox) -> Result<Message, SendError> {
        let address: Address = self.to_address.trim().parse().map_err(|e| SendError {
            permanent: true,
            reason: format!("invalid e-mail address \"{}\": {e}", self.to_address),
        })?;
        let name = one_line(&self.to_name);
        let to = Mailbox::new((!name.is_empty()).then_some(name), address);
        Message::builder()
            .from(from.clone())
            .reply_to(reply_to.clone())
            .to(to)
            .subject(one_line(&self.subject))
            .message_id(self.message_id.clone())
            .multipart(MultiPart::alternative_plain_html(
                self.text.clone(),
                self.html.clone(),
            ))
            .map_err(|e| SendError {
                permanent: true,
                reason: format!("cannot build the message: {e}"),
            })
    }
}

/// Header text on one line: control characters (CR, LF, tab…) become spaces.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

/// Why a message was not sent. `permanent` is true when the server refused
/// it for good (an SMTP 5xx reply, or an address that cannot be written);
/// anything else (4xx replies, connection failures, timeouts, file errors)
/// may succeed later. `reason` is for the Secretariat to read: for a reply,
/// the server's code and text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct SendError {
    pub permanent: bool,
    pub reason: String,
}

impl SendError {
    fn transient(reason: impl Into<String>) -> Self {
        SendError {
            permanent: false,
            reason: reason.into(),
        }
    }
}

impl From<smtp::Error> for SendError {
    fn from(err: smtp::Error) -> Self {
        if let Some(code) = err.status() {
            // The source of a reply error is the server's text.
            let text = std::error::Error::source(&err)
                .map(|s| s.to_string())
                .unwrap_or_default();
            SendError {
                permanent: err.is_permanent(),
                reason: format!("{code} {text}").trim_end().to_string(),
            }
        } else if err.is_timeout() {
            SendError::transient(format!("the mail server timed out: {err}"))
        } else {
            SendError::transient(err.to_string())
        }
    }
}

impl From<lettre::transport::file::Error> for SendError {
    fn from(err: lettre::transport::file::Error) -> Self {
        let source = std::error::Error::source(&err)
            .map(|s| s.to_string())
            .unwrap_or_else(|| err.to_string());
        SendError::transient(format!("cannot write the message file: {source}"))
    }
}

/// The transport, built once at start-up and shared, and how long one send
/// may take.
///
/// SMTP connections are not reused between messages: lettre's async client
/// has no read timeout, so each send runs under the send timeout, and a
/// connection abandoned by a timeout must never serve the next message.
#[derive(Clone)]
pub struct Mailer {
    pub transport: Sender,
    pub send_timeout: Duration,
}

/// Where messages go.
#[derive(Clone)]
pub enum Sender {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    File(AsyncFileTransport<Tokio1Executor>),
}

impl fmt::Debug for Mailer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.transport {
            Sender::Smtp(_) => f.write_str("Mailer::Smtp"),
            Sender::File(_) => f.write_str("Mailer::File"),
        }
    }
}

impl Mailer {
    /// Builds the transport. For SMTP it must run inside a Tokio runtime
    /// (lettre starts a task); for `file://` it creates the directory.
    pub fn new(config: &MailConfig) -> Result<Self, MailConfigError> {
        match &config.transport {
            Transport::File { dir } => {
                std::fs::create_dir_all(dir).map_err(|e| MailConfigError::Directory {
                    dir: dir.display().to_string(),
                    reason: e.to_string(),
                })?;
                Ok(Mailer {
                    transport: Sender::File(AsyncFileTransport::new(dir)),
                    send_timeout: config.send_timeout,
                })
            }
            Transport::Smtp {
                host,
                port,
                security,
                login,
            } => {
                // The usual public roots, and the bundle of CONSULTA_SMTP_CA_FILE.
                let tls = |host: &str| {
                    let mut builder = TlsParameters::builder(host.to_string());
                    for der in &config.extra_roots.0 {
                        let cert = Certificate::from_der(der.clone()).map_err(|e| {
                            MailConfigError::Tls {
                                host: host.to_string(),
                                reason: e.to_string(),
                            }
                        })?;
                        builder = builder.add_root_certificate(cert);
                    }
                    builder.build().map_err(|e| MailConfigError::Tls {
                        host: host.to_string(),
                        reason: e.to_string(),
                    })
                };
                let tls = match security {
                    Security::StartTls => Tls::Required(tls(host)?),
                    Security::ImplicitTls => Tls::Wrapper(tls(host)?),
                    Security::Plain => Tls::None,
                };
                let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
                    .port(*port)
                    .tls(tls)
                    .timeout(Some(CONNECT_TIMEOUT))
                    .pool_config(PoolConfig::new().max_size(0));
                if let Some(login) = login {
                    builder = builder
                        .credentials(Credentials::new(login.user.clone(), login.password.clone()));
                }
                Ok(Mailer {
                    transport: Sender::Smtp(builder.build()),
                    send_timeout: config.send_timeout,
                })
            }
        }
    }

    /// Builds `email` and sends it.
    pub async fn send(
        &self,
        email: &Email,
        from: &Mailbox,
        reply_to: &Mailbox,
    ) -> Result<(), SendError> {
        let message = email.message(from, reply_to)?;
        self.send_message(message).await
    }

    /// Sends a built message, within the send timeout.
    pub async fn send_message(&self, message: Message) -> Result<(), SendError> {
        let sent = async {
            match &self.transport {
                Sender::Smtp(t) => t.send(message).await.map(drop).map_err(SendError::from),
                Sender::File(t) => t.send(message).await.map(drop).map_err(SendError::from),
            }
        };
        match tokio::time::timeout(self.send_timeout, sent).await {
            Ok(result) => result,
            Err(_) => Err(SendError::transient(format!(
                "the mail server did not answer within {} seconds",
                self.send_timeout.as_secs()
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn smtp(host: &str, port: u16, security: Security, login: Option<(&str, &str)>) -> Transport {
        Transport::Smtp {
            host: host.into(),
            port,
            security,
            login: login.map(|(u, p)| Login {
                user: u.into(),
                password: p.into(),
            }),
        }
    }

    fn parse(url: &str) -> Result<Transport, MailConfigError> {
        url.parse()
    }

    #[test]
    fn smtp_urls_parse_with_default_and_given_ports() {
        assert_eq!(
            parse("smtp://mail.example.org"),
            Ok(smtp("mail.example.org", 587, Security::StartTls, None))
        );
        assert_eq!(
            parse("smtp://Mail.Example.org:2587/"),
            Ok(smtp("mail.example.org", 2587, Security::StartTls, None))
        );
        assert_eq!(
            parse("smtps://mail.example.org"),
            Ok(smtp("mail.example.org", 465, Security::ImplicitTls, None))
        );
        assert_eq!(
            parse("smtps://mail.example.org:10465"),
            Ok(smtp("mail.example.org", 10465, Security::ImplicitTls, None))
        );
        assert_eq!(
            parse("smtp+insecure://127.0.0.1:2525"),
            Ok(smtp("127.0.0.1", 2525, Security::Plain, None))
        );
        assert_eq!(
            parse("smtp+insecure://localhost"),
            Ok(smtp("localhost", 25, Security::Plain, None))
        );
        assert_eq!(
            parse("smtp+insecure://[::1]:2525"),
            Ok(smtp("::1", 2525, Security::Plain, None))
        );
        assert_eq!(
            parse("smtps://[2001:db8::1]"),
            Ok(smtp("2001:db8::1", 465, Security::ImplicitTls, None))
        );
    }

    #[test]
    fn credentials_are_percent_decoded() {
        assert_eq!(
            parse("smtp://capacity%40cites.org:p%40ss%3Aw%2Fo%25rd@smtp.example.org:587"),
            Ok(smtp(
                "smtp.example.org",
                587,
                Security::StartTls,
                Some(("capacity@cites.org", "p@ss:w/o%rd"))
            ))
        );
        // An unencoded '@' in the password: the host follows the last '@'.
        assert_eq!(
            parse("smtps://user:p@ss@smtp.example.org"),
            Ok(smtp(
                "smtp.example.org",
                465,
                Security::ImplicitTls,
                Some(("user", "p@ss"))
            ))
        );
        assert_eq!(
            parse("smtps://us%C3%A9r:mot%20de%20passe@h"),
            Ok(smtp(
                "h",
                465,
                Security::ImplicitTls,
                Some(("usér", "mot de passe"))
            ))
        );
    }

    #[test]
    fn file_urls_name_a_directory() {
        assert_eq!(
            parse("file:///var/spool/consulta"),
            Ok(Transport::File {
                dir: "/var/spool/consulta".into()
            })
        );
        assert_eq!(
            parse("file://data/outbox"),
            Ok(Transport::File {
                dir: "data/outbox".into()
            })
        );
        assert_eq!(
            parse("file://./out%20box"),
            Ok(Transport::File {
                dir: "./out box".into()
            })
        );
        assert_eq!(parse("file://"), Err(MailConfigError::MissingDirectory));
    }

    #[test]
    fn bad_values_are_named() {
        use MailConfigError::*;
        assert_eq!(parse("mail.example.org"), Err(MissingScheme));
        assert_eq!(parse("://x"), Err(MissingScheme));
        assert_eq!(
            parse("http://mail.example.org"),
            Err(UnknownScheme("http".into()))
        );
        assert_eq!(parse("smtp://"), Err(MissingHost));
        assert_eq!(parse("smtp://:25"), Err(MissingHost));
        assert_eq!(parse("smtp://u:p@"), Err(MissingHost));
        assert_eq!(parse("smtp://host:0"), Err(BadPort("0".into())));
        assert_eq!(parse("smtp://host:99999"), Err(BadPort("99999".into())));
        assert_eq!(parse("smtp://host:+25"), Err(BadPort("+25".into())));
        assert_eq!(parse("smtp://host:"), Err(BadPort("".into())));
        assert_eq!(parse("smtp://host:25:26"), Err(BadPort("25:26".into())));
        assert_eq!(parse("smtp://bad host"), Err(BadHost("bad host".into())));
        assert_eq!(parse("smtp://[::1"), Err(BadHost("[::1".into())));
        assert_eq!(
            parse("smtp://[nothex]:25"),
            Err(BadHost("[nothex]:25".into()))
        );
        assert_eq!(
            parse("smtp://host/path"),
            Err(UnexpectedPath("/path".into()))
        );
        assert_eq!(
            parse("smtp://host?tls=none"),
            Err(UnexpectedPath("?tls=none".into()))
        );
        assert!(matches!(parse("smtp://user@host"), Err(BadCredentials(_))));
        assert!(matches!(parse("smtp://:pw@host"), Err(BadCredentials(_))));
        assert!(matches!(parse("smtp://user:@host"), Err(BadCredentials(_))));
        assert_eq!(
            parse("smtp://user:%zz@host"),
            Err(BadPercentEncoding("password"))
        );
        assert_eq!(
            parse("smtp://%ff:pw@host"),
            Err(BadPercentEncoding("user name"))
        );
        assert_eq!(
            parse("smtp+insecure://mail.example.org:25"),
            Err(InsecureNotLoopback("mail.example.org".into()))
        );
        assert_eq!(
            parse("smtp+insecure://10.0.0.1:25"),
            Err(InsecureNotLoopback("10.0.0.1".into()))
        );
    }

    #[test]
    fn errors_never_show_the_password() {
        for url in [
            "smtp://user:s3cret@host:0",
            "smtp://user:s3cret@bad host",
            "smtp://user:s3cret@host/x",
            "smtp+insecure://user:s3cret@example.org",
        ] {
            let err = parse(url).unwrap_err();
            assert!(!err.to_string().contains("s3cret"), "{err}");
        }
        let t = parse("smtp://user:s3cret@host").unwrap();
        assert!(!format!("{t:?}").contains("s3cret"));
    }

    #[test]
    fn config_parses_the_mailboxes() {
        let cfg = MailConfig::new(
            "file://out",
            "CITES Secretariat <capacity@cites.org>",
            "Secrétariat CITES <info@cites.org>",
        )
        .unwrap();
        assert_eq!(cfg.from.name.as_deref(), Some("CITES Secretariat"));
        assert_eq!(cfg.from.email.to_string(), "capacity@cites.org");
        assert_eq!(cfg.reply_to.name.as_deref(), Some("Secrétariat CITES"));
        let bare = MailConfig::new("file://out", "capacity@cites.org", "info@cites.org").unwrap();
        assert_eq!(bare.from.name, None);
        let err = MailConfig::new("file://out", "not an address", "info@cites.org").unwrap_err();
        assert!(
            matches!(err, MailConfigError::BadMailbox { which: "from", .. }),
            "{err:?}"
        );
        assert!(err.to_string().contains("not an address"));
    }

    // ---- message building ----

    fn email() -> Email {
        Email {
            to_name: "José Müller-Peña".into(),
            to_address: "focal.point@example.org".into(),
            subject: "Invitation : consultation sur le renforcement des capacités (año, Grüße)"
                .into(),
            text: "Bonjour José,\nVoici votre lien : https://consulta.example/r/abc\n".into(),
            html:
                "<p>Bonjour José,</p><p><a href=\"https://consulta.example/r/abc\">Répondre</a></p>"
                    .into(),
            message_id: None,
        }
    }

    fn from() -> Mailbox {
        parse_mailbox("from", "CITES Secretariat <capacity@cites.org>").unwrap()
    }

    fn reply_to() -> Mailbox {
        parse_mailbox(
            "reply-to",
            "Capacity Building <capacity-building@cites.org>",
        )
        .unwrap()
    }

    /// The unfolded value of the first header `name` of a formatted message.
    fn header(raw: &str, name: &str) -> Option<String> {
        let head = raw.split("\r\n\r\n").next().unwrap();
        let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", "\t");
        unfolded.split("\r\n").find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }

    fn b64(s: &str) -> Vec<u8> {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = Vec::new();
        let (mut acc, mut bits) = (0u32, 0);
        for c in s.bytes().filter(|c| *c != b'=' && !c.is_ascii_whitespace()) {
            acc = (acc << 6) | A.iter().position(|a| *a == c).expect("base64") as u32;
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                out.push((acc >> bits) as u8);
                acc &= (1 << bits) - 1;
            }
        }
        out
    }

    fn hex_byte(h: &[u8]) -> u8 {
        u8::from_str_radix(std::str::from_utf8(h).unwrap(), 16).unwrap()
    }

    /// Decodes RFC 2047 encoded-words (UTF-8, B or Q); whitespace between
    /// two encoded-words is dropped.
    fn decode_words(value: &str) -> String {
        let mut out = String::new();
        let mut rest = value;
        let mut last_was_word = false;
        while let Some(start) = rest.find("=?") {
            let (before, from_start) = rest.split_at(start);
            let parsed = (|| {
                let mut it = from_start[2..].splitn(3, '?');
                let charset = it.next()?;
                let enc = it.next()?;
                let tail = it.next()?;
                let end = tail.find("?=")?;
                Some((charset, enc, &tail[..end], &tail[end + 2..]))
            })();
            let Some((charset, enc, text, after)) = parsed else {
                break;
            };
            assert!(charset.eq_ignore_ascii_case("utf-8"), "{charset}");
            if !(last_was_word && before.trim().is_empty()) {
                out.push_str(before);
            }
            let bytes = if enc.eq_ignore_ascii_case("b") {
                b64(text)
            } else {
                let t = text.as_bytes();
                let mut v = Vec::new();
                let mut i = 0;
                while i < t.len() {
                    match t[i] {
                        b'_' => v.push(b' '),
                        b'=' => {
                            v.push(hex_byte(&t[i + 1..i + 3]));
                            i += 2;
                        }
                        c => v.push(c),
                    }
                    i += 1;
                }
                v
            };
            out.push_str(&String::from_utf8(bytes).unwrap());
            last_was_word = true;
            rest = after;
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn message_has_headers_and_both_parts() {
        let m = email().message(&from(), &reply_to()).unwrap();
        let raw = String::from_utf8(m.formatted()).unwrap();
        assert!(raw.is_ascii(), "headers and bodies are 7-bit on the wire");
        assert_eq!(
            header(&raw, "From").unwrap(),
            "\"CITES Secretariat\" <capacity@cites.org>"
        );
        assert_eq!(
            header(&raw, "Reply-To").unwrap(),
            "\"Capacity Building\" <capacity-building@cites.org>"
        );
        let id = header(&raw, "Message-ID").unwrap();
        assert!(
            id.starts_with('<') && id.ends_with('>') && id.contains('@'),
            "{id}"
        );
        assert!(header(&raw, "Date").is_some());
        assert_eq!(header(&raw, "MIME-Version").as_deref(), Some("1.0"));
        let ct = header(&raw, "Content-Type").unwrap();
        assert!(ct.starts_with("multipart/alternative;"), "{ct}");
        let plain = raw.find("Content-Type: text/plain; charset=utf-8").unwrap();
        let html = raw.find("Content-Type: text/html; charset=utf-8").unwrap();
        assert!(plain < html, "text/plain comes first");
        assert_eq!(
            m.envelope().from().unwrap().to_string(),
            "capacity@cites.org"
        );
        let to: Vec<String> = m.envelope().to().iter().map(|a| a.to_string()).collect();
        assert_eq!(to, ["focal.point@example.org"]);
    }

    #[test]
    fn utf8_subject_and_name_are_encoded_and_decode_back() {
        let e = email();
        let raw = String::from_utf8(e.message(&from(), &reply_to()).unwrap().formatted()).unwrap();
        let subject = header(&raw, "Subject").unwrap();
        assert!(
            subject.contains("=?utf-8?"),
            "encoded on the wire: {subject}"
        );
        assert_eq!(decode_words(&subject), e.subject);
        let to = header(&raw, "To").unwrap();
        assert!(to.contains("=?utf-8?"), "encoded on the wire: {to}");
        assert_eq!(
            decode_words(&to),
            "José Müller-Peña <focal.point@example.org>"
        );
        // The bodies carry the accents in an encoding, never as raw 8-bit.
        assert!(!raw.contains('é'));
    }

    #[test]
    fn a_given_message_id_is_kept() {
        let e = Email {
            message_id: Some("<0123abcd@cites.org>".into()),
            ..email()
        };
        let raw = String::from_utf8(e.message(&from(), &reply_to()).unwrap().formatted()).unwrap();
        assert_eq!(header(&raw, "Message-ID").unwrap(), "<0123abcd@cites.org>");
    }

    #[test]
    fn a_name_with_a_comma_survives() {
        let e = Email {
            to_name: "Smith, Jane".into(),
            ..email()
        };
        let raw = String::from_utf8(e.message(&from(), &reply_to()).unwrap().formatted()).unwrap();
        // lettre encodes a name holding specials rather than quoting it.
        assert_eq!(
            decode_words(&header(&raw, "To").unwrap()),
            "Smith, Jane <focal.point@example.org>"
        );
    }

    #[test]
    fn header_injection_is_flattened() {
        let e = Email {
            subject: "Hello\r\nBcc: victim@example.org".into(),
            to_name: "Eve\nX-Evil: 1".into(),
            ..email()
        };
        let raw = String::from_utf8(e.message(&from(), &reply_to()).unwrap().formatted()).unwrap();
        assert!(header(&raw, "Bcc").is_none());
        assert!(header(&raw, "X-Evil").is_none());
        assert_eq!(
            decode_words(&header(&raw, "Subject").unwrap()),
            "Hello  Bcc: victim@example.org"
        );
    }

    #[test]
    fn an_empty_name_gives_a_bare_address() {
        let e = Email {
            to_name: "  ".into(),
            ..email()
        };
        let raw = String::from_utf8(e.message(&from(), &reply_to()).unwrap().formatted()).unwrap();
        assert_eq!(header(&raw, "To").unwrap(), "focal.point@example.org");
    }

    #[test]
    fn an_invalid_address_is_a_permanent_error() {
        let e = Email {
            to_address: "not-an-address".into(),
            ..email()
        };
        let err = e.message(&from(), &reply_to()).unwrap_err();
        assert!(err.permanent);
        assert!(err.reason.contains("not-an-address"), "{}", err.reason);
    }

    #[tokio::test]
    async fn file_transport_writes_one_eml_per_message() {
        let tmp = std::env::temp_dir().join(format!(
            "consulta-mail-test-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        let dir = tmp.join("outbox");
        let url = format!("file://{}", dir.display());
        let cfg = MailConfig::new(
            &url,
            "CITES Secretariat <capacity@cites.org>",
            "info@cites.org",
        )
        .unwrap();
        let mailer = Mailer::new(&cfg).unwrap();
        assert!(dir.is_dir(), "the directory is created");
        for i in 0..3 {
            let e = Email {
                subject: format!("Consultation nº {i} — année"),
                to_address: format!("fp{i}@example.org"),
                ..email()
            };
            mailer.send(&e, &cfg.from, &cfg.reply_to).await.unwrap();
        }
        let mut subjects: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|f| {
                let path = f.unwrap().path();
                assert_eq!(path.extension().unwrap(), "eml");
                let raw = std::fs::read_to_string(&path).unwrap();
                decode_words(&header(&raw, "Subject").unwrap())
            })
            .collect();
        subjects.sort();
        assert_eq!(
            subjects,
            [
                "Consultation nº 0 — année",
                "Consultation nº 1 — année",
                "Consultation nº 2 — année"
            ]
        );
        std::fs::remove_dir_all(&tmp).unwrap();
    }

    #[tokio::test]
    async fn file_transport_errors_are_transient() {
        let tmp = std::env::temp_dir().join(format!(
            "consulta-mail-gone-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        let cfg = MailConfig::new(
            &format!("file://{}", tmp.display()),
            "capacity@cites.org",
            "capacity@cites.org",
        )
        .unwrap();
        let mailer = Mailer::new(&cfg).unwrap();
        std::fs::remove_dir_all(&tmp).unwrap();
        let err = mailer
            .send(&email(), &cfg.from, &cfg.reply_to)
            .await
            .unwrap_err();
        assert!(!err.permanent);
        assert!(
            err.reason.contains("cannot write the message file"),
            "{}",
            err.reason
        );
    }

    /// A self-signed certificate (`openssl req -x509 -newkey ec …`).
    const CA_PEM: &str = "-----BEGIN CERTIFICATE-----
MIIBeDCCAR+gAwIBAgIUH6SPtQVPMmjrEFB/HZGV0NYIRoUwCgYIKoZIzj0EAwIw
EjEQMA4GA1UEAwwHVGVzdCBDQTAeFw0yNjExMzAwNzUwMjlaFw0zNjExMjcwNzUw
MjlaMBIxEDAOBgNVBAMMB1Rlc3QgQ0EwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNC
AAQTu5/lCUdH5rXVBBzsPcWMpBX3YHDLGiOye8qtFsxt60BdjIidEJ3Uu4yoqd6P
qqvTow0I7SeQ/9V+FqgHUBwEo1MwUTAdBgNVHQ4EFgQU+oqyVl5Wv1dUlQl+Vzla
Hp+8DQEwHwYDVR0jBBgwFoAU+oqyVl5Wv1dUlQl+VzlaHp+8DQEwDwYDVR0TAQH/
BAUwAwEB/zAKBggqhkjOPQQDAgNHADBEAiAV8Jjl/ScM/361SZGc8Q5+guu4Dkj7
WUzsB9Hbbf2y7QIgCp7yBQAyFUXmR3Dcj7swX1yTSLlO6V612pM3cp+CiBc=
-----END CERTIFICATE-----
";

    #[test]
    fn a_ca_bundle_is_read_or_refused_with_its_reason() {
        let two = format!("# the Secretariat's CA\n{CA_PEM}\n{CA_PEM}");
        assert_eq!(CaBundle::parse(two.as_bytes()).map(|b| b.0.len()), Ok(2));
        let refused = |pem: &str| CaBundle::parse(pem.as_bytes()).unwrap_err();
        assert!(refused("").contains("no certificate"));
        assert!(refused("just text\n").contains("no certificate"));
        assert!(
            refused("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
                .contains("\"PRIVATE KEY\" block")
        );
        let cut = &CA_PEM[..CA_PEM.len() - 30];
        assert!(
            refused(cut).contains("no END CERTIFICATE"),
            "{}",
            refused(cut)
        );
        let bad64 = CA_PEM.replacen("MIIB", "M!IB", 1);
        assert!(refused(&bad64).contains("certificate 1 is not valid base64"));
        let not_der = "-----BEGIN CERTIFICATE-----\nAAAAAAAA\n-----END CERTIFICATE-----\n";
        let reason = refused(not_der);
        assert!(reason.starts_with("certificate 1 "), "{reason}");
        assert!(
            CaBundle::parse(&[0xff, 0xfe])
                .unwrap_err()
                .contains("not text")
        );
    }

    #[test]
    fn a_ca_file_is_named_in_its_error() {
        let dir = std::env::temp_dir().join(format!("consulta-ca-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let cfg = || MailConfig::new("smtp://mail.example.org", "a@cites.org", "a@cites.org");
        let missing = dir.join("missing.pem");
        let err = cfg().unwrap().with_ca_file(&missing).unwrap_err();
        assert!(matches!(err, MailConfigError::CaFile { .. }), "{err:?}");
        assert!(err.to_string().contains("missing.pem"), "{err}");
        assert!(err.to_string().contains("cannot read it"), "{err}");
        let good = dir.join("ca.pem");
        std::fs::write(&good, CA_PEM).unwrap();
        let with = cfg().unwrap().with_ca_file(&good).unwrap();
        assert_eq!(with.extra_roots.0.len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[tokio::test]
    async fn smtp_mailers_build_for_each_scheme() {
        for url in [
            "smtp://user:pw@mail.example.org",
            "smtps://mail.example.org",
            "smtp+insecure://127.0.0.1:2525",
        ] {
            let cfg = MailConfig::new(url, "capacity@cites.org", "capacity@cites.org").unwrap();
            assert!(
                matches!(Mailer::new(&cfg).map(|m| m.transport), Ok(Sender::Smtp(_))),
                "{url}"
            );
        }
    }

    #[tokio::test]
    async fn a_refused_connection_is_transient() {
        // Bind then drop a listener: nothing listens on that port now.
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let cfg = MailConfig::new(
            &format!("smtp+insecure://127.0.0.1:{port}"),
            "capacity@cites.org",
            "capacity@cites.org",
        )
        .unwrap();
        let err = Mailer::new(&cfg)
            .unwrap()
            .send(&email(), &cfg.from, &cfg.reply_to)
            .await
            .unwrap_err();
        assert!(!err.permanent, "{err:?}");
    }
}
