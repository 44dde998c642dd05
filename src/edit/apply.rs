//! Applying an [`Edit`] to a dataset, which hands back the edit that undoes it.
//!
//! Compound edits (deleting an event with the relations that point at it, merging actors, adding
//! an actor to an event) are made of simple steps; each step is checked before anything changes,
//! and an [`Observer`] is told about it just before and just after, so the index and the findings
//! of the open document follow one step at a time (see [`super::live`]).

use std::sync::Arc;

use super::edits::{Edit, EditError, EventDates, SourceInfo};
use super::incoming::{incoming_relations, relations_to};
use crate::model::{Dataset, Event, Id, Relation};
use crate::timeline::TimelineIndex;

/// One simple change, as an [`Observer`] sees it. Events are numbered as the dataset numbers them
/// at the moment the observer is told.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    /// An event with this id goes in at `at` (before: not there yet; after: there).
    InsertEvent {
        at: usize,
        id: Id,
    },
    /// Event `0` goes (before: still there; after: gone).
    RemoveEvent(usize),
    /// An event's id changes (before: the old one; after: `to`).
    Id {
        event: usize,
        to: Id,
    },
    /// Where the event is drawn changes: its dates, kind or lane.
    Place(usize),
    /// What the event says changes, but not where it is drawn: title, summary, date basis,
    /// actors, tags or citations.
    Fields(usize),
    AddRelation {
        event: usize,
        at: usize,
    },
    RemoveRelation {
        event: usize,
        at: usize,
    },
    Source {
        id: Id,
        change: Change,
    },
    Lane {
        id: Id,
        change: Change,
    },
    Actor {
        id: Id,
        change: Change,
    },
    /// The dataset's title or description: nothing is checked or drawn from them.
    Dataset,
}

/// What happens to a source, lane or actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Change {
    Added,
    Removed,
    /// Its place in its list.
    Moved,
    /// A source's text.
    Text,
    /// Anything else it says (a label, a colour, a role, a title).
    Info,
}

/// Told about every simple step of an edit: the open document's index and findings follow.
pub(crate) trait Observer {
    fn before(&mut self, dataset: &Dataset, step: &Step);
    fn after(&mut self, dataset: &Dataset, step: &Step);
    /// The dataset's index, when the observer keeps one: ids and the relations pointing at an
    /// event are then looked up, not scanned for among a million events.
    fn index(&self) -> Option<&TimelineIndex>;
}

/// An observer that does nothing: the dataset alone is edited.
struct Unobserved;

impl Observer for Unobserved {
    fn before(&mut self, _: &Dataset, _: &Step) {}
    fn after(&mut self, _: &Dataset, _: &Step) {}
    fn index(&self) -> Option<&TimelineIndex> {
        None
    }
}

/// Applies `edit` to `dataset` and returns the edit that undoes it. On an error nothing changes.
///
/// This edits the dataset alone; an open document also keeps its index, quote checks and
/// findings in step through [`super::Live::apply`].
pub fn apply(dataset: &mut Dataset, edit: Edit) -> Result<Edit, EditError> {
    apply_observed(dataset, edit, &mut Unobserved)
}

