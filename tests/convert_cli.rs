//! `claimline convert` as a user runs it: every format Claimline reads becomes a claimline/1 file
//! that `check` passes, with its source texts beside it; nothing is overwritten without --force,
//! and the input never.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test that cannot unwrap has failed"
)]

#[allow(dead_code, reason = "not every test file uses every shared helper")]
mod common;

use common::cli::{claimline_in, manifest, text};

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// `check --format json` of `path`: the report object.
fn check(path: &Path) -> serde_json::Value {
    let out = claimline_in(
        &["check", "--format", "json", path.to_str().unwrap()],
        manifest(),
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn messages(report: &serde_json::Value, kind: &str) -> BTreeSet<String> {
    report[kind]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap().to_owned())
        .collect()
}

fn timelinejs_fixtures() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(manifest().join("tests/fixtures/timelinejs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json" || e == "csv"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_timelinejs_fixture_converts_to_a_file_check_passes() {
    let fixtures = timelinejs_fixtures();
    assert!(fixtures.len() >= 7, "{fixtures:?}");
    for fixture in fixtures {
        let dir = tempfile::tempdir().unwrap();
        let out_path = dir.path().join("converted.json");
        let out = claimline_in(
            &[
                "convert",
                fixture.to_str().unwrap(),
                "-o",
                out_path.to_str().unwrap(),
            ],
            dir.path(),
        );
        let name = fixture.display();
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stderr));
        assert!(text(&out.stdout).contains("converted.json:"), "{name}");

        let input = check(&fixture);
        let converted = check(&out_path);
        assert_eq!(converted["events"], input["events"], "{name}");
        assert_eq!(converted["sources"], input["sources"], "{name}");
        // Slides the import could not take are left out of the new file, with their errors; the
        // only errors left are in the data itself (a TimelineJS example whose range ends before it
        // starts), never made by the conversion.
        let left = messages(&converted, "errors");
        let from_input = messages(&input, "errors");
        assert!(
            left.is_subset(&from_input),
            "{name}: new errors {:?}",
            left.difference(&from_input).collect::<Vec<_>>()
        );
        if from_input.iter().all(|m| m.contains("is not imported")) {
            let status = claimline_in(&["check", out_path.to_str().unwrap()], dir.path()).status;
            assert_eq!(
                status.code(),
                Some(0),
                "{name}: check fails on the converted file"
            );
        }
        // It is claimline/1 now: fmt has nothing to do.
        let fmt = claimline_in(&["fmt", "--check", "converted.json"], dir.path());
        assert_eq!(fmt.status.code(), Some(0), "{name}: {}", text(&fmt.stdout));
    }
}

#[test]
fn converting_the_seed_writes_its_texts_beside_the_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let seed = manifest().join("data/claims.json");
    // The folder is made.
    let out = claimline_in(
        &["convert", seed.to_str().unwrap(), "-o", "copy/claims.json"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    for entry in std::fs::read_dir(manifest().join("data/sources")).unwrap() {
        let entry = entry.unwrap();
        let copied = dir.path().join("copy/sources").join(entry.file_name());
        assert_eq!(
            std::fs::read(&copied).unwrap(),
            std::fs::read(entry.path()).unwrap(),
            "{}",
            copied.display()
        );
    }
    let original = check(&seed);
    let converted = check(&dir.path().join("copy/claims.json"));
    assert_eq!(converted["errors"], serde_json::json!([]));
    assert_eq!(converted["quotes_verified"], original["quotes_verified"]);
    assert!(original["quotes_verified"].as_u64().unwrap() > 0);
}

#[test]
fn convert_refuses_to_overwrite_without_force_and_the_input_ever() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = manifest().join("tests/fixtures/timelinejs/women_in_computing.csv");
    let input = dir.path().join("women.csv");
    std::fs::copy(&fixture, &input).unwrap();
    let out_path = dir.path().join("women.json");
    std::fs::write(&out_path, "mine").unwrap();

    let refused = claimline_in(&["convert", "women.csv", "-o", "women.json"], dir.path());
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        text(&refused.stderr).contains("pass --force"),
        "{}",
        text(&refused.stderr)
    );
    assert_eq!(std::fs::read_to_string(&out_path).unwrap(), "mine");

    let forced = claimline_in(
        &["convert", "women.csv", "-o", "women.json", "--force"],
        dir.path(),
    );
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced.stderr));
    assert!(
        std::fs::read_to_string(&out_path)
            .unwrap()
            .contains("\"format\": \"claimline/1\"")
    );

    let before = std::fs::read(&input).unwrap();
    for args in [
        &["convert", "women.csv", "-o", "women.csv"][..],
        &["convert", "women.csv", "-o", "./women.csv", "--force"],
    ] {
        let out = claimline_in(args, dir.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            text(&out.stderr).contains("is the input"),
            "{}",
            text(&out.stderr)
        );
    }
    assert_eq!(
        std::fs::read(&input).unwrap(),
        before,
        "the original is never written"
    );
}

