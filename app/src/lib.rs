//! Consulta's Leptos application: the pages (server-rendered, with a few
//! interactive islands), the plain-Rust domain shared by server and browser,
//! and — behind the `ssr` feature — everything that only runs on the server:
//! `web` (routes, access, middleware, rendering) above the pages, `ssr`
//! (services, database, mail) below them.

// The editor's view types are deep; the release wasm build needs more room.
#![recursion_limit = "256"]

pub mod app;
pub mod auth;
pub mod components;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod islands;
pub mod pages;
pub mod request;

#[cfg(feature = "ssr")]
pub mod ssr;
#[cfg(feature = "ssr")]
pub mod web;

/// Property tests over arbitrary bytes for the readers of outside input.
#[cfg(all(test, feature = "ssr"))]
mod fuzz;

/// Browser entry point: hydrates only the islands.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
