//! The detail panel draws no more than a page of each list and no more than a paragraph's worth of
//! each text, whatever the file holds: an event that 300,000 others answered, or one with an 8 MB
//! summary, froze the window for seconds when selected.

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
    let index = harness.state().doc().dataset.event_index(id).unwrap();
    harness
        .state_mut()
        .push_command(claimline::app::command::Command::Select(index));
    harness.run();
}

/// Scrolls the button labelled `label` into view (a click lands where the node is drawn), then
/// clicks it.
fn click(harness: &mut Harness<'_, ClaimlineApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
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

/// How many links to events titled "Reply …" the window holds.
fn reply_links(harness: &Harness<'_, ClaimlineApp>) -> usize {
    harness
        .query_all(By::new().role(Role::Link).label_contains(": Reply "))
        .count()
}

/// `e0`, answered by `n` events `r0`, `r1`, … titled "Reply 0", "Reply 1", ….
fn answered_by(dir: &Path, n: usize) -> PathBuf {
    let mut events = vec![event("e0", "The answered event")];
    events.extend((0..n).map(|i| {
        let mut reply = event(&format!("r{i}"), &format!("Reply {i}"));
        reply["relations"] = json!([{"type": "responds_to", "target": "e0"}]);
        reply
    }));
    write_dataset(dir, &events, &[])
}

#[test]
fn an_event_answered_5000_times_links_20_and_shows_20_more_on_click() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_and_select(answered_by(dir.path(), 5_000), "e0");

    assert_eq!(reply_links(&harness), 20, "the first page of links");
    harness.get_by_label_contains("Responded to by (5,000)");
    click(&mut harness, "Show 20 more (4,980 not shown)");
    assert_eq!(reply_links(&harness), 40, "a second page after the click");
    harness.get_by_label("Show 20 more (4,960 not shown)");
    harness.get_by_label_contains("Responded to by (5,000)");
}

#[test]
fn selecting_another_event_starts_its_lists_at_the_first_page() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_and_select(answered_by(dir.path(), 100), "e0");
    click(&mut harness, "Show 20 more (80 not shown)");
    assert_eq!(reply_links(&harness), 40);

    select(&mut harness, "r0");
    select(&mut harness, "e0");
    assert_eq!(reply_links(&harness), 20, "back at the first page");
    harness.get_by_label("Show 20 more (80 not shown)");

    // Nothing selected in between counts as another selection too.
    click(&mut harness, "Show 20 more (80 not shown)");
    assert_eq!(reply_links(&harness), 40);
    harness
        .state_mut()
        .push_command(claimline::app::command::Command::ClearSelection);
    harness.run();
    select(&mut harness, "e0");
    assert_eq!(reply_links(&harness), 20, "back at the first page");
}

#[test]
fn incoming_relations_of_each_kind_are_paged_apart() {
    // Denials and responses interleaved: each group shows its own first page and reveals its own
    // next one.
    let dir = tempfile::tempdir().unwrap();
    let mut events = vec![event("e0", "The answered event")];
    events.extend((0..100).map(|i| {
        let (kind, title) = if i % 2 == 0 {
            ("responds_to", format!("Reply {i}"))
        } else {
            ("denies", format!("Denial {i}"))
        };
        let mut other = event(&format!("r{i}"), &title);
        other["relations"] = json!([{"type": kind, "target": "e0"}]);
        other
    }));
    let mut harness = open_and_select(write_dataset(dir.path(), &events, &[]), "e0");
    let denials = |harness: &Harness<'_, ClaimlineApp>| {
        harness
            .query_all(By::new().role(Role::Link).label_contains(": Denial "))
            .count()
    };
    assert_eq!((denials(&harness), reply_links(&harness)), (20, 20));
    let more = "Show 20 more (30 not shown)";
    assert_eq!(
        harness.get_all_by_label(more).count(),
        2,
        "one button per group"
    );
    // Denials are grouped first.
    harness
        .get_all_by_label(more)
        .next()
        .unwrap()
        .scroll_to_me();
    harness.run();
    harness.get_all_by_label(more).next().unwrap().click();
    harness.run();
    assert_eq!((denials(&harness), reply_links(&harness)), (40, 20));
    click(&mut harness, "Show 10 more (10 not shown)");
    assert_eq!((denials(&harness), reply_links(&harness)), (50, 20));
    harness.get(By::new().role(Role::Link).label_contains(": Denial 99"));
}

#[test]
fn an_event_with_1000_citations_shows_only_the_first_page() {
    let dir = tempfile::tempdir().unwrap();
    let text = (0..1_000)
        .map(|i| format!("Citation {i:04} says so."))
        .collect::<Vec<_>>()
        .join(" ");
    let source = json!({"id": "s0", "title": "A long transcript", "text": text});
    let mut cited = event("e0", "A much-cited event");
    cited["citations"] = (0..1_000)
        .map(|i| json!({"source": "s0", "quote": {"exact": format!("Citation {i:04} says so")}}))
        .collect();
    let mut harness = open_and_select(write_dataset(dir.path(), &[cited], &[source]), "e0");

    let quotes = |harness: &Harness<'_, ClaimlineApp>| {
        harness.query_all_by_label_contains("says so”").count()
    };
    assert_eq!(quotes(&harness), 20, "the first page of citations");
    harness.get_by_label("Citations (1,000)");
    harness.get_by_label("“Citation 0019 says so”");
    assert!(
        harness
            .query_by_label_contains("Citation 0020 says so”")
            .is_none()
    );
    click(&mut harness, "Show 20 more (980 not shown)");
    assert_eq!(quotes(&harness), 40, "a second page after the click");
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
