//! Charts drawn on the server as SVG, with no script: each is an image (`role="img"`) named by
//! its title and described by a sentence that gives its gist, with labelled axes and numbers in
//! the reader's language; the page puts the same figures in a table beside it for screen
//! readers and for reading. Colours are set by attributes (the CSP allows no inline style) and
//! each has at least 4.5:1 against white, as has the text.

use domain::Language;
use mailer::figures::number;
use maud::{Markup, html};

/// Dark enough on white for text and shapes, and told apart by the legend and the tables.
pub const PALETTE: [&str; 6] = [
    "#7a1f3d", "#1d5c8c", "#4d6b1d", "#8a4b00", "#5b3d8f", "#2f6f6a",
];
const INK: &str = "#1b1b1b";
const GRID: &str = "#767676";
const FAINT: &str = "#d6d6d6";

const WIDTH: f64 = 640.0;
const FONT: &str = "13";

/// What every chart has: ids, title, description, language.
pub struct Frame<'a> {
    /// Prefix of the chart's element ids.
    pub id: &'a str,
    pub title: &'a str,
    /// The gist in one or two sentences (read by screen readers with the title).
    pub description: &'a str,
    pub lang: Language,
}

/// A top for the value axis and a step between its ticks: 1, 2 or 5 times a power of ten,
/// so that there are at most five steps.
fn ticks(max: u64) -> (u64, u64) {
    let max = max.max(1);
    let mut magnitude = 1u64;
    loop {
        for unit in [1, 2, 5] {
            let step = unit * magnitude;
            if max.div_ceil(step) <= 5 {
                return (step * max.div_ceil(step), step);
            }
        }
        magnitude = magnitude.saturating_mul(10);
    }
}

fn svg_open(frame: &Frame<'_>, height: f64, body: Markup) -> Markup {
    let title_id = format!("{}-title", frame.id);
    let desc_id = format!("{}-desc", frame.id);
    html! {
        svg class="chart" role="img" aria-labelledby={ (title_id) " " (desc_id) }
            viewBox={ "0 0 " (WIDTH) " " (height) } font-family="sans-serif" font-size=(FONT) {
            title id=(title_id) { (frame.title) }
            desc id=(desc_id) { (frame.description) }
            (body)
        }
    }
}

/// A legend in a row at the top: a swatch and a name per series (name, palette index).
fn legend(series: &[(&str, usize)], y: f64) -> Markup {
    let mut x = 56.0;
    let placed: Vec<(f64, &str, usize)> = series
        .iter()
        .map(|&(name, color)| {
            let at = x;
            x += 28.0 + name.chars().count() as f64 * 7.5;
            (at, name, color)
        })
        .collect();
    html! {
        @for (at, name, color) in placed {
            rect x=(at) y=(y - 10.0) width="12" height="12" fill=(PALETTE[color % PALETTE.len()]) {}
            text x=(at + 17.0) y=(y) fill=(INK) { (name) }
        }
    }
}

/// A value axis on the left with its ticks, grid lines and title.
fn value_axis(lang: Language, top: u64, step: u64, plot: &Plot, title: &str) -> Markup {
    let values: Vec<u64> = (0..=top / step).map(|i| i * step).collect();
    html! {
        @for v in values {
            @let y = plot.y(v as f64, top as f64);
            line x1=(plot.left) y1=(y) x2=(plot.right) y2=(y) stroke=(FAINT) {}
            text x=(plot.left - 6.0) y=(y + 4.0) text-anchor="end" fill=(INK) { (number(lang, v as i64)) }
        }
        line x1=(plot.left) y1=(plot.top) x2=(plot.left) y2=(plot.bottom) stroke=(GRID) {}
        line x1=(plot.left) y1=(plot.bottom) x2=(plot.right) y2=(plot.bottom) stroke=(GRID) {}
        text x="14" y=((plot.top + plot.bottom) / 2.0) text-anchor="middle" fill=(INK)
            transform={ "rotate(-90 14 " ((plot.top + plot.bottom) / 2.0) ")" } { (title) }
    }
}

/// The area values are drawn in.
struct Plot {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
}

impl Plot {
    fn y(&self, value: f64, top: f64) -> f64 {
        self.bottom - (self.bottom - self.top) * value / top.max(1.0)
    }
}

