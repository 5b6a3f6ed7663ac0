//! The start page: what Consulta is, and where a signed-in user goes next.

use crate::domain::account::Role;
use crate::i18n::use_i18n;
use crate::request::use_request;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let req = use_request();
    let body = match req.user {
        Some(user) => {
            let role = i18n.t(user.role.message_id());
            view! {
                <p>{i18n.t_args("home-signed-in-as", &[("email", user.email.as_str().into()), ("role", role.into())])}</p>
                <ul class="actions">
                    {(user.role == Role::Secretariat).then(|| view! {
                        <li><a href="/parties">{i18n.t("home-manage-parties")}</a></li>
                    })}
                    <li><a href="/workshops">{i18n.t("home-workshops")}</a></li>
                    <li><a href="/summaries">{i18n.t("home-summaries")}</a></li>
                </ul>
            }
            .into_any()
        }
        None => view! {
            <p>{i18n.t("home-respondents")}</p>
            <p><a class="button" href="/sign-in">{i18n.t("home-staff-sign-in")}</a></p>
        }
        .into_any(),
    };
    view! {
        <Title text=i18n.t("home-title")/>
        <h1>{i18n.t("home-title")}</h1>
        <p class="lead">{i18n.t("home-intro")}</p>
        {body}
    }
}
