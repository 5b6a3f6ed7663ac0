//! Focal points: the people the Secretariat invites, by e-mail, on behalf of a
//! Party. Plain Rust, shared by the server (forms, CSV import) and the browser.

use super::account::normalise_email;
use super::coded::coded;
use super::ids::PartyCode;
use super::lang::Lang;
use super::validation::{FieldErrors, required_text};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Longest name accepted, in characters (after trimming).
pub const NAME_MAX: usize = 200;

coded! {
    /// What a focal point does for its Party (CITES Article IX and Resolution Conf. 10.3).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum ContactRole {
        /// Management Authority / organe de gestion / Autoridad Administrativa.
        ManagementAuthority = "management" => "contact-role-management",
        /// Scientific Authority / autorité scientifique / Autoridad Científica.
        ScientificAuthority = "scientific" => "contact-role-scientific",
        /// An enforcement authority (customs, police, wildlife inspectors).
        Enforcement = "enforcement" => "contact-role-enforcement",
        Other = "other" => "contact-role-other",
    }
}

impl ContactRole {
    /// Accepts the code, or the role's name in English, French or Spanish
    /// (case, accents and extra spaces ignored: "Autoridad Cientifica",
    /// "ORGANE DE GESTION", "Management  Authority").
    pub fn recognise(raw: &str) -> Option<ContactRole> {
        let key = fold(raw);
        ContactRole::ALL
            .into_iter()
            .find(|r| r.code() == key || r.names().contains(&key.as_str()))
    }

    /// Accepted names, already folded (lower case, no accents, single spaces).
    fn names(self) -> &'static [&'static str] {
        match self {
            ContactRole::ManagementAuthority => &[
                "management authority",
                "organe de gestion",
                "autoridad administrativa",
            ],
            ContactRole::ScientificAuthority => &[
                "scientific authority",
                "autorite scientifique",
                "autoridad cientifica",
            ],
            ContactRole::Enforcement => &[
                "enforcement authority",
                "lutte contre la fraude",
                "autorite de lutte contre la fraude",
                "autorite chargee de la lutte contre la fraude",
                "observancia",
                "autoridad de observancia",
            ],
            ContactRole::Other => &[
                "other focal point",
                "autre",
                "autre point focal",
                "otro",
                "otra",
                "otro punto focal",
            ],
        }
    }
}

impl fmt::Display for ContactRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Parses a contact's language: the code (`en`, `fr`, `es`) or, for CSV
/// convenience, the language's name in English, French or Spanish.
pub fn parse_lang(raw: &str) -> Option<Lang> {
    let key = fold(raw);
    if let Some(lang) = Lang::parse(&key) {
        return Some(lang);
    }
    match key.as_str() {
        "english" | "anglais" | "ingles" => Some(Lang::En),
        "french" | "francais" | "frances" => Some(Lang::Fr),
        "spanish" | "espagnol" | "espanol" => Some(Lang::Es),
        _ => None,
    }
}

/// Lower case, common Latin accents removed, runs of whitespace as one space.
pub(crate) fn fold(raw: &str) -> String {
    let lower = raw.to_lowercase();
    let plain: String = lower
        .chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            c => c,
        })
        .collect();
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A focal point, validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub party: PartyCode,
    /// Trimmed, whitespace runs collapsed, no control characters.
    pub name: String,
    /// Normalised by [`normalise_email`] (trimmed, lower case).
    pub email: String,
    pub role: ContactRole,
    /// The language the contact is written to in.
    pub lang: Lang,
    /// Inactive contacts are kept but not invited.
    pub active: bool,
}

impl Contact {
    /// What makes a contact unique: (Party code in upper case, normalised e-mail).
    pub fn key(&self) -> (PartyCode, String) {
        (self.party.clone(), self.email.clone())
    }
}

/// What the contact form (or a CSV row) submits, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactInput {
    pub party: String,
    pub name: String,
    pub email: String,
    pub role: String,
    pub lang: String,
    pub active: bool,
}

impl Default for ContactInput {
    /// An empty form; a new contact is active unless unticked.
    fn default() -> Self {
        ContactInput {
            party: String::new(),
            name: String::new(),
            email: String::new(),
            role: String::new(),
            lang: String::new(),
            active: true,
        }
    }
}

