//! A small, real SMTP server on loopback for integration tests.
//!
//! It runs in-process on Tokio and speaks enough ESMTP for lettre's
//! client: the 220 greeting, `EHLO`/`HELO` (advertising `8BITMIME`
//! and `SMTPUTF8`, not `PIPELINING`), `MAIL FROM`, `RCPT TO`, `DATA` (with
//! dot-unstuffing, ending at `<CRLF>.<CRLF>`), `RSET`, `NOOP`, `VRFY` and
//! `QUIT`; `AUTH` is answered 502, and so is `STARTTLS` unless the server
//! was started with [`Security::StartTls`]. With TLS ([`Security`]: STARTTLS
//! or implicit TLS, rustls with a certificate of a throwaway certificate
//! authority, [`TestCa`]) each message records whether it came encrypted,
//! and failed handshakes are counted. Every accepted message is kept
//! (envelope and raw data).
//!
//! ```ignore
//! let smtp = SmtpServer::start().await;
//! // MAIL_URL = format!("smtp+insecure://127.0.0.1:{}", smtp.port())
//! smtp.reject("gone@example.org", 550, "5.1.1 mailbox unavailable");
//! let got = smtp.wait_for(2, Duration::from_secs(5)).await.unwrap();
//! let mail = got[0].decoded();
//! assert_eq!(mail.subject, "Invitation — año");
//! smtp.stop().await;            // closes the listener and every connection
//! smtp.restart().await;         // the same port again, messages kept
//! ```
//!
//! [`decode`] reads a captured message back: unfolded headers, RFC 2047
//! encoded-words (B and Q) decoded, and the first text/plain and text/html
//! parts decoded from quoted-printable or base64.

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::{TcpSocket, TcpStream};
use tokio::sync::Notify;
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;

/// One accepted message: its envelope and its data as received (after
/// dot-unstuffing, with the final CRLF of its last line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// The `MAIL FROM` address (empty for the null sender `<>`).
    pub from: String,
    /// The accepted `RCPT TO` addresses, in order.
    pub to: Vec<String>,
    pub data: Vec<u8>,
    /// Whether it came over TLS (after STARTTLS, or implicit TLS).
    pub tls: bool,
}

impl Received {
    /// The message decoded: see [`decode`].
    pub fn decoded(&self) -> Decoded {
        decode(&self.data)
    }
}

struct Shared {
    messages: Arc<Mutex<Vec<Received>>>,
    arrived: Notify,
    /// Lower-cased address → the reply to its `RCPT TO`.
    rejects: Mutex<HashMap<String, String>>,
    connections: Mutex<Vec<JoinHandle<()>>>,
    security: Security,
    /// TLS handshakes that failed (the client refused the certificate…).
    tls_failures: AtomicUsize,
}

/// How a test SMTP server protects its connections.
#[derive(Clone, Default)]
pub enum Security {
    /// Plain SMTP; `STARTTLS` is answered 502.
    #[default]
    Plain,
    /// Plain at first, `STARTTLS` advertised and accepted (`smtp://`).
    StartTls(TlsAcceptor),
    /// TLS from the first byte (`smtps://`).
    Implicit(TlsAcceptor),
}

/// A throwaway certificate authority, made in memory for one test.
pub struct TestCa {
    issuer: rcgen::CertifiedIssuer<'static, rcgen::KeyPair>,
}

impl TestCa {
    /// A new authority named `name` (a fresh key each time).
    pub fn new(name: &str) -> TestCa {
        let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, name);
        params.key_usages = vec![
            rcgen::KeyUsagePurpose::KeyCertSign,
            rcgen::KeyUsagePurpose::CrlSign,
            rcgen::KeyUsagePurpose::DigitalSignature,
        ];
        let key = rcgen::KeyPair::generate().unwrap();
        TestCa {
            issuer: rcgen::CertifiedIssuer::self_signed(params, key).unwrap(),
        }
    }

    /// The authority's certificate, PEM (what `CONSULTA_SMTP_CA_FILE` names).
    pub fn pem(&self) -> String {
        self.issuer.pem()
    }

    /// A TLS server configuration with a certificate for `localhost` and
    /// 127.0.0.1 signed by this authority.
    pub fn acceptor(&self) -> TlsAcceptor {
        use tokio_rustls::rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
        let mut params =
            rcgen::CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()])
                .unwrap();
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "localhost");
        let key = rcgen::KeyPair::generate().unwrap();
        let cert = params.signed_by(&key, &*self.issuer).unwrap();
        let config = tokio_rustls::rustls::ServerConfig::builder()
            .with_no_client_auth()
            .with_single_cert(
                vec![cert.der().clone()],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
            )
            .expect("a server certificate and its key");
        TlsAcceptor::from(Arc::new(config))
    }
}

