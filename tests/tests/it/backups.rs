//! `server backup PATH`: a consistent copy of a live SQLite database, taken
//! while Parties keep submitting, restored and found complete; an existing
//! file is never overwritten. On PostgreSQL the command refuses, naming
//! pg_dump (the copy itself is SQLite-specific).

use app::domain::survey::answers::{Answer, Answers};
use app::domain::survey::{Decision, QuestionKind, Respondents, Section, Survey, Text};
use app::ssr::backup::{self, BackupError};
use reqwest::Client;
use sea_orm::{ConnectionTrait, Database, Statement};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;
use tests::*;

/// Choices, a scale and a number (tallied), and a text that tells each
/// respondent's submission apart (also the crash and row-order tests').
pub(super) fn survey() -> Survey {
    Survey {
        title: t("Backed up"),
        introduction: t("Introduction"),
        closing: Text::default(),
        decision: Decision::D19_40,
        respondents: Some(Respondents::PerInvitee),
        allow_changes: false,
        constituencies: vec![],
        sections: vec![
            Section {
                id: "s1".into(),
                title: t("First"),
                introduction: Text::default(),
                questions: vec![
                    question(
                        "choice",
                        QuestionKind::SingleChoice {
                            options: choices(&["a", "b", "c"]),
                            other: false,
                        },
                    ),
                    question(
                        "multi",
                        QuestionKind::MultipleChoice {
                            options: choices(&["a", "b", "c"]),
                            max: None,
                        },
                    ),
                    question(
                        "scale",
                        QuestionKind::Scale {
                            points: choices(&["0", "1", "2", "3"]),
                        },
                    ),
                ],
            },
            Section {
                id: "s2".into(),
                title: t("Second"),
                introduction: Text::default(),
                questions: vec![
                    question(
                        "num",
                        QuestionKind::Number {
                            integer: true,
                            min: Some(0.0),
                            max: Some(1000.0),
                        },
                    ),
                    question("note", QuestionKind::ShortText { max_length: 80 }),
                ],
            },
        ],
    }
}

/// The text that marks respondent `i`'s submission.
pub(super) fn marker(i: usize) -> String {
    format!("submission of respondent {i}")
}

/// The one-page form's fields that submit respondent `i`'s answers at once.
pub(super) fn fields(i: usize) -> Vec<(String, String)> {
    let abc = ["a", "b", "c"];
    let support = ["provides", "receives", "both", "neither"];
    [
        ("support", support[i % 4].to_string()),
        ("q.choice", abc[i % 3].to_string()),
        ("q.multi", abc[(i + 1) % 3].to_string()),
        ("q.scale", (i % 4).to_string()),
        ("q.num", i.to_string()),
        ("q.note", marker(i)),
        ("version", String::new()),
        ("go", "submit".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// Submits respondent `i` through the one-page form; the instant it was
/// acknowledged.
async fn submit_one(c: &Client, base: &str, i: usize) -> Instant {
    let res = c
        .post(format!("{base}/respond/all"))
        .form(&fields(i))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "respondent {i}: {}", text(res).await);
    assert_eq!(location(&res), "/respond/done");
    Instant::now()
}

/// Every submitted response in `db`, by its marker:
/// (stage, submitted answers as stored, status counted under).
async fn submitted_by_marker(
    db: &impl ConnectionTrait,
) -> BTreeMap<String, (String, String, Option<String>)> {
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT stage, submitted, submitted_support FROM response WHERE submitted IS NOT NULL",
        ))
        .await
        .unwrap();
    let mut out = BTreeMap::new();
    for r in rows {
        let stage: String = r.try_get("", "stage").unwrap();
        let json: String = r.try_get("", "submitted").unwrap();
        let support: Option<String> = r.try_get("", "submitted_support").unwrap();
        let answers: Answers = serde_json::from_str(&json).expect("submitted answers read");
        let Some(Answer::Text(m)) = answers.get("note") else {
            panic!("a submission without its note: {json}");
        };
        assert!(
            out.insert(m.clone(), (stage, json.clone(), support))
                .is_none(),
            "{m} submitted twice"
        );
    }
    out
}

async fn one(db: &impl ConnectionTrait, sql: &str) -> i64 {
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap()
}

