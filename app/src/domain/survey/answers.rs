//! A respondent's answers: what a form sends, how it is read, which questions
//! apply (display conditions), and what is wrong with the answers. Plain Rust,
//! shared by the server and the browser.
//!
//! Answers keep what was typed, even when it is not valid yet (a number field
//! holding "12,5 ha"), so a draft never loses text; [`check`] says what must
//! be corrected before a response can be submitted.
//!
//! Form field names: `q.{question}` (single choice, scale, multiple choice —
//! repeated —, texts, numbers), `q.{question}.other` (the "other" text),
//! `q.{question}.{row}` (a matrix row), `q.{question}.{rank}` (ranking, 1-based).

use super::model::{Question, QuestionKind, Section, Survey};
use crate::domain::response::Support;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// What a display condition names to depend on the donor/recipient status
/// declared in the respondent profile (not a question of the survey: the
/// dot keeps it from ever equalling a question id).
pub const PROFILE_SUPPORT: &str = "profile.support";

/// `answers` with the declared status as the answer to [`PROFILE_SUPPORT`],
/// for evaluating display conditions.
pub fn with_profile(answers: &Answers, support: Option<Support>) -> Answers {
    let mut out = answers.clone();
    if let Some(s) = support {
        out.insert(PROFILE_SUPPORT.into(), Answer::Choice(s.code().into()));
    }
    out
}

/// The id of the page [`whole`] makes.
const WHOLE: &str = "_whole";

/// Every question of `survey` as one page (the one-page form, which also
/// holds the profile).
pub fn whole(survey: &Survey) -> Section {
    Section {
        id: WHOLE.into(),
        questions: survey.questions().cloned().collect(),
        ..Default::default()
    }
}

/// The value a single choice takes when "Other — please specify" is chosen.
pub const OTHER: &str = "_other";
/// The longest "other" text, in characters.
pub const OTHER_MAX: usize = 500;

/// One question's answer, as given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t", content = "v", rename_all = "snake_case")]
pub enum Answer {
    /// A single choice or a scale point: the choice's id.
    Choice(String),
    /// A single choice's "other", with its text.
    Other(String),
    /// Multiple choice: the chosen ids, in the survey's order.
    Choices(Vec<String>),
    /// Matrix: row id → column id.
    Matrix(BTreeMap<String, String>),
    /// Ranking: option ids by rank (first is rank 1); an empty string is a
    /// rank left blank.
    Ranking(Vec<String>),
    /// Short or long text, as written.
    Text(String),
    /// A number, as typed.
    Number(String),
}

/// Answers by question id.
pub type Answers = BTreeMap<String, Answer>;

/// A form that no page of this survey could have sent (unknown question or
/// choice, a field repeated, the wrong shape): refused whole, nothing stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("tampered answer field {0}")]
pub struct Tampered(pub String);

/// What must be corrected in one answer, as a fluent message id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerError {
    pub question: String,
    pub message_id: String,
}

impl AnswerError {
    fn new(question: &str, message_id: &str) -> Self {
        AnswerError {
            question: question.to_string(),
            message_id: message_id.to_string(),
        }
    }
}

/// The form field name of question `id` (its first control).
pub fn field(id: &str) -> String {
    format!("q.{id}")
}

/// The element id of question `id`'s first control (error summary links).
pub fn anchor(id: &str) -> String {
    format!("q-{id}")
}

/// Reads the answers to the questions of `section` from a form's fields.
/// Fields not starting with `q.` are left to the caller. A blank control is
/// no answer. Unknown questions or choices, questions of another section and
/// repeated single-valued fields are [`Tampered`].
pub fn read(section: &Section, fields: &[(String, String)]) -> Result<Answers, Tampered> {
    read_from(&section.questions.iter().collect::<Vec<_>>(), fields)
}

