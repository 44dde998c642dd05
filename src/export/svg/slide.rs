//! Where the parts of a slide go: the title, the legend's rows, the plot (laid out for its size
//! and the lanes kept), the key, the notes on relations not drawn, and the footer, all in design
//! units (see [`design_scale`]).

use std::fmt::Write as _;

use crate::export::ExportOptions;
use crate::export::text::wrap;
use crate::model::{Dataset, EventKind, Precision};
use crate::timeline::labels::cut_title;
use crate::timeline::layout::{Arrow, lane_label};
use crate::timeline::legend::{LEGEND_FONT_PX, LegendSymbol};
use crate::timeline::paint::PlotArea;
use crate::timeline::text::text_width_px;
use crate::timeline::{LayoutInput, Scene, TimeView, TimelineIndex, layout};

pub(super) const LABEL_SIZE: f64 = 13.0;
pub(super) const LANE_SIZE: f64 = 14.0;
pub(super) const TITLE_SIZE: f64 = 26.0;
pub(super) const TITLE_LINE: f64 = 32.0;
/// The footer's and the notes' type.
pub(super) const SMALL_SIZE: f64 = 12.0;
pub(super) const SMALL_LINE: f64 = 16.0;
/// Font size of the callout key below the plot.
pub(super) const KEY_SIZE: f64 = 12.0;
/// Height of one line of the key.
pub(super) const KEY_LINE: f64 = 17.0;
/// The narrowest column of the key; wider slides get more columns.
pub(super) const KEY_MIN_COLUMN: f64 = 380.0;
/// Room under the plot for the tick labels.
pub(super) const TICKS_HEIGHT: f64 = 34.0;
pub(super) const LEGEND_ROW: f64 = 22.0;
/// Left and right margin of the title and the footer.
pub(super) const MARGIN: f64 = 16.0;
/// The design surface's height: a slide of any size is this many units high (and at least
/// [`DESIGN_MIN_WIDTH`] wide), scaled by the `viewBox`.
pub const DESIGN_HEIGHT: f64 = 720.0;
pub(super) const DESIGN_MIN_WIDTH: f64 = 960.0;
/// Most lines of a title and of the footer before the last is cut with "…".
pub(super) const TITLE_MAX_LINES: usize = 3;
pub(super) const FOOTER_MAX_LINES: usize = 4;
/// Most lines of notes about relations not drawn.
pub(super) const NOTE_MAX_LINES: usize = 4;

/// How many image pixels one design unit is: the image's height over 720 (its width over 960 if
/// that is less), never below 1, so small images keep the type they always had.
pub fn design_scale(width_px: u32, height_px: u32) -> f64 {
    let (w, h) = (f64::from(width_px), f64::from(height_px));
    (h / DESIGN_HEIGHT).min(w / DESIGN_MIN_WIDTH).max(1.0)
}

/// The scene an export draws, for tests and tools that check what a slide names (labels,
/// callouts) without parsing the SVG. Its units are design units (see [`design_scale`]).
pub fn export_scene(dataset: &Dataset, index: &TimelineIndex, options: &ExportOptions) -> Scene {
    plan(dataset, index, options).scene
}

/// What an export's slide holds beside the plot, for tests: the title's and footer's lines, the
/// legend's entries and the notes about relations not drawn.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SlideText {
    pub title: Vec<String>,
    pub legend: Vec<String>,
    pub notes: Vec<String>,
    pub footer: Vec<String>,
    /// The design surface, and the plot's rectangle in it.
    pub design: (f64, f64),
    pub plot: (f64, f64, f64, f64),
}

/// The text around the plot of an export.
pub fn slide_text(dataset: &Dataset, index: &TimelineIndex, options: &ExportOptions) -> SlideText {
    let plan = plan(dataset, index, options);
    SlideText {
        title: plan.title_lines,
        legend: plan
            .legend
            .iter()
            .map(|l| l.symbol.text().to_owned())
            .collect(),
        notes: plan.notes,
        footer: plan.footer_lines,
        design: plan.design,
        plot: (
            plan.frame.left,
            plan.frame.top,
            plan.frame.width,
            plan.frame.height,
        ),
    }
}