/// A running test SMTP server. Dropping it stops it (without waiting).
pub struct SmtpServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    accept: Mutex<Option<JoinHandle<()>>>,
}

impl SmtpServer {
    /// Starts on 127.0.0.1 and a free port.
    pub async fn start() -> SmtpServer {
        Self::start_on(0).await
    }

    /// Starts on 127.0.0.1:`port` (0 for a free one); panics if it cannot bind.
    pub async fn start_on(port: u16) -> SmtpServer {
        Self::start_secure(port, Security::Plain).await
    }

    /// Starts on 127.0.0.1:`port` (0 for a free one) with `security`.
    pub async fn start_secure(port: u16, security: Security) -> SmtpServer {
        let shared = Arc::new(Shared {
            messages: Arc::new(Mutex::new(Vec::new())),
            arrived: Notify::new(),
            rejects: Mutex::new(HashMap::new()),
            connections: Mutex::new(Vec::new()),
            security,
            tls_failures: AtomicUsize::new(0),
        });
        let (addr, task) = listen(port, &shared)
            .unwrap_or_else(|e| panic!("test SMTP server cannot bind 127.0.0.1:{port}: {e}"));
        SmtpServer {
            addr,
            shared,
            accept: Mutex::new(Some(task)),
        }
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// `smtp+insecure://127.0.0.1:PORT`, for `MAIL_URL`.
    pub fn url(&self) -> String {
        format!("smtp+insecure://{}", self.addr)
    }

    /// TLS handshakes that failed so far.
    pub fn tls_failures(&self) -> usize {
        self.shared.tls_failures.load(Ordering::SeqCst)
    }

    /// The shared list of accepted messages.
    pub fn inbox(&self) -> Arc<Mutex<Vec<Received>>> {
        Arc::clone(&self.shared.messages)
    }

    /// A copy of the messages accepted so far.
    pub fn messages(&self) -> Vec<Received> {
        self.shared.messages.lock().unwrap().clone()
    }

    /// Waits until at least `n` messages have arrived; `Err` holds what had
    /// arrived when `timeout` ran out.
    pub async fn wait_for(
        &self,
        n: usize,
        timeout: Duration,
    ) -> Result<Vec<Received>, Vec<Received>> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let notified = self.shared.arrived.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let got = self.messages();
            if got.len() >= n {
                return Ok(got);
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return Err(self.messages());
            }
        }
    }

    /// Makes `RCPT TO:<address>` answer `code text`, e.g.
    /// `reject(a, 550, "5.1.1 mailbox unavailable")` or
    /// `reject(a, 451, "4.3.0 try later")`.
    pub fn reject(&self, address: &str, code: u16, text: &str) {
        assert!(
            (400..600).contains(&code),
            "a rejection is a 4xx or 5xx code"
        );
        self.shared
            .rejects
            .lock()
            .unwrap()
            .insert(address.to_ascii_lowercase(), format!("{code} {text}"));
    }

    /// Accepts `address` again.
    pub fn accept(&self, address: &str) {
        self.shared
            .rejects
            .lock()
            .unwrap()
            .remove(&address.to_ascii_lowercase());
    }

    /// Closes the listener and every open connection, and waits until they
    /// are closed. Messages received so far stay readable.
    pub async fn stop(&self) {
        let accept = self.accept.lock().unwrap().take();
        if let Some(task) = accept {
            task.abort();
            let _ = task.await;
        }
        let connections: Vec<_> = std::mem::take(&mut *self.shared.connections.lock().unwrap());
        for task in connections {
            task.abort();
            let _ = task.await;
        }
    }

    /// Listens again on the same port, keeping the messages and rejections.
    pub async fn restart(&self) {
        self.stop().await;
        let (_, task) = listen(self.addr.port(), &self.shared)
            .unwrap_or_else(|e| panic!("test SMTP server cannot bind {} again: {e}", self.addr));
        *self.accept.lock().unwrap() = Some(task);
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        if let Some(task) = self.accept.get_mut().unwrap().take() {
            task.abort();
        }
        for task in self.shared.connections.lock().unwrap().drain(..) {
            task.abort();
        }
    }
}

