//! Load, index, layout and draw at 10k, 100k and 1M synthetic events: `cargo bench --bench timeline`.
//!
//! Files come from [`claimline::synthetic`] (seeded, so every run measures the same data) and are
//! written to a temporary folder, so loads are measured from disk as a user's are. Each load size is
//! also run once in a child process that reports its peak resident memory (Linux).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a benchmark whose setup fails has nothing to measure"
)]

use std::hint::black_box;
use std::path::{Path, PathBuf};

use claimline::document::Document;
use claimline::load::{Progress, load_file, load_file_with};
use claimline::synthetic::{Citations, dataset};
use claimline::timeline::table::{SortDirection, TableColumn, TableSort, table_rows};
use claimline::timeline::{LayoutInput, TimeView, TimelineIndex, layout};
use criterion::{BenchmarkId, Criterion, criterion_group};

/// Set in a child process: load this file once and print the peak resident memory.
const RSS_CHILD: &str = "CLAIMLINE_BENCH_PEAK_RSS_OF";

fn write_file(dir: &Path, count: usize, citations: Citations) -> PathBuf {
    let path = dir.join(format!("{count}-{citations:?}.json"));
    let data = dataset(count, 1, citations);
    std::fs::write(&path, serde_json::to_vec(&data).unwrap_or_default()).unwrap_or_default();
    path
}

/// Peak resident memory of a fresh process that loads and checks `path`, in MB.
fn peak_rss_mb(path: &Path) -> Option<f64> {
    let exe = std::env::current_exe().ok()?;
    let out = std::process::Command::new(exe)
        .env(RSS_CHILD, path)
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

/// The child side of [`peak_rss_mb`]: `VmHWM` from `/proc/self/status` after one load.
fn report_peak_rss(path: &Path) {
    let outcome = load_file(path);
    black_box(&outcome);
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(f64::NAN);
    println!("{:.0}", kb / 1024.0);
}

fn load_benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut group = c.benchmark_group("load_and_check");
    group.sample_size(10);
    for count in [10_000, 100_000, 1_000_000] {
        for citations in [Citations::None, Citations::Unique, Citations::Repeated] {
            let path = write_file(dir.path(), count, citations);
            let size_mb = std::fs::metadata(&path).map_or(0.0, |m| m.len() as f64 / 1e6);
            let peak = peak_rss_mb(&path);
            let rss = peak.map_or("n/a".into(), |mb| format!("{mb:.0} MB"));
            println!(
                "load_and_check/{count}/{citations:?}: file {size_mb:.0} MB, peak RSS {rss} ({:.0} bytes per event)",
                peak.unwrap_or(f64::NAN) * 1e6 / count as f64
            );
            group.bench_with_input(
                BenchmarkId::new(format!("{citations:?}"), count),
                &path,
                |b, path| b.iter(|| load_file_with(black_box(path), &Progress::default())),
            );
            let _ = std::fs::remove_file(&path);
        }
    }
    group.finish();
}

fn layout_input(view: TimeView) -> LayoutInput {
    LayoutInput {
        view,
        width_px: 1200.0,
        lane_height_px: 120.0,
        label_font_px: 13.0,
        tick_spacing_px: 90.0,
        selected: None,
        callouts: claimline::timeline::CalloutMode::Auto,
        shown: None,
        dimmed: None,
        rows: None,
    }
}

fn index_and_layout_benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("timeline");
    group.sample_size(10);
    for count in [10_000, 100_000, 1_000_000] {
        let dataset = dataset(count, 1, Citations::None);
        group.bench_with_input(BenchmarkId::new("index", count), &dataset, |b, d| {
            b.iter(|| TimelineIndex::new(black_box(d)));
        });
        let index = TimelineIndex::new(&dataset);
        let all = dataset.time_extent_days().unwrap_or((0.0, 1.0));
        let fit = TimeView::new(all.0, all.1);
        group.bench_with_input(
            BenchmarkId::new("layout_fit_all", count),
            &dataset,
            |b, d| b.iter(|| layout(d, &index, &layout_input(fit))),
        );
        let month = TimeView::new(fit.center_days(), fit.center_days() + 30.0);
        group.bench_with_input(
            BenchmarkId::new("layout_one_month", count),
            &dataset,
            |b, d| b.iter(|| layout(d, &index, &layout_input(month))),
        );
    }
    group.finish();
}

