//! What a search or filter leaves on the timeline: the kinds of its marks, the lanes that hold
//! one, and whether any fades out. The window's legend lists only those kinds, and rows the
//! filter emptied are not drawn, as an export of the same filter draws it.

use super::filter::Matches;
use super::index::{KINDS, TimelineIndex, kind_slot};
use crate::model::Dataset;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown {
    /// By [`kind_slot`].
    pub kinds: [bool; KINDS],
    /// By lane row: whether a shown event is drawn in it.
    pub lanes: Vec<bool>,
    /// A shown event is still going as of a date (its bar fades out).
    pub open_end: bool,
}

impl Shown {
    /// What the events `matches` holds show, anywhere in time (the rows stay as the view pans).
    pub fn of(dataset: &Dataset, index: &TimelineIndex, matches: &Matches) -> Self {
        let mut shown = Self {
            kinds: [false; KINDS],
            lanes: vec![false; dataset.lanes.len()],
            open_end: false,
        };
        for e in matches.iter() {
            let Some(event) = dataset.events.get(e) else {
                continue;
            };
            if let Some(kind) = shown.kinds.get_mut(kind_slot(event.kind)) {
                *kind = true;
            }
            if let Some(lane) = index
                .lane_of_event
                .get(e)
                .and_then(|&l| shown.lanes.get_mut(l))
            {
                *lane = true;
            }
            shown.open_end |= event.ongoing_as_of.is_some() && event.end.is_none();
        }
        shown
    }

    /// Of `rows` (every lane when `None`), those holding a shown event; all of them when none
    /// does, so an empty result still shows where it would be.
    pub fn rows(&self, rows: Option<&[usize]>) -> Option<std::sync::Arc<[usize]>> {
        let all: Vec<usize> = match rows {
            Some(rows) => rows.to_vec(),
            None => (0..self.lanes.len()).collect(),
        };
        let kept: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&l| self.lanes.get(l).copied().unwrap_or(false))
            .collect();
        Some(if kept.is_empty() { all } else { kept }.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EventKind;

    #[test]
    fn a_filter_to_statements_shows_their_kind_and_their_lanes_only() {
        let data = crate::load::load_embedded().checked.unwrap().dataset;
        let index = TimelineIndex::new(&data);
        let statements = Matches::from_bits(
            data.events
                .iter()
                .map(|e| e.kind == EventKind::Statement)
                .collect(),
        );
        let shown = Shown::of(&data, &index, &statements);
        assert_eq!(
            shown.kinds,
            EventKind::ALL.map(|k| k == EventKind::Statement)
        );
        let elections = data.lanes.iter().position(|l| l.id == "elections").unwrap();
        let kremlin = data.lanes.iter().position(|l| l.id == "kremlin").unwrap();
        let rows = shown.rows(None).unwrap();
        assert!(rows.contains(&kremlin));
        assert!(!rows.contains(&elections), "{rows:?}");
        // A hidden lane stays hidden; nothing shown keeps every row asked for.
        assert!(!shown.rows(Some(&[elections])).unwrap().is_empty());
        let nothing = Shown::of(
            &data,
            &index,
            &Matches::from_bits(vec![false; data.events.len()]),
        );
        assert_eq!(nothing.rows(None).unwrap().len(), data.lanes.len());
    }
}
