//! Renders the real app through wgpu (Mesa's lavapipe on CI) and checks the pixels a user sees.
//! Needs a Vulkan driver, so these run only with `--ignored` (see `.ci/run`).
//!
//! Beside the pixel checks, an image snapshot of each panel as a user sees it: the timeline, the
//! detail panel, the source window, the findings window and the event table. A change that moves,
//! recolours or drops what a panel draws fails here, with a `.diff.png` beside the snapshot in
//! `tests/snapshots/`. Tolerance: a pixel fails when its colour differs by more than [`THRESHOLD`]
//! (kittest's weighted YIQ distance; 0.6 is its default, which absorbs anti-aliasing differences
//! between GPU drivers), and a snapshot fails when more than [`MAX_FAILED_PIXELS`] pixels fail:
//! text re-hinted at a glyph's edge, never a mark, a line or a word. After a change meant to alter
//! the picture: `UPDATE_SNAPSHOTS=1 cargo test --test gpu_render -- --ignored`, then look at the
//! new images before committing them.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test that cannot unwrap has failed"
)]

#[allow(dead_code, reason = "not every test file uses every shared helper")]
mod common;

use claimline::app::ClaimlineApp;
use claimline::app::command::Command;
use egui::{Key, Pos2, Rect};
use egui_kittest::{Harness, SnapshotOptions};

fn save(image: &image::RgbaImage, name: &str) {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let _ = image.save(dir.join(name));
}

#[test]
#[ignore = "needs a wgpu adapter (lavapipe under Xvfb in CI)"]
fn the_start_view_draws_each_mark_in_its_kind_colour() {
    let mut harness = common::gpu_harness();
    harness.remove_cursor();
    let image = harness.render().expect("render");
    save(&image, "start_view.png");
    let ppp = harness.ctx.pixels_per_point();
    assert_eq!(image.width(), (common::WINDOW[0] * ppp) as u32);
    let state = harness.state();
    for (id, rgb) in [
        (
            "peskov-sochi-2024-03-06",
            claimline::timeline::style::kind_color(claimline::model::EventKind::Statement),
        ),
        (
            "election-us-2016",
            claimline::timeline::style::kind_color(claimline::model::EventKind::Election),
        ),
    ] {
        let event = common::event(&harness, id);
        let pos = state
            .timeline()
            .mark_position(event)
            .expect("mark on screen");
        let pixel = image.get_pixel((pos.x * ppp) as u32, (pos.y * ppp) as u32);
        let distance: i32 = (0..3)
            .map(|c| (i32::from(pixel[c]) - i32::from(rgb[c])).abs())
            .sum();
        assert!(
            distance < 40,
            "{id}: pixel {pixel:?} is not the kind colour {rgb:?}"
        );
    }
}

#[test]
#[ignore = "needs a wgpu adapter (lavapipe under Xvfb in CI)"]
fn a_selected_statement_shows_its_source_with_the_quote_highlighted() {
    let mut harness = common::gpu_harness();
    common::show_sochi_quote_in_source(&mut harness);
    harness.remove_cursor();
    let image = harness.render().expect("render");
    save(&image, "selected_with_source.png");
    let highlight =
        claimline::app::theme::quote_highlight(harness.ctx.global_style().visuals.dark_mode);
    let highlighted = image
        .pixels()
        .filter(|p| p[0] == highlight.r() && p[1] == highlight.g() && p[2] == highlight.b())
        .count();
    assert!(
        highlighted > 500,
        "the quote is highlighted in the source text ({highlighted} pixels)"
    );
}

