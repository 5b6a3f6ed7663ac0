//! Structural validation of a survey: ids unique, choices valid, limits sane,
//! display conditions pointing only backwards (so they can never form a cycle).
//! Each problem names its place and carries a fluent message id.

use super::model::*;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

pub const MAX_SECTIONS: usize = 100;
pub const MAX_QUESTIONS: usize = 500;
pub const MAX_CHOICES: usize = 60;
pub const MAX_SCALE_POINTS: usize = 11;
pub const SHORT_TEXT_MAX: u32 = 500;
pub const LONG_TEXT_MAX: u32 = 20_000;
pub const ID_MAX: usize = 40;
/// The longest title (of a consultation or a section), in characters.
pub const TITLE_MAX: usize = 300;
/// The longest introduction or closing text, in characters.
pub const TEXT_MAX: usize = 5000;
/// The longest question prompt or help text, in characters.
pub const PROMPT_MAX: usize = 2000;
/// The longest answer-choice label, in characters.
pub const CHOICE_MAX: usize = 500;

/// One problem, and where it is (`section s1 › question q2 › options`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub place: String,
    pub message_id: String,
}

impl Problem {
    fn new(place: &str, message_id: &str) -> Self {
        Problem {
            place: place.to_string(),
            message_id: message_id.to_string(),
        }
    }
}

/// An id: 1–40 characters of `a-z`, `0-9`, `_` and `-`.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= ID_MAX
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

pub fn validate(survey: &Survey) -> Result<(), Vec<Problem>> {
    let mut p = Vec::new();
    if survey.sections.len() > MAX_SECTIONS {
        p.push(Problem::new("survey", "survey-error-too-many-sections"));
    }
    if survey.questions().count() > MAX_QUESTIONS {
        p.push(Problem::new("survey", "survey-error-too-many-questions"));
    }
    let mut section_ids = HashSet::new();
    let mut question_ids = HashSet::new();
    // Questions seen so far, in document order: conditions may only point
    // here. By id (the first of an id), looked up rather than searched, so
    // that a file of the largest size is checked in time proportional to it.
    let mut earlier: HashMap<&str, &Question> = HashMap::new();
    for s in &survey.sections {
        let splace = format!("section {}", s.id);
        if !valid_id(&s.id) {
            p.push(Problem::new(&splace, "survey-error-id"));
        }
        if !section_ids.insert(s.id.as_str()) {
            p.push(Problem::new(&splace, "survey-error-duplicate-id"));
        }
        for q in &s.questions {
            let qplace = format!("{splace} › question {}", q.id);
            if !valid_id(&q.id) {
                p.push(Problem::new(&qplace, "survey-error-id"));
            }
            if !question_ids.insert(q.id.as_str()) || section_ids.contains(q.id.as_str()) {
                p.push(Problem::new(&qplace, "survey-error-duplicate-id"));
            }
            check_kind(&qplace, &q.kind, &mut p);
            if let Some(c) = &q.condition {
                check_condition(&qplace, q, c, &earlier, &mut p);
            }
            for t in &q.terms {
                if !valid_id(t) {
                    p.push(Problem::new(&qplace, "survey-error-term"));
                }
            }
            earlier.entry(q.id.as_str()).or_insert(q);
        }
    }
    if p.is_empty() { Ok(()) } else { Err(p) }
}

fn check_choices(
    place: &str,
    name: &str,
    list: &[Choice],
    min: usize,
    max: usize,
    p: &mut Vec<Problem>,
) {
    let place = format!("{place} › {name}");
    if list.len() < min {
        p.push(Problem::new(&place, "survey-error-too-few-choices"));
    }
    if list.len() > max {
        p.push(Problem::new(&place, "survey-error-too-many-choices"));
    }
    let mut ids = HashSet::new();
    for c in list {
        if !valid_id(&c.id) {
            p.push(Problem::new(
                &format!("{place} › {}", c.id),
                "survey-error-id",
            ));
        } else if !ids.insert(c.id.as_str()) {
            p.push(Problem::new(
                &format!("{place} › {}", c.id),
                "survey-error-duplicate-id",
            ));
        }
    }
}

