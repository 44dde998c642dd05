//! Saving a dataset: its canonical `claimline/1` text, written atomically with a backup, its new
//! source texts as files beside it. Pure core, no egui: the window, `claimline fmt`,
//! `claimline convert` and the tests all save through here.
//!
//! ```text
//! Dataset ──canonical──▶ claimline/1 text (+ what it could not keep) ──atomic write──▶ file (+ .bak)
//! ```
//!
//! A save never drops anything silently: fields Claimline does not know are kept through it (see
//! [`crate::model::kept`]), and what cannot be kept (the item that held it was deleted) is listed
//! by [`dropped`] before the save, and refused by [`save`] unless the caller says the user agreed.

pub mod atomic;
pub mod canonical;
pub mod command;
pub mod texts;

use std::path::{Path, PathBuf};

use foldhash::HashMap;

pub use atomic::{AtomicError, AtomicOptions, Backup, backup_path, write_atomically};
pub use canonical::{Canonical, Dropped, canonical, dropped, event_order};
pub use texts::{SourceFile, TextError, write_source_text};

use crate::model::Dataset;

/// How [`save`] writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SaveOptions {
    /// Replace a file already at the path (Save, or Save As once the user chose to replace it).
    pub overwrite: bool,
    /// Keep the replaced file as `NAME.json.bak` ([`backup_path`]).
    pub backup: bool,
    /// The user was told what [`dropped`] lists and agreed to lose it. Without it a save that
    /// would drop anything is refused ([`SaveError::WouldDrop`]).
    pub allow_dropping: bool,
}

impl SaveOptions {
    /// File ▸ Save over the open file: replace it, keep the previous version.
    pub const SAVE: Self = Self {
        overwrite: true,
        backup: true,
        allow_dropping: false,
    };
}

/// What a save did; [`Saved::apply_to`] records it in the dataset that was saved.
#[derive(Debug)]
pub struct Saved {
    /// The file written (a symbolic link's target, when the path was a link).
    pub path: PathBuf,
    pub backup: Backup,
    /// What the file does not hold that the dataset did (empty unless `allow_dropping`).
    pub dropped: Vec<Dropped>,
    /// Hex SHA-256 of the bytes written: the document's provenance from now on.
    pub sha256: String,
    /// Source texts this save wrote beside the file (texts pasted into a dataset that had no
    /// file), by source index.
    pub texts: Vec<(usize, SourceFile)>,
    /// Whether the file lists its lanes.
    pub lanes_written: bool,
    /// The size of the file in bytes.
    pub bytes: usize,
}

impl Saved {
    /// Records the save in `dataset` (the one saved, or its current version if only lanes and
    /// sources are compared): new text files, lanes now declared, no longer an import.
    pub fn apply_to(&self, dataset: &mut Dataset) {
        for (index, file) in &self.texts {
            if let Some(source) = dataset.sources.get_mut(*index) {
                source.text_file = Some(file.text_file.clone());
                source.sha256 = Some(file.sha256.clone());
            }
        }
        dataset.kept.lanes_declared = self.lanes_written;
        dataset.kept.imported = None;
    }
}

/// Why a save failed. Nothing was replaced: the file on disk is still the previous version.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error(transparent)]
    Write(#[from] AtomicError),
    #[error("source text: {0}")]
    Text(#[from] TextError),
    #[error(
        "saving would drop {}; ask the user, then save with allow_dropping",
        .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
    )]
    WouldDrop(Vec<Dropped>),
}

/// Saves `dataset` to `path` as canonical `claimline/1`, atomically, keeping the previous version
/// as `NAME.json.bak` when `options.backup`.
///
/// Sources with text but no `text_file` that the file did not hold inline (texts pasted since)
/// are written first, as `sources/NAME.txt` beside it with their `sha256`, and the file names
/// them: [`Saved::texts`] says which, for [`Saved::apply_to`]. The dataset itself is not changed,
/// so a save can run on another thread from a snapshot while the window goes on.
pub fn save(dataset: &Dataset, path: &Path, options: &SaveOptions) -> Result<Saved, SaveError> {
    let dropped = dropped(dataset);
    if !dropped.is_empty() && !options.allow_dropping {
        return Err(SaveError::WouldDrop(dropped));
    }
    let folder = atomic::folder_of(path);
    let texts = write_new_texts(dataset, &folder)?;
    let files: HashMap<usize, SourceFile> = texts.iter().cloned().collect();
    let options = AtomicOptions {
        overwrite: options.overwrite,
        backup: options.backup,
        temp_prefix: ".claimline-save-",
    };
    // The text is written, and hashed, as it is made: a thread writes each piece while the next
    // events are being made, so the file is mostly on its way to the disk when the last piece is.
    let (pieces, made) = std::sync::mpsc::sync_channel::<Vec<u8>>(4);
    let (kept, (written, sha256, bytes)) = std::thread::scope(|scope| {
        let writer = scope.spawn(move || {
            use sha2::Digest as _;
            let mut hasher = sha2::Sha256::new();
            let mut bytes = 0;
            let chunks = made.into_iter().inspect(|chunk| {
                hasher.update(chunk);
                bytes += chunk.len();
            });
            let written = write_atomically(path, chunks, &options);
            (
                written,
                crate::load::validate::hex(&hasher.finalize()),
                bytes,
            )
        });
        // A write that failed has stopped taking pieces, and no more are made; the error is its own.
        let kept =
            canonical::canonical_into(dataset, &files, &mut |chunk| match pieces.send(chunk) {
                Ok(()) => std::ops::ControlFlow::Continue(()),
                Err(_) => std::ops::ControlFlow::Break(()),
            });
        drop(pieces);
        let written = writer.join().unwrap_or_else(|_| {
            let error = std::io::Error::other("the save's writer stopped unexpectedly");
            (
                Err(AtomicError::Write {
                    path: path.to_owned(),
                    error,
                }),
                String::new(),
                0,
            )
        });
        (kept, written)
    });
    let written = written?;
    let (dropped, lanes_written) = kept;
    Ok(Saved {
        path: written.path,
        backup: written.backup,
        bytes,
        dropped,
        sha256,
        texts,
        lanes_written,
    })
}

/// Writes each source text that has no file yet and was not inline in the file read.
fn write_new_texts(
    dataset: &Dataset,
    folder: &Path,
) -> Result<Vec<(usize, SourceFile)>, TextError> {
    let inline = crate::model::kept::inline_sources(&dataset.kept, &dataset.sources);
    let mut taken = Vec::new();
    let mut written = Vec::new();
    for ((index, source), inline) in dataset.sources.iter().enumerate().zip(inline) {
        let Some(text) = &source.text else { continue };
        if source.text_file.is_some() || inline {
            continue;
        }
        let text_file = texts::free_name(folder, &source.id, text, &taken);
        let was_written = texts::write_text_at(folder, &text_file, text, false)?;
        taken.push(text_file.clone());
        written.push((
            index,
            SourceFile {
                text_file,
                sha256: crate::load::validate::sha256_hex(text.as_bytes()),
                written: was_written,
            },
        ));
    }
    Ok(written)
}

/// Hex SHA-256 of the concatenated chunks.
fn hash_chunks(chunks: &[Vec<u8>]) -> String {
    use sha2::Digest as _;
    let mut hasher = sha2::Sha256::new();
    for chunk in chunks {
        hasher.update(chunk);
    }
    crate::load::validate::hex(&hasher.finalize())
}
