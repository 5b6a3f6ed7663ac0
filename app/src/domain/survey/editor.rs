//! Editing operations on a survey. Each is applied to a copy, which must
//! still validate (and, once answers exist, keep its structure) before it
//! replaces the original: an edit is never half-applied.

use super::locking::only_texts_changed;
use super::model::*;
use super::validate::{Problem, validate};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("no such section or question")]
    NotFound,
    #[error("the structure is locked")]
    Locked,
    #[error("the edit would make the survey invalid")]
    Invalid(Vec<Problem>),
}

impl EditError {
    pub fn message_id(&self) -> &'static str {
        match self {
            EditError::NotFound => "error-not-found",
            EditError::Locked => "editor-locked",
            EditError::Invalid(_) => "editor-invalid",
        }
    }
}

/// A structural edit, as the editor's buttons ask for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    AddSection,
    MoveSection { id: String, up: bool },
    DeleteSection { id: String },
    AddQuestion { section: String, kind: KindTag },
    MoveQuestion { id: String, up: bool },
    DeleteQuestion { id: String },
}

/// Applies `change` to a copy of `survey`; keeps it only if it validates and,
/// when `locked`, only texts changed.
pub fn apply(
    survey: &Survey,
    locked: bool,
    change: impl FnOnce(&mut Survey) -> Result<(), EditError>,
) -> Result<Survey, EditError> {
    let mut next = survey.clone();
    change(&mut next)?;
    if locked && !only_texts_changed(survey, &next) {
        return Err(EditError::Locked);
    }
    validate(&next).map_err(EditError::Invalid)?;
    Ok(next)
}

/// The structural edit a form of the editor asks for: its `op` field, the
/// `target` section or question, `up` for moves and the question `kind` to add.
pub fn op_from_form(op: &str, target: &str, up: bool, kind: &str) -> Option<Op> {
    let target = target.to_string();
    match op {
        "add_section" => Some(Op::AddSection),
        "move_section" => Some(Op::MoveSection { id: target, up }),
        "delete_section" => Some(Op::DeleteSection { id: target }),
        "add_question" => KindTag::parse(kind).map(|kind| Op::AddQuestion {
            section: target,
            kind,
        }),
        "move_question" => Some(Op::MoveQuestion { id: target, up }),
        "delete_question" => Some(Op::DeleteQuestion { id: target }),
        _ => None,
    }
}

pub fn run(survey: &mut Survey, op: &Op) -> Result<(), EditError> {
    match op {
        Op::AddSection => {
            let id = survey.fresh_id("s");
            survey.sections.push(Section {
                id,
                ..Default::default()
            });
        }
        Op::MoveSection { id, up } => {
            let i = survey
                .sections
                .iter()
                .position(|s| &s.id == id)
                .ok_or(EditError::NotFound)?;
            swap(&mut survey.sections, i, *up);
        }
        Op::DeleteSection { id } => {
            let before = survey.sections.len();
            survey.sections.retain(|s| &s.id != id);
            if survey.sections.len() == before {
                return Err(EditError::NotFound);
            }
        }
        Op::AddQuestion { section, kind } => {
            let id = survey.fresh_id("q");
            let s = survey.section_mut(section).ok_or(EditError::NotFound)?;
            s.questions.push(Question {
                id,
                prompt: Text::default(),
                help: Text::default(),
                required: false,
                kind: kind.default_kind(),
                condition: None,
                terms: vec![],
            });
        }
        Op::MoveQuestion { id, up } => {
            let s = survey
                .sections
                .iter_mut()
                .find(|s| s.questions.iter().any(|q| &q.id == id))
                .ok_or(EditError::NotFound)?;
            let i = s
                .questions
                .iter()
                .position(|q| &q.id == id)
                .expect("found above");
            swap(&mut s.questions, i, *up);
        }
        Op::DeleteQuestion { id } => {
            let s = survey
                .sections
                .iter_mut()
                .find(|s| s.questions.iter().any(|q| &q.id == id))
                .ok_or(EditError::NotFound)?;
            s.questions.retain(|q| &q.id != id);
        }
    }
    Ok(())
}

fn swap<T>(v: &mut [T], i: usize, up: bool) {
    if up && i > 0 {
        v.swap(i, i - 1);
    } else if !up && i + 1 < v.len() {
        v.swap(i, i + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::survey::templates;

    fn needs() -> Survey {
        templates::find("needs-assessment-19-41b").unwrap().survey()
    }

    #[test]
    fn add_move_delete() {
        let s = needs();
        let s = apply(&s, false, |s| run(s, &Op::AddSection)).unwrap();
        let new = s.sections.last().unwrap().id.clone();
        let s = apply(&s, false, |s| {
            run(
                s,
                &Op::AddQuestion {
                    section: new.clone(),
                    kind: KindTag::Ranking,
                },
            )
        })
        .unwrap();
        assert!(matches!(
            s.sections.last().unwrap().questions[0].kind,
            QuestionKind::Ranking { top: 2, .. }
        ));
        let s = apply(&s, false, |s| {
            run(
                s,
                &Op::MoveSection {
                    id: new.clone(),
                    up: true,
                },
            )
        })
        .unwrap();
        assert_eq!(s.sections[s.sections.len() - 2].id, new);
        let needs_at = s.sections.iter().position(|x| x.id == "needs").unwrap();
        let first = s.sections[needs_at].questions[0].id.clone();
        let s = apply(&s, false, |s| {
            run(
                s,
                &Op::MoveQuestion {
                    id: first.clone(),
                    up: false,
                },
            )
        })
        .unwrap();
        assert_eq!(s.sections[needs_at].questions[1].id, first);
        let s = apply(&s, false, |s| {
            run(s, &Op::DeleteSection { id: new.clone() })
        })
        .unwrap();
        assert!(s.sections.iter().all(|x| x.id != new));
    }

    #[test]
    fn an_edit_that_breaks_a_condition_is_refused_whole() {
        let mut s = needs();
        s.question_mut("support_kinds").unwrap().condition = Some(Condition {
            question: "authority".into(),
            any_of: vec!["management".into()],
        });
        let err = apply(&s, false, |s| {
            run(
                s,
                &Op::DeleteQuestion {
                    id: "authority".into(),
                },
            )
        })
        .unwrap_err();
        assert!(
            matches!(err, EditError::Invalid(ref p) if p.iter().any(|p| p.message_id == "survey-error-condition-backwards"))
        );
    }

    #[test]
    fn a_locked_survey_takes_text_corrections_only() {
        let s = needs();
        assert_eq!(
            apply(&s, true, |s| run(s, &Op::AddSection)),
            Err(EditError::Locked)
        );
        let fixed = apply(&s, true, |s| {
            s.title.es = "Evaluación corregida".into();
            Ok(())
        })
        .unwrap();
        assert_eq!(fixed.title.es, "Evaluación corregida");
    }

    #[test]
    fn unknown_targets_are_not_found() {
        let s = needs();
        assert_eq!(
            apply(&s, false, |s| run(
                s,
                &Op::DeleteQuestion { id: "nope".into() }
            )),
            Err(EditError::NotFound)
        );
        assert_eq!(
            apply(&s, false, |s| run(
                s,
                &Op::AddQuestion {
                    section: "nope".into(),
                    kind: KindTag::Number
                }
            )),
            Err(EditError::NotFound)
        );
    }
}
