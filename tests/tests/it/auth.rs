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
            .any(|c| c.starts_with("__Host-consulta_session=")
                && c.contains("; Path=/")
                && c.contains("; Secure")
                && !c.contains("Domain"))
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
    let s = TestServer::start_with(&[("CONSULTA_SIGNIN_MAX_PER_ADDRESS", "3")]).await;
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

/// Signs in as `email` from the client address `from` (behind one trusted proxy).
async fn sign_in_from(
    c: &reqwest::Client,
    s: &TestServer,
    from: &str,
    email: &str,
    password: &str,
) -> reqwest::StatusCode {
    c.post(s.url("/sign-in"))
        .header("x-forwarded-for", format!("198.18.0.99, {from}"))
        .form(&[("email", email), ("password", password), ("next", "/")])
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn a_parallel_burst_checks_no_more_passwords_than_the_limit() {
    let s = TestServer::start_with(&[("CONSULTA_PROXY_HOPS", "1")]).await;
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let c = s.client();
        let url = s.url("/sign-in");
        tasks.push(tokio::spawn(async move {
            c.post(url)
                .header("x-forwarded-for", "203.0.113.7")
                .form(&[
                    ("email", SECRETARIAT_EMAIL),
                    ("password", "a-wrong-guess"),
                    ("next", "/"),
                ])
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
    let checked = statuses.iter().filter(|s| **s == 401).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!(
        checked, 5,
        "only the limit's worth of passwords checked: {statuses:?}"
    );
    assert_eq!(refused, 15, "{statuses:?}");
    s.stop().await;
}

#[tokio::test]
async fn the_real_user_signs_in_while_an_attacker_fails_from_another_address() {
    let s = TestServer::start_with(&[("CONSULTA_PROXY_HOPS", "1")]).await;
    let attacker = s.client();
    for _ in 0..5 {
        assert_eq!(
            sign_in_from(
                &attacker,
                &s,
                "203.0.113.7",
                SECRETARIAT_EMAIL,
                "guess-guess"
            )
            .await,
            401
        );
    }
    // The attacker is now blocked, even with the right password…
    assert_eq!(
        sign_in_from(
            &attacker,
            &s,
            "203.0.113.7",
            SECRETARIAT_EMAIL,
            DEMO_PASSWORD
        )
        .await,
        429
    );
    // …and the leftmost X-Forwarded-For entry, which a client writes, changes nothing.
    let spoofed = attacker
        .post(s.url("/sign-in"))
        .header("x-forwarded-for", "192.0.2.1, 203.0.113.7")
        .form(&[
            ("email", SECRETARIAT_EMAIL),
            ("password", "guess"),
            ("next", "/"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(spoofed.status(), 429);
    // The real user, from their own address, signs in.
    let user = s.client();
    assert_eq!(
        sign_in_from(&user, &s, "198.51.100.2", SECRETARIAT_EMAIL, DEMO_PASSWORD).await,
        303
    );
    // Counters are keyed digests: neither the e-mail nor an address is stored.
    let rows =
        s.db.query_all_raw(Statement::from_string(
            s.db.get_database_backend(),
            "SELECT key FROM sign_in_attempt".to_string(),
        ))
        .await
        .unwrap();
    assert!(!rows.is_empty());
    for r in rows {
        let key: String = r.try_get("", "key").unwrap();
        assert!(
            !key.contains('@') && !key.contains("203.0") && !key.contains("198.51"),
            "{key}"
        );
    }
    s.stop().await;
}

#[tokio::test]
async fn sessions_end_after_their_absolute_lifetime() {
    let s = TestServer::start_with(&[("CONSULTA_SESSION_MAX_HOURS", "12")]).await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    assert_eq!(c.get(s.url("/parties")).send().await.unwrap().status(), 200);
    let long_ago = chrono::Utc::now() - chrono::Duration::hours(13);
    s.db.execute_raw(Statement::from_sql_and_values(
        s.db.get_database_backend(),
        match s.db.get_database_backend() {
            sea_orm::DbBackend::Postgres => "UPDATE session SET created_at = $1",
            _ => "UPDATE session SET created_at = ?",
        },
        [long_ago.into()],
    ))
    .await
    .unwrap();
    // Used a moment ago, but signed in 13 hours ago: over.
    assert_eq!(c.get(s.url("/parties")).send().await.unwrap().status(), 401);
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
