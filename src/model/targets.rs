//! Each relation's target as an event index, resolved once for the whole dataset.

use super::Dataset;

/// The event each relation points at, in event order then relation order. Validation resolves
/// them while it checks them, so the timeline index does not look a million ids up a second time.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RelationTargets(Vec<u32>);

/// A relation whose target is not an event id (validation reports it).
const NO_EVENT: u32 = u32::MAX;

impl RelationTargets {
    /// Resolves every relation of `dataset` through a table of first occurrences of each id.
    pub fn resolve(dataset: &Dataset) -> Self {
        let first = super::id::first_positions(dataset.events.iter().map(|e| e.id.as_str()));
        let targets = dataset
            .events
            .iter()
            .flat_map(|event| &event.relations)
            .map(|relation| first.get(relation.target.as_str()).map(|&i| i as u32));
        Self::from_targets(targets)
    }

    /// From each relation's target in order (`None`: not an event).
    pub fn from_targets(targets: impl IntoIterator<Item = Option<u32>>) -> Self {
        Self(targets.into_iter().map(|t| t.unwrap_or(NO_EVENT)).collect())
    }

    /// `(from, relation)` for every relation that names no event, in order; `None` when these
    /// targets were resolved for another dataset.
    pub fn unresolved<'a>(
        &'a self,
        dataset: &'a Dataset,
    ) -> Option<impl Iterator<Item = (u32, u32)> + 'a> {
        let count: usize = dataset.events.iter().map(|e| e.relations.len()).sum();
        if count != self.0.len() {
            return None;
        }
        let relations = dataset.events.iter().enumerate().flat_map(|(from, event)| {
            (0..event.relations.len()).map(move |r| (from as u32, r as u32))
        });
        Some(
            relations
                .zip(&self.0)
                .filter(|&(_, &target)| target == NO_EVENT)
                .map(|(relation, _)| relation),
        )
    }

    /// `(from, relation, target)` for every relation that names an event; `None` when these
    /// targets were resolved for another dataset (their count differs).
    pub fn resolved<'a>(
        &'a self,
        dataset: &'a Dataset,
    ) -> Option<impl Iterator<Item = (u32, u32, u32)> + 'a> {
        let count: usize = dataset.events.iter().map(|e| e.relations.len()).sum();
        if count != self.0.len() {
            return None;
        }
        let relations = dataset.events.iter().enumerate().flat_map(|(from, event)| {
            (0..event.relations.len()).map(move |r| (from as u32, r as u32))
        });
        Some(
            relations
                .zip(&self.0)
                .filter(|&(_, &target)| target != NO_EVENT)
                .map(|((from, r), &target)| (from, r, target)),
        )
    }
}
