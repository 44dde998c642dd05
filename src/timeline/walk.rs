//! Walking the marks with the keyboard: ← / → through time, ↑ / ↓ to the nearest event in the
//! lane above or below. Only the events shown (the search's and filters' [`Matches`]) are stops,
//! so a key never lands on a mark that is not drawn.

use super::{Matches, TimelineIndex};
use crate::model::Dataset;

/// The next (or previous) shown event in time after `current`; with nothing selected, the first
/// (or last). `None` at the end, so the selection stays where it is.
pub fn step_in_time(
    index: &TimelineIndex,
    shown: Option<&Matches>,
    current: Option<usize>,
    forward: bool,
) -> Option<usize> {
    let is_shown = |e: &&usize| shown.is_none_or(|m| m.contains(**e));
    let by_time = &index.by_time;
    match current.map(|c| index.rank(c)) {
        Some(rank) if forward => by_time.get(rank.saturating_add(1)..)?.iter().find(is_shown),
        Some(rank) => by_time.get(..rank)?.iter().rev().find(is_shown),
        None if forward => by_time.iter().find(is_shown),
        None => by_time.iter().rev().find(is_shown),
    }
    .copied()
}

/// The shown event nearest in time to `current` in the lane above (`up`) or below it. Lanes with
/// nothing shown are passed over, so ↓ from the bottom lane, or past empty lanes to none, is
/// `None`.
pub fn nearest_in_next_lane(
    dataset: &Dataset,
    index: &TimelineIndex,
    shown: Option<&Matches>,
    current: usize,
    up: bool,
) -> Option<usize> {
    let start_of = |e: usize| {
        dataset
            .events
            .get(e)
            .map_or(f64::NAN, |e| e.earliest_days())
    };
    let lane = *index.lane_of_event.get(current)?;
    let at = start_of(current);
    let lanes: Box<dyn Iterator<Item = usize>> = if up {
        Box::new((0..lane).rev())
    } else {
        Box::new(lane + 1..index.lanes.len())
    };
    let is_shown = |e: &usize| shown.is_none_or(|m| m.contains(*e));
    lanes.filter_map(|l| index.lanes.get(l)).find_map(|l| {
        // Lane events are sorted by start: the nearest shown one on each side of `at`.
        let split = l.events.partition_point(|&e| start_of(e) < at);
        let (before, after) = l.events.split_at(split);
        let earlier = before.iter().rev().find(|e| is_shown(e)).copied();
        let later = after.iter().find(|e| is_shown(e)).copied();
        match (earlier, later) {
            (Some(a), Some(b)) => Some(if at - start_of(a) < start_of(b) - at {
                a
            } else {
                b
            }),
            (a, b) => a.or(b),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EventKind, Lane};

    /// Three lanes: a (top), b (empty), c (bottom).
    fn dataset() -> Dataset {
        let lane = |id: &str| Lane {
            id: id.into(),
            label: id.into(),
            color: None,
        };
        let event = |id: &str, lane: &str, date: &str| {
            crate::model::test_event(id, EventKind::Statement, lane, date, id)
        };
        Dataset {
            lanes: vec![lane("a"), lane("b"), lane("c")],
            events: vec![
                event("a2016", "a", "2016-11-08"),
                event("a2020", "a", "2020-11-09"),
                event("c2017", "c", "2017-01-06"),
                event("c2024", "c", "2024-03-06"),
                event("a2024", "a", "2024-01-01"),
            ]
            .into_iter()
            .map(std::sync::Arc::new)
            .collect(),
            ..Dataset::default()
        }
    }

    #[test]
    fn up_and_down_go_to_the_nearest_event_in_time_passing_empty_lanes() {
        let data = dataset();
        let index = TimelineIndex::new(&data);
        assert_eq!(
            nearest_in_next_lane(&data, &index, None, 0, false),
            Some(2),
            "Nov 2016 in a: Jan 2017 in c, over the empty lane b"
        );
        assert_eq!(nearest_in_next_lane(&data, &index, None, 3, true), Some(4));
        assert_eq!(nearest_in_next_lane(&data, &index, None, 2, true), Some(0));
        assert_eq!(
            nearest_in_next_lane(&data, &index, None, 0, true),
            None,
            "a is on top"
        );
        assert_eq!(nearest_in_next_lane(&data, &index, None, 3, false), None);
    }

    #[test]
    fn only_shown_events_are_stops() {
        let data = dataset();
        let index = TimelineIndex::new(&data);
        let filter = crate::timeline::Filter {
            search: "2024".into(),
            ..Default::default()
        };
        let search = crate::timeline::SearchIndex::new(&data);
        let shown = filter.apply(&data, &crate::model::QuoteMatches::default(), &search);
        assert_eq!(
            nearest_in_next_lane(&data, &index, Some(&shown), 0, false),
            Some(3),
            "c2017 is not shown: c2024 is the nearest stop"
        );
        assert_eq!(step_in_time(&index, Some(&shown), None, true), Some(4));
        assert_eq!(step_in_time(&index, Some(&shown), Some(4), true), Some(3));
        assert_eq!(
            step_in_time(&index, Some(&shown), Some(3), true),
            None,
            "the end"
        );
        assert_eq!(step_in_time(&index, Some(&shown), Some(0), true), Some(4));
        assert_eq!(step_in_time(&index, None, Some(0), true), Some(2));
        assert_eq!(step_in_time(&index, None, Some(2), false), Some(0));
        assert_eq!(step_in_time(&index, None, None, false), Some(3));
    }
}
