//! A crash under load: the real server binary, as a process of its own on
//! the engine under test (a SQLite file, or a PostgreSQL database), takes
//! concurrent submissions and is killed with SIGKILL while they arrive;
//! started again, it holds every submission a respondent saw acknowledged,
//! each complete, and nothing partial: a response is there whole or not at
//! all, an invitation is marked submitted exactly when its response is
//! there, the day counts add up to the responses, the tallies equal a
//! recount, and (PostgreSQL) the rows are back in key order. Everyone not
//! stored then submits again and is taken; everyone stored is told so.
//!
//! The server binary is the one built beside this test binary
//! (`target/debug/server`, or `CONSULTA_SERVER_BIN`): `cargo test` of the
//! whole selection (`scripts/test.sh`) builds it, `cargo test … --test it`
//! alone does not, so run `cargo build "${host[@]}" --tests` first; a
//! binary older than the sources it is built from fails the test rather
//! than test old code.

use super::backups::{fields, marker, survey};
use app::domain::survey::answers::{Answer, Answers};
use app::ssr::services::row_order::{self, Table};
use app::ssr::services::tallies;
use reqwest::Client;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};
use tests::*;

/// Invitees, each submitting once through the one-page form.
const RESPONDENTS: usize = 120;
/// Clients submitting at once.
const LANES: usize = 12;
/// Submissions acknowledged before the kill.
const BEFORE_KILL: usize = 40;

/// The server binary to run: `CONSULTA_SERVER_BIN`, or the one cargo built
/// beside this test binary (`…/debug/deps/it-…` → `…/debug/server`),
/// provided it is newer than every source it is built from.
pub(super) fn server_bin() -> PathBuf {
    if let Some(bin) = std::env::var_os("CONSULTA_SERVER_BIN") {
        return bin.into();
    }
    let exe = std::env::current_exe().unwrap();
    let bin = exe
        .parent()
        .and_then(Path::parent)
        .expect("the test binary is in target/<profile>/deps")
        .join("server");
    let build = "cargo build \"${host[@]}\" --tests (after `source scripts/env.sh`)";
    let built = std::fs::metadata(&bin)
        .and_then(|m| m.modified())
        .unwrap_or_else(|_| panic!("{} is missing: {build}", bin.display()));
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    for part in ["app", "server", "migrations", "locales"] {
        let (newest, file) = newest(&root.join(part));
        assert!(
            newest <= built,
            "{} is older than {}: {build}",
            bin.display(),
            file.display()
        );
    }
    bin
}

/// The newest modification time of the sources under `path` (Rust, Fluent
/// and the reference data: what the binary is made of; a manifest may change
/// without changing it, e.g. a dev-dependency), and that file.
fn newest(path: &Path) -> (SystemTime, PathBuf) {
    let mut best = (SystemTime::UNIX_EPOCH, path.to_path_buf());
    for entry in std::fs::read_dir(path).unwrap() {
        let path = entry.unwrap().path();
        let found = if path.is_dir() {
            newest(&path)
        } else if path
            .extension()
            .is_some_and(|e| e == "rs" || e == "ftl" || e == "csv")
        {
            (std::fs::metadata(&path).unwrap().modified().unwrap(), path)
        } else {
            continue;
        };
        if found.0 > best.0 {
            best = found;
        }
    }
    best
}

/// The server running as a child process.
pub(super) struct Child {
    process: std::process::Child,
    pub(super) base: String,
}

impl Child {
    /// Starts the server binary with `vars` as its whole environment (its
    /// log goes to `log`), and waits until it says where it listens.
    pub(super) async fn start(vars: &HashMap<String, String>, log: &Path) -> Child {
        let mut process = std::process::Command::new(server_bin())
            .arg("serve")
            .env_clear()
            .envs(vars)
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::piped())
            .stderr(std::fs::File::create(log).unwrap())
            .spawn()
            .expect("the server binary starts");
        let stdout = process.stdout.take().unwrap();
        let (tx, rx) = tokio::sync::oneshot::channel();
        // Reads what it prints until it ends (a full pipe would stop it).
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
            .unwrap_or_else(|| {
                panic!(
                    "the server did not say it listens: {}",
                    std::fs::read_to_string(log).unwrap_or_default()
                )
            });
        Child { process, base }
    }

    /// SIGKILL: no shutdown, no flush, no goodbye.
    pub(super) fn kill(mut self) {
        self.process.kill().expect("SIGKILL");
        self.process.wait().unwrap();
    }
}

