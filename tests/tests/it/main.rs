//! The integration suite: the real server on a free port, over HTTP, on the
//! engine `CONSULTA_TEST_DB` names (see `tests/src/lib.rs`).
//!
//! One test binary with a module per subject, not a binary per file: each
//! binary links the whole server, and linking thirteen of them was most of
//! the suite's build time. Run one subject with
//! `cargo test -p tests --test it -- summaries::`.

mod auth;
mod backups;
mod constituencies;
mod constituency_summaries;
mod consultations;
mod crash;
mod guard;
mod hostile;
mod http;
mod instances;
mod invitation_logs;
mod invitations;
mod lang;
mod mail;
mod outages;
mod parties;
mod repairs;
mod responses;
mod rounds;
mod row_order;
mod state;
mod summaries;
