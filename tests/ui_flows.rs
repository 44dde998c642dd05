//! The app driven as a user drives it: clicks, keys, scrolls, files. Runs without a GPU.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test that cannot unwrap has failed"
)]

#[allow(dead_code, reason = "not every test file uses every shared helper")]
mod common;

use claimline::model::Date;
use common::{event, harness};
use egui::{Event, Modifiers, MouseWheelSource, MouseWheelUnit, PointerButton, TouchPhase, vec2};
use egui_kittest::kittest::Queryable as _;

const SOCHI: &str = "peskov-sochi-2024-03-06";

#[test]
fn clicking_a_mark_shows_its_title_date_basis_and_quote() {
    let mut harness = harness();
    let sochi = event(&harness, SOCHI);
    // A real pointer click on the spot where the mark was drawn.
    let pos = harness
        .state()
        .timeline()
        .mark_position(sochi)
        .expect("the mark is on screen");
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    harness.run();
    assert_eq!(harness.state().selected(), Some(sochi));
    // As the mark, as its label, and as the detail panel's heading.
    assert_eq!(
        harness
            .query_all_by_label_contains("Peskov at Sochi youth forum")
            .count(),
        3
    );
    harness.get_by_label_contains("“Kremlin spokesperson Dimitri Peskov claimed on Mar. 6");
    // The detail panel's date line (the mark's label says the date too).
    harness.get_by_label("6 Mar 2024");
    assert!(harness.query_all_by_label("✔ verified").count() >= 1);
}

#[test]
fn a_mark_is_found_by_its_accessible_label_and_a_click_on_empty_space_clears_it() {
    let mut harness = harness();
    common::mark(&harness, "Mueller report released").click();
    harness.run();
    assert_eq!(
        harness.state().selected(),
        Some(event(&harness, "mueller-report-2019"))
    );
    harness.get_by_label_contains("Citations (");

    // Empty space: the top-left of the plot, far from any mark.
    let empty = egui::pos2(260.0, 80.0);
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos: empty,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    harness.run();
    assert_eq!(harness.state().selected(), None);
}

#[test]
fn following_a_relation_selects_its_target_and_brings_it_into_view() {
    let mut harness = harness();
    common::mark(
        &harness,
        "Peskov at Sochi youth forum: Russia never interfered in US elections",
    )
    .click();
    harness.run();
    // Zoom in on March 2024 first, so the target (April 2019) is out of view.
    for _ in 0..12 {
        harness.key_press(egui::Key::Plus);
        harness.run();
    }
    let mueller = event(&harness, "mueller-report-2019");
    let anchor = harness.state().doc().dataset.events[mueller]
        .date
        .anchor_days();
    let (from, to) = harness.state().timeline().visible_days().unwrap();
    assert!(
        anchor < from || anchor > to,
        "the target starts out of view"
    );

    harness
        .get_by_role_and_label(
            egui::accesskit::Role::Link,
            "Report, 18 Apr 2019: Mueller report released",
        )
        .click();
    harness.run();
    assert_eq!(harness.state().selected(), Some(mueller));
    let (from, to) = harness.state().timeline().visible_days().unwrap();
    assert!(from < anchor && anchor < to, "the view followed the link");
}

fn scroll_over_timeline(
    harness: &mut egui_kittest::Harness<'_, claimline::app::ClaimlineApp>,
    modifiers: Modifiers,
) {
    harness.hover_at(egui::pos2(600.0, 400.0));
    harness.run();
    harness.event(Event::MouseWheel {
        unit: MouseWheelUnit::Point,
        delta: vec2(0.0, 120.0),
        phase: TouchPhase::Move,
        source: MouseWheelSource::Unknown,
        modifiers,
    });
    // Scrolling is smoothed over a few frames.
    harness.run_steps(30);
}

#[test]
fn ctrl_scroll_over_the_timeline_zooms_in_about_the_pointer() {
    let mut harness = harness();
    let (from, to) = harness.state().timeline().visible_days().unwrap();
    scroll_over_timeline(&mut harness, Modifiers::COMMAND);
    let (zfrom, zto) = harness.state().timeline().visible_days().unwrap();
    assert!(
        zto - zfrom < 0.9 * (to - from),
        "{from}..{to} → {zfrom}..{zto}"
    );
    assert!(
        zfrom > from && zto < to,
        "zoomed about a point inside the view"
    );
}

