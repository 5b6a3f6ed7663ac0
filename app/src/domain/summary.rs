//! Summaries of submitted responses.
//!
//! A submitted response adds one to a small set of *tallies* — counts by
//! (region, status, question, item) — kept in the database beside the
//! responses and changed in the transaction that submits ([`marks`]).
//! A summary reads those tallies (grouped counts, never the responses) and
//! turns them into the figures of each question for one of the four fixed
//! groupings, with disclosure control applied ([`summarise`]): every measure
//! (a question, a matrix row, a ranked item) has its own table of group
//! sizes, protected once for all groupings by [`disclosure::protect`].
//!
//! Tallies are kept per constituency ([`Constituency`]): the Parties'
//! figures are computed from the Parties' tallies only ([`summarise_all`]);
//! every other constituency with responses is summarised on its own
//! ([`summarise_constituency`]) — overall and by region, from tables whose
//! rows are regions and whose one column is the whole constituency (its
//! members are not asked a donor/recipient status) — under the same
//! threshold, complementary suppression and interval audit, and never added
//! into the Parties' figures or into another constituency's.

use super::constituency::{self, Constituency};
use super::disclosure::{self, Figure, Pattern, Table, Threshold};
use super::region::Region;
use super::response::Support;
use super::survey::answers::{self, Answer, Answers};
use super::survey::{Question, QuestionKind, Survey};
use crate::domain::coded::coded;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// The question key of a group's count of responses.
pub const RESPONSES: &str = "";
/// The item key of "answered this question" (and of a response's own mark).
pub const ANSWERED: &str = "";

/// One count a response adds to: `(question, item, amount)` — one, except
/// for a number's running sum ([`SUM`]).
pub type Mark = (String, String, i64);

/// What one submitted response adds to the tallies of its group.
pub fn marks(survey: &Survey, answers: &Answers) -> Vec<Mark> {
    let mut out = Vec::new();
    visit_marks(survey, answers, |q, i, n| {
        out.push((q.to_string(), i.to_string(), n));
    });
    out
}

/// Calls `mark(question, item, amount)` for each of a response's marks, in
/// the order of [`marks`], building no key it does not have to.
fn visit_marks(survey: &Survey, answers: &Answers, mut mark: impl FnMut(&str, &str, i64)) {
    mark(RESPONSES, ANSWERED, 1);
    for q in survey.questions() {
        let Some(a) = answers.get(&q.id) else {
            continue;
        };
        let items = items(q, a);
        if items.is_empty() {
            continue;
        }
        mark(&q.id, ANSWERED, 1);
        // A number's exact sum, in thousandths, for its mean.
        if let (QuestionKind::Number { .. }, Answer::Number(raw)) = (&q.kind, a)
            && let Some(v) = answers::parse_number(raw)
        {
            let milli = (v * 1000.0).round().clamp(-1e15, 1e15) as i64;
            mark(&q.id, SUM, milli);
        }
        // Matrix rows and ranked items are measures of their own.
        match a {
            Answer::Matrix(m) => m.keys().for_each(|i| mark(&sub_key(&q.id, i), ANSWERED, 1)),
            Answer::Ranking(ids) => ids
                .iter()
                .filter(|i| !i.is_empty())
                .for_each(|i| mark(&sub_key(&q.id, i), ANSWERED, 1)),
            _ => {}
        }
        for i in &items {
            mark(&q.id, i, 1);
        }
    }
}

/// The question key of a matrix row's or a ranked item's own measure.
fn sub_key(question: &str, id: &str) -> String {
    format!("{question}#{id}")
}

/// A matrix cell's or a ranked item's item key.
fn pair(a: &str, b: &str) -> String {
    format!("{a}/{b}")
}

/// The items an answer counts under (empty: it counts as unanswered).
fn items(q: &Question, a: &Answer) -> Vec<String> {
    match (&q.kind, a) {
        (QuestionKind::SingleChoice { .. } | QuestionKind::Scale { .. }, Answer::Choice(c)) => {
            vec![c.clone()]
        }
        (QuestionKind::SingleChoice { .. }, Answer::Other(_)) => vec![answers::OTHER.into()],
        (QuestionKind::MultipleChoice { .. }, Answer::Choices(cs)) => cs.clone(),
        (QuestionKind::Matrix { .. }, Answer::Matrix(m)) => {
            m.iter().map(|(row, col)| pair(row, col)).collect()
        }
        (QuestionKind::Ranking { .. }, Answer::Ranking(ids)) => ids
            .iter()
            .enumerate()
            .filter(|(_, id)| !id.is_empty())
            .map(|(i, id)| pair(id, &(i + 1).to_string()))
            .collect(),
        (QuestionKind::Number { .. }, Answer::Number(raw)) => answers::parse_number(raw)
            .map(|v| vec![number_key(v)])
            .unwrap_or_default(),
        // Texts are read, not tallied; they count as answered.
        (QuestionKind::ShortText { .. } | QuestionKind::LongText { .. }, Answer::Text(t))
            if !t.trim().is_empty() =>
        {
            vec![TEXT.into()]
        }
        _ => vec![],
    }
}

/// The item a text answer counts under.
pub const TEXT: &str = "_text";

/// The item of a number question's running sum, in thousandths.
pub const SUM: &str = "_sum";

/// A number as counted for its distribution and median: rounded to two
/// significant digits, so a question has at most a few hundred distinct
/// values whatever people typed (the mean comes from the exact [`SUM`]).
fn number_key(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return "0".into();
    }
    let magnitude = v.abs().log10().floor() as i32;
    let scale = 10f64.powi(magnitude - 1);
    let rounded = (v / scale).round() * scale;
    // Shortest form that reads back to the same value.
    format!("{}", (rounded * 1e6).round() / 1e6)
}

/// One group's tallies as stored: `"question|item"` → count.
pub type Stored = BTreeMap<String, i64>;

fn stored_key(question: &str, item: &str) -> String {
    let mut key = String::with_capacity(question.len() + 1 + item.len());
    key.push_str(question);
    key.push('|');
    key.push_str(item);
    key
}

/// A response's marks as stored keys with their amounts (prepared where
/// the response is checked, so the one writer only adds them up).
pub fn stored_marks(survey: &Survey, answers: &Answers) -> Vec<(String, i64)> {
    let mut out = Vec::with_capacity(4 * answers.len() + 1);
    visit_marks(survey, answers, |q, i, n| out.push((stored_key(q, i), n)));
    out
}

/// Adds `marks` (from [`stored_marks`]) to `stored`, `times` times (−1
/// takes a response's marks back when it is submitted again); counts that
/// reach zero are removed.
pub fn apply(stored: &mut Stored, marks: &[(String, i64)], times: i64) {
    for (key, amount) in marks {
        let add = amount.saturating_mul(times);
        match stored.get_mut(key.as_str()) {
            Some(n) => {
                *n = n.saturating_add(add);
                if *n == 0 {
                    stored.remove(key.as_str());
                }
            }
            None if add != 0 => {
                stored.insert(key.clone(), add);
            }
            None => {}
        }
    }
}