/// [`apply`], telling `observer` about each simple step.
pub(crate) fn apply_observed(
    dataset: &mut Dataset,
    edit: Edit,
    observer: &mut dyn Observer,
) -> Result<Edit, EditError> {
    match edit {
        Edit::Batch(edits) => batch(dataset, edits, observer),
        Edit::DeleteEvent {
            event,
            remove_incoming: true,
        } => {
            event_at(dataset, event)?;
            let incoming = match observer.index() {
                Some(index) => index
                    .incoming(event)
                    .iter()
                    .filter(|i| i.from != event)
                    .map(|i| (i.from, i.relation))
                    .collect(),
                None => incoming_relations(dataset, event),
            };
            let mut steps: Vec<Edit> = incoming
                .into_iter()
                .rev()
                .map(|(from, relation)| Edit::RemoveRelation {
                    event: from,
                    relation,
                })
                .collect();
            steps.push(Edit::DeleteEvent {
                event,
                remove_incoming: false,
            });
            batch(dataset, steps, observer)
        }
        Edit::MergeActor { from, into } => {
            let steps = merge_actor(dataset, &from, &into)?;
            batch(dataset, steps, observer)
        }
        Edit::RenameEvent { event, id } => {
            let steps = rename_event(dataset, event, id, observer.index())?;
            batch(dataset, steps, observer)
        }
        Edit::AddEventActor { event, actor } => {
            let actors = &event_at(dataset, event)?.actors;
            if actors.contains(&actor) {
                return Ok(Edit::Batch(Vec::new()));
            }
            let mut actors = actors.clone();
            actors.push(actor);
            apply_observed(dataset, Edit::SetEventActors { event, actors }, observer)
        }
        Edit::RemoveEventActor { event, actor } => {
            let mut actors = event_at(dataset, event)?.actors.clone();
            actors.retain(|a| *a != actor);
            apply_observed(dataset, Edit::SetEventActors { event, actors }, observer)
        }
        Edit::AddTag { event, tag } => {
            let tags = &event_at(dataset, event)?.tags;
            if tags.contains(&tag) {
                return Ok(Edit::Batch(Vec::new()));
            }
            let mut tags = tags.clone();
            tags.push(tag);
            apply_observed(dataset, Edit::SetTags { event, tags }, observer)
        }
        Edit::RemoveTag { event, tag } => {
            let mut tags = event_at(dataset, event)?.tags.clone();
            tags.retain(|t| *t != tag);
            apply_observed(dataset, Edit::SetTags { event, tags }, observer)
        }
        simple => {
            let step = check(dataset, &simple, observer.index())?;
            observer.before(dataset, &step);
            let inverse = perform(dataset, simple);
            observer.after(dataset, &step);
            inverse
        }
    }
}

/// Applies `edits` in order; if one fails, undoes the ones before it and returns its error.
fn batch(
    dataset: &mut Dataset,
    edits: Vec<Edit>,
    observer: &mut dyn Observer,
) -> Result<Edit, EditError> {
    let mut inverses = Vec::with_capacity(edits.len());
    for edit in edits {
        match apply_observed(dataset, edit, observer) {
            Ok(inverse) => inverses.push(inverse),
            Err(error) => {
                for inverse in inverses.into_iter().rev() {
                    // Each undoes a step just made on this very dataset, so it applies.
                    let _ = apply_observed(dataset, inverse, observer);
                }
                return Err(error);
            }
        }
    }
    inverses.reverse();
    Ok(Edit::Batch(inverses))
}

/// The steps of renaming event `event` to `id`: the relations pointing at it are taken out, the
/// id changed, and the relations put back in their places naming the new id.
fn rename_event(
    dataset: &Dataset,
    event: usize,
    id: String,
    index: Option<&TimelineIndex>,
) -> Result<Vec<Edit>, EditError> {
    if event_at(dataset, event)?.id == id {
        return Ok(Vec::new());
    }
    let mut pointing: Vec<(usize, usize)> = match index {
        Some(index) => index
            .incoming(event)
            .iter()
            .map(|i| (i.from, i.relation))
            .collect(),
        None => relations_to(dataset, event),
    };
    pointing.sort_unstable();
    let moved: Vec<(usize, usize, Relation)> = pointing
        .iter()
        .filter_map(|&(from, r)| {
            let relation = dataset.events.get(from)?.relations.get(r)?;
            Some((
                from,
                r,
                Relation {
                    target: id.as_str().into(),
                    ..relation.clone()
                },
            ))
        })
        .collect();
    let mut steps: Vec<Edit> = moved
        .iter()
        .rev()
        .map(|&(from, r, _)| Edit::RemoveRelation {
            event: from,
            relation: r,
        })
        .collect();
    steps.push(Edit::SetEventId { event, id });
    steps.extend(
        moved
            .into_iter()
            .map(|(from, r, relation)| Edit::AddRelation {
                event: from,
                at: Some(r),
                relation,
            }),
    );
    Ok(steps)
}

/// The steps of merging actor `from` into `into`.
fn merge_actor(dataset: &Dataset, from: &Id, into: &Id) -> Result<Vec<Edit>, EditError> {
    position(&dataset.actors, from, |a| &a.id)
        .ok_or_else(|| EditError::NoActor(from.to_string()))?;
    position(&dataset.actors, into, |a| &a.id)
        .ok_or_else(|| EditError::NoActor(into.to_string()))?;
    if from == into {
        return Err(EditError::MergeIntoItself(from.to_string()));
    }
    let mut steps: Vec<Edit> = dataset
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.actors.contains(from))
        .map(|(event, e)| {
            let mut actors: Vec<Id> = Vec::with_capacity(e.actors.len());
            for actor in &e.actors {
                let actor = if actor == from { into } else { actor };
                if actor != into || !actors.contains(into) {
                    actors.push(actor.clone());
                }
            }
            Edit::SetEventActors { event, actors }
        })
        .collect();
    steps.push(Edit::RemoveActor {
        actor: from.clone(),
    });
    Ok(steps)
}

