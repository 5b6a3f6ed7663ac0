//! Outages: what the server does when what it depends on fails, and that
//! it carries on by itself once it is back.
//!
//! - The SMTP server stops in the middle of a bulk send and comes back:
//!   every invitation is delivered afterwards, none twice (by recipient
//!   and by Message-ID). Both engines.
//! - SMTP over STARTTLS (`smtp://`) and implicit TLS (`smtps://`) against
//!   a real TLS server whose certificate a throwaway certificate authority
//!   signed, trusted through `CONSULTA_SMTP_CA_FILE`; a certificate of
//!   another authority is refused and the message stays queued (its
//!   reason recorded) until a server it can trust takes it. Both engines.
//! - PostgreSQL stopped and started (a cluster of the test's own, so that
//!   the other tests carry on): pages answer the translated "unavailable"
//!   page (503), a draft saved meanwhile comes back as typed with the
//!   translated error, and once the cluster is back saving works and the
//!   draft saved before is intact. On PostgreSQL runs only.
//! - SQLite's disk full: the real server binary as a child process whose
//!   file size limit (RLIMIT_FSIZE, SIGXFSZ ignored) is lowered under it
//!   with `prlimit(2)` and raised again: a clear translated error (503,
//!   the form back as typed), nothing corrupted (`PRAGMA
//!   integrity_check`, every earlier submission whole), and the server
//!   takes submissions again by itself. On SQLite runs only.
//!
//! Every wait is for a condition, with a deadline; none decides an
//! outcome by sleeping.

use super::backups::{fields, marker, survey};
use super::crash::{client, consistent, server_bin, submit_as};
use reqwest::Client;
use sea_orm::{ConnectionTrait, Statement};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Duration;
use tests::smtp::{Security, SmtpServer, TestCa};
use tests::*;

/// Outbox rows still to be sent (queued, or claimed and in flight).
const UNSENT: &str = "SELECT COUNT(*) FROM outbox WHERE status IN ('queued', 'sending')";

/// Every message once: one recipient each, no recipient and no
/// Message-ID twice, and exactly the addresses `want`.
fn each_once(got: &[tests::smtp::Received], want: &[String]) {
    let mut recipients = HashSet::new();
    let mut ids = HashSet::new();
    for m in got {
        assert_eq!(m.to.len(), 1, "one recipient a message");
        assert!(
            recipients.insert(m.to[0].clone()),
            "{} received the invitation twice",
            m.to[0]
        );
        let id = m
            .decoded()
            .header("Message-ID")
            .expect("a Message-ID")
            .to_string();
        assert!(ids.insert(id.clone()), "Message-ID {id} sent twice");
    }
    let want: HashSet<String> = want.iter().cloned().collect();
    assert_eq!(recipients, want, "every focal point, and no one else");
}