impl Drop for Child {
    /// A test that fails leaves no server running (killed already: nothing).
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// A client for invitees: each request carries its invitee's private-link
/// cookie (`submit_as`), so it works on whichever server is running.
pub(super) fn client() -> Client {
    Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

/// How one submission went, as its client saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Seen {
    /// 303 to the "thank you" page.
    Acknowledged,
    /// Sent, and no answer came (the server died under it).
    Lost,
    /// Not sent: the server was already gone.
    NotSent,
}

/// Submits respondent `i`'s answers through the one-page form, as the
/// invitee holding `token`; the status, or why no answer came.
pub(super) async fn submit_as(
    http: &Client,
    base: &str,
    token: &str,
    i: usize,
) -> Result<u16, String> {
    let res = http
        .post(format!("{base}/respond/all"))
        .header("cookie", format!("consulta_invite={token}"))
        .form(&fields(i))
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let status = res.status().as_u16();
    if status == 303 {
        assert_eq!(location(&res), "/respond/done", "respondent {i}");
    }
    Ok(status)
}

/// The respondents (below `n`) of the responses as a dump lists them (no
/// `ORDER BY`: the table's own order).
pub(super) async fn listed(db: &DatabaseConnection, n: usize) -> Vec<usize> {
    let by_marker: HashMap<String, usize> = (0..n).map(|i| (marker(i), i)).collect();
    db.query_all_raw(Statement::from_string(
        db.get_database_backend(),
        "SELECT submitted FROM response",
    ))
    .await
    .unwrap()
    .iter()
    .map(|r| {
        let json: String = r.try_get("", "submitted").unwrap();
        let (_, i) = by_marker
            .iter()
            .find(|(m, _)| json.contains(&format!("\"{m}\"")))
            .expect("a response of a known respondent");
        *i
    })
    .collect()
}

/// The share of pairs of responses that a dump lists in the order of their
/// respondents' numbers (the order they submitted in, or near it): about 1
/// when the rows follow submissions, about ½ when their order has nothing
/// to do with them.
fn in_order_share(order: &[usize]) -> f64 {
    let (mut pairs, mut in_order) = (0u64, 0u64);
    for (a, x) in order.iter().enumerate() {
        for y in &order[a + 1..] {
            pairs += 1;
            in_order += u64::from(x < y);
        }
    }
    in_order as f64 / pairs.max(1) as f64
}

/// `consultation`'s rows (`n` respondents) are where the row-order pass
/// leaves them: every response last written by it, chunk after chunk in
/// key order (PostgreSQL; SQLite keeps them in key order), so that a dump
/// lists them in an order unrelated to submissions — with a random key
/// order, between 0.2 and 0.8 of the pairs in submission order, where rows
/// left alone give nearly all; invitations in key order on each page.
pub(super) async fn settled_order(db: &DatabaseConnection, consultation: &str, n: usize) {
    assert_eq!(
        row_order::unsettled(db, consultation).await.unwrap(),
        0,
        "responses of {consultation} written since the pass"
    );
    assert_eq!(
        row_order::descents(db, Table::Invitation, consultation)
            .await
            .unwrap(),
        0,
        "invitation rows of {consultation} out of key order on their page"
    );
    let order = listed(db, n).await;
    if order.len() >= 20 {
        let share = in_order_share(&order);
        assert!(
            (0.2..=0.8).contains(&share),
            "a dump lists the responses nearly in submission order ({share:.2} of pairs): {order:?}"
        );
    }
}

/// Runs the row-order pass (as housekeeping does every minute while it is
/// due) until it leaves nothing out of order: a page whose rows a writer
/// held, or that the heap pruned under it, waits for a later pass.
pub(super) async fn settled(db: &DatabaseConnection) {
    wait_until(
        "the row-order pass to leave nothing out of order",
        Duration::from_secs(60),
        async || row_order::settle(db).await.unwrap().left == 0,
    )
    .await;
}

/// What respondent `i`'s stored response must be: the answers `fields(i)`
/// sends, and the status.
fn expected(i: usize) -> (Answers, String) {
    let abc = ["a", "b", "c"];
    let support = ["provides", "receives", "both", "neither"];
    let answers: Answers = [
        ("choice", Answer::Choice(abc[i % 3].into())),
        ("multi", Answer::Choices(vec![abc[(i + 1) % 3].into()])),
        ("scale", Answer::Choice((i % 4).to_string())),
        ("num", Answer::Number(i.to_string())),
        ("note", Answer::Text(marker(i))),
    ]
    .into_iter()
    .map(|(q, a)| (q.to_string(), a))
    .collect();
    (answers, support[i % 4].to_string())
}

async fn one(db: &DatabaseConnection, sql: &str) -> i64 {
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap()
}

/// Every response stored, each checked whole: submitted, answers and status
/// exactly respondent `i`'s (`i` below `n`). Returns the respondents stored.
async fn stored(db: &DatabaseConnection, n: usize) -> Vec<usize> {
    let by_marker: HashMap<String, usize> = (0..n).map(|i| (marker(i), i)).collect();
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT stage, answers, submitted, submitted_support, support FROM response",
        ))
        .await
        .unwrap();
    let mut found = Vec::new();
    for r in rows {
        let stage: String = r.try_get("", "stage").unwrap();
        let submitted: Option<String> = r.try_get("", "submitted").unwrap();
        let Some(json) = submitted else {
            panic!("a response that is not submitted (stage {stage}): nothing saves drafts here")
        };
        assert_eq!(stage, "submitted");
        let answers: Answers = serde_json::from_str(&json).expect("stored answers read");
        let Some(Answer::Text(note)) = answers.get("note") else {
            panic!("a response without its note: {json}");
        };
        let i = by_marker[note];
        let (want, support) = expected(i);
        assert_eq!(answers, want, "respondent {i}'s answers, whole");
        let as_draft: Option<String> = r.try_get("", "answers").unwrap();
        assert_eq!(as_draft.as_deref(), Some(json.as_str()));
        for col in ["submitted_support", "support"] {
            let s: Option<String> = r.try_get("", col).unwrap();
            assert_eq!(
                s.as_deref(),
                Some(support.as_str()),
                "{col} of respondent {i}"
            );
        }
        assert!(!found.contains(&i), "respondent {i} stored twice");
        found.push(i);
    }
    found.sort();
    found
}

