//! A one-line confirmation after an action (`?notice=…`, from a fixed list).

use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The notices a redirect may ask for; anything else in the URL is ignored.
pub const NOTICES: [&str; 15] = [
    "notice-response-saved",
    "notice-signed-in",
    "notice-signed-out",
    "notice-party-added",
    "notice-party-saved",
    "notice-saved",
    "notice-consultation-created",
    "notice-consultation-imported",
    "notice-consultation-duplicated",
    "notice-state-changed",
    "notice-contacts-imported",
    "notice-invitations-queued",
    "notice-reminders-queued",
    "notice-workshop-saved",
    "notice-round-started",
];

/// Numbers a notice may show (`?queued=3`); only digits are taken.
const NUMBERS: [&str; 3] = ["n", "queued", "already"];

#[component]
pub fn Notice() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let id = query.with_untracked(|q| q.get("notice"));
    let args: Vec<(&str, crate::i18n::Arg)> = NUMBERS
        .iter()
        .map(|name| {
            let n = query
                .with_untracked(|q| q.get(name))
                .and_then(|v| v.parse::<u32>().ok())
                .unwrap_or(0);
            (*name, i64::from(n).into())
        })
        .collect();
    id.filter(|id| NOTICES.contains(&id.as_str()))
        .map(|id| view! { <p class="notice" role="status">{i18n.t_args(&id, &args)}</p> })
}
