//! From dataset + view + size to a [`Scene`]: plain data saying what to draw where.
//!
//! The screen and the exporter paint the same scene, so they show the same marks, bands, labels,
//! arrows and ticks. Coordinates are x in days since 1970 and y in lane units (the first lane on
//! top, at `lanes - 1`); pixel sizes come in through [`LayoutInput`] so labels can avoid collisions.

use std::collections::HashMap;

use super::index::TimelineIndex;
use super::style::{self, MarkShape, Rgb};
use super::ticks::{Tick, TickStep, calendar_ticks};
use super::view::TimeView;
use crate::model::{Dataset, Precision, RelationKind};

/// What a layout needs to know about the surface it is for.
#[derive(Clone, Debug)]
pub struct LayoutInput {
    pub view: TimeView,
    /// Width of the time axis in pixels (points on screen).
    pub width_px: f64,
    /// Height of one lane in pixels.
    pub lane_height_px: f64,
    /// Average width of a label character in pixels.
    pub char_width_px: f64,
    /// Minimum distance between labelled ticks in pixels.
    pub tick_spacing_px: f64,
    pub selected: Option<usize>,
    /// The events a search or filter shows; `None` shows all. Only these get marks, and dense
    /// bins count only these.
    pub shown: Option<std::sync::Arc<crate::timeline::Matches>>,
}

/// A lane row.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneLane {
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
    /// A range from `date` to `end`, drawn as a bar.
    pub range: Option<(f64, f64)>,
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
}

/// A count of events in a slice of a lane too crowded for single marks.
#[derive(Clone, Debug, PartialEq)]
pub struct DensityBin {
    pub lane: usize,
    pub start_days: f64,
    pub end_days: f64,
    pub y: f64,
    pub count: usize,
}

/// A relation of the selected event, from its source event to its target.
#[derive(Clone, Debug, PartialEq)]
pub struct Arrow {
    pub kind: RelationKind,
    pub from: (f64, f64),
    pub to: (f64, f64),
    pub from_event: usize,
    pub to_event: usize,
}

