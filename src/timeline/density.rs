//! Lanes too crowded for single marks: counts of events per bin of a few pixels, per kind, drawn
//! as stacked bars whose height is the count on a log scale.

use super::index::{KINDS, TimelineIndex};
use super::scene::{DensityBin, Scene};
use crate::model::Dataset;

/// Width of a density bin in pixels.
const DENSITY_BIN_PX: f64 = 4.0;

/// Counts per bin of a crowded lane, per kind, in one forward pass of binary searches over the
/// lane's sorted starts and ends.
pub(super) fn density(
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
pub(super) fn scale_density(scene: &mut Scene) {
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
pub(super) fn density_of(
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

#[cfg(test)]
#[allow(clippy::float_cmp, reason = "the expected values are exact in f64")]
mod tests {
    use crate::model::{Date, Event, EventKind};
    use crate::timeline::TimelineIndex;
    use crate::timeline::layout::fixtures::{dataset, event, input};
    use crate::timeline::layout::layout;
    use crate::timeline::scene::DensityBin;
    use crate::timeline::style::kind_color;

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
}
