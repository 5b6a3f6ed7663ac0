//! Organisers review summaries: tallies kept in step with submissions,
//! disclosure control on pages and exports, workshops scoping organisers to
//! their regions by every URL and server function, free text, monitoring —
//! on SQLite and PostgreSQL, through HTTP as a browser without JavaScript.

use app::domain::account::Role;
use app::domain::region::Region;
use app::ssr::services::{accounts, tallies};
use reqwest::Client;
use sea_orm::{ConnectionTrait, Statement};
use tests::*;

/// A server with the demo data: the closed 19.41(b) demo consultation with
/// synthetic responses (Africa 38, Asia 24, CSCA 22, Europe 30, North
/// America 2, Oceania 6) and a demo workshop for Africa assigned to the
/// demo organiser.
async fn with_demo() -> (TestServer, String) {
    let s = TestServer::start_with(&[("CONSULTA_DEMO_DATA", "true")]).await;
    let id: String =
        s.db.query_one_raw(Statement::from_string(
            s.db.get_database_backend(),
            "SELECT id FROM consultation".to_string(),
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get("", "id")
        .unwrap();
    (s, id)
}

async fn get(c: &Client, s: &TestServer, path: &str) -> (u16, String) {
    let res = c.get(s.url(path)).send().await.unwrap();
    let status = res.status().as_u16();
    (status, text(res).await)
}

async fn server_fn(c: &Client, s: &TestServer, name: &str, body: &str) -> (u16, String) {
    let res = c
        .post(s.url(&format!("/api/{name}")))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, text(res).await)
}

async fn organiser(s: &TestServer, email: &str, regions: &[Region]) -> Client {
    accounts::create(&s.db, email, Role::Organiser, regions, DEMO_PASSWORD)
        .await
        .unwrap();
    s.signed_in(email).await
}

/// Parses a CSV export (after its byte-order mark) into rows of fields.
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with a BOM");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let mut rows = Vec::new();
    let (mut row, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match (ch, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            ('\r', false) => {}
            (c, _) => field.push(c),
        }
    }
    rows
}

