//! Each lane's marks on stack rows: a mark takes the first row free from its left edge, its label's
//! room included, so labels find room wherever a row has it.

use std::collections::HashMap;

use super::label_spots::GAP_PX;
use super::layout_input::LayoutInput;
use super::scene::{Mark, Scene, mark_extent_days};
use super::style;
use super::title_cut::label_text;
use crate::model::{Dataset, Event, Precision};

/// Most stack rows in a lane: the centre row, then alternately above and below.
const MAX_STACK_ROWS: usize = 7;
/// Vertical distance between stack rows, in pixels.
const ROW_SPACING_PX: f64 = 24.0;

/// Orders event indices by where the events start (the order marks are stacked in).
pub(super) fn sort_by_start(dataset: &Dataset, events: &mut [usize]) {
    let start = |i: usize| {
        dataset
            .events
            .get(i)
            .map_or(f64::INFINITY, |e| e.date.start_days())
    };
    events.sort_by(|&a, &b| start(a).total_cmp(&start(b)));
}

/// Places a lane's marks (in time order) on stack rows, leaving room for their labels.
///
/// Each mark takes the first row that is free from its left edge, label included, so labels find
/// room wherever a row has it. When no row is free, the mark goes on the row that frees up first.
/// The labels themselves are placed afterwards, for all lanes at once, by
/// [`super::labels::place`].
pub(super) fn stack_lane(
    scene: &mut Scene,
    dataset: &Dataset,
    ordered: &[usize],
    y0: f64,
    input: &LayoutInput,
    positions: &mut HashMap<usize, (f64, f64)>,
) {
    let view = input.view;
    let days_per_px = view.span_days / input.width_px.max(1.0);
    let px = |days: f64| (days - view.start_days) / days_per_px;
    let lane_height_px = input.lane_height_px.max(1.0);
    // Rows fit in 90% of the lane; an odd count keeps the centre row on the lane line.
    let fit = (((0.9 * lane_height_px) / ROW_SPACING_PX).floor() as usize).clamp(1, MAX_STACK_ROWS);
    let row_count = if fit.is_multiple_of(2) { fit - 1 } else { fit };
    let step_units = ROW_SPACING_PX / lane_height_px;
    let row_offset = |row: usize| {
        let k = row.div_ceil(2) as f64;
        if row % 2 == 1 { k } else { -k }
    };
    // Per row: where its marks end, and where its marks and labels end.
    let mut mark_right = vec![f64::NEG_INFINITY; row_count];
    let mut taken_right = vec![f64::NEG_INFINITY; row_count];
    for (event, e) in ordered
        .iter()
        .filter_map(|&i| Some((i, dataset.events.get(i)?)))
    {
        let mut mark = mark_for(e, event, y0, input.selected == Some(event), days_per_px);
        let (lo, hi) = mark_extent_days(&mark);
        let anchor_px = px(mark.x_days);
        let left = px(lo).min(anchor_px - style::MARK_RADIUS_PX) - GAP_PX;
        let right = px(hi).max(anchor_px + style::MARK_RADIUS_PX);
        let text = label_text(&e.title);
        let label_px = super::text::text_width_px(&text, input.label_font_px);
        let is_span = mark.band.is_some() || mark.range.is_some();
        // Where the label may go, best first: after the mark; before it; inside a long bar whose
        // start is out of view.
        let after = if is_span {
            right + GAP_PX
        } else {
            anchor_px + style::MARK_RADIUS_PX + GAP_PX
        };
        let mut candidates = vec![after, left - label_px];
        if is_span && px(lo) < 0.0 {
            candidates.push(GAP_PX);
        }
        let on_screen = |start: f64| start >= 0.0 && start + label_px <= input.width_px;
        // A row is free for a mark (and label) when everything on it ends before both begin.
        let placement = candidates
            .into_iter()
            .filter(|&start| on_screen(start))
            .find_map(|start| {
                let begin = left.min(start);
                taken_right
                    .iter()
                    .position(|&r| r < begin)
                    .map(|row| (row, Some(start)))
            });
        let (row, label_start) = match placement {
            Some(found) => found,
            None => {
                if let Some(row) = taken_right.iter().position(|&r| r < left) {
                    (row, None)
                } else {
                    let row = mark_right
                        .iter()
                        .enumerate()
                        .min_by(|a, b| a.1.total_cmp(b.1))
                        .map_or(0, |(row, _)| row);
                    (row, None)
                }
            }
        };
        mark.y = y0 + row_offset(row) * step_units;
        // `row` came from one of these rows (or is 0, and there is always one).
        if let (Some(mark_end), Some(taken)) = (mark_right.get_mut(row), taken_right.get_mut(row)) {
            *mark_end = mark_end.max(right);
            *taken = taken.max(right);
            if let Some(start) = label_start {
                *taken = taken.max(start + label_px + GAP_PX);
            }
        }
        positions.insert(event, (mark.x_days, mark.y));
        scene.marks.push(mark);
    }
}

/// The mark of `e`, the event at index `event`.
pub(super) fn mark_for(e: &Event, event: usize, y: f64, selected: bool, days_per_px: f64) -> Mark {
    let band = matches!(e.date.precision(), Precision::Year | Precision::Month)
        .then(|| (e.date.start_days(), e.date.end_days()));
    let attested_until = e.attested_until_days();
    let range = e
        .end
        .map(|end| end.end_days().max(e.date.start_days()))
        .or(attested_until)
        .map(|end| (e.date.start_days(), end));
    let open_end = attested_until
        .filter(|_| e.end.is_none())
        .map(|until| (until, until + style::OPEN_END_FADE_PX * days_per_px));
    let bounds =
        (e.earliest.is_some() || e.latest.is_some()).then(|| (e.earliest_days(), e.latest_days()));
    let x_days = match range {
        Some((start, _)) if band.is_none() => {
            start
                + if e.date.precision() == Precision::Day {
                    0.5
                } else {
                    0.0
                }
        }
        _ => e.date.anchor_days(),
    };
    Mark {
        event,
        shape: style::kind_shape(e.kind),
        color: style::kind_color(e.kind),
        x_days,
        y,
        band,
        range,
        open_end,
        bounds,
        selected,
    }
}