/// Group: a region and/or a status; `None` on both is everybody.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Group {
    pub region: Option<Region>,
    pub support: Option<Support>,
}

coded! {
    /// The fixed groupings a summary is shown by.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Grouping {
        Overall = "overall" => "summary-by-overall",
        Region = "region" => "summary-by-region",
        Support = "status" => "summary-by-status",
        RegionSupport = "region_status" => "summary-by-region-status",
    }
}

impl Grouping {
    /// The groups of this grouping among `regions`, each with its figure in
    /// the region × status table.
    pub fn groups(self, regions: &[Region]) -> Vec<(Group, Figure)> {
        let row = |r: Region| Region::ALL.iter().position(|x| *x == r).unwrap_or(0);
        match self {
            Grouping::Overall => vec![(
                Group {
                    region: None,
                    support: None,
                },
                Figure::Total,
            )],
            Grouping::Region => regions
                .iter()
                .map(|r| {
                    (
                        Group {
                            region: Some(*r),
                            support: None,
                        },
                        Figure::Row(row(*r)),
                    )
                })
                .collect(),
            Grouping::Support => Support::ALL
                .iter()
                .enumerate()
                .map(|(c, s)| {
                    (
                        Group {
                            region: None,
                            support: Some(*s),
                        },
                        Figure::Column(c),
                    )
                })
                .collect(),
            Grouping::RegionSupport => regions
                .iter()
                .flat_map(|r| {
                    Support::ALL.iter().enumerate().map(move |(c, s)| {
                        (
                            Group {
                                region: Some(*r),
                                support: Some(*s),
                            },
                            Figure::Cell(row(*r), c),
                        )
                    })
                })
                .collect(),
        }
    }
}

/// One group's counts: question → item → count.
type Questions = HashMap<String, HashMap<String, i64>>;

/// Tallies read from the database: counts by group, question and item —
/// the Parties' here, every other constituency's apart ([`Tallies::of`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tallies {
    /// Group → question → item → count (the Parties' responses). The
    /// region is none only for another constituency's responses given for
    /// no region (partners working worldwide).
    counts: HashMap<(Option<Region>, Support), Questions>,
    /// Every other constituency's tallies, each on its own (their own
    /// `others` stay empty).
    others: BTreeMap<Constituency, Tallies>,
}

/// The status a tally row of `constituency` is kept under: a Party's
/// declared status; one fixed value for every other constituency (not
/// asked it), so that its rows are by region only.
pub fn tallied_status(constituency: Constituency, declared: Option<Support>) -> Option<Support> {
    if constituency == Constituency::Party {
        declared
    } else {
        Some(Support::Neither)
    }
}

impl Tallies {
    /// The tallies of `constituency` to add to (the Parties' are these).
    pub fn of_mut(&mut self, constituency: Constituency) -> &mut Tallies {
        if constituency == Constituency::Party {
            self
        } else {
            self.others.entry(constituency).or_default()
        }
    }

    /// The tallies of `constituency` (the Parties' are these), if it has
    /// any.
    pub fn of(&self, constituency: Constituency) -> Option<&Tallies> {
        if constituency == Constituency::Party {
            Some(self)
        } else {
            self.others.get(&constituency)
        }
    }

    /// The other constituencies with tallies, in declaration order.
    pub fn others(&self) -> impl Iterator<Item = (Constituency, &Tallies)> {
        self.others.iter().map(|(c, t)| (*c, t))
    }

    /// Adds one group's stored tallies of `constituency`: its region (none:
    /// another constituency's responses given for no region, counted in
    /// its whole only; a Party's group always has one, and one without is
    /// not counted).
    pub fn add_stored_of(
        &mut self,
        constituency: Constituency,
        region: Option<Region>,
        support: Support,
        stored: &Stored,
    ) {
        if region.is_none() && constituency == Constituency::Party {
            return;
        }
        let t = self.of_mut(constituency);
        for (key, n) in stored {
            if let Some((q, i)) = key.split_once('|') {
                t.add_in(region, support, q, i, *n);
            }
        }
    }

    /// Adds one group's stored tallies (of the Parties).
    pub fn add_stored(&mut self, region: Region, support: Support, stored: &Stored) {
        self.add_stored_of(Constituency::Party, Some(region), support, stored);
    }

    pub fn add(&mut self, region: Region, support: Support, question: &str, item: &str, n: i64) {
        self.add_in(Some(region), support, question, item, n);
    }

    fn add_in(
        &mut self,
        region: Option<Region>,
        support: Support,
        question: &str,
        item: &str,
        n: i64,
    ) {
        let q = self.counts.entry((region, support)).or_default();
        let items = match q.get_mut(question) {
            Some(items) => items,
            None => q.entry(question.to_string()).or_default(),
        };
        match items.get_mut(item) {
            Some(c) => *c += n,
            None => {
                items.insert(item.to_string(), n);
            }
        }
    }

    /// The items counted for `question` in one region × status cell.
    fn items(
        &self,
        region: Option<Region>,
        support: Support,
        question: &str,
    ) -> Option<&HashMap<String, i64>> {
        self.counts.get(&(region, support))?.get(question)
    }

    /// The count of `(question, item)` in one region × status cell (a
    /// negative count, impossible but for a damaged row, reads as none).
    fn cell(&self, region: Option<Region>, support: Support, question: &str, item: &str) -> u64 {
        self.items(region, support, question)
            .and_then(|m| m.get(item))
            .map_or(0, |n| u64::try_from(*n).unwrap_or(0))
    }

    /// The count of `(question, item)` in `group`.
    fn count(&self, group: Group, question: &str, item: &str) -> u64 {
        self.cells(group)
            .map(|(r, s)| self.cell(r, s, question, item))
            .sum()
    }

    /// A number question's values in `group` (rounded, with counts) and the
    /// exact sum of what was given.
    fn values(&self, group: Group, question: &str) -> (Vec<(f64, u64)>, f64) {
        let mut values: HashMap<&str, u64> = HashMap::new();
        let mut sum = 0i64;
        for (r, s) in self.cells(group) {
            for (item, c) in self.items(r, s, question).into_iter().flatten() {
                if item == SUM {
                    sum = sum.saturating_add(*c);
                } else if item != ANSWERED {
                    *values.entry(item.as_str()).or_default() += u64::try_from(*c).unwrap_or(0);
                }
            }
        }
        let mut pairs: Vec<(f64, u64)> = values
            .into_iter()
            .filter_map(|(v, c)| v.parse::<f64>().ok().map(|v| (v, c)))
            .collect();
        pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
        (pairs, sum as f64 / 1000.0)
    }

