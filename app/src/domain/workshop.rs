//! Workshops (Decision 19.43: technical workshops and regional
//! consultations): what the form sends, and the checked workshop.

use super::lang::Lang;
use super::region::Region;
use super::survey::Text;
use super::validation::{FieldErrors, required_text};
use serde::{Deserialize, Serialize};

pub const TITLE_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 4000;
pub const VENUE_MAX: usize = 200;

/// A calendar day (`YYYY-MM-DD`), as an `<input type=date>` sends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Day {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Day {
    pub fn parse(s: &str) -> Option<Day> {
        let mut parts = s.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let year: i32 = y.parse().ok()?;
        let month: u32 = m.parse().ok()?;
        let day: u32 = d.parse().ok()?;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Day { year, month, day })
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A checked workshop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workshop {
    pub title: Text,
    pub description: Text,
    pub starts_on: Day,
    pub ends_on: Day,
    pub venue: Option<String>,
    pub online: bool,
    pub languages: Vec<Lang>,
    pub regions: Vec<Region>,
}

/// The workshop form as sent (every field as typed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopInput {
    pub title_en: String,
    pub title_fr: String,
    pub title_es: String,
    pub description_en: String,
    pub description_fr: String,
    pub description_es: String,
    /// `YYYY-MM-DD` (an `<input type=date>`).
    pub starts_on: String,
    pub ends_on: String,
    pub venue: String,
    pub online: bool,
    pub languages: Vec<String>,
    pub regions: Vec<String>,
}

fn optional_text(errors: &mut FieldErrors, field: &str, v: &str, max: usize) -> Option<String> {
    let t = v.trim();
    if t.chars().count() > max {
        errors.push(field, "error-too-long");
        return None;
    }
    Some(t.to_string())
}

impl WorkshopInput {
    /// Every problem of the form, or the workshop.
    pub fn validate(&self) -> Result<Workshop, FieldErrors> {
        let mut errors = FieldErrors::default();
        let mut required = |field: &str, v: &str| {
            required_text(field, v, TITLE_MAX)
                .map_err(|e| errors.0.push(e))
                .ok()
        };
        let title = (
            required("title_en", &self.title_en),
            required("title_fr", &self.title_fr),
            required("title_es", &self.title_es),
        );
        let description = (
            optional_text(
                &mut errors,
                "description_en",
                &self.description_en,
                DESCRIPTION_MAX,
            ),
            optional_text(
                &mut errors,
                "description_fr",
                &self.description_fr,
                DESCRIPTION_MAX,
            ),
            optional_text(
                &mut errors,
                "description_es",
                &self.description_es,
                DESCRIPTION_MAX,
            ),
        );
        let date = |errors: &mut FieldErrors, field: &str, v: &str| {
            if v.trim().is_empty() {
                errors.push(field, "error-required");
                return None;
            }
            let day = Day::parse(v.trim());
            if day.is_none() {
                errors.push(field, "workshop-error-date");
            }
            day
        };
        let starts_on = date(&mut errors, "starts_on", &self.starts_on);
        let ends_on = date(&mut errors, "ends_on", &self.ends_on);
        if let (Some(s), Some(e)) = (starts_on, ends_on)
            && e < s
        {
            errors.push("ends_on", "workshop-error-ends-before");
        }
        let venue = optional_text(&mut errors, "venue", &self.venue, VENUE_MAX);
        if venue.as_deref().is_some_and(str::is_empty) && !self.online {
            errors.push("venue", "workshop-error-venue-or-online");
        }
        let mut languages: Vec<Lang> = Vec::new();
        for l in &self.languages {
            match l.parse::<Lang>() {
                Ok(l) if !languages.contains(&l) => languages.push(l),
                Ok(_) => {}
                Err(_) => errors.push("languages", "workshop-error-language"),
            }
        }
        if languages.is_empty() && self.languages.is_empty() {
            errors.push("languages", "workshop-error-no-language");
        }
        languages.sort_by_key(|l| Lang::ALL.iter().position(|x| x == l));
        let mut regions: Vec<Region> = Vec::new();
        for r in &self.regions {
            match r.parse::<Region>() {
                Ok(r) if !regions.contains(&r) => regions.push(r),
                Ok(_) => {}
                Err(_) => errors.push("regions", "error-region"),
            }
        }
        if regions.is_empty() && self.regions.is_empty() {
            errors.push("regions", "workshop-error-no-region");
        }
        regions.sort();
        match (title, description, starts_on, ends_on, venue) {
            (
                (Some(en), Some(fr), Some(es)),
                (Some(den), Some(dfr), Some(des)),
                Some(starts_on),
                Some(ends_on),
                Some(venue),
            ) if errors.is_empty() => Ok(Workshop {
                title: Text { en, fr, es },
                description: Text {
                    en: den,
                    fr: dfr,
                    es: des,
                },
                starts_on,
                ends_on,
                venue: (!venue.is_empty()).then_some(venue),
                online: self.online,
                languages,
                regions,
            }),
            _ => Err(errors),
        }
    }
}

