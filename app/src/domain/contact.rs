//! Contacts: the people the Secretariat invites, by e-mail — a Party's
//! focal points, Committee members and partner organisations' contacts
//! (see [`Constituency`]). Plain Rust, shared by the server (forms, CSV
//! import) and the browser.
//!
//! What a contact must say depends on its constituency's kind: a Party's
//! authority names its Party (its region is the Party's) and its role; a
//! Committee member names the CITES region they represent (no Party); a
//! partner names its organisation, and optionally the region where it
//! mainly works (none: worldwide). A field another kind asks for is
//! refused rather than dropped, so that nothing typed is silently lost.

use super::account::normalise_email;
use super::coded::coded;
use super::constituency::{Constituency, Kind};
use super::ids::PartyCode;
use super::lang::Lang;
use super::region::Region;
use super::text::fold;
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

/// Parses a CITES region: the code (`africa`, `north_america`, …) or the
/// region's official name in English, French or Spanish (CSV convenience).
pub fn parse_region(raw: &str) -> Option<Region> {
    let key = fold(raw);
    if let Some(r) = Region::parse(&key) {
        return Some(r);
    }
    let names: &[(Region, &[&str])] = &[
        (Region::Africa, &["africa", "afrique"]),
        (Region::Asia, &["asia", "asie"]),
        (
            Region::Csca,
            &[
                "central and south america and the caribbean",
                "amerique centrale et du sud et caraibes",
                "america central, del sur y el caribe",
                "america central, del sur y caribe",
            ],
        ),
        (Region::Europe, &["europe", "europa"]),
        (
            Region::NorthAmerica,
            &["north america", "amerique du nord", "america del norte"],
        ),
        (Region::Oceania, &["oceania", "oceanie"]),
    ];
    names
        .iter()
        .find(|(_, n)| n.contains(&key.as_str()))
        .map(|(r, _)| *r)
}

/// What makes a contact unique within its kind: a Party's authorities by
/// (Party, e-mail); Committee members by (constituency, e-mail); partners by
/// (constituency, organisation folded, e-mail). Fields another kind does
/// not use are empty.
pub type ContactKey = (Constituency, Option<PartyCode>, String, String);

/// A contact, validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// In which capacity the contact is asked to answer.
    pub constituency: Constituency,
    /// A Party's authority's Party; none for Committee members and partners.
    pub party: Option<PartyCode>,
    /// The region a Committee member represents (required), or where a
    /// partner mainly works (optional); none for a Party's authority (its
    /// region is its Party's).
    pub region: Option<Region>,
    /// A partner's organisation (required for partners, none otherwise).
    pub organisation: Option<String>,
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
    /// What makes a contact unique (see [`ContactKey`]).
    pub fn key(&self) -> ContactKey {
        let (party, organisation) = match self.constituency.kind() {
            Kind::Party => (self.party.clone(), String::new()),
            Kind::Committee => (None, String::new()),
            Kind::Partner => (None, organisation_key(self.organisation.as_deref())),
        };
        (self.constituency, party, organisation, self.email.clone())
    }

    /// A Party's authority, validated elsewhere (tests, demo data).
    pub fn of_party(
        party: PartyCode,
        name: &str,
        email: &str,
        role: ContactRole,
        lang: Lang,
    ) -> Contact {
        Contact {
            constituency: Constituency::Party,
            party: Some(party),
            region: None,
            organisation: None,
            name: name.into(),
            email: email.into(),
            role,
            lang,
            active: true,
        }
    }
}

/// An organisation's name as compared: folded (case, accents and spaces
/// ignored), so that "WWF  International" and "wwf international" are one
/// organisation (uniqueness; partners sharing one response).
pub fn organisation_key(name: Option<&str>) -> String {
    fold(name.unwrap_or(""))
}

/// What the contact form (or a CSV row) submits, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactInput {
    /// A constituency's code or name; empty: a Party's authority.
    pub constituency: String,
    pub party: String,
    /// A region's code or name.
    pub region: String,
    pub organisation: String,
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
            constituency: String::new(),
            party: String::new(),
            region: String::new(),
            organisation: String::new(),
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
            constituency: c.constituency.code().to_string(),
            party: c
                .party
                .as_ref()
                .map(|p| p.as_str().to_string())
                .unwrap_or_default(),
            region: c.region.map(|r| r.code().to_string()).unwrap_or_default(),
            organisation: c.organisation.clone().unwrap_or_default(),
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

/// Refused in a field that the contact's constituency does not ask for.
pub const ERROR_NOT_ASKED: &str = "contact-error-not-asked";

