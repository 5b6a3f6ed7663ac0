//! Rounds: a consultation run again as the next round of an earlier one,
//! and the comparison of two rounds' published results.
//!
//! - **Question identity.** The next round is a copy of the earlier one's
//!   questions with their ids: a question of both rounds with the same id
//!   and the same type is *carried over* (its texts may have been
//!   corrected); one only in the later round is *new*, one only in the
//!   earlier round is *dropped* ([`identities`]).
//! - **Groups, never responses.** A comparison is made of the two rounds'
//!   published summaries (frozen at each close), group by group: a Party's
//!   answers in one round are never linked to its answers in the other —
//!   nothing stored could link them, and nothing here tries.
//! - **Disclosure control.** A change is published for a figure only where
//!   the figure is published in both rounds ([`compare`]). Each round's
//!   figures were protected at its close by the interval audit
//!   ([`disclosure::audit_linked`]); [`audit_rounds`] runs the same audit
//!   over both rounds' published figures together with every published
//!   change (`current − previous`, one more equation linking the two
//!   rounds' tables) and [`protect_changes`] withholds every change the
//!   audit objects to, as suppression does within a round. A change
//!   between two published figures is implied by them, so it adds no
//!   equation the published figures did not already give: the two rounds'
//!   systems stay apart, and a withheld figure of either round keeps the
//!   interval its own round's audit gave it. A change with a withheld side
//!   would give that figure away (its value, or its difference with another
//!   withheld figure): it is never published.

use super::disclosure::{self, Figure, Leak, Pattern, Table, Threshold};
use super::summary::{Cell, Figures, Group, Summary};
use super::survey::{QuestionKind, Survey};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::mem::discriminant;

/// How a question of a round relates to the previous round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Identity {
    /// In both rounds, with the same id and type: compared.
    Carried,
    /// Only in this round.
    New,
    /// Only in the previous round.
    Dropped,
}

impl Identity {
    /// The fluent message naming it.
    pub fn message_id(self) -> &'static str {
        match self {
            Identity::Carried => "rounds-identity-carried",
            Identity::New => "rounds-identity-new",
            Identity::Dropped => "rounds-identity-dropped",
        }
    }
}

/// Each question's identity: those of `current` in its order (carried over
/// or new), then those of `previous` that `current` no longer has (dropped).
/// A question whose type changed under the same id is new, and the earlier
/// one dropped: their figures do not compare.
pub fn identities(previous: &Survey, current: &Survey) -> Vec<(String, Identity)> {
    let carried = |id: &str, kind: &QuestionKind| {
        previous
            .question(id)
            .is_some_and(|p| discriminant(&p.kind) == discriminant(kind))
    };
    let mut out: Vec<(String, Identity)> = current
        .questions()
        .map(|q| {
            let identity = if carried(&q.id, &q.kind) {
                Identity::Carried
            } else {
                Identity::New
            };
            (q.id.clone(), identity)
        })
        .collect();
    out.extend(
        previous
            .questions()
            .filter(|p| {
                !current
                    .question(&p.id)
                    .is_some_and(|q| discriminant(&p.kind) == discriminant(&q.kind))
            })
            .map(|p| (p.id.clone(), Identity::Dropped)),
    );
    out
}

/// What a published figure of a group's cell is, so that the same figure of
/// two rounds can be matched.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Key {
    /// Those of the group who answered the question.
    Answered,
    /// Those who chose an option (or scale point).
    Count(String),
    /// Their share of the group, in percent (a change is in points).
    Percent(String),
    /// A scale's or a number's mean.
    Mean,
    /// A scale's median.
    Median,
    /// A number bin's count, by its edges (`"low..high"`): compared only
    /// when both rounds drew the same bin.
    Bin(String),
    /// Those who rated a matrix row.
    RowN(String),
    /// A matrix row's mean rating.
    RowMean(String),
    /// Those who ranked an item.
    RankN(String),
    /// Those who ranked it first.
    RankFirst(String),
    /// Its mean rank.
    MeanRank(String),
}

