//! Summaries of constituencies beyond Parties (issue 18, item 2): Committee
//! members answer through their private links as Parties do; after close
//! their responses are summarised as groups of their own — never in the
//! Parties' figures —, with the same threshold and suppression, an
//! organiser seeing them only for their regions, and nothing stored that
//! describes a group below k — on SQLite and PostgreSQL, over HTTP.

use crate::summaries::{csv_rows, download, get, organiser};
use app::domain::constituency::Constituency;
use app::domain::lang::Lang;
use app::domain::region::Region;
use app::domain::survey::{Decision, QuestionKind, Respondents, Section, Survey, Text};
use reqwest::Client;
use sea_orm::{ConnectionTrait, Statement};
use std::collections::HashMap;
use tests::*;

/// One required choice and one optional text; the Parties and `others`
/// invited.
fn survey(title: &str, others: &[Constituency]) -> Survey {
    let mut note = question("note", QuestionKind::ShortText { max_length: 200 });
    note.required = false;
    let mut s = Survey {
        title: t(title),
        introduction: t("Introduction"),
        closing: Text::default(),
        decision: Decision::Other,
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
    let mut list = vec![Constituency::Party];
    list.extend_from_slice(others);
    s.set_constituencies(&list);
    s
}

/// The Parties that answer: Africa 5, Europe 5, Oceania 1 (withheld, and
/// with it Europe or the total).
const PARTIES: [(&str, &str, &str); 11] = [
    ("KE", "receives", "a"),
    ("SN", "receives", "a"),
    ("GH", "both", "b"),
    ("NG", "receives", "a"),
    ("ZA", "provides", "b"),
    ("FR", "provides", "b"),
    ("DE", "provides", "b"),
    ("IT", "both", "a"),
    ("ES", "provides", "b"),
    ("NL", "provides", "a"),
    ("AU", "provides", "a"),
];

/// The Animals Committee members who answer, by region represented:
/// Africa 5 (shown), Europe 3 and North America 2 (withheld, together 5).
const MEMBERS: [(&str, usize); 3] = [("africa", 5), ("europe", 3), ("north_america", 2)];

/// Everything the Secretariat's CSV export by `by` publishes of
/// consultation `id`.
async fn export(c: &Client, s: &TestServer, id: &str, by: &str) -> Vec<Vec<String>> {
    csv_rows(&download(c, s, &format!("/consultations/{id}/summary.csv?by={by}")).await)
}

/// The lines of `rows` of the constituency named `name` (last column),
/// without that column.
fn of(rows: &[Vec<String>], name: &str) -> Vec<Vec<String>> {
    rows.iter()
        .skip(1)
        .filter(|r| r.last().map(String::as_str) == Some(name))
        .map(|r| r[..r.len() - 1].to_vec())
        .collect()
}

/// Submits, through each one's private link and the one-page form, the
/// Parties' responses and, when `members`, the Committee members' (Animals
/// Committee: a choice and a note each; Plants Committee: two in Asia).
async fn answer(s: &TestServer, id: &str, members: bool) {
    let links = derived_links(s, id).await;
    for (party, support, pick) in PARTIES {
        let email = format!("fp@{}.example", party.to_lowercase());
        let r = open_link(s, &links[&email]).await;
        let fields = vec![
            ("q.pick".to_string(), pick.to_string()),
            ("support".to_string(), support.to_string()),
        ];
        let res = post_step(&r, s, "/respond/all", &fields, "submit").await;
        assert_eq!(res.status(), 303, "{party}: {}", text(res).await);
    }
    if !members {
        assert!(
            !links.keys().any(|e| e.starts_with('m')),
            "no member is invited"
        );
        return;
    }
    for (region, n) in MEMBERS {
        for i in 0..n {
            let email = format!("m{i}@ac-{region}.example");
            let r = open_link(s, &links[&email]).await;
            let fields = vec![
                (
                    "q.pick".to_string(),
                    if i % 2 == 0 { "b" } else { "a" }.into(),
                ),
                (
                    "q.note".to_string(),
                    format!("Members need training on identification, {region} {i}"),
                ),
            ];
            let res = post_step(&r, s, "/respond/all", &fields, "submit").await;
            assert_eq!(res.status(), 303, "{email}: {}", text(res).await);
        }
    }
    for i in 0..2 {
        let r = open_link(s, &links[&format!("m{i}@pc-asia.example")]).await;
        let fields = vec![("q.pick".to_string(), "a".to_string())];
        let res = post_step(&r, s, "/respond/all", &fields, "submit").await;
        assert_eq!(res.status(), 303, "{}", text(res).await);
    }
}

/// Every group of stored responses of consultation `id`: (constituency,
/// region, status) → responses.
async fn stored_groups(s: &TestServer, id: &str) -> HashMap<(String, String, String), i64> {
    let rows =
        s.db.query_all_raw(Statement::from_string(
            s.db.get_database_backend(),
            format!(
                "SELECT constituency, region, COALESCE(submitted_support, '') AS support, \
                 COUNT(*) AS n FROM response WHERE consultation_id = '{id}' \
                 GROUP BY constituency, region, COALESCE(submitted_support, '')"
            ),
        ))
        .await
        .unwrap();
    rows.iter()
        .map(|r| {
            (
                (
                    r.try_get("", "constituency").unwrap(),
                    r.try_get("", "region").unwrap(),
                    r.try_get("", "support").unwrap(),
                ),
                r.try_get("", "n").unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn committee_groups_are_summarised_apart_and_never_enter_party_figures() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    for (party, _, _) in PARTIES {
        let email = format!("fp@{}.example", party.to_lowercase());
        add_contact(&c, &s, party, &format!("Focal point {party}"), &email, "en").await;
    }
    for (region, n) in MEMBERS {
        members(
            &s,
            Constituency::AnimalsCommittee,
            Some(region),
            n,
            &format!("ac-{region}.example"),
            Lang::En,
        )
        .await;
    }
    members(
        &s,
        Constituency::PlantsCommittee,
        Some("asia"),
        2,
        "pc-asia.example",
        Lang::Fr,
    )
    .await;
    // The same Parties' answers twice: alone, and with the Committees'.
    let alone = open_imported(&c, &s, &survey("Alone", &[]), "2099-06-30T12:00").await;
    invite(&c, &s, &alone, &[("who", "all")]).await;
    answer(&s, &alone, false).await;
    let both = open_imported(
        &c,
        &s,
        &survey(
            "Both",
            &[
                Constituency::AnimalsCommittee,
                Constituency::PlantsCommittee,
            ],
        ),
        "2099-06-30T12:00",
    )
    .await;
    invite(&c, &s, &both, &[("who", "all")]).await;
    answer(&s, &both, true).await;
    // While open, the members' tallies are rows of their own.
    let tallies = app::ssr::services::tallies::read(
        &s.db,
        &app::domain::ids::ConsultationId::parse(&both).unwrap(),
    )
    .await
    .unwrap();
    assert!(tallies.of(Constituency::AnimalsCommittee).is_some());
    assert!(tallies.of(Constituency::PlantsCommittee).is_some());
    assert_eq!(
        count(
            &s,
            &format!(
                "SELECT COUNT(*) FROM tally WHERE consultation_id = '{both}' \
                 AND constituency <> 'party'"
            ),
        )
        .await,
        4,
        "Animals Committee × 3 regions, Plants Committee × 1"
    );
    crate::summaries::close(&c, &s, &alone).await;
    crate::summaries::close(&c, &s, &both).await;

    // The Parties' figures are the same, line for line, in every grouping.
    for by in ["overall", "region", "status", "region_status"] {
        let a = export(&c, &s, &alone, by).await;
        let b = export(&c, &s, &both, by).await;
        // The same columns; n counts Parties alone, else says what else.
        assert_eq!(a[0].len(), b[0].len());
        assert_eq!(a[0][3], "n (Parties)");
        assert_eq!(
            b[0][3],
            "n (Parties; for other constituencies, respondents or organisations)"
        );
        assert_eq!(
            [&a[0][..3], &a[0][4..]].concat(),
            [&b[0][..3], &b[0][4..]].concat()
        );
        assert_eq!(a.last().unwrap().last().unwrap(), "Parties");
        assert_eq!(of(&a, "Parties"), of(&b, "Parties"), "{by}");
        assert_eq!(of(&a, "Parties").len(), a.len() - 1, "{by}: only Parties");
        assert!(of(&a, "Animals Committee").is_empty());
    }
    let responses = |rows: &[Vec<String>]| -> Vec<(String, String)> {
        rows.iter()
            .filter(|r| r[0].ends_with("Responses"))
            .map(|r| (r[2].clone(), r[3].clone()))
            .collect()
    };
    let parties = of(&export(&c, &s, &both, "overall").await, "Parties");
    assert_eq!(
        responses(&parties),
        vec![("All responses".into(), "11".into())]
    );

    // The Committee's own groups: overall 10, Africa 5, the rest withheld.
    let rows = export(&c, &s, &both, "region").await;
    let animals = of(&rows, "Animals Committee");
    assert_eq!(
        responses(&animals),
        [
            ("All responses", "10"),
            ("Africa", "5"),
            ("Asia", ""),
            ("Central and South America and the Caribbean", ""),
            ("Europe", ""),
            ("North America", ""),
            ("Oceania", ""),
        ]
        .map(|(g, n)| (g.to_string(), n.to_string()))
        .to_vec()
    );
    assert!(
        animals
            .iter()
            .all(|r| r[0].starts_with("Animals Committee — "))
    );
    // Africa's members' answers: 3 chose b, 2 chose a.
    let africa_b = animals
        .iter()
        .find(|r| r[2] == "Africa" && r[4] == "Option b")
        .expect("Africa's figures");
    assert_eq!(africa_b[5], "3");
    // The Plants Committee's two: nothing but withheld notices.
    let plants = of(&rows, "Plants Committee");
    assert!(!plants.is_empty());
    assert!(plants.iter().all(|r| r[3].is_empty() && r[5].is_empty()));
    assert!(plants.iter().any(|r| r[9].contains("Withheld")));
    // No group shown is under k.
    for r in rows.iter().skip(1).filter(|r| r[0].ends_with("Responses")) {
        if let Ok(n) = r[3].parse::<u64>() {
            assert!(n >= 5, "{r:?}");
        }
    }

    // The page: a section per Committee after the Parties', saying the
    // rounds comparison is the Parties' only.
    let (st, page) = get(&c, &s, &format!("/consultations/{both}/summary?by=region")).await;
    assert_eq!(st, 200);
    let parties_at = page.find("id=\"questions-h\"").unwrap();
    let animals_at = page
        .find("<h2 id=\"c-animals_committee-h\">Animals Committee</h2>")
        .expect("the Animals Committee's section");
    assert!(parties_at < animals_at);
    assert!(page.contains("<h2 id=\"c-plants_committee-h\">Plants Committee</h2>"));
    assert!(page.contains("the comparison with the previous round covers the Parties"));
    assert!(page.contains("Responses — Animals Committee"));
    assert!(page.contains("id=\"c-animals_committee-q-pick\""));
    let (_, alone_page) = get(&c, &s, &format!("/consultations/{alone}/summary")).await;
    assert!(!alone_page.contains("Animals Committee"));

    // Its free text: Africa's list (5), with the constituency in the address;
    // Europe's (3) withheld; none of the Parties' lists holds a member's.
    let href = "/consultations/{id}/summary/texts/note?constituency=animals_committee&amp;region=africa&amp;page=1";
    assert!(page.contains(&href.replace("{id}", &both)), "texts link");
    let texts = |region: &str, constituency: &str| {
        format!(
            "/consultations/{both}/summary/texts/note?constituency={constituency}&region={region}&page=1"
        )
    };
    let (st, list) = get(&c, &s, &texts("africa", "animals_committee")).await;
    assert_eq!(st, 200);
    assert_eq!(list.matches("Members need training").count(), 5, "{list}");
    assert!(list.contains("Animals Committee — Africa"));
    let (st, list) = get(&c, &s, &texts("europe", "animals_committee")).await;
    assert_eq!(st, 200);
    assert!(!list.contains("Members need training"));
    assert!(list.contains("Withheld"));
    let (st, list) = get(&c, &s, &texts("africa", "")).await;
    assert_eq!(st, 200);
    assert!(!list.contains("Members need training"));
    let (st, _) = get(&c, &s, &texts("africa", "nobody")).await;
    assert_eq!(st, 404);

    // An organiser for Africa: the Committee's Africa group, nothing of
    // other regions, no Committee-wide total.
    let africa = organiser(&s, "org.africa@cites.example", &[Region::Africa]).await;
    let org_id: String =
        s.db.query_one_raw(Statement::from_string(
            s.db.get_database_backend(),
            "SELECT id FROM account WHERE email = 'org.africa@cites.example'".to_string(),
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get("", "id")
        .unwrap();
    let res = c
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
            ("consultations", both.as_str()),
            ("organisers", org_id.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", text(res).await);
    for by in ["region", "region_status"] {
        let rows = export(&africa, &s, &both, by).await;
        let animals = of(&rows, "Animals Committee");
        assert!(!animals.is_empty(), "{by}");
        assert!(
            animals.iter().all(|r| r[2] == "Africa"),
            "{by}: {animals:?}"
        );
        assert_eq!(
            responses(&animals),
            vec![("Africa".to_string(), "5".to_string())]
        );
        let plants = of(&rows, "Plants Committee");
        assert!(plants.iter().all(|r| r[2] == "Africa"), "{by}: {plants:?}");
        assert!(
            of(&rows, "Parties")
                .iter()
                .all(|r| r[2].starts_with("Africa"))
        );
    }
    let (st, page) = get(&africa, &s, &format!("/consultations/{both}/summary")).await;
    assert_eq!(st, 200);
    let section = &page[page.find("c-animals_committee-h").unwrap()..];
    assert!(
        !section.contains("All responses"),
        "no Committee-wide total"
    );
    assert!(!section.contains("<th scope=\"row\">Europe"));
    assert!(section.contains("<th scope=\"row\">Africa"));
    for region in ["europe", "asia", "north_america"] {
        let (st, _) = get(&africa, &s, &texts(region, "animals_committee")).await;
        assert_eq!(st, 404, "{region}");
    }
    let (st, list) = get(&africa, &s, &texts("africa", "animals_committee")).await;
    assert_eq!(st, 200);
    assert_eq!(list.matches("Members need training").count(), 5);

    // After close nothing stored describes a group below k: no tally; each
    // group of stored responses holds at least k (the Plants Committee's
    // two are gone with their withheld total); members keep no status.
    assert_eq!(
        count(&s, "SELECT COUNT(*) FROM tally").await,
        0,
        "tallies deleted"
    );
    let groups = stored_groups(&s, &both).await;
    for (g, n) in &groups {
        assert!(*n >= 5, "{g:?}: {n}");
    }
    let sum = |c: &str| -> i64 {
        groups
            .iter()
            .filter(|((x, _, _), _)| x == c)
            .map(|(_, n)| n)
            .sum()
    };
    assert_eq!(sum("animals_committee"), 10);
    assert_eq!(sum("plants_committee"), 0);
    assert_eq!(
        groups.get(&("animals_committee".into(), "africa".into(), "".into())),
        Some(&5)
    );
    assert_eq!(
        groups.get(&("animals_committee".into(), "".into(), "".into())),
        Some(&5),
        "Europe's and North America's members lose their region"
    );
    assert_eq!(
        count(
            &s,
            &format!(
                "SELECT COUNT(*) FROM result_text WHERE consultation_id = '{both}' \
                 AND constituency = 'animals_committee' AND region = 'africa'"
            ),
        )
        .await,
        5
    );
    assert_eq!(
        count(
            &s,
            &format!(
                "SELECT COUNT(*) FROM result_text WHERE consultation_id = '{both}' \
                 AND constituency <> 'party' AND region <> 'africa'"
            ),
        )
        .await,
        0
    );
    s.stop().await;
}

#[tokio::test]
async fn the_demo_shows_committee_members_apart_from_the_parties() {
    let (s, id) = crate::summaries::with_demo().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let rows = export(&c, &s, &id, "region").await;
    // The Parties' figures as before: Africa 38, Europe 30.
    let parties = of(&rows, "Parties");
    let n_of = |rows: &[Vec<String>], g: &str| {
        rows.iter()
            .find(|r| r[0].ends_with("Responses") && r[2] == g)
            .map(|r| r[3].clone())
    };
    assert_eq!(n_of(&parties, "Africa").as_deref(), Some("38"));
    assert_eq!(n_of(&parties, "Europe").as_deref(), Some("30"));
    let animals = of(&rows, "Animals Committee");
    assert_eq!(n_of(&animals, "All responses").as_deref(), Some("11"));
    assert_eq!(n_of(&animals, "Africa").as_deref(), Some("6"));
    assert_eq!(n_of(&animals, "Asia").as_deref(), Some(""));
    let plants = of(&rows, "Plants Committee");
    assert_eq!(n_of(&plants, "All responses").as_deref(), Some("5"));
    assert_eq!(n_of(&plants, "Africa").as_deref(), Some(""));
    // The demo organiser (Africa) sees the Animals Committee's Africa group.
    let o = s.signed_in(app::ssr::demo::ORGANISER_EMAIL).await;
    let (st, page) = get(&o, &s, &format!("/consultations/{id}/summary")).await;
    assert_eq!(st, 200);
    assert!(page.contains("Animals Committee"));
    let rows = export(&o, &s, &id, "region").await;
    let animals = of(&rows, "Animals Committee");
    assert_eq!(n_of(&animals, "Africa").as_deref(), Some("6"));
    assert_eq!(n_of(&animals, "All responses"), None);
    s.stop().await;
}

#[tokio::test]
async fn partners_without_a_region_count_in_their_constituency_whole_only() {
    let s = TestServer::start().await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    // Ten NGOs, one contact each: five working in Africa, five worldwide.
    for i in 0..10 {
        let region = (i < 5).then_some("africa");
        members(
            &s,
            Constituency::PartnerNgo,
            region,
            1,
            &format!("ngo{i}.example"),
            Lang::En,
        )
        .await;
    }
    let id = open_imported(
        &c,
        &s,
        &survey("Partners", &[Constituency::PartnerNgo]),
        "2099-06-30T12:00",
    )
    .await;
    invite(&c, &s, &id, &[("who", "all")]).await;
    let links = derived_links(&s, &id).await;
    assert_eq!(links.len(), 10);
    for (email, link) in &links {
        let r = open_link(&s, link).await;
        let fields = vec![("q.pick".to_string(), "a".to_string())];
        let res = post_step(&r, &s, "/respond/all", &fields, "submit").await;
        assert_eq!(res.status(), 303, "{email}: {}", text(res).await);
    }
    assert_eq!(
        count(
            &s,
            &format!(
                "SELECT COUNT(*) FROM tally WHERE consultation_id = '{id}' \
                 AND constituency = 'partner_ngo' AND region = ''"
            ),
        )
        .await,
        1,
        "the worldwide ones' row"
    );
    crate::summaries::close(&c, &s, &id).await;
    let rows = export(&c, &s, &id, "region").await;
    let ngo = of(&rows, "Non-governmental organisation");
    let n_of = |g: &str| {
        ngo.iter()
            .find(|r| r[0].ends_with("Responses") && r[2] == g)
            .map(|r| r[3].clone())
    };
    assert_eq!(n_of("All responses").as_deref(), Some("10"));
    assert_eq!(n_of("Africa").as_deref(), Some("5"));
    assert_eq!(n_of("Asia").as_deref(), Some(""), "no response: withheld");
    let groups = stored_groups(&s, &id).await;
    assert_eq!(
        groups.get(&("partner_ngo".into(), "africa".into(), "".into())),
        Some(&5)
    );
    assert_eq!(
        groups.get(&("partner_ngo".into(), "".into(), "".into())),
        Some(&5)
    );
    s.stop().await;
}
