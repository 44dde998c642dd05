//! From dataset + view + size to a [`Scene`]: plain data saying what to draw where.
//!
//! The screen and the exporter paint the same scene, so they show the same marks, bands, labels,
//! arrows and ticks. Coordinates are x in days since 1970 and y in lane units (the first lane on
//! top, at `lanes - 1`); pixel sizes come in through [`LayoutInput`] so labels can avoid collisions.

use std::borrow::Cow;
use std::collections::HashMap;

use super::index::{KINDS, TimelineIndex};
use super::labels::{self, CalloutMode};
use super::scene::mark_extent_days;
pub use super::scene::{
    Arrow, Callout, DensityBin, HiddenRelation, Mark, MarkLabel, Scene, SceneLane,
};
use super::style;
use super::ticks::calendar_ticks;
use super::view::TimeView;
use crate::model::{Dataset, Event, Lane, Precision, RelationKind, visible_text};

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

/// The rows to draw when the lanes named in `hidden` (ids) are hidden: `None` when none is.
pub fn rows_without(dataset: &Dataset, hidden: &[String]) -> Option<std::sync::Arc<[usize]>> {
    if hidden.is_empty() {
        return None;
    }
    Some(
        dataset
            .lanes
            .iter()
            .enumerate()
            .filter(|(_, lane)| !hidden.contains(&lane.id))
            .map(|(i, _)| i)
            .collect(),
    )
}

/// The most relation arrows drawn for the selected event. Past it, only arrows to marks drawn in
/// view are kept: an event that 300,000 others answer asked the tessellator for 300,000 curves
/// and 7 GB, and a view of a few hundred arrows is already a tangle.
pub const MAX_ARROWS: usize = 200;

/// The most characters of a lane's name beside the timeline (the seed's longest has 29). The axis is
/// as wide as its longest name, and a 5,000-character name left no room for the lanes or the dates.
pub const LANE_LABEL_CHARS: usize = 40;

/// A lane's name as the screen and the exporter draw it beside its row: cut, control characters
/// made visible.
pub fn lane_label(lane: &Lane) -> Cow<'_, str> {
    visible_text::shown(&lane.label, LANE_LABEL_CHARS)
}

/// Longest label, in characters, before it is cut with "…".
const LABEL_MAX_CHARS: usize = 34;
/// Pixels between a mark and its label, and kept free around marks.
const GAP_PX: f64 = 5.0;
/// Most stack rows in a lane: the centre row, then alternately above and below.
const MAX_STACK_ROWS: usize = 7;
/// Vertical distance between stack rows, in pixels.
const ROW_SPACING_PX: f64 = 24.0;
/// A lane with more visible events than one per this many pixels is drawn as density.
const DENSITY_PX_PER_EVENT: f64 = 6.0;
/// Width of a density bin in pixels.
const DENSITY_BIN_PX: f64 = 4.0;

/// The y of lane row `lane` among `lane_count`.
pub fn lane_y(lane: usize, lane_count: usize) -> f64 {
    (lane_count.saturating_sub(1) - lane.min(lane_count.saturating_sub(1))) as f64
}

