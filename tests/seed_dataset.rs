//! The seed dataset is the first thing every user sees: it must check clean, cite every event
//! verbatim, explain every date, and be the same in the binary as on disk.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot unwrap has failed"
)]

use claimline::load::{self, Origin};
use claimline::model::{EventKind, Precision, RelationKind};

fn seed() -> load::Checked {
    let outcome = load::load_embedded();
    assert_eq!(outcome.origin, Origin::Embedded);
    let findings: Vec<String> = outcome
        .report
        .findings
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        findings.is_empty(),
        "the seed dataset has findings:\n{}",
        findings.join("\n")
    );
    outcome.checked.expect("the seed dataset loads")
}

#[test]
fn the_embedded_copy_equals_the_files_on_disk() {
    let root = env!("CARGO_MANIFEST_DIR");
    let on_disk = std::fs::read_to_string(format!("{root}/data/claims.json")).unwrap();
    assert!(
        on_disk == claimline::seed::CLAIMS_JSON,
        "data/claims.json differs from the embedded copy"
    );
    for (name, text) in claimline::seed::SOURCES {
        let file = std::fs::read_to_string(format!("{root}/data/{name}")).unwrap();
        assert!(file == *text, "data/{name} differs from the embedded copy");
    }
    // And the file on disk checks the same as the embedded one.
    let from_disk =
        load::load_file(std::path::Path::new(&format!("{root}/data/claims.json"))).unwrap();
    assert!(!from_disk.report.has_errors());
    assert_eq!(from_disk.report.warning_count(), 0);
}

#[test]
fn every_sourced_text_file_is_cited_and_every_quote_is_verified() {
    let checked = seed();
    let total: usize = checked.quotes.iter().map(Vec::len).sum();
    let verified = checked
        .quotes
        .iter()
        .flatten()
        .filter(|q| q.is_verified())
        .count();
    assert_eq!(verified, total);
    for source in &checked.dataset.sources {
        assert!(
            checked
                .dataset
                .events
                .iter()
                .any(|e| e.citations.iter().any(|c| c.source == source.id)),
            "source {} is never cited",
            source.id
        );
        assert!(
            source.url.as_deref().unwrap_or_default().is_empty(),
            "no URL is known for {}",
            source.id
        );
    }
}

#[test]
fn every_event_has_a_citation_a_date_basis_and_a_date_from_2014_to_2024() {
    let checked = seed();
    assert!(
        checked.dataset.events.len() >= 35,
        "about 40 events expected"
    );
    for event in &checked.dataset.events {
        assert!(!event.citations.is_empty(), "{} has no citation", event.id);
        assert!(
            event
                .date_basis
                .as_deref()
                .is_some_and(|b| b.trim().len() > 10),
            "{} does not say how its date was derived",
            event.id
        );
        let year = event.date.first_day().format("%Y").to_string();
        assert!(
            ("2014".."2025").contains(&year.as_str()),
            "{} is dated {year}",
            event.id
        );
    }
}

#[test]
fn every_relation_resolves_and_every_kremlin_statement_answers_something() {
    let checked = seed();
    let data = &checked.dataset;
    for event in &data.events {
        for relation in &event.relations {
            assert!(
                data.event(&relation.target).is_some(),
                "{} → {}",
                event.id,
                relation.target
            );
        }
        if event.kind == EventKind::Statement && event.lane == "kremlin" {
            assert!(
                event.relations.iter().any(|r| matches!(
                    r.kind,
                    RelationKind::Denies | RelationKind::Contradicts | RelationKind::RespondsTo
                )),
                "Kremlin statement {} answers nothing",
                event.id
            );
        }
    }
}

#[test]
fn the_events_the_articles_are_about_are_there_at_the_right_precision() {
    let checked = seed();
    let data = &checked.dataset;
    for (id, date) in [
        ("election-us-2016", "2016-11-08"),
        ("election-us-2020", "2020-11-03"),
        ("ica-2017", "2017-01-06"),
        ("mueller-indictment-2018", "2018-02-16"),
        ("mueller-report-2019", "2019-04-18"),
        ("odni-report-2021", "2021-03-16"),
        ("putin-nbc-interview-2018", "2018-03-09"),
        ("peskov-sochi-2024-03-06", "2024-03-06"),
        ("election-russia-2024", "2024-03-15"),
        ("navalny-death-2024", "2024-02-16"),
    ] {
        let event = data.event(id).unwrap_or_else(|| panic!("missing {id}"));
        assert_eq!(event.date.iso(), date, "{id}");
        assert_eq!(event.date.precision(), Precision::Day, "{id}");
    }
    let lanes: Vec<&str> = data.lanes.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(lanes, ["elections", "us", "kremlin", "context"]);
}
