//! Which events point at an event: asked before deleting it.

use crate::model::Dataset;

/// Relations of other events that point at event `event`, as `(event, relation)` in file order.
/// A relation points at the first event with its target id, so a later event that repeats an id
/// has none.
pub fn incoming_relations(dataset: &Dataset, event: usize) -> Vec<(usize, usize)> {
    let mut pointing = relations_to(dataset, event);
    pointing.retain(|&(from, _)| from != event);
    pointing
}

/// [`incoming_relations`] and the event's relations to itself.
pub(crate) fn relations_to(dataset: &Dataset, event: usize) -> Vec<(usize, usize)> {
    let Some(target) = dataset.events.get(event) else {
        return Vec::new();
    };
    let id = target.id.as_str();
    if dataset.events.iter().position(|e| e.id == id) != Some(event) {
        return Vec::new();
    }
    dataset
        .events
        .iter()
        .enumerate()
        .flat_map(|(from, e)| {
            e.relations
                .iter()
                .enumerate()
                .filter(|(_, r)| r.target == id)
                .map(move |(r, _)| (from, r))
        })
        .collect()
}
