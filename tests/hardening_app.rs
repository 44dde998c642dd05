//! A file from a stranger, round 2 (issue 28), in the window: cancelling a load.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test that cannot unwrap has failed"
)]

use std::path::Path;
use std::time::Instant;

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