/// Columns over time, one stacked segment per series (sign-ups by chapter per week).
pub struct Columns<'a> {
    pub frame: Frame<'a>,
    /// Each column's label in full (tooltips) and on the axis when it is `Some`.
    pub labels: &'a [(String, Option<String>)],
    /// (name, one value per column).
    pub series: &'a [(String, Vec<u64>)],
    pub value_title: &'a str,
    pub time_title: &'a str,
}

pub fn columns(c: &Columns<'_>) -> Markup {
    let lang = c.frame.lang;
    let n = c.labels.len().max(1);
    let totals: Vec<u64> = (0..n)
        .map(|i| {
            c.series
                .iter()
                .map(|(_, v)| v.get(i).copied().unwrap_or(0))
                .sum()
        })
        .collect();
    let (top, step) = ticks(totals.iter().copied().max().unwrap_or(0));
    let plot = Plot {
        left: 56.0,
        // Room for the last week's label, centred under its column.
        right: WIDTH - 24.0,
        top: 36.0,
        bottom: 220.0,
    };
    let slot = (plot.right - plot.left) / n as f64;
    let names: Vec<(&str, usize)> = c
        .series
        .iter()
        .enumerate()
        .map(|(i, (name, _))| (name.as_str(), i))
        .collect();
    let body = html! {
        (legend(&names, 16.0))
        (value_axis(lang, top, step, &plot, c.value_title))
        @for (i, (label, tick)) in c.labels.iter().enumerate() {
            @let x = plot.left + slot * i as f64;
            @for (s, name, v, base) in stack(c.series, i) {
                @let y = plot.y((base + v) as f64, top as f64);
                @let h = plot.y(base as f64, top as f64) - y;
                rect x=(x + 1.0) y=(y) width=((slot - 2.0).max(1.0)) height=(h)
                    fill=(PALETTE[s % PALETTE.len()]) stroke="#ffffff" stroke-width="0.5" {
                    title { (label) ", " (name) ": " (number(lang, v as i64)) }
                }
            }
            @if let Some(tick) = tick {
                line x1=(x + slot / 2.0) y1=(plot.bottom) x2=(x + slot / 2.0) y2=(plot.bottom + 4.0) stroke=(GRID) {}
                text x=(x + slot / 2.0) y=(plot.bottom + 18.0) text-anchor="middle" fill=(INK) { (tick) }
            }
        }
        text x=((plot.left + plot.right) / 2.0) y=(plot.bottom + 36.0) text-anchor="middle" fill=(INK) { (c.time_title) }
    };
    svg_open(&c.frame, 262.0, body)
}

/// Column `i`'s segments, bottom up: (series index, name, value, value below it); empty
/// series left out.
fn stack(series: &[(String, Vec<u64>)], i: usize) -> Vec<(usize, &str, u64, u64)> {
    let mut base = 0;
    let mut segments = Vec::new();
    for (s, (name, values)) in series.iter().enumerate() {
        let v = values.get(i).copied().unwrap_or(0);
        if v > 0 {
            segments.push((s, name.as_str(), v, base));
            base += v;
        }
    }
    segments
}

/// One line over time (members at the end of each week).
pub struct Line<'a> {
    pub frame: Frame<'a>,
    pub labels: &'a [(String, Option<String>)],
    pub values: &'a [u64],
    pub value_title: &'a str,
    pub time_title: &'a str,
}

pub fn line(l: &Line<'_>) -> Markup {
    let lang = l.frame.lang;
    let n = l.values.len().max(1);
    let (top, step) = ticks(l.values.iter().copied().max().unwrap_or(0));
    let plot = Plot {
        left: 56.0,
        // Room for the last week's label, centred under its column.
        right: WIDTH - 24.0,
        top: 16.0,
        bottom: 200.0,
    };
    let slot = (plot.right - plot.left) / n as f64;
    let x = |i: usize| plot.left + slot * (i as f64 + 0.5);
    let points: Vec<String> = l
        .values
        .iter()
        .enumerate()
        .map(|(i, v)| format!("{:.1},{:.1}", x(i), plot.y(*v as f64, top as f64)))
        .collect();
    let body = html! {
        (value_axis(lang, top, step, &plot, l.value_title))
        polyline points=(points.join(" ")) fill="none" stroke=(PALETTE[0]) stroke-width="2.5" {}
        @for (i, ((label, tick), v)) in l.labels.iter().zip(l.values).enumerate() {
            circle cx=(x(i)) cy=(plot.y(*v as f64, top as f64)) r="3" fill=(PALETTE[0]) {
                title { (label) ": " (number(lang, *v as i64)) }
            }
            @if let Some(tick) = tick {
                line x1=(x(i)) y1=(plot.bottom) x2=(x(i)) y2=(plot.bottom + 4.0) stroke=(GRID) {}
                text x=(x(i)) y=(plot.bottom + 18.0) text-anchor="middle" fill=(INK) { (tick) }
            }
        }
        text x=((plot.left + plot.right) / 2.0) y=(plot.bottom + 36.0) text-anchor="middle" fill=(INK) { (l.time_title) }
    };
    svg_open(&l.frame, 242.0, body)
}