/// Checks that a simple edit can be made, and says what it changes.
fn check(dataset: &Dataset, edit: &Edit, index: Option<&TimelineIndex>) -> Result<Step, EditError> {
    Ok(match edit {
        Edit::AddEvent { at, event } => {
            let at = place(*at, dataset.events.len())?;
            if event.id.is_empty() {
                return Err(EditError::EmptyId);
            }
            let id_taken = match index {
                Some(index) => index.event_by_id(dataset, &event.id).is_some(),
                None => dataset.events.iter().any(|e| e.id == event.id),
            };
            if id_taken {
                return Err(taken("an event", &event.id));
            }
            Step::InsertEvent {
                at,
                id: event.id.as_str().into(),
            }
        }
        Edit::DeleteEvent { event, .. } => {
            event_at(dataset, *event)?;
            Step::RemoveEvent(*event)
        }
        Edit::SetEventId { event, id } => {
            event_at(dataset, *event)?;
            if id.is_empty() {
                return Err(EditError::EmptyId);
            }
            let holder = match index {
                Some(index) => index.event_by_id(dataset, id),
                None => dataset.events.iter().position(|e| e.id == *id),
            };
            if holder.is_some_and(|holder| holder != *event) {
                return Err(taken("an event", id));
            }
            Step::Id {
                event: *event,
                to: id.as_str().into(),
            }
        }
        Edit::SetKind { event, .. } | Edit::SetLane { event, .. } | Edit::SetDate { event, .. } => {
            event_at(dataset, *event)?;
            Step::Place(*event)
        }
        Edit::SetTitle { event, .. }
        | Edit::SetSummary { event, .. }
        | Edit::SetDateBasis { event, .. }
        | Edit::SetEventActors { event, .. }
        | Edit::SetTags { event, .. } => {
            event_at(dataset, *event)?;
            Step::Fields(*event)
        }
        Edit::AddCitation { event, at, .. } => {
            place(*at, event_at(dataset, *event)?.citations.len())?;
            Step::Fields(*event)
        }
        Edit::RemoveCitation { event, citation }
        | Edit::ReAnchor {
            event, citation, ..
        } => {
            let e = event_at(dataset, *event)?;
            if e.citations.get(*citation).is_none() {
                return Err(EditError::NoCitation {
                    event: e.id.clone(),
                    citation: *citation,
                });
            }
            Step::Fields(*event)
        }
        Edit::AddRelation { event, at, .. } => {
            let at = place(*at, event_at(dataset, *event)?.relations.len())?;
            Step::AddRelation { event: *event, at }
        }
        Edit::RemoveRelation { event, relation } => {
            let e = event_at(dataset, *event)?;
            if e.relations.get(*relation).is_none() {
                return Err(EditError::NoRelation {
                    event: e.id.clone(),
                    relation: *relation,
                });
            }
            Step::RemoveRelation {
                event: *event,
                at: *relation,
            }
        }
        Edit::AddSource { at, source } => {
            place(*at, dataset.sources.len())?;
            new_id(&dataset.sources, &source.id, |s| &s.id, "a source")?;
            source_step(&source.id, Change::Added)
        }
        Edit::RemoveSource { source } => {
            source_at(dataset, source)?;
            source_step(source, Change::Removed)
        }
        Edit::SetSourceInfo { source, .. } => {
            source_at(dataset, source)?;
            source_step(source, Change::Info)
        }
        Edit::ReplaceSourceText { source, .. } => {
            source_at(dataset, source)?;
            source_step(source, Change::Text)
        }
        Edit::AddLane { at, lane } => {
            place(*at, dataset.lanes.len())?;
            new_id(&dataset.lanes, &lane.id, |l| &l.id, "a lane")?;
            lane_step(&lane.id, Change::Added)
        }
        Edit::RemoveLane { lane } => {
            lane_at(dataset, lane)?;
            lane_step(lane, Change::Removed)
        }
        Edit::SetDatasetInfo { .. } => Step::Dataset,
        Edit::RenameLane { lane, .. } | Edit::RecolourLane { lane, .. } => {
            lane_at(dataset, lane)?;
            lane_step(lane, Change::Info)
        }
        Edit::MoveLane { lane, to } => {
            lane_at(dataset, lane)?;
            place(Some(*to), dataset.lanes.len().saturating_sub(1))?;
            lane_step(lane, Change::Moved)
        }
        Edit::AddActor { at, actor } => {
            place(*at, dataset.actors.len())?;
            new_id(&dataset.actors, &actor.id, |a| &a.id, "an actor")?;
            actor_step(&actor.id, Change::Added)
        }
        Edit::RemoveActor { actor } => {
            actor_at(dataset, actor)?;
            actor_step(actor, Change::Removed)
        }
        Edit::RenameActor { actor, .. } | Edit::SetActorRole { actor, .. } => {
            actor_at(dataset, actor)?;
            actor_step(actor, Change::Info)
        }
        Edit::MoveActor { actor, to } => {
            actor_at(dataset, actor)?;
            place(Some(*to), dataset.actors.len().saturating_sub(1))?;
            actor_step(actor, Change::Moved)
        }
        // Compound edits are taken apart before they get here.
        Edit::Batch(_)
        | Edit::MergeActor { .. }
        | Edit::RenameEvent { .. }
        | Edit::AddEventActor { .. }
        | Edit::RemoveEventActor { .. }
        | Edit::AddTag { .. }
        | Edit::RemoveTag { .. } => return Err(EditError::NotSimple),
    })
}

