//! The review's repairs: no lost update, malformed requests change nothing,
//! crafted ids answer 4xx, and one declared access table decides for every
//! endpoint. On SQLite and PostgreSQL alike.

use app::web::access::Rule;
use app::web::routes;
use reqwest::Method;
use sea_orm::{ConnectionTrait, Statement};
use tests::*;

fn texts(title_en: &str, title_es: &str) -> Vec<(&'static str, String)> {
    vec![
        ("title_en", title_en.into()),
        ("title_fr", "Évaluation des besoins".into()),
        ("title_es", title_es.into()),
        ("introduction_en", "Intro".into()),
        ("introduction_fr", "Intro".into()),
        ("introduction_es", "Intro".into()),
        ("closing_en", "Thanks".into()),
        ("closing_fr", "Merci".into()),
        ("closing_es", "Gracias".into()),
        ("decision", "d19_41b".into()),
    ]
}

/// Everything the staff side stores, as one comparable text.
async fn snapshot(s: &TestServer) -> String {
    let mut out = String::new();
    for (sql, texts, numbers) in [
        (
            "SELECT id, state, decision, document, version, answers_started FROM consultation ORDER BY id",
            4,
            2,
        ),
        (
            "SELECT key, term_en, term_fr, term_es, definition_en, version FROM glossary_term ORDER BY key",
            5,
            1,
        ),
        (
            "SELECT code, region_code, name_en, name_fr, name_es, version FROM party ORDER BY code",
            5,
            1,
        ),
    ] {
        let rows =
            s.db.query_all_raw(Statement::from_string(
                s.db.get_database_backend(),
                sql.to_string(),
            ))
            .await
            .unwrap();
        for r in rows {
            for i in 0..texts {
                out.push_str(&r.try_get_by_index::<String>(i).unwrap());
                out.push('|');
            }
            for i in texts..texts + numbers {
                out.push_str(&r.try_get_by_index::<i32>(i).unwrap().to_string());
                out.push('|');
            }
            out.push('\n');
        }
    }
    assert!(out.len() > 1000, "the snapshot reads real rows");
    out
}

