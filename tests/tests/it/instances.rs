//! Two server instances under load on one PostgreSQL database, one of them
//! killed with SIGKILL mid-run.
//!
//! Both are the real `server` binary, each a process of its own, with the
//! same configuration (the same database and server secret, the test SMTP
//! server as their mail server). While both run: invitations are queued for
//! a hundred more contacts (both outboxes deliver them); respondents submit
//! through the one-page form, each to one instance or the other, a third of
//! them after saving a draft on the other instance (the version they submit
//! is the one the second instance shows); staff members sign in on one
//! instance and use the session cookie on the other. Once enough
//! submissions are acknowledged, some of the e-mails delivered and a
//! session carried both ways, instance B is killed; its clients carry on
//! with A (what they had sent to B and got no answer for is sent again:
//! taken if B had not stored it, told so — 409 — if it had).
//!
//! Then: every respondent's response is stored exactly once and whole, and
//! nothing partial (`crash::consistent`: invitations marked submitted
//! exactly when their response is there, day counts adding up, tallies equal
//! to a recount); every outbox row is sent, and every invitation's e-mail
//! arrived — once for every row claimed once; a row B held when it was
//! killed is taken again by A when its lease ends, and may arrive twice if
//! B's SMTP exchange had completed in the instant before the kill (delivery
//! is at least once: see `app::ssr::outbox`), which the test reports.
//! Submission rates are printed as a report, never asserted.
//!
//! On SQLite (one file, one machine) there is nothing to test: it returns.

use super::backups::{fields, survey};
use super::crash::{Child, client, consistent};
use app::domain::contact::{Contact, ContactRole};
use app::domain::ids::PartyCode;
use app::domain::lang::Lang;
use reqwest::Client;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tests::smtp::SmtpServer;
use tests::*;

/// Invitees who answer, each submitting once.
const RESPONDENTS: usize = 200;
/// Contacts invited while both instances run (they do not answer).
const LATER: usize = 100;
/// Clients submitting at once.
const LANES: usize = 12;
/// Submissions acknowledged before B is killed.
const BEFORE_KILL: usize = 60;
/// Of the e-mails queued while both run, how many must have arrived
/// before B is killed.
const MAILED_BEFORE_KILL: usize = 10;

const A: usize = 0;
const B: usize = 1;
const NAMES: [&str; 2] = ["A", "B"];

/// The two instances' addresses, and whether B was killed.
struct Both {
    bases: [String; 2],
    b_gone: AtomicBool,
}

impl Both {
    /// Where a client sends a request meant for instance `i`: B's clients go
    /// to A once B is gone (as a load balancer does).
    fn route(&self, i: usize) -> usize {
        if i == B && self.b_gone.load(Ordering::SeqCst) {
            A
        } else {
            i
        }
    }
}

/// Posts the one-page form `form` as the invitee holding `token`.
async fn post_all(
    http: &Client,
    base: &str,
    token: &str,
    form: &[(String, String)],
) -> Result<reqwest::Response, String> {
    http.post(format!("{base}/respond/all"))
        .header("cookie", format!("consulta_invite={token}"))
        .form(form)
        .send()
        .await
        .map_err(|e| e.to_string())
}

/// The version the one-page form of the invitee holding `token` names, as
/// instance `at` (routed) shows it; A's if B dies under the request.
async fn version_at(both: &Both, http: &Client, at: usize, token: &str) -> String {
    let get = |base: String| async move {
        http.get(format!("{base}/respond/all"))
            .header("cookie", format!("consulta_invite={token}"))
            .send()
            .await?
            .text()
            .await
    };
    let at = both.route(at);
    let html = match get(both.bases[at].clone()).await {
        Ok(html) => html,
        Err(e) => {
            assert_eq!(at, B, "instance A failed a request: {e}");
            both.b_gone.store(true, Ordering::SeqCst);
            get(both.bases[A].clone()).await.expect("A answers")
        }
    };
    let key = "name=\"version\" value=\"";
    let i = html.find(key).expect("a saved draft's version on the form");
    html[i + key.len()..].split('"').next().unwrap().to_string()
}

