//! `claimline list` as a script runs it: the filtered events in time order as JSON, CSV or text.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot unwrap has failed"
)]

#[allow(dead_code, reason = "not every test file uses every shared helper")]
mod common;

use common::cli::list;

use std::process::Output;

use claimline::model::{Dataset, EventKind};

fn stdout(run: &Output) -> String {
    common::cli::ok(run);
    String::from_utf8(run.stdout.clone()).unwrap()
}

fn seed() -> Dataset {
    claimline::load::load_embedded().checked.unwrap().dataset
}

/// The seed's statement ids, ordered by date then id, worked out here rather than by the code
/// under test.
fn statements_in_time_order() -> Vec<String> {
    let data = seed();
    let mut statements: Vec<_> = data
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Statement)
        .collect();
    statements.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    statements.iter().map(|e| e.id.clone()).collect()
}

#[test]
fn json_lists_exactly_the_filtered_events_in_time_order() {
    let out = stdout(&list(&["--kind", "statement", "--format", "json"]));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let ids: Vec<String> = rows
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    let expected = statements_in_time_order();
    assert!(expected.len() > 5);
    assert_eq!(ids, expected);
    assert!(rows.iter().all(|r| r["kind"] == "statement"));
    let data = seed();
    let first = data.event(&expected[0]).unwrap();
    assert_eq!(
        rows[0]["date"],
        first.date.iso(),
        "dates at their precision"
    );
    assert_eq!(rows[0]["title"], first.title.as_str());
}

#[test]
fn csv_has_a_header_and_one_record_per_match() {
    let out = stdout(&list(&["--search", "groundless", "--format", "csv"]));
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "id", "date", "kind", "lane", "title", "actors", "sources", "quotes"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let data = seed();
    let by_hand = data
        .events
        .iter()
        .filter(|e| {
            e.title.to_lowercase().contains("groundless")
                || e.summary
                    .as_deref()
                    .is_some_and(|s| s.to_lowercase().contains("groundless"))
                || e.tags
                    .iter()
                    .any(|t| t.to_lowercase().contains("groundless"))
                || e.citations.iter().any(|c| {
                    c.quote.exact.to_lowercase().contains("groundless")
                        || data
                            .source(&c.source)
                            .is_some_and(|s| s.title.to_lowercase().contains("groundless"))
                })
        })
        .count();
    assert!(by_hand > 1);
    assert_eq!(records.len(), by_hand);

    let none = stdout(&list(&[
        "--search",
        "no such words anywhere",
        "--format",
        "csv",
    ]));
    assert_eq!(none.lines().count(), 1, "only the header: {none}");
}

#[test]
fn text_is_one_line_per_event_and_bad_dates_are_refused() {
    let out = stdout(&list(&["--kind", "statement", "--from", "2024"]));
    let data = seed();
    let expected: Vec<String> = statements_in_time_order()
        .into_iter()
        .filter(|id| {
            data.event(id).unwrap().latest_days()
                >= claimline::model::Date::parse("2024").unwrap().start_days()
        })
        .collect();
    assert!(!expected.is_empty());
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), expected.len(), "{out}");
    for (line, id) in lines.iter().zip(&expected) {
        assert!(line.ends_with(&format!("[{id}]")), "{line}");
    }

    let bad = list(&["--from", "yesterday"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--from"));
}
