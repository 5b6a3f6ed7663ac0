//! Reading the question editor's form into a [`Question`]: texts in three
//! languages, settings by type, answer-choice lines (edit, delete, move up,
//! add), the display condition and glossary terms. Plain Rust: the page
//! hands it two lookups, `get` (first value of a field, `""` when absent)
//! and `all` (every value of a field).

use super::model::*;
use crate::domain::validation::FieldErrors;

/// The question as the form describes it, from the one it replaces.
pub fn question_from_form(
    old: &Question,
    get: impl Fn(&str) -> String,
    all: impl Fn(&str) -> Vec<String>,
) -> Result<Question, FieldErrors> {
    let mut errors = FieldErrors::default();
    let text = |name: &str| Text {
        en: get(&format!("{name}_en")).trim().to_string(),
        fr: get(&format!("{name}_fr")).trim().to_string(),
        es: get(&format!("{name}_es")).trim().to_string(),
    };
    let mut num = |name: &str, integer: bool| -> Option<f64> {
        let v = get(name);
        let v = v.trim();
        if v.is_empty() {
            return None;
        }
        match v.parse::<f64>() {
            Ok(n) if n.is_finite() && (!integer || n.fract() == 0.0) => Some(n),
            _ => {
                errors.push(
                    name,
                    if integer {
                        "editor-error-whole-number"
                    } else {
                        "editor-error-number"
                    },
                );
                None
            }
        }
    };
    let choices = |list: &str, old: &[Choice]| -> Vec<Choice> {
        let mut rows: Vec<Option<Choice>> = (0..old.len() + 1)
            .map(|i| {
                let id = get(&format!("{list}.{i}.id"));
                if id.is_empty() || get(&format!("{list}.{i}.delete")) == "1" {
                    return None;
                }
                let label = Text {
                    en: get(&format!("{list}.{i}.en")).trim().to_string(),
                    fr: get(&format!("{list}.{i}.fr")).trim().to_string(),
                    es: get(&format!("{list}.{i}.es")).trim().to_string(),
                };
                Some(Choice { id, label })
            })
            .collect();
        // "Move up" on line i swaps it with the line above.
        if let Some(i) = get("move")
            .strip_prefix(&format!("{list}."))
            .and_then(|i| i.parse::<usize>().ok())
            .filter(|i| (1..rows.len()).contains(i))
        {
            rows.swap(i, i - 1);
        }
        let mut out: Vec<Choice> = rows.into_iter().flatten().collect();
        if get("add") == list {
            let id = (1..)
                .map(|n| format!("c{n}"))
                .find(|id| out.iter().all(|c| &c.id != id))
                .expect("unbounded");
            out.push(Choice {
                id,
                label: Text::default(),
            });
        }
        out
    };
    let kind = match &old.kind {
        QuestionKind::SingleChoice { options, .. } => QuestionKind::SingleChoice {
            options: choices("options", options),
            other: get("other") == "1",
        },
        QuestionKind::MultipleChoice { options, .. } => QuestionKind::MultipleChoice {
            options: choices("options", options),
            max: num("max", true).map(|m| m.max(0.0) as u32),
        },
        QuestionKind::Scale { points } => QuestionKind::Scale {
            points: choices("points", points),
        },
        QuestionKind::Matrix { rows, columns } => QuestionKind::Matrix {
            rows: choices("rows", rows),
            columns: choices("columns", columns),
        },
        QuestionKind::Ranking { options, top } => QuestionKind::Ranking {
            options: choices("options", options),
            top: num("top", true).map(|m| m.max(0.0) as u32).unwrap_or(*top),
        },
        QuestionKind::ShortText { max_length } => QuestionKind::ShortText {
            max_length: num("max_length", true)
                .map(|m| m.max(0.0) as u32)
                .unwrap_or(*max_length),
        },
        QuestionKind::LongText { max_length } => QuestionKind::LongText {
            max_length: num("max_length", true)
                .map(|m| m.max(0.0) as u32)
                .unwrap_or(*max_length),
        },
        QuestionKind::Number { .. } => {
            let integer = get("integer") == "1";
            QuestionKind::Number {
                integer,
                min: num("min", integer),
                max: num("max_value", integer),
            }
        }
    };
    let cond_question = get("cond_question");
    let condition = (!cond_question.is_empty()).then(|| Condition {
        any_of: all("cond_any")
            .into_iter()
            .filter_map(|v| {
                v.split_once(':')
                    .filter(|(q, _)| *q == cond_question)
                    .map(|(_, c)| c.to_string())
            })
            .collect(),
        question: cond_question.clone(),
    });
    errors.into_result()?;
    Ok(Question {
        id: old.id.clone(),
        prompt: text("prompt"),
        help: text("help"),
        required: get("required") == "1",
        kind,
        condition,
        terms: all("terms"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn read(old: &Question, pairs: &[(&str, &str)]) -> Result<Question, FieldErrors> {
        let mut m: HashMap<String, Vec<String>> = HashMap::new();
        for (k, v) in pairs {
            m.entry(k.to_string()).or_default().push(v.to_string());
        }
        question_from_form(
            old,
            |n| {
                m.get(n)
                    .and_then(|v| v.first())
                    .cloned()
                    .unwrap_or_default()
            },
            |n| m.get(n).cloned().unwrap_or_default(),
        )
    }

    fn single(options: &[&str]) -> Question {
        Question {
            id: "q1".into(),
            prompt: Text::default(),
            help: Text::default(),
            required: false,
            kind: QuestionKind::SingleChoice {
                options: options
                    .iter()
                    .map(|id| Choice {
                        id: id.to_string(),
                        label: Text::default(),
                    })
                    .collect(),
                other: false,
            },
            condition: None,
            terms: vec![],
        }
    }

    fn option_ids(q: &Question) -> Vec<String> {
        q.kind.choice_lists()[0]
            .1
            .iter()
            .map(|c| c.id.clone())
            .collect()
    }

    #[test]
    fn texts_settings_and_terms() {
        let q = read(
            &single(&[]),
            &[
                ("prompt_en", " Why? "),
                ("prompt_fr", "Pourquoi ?"),
                ("prompt_es", "¿Por qué?"),
                ("required", "1"),
                ("other", "1"),
                ("terms", "capacity-building"),
                ("terms", "management-authority"),
            ],
        )
        .unwrap();
        assert_eq!(q.prompt.en, "Why?");
        assert!(q.required);
        assert!(matches!(
            q.kind,
            QuestionKind::SingleChoice { other: true, .. }
        ));
        assert_eq!(q.terms, ["capacity-building", "management-authority"]);
        assert_eq!(q.id, "q1", "the id never comes from the form");
    }

    #[test]
    fn choice_lines_edit_delete_move_and_add() {
        let old = single(&["a", "b", "c"]);
        let base = [
            ("options.0.id", "a"),
            ("options.0.en", "A"),
            ("options.1.id", "b"),
            ("options.2.id", "c"),
        ];
        let q = read(&old, &base).unwrap();
        assert_eq!(option_ids(&q), ["a", "b", "c"]);
        let mut f = base.to_vec();
        f.push(("options.1.delete", "1"));
        assert_eq!(option_ids(&read(&old, &f).unwrap()), ["a", "c"]);
        let mut f = base.to_vec();
        f.push(("move", "options.2"));
        assert_eq!(option_ids(&read(&old, &f).unwrap()), ["a", "c", "b"]);
        let mut f = base.to_vec();
        f.push(("move", "options.0"));
        assert_eq!(
            option_ids(&read(&old, &f).unwrap()),
            ["a", "b", "c"],
            "the first line cannot move up"
        );
        let mut f = base.to_vec();
        f.push(("add", "options"));
        assert_eq!(option_ids(&read(&old, &f).unwrap()), ["a", "b", "c", "c1"]);
    }

    #[test]
    fn numbers_are_checked_and_conditions_filtered() {
        let mut old = single(&[]);
        old.kind = QuestionKind::Number {
            integer: true,
            min: None,
            max: None,
        };
        let err = read(
            &old,
            &[("integer", "1"), ("min", "1.5"), ("max_value", "x")],
        )
        .unwrap_err();
        assert!(err.for_field("min").is_some() && err.for_field("max_value").is_some());
        let q = read(&old, &[("min", "1.5"), ("max_value", "")]).unwrap();
        assert!(
            matches!(q.kind, QuestionKind::Number { integer: false, min: Some(m), max: None } if m == 1.5)
        );
        let q = read(
            &single(&[]),
            &[
                ("cond_question", "q0"),
                ("cond_any", "q0:yes"),
                ("cond_any", "q9:no"),
            ],
        )
        .unwrap();
        let c = q.condition.unwrap();
        assert_eq!(
            (c.question.as_str(), c.any_of),
            ("q0", vec!["yes".to_string()])
        );
    }
}
