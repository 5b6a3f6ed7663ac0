//! Glossary terms: a common language and clear definitions (Decision 19.41(a)).

use super::survey::Text;
use super::survey::validate::valid_id;
use super::validation::{FieldErrors, required_text};
use serde::{Deserialize, Serialize};

pub const DEFINITION_MAX: usize = 2000;
pub const TERM_MAX: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// Stable key, used by questions to link the term.
    pub key: String,
    pub term: Text,
    pub definition: Text,
}

impl Term {
    /// Trims and checks every field; all six texts are required.
    pub fn validated(mut self) -> Result<Term, FieldErrors> {
        let mut errors = FieldErrors::default();
        self.key = self.key.trim().to_string();
        if !valid_id(&self.key) {
            errors.push("key", "glossary-error-key");
        }
        for (prefix, text, max) in [
            ("term", &mut self.term, TERM_MAX),
            ("definition", &mut self.definition, DEFINITION_MAX),
        ] {
            for (lang, value) in [
                ("en", &mut text.en),
                ("fr", &mut text.fr),
                ("es", &mut text.es),
            ] {
                match required_text(&format!("{prefix}_{lang}"), value, max) {
                    Ok(v) => *value = v,
                    Err(e) => errors.0.push(e),
                }
            }
        }
        errors.into_result().map(|()| self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_checked() {
        let t = Term {
            key: "Bad Key".into(),
            term: Text::new("x", "", "y"),
            definition: Text::new("d", "d", "d"),
        };
        let e = t.validated().unwrap_err();
        assert_eq!(e.for_field("key").unwrap().message_id, "glossary-error-key");
        assert_eq!(e.for_field("term_fr").unwrap().message_id, "error-required");
        assert!(e.for_field("term_en").is_none());
        let ok = Term {
            key: " ndf ".into(),
            term: Text::new(" NDF ", "ACNP", "DENP"),
            definition: Text::new("d", "d", "d"),
        };
        assert_eq!(ok.validated().unwrap().key, "ndf");
    }
}
