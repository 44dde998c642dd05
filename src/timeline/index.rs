//! Events by lane and by time, so a view finds what it shows without scanning every event.

use rayon::slice::ParallelSliceMut as _;

use crate::model::{Dataset, EventKind};

/// The slot of `kind` in per-kind arrays.
pub fn kind_slot(kind: EventKind) -> usize {
    EventKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

/// One lane's events, sorted by where they start.
#[derive(Debug, Default)]
pub struct LaneIndex {
    /// Event indices, by start.
    pub events: Vec<usize>,
    starts: Vec<f64>,
    ends: Vec<f64>,
    /// The widest event in the lane, so a window query knows how far back a long one may start.
    max_span_days: f64,
    /// Per kind ([`EventKind::ALL`] order): where its events start and where they end, each
    /// sorted on its own. The events of a kind overlapping `[a, b)` are those starting before `b`
    /// minus those ending by `a`: two binary searches, however long the ranges.
    kind_starts: [Vec<f64>; KINDS],
    kind_ends: [Vec<f64>; KINDS],
}

/// How many event kinds there are.
pub const KINDS: usize = EventKind::ALL.len();

impl LaneIndex {
    /// Events of each kind whose extent overlaps `[start_days, end_days)`, ranges and uncertain
    /// bounds counted in every span they cover.
    pub fn count_overlapping(&self, start_days: f64, end_days: f64) -> [usize; KINDS] {
        std::array::from_fn(|k| {
            let started = self.kind_starts[k].partition_point(|&s| s < end_days);
            let ended = self.kind_ends[k].partition_point(|&e| e <= start_days);
            started.saturating_sub(ended)
        })
    }

    /// [`Self::count_overlapping`] for consecutive bins `[edges[i], edges[i + 1])` of one
    /// increasing sequence, in one forward pass: each search starts where the last one ended.
    pub fn count_in_bins(&self, edges: &[f64], mut each: impl FnMut(usize, [usize; KINDS])) {
        let mut started = [0usize; KINDS];
        let mut ended = [0usize; KINDS];
        for (bin, pair) in edges.windows(2).enumerate() {
            let (a, b) = (pair[0], pair[1]);
            let mut counts = [0; KINDS];
            for k in 0..KINDS {
                let starts = &self.kind_starts[k];
                let ends = &self.kind_ends[k];
                started[k] += starts
                    .get(started[k]..)
                    .map_or(0, |rest| rest.partition_point(|&s| s < b));
                ended[k] += ends
                    .get(ended[k]..)
                    .map_or(0, |rest| rest.partition_point(|&e| e <= a));
                counts[k] = started[k].saturating_sub(ended[k]);
            }
            each(bin, counts);
        }
    }
}

/// The dataset's events arranged for drawing and stepping through time.
#[derive(Debug, Default)]
pub struct TimelineIndex {
    pub lanes: Vec<LaneIndex>,
    /// The lane row of each event.
    pub lane_of_event: Vec<usize>,
    /// All events in date order (ties by id), for ← / → and presentation.
    pub by_time: Vec<usize>,
    /// Position of each event in `by_time`.
    rank: Vec<usize>,
    /// Which kinds occur at all, for the legend (in [`EventKind::ALL`] order).
    pub kinds_in_use: [bool; KINDS],
    /// Relations pointing at each event, grouped by event: event `i`'s are
    /// `incoming[incoming_starts[i]..incoming_starts[i + 1]]`. Built once, so a selected report's
    /// panel and arrows do not scan a million events every frame.
    incoming: Vec<Incoming>,
    incoming_starts: Vec<usize>,
}

/// A relation seen from its target: which event holds it, and which of its relations it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Incoming {
    /// The event whose `relations` hold it.
    pub from: usize,
    /// Its position in that event's `relations`.
    pub relation: usize,
}

