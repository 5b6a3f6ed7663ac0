//! Health, security headers, and robustness against bad requests.

use tests::*;

#[tokio::test]
async fn healthz_checks_the_database() {
    let s = TestServer::start().await;
    let res = s.client().get(s.url("/healthz")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(text(res).await, "ok");
    s.stop().await;
}

#[tokio::test]
async fn security_headers_on_every_response() {
    let s = TestServer::start().await;
    for path in [
        "/",
        "/sign-in",
        "/healthz",
        "/no-such-page",
        "/pkg/missing.js",
    ] {
        let res = s.client().get(s.url(path)).send().await.unwrap();
        let h = res.headers();
        let csp = h
            .get("content-security-policy")
            .unwrap_or_else(|| panic!("{path}: no CSP"))
            .to_str()
            .unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(csp.contains("'wasm-unsafe-eval'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(h.get("referrer-policy").unwrap(), "no-referrer", "{path}");
        assert_eq!(
            h.get("x-content-type-options").unwrap(),
            "nosniff",
            "{path}"
        );
    }
    s.stop().await;
}

#[tokio::test]
async fn pages_carry_a_nonce_for_their_only_inline_script() {
    let s = TestServer::start().await;
    let res = s.client().get(s.url("/")).send().await.unwrap();
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(res.headers()["cache-control"], "no-store");
    let body = text(res).await;
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    assert!(nonce.len() >= 16);
    assert!(body.contains(&format!("nonce=\"{nonce}\"")));
    // Every inline script carries it.
    for part in body.split("<script").skip(1) {
        let tag = part.split('>').next().unwrap();
        if !tag.contains("src=") {
            assert!(
                tag.contains(&format!("nonce=\"{nonce}\"")),
                "inline script without nonce: {tag}"
            );
        }
    }
    s.stop().await;
}

#[tokio::test]
async fn unknown_pages_are_404_in_the_right_language() {
    let s = TestServer::start().await;
    let res = s
        .client()
        .get(s.url("/nowhere"))
        .header("accept-language", "fr")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert!(text(res).await.contains("Page introuvable"));
    s.stop().await;
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let s = TestServer::start().await;
    let res = s
        .client()
        .post(s.url("/sign-in"))
        .header("origin", "http://evil.example")
        .header("accept-language", "es")
        .form(&[("email", SECRETARIAT_EMAIL), ("password", DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert!(set_cookies(&res).is_empty());
    assert!(text(res).await.contains("otro sitio"));
    s.stop().await;
}

#[tokio::test]
async fn malformed_bodies_never_give_500() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let cases: Vec<(&str, &str, Vec<u8>)> = vec![
        ("/sign-in", "application/json", b"{\"email\":1}".to_vec()),
        (
            "/sign-in",
            "application/x-www-form-urlencoded",
            vec![0xff, 0xfe, b'=', 0x80],
        ),
        (
            "/parties/new",
            "multipart/form-data; boundary=x",
            b"--x--".to_vec(),
        ),
        (
            "/parties/KE",
            "application/x-www-form-urlencoded",
            "a=".repeat(200_000).into_bytes(),
        ),
    ];
    for (path, ctype, body) in cases {
        let res = c
            .post(s.url(path))
            .header("content-type", ctype)
            .body(body)
            .send()
            .await
            .unwrap();
        assert!(
            !res.status().is_server_error(),
            "{path} {ctype}: {}",
            res.status()
        );
    }
    // A body that is not a form is refused with a translated page.
    let res = c
        .post(s.url("/parties/new"))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 415);
    assert!(
        text(res)
            .await
            .contains("This address accepts only the forms of its own pages.")
    );
    let res = c
        .post(s.url("/sign-out"))
        .header("content-type", "text/plain")
        .body("hello")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    s.stop().await;
}

#[tokio::test]
async fn static_files_do_not_look_up_sessions() {
    let s = TestServer::start().await;
    // An unknown (well-formed) session token: pages clear it, assets never look.
    let stale = format!("consulta_session={}", "ab".repeat(32));
    for (path, clears) in [("/", true), ("/pkg/missing.js", false), ("/healthz", false)] {
        let res = s
            .client()
            .get(s.url(path))
            .header("cookie", &stale)
            .send()
            .await
            .unwrap();
        let cleared = set_cookies(&res)
            .iter()
            .any(|c| c.starts_with("consulta_session=;"));
        assert_eq!(cleared, clears, "{path}");
    }
    s.stop().await;
}

#[tokio::test]
async fn static_assets_carry_content_hashes_and_long_cache_lifetimes() {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("pkg")).unwrap();
    std::fs::write(site.path().join("pkg/consulta.css"), "body{margin:0}").unwrap();
    let root = site.path().to_str().unwrap();
    let s = TestServer::start_with(&[("LEPTOS_SITE_ROOT", root)]).await;
    let page = text(s.client().get(s.url("/")).send().await.unwrap()).await;
    let href = page
        .split("href=\"")
        .find(|h| h.starts_with("/pkg/consulta.css?v="))
        .and_then(|h| h.split('"').next())
        .expect("the stylesheet's address carries its hash")
        .to_string();
    let cached = s.client().get(s.url(&href)).send().await.unwrap();
    assert_eq!(cached.status(), 200);
    assert_eq!(
        cached.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    for other in ["/pkg/consulta.css", "/pkg/consulta.css?v=000000000000"] {
        let res = s.client().get(s.url(other)).send().await.unwrap();
        assert_eq!(res.headers()["cache-control"], "no-cache", "{other}");
    }
    s.stop().await;
}

/// `body` posted as a form to `path` by `c`.
async fn post_raw(
    c: &reqwest::Client,
    s: &TestServer,
    path: &str,
    body: &str,
) -> reqwest::Response {
    c.post(s.url(path))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.to_string())
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_single_valued_field_sent_twice_is_refused_and_writes_nothing() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let terms = count(&s, "SELECT COUNT(*) FROM glossary_term").await;
    // Every field of the glossary form twice, with other values the second time.
    let fields = [
        ("key", "stockpile", "other-key"),
        ("term_en", "stockpile", "stock"),
        ("term_fr", "stock", "réserve"),
        ("term_es", "existencias", "reservas"),
        ("definition_en", "Specimens held.", "Other."),
        ("definition_fr", "Spécimens détenus.", "Autre."),
        ("definition_es", "Especímenes en poder.", "Otro."),
    ];
    let once: Vec<(&str, &str)> = fields.iter().map(|(k, a, _)| (*k, *a)).collect();
    let twice: Vec<(&str, &str)> = fields
        .iter()
        .flat_map(|(k, a, b)| [(*k, *a), (*k, *b)])
        .collect();
    let body = serde_urlencoded::to_string(&twice).unwrap();
    let res = post_raw(&c, &s, "/glossary", &body).await;
    assert_eq!(res.status(), 400);
    assert!(text(res).await.contains("Request not understood"));
    // One field twice, even with the same value, is enough.
    let mut one_twice = once.clone();
    one_twice.push(("term_fr", "stock"));
    let body = serde_urlencoded::to_string(&one_twice).unwrap();
    assert_eq!(post_raw(&c, &s, "/glossary", &body).await.status(), 400);
    assert_eq!(
        count(&s, "SELECT COUNT(*) FROM glossary_term").await,
        terms,
        "no term created"
    );
    let page = text(c.get(s.url("/glossary")).send().await.unwrap()).await;
    assert!(
        !page.contains("Specimens held."),
        "no term from the first values"
    );

    // The same on other forms: a contact, a Party, a consultation's state.
    let contacts = count(&s, "SELECT COUNT(*) FROM contact").await;
    let body = "party=KE&name=A&email=a%40ke.example&role=management&lang=en&active=1\
                &email=b%40ke.example";
    assert_eq!(post_raw(&c, &s, "/contacts", body).await.status(), 400);
    assert_eq!(count(&s, "SELECT COUNT(*) FROM contact").await, contacts);
    let body = "code=ZZ&region=africa&name_en=Z&name_fr=Z&name_es=Z&name_en=Y";
    assert_eq!(post_raw(&c, &s, "/parties/new", body).await.status(), 400);
    assert_eq!(
        count(&s, "SELECT COUNT(*) FROM party WHERE code = 'ZZ'").await,
        0
    );
    let id = create_consultation(&c, &s, "framework-ideas-19-40").await;
    let base = format!("/consultations/{id}");
    let v = version_on(&c, &s, &base).await;
    let res = post_raw(
        &c,
        &s,
        &format!("{base}/state"),
        &format!("version={v}&to=open&to=closed"),
    )
    .await;
    assert_eq!(res.status(), 400);
    let res = post_raw(
        &c,
        &s,
        &format!("{base}/dates"),
        &format!("version={v}&version={v}&opens_at=&deadline=2099-01-01T00%3A00"),
    )
    .await;
    assert_eq!(res.status(), 400);
    assert_eq!(version_on(&c, &s, &base).await, v, "nothing changed");

    // The form sent once, as its page sends it, is taken.
    let body = serde_urlencoded::to_string(&once).unwrap();
    assert_eq!(post_raw(&c, &s, "/glossary", &body).await.status(), 303);
    assert_eq!(
        count(&s, "SELECT COUNT(*) FROM glossary_term").await,
        terms + 1
    );
    s.stop().await;
}

#[tokio::test]
async fn an_action_without_fields_still_names_its_version() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let id = create_consultation(&c, &s, "regional-workshop-19-43").await;
    let base = format!("/consultations/{id}");
    let path = format!("{base}/duplicate");
    let v = version_on(&c, &s, &base).await;
    let before = count(&s, "SELECT COUNT(*) FROM consultation").await;
    // No version, an unreadable one, or one named twice: 400.
    for body in [
        "",
        "a=b",
        "%00%01garbage&&==",
        "version=x",
        &format!("version={v}&version={v}"),
    ] {
        let res = post_raw(&c, &s, &path, body).await;
        assert_eq!(res.status(), 400, "{body:?}");
    }
    // Random bytes that are no form at all.
    let res = c
        .post(s.url(&path))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(vec![0xff, 0x00, 0xfe, b'=', 0x80])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    // An outdated version: refused as changed by someone else (409).
    let stale = (v.parse::<i32>().unwrap() + 1).to_string();
    let res = post_raw(&c, &s, &path, &format!("version={stale}")).await;
    assert_eq!(res.status(), 409);
    assert!(
        text(res)
            .await
            .contains("Someone else changed this since you opened it")
    );
    assert_eq!(
        count(&s, "SELECT COUNT(*) FROM consultation").await,
        before,
        "nothing duplicated"
    );
    // The page's own form duplicates it.
    let res = post_versioned(&c, &s, &path, &[] as &[(&str, &str)]).await;
    assert_eq!(res.status(), 303);
    assert!(location(&res).contains("notice=notice-consultation-duplicated"));
    assert_eq!(
        count(&s, "SELECT COUNT(*) FROM consultation").await,
        before + 1
    );
    s.stop().await;
}
