//! Quotes: every citation's words found in its source's text, once per distinct quote.

use foldhash::HashMap;

use super::super::progress::Progress;
use crate::model::{Dataset, Quote, QuoteMatch, locate_quotes_until};

/// Every quote located once per source: citations of the same words in the same source share one
/// search, and all of a source's quotes are found in one pass over its text.
pub(super) struct QuotesBySource {
    /// `matches[source][slot]`: the match of each distinct quote of each source.
    matches: Vec<Vec<QuoteMatch>>,
    /// `(source, slot)` of every citation, in event and citation order; `None` where the
    /// citation's source is unknown or has no text.
    located: Vec<Option<(u32, u32)>>,
    /// Where each event's citations start in `located` (one more entry than events).
    citation_start: Vec<usize>,
}

impl QuotesBySource {
    pub(super) fn locate(
        dataset: &Dataset,
        source_index: &HashMap<&str, usize>,
        progress: &Progress,
    ) -> Self {
        let mut distinct: Vec<(Vec<&Quote>, HashMap<&Quote, usize>)> =
            dataset.sources.iter().map(|_| Default::default()).collect();
        let mut citation_start = Vec::with_capacity(dataset.events.len() + 1);
        let mut located = Vec::new();
        for event in &dataset.events {
            citation_start.push(located.len());
            for citation in &event.citations {
                let source = source_index
                    .get(citation.source.as_str())
                    .copied()
                    .filter(|&s| dataset.sources.get(s).is_some_and(|s| s.text.is_some()));
                let slot = source.and_then(|source| {
                    let (quotes, slots) = distinct.get_mut(source)?;
                    let slot = *slots.entry(&citation.quote).or_insert_with(|| {
                        quotes.push(&citation.quote);
                        quotes.len() - 1
                    });
                    Some((source as u32, slot as u32))
                });
                located.push(slot);
            }
        }
        citation_start.push(located.len());
        let matches = dataset
            .sources
            .iter()
            .zip(&distinct)
            .map(|(source, (quotes, _))| match &source.text {
                Some(text) if !quotes.is_empty() => {
                    locate_quotes_until(text, quotes, &|| progress.is_cancelled())
                }
                _ => Vec::new(),
            })
            .collect();
        Self {
            matches,
            located,
            citation_start,
        }
    }

    /// The match of citation `citation` of event `event`.
    pub(super) fn found(&self, event: usize, citation: usize) -> QuoteMatch {
        self.citation_start
            .get(event)
            .and_then(|&start| *self.located.get(start + citation)?)
            .and_then(|(source, slot)| {
                let matches = self.matches.get(source as usize)?;
                matches.get(slot as usize).copied()
            })
            .unwrap_or(QuoteMatch::NotFound)
    }
}
