//! The domain: plain Rust, no framework types. Shared by the server and the
//! browser (the same validation runs in both).

pub mod account;
pub mod coded;
pub mod constituency;
pub mod contact;
pub mod disclosure;
pub mod glossary;
pub mod ids;
pub mod lang;
pub mod outcome;
pub mod party;
pub mod region;
pub mod response;
pub mod rounds;
pub mod summary;
pub mod survey;
pub mod text;
pub mod validation;
pub mod workshop;
