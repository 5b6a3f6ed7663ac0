//! Disclosure control: which figures of a summary may be shown.
//!
//! Every summary groups responses by CITES region (rows) and by declared
//! donor/recipient status (columns). The four fixed groupings a viewer can
//! choose — overall, by region, by status, region × status — are all parts
//! of one table: its cells, its row and column margins and its grand total.
//! The group sizes (responses per group) make one such table; every count
//! a summary publishes (an option's choosers, a matrix cell, a ranked item
//! at a rank, a number bin) makes another, a *measure*, cell by cell at
//! most the group's size. [`protect_linked`] decides once, for the sizes
//! and every measure, which figures are shown — one [`Pattern`] for all of
//! them — so no view and no combination of views (or exports) reveals a
//! withheld figure. [`audit_linked`] checks:
//!
//! - *threshold*: a figure (cell, margin or total) is shown only for a group
//!   of at least `k` responses (never for an empty one);
//! - *exact elimination*: no withheld figure of a non-empty group is
//!   determined by the shown ones (every published sum is an equation; a
//!   withheld figure must not be solvable from them);
//! - *small remainder*: wherever a published sum of the sizes has withheld
//!   parts, those parts together hold at least `k` responses (so
//!   subtraction yields only a group of at least `k`);
//! - *intervals*: in every table, a withheld figure of a group under `k`
//!   (a primary suppression) of value `v > 0` can be
//!   as low as `v - 1` for all the published figures say, given that
//!   withheld figures are non-negative and that a measure's are at most
//!   what the same figures of the sizes can be ([`lower_bound`], a linear
//!   programme solved exactly as a flow). Tables with many zeros need it: a
//!   published margin whose other parts must be 0 pins a withheld cell.
//!   A withheld figure proved to be 0 is allowed: it says that a shown
//!   group (at least `k`) answered alike, which the threshold covers. A
//!   figure withheld only to protect another (its group is at least `k`)
//!   needs no interval of its own, as in statistical offices' practice
//!   (protection levels are set on the sensitive cells): what it would
//!   reveal of a small group is caught on that group's own figure.
//!
//! Unanimity needs no rule of its own: an answer every member of a group
//! gave is shown only with the group, which is shown only at `k` or more.
//!
//! Known limit: each table is audited on its own (with the bounds the sizes
//! give its figures, one figure at a time). Sums that link tables of one
//! question — options adding up to the answered count, a measure and its
//! complement (the group's size minus the measure) — are not audited
//! jointly.

use serde::{Deserialize, Serialize};

/// The smallest threshold a deployment may set.
pub const MIN_K: u32 = 3;
/// The threshold when none is set.
pub const DEFAULT_K: u32 = 5;

/// The minimum group size `k` of a deployment (never below [`MIN_K`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Threshold(u32);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ThresholdError {
    #[error("the disclosure threshold must be at least {MIN_K}, not {0}")]
    TooLow(u32),
}

impl Threshold {
    pub fn new(k: u32) -> Result<Threshold, ThresholdError> {
        if k < MIN_K {
            return Err(ThresholdError::TooLow(k));
        }
        Ok(Threshold(k))
    }

    pub fn get(self) -> u32 {
        self.0
    }

    fn allows(self, n: u64) -> bool {
        n >= u64::from(self.0)
    }
}

impl Default for Threshold {
    fn default() -> Self {
        Threshold(DEFAULT_K)
    }
}

/// Group sizes: `cells[row][column]` (rows: regions, columns: statuses).
/// Margins and total are the sums.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    cells: Vec<Vec<u64>>,
    columns: usize,
}

impl Table {
    /// A table of `rows` × `columns` cells (each row the same length).
    pub fn new(cells: Vec<Vec<u64>>) -> Table {
        let columns = cells.iter().map(Vec::len).max().unwrap_or(0);
        let cells = cells
            .into_iter()
            .map(|mut r| {
                r.resize(columns, 0);
                r
            })
            .collect();
        Table { cells, columns }
    }

    pub fn rows(&self) -> usize {
        self.cells.len()
    }

    pub fn columns(&self) -> usize {
        self.columns
    }

    pub fn cell(&self, r: usize, c: usize) -> u64 {
        self.cells[r][c]
    }

    pub fn row(&self, r: usize) -> u64 {
        self.cells[r].iter().sum()
    }

    pub fn column(&self, c: usize) -> u64 {
        self.cells.iter().map(|r| r[c]).sum()
    }

    pub fn total(&self) -> u64 {
        self.cells.iter().flatten().sum()
    }

    /// The size of `figure`'s group.
    pub fn size(&self, figure: Figure) -> u64 {
        match figure {
            Figure::Cell(r, c) => self.cell(r, c),
            Figure::Row(r) => self.row(r),
            Figure::Column(c) => self.column(c),
            Figure::Total => self.total(),
        }
    }

    /// Every figure: cells, row margins, column margins, total.
    pub fn figures(&self) -> Vec<Figure> {
        let mut all = Vec::new();
        for r in 0..self.rows() {
            for c in 0..self.columns {
                all.push(Figure::Cell(r, c));
            }
        }
        all.extend((0..self.rows()).map(Figure::Row));
        all.extend((0..self.columns).map(Figure::Column));
        all.push(Figure::Total);
        all
    }

    /// The position of `figure` in [`Table::figures`].
    fn index(&self, figure: Figure) -> usize {
        let (rows, columns) = (self.rows(), self.columns);
        match figure {
            Figure::Cell(r, c) => r * columns + c,
            Figure::Row(r) => rows * columns + r,
            Figure::Column(c) => rows * columns + rows + c,
            Figure::Total => rows * columns + rows + columns,
        }
    }

    /// The published sums: (the sum, its parts). A row margin is the sum of
    /// its cells, a column margin of its cells, the total of the row
    /// margins, of the column margins and of every cell.
    fn sums(&self) -> Vec<(Figure, Vec<Figure>)> {
        let mut sums = Vec::new();
        for r in 0..self.rows() {
            sums.push((
                Figure::Row(r),
                (0..self.columns).map(|c| Figure::Cell(r, c)).collect(),
            ));
        }
        for c in 0..self.columns {
            sums.push((
                Figure::Column(c),
                (0..self.rows()).map(|r| Figure::Cell(r, c)).collect(),
            ));
        }
        sums.push((Figure::Total, (0..self.rows()).map(Figure::Row).collect()));
        sums.push((
            Figure::Total,
            (0..self.columns).map(Figure::Column).collect(),
        ));
        sums
    }
}

/// One figure of a [`Table`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Figure {
    Cell(usize, usize),
    Row(usize),
    Column(usize),
    Total,
}

/// Which figures of a table are shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    cells: Vec<Vec<bool>>,
    rows: Vec<bool>,
    columns: Vec<bool>,
    total: bool,
}

impl Pattern {
    fn all(table: &Table, shown: bool) -> Pattern {
        Pattern {
            cells: vec![vec![shown; table.columns()]; table.rows()],
            rows: vec![shown; table.rows()],
            columns: vec![shown; table.columns()],
            total: shown,
        }
    }

    /// The pattern of `table`'s shape that shows exactly the figures
    /// `shown` (as read back from what a page or an export publishes, to
    /// audit it).
    pub fn showing(table: &Table, shown: &[Figure]) -> Pattern {
        let mut pattern = Pattern::all(table, false);
        for figure in shown {
            match *figure {
                Figure::Cell(r, c) => pattern.cells[r][c] = true,
                Figure::Row(r) => pattern.rows[r] = true,
                Figure::Column(c) => pattern.columns[c] = true,
                Figure::Total => pattern.total = true,
            }
        }
        pattern
    }

    pub fn shown(&self, figure: Figure) -> bool {
        match figure {
            Figure::Cell(r, c) => self.cells[r][c],
            Figure::Row(r) => self.rows[r],
            Figure::Column(c) => self.columns[c],
            Figure::Total => self.total,
        }
    }