/// Makes a checked simple edit and returns its inverse.
fn perform(dataset: &mut Dataset, edit: Edit) -> Result<Edit, EditError> {
    Ok(match edit {
        Edit::AddEvent { at, event } => {
            let at = at.unwrap_or(dataset.events.len());
            dataset.events.insert(at, Arc::new(*event));
            Edit::DeleteEvent {
                event: at,
                remove_incoming: false,
            }
        }
        Edit::DeleteEvent { event, .. } => {
            let removed = dataset.events.remove(event_index(dataset, event)?);
            Edit::AddEvent {
                at: Some(event),
                event: Box::new(Arc::unwrap_or_clone(removed)),
            }
        }
        Edit::SetTitle { event, title } => {
            let title = std::mem::replace(&mut event_mut(dataset, event)?.title, title);
            Edit::SetTitle { event, title }
        }
        Edit::SetEventId { event, id } => {
            let id = std::mem::replace(&mut event_mut(dataset, event)?.id, id);
            Edit::SetEventId { event, id }
        }
        Edit::SetSummary { event, summary } => {
            let summary = std::mem::replace(&mut event_mut(dataset, event)?.summary, summary);
            Edit::SetSummary { event, summary }
        }
        Edit::SetKind { event, kind } => {
            let kind = std::mem::replace(&mut event_mut(dataset, event)?.kind, kind);
            Edit::SetKind { event, kind }
        }
        Edit::SetLane { event, lane } => {
            let lane = std::mem::replace(&mut event_mut(dataset, event)?.lane, lane);
            Edit::SetLane { event, lane }
        }
        Edit::SetDate { event, dates } => {
            let e = event_mut(dataset, event)?;
            let old = EventDates::of(e);
            dates.put(e);
            Edit::SetDate { event, dates: old }
        }
        Edit::SetDateBasis { event, basis } => {
            let basis = std::mem::replace(&mut event_mut(dataset, event)?.date_basis, basis);
            Edit::SetDateBasis { event, basis }
        }
        Edit::SetEventActors { event, actors } => {
            let actors = std::mem::replace(&mut event_mut(dataset, event)?.actors, actors);
            Edit::SetEventActors { event, actors }
        }
        Edit::SetTags { event, tags } => {
            let tags = std::mem::replace(&mut event_mut(dataset, event)?.tags, tags);
            Edit::SetTags { event, tags }
        }
        Edit::AddCitation {
            event,
            at,
            citation,
        } => {
            let citations = &mut event_mut(dataset, event)?.citations;
            let at = at.unwrap_or(citations.len());
            citations.insert(at, citation);
            Edit::RemoveCitation {
                event,
                citation: at,
            }
        }
        Edit::RemoveCitation { event, citation } => {
            let citations = &mut event_mut(dataset, event)?.citations;
            let removed = citations.remove(citation.min(citations.len().saturating_sub(1)));
            Edit::AddCitation {
                event,
                at: Some(citation),
                citation: removed,
            }
        }
        Edit::ReAnchor {
            event,
            citation,
            quote,
        } => {
            let cited = event_mut(dataset, event)?
                .citations
                .get_mut(citation)
                .ok_or(EditError::OutOfRange {
                    at: citation,
                    len: 0,
                })?;
            let quote = std::mem::replace(&mut cited.quote, quote);
            Edit::ReAnchor {
                event,
                citation,
                quote,
            }
        }
        Edit::AddRelation {
            event,
            at,
            relation,
        } => {
            let relations = &mut event_mut(dataset, event)?.relations;
            let at = at.unwrap_or(relations.len());
            relations.insert(at, relation);
            Edit::RemoveRelation {
                event,
                relation: at,
            }
        }
        Edit::RemoveRelation { event, relation } => {
            let relations = &mut event_mut(dataset, event)?.relations;
            let removed = relations.remove(relation.min(relations.len().saturating_sub(1)));
            Edit::AddRelation {
                event,
                at: Some(relation),
                relation: removed,
            }
        }
        Edit::AddSource { at, source } => {
            let at = at.unwrap_or(dataset.sources.len());
            let id = source.id.as_str().into();
            dataset.sources.insert(at, *source);
            Edit::RemoveSource { source: id }
        }
        Edit::RemoveSource { source } => {
            let at = source_at(dataset, &source)?;
            let removed = dataset.sources.remove(at);
            Edit::AddSource {
                at: Some(at),
                source: Box::new(removed),
            }
        }
        Edit::SetSourceInfo { source, info } => {
            let at = source_at(dataset, &source)?;
            let cited = dataset
                .sources
                .get_mut(at)
                .ok_or_else(|| EditError::NoSource(source.to_string()))?;
            let old = SourceInfo::of(cited);
            info.put(cited);
            Edit::SetSourceInfo { source, info: old }
        }
        Edit::ReplaceSourceText {
            source,
            text,
            sha256,
        } => {
            let at = source_at(dataset, &source)?;
            let cited = dataset
                .sources
                .get_mut(at)
                .ok_or_else(|| EditError::NoSource(source.to_string()))?;
            let text = std::mem::replace(&mut cited.text, text);
            let sha256 = std::mem::replace(&mut cited.sha256, sha256);
            Edit::ReplaceSourceText {
                source,
                text,
                sha256,
            }
        }
        Edit::AddLane { at, lane } => {
            let at = at.unwrap_or(dataset.lanes.len());
            let id = lane.id.as_str().into();
            dataset.lanes.insert(at, lane);
            Edit::RemoveLane { lane: id }
        }
        Edit::RemoveLane { lane } => {
            let at = lane_at(dataset, &lane)?;
            let removed = dataset.lanes.remove(at);
            Edit::AddLane {
                at: Some(at),
                lane: removed,
            }
        }
        Edit::SetDatasetInfo { title, description } => Edit::SetDatasetInfo {
            title: std::mem::replace(&mut dataset.title, title),
            description: std::mem::replace(&mut dataset.description, description),
        },
        Edit::RenameLane { lane, label } => {
            let label = std::mem::replace(&mut lane_mut(dataset, &lane)?.label, label);
            Edit::RenameLane { lane, label }
        }
        Edit::RecolourLane { lane, color } => {
            let color = std::mem::replace(&mut lane_mut(dataset, &lane)?.color, color);
            Edit::RecolourLane { lane, color }
        }
        Edit::MoveLane { lane, to } => {
            let from = lane_at(dataset, &lane)?;
            let moved = dataset.lanes.remove(from);
            dataset.lanes.insert(to.min(dataset.lanes.len()), moved);
            Edit::MoveLane { lane, to: from }
        }
        Edit::AddActor { at, actor } => {
            let at = at.unwrap_or(dataset.actors.len());
            let id = actor.id.as_str().into();
            dataset.actors.insert(at, actor);
            Edit::RemoveActor { actor: id }
        }
        Edit::RemoveActor { actor } => {
            let at = actor_at(dataset, &actor)?;
            let removed = dataset.actors.remove(at);
            Edit::AddActor {
                at: Some(at),
                actor: removed,
            }
        }
        Edit::RenameActor { actor, name } => {
            let name = std::mem::replace(&mut actor_mut(dataset, &actor)?.name, name);
            Edit::RenameActor { actor, name }
        }
        Edit::SetActorRole { actor, role } => {
            let role = std::mem::replace(&mut actor_mut(dataset, &actor)?.role, role);
            Edit::SetActorRole { actor, role }
        }
        Edit::MoveActor { actor, to } => {
            let from = actor_at(dataset, &actor)?;
            let moved = dataset.actors.remove(from);
            dataset.actors.insert(to.min(dataset.actors.len()), moved);
            Edit::MoveActor { actor, to: from }
        }
        Edit::Batch(_)
        | Edit::MergeActor { .. }
        | Edit::RenameEvent { .. }
        | Edit::AddEventActor { .. }
        | Edit::RemoveEventActor { .. }
        | Edit::AddTag { .. }
        | Edit::RemoveTag { .. } => return Err(EditError::NotSimple),
    })
}

