//! The properties the fuzz targets check, one function per target. They are plain Rust with no
//! fuzzing machinery, so `tests/fuzz_regressions.rs` runs them on stable over every input that once
//! found a bug (it includes this file by path).
//!
//! Each property panics when it does not hold; libFuzzer reports the panic as a crash.

use claimline::document::Document;
use claimline::export::{ExportOptions, render_svg};
use claimline::load::{Embedded, Format, Origin, load_bytes_as};
use claimline::model::Date;
use claimline::timeline::{CalloutMode, TimeView};

/// The fuzz targets, by the name `cargo fuzz run` and the regression folders use.
pub const TARGETS: [&str; 7] = [
    "load_native",
    "load_timelinejs3",
    "load_timelinejs_legacy",
    "load_sheets_csv",
    "load_table_csv",
    "date_parse",
    "export_svg",
];

/// Runs the property of the target called `name` on `data`; `false` for a name that is no target.
pub fn check(name: &str, data: &[u8]) -> bool {
    match name {
        "load_native" => load(Format::Native, data),
        "load_timelinejs3" => load(Format::TimelineJs3, data),
        "load_timelinejs_legacy" => load(Format::TimelineJsLegacy, data),
        "load_sheets_csv" => load_csv(SHEETS_HEADER, "Headline", data),
        "load_table_csv" => load_csv(TABLE_HEADER, "title", data),
        "date_parse" => date_parse(data),
        "export_svg" => export_svg(data),
        _ => return false,
    }
    true
}

/// Loads `data` through the one loader `format` names: no panic, and a dataset whenever the report
/// has no errors, which then indexes (the work the window does right after a load).
pub fn load(format: Format, data: &[u8]) {
    let outcome = load_bytes_as(data, format, Origin::Embedded, &Embedded(&[]));
    let has_errors = outcome.report.has_errors();
    assert!(
        has_errors || outcome.checked.is_some(),
        "a load with no errors built no dataset"
    );
    let _ = Document::from_outcome(outcome);
}

/// The `TimelineJS` Google Sheets header, put in front of an input that has none, so most of the
/// fuzzer's effort goes into rows rather than into rediscovering the header.
const SHEETS_HEADER: &str = "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,\
Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n";

/// Our own CSV header (`docs/FORMAT.md`), likewise.
const TABLE_HEADER: &str = "id,kind,lane,date,end,title,summary,actors,source_title,source_url,\
source_text_file,quote,date_basis\n";

/// [`load`] as CSV, with `header` in front unless the first line already names `column`.
pub fn load_csv(header: &str, column: &str, data: &[u8]) {
    let first_line = data.split(|&b| b == b'\n').next().unwrap_or_default();
    let has_header = first_line
        .windows(column.len())
        .any(|w| w == column.as_bytes());
    if has_header {
        load(Format::Csv, data);
    } else {
        let mut text = header.as_bytes().to_vec();
        text.extend_from_slice(data);
        load(Format::Csv, &text);
    }
}

/// Date parsing: no panic; a parsed date is shown, spans forward in time, and saves and reads back
/// as the same date.
pub fn date_parse(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let _ = claimline::load::timelinejs::clock_time(text);
    let Ok(date) = Date::parse(text) else {
        return;
    };
    let _ = date.to_string();
    assert!(
        date.start_days() <= date.end_days(),
        "{text:?}: starts after it ends"
    );
    let saved = serde_json::to_string(&date).unwrap_or_default();
    let reloaded: Result<Date, _> = serde_json::from_str(&saved);
    assert!(
        reloaded.as_ref().ok() == Some(&date),
        "{text:?} saved as {saved} reads back as {reloaded:?}"
    );
}

/// The seed dataset, loaded and indexed once per process: a fresh load per input would take most of
/// the exporter target's time.
fn seed_document() -> &'static Document {
    static SEED: std::sync::OnceLock<Document> = std::sync::OnceLock::new();
    SEED.get_or_init(
        || match Document::from_outcome(claimline::load::load_embedded()) {
            Ok(doc) => doc,
            Err(report) => panic!(
                "the embedded seed dataset does not load: {}",
                report.summary()
            ),
        },
    )
}

/// The SVG exporter: the seed dataset with every title, label and name replaced by pieces of
/// `data` (split at NUL bytes, read as lossy UTF-8) must still export as well-formed XML.
pub fn export_svg(data: &[u8]) {
    let Some((&flags, data)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(data);
    let mut pieces = text.split('\0').map(str::to_owned).cycle();
    let mut next = || pieces.next().unwrap_or_default();
    let doc = seed_document();
    let mut dataset = doc.dataset.clone();
    dataset.title = next();
    for event in dataset.events.iter_mut().map(std::sync::Arc::make_mut) {
        event.title = next();
        event.summary = Some(next());
        event.tags = vec![next().into()];
    }
    for lane in &mut dataset.lanes {
        lane.label = next();
    }
    for actor in &mut dataset.actors {
        actor.name = next();
    }
    for source in &mut dataset.sources {
        source.title = next();
    }
    let callouts = match flags % 3 {
        0 => CalloutMode::Auto,
        1 => CalloutMode::Always,
        _ => CalloutMode::Never,
    };
    let options = ExportOptions {
        width_px: 1280,
        height_px: 720,
        scale: 1.0,
        view: TimeView::fit(doc.limits),
        dark: flags & 8 != 0,
        title: Some(next()),
        footer: Some(next()),
        selected: (flags & 16 != 0).then(|| usize::from(flags) % dataset.events.len().max(1)),
        callouts,
        shown: None,
        ..Default::default()
    };
    let svg = render_svg(&dataset, &doc.index, &options);
    if let Err(error) = roxmltree::Document::parse(&svg) {
        panic!("the SVG is not well-formed: {error}");
    }
}
