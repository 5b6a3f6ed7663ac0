//! What a summary page, the briefing and the exports show: the domain's
//! figures with every label in the viewer's language. Built on the server
//! from a [`Summary`](crate::domain::summary::Summary); withheld figures
//! stay `None` all the way to the page and the files.

use serde::{Deserialize, Serialize};

/// One group's heading, and its size when shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupHead {
    pub label: String,
    /// Query string selecting the group (for free-text pages).
    pub query: String,
    /// Those of the group who answered; `None`: withheld.
    pub n: Option<u64>,
}

/// A count and its percentage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Count {
    pub count: u64,
    pub percent: f64,
}

/// A group's counts per option and (scales) mean and median.
pub type ShareFigures = (Vec<Count>, Option<(f64, f64)>);
/// A matrix row in a group: n, mean rating, counts per column.
pub type RowFigures = (u64, f64, Vec<u64>);
/// A ranked item in a group: ranked by, ranked first, mean rank.
pub type RankFigures = (u64, u64, f64);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Body {
    /// Single/multiple choice and scales: one row per option.
    Shares {
        options: Vec<String>,
        /// Per group (aligned with the question's groups): counts per
        /// option, and (scales) mean and median.
        groups: Vec<Option<ShareFigures>>,
        multiple: bool,
        /// A single choice with "Other — please specify": its texts have a
        /// page of their own.
        other: bool,
    },
    Number {
        /// Bin labels.
        bins: Vec<String>,
        /// Per group: mean, counts per bin.
        groups: Vec<Option<(f64, Vec<u64>)>>,
    },
    /// A heat table: rows × groups of mean ratings.
    Matrix {
        rows: Vec<String>,
        /// The rating scale, lowest to highest (labels).
        columns: Vec<String>,
        /// The highest value a rating takes (for shading).
        max: f64,
        /// Per group, per row: (n, mean, counts per column), `None` withheld.
        groups: Vec<Option<Vec<Option<RowFigures>>>>,
    },
    Ranking {
        items: Vec<String>,
        /// Per group, per item: (ranked by, ranked first, mean rank).
        groups: Vec<Option<Vec<Option<RankFigures>>>>,
    },
    /// Free text: read page by page, by region (see `QuestionView::text_groups`).
    Text,
}

/// A figure of the previous round beside this round's: the previous
/// figure and the change (`points`: percentage points).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Delta {
    pub previous: f64,
    pub change: f64,
    pub points: bool,
    /// Decimal places to show.
    pub places: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionView {
    pub id: String,
    pub section: String,
    pub prompt: String,
    pub groups: Vec<GroupHead>,
    pub body: Body,
    /// Free-text lists, one per region of the viewer (whatever the
    /// grouping: texts are offered by region only); `n` is `None` where no
    /// list is shown.
    pub text_groups: Vec<GroupHead>,
    /// Beside each figure (by row of the data table, then by group), the
    /// previous round's and the change, where the group is shown in both
    /// rounds; empty when there is no previous round to compare with.
    pub deltas: Vec<Vec<Option<Delta>>>,
    /// The question is new in this round (not in the previous one).
    pub new_in_round: bool,
}

/// The needs overview (Decision 19.41(b)): implementation areas × groups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Needs {
    pub question: QuestionView,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryView {
    pub id: String,
    pub title: String,
    pub grouping: String,
    /// (code, label) of the groupings offered.
    pub groupings: Vec<(String, String)>,
    pub k: u32,
    /// "Parties" or "respondents", for "n = …".
    pub unit: String,
    /// Responses per group.
    pub responses: Vec<GroupHead>,
    /// By region and by status, for 19.41(b) consultations.
    pub needs: Vec<Needs>,
    pub questions: Vec<QuestionView>,
    /// The viewer is the Secretariat (monitoring, every grouping).
    pub secretariat: bool,
    /// The regions the viewer sees (names), for the heading.
    pub regions: Vec<String>,
    /// The previous round, when both rounds are closed.
    pub previous_round: Option<PreviousRound>,
    /// Responses per group in the previous round and the change (aligned
    /// with `responses`).
    pub response_deltas: Vec<Option<Delta>>,
    /// The series this consultation belongs to (the first round's id),
    /// when it has more than one round.
    pub series: Option<String>,
    /// Every other constituency with responses, after the Parties' figures,
    /// each on its own (never compared with a previous round).
    pub constituencies: Vec<ConstituencyView>,
}

