//! Test harness: starts the real Consulta server on a free port, on a fresh
//! database of the engine chosen by `CONSULTA_TEST_DB` (`sqlite`, the default,
//! or `postgres`, which needs `CONSULTA_TEST_PG_URL`, an admin URL to a server
//! where the harness may create and drop databases), and speaks HTTP to it.

#[cfg(feature = "bench")]
pub mod bench;
pub mod load;
pub mod smtp;
mod template;

use app::ssr::config::Config;
use reqwest::redirect::Policy;
use reqwest::{Client, Response};
use sea_orm::{ConnectionTrait, Database, Statement};
use std::collections::HashMap;

pub const DEMO_PASSWORD: &str = "demo-password-for-tests";
pub use app::ssr::demo::{ORGANISER_EMAIL, SECRETARIAT_EMAIL};

pub struct TestServer {
    pub base: String,
    /// The configuration it was started with (to start a second instance).
    pub vars: HashMap<String, String>,
    pub db: sea_orm::DatabaseConnection,
    running: Option<server::Running>,
    _dir: tempfile::TempDir,
    pg_drop: Option<(String, String)>,
}

/// Which engine this run tests.
pub fn engine() -> String {
    std::env::var("CONSULTA_TEST_DB").unwrap_or_else(|_| "sqlite".into())
}

impl TestServer {
    pub async fn start() -> Self {
        Self::start_with(&[]).await
    }

    /// Starts with extra configuration variables. With `CONSULTA_TEST_LOG`
    /// set (an `EnvFilter`, e.g. `info`), the servers' logs go to stderr.
    pub async fn start_with(extra: &[(&str, &str)]) -> Self {
        let admin = match engine().as_str() {
            "sqlite" => None,
            "postgres" => Some(
                std::env::var("CONSULTA_TEST_PG_URL")
                    .expect("CONSULTA_TEST_DB=postgres needs CONSULTA_TEST_PG_URL"),
            ),
            other => panic!("CONSULTA_TEST_DB={other}: expected sqlite or postgres"),
        };
        Self::start_in(admin.as_deref(), extra).await
    }

    /// Starts on a fresh database of the PostgreSQL server whose admin URL
    /// is `admin` (a cluster of the test's own), whatever the engine.
    pub async fn start_on_postgres(admin: &str, extra: &[(&str, &str)]) -> Self {
        Self::start_in(Some(admin), extra).await
    }

