//! The translation gate: every text present in one language must be present
//! in all three, and the required texts must exist. Lists what is missing,
//! where, and gives a completeness figure per language.

use super::model::*;
use crate::domain::lang::Lang;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingText {
    /// Where the text is: `title`, `section s1 › question q2 › options › a`.
    pub place: String,
    pub lang: Lang,
}

/// Every text of the survey with its place, and whether it is required.
pub fn texts(s: &Survey) -> Vec<(String, &Text, bool)> {
    let mut out: Vec<(String, &Text, bool)> = vec![
        ("title".into(), &s.title, true),
        ("introduction".into(), &s.introduction, false),
        ("closing".into(), &s.closing, false),
    ];
    for sec in &s.sections {
        let sp = format!("section {}", sec.id);
        out.push((format!("{sp} › title"), &sec.title, true));
        out.push((format!("{sp} › introduction"), &sec.introduction, false));
        for q in &sec.questions {
            let qp = format!("{sp} › question {}", q.id);
            out.push((format!("{qp} › prompt"), &q.prompt, true));
            out.push((format!("{qp} › help"), &q.help, false));
            for (list, choices) in q.kind.choice_lists() {
                for c in choices {
                    out.push((format!("{qp} › {list} › {}", c.id), &c.label, true));
                }
            }
        }
    }
    out
}

/// What is missing: required texts in any language, and optional texts
/// written in some languages but not all.
pub fn missing(s: &Survey) -> Vec<MissingText> {
    let mut out = Vec::new();
    for (place, text, required) in texts(s) {
        if !required && text.is_blank() {
            continue;
        }
        for lang in Lang::ALL {
            if text.get(lang).trim().is_empty() {
                out.push(MissingText {
                    place: place.clone(),
                    lang,
                });
            }
        }
    }
    out
}

/// (language, texts present, texts expected) for each language.
pub fn completeness(s: &Survey) -> Vec<(Lang, usize, usize)> {
    let all = texts(s);
    let expected: Vec<&Text> = all
        .iter()
        .filter(|(_, t, required)| *required || !t.is_blank())
        .map(|(_, t, _)| *t)
        .collect();
    Lang::ALL
        .into_iter()
        .map(|l| {
            let done = expected
                .iter()
                .filter(|t| !t.get(l).trim().is_empty())
                .count();
            (l, done, expected.len())
        })
        .collect()
}

/// Percent, rounded down, so 99.9 % never shows as 100 %.
pub fn percent(done: usize, total: usize) -> usize {
    (done * 100).checked_div(total).unwrap_or(100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn survey() -> Survey {
        Survey {
            title: Text::new("Needs", "Besoins", ""),
            introduction: Text::new("Hello", "", ""),
            sections: vec![Section {
                id: "s1".into(),
                title: Text::new("A", "A", "A"),
                introduction: Text::default(),
                questions: vec![Question {
                    id: "q1".into(),
                    prompt: Text::new("Q", "Q", "Q"),
                    help: Text::default(),
                    required: true,
                    kind: QuestionKind::Scale {
                        points: vec![
                            Choice {
                                id: "0".into(),
                                label: Text::new("None", "Aucune", "Ninguna"),
                            },
                            Choice {
                                id: "1".into(),
                                label: Text::new("Some", "", "Alguna"),
                            },
                        ],
                    },
                    condition: None,
                    terms: vec![],
                }],
            }],
            ..Default::default()
        }
    }

    #[test]
    fn lists_each_missing_text_with_place_and_language() {
        let m = missing(&survey());
        let got: Vec<(String, Lang)> = m.into_iter().map(|m| (m.place, m.lang)).collect();
        assert_eq!(
            got,
            vec![
                ("title".to_string(), Lang::Es),
                ("introduction".to_string(), Lang::Fr),
                ("introduction".to_string(), Lang::Es),
                (
                    "section s1 › question q1 › points › 1".to_string(),
                    Lang::Fr
                ),
            ]
        );
    }

    #[test]
    fn completeness_counts_expected_texts() {
        let c = completeness(&survey());
        // title, introduction (started), section title, prompt, 2 points = 6 expected.
        assert_eq!(
            c,
            vec![(Lang::En, 6, 6), (Lang::Fr, 4, 6), (Lang::Es, 4, 6)]
        );
        assert_eq!(percent(4, 6), 66);
        assert_eq!(percent(0, 0), 100);
    }

    #[test]
    fn blank_optional_texts_are_not_required() {
        let mut s = survey();
        s.introduction = Text::default();
        s.title.es = "Necesidades".into();
        s.sections[0].questions[0].kind = QuestionKind::LongText { max_length: 10 };
        assert!(missing(&s).is_empty());
        assert!(completeness(&s).iter().all(|(_, d, t)| d == t));
    }
}