/// [`read`], for the questions of a page given one by one (the one-page
/// form reads every question of the survey without copying them).
pub fn read_from(
    questions: &[&Question],
    fields: &[(String, String)],
) -> Result<Answers, Tampered> {
    // One pass over the fields, whatever their number: each is looked up,
    // never searched for (a body of the largest size the server takes is
    // read in time proportional to it, not to it times the questions).
    let by_id: HashMap<&str, &Question> = questions.iter().map(|q| (q.id.as_str(), *q)).collect();
    let mut out = Answers::new();
    let mut seen = HashSet::new();
    // Questions whose "other" was chosen, and the "other" texts sent.
    let mut chose_other = HashSet::new();
    let mut other_texts = HashMap::new();
    for (name, value) in fields {
        let Some(rest) = name.strip_prefix("q.") else {
            continue;
        };
        let (qid, sub) = match rest.split_once('.') {
            Some((q, s)) => (q, Some(s)),
            None => (rest, None),
        };
        let q = by_id
            .get(qid)
            .copied()
            .ok_or_else(|| Tampered(name.clone()))?;
        let multi = matches!(q.kind, QuestionKind::MultipleChoice { .. }) && sub.is_none();
        if !multi && !seen.insert(name.as_str()) {
            return Err(Tampered(name.clone()));
        }
        read_field(q, sub, value, &mut out).map_err(|()| Tampered(name.clone()))?;
        if let QuestionKind::SingleChoice { other: true, .. } = q.kind {
            match sub {
                None if value.trim() == OTHER => {
                    chose_other.insert(qid);
                }
                Some("other") => {
                    other_texts.insert(qid, value.trim());
                }
                _ => {}
            }
        }
    }
    // "Other" text without "other" chosen is no answer; "other" chosen keeps its text.
    for q in questions {
        if chose_other.contains(q.id.as_str()) {
            let text = other_texts.get(q.id.as_str()).copied().unwrap_or_default();
            out.insert(q.id.clone(), Answer::Other(text.to_string()));
        }
        if let Some(Answer::Ranking(r)) = out.get_mut(&q.id) {
            while r.last().is_some_and(|s| s.is_empty()) {
                r.pop();
            }
            if r.is_empty() {
                out.remove(&q.id);
            }
        }
    }
    Ok(out)
}

fn has_choice(list: &[super::model::Choice], id: &str) -> bool {
    list.iter().any(|c| c.id == id)
}

fn read_field(q: &Question, sub: Option<&str>, value: &str, out: &mut Answers) -> Result<(), ()> {
    let v = value.trim();
    match (&q.kind, sub) {
        (QuestionKind::SingleChoice { options, other }, None) => {
            if v.is_empty() {
            } else if v == OTHER && *other {
                // Filled in with its text after every field is read.
            } else if has_choice(options, v) {
                out.insert(q.id.clone(), Answer::Choice(v.to_string()));
            } else {
                return Err(());
            }
        }
        (QuestionKind::SingleChoice { other: true, .. }, Some("other")) => {}
        (QuestionKind::Scale { points }, None) => {
            if !v.is_empty() {
                if !has_choice(points, v) {
                    return Err(());
                }
                out.insert(q.id.clone(), Answer::Choice(v.to_string()));
            }
        }
        (QuestionKind::MultipleChoice { options, .. }, None) => {
            if !v.is_empty() {
                if !has_choice(options, v) {
                    return Err(());
                }
                let entry = out
                    .entry(q.id.clone())
                    .or_insert_with(|| Answer::Choices(Vec::new()));
                if let Answer::Choices(list) = entry
                    && !list.iter().any(|x| x == v)
                {
                    list.push(v.to_string());
                    list.sort_by_key(|id| options.iter().position(|o| o.id == *id));
                }
            }
        }
        (QuestionKind::Matrix { rows, columns }, Some(row)) => {
            if !has_choice(rows, row) {
                return Err(());
            }
            if !v.is_empty() {
                if !has_choice(columns, v) {
                    return Err(());
                }
                let entry = out
                    .entry(q.id.clone())
                    .or_insert_with(|| Answer::Matrix(BTreeMap::new()));
                if let Answer::Matrix(m) = entry {
                    m.insert(row.to_string(), v.to_string());
                }
            }
        }
        (QuestionKind::Ranking { options, top }, Some(rank)) => {
            let rank: usize = rank.parse().map_err(|_| ())?;
            if rank == 0 || rank > *top as usize || rank.to_string() != *sub.unwrap_or("") {
                return Err(());
            }
            if !v.is_empty() && !has_choice(options, v) {
                return Err(());
            }
            let entry = out
                .entry(q.id.clone())
                .or_insert_with(|| Answer::Ranking(Vec::new()));
            if let Answer::Ranking(r) = entry {
                if r.len() < rank {
                    r.resize(rank, String::new());
                }
                r[rank - 1] = v.to_string();
            }
        }
        (QuestionKind::ShortText { .. } | QuestionKind::LongText { .. }, None) => {
            // Texts are kept as written (only surrounding blanks trimmed).
            if !v.is_empty() {
                out.insert(q.id.clone(), Answer::Text(v.to_string()));
            }
        }
        (QuestionKind::Number { .. }, None) => {
            if !v.is_empty() {
                out.insert(q.id.clone(), Answer::Number(v.to_string()));
            }
        }
        _ => return Err(()),
    }
    Ok(())
}

