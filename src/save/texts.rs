//! Source texts as files beside the dataset: `sources/NAME.txt`, UTF-8, with their `sha256`.
//!
//! A dataset is shared as a folder (the JSON and its `sources/`), and a source's text is fixed once
//! it is cited, so it is a file of its own: it diffs on its own, and the hash notices a change.

use std::path::{Path, PathBuf};

use super::atomic::{AtomicError, AtomicOptions, folder_of, write_atomically};
use crate::load::source_text::confined_relative_path;

/// A source text written beside a dataset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// The path as the dataset names it: relative to the dataset's folder, `/`-separated
    /// (`sources/peskov-rt.txt`).
    pub text_file: String,
    /// Hex SHA-256 of the text's UTF-8 bytes.
    pub sha256: String,
    /// False when an identical file was already there and nothing was written.
    pub written: bool,
}

/// Why a source text could not be written.
#[derive(Debug, thiserror::Error)]
pub enum TextError {
    #[error(transparent)]
    Write(#[from] AtomicError),
    #[error("{}: {error}", path.display())]
    Folder {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error(transparent)]
    Path(#[from] crate::load::SourceFileError),
}

/// Writes `text` as a new file `sources/NAME.txt` beside the dataset at `dataset_path`, NAME made
/// from `name` (a source id or title). A file already there with other words is never replaced:
/// the name takes a number (`NAME-2.txt`); one with the same words is used as it is.
///
/// The editor calls this when a user pastes a source into a dataset that has a file; it then
/// sets the source's `text_file` and `sha256` to what this returns. A dataset with no file yet
/// gets its new texts written by its first save instead ([`super::save`]).
pub fn write_source_text(
    dataset_path: &Path,
    name: &str,
    text: &str,
) -> Result<SourceFile, TextError> {
    let folder = folder_of(dataset_path);
    let sha256 = crate::load::validate::sha256_hex(text.as_bytes());
    let text_file = free_name(&folder, name, text, &[]);
    write_text_at(&folder, &text_file, text, false).map(|written| SourceFile {
        text_file,
        sha256,
        written,
    })
}

/// A name `sources/NAME.txt` under `folder` for `text`: NAME made from `name`, numbered past
/// files that hold other words and past `taken` (names already chosen, compared without case, as
/// macOS and Windows do).
#[expect(
    clippy::maybe_infinite_iter,
    reason = "a free name is found long before the numbers run out"
)]
pub(crate) fn free_name(folder: &Path, name: &str, text: &str, taken: &[String]) -> String {
    let stem = file_stem(name);
    (1..)
        .map(|n| {
            if n == 1 {
                format!("sources/{stem}.txt")
            } else {
                format!("sources/{stem}-{n}.txt")
            }
        })
        .find(|candidate| {
            !taken.iter().any(|t| t.eq_ignore_ascii_case(candidate))
                && match std::fs::read(folder.join(candidate)) {
                    Ok(bytes) => bytes == text.as_bytes(),
                    // A folder of that name is in the way; any other error (the dataset's
                    // folder is a file, no permission) is the write's to report, naming it.
                    Err(_) => !folder.join(candidate).is_dir(),
                }
        })
        .unwrap_or_else(|| format!("sources/{stem}.txt"))
}

/// Writes `text` at `relative` (a `text_file` as a dataset names it) under `folder`, through the
/// atomic write; the folders on the way are made. Returns false when the same words were already
/// there. A file with other words is replaced only when `overwrite`.
pub(crate) fn write_text_at(
    folder: &Path,
    relative: &str,
    text: &str,
    overwrite: bool,
) -> Result<bool, TextError> {
    let path = folder.join(confined_relative_path(relative)?);
    if std::fs::read(&path).is_ok_and(|bytes| bytes == text.as_bytes()) {
        return Ok(false);
    }
    let parent = folder_of(&path);
    std::fs::create_dir_all(&parent).map_err(|error| TextError::Folder {
        path: parent.clone(),
        error,
    })?;
    let options = AtomicOptions {
        overwrite,
        backup: false,
        temp_prefix: ".claimline-text-",
    };
    write_atomically(&path, [text.as_bytes()], &options)?;
    Ok(true)
}

/// A file name made from a source id or title: letters, digits, `-`, `_` and `.` kept, anything
/// else a `-`, at most 60 bytes; never empty, hidden, or a name Windows reserves.
pub fn file_stem(name: &str) -> String {
    let mut stem = String::new();
    for c in name.chars() {
        let c = if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
            c
        } else {
            '-'
        };
        if c == '-' && stem.ends_with('-') {
            continue;
        }
        if stem.len() + c.len_utf8() > 60 {
            break;
        }
        stem.push(c);
    }
    let stem = stem.trim_matches(['-', '.']);
    let reserved = [
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "lpt1", "lpt2", "lpt3",
    ];
    if stem.is_empty() {
        "source".to_owned()
    } else if reserved.contains(&stem.to_ascii_lowercase().as_str()) {
        format!("{stem}-source")
    } else {
        stem.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_is_made_safe_from_any_id_or_title() {
        assert_eq!(file_stem("peskov-rt"), "peskov-rt");
        assert_eq!(file_stem("Peskov: “never” / RT"), "Peskov-never-RT");
        assert_eq!(file_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(file_stem("  "), "source");
        assert_eq!(file_stem("CON"), "CON-source");
        assert_eq!(file_stem("Пресс-служба"), "Пресс-служба");
        assert!(file_stem(&"x".repeat(500)).len() <= 60);
    }

    #[test]
    fn a_folder_that_cannot_be_read_gives_the_first_name_for_the_write_to_refuse() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("in.json");
        std::fs::write(&file, "{}").unwrap();
        // Once, every read here failed with "not a directory" and the search never ended.
        assert_eq!(free_name(&file, "s1", "Words.", &[]), "sources/s1.txt");
        let written = write_source_text(&file.join("d.json"), "s1", "Words.");
        assert!(written.is_err(), "{written:?}");
        std::fs::create_dir_all(dir.path().join("sources/s1.txt")).unwrap();
        assert_eq!(
            free_name(dir.path(), "s1", "Words.", &[]),
            "sources/s1-2.txt",
            "past a folder of that name"
        );
    }

    #[test]
    fn a_pasted_text_gets_its_own_file_and_never_replaces_another() {
        let dir = tempfile::tempdir().unwrap();
        let dataset = dir.path().join("d.json");
        let first = write_source_text(&dataset, "s1", "Words.").unwrap();
        assert_eq!(first.text_file, "sources/s1.txt");
        assert!(first.written);
        assert_eq!(
            first.sha256,
            crate::load::validate::sha256_hex("Words.".as_bytes())
        );
        let again = write_source_text(&dataset, "s1", "Words.").unwrap();
        assert_eq!(
            again.text_file, "sources/s1.txt",
            "the same words: the same file"
        );
        assert!(!again.written);
        let other = write_source_text(&dataset, "s1", "Other words.").unwrap();
        assert_eq!(other.text_file, "sources/s1-2.txt");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("sources/s1.txt")).unwrap(),
            "Words."
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("sources/s1-2.txt")).unwrap(),
            "Other words."
        );
    }
}
