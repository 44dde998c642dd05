//! Search and filtering at 1M synthetic events: `cargo bench --bench find`.
//!
//! A keystroke in the search box runs `SearchIndex::find` and `Filter::apply`. At a million events
//! a search matching most of them takes longer than a frame (16 ms), so the window runs them on a
//! thread of their own (`app::search_job`); `keystroke_on_ui_thread` measures what is left on the
//! UI thread: starting that search. Building the index happens once per load, off the UI thread,
//! and is measured for the record.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a benchmark whose setup fails has nothing to measure"
)]

use std::hint::black_box;

use claimline::model::{EventKind, QuoteMatch, QuoteMatches};
use claimline::synthetic::{Citations, dataset};
use claimline::timeline::{Filter, SearchIndex};
use criterion::{Criterion, criterion_group, criterion_main};

fn find(c: &mut Criterion) {
    let data = dataset(1_000_000, 1, Citations::Unique);
    let quotes: QuoteMatches = data
        .events
        .iter()
        .map(|e| vec![QuoteMatch::Found { start: 0, end: 1 }; e.citations.len()])
        .collect();
    let mut group = c.benchmark_group("find_1M");
    group.sample_size(10);
    group.bench_function("build_index", |b| {
        b.iter(|| black_box(SearchIndex::new(black_box(&data))));
    });
    let index = SearchIndex::new(&data);
    // A rare word (one event in ten thousand) and a common one (every event).
    for query in ["number 4242", "record"] {
        group.bench_function(format!("search \"{query}\""), |b| {
            b.iter(|| black_box(index.find(black_box(query))));
        });
    }
    let kind_and_search = Filter {
        kinds: vec![EventKind::Statement],
        search: "number 42".into(),
        ..Filter::default()
    };
    group.bench_function("filter kind + search", |b| {
        b.iter(|| black_box(kind_and_search.apply(&data, &quotes, &index)));
    });
    let kinds_and_lanes = Filter {
        kinds: vec![EventKind::Statement, EventKind::Report],
        lanes: vec!["l1".into(), "l2".into(), "l3".into()],
        ..Filter::default()
    };
    group.bench_function("filter kinds + lanes", |b| {
        b.iter(|| black_box(kinds_and_lanes.apply(&data, &quotes, &index)));
    });
    group.finish();
    keystroke_on_ui_thread(c, data, quotes);
}

/// What a keystroke costs the window at 1M events: asking the background runner for a search of
/// a common word. Each sample waits, untimed, for its search to land, so searches never pile up;
/// that wait is why this group takes few, flat samples.
fn keystroke_on_ui_thread(
    c: &mut Criterion,
    dataset: claimline::model::Dataset,
    quotes: QuoteMatches,
) {
    use std::sync::Arc;
    use std::time::{Duration, Instant};

    use claimline::app::search_job::SearchRunner;
    use claimline::load::{Checked, Origin, Outcome, Report};

    let outcome = Outcome {
        origin: Origin::Embedded,
        report: Report::new("synthetic"),
        checked: Some(Checked {
            targets: claimline::model::RelationTargets::resolve(&dataset),
            dataset,
            quotes,
        }),
        sha256: String::new(),
    };
    let doc = Arc::new(claimline::document::Document::from_outcome(outcome).unwrap());
    let ctx = egui::Context::default();
    let query = Filter {
        search: "record".into(),
        ..Filter::default()
    };
    let mut group = c.benchmark_group("find_1M_keystroke");
    group
        .sample_size(10)
        .sampling_mode(criterion::SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(1))
        .measurement_time(Duration::from_millis(1));
    group.bench_function("start a search on the UI thread", |b| {
        b.iter_custom(|iterations| {
            let mut spent = Duration::ZERO;
            for _ in 0..iterations {
                let mut runner = SearchRunner::default();
                let start = Instant::now();
                black_box(runner.request(&doc, query.clone(), &ctx));
                spent += start.elapsed();
                while runner.poll(&doc, &ctx).is_none() {
                    std::thread::sleep(Duration::from_millis(1));
                }
            }
            spent
        });
    });
    group.finish();
}

criterion_group!(benches, find);
criterion_main!(benches);