/// Whether question `q` applies given `answers`: it has no condition, or
/// the question its condition names applies and was answered with one of
/// the condition's choices. Conditions point only backwards (see
/// `validate`), so this terminates.
pub fn applies(survey: &Survey, answers: &Answers, q: &Question) -> bool {
    let Some(c) = &q.condition else {
        return true;
    };
    if c.question == PROFILE_SUPPORT {
        return matches!(answers.get(PROFILE_SUPPORT), Some(Answer::Choice(s)) if c.any_of.contains(s));
    }
    let Some(target) = survey.question(&c.question) else {
        return false;
    };
    if !applies(survey, answers, target) {
        return false;
    }
    match answers.get(&target.id) {
        Some(Answer::Choice(id)) => c.any_of.contains(id),
        Some(Answer::Choices(ids)) => ids.iter().any(|id| c.any_of.contains(id)),
        _ => false,
    }
}

/// Whether question `q` is to be shown on its section's page: it applies,
/// or its condition depends on a question of the same section (whose answer
/// the page itself may change; the page explains the condition).
pub fn shown(survey: &Survey, section: &Section, answers: &Answers, q: &Question) -> bool {
    match &q.condition {
        None => true,
        // The one-page form holds the profile: its status may still change there.
        Some(c) if c.question == PROFILE_SUPPORT && section.id == WHOLE => true,
        Some(c) if section.questions.iter().any(|o| o.id == c.question) => {
            // Its target is on this page: shown if that target itself is shown.
            section
                .questions
                .iter()
                .find(|o| o.id == c.question)
                .is_some_and(|t| shown(survey, section, answers, t))
        }
        Some(_) => applies(survey, answers, q),
    }
}

/// The largest number an answer may give, in absolute value (10¹⁵: beyond
/// it a number is no count, area or amount, and `f64` stops holding every
/// whole number exactly).
pub const NUMBER_MAX: f64 = 1e15;
/// The most characters a number may be typed with.
pub const NUMBER_MAX_CHARS: usize = 30;

/// Whether `c` is a control character no answer may hold: the C0 controls
/// (U+0000–U+001F) except tab, line feed and carriage return. A NUL, for
/// one, cannot be stored in PostgreSQL's `jsonb`, and none of them can be
/// typed; they come from pasting or from a crafted request.
pub fn is_forbidden_control(c: char) -> bool {
    c < '\u{20}' && !matches!(c, '\t' | '\n' | '\r')
}

/// Whether `s` holds a character [`is_forbidden_control`] refuses.
pub fn has_forbidden_control(s: &str) -> bool {
    s.chars().any(is_forbidden_control)
}

/// A number as typed, read with either decimal mark ("12.5" or "12,5") and
/// spaces between digit groups ("1 000"), or why it cannot be: not a number
/// (`response-error-number`: Rust alone would also read "inf", "infinity"
/// and "NaN"), or too large or too long (`response-error-number-size`:
/// beyond [`NUMBER_MAX`], "1e999", more than [`NUMBER_MAX_CHARS`] characters).
pub fn read_number(raw: &str) -> Result<f64, &'static str> {
    const NOT_A_NUMBER: &str = "response-error-number";
    const TOO_LARGE: &str = "response-error-number-size";
    let t = raw.trim();
    if has_forbidden_control(t) {
        return Err(CONTROL);
    }
    if t.chars().count() > NUMBER_MAX_CHARS {
        return Err(TOO_LARGE);
    }
    let t = t.replace(['\u{a0}', ' ', '\u{202f}'], "");
    let t = if t.contains(',') && !t.contains('.') {
        t.replace(',', ".")
    } else {
        t
    };
    // Digits, a sign, a decimal mark and an exponent: nothing with letters.
    if !t
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E'))
    {
        return Err(NOT_A_NUMBER);
    }
    let v = t.parse::<f64>().map_err(|_| NOT_A_NUMBER)?;
    if !v.is_finite() || v.abs() > NUMBER_MAX {
        return Err(TOO_LARGE);
    }
    Ok(v)
}

/// [`read_number`], when the number is one an answer may give.
pub fn parse_number(raw: &str) -> Option<f64> {
    read_number(raw).ok()
}

/// The message of an answer holding a control character.
const CONTROL: &str = "response-error-control";

/// The answers in `answers` that cannot be kept, not even in a draft: those
/// holding a control character ([`is_forbidden_control`]), whatever the
/// question and whether or not it applies. A form with one is refused
/// whole (nothing is saved) and comes back as typed, the field named.
pub fn unstorable(answers: &Answers) -> Vec<AnswerError> {
    answers
        .iter()
        .filter(|(_, a)| holds_control(a))
        .map(|(id, _)| AnswerError::new(id, CONTROL))
        .collect()
}