#[tokio::test]
async fn two_editors_on_one_page_neither_is_silently_lost() {
    let s = TestServer::start().await;
    let alice = s.signed_in(SECRETARIAT_EMAIL).await;
    let bob = s.signed_in(SECRETARIAT_EMAIL).await;
    let id = create_consultation(&alice, &s, "needs-assessment-19-41b").await;
    let base = format!("/consultations/{id}");
    // Both open the page: the same version.
    let v = version_on(&alice, &s, &base).await;
    assert_eq!(v, version_on(&bob, &s, &base).await);
    let action = format!("{base}/texts");
    let res = post_with_version(&alice, &s, &action, &texts("Alice's title", "Título"), &v).await;
    assert_eq!(res.status(), 303);
    // Bob saves from the page he opened before Alice's change: refused, his text kept.
    let res = post_with_version(&bob, &s, &action, &texts("Bob's title", "Título"), &v).await;
    assert_eq!(res.status(), 409);
    let page = text(res).await;
    assert!(page.contains("Someone else changed this since you opened it"));
    assert!(
        page.contains("Bob&#x27;s title") || page.contains("Bob's title"),
        "Bob's text is on the page"
    );
    // The page Bob got back names the current version: saving again works.
    let key = "name=\"version\" value=\"";
    let i = page.find(key).unwrap();
    let current = page[i + key.len()..].split('"').next().unwrap().to_string();
    assert_ne!(current, v);
    let stored = text(
        alice
            .get(s.url(&format!("{base}/export")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(stored.contains("Alice's title") && !stored.contains("Bob's title"));
    let res = post_with_version(&bob, &s, &action, &texts("Bob's title", "Título"), &current).await;
    assert_eq!(res.status(), 303);
    s.stop().await;
}

#[tokio::test]
async fn a_burst_of_saves_from_one_version_lands_exactly_once() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let id = create_consultation(&c, &s, "framework-ideas-19-40").await;
    let base = format!("/consultations/{id}");
    let v = version_on(&c, &s, &base).await;
    let mut tasks = Vec::new();
    for i in 0..8 {
        let (c, action, v) = (c.clone(), s.url(&format!("{base}/structure")), v.clone());
        tasks.push(tokio::spawn(async move {
            let body = format!("op=add_section&version={v}&n={i}");
            c.post(action)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 303).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 409).count(),
        7,
        "{statuses:?}"
    );
    let export = text(
        c.get(s.url(&format!("{base}/export")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        export.matches("\"id\": \"s1\"").count(),
        1,
        "one section added"
    );
    s.stop().await;
}

#[tokio::test]
async fn malformed_and_incomplete_posts_to_every_form_change_nothing() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let id = open_consultation(&c, &s, "needs-assessment-19-41b", "2099-01-01T00:00").await;
    let draft = create_consultation(&c, &s, "regional-workshop-19-43").await;
    let before = snapshot(&s).await;
    let audit_before = count(&s, "SELECT COUNT(*) FROM audit_event").await;
    let actions = [
        format!("/consultations/{id}/texts"),
        format!("/consultations/{id}/dates"),
        format!("/consultations/{id}/structure"),
        format!("/consultations/{id}/state"),
        format!("/consultations/{draft}/texts"),
        format!("/consultations/{draft}/structure"),
        format!("/consultations/{draft}/questions/attendees"),
        format!("/consultations/{draft}/sections/before"),
        "/consultations".to_string(),
        "/consultations/import".to_string(),
        "/glossary".to_string(),
        "/parties/new".to_string(),
        "/parties/KE".to_string(),
    ];
    let binary: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    for action in &actions {
        let v = try_version_on(&c, &s, &form_page(action))
            .await
            .unwrap_or_else(|| "0".into());
        let cases: Vec<(&str, Vec<u8>, u16)> = vec![
            ("application/json", b"{\"hello\":\"world\"}".to_vec(), 415),
            ("application/octet-stream", binary.clone(), 415),
            ("text/plain", b"title_en=x".to_vec(), 415),
            // A form with nothing but its version: every field is missing.
            (
                "application/x-www-form-urlencoded",
                format!("version={v}").into_bytes(),
                400,
            ),
            // Binary garbage with a form content type reads as no fields.
            ("application/x-www-form-urlencoded", binary.clone(), 400),
            // Oversized.
            (
                "application/x-www-form-urlencoded",
                "a=".repeat(300_000).into_bytes(),
                413,
            ),
        ];
        for (ctype, body, expected) in cases {
            let res = c
                .post(s.url(action))
                .header("content-type", ctype)
                .body(body)
                .send()
                .await
                .unwrap();
            let status = res.status().as_u16();
            let page = text(res).await;
            let ok = status == expected
                // The import page answers an oversized upload with its own message (409).
                || (action == "/consultations/import" && expected == 413 && status == 409);
            assert!(ok, "{action} {ctype}: {status}, expected {expected}");
            assert!(
                page.contains("<html"),
                "{action} {ctype}: a page, not a bare status"
            );
        }
    }
    assert_eq!(snapshot(&s).await, before, "nothing changed");
    assert_eq!(
        count(&s, "SELECT COUNT(*) FROM audit_event").await,
        audit_before
    );
    s.stop().await;
}

#[tokio::test]
async fn an_open_consultations_texts_stay_complete() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let id = open_consultation(&c, &s, "needs-assessment-19-41b", "2099-01-01T00:00").await;
    let before = snapshot(&s).await;
    let res = post_versioned(
        &c,
        &s,
        &format!("/consultations/{id}/texts"),
        &texts("Needs assessment", ""),
    )
    .await;
    assert_eq!(res.status(), 422);
    let page = text(res).await;
    assert!(page.contains("The consultation is open, so every text must stay filled"));
    assert!(page.contains("title — Spanish"));
    assert_eq!(snapshot(&s).await, before);
    // Emptying a question's prompt in one language is refused the same way.
    let res = post_versioned(
        &c,
        &s,
        &format!("/consultations/{id}/sections/profile"),
        &[
            ("title_en", "Profile"),
            ("title_fr", ""),
            ("title_es", "Perfil"),
            ("introduction_en", ""),
            ("introduction_fr", ""),
            ("introduction_es", ""),
        ],
    )
    .await;
    assert!(
        res.status() == 422 || res.status() == 404,
        "{}",
        res.status()
    );
    assert_eq!(snapshot(&s).await, before);
    s.stop().await;
}

#[tokio::test]
async fn creating_needs_a_known_template() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    for body in ["", "template=", "template=nonsense", "hello=world"] {
        let res = c
            .post(s.url("/consultations"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 400, "{body:?}");
    }
    assert_eq!(count(&s, "SELECT COUNT(*) FROM consultation").await, 0);
    assert_eq!(
        c.post(s.url("/consultations"))
            .form(&[("template", "blank")])
            .send()
            .await
            .unwrap()
            .status(),
        303
    );
    // The new draft has no title yet: it is listed by a name all the same.
    let list = text(c.get(s.url("/consultations")).send().await.unwrap()).await;
    assert!(list.contains(">Untitled consultation</a>"), "{list}");
    s.stop().await;
}

/// A template's path with each `{param}` replaced by `value`.
fn instantiate(template: &str, value: &str) -> String {
    template
        .split('/')
        .map(|seg| {
            if seg.starts_with("{*") {
                "x.js".to_string()
            } else if seg.starts_with('{') {
                value.to_string()
            } else {
                seg.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[tokio::test]
async fn crafted_ids_on_every_route_answer_4xx() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let crafted = [
        "a%20b",
        "..%2F..%2Fetc",
        "%00",
        "%C3%A9",
        "ZZZ",
        "0123456789ABCDEF0123456789ABCDEF",
        &"x".repeat(2000),
        "%E2%80%AE",
        "q1%0D%0Aset-cookie:x",
    ];
    let mut tried = 0;
    for (method, template, _) in &routes::table() {
        if !template.contains('{') || template.starts_with("/pkg") || *template == "/lang/{code}" {
            continue;
        }
        for value in crafted {
            let path = instantiate(template, value);
            let req = c.request(method.clone(), s.url(&path));
            let req = if *method == Method::POST {
                req.form(&[("version", "0"), ("to", "open"), ("op", "add_section")])
            } else {
                req
            };
            let res = req.send().await.unwrap_or_else(|e| panic!("{path}: {e}"));
            let status = res.status();
            assert!(status.is_client_error(), "{method} {path}: {status}");
            // The translated error page, never a plain-text rejection.
            let kind = res
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string();
            assert!(kind.starts_with("text/html"), "{method} {path}: {kind}");
            tried += 1;
        }
    }
    assert!(tried > 100, "{tried}");
    s.stop().await;
}

#[tokio::test]
async fn every_endpoint_has_a_rule_and_the_rule_holds() {
    let wrong = routes::inconsistencies(&routes::endpoints(std::path::Path::new(".")));
    assert!(wrong.is_empty(), "{wrong:?}");
    let s = TestServer::start().await;
    let anonymous = s.client();
    let organiser = s.signed_in(ORGANISER_EMAIL).await;
    let secretariat = s.signed_in(SECRETARIAT_EMAIL).await;
    let id = create_consultation(&secretariat, &s, "needs-assessment-19-41b").await;
    let before = snapshot(&s).await;
    for (method, template, rule) in &routes::table() {
        if *template == "/sign-out" {
            continue; // would end the clients' sessions; sign-out has its own tests
        }
        let path = instantiate(template, &id);
        for (who, c) in [("anonymous", &anonymous), ("organiser", &organiser)] {
            let req = c.request(method.clone(), s.url(&path));
            let req = if *method == Method::POST {
                req.form(&[("version", "0")])
            } else {
                req
            };
            let status = req.send().await.unwrap().status().as_u16();
            match (rule, who) {
                (Rule::Secretariat, "anonymous") => {
                    assert_eq!(status, 401, "{who} {method} {path}")
                }
                (Rule::Secretariat, _) => assert_eq!(status, 403, "{who} {method} {path}"),
                (Rule::Staff, "anonymous") => assert_eq!(status, 401, "{who} {method} {path}"),
                // An organiser reaches the route; what it shows is narrowed
                // to their workshops and regions (tested in summaries.rs).
                (Rule::Staff, _) => assert!(
                    ![401, 403].contains(&status) && status < 500,
                    "{who} {method} {path}: {status}"
                ),
                // Without a private link: the one "link not valid" page.
                (Rule::Invitee, _) => assert_eq!(status, 404, "{who} {method} {path}"),
                (Rule::Public, _) => {
                    assert!(
                        ![401, 403].contains(&status),
                        "{who} {method} {path}: {status}"
                    )
                }
            }
        }
        if *method == Method::GET {
            let status = secretariat.get(s.url(&path)).send().await.unwrap().status();
            assert!(
                ![401u16, 403].contains(&status.as_u16()) && !status.is_server_error(),
                "secretariat GET {path}: {status}"
            );
        }
    }
    // Not in the table: refused, whoever asks.
    for c in [&anonymous, &organiser, &secretariat] {
        let res = c
            .delete(s.url(&format!("/consultations/{id}")))
            .send()
            .await
            .unwrap();
        assert!(res.status().is_client_error(), "{}", res.status());
    }
    assert_eq!(
        snapshot(&s).await,
        before,
        "nobody without the rule changed anything"
    );
    s.stop().await;
}

#[tokio::test]
async fn importing_a_file_upload_and_refusing_an_oversized_one() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let id = create_consultation(&c, &s, "needs-assessment-19-41b").await;
    let res = c
        .get(s.url(&format!("/consultations/{id}/export")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["cache-control"], "no-store");
    let doc = text(res).await;
    let upload = |bytes: Vec<u8>| {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name("consultation.json")
            .mime_str("application/json")
            .unwrap();
        reqwest::multipart::Form::new()
            .text("document", "")
            .part("file", part)
    };
    let res = c
        .post(s.url("/consultations/import"))
        .multipart(upload(doc.clone().into_bytes()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", text(res).await);
    assert!(location(&res).contains("notice=notice-consultation-imported"));
    let big = format!("{doc}{}", " ".repeat(3 * 1024 * 1024));
    let res = c
        .post(s.url("/consultations/import"))
        .multipart(upload(big.into_bytes()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    let page = text(res).await;
    assert!(
        page.contains("The file is larger than 2 MB"),
        "its own message"
    );
    assert!(!page.contains("line 1"));
    assert_eq!(count(&s, "SELECT COUNT(*) FROM consultation").await, 2);
    s.stop().await;
}

#[tokio::test]
async fn party_edits_are_audited_and_the_lock_flag_touches_nothing_else() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let res = post_versioned(
        &c,
        &s,
        "/parties/KE",
        &[
            ("region", "africa"),
            ("name_en", "Kenya"),
            ("name_fr", "Kenya"),
            ("name_es", "Kenia"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        count(
            &s,
            "SELECT COUNT(*) FROM audit_event WHERE action = 'party.update' AND target = 'KE'"
        )
        .await,
        1
    );
    let id = create_consultation(&c, &s, "framework-ideas-19-40").await;
    async fn row(s: &TestServer, id: String) -> (chrono::DateTime<chrono::Utc>, i32, i32) {
        let r = s
            .db
            .query_one_raw(Statement::from_string(
                s.db.get_database_backend(),
                format!(
                    "SELECT updated_at, version, answers_started FROM consultation WHERE id = '{id}'"
                ),
            ))
            .await
            .unwrap()
            .unwrap();
        (
            r.try_get_by_index::<chrono::DateTime<chrono::Utc>>(0)
                .unwrap(),
            r.try_get_by_index::<i32>(1).unwrap(),
            r.try_get_by_index::<i32>(2).unwrap(),
        )
    }
    let before = row(&s, id.clone()).await;
    let cid = app::domain::ids::ConsultationId::parse(&id).unwrap();
    assert!(
        app::ssr::services::consultations::lock_structure(&s.db, &cid)
            .await
            .unwrap()
    );
    assert!(
        !app::ssr::services::consultations::lock_structure(&s.db, &cid)
            .await
            .unwrap(),
        "a one-time flag"
    );
    let after = row(&s, id.clone()).await;
    assert_eq!(before.2, 0);
    assert_eq!(after.2, 1);
    assert_eq!(
        (before.0, before.1),
        (after.0, after.1),
        "neither updated_at nor the version records when answering started"
    );
    s.stop().await;
}
