//! A source's URL is a link only when it is http(s); a `javascript:` URL from a stranger's file is
//! shown as plain text that nothing opens (issue 11).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test that cannot unwrap has failed"
)]

#[allow(dead_code, reason = "not every test file uses every shared helper")]
mod common;

use std::path::Path;

use claimline::app::ClaimlineApp;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT as _, Queryable as _};
use serde_json::Value;

/// The seed dataset, its texts inline, with two sources' URLs replaced.
fn write_dataset(dir: &Path, script_url: &str, web_url: &str) -> std::path::PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let text = std::fs::read_to_string(root.join("claims.json")).unwrap();
    let mut dataset: Value = serde_json::from_str(&text).unwrap();
    for source in dataset["sources"].as_array_mut().unwrap() {
        if let Some(file) = source["text_file"].as_str() {
            let text = std::fs::read_to_string(root.join(file)).unwrap();
            source["text"] = Value::String(text);
            source.as_object_mut().unwrap().remove("text_file");
        }
        source["url"] = Value::String(web_url.into());
    }
    dataset["sources"][0]["url"] = Value::String(script_url.into());
    let path = dir.join("claims.json");
    std::fs::write(&path, serde_json::to_string(&dataset).unwrap()).unwrap();
    path
}

#[test]
fn a_javascript_url_is_text_and_an_https_url_is_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let script = "javascript:alert(1)";
    let web = "https://example.org/article";
    let path = write_dataset(dir.path(), script, web);
    let mut harness = Harness::builder()
        .with_size(common::WINDOW)
        .build_eframe(|cc| ClaimlineApp::new(cc, Some(path.clone())));
    common::wait_for_load(&mut harness);

    // An event citing the first source (the one with the script URL).
    let doc = &harness.state().doc();
    let script_source = doc.dataset.sources[0].id.clone();
    let event = doc
        .dataset
        .events
        .iter()
        .position(|e| e.citations.iter().any(|c| c.source == script_source))
        .expect("an event cites the first source");
    harness
        .state_mut()
        .push_command(claimline::app::command::Command::Select(event));
    harness.run();

    let shown = harness
        .query_all(By::new().label_contains(script))
        .collect::<Vec<_>>();
    assert!(!shown.is_empty(), "the script URL is shown");
    assert!(
        shown
            .iter()
            .all(|node| node.accesskit_node().role() != Role::Link),
        "a javascript: URL is never a link"
    );
    assert!(
        harness
            .query_all(By::new().role(Role::Link))
            .all(|node| !node
                .accesskit_node()
                .label()
                .unwrap_or_default()
                .contains(script)),
        "no link carries the script URL"
    );

    // Another source, with a web URL: that one is a link.
    let doc = &harness.state().doc();
    let event = doc
        .dataset
        .events
        .iter()
        .position(|e| e.citations.iter().any(|c| c.source != script_source))
        .expect("an event cites another source");
    harness
        .state_mut()
        .push_command(claimline::app::command::Command::Select(event));
    harness.run();
    assert!(
        harness
            .query_all(By::new().role(Role::Link))
            .any(|node| node
                .accesskit_node()
                .label()
                .unwrap_or_default()
                .contains(web)),
        "an https URL is a link"
    );
}