/// A frame's input: the app's default window size, nothing pressed.
fn window_input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1440.0, 880.0),
        )),
        ..Default::default()
    }
}

/// One whole egui frame of the real timeline view (legend, axes, plot, the scene's one mesh item)
/// plus tessellation, with no window and no GPU: what a frame costs on the CPU at 1M events.
fn frame_benches(c: &mut Criterion) {
    let path_dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = write_file(path_dir.path(), 1_000_000, Citations::None);
    let Ok(outcome) = load_file(&path) else {
        return;
    };
    let Ok(doc) = Document::from_outcome(outcome) else {
        return;
    };
    let doc = std::sync::Arc::new(doc);
    let ctx = egui::Context::default();
    claimline::app::theme::install_fonts(&ctx);
    let all = doc.dataset.time_extent_days().unwrap_or((0.0, 1.0));
    let center = 0.5 * (all.0 + all.1);
    let mut group = c.benchmark_group("frame_1m");
    group.sample_size(20);
    for (name, view) in [
        ("fit_all", TimeView::new(all.0, all.1)),
        ("one_month", TimeView::new(center, center + 30.0)),
        ("one_day", TimeView::new(center, center + 1.0)),
    ] {
        let mut timeline = claimline::app::timeline_view::TimelineView::default();
        let mut frame = |ctx: &egui::Context| {
            let mut commands = Vec::new();
            let output = ctx.run_ui(window_input(), |ui| {
                egui::CentralPanel::default().show(ui, |ui| {
                    timeline.ui(ui, &doc, view, None, &mut commands);
                });
            });
            ctx.tessellate(output.shapes, output.pixels_per_point)
        };
        // Warm the font atlas and the plot's memory first.
        for _ in 0..3 {
            black_box(frame(&ctx));
        }
        group.bench_function(name, |b| b.iter(|| black_box(frame(&ctx))));
    }
    // The event table beside it: a frame shows only the rows on screen, whatever their number.
    let mut table = claimline::app::event_table::EventTable::default();
    let table_frame = |ctx: &egui::Context, table: &mut claimline::app::event_table::EventTable| {
        let mut commands = Vec::new();
        let output = ctx.run_ui(window_input(), |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                table.ui(ui, &doc, None, 0, None, &mut commands);
            });
        });
        ctx.tessellate(output.shapes, output.pixels_per_point)
    };
    // Until the first order has landed (at 1M it is made on its own thread).
    while table.rows().is_empty() {
        black_box(table_frame(&ctx, &mut table));
    }
    group.bench_function("event_table", |b| {
        b.iter(|| black_box(table_frame(&ctx, &mut table)));
    });
    // Ordering the million rows, once per change of sort or filter (off the frame's path).
    for column in [TableColumn::Date, TableColumn::Title] {
        let sort = TableSort {
            column,
            direction: SortDirection::Ascending,
        };
        group.bench_function(format!("table_rows_by_{}", column.label()), |b| {
            b.iter(|| table_rows(&doc.dataset, &doc.index, &doc.quotes, None, sort));
        });
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
        callouts: claimline::timeline::CalloutMode::Auto,
        shown: None,
        ..Default::default()
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

criterion_group!(
    timeline,
    load_benches,
    index_and_layout_benches,
    frame_benches,
    export_4k
);

fn main() {
    if let Some(path) = std::env::var_os(RSS_CHILD) {
        report_peak_rss(Path::new(&path));
        return;
    }
    timeline();
    Criterion::default().configure_from_args().final_summary();
}
