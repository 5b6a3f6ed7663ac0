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