    /// The cells of `group`: those of every region, and of no region
    /// (counted only in a group across regions).
    fn cells(&self, group: Group) -> impl Iterator<Item = (Option<Region>, Support)> {
        Region::ALL
            .into_iter()
            .map(Some)
            .chain([None])
            .filter(move |r| match (group.region, r) {
                (None, _) => true,
                (Some(g), Some(r)) => g == *r,
                (Some(_), None) => false,
            })
            .flat_map(move |r| {
                Support::ALL
                    .into_iter()
                    .filter(move |s| group.support.is_none_or(|g| g == *s))
                    .map(move |s| (r, s))
            })
    }

    /// The region × status table of how many of a number question's values
    /// (as counted) satisfy `keep`.
    pub fn table_where(&self, question: &str, keep: impl Fn(f64) -> bool) -> Table {
        self.table_where_in(Columns::Status, question, keep)
    }

    fn table_where_in(
        &self,
        columns: Columns,
        question: &str,
        keep: impl Fn(f64) -> bool,
    ) -> Table {
        self.table_of(columns, |r, s| {
            self.items(r, s, question)
                .into_iter()
                .flatten()
                .filter(|(i, _)| i.as_str() != SUM && i.as_str() != ANSWERED)
                .filter_map(|(i, c)| Some((i.parse::<f64>().ok()?, *c)))
                .filter(|(v, _)| keep(*v))
                .map(|(_, c)| u64::try_from(c).unwrap_or(0))
                .sum()
        })
    }

    /// The region × status table of `(question, item)` counts.
    pub fn table(&self, question: &str, item: &str) -> Table {
        self.table_in(Columns::Status, question, item)
    }

    fn table_in(&self, columns: Columns, question: &str, item: &str) -> Table {
        self.table_of(columns, |r, s| self.cell(r, s, question, item))
    }

    /// A table of every region's row (in [`Region::ALL`] order); for
    /// another constituency (one column), a last row of its responses
    /// given for no region, never published as a group of its own but part
    /// of its total, so protected with the rest.
    fn table_of(&self, columns: Columns, count: impl Fn(Option<Region>, Support) -> u64) -> Table {
        let rows = Region::ALL.into_iter().map(Some);
        Table::new(match columns {
            Columns::Status => rows
                .map(|r| Support::ALL.iter().map(|s| count(r, *s)).collect())
                .collect(),
            Columns::One => rows
                .chain([None])
                .map(|r| vec![Support::ALL.iter().map(|s| count(r, *s)).sum()])
                .collect(),
        })
    }
}

/// The columns of a summary's tables: the Parties' by declared status; one
/// for any other constituency (its whole, by region).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Columns {
    Status,
    One,
}

/// A count and its share of the group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Share {
    pub id: String,
    pub count: u64,
    /// Percentage of the group's `n` (0–100).
    pub percent: f64,
}

/// One row of a matrix, or one ranked item: figures shown only when the
/// row's (item's) own group passes disclosure control.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measure<T> {
    pub id: String,
    /// `None`: withheld (fewer than k answered this row / ranked this item
    /// in the group, or withheld to protect another group).
    pub figures: Option<T>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatrixRow {
    pub n: u64,
    pub columns: Vec<Share>,
    /// Mean rating (see [`point_values`]).
    pub mean: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ranked {
    /// How many ranked it at all.
    pub n: u64,
    /// How many ranked it first.
    pub first: u64,
    /// Mean rank among those who ranked it (1 = first).
    pub mean_rank: f64,
}

/// One bin of a number question's distribution: `[low, high]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bin {
    pub low: f64,
    pub high: f64,
    pub count: u64,
}

/// A shown group's figures for one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Figures {
    /// Single and multiple choice: shares of the group's `n` (multiple
    /// choices may add up to more than 100%).
    Choices {
        shares: Vec<Share>,
    },
    Scale {
        shares: Vec<Share>,
        mean: f64,
        median: f64,
    },
    /// A number question: the mean and the counts per bin (no median,
    /// minimum or maximum: each can be one response's own value).
    Number {
        mean: f64,
        bins: Vec<Bin>,
    },
    Matrix {
        rows: Vec<Measure<MatrixRow>>,
    },
    Ranking {
        items: Vec<Measure<Ranked>>,
    },
    /// Free text: read page by page (only for shown groups).
    Text,
}

/// One group's cell of a question's summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub group: Group,
    /// Those of the group who answered the question; `None` when withheld.
    pub n: Option<u64>,
    pub figures: Option<Figures>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionSummary {
    pub question: String,
    pub cells: Vec<Cell>,
}

/// What `n` counts: Parties (one response per Party), people, or
/// organisations (partners: one response per organisation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unit {
    Parties,
    People,
    Organisations,
}

impl Unit {
    /// The message id of the unit's name ("Parties", "respondents", …).
    pub fn message_id(self) -> &'static str {
        match self {
            Unit::Parties => "summary-unit-parties",
            Unit::People => "summary-unit-people",
            Unit::Organisations => "summary-unit-organisations",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub grouping: Grouping,
    pub k: Threshold,
    pub unit: Unit,
    /// Responses per group (`None`: withheld).
    pub responses: Vec<(Group, Option<u64>)>,
    pub questions: Vec<QuestionSummary>,
}

/// The value of each point of a scale (or matrix column) for means: its id
/// when every id is a number (a capacity scale 0–3), else its position
/// (1 = first).
pub fn point_values(ids: &[&str]) -> Vec<f64> {
    let numbers: Option<Vec<f64>> = ids.iter().map(|i| i.parse::<f64>().ok()).collect();
    numbers.unwrap_or_else(|| (1..=ids.len()).map(|i| i as f64).collect())
}

/// The summary of `survey` by `grouping`, for groups among `regions` (a
/// viewer's regions; all for the Secretariat), with disclosure control
/// under `k` (see [`summarise_all`]).
pub fn summarise(
    survey: &Survey,
    tallies: &Tallies,
    grouping: Grouping,
    regions: &[Region],
    k: Threshold,
) -> Summary {
    summarise_all(survey, tallies, k)
        .into_iter()
        .find(|s| s.grouping == grouping)
        .map(|s| s.for_regions(regions))
        .unwrap_or_else(|| Summary {
            grouping,
            k,
            unit: unit(survey),
            responses: vec![],
            questions: vec![],
        })
}

fn unit(survey: &Survey) -> Unit {
    match survey.respondents() {
        super::survey::Respondents::PerParty => Unit::Parties,
        super::survey::Respondents::PerInvitee => Unit::People,
    }
}

/// The summaries of `survey` by each of the four groupings, over every
/// region, under one disclosure pattern for the whole consultation.
///
/// Every figure that a summary publishes is a count of some item in some
/// group (responses; those who answered a question; each option, scale
/// point, matrix cell and row, ranked item at each rank, number bin, text),
/// or is computed from such counts of the same group (percentages, means,
/// medians, mean ranks). Each of those counts has a region × status table,
/// and all of them are protected together by
/// [`disclosure::protect_linked`]: a group is shown with every figure of
/// every question, or withheld with every figure, and no withheld figure
/// can be narrowed to its value from the published ones under sums and
/// non-negativity. A number question's bins are fixed before protection
/// (from every value, edges shifted so that none equals a value given);
/// its minimum, maximum and median are never published.
pub fn summarise_all(survey: &Survey, tallies: &Tallies, k: Threshold) -> Vec<Summary> {
    summarise_tables(
        survey,
        tallies,
        k,
        Columns::Status,
        &Grouping::ALL,
        unit(survey),
    )
}

/// The groupings another constituency is summarised by (its members are
/// not asked a status).
pub const CONSTITUENCY_GROUPINGS: [Grouping; 2] = [Grouping::Overall, Grouping::Region];

/// The summaries of one constituency other than the Parties' (`tallies`:
/// its own, [`Tallies::of`]) by [`CONSTITUENCY_GROUPINGS`], over every
/// region: its own tables — rows regions, one column — protected as the
/// Parties' are ([`disclosure::protect_linked`]: threshold, complementary
/// suppression, intervals), so that no withheld region of it can be
/// narrowed from its published figures. Nothing of the Parties' or of
/// another constituency enters them.
pub fn summarise_constituency(
    survey: &Survey,
    constituency: Constituency,
    tallies: &Tallies,
    k: Threshold,
) -> Vec<Summary> {
    let unit = match constituency.unit() {
        constituency::Unit::Party => unit(survey),
        constituency::Unit::Member => Unit::People,
        constituency::Unit::Organisation => Unit::Organisations,
    };
    summarise_tables(
        survey,
        tallies,
        k,
        Columns::One,
        &CONSTITUENCY_GROUPINGS,
        unit,
    )
}

/// One constituency's (other than the Parties') frozen summaries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConstituencySummaries {
    pub constituency: Constituency,
    /// By [`CONSTITUENCY_GROUPINGS`], over every region.
    pub summaries: Vec<Summary>,
}