/// One entry of the legend, placed.
pub(super) struct LegendItem {
    pub(super) x: f64,
    pub(super) row: usize,
    pub(super) symbol: LegendSymbol,
}

/// Where an export's plot goes and what is drawn in it.
pub(super) struct Plan {
    pub(super) frame: PlotArea,
    pub(super) scene: Scene,
    pub(super) key_columns: f64,
    pub(super) key_top: f64,
    pub(super) design: (f64, f64),
    pub(super) title_lines: Vec<String>,
    pub(super) title_top: f64,
    pub(super) legend: Vec<LegendItem>,
    pub(super) legend_top: f64,
    pub(super) notes: Vec<String>,
    pub(super) notes_top: f64,
    pub(super) footer_lines: Vec<String>,
    pub(super) footer_top: f64,
}

/// What the events to draw hold, found before the layout: which lanes have any, which kinds, and
/// whether any is a band, a span still going or has a quote not found.
struct Contents {
    lanes: Vec<usize>,
    kinds: Vec<EventKind>,
    band: bool,
    open_end: bool,
    not_found: bool,
}

fn contents(
    dataset: &Dataset,
    index: &TimelineIndex,
    options: &ExportOptions,
    view: TimeView,
) -> Contents {
    let mut found = Contents {
        lanes: Vec::new(),
        kinds: Vec::new(),
        band: false,
        open_end: false,
        not_found: false,
    };
    let mut kinds = [false; EventKind::ALL.len()];
    let shown = |e: usize| options.shown.as_ref().is_none_or(|s| s.contains(e));
    for lane in 0..dataset.lanes.len() {
        let mut any = false;
        for e in index
            .visible_in_lane(lane, view.start_days, view.end_days())
            .filter(|&e| shown(e))
        {
            let Some(event) = dataset.events.get(e) else {
                continue;
            };
            // The layout reaches a little past the view; only what is inside counts.
            if event.latest_days() <= view.start_days || event.earliest_days() >= view.end_days() {
                continue;
            }
            any = true;
            if let Some(slot) = kinds.get_mut(crate::timeline::index::kind_slot(event.kind)) {
                *slot = true;
            }
            found.band |= matches!(event.date.precision(), Precision::Year | Precision::Month);
            found.open_end |= event.ongoing_as_of.is_some() && event.end.is_none();
            found.not_found |= options.failed_quotes.binary_search(&e).is_ok();
        }
        if any {
            found.lanes.push(lane);
        }
    }
    found.kinds = EventKind::ALL
        .iter()
        .zip(kinds)
        .filter_map(|(k, on)| on.then_some(*k))
        .collect();
    found
}

/// A filtered export draws only the lanes with something in view (unless asked to keep them).
fn kept_lanes(found: &Contents, options: &ExportOptions, total: usize) -> Vec<usize> {
    if options.shown.is_some() && !options.keep_empty_lanes && !found.lanes.is_empty() {
        found.lanes.clone()
    } else {
        (0..total).collect()
    }
}

/// The lane rows an export of `options` draws.
pub fn lanes_drawn(
    dataset: &Dataset,
    index: &TimelineIndex,
    options: &ExportOptions,
) -> Vec<usize> {
    let found = contents(dataset, index, options, options.view);
    kept_lanes(&found, options, dataset.lanes.len())
}

fn legend_items(found: &Contents, left: f64, right: f64) -> Vec<LegendItem> {
    let mut symbols: Vec<LegendSymbol> =
        found.kinds.iter().map(|&k| LegendSymbol::Kind(k)).collect();
    for (on, symbol) in [
        (found.band, LegendSymbol::Band),
        (found.open_end, LegendSymbol::OpenEnd),
        (found.not_found, LegendSymbol::NotFound),
    ] {
        if on {
            symbols.push(symbol);
        }
    }
    let mut items = Vec::new();
    let (mut x, mut row) = (left, 0);
    for symbol in symbols {
        let w = symbol.lead_px() + text_width_px(symbol.text(), LEGEND_FONT_PX);
        if x > left && x + w > right {
            x = left;
            row += 1;
        }
        items.push(LegendItem { x, row, symbol });
        x += w + 18.0;
    }
    items
}

