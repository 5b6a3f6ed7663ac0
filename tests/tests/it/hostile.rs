//! Hostile input on every form: for each POST row of the route table, the
//! page's own form with every field sent twice, bodies that are no form of
//! that shape, and an empty body are refused (4xx, never 5xx) and change
//! nothing in the database; the same form sent once, as a browser sends
//! it, is taken (so each refusal is the repetition's or the body's, not a
//! test that sends the wrong fields).

use app::domain::survey::templates;
use html::*;
use reqwest::{Client, StatusCode};
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
use std::collections::BTreeMap;
use std::time::Duration;
use tests::*;

/// Helpers that read pages the way a browser does (no HTML crate: the
/// markup is the server's own, always double-quoted).
mod html {
    /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;` and numeric references.
    pub fn unescape(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        while let Some(i) = rest.find('&') {
            out.push_str(&rest[..i]);
            rest = &rest[i..];
            let Some(end) = rest.find(';').filter(|e| *e <= 10) else {
                out.push('&');
                rest = &rest[1..];
                continue;
            };
            let entity = &rest[1..end];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            match c {
                Some(c) => {
                    out.push(c);
                    rest = &rest[end + 1..];
                }
                None => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// One tag: its name (lower case, `/` kept for end tags) and attributes.
    pub struct Tag {
        pub name: String,
        pub attrs: Vec<(String, Option<String>)>,
        /// Byte offset just after the tag's `>`.
        pub end: usize,
    }

    impl Tag {
        pub fn attr(&self, name: &str) -> Option<String> {
            self.attrs
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone().unwrap_or_default())
        }

        pub fn has(&self, name: &str) -> bool {
            self.attrs.iter().any(|(n, _)| n == name)
        }
    }

    /// The tag that starts at `html[at]` (a `<`), `None` for comments and
    /// other markup that is no element.
    pub fn tag_at(html: &str, at: usize) -> Option<Tag> {
        let b = html.as_bytes();
        let mut i = at + 1;
        if b.get(i) == Some(&b'!') {
            return None;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
            if b[i] == b'/' && i > start {
                break;
            }
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() {
                return None;
            }
            if b[i] == b'>' {
                return Some(Tag {
                    name,
                    attrs,
                    end: i + 1,
                });
            }
            let n0 = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/')
            {
                i += 1;
            }
            let attr = html[n0..i].to_ascii_lowercase();
            if b.get(i) == Some(&b'=') {
                i += 1;
                let value = if b.get(i) == Some(&b'"') {
                    let v0 = i + 1;
                    let v1 = v0 + html[v0..].find('"')?;
                    i = v1 + 1;
                    &html[v0..v1]
                } else {
                    let v0 = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    &html[v0..i]
                };
                attrs.push((attr, Some(unescape(value))));
            } else {
                attrs.push((attr, None));
            }
        }
    }

    /// Every element tag of `html`, in order.
    pub fn tags(html: &str) -> Vec<(usize, Tag)> {
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(i) = html[at..].find('<') {
            let start = at + i;
            match tag_at(html, start) {
                Some(t) => {
                    at = t.end;
                    out.push((start, t));
                }
                None => at = start + 1,
            }
        }
        out
    }

    /// The text up to `</{name}>` from `from`, markup comments removed.
    fn text_until(html: &str, from: usize, name: &str) -> String {
        let end = html[from..]
            .find(&format!("</{name}"))
            .map_or(html.len(), |e| from + e);
        let mut raw = html[from..end].to_string();
        while let Some(i) = raw.find("<!") {
            let j = raw[i..].find('>').map_or(raw.len(), |j| i + j + 1);
            raw.replace_range(i..j, "");
        }
        unescape(&raw)
    }

    /// A form's fields, in order.
    pub type Fields = Vec<(String, String)>;

    /// What a browser sends when the first `method="post"` form of `html`
    /// whose action is `action` is submitted with its default button:
    /// enabled named inputs (checkboxes and radios when checked; file
    /// inputs left out), each select's selected option (else its first),
    /// textareas, and the first submit button's name and value. Also the
    /// names that more than one checkbox of the form carries (checkbox
    /// groups): the fields a page does repeat.
    pub fn form_fields(html: &str, action: &str) -> Option<(Fields, Vec<String>)> {
        let all = tags(html);
        let start = all.iter().position(|(_, t)| {
            t.name == "form"
                && t.attr("method")
                    .is_some_and(|m| m.eq_ignore_ascii_case("post"))
                && t.attr("action").as_deref() == Some(action)
        })?;
        let mut fields = Vec::new();
        let mut button_done = false;
        // The open select: its name, first and selected options, disabled.
        type Select = (String, Option<String>, Option<String>, bool);
        let mut select: Option<Select> = None;
        let mut controls: Vec<String> = Vec::new();
        for (_, t) in &all[start + 1..] {
            if t.name == "/form" {
                break;
            }
            let name = t.attr("name");
            // Checkbox groups repeat a name; radio groups do not send it twice.
            if let Some(n) = &name
                && t.name == "input"
                && t.attr("type").as_deref() == Some("checkbox")
            {
                controls.push(n.clone());
            }
            let disabled = t.has("disabled");
            match t.name.as_str() {
                "input" => {
                    let kind = t.attr("type").unwrap_or_else(|| "text".into());
                    let kind = kind.to_ascii_lowercase();
                    let (Some(name), false) = (name, disabled) else {
                        continue;
                    };
                    match kind.as_str() {
                        "checkbox" | "radio" if t.has("checked") => {
                            fields.push((name, t.attr("value").unwrap_or_else(|| "on".into())));
                        }
                        "checkbox" | "radio" | "file" | "reset" | "button" | "image" => {}
                        "submit" => {
                            if !button_done {
                                button_done = true;
                                fields.push((name, t.attr("value").unwrap_or_default()));
                            }
                        }
                        _ => fields.push((name, t.attr("value").unwrap_or_default())),
                    }
                }
                "button" => {
                    let kind = t.attr("type").unwrap_or_else(|| "submit".into());
                    if kind.eq_ignore_ascii_case("submit") && !button_done {
                        button_done = true;
                        if let (Some(name), false) = (name, disabled) {
                            fields.push((name, t.attr("value").unwrap_or_default()));
                        }
                    }
                }
                "textarea" => {
                    if let (Some(name), false) = (name, disabled) {
                        fields.push((name, text_until(html, t.end, "textarea")));
                    }
                }
                "select" => select = Some((name.unwrap_or_default(), None, None, disabled)),
                "option" => {
                    if let Some((_, first, selected, _)) = &mut select {
                        let value = t.attr("value").unwrap_or_default();
                        if first.is_none() {
                            *first = Some(value.clone());
                        }
                        if t.has("selected") && selected.is_none() {
                            *selected = Some(value);
                        }
                    }
                }
                "/select" => {
                    if let Some((name, first, selected, disabled)) = select.take()
                        && !name.is_empty()
                        && !disabled
                        && let Some(v) = selected.or(first)
                    {
                        fields.push((name, v));
                    }
                }
                _ => {}
            }
        }
        let mut multi: Vec<String> = controls
            .iter()
            .filter(|n| controls.iter().filter(|m| m == n).count() > 1)
            .cloned()
            .collect();
        multi.sort();
        multi.dedup();
        Some((fields, multi))
    }
}

/// Every row of every table, each as one line of text, sorted: what "nothing
/// changed" compares. Sessions' `last_seen_at` is left out (touched by
/// reading pages, at most once a minute).
async fn snapshot(s: &TestServer) -> BTreeMap<String, Vec<String>> {
    let backend = s.db.get_database_backend();
    let rows = |sql: String| {
        let db = s.db.clone();
        async move {
            db.query_all_raw(Statement::from_string(backend, sql))
                .await
                .unwrap()
                .iter()
                .map(|r| {
                    r.try_get_by_index::<Option<String>>(0)
                        .unwrap()
                        .unwrap_or_default()
                })
                .collect::<Vec<String>>()
        }
    };
    let pg = backend == DatabaseBackend::Postgres;
    let tables = rows(if pg {
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()".into()
    } else {
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'".into()
    })
    .await;
    let mut out = BTreeMap::new();
    for table in tables {
        let columns = rows(if pg {
            format!(
                "SELECT column_name::text FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = '{table}' \
                 ORDER BY ordinal_position"
            )
        } else {
            format!("SELECT name FROM pragma_table_info('{table}')")
        })
        .await;
        let cells: Vec<String> = columns
            .iter()
            .filter(|c| *c != "last_seen_at")
            .map(|c| {
                if pg {
                    format!("COALESCE(CAST(\"{c}\" AS TEXT), '(null)')")
                } else {
                    format!("quote(\"{c}\")")
                }
            })
            .collect();
        let mut lines = rows(format!(
            "SELECT {} FROM \"{table}\"",
            cells.join(" || '|' || ")
        ))
        .await;
        lines.sort();
        out.insert(table, lines);
    }
    out
}

/// Which tables differ between two snapshots, with a few of their rows.
fn changes(a: &BTreeMap<String, Vec<String>>, b: &BTreeMap<String, Vec<String>>) -> Vec<String> {
    let mut out = Vec::new();
    for (table, rows) in b {
        let before = a.get(table).cloned().unwrap_or_default();
        if before != *rows {
            let gone: Vec<_> = before
                .iter()
                .filter(|r| !rows.contains(r))
                .take(2)
                .collect();
            let new: Vec<_> = rows
                .iter()
                .filter(|r| !before.contains(r))
                .take(2)
                .collect();
            out.push(format!("{table}: -{gone:?} +{new:?}"));
        }
    }
    out
}

/// Outbox rows still to be sent (the outbox task writes them in the background).
const UNSENT: &str = "SELECT COUNT(*) FROM outbox WHERE status IN ('queued', 'sending')";

/// Where a form is: the page to read it from, or the response to a POST
/// (the contacts import's confirmation form comes back with its preview).
enum Page {
    Get(String),
    Post(String, &'static str, Vec<u8>),
}

/// One POST row, filled in: the address, who posts, the page holding its
/// form, the values a person would type (replacing the page's), and
/// whether the page's form is multipart (a file upload).
struct Case {
    path: String,
    client: Client,
    page: Page,
    typed: Vec<(&'static str, String)>,
    multipart: bool,
}

/// `fields` with every field named in `typed` replaced by the typed values.
fn typed_in(mut fields: Vec<(String, String)>, typed: &[(&str, String)]) -> Vec<(String, String)> {
    fields.retain(|(k, _)| !typed.iter().any(|(t, _)| t == k));
    fields.extend(typed.iter().map(|(k, v)| (k.to_string(), v.clone())));
    fields
}

const BOUNDARY: &str = "hostile-boundary-7f3a";

/// `fields` as a multipart body (`file` as an uploaded file).
fn multipart(fields: &[(String, String)]) -> Vec<u8> {
    let mut out = String::new();
    for (k, v) in fields {
        out.push_str(&format!("--{BOUNDARY}\r\n"));
        if k == "file" {
            out.push_str(&format!(
                "Content-Disposition: form-data; name=\"{k}\"; filename=\"upload.txt\"\r\n\
                 Content-Type: text/plain\r\n\r\n"
            ));
        } else {
            out.push_str(&format!(
                "Content-Disposition: form-data; name=\"{k}\"\r\n\r\n"
            ));
        }
        out.push_str(v);
        out.push_str("\r\n");
    }
    out.push_str(&format!("--{BOUNDARY}--\r\n"));
    out.into_bytes()
}

const FORM: &str = "application/x-www-form-urlencoded";

async fn post(
    c: &Client,
    s: &TestServer,
    path: &str,
    ctype: Option<&str>,
    body: Vec<u8>,
) -> (StatusCode, String) {
    let mut req = c.post(s.url(path)).body(body);
    if let Some(t) = ctype {
        req = req.header("content-type", t);
    }
    let res = req.send().await.unwrap();
    let status = res.status();
    (status, text(res).await)
}

/// The body of a form with `fields`, as its page sends it.
fn body_of(case: &Case, fields: &[(String, String)]) -> (String, Vec<u8>) {
    if case.multipart {
        (
            format!("multipart/form-data; boundary={BOUNDARY}"),
            multipart(fields),
        )
    } else {
        (
            FORM.to_string(),
            serde_urlencoded::to_string(fields).unwrap().into_bytes(),
        )
    }
}

/// The one id `sql` selects.
async fn one(s: &TestServer, sql: &str) -> String {
    s.db.query_one_raw(Statement::from_string(
        s.db.get_database_backend(),
        sql.to_string(),
    ))
    .await
    .unwrap()
    .unwrap()
    .try_get_by_index::<String>(0)
    .unwrap()
}

/// The actions whose version names something other than one record's row
/// (the invitations of a consultation as their page shows them; a contacts
/// file as its preview read it), with the conflict message each gives an
/// outdated page: checked here with an outdated version. (Forms that name
/// a record's version are checked with an outdated one where the record is
/// tested.)
const STALE: &[(&str, &str)] = &[
    ("/consultations/{id}/invitations", "invitations-stale"),
    ("/consultations/{id}/reminders", "invitations-stale"),
    (
        "/consultations/{id}/reminders/schedule",
        "invitations-stale",
    ),
    ("/contacts/import/confirm", "contacts-import-stale"),
];

/// The POST rows that are not checked here, and why.
const EXEMPT: &[(&str, &str)] = &[(
    "/sign-out",
    "signing out takes no field and only ends the caller's own session \
     (cross-site posts are refused before it): it always succeeds, so \
     that nobody stays signed in on a shared computer",
)];

#[tokio::test]
async fn every_form_refuses_repeated_fields_and_bodies_of_another_shape_and_writes_nothing() {
    let s = TestServer::start().await;
    let sec = s.signed_in(SECRETARIAT_EMAIL).await;
    let template = templates::find("needs-assessment-19-41b").unwrap();
    let survey = template.survey();
    let sid = survey.sections[0].id.clone();
    let qid = survey.sections[0].questions[0].id.clone();

    // What the forms act on: a draft to edit, an open consultation to
    // invite to, one answered by an invitee (who may change a submitted
    // response), a contact, a workshop.
    add_contact(&sec, &s, "KE", "Wanjiru Kamau", "wanjiru@ke.example", "en").await;
    let contact = one(&s, "SELECT id FROM contact").await;
    let mut answerable = survey.clone();
    answerable.allow_changes = true;
    let answered = open_imported(&sec, &s, &answerable, "2099-06-30T12:00").await;
    invite(&sec, &s, &answered, &[("who", "all")]).await;
    let links = outbox_links(&s, 1).await;
    let invitee = open_link(&s, &links["wanjiru@ke.example"]).await;
    answer_everything(&invitee, &s, &answerable, "provides").await;
    add_contact(&sec, &s, "MG", "Zoë Rakotoarisoa", "zoe@mg.example", "fr").await;
    let draft = create_consultation(&sec, &s, template.key).await;
    let inviting = open_consultation(&sec, &s, template.key, "2099-06-30T12:00").await;
    let workshop_fields = |title: &str| -> Vec<(&'static str, String)> {
        vec![
            ("title_en", title.to_string()),
            ("title_fr", format!("{title} (fr)")),
            ("title_es", format!("{title} (es)")),
            ("description_en", String::new()),
            ("description_fr", String::new()),
            ("description_es", String::new()),
            ("starts_on", "2099-05-02".into()),
            ("ends_on", "2099-05-03".into()),
            ("venue", "Nairobi".into()),
            ("languages", "en".into()),
            ("regions", "africa".into()),
        ]
    };
    let res = sec
        .post(s.url("/workshops/new"))
        .form(
            &workshop_fields("Workshop")
                .iter()
                .map(|(k, v)| (*k, v.as_str()))
                .collect::<Vec<_>>(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", text(res).await);
    let workshop = location(&res)
        .trim_start_matches("/workshops/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let csv = "party,name,email,role,language\nKE,Import Test,import@ke.example,scientific,en\n";
    let document = app::domain::survey::document::export(&survey);
    wait_for_count(&s, UNSENT, 0, Duration::from_secs(60)).await;

    let get = |p: &str| Page::Get(p.to_string());
    let mut cases: BTreeMap<&'static str, Case> = BTreeMap::new();
    let mut add = |route: &'static str,
                   path: String,
                   client: &Client,
                   page: Page,
                   typed: Vec<(&'static str, String)>,
                   multipart: bool| {
        cases.insert(
            route,
            Case {
                path,
                client: client.clone(),
                page,
                typed,
                multipart,
            },
        );
    };
    let d = format!("/consultations/{draft}");
    let i = format!("/consultations/{inviting}");
    add(
        "/sign-in",
        "/sign-in".into(),
        &sec,
        get("/sign-in"),
        vec![
            ("email", SECRETARIAT_EMAIL.into()),
            ("password", DEMO_PASSWORD.into()),
        ],
        false,
    );
    add(
        "/respond/profile",
        "/respond/profile".into(),
        &invitee,
        get("/respond/profile"),
        vec![],
        false,
    );
    let section = format!("/respond/section/{sid}");
    add(
        "/respond/section/{sid}",
        section.clone(),
        &invitee,
        get(&section),
        vec![],
        false,
    );
    add(
        "/respond/all",
        "/respond/all".into(),
        &invitee,
        get("/respond/all"),
        vec![],
        false,
    );
    add(
        "/respond/submit",
        "/respond/submit".into(),
        &invitee,
        get("/respond/review"),
        vec![],
        false,
    );
    add(
        "/respond/reopen",
        "/respond/reopen".into(),
        &invitee,
        get("/respond"),
        vec![],
        false,
    );
    add(
        "/parties/new",
        "/parties/new".into(),
        &sec,
        get("/parties/new"),
        vec![
            ("code", "ZZ".into()),
            ("region", "africa".into()),
            ("name_en", "Zedland".into()),
            ("name_fr", "Zédie".into()),
            ("name_es", "Zedia".into()),
        ],
        false,
    );
    add(
        "/parties/{code}",
        "/parties/KE".into(),
        &sec,
        get("/parties/KE"),
        vec![],
        false,
    );
    add(
        "/consultations",
        "/consultations".into(),
        &sec,
        get("/consultations"),
        vec![],
        false,
    );
    add(
        "/consultations/import",
        "/consultations/import".into(),
        &sec,
        get("/consultations"),
        vec![("file", document.clone())],
        true,
    );
    for (route, action) in [
        ("/consultations/{id}/texts", "texts"),
        ("/consultations/{id}/structure", "structure"),
        ("/consultations/{id}/duplicate", "duplicate"),
    ] {
        add(route, format!("{d}/{action}"), &sec, get(&d), vec![], false);
    }
    // The next round is started from a consultation that has been opened.
    add(
        "/consultations/{id}/next-round",
        format!("{i}/next-round"),
        &sec,
        get(&i),
        vec![],
        false,
    );
    // A deadline, so that the state form's "open" is taken.
    add(
        "/consultations/{id}/dates",
        format!("{d}/dates"),
        &sec,
        get(&d),
        vec![("deadline", "2099-06-30T12:00".into())],
        false,
    );
    add(
        "/consultations/{id}/state",
        format!("{d}/state"),
        &sec,
        get(&d),
        vec![],
        false,
    );
    let question = format!("{d}/questions/{qid}");
    add(
        "/consultations/{id}/questions/{qid}",
        question.clone(),
        &sec,
        get(&question),
        vec![],
        false,
    );
    let sect = format!("{d}/sections/{sid}");
    add(
        "/consultations/{id}/sections/{sid}",
        sect.clone(),
        &sec,
        get(&sect),
        vec![],
        false,
    );
    add(
        "/contacts",
        "/contacts".into(),
        &sec,
        get("/contacts"),
        vec![
            ("party", "BO".into()),
            ("name", "Begoña Núñez".into()),
            ("email", "begona@bo.example".into()),
            ("role", "management".into()),
            ("lang", "es".into()),
        ],
        false,
    );
    let one_contact = format!("/contacts/{contact}");
    add(
        "/contacts/{id}",
        one_contact.clone(),
        &sec,
        get(&one_contact),
        vec![],
        false,
    );
    add(
        "/contacts/import",
        "/contacts/import".into(),
        &sec,
        get("/contacts"),
        vec![("file", csv.into())],
        true,
    );
    add(
        "/contacts/import/confirm",
        "/contacts/import/confirm".into(),
        &sec,
        Page::Post(
            "/contacts/import".into(),
            FORM,
            serde_urlencoded::to_string([("file", csv)])
                .unwrap()
                .into_bytes(),
        ),
        vec![],
        false,
    );
    add(
        "/consultations/{id}/invitations",
        format!("{i}/invitations"),
        &sec,
        get(&format!("{i}/invitations?who=all")),
        vec![],
        false,
    );
    for (route, action) in [
        ("/consultations/{id}/reminders", "reminders"),
        (
            "/consultations/{id}/reminders/schedule",
            "reminders/schedule",
        ),
    ] {
        add(
            route,
            format!("{i}/{action}"),
            &sec,
            get(&format!("{i}/invitations")),
            vec![],
            false,
        );
    }
    add(
        "/glossary",
        "/glossary".into(),
        &sec,
        get("/glossary"),
        vec![
            ("key", "stockpile".into()),
            ("term_en", "stockpile".into()),
            ("term_fr", "stock".into()),
            ("term_es", "existencias".into()),
            ("definition_en", "Specimens held.".into()),
            ("definition_fr", "Spécimens détenus.".into()),
            ("definition_es", "Especímenes en poder.".into()),
        ],
        false,
    );
    add(
        "/workshops/new",
        "/workshops/new".into(),
        &sec,
        get("/workshops/new"),
        workshop_fields("Another workshop"),
        false,
    );
    let w = format!("/workshops/{workshop}");
    add("/workshops/{id}", w.clone(), &sec, get(&w), vec![], false);

    // Every POST row of the table has a case (or a reason to have none).
    let posts: Vec<&'static str> = app::web::routes::table()
        .into_iter()
        .filter(|(m, _, _)| m.as_str() == "POST")
        .map(|(_, p, _)| p)
        .collect();
    for p in &posts {
        assert!(
            cases.contains_key(p) || EXEMPT.iter().any(|(e, _)| e == p),
            "POST {p} has no hostile-input case: add one"
        );
    }
    for p in cases.keys() {
        assert!(
            posts.contains(p),
            "case for {p}, which is not in the route table"
        );
    }

    for (row, p) in posts.into_iter().enumerate() {
        let Some(case) = cases.get(p) else { continue };
        let c = &case.client;
        let html = match &case.page {
            Page::Get(page) => text(c.get(s.url(page)).send().await.unwrap()).await,
            Page::Post(page, ctype, body) => post(c, &s, page, Some(ctype), body.clone()).await.1,
        };
        let (fields, multi) = form_fields(&html, &case.path)
            .unwrap_or_else(|| panic!("{p}: no form posting to {} on its page", case.path));
        let once = typed_in(fields, &case.typed);
        assert!(!once.is_empty(), "{p}: a form without fields");
        let twice: Vec<(String, String)> =
            once.iter().flat_map(|f| [f.clone(), f.clone()]).collect();
        // The operator's case: the second copies hold other values.
        let twice_other: Vec<(String, String)> = once
            .iter()
            .flat_map(|(k, v)| [(k.clone(), v.clone()), (k.clone(), format!("{v}0"))])
            .collect();
        let (ctype, twice_body) = body_of(case, &twice);
        let (_, twice_other_body) = body_of(case, &twice_other);
        let (_, once_body) = body_of(case, &once);
        let form = || Some(FORM.to_string());
        let garbled_multipart = if case.multipart { 400 } else { 415 };
        // Every form, a new workshop's included, refuses a body without
        // the fields its page sends (400), before any validation.
        let shapeless = 400;
        // (content type, body, the conflict message expected)
        let mut stale: Vec<(Option<String>, Vec<u8>, &str)> = Vec::new();
        // (what, content type, body, the status expected)
        let mut bad: Vec<(String, Option<String>, Vec<u8>, u16)> = vec![
            (
                "every field twice".into(),
                Some(ctype.clone()),
                twice_body,
                400,
            ),
            (
                "every field twice, other values second".into(),
                Some(ctype.clone()),
                twice_other_body,
                400,
            ),
            (
                "every field twice, urlencoded".into(),
                form(),
                serde_urlencoded::to_string(&twice).unwrap().into_bytes(),
                400,
            ),
            ("empty".into(), form(), vec![], shapeless),
            ("empty, no type".into(), None, vec![], 415),
            (
                "bytes that are no text".into(),
                form(),
                vec![0xff, 0x00, 0xfe, b'=', 0x80],
                400,
            ),
            (
                "a form of another shape".into(),
                form(),
                b"%00%01garbage&&==&a=b".to_vec(),
                shapeless,
            ),
            (
                "JSON".into(),
                Some("application/json".into()),
                b"{\"version\":1}".to_vec(),
                415,
            ),
            (
                "the form as text".into(),
                Some("text/plain".into()),
                once_body.clone(),
                415,
            ),
            (
                "multipart garbage".into(),
                Some(format!("multipart/form-data; boundary={BOUNDARY}")),
                format!("--{BOUNDARY}\r\nnonsense").into_bytes(),
                garbled_multipart,
            ),
        ];
        // An action without fields takes its version and nothing else.
        if once.iter().all(|(k, _)| k == "version") {
            let mut more = once.clone();
            more.push(("confirm".into(), "yes".into()));
            let (t, b) = body_of(case, &more);
            bad.push((
                "the version and a field no page sends".into(),
                Some(t),
                b,
                400,
            ));
        }
        // An outdated page: the version its form names is no longer the
        // record's (another member acted meanwhile). Refused (409) with the
        // translated conflict message, the page again as things are now,
        // with its form and what was typed; nothing written.
        if let Some(conflict) = STALE.iter().find(|(r, _)| *r == p).map(|(_, m)| *m) {
            let (_, v) = once
                .iter()
                .find(|(k, _)| k == "version")
                .unwrap_or_else(|| panic!("{p}: its form names no version"));
            let old: i32 = v.parse().unwrap();
            let outdated: Vec<(String, String)> = once
                .iter()
                .map(|(k, v)| match k.as_str() {
                    "version" => (k.clone(), (old ^ 1).to_string()),
                    _ => (k.clone(), v.clone()),
                })
                .collect();
            let (t, b) = body_of(case, &outdated);
            stale.push((Some(t), b, conflict));
        }
        // Each single-valued field twice on its own, the others once.
        let mut singles: Vec<&String> = once.iter().map(|(k, _)| k).collect();
        singles.sort();
        singles.dedup();
        for name in singles {
            if multi.contains(name) {
                continue; // a checkbox group: its values may repeat
            }
            let mut one_twice = once.clone();
            let v = once.iter().find(|(k, _)| k == name).unwrap().1.clone();
            one_twice.push((name.clone(), v));
            let (t, b) = body_of(case, &one_twice);
            bad.push((format!("{name} twice"), Some(t), b, 400));
        }

        let before = snapshot(&s).await;
        for (n, (ctype, body, conflict)) in stale.into_iter().enumerate() {
            let lang = ["en", "fr", "es"][(row + n) % 3];
            let mut req = c
                .post(s.url(&case.path))
                .header("accept-language", lang)
                .body(body);
            if let Some(t) = &ctype {
                req = req.header("content-type", t);
            }
            let res = req.send().await.unwrap();
            let status = res.status();
            let page = text(res).await;
            assert_eq!(status.as_u16(), 409, "{p} (an outdated version): {page}");
            let code = app::domain::lang::Lang::ALL
                .into_iter()
                .find(|l| l.code() == lang)
                .unwrap();
            let message = app::i18n::translate(code, conflict, &[]);
            assert!(
                unescape(&page).contains(&message),
                "{p} (an outdated version): not the conflict message in {lang}: {page}"
            );
            let (again, _) = form_fields(&page, &case.path)
                .unwrap_or_else(|| panic!("{p} (an outdated version): no form to send again"));
            let kept: Vec<&(String, String)> =
                once.iter().filter(|(k, _)| k != "version").collect();
            for field in kept {
                assert!(
                    again.contains(field),
                    "{p} (an outdated version): {field:?} not kept: {again:?}"
                );
            }
            let fresh = again
                .iter()
                .find(|(k, _)| k == "version")
                .map(|f| f.1.clone());
            assert_eq!(
                fresh.as_deref(),
                once.iter()
                    .find(|(k, _)| k == "version")
                    .map(|f| f.1.as_str()),
                "{p} (an outdated version): the page's version as the record stands"
            );
        }
        for (n, (what, ctype, body, expected)) in bad.into_iter().enumerate() {
            // The refusal is a page in the reader's language.
            let lang = ["en", "fr", "es"][(row + n) % 3];
            let mut req = c
                .post(s.url(&case.path))
                .header("accept-language", lang)
                .body(body);
            if let Some(t) = &ctype {
                req = req.header("content-type", t);
            }
            let res = req.send().await.unwrap();
            let status = res.status();
            let page = text(res).await;
            assert_eq!(status.as_u16(), expected, "{p} ({what}): {page}");
            let shown = page
                .split("<html lang=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .unwrap_or("");
            // Invitees read in their invitation's language.
            if !p.starts_with("/respond") {
                assert_eq!(shown, lang, "{p} ({what}): the page's language");
            }
            let title = match (expected, shown) {
                (400, "fr") => "Demande incomprise",
                (400, "es") => "Solicitud no comprendida",
                (400, _) => "Request not understood",
                (415, "fr") => "Pas un formulaire",
                (415, "es") => "No es un formulario",
                (_, "fr") => "Pas un formulaire",
                (_, "es") => "No es un formulario",
                _ => "Not a form",
            };
            assert!(
                page.contains(title),
                "{p} ({what}): not the refusal in {shown}: {page}"
            );
        }
        let after = snapshot(&s).await;
        assert_eq!(
            changes(&before, &after),
            Vec::<String>::new(),
            "{p}: something changed"
        );

        // The form sent once, as its page sends it: taken.
        let (status, page) = post(c, &s, &case.path, Some(&ctype), once_body).await;
        assert!(
            status.is_redirection() || status.is_success(),
            "{p}: the page's own form was refused ({status}): {once:?}\n{page}"
        );
        wait_for_count(&s, UNSENT, 0, Duration::from_secs(60)).await;
    }
    s.stop().await;
}
