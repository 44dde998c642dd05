//! What to draw for one view, as plain data: lanes, marks, labels, numbers, density bars, arrows
//! and ticks. [`super::layout`] makes a [`Scene`], [`super::labels`] names its marks, and the
//! window and the exporter paint it.

use super::index::KINDS;
use super::style::{self, MarkShape, Rgb, kind_color};
use super::ticks::{Tick, TickStep};
use super::view::TimeView;
use crate::model::{EventKind, RelationKind};

/// A lane row.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneLane {
    /// Index of the lane in the dataset.
    pub lane: usize,
    pub id: String,
    pub label: String,
    pub color: Rgb,
    pub y: f64,
}

/// One event's mark.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub event: usize,
    pub shape: MarkShape,
    pub color: Rgb,
    /// Where the symbol sits: the instant, or the middle of a month/year band.
    pub x_days: f64,
    pub y: f64,
    /// A month- or year-precision date: the whole period, drawn lighter.
    pub band: Option<(f64, f64)>,
    /// A range from `date` to `end`, drawn as a bar; for a still-going span, to its last
    /// attestation.
    pub range: Option<(f64, f64)>,
    /// A still-going span's open end: from its last attestation to where its fade runs out (a fixed
    /// distance on screen), drawn fading from the bar's colour to nothing.
    pub open_end: Option<(f64, f64)>,
    /// `earliest`/`latest` bounds, drawn fading out.
    pub bounds: Option<(f64, f64)>,
    pub selected: bool,
}

/// A short label beside a mark, placed where it collides with nothing.
#[derive(Clone, Debug, PartialEq)]
pub struct MarkLabel {
    pub event: usize,
    /// The label's left edge in days, or its right edge when `right_aligned` (a label placed before
    /// its mark ends there, whatever width the painter's font gives it).
    pub x_days: f64,
    pub right_aligned: bool,
    pub y: f64,
    pub text: String,
    /// The width the layout measured and kept free, in pixels.
    pub width_px: f64,
    /// A label moved to another row is joined to its mark by a line ending here.
    pub leader: Option<(f64, f64)>,
}

/// A number beside a mark that found no room for its label, and its entry in the key.
#[derive(Clone, Debug, PartialEq)]
pub struct Callout {
    pub event: usize,
    /// 1, 2, 3… in time order, as listed in the key.
    pub number: usize,
    /// The left edge of the number's pill, in days, and its middle, in lane units.
    pub x_days: f64,
    pub y: f64,
    pub width_px: f64,
    /// A number moved off its mark is joined to it by a line ending here.
    pub leader: Option<(f64, f64)>,
    /// The key entry: "number — date — title", date as precisely as it is known.
    pub date: String,
    pub title: String,
}

/// A count of events in a slice of a lane too crowded for single marks.
#[derive(Clone, Debug, PartialEq)]
pub struct DensityBin {
    pub lane: usize,
    pub start_days: f64,
    pub end_days: f64,
    pub y: f64,
    /// Events overlapping the bin, ranges counted in every bin they cover.
    pub count: usize,
    /// The same, per kind, in [`EventKind::ALL`] order.
    pub by_kind: [usize; KINDS],
    /// How full to draw the bin, 0 to 1: `ln(1 + count)` against the fullest bin in view, so a bin
    /// of ten reads apart from one of ten thousand.
    pub fill: f64,
}

impl DensityBin {
    /// The bar's stacked segments, bottom to top: each kind present, its colour, and the part of
    /// the bar it takes (`from..to`, 0 to 1), in proportion to its count. Screen and export draw
    /// these same segments.
    pub fn segments(&self) -> impl Iterator<Item = (EventKind, Rgb, f64, f64)> + '_ {
        let total = self.count.max(1) as f64;
        let mut below = 0usize;
        EventKind::ALL
            .iter()
            .zip(self.by_kind)
            .filter(|(_, n)| *n > 0)
            .map(move |(kind, n)| {
                let from = below as f64 / total;
                below += n;
                (*kind, kind_color(*kind), from, below as f64 / total)
            })
    }
}

/// A relation of the selected event, from its source event to its target.
#[derive(Clone, Debug, PartialEq)]
pub struct Arrow {
    pub kind: RelationKind,
    pub from: (f64, f64),
    pub to: (f64, f64),
    pub from_event: usize,
    pub to_event: usize,
    /// Where the relation's name is drawn (its centre), placed like a label: on no mark and no
    /// other label. `None` when the arc has no free place for it.
    pub tag: Option<(f64, f64)>,
}

