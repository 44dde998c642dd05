//! Search and filtering at 1M synthetic events: `cargo bench --bench find`.
//!
//! A keystroke in the search box runs `SearchIndex::find` and `Filter::apply`; both must stay well
//! under a frame (16 ms) so typing never stalls the window. Building the index happens once per
//! load, off the UI thread, and is measured for the record.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a benchmark whose setup fails has nothing to measure"
)]

use std::hint::black_box;

use claimline::model::{EventKind, QuoteMatch};
use claimline::synthetic::{Citations, dataset};
use claimline::timeline::{Filter, SearchIndex};
use criterion::{Criterion, criterion_group, criterion_main};

fn find(c: &mut Criterion) {
    let data = dataset(1_000_000, 1, Citations::Unique);
    let quotes: Vec<Vec<QuoteMatch>> = data
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
}

criterion_group!(benches, find);
criterion_main!(benches);
