//! Everything that only runs on the server: configuration, database,
//! services, sessions, and the form handlers' plumbing (below the pages;
//! the web layer above them is `crate::web`).

pub mod assets;
pub mod backup;
pub mod config;
pub mod contact_csv;
pub mod cookies;
pub mod db;
pub mod demo;
pub mod entities;
pub mod extract;
pub mod forms;
pub mod invitation_mail;
pub mod keys;
pub mod mail;
pub mod outbox;
pub mod recent_links;
pub mod reply;
pub mod save_limit;
pub mod services;
pub mod state;
pub mod submissions;
pub mod synthetic;
pub mod tasks;
