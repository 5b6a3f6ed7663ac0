//! Constituencies beyond Parties (issue 18, item 2): Committee members and
//! partners as contacts (form and CSV), a consultation that says which
//! constituencies it invites, invitations only to those, the capacity said
//! in the e-mail and on the welcome page, one response per member and one
//! per partner organisation, no donor/recipient status asked of them, and
//! nothing of the invitation but the region and the constituency in the
//! response — on SQLite and PostgreSQL.

use app::domain::constituency::Constituency;
use app::domain::lang::Lang;
use app::domain::survey::{Decision, QuestionKind, Respondents, Section, Survey, Text};
use sea_orm::{ConnectionTrait, Statement};
use std::collections::HashMap;
use tests::*;

/// One required question and one optional text, inviting `constituencies`.
fn survey(constituencies: &[Constituency]) -> Survey {
    let mut note = question("note", QuestionKind::ShortText { max_length: 200 });
    note.required = false;
    let mut s = Survey {
        title: t("Constituencies"),
        introduction: t("Introduction"),
        closing: Text::default(),
        decision: Decision::D19_41b,
        respondents: Some(Respondents::PerParty),
        allow_changes: false,
        constituencies: vec![],
        sections: vec![Section {
            id: "s1".into(),
            title: t("Only"),
            introduction: Text::default(),
            questions: vec![
                question(
                    "pick",
                    QuestionKind::SingleChoice {
                        options: choices(&["a", "b"]),
                        other: false,
                    },
                ),
                note,
            ],
        }],
    };
    s.set_constituencies(constituencies);
    s
}

/// Posts the contact form with `fields`; returns the response.
async fn post_contact(
    c: &reqwest::Client,
    s: &TestServer,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    c.post(s.url("/contacts"))
        .form(fields)
        .send()
        .await
        .unwrap()
}

/// The text part of every message in the file outbox, by recipient address,
/// once `n` whole messages are there.
async fn outbox_texts(s: &TestServer, n: usize) -> HashMap<String, String> {
    let dir = s.vars["MAIL_URL"].trim_start_matches("file://").to_string();
    let mut found = HashMap::new();
    wait_until(
        &format!("{n} messages in the outbox"),
        std::time::Duration::from_secs(60),
        async || {
            let files: Vec<Vec<u8>> = std::fs::read_dir(&dir)
                .map(|d| {
                    d.filter_map(Result::ok)
                        .filter_map(|e| std::fs::read(e.path()).ok())
                        .collect()
                })
                .unwrap_or_default();
            if files.len() < n || !files.iter().all(|f| eml_complete(f)) {
                return false;
            }
            found = files
                .iter()
                .map(|f| {
                    let m = smtp::decode(f);
                    let to =
                        m.to.rsplit('<')
                            .next()
                            .unwrap()
                            .trim_end_matches('>')
                            .to_string();
                    (to, m.text.clone().expect("a text part"))
                })
                .collect();
            true
        },
    )
    .await;
    found
}

/// One column of the single row `sql` selects, as text (NULL: `None`).
async fn one(s: &TestServer, sql: &str, column: &str) -> Option<String> {
    let row =
        s.db.query_one_raw(Statement::from_string(
            s.db.get_database_backend(),
            sql.to_string(),
        ))
        .await
        .unwrap()
        .expect("a row");
    row.try_get::<Option<String>>("", column).unwrap()
}