/// Binds (with `SO_REUSEADDR`, so a restart is not refused while closed
/// connections linger) and spawns the accept loop.
fn listen(port: u16, shared: &Arc<Shared>) -> std::io::Result<(SocketAddr, JoinHandle<()>)> {
    let socket = TcpSocket::new_v4()?;
    socket.set_reuseaddr(true)?;
    socket.bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))?;
    let listener = socket.listen(64)?;
    let addr = listener.local_addr()?;
    let shared = Arc::clone(shared);
    let task = tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let task = tokio::spawn(session(stream, Arc::clone(&shared)));
            let mut connections = shared.connections.lock().unwrap();
            connections.retain(|t| !t.is_finished());
            connections.push(task);
        }
    });
    Ok((addr, task))
}

async fn session(stream: TcpStream, shared: Arc<Shared>) {
    if stream.set_nodelay(true).is_err() {
        return;
    }
    let failed = |shared: &Shared| {
        shared.tls_failures.fetch_add(1, Ordering::SeqCst);
    };
    match shared.security.clone() {
        Security::Plain => {
            let _ = converse(stream, &shared, false, true, false).await;
        }
        Security::Implicit(acceptor) => match acceptor.accept(stream).await {
            Ok(tls) => {
                let _ = converse(tls, &shared, false, true, true).await;
            }
            Err(_) => failed(&shared),
        },
        Security::StartTls(acceptor) => {
            if let Ok(Some(plain)) = converse(stream, &shared, true, true, false).await {
                match acceptor.accept(plain).await {
                    // The client greets again, over TLS; no second 220.
                    Ok(tls) => {
                        let _ = converse(tls, &shared, false, false, true).await;
                    }
                    Err(_) => failed(&shared),
                }
            }
        }
    }
}

/// Reads one line (up to and including `\n`); `None` at the end of the stream.
async fn read_line<R: AsyncRead + Unpin>(r: &mut BufReader<R>) -> std::io::Result<Option<Vec<u8>>> {
    let mut line = Vec::new();
    let n = r.read_until(b'\n', &mut line).await?;
    Ok((n > 0).then_some(line))
}

/// The address inside `<…>` after `FROM:` or `TO:` (parameters ignored).
fn path_argument(arg: &str, keyword: &str) -> Option<String> {
    let head = arg.get(..keyword.len())?;
    if !head.eq_ignore_ascii_case(keyword) {
        return None;
    }
    let rest = arg[keyword.len()..].trim_start();
    let inner = rest.strip_prefix('<')?;
    let end = inner.find('>')?;
    Some(inner[..end].to_string())
}

