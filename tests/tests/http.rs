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
