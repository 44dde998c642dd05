//! `claimline check` as a user runs it: on every malformed dataset in the corpus, on the seed
//! dataset, and with bad arguments.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test that cannot unwrap has failed"
)]

#[allow(dead_code, reason = "not every test file uses every shared helper")]
mod common;

use common::cli::claimline;

use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/malformed")
}

struct Case {
    file: String,
    exit: i32,
    line: usize,
    needle: Option<String>,
}

fn cases() -> Vec<Case> {
    let manifest = std::fs::read_to_string(corpus().join("cases.tsv")).expect("cases.tsv");
    manifest
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 4, "bad manifest line {line:?}");
            Case {
                file: cols[0].to_owned(),
                exit: cols[1].parse().expect("exit"),
                line: cols[2].parse().expect("line"),
                needle: (cols[3] != "-").then(|| cols[3].to_lowercase()),
            }
        })
        .collect()
}

#[test]
fn the_corpus_has_at_least_thirty_failing_files_and_every_file_is_in_the_manifest() {
    let cases = cases();
    assert!(cases.iter().filter(|c| c.exit == 1).count() >= 30);
    let on_disk = std::fs::read_dir(corpus())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .count();
    assert_eq!(
        on_disk,
        cases.len(),
        "every corpus file has a manifest line"
    );
}

#[test]
fn every_malformed_file_gets_its_exit_code_place_and_message_without_a_panic() {
    let mut failures = Vec::new();
    for case in cases() {
        let path = format!("tests/malformed/{}", case.file);
        let out = claimline(&["check", &path]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let place = format!("{path}:{}:", case.line);
        let finding = stdout.lines().find(|l| l.starts_with(&place));
        let problems = [
            (out.status.code() != Some(case.exit))
                .then(|| format!("exit {:?}, expected {}", out.status.code(), case.exit)),
            stderr.contains("panicked").then(|| "panicked".to_owned()),
            finding.is_none().then(|| format!("no finding at {place}")),
            finding
                .zip(case.needle.as_ref())
                .filter(|(line, needle)| !line.to_lowercase().contains(needle.as_str()))
                .map(|(_, needle)| format!("message lacks {needle:?}")),
            // Every finding line is `path:line:col: severity: message`.
            stdout
                .lines()
                .filter(|l| l.starts_with(&path))
                .find(|l| {
                    let rest = &l[path.len()..];
                    let mut parts = rest.splitn(4, ':');
                    !(parts.next() == Some("")
                        && parts.next().is_some_and(|n| n.parse::<usize>().is_ok())
                        && parts.next().is_some_and(|n| n.parse::<usize>().is_ok())
                        && parts.next().is_some_and(|m| {
                            m.starts_with(" error: ") || m.starts_with(" warning: ")
                        }))
                })
                .map(|l| format!("malformed finding line {l:?}")),
        ];
        for problem in problems.into_iter().flatten() {
            failures.push(format!("{}: {problem}\n{stdout}", case.file));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_summary_line_counts_events_sources_quotes_and_findings() {
    let out = claimline(&["check", "tests/malformed/44-quote-not-in-source.json"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout.lines().last(),
        Some("2 events, 1 source, 0 quotes verified, 1 error, 0 warnings")
    );
}

#[test]
fn json_output_gives_one_object_per_file_with_placed_findings() {
    let out = claimline(&[
        "check",
        "--format",
        "json",
        "tests/malformed/29-impossible-date.json",
        "tests/malformed/47-unknown-field-typo.json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let reports: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(reports.len(), 2);
    let error = &reports[0]["errors"][0];
    assert_eq!(error["line"], 14);
    assert_eq!(error["column"], 15);
    assert_eq!(error["path"], "events[1].date");
    assert_eq!(error["event"], "denial-2020-11-09");
    assert!(error["message"].as_str().unwrap().contains("2020-02-30"));
    assert_eq!(reports[1]["errors"].as_array().unwrap().len(), 0);
    assert_eq!(reports[1]["warnings"][0]["path"], "events[1].relatons");
    for key in ["file", "events", "sources", "quotes_verified"] {
        assert!(reports[1].get(key).is_some(), "{key}");
    }
}

#[test]
fn a_file_that_cannot_be_read_exits_2() {
    let out = claimline(&["check", "tests/malformed/no-such-file.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("no-such-file.json: error: cannot read"));
}

#[test]
fn bad_arguments_exit_2() {
    assert_eq!(claimline(&["check"]).status.code(), Some(2));
    assert_eq!(
        claimline(&["check", "--format", "yaml", "x.json"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn the_seed_dataset_checks_clean() {
    let out = claimline(&["check", "data/claims.json"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.trim_end().ends_with("0 errors, 0 warnings"),
        "{stdout}"
    );
}

#[test]
fn timings_name_each_stage_on_stderr_and_leave_stdout_as_it_was() {
    let plain = claimline(&["check", "data/claims.json"]);
    let timed = claimline(&["check", "--timings", "data/claims.json"]);
    assert_eq!(timed.status.code(), Some(0));
    assert_eq!(
        timed.stdout, plain.stdout,
        "scripts reading stdout see no change"
    );
    let stderr = String::from_utf8_lossy(&timed.stderr);
    for stage in ["Reading", "Scanning", "Parsing", "Checking"] {
        assert!(stderr.contains(&format!("{stage} ")), "{stage}: {stderr}");
    }
    assert!(stderr.starts_with("data/claims.json: "), "{stderr}");
}
