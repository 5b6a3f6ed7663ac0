//! The three working languages of CITES, and how a request's language is chosen:
//! an explicit choice (cookie) first, then `Accept-Language`, then English.

use super::coded::coded;
use serde::{Deserialize, Serialize};
use std::fmt;

coded! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
    pub enum Lang {
        #[default]
        En = "en" => "lang-en",
        Fr = "fr" => "lang-fr",
        Es = "es" => "lang-es",
    }
}

impl Lang {
    /// The language's own name, as shown in the language switcher.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::Es => "Español",
        }
    }

    /// Picks the language: the cookie if it names a supported language, else the
    /// best supported entry of `Accept-Language`, else English.
    pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Lang {
        cookie
            .and_then(|c| c.parse().ok())
            .or_else(|| accept_language.and_then(Self::from_accept_language))
            .unwrap_or_default()
    }

    /// Parses an `Accept-Language` header (RFC 9110 §12.5.4) and returns the
    /// supported language with the highest weight; the first listed wins ties.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(Lang, u16)> = None;
        for item in header.split(',') {
            let mut parts = item.trim().split(';');
            let tag = parts.next().unwrap_or("").trim();
            let mut q = 1000u16;
            for p in parts {
                if let Some(v) = p.trim().strip_prefix("q=") {
                    q = parse_q(v).unwrap_or(0);
                }
            }
            // Language tags are case-insensitive (RFC 5646 §2.1.1).
            let primary = tag.split('-').next().unwrap_or("").to_ascii_lowercase();
            let Some(lang) = Lang::parse(&primary) else {
                continue;
            };
            if q == 0 {
                continue;
            }
            if best.is_none_or(|(_, bq)| q > bq) {
                best = Some((lang, q));
            }
        }
        best.map(|(l, _)| l)
    }
}

/// A quality value, in thousandths (`0.8` → 800).
fn parse_q(v: &str) -> Option<u16> {
    let f: f32 = v.trim().parse().ok()?;
    if !(0.0..=1.0).contains(&f) {
        return None;
    }
    Some((f * 1000.0).round() as u16)
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_wins_over_header() {
        assert_eq!(
            Lang::negotiate(Some("es"), Some("fr-FR,fr;q=0.9")),
            Lang::Es
        );
    }

    #[test]
    fn bad_cookie_falls_back_to_header_then_english() {
        assert_eq!(Lang::negotiate(Some("de"), Some("fr")), Lang::Fr);
        assert_eq!(Lang::negotiate(Some("de"), Some("de, ja")), Lang::En);
        assert_eq!(Lang::negotiate(None, None), Lang::En);
    }

    #[test]
    fn accept_language_weights() {
        assert_eq!(
            Lang::from_accept_language("de-DE, es;q=0.5, fr;q=0.8"),
            Some(Lang::Fr)
        );
        assert_eq!(Lang::from_accept_language("fr-CA"), Some(Lang::Fr));
        assert_eq!(
            Lang::from_accept_language("FR-ca, EN;q=0.5"),
            Some(Lang::Fr)
        );
        assert_eq!(
            Lang::from_accept_language("es;q=0, en;q=0.1"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_accept_language("*"), None);
        assert_eq!(Lang::from_accept_language("es;q=abc"), None);
        assert_eq!(Lang::from_accept_language(""), None);
    }

    #[test]
    fn codes_round_trip() {
        for l in Lang::ALL {
            assert_eq!(l.code().parse::<Lang>(), Ok(l));
        }
    }
}
