//! The physical order of rows (PostgreSQL; `app::ssr::services::row_order`):
//! left alone, a dump lists responses in the order they were submitted; the
//! pass puts them back in key order (and each invitation page's rows)
//! without stopping anyone — it takes no lock a reader holds, and while it
//! moves a consultation's responses the writers of that consultation wait
//! for one chunk at most, readers not at all. A submission racing a close
//! is either counted before it or refused after it. On SQLite the same
//! load runs and the rows are in key order by construction.

use super::backups::{marker, survey};
use super::crash::{client, consistent, listed, settled, settled_order, submit_as};
use app::ssr::services::row_order::{self, Table};
use reqwest::Client;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement, TransactionTrait};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;
use tests::*;

/// Outbox rows still to be delivered.
pub(super) const UNSENT: &str = "SELECT COUNT(*) FROM outbox WHERE status IN ('queued', 'sending')";

/// A consultation open to `n` invitees (`p{i}@order.example`, Parties in
/// turn); its id, each invitee's respondent number by address, and each
/// respondent's private-link token.
async fn invited(
    s: &TestServer,
    c: &Client,
    n: usize,
) -> (String, HashMap<String, usize>, Arc<Vec<String>>) {
    let parties = ["KE", "MG", "BO", "FR", "JP", "CA", "FJ", "BR", "SN", "DE"];
    for (i, party) in parties.iter().cycle().take(n).enumerate() {
        let email = format!("p{i}@order.example");
        add_contact(c, s, party, &email, &email, "en").await;
    }
    let id = open_imported(c, s, &survey(), "2099-06-30T12:00").await;
    invite(c, s, &id, &[("who", "all")]).await;
    // Every invitation e-mail sent (each marks its invitation): no write
    // but the respondents' comes to the invitations afterwards.
    wait_for_count(s, UNSENT, 0, Duration::from_secs(60)).await;
    let links = derived_links(s, &id).await;
    let emails = (0..n).map(|i| (format!("p{i}@order.example"), i)).collect();
    let tokens = (0..n)
        .map(|i| {
            links[&format!("p{i}@order.example")]
                .trim_start_matches("/i/")
                .to_string()
        })
        .collect();
    (id, emails, Arc::new(tokens))
}

/// PostgreSQL: the respondents of the responses on each heap page, in
/// heap order.
async fn by_page(db: &DatabaseConnection, n: usize) -> Vec<(i64, Vec<usize>)> {
    let by_marker: HashMap<String, usize> = (0..n).map(|i| (marker(i), i)).collect();
    let mut pages: Vec<(i64, Vec<usize>)> = Vec::new();
    for r in db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT (ctid::text::point)[0]::bigint AS page, submitted FROM response ORDER BY ctid",
        ))
        .await
        .unwrap()
    {
        let page: i64 = r.try_get("", "page").unwrap();
        let json: String = r.try_get("", "submitted").unwrap();
        let i = by_marker
            .iter()
            .find(|(m, _)| json.contains(&format!("\"{m}\"")))
            .map(|(_, i)| *i)
            .unwrap();
        match pages.last_mut() {
            Some((p, on_page)) if *p == page => on_page.push(i),
            _ => pages.push((page, vec![i])),
        }
    }
    pages
}

