//! Editing an open document: the dataset, its quote checks, its index and its findings kept in
//! step, an edit at a time.
//!
//! ```text
//! Edit ──apply──▶ dataset + the inverse Edit
//!      ──per step──▶ index updated in place; what each step touches noted (and its findings then)
//!      ──at the end──▶ quotes of touched events located again; findings of what was touched
//! ```

use foldhash::HashSet;

use super::apply::{Change, Observer, Step, apply_observed};
use super::edits::{Edit, EditError};
use super::revalidate::{Editing, Revalidation, lane_findings, locate_again, source_findings};
use crate::load::Finding;
use crate::model::{Dataset, QuoteMatch, QuoteMatches};
use crate::timeline::TimelineIndex;

/// The parts of an open document an edit changes, borrowed together.
pub struct Live<'a> {
    pub dataset: &'a mut Dataset,
    /// `quotes.of(event)[citation]`, as validation made it.
    pub quotes: &'a mut QuoteMatches,
    pub index: &'a mut TimelineIndex,
}

/// What an applied edit did.
#[derive(Clone, Debug, PartialEq)]
pub struct Committed {
    /// The edit that undoes this one (an empty [`Edit::Batch`] when nothing changed).
    pub inverse: Edit,
    /// Findings to drop and to add ([`Revalidation::update`]).
    pub findings: Revalidation,
    /// Events checked again, numbered as after the edit, in order: the ones edited, and the ones
    /// whose findings could change with them (relations to an event added or deleted, quotes of
    /// a source changed). The search index, the table and the detail panel follow them.
    pub events: Vec<usize>,
    /// Whether events were added or removed, so every number after the first changed one moved.
    pub renumbered: bool,
    /// Quotes that were found in their source before and are not now (a source's text replaced).
    pub broken: Vec<BrokenQuote>,
    /// `[before, after]`: `(found, not found)` among the touched events' quotes, when no event
    /// was added or removed.
    pub quote_counts: Option<[(usize, usize); 2]>,
}

impl Committed {
    /// Brings what an open document derives from its dataset up to date after this edit, which
    /// was applied to its dataset, quotes and index (findings, counts, search, tags, limits).
    pub fn follow_in(&self, doc: &mut crate::document::Document) {
        doc.follow_edit(
            &self.events,
            self.renumbered,
            self.quote_counts,
            !self.findings.changes_nothing(),
            |findings| self.findings.update(findings),
        );
        // A tag this edit took away is one its undo gives back; the filter menu stops offering it
        // once no event has it.
        let mut taken = Vec::new();
        tags_given_back(&self.inverse, &mut taken);
        if !taken.is_empty() {
            doc.forget_unused_tags(&taken);
        }
    }
}

fn tags_given_back<'e>(edit: &'e Edit, out: &mut Vec<&'e str>) {
    match edit {
        Edit::AddTag { tag, .. } => out.push(tag.as_str()),
        Edit::SetTags { tags, .. } => out.extend(tags.iter().map(crate::model::Id::as_str)),
        Edit::Batch(edits) => edits.iter().for_each(|e| tags_given_back(e, out)),
        _ => {}
    }
}

/// A citation whose quote was found before an edit and is not after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BrokenQuote {
    pub event: usize,
    pub citation: usize,
    pub was: QuoteMatch,
    pub now: QuoteMatch,
}

impl Live<'_> {
    /// Applies `edit`, updates the index in place, locates the touched events' quotes again and
    /// revalidates what the edit touched. On an error nothing changes.
    pub fn apply(&mut self, edit: Edit) -> Result<Committed, EditError> {
        let mut tracker = Tracker {
            index: self.index,
            quotes: self.quotes,
            touched: HashSet::default(),
            stale: Vec::new(),
            removed_events: Vec::new(),
            sources: Vec::new(),
            lanes: Vec::new(),
            old_lanes: Vec::new(),
            was_found: Vec::new(),
            renumbered: false,
            quotes_before: (0, 0),
        };
        match apply_observed(self.dataset, edit, &mut tracker) {
            Ok(inverse) => Ok(tracker.finish(self.dataset, inverse)),
            Err(error) => {
                // The steps made were undone, but events put back hold no quote checks yet.
                tracker.finish(self.dataset, Edit::Batch(Vec::new()));
                Err(error)
            }
        }
    }
}

