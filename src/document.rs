//! An open dataset with everything the views need: its checked quotes, its index and its report.

use crate::load::{self, Origin, Outcome, Report};
use crate::model::{Dataset, QuoteMatch};
use crate::timeline::{TimelineIndex, ViewLimits};

/// A dataset as the app holds it. Replaced whole on a successful load, never patched.
pub struct Document {
    pub dataset: Dataset,
    /// `quotes[event][citation]`: where each quote was found in its source.
    pub quotes: Vec<Vec<QuoteMatch>>,
    pub index: TimelineIndex,
    pub origin: Origin,
    pub report: Report,
    pub limits: ViewLimits,
}

impl Document {
    /// Builds a document from a load, or hands back the report when no dataset could be built.
    pub fn from_outcome(outcome: Outcome) -> Result<Self, Report> {
        let Outcome {
            origin,
            report,
            checked,
        } = outcome;
        let Some(checked) = checked else {
            return Err(report);
        };
        let index = TimelineIndex::new(&checked.dataset);
        let limits = ViewLimits::around(checked.dataset.time_extent_days());
        Ok(Self {
            dataset: checked.dataset,
            quotes: checked.quotes,
            index,
            origin,
            report,
            limits,
        })
    }

    /// The seed dataset compiled into the binary (an empty dataset if the build embedded a broken one,
    /// which the seed tests rule out).
    pub fn embedded() -> Self {
        Self::from_outcome(load::load_embedded()).unwrap_or_else(|report| Self {
            dataset: Dataset::default(),
            quotes: Vec::new(),
            index: TimelineIndex::default(),
            origin: Origin::Embedded,
            report,
            limits: ViewLimits::around(None),
        })
    }

    /// The quote check of one citation.
    pub fn quote(&self, event: usize, citation: usize) -> QuoteMatch {
        self.quotes
            .get(event)
            .and_then(|q| q.get(citation))
            .copied()
            .unwrap_or(QuoteMatch::NotFound)
    }

    /// Quotes found verbatim, and quotes not found. Citations without words (a media link) are
    /// neither.
    pub fn quote_counts(&self) -> (usize, usize) {
        let claimed = self
            .dataset
            .events
            .iter()
            .zip(&self.quotes)
            .flat_map(|(event, quotes)| {
                event
                    .citations
                    .iter()
                    .zip(quotes)
                    .filter(|(c, _)| !c.quote.exact.is_empty())
                    .map(|(_, q)| *q)
            });
        claimed.fold((0, 0), |(found, missing), q| {
            if q.is_verified() {
                (found + 1, missing)
            } else {
                (found, missing + 1)
            }
        })
    }
}
