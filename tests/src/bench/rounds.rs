//! Benchmark: the summary of a round compared with the previous round, two
//! closed rounds of 100,000 responses each, rendered by the release server
//! over HTTP, beside the same page of the first round (no previous round)
//! and hand-written GROUP BY queries run by the `sqlite3` command-line tool
//! on the same file, in the same run.
//!
//!   cargo build --release --bin server --bin bench --features tests/bench
//!   target/release/bench rounds [RESPONSES]
//!
//! (`scripts/bench.sh rounds` does both.) Goal (issue 18): the comparison
//! of two rounds of 100,000 responses each renders in at most 300 ms.
//!
//! The consultation is the benchmarks' 40 questions as a 19.41(b) needs
//! assessment (one question of each section a matrix of ten implementation
//! areas, so the page opens with the needs overview and its change heat
//! tables). The first round is opened by the Secretariat's forms, filled
//! with synthetic submitted responses straight in the database and closed
//! by the closing service; the second is started with "Start the next
//! round" (its questions carried over), opened, filled with answers leaning
//! elsewhere, and closed the same way. Then the release server runs as its
//! own process on that file and the Secretariat reads both rounds'
//! summaries by region × status (every figure of 24 groups; the second
//! with each figure beside the previous round's and the change).

use crate::*;
use app::domain::disclosure::Threshold;
use app::domain::ids::ConsultationId;
use app::domain::region::Region;
use app::domain::response::Support;
use app::domain::survey::lifecycle::State;
use app::domain::survey::{Choice, Decision, QuestionKind, Survey, Text};
use app::ssr::services::{closing, consultations, tallies};
use app::ssr::synthetic;
use rand::SeedableRng;
use sea_orm::{ConnectionTrait, Statement};
use std::time::{Duration, Instant};

/// Requests timed per page (after two not timed).
const REQUESTS: usize = 21;

/// The 40 questions as a needs assessment: the sixth question of each
/// section (a scale) becomes a matrix of ten areas rated 0–3.
fn needs_survey() -> Survey {
    let mut survey = forty_questions();
    survey.decision = Decision::D19_41b;
    let same = |s: &str| Text::new(s, s, s);
    for section in &mut survey.sections {
        let q = &mut section.questions[5];
        q.kind = QuestionKind::Matrix {
            rows: (0..10)
                .map(|i| Choice {
                    id: format!("area{i}"),
                    label: same(&format!("Implementation area {i}")),
                })
                .collect(),
            columns: (0..4)
                .map(|i| Choice {
                    id: format!("r{i}"),
                    label: same(&format!("Rating {i}")),
                })
                .collect(),
        };
    }
    survey
}

/// `n` submitted responses of `id`, straight into the database, evenly over
/// the 24 region × status groups; `shift` moves each group's lean (the
/// second round's changed answers).
async fn seed(s: &TestServer, id: &str, survey: &Survey, n: usize, seed: u64, shift: [f64; 6]) {
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let backend = s.db.get_database_backend();
    for chunk in 0..n.div_ceil(1000) {
        let mut sql = String::from(
            "INSERT INTO response (id, consultation_id, locator, region, support, stage, \
             answers, submitted, submitted_support, version) VALUES ",
        );
        let mut values: Vec<sea_orm::Value> = Vec::new();
        let rows = 1000.min(n - chunk * 1000);
        for i in 0..rows {
            let k = chunk * 1000 + i;
            let (ri, region) = (k % 6, Region::ALL[k % 6]);
            let support = Support::ALL[(k / 6) % 4];
            let lean = (synthetic::lean(ri, support) + shift[ri]).clamp(0.05, 0.95);
            let answers = synthetic::answers(survey, support, lean, &mut rng);
            if i > 0 {
                sql.push(',');
            }
            sql.push_str("(?, ?, NULL, ?, ?, 'submitted', NULL, ?, ?, 1)");
            values.extend([
                app::ssr::services::secrets::new_id::<app::domain::ids::ResponseId>().into(),
                id.into(),
                region.code().into(),
                support.code().into(),
                serde_json::to_string(&answers).unwrap().into(),
                support.code().into(),
            ]);
        }
        s.db.execute_raw(Statement::from_sql_and_values(backend, sql, values))
            .await
            .unwrap();
    }
}

