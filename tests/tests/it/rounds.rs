//! Rounds: the Secretariat starts a consultation as the next round of an
//! earlier one (questions carried over with their ids), and the summary of
//! a closed round shows each figure beside the previous closed round's,
//! under disclosure control over both rounds — on SQLite and PostgreSQL,
//! through HTTP as a browser without JavaScript.

use super::summaries::{
    Answering, answering, close, csv_rows, download, figure_of, get, one_section, options,
    organiser, question, run, with_demo,
};
use app::domain::disclosure::{Figure, Pattern, Table, Threshold, lower_bound, upper_bound};
use app::domain::region::Region;
use app::domain::rounds::{Link, Round, audit_rounds};
use app::domain::survey::QuestionKind;
use app::domain::survey::document::import;
use reqwest::Client;
use sea_orm::{ConnectionTrait, Statement};
use std::collections::BTreeMap;
use tests::*;

/// The consultation's survey as stored.
async fn survey_of(s: &TestServer, id: &str) -> app::domain::survey::Survey {
    let row =
        s.db.query_one_raw(Statement::from_string(
            s.db.get_database_backend(),
            format!("SELECT document FROM consultation WHERE id = '{id}'"),
        ))
        .await
        .unwrap()
        .unwrap();
    let doc: String = row.try_get("", "document").unwrap();
    import(&doc).expect("a stored document reads")
}

/// The round row of `id`: (previous, series).
async fn round_of(s: &TestServer, id: &str) -> Option<(String, String)> {
    s.db.query_one_raw(Statement::from_string(
        s.db.get_database_backend(),
        format!(
            "SELECT previous_id, series_id FROM consultation_round WHERE consultation_id = '{id}'"
        ),
    ))
    .await
    .unwrap()
    .map(|r| {
        (
            r.try_get("", "previous_id").unwrap(),
            r.try_get("", "series_id").unwrap(),
        )
    })
}

/// Starts the next round of `id` as the page's form does; returns the new
/// draft's id.
async fn next_round(c: &Client, s: &TestServer, id: &str) -> String {
    let res = post_versioned(
        c,
        s,
        &format!("/consultations/{id}/next-round"),
        &[] as &[(&str, &str)],
    )
    .await;
    assert_eq!(res.status(), 303, "next round: {}", text(res).await);
    let to = location(&res);
    assert!(to.contains("notice=notice-round-started"), "{to}");
    to.trim_start_matches("/consultations/")
        .split('?')
        .next()
        .unwrap()
        .to_string()
}

/// Opens draft `id` (carried over from an earlier round), invites every
/// contact (those of the earlier round are still there), and submits each
/// response of `who` through the one-page form.
async fn run_again(c: &Client, s: &TestServer, id: &str, who: &[Answering]) {
    open_now(c, s, id, "2099-06-30T12:00").await;
    invite(c, s, id, &[("who", "all")]).await;
    let links = derived_links(s, id).await;
    for (i, a) in who.iter().enumerate() {
        let email = format!("p{i}@{}.example", a.party.to_lowercase());
        let r = open_link(s, &links[&email]).await;
        let mut fields = a.fields.clone();
        fields.push(("support".into(), a.support.into()));
        let res = post_step(&r, s, "/respond/all", &fields, "submit").await;
        assert_eq!(res.status(), 303, "{}: {}", a.party, text(res).await);
    }
}

/// The region index (in `Region::ALL` order) of the Parties used here.
fn region_of(party: &str) -> usize {
    match party {
        "SN" | "KE" | "GH" | "NG" | "ZA" => 0,
        "FR" | "DE" | "IT" | "ES" | "NL" | "BE" => 3,
        "AU" | "NZ" | "FJ" | "PG" | "WS" => 5,
        other => panic!("no region for {other}"),
    }
}

fn status_of(support: &str) -> usize {
    ["provides", "receives", "both", "neither"]
        .iter()
        .position(|s| *s == support)
        .unwrap()
}

/// The true tables of a round: the group sizes and the counts of options x
/// and y of question "tools".
fn truth(who: &[Answering]) -> [Table; 3] {
    let mut t = [
        vec![vec![0u64; 4]; 6],
        vec![vec![0u64; 4]; 6],
        vec![vec![0u64; 4]; 6],
    ];
    for a in who {
        let (r, c) = (region_of(a.party), status_of(a.support));
        t[0][r][c] += 1;
        for (i, option) in ["x", "y"].iter().enumerate() {
            if a.fields.iter().any(|(_, v)| v == option) {
                t[i + 1][r][c] += 1;
            }
        }
    }
    t.map(Table::new)
}