impl ContactInput {
    /// Validates every field and returns the clean contact, or every problem
    /// found, each tied to its field (`constituency`, `party`, `region`,
    /// `organisation`, `name`, `email`, `role`, `lang`), by the rules of the
    /// constituency's kind (see the module's documentation). `known_parties`
    /// says whether a well-formed code is in the register.
    pub fn validate(
        &self,
        known_parties: &impl Fn(&PartyCode) -> bool,
    ) -> Result<Contact, FieldErrors> {
        let mut errors = FieldErrors::default();

        let constituency = if self.constituency.trim().is_empty() {
            Some(Constituency::Party)
        } else {
            let c = Constituency::recognise(&self.constituency);
            if c.is_none() {
                errors.push("constituency", "contact-error-constituency");
            }
            c
        };
        // An unreadable constituency: the other fields are checked as a
        // Party's authority's would be, except the ones that depend on it.
        let kind = constituency.map(Constituency::kind);

        let party_raw = self.party.trim();
        let party = match kind {
            Some(Kind::Party) if party_raw.is_empty() => {
                errors.push("party", "error-required");
                None
            }
            Some(Kind::Party) => match PartyCode::parse(party_raw) {
                None => {
                    errors.push("party", "error-party-code");
                    None
                }
                Some(code) if !known_parties(&code) => {
                    errors.push("party", "contact-error-party-unknown");
                    None
                }
                Some(code) => Some(code),
            },
            Some(_) if !party_raw.is_empty() => {
                errors.push("party", ERROR_NOT_ASKED);
                None
            }
            _ => None,
        };

        let region_raw = self.region.trim();
        let region = match kind {
            Some(Kind::Party) if !region_raw.is_empty() => {
                errors.push("region", ERROR_NOT_ASKED);
                None
            }
            Some(Kind::Committee) if region_raw.is_empty() => {
                errors.push("region", "error-required");
                None
            }
            _ if region_raw.is_empty() => None,
            _ => {
                let r = parse_region(region_raw);
                if r.is_none() {
                    errors.push("region", "contact-error-region");
                }
                r
            }
        };

        let organisation_clean = clean_name(&self.organisation);
        let organisation = match kind {
            Some(Kind::Partner) => required_text("organisation", &organisation_clean, NAME_MAX)
                .map_err(|e| errors.0.push(e))
                .ok(),
            Some(_) if !organisation_clean.is_empty() => {
                errors.push("organisation", ERROR_NOT_ASKED);
                None
            }
            _ => None,
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

        // Roles are a Party's authorities'; others are "other" (or empty).
        let role = if self.role.trim().is_empty() {
            match kind {
                Some(Kind::Party) | None => {
                    errors.push("role", "error-required");
                    None
                }
                Some(_) => Some(ContactRole::Other),
            }
        } else {
            match (ContactRole::recognise(&self.role), kind) {
                (None, _) => {
                    errors.push("role", "contact-error-role");
                    None
                }
                (Some(r), Some(Kind::Party) | None) | (Some(r @ ContactRole::Other), _) => Some(r),
                (Some(_), Some(_)) => {
                    errors.push("role", "contact-error-role-not-party");
                    None
                }
            }
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

        match (constituency, name, email, role, lang) {
            (Some(constituency), Some(name), Some(email), Some(role), Some(lang))
                if errors.is_empty() =>
            {
                Ok(Contact {
                    constituency,
                    party,
                    region,
                    organisation,
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
            ..ContactInput::default()
        }
    }

    #[test]
    fn valid_input_is_cleaned() {
        let c = input().validate(&known).unwrap();
        assert_eq!(c.party.as_ref().unwrap().as_str(), "KE");
        assert_eq!(c.constituency, Constituency::Party);
        assert_eq!((c.region, c.organisation.as_deref()), (None, None));
        assert_eq!(c.name, "Wanjirũ Mũthoni");
        assert_eq!(c.email, "w.muthoni@kws.go.ke");
        assert_eq!(c.role, ContactRole::ManagementAuthority);
        assert_eq!(c.lang, Lang::En);
        assert!(c.active);
        assert_eq!(
            c.key(),
            (
                Constituency::Party,
                PartyCode::parse("KE"),
                String::new(),
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
            ..ContactInput::default()
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

    fn member() -> ContactInput {
        ContactInput {
            constituency: "Comité de Fauna".into(),
            region: "América Central, del Sur y el Caribe".into(),
            name: "Ana Pérez".into(),
            email: "Ana.Perez@Example.ORG".into(),
            lang: "es".into(),
            ..ContactInput::default()
        }
    }

    fn partner() -> ContactInput {
        ContactInput {
            constituency: "ngo".into(),
            organisation: "  TRAFFIC   International ".into(),
            name: "Sam Lee".into(),
            email: "sam@traffic.example".into(),
            role: "other".into(),
            lang: "en".into(),
            ..ContactInput::default()
        }
    }

    #[test]
    fn a_committee_member_needs_a_region_and_no_party() {
        let c = member().validate(&known).unwrap();
        assert_eq!(c.constituency, Constituency::AnimalsCommittee);
        assert_eq!(c.region, Some(Region::Csca));
        assert_eq!((c.party.clone(), c.organisation.clone()), (None, None));
        assert_eq!(c.role, ContactRole::Other, "no role: other");
        assert_eq!(
            c.key(),
            (
                Constituency::AnimalsCommittee,
                None,
                String::new(),
                "ana.perez@example.org".into()
            )
        );
        let again = ContactInput::from(&c).validate(&known).unwrap();
        assert_eq!(again, c);

        let no_region = ContactInput {
            region: " ".into(),
            ..member()
        };
        let errs = no_region.validate(&known).unwrap_err();
        assert_eq!(
            errs.for_field("region").unwrap().message_id,
            "error-required"
        );

        let with_party = ContactInput {
            party: "KE".into(),
            organisation: "Kenya Wildlife Service".into(),
            role: "scientific".into(),
            region: "Atlantis".into(),
            ..member()
        };
        let errs = with_party.validate(&known).unwrap_err();
        let id = |f: &str| errs.for_field(f).unwrap().message_id.clone();
        assert_eq!(id("party"), ERROR_NOT_ASKED);
        assert_eq!(id("organisation"), ERROR_NOT_ASKED);
        assert_eq!(id("role"), "contact-error-role-not-party");
        assert_eq!(id("region"), "contact-error-region");
        assert_eq!(errs.0.len(), 4);
    }

    #[test]
    fn a_partner_needs_its_organisation_and_may_have_a_region() {
        let c = partner().validate(&known).unwrap();
        assert_eq!(c.constituency, Constituency::PartnerNgo);
        assert_eq!(c.organisation.as_deref(), Some("TRAFFIC International"));
        assert_eq!((c.party.clone(), c.region), (None, None), "worldwide");
        assert_eq!(c.key().2, "traffic international");
        let spelt_otherwise = ContactInput {
            organisation: "traffic international".into(),
            ..partner()
        };
        assert_eq!(spelt_otherwise.validate(&known).unwrap().key(), c.key());
        let another_kind = ContactInput {
            constituency: "partner_academia".into(),
            ..partner()
        };
        assert_ne!(another_kind.validate(&known).unwrap().key(), c.key());

        let in_europe = ContactInput {
            region: "Europe".into(),
            ..partner()
        };
        assert_eq!(
            in_europe.validate(&known).unwrap().region,
            Some(Region::Europe)
        );
        assert_eq!(
            ContactInput::from(&c).validate(&known).unwrap(),
            c,
            "round trip"
        );

        let nameless = ContactInput {
            organisation: "\t".into(),
            party: "FR".into(),
            ..partner()
        };
        let errs = nameless.validate(&known).unwrap_err();
        assert_eq!(
            errs.for_field("organisation").unwrap().message_id,
            "error-required"
        );
        assert_eq!(errs.for_field("party").unwrap().message_id, ERROR_NOT_ASKED);
    }

    #[test]
    fn a_party_authority_is_not_given_a_region_or_organisation() {
        let c = ContactInput {
            region: "africa".into(),
            organisation: "KWS".into(),
            ..input()
        };
        let errs = c.validate(&known).unwrap_err();
        assert_eq!(
            errs.for_field("region").unwrap().message_id,
            ERROR_NOT_ASKED
        );
        assert_eq!(
            errs.for_field("organisation").unwrap().message_id,
            ERROR_NOT_ASKED
        );
        let unknown = ContactInput {
            constituency: "committee".into(),
            ..input()
        };
        let errs = unknown.validate(&known).unwrap_err();
        assert_eq!(
            errs.for_field("constituency").unwrap().message_id,
            "contact-error-constituency"
        );
        assert_eq!(errs.0.len(), 1);
        let explicit = ContactInput {
            constituency: "party".into(),
            ..input()
        };
        assert_eq!(
            explicit.validate(&known).unwrap(),
            input().validate(&known).unwrap()
        );
    }

    #[test]
    fn regions_parse_from_codes_and_names() {
        for r in Region::ALL {
            assert_eq!(parse_region(r.code()), Some(r));
        }
        assert_eq!(parse_region("Amérique du Nord"), Some(Region::NorthAmerica));
        assert_eq!(parse_region("OCEANÍA"), Some(Region::Oceania));
        assert_eq!(parse_region(" europa "), Some(Region::Europe));
        for bad in ["", "antarctica", "america"] {
            assert_eq!(parse_region(bad), None, "{bad}");
        }
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
