//! Loading datasets off the UI thread, so a large file never freezes the window.
//!
//! A job is a thread reading and checking one file. Cancelling drops the job: the thread is told
//! to stop ([`Progress::cancel`]), gives up at its next check within moments, and its result is
//! thrown away, so what is open stays open and no core stays busy for a file no one waits for.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Instant, SystemTime};

use super::job::{Job, Poll};
use crate::document::Document;
use crate::load::{self, FindingGroup, Progress, ReadError, Report};

/// A load's result, made ready on the loading thread (checked, indexed, findings grouped) so the
/// window only swaps it in.
pub enum Loaded {
    /// A dataset; `has_errors` when it may only be opened anyway.
    Opened {
        doc: Box<Document>,
        has_errors: bool,
    },
    /// No dataset could be built; the report says why.
    Failed {
        report: Arc<Report>,
        groups: Arc<Vec<FindingGroup>>,
    },
    /// The file could not be read at all.
    Unreadable(ReadError),
}

/// What a file looked like on disk at one moment: enough to tell that it changed since.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    /// The inode change time and number on Unix: a file replaced by a rename of another one of
    /// the same length within the same tick is still told apart.
    #[cfg(unix)]
    changed: (i64, i64, u64),
}

impl Stamp {
    /// The stamp of the file at `path` now, or `None` when it cannot be read.
    pub fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let changed = {
            use std::os::unix::fs::MetadataExt as _;
            (meta.ctime(), meta.ctime_nsec(), meta.ino())
        };
        Some(Self {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            changed,
        })
    }
}

/// Reads, checks and indexes `path` on the calling thread.
pub fn prepare(path: &Path, progress: &Progress) -> Loaded {
    match load::load_file_with(path, progress) {
        Err(error) => Loaded::Unreadable(error),
        // Nobody waits for a cancelled load: it is not indexed.
        Ok(outcome) if progress.is_cancelled() => Loaded::Failed {
            groups: Arc::new(outcome.report.groups()),
            report: Arc::new(outcome.report),
        },
        Ok(outcome) => {
            let has_errors = outcome.report.has_errors();
            match Document::from_outcome_with(outcome, progress) {
                Ok(doc) => Loaded::Opened {
                    doc: Box::new(doc),
                    has_errors,
                },
                Err(report) => Loaded::Failed {
                    groups: Arc::new(report.groups()),
                    report: Arc::new(report),
                },
            }
        }
    }
}

/// Why a file is being loaded: a reload keeps the view and the selection when it can.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadReason {
    Open,
    Reload,
}

/// A file being loaded in the background.
pub struct LoadJob {
    pub path: PathBuf,
    pub reason: LoadReason,
    pub size_bytes: Option<u64>,
    pub started: Instant,
    pub progress: Progress,
    /// The file's stamp taken before it was read: a change made while it loads shows as a
    /// change afterwards, and is loaded again (a stamp taken when the load ended counted such a
    /// change as loaded, and the window kept showing what was read for good).
    pub stamp: Option<Stamp>,
    result: Job<Loaded>,
}

impl Drop for LoadJob {
    /// A job dropped before its result was taken (cancelled, or replaced by another load) stops
    /// its thread.
    fn drop(&mut self) {
        self.progress.cancel();
    }
}

impl LoadJob {
    /// Starts loading `path` on its own thread; `ctx` is woken when it is done.
    pub fn spawn(path: PathBuf, reason: LoadReason, ctx: &egui::Context) -> Self {
        let thread_path = path.clone();
        let progress = Progress::default();
        let thread_progress = progress.clone();
        // The stamp is taken before the thread reads the file.
        let stamp = Stamp::of(&path);
        // A cancelled job is dropped; its result is not wanted, and is dropped on the loading
        // thread, off the UI thread.
        let result = Job::spawn(ctx, move || prepare(&thread_path, &thread_progress));
        Self {
            progress,
            stamp,
            size_bytes: stamp.map(|s| s.len),
            path,
            reason,
            started: Instant::now(),
            result,
        }
    }

    /// The result, once the thread is done.
    pub fn poll(&self) -> Option<Loaded> {
        match self.result.poll() {
            Poll::Done(result) => Some(result),
            Poll::Pending => None,
            // The thread died without answering (it panicked): report it as unreadable.
            Poll::Lost => Some(Loaded::Unreadable(ReadError {
                path: self.path.clone(),
                error: std::io::Error::other("the loader stopped unexpectedly"),
            })),
        }
    }

    /// "Loading big.json (11.3 MB)…", for the status bar.
    pub fn describe(&self) -> String {
        let name = self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        match self.size_bytes {
            Some(bytes) if bytes >= 1_000_000 => {
                format!("Loading {name} ({:.1} MB)…", bytes as f64 / 1e6)
            }
            Some(bytes) => format!("Loading {name} ({} kB)…", bytes.div_ceil(1000)),
            None => format!("Loading {name}…"),
        }
    }
}
