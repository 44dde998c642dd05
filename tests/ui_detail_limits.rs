//! The detail panel draws no more than a paragraph's worth of each text, whatever the file holds:
//! an event with an 8 MB summary froze the window for seconds when selected.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test that cannot unwrap has failed"
)]

#[allow(dead_code, reason = "not every test file uses every shared helper")]
mod common;

use std::path::{Path, PathBuf};

use claimline::app::ClaimlineApp;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{AccessKitNode, By, NodeT as _, Queryable as _};
use serde_json::{Value, json};

/// `events` (and `sources`) as a `claimline/1` file in `dir`.
fn write_dataset(dir: &Path, events: &[Value], sources: &[Value]) -> PathBuf {
    let dataset = json!({
        "format": "claimline/1",
        "title": "Hostile but valid",
        "sources": sources,
        "events": events,
    });
    let path = dir.join("claims.json");
    std::fs::write(&path, serde_json::to_string(&dataset).unwrap()).unwrap();
    path
}

fn event(id: &str, title: &str) -> Value {
    json!({"id": id, "kind": "statement", "date": "2020-11-09", "title": title})
}

/// The app with `path` open and the event `id` selected.
fn open_and_select(path: PathBuf, id: &str) -> Harness<'static, ClaimlineApp> {
    let mut harness = Harness::builder()
        .with_size(common::WINDOW)
        .build_eframe(|cc| ClaimlineApp::new(cc, Some(path)));
    common::wait_for_load(&mut harness);
    select(&mut harness, id);
    harness
}

fn select(harness: &mut Harness<'_, ClaimlineApp>, id: &str) {
    let index = harness.state().doc.dataset.event_index(id).unwrap();
    harness.state_mut().selected = Some(index);
    harness.run();
}

/// The text a node shows: a label keeps it in its value, other widgets in their label.
fn text_of(node: &AccessKitNode<'_>) -> Option<String> {
    if node.role() == Role::Label {
        node.value()
    } else {
        node.label()
    }
}

#[test]
fn a_summary_of_a_million_characters_is_cut_to_20000_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut long = event("e0", "An event with a long summary");
    long["summary"] = Value::String("a".repeat(1_000_000));
    let harness = open_and_select(write_dataset(dir.path(), &[long], &[]), "e0");

    let longest = harness
        .query_all(By::new().predicate(|node| text_of(node).is_some()))
        .filter_map(|node| text_of(&node.accesskit_node()))
        .map(|text| text.chars().count())
        .max()
        .unwrap();
    assert!(
        longest <= 20_001,
        "the longest text drawn is {longest} characters"
    );
    let summary = harness
        .query_all(By::new().predicate(|node| text_of(node).is_some_and(|t| t.starts_with("aaaa"))))
        .find_map(|node| text_of(&node.accesskit_node()))
        .expect("the summary is shown");
    assert_eq!(summary, format!("{}…", "a".repeat(20_000)));
    harness.get_by_label("Cut to the first 20,000 of 1,000,000 characters");
}

#[test]
fn notes_under_relation_links_are_cut_and_their_controls_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut reply = event("r0", "Reply 0");
    reply["relations"] = json!([{
        "type": "responds_to",
        "target": "e0",
        "note": format!("\u{202E}{}", "n".repeat(30_000)),
    }]);
    let harness = open_and_select(
        write_dataset(dir.path(), &[event("e0", "Answered"), reply], &[]),
        "e0",
    );
    let note = harness
        .query_all(
            By::new().predicate(|node| text_of(node).is_some_and(|t| t.starts_with("⟨U+202E⟩nnn"))),
        )
        .find_map(|node| text_of(&node.accesskit_node()))
        .expect("the note is shown, its override as text");
    assert_eq!(
        note.chars().count(),
        "⟨U+202E⟩".chars().count() + 19_999 + 1
    );
    harness.get_by_label("Cut to the first 20,000 of 30,001 characters");
}