/// Lays out the visible part of the timeline.
pub fn layout(dataset: &Dataset, index: &TimelineIndex, input: &LayoutInput) -> Scene {
    let view = input.view;
    let width_px = input.width_px.max(1.0);
    let days_per_px = view.span_days / width_px;
    let units_per_px = 1.0 / input.lane_height_px.max(1.0);
    let rows: std::sync::Arc<[usize]> = input
        .rows
        .clone()
        .unwrap_or_else(|| (0..dataset.lanes.len()).collect());
    let lane_count = rows.len();
    // Each dataset lane's row, `None` for a hidden lane.
    let mut row_of_lane: Vec<Option<usize>> = vec![None; dataset.lanes.len()];
    let lanes: Vec<SceneLane> = rows
        .iter()
        .enumerate()
        .filter_map(|(row, &i)| {
            let lane = dataset.lanes.get(i)?;
            if let Some(slot) = row_of_lane.get_mut(i) {
                *slot = Some(row);
            }
            Some(SceneLane {
                lane: i,
                id: lane.id.clone(),
                label: lane_label(lane).into_owned(),
                color: lane
                    .color
                    .as_deref()
                    .and_then(style::parse_hex_color)
                    .unwrap_or_else(|| style::lane_palette_color(i)),
                y: lane_y(row, lane_count),
            })
        })
        .collect();
    let (tick_step, ticks) = calendar_ticks(
        view.start_days,
        view.end_days(),
        width_px,
        input.tick_spacing_px,
    );
    let mut scene = Scene {
        view: Some(view),
        lanes,
        tick_step: Some(tick_step),
        ticks,
        days_per_px,
        units_per_px,
        ..Scene::default()
    };
    // A margin so marks and labels just outside the view are still laid out consistently.
    let (from, to) = (
        view.start_days - 40.0 * days_per_px,
        view.end_days() + 2.0 * days_per_px,
    );
    let mut positions: HashMap<usize, (f64, f64)> = HashMap::new();

    // A dense lane still shows its selected event as a mark, so the selection never vanishes.
    let selected_over_density =
        |scene: &mut Scene, positions: &mut HashMap<usize, (f64, f64)>, lane: usize, y0: f64| {
            if let Some((sel, event)) = input
                .selected
                .filter(|&s| index.lane_of_event.get(s) == Some(&lane))
                .and_then(|s| Some((s, dataset.events.get(s)?)))
            {
                let mark = mark_for(event, sel, y0, true, days_per_px);
                positions.insert(sel, (mark.x_days, mark.y));
                scene.marks.push(mark);
            }
        };
    for (row, &lane) in rows.iter().enumerate() {
        let y0 = lane_y(row, lane_count);
        if let Some(shown) = &input.shown {
            let visible: Vec<usize> = index
                .visible_in_lane(lane, from, to)
                .filter(|&e| shown.contains(e))
                .collect();
            if visible.len() as f64 > width_px / DENSITY_PX_PER_EVENT {
                density_of(
                    &mut scene,
                    dataset,
                    &visible,
                    lane,
                    y0,
                    (from, to),
                    days_per_px,
                );
                selected_over_density(&mut scene, &mut positions, lane, y0);
                continue;
            }
            let mut ordered = visible;
            sort_by_start(dataset, &mut ordered);
            stack_lane(&mut scene, dataset, &ordered, y0, input, &mut positions);
            // The rest, dimmed, when the whole lane is sparse enough for single marks (counted
            // first with binary searches, so a crowded lane is never walked).
            if let Some(dimmed) = &input.dimmed
                && index.count_overlapping(lane, from, to) as f64 <= width_px / DENSITY_PX_PER_EVENT
            {
                for event in index
                    .visible_in_lane(lane, from, to)
                    .filter(|&e| dimmed.contains(e) && !shown.contains(e))
                {
                    if let Some(e) = dataset.events.get(event) {
                        let mark = mark_for(e, event, y0, false, days_per_px);
                        positions.insert(event, (mark.x_days, mark.y));
                        scene.dimmed.push(mark);
                    }
                }
            }
            continue;
        }
        // Count before collecting: a crowded lane is drawn as counts per pixel column.
        if index.count_overlapping(lane, from, to) as f64 > width_px / DENSITY_PX_PER_EVENT {
            density(&mut scene, index, lane, y0, from, to, days_per_px);
            selected_over_density(&mut scene, &mut positions, lane, y0);
            continue;
        }
        let visible: Vec<usize> = index.visible_in_lane(lane, from, to).collect();
        let mut ordered: Vec<usize> = visible;
        sort_by_start(dataset, &mut ordered);
        stack_lane(&mut scene, dataset, &ordered, y0, input, &mut positions);
    }
    labels::place(
        &mut scene,
        dataset,
        &labels::Surface {
            start_days: view.start_days,
            days_per_px,
            width_px,
            lane_height_px: input.lane_height_px.max(1.0),
            font_px: input.label_font_px,
            selected: input.selected,
            mode: input.callouts,
        },
    );

    scale_density(&mut scene);
    relation_arrows(&mut scene, dataset, index, input, &positions, &row_of_lane);
    labels::place_relation_tags(
        &mut scene,
        &labels::Surface {
            start_days: view.start_days,
            days_per_px,
            width_px,
            lane_height_px: input.lane_height_px.max(1.0),
            font_px: input.label_font_px,
            selected: input.selected,
            mode: input.callouts,
        },
    );
    scene
}

/// The selected event's relations as arrows between the marks drawn. A relation whose other end
/// the search or filters hide gets no arrow but an entry in [`Scene::hidden_relations`]; one whose
/// other end is shown but out of view points at its date, off the edge.
fn relation_arrows(
    scene: &mut Scene,
    dataset: &Dataset,
    index: &TimelineIndex,
    input: &LayoutInput,
    positions: &HashMap<usize, (f64, f64)>,
    row_of_lane: &[Option<usize>],
) {
    let Some((selected, selected_event)) = input
        .selected
        .and_then(|s| Some((s, dataset.events.get(s)?)))
    else {
        return;
    };
    let lane_count = scene.lanes.len();
    let row_of = |event: usize| {
        let lane = index.lane_of_event.get(event).copied().unwrap_or(0);
        row_of_lane.get(lane).copied().flatten()
    };
    let hidden = |event: usize| {
        !positions.contains_key(&event)
            && (row_of(event).is_none()
                || input.shown.as_ref().is_some_and(|shown| {
                    !shown.contains(event)
                        && !input.dimmed.as_ref().is_some_and(|d| d.contains(event))
                }))
    };
    if hidden(selected) {
        scene.selected_hidden = true;
        return;
    }
    let position_of = |event: usize| {
        positions.get(&event).copied().unwrap_or_else(|| {
            let anchor_days = dataset
                .events
                .get(event)
                .map_or(0.0, |e| e.date.anchor_days());
            (anchor_days, lane_y(row_of(event).unwrap_or(0), lane_count))
        })
    };
    let related = selected_event.relations.len() + index.incoming(selected).len();
    if related > MAX_ARROWS {
        let at = position_of(selected);
        arrows_to_drawn_marks(scene, dataset, index, (selected, at), positions);
        scene.arrows_not_drawn = related.saturating_sub(scene.arrows.len());
        return;
    }
    let add = |scene: &mut Scene, kind: RelationKind, from: usize, to: usize| {
        let other = if from == selected { to } else { from };
        if hidden(other) {
            scene.hidden_relations.push(HiddenRelation {
                kind,
                other,
                outgoing: from == selected,
            });
        } else {
            scene.arrows.push(Arrow {
                kind,
                from: position_of(from),
                to: position_of(to),
                from_event: from,
                to_event: to,
                tag: None,
            });
        }
    };
    for relation in &selected_event.relations {
        if let Some(target) = index.event_by_id(dataset, &relation.target) {
            add(scene, relation.kind, selected, target);
        }
    }
    // From the index: no pass over every event for a selection's incoming arrows.
    for incoming in index.incoming(selected) {
        let other = incoming.from;
        if let Some(relation) = dataset
            .events
            .get(other)
            .and_then(|e| e.relations.get(incoming.relation))
        {
            add(scene, relation.kind, other, selected);
        }
    }
}

