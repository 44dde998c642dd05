//! What the `TimelineJS` and CSV importers share: ids made up for rows without one, and one
//! source per distinct link, so both formats name things the same way.

use std::collections::{HashMap, HashSet};

use crate::model::Source;

/// Ids given in the file and made up so far, so a made-up id never repeats one.
pub struct UniqueIds(HashSet<String>);

impl UniqueIds {
    /// Starts from the ids the file gives itself (blank ones are left out).
    pub fn new(given: impl IntoIterator<Item = String>) -> Self {
        Self(given.into_iter().filter(|id| !id.is_empty()).collect())
    }

    /// `prefix-n`, or `prefix-n-2`, `prefix-n-3`, … when that is taken.
    pub fn make(&mut self, prefix: &str, n: usize) -> String {
        let mut id = format!("{prefix}-{n}");
        let mut k = 2;
        while self.0.contains(&id) {
            id = format!("{prefix}-{n}-{k}");
            k += 1;
        }
        self.0.insert(id.clone());
        id
    }
}

/// The sources an import makes, one per distinct key (a link, or a title for sources without
/// one), found by hash rather than a scan per row, so a table of 100,000 rows is not quadratic.
#[derive(Default)]
pub struct SourcesByKey {
    pub sources: Vec<Source>,
    /// The path each source was made from, for its findings' places.
    pub paths: Vec<String>,
    ids: HashMap<String, usize>,
}

impl SourcesByKey {
    /// The id of the source for `key`, made by `make` (given the new source's 1-based number) on
    /// first use.
    pub fn id_for(
        &mut self,
        key: &str,
        path: impl FnOnce() -> String,
        make: impl FnOnce(usize) -> Source,
    ) -> String {
        let index = self.index_for(key, path, make);
        self.sources
            .get(index)
            .map(|s| s.id.clone())
            .unwrap_or_default()
    }

    /// [`Self::id_for`], giving the source's index in [`Self::sources`].
    pub fn index_for(
        &mut self,
        key: &str,
        path: impl FnOnce() -> String,
        make: impl FnOnce(usize) -> Source,
    ) -> usize {
        if let Some(&index) = self.ids.get(key) {
            return index;
        }
        let index = self.sources.len();
        self.sources.push(make(index + 1));
        self.paths.push(path());
        self.ids.insert(key.to_owned(), index);
        index
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_up_ids_never_repeat_given_or_earlier_ones() {
        let mut ids = UniqueIds::new(["event-1".to_owned(), String::new()]);
        assert_eq!(ids.make("event", 1), "event-1-2");
        assert_eq!(ids.make("event", 1), "event-1-3");
        assert_eq!(ids.make("event", 2), "event-2");
    }
}
