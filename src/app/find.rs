//! Edit ▸ Find's state: the search text and filters, the events they show, and the search running
//! in the background. The search bar draws it, the timeline, table and exports read it.

use std::sync::Arc;

use super::search_job::SearchRunner;
use crate::timeline::{Filter, Matches};

#[derive(Default)]
pub struct Find {
    /// The search text and filters (Ctrl+F); they reach the timeline and exports.
    pub filter: Filter,
    /// The events `filter` shows, made when it changes; `None` when nothing is filtered. At a
    /// million events it lags `filter` while the search runs in the background.
    pub matches: Option<Arc<Matches>>,
    /// The search running off the UI thread, for large datasets.
    pub runner: SearchRunner,
    /// Enter (true) or Shift+Enter pressed while the search ran: step once it has landed.
    pub step_after_search: Option<bool>,
    /// The search bar is up.
    pub bar_open: bool,
    /// Put the keyboard in the search box next frame.
    pub focus_box: bool,
    /// Counts changes of `matches`, so views that derive something from them (the table's sorted
    /// rows) know when to redo it without comparing a million flags.
    pub generation: u64,
}

impl Find {
    /// Whether `event` is left off the timeline by the search or filters (an event a search does
    /// not match but the filters keep is drawn dimmed, so it is not hidden).
    pub fn hides(&self, event: usize, dimmed: Option<&Matches>) -> bool {
        self.matches.as_ref().is_some_and(|m| !m.contains(event))
            && !dimmed.is_some_and(|d| d.contains(event))
    }
}
