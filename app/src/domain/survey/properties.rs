//! Property-based tests of the survey model's rules.

use super::answers::{Scope, check, check_answer, read};
use super::document::{export, import};
use super::locking::only_texts_changed;
use super::model::*;
use super::translation::{completeness, missing};
use super::validate::validate;
use proptest::prelude::*;

fn text() -> impl Strategy<Value = Text> {
    ("[A-Za-zéñ ]{0,8}", "[A-Za-zéñ ]{0,8}", "[A-Za-zéñ ]{0,8}").prop_map(|(en, fr, es)| Text {
        en,
        fr,
        es,
    })
}

fn full_text() -> impl Strategy<Value = Text> {
    ("[A-Za-z]{1,8}", "[A-Za-z]{1,8}", "[A-Za-z]{1,8}").prop_map(|(en, fr, es)| Text { en, fr, es })
}

fn choices(min: usize, max: usize) -> impl Strategy<Value = Vec<Choice>> {
    prop::collection::vec(full_text(), min..=max).prop_map(|labels| {
        labels
            .into_iter()
            .enumerate()
            .map(|(i, label)| Choice {
                id: format!("c{i}"),
                label,
            })
            .collect()
    })
}

fn kind() -> impl Strategy<Value = QuestionKind> {
    prop_oneof![
        (choices(2, 6), any::<bool>())
            .prop_map(|(options, other)| QuestionKind::SingleChoice { options, other }),
        choices(2, 6).prop_flat_map(|options| {
            let n = options.len() as u32;
            (Just(options), prop::option::of(1..=n))
                .prop_map(|(options, max)| QuestionKind::MultipleChoice { options, max })
        }),
        choices(2, 11).prop_map(|points| QuestionKind::Scale { points }),
        (choices(1, 5), choices(2, 5))
            .prop_map(|(rows, columns)| QuestionKind::Matrix { rows, columns }),
        choices(2, 6).prop_flat_map(|options| {
            let n = options.len() as u32;
            (Just(options), 1..=n).prop_map(|(options, top)| QuestionKind::Ranking { options, top })
        }),
        (1u32..=500).prop_map(|max_length| QuestionKind::ShortText { max_length }),
        (1u32..=20_000).prop_map(|max_length| QuestionKind::LongText { max_length }),
        (any::<bool>(), -1000i32..1000, 0i32..1000).prop_map(|(integer, lo, span)| {
            QuestionKind::Number {
                integer,
                min: Some(lo as f64),
                max: Some((lo + span) as f64),
            }
        }),
    ]
}