#[tokio::test]
async fn committee_members_and_partners_are_added_by_form_and_csv_each_kind_checked() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    // A Party's authority, as before.
    add_contact(&c, &s, "KE", "Wanjiru Kamau", "wanjiru@ke.example", "en").await;

    // A Committee member without the region they represent, and with a
    // Party: refused, each field named, nothing typed lost.
    let res = post_contact(
        &c,
        &s,
        &[
            ("constituency", "animals_committee"),
            ("party", "KE"),
            ("region", ""),
            ("organisation", ""),
            ("name", "Ana Pérez"),
            ("email", "ana@ac.example"),
            ("role", ""),
            ("lang", "es"),
            ("active", "1"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    let page = text(res).await;
    assert!(page.contains("id=\"region-error\""), "{page}");
    assert!(page.contains("id=\"party-error\""), "{page}");
    assert!(
        page.contains("This constituency does not have this field"),
        "{page}"
    );
    assert!(page.contains("ana@ac.example"), "what was typed comes back");
    // A partner without its organisation: refused.
    let res = post_contact(
        &c,
        &s,
        &[
            ("constituency", "partner_ngo"),
            ("party", ""),
            ("region", ""),
            ("organisation", " "),
            ("name", "Sam Lee"),
            ("email", "sam@traffic.example"),
            ("role", ""),
            ("lang", "en"),
            ("active", "1"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(text(res).await.contains("id=\"organisation-error\""));
    assert_eq!(count(&s, "SELECT COUNT(*) FROM contact").await, 1);

    // Both, complete.
    let member = [
        ("constituency", "animals_committee"),
        ("party", ""),
        ("region", "csca"),
        ("organisation", ""),
        ("name", "Ana Pérez"),
        ("email", "Ana@AC.example"),
        ("role", ""),
        ("lang", "es"),
        ("active", "1"),
    ];
    let res = post_contact(&c, &s, &member).await;
    assert_eq!(res.status(), 303, "{}", text(res).await);
    let res = post_contact(
        &c,
        &s,
        &[
            ("constituency", "partner_ngo"),
            ("party", ""),
            ("region", ""),
            ("organisation", "TRAFFIC"),
            ("name", "Sam Lee"),
            ("email", "sam@traffic.example"),
            ("role", "other"),
            ("lang", "en"),
            ("active", "1"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303, "{}", text(res).await);
    // The same member again: one per Committee and address.
    let res = post_contact(&c, &s, &member).await;
    assert_eq!(res.status(), 409);
    // The same address in another Committee is another contact.
    let plants = [("constituency", "plants_committee"), ("region", "europe")];
    let mut other: Vec<(&str, &str)> = member.to_vec();
    other.retain(|(k, _)| !["constituency", "region"].contains(k));
    other.extend(plants);
    let res = post_contact(&c, &s, &other).await;
    assert_eq!(res.status(), 303, "{}", text(res).await);

    assert_eq!(
        one(
            &s,
            "SELECT party_code, region, role, constituency FROM contact \
             WHERE email = 'ana@ac.example' AND constituency = 'animals_committee'",
            "region"
        )
        .await
        .as_deref(),
        Some("csca")
    );
    assert_eq!(
        count(
            &s,
            "SELECT COUNT(*) FROM contact WHERE constituency <> 'party' \
             AND party_code IS NULL AND role = 'other'"
        )
        .await,
        3
    );
    // The edit form shows the member as stored, and corrects the region.
    let id = one(
        &s,
        "SELECT id FROM contact WHERE constituency = 'animals_committee'",
        "id",
    )
    .await
    .unwrap();
    let edit = text(
        c.get(s.url(&format!("/contacts/{id}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(
        edit.contains("<option value=\"animals_committee\" selected"),
        "{edit}"
    );
    assert!(edit.contains("<option value=\"csca\" selected"), "{edit}");
    let mut corrected: Vec<(&str, &str)> = member.to_vec();
    corrected.retain(|(k, _)| *k != "region");
    corrected.push(("region", "europe"));
    let res = post_versioned(&c, &s, &format!("/contacts/{id}"), &corrected).await;
    assert_eq!(res.status(), 303, "{}", text(res).await);
    let region = format!("SELECT region FROM contact WHERE id = '{id}'");
    assert_eq!(one(&s, &region, "region").await.as_deref(), Some("europe"));
    corrected.retain(|(k, _)| *k != "region");
    corrected.push(("region", "csca"));
    let res = post_versioned(&c, &s, &format!("/contacts/{id}"), &corrected).await;
    assert_eq!(res.status(), 303, "{}", text(res).await);
    let page = text(c.get(s.url("/contacts")).send().await.unwrap()).await;
    for shown in [
        "Animals Committee",
        "Plants Committee",
        "Non-governmental organisation",
        "TRAFFIC",
        "Central and South America and the Caribbean",
    ] {
        assert!(page.contains(shown), "{shown}");
    }
    // The form offers each constituency.
    assert!(page.contains("name=\"constituency\""));
    assert!(page.contains("value=\"finance_subcommittee\""));

    // CSV: constituency, region and organisation in any language; a
    // member without region, and a partner already stored, are reported.
    let csv = "constituency;name;email;language;region;organisation\r\n\
        Comité pour les plantes;Jean Dupont;jean@pc.example;fr;Afrique;\r\n\
        Comité de Fauna;Sin Región;sin@ac.example;es;;\r\n\
        ONG;Sam Lee;SAM@traffic.example;en;;traffic\r\n\
        ngo;Kim Park;kim@traffic.example;en;Asia;TRAFFIC\r\n";
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(csv.as_bytes().to_vec())
            .file_name("contacts.csv")
            .mime_str("text/csv")
            .unwrap(),
    );
    let res = c
        .post(s.url("/contacts/import"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let page = text(res).await;
    assert!(
        page.contains("Line 2: ready (jean@pc.example, Plants Committee)"),
        "{page}"
    );
    assert!(page.contains("Line 3: Enter a value."), "{page}");
    assert!(page.contains("Line 4: this contact"), "{page}");
    assert!(
        page.contains(
            "Line 5: ready (kim@traffic.example, Non-governmental organisation — TRAFFIC)"
        ),
        "{page}"
    );
    let key = "name=\"version\" value=\"";
    let i = page.find(key).expect("a confirmation");
    let version = page[i + key.len()..].split('"').next().unwrap().to_string();
    let res = c
        .post(s.url("/contacts/import/confirm"))
        .form(&[("version", version.as_str()), ("csv", csv)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", text(res).await);
    assert!(location(&res).contains("n=2"));
    assert_eq!(count(&s, "SELECT COUNT(*) FROM contact").await, 6);

    // Exported with its columns, it reads back as existing, every one.
    let exported = text(c.get(s.url("/contacts/export.csv")).send().await.unwrap()).await;
    assert!(
        exported.contains("party,name,email,role,language,active,constituency,region,organisation"),
        "{exported}"
    );
    assert!(exported.contains(",jean@pc.example,other,fr,yes,plants_committee,africa,"));
    assert!(exported.contains(",kim@traffic.example,other,en,yes,partner_ngo,asia,TRAFFIC"));
    assert!(exported.contains("KE,Wanjiru Kamau,wanjiru@ke.example,management,en,yes,party,,"));
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(exported.into_bytes())
            .file_name("contacts.csv")
            .mime_str("text/csv")
            .unwrap(),
    );
    let res = c
        .post(s.url("/contacts/import"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let page = text(res).await;
    assert_eq!(page.matches("this contact (Party").count(), 6, "{page}");
    s.stop().await;
}

#[tokio::test]
async fn a_committee_member_answers_in_their_capacity_without_the_status_question() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    add_contact(&c, &s, "MG", "Zoë Rakoto", "zoe@mg.example", "fr").await;
    let res = post_contact(
        &c,
        &s,
        &[
            ("constituency", "animals_committee"),
            ("party", ""),
            ("region", "north_america"),
            ("organisation", ""),
            ("name", "Ana Pérez"),
            ("email", "ana@ac.example"),
            ("role", ""),
            ("lang", "es"),
            ("active", "1"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303, "{}", text(res).await);
    // A Plants Committee member: not invited by this consultation.
    members(
        &s,
        Constituency::PlantsCommittee,
        Some("asia"),
        1,
        "pc.example",
        Lang::En,
    )
    .await;
    let survey = survey(&[Constituency::Party, Constituency::AnimalsCommittee]);
    let id = open_imported(&c, &s, &survey, "2099-03-31T17:00").await;

    // The consultation says whom it invites, and who answers for each.
    let page = text(
        c.get(s.url(&format!("/consultations/{id}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(
        page.contains("Animals Committee</strong>: one response per member"),
        "{page}"
    );
    assert!(page.contains(": one response per Party"));
    assert!(page.contains("value=\"animals_committee\" checked"));
    // Its document carries them.
    let doc = text(
        c.get(s.url(&format!("/consultations/{id}/export")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(doc.contains("\"constituencies\""), "{doc}");
    assert!(doc.contains("\"animals_committee\""), "{doc}");

    // The count says who will really be invited.
    let page = text(
        c.get(s.url(&format!("/consultations/{id}/invitations?who=all")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(page.contains("2 contacts will be invited."), "{page}");
    assert!(
        page.contains(
            "One contact chosen is not invited: this consultation does not invite its constituency."
        ),
        "{page}"
    );
    let page = text(
        c.get(s.url(&format!(
            "/consultations/{id}/invitations?who=constituency&constituency=animals_committee"
        )))
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert!(page.contains("One contact will be invited."), "{page}");
    assert!(
        page.contains("(the region they represent)"),
        "the preview's capacity"
    );
    let loc = invite(&c, &s, &id, &[("who", "all")]).await;
    assert!(loc.contains("queued=2&already=0"), "{loc}");

    // The member's e-mail says in which capacity, in Spanish; the Party's
    // authority's names the Party.
    let texts = outbox_texts(&s, 2).await;
    let ana = &texts["ana@ac.example"];
    assert!(
        ana.contains(
            "Se le pide que responda en su calidad de miembro del siguiente órgano: \
             Comité de Fauna (en representación de la región América del Norte)."
        ),
        "{ana}"
    );
    assert!(
        ana.contains("La Secretaría CITES le invita a responder"),
        "{ana}"
    );
    assert!(!ana.contains("Madagascar"));
    assert!(
        texts["zoe@mg.example"].contains("Il vous est demandé de répondre au nom de Madagascar.")
    );

    // The private link opens a welcome page saying the same.
    let links = derived_links(&s, &id).await;
    let member = open_link(&s, &links["ana@ac.example"]).await;
    let home = text(member.get(s.url("/respond")).send().await.unwrap()).await;
    assert!(
        home.contains("Comité de Fauna (en representación de la región América del Norte)"),
        "{home}"
    );
    assert!(home.contains("nada las vincula con usted."), "{home}");

    // No status question; the profile shows the constituency and region.
    let profile = text(member.get(s.url("/respond/profile")).send().await.unwrap()).await;
    assert!(!profile.contains("name=\"support\""), "{profile}");
    assert!(profile.contains("Comité de Fauna"));
    assert!(profile.contains("América del Norte"));
    let res = post_step(&member, &s, "/respond/profile", &[], "next").await;
    assert_eq!(res.status(), 303, "{}", text(res).await);
    let res = post_step(
        &member,
        &s,
        "/respond/section/s1",
        &[("q.pick".into(), "b".into())],
        "next",
    )
    .await;
    assert_eq!(res.status(), 303, "{}", text(res).await);
    let review = text(member.get(s.url("/respond/review")).send().await.unwrap()).await;
    assert!(!review.contains("#q-support"), "nothing missing: {review}");
    let res = submit(&member, &s).await;
    assert_eq!(res.status(), 303, "{}", text(res).await);
    assert_eq!(location(&res), "/respond/done");
    let done = text(member.get(s.url("/respond/done")).send().await.unwrap()).await;
    assert!(done.contains("nada las vincula a usted."), "{done}");

    // The response: its constituency and the region represented, nothing
    // else of the invitation; no status.
    let sql = "SELECT constituency, region, support, submitted_support FROM response";
    assert_eq!(count(&s, "SELECT COUNT(*) FROM response").await, 1);
    assert_eq!(
        one(&s, sql, "constituency").await.as_deref(),
        Some("animals_committee")
    );
    assert_eq!(
        one(&s, sql, "region").await.as_deref(),
        Some("north_america")
    );
    assert_eq!(one(&s, sql, "support").await, None);
    assert_eq!(one(&s, sql, "submitted_support").await, None);
    let columns_sql = match s.db.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => {
            "SELECT column_name AS name FROM information_schema.columns \
             WHERE table_name = 'response' ORDER BY column_name"
        }
        _ => "SELECT name FROM pragma_table_info('response') ORDER BY name",
    };
    let columns: Vec<String> =
        s.db.query_all_raw(Statement::from_string(
            s.db.get_database_backend(),
            columns_sql.to_string(),
        ))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String>("", "name").unwrap())
        .collect();
    assert_eq!(
        columns,
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
        ],
        "no column of the invitation but region and constituency"
    );
    // Nothing in the response names the member or their invitation.
    let row = one(&s, "SELECT submitted FROM response", "submitted")
        .await
        .unwrap();
    assert!(!row.contains("ana"), "{row}");
    assert_eq!(
        count(&s, "SELECT COUNT(*) FROM invitation WHERE submitted").await,
        1,
        "only the member's invitation is answered"
    );
    // The Parties' tallies hold no member's answer.
    assert_eq!(
        count(
            &s,
            "SELECT COUNT(*) FROM tally WHERE constituency = 'party'"
        )
        .await,
        0
    );

    // A next round invites the same constituencies.
    let res = post_versioned(
        &c,
        &s,
        &format!("/consultations/{id}/next-round"),
        &[] as &[(&str, &str)],
    )
    .await;
    assert_eq!(res.status(), 303, "{}", text(res).await);
    let next = location(&res)
        .trim_start_matches("/consultations/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let doc = text(
        c.get(s.url(&format!("/consultations/{next}/export")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(doc.contains("\"animals_committee\""), "{doc}");
    s.stop().await;
}

#[tokio::test]
async fn two_contacts_of_one_partner_organisation_share_one_response() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let emails = members(
        &s,
        Constituency::PartnerNgo,
        None,
        2,
        "ngo.example",
        Lang::Fr,
    )
    .await;
    // A contact of another organisation of the same kind answers apart.
    members(
        &s,
        Constituency::PartnerNgo,
        Some("oceania"),
        1,
        "other-ngo.example",
        Lang::En,
    )
    .await;
    let id = open_imported(
        &c,
        &s,
        &survey(&[Constituency::PartnerNgo]),
        "2099-03-31T17:00",
    )
    .await;
    let loc = invite(&c, &s, &id, &[("who", "all")]).await;
    assert!(loc.contains("queued=3&already=0"), "{loc}");
    let links = derived_links(&s, &id).await;
    let first = open_link(&s, &links[&emails[0]]).await;
    let second = open_link(&s, &links[&emails[1]]).await;
    let home = text(first.get(s.url("/respond")).send().await.unwrap()).await;
    assert!(
        home.contains(
            "au nom de votre organisation, Org ngo.example (Organisation non gouvernementale)"
        ),
        "{home}"
    );
    assert!(home.contains("Toutes les personnes invitées de votre organisation"));

    // The first saves a draft; the second finds it, and submits it.
    let res = post_step(
        &first,
        &s,
        "/respond/section/s1",
        &[
            ("q.pick".into(), "a".into()),
            ("q.note".into(), "Brouillon commun".into()),
        ],
        "save",
    )
    .await;
    assert_eq!(res.status(), 303, "{}", text(res).await);
    let page = text(
        second
            .get(s.url("/respond/section/s1"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(page.contains("Brouillon commun"), "{page}");
    let res = submit(&second, &s).await;
    assert_eq!(res.status(), 303, "{}", text(res).await);
    // One response for the organisation, and both invitations answered.
    assert_eq!(count(&s, "SELECT COUNT(*) FROM response").await, 1);
    let sql = "SELECT constituency, region FROM response";
    assert_eq!(
        one(&s, sql, "constituency").await.as_deref(),
        Some("partner_ngo")
    );
    assert_eq!(
        one(&s, sql, "region").await.as_deref(),
        Some(""),
        "worldwide"
    );
    assert_eq!(
        count(&s, "SELECT COUNT(*) FROM invitation WHERE submitted").await,
        2
    );
    let home = text(first.get(s.url("/respond")).send().await.unwrap()).await;
    assert!(home.contains("href=\"/respond/copy\""), "submitted: {home}");
    // The other organisation's contact starts a response of its own.
    let other = open_link(&s, &links["m0@other-ngo.example"]).await;
    let res = post_step(
        &other,
        &s,
        "/respond/section/s1",
        &[("q.pick".into(), "b".into())],
        "save",
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(count(&s, "SELECT COUNT(*) FROM response").await, 2);
    s.stop().await;
}

#[tokio::test]
async fn the_editor_says_which_constituencies_a_consultation_invites() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let id = create_consultation(&c, &s, "needs-assessment-19-41b").await;
    let base = format!("/consultations/{id}");
    let page = text(c.get(s.url(&base)).send().await.unwrap()).await;
    assert!(
        page.contains("<legend>Constituencies invited</legend>"),
        "{page}"
    );
    assert!(
        page.contains("value=\"party\" checked"),
        "Parties by default"
    );
    let mut fields: Vec<(&str, &str)> = vec![
        ("title_en", "Needs"),
        ("title_fr", "Besoins"),
        ("title_es", "Necesidades"),
        ("introduction_en", ""),
        ("introduction_fr", ""),
        ("introduction_es", ""),
        ("closing_en", ""),
        ("closing_fr", ""),
        ("closing_es", ""),
        ("decision", "d19_41b"),
        ("answering", "1"),
        ("respondents", "per_party"),
        ("inviting", "1"),
    ];
    // None ticked: refused, said why, and the boxes shown as sent (none
    // ticked, not the Parties stored), as is "allow changes" (unticked).
    let res = post_versioned(&c, &s, &format!("{base}/texts"), &fields).await;
    assert_eq!(res.status(), 422);
    let refused = text(res).await;
    assert!(refused.contains("Tick at least one constituency to invite."));
    assert!(!refused.contains("name=\"constituencies\" value=\"party\" checked"));
    assert!(refused.contains("name=\"constituencies\" value=\"party\""));
    assert!(!refused.contains("name=\"allow_changes\" value=\"1\" checked"));
    fields.push(("constituencies", "plants_committee"));
    fields.push(("constituencies", "partner_iplc"));
    // Refused for another reason (another version): every box sent stays ticked.
    let stale = post_with_version(&c, &s, &format!("{base}/texts"), &fields, "99999").await;
    assert_eq!(stale.status(), 409);
    let stale = text(stale).await;
    for k in ["plants_committee", "partner_iplc"] {
        assert!(
            stale.contains(&format!("value=\"{k}\" checked")),
            "{k}: {stale}"
        );
    }
    assert!(!stale.contains("value=\"party\" checked"));
    let res = post_versioned(&c, &s, &format!("{base}/texts"), &fields).await;
    assert_eq!(res.status(), 303, "{}", text(res).await);
    let page = text(c.get(s.url(&base)).send().await.unwrap()).await;
    assert!(page.contains("value=\"plants_committee\" checked"));
    assert!(!page.contains("value=\"party\" checked"), "{page}");
    assert!(page.contains(
        "Indigenous peoples and local communities</strong>: one response per organisation"
    ));
    // An unknown one is not a form a page sends.
    fields.push(("constituencies", "everyone"));
    let res = post_versioned(&c, &s, &format!("{base}/texts"), &fields).await;
    assert_eq!(res.status(), 400);
    s.stop().await;
}

#[tokio::test]
async fn migration_13_keeps_existing_contacts_as_parties_authorities() {
    use migrations::{Migrator, MigratorTrait};
    use sea_orm::Database;
    let dir = tempfile::tempdir().unwrap();
    let (url, pg) = match engine().as_str() {
        "postgres" => {
            let admin = std::env::var("CONSULTA_TEST_PG_URL").expect("CONSULTA_TEST_PG_URL");
            let name = format!("consulta_m13_{}", uuid::Uuid::new_v4().simple());
            let conn = Database::connect(&admin).await.unwrap();
            conn.execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .unwrap();
            conn.close().await.ok();
            let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
            (format!("{base}/{name}"), Some((admin.clone(), name)))
        }
        _ => (
            format!("sqlite://{}/m13.db?mode=rwc", dir.path().display()),
            None,
        ),
    };
    let db = Database::connect(&url).await.unwrap();
    // The schema as it was before constituencies, with a focal point.
    Migrator::up(&db, Some(12)).await.unwrap();
    db.execute_unprepared(
        "INSERT INTO contact (id, party_code, name, email, role, lang, active, failing, \
         failure_reason, created_at, updated_at, version) VALUES \
         ('0123456789abcdef0123456789abcdef', 'KE', 'Wanjiru Kamau', 'wanjiru@ke.example', \
         'scientific', 'fr', true, true, '550 gone', '2026-11-01 10:00:00+00:00', \
         '2026-11-02 10:00:00+00:00', 3)",
    )
    .await
    .unwrap();
    // Then every migration, as a server applies them at start.
    server::migrate(&db).await.unwrap();
    let all = app::ssr::services::contacts::list(&db).await.unwrap();
    assert_eq!(all.len(), 1);
    let c = &all[0];
    assert_eq!(c.contact.constituency, Constituency::Party);
    assert_eq!(c.contact.party.as_ref().unwrap().as_str(), "KE");
    assert_eq!(
        (c.contact.region, c.contact.organisation.clone()),
        (None, None)
    );
    assert_eq!(c.contact.name, "Wanjiru Kamau");
    assert_eq!(c.contact.email, "wanjiru@ke.example");
    assert_eq!(c.contact.lang, Lang::Fr);
    assert!(c.contact.active && c.failing);
    assert_eq!(c.failure_reason.as_deref(), Some("550 gone"));
    assert_eq!(c.version, 3);
    // The (Party, e-mail) index still holds; a member without Party is new.
    assert!(
        db.execute_unprepared(
            "INSERT INTO contact (id, party_code, name, email, role, lang, active, failing, \
             created_at, updated_at, version) VALUES ('1123456789abcdef0123456789abcdef', \
             'KE', 'Again', 'wanjiru@ke.example', 'other', 'en', true, false, \
             '2026-11-01 10:00:00+00:00', '2026-11-01 10:00:00+00:00', 0)"
        )
        .await
        .is_err()
    );
    db.execute_unprepared(
        "INSERT INTO contact (id, party_code, name, email, role, lang, active, failing, \
         created_at, updated_at, version, constituency, region) VALUES \
         ('2123456789abcdef0123456789abcdef', NULL, 'Ana', 'ana@ac.example', 'other', 'es', \
         true, false, '2026-11-01 10:00:00+00:00', '2026-11-01 10:00:00+00:00', 0, \
         'animals_committee', 'csca')",
    )
    .await
    .unwrap();
    db.close().await.ok();
    if let Some((admin, name)) = pg {
        let conn = Database::connect(&admin).await.unwrap();
        conn.execute_unprepared(&format!("DROP DATABASE {name} WITH (FORCE)"))
            .await
            .unwrap();
    }
}
