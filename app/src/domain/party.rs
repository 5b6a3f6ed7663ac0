//! CITES Parties: the registry the Secretariat maintains.

use super::ids::PartyCode;
use super::lang::Lang;
use super::region::Region;
use super::text::Text;
use super::validation::{FieldError, FieldErrors, required_text};
use serde::{Deserialize, Serialize};

pub const NAME_MAX: usize = 200;

/// A Party as shown and edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    /// ISO 3166-1 alpha-2 code, or `EU` for the European Union.
    pub code: PartyCode,
    pub region: Region,
    /// The official name in each working language.
    pub name: Text,
}

impl Party {
    pub fn name(&self, lang: Lang) -> &str {
        self.name.get(lang)
    }
}

/// What the "add a Party" and "edit a Party" forms submit, before validation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyInput {
    pub code: String,
    pub region: String,
    pub name_en: String,
    pub name_fr: String,
    pub name_es: String,
}

/// Checks a Party code: two ASCII letters, upper-cased on the way in.
pub fn validate_code(raw: &str) -> Result<PartyCode, FieldError> {
    let code = raw.trim().to_ascii_uppercase();
    if code.is_empty() {
        return Err(FieldError::new("code", "error-required"));
    }
    if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(FieldError::new("code", "error-party-code"));
    }
    PartyCode::parse(&code).ok_or_else(|| FieldError::new("code", "error-party-code"))
}

impl PartyInput {
    /// Validates every field and returns the clean Party, or every problem found.
    pub fn validate(&self) -> Result<Party, FieldErrors> {
        let mut errors = FieldErrors::default();
        let code = validate_code(&self.code).map_err(|e| errors.0.push(e)).ok();
        let region = self
            .region
            .parse::<Region>()
            .map_err(|_| errors.push("region", "error-region"))
            .ok();
        let mut name = |field: &str, v: &str| {
            required_text(field, v, NAME_MAX)
                .map_err(|e| errors.0.push(e))
                .ok()
        };
        let name_en = name("name_en", &self.name_en);
        let name_fr = name("name_fr", &self.name_fr);
        let name_es = name("name_es", &self.name_es);
        match (code, region, name_en, name_fr, name_es) {
            (Some(code), Some(region), Some(name_en), Some(name_fr), Some(name_es))
                if errors.is_empty() =>
            {
                Ok(Party {
                    code,
                    region,
                    name: Text {
                        en: name_en,
                        fr: name_fr,
                        es: name_es,
                    },
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> PartyInput {
        PartyInput {
            code: " ke ".into(),
            region: "africa".into(),
            name_en: "Kenya".into(),
            name_fr: "Kenya".into(),
            name_es: "Kenia".into(),
        }
    }

    #[test]
    fn valid_input_is_cleaned() {
        let p = input().validate().unwrap();
        assert_eq!(p.code.as_str(), "KE");
        assert_eq!(p.region, Region::Africa);
        assert_eq!(p.name(Lang::Es), "Kenia");
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let bad = PartyInput {
            code: "K3".into(),
            region: "atlantis".into(),
            name_en: "".into(),
            name_fr: "x".repeat(NAME_MAX + 1),
            name_es: "Kenia".into(),
        };
        let errs = bad.validate().unwrap_err();
        assert_eq!(
            errs.for_field("code").unwrap().message_id,
            "error-party-code"
        );
        assert_eq!(errs.for_field("region").unwrap().message_id, "error-region");
        assert_eq!(
            errs.for_field("name_en").unwrap().message_id,
            "error-required"
        );
        assert_eq!(
            errs.for_field("name_fr").unwrap().message_id,
            "error-too-long"
        );
        assert!(errs.for_field("name_es").is_none());
    }

    #[test]
    fn codes() {
        assert_eq!(validate_code("eu").unwrap().as_str(), "EU");
        assert_eq!(validate_code("").unwrap_err().message_id, "error-required");
        for bad in ["KEN", "K", "1A", "É", "K E"] {
            assert_eq!(
                validate_code(bad).unwrap_err().message_id,
                "error-party-code",
                "{bad}"
            );
        }
    }
}
