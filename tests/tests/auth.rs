//! Staff sign-in, sessions, sign-out and rate limiting, over HTTP.

use sea_orm::{ConnectionTrait, Statement};
use tests::*;

#[tokio::test]
async fn sign_in_right_creates_a_hardened_session() {
    let s = TestServer::start().await;
    let c = s.client();
    let res = sign_in(&c, &s, SECRETARIAT_EMAIL, DEMO_PASSWORD).await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/");
    let cookie = set_cookies(&res)
        .into_iter()
        .find(|c| c.starts_with("consulta_session="))
        .expect("session cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "not behind https: {cookie}");
    let token = cookie["consulta_session=".len()..]
        .split(';')
        .next()
        .unwrap();
    assert_eq!(token.len(), 64);

    let home = text(c.get(s.url("/")).send().await.unwrap()).await;
    assert!(
        home.contains(SECRETARIAT_EMAIL),
        "home shows who is signed in"
    );
    assert!(home.contains("CITES Secretariat"));

    // The database holds only a digest of the token.
    let rows =
        s.db.query_all_raw(Statement::from_string(
            s.db.get_database_backend(),
            "SELECT id_hash FROM session".to_string(),
        ))
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    let stored: String = rows[0].try_get("", "id_hash").unwrap();
    assert_ne!(stored, token);
    s.stop().await;
}

#[tokio::test]
async fn secure_cookies_behind_https() {
    let s = TestServer::start_with(&[("CONSULTA_SECURE_COOKIES", "true")]).await;
    let res = sign_in(&s.client(), &s, SECRETARIAT_EMAIL, DEMO_PASSWORD).await;
    assert!(
        set_cookies(&res)
            .iter()
            .any(|c| c.starts_with("consulta_session=") && c.contains("; Secure"))
    );
    assert!(res.headers().get("strict-transport-security").is_some());
    s.stop().await;
}

#[tokio::test]
async fn any_failure_gives_the_same_message_and_keeps_the_email() {
    let s = TestServer::start().await;
    let c = s.client();
    let wrong = sign_in(&c, &s, SECRETARIAT_EMAIL, "not-the-password").await;
    assert_eq!(wrong.status(), 401);
    assert!(
        set_cookies(&wrong)
            .iter()
            .all(|c| !c.starts_with("consulta_session="))
    );
    let wrong = text(wrong).await;
    let unknown = text(sign_in(&c, &s, "nobody@example.org", "whatever-password").await).await;
    let message = "Sign-in failed. Check your e-mail address and password";
    assert!(wrong.contains(message) && unknown.contains(message));
    assert!(
        wrong.contains(&format!("value=\"{SECRETARIAT_EMAIL}\"")),
        "e-mail kept"
    );
    assert!(!wrong.contains("not-the-password"), "password never echoed");
    // Nothing reveals whether the account exists.
    let strip = |t: &str| {
        t.replace(SECRETARIAT_EMAIL, "")
            .replace("nobody@example.org", "")
    };
    assert_eq!(strip(&wrong).len(), strip(&unknown).len());
    s.stop().await;
}

#[tokio::test]
async fn the_message_is_translated() {
    let s = TestServer::start().await;
    let res = s
        .client()
        .post(s.url("/sign-in"))
        .header("accept-language", "es")
        .form(&[("email", "x@y.org"), ("password", "nope-nope-nope")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert!(text(res).await.contains("No se pudo iniciar sesión"));
    s.stop().await;
}

#[tokio::test]
async fn a_new_sign_in_gets_a_new_session_id_and_sign_out_ends_it() {
    let s = TestServer::start().await;
    let c = s.client();
    let first = sign_in(&c, &s, SECRETARIAT_EMAIL, DEMO_PASSWORD).await;
    let first = set_cookies(&first)
        .into_iter()
        .find(|c| c.starts_with("consulta_session="))
        .unwrap();
    let second = sign_in(&c, &s, SECRETARIAT_EMAIL, DEMO_PASSWORD).await;
    let second = set_cookies(&second)
        .into_iter()
        .find(|c| c.starts_with("consulta_session="))
        .unwrap();
    assert_ne!(first, second, "session id changes on sign-in");

    // The first session was ended by the second sign-in.
    let old = s.client();
    let old_cookie = first.split(';').next().unwrap().to_string();
    let res = old
        .get(s.url("/parties"))
        .header("cookie", &old_cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);

    let out = c.post(s.url("/sign-out")).send().await.unwrap();
    assert_eq!(out.status(), 303);
    assert!(
        set_cookies(&out)
            .iter()
            .any(|c| c.starts_with("consulta_session=;") && c.contains("Max-Age=0"))
    );
    let res = s
        .client()
        .get(s.url("/parties"))
        .header("cookie", second.split(';').next().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401, "the session is gone on the server too");
    s.stop().await;
}

#[tokio::test]
async fn idle_sessions_expire() {
    let s = TestServer::start_with(&[("CONSULTA_SESSION_IDLE_MINUTES", "1")]).await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    assert_eq!(c.get(s.url("/parties")).send().await.unwrap().status(), 200);
    let past = chrono::Utc::now() - chrono::Duration::minutes(5);
    s.db.execute_raw(Statement::from_sql_and_values(
        s.db.get_database_backend(),
        match s.db.get_database_backend() {
            sea_orm::DbBackend::Postgres => "UPDATE session SET last_seen_at = $1",
            _ => "UPDATE session SET last_seen_at = ?",
        },
        [past.into()],
    ))
    .await
    .unwrap();
    let res = c.get(s.url("/parties")).send().await.unwrap();
    assert_eq!(res.status(), 401);
    assert!(
        set_cookies(&res).iter().any(|c| c.contains("Max-Age=0")),
        "stale cookie cleared"
    );
    s.stop().await;
}

#[tokio::test]
async fn sign_in_is_rate_limited_per_account() {
    let s = TestServer::start_with(&[("CONSULTA_SIGNIN_MAX_FAILURES", "3")]).await;
    let c = s.client();
    for _ in 0..3 {
        assert_eq!(
            sign_in(&c, &s, SECRETARIAT_EMAIL, "wrong-password-x")
                .await
                .status(),
            401
        );
    }
    // Even the right password is refused now, with the same message.
    let res = sign_in(&c, &s, SECRETARIAT_EMAIL, DEMO_PASSWORD).await;
    assert_eq!(res.status(), 429);
    assert!(text(res).await.contains("Sign-in failed."));
    s.stop().await;
}

#[tokio::test]
async fn sign_in_is_rate_limited_per_address() {
    let s = TestServer::start_with(&[("CONSULTA_SIGNIN_MAX_FAILURES", "3")]).await;
    let c = s.client();
    for i in 0..3 {
        let email = format!("guess{i}@example.org");
        assert_eq!(
            sign_in(&c, &s, &email, "wrong-password-x").await.status(),
            401
        );
    }
    // A different, real account from the same address is refused too.
    assert_eq!(
        sign_in(&c, &s, ORGANISER_EMAIL, DEMO_PASSWORD)
            .await
            .status(),
        429
    );
    s.stop().await;
}

#[tokio::test]
async fn next_is_only_ever_a_local_path() {
    let s = TestServer::start().await;
    let res = s
        .client()
        .post(s.url("/sign-in"))
        .form(&[
            ("email", SECRETARIAT_EMAIL),
            ("password", DEMO_PASSWORD),
            ("next", "https://evil.example/"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/");
    let res = s
        .client()
        .post(s.url("/sign-in"))
        .form(&[
            ("email", SECRETARIAT_EMAIL),
            ("password", DEMO_PASSWORD),
            ("next", "/parties"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&res), "/parties");
    s.stop().await;
}
