//! The HTML shell and the route table.

use crate::components::error_view::{ErrorView, PageError};
use crate::components::layout::Layout;
use crate::i18n::use_i18n;
use crate::pages;
use leptos::prelude::*;
use leptos::tachys::html::InertElement;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// The document around the app. `<html lang>` follows the request's language.
///
/// The served HTML must pass the W3C checker, so two things differ from the
/// usual Leptos shell:
/// - the islands loader is written by [`islands_loader`], not by
///   `<HydrationScripts islands=true/>`, which puts the CSP nonce in the
///   links' `crossorigin` (an enumerated attribute: `anonymous` or
///   `use-credentials`);
/// - `</body></html>` are left out (both end tags are optional in HTML):
///   leptos_axum appends its resource-data `<script>`s to the stream *after*
///   the shell (`render_app_async*` → `async_stream_builder` chains
///   `SharedContext::pending_data()` after the rendered app), which after an
///   explicit `</html>` is a stray start tag. Unclosed, those scripts are the
///   last children of `<body>`, where browsers put them anyway.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    set_document_headers();
    let loader = islands_loader(&options);
    let css = asset(&options, "consulta.css");
    view! {
        <!DOCTYPE html>
        {InertElement::new(format!("<html lang=\"{}\">", i18n.lang.code()))}
        <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <meta name="referrer" content="no-referrer"/>
            <link rel="stylesheet" href=css/>
            <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
            {loader}
            <MetaTags/>
        </head>
        {InertElement::new("<body>")}
        <App/>
    }
}

/// Headers of every HTML document: a Content-Security-Policy allowing only
/// this page's own nonce for inline scripts (the islands' loader), and no caching.
#[cfg(feature = "ssr")]
fn set_document_headers() {
    use axum::http::{HeaderValue, header};
    let Some(res) = use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    let nonce = leptos::nonce::use_nonce()
        .map(|n| n.to_string())
        .unwrap_or_default();
    let csp = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; \
         frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    );
    if let Ok(v) = HeaderValue::from_str(&csp) {
        res.insert_header(header::CONTENT_SECURITY_POLICY, v);
    }
    res.insert_header(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}

/// The islands loader: one inline module script, in place of what
/// `<HydrationScripts options islands=true/>` renders in Leptos 0.8
/// (`leptos/src/hydration/mod.rs` and `island_script.js`). It differs in two
/// ways:
/// - valid HTML: the nonce is in a `nonce` attribute (HydrationScripts puts it
///   in the links' `crossorigin`, an enumerated attribute);
/// - nothing is preloaded, and the bundle (JS, then wasm) is loaded only on a
///   page with islands, when a person first reaches one: see
///   [`ISLANDS_LOADER_JS`]. The pages work without JavaScript; the islands
///   only add comfort, so a respondent's first page (which has none) downloads
///   the HTML, the CSS and the icon, nothing else.
///
/// File hashing (`hash-files`) and wasm splitting are not used here.
fn islands_loader(options: &LeptosOptions) -> impl IntoView + use<> {
    // As HydrationScripts does in islands mode: outside islands the page is
    // not hydrated, so it gets no hydration ids.
    if let Some(sc) = Owner::current_shared_context() {
        sc.set_is_hydrating(false);
    }
    let nonce = leptos::nonce::use_nonce();
    let name = options.output_name.to_string();
    // wasm-bindgen's `<name>_bg.wasm`; cargo-leptos (which sets
    // LEPTOS_OUTPUT_NAME at build time) renames it `<name>.wasm`.
    let wasm = if option_env!("LEPTOS_OUTPUT_NAME").is_some() {
        name.clone()
    } else {
        format!("{name}_bg")
    };
    let js_url = asset(options, &format!("{name}.js"));
    let wasm_url = asset(options, &format!("{wasm}.wasm"));
    let init = format!("{ISLANDS_LOADER_JS}({js_url:?}, {wasm_url:?});");
    view! {
        <script type="module" nonce=nonce>
            {init}
        </script>
    }
}

/// The address of a file the build put in `/pkg`, with its content hash.
fn asset(options: &LeptosOptions, file: &str) -> String {
    #[cfg(feature = "ssr")]
    {
        crate::ssr::assets::url(&options.site_root, file)
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = options;
        format!("/pkg/{file}")
    }
}

