//! What the picture says is true (issue 25): arrows end on the event they name or say it is hidden,
//! the key's numbers name the marks beside them, and a layout at one size is the same every frame.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test that cannot unwrap has failed"
)]

#[allow(dead_code, reason = "not every test file uses every shared helper")]
mod common;

use claimline::model::EventKind;
use claimline::timeline::{Filter, Scene};
use common::{event, harness};
use egui_kittest::kittest::Queryable as _;

fn scene(harness: &egui_kittest::Harness<'_, claimline::app::ClaimlineApp>) -> Scene {
    (**harness
        .state()
        .timeline()
        .last_scene
        .as_ref()
        .expect("a frame was drawn"))
    .clone()
}

/// What a reader sees of a layout: every label and number, with its place and text.
fn picture(scene: &Scene) -> String {
    format!(
        "{:?}\n{:?}\n{:?}",
        scene.labels,
        scene.callouts,
        scene
            .marks
            .iter()
            .map(|m| (m.event, m.y))
            .collect::<Vec<_>>()
    )
}

/// Twenty window sizes, each laid out twice (a frame, then a pointer move and another frame):
/// the second layout equals the first. Then the steps: 1440×880 → 900×600 → 1600×1000 →
/// 1440×880 gives back the first 1440×880 layout.
#[test]
fn a_layout_at_one_size_is_the_same_on_every_frame() {
    let mut harness = harness();
    let sizes: Vec<[f32; 2]> = (0..20)
        .map(|i| {
            let i = i as f32;
            [900.0 + 37.0 * i, 600.0 + 23.0 * i]
        })
        .collect();
    for size in &sizes {
        harness.set_size((*size).into());
        harness.run();
        let first = picture(&scene(&harness));
        harness.hover_at(egui::pos2(size[0] * 0.3, size[1] * 0.4));
        harness.run();
        let second = picture(&scene(&harness));
        assert_eq!(
            first, second,
            "the layout changed between frames at {size:?}"
        );
    }

    harness.set_size(egui::vec2(1440.0, 880.0));
    harness.run();
    let before = picture(&scene(&harness));
    for size in [[900.0, 600.0], [1600.0, 1000.0], [1440.0, 880.0]] {
        harness.set_size(size.into());
        harness.run();
    }
    assert_eq!(before, picture(&scene(&harness)));
}

/// Every number drawn beside a mark is listed in the key with that mark's own date and title, at
/// every size tried, in the frame the reader sees.
#[test]
fn every_number_in_the_key_names_the_event_beside_it() {
    let mut harness = harness();
    let mut checked = 0;
    for size in [
        [900.0, 600.0],
        [1100.0, 700.0],
        [1440.0, 880.0],
        [1600.0, 1000.0],
    ] {
        harness.set_size(size.into());
        harness.run();
        let scene = scene(&harness);
        let dataset = &harness.state().doc().dataset;
        for callout in &scene.callouts {
            let event = &dataset.events[callout.event];
            let mark = scene
                .mark_of(callout.event)
                .expect("a numbered mark is drawn");
            // The number sits beside its own mark, or at the end of a leader line from it.
            let (mx, my) = scene.to_px(mark.x_days, mark.y);
            let (nx, ny) = scene.to_px(callout.x_days, callout.y);
            let near = (nx - mx).abs() < 40.0 + callout.width_px && (ny - my).abs() < 40.0;
            assert!(
                near || callout.leader.is_some(),
                "{callout:?} is far from {mark:?}"
            );
            let entry = format!("{} — {} — {}", callout.number, event.date, event.title);
            harness.get_by_label(&entry);
            checked += 1;
        }
    }
    assert!(checked > 0, "some size numbers some marks");
}