/// Another constituency's figures (a Committee's, a kind of partner's):
/// its groups — overall (the Secretariat) and by region — and every
/// question for them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConstituencyView {
    /// Its code (for anchors and free-text addresses).
    pub code: String,
    /// Its name in the viewer's language.
    pub name: String,
    /// "respondents" or "organisations", for "n = …".
    pub unit: String,
    /// Responses per group.
    pub responses: Vec<GroupHead>,
    pub questions: Vec<QuestionView>,
}

/// The round a summary is compared with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreviousRound {
    pub id: String,
    pub title: String,
    /// The viewer may read its summary (an organiser whose workshops do
    /// not draw on it may not: its title is shown without a link).
    pub readable: bool,
    /// The questions of the previous round this one dropped (prompts).
    pub dropped: Vec<String>,
}

#[cfg(feature = "ssr")]
pub mod build {
    use super::*;
    use crate::domain::constituency::Constituency;
    use crate::domain::region::Region;
    use crate::domain::rounds::{Comparison, Identity, Key};
    use crate::domain::summary::{Figures, Group, Grouping, Summary};
    use crate::domain::survey::{Decision, QuestionKind, Survey};
    use crate::i18n::I18n;

    /// Region names in the viewer's language.
    pub type RegionNames = Vec<(Region, String)>;

    pub fn group_label(i18n: &I18n, names: &RegionNames, g: &Group) -> String {
        let region = g.region.map(|r| {
            names
                .iter()
                .find(|(x, _)| *x == r)
                .map(|(_, n)| n.clone())
                .unwrap_or_else(|| r.code().to_string())
        });
        let support = g.support.map(|s| i18n.t(s.message_id()));
        match (region, support) {
            (None, None) => i18n.t("summary-group-all"),
            (Some(r), None) => r,
            (None, Some(s)) => s,
            (Some(r), Some(s)) => format!("{r} — {s}"),
        }
    }

    fn group_query(g: &Group) -> String {
        let mut q = Vec::new();
        if let Some(r) = g.region {
            q.push(format!("region={}", r.code()));
        }
        if let Some(s) = g.support {
            q.push(format!("status={}", s.code()));
        }
        q.join("&")
    }

    fn text(t: &crate::domain::survey::Text, i18n: &I18n) -> String {
        let s = t.get(i18n.lang);
        if s.trim().is_empty() {
            t.en.clone()
        } else {
            s.to_string()
        }
    }

    /// What a summary view is made from.
    pub struct Input<'a> {
        pub i18n: &'a I18n,
        pub names: &'a RegionNames,
        pub id: &'a str,
        pub title: String,
        pub survey: &'a Survey,
        pub summary: &'a Summary,
        /// The groupings the viewer is offered.
        pub offered: &'a [Grouping],
        /// The summaries the needs overview shows (19.41(b) only).
        pub needs: Vec<&'a Summary>,
        pub secretariat: bool,
        pub regions: &'a [Region],
        /// The free-text lists kept at close.
        pub texts: &'a TextLists,
        /// The comparison with the previous round, when there is one.
        pub compared: Option<Compared<'a>>,
        pub series: Option<String>,
        /// Every other constituency's summaries as the viewer may see them
        /// (its groupings, its regions), with its free-text lists.
        pub constituencies: Vec<(Constituency, Vec<Summary>, &'a TextLists)>,
    }

