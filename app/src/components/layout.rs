//! The frame around every page: skip link, header with navigation, the
//! language switcher, and the footer.

use super::error_view::urlencode;
use super::notice::Notice;
use crate::domain::account::Role;
use crate::domain::lang::Lang;
use crate::i18n::use_i18n;
use crate::request::use_request;
use leptos::prelude::*;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let req = use_request();
    let is_secretariat = req
        .user
        .as_ref()
        .is_some_and(|u| u.role == Role::Secretariat);
    let is_staff = req.user.is_some();
    let path = req.path_and_query.split('?').next().unwrap_or("");
    let on_form_page = path == "/respond/profile" || path.starts_with("/respond/section/");
    let account = match req.user.clone() {
        Some(user) => view! {
            <form method="post" action="/sign-out" class="sign-out">
                <span class="who">{user.email.clone()}</span>
                <button type="submit">{i18n.t("nav-sign-out")}</button>
            </form>
        }
        .into_any(),
        None => view! { <a href="/sign-in">{i18n.t("nav-sign-in")}</a> }.into_any(),
    };
    view! {
        <a class="skip-link" href="#main">{i18n.t("nav-skip")}</a>
        <header class="site-header">
            <a class="brand" href="/">"Consulta"</a>
            <nav aria-label=i18n.t("nav-main-label")>
                <ul>
                    <li><a href="/">{i18n.t("nav-home")}</a></li>
                    {is_secretariat.then(|| view! {
                        <li><a href="/consultations">{i18n.t("nav-consultations")}</a></li>
                        <li><a href="/parties">{i18n.t("nav-parties")}</a></li>
                        <li><a href="/contacts">{i18n.t("nav-contacts")}</a></li>
                        <li><a href="/glossary">{i18n.t("nav-glossary")}</a></li>
                        <li><a href="/audit">{i18n.t("nav-audit")}</a></li>
                    })}
                    {is_staff.then(|| view! {
                        <li><a href="/workshops">{i18n.t("nav-workshops")}</a></li>
                        <li><a href="/summaries">{i18n.t("nav-summaries")}</a></li>
                    })}
                </ul>
            </nav>
            // The form's own pages switch language with buttons that save first.
            {(!on_form_page).then(|| view! { <LanguageSwitcher/> })}
            <div class="account">{account}</div>
        </header>
        <main id="main" tabindex="-1">
            <Notice/>
            {children()}
        </main>
        <footer class="site-footer">
            <p>{i18n.t("footer-text")}</p>
        </footer>
    }
}

/// Links to the same page in each language; works without JavaScript.
#[component]
fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let req = use_request();
    let next = urlencode(&req.path_and_query);
    view! {
        <nav class="languages" aria-label=i18n.t("nav-language-label")>
            <ul>
                {Lang::ALL
                    .into_iter()
                    .map(|l| {
                        let current = l == i18n.lang;
                        view! {
                            <li>
                                <a
                                    href=format!("/lang/{}?next={}", l.code(), next)
                                    lang=l.code()
                                    hreflang=l.code()
                                    aria-current=current.then_some("true")
                                >
                                    {l.endonym()}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
