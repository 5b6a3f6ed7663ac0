//! Organisers review summaries: tallies kept in step with submissions,
//! disclosure control on pages and exports, workshops scoping organisers to
//! their regions by every URL, free text, monitoring —
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
pub(crate) async fn with_demo() -> (TestServer, String) {
    let s = TestServer::start_with(&[("CONSULTA_DEMO_DATA", "true")]).await;
    let id: String =
        s.db.query_one_raw(Statement::from_string(
            s.db.get_database_backend(),
            "SELECT consultation_id AS id FROM workshop_consultation".to_string(),
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get("", "id")
        .unwrap();
    (s, id)
}

pub(crate) async fn get(c: &Client, s: &TestServer, path: &str) -> (u16, String) {
    let res = c.get(s.url(path)).send().await.unwrap();
    let status = res.status().as_u16();
    (status, text(res).await)
}

pub(crate) async fn organiser(s: &TestServer, email: &str, regions: &[Region]) -> Client {
    accounts::create(
        &s.db,
        s.config().password_cost,
        email,
        Role::Organiser,
        regions,
        DEMO_PASSWORD,
    )
    .await
    .unwrap();
    s.signed_in(email).await
}

/// Parses a CSV export (after its byte-order mark) into rows of fields.
pub(crate) fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
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
async fn an_organiser_sees_only_their_regions_by_every_url() {
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
    // Free text of another region: not there.
    for region in ["europe", "asia", "csca", "north_america", "oceania", ""] {
        let (st, _) = get(
            &africa,
            &s,
            &format!("/consultations/{id}/summary/texts/needs_detail?region={region}&page=1"),
        )
        .await;
        assert_eq!(st, 404, "texts of {region:?}");
    }
    // Monitoring and workshop editing are the Secretariat's.
    let (st, _) = get(&africa, &s, &format!("/consultations/{id}/monitoring")).await;
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
        ("description_en", ""),
        ("description_fr", ""),
        ("description_es", ""),
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
    // (an item's line counts those of a shown group who chose it). The
    // Parties' lines, and every constituency's group sizes (a Committee's
    // question lines count those of a shown group who answered, as the
    // Parties' do: constituency_summaries checks those).
    for r in rows.iter().skip(1) {
        let group_line =
            r.last().map(String::as_str) == Some("Parties") || r[0].ends_with("Responses");
        if let (Ok(n), true, true) = (r[3].parse::<u64>(), r[4].is_empty(), group_line) {
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
            ("description_en", ""),
            ("description_fr", ""),
            ("description_es", ""),
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
            ("description_en", ""),
            ("description_fr", ""),
            ("description_es", ""),
            ("starts_on", "2027-05-02"),
            ("ends_on", "2027-05-04"),
            ("venue", ""),
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
            ("description_en", ""),
            ("description_fr", ""),
            ("description_es", ""),
            ("starts_on", "2027-05-02"),
            ("ends_on", "2027-05-04"),
            ("venue", ""),
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
                    ("description_en", ""),
                    ("description_fr", ""),
                    ("description_es", ""),
                    ("starts_on", "2027-05-02"),
                    ("ends_on", "2027-05-04"),
                    ("venue", ""),
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

// ---------------------------------------------------------------------------
// Issue 15: readers are attackers too. One test per attack: reading results
// while they change, recovering a withheld figure from every export,
// intersecting or ordering free-text lists, linking with a copy of the
// database after close, reading one response's value off a number question.
// ---------------------------------------------------------------------------

use app::domain::disclosure::{Figure, Pattern, Table, lower_bound, upper_bound};
use app::domain::survey::{
    Choice, Decision, Question, QuestionKind, Respondents, Section, Survey, Text,
};
use std::collections::BTreeMap;

pub(crate) fn same(s: &str) -> Text {
    Text::new(s, s, s)
}

/// Choices `ids`, labelled "Option <id>".
pub(crate) fn options(ids: &[&str]) -> Vec<Choice> {
    ids.iter()
        .map(|i| Choice {
            id: i.to_string(),
            label: same(&format!("Option {i}")),
        })
        .collect()
}

pub(crate) fn question(id: &str, required: bool, kind: QuestionKind) -> Question {
    Question {
        id: id.into(),
        prompt: same(&format!("Question {id}")),
        help: Text::default(),
        required,
        kind,
        condition: None,
        terms: vec![],
    }
}

/// A one-section consultation of `questions`, one response per invitee.
pub(crate) fn one_section(title: &str, questions: Vec<Question>) -> Survey {
    Survey {
        title: same(title),
        introduction: same("Introduction."),
        decision: Decision::Other,
        respondents: Some(Respondents::PerInvitee),
        sections: vec![Section {
            id: "s".into(),
            title: same("Section"),
            introduction: Text::default(),
            questions,
        }],
        ..Default::default()
    }
}

/// One Party's response: its code, its declared status, and the fields of
/// the one-page form (`q.<id>` → value, repeated for several choices).
pub(crate) struct Answering {
    pub(crate) party: &'static str,
    pub(crate) support: &'static str,
    pub(crate) fields: Vec<(String, String)>,
}

pub(crate) fn answering(
    party: &'static str,
    support: &'static str,
    fields: &[(&str, &str)],
) -> Answering {
    Answering {
        party,
        support,
        fields: fields
            .iter()
            .map(|(q, v)| (format!("q.{q}"), v.to_string()))
            .collect(),
    }
}

/// Imports and opens `survey`, adds one contact per Party of `who`,
/// invites them all, and submits each response through the one-page form,
/// in the order given; returns the consultation's id.
pub(crate) async fn run(c: &Client, s: &TestServer, survey: &Survey, who: &[Answering]) -> String {
    for (i, a) in who.iter().enumerate() {
        let email = format!("p{i}@{}.example", a.party.to_lowercase());
        add_contact(c, s, a.party, &format!("Person {i}"), &email, "en").await;
    }
    let id = open_imported(c, s, survey, "2099-06-30T12:00").await;
    invite(c, s, &id, &[("who", "all")]).await;
    let links = outbox_links(s, who.len()).await;
    for (i, a) in who.iter().enumerate() {
        let email = format!("p{i}@{}.example", a.party.to_lowercase());
        let r = open_link(s, &links[&email]).await;
        let mut fields = a.fields.clone();
        fields.push(("support".into(), a.support.into()));
        let res = post_step(&r, s, "/respond/all", &fields, "submit").await;
        assert_eq!(res.status(), 303, "{}: {}", a.party, text(res).await);
    }
    id
}

/// Closes consultation `id` as the Secretariat's form does.
pub(crate) async fn close(c: &Client, s: &TestServer, id: &str) {
    let res = post_versioned(
        c,
        s,
        &format!("/consultations/{id}/state"),
        &[("to", "closed")],
    )
    .await;
    assert_eq!(res.status(), 303, "close: {}", text(res).await);
}

/// The bytes at `path`, which must answer 200.
pub(crate) async fn download(c: &Client, s: &TestServer, path: &str) -> Vec<u8> {
    let res = c.get(s.url(path)).send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    res.bytes().await.unwrap().to_vec()
}

/// Every cell of every sheet of an XLSX file, as text.
fn xlsx_cells(bytes: &[u8]) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut rows = Vec::new();
    for name in book.sheet_names() {
        let sheet = book.worksheet_range(&name).unwrap();
        rows.extend(
            sheet
                .rows()
                .map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>()),
        );
    }
    rows
}

const RESULTS_PENDING: &str = "Results after the consultation closes";

/// Region names in `Region::ALL` order and status labels in `Support::ALL`
/// order, as the English exports write them.
const REGION_NAMES: [&str; 6] = [
    "Africa",
    "Asia",
    "Central and South America and the Caribbean",
    "Europe",
    "North America",
    "Oceania",
];
const STATUS_NAMES: [&str; 4] = [
    "Provides support",
    "Receives support",
    "Both provides and receives support",
    "Neither provides nor receives support",
];

/// The figure of the region × status table that an export's group label
/// names.
pub(crate) fn figure_of(label: &str) -> Figure {
    if label == "All responses" {
        return Figure::Total;
    }
    if let Some(r) = REGION_NAMES.iter().position(|n| *n == label) {
        return Figure::Row(r);
    }
    if let Some(c) = STATUS_NAMES.iter().position(|n| *n == label) {
        return Figure::Column(c);
    }
    let (region, status) = label
        .split_once(" — ")
        .unwrap_or_else(|| panic!("a group label: {label:?}"));
    Figure::Cell(
        REGION_NAMES.iter().position(|n| *n == region).unwrap(),
        STATUS_NAMES.iter().position(|n| *n == status).unwrap(),
    )
}

#[tokio::test]
async fn an_open_consultations_results_are_refused_and_frozen_at_close() {
    // Guards against results computed live: before this change every page
    // below answered 200 with figures that moved with each submission, so
    // the 409 assertions fail on the old behaviour.
    let s = TestServer::start().await;
    let sec = s.signed_in(SECRETARIAT_EMAIL).await;
    let survey = one_section(
        "Frozen results",
        vec![
            question(
                "pick",
                true,
                QuestionKind::SingleChoice {
                    options: options(&["a", "b"]),
                    other: false,
                },
            ),
            question("note", true, QuestionKind::ShortText { max_length: 200 }),
        ],
    );
    let who: Vec<Answering> = ["SN", "KE", "GH", "NG", "ZA", "EG"]
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            answering(
                p,
                "receives",
                &[
                    ("pick", if i < 4 { "a" } else { "b" }),
                    ("note", "Training for customs officers"),
                ],
            )
        })
        .collect();
    let id = run(&sec, &s, &survey, &who).await;
    // An organiser for Africa, assigned through a workshop drawing on it.
    let org = organiser(&s, "organiser.africa@example.org", &[Region::Africa]).await;
    let org_id: String =
        s.db.query_one_raw(Statement::from_string(
            s.db.get_database_backend(),
            "SELECT id FROM account WHERE email = 'organiser.africa@example.org'".to_string(),
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get("", "id")
        .unwrap();
    let res = sec
        .post(s.url("/workshops/new"))
        .form(&[
            ("title_en", "Workshop for Africa"),
            ("title_fr", "Atelier pour l'Afrique"),
            ("title_es", "Taller para África"),
            ("description_en", ""),
            ("description_fr", ""),
            ("description_es", ""),
            ("starts_on", "2027-05-02"),
            ("ends_on", "2027-05-04"),
            ("venue", ""),
            ("online", "on"),
            ("languages", "en"),
            ("regions", "africa"),
            ("consultations", id.as_str()),
            ("organisers", org_id.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", text(res).await);

    let pages = [
        format!("/consultations/{id}/summary"),
        format!("/consultations/{id}/summary?by=region"),
        format!("/consultations/{id}/summary.csv?by=region"),
        format!("/consultations/{id}/summary.xlsx?by=region_status"),
        format!("/consultations/{id}/briefing"),
        format!("/consultations/{id}/summary/texts/note?region=africa&page=1"),
    ];
    for (who, c) in [("Secretariat", &sec), ("organiser", &org)] {
        for path in &pages {
            let (st, body) = get(c, &s, path).await;
            assert_eq!(st, 409, "{who}: {path} while open");
            assert!(body.contains(RESULTS_PENDING), "{who}: {path}: {body}");
            assert!(!body.contains("summary-table"), "{who}: {path}");
        }
    }

    close(&sec, &s, &id).await;
    for (who, c) in [("Secretariat", &sec), ("organiser", &org)] {
        for path in &pages {
            let (st, body) = get(c, &s, path).await;
            assert_eq!(st, 200, "{who}: {path} once closed");
            assert!(!body.contains(RESULTS_PENDING), "{who}: {path}");
        }
        let csv = download(c, &s, &format!("/consultations/{id}/summary.csv?by=region")).await;
        let rows = csv_rows(&csv);
        let africa = rows
            .iter()
            .find(|r| r[0] == "Responses" && r[2] == "Africa")
            .unwrap_or_else(|| panic!("{who}: {rows:?}"));
        assert_eq!(africa[5], "6", "{who}: the figures, once closed");
        let a = rows
            .iter()
            .find(|r| r[2] == "Africa" && r[4] == "Option a")
            .unwrap();
        assert_eq!(a[5], "4", "{who}");
        let (st, texts) = get(
            c,
            &s,
            &format!("/consultations/{id}/summary/texts/note?region=africa&page=1"),
        )
        .await;
        assert_eq!(st, 200);
        assert_eq!(texts.matches("<blockquote").count(), 6, "{who}");
        // Frozen: a second reading is the first.
        let again = download(c, &s, &format!("/consultations/{id}/summary.csv?by=region")).await;
        assert_eq!(csv, again, "{who}: the CSV is frozen");
        // The page's content too (not the document around it, whose nonce changes).
        let content = |page: &str| {
            let from = page.find("<main").expect("a main");
            let to = page.find("</main>").expect("a main");
            page[from..to].to_string()
        };
        let (st, first) = get(c, &s, &format!("/consultations/{id}/summary?by=region")).await;
        assert_eq!(st, 200);
        let (_, second) = get(c, &s, &format!("/consultations/{id}/summary?by=region")).await;
        assert_eq!(
            content(&first),
            content(&second),
            "{who}: the page is frozen"
        );
        let xlsx = |bytes: &[u8]| xlsx_cells(bytes);
        let one = download(
            c,
            &s,
            &format!("/consultations/{id}/summary.xlsx?by=region_status"),
        )
        .await;
        let two = download(
            c,
            &s,
            &format!("/consultations/{id}/summary.xlsx?by=region_status"),
        )
        .await;
        assert_eq!(xlsx(&one), xlsx(&two), "{who}: the XLSX is frozen");
    }
    // The figures were computed once: the stored tallies are gone, and the
    // results read back the same.
    assert_eq!(
        count(
            &s,
            &format!("SELECT COUNT(*) FROM tally WHERE consultation_id = '{id}'")
        )
        .await,
        0
    );
    s.stop().await;
}

#[tokio::test]
async fn the_worked_example_cannot_be_recovered_from_the_exports() {
    // Guards against protecting the group sizes alone: that pattern shows
    // Europe (6), Oceania (5), "provides" (5) and the total; option X then
    // publishes "provides" 3 and Oceania 0, which pins Europe × provides
    // at 3 (its lower bound is 3), so the `< 3` assertion fails.
    let s = TestServer::start().await;
    let sec = s.signed_in(SECRETARIAT_EMAIL).await;
    let survey = one_section(
        "Worked example",
        vec![question(
            "tools",
            true,
            QuestionKind::MultipleChoice {
                options: options(&["x", "y"]),
                max: None,
            },
        )],
    );
    let who = vec![
        answering("FR", "provides", &[("tools", "x")]),
        answering("DE", "provides", &[("tools", "x"), ("tools", "y")]),
        answering("IT", "provides", &[("tools", "x")]),
        answering("ES", "provides", &[("tools", "y")]),
        answering("NL", "receives", &[("tools", "y")]),
        answering("BE", "receives", &[("tools", "y")]),
        answering("AU", "provides", &[("tools", "y")]),
        answering("NZ", "receives", &[("tools", "y")]),
        answering("FJ", "receives", &[("tools", "y")]),
        answering("PG", "neither", &[("tools", "y")]),
        answering("WS", "neither", &[("tools", "y")]),
    ];
    let id = run(&sec, &s, &survey, &who).await;
    close(&sec, &s, &id).await;

    // The true tables: regions × statuses.
    let (europe, oceania) = (3, 5);
    let mut sizes = vec![vec![0u64; 4]; 6];
    sizes[europe] = vec![4, 2, 0, 0];
    sizes[oceania] = vec![1, 2, 0, 2];
    let mut x = vec![vec![0u64; 4]; 6];
    x[europe][0] = 3;
    let mut y = vec![vec![0u64; 4]; 6];
    y[europe] = vec![2, 2, 0, 0];
    y[oceania] = vec![1, 2, 0, 2];
    let (sizes, x, y) = (Table::new(sizes), Table::new(x), Table::new(y));

    // What every export publishes, by figure: the group sizes and the
    // counts of X and Y (`None`: withheld).
    let mut published: [BTreeMap<Figure, Option<u64>>; 3] = Default::default();
    for by in ["overall", "region", "status", "region_status"] {
        let csv = download(
            &sec,
            &s,
            &format!("/consultations/{id}/summary.csv?by={by}"),
        )
        .await;
        let rows = csv_rows(&csv);
        let mut groups = 0;
        for r in rows.iter().skip(1) {
            let figure = figure_of(&r[2]);
            let n = (!r[5].is_empty()).then(|| r[5].parse::<u64>().unwrap());
            let table = match (r[0].as_str(), r[4].as_str()) {
                ("Responses", _) => {
                    groups += 1;
                    assert_eq!(r[3], r[5], "{by}: {r:?}");
                    // A withheld group's line stands for every figure of it.
                    if n.is_none() {
                        for t in published.iter_mut() {
                            assert!(t.insert(figure, None).is_none(), "{by}: {r:?}");
                        }
                    }
                    0
                }
                ("Questions", "Option x") => 1,
                ("Questions", "Option y") => 2,
                ("Questions", "") => {
                    assert!(r[9].contains("Withheld"), "{by}: {r:?}");
                    assert!(published[0][&figure].is_none(), "{by}: {r:?}");
                    continue;
                }
                _ => panic!("{by}: an unexpected line {r:?}"),
            };
            if let Some(n) = n {
                assert!(
                    published[table].insert(figure, Some(n)).is_none(),
                    "{by}: {r:?}"
                );
            }
        }
        let expected = match by {
            "overall" => 1,
            "region" => 6,
            "status" => 4,
            _ => 24,
        };
        assert_eq!(groups, expected, "{by}: every group has its line");
    }
    // Every figure is accounted for, and every published number is true.
    let truth = [&sizes, &x, &y];
    for (t, p) in truth.iter().zip(&published) {
        assert_eq!(p.len(), sizes.figures().len(), "{p:?}");
        for (f, n) in p {
            if let Some(n) = n {
                assert_eq!(*n, t.size(*f), "{f:?}");
            }
        }
    }
    let pattern_of = |p: &BTreeMap<Figure, Option<u64>>| {
        let shown: Vec<Figure> = p
            .iter()
            .filter(|(_, n)| n.is_some())
            .map(|(f, _)| *f)
            .collect();
        Pattern::showing(&sizes, &shown)
    };
    let patterns: Vec<Pattern> = published.iter().map(pattern_of).collect();
    assert_eq!(patterns[0], patterns[1], "one pattern for every figure");
    assert_eq!(patterns[0], patterns[2], "one pattern for every figure");
    let pattern = &patterns[0];
    assert!(
        pattern.shown(Figure::Row(europe)),
        "Europe (6) is still shown: the test is not vacuous"
    );
    // Interval audit, as the disclosure module does it: a measure's
    // withheld figure is at most the most the same figure of the sizes can
    // be under what is published.
    let ceiling = |f: Figure| {
        let most = upper_bound(&sizes, pattern, |_| None, f);
        most.is_finite().then_some(most as u64)
    };
    let europe_providers = Figure::Cell(europe, 0);
    assert!(!pattern.shown(europe_providers));
    let low = lower_bound(&x, pattern, ceiling, europe_providers);
    assert!(
        low < 3.0,
        "Europe × provides in X is pinned at {low}, its value is 3"
    );
    for (i, t) in truth.iter().enumerate() {
        for f in t.figures() {
            let v = t.size(f);
            if pattern.shown(f) || v == 0 || sizes.size(f) >= 5 {
                continue;
            }
            let low = if i == 0 {
                lower_bound(t, pattern, |_| None, f)
            } else {
                lower_bound(t, pattern, ceiling, f)
            };
            assert!(low < v as f64, "table {i}: {f:?} = {v} is pinned at {low}");
        }
    }
    s.stop().await;
}

/// The texts of a free-text page, in the order listed.
fn blockquotes(page: &str) -> Vec<String> {
    page.split("<blockquote")
        .skip(1)
        .map(|part| {
            let body = &part[part.find('>').unwrap() + 1..];
            body[..body.find("</blockquote>").unwrap()].to_string()
        })
        .collect()
}

#[tokio::test]
async fn free_text_lists_never_overlap_and_each_question_has_its_own_order() {
    // Guards against lists in submission order (the same order for every
    // question, so a reader matches "first-i" to "second-i" and both to
    // the i-th Party to answer): the sequences would be equal. The old
    // lists by status and of everybody (which intersect the regions'
    // lists) fail the 404 assertions.
    let s = TestServer::start().await;
    let sec = s.signed_in(SECRETARIAT_EMAIL).await;
    let survey = one_section(
        "Free text",
        vec![
            question("first", false, QuestionKind::LongText { max_length: 500 }),
            question("second", false, QuestionKind::LongText { max_length: 500 }),
        ],
    );
    const AFRICA: [&str; 8] = ["SN", "KE", "GH", "NG", "ZA", "EG", "MA", "TZ"];
    let mut who: Vec<Answering> = AFRICA
        .iter()
        .enumerate()
        .map(|(i, p)| Answering {
            party: p,
            support: "receives",
            fields: vec![
                ("q.first".into(), format!("first-{i}")),
                ("q.second".into(), format!("second-{i}")),
            ],
        })
        .collect();
    // Europe: six responses (a shown region), three texts (under k).
    for (i, p) in ["FR", "DE", "IT", "ES", "NL", "BE"].into_iter().enumerate() {
        let fields = if i < 3 {
            vec![
                ("q.first".into(), format!("europe-first-{i}")),
                ("q.second".into(), format!("europe-second-{i}")),
            ]
        } else {
            vec![]
        };
        who.push(Answering {
            party: p,
            support: "provides",
            fields,
        });
    }
    let id = run(&sec, &s, &survey, &who).await;
    close(&sec, &s, &id).await;

    let page = |q: &str, query: &str| format!("/consultations/{id}/summary/texts/{q}?{query}");
    let mut orders = Vec::new();
    for (q, prefix) in [("first", "first-"), ("second", "second-")] {
        let (st, html) = get(&sec, &s, &page(q, "region=africa&page=1")).await;
        assert_eq!(st, 200, "{html}");
        let listed = blockquotes(&html);
        let order: Vec<usize> = listed
            .iter()
            .map(|t| {
                t.strip_prefix(prefix)
                    .unwrap_or_else(|| panic!("{q}: only Africa's own texts: {t:?}"))
                    .parse()
                    .unwrap()
            })
            .collect();
        let mut all = order.clone();
        all.sort();
        assert_eq!(all, (0..8).collect::<Vec<_>>(), "{q}: every text, once");
        orders.push(order);
    }
    // One chance in 8! that two independent shuffles agree.
    assert_ne!(
        orders[0], orders[1],
        "each question's list has an order of its own"
    );
    assert_ne!(
        orders[0],
        (0..8).collect::<Vec<_>>(),
        "nor the order of submission"
    );
    // Europe is shown (6 responses), but has only 3 texts: withheld.
    let csv = download(
        &sec,
        &s,
        &format!("/consultations/{id}/summary.csv?by=region"),
    )
    .await;
    let rows = csv_rows(&csv);
    assert!(
        rows.iter()
            .any(|r| r[0] == "Responses" && r[2] == "Europe" && r[5] == "6"),
        "{rows:?}"
    );
    for q in ["first", "second"] {
        let (st, html) = get(&sec, &s, &page(q, "region=europe&page=1")).await;
        assert_eq!(st, 200);
        assert!(html.contains("Withheld: fewer than 5 responses"), "{q}");
        assert!(blockquotes(&html).is_empty(), "{q}");
        assert!(!html.contains("europe-first") && !html.contains("europe-second"));
        // No list other than a region's: by status, by region and status,
        // of everybody.
        for query in [
            "status=receives&page=1",
            "region=africa&status=receives&page=1",
            "status=&page=1",
            "page=1",
        ] {
            let (st, html) = get(&sec, &s, &page(q, query)).await;
            assert_eq!(st, 404, "{q}?{query}");
            assert!(blockquotes(&html).is_empty(), "{q}?{query}");
        }
    }
    s.stop().await;
}

#[tokio::test]
async fn after_close_a_copy_of_the_database_ties_no_response_to_a_party() {
    // Guards against a database that still links after close: before this
    // change the invitations kept `opened`/`submitted`, the outbox and the
    // tallies stayed, responses kept their rare regions (North America 1,
    // Oceania 2) and the per-consultation secret's sealed bytes and the
    // locators stayed in the SQLite file or its write-ahead log. Each is
    // an assertion below.
    let s = TestServer::start().await;
    let sec = s.signed_in(SECRETARIAT_EMAIL).await;
    let survey = one_section(
        "A copy of the database",
        vec![question(
            "pick",
            true,
            QuestionKind::SingleChoice {
                options: options(&["a", "b"]),
                other: false,
            },
        )],
    );
    let mut who: Vec<Answering> = ["SN", "KE", "GH", "NG", "ZA", "EG"]
        .into_iter()
        .map(|p| answering(p, "receives", &[("pick", "a")]))
        .collect();
    // Asia (2) makes the regions withheld together hold 5 responses, so the
    // total is shown and the responses are kept, generalised (with only
    // North America and Oceania, the total would be withheld and every
    // response deleted, and the checks on the rows would hold vacuously).
    who.extend([
        answering("JP", "provides", &[("pick", "a")]),
        answering("IN", "neither", &[("pick", "b")]),
        answering("US", "provides", &[("pick", "a")]),
        answering("AU", "receives", &[("pick", "b")]),
        answering("NZ", "neither", &[("pick", "a")]),
    ]);
    let id = run(&sec, &s, &survey, &who).await;
    let backend = s.db.get_database_backend();
    let strings = |sql: String| {
        let db = s.db.clone();
        async move {
            db.query_all_raw(Statement::from_string(backend, sql))
                .await
                .unwrap()
                .iter()
                .filter_map(|r| r.try_get_by_index::<Option<String>>(0).unwrap())
                .collect::<Vec<String>>()
        }
    };
    let locators = strings(format!(
        "SELECT locator FROM response WHERE consultation_id = '{id}'"
    ))
    .await;
    assert_eq!(locators.len(), who.len(), "every response has its locator");
    let secret = strings(format!(
        "SELECT sealed FROM consultation_secret WHERE consultation_id = '{id}'"
    ))
    .await;
    assert_eq!(secret.len(), 1, "the consultation has its secret");
    let invitations = format!("SELECT id FROM invitation WHERE consultation_id = '{id}'");
    // Before close the invitation side knows who answered (for reminders).
    assert_eq!(
        count(
            &s,
            &format!(
                "SELECT COUNT(*) FROM invitation WHERE consultation_id = '{id}' AND submitted"
            )
        )
        .await,
        who.len() as i64
    );
    assert!(
        count(
            &s,
            &format!("SELECT COUNT(*) FROM outbox WHERE invitation_id IN ({invitations})")
        )
        .await
            > 0
    );
    assert!(
        count(
            &s,
            &format!("SELECT COUNT(*) FROM tally WHERE consultation_id = '{id}'")
        )
        .await
            > 0
    );

    // The files of a SQLite database: before close, they hold them (so the
    // scan below can see what it looks for).
    let sqlite_files = || {
        let db = s.vars["DATABASE_URL"]
            .trim_start_matches("sqlite://")
            .to_string();
        [db.clone(), format!("{db}-wal")]
            .into_iter()
            .filter_map(|path| std::fs::read(&path).ok().map(|bytes| (path, bytes)))
            .collect::<Vec<_>>()
    };
    let holds =
        |bytes: &[u8], needle: &str| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
    if backend == sea_orm::DatabaseBackend::Sqlite {
        let files = sqlite_files();
        for needle in locators.iter().chain(&secret) {
            assert!(
                files.iter().any(|(_, bytes)| holds(bytes, needle)),
                "before close, the files hold {needle}"
            );
        }
    }

    close(&sec, &s, &id).await;

    for (what, sql) in [
        (
            "invitations that remember opening, answering or reminders",
            format!(
                "SELECT COUNT(*) FROM invitation WHERE consultation_id = '{id}' \
                 AND (opened OR submitted OR reminders_sent > 0)"
            ),
        ),
        (
            "outbox rows of its invitations",
            format!("SELECT COUNT(*) FROM outbox WHERE invitation_id IN ({invitations})"),
        ),
        (
            "a reminder schedule",
            format!("SELECT COUNT(*) FROM reminder_schedule WHERE consultation_id = '{id}'"),
        ),
        (
            "the consultation's secret",
            format!("SELECT COUNT(*) FROM consultation_secret WHERE consultation_id = '{id}'"),
        ),
        (
            "tallies",
            format!("SELECT COUNT(*) FROM tally WHERE consultation_id = '{id}'"),
        ),
        (
            "responses of a withheld region (North America, Oceania, Asia)",
            format!(
                "SELECT COUNT(*) FROM response WHERE consultation_id = '{id}' \
                 AND region IN ('north_america', 'oceania', 'asia')"
            ),
        ),
        (
            "locators",
            format!(
                "SELECT COUNT(*) FROM response WHERE consultation_id = '{id}' \
                 AND locator IS NOT NULL"
            ),
        ),
    ] {
        assert_eq!(count(&s, &sql).await, 0, "after close: {what}");
    }
    assert_eq!(
        count(
            &s,
            &format!("SELECT COUNT(*) FROM invitation WHERE consultation_id = '{id}'")
        )
        .await,
        who.len() as i64,
        "the invitations themselves stay (who was invited)"
    );
    // Every group the response rows describe holds at least k = 5.
    let groups =
        s.db.query_all_raw(Statement::from_string(
            backend,
            format!(
                "SELECT region, support, submitted_support, COUNT(*) FROM response \
                 WHERE consultation_id = '{id}' GROUP BY region, support, submitted_support"
            ),
        ))
        .await
        .unwrap();
    let groups: Vec<(String, Option<String>, Option<String>, i64)> = groups
        .iter()
        .map(|r| {
            (
                r.try_get_by_index(0).unwrap(),
                r.try_get_by_index(1).unwrap(),
                r.try_get_by_index(2).unwrap(),
                r.try_get_by_index(3).unwrap(),
            )
        })
        .collect();
    assert_eq!(
        groups.iter().map(|g| g.3).sum::<i64>(),
        who.len() as i64,
        "the responses are kept (the total is shown): {groups:?}"
    );
    for g in &groups {
        assert!(g.3 >= 5, "a stored group of fewer than 5: {groups:?}");
    }
    // A copy of the SQLite files: neither the database nor its write-ahead
    // log holds a locator or the secret's sealed bytes any more.
    if backend == sea_orm::DatabaseBackend::Sqlite {
        let files = sqlite_files();
        assert!(!files.is_empty(), "the database file is read");
        for (path, bytes) in &files {
            for needle in locators.iter().chain(&secret) {
                assert!(!holds(bytes, needle), "{path} still holds {needle}");
            }
        }
    }
    s.stop().await;
}

/// Every number written in `field` (digits with a decimal point or comma;
/// thousands separators read both ways).
fn numbers_in(field: &str) -> Vec<f64> {
    let mut out = Vec::new();
    for token in field.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')) {
        let token = token.trim_matches(|c| c == '.' || c == ',');
        if token.is_empty() {
            continue;
        }
        for candidate in [token.replace(',', ""), token.replace(',', ".")] {
            if let Ok(n) = candidate.parse::<f64>() {
                out.push(n);
            }
        }
    }
    out
}

#[tokio::test]
async fn a_number_questions_export_holds_no_value_only_one_response_gave() {
    // Guards against publishing a number question's minimum, maximum or
    // median, and against bins whose edges are values given (bins from the
    // least to the greatest): 990, 1200000 or 4300 would appear in the
    // exports.
    let s = TestServer::start().await;
    let sec = s.signed_in(SECRETARIAT_EMAIL).await;
    let survey = one_section(
        "Numbers",
        vec![question(
            "amount",
            true,
            QuestionKind::Number {
                integer: false,
                min: None,
                max: None,
            },
        )],
    );
    // Seven values, so that a median would be one of them (4300); each
    // of two significant digits, as numbers are counted (rounded to two
    // significant digits), so that what a bin edge, minimum, maximum or
    // median drawn from the counted values would print is the very value
    // a Party gave.
    const VALUES: [&str; 7] = ["1200000", "7700", "3100", "2700", "4300", "990", "56000"];
    let who: Vec<Answering> = ["SN", "KE", "GH", "NG", "ZA", "EG", "MA"]
        .into_iter()
        .zip(VALUES)
        .map(|(p, v)| answering(p, "receives", &[("amount", v)]))
        .collect();
    let id = run(&sec, &s, &survey, &who).await;
    close(&sec, &s, &id).await;
    let values: Vec<f64> = VALUES.iter().map(|v| v.parse().unwrap()).collect();
    for by in ["overall", "region", "status", "region_status"] {
        let csv = csv_rows(
            &download(
                &sec,
                &s,
                &format!("/consultations/{id}/summary.csv?by={by}"),
            )
            .await,
        );
        let xlsx = xlsx_cells(
            &download(
                &sec,
                &s,
                &format!("/consultations/{id}/summary.xlsx?by={by}"),
            )
            .await,
        );
        // Not vacuous: the group of seven is shown, with its bins.
        assert!(
            csv.iter()
                .any(|r| r[0] == "Questions" && r[3] == "7" && !r[5].is_empty()),
            "{by}: {csv:?}"
        );
        for (file, rows) in [("CSV", &csv), ("XLSX", &xlsx)] {
            for row in rows.iter() {
                for field in row {
                    for n in numbers_in(field) {
                        assert!(
                            !values.iter().any(|v| (v - n).abs() < 1e-9),
                            "{by} {file}: {n} (a value one response gave) in {row:?}"
                        );
                    }
                }
            }
        }
    }
    s.stop().await;
}