impl Workshop {
    /// The languages as stored (`en,fr`).
    pub fn languages_code(&self) -> String {
        self.languages
            .iter()
            .map(|l| l.code())
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// Languages as stored, read back (unknown codes are skipped).
pub fn parse_languages(s: &str) -> Vec<Lang> {
    s.split(',').filter_map(|c| c.parse().ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> WorkshopInput {
        WorkshopInput {
            title_en: "Regional workshop for Africa".into(),
            title_fr: "Atelier régional pour l'Afrique".into(),
            title_es: "Taller regional para África".into(),
            starts_on: "2027-03-02".into(),
            ends_on: "2027-03-04".into(),
            venue: "Nairobi".into(),
            languages: vec!["fr".into(), "en".into()],
            regions: vec!["africa".into()],
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_workshop_validates() {
        let w = input().validate().unwrap();
        assert_eq!(w.languages, vec![Lang::En, Lang::Fr]);
        assert_eq!(w.languages_code(), "en,fr");
        assert_eq!(parse_languages("en,fr"), w.languages);
        assert_eq!(w.regions, vec![Region::Africa]);
        assert_eq!(w.venue.as_deref(), Some("Nairobi"));
    }

    #[test]
    fn every_problem_is_named_with_its_field() {
        let bad = WorkshopInput {
            title_en: "".into(),
            starts_on: "2027-03-04".into(),
            ends_on: "2027-03-02".into(),
            venue: " ".into(),
            online: false,
            languages: vec!["de".into()],
            regions: vec!["atlantis".into()],
            ..input()
        };
        let errs = bad.validate().unwrap_err();
        let fields: Vec<&str> = errs.0.iter().map(|e| e.field.as_str()).collect();
        for f in ["title_en", "ends_on", "venue", "languages", "regions"] {
            assert!(fields.contains(&f), "{f} in {fields:?}");
        }
        let none = WorkshopInput {
            starts_on: "3 March".into(),
            languages: vec![],
            regions: vec![],
            ..input()
        };
        let errs = none.validate().unwrap_err();
        let ids: Vec<&str> = errs.0.iter().map(|e| e.message_id.as_str()).collect();
        assert!(ids.contains(&"workshop-error-date"));
        assert!(ids.contains(&"workshop-error-no-language"));
        assert!(ids.contains(&"workshop-error-no-region"));
    }

    #[test]
    fn days_are_real_calendar_days() {
        assert_eq!(
            Day::parse("2028-02-29").map(|d| d.to_string()),
            Some("2028-02-29".into())
        );
        for bad in [
            "2027-02-29",
            "2027-13-01",
            "2027-04-31",
            "27-01-01",
            "2027-1-1",
            "2027-01-01-01",
            "",
        ] {
            assert_eq!(Day::parse(bad), None, "{bad}");
        }
        assert!(Day::parse("2027-03-02") < Day::parse("2027-03-10"));
    }

    #[test]
    fn online_needs_no_venue() {
        let w = WorkshopInput {
            venue: "".into(),
            online: true,
            ..input()
        }
        .validate()
        .unwrap();
        assert_eq!(w.venue, None);
        assert!(w.online);
    }
}
