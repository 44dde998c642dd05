//! Unsaved work is written to the settings folder every few seconds while the dataset has
//! changes; after a crash (or a kill, or a power cut) the next start offers it back.
//!
//! The work is `autosave.json`, the dataset in canonical form (source texts that live in files
//! beside the dataset stay there; texts pasted in the app are inline), and `autosave-of.json`,
//! which file it was the work on. Both are written atomically. A save, a discard or File ▸ New
//! removes them, so only work that was never saved or dropped is ever offered.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::claimline_app::ClaimlineApp;
use super::command::Command;
use super::job::{Job, Poll};
use super::loading::LoadReason;
use crate::document::Document;
use crate::load::{Folder, Origin};

/// How long after an edit its work is written, at most.
const INTERVAL: Duration = Duration::from_secs(5);
const WORK: &str = "autosave.json";
const WORK_OF: &str = "autosave-of.json";

/// Which dataset the work was on.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct WorkOf {
    /// The file the dataset was opened from; `None` for the embedded seed or a new dataset.
    pub file: Option<PathBuf>,
    /// The work is on the embedded seed, whose source texts are in the program.
    #[serde(default)]
    pub embedded: bool,
    pub title: String,
}

/// Work found at start-up, offered back.
#[derive(Clone, Debug)]
pub struct Found {
    pub of: WorkOf,
    pub written: Option<SystemTime>,
}

#[derive(Default)]
pub struct Autosave {
    /// The settings folder; `None` where nothing is persisted (tests, unless they ask).
    folder: Option<PathBuf>,
    /// [`super::editing::Editing::changes`] at the last write started.
    written_changes: Option<u64>,
    last_write: Option<std::time::Instant>,
    job: Option<Job<std::io::Result<()>>>,
    /// Work found at start-up, until the user answers.
    pub found: Option<Found>,
}

impl Autosave {
    /// Autosaves in `folder`, and offers back work found there.
    pub fn in_folder(folder: PathBuf) -> Self {
        let found = read_work_of(&folder).map(|of| Found {
            of,
            written: std::fs::metadata(folder.join(WORK))
                .and_then(|m| m.modified())
                .ok(),
        });
        Self {
            folder: Some(folder),
            found,
            ..Self::default()
        }
    }

    /// Removes the autosaved work: it was saved, or dropped on purpose.
    pub fn forget(&mut self) {
        self.written_changes = None;
        if let Some(folder) = &self.folder {
            let _ = std::fs::remove_file(folder.join(WORK));
            let _ = std::fs::remove_file(folder.join(WORK_OF));
        }
    }
}

fn read_work_of(folder: &Path) -> Option<WorkOf> {
    if !folder.join(WORK).is_file() {
        return None;
    }
    // A small file of our own, but read with care all the same: a size cap.
    let meta = std::fs::metadata(folder.join(WORK_OF)).ok()?;
    if !meta.is_file() || meta.len() > 64 * 1024 {
        return None;
    }
    serde_json::from_slice(&std::fs::read(folder.join(WORK_OF)).ok()?).ok()
}

fn write_work(folder: &Path, work: &[u8], of: &WorkOf) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)?;
    let options = crate::save::AtomicOptions {
        overwrite: true,
        backup: false,
        temp_prefix: ".claimline-autosave-",
    };
    let write = |name: &str, bytes: &[u8]| {
        crate::save::write_atomically(&folder.join(name), &[bytes], &options)
            .map(|_| ())
            .map_err(|e| std::io::Error::other(e.to_string()))
    };
    write(WORK, work)?;
    write(WORK_OF, &serde_json::to_vec_pretty(of).unwrap_or_default())
}

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

/// "Claimline closed with unsaved work": Recover or Discard.
pub fn recovery_ui(ctx: &egui::Context, found: &Found, commands: &mut Vec<Command>) {
    egui::Modal::new(egui::Id::unique("recover_autosave")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading("Recover unsaved work?");
        let on = match &found.of.file {
            Some(path) => format!("“{}” ({})", found.of.title, path.display()),
            None => format!("“{}”, not saved to a file yet", found.of.title),
        };
        let when = found
            .written
            .and_then(|t| t.elapsed().ok())
            .map(|ago| format!(", kept {} ago", ago_text(ago)))
            .unwrap_or_default();
        ui.label(format!(
            "Claimline closed before changes to {on} were saved{when}."
        ));
        ui.horizontal(|ui| {
            if ui.button("Recover").clicked() {
                commands.push(Command::RecoverAutosave(true));
            }
            if ui.button("Discard").clicked() {
                commands.push(Command::RecoverAutosave(false));
            }
        });
    });
}

fn ago_text(ago: Duration) -> String {
    let seconds = ago.as_secs();
    match seconds {
        0..=119 => format!("{seconds} s"),
        120..=7199 => format!("{} min", seconds / 60),
        _ => format!("{} h", seconds / 3600),
    }
}
