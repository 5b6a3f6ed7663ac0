//! The types of a consultation's content.

use crate::domain::coded::coded;
use crate::domain::constituency::Constituency;
use serde::{Deserialize, Serialize};

pub use crate::domain::text::Text;

coded! {
    /// The CITES Decision a consultation serves.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
    #[serde(rename_all = "snake_case")]
    pub enum Decision {
        D19_40 = "d19_40" => "decision-19-40",
        D19_41b = "d19_41b" => "decision-19-41b",
        D19_43 = "d19_43" => "decision-19-43",
        #[default]
        Other = "other" => "decision-other",
    }
}

/// The content of a consultation: what the Secretariat writes, what Parties read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Survey {
    pub title: Text,
    #[serde(default)]
    pub introduction: Text,
    #[serde(default)]
    pub closing: Text,
    #[serde(default)]
    pub decision: Decision,
    #[serde(default)]
    pub sections: Vec<Section>,
    /// Who answers; unset: the default for the Decision ([`Survey::respondents`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respondents: Option<Respondents>,
    /// A submitted response may be reopened and changed until the deadline.
    #[serde(default)]
    pub allow_changes: bool,
    /// The constituencies invited besides, or instead of, the Parties, in
    /// declaration order, no repeats ([`Survey::set_constituencies`]);
    /// empty: the Parties only (so documents written before constituencies
    /// existed read as they were meant). Read it with
    /// [`Survey::constituencies`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub constituencies: Vec<Constituency>,
}

coded! {
    /// Who answers a consultation.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Respondents {
        /// One response per Party: every invited contact of a Party opens the
        /// same draft, and the first submission counts.
        PerParty = "per_party" => "respondents-per-party",
        /// One response per invited contact.
        PerInvitee = "per_invitee" => "respondents-per-invitee",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub title: Text,
    #[serde(default)]
    pub introduction: Text,
    #[serde(default)]
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub prompt: Text,
    #[serde(default)]
    pub help: Text,
    #[serde(default)]
    pub required: bool,
    pub kind: QuestionKind,
    /// Shown only when an earlier question has one of the given answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Condition>,
    /// Glossary terms (by key) used in the prompt, readable in place.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<String>,
}

/// An answer option, scale point, matrix row or column.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub id: String,
    pub label: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum QuestionKind {
    SingleChoice {
        options: Vec<Choice>,
        /// Adds "Other — please specify" with a text box.
        #[serde(default)]
        other: bool,
    },
    MultipleChoice {
        options: Vec<Choice>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<u32>,
    },
    /// An anchored scale, for example capacity 0–3, with a label for every point.
    Scale {
        points: Vec<Choice>,
    },
    /// Rows (such as implementation areas) rated on shared columns (a scale).
    Matrix {
        rows: Vec<Choice>,
        columns: Vec<Choice>,
    },
    /// Order the `top` most important of the options.
    Ranking {
        options: Vec<Choice>,
        top: u32,
    },
    ShortText {
        max_length: u32,
    },
    LongText {
        max_length: u32,
    },
    Number {
        #[serde(default)]
        integer: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<f64>,
    },
}

coded! {
    /// The question kinds, without their settings (for "add a question").
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum KindTag {
        SingleChoice = "single_choice" => "kind-single-choice",
        MultipleChoice = "multiple_choice" => "kind-multiple-choice",
        Scale = "scale" => "kind-scale",
        Matrix = "matrix" => "kind-matrix",
        Ranking = "ranking" => "kind-ranking",
        ShortText = "short_text" => "kind-short-text",
        LongText = "long_text" => "kind-long-text",
        Number = "number" => "kind-number",
    }
}

impl KindTag {
    /// A new question of this kind with sensible defaults.
    pub fn default_kind(self) -> QuestionKind {
        let two = || {
            vec![
                Choice {
                    id: "a".into(),
                    label: Text::default(),
                },
                Choice {
                    id: "b".into(),
                    label: Text::default(),
                },
            ]
        };
        match self {
            KindTag::SingleChoice => QuestionKind::SingleChoice {
                options: two(),
                other: false,
            },
            KindTag::MultipleChoice => QuestionKind::MultipleChoice {
                options: two(),
                max: None,
            },
            KindTag::Scale => QuestionKind::Scale { points: two() },
            KindTag::Matrix => QuestionKind::Matrix {
                rows: two(),
                columns: two(),
            },
            KindTag::Ranking => QuestionKind::Ranking {
                options: two(),
                top: 2,
            },
            KindTag::ShortText => QuestionKind::ShortText { max_length: 200 },
            KindTag::LongText => QuestionKind::LongText { max_length: 5000 },
            KindTag::Number => QuestionKind::Number {
                integer: true,
                min: None,
                max: None,
            },
        }
    }
}