#[tokio::test]
async fn smtp_down_during_a_bulk_send_delivers_every_message_once() {
    const N: usize = 60;
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let s = TestServer::start_with(&[
        ("MAIL_URL", url.as_str()),
        ("CONSULTA_MAIL_RETRY_SECONDS", "1"),
    ])
    .await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let emails = focal_points(&s, N, "outage.example", app::domain::lang::Lang::En).await;
    let id = open_consultation(&c, &s, "needs-assessment-19-41b", "2099-03-31T17:00").await;
    let loc = invite(&c, &s, &id, &[("who", "all")]).await;
    assert!(loc.contains(&format!("queued={N}&")), "{loc}");

    // Partway through (20 a second), the SMTP server goes away.
    smtp.wait_for(N / 4, Duration::from_secs(60))
        .await
        .expect("a quarter of the messages before the outage");
    smtp.stop().await;
    let before = smtp.messages().len();
    assert!(before < N, "stopped partway: {before} of {N} already sent");
    // The worker meets the outage: deliveries deferred, their reason kept.
    wait_until(
        "a delivery deferred by the outage",
        Duration::from_secs(60),
        async || {
            count(
                &s,
                "SELECT COUNT(*) FROM outbox WHERE status = 'queued' AND attempts >= 1 \
                 AND last_error IS NOT NULL",
            )
            .await
                >= 1
        },
    )
    .await;
    assert_eq!(
        smtp.messages().len(),
        before,
        "nothing arrives while it is down"
    );

    // Back on the same port: the rest goes out, retried with backoff.
    smtp.restart().await;
    wait_for_count(&s, UNSENT, 0, Duration::from_secs(120)).await;
    assert_eq!(
        count(&s, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'").await,
        N as i64,
        "every row sent, none failed"
    );
    assert_eq!(
        count(
            &s,
            "SELECT COUNT(*) FROM invitation WHERE sent AND NOT failed"
        )
        .await,
        N as i64
    );
    // Every row sent: nothing is left that could be sent again.
    let got = smtp.wait_for(N, Duration::from_secs(30)).await.unwrap();
    each_once(&got, &emails);
    eprintln!(
        "bulk send: {before} of {N} before the SMTP outage, {} after it, none twice",
        N - before
    );
    smtp.stop().await;
    s.stop().await;
}

/// A server whose e-mail goes to `url`, trusting the authorities in `ca`
/// (a PEM file it is given), retrying a failed delivery after a second.
async fn server_trusting(url: &str, ca: &Path) -> TestServer {
    TestServer::start_with(&[
        ("MAIL_URL", url),
        ("CONSULTA_SMTP_CA_FILE", ca.to_str().unwrap()),
        ("CONSULTA_MAIL_RETRY_SECONDS", "1"),
    ])
    .await
}

/// Invites one focal point (`who`) to a new open consultation of `s`.
async fn invite_one(s: &TestServer, who: &str) {
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    add_contact(&c, s, "KE", "Wanjiru Kamau", who, "en").await;
    let id = open_consultation(&c, s, "needs-assessment-19-41b", "2099-03-31T17:00").await;
    let loc = invite(&c, s, &id, &[("who", "all")]).await;
    assert!(loc.contains("queued=1&"), "{loc}");
}

#[tokio::test]
async fn invitations_go_out_over_starttls_and_implicit_tls_to_a_private_authority() {
    let ca = TestCa::new("Consulta test CA");
    let dir = tempfile::tempdir().unwrap();
    let pem = dir.path().join("ca.pem");
    std::fs::write(&pem, ca.pem()).unwrap();
    for (scheme, security) in [
        ("smtp", Security::StartTls(ca.acceptor())),
        ("smtps", Security::Implicit(ca.acceptor())),
    ] {
        let smtp = SmtpServer::start_secure(0, security).await;
        // A name, as operators write it; the certificate names localhost.
        let url = format!("{scheme}://localhost:{}", smtp.port());
        let s = server_trusting(&url, &pem).await;
        let who = format!("{scheme}@tls.example");
        invite_one(&s, &who).await;
        let got = smtp
            .wait_for(1, Duration::from_secs(60))
            .await
            .unwrap_or_else(|_| panic!("no message through {scheme}://"));
        assert_eq!(got[0].to, std::slice::from_ref(&who));
        assert!(got[0].tls, "{scheme}:// sent it over TLS");
        assert!(
            got[0]
                .decoded()
                .subject
                .starts_with("CITES consultation: Capacity-building"),
            "{}",
            got[0].decoded().subject
        );
        assert_eq!(smtp.tls_failures(), 0);
        wait_for_count(&s, UNSENT, 0, Duration::from_secs(30)).await;
        eprintln!("{scheme}://: delivered over TLS to {who}");
        smtp.stop().await;
        s.stop().await;
    }
}

#[tokio::test]
async fn a_certificate_of_another_authority_is_refused_and_the_message_waits() {
    let trusted = TestCa::new("Consulta test CA");
    let other = TestCa::new("Someone else's CA");
    let dir = tempfile::tempdir().unwrap();
    let pem = dir.path().join("ca.pem");
    std::fs::write(&pem, trusted.pem()).unwrap();
    let impostor = SmtpServer::start_secure(0, Security::StartTls(other.acceptor())).await;
    let port = impostor.port();
    let s = server_trusting(&format!("smtp://localhost:{port}"), &pem).await;
    invite_one(&s, "fp@tls.example").await;

    // Refused at the handshake, and again at the retry: nothing sent, the
    // message still queued with the reason (the Secretariat's view; the
    // worker logs each deferral).
    wait_until(
        "two handshakes refused",
        Duration::from_secs(60),
        async || impostor.tls_failures() >= 2,
    )
    .await;
    wait_until(
        "the refusal recorded on the queued message",
        Duration::from_secs(30),
        async || {
            count(
                &s,
                "SELECT COUNT(*) FROM outbox WHERE status = 'queued' AND attempts >= 2 \
                 AND last_error IS NOT NULL",
            )
            .await
                == 1
        },
    )
    .await;
    assert!(
        impostor.messages().is_empty(),
        "nothing went to the impostor"
    );
    let reason: String =
        s.db.query_one_raw(Statement::from_string(
            s.db.get_database_backend(),
            "SELECT last_error FROM outbox".to_string(),
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index(0)
        .unwrap();
    eprintln!("the refusal as recorded: {reason}");
    assert!(
        reason.to_lowercase().contains("certificate") || reason.contains("UnknownIssuer"),
        "the reason names the certificate: {reason}"
    );
    assert_eq!(
        count(&s, "SELECT COUNT(*) FROM invitation WHERE failed").await,
        0
    );

    // A server the configured authority signed takes its place: the
    // message that waited is delivered, once.
    impostor.stop().await;
    let genuine = SmtpServer::start_secure(port, Security::StartTls(trusted.acceptor())).await;
    let got = genuine
        .wait_for(1, Duration::from_secs(60))
        .await
        .expect("the queued message, delivered");
    assert_eq!(got[0].to, ["fp@tls.example"]);
    assert!(got[0].tls);
    wait_for_count(&s, UNSENT, 0, Duration::from_secs(30)).await;
    assert_eq!(genuine.messages().len(), 1);
    genuine.stop().await;
    s.stop().await;
}

// ---------------------------------------------------------------------------
// PostgreSQL stopped and started
// ---------------------------------------------------------------------------

/// Runs `scripts/pg-throwaway.sh ARGS`; its last line of output.
async fn pg_throwaway(args: &[&str]) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .join("scripts/pg-throwaway.sh");
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new(&script)
            .args(&args)
            .output()
            .expect("scripts/pg-throwaway.sh runs")
    })
    .await
    .unwrap();
    assert!(
        out.status.success(),
        "pg-throwaway.sh: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string()
}

/// A PostgreSQL cluster of the test's own, stopped and removed when dropped.
struct Cluster {
    dir: PathBuf,
    port: String,
}

impl Cluster {
    /// Creates and starts it on `CONSULTA_TEST_PG_OUTAGE_PORT` (55433
    /// unless set); its admin URL.
    async fn start() -> (Cluster, String) {
        let port = std::env::var("CONSULTA_TEST_PG_OUTAGE_PORT").unwrap_or_else(|_| "55433".into());
        // Not under a private temp dir: the cluster runs as `postgres`.
        let dir = std::env::temp_dir().join(format!(
            "consulta-pg-outage-{}-{}",
            std::process::id(),
            uuid::Uuid::new_v4().simple()
        ));
        let url = pg_throwaway(&["start", dir.to_str().unwrap(), &port]).await;
        (Cluster { dir, port }, url)
    }

    async fn stop(&self) {
        pg_throwaway(&["stop", self.dir.to_str().unwrap()]).await;
    }

    /// Starts it again, its data kept.
    async fn resume(&self) {
        pg_throwaway(&["start", self.dir.to_str().unwrap(), &self.port]).await;
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let script = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap()
            .join("scripts/pg-throwaway.sh");
        let _ = std::process::Command::new(script)
            .args(["stop", self.dir.to_str().unwrap()])
            .output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// GETs `path` with `client`, asking for `lang` (Accept-Language).
async fn get_in(s: &TestServer, client: &Client, path: &str, lang: &str) -> (u16, String) {
    let res = client
        .get(s.url(path))
        .header("accept-language", lang)
        .send()
        .await
        .unwrap_or_else(|e| panic!("GET {path} answered nothing: {e}"));
    (res.status().as_u16(), text(res).await)
}

/// The one-page form's fields that save respondent `i`'s answers as a
/// draft, with `note` as the text answer, on `version`.
fn draft(i: usize, note: &str, version: &str) -> Vec<(String, String)> {
    fields(i)
        .into_iter()
        .map(|(k, v)| match k.as_str() {
            "q.note" => (k, note.to_string()),
            "version" => (k, version.to_string()),
            "go" => (k, "save".to_string()),
            _ => (k, v),
        })
        .collect()
}

async fn post_in(
    s: &TestServer,
    client: &Client,
    path: &str,
    form: &[(String, String)],
    lang: &str,
) -> (u16, String) {
    let res = client
        .post(s.url(path))
        .header("accept-language", lang)
        .form(form)
        .send()
        .await
        .unwrap_or_else(|e| panic!("POST {path} answered nothing: {e}"));
    (res.status().as_u16(), text(res).await)
}

/// The stored draft's answers (JSON) of the one response of `s`.
async fn stored_draft(s: &TestServer) -> String {
    s.db.query_one_raw(Statement::from_string(
        s.db.get_database_backend(),
        "SELECT answers FROM response".to_string(),
    ))
    .await
    .unwrap()
    .expect("a response")
    .try_get_by_index::<String>(0)
    .unwrap()
}

#[tokio::test]
async fn postgres_stopped_and_started_answers_clearly_and_keeps_drafts() {
    if engine() != "postgres" {
        eprintln!("PostgreSQL stopped and started: runs with CONSULTA_TEST_DB=postgres");
        return;
    }
    let (cluster, admin) = Cluster::start().await;
    // Each request waits 2 s for a connection before it is told the
    // database is unavailable (10 s by default).
    let s = TestServer::start_on_postgres(&admin, &[("CONSULTA_DB_WAIT_SECONDS", "2")]).await;
    let staff = s.signed_in(SECRETARIAT_EMAIL).await;
    // A French-speaking focal point: their pages are in French (the
    // language of the invitation, kept in a cookie).
    add_contact(&staff, &s, "SN", "Awa Diop", "fp@pg.example", "fr").await;
    let id = open_imported(&staff, &s, &survey(), "2099-06-30T12:00").await;
    invite(&staff, &s, &id, &[("who", "all")]).await;
    let link = derived_links(&s, &id).await["fp@pg.example"].clone();
    let respondent = open_link(&s, &link).await;

    // A draft saved before the outage.
    let before = "saved before the outage";
    let (status, _) = post_in(&s, &respondent, "/respond/all", &draft(0, before, ""), "en").await;
    assert_eq!(status, 303, "the draft is saved");
    assert!(stored_draft(&s).await.contains(before));
    let version = respond_version(&respondent, &s, "/respond/all").await;
    assert!(!version.is_empty());

    cluster.stop().await;
    let started = std::time::Instant::now();
    // Staff pages: the translated "unavailable" page, never a 500.
    let (status, page) = get_in(&s, &staff, "/consultations", "en").await;
    assert_eq!(status, 503, "{page}");
    assert!(page.contains("Temporarily unavailable"), "{page}");
    assert!(page.contains("cannot be reached at the moment"), "{page}");
    let (status, page) = get_in(&s, &staff, "/consultations", "fr").await;
    assert_eq!(status, 503, "{page}");
    assert!(page.contains("Temporairement indisponible"), "{page}");
    assert!(page.contains("momentanément inaccessible"), "{page}");
    // The respondent's page too, in their language.
    let (status, page) = get_in(&s, &respondent, "/respond", "en").await;
    assert_eq!(status, 503, "{page}");
    assert!(page.contains("Temporairement indisponible"), "{page}");
    assert!(page.contains("momentanément inaccessible"), "{page}");
    // A draft saved now: the form back as typed, with the error.
    let during = "typed while the database was down";
    let form = draft(0, during, &version);
    let (status, page) = post_in(&s, &respondent, "/respond/all", &form, "en").await;
    assert_eq!(status, 503, "{page}");
    assert!(page.contains(during), "what was typed comes back: {page}");
    assert!(
        page.contains("Vos réponses n&#39;ont pas pu être enregistrées")
            || page.contains("Vos réponses n'ont pas pu être enregistrées"),
        "{page}"
    );
    eprintln!(
        "PostgreSQL down: 4 requests answered in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    cluster.resume().await;
    // Back by itself: the respondent's page shows the draft saved before.
    let mut shown = String::new();
    wait_until(
        "the respondent's page once PostgreSQL is back",
        Duration::from_secs(90),
        async || {
            let (status, page) = get_in(&s, &respondent, "/respond/all", "en").await;
            shown = page;
            status == 200
        },
    )
    .await;
    assert!(shown.contains(before), "the draft saved before: {shown}");
    assert!(stored_draft(&s).await.contains(before));
    // The form that came back, saved again: taken.
    let (status, page) = post_in(&s, &respondent, "/respond/all", &form, "en").await;
    assert_eq!(status, 303, "{page}");
    assert!(stored_draft(&s).await.contains(during));
    let (status, _) = get_in(&s, &staff, "/consultations", "en").await;
    assert_eq!(status, 200);
    s.stop().await;
    drop(cluster);
}

// ---------------------------------------------------------------------------
// SQLite's disk full
// ---------------------------------------------------------------------------

/// The server binary as a child process that ignores SIGXFSZ (a write past
/// its file size limit then fails with EFBIG, as SQLite sees a full disk,
/// instead of killing it); its log kept in memory.
struct Limited {
    process: std::process::Child,
    base: String,
    log: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Limited {
    async fn start(vars: &HashMap<String, String>) -> Limited {
        use std::os::unix::process::CommandExt;
        let mut command = std::process::Command::new(server_bin());
        command
            .arg("serve")
            .env_clear()
            .envs(vars)
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        // SAFETY: between fork and exec, only an async-signal-safe call.
        unsafe {
            command.pre_exec(|| {
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                Ok(())
            });
        }
        let mut process = command.spawn().expect("the server binary starts");
        let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        // Its log through a pipe (not subject to the size limit), read
        // until it ends.
        let stderr = process.stderr.take().unwrap();
        let lines = log.clone();
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                lines.lock().unwrap().push(line);
            }
        });
        let stdout = process.stdout.take().unwrap();
        let (tx, rx) = tokio::sync::oneshot::channel();
        std::thread::spawn(move || {
            use std::io::BufRead;
            let mut tx = Some(tx);
            for line in std::io::BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(rest) = line.strip_prefix("Consulta is listening on ")
                    && let Some(tx) = tx.take()
                {
                    let _ = tx.send(rest.split_whitespace().next().unwrap_or("").to_string());
                }
            }
        });
        let base = tokio::time::timeout(Duration::from_secs(120), rx)
            .await
            .ok()
            .and_then(Result::ok)
            .unwrap_or_else(|| panic!("the server did not say it listens: {:?}", log));
        Limited { process, base, log }
    }

    /// Sets the soft limit on the size of any file it writes (the hard
    /// limit stays unlimited, so it can be raised again).
    fn limit_files(&self, bytes: Option<u64>) {
        let limit = libc::rlimit {
            rlim_cur: bytes.unwrap_or(libc::RLIM_INFINITY),
            rlim_max: libc::RLIM_INFINITY,
        };
        // SAFETY: prlimit reads `limit` and writes nothing (old is null).
        let done = unsafe {
            libc::prlimit(
                self.process.id() as libc::pid_t,
                libc::RLIMIT_FSIZE,
                &limit,
                std::ptr::null_mut(),
            )
        };
        assert_eq!(done, 0, "prlimit: {}", std::io::Error::last_os_error());
    }

    fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    /// SIGTERM, and waits for the graceful stop.
    fn stop(mut self) {
        // SAFETY: a signal to our own child.
        unsafe { libc::kill(self.process.id() as libc::pid_t, libc::SIGTERM) };
        let status = self.process.wait().unwrap();
        assert!(status.success(), "the server stopped cleanly: {status}");
    }
}

/// POSTs respondent `i`'s one-page form (`form`) as the invitee holding
/// `token`, asking for `lang`.
async fn post_as(
    http: &Client,
    base: &str,
    token: &str,
    form: &[(String, String)],
    lang: &str,
) -> (u16, String) {
    let res = http
        .post(format!("{base}/respond/all"))
        .header("cookie", format!("consulta_invite={token}"))
        .header("accept-language", lang)
        .form(form)
        .send()
        .await
        .expect("an answer, not a dropped connection");
    (res.status().as_u16(), res.text().await.unwrap())
}

#[tokio::test]
async fn sqlite_disk_full_is_a_clear_error_and_the_server_recovers() {
    if engine() != "sqlite" {
        eprintln!("SQLite's disk full: runs with CONSULTA_TEST_DB=sqlite");
        return;
    }
    const N: usize = 12;
    const BEFORE: usize = 5;
    let _ = server_bin();
    let mut s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    for i in 0..N {
        let email = format!("p{i}@full.example");
        add_contact(&c, &s, "KE", &email, &email, "en").await;
    }
    let id = open_imported(&c, &s, &survey(), "2099-06-30T12:00").await;
    invite(&c, &s, &id, &[("who", "all")]).await;
    let links = derived_links(&s, &id).await;
    let emails: HashMap<String, usize> =
        (0..N).map(|i| (format!("p{i}@full.example"), i)).collect();
    let tokens: Vec<String> = (0..N)
        .map(|i| {
            links[&format!("p{i}@full.example")]
                .trim_start_matches("/i/")
                .to_string()
        })
        .collect();
    wait_for_count(&s, UNSENT, 0, Duration::from_secs(60)).await;
    s.hand_over().await;
    let server = Limited::start(&s.vars).await;
    let http = client();
    // The Secretariat, signed in to it.
    let staff = Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let res = staff
        .post(format!("{}/sign-in", server.base))
        .form(&[
            ("email", SECRETARIAT_EMAIL),
            ("password", DEMO_PASSWORD),
            ("next", "/"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "signed in");
    for (i, token) in tokens.iter().enumerate().take(BEFORE) {
        let status = submit_as(&http, &server.base, token, i).await.unwrap();
        assert_eq!(status, 303, "respondent {i} before the disk fills");
    }

    // The disk "fills": no file may grow past its first byte any more.
    server.limit_files(Some(1));
    let (status, page) = post_as(&http, &server.base, &tokens[BEFORE], &fields(BEFORE), "en").await;
    assert_eq!(status, 503, "{page}");
    assert!(
        page.contains("Your answers could not be saved: the server has run out of storage space"),
        "{page}"
    );
    assert!(
        page.contains(&marker(BEFORE)),
        "the form back as typed: {page}"
    );
    let typed = "brouillon pendant que le disque est plein";
    let draft = draft(BEFORE + 1, typed, "");
    let (status, page) = post_as(&http, &server.base, &tokens[BEFORE + 1], &draft, "fr").await;
    assert_eq!(status, 503, "{page}");
    assert!(page.contains(typed), "{page}");
    assert!(
        page.contains("l&#39;espace de stockage du serveur est plein")
            || page.contains("l'espace de stockage du serveur est plein"),
        "{page}"
    );
    // Reading still works meanwhile; a staff member's change is refused
    // with the translated page.
    let res = http
        .get(format!("{}/healthz", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "the database still answers");
    let res = staff
        .get(format!("{}/consultations/{id}", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "a staff page reads");
    let res = staff
        .post(format!("{}/contacts", server.base))
        .header("accept-language", "en")
        .form(&[
            ("party", "KE"),
            ("name", "Added while full"),
            ("email", "full@full.example"),
            ("role", "management"),
            ("lang", "en"),
            ("active", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 503);
    let page = res.text().await.unwrap();
    assert!(page.contains("Nothing could be saved"), "{page}");
    assert!(page.contains("run out of storage space"), "{page}");
    // SQLITE_IOERR_WRITE (EFBIG, the file size limit) or SQLITE_FULL
    // (ENOSPC), logged by the server; its log is read from a pipe, so the
    // line may arrive a moment after the answer.
    let logged = |l: &String| {
        l.contains("database storage full")
            && (l.contains("(code: 778)") || l.contains("(code: 13)"))
    };
    wait_until(
        "the server to log the full disk with SQLite's code",
        Duration::from_secs(30),
        async || server.log().iter().any(logged),
    )
    .await;
    let said: Vec<String> = server
        .log()
        .into_iter()
        .filter(|l| l.contains("storage full") || l.contains("code"))
        .collect();
    eprintln!("what the server logged: {said:#?}");

    // Space again: the same submission is taken, without a restart.
    server.limit_files(None);
    let mut status = 0;
    wait_until(
        "a submission taken once space is back",
        Duration::from_secs(30),
        async || {
            status = submit_as(&http, &server.base, &tokens[BEFORE], BEFORE)
                .await
                .unwrap();
            status != 503
        },
    )
    .await;
    assert_eq!(status, 303);
    for (i, token) in tokens.iter().enumerate().skip(BEFORE + 1) {
        let status = submit_as(&http, &server.base, token, i).await.unwrap();
        assert_eq!(
            status,
            303,
            "respondent {i} once space is back: {:#?}",
            server.log()
        );
    }
    let closed = server
        .log()
        .iter()
        .filter(|l| l.contains("left counted in a transaction is closed"))
        .count();
    eprintln!("connections SQLite had rolled back under sqlx, closed: {closed}");
    server.stop();

    // Nothing corrupted: the file checks whole, every submission whole.
    let db = app::ssr::db::connect(&s.vars["DATABASE_URL"], app::ssr::db::DEFAULT_WAIT)
        .await
        .unwrap();
    let verdict: Vec<String> = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "PRAGMA integrity_check".to_string(),
        ))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get_by_index::<String>(0).unwrap())
        .collect();
    assert_eq!(verdict, ["ok"]);
    let found = consistent(&db, &id, &emails).await;
    assert_eq!(found, (0..N).collect::<Vec<_>>(), "every submission, once");
    db.close().await.ok();
    s.stop().await;
}
