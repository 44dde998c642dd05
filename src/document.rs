//! An open dataset with everything the views need: its checked quotes, its index and its report.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::load::{self, FindingGroup, Origin, Outcome, Progress, Report, Stage};
use crate::model::{Dataset, QuoteMatch, QuoteMatches};
use crate::timeline::{SearchIndex, TimelineIndex, ViewLimits};

/// A dataset as the app holds it. Replaced whole on a successful load, never patched.
pub struct Document {
    pub dataset: Dataset,
    /// `quotes.of(event)[citation]`: where each quote was found in its source.
    pub quotes: QuoteMatches,
    pub index: TimelineIndex,
    pub origin: Origin,
    /// Shared with the findings window, which may hold a million findings: never copied.
    pub report: Arc<Report>,
    /// The report's findings grouped by kind, made once with the document (off the UI thread).
    pub finding_groups: Arc<Vec<FindingGroup>>,
    pub limits: ViewLimits,
    /// The span of time the events cover, which `limits` are made around. Edits widen it; it is
    /// measured afresh when the file is opened again.
    extent: Option<(f64, f64)>,
    /// Hex SHA-256 of the bytes loaded, for export provenance (the file may have changed since).
    pub sha256: String,
    /// Every event's words folded for search, made once with the document (off the UI thread).
    pub search: SearchIndex,
    /// Every tag the events use, sorted, once: the filter menu offers them.
    pub tags: Vec<String>,
    /// `(verified, not found)`, counted once: the status bar shows it every frame.
    quote_counts: (usize, usize),
    error_count: usize,
    warning_count: usize,
}

impl Document {
    /// Builds a document from a load, or hands back the report when no dataset could be built.
    pub fn from_outcome(outcome: Outcome) -> Result<Self, Report> {
        Self::from_outcome_with(outcome, &Progress::default())
    }

    /// [`Self::from_outcome`], reporting the indexing to `progress`.
    pub fn from_outcome_with(outcome: Outcome, progress: &Progress) -> Result<Self, Report> {
        let Outcome {
            origin,
            report,
            checked,
            sha256,
        } = outcome;
        let Some(checked) = checked else {
            return Err(report);
        };
        progress.begin(Stage::Indexing, 1);
        // Each is half a second at a million events, and each alone leaves a core idle.
        let ((index, search), groups) = rayon::join(
            || {
                rayon::join(
                    || TimelineIndex::with_targets(&checked.dataset, &checked.targets),
                    || SearchIndex::new(&checked.dataset),
                )
            },
            || report.groups(),
        );
        let extent = checked.dataset.time_extent_days();
        // With no event yet the axis shows the year up to today, not 1970 (day zero).
        let limits = ViewLimits::around(extent.or_else(|| {
            let today = crate::model::Date::today().start_days();
            Some((today - 365.0, today))
        }));
        let tags = distinct_tags(&checked.dataset);
        let mut doc = Self {
            dataset: checked.dataset,
            quotes: checked.quotes,
            index,
            origin,
            finding_groups: Arc::new(groups),
            error_count: report.error_count(),
            warning_count: report.warning_count(),
            report: Arc::new(report),
            limits,
            extent,
            sha256,
            search,
            tags,
            quote_counts: (0, 0),
        };
        doc.quote_counts = doc.count_quotes();
        progress.advance(1);
        Ok(doc)
    }

    /// The seed dataset compiled into the binary (an empty dataset if the build embedded a broken one,
    /// which the seed tests rule out).
    pub fn embedded() -> Self {
        Self::from_outcome(load::load_embedded()).unwrap_or_else(|report| Self {
            dataset: Dataset::default(),
            quotes: QuoteMatches::default(),
            index: TimelineIndex::default(),
            origin: Origin::Embedded,
            finding_groups: Arc::new(report.groups()),
            error_count: report.error_count(),
            warning_count: report.warning_count(),
            report: Arc::new(report),
            limits: ViewLimits::around(None),
            extent: None,
            sha256: String::new(),
            search: SearchIndex::default(),
            tags: Vec::new(),
            quote_counts: (0, 0),
        })
    }

    /// File ▸ New: an empty `claimline/1` dataset with no file yet.
    pub fn untitled() -> Self {
        // A row for each kind of event from the start, so the first event has its row.
        let lanes = crate::model::EventKind::ALL
            .iter()
            .map(|k| crate::model::Lane {
                id: k.id().to_owned(),
                label: k.label().to_owned(),
                color: None,
            })
            .collect();
        let dataset = Dataset {
            format: "claimline/1".to_owned(),
            title: "Untitled record".to_owned(),
            lanes,
            ..Dataset::default()
        };
        let outcome = Outcome {
            origin: Origin::Untitled,
            report: Report::new(Origin::Untitled.display_name()),
            checked: Some(load::validate::Checked {
                dataset,
                quotes: QuoteMatches::default(),
                targets: crate::model::RelationTargets::default(),
            }),
            sha256: String::new(),
        };
        // An empty dataset always builds; the fallback is never taken.
        Self::from_outcome(outcome).unwrap_or_else(|_| Self::embedded())
    }

