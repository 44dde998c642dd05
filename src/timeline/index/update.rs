//! Keeping the index in step with an edit, in place: an event moved, added or removed, a relation
//! added or removed, lanes added, removed or reordered. Each costs a few passes over flat arrays
//! (a few milliseconds at a million events), where building the index again sorts them all.
//!
//! Calls come in pairs around the change to the dataset: the ones named for taking something out
//! are made while the dataset still holds it, the ones for putting something in once it does.

use std::cmp::Ordering;

use super::{Incoming, LaneIndex, TimelineIndex, id_prefix, kind_slot};
use crate::model::{Dataset, Event};

/// Where an event sits in a lane: its extent and its kind's slot.
fn extent(event: &Event) -> (f64, f64, usize) {
    (
        event.earliest_days(),
        event.latest_days(),
        kind_slot(event.kind),
    )
}

impl LaneIndex {
    /// Where `event` starting at `start` goes, or is: lanes are ordered by start, then by index.
    fn slot(&self, event: usize, start: f64) -> usize {
        let (mut lo, mut hi) = (0, self.events.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let before = match (self.starts.get(mid), self.events.get(mid)) {
                (Some(s), Some(&e)) => s.total_cmp(&start).then(e.cmp(&event)) == Ordering::Less,
                _ => false,
            };
            if before {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    fn insert(&mut self, event: usize, (start, end, kind): (f64, f64, usize)) {
        let at = self.slot(event, start);
        self.events.insert(at, event);
        self.starts.insert(at, start);
        self.ends.insert(at, end);
        if let Some(starts) = self.kind_starts.get_mut(kind) {
            let at = starts.partition_point(|s| s.total_cmp(&start) == Ordering::Less);
            starts.insert(at, start);
        }
        if let Some(ends) = self.kind_ends.get_mut(kind) {
            let at = ends.partition_point(|e| e.total_cmp(&end) == Ordering::Less);
            ends.insert(at, end);
        }
        self.max_span_days = self.max_span_days.max(end - start);
    }

    fn remove(&mut self, event: usize, (start, _, kind): (f64, f64, usize)) {
        let at = self.slot(event, start);
        let at = if self.events.get(at) == Some(&event) {
            Some(at)
        } else {
            // Not where its extent says: the extent changed without the index being told.
            self.events.iter().position(|&e| e == event)
        };
        let Some(at) = at else { return };
        self.events.remove(at);
        let start = self.starts.remove(at);
        let end = self.ends.remove(at);
        let remove_value = |values: &mut Vec<f64>, value: f64| {
            let at = values.partition_point(|v| v.total_cmp(&value) == Ordering::Less);
            if values.get(at).is_some_and(|v| v.total_cmp(&value).is_eq()) {
                values.remove(at);
            }
        };
        if let Some(starts) = self.kind_starts.get_mut(kind) {
            remove_value(starts, start);
        }
        if let Some(ends) = self.kind_ends.get_mut(kind) {
            remove_value(ends, end);
        }
        if end - start >= self.max_span_days {
            self.max_span_days = self
                .starts
                .iter()
                .zip(&self.ends)
                .map(|(s, e)| e - s)
                .fold(0.0, f64::max);
        }
    }
}

impl TimelineIndex {
    /// Takes event `event` out of its lane and the time order, before an edit changes its dates,
    /// kind or lane; [`Self::place_event`] puts it back once the dataset has the new values.
    pub fn unplace_event(&mut self, dataset: &Dataset, event: usize) {
        let Some(e) = dataset.events.get(event) else {
            return;
        };
        let (start, end, kind) = extent(e);
        if let Some(lane) = self
            .lane_of_event
            .get(event)
            .and_then(|&l| self.lanes.get_mut(l))
        {
            lane.remove(event, (start, end, kind));
        }
        if let Some(&rank) = self.rank.get(event)
            && rank < self.by_time.len()
        {
            self.by_time.remove(rank);
            self.rerank_from(rank);
            if let Some(r) = self.rank.get_mut(event) {
                *r = usize::MAX;
            }
        }
        self.count_kind(kind, false);
    }

    /// Puts event `event` where its dates, kind and lane now say.
    pub fn place_event(&mut self, dataset: &Dataset, event: usize) {
        let Some(e) = dataset.events.get(event) else {
            return;
        };
        let lane = lane_row(dataset, e);
        if let Some(slot) = self.lane_of_event.get_mut(event) {
            *slot = lane;
        }
        let (start, end, kind) = extent(e);
        if let Some(index) = self.lanes.get_mut(lane) {
            index.insert(event, (start, end, kind));
        }
        let at = self
            .by_time
            .partition_point(|&other| time_cmp(dataset, other, event) == Ordering::Less);
        self.by_time.insert(at, event);
        self.rerank_from(at);
        self.count_kind(kind, true);
    }

    /// Indexes event `event`, which the dataset has just gained: later events move one up.
    pub fn insert_event(&mut self, dataset: &Dataset, event: usize) {
        let Some(e) = dataset.events.get(event) else {
            return;
        };
        if self.incoming_start.is_empty() {
            self.incoming_start.push(0);
        }
        self.renumber(event, true);
        self.rank.insert(event.min(self.rank.len()), usize::MAX);
        self.lane_of_event
            .insert(event.min(self.lane_of_event.len()), 0);
        let at = event.min(self.incoming_start.len().saturating_sub(1));
        let start = self.incoming_start.get(at).copied().unwrap_or(0);
        self.incoming_start.insert(at, start);
        self.place_event(dataset, event);
        if self.name_event(dataset, event) {
            for r in 0..e.relations.len() {
                self.link(dataset, event, r, true);
            }
        }
    }

    /// Takes event `event` out of the index while the dataset still holds it: later events move
    /// one down. Relations that pointed at it are left unresolved, as a dangling relation is.
    pub fn remove_event(&mut self, dataset: &Dataset, event: usize) {
        let Some(e) = dataset.events.get(event) else {
            return;
        };
        for r in 0..e.relations.len() {
            self.link(dataset, event, r, false);
        }
        // Relations to it name no event now; relations to a repeated id resolve to the other
        // event, which `settle` does.
        self.unname_event(dataset, event);
        if event + 1 < self.incoming_start.len() {
            self.incoming_start.remove(event);
        }
        self.unplace_event(dataset, event);
        if event < self.rank.len() {
            self.rank.remove(event);
        }
        if event < self.lane_of_event.len() {
            self.lane_of_event.remove(event);
        }
        self.renumber(event, false);
    }

    /// Finishes what [`Self::remove_event`] left: relations to an id two events shared are
    /// resolved again once the dataset has lost one of them.
    pub fn settle(&mut self, dataset: &Dataset) {
        if std::mem::take(&mut self.incoming_stale) {
            self.index_incoming(dataset, &crate::model::RelationTargets::resolve(dataset));
        }
    }

    /// Takes event `event`'s id out of the id order while the dataset still holds it, before an
    /// edit changes it or removes the event ([`Self::name_event`] follows a change). Relations
    /// that still name the old id dangle.
    pub fn unname_event(&mut self, dataset: &Dataset, event: usize) {
        let Some(e) = dataset.events.get(event) else {
            return;
        };
        let twin = self.has_twin(dataset, event);
        if let (Some(&lo), Some(&hi)) = (
            self.incoming_start.get(event),
            self.incoming_start.get(event + 1),
        ) && hi > lo
        {
            let dangling: Vec<Incoming> = self.incoming.drain(lo as usize..hi as usize).collect();
            if !twin {
                self.unresolved.insert(e.id.as_str().into(), dangling);
            }
            for start in self.incoming_start.iter_mut().skip(event + 1) {
                *start -= hi - lo;
            }
        }
        let at = self
            .by_id
            .partition_point(|&other| id_cmp(dataset, other as usize, event) == Ordering::Less);
        if self.by_id.get(at) == Some(&(event as u32)) {
            self.by_id.remove(at);
        }
        self.incoming_stale |= twin;
    }

    /// Puts event `event` in the id order under the id the dataset now gives it: relations that
    /// named that id while no event had it point at it now. Returns false when every relation
    /// was resolved again instead (the id is repeated, so relations to it may move).
    pub fn name_event(&mut self, dataset: &Dataset, event: usize) -> bool {
        let Some(e) = dataset.events.get(event) else {
            return false;
        };
        let at = self
            .by_id
            .partition_point(|&other| id_cmp(dataset, other as usize, event) == Ordering::Less);
        self.by_id.insert(at, event as u32);
        if std::mem::take(&mut self.incoming_stale) || self.has_twin(dataset, event) {
            self.index_incoming(dataset, &crate::model::RelationTargets::resolve(dataset));
            return false;
        }
        for entry in self.unresolved.remove(e.id.as_str()).unwrap_or_default() {
            self.insert_incoming(event, entry);
        }
        true
    }

    /// Indexes relation `relation` of event `event`, just added to the dataset.
    pub fn insert_relation(&mut self, dataset: &Dataset, event: usize, relation: usize) {
        let count = dataset.events.get(event).map_or(0, |e| e.relations.len());
        // The relations after it moved one place along.
        for later in (relation + 1..count).rev() {
            self.renumber_relation(dataset, event, later, (later - 1, later));
        }
        self.link(dataset, event, relation, true);
    }

    /// Takes relation `relation` of event `event` out of the index while the dataset still
    /// holds it.
    pub fn remove_relation(&mut self, dataset: &Dataset, event: usize, relation: usize) {
        let count = dataset.events.get(event).map_or(0, |e| e.relations.len());
        self.link(dataset, event, relation, false);
        for later in relation + 1..count {
            self.renumber_relation(dataset, event, later, (later, later - 1));
        }
    }

    /// Follows lanes added, removed or reordered: `old_lanes` are the lane ids before, in order.
    /// Lanes keep their sorted events; only lanes that gained or lost events are sorted again.
    pub fn relane(&mut self, dataset: &Dataset, old_lanes: &[String]) {
        let mut old: Vec<Option<LaneIndex>> = std::mem::take(&mut self.lanes)
            .into_iter()
            .map(Some)
            .collect();
        let mut old_row: foldhash::HashMap<&str, usize> = foldhash::HashMap::default();
        for (row, id) in old_lanes.iter().enumerate().rev() {
            old_row.insert(id.as_str(), row);
        }
        let mut new_of_old = vec![None; old.len()];
        self.lanes = dataset
            .lanes
            .iter()
            .enumerate()
            .map(|(row, lane)| {
                let kept = old_row
                    .get(lane.id.as_str())
                    .and_then(|&o| Some((o, old.get_mut(o)?.take()?)));
                match kept {
                    Some((o, index)) => {
                        if let Some(slot) = new_of_old.get_mut(o) {
                            *slot = Some(row);
                        }
                        index
                    }
                    None => LaneIndex::default(),
                }
            })
            .collect();
        let rows = lane_rows(dataset);
        let last = dataset.lanes.len().saturating_sub(1);
        let mut dirty = vec![false; self.lanes.len()];
        for (event, e) in dataset.events.iter().enumerate() {
            let lane = rows.get(dataset.lane_id(e)).copied().unwrap_or(last);
            let Some(slot) = self.lane_of_event.get_mut(event) else {
                continue;
            };
            let was = new_of_old.get(*slot).copied().flatten();
            if was != Some(lane) {
                for row in [Some(lane), was].into_iter().flatten() {
                    if let Some(d) = dirty.get_mut(row) {
                        *d = true;
                    }
                }
            }
            *slot = lane;
        }
        let mut members: Vec<Vec<usize>> = dirty.iter().map(|_| Vec::new()).collect();
        for (event, &lane) in self.lane_of_event.iter().enumerate() {
            if dirty.get(lane) == Some(&true)
                && let Some(list) = members.get_mut(lane)
            {
                list.push(event);
            }
        }
        for ((index, events), dirty) in self.lanes.iter_mut().zip(members).zip(dirty) {
            if dirty {
                *index = LaneIndex {
                    events,
                    ..LaneIndex::default()
                };
                index.sort(dataset);
            }
        }
    }

    /// Adds (`add`) or removes the incoming entry of relation `relation` of event `event`.
    fn link(&mut self, dataset: &Dataset, event: usize, relation: usize, add: bool) {
        let Some(named) = dataset
            .events
            .get(event)
            .and_then(|e| e.relations.get(relation))
        else {
            return;
        };
        let entry = Incoming {
            from: event,
            relation,
        };
        let Some(target) = self.event_by_id(dataset, &named.target) else {
            let list = self.unresolved.entry(named.target.clone()).or_default();
            let at = list.partition_point(|i| (i.from, i.relation) < (event, relation));
            if add {
                list.insert(at, entry);
            } else if list.get(at) == Some(&entry) {
                list.remove(at);
            }
            if list.is_empty() {
                self.unresolved.remove(named.target.as_str());
            }
            return;
        };
        if add {
            self.insert_incoming(target, entry);
        } else if let Some(at) = self.find_incoming(target, entry) {
            self.incoming.remove(at);
            for start in self.incoming_start.iter_mut().skip(target + 1) {
                *start -= 1;
            }
        }
    }

    /// Renumbers the incoming entry of relation `from` of `event` to `to`; its target is read from
    /// the relation the dataset holds at `held_at`.
    fn renumber_relation(
        &mut self,
        dataset: &Dataset,
        event: usize,
        held_at: usize,
        (from, to): (usize, usize),
    ) {
        let Some(named) = dataset
            .events
            .get(event)
            .and_then(|e| e.relations.get(held_at))
        else {
            return;
        };
        let old = Incoming {
            from: event,
            relation: from,
        };
        let Some(target) = self.event_by_id(dataset, &named.target) else {
            if let Some(entry) = self
                .unresolved
                .get_mut(named.target.as_str())
                .and_then(|list| list.iter_mut().find(|i| **i == old))
            {
                entry.relation = to;
            }
            return;
        };
        if let Some(at) = self.find_incoming(target, old)
            && let Some(entry) = self.incoming.get_mut(at)
        {
            entry.relation = to;
        }
    }

    /// Inserts `entry` in `target`'s incoming list, keeping it in file order.
    fn insert_incoming(&mut self, target: usize, entry: Incoming) {
        let (Some(&lo), Some(&hi)) = (
            self.incoming_start.get(target),
            self.incoming_start.get(target + 1),
        ) else {
            return;
        };
        let list = self.incoming.get(lo as usize..hi as usize).unwrap_or(&[]);
        let at = lo as usize
            + list.partition_point(|i| (i.from, i.relation) < (entry.from, entry.relation));
        self.incoming.insert(at, entry);
        for start in self.incoming_start.iter_mut().skip(target + 1) {
            *start += 1;
        }
    }

    /// Where `entry` is in `target`'s incoming list.
    fn find_incoming(&self, target: usize, entry: Incoming) -> Option<usize> {
        let lo = *self.incoming_start.get(target)? as usize;
        let hi = *self.incoming_start.get(target + 1)? as usize;
        let list = self.incoming.get(lo..hi)?;
        let at = list.partition_point(|i| (i.from, i.relation) < (entry.from, entry.relation));
        (list.get(at) == Some(&entry)).then_some(lo + at)
    }

    /// Moves every stored event number from `event` on one up (`up`), or every one past it down.
    fn renumber(&mut self, event: usize, up: bool) {
        let shift = |e: &mut usize| {
            if up && *e >= event {
                *e += 1;
            } else if !up && *e > event {
                *e -= 1;
            }
        };
        for lane in &mut self.lanes {
            lane.events.iter_mut().for_each(shift);
        }
        self.by_time.iter_mut().for_each(shift);
        for entry in &mut self.incoming {
            shift(&mut entry.from);
        }
        for entry in self.unresolved.values_mut().flatten() {
            shift(&mut entry.from);
        }
        let event = event as u32;
        for e in &mut self.by_id {
            if up && *e >= event {
                *e += 1;
            } else if !up && *e > event {
                *e -= 1;
            }
        }
    }

    /// Writes the rank of every event in `by_time` from position `from` on.
    fn rerank_from(&mut self, from: usize) {
        for (r, &event) in self.by_time.iter().enumerate().skip(from) {
            if let Some(slot) = self.rank.get_mut(event) {
                *slot = r;
            }
        }
    }

    fn count_kind(&mut self, kind: usize, add: bool) {
        if let Some(count) = self.kind_counts.get_mut(kind) {
            *count = if add {
                *count + 1
            } else {
                count.saturating_sub(1)
            };
            if let Some(used) = self.kinds_in_use.get_mut(kind) {
                *used = *count > 0;
            }
        }
    }

    /// Whether another event has `event`'s id (a file can repeat one; validation reports it).
    fn has_twin(&self, dataset: &Dataset, event: usize) -> bool {
        let Some(id) = dataset.events.get(event).map(|e| e.id.as_str()) else {
            return false;
        };
        let at = self.by_id.partition_point(|&other| {
            dataset
                .events
                .get(other as usize)
                .is_some_and(|o| o.id.as_str() < id)
        });
        self.by_id
            .get(at..)
            .unwrap_or(&[])
            .iter()
            .take_while(|&&other| {
                dataset
                    .events
                    .get(other as usize)
                    .is_some_and(|o| o.id == id)
            })
            .any(|&other| other as usize != event)
    }
}

/// Each lane id's first row.
fn lane_rows(dataset: &Dataset) -> foldhash::HashMap<&str, usize> {
    let mut rows = foldhash::HashMap::default();
    for (row, lane) in dataset.lanes.iter().enumerate().rev() {
        rows.insert(lane.id.as_str(), row);
    }
    rows
}

/// The row `event` is drawn in: its lane's first row, or the last row for an unknown lane.
fn lane_row(dataset: &Dataset, event: &Event) -> usize {
    let id = dataset.lane_id(event);
    dataset
        .lanes
        .iter()
        .position(|l| l.id == id)
        .unwrap_or(dataset.lanes.len().saturating_sub(1))
}

/// The time order of events `a` and `b`: by date, then id, then place in the file.
fn time_cmp(dataset: &Dataset, a: usize, b: usize) -> Ordering {
    match (dataset.events.get(a), dataset.events.get(b)) {
        (Some(x), Some(y)) => x
            .date
            .cmp(&y.date)
            .then(id_prefix(&x.id).cmp(&id_prefix(&y.id)))
            .then_with(|| x.id.cmp(&y.id))
            .then(a.cmp(&b)),
        _ => a.cmp(&b),
    }
}

/// The id order of events `a` and `b`: by id, then place in the file.
fn id_cmp(dataset: &Dataset, a: usize, b: usize) -> Ordering {
    match (dataset.events.get(a), dataset.events.get(b)) {
        (Some(x), Some(y)) => x.id.cmp(&y.id).then(a.cmp(&b)),
        _ => a.cmp(&b),
    }
}