    fn withhold(&mut self, figure: Figure) {
        match figure {
            Figure::Cell(r, c) => self.cells[r][c] = false,
            Figure::Row(r) => self.rows[r] = false,
            Figure::Column(c) => self.columns[c] = false,
            Figure::Total => self.total = false,
        }
    }
}

/// What is wrong with a pattern (see [`audit_linked`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Leak {
    /// A figure of a group under `k` (or of no response) is shown.
    Small(Figure),
    /// A withheld figure is determined by the shown ones.
    Recoverable(Figure),
    /// A shown sum's withheld parts together hold fewer than `k` responses.
    SmallRemainder { sum: Figure, withheld: Vec<Figure> },
    /// A withheld figure of a table (`0`: the group sizes, `i + 1`:
    /// `measures[i]`) is proved to be at least its value by the shown
    /// figures, the sums and non-negativity (its LP lower bound is its
    /// value, see [`lower_bound`]).
    Pinned { table: usize, figure: Figure },
}

// Empty groups need no protection: a withheld figure of no response, or a
// remainder of none, tells nothing about anybody's answers.

/// The figures of `table` that may be shown under `k`: the group sizes
/// protected alone, [`protect_linked`] with no measure. The result passes
/// [`audit`]; when nothing else would, everything is withheld.
pub fn protect(table: &Table, k: Threshold) -> Pattern {
    protect_linked(table, &[], k)
}

/// Every way `pattern` discloses something of `table` (group sizes) under
/// `k`: [`audit_linked`] with no measure.
pub fn audit(table: &Table, pattern: &Pattern, k: Threshold) -> Vec<Leak> {
    audit_linked(table, &[], pattern, k)
}

/// One pattern for the group sizes `sizes` and for every table of
/// `measures` (each the count of one answer per group, of the shape of
/// `sizes` and cell by cell at most its size), applied to all of them, that
/// passes [`audit_linked`]. Starting from the threshold, one more figure is
/// withheld for each leak found until none is left; when nothing else
/// would, everything is withheld.
///
/// # Panics
///
/// When a measure's shape is not that of `sizes`.
pub fn protect_linked(sizes: &Table, measures: &[Table], k: Threshold) -> Pattern {
    check_shapes(sizes, measures);
    if !k.allows(sizes.total()) {
        return Pattern::all(sizes, false);
    }
    let distinct = distinct(measures);
    // Publishing both margins of a table whose cells are withheld is what
    // lets zeros pin cells; protection may therefore keep more by giving up
    // one kind of margin from the start. Three starts are tried — neither,
    // every status margin, every region margin — and the pattern that keeps
    // the most (regions weighing most) is chosen.
    let starts: [Vec<Figure>; 3] = [
        vec![],
        (0..sizes.columns()).map(Figure::Column).collect(),
        (0..sizes.rows()).map(Figure::Row).collect(),
    ];
    starts
        .iter()
        .map(|start| protect_from(sizes, measures, &distinct, k, start))
        .enumerate()
        .max_by_key(|(i, p)| (kept(sizes, p), std::cmp::Reverse(*i)))
        .map(|(_, p)| p)
        .unwrap_or_else(|| Pattern::all(sizes, false))
}

/// How much of `sizes` a pattern keeps: each shown non-empty region
/// counts 4, status 3, cell 1, the total 2.
fn kept(sizes: &Table, pattern: &Pattern) -> u64 {
    sizes
        .figures()
        .into_iter()
        .filter(|f| pattern.shown(*f) && sizes.size(*f) > 0)
        .map(|f| match f {
            Figure::Row(_) => 4,
            Figure::Column(_) => 3,
            Figure::Total => 2,
            Figure::Cell(..) => 1,
        })
        .sum()
}

/// [`protect_linked`] from the threshold with `start` withheld too.
fn protect_from(
    sizes: &Table,
    measures: &[Table],
    distinct: &[Vec<usize>],
    k: Threshold,
    start: &[Figure],
) -> Pattern {
    let mut pattern = Pattern::all(sizes, true);
    for f in sizes.figures() {
        if !k.allows(sizes.size(f)) || start.contains(&f) {
            pattern.withhold(f);
        }
    }
    // Withholding more only widens every table's set of possible values
    // (and the bounds the sizes give the measures), so a withheld figure
    // found not pinned in a measure stays so: only figures withheld since
    // are looked at again.
    let mut cleared = vec![vec![false; sizes.figures().len()]; distinct.len()];
    loop {
        let determined = determined(sizes, &pattern);
        let mut leak = size_leaks(sizes, &pattern, k, &determined, 1).pop();
        if leak.is_none() && !distinct.is_empty() {
            let ceilings = ceilings(sizes, &pattern);
            for (same, cleared) in distinct.iter().zip(cleared.iter_mut()) {
                let table = &measures[same[0]];
                let upper = measure_bounds(table, &ceilings);
                let skip = |f: Figure| {
                    cleared[table.index(f)] || determined.contains(&f) || k.allows(sizes.size(f))
                };
                if let Some(figure) = pinned(table, &pattern, &upper, &skip, 1).pop() {
                    leak = Some(Leak::Pinned {
                        table: same[0] + 1,
                        figure,
                    });
                    break;
                }
                for f in table.figures() {
                    cleared[table.index(f)] |= !pattern.shown(f);
                }
            }
        }
        let Some(leak) = leak else {
            return pattern;
        };
        // Each round withholds at least one more figure, so this ends.
        let releasing = match &leak {
            Leak::Pinned { table, figure } => {
                let measure = table.checked_sub(1).map(|i| &measures[i]);
                release(sizes, measure, &pattern, *figure)
            }
            _ => None,
        };
        let Some(next) = releasing.or_else(|| widen(sizes, &pattern, &leak)) else {
            // Nothing is shown any more: nothing can leak (not reached).
            return pattern;
        };
        pattern.withhold(next);
    }
}

/// Every way `pattern`, applied to the group sizes `sizes` and to every
/// table of `measures` (as for [`protect_linked`]), discloses something
/// under `k`:
///
/// - [`Leak::Small`]: a shown figure of a group under `k` (empty ones
///   included);
/// - [`Leak::SmallRemainder`]: a shown sum of the sizes whose withheld
///   parts hold between 1 and `k - 1` responses;
/// - [`Leak::Recoverable`]: a withheld figure of a non-empty group
///   determined by the published sums (in every table alike);
/// - [`Leak::Pinned`]: in any table, a withheld figure of a group under `k`
///   (a primary suppression; figures withheld only to protect others need
///   no interval of their own) of value `v > 0`
///   whose LP lower bound is `v` — withheld figures being non-negative,
///   and a measure's withheld figure at most the largest value the same
///   figure of the sizes can take under the pattern.
///
/// Identical measures are audited once; each of them gets the leaks.
///
/// # Panics
///
/// When a measure's shape is not that of `sizes`.
pub fn audit_linked(
    sizes: &Table,
    measures: &[Table],
    pattern: &Pattern,
    k: Threshold,
) -> Vec<Leak> {
    check_shapes(sizes, measures);
    let determined = determined(sizes, pattern);
    let mut leaks = size_leaks(sizes, pattern, k, &determined, usize::MAX);
    let distinct = distinct(measures);
    if distinct.is_empty() {
        return leaks;
    }
    let ceilings = ceilings(sizes, pattern);
    let mut pins = Vec::new();
    for same in distinct {
        let table = &measures[same[0]];
        let upper = measure_bounds(table, &ceilings);
        let skip = |f: Figure| determined.contains(&f) || k.allows(sizes.size(f));
        for figure in pinned(table, pattern, &upper, &skip, usize::MAX) {
            pins.extend(same.iter().map(|i| (i + 1, figure)));
        }
    }
    pins.sort();
    leaks.extend(
        pins.into_iter()
            .map(|(table, figure)| Leak::Pinned { table, figure }),
    );
    leaks
}

fn check_shapes(sizes: &Table, measures: &[Table]) {
    for m in measures {
        assert!(
            m.rows() == sizes.rows() && m.columns() == sizes.columns(),
            "a measure of {}×{} for sizes of {}×{}",
            m.rows(),
            m.columns(),
            sizes.rows(),
            sizes.columns()
        );
    }
}

