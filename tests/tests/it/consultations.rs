//! Writing consultations: templates, the translation gate, the editor,
//! preview, lifecycle, locking, import/export, glossary and audit log.

use reqwest::Client;
use sea_orm::{ConnectionTrait, Statement};
use tests::*;

/// Creates a consultation from `template` and returns its id.
async fn create(c: &Client, s: &TestServer, template: &str) -> String {
    let res = c
        .post(s.url("/consultations"))
        .form(&[("template", template)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let loc = location(&res);
    assert!(loc.contains("notice=notice-consultation-created"), "{loc}");
    loc.trim_start_matches("/consultations/")
        .split('?')
        .next()
        .unwrap()
        .to_string()
}

/// The "interpretation" question's form: English and French options, plus `extra`.
fn languages_form<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("prompt_en", "Languages?"),
        ("prompt_fr", "Langues ?"),
        ("prompt_es", "¿Idiomas?"),
        ("help_en", ""),
        ("help_fr", ""),
        ("help_es", ""),
        ("options.0.id", "en"),
        ("options.0.en", "English"),
        ("options.0.fr", "Anglais"),
        ("options.0.es", "Inglés"),
        ("options.1.id", "fr"),
        ("options.1.en", "French"),
        ("options.1.fr", "Français"),
        ("options.1.es", "Francés"),
    ];
    f.extend_from_slice(extra);
    f
}

fn texts_form(title_es: &str) -> Vec<(&'static str, String)> {
    vec![
        (
            "title_en",
            "Capacity-building needs assessment (Decision 19.41(b))".into(),
        ),
        (
            "title_fr",
            "Évaluation des besoins (décision 19.41 b))".into(),
        ),
        ("title_es", title_es.into()),
        ("introduction_en", "Intro".into()),
        ("introduction_fr", "Intro".into()),
        ("introduction_es", "Intro".into()),
        ("closing_en", "Thank you.".into()),
        ("closing_fr", "Merci.".into()),
        ("closing_es", "Gracias.".into()),
        ("decision", "d19_41b".into()),
    ]
}

#[tokio::test]
async fn every_template_creates_a_complete_draft() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    for (template, title) in [
        (
            "needs-assessment-19-41b",
            "Capacity-building needs assessment (Decision 19.41(b))",
        ),
        (
            "framework-ideas-19-40",
            "Ideas for an integrated capacity-building framework (Decision 19.40)",
        ),
        (
            "regional-workshop-19-43",
            "Regional consultation and technical workshop (Decision 19.43)",
        ),
    ] {
        let id = create(&c, &s, template).await;
        let page = text(
            c.get(s.url(&format!("/consultations/{id}")))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert!(page.contains(title), "{template}");
        assert!(page.contains("Draft"));
        assert_eq!(
            page.matches("100 %").count(),
            3,
            "{template}: complete in three languages"
        );
    }
    let list = text(c.get(s.url("/consultations")).send().await.unwrap()).await;
    assert_eq!(list.matches("EN 100 % · FR 100 % · ES 100 %").count(), 3);
    s.stop().await;
}

