//! If the app ever panics, a crash report is written next to its settings and the user is told
//! where, so a bug met on a stranger's file can be reported with what is needed to fix it.
//!
//! The report holds the message, the place in the code, a backtrace and the version; never the
//! dataset's contents.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The folder eframe keeps the app's settings in (the same `app_id` as the window's).
pub fn folder() -> Option<PathBuf> {
    eframe::storage_dir("claimline")
}

/// Installs the hook: the default message still goes to stderr, then the report is written and
/// its path printed.
pub fn install() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        previous(info);
        let text = format!(
            "Claimline {} crashed.\n\n{info}\n\nthread: {}\n\n{}\n",
            env!("CARGO_PKG_VERSION"),
            std::thread::current().name().unwrap_or("unnamed"),
            std::backtrace::Backtrace::force_capture()
        );
        match folder().map(|dir| write_report(&dir, &text)) {
            Some(Ok(path)) => eprintln!(
                "Claimline crashed. A crash report was written to {}; please attach it to a bug \
                 report (it holds no dataset contents).",
                path.display()
            ),
            Some(Err(error)) => {
                eprintln!("Claimline crashed; the crash report could not be written: {error}");
            }
            None => {
                eprintln!("Claimline crashed; there is no settings folder to write a report to.");
            }
        }
    }));
}

/// Writes `text` to a new `crash-<seconds since 1970>.txt` in `dir` and returns its path.
pub fn write_report(dir: &Path, text: &str) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut n = 0u32;
    loop {
        let name = if n == 0 {
            format!("crash-{seconds}.txt")
        } else {
            format!("crash-{seconds}-{n}.txt")
        };
        let path = dir.join(name);
        // `create_new`: never overwrites an earlier report.
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                file.write_all(text.as_bytes())?;
                return Ok(path);
            }
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(error) => return Err(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_are_written_without_replacing_earlier_ones() {
        let dir = tempfile::tempdir().unwrap();
        let first = write_report(dir.path(), "one").unwrap();
        let second = write_report(dir.path(), "two").unwrap();
        assert_ne!(first, second);
        assert_eq!(std::fs::read_to_string(first).unwrap(), "one");
        assert_eq!(std::fs::read_to_string(second).unwrap(), "two");
    }
}