/// While two respondents' clients keep submitting, a backup is taken with
/// the function `server backup` runs; the copy passes SQLite's integrity
/// check, and a server started on it (with the server secret, as a restore
/// does) holds every submission acknowledged before the backup began, each
/// complete, nothing partial (responses, invitations and day counts agree),
/// and tallies equal to a recount.
#[tokio::test]
async fn a_backup_taken_during_submissions_restores_every_acknowledged_one() {
    if engine() != "sqlite" {
        eprintln!("note: `server backup` copies SQLite only (PostgreSQL: pg_dump); skipped");
        return;
    }
    const N: usize = 40;
    const BEFORE: usize = 10;
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let parties = ["KE", "MG", "BO", "FR", "JP", "CA", "FJ", "BR", "SN", "DE"];
    for (i, party) in parties.iter().cycle().take(N).enumerate() {
        let email = format!("p{i}@x.example");
        add_contact(&c, &s, party, &email, &email, "en").await;
    }
    let survey = survey();
    let id = open_imported(&c, &s, &survey, "2099-06-30T12:00").await;
    invite(&c, &s, &id, &[("who", "all")]).await;
    let links = outbox_links(&s, N).await;
    let mut clients = Vec::new();
    for i in 0..N {
        clients.push(open_link(&s, &links[&format!("p{i}@x.example")]).await);
    }
    let mut acked: Vec<(usize, Instant)> = Vec::new();
    for (i, c) in clients.iter().enumerate().take(BEFORE) {
        acked.push((i, submit_one(c, &s.base, i).await));
    }

    // The rest submit from two tasks, one after another each, while the backup runs.
    let done = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for lane in 0..2 {
        let mine: Vec<(usize, Client)> = (BEFORE..N)
            .filter(|i| i % 2 == lane)
            .map(|i| (i, clients[i].clone()))
            .collect();
        let (base, done) = (s.base.clone(), done.clone());
        tasks.push(tokio::spawn(async move {
            let mut acked = Vec::new();
            for (i, c) in mine {
                acked.push((i, submit_one(&c, &base, i).await));
                done.fetch_add(1, Ordering::SeqCst);
            }
            acked
        }));
    }
    wait_until(
        "four submissions before the backup",
        std::time::Duration::from_secs(60),
        async || done.load(Ordering::SeqCst) >= 4,
    )
    .await;
    let dir = tempfile::tempdir().unwrap();
    let to = dir.path().join("backups/2026/consulta.db");
    let began = Instant::now();
    let written = backup::run(&s.vars["DATABASE_URL"], &to)
        .await
        .expect("the backup is written");
    let ended = Instant::now();
    for t in tasks {
        acked.extend(t.await.unwrap());
    }
    assert_eq!(written.path, to);
    assert_eq!(written.bytes, std::fs::metadata(&to).unwrap().len());
    assert!(written.bytes > 0);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&to).unwrap().permissions().mode();
        assert_eq!(
            mode & 0o777,
            0o600,
            "the copy is readable by its owner only"
        );
    }
    let before: Vec<usize> = acked
        .iter()
        .filter(|(_, at)| *at < began)
        .map(|(i, _)| *i)
        .collect();
    let during = acked
        .iter()
        .filter(|(_, at)| *at >= began && *at <= ended)
        .count();
    eprintln!(
        "backup of {} bytes in {} ms: {} submissions acknowledged before it began, {during} while it ran, {} after",
        written.bytes,
        (ended - began).as_millis(),
        before.len(),
        N - before.len() - during
    );
    assert!(before.len() >= BEFORE + 4);

    // The copy reads whole.
    let url = format!("sqlite://{}", to.display());
    let raw = Database::connect(&url).await.unwrap();
    let check = raw
        .query_all_raw(Statement::from_string(
            raw.get_database_backend(),
            "PRAGMA integrity_check",
        ))
        .await
        .unwrap();
    let verdict: Vec<String> = check
        .iter()
        .map(|r| r.try_get_by_index::<String>(0).unwrap())
        .collect();
    assert_eq!(verdict, ["ok"]);
    raw.close().await.unwrap();

    // Restored: a server on the copy, with the same server secret.
    let live = submitted_by_marker(&s.db).await;
    assert_eq!(live.len(), N);
    let restored = s.start_sharing(&[("DATABASE_URL", &url)]).await;
    let copied = submitted_by_marker(&restored.db).await;
    eprintln!("the backup holds {} of the {N} submissions", copied.len());
    for i in &before {
        let m = marker(*i);
        let got = copied
            .get(&m)
            .unwrap_or_else(|| panic!("{m}, acknowledged before the backup, is in it"));
        assert_eq!(got, &live[&m], "{m} is complete in the backup");
        assert_eq!(got.0, "submitted");
    }
    // Nothing partial: every response submitted is counted on the invitation
    // side and for its day, and nothing else is.
    let n = copied.len() as i64;
    assert_eq!(
        one(
            &restored.db,
            "SELECT COUNT(*) FROM response WHERE stage = 'submitted'"
        )
        .await,
        n
    );
    assert_eq!(
        one(
            &restored.db,
            "SELECT COUNT(*) FROM invitation WHERE submitted"
        )
        .await,
        n
    );
    assert_eq!(
        one(
            &restored.db,
            "SELECT COALESCE(SUM(submissions), 0) FROM response_day"
        )
        .await,
        n
    );
    // Tallies as kept equal a recount of the copy.
    let cid = app::domain::ids::ConsultationId::parse(&id).unwrap();
    let kept = app::ssr::services::tallies::read(&restored.db, &cid)
        .await
        .unwrap();
    app::ssr::services::tallies::rebuild(&restored.db, &cid, &survey)
        .await
        .unwrap();
    let counted = app::ssr::services::tallies::read(&restored.db, &cid)
        .await
        .unwrap();
    assert_eq!(kept.table("", "").total(), n as u64);
    assert_eq!(kept, counted);
    // The restored server knows the private links (the secret was kept)
    // and that a respondent acknowledged before the backup has submitted.
    let again = open_link(&restored, &links["p0@x.example"]).await;
    let res = again
        .post(restored.url("/respond/all"))
        .form(&fields(0))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409, "already submitted, in the backup too");
    restored.stop().await;
    s.stop().await;
}

