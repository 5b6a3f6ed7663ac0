//! Language: cookie, then Accept-Language, then English; the switcher keeps
//! the page; `<html lang>` matches.

use tests::*;

#[tokio::test]
async fn first_visit_follows_accept_language() {
    let s = TestServer::start().await;
    for (header, lang, text_in_lang) in [
        ("fr-FR,fr;q=0.9,en;q=0.5", "fr", "Connexion du personnel"),
        ("es", "es", "Acceso del personal"),
        ("de-DE", "en", "Staff sign-in"),
    ] {
        let res = s
            .client()
            .get(s.url("/"))
            .header("accept-language", header)
            .send()
            .await
            .unwrap();
        let body = text(res).await;
        assert!(
            body.contains(&format!("<html lang=\"{lang}\"")),
            "{header}: {}",
            &body[..200.min(body.len())]
        );
        assert!(body.contains(text_in_lang), "{header}");
    }
    let body = text(s.client().get(s.url("/")).send().await.unwrap()).await;
    assert!(
        body.contains("<html lang=\"en\""),
        "English without a header"
    );
    s.stop().await;
}

#[tokio::test]
async fn the_cookie_wins_over_the_header() {
    let s = TestServer::start().await;
    let res = s
        .client()
        .get(s.url("/sign-in"))
        .header("accept-language", "fr")
        .header("cookie", "consulta_lang=es")
        .send()
        .await
        .unwrap();
    let body = text(res).await;
    assert!(body.contains("<html lang=\"es\""));
    assert!(body.contains("Contraseña"));
    s.stop().await;
}

#[tokio::test]
async fn the_switcher_saves_the_choice_and_keeps_the_page() {
    let s = TestServer::start().await;
    let c = s.client();
    let page = text(c.get(s.url("/sign-in?next=/parties")).send().await.unwrap()).await;
    let link = "/lang/fr?next=/sign-in%3Fnext%3D/parties";
    assert!(page.contains(link), "switcher links to the same page");
    let res = c.get(s.url(link)).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/sign-in?next=/parties");
    let cookie = set_cookies(&res)
        .into_iter()
        .find(|c| c.starts_with("consulta_lang=fr"))
        .unwrap();
    assert!(cookie.contains("Max-Age="));
    let body = text(c.get(s.url("/sign-in?next=/parties")).send().await.unwrap()).await;
    assert!(body.contains("<html lang=\"fr\"") && body.contains("Mot de passe"));
    assert!(body.contains("aria-current=\"true\""));

    // An unknown language or a foreign `next` changes nothing dangerous.
    let res = c
        .get(s.url("/lang/de?next=//evil.example"))
        .send()
        .await
        .unwrap();
    assert_eq!(location(&res), "/");
    assert!(set_cookies(&res).is_empty());
    s.stop().await;
}

#[tokio::test]
async fn dates_and_plurals_follow_the_language() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    choose_language(&c, &s, "fr").await;
    let fr = text(c.get(s.url("/parties")).send().await.unwrap()).await;
    assert!(fr.contains("183 Parties dans le registre."));
    assert!(fr.contains("Amérique du Nord"));
    choose_language(&c, &s, "es").await;
    let es = text(c.get(s.url("/parties/KE")).send().await.unwrap()).await;
    assert!(
        es.contains("Última modificación:"),
        "date sentence in Spanish"
    );
    let month = [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ];
    assert!(
        month.iter().any(|m| es.contains(&format!(" de {m} de "))),
        "Spanish date format"
    );
    assert!(es.contains("UTC"), "time zone named");
    s.stop().await;
}
