//! The HTML shell and the route table.

use crate::components::error_view::{ErrorView, PageError};
use crate::components::layout::Layout;
use crate::i18n::use_i18n;
use crate::pages;
use leptos::prelude::*;
use leptos_meta::{MetaTags, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// The document around the app. `<html lang>` follows the request's language.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    crate::ssr::render::set_document_headers();
    view! {
        <!DOCTYPE html>
        <html lang=i18n.lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="referrer" content="no-referrer"/>
                <link rel="stylesheet" href="/pkg/consulta.css"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <Layout>
                <Content/>
            </Layout>
        </Router>
    }
}

/// The page for the URL, or the error a handler already found.
#[component]
fn Content() -> impl IntoView {
    match use_context::<PageError>() {
        Some(PageError(error)) => view! { <ErrorView error/> }.into_any(),
        None => view! {
            <Routes fallback=pages::not_found::NotFoundPage>
                <Route path=path!("/") view=pages::home::HomePage ssr=SsrMode::Async/>
                <Route path=path!("/sign-in") view=pages::sign_in::SignInPage ssr=SsrMode::Async/>
                <Route path=path!("/parties") view=pages::parties::PartiesPage ssr=SsrMode::Async/>
                <Route path=path!("/parties/new") view=pages::party_edit::NewPartyPage ssr=SsrMode::Async/>
                <Route path=path!("/parties/:code") view=pages::party_edit::EditPartyPage ssr=SsrMode::Async/>
                <Route path=path!("/consultations") view=pages::consultations::ConsultationsPage ssr=SsrMode::Async/>
                <Route path=path!("/consultations/:id") view=pages::consultation::ConsultationPage ssr=SsrMode::Async/>
                <Route path=path!("/consultations/:id/questions/:qid") view=pages::question_edit::QuestionEditPage ssr=SsrMode::Async/>
                <Route path=path!("/consultations/:id/sections/:sid") view=pages::section_edit::SectionEditPage ssr=SsrMode::Async/>
                <Route path=path!("/consultations/:id/preview/:lang") view=pages::preview::PreviewPage ssr=SsrMode::Async/>
                <Route path=path!("/glossary") view=pages::glossary::GlossaryPage ssr=SsrMode::Async/>
                <Route path=path!("/audit") view=pages::audit::AuditPage ssr=SsrMode::Async/>
            </Routes>
        }
        .into_any(),
    }
}
