//! Events by lane and by time, so a view finds what it shows without scanning every event.

use rayon::iter::{IntoParallelRefMutIterator as _, ParallelIterator as _};
use rayon::slice::ParallelSliceMut as _;

use crate::model::{Dataset, EventKind, Id, RelationTargets};

mod update;

/// The first eight bytes of an id as a number that orders as the id does (shorter ids padded with
/// zero bytes), so most comparisons in a sort of ids touch no string.
fn id_prefix(id: &str) -> u64 {
    let mut bytes = [0u8; 8];
    for (slot, byte) in bytes.iter_mut().zip(id.bytes()) {
        *slot = byte;
    }
    u64::from_be_bytes(bytes)
}

/// All events in date order, ties by id and then by place in the file, and each event's rank in
/// that order. Keys are copied out of the events, with an id prefix that settles most ties
/// without a string: a sort that reached into a million events per comparison took seconds.
fn time_order(dataset: &Dataset) -> (Vec<usize>, Vec<usize>) {
    let mut keyed: Vec<(crate::model::Date, u64, &str, usize)> = dataset
        .events
        .iter()
        .enumerate()
        .map(|(i, event)| (event.date, id_prefix(&event.id), event.id.as_str(), i))
        .collect();
    // The index settles the last ties, so the unstable sort (no buffer, faster) gives the order
    // a stable one would.
    keyed.par_sort_unstable_by(|a, b| {
        (a.0.cmp(&b.0))
            .then(a.1.cmp(&b.1))
            .then_with(|| a.2.cmp(b.2))
            .then(a.3.cmp(&b.3))
    });
    let by_time: Vec<usize> = keyed.into_iter().map(|(_, _, _, i)| i).collect();
    let mut rank = vec![0; by_time.len()];
    for (r, &i) in by_time.iter().enumerate() {
        if let Some(slot) = rank.get_mut(i) {
            *slot = r;
        }
    }
    (by_time, rank)
}

/// Event indices ordered by id, then by index.
fn id_order(dataset: &Dataset) -> Vec<u32> {
    let mut keyed: Vec<(u64, &str, u32)> = dataset
        .events
        .iter()
        .enumerate()
        .map(|(i, event)| (id_prefix(&event.id), event.id.as_str(), i as u32))
        .collect();
    keyed.par_sort_unstable_by(|a, b| {
        (a.0.cmp(&b.0))
            .then_with(|| a.1.cmp(b.1))
            .then(a.2.cmp(&b.2))
    });
    keyed.into_iter().map(|(_, _, i)| i).collect()
}

/// The slot of `kind` in per-kind arrays.
pub fn kind_slot(kind: EventKind) -> usize {
    EventKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

/// One lane's events, sorted by where they start.
#[derive(Debug, Default, PartialEq)]
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
    /// Orders the lane's `events` by start (ties by index) and fills in the per-kind bounds.
    fn sort(&mut self, dataset: &crate::model::Dataset) {
        // Date arithmetic once per event, not once per comparison.
        let mut keyed: Vec<(f64, f64, usize, usize)> = self
            .events
            .iter()
            .filter_map(|&i| {
                let event = dataset.events.get(i)?;
                let kind = kind_slot(event.kind);
                Some((event.earliest_days(), event.latest_days(), i, kind))
            })
            .collect();
        keyed.par_sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.2.cmp(&b.2)));
        self.starts = keyed.iter().map(|k| k.0).collect();
        self.ends = keyed.iter().map(|k| k.1).collect();
        self.events = keyed.iter().map(|k| k.2).collect();
        self.max_span_days = self
            .starts
            .iter()
            .zip(&self.ends)
            .map(|(s, e)| e - s)
            .fold(0.0, f64::max);
        for &(start, end, _, kind) in &keyed {
            if let (Some(starts), Some(ends)) =
                (self.kind_starts.get_mut(kind), self.kind_ends.get_mut(kind))
            {
                starts.push(start);
                ends.push(end);
            }
        }
        // Starts are already in order; ends of ranges are not.
        for ends in &mut self.kind_ends {
            ends.par_sort_unstable_by(f64::total_cmp);
        }
    }

    /// Events of each kind whose extent overlaps `[start_days, end_days)`, ranges and uncertain
    /// bounds counted in every span they cover.
    pub fn count_overlapping(&self, start_days: f64, end_days: f64) -> [usize; KINDS] {
        let mut counts = [0; KINDS];
        for ((count, starts), ends) in counts
            .iter_mut()
            .zip(&self.kind_starts)
            .zip(&self.kind_ends)
        {
            let started = starts.partition_point(|&s| s < end_days);
            let ended = ends.partition_point(|&e| e <= start_days);
            *count = started.saturating_sub(ended);
        }
        counts
    }

    /// [`Self::count_overlapping`] for consecutive bins `[edges[i], edges[i + 1])` of one
    /// increasing sequence, in one forward pass: each search starts where the last one ended.
    pub fn count_in_bins(&self, edges: &[f64], mut each: impl FnMut(usize, [usize; KINDS])) {
        let mut started = [0usize; KINDS];
        let mut ended = [0usize; KINDS];
        for (bin, pair) in edges.windows(2).enumerate() {
            let &[a, b] = pair else { continue };
            let mut counts = [0; KINDS];
            let kinds = counts
                .iter_mut()
                .zip(started.iter_mut().zip(&self.kind_starts))
                .zip(ended.iter_mut().zip(&self.kind_ends));
            for ((count, (started, starts)), (ended, ends)) in kinds {
                *started += starts
                    .get(*started..)
                    .map_or(0, |rest| rest.partition_point(|&s| s < b));
                *ended += ends
                    .get(*ended..)
                    .map_or(0, |rest| rest.partition_point(|&e| e <= a));
                *count = started.saturating_sub(*ended);
            }
            each(bin, counts);
        }
    }
}

