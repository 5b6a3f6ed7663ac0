//! What a server keeps in memory is its own: two servers in one process
//! (as in these tests) share no cache, mark or writer, and a stopped server
//! has ended its background tasks — on SQLite and PostgreSQL.

use app::domain::survey::{Decision, QuestionKind, Respondents, Section, Survey, Text};
use tests::*;

fn one_question() -> Survey {
    Survey {
        title: t("State"),
        introduction: t("Introduction"),
        closing: Text::default(),
        decision: Decision::D19_40,
        respondents: Some(Respondents::PerInvitee),
        allow_changes: false,
        constituencies: vec![],
        sections: vec![Section {
            id: "s1".into(),
            title: t("Only"),
            introduction: Text::default(),
            questions: vec![question(
                "pick",
                QuestionKind::SingleChoice {
                    options: choices(&["a", "b"]),
                    other: false,
                },
            )],
        }],
    }
}

/// A site root whose stylesheet holds `css`.
fn site_with(css: &str) -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("pkg")).unwrap();
    std::fs::write(site.path().join("pkg/consulta.css"), css).unwrap();
    site
}

#[tokio::test]
async fn two_servers_in_one_process_share_no_state() {
    let (site_a, site_b) = (site_with("body{margin:0}"), site_with("body{margin:1px}"));
    let a = TestServer::start_with(&[("LEPTOS_SITE_ROOT", site_a.path().to_str().unwrap())]).await;
    let b = TestServer::start_with(&[("LEPTOS_SITE_ROOT", site_b.path().to_str().unwrap())]).await;

    // A submission on a.
    let c = a.signed_in(SECRETARIAT_EMAIL).await;
    add_contact(&c, &a, "MG", "Ravo", "ravo@mg.example", "fr").await;
    let survey = one_question();
    let id = open_imported(&c, &a, &survey, "2099-06-30T12:00").await;
    invite(&c, &a, &id, &[("who", "all")]).await;
    let links = outbox_links(&a, 1).await;
    let ravo = open_link(&a, &links["ravo@mg.example"]).await;
    answer_everything(&ravo, &a, &survey, "receives").await;
    assert_eq!(submit(&ravo, &a).await.status(), 303);
    let (state_a, state_b) = (a.state(), b.state());
    // Checked right after the submission: a's housekeeping (on PostgreSQL)
    // clears a's mark only at its next minute.
    assert!(state_a.reshuffle.is_due(), "a wrote a submission");
    assert!(!state_b.reshuffle.is_due(), "b wrote nothing");
    assert_eq!(
        state_a.surveys.len(),
        1,
        "a parsed the survey its respondent answered"
    );
    assert!(state_b.surveys.is_empty(), "b parsed none");

    // Each serves its own files' hashes: an address current on one is not on the other.
    let version_a = state_a.asset_versions["consulta.css"].clone();
    assert_ne!(version_a, state_b.asset_versions["consulta.css"]);
    let href = format!("/pkg/consulta.css?v={version_a}");
    let on_a = a.client().get(a.url(&href)).send().await.unwrap();
    assert_eq!(
        on_a.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let on_b = b.client().get(b.url(&href)).send().await.unwrap();
    assert_eq!(on_b.headers()["cache-control"], "no-cache");

    // Stopping a stops a's tasks, not b's: b still takes and writes answers.
    a.stop().await;
    assert!(state_a.shutdown.is_triggered());
    assert!(!state_a.responses.is_running());
    assert!(!state_b.shutdown.is_triggered());
    assert!(state_b.responses.is_running());
    let c = b.signed_in(SECRETARIAT_EMAIL).await;
    add_contact(&c, &b, "MG", "Ravo", "ravo@mg.example", "fr").await;
    let id = open_imported(&c, &b, &survey, "2099-06-30T12:00").await;
    invite(&c, &b, &id, &[("who", "all")]).await;
    let links = outbox_links(&b, 1).await;
    let ravo = open_link(&b, &links["ravo@mg.example"]).await;
    answer_everything(&ravo, &b, &survey, "provides").await;
    assert_eq!(submit(&ravo, &b).await.status(), 303);
    assert_eq!(count(&b, "SELECT COUNT(*) FROM response").await, 1);
    assert!(state_b.reshuffle.is_due());
    b.stop().await;
}

#[tokio::test]
async fn a_stopped_server_has_ended_its_background_tasks() {
    let s = TestServer::start().await;
    let state = s.state();
    assert_eq!(
        state.shutdown.listeners(),
        4,
        "the submissions writer, the outbox worker, housekeeping and the memory trimming listen"
    );
    assert!(state.responses.is_running());
    // On PostgreSQL, the database drops without FORCE: no task holds a connection.
    s.stop_unforced()
        .await
        .expect("no connection to the database is left");
    assert!(state.shutdown.is_triggered());
    assert_eq!(state.shutdown.listeners(), 0, "every task has ended");
    assert!(!state.responses.is_running(), "the writer has ended");
}
