//! Loading datasets off the UI thread, so a large file never freezes the window.
//!
//! A job is a thread reading and checking one file. Cancelling drops the job: the thread finishes
//! its work in the background and its result is thrown away, so what is open stays open.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Instant;

use crate::load::{self, Outcome, ReadError};

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
    result: Receiver<Result<Outcome, ReadError>>,
}

impl LoadJob {
    /// Starts loading `path` on its own thread; `ctx` is woken when it is done.
    pub fn spawn(path: PathBuf, reason: LoadReason, ctx: &egui::Context) -> Self {
        let (sender, result) = channel();
        let ctx = ctx.clone();
        let thread_path = path.clone();
        std::thread::spawn(move || {
            let outcome = load::load_file(&thread_path);
            // A cancelled job has dropped its receiver; the result is not wanted.
            let _ = sender.send(outcome);
            ctx.request_repaint();
        });
        Self {
            size_bytes: std::fs::metadata(&path).ok().map(|m| m.len()),
            path,
            reason,
            started: Instant::now(),
            result,
        }
    }

    /// The result, once the thread is done.
    pub fn poll(&self) -> Option<Result<Outcome, ReadError>> {
        match self.result.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            // The thread died without answering (it panicked): report it as unreadable.
            Err(TryRecvError::Disconnected) => Some(Err(ReadError {
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

/// The native open dialog, on its own thread (it blocks, and on some systems needs its own loop).
pub fn pick_file(ctx: &egui::Context) -> Receiver<Option<PathBuf>> {
    let (sender, picked) = channel();
    let ctx = ctx.clone();
    std::thread::spawn(move || {
        let path = rfd::FileDialog::new()
            .set_title("Open a dataset")
            .add_filter("Datasets (JSON, CSV)", &["json", "csv"])
            .add_filter("Claimline or TimelineJS JSON", &["json"])
            .add_filter("CSV", &["csv"])
            .add_filter("All files", &["*"])
            .pick_file();
        let _ = sender.send(path);
        ctx.request_repaint();
    });
    picked
}

/// The native save dialog, on its own thread, suggesting `file_name`.
pub fn pick_save_file(
    ctx: &egui::Context,
    file_name: String,
    extension: &'static str,
) -> Receiver<Option<PathBuf>> {
    let (sender, picked) = channel();
    let ctx = ctx.clone();
    std::thread::spawn(move || {
        let path = rfd::FileDialog::new()
            .set_title("Save image")
            .set_file_name(file_name)
            .add_filter(extension.to_uppercase(), &[extension])
            .save_file();
        let _ = sender.send(path);
        ctx.request_repaint();
    });
    picked
}
