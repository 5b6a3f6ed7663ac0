//! Benchmark: what respondents wait for while housekeeping keeps the
//! physical order of rows from following the order of submissions, on
//! PostgreSQL — before (`CLUSTER response`, `CLUSTER invitation`: ACCESS
//! EXCLUSIVE on each table while it is copied) and after
//! (`row_order::settle`: row locks and short transactions).
//!
//!   CONSULTA_TEST_DB=postgres CONSULTA_TEST_PG_URL=postgres://… \
//!     target/release/bench housekeeping [INVITEES] [SUBMITTED]
//!
//! (`scripts/bench.sh housekeeping` builds it and starts a throwaway
//! PostgreSQL.) It opens the 40-question consultation to INVITEES invitees
//! (default 20,000), SUBMITTED of whom (default 18,000) submit through the
//! server first; then three phases of the same load, 20 s each: respondents
//! reading their page (`GET /respond`, 8 clients, one request after
//! another) and others submitting (`POST /respond/all`, 2 clients, at most
//! 5 a second each), with no housekeeping, then with the
//! old statements run back to back, then with the new pass run back to
//! back (each pass moves the whole consultation, since submissions keep
//! arriving: a deadline's rush). It prints each phase's latencies (p50,
//! p99, max) and how long each housekeeping run took.
//!
//! The server's own housekeeping runs once a minute (and would run the
//! pass when this server wrote responses), so each phase starts a few
//! seconds after one of its minutes and ends before the next. The
//! invitation table is set as each side has it: fillfactor 100 before,
//! 30 after (the migration that came with the pass).

use crate::*;
use app::ssr::services::row_order;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const READERS: usize = 8;
const WRITERS: usize = 2;
const WRITE_EVERY: Duration = Duration::from_millis(200);
const PHASE: Duration = Duration::from_secs(20);

/// Latencies of one kind of request.
#[derive(Default)]
struct Figures(Vec<Duration>);

impl Figures {
    fn line(&mut self, what: &str) -> String {
        if self.0.is_empty() {
            return format!("{what:<8} none");
        }
        self.0.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let at = |p: f64| self.0[((self.0.len() as f64 * p) as usize).min(self.0.len() - 1)];
        format!(
            "{what:<8} {:>6} requests  p50 {:>7.1} ms  p99 {:>7.1} ms  max {:>8.1} ms",
            self.0.len(),
            ms(at(0.5)),
            ms(at(0.99)),
            ms(*self.0.last().unwrap())
        )
    }
}

/// Housekeeping to run during a phase.
#[derive(Clone, Copy, PartialEq)]
enum Work {
    Nothing,
    Cluster,
    Settle,
}

async fn housekeep(db: &DatabaseConnection, work: Work) {
    match work {
        Work::Nothing => {}
        Work::Cluster => {
            for sql in [
                "CLUSTER response USING response_pkey",
                "CLUSTER invitation USING invitation_pkey",
            ] {
                db.execute_unprepared(sql).await.unwrap();
            }
        }
        Work::Settle => {
            row_order::settle(db).await.unwrap();
        }
    }
}

struct Load {
    base: String,
    tokens: Arc<Vec<String>>,
    bodies: Arc<Vec<String>>,
    /// The next invitee to submit.
    next: Arc<AtomicUsize>,
    /// Invitees who have submitted: `0..submitted`, read by the readers.
    submitted: usize,
    http: reqwest::Client,
}

/// One phase: the load for [`PHASE`], with `work` run back to back.
async fn phase(
    load: &Load,
    db: &DatabaseConnection,
    work: Work,
) -> (Figures, Figures, Vec<Duration>) {
    let stop = Arc::new(AtomicBool::new(false));
    let mut readers = Vec::new();
    for r in 0..READERS {
        let (http, base, tokens, stop) = (
            load.http.clone(),
            load.base.clone(),
            load.tokens.clone(),
            stop.clone(),
        );
        let submitted = load.submitted;
        readers.push(tokio::spawn(async move {
            let mut seen = Figures::default();
            let mut k = r * 7919;
            while !stop.load(Ordering::Relaxed) {
                k = (k + 104_729) % submitted;
                let t0 = Instant::now();
                let res = http
                    .get(format!("{base}/respond"))
                    .header("cookie", format!("consulta_invite={}", tokens[k]))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), 200, "reading as invitee {k}");
                res.bytes().await.unwrap();
                seen.0.push(t0.elapsed());
            }
            seen
        }));
    }
    let mut writers = Vec::new();
    for _ in 0..WRITERS {
        let (http, base, tokens, bodies, next, stop) = (
            load.http.clone(),
            load.base.clone(),
            load.tokens.clone(),
            load.bodies.clone(),
            load.next.clone(),
            stop.clone(),
        );
        writers.push(tokio::spawn(async move {
            let mut seen = Figures::default();
            while !stop.load(Ordering::Relaxed) {
                let i = next.fetch_add(1, Ordering::Relaxed);
                assert!(i < tokens.len(), "more invitees needed for the phases");
                let t0 = Instant::now();
                let res = http
                    .post(format!("{base}/respond/all"))
                    .header("cookie", format!("consulta_invite={}", tokens[i]))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(bodies[i].clone())
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), 303, "submission {i}");
                seen.0.push(t0.elapsed());
                // A steady rush, not a flood: at most one every WRITE_EVERY each.
                tokio::time::sleep(WRITE_EVERY.saturating_sub(t0.elapsed())).await;
            }
            seen
        }));
    }
    let until = Instant::now() + PHASE;
    let mut runs = Vec::new();
    while Instant::now() < until {
        if work == Work::Nothing {
            tokio::time::sleep(until - Instant::now()).await;
            break;
        }
        let t0 = Instant::now();
        housekeep(db, work).await;
        runs.push(t0.elapsed());
    }
    stop.store(true, Ordering::Relaxed);
    let (mut reads, mut writes) = (Figures::default(), Figures::default());
    for r in readers {
        reads.0.extend(r.await.unwrap().0);
    }
    for w in writers {
        writes.0.extend(w.await.unwrap().0);
    }
    (reads, writes, runs)
}

