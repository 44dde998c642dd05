//! Renders the real app through wgpu (Mesa's lavapipe on CI) and checks the pixels a user sees.
//! Needs a Vulkan driver, so these run only with `--ignored` (see `.ci/run`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test that cannot unwrap has failed"
)]

#[allow(dead_code, reason = "not every test file uses every shared helper")]
mod common;

use egui_kittest::Harness;

fn rendered_harness() -> Harness<'static, claimline::app::ClaimlineApp> {
    let mut harness = Harness::builder()
        .with_size(common::WINDOW)
        .wgpu()
        .build_eframe(|cc| claimline::app::ClaimlineApp::new(cc, None));
    harness.run();
    harness
}

fn save(image: &image::RgbaImage, name: &str) {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let _ = image.save(dir.join(name));
}

#[test]
#[ignore = "needs a wgpu adapter (lavapipe under Xvfb in CI)"]
fn the_start_view_draws_each_mark_in_its_kind_colour() {
    let mut harness = rendered_harness();
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
    let mut harness = rendered_harness();
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
    let mut harness = rendered_harness();
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