/// Nothing partial: every stored response is whole ([`stored`]); an
/// invitation is marked submitted exactly when its respondent's response is
/// stored (`emails`: each invitee's respondent number); the day counts add
/// up to the responses; the tallies as kept equal a recount from the
/// responses (`tallies::rebuild`, the repair). Returns the respondents
/// stored.
pub(super) async fn consistent(
    db: &DatabaseConnection,
    consultation: &str,
    emails: &HashMap<String, usize>,
) -> Vec<usize> {
    let found = stored(db, emails.len()).await;
    let marked = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT c.email, i.submitted FROM invitation i JOIN contact c ON c.id = i.contact_id",
        ))
        .await
        .unwrap();
    assert_eq!(marked.len(), emails.len());
    for r in marked {
        let email: String = r.try_get("", "email").unwrap();
        let submitted: bool = r.try_get("", "submitted").unwrap();
        let i = emails[&email];
        assert_eq!(
            submitted,
            found.contains(&i),
            "respondent {i}'s invitation is marked submitted exactly when the response is there"
        );
    }
    let n = found.len() as i64;
    assert_eq!(
        one(db, "SELECT COALESCE(SUM(submissions), 0) FROM response_day").await,
        n,
        "the day counts add up to the responses"
    );
    let cid = app::domain::ids::ConsultationId::parse(consultation).unwrap();
    let kept = tallies::read(db, &cid).await.unwrap();
    assert_eq!(kept.table("", "").total(), n as u64);
    tallies::rebuild(db, &cid, &survey()).await.unwrap();
    assert_eq!(
        kept,
        tallies::read(db, &cid).await.unwrap(),
        "the tallies as kept equal a recount"
    );
    found
}