/// A backup never overwrites: an existing file is refused by name and left
/// as it was; nothing is written for a database that is not there. On
/// PostgreSQL the command refuses, naming pg_dump and pg_restore, and
/// writes nothing.
#[tokio::test]
async fn a_backup_refuses_an_existing_file_and_postgres() {
    let s = TestServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    let url = s.vars["DATABASE_URL"].clone();
    if engine() != "sqlite" {
        let to = dir.path().join("consulta.db");
        let e = backup::run(&url, &to).await.unwrap_err();
        assert!(matches!(e, BackupError::Postgres), "{e}");
        let msg = e.to_string();
        assert!(msg.contains("pg_dump --format=custom") && msg.contains("pg_restore"));
        let e = backup::into(&s.db, &to).await.unwrap_err();
        assert!(matches!(e, BackupError::Postgres), "{e}");
        assert!(!to.exists());
        s.stop().await;
        return;
    }
    let existing = dir.path().join("monday.db");
    std::fs::write(&existing, b"Monday's backup, to be kept").unwrap();
    let e = backup::run(&url, &existing).await.unwrap_err();
    assert!(matches!(e, BackupError::Exists(_)), "{e}");
    let msg = e.to_string();
    assert!(
        msg.contains(&existing.display().to_string()) && msg.contains("already exists"),
        "{msg}"
    );
    assert_eq!(
        std::fs::read(&existing).unwrap(),
        b"Monday's backup, to be kept"
    );
    // An empty file is still a file someone made: refused too.
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    assert!(matches!(
        backup::run(&url, &empty).await,
        Err(BackupError::Exists(_))
    ));
    assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0);
    // No database at DATABASE_URL: refused, nothing created either side.
    let missing = dir.path().join("nowhere/consulta.db");
    let to = dir.path().join("new.db");
    let e = backup::run(&format!("sqlite://{}", missing.display()), &to)
        .await
        .unwrap_err();
    assert!(matches!(e, BackupError::NoDatabase(_)), "{e}");
    assert!(!missing.exists() && !to.exists());
    // Missing folders are created.
    let nested = dir.path().join("a/b/new.db");
    let written = backup::run(&url, &nested).await.unwrap();
    assert_eq!(written.path, nested);
    assert!(
        std::fs::read(&nested)
            .unwrap()
            .starts_with(b"SQLite format 3\0")
    );
    s.stop().await;
}