#[test]
fn a_source_text_holding_other_words_is_not_replaced_without_force() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("in/sources")).unwrap();
    std::fs::write(dir.path().join("in/sources/s.txt"), "The words.").unwrap();
    std::fs::write(
        dir.path().join("in/d.json"),
        r#"{"format": "claimline/1", "title": "t",
            "sources": [{"id": "s", "title": "S", "text_file": "sources/s.txt"},
                        {"id": "t", "title": "T", "text": "Inline words."}],
            "events": [{"id": "a", "kind": "report", "date": "2020", "title": "A",
                        "citations": [{"source": "s", "quote": {"exact": "words"}},
                                      {"source": "t", "quote": {"exact": "Inline"}}]}]}"#,
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("out/sources")).unwrap();
    std::fs::write(dir.path().join("out/sources/s.txt"), "Someone else's.").unwrap();
    std::fs::write(dir.path().join("out/sources/t.txt"), "Someone else's too.").unwrap();

    let refused = claimline_in(&["convert", "in/d.json", "-o", "out/d.json"], dir.path());
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        text(&refused.stderr).contains("s.txt"),
        "{}",
        text(&refused.stderr)
    );
    assert!(!dir.path().join("out/d.json").exists(), "nothing written");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out/sources/s.txt")).unwrap(),
        "Someone else's."
    );

    let forced = claimline_in(
        &["convert", "in/d.json", "-o", "out/d.json", "--force"],
        dir.path(),
    );
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced.stderr));
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/d.json")).unwrap()).unwrap();
    assert_eq!(written["sources"][0]["text_file"], "sources/s.txt");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out/sources/s.txt")).unwrap(),
        "The words.",
        "--force replaced it"
    );
    // An inline text gets a new file, never someone else's, even with --force.
    let inline = &written["sources"][1];
    assert_eq!(inline["text_file"], "sources/t-2.txt");
    assert!(inline.get("text").is_none(), "the text is in its file now");
    assert_eq!(inline["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out/sources/t.txt")).unwrap(),
        "Someone else's too."
    );
    let report = check(&dir.path().join("out/d.json"));
    assert_eq!(report["errors"], serde_json::json!([]));
    assert_eq!(report["quotes_verified"], 2);
}

/// An output path inside a file: a clear error naming the file, and no wait. (A dataset with a
/// pasted text once made `convert` search for a free text-file name there for ever.)
#[test]
fn an_output_inside_a_file_is_refused_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("d.json"),
        r#"{"format": "claimline/1", "title": "t",
            "sources": [{"id": "t", "title": "T", "text": "Inline words."}],
            "events": [{"id": "a", "kind": "report", "date": "2020", "title": "A",
                        "citations": [{"source": "t", "quote": {"exact": "Inline"}}]}]}"#,
    )
    .unwrap();
    let refused = claimline_in(&["convert", "d.json", "-o", "d.json/out.json"], dir.path());
    assert_eq!(refused.status.code(), Some(2));
    let stderr = text(&refused.stderr);
    assert!(
        stderr.contains("d.json: a file, so nothing can be written inside it"),
        "{stderr}"
    );
}