/// Everything to draw for one view.
#[derive(Clone, Debug, Default)]
pub struct Scene {
    pub view: Option<TimeView>,
    pub lanes: Vec<SceneLane>,
    pub marks: Vec<Mark>,
    pub labels: Vec<MarkLabel>,
    pub density: Vec<DensityBin>,
    pub arrows: Vec<Arrow>,
    pub tick_step: Option<TickStep>,
    pub ticks: Vec<Tick>,
    days_per_px: f64,
    units_per_px: f64,
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
    let lane_count = dataset.lanes.len();
    let lanes: Vec<SceneLane> = dataset
        .lanes
        .iter()
        .enumerate()
        .map(|(i, lane)| SceneLane {
            id: lane.id.clone(),
            label: lane.label.clone(),
            color: lane
                .color
                .as_deref()
                .and_then(crate::load::parse_hex_color)
                .unwrap_or(style::LANE_PALETTE[i % style::LANE_PALETTE.len()]),
            y: lane_y(i, lane_count),
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

    for lane in 0..lane_count {
        let y0 = lane_y(lane, lane_count);
        if let Some(shown) = &input.shown {
            let visible: Vec<usize> = index
                .visible_in_lane(lane, from, to)
                .filter(|&e| shown.contains(e))
                .collect();
            if visible.len() as f64 > width_px / DENSITY_PX_PER_EVENT {
                density_of(&mut scene, dataset, &visible, lane, y0, days_per_px);
                if let Some(sel) = input
                    .selected
                    .filter(|&s| index.lane_of_event.get(s) == Some(&lane))
                {
                    let mark = mark_for(dataset, sel, y0, true);
                    positions.insert(sel, (mark.x_days, mark.y));
                    scene.marks.push(mark);
                }
                continue;
            }
            let mut ordered = visible;
            ordered.sort_by(|&a, &b| {
                dataset.events[a]
                    .date
                    .start_days()
                    .total_cmp(&dataset.events[b].date.start_days())
            });
            stack_lane(&mut scene, dataset, &ordered, y0, input, &mut positions);
            continue;
        }
        // Count before collecting: a crowded lane is drawn as counts per pixel column.
        if index.count_starting_in(lane, from, to) as f64 > width_px / DENSITY_PX_PER_EVENT {
            density(&mut scene, index, lane, y0, from, to, days_per_px);
            if let Some(sel) = input
                .selected
                .filter(|&s| index.lane_of_event.get(s) == Some(&lane))
            {
                let mark = mark_for(dataset, sel, y0, true);
                positions.insert(sel, (mark.x_days, mark.y));
                scene.marks.push(mark);
            }
            continue;
        }
        let visible: Vec<usize> = index.visible_in_lane(lane, from, to).collect();
        let mut ordered: Vec<usize> = visible;
        ordered.sort_by(|&a, &b| {
            dataset.events[a]
                .date
                .start_days()
                .total_cmp(&dataset.events[b].date.start_days())
        });
        stack_lane(&mut scene, dataset, &ordered, y0, input, &mut positions);
    }

    if let Some(selected) = input.selected.filter(|&s| s < dataset.events.len()) {
        let position_of = |event: usize, positions: &HashMap<usize, (f64, f64)>| {
            positions.get(&event).copied().unwrap_or_else(|| {
                let lane = index.lane_of_event.get(event).copied().unwrap_or(0);
                (
                    dataset.events[event].date.anchor_days(),
                    lane_y(lane, lane_count),
                )
            })
        };
        for relation in &dataset.events[selected].relations {
            if let Some(target) = dataset.event_index(&relation.target) {
                scene.arrows.push(Arrow {
                    kind: relation.kind,
                    from: position_of(selected, &positions),
                    to: position_of(target, &positions),
                    from_event: selected,
                    to_event: target,
                });
            }
        }
        let selected_id = &dataset.events[selected].id;
        for (other, event) in dataset.events.iter().enumerate() {
            for relation in event.relations.iter().filter(|r| &r.target == selected_id) {
                scene.arrows.push(Arrow {
                    kind: relation.kind,
                    from: position_of(other, &positions),
                    to: position_of(selected, &positions),
                    from_event: other,
                    to_event: selected,
                });
            }
        }
    }
    scene
}

/// Places a lane's marks (in time order) on stack rows with their labels.
///
/// Each mark takes the first row that is free from its left edge, label included, so labels are
/// shown wherever a row has room. When no row is free, the mark goes on the row that frees up
/// first, without a label, and any label it would cover there is dropped.
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
    // Per row: the labels placed on it, as (label index, start px, end px).
    let mut row_labels: Vec<Vec<(usize, f64, f64)>> = vec![Vec::new(); row_count];
    let mut dropped = Vec::new();
    for &event in ordered {
        let mut mark = mark_for(dataset, event, y0, input.selected == Some(event));
        let (lo, hi) = mark_extent_days(&mark);
        let anchor_px = px(mark.x_days);
        let left = px(lo).min(anchor_px - style::MARK_RADIUS_PX) - GAP_PX;
        let right = px(hi).max(anchor_px + style::MARK_RADIUS_PX);
        let text = label_text(&dataset.events[event].title);
        let label_px = text.chars().count() as f64 * input.char_width_px;
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
                    // This mark covers the end of a label on that row: drop the label.
                    for &(label, start, end) in &row_labels[row] {
                        if start < right && end > left {
                            dropped.push(label);
                        }
                    }
                    (row, None)
                }
            }
        };
        mark.y = y0 + row_offset(row) * step_units;
        mark_right[row] = mark_right[row].max(right);
        taken_right[row] = taken_right[row].max(right);
        if let Some(start) = label_start {
            let end = start + label_px;
            let right_aligned = end <= left;
            row_labels[row].push((scene.labels.len(), start, end));
            scene.labels.push(MarkLabel {
                event,
                x_days: view.start_days + (if right_aligned { end } else { start }) * days_per_px,
                y: mark.y,
                text,
                right_aligned,
            });
            taken_right[row] = taken_right[row].max(end + GAP_PX);
        }
        positions.insert(event, (mark.x_days, mark.y));
        scene.marks.push(mark);
    }
    if !dropped.is_empty() {
        let mut index = 0;
        scene.labels.retain(|_| {
            index += 1;
            !dropped.contains(&(index - 1))
        });
    }
}

