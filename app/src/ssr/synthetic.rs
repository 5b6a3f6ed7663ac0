//! Synthetic answers for the demo consultation and the benchmarks: valid
//! answers to every question of a survey (display conditions applied), with
//! a lean that depends on the group so summaries differ between regions,
//! and free text written in English, French or Spanish.

use crate::domain::response::Support;
use crate::domain::survey::answers::{self, Answer, Answers};
use crate::domain::survey::{QuestionKind, Survey};
use rand::Rng;
use rand::seq::SliceRandom;
use std::collections::BTreeMap;

const TEXTS: [&str; 9] = [
    "We need training for customs and border officers on species identification.",
    "Guidance on non-detriment findings for timber species would help our Scientific Authority.",
    "Our permit system is still on paper; an electronic system would reduce delays.",
    "Nous avons besoin de formations sur l'identification des espèces pour les agents des douanes.",
    "Un appui pour les avis de commerce non préjudiciable concernant les requins serait utile.",
    "Le système de permis doit être modernisé et relié aux services douaniers.",
    "Necesitamos capacitación sobre la identificación de especies para los funcionarios de aduanas.",
    "Sería útil contar con orientación sobre los dictámenes de extracción no perjudicial.",
    "El sistema de permisos electrónicos requiere financiación y apoyo técnico.",
];

/// How far a group leans towards the high end of scales (0.0–1.0).
pub fn lean(region_index: usize, support: Support) -> f64 {
    let base = [0.3, 0.45, 0.4, 0.7, 0.35, 0.75][region_index % 6];
    match support {
        Support::Provides => (base + 0.15f64).min(0.95),
        Support::Both => base + 0.05,
        Support::Receives => (base - 0.1f64).max(0.05),
        Support::Neither => base,
    }
}

/// An index in `0..n`, leaning high with probability `lean`.
fn leaning(rng: &mut impl Rng, n: usize, lean: f64) -> usize {
    if n == 0 {
        return 0;
    }
    let x: f64 = rng.random::<f64>() * 0.6 + lean * 0.8 - 0.2;
    ((x.clamp(0.0, 0.999)) * n as f64) as usize
}

/// Valid answers to every question of `survey` that applies, for a
/// respondent of `support` leaning `lean`.
pub fn answers(survey: &Survey, support: Support, lean: f64, rng: &mut impl Rng) -> Answers {
    let mut a = Answers::new();
    for q in survey.questions() {
        // Some optional questions are left unanswered.
        if !q.required && rng.random_bool(0.15) {
            continue;
        }
        let answer = match &q.kind {
            QuestionKind::SingleChoice { options, other } => {
                if *other && rng.random_bool(0.1) {
                    Answer::Other(TEXTS[rng.random_range(0..TEXTS.len())].into())
                } else {
                    Answer::Choice(options[rng.random_range(0..options.len())].id.clone())
                }
            }
            QuestionKind::MultipleChoice { options, max } => {
                let limit = max.map_or(options.len(), |m| m as usize).min(options.len());
                let n = rng.random_range(1..=limit.max(1));
                let mut ids: Vec<&str> = options.iter().map(|o| o.id.as_str()).collect();
                ids.shuffle(rng);
                let chosen: Vec<&str> = ids.into_iter().take(n).collect();
                Answer::Choices(
                    options
                        .iter()
                        .filter(|o| chosen.contains(&o.id.as_str()))
                        .map(|o| o.id.clone())
                        .collect(),
                )
            }
            QuestionKind::Scale { points } => {
                Answer::Choice(points[leaning(rng, points.len(), lean)].id.clone())
            }
            QuestionKind::Matrix { rows, columns } => {
                let mut m = BTreeMap::new();
                for (i, r) in rows.iter().enumerate() {
                    // Areas differ: some are stronger everywhere.
                    let l = (lean + (i % 3) as f64 * 0.1 - 0.1).clamp(0.0, 1.0);
                    m.insert(
                        r.id.clone(),
                        columns[leaning(rng, columns.len(), l)].id.clone(),
                    );
                }
                Answer::Matrix(m)
            }
            QuestionKind::Ranking { options, top } => {
                let mut ids: Vec<String> = options.iter().map(|o| o.id.clone()).collect();
                // A shared favourite first, more often than not.
                ids.shuffle(rng);
                if rng.random_bool(0.5)
                    && let Some(i) = ids.iter().position(|x| *x == options[0].id)
                {
                    ids.swap(0, i);
                }
                ids.truncate((*top as usize).min(options.len()));
                Answer::Ranking(ids)
            }
            QuestionKind::ShortText { max_length } | QuestionKind::LongText { max_length } => {
                let t = TEXTS[rng.random_range(0..TEXTS.len())];
                Answer::Text(t.chars().take(*max_length as usize).collect())
            }
            QuestionKind::Number { integer, min, max } => {
                let lo = min.unwrap_or(0.0);
                let hi = max.unwrap_or(lo + 100.0).max(lo);
                let v = lo + (hi - lo) * rng.random::<f64>() * (0.5 + lean / 2.0);
                Answer::Number(if *integer {
                    format!("{}", v.round())
                } else {
                    format!("{v:.1}")
                })
            }
        };
        a.insert(q.id.clone(), answer);
    }
    let with = answers::with_profile(&a, Some(support));
    answers::applicable(survey, &with)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::survey::templates;
    use rand::SeedableRng;

    #[test]
    fn synthetic_answers_pass_the_submission_check() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        for t in templates::ALL {
            let s = t.survey();
            for support in Support::ALL {
                for _ in 0..20 {
                    let a = answers(&s, support, lean(0, support), &mut rng);
                    let with = answers::with_profile(&a, Some(support));
                    let problems = answers::check(&s, &with, answers::Scope::Submit);
                    assert!(problems.is_empty(), "{}: {problems:?}", t.key);
                }
            }
        }
    }
}