#[tokio::test]
async fn the_gate_refuses_to_open_until_every_text_exists() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let id = create(&c, &s, "needs-assessment-19-41b").await;
    let base = format!("/consultations/{id}");
    // Remove the Spanish title.
    let res = post_versioned(&c, &s, &format!("{base}/texts"), &texts_form("")).await;
    assert_eq!(res.status(), 303);
    let res = post_versioned(
        &c,
        &s,
        &format!("{base}/dates"),
        &[
            ("opens_at", "2026-01-01T09:00"),
            ("deadline", "2099-03-31T17:00"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let res = post_versioned(&c, &s, &format!("{base}/state"), &[("to", "open")]).await;
    assert_eq!(res.status(), 409);
    let page = text(res).await;
    assert!(page.contains("cannot be opened while texts are missing"));
    assert!(
        page.contains("title — Spanish"),
        "names the text and the language"
    );
    assert!(page.contains("Draft"));

    // Fill it in, then open.
    let res = post_versioned(
        &c,
        &s,
        &format!("{base}/texts"),
        &texts_form("Evaluación de las necesidades"),
    )
    .await;
    assert_eq!(res.status(), 303);
    let res = post_versioned(&c, &s, &format!("{base}/state"), &[("to", "open")]).await;
    assert_eq!(res.status(), 303);
    let page = text(c.get(s.url(&base)).send().await.unwrap()).await;
    assert!(
        page.contains("Close the consultation"),
        "open: the page offers to close it"
    );
    assert!(
        page.contains("31 March 2099 at 17:00 UTC"),
        "deadline in the viewer's locale with the zone"
    );
    s.stop().await;
}

#[tokio::test]
async fn opening_needs_a_future_deadline_and_bad_dates_are_explained() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let id = create(&c, &s, "framework-ideas-19-40").await;
    let base = format!("/consultations/{id}");
    let res = post_versioned(&c, &s, &format!("{base}/state"), &[("to", "open")]).await;
    assert_eq!(res.status(), 409);
    assert!(text(res).await.contains("Set a deadline before opening"));
    let v = version_on(&c, &s, &base).await;
    let res = c
        .post(s.url(&format!("{base}/dates")))
        .header("accept-language", "fr")
        .form(&[
            ("opens_at", "2027-05-01T09:00"),
            ("deadline", "yesterday"),
            ("version", &v),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let page = text(res).await;
    assert!(page.contains("Saisissez une date et une heure"));
    assert!(
        page.contains("value=\"yesterday\""),
        "what was typed is kept"
    );
    let res = post_versioned(
        &c,
        &s,
        &format!("{base}/dates"),
        &[
            ("opens_at", "2027-05-01T09:00"),
            ("deadline", "2027-04-01T09:00"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(
        text(res)
            .await
            .contains("The deadline must be after the opening date.")
    );
    s.stop().await;
}

#[tokio::test]
async fn preview_in_french_works_without_javascript() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let id = create(&c, &s, "needs-assessment-19-41b").await;
    let res = c
        .get(s.url(&format!("/consultations/{id}/preview/fr")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let page = text(res).await;
    assert!(page.contains("<div lang=\"fr\" class=\"survey\">"));
    assert!(page.contains("Évaluez les capacités actuelles de votre Partie dans chaque domaine."));
    assert!(
        page.contains("Organe de gestion"),
        "CITES' official French term"
    );
    assert!(page.contains("Autre — veuillez préciser"));
    assert!(
        page.contains("<details><summary>organe de gestion</summary>"),
        "glossary term in place"
    );
    assert!(
        page.contains("name=\"q.capacity.legislation\" value="),
        "matrix as real radio buttons"
    );
    assert!(page.contains("Choix n° 3"), "ranking without JavaScript");
    assert!(
        page.contains("Ne répondez que si vous avez répondu"),
        "display condition explained"
    );
    // Spanish too.
    let es = text(
        c.get(s.url(&format!("/consultations/{id}/preview/es")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(es.contains("Autoridad Administrativa"));
    let bad = c
        .get(s.url(&format!("/consultations/{id}/preview/de")))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 404);
    s.stop().await;
}

#[tokio::test]
async fn structure_edits_and_refusals() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    // The needs assessment, with one question depending on another.
    let mut survey = app::domain::survey::templates::find("needs-assessment-19-41b")
        .unwrap()
        .survey();
    survey.question_mut("support_kinds").unwrap().condition =
        Some(app::domain::survey::Condition {
            question: "authority".into(),
            any_of: vec!["management".into()],
        });
    let id = import_consultation(&c, &s, &survey).await;
    let base = format!("/consultations/{id}");
    let url = format!("{base}/structure");
    let op = |fields: Vec<(&'static str, &'static str)>| {
        let (c, s, url) = (&c, &s, &url);
        async move { post_versioned(c, s, url, &fields).await }
    };
    assert_eq!(op(vec![("op", "add_section")]).await.status(), 303);
    assert_eq!(
        op(vec![
            ("op", "add_question"),
            ("target", "s1"),
            ("kind", "number")
        ])
        .await
        .status(),
        303
    );
    assert_eq!(
        op(vec![("op", "move_section"), ("target", "s1"), ("up", "1")])
            .await
            .status(),
        303
    );
    let page = text(c.get(s.url(&base)).send().await.unwrap()).await;
    assert!(page.contains("(Number · q1)"));
    let before_open = page.find("<code class=\"meta\">s1</code>").unwrap();
    let providers = page.find("<code class=\"meta\">providers</code>").unwrap();
    let open_section = page.find("<code class=\"meta\">open</code>").unwrap();
    assert!(
        providers < before_open && before_open < open_section,
        "moved up one place"
    );

    // Deleting a question others depend on is refused whole, with the reason.
    let res = op(vec![("op", "delete_question"), ("target", "authority")]).await;
    assert_eq!(res.status(), 422);
    let page = text(res).await;
    assert!(page.contains("would make the consultation inconsistent"));
    assert!(page.contains(
        "question support_kinds › condition — A question can only depend on an earlier question."
    ));
    let page = text(c.get(s.url(&base)).send().await.unwrap()).await;
    assert!(page.contains("authority"), "nothing was deleted");

    assert_eq!(
        op(vec![("op", "delete_question"), ("target", "q1")])
            .await
            .status(),
        303
    );
    assert_eq!(
        op(vec![("op", "delete_question"), ("target", "nope")])
            .await
            .status(),
        404
    );
    assert_eq!(op(vec![("op", "explode")]).await.status(), 400);
    s.stop().await;
}

#[tokio::test]
async fn editing_a_question() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let id = create(&c, &s, "regional-workshop-19-43").await;
    let url_path = format!("/consultations/{id}/questions/attendees");
    let url = s.url(&url_path);
    let page = text(c.get(&url).send().await.unwrap()).await;
    assert!(page.contains("How many officials from your Party could attend?"));
    let base_fields = |min: &'static str, max: &'static str| {
        vec![
            ("prompt_en", "How many officials could attend?"),
            (
                "prompt_fr",
                "Combien de fonctionnaires pourraient participer ?",
            ),
            ("prompt_es", "¿Cuántos funcionarios podrían asistir?"),
            ("help_en", ""),
            ("help_fr", ""),
            ("help_es", ""),
            ("required", "1"),
            ("integer", "1"),
            ("min", min),
            ("max_value", max),
            ("cond_question", "profile.support"),
            ("cond_any", "profile.support:receives"),
            ("cond_any", "profile.support:both"),
        ]
    };
    // A fraction where whole numbers are required: refused, typed text kept.
    let res = post_versioned(&c, &s, &url_path, &base_fields("1.5", "10")).await;
    assert_eq!(res.status(), 422);
    let page = text(res).await;
    assert!(page.contains("Enter a whole number."));
    assert!(page.contains("How many officials could attend?"));
    // Min above max: refused by the survey rules.
    let res = post_versioned(&c, &s, &url_path, &base_fields("20", "10")).await;
    assert_eq!(res.status(), 422);
    assert!(
        text(res)
            .await
            .contains("The smallest value is larger than the largest.")
    );
    // A good edit.
    let res = post_versioned(&c, &s, &url_path, &base_fields("1", "10")).await;
    assert_eq!(res.status(), 303);
    let export = text(
        c.get(s.url(&format!("/consultations/{id}/export")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let doc: serde_json::Value = serde_json::from_str(&export).unwrap();
    let q = doc["consultation"]["sections"][0]["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "attendees")
        .unwrap();
    assert_eq!(q["prompt"]["en"], "How many officials could attend?");
    assert_eq!(q["required"], true);
    assert_eq!(q["kind"]["min"], 1.0);
    assert_eq!(q["kind"]["max"], 10.0);
    assert_eq!(q["condition"]["question"], "profile.support");
    assert_eq!(
        q["condition"]["any_of"],
        serde_json::json!(["receives", "both"])
    );

    // Options: add a line, then it is there (empty until translated).
    let choice_url_path = format!("/consultations/{id}/questions/interpretation");
    let choice_url = s.url(&choice_url_path);
    let res = post_versioned(
        &c,
        &s,
        &choice_url_path,
        &languages_form(&[
            ("options.2.id", "es"),
            ("options.2.delete", "1"),
            ("add", "options"),
        ]),
    )
    .await;
    assert_eq!(res.status(), 303);
    assert!(location(&res).ends_with("/questions/interpretation?notice=notice-saved"));
    let page = text(c.get(&choice_url).send().await.unwrap()).await;
    assert!(
        page.contains("name=\"options.2.id\" value=\"c1\""),
        "new line added"
    );
    assert!(!page.contains("value=\"Espagnol\""), "deleted line gone");

    // Move "French" above "English".
    let res = post_versioned(
        &c,
        &s,
        &choice_url_path,
        &languages_form(&[("options.2.id", "c1"), ("move", "options.1")]),
    )
    .await;
    assert_eq!(res.status(), 303);
    let page = text(c.get(&choice_url).send().await.unwrap()).await;
    assert!(
        page.find("value=\"French\"").unwrap() < page.find("value=\"English\"").unwrap(),
        "moved up"
    );
    s.stop().await;
}

#[tokio::test]
async fn once_answers_exist_only_texts_may_change() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let id = create(&c, &s, "framework-ideas-19-40").await;
    s.db.execute_unprepared(&format!(
        "UPDATE consultation SET answers_started = 1 WHERE id = '{id}'"
    ))
    .await
    .unwrap();
    let base = format!("/consultations/{id}");
    let page = text(c.get(s.url(&base)).send().await.unwrap()).await;
    assert!(page.contains("its structure is locked"));
    assert!(
        !page.contains("Add a section"),
        "structure buttons are gone"
    );
    let res = post_versioned(
        &c,
        &s,
        &format!("{base}/structure"),
        &[("op", "add_section")],
    )
    .await;
    assert_eq!(res.status(), 409);
    assert!(
        text(res)
            .await
            .contains("its structure can no longer change")
    );
    // Removing an option through the question form is refused too.
    let res = post_versioned(
        &c,
        &s,
        &format!("{base}/questions/sharing"),
        &[
            ("prompt_en", "How?"),
            ("prompt_fr", "Comment ?"),
            ("prompt_es", "¿Cómo?"),
            ("help_en", ""),
            ("help_fr", ""),
            ("help_es", ""),
            ("other", "1"),
            ("options.0.id", "platform"),
            ("options.0.en", "Online"),
            ("options.0.fr", "En ligne"),
            ("options.0.es", "En línea"),
            ("options.1.id", "meetings"),
            ("options.1.en", "Meetings"),
            ("options.1.fr", "Réunions"),
            ("options.1.es", "Reuniones"),
            ("options.2.id", "both"),
            ("options.2.delete", "1"),
        ],
    )
    .await;
    assert_eq!(res.status(), 409);
    // A text correction is accepted.
    let res = post_versioned(
        &c,
        &s,
        &format!("{base}/texts"),
        &texts_form("Ideas corregidas"),
    )
    .await;
    assert_eq!(res.status(), 303);
    s.stop().await;
}

#[tokio::test]
async fn lifecycle_and_duplicate() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let id = create(&c, &s, "regional-workshop-19-43").await;
    let base = format!("/consultations/{id}");
    post_versioned(
        &c,
        &s,
        &format!("{base}/dates"),
        &[("opens_at", ""), ("deadline", "2099-01-01T00:00")],
    )
    .await;
    for to in ["open", "closed", "archived"] {
        let res = post_versioned(&c, &s, &format!("{base}/state"), &[("to", to)]).await;
        assert_eq!(res.status(), 303, "to {to}");
    }
    let res = post_versioned(&c, &s, &format!("{base}/state"), &[("to", "open")]).await;
    assert_eq!(res.status(), 409);
    let res = post_versioned(&c, &s, &format!("{base}/texts"), &texts_form("x")).await;
    assert_eq!(res.status(), 409);
    assert!(text(res).await.contains("cannot be changed"));
    let res = post_versioned(&c, &s, &format!("{base}/duplicate"), &[] as &[(&str, &str)]).await;
    assert_eq!(res.status(), 303);
    let copy = location(&res);
    let page = text(c.get(s.url(&copy)).send().await.unwrap()).await;
    assert!(page.contains("A copy has been made as a new draft."));
    assert!(page.contains("Draft"));
    assert!(page.contains("Regional consultation and technical workshop (Decision 19.43)"));
    s.stop().await;
}

#[tokio::test]
async fn a_past_deadline_closes_an_open_consultation() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let id = create(&c, &s, "framework-ideas-19-40").await;
    let base = format!("/consultations/{id}");
    post_versioned(
        &c,
        &s,
        &format!("{base}/dates"),
        &[("opens_at", ""), ("deadline", "2099-01-01T00:00")],
    )
    .await;
    assert_eq!(
        post_versioned(&c, &s, &format!("{base}/state"), &[("to", "open")])
            .await
            .status(),
        303
    );
    let backend = s.db.get_database_backend();
    let past = chrono::Utc::now() - chrono::Duration::minutes(1);
    let sql = match backend {
        sea_orm::DbBackend::Postgres => "UPDATE consultation SET deadline = $1",
        _ => "UPDATE consultation SET deadline = ?",
    };
    s.db.execute_raw(Statement::from_sql_and_values(backend, sql, [past.into()]))
        .await
        .unwrap();
    let page = text(c.get(s.url(&base)).send().await.unwrap()).await;
    assert!(page.contains("Closed"), "closed at the deadline");
    assert!(page.contains("Archive the consultation"));
    s.stop().await;
}

#[tokio::test]
async fn export_import_round_trip_and_refusals() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let id = create(&c, &s, "needs-assessment-19-41b").await;
    let res = c
        .get(s.url(&format!("/consultations/{id}/export")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let file = text(res).await;
    assert!(file.contains("\"format\": \"consulta.consultation\""));
    let res = c
        .post(s.url("/consultations/import"))
        .form(&[("document", file.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let new = location(&res);
    let new_id = new
        .trim_start_matches("/consultations/")
        .split('?')
        .next()
        .unwrap();
    let again = text(
        c.get(s.url(&format!("/consultations/{new_id}/export")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(again, file, "round trip is exact");

    let before = text(c.get(s.url("/consultations")).send().await.unwrap())
        .await
        .matches("<tr>")
        .count();
    let broken = file.replacen("\"top\": 3", "\"top\": 30", 1);
    let res = c
        .post(s.url("/consultations/import"))
        .form(&[("document", broken.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let page = text(res).await;
    assert!(page.contains("inconsistent"));
    assert!(
        page.contains("section needs › question priority_areas › top"),
        "names the place"
    );
    let res = c
        .post(s.url("/consultations/import"))
        .header("accept-language", "es")
        .form(&[("document", "{\n  \"format\": \"consulta.consultation\",\n  \"version\": 1,\n  \"consultation\": [}")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let page = text(res).await;
    assert!(page.contains("No se pudo leer el archivo."));
    assert!(page.contains("línea 4"));
    assert!(
        page.contains("\"consultation\": [}</textarea>"),
        "the pasted text is kept"
    );
    let res = c
        .post(s.url("/consultations/import"))
        .form(&[(
            "document",
            "{\"format\":\"consulta.consultation\",\"version\":2,\"consultation\":{}}",
        )])
        .send()
        .await
        .unwrap();
    assert!(text(res).await.contains("File version 2"));
    let after = text(c.get(s.url("/consultations")).send().await.unwrap())
        .await
        .matches("<tr>")
        .count();
    assert_eq!(before, after, "nothing half-imported");
    s.stop().await;
}

#[tokio::test]
async fn glossary_and_audit_log() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let page = text(c.get(s.url("/glossary")).send().await.unwrap()).await;
    assert!(page.contains("Management Authority"));
    let term = |key: &'static str, en: &'static str| {
        vec![
            ("key", key),
            ("term_en", en),
            ("term_fr", "stock"),
            ("term_es", "existencias"),
            ("definition_en", "Specimens held."),
            ("definition_fr", "Spécimens détenus."),
            ("definition_es", "Especímenes en poder."),
        ]
    };
    let res = c
        .post(s.url("/glossary"))
        .form(&term("Bad Key", "stockpile"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(text(res).await.contains("Use lower-case letters"));
    let res = c
        .post(s.url("/glossary"))
        .form(&term("stockpile", "stockpile"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    // Adding the same key again is refused, with what was typed kept.
    let res = c
        .post(s.url("/glossary"))
        .form(&term("stockpile", "stockpiles"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    let page = text(res).await;
    assert!(page.contains("A term with this key already exists"));
    assert!(page.contains("value=\"stockpiles\""));
    // Editing it names the version the edit form showed.
    let v = version_on(&c, &s, "/glossary?edit=stockpile").await;
    let res = post_with_version(&c, &s, "/glossary", &term("stockpile", "stockpiles"), &v).await;
    assert_eq!(res.status(), 303);
    // The same form sent again is stale now: refused, text kept.
    let res = post_with_version(&c, &s, "/glossary", &term("stockpile", "stockpile B"), &v).await;
    assert_eq!(res.status(), 409);
    let page = text(res).await;
    assert!(page.contains("Someone else changed this since you opened it"));
    assert!(page.contains("value=\"stockpile B\""));
    let page = text(
        c.get(s.url("/glossary"))
            .header("accept-language", "fr")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(page.contains("<dt>stock"));
    let id = create(&c, &s, "framework-ideas-19-40").await;
    let audit = text(c.get(s.url("/audit")).send().await.unwrap()).await;
    assert!(audit.contains("glossary.save"));
    assert!(audit.contains("consultation.create"));
    assert!(audit.contains(&id));
    assert!(audit.contains(SECRETARIAT_EMAIL));
    s.stop().await;
}

#[tokio::test]
async fn organisers_cannot_write_consultations() {
    let s = TestServer::start().await;
    let c = s.signed_in(ORGANISER_EMAIL).await;
    for path in ["/consultations", "/glossary", "/audit"] {
        assert_eq!(
            c.get(s.url(path)).send().await.unwrap().status(),
            403,
            "{path}"
        );
    }
    let res = c
        .post(s.url("/consultations"))
        .form(&[("template", "framework-ideas-19-40")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let anon = s
        .client()
        .post(s.url("/consultations/import"))
        .form(&[("document", "{}")])
        .send()
        .await
        .unwrap();
    assert_eq!(anon.status(), 401);
    s.stop().await;
}
