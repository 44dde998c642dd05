//! Making the record in the window (issue 24), as a user does it: open a dataset, switch the detail
//! panel to Edit, retitle an event, undo and redo it, save, and find the change in the file, which
//! `claimline check` then passes with every quote verified.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot unwrap has failed"
)]

#[allow(dead_code, reason = "not every test file uses every shared helper")]
mod common;

use claimline::app::command::Command;
use egui_kittest::kittest::Queryable as _;

/// A copy of the seed (file and source texts) in a folder of its own.
fn seed_copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    std::fs::create_dir(dir.path().join("sources")).unwrap();
    for entry in std::fs::read_dir(data.join("sources")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(
            entry.path(),
            dir.path().join("sources").join(entry.file_name()),
        )
        .unwrap();
    }
    let path = dir.path().join("claims.json");
    std::fs::copy(data.join("claims.json"), &path).unwrap();
    (dir, path)
}

#[test]
fn retitle_undo_redo_and_save_and_the_file_holds_it() {
    let (_dir, path) = seed_copy();
    let mut harness = common::harness();
    harness.state_mut().open_path_now(&path);
    harness.run();
    let event = common::event(&harness, "ryabkov-rejects-odni-report-2021");
    let before = harness.state().doc().dataset.events[event].title.clone();
    harness.state_mut().push_command(Command::Select(event));
    harness.run();
    harness.get_by_label("✏ Edit").click();
    harness.run();

    // Typing in the title field: each keystroke is an edit, all of them one undo step.
    let is_title_field = |n: &egui_kittest::kittest::AccessKitNode<'_>| {
        n.role() == egui::accesskit::Role::TextInput && n.label().as_deref() == Some("Title")
    };
    harness.get_by(is_title_field).focus();
    harness.run();
    harness.get_by(is_title_field).type_text(" (RIA Novosti)");
    harness.run();
    let typed = format!("{before} (RIA Novosti)");
    assert_eq!(harness.state().doc().dataset.events[event].title, typed);
    assert!(harness.state().has_unsaved_changes());
    harness.get_by_label("● Unsaved changes");

    harness.state_mut().push_command(Command::Undo);
    harness.run();
    assert_eq!(
        harness.state().doc().dataset.events[event].title,
        before,
        "one undo takes back the whole typing"
    );
    assert!(!harness.state().has_unsaved_changes());
    harness.state_mut().push_command(Command::Redo);
    harness.run();
    assert_eq!(harness.state().doc().dataset.events[event].title, typed);

    harness.state_mut().push_command(Command::Save);
    for _ in 0..500 {
        harness.step();
        if !harness.state().has_unsaved_changes() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run();
    assert!(!harness.state().has_unsaved_changes(), "saved");
    assert!(harness.state().notice().unwrap().starts_with("Saved "));
    assert!(
        path.with_extension("json.bak").is_file(),
        "the previous version is kept"
    );

    let outcome = claimline::load::load_file(&path).unwrap();
    assert!(
        !outcome.report.has_errors(),
        "{:?}",
        outcome.report.findings
    );
    let doc = claimline::document::Document::from_outcome(outcome).unwrap();
    let saved = doc
        .dataset
        .event_index("ryabkov-rejects-odni-report-2021")
        .unwrap();
    assert_eq!(doc.dataset.events[saved].title, typed);
    let (verified, missing) = doc.quote_counts();
    assert!(verified >= 61 && missing == 0, "{verified} ✔, {missing} ✘");
}

/// An edit that leaves an error is allowed and marked: clearing the date basis says it is missing.
#[test]
fn clearing_the_date_basis_is_allowed_and_named_as_missing() {
    let mut harness = common::harness();
    let event = common::event(&harness, "peskov-sochi-2024-03-06");
    harness.state_mut().push_command(Command::Select(event));
    harness.run();
    harness.state_mut().push_command(Command::Edit {
        edit: claimline::edit::Edit::SetDateBasis { event, basis: None },
        group: None,
    });
    harness.run();
    harness.get_by_label("✏ Edit").click();
    harness.run();
    harness.get_by_label("Missing: say how the date was found");
    assert!(
        harness.state().doc().dataset.events[event]
            .date_basis
            .is_none()
    );
    harness.state_mut().push_command(Command::Undo);
    harness.run();
    assert!(
        harness.state().doc().dataset.events[event]
            .date_basis
            .is_some()
    );
}
