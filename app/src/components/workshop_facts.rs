//! A workshop's facts (title, dates, place, working languages) in the
//! viewer's language: shown on the workshop's page and atop its briefing.

use crate::domain::workshop::Workshop;
use crate::i18n::I18n;
use serde::{Deserialize, Serialize};

/// What a reader is told about a workshop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkshopFacts {
    pub title: String,
    pub dates: String,
    pub place: String,
    pub languages: String,
}

/// A workshop's facts in the viewer's language.
pub fn facts(i18n: &I18n, w: &Workshop) -> WorkshopFacts {
    let text = |t: &crate::domain::survey::Text| {
        let s = t.get(i18n.lang);
        if s.trim().is_empty() {
            t.en.clone()
        } else {
            s.to_string()
        }
    };
    let place = match (&w.venue, w.online) {
        (Some(v), true) => format!("{v} · {}", i18n.t("workshop-online")),
        (Some(v), false) => v.clone(),
        (None, _) => i18n.t("workshop-online"),
    };
    WorkshopFacts {
        title: text(&w.title),
        dates: i18n.t_args(
            "workshop-date-range",
            &[
                ("start", w.starts_on.to_string().into()),
                ("end", w.ends_on.to_string().into()),
            ],
        ),
        place,
        languages: w
            .languages
            .iter()
            .map(|l| i18n.t(l.message_id()))
            .collect::<Vec<_>>()
            .join(", "),
    }
}