    /// A summary's comparison with the previous round.
    pub struct Compared<'a> {
        pub previous: PreviousRound,
        /// Of the summary's grouping.
        pub main: &'a Comparison,
        /// Of each needs-overview summary, aligned with `Input::needs`.
        pub needs: Vec<Option<&'a Comparison>>,
    }

    fn delta(c: &crate::domain::rounds::Change, points: bool, places: usize) -> Delta {
        Delta {
            previous: c.previous,
            change: c.change(),
            points,
            places,
        }
    }

    /// The view of a summary in the viewer's language.
    pub fn view(input: Input<'_>) -> SummaryView {
        let Input {
            i18n,
            names,
            id,
            title,
            survey,
            summary,
            offered,
            needs,
            secretariat,
            regions,
            texts,
            compared,
            series,
            constituencies,
        } = input;
        let main = compared.as_ref().map(|c| c.main);
        let constituencies = constituencies
            .into_iter()
            .map(|(c, summaries, texts)| {
                constituency(i18n, names, survey, c, &summaries, regions, texts)
            })
            .collect();
        SummaryView {
            id: id.to_string(),
            title,
            grouping: summary.grouping.code().to_string(),
            groupings: offered
                .iter()
                .map(|g| (g.code().to_string(), i18n.t(g.message_id())))
                .collect(),
            k: summary.k.get(),
            unit: i18n.t(summary.unit.message_id()),
            responses: summary
                .responses
                .iter()
                .map(|(g, n)| GroupHead {
                    label: group_label(i18n, names, g),
                    query: group_query(g),
                    n: *n,
                })
                .collect(),
            needs: if survey.decision == Decision::D19_41b {
                needs
                    .into_iter()
                    .enumerate()
                    .filter_map(|(n, s)| {
                        let q = survey
                            .questions()
                            .find(|q| matches!(q.kind, QuestionKind::Matrix { .. }))?;
                        let i = survey.questions().position(|x| x.id == q.id)?;
                        let cmp = compared
                            .as_ref()
                            .and_then(|c| c.needs.get(n).copied().flatten());
                        Some(Needs {
                            question: question(i18n, names, survey, s, i, regions, texts, cmp),
                        })
                    })
                    .collect()
            } else {
                vec![]
            },
            questions: (0..summary.questions.len())
                .map(|i| question(i18n, names, survey, summary, i, regions, texts, main))
                .collect(),
            response_deltas: summary
                .responses
                .iter()
                .map(|(g, _)| {
                    main.and_then(|c| c.responses.iter().find(|(x, _)| x == g))
                        .and_then(|(_, ch)| ch.as_ref())
                        .map(|ch| delta(ch, false, 0))
                })
                .collect(),
            previous_round: compared.as_ref().map(|c| c.previous.clone()),
            series,
            constituencies,
            secretariat,
            regions: regions
                .iter()
                .map(|r| {
                    group_label(
                        i18n,
                        names,
                        &Group {
                            region: Some(*r),
                            support: None,
                        },
                    )
                })
                .collect(),
        }
    }

    /// The free-text lists kept at close: (question, region, texts).
    pub type TextLists = [(String, Region, u64)];

    /// The view of another constituency's `summaries` (overall and/or by
    /// region, as offered to the viewer): one table of responses and one
    /// summary per question over all its groups; free-text lists by region,
    /// addressed with the constituency.
    fn constituency(
        i18n: &I18n,
        names: &RegionNames,
        survey: &Survey,
        c: Constituency,
        summaries: &[Summary],
        regions: &[Region],
        texts: &TextLists,
    ) -> ConstituencyView {
        let Some(first) = summaries.first() else {
            return ConstituencyView {
                code: c.code().to_string(),
                name: i18n.t(c.message_id()),
                unit: String::new(),
                responses: vec![],
                questions: vec![],
            };
        };
        // The groupings' groups side by side, as one summary.
        let mut merged = first.clone();
        for s in &summaries[1..] {
            merged.responses.extend(s.responses.iter().cloned());
            for (q, other) in merged.questions.iter_mut().zip(&s.questions) {
                q.cells.extend(other.cells.iter().cloned());
            }
        }
        let scoped = |query: &str| {
            if query.is_empty() {
                format!("constituency={}", c.code())
            } else {
                format!("constituency={}&{query}", c.code())
            }
        };
        ConstituencyView {
            code: c.code().to_string(),
            name: i18n.t(c.message_id()),
            unit: i18n.t(merged.unit.message_id()),
            responses: merged
                .responses
                .iter()
                .map(|(g, n)| GroupHead {
                    label: group_label(i18n, names, g),
                    query: scoped(&group_query(g)),
                    n: *n,
                })
                .collect(),
            questions: (0..merged.questions.len())
                .map(|i| {
                    let mut q = question(i18n, names, survey, &merged, i, regions, texts, None);
                    for g in q.groups.iter_mut().chain(q.text_groups.iter_mut()) {
                        g.query = scoped(&g.query);
                    }
                    q
                })
                .collect(),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn question(
        i18n: &I18n,
        names: &RegionNames,
        survey: &Survey,
        summary: &Summary,
        index: usize,
        regions: &[Region],
        texts: &TextLists,
        cmp: Option<&Comparison>,
    ) -> QuestionView {
        let qs = &summary.questions[index];
        let (section, q) = survey
            .sections
            .iter()
            .flat_map(|s| s.questions.iter().map(move |q| (s, q)))
            .find(|(_, q)| q.id == qs.question)
            .expect("a summary's questions come from its survey");
        let groups: Vec<GroupHead> = qs
            .cells
            .iter()
            .map(|c| GroupHead {
                label: group_label(i18n, names, &c.group),
                query: group_query(&c.group),
                n: c.n,
            })
            .collect();
        let counts = |shares: &[crate::domain::summary::Share]| {
            shares
                .iter()
                .map(|s| Count {
                    count: s.count,
                    percent: s.percent,
                })
                .collect::<Vec<_>>()
        };
        // Single and multiple choices: shares per group.
        let choices = || {
            qs.cells
                .iter()
                .map(|c| match &c.figures {
                    Some(Figures::Choices { shares }) => Some((counts(shares), None)),
                    _ => None,
                })
                .collect()
        };
        let body = match &q.kind {
            QuestionKind::SingleChoice { options, other } => Body::Shares {
                options: options
                    .iter()
                    .map(|o| text(&o.label, i18n))
                    .chain(other.then(|| i18n.t("summary-other")))
                    .collect(),
                groups: choices(),
                multiple: false,
                other: *other,
            },
            QuestionKind::MultipleChoice { options, .. } => Body::Shares {
                options: options.iter().map(|o| text(&o.label, i18n)).collect(),
                groups: choices(),
                multiple: true,
                other: false,
            },
            QuestionKind::Scale { points } => Body::Shares {
                options: points.iter().map(|o| text(&o.label, i18n)).collect(),
                groups: qs
                    .cells
                    .iter()
                    .map(|c| match &c.figures {
                        Some(Figures::Scale {
                            shares,
                            mean,
                            median,
                        }) => Some((counts(shares), Some((*mean, *median)))),
                        _ => None,
                    })
                    .collect(),
                multiple: false,
                other: false,
            },
            QuestionKind::Number { .. } => {
                let first = qs.cells.iter().find_map(|c| match &c.figures {
                    Some(Figures::Number { bins, .. }) => Some(bins.clone()),
                    _ => None,
                });
                Body::Number {
                    bins: first
                        .unwrap_or_default()
                        .iter()
                        .map(|b| {
                            // As many decimals as the edges need, so an edge
                            // never prints rounded (to a value someone gave).
                            let exact = |x: f64| {
                                (0..=6)
                                    .find(|p| {
                                        let m = x * 10f64.powi(*p);
                                        (m.round() - m).abs() < 1e-6 * m.abs().max(1.0)
                                    })
                                    .unwrap_or(6) as usize
                            };
                            let places = exact(b.low).max(exact(b.high));
                            format!(
                                "{} – {}",
                                i18n.decimal(b.low, places),
                                i18n.decimal(b.high, places)
                            )
                        })
                        .collect(),
                    groups: qs
                        .cells
                        .iter()
                        .map(|c| match &c.figures {
                            Some(Figures::Number { mean, bins }) => {
                                Some((*mean, bins.iter().map(|b| b.count).collect()))
                            }
                            _ => None,
                        })
                        .collect(),
                }
            }
            QuestionKind::Matrix { rows, columns } => {
                let ids: Vec<&str> = columns.iter().map(|c| c.id.as_str()).collect();
                let values = crate::domain::summary::point_values(&ids);
                Body::Matrix {
                    rows: rows.iter().map(|r| text(&r.label, i18n)).collect(),
                    columns: columns
                        .iter()
                        .zip(&values)
                        .map(|(c, v)| format!("{} = {}", i18n.decimal(*v, 0), text(&c.label, i18n)))
                        .collect(),
                    max: values.iter().copied().fold(1.0, f64::max),
                    groups: qs
                        .cells
                        .iter()
                        .map(|c| match &c.figures {
                            Some(Figures::Matrix { rows }) => Some(
                                rows.iter()
                                    .map(|m| {
                                        m.figures.as_ref().map(|f| {
                                            (
                                                f.n,
                                                f.mean.unwrap_or(0.0),
                                                f.columns.iter().map(|s| s.count).collect(),
                                            )
                                        })
                                    })
                                    .collect(),
                            ),
                            _ => None,
                        })
                        .collect(),
                }
            }
            QuestionKind::Ranking { options, .. } => Body::Ranking {
                items: options.iter().map(|o| text(&o.label, i18n)).collect(),
                groups: qs
                    .cells
                    .iter()
                    .map(|c| match &c.figures {
                        Some(Figures::Ranking { items }) => Some(
                            items
                                .iter()
                                .map(|m| m.figures.as_ref().map(|f| (f.n, f.first, f.mean_rank)))
                                .collect(),
                        ),
                        _ => None,
                    })
                    .collect(),
            },
            QuestionKind::ShortText { .. } | QuestionKind::LongText { .. } => Body::Text,
        };
        let has_texts = matches!(
            q.kind,
            QuestionKind::ShortText { .. }
                | QuestionKind::LongText { .. }
                | QuestionKind::SingleChoice { other: true, .. }
        );
        let text_groups = if has_texts {
            regions
                .iter()
                .map(|r| {
                    let g = Group {
                        region: Some(*r),
                        support: None,
                    };
                    GroupHead {
                        label: group_label(i18n, names, &g),
                        query: group_query(&g),
                        n: texts
                            .iter()
                            .find(|(tq, tr, _)| *tq == q.id && tr == r)
                            .map(|(_, _, n)| *n),
                    }
                })
                .collect()
        } else {
            vec![]
        };
        // The keys of the data table's rows, in order (see tables.rs), with
        // whether a change is in points and how many places it shows.
        let keys: Vec<(Key, bool, usize)> = match &q.kind {
            QuestionKind::SingleChoice { options, other } => options
                .iter()
                .map(|o| o.id.clone())
                .chain(other.then(|| crate::domain::survey::answers::OTHER.to_string()))
                .map(|id| (Key::Percent(id), true, 1))
                .collect(),
            QuestionKind::MultipleChoice { options, .. } => options
                .iter()
                .map(|o| (Key::Percent(o.id.clone()), true, 1))
                .collect(),
            QuestionKind::Scale { points } => points
                .iter()
                .map(|o| (Key::Percent(o.id.clone()), true, 1))
                .chain([(Key::Mean, false, 2)])
                .collect(),
            QuestionKind::Number { .. } => {
                let bins = qs.cells.iter().find_map(|c| match &c.figures {
                    Some(Figures::Number { bins, .. }) => Some(bins.clone()),
                    _ => None,
                });
                [(Key::Mean, false, 2)]
                    .into_iter()
                    .chain(
                        bins.unwrap_or_default()
                            .iter()
                            .map(|b| (Key::Bin(format!("{}..{}", b.low, b.high)), false, 0)),
                    )
                    .collect()
            }
            QuestionKind::Matrix { rows, .. } => rows
                .iter()
                .map(|r| (Key::RowMean(r.id.clone()), false, 2))
                .collect(),
            QuestionKind::Ranking { options, .. } => options
                .iter()
                .map(|o| (Key::MeanRank(o.id.clone()), false, 2))
                .collect(),
            QuestionKind::ShortText { .. } | QuestionKind::LongText { .. } => vec![],
        };
        let deltas = match cmp {
            None => vec![],
            Some(cmp) => keys
                .iter()
                .map(|(key, points, places)| {
                    qs.cells
                        .iter()
                        .map(|c| {
                            cmp.cell(&q.id, &c.group)
                                .and_then(|cc| cc.figures.get(key))
                                .map(|ch| delta(ch, *points, *places))
                        })
                        .collect()
                })
                .collect(),
        };
        let new_in_round = cmp.is_some_and(|c| {
            c.questions
                .iter()
                .any(|x| x.question == q.id && x.identity == Identity::New)
        });
        QuestionView {
            id: q.id.clone(),
            section: text(&section.title, i18n),
            prompt: text(&q.prompt, i18n),
            groups,
            body,
            text_groups,
            deltas,
            new_in_round,
        }
    }
}