#[test]
#[ignore = "needs a wgpu adapter (lavapipe under Xvfb in CI)"]
fn save_image_writes_the_timeline_at_the_window_resolution() {
    let mut harness = common::gpu_harness();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("timeline.png");
    harness
        .state_mut()
        .push_command(claimline::app::command::Command::SaveImageTo(path.clone()));
    for _ in 0..10 {
        harness.step();
        if path.exists() {
            break;
        }
    }
    let image = image::open(&path).expect("the screenshot was saved");
    let rect = harness.state().timeline().last_rect.unwrap();
    let ppp = harness.ctx.pixels_per_point();
    assert_eq!(image.width(), (rect.width() * ppp).round() as u32);
    assert_eq!(image.height(), (rect.height() * ppp).round() as u32);
    assert!(
        image.width() < (common::WINDOW[0] * ppp) as u32,
        "cropped to the timeline, without the detail panel"
    );
}

/// How far one pixel's colour may move before it counts as changed.
const THRESHOLD: f32 = 0.6;
/// How many pixels may change before a snapshot fails.
const MAX_FAILED_PIXELS: usize = 40;

/// Compares the part of the window inside `area` (in points; the whole window for `None`) with
/// `tests/snapshots/{name}.png`.
fn snapshot(harness: &mut Harness<'_, ClaimlineApp>, name: &str, area: Option<Rect>) {
    harness.remove_cursor();
    harness.run();
    let image = harness.render().expect("render");
    let ppp = harness.ctx.pixels_per_point();
    let image = match area {
        None => image,
        Some(area) => {
            let x = (area.left() * ppp).max(0.0) as u32;
            let y = (area.top() * ppp).max(0.0) as u32;
            let width = ((area.width() * ppp) as u32).min(image.width() - x);
            let height = ((area.height() * ppp) as u32).min(image.height() - y);
            image::imageops::crop_imm(&image, x, y, width, height).to_image()
        }
    };
    let options = SnapshotOptions::new()
        .threshold(THRESHOLD)
        .max_failed_pixels(MAX_FAILED_PIXELS);
    egui_kittest::image_snapshot_options(&image, name, &options);
}

/// Where the timeline is drawn.
fn timeline_rect(harness: &Harness<'_, ClaimlineApp>) -> Rect {
    harness
        .state()
        .timeline()
        .last_rect
        .expect("the timeline is drawn")
}

#[test]
#[ignore = "needs a wgpu adapter (lavapipe under Xvfb in CI)"]
fn snapshot_of_the_timeline() {
    let mut harness = common::gpu_harness();
    let area = timeline_rect(&harness);
    snapshot(&mut harness, "timeline", Some(area));
}

#[test]
#[ignore = "needs a wgpu adapter (lavapipe under Xvfb in CI)"]
fn snapshot_of_the_detail_panel_of_a_selected_statement() {
    let mut harness = common::gpu_harness();
    let event = common::event(&harness, "peskov-sochi-2024-03-06");
    harness.state_mut().push_command(Command::Select(event));
    harness.run();
    // The panel is beside the timeline, to the window's right edge.
    let timeline = timeline_rect(&harness);
    let area = Rect::from_min_max(
        Pos2::new(timeline.right(), timeline.top()),
        Pos2::new(common::WINDOW[0], timeline.bottom()),
    );
    snapshot(&mut harness, "detail_panel", Some(area));
}

#[test]
#[ignore = "needs a wgpu adapter (lavapipe under Xvfb in CI)"]
fn snapshot_of_the_source_window() {
    let mut harness = common::gpu_harness();
    common::show_sochi_quote_in_source(&mut harness);
    snapshot(&mut harness, "source_window", None);
}

#[test]
#[ignore = "needs a wgpu adapter (lavapipe under Xvfb in CI)"]
fn snapshot_of_the_findings_window() {
    let mut harness = common::gpu_harness();
    harness.state_mut().push_command(Command::ShowFindings);
    harness.run();
    assert!(harness.state().findings_shown().is_some());
    snapshot(&mut harness, "findings", None);
}

#[test]
#[ignore = "needs a wgpu adapter (lavapipe under Xvfb in CI)"]
fn snapshot_of_the_event_table() {
    let mut harness = common::gpu_harness();
    harness.key_press(Key::T);
    harness.run();
    snapshot(&mut harness, "event_table", None);
}
