//! Fixing a ✘: **Show in source** opens a citation at its nearest passage, and **Use the source's
//! words** re-anchors the citation there, with a selector that is unique in its source.

use super::edits::Edit;
use super::nearest::{Nearest, nearest_passage};
use super::selector::selector_from_selection;
use crate::model::Dataset;

/// The passage of its source nearest citation `citation` of event `event`, with the source's
/// text; `None` when the citation, its source or its text is missing, or nothing is near.
pub fn nearest_for_citation(
    dataset: &Dataset,
    event: usize,
    citation: usize,
) -> Option<(Nearest, &str)> {
    let cited = dataset.events.get(event)?.citations.get(citation)?;
    let text = dataset.source(&cited.source)?.text.as_deref()?;
    Some((nearest_passage(text, &cited.quote)?, text))
}

/// The edit that replaces a citation's quote with the words of its nearest passage, as a
/// selector unique in its source (one click, and the quote is ✔). `None` as for
/// [`nearest_for_citation`], or when the quote is already the source's words there.
pub fn use_source_words(dataset: &Dataset, event: usize, citation: usize) -> Option<Edit> {
    let (nearest, text) = nearest_for_citation(dataset, event, citation)?;
    let selected = selector_from_selection(text, nearest.range).ok()?;
    let current = &dataset.events.get(event)?.citations.get(citation)?.quote;
    (selected.quote != *current).then_some(Edit::ReAnchor {
        event,
        citation,
        quote: selected.quote,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Citation, EventKind, Quote, QuoteMatch, Source, locate_quote, test_event};

    #[test]
    fn the_source_s_words_replace_a_quote_with_a_straight_apostrophe() {
        let text = "He said: “It’s over.” Later: “It’s over.” Then he left.";
        let mut event = test_event("e", EventKind::Statement, "", "2020", "Over");
        event.citations = vec![Citation {
            source: "s".into(),
            quote: Quote {
                exact: "It's over.".into(),
                prefix: Some("Later: “".into()),
                suffix: None,
            },
            note: None,
        }];
        let mut dataset = Dataset {
            sources: vec![Source {
                id: "s".into(),
                title: "S".into(),
                outlet: None,
                published: None,
                url: None,
                note: None,
                text: Some(text.into()),
                text_file: None,
                sha256: None,
            }],
            events: vec![event].into_iter().map(std::sync::Arc::new).collect(),
            ..Dataset::default()
        };
        let edit = use_source_words(&dataset, 0, 0).unwrap();
        crate::edit::apply(&mut dataset, edit).unwrap();
        let quote = &dataset.events[0].citations[0].quote;
        assert_eq!(quote.exact, "It’s over.");
        // The second occurrence, as the old prefix said, picked out by the new selector.
        let second = text.rfind("It’s over.").unwrap();
        assert_eq!(
            locate_quote(text, quote),
            QuoteMatch::Found {
                start: second,
                end: second + "It’s over.".len()
            }
        );
        assert_eq!(
            use_source_words(&dataset, 0, 0),
            None,
            "nothing left to fix"
        );
        assert_eq!(use_source_words(&dataset, 0, 1), None);
    }
}
