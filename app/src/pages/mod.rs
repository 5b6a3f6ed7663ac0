//! One module per route. Each holds the page, the server functions that load
//! its data, and (server-only) the handler for the form it posts.

pub mod home;
pub mod not_found;
pub mod parties;
pub mod party_edit;
pub mod sign_in;