impl TimelineIndex {
    pub fn new(dataset: &Dataset) -> Self {
        let lane_count = dataset.lanes.len();
        let mut lanes: Vec<LaneIndex> = (0..lane_count).map(|_| LaneIndex::default()).collect();
        let mut lane_of_event = Vec::with_capacity(dataset.events.len());
        let mut lane_rows: foldhash::HashMap<&str, usize> = foldhash::HashMap::default();
        for (row, lane) in dataset.lanes.iter().enumerate().rev() {
            lane_rows.insert(lane.id.as_str(), row);
        }
        for (i, event) in dataset.events.iter().enumerate() {
            let lane_id = dataset.lane_id(event);
            // Validation reports an unknown lane; the event is still drawn, in the last lane.
            let lane = lane_rows
                .get(lane_id)
                .copied()
                .unwrap_or(lane_count.saturating_sub(1));
            lane_of_event.push(lane);
            if let Some(index) = lanes.get_mut(lane) {
                index.events.push(i);
            }
        }
        for lane in &mut lanes {
            // Date arithmetic once per event, not once per comparison.
            let mut keyed: Vec<(f64, f64, usize)> = lane
                .events
                .iter()
                .map(|&i| {
                    (
                        dataset.events[i].earliest_days(),
                        dataset.events[i].latest_days(),
                        i,
                    )
                })
                .collect();
            keyed.par_sort_by(|a, b| a.0.total_cmp(&b.0));
            lane.starts = keyed.iter().map(|k| k.0).collect();
            lane.ends = keyed.iter().map(|k| k.1).collect();
            lane.events = keyed.iter().map(|k| k.2).collect();
            lane.max_span_days = lane
                .starts
                .iter()
                .zip(&lane.ends)
                .map(|(s, e)| e - s)
                .fold(0.0, f64::max);
            for &(start, end, i) in &keyed {
                let k = kind_slot(dataset.events[i].kind);
                lane.kind_starts[k].push(start);
                lane.kind_ends[k].push(end);
            }
            // Starts are already in order; ends of ranges are not.
            for ends in &mut lane.kind_ends {
                ends.par_sort_by(f64::total_cmp);
            }
        }
        let mut by_time: Vec<usize> = (0..dataset.events.len()).collect();
        by_time.par_sort_by(|&a, &b| {
            let (ea, eb) = (&dataset.events[a], &dataset.events[b]);
            ea.date.cmp(&eb.date).then_with(|| ea.id.cmp(&eb.id))
        });
        let mut rank = vec![0; by_time.len()];
        for (r, &i) in by_time.iter().enumerate() {
            rank[i] = r;
        }
        let mut kinds_in_use = [false; KINDS];
        for event in &dataset.events {
            kinds_in_use[kind_slot(event.kind)] = true;
        }
        let (incoming, incoming_starts) = incoming_relations(dataset);
        Self {
            lanes,
            lane_of_event,
            by_time,
            rank,
            kinds_in_use,
            incoming,
            incoming_starts,
        }
    }

    /// Where `event` stands in time order (its position in `by_time`), for sorts that break ties
    /// by time.
    pub fn rank(&self, event: usize) -> usize {
        self.rank.get(event).copied().unwrap_or(usize::MAX)
    }