/// One SMTP conversation on `stream`: greets (when `greet`), offers
/// STARTTLS (when `starttls`), and marks what arrives as sent over TLS
/// (when `tls`). `Some(stream)` when the client asked for STARTTLS and was
/// told to go ahead: the caller does the handshake and converses again.
async fn converse<S: AsyncRead + AsyncWrite + Unpin>(
    stream: S,
    shared: &Shared,
    starttls: bool,
    greet: bool,
    tls: bool,
) -> std::io::Result<Option<S>> {
    let mut r = BufReader::new(stream);
    if greet {
        r.get_mut()
            .write_all(b"220 localhost ESMTP consulta test server\r\n")
            .await?;
        r.get_mut().flush().await?;
    }
    let mut greeted = false;
    let mut from: Option<String> = None;
    let mut to: Vec<String> = Vec::new();
    while let Some(line) = read_line(&mut r).await? {
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        let (verb, arg) = line.split_once(' ').unwrap_or((line, ""));
        let arg = arg.trim();
        let reply: String = match verb.to_ascii_uppercase().as_str() {
            "EHLO" | "HELO" if arg.is_empty() => "501 5.5.4 a domain is needed".into(),
            "EHLO" => {
                greeted = true;
                (from, to) = (None, Vec::new());
                if starttls {
                    "250-localhost greets you\r\n250-8BITMIME\r\n250-STARTTLS\r\n250 SMTPUTF8"
                        .into()
                } else {
                    "250-localhost greets you\r\n250-8BITMIME\r\n250 SMTPUTF8".into()
                }
            }
            "HELO" => {
                greeted = true;
                (from, to) = (None, Vec::new());
                "250 localhost".into()
            }
            "MAIL" if !greeted => "503 5.5.1 say EHLO first".into(),
            "MAIL" if from.is_some() => "503 5.5.1 a transaction is already open".into(),
            "MAIL" => match path_argument(arg, "FROM:") {
                Some(address) => {
                    from = Some(address);
                    "250 2.1.0 sender ok".into()
                }
                None => "501 5.5.4 expected MAIL FROM:<address>".into(),
            },
            "RCPT" if from.is_none() => "503 5.5.1 MAIL FROM first".into(),
            "RCPT" => match path_argument(arg, "TO:") {
                Some(address) => {
                    let refusal = shared
                        .rejects
                        .lock()
                        .unwrap()
                        .get(&address.to_ascii_lowercase())
                        .cloned();
                    match refusal {
                        Some(reply) => reply,
                        None => {
                            to.push(address);
                            "250 2.1.5 recipient ok".into()
                        }
                    }
                }
                None => "501 5.5.4 expected RCPT TO:<address>".into(),
            },
            "DATA" if from.is_none() => "503 5.5.1 MAIL FROM first".into(),
            "DATA" if to.is_empty() => "554 5.5.1 no valid recipients".into(),
            "DATA" => {
                r.get_mut()
                    .write_all(b"354 end data with <CR><LF>.<CR><LF>\r\n")
                    .await?;
                r.get_mut().flush().await?;
                let mut data = Vec::new();
                loop {
                    // A connection lost in the middle of DATA delivers nothing.
                    let Some(line) = read_line(&mut r).await? else {
                        return Ok(None);
                    };
                    if line == b".\r\n" || line == b".\n" {
                        break;
                    }
                    data.extend_from_slice(line.strip_prefix(b".").unwrap_or(&line));
                }
                let message = Received {
                    from: from.take().unwrap_or_default(),
                    to: std::mem::take(&mut to),
                    data,
                    tls,
                };
                let n = {
                    let mut messages = shared.messages.lock().unwrap();
                    messages.push(message);
                    messages.len()
                };
                shared.arrived.notify_waiters();
                format!("250 2.0.0 ok: queued as {n}")
            }
            "RSET" => {
                (from, to) = (None, Vec::new());
                "250 2.0.0 ok".into()
            }
            "NOOP" => "250 2.0.0 ok".into(),
            "VRFY" => "252 2.5.0 cannot verify, will try".into(),
            "QUIT" => {
                r.get_mut().write_all(b"221 2.0.0 bye\r\n").await?;
                r.get_mut().flush().await?;
                return Ok(None);
            }
            "STARTTLS" if starttls && greeted => {
                r.get_mut()
                    .write_all(b"220 2.0.0 ready to start TLS\r\n")
                    .await?;
                // The client sends nothing more in the clear.
                return Ok(Some(r.into_inner()));
            }
            "STARTTLS" | "AUTH" => "502 5.5.1 not implemented here".into(),
            _ => "500 5.5.2 command not recognised".into(),
        };
        // One write per reply: a reply split over two segments meets
        // Nagle and delayed ACKs (40 ms a command).
        r.get_mut()
            .write_all(format!("{reply}\r\n").as_bytes())
            .await?;
        // A TLS stream holds what is written until flushed.
        r.get_mut().flush().await?;
    }
    Ok(None)
}

// ---------------------------------------------------------------------------
// Reading a message back
// ---------------------------------------------------------------------------

/// A message read back by [`decode`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decoded {
    /// The top-level headers, unfolded, values as on the wire (not decoded).
    pub headers: Vec<(String, String)>,
    /// `Subject`, `From` and `To`, encoded-words decoded ("" if absent).
    pub subject: String,
    pub from: String,
    pub to: String,
    /// The first text/plain and text/html parts, transfer-decoded, with
    /// line ends as `\n`.
    pub text: Option<String>,
    pub html: Option<String>,
}

impl Decoded {
    /// The first header `name` (any case), as on the wire but unfolded.
    pub fn header(&self, name: &str) -> Option<&str> {
        header_in(&self.headers, name)
    }

    /// The first header `name`, encoded-words decoded.
    pub fn header_decoded(&self, name: &str) -> Option<String> {
        self.header(name).map(decode_words)
    }
}