/// The measures that hold a response, grouped by identical table: the
/// indices of each group, in order of first appearance.
fn distinct(measures: &[Table]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..measures.len())
        .filter(|i| measures[*i].cells.iter().flatten().any(|x| *x > 0))
        .collect();
    order.sort_by(|a, b| measures[*a].cells.cmp(&measures[*b].cells).then(a.cmp(b)));
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in order {
        match groups.last_mut() {
            Some(g) if measures[g[0]].cells == measures[i].cells => g.push(i),
            _ => groups.push(vec![i]),
        }
    }
    groups.sort_by_key(|g| g[0]);
    groups
}

/// The leaks of the group sizes (all but those of the measures), at most
/// `limit` of them: small figures, small remainders, recoverable figures,
/// then pinned ones.
fn size_leaks(
    sizes: &Table,
    pattern: &Pattern,
    k: Threshold,
    determined: &[Figure],
    limit: usize,
) -> Vec<Leak> {
    let small = |n: u64| n > 0 && !k.allows(n);
    let mut leaks: Vec<Leak> = sizes
        .figures()
        .into_iter()
        .filter(|f| pattern.shown(*f) && !k.allows(sizes.size(*f)))
        .map(Leak::Small)
        .collect();
    for (sum, parts) in sizes.sums() {
        if !pattern.shown(sum) {
            continue;
        }
        let withheld: Vec<Figure> = parts.into_iter().filter(|p| !pattern.shown(*p)).collect();
        let n: u64 = withheld.iter().map(|f| sizes.size(*f)).sum();
        if small(n) {
            leaks.push(Leak::SmallRemainder { sum, withheld });
        }
    }
    leaks.extend(
        determined
            .iter()
            .filter(|f| sizes.size(**f) > 0)
            .map(|f| Leak::Recoverable(*f)),
    );
    if leaks.len() >= limit {
        leaks.truncate(limit);
        return leaks;
    }
    let rest = limit - leaks.len();
    leaks.extend(
        pinned(
            sizes,
            pattern,
            &|_| None,
            &|f| determined.contains(&f) || k.allows(sizes.size(f)),
            rest,
        )
        .into_iter()
        .map(|figure| Leak::Pinned { table: 0, figure }),
    );
    leaks
}

/// The largest value each figure of the group sizes can take under
/// `pattern` (`None`: no largest), by position in [`Table::figures`]:
/// a shown figure's is its size.
fn ceilings(sizes: &Table, pattern: &Pattern) -> Vec<Option<u64>> {
    let figures = sizes.figures();
    let Some(net) = Network::new(sizes, pattern, &|_| None) else {
        // Not reached: the sizes themselves agree with what they publish.
        return figures.iter().map(|f| Some(sizes.size(*f))).collect();
    };
    figures
        .iter()
        .map(|f| {
            if pattern.shown(*f) {
                Some(sizes.size(*f))
            } else {
                net.max(*f).map(|m| u64::try_from(m).unwrap_or(0))
            }
        })
        .collect()
}

/// A measure's bounds: each figure at most the largest its group's size
/// can be (a measure above its group, which should not happen, is bounded
/// by its own value instead, so that the audit stays one of the published
/// figures).
fn measure_bounds<'a>(
    measure: &'a Table,
    ceilings: &'a [Option<u64>],
) -> impl Fn(Figure) -> Option<u64> + 'a {
    move |f| ceilings[measure.index(f)].map(|c| c.max(measure.size(f)))
}

/// The withheld figures of `table` (at most `limit` of them) proved to be
/// at least their value `v > 0` when every withheld figure `f` lies in
/// `0..=upper(f)`; those to `skip` (determined ones: recoverable, or zero
/// in every table) are not looked at.
fn pinned(
    table: &Table,
    pattern: &Pattern,
    upper: &dyn Fn(Figure) -> Option<u64>,
    skip: &dyn Fn(Figure) -> bool,
    limit: usize,
) -> Vec<Figure> {
    let candidates: Vec<Figure> = table
        .figures()
        .into_iter()
        .filter(|f| !pattern.shown(*f) && table.size(*f) > 0 && !skip(*f))
        .collect();
    if candidates.is_empty() || limit == 0 {
        return vec![];
    }
    let Some(net) = Network::new(table, pattern, upper) else {
        // Not reached: the table agrees with what it publishes, within its
        // bounds.
        return vec![];
    };
    candidates
        .into_iter()
        .filter(|f| !net.below(*f, count(table.size(*f))))
        .take(limit)
        .collect()
}

/// The first figure, in the order [`widen`] would try them one round after
/// another, whose withholding alone lets pinned `figure` of `measure` (of
/// the sizes when `None`) be lower than it is; `None` when no one does.
fn release(
    sizes: &Table,
    measure: Option<&Table>,
    pattern: &Pattern,
    figure: Figure,
) -> Option<Figure> {
    let table = measure.unwrap_or(sizes);
    let value = count(table.size(figure));
    let sums: Vec<(Figure, Vec<Figure>)> = sizes
        .sums()
        .into_iter()
        .filter(|(s, parts)| *s == figure || parts.contains(&figure))
        .collect();
    let mut parts: Vec<Figure> = sums
        .iter()
        .flat_map(|(_, parts)| parts.iter().copied())
        .filter(|p| pattern.shown(*p) && sizes.size(*p) > 0)
        .collect();
    parts.sort_by_key(|p| preference(sizes, *p));
    parts.dedup();
    let mut sums: Vec<Figure> = sums
        .iter()
        .map(|(s, _)| *s)
        .filter(|s| pattern.shown(*s))
        .collect();
    sums.dedup();
    parts.into_iter().chain(sums).find(|candidate| {
        let mut trial = pattern.clone();
        trial.withhold(*candidate);
        let released = |upper: &dyn Fn(Figure) -> Option<u64>| {
            Network::new(table, &trial, upper).is_some_and(|net| net.below(figure, value))
        };
        match measure {
            Some(m) => released(&measure_bounds(m, &ceilings(sizes, &trial))),
            None => released(&|_| None),
        }
    })
}

/// The figure to withhold next against `leak`, if any is still shown.
fn widen(sizes: &Table, pattern: &Pattern, leak: &Leak) -> Option<Figure> {
    let chosen = match leak {
        Leak::Small(f) => Some(*f),
        Leak::SmallRemainder { sum, withheld } => {
            let sums: Vec<(Figure, Vec<Figure>)> = sizes
                .sums()
                .into_iter()
                .filter(|(s, parts)| s == sum && withheld.iter().all(|w| parts.contains(w)))
                .collect();
            complement(sizes, pattern, &sums)
        }
        Leak::Recoverable(f) | Leak::Pinned { figure: f, .. } => {
            let sums: Vec<(Figure, Vec<Figure>)> = sizes
                .sums()
                .into_iter()
                .filter(|(s, parts)| s == f || parts.contains(f))
                .collect();
            complement(sizes, pattern, &sums)
        }
    };
    chosen
        .filter(|f| pattern.shown(*f))
        // Every sum concerned is withheld already: withhold the total, else
        // the smallest figure still shown.
        .or_else(|| pattern.shown(Figure::Total).then_some(Figure::Total))
        .or_else(|| {
            sizes
                .figures()
                .into_iter()
                .filter(|f| pattern.shown(*f))
                .min_by_key(|f| preference(sizes, *f))
        })
}

/// The order in which figures are given up to protect others: cells first,
/// then status margins, then regions, then the total — regions last among
/// margins, since a regional workshop reads its own region's figures — and
/// within each kind the smallest group first.
fn preference(table: &Table, f: Figure) -> (u8, u64, Figure) {
    let kind = match f {
        Figure::Cell(..) => 0,
        Figure::Column(_) => 1,
        Figure::Row(_) => 2,
        Figure::Total => 3,
    };
    (kind, table.size(f), f)
}

