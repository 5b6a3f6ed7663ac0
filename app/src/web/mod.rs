//! The web layer, above the pages: the route table and router, access
//! rules, middleware, and rendering the Leptos app into responses. Nothing
//! below (pages, components, services, domain) imports it.

pub mod access;
pub mod middleware;
pub mod render;
pub mod routes;