/// A relation of the selected event whose other end the search or filters hide. It gets no arrow:
/// an arrow drawn to where the hidden event would be ends on whatever is drawn there.
#[derive(Clone, Debug, PartialEq)]
pub struct HiddenRelation {
    pub kind: RelationKind,
    /// The hidden event.
    pub other: usize,
    /// True when the selected event points at the hidden one.
    pub outgoing: bool,
}

/// Everything to draw for one view.
#[derive(Clone, Debug, Default)]
pub struct Scene {
    pub view: Option<TimeView>,
    pub lanes: Vec<SceneLane>,
    pub marks: Vec<Mark>,
    pub labels: Vec<MarkLabel>,
    /// Numbered marks, in number order; painters list them as the key.
    pub callouts: Vec<Callout>,
    pub density: Vec<DensityBin>,
    /// Marks of events a search did not match ([`LayoutInput::dimmed`]), drawn faintly under the
    /// matches: no labels, no numbers, no clicks. Only in lanes sparse enough for single marks;
    /// dense bins count only the matches.
    pub dimmed: Vec<Mark>,
    pub arrows: Vec<Arrow>,
    /// Relations of the selected event left without an arrow, when it has more than
    /// [`MAX_ARROWS`]: painters say so, and the detail panel lists them all.
    pub arrows_not_drawn: usize,
    /// Relations of the selected event to events the search or filters hide (no arrow for them).
    pub hidden_relations: Vec<HiddenRelation>,
    /// The selected event is itself hidden by the search or filters: it has no mark and no arrows.
    pub selected_hidden: bool,
    pub tick_step: Option<TickStep>,
    pub ticks: Vec<Tick>,
    /// Days per pixel and lane units per pixel of the surface laid out for.
    pub(super) days_per_px: f64,
    pub(super) units_per_px: f64,
}

impl Scene {
    /// The event under a point (in scene coordinates), preferring symbols over bands and ranges.
    pub fn hit(&self, x_days: f64, y: f64) -> Option<usize> {
        let to_px = |dx: f64, dy: f64| (dx / self.days_per_px, dy / self.units_per_px);
        let reach_px = style::MARK_RADIUS_PX + 3.0;
        let symbol = self
            .marks
            .iter()
            .map(|m| {
                let (dx, dy) = to_px(m.x_days - x_days, m.y - y);
                (m.event, dx.hypot(dy))
            })
            .filter(|&(_, d)| d <= reach_px)
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((event, _)) = symbol {
            return Some(event);
        }
        let half_px = style::BAND_HALF_HEIGHT_PX + 2.0;
        self.marks
            .iter()
            .filter(|m| {
                let (lo, hi) = mark_extent_days(m);
                x_days >= lo && x_days <= hi && ((m.y - y) / self.units_per_px).abs() <= half_px
            })
            // The narrowest band wins: a month inside a year is the one meant.
            .min_by(|a, b| {
                let width = |m: &Mark| mark_extent_days(m).1 - mark_extent_days(m).0;
                width(a).total_cmp(&width(b))
            })
            .map(|m| m.event)
    }

    /// The density bin under a point, for "N events" tooltips and zoom-on-click.
    pub fn density_hit(&self, x_days: f64, y: f64) -> Option<&DensityBin> {
        self.density.iter().find(|b| {
            x_days >= b.start_days
                && x_days < b.end_days
                && ((b.y - y) / self.units_per_px).abs() <= 12.0
        })
    }

    /// Scene coordinates in pixels of the surface laid out for (x from the view's start, y down
    /// from the top of the first lane), so tests and painters can measure what a reader sees.
    pub fn to_px(&self, x_days: f64, y: f64) -> (f64, f64) {
        let start = self.view.map_or(0.0, |v| v.start_days);
        let top = self.lanes.len() as f64 - 0.5;
        (
            (x_days - start) / self.days_per_px,
            (top - y) / self.units_per_px,
        )
    }

    pub fn mark_of(&self, event: usize) -> Option<&Mark> {
        self.marks.iter().find(|m| m.event == event)
    }
}

/// A mark's extent in days: its symbol's date, band, bar and fade.
pub(super) fn mark_extent_days(mark: &Mark) -> (f64, f64) {
    [mark.band, mark.range, mark.open_end]
        .into_iter()
        .flatten()
        .fold((mark.x_days, mark.x_days), |(lo, hi), (a, b)| {
            (lo.min(a), hi.max(b))
        })
}
