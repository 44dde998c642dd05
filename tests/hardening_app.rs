//! A file from a stranger, round 2 (issue 28), in the window: reloading a watched file that
//! changes while it loads, and cancelling a load.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test that cannot unwrap has failed"
)]

#[allow(dead_code, reason = "not every test file uses every shared helper")]
mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use claimline::app::command::Command;
use claimline::load::{Progress, load_file_with};

fn write_titled(path: &Path, title: &str, events: usize) {
    let events: Vec<String> = (0..events)
        .map(|i| {
            format!(r#"{{"id":"e{i}","kind":"statement","date":"2020-11-09","title":"E{i}"}}"#)
        })
        .collect();
    std::fs::write(
        path,
        format!(
            r#"{{"format":"claimline/1","title":"{title}","events":[{}]}}"#,
            events.join(",")
        ),
    )
    .unwrap();
}

#[test]
fn a_watched_file_that_changes_while_it_loads_is_loaded_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("watched.json");
    write_titled(&path, "First", 1);
    let mut harness = common::harness();
    harness.state_mut().push_command(Command::SetWatch(true));
    harness
        .state_mut()
        .push_command(Command::OpenPath(path.clone()));
    harness.step();
    assert!(harness.state().is_loading());
    // The load thread reads the first version; the file changes before the window takes the
    // result. Before the fix the window stamped the file when it took the result, so the change
    // counted as loaded and "First" stayed on screen for good.
    std::thread::sleep(Duration::from_millis(1500));
    write_titled(&path, "Second, written during the load", 2);
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        harness.step();
        if harness.state().doc().dataset.title.starts_with("Second") {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(
        harness.state().doc().dataset.title,
        "Second, written during the load"
    );
    assert_eq!(harness.state().doc().dataset.events.len(), 2);
}

#[test]
fn a_cancelled_load_stops_its_work_at_once() {
    // 200,000 events: seconds of work in a debug build.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    write_titled(&path, "Big", 200_000);
    let progress = Progress::default();
    let thread_progress = progress.clone();
    let thread_path = path.clone();
    let uncancelled = Instant::now();
    let full = std::thread::spawn(move || load_file_with(&thread_path, &Progress::default()));
    let full_outcome = full.join().unwrap().unwrap();
    let full_time = uncancelled.elapsed();
    assert!(full_outcome.checked.is_some());

    let started = Instant::now();
    let job = std::thread::spawn(move || load_file_with(&path, &thread_progress));
    std::thread::sleep(full_time / 5);
    progress.cancel();
    let outcome = job.join().unwrap().unwrap();
    let took = started.elapsed();
    assert!(outcome.checked.is_none(), "a cancelled load builds nothing");
    assert!(
        outcome
            .report
            .findings
            .iter()
            .any(|f| f.message.contains("cancelled")),
        "{:?}",
        outcome.report.findings
    );
    assert!(
        took < full_time * 3 / 4,
        "cancelled after {:?}, it ran {took:?}; a whole load takes {full_time:?}",
        full_time / 5
    );
}