impl QuestionKind {
    pub fn tag(&self) -> KindTag {
        match self {
            QuestionKind::SingleChoice { .. } => KindTag::SingleChoice,
            QuestionKind::MultipleChoice { .. } => KindTag::MultipleChoice,
            QuestionKind::Scale { .. } => KindTag::Scale,
            QuestionKind::Matrix { .. } => KindTag::Matrix,
            QuestionKind::Ranking { .. } => KindTag::Ranking,
            QuestionKind::ShortText { .. } => KindTag::ShortText,
            QuestionKind::LongText { .. } => KindTag::LongText,
            QuestionKind::Number { .. } => KindTag::Number,
        }
    }

    /// The lists of choices this kind has, with their role's name.
    pub fn choice_lists(&self) -> Vec<(&'static str, &Vec<Choice>)> {
        match self {
            QuestionKind::SingleChoice { options, .. }
            | QuestionKind::MultipleChoice { options, .. }
            | QuestionKind::Ranking { options, .. } => vec![("options", options)],
            QuestionKind::Scale { points } => vec![("points", points)],
            QuestionKind::Matrix { rows, columns } => vec![("rows", rows), ("columns", columns)],
            _ => vec![],
        }
    }

    pub fn choice_lists_mut(&mut self) -> Vec<(&'static str, &mut Vec<Choice>)> {
        match self {
            QuestionKind::SingleChoice { options, .. }
            | QuestionKind::MultipleChoice { options, .. }
            | QuestionKind::Ranking { options, .. } => vec![("options", options)],
            QuestionKind::Scale { points } => vec![("points", points)],
            QuestionKind::Matrix { rows, columns } => vec![("rows", rows), ("columns", columns)],
            _ => vec![],
        }
    }

    /// Answers to this kind can be the target of a display condition.
    pub fn is_conditionable(&self) -> bool {
        matches!(
            self,
            QuestionKind::SingleChoice { .. }
                | QuestionKind::MultipleChoice { .. }
                | QuestionKind::Scale { .. }
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    /// An earlier question's id.
    pub question: String,
    /// Shown when that question's answer is any of these choice ids.
    pub any_of: Vec<String>,
}

impl Survey {
    /// Who answers: as set, else one response per Party for the 19.41(b)
    /// needs assessment and one per invitee otherwise.
    pub fn respondents(&self) -> Respondents {
        self.respondents.unwrap_or(match self.decision {
            Decision::D19_41b => Respondents::PerParty,
            _ => Respondents::PerInvitee,
        })
    }

    /// The constituencies this consultation invites (at least one), in
    /// declaration order: the Parties when none is set.
    pub fn constituencies(&self) -> Vec<Constituency> {
        if self.constituencies.is_empty() {
            vec![Constituency::Party]
        } else {
            self.constituencies.clone()
        }
    }

    /// Whether contacts of `c` may be invited.
    pub fn invites(&self, c: Constituency) -> bool {
        self.constituencies().contains(&c)
    }

    /// Sets the invited constituencies: sorted, without repeats; the
    /// Parties alone, or none, are stored as none (the default).
    pub fn set_constituencies(&mut self, list: &[Constituency]) {
        let mut list = list.to_vec();
        list.sort();
        list.dedup();
        if list == [Constituency::Party] {
            list.clear();
        }
        self.constituencies = list;
    }

    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().find(|q| q.id == id)
    }

    pub fn question_mut(&mut self, id: &str) -> Option<&mut Question> {
        self.sections
            .iter_mut()
            .flat_map(|s| s.questions.iter_mut())
            .find(|q| q.id == id)
    }

    pub fn section_mut(&mut self, id: &str) -> Option<&mut Section> {
        self.sections.iter_mut().find(|s| s.id == id)
    }

    /// A fresh id with `prefix` not used by any section or question.
    pub fn fresh_id(&self, prefix: &str) -> String {
        let used = |id: &str| {
            self.sections.iter().any(|s| s.id == id) || self.questions().any(|q| q.id == id)
        };
        (1..)
            .map(|n| format!("{prefix}{n}"))
            .find(|id| !used(id))
            .expect("unbounded")
    }
}