impl ConstituencySummaries {
    /// The summary by `grouping`.
    pub fn summary(&self, grouping: Grouping) -> Option<&Summary> {
        self.summaries.iter().find(|s| s.grouping == grouping)
    }

    /// Whether the group of `region` (`None`: the whole constituency) is
    /// shown.
    pub fn shown(&self, region: Option<Region>) -> bool {
        let grouping = if region.is_some() {
            Grouping::Region
        } else {
            Grouping::Overall
        };
        self.summary(grouping).is_some_and(|s| {
            s.responses
                .iter()
                .any(|(g, n)| g.region == region && n.is_some())
        })
    }
}

/// The summaries of every constituency other than the Parties' that has
/// responses in `tallies`, in declaration order ([`summarise_constituency`]).
pub fn summarise_constituencies(
    survey: &Survey,
    tallies: &Tallies,
    k: Threshold,
) -> Vec<ConstituencySummaries> {
    tallies
        .others()
        .filter(|(_, t)| t.count(Group::ALL, RESPONSES, ANSWERED) > 0)
        .map(|(c, t)| ConstituencySummaries {
            constituency: c,
            summaries: summarise_constituency(survey, c, t, k),
        })
        .collect()
}

/// The summaries by `groupings` from `tallies` alone, with tables of
/// `columns`, under one disclosure pattern (see [`summarise_all`]).
fn summarise_tables(
    survey: &Survey,
    tallies: &Tallies,
    k: Threshold,
    columns: Columns,
    groupings: &[Grouping],
    unit: Unit,
) -> Vec<Summary> {
    let bins: HashMap<String, Vec<(f64, f64)>> = survey
        .questions()
        .filter(|q| matches!(q.kind, QuestionKind::Number { .. }))
        .map(|q| {
            (
                q.id.clone(),
                bin_edges(&tallies.values(Group::ALL, &q.id).0),
            )
        })
        .collect();
    let sizes = tallies.table_in(columns, RESPONSES, ANSWERED);
    let measures: Vec<Table> = survey
        .questions()
        .flat_map(|q| measure_tables(q, tallies, columns, bins.get(&q.id)))
        .collect();
    let pattern = disclosure::protect_linked(&sizes, &measures, k);
    groupings
        .iter()
        .map(|&grouping| {
            let groups = grouping.groups(&Region::ALL);
            Summary {
                grouping,
                k,
                unit,
                responses: groups
                    .iter()
                    .map(|(g, f)| (*g, pattern.shown(*f).then(|| sizes.size(*f))))
                    .collect(),
                questions: survey
                    .questions()
                    .map(|q| summarise_question(q, tallies, &groups, &pattern, bins.get(&q.id)))
                    .collect(),
            }
        })
        .collect()
}

impl Summary {
    /// This summary with only the groups of `regions` (groups across every
    /// region are kept: only the Secretariat is offered those groupings).
    pub fn for_regions(mut self, regions: &[Region]) -> Summary {
        let keep = |g: &Group| g.region.is_none_or(|r| regions.contains(&r));
        self.responses.retain(|(g, _)| keep(g));
        for q in &mut self.questions {
            q.cells.retain(|c| keep(&c.group));
        }
        self
    }
}

impl Group {
    /// Every response.
    pub const ALL: Group = Group {
        region: None,
        support: None,
    };
}

/// The region × status tables of every count `q` publishes.
fn measure_tables(
    q: &Question,
    t: &Tallies,
    columns: Columns,
    bins: Option<&Vec<(f64, f64)>>,
) -> Vec<Table> {
    let mut items: Vec<String> = vec![];
    match &q.kind {
        QuestionKind::SingleChoice { options, other } => {
            items.extend(options.iter().map(|o| o.id.clone()));
            if *other {
                items.push(answers::OTHER.into());
            }
        }
        QuestionKind::MultipleChoice { options, .. } => {
            items.extend(options.iter().map(|o| o.id.clone()))
        }
        QuestionKind::Scale { points } => items.extend(points.iter().map(|o| o.id.clone())),
        QuestionKind::Matrix { rows, columns } => {
            for r in rows {
                for c in columns {
                    items.push(pair(&r.id, &c.id));
                }
            }
        }
        QuestionKind::Ranking { options, top } => {
            for o in options {
                for rank in 1..=*top {
                    items.push(pair(&o.id, &rank.to_string()));
                }
            }
        }
        QuestionKind::Number { .. } => {
            let mut tables = vec![t.table_in(columns, &q.id, ANSWERED)];
            for (low, high) in bins.into_iter().flatten() {
                tables.push(t.table_where_in(columns, &q.id, |v| in_bin(v, *low, *high)));
            }
            return tables;
        }
        QuestionKind::ShortText { .. } | QuestionKind::LongText { .. } => {}
    }
    let mut tables = vec![t.table_in(columns, &q.id, ANSWERED)];
    if let QuestionKind::Matrix { rows: ids, .. } | QuestionKind::Ranking { options: ids, .. } =
        &q.kind
    {
        tables.extend(
            ids.iter()
                .map(|r| t.table_in(columns, &sub_key(&q.id, &r.id), ANSWERED)),
        );
    }
    tables.extend(items.iter().map(|i| t.table_in(columns, &q.id, i)));
    tables
}