/// One horizontal bar per row, made of segments, with a label above it and a note at its
/// end; `marker` draws a line across at a value (an event's capacity).
pub struct Row {
    pub label: String,
    /// (value, palette index, name for the tooltip).
    pub segments: Vec<(u64, usize, String)>,
    pub marker: Option<u64>,
    pub note: String,
}

pub struct Rows<'a> {
    pub frame: Frame<'a>,
    pub rows: &'a [Row],
    /// The series in the legend: (name, palette index).
    pub legend: &'a [(String, usize)],
    /// Each row on a scale of its own (how full each event is), or all on one (how large
    /// each send was).
    pub own_scale: bool,
}

pub fn rows(r: &Rows<'_>) -> Markup {
    let extent = |row: &Row| {
        let filled: u64 = row.segments.iter().map(|(v, _, _)| v).sum();
        filled.max(row.marker.unwrap_or(0)).max(1)
    };
    let common = r.rows.iter().map(extent).max().unwrap_or(1);
    let (left, right) = (8.0, WIDTH - 8.0);
    let height = 36.0 + 46.0 * r.rows.len() as f64;
    let names: Vec<(&str, usize)> = r
        .legend
        .iter()
        .map(|(name, color)| (name.as_str(), *color))
        .collect();
    let body = html! {
        (legend(&names, 16.0))
        @for (i, row) in r.rows.iter().enumerate() {
            @let scale = if r.own_scale { extent(row) } else { common } as f64;
            @let width = |v: u64| (right - left) * v as f64 / scale;
            @let y = 44.0 + 46.0 * i as f64;
            text x=(left) y=(y) fill=(INK) { (row.label) }
            @for (at, v, color, name) in side_by_side(&row.segments, left, &width) {
                rect x=(at) y=(y + 6.0) width=(width(v)) height="16" fill=(PALETTE[color % PALETTE.len()]) stroke="#ffffff" stroke-width="0.5" {
                    title { (row.label) ", " (name) ": " (number(r.frame.lang, v as i64)) }
                }
            }
            @if let Some(mark) = row.marker {
                line x1=(left + width(mark)) y1=(y + 2.0) x2=(left + width(mark)) y2=(y + 26.0) stroke=(INK) stroke-width="2" {}
            }
            line x1=(left) y1=(y + 22.0) x2=(right) y2=(y + 22.0) stroke=(FAINT) {}
            text x=(right) y=(y) text-anchor="end" fill=(INK) { (row.note) }
        }
    };
    svg_open(&r.frame, height, body)
}

/// A row's segments laid end to end from `left`: (x, value, colour, name); empty ones left out.
fn side_by_side<'r>(
    segments: &'r [(u64, usize, String)],
    left: f64,
    width: &impl Fn(u64) -> f64,
) -> Vec<(f64, u64, usize, &'r str)> {
    let mut x = left;
    segments
        .iter()
        .filter(|(v, _, _)| *v > 0)
        .map(|(v, color, name)| {
            let at = x;
            x += width(*v);
            (at, *v, *color, name.as_str())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_end_on_round_numbers_in_at_most_five_steps() {
        assert_eq!(ticks(0), (1, 1));
        assert_eq!(ticks(3), (3, 1));
        assert_eq!(ticks(7), (8, 2));
        assert_eq!(ticks(23), (25, 5));
        assert_eq!(ticks(1234), (1500, 500));
        for max in [1, 9, 11, 99, 101, 999_999] {
            let (top, step) = ticks(max);
            assert!(top >= max && top / step <= 5, "{max}: {top} {step}");
        }
    }
}