/// Where an item goes in a list of `len`: `at`, or the end.
fn place(at: Option<usize>, len: usize) -> Result<usize, EditError> {
    match at {
        None => Ok(len),
        Some(at) if at <= len => Ok(at),
        Some(at) => Err(EditError::OutOfRange { at, len }),
    }
}

fn taken(what: &'static str, id: &str) -> EditError {
    EditError::IdTaken {
        what,
        id: id.to_owned(),
    }
}

/// Checks that `id` may name a new item of `items`.
fn new_id<T>(
    items: &[T],
    id: &str,
    id_of: impl Fn(&T) -> &String,
    what: &'static str,
) -> Result<(), EditError> {
    if id.is_empty() {
        return Err(EditError::EmptyId);
    }
    if items.iter().any(|item| id_of(item) == id) {
        return Err(taken(what, id));
    }
    Ok(())
}

/// The first of `items` with `id`.
fn position<T>(items: &[T], id: &str, id_of: impl Fn(&T) -> &String) -> Option<usize> {
    items.iter().position(|item| id_of(item) == id)
}

fn event_at(dataset: &Dataset, event: usize) -> Result<&Event, EditError> {
    dataset
        .events
        .get(event)
        .map(|e| &**e)
        .ok_or(EditError::NoEvent(event))
}

