//! Saving at 100k and 1M synthetic events: `cargo bench --bench save`.
//!
//! The dataset is loaded from a generated file first, as the app holds it. `canonical` is making
//! the text alone; `save` is the whole of File ▸ Save: the text, the atomic write with its fsyncs,
//! and the backup of the previous version. The target is 1M events in at most 3 s (issue 24).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a benchmark whose setup fails has nothing to measure"
)]

use std::hint::black_box;

use claimline::load::load_file;
use claimline::save::{self, SaveOptions};
use claimline::synthetic::{Citations, dataset};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

fn save_benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("save");
    group.sample_size(10);
    for count in [100_000, 1_000_000] {
        for citations in [Citations::None, Citations::Unique] {
            let generated = dir.path().join(format!("{count}-{citations:?}.json"));
            std::fs::write(
                &generated,
                serde_json::to_vec(&dataset(count, 1, citations)).unwrap(),
            )
            .unwrap();
            let loaded = load_file(&generated).unwrap().checked.unwrap().dataset;
            let _ = std::fs::remove_file(&generated);
            let target = dir.path().join(format!("saved-{count}-{citations:?}.json"));
            save::save(&loaded, &target, &SaveOptions::SAVE).unwrap();
            let size = std::fs::metadata(&target).map_or(0, |m| m.len());
            println!(
                "save/{count}/{citations:?}: {:.0} MB canonical",
                size as f64 / 1e6
            );
            let id = format!("{citations:?}");
            // What the UI thread pays before a save or an autosave hands the dataset to its thread.
            group.bench_with_input(
                BenchmarkId::new(format!("snapshot/{id}"), count),
                &loaded,
                |b, d| {
                    b.iter(|| black_box(d.clone()));
                },
            );
            group.bench_with_input(
                BenchmarkId::new(format!("canonical/{id}"), count),
                &loaded,
                |b, d| {
                    b.iter(|| black_box(save::canonical(d)));
                },
            );
            group.bench_with_input(
                BenchmarkId::new(format!("save/{id}"), count),
                &loaded,
                |b, d| {
                    b.iter(|| save::save(d, &target, &SaveOptions::SAVE).unwrap());
                },
            );
            let _ = std::fs::remove_file(&target);
            let _ = std::fs::remove_file(save::backup_path(&target));
        }
    }
    group.finish();
}

criterion_group!(benches, save_benches);
criterion_main!(benches);
