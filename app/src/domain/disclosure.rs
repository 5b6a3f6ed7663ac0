//! Disclosure control: which figures of a summary may be shown.
//!
//! Every summary groups responses by CITES region (rows) and by declared
//! donor/recipient status (columns). The four fixed groupings a viewer can
//! choose — overall, by region, by status, region × status — are all parts
//! of one table: its cells, its row and column margins and its grand total.
//! [`protect`] decides once, for that whole table, which figures are shown,
//! so no view and no combination of views (or exports) reveals a withheld
//! figure:
//!
//! - *threshold*: a figure (cell, margin or total) is shown only for a group
//!   of at least `k` responses;
//! - *complementary suppression*: no withheld figure is determined by the
//!   shown ones (every published sum is an equation; a withheld figure must
//!   not be solvable from them), and wherever a published sum has withheld
//!   parts, those parts together hold at least `k` responses (so subtraction
//!   yields only a group of at least `k`).
//!
//! Unanimity needs no rule of its own: an answer every member of a group
//! gave is shown only with the group, which is shown only at `k` or more.

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

/// What is wrong with a pattern (see [`audit`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Leak {
    /// A figure of a group under `k` is shown.
    Small(Figure),
    /// A withheld figure is determined by the shown ones.
    Recoverable(Figure),
    /// A shown sum's withheld parts together hold fewer than `k` responses.
    SmallRemainder { sum: Figure, withheld: Vec<Figure> },
}

// Empty groups need no protection: a withheld figure of no response, or a
// remainder of none, tells nothing about anybody's answers.

/// The figures of `table` that may be shown under `k`. The result passes
/// [`audit`]; when nothing else would, everything is withheld.
pub fn protect(table: &Table, k: Threshold) -> Pattern {
    if !k.allows(table.total()) {
        return Pattern::all(table, false);
    }
    let mut pattern = Pattern::all(table, true);
    for f in table.figures() {
        if !k.allows(table.size(f)) {
            pattern.withhold(f);
        }
    }
    // Each round withholds at least one more figure, so this ends.
    while let Some(leak) = audit(table, &pattern, k).into_iter().next() {
        let next = match leak {
            Leak::Small(f) => f,
            Leak::SmallRemainder { sum, withheld } => {
                let sums: Vec<(Figure, Vec<Figure>)> = table
                    .sums()
                    .into_iter()
                    .filter(|(s, parts)| *s == sum && withheld.iter().all(|w| parts.contains(w)))
                    .collect();
                complement(table, &pattern, &sums)
            }
            Leak::Recoverable(f) => {
                let sums: Vec<(Figure, Vec<Figure>)> = table
                    .sums()
                    .into_iter()
                    .filter(|(s, parts)| *s == f || parts.contains(&f))
                    .collect();
                complement(table, &pattern, &sums)
            }
        };
        pattern.withhold(next);
    }
    pattern
}

/// The figure to withhold next for the published sums given: the smallest
/// non-empty shown part of one of them (cells before margins), else the sum
/// itself.
fn complement(table: &Table, pattern: &Pattern, sums: &[(Figure, Vec<Figure>)]) -> Figure {
    sums.iter()
        .flat_map(|(_, parts)| parts.iter().copied())
        .filter(|p| pattern.shown(*p) && table.size(*p) > 0)
        .min_by_key(|p| (table.size(*p), !matches!(p, Figure::Cell(..)), *p))
        .or_else(|| sums.iter().map(|(s, _)| *s).find(|s| pattern.shown(*s)))
        // Every sum is withheld already: withhold the total (always safe).
        .unwrap_or(Figure::Total)
}

/// Every way `pattern` discloses something of `table` under `k`: shown
/// figures of small groups, withheld figures solvable from the published
/// sums, and published sums whose withheld parts are a small group (empty
/// groups excepted: they hold nobody's answers).
pub fn audit(table: &Table, pattern: &Pattern, k: Threshold) -> Vec<Leak> {
    let small = |n: u64| n > 0 && !k.allows(n);
    let mut leaks: Vec<Leak> = table
        .figures()
        .into_iter()
        .filter(|f| pattern.shown(*f) && small(table.size(*f)))
        .map(Leak::Small)
        .collect();
    for (sum, parts) in table.sums() {
        if !pattern.shown(sum) {
            continue;
        }
        let withheld: Vec<Figure> = parts.into_iter().filter(|p| !pattern.shown(*p)).collect();
        let n: u64 = withheld.iter().map(|f| table.size(*f)).sum();
        if small(n) {
            leaks.push(Leak::SmallRemainder { sum, withheld });
        }
    }
    leaks.extend(
        determined(table, pattern)
            .into_iter()
            .filter(|f| table.size(*f) > 0)
            .map(Leak::Recoverable),
    );
    leaks
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
}