#[test]
fn plain_scroll_pans_without_zooming() {
    let mut harness = harness();
    // Zoom in first: at "fit all" there is nowhere to pan.
    for _ in 0..4 {
        harness.key_press(egui::Key::Plus);
        harness.run();
    }
    let (from, to) = harness.state().timeline().visible_days().unwrap();
    scroll_over_timeline(&mut harness, Modifiers::NONE);
    let (pfrom, pto) = harness.state().timeline().visible_days().unwrap();
    assert!(((pto - pfrom) - (to - from)).abs() < 1e-6, "same span");
    assert!((pfrom - from).abs() > 1.0, "moved by more than a day");
}

#[test]
fn arrow_keys_walk_the_events_in_date_order_and_f_fits_all() {
    let mut harness = harness();
    let mut seen = Vec::new();
    let count = harness.state().doc().dataset.events.len();
    for _ in 0..count {
        harness.key_press(egui::Key::ArrowRight);
        harness.run();
        seen.push(harness.state().selected().expect("something is selected"));
    }
    let dates: Vec<Date> = seen
        .iter()
        .map(|&i| harness.state().doc().dataset.events[i].date)
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "in date order");
    let mut unique = seen.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), count, "every event once");

    harness.key_press(egui::Key::ArrowLeft);
    harness.run();
    assert_eq!(harness.state().selected(), Some(seen[count - 2]));
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(harness.state().selected(), None);
}

/// A file with an error whose dataset can be built opens, so the user can fix it (issue 24): the
/// finding is listed with its place. A file that cannot be built keeps what was open
/// (`ui_files.rs`).
#[test]
fn opening_a_file_with_an_impossible_date_opens_it_with_the_finding_listed() {
    let mut harness = harness();
    let bad = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/malformed/29-impossible-date.json");
    harness.state_mut().open_path_now(&bad);
    harness.run();
    assert_eq!(
        harness.state().doc().dataset.title,
        "Malformed corpus: election denials",
        "the file is open, to be fixed"
    );
    harness.get_by_label_contains("14:15: error: invalid date `2020-02-30`");
}

#[test]
fn show_in_source_opens_the_text_with_the_quote() {
    let mut harness = harness();
    common::show_sochi_quote_in_source(&mut harness);
    harness.get_by_label_contains("Source — Russia does not intend to interfere");
}

#[test]
fn presentation_mode_shows_a_large_caption_and_steps_through_events() {
    let mut harness = harness();
    harness.key_press(egui::Key::F11);
    harness.run();
    assert!(harness.state().is_presenting());
    assert!(
        harness.query_by_label("File").is_none(),
        "no menu bar in presentation mode"
    );
    harness.key_press(egui::Key::ArrowRight);
    // The view glides to the event over a fraction of a second.
    for _ in 0..60 {
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(15));
    }
    harness.run();
    let first = harness.state().selected().expect("an event is selected");
    let title = harness.state().doc().dataset.events[first].title.clone();
    assert!(
        harness.query_all_by_label(&title).count() >= 1,
        "the caption shows {title}"
    );
    let anchor = harness.state().doc().dataset.events[first]
        .date
        .anchor_days();
    let (from, to) = harness.state().timeline().visible_days().unwrap();
    assert!(from < anchor && anchor < to);
    assert!(to - from <= 2.0 * 365.25 + 1.0, "zoomed in on the event");
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(!harness.state().is_presenting());
    harness.get_by_label("File");
}

#[test]
fn a_mark_without_room_for_its_label_is_numbered_and_its_key_entry_selects_it() {
    let mut harness = harness();
    harness.run();
    let scene = harness
        .state()
        .timeline()
        .last_scene
        .clone()
        .expect("the timeline was drawn");
    let callout = scene
        .callouts
        .first()
        .expect("at this window size some marks are numbered")
        .clone();
    let labelled: Vec<usize> = scene.labels.iter().map(|l| l.event).collect();
    assert!(!labelled.contains(&callout.event), "numbered, not labelled");
    harness.get_by_label_contains(&format!("Key: {} numbered mark", scene.callouts.len()));
    harness
        .get_by_label(&format!(
            "{} — {} — {}",
            callout.number, callout.date, callout.title
        ))
        .click();
    harness.run();
    assert_eq!(harness.state().selected(), Some(callout.event));
    // Selected, its label is drawn (the selection is always named).
    let scene = harness.state().timeline().last_scene.clone().unwrap();
    assert!(scene.labels.iter().any(|l| l.event == callout.event));
}

#[test]
fn a_span_still_going_says_so_in_the_detail_panel() {
    let mut harness = harness();
    common::mark(&harness, "US demands Navalny’s release").click();
    harness.run();
    assert_eq!(
        harness.state().selected(),
        Some(event(&harness, "us-demands-navalny-release-2021"))
    );
    harness.get_by_label_contains("17 Jan 2021 – still going as of 17 Mar 2021");
}
