//! Load, index and layout at 10k, 100k and 1M synthetic events: `cargo bench --bench timeline`.

use std::hint::black_box;

use claimline::load::{Embedded, Origin, load_bytes};
use claimline::model::{Dataset, Date, Event, EventKind, Lane};
use claimline::timeline::{LayoutInput, TimeView, TimelineIndex, layout};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

/// A fixed-seed dataset: six lanes, dates from 1900 to 2024, a tenth at month or year precision.
fn synthetic(count: usize) -> Dataset {
    let mut state = 0x2545_F491_4F6C_DD1D_u64;
    let mut next = move |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    let lanes = (0..6)
        .map(|i| Lane {
            id: format!("l{i}"),
            label: format!("Lane {i}"),
            color: None,
        })
        .collect();
    let events = (0..count)
        .map(|i| {
            let (y, m, d) = (1900 + next(125), 1 + next(12), 1 + next(28));
            let written = match next(10) {
                0 => format!("{y}"),
                1 => format!("{y}-{m:02}"),
                _ => format!("{y}-{m:02}-{d:02}"),
            };
            Event {
                id: format!("e{i}"),
                kind: EventKind::ALL[i % 5],
                lane: format!("l{}", i % 6),
                date: Date::parse(&written).unwrap_or_else(|e| panic!("{e}")),
                end: None,
                earliest: None,
                latest: None,
                date_basis: None,
                title: format!("Synthetic event number {i}"),
                summary: None,
                actors: vec![],
                tags: vec![],
                citations: vec![],
                relations: vec![],
            }
        })
        .collect();
    Dataset {
        format: "claimline/1".into(),
        title: "synthetic".into(),
        lanes,
        events,
        ..Dataset::default()
    }
}

fn layout_input(view: TimeView) -> LayoutInput {
    LayoutInput {
        view,
        width_px: 1200.0,
        lane_height_px: 120.0,
        char_width_px: 7.0,
        tick_spacing_px: 90.0,
        selected: None,
        shown: None,
    }
}

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("timeline");
    group.sample_size(10);
    for count in [10_000, 100_000, 1_000_000] {
        let dataset = synthetic(count);
        if count <= 100_000 {
            let json = serde_json::to_vec(&dataset).unwrap_or_default();
            group.bench_with_input(
                BenchmarkId::new("load_and_check", count),
                &json,
                |b, json| {
                    b.iter(|| load_bytes(black_box(json), Origin::Embedded, &Embedded(&[])));
                },
            );
        }
        group.bench_with_input(BenchmarkId::new("index", count), &dataset, |b, d| {
            b.iter(|| TimelineIndex::new(black_box(d)));
        });
        let index = TimelineIndex::new(&dataset);
        let all = dataset.time_extent_days().unwrap_or((0.0, 1.0));
        let fit = TimeView::new(all.0, all.1);
        group.bench_with_input(
            BenchmarkId::new("layout_fit_all", count),
            &dataset,
            |b, d| {
                b.iter(|| layout(d, &index, &layout_input(fit)));
            },
        );
        let month = TimeView::new(fit.center_days(), fit.center_days() + 30.0);
        group.bench_with_input(
            BenchmarkId::new("layout_one_month", count),
            &dataset,
            |b, d| {
                b.iter(|| layout(d, &index, &layout_input(month)));
            },
        );
    }
    group.finish();
}

/// The seed dataset exported headless at 3840×2160, as a user does for a 4K slide.
fn export_4k(c: &mut Criterion) {
    let Some(seed) = claimline::load::load_embedded().checked else {
        return;
    };
    let index = TimelineIndex::new(&seed.dataset);
    let limits = claimline::timeline::ViewLimits::around(seed.dataset.time_extent_days());
    let options = claimline::export::ExportOptions {
        width_px: 3840,
        height_px: 2160,
        scale: 1.0,
        view: TimeView::fit(limits),
        dark: false,
        title: Some("Kremlin denials vs the record".into()),
        footer: Some("footer".into()),
        selected: None,
        shown: None,
    };
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    group.bench_function("seed_svg_3840x2160", |b| {
        b.iter(|| claimline::export::render_svg(&seed.dataset, &index, black_box(&options)));
    });
    let svg = claimline::export::render_svg(&seed.dataset, &index, &options);
    group.bench_function("seed_png_3840x2160", |b| {
        b.iter(|| claimline::export::render_png(black_box(&svg), 3840, 2160, 1.0));
    });
    group.finish();
}

criterion_group!(timeline, benches, export_4k);
criterion_main!(timeline);