fn check_kind(place: &str, kind: &QuestionKind, p: &mut Vec<Problem>) {
    match kind {
        QuestionKind::SingleChoice { options, .. } => {
            check_choices(place, "options", options, 2, MAX_CHOICES, p);
            // What a form sends for "Other — please specify": an option of
            // that id would be read as it.
            if options.iter().any(|c| c.id == super::answers::OTHER) {
                p.push(Problem::new(
                    &format!("{place} › options › {}", super::answers::OTHER),
                    "survey-error-reserved-id",
                ));
            }
        }
        QuestionKind::MultipleChoice { options, max } => {
            check_choices(place, "options", options, 2, MAX_CHOICES, p);
            if let Some(m) = max
                && (*m == 0 || *m as usize > options.len())
            {
                p.push(Problem::new(
                    &format!("{place} › max"),
                    "survey-error-max-choices",
                ));
            }
        }
        QuestionKind::Scale { points } => {
            check_choices(place, "points", points, 2, MAX_SCALE_POINTS, p)
        }
        QuestionKind::Matrix { rows, columns } => {
            check_choices(place, "rows", rows, 1, MAX_CHOICES, p);
            check_choices(place, "columns", columns, 2, MAX_SCALE_POINTS, p);
        }
        QuestionKind::Ranking { options, top } => {
            check_choices(place, "options", options, 2, MAX_CHOICES, p);
            if *top == 0 || *top as usize > options.len() {
                p.push(Problem::new(
                    &format!("{place} › top"),
                    "survey-error-ranking-top",
                ));
            }
        }
        QuestionKind::ShortText { max_length } => {
            if *max_length == 0 || *max_length > SHORT_TEXT_MAX {
                p.push(Problem::new(
                    &format!("{place} › max_length"),
                    "survey-error-text-length",
                ));
            }
        }
        QuestionKind::LongText { max_length } => {
            if *max_length == 0 || *max_length > LONG_TEXT_MAX {
                p.push(Problem::new(
                    &format!("{place} › max_length"),
                    "survey-error-text-length",
                ));
            }
        }
        QuestionKind::Number { integer, min, max } => {
            let bad = |v: &Option<f64>| {
                v.is_some_and(|v| !v.is_finite() || (*integer && v.fract() != 0.0))
            };
            if bad(min) || bad(max) {
                p.push(Problem::new(
                    &format!("{place} › min/max"),
                    "survey-error-number-bound",
                ));
            }
            if let (Some(lo), Some(hi)) = (min, max)
                && lo > hi
            {
                p.push(Problem::new(
                    &format!("{place} › min/max"),
                    "survey-error-number-range",
                ));
            }
        }
    }
}