/// The dataset's events arranged for drawing and stepping through time.
///
/// Built whole when a file loads; an edit updates it in place ([`TimelineIndex::place_event`]
/// and the rest of `index/update.rs`), never rebuilding it.
#[derive(Debug, Default, PartialEq)]
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
    /// How many events of each kind there are, so an edit knows when a kind stops being used.
    kind_counts: [usize; KINDS],
    /// Event indices ordered by id (then by index), so an id is found by a binary search over
    /// the dataset's own strings rather than a scan or a second copy of every id.
    by_id: Vec<u32>,
    /// Relations pointing at each event, grouped by target:
    /// `incoming[incoming_start[t]..incoming_start[t + 1]]` point at `t`. Built once, so a selected
    /// report's panel and arrows do not scan a million events every frame.
    incoming: Vec<Incoming>,
    incoming_start: Vec<u32>,
    /// Relations whose target names no event, by the id they name, each list in file order: an
    /// event added with that id answers them without a scan of every relation.
    unresolved: foldhash::HashMap<Id, Vec<Incoming>>,
    /// An edit removed an event whose id another event repeats: [`TimelineIndex::settle`]
    /// resolves the relations again.
    incoming_stale: bool,
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
    /// Indexes `dataset`, resolving its relations itself.
    pub fn new(dataset: &Dataset) -> Self {
        Self::with_targets(dataset, &RelationTargets::resolve(dataset))
    }

    /// Indexes `dataset` with its relations already resolved (by validation, see
    /// [`crate::load::Checked`]).
    pub fn with_targets(dataset: &Dataset, targets: &RelationTargets) -> Self {
        let lane_count = dataset.lanes.len();
        let mut lanes: Vec<LaneIndex> = (0..lane_count).map(|_| LaneIndex::default()).collect();
        let mut lane_of_event = Vec::with_capacity(dataset.events.len());
        let mut kind_counts = [0; KINDS];
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
            if let Some(count) = kind_counts.get_mut(kind_slot(event.kind)) {
                *count += 1;
            }
            if let Some(index) = lanes.get_mut(lane) {
                index.events.push(i);
            }
        }
        // The lanes, the time order and the id order are independent: each is built on its own
        // core while the others sort.
        let ((), ((by_time, rank), by_id)) = rayon::join(
            || lanes.par_iter_mut().for_each(|lane| lane.sort(dataset)),
            || rayon::join(|| time_order(dataset), || id_order(dataset)),
        );
        let mut index = Self {
            lanes,
            lane_of_event,
            by_time,
            rank,
            kinds_in_use: kind_counts.map(|count| count > 0),
            kind_counts,
            by_id,
            incoming: Vec::new(),
            incoming_start: Vec::new(),
            unresolved: foldhash::HashMap::default(),
            incoming_stale: false,
        };
        index.index_incoming(dataset, targets);
        index
    }

    /// Groups every resolvable relation under its target, counting first so each list is
    /// written once in place.
    fn index_incoming(&mut self, dataset: &Dataset, targets: &RelationTargets) {
        // Targets resolved for another dataset are resolved again here, never trusted.
        let own;
        let targets = if targets.resolved(dataset).is_some() {
            targets
        } else {
            own = RelationTargets::resolve(dataset);
            &own
        };
        let resolved: Vec<(u32, u32, u32)> = targets
            .resolved(dataset)
            .into_iter()
            .flatten()
            .map(|(from, r, target)| (target, from, r))
            .collect();
        let mut unresolved: foldhash::HashMap<Id, Vec<Incoming>> = foldhash::HashMap::default();
        for (from, relation) in targets.unresolved(dataset).into_iter().flatten() {
            let (from, relation) = (from as usize, relation as usize);
            if let Some(target) = dataset
                .events
                .get(from)
                .and_then(|e| e.relations.get(relation))
            {
                unresolved
                    .entry(target.target.clone())
                    .or_default()
                    .push(Incoming { from, relation });
            }
        }
        self.unresolved = unresolved;
        let mut start = vec![0u32; dataset.events.len() + 1];
        for &(target, _, _) in &resolved {
            if let Some(count) = start.get_mut(target as usize + 1) {
                *count += 1;
            }
        }
        let mut running = 0;
        for count in &mut start {
            running += *count;
            *count = running;
        }
        let mut next = start.clone();
        let mut incoming = vec![
            Incoming {
                from: 0,
                relation: 0
            };
            resolved.len()
        ];
        for (target, from, relation) in resolved {
            if let Some(slot) = next.get_mut(target as usize)
                && let Some(entry) = incoming.get_mut(*slot as usize)
            {
                *entry = Incoming {
                    from: from as usize,
                    relation: relation as usize,
                };
                *slot += 1;
            }
        }
        self.incoming = incoming;
        self.incoming_start = start;
    }

    /// The first event with this id, found without a scan.
    pub fn event_by_id(&self, dataset: &Dataset, id: &str) -> Option<usize> {
        let id_of = |i: u32| dataset.events.get(i as usize).map_or("", |e| e.id.as_str());
        let at = self.by_id.partition_point(|&i| id_of(i) < id);
        let &found = self.by_id.get(at)?;
        (id_of(found) == id).then_some(found as usize)
    }

    /// The relations whose target is `event`, in file order of the events holding them.
    pub fn incoming(&self, event: usize) -> &[Incoming] {
        match (
            self.incoming_start.get(event),
            self.incoming_start.get(event + 1),
        ) {
            (Some(&lo), Some(&hi)) => self.incoming.get(lo as usize..hi as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Relations that name `id` while no event has it, in file order.
    pub fn unresolved(&self, id: &str) -> &[Incoming] {
        self.unresolved.get(id).map_or(&[], Vec::as_slice)
    }

    /// Where `event` stands in time order (its position in `by_time`), for sorts that break ties
    /// by time.
    pub fn rank(&self, event: usize) -> usize {
        self.rank.get(event).copied().unwrap_or(usize::MAX)
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
            let ends = l.ends.get(from..to).unwrap_or_default();
            let events = l.events.get(from..to).unwrap_or_default();
            ends.iter()
                .zip(events)
                .filter(move |&(&end, _)| end >= start_days)
                .map(|(_, &i)| i)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Event, EventKind, Lane};

    fn event(id: &str, lane: &str, date: &str) -> Event {
        crate::model::test_event(id, EventKind::Statement, lane, date, id)
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
            ]
            .into_iter()
            .map(std::sync::Arc::new)
            .collect(),
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

    #[test]
    fn ids_and_incoming_relations_are_found_without_a_scan() {
        use crate::model::{Relation, RelationKind};
        let mut data = dataset();
        let relation = |kind, target: &str| Relation {
            kind,
            target: target.into(),
            note: None,
        };
        std::sync::Arc::make_mut(&mut data.events[0]).relations = vec![
            relation(RelationKind::RespondsTo, "early"),
            relation(RelationKind::Denies, "nowhere"),
            relation(RelationKind::Contradicts, "mid"),
        ];
        std::sync::Arc::make_mut(&mut data.events[3]).relations =
            vec![relation(RelationKind::RespondsTo, "early")];
        // A duplicate id: the first event with it is the one found, as validation names it.
        data.events
            .push(std::sync::Arc::new(event("mid", "a", "2021")));
        let index = TimelineIndex::new(&data);
        assert_eq!(index.event_by_id(&data, "early"), Some(2));
        assert_eq!(index.event_by_id(&data, "mid"), Some(3));
        assert_eq!(index.event_by_id(&data, "nowhere"), None);
        let pairs = |event| {
            index
                .incoming(event)
                .iter()
                .map(|i| (i.from, i.relation))
                .collect::<Vec<_>>()
        };
        assert_eq!(pairs(2), [(0, 0), (3, 0)]);
        assert_eq!(pairs(3), [(0, 2)]);
        assert!(pairs(1).is_empty());
        assert!(pairs(99).is_empty(), "past the end: nothing");

        // Targets resolved elsewhere are used as given, and ignored when they cannot be this
        // dataset's (a count that differs).
        let given = RelationTargets::from_targets([None, None, Some(1), None]);
        let index = TimelineIndex::with_targets(&data, &given);
        assert_eq!(
            index.incoming(1),
            [Incoming {
                from: 0,
                relation: 2
            }]
        );
        assert!(index.incoming(2).is_empty());
        let stale = RelationTargets::from_targets([Some(1)]);
        let index = TimelineIndex::with_targets(&data, &stale);
        assert_eq!(index.incoming(2).len(), 2, "resolved again, not trusted");
    }

    #[test]
    fn an_id_prefix_orders_as_the_id() {
        let ids = [
            "",
            "a",
            "a\u{0}",
            "ab",
            "abcdefgh",
            "abcdefghi",
            "abcdefgz",
            "b",
            "é",
        ];
        for pair in ids.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            assert!(a < b, "{a:?} < {b:?}");
            assert!(id_prefix(a) <= id_prefix(b), "{a:?} {b:?}");
        }
        assert!(
            id_prefix("abcdefgh") == id_prefix("abcdefghi"),
            "ties go to the strings"
        );
    }
}
