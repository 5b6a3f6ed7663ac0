//! The role guard, on pages, form handlers and server functions.

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
async fn server_functions_use_the_same_guard() {
    let s = TestServer::start().await;
    let anon = s
        .client()
        .post(s.url("/api/list_parties"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    let status = anon.status();
    let body = text(anon).await;
    assert!(
        status.is_server_error() || status.is_client_error(),
        "{status}"
    );
    assert!(body.contains("Unauthenticated"), "{status} {body}");
    assert!(!body.contains("Kenya"));

    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let ok = c
        .post(s.url("/api/list_parties"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    let status = ok.status();
    let body = text(ok).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Kenya"));
    s.stop().await;
}

#[tokio::test]
async fn server_functions_answer_bad_arguments_and_missing_data_with_4xx() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let call = |body: &'static str| {
        c.post(s.url("/api/load_consultation"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .body(body)
            .send()
    };
    assert_eq!(call("nonsense=%ZZ").await.unwrap().status(), 400);
    assert_eq!(call("id=does-not-exist").await.unwrap().status(), 404);
    let org = s.signed_in(ORGANISER_EMAIL).await;
    let res = org
        .post(s.url("/api/load_consultation"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("id=x")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    s.stop().await;
}
