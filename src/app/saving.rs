//! Saving off the UI thread: File ▸ Save and Save As write a snapshot of the dataset on another
//! thread (an atomic write, see [`crate::save`]) while the window stays live.

use std::path::PathBuf;
use std::sync::Arc;

use super::claimline_app::ClaimlineApp;
use super::job::{Job, Poll};
use crate::document::SaveTarget;
use crate::save::{AtomicError, SaveError, SaveOptions};

impl ClaimlineApp {
    /// The file File ▸ Save writes, or `None` when the dataset needs Save As first: the embedded
    /// seed, a new dataset, and an imported file (`TimelineJS`, CSV), which is saved as a new
    /// claimline/1 file, never written over the original.
    pub(super) fn save_target(&self) -> Option<PathBuf> {
        match self.doc.save_target() {
            SaveTarget::Overwrite(path) => Some(path),
            SaveTarget::SaveAs { .. } => None,
        }
    }

    /// Saves a snapshot of the dataset to `path` on another thread.
    pub(super) fn start_save(&mut self, ctx: &egui::Context, path: PathBuf) {
        if self.editing.saving.is_some() {
            self.notice = Some("A save is already running".to_owned());
            return;
        }
        let dataset = self.doc.dataset.clone();
        let to = path.clone();
        let job = Job::spawn(ctx, move || {
            crate::save::save(&dataset, &to, &SaveOptions::SAVE)
        });
        self.notice = Some(format!("Saving {}…", path.display()));
        self.editing.saving = Some((path, self.editing.changes, job));
    }

    /// Takes a finished save: the dataset now has this file, and is saved unless it changed
    /// meanwhile. A failed save changed nothing on disk, and says why.
    pub(super) fn poll_save(&mut self, ctx: &egui::Context) {
        let Some((_, _, job)) = &self.editing.saving else {
            return;
        };
        let result = match job.poll() {
            Poll::Pending => return,
            Poll::Done(result) => result,
            Poll::Lost => Err(SaveError::Write(AtomicError::Write {
                path: PathBuf::new(),
                error: std::io::Error::other("the save stopped unexpectedly"),
            })),
        };
        let Some((path, changes_then, _)) = self.editing.saving.take() else {
            return;
        };
        match result {
            Ok(saved) => {
                if let Some(doc) = Arc::get_mut(&mut self.doc) {
                    doc.mark_saved(&saved);
                }
                self.editing.saved_ids(changes_then);
                if changes_then == self.editing.changes {
                    self.editing.history.mark_saved();
                    self.editing.recovered = false;
                    self.autosave.forget();
                }
                self.remembered.remember_open(&saved.path);
                self.loaded_modified = super::loading::Stamp::of(&saved.path);
                let errors = self.doc.finding_counts().0;
                self.notice = Some(if errors == 0 {
                    format!("Saved {}", saved.path.display())
                } else {
                    // The work is kept whole; the file says what is still wrong.
                    format!(
                        "Saved {}, with {} still to fix (see Findings)",
                        saved.path.display(),
                        crate::model::count::count(errors, "error", "errors")
                    )
                });
                if let Some(leaving) = self.after_save.take() {
                    self.leave(ctx, leaving);
                }
            }
            Err(error) => {
                self.after_save = None;
                self.notice = Some(format!(
                    "Not saved to {} (the file there is as it was): {error}",
                    path.display()
                ));
            }
        }
    }
}