fn check_condition(
    place: &str,
    q: &Question,
    c: &Condition,
    earlier: &HashMap<&str, &Question>,
    p: &mut Vec<Problem>,
) {
    let place = format!("{place} › condition");
    if c.question == super::answers::PROFILE_SUPPORT {
        if c.any_of.is_empty() {
            p.push(Problem::new(&place, "survey-error-condition-empty"));
        }
        if c.any_of
            .iter()
            .any(|a| crate::domain::response::Support::parse(a).is_none())
        {
            p.push(Problem::new(&place, "survey-error-condition-answer"));
        }
        return;
    }
    if c.question == q.id {
        p.push(Problem::new(&place, "survey-error-condition-self"));
        return;
    }
    let Some(target) = earlier.get(c.question.as_str()) else {
        p.push(Problem::new(&place, "survey-error-condition-backwards"));
        return;
    };
    if !target.kind.is_conditionable() {
        p.push(Problem::new(&place, "survey-error-condition-kind"));
        return;
    }
    if c.any_of.is_empty() {
        p.push(Problem::new(&place, "survey-error-condition-empty"));
    }
    // A target with more choices than allowed is refused on its own; its
    // answers are not gathered again for every condition that names it.
    let lists = target.kind.choice_lists();
    if lists.iter().map(|(_, l)| l.len()).sum::<usize>() > MAX_CHOICES + MAX_SCALE_POINTS {
        return;
    }
    let ids: HashSet<&str> = target
        .kind
        .choice_lists()
        .into_iter()
        .flat_map(|(_, l)| l.iter().map(|c| c.id.as_str()))
        .collect();
    if c.any_of.iter().any(|a| !ids.contains(a.as_str())) {
        p.push(Problem::new(&place, "survey-error-condition-answer"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn choice(id: &str) -> Choice {
        Choice {
            id: id.into(),
            label: Text::new(id, id, id),
        }
    }

    pub(crate) fn question(id: &str, kind: QuestionKind) -> Question {
        Question {
            id: id.into(),
            prompt: Text::new("P", "P", "P"),
            help: Text::default(),
            required: false,
            kind,
            condition: None,
            terms: vec![],
        }
    }

    fn single(id: &str) -> Question {
        question(
            id,
            QuestionKind::SingleChoice {
                options: vec![choice("yes"), choice("no")],
                other: false,
            },
        )
    }

    fn survey(questions: Vec<Question>) -> Survey {
        Survey {
            title: Text::new("T", "T", "T"),
            sections: vec![Section {
                id: "s1".into(),
                title: Text::new("S", "S", "S"),
                introduction: Text::default(),
                questions,
            }],
            ..Default::default()
        }
    }

    fn ids(r: Result<(), Vec<Problem>>) -> Vec<String> {
        r.err()
            .unwrap_or_default()
            .into_iter()
            .map(|p| p.message_id)
            .collect()
    }

    #[test]
    fn a_sound_survey_passes() {
        let mut q2 = question("q2", QuestionKind::LongText { max_length: 1000 });
        q2.condition = Some(Condition {
            question: "q1".into(),
            any_of: vec!["yes".into()],
        });
        assert_eq!(validate(&survey(vec![single("q1"), q2])), Ok(()));
    }

    #[test]
    fn no_option_takes_the_id_of_other() {
        for other in [false, true] {
            let q = question(
                "q1",
                QuestionKind::SingleChoice {
                    options: vec![choice("yes"), choice(crate::domain::survey::answers::OTHER)],
                    other,
                },
            );
            assert_eq!(
                ids(validate(&survey(vec![q]))),
                ["survey-error-reserved-id"]
            );
        }
    }

    #[test]
    fn duplicate_ids_are_named() {
        let r = validate(&survey(vec![single("q1"), single("q1")]));
        let problems = r.unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].message_id, "survey-error-duplicate-id");
        assert_eq!(problems[0].place, "section s1 › question q1");
    }

    #[test]
    fn conditions_only_point_backwards_to_real_answers() {
        let mut q1 = single("q1");
        q1.condition = Some(Condition {
            question: "q2".into(),
            any_of: vec!["yes".into()],
        });
        assert_eq!(
            ids(validate(&survey(vec![q1, single("q2")]))),
            ["survey-error-condition-backwards"]
        );

        let mut q = single("q1");
        q.condition = Some(Condition {
            question: "q1".into(),
            any_of: vec!["yes".into()],
        });
        assert_eq!(
            ids(validate(&survey(vec![q]))),
            ["survey-error-condition-self"]
        );

        let mut q2 = single("q2");
        q2.condition = Some(Condition {
            question: "q1".into(),
            any_of: vec!["maybe".into()],
        });
        assert_eq!(
            ids(validate(&survey(vec![single("q1"), q2]))),
            ["survey-error-condition-answer"]
        );

        let mut q2 = single("q2");
        q2.condition = Some(Condition {
            question: "t".into(),
            any_of: vec!["x".into()],
        });
        let t = question("t", QuestionKind::ShortText { max_length: 10 });
        assert_eq!(
            ids(validate(&survey(vec![t, q2]))),
            ["survey-error-condition-kind"]
        );
    }

    #[test]
    fn limits_are_checked() {
        let cases = [
            (
                QuestionKind::MultipleChoice {
                    options: vec![choice("a"), choice("b")],
                    max: Some(3),
                },
                "survey-error-max-choices",
            ),
            (
                QuestionKind::Ranking {
                    options: vec![choice("a"), choice("b")],
                    top: 0,
                },
                "survey-error-ranking-top",
            ),
            (
                QuestionKind::ShortText { max_length: 0 },
                "survey-error-text-length",
            ),
            (
                QuestionKind::LongText {
                    max_length: LONG_TEXT_MAX + 1,
                },
                "survey-error-text-length",
            ),
            (
                QuestionKind::Number {
                    integer: false,
                    min: Some(5.0),
                    max: Some(1.0),
                },
                "survey-error-number-range",
            ),
            (
                QuestionKind::Number {
                    integer: true,
                    min: Some(0.5),
                    max: None,
                },
                "survey-error-number-bound",
            ),
            (
                QuestionKind::Scale {
                    points: vec![choice("0")],
                },
                "survey-error-too-few-choices",
            ),
            (
                QuestionKind::SingleChoice {
                    options: vec![choice("a"), choice("a")],
                    other: false,
                },
                "survey-error-duplicate-id",
            ),
            (
                QuestionKind::SingleChoice {
                    options: vec![choice("a"), choice("B!")],
                    other: false,
                },
                "survey-error-id",
            ),
        ];
        for (kind, expected) in cases {
            assert_eq!(
                ids(validate(&survey(vec![question("q", kind.clone())]))),
                [expected],
                "{kind:?}"
            );
        }
    }

    #[test]
    fn ids_are_restricted() {
        assert!(valid_id("q1") && valid_id("legal-acquisition_2"));
        for bad in ["", "Q1", "q 1", "é", &"x".repeat(ID_MAX + 1)] {
            assert!(!valid_id(bad), "{bad}");
        }
    }
}
