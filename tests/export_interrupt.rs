//! An interrupted `claimline export` leaves no `.claimline-export-*` file behind (issue 11).
//!
//! The export draws and encodes the whole image in memory and only then creates its temporary
//! file, writes it and renames it into place, so an interrupt lands, almost always, while nothing is
//! on disk yet; one that lands during the write finds the command line removing its temporary file
//! before it exits (on a loaded machine that window was wide enough to hit one run in two). These
//! tests interrupt real exports at delays spread over their run.
//!
//! They send SIGTERM (what `kill` sends by default). Ctrl-C's SIGINT ends the export the
//! same way, but a process started in the background of a script inherits SIGINT ignored, and so
//! would every export here: CI started that way once saw no export interrupted at all.
//!
//! Windows has no signals: there the export is ended with `TerminateProcess` (a crash, Task
//! Manager's End task, `taskkill /F`), which, like SIGKILL, leaves the program nothing to catch. A
//! kill during the write can leave the temporary file there, so on Windows this checks what a hard
//! kill can promise: the image whole or not there at all.

#![cfg(any(unix, windows))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test that cannot unwrap has failed"
)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Files in `dir` whose names start with the export's temporary prefix.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".claimline-export-"))
        .collect()
}

const ARGS: [&str; 4] = ["--width", "1600", "--height", "900"];

/// Starts an export of the seed dataset to `out`, sends it SIGTERM (Windows: `TerminateProcess`)
/// after `delay`, and returns whether that ended it (rather than the export finishing first).
fn interrupt_export(out: &Path, delay: Duration) -> bool {
    #[allow(unused_mut, reason = "only Windows kills through the Child")]
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimline"))
        .args(["export", "--force", "-o"])
        .arg(out)
        .args(ARGS)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start claimline export");
    std::thread::sleep(delay);
    // Fails harmlessly when the export has already finished.
    #[cfg(unix)]
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .stderr(Stdio::null())
        .status()
        .expect("run kill");
    #[cfg(windows)]
    let killed = child.try_wait().unwrap().is_none() && child.kill().is_ok();
    let output = child.wait_with_output().unwrap();
    #[cfg(unix)]
    // Ended by SIGTERM: at once (its default action, before the command line listens), or after
    // removing its temporary file, with the status the default action gives (128 + 15).
    let killed = std::os::unix::process::ExitStatusExt::signal(&output.status) == Some(15)
        || output.status.code() == Some(128 + 15);
    // (Windows: a kill that lands as the export exits on its own leaves its exit code, 0.)
    if killed && !output.status.success() {
        return true;
    }
    assert!(
        output.status.success(),
        "export failed after {delay:?}: {:?} {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    false
}

#[test]
fn an_export_interrupted_at_any_moment_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("timeline.png");
    // How long one export takes on this machine, to spread the interrupts over it.
    let started = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_claimline"))
        .args(["export", "-o"])
        .arg(&out)
        .args(ARGS)
        .status()
        .unwrap();
    assert!(status.success());
    let took = started.elapsed();
    std::fs::remove_file(&out).unwrap();

    let mut interrupted = 0;
    for percent in [0, 10, 30, 50, 70, 90, 97, 100, 110] {
        let delay = took * percent / 100;
        if interrupt_export(&out, delay) {
            interrupted += 1;
        }
        // Nothing half-written either: the image appears whole or not at all. An interrupt that
        // lands after the rename, as the process exits, finds it whole.
        if out.exists() {
            let png = std::fs::read(&out).unwrap();
            let whole = image::load_from_memory_with_format(&png, image::ImageFormat::Png);
            assert!(
                whole.is_ok(),
                "interrupted at {delay:?}: {} is not a whole PNG",
                out.display()
            );
            std::fs::remove_file(&out).unwrap();
        }
        let left = leftovers(dir.path());
        if cfg!(windows) {
            for name in &left {
                println!("interrupted at {delay:?} of {took:?}: {name} left, as after SIGKILL");
                std::fs::remove_file(dir.path().join(name)).unwrap();
            }
        } else {
            assert!(
                left.is_empty(),
                "interrupted at {delay:?} of {took:?}: {left:?} left behind"
            );
        }
    }
    assert!(
        interrupted >= 4,
        "only {interrupted} exports were interrupted"
    );
}