#[tokio::test]
async fn tallies_follow_submissions_resubmissions_and_a_recount() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    add_contact(&c, &s, "SN", "Awa", "awa@sn.example", "fr").await;
    add_contact(&c, &s, "KE", "Wanjiru", "w@ke.example", "en").await;
    add_contact(&c, &s, "JP", "Ken", "ken@jp.example", "en").await;
    let mut survey = forty_questions();
    survey.allow_changes = true;
    let id = open_imported(&c, &s, &survey, "2099-06-30T12:00").await;
    invite(&c, &s, &id, &[("who", "all")]).await;
    let links = outbox_links(&s, 3).await;
    let cid = app::domain::ids::ConsultationId::parse(&id).unwrap();
    let recount = |s: &TestServer| {
        let db = s.db.clone();
        let cid = cid.clone();
        let survey = survey.clone();
        async move {
            let kept = tallies::read(&db, &cid).await.unwrap();
            tallies::rebuild(&db, &cid, &survey).await.unwrap();
            let counted = tallies::read(&db, &cid).await.unwrap();
            (kept, counted)
        }
    };
    // Two through the one-page form (group commit), one page by page.
    let mut so_far = Default::default();
    let mut fields = fill_section(
        &survey,
        &app::domain::survey::answers::whole(&survey),
        &mut so_far,
    );
    fields.push(("support".into(), "receives".into()));
    for email in ["awa@sn.example", "w@ke.example"] {
        let r = open_link(&s, &links[email]).await;
        let res = post_step(&r, &s, "/respond/all", &fields, "submit").await;
        assert_eq!(res.status(), 303, "{}", text(res).await);
    }
    let ken = open_link(&s, &links["ken@jp.example"]).await;
    answer_everything(&ken, &s, &survey, "provides").await;
    assert_eq!(submit(&ken, &s).await.status(), 303);
    let t = tallies::read(&s.db, &cid).await.unwrap();
    let by = |region, support| {
        app::domain::summary::summarise(
            &survey,
            &t,
            app::domain::summary::Grouping::RegionSupport,
            &Region::ALL,
            app::domain::disclosure::Threshold::new(3).unwrap(),
        )
        .responses
        .iter()
        .find(|(g, _)| g.region == Some(region) && g.support == Some(support))
        .map(|(_, n)| *n)
        .unwrap()
    };
    use app::domain::response::Support;
    // Three responses in all: every group is under k = 3 but Africa × receives.
    assert_eq!(by(Region::Africa, Support::Receives), None);
    let (kept, counted) = recount(&s).await;
    assert_eq!(
        kept.table("", "").total(),
        3,
        "three submitted responses are counted"
    );
    assert_eq!(
        kept.table("s0q0", "c0"),
        counted.table("s0q0", "c0"),
        "kept in step"
    );
    // Ken reopens, changes his status and his first answer, resubmits.
    let res = ken
        .post(s.url("/respond/reopen"))
        .form(&[("version", respond_version(&ken, &s, "/respond").await)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", text(res).await);
    let res = post_step(
        &ken,
        &s,
        "/respond/profile",
        &[("support".into(), "both".into())],
        "next",
    )
    .await;
    assert_eq!(res.status(), 303);
    let mut section = fill_section(&survey, &survey.sections[0], &mut Default::default());
    section[0].1 = "c3".into();
    let res = post_step(&ken, &s, "/respond/section/s0", &section, "next").await;
    assert_eq!(res.status(), 303, "{}", text(res).await);
    assert_eq!(submit(&ken, &s).await.status(), 303);
    let (kept, counted) = recount(&s).await;
    assert_eq!(
        kept.table("", "").total(),
        3,
        "a resubmission is not a new response"
    );
    for (q, item) in [("", ""), ("s0q0", "c0"), ("s0q0", "c3"), ("s1q7", "")] {
        assert_eq!(kept.table(q, item), counted.table(q, item), "{q}|{item}");
    }
    let asia_both = kept.table("", "");
    assert_eq!(
        asia_both.cell(1, 2),
        1,
        "Japan's response moved to Asia × both"
    );
    assert_eq!(asia_both.cell(1, 0), 0, "and left Asia × provides");
    assert_eq!(kept.table("s0q0", "c3").total(), 1);
    s.stop().await;
}

#[tokio::test]
async fn an_organiser_sees_only_their_regions_by_every_url_and_server_function() {
    let (s, id) = with_demo().await;
    let africa = s.signed_in(ORGANISER_EMAIL).await;
    // Listed, with the workshop that opens it.
    let (st, page) = get(&africa, &s, "/summaries").await;
    assert_eq!(st, 200);
    assert!(page.contains(&format!("/consultations/{id}/summary")));
    let (st, page) = get(&africa, &s, "/workshops").await;
    assert_eq!(st, 200);
    assert!(page.contains("[DEMO] Regional workshop for Africa"));
    // Every grouping asked for, even those across regions, shows Africa only.
    for by in ["overall", "region", "status", "region_status", "nonsense"] {
        let (st, page) = get(&africa, &s, &format!("/consultations/{id}/summary?by={by}")).await;
        assert_eq!(st, 200, "{by}");
        assert!(page.contains("Africa"), "{by}");
        for other in [
            "Europe",
            "Asia",
            "North America",
            "Oceania",
            "All responses",
        ] {
            assert!(
                !page.contains(&format!("<th scope=\"row\">{other}")),
                "{by}: {other} is not theirs"
            );
        }
        let (st, body) = server_fn(&africa, &s, "load_summary", &format!("id={id}&by={by}")).await;
        assert_eq!(st, 200);
        assert!(
            !body.contains("Europe") && !body.contains("\"All responses\""),
            "{by}: {body}"
        );
        let res = africa
            .get(s.url(&format!("/consultations/{id}/summary.csv?by={by}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let rows = csv_rows(&res.bytes().await.unwrap());
        assert!(rows.len() > 10);
        assert!(
            rows.iter().skip(1).all(|r| r[2].starts_with("Africa")),
            "{by}: only Africa's groups in the CSV"
        );
    }
    // Free text of another region, by URL and server function: not there.
    for region in ["europe", "asia", "csca", "north_america", "oceania", ""] {
        let (st, _) = get(
            &africa,
            &s,
            &format!("/consultations/{id}/summary/texts/needs_detail?region={region}&page=1"),
        )
        .await;
        assert_eq!(st, 404, "texts of {region:?}");
        let (st, _) = server_fn(
            &africa,
            &s,
            "load_texts",
            &format!("id={id}&question=needs_detail&region={region}&status=&page=1"),
        )
        .await;
        assert_eq!(st, 404, "load_texts {region:?}");
    }
    // Monitoring and workshop editing are the Secretariat's.
    let (st, _) = get(&africa, &s, &format!("/consultations/{id}/monitoring")).await;
    assert_eq!(st, 403);
    let (st, _) = server_fn(&africa, &s, "load_monitoring", &format!("id={id}")).await;
    assert_eq!(st, 403);
    let res = africa
        .post(s.url("/workshops/new"))
        .form(&[("title_en", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);

    // An organiser for Europe, assigned to no workshop: nothing, anywhere.
    let europe = organiser(&s, "organiser.europe@example.org", &[Region::Europe]).await;
    let (st, page) = get(&europe, &s, "/summaries").await;
    assert_eq!(st, 200);
    assert!(!page.contains(&id));
    for path in [
        format!("/consultations/{id}/summary"),
        format!("/consultations/{id}/summary?by=region"),
        format!("/consultations/{id}/summary.csv"),
        format!("/consultations/{id}/summary.xlsx?by=region_status"),
        format!("/consultations/{id}/briefing"),
        format!("/consultations/{id}/summary/texts/needs_detail?region=europe&page=1"),
    ] {
        let (st, body) = get(&europe, &s, &path).await;
        assert_eq!(st, 404, "{path}");
        assert!(!body.contains("summary-table"), "{path}");
    }
    for (f, args) in [
        ("load_summary", format!("id={id}&by=region")),
        ("load_briefing", format!("id={id}&by=region&workshop=")),
        (
            "load_texts",
            format!("id={id}&question=needs_detail&region=europe&status=&page=1"),
        ),
    ] {
        let (st, _) = server_fn(&europe, &s, f, &args).await;
        assert_eq!(st, 404, "{f}");
    }
    let wid: String =
        s.db.query_one_raw(Statement::from_string(
            s.db.get_database_backend(),
            "SELECT id FROM workshop".to_string(),
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get("", "id")
        .unwrap();
    let (st, _) = get(&europe, &s, &format!("/workshops/{wid}")).await;
    assert_eq!(st, 404, "a workshop they are not assigned to");
    let (st, _) = get(
        &europe,
        &s,
        &format!("/consultations/{id}/briefing?workshop={wid}"),
    )
    .await;
    assert_eq!(st, 404);
    // Assigned to the Africa workshop, a Europe organiser still sees no
    // region: the workshop's regions that are also theirs (none).
    let sec = s.signed_in(SECRETARIAT_EMAIL).await;
    let (_, page) = get(&sec, &s, &format!("/workshops/{wid}")).await;
    let europe_id: String =
        s.db.query_one_raw(Statement::from_string(
            s.db.get_database_backend(),
            "SELECT id FROM account WHERE email = 'organiser.europe@example.org'".to_string(),
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get("", "id")
        .unwrap();
    let demo_organiser: String =
        s.db.query_one_raw(Statement::from_string(
            s.db.get_database_backend(),
            format!("SELECT id FROM account WHERE email = '{ORGANISER_EMAIL}'"),
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get("", "id")
        .unwrap();
    let version = page
        .split("name=\"version\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let form = [
        ("version", version.as_str()),
        ("title_en", "Regional workshop for Africa"),
        ("title_fr", "Atelier régional pour l'Afrique"),
        ("title_es", "Taller regional para África"),
        ("starts_on", "2027-03-02"),
        ("ends_on", "2027-03-04"),
        ("venue", "Nairobi"),
        ("languages", "en"),
        ("regions", "africa"),
        ("consultations", id.as_str()),
        ("organisers", demo_organiser.as_str()),
        ("organisers", europe_id.as_str()),
    ];
    let res = sec
        .post(s.url(&format!("/workshops/{wid}")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", text(res).await);
    let (st, _) = get(&europe, &s, &format!("/workshops/{wid}")).await;
    assert_eq!(st, 200, "now assigned");
    let (st, _) = get(&europe, &s, &format!("/consultations/{id}/summary")).await;
    assert_eq!(st, 404, "but Africa is not their region");
    s.stop().await;
}

#[tokio::test]
async fn withheld_groups_say_so_and_exports_carry_the_same_suppression() {
    let (s, id) = with_demo().await;
    let sec = s.signed_in(SECRETARIAT_EMAIL).await;
    // By region: North America (2) is withheld, and so is the smallest
    // other region (Oceania, 6), or the total would give it away.
    let (st, page) = get(&sec, &s, &format!("/consultations/{id}/summary?by=region")).await;
    assert_eq!(st, 200);
    assert!(page.contains("Withheld: fewer than 5 responses"));
    let csv = sec
        .get(s.url(&format!("/consultations/{id}/summary.csv?by=region")))
        .send()
        .await
        .unwrap();
    assert_eq!(
        csv.headers()["content-type"].to_str().unwrap(),
        "text/csv; charset=utf-8"
    );
    let rows = csv_rows(&csv.bytes().await.unwrap());
    let responses: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] == "Responses").collect();
    let n_of = |region: &str| {
        responses
            .iter()
            .find(|r| r[2] == region)
            .map(|r| r[3].clone())
            .unwrap()
    };
    assert_eq!(n_of("Africa"), "38");
    assert_eq!(n_of("Europe"), "30");
    assert_eq!(n_of("North America"), "", "withheld");
    assert_eq!(n_of("Oceania"), "", "withheld to protect North America");
    assert!(responses.iter().any(|r| r[9].contains("Withheld")));
    // Every group shown anywhere in the export has at least k responses
    // (an item's line counts those of a shown group who chose it).
    for r in rows.iter().skip(1) {
        if let (Ok(n), true) = (r[3].parse::<u64>(), r[4].is_empty()) {
            assert!(n >= 5, "{r:?}");
        }
    }
    // XLSX: the same lines, as numbers, opened as a spreadsheet program would.
    let xlsx = sec
        .get(s.url(&format!("/consultations/{id}/summary.xlsx?by=region")))
        .send()
        .await
        .unwrap();
    assert_eq!(xlsx.status(), 200);
    let bytes = xlsx.bytes().await.unwrap();
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    use calamine::Reader;
    let sheet = book.worksheet_range("Summary").unwrap();
    let cells: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(cells.len(), rows.len(), "the same lines as the CSV");
    let africa = cells
        .iter()
        .find(|r| r[0] == "Responses" && r[2] == "Africa")
        .unwrap();
    assert_eq!(africa[3], "38");
    let na = cells
        .iter()
        .find(|r| r[0] == "Responses" && r[2] == "North America")
        .unwrap();
    assert_eq!(na[3], "");
    assert!(na[9].contains("Withheld"));
    // In Spanish, the page says so in Spanish.
    choose_language(&sec, &s, "es").await;
    let (_, page) = get(&sec, &s, &format!("/consultations/{id}/summary?by=region")).await;
    assert!(page.contains("Oculto: menos de 5 respuestas"));
    assert!(page.contains("Panorama de las necesidades"));
    // The needs overview and every kind of figure are on the page.
    let (_, page) = get(&sec, &s, &format!("/consultations/{id}/summary?by=overall")).await;
    for part in ["heat heat-", "<svg", "chart-bar", "n = 122"] {
        assert!(page.contains(part), "{part}");
    }
    s.stop().await;
}

#[tokio::test]
async fn free_text_is_shown_for_shown_groups_only_and_marked_with_its_language() {
    let (s, id) = with_demo().await;
    let sec = s.signed_in(SECRETARIAT_EMAIL).await;
    let (st, page) = get(
        &sec,
        &s,
        &format!("/consultations/{id}/summary/texts/needs_detail?region=africa&page=1"),
    )
    .await;
    assert_eq!(st, 200, "{page}");
    assert!(page.contains("<blockquote"));
    assert!(
        page.contains("lang=\"fr\"")
            || page.contains("lang=\"es\"")
            || page.contains("lang=\"en\""),
        "each text is marked with its language"
    );
    let (st, page) = get(
        &sec,
        &s,
        &format!("/consultations/{id}/summary/texts/needs_detail?region=north_america&page=1"),
    )
    .await;
    assert_eq!(st, 200);
    assert!(page.contains("Withheld: fewer than 5 responses"));
    assert!(!page.contains("<blockquote"));
    // Not a text question, a question that does not exist, a bad page: 404 or the first page.
    for q in ["capacity", "nothing", "../x"] {
        let (st, _) = get(
            &sec,
            &s,
            &format!("/consultations/{id}/summary/texts/{q}?page=1"),
        )
        .await;
        assert_eq!(st, 404, "{q}");
    }
    let (st, _) = get(
        &sec,
        &s,
        &format!("/consultations/{id}/summary/texts/needs_detail?region=africa&page=999999999999"),
    )
    .await;
    assert_eq!(st, 200, "a page past the end shows the last page");
    // Texts are listed by region only: no list by status, by region and
    // status, or of everybody, so no two lists overlap.
    for query in ["status=receives", "region=africa&status=receives", ""] {
        let (st, _) = get(
            &sec,
            &s,
            &format!("/consultations/{id}/summary/texts/needs_detail?{query}&page=1"),
        )
        .await;
        assert_eq!(st, 404, "{query}");
    }
    s.stop().await;
}

#[tokio::test]
async fn workshops_are_validated_kept_and_changed_as_of_a_version() {
    let s = TestServer::start().await;
    let sec = s.signed_in(SECRETARIAT_EMAIL).await;
    // Bad input: every problem, in French, the typed text kept.
    choose_language(&sec, &s, "fr").await;
    let res = sec
        .post(s.url("/workshops/new"))
        .form(&[
            ("title_en", "Workshop"),
            ("title_fr", "Atelier d'Asie"),
            ("title_es", ""),
            ("starts_on", "2027-05-10"),
            ("ends_on", "2027-05-02"),
            ("venue", ""),
            ("regions", "asia"),
            ("regions", "atlantis"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let page = text(res).await;
    for msg in [
        "Le dernier jour ne peut pas précéder le premier.",
        "Indiquez un lieu ou cochez « En ligne ».",
        "Choisissez au moins une langue de travail.",
    ] {
        assert!(page.contains(msg), "{msg}");
    }
    assert!(page.contains("Atelier d&#39;Asie") || page.contains("Atelier d'Asie"));
    assert!(page.contains("value=\"2027-05-10\""));
    assert_eq!(count(&s, "SELECT COUNT(*) FROM workshop").await, 0);
    // A workshop linking a consultation that does not exist: refused, nothing kept.
    let res = sec
        .post(s.url("/workshops/new"))
        .form(&[
            ("title_en", "Workshop for Asia"),
            ("title_fr", "Atelier pour l'Asie"),
            ("title_es", "Taller para Asia"),
            ("starts_on", "2027-05-02"),
            ("ends_on", "2027-05-04"),
            ("online", "on"),
            ("languages", "en"),
            ("regions", "asia"),
            ("consultations", &"ab".repeat(16)),
        ])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_client_error(), "{}", res.status());
    assert_eq!(count(&s, "SELECT COUNT(*) FROM workshop").await, 0);
    // A good one.
    let res = sec
        .post(s.url("/workshops/new"))
        .form(&[
            ("title_en", "Workshop for Asia"),
            ("title_fr", "Atelier pour l'Asie"),
            ("title_es", "Taller para Asia"),
            ("starts_on", "2027-05-02"),
            ("ends_on", "2027-05-04"),
            ("online", "on"),
            ("languages", "en"),
            ("languages", "fr"),
            ("regions", "asia"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", text(res).await);
    let at = location(&res);
    let (st, page) = get(&sec, &s, at.split('?').next().unwrap()).await;
    assert_eq!(st, 200);
    assert!(page.contains("Atelier pour l&#39;Asie") || page.contains("Atelier pour l'Asie"));
    assert!(page.contains("En ligne"));
    // Two editors: the second save, on the first version, is refused.
    let version = page
        .split("name=\"version\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let path = at.split('?').next().unwrap().to_string();
    let save = |title: &'static str, version: String| {
        let sec = sec.clone();
        let url = s.url(&path);
        async move {
            sec.post(url)
                .form(&[
                    ("version", version.as_str()),
                    ("title_en", title),
                    ("title_fr", title),
                    ("title_es", title),
                    ("starts_on", "2027-05-02"),
                    ("ends_on", "2027-05-04"),
                    ("online", "on"),
                    ("languages", "en"),
                    ("regions", "asia"),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(save("First", version.clone()).await.status(), 303);
    let res = save("Second", version).await;
    assert_eq!(res.status(), 409);
    assert!(text(res).await.contains("Second"), "the typed text is kept");
    assert_eq!(
        count(&s, "SELECT COUNT(*) FROM workshop WHERE title_en = 'First'").await,
        1
    );
    s.stop().await;
}

#[tokio::test]
async fn monitoring_counts_invitations_and_responses_for_the_secretariat() {
    let (s, id) = with_demo().await;
    let sec = s.signed_in(SECRETARIAT_EMAIL).await;
    let (st, page) = get(&sec, &s, &format!("/consultations/{id}/monitoring")).await;
    assert_eq!(st, 200);
    assert!(page.contains("Responses received"));
    // Counters, never answers: no question of the consultation is on it.
    assert!(!page.contains("Management Authority"));
    assert!(page.contains("<td>38</td>"), "Africa's 38 responses");
    s.stop().await;
}

#[tokio::test]
async fn tallies_stay_exact_when_two_instances_submit_at_once() {
    let a = TestServer::start().await;
    let c = a.signed_in(SECRETARIAT_EMAIL).await;
    let parties = [
        "SN", "KE", "JP", "FR", "BR", "AU", "US", "MX", "DE", "IN", "ZA", "CL",
    ];
    for (i, p) in parties.iter().enumerate() {
        add_contact(
            &c,
            &a,
            p,
            &format!("Person {i}"),
            &format!("p{i}@x.example"),
            "en",
        )
        .await;
    }
    let survey = forty_questions();
    let id = open_imported(&c, &a, &survey, "2099-06-30T12:00").await;
    invite(&c, &a, &id, &[("who", "all")]).await;
    let links = outbox_links(&a, parties.len()).await;
    let b = a.start_sharing(&[]).await;
    let mut so_far = Default::default();
    let fields = fill_section(
        &survey,
        &app::domain::survey::answers::whole(&survey),
        &mut so_far,
    );
    let mut tasks = Vec::new();
    for (i, (_, link)) in links.iter().enumerate() {
        let server = if i % 2 == 0 { &a } else { &b };
        let r = open_link(server, link).await;
        let mut f = fields.clone();
        f.push((
            "support".into(),
            ["provides", "receives", "both", "neither"][i % 4].into(),
        ));
        let url = server.url("/respond/all");
        tasks.push(tokio::spawn(async move {
            let mut all = f;
            all.push(("version".into(), String::new()));
            all.push(("go".into(), "submit".into()));
            r.post(url)
                .form(&all)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), 303);
    }
    let cid = app::domain::ids::ConsultationId::parse(&id).unwrap();
    let kept = tallies::read(&a.db, &cid).await.unwrap();
    tallies::rebuild(&a.db, &cid, &survey).await.unwrap();
    let counted = tallies::read(&a.db, &cid).await.unwrap();
    assert_eq!(kept.table("", "").total(), parties.len() as u64);
    assert_eq!(kept, counted, "no submission was lost or counted twice");
    b.stop().await;
    a.stop().await;
}