fn in_bin(v: f64, low: f64, high: f64) -> bool {
    v >= low && v < high
}

fn share(id: &str, count: u64, n: u64) -> Share {
    Share {
        id: id.to_string(),
        count,
        percent: if n == 0 {
            0.0
        } else {
            count as f64 * 100.0 / n as f64
        },
    }
}

fn summarise_question(
    q: &Question,
    t: &Tallies,
    groups: &[(Group, Figure)],
    pattern: &Pattern,
    bins: Option<&Vec<(f64, f64)>>,
) -> QuestionSummary {
    let cells = groups
        .iter()
        .map(|(group, figure)| {
            let shown = pattern.shown(*figure);
            let n = shown.then(|| t.count(*group, &q.id, ANSWERED));
            let figures = n.map(|n| figures(q, t, *group, n, bins));
            Cell {
                group: *group,
                n,
                figures,
            }
        })
        .collect();
    QuestionSummary {
        question: q.id.clone(),
        cells,
    }
}

fn figures(
    q: &Question,
    t: &Tallies,
    group: Group,
    n: u64,
    bins: Option<&Vec<(f64, f64)>>,
) -> Figures {
    let count = |item: &str| t.count(group, &q.id, item);
    match &q.kind {
        QuestionKind::SingleChoice { options, other } => {
            let mut shares: Vec<Share> = options
                .iter()
                .map(|o| share(&o.id, count(&o.id), n))
                .collect();
            if *other {
                shares.push(share(answers::OTHER, count(answers::OTHER), n));
            }
            Figures::Choices { shares }
        }
        QuestionKind::MultipleChoice { options, .. } => Figures::Choices {
            shares: options
                .iter()
                .map(|o| share(&o.id, count(&o.id), n))
                .collect(),
        },
        QuestionKind::Scale { points } => {
            let ids: Vec<&str> = points.iter().map(|p| p.id.as_str()).collect();
            let values = point_values(&ids);
            let counts: Vec<u64> = ids.iter().map(|i| count(i)).collect();
            let (mean, median) = mean_median(values.iter().copied().zip(counts.iter().copied()));
            Figures::Scale {
                shares: ids
                    .iter()
                    .zip(&counts)
                    .map(|(i, c)| share(i, *c, n))
                    .collect(),
                mean,
                median,
            }
        }
        QuestionKind::Number { .. } => {
            let (pairs, sum) = t.values(group, &q.id);
            Figures::Number {
                mean: if n == 0 { 0.0 } else { sum / n as f64 },
                bins: bins
                    .into_iter()
                    .flatten()
                    .map(|(low, high)| Bin {
                        low: *low,
                        high: *high,
                        count: pairs
                            .iter()
                            .filter(|(v, _)| in_bin(*v, *low, *high))
                            .map(|(_, c)| c)
                            .sum(),
                    })
                    .collect(),
            }
        }
        QuestionKind::Matrix { rows, columns } => {
            let ids: Vec<&str> = columns.iter().map(|c| c.id.as_str()).collect();
            let values = point_values(&ids);
            Figures::Matrix {
                rows: rows
                    .iter()
                    .map(|r| {
                        let rn = t.count(group, &sub_key(&q.id, &r.id), ANSWERED);
                        let counts: Vec<u64> = ids.iter().map(|c| count(&pair(&r.id, c))).collect();
                        let (mean, _) =
                            mean_median(values.iter().copied().zip(counts.iter().copied()));
                        Measure {
                            id: r.id.clone(),
                            figures: Some(MatrixRow {
                                n: rn,
                                columns: ids
                                    .iter()
                                    .zip(&counts)
                                    .map(|(c, n)| share(c, *n, rn))
                                    .collect(),
                                mean: (rn > 0).then_some(mean),
                            }),
                        }
                    })
                    .collect(),
            }
        }
        QuestionKind::Ranking { options, top } => Figures::Ranking {
            items: options
                .iter()
                .map(|o| {
                    let by_rank: Vec<u64> = (1..=*top)
                        .map(|r| count(&pair(&o.id, &r.to_string())))
                        .collect();
                    let ranked: u64 = by_rank.iter().sum();
                    Measure {
                        id: o.id.clone(),
                        figures: Some(Ranked {
                            n: ranked,
                            first: by_rank.first().copied().unwrap_or(0),
                            mean_rank: if ranked == 0 {
                                0.0
                            } else {
                                by_rank
                                    .iter()
                                    .enumerate()
                                    .map(|(i, c)| (i + 1) as f64 * *c as f64)
                                    .sum::<f64>()
                                    / ranked as f64
                            },
                        }),
                    }
                })
                .collect(),
        },
        QuestionKind::ShortText { .. } | QuestionKind::LongText { .. } => Figures::Text,
    }
}

/// Mean and median of values with counts (the median of an even count is
/// the mean of the two middle values).
fn mean_median(pairs: impl Iterator<Item = (f64, u64)> + Clone) -> (f64, f64) {
    let mut sorted: Vec<(f64, u64)> = pairs.filter(|(_, c)| *c > 0).collect();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let n: u64 = sorted.iter().map(|(_, c)| c).sum();
    if n == 0 {
        return (0.0, 0.0);
    }
    let mean = sorted.iter().map(|(v, c)| v * *c as f64).sum::<f64>() / n as f64;
    let nth = |i: u64| {
        let mut seen = 0;
        for (v, c) in &sorted {
            seen += c;
            if i < seen {
                return *v;
            }
        }
        0.0
    };
    let median = if n % 2 == 1 {
        nth(n / 2)
    } else {
        (nth(n / 2 - 1) + nth(n / 2)) / 2.0
    };
    (mean, median)
}