/// The arrows of an event with more than [`MAX_ARROWS`] relations: only those whose other end is
/// a mark drawn in this view, at most [`MAX_ARROWS`]. The work is bounded by the marks drawn, not
/// by the relations: the incoming ones are found among the drawn marks' own relations.
fn arrows_to_drawn_marks(
    scene: &mut Scene,
    dataset: &Dataset,
    index: &TimelineIndex,
    (selected, at): (usize, (f64, f64)),
    positions: &HashMap<usize, (f64, f64)>,
) {
    let Some(selected_event) = dataset.events.get(selected) else {
        return;
    };
    for relation in &selected_event.relations {
        if scene.arrows.len() >= MAX_ARROWS {
            return;
        }
        let target = index.event_by_id(dataset, &relation.target);
        if let Some((target, &to)) = target.and_then(|t| Some((t, positions.get(&t)?))) {
            scene.arrows.push(Arrow {
                kind: relation.kind,
                from: at,
                to,
                from_event: selected,
                to_event: target,
                tag: None,
            });
        }
    }
    let drawn: Vec<(usize, (f64, f64))> = scene
        .marks
        .iter()
        .filter(|m| m.event != selected)
        .filter_map(|m| Some((m.event, *positions.get(&m.event)?)))
        .collect();
    for (other, from) in drawn {
        let Some(event) = dataset.events.get(other) else {
            continue;
        };
        for relation in &event.relations {
            if scene.arrows.len() >= MAX_ARROWS {
                return;
            }
            if relation.target == selected_event.id
                && index.event_by_id(dataset, &relation.target) == Some(selected)
            {
                scene.arrows.push(Arrow {
                    kind: relation.kind,
                    from,
                    to: at,
                    from_event: other,
                    to_event: selected,
                    tag: None,
                });
            }
        }
    }
}

/// Places a lane's marks (in time order) on stack rows, leaving room for their labels.
///
/// Each mark takes the first row that is free from its left edge, label included, so labels find
/// room wherever a row has it. When no row is free, the mark goes on the row that frees up first.
/// The labels themselves are placed afterwards, for all lanes at once, by [`labels::place`].
/// Orders event indices by where the events start (the order marks are stacked in).
fn sort_by_start(dataset: &Dataset, events: &mut [usize]) {
    let start = |i: usize| {
        dataset
            .events
            .get(i)
            .map_or(f64::INFINITY, |e| e.date.start_days())
    };
    events.sort_by(|&a, &b| start(a).total_cmp(&start(b)));
}