/// The figures a cell publishes, by key (none when the group is withheld;
/// a withheld matrix row or ranked item has none of its own).
pub fn published(cell: &Cell) -> BTreeMap<Key, f64> {
    let mut out = BTreeMap::new();
    let (Some(n), Some(figures)) = (cell.n, &cell.figures) else {
        return out;
    };
    out.insert(Key::Answered, n as f64);
    match figures {
        Figures::Choices { shares } => {
            for s in shares {
                out.insert(Key::Count(s.id.clone()), s.count as f64);
                out.insert(Key::Percent(s.id.clone()), s.percent);
            }
        }
        Figures::Scale {
            shares,
            mean,
            median,
        } => {
            for s in shares {
                out.insert(Key::Count(s.id.clone()), s.count as f64);
                out.insert(Key::Percent(s.id.clone()), s.percent);
            }
            out.insert(Key::Mean, *mean);
            out.insert(Key::Median, *median);
        }
        Figures::Number { mean, bins } => {
            out.insert(Key::Mean, *mean);
            for b in bins {
                out.insert(Key::Bin(format!("{}..{}", b.low, b.high)), b.count as f64);
            }
        }
        Figures::Matrix { rows } => {
            for r in rows {
                if let Some(f) = &r.figures {
                    out.insert(Key::RowN(r.id.clone()), f.n as f64);
                    if let Some(mean) = f.mean {
                        out.insert(Key::RowMean(r.id.clone()), mean);
                    }
                }
            }
        }
        Figures::Ranking { items } => {
            for i in items {
                if let Some(f) = &i.figures {
                    out.insert(Key::RankN(i.id.clone()), f.n as f64);
                    out.insert(Key::RankFirst(i.id.clone()), f.first as f64);
                    if f.n > 0 {
                        out.insert(Key::MeanRank(i.id.clone()), f.mean_rank);
                    }
                }
            }
        }
        Figures::Text => {}
    }
    out
}

/// One figure of a group in both rounds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub previous: f64,
    pub current: f64,
}

impl Change {
    /// `current − previous`.
    pub fn change(&self) -> f64 {
        self.current - self.previous
    }
}

/// A group's cell of a carried-over question in both rounds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CellChanges {
    pub group: Group,
    /// Each figure published in both rounds; empty when the group is
    /// withheld in either round.
    pub figures: BTreeMap<Key, Change>,
}

impl CellChanges {
    /// Whether the group is shown in both rounds (else nothing is compared).
    pub fn compared(&self) -> bool {
        self.figures.contains_key(&Key::Answered)
    }
}

/// A question of either round and, if carried over, its changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionChanges {
    pub question: String,
    pub identity: Identity,
    /// Per group of the current round's summary (empty unless carried over).
    pub cells: Vec<CellChanges>,
}

/// Two rounds' summaries by one grouping, compared group by group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Responses per group in both rounds (`None`: the group is withheld in
    /// either round).
    pub responses: Vec<(Group, Option<Change>)>,
    pub questions: Vec<QuestionChanges>,
}

impl Comparison {
    /// The changes of `question` (carried over) for `group`.
    pub fn cell(&self, question: &str, group: &Group) -> Option<&CellChanges> {
        self.questions
            .iter()
            .find(|q| q.question == question)?
            .cells
            .iter()
            .find(|c| c.group == *group)
    }
}