/// Counts `id`'s tallies from its responses and closes it as the
/// Secretariat's close does; returns how long the close took.
async fn close(s: &TestServer, id: &str) -> Duration {
    let cid = ConsultationId::parse(id).unwrap();
    let c = consultations::get(&s.db, &cid).await.unwrap();
    tallies::rebuild(&s.db, &cid, &c.survey).await.unwrap();
    let t = Instant::now();
    let done = closing::close(
        &s.db,
        &s.state().reshuffle,
        &bench_staff(),
        &cid,
        c.version,
        State::Closed,
        Threshold::default(),
    )
    .await
    .unwrap();
    assert!(
        matches!(done, app::domain::outcome::Outcome::Done(())),
        "closed"
    );
    t.elapsed()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// p50 and max.
fn spread(mut v: Vec<Duration>) -> (f64, f64) {
    v.sort();
    (ms(v[v.len() / 2]), ms(v[v.len() - 1]))
}

/// Runs the benchmark (`bench NAME`).
pub async fn run() {
    let n: usize = super::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let server_bin = std::env::current_exe().unwrap().with_file_name("server");
    assert!(
        server_bin.exists(),
        "{} is missing: cargo build --release --bin server",
        server_bin.display()
    );
    let key_hex = "b7".repeat(32);
    let mut s = super::server(&[
        ("CONSULTA_SECRET_KEY", key_hex.as_str()),
        // The in-process server only sets up; it must not deliver anything.
        ("CONSULTA_MAIL_PER_SECOND", "1"),
    ])
    .await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let db_file = s.vars["DATABASE_URL"]
        .trim_start_matches("sqlite://")
        .to_string();

    // Round 1: opened by the forms, n responses, closed.
    let survey = needs_survey();
    let first = survey_for_all(&s, &c, 240, &survey).await;
    let t = Instant::now();
    seed(&s, &first, &survey, n, 19_40, [0.0; 6]).await;
    let seeded_first = t.elapsed();
    let closed_first = close(&s, &first).await;

    // Round 2: "Start the next round", opened, answers leaning elsewhere.
    let res = post_versioned(
        &c,
        &s,
        &format!("/consultations/{first}/next-round"),
        &[] as &[(&str, &str)],
    )
    .await;
    assert_eq!(res.status(), 303, "next round: {}", text(res).await);
    let second = location(&res)
        .trim_start_matches("/consultations/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    open_now(&c, &s, &second, "2099-06-30T12:00").await;
    let t = Instant::now();
    seed(
        &s,
        &second,
        &survey,
        n,
        19_41,
        [0.2, 0.1, 0.15, -0.1, 0.25, 0.0],
    )
    .await;
    let seeded_second = t.elapsed();
    let closed_second = close(&s, &second).await;
    println!(
        "two rounds of {n} responses of 40 answers seeded in {:.1} + {:.1} s; \
         closed (tallies counted first) in {:.1} + {:.1} s",
        seeded_first.as_secs_f64(),
        seeded_second.as_secs_f64(),
        closed_first.as_secs_f64(),
        closed_second.as_secs_f64()
    );
    let frozen_bytes = count(
        &s,
        "SELECT COALESCE(SUM(LENGTH(body)), 0) FROM consultation_result",
    )
    .await;
    // The in-process server's part is done: it lets go of the file.
    s.hand_over().await;

    // The release server, as its own process on the same file.
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
    let url = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();
    let mut up = false;
    for _ in 0..600 {
        if http
            .get(format!("{url}/healthz"))
            .send()
            .await
            .is_ok_and(|r| r.status() == 200)
        {
            up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(up, "the release server answers");
    let res = http
        .post(format!("{url}/sign-in"))
        .form(&[
            ("email", SECRETARIAT_EMAIL),
            ("password", DEMO_PASSWORD),
            ("next", "/"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "sign-in");

    // The pages, in turns (each request of one page beside one of the
    // other, so the machine's load weighs on both alike).
    let pages = [
        (
            "comparison: round 2 by region × status, beside round 1",
            format!("/consultations/{second}/summary?by=region_status"),
        ),
        (
            "baseline: round 1 by region × status (no previous round)",
            format!("/consultations/{first}/summary?by=region_status"),
        ),
    ];
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); pages.len()];
    let mut sizes = vec![0usize; pages.len()];
    for turn in 0..REQUESTS + 2 {
        for (i, (_, path)) in pages.iter().enumerate() {
            let t = Instant::now();
            let res = http.get(format!("{url}{path}")).send().await.unwrap();
            assert_eq!(res.status(), 200, "{path}");
            let body = res.text().await.unwrap();
            let took = t.elapsed();
            assert!(body.contains("Question 3.9"), "{path}: every question");
            if i == 0 {
                assert!(
                    body.contains("change-table"),
                    "{path}: the change heat tables"
                );
            }
            sizes[i] = body.len();
            if turn >= 2 {
                times[i].push(took);
            }
        }
    }
    let _ = child.kill();
    let _ = child.wait();

    // Baseline: hand-written GROUP BY queries over both rounds' responses,
    // by the sqlite3 tool, same file (the figures the comparison shows,
    // counted from the responses instead of read from what each close froze).
    let queries = format!(
        "SELECT consultation_id, region, submitted_support, count(*) FROM response \
           WHERE consultation_id IN ('{first}', '{second}') AND submitted IS NOT NULL \
           GROUP BY 1, 2, 3;\n\
         SELECT r.consultation_id, r.region, r.submitted_support, j.key, \
             json_extract(j.value, '$.v'), count(*) \
           FROM response r, json_each(r.submitted) j \
           WHERE r.consultation_id IN ('{first}', '{second}') AND r.submitted IS NOT NULL \
             AND json_extract(j.value, '$.t') IN ('choice', 'number') \
           GROUP BY 1, 2, 3, 4, 5;\n\
         SELECT r.consultation_id, r.region, r.submitted_support, j.key, m.key, m.value, count(*) \
           FROM response r, json_each(r.submitted) j, json_each(json_extract(j.value, '$.v')) m \
           WHERE r.consultation_id IN ('{first}', '{second}') AND r.submitted IS NOT NULL \
             AND json_extract(j.value, '$.t') IN ('choices', 'matrix') \
           GROUP BY 1, 2, 3, 4, 5, 6;\n"
    );
    let t = Instant::now();
    let out = std::process::Command::new("sqlite3")
        .arg(&db_file)
        .arg(&queries)
        .output()
        .expect("the sqlite3 command-line tool");
    let group_by = t.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.stdout.is_empty());

    println!(
        "summary pages over HTTP, {}, SQLite, the Secretariat, k = 5, \
         {REQUESTS} requests each (p50 / max):",
        server_bin.display()
    );
    for (i, (what, _)) in pages.iter().enumerate() {
        let (p50, max) = spread(times[i].clone());
        let goal = if i == 0 { "   goal <= 300 ms" } else { "" };
        println!(
            "  {what:<58} {p50:>7.1} / {max:>7.1} ms   {:>8} bytes{goal}",
            sizes[i]
        );
    }
    println!(
        "  baseline: hand-written GROUP BY over both rounds, sqlite3 tool: {:>9.1} ms",
        ms(group_by)
    );
    println!("  frozen results of both rounds: {frozen_bytes} bytes of JSON");
    s.stop().await;
}