/// Follows the steps of one edit.
struct Tracker<'a> {
    index: &'a mut TimelineIndex,
    quotes: &'a mut QuoteMatches,
    /// Touched events, numbered as the dataset is now.
    touched: HashSet<usize>,
    stale: Vec<Finding>,
    removed_events: Vec<String>,
    sources: Vec<String>,
    lanes: Vec<String>,
    /// Lane ids before a step that adds, removes or moves one.
    old_lanes: Vec<String>,
    /// `(event, citation, match)` of quotes found before their source's text was replaced.
    was_found: Vec<(usize, usize, QuoteMatch)>,
    renumbered: bool,
    /// `(found, not found)` among the touched events' quotes before the edit.
    quotes_before: (usize, usize),
}

impl Tracker<'_> {
    /// Notes `events` as touched, keeping what the validator said about each before.
    fn touch(&mut self, dataset: &Dataset, events: impl IntoIterator<Item = usize>) {
        let new: Vec<usize> = events
            .into_iter()
            .filter(|&e| self.touched.insert(e))
            .collect();
        for &e in &new {
            if let Some(event) = dataset.events.get(e) {
                let (found, missing) = self.quotes.counts_of(e, event);
                self.quotes_before.0 += found;
                self.quotes_before.1 += missing;
            }
        }
        if !new.is_empty() {
            let cx = Editing::new(dataset, self.index, self.quotes);
            self.stale.extend(cx.events(new));
        }
    }

    fn touch_source(&mut self, dataset: &Dataset, id: &str) {
        if !self.sources.iter().any(|s| s == id) {
            self.stale
                .extend(source_findings(dataset, &[id.to_owned()]));
            self.sources.push(id.to_owned());
        }
    }

    fn touch_lane(&mut self, dataset: &Dataset, id: &str) {
        if !self.lanes.iter().any(|l| l == id) {
            self.stale.extend(lane_findings(dataset, &[id.to_owned()]));
            self.lanes.push(id.to_owned());
        }
    }

    /// Renumbers everything kept by event number after event `at` is inserted (`up`) or removed.
    fn renumber(&mut self, at: usize, up: bool) {
        let shift = |e: usize| -> Option<usize> {
            if e < at {
                Some(e)
            } else if up {
                Some(e + 1)
            } else if e == at {
                None
            } else {
                Some(e - 1)
            }
        };
        self.touched = self.touched.iter().filter_map(|&e| shift(e)).collect();
        self.was_found = self
            .was_found
            .iter()
            .filter_map(|&(e, c, m)| Some((shift(e)?, c, m)))
            .collect();
        self.renumbered = true;
    }

    /// Locates the touched events' quotes again and says what the validator says now.
    fn finish(self, dataset: &Dataset, inverse: Edit) -> Committed {
        let mut events: Vec<usize> = self.touched.into_iter().collect();
        events.sort_unstable();
        events.retain(|&e| e < dataset.events.len());
        locate_again(dataset, self.quotes, &events);
        let mut fresh =
            Editing::new(dataset, self.index, self.quotes).events(events.iter().copied());
        fresh.extend(source_findings(dataset, &self.sources));
        fresh.extend(lane_findings(dataset, &self.lanes));
        let broken = self
            .was_found
            .iter()
            .filter_map(|&(event, citation, was)| {
                let now = self.quotes.of(event).get(citation).copied()?;
                (!now.is_verified()).then_some(BrokenQuote {
                    event,
                    citation,
                    was,
                    now,
                })
            })
            .collect();
        // Only the touched events' quotes were checked again: the counts move by their change,
        // with no pass over every event. Events added or removed are counted afresh.
        let quote_counts = (!self.renumbered).then(|| {
            let after = events
                .iter()
                .filter_map(|&e| Some(self.quotes.counts_of(e, dataset.events.get(e)?)))
                .fold((0, 0), |(f, m), (df, dm)| (f + df, m + dm));
            [self.quotes_before, after]
        });
        Committed {
            inverse,
            quote_counts,
            findings: Revalidation {
                stale: self.stale,
                fresh,
                removed_events: self.removed_events,
            },
            events,
            renumbered: self.renumbered,
            broken,
        }
    }
}

/// Events citing source `id`.
fn citing(dataset: &Dataset, id: &str) -> Vec<usize> {
    dataset
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.citations.iter().any(|c| c.source == id))
        .map(|(n, _)| n)
        .collect()
}

