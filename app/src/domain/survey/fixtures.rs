//! Building blocks for the domain's unit tests: a text the same in the three
//! languages, choices and a question named by their ids.

use super::model::{Choice, Question, QuestionKind, Text};

/// The same text in English, French and Spanish.
pub(crate) fn t(s: &str) -> Text {
    Text::new(s, s, s)
}

/// A choice whose label is its id.
pub(crate) fn choice(id: &str) -> Choice {
    Choice {
        id: id.into(),
        label: t(id),
    }
}

/// Choices whose labels are their ids.
pub(crate) fn choices(ids: &[&str]) -> Vec<Choice> {
    ids.iter().map(|i| choice(i)).collect()
}

/// An optional question with no help, condition or terms, its prompt its id.
pub(crate) fn q(id: &str, kind: QuestionKind) -> Question {
    Question {
        id: id.into(),
        prompt: t(id),
        help: Text::default(),
        required: false,
        kind,
        condition: None,
        terms: vec![],
    }
}
