//! Searching off the UI thread. A search that matches most of a million events takes tens of
//! milliseconds, longer than a frame: it runs on its own thread, so a keystroke only starts it.
//!
//! The newest query wins. One search runs at a time; a query typed meanwhile waits for it (only the
//! latest waiting one is kept), and a result for a query that has since changed is dropped. Small
//! datasets are searched at once, on the UI thread, where it costs less than starting a thread.

use std::sync::Arc;

use super::job::{Job, Poll};
use crate::document::Document;
use crate::timeline::{Filter, Matches};

/// Datasets with fewer events are searched on the UI thread: 50,000 events take about 3 ms.
pub const BACKGROUND_FROM_EVENTS: usize = 50_000;

/// What a filter shows on the timeline, in the table and in the count.
pub struct SearchResult {
    /// The events shown; `None` when nothing is filtered.
    pub matches: Option<Arc<Matches>>,
    /// While a search is active, the events the filters alone keep: drawn dimmed, not hidden.
    pub dimmed: Option<Arc<Matches>>,
}

/// Computes what `filter` shows and dims, on the calling thread.
pub fn search(doc: &Document, filter: &Filter) -> SearchResult {
    let apply = |f: &Filter| Arc::new(f.apply(&doc.dataset, &doc.quotes, &doc.search));
    let matches = filter.is_active().then(|| apply(filter));
    // A search dims what it does not match; filters hide what they leave out.
    let dimmed = (!filter.search.trim().is_empty()).then(|| {
        let filters_only = Filter {
            search: String::new(),
            ..filter.clone()
        };
        if filters_only.is_active() {
            apply(&filters_only)
        } else {
            Arc::new(Matches::all(doc.dataset.events.len()))
        }
    });
    SearchResult { matches, dimmed }
}

/// The search in flight, if any, and the query waiting for it.
pub struct SearchRunner {
    /// The running search: which request it answers, and where its result arrives.
    running: Option<(u64, Job<SearchResult>)>,
    /// The newest query asked for while another ran.
    queued: Option<Filter>,
    /// Counts requests: only a result for the latest is used.
    latest: u64,
    /// Datasets at least this large are searched in the background.
    background_from_events: usize,
}

impl Default for SearchRunner {
    fn default() -> Self {
        Self {
            running: None,
            queued: None,
            latest: 0,
            background_from_events: BACKGROUND_FROM_EVENTS,
        }
    }
}

impl SearchRunner {
    /// Asks for `filter`'s result on `doc`: at once for a small dataset, else `None` and later
    /// from [`Self::poll`].
    pub fn request(
        &mut self,
        doc: &Arc<Document>,
        filter: Filter,
        ctx: &egui::Context,
    ) -> Option<SearchResult> {
        self.latest += 1;
        if doc.dataset.events.len() < self.background_from_events {
            // Answered now: whatever runs or waits is out of date.
            self.queued = None;
            return Some(search(doc, &filter));
        }
        if self.running.is_some() {
            self.queued = Some(filter);
        } else {
            self.spawn(doc, filter, ctx);
        }
        None
    }

    /// The latest query's result, once it has arrived. A result that arrives while a newer query
    /// waits is dropped, and the waiting one starts.
    pub fn poll(&mut self, doc: &Arc<Document>, ctx: &egui::Context) -> Option<SearchResult> {
        let (answers, job) = self.running.as_ref()?;
        let result = match job.poll() {
            Poll::Done(result) => Some(result),
            Poll::Pending => return None,
            // The thread died: no result, and nothing left to wait for.
            Poll::Lost => None,
        };
        let answers = *answers;
        self.running = None;
        if let Some(next) = self.queued.take() {
            self.spawn(doc, next, ctx);
            return None;
        }
        result.filter(|_| answers == self.latest)
    }

    /// True while a search runs or waits: the search bar says "searching…".
    pub fn is_busy(&self) -> bool {
        self.queued.is_some()
            || self
                .running
                .as_ref()
                .is_some_and(|(answers, _)| *answers == self.latest)
    }

    /// Searches datasets of at least `events` events in the background (tests lower it to see
    /// the background path on the small seed dataset).
    pub fn set_background_from(&mut self, events: usize) {
        self.background_from_events = events;
    }

    fn spawn(&mut self, doc: &Arc<Document>, filter: Filter, ctx: &egui::Context) {
        let doc = Arc::clone(doc);
        let job = Job::spawn(ctx, move || search(&doc, &filter));
        self.running = Some((self.latest, job));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(text: &str) -> Filter {
        Filter {
            search: text.into(),
            ..Filter::default()
        }
    }

    #[test]
    fn the_newest_query_wins_and_a_stale_result_is_never_returned() {
        let doc = Arc::new(Document::embedded());
        let ctx = egui::Context::default();
        let count = |text: &str| search(&doc, &query(text)).matches.map(|m| m.count());
        let (stale, newest) = (count("the"), count("groundless"));
        assert_ne!(stale, newest);

        let mut runner = SearchRunner::default();
        runner.set_background_from(0);
        assert!(runner.request(&doc, query("the"), &ctx).is_none());
        assert!(runner.request(&doc, query("groundless"), &ctx).is_none());
        assert!(runner.is_busy());
        let mut landed = None;
        for _ in 0..1000 {
            if let Some(result) = runner.poll(&doc, &ctx) {
                landed = Some(result.matches.map(|m| m.count()));
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert_eq!(landed, Some(newest), "only the newest query's result lands");
        assert!(!runner.is_busy());
    }

    #[test]
    fn a_small_dataset_is_searched_at_once_and_outdates_a_running_search() {
        let doc = Arc::new(Document::embedded());
        let ctx = egui::Context::default();
        let mut runner = SearchRunner::default();
        runner.set_background_from(0);
        assert!(runner.request(&doc, query("the"), &ctx).is_none());
        runner.set_background_from(BACKGROUND_FROM_EVENTS);
        let now = runner.request(&doc, query("groundless"), &ctx);
        assert!(now.is_some(), "44 events: answered at once");
        assert!(!runner.is_busy(), "what still runs is out of date");
        std::thread::sleep(std::time::Duration::from_millis(200));
        assert!(runner.poll(&doc, &ctx).is_none(), "its result is dropped");
    }
}
