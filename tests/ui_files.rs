//! Getting datasets in: dropping files on the window, and what is remembered between runs.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test that cannot unwrap has failed"
)]

#[allow(dead_code, reason = "not every test file uses every shared helper")]
mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use claimline::app::ClaimlineApp;
use claimline::app::remembered::Remembered;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

/// A file dropped on the window, as the windowing layer hands it to egui.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_file(harness: &mut Harness<'_, ClaimlineApp>, path: &Path) {
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(path.to_owned())));
    harness.step();
    // The file loads on its own thread; step until it is in.
    common::wait_for_load(harness);
}

fn write_dataset(dir: &Path, title: &str) -> PathBuf {
    let path = dir.join("dropped.json");
    std::fs::write(
        &path,
        format!(
            r#"{{"format": "claimline/1", "title": "{title}", "events": [
                {{"id": "a", "kind": "statement", "date": "2020-11-09", "title": "Dropped event"}}]}}"#
        ),
    )
    .unwrap();
    path
}

#[test]
fn dropping_a_dataset_on_the_window_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_dataset(dir.path(), "A dropped dataset");
    let mut harness = common::harness();
    drop_file(&mut harness, &path);
    assert_eq!(harness.state().doc().dataset.title, "A dropped dataset");
    common::mark(&harness, "Dropped event");
    assert_eq!(harness.state().remembered().recent.first(), Some(&path));
    assert_eq!(harness.state().remembered().last_path.as_ref(), Some(&path));
}

#[test]
fn dropping_a_bad_file_keeps_the_dataset_and_shows_the_findings() {
    let mut harness = common::harness();
    let bad = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/malformed/37-relation-target-missing.json");
    drop_file(&mut harness, &bad);
    assert_eq!(
        harness.state().doc().dataset.events.len(),
        44,
        "the seed dataset is still open"
    );
    harness.get_by_label_contains("relation target `election-2016` is not an event id");
    harness.get_by_label("Open anyway");
    common::mark(&harness, "Mueller report released");
}

#[test]
fn a_remembered_file_that_has_gone_falls_back_to_the_embedded_dataset_with_a_notice() {
    let remembered = Remembered {
        last_path: Some(PathBuf::from("/nowhere/gone.json")),
        ..Remembered::default()
    };
    let mut harness = Harness::builder()
        .with_size(common::WINDOW)
        .build_eframe(move |cc| ClaimlineApp::with_remembered(&cc.egui_ctx, remembered, None));
    harness.run();
    assert_eq!(harness.state().doc().dataset.events.len(), 44);
    harness.get_by_label_contains("/nowhere/gone.json is no longer there");
}

#[test]
fn the_last_dataset_and_its_view_are_restored() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_dataset(dir.path(), "Remembered dataset");
    let view = claimline::timeline::TimeView::new(18_560.0, 18_590.0);
    let remembered = Remembered {
        last_path: Some(path),
        view: Some(view),
        dark: true,
        ..Remembered::default()
    };
    let mut harness = Harness::builder()
        .with_size(common::WINDOW)
        .build_eframe(move |cc| ClaimlineApp::with_remembered(&cc.egui_ctx, remembered, None));
    common::wait_for_load(&mut harness);
    assert_eq!(harness.state().doc().dataset.title, "Remembered dataset");
    assert_eq!(harness.state().view(), view);
    assert!(harness.ctx.global_style().visuals.dark_mode);
}

/// A file whose every event has a warning (one quote that occurs four times in its source, on
/// 100,000 events) opens, and its findings window — grouped, only its visible rows laid out —
/// draws a frame in well under a second. It used to lay out every finding on every frame and
/// left the window black for minutes.
#[test]
fn a_file_with_100_000_warnings_opens_and_its_findings_window_stays_responsive() {
    use claimline::synthetic::{Citations, dataset};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("repeated.json");
    let data = dataset(100_000, 3, Citations::Repeated);
    std::fs::write(&path, serde_json::to_vec(&data).unwrap()).unwrap();

    let mut harness = Harness::builder()
        .with_size(common::WINDOW)
        .build_eframe(|cc| ClaimlineApp::new(cc, Some(path.clone())));
    common::wait_for_load(&mut harness);
    assert_eq!(
        harness.state().doc().dataset.events.len(),
        100_000,
        "it opened"
    );
    let report = harness
        .state()
        .findings_shown()
        .expect("the findings are shown");
    assert_eq!(report.warning_count(), 100_000);
    // One heading for the whole kind, with its count; not 100,000 rows.
    harness.get_by_label_contains("100,000 × warning: quote “Nothing to add.” occurs 4 times");

    let start = std::time::Instant::now();
    harness.step();
    let frame = start.elapsed();
    assert!(
        frame < std::time::Duration::from_secs(1),
        "a frame with 100,000 findings took {frame:?}"
    );

    // Unfolding the group lists findings, still only as many rows as fit.
    harness.get_by_label_contains("100,000 × warning").click();
    harness.run();
    let start = std::time::Instant::now();
    harness.step();
    let frame = start.elapsed();
    assert!(
        frame < std::time::Duration::from_secs(1),
        "unfolded: {frame:?}"
    );
    let rows = harness
        .query_all_by_label_contains("occurs 4 times in source `s0`")
        .count();
    assert!(
        (1..200).contains(&rows),
        "only the visible findings are laid out, found {rows}"
    );
}

/// Where events are too many to draw one by one, the key under the timeline says what the bars
/// mean instead of claiming that every mark is named.
#[test]
fn a_dense_timeline_s_key_says_what_its_bars_mean() {
    use claimline::synthetic::{Citations, dataset};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dense.json");
    let data = dataset(20_000, 3, Citations::None);
    std::fs::write(&path, serde_json::to_vec(&data).unwrap()).unwrap();
    let mut harness = Harness::builder()
        .with_size(common::WINDOW)
        .build_eframe(|cc| ClaimlineApp::new(cc, Some(path.clone())));
    common::wait_for_load(&mut harness);
    harness.run();
    let scene = harness.state().timeline().last_scene.clone().unwrap();
    assert!(!scene.density.is_empty(), "drawn as density");
    harness.get_by_label_contains("a bar's height is how many it holds");
    assert!(
        harness
            .query_by_label_contains("every mark shown is named")
            .is_none()
    );
}
