//! What a layout is asked for: the view, the surface's size, the selection and what the search and
//! filters show; and where each lane row sits.

use super::labels::CalloutMode;
use super::view::TimeView;

/// What a layout needs to know about the surface it is for.
#[derive(Clone, Debug)]
pub struct LayoutInput {
    pub view: TimeView,
    /// Width of the time axis in pixels (points on screen).
    pub width_px: f64,
    /// Height of one lane in pixels.
    pub lane_height_px: f64,
    /// Size of the label font in pixels: label widths are measured from it (see `text`).
    pub label_font_px: f64,
    /// Minimum distance between labelled ticks in pixels.
    pub tick_spacing_px: f64,
    pub selected: Option<usize>,
    /// Which marks get a numbered callout and a key entry.
    pub callouts: CalloutMode,
    /// The events a search or filter shows; `None` shows all. Only these get marks, and dense
    /// bins count only these.
    pub shown: Option<std::sync::Arc<crate::timeline::Matches>>,
    /// While a search is active: the events the filters keep but the search text does not match.
    /// They are drawn dimmed behind the matches (in [`Scene::dimmed`]), so a reader sees what the
    /// search left out without losing the matches. `None` hides every event not `shown`.
    pub dimmed: Option<std::sync::Arc<crate::timeline::Matches>>,
    /// The dataset's lanes drawn as rows, top row first; `None` draws every lane in order. A lane
    /// left out (Filter ▸ Hide lane) takes no row at all.
    pub rows: Option<std::sync::Arc<[usize]>>,
}

/// The most relation arrows drawn for the selected event. Past it, only arrows to marks drawn in
/// view are kept: an event that 300,000 others answer asked the tessellator for 300,000 curves
/// and 7 GB, and a view of a few hundred arrows is already a tangle.
pub const MAX_ARROWS: usize = 200;

/// The y of lane row `lane` among `lane_count`.
pub fn lane_y(lane: usize, lane_count: usize) -> f64 {
    (lane_count.saturating_sub(1) - lane.min(lane_count.saturating_sub(1))) as f64
}
