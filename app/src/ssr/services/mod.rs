//! Server-side services over the database. Each takes `&DatabaseConnection`
//! and returns domain types or [`crate::error::AppError`].
//!
//! A use case spanning several services has a module of its own, above
//! them: closing a consultation ([`closing`]: the close transition, by hand
//! or at the deadline) and answering one (`ssr::submissions`: the response
//! workflow and its one writer). The services below never import them, so
//! the services form no import circle.

pub mod accounts;
pub mod audit;
pub mod closing;
pub mod consultations;
pub mod contacts;
pub mod glossary;
pub mod invitations;
pub mod parties;
pub mod passwords;
pub mod responses;
pub mod rounds;
pub mod row_order;
pub mod secrets;
pub mod sessions;
pub mod summaries;
pub mod tallies;
pub mod throttle;
pub mod workshops;