    /// Starts on a fresh SQLite file (`admin` is `None`) or a fresh
    /// database of the PostgreSQL server at `admin`.
    async fn start_in(admin: Option<&str>, extra: &[(&str, &str)]) -> Self {
        if let Ok(filter) = std::env::var("CONSULTA_TEST_LOG") {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
                .with_test_writer()
                .try_init();
        }
        let dir = tempfile::tempdir().expect("temp dir");
        // PostgreSQL has no file beside the database for the server secret.
        let pg_key = "5e".repeat(32);
        let (url, pg_drop) = match admin {
            None => {
                template::write_sqlite(&dir.path().join("test.db")).await;
                (format!("sqlite://{}/test.db", dir.path().display()), None)
            }
            Some(admin) => {
                let admin = admin.to_string();
                let name = format!("consulta_test_{}", uuid::Uuid::new_v4().simple());
                template::create_postgres(&admin, &name).await;
                let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
                (format!("{base}/{name}"), Some((admin.clone(), name)))
            }
        };
        let mut vars: HashMap<String, String> = [
            ("DATABASE_URL", url.as_str()),
            ("LEPTOS_SITE_ADDR", "127.0.0.1:0"),
            ("LEPTOS_SITE_ROOT", dir.path().to_str().unwrap()),
            ("CONSULTA_DEMO", "true"),
            // The demo consultation only where a test asks for it.
            ("CONSULTA_DEMO_DATA", "false"),
            ("CONSULTA_DEMO_PASSWORD", DEMO_PASSWORD),
            // Hundreds of sign-ins per run: argon2 at its lowest cost. A
            // test of what the standard cost does sets it back.
            ("CONSULTA_PASSWORD_COST", "test"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let outbox = format!("file://{}/outbox", dir.path().display());
        vars.insert("MAIL_URL".into(), outbox);
        if pg_drop.is_some() {
            vars.insert("CONSULTA_SECRET_KEY".into(), pg_key);
        }
        for (k, v) in extra {
            vars.insert(k.to_string(), v.to_string());
        }
        Self::launch(vars, dir, pg_drop).await
    }

    /// Starts a server with `vars`, keeping `dir` (and the database to drop) with it.
    async fn launch(
        vars: HashMap<String, String>,
        dir: tempfile::TempDir,
        pg_drop: Option<(String, String)>,
    ) -> TestServer {
        let cfg = Config::from_map(&vars).expect("test configuration");
        let running = server::start(cfg).await.expect("server starts");
        TestServer {
            vars,
            base: format!("http://{}", running.addr),
            db: running.db.clone(),
            running: Some(running),
            _dir: dir,
            pg_drop,
        }
    }

    /// Another server instance on the same database (and secret), with
    /// `extra` configuration on top; stopping it leaves the database alone.
    pub async fn start_sharing(&self, extra: &[(&str, &str)]) -> TestServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut vars = self.vars.clone();
        if !vars.contains_key("CONSULTA_SECRET_KEY") {
            // SQLite: the first instance made a key file beside the database.
            let db = vars["DATABASE_URL"]
                .trim_start_matches("sqlite://")
                .to_string();
            let key_file = std::path::Path::new(&db).with_file_name("secret.key");
            vars.insert(
                "CONSULTA_SECRET_KEY_FILE".into(),
                key_file.display().to_string(),
            );
        }
        for (k, v) in extra {
            vars.insert(k.to_string(), v.to_string());
        }
        Self::launch(vars, dir, None).await
    }

    /// The configuration it runs with.
    pub fn config(&self) -> Config {
        Config::from_map(&self.vars).expect("test configuration")
    }

    /// A browser-like client: keeps cookies, does not follow redirects.
    pub fn client(&self) -> Client {
        Client::builder()
            .cookie_store(true)
            .redirect(Policy::none())
            // A request that hangs fails its test (naming what hung) instead of the run.
            .timeout(std::time::Duration::from_secs(30))
            .build()
            .unwrap()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// A client signed in as `email` with the demo password.
    pub async fn signed_in(&self, email: &str) -> Client {
        let c = self.client();
        let res = sign_in(&c, self, email, DEMO_PASSWORD).await;
        assert_eq!(res.status(), 303, "sign-in as {email} should succeed");
        c
    }

    /// The server's state: what it keeps in memory (caches, the writer,
    /// the reshuffle mark, the shutdown signal of its background tasks).
    pub fn state(&self) -> app::ssr::state::AppState {
        self.running
            .as_ref()
            .expect("the server runs")
            .state()
            .clone()
    }

    /// Stops the server (HTTP, then its background tasks), closes its
    /// connections and drops its database (PostgreSQL).
    pub async fn stop(mut self) {
        self.halt().await;
        if let Some((admin, name)) = self.pg_drop.take()
            && let Ok(conn) = Database::connect(&admin).await
        {
            conn.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await
                .ok();
        }
    }

    /// [`stop`](Self::stop), dropping the PostgreSQL database without
    /// FORCE: refused if any connection to it is left. The refusal, if any.
    pub async fn stop_unforced(mut self) -> Result<(), String> {
        self.halt().await;
        let Some((admin, name)) = self.pg_drop.take() else {
            return Ok(());
        };
        let conn = Database::connect(&admin).await.map_err(|e| e.to_string())?;
        let dropped = conn
            .execute_unprepared(&format!("DROP DATABASE {name}"))
            .await
            .map(|_| ())
            .map_err(|e| e.to_string());
        if dropped.is_err() {
            conn.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await
                .ok();
        }
        dropped
    }

    /// Stops this server (HTTP, then its background tasks) and closes its
    /// connections, keeping its database and files: for a server in
    /// another process to take over, started with [`vars`](Self::vars).
    /// [`stop`](Self::stop) drops the database afterwards (PostgreSQL).
    pub async fn hand_over(&mut self) {
        self.halt().await;
    }

    async fn halt(&mut self) {
        if let Some(r) = self.running.take() {
            r.stop().await.expect("graceful stop");
        }
        self.db.clone().close().await.ok();
    }
}

pub async fn sign_in(c: &Client, s: &TestServer, email: &str, password: &str) -> Response {
    c.post(s.url("/sign-in"))
        .form(&[("email", email), ("password", password), ("next", "/")])
        .send()
        .await
        .unwrap()
}

pub async fn text(res: Response) -> String {
    res.text().await.unwrap()
}

/// All `Set-Cookie` headers of a response.
pub fn set_cookies(res: &Response) -> Vec<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect()
}

/// The `Location` of a redirect.
pub fn location(res: &Response) -> String {
    res.headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

/// The `version` that the forms of `page` name (the record as the page shows it).
pub async fn version_on(c: &Client, s: &TestServer, page: &str) -> String {
    try_version_on(c, s, page)
        .await
        .unwrap_or_else(|| panic!("no version field on {page}"))
}

/// The `version` on `page`, if its forms name one (forms that add a record do not).
pub async fn try_version_on(c: &Client, s: &TestServer, page: &str) -> Option<String> {
    let html = text(c.get(s.url(page)).send().await.unwrap()).await;
    let key = "name=\"version\" value=\"";
    let i = html.find(key)?;
    html[i + key.len()..].split('"').next().map(str::to_string)
}

/// The page whose form posts to `action`: a consultation's actions are on
/// its page; a question's or section's form posts to its own address.
pub fn form_page(action: &str) -> String {
    for suffix in [
        "/texts",
        "/dates",
        "/state",
        "/structure",
        "/duplicate",
        "/next-round",
    ] {
        if let Some(page) = action.strip_suffix(suffix) {
            return page.to_string();
        }
    }
    action.to_string()
}

/// Posts `fields` to `action` as its page's form does: with the version the
/// page shows, as a person who just opened it would.
pub async fn post_versioned<T: serde::Serialize + ?Sized>(
    c: &Client,
    s: &TestServer,
    action: &str,
    fields: &T,
) -> Response {
    let version = version_on(c, s, &form_page(action)).await;
    post_with_version(c, s, action, fields, &version).await
}

/// Posts `fields` to `action` naming `version`.
pub async fn post_with_version<T: serde::Serialize + ?Sized>(
    c: &Client,
    s: &TestServer,
    action: &str,
    fields: &T,
    version: &str,
) -> Response {
    let mut body = serde_urlencoded::to_string(fields).unwrap();
    if !body.is_empty() {
        body.push('&');
    }
    body.push_str(&format!("version={version}"));
    c.post(s.url(action))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap()
}

/// Creates a consultation from `template` as the Secretariat's form does; returns its id.
pub async fn create_consultation(c: &Client, s: &TestServer, template: &str) -> String {
    let res = c
        .post(s.url("/consultations"))
        .form(&[("template", template)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "create from {template}");
    location(&res)
        .trim_start_matches("/consultations/")
        .split('?')
        .next()
        .unwrap()
        .to_string()
}

/// Creates a consultation from `template` and opens it, with `deadline`
/// (`YYYY-MM-DDTHH:MM`, UTC); returns its id.
pub async fn open_consultation(
    c: &Client,
    s: &TestServer,
    template: &str,
    deadline: &str,
) -> String {
    let id = create_consultation(c, s, template).await;
    open_now(c, s, &id, deadline).await;
    id
}

/// Imports `survey` and opens it with `deadline`; returns its id.
pub async fn open_imported(
    c: &Client,
    s: &TestServer,
    survey: &app::domain::survey::Survey,
    deadline: &str,
) -> String {
    let id = import_consultation(c, s, survey).await;
    open_now(c, s, &id, deadline).await;
    id
}

/// Opens consultation `id` now, with `deadline` (`YYYY-MM-DDTHH:MM`, UTC).
pub async fn open_now(c: &Client, s: &TestServer, id: &str, deadline: &str) {
    let base = format!("/consultations/{id}");
    let res = post_versioned(
        c,
        s,
        &format!("{base}/dates"),
        &[("opens_at", ""), ("deadline", deadline)],
    )
    .await;
    assert_eq!(res.status(), 303, "dates");
    let res = post_versioned(c, s, &format!("{base}/state"), &[("to", "open")]).await;
    assert_eq!(res.status(), 303, "open: {}", text(res).await);
}

/// Imports `survey` as the Secretariat's import form does; returns the new
/// consultation's id.
pub async fn import_consultation(
    c: &Client,
    s: &TestServer,
    survey: &app::domain::survey::Survey,
) -> String {
    let doc = app::domain::survey::document::export(survey);
    let res = c
        .post(s.url("/consultations/import"))
        .form(&[("document", doc.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "import: {}", text(res).await);
    location(&res)
        .trim_start_matches("/consultations/")
        .split('?')
        .next()
        .unwrap()
        .to_string()
}

/// The version the forms of consultation `id`'s invitations page name
/// (its invitations as the page shows them).
pub async fn invitations_version(c: &Client, s: &TestServer, id: &str) -> String {
    version_on(c, s, &format!("/consultations/{id}/invitations")).await
}

/// Posts `fields` to `/consultations/{id}/{action}` (`invitations`,
/// `reminders`, `reminders/schedule`) with the version the invitations page
/// shows, as a person who just opened it would.
pub async fn post_invitations_form(
    c: &Client,
    s: &TestServer,
    id: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> Response {
    let version = invitations_version(c, s, id).await;
    post_with_version(
        c,
        s,
        &format!("/consultations/{id}/{action}"),
        fields,
        &version,
    )
    .await
}

/// Sends the invitation form of consultation `id` with `fields` (and the
/// version its page shows); returns where it redirects (with the counts).
pub async fn invite(c: &Client, s: &TestServer, id: &str, fields: &[(&str, &str)]) -> String {
    let res = post_invitations_form(c, s, id, "invitations", fields).await;
    assert_eq!(res.status(), 303, "{}", text(res).await);
    location(&res)
}

/// The one number `sql` selects.
pub async fn count(s: &TestServer, sql: &str) -> i64 {
    s.db.query_one_raw(sea_orm::Statement::from_string(
        s.db.get_database_backend(),
        sql.to_string(),
    ))
    .await
    .unwrap()
    .unwrap()
    .try_get_by_index::<i64>(0)
    .unwrap()
}

/// Waits until `sql` selects `n`, asking every 50 ms; after `within`, fails
/// the test with the last figure. Where a test has to show that something
/// does *not* happen, it waits for what rules it out from then on (the
/// outbox drained, say), never for a fixed time.
pub async fn wait_for_count(s: &TestServer, sql: &str, n: i64, within: std::time::Duration) {
    let mut got = None;
    let what = format!("`{sql}` to be {n}");
    wait_until(&what, within, async || {
        got = Some(count(s, sql).await);
        got == Some(n)
    })
    .await;
}

/// The first file the server's file outbox (`MAIL_URL=file://…`) writes to
/// `dir`, waiting for it up to `within`.
pub async fn first_eml(dir: impl AsRef<std::path::Path>, within: std::time::Duration) -> Vec<u8> {
    let mut eml = None;
    wait_until("a complete .eml file in the outbox", within, async || {
        eml = std::fs::read_dir(dir.as_ref())
            .ok()
            .and_then(|mut d| d.next())
            .and_then(|e| std::fs::read(e.ok()?.path()).ok())
            .filter(|raw| eml_complete(raw));
        eml.is_some()
    })
    .await;
    eml.unwrap_or_default()
}

/// Waits until `done` says so, asking every 50 ms; after `within`, fails the
/// test naming `what` it waited for.
pub async fn wait_until(
    what: &str,
    within: std::time::Duration,
    mut done: impl AsyncFnMut() -> bool,
) {
    let deadline = tokio::time::Instant::now() + within;
    while !done().await {
        assert!(
            tokio::time::Instant::now() < deadline,
            "waited {within:?} for {what}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// Chooses a language the way a person does: through the switcher.
pub async fn choose_language(c: &Client, s: &TestServer, lang: &str) {
    let res = c
        .get(s.url(&format!("/lang/{lang}?next=/")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
}

/// Adds an active focal point through the Secretariat's form.
pub async fn add_contact(
    c: &Client,
    s: &TestServer,
    party: &str,
    name: &str,
    email: &str,
    lang: &str,
) {
    let res = c
        .post(s.url("/contacts"))
        .form(&[
            ("party", party),
            ("name", name),
            ("email", email),
            ("role", "management"),
            ("lang", lang),
            ("active", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", text(res).await);
}

/// The private link in a message's text.
pub fn link_in(text: &str) -> String {
    let i = text.find("/i/").expect("a private link");
    let start = text[..i].rfind("http").unwrap();
    text[start..i + 3 + 64].to_string()
}

/// Whether `raw` is a whole message: the mail transport writes an `.eml`
/// file in place, so a reader can find one half written. A multipart
/// message is whole once its closing boundary is there.
pub fn eml_complete(raw: &[u8]) -> bool {
    let text = String::from_utf8_lossy(raw);
    let boundary = text.split_once("boundary=").map(|(_, rest)| {
        rest.trim_start_matches('"')
            .split(['"', '\r', '\n', ';'])
            .next()
            .unwrap_or_default()
            .to_string()
    });
    match boundary {
        Some(b) if !b.is_empty() => text.contains(&format!("--{b}--")),
        _ => text.ends_with('\n'),
    }
}

/// The private links (`/i/…` paths) by recipient address, once `n`
/// whole messages are in the server's `.eml` outbox (`MAIL_URL=file://…`).
pub async fn outbox_links(s: &TestServer, n: usize) -> HashMap<String, String> {
    let outbox = s.vars["MAIL_URL"].trim_start_matches("file://").to_string();
    for _ in 0..240 {
        let files: Vec<Vec<u8>> = std::fs::read_dir(&outbox)
            .map(|d| {
                d.filter_map(Result::ok)
                    .filter_map(|e| std::fs::read(e.path()).ok())
                    .collect()
            })
            .unwrap_or_default();
        if files.len() >= n && files.iter().all(|f| eml_complete(f)) {
            return files
                .iter()
                .map(|f| {
                    let m = smtp::decode(f);
                    let link = link_in(&m.text.clone().expect("a text part"));
                    let path = format!("/i/{}", link.rsplit("/i/").next().unwrap());
                    let to =
                        m.to.rsplit('<')
                            .next()
                            .unwrap()
                            .trim_end_matches('>')
                            .to_string();
                    (to, path)
                })
                .collect();
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    panic!("fewer than {n} messages in {outbox}");
}

/// The private links (`/i/…` paths) of consultation `id`'s invitations by
/// recipient address, derived as the server derives them (the
/// consultation's secret, unsealed with the server key of `s`'s
/// configuration) instead of read from delivered e-mails: for tests with
/// more invitees than the outbox sends in a few seconds.
pub async fn derived_links(s: &TestServer, id: &str) -> HashMap<String, String> {
    use app::ssr::services::invitations;
    let cfg = Config::from_map(&s.vars).expect("test configuration");
    let key = app::ssr::keys::ServerKey::load(&cfg).expect("the server key");
    let cid = app::domain::ids::ConsultationId::parse(id).expect("a consultation id");
    let secret = invitations::consultation_secret(&s.db, &key, &cid)
        .await
        .expect("the consultation's secret reads")
        .expect("an open consultation has a secret");
    let rows =
        s.db.query_all_raw(sea_orm::Statement::from_sql_and_values(
            s.db.get_database_backend(),
            "SELECT i.id, c.email FROM invitation i JOIN contact c ON c.id = i.contact_id \
             WHERE i.consultation_id = $1",
            [id.into()],
        ))
        .await
        .unwrap();
    rows.iter()
        .map(|r| {
            let inv: String = r.try_get("", "id").unwrap();
            let email: String = r.try_get("", "email").unwrap();
            (
                email,
                format!("/i/{}", invitations::token_for(&secret, &inv)),
            )
        })
        .collect()
}

/// A new browser-like client holding the invitee cookie of private link `path`.
pub async fn open_link(s: &TestServer, path: &str) -> Client {
    let c = s.client();
    let res = c.get(s.url(path)).send().await.unwrap();
    assert_eq!(res.status(), 303, "the link {path} opens");
    c
}

/// A valid set of fields for `section` of `survey`, answering every question
/// that applies (first options, first columns, the lowest number allowed),
/// given the answers of earlier sections in `so_far` (updated).
pub fn fill_section(
    survey: &app::domain::survey::Survey,
    section: &app::domain::survey::Section,
    so_far: &mut app::domain::survey::answers::Answers,
) -> Vec<(String, String)> {
    use app::domain::survey::QuestionKind as K;
    use app::domain::survey::answers::{Answer, applies};
    let mut fields = Vec::new();
    for q in &section.questions {
        if !applies(survey, so_far, q) {
            continue;
        }
        let name = format!("q.{}", q.id);
        let answer = match &q.kind {
            K::SingleChoice { options, .. } | K::MultipleChoice { options, .. } => {
                fields.push((name, options[0].id.clone()));
                if matches!(q.kind, K::MultipleChoice { .. }) {
                    Answer::Choices(vec![options[0].id.clone()])
                } else {
                    Answer::Choice(options[0].id.clone())
                }
            }
            K::Scale { points } => {
                fields.push((name, points[0].id.clone()));
                Answer::Choice(points[0].id.clone())
            }
            K::Matrix { rows, columns } => {
                let mut m = std::collections::BTreeMap::new();
                for r in rows {
                    fields.push((format!("{name}.{}", r.id), columns[0].id.clone()));
                    m.insert(r.id.clone(), columns[0].id.clone());
                }
                Answer::Matrix(m)
            }
            K::Ranking { options, top } => {
                let picks: Vec<String> = options
                    .iter()
                    .take(*top as usize)
                    .map(|o| o.id.clone())
                    .collect();
                for (i, p) in picks.iter().enumerate() {
                    fields.push((format!("{name}.{}", i + 1), p.clone()));
                }
                Answer::Ranking(picks)
            }
            K::ShortText { .. } | K::LongText { .. } => {
                fields.push((name, "Renforcement des capacités".into()));
                Answer::Text("Renforcement des capacités".into())
            }
            K::Number { min, .. } => {
                let v = min.unwrap_or(12.0).to_string();
                fields.push((name, v.clone()));
                Answer::Number(v)
            }
        };
        so_far.insert(q.id.clone(), answer);
    }
    fields
}

/// The `version` field of the form on `page` ("" when nothing is saved yet).
pub async fn respond_version(c: &Client, s: &TestServer, page: &str) -> String {
    let html = text(c.get(s.url(page)).send().await.unwrap()).await;
    let key = "name=\"version\" value=\"";
    match html.find(key) {
        Some(i) => html[i + key.len()..].split('"').next().unwrap().to_string(),
        None => {
            // An empty value is rendered as a bare attribute-less field.
            assert!(
                html.contains("name=\"version\""),
                "no form on {page}: {html}"
            );
            String::new()
        }
    }
}

/// Posts a respondent form page: `fields`, the page's own version, and `go`.
pub async fn post_step(
    c: &Client,
    s: &TestServer,
    page: &str,
    fields: &[(String, String)],
    go: &str,
) -> Response {
    let version = respond_version(c, s, page).await;
    let mut all: Vec<(String, String)> = fields.to_vec();
    all.push(("version".into(), version));
    all.push(("go".into(), go.into()));
    c.post(s.url(page)).form(&all).send().await.unwrap()
}

/// Answers `survey` completely as the invitee of `c` (donor/recipient status
/// `support`), leaving the response ready to submit; returns the review page.
pub async fn answer_everything(
    c: &Client,
    s: &TestServer,
    survey: &app::domain::survey::Survey,
    support: &str,
) -> String {
    let res = post_step(
        c,
        s,
        "/respond/profile",
        &[("support".into(), support.into())],
        "next",
    )
    .await;
    assert_eq!(res.status(), 303, "profile: {}", text(res).await);
    // Display conditions may depend on the status just declared.
    let mut so_far = app::domain::survey::answers::with_profile(
        &Default::default(),
        app::domain::response::Support::parse(support),
    );
    for section in &survey.sections {
        let page = format!("/respond/section/{}", section.id);
        let fields = fill_section(survey, section, &mut so_far);
        let res = post_step(c, s, &page, &fields, "next").await;
        assert_eq!(res.status(), 303, "{page}: {}", text(res).await);
    }
    "/respond/review".into()
}

/// Submits the response of the invitee of `c` as the review page's form does.
pub async fn submit(c: &Client, s: &TestServer) -> Response {
    let version = respond_version(c, s, "/respond/review").await;
    c.post(s.url("/respond/submit"))
        .form(&[("version", version)])
        .send()
        .await
        .unwrap()
}

/// The Secretariat as the benchmarks' direct service calls name it.
pub fn bench_staff() -> app::domain::account::StaffUser {
    app::domain::account::StaffUser {
        id: app::domain::ids::AccountId::parse(&"b".repeat(32)).unwrap(),
        email: "bench@example.org".into(),
        role: app::domain::account::Role::Secretariat,
        regions: vec![],
    }
}

/// The benchmarks' common start: `n` focal points (`fp{i}@bench.example`,
/// over every Party of the register) put straight into the database, the
/// [`forty_questions`] consultation opened by `c` and every focal point
/// invited, their e-mails dropped (none of this is what is measured).
/// Returns the survey and the consultation's id.
pub async fn forty_questions_for_all(s: &TestServer, c: &Client, n: usize) -> (Survey, String) {
    let survey = forty_questions();
    let id = survey_for_all(s, c, n, &survey).await;
    (survey, id)
}

/// `n` focal points put straight into the database through the contacts
/// service (`fp{i}@{domain}`, Management Authorities over the Parties of the
/// register in turn), corresponding in `lang`. Returns their addresses.
pub async fn focal_points(
    s: &TestServer,
    n: usize,
    domain: &str,
    lang: app::domain::lang::Lang,
) -> Vec<String> {
    let parties: Vec<String> =
        s.db.query_all_raw(Statement::from_string(
            s.db.get_database_backend(),
            "SELECT code FROM party ORDER BY code".to_string(),
        ))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String>("", "code").unwrap())
        .collect();
    let contacts: Vec<app::domain::contact::Contact> = (0..n)
        .map(|i| {
            app::domain::contact::Contact::of_party(
                app::domain::ids::PartyCode::parse(&parties[i % parties.len()]).unwrap(),
                &format!("Focal point {i}"),
                &format!("fp{i}@{domain}"),
                app::domain::contact::ContactRole::ManagementAuthority,
                lang,
            )
        })
        .collect();
    app::ssr::services::contacts::import(&s.db, &bench_staff(), &contacts)
        .await
        .expect("contacts");
    contacts.into_iter().map(|c| c.email).collect()
}

/// `n` contacts of constituency `constituency` (a Committee, or a kind of
/// partner) put straight into the database, like [`focal_points`]: named
/// "Member {i}", at `m{i}@{domain}`, writing in `lang`, with `region` (a
/// region code: the region a Committee member represents, required for
/// them; a partner's, or none). Partners all belong to one organisation,
/// "Org {domain}" (so that they share one response). Returns their e-mail
/// addresses.
pub async fn members(
    s: &TestServer,
    constituency: app::domain::constituency::Constituency,
    region: Option<&str>,
    n: usize,
    domain: &str,
    lang: app::domain::lang::Lang,
) -> Vec<String> {
    use app::domain::constituency::Kind;
    let region = region.map(|r| app::domain::region::Region::parse(r).expect("a region code"));
    let contacts: Vec<app::domain::contact::Contact> = (0..n)
        .map(|i| app::domain::contact::Contact {
            constituency,
            party: None,
            region,
            organisation: (constituency.kind() == Kind::Partner).then(|| format!("Org {domain}")),
            name: format!("Member {i}"),
            email: format!("m{i}@{domain}"),
            role: app::domain::contact::ContactRole::Other,
            lang,
            active: true,
        })
        .collect();
    app::ssr::services::contacts::import(&s.db, &bench_staff(), &contacts)
        .await
        .expect("contacts");
    contacts.into_iter().map(|c| c.email).collect()
}

/// [`forty_questions_for_all`] with another survey: `n` focal points put
/// straight into the database, `survey` opened by `c` and every focal point
/// invited, their e-mails dropped. Returns the consultation's id.
pub async fn survey_for_all(s: &TestServer, c: &Client, n: usize, survey: &Survey) -> String {
    focal_points(s, n, "bench.example", app::domain::lang::Lang::Fr).await;
    let id = open_imported(c, s, survey, "2099-01-01T00:00").await;
    invite(c, s, &id, &[("who", "all")]).await;
    s.db.execute_unprepared("DELETE FROM outbox").await.unwrap();
    id
}

/// Benchmark data.
mod bench_data {
    use app::domain::survey::{
        Choice, Decision, Question, QuestionKind, Respondents, Section, Survey, Text,
    };

    fn same_text(s: &str) -> Text {
        Text::new(s, s, s)
    }

    fn choices(n: usize) -> Vec<Choice> {
        (0..n)
            .map(|i| Choice {
                id: format!("c{i}"),
                label: same_text(&format!("Choice {i}")),
            })
            .collect()
    }

    /// A 40-question consultation (four sections of ten: choices, scales, a
    /// multiple choice, a number and two texts), for the benchmarks.
    pub fn forty_questions() -> Survey {
        let kinds = |s: usize| -> Vec<Question> {
            (0..10)
                .map(|i| {
                    let kind = match i {
                        0..=2 => QuestionKind::SingleChoice {
                            options: choices(4),
                            other: false,
                        },
                        3..=5 => QuestionKind::Scale { points: choices(4) },
                        6 => QuestionKind::MultipleChoice {
                            options: choices(5),
                            max: None,
                        },
                        7 => QuestionKind::Number {
                            integer: true,
                            min: Some(0.0),
                            max: Some(100_000.0),
                        },
                        8 => QuestionKind::ShortText { max_length: 200 },
                        _ => QuestionKind::LongText { max_length: 5000 },
                    };
                    Question {
                        id: format!("s{s}q{i}"),
                        prompt: same_text(&format!("Question {s}.{i}")),
                        help: Text::default(),
                        required: true,
                        kind,
                        condition: None,
                        terms: vec![],
                    }
                })
                .collect()
        };
        Survey {
            title: same_text("Benchmark: 40 questions"),
            introduction: same_text("Forty questions."),
            decision: Decision::Other,
            respondents: Some(Respondents::PerInvitee),
            sections: (0..4)
                .map(|s| Section {
                    id: format!("s{s}"),
                    title: same_text(&format!("Section {s}")),
                    introduction: Text::default(),
                    questions: kinds(s),
                })
                .collect(),
            ..Default::default()
        }
    }
}
use app::domain::survey::Survey;
pub use bench_data::forty_questions;

/// A text in three languages: the English, then it marked (fr) and (es).
pub fn t(en: &str) -> app::domain::survey::Text {
    app::domain::survey::Text::new(en, &format!("{en} (fr)"), &format!("{en} (es)"))
}

/// Choices `ids`, labelled "Option <id>".
pub fn choices(ids: &[&str]) -> Vec<app::domain::survey::Choice> {
    ids.iter()
        .map(|id| app::domain::survey::Choice {
            id: id.to_string(),
            label: t(&format!("Option {id}")),
        })
        .collect()
}

/// A required question `id` of `kind`, prompted "Question <id>".
pub fn question(
    id: &str,
    kind: app::domain::survey::QuestionKind,
) -> app::domain::survey::Question {
    app::domain::survey::Question {
        id: id.into(),
        prompt: t(&format!("Question {id}")),
        help: app::domain::survey::Text::default(),
        required: true,
        kind,
        condition: None,
        terms: vec![],
    }
}

/// The benchmarks' common end: one row of the figures' table that
/// `scripts/bench.sh all` writes (`bench/latest.md`): what, the figure, the
/// baseline measured in the same run, the goal, and whether it is met
/// (`None`: no goal). Printed as one line starting `@row|`.
pub fn report_row(what: &str, figure: &str, baseline: &str, goal: &str, met: Option<bool>) {
    let met = match met {
        Some(true) => "yes",
        Some(false) => "**no**",
        None => "",
    };
    println!("@row|{what}|{figure}|{baseline}|{goal}|{met}");
}

/// A process's resident memory now and its peak so far (`VmRSS`, `VmHWM`),
/// in MB (2^20 bytes); zeros if it is gone.
pub fn memory_mb(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let mb = |field: &str| {
        status
            .lines()
            .find(|l| l.starts_with(field))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|k| k.parse::<f64>().ok())
            .unwrap_or(0.0)
            / 1024.0
    };
    (mb("VmRSS:"), mb("VmHWM:"))
}

/// The release server binary beside the running benchmark, as its own
/// process on `s`'s database and configuration, with `extra` variables on
/// top, listening on a free port (`CONSULTA_BENCH_PORT` to choose one);
/// returns once it answers `/healthz`. Killed when dropped.
pub struct ChildServer {
    pub child: std::process::Child,
    pub addr: std::net::SocketAddr,
}

impl ChildServer {
    pub async fn start(s: &TestServer, extra: &[(&str, &str)]) -> ChildServer {
        let server_bin = std::env::current_exe()
            .expect("the benchmark's path")
            .with_file_name("server");
        assert!(
            server_bin.exists(),
            "{} is missing: cargo build --release -p server",
            server_bin.display()
        );
        let port = std::env::var("CONSULTA_BENCH_PORT")
            .ok()
            .and_then(|p| p.parse::<u16>().ok())
            .unwrap_or_else(|| {
                std::net::TcpListener::bind("127.0.0.1:0")
                    .and_then(|l| l.local_addr())
                    .expect("a free port")
                    .port()
            });
        let addr: std::net::SocketAddr = ([127, 0, 0, 1], port).into();
        let mut cmd = std::process::Command::new(&server_bin);
        cmd.envs(s.vars.iter())
            .env("LEPTOS_SITE_ADDR", addr.to_string())
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::null());
        for (k, v) in extra {
            cmd.env(k, v);
        }
        let child = cmd.spawn().expect("start the release server");
        let server = ChildServer { child, addr };
        let http = Client::new();
        for _ in 0..400 {
            if http
                .get(format!("http://{addr}/healthz"))
                .send()
                .await
                .is_ok_and(|r| r.status() == 200)
            {
                return server;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("the release server did not answer /healthz on {addr} within 20 s");
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Its memory now and its peak so far, in MB.
    pub fn memory(&self) -> (f64, f64) {
        memory_mb(self.pid())
    }
}

impl Drop for ChildServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