/// A valid survey: unique ids, and conditions that point only backwards to
/// choice questions, with answers that exist. (Also used by `crate::fuzz`.)
pub(crate) fn survey() -> impl Strategy<Value = Survey> {
    let question = (
        full_text(),
        text(),
        any::<bool>(),
        kind(),
        any::<prop::sample::Index>(),
        any::<bool>(),
    );
    prop::collection::vec(prop::collection::vec(question, 1..5), 1..4).prop_map(|sections| {
        let mut earlier: Vec<(String, Vec<String>)> = Vec::new();
        let mut n = 0;
        let sections = sections
            .into_iter()
            .enumerate()
            .map(|(si, qs)| Section {
                id: format!("s{si}"),
                title: Text::new("S", "S", "S"),
                introduction: Text::default(),
                questions: qs
                    .into_iter()
                    .map(|(prompt, help, required, kind, pick, conditional)| {
                        n += 1;
                        let id = format!("q{n}");
                        let condition = (conditional && !earlier.is_empty()).then(|| {
                            let (target, answers) = pick.get(&earlier).clone();
                            Condition {
                                question: target,
                                any_of: vec![answers[0].clone()],
                            }
                        });
                        if kind.is_conditionable() {
                            let ids = kind
                                .choice_lists()
                                .into_iter()
                                .flat_map(|(_, l)| l.iter().map(|c| c.id.clone()))
                                .collect();
                            earlier.push((id.clone(), ids));
                        }
                        Question {
                            id,
                            prompt,
                            help,
                            required,
                            kind,
                            condition,
                            terms: vec![],
                        }
                    })
                    .collect(),
            })
            .collect();
        Survey {
            title: Text::new("T", "T", "T"),
            introduction: Text::default(),
            closing: Text::default(),
            decision: Decision::D19_41b,
            sections,
            ..Default::default()
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn generated_surveys_are_valid_and_round_trip(s in survey()) {
        prop_assert_eq!(validate(&s), Ok(()));
        prop_assert_eq!(import(&export(&s)).unwrap(), s);
    }

    #[test]
    fn a_condition_pointing_forward_is_always_refused(s in survey()) {
        let ids: Vec<String> = s.questions().map(|q| q.id.clone()).collect();
        prop_assume!(ids.len() >= 2);
        let mut s = s;
        let first = ids[0].clone();
        let last = ids.last().unwrap().clone();
        s.question_mut(&first).unwrap().condition = Some(Condition { question: last, any_of: vec!["c0".into()] });
        let problems = validate(&s).unwrap_err();
        prop_assert!(problems.iter().any(|p| p.message_id == "survey-error-condition-backwards"));
    }

    #[test]
    fn a_repeated_question_id_is_always_refused(s in survey(), pick in any::<prop::sample::Index>()) {
        let ids: Vec<String> = s.questions().map(|q| q.id.clone()).collect();
        prop_assume!(ids.len() >= 2);
        let mut s = s;
        let target = pick.get(&ids[1..]).clone();
        s.question_mut(&target).unwrap().id = ids[0].clone();
        prop_assert!(validate(&s).is_err());
    }

    #[test]
    fn editing_texts_keeps_the_structure_and_removing_a_choice_does_not(s in survey(), t in full_text()) {
        let mut edited = s.clone();
        edited.title = t.clone();
        for q in edited.sections.iter_mut().flat_map(|s| s.questions.iter_mut()) {
            q.prompt = t.clone();
        }
        prop_assert!(only_texts_changed(&s, &edited));
        let mut removed = s.clone();
        let had_choices = removed
            .sections
            .iter_mut()
            .flat_map(|s| s.questions.iter_mut())
            .find_map(|q| q.kind.choice_lists_mut().into_iter().next().map(|(_, l)| l.pop()))
            .is_some();
        if had_choices {
            prop_assert!(!only_texts_changed(&s, &removed));
        }
    }

    #[test]
    fn nothing_missing_exactly_when_every_language_is_complete(s in survey()) {
        let complete = completeness(&s).iter().all(|(_, done, total)| done == total);
        prop_assert_eq!(missing(&s).is_empty(), complete);
    }

    #[test]
    fn reading_any_form_never_panics_and_keeps_to_the_section(
        s in survey(),
        fields in prop::collection::vec(("q\\.[a-z0-9]{1,3}(\\.[a-z0-9_]{0,4})?", "[a-z0-9_ ,.-]{0,6}"), 0..12),
    ) {
        for section in &s.sections {
            if let Ok(a) = read(section, &fields) {
                for id in a.keys() {
                    prop_assert!(section.questions.iter().any(|q| q.id == *id));
                }
                let _ = check(&s, &a, Scope::Section(section));
                let _ = check(&s, &a, Scope::Submit);
            }
        }
    }

    #[test]
    fn the_first_option_of_every_question_reads_back_as_given(s in survey()) {
        for section in &s.sections {
            let mut fields = Vec::new();
            for q in &section.questions {
                match &q.kind {
                    QuestionKind::SingleChoice { options, .. } | QuestionKind::MultipleChoice { options, .. } => {
                        fields.push((format!("q.{}", q.id), options[0].id.clone()));
                    }
                    QuestionKind::Scale { points } => fields.push((format!("q.{}", q.id), points[0].id.clone())),
                    QuestionKind::Matrix { rows, columns } => {
                        for r in rows {
                            fields.push((format!("q.{}.{}", q.id, r.id), columns[0].id.clone()));
                        }
                    }
                    QuestionKind::Ranking { options, .. } => fields.push((format!("q.{}.1", q.id), options[0].id.clone())),
                    _ => fields.push((format!("q.{}", q.id), "7".into())),
                }
            }
            let a = read(section, &fields).expect("a page's own fields read");
            prop_assert_eq!(a.len(), section.questions.len());
            for q in &section.questions {
                prop_assert!(check_answer(q, &a[&q.id]).is_none_or(|e| e == "response-error-range" || e == "response-error-integer" || e == "response-error-too-long"));
            }
        }
    }
}