/// The figure to withhold next for the published sums given: the first
/// non-empty shown part of one of them in [`preference`] order, else the
/// first shown sum.
fn complement(table: &Table, pattern: &Pattern, sums: &[(Figure, Vec<Figure>)]) -> Option<Figure> {
    sums.iter()
        .flat_map(|(_, parts)| parts.iter().copied())
        .filter(|p| pattern.shown(*p) && table.size(*p) > 0)
        .min_by_key(|p| preference(table, *p))
        .or_else(|| sums.iter().map(|(s, _)| *s).find(|s| pattern.shown(*s)))
}

/// The least value `figure` of `table` can take over every real solution of
/// the published sums under `pattern` — each row margin the sum of its
/// cells, each column margin of its cells, the total of the row margins and
/// of the column margins — the shown figures being the constants `table`
/// gives and each withheld figure `f` lying in `0..=upper(f)` (`None`: no
/// upper bound; a bound past `i64::MAX / 8` counts as none). A shown
/// figure's is its value; `f64::INFINITY` when no solution exists (bounds
/// under what the shown figures need).
///
/// The sums make a network (source → row → column → sink → source), so
/// this linear programme's optima are integers, found by augmenting paths
/// in exact integer arithmetic.
pub fn lower_bound(
    table: &Table,
    pattern: &Pattern,
    upper: impl Fn(Figure) -> Option<u64>,
    figure: Figure,
) -> f64 {
    Network::new(table, pattern, &upper).map_or(f64::INFINITY, |net| net.min(figure) as f64)
}

/// The largest value `figure` can take (as for [`lower_bound`]):
/// `f64::INFINITY` when it has none, `f64::NEG_INFINITY` when no solution
/// exists.
pub fn upper_bound(
    table: &Table,
    pattern: &Pattern,
    upper: impl Fn(Figure) -> Option<u64>,
    figure: Figure,
) -> f64 {
    Network::new(table, pattern, &upper).map_or(f64::NEG_INFINITY, |net| {
        net.max(figure).map_or(f64::INFINITY, |m| m as f64)
    })
}

/// No bound.
const INF: i64 = i64::MAX / 4;

/// `n` in the network's arithmetic: from `INF / 2` on, no bound (sums of
/// counts stay far below it; paths of unbounded arcs carry more).
fn count(n: u64) -> i64 {
    i64::try_from(n).map_or(INF, |n| if n >= INF / 2 { INF } else { n })
}

/// A table's figures as a circulation: node 0 the source, `1 + r` row `r`,
/// `1 + rows + c` column `c`, the last the sink; row margin `r` is the arc
/// source → row, cell `(r, c)` row → column, column margin `c` column →
/// sink, the total sink → source. Conservation at every node is exactly the
/// published sums. Shown figures are arcs of fixed flow, withheld ones
/// arcs of flow in `0..=upper`. Matrices are `n × n`, by `u * n + v` (no
/// two arcs join the same nodes, either way round).
struct Network {
    n: usize,
    rows: usize,
    lo: Vec<i64>,
    hi: Vec<i64>,
    /// A feasible circulation.
    flow: Vec<i64>,
}

impl Network {
    /// The network of `table` under `pattern` with one feasible circulation
    /// (the table itself when it fits the bounds), or `None` when there is
    /// none.
    fn new(
        table: &Table,
        pattern: &Pattern,
        upper: &dyn Fn(Figure) -> Option<u64>,
    ) -> Option<Network> {
        let n = table.rows() + table.columns() + 2;
        let mut net = Network {
            n,
            rows: table.rows(),
            lo: vec![0; n * n],
            hi: vec![0; n * n],
            flow: vec![0; n * n],
        };
        let mut fits = true;
        for f in table.figures() {
            let i = net.at(f);
            let value = count(table.size(f));
            let (lo, hi) = if pattern.shown(f) {
                (value, value)
            } else {
                (0, upper(f).map_or(INF, count))
            };
            net.lo[i] = lo;
            net.hi[i] = hi;
            net.flow[i] = value;
            fits &= value <= hi;
        }
        if fits {
            return Some(net);
        }
        // Lower bounds removed the usual way: flow `lo` on every arc leaves
        // each node an excess, carried from a super source to a super sink
        // through the remaining capacities `hi - lo`.
        let m = n + 2;
        let (source, sink) = (n, n + 1);
        let mut cap = vec![0; m * m];
        let mut excess = vec![0i64; n];
        for f in table.figures() {
            let (u, v) = net.arc(f);
            let i = u * n + v;
            cap[u * m + v] = net.hi[i] - net.lo[i];
            excess[v] += net.lo[i];
            excess[u] -= net.lo[i];
        }
        let mut demand = 0;
        for (v, e) in excess.into_iter().enumerate() {
            if e > 0 {
                cap[source * m + v] = e;
                demand += e;
            } else {
                cap[v * m + sink] = -e;
            }
        }
        if augment(&mut cap, m, source, sink, demand) < demand {
            return None;
        }
        for f in table.figures() {
            let (u, v) = net.arc(f);
            net.flow[u * n + v] = net.lo[u * n + v] + cap[v * m + u];
        }
        Some(net)
    }

    fn arc(&self, figure: Figure) -> (usize, usize) {
        let sink = self.n - 1;
        match figure {
            Figure::Row(r) => (0, 1 + r),
            Figure::Cell(r, c) => (1 + r, 1 + self.rows + c),
            Figure::Column(c) => (1 + self.rows + c, sink),
            Figure::Total => (sink, 0),
        }
    }

    fn at(&self, figure: Figure) -> usize {
        let (u, v) = self.arc(figure);
        u * self.n + v
    }

    /// The residual capacities of the feasible circulation, without the
    /// arc `skip` (either way).
    fn residual(&self, skip: (usize, usize)) -> Vec<i64> {
        let n = self.n;
        let mut r = vec![0; n * n];
        for u in 0..n {
            for v in 0..n {
                let i = u * n + v;
                if (u, v) == skip || self.hi[i] == 0 {
                    continue;
                }
                r[i] += self.hi[i] - self.flow[i];
                r[v * n + u] += self.flow[i] - self.lo[i];
            }
        }
        r
    }

    /// Lowering a figure's flow by `d` means carrying `d` from its tail to
    /// its head by other arcs: the most that can be carried is the most it
    /// can be lowered.
    fn min(&self, figure: Figure) -> i64 {
        let (u, v) = self.arc(figure);
        let i = u * self.n + v;
        let mut r = self.residual((u, v));
        self.flow[i] - augment(&mut r, self.n, u, v, self.flow[i] - self.lo[i])
    }

    /// Whether `figure` can be below `value` (its least value ≤ value − 1).
    fn below(&self, figure: Figure, value: i64) -> bool {
        let (u, v) = self.arc(figure);
        let i = u * self.n + v;
        let need = self.flow[i] - (value - 1);
        if need <= 0 {
            return true;
        }
        if self.flow[i] - self.lo[i] < need {
            return false;
        }
        let mut r = self.residual((u, v));
        augment(&mut r, self.n, u, v, need) >= need
    }

    /// The most `figure` can be (`None`: no most), raising its flow by
    /// carrying more from its head back to its tail.
    fn max(&self, figure: Figure) -> Option<i64> {
        let (u, v) = self.arc(figure);
        let i = u * self.n + v;
        let mut r = self.residual((u, v));
        let more = augment(&mut r, self.n, v, u, self.hi[i] - self.flow[i]);
        (more < INF / 2).then_some(self.flow[i] + more)
    }
}