/// The loader (taking the two addresses). On a page without a
/// `<leptos-island>` it does nothing. On a page with islands it waits for the
/// first focus, pointer press, input or change inside one (a click, a tap, a
/// Tab to a field, a field already focused), then loads the bundle, calls its
/// `hydrate()` and hydrates each `<leptos-island>` in document order, as
/// Leptos 0.8's `island_script.js` does. Hydration keeps the server's
/// elements, so what was typed meanwhile and the focus stay; the `input` and
/// `change` events the islands missed while loading are dispatched again
/// afterwards (the latest of each kind per element, in order), so the first
/// thing typed is checked.
const ISLANDS_LOADER_JS: &str = r#"((js_url, wasm_url) => {
	if (!document.querySelector("leptos-island")) return;
	const TRIGGERS = ["focusin", "pointerdown", "input", "change"];
	let MOST_RECENT_CHILDREN_CB = [];
	let missed = [];
	let loading = null;

	async function hydrateIslands(rootNode, mod) {
		async function traverse(node) {
			if (node.nodeType === Node.ELEMENT_NODE) {
				const tag = node.tagName.toLowerCase();
				if (tag === "leptos-island") {
					await hydrateIsland(node, node.dataset.component || null, mod);
					for (const child of node.children) await traverse(child);
				} else if (tag === "leptos-children") {
					MOST_RECENT_CHILDREN_CB.push(node.$$on_hydrate);
					for (const child of node.children) await traverse(child);
					// un-set the "most recent children"
					MOST_RECENT_CHILDREN_CB.pop();
				} else {
					for (const child of node.children) await traverse(child);
				}
			}
		}
		await traverse(rootNode);
	}
	async function hydrateIsland(el, id, mod) {
		const islandFn = mod[id];
		if (islandFn) {
			const children_cb = MOST_RECENT_CHILDREN_CB[MOST_RECENT_CHILDREN_CB.length - 1];
			if (children_cb) children_cb();
			const res = islandFn(el);
			if (res && res.then) await res;
		} else {
			console.warn(`Could not find WASM function for the island ${id}.`);
		}
	}
	async function start(mod) {
		window.__hydrateIsland = (el, id) => hydrateIsland(el, id, mod);
		mod.hydrate();
		await hydrateIslands(document.body, mod);
		for (const t of TRIGGERS) document.removeEventListener(t, seen, true);
		const replay = missed;
		missed = [];
		for (const [el, type] of replay) el.dispatchEvent(new Event(type, {bubbles: true}));
	}
	function load() {
		loading = loading || import(js_url)
			.then(mod => mod.default({module_or_path: wasm_url}).then(() => mod))
			.then(start, e => {
				// Not loaded (offline?): try again at the next interaction; the page works without.
				loading = null;
				console.warn("Could not load the islands:", e);
			});
	}
	function seen(e) {
		const el = e.target;
		if (!(el instanceof Element) || !el.closest("leptos-island")) return;
		if (e.type === "input" || e.type === "change") {
			missed = missed.filter(([m, t]) => m !== el || t !== e.type);
			missed.push([el, e.type]);
		}
		load();
	}
	for (const t of TRIGGERS) document.addEventListener(t, seen, true);
	const focused = document.activeElement;
	if (focused && focused.closest && focused.closest("leptos-island")) load();
})
"#;

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let i18n = use_i18n();
    // Every document needs a <title>: the site's name, unless the page sets
    // its own (the last <Title> rendered wins), as error pages do not.
    view! {
        <Title text=i18n.t("home-title")/>
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
                <Route path=path!("/contacts") view=pages::contacts::ContactsPage ssr=SsrMode::Async/>
                <Route path=path!("/contacts/:id") view=pages::contacts::ContactEditPage ssr=SsrMode::Async/>
                <Route path=path!("/consultations/:id/invitations") view=pages::invitations::InvitationsPage ssr=SsrMode::Async/>
                <Route path=path!("/glossary") view=pages::glossary::GlossaryPage ssr=SsrMode::Async/>
                <Route path=path!("/workshops") view=pages::workshops::WorkshopsPage ssr=SsrMode::Async/>
                <Route path=path!("/workshops/new") view=pages::workshops::NewWorkshopPage ssr=SsrMode::Async/>
                <Route path=path!("/workshops/:id") view=pages::workshops::WorkshopPage ssr=SsrMode::Async/>
                <Route path=path!("/summaries") view=pages::summary::SummariesPage ssr=SsrMode::Async/>
                <Route path=path!("/consultations/:id/summary") view=pages::summary::SummaryPage ssr=SsrMode::Async/>
                <Route path=path!("/consultations/:id/summary/texts/:qid") view=pages::summary::texts::TextsPage ssr=SsrMode::Async/>
                <Route path=path!("/consultations/:id/briefing") view=pages::summary::briefing::BriefingPage ssr=SsrMode::Async/>
                <Route path=path!("/series/:id") view=pages::series::SeriesPage ssr=SsrMode::Async/>
                <Route path=path!("/consultations/:id/monitoring") view=pages::monitoring::MonitoringPage ssr=SsrMode::Async/>
                <Route path=path!("/audit") view=pages::audit::AuditPage ssr=SsrMode::Async/>
                <Route path=path!("/respond") view=pages::respond::RespondPage ssr=SsrMode::Async/>
                <Route path=path!("/respond/profile") view=pages::respond::RespondPage ssr=SsrMode::Async/>
                <Route path=path!("/respond/section/:sid") view=pages::respond::RespondPage ssr=SsrMode::Async/>
                <Route path=path!("/respond/review") view=pages::respond::RespondPage ssr=SsrMode::Async/>
                <Route path=path!("/respond/all") view=pages::respond::RespondPage ssr=SsrMode::Async/>
                <Route path=path!("/respond/done") view=pages::respond::RespondPage ssr=SsrMode::Async/>
                <Route path=path!("/respond/print") view=pages::respond::RespondPage ssr=SsrMode::Async/>
                <Route path=path!("/respond/copy") view=pages::respond::RespondPage ssr=SsrMode::Async/>
            </Routes>
        }
        .into_any(),
    }
}
