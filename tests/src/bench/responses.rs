//! Benchmark: Parties submitting 40-answer responses, 64 at a time, to the
//! release server on SQLite, beside raw SQLite transactions of the same
//! writes measured in the same run; and the server's memory at rest, under
//! that load, and under a flood of oversized and malformed requests.
//!
//!   cargo build --release -p server -p tests --features tests/bench
//!   target/release/bench responses [SUBMISSIONS]
//!
//! (`scripts/bench.sh responses` does both.) Goals (issue 8): at least 1,500
//! submissions a second and at least 40% of the raw rate; at most 100 MB.
//!
//! A submission is one `POST /respond/all` from an invitee's private link,
//! carrying all 40 answers and the donor/recipient status, saved and
//! submitted in one transaction, answered with `303 See Other`.

use crate::*;
use app::ssr::config::Config;
use app::ssr::keys::ServerKey;
use app::ssr::services::invitations;
use sea_orm::{ConnectionTrait, Statement};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const CLIENTS: usize = 64;

/// Runs the benchmark (`bench NAME`).
pub async fn run() {
    let n: usize = super::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20_000);
    let server_bin = std::env::current_exe().unwrap().with_file_name("server");
    assert!(
        server_bin.exists(),
        "{} is missing: cargo build --release -p server",
        server_bin.display()
    );
    let key_hex = "b7".repeat(32);
    let s = super::server(&[
        ("CONSULTA_SECRET_KEY", key_hex.as_str()),
        // The in-process server only sets up; it must not deliver anything.
        ("CONSULTA_MAIL_PER_SECOND", "1"),
    ])
    .await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;

    // n focal points, the consultation open, every one invited.
    let (survey, id) = forty_questions_for_all(&s, &c, n).await;
    let cfg = Config::from_map(&s.vars).unwrap();
    let key = ServerKey::load(&cfg).unwrap();
    let cid = app::domain::ids::ConsultationId::parse(&id).unwrap();
    let secret = invitations::consultation_secret(&s.db, &key, &cid)
        .await
        .unwrap()
        .unwrap();
    let tokens: Vec<String> =
        s.db.query_all_raw(Statement::from_string(
            s.db.get_database_backend(),
            "SELECT id FROM invitation".to_string(),
        ))
        .await
        .unwrap()
        .iter()
        .map(|r| invitations::token_for(&secret, &r.try_get::<String>("", "id").unwrap()))
        .collect();
    assert_eq!(tokens.len(), n);
    let bodies: Arc<Vec<String>> =
        Arc::new((0..n).map(|i| super::response_body(&survey, i)).collect());

    // The release server, as its own process on the same database.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = std::process::Command::new(&server_bin)
        .envs(s.vars.iter())
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("start the release server");
    let pid = child.id();
    let url = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(CLIENTS)
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    for _ in 0..200 {
        if http
            .get(format!("{url}/healthz"))
            .send()
            .await
            .is_ok_and(|r| r.status() == 200)
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let (rest_rss, _) = memory_mb(pid);

    // Load: 64 clients, each submitting the next invitee's response.
    let tokens = Arc::new(tokens);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..CLIENTS {
        let (http, url, tokens, bodies, next) = (
            http.clone(),
            url.clone(),
            tokens.clone(),
            bodies.clone(),
            next.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= tokens.len() {
                    break;
                }
                let t0 = Instant::now();
                let res = http
                    .post(format!("{url}/respond/all"))
                    .header("cookie", format!("consulta_invite={}", tokens[i]))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(bodies[i].clone())
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), 303, "submission {i}");
                latencies.push(t0.elapsed());
            }
            latencies
        }));
    }
    let mut latencies = Vec::new();
    for t in tasks {
        latencies.extend(t.await.unwrap());
    }
    let elapsed = started.elapsed();
    let (_, load_peak) = memory_mb(pid);
    latencies.sort();
    let submitted = count(
        &s,
        "SELECT COUNT(*) FROM response WHERE stage = 'submitted'",
    )
    .await;
    assert_eq!(submitted as usize, n, "every submission stored");

    // Attack: oversized and malformed bodies from 64 clients for 5 s.
    let big = Arc::new("q.s0q8=".to_string() + &"x".repeat(600 * 1024));
    let stop = Instant::now() + Duration::from_secs(5);
    let mut tasks = Vec::new();
    for k in 0..CLIENTS {
        let (http, url, big, token) = (http.clone(), url.clone(), big.clone(), tokens[k].clone());
        tasks.push(tokio::spawn(async move {
            let mut sent = 0usize;
            while Instant::now() < stop {
                let body = if sent.is_multiple_of(2) {
                    (*big).clone()
                } else {
                    "q.nope=1&version=&go=submit".to_string()
                };
                if let Ok(res) = http
                    .post(format!("{url}/respond/all"))
                    .header("cookie", format!("consulta_invite={token}"))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(body)
                    .send()
                    .await
                {
                    assert!(res.status().is_client_error(), "{}", res.status());
                }
                sent += 1;
            }
            sent
        }));
    }
    let mut attacks = 0;
    for t in tasks {
        attacks += t.await.unwrap();
    }
    let (_, attack_peak) = memory_mb(pid);
    let _ = child.kill();
    let _ = child.wait();

    // Baseline: the same writes as raw SQL transactions on the same file,
    // 64 at a time: insert the response row (answers and submitted answers),
    // mark the invitation, count the day.
    let db = s.db.clone();
    db.execute_unprepared(
        "CREATE TABLE bench_response (id TEXT PRIMARY KEY, consultation_id TEXT, region TEXT, \
         support TEXT, stage TEXT, answers TEXT, submitted TEXT, version INTEGER) WITHOUT ROWID",
    )
    .await
    .unwrap();
    let sample = {
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                "SELECT submitted FROM response LIMIT 1".to_string(),
            ))
            .await
            .unwrap()
            .unwrap();
        Arc::new(row.try_get::<String>("", "submitted").unwrap())
    };
    let ids: Arc<Vec<String>> = Arc::new(
        db.query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT id FROM invitation".to_string(),
        ))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String>("", "id").unwrap())
        .collect(),
    );
    let next = Arc::new(AtomicUsize::new(0));
    let raw_started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..CLIENTS {
        let (db, ids, sample, next) = (db.clone(), ids.clone(), sample.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= ids.len() {
                    break;
                }
                let txn = app::ssr::db::begin_write(&db).await.unwrap();
                let backend = txn.get_database_backend();
                txn.execute_raw(Statement::from_sql_and_values(
                    backend,
                    "INSERT INTO bench_response VALUES (?, 'c', 'africa', 'receives', 'submitted', ?, ?, 2)",
                    [format!("{i:032x}").into(), sample.as_str().into(), sample.as_str().into()],
                ))
                .await
                .unwrap();
                txn.execute_raw(Statement::from_sql_and_values(
                    backend,
                    "UPDATE invitation SET opened = true WHERE id = ?",
                    [ids[i].clone().into()],
                ))
                .await
                .unwrap();
                txn.execute_raw(Statement::from_string(
                    backend,
                    "INSERT INTO response_day VALUES ('bench', '2099-01-01', 1) \
                     ON CONFLICT (consultation_id, day) DO UPDATE SET submissions = submissions + 1",
                ))
                .await
                .unwrap();
                txn.commit().await.unwrap();
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let raw = raw_started.elapsed();
    s.stop().await;

    let rate = n as f64 / elapsed.as_secs_f64();
    let raw_rate = n as f64 / raw.as_secs_f64();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    println!(
        "responses: {n} submissions of 40 answers, {CLIENTS} concurrent clients, SQLite, release server (2 worker threads)"
    );
    println!(
        "submissions:  {rate:>8.0} /s   (p50 {:.1} ms, p99 {:.1} ms)   goal >= 1500/s",
        pct(0.5).as_secs_f64() * 1000.0,
        pct(0.99).as_secs_f64() * 1000.0
    );
    println!(
        "  baseline: raw SQLite transactions of the same writes, {CLIENTS} at a time: {raw_rate:>8.0} /s   ratio {:.2}   goal >= 0.40",
        rate / raw_rate
    );
    println!(
        "server memory: {rest_rss:.1} MB at rest, peak {load_peak:.1} MB under load, \
         peak {attack_peak:.1} MB after {attacks} oversized/malformed requests   goal <= 100 MB"
    );
    report_row(
        &format!("submissions of 40 answers ({CLIENTS} clients, `POST /respond/all`)"),
        &format!(
            "{rate:.0} /s (p50 {:.0} ms, p99 {:.0} ms)",
            pct(0.5).as_secs_f64() * 1000.0,
            pct(0.99).as_secs_f64() * 1000.0
        ),
        &format!("raw SQLite transactions {raw_rate:.0} /s"),
        "≥ 1,500 /s",
        Some(rate >= 1500.0),
    );
    report_row(
        "server memory at rest, under submissions, under oversized bodies (bench responses)",
        &format!("{rest_rss:.1} MB, peak {load_peak:.1} MB, peak {attack_peak:.1} MB"),
        "—",
        "≤ 100 MB",
        Some(load_peak.max(attack_peak) <= 100.0),
    );
}