/// Whether any string `a` holds (typed texts, choice ids) has a control character.
fn holds_control(a: &Answer) -> bool {
    match a {
        Answer::Choice(s) | Answer::Other(s) | Answer::Text(s) | Answer::Number(s) => {
            has_forbidden_control(s)
        }
        Answer::Choices(l) | Answer::Ranking(l) => l.iter().any(|s| has_forbidden_control(s)),
        Answer::Matrix(m) => m
            .iter()
            .any(|(k, v)| has_forbidden_control(k) || has_forbidden_control(v)),
    }
}

/// The problems of one answer to `q`, format only (not whether it is missing).
pub fn check_answer(q: &Question, answer: &Answer) -> Option<&'static str> {
    check_value(&q.kind, answer)
}

/// [`check_answer`] for a question of kind `kind` (what the browser checks
/// as a text or number is typed, with the server's own rule).
pub fn check_value(kind: &QuestionKind, answer: &Answer) -> Option<&'static str> {
    match (kind, answer) {
        (QuestionKind::SingleChoice { .. } | QuestionKind::Scale { .. }, Answer::Choice(_)) => None,
        (QuestionKind::SingleChoice { other: true, .. }, Answer::Other(text)) => {
            if has_forbidden_control(text) {
                Some(CONTROL)
            } else if text.trim().is_empty() {
                Some("response-error-other-text")
            } else if text.chars().count() > OTHER_MAX {
                Some("response-error-too-long")
            } else {
                None
            }
        }
        (QuestionKind::MultipleChoice { max, .. }, Answer::Choices(list)) => {
            (max.is_some_and(|m| list.len() > m as usize)).then_some("response-error-too-many")
        }
        (QuestionKind::Matrix { .. }, Answer::Matrix(_)) => None,
        (QuestionKind::Ranking { .. }, Answer::Ranking(r)) => {
            let filled: Vec<&String> = r.iter().filter(|s| !s.is_empty()).collect();
            let distinct: HashSet<&String> = filled.iter().copied().collect();
            if distinct.len() != filled.len() {
                Some("response-error-rank-twice")
            } else if r.iter().any(|s| s.is_empty()) {
                Some("response-error-rank-gap")
            } else {
                None
            }
        }
        (QuestionKind::ShortText { .. } | QuestionKind::LongText { .. }, Answer::Text(t))
        | (QuestionKind::Number { .. }, Answer::Number(t)) => {
            TypedRule::of(kind).and_then(|rule| rule.check(t))
        }
        _ => Some("response-error-shape"),
    }
}

/// What a typed answer (a text or a number) must satisfy: the part of a
/// question's kind that the browser checks as it is typed, with this same code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum TypedRule {
    Text {
        max_length: u32,
    },
    Number {
        integer: bool,
        min: Option<f64>,
        max: Option<f64>,
    },
}

impl TypedRule {
    /// The rule of a text or number question; `None` for other kinds.
    pub fn of(kind: &QuestionKind) -> Option<Self> {
        match kind {
            QuestionKind::ShortText { max_length } | QuestionKind::LongText { max_length } => {
                Some(TypedRule::Text {
                    max_length: *max_length,
                })
            }
            QuestionKind::Number { integer, min, max } => Some(TypedRule::Number {
                integer: *integer,
                min: *min,
                max: *max,
            }),
            _ => None,
        }
    }

    /// What is wrong with `raw` (as typed, trimmed), as a fluent message id.
    pub fn check(&self, raw: &str) -> Option<&'static str> {
        match self {
            TypedRule::Text { .. } if has_forbidden_control(raw) => Some(CONTROL),
            TypedRule::Text { max_length } => {
                (raw.chars().count() > *max_length as usize).then_some("response-error-too-long")
            }
            TypedRule::Number { integer, min, max } => match read_number(raw) {
                Err(id) => Some(id),
                Ok(v) if *integer && v.fract() != 0.0 => Some("response-error-integer"),
                Ok(v) if min.is_some_and(|m| v < m) || max.is_some_and(|m| v > m) => {
                    Some("response-error-range")
                }
                Ok(_) => None,
            },
        }
    }
}

/// Whether `answer` leaves question `q` unanswered for "required" purposes.
fn incomplete(q: &Question, answer: Option<&Answer>) -> bool {
    match (answer, &q.kind) {
        (None, _) => true,
        (Some(Answer::Choices(l)), _) => l.is_empty(),
        (Some(Answer::Matrix(m)), QuestionKind::Matrix { rows, .. }) => {
            rows.iter().any(|r| !m.contains_key(&r.id))
        }
        (Some(Answer::Ranking(r)), QuestionKind::Ranking { top, options }) => {
            r.iter().filter(|s| !s.is_empty()).count() < (*top as usize).min(options.len())
        }
        _ => false,
    }
}