/// `fields(i)` with `version` and the button `go`.
fn form_of(i: usize, version: &str, go: &str) -> Vec<(String, String)> {
    let mut f = fields(i);
    for (k, v) in f.iter_mut() {
        match k.as_str() {
            "version" => *v = version.to_string(),
            "go" => *v = go.to_string(),
            _ => {}
        }
    }
    f
}

/// How respondent `i`'s submission ended, as its client saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Taken {
    /// 303 from instance `0`.
    By(usize),
    /// Sent to B, no answer (B was killed), then sent to A: 409, B had
    /// stored it.
    StoredByTheKilled,
}

/// Sends `form` to instance `at` (routed); if B dies under it, marks B gone
/// and sends it to A. The instance that answered, its status, and whether
/// a first copy was lost with B.
async fn send_routed(
    both: &Both,
    http: &Client,
    at: usize,
    token: &str,
    form: &[(String, String)],
) -> (usize, u16, bool) {
    let first = both.route(at);
    match post_all(http, &both.bases[first], token, form).await {
        Ok(res) => (first, res.status().as_u16(), false),
        Err(e) => {
            assert_eq!(first, B, "instance A failed a request: {e}");
            both.b_gone.store(true, Ordering::SeqCst);
            let res = post_all(http, &both.bases[A], token, form)
                .await
                .expect("A answers");
            (A, res.status().as_u16(), true)
        }
    }
}

/// Respondent `i`: a third save a draft on one instance first, then submit
/// on the other, with the version that one shows; the others submit at once.
async fn respond(both: &Both, http: &Client, token: &str, i: usize) -> (Taken, usize) {
    let home = i % 2;
    let version = if i.is_multiple_of(3) {
        let (_, status, lost) =
            send_routed(both, http, 1 - home, token, &form_of(i, "", "save")).await;
        // A draft B stored before dying makes the repeated save stale (409).
        assert!(
            status == 303 || (lost && status == 409),
            "respondent {i}'s draft: {status}"
        );
        version_at(both, http, home, token).await
    } else {
        String::new()
    };
    let (by, status, lost) =
        send_routed(both, http, home, token, &form_of(i, &version, "submit")).await;
    match status {
        303 => (Taken::By(by), by),
        409 if lost => (Taken::StoredByTheKilled, by),
        other => panic!("respondent {i}: {other} from {}", NAMES[by]),
    }
}

/// Signs in as `email` on `base`; the session cookie (`name=value`), or
/// `None` when no answer came (the instance was killed).
async fn session_on(base: &str, email: &str) -> Option<String> {
    let res = client()
        .post(format!("{base}/sign-in"))
        .form(&[("email", email), ("password", DEMO_PASSWORD), ("next", "/")])
        .send()
        .await
        .ok()?;
    assert_eq!(res.status(), 303, "sign-in as {email} on {base}");
    let cookie = set_cookies(&res)
        .iter()
        .find(|c| c.starts_with("consulta_session="))
        .map(|c| c.split(';').next().unwrap().to_string())
        .expect("a session cookie");
    Some(cookie)
}

/// Whether `page` on `base` is shown to the holder of session `cookie`
/// (signed in: the page carries the sign-out form); `None` when no answer
/// came.
async fn signed_in_page(base: &str, page: &str, cookie: &str) -> Option<bool> {
    let res = client()
        .get(format!("{base}{page}"))
        .header("cookie", cookie)
        .send()
        .await
        .ok()?;
    let ok = res.status() == 200;
    Some(ok && res.text().await.ok()?.contains("action=\"/sign-out\""))
}

