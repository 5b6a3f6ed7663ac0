//! The invitation and reminder e-mails, in the contact's language, from the
//! fluent catalogue: a plain-text part and an HTML part saying the same.

use crate::domain::lang::Lang;
use crate::i18n::{Arg, I18n};

/// Which message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Invitation,
    Reminder,
}

/// What goes into one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts<'a> {
    pub lang: Lang,
    pub kind: Kind,
    pub name: &'a str,
    pub party: &'a str,
    pub title: &'a str,
    /// In the contact's locale, with "UTC".
    pub deadline: &'a str,
    pub link: &'a str,
}

/// A rendered message: subject, text and HTML bodies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub fn render(f: &Facts) -> Rendered {
    let i18n = I18n::new(f.lang);
    let args = |extra: &[(&'static str, &str)]| -> Vec<(&'static str, Arg)> {
        let mut v: Vec<(&'static str, Arg)> = vec![
            ("name", f.name.into()),
            ("party", f.party.into()),
            ("title", f.title.into()),
            ("deadline", f.deadline.into()),
        ];
        v.extend(extra.iter().map(|(k, s)| (*k, Arg::from(*s))));
        v
    };
    let t = |id: &str| i18n.t_args(id, &args(&[]));
    let subject = match f.kind {
        Kind::Invitation => t("invitation-email-subject"),
        Kind::Reminder => t("reminder-email-subject"),
    };
    let opening = match f.kind {
        Kind::Invitation => t("invitation-email-invited"),
        Kind::Reminder => t("reminder-email-reminded"),
    };
    let paragraphs = [
        t("invitation-email-greeting"),
        opening,
        t("invitation-email-deadline"),
    ];
    let after = [
        t("invitation-email-private"),
        t("invitation-email-anonymity"),
        t("invitation-email-why"),
        t("invitation-email-reply"),
    ];
    let link_label = t("invitation-email-link");
    let signature = t("invitation-email-signature");
    let mut text = String::new();
    for p in &paragraphs {
        text.push_str(p);
        text.push_str("\n\n");
    }
    text.push_str(&format!("{link_label}\n{}\n\n", f.link));
    for p in &after {
        text.push_str(p);
        text.push_str("\n\n");
    }
    text.push_str(&signature);
    text.push('\n');
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head><body>",
        f.lang.code(),
        escape(&subject)
    );
    for p in &paragraphs {
        html.push_str(&format!("<p>{}</p>", escape(p)));
    }
    html.push_str(&format!(
        "<p><a href=\"{0}\">{1}</a><br>{0}</p>",
        escape(f.link),
        escape(&link_label)
    ));
    for p in &after {
        html.push_str(&format!("<p>{}</p>", escape(p)));
    }
    html.push_str(&format!("<p>{}</p></body></html>", escape(&signature)));
    Rendered {
        subject,
        text,
        html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(lang: Lang, kind: Kind) -> Facts<'static> {
        Facts {
            lang,
            kind,
            name: "Zoë Ñúñez <zn>",
            party: "Bolivia",
            title: "Évaluation des besoins",
            deadline: "31 mars 2099 à 17:00 UTC",
            link: "https://consulta.example/i/abc",
        }
    }

    #[test]
    fn each_language_says_it_in_its_own_words() {
        let en = render(&facts(Lang::En, Kind::Invitation));
        let fr = render(&facts(Lang::Fr, Kind::Invitation));
        let es = render(&facts(Lang::Es, Kind::Invitation));
        assert!(en.subject.contains("Évaluation des besoins"));
        assert_ne!(en.subject, fr.subject);
        assert_ne!(fr.subject, es.subject);
        for r in [&en, &fr, &es] {
            assert!(r.text.contains("https://consulta.example/i/abc"));
            assert!(r.text.contains("31 mars 2099 à 17:00 UTC"));
            assert!(r.html.contains("href=\"https://consulta.example/i/abc\""));
            assert!(
                r.html.contains("Zoë Ñúñez &lt;zn&gt;"),
                "names are escaped in HTML"
            );
            assert!(!r.text.contains("-email-"), "every message resolves");
        }
        assert!(fr.html.starts_with("<!DOCTYPE html><html lang=\"fr\">"));
        let reminder = render(&facts(Lang::Es, Kind::Reminder));
        assert_ne!(reminder.subject, es.subject);
    }
}