/// Carries up to `limit` from `from` to `to` through the capacities `cap`
/// (`n × n`, left as the residual ones) by shortest augmenting paths;
/// returns how much. Stops at `INF / 2` (a path of unbounded arcs).
fn augment(cap: &mut [i64], n: usize, from: usize, to: usize, limit: i64) -> i64 {
    let mut carried = 0;
    let mut prev = vec![usize::MAX; n];
    let mut queue = Vec::with_capacity(n);
    while carried < limit && carried < INF / 2 {
        prev.fill(usize::MAX);
        prev[from] = from;
        queue.clear();
        queue.push(from);
        let mut head = 0;
        while head < queue.len() && prev[to] == usize::MAX {
            let u = queue[head];
            head += 1;
            for v in 0..n {
                if prev[v] == usize::MAX && cap[u * n + v] > 0 {
                    prev[v] = u;
                    queue.push(v);
                }
            }
        }
        if prev[to] == usize::MAX {
            break;
        }
        let mut amount = limit - carried;
        let mut v = to;
        while v != from {
            let u = prev[v];
            amount = amount.min(cap[u * n + v]);
            v = u;
        }
        let mut v = to;
        while v != from {
            let u = prev[v];
            cap[u * n + v] -= amount;
            cap[v * n + u] += amount;
            v = u;
        }
        carried += amount;
    }
    carried
}

/// The withheld figures that the published sums determine: a figure is
/// determined when its unit vector lies in the row space of the sums'
/// equations over the withheld figures (exact integer elimination).
pub fn determined(table: &Table, pattern: &Pattern) -> Vec<Figure> {
    let unknowns: Vec<Figure> = table
        .figures()
        .into_iter()
        .filter(|f| !pattern.shown(*f))
        .collect();
    if unknowns.is_empty() {
        return vec![];
    }
    let index = |f: &Figure| unknowns.iter().position(|u| u == f);
    // Each sum is an equation `sum - Σ parts = 0`; shown figures are known
    // constants, so only the withheld ones have coefficients.
    let mut rows: Vec<Vec<i64>> = table
        .sums()
        .into_iter()
        .map(|(sum, parts)| {
            let mut row = vec![0i64; unknowns.len()];
            if let Some(i) = index(&sum) {
                row[i] += 1;
            }
            for p in &parts {
                if let Some(i) = index(p) {
                    row[i] -= 1;
                }
            }
            row
        })
        .filter(|r| r.iter().any(|x| *x != 0))
        .collect();
    let pivots = reduce(&mut rows);
    pivots
        .into_iter()
        .zip(&rows)
        .filter(|(p, row)| row.iter().enumerate().all(|(j, x)| j == *p || *x == 0))
        .map(|(p, _)| unknowns[p])
        .collect()
}

/// Reduces `rows` to reduced row echelon form in integers (each row divided
/// by the gcd of its entries); returns each remaining row's pivot column.
fn reduce(rows: &mut Vec<Vec<i64>>) -> Vec<usize> {
    let width = rows.first().map_or(0, Vec::len);
    let mut pivots = Vec::new();
    let mut top = 0;
    for col in 0..width {
        let Some(found) = (top..rows.len()).find(|&r| rows[r][col] != 0) else {
            continue;
        };
        rows.swap(top, found);
        for r in 0..rows.len() {
            if r == top || rows[r][col] == 0 {
                continue;
            }
            let (a, b) = (rows[top][col], rows[r][col]);
            let (pivot_row, row) = (rows[top].clone(), &mut rows[r]);
            for (x, p) in row.iter_mut().zip(&pivot_row) {
                *x = *x * a - p * b;
            }
            normalise(row);
        }
        normalise(&mut rows[top]);
        pivots.push(col);
        top += 1;
    }
    rows.truncate(top);
    pivots
}

fn normalise(row: &mut [i64]) {
    let g = row.iter().fold(0i64, |g, x| gcd(g, x.abs()));
    if g > 1 {
        row.iter_mut().for_each(|x| *x /= g);
    }
}