/// `current` (a round's summary, as the viewer may see it) compared with
/// `previous` (the previous round's by the same grouping, as the same viewer
/// may see it): for each group of `current` and each figure published in
/// both rounds, the previous figure and the current one. Only groups shown
/// in both rounds are compared, and only questions carried over
/// ([`identities`]).
pub fn compare(
    previous_survey: &Survey,
    previous: &Summary,
    current_survey: &Survey,
    current: &Summary,
) -> Comparison {
    let both = |a: Option<u64>, b: Option<u64>| {
        Some(Change {
            previous: a? as f64,
            current: b? as f64,
        })
    };
    let responses = current
        .responses
        .iter()
        .map(|(g, n)| {
            let before = previous
                .responses
                .iter()
                .find(|(pg, _)| pg == g)
                .and_then(|(_, n)| *n);
            (*g, both(before, *n))
        })
        .collect();
    let questions = identities(previous_survey, current_survey)
        .into_iter()
        .map(|(question, identity)| {
            let cells = if identity == Identity::Carried {
                let before = previous.questions.iter().find(|q| q.question == question);
                let now = current.questions.iter().find(|q| q.question == question);
                match (before, now) {
                    (Some(before), Some(now)) => now
                        .cells
                        .iter()
                        .map(|c| {
                            let old = before
                                .cells
                                .iter()
                                .find(|p| p.group == c.group)
                                .map(published)
                                .unwrap_or_default();
                            let new = published(c);
                            CellChanges {
                                group: c.group,
                                figures: new
                                    .into_iter()
                                    .filter_map(|(k, current)| {
                                        let previous = *old.get(&k)?;
                                        Some((k, Change { previous, current }))
                                    })
                                    .collect(),
                            }
                        })
                        .collect(),
                    _ => vec![],
                }
            } else {
                vec![]
            };
            QuestionChanges {
                question,
                identity,
                cells,
            }
        })
        .collect();
    Comparison {
        responses,
        questions,
    }
}

/// One round's published tables, as audited within the round: the group
/// sizes, the measures (see [`disclosure::protect_linked`]) and the pattern
/// published.
#[derive(Debug, Clone, Copy)]
pub struct Round<'a> {
    pub sizes: &'a Table,
    pub measures: &'a [Table],
    pub pattern: &'a Pattern,
}

/// A published change: figure `figure` of table `table` (`0`: the sizes,
/// `i + 1`: `measures[i]`) of the current round minus the same figure of
/// the same table of the previous round (a carried-over question's tables
/// are matched by the caller).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Link {
    /// The table in the previous round and in the current one.
    pub tables: (usize, usize),
    pub figure: Figure,
}

/// A way the two rounds' published figures, with the published changes,
/// disclose something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoundLeak {
    /// Within one round (`0`: previous, `1`: current), as the round's own
    /// audit finds it.
    Within { round: usize, leak: Leak },
    /// A published change with a withheld side: with the published side it
    /// gives the withheld figure away, or links two withheld figures of the
    /// two rounds.
    Change(Link),
}

/// Every way the published figures of `previous` and `current` together
/// with the published changes `links` disclose something under `k`: the
/// interval audit of each round ([`disclosure::audit_linked`]) over the
/// system of both rounds' published sums and the changes.
///
/// A change whose two sides are published is the difference of two
/// published figures: it is implied by them and constrains no withheld
/// figure, so the two rounds' systems stay apart, and each withheld figure
/// has the same possible values as under its own round's sums (its lower
/// bound is its own round's). A change with a withheld side is one more
/// equation on a withheld figure: with the other side published it is that
/// figure's value; with both withheld it ties the two figures together,
/// which narrows each by the other's interval. Both are reported, so
/// [`protect_changes`] withholds them.
pub fn audit_rounds(
    previous: Round<'_>,
    current: Round<'_>,
    links: &[Link],
    k: Threshold,
) -> Vec<RoundLeak> {
    let mut leaks: Vec<RoundLeak> = [previous, current]
        .iter()
        .enumerate()
        .flat_map(|(round, r)| {
            disclosure::audit_linked(r.sizes, r.measures, r.pattern, k)
                .into_iter()
                .map(move |leak| RoundLeak::Within { round, leak })
        })
        .collect();
    leaks.extend(
        links
            .iter()
            .filter(|l| !(previous.pattern.shown(l.figure) && current.pattern.shown(l.figure)))
            .map(|l| RoundLeak::Change(*l)),
    );
    leaks
}

/// The changes of `links` that may be published: those [`audit_rounds`]
/// does not object to (a change is withheld wherever either side is).
pub fn protect_changes(previous: &Pattern, current: &Pattern, links: &[Link]) -> Vec<Link> {
    links
        .iter()
        .filter(|l| previous.shown(l.figure) && current.shown(l.figure))
        .copied()
        .collect()
}

