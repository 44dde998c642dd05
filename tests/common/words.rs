//! The searchable-words oracle: what the tests expect a search to look through, worked out here
//! rather than by the code under test.

use std::fmt::Write as _;

use claimline::model::{Dataset, Event};

/// Everything a search looks through for `event`, in lower case: title, summary, tags, actors
/// (ids and names), quotes and the titles of the sources they cite.
pub fn searchable_words(data: &Dataset, event: &Event) -> String {
    let mut words = format!("{} {:?} {:?}", event.title, event.summary, event.tags);
    for a in &event.actors {
        let _ = write!(words, " {a} {:?}", data.actor(a).map(|a| &a.name));
    }
    for c in &event.citations {
        let _ = write!(
            words,
            " {} {:?}",
            c.quote.exact,
            data.source(&c.source).map(|s| &s.title)
        );
    }
    words.to_lowercase()
}
