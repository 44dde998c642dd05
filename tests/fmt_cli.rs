//! `claimline fmt` as a user runs it: rewrites a claimline/1 file canonically, once; `--check`
//! names what is not canonical and changes nothing; other formats are pointed to `convert`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test that cannot unwrap has failed"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn claimline(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimline"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run claimline")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A copy of the seed dataset and its sources in a fresh folder.
fn seed_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
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
fn fmt_rewrites_once_and_then_has_nothing_to_do() {
    let (dir, path) = seed_copy();
    // Minified: certainly not canonical, whatever the seed's own layout is.
    let value: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    std::fs::write(&path, serde_json::to_vec(&value).unwrap()).unwrap();
    let before = std::fs::read(&path).unwrap();

    let check = claimline(&["fmt", "--check", "claims.json"], dir.path());
    assert_eq!(check.status.code(), Some(1), "{}", text(&check.stderr));
    assert!(
        text(&check.stdout).contains("claims.json: not canonical"),
        "{}",
        text(&check.stdout)
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "--check changes nothing"
    );

    let first = claimline(&["fmt", "claims.json"], dir.path());
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    assert!(text(&first.stdout).contains("claims.json: formatted"));
    let formatted = std::fs::read(&path).unwrap();
    assert_ne!(formatted, before);
    assert!(formatted.ends_with(b"}\n"));
    assert!(formatted.starts_with(b"{\n  \"format\": \"claimline/1\",\n"));

    let check = claimline(&["fmt", "--check", "claims.json"], dir.path());
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stdout));
    assert_eq!(text(&check.stdout), "", "nothing to name");

    let second = claimline(&["fmt", "claims.json"], dir.path());
    assert_eq!(second.status.code(), Some(0));
    assert_eq!(text(&second.stdout), "", "idempotent: nothing rewritten");
    assert_eq!(std::fs::read(&path).unwrap(), formatted);

    // What was formatted is the same dataset: every quote still verified.
    let checked = claimline(&["check", "--format", "json", "claims.json"], dir.path());
    let report: serde_json::Value = serde_json::from_slice(&checked.stdout).unwrap();
    let original = claimline(
        &["check", "--format", "json", "data/claims.json"],
        Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    let original: serde_json::Value = serde_json::from_slice(&original.stdout).unwrap();
    for key in ["events", "sources", "quotes_verified"] {
        assert_eq!(report[key], original[key], "{key}");
    }
    assert_eq!(report["errors"], original["errors"]);
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert!(
        !dir.path().join("claims.json.bak").exists(),
        "fmt keeps no backup"
    );
}

#[test]
fn check_names_only_the_files_that_are_not_canonical() {
    let (dir, path) = seed_copy();
    let formatted = claimline(&["fmt", "claims.json"], dir.path());
    assert!(formatted.status.success(), "{}", text(&formatted.stderr));
    let canonical = std::fs::read(&path).unwrap();
    // The same dataset with one line's indentation changed.
    let messy = text(&canonical).replacen("\n  \"title\"", "\n    \"title\"", 1);
    std::fs::write(dir.path().join("messy.json"), &messy).unwrap();
    let check = claimline(&["fmt", "--check", "claims.json", "messy.json"], dir.path());
    assert_eq!(check.status.code(), Some(1));
    let out = text(&check.stdout);
    assert!(out.contains("messy.json: not canonical"), "{out}");
    assert!(!out.contains("claims.json"), "{out}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("messy.json")).unwrap(),
        messy
    );
}

#[test]
fn fmt_refuses_another_format_and_points_to_convert() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/timelinejs/women_in_computing.json");
    let path = dir.path().join("timeline.json");
    std::fs::copy(&fixture, &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    for args in [
        &["fmt", "timeline.json"][..],
        &["fmt", "--check", "timeline.json"],
    ] {
        let out = claimline(args, dir.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = text(&out.stderr);
        assert!(err.contains("TimelineJS3 JSON, not claimline/1"), "{err}");
        assert!(err.contains("claimline convert timeline.json -o"), "{err}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), before, "never rewritten");

    let missing = claimline(&["fmt", "missing.json"], dir.path());
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("missing.json"));
}

#[test]
fn fmt_keeps_fields_it_does_not_know() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.json");
    std::fs::write(
        &path,
        r#"{"format":"claimline/1","title":"t","x-owner":"desk",
            "events":[{"id":"a","kind":"report","date":"2020","title":"A","x-internal":{"n":1}}]}"#,
    )
    .unwrap();
    let out = claimline(&["fmt", "d.json"], dir.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let value: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(value["x-owner"], "desk");
    assert_eq!(value["events"][0]["x-internal"]["n"], 1);
}
