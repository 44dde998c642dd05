//! Reading a source's text from the file it names, confined to the dataset's folder.
//!
//! A dataset is often shared as a folder: the JSON and its `sources/`. A `text_file` must never
//! reach outside that folder (`../../etc/passwd`, `/etc/hostname`, a symlink out), so a dataset
//! from a stranger cannot make Claimline read and display an arbitrary file.

use std::path::{Component, Path, PathBuf};

use super::limits::MAX_SOURCE_TEXT_BYTES;
use super::read;

/// Why a source's `text_file` could not be read. Each message names the path as written.
#[derive(Debug, thiserror::Error)]
pub enum SourceFileError {
    #[error("text_file `{0}` is an absolute path; give a path relative to the dataset's folder")]
    Absolute(String),
    #[error("text_file `{0}` is outside the dataset's folder")]
    Outside(String),
    #[error("text_file `{written}` not found (looked for {})", looked.display())]
    Missing { written: String, looked: PathBuf },
    #[error("text_file `{written}` could not be read: {error}")]
    Unreadable {
        written: String,
        error: std::io::Error,
    },
    #[error("text_file `{written}` refused: {refusal}")]
    Refused {
        written: String,
        refusal: super::read::Refusal,
    },
    #[error("text_file `{written}` is not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 { written: String, offset: usize },
}

/// Where the texts named by `text_file` come from: a folder on disk, or the binary itself.
pub trait SourceTexts {
    fn read(&self, written: &str) -> Result<String, SourceFileError>;
}

/// Texts in the folder of a dataset file on disk.
pub struct Folder(pub PathBuf);

/// Checks a written path without touching the disk: relative, and never climbing above its root.
pub fn confined_relative_path(written: &str) -> Result<PathBuf, SourceFileError> {
    let path = Path::new(written);
    // A leading slash or backslash is absolute on some system, whatever this one thinks.
    if path.has_root() || path.is_absolute() || written.starts_with(['/', '\\']) {
        return Err(SourceFileError::Absolute(written.to_owned()));
    }
    let mut depth = 0usize;
    let mut clean = PathBuf::new();
    for part in written.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                depth = depth
                    .checked_sub(1)
                    .ok_or_else(|| SourceFileError::Outside(written.to_owned()))?;
                clean.pop();
            }
            // `C:` and the like: a drive, so absolute on Windows.
            p if p.contains(':') => return Err(SourceFileError::Absolute(written.to_owned())),
            p => {
                depth += 1;
                clean.push(p);
            }
        }
    }
    if path.components().any(|c| matches!(c, Component::Prefix(_))) {
        return Err(SourceFileError::Absolute(written.to_owned()));
    }
    Ok(clean)
}

impl SourceTexts for Folder {
    fn read(&self, written: &str) -> Result<String, SourceFileError> {
        let relative = confined_relative_path(written)?;
        let looked = self.0.join(&relative);
        let unreadable = |error: std::io::Error| SourceFileError::Unreadable {
            written: written.to_owned(),
            error,
        };
        // Resolve first, check where it really is and what it is, and only then read: a symlink
        // inside the folder may point out of it, or at `/dev/zero` or a FIFO.
        let real = looked.canonicalize().map_err(|error| match error.kind() {
            std::io::ErrorKind::NotFound => SourceFileError::Missing {
                written: written.to_owned(),
                looked: looked.clone(),
            },
            _ => unreadable(error),
        })?;
        let root = self.0.canonicalize().map_err(unreadable)?;
        if !real.starts_with(root) {
            return Err(SourceFileError::Outside(written.to_owned()));
        }
        let (limit, name) = (MAX_SOURCE_TEXT_BYTES, "MAX_SOURCE_TEXT_BYTES");
        let bytes = read::resolve_regular(&real, limit, name)
            .and_then(|real| read::read_capped(&real, limit, name))
            .map_err(|refusal| SourceFileError::Refused {
                written: written.to_owned(),
                refusal,
            })?;
        String::from_utf8(bytes).map_err(|e| SourceFileError::NotUtf8 {
            written: written.to_owned(),
            offset: e.utf8_error().valid_up_to(),
        })
    }
}

/// Texts compiled into the binary, for the embedded seed dataset.
pub struct Embedded(pub &'static [(&'static str, &'static str)]);

impl SourceTexts for Embedded {
    fn read(&self, written: &str) -> Result<String, SourceFileError> {
        self.0
            .iter()
            .find(|(name, _)| *name == written)
            .map(|(_, text)| (*text).to_owned())
            .ok_or_else(|| SourceFileError::Missing {
                written: written.to_owned(),
                looked: PathBuf::from("<embedded>").join(written),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_inside_the_folder_are_allowed() {
        assert_eq!(
            confined_relative_path("sources/000.txt").unwrap(),
            PathBuf::from("sources/000.txt")
        );
        assert_eq!(
            confined_relative_path("./a/../b.txt").unwrap(),
            PathBuf::from("b.txt")
        );
    }

    #[test]
    fn absolute_and_escaping_paths_are_refused() {
        for p in [
            "/etc/hostname",
            "\\\\server\\share\\x.txt",
            "C:\\Windows\\win.ini",
            "c:/x.txt",
        ] {
            assert!(
                matches!(confined_relative_path(p), Err(SourceFileError::Absolute(_))),
                "{p}"
            );
        }
        for p in ["../outside.txt", "sources/../../x.txt", "a\\..\\..\\x"] {
            assert!(
                matches!(confined_relative_path(p), Err(SourceFileError::Outside(_))),
                "{p}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_to_dev_zero_inside_the_folder_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.txt")).unwrap();
        let start = std::time::Instant::now();
        let error = Folder(dir.path().to_owned()).read("zero.txt").unwrap_err();
        assert!(start.elapsed().as_secs() < 5, "took {:?}", start.elapsed());
        // /dev/zero is outside the folder once resolved.
        assert!(matches!(error, SourceFileError::Outside(_)), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn a_device_or_fifo_inside_the_folder_is_refused_without_reading() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.txt");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        let start = std::time::Instant::now();
        let error = Folder(dir.path().to_owned())
            .read("pipe.txt")
            .unwrap_err()
            .to_string();
        assert!(start.elapsed().as_secs() < 5, "took {:?}", start.elapsed());
        assert!(error.contains("FIFO"), "{error}");
        assert!(error.contains("pipe.txt"), "{error}");
    }

    #[test]
    fn a_source_text_over_its_limit_is_refused_naming_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let file = std::fs::File::create(dir.path().join("huge.txt")).unwrap();
        file.set_len(MAX_SOURCE_TEXT_BYTES + 1).unwrap();
        let error = Folder(dir.path().to_owned())
            .read("huge.txt")
            .unwrap_err()
            .to_string();
        assert!(error.contains("MAX_SOURCE_TEXT_BYTES"), "{error}");
    }
}