impl From<&Contact> for ContactInput {
    /// The edit form's starting values.
    fn from(c: &Contact) -> Self {
        ContactInput {
            party: c.party.as_str().to_string(),
            name: c.name.clone(),
            email: c.email.clone(),
            role: c.role.code().to_string(),
            lang: c.lang.code().to_string(),
            active: c.active,
        }
    }
}

/// Collapses whitespace runs (including line breaks and tabs) into one space
/// and drops other control characters.
fn clean_name(raw: &str) -> String {
    raw.split_whitespace()
        .map(|w| w.chars().filter(|c| !c.is_control()).collect::<String>())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

impl ContactInput {
    /// Validates every field and returns the clean contact, or every problem
    /// found, each tied to its field (`party`, `name`, `email`, `role`, `lang`).
    /// `known_parties` says whether a well-formed code is in the register.
    pub fn validate(
        &self,
        known_parties: &impl Fn(&PartyCode) -> bool,
    ) -> Result<Contact, FieldErrors> {
        let mut errors = FieldErrors::default();

        let party_raw = self.party.trim();
        let party = if party_raw.is_empty() {
            errors.push("party", "error-required");
            None
        } else {
            match PartyCode::parse(party_raw) {
                None => {
                    errors.push("party", "error-party-code");
                    None
                }
                Some(code) if !known_parties(&code) => {
                    errors.push("party", "contact-error-party-unknown");
                    None
                }
                Some(code) => Some(code),
            }
        };

        let name = required_text("name", &clean_name(&self.name), NAME_MAX)
            .map_err(|e| errors.0.push(e))
            .ok();

        let email = if self.email.trim().is_empty() {
            errors.push("email", "error-required");
            None
        } else {
            let e = normalise_email(&self.email);
            if e.is_none() {
                errors.push("email", "contact-error-email");
            }
            e
        };

        let role = if self.role.trim().is_empty() {
            errors.push("role", "error-required");
            None
        } else {
            let r = ContactRole::recognise(&self.role);
            if r.is_none() {
                errors.push("role", "contact-error-role");
            }
            r
        };

        let lang = if self.lang.trim().is_empty() {
            errors.push("lang", "error-required");
            None
        } else {
            let l = parse_lang(&self.lang);
            if l.is_none() {
                errors.push("lang", "contact-error-lang");
            }
            l
        };

        match (party, name, email, role, lang) {
            (Some(party), Some(name), Some(email), Some(role), Some(lang)) if errors.is_empty() => {
                Ok(Contact {
                    party,
                    name,
                    email,
                    role,
                    lang,
                    active: self.active,
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(code: &PartyCode) -> bool {
        ["KE", "FR", "MX", "EU"].contains(&code.as_str())
    }

    fn input() -> ContactInput {
        ContactInput {
            party: " ke ".into(),
            name: "  Wanjirũ   Mũthoni ".into(),
            email: " W.Muthoni@KWS.go.ke ".into(),
            role: "management".into(),
            lang: "EN".into(),
            active: true,
        }
    }

    #[test]
    fn valid_input_is_cleaned() {
        let c = input().validate(&known).unwrap();
        assert_eq!(c.party.as_str(), "KE");
        assert_eq!(c.name, "Wanjirũ Mũthoni");
        assert_eq!(c.email, "w.muthoni@kws.go.ke");
        assert_eq!(c.role, ContactRole::ManagementAuthority);
        assert_eq!(c.lang, Lang::En);
        assert!(c.active);
        assert_eq!(
            c.key(),
            (
                PartyCode::parse("KE").unwrap(),
                "w.muthoni@kws.go.ke".into()
            )
        );
    }

    #[test]
    fn a_valid_contact_round_trips_through_its_input() {
        let c = input().validate(&known).unwrap();
        let again = ContactInput::from(&c).validate(&known).unwrap();
        assert_eq!(c, again);
        let inactive = ContactInput {
            active: false,
            ..input()
        };
        assert!(!inactive.validate(&known).unwrap().active);
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let bad = ContactInput {
            party: "ZZ".into(),
            name: "x".repeat(NAME_MAX + 1),
            email: "not-an-address".into(),
            role: "minister".into(),
            lang: "de".into(),
            active: true,
        };
        let errs = bad.validate(&known).unwrap_err();
        let id = |f: &str| errs.for_field(f).unwrap().message_id.clone();
        assert_eq!(id("party"), "contact-error-party-unknown");
        assert_eq!(id("name"), "error-too-long");
        assert_eq!(id("email"), "contact-error-email");
        assert_eq!(id("role"), "contact-error-role");
        assert_eq!(id("lang"), "contact-error-lang");
        assert_eq!(errs.0.len(), 5);
    }

    #[test]
    fn empty_fields_are_required() {
        let empty = ContactInput {
            name: " \t ".into(),
            ..ContactInput::default()
        };
        let errs = empty.validate(&known).unwrap_err();
        for field in ["party", "name", "email", "role", "lang"] {
            assert_eq!(
                errs.for_field(field).unwrap().message_id,
                "error-required",
                "{field}"
            );
        }
    }

    #[test]
    fn malformed_party_code_is_not_called_unknown() {
        for bad in ["KEN", "K", "1A", "Kenya"] {
            let i = ContactInput {
                party: bad.into(),
                ..input()
            };
            let errs = i.validate(&known).unwrap_err();
            assert_eq!(
                errs.for_field("party").unwrap().message_id,
                "error-party-code",
                "{bad}"
            );
        }
    }

    #[test]
    fn name_length_counts_characters_after_cleaning() {
        let at_max = ContactInput {
            name: format!("  {}  ", "é".repeat(NAME_MAX)),
            ..input()
        };
        assert_eq!(
            at_max.validate(&known).unwrap().name.chars().count(),
            NAME_MAX
        );
        let control = ContactInput {
            name: "José\r\n\tNúñez\u{7}".into(),
            ..input()
        };
        assert_eq!(control.validate(&known).unwrap().name, "José Núñez");
        let only_control = ContactInput {
            name: "\u{7}\u{0}".into(),
            ..input()
        };
        assert_eq!(
            only_control
                .validate(&known)
                .unwrap_err()
                .for_field("name")
                .unwrap()
                .message_id,
            "error-required"
        );
    }

    #[test]
    fn roles_parse_from_codes_and_names() {
        for r in ContactRole::ALL {
            assert_eq!(ContactRole::parse(r.code()), Some(r));
            assert!(r.message_id().starts_with("contact-role-"));
            assert_eq!(r.to_string(), r.code());
        }
        use ContactRole::*;
        for (raw, role) in [
            ("Management Authority", ManagementAuthority),
            ("organe de gestion", ManagementAuthority),
            ("AUTORIDAD ADMINISTRATIVA", ManagementAuthority),
            (" Scientific  authority ", ScientificAuthority),
            ("Autorité scientifique", ScientificAuthority),
            ("Autoridad Científica", ScientificAuthority),
            ("autoridad cientifica", ScientificAuthority),
            ("Enforcement", Enforcement),
            ("Autorité chargée de la lutte contre la fraude", Enforcement),
            ("Autoridad de observancia", Enforcement),
            ("OTHER", Other),
            ("Autre", Other),
            ("Otro", Other),
            ("Other focal point", Other),
            ("Autre point focal", Other),
        ] {
            assert_eq!(ContactRole::recognise(raw), Some(role), "{raw}");
        }
        for bad in ["", "manager", "authority", "management-authority", "x"] {
            assert_eq!(ContactRole::recognise(bad), None, "{bad}");
        }
    }

    #[test]
    fn languages_parse_from_codes_and_names() {
        for l in Lang::ALL {
            assert_eq!(parse_lang(l.code()), Some(l));
            assert_eq!(parse_lang(l.endonym()), Some(l));
        }
        assert_eq!(parse_lang(" FR "), Some(Lang::Fr));
        assert_eq!(parse_lang("Spanish"), Some(Lang::Es));
        assert_eq!(parse_lang("anglais"), Some(Lang::En));
        assert_eq!(parse_lang("Francés"), Some(Lang::Fr));
        for bad in ["", "de", "Deutsch", "e n"] {
            assert_eq!(parse_lang(bad), None, "{bad}");
        }
    }
}
