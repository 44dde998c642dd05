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

/// A save running on its own thread.
pub type SaveJob = Job<Result<Saved, SaveError>>;

/// The editing state of the open document.
#[derive(Default)]
pub struct Editing {
    pub history: History,
    /// A save running, the file it writes, and [`Self::changes`] when it started.
    pub saving: Option<(PathBuf, u64, SaveJob)>,
    /// Counts edits, undos and redos: a save marks the dataset saved only if none came while it
    /// ran.
    pub changes: u64,
}

impl Editing {
    /// Whether the dataset has changes not saved to its file.
    pub fn is_dirty(&self) -> bool {
        !self.history.is_saved()
    }
}