/// The change links a comparison publishes, for two rounds whose measures
/// are `previous` and `current`, matched by `same` (previous index, current
/// index; [`disclosure`]'s table numbering, sizes `0`): every figure of
/// every matched table whose groups `shown_in_both` says are compared.
pub fn links_of(
    sizes: &Table,
    same: &[(usize, usize)],
    shown_in_both: impl Fn(Figure) -> bool,
) -> Vec<Link> {
    same.iter()
        .flat_map(|t| {
            sizes
                .figures()
                .into_iter()
                .filter(|f| shown_in_both(*f))
                .map(move |figure| Link { tables: *t, figure })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::region::Region;
    use crate::domain::response::Support;
    use crate::domain::summary::{Grouping, Tallies, marks, summarise_all};
    use crate::domain::survey::answers::{Answer, Answers};
    use crate::domain::survey::fixtures::{choices, q, t};
    use crate::domain::survey::{Question, Section};

    fn pick() -> QuestionKind {
        QuestionKind::SingleChoice {
            options: choices(&["a", "b"]),
            other: false,
        }
    }

    fn grid() -> QuestionKind {
        QuestionKind::Matrix {
            rows: choices(&["x", "y"]),
            columns: choices(&["0", "1", "2", "3"]),
        }
    }

    fn survey(questions: Vec<Question>) -> Survey {
        Survey {
            sections: vec![Section {
                id: "s".into(),
                questions,
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    fn answers(pick: &str, x: &str) -> Answers {
        let mut a = Answers::new();
        a.insert("pick".into(), Answer::Choice(pick.into()));
        let mut m = BTreeMap::new();
        m.insert("x".to_string(), x.to_string());
        a.insert("grid".into(), Answer::Matrix(m));
        a
    }

    /// `(region, status, answers, how many)` tallied.
    fn tally(s: &Survey, rows: &[(Region, Support, Answers, usize)]) -> Tallies {
        let mut t = Tallies::default();
        for (r, sup, a, times) in rows {
            for _ in 0..*times {
                for (q, i, n) in marks(s, a) {
                    t.add(*r, *sup, &q, &i, n);
                }
            }
        }
        t
    }

    #[test]
    fn identities_carry_ids_and_name_new_and_dropped() {
        let before = survey(vec![
            q("pick", pick()),
            q("grid", grid()),
            q("gone", pick()),
        ]);
        let mut renamed = q("pick", pick());
        renamed.prompt = t("corrected wording");
        let after = survey(vec![
            renamed,
            // Same id, another type: not comparable.
            q("grid", QuestionKind::LongText { max_length: 10 }),
            q("added", pick()),
        ]);
        assert_eq!(
            identities(&before, &after),
            vec![
                ("pick".into(), Identity::Carried),
                ("grid".into(), Identity::New),
                ("added".into(), Identity::New),
                ("grid".into(), Identity::Dropped),
                ("gone".into(), Identity::Dropped),
            ]
        );
    }

    fn rounds() -> (Survey, Vec<Summary>, Survey, Vec<Summary>) {
        let s1 = survey(vec![q("pick", pick()), q("grid", grid())]);
        let s2 = survey(vec![
            q("pick", pick()),
            q("grid", grid()),
            q("added", pick()),
        ]);
        let k = Threshold::default();
        let first = tally(
            &s1,
            &[
                (Region::Africa, Support::Receives, answers("a", "1"), 8),
                (Region::Europe, Support::Provides, answers("b", "3"), 6),
                (Region::Oceania, Support::Receives, answers("a", "0"), 2),
            ],
        );
        let second = tally(
            &s2,
            &[
                (Region::Africa, Support::Receives, answers("b", "2"), 6),
                (Region::Africa, Support::Receives, answers("a", "2"), 4),
                (Region::Europe, Support::Provides, answers("b", "3"), 6),
                (Region::Oceania, Support::Receives, answers("a", "1"), 7),
            ],
        );
        let a = summarise_all(&s1, &first, k);
        let b = summarise_all(&s2, &second, k);
        (s1, a, s2, b)
    }

    fn by(all: &[Summary], g: Grouping) -> &Summary {
        all.iter().find(|s| s.grouping == g).unwrap()
    }

    #[test]
    fn changes_are_each_rounds_own_figures_for_groups_shown_in_both() {
        let (s1, a, s2, b) = rounds();
        let (pa, pb) = (by(&a, Grouping::Region), by(&b, Grouping::Region));
        let c = compare(&s1, pa, &s2, pb);
        let africa = Group {
            region: Some(Region::Africa),
            support: None,
        };
        let (_, n) = c.responses.iter().find(|(g, _)| *g == africa).unwrap();
        let n = n.clone().unwrap();
        assert_eq!((n.previous, n.current, n.change()), (8.0, 10.0, 2.0));
        let cell = c.cell("pick", &africa).unwrap();
        assert!(cell.compared());
        // Each side equals its round's own published figure.
        let own = |s: &Summary, q: &str| {
            published(
                s.questions
                    .iter()
                    .find(|x| x.question == q)
                    .unwrap()
                    .cells
                    .iter()
                    .find(|x| x.group == africa)
                    .unwrap(),
            )
        };
        for (key, ch) in &cell.figures {
            assert_eq!(own(pa, "pick")[key], ch.previous);
            assert_eq!(own(pb, "pick")[key], ch.current);
        }
        let pct = &cell.figures[&Key::Percent("a".into())];
        assert_eq!((pct.previous, pct.current), (100.0, 40.0));
        let row = &c.cell("grid", &africa).unwrap().figures[&Key::RowMean("x".into())];
        assert_eq!((row.previous, row.current, row.change()), (1.0, 2.0, 1.0));
        // Oceania was withheld in the first round (2 < k): nothing compared,
        // though it is shown now.
        let oceania = Group {
            region: Some(Region::Oceania),
            support: None,
        };
        assert!(
            pb.responses
                .iter()
                .any(|(g, n)| *g == oceania && n.is_some())
        );
        assert!(!c.cell("pick", &oceania).unwrap().compared());
        assert!(c.cell("pick", &oceania).unwrap().figures.is_empty());
        assert!(
            c.responses
                .iter()
                .any(|(g, n)| *g == oceania && n.is_none())
        );
        // The added question is new, with nothing compared.
        let added = c.questions.iter().find(|q| q.question == "added").unwrap();
        assert_eq!(added.identity, Identity::New);
        assert!(added.cells.is_empty());
    }

    #[test]
    fn every_compared_figure_is_published_in_both_rounds() {
        let (s1, a, s2, b) = rounds();
        for g in Grouping::ALL {
            let (pa, pb) = (by(&a, g), by(&b, g));
            let c = compare(&s1, pa, &s2, pb);
            for qc in &c.questions {
                for cell in &qc.cells {
                    let was = pa
                        .questions
                        .iter()
                        .find(|x| x.question == qc.question)
                        .and_then(|x| x.cells.iter().find(|x| x.group == cell.group))
                        .unwrap();
                    let now = pb
                        .questions
                        .iter()
                        .find(|x| x.question == qc.question)
                        .and_then(|x| x.cells.iter().find(|x| x.group == cell.group))
                        .unwrap();
                    if was.n.is_none() || now.n.is_none() {
                        assert!(cell.figures.is_empty(), "{g:?} {:?}", cell.group);
                    }
                    for k in cell.figures.keys() {
                        assert!(published(was).contains_key(k));
                        assert!(published(now).contains_key(k));
                    }
                }
            }
        }
    }

    /// Small tables: rows are regions, columns statuses.
    fn table(cells: &[&[u64]]) -> Table {
        Table::new(cells.iter().map(|r| r.to_vec()).collect())
    }

    #[test]
    fn the_audit_over_both_rounds_finds_what_a_change_would_give_away() {
        let k = Threshold::default();
        // Previous: row 1 is small and withheld; current: every row large.
        let s1 = table(&[&[6, 5], &[1, 2], &[7, 0]]);
        let m1 = vec![table(&[&[3, 5], &[1, 0], &[2, 0]])];
        let s2 = table(&[&[6, 5], &[4, 5], &[7, 0]]);
        let m2 = vec![table(&[&[1, 2], &[2, 4], &[6, 0]])];
        let p1 = disclosure::protect_linked(&s1, &m1, k);
        let p2 = disclosure::protect_linked(&s2, &m2, k);
        assert!(!p1.shown(Figure::Row(1)));
        assert!(p2.shown(Figure::Row(1)));
        let prev = Round {
            sizes: &s1,
            measures: &m1,
            pattern: &p1,
        };
        let cur = Round {
            sizes: &s2,
            measures: &m2,
            pattern: &p2,
        };
        // Changes of every figure of the sizes and the measure.
        let all = links_of(&s1, &[(0, 0), (1, 1)], |_| true);
        let leaks = audit_rounds(prev, cur, &all, k);
        assert!(
            leaks
                .iter()
                .all(|l| matches!(l, RoundLeak::Change(link) if !p1.shown(link.figure) || !p2.shown(link.figure))),
            "{leaks:?}"
        );
        assert!(leaks.contains(&RoundLeak::Change(Link {
            tables: (0, 0),
            figure: Figure::Row(1)
        })));
        // Protected, the changes published leak nothing, and include every
        // figure shown in both.
        let kept = protect_changes(&p1, &p2, &all);
        assert!(audit_rounds(prev, cur, &kept, k).is_empty());
        assert!(kept.iter().any(|l| l.figure == Figure::Row(0)));
        assert!(!kept.iter().any(|l| l.figure == Figure::Row(1)));
    }

    /// Brute force: every pair of integer tables (small) that agrees with
    /// the published figures of both rounds and the published changes; each
    /// withheld figure of a group under k must take a lower value in one of
    /// them (or be 0), as the interval audit requires within a round.
    #[test]
    fn no_withheld_figure_is_pinned_by_both_rounds_together() {
        let k = Threshold::new(3).unwrap();
        let cases: [(Table, Table); 3] = [
            (table(&[&[2, 3], &[4, 0]]), table(&[&[3, 3], &[1, 4]])),
            (table(&[&[1, 4], &[3, 3]]), table(&[&[1, 4], &[3, 3]])),
            (table(&[&[0, 2], &[5, 4]]), table(&[&[2, 1], &[3, 3]])),
        ];
        for (s1, s2) in cases {
            let p1 = disclosure::protect(&s1, k);
            let p2 = disclosure::protect(&s2, k);
            let links = protect_changes(&p1, &p2, &links_of(&s1, &[(0, 0)], |_| true));
            let r1 = Round {
                sizes: &s1,
                measures: &[],
                pattern: &p1,
            };
            let r2 = Round {
                sizes: &s2,
                measures: &[],
                pattern: &p2,
            };
            assert!(audit_rounds(r1, r2, &links, k).is_empty());
            // Every pair of 2×2 tables with cells 0..=8 that publishes the
            // same figures and the same changes.
            let agree = |t: &Table, real: &Table, p: &Pattern| {
                real.figures()
                    .into_iter()
                    .all(|f| !p.shown(f) || t.size(f) == real.size(f))
            };
            let tables: Vec<Table> = (0..9u64.pow(4))
                .map(|mut i| {
                    let mut cells = [0u64; 4];
                    for c in &mut cells {
                        *c = i % 9;
                        i /= 9;
                    }
                    table(&[&cells[..2], &cells[2..]])
                })
                .collect();
            let firsts: Vec<&Table> = tables.iter().filter(|t| agree(t, &s1, &p1)).collect();
            let seconds: Vec<&Table> = tables.iter().filter(|t| agree(t, &s2, &p2)).collect();
            let change = |a: &Table, b: &Table, f: Figure| b.size(f) as i64 - a.size(f) as i64;
            let consistent = |a: &Table, b: &Table| {
                links
                    .iter()
                    .all(|l| change(a, b, l.figure) == change(&s1, &s2, l.figure))
            };
            for (round, real, p) in [(0, &s1, &p1), (1, &s2, &p2)] {
                for f in real.figures() {
                    let v = real.size(f);
                    if p.shown(f) || v == 0 || v >= u64::from(k.get()) {
                        continue;
                    }
                    let lower = firsts
                        .iter()
                        .flat_map(|a| seconds.iter().map(move |b| (*a, *b)))
                        .filter(|(a, b)| consistent(a, b))
                        .any(|(a, b)| [a, b][round].size(f) < v);
                    assert!(lower, "round {round} figure {f:?} pinned at {v}");
                }
            }
        }
    }
}
