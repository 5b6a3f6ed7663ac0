//! The benchmarks, one module each, run by one binary (`src/bin/bench.rs`)
//! so that a release build links them once (with thin LTO each link of a
//! binary of its own took minutes): `target/release/bench NAME [ARGS]`, or
//! `scripts/bench.sh NAME [ARGS]`. Each prints its figures beside a
//! baseline measured in the same run.

pub mod housekeeping;
pub mod invitations;
pub mod pages;
pub mod responses;
pub mod rounds;
pub mod summary;

use crate::TestServer;
use app::domain::survey::Survey;

/// The benchmarks by name, with what each measures.
pub const NAMES: &[(&str, &str)] = &[
    (
        "pages",
        "respondent pages/s beside /healthz/s; memory under attack",
    ),
    (
        "responses",
        "submissions/s beside raw SQLite transactions [SUBMISSIONS]",
    ),
    (
        "summary",
        "the region × status summary at close [RESPONSES]",
    ),
    ("rounds", "the comparison of two rounds [RESPONSES]"),
    (
        "invitations",
        "invitations queued and delivered beside lettre alone [N]",
    ),
    (
        "housekeeping",
        "PostgreSQL row-order pass under load [INVITEES] [SUBMITTED]",
    ),
];

/// The command line after the benchmark's name, as `std::env::args` gives
/// it to a program of its own: `args().nth(1)` is the first argument.
pub fn args() -> impl Iterator<Item = String> {
    std::env::args().skip(1)
}

/// Runs the benchmark `name`; `false` if there is none by that name.
pub async fn run(name: &str) -> bool {
    match name {
        "pages" => pages::run().await,
        "responses" => responses::run().await,
        "summary" => summary::run().await,
        "rounds" => rounds::run().await,
        "invitations" => invitations::run().await,
        "housekeeping" => housekeeping::run().await,
        _ => return false,
    }
    true
}

/// The form body of invitee `n`'s complete response to `survey` (every
/// answer and the donor/recipient status), submitted: the submissions and
/// row-order benchmarks send it.
pub(crate) fn response_body(survey: &Survey, n: usize) -> String {
    let mut so_far = Default::default();
    let mut fields = crate::fill_section(
        survey,
        &app::domain::survey::answers::whole(survey),
        &mut so_far,
    );
    for (k, v) in fields.iter_mut() {
        if k.ends_with("q8") {
            *v = format!("Formation des agents des douanes, lot {n}");
        }
        if k.ends_with("q9") {
            *v = "Nous avons besoin d'une formation à l'identification des spécimens \
                  et d'un appui au renforcement des capacités de l'organe de gestion. "
                .repeat(3);
        }
    }
    fields.push(("support".into(), "receives".into()));
    fields.push(("version".into(), String::new()));
    fields.push(("go".into(), "submit".into()));
    serde_urlencoded::to_string(&fields).unwrap()
}

/// A test server as a benchmark needs it: configured as in production
/// where a figure depends on it — passwords hashed at the standard cost
/// (the test harness lowers it), so that a sign-in, and an attack on
/// sign-in, costs what it costs — with `extra` on top.
pub(crate) async fn server(extra: &[(&str, &str)]) -> TestServer {
    let mut all = vec![("CONSULTA_PASSWORD_COST", "standard")];
    all.extend_from_slice(extra);
    TestServer::start_with(&all).await
}