/// Everything a round's CSV exports publish, by grouping: for each table
/// (sizes, x, y) and figure, the figure (`None`: withheld); and for each
/// figure of each table compared with the previous round, (previous,
/// change) as the export writes them.
#[derive(Default)]
struct Published {
    figures: [BTreeMap<Figure, Option<u64>>; 3],
    /// (table, figure) → (this round's percent or count, previous, change).
    changes: BTreeMap<(usize, Figure), (f64, f64, f64)>,
    /// (table, figure) → this round's percent (options) or count (sizes).
    values: BTreeMap<(usize, Figure), f64>,
}

async fn published(c: &Client, s: &TestServer, id: &str) -> Published {
    let mut p = Published::default();
    for by in ["overall", "region", "status", "region_status"] {
        let rows =
            csv_rows(&download(c, s, &format!("/consultations/{id}/summary.csv?by={by}")).await);
        for r in rows.iter().skip(1) {
            let figure = figure_of(&r[2]);
            let n = (!r[5].is_empty()).then(|| r[5].parse::<u64>().unwrap());
            let table = match (r[0].as_str(), r[4].as_str()) {
                ("Responses", _) => {
                    if n.is_none() {
                        for t in p.figures.iter_mut() {
                            t.insert(figure, None);
                        }
                    }
                    0
                }
                ("Questions", "Option x") => 1,
                ("Questions", "Option y") => 2,
                ("Questions", "") => continue,
                _ => panic!("{by}: an unexpected line {r:?}"),
            };
            let Some(n) = n else { continue };
            p.figures[table].insert(figure, Some(n));
            let value = if table == 0 {
                n as f64
            } else {
                r[6].parse::<f64>().unwrap()
            };
            p.values.insert((table, figure), value);
            if r.len() > 11 && !r[10].is_empty() {
                let previous: f64 = r[10].parse().unwrap();
                let change: f64 = r[11].parse().unwrap();
                p.changes.insert((table, figure), (value, previous, change));
            }
        }
    }
    p
}

fn pattern_of(sizes: &Table, p: &BTreeMap<Figure, Option<u64>>) -> Pattern {
    let shown: Vec<Figure> = p
        .iter()
        .filter(|(_, n)| n.is_some())
        .map(|(f, _)| *f)
        .collect();
    Pattern::showing(sizes, &shown)
}

fn worked_survey() -> app::domain::survey::Survey {
    one_section(
        "Rounds",
        vec![question(
            "tools",
            true,
            QuestionKind::MultipleChoice {
                options: options(&["x", "y"]),
                max: None,
            },
        )],
    )
}

/// The first round: the disclosure module's worked example (Europe
/// {provides 4, receives 2}, Oceania {provides 1, receives 2, neither 2}),
/// with five African Parties.
fn first_round() -> Vec<Answering> {
    vec![
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
        answering("SN", "receives", &[("tools", "x")]),
        answering("KE", "receives", &[("tools", "y")]),
        answering("GH", "receives", &[("tools", "x"), ("tools", "y")]),
        answering("NG", "receives", &[("tools", "y")]),
        answering("ZA", "receives", &[("tools", "y")]),
    ]
}

/// The second round: the same Parties (in the same order: the contacts
/// are the same), some of them answering and declaring otherwise.
fn second_round() -> Vec<Answering> {
    vec![
        answering("FR", "provides", &[("tools", "x")]),
        answering("DE", "provides", &[("tools", "x")]),
        answering("IT", "both", &[("tools", "x"), ("tools", "y")]),
        answering("ES", "provides", &[("tools", "x")]),
        answering("NL", "receives", &[("tools", "x")]),
        answering("BE", "receives", &[("tools", "y")]),
        answering("AU", "provides", &[("tools", "x")]),
        answering("NZ", "provides", &[("tools", "y")]),
        answering("FJ", "receives", &[("tools", "x")]),
        answering("PG", "receives", &[("tools", "y")]),
        answering("WS", "neither", &[("tools", "y")]),
        answering("SN", "receives", &[("tools", "x")]),
        answering("KE", "receives", &[("tools", "x")]),
        answering("GH", "receives", &[("tools", "x")]),
        answering("NG", "receives", &[("tools", "x"), ("tools", "y")]),
        answering("ZA", "receives", &[("tools", "y")]),
    ]
}

