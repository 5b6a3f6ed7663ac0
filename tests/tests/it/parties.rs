//! The Secretariat's register of Parties: list, add, correct names.

use tests::*;

#[tokio::test]
async fn correcting_a_name_in_one_language() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let res = post_versioned(
        &c,
        &s,
        "/parties/KR",
        &[
            ("region", "asia"),
            ("name_en", "Republic of Korea"),
            ("name_fr", "République de Corée"),
            ("name_es", "República de Corea"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        location(&res),
        "/parties?notice=notice-party-saved#party-KR"
    );
    choose_language(&c, &s, "fr").await;
    let list = text(
        c.get(s.url("/parties?notice=notice-party-saved"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(list.contains("République de Corée"));
    assert!(list.contains("Les modifications ont été enregistrées."));
    s.stop().await;
}

#[tokio::test]
async fn bad_input_is_refused_field_by_field_and_nothing_typed_is_lost() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let res = post_versioned(
        &c,
        &s,
        "/parties/KE",
        &[
            ("region", "atlantis"),
            ("name_en", "Kenya (edited)"),
            ("name_fr", "  "),
            ("name_es", "Kenia"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    let body = text(res).await;
    assert!(body.contains("There is a problem"));
    assert!(body.contains("Choose one of the six CITES regions."));
    assert!(body.contains("Enter a value."));
    assert!(body.contains("value=\"Kenya (edited)\""), "typed text kept");
    assert!(body.contains("aria-invalid=\"true\""));
    assert!(body.contains("aria-describedby=\"name_fr-error\""));
    // The page comes back whole: what its GET loads is there with the form.
    assert!(body.contains("<h1>Edit Kenya</h1>"), "{body}");
    assert!(body.contains("Last changed on"));
    assert!(body.contains(">Central and South America and the Caribbean</option>"));
    // Nothing was saved.
    let page = text(c.get(s.url("/parties/KE")).send().await.unwrap()).await;
    assert!(page.contains("value=\"Kenya\""));
    s.stop().await;
}

#[tokio::test]
async fn adding_a_party() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let form = [
        ("code", "ss"),
        ("region", "africa"),
        ("name_en", "South Sudan"),
        ("name_fr", "Soudan du Sud"),
        ("name_es", "Sudán del Sur"),
    ];
    let res = c
        .post(s.url("/parties/new"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(
        location(&res),
        "/parties?notice=notice-party-added#party-SS"
    );
    let list = text(c.get(s.url("/parties")).send().await.unwrap()).await;
    assert!(list.contains("184 Parties in the register."));
    assert!(list.contains("(54 Parties)"));
    assert!(list.contains("South Sudan"));

    // The same code again is refused, with the form kept.
    let res = c
        .post(s.url("/parties/new"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    let body = text(res).await;
    assert!(body.contains("A Party with this code is already in the register."));
    assert!(body.contains("value=\"Soudan du Sud\""));
    s.stop().await;
}

#[tokio::test]
async fn a_bad_code_is_explained() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let res = c
        .post(s.url("/parties/new"))
        .header("accept-language", "fr")
        .form(&[
            ("code", "K3"),
            ("region", "africa"),
            ("name_en", "A"),
            ("name_fr", "B"),
            ("name_es", "C"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body = text(res).await;
    assert!(body.contains("Saisissez deux lettres, par exemple KE."));
    assert!(body.contains("value=\"K3\""));
    s.stop().await;
}

#[tokio::test]
async fn unknown_party_is_not_found() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    assert_eq!(
        c.get(s.url("/parties/ZZ")).send().await.unwrap().status(),
        404
    );
    let res = post_with_version(
        &c,
        &s,
        "/parties/ZZ",
        &[
            ("region", "africa"),
            ("name_en", "A"),
            ("name_fr", "B"),
            ("name_es", "C"),
        ],
        "0",
    )
    .await;
    assert_eq!(res.status(), 404);
    s.stop().await;
}