    /// The relations whose target is `event`, in file order of the events holding them.
    pub fn incoming(&self, event: usize) -> &[Incoming] {
        match (
            self.incoming_starts.get(event),
            self.incoming_starts.get(event + 1),
        ) {
            (Some(&lo), Some(&hi)) => self.incoming.get(lo..hi).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Events of `lane` overlapping `[start_days, end_days)`, all kinds together.
    pub fn count_overlapping(&self, lane: usize, start_days: f64, end_days: f64) -> usize {
        self.lanes.get(lane).map_or(0, |l| {
            l.count_overlapping(start_days, end_days).iter().sum()
        })
    }

    /// How many events of `lane` start in `[start_days, end_days)`: a binary search, so counting
    /// every pixel column of a crowded lane stays cheap at a million events.
    pub fn count_starting_in(&self, lane: usize, start_days: f64, end_days: f64) -> usize {
        self.lanes.get(lane).map_or(0, |l| {
            let from = l.starts.partition_point(|&s| s < start_days);
            let to = l.starts.partition_point(|&s| s < end_days);
            to.saturating_sub(from)
        })
    }

    /// Events of `lane` that overlap `[start_days, end_days]`, by start.
    pub fn visible_in_lane(
        &self,
        lane: usize,
        start_days: f64,
        end_days: f64,
    ) -> impl Iterator<Item = usize> + '_ {
        let index = self.lanes.get(lane);
        let (from, to) = index.map_or((0, 0), |l| {
            let from = l
                .starts
                .partition_point(|&s| s < start_days - l.max_span_days);
            let to = l.starts.partition_point(|&s| s <= end_days);
            (from, to.max(from))
        });
        index.into_iter().flat_map(move |l| {
            (from..to)
                .filter(move |&k| l.ends[k] >= start_days)
                .map(move |k| l.events[k])
        })
    }

    /// The event after `current` in time (the first one when nothing is selected).
    pub fn next(&self, current: Option<usize>) -> Option<usize> {
        match current.and_then(|i| self.rank.get(i)) {
            Some(&r) => self.by_time.get(r + 1).or(self.by_time.get(r)).copied(),
            None => self.by_time.first().copied(),
        }
    }

    /// The event before `current` in time (the last one when nothing is selected).
    pub fn previous(&self, current: Option<usize>) -> Option<usize> {
        match current.and_then(|i| self.rank.get(i)) {
            Some(&r) => self.by_time.get(r.saturating_sub(1)).copied(),
            None => self.by_time.last().copied(),
        }
    }
}

/// Every relation grouped by its target, as one flat list and where each target's group starts
/// (a counting sort: two passes, no per-event vectors). Relations to unknown ids are left out;
/// validation reports them.
fn incoming_relations(dataset: &Dataset) -> (Vec<Incoming>, Vec<usize>) {
    let ids: foldhash::HashMap<&str, usize> = dataset
        .events
        .iter()
        .enumerate()
        .rev()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let targets: Vec<(usize, Incoming)> = dataset
        .events
        .iter()
        .enumerate()
        .flat_map(|(from, e)| {
            let ids = &ids;
            e.relations
                .iter()
                .enumerate()
                .filter_map(move |(relation, r)| {
                    ids.get(r.target.as_str())
                        .map(|&target| (target, Incoming { from, relation }))
                })
        })
        .collect();
    let mut starts = vec![0usize; dataset.events.len() + 1];
    for &(target, _) in &targets {
        if let Some(count) = starts.get_mut(target + 1) {
            *count += 1;
        }
    }
    for i in 1..starts.len() {
        let before = starts.get(i - 1).copied().unwrap_or(0);
        if let Some(start) = starts.get_mut(i) {
            *start += before;
        }
    }
    let mut next = starts.clone();
    let mut incoming = vec![
        Incoming {
            from: 0,
            relation: 0
        };
        targets.len()
    ];
    for (target, entry) in targets {
        if let Some(at) = next.get_mut(target)
            && let Some(slot) = incoming.get_mut(*at)
        {
            *slot = entry;
            *at += 1;
        }
    }
    (incoming, starts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Event, EventKind, Lane};

    fn event(id: &str, lane: &str, date: &str) -> Event {
        Event {
            id: id.into(),
            kind: EventKind::Statement,
            lane: lane.into(),
            date: Date::parse(date).unwrap(),
            end: None,
            ongoing_as_of: None,
            earliest: None,
            latest: None,
            date_basis: None,
            title: id.into(),
            summary: None,
            actors: vec![],
            tags: vec![],
            citations: vec![],
            relations: vec![],
        }
    }

    fn dataset() -> Dataset {
        let lane = |id: &str| Lane {
            id: id.into(),
            label: id.into(),
            color: None,
        };
        Dataset {
            lanes: vec![lane("a"), lane("b")],
            events: vec![
                event("late", "a", "2024-03-06"),
                event("year", "b", "2016"),
                event("early", "a", "2016-11-08"),
                event("mid", "b", "2020-11-09"),
            ],
            ..Dataset::default()
        }
    }

    #[test]
    fn next_and_previous_walk_events_in_date_order() {
        let index = TimelineIndex::new(&dataset());
        let order: Vec<usize> = std::iter::successors(index.next(None), |&i| {
            index.next(Some(i)).filter(|&n| n != i)
        })
        .collect();
        assert_eq!(order, [1, 2, 3, 0], "year 2016 starts before 8 Nov 2016");
        assert_eq!(index.previous(Some(2)), Some(1));
        assert_eq!(index.previous(None), Some(0));
    }

    #[test]
    fn incoming_relations_are_grouped_by_target() {
        use crate::model::{Relation, RelationKind};
        let mut data = dataset();
        let relation = |kind, target: &str| Relation {
            kind,
            target: target.into(),
            note: None,
        };
        data.events[0].relations = vec![
            relation(RelationKind::Denies, "year"),
            relation(RelationKind::Cites, "nowhere"),
            relation(RelationKind::RespondsTo, "mid"),
        ];
        data.events[3].relations = vec![relation(RelationKind::Contradicts, "year")];
        let index = TimelineIndex::new(&data);
        assert_eq!(
            index.incoming(1),
            [
                Incoming {
                    from: 0,
                    relation: 0
                },
                Incoming {
                    from: 3,
                    relation: 0
                }
            ]
        );
        assert_eq!(
            index.incoming(3),
            [Incoming {
                from: 0,
                relation: 2
            }]
        );
        assert!(index.incoming(0).is_empty());
        assert!(index.incoming(99).is_empty(), "past the end: nothing");
    }

    #[test]
    fn a_window_finds_the_events_it_overlaps() {
        let data = dataset();
        let index = TimelineIndex::new(&data);
        let day = |s: &str| Date::parse(s).unwrap().start_days();
        let in_b: Vec<usize> = index
            .visible_in_lane(1, day("2016-06-01"), day("2016-07-01"))
            .collect();
        assert_eq!(
            in_b,
            [1],
            "the 2016 band overlaps June 2016 though it starts in January"
        );
        let in_a: Vec<usize> = index
            .visible_in_lane(0, day("2017-01-01"), day("2023-01-01"))
            .collect();
        assert!(in_a.is_empty());
    }
}