/// The steps: search "groundless", Kind ▸ Statement, select Ryabkov's statement. Its
/// "denies" target (the ODNI report) is hidden by the filter, so no arrow is drawn for it, and the
/// key, the detail panel and presentation mode say what is hidden.
#[test]
fn a_relation_to_an_event_the_filter_hides_gets_no_arrow_and_says_so() {
    let mut harness = harness();
    let ryabkov = event(&harness, "ryabkov-rejects-odni-report-2021");
    let report = event(&harness, "odni-report-2021");
    harness
        .state_mut()
        .push_command(claimline::app::command::Command::SetFilter(Filter {
            search: "groundless".into(),
            kinds: vec![EventKind::Statement],
            ..Filter::default()
        }));
    harness.run();
    harness
        .state_mut()
        .push_command(claimline::app::command::Command::Select(ryabkov));
    harness.run();
    let scene = scene(&harness);
    assert!(
        scene.arrows.iter().all(|a| a.to_event != report),
        "{:?}",
        scene.arrows
    );
    // Every arrow drawn ends on the mark of the event it names.
    for arrow in &scene.arrows {
        let mark = scene.mark_of(arrow.to_event).expect("its target is drawn");
        assert_eq!(arrow.to, (mark.x_days, mark.y));
    }
    assert!(scene.hidden_relations.iter().any(|h| h.other == report));
    harness.get_by_label_contains("(hidden by the filter)");
    harness.get_by_label("(hidden by the filter: no arrow)");

    harness.key_press(egui::Key::F11);
    harness.run();
    harness.get_by_label_contains("Filtered: kind statement");
}

/// A selected event that the filter hides keeps its panel, which says so and offers a way back.
#[test]
fn a_selected_event_the_filter_hides_says_so_in_its_panel() {
    let mut harness = harness();
    let report = event(&harness, "odni-report-2021");
    harness
        .state_mut()
        .push_command(claimline::app::command::Command::Select(report));
    harness.run();
    harness
        .state_mut()
        .push_command(claimline::app::command::Command::SetFilter(Filter {
            kinds: vec![EventKind::Statement],
            ..Filter::default()
        }));
    harness.run();
    harness.get_by_label_contains("Hidden by the search or filters");
    assert!(scene(&harness).selected_hidden);
    harness.get_by_label("Clear search and filters").click();
    harness.run();
    harness.run();
    assert!(!harness.state().filter().is_active());
    assert!(scene(&harness).mark_of(report).is_some());
}

/// Filter ▸ Hide lane removes the row; the chip names the lane as the timeline does; the count
/// says what it counts.
#[test]
fn hiding_a_lane_removes_its_row_and_the_chip_names_it() {
    let mut harness = harness();
    let rows_before = scene(&harness).lanes.len();
    harness
        .state_mut()
        .push_command(claimline::app::command::Command::SetFilter(Filter {
            hidden_lanes: vec!["elections".into()],
            ..Filter::default()
        }));
    harness.run();
    let scene = scene(&harness);
    assert_eq!(scene.lanes.len(), rows_before - 1);
    assert!(scene.lanes.iter().all(|l| l.id != "elections"));
    let label = harness
        .state()
        .doc()
        .dataset
        .lanes
        .iter()
        .find(|l| l.id == "elections")
        .map(|l| l.label.clone())
        .expect("the seed has an elections lane");
    harness.get_by_label(&format!("Remove filter Hidden lane: {label}"));
    let total = harness.state().doc().dataset.events.len();
    let shown = harness
        .state()
        .matches()
        .map(claimline::timeline::Matches::count)
        .unwrap();
    harness.get_by_label(&format!("{shown} of {total} events shown"));
    assert!(harness.query_by_label_contains("matches").is_none());
}

/// Kind ▸ Statement: the legend names statements only, and the rows the filter empties (the
/// elections) are not drawn, as an export of the same filter draws it. Clearing it brings them
/// back.
#[test]
fn a_kind_filter_leaves_only_its_kind_in_the_legend_and_drops_emptied_rows() {
    let mut harness = harness();
    harness.get_by_label("Election");
    harness
        .state_mut()
        .push_command(claimline::app::command::Command::SetFilter(Filter {
            kinds: vec![EventKind::Statement],
            ..Filter::default()
        }));
    for _ in 0..50 {
        harness.step();
        if harness.state().matches().is_some() && !harness.state().is_searching() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run();
    assert!(
        harness.query_by_label("Election").is_none(),
        "no election is shown"
    );
    harness.get_by_label("Statement");
    let dataset = &harness.state().doc().dataset;
    let elections = dataset
        .lanes
        .iter()
        .position(|l| l.id == "elections")
        .unwrap();
    let rows = harness
        .state()
        .timeline()
        .rows
        .clone()
        .expect("rows are chosen");
    assert!(!rows.contains(&elections), "{rows:?}");
    assert!(
        scene(&harness).marks.iter().all(|m| {
            harness.state().doc().dataset.events[m.event].kind == EventKind::Statement
        })
    );

    harness
        .state_mut()
        .push_command(claimline::app::command::Command::SetFilter(
            Filter::default(),
        ));
    harness.run();
    harness.get_by_label("Election");
    assert!(harness.state().timeline().rows.is_none());
}
