//! A load's memory, asked for before it is taken. Rust aborts the process when an allocation fails
//! (it is not a panic, so no crash report is written and the window takes the open dataset with
//! it). So a file is refused before it is parsed when the memory its load would need is not there,
//! and the buffers whose size a file sets (the file itself, a source text and its copies) are
//! reserved fallibly, an allocation that fails becoming an error for that file.
//!
//! The estimate is the file's size times [`LOAD_BYTES_PER_FILE_BYTE`]; the room is the smallest of
//! what the system has available (`MemAvailable` and free swap), what this process's address-space
//! limit (`ulimit -v`) leaves and what its cgroup's memory limit leaves. Off Linux the room is not
//! known and nothing is refused.

use std::path::Path;

/// Peak memory of a load per byte of its file, with room to spare. Measured with the release
/// build: 35 MB of small native events peak at 5.9 bytes per byte of file, a million events with a
/// citation each (207 MB) at 4.0. A streamed CSV holds far less. A file is refused when 8 times
/// its size plus [`LOAD_BASE_BYTES`] is more than there is room for.
pub const LOAD_BYTES_PER_FILE_BYTE: u64 = 8;

/// Memory a load needs whatever the file: threads, the index, the window's frame.
pub const LOAD_BASE_BYTES: u64 = 64 << 20;

/// How much more memory this process can take, and what limits it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Room {
    pub bytes: u64,
    pub limited_by: &'static str,
}

/// The room for a load now, or `None` where it cannot be known.
pub fn room() -> Option<Room> {
    let available = meminfo("MemAvailable:").map(|free| Room {
        bytes: free.saturating_add(meminfo("SwapFree:").unwrap_or(0)),
        limited_by: "available on this machine",
    });
    let address_space = address_space_limit().map(|limit| Room {
        bytes: limit.saturating_sub(status_kib("VmSize:").unwrap_or(0)),
        limited_by: "left under this process's address-space limit (ulimit -v)",
    });
    let cgroup = cgroup_limit().map(|(max, current)| Room {
        bytes: max.saturating_sub(current),
        limited_by: "left under this process's memory limit (its cgroup's memory.max)",
    });
    [available, address_space, cgroup]
        .into_iter()
        .flatten()
        .min_by_key(|room| room.bytes)
}

/// The memory a load of a file of `len` bytes is expected to need at its peak.
pub fn needed_for(len: u64) -> u64 {
    len.saturating_mul(LOAD_BYTES_PER_FILE_BYTE)
        .saturating_add(LOAD_BASE_BYTES)
}

/// Refuses a file of `len` bytes whose load would need more memory than there is room for.
pub fn preflight(len: u64) -> Result<(), std::io::Error> {
    let need = needed_for(len);
    match room() {
        Some(room) if need > room.bytes => Err(std::io::Error::new(
            std::io::ErrorKind::OutOfMemory,
            format!(
                "loading it would need about {} MB ({LOAD_BYTES_PER_FILE_BYTE} times its {} MB, \
                 LOAD_BYTES_PER_FILE_BYTE), and only {} MB is {}; it was not read, and nothing \
                 else changed",
                need.div_ceil(1_000_000),
                len.div_ceil(1_000_000),
                room.bytes / 1_000_000,
                room.limited_by
            ),
        )),
        _ => Ok(()),
    }
}

/// The error for a buffer of `len` bytes that could not be had.
pub fn out_of_memory(len: usize) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::OutOfMemory,
        format!(
            "there is not enough memory for its {} MB",
            len.div_ceil(1_000_000)
        ),
    )
}

/// A field of `/proc/meminfo`, in bytes.
fn meminfo(field: &str) -> Option<u64> {
    kib_field(&std::fs::read_to_string("/proc/meminfo").ok()?, field)
}

/// A field of `/proc/self/status`, in bytes.
fn status_kib(field: &str) -> Option<u64> {
    kib_field(&std::fs::read_to_string("/proc/self/status").ok()?, field)
}

/// `Field:   1234 kB` → 1234 × 1024.
fn kib_field(text: &str, field: &str) -> Option<u64> {
    let line = text.lines().find(|l| l.starts_with(field))?;
    let kib: u64 = line
        .get(field.len()..)?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    Some(kib.saturating_mul(1024))
}

/// The soft address-space limit from `/proc/self/limits`, when there is one.
fn address_space_limit() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    parse_address_space(&limits)
}

fn parse_address_space(limits: &str) -> Option<u64> {
    let line = limits
        .lines()
        .find(|l| l.starts_with("Max address space"))?;
    line.get("Max address space".len()..)?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// The cgroup (v2) memory limit and use, when the process has a limit.
fn cgroup_limit() -> Option<(u64, u64)> {
    let folder = Path::new("/sys/fs/cgroup");
    let read = |name: &str| std::fs::read_to_string(folder.join(name)).ok();
    let max = read("memory.max")?.trim().parse().ok()?;
    let current = read("memory.current")?.trim().parse().ok()?;
    Some((max, current))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_and_fields_are_read_as_linux_writes_them() {
        let limits = "Limit                     Soft Limit           Hard Limit           Units     \n\
                      Max address space         4294967296           unlimited            bytes     \n";
        assert_eq!(parse_address_space(limits), Some(4_294_967_296));
        let unlimited =
            "Max address space         unlimited            unlimited            bytes\n";
        assert_eq!(parse_address_space(unlimited), None);
        let meminfo = "MemTotal:        8000000 kB\nMemAvailable:    2000000 kB\n";
        assert_eq!(kib_field(meminfo, "MemAvailable:"), Some(2_048_000_000));
    }

    #[test]
    fn a_file_too_large_for_the_room_is_refused_and_a_small_one_is_not() {
        assert!(preflight(1000).is_ok());
        if let Some(room) = room() {
            let too_large = room.bytes / LOAD_BYTES_PER_FILE_BYTE + 1;
            let error = preflight(too_large).expect_err("refused");
            assert_eq!(error.kind(), std::io::ErrorKind::OutOfMemory);
            assert!(error.to_string().contains(room.limited_by), "{error}");
        }
    }
}
