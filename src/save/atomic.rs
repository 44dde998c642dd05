//! The one way Claimline writes a file, for saves, source texts and exports: a temporary file in
//! the same folder, written, flushed to the disk, then renamed over the target, and the folder
//! flushed where the system allows. A crash or a kill at any moment leaves the old file or the new
//! one, whole; never a mix, never nothing.
//!
//! It takes finished bytes, never a writer to stream into: a kill ends the process without running
//! destructors, so the temporary file exists only for this write and rename, not while the
//! content is made (`tests/export_interrupt.rs`, `tests/save_interrupt.rs`).

use std::fs::File;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

/// How [`write_atomically`] treats a file already at the path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AtomicOptions {
    /// Replace a file already there; without it the write is refused ([`AtomicError::Exists`]),
    /// also when the file appears while the new one is being written.
    pub overwrite: bool,
    /// Keep the file being replaced as `NAME.bak` beside it (see [`backup_path`]).
    pub backup: bool,
    /// The temporary file's name starts with this: hidden, and telling what left it behind when
    /// the process was killed (`.claimline-save-`).
    pub temp_prefix: &'static str,
}

/// Why a file could not be written. Messages name the file.
#[derive(Debug, thiserror::Error)]
pub enum AtomicError {
    #[error("{} exists; pass --force to overwrite it", .0.display())]
    Exists(PathBuf),
    #[error("{}: {error}", path.display())]
    Write { path: PathBuf, error: io::Error },
}

/// What a write did.
#[derive(Debug)]
pub struct Written {
    /// The file written: the path given, or the file it links to when it is a symbolic link (the
    /// link is kept, its target replaced).
    pub path: PathBuf,
    pub backup: Backup,
}

/// The previous version of a replaced file.
#[derive(Debug, PartialEq, Eq)]
pub enum Backup {
    /// No backup was asked for, or there was no file to back up.
    None,
    /// The file that was replaced is now this one.
    Kept(PathBuf),
    /// The file was replaced, but its previous version could not be kept (the message says why).
    Failed(String),
}

/// Where the previous version of `path` is kept: `NAME.json` → `NAME.json.bak`, beside it. Each
/// save replaces the last backup, so it always holds the version before the latest save.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(".bak");
    path.with_file_name(name)
}

/// Temporary files being written now, so that a command line that is told to stop can remove
/// them before it exits ([`remove_temporary_files`]).
static IN_FLIGHT: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// A temporary file's place in [`IN_FLIGHT`] while it exists under its temporary name.
struct InFlight(PathBuf);

impl InFlight {
    fn new(path: &Path) -> Self {
        if let Ok(mut all) = IN_FLIGHT.lock() {
            all.push(path.to_owned());
        }
        Self(path.to_owned())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        if let Ok(mut all) = IN_FLIGHT.lock() {
            all.retain(|p| *p != self.0);
        }
    }
}

/// Removes the temporary files being written (a signal is ending the process). One that was
/// renamed into place a moment ago is not there to remove; the file it became is whole.
pub fn remove_temporary_files() {
    let paths = IN_FLIGHT.lock().map(|all| all.clone()).unwrap_or_default();
    for path in paths {
        let _ = std::fs::remove_file(path);
    }
}