fn gcd(a: i64, b: i64) -> i64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn k(n: u32) -> Threshold {
        Threshold::new(n).unwrap()
    }

    #[test]
    fn the_threshold_is_never_below_three() {
        assert_eq!(Threshold::new(2), Err(ThresholdError::TooLow(2)));
        assert_eq!(Threshold::new(0), Err(ThresholdError::TooLow(0)));
        assert_eq!(Threshold::new(3).unwrap().get(), 3);
        assert_eq!(Threshold::default().get(), 5);
    }

    #[test]
    fn a_single_small_group_takes_a_second_one_with_it() {
        // Six regions by one status: North America (3) alone under k would
        // be the total minus the other five.
        let t = Table::new(vec![
            vec![20],
            vec![18],
            vec![12],
            vec![9],
            vec![6],
            vec![3],
        ]);
        let p = protect(&t, k(5));
        assert!(!p.shown(Figure::Row(5)));
        assert!(p.shown(Figure::Total));
        let withheld: Vec<usize> = (0..6).filter(|r| !p.shown(Figure::Row(*r))).collect();
        assert_eq!(withheld, vec![4, 5], "the smallest other region goes too");
        assert!(audit(&t, &p, k(5)).is_empty());
    }

    #[test]
    fn two_small_groups_that_are_small_together_take_a_third() {
        let t = Table::new(vec![vec![20], vec![1], vec![2], vec![9]]);
        let p = protect(&t, k(5));
        let withheld: Vec<usize> = (0..4).filter(|r| !p.shown(Figure::Row(*r))).collect();
        assert_eq!(withheld, vec![1, 2, 3]);
        assert!(p.shown(Figure::Total));
    }

    #[test]
    fn everything_is_withheld_when_the_total_is_small() {
        let t = Table::new(vec![vec![1, 1], vec![2, 0]]);
        let p = protect(&t, k(5));
        assert!(t.figures().iter().all(|f| !p.shown(*f)));
        assert!(audit(&t, &p, k(5)).is_empty());
    }

    #[test]
    fn nothing_is_withheld_when_every_group_is_large() {
        let t = Table::new(vec![vec![5, 7], vec![9, 6]]);
        let p = protect(&t, k(5));
        assert!(t.figures().iter().all(|f| p.shown(*f)));
    }

    #[test]
    fn a_cross_tab_protects_rows_columns_and_total() {
        // Region × status with one small cell: it needs a partner in its
        // row and in its column, and those a fourth to close the rectangle.
        let t = Table::new(vec![vec![10, 8, 2], vec![9, 7, 6], vec![12, 11, 10]]);
        let p = protect(&t, k(5));
        assert!(!p.shown(Figure::Cell(0, 2)));
        assert!(audit(&t, &p, k(5)).is_empty());
        let hidden_in_row0 = (0..3).filter(|c| !p.shown(Figure::Cell(0, *c))).count();
        let hidden_in_col2 = (0..3).filter(|r| !p.shown(Figure::Cell(*r, 2))).count();
        assert!(hidden_in_row0 >= 2 || !p.shown(Figure::Row(0)));
        assert!(hidden_in_col2 >= 2 || !p.shown(Figure::Column(2)));
    }

    #[test]
    fn the_audit_finds_a_withheld_cell_alone_in_its_row() {
        let t = Table::new(vec![vec![10, 2], vec![9, 7]]);
        let mut p = Pattern::all(&t, true);
        p.withhold(Figure::Cell(0, 1));
        let leaks = audit(&t, &p, k(5));
        assert!(leaks.contains(&Leak::Recoverable(Figure::Cell(0, 1))));
    }

    #[test]
    fn a_bridge_between_two_rectangles_is_found_recoverable() {
        // Withheld cells forming two rectangles joined by one bridge cell:
        // every row and column has two withheld, yet the bridge is solvable.
        let t = Table::new(vec![
            vec![1, 1, 9, 9],
            vec![1, 1, 1, 9],
            vec![9, 9, 1, 1],
            vec![9, 9, 1, 1],
        ]);
        let mut p = Pattern::all(&t, true);
        for (r, c) in [
            (0, 0),
            (0, 1),
            (1, 0),
            (1, 1),
            (1, 2),
            (2, 2),
            (2, 3),
            (3, 2),
            (3, 3),
        ] {
            p.withhold(Figure::Cell(r, c));
        }
        assert!(determined(&t, &p).contains(&Figure::Cell(1, 2)));
        let fixed = protect(&t, k(3));
        assert!(audit(&t, &fixed, k(3)).is_empty());
    }

    /// Rank of a matrix by floating-point elimination: an independent way to
    /// tell whether a withheld figure is recoverable (its column is outside
    /// the span of the other unknowns' columns exactly when removing it
    /// lowers the rank).
    fn rank(mut m: Vec<Vec<f64>>) -> usize {
        let width = m.first().map_or(0, Vec::len);
        let mut rank = 0;
        for col in 0..width {
            let Some(p) = (rank..m.len()).find(|&r| m[r][col].abs() > 1e-9) else {
                continue;
            };
            m.swap(rank, p);
            for r in 0..m.len() {
                if r != rank {
                    let f = m[r][col] / m[rank][col];
                    let pivot = m[rank].clone();
                    for (x, y) in m[r].iter_mut().zip(pivot) {
                        *x -= f * y;
                    }
                }
            }
            rank += 1;
        }
        rank
    }

    /// Searches for a withheld figure recoverable by subtraction: builds the
    /// published equations over the withheld figures and tests each one.
    fn recoverable_by_subtraction(t: &Table, p: &Pattern) -> Vec<Figure> {
        let unknowns: Vec<Figure> = t.figures().into_iter().filter(|f| !p.shown(*f)).collect();
        let eqs: Vec<Vec<f64>> = t
            .sums()
            .into_iter()
            .map(|(s, parts)| {
                unknowns
                    .iter()
                    .map(|u| {
                        let mut x = 0.0;
                        if *u == s {
                            x += 1.0;
                        }
                        if parts.contains(u) {
                            x -= 1.0;
                        }
                        x
                    })
                    .collect()
            })
            .collect();
        let full = rank(eqs.clone());
        (0..unknowns.len())
            .filter(|&j| {
                let without: Vec<Vec<f64>> = eqs
                    .iter()
                    .map(|r| {
                        r.iter()
                            .enumerate()
                            .filter(|(i, _)| *i != j)
                            .map(|(_, x)| *x)
                            .collect()
                    })
                    .collect();
                rank(without) < full
            })
            .map(|j| unknowns[j])
            .collect()
    }

    fn table() -> impl Strategy<Value = Table> {
        (1usize..=6, 1usize..=4).prop_flat_map(|(rows, cols)| {
            proptest::collection::vec(
                proptest::collection::vec(
                    prop_oneof![3 => 0u64..5, 2 => 0u64..12, 1 => 0u64..60],
                    cols,
                ),
                rows,
            )
            .prop_map(Table::new)
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn no_withheld_figure_is_recoverable_by_subtraction(t in table(), kk in 3u32..=7) {
            let p = protect(&t, k(kk));
            prop_assert!(audit(&t, &p, k(kk)).is_empty(), "{:?}", audit(&t, &p, k(kk)));
            for f in recoverable_by_subtraction(&t, &p) {
                prop_assert_eq!(t.size(f), 0, "{:?} is recoverable", f);
            }
            for f in t.figures() {
                if p.shown(f) {
                    prop_assert!(t.size(f) >= u64::from(kk), "{:?} shown at {}", f, t.size(f));
                }
            }
        }

        #[test]
        fn the_integer_and_float_checks_agree(t in table(), mask in proptest::collection::vec(any::<bool>(), 35)) {
            let mut p = Pattern::all(&t, true);
            for (f, hide) in t.figures().into_iter().zip(mask) {
                if hide {
                    p.withhold(f);
                }
            }
            let mut a = determined(&t, &p);
            let mut b = recoverable_by_subtraction(&t, &p);
            a.sort();
            b.sort();
            prop_assert_eq!(a, b);
        }

        #[test]
        fn groups_large_enough_are_mostly_shown(t in table()) {
            // Protection withholds only what it must: when no group is under
            // k, everything is shown.
            let p = protect(&t, k(3));
            if t.figures().iter().all(|f| t.size(*f) >= 3) {
                prop_assert!(t.figures().iter().all(|f| p.shown(*f)));
            }
        }
    }

    use Figure::{Cell, Column, Row, Total};

    /// The worked example (k = 5): rows Africa, Asia, CSCA, Europe, North
    /// America, Oceania; columns provides, receives, both, neither. Europe
    /// {provides 4, receives 2}, Oceania {provides 1, receives 2, neither
    /// 2}; three of Europe's four providers chose option X, nobody else did.
    fn worked_example() -> (Table, Table) {
        let mut sizes = vec![vec![0; 4]; 6];
        sizes[3] = vec![4, 2, 0, 0];
        sizes[5] = vec![1, 2, 0, 2];
        let mut x = vec![vec![0; 4]; 6];
        x[3][0] = 3;
        (Table::new(sizes), Table::new(x))
    }

    /// The most each figure of the sizes can be under `p`, as the bound of
    /// a measure's figures.
    fn sizes_ceiling(sizes: &Table, p: &Pattern) -> impl Fn(Figure) -> Option<u64> {
        let figures = sizes.figures();
        let most: Vec<f64> = figures
            .iter()
            .map(|f| upper_bound(sizes, p, |_| None, *f))
            .collect();
        move |f| {
            let m = most[figures.iter().position(|g| *g == f).unwrap()];
            m.is_finite().then_some(m as u64)
        }
    }

    fn shown(t: &Table, p: &Pattern) -> Vec<Figure> {
        t.figures().into_iter().filter(|f| p.shown(*f)).collect()
    }

    #[test]
    fn a_margin_of_zeros_pins_europes_providers_unless_linked() {
        let (sizes, x) = worked_example();
        let k5 = k(5);
        // Sizes alone: every cell withheld; Europe (6), Oceania (5),
        // "provides" (5) and the total (11) shown.
        let alone = protect(&sizes, k5);
        assert_eq!(
            shown(&sizes, &alone),
            vec![Row(3), Row(5), Column(0), Total]
        );
        assert!(audit(&sizes, &alone, k5).is_empty());
        assert_eq!((sizes.row(3), sizes.row(5), sizes.column(0)), (6, 5, 5));
        assert_eq!(sizes.total(), 11);
        // X publishes Europe 3, Oceania 0, provides 3 (total 3).
        assert_eq!((x.row(3), x.row(5), x.column(0), x.total()), (3, 0, 3, 3));
        // The sizes bound Europe × provides by 5 (Oceania × provides may
        // be 0) and pin the empty regions at 0 (11 = 6 + 5).
        let ceiling = sizes_ceiling(&sizes, &alone);
        assert_eq!(ceiling(Cell(3, 0)), Some(5));
        assert_eq!(ceiling(Cell(3, 1)), Some(6));
        assert_eq!(ceiling(Row(0)), Some(0));
        assert_eq!(ceiling(Column(1)), Some(6));
        // Exact elimination does not see it…
        assert!(!determined(&x, &alone).contains(&Cell(3, 0)));
        // …but Oceania × provides ≤ 0, so Europe × provides = 3 − 0.
        assert_eq!(lower_bound(&x, &alone, &ceiling, Cell(3, 0)), 3.0);
        assert_eq!(upper_bound(&x, &alone, &ceiling, Cell(3, 0)), 3.0);
        assert_eq!(
            audit_linked(&sizes, std::slice::from_ref(&x), &alone, k5),
            vec![Leak::Pinned {
                table: 1,
                figure: Cell(3, 0)
            }]
        );

        // Linked: the status margins go (of the three starts, giving up
        // statuses keeps both regions); X then tells that 3 of Europe's 6
        // chose it, but not which status they declared.
        let linked = protect_linked(&sizes, std::slice::from_ref(&x), k5);
        assert_eq!(shown(&sizes, &linked), vec![Row(3), Row(5), Total]);
        assert!(audit_linked(&sizes, std::slice::from_ref(&x), &linked, k5).is_empty());
        let ceiling = sizes_ceiling(&sizes, &linked);
        assert_eq!(ceiling(Cell(3, 0)), Some(6));
        assert_eq!(lower_bound(&x, &linked, &ceiling, Cell(3, 0)), 0.0);
        assert_eq!(upper_bound(&x, &linked, &ceiling, Cell(3, 0)), 3.0);
        // Had the status margins been kept, Europe's would have had to go.
        let regions_given_up = protect_from(
            &sizes,
            std::slice::from_ref(&x),
            &distinct(std::slice::from_ref(&x)),
            k5,
            &[],
        );
        assert_eq!(
            shown(&sizes, &regions_given_up),
            vec![Row(5), Column(0), Total]
        );
        assert!(audit_linked(&sizes, std::slice::from_ref(&x), &regions_given_up, k5).is_empty());
        let ceiling = sizes_ceiling(&sizes, &regions_given_up);
        assert_eq!(
            lower_bound(&x, &regions_given_up, &ceiling, Cell(3, 0)),
            0.0
        );
    }

    #[test]
    fn identical_and_empty_measures_are_audited_once_and_reported_for_each() {
        let (sizes, x) = worked_example();
        let zero = Table::new(vec![vec![0; 4]; 6]);
        let alone = protect(&sizes, k(5));
        let measures = [x.clone(), zero, x];
        let pins: Vec<usize> = audit_linked(&sizes, &measures, &alone, k(5))
            .into_iter()
            .map(|l| match l {
                Leak::Pinned { table, .. } => table,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(pins, vec![1, 3]);
        assert_eq!(
            protect_linked(&sizes, &measures, k(5)),
            protect_linked(&sizes, &measures[..1], k(5))
        );
    }

    #[test]
    fn the_bounds_are_the_linear_programme_s() {
        let none = |_: Figure| None;
        // Margins shown, cells withheld: x00 + x01 = 4, x10 + x11 = 6,
        // x00 + x10 = 5, x01 + x11 = 5.
        let t = Table::new(vec![vec![3, 1], vec![2, 4]]);
        let mut p = Pattern::all(&t, true);
        for (r, c) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
            p.withhold(Cell(r, c));
        }
        assert_eq!(lower_bound(&t, &p, none, Cell(0, 0)), 0.0);
        assert_eq!(upper_bound(&t, &p, none, Cell(0, 0)), 4.0);
        assert_eq!(lower_bound(&t, &p, none, Cell(1, 0)), 1.0);
        assert_eq!(upper_bound(&t, &p, none, Cell(1, 1)), 5.0);
        assert_eq!(lower_bound(&t, &p, none, Row(0)), 4.0, "shown: its value");
        // x01 ≤ 1 forces x00 ≥ 3; x11 ≤ 4 forces x10 ≥ 2, so x00 ≤ 3.
        let tight = |f: Figure| match f {
            Cell(0, 1) => Some(1),
            Cell(1, 1) => Some(4),
            _ => None,
        };
        assert_eq!(lower_bound(&t, &p, tight, Cell(0, 0)), 3.0);
        assert_eq!(upper_bound(&t, &p, tight, Cell(0, 0)), 3.0);
        // Bounds that the true table breaks, but others meet: x01 ≤ 0.
        let below_truth = |f: Figure| (f == Cell(0, 1)).then_some(0);
        assert_eq!(lower_bound(&t, &p, below_truth, Cell(0, 0)), 4.0);
        assert_eq!(upper_bound(&t, &p, below_truth, Cell(1, 1)), 5.0);

        // Everything withheld: anything from 0 up.
        let all = Pattern::all(&t, false);
        for f in t.figures() {
            assert_eq!(lower_bound(&t, &all, none, f), 0.0);
            assert_eq!(upper_bound(&t, &all, none, f), f64::INFINITY);
        }
        // Only the total shown: bounded by it.
        let mut total = all.clone();
        total.total = true;
        assert_eq!(upper_bound(&t, &total, none, Cell(1, 1)), 10.0);
        assert_eq!(lower_bound(&t, &total, none, Column(0)), 0.0);
        // Unbounded in part: row 0 shown, the rest withheld.
        let mut row = all.clone();
        row.rows[0] = true;
        assert_eq!(upper_bound(&t, &row, none, Cell(0, 1)), 4.0);
        assert_eq!(upper_bound(&t, &row, none, Cell(1, 1)), f64::INFINITY);
        assert_eq!(lower_bound(&t, &row, none, Total), 4.0);

        // Infeasible: total 7 shown, both rows withheld and at most 2 each.
        let t = Table::new(vec![vec![3], vec![4]]);
        let mut p = Pattern::all(&t, false);
        p.total = true;
        let two = |f: Figure| matches!(f, Row(_)).then_some(2);
        assert_eq!(lower_bound(&t, &p, two, Cell(0, 0)), f64::INFINITY);
        assert_eq!(upper_bound(&t, &p, two, Cell(0, 0)), f64::NEG_INFINITY);
        assert_eq!(lower_bound(&t, &p, none, Cell(0, 0)), 0.0);
        assert_eq!(upper_bound(&t, &p, none, Cell(0, 0)), 7.0);
    }

    #[test]
    fn empty_tables_have_nothing_to_protect() {
        let t = Table::new(vec![]);
        let p = protect_linked(&t, std::slice::from_ref(&t), k(3));
        assert!(!p.shown(Total));
        assert!(audit_linked(&t, &[], &p, k(3)).is_empty());
        assert_eq!(lower_bound(&t, &p, |_| None, Total), 0.0);
        // The total of no rows is 0.
        assert_eq!(upper_bound(&t, &p, |_| None, Total), 0.0);
    }

    /// A part of a group of `size`, from a draw in `0..100`: none half the
    /// time, all of it at times, else anything in between.
    fn part(size: u64, draw: u64) -> u64 {
        match draw {
            0..50 => 0,
            50..65 => size,
            _ => (draw - 65) * (size + 1) / 35,
        }
    }

    fn measures(sizes: &Table, draws: &[Vec<u64>]) -> Vec<Table> {
        let columns = sizes.columns();
        draws
            .iter()
            .map(|d| {
                Table::new(
                    (0..sizes.rows())
                        .map(|r| {
                            (0..columns)
                                .map(|c| part(sizes.cell(r, c), d[r * columns + c]))
                                .collect()
                        })
                        .collect(),
                )
            })
            .collect()
    }

    /// CITES-shaped group sizes: six regions (Africa 53 Parties, Asia 38,
    /// CSCA 31, Europe 49, North America 3, Oceania 9) by four statuses, a
    /// few responses per group and most groups empty.
    fn cites() -> impl Strategy<Value = Table> {
        const PARTIES: [u64; 6] = [53, 38, 31, 49, 3, 9];
        proptest::collection::vec((0u64..100, 0u64..100), 24).prop_map(|draws| {
            Table::new(
                PARTIES
                    .iter()
                    .enumerate()
                    .map(|(r, parties)| {
                        (0..4)
                            .map(|c| {
                                let (empty, n) = draws[r * 4 + c];
                                if empty < 45 {
                                    0
                                } else {
                                    n * (parties / 6 + 1) / 100
                                }
                            })
                            .collect()
                    })
                    .collect(),
            )
        })
    }

    /// Small tables (up to 3 × 3, small values, many zeros) for brute force.
    fn small() -> impl Strategy<Value = Table> {
        (1usize..=3, 1usize..=3).prop_flat_map(|(rows, cols)| {
            proptest::collection::vec(
                proptest::collection::vec(
                    prop_oneof![3 => Just(0u64), 3 => 1u64..=3, 1 => 4u64..=6],
                    cols,
                ),
                rows,
            )
            .prop_map(Table::new)
        })
    }

    /// Calls `visit` with every table of non-negative integer cells, cell
    /// `(r, c)` at most `cap[r][c]`, that agrees with `t` on every figure
    /// `p` shows and keeps every withheld figure `f` within `upper(f)`.
    fn each_solution(
        t: &Table,
        p: &Pattern,
        cap: &[Vec<u64>],
        upper: &dyn Fn(Figure) -> Option<u64>,
        visit: &mut dyn FnMut(&Table),
    ) {
        let limit = |f: Figure| {
            if p.shown(f) {
                Some(t.size(f))
            } else {
                upper(f)
            }
        };
        let fits = |f: Figure, n: u64| limit(f).is_none_or(|l| n <= l);
        let exact = |f: Figure, n: u64| !p.shown(f) || n == t.size(f);
        let (rows, cols) = (t.rows(), t.columns());
        let mut cells = vec![vec![0u64; cols]; rows];
        fn walk(
            i: usize,
            cells: &mut Vec<Vec<u64>>,
            cap: &[Vec<u64>],
            ok: &dyn Fn(&[Vec<u64>], usize) -> bool,
            done: &mut dyn FnMut(&[Vec<u64>]),
        ) {
            let cols = cells[0].len();
            if i == cells.len() * cols {
                done(cells);
                return;
            }
            let (r, c) = (i / cols, i % cols);
            for x in 0..=cap[r][c] {
                cells[r][c] = x;
                if ok(cells, i) {
                    walk(i + 1, cells, cap, ok, done);
                }
            }
            cells[r][c] = 0;
        }
        // Whether the cells up to `i` can still make a solution.
        let ok = |cells: &[Vec<u64>], i: usize| {
            let (r, c) = (i / cols, i % cols);
            let row: u64 = cells[r][..=c].iter().sum();
            let column: u64 = cells[..=r].iter().map(|x| x[c]).sum();
            let total: u64 = cells.iter().flatten().sum();
            fits(Cell(r, c), cells[r][c])
                && exact(Cell(r, c), cells[r][c])
                && fits(Row(r), row)
                && (c + 1 < cols || exact(Row(r), row))
                && fits(Column(c), column)
                && (r + 1 < rows || exact(Column(c), column))
                && fits(Total, total)
                && (i + 1 < rows * cols || exact(Total, total))
        };
        if rows == 0 || cols == 0 {
            return;
        }
        walk(0, &mut cells, cap, &ok, &mut |cells| {
            visit(&Table::new(cells.to_vec()))
        });
    }

    /// Over every solution `each_solution` gives: each figure's least and
    /// greatest value, by position in `t.figures()`.
    fn ranges(
        t: &Table,
        p: &Pattern,
        cap: &[Vec<u64>],
        upper: &dyn Fn(Figure) -> Option<u64>,
    ) -> Vec<(u64, u64)> {
        let figures = t.figures();
        let mut ranges = vec![(u64::MAX, 0); figures.len()];
        each_solution(t, p, cap, upper, &mut |s| {
            for (range, f) in ranges.iter_mut().zip(&figures) {
                range.0 = range.0.min(s.size(*f));
                range.1 = range.1.max(s.size(*f));
            }
        });
        ranges
    }

    fn plus_one(t: &Table) -> Vec<Vec<u64>> {
        t.cells
            .iter()
            .map(|r| r.iter().map(|x| x + 1).collect())
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn linked_protection_passes_its_audit_on_cites_tables(
            sizes in cites(),
            draws in proptest::collection::vec(proptest::collection::vec(0u64..100, 24), 1..=8),
            twice in any::<bool>(),
            kk in 3u32..=7,
        ) {
            let mut ms = measures(&sizes, &draws);
            if twice {
                ms.push(ms[0].clone());
            }
            let p = protect_linked(&sizes, &ms, k(kk));
            prop_assert!(audit_linked(&sizes, &ms, &p, k(kk)).is_empty(), "{:?}", audit_linked(&sizes, &ms, &p, k(kk)));
            for f in sizes.figures() {
                if p.shown(f) {
                    prop_assert!(sizes.size(f) >= u64::from(kk), "{:?} shown at {}", f, sizes.size(f));
                }
            }
            for f in recoverable_by_subtraction(&sizes, &p) {
                prop_assert_eq!(sizes.size(f), 0, "{:?} is recoverable", f);
            }
            // The public bounds agree: no withheld figure of a group under
            // k has its own value as its least.
            let ceiling = sizes_ceiling(&sizes, &p);
            for (i, t) in std::iter::once(&sizes).chain(&ms).enumerate() {
                for f in t.figures() {
                    let v = t.size(f);
                    if !p.shown(f) && v > 0 && sizes.size(f) < u64::from(kk) {
                        let low = if i == 0 {
                            lower_bound(t, &p, |_| None, f)
                        } else {
                            lower_bound(t, &p, &ceiling, f)
                        };
                        prop_assert!(low < v as f64, "table {} {:?}: {} pinned", i, f, v);
                    }
                }
            }
        }

        #[test]
        fn brute_force_finds_no_withheld_figure_pinned(
            sizes in small(),
            draws in proptest::collection::vec(proptest::collection::vec(0u64..100, 9), 1..=3),
            kk in 3u32..=7,
        ) {
            // Enumerating cells up to one above their value suffices: to
            // lower (or raise) a figure by one, the network needs one unit
            // around one cycle, which moves every figure by at most one.
            let room: u64 = sizes.cells.iter().flatten().map(|x| x + 2).product();
            prop_assume!(room <= 200_000);
            let ms = measures(&sizes, &draws);
            let p = protect_linked(&sizes, &ms, k(kk));
            prop_assert!(audit_linked(&sizes, &ms, &p, k(kk)).is_empty());
            let figures = sizes.figures();
            let of_sizes = ranges(&sizes, &p, &plus_one(&sizes), &|_| None);
            // The greatest each figure of the sizes was seen at: its true
            // greatest, or at least one above its value.
            let ceiling = |f: Figure| Some(of_sizes[figures.iter().position(|g| *g == f).unwrap()].1);
            for (i, t) in std::iter::once(&sizes).chain(&ms).enumerate() {
                let range = if i == 0 {
                    of_sizes.clone()
                } else {
                    ranges(t, &p, &plus_one(t), &ceiling)
                };
                for (f, (low, _)) in figures.iter().zip(&range) {
                    let v = t.size(*f);
                    if p.shown(*f) {
                        prop_assert_eq!(*low, v);
                    } else if v > 0 && sizes.size(*f) < u64::from(kk) {
                        prop_assert!(*low < v, "table {} {:?} = {} pinned", i, f, v);
                    }
                }
            }
        }

        #[test]
        fn the_bounds_agree_with_brute_force(
            t in small(),
            mask in proptest::collection::vec(any::<bool>(), 16),
            bounds in proptest::collection::vec(proptest::option::weighted(0.3, 0u64..=4), 16),
        ) {
            // Optima lie at vertices, whose figures are at most the shown
            // values and finite bounds added up: cells need go no further.
            let mut p = Pattern::all(&t, true);
            for (f, hide) in t.figures().into_iter().zip(&mask) {
                if *hide {
                    p.withhold(f);
                }
            }
            let figures = t.figures();
            let upper = |f: Figure| bounds[figures.iter().position(|g| *g == f).unwrap()];
            let reach: u64 = figures
                .iter()
                .map(|f| if p.shown(*f) { t.size(*f) } else { upper(*f).unwrap_or(0) })
                .sum();
            // Nor past any shown or bounded figure it is part of.
            let limit = |f: Figure| if p.shown(f) { Some(t.size(f)) } else { upper(f) };
            let cap: Vec<Vec<u64>> = (0..t.rows())
                .map(|r| {
                    (0..t.columns())
                        .map(|c| {
                            [Cell(r, c), Row(r), Column(c), Total]
                                .into_iter()
                                .filter_map(limit)
                                .fold(reach, u64::min)
                        })
                        .collect()
                })
                .collect();
            let room: u64 = cap.iter().flatten().map(|x| x + 1).product();
            prop_assume!(room <= 200_000);
            let range = ranges(&t, &p, &cap, &upper);
            for (f, (low, high)) in figures.iter().zip(range) {
                let (lp_low, lp_high) = (lower_bound(&t, &p, upper, *f), upper_bound(&t, &p, upper, *f));
                if low == u64::MAX {
                    prop_assert_eq!(lp_low, f64::INFINITY);
                    prop_assert_eq!(lp_high, f64::NEG_INFINITY);
                } else {
                    prop_assert_eq!(lp_low, low as f64, "{:?}", f);
                    if lp_high.is_finite() {
                        prop_assert_eq!(lp_high, high as f64, "{:?}", f);
                    } else {
                        prop_assert!(high >= reach, "{:?} unbounded, seen up to {}", f, high);
                    }
                }
            }
        }
    }
}