fn mark_for(dataset: &Dataset, event: usize, y: f64, selected: bool) -> Mark {
    let e = &dataset.events[event];
    let band = matches!(e.date.precision(), Precision::Year | Precision::Month)
        .then(|| (e.date.start_days(), e.date.end_days()));
    let range = e
        .end
        .map(|end| (e.date.start_days(), end.end_days().max(e.date.start_days())));
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
        bounds,
        selected,
    }
}

fn mark_extent_days(mark: &Mark) -> (f64, f64) {
    [mark.band, mark.range]
        .into_iter()
        .flatten()
        .fold((mark.x_days, mark.x_days), |(lo, hi), (a, b)| {
            (lo.min(a), hi.max(b))
        })
}

/// Counts per bin of a crowded lane, by binary search over the lane's sorted starts.
fn density(
    scene: &mut Scene,
    index: &TimelineIndex,
    lane: usize,
    y: f64,
    from: f64,
    to: f64,
    days_per_px: f64,
) {
    // Bins aligned to the epoch, so they do not shimmer while panning.
    let bin_days = DENSITY_BIN_PX * days_per_px;
    let first = (from / bin_days).floor() as i64;
    let last = (to / bin_days).ceil() as i64;
    for bin in first..last {
        let (start_days, end_days) = (bin as f64 * bin_days, (bin + 1) as f64 * bin_days);
        let count = index.count_starting_in(lane, start_days, end_days);
        if count > 0 {
            scene.density.push(DensityBin {
                lane,
                start_days,
                end_days,
                y,
                count,
            });
        }
    }
}

/// Dense bins of only the shown events of a lane (`events`): the same epoch-aligned bins as
/// [`density`], counted from the filtered list instead of the whole lane.
fn density_of(
    scene: &mut Scene,
    dataset: &Dataset,
    events: &[usize],
    lane: usize,
    y: f64,
    days_per_px: f64,
) {
    let bin_days = DENSITY_BIN_PX * days_per_px;
    let mut counts: std::collections::BTreeMap<i64, usize> = std::collections::BTreeMap::new();
    for event in events.iter().filter_map(|&e| dataset.events.get(e)) {
        *counts
            .entry((event.date.start_days() / bin_days).floor() as i64)
            .or_default() += 1;
    }
    for (bin, count) in counts {
        scene.density.push(DensityBin {
            lane,
            start_days: bin as f64 * bin_days,
            end_days: (bin + 1) as f64 * bin_days,
            y,
            count,
        });
    }
}

/// A title cut to fit beside a mark.
pub fn label_text(title: &str) -> String {
    if title.chars().count() <= LABEL_MAX_CHARS {
        title.to_owned()
    } else {
        let cut: String = title.chars().take(LABEL_MAX_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
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

    pub fn mark_of(&self, event: usize) -> Option<&Mark> {
        self.marks.iter().find(|m| m.event == event)
    }
}

#[cfg(test)]
#[expect(clippy::float_cmp, reason = "the expected values are exact in f64")]
mod tests {
    use super::*;
    use crate::model::{Date, Event, EventKind, Lane, Relation};

    fn event(id: &str, date: &str) -> Event {
        Event {
            id: id.into(),
            kind: EventKind::Statement,
            lane: "a".into(),
            date: Date::parse(date).unwrap(),
            end: None,
            earliest: None,
            latest: None,
            date_basis: None,
            title: format!("Title of {id}"),
            summary: None,
            actors: vec![],
            tags: vec![],
            citations: vec![],
            relations: vec![],
        }
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
            char_width_px: 7.0,
            tick_spacing_px: 80.0,
            selected: None,
            shown: None,
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
        assert_eq!(scene.density.iter().map(|b| b.count).sum::<usize>(), 2000);
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
}
