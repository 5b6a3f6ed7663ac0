//! Dates and times in the viewer's language. Stored in UTC; shown with the
//! time zone named.

use super::{Arg, I18n};
use chrono::{DateTime, Datelike, Timelike, Utc};

impl I18n {
    /// "27 November 2026", "27 novembre 2026", "27 de noviembre de 2026".
    pub fn date(&self, at: DateTime<Utc>) -> String {
        let month = self.t(&format!("month-{}", at.month()));
        self.t_args(
            "date-long",
            &[
                ("day", Arg::Num(at.day() as i64)),
                ("month", month.into()),
                ("year", Arg::Str(at.year().to_string())),
            ],
        )
    }

    /// The date with the time of day, 24-hour, and "UTC".
    pub fn date_time(&self, at: DateTime<Utc>) -> String {
        let time = format!("{:02}:{:02}", at.hour(), at.minute());
        self.t_args(
            "date-time",
            &[("date", self.date(at).into()), ("time", time.into())],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lang::Lang;
    use chrono::TimeZone;

    #[test]
    fn dates_follow_the_locale() {
        let at = Utc.with_ymd_and_hms(2026, 11, 27, 9, 5, 0).unwrap();
        assert_eq!(I18n::new(Lang::En).date(at), "27 November 2026");
        assert_eq!(I18n::new(Lang::Fr).date(at), "27 novembre 2026");
        assert_eq!(I18n::new(Lang::Es).date(at), "27 de noviembre de 2026");
        assert_eq!(
            I18n::new(Lang::Fr).date_time(at),
            "27 novembre 2026 à 09:05 UTC"
        );
    }

    #[test]
    fn plurals_follow_the_locale() {
        let n = |lang, count: i64| {
            I18n::new(lang).t_args("parties-count", &[("count", Arg::Num(count))])
        };
        assert_eq!(n(Lang::En, 1), "(1 Party)");
        assert_eq!(n(Lang::En, 0), "(0 Parties)");
        assert_eq!(n(Lang::Fr, 0), "(0 Partie)");
        assert_eq!(n(Lang::Fr, 3), "(3 Parties)");
        assert_eq!(n(Lang::Es, 1), "(1 Parte)");
        assert_eq!(n(Lang::Es, 53), "(53 Partes)");
    }
}