#[tokio::test]
async fn a_server_killed_under_submissions_loses_nothing_it_acknowledged() {
    let bin = server_bin();
    // Set up in process: the Secretariat, the consultation, the invitations.
    let mut s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let parties = ["KE", "MG", "BO", "FR", "JP", "CA", "FJ", "BR", "SN", "DE"];
    for (i, party) in parties.iter().cycle().take(RESPONDENTS).enumerate() {
        let email = format!("p{i}@crash.example");
        add_contact(&c, &s, party, &email, &email, "en").await;
    }
    let id = open_imported(&c, &s, &survey(), "2099-06-30T12:00").await;
    invite(&c, &s, &id, &[("who", "all")]).await;
    let links = derived_links(&s, &id).await;
    let emails: HashMap<String, usize> = (0..RESPONDENTS)
        .map(|i| (format!("p{i}@crash.example"), i))
        .collect();
    let tokens: Arc<Vec<String>> = Arc::new(
        (0..RESPONDENTS)
            .map(|i| {
                links[&format!("p{i}@crash.example")]
                    .trim_start_matches("/i/")
                    .to_string()
            })
            .collect(),
    );
    // Every invitation e-mail sent (each marks its invitation), then the
    // real binary takes over the database.
    wait_for_count(&s, super::row_order::UNSENT, 0, Duration::from_secs(60)).await;
    s.hand_over().await;
    let logs = tempfile::tempdir().unwrap();
    eprintln!(
        "server binary {}; logs in {}",
        bin.display(),
        logs.path().display()
    );
    let server = Child::start(&s.vars, &logs.path().join("first.log")).await;

    // Lanes of clients, each submitting its respondents one after another.
    let acknowledged = Arc::new(AtomicUsize::new(0));
    let mut lanes = Vec::new();
    for lane in 0..LANES {
        let (base, tokens, acknowledged) =
            (server.base.clone(), tokens.clone(), acknowledged.clone());
        lanes.push(tokio::spawn(async move {
            let http = client();
            let mut seen = Vec::new();
            let mut gone = false;
            for i in (lane..RESPONDENTS).step_by(LANES) {
                if gone {
                    seen.push((i, Seen::NotSent));
                    continue;
                }
                match submit_as(&http, &base, &tokens[i], i).await {
                    Ok(303) => {
                        acknowledged.fetch_add(1, Ordering::SeqCst);
                        seen.push((i, Seen::Acknowledged));
                    }
                    Ok(status) => panic!("respondent {i}: {status} before the kill"),
                    Err(_) => {
                        seen.push((i, Seen::Lost));
                        gone = true;
                    }
                }
            }
            seen
        }));
    }
    wait_until(
        &format!("{BEFORE_KILL} acknowledged submissions"),
        Duration::from_secs(120),
        async || acknowledged.load(Ordering::SeqCst) >= BEFORE_KILL,
    )
    .await;
    server.kill();
    let mut seen: BTreeMap<usize, Seen> = BTreeMap::new();
    for lane in lanes {
        seen.extend(lane.await.unwrap());
    }
    let acked: Vec<usize> = seen
        .iter()
        .filter(|(_, s)| **s == Seen::Acknowledged)
        .map(|(i, _)| *i)
        .collect();
    let lost = seen.values().filter(|s| **s == Seen::Lost).count();
    assert!(acked.len() >= BEFORE_KILL);
    assert!(acked.len() < RESPONDENTS, "killed before the end");

    // Started again on what the killed server left.
    let server = Child::start(&s.vars, &logs.path().join("second.log")).await;
    let db = app::ssr::db::connect(&s.vars["DATABASE_URL"], app::ssr::db::DEFAULT_WAIT)
        .await
        .unwrap();
    let found = consistent(&db, &id, &emails).await;
    // The server settles the rows as it starts.
    settled_order(&db, &id, RESPONDENTS).await;
    for i in &acked {
        assert!(
            found.contains(i),
            "respondent {i} was acknowledged before the kill: stored"
        );
    }
    eprintln!(
        "{engine}: {} acknowledged before SIGKILL, {lost} sent and unanswered, {} stored after the restart",
        acked.len(),
        found.len(),
        engine = engine()
    );

    // Everyone submits again: taken if not stored, told so if stored.
    let http = client();
    for i in 0..RESPONDENTS {
        let status = submit_as(&http, &server.base, &tokens[i], i).await.unwrap();
        let want = if found.contains(&i) { 409 } else { 303 };
        assert_eq!(status, want, "respondent {i} after the restart");
    }
    let all = consistent(&db, &id, &emails).await;
    assert_eq!(all, (0..RESPONDENTS).collect::<Vec<_>>());
    // Housekeeping's pass, run here instead of waiting for its minute.
    settled(&db).await;
    settled_order(&db, &id, RESPONDENTS).await;
    db.close().await.ok();
    server.kill();
    s.stop().await;
}