/// Runs the benchmark (`bench NAME`).
pub async fn run() {
    let arg = |k: usize, default: usize| {
        super::args()
            .nth(k)
            .and_then(|a| a.parse().ok())
            .unwrap_or(default)
    };
    let (n, m) = (arg(1, 20_000), arg(2, 18_000));
    assert!(
        engine() == "postgres",
        "PostgreSQL only: CONSULTA_TEST_DB=postgres CONSULTA_TEST_PG_URL=postgres://…"
    );
    let s = super::server(&[("CONSULTA_MAIL_PER_SECOND", "1")]).await;
    // The server's housekeeping minutes, from its start.
    let started = Instant::now();
    let c = s.signed_in(SECRETARIAT_EMAIL).await;

    let (survey, id) = forty_questions_for_all(&s, &c, n).await;
    let links = derived_links(&s, &id).await;
    let tokens: Arc<Vec<String>> = Arc::new(
        (0..n)
            .map(|i| {
                links[&format!("fp{i}@bench.example")]
                    .trim_start_matches("/i/")
                    .to_string()
            })
            .collect(),
    );
    let bodies: Arc<Vec<String>> =
        Arc::new((0..n).map(|i| super::response_body(&survey, i)).collect());
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(32)
        .timeout(Duration::from_secs(120))
        .build()
        .unwrap();

    // m submissions first, 16 at a time.
    let t0 = Instant::now();
    let next = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..16 {
        let (http, base, tokens, bodies, next) = (
            http.clone(),
            s.base.clone(),
            tokens.clone(),
            bodies.clone(),
            next.clone(),
        );
        tasks.push(tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= m {
                    break;
                }
                let res = http
                    .post(format!("{base}/respond/all"))
                    .header("cookie", format!("consulta_invite={}", tokens[i]))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(bodies[i].clone())
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), 303, "submission {i}");
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    next.store(m, Ordering::Relaxed);
    let size = |table: &'static str| {
        let db = s.db.clone();
        async move {
            let sql = format!("SELECT pg_total_relation_size('{table}')");
            db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
                .await
                .unwrap()
                .unwrap()
                .try_get_by_index::<i64>(0)
                .unwrap() as f64
                / 1_048_576.0
        }
    };
    println!(
        "housekeeping: {n} invitations, {m} responses of 40 answers submitted in {:.0} s; \
         response {:.1} MB, invitation {:.1} MB (with indexes and TOAST)",
        t0.elapsed().as_secs_f64(),
        size("response").await,
        size("invitation").await
    );

    let load = Load {
        base: s.base.clone(),
        tokens,
        bodies,
        next,
        submitted: m,
        http,
    };
    for (work, what) in [
        (Work::Nothing, "no housekeeping"),
        (
            Work::Cluster,
            "before: CLUSTER response, CLUSTER invitation, back to back",
        ),
        (Work::Settle, "after: row_order::settle, back to back"),
    ] {
        // Each side with its own invitation table: the old one filled its
        // pages (fillfactor 100), the new one keeps them at 30% (the
        // migration), each applied by one CLUSTER outside the measure.
        let fill = if work == Work::Cluster { 100 } else { 30 };
        s.db.execute_unprepared(&format!(
            "ALTER TABLE invitation SET (fillfactor = {fill}); \
             CLUSTER invitation USING invitation_pkey"
        ))
        .await
        .unwrap();
        // What the last phase wrote is put in order now, then the phase
        // starts 3 s after one of the server's housekeeping minutes.
        row_order::settle(&s.db).await.unwrap();
        let minute = Duration::from_secs(60);
        let since = started.elapsed();
        let mut at = Duration::from_secs(since.as_secs() / 60 * 60) + Duration::from_secs(3);
        if at < since {
            at += minute;
        }
        tokio::time::sleep(at - since).await;
        let (mut reads, mut writes, runs) = phase(&load, &s.db, work).await;
        println!("{what}:");
        println!("  {}", reads.line("reads"));
        println!("  {}", writes.line("submits"));
        if !runs.is_empty() {
            let ms: Vec<String> = runs
                .iter()
                .map(|d| format!("{:.0}", d.as_secs_f64() * 1000.0))
                .collect();
            println!("  {} runs, ms each: {}", runs.len(), ms.join(" "));
        }
    }
    let moved = row_order::settle(&s.db).await.unwrap();
    assert_eq!(row_order::unsettled(&s.db, &id).await.unwrap(), 0);
    let descents = |table| row_order::descents(&s.db, table, &id);
    assert_eq!(descents(row_order::Table::Invitation).await.unwrap(), 0);
    println!(
        "last pass: {moved:?}; responses listed after a greater id: {} of {} \
         (where the heap had room left by earlier rows)",
        descents(row_order::Table::Response).await.unwrap(),
        load.next.load(Ordering::Relaxed)
    );
    s.stop().await;
}
