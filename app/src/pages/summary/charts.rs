//! Charts drawn on the server as SVG: no JavaScript, they scale to a phone
//! and print. Each chart is decorative for assistive technology
//! (`aria-hidden`): the data table beside it carries the same figures.

use leptos::prelude::*;

/// One bar: its label, its length (0–100) and the figure written beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub text: String,
}

const WIDTH: f64 = 320.0;
const ROW: f64 = 30.0;
const BAR: f64 = 12.0;
const FIGURE_WIDTH: f64 = 64.0;

/// Horizontal bars, each labelled above, with its figure at its end.
#[component]
pub fn BarChart(bars: Vec<Bar>, caption: String) -> impl IntoView {
    let height = ROW * bars.len() as f64 + 4.0;
    let track = WIDTH - FIGURE_WIDTH;
    let rows = bars
        .into_iter()
        .enumerate()
        .map(|(i, b)| {
            let y = ROW * i as f64;
            let w = (b.value.clamp(0.0, 100.0) / 100.0 * track).max(if b.value > 0.0 { 1.5 } else { 0.0 });
            view! {
                <text x="0" y=format!("{:.1}", y + 11.0) class="chart-label">{b.label}</text>
                <rect x="0" y=format!("{:.1}", y + 14.0) width=format!("{track:.1}") height=format!("{BAR}") class="chart-track"/>
                <rect x="0" y=format!("{:.1}", y + 14.0) width=format!("{w:.1}") height=format!("{BAR}") class="chart-bar"/>
                <text x=format!("{:.1}", track + 4.0) y=format!("{:.1}", y + 24.0) class="chart-figure">{b.text}</text>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {WIDTH} {height:.0}") width="100%" aria-hidden="true" preserveAspectRatio="xMinYMin meet">
                {rows}
            </svg>
            <figcaption>{caption}</figcaption>
        </figure>
    }
}

/// The shade of a heat-table cell for `value` out of `max`: a CSS class
/// from `heat-0` (lowest) to `heat-4` (highest), so colours live in the
/// stylesheet and print.
pub fn heat_class(value: f64, max: f64) -> &'static str {
    let r = if max > 0.0 { value / max } else { 0.0 };
    match r {
        r if r < 0.2 => "heat heat-0",
        r if r < 0.4 => "heat heat-1",
        r if r < 0.6 => "heat heat-2",
        r if r < 0.8 => "heat heat-3",
        _ => "heat heat-4",
    }
}

/// The shade of a change heat-table cell for a change in mean rating:
/// `change-down-2` (fell by half a point or more) to `change-up-2` (rose by
/// half a point or more), `change-0` within a tenth of a point.
pub fn change_class(change: f64) -> &'static str {
    match change {
        c if c <= -0.5 => "heat change-down-2",
        c if c <= -0.1 => "heat change-down-1",
        c if c < 0.1 => "heat change-0",
        c if c < 0.5 => "heat change-up-1",
        _ => "heat change-up-2",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heat_classes_cover_the_range() {
        assert_eq!(heat_class(0.0, 3.0), "heat heat-0");
        assert_eq!(heat_class(1.5, 3.0), "heat heat-2");
        assert_eq!(heat_class(3.0, 3.0), "heat heat-4");
        assert_eq!(heat_class(1.0, 0.0), "heat heat-0");
        assert_eq!(change_class(-0.7), "heat change-down-2");
        assert_eq!(change_class(0.0), "heat change-0");
        assert_eq!(change_class(0.3), "heat change-up-1");
    }
}
