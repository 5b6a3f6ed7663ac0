//! The private link's token, a response's id and its locator appear in no
//! log line: the request log names the route template, never the raw path,
//! and no query is logged with its values. The check installs the process's
//! log subscriber, so it runs alone, in a child process of this test binary
//! (the other tests' servers would log into it, and it into theirs).

use sea_orm::ConnectionTrait;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tests::*;

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn the_token_is_in_no_log_line() {
    let name = "invitation_logs::the_token_is_in_no_log_line_alone";
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([name, "--exact", "--ignored", "--test-threads=1"])
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("test result: ok. 1 passed"),
        "the check ran: {stdout}"
    );
}

#[tokio::test]
#[ignore = "run in a process of its own by the_token_is_in_no_log_line"]
async fn the_token_is_in_no_log_line_alone() {
    let logs = Captured::default();
    let writer = logs.clone();
    tracing_subscriber::fmt()
        // Everything the server logs, at every level; not the test's own
        // HTTP client (its cookie store logs the cookies it keeps).
        .with_env_filter(tracing_subscriber::EnvFilter::new(
            "trace,cookie_store=off,reqwest=off",
        ))
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .init();
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let res = c
        .post(s.url("/contacts"))
        .form(&[
            ("party", "CL"),
            ("name", "Ignacio Muñoz"),
            ("email", "im@cl.example"),
            ("role", "scientific"),
            ("lang", "es"),
            ("active", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let id = open_consultation(&c, &s, "framework-ideas-19-40", "2099-01-01T00:00").await;
    let base = format!("/consultations/{id}");
    let version = invitations_version(&c, &s, &id).await;
    post_with_version(
        &c,
        &s,
        &format!("{base}/invitations"),
        &[("who", "all")],
        &version,
    )
    .await;
    let outbox = s.vars["MAIL_URL"].trim_start_matches("file://").to_string();
    let eml = first_eml(&outbox, Duration::from_secs(20)).await;
    let text = tests::smtp::decode(&eml).text.unwrap();
    let i = text.find("/i/").unwrap();
    let token = text[i + 3..i + 3 + 64].to_string();
    let invitee = s.client();
    assert_eq!(
        invitee
            .get(s.url(&format!("/i/{token}")))
            .send()
            .await
            .unwrap()
            .status(),
        303
    );
    assert_eq!(
        invitee
            .get(s.url("/respond"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    // Answer and submit: neither the response's id nor its locator is logged.
    let survey = app::domain::survey::templates::find("framework-ideas-19-40")
        .unwrap()
        .survey();
    answer_everything(&invitee, &s, &survey, "provides").await;
    assert_eq!(submit(&invitee, &s).await.status(), 303);
    let rows =
        s.db.query_all_raw(sea_orm::Statement::from_string(
            s.db.get_database_backend(),
            "SELECT id, locator FROM response".to_string(),
        ))
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    let response_id: String = rows[0].try_get("", "id").unwrap();
    let locator: String = rows[0].try_get("", "locator").unwrap();
    // A near miss, too.
    // (The last digit changed: a fixed `0` was the token itself one time in 16.)
    let last = if token.ends_with('0') { '1' } else { '0' };
    let wrong = format!("{}{last}", &token[..63]);
    assert_eq!(
        s.client()
            .get(s.url(&format!("/i/{wrong}")))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    s.stop().await;
    let logs = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("/i/{token}"),
        "the request log was captured: {logs}"
    );
    for line in logs.lines().filter(|l| l.contains(&token)) {
        eprintln!("LEAK: {}", &line[..line.len().min(400)]);
    }
    assert!(!logs.contains(&token), "the token is in a log line");
    assert!(
        logs.contains("/respond/submit"),
        "the submission was logged"
    );
    assert!(
        !logs.contains(&response_id),
        "a response id is in a log line"
    );
    assert!(
        !logs.contains(&locator),
        "a response locator is in a log line"
    );
    assert!(!logs.contains(&wrong), "a guessed token is in a log line");
}