/// GET /respond as the invitee holding `token`: its status.
async fn read_as(http: &Client, base: &str, token: &str) -> u16 {
    http.get(format!("{base}/respond"))
        .header("cookie", format!("consulta_invite={token}"))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn the_pass_puts_rows_in_key_order_while_respondents_read_and_submit() {
    const FIRST: usize = 40;
    const MORE: usize = 20;
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let (id, emails, tokens) = invited(&s, &c, FIRST + MORE).await;
    let http = client();
    // One after another: the order of submissions is 0, 1, 2…
    for i in 0..FIRST {
        assert_eq!(submit_as(&http, &s.base, &tokens[i], i).await, Ok(303));
    }
    let postgres = s.db.get_database_backend() == sea_orm::DatabaseBackend::Postgres;
    // Still due after the listing: housekeeping (once a minute) has not
    // started its pass since the submissions.
    if postgres {
        let by_page = by_page(&s.db, FIRST + MORE).await;
        if s.state().reshuffle.is_due() {
            // Each connection of the server's pool fills a page of its own,
            // so pages interleave; on each, the order of submission.
            for (page, on_page) in &by_page {
                assert!(
                    on_page.is_sorted(),
                    "left alone, page {page} lists its responses in the order of submission: {on_page:?}"
                );
            }
            for table in [Table::Response, Table::Invitation] {
                assert!(
                    row_order::descents(&s.db, table, &id).await.unwrap() > 0,
                    "left alone, {table:?} rows are out of key order"
                );
            }
        } else {
            eprintln!("note: housekeeping settled the rows before the test listed them");
        }
    }

    // A reader's transaction holds its lock on both tables (as every
    // respondent's request does while it reads): CLUSTER would wait for it.
    let reader = s.db.begin().await.unwrap();
    for table in ["invitation", "response"] {
        reader
            .query_one_raw(Statement::from_string(
                reader.get_database_backend(),
                format!("SELECT COUNT(*) FROM {table}"),
            ))
            .await
            .unwrap();
    }
    // Respondents keep reading, and others submit, while passes run.
    let stop = Arc::new(AtomicBool::new(false));
    let reads = Arc::new(AtomicUsize::new(0));
    let mut readers = Vec::new();
    for r in 0..4 {
        let (base, tokens, stop, reads, http) = (
            s.base.clone(),
            tokens.clone(),
            stop.clone(),
            reads.clone(),
            http.clone(),
        );
        readers.push(tokio::spawn(async move {
            while !stop.load(Ordering::SeqCst) {
                assert_eq!(read_as(&http, &base, &tokens[r]).await, 200);
                reads.fetch_add(1, Ordering::SeqCst);
            }
        }));
    }
    let finished = Arc::new(AtomicUsize::new(0));
    let mut writers = Vec::new();
    for lane in 0..2 {
        let (base, tokens, finished, http) = (
            s.base.clone(),
            tokens.clone(),
            finished.clone(),
            http.clone(),
        );
        writers.push(tokio::spawn(async move {
            for i in (FIRST + lane..FIRST + MORE).step_by(2) {
                assert_eq!(submit_as(&http, &base, &tokens[i], i).await, Ok(303));
            }
            finished.fetch_add(1, Ordering::SeqCst);
        }));
    }
    let (mut passes, mut moved, mut pages) = (0, 0, 0);
    loop {
        let done = tokio::time::timeout(Duration::from_secs(120), row_order::settle(&s.db))
            .await
            .expect("the pass takes no lock that a reader's transaction holds")
            .unwrap();
        passes += 1;
        moved += done.responses;
        pages += done.invitation_pages;
        if finished.load(Ordering::SeqCst) == 2 {
            break;
        }
        // Pacing only (on SQLite a pass returns at once): lets the
        // respondents' tasks run between passes.
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    for w in writers {
        w.await.unwrap();
    }
    stop.store(true, Ordering::SeqCst);
    for r in readers {
        r.await.unwrap();
    }
    reader.commit().await.unwrap();
    eprintln!(
        "{}: {passes} passes moved {moved} responses and rewrote {pages} invitation pages \
         while {} reads and {MORE} submissions went through",
        engine(),
        reads.load(Ordering::SeqCst)
    );

    // Again, with nobody writing: every row where the pass puts it.
    settled(&s.db).await;
    settled_order(&s.db, &id, FIRST + MORE).await;
    // Nothing lost, nothing partial, and the tallies as kept equal a recount.
    let all = consistent(&s.db, &id, &emails).await;
    assert_eq!(all, (0..FIRST + MORE).collect::<Vec<_>>());
    s.stop().await;
}

/// Advisory locks this test's database is waiting for.
async fn waiting(s: &TestServer) -> i64 {
    count(
        s,
        "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted \
         AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
    )
    .await
}

#[tokio::test]
async fn a_chunk_holds_up_writers_and_the_close_but_no_reader() {
    if engine() != "postgres" {
        eprintln!("note: SQLite keeps rows in key order without a pass; skipped");
        return;
    }
    const N: usize = 7;
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let (id, _, tokens) = invited(&s, &c, N).await;
    let http = client();
    for i in 0..5 {
        assert_eq!(submit_as(&http, &s.base, &tokens[i], i).await, Ok(303));
    }
    let other = s.start_sharing(&[]).await;

    // A chunk of the pass, as it holds the consultation.
    let chunk = s.db.begin().await.unwrap();
    row_order::hold_exclusive(&chunk, &id).await.unwrap();
    let within = Duration::from_secs(30);
    // Respondent 5 submits: the writer waits.
    let five = {
        let (http, base, token) = (http.clone(), s.base.clone(), tokens[5].clone());
        tokio::spawn(async move { submit_as(&http, &base, &token, 5).await })
    };
    wait_until("the writer to wait for the chunk", within, async || {
        waiting(&s).await == 1
    })
    .await;
    // Readers do not wait.
    for token in tokens.iter() {
        assert_eq!(read_as(&http, &s.base, token).await, 200);
    }
    // The Secretariat closes: the close waits, after the writer.
    let version = version_on(&c, &s, &format!("/consultations/{id}")).await;
    let close = {
        let (c, url) = (c.clone(), s.url(&format!("/consultations/{id}/state")));
        tokio::spawn(async move {
            c.post(url)
                .form(&[("to", "closed"), ("version", version.as_str())])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        })
    };
    wait_until("the close to wait too", within, async || {
        waiting(&s).await == 2
    })
    .await;
    // Respondent 6 submits through another instance, after the close began.
    let six = {
        let (http, base, token) = (http.clone(), other.base.clone(), tokens[6].clone());
        tokio::spawn(async move { submit_as(&http, &base, &token, 6).await })
    };
    wait_until("the other writer to wait as well", within, async || {
        waiting(&s).await == 3
    })
    .await;
    chunk.commit().await.unwrap();
    assert_eq!(
        five.await.unwrap(),
        Ok(303),
        "the submission under way commits first"
    );
    assert_eq!(close.await.unwrap(), 303, "then the close");
    assert_eq!(
        six.await.unwrap(),
        Ok(410),
        "and a submission after it finds the consultation closed"
    );
    // Respondent 5 is counted and sealed with the rest; 6 left nothing.
    let mut kept = listed(&s.db, N).await;
    kept.sort();
    assert_eq!(kept, (0..6).collect::<Vec<_>>());
    // The close moved the responses in key order: none keeps the place
    // its submission gave it (0 to 5 were submitted with no pass between).
    assert_eq!(row_order::unsettled(&s.db, &id).await.unwrap(), 0);
    assert_eq!(
        row_order::descents(&s.db, Table::Response, &id)
            .await
            .unwrap(),
        0
    );
    for (sql, n) in [
        ("SELECT COUNT(*) FROM response WHERE locator IS NOT NULL", 0),
        ("SELECT COUNT(*) FROM invitation WHERE submitted", 0),
        ("SELECT COUNT(*) FROM tally", 0),
        ("SELECT COALESCE(SUM(submissions), 0) FROM response_day", 6),
    ] {
        assert_eq!(count(&s, sql).await, n, "{sql}");
    }
    other.stop().await;
    s.stop().await;
}
