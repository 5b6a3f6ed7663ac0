//! The role guard on pages and form handlers, and how pages answer what names nothing.

use tests::*;

#[tokio::test]
async fn anonymous_visitors_are_asked_to_sign_in() {
    let s = TestServer::start().await;
    let res = s.client().get(s.url("/parties")).send().await.unwrap();
    assert_eq!(res.status(), 401);
    let body = text(res).await;
    assert!(body.contains("Please sign in"));
    assert!(
        body.contains("/sign-in?next=/parties"),
        "links back to the page"
    );
    assert!(!body.contains("Kenya"), "no data leaks");
    s.stop().await;
}

#[tokio::test]
async fn organisers_may_not_manage_parties() {
    let s = TestServer::start().await;
    let c = s.signed_in(ORGANISER_EMAIL).await;
    let res = c.get(s.url("/parties")).send().await.unwrap();
    assert_eq!(res.status(), 403);
    assert!(text(res).await.contains("Not allowed"));
    let res = c.get(s.url("/parties/KE")).send().await.unwrap();
    assert_eq!(res.status(), 403);
    let res = c
        .post(s.url("/parties/KE"))
        .form(&[
            ("region", "africa"),
            ("name_en", "X"),
            ("name_fr", "X"),
            ("name_es", "X"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // Nothing changed.
    let sec = s.signed_in(SECRETARIAT_EMAIL).await;
    let page = text(sec.get(s.url("/parties/KE")).send().await.unwrap()).await;
    assert!(page.contains("value=\"Kenya\""));
    s.stop().await;
}

#[tokio::test]
async fn the_secretariat_sees_every_party_by_region() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let res = c.get(s.url("/parties")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let body = text(res).await;
    assert!(body.contains("183 Parties in the register."));
    assert!(body.contains("North America"));
    assert!(body.contains("(3 Parties)"), "North America has 3");
    assert!(body.contains("(53 Parties)"), "Africa has 53");
    assert!(body.contains("Central and South America and the Caribbean"));
    s.stop().await;
}

#[tokio::test]
async fn pages_load_their_data_behind_their_rule_and_there_are_no_server_functions() {
    let s = TestServer::start().await;
    let sec = s.signed_in(SECRETARIAT_EMAIL).await;
    let id = create_consultation(&sec, &s, "needs-assessment-19-41b").await;
    let org = s.signed_in(ORGANISER_EMAIL).await;
    // The page's data is loaded by its GET handler, behind the row's rule.
    for (c, expected) in [(&s.client(), 401), (&org, 403), (&sec, 200)] {
        let res = c
            .get(s.url(&format!("/consultations/{id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), expected);
        let body = text(res).await;
        assert_eq!(
            body.contains("Capacity-building needs assessment"),
            expected == 200,
            "{expected}"
        );
    }
    // The read-side server functions' addresses are no more: the
    // translated not-found page, whoever asks, and no data.
    for c in [&s.client(), &sec] {
        for f in ["list_parties", "load_consultation", "load_summary"] {
            let res = c
                .post(s.url(&format!("/api/{f}")))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(format!("id={id}"))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 404, "{f}");
            let body = text(res).await;
            assert!(body.contains("Page not found"), "{f}: {body}");
            assert!(
                !body.contains("Kenya") && !body.contains("Capacity-building needs assessment")
            );
        }
    }
    s.stop().await;
}

#[tokio::test]
async fn malformed_ids_and_queries_answer_the_translated_error_page() {
    let s = TestServer::start().await;
    let sec = s.signed_in(SECRETARIAT_EMAIL).await;
    let id = create_consultation(&sec, &s, "needs-assessment-19-41b").await;
    let get = |path: String| sec.get(s.url(&path)).header("accept-language", "fr").send();
    // Not an id (even once decoded, or not UTF-8), or naming nothing: the
    // one not-found page, in the reader's language, never a plain-text rejection.
    for path in [
        "/consultations/does-not-exist".to_string(),
        "/consultations/%ff%fe".into(),
        "/consultations/0123456789abcdef0123456789abcdef".into(),
        format!("/consultations/{id}/questions/Not%20an%20id"),
        format!("/consultations/{id}/questions/q%C0"),
        format!("/consultations/{id}/sections/nothing_here"),
        format!("/consultations/{id}/preview/de"),
        "/parties/KEN".into(),
        "/parties/ZZ".into(),
        "/contacts/0123456789ABCDEF0123456789ABCDEF".into(),
        "/workshops/..%2Fetc".into(),
        format!("/consultations/{id}/briefing?workshop=nonsense"),
    ] {
        let res = get(path.clone()).await.unwrap();
        assert_eq!(res.status(), 404, "{path}");
        let html = res
            .headers()
            .get("content-type")
            .is_some_and(|v| v.to_str().unwrap().starts_with("text/html"));
        assert!(html, "{path}");
        assert!(text(res).await.contains("Page introuvable"), "{path}");
    }
    // A query that is no text: the page of a request not understood.
    let res = get(format!("/consultations/{id}/summary?by=%ff"))
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert!(text(res).await.contains("Demande incomprise"));
    // Well-formed, and there: the page.
    let res = get(format!("/consultations/{id}/preview/es"))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    s.stop().await;
}
