//! Parties answer: drafts, every question type, one response per Party or
//! per invitee, submission, reopening, bad input, and anonymity — on
//! SQLite and PostgreSQL, through HTTP as a browser without JavaScript does.

use app::domain::survey::answers::Answers;
use app::domain::survey::{Condition, Decision, QuestionKind, Respondents, Section, Survey, Text};
use reqwest::Client;
use sea_orm::{ConnectionTrait, Statement};
use std::collections::HashMap;
use tests::*;

/// A consultation with all eight question types, a display condition on the
/// same page and one on a later page.
fn every_kind(allow_changes: bool) -> Survey {
    let mut follow = question("follow", QuestionKind::ShortText { max_length: 40 });
    follow.condition = Some(Condition {
        question: "gate".into(),
        any_of: vec!["yes".into()],
    });
    let mut later = question("later", QuestionKind::LongText { max_length: 2000 });
    later.condition = Some(Condition {
        question: "gate".into(),
        any_of: vec!["no".into()],
    });
    later.required = false;
    Survey {
        title: t("Every kind"),
        introduction: t("Introduction"),
        closing: Text::default(),
        decision: Decision::D19_40,
        respondents: Some(Respondents::PerInvitee),
        allow_changes,
        constituencies: vec![],
        sections: vec![
            Section {
                id: "s1".into(),
                title: t("First"),
                introduction: Text::default(),
                questions: vec![
                    question(
                        "gate",
                        QuestionKind::SingleChoice {
                            options: choices(&["yes", "no"]),
                            other: true,
                        },
                    ),
                    follow,
                    question(
                        "multi",
                        QuestionKind::MultipleChoice {
                            options: choices(&["a", "b", "c"]),
                            max: Some(2),
                        },
                    ),
                    question(
                        "scale",
                        QuestionKind::Scale {
                            points: choices(&["0", "1", "2", "3"]),
                        },
                    ),
                ],
            },
            Section {
                id: "s2".into(),
                title: t("Second"),
                introduction: Text::default(),
                questions: vec![
                    later,
                    question(
                        "grid",
                        QuestionKind::Matrix {
                            rows: choices(&["r1", "r2"]),
                            columns: choices(&["0", "1", "2"]),
                        },
                    ),
                    question(
                        "rank",
                        QuestionKind::Ranking {
                            options: choices(&["x", "y", "z"]),
                            top: 2,
                        },
                    ),
                    question(
                        "num",
                        QuestionKind::Number {
                            integer: true,
                            min: Some(0.0),
                            max: Some(1000.0),
                        },
                    ),
                ],
            },
        ],
    }
}

/// Imports `survey`, opens it, invites every contact; returns its id.
async fn open_and_invite(c: &Client, s: &TestServer, survey: &Survey) -> String {
    let id = open_imported(c, s, survey, "2099-06-30T12:00").await;
    invite(c, s, &id, &[("who", "all")]).await;
    id
}

fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
    p.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// Every row of `table`, each column as text, in the order the engine lists
/// them without ORDER BY (what a dump shows).
/// PostgreSQL: the ids of `invitation` as a dump lists them, by heap page.
async fn invitation_pages(s: &TestServer) -> std::collections::BTreeMap<i64, Vec<String>> {
    let rows =
        s.db.query_all_raw(Statement::from_string(
            s.db.get_database_backend(),
            "SELECT id, ((ctid::text::point)[0])::bigint AS page FROM invitation".to_string(),
        ))
        .await
        .unwrap();
    let mut pages: std::collections::BTreeMap<i64, Vec<String>> = Default::default();
    for r in rows {
        let page: i64 = r.try_get("", "page").unwrap();
        pages
            .entry(page)
            .or_default()
            .push(r.try_get("", "id").unwrap());
    }
    pages
}