pub(super) fn plan(dataset: &Dataset, index: &TimelineIndex, options: &ExportOptions) -> Plan {
    let s = design_scale(options.width_px, options.height_px);
    let (width, height) = (
        f64::from(options.width_px) / s,
        f64::from(options.height_px) / s,
    );
    let view = options.view;
    let found = contents(dataset, index, options, view);
    let total_lanes = dataset.lanes.len();
    // A filtered export draws only the lanes with something in them.
    let kept = options
        .lanes
        .clone()
        .unwrap_or_else(|| kept_lanes(&found, options, total_lanes));
    let lane_label_px = kept
        .iter()
        .filter_map(|&l| dataset.lanes.get(l))
        .map(|l| text_width_px(&lane_label(l), LANE_SIZE))
        .fold(40.0, f64::max);
    let title_lines = options.title.as_deref().map_or_else(Vec::new, |t| {
        wrap(t, TITLE_SIZE, width - 2.0 * MARGIN, TITLE_MAX_LINES)
    });
    let title_top = 10.0;
    let legend_top = if title_lines.is_empty() {
        16.0
    } else {
        title_top + title_lines.len() as f64 * TITLE_LINE + 6.0
    };
    // Room right of the plot for half of the widest tick label centred on its last pixel.
    let right_margin = (text_width_px("30 Sep 2024", 13.0) / 2.0 + 8.0).max(24.0);
    let plot_left = lane_label_px + 28.0;
    let plot_width = (width - plot_left - right_margin).max(10.0);
    let legend = legend_items(&found, plot_left, width - right_margin);
    let legend_rows = legend.iter().map(|l| l.row + 1).max().unwrap_or(0);
    let plot_top = legend_top + legend_rows as f64 * LEGEND_ROW + 6.0;
    let footer_lines = options.footer.as_deref().map_or_else(Vec::new, |f| {
        wrap(f, SMALL_SIZE, width - 2.0 * MARGIN, FOOTER_MAX_LINES)
    });
    let footer_height = if footer_lines.is_empty() {
        0.0
    } else {
        footer_lines.len() as f64 * SMALL_LINE + 10.0
    };
    let key_columns = (plot_width / KEY_MIN_COLUMN).floor().max(1.0);
    let selected = options
        .selected
        .filter(|&e| options.shown.as_ref().is_none_or(|m| m.contains(e)));
    let lane_count = kept.len().max(1);
    let lay_out = |key_height: f64, notes_height: f64| {
        let plot_height =
            (height - plot_top - TICKS_HEIGHT - key_height - notes_height - footer_height)
                .max(10.0);
        let frame = PlotArea::new(
            plot_left,
            plot_top,
            plot_width,
            plot_height,
            view,
            lane_count,
        );
        let mut scene = layout(
            dataset,
            index,
            &LayoutInput {
                view,
                width_px: frame.width,
                lane_height_px: frame.height / lane_count as f64,
                label_font_px: LABEL_SIZE,
                tick_spacing_px: 90.0,
                selected,
                callouts: options.callouts,
                shown: options.shown.clone(),
                dimmed: None,
                // Only the kept lanes take rows (the layout gives each its place).
                rows: (kept.len() < total_lanes).then(|| kept.clone().into()),
            },
        );
        let notes = relation_notes(dataset, &mut scene, options, selected);
        let notes = notes
            .iter()
            .flat_map(|n| wrap(n, SMALL_SIZE, plot_width, NOTE_MAX_LINES))
            .take(NOTE_MAX_LINES)
            .collect::<Vec<_>>();
        (frame, scene, notes)
    };
    // The key's height depends on how many marks are numbered, which depends on the plot's height:
    // grow the reserved block until the key and the notes fit in it (a few rounds at most).
    let key_height_for = |count: usize| {
        if count == 0 {
            0.0
        } else {
            (count as f64 / key_columns).ceil() * KEY_LINE + 14.0
        }
    };
    let notes_height_for = |count: usize| {
        if count == 0 {
            0.0
        } else {
            count as f64 * SMALL_LINE + 6.0
        }
    };
    let (mut key_height, mut notes_height) = (0.0, 0.0);
    let (mut frame, mut scene, mut notes) = lay_out(key_height, notes_height);
    for _ in 0..4 {
        let (key_needed, notes_needed) = (
            key_height_for(scene.callouts.len()),
            notes_height_for(notes.len()),
        );
        if key_needed <= key_height && notes_needed <= notes_height {
            break;
        }
        key_height = key_needed.max(key_height);
        notes_height = notes_needed.max(notes_height);
        (frame, scene, notes) = lay_out(key_height, notes_height);
    }
    let key_top = frame.top + frame.height + TICKS_HEIGHT;
    Plan {
        key_columns,
        key_top,
        design: (width, height),
        title_lines,
        title_top,
        legend,
        legend_top,
        notes,
        notes_top: key_top + key_height,
        footer_lines,
        footer_top: height - footer_height + 2.0,
        frame,
        scene,
    }
}