fn header_in<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Reads a raw message: headers, decoded `Subject`/`From`/`To`, and the
/// first text/plain and text/html parts (searching nested multiparts).
pub fn decode(raw: &[u8]) -> Decoded {
    let raw = String::from_utf8_lossy(raw);
    let (headers, body) = split_entity(&raw);
    let mut out = Decoded {
        subject: header_in(&headers, "Subject")
            .map(decode_words)
            .unwrap_or_default(),
        from: header_in(&headers, "From")
            .map(decode_words)
            .unwrap_or_default(),
        to: header_in(&headers, "To")
            .map(decode_words)
            .unwrap_or_default(),
        headers: Vec::new(),
        text: None,
        html: None,
    };
    walk(&headers, body, &mut out);
    out.headers = headers;
    out
}

/// Splits an entity into its unfolded headers and its body.
fn split_entity(raw: &str) -> (Vec<(String, String)>, &str) {
    let (head, body) = if raw.starts_with("\r\n") || raw.starts_with('\n') {
        ("", raw.split_once('\n').map(|(_, b)| b).unwrap_or(""))
    } else if let Some(i) = raw.find("\r\n\r\n") {
        (&raw[..i], &raw[i + 4..])
    } else if let Some(i) = raw.find("\n\n") {
        (&raw[..i], &raw[i + 2..])
    } else {
        (raw, "")
    };
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.starts_with([' ', '\t']) {
            // Unfolding removes the line break and keeps the white space.
            if let Some((_, value)) = headers.last_mut() {
                value.push_str(line);
            }
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_string(), value.trim_start().to_string()));
        }
    }
    for (_, value) in &mut headers {
        *value = value.trim_end().to_string();
    }
    (headers, body)
}

/// `type/subtype` (lower case) and its parameters (names lower case, values unquoted).
fn content_type(headers: &[(String, String)]) -> (String, HashMap<String, String>) {
    let value = header_in(headers, "Content-Type").unwrap_or("text/plain");
    let mut pieces = value.split(';');
    let mime = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
    let params = pieces
        .filter_map(|p| {
            let (k, v) = p.split_once('=')?;
            let v = v.trim();
            let v = v
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(v);
            Some((k.trim().to_ascii_lowercase(), v.to_string()))
        })
        .collect();
    (mime, params)
}

fn walk(headers: &[(String, String)], body: &str, out: &mut Decoded) {
    let (mime, params) = content_type(headers);
    if mime.starts_with("multipart/") {
        let Some(boundary) = params.get("boundary") else {
            return;
        };
        for part in split_multipart(body, boundary) {
            let (h, b) = split_entity(&part);
            walk(&h, b, out);
        }
        return;
    }
    let slot = match mime.as_str() {
        "text/plain" => &mut out.text,
        "text/html" => &mut out.html,
        _ => return,
    };
    if slot.is_some() {
        return;
    }
    let cte = header_in(headers, "Content-Transfer-Encoding")
        .unwrap_or("7bit")
        .trim()
        .to_ascii_lowercase();
    let bytes = match cte.as_str() {
        "base64" => decode_base64(body.as_bytes()),
        "quoted-printable" => decode_qp(body.as_bytes()),
        _ => body.as_bytes().to_vec(),
    };
    let charset = params.get("charset").map(|c| c.to_ascii_lowercase());
    let text = bytes_to_string(&bytes, charset.as_deref().unwrap_or("utf-8"));
    *slot = Some(text.replace("\r\n", "\n"));
}

/// The parts of a multipart body (the line break before a delimiter
/// belongs to the delimiter).
fn split_multipart(body: &str, boundary: &str) -> Vec<String> {
    let delimiter = format!("--{boundary}");
    let close = format!("--{boundary}--");
    let mut parts = Vec::new();
    let mut current: Option<String> = None;
    for line in body.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == delimiter || bare == close {
            if let Some(mut part) = current.take() {
                if part.ends_with("\r\n") {
                    part.truncate(part.len() - 2);
                } else if part.ends_with('\n') {
                    part.truncate(part.len() - 1);
                }
                parts.push(part);
            }
            if bare == close {
                break;
            }
            current = Some(String::new());
        } else if let Some(part) = current.as_mut() {
            part.push_str(line);
        }
    }
    parts
}

