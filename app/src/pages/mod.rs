//! One module per route. Each holds the page, the server functions that load
//! its data, and (server-only) the handler for the form it posts.

pub mod audit;
pub mod consultation;
pub mod consultations;
pub mod contacts;
pub mod glossary;
pub mod home;
pub mod invitations;
pub mod monitoring;
pub mod not_found;
pub mod parties;
pub mod party_edit;
pub mod preview;
pub mod question_edit;
pub mod respond;
pub mod section_edit;
pub mod sign_in;
pub mod summary;
pub mod workshops;
