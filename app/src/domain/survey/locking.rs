//! Safe edits: once a consultation has any response or draft, its structure is
//! locked. Texts may still be corrected; nothing else may change.

use super::model::*;

/// The survey with every text blanked: what must stay equal once answers exist.
fn skeleton(s: &Survey) -> Survey {
    let mut s = s.clone();
    // Who answers is structure (it decides whose draft is whose), whether
    // it is set or follows the Decision; allowing changes is not.
    s.respondents = Some(s.respondents());
    s.allow_changes = false;
    let blank = |t: &mut Text| *t = Text::default();
    blank(&mut s.title);
    blank(&mut s.introduction);
    blank(&mut s.closing);
    for sec in &mut s.sections {
        blank(&mut sec.title);
        blank(&mut sec.introduction);
        for q in &mut sec.questions {
            blank(&mut q.prompt);
            blank(&mut q.help);
            for (_, list) in q.kind.choice_lists_mut() {
                for c in list {
                    blank(&mut c.label);
                }
            }
        }
    }
    s
}

/// Whether `new` differs from `old` only in its texts (and its Decision).
pub fn only_texts_changed(old: &Survey, new: &Survey) -> bool {
    let (mut a, mut b) = (skeleton(old), skeleton(new));
    a.decision = Decision::Other;
    b.decision = Decision::Other;
    a == b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s() -> Survey {
        Survey {
            title: Text::new("T", "T", "T"),
            sections: vec![Section {
                id: "s".into(),
                title: Text::new("S", "S", "S"),
                introduction: Text::default(),
                questions: vec![Question {
                    id: "q".into(),
                    prompt: Text::new("P", "P", "P"),
                    help: Text::default(),
                    required: true,
                    kind: QuestionKind::SingleChoice {
                        options: vec![
                            Choice {
                                id: "a".into(),
                                label: Text::new("A", "A", "A"),
                            },
                            Choice {
                                id: "b".into(),
                                label: Text::new("B", "B", "B"),
                            },
                        ],
                        other: false,
                    },
                    condition: None,
                    terms: vec![],
                }],
            }],
            ..Default::default()
        }
    }

    #[test]
    fn texts_may_change() {
        let mut n = s();
        n.title.fr = "Titre corrigé".into();
        n.sections[0].questions[0].prompt.es = "¿Pregunta?".into();
        if let QuestionKind::SingleChoice { options, .. } = &mut n.sections[0].questions[0].kind {
            options[1].label.en = "Bee".into();
        }
        assert!(only_texts_changed(&s(), &n));
    }

    #[test]
    fn structure_may_not() {
        let mut removed = s();
        if let QuestionKind::SingleChoice { options, .. } =
            &mut removed.sections[0].questions[0].kind
        {
            options.pop();
        }
        let mut retyped = s();
        retyped.sections[0].questions[0].kind = QuestionKind::ShortText { max_length: 10 };
        let mut required = s();
        required.sections[0].questions[0].required = false;
        let mut gone = s();
        gone.sections[0].questions.clear();
        for n in [removed, retyped, required, gone] {
            assert!(!only_texts_changed(&s(), &n));
        }
    }
}