/// Which questions [`check`] looks at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scope<'a> {
    /// One section's page, as it is left: formats, and answers to questions
    /// that do not apply. Required answers are not yet enforced.
    Section(&'a Section),
    /// The whole response, before submitting: everything, required included.
    Submit,
}

/// Everything wrong with `answers`, in document order.
pub fn check(survey: &Survey, answers: &Answers, scope: Scope<'_>) -> Vec<AnswerError> {
    let mut out = Vec::new();
    let questions: Vec<&Question> = match scope {
        Scope::Section(s) => s.questions.iter().collect(),
        Scope::Submit => survey.questions().collect(),
    };
    for q in questions {
        let answer = answers.get(&q.id);
        let applies = applies(survey, answers, q);
        if !applies {
            if answer.is_some_and(holds_control) {
                // Not kept even as a draft: named whether or not it applies.
                out.push(AnswerError::new(&q.id, CONTROL));
            } else if answer.is_some() && scope != Scope::Submit {
                out.push(AnswerError::new(&q.id, "response-error-not-applicable"));
            }
            continue;
        }
        if let Some(a) = answer
            && let Some(id) = check_answer(q, a)
        {
            out.push(AnswerError::new(&q.id, id));
            continue;
        }
        if scope == Scope::Submit && q.required && incomplete(q, answer) {
            out.push(AnswerError::new(&q.id, "response-error-required"));
        }
    }
    out
}

/// The answers to submit: those to questions that apply (an earlier change
/// of answer may have made some not apply) and to questions that exist.
pub fn applicable(survey: &Survey, answers: &Answers) -> Answers {
    into_applicable(survey, answers.clone())
}

/// [`applicable`], keeping `answers` rather than copying them.
pub fn into_applicable(survey: &Survey, mut answers: Answers) -> Answers {
    let dropped: Vec<String> = answers
        .iter()
        .filter(|(id, _)| {
            !survey
                .question(id)
                .is_some_and(|q| applies(survey, &answers, q))
        })
        .map(|(k, _)| k.clone())
        .collect();
    for id in dropped {
        answers.remove(&id);
    }
    answers
}

