//! Reading a file from a stranger: nothing is read before it is known to be safe.
//!
//! The path is resolved first (following symlinks), then it must name a regular file no larger than
//! its limit; only then is it opened, and it is read through a capped reader so a file that grows
//! while it is read (or lies about its size) still stops at the limit. `/dev/zero`, a FIFO, a
//! folder or a 50 GB file is refused at once with a message naming the limit.

use std::io::Read as _;
use std::path::{Path, PathBuf};

/// Why a file was refused before or while it was read.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    #[error("it is not a regular file ({kind}); only ordinary files are read")]
    NotRegular { kind: &'static str },
    #[error("it is {size} bytes, more than the limit of {limit} bytes ({name})")]
    TooLarge {
        size: u64,
        limit: u64,
        name: &'static str,
    },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl Refusal {
    /// The refusal as an I/O error, for callers whose error type carries one.
    pub fn into_io(self) -> std::io::Error {
        match self {
            Self::Io(error) => error,
            other => std::io::Error::new(std::io::ErrorKind::InvalidData, other.to_string()),
        }
    }
}

/// Resolves `path` (following every symlink) and checks it names a regular file of at most
/// `limit` bytes. Returns the resolved path, which is what must then be opened.
pub fn resolve_regular(path: &Path, limit: u64, name: &'static str) -> Result<PathBuf, Refusal> {
    let real = path.canonicalize()?;
    let meta = std::fs::metadata(&real)?;
    check_metadata(&meta, limit, name)?;
    Ok(real)
}

fn check_metadata(meta: &std::fs::Metadata, limit: u64, name: &'static str) -> Result<(), Refusal> {
    let kind = file_kind(meta);
    if kind != "regular file" {
        return Err(Refusal::NotRegular { kind });
    }
    if meta.len() > limit {
        return Err(Refusal::TooLarge {
            size: meta.len(),
            limit,
            name,
        });
    }
    Ok(())
}

/// Reads the regular file at `real` (from [`resolve_regular`]), never more than `limit` bytes.
pub fn read_capped(real: &Path, limit: u64, name: &'static str) -> Result<Vec<u8>, Refusal> {
    let file = open_no_block(real)?;
    // Checked again on the open file: the path may have been swapped since it was resolved.
    let meta = file.metadata()?;
    check_metadata(&meta, limit, name)?;
    // Sized once from the file (capped, and one byte for the probe past the end): growing by
    // doubling would copy a 200 MB file and hold up to twice its size.
    let expected = usize::try_from(meta.len().min(limit)).unwrap_or(0);
    let mut bytes = Vec::new();
    // Reserved fallibly: a failed allocation is an error for this file, not an abort.
    bytes
        .try_reserve_exact(expected.saturating_add(1))
        .map_err(|_| super::memory::out_of_memory(expected))?;
    // One byte past the limit tells a file that grew beyond it from one exactly at it.
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    let got = bytes.len() as u64;
    if got > limit {
        return Err(Refusal::TooLarge {
            size: got,
            limit,
            name,
        });
    }
    Ok(bytes)
}

/// Resolves, checks and reads a dataset file (limit [`super::limits::MAX_DATASET_BYTES`]).
pub fn read_dataset(path: &Path) -> Result<Vec<u8>, std::io::Error> {
    let limit = super::limits::MAX_DATASET_BYTES;
    let name = "MAX_DATASET_BYTES";
    let real = resolve_regular(path, limit, name).map_err(Refusal::into_io)?;
    // Refused before it is read when its load would not fit in memory (see `super::memory`).
    super::memory::preflight(std::fs::metadata(&real)?.len())?;
    read_capped(&real, limit, name).map_err(Refusal::into_io)
}

/// Reads standard input, never more than [`super::limits::MAX_DATASET_BYTES`].
pub fn read_stdin() -> Result<Vec<u8>, std::io::Error> {
    let limit = super::limits::MAX_DATASET_BYTES;
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(Refusal::TooLarge {
            size: bytes.len() as u64,
            limit,
            name: "MAX_DATASET_BYTES",
        }
        .into_io());
    }
    super::memory::preflight(bytes.len() as u64)?;
    Ok(bytes)
}

/// Opens for reading without blocking on a FIFO swapped in after the check.
fn open_no_block(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        // O_NONBLOCK: a FIFO swapped in after the check fails to read instead of hanging.
        options.custom_flags(NONBLOCK);
    }
    options.open(path)
}

#[cfg(target_os = "linux")]
const NONBLOCK: i32 = 0o4000;
#[cfg(all(unix, not(target_os = "linux")))]
const NONBLOCK: i32 = 0x0004;

fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    let file_type = meta.file_type();
    if file_type.is_file() {
        return "regular file";
    }
    if file_type.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_limit_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.json");
        let file = std::fs::File::create(&path).unwrap();
        // Sparse: 2 GiB on paper, nothing on disk.
        file.set_len(2 << 30).unwrap();
        let error = read_dataset(&path).unwrap_err().to_string();
        assert!(error.contains("MAX_DATASET_BYTES"), "{error}");
        assert!(error.contains("2147483648 bytes"), "{error}");
    }

    #[test]
    fn the_capped_reader_stops_at_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.txt");
        std::fs::write(&path, "abcdef").unwrap();
        let error = read_capped(&path, 3, "TEST_LIMIT").unwrap_err().to_string();
        assert!(error.contains("TEST_LIMIT"), "{error}");
        assert_eq!(read_capped(&path, 6, "TEST_LIMIT").unwrap(), b"abcdef");
    }

    #[cfg(unix)]
    #[test]
    fn dev_zero_and_a_folder_are_refused() {
        let error = read_dataset(Path::new("/dev/zero"))
            .unwrap_err()
            .to_string();
        assert!(error.contains("character device"), "{error}");
        let error = read_dataset(Path::new("/tmp")).unwrap_err().to_string();
        assert!(error.contains("folder"), "{error}");
    }
}