impl Observer for Tracker<'_> {
    fn before(&mut self, dataset: &Dataset, step: &Step) {
        match step {
            Step::InsertEvent { id, .. } => {
                // Relations that named the id while no event had it will resolve.
                let naming: Vec<usize> = self.index.unresolved(id).iter().map(|i| i.from).collect();
                self.touch(dataset, naming);
            }
            Step::RemoveEvent(event) => {
                let event = *event;
                let incoming: Vec<usize> =
                    self.index.incoming(event).iter().map(|i| i.from).collect();
                self.touch(dataset, incoming);
                if let Some(e) = dataset.events.get(event) {
                    self.removed_events.push(e.id.clone());
                }
                self.index.remove_event(dataset, event);
                self.quotes.remove_event(event);
                self.renumber(event, false);
            }
            Step::Place(event) => {
                self.touch(dataset, [*event]);
                self.index.unplace_event(dataset, *event);
            }
            Step::Id { event, to } => {
                // Relations naming either id change what they resolve to.
                let mut naming: Vec<usize> =
                    self.index.incoming(*event).iter().map(|i| i.from).collect();
                naming.extend(self.index.unresolved(to).iter().map(|i| i.from));
                naming.push(*event);
                self.touch(dataset, naming);
                self.index.unname_event(dataset, *event);
            }
            Step::Fields(event) | Step::AddRelation { event, .. } => {
                self.touch(dataset, [*event]);
            }
            Step::RemoveRelation { event, at } => {
                self.touch(dataset, [*event]);
                self.index.remove_relation(dataset, *event, *at);
            }
            Step::Source { id, change } => {
                self.touch_source(dataset, id);
                if matches!(change, Change::Added | Change::Removed | Change::Text) {
                    let citing = citing(dataset, id);
                    if *change == Change::Text {
                        for &event in &citing {
                            let cited = dataset.events.get(event).map(|e| &e.citations);
                            for (c, citation) in cited.into_iter().flatten().enumerate() {
                                let was = self.quotes.of(event).get(c).copied();
                                if citation.source == **id
                                    && let Some(was) = was.filter(|m| m.is_verified())
                                {
                                    self.was_found.push((event, c, was));
                                }
                            }
                        }
                    }
                    self.touch(dataset, citing);
                }
            }
            Step::Lane { id, change } => {
                self.touch_lane(dataset, id);
                if matches!(change, Change::Added | Change::Removed | Change::Moved) {
                    self.old_lanes = dataset.lanes.iter().map(|l| l.id.clone()).collect();
                }
                if matches!(change, Change::Added | Change::Removed) {
                    // With no lanes at all none is checked; the first one added checks them all.
                    let everything = match change {
                        Change::Added => dataset.lanes.is_empty(),
                        _ => dataset.lanes.len() == 1,
                    };
                    let in_lane: Vec<usize> = dataset
                        .events
                        .iter()
                        .enumerate()
                        .filter(|(_, e)| everything || dataset.lane_id(e) == id.as_str())
                        .map(|(n, _)| n)
                        .collect();
                    self.touch(dataset, in_lane);
                }
            }
            Step::Actor { id, change } => {
                if matches!(change, Change::Added | Change::Removed) {
                    let naming: Vec<usize> = dataset
                        .events
                        .iter()
                        .enumerate()
                        .filter(|(_, e)| e.actors.contains(id))
                        .map(|(n, _)| n)
                        .collect();
                    self.touch(dataset, naming);
                }
            }
            Step::Dataset => {}
        }
    }

    fn index(&self) -> Option<&TimelineIndex> {
        Some(self.index)
    }

    fn after(&mut self, dataset: &Dataset, step: &Step) {
        match step {
            Step::InsertEvent { at, .. } => {
                self.renumber(*at, true);
                self.index.insert_event(dataset, *at);
                self.quotes.insert_event(*at, &[]);
                // New: nothing was said about it before.
                self.touched.insert(*at);
            }
            Step::RemoveEvent(_) => self.index.settle(dataset),
            Step::Place(event) => self.index.place_event(dataset, *event),
            Step::Id { event, .. } => {
                self.index.name_event(dataset, *event);
            }
            Step::AddRelation { event, at } => self.index.insert_relation(dataset, *event, *at),
            Step::Lane {
                change: Change::Added | Change::Removed | Change::Moved,
                ..
            } => {
                let old = std::mem::take(&mut self.old_lanes);
                self.index.relane(dataset, &old);
            }
            Step::Fields(_)
            | Step::RemoveRelation { .. }
            | Step::Source { .. }
            | Step::Lane { .. }
            | Step::Actor { .. }
            | Step::Dataset => {}
        }
    }
}