/// Keeps only the arrows that end on marks drawn on this slide, and says in words what became of
/// the others: an arrow is never drawn to where a hidden event would be, which is another event's
/// place as often as not.
fn relation_notes(
    dataset: &Dataset,
    scene: &mut Scene,
    options: &ExportOptions,
    selected: Option<usize>,
) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(asked) = options.selected
        && selected.is_none()
        && let Some(event) = dataset.events.get(asked)
    {
        notes.push(format!(
            "Relations not drawn: “{}” is hidden by the filters.",
            cut_title(&event.title, 60)
        ));
    }
    let view = scene.view.unwrap_or(TimeView::new(0.0, 1.0));
    let in_view = |e: usize| {
        dataset.events.get(e).is_some_and(|e| {
            e.latest_days() > view.start_days && e.earliest_days() < view.end_days()
        })
    };
    let drawn_at = |scene: &Scene, e: usize, at: (f64, f64)| {
        in_view(e)
            && scene
                .mark_of(e)
                .is_some_and(|m| (m.x_days - at.0).abs() < 1e-6 && (m.y - at.1).abs() < 1e-6)
    };
    let mut hidden = Vec::new();
    let arrows = std::mem::take(&mut scene.arrows);
    for arrow in arrows {
        if drawn_at(scene, arrow.from_event, arrow.from)
            && drawn_at(scene, arrow.to_event, arrow.to)
        {
            scene.arrows.push(arrow);
        } else {
            hidden.push(arrow);
        }
    }
    let phrase = |arrow: &Arrow| {
        let other = if Some(arrow.from_event) == selected {
            arrow.to_event
        } else {
            arrow.from_event
        };
        let title = dataset
            .events
            .get(other)
            .map_or_else(String::new, |e| cut_title(&e.title, 48));
        let why = if options.shown.as_ref().is_some_and(|s| !s.contains(other)) {
            "hidden by the filters"
        } else if !in_view(other) {
            "outside the dates shown"
        } else {
            "in a lane too crowded for single marks"
        };
        if Some(arrow.from_event) == selected {
            format!("{} “{title}” ({why})", arrow.kind.verb())
        } else {
            format!("{} “{title}” ({why})", arrow.kind.inverse_verb())
        }
    };
    // Relations whose other end the filters hide got no arrow from the layout at all.
    if let Some(selected) = selected {
        hidden.extend(scene.hidden_relations.iter().map(|h| {
            let (from_event, to_event) = if h.outgoing {
                (selected, h.other)
            } else {
                (h.other, selected)
            };
            Arrow {
                kind: h.kind,
                from: (0.0, 0.0),
                to: (0.0, 0.0),
                from_event,
                to_event,
                tag: None,
            }
        }));
    }
    if !hidden.is_empty() {
        let listed: Vec<String> = hidden.iter().take(6).map(phrase).collect();
        let more = hidden.len().saturating_sub(listed.len()) + scene.arrows_not_drawn;
        let mut note = format!("Relations not drawn: {}", listed.join("; "));
        if more > 0 {
            let _ = write!(note, "; and {more} more");
        }
        note.push('.');
        notes.push(note);
    } else if scene.arrows_not_drawn > 0 {
        notes.push(format!(
            "{} more relations not drawn; Claimline's detail panel lists them all.",
            scene.arrows_not_drawn
        ));
    }
    notes
}