fn event_index(dataset: &Dataset, event: usize) -> Result<usize, EditError> {
    event_at(dataset, event).map(|_| event)
}

fn event_mut(dataset: &mut Dataset, event: usize) -> Result<&mut Event, EditError> {
    dataset
        .events
        .get_mut(event)
        .map(Arc::make_mut)
        .ok_or(EditError::NoEvent(event))
}

pub(crate) fn source_at(dataset: &Dataset, id: &str) -> Result<usize, EditError> {
    position(&dataset.sources, id, |s| &s.id).ok_or_else(|| EditError::NoSource(id.to_owned()))
}

fn lane_at(dataset: &Dataset, id: &str) -> Result<usize, EditError> {
    position(&dataset.lanes, id, |l| &l.id).ok_or_else(|| EditError::NoLane(id.to_owned()))
}

fn actor_at(dataset: &Dataset, id: &str) -> Result<usize, EditError> {
    position(&dataset.actors, id, |a| &a.id).ok_or_else(|| EditError::NoActor(id.to_owned()))
}

fn lane_mut<'d>(
    dataset: &'d mut Dataset,
    id: &str,
) -> Result<&'d mut crate::model::Lane, EditError> {
    let at = lane_at(dataset, id)?;
    dataset
        .lanes
        .get_mut(at)
        .ok_or_else(|| EditError::NoLane(id.to_owned()))
}

fn actor_mut<'d>(
    dataset: &'d mut Dataset,
    id: &str,
) -> Result<&'d mut crate::model::Actor, EditError> {
    let at = actor_at(dataset, id)?;
    dataset
        .actors
        .get_mut(at)
        .ok_or_else(|| EditError::NoActor(id.to_owned()))
}

fn source_step(id: &str, change: Change) -> Step {
    Step::Source {
        id: id.into(),
        change,
    }
}

fn lane_step(id: &str, change: Change) -> Step {
    Step::Lane {
        id: id.into(),
        change,
    }
}

fn actor_step(id: &str, change: Change) -> Step {
    Step::Actor {
        id: id.into(),
        change,
    }
}