    /// After an edit changed `dataset`, `quotes` and `index` in place (see `edit::Live`): the
    /// findings take `update` when `findings_change`, and what is derived from the dataset
    /// follows. Only the events the
    /// edit `touched` (numbered as after it) are folded for search again, or, when it added or
    /// removed events (`renumbered`), those from the first touched on: one edit in a million
    /// events costs milliseconds, not a rebuild.
    pub fn follow_edit(
        &mut self,
        touched: &[usize],
        renumbered: bool,
        quote_counts: Option<[(usize, usize); 2]>,
        findings_change: bool,
        update: impl FnOnce(&mut Vec<load::Finding>),
    ) {
        // Most edits leave the findings as they were: the report is then neither copied from the
        // findings window that shares it nor grouped again.
        if findings_change {
            let report = Arc::make_mut(&mut self.report);
            update(&mut report.findings);
            self.error_count = report.error_count();
            self.warning_count = report.warning_count();
            self.finding_groups = Arc::new(report.groups());
        }
        self.search.refresh(&self.dataset, touched, renumbered);
        if renumbered {
            self.tags = distinct_tags(&self.dataset);
        } else {
            // New tags join the list; one taken away goes in `forget_unused_tags`.
            for event in touched.iter().filter_map(|&e| self.dataset.events.get(e)) {
                for tag in &event.tags {
                    if let Err(at) = self.tags.binary_search_by(|t| t.as_str().cmp(tag.as_str())) {
                        self.tags.insert(at, tag.as_str().to_owned());
                    }
                }
            }
        }
        // The view may reach every touched event; a pass over a million dates per keystroke is
        // what this saves, at the cost of limits that do not shrink until the file is reopened.
        let widened = touched
            .iter()
            .filter_map(|&e| self.dataset.events.get(e))
            .fold(self.extent, |extent, e| {
                let (lo, hi) = (e.earliest_days(), e.latest_days());
                Some(extent.map_or((lo, hi), |(a, b)| (a.min(lo), b.max(hi))))
            });
        if widened != self.extent {
            self.extent = widened;
            self.limits = ViewLimits::around(widened);
        }
        self.quote_counts = match quote_counts {
            // The touched events' counts before and after: no pass over a million events.
            Some([(found_before, missing_before), (found, missing)]) => (
                (self.quote_counts.0 + found).saturating_sub(found_before),
                (self.quote_counts.1 + missing).saturating_sub(missing_before),
            ),
            None => self.count_quotes(),
        };
    }

    /// Stops offering those of `tags` that no event has any more (one pass over the events, made
    /// only after an edit took a tag away).
    pub fn forget_unused_tags(&mut self, tags: &[&str]) {
        let unused: Vec<&str> = tags
            .iter()
            .copied()
            .filter(|tag| {
                !self
                    .dataset
                    .events
                    .iter()
                    .any(|e| e.tags.iter().any(|t| t.as_str() == *tag))
            })
            .collect();
        self.tags.retain(|t| !unused.contains(&t.as_str()));
    }

    /// The quote check of one citation.
    pub fn quote(&self, event: usize, citation: usize) -> QuoteMatch {
        self.quotes
            .of(event)
            .get(citation)
            .copied()
            .unwrap_or(QuoteMatch::NotFound)
    }

    /// Quotes found verbatim, and quotes not found. Citations without words (a media link) are
    /// neither.
    pub fn quote_counts(&self) -> (usize, usize) {
        self.quote_counts
    }

    /// Errors and warnings of the load, counted once.
    pub fn finding_counts(&self) -> (usize, usize) {
        (self.error_count, self.warning_count)
    }

    fn count_quotes(&self) -> (usize, usize) {
        self.quotes.counts(&self.dataset.events)
    }
}

/// Where File ▸ Save writes a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveTarget {
    /// Save writes over this `claimline/1` file (keeping the previous version as its backup).
    Overwrite(PathBuf),
    /// There is no `claimline/1` file to write back to: Save asks where, as Save As does.
    SaveAs {
        reason: SaveAsReason,
        /// A path to offer in the dialog, beside the original (none for the embedded seed).
        suggested: Option<PathBuf>,
    },
}

/// Why a document needs Save As.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveAsReason {
    /// The seed dataset compiled into the binary (or a new dataset with no file yet).
    Embedded,
    /// Imported from another format (`TimelineJS3 JSON`, `CSV`): it is saved as a new
    /// `claimline/1` file, never written back over the original in another format.
    Imported(String),
}

impl Document {
    /// Where File ▸ Save writes this document, or why it needs a path first.
    pub fn save_target(&self) -> SaveTarget {
        match (&self.origin, &self.dataset.kept.imported) {
            (Origin::File(path), None) => SaveTarget::Overwrite(path.clone()),
            (Origin::File(path), Some(format)) => SaveTarget::SaveAs {
                reason: SaveAsReason::Imported(format.clone()),
                suggested: Some(converted_name(path)),
            },
            (Origin::Embedded | Origin::Untitled, _) => SaveTarget::SaveAs {
                reason: SaveAsReason::Embedded,
                suggested: None,
            },
        }
    }

