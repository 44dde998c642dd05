//! The timeline by keyboard alone: Tab reaches it, the arrows walk its marks (← / → in time,
//! ↑ / ↓ between lanes), Enter opens the source, Esc clears; a screen reader hears which event.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test that cannot unwrap has failed"
)]

#[allow(dead_code, reason = "not every test file uses every shared helper")]
mod common;

use claimline::app::ClaimlineApp;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

/// The timeline's accessibility node: "Timeline, 44 events; arrows move between events, …".
fn timeline<'h>(harness: &'h Harness<'_, ClaimlineApp>) -> egui_kittest::Node<'h> {
    harness.get_by(|node| {
        node.label()
            .is_some_and(|label| label.starts_with("Timeline, ") && label.contains("arrows"))
    })
}

fn timeline_focused(harness: &Harness<'_, ClaimlineApp>) -> bool {
    timeline(harness).accesskit_node().is_focused()
}

/// Presses Tab until the timeline has the keyboard; how many presses it took.
fn tab_to_timeline(harness: &mut Harness<'_, ClaimlineApp>) -> usize {
    for presses in 1..=40 {
        harness.key_press(Key::Tab);
        harness.run();
        if timeline_focused(harness) {
            return presses;
        }
    }
    panic!("Tab never reached the timeline");
}

fn press(harness: &mut Harness<'_, ClaimlineApp>, key: Key) {
    harness.key_press(key);
    harness.run();
}

fn in_view(harness: &Harness<'_, ClaimlineApp>, event: usize) -> bool {
    let (lo, hi) = harness.state().timeline().visible_days().unwrap();
    let anchor = harness.state().doc().dataset.events[event]
        .date
        .anchor_days();
    lo <= anchor && anchor <= hi
}

#[test]
fn tab_reaches_the_timeline_right_selects_the_first_event_and_enter_opens_its_source() {
    let mut harness = common::harness();
    let label = timeline(&harness).accesskit_node().label().unwrap();
    assert_eq!(
        label,
        "Timeline, 44 events; arrows move between events, Enter opens the source"
    );
    assert!(!timeline_focused(&harness));
    assert_eq!(tab_to_timeline(&mut harness), 1, "the first Tab stop");

    press(&mut harness, Key::ArrowRight);
    let first = harness.state().doc().index.by_time[0];
    assert_eq!(harness.state().selected(), Some(first), "the first in time");
    let event = harness.state().doc().dataset.events[first].clone();
    assert!(
        harness.query_all_by_label(&event.title).count() >= 1,
        "the detail panel shows {}",
        event.title
    );
    assert!(in_view(&harness, first));
    assert!(
        timeline_focused(&harness),
        "→ kept the keyboard on the timeline"
    );
    assert_eq!(
        timeline(&harness).accesskit_node().value().as_deref(),
        Some(event.accessible_label().as_str()),
        "a screen reader hears the selected event"
    );

    press(&mut harness, Key::ArrowRight);
    let second = harness.state().doc().index.by_time[1];
    assert_eq!(
        harness.state().selected(),
        Some(second),
        "→ again: the next"
    );
    press(&mut harness, Key::ArrowLeft);
    assert_eq!(harness.state().selected(), Some(first), "← goes back");

    let source = {
        let data = &harness.state().doc().dataset;
        let citation = &event.citations[0];
        data.source(&citation.source).unwrap().title.clone()
    };
    let windows =
        |h: &Harness<'_, ClaimlineApp>| h.query_all_by_label_contains("Source — ").count();
    assert_eq!(windows(&harness), 0);
    press(&mut harness, Key::Enter);
    harness.get_by_label_contains(&format!("Source — {source}"));
    assert_eq!(
        harness.state().selected(),
        Some(first),
        "Enter selects nothing else"
    );

    // Esc clears the selection and keeps the keyboard; a second Esc hands it back.
    press(&mut harness, Key::Escape);
    assert_eq!(harness.state().selected(), None);
    assert!(timeline_focused(&harness));
    press(&mut harness, Key::Escape);
    assert!(!timeline_focused(&harness));
}

#[test]
fn down_and_up_move_to_the_nearest_event_in_the_next_lane() {
    let mut harness = common::harness();
    tab_to_timeline(&mut harness);
    // A statement in the middle of the record, from where lanes above and below have events.
    let sochi = common::event(&harness, "peskov-sochi-2024-03-06");
    harness
        .state_mut()
        .push_command(claimline::app::command::Command::Select(sochi));
    harness.run();
    let lane_of = |h: &Harness<'_, ClaimlineApp>, e: usize| h.state().doc().index.lane_of_event[e];
    let start = lane_of(&harness, sochi);
    let lanes = harness.state().doc().dataset.lanes.len();
    assert!(start + 1 < lanes, "a lane below");

    press(&mut harness, Key::ArrowDown);
    let below = harness.state().selected().unwrap();
    assert!(lane_of(&harness, below) > start, "↓ goes to a lane below");
    let gap = |h: &Harness<'_, ClaimlineApp>, a: usize, b: usize| {
        let data = &h.state().doc().dataset;
        (data.events[a].earliest_days() - data.events[b].earliest_days()).abs()
    };
    let below_lane = lane_of(&harness, below);
    let nearest = harness.state().doc().index.lanes[below_lane]
        .events
        .iter()
        .map(|&e| gap(&harness, e, sochi))
        .fold(f64::INFINITY, f64::min);
    assert!(
        (gap(&harness, below, sochi) - nearest).abs() < 1e-9,
        "the nearest in time in that lane"
    );
    assert!(in_view(&harness, below), "the view follows");
    assert!(
        timeline_focused(&harness),
        "↓ kept the keyboard on the timeline"
    );

    press(&mut harness, Key::ArrowUp);
    let up = harness.state().selected().unwrap();
    assert!(lane_of(&harness, up) < below_lane, "↑ goes back up");
    assert_eq!(
        timeline(&harness).accesskit_node().value(),
        Some(harness.state().doc().dataset.events[up].accessible_label())
    );
}

#[test]
fn arrows_without_the_timeline_focused_leave_the_down_key_alone() {
    let mut harness = common::harness();
    press(&mut harness, Key::ArrowRight);
    let first = harness
        .state()
        .selected()
        .expect("→ selects without focus, as before");
    press(&mut harness, Key::ArrowDown);
    assert_eq!(
        harness.state().selected(),
        Some(first),
        "↓ is the timeline's only while it has the keyboard"
    );
}

#[test]
fn the_timeline_keeps_the_keyboard_when_the_table_opens_beside_it() {
    let mut harness = common::harness();
    tab_to_timeline(&mut harness);
    press(&mut harness, Key::ArrowRight);
    // The table squeezes the timeline and the key of numbered marks changes with it.
    press(&mut harness, Key::T);
    assert!(harness.state().remembered().show_table);
    assert!(timeline_focused(&harness), "still on the timeline");
    press(&mut harness, Key::ArrowRight);
    let second = harness.state().doc().index.by_time[1];
    assert_eq!(harness.state().selected(), Some(second), "→ still walks");
}

#[test]
fn three_presses_in_one_frame_step_three_events() {
    let mut harness = common::harness();
    tab_to_timeline(&mut harness);
    // A slow frame sees a held key's repeats together.
    for _ in 0..3 {
        harness.key_press(Key::ArrowRight);
    }
    harness.run();
    let third = harness.state().doc().index.by_time[2];
    assert_eq!(harness.state().selected(), Some(third));
}
