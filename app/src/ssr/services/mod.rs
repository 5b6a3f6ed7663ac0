//! Server-side services over the database. Each takes `&DatabaseConnection`
//! and returns domain types or [`crate::error::AppError`].

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
pub mod secrets;
pub mod sessions;
pub mod summaries;
pub mod tallies;
pub mod throttle;
pub mod workshops;
