//! The app's side of keeping unsaved work ([`super::autosave`]): a write started every few
//! seconds while there are changes, and the answer to the recovery offer.

use std::path::{Path, PathBuf};

use super::autosave::{Autosave, INTERVAL, WORK, WorkOf, write_work};
use super::claimline_app::ClaimlineApp;
use super::job::{Job, Poll};
use super::loading::LoadReason;
use crate::document::Document;
use crate::load::{Folder, Origin};

impl ClaimlineApp {
    /// Autosaves in `folder` (the app does so in its settings folder; tests in a folder of their
    /// own), offering back work found there.
    #[must_use]
    pub fn with_autosave_in(mut self, folder: PathBuf) -> Self {
        self.autosave = Autosave::in_folder(folder);
        self
    }

    /// Starts a write of the unsaved work when it changed and the last one is old enough.
    pub(super) fn autosave_tick(&mut self, ctx: &egui::Context) {
        let autosave = &mut self.autosave;
        if let Some(job) = &autosave.job {
            match job.poll() {
                Poll::Pending => return,
                Poll::Done(Err(error)) => {
                    self.notice = Some(format!("Could not keep a copy of unsaved work: {error}"));
                }
                Poll::Done(Ok(())) | Poll::Lost => {}
            }
            autosave.job = None;
        }
        let Some(folder) = autosave.folder.clone() else {
            return;
        };
        if !self.editing.is_dirty() || autosave.written_changes == Some(self.editing.changes) {
            return;
        }
        if let Some(last) = autosave.last_write {
            let wait = INTERVAL.saturating_sub(last.elapsed());
            if !wait.is_zero() {
                ctx.request_repaint_after(wait);
                return;
            }
        }
        autosave.written_changes = Some(self.editing.changes);
        autosave.last_write = Some(std::time::Instant::now());
        let dataset = self.doc.dataset.clone();
        let of = WorkOf {
            file: match &self.doc.origin {
                Origin::File(path) => Some(path.clone()),
                Origin::Embedded | Origin::Untitled => None,
            },
            embedded: self.doc.origin == Origin::Embedded,
            title: dataset.title.clone(),
        };
        autosave.job = Some(Job::spawn(ctx, move || {
            let work = crate::save::canonical(&dataset).into_bytes();
            write_work(&folder, &work, &of)
        }));
    }

    /// The user answered the recovery offer: open the work (unsaved, on its file), or drop it.
    pub(super) fn recover(&mut self, take: bool) {
        let Some(found) = self.autosave.found.take() else {
            return;
        };
        let Some(folder) = self.autosave.folder.clone() else {
            return;
        };
        if !take {
            self.autosave.forget();
            return;
        }
        let recovered = std::fs::read(folder.join(WORK))
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                let outcome = if found.of.embedded {
                    crate::load::load_bytes(
                        &bytes,
                        Origin::Embedded,
                        &crate::load::Embedded(crate::seed::SOURCES),
                    )
                } else {
                    let origin = found.of.file.clone().map_or(Origin::Untitled, Origin::File);
                    // Texts kept in files stay beside the dataset; pasted ones are in the work.
                    let texts = found
                        .of
                        .file
                        .as_deref()
                        .and_then(Path::parent)
                        .map_or_else(|| folder.clone(), Path::to_path_buf);
                    crate::load::load_bytes(&bytes, origin, &Folder(texts))
                };
                Document::from_outcome(outcome).map_err(|report| {
                    report
                        .findings
                        .first()
                        .map_or_else(|| "it could not be read".to_owned(), |f| f.message.clone())
                })
            });
        match recovered {
            Ok(doc) => {
                // What was loading at start-up is older than the work.
                self.job = None;
                self.replace_document(doc, LoadReason::Open);
                self.editing.recovered = true;
                self.notice = Some(format!(
                    "Recovered unsaved work on {}: save it to keep it",
                    found.of.title
                ));
            }
            Err(error) => {
                self.notice = Some(format!("Could not recover the unsaved work: {error}"));
            }
        }
    }
}
