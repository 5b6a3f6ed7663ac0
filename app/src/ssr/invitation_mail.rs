//! The invitation and reminder e-mails, in the contact's language, from the
//! fluent catalogue: a plain-text part and an HTML part saying the same.

use crate::domain::constituency::{Constituency, Kind as ConstituencyKind};
use crate::domain::lang::Lang;
use crate::i18n::{Arg, I18n};

/// In which capacity a person is asked to answer, with the names the
/// sentence needs, already in the person's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Capacity<'a> {
    /// A Party's authority, for its Party (its name).
    Party { party: &'a str },
    /// A Committee member, for the region they represent (its name).
    Committee {
        constituency: Constituency,
        region: &'a str,
    },
    /// A partner's contact, for its organisation.
    Partner {
        constituency: Constituency,
        organisation: &'a str,
    },
}

impl<'a> Capacity<'a> {
    /// The capacity of a contact of `constituency`: the name of its Party,
    /// of the region it represents, or its organisation's, as it applies.
    pub fn of(
        constituency: Constituency,
        party: &'a str,
        region: &'a str,
        organisation: &'a str,
    ) -> Capacity<'a> {
        match constituency.kind() {
            ConstituencyKind::Party => Capacity::Party { party },
            ConstituencyKind::Committee => Capacity::Committee {
                constituency,
                region,
            },
            ConstituencyKind::Partner => Capacity::Partner {
                constituency,
                organisation,
            },
        }
    }

    /// The sentence saying it (the `capacity-*` messages), in `i18n`'s language.
    pub fn sentence(&self, i18n: I18n) -> String {
        match self {
            Capacity::Party { party } => {
                i18n.t_args("capacity-party", &[("party", (*party).into())])
            }
            Capacity::Committee {
                constituency,
                region,
            } => i18n.t_args(
                constituency.capacity_message_id(),
                &[
                    ("constituency", i18n.t(constituency.message_id()).into()),
                    ("region", (*region).into()),
                ],
            ),
            Capacity::Partner {
                constituency,
                organisation,
            } => i18n.t_args(
                constituency.capacity_message_id(),
                &[
                    ("constituency", i18n.t(constituency.message_id()).into()),
                    ("organisation", (*organisation).into()),
                ],
            ),
        }
    }
}

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
    /// In which capacity the person is asked to answer.
    pub capacity: Capacity<'a>,
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
    let (party, constituency, region, organisation) = match &f.capacity {
        Capacity::Party { party } => (*party, String::new(), "", ""),
        Capacity::Committee {
            constituency,
            region,
        } => ("", i18n.t(constituency.message_id()), *region, ""),
        Capacity::Partner {
            constituency,
            organisation,
        } => ("", i18n.t(constituency.message_id()), "", *organisation),
    };
    let args = |extra: &[(&'static str, &str)]| -> Vec<(&'static str, Arg)> {
        let mut v: Vec<(&'static str, Arg)> = vec![
            ("name", f.name.into()),
            ("party", party.into()),
            ("constituency", constituency.as_str().into()),
            ("region", region.into()),
            ("organisation", organisation.into()),
            ("title", f.title.into()),
            ("deadline", f.deadline.into()),
        ];
        v.extend(extra.iter().map(|(k, s)| (*k, Arg::from(*s))));
        v
    };
    let t = |id: &str| i18n.t_args(id, &args(&[]));
    // A Party's authority is written to for its Party; anyone else for
    // themselves (a Committee member) or their organisation (a partner).
    let of_party = matches!(f.capacity, Capacity::Party { .. });
    let subject = match f.kind {
        Kind::Invitation => t("invitation-email-subject"),
        Kind::Reminder => t("reminder-email-subject"),
    };
    let opening = match (f.kind, of_party) {
        (Kind::Invitation, true) => t("invitation-email-invited"),
        (Kind::Invitation, false) => t("invitation-email-invited-personal"),
        (Kind::Reminder, true) => t("reminder-email-reminded"),
        (Kind::Reminder, false) => t("reminder-email-reminded-personal"),
    };
    let paragraphs = [
        t("invitation-email-greeting"),
        opening,
        f.capacity.sentence(i18n),
        t("invitation-email-deadline"),
    ];
    let after = match &f.capacity {
        Capacity::Party { .. } => [
            t("invitation-email-private"),
            t("invitation-email-anonymity"),
            t("invitation-email-why"),
            t("invitation-email-reply"),
        ],
        Capacity::Committee { .. } => [
            t("invitation-email-private-personal"),
            t("invitation-email-anonymity-personal"),
            t("invitation-email-why-committee"),
            t("invitation-email-reply"),
        ],
        Capacity::Partner { .. } => [
            t("invitation-email-private-organisation"),
            t("invitation-email-anonymity-personal"),
            t("invitation-email-why-partner"),
            t("invitation-email-reply"),
        ],
    };
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
            capacity: Capacity::Party { party: "Bolivia" },
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
        assert!(
            en.text
                .contains("You are asked to answer on behalf of Bolivia.")
        );
    }

    #[test]
    fn the_capacity_is_said_in_the_persons_language() {
        let member = |lang| Facts {
            capacity: Capacity::Committee {
                constituency: Constituency::AnimalsCommittee,
                region: "América del Norte",
            },
            ..facts(lang, Kind::Invitation)
        };
        let es = render(&member(Lang::Es));
        assert!(
            es.text
                .contains("Comité de Fauna (en representación de la región América del Norte)"),
            "{}",
            es.text
        );
        assert!(!es.text.contains("Bolivia"), "no Party is named");
        let fr = render(&member(Lang::Fr));
        assert!(fr.text.contains("Comité pour les animaux"));
        let partner = Facts {
            capacity: Capacity::Partner {
                constituency: Constituency::PartnerNgo,
                organisation: "TRAFFIC & Co",
            },
            ..facts(Lang::En, Kind::Reminder)
        };
        let en = render(&partner);
        assert!(en.text.contains(
            "on behalf of your organisation, TRAFFIC & Co (Non-governmental organisation)"
        ));
        assert!(en.html.contains("TRAFFIC &amp; Co"));
        for r in [&es, &fr, &en] {
            assert!(!r.text.contains("-email-"), "every message resolves");
            assert!(!r.text.contains('{'), "every argument is given");
        }
    }
}