async fn dump(s: &TestServer, table: &str) -> Vec<HashMap<String, String>> {
    let sql = match s.db.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => {
            format!("SELECT row_to_json(t)::text AS j FROM {table} t")
        }
        _ => format!("SELECT json_object({}) AS j FROM {table}", {
            let cols =
                s.db.query_all_raw(Statement::from_string(
                    s.db.get_database_backend(),
                    format!("SELECT name FROM pragma_table_info('{table}')"),
                ))
                .await
                .unwrap();
            cols.iter()
                .map(|r| {
                    let n: String = r.try_get("", "name").unwrap();
                    format!("'{n}', {n}")
                })
                .collect::<Vec<_>>()
                .join(", ")
        }),
    };
    s.db.query_all_raw(Statement::from_string(s.db.get_database_backend(), sql))
        .await
        .unwrap()
        .iter()
        .map(|r| {
            let j: String = r.try_get("", "j").unwrap();
            let v: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&j).unwrap();
            v.into_iter()
                .map(|(k, v)| {
                    let v = match v {
                        serde_json::Value::String(s) => s,
                        other => other.to_string(),
                    };
                    (k, v)
                })
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn every_question_type_is_answered_checked_saved_and_submitted() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    add_contact(&c, &s, "MG", "Zoë", "zoe@mg.example", "fr").await;
    let survey = every_kind(false);
    open_and_invite(&c, &s, &survey).await;
    let links = outbox_links(&s, 1).await;
    let r = open_link(&s, &links["zoe@mg.example"]).await;

    let home = text(r.get(s.url("/respond")).send().await.unwrap()).await;
    assert!(
        home.contains("Every kind (fr)"),
        "in the invitee's language"
    );
    assert!(home.contains("Commencer à répondre"));
    assert_eq!(
        count(&s, "SELECT COUNT(*) FROM response").await,
        0,
        "opening stores nothing"
    );

    // The profile: region shown, status declared.
    let profile = text(r.get(s.url("/respond/profile")).send().await.unwrap()).await;
    assert!(
        profile.contains("Afrique"),
        "the region, from the invitation"
    );
    assert!(profile.contains("name=\"support\""));
    let res = post_step(
        &r,
        &s,
        "/respond/profile",
        &pairs(&[("support", "receives")]),
        "next",
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/respond/section/s1");
    assert_eq!(count(&s, "SELECT COUNT(*) FROM response").await, 1);
    assert_eq!(
        count(
            &s,
            "SELECT COUNT(*) FROM consultation WHERE answers_started = 1"
        )
        .await,
        1,
        "the first save locks the structure"
    );

    // Same-page condition with JavaScript off: the follow-up is shown with
    // its condition; answering it while it does not apply is explained.
    let page = text(r.get(s.url("/respond/section/s1")).send().await.unwrap()).await;
    assert!(page.contains("Question follow (fr)"));
    let res = post_step(
        &r,
        &s,
        "/respond/section/s1",
        &pairs(&[
            ("q.gate", "no"),
            ("q.follow", "typed anyway"),
            ("q.multi", "a"),
            ("q.multi", "b"),
            ("q.multi", "c"),
            ("q.scale", "2"),
        ]),
        "next",
    )
    .await;
    assert_eq!(res.status(), 422);
    let page = text(res).await;
    assert!(
        page.contains("ne s&#x27;applique pas") || page.contains("ne s'applique pas"),
        "{page}"
    );
    assert!(page.contains("Trop d&#x27;options") || page.contains("Trop d'options"));
    assert!(page.contains("typed anyway"), "nothing typed is lost");
    assert!(
        page.contains("aria-describedby=\"q-multi-error\""),
        "the error is tied to its field"
    );
    assert!(
        page.contains("href=\"#q-follow\""),
        "the summary links to the field"
    );

    // Corrected: "other" with its text.
    let res = post_step(
        &r,
        &s,
        "/respond/section/s1",
        &pairs(&[
            ("q.gate", "_other"),
            ("q.gate.other", "Autre chose"),
            ("q.multi", "a"),
            ("q.multi", "c"),
            ("q.scale", "2"),
        ]),
        "next",
    )
    .await;
    assert_eq!(res.status(), 303, "{}", text(res).await);
    assert_eq!(location(&res), "/respond/section/s2");

    // A later page hides a question whose condition is not met.
    let page = text(r.get(s.url("/respond/section/s2")).send().await.unwrap()).await;
    assert!(!page.contains("Question later (fr)"));
    let res = post_step(
        &r,
        &s,
        "/respond/section/s2",
        &pairs(&[
            ("q.grid.r1", "0"),
            ("q.grid.r2", "2"),
            ("q.rank.1", "z"),
            ("q.rank.2", "z"),
            ("q.num", "12,5"),
        ]),
        "next",
    )
    .await;
    assert_eq!(res.status(), 422);
    let page = text(res).await;
    assert!(page.contains("12,5"), "the number as typed");
    assert!(page.contains("nombre entier"));
    assert!(page.contains("deux rangs"));
    // "Save and continue later" keeps even what is not valid yet.
    let res = post_step(
        &r,
        &s,
        "/respond/section/s2",
        &pairs(&[("q.grid.r1", "0"), ("q.num", "12,5")]),
        "save",
    )
    .await;
    assert_eq!(res.status(), 303);
    assert!(location(&res).starts_with("/respond?notice="));
    // Resumed on another device: the same link, a new browser.
    let other_device = open_link(&s, &links["zoe@mg.example"]).await;
    let page = text(
        other_device
            .get(s.url("/respond/section/s2"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(
        page.contains("value=\"12,5\""),
        "the draft follows the link"
    );
    // The review names what is missing; submitting is refused until complete.
    let review = text(
        other_device
            .get(s.url("/respond/review"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(review.contains("Avant de pouvoir soumettre"));
    assert!(review.contains("Autre chose"), "{review}");
    let res = submit(&other_device, &s).await;
    assert_eq!(res.status(), 422);
    let res = post_step(
        &other_device,
        &s,
        "/respond/section/s2",
        &pairs(&[
            ("q.grid.r1", "0"),
            ("q.grid.r2", "2"),
            ("q.rank.1", "z"),
            ("q.rank.2", "x"),
            ("q.num", "12"),
        ]),
        "next",
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/respond/review");
    let res = submit(&other_device, &s).await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/respond/done");
    let done = text(
        other_device
            .get(s.url("/respond/done"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(done.contains("Vos réponses ont été soumises"));
    assert!(
        done.contains("/respond/copy"),
        "a printable copy is offered"
    );
    let copy = text(r.get(s.url("/respond/copy")).send().await.unwrap()).await;
    assert!(
        copy.contains("Option z (fr)") && copy.contains("Option r2 (fr): Option 2 (fr)"),
        "{copy}"
    );

    // What was stored: only answers that apply, as given.
    let rows = dump(&s, "response").await;
    assert_eq!(rows.len(), 1);
    let submitted: Answers = serde_json::from_str(&rows[0]["submitted"]).unwrap();
    assert_eq!(submitted.len(), 6, "{submitted:?}");
    assert!(!submitted.contains_key("follow") && !submitted.contains_key("later"));
    assert_eq!(rows[0]["support"], "receives");
    assert_eq!(rows[0]["region"], "africa");
    assert_eq!(
        count(&s, "SELECT COUNT(*) FROM invitation WHERE submitted").await,
        1
    );
    assert_eq!(
        count(&s, "SELECT SUM(submissions) FROM response_day").await,
        1
    );

    // Submitted, and the consultation allows no changes: read, not edited.
    let res = r.get(s.url("/respond/section/s1")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let res = r
        .post(s.url("/respond/section/s1"))
        .form(&[("version", "9"), ("go", "next"), ("q.scale", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    let res = r
        .post(s.url("/respond/reopen"))
        .form(&[("version", rows[0]["version"].as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    assert!(text(res).await.contains("ne permet pas"));
    s.stop().await;
}

#[tokio::test]
async fn switching_language_saves_first_and_keeps_every_answer() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    add_contact(&c, &s, "BO", "Begoña", "b@bo.example", "es").await;
    open_and_invite(&c, &s, &every_kind(false)).await;
    let links = outbox_links(&s, 1).await;
    let r = open_link(&s, &links["b@bo.example"]).await;
    let page = text(r.get(s.url("/respond/profile")).send().await.unwrap()).await;
    assert!(page.contains("Acerca de su Parte"), "in Spanish");
    let res = post_step(
        &r,
        &s,
        "/respond/profile",
        &pairs(&[("support", "both")]),
        "lang-en",
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/respond/profile");
    assert!(
        set_cookies(&res)
            .iter()
            .any(|c| c.starts_with("consulta_lang=en"))
    );
    let page = text(r.get(s.url("/respond/profile")).send().await.unwrap()).await;
    assert!(page.contains("About your Party"));
    assert!(
        page.contains("value=\"both\" checked"),
        "the answer is kept: {page}"
    );
    s.stop().await;
}

#[tokio::test]
async fn colleagues_of_one_party_share_a_draft_and_the_first_submission_counts() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    add_contact(&c, &s, "MG", "Zoë", "zoe@mg.example", "fr").await;
    add_contact(&c, &s, "MG", "Hery", "hery@mg.example", "fr").await;
    add_contact(&c, &s, "KE", "Wanjiru", "w@ke.example", "en").await;
    let id = open_consultation(&c, &s, "needs-assessment-19-41b", "2099-03-31T17:00").await;
    invite(&c, &s, &id, &[("who", "all")]).await;
    let survey = app::domain::survey::templates::find("needs-assessment-19-41b")
        .unwrap()
        .survey();
    assert_eq!(survey.respondents(), Respondents::PerParty);
    let links = outbox_links(&s, 3).await;
    let zoe = open_link(&s, &links["zoe@mg.example"]).await;
    let hery = open_link(&s, &links["hery@mg.example"]).await;
    let kenya = open_link(&s, &links["w@ke.example"]).await;

    let res = post_step(
        &zoe,
        &s,
        "/respond/profile",
        &pairs(&[("support", "receives")]),
        "save",
    )
    .await;
    assert_eq!(res.status(), 303);
    // Hery opens the same draft, with Zoë's answer.
    let page = text(hery.get(s.url("/respond")).send().await.unwrap()).await;
    assert!(
        page.contains("Les réponses de votre Partie sont enregistrées"),
        "{page}"
    );
    let page = text(hery.get(s.url("/respond/profile")).send().await.unwrap()).await;
    assert!(page.contains("value=\"receives\" checked"));
    // Kenya's draft is its own.
    let page = text(kenya.get(s.url("/respond")).send().await.unwrap()).await;
    assert!(page.contains("You have not started yet"));

    // Both open the first section; Zoë saves first; Hery's save is refused
    // with his text kept and the newer version, so saving again is a choice.
    let first = &survey.sections[0];
    let page = format!("/respond/section/{}", first.id);
    let v = respond_version(&zoe, &s, &page).await;
    assert_eq!(v, respond_version(&hery, &s, &page).await);
    let mut so_far = Answers::new();
    let fields = fill_section(&survey, first, &mut so_far);
    let mut zoe_fields = fields.clone();
    zoe_fields.extend([
        ("version".to_string(), v.clone()),
        ("go".into(), "next".into()),
    ]);
    let res = zoe
        .post(s.url(&page))
        .form(&zoe_fields)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let text_q = first.questions.iter().find(|q| {
        matches!(
            q.kind,
            QuestionKind::ShortText { .. } | QuestionKind::LongText { .. }
        )
    });
    let mut hery_fields: Vec<(String, String)> = fields
        .iter()
        .filter(|(k, _)| text_q.is_none_or(|q| *k != format!("q.{}", q.id)))
        .cloned()
        .collect();
    if let Some(q) = text_q {
        hery_fields.push((format!("q.{}", q.id), "Le texte de Hery".into()));
    }
    hery_fields.extend([
        ("version".to_string(), v.clone()),
        ("go".into(), "next".into()),
    ]);
    let res = hery
        .post(s.url(&page))
        .form(&hery_fields)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    let body = text(res).await;
    assert!(
        body.contains("Une autre personne de votre Partie"),
        "{body}"
    );
    if text_q.is_some() {
        assert!(
            body.contains("Le texte de Hery"),
            "his text is kept on the page"
        );
    }
    let newer = body
        .split("name=\"version\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert_ne!(newer, v, "the page now names the version saved by Zoë");

    // Hery completes and submits; Zoë then sees that the Party has answered.
    answer_everything(&hery, &s, &survey, "receives").await;
    assert_eq!(submit(&hery, &s).await.status(), 303);
    let page = text(zoe.get(s.url("/respond")).send().await.unwrap()).await;
    assert!(page.contains("Votre Partie a répondu"), "{page}");
    let res = zoe.get(s.url("/respond/review")).send().await.unwrap();
    assert_eq!(res.status(), 303, "a submitted response is not edited");
    assert_eq!(
        count(&s, "SELECT COUNT(*) FROM response").await,
        1,
        "one for MG; Kenya's contact only looked"
    );
    assert_eq!(
        count(&s, "SELECT COUNT(*) FROM invitation WHERE submitted").await,
        2,
        "both of the Party's invitations count as answered (no reminders)"
    );
    s.stop().await;
}

#[tokio::test]
async fn a_submitted_response_is_reopened_and_changed_when_the_consultation_allows_it() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    add_contact(&c, &s, "CL", "Ignacio", "i@cl.example", "es").await;
    let survey = every_kind(true);
    open_and_invite(&c, &s, &survey).await;
    let links = outbox_links(&s, 1).await;
    let r = open_link(&s, &links["i@cl.example"]).await;
    answer_everything(&r, &s, &survey, "neither").await;
    assert_eq!(submit(&r, &s).await.status(), 303);
    let home = text(r.get(s.url("/respond")).send().await.unwrap()).await;
    assert!(home.contains("Cambiar las respuestas enviadas"));
    let v = respond_version(&r, &s, "/respond").await;
    let res = r
        .post(s.url("/respond/reopen"))
        .form(&[("version", v.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    // While reopened, what was submitted still counts.
    let before = dump(&s, "response").await[0]["submitted"].clone();
    let res = post_step(
        &r,
        &s,
        "/respond/profile",
        &pairs(&[("support", "provides")]),
        "next",
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(dump(&s, "response").await[0]["submitted"], before);
    assert_eq!(submit(&r, &s).await.status(), 303);
    let rows = dump(&s, "response").await;
    assert_eq!(rows[0]["support"], "provides");
    assert_eq!(rows[0]["stage"], "submitted");
    assert_eq!(
        count(&s, "SELECT SUM(submissions) FROM response_day").await,
        1,
        "a resubmission is not a new response"
    );
    s.stop().await;
}

#[tokio::test]
async fn bad_input_gets_a_clear_4xx_and_changes_nothing() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    add_contact(&c, &s, "PE", "Rosa", "r@pe.example", "es").await;
    open_and_invite(&c, &s, &every_kind(false)).await;
    let links = outbox_links(&s, 1).await;
    let r = open_link(&s, &links["r@pe.example"]).await;
    let res = post_step(
        &r,
        &s,
        "/respond/profile",
        &pairs(&[("support", "both")]),
        "next",
    )
    .await;
    assert_eq!(res.status(), 303);
    let v = respond_version(&r, &s, "/respond/section/s1").await;
    let before = dump(&s, "response").await;
    let form = |extra: &[(&str, &str)]| {
        let mut f = vec![("version", v.as_str()), ("go", "next")];
        f.extend_from_slice(extra);
        serde_urlencoded::to_string(&f).unwrap()
    };
    let cases: Vec<(&str, String, &str, u16)> = vec![
        (
            "/respond/section/s1",
            form(&[("q.nope", "x")]),
            "application/x-www-form-urlencoded",
            400,
        ),
        (
            "/respond/section/s1",
            form(&[("q.gate", "maybe")]),
            "application/x-www-form-urlencoded",
            400,
        ),
        (
            "/respond/section/s1",
            form(&[("q.gate", "yes"), ("q.gate", "no")]),
            "application/x-www-form-urlencoded",
            400,
        ),
        (
            "/respond/section/s1",
            form(&[("q.grid.r1", "0")]),
            "application/x-www-form-urlencoded",
            400,
        ),
        (
            "/respond/section/s2",
            form(&[("q.grid.r9", "0")]),
            "application/x-www-form-urlencoded",
            400,
        ),
        (
            "/respond/section/s2",
            form(&[("q.rank.9", "x")]),
            "application/x-www-form-urlencoded",
            400,
        ),
        (
            "/respond/section/s2",
            form(&[("q.num.1", "3")]),
            "application/x-www-form-urlencoded",
            400,
        ),
        (
            "/respond/section/s1",
            "q.scale=1&go=next".into(),
            "application/x-www-form-urlencoded",
            400,
        ),
        (
            "/respond/section/s1",
            "q.scale=1&go=next&version=abc".into(),
            "application/x-www-form-urlencoded",
            400,
        ),
        (
            "/respond/section/s1",
            form(&[("go", "explode")]).replace("go=next&", ""),
            "application/x-www-form-urlencoded",
            400,
        ),
        (
            "/respond/profile",
            form(&[("support", "donor")]),
            "application/x-www-form-urlencoded",
            400,
        ),
        (
            "/respond/profile",
            form(&[("q.gate", "yes")]),
            "application/x-www-form-urlencoded",
            400,
        ),
        (
            "/respond/section/s9",
            form(&[]),
            "application/x-www-form-urlencoded",
            404,
        ),
        (
            "/respond/section/s1",
            "{\"q.gate\":\"yes\"}".into(),
            "application/json",
            415,
        ),
        (
            "/respond/section/s1",
            "q.gate=yes".into(),
            "text/plain",
            415,
        ),
        (
            "/respond/section/s1",
            format!("{}&q.follow={}", form(&[]), "x".repeat(300_000)),
            "application/x-www-form-urlencoded",
            413,
        ),
        (
            "/respond/submit",
            "version=zz".into(),
            "application/x-www-form-urlencoded",
            400,
        ),
        (
            "/respond/reopen",
            "".into(),
            "application/x-www-form-urlencoded",
            400,
        ),
        (
            "/respond/section/s1",
            "%ff%fe=\u{0}".into(),
            "application/x-www-form-urlencoded",
            400,
        ),
        // Percent-encoding that is no UTF-8 text (a lone surrogate, a cut
        // sequence): refused, not read with replacement characters.
        (
            "/respond/section/s1",
            format!("{}&q.gate=yes&q.follow=%ed%a0%80", form(&[])),
            "application/x-www-form-urlencoded",
            400,
        ),
        (
            "/respond/section/s1",
            format!("{}&q.gate=yes&q.follow=caf%c3", form(&[])),
            "application/x-www-form-urlencoded",
            400,
        ),
        (
            "/respond/section/s1",
            form(&[("q.gate", "yes\u{0}")]),
            "application/x-www-form-urlencoded",
            400,
        ),
    ];
    for (path, body, ctype, status) in cases {
        let res = r
            .post(s.url(path))
            .header("content-type", ctype)
            .body(body.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.status().as_u16(),
            status,
            "{path} {}",
            &body[..body.len().min(80)]
        );
        let page = text(res).await;
        assert!(page.contains("<h1"), "a page that explains: {path}");
        assert_eq!(
            dump(&s, "response").await,
            before,
            "nothing changed by {path} {}",
            &body[..body.len().min(80)]
        );
    }
    // A text over its limit and a number out of range: the page says which.
    let res = post_step(
        &r,
        &s,
        "/respond/section/s2",
        &pairs(&[("q.num", "1e9")]),
        "next",
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(text(res).await.contains("fuera del intervalo"));
    // Replaying an old form (its version is stale) is refused, not applied.
    let res = r
        .post(s.url("/respond/section/s1"))
        .form(&[("version", v.as_str()), ("go", "next"), ("q.scale", "3")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    // No link, or someone else's cookie: nothing is reached.
    let stranger = s.client();
    let res = stranger
        .post(s.url("/respond/section/s1"))
        .form(&[("version", "1"), ("go", "next")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let res = stranger
        .get(s.url("/respond/section/s1"))
        .header("cookie", format!("consulta_invite={}", "ab".repeat(32)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    s.stop().await;
}

/// Every stored answer reads as JSON the way the engine reads it: on
/// PostgreSQL cast to `jsonb` (which has no NUL), on SQLite `json_valid`;
/// and none holds an escaped control character.
async fn stored_answers_read(s: &TestServer) {
    let sql = match s.db.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => {
            "SELECT COUNT(*) FROM response WHERE (answers IS NULL OR answers::jsonb IS NOT NULL) \
             AND (submitted IS NULL OR submitted::jsonb IS NOT NULL)"
        }
        _ => {
            "SELECT COUNT(*) FROM response WHERE (answers IS NULL OR json_valid(answers)) \
             AND (submitted IS NULL OR json_valid(submitted))"
        }
    };
    assert_eq!(
        count(s, sql).await,
        count(s, "SELECT COUNT(*) FROM response").await
    );
    for row in dump(s, "response").await {
        for v in row.values() {
            assert!(
                !v.contains('\0') && !v.contains("\\u0000") && !v.contains("\\u0001"),
                "{v}"
            );
        }
    }
}

/// Control characters (a NUL, pasted or crafted) in a text, an "other"
/// text or the one-page form are refused with the field named, what was
/// typed kept, and nothing stored; numbers that are no answer ("inf",
/// "NaN", "1e999") are named; the consultation's answers read throughout.
#[tokio::test]
async fn control_characters_and_numbers_that_are_no_answer_are_refused() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    add_contact(&c, &s, "KE", "Amani", "amani@ke.example", "en").await;
    let survey = every_kind(false);
    open_and_invite(&c, &s, &survey).await;
    let links = outbox_links(&s, 1).await;
    let r = open_link(&s, &links["amani@ke.example"]).await;
    let res = post_step(
        &r,
        &s,
        "/respond/profile",
        &pairs(&[("support", "receives")]),
        "next",
    )
    .await;
    assert_eq!(res.status(), 303);
    let before = dump(&s, "response").await;
    let control = "invisible control character";
    for (fields, go, field) in [
        (
            vec![
                ("q.gate", "yes"),
                ("q.follow", "before\u{0}after"),
                ("q.multi", "a"),
                ("q.scale", "2"),
            ],
            "next",
            "q-follow",
        ),
        (
            vec![("q.gate", "yes"), ("q.follow", "before\u{1b}after")],
            "save",
            "q-follow",
        ),
        (
            vec![("q.gate", "_other"), ("q.gate.other", "before\u{0}after")],
            "back",
            "q-gate",
        ),
        // A question that does not apply is not stored with it either.
        (
            vec![("q.gate", "no"), ("q.follow", "before\u{0}after")],
            "lang-fr",
            "q-follow",
        ),
    ] {
        let res = post_step(&r, &s, "/respond/section/s1", &pairs(&fields), go).await;
        assert_eq!(res.status(), 422, "{fields:?} {go}");
        let page = text(res).await;
        assert!(page.contains(control), "{page}");
        assert!(
            page.contains(&format!("href=\"#{field}\"")),
            "the field is named: {page}"
        );
        assert!(
            page.contains("before") && page.contains("after"),
            "what was typed is kept"
        );
        assert_eq!(dump(&s, "response").await, before, "nothing saved");
    }
    // The one-page form's submit: refused whole, nothing written.
    let mut so_far = Answers::new();
    let mut fields = fill_section(
        &survey,
        &app::domain::survey::answers::whole(&survey),
        &mut so_far,
    );
    fields.push(("support".into(), "receives".into()));
    let mut bad = fields.clone();
    bad.retain(|(k, _)| k != "q.follow");
    bad.push(("q.follow".into(), "Capacité\u{0}".into()));
    let res = post_step(&r, &s, "/respond/all", &bad, "submit").await;
    assert_eq!(res.status(), 422);
    let page = text(res).await;
    assert!(page.contains(control) && page.contains("Capacité"));
    assert!(page.contains("href=\"#q-follow\""));
    assert_eq!(dump(&s, "response").await, before, "nothing saved");
    // The page still opens from what is stored.
    let res = r.get(s.url("/respond/section/s1")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    stored_answers_read(&s).await;

    // Numbers: "inf" and "NaN" are no numbers; "1e999" is too large.
    for (raw, says) in [
        ("inf", "Enter a number, for example 12 or 12.5."),
        ("NaN", "Enter a number, for example 12 or 12.5."),
        ("infinity", "Enter a number, for example 12 or 12.5."),
        ("1e999", "This number is too large or too long"),
        ("-1e16", "This number is too large or too long"),
        (
            "1234567890123456789012345678901",
            "This number is too large or too long",
        ),
    ] {
        let res = post_step(
            &r,
            &s,
            "/respond/section/s2",
            &pairs(&[("q.num", raw)]),
            "next",
        )
        .await;
        assert_eq!(res.status(), 422, "{raw}");
        let page = text(res).await;
        assert!(page.contains(says), "{raw}: {page}");
        assert!(page.contains("href=\"#q-num\""), "{raw}");
        assert!(page.contains(&format!("value=\"{raw}\"")), "{raw} as typed");
    }
    // Corrected, the response is submitted, and every answer reads.
    let res = post_step(&r, &s, "/respond/all", &fields, "submit").await;
    assert_eq!(res.status(), 303, "{}", text(res).await);
    assert_eq!(location(&res), "/respond/done");
    stored_answers_read(&s).await;
    s.stop().await;
}

/// One link holder saving in a loop is held back past the limit (429, the
/// page as typed, nothing written, before any write), whichever button;
/// another invitee's saves and submission go through.
#[tokio::test]
async fn one_link_flooding_saves_is_held_back_and_no_one_else_is() {
    let s = TestServer::start_with(&[("CONSULTA_RESPONSE_SAVES_PER_MINUTE", "4")]).await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    add_contact(&c, &s, "MG", "Hery", "hery@mg.example", "fr").await;
    add_contact(&c, &s, "PE", "Rosa", "rosa@pe.example", "es").await;
    let survey = every_kind(false);
    open_and_invite(&c, &s, &survey).await;
    let links = outbox_links(&s, 2).await;
    let flood = open_link(&s, &links["hery@mg.example"]).await;
    let other = open_link(&s, &links["rosa@pe.example"]).await;
    for i in 0..4 {
        let res = post_step(
            &flood,
            &s,
            "/respond/profile",
            &pairs(&[("support", "both")]),
            "save",
        )
        .await;
        assert_eq!(res.status(), 303, "save {i}");
    }
    let before = dump(&s, "response").await;
    assert_eq!(before.len(), 1);
    assert_eq!(before[0]["version"], "4");
    // The fifth write in the minute: refused, the page as typed.
    let res = post_step(
        &flood,
        &s,
        "/respond/section/s1",
        &pairs(&[
            ("q.gate", "yes"),
            ("q.follow", "Texte gardé tel quel"),
            ("q.scale", "2"),
        ]),
        "next",
    )
    .await;
    assert_eq!(res.status(), 429);
    let page = text(res).await;
    assert!(
        page.contains("Trop d&#x27;enregistrements") || page.contains("Trop d'enregistrements"),
        "{page}"
    );
    assert!(
        page.contains("Texte gardé tel quel"),
        "nothing typed is lost"
    );
    assert!(
        page.contains("name=\"version\" value=\"4\""),
        "on the version it was based on, to save again"
    );
    // Every other write of this link is held back too.
    let mut so_far = Answers::new();
    let mut fields = fill_section(
        &survey,
        &app::domain::survey::answers::whole(&survey),
        &mut so_far,
    );
    fields.push(("support".into(), "both".into()));
    let res = post_step(&flood, &s, "/respond/all", &fields, "submit").await;
    assert_eq!(res.status(), 429);
    assert!(text(res).await.contains("Renforcement des capacités"));
    let res = post_step(&flood, &s, "/respond/all", &fields, "save").await;
    assert_eq!(res.status(), 429);
    let res = submit(&flood, &s).await;
    assert_eq!(res.status(), 429);
    assert!(text(res).await.contains("Trop d"));
    assert_eq!(dump(&s, "response").await, before, "nothing written");
    // Another invitee is not held back: four writes (profile, two
    // sections, submit) go through.
    let review = answer_everything(&other, &s, &survey, "receives").await;
    assert_eq!(review, "/respond/review");
    let res = submit(&other, &s).await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/respond/done");
    assert_eq!(
        count(
            &s,
            "SELECT COUNT(*) FROM response WHERE stage = 'submitted'"
        )
        .await,
        1
    );
    s.stop().await;
}

/// The identifiers of the invitation side: what a response must never
/// contain, equal or derived.
async fn invitation_side(s: &TestServer, links: &HashMap<String, String>) -> Vec<String> {
    let mut ids = Vec::new();
    for row in dump(s, "invitation").await {
        ids.extend([
            row["id"].clone(),
            row["contact_id"].clone(),
            row["token_digest"].clone(),
        ]);
    }
    for row in dump(s, "contact").await {
        ids.extend([row["id"].clone(), row["email"].clone(), row["name"].clone()]);
        ids.push(row["party_code"].clone());
    }
    for path in links.values() {
        ids.push(path.trim_start_matches("/i/").to_string());
    }
    ids
}

#[tokio::test]
async fn nothing_in_the_database_links_a_response_to_an_invitation_and_order_tells_nothing() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let people = [
        ("FR", "fr@x.example", "fr"),
        ("DE", "de@x.example", "en"),
        ("ES", "es@x.example", "es"),
        ("IT", "it@x.example", "en"),
        ("PL", "pl@x.example", "en"),
        ("SE", "se@x.example", "en"),
        ("PT", "pt@x.example", "en"),
        ("NL", "nl@x.example", "en"),
    ];
    for (party, email, lang) in people {
        add_contact(&c, &s, party, email, email, lang).await;
    }
    let survey = every_kind(false);
    let id = open_and_invite(&c, &s, &survey).await;
    let links = outbox_links(&s, people.len()).await;
    let audited = count(&s, "SELECT COUNT(*) FROM audit_event").await;
    // Each answers in turn; submission order is the order of `people`.
    let mut drafts = Vec::new();
    for (_, email, _) in people {
        let r = open_link(&s, &links[email]).await;
        answer_everything(&r, &s, &survey, "receives").await;
        assert_eq!(submit(&r, &s).await.status(), 303);
        drafts.push(r);
    }
    assert_eq!(
        count(&s, "SELECT COUNT(*) FROM audit_event").await,
        audited,
        "the audit log never records respondents"
    );
    // One more has a draft only.
    add_contact(&c, &s, "AT", "at@x.example", "at@x.example", "en").await;
    invite(&c, &s, &id, &[("who", "all")]).await;
    let links = outbox_links(&s, people.len() + 1).await;
    let late = open_link(&s, &links["at@x.example"]).await;
    let res = post_step(
        &late,
        &s,
        "/respond/profile",
        &pairs(&[("support", "both")]),
        "save",
    )
    .await;
    assert_eq!(res.status(), 303);

    let forbidden = invitation_side(&s, &links).await;
    let responses = dump(&s, "response").await;
    assert_eq!(responses.len(), people.len() + 1);
    // Only these columns: no time, no language, no reference to an
    // invitation; of the invitation, its region and constituency only.
    let mut cols: Vec<&String> = responses[0].keys().collect();
    cols.sort();
    assert_eq!(
        cols,
        [
            "answers",
            "constituency",
            "consultation_id",
            "id",
            "locator",
            "region",
            "stage",
            "submitted",
            "submitted_support",
            "support",
            "version"
        ]
    );
    // The tallies summaries read hold counts by constituency, region and
    // status only.
    let tallies = dump(&s, "tally").await;
    assert!(!tallies.is_empty(), "submissions were tallied");
    for row in &tallies {
        let mut cols: Vec<&String> = row.keys().collect();
        cols.sort();
        assert_eq!(
            cols,
            [
                "constituency",
                "consultation_id",
                "counts",
                "region",
                "support"
            ]
        );
        for f in &forbidden {
            if f.len() >= 2 {
                assert!(!row["counts"].contains(f.as_str()), "a tally contains {f}");
            }
        }
    }
    for row in &responses {
        for (col, value) in row {
            for f in &forbidden {
                if f.len() >= 2 && col != "region" && col != "submitted" && col != "answers" {
                    assert!(!value.contains(f.as_str()), "response.{col} contains {f}");
                }
            }
        }
        assert_eq!(row["id"].len(), 32, "random 128-bit ids");
        assert_eq!(row["region"], "europe");
    }
    // Nothing on the invitation side says when anything happened.
    let inv_cols: Vec<String> = dump(&s, "invitation").await[0].keys().cloned().collect();
    for col in &inv_cols {
        assert!(
            !col.contains("_at") && !col.contains("time") && !col.contains("date"),
            "{col}"
        );
    }
    // Row order: what a dump lists follows the random keys, not submissions.
    if s.db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        // The outbox marks an invitation sent after the message is written:
        // wait for that last update, which would otherwise land after the
        // pass below (an updated row moves to the end of its page).
        wait_until(
            "the outbox to settle",
            std::time::Duration::from_secs(30),
            async || {
                count(
                    &s,
                    "SELECT COUNT(*) FROM outbox WHERE status IN ('queued', 'sending')",
                )
                .await
                    == 0
            },
        )
        .await;
        // Housekeeping rewrites the tables in key order once submissions
        // made it due; run it now (unconditionally: the "due" mark is per
        // process, and the other tests' servers in this one clear it). A
        // pass leaves a page whose rows another connection holds (the
        // server's own housekeeping pass, under way at the same moment) to
        // the next pass: pass again until it is settled.
        wait_until(
            "a pass to leave both tables in key order",
            std::time::Duration::from_secs(30),
            async || {
                app::ssr::services::responses::reshuffle_now(&s.db)
                    .await
                    .unwrap();
                let responses: Vec<String> = dump(&s, "response")
                    .await
                    .iter()
                    .map(|r| r["id"].clone())
                    .collect();
                responses.is_sorted()
                    && invitation_pages(&s)
                        .await
                        .values()
                        .all(|ids| ids.is_sorted())
            },
        )
        .await;
    }
    let listed: Vec<String> = dump(&s, "response")
        .await
        .iter()
        .map(|r| r["id"].clone())
        .collect();
    let mut by_key = listed.clone();
    by_key.sort();
    assert_eq!(
        listed, by_key,
        "rows are listed in the order of their random keys"
    );
    // Invitation rows are never moved off their page (no update may be
    // lost; `row_order`): the pages follow the order the invitations were
    // made in, and on each page the rows are in key order, after their
    // updates.
    if s.db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        for (page, ids) in invitation_pages(&s).await {
            let mut by_key = ids.clone();
            by_key.sort();
            assert_eq!(
                ids, by_key,
                "invitation rows of page {page}, after their updates"
            );
        }
    }
    s.stop().await;
}

#[tokio::test]
async fn after_close_linking_is_impossible_even_with_the_server_secret() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    add_contact(&c, &s, "MX", "Ana", "a@mx.example", "es").await;
    add_contact(&c, &s, "CA", "Bob", "b@ca.example", "en").await;
    let survey = every_kind(false);
    let id = open_and_invite(&c, &s, &survey).await;
    let links = outbox_links(&s, 2).await;
    let ana = open_link(&s, &links["a@mx.example"]).await;
    answer_everything(&ana, &s, &survey, "receives").await;
    assert_eq!(submit(&ana, &s).await.status(), 303);
    let bob = open_link(&s, &links["b@ca.example"]).await;
    let res = post_step(
        &bob,
        &s,
        "/respond/profile",
        &pairs(&[("support", "provides")]),
        "save",
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        count(
            &s,
            "SELECT COUNT(*) FROM response WHERE locator IS NOT NULL"
        )
        .await,
        2
    );

    let res = post_versioned(
        &c,
        &s,
        &format!("/consultations/{id}/state"),
        &[("to", "closed")],
    )
    .await;
    assert_eq!(res.status(), 303);
    // The secret the locators were derived from is gone, and so are they;
    // the unsubmitted draft is deleted; only submitted answers remain.
    assert_eq!(
        count(&s, "SELECT COUNT(*) FROM consultation_secret").await,
        0
    );
    // One response was submitted: a group under k, whose figures are never
    // published, so nothing of it is kept (a row with its region would be
    // that Party's answers to anyone who knows who answered).
    let rows = dump(&s, "response").await;
    assert!(rows.is_empty(), "{rows:?}");
    // The link now says the consultation is closed.
    let res = ana.get(s.url("/respond")).send().await.unwrap();
    assert_eq!(res.status(), 410);
    assert!(text(res).await.contains("Esta consulta está cerrada"));
    s.stop().await;
}

#[tokio::test]
async fn the_one_page_form_saves_and_submits_in_one_request() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    add_contact(&c, &s, "SN", "Awa", "awa@sn.example", "fr").await;
    add_contact(&c, &s, "JP", "Ken", "ken@jp.example", "en").await;
    let survey = every_kind(false);
    open_and_invite(&c, &s, &survey).await;
    let links = outbox_links(&s, 2).await;
    let awa = open_link(&s, &links["awa@sn.example"]).await;
    let page = text(awa.get(s.url("/respond/all")).send().await.unwrap()).await;
    assert!(page.contains("Le questionnaire complet sur une seule page"));
    assert!(page.contains("Question num (fr)") && page.contains("name=\"support\""));
    // Incomplete: refused, with every typed answer on the page again.
    let res = post_step(
        &awa,
        &s,
        "/respond/all",
        &pairs(&[("q.gate", "yes"), ("q.follow", "Mon texte"), ("q.num", "7")]),
        "submit",
    )
    .await;
    assert_eq!(res.status(), 422);
    let page = text(res).await;
    assert!(page.contains("Mon texte") && page.contains("value=\"7\""));
    assert!(
        page.contains("href=\"#q-support\""),
        "the status is named as missing"
    );
    assert!(page.contains("href=\"#q-multi\""));
    assert_eq!(
        count(
            &s,
            "SELECT COUNT(*) FROM response WHERE stage = 'submitted'"
        )
        .await,
        0
    );
    // Complete: one request saves and submits.
    let mut so_far = Answers::new();
    let mut fields = fill_section(
        &survey,
        &app::domain::survey::answers::whole(&survey),
        &mut so_far,
    );
    fields.push(("support".into(), "both".into()));
    let res = post_step(&awa, &s, "/respond/all", &fields, "submit").await;
    assert_eq!(res.status(), 303, "{}", text(res).await);
    assert_eq!(location(&res), "/respond/done");
    // A first visit can submit at once, with no draft before.
    let ken = open_link(&s, &links["ken@jp.example"]).await;
    let res = post_step(&ken, &s, "/respond/all", &fields, "submit").await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        count(
            &s,
            "SELECT COUNT(*) FROM response WHERE stage = 'submitted'"
        )
        .await,
        2
    );
    assert_eq!(
        count(&s, "SELECT COUNT(*) FROM invitation WHERE submitted").await,
        2
    );
    s.stop().await;
}

#[tokio::test]
async fn submissions_arriving_together_are_each_written_once() {
    arriving_together(Respondents::PerInvitee).await;
}

/// The writer's batches for one response per Party: three contacts of each
/// Party press "Submit" at once; one response per Party is written, the
/// others are refused, and every contact's invitation shows their Party
/// answered.
#[tokio::test]
async fn colleagues_submitting_at_once_write_one_response_per_party() {
    arriving_together(Respondents::PerParty).await;
}

async fn arriving_together(respondents: Respondents) {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let parties = ["KE", "MG", "BO", "FR", "JP", "CA", "FJ", "BR", "SN", "DE"];
    let mut emails = Vec::new();
    for (i, party) in parties.iter().cycle().take(30).enumerate() {
        let email = format!("p{i}@x.example");
        add_contact(&c, &s, party, &email, &email, "en").await;
        emails.push(email);
    }
    let mut survey = every_kind(false);
    survey.respondents = Some(respondents);
    let id = open_and_invite(&c, &s, &survey).await;
    let links = outbox_links(&s, emails.len()).await;
    let mut so_far = Answers::new();
    let mut fields = fill_section(
        &survey,
        &app::domain::survey::answers::whole(&survey),
        &mut so_far,
    );
    fields.push(("support".into(), "neither".into()));
    fields.push(("version".into(), String::new()));
    fields.push(("go".into(), "submit".into()));
    let mut clients = Vec::new();
    for e in &emails {
        clients.push(open_link(&s, &links[e]).await);
    }
    // Everyone presses "Submit" at once, one of them twice.
    let handles: Vec<_> = clients
        .iter()
        .chain(std::iter::once(&clients[0]))
        .map(|r| tokio::spawn(r.post(s.url("/respond/all")).form(&fields).send()))
        .collect();
    let mut statuses = Vec::new();
    for h in handles {
        statuses.push(h.await.unwrap().unwrap().status().as_u16());
    }
    let responses = match respondents {
        Respondents::PerInvitee => 30,
        Respondents::PerParty => parties.len() as i64,
    };
    assert_eq!(
        statuses.iter().filter(|s| **s == 303).count() as i64,
        responses,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 409).count() as i64,
        31 - responses,
        "{statuses:?}"
    );
    assert_eq!(
        count(
            &s,
            "SELECT COUNT(*) FROM response WHERE stage = 'submitted'"
        )
        .await,
        responses
    );
    assert_eq!(
        count(&s, "SELECT COUNT(*) FROM invitation WHERE submitted").await,
        30
    );
    assert_eq!(
        count(&s, "SELECT SUM(submissions) FROM response_day").await,
        responses
    );
    // The tallies count each written response once.
    let cid = app::domain::ids::ConsultationId::parse(&id).unwrap();
    let kept = app::ssr::services::tallies::read(&s.db, &cid)
        .await
        .unwrap();
    app::ssr::services::tallies::rebuild(&s.db, &cid, &survey)
        .await
        .unwrap();
    let counted = app::ssr::services::tallies::read(&s.db, &cid)
        .await
        .unwrap();
    assert_eq!(kept.table("", "").total(), responses as u64);
    assert_eq!(kept, counted);
    s.stop().await;
}

/// Each respondent page reads only what it shows: a question page shows
/// the glossary terms its questions link (and no other), the profile and
/// the review the invitee's region; the welcome page needs neither.
#[tokio::test]
async fn respondent_pages_show_their_glossary_terms_and_region() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    add_contact(&c, &s, "KE", "Wanjiru", "w@ke.example", "en").await;
    let id = open_consultation(&c, &s, "needs-assessment-19-41b", "2099-03-31T17:00").await;
    invite(&c, &s, &id, &[("who", "all")]).await;
    let survey = app::domain::survey::templates::find("needs-assessment-19-41b")
        .unwrap()
        .survey();
    let links = outbox_links(&s, 1).await;
    let kenya = open_link(&s, &links["w@ke.example"]).await;
    let page = |path: String| {
        let kenya = kenya.clone();
        let url = s.url(&path);
        async move {
            let res = kenya.get(url).send().await.unwrap();
            assert_eq!(res.status(), 200, "{path}");
            text(res).await
        }
    };
    let home = page("/respond".into()).await;
    assert!(home.contains("You have not started yet"), "{home}");
    assert!(!home.contains("<details>"));
    for section in &survey.sections {
        let linked: Vec<&String> = section.questions.iter().flat_map(|q| &q.terms).collect();
        let html = page(format!("/respond/section/{}", section.id)).await;
        for (key, term) in [
            ("management-authority", "Management Authority"),
            ("scientific-authority", "Scientific Authority"),
            ("non-detriment-finding", "non-detriment finding"),
        ] {
            assert_eq!(
                html.contains(&format!("<details><summary>{term}</summary>")),
                linked.iter().any(|k| *k == key),
                "{term} on section {}",
                section.id
            );
        }
    }
    let profile = page("/respond/profile".into()).await;
    assert!(profile.contains("Africa"), "{profile}");
    let res = post_step(
        &kenya,
        &s,
        "/respond/profile",
        &pairs(&[("support", "receives")]),
        "save",
    )
    .await;
    assert_eq!(res.status(), 303);
    let review = page("/respond/review".into()).await;
    assert!(review.contains("Africa"), "{review}");
    s.stop().await;
}