fn stack_lane(
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
fn mark_for(e: &Event, event: usize, y: f64, selected: bool, days_per_px: f64) -> Mark {
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

/// Counts per bin of a crowded lane, per kind, in one forward pass of binary searches over the
/// lane's sorted starts and ends.
fn density(
    scene: &mut Scene,
    index: &TimelineIndex,
    lane: usize,
    y: f64,
    from: f64,
    to: f64,
    days_per_px: f64,
) {
    let Some(lane_index) = index.lanes.get(lane) else {
        return;
    };
    // Bins aligned to the epoch, so they do not shimmer while panning.
    let bin_days = DENSITY_BIN_PX * days_per_px;
    let first = (from / bin_days).floor() as i64;
    let last = (to / bin_days).ceil() as i64;
    let edges: Vec<f64> = (first..=last).map(|bin| bin as f64 * bin_days).collect();
    lane_index.count_in_bins(&edges, |bin, by_kind| {
        let count: usize = by_kind.iter().sum();
        if count > 0
            && let (Some(&start_days), Some(&end_days)) = (edges.get(bin), edges.get(bin + 1))
        {
            scene.density.push(DensityBin {
                lane,
                start_days,
                end_days,
                y,
                count,
                by_kind,
                fill: 0.0,
            });
        }
    });
}

/// Sets each bin's `fill` on a log scale against the fullest bin in the scene.
fn scale_density(scene: &mut Scene) {
    let fullest = scene.density.iter().map(|b| b.count).max().unwrap_or(1);
    let top = (1.0 + fullest as f64).ln().max(f64::MIN_POSITIVE);
    for bin in &mut scene.density {
        // A bin of one still shows: a fifth of the height at least.
        bin.fill = (0.2 + 0.8 * (1.0 + bin.count as f64).ln() / top).min(1.0);
    }
}

/// Dense bins of only the shown events of a lane (`events`): the same epoch-aligned bins and the
/// same counting as [`density`] (every event in every bin it overlaps, per kind), from the
/// filtered list instead of the lane's index.
fn density_of(
    scene: &mut Scene,
    dataset: &Dataset,
    events: &[usize],
    lane: usize,
    y: f64,
    (from, to): (f64, f64),
    days_per_px: f64,
) {
    let bin_days = DENSITY_BIN_PX * days_per_px;
    let first = (from / bin_days).floor() as i64;
    let last = (to / bin_days).ceil() as i64;
    let mut counts = vec![[0usize; KINDS]; usize::try_from(last - first).unwrap_or(0)];
    for event in events.iter().filter_map(|&e| dataset.events.get(e)) {
        let lo = ((event.earliest_days() / bin_days).floor() as i64).max(first);
        let hi = ((event.latest_days() / bin_days).ceil() as i64 - 1).min(last - 1);
        let kind = super::index::kind_slot(event.kind);
        for bin in lo..=hi {
            if let Some(c) = usize::try_from(bin - first)
                .ok()
                .and_then(|i| counts.get_mut(i))
                .and_then(|c| c.get_mut(kind))
            {
                *c += 1;
            }
        }
    }
    for (i, by_kind) in counts.into_iter().enumerate() {
        let count: usize = by_kind.iter().sum();
        if count > 0 {
            let bin = first + i as i64;
            scene.density.push(DensityBin {
                lane,
                start_days: bin as f64 * bin_days,
                end_days: (bin + 1) as f64 * bin_days,
                y,
                count,
                by_kind,
                fill: 0.0,
            });
        }
    }
}

/// A title cut to fit beside a mark.
pub fn label_text(title: &str) -> String {
    labels::cut_title(title, LABEL_MAX_CHARS)
}

#[cfg(test)]
#[expect(clippy::float_cmp, reason = "the expected values are exact in f64")]
mod tests {
    use super::*;
    use crate::model::{Date, Event, EventKind, Lane, Relation};
    use crate::timeline::style::kind_color;

    fn event(id: &str, date: &str) -> Event {
        crate::model::test_event(
            id,
            EventKind::Statement,
            "a",
            date,
            &format!("Title of {id}"),
        )
    }

    fn dataset(events: Vec<Event>) -> Dataset {
        Dataset {
            lanes: vec![Lane {
                id: "a".into(),
                label: "A".into(),
                color: None,
            }],
            events,
            ..Dataset::default()
        }
    }

    fn input(from: &str, to: &str, width_px: f64) -> LayoutInput {
        let d = |s: &str| Date::parse(s).unwrap().start_days();
        LayoutInput {
            view: TimeView::new(d(from), d(to)),
            width_px,
            lane_height_px: 200.0,
            label_font_px: 13.0,
            tick_spacing_px: 80.0,
            selected: None,
            callouts: CalloutMode::Auto,
            shown: None,
            dimmed: None,
            rows: None,
        }
    }

    #[test]
    fn year_and_month_dates_are_bands_over_their_whole_period() {
        let data = dataset(vec![
            event("y", "2020"),
            event("m", "2020-11"),
            event("d", "2020-11-09"),
        ]);
        let scene = layout(
            &data,
            &TimelineIndex::new(&data),
            &input("2019", "2022", 1000.0),
        );
        let mark = |id: usize| scene.mark_of(id).unwrap();
        let d = |s: &str| Date::parse(s).unwrap().start_days();
        assert_eq!(mark(0).band, Some((d("2020-01-01"), d("2021-01-01"))));
        assert_eq!(mark(1).band, Some((d("2020-11-01"), d("2020-12-01"))));
        assert_eq!(mark(2).band, None, "a day is a point");
        assert!(
            mark(0).x_days > d("2020-06-01"),
            "never a point on 1 January"
        );
    }

    #[test]
    fn a_span_still_going_is_solid_to_its_last_attestation_then_fades() {
        let mut going = event("going", "2020-08-09");
        going.ongoing_as_of = Some(Date::parse("2020-11-09").unwrap());
        let mut ended = event("ended", "2020-08-09");
        ended.end = Some(Date::parse("2020-11-09").unwrap());
        let data = dataset(vec![going, ended]);
        let i = input("2020", "2021", 1000.0);
        let scene = layout(&data, &TimelineIndex::new(&data), &i);
        let d = |s: &str| Date::parse(s).unwrap().start_days();
        let days_per_px = i.view.span_days / 1000.0;
        let going = scene.mark_of(0).unwrap();
        assert_eq!(going.range, Some((d("2020-08-09"), d("2020-11-10"))));
        let (from, to) = going.open_end.unwrap();
        assert_eq!(
            from,
            d("2020-11-10"),
            "the fade starts after the attested day"
        );
        assert!(
            ((to - from) / days_per_px - style::OPEN_END_FADE_PX).abs() < 1e-6,
            "the fade is a fixed length on screen"
        );
        // The same dates as a finished range: a bar with no open end.
        let ended = scene.mark_of(1).unwrap();
        assert_eq!(ended.range, going.range);
        assert_eq!(ended.open_end, None);
        // A label after a still-going span clears its fade.
        if let Some(label) = scene.labels.iter().find(|l| l.event == 0) {
            assert!(label.right_aligned || label.x_days > to, "{label:?}");
        }
        // The fade is part of the mark: clicking it selects the event.
        assert_eq!(scene.hit(from + 0.5 * (to - from), going.y), Some(0));
    }

    #[test]
    fn colliding_labels_are_hidden_and_free_ones_shown() {
        let data = dataset(vec![
            event("a", "2020-01-01"),
            event("b", "2020-01-02"),
            event("far", "2023-01-01"),
        ]);
        let scene = layout(
            &data,
            &TimelineIndex::new(&data),
            &input("2019", "2025", 1000.0),
        );
        let labelled: Vec<usize> = scene.labels.iter().map(|l| l.event).collect();
        assert!(labelled.contains(&2), "{labelled:?}");
        assert_eq!(scene.marks.len(), 3);
        // Two marks a day apart at this zoom sit on different stack rows, not on top of each other.
        assert_ne!(scene.mark_of(0).unwrap().y, scene.mark_of(1).unwrap().y);
    }

    #[test]
    fn a_mark_at_the_right_edge_gets_its_label_before_it() {
        let data = dataset(vec![event("edge", "2020-12-20")]);
        let scene = layout(
            &data,
            &TimelineIndex::new(&data),
            &input("2020", "2021", 1000.0),
        );
        let label = &scene.labels[0];
        assert!(label.right_aligned);
        assert!(label.x_days < scene.mark_of(0).unwrap().x_days);
    }

    #[test]
    fn short_lanes_stack_fewer_rows() {
        let events = (0..6)
            .map(|i| event(&format!("e{i}"), "2020-06-01"))
            .collect();
        let data = dataset(events);
        let mut i = input("2019", "2022", 1000.0);
        i.lane_height_px = 60.0;
        let scene = layout(&data, &TimelineIndex::new(&data), &i);
        let mut ys: Vec<f64> = scene.marks.iter().map(|m| m.y).collect();
        ys.sort_by(f64::total_cmp);
        ys.dedup_by(|a, b| (*a - *b).abs() < 1e-9);
        assert_eq!(ys.len(), 1, "a 60 px lane has room for one row: {ys:?}");
        i.lane_height_px = 300.0;
        let tall = layout(&data, &TimelineIndex::new(&data), &i);
        let mut ys: Vec<f64> = tall.marks.iter().map(|m| m.y).collect();
        ys.sort_by(f64::total_cmp);
        ys.dedup_by(|a, b| (*a - *b).abs() < 1e-9);
        assert_eq!(
            ys.len(),
            6,
            "six marks on one day take six rows in a tall lane"
        );
        assert!(
            ys.iter().all(|y| y.abs() < 0.5),
            "rows stay inside the lane"
        );
    }

    #[test]
    fn clicking_a_mark_hits_its_event_and_empty_space_hits_nothing() {
        let data = dataset(vec![event("a", "2020-06-01"), event("year", "2022")]);
        let scene = layout(
            &data,
            &TimelineIndex::new(&data),
            &input("2019", "2025", 1000.0),
        );
        let m = scene.mark_of(0).unwrap();
        assert_eq!(scene.hit(m.x_days, m.y), Some(0));
        let d = |s: &str| Date::parse(s).unwrap().start_days();
        assert_eq!(
            scene.hit(d("2022-02-10"), scene.mark_of(1).unwrap().y),
            Some(1),
            "anywhere on the band"
        );
        assert_eq!(scene.hit(d("2024-06-01"), 0.0), None);
    }

    #[test]
    fn a_search_dims_the_rest_in_sparse_lanes_and_counts_only_matches_in_dense_ones() {
        use crate::timeline::{Filter, SearchIndex};
        let mut events = vec![event("hit", "2020-03-01"), event("miss", "2020-06-01")];
        events[0].title = "groundless".into();
        let data = dataset(events);
        let index = TimelineIndex::new(&data);
        let search = SearchIndex::new(&data);
        let matches = Filter {
            search: "groundless".into(),
            ..Filter::default()
        }
        .apply(&data, &crate::model::QuoteMatches::default(), &search);
        let all = crate::timeline::Matches::all(data.events.len());
        let mut input = input("2020", "2021", 800.0);
        input.shown = Some(std::sync::Arc::new(matches.clone()));
        input.dimmed = Some(std::sync::Arc::new(all.clone()));
        let scene = layout(&data, &index, &input);
        let ids = |marks: &[Mark]| -> Vec<usize> { marks.iter().map(|m| m.event).collect() };
        assert_eq!(ids(&scene.marks), [0], "the match is a full mark");
        assert_eq!(ids(&scene.dimmed), [1], "the rest is dimmed, not hidden");
        assert!(
            scene.labels.iter().all(|l| l.event == 0),
            "only matches are named"
        );
        input.dimmed = None;
        assert!(
            layout(&data, &index, &input).dimmed.is_empty(),
            "filters hide"
        );

        // Crowded: 400 events, every fourth a match; bins count the matches only.
        let mut many: Vec<Event> = (0..400)
            .map(|i| {
                event(
                    &format!("e{i}"),
                    &format!("2020-{:02}-{:02}", i % 12 + 1, i % 28 + 1),
                )
            })
            .collect();
        for e in many.iter_mut().step_by(4) {
            e.title = "groundless".into();
        }
        let data = dataset(many);
        let index = TimelineIndex::new(&data);
        let matches = Filter {
            search: "groundless".into(),
            ..Filter::default()
        }
        .apply(
            &data,
            &crate::model::QuoteMatches::default(),
            &SearchIndex::new(&data),
        );
        let mut input = super::tests::input("2020", "2021", 200.0);
        input.shown = Some(std::sync::Arc::new(matches));
        input.dimmed = Some(std::sync::Arc::new(crate::timeline::Matches::all(400)));
        let scene = layout(&data, &index, &input);
        assert!(
            scene.dimmed.is_empty(),
            "no single dimmed marks in a crowded lane"
        );
        let total = |scene: &Scene| -> usize { scene.density.iter().map(|b| b.count).sum() };
        let counted = total(&scene);
        input.dimmed = None;
        assert_eq!(
            counted,
            total(&layout(&data, &index, &input)),
            "dimming adds nothing to bins"
        );
        input.shown = None;
        let unfiltered = total(&layout(&data, &index, &input));
        assert!(
            counted > 0 && 3 * counted < unfiltered,
            "bins count a quarter of the events: {counted} of {unfiltered}"
        );
    }

    #[test]
    fn crowded_lanes_become_density() {
        let events = (0..2000)
            .map(|i| event(&format!("e{i}"), &format!("{}-01-01", 1900 + i % 120)))
            .collect();
        let data = dataset(events);
        let scene = layout(
            &data,
            &TimelineIndex::new(&data),
            &input("1900", "2020", 800.0),
        );
        assert!(scene.marks.is_empty());
        // A day is narrower than a bin here, but may straddle two bins: at least every event.
        assert!(scene.density.iter().map(|b| b.count).sum::<usize>() >= 2000);
        assert!(scene.density.iter().all(|b| b.fill > 0.0 && b.fill <= 1.0));
    }

    /// Synthetic events of every kind, with ranges, month and year bands and uncertain bounds.
    fn mixed_events(count: usize) -> Vec<Event> {
        (0..count)
            .map(|i| {
                let year = 1990 + (i * 7) % 30;
                let mut e = event(
                    &format!("e{i}"),
                    &match i % 4 {
                        0 => format!("{year}"),
                        1 => format!("{year}-{:02}", 1 + i % 12),
                        _ => format!("{year}-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
                    },
                );
                e.kind = EventKind::ALL[i % EventKind::ALL.len()];
                if i % 5 == 0 {
                    e.end = Date::parse(&format!("{}", year + 1 + i % 4)).ok();
                }
                if i % 11 == 0 {
                    e.latest = Date::parse(&format!("{}", year + 2)).ok();
                }
                e
            })
            .collect()
    }

    #[test]
    fn density_bins_count_every_event_overlapping_them_ranges_included() {
        let data = dataset(mixed_events(3000));
        let index = TimelineIndex::new(&data);
        let scene = layout(&data, &index, &input("1985", "2025", 900.0));
        assert!(scene.marks.is_empty(), "3000 events in 900 px are dense");
        assert!(!scene.density.is_empty());
        for bin in &scene.density {
            let overlapping = |kind: Option<EventKind>| {
                data.events
                    .iter()
                    .filter(|e| kind.is_none_or(|k| e.kind == k))
                    .filter(|e| {
                        e.earliest_days() < bin.end_days && e.latest_days() > bin.start_days
                    })
                    .count()
            };
            assert_eq!(bin.count, overlapping(None), "bin at {}", bin.start_days);
            for (kind, n) in EventKind::ALL.iter().zip(bin.by_kind) {
                assert_eq!(
                    n,
                    overlapping(Some(*kind)),
                    "{kind:?} at {}",
                    bin.start_days
                );
            }
        }
        // A ten-year range is counted in every bin it crosses, not only where it starts.
        let long = data.events.iter().filter(|e| e.end.is_some()).count();
        let fullest = scene.density.iter().map(|b| b.count).max().unwrap();
        assert!(
            fullest >= long / 4,
            "ranges must add to the bins they cover"
        );
    }

    #[test]
    fn density_and_individual_marks_agree_on_what_a_span_holds() {
        let data = dataset(mixed_events(3000));
        let index = TimelineIndex::new(&data);
        // One month: few enough for marks. The same month as one density bin must count them all.
        let month = input("2001-03", "2001-04", 1400.0);
        let scene = layout(&data, &index, &month);
        assert!(
            scene.density.is_empty(),
            "a month of this data is drawn as marks"
        );
        let (from, to) = (month.view.start_days, month.view.end_days());
        let mut marked: Vec<usize> = scene
            .marks
            .iter()
            .filter(|m| {
                let e = &data.events[m.event];
                e.earliest_days() < to && e.latest_days() > from
            })
            .map(|m| m.event)
            .collect();
        marked.sort_unstable();
        marked.dedup();
        let counted: usize = index.lanes[0].count_overlapping(from, to).iter().sum();
        assert_eq!(marked.len(), counted);
    }

    #[test]
    fn a_bin_is_stacked_by_kind_in_proportion_to_its_counts() {
        let bin = DensityBin {
            lane: 0,
            start_days: 0.0,
            end_days: 1.0,
            y: 0.0,
            count: 4,
            by_kind: [1, 0, 0, 3, 0],
            fill: 1.0,
        };
        let segments: Vec<_> = bin.segments().collect();
        assert_eq!(segments.len(), 2, "kinds with no events take no room");
        assert_eq!(segments[0].0, EventKind::Election);
        assert_eq!((segments[0].2, segments[0].3), (0.0, 0.25));
        assert_eq!(segments[1].1, kind_color(EventKind::Statement));
        assert_eq!((segments[1].2, segments[1].3), (0.25, 1.0));
    }

    /// An event that 1,000 others answer: arrows only to the marks drawn in view, and a count of
    /// the rest, however many there are.
    #[test]
    fn an_event_with_more_relations_than_arrows_gets_arrows_only_to_drawn_marks() {
        let mut events = vec![event("a", "2020-01-15")];
        for i in 0..1_000 {
            let date = format!(
                "{}-{:02}-{:02}",
                2020 + i / 336,
                (i / 28) % 12 + 1,
                i % 28 + 1
            );
            let mut answer = event(&format!("e{i}"), &date);
            answer.relations.push(Relation {
                kind: RelationKind::RespondsTo,
                target: "a".into(),
                note: None,
            });
            events.push(answer);
        }
        let data = dataset(events);
        let mut i = input("2020-01", "2020-02", 1000.0);
        i.selected = Some(0);
        let scene = layout(&data, &TimelineIndex::new(&data), &i);
        let drawn_answers = scene.marks.iter().filter(|m| m.event != 0).count();
        // January's 28, and 1 February on the view's edge.
        assert_eq!(drawn_answers, 29);
        assert_eq!(scene.arrows.len(), 29);
        for arrow in &scene.arrows {
            assert_eq!(arrow.to_event, 0);
            assert!(scene.mark_of(arrow.from_event).is_some(), "{arrow:?}");
        }
        assert_eq!(scene.arrows_not_drawn, 1_000 - 29);
    }

    #[test]
    fn the_selected_event_gets_arrows_to_and_from_its_relations() {
        let mut a = event("a", "2020-01-01");
        a.relations.push(Relation {
            kind: RelationKind::Denies,
            target: "b".into(),
            note: None,
        });
        let mut c = event("c", "2021-01-01");
        c.relations.push(Relation {
            kind: RelationKind::Follows,
            target: "a".into(),
            note: None,
        });
        let data = dataset(vec![a, event("b", "2019-06-01"), c]);
        let mut i = input("2019", "2022", 1000.0);
        i.selected = Some(0);
        let scene = layout(&data, &TimelineIndex::new(&data), &i);
        let arrows: Vec<(usize, usize, RelationKind)> = scene
            .arrows
            .iter()
            .map(|a| (a.from_event, a.to_event, a.kind))
            .collect();
        assert_eq!(
            arrows,
            [(0, 1, RelationKind::Denies), (2, 0, RelationKind::Follows)]
        );
        assert!(scene.mark_of(0).unwrap().selected);
    }

    /// Ryabkov's case: the selected statement denies a report that the filter hides, and another
    /// event sits where the report would be drawn. No arrow may end there.
    #[test]
    fn an_arrow_to_an_event_the_filter_hides_is_not_drawn_onto_another() {
        let mut a = event("a", "2021-03-18");
        a.relations.push(Relation {
            kind: RelationKind::Denies,
            target: "report".into(),
            note: None,
        });
        // Same day and lane as the hidden report: an arrow to the report's place ends on it.
        let data = dataset(vec![
            a,
            event("report", "2021-03-16"),
            event("other", "2021-03-16"),
        ]);
        let mut i = input("2021", "2022", 1000.0);
        i.selected = Some(0);
        i.shown = Some(std::sync::Arc::new(crate::timeline::Matches::from_bits(
            vec![true, false, true],
        )));
        let scene = layout(&data, &TimelineIndex::new(&data), &i);
        assert!(scene.arrows.is_empty(), "{:?}", scene.arrows);
        assert_eq!(
            scene.hidden_relations,
            [HiddenRelation {
                kind: RelationKind::Denies,
                other: 1,
                outgoing: true
            }]
        );
        assert!(scene.mark_of(1).is_none() && scene.mark_of(2).is_some());

        // Shown again, the arrow ends on the report's own mark.
        i.shown = None;
        let scene = layout(&data, &TimelineIndex::new(&data), &i);
        let arrow = scene.arrows.first().expect("an arrow");
        let report = scene.mark_of(1).unwrap();
        assert_eq!(arrow.to, (report.x_days, report.y));
        assert!(scene.hidden_relations.is_empty());

        // A selected event the filter hides has no arrows at all, and says so.
        i.selected = Some(1);
        i.shown = Some(std::sync::Arc::new(crate::timeline::Matches::from_bits(
            vec![true, false, true],
        )));
        let scene = layout(&data, &TimelineIndex::new(&data), &i);
        assert!(scene.selected_hidden && scene.arrows.is_empty());
    }

    #[test]
    fn a_hidden_lane_takes_no_row() {
        let mut data = dataset(vec![event("a", "2020-03-01"), event("b", "2020-04-01")]);
        data.lanes.push(Lane {
            id: "b".into(),
            label: "Bees".into(),
            color: None,
        });
        data.events[1].lane = "b".into();
        let rows = rows_without(&data, &["a".to_owned()]);
        assert_eq!(rows.as_deref(), Some(&[1][..]));
        let mut i = input("2020", "2021", 1000.0);
        i.rows = rows;
        let scene = layout(&data, &TimelineIndex::new(&data), &i);
        let lanes: Vec<(&str, f64)> = scene
            .lanes
            .iter()
            .map(|l| (l.label.as_str(), l.y))
            .collect();
        assert_eq!(lanes, [("Bees", 0.0)]);
        let marks: Vec<usize> = scene.marks.iter().map(|m| m.event).collect();
        assert_eq!(marks, [1]);
        assert_eq!(scene.mark_of(1).unwrap().y, 0.0);
        assert!(rows_without(&data, &[]).is_none());
    }

    /// Relation names sit on their arcs but never on a mark, a label or each other.
    #[test]
    #[expect(
        clippy::many_single_char_names,
        reason = "boxes and points named as in geometry"
    )]
    fn relation_names_cover_no_mark_and_no_label() {
        let mut hub = event("hub", "2020-06-01");
        for i in 0..4 {
            hub.relations.push(Relation {
                kind: if i % 2 == 0 {
                    RelationKind::Denies
                } else {
                    RelationKind::Follows
                },
                target: format!("e{i}").into(),
                note: None,
            });
        }
        let mut events = vec![hub];
        for (i, date) in ["2020-05-20", "2020-06-10", "2020-06-12", "2020-07-01"]
            .iter()
            .enumerate()
        {
            events.push(event(&format!("e{i}"), date));
        }
        let data = dataset(events);
        let mut i = input("2020-05", "2020-08", 900.0);
        i.selected = Some(0);
        let scene = layout(&data, &TimelineIndex::new(&data), &i);
        assert_eq!(scene.arrows.len(), 4);
        let h = labels::label_height_px(13.0);
        let tags: Vec<(f64, f64, f64, f64)> = scene
            .arrows
            .iter()
            .filter_map(|a| {
                let (x, y) = scene.to_px(a.tag?.0, a.tag?.1);
                let font = 13.0 * super::super::arrow::TAG_FONT_SCALE;
                let w = crate::timeline::text::text_width_px(a.kind.verb(), font) + 4.0;
                let th = labels::label_height_px(font);
                Some((x - w / 2.0, y - th / 2.0, x + w / 2.0, y + th / 2.0))
            })
            .collect();
        assert!(!tags.is_empty(), "some names find room");
        let overlaps = |a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)| {
            a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
        };
        let r = style::MARK_RADIUS_PX;
        for (n, tag) in tags.iter().enumerate() {
            for m in &scene.marks {
                let (x, y) = scene.to_px(m.x_days, m.y);
                assert!(
                    !overlaps(*tag, (x - r, y - r, x + r, y + r)),
                    "a name on mark {}",
                    m.event
                );
            }
            for l in &scene.labels {
                let (x, y) = scene.to_px(l.x_days, l.y);
                let x0 = if l.right_aligned { x - l.width_px } else { x };
                assert!(
                    !overlaps(*tag, (x0, y - h / 2.0, x0 + l.width_px, y + h / 2.0)),
                    "a name on {:?}",
                    l.text
                );
            }
            for other in &tags[n + 1..] {
                assert!(!overlaps(*tag, *other));
            }
        }
    }

    /// A label is cut where the next thing begins, not at a fixed count of characters.
    #[test]
    fn a_label_with_room_shows_its_whole_title() {
        let mut a = event("a", "2020-02-01");
        a.title = "Peskov at Sochi: the Kremlin has never interfered and never will".into();
        let data = dataset(vec![a]);
        let scene = layout(
            &data,
            &TimelineIndex::new(&data),
            &input("2020", "2021", 1600.0),
        );
        assert_eq!(scene.labels[0].text, data.events[0].title);
    }
}
