//! The fluent bundles, compiled into the server binary from `locales/`.

use super::Arg;
use crate::domain::lang::Lang;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};
use std::borrow::Cow;
use std::collections::HashMap;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "../locales",
        fallback_language: "en",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static EN: LanguageIdentifier = langid!("en");
static FR: LanguageIdentifier = langid!("fr");
static ES: LanguageIdentifier = langid!("es");

fn langid(lang: Lang) -> &'static LanguageIdentifier {
    match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
        Lang::Es => &ES,
    }
}

/// Looks `id` up in `lang`. A missing id is a bug: it is logged and the id
/// itself is shown, so the page still renders.
pub fn translate(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    let args: Option<HashMap<Cow<'static, str>, FluentValue>> = (!args.is_empty()).then(|| {
        args.iter()
            .map(|(k, v)| {
                let v = match v {
                    Arg::Str(s) => FluentValue::from(s.clone()),
                    Arg::Num(n) => FluentValue::from(*n),
                };
                (Cow::Owned(k.to_string()), v)
            })
            .collect()
    });
    match LOCALES.try_lookup_complete(langid(lang), id, args.as_ref()) {
        Some(s) => s,
        None => {
            tracing::error!(
                message_id = id,
                lang = lang.code(),
                "missing fluent message"
            );
            id.to_string()
        }
    }
}

/// Whether `id` can be shown in `lang` (falling back to English like [`translate`]).
pub fn message_exists(lang: Lang, id: &str) -> bool {
    LOCALES
        .try_lookup_complete(langid(lang), id, None)
        .is_some()
}