fn bytes_to_string(bytes: &[u8], charset: &str) -> String {
    match charset {
        "iso-8859-1" | "latin1" | "latin-1" => bytes.iter().map(|&b| b as char).collect(),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Decodes quoted-printable: `=XX` escapes, and `=` at a line end joins lines.
pub fn decode_qp(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'=' {
            if s[i + 1..].starts_with(b"\r\n") {
                i += 3;
                continue;
            }
            if s[i + 1..].starts_with(b"\n") {
                i += 2;
                continue;
            }
            if let (Some(h), Some(l)) = (
                s.get(i + 1).copied().and_then(hex),
                s.get(i + 2).copied().and_then(hex),
            ) {
                out.push(h << 4 | l);
                i += 3;
                continue;
            }
        }
        out.push(s[i]);
        i += 1;
    }
    out
}

/// Decodes base64 (standard alphabet), skipping white space and padding.
pub fn decode_base64(s: &[u8]) -> Vec<u8> {
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
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for v in s.iter().copied().filter_map(value) {
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

/// Decodes the RFC 2047 encoded-words (`=?charset?B|Q?text?=`) in a header
/// value; white space between two adjacent encoded-words is dropped. UTF-8,
/// US-ASCII and ISO-8859-1 are understood; anything else is left as it is.
pub fn decode_words(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    let mut after_word = false;
    while let Some(start) = rest.find("=?") {
        let (before, word) = rest.split_at(start);
        match encoded_word(word) {
            Some((text, len)) => {
                if !(after_word && before.chars().all(|c| c == ' ' || c == '\t')) {
                    out.push_str(before);
                }
                out.push_str(&text);
                rest = &word[len..];
                after_word = true;
            }
            None => {
                out.push_str(before);
                out.push_str("=?");
                rest = &word[2..];
                after_word = false;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decodes the encoded-word at the start of `s`: its text and its length.
fn encoded_word(s: &str) -> Option<(String, usize)> {
    let inner = s.strip_prefix("=?")?;
    let q1 = inner.find('?')?;
    let charset = &inner[..q1];
    let rest = &inner[q1 + 1..];
    let q2 = rest.find('?')?;
    let encoding = &rest[..q2];
    let rest = &rest[q2 + 1..];
    let end = rest.find("?=")?;
    let text = &rest[..end];
    if [charset, encoding, text]
        .iter()
        .any(|f| f.contains(char::is_whitespace))
    {
        return None;
    }
    // RFC 2231 allows a language after '*': "utf-8*en".
    let charset = charset.split('*').next()?.to_ascii_lowercase();
    if !matches!(
        charset.as_str(),
        "utf-8" | "utf8" | "us-ascii" | "iso-8859-1" | "latin1"
    ) {
        return None;
    }
    let bytes = match encoding {
        "B" | "b" => decode_base64(text.as_bytes()),
        "Q" | "q" => decode_qp(text.replace('_', " ").as_bytes()),
        _ => return None,
    };
    let len = 2 + q1 + 1 + q2 + 1 + end + 2;
    Some((bytes_to_string(&bytes, &charset), len))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncReadExt;

    #[test]
    fn encoded_words_decode() {
        assert_eq!(decode_words("=?utf-8?b?w6lsw6h2ZQ==?="), "élève");
        assert_eq!(decode_words("=?UTF-8?Q?a=C3=B1o_nuevo?="), "año nuevo");
        assert_eq!(
            decode_words("=?utf-8?b?SW52aXRhdGlvbiDigJQg?= =?utf-8?b?YcOxbw==?="),
            "Invitation — año",
            "white space between two encoded-words is dropped"
        );
        assert_eq!(
            decode_words("Re: =?utf-8?q?Gr=C3=BC=C3=9Fe?= from Bonn"),
            "Re: Grüße from Bonn"
        );
        assert_eq!(decode_words("=?iso-8859-1?q?Fran=E7ais?="), "Français");
        assert_eq!(
            decode_words("=?utf-8?b?Sm9zw6k=?= <jose@example.org>"),
            "José <jose@example.org>"
        );
        assert_eq!(decode_words("plain =? not a word"), "plain =? not a word");
        assert_eq!(decode_words("=?koi8-r?b?abc?="), "=?koi8-r?b?abc?=");
    }

    #[test]
    fn quoted_printable_and_base64_decode() {
        assert_eq!(
            decode_qp(b"caf=C3=A9 =3D soft=\r\nbreak=\nhere"),
            "café = softbreakhere".as_bytes()
        );
        assert_eq!(decode_qp(b"odd = sign=4"), b"odd = sign=4");
        assert_eq!(decode_base64(b"w6ls\r\nw6h2ZQ=="), "élève".as_bytes());
        assert_eq!(decode_base64(b"YQ=="), b"a");
        assert_eq!(decode_base64(b"YWI="), b"ab");
        assert_eq!(decode_base64(b"YWJj"), b"abc");
    }

    const MESSAGE: &str = "From: =?utf-8?b?U2VjcsOpdGFyaWF0?= <capacity@cites.org>\r\n\
        To: =?utf-8?q?Jos=C3=A9_M=C3=BCller?=\r\n <jose@example.org>\r\n\
        Subject: =?utf-8?b?SW52aXRhdGlvbiDigJQg?=\r\n =?utf-8?b?YcOxbw==?=\r\n\
        MIME-Version: 1.0\r\n\
        Content-Type: multipart/mixed;\r\n boundary=\"outer\"\r\n\
        \r\n\
        preamble\r\n\
        --outer\r\n\
        Content-Type: multipart/alternative; boundary=inner\r\n\
        \r\n\
        --inner\r\n\
        Content-Type: text/plain; charset=utf-8\r\n\
        Content-Transfer-Encoding: quoted-printable\r\n\
        \r\n\
        Hola Jos=C3=A9,\r\n\
        una l=C3=ADnea muy larga =\r\n\
        que sigue.\r\n\
        --inner\r\n\
        Content-Type: text/html; charset=\"utf-8\"\r\n\
        Content-Transfer-Encoding: base64\r\n\
        \r\n\
        PHA+SG9sYSBKb3PDqTwvcD4=\r\n\
        --inner--\r\n\
        --outer\r\n\
        Content-Type: application/pdf\r\n\
        \r\n\
        xxx\r\n\
        --outer--\r\n";

    #[test]
    fn a_nested_multipart_message_decodes() {
        let d = decode(MESSAGE.as_bytes());
        assert_eq!(d.subject, "Invitation — año");
        assert_eq!(d.from, "Secrétariat <capacity@cites.org>");
        assert_eq!(d.to, "José Müller <jose@example.org>");
        assert_eq!(d.header("mime-version"), Some("1.0"));
        assert_eq!(
            d.header("Content-Type"),
            Some("multipart/mixed; boundary=\"outer\"")
        );
        assert_eq!(
            d.text.as_deref(),
            Some("Hola José,\nuna línea muy larga que sigue.")
        );
        assert_eq!(d.html.as_deref(), Some("<p>Hola José</p>"));
    }

    #[test]
    fn a_single_part_message_decodes() {
        let d = decode(b"Subject: hi\nContent-Type: text/html\n\n<b>x</b>\n");
        assert_eq!(d.subject, "hi");
        assert_eq!(d.html.as_deref(), Some("<b>x</b>\n"));
        assert_eq!(d.text, None);
        let d = decode(b"Subject: plain\r\n\r\nno content type\r\n");
        assert_eq!(d.text.as_deref(), Some("no content type\n"));
    }

    /// A raw SMTP client for the protocol tests.
    struct Client {
        r: BufReader<tokio::net::tcp::OwnedReadHalf>,
        w: tokio::net::tcp::OwnedWriteHalf,
    }

    impl Client {
        async fn connect(server: &SmtpServer) -> Client {
            let (r, w) = TcpStream::connect(server.addr())
                .await
                .unwrap()
                .into_split();
            let mut c = Client {
                r: BufReader::new(r),
                w,
            };
            assert!(c.reply().await.starts_with("220 "));
            c
        }

        /// One reply, all its lines.
        async fn reply(&mut self) -> String {
            let mut all = String::new();
            loop {
                let line = read_line(&mut self.r).await.unwrap().expect("a reply");
                let line = String::from_utf8(line).unwrap();
                all.push_str(&line);
                if line.as_bytes().get(3) == Some(&b' ') {
                    return all;
                }
            }
        }

        async fn send(&mut self, command: &str) -> String {
            let line = format!("{command}\r\n");
            self.w.write_all(line.as_bytes()).await.unwrap();
            self.reply().await
        }
    }

    #[tokio::test]
    async fn the_protocol_and_dot_stuffing() {
        let server = SmtpServer::start().await;
        let mut c = Client::connect(&server).await;
        assert!(
            c.send("MAIL FROM:<a@example.org>")
                .await
                .starts_with("503 ")
        );
        let ehlo = c.send("EHLO client.example").await;
        assert!(
            ehlo.contains("250-8BITMIME\r\n") && ehlo.ends_with("250 SMTPUTF8\r\n"),
            "{ehlo}"
        );
        assert!(!ehlo.contains("PIPELINING"));
        assert!(c.send("RCPT TO:<b@example.org>").await.starts_with("503 "));
        assert!(
            c.send("mail from:<a@example.org> BODY=8BITMIME")
                .await
                .starts_with("250 ")
        );
        assert!(c.send("DATA").await.starts_with("554 "));
        assert!(c.send("RCPT TO:<b@example.org>").await.starts_with("250 "));
        assert!(c.send("RCPT TO: <c@example.org>").await.starts_with("250 "));
        assert!(c.send("NOOP").await.starts_with("250 "));
        assert!(c.send("DATA").await.starts_with("354 "));
        let reply = c
            .send("Subject: dots\r\n\r\nline one\r\n..leading dot\r\n...\r\n.")
            .await;
        assert!(reply.starts_with("250 "), "{reply}");
        // RSET drops a transaction that was begun.
        assert!(
            c.send("MAIL FROM:<x@example.org>")
                .await
                .starts_with("250 ")
        );
        assert!(c.send("RCPT TO:<y@example.org>").await.starts_with("250 "));
        assert!(c.send("RSET").await.starts_with("250 "));
        assert!(c.send("DATA").await.starts_with("503 "));
        assert!(c.send("STARTTLS").await.starts_with("502 "));
        assert!(c.send("FROB").await.starts_with("500 "));
        assert!(c.send("QUIT").await.starts_with("221 "));
        let mut rest = Vec::new();
        c.r.read_to_end(&mut rest).await.unwrap();
        assert!(rest.is_empty(), "the server closes after QUIT");

        let got = server.wait_for(1, Duration::from_secs(5)).await.unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].from, "a@example.org");
        assert_eq!(got[0].to, ["b@example.org", "c@example.org"]);
        assert_eq!(
            String::from_utf8(got[0].data.clone()).unwrap(),
            "Subject: dots\r\n\r\nline one\r\n.leading dot\r\n..\r\n"
        );
        assert_eq!(got[0].decoded().subject, "dots");
    }

    #[tokio::test]
    async fn rejections_wait_for_and_restart() {
        let server = SmtpServer::start().await;
        server.reject("Gone@Example.org", 550, "5.1.1 mailbox unavailable");
        server.reject("busy@example.org", 451, "4.3.0 try later");
        let mut c = Client::connect(&server).await;
        c.send("HELO client.example").await;
        c.send("MAIL FROM:<>").await;
        assert_eq!(
            c.send("RCPT TO:<gone@example.org>").await,
            "550 5.1.1 mailbox unavailable\r\n"
        );
        assert_eq!(
            c.send("RCPT TO:<busy@example.org>").await,
            "451 4.3.0 try later\r\n"
        );
        server.accept("busy@example.org");
        assert!(
            c.send("RCPT TO:<busy@example.org>")
                .await
                .starts_with("250 ")
        );
        assert!(
            server
                .wait_for(1, Duration::from_millis(50))
                .await
                .unwrap_err()
                .is_empty(),
            "nothing arrived yet"
        );
        let waiter = {
            let inbox = server.inbox();
            let server = &server;
            async move {
                let got = server.wait_for(1, Duration::from_secs(5)).await.unwrap();
                assert_eq!(inbox.lock().unwrap().len(), 1);
                got
            }
        };
        let sender = async {
            c.send("DATA").await;
            c.send("Subject: x\r\n\r\nbody\r\n.").await
        };
        let (got, reply) = tokio::join!(waiter, sender);
        assert!(reply.starts_with("250 "));
        assert_eq!(got[0].from, "");
        assert_eq!(got[0].to, ["busy@example.org"]);

        // Stop: the open connection is closed, new ones are refused.
        let port = server.port();
        server.stop().await;
        let mut rest = Vec::new();
        let _ = c.r.read_to_end(&mut rest).await;
        assert!(TcpStream::connect(("127.0.0.1", port)).await.is_err());
        // Restart on the same port: messages kept, connections accepted.
        server.restart().await;
        assert_eq!(server.port(), port);
        let mut c = Client::connect(&server).await;
        assert!(c.send("NOOP").await.starts_with("250 "));
        assert_eq!(server.messages().len(), 1);
        server.stop().await;
        // A fresh server on the same port.
        let again = SmtpServer::start_on(port).await;
        assert_eq!(again.port(), port);
        assert!(again.messages().is_empty());
        Client::connect(&again).await;
    }
}
