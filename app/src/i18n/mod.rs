//! Translation: every user-facing string comes from `locales/{en,fr,es}/*.ftl`.
//!
//! Pages render on the server, where [`I18n::t`] looks messages up in the
//! bundles compiled into the binary. Islands never look messages up in the
//! browser: the server hands them the translated strings they need as props,
//! so no fluent bundle ships in the wasm.

use crate::domain::lang::Lang;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod bundles;
#[cfg(feature = "ssr")]
pub use bundles::{message_exists, translate};

/// A value passed into a fluent message.
#[derive(Debug, Clone)]
pub enum Arg {
    Str(String),
    Num(i64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Str(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(s)
    }
}
impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Num(n)
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Num(n as i64)
    }
}

/// The current request's language, provided as context to every page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct I18n {
    pub lang: Lang,
}

impl I18n {
    pub fn new(lang: Lang) -> Self {
        Self { lang }
    }

    /// The message `id` in the current language.
    pub fn t(&self, id: &str) -> String {
        self.t_args(id, &[])
    }

    /// The message `id` in the current language, with named arguments.
    pub fn t_args(&self, id: &str, args: &[(&str, Arg)]) -> String {
        #[cfg(feature = "ssr")]
        {
            translate(self.lang, id, args)
        }
        #[cfg(not(feature = "ssr"))]
        {
            let _ = args;
            id.to_string()
        }
    }
}

impl I18n {
    /// `value` with `places` decimals and the language's decimal mark.
    pub fn decimal(&self, value: f64, places: usize) -> String {
        let s = format!("{value:.places$}");
        match self.lang {
            Lang::En => s,
            Lang::Fr | Lang::Es => s.replace('.', ","),
        }
    }

    /// A percentage (one decimal) as the language writes it.
    pub fn percent(&self, value: f64) -> String {
        let d = self.decimal(value, 1);
        match self.lang {
            Lang::En => format!("{d}%"),
            // A narrow no-break space before the sign.
            Lang::Fr | Lang::Es => format!("{d}\u{202f}%"),
        }
    }
}

/// The current language; English where no context was provided.
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or(I18n::new(Lang::En))
}

#[cfg(feature = "ssr")]
mod dates;

#[cfg(all(test, feature = "ssr"))]
mod catalogue_tests;
