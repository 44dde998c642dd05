//! Making the record in the window: every change goes through [`History`] (so it can be undone),
//! what is not saved yet, and saving off the UI thread.
//!
//! An edit is plain data from the core ([`crate::edit::Edit`]); applying one updates the open
//! document's dataset, quote checks and index in place (`edit::Live`), then the findings and what
//! is derived from them ([`crate::document::Document::follow_edit`]).

use std::path::PathBuf;

use super::job::Job;
use crate::edit::History;
use crate::save::{SaveError, Saved};

/// The editing state of the open document.
#[derive(Default)]
pub struct Editing {
    pub history: History,
    /// Counts typing sessions: the keystrokes of one field, while it has the keyboard, are one
    /// undo step.
    next_group: u64,
    /// A save running, and the file it writes.
    pub saving: Option<(PathBuf, Job<Result<Saved, SaveError>>)>,
}

impl Editing {
    /// A new typing session's id.
    pub fn new_group(&mut self) -> u64 {
        self.next_group += 1;
        self.next_group
    }

    /// Whether the dataset has changes not saved to its file.
    pub fn is_dirty(&self) -> bool {
        !self.history.is_saved()
    }
}