    /// Records a save of this document (to the path saved, now its file): its new provenance hash,
    /// new source text files, and that it is `claimline/1` from now on.
    pub fn mark_saved(&mut self, saved: &crate::save::Saved) {
        saved.apply_to(&mut self.dataset);
        self.origin = Origin::File(saved.path.clone());
        self.sha256.clone_from(&saved.sha256);
    }
}

/// `NAME.json` beside an imported `path`: `timeline.csv` → `timeline.json`, and a JSON import
/// (`timeline.json` in `TimelineJS` form) → `timeline.claimline.json`, never its own name.
pub fn converted_name(path: &Path) -> PathBuf {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if is_json {
        path.with_file_name(format!("{stem}.claimline.json"))
    } else {
        path.with_file_name(format!("{stem}.json"))
    }
}

/// The tags of `dataset`, each once, sorted; made with the document, off the UI thread.
fn distinct_tags(dataset: &Dataset) -> Vec<String> {
    let tags: std::collections::BTreeSet<&str> = dataset
        .events
        .iter()
        .flat_map(|e| &e.tags)
        .map(crate::model::Id::as_str)
        .collect();
    tags.into_iter().map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_dataset_shows_the_year_up_to_today_not_1970() {
        let doc = Document::untitled();
        let today = crate::model::Date::today().start_days();
        assert!(doc.limits.min_days < today - 300.0 && doc.limits.max_days > today);
        assert!(doc.limits.max_span_days() < 2.0 * 365.0);
    }

    /// The counts follow each edit by the touched events' change; a full count agrees.
    #[test]
    fn quote_counts_kept_up_by_each_edit_agree_with_a_full_count() {
        use crate::edit::{Edit, History, Live};
        let mut doc = Document::embedded();
        let cited = (0..doc.dataset.events.len())
            .find(|&e| doc.dataset.events[e].citations.len() >= 2)
            .unwrap();
        let source = doc.dataset.events[cited].citations[0].source.clone();
        let text = doc.dataset.source(&source).unwrap().text.clone().unwrap();
        let edits = [
            Edit::SetTitle {
                event: cited,
                title: "Retitled".into(),
            },
            Edit::RemoveCitation {
                event: cited,
                citation: 0,
            },
            // Every quote of that source breaks but those of its first half.
            Edit::replace_source_text(source.as_str(), text[..text.len() / 2].to_owned()),
            Edit::DeleteEvent {
                event: cited,
                remove_incoming: true,
            },
        ];
        let mut history = History::new();
        let full = |doc: &Document| doc.quotes.counts(&doc.dataset.events);
        let start = doc.quote_counts();
        assert_eq!(start, full(&doc));
        for edit in edits {
            let mut live = Live {
                dataset: &mut doc.dataset,
                quotes: &mut doc.quotes,
                index: &mut doc.index,
            };
            let committed = history
                .apply(&mut live, edit, None, std::time::Instant::now())
                .unwrap();
            committed.follow_in(&mut doc);
            assert_eq!(doc.quote_counts(), full(&doc));
        }
        assert_ne!(doc.quote_counts(), start, "the edits changed the counts");
        while let Some(undone) = {
            let mut live = Live {
                dataset: &mut doc.dataset,
                quotes: &mut doc.quotes,
                index: &mut doc.index,
            };
            history.undo(&mut live)
        } {
            undone.unwrap().follow_in(&mut doc);
            assert_eq!(doc.quote_counts(), full(&doc));
        }
        assert_eq!(doc.quote_counts(), start);
    }

    #[test]
    fn a_tag_no_event_has_any_more_leaves_the_filter_menu_and_comes_back_with_undo() {
        let mut doc = Document::embedded();
        let tagged: Vec<usize> = (0..doc.dataset.events.len())
            .filter(|&e| {
                doc.dataset.events[e]
                    .tags
                    .iter()
                    .any(|t| t.as_str() == "2020")
            })
            .collect();
        assert!(!tagged.is_empty() && doc.tags.iter().any(|t| t == "2020"));
        let mut history = crate::edit::History::new();
        for (n, &event) in tagged.iter().enumerate() {
            let mut live = crate::edit::Live {
                dataset: &mut doc.dataset,
                quotes: &mut doc.quotes,
                index: &mut doc.index,
            };
            let edit = crate::edit::Edit::RemoveTag {
                event,
                tag: "2020".into(),
            };
            let committed = history
                .apply(&mut live, edit, None, std::time::Instant::now())
                .unwrap();
            committed.follow_in(&mut doc);
            let last = n + 1 == tagged.len();
            assert_eq!(doc.tags.iter().any(|t| t == "2020"), !last, "after {n}");
        }
        let mut live = crate::edit::Live {
            dataset: &mut doc.dataset,
            quotes: &mut doc.quotes,
            index: &mut doc.index,
        };
        history
            .undo(&mut live)
            .unwrap()
            .unwrap()
            .follow_in(&mut doc);
        assert!(doc.tags.iter().any(|t| t == "2020"));
    }
}
