//! sea-orm entities, one per table. Server-only.

pub mod account;
pub mod account_region;
pub mod audit_event;
pub mod consultation;
pub mod consultation_result;
pub mod consultation_round;
pub mod consultation_secret;
pub mod contact;
pub mod glossary_term;
pub mod invitation;
pub mod outbox;
pub mod party;
pub mod region;
pub mod reminder_schedule;
pub mod response;
pub mod response_day;
pub mod result_text;
pub mod session;
pub mod sign_in_attempt;
mod stored;
pub mod tally;
pub mod workshop;
pub mod workshop_consultation;
pub mod workshop_organiser;
pub mod workshop_region;