/// Queues invitations for every Scientific Authority of consultation `id`
/// through instance `base`'s form, as the Secretariat member of `cookie`.
async fn invite_scientific(base: &str, cookie: &str, id: &str) {
    let page = format!("{base}/consultations/{id}/invitations?who=role&role=scientific");
    let html = text(
        client()
            .get(&page)
            .header("cookie", cookie)
            .send()
            .await
            .unwrap(),
    )
    .await;
    let key = "name=\"version\" value=\"";
    let i = html
        .find(key)
        .expect("the invitations page names its version");
    let version = html[i + key.len()..].split('"').next().unwrap();
    let form = [
        ("who", "role"),
        ("role", "scientific"),
        ("version", version),
    ];
    let res = client()
        .post(format!("{base}/consultations/{id}/invitations"))
        .header("cookie", cookie)
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "invitations: {}", text(res).await);
}

async fn one(db: &DatabaseConnection, sql: &str) -> i64 {
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap()
}

const UNSENT: &str = "SELECT COUNT(*) FROM outbox WHERE status IN ('queued', 'sending')";

/// The instances' send timeout (`CONSULTA_SMTP_TIMEOUT_SECONDS`).
const SMTP_TIMEOUT: Duration = Duration::from_secs(5);

#[tokio::test]
async fn two_instances_under_load_one_killed_lose_nothing_and_send_nothing_twice() {
    if engine() != "postgres" {
        eprintln!(
            "two instances share a PostgreSQL database: nothing to test on {}",
            engine()
        );
        return;
    }
    let smtp = SmtpServer::start().await;
    let mut s = TestServer::start_with(&[
        ("MAIL_URL", &smtp.url()),
        ("CONSULTA_MAIL_PER_SECOND", "50"),
    ])
    .await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let parties = ["KE", "MG", "BO", "FR", "JP", "CA", "FJ", "BR", "SN", "DE"];
    let contact = |i: usize, email: String, role: ContactRole| {
        Contact::of_party(
            PartyCode::parse(parties[i % parties.len()]).unwrap(),
            &format!("Focal point {i}"),
            &email,
            role,
            [Lang::En, Lang::Fr, Lang::Es][i % 3],
        )
    };
    let mut everyone: Vec<Contact> = (0..RESPONDENTS)
        .map(|i| {
            contact(
                i,
                format!("p{i}@two.example"),
                ContactRole::ManagementAuthority,
            )
        })
        .collect();
    everyone.extend((0..LATER).map(|j| {
        contact(
            j,
            format!("later{j}@two.example"),
            ContactRole::ScientificAuthority,
        )
    }));
    app::ssr::services::contacts::import(&s.db, &bench_staff(), &everyone)
        .await
        .expect("contacts");
    let id = open_imported(&c, &s, &survey(), "2099-06-30T12:00").await;
    // The respondents are invited first, by the in-process server.
    invite(&c, &s, &id, &[("who", "role"), ("role", "management")]).await;
    let links = derived_links(&s, &id).await;
    let tokens: Arc<Vec<String>> = Arc::new(
        (0..RESPONDENTS)
            .map(|i| {
                links[&format!("p{i}@two.example")]
                    .trim_start_matches("/i/")
                    .to_string()
            })
            .collect(),
    );
    let mut emails: HashMap<String, usize> = (0..RESPONDENTS)
        .map(|i| (format!("p{i}@two.example"), i))
        .collect();
    // Contacts invited later never answer: numbers past the respondents'.
    emails.extend((0..LATER).map(|j| (format!("later{j}@two.example"), RESPONDENTS + j)));
    smtp.wait_for(RESPONDENTS, Duration::from_secs(120))
        .await
        .expect("the respondents' invitations delivered");
    wait_for_count(&s, UNSENT, 0, Duration::from_secs(60)).await;
    s.hand_over().await;

    // Two instances of the real binary, started together.
    let logs = tempfile::tempdir().unwrap();
    eprintln!("server logs in {}", logs.path().display());
    // Each delivers 5 e-mails a second, 10 a round: the later invitations
    // are still going out when B is killed.
    let mut vars = s.vars.clone();
    vars.insert("CONSULTA_MAIL_PER_SECOND".into(), "5".into());
    // The test SMTP server answers at once: a short send timeout gives a
    // short lease (20 s with the default database wait), so A takes B's
    // rows again sooner.
    vars.insert(
        "CONSULTA_SMTP_TIMEOUT_SECONDS".into(),
        SMTP_TIMEOUT.as_secs().to_string(),
    );
    let (a_log, b_log) = (logs.path().join("a.log"), logs.path().join("b.log"));
    let (a, b) = tokio::join!(Child::start(&vars, &a_log), Child::start(&vars, &b_log),);
    let both = Arc::new(Both {
        bases: [a.base.clone(), b.base.clone()],
        b_gone: AtomicBool::new(false),
    });
    let db = app::ssr::db::connect(&s.vars["DATABASE_URL"], app::ssr::db::DEFAULT_WAIT)
        .await
        .unwrap();

    // Invitations queued while both run: both outboxes deliver them.
    let secretariat_b = session_on(&both.bases[B], SECRETARIAT_EMAIL)
        .await
        .expect("B answers");
    invite_scientific(&both.bases[B], &secretariat_b, &id).await;

    let started = Instant::now();
    let acknowledged = Arc::new(AtomicUsize::new(0));
    // Acknowledgements: (respondent, instance, when).
    let acks: Arc<Mutex<Vec<(usize, usize, Duration)>>> = Arc::default();
    let next = Arc::new(AtomicUsize::new(0));
    let mut lanes = Vec::new();
    for _ in 0..LANES {
        let (both, tokens, next) = (both.clone(), tokens.clone(), next.clone());
        let (acknowledged, acks) = (acknowledged.clone(), acks.clone());
        lanes.push(tokio::spawn(async move {
            let http = client();
            let mut taken = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= RESPONDENTS {
                    break taken;
                }
                let (how, by) = respond(&both, &http, &tokens[i], i).await;
                if let Taken::By(_) = how {
                    acknowledged.fetch_add(1, Ordering::SeqCst);
                    acks.lock().unwrap().push((i, by, started.elapsed()));
                }
                taken.push((i, how));
            }
        }));
    }
    // Staff sign in on one instance and use the session on the other.
    let crossed = Arc::new([AtomicUsize::new(0), AtomicUsize::new(0)]);
    let load_done = Arc::new(AtomicBool::new(false));
    let staff = {
        let (both, crossed, load_done, id) =
            (both.clone(), crossed.clone(), load_done.clone(), id.clone());
        tokio::spawn(async move {
            let mut sign_ins = 0;
            while !load_done.load(Ordering::SeqCst) && sign_ins < 40 {
                let on = both.route(sign_ins % 2);
                let (email, page) = if sign_ins % 4 < 2 {
                    (
                        SECRETARIAT_EMAIL,
                        format!("/consultations/{id}/invitations"),
                    )
                } else {
                    (ORGANISER_EMAIL, "/summaries".to_string())
                };
                // A request to B that gets no answer: B was killed.
                let Some(cookie) = session_on(&both.bases[on], email).await else {
                    assert_eq!(on, B, "instance A failed a sign-in");
                    continue;
                };
                sign_ins += 1;
                let other = both.route(1 - on);
                if other != on {
                    match signed_in_page(&both.bases[other], &page, &cookie).await {
                        Some(valid) => {
                            assert!(
                                valid,
                                "a session from {} is valid on {}",
                                NAMES[on], NAMES[other]
                            );
                            crossed[on].fetch_add(1, Ordering::SeqCst);
                        }
                        None => assert_eq!(other, B, "instance A failed a request"),
                    }
                }
                let again = signed_in_page(&both.bases[both.route(on)], &page, &cookie).await;
                assert_ne!(again, Some(false), "a session on the instance that made it");
            }
            sign_ins
        })
    };

    // B is killed once enough submissions are acknowledged, some of the
    // later invitations delivered and a session carried both ways.
    wait_until(
        "submissions, e-mails and sessions before the kill",
        Duration::from_secs(180),
        async || {
            acknowledged.load(Ordering::SeqCst) >= BEFORE_KILL
                && smtp.messages().len() >= RESPONDENTS + MAILED_BEFORE_KILL
                && crossed.iter().all(|n| n.load(Ordering::SeqCst) > 0)
        },
    )
    .await;
    let killed_at = started.elapsed();
    let mailed_at_kill = smtp.messages().len() - RESPONDENTS;
    let unsent_at_kill = one(&db, UNSENT).await;
    b.kill();
    both.b_gone.store(true, Ordering::SeqCst);
    let acked_at_kill = acknowledged.load(Ordering::SeqCst);

    let mut taken: BTreeMap<usize, Taken> = BTreeMap::new();
    for lane in lanes {
        taken.extend(lane.await.unwrap());
    }
    let load_time = started.elapsed();
    load_done.store(true, Ordering::SeqCst);
    let sign_ins = staff.await.unwrap();
    assert!(
        acked_at_kill < RESPONDENTS,
        "B was killed before the end of the load ({acked_at_kill} acknowledged)"
    );

    // Every e-mail queued is delivered: A takes what B held once its lease ends.
    // The lease the instances hold, from their own configuration.
    let cfg = app::ssr::config::Config::from_map(&vars).unwrap();
    let within = app::ssr::outbox::lease(cfg.mail.send_timeout, cfg.db_wait)
        .to_std()
        .unwrap()
        + Duration::from_secs(60);
    wait_until("every outbox row sent", within, async || {
        one(&db, UNSENT).await == 0
    })
    .await;

    // Every respondent stored exactly once, whole; nothing partial.
    let found = consistent(&db, &id, &emails).await;
    assert_eq!(
        found,
        (0..RESPONDENTS).collect::<Vec<_>>(),
        "every respondent stored once"
    );
    assert_eq!(taken.len(), RESPONDENTS);

    // Every e-mail once: each row claimed once arrived once; a row claimed
    // again (B held it when killed) arrived at least once, at most once a claim.
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT c.email, o.kind, o.status, o.attempts FROM outbox o \
             JOIN invitation i ON i.id = o.invitation_id JOIN contact c ON c.id = i.contact_id",
        ))
        .await
        .unwrap();
    assert_eq!(
        rows.len(),
        RESPONDENTS + LATER,
        "one message per invitation"
    );
    let received = smtp.messages();
    // Per recipient: how many arrived, and their Message-IDs.
    let mut arrived: HashMap<String, usize> = HashMap::new();
    let mut ids: HashMap<String, Vec<String>> = HashMap::new();
    for m in &received {
        assert_eq!(m.to.len(), 1, "one recipient a message");
        *arrived.entry(m.to[0].clone()).or_default() += 1;
        let id = m
            .decoded()
            .header("Message-ID")
            .expect("a Message-ID")
            .to_string();
        ids.entry(m.to[0].clone()).or_default().push(id);
    }
    let distinct: std::collections::HashSet<&String> = ids.values().flatten().collect();
    assert_eq!(
        distinct.len(),
        RESPONDENTS + LATER,
        "one Message-ID per outbox row, different for every row"
    );
    let (mut retaken, mut twice) = (0, 0);
    for r in rows {
        let email: String = r.try_get("", "email").unwrap();
        let status: String = r.try_get("", "status").unwrap();
        let attempts: i32 = r.try_get("", "attempts").unwrap();
        assert_eq!(status, "sent", "{email}'s message");
        let n = arrived.remove(&email).unwrap_or(0);
        assert!(n >= 1, "{email}'s message was lost");
        if attempts == 1 {
            assert_eq!(n, 1, "{email}'s message, claimed once, arrived {n} times");
        } else {
            retaken += 1;
            assert!(
                n as i32 <= attempts,
                "{email}: {n} messages for {attempts} claims"
            );
            // A copy sent again is the same message (one Message-ID), which
            // servers and clients that suppress duplicates drop.
            let copies = &ids[&email];
            assert!(
                copies.iter().all(|id| *id == copies[0]),
                "{email}: {copies:?}"
            );
            twice += n - 1;
        }
    }
    assert!(
        arrived.is_empty(),
        "messages to nobody invited: {arrived:?}"
    );

    // The figures, as a report.
    let acks = acks.lock().unwrap().clone();
    let before = |who: usize| {
        acks.iter()
            .filter(|(_, by, at)| *by == who && *at <= killed_at)
            .count()
    };
    let after = acks.iter().filter(|(_, _, at)| *at > killed_at).count();
    let rate = |n: usize, t: Duration| n as f64 / t.as_secs_f64().max(1e-3);
    let stored_by_b_unanswered = taken
        .values()
        .filter(|t| **t == Taken::StoredByTheKilled)
        .count();
    eprintln!(
        "two instances on PostgreSQL ({RESPONDENTS} respondents, {LANES} clients, a third saving a draft on the other instance first):\n\
         \x20 before the kill ({:.2} s): {} submissions acknowledged, {:.0}/s — A {} ({:.0}/s), B {} ({:.0}/s)\n\
         \x20 after the kill, A alone ({:.2} s): {} acknowledged, {:.0}/s; {stored_by_b_unanswered} stored by B without an answer (409 when sent again)\n\
         \x20 staff sign-ins: {sign_ins}, sessions carried A→B {} and B→A {} times\n\
         \x20 e-mails: {} delivered, {mailed_at_kill} of the {LATER} later invitations before the kill, {unsent_at_kill} rows unsent at the kill; \
         {retaken} rows taken again after B's lease, {twice} of them delivered twice (the same Message-ID)",
        killed_at.as_secs_f64(),
        before(A) + before(B),
        rate(before(A) + before(B), killed_at),
        before(A),
        rate(before(A), killed_at),
        before(B),
        rate(before(B), killed_at),
        (load_time - killed_at).as_secs_f64(),
        after,
        rate(after, load_time - killed_at),
        crossed[A].load(Ordering::SeqCst),
        crossed[B].load(Ordering::SeqCst),
        received.len(),
    );
    db.close().await.ok();
    a.kill();
    s.stop().await;
}