#[tokio::test]
async fn a_round_carried_over_keeps_question_identities() {
    let s = TestServer::start().await;
    let sec = s.signed_in(SECRETARIAT_EMAIL).await;
    // A draft has no next round.
    let draft = create_consultation(&sec, &s, "needs-assessment-19-41b").await;
    let res = post_versioned(
        &sec,
        &s,
        &format!("/consultations/{draft}/next-round"),
        &[] as &[(&str, &str)],
    )
    .await;
    assert_eq!(res.status(), 409);
    assert!(text(res).await.contains("A draft cannot have a next round"));
    assert!(round_of(&s, &draft).await.is_none());

    let first = open_consultation(&sec, &s, "needs-assessment-19-41b", "2099-06-30T12:00").await;
    let second = next_round(&sec, &s, &first).await;
    assert_ne!(first, second);
    assert_eq!(
        round_of(&s, &second).await,
        Some((first.clone(), first.clone()))
    );
    // Every section and question carried over with its id and type.
    let (a, b) = (survey_of(&s, &first).await, survey_of(&s, &second).await);
    let ids = |x: &app::domain::survey::Survey| {
        x.questions()
            .map(|q| (q.id.clone(), std::mem::discriminant(&q.kind)))
            .collect::<Vec<_>>()
    };
    assert!(!ids(&a).is_empty());
    assert_eq!(ids(&a), ids(&b));
    assert!(
        app::domain::rounds::identities(&a, &b)
            .iter()
            .all(|(_, i)| *i == app::domain::rounds::Identity::Carried)
    );
    // The new round is a draft whose page links back; the earlier one's
    // links forward and offers no second next round.
    let (st, page) = get(&sec, &s, &format!("/consultations/{second}")).await;
    assert_eq!(st, 200);
    assert!(page.contains(&format!("href=\"/consultations/{first}\"")));
    assert!(page.contains(&format!("href=\"/series/{first}\"")));
    let (_, page) = get(&sec, &s, &format!("/consultations/{first}")).await;
    assert!(page.contains(&format!("href=\"/consultations/{second}\"")));
    assert!(!page.contains("/next-round"));
    // Only one next round per round: a second start is refused (409), as
    // is a stale page (409), a body no page sent (400) and an unknown id
    // (404); nothing is created.
    let before = count(&s, "SELECT COUNT(*) FROM consultation").await;
    let res = post_versioned(
        &sec,
        &s,
        &format!("/consultations/{first}/next-round"),
        &[] as &[(&str, &str)],
    )
    .await;
    assert_eq!(res.status(), 409);
    assert!(text(res).await.contains("already has a next round"));
    let res = post_with_version(
        &sec,
        &s,
        &format!("/consultations/{second}/next-round"),
        &[] as &[(&str, &str)],
        "999",
    )
    .await;
    assert_eq!(res.status(), 409);
    let res = post_with_version(
        &sec,
        &s,
        &format!("/consultations/{first}/next-round"),
        &[("extra", "1")],
        "0",
    )
    .await;
    assert_eq!(res.status(), 400);
    let res = post_with_version(
        &sec,
        &s,
        "/consultations/nonsense/next-round",
        &[] as &[(&str, &str)],
        "0",
    )
    .await;
    assert_eq!(res.status(), 404);
    assert_eq!(count(&s, "SELECT COUNT(*) FROM consultation").await, before);
    // The third round is of the same series.
    open_now(&sec, &s, &second, "2099-06-30T12:00").await;
    let third = next_round(&sec, &s, &second).await;
    assert_eq!(
        round_of(&s, &third).await,
        Some((second.clone(), first.clone()))
    );
    // An organiser cannot start one.
    let africa = s.signed_in(ORGANISER_EMAIL).await;
    let res = africa
        .post(s.url(&format!("/consultations/{third}/next-round")))
        .form(&[("version", "0")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    s.stop().await;
}

#[tokio::test]
async fn the_comparison_equals_each_rounds_own_figures_and_leaks_no_withheld_one() {
    let s = TestServer::start().await;
    let sec = s.signed_in(SECRETARIAT_EMAIL).await;
    let (who1, who2) = (first_round(), second_round());
    let first = run(&sec, &s, &worked_survey(), &who1).await;
    // Rounds are compared only when both are closed: the next round is
    // started while the first is open, and compares nothing until then.
    let second = next_round(&sec, &s, &first).await;
    close(&sec, &s, &first).await;
    run_again(&sec, &s, &second, &who2).await;
    let (st, _) = get(&sec, &s, &format!("/consultations/{second}/summary")).await;
    assert_eq!(st, 409, "results after close");
    close(&sec, &s, &second).await;

    let (st, page) = get(
        &sec,
        &s,
        &format!("/consultations/{second}/summary?by=region"),
    )
    .await;
    assert_eq!(st, 200);
    assert!(page.contains("Compared with the previous round"));
    assert!(page.contains("previous round: "));
    // The needs overview is for 19.41(b) only; the series page lists both.
    let (st, series) = get(&sec, &s, &format!("/series/{first}")).await;
    assert_eq!(st, 200);
    assert!(series.contains(&format!("/consultations/{first}/summary")));
    assert!(series.contains(&format!("/consultations/{second}/summary")));
    let (st, _) = get(&sec, &s, &format!("/series/{second}")).await;
    assert_eq!(st, 404, "a series is named by its first round");

    let p1 = published(&sec, &s, &first).await;
    let p2 = published(&sec, &s, &second).await;
    assert!(p1.changes.is_empty(), "the first round compares nothing");
    assert!(!p2.changes.is_empty(), "the test is not vacuous");
    // Each change is the two rounds' own figures: the previous one is the
    // first round's published figure, the current one the second's.
    for ((table, figure), (now, previous, change)) in &p2.changes {
        let before = p1.values.get(&(*table, *figure)).unwrap_or_else(|| {
            panic!("table {table} {figure:?}: compared but not published in the first round")
        });
        assert!(
            (before - previous).abs() < 0.051,
            "{table} {figure:?}: {before} vs {previous}"
        );
        assert!(
            (now - (previous + change)).abs() < 0.051,
            "{table} {figure:?}: {now} vs {previous} + {change}"
        );
        assert!(p2.figures[*table][figure].is_some());
    }
    // Every figure shown in both rounds is compared.
    for ((table, figure), _) in p2.values.iter() {
        if p1.values.contains_key(&(*table, *figure)) {
            assert!(
                p2.changes.contains_key(&(*table, *figure)),
                "{table} {figure:?}"
            );
        }
    }

    // The audit over both rounds: each round's true tables, its published
    // pattern (read back from the exports of every grouping), and every
    // published change as a link between the rounds.
    let (t1, t2) = (truth(&who1), truth(&who2));
    let patterns: Vec<Pattern> = [(&t1, &p1), (&t2, &p2)]
        .iter()
        .map(|(t, p)| pattern_of(&t[0], &p.figures[0]))
        .collect();
    for (t, p) in [(&t1, &p1), (&t2, &p2)] {
        for (i, table) in t.iter().enumerate() {
            for (f, n) in &p.figures[i] {
                if let Some(n) = n {
                    assert_eq!(*n, table.size(*f), "every published number is true");
                }
            }
        }
    }
    let links: Vec<Link> = p2
        .changes
        .keys()
        .map(|(table, figure)| Link {
            tables: (*table, *table),
            figure: *figure,
        })
        .collect();
    let k = Threshold::default();
    let leaks = audit_rounds(
        Round {
            sizes: &t1[0],
            measures: &t1[1..],
            pattern: &patterns[0],
        },
        Round {
            sizes: &t2[0],
            measures: &t2[1..],
            pattern: &patterns[1],
        },
        &links,
        k,
    );
    assert!(leaks.is_empty(), "{leaks:?}");
    // And directly: no withheld figure of a group under k, in either round,
    // is pinned by what is published — every change joining two published
    // figures, each round's figures are bounded by its own sums.
    let mut withheld = 0;
    for (t, pattern) in [(&t1, &patterns[0]), (&t2, &patterns[1])] {
        let ceiling = |f: Figure| {
            let most = upper_bound(&t[0], pattern, |_| None, f);
            most.is_finite().then_some(most as u64)
        };
        for (i, table) in t.iter().enumerate() {
            for f in table.figures() {
                let v = table.size(f);
                if pattern.shown(f) || v == 0 || t[0].size(f) >= 5 {
                    continue;
                }
                withheld += 1;
                let low = if i == 0 {
                    lower_bound(table, pattern, |_| None, f)
                } else {
                    lower_bound(table, pattern, ceiling, f)
                };
                assert!(low < v as f64, "table {i}: {f:?} = {v} is pinned at {low}");
            }
        }
    }
    assert!(
        withheld > 0,
        "some figures are withheld: the test is not vacuous"
    );
    // Oceania is shown in neither round's region × status cells under k, so
    // its cells are never compared.
    assert!(!p2.changes.keys().any(|(_, f)| *f == Figure::Cell(5, 0)));
    s.stop().await;
}

#[tokio::test]
async fn the_demo_compares_two_rounds_and_an_organiser_sees_only_their_regions() {
    let (s, id) = with_demo().await;
    let (previous, series) = round_of(&s, &id).await.expect("the demo's second round");
    assert_eq!(previous, series);
    let sec = s.signed_in(SECRETARIAT_EMAIL).await;
    let (st, page) = get(&sec, &s, &format!("/consultations/{id}/summary")).await;
    assert_eq!(st, 200);
    // Pictures first: the needs overview and its change open the page,
    // before the grouping form and the questions.
    let needs = page.find("id=\"needs-h\"").expect("the needs overview");
    let change = page.find("id=\"needs-change-h\"").expect("its change");
    let form = page.find("grouping-form").unwrap();
    let questions = page.find("id=\"questions-h\"").unwrap();
    assert!(needs < change && change < form && form < questions);
    assert!(page.contains("change-table"));
    for by in ["region", "status"] {
        let rows = csv_rows(
            &download(
                &sec,
                &s,
                &format!("/consultations/{id}/summary.csv?by={by}"),
            )
            .await,
        );
        assert!(rows[0][10].starts_with("Previous round"), "{:?}", rows[0]);
        assert!(
            rows.iter().skip(1).any(|r| !r[10].is_empty()),
            "{by}: compared"
        );
    }
    // In French, for the organiser: Africa only, compared.
    let africa = s.signed_in(ORGANISER_EMAIL).await;
    choose_language(&africa, &s, "fr").await;
    let (st, page) = get(&africa, &s, &format!("/consultations/{id}/summary")).await;
    assert_eq!(st, 200);
    assert!(page.contains("Comparaison avec le cycle précédent"));
    // The first round is named, not linked: no workshop of theirs draws on it.
    assert!(!page.contains(&format!("/consultations/{previous}/summary")));
    // Africa's groups shown in both rounds are compared in the needs
    // overview's change table.
    assert!(page.contains("heat change-"), "a change cell for Africa");
    // The briefing opens with the same pictures, compared.
    let (st, brief) = get(&africa, &s, &format!("/consultations/{id}/briefing")).await;
    assert_eq!(st, 200);
    assert!(
        brief.find("id=\"needs-change-h\"").unwrap() < brief.find("id=\"questions-h\"").unwrap()
    );
    // The summaries list links the series.
    let (_, list) = get(&africa, &s, "/summaries").await;
    assert!(list.contains(&format!("/series/{series}")));
    assert!(page.contains("cycle précédent : "));
    for other in ["Europe", "Asie", "Océanie"] {
        assert!(
            !page.contains(&format!("<th scope=\"row\">{other}")),
            "{other}"
        );
        assert!(
            !page.contains(&format!("<th scope=\"col\">{other}")),
            "{other}"
        );
    }
    let rows = csv_rows(
        &download(
            &africa,
            &s,
            &format!("/consultations/{id}/summary.csv?by=region"),
        )
        .await,
    );
    assert!(rows.iter().skip(1).all(|r| r[2].starts_with("Afrique")));
    assert!(rows.iter().skip(1).any(|r| !r[10].is_empty()));
    // The series: the organiser sees the round they may summarise, with
    // Africa's count; not the first round, which no workshop of theirs
    // draws on; nor its summary.
    let (st, page) = get(&africa, &s, &format!("/series/{series}")).await;
    assert_eq!(st, 200);
    assert!(page.contains(&format!("/consultations/{id}/summary")));
    assert!(!page.contains(&format!("/consultations/{previous}/summary")));
    assert!(page.contains("<td>38</td>"), "Africa's 38 responses");
    let (st, _) = get(&africa, &s, &format!("/consultations/{previous}/summary")).await;
    assert_eq!(st, 404);
    // Another organiser, of no workshop, sees no series.
    let europe = organiser(&s, "organiser.europe@example.org", &[Region::Europe]).await;
    let (st, _) = get(&europe, &s, &format!("/series/{series}")).await;
    assert_eq!(st, 404);
    s.stop().await;
}
