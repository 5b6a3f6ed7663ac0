//! Benchmark: queueing 10,000 invitations, and delivering them to an SMTP
//! server on loopback, each beside a baseline measured in the same run.
//!
//!   cargo run --release -p tests --features bench --bin bench -- invitations [N]
//!
//! Goals (issue 7): queue 10,000 in under 2 s; deliver at least 200 a second.

use crate::smtp::SmtpServer;
use crate::*;
use app::domain::contact::{Contact, ContactRole};
use app::domain::ids::PartyCode;
use app::domain::lang::Lang;
use app::ssr::mail::{Email, MailConfig, Mailer};
use sea_orm::{ConnectionTrait, Statement, TransactionTrait};
use std::time::{Duration, Instant};

/// Runs the benchmark (`bench NAME`).
pub async fn run() {
    let n: usize = super::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let s = super::server(&[
        ("MAIL_URL", url.as_str()),
        ("CONSULTA_MAIL_PER_SECOND", "100000"),
    ])
    .await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;

    // n contacts, straight into the database (their import is not what is measured).
    let parties = ["KE", "MG", "BO", "FR", "JP", "CA", "FJ", "BR", "SN", "DE"];
    let langs = [Lang::En, Lang::Fr, Lang::Es];
    let rows: Vec<Contact> = (0..n)
        .map(|i| {
            Contact::of_party(
                PartyCode::parse(parties[i % parties.len()]).unwrap(),
                &format!("Focal point {i}"),
                &format!("fp{i}@bench.example"),
                ContactRole::ManagementAuthority,
                langs[i % 3],
            )
        })
        .collect();
    app::ssr::services::contacts::import(&s.db, &bench_staff(), &rows)
        .await
        .expect("contacts");

    // An open consultation.
    let id = open_consultation(&c, &s, "needs-assessment-19-41b", "2099-01-01T00:00").await;
    let base = format!("/consultations/{id}");

    // Baseline: the same number of rows (invitation + outbox) written raw in one transaction.
    s.db.execute_unprepared(
        "CREATE TABLE bench_raw (id TEXT PRIMARY KEY, a TEXT, b TEXT, c INTEGER)",
    )
    .await
    .unwrap();
    let started = Instant::now();
    let txn = s.db.begin().await.unwrap();
    for chunk in (0..2 * n).collect::<Vec<_>>().chunks(400) {
        let values: Vec<String> = chunk
            .iter()
            .map(|i| format!("('{i:032x}', '{:064x}', 'queued', 0)", i * 7))
            .collect();
        txn.execute_raw(Statement::from_string(
            txn.get_database_backend(),
            format!(
                "INSERT INTO bench_raw (id, a, b, c) VALUES {}",
                values.join(",")
            ),
        ))
        .await
        .unwrap();
    }
    txn.commit().await.unwrap();
    let raw = started.elapsed();

    // Queue: the Secretariat presses "Send" (on the page as it opened it).
    let version = version_on(&c, &s, &format!("{base}/invitations")).await;
    let started = Instant::now();
    let res = post_with_version(
        &c,
        &s,
        &format!("{base}/invitations"),
        &[("who", "all")],
        &version,
    )
    .await;
    let queued = started.elapsed();
    assert_eq!(res.status(), 303);
    assert!(
        location(&res).contains(&format!("queued={n}")),
        "{}",
        location(&res)
    );

    // Deliver: until the loopback SMTP server has them all.
    let started = Instant::now();
    let got = smtp
        .wait_for(n, Duration::from_secs(600))
        .await
        .unwrap_or_else(|got| panic!("only {} of {n} delivered", got.len()));
    let delivery = started.elapsed();
    assert_eq!(got.len(), n);
    s.stop().await;

    // Baseline: lettre alone, sending the same kind of message in a loop.
    let baseline_n = n.min(1000);
    let cfg = MailConfig::new(
        &url,
        "Bench <bench@example.org>",
        "Bench <bench@example.org>",
    )
    .unwrap();
    let mailer = Mailer::new(&cfg).unwrap();
    let email = Email {
        to_name: "Zoë".into(),
        to_address: "zoe@bench.example".into(),
        subject: "Consultation CITES : Évaluation des besoins".into(),
        text: "x".repeat(1500),
        html: "<p>x</p>".repeat(150),
        message_id: None,
    };
    let started = Instant::now();
    for _ in 0..baseline_n {
        mailer.send(&email, &cfg.from, &cfg.reply_to).await.unwrap();
    }
    let lettre_alone = started.elapsed();

    let per_s = |count: usize, d: Duration| count as f64 / d.as_secs_f64();
    println!("invitations: {n} on SQLite, 2 worker threads");
    println!(
        "queue {n} invitations (one request, one transaction): {:>8.1} ms   goal < 2000 ms",
        queued.as_secs_f64() * 1000.0
    );
    println!(
        "  baseline: {} raw rows inserted in one transaction:  {:>8.1} ms   ratio {:.2}",
        2 * n,
        raw.as_secs_f64() * 1000.0,
        queued.as_secs_f64() / raw.as_secs_f64()
    );
    println!(
        "deliver {n} through the outbox to loopback SMTP: {:>8.0} messages/s   goal >= 200/s",
        per_s(n, delivery)
    );
    println!(
        "  baseline: lettre alone, {baseline_n} sends in a loop:  {:>8.0} messages/s   ratio {:.2}",
        per_s(baseline_n, lettre_alone),
        per_s(n, delivery) / per_s(baseline_n, lettre_alone)
    );
    report_row(
        &format!("queue {n} invitations (one request)"),
        &format!("{:.0} ms", queued.as_secs_f64() * 1000.0),
        &format!(
            "{} raw rows in one transaction {:.0} ms",
            2 * n,
            raw.as_secs_f64() * 1000.0
        ),
        "< 2,000 ms",
        Some(queued < Duration::from_secs(2)),
    );
    report_row(
        &format!("deliver {n} invitations to loopback SMTP"),
        &format!("{:.0} /s", per_s(n, delivery)),
        &format!("lettre alone {:.0} /s", per_s(baseline_n, lettre_alone)),
        "≥ 200 /s",
        Some(per_s(n, delivery) >= 200.0),
    );
}