/// Two instances started at the same moment on an empty database: each
/// applies the pending migrations under one advisory lock, in one
/// transaction (`server::migrate`), so the second waits for the first, then
/// finds nothing pending; both start, and every migration is recorded once.
#[tokio::test]
async fn two_instances_started_together_on_an_empty_database_both_start() {
    if engine() != "postgres" {
        eprintln!(
            "two instances share a PostgreSQL database: nothing to test on {}",
            engine()
        );
        return;
    }
    let admin = std::env::var("CONSULTA_TEST_PG_URL").expect("CONSULTA_TEST_PG_URL");
    let name = format!("consulta_test_{}", uuid::Uuid::new_v4().simple());
    let conn = sea_orm::Database::connect(&admin).await.unwrap();
    conn.execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    let url = format!("{}/{name}", admin.rsplit_once('/').unwrap().0);
    let dir = tempfile::tempdir().unwrap();
    let vars: HashMap<String, String> = [
        ("DATABASE_URL", url.clone()),
        ("LEPTOS_SITE_ADDR", "127.0.0.1:0".into()),
        ("LEPTOS_SITE_ROOT", dir.path().display().to_string()),
        ("CONSULTA_SECRET_KEY", "5e".repeat(32)),
        (
            "MAIL_URL",
            format!("file://{}/outbox", dir.path().display()),
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let (a_log, b_log) = (dir.path().join("a.log"), dir.path().join("b.log"));
    let (a, b) = tokio::join!(Child::start(&vars, &a_log), Child::start(&vars, &b_log),);
    for base in [&a.base, &b.base] {
        let res = client()
            .get(format!("{base}/healthz"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{base} answers");
    }
    let db = app::ssr::db::connect(&url, app::ssr::db::DEFAULT_WAIT)
        .await
        .unwrap();
    let applied = one(&db, "SELECT COUNT(*) FROM seaql_migrations").await;
    let distinct = one(&db, "SELECT COUNT(DISTINCT version) FROM seaql_migrations").await;
    assert!(applied >= 11, "the migrations applied: {applied}");
    assert_eq!(applied, distinct, "every migration recorded once");
    db.close().await.ok();
    a.kill();
    b.kill();
    conn.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .await
        .ok();
}
