//! Benchmark: the full region × status summary of a 40-question
//! consultation over 100,000 submitted responses on SQLite, beside
//! hand-written GROUP BY queries run by the `sqlite3` command-line tool on
//! the same file in the same run; and peak memory.
//!
//!   cargo build --release -p server -p tests --features tests/bench
//!   target/release/bench summary [RESPONSES]
//!
//! (`scripts/bench.sh summary` does both.) Goals (issue 9): at most 300 ms
//! and at most 2× the baseline.
//!
//! The summary is what closing computes once: the consultation's tallies
//! read (24 rows), the figures of every question for every grouping, and
//! disclosure control over every published table. It is timed in the
//! service, then the close itself, then the page over HTTP (rendered from
//! the frozen results).

use crate::*;
use app::domain::disclosure::Threshold;
use app::domain::region::Region;
use app::domain::response::Support;
use app::domain::summary::{self, Grouping};
use app::ssr::services::tallies;
use app::ssr::synthetic;
use rand::SeedableRng;
use sea_orm::{ConnectionTrait, Statement};
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|k| k.parse::<f64>().ok())
        .unwrap_or(0.0)
        / 1024.0
}

/// Runs the benchmark (`bench NAME`).
pub async fn run() {
    let n: usize = super::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let s = super::server(&[]).await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let survey = forty_questions();
    let id = import_consultation(&c, &s, &survey).await;
    let cid = app::domain::ids::ConsultationId::parse(&id).unwrap();
    let db_file = s.vars["DATABASE_URL"]
        .trim_start_matches("sqlite://")
        .to_string();

    // n submitted responses, straight into the database (not measured).
    let seeded = Instant::now();
    let mut rng = rand::rngs::StdRng::seed_from_u64(19_43);
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
            let answers =
                synthetic::answers(&survey, support, synthetic::lean(ri, support), &mut rng);
            if i > 0 {
                sql.push(',');
            }
            sql.push_str("(?, ?, NULL, ?, ?, 'submitted', NULL, ?, ?, 1)");
            values.extend([
                app::ssr::services::secrets::new_id::<app::domain::ids::ResponseId>().into(),
                id.clone().into(),
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
    let seeded = seeded.elapsed();
    let counted = Instant::now();
    let c_model = app::ssr::services::consultations::get(&s.db, &cid)
        .await
        .unwrap();
    tallies::rebuild(&s.db, &cid, &c_model.survey)
        .await
        .unwrap();
    let counted = counted.elapsed();
    println!(
        "seeded {n} responses of 40 answers in {:.1} s; tallies counted from them in {:.1} s",
        seeded.as_secs_f64(),
        counted.as_secs_f64()
    );

    // The results, as closing computes them: tallies read + every figure of
    // every grouping + disclosure control over every published table.
    let k = Threshold::default();
    let mut service = Vec::new();
    let mut check = None;
    for _ in 0..11 {
        let t = Instant::now();
        let tallies = tallies::read(&s.db, &cid).await.unwrap();
        let all = summary::summarise_all(&survey, &tallies, k);
        service.push(t.elapsed());
        check = all
            .into_iter()
            .find(|s| s.grouping == Grouping::RegionSupport);
    }
    let sum = check.unwrap();
    let shown: u64 = sum.responses.iter().filter_map(|(_, n)| *n).sum();
    assert_eq!(shown as usize, n, "every group is large: all counted");

    // Closed: results frozen once, then every page reads them.
    let closed = Instant::now();
    s.db.execute_unprepared(&format!(
        "UPDATE consultation SET state = 'closed', answers_started = 1 WHERE id = '{id}'"
    ))
    .await
    .unwrap();
    {
        let txn = app::ssr::db::begin_write(&s.db).await.unwrap();
        app::ssr::services::closing::close_in(&txn, &cid, &c_model.survey, k)
            .await
            .unwrap();
        txn.commit().await.unwrap();
    }
    let closed = closed.elapsed();

    // The same through HTTP: the page, rendered.
    let url = s.url(&format!("/consultations/{id}/summary?by=region_status"));
    let mut http = Vec::new();
    for _ in 0..11 {
        let t = Instant::now();
        let res = c.get(&url).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let body = res.text().await.unwrap();
        http.push(t.elapsed());
        assert!(body.contains("Question 3.9"));
    }

    // Baseline: hand-written GROUP BY queries, by the sqlite3 tool, same file.
    let queries = format!(
        "SELECT region, submitted_support, count(*) FROM response \
           WHERE consultation_id = '{id}' AND submitted IS NOT NULL GROUP BY 1, 2;\n\
         SELECT r.region, r.submitted_support, j.key, json_extract(j.value, '$.v'), count(*) \
           FROM response r, json_each(r.submitted) j \
           WHERE r.consultation_id = '{id}' AND r.submitted IS NOT NULL \
             AND json_extract(j.value, '$.t') IN ('choice', 'number') \
           GROUP BY 1, 2, 3, 4;\n\
         SELECT r.region, r.submitted_support, j.key, m.value, count(*) \
           FROM response r, json_each(r.submitted) j, json_each(json_extract(j.value, '$.v')) m \
           WHERE r.consultation_id = '{id}' AND r.submitted IS NOT NULL \
             AND json_extract(j.value, '$.t') = 'choices' \
           GROUP BY 1, 2, 3, 4;\n"
    );
    let mut baseline = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let out = std::process::Command::new("sqlite3")
            .arg(&db_file)
            .arg(&queries)
            .output()
            .expect("the sqlite3 command-line tool");
        baseline.push(t.elapsed());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stdout.is_empty());
    }
    let (service, http, baseline) = (median(service), median(http), median(baseline));
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("summary of {n} responses, 40 questions, by region × status (24 groups), k = 5:");
    println!(
        "  service (tallies read, figures, disclosure control): {:>8.1} ms   goal <= 300 ms   ratio to baseline {:.3}   goal <= 2",
        ms(service),
        ms(service) / ms(baseline)
    );
    println!(
        "  closing (freeze, texts, generalising 100,000 rows):  {:>8.1} ms",
        ms(closed)
    );
    println!(
        "  the page over HTTP (rendered from frozen results):   {:>8.1} ms   ratio to baseline {:.3}",
        ms(http),
        ms(http) / ms(baseline)
    );
    println!(
        "  baseline: hand-written GROUP BY queries, sqlite3 tool: {:>6.1} ms",
        ms(baseline)
    );
    println!(
        "  peak memory of this process (server and benchmark):  {:>6.1} MB",
        peak_mb()
    );
    report_row(
        &format!("summary at close: tallies, every figure, disclosure control ({n} responses)"),
        &format!("{:.1} ms", ms(service)),
        &format!("GROUP BY in `sqlite3` {:.0} ms", ms(baseline)),
        "≤ 300 ms and ≤ 2× baseline",
        Some(ms(service) <= 300.0 && ms(service) <= 2.0 * ms(baseline)),
    );
    report_row(
        "summary page over HTTP (region × status, from the frozen results)",
        &format!("{:.1} ms", ms(http)),
        &format!("GROUP BY in `sqlite3` {:.0} ms", ms(baseline)),
        "≤ 300 ms",
        Some(ms(http) <= 300.0),
    );
    report_row(
        &format!("closing the consultation ({n} responses)"),
        &format!("{:.0} ms", ms(closed)),
        "—",
        "—",
        None,
    );
    s.stop().await;
}