/// Writes `chunks`, in order, to `path` atomically (see the module docs). They may still be in the
/// making: each is written as it comes.
pub fn write_atomically(
    path: &Path,
    chunks: impl IntoIterator<Item = impl AsRef<[u8]>>,
    options: &AtomicOptions,
) -> Result<Written, AtomicError> {
    let fail = |error: io::Error| AtomicError::Write {
        path: path.to_owned(),
        error,
    };
    // Through a symbolic link to the file it names, so the link stays a link.
    let target = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => path.canonicalize().map_err(fail)?,
        _ => path.to_owned(),
    };
    let existing = std::fs::metadata(&target).ok();
    if existing.is_some() && !options.overwrite {
        return Err(AtomicError::Exists(path.to_owned()));
    }
    let folder = folder_of(&target);
    let mut builder = tempfile::Builder::new();
    builder.prefix(options.temp_prefix);
    // A temporary file is private by default; the file it becomes keeps the permissions of the
    // one it replaces, or is an ordinary file.
    let permissions = existing.as_ref().map(std::fs::Metadata::permissions);
    #[cfg(unix)]
    let permissions =
        permissions.or_else(|| Some(std::os::unix::fs::PermissionsExt::from_mode(0o644)));
    if let Some(permissions) = permissions {
        builder.permissions(permissions);
    }
    let mut temp = builder.tempfile_in(&folder).map_err(fail)?;
    let _in_flight = InFlight::new(temp.path());
    for chunk in chunks {
        temp.write_all(chunk.as_ref()).map_err(fail)?;
    }
    temp.flush().map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;

    let backup = match existing {
        Some(meta) if options.backup && meta.is_file() => match keep_backup(&target, &folder) {
            Ok(kept) => Backup::Kept(kept),
            Err(error) => Backup::Failed(format!(
                "{}: the previous version could not be kept: {error}",
                backup_path(&target).display()
            )),
        },
        _ => Backup::None,
    };
    if options.overwrite {
        temp.persist(&target).map_err(|e| fail(e.error))?;
    } else {
        // Never replaces a file that appeared meanwhile.
        temp.persist_noclobber(&target).map_err(|e| {
            if e.error.kind() == io::ErrorKind::AlreadyExists {
                AtomicError::Exists(path.to_owned())
            } else {
                fail(e.error)
            }
        })?;
    }
    sync_folder(&folder);
    Ok(Written {
        path: target,
        backup,
    })
}

/// The folder a file is in (`.` for a bare file name).
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// Makes `NAME.bak` the file now at `target`, replacing an older backup in one rename: a hard
/// link when the file system has them (nothing is copied), else a copy flushed to the disk.
fn keep_backup(target: &Path, folder: &Path) -> io::Result<PathBuf> {
    let backup = backup_path(target);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".claimline-backup-");
    let linked = builder.make_in(folder, |temp| std::fs::hard_link(target, temp));
    let temp = if let Ok(temp) = linked {
        temp.into_temp_path()
    } else {
        let mut temp = builder.tempfile_in(folder)?;
        io::copy(&mut File::open(target)?, temp.as_file_mut())?;
        temp.as_file().sync_all()?;
        temp.into_temp_path()
    };
    temp.persist(&backup).map_err(|e| e.error)?;
    Ok(backup)
}

/// Flushes a folder's entries (the rename) to the disk. Unix only: Windows cannot open a folder as
/// a file, and flushes renames with the volume. A file system that refuses is left to its own
/// guarantees.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAVE: AtomicOptions = AtomicOptions {
        overwrite: true,
        backup: true,
        temp_prefix: ".claimline-test-",
    };

    #[test]
    fn a_save_over_a_file_keeps_the_previous_version_as_its_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.json");
        let first = write_atomically(&path, [b"one"], &SAVE).unwrap();
        assert_eq!(first.backup, Backup::None, "nothing to back up yet");
        let second = write_atomically(&path, [&b"tw"[..], &b"o"[..]], &SAVE).unwrap();
        assert_eq!(second.backup, Backup::Kept(dir.path().join("d.json.bak")));
        write_atomically(&path, [b"three"], &SAVE).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"three");
        assert_eq!(
            std::fs::read(dir.path().join("d.json.bak")).unwrap(),
            b"two"
        );
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "no temporary file is left: {names:?}");
    }

    #[test]
    fn without_overwrite_an_existing_file_is_refused_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.json");
        std::fs::write(&path, "mine").unwrap();
        let options = AtomicOptions {
            overwrite: false,
            ..SAVE
        };
        let error = write_atomically(&path, [b"new"], &options).unwrap_err();
        assert!(matches!(error, AtomicError::Exists(_)), "{error}");
        assert_eq!(std::fs::read(&path).unwrap(), b"mine");
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_stays_a_link_and_its_target_is_replaced_keeping_its_mode() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        std::fs::write(&real, "old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let written = write_atomically(&link, [b"new"], &SAVE).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
        assert_eq!(
            written.backup,
            Backup::Kept(backup_path(&real.canonicalize().unwrap()))
        );
        let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}
