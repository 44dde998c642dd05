//! From dataset + view + size to a [`Scene`]: plain data saying what to draw where.
//!
//! The screen and the exporter paint the same scene, so they show the same marks, bands, labels,
//! arrows and ticks. Coordinates are x in days since 1970 and y in lane units (the first lane on
//! top, at `lanes - 1`); pixel sizes come in through [`LayoutInput`] so labels can avoid collisions.

use std::borrow::Cow;
use std::collections::HashMap;

use super::density::{density, density_of, scale_density};
use super::index::TimelineIndex;
use super::labels;
pub use super::layout_input::{LayoutInput, MAX_ARROWS, lane_y};
use super::relation_arrows::relation_arrows;
pub use super::scene::{
    Arrow, Callout, DensityBin, HiddenRelation, Mark, MarkLabel, Scene, SceneLane,
};
use super::stack_rows::{mark_for, sort_by_start, stack_lane};
use super::style;
use super::ticks::calendar_ticks;
use crate::model::{Dataset, Lane, visible_text};

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

/// The most characters of a lane's name beside the timeline (the seed's longest has 29). The axis is
/// as wide as its longest name, and a 5,000-character name left no room for the lanes or the dates.
pub const LANE_LABEL_CHARS: usize = 40;

/// A lane's name as the screen and the exporter draw it beside its row: cut, control characters
/// made visible.
pub fn lane_label(lane: &Lane) -> Cow<'_, str> {
    visible_text::shown(&lane.label, LANE_LABEL_CHARS)
}

/// A lane with more visible events than one per this many pixels is drawn as density.
const DENSITY_PX_PER_EVENT: f64 = 6.0;

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
    super::relation_tags::place_relation_tags(
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

#[cfg(test)]
#[allow(clippy::float_cmp, reason = "the expected values are exact in f64")]
mod tests {
    use super::fixtures::{dataset, event, input};
    use super::*;
    use crate::model::{Date, Event, Lane};

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
    fn a_hidden_lane_takes_no_row() {
        let mut data = dataset(vec![event("a", "2020-03-01"), event("b", "2020-04-01")]);
        data.lanes.push(Lane {
            id: "b".into(),
            label: "Bees".into(),
            color: None,
        });
        std::sync::Arc::make_mut(&mut data.events[1]).lane = "b".into();
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

/// Events, a one-lane dataset and a layout input, for the layout's tests and its parts'.
#[cfg(test)]
pub(crate) mod fixtures {
    use super::LayoutInput;
    use crate::model::{Dataset, Date, Event, EventKind, Lane};
    use crate::timeline::TimeView;
    use crate::timeline::labels::CalloutMode;

    pub(crate) fn event(id: &str, date: &str) -> Event {
        crate::model::test_event(
            id,
            EventKind::Statement,
            "a",
            date,
            &format!("Title of {id}"),
        )
    }

    pub(crate) fn dataset(events: Vec<Event>) -> Dataset {
        Dataset {
            lanes: vec![Lane {
                id: "a".into(),
                label: "A".into(),
                color: None,
            }],
            events: events.into_iter().map(std::sync::Arc::new).collect(),
            ..Dataset::default()
        }
    }

    pub(crate) fn input(from: &str, to: &str, width_px: f64) -> LayoutInput {
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
}