/// `answers` with section `section`'s answers replaced by `new`.
pub fn merge(answers: &Answers, section: &Section, new: Answers) -> Answers {
    let mut out: Answers = answers
        .iter()
        .filter(|(id, _)| !section.questions.iter().any(|q| q.id == **id))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    out.extend(new);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::survey::fixtures::{choice, q};
    use crate::domain::survey::model::Condition;

    fn survey() -> Survey {
        let mut gate = q(
            "gate",
            QuestionKind::SingleChoice {
                options: vec![choice("yes"), choice("no")],
                other: true,
            },
        );
        gate.required = true;
        let mut follow = q("follow", QuestionKind::ShortText { max_length: 10 });
        follow.condition = Some(Condition {
            question: "gate".into(),
            any_of: vec!["yes".into()],
        });
        follow.required = true;
        let mut later = q("later", QuestionKind::LongText { max_length: 50 });
        later.condition = Some(Condition {
            question: "gate".into(),
            any_of: vec!["no".into()],
        });
        let mut rank = q(
            "rank",
            QuestionKind::Ranking {
                options: vec![choice("a"), choice("b"), choice("c")],
                top: 2,
            },
        );
        rank.required = true;
        Survey {
            sections: vec![
                Section {
                    id: "s1".into(),
                    questions: vec![
                        gate,
                        follow,
                        q(
                            "multi",
                            QuestionKind::MultipleChoice {
                                options: vec![choice("a"), choice("b"), choice("c")],
                                max: Some(2),
                            },
                        ),
                        q(
                            "scale",
                            QuestionKind::Scale {
                                points: vec![choice("0"), choice("1")],
                            },
                        ),
                    ],
                    ..Default::default()
                },
                Section {
                    id: "s2".into(),
                    questions: vec![
                        later,
                        q(
                            "grid",
                            QuestionKind::Matrix {
                                rows: vec![choice("r1"), choice("r2")],
                                columns: vec![choice("0"), choice("1")],
                            },
                        ),
                        rank,
                        q(
                            "num",
                            QuestionKind::Number {
                                integer: true,
                                min: Some(0.0),
                                max: Some(100.0),
                            },
                        ),
                    ],
                    ..Default::default()
                },
            ],
            ..Default::default()
        }
    }

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn every_kind_is_read_from_its_fields() {
        let s = survey();
        let a = read(
            &s.sections[0],
            &pairs(&[
                ("q.gate", "yes"),
                ("q.gate.other", "ignored"),
                ("q.follow", "  well  "),
                ("q.multi", "c"),
                ("q.multi", "a"),
                ("q.scale", ""),
                ("version", "3"),
            ]),
        )
        .unwrap();
        assert_eq!(a["gate"], Answer::Choice("yes".into()));
        assert_eq!(a["follow"], Answer::Text("well".into()));
        assert_eq!(a["multi"], Answer::Choices(vec!["a".into(), "c".into()]));
        assert!(!a.contains_key("scale"), "blank is no answer");
        let b = read(
            &s.sections[1],
            &pairs(&[
                ("q.grid.r2", "1"),
                ("q.rank.1", "b"),
                ("q.rank.2", ""),
                ("q.num", "12,0"),
            ]),
        )
        .unwrap();
        assert_eq!(
            b["grid"],
            Answer::Matrix(BTreeMap::from([("r2".into(), "1".into())]))
        );
        assert_eq!(b["rank"], Answer::Ranking(vec!["b".into()]));
        assert_eq!(b["num"], Answer::Number("12,0".into()));
        let other = read(
            &s.sections[0],
            &pairs(&[("q.gate", OTHER), ("q.gate.other", " mine ")]),
        )
        .unwrap();
        assert_eq!(other["gate"], Answer::Other("mine".into()));
    }

    #[test]
    fn forms_no_page_could_send_are_tampered() {
        let s = survey();
        for bad in [
            vec![("q.nope", "x")],
            vec![("q.grid.r1", "0")], // another section's question
            vec![("q.gate", "maybe")],
            vec![("q.gate", "yes"), ("q.gate", "no")],
            vec![("q.multi", "z")],
            vec![("q.scale", "9")],
            vec![("q.follow.x", "a")],
            vec![("q.gate.other", "x"), ("q.gate.other", "y")],
        ] {
            assert!(read(&s.sections[0], &pairs(&bad)).is_err(), "{bad:?}");
        }
        for bad in [
            vec![("q.grid.r9", "0")],
            vec![("q.grid.r1", "7")],
            vec![("q.grid", "0")],
            vec![("q.rank.0", "a")],
            vec![("q.rank.3", "a")],
            vec![("q.rank.01", "a")],
            vec![("q.rank.x", "a")],
            vec![("q.rank.1", "zz")],
            vec![("q.num.1", "1")],
        ] {
            assert!(read(&s.sections[1], &pairs(&bad)).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn conditions_decide_what_applies_and_what_is_shown() {
        let s = survey();
        let follow = s.question("follow").unwrap();
        let later = s.question("later").unwrap();
        let mut a = Answers::new();
        assert!(!applies(&s, &a, follow));
        assert!(shown(&s, &s.sections[0], &a, follow), "same page: shown");
        assert!(
            !shown(&s, &s.sections[1], &a, later),
            "earlier page: hidden"
        );
        a.insert("gate".into(), Answer::Choice("no".into()));
        assert!(!applies(&s, &a, follow));
        assert!(applies(&s, &a, later));
        assert!(shown(&s, &s.sections[1], &a, later));
        a.insert("gate".into(), Answer::Choice("yes".into()));
        assert!(applies(&s, &a, follow));
    }

    #[test]
    fn a_section_refuses_answers_that_do_not_apply_and_bad_formats() {
        let s = survey();
        let mut a = Answers::new();
        a.insert("gate".into(), Answer::Choice("no".into()));
        a.insert("follow".into(), Answer::Text("x".into()));
        a.insert(
            "multi".into(),
            Answer::Choices(vec!["a".into(), "b".into(), "c".into()]),
        );
        let e = check(&s, &a, Scope::Section(&s.sections[0]));
        assert_eq!(
            e,
            vec![
                AnswerError::new("follow", "response-error-not-applicable"),
                AnswerError::new("multi", "response-error-too-many"),
            ]
        );
        let mut b = Answers::new();
        b.insert("num".into(), Answer::Number("12.5".into()));
        b.insert("rank".into(), Answer::Ranking(vec!["a".into(), "a".into()]));
        let e = check(&s, &b, Scope::Section(&s.sections[1]));
        assert_eq!(
            e,
            vec![
                AnswerError::new("rank", "response-error-rank-twice"),
                AnswerError::new("num", "response-error-integer"),
            ]
        );
        for (raw, err) in [
            ("abc", Some("response-error-number")),
            ("101", Some("response-error-range")),
            ("-1", Some("response-error-range")),
            ("1 000", Some("response-error-range")),
            ("NaN", Some("response-error-number")),
            ("inf", Some("response-error-number")),
            ("42", None),
        ] {
            assert_eq!(
                check_answer(s.question("num").unwrap(), &Answer::Number(raw.to_string())),
                err,
                "{raw}"
            );
        }
        assert_eq!(
            check_answer(s.question("follow").unwrap(), &Answer::Text("é".repeat(11))),
            Some("response-error-too-long")
        );
        assert_eq!(
            check_answer(s.question("follow").unwrap(), &Answer::Text("é".repeat(10))),
            None,
            "length counts characters, not bytes"
        );
        assert_eq!(
            check_answer(s.question("num").unwrap(), &Answer::Text("1".into())),
            Some("response-error-shape")
        );
    }

    #[test]
    fn submitting_enforces_required_answers_that_apply() {
        let s = survey();
        let mut a = Answers::new();
        let e = check(&s, &a, Scope::Submit);
        assert_eq!(
            e,
            vec![
                AnswerError::new("gate", "response-error-required"),
                AnswerError::new("rank", "response-error-required"),
            ],
            "follow does not apply, so is not required"
        );
        a.insert("gate".into(), Answer::Choice("yes".into()));
        a.insert("rank".into(), Answer::Ranking(vec!["a".into()]));
        let e = check(&s, &a, Scope::Submit);
        assert_eq!(
            e,
            vec![
                AnswerError::new("follow", "response-error-required"),
                AnswerError::new("rank", "response-error-required"),
            ]
        );
        a.insert("follow".into(), Answer::Text("ok".into()));
        a.insert("rank".into(), Answer::Ranking(vec!["a".into(), "c".into()]));
        a.insert("later".into(), Answer::Text("stale".into()));
        assert_eq!(check(&s, &a, Scope::Submit), vec![]);
        let kept = applicable(&s, &a);
        assert!(
            !kept.contains_key("later"),
            "answers that no longer apply are dropped"
        );
        assert_eq!(kept.len(), 3);
    }

    #[test]
    fn merging_replaces_one_section() {
        let s = survey();
        let mut a = Answers::new();
        a.insert("gate".into(), Answer::Choice("yes".into()));
        a.insert("num".into(), Answer::Number("3".into()));
        let mut new = Answers::new();
        new.insert("scale".into(), Answer::Choice("1".into()));
        let m = merge(&a, &s.sections[0], new);
        assert!(!m.contains_key("gate"), "cleared on its page");
        assert_eq!(m["scale"], Answer::Choice("1".into()));
        assert_eq!(m["num"], Answer::Number("3".into()));
    }

    #[test]
    fn a_condition_may_depend_on_the_declared_status() {
        let mut s = survey();
        s.sections[1].questions[0].condition = Some(Condition {
            question: PROFILE_SUPPORT.into(),
            any_of: vec!["provides".into(), "both".into()],
        });
        let later = s.question("later").unwrap().clone();
        let a = Answers::new();
        assert!(!applies(&s, &with_profile(&a, None), &later));
        assert!(!applies(
            &s,
            &with_profile(&a, Some(Support::Receives)),
            &later
        ));
        assert!(applies(&s, &with_profile(&a, Some(Support::Both)), &later));
        assert!(
            !shown(&s, &s.sections[1], &a, &later),
            "its own page hides it"
        );
        assert!(
            shown(&s, &whole(&s), &a, &later),
            "the one-page form shows it, explained"
        );
    }

    #[test]
    fn control_characters_are_refused_wherever_they_are_typed() {
        let s = survey();
        let follow = s.question("follow").unwrap();
        let gate = s.question("gate").unwrap();
        let num = s.question("num").unwrap();
        for bad in ["a\0b", "\u{1}", "x\u{1b}[31m", "\u{1f}", "a\u{b}b"] {
            assert_eq!(
                check_answer(follow, &Answer::Text(bad.into())),
                Some("response-error-control"),
                "{bad:?}"
            );
            assert_eq!(
                check_answer(gate, &Answer::Other(bad.into())),
                Some("response-error-control"),
                "{bad:?}"
            );
            assert_eq!(
                check_answer(num, &Answer::Number(format!("1{bad}"))),
                Some("response-error-control"),
                "{bad:?}"
            );
        }
        // Tab, line feed and carriage return are text; so is everything past U+001F.
        for fine in ["a\tb", "a\r\nb", "\u{7f}", "\u{85}", "\u{fffd}", "é"] {
            assert!(!has_forbidden_control(fine), "{fine:?}");
            assert_eq!(check_answer(follow, &Answer::Text(fine.into())), None);
        }
        // The browser's check is the same rule.
        let rule = TypedRule::of(&follow.kind).unwrap();
        assert_eq!(rule.check("x\0"), Some("response-error-control"));
        // A form holding one: read as typed, and named as unstorable, even
        // for a question that does not apply (it would be kept in a draft).
        let read_back = read(
            &s.sections[0],
            &pairs(&[
                ("q.gate", "no"),
                ("q.follow", "bad\0text"),
                ("q.scale", "1"),
            ]),
        )
        .unwrap();
        assert_eq!(read_back["follow"], Answer::Text("bad\0text".into()));
        assert_eq!(
            unstorable(&read_back),
            vec![AnswerError::new("follow", "response-error-control")]
        );
        assert_eq!(
            check(&s, &read_back, Scope::Section(&s.sections[0])),
            vec![AnswerError::new("follow", "response-error-control")],
            "named as a control character rather than as not applying"
        );
        assert_eq!(
            check(&s, &read_back, Scope::Submit),
            vec![
                AnswerError::new("follow", "response-error-control"),
                AnswerError::new("rank", "response-error-required"),
            ]
        );
        let other = read(
            &s.sections[0],
            &pairs(&[("q.gate", OTHER), ("q.gate.other", "\u{7}ring")]),
        )
        .unwrap();
        assert_eq!(
            unstorable(&other),
            vec![AnswerError::new("gate", "response-error-control")]
        );
        let fine = read(
            &s.sections[0],
            &pairs(&[("q.gate", OTHER), ("q.gate.other", "two\r\nlines")]),
        )
        .unwrap();
        assert!(unstorable(&fine).is_empty());
        let mut every = Answers::new();
        every.insert("num".into(), Answer::Number("\0".into()));
        every.insert("rank".into(), Answer::Ranking(vec!["\0".into()]));
        every.insert(
            "grid".into(),
            Answer::Matrix(BTreeMap::from([("r1".into(), "\u{2}".into())])),
        );
        every.insert("multi".into(), Answer::Choices(vec!["a".into()]));
        assert_eq!(
            unstorable(&every)
                .into_iter()
                .map(|e| e.question)
                .collect::<Vec<_>>(),
            vec!["grid", "num", "rank"]
        );
    }

    #[test]
    fn numbers_that_no_answer_gives_are_refused() {
        let num = survey().question("num").unwrap().clone();
        let unbounded = TypedRule::Number {
            integer: false,
            min: None,
            max: None,
        };
        let long_digits = "1".repeat(31);
        let long_fraction = format!("0.{}", "0".repeat(29));
        for (raw, err) in [
            ("inf", "response-error-number"),
            ("-inf", "response-error-number"),
            ("infinity", "response-error-number"),
            ("Infinity", "response-error-number"),
            ("NaN", "response-error-number"),
            ("nan", "response-error-number"),
            ("0x10", "response-error-number"),
            ("12 ha", "response-error-number"),
            ("1e999", "response-error-number-size"),
            ("-1e999", "response-error-number-size"),
            ("1e16", "response-error-number-size"),
            ("1000000000000001", "response-error-number-size"),
            ("-1000000000000001", "response-error-number-size"),
            (long_digits.as_str(), "response-error-number-size"),
            (long_fraction.as_str(), "response-error-number-size"),
        ] {
            assert_eq!(read_number(raw), Err(err), "{raw}");
            assert_eq!(parse_number(raw), None, "{raw}");
            assert_eq!(unbounded.check(raw), Some(err), "{raw}");
            assert_eq!(
                check_answer(&num, &Answer::Number(raw.to_string())),
                Some(err),
                "{raw}"
            );
        }
        for (raw, v) in [
            ("1e15", 1e15),
            ("-1e15", -1e15),
            ("1 000 000 000 000 000", 1e15),
            ("+3", 3.0),
            ("1e9", 1e9),
            ("0,25", 0.25),
            ("0.0000000000000000000000000001", 1e-28),
        ] {
            assert_eq!(read_number(raw), Ok(v), "{raw}");
            assert_eq!(unbounded.check(raw), None, "{raw}");
        }
    }

    #[test]
    fn numbers_read_either_decimal_mark() {
        assert_eq!(parse_number("12,5"), Some(12.5));
        assert_eq!(parse_number(" 12.5 "), Some(12.5));
        assert_eq!(parse_number("1 000"), Some(1000.0));
        assert_eq!(parse_number("1,000.5"), None);
        assert_eq!(parse_number(""), None);
    }
}