/// The bins of a number question: `[low, high)` pairs of equal width, a
/// round step (1, 2 or 5 × a power of ten) over every value given, with
/// the edges shifted by a fraction of the step so that no edge equals a
/// value given (an edge or a range end is never someone's answer).
pub fn bin_edges(values: &[(f64, u64)]) -> Vec<(f64, f64)> {
    let given: Vec<f64> = values
        .iter()
        .filter(|(v, c)| *c > 0 && v.is_finite())
        .map(|(v, _)| *v)
        .collect();
    let (Some(min), Some(max)) = (
        given.iter().copied().reduce(f64::min),
        given.iter().copied().reduce(f64::max),
    ) else {
        return vec![];
    };
    const TARGET: f64 = 6.0;
    let span = (max - min).max(min.abs() * 0.1).max(1e-6);
    let rough = span / TARGET;
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * magnitude);
    let is_given = |e: f64| given.iter().any(|v| (v - e).abs() <= step * 1e-9);
    for fraction in [0.5, 0.25, 0.75, 0.125, 0.375, 0.625, 0.875, 0.0625] {
        let offset = fraction * step;
        let low = ((min - offset) / step).floor() * step + offset;
        let mut edges = vec![low];
        while *edges.last().unwrap_or(&low) <= max && edges.len() < 64 {
            let next = low + step * edges.len() as f64;
            edges.push(next);
        }
        if !edges.iter().any(|e| is_given(*e)) {
            return edges.windows(2).map(|w| (w[0], w[1])).collect();
        }
    }
    vec![]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::survey::Section;
    use crate::domain::survey::fixtures::{choices, q};

    fn survey() -> Survey {
        Survey {
            sections: vec![Section {
                id: "s".into(),
                questions: vec![
                    q(
                        "pick",
                        QuestionKind::SingleChoice {
                            options: choices(&["a", "b"]),
                            other: true,
                        },
                    ),
                    q(
                        "scale",
                        QuestionKind::Scale {
                            points: choices(&["0", "1", "2", "3"]),
                        },
                    ),
                    q(
                        "grid",
                        QuestionKind::Matrix {
                            rows: choices(&["x", "y"]),
                            columns: choices(&["0", "1", "2", "3"]),
                        },
                    ),
                    q(
                        "rank",
                        QuestionKind::Ranking {
                            options: choices(&["p", "q", "r"]),
                            top: 2,
                        },
                    ),
                    q(
                        "num",
                        QuestionKind::Number {
                            integer: false,
                            min: None,
                            max: None,
                        },
                    ),
                    q("say", QuestionKind::LongText { max_length: 100 }),
                ],
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    fn answers(pick: &str, scale: &str, x: Option<&str>, num: &str) -> Answers {
        let mut a = Answers::new();
        a.insert("pick".into(), Answer::Choice(pick.into()));
        a.insert("scale".into(), Answer::Choice(scale.into()));
        let mut m = BTreeMap::new();
        if let Some(x) = x {
            m.insert("x".to_string(), x.to_string());
        }
        m.insert("y".to_string(), "3".to_string());
        a.insert("grid".into(), Answer::Matrix(m));
        a.insert("rank".into(), Answer::Ranking(vec!["q".into(), "p".into()]));
        a.insert("num".into(), Answer::Number(num.into()));
        a.insert("say".into(), Answer::Text("  ".into()));
        a
    }

    fn tally(rows: &[(Region, Support, Answers)]) -> Tallies {
        let s = survey();
        let mut t = Tallies::default();
        for (r, sup, a) in rows {
            for (q, i, n) in marks(&s, a) {
                t.add(*r, *sup, &q, &i, n);
            }
        }
        t
    }

    #[test]
    fn marks_count_each_answer_once_and_skip_blank_text() {
        let m: Vec<(String, String)> = marks(&survey(), &answers("a", "2", Some("1"), "12,5"))
            .into_iter()
            .map(|(q, i, _)| (q, i))
            .collect();
        assert!(m.contains(&("".into(), "".into())));
        assert!(m.contains(&("pick".into(), "a".into())));
        assert!(m.contains(&("grid".into(), "x/1".into())));
        assert!(m.contains(&("grid#x".into(), "".into())));
        assert!(m.contains(&("rank#q".into(), "".into())));
        assert!(m.contains(&("rank".into(), "q/1".into())));
        assert!(m.contains(&("rank".into(), "p/2".into())));
        assert!(m.contains(&("num".into(), "13".into())));
        assert!(
            !m.iter().any(|(q, _)| q == "say"),
            "blank text is unanswered"
        );
    }

    #[test]
    fn figures_of_a_large_group() {
        let rows: Vec<_> = (0..6)
            .map(|i| {
                (
                    Region::Africa,
                    Support::Receives,
                    answers(
                        if i < 4 { "a" } else { "b" },
                        &(i % 4).to_string(),
                        Some("2"),
                        &i.to_string(),
                    ),
                )
            })
            .collect();
        let s = survey();
        let sum = summarise(
            &s,
            &tally(&rows),
            Grouping::Overall,
            &Region::ALL,
            Threshold::default(),
        );
        assert_eq!(sum.responses[0].1, Some(6));
        assert_eq!(sum.unit, Unit::People);
        let pick = &sum.questions[0].cells[0];
        assert_eq!(pick.n, Some(6));
        let Some(Figures::Choices { shares }) = &pick.figures else {
            panic!()
        };
        assert_eq!(shares[0].count, 4);
        assert!((shares[0].percent - 66.666).abs() < 0.01);
        let Some(Figures::Scale { mean, median, .. }) = &sum.questions[1].cells[0].figures else {
            panic!()
        };
        // 0,1,2,3,0,1
        assert!((mean - 7.0 / 6.0).abs() < 1e-9);
        assert_eq!(*median, 1.0);
        let Some(Figures::Matrix { rows }) = &sum.questions[2].cells[0].figures else {
            panic!()
        };
        assert_eq!(rows[0].figures.as_ref().unwrap().mean, Some(2.0));
        assert_eq!(rows[1].figures.as_ref().unwrap().mean, Some(3.0));
        let Some(Figures::Ranking { items }) = &sum.questions[3].cells[0].figures else {
            panic!()
        };
        let q = items[1].figures.as_ref().unwrap();
        assert_eq!((q.n, q.first, q.mean_rank), (6, 6, 1.0));
        assert_eq!(
            items[2].figures.as_ref().map(|f| f.n),
            Some(0),
            "never ranked"
        );
        let Some(Figures::Number { mean, bins }) = &sum.questions[4].cells[0].figures else {
            panic!()
        };
        assert_eq!(*mean, 2.5);
        assert_eq!(bins.iter().map(|b| b.count).sum::<u64>(), 6);
        // 0, 1, 2, 3, 4, 5 were given: no bin edge is one of them.
        for b in bins {
            for v in 0..6 {
                assert_ne!(b.low, f64::from(v));
                assert_ne!(b.high, f64::from(v));
            }
        }
        assert_eq!(sum.questions[5].cells[0].n, Some(0), "nobody wrote text");
    }

    #[test]
    fn small_groups_are_withheld_with_a_complement() {
        let mut rows = vec![];
        for _ in 0..8 {
            rows.push((
                Region::Africa,
                Support::Receives,
                answers("a", "1", Some("1"), "1"),
            ));
        }
        for _ in 0..6 {
            rows.push((
                Region::Europe,
                Support::Provides,
                answers("b", "3", Some("3"), "9"),
            ));
        }
        for _ in 0..2 {
            rows.push((
                Region::NorthAmerica,
                Support::Provides,
                answers("a", "3", Some("3"), "9"),
            ));
        }
        let s = survey();
        let t = tally(&rows);
        let by_region = summarise(&s, &t, Grouping::Region, &Region::ALL, Threshold::default());
        let shown: Vec<_> = by_region
            .responses
            .iter()
            .filter_map(|(g, n)| n.map(|n| (g.region.unwrap(), n)))
            .collect();
        // North America (2) is withheld, and so is Europe (6): else the
        // overall 16 minus Africa's 8 would give North America.
        assert_eq!(shown, vec![(Region::Africa, 8)]);
        let overall = summarise(
            &s,
            &t,
            Grouping::Overall,
            &Region::ALL,
            Threshold::default(),
        );
        assert_eq!(overall.responses[0].1, Some(16));
        let status = summarise(
            &s,
            &t,
            Grouping::Support,
            &Region::ALL,
            Threshold::default(),
        );
        // Provides 8 (Europe 6 + North America 2) and receives 8 are shown.
        assert_eq!(status.responses[0].1, Some(8));
        // A matrix row rated by only some of a shown group: its figures
        // describe the group (like an option's count), shown with it.
        let mut rows2 = rows.clone();
        for r in rows2.iter_mut().take(6) {
            r.2 = answers("a", "1", None, "1");
        }
        let t2 = tally(&rows2);
        let o = summarise(
            &s,
            &t2,
            Grouping::Region,
            &Region::ALL,
            Threshold::default(),
        );
        let Some(Figures::Matrix { rows }) = &o.questions[2].cells[0].figures else {
            panic!()
        };
        assert_eq!(rows[0].figures.as_ref().unwrap().n, 2);
        assert_eq!(rows[1].figures.as_ref().unwrap().n, 8);
        // One pattern for every figure: a group is shown or withheld in
        // every question alike.
        for q in &o.questions {
            for (c, (g, n)) in q.cells.iter().zip(&o.responses) {
                assert_eq!(c.group, *g);
                assert_eq!(c.n.is_some(), n.is_some());
            }
        }
    }

    #[test]
    fn a_viewer_sees_only_their_regions() {
        let rows: Vec<_> = (0..10)
            .map(|_| {
                (
                    Region::Asia,
                    Support::Both,
                    answers("a", "1", Some("1"), "1"),
                )
            })
            .collect();
        let s = survey();
        let sum = summarise(
            &s,
            &tally(&rows),
            Grouping::RegionSupport,
            &[Region::Asia],
            Threshold::default(),
        );
        assert_eq!(sum.responses.len(), 4);
        assert!(
            sum.responses
                .iter()
                .all(|(g, _)| g.region == Some(Region::Asia))
        );
    }

    #[test]
    fn stored_tallies_add_and_take_back() {
        let s = survey();
        let a = stored_marks(&s, &answers("a", "1", Some("1"), "2"));
        let b = stored_marks(&s, &answers("b", "2", None, "3"));
        let mut stored = Stored::new();
        apply(&mut stored, &a, 1);
        apply(&mut stored, &b, 1);
        apply(&mut stored, &a, -1);
        let mut only_b = Stored::new();
        apply(&mut only_b, &b, 1);
        assert_eq!(stored, only_b, "taking a back leaves exactly b");
        let mut t = Tallies::default();
        t.add_stored(Region::Oceania, Support::Both, &stored);
        assert_eq!(
            t.count(
                Group {
                    region: None,
                    support: None
                },
                "pick",
                "b"
            ),
            1
        );
        assert_eq!(
            t.count(
                Group {
                    region: None,
                    support: None
                },
                "pick",
                "a"
            ),
            0
        );
    }

    #[test]
    fn numbers_are_counted_rounded_with_an_exact_sum() {
        assert_eq!(number_key(12.5), "13");
        assert_eq!(number_key(1234.0), "1200");
        assert_eq!(number_key(0.0456), "0.046");
        assert_eq!(number_key(-987.0), "-990");
        assert_eq!(number_key(7.0), "7");
        let m = marks(&survey(), &answers("a", "2", Some("1"), "1234,5"));
        assert!(m.contains(&("num".into(), SUM.into(), 1_234_500)));
        // 50,000 different numbers: a few hundred distinct values at most.
        let keys: std::collections::HashSet<String> =
            (0..50_000).map(|i| number_key(i as f64 * 1.7)).collect();
        assert!(keys.len() < 400, "{}", keys.len());
    }

    #[test]
    fn bin_edges_never_equal_a_value_given() {
        let values: Vec<(f64, u64)> = [10.0, 20.0, 30.0, 40.0, 12345.0]
            .into_iter()
            .map(|v| (v, 1))
            .collect();
        let bins = bin_edges(&values);
        assert!(!bins.is_empty());
        assert!(bins[0].0 < 10.0 && bins.last().unwrap().1 > 12345.0);
        for (low, high) in &bins {
            assert!(values.iter().all(|(v, _)| v != low && v != high));
        }
        // Equal values and a single value still get a bin around them.
        let one = bin_edges(&[(0.0, 3)]);
        assert_eq!(one.len(), 1);
        assert!(one[0].0 < 0.0 && one[0].1 > 0.0);
        assert!(bin_edges(&[]).is_empty());
    }

    #[test]
    fn point_values_use_numeric_ids_or_positions() {
        assert_eq!(point_values(&["0", "1", "3"]), vec![0.0, 1.0, 3.0]);
        assert_eq!(point_values(&["low", "high"]), vec![1.0, 2.0]);
    }

    /// The Parties' rows of `tally` with, when `others`, Animals Committee
    /// members' responses added (Africa 6, Asia 2, Europe 3, North America
    /// 1) and two Plants Committee members (Oceania).
    fn with_committees(others: bool) -> Tallies {
        let s = survey();
        let mut rows = vec![];
        for i in 0..8 {
            rows.push((
                Region::Africa,
                Support::Receives,
                answers(if i < 5 { "a" } else { "b" }, "1", Some("1"), "1"),
            ));
        }
        for _ in 0..6 {
            rows.push((
                Region::Europe,
                Support::Provides,
                answers("b", "3", Some("3"), "9"),
            ));
        }
        let mut t = tally(&rows);
        if others {
            let committee = [
                (Region::Africa, 6),
                (Region::Asia, 2),
                (Region::Europe, 3),
                (Region::NorthAmerica, 1),
            ];
            for (region, n) in committee {
                for i in 0..n {
                    let a = answers(if i % 2 == 0 { "a" } else { "b" }, "2", Some("2"), "40");
                    let marks = stored_marks(&s, &a);
                    let mut stored = Stored::new();
                    apply(&mut stored, &marks, 1);
                    let status = tallied_status(Constituency::AnimalsCommittee, None).unwrap();
                    t.add_stored_of(
                        Constituency::AnimalsCommittee,
                        Some(region),
                        status,
                        &stored,
                    );
                }
            }
            for _ in 0..2 {
                let mut stored = Stored::new();
                apply(
                    &mut stored,
                    &stored_marks(&s, &answers("a", "0", None, "7")),
                    1,
                );
                t.add_stored_of(
                    Constituency::PlantsCommittee,
                    Some(Region::Oceania),
                    Support::Neither,
                    &stored,
                );
            }
        }
        t
    }

    #[test]
    fn party_figures_are_the_same_whatever_other_constituencies_answered() {
        let s = survey();
        let k = Threshold::default();
        let without = summarise_all(&s, &with_committees(false), k);
        let with = summarise_all(&s, &with_committees(true), k);
        assert_eq!(without, with);
        assert_eq!(
            with[0].responses[0].1,
            Some(14),
            "the Parties' 14 responses, no member's"
        );
        assert!(summarise_constituencies(&s, &with_committees(false), k).is_empty());
    }

    #[test]
    fn a_constituency_is_summarised_on_its_own_by_region() {
        let s = survey();
        let k = Threshold::default();
        let all = summarise_constituencies(&s, &with_committees(true), k);
        let codes: Vec<Constituency> = all.iter().map(|c| c.constituency).collect();
        assert_eq!(
            codes,
            vec![
                Constituency::AnimalsCommittee,
                Constituency::PlantsCommittee
            ]
        );
        let animals = &all[0];
        let overall = animals.summary(Grouping::Overall).unwrap();
        assert_eq!(overall.unit, Unit::People);
        assert_eq!(overall.responses, vec![(Group::ALL, Some(12))]);
        let by_region = animals.summary(Grouping::Region).unwrap();
        let shown: Vec<(Region, u64)> = by_region
            .responses
            .iter()
            .filter_map(|(g, n)| n.map(|n| (g.region.unwrap(), n)))
            .collect();
        // Asia 2 and North America 1 are under k; Europe 3 is withheld too,
        // else 12 − 6 would leave them 3 (a remainder under k).
        assert_eq!(shown, vec![(Region::Africa, 6)]);
        assert!(animals.shown(None) && animals.shown(Some(Region::Africa)));
        assert!(!animals.shown(Some(Region::Asia)));
        // Its figures are its own: 6 members in Africa answered "a" 3 times.
        let pick = &by_region.questions[0];
        let africa = pick
            .cells
            .iter()
            .find(|c| c.group.region == Some(Region::Africa))
            .unwrap();
        let Some(Figures::Choices { shares }) = &africa.figures else {
            panic!()
        };
        assert_eq!((shares[0].count, shares[1].count), (3, 3));
        // Two Plants Committee members: nothing of theirs is shown.
        let plants = &all[1];
        for summary in &plants.summaries {
            assert!(summary.responses.iter().all(|(_, n)| n.is_none()));
            for q in &summary.questions {
                assert!(q.cells.iter().all(|c| c.n.is_none() && c.figures.is_none()));
            }
        }
        assert_eq!(
            summarise_constituency(&s, Constituency::PartnerNgo, &Tallies::default(), k)[0].unit,
            Unit::Organisations
        );
    }

    #[test]
    fn a_withheld_region_of_a_constituency_cannot_be_recovered() {
        let s = survey();
        let k = Threshold::default();
        let t = with_committees(true);
        let animals = t.of(Constituency::AnimalsCommittee).unwrap();
        let summaries = summarise_constituency(&s, Constituency::AnimalsCommittee, animals, k);
        // What its published figures show, read back from the summaries.
        let sizes = animals.table_in(Columns::One, RESPONSES, ANSWERED);
        assert_eq!((sizes.rows(), sizes.columns()), (Region::ALL.len() + 1, 1));
        let mut shown = vec![];
        for summary in &summaries {
            for ((g, n), (_, f)) in summary
                .responses
                .iter()
                .zip(summary.grouping.groups(&Region::ALL))
            {
                assert!(g.support.is_none());
                if n.is_some() {
                    shown.push(f);
                    if let Figure::Row(r) = f {
                        shown.push(Figure::Cell(r, 0));
                    }
                    if f == Figure::Total {
                        shown.push(Figure::Column(0));
                    }
                }
            }
        }
        let pattern = Pattern::showing(&sizes, &shown);
        let measures: Vec<Table> = s
            .questions()
            .flat_map(|q| {
                let bins = bin_edges(&animals.values(Group::ALL, &q.id).0);
                measure_tables(q, animals, Columns::One, Some(&bins))
            })
            .collect();
        assert_eq!(
            disclosure::audit_linked(&sizes, &measures, &pattern, k),
            vec![]
        );
        // And by hand: the total less the regions shown leaves the withheld
        // ones together at least k, each of which may still be anything
        // from 0 to that remainder.
        let total = summaries[0].responses[0].1.unwrap();
        let regions: u64 = summaries[1].responses.iter().filter_map(|(_, n)| *n).sum();
        assert!(total - regions >= u64::from(k.get()));
        // Had Europe been shown, North America and Asia (3) would follow
        // from the total: the audit catches it.
        let europe = Region::ALL
            .iter()
            .position(|r| *r == Region::Europe)
            .unwrap();
        let mut leaky = shown.clone();
        leaky.extend([Figure::Row(europe), Figure::Cell(europe, 0)]);
        assert!(!disclosure::audit(&sizes, &Pattern::showing(&sizes, &leaky), k).is_empty());
    }

    #[test]
    fn partners_working_worldwide_count_in_the_whole_only() {
        let s = survey();
        let k = Threshold::default();
        let mut t = Tallies::default();
        let mut one = Stored::new();
        apply(
            &mut one,
            &stored_marks(&s, &answers("a", "1", None, "3")),
            1,
        );
        for (region, n) in [(Some(Region::Africa), 5), (None, 3)] {
            for _ in 0..n {
                t.add_stored_of(Constituency::PartnerNgo, region, Support::Neither, &one);
            }
        }
        // A Party's group without a region is not counted.
        t.add_stored_of(Constituency::Party, None, Support::Both, &one);
        assert_eq!(t.count(Group::ALL, RESPONSES, ANSWERED), 0);
        let all = summarise_constituencies(&s, &t, k);
        let ngo = &all[0];
        assert_eq!(
            ngo.summary(Grouping::Overall).unwrap().responses,
            vec![(Group::ALL, Some(8))]
        );
        // Africa's 5 would leave the 3 worldwide ones to subtraction.
        assert!(!ngo.shown(Some(Region::Africa)));
        let by_region = ngo.summary(Grouping::Region).unwrap();
        assert_eq!(
            by_region.responses.len(),
            Region::ALL.len(),
            "no group of no region"
        );
        // With 5 worldwide, Africa is shown too.
        for _ in 0..2 {
            t.add_stored_of(Constituency::PartnerNgo, None, Support::Neither, &one);
        }
        let all = summarise_constituencies(&s, &t, k);
        assert!(all[0].shown(None) && all[0].shown(Some(Region::Africa)));
    }

    #[test]
    fn other_constituencies_keep_one_status() {
        assert_eq!(
            tallied_status(Constituency::Party, Some(Support::Both)),
            Some(Support::Both)
        );
        assert_eq!(tallied_status(Constituency::Party, None), None);
        for c in Constituency::others() {
            assert_eq!(tallied_status(c, None), Some(Support::Neither));
            assert_eq!(
                tallied_status(c, Some(Support::Provides)),
                Some(Support::Neither)
            );
        }
    }

    #[test]
    fn groupings_round_trip() {
        for g in Grouping::ALL {
            assert_eq!(Grouping::parse(g.code()), Some(g));
        }
        assert_eq!(Grouping::parse("party"), None);
    }
}
