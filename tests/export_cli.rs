//! `claimline export` as a user runs it: exact sizes, marks per event in range, no overwrites.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test that cannot unwrap has failed"
)]
#![allow(
    clippy::format_push_string,
    clippy::format_collect,
    reason = "test fixtures build their expected text with format!"
)]

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use claimline::model::Date;

fn export(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimline"))
        .arg("export")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run claimline")
}

/// The event id of every mark (callout numbers and key entries, which name marks too, have a
/// class).
fn svg_event_ids(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("the SVG is well-formed XML");
    doc.descendants()
        .filter(|n| n.attribute("class").is_none())
        .filter_map(|n| n.attribute("data-event-id").map(str::to_owned))
        .collect()
}

#[test]
fn a_png_has_exactly_the_requested_pixel_size() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("slide.png");
    let run = export(&[
        "-o",
        out.to_str().unwrap(),
        "--width",
        "640",
        "--height",
        "360",
        "--scale",
        "2",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let image = image::open(&out).unwrap();
    assert_eq!((image.width(), image.height()), (1280, 720));
}

#[test]
fn an_svg_has_one_titled_mark_per_event_and_a_footer() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("all.svg");
    assert!(export(&["-o", out.to_str().unwrap()]).status.success());
    let ids = svg_event_ids(&out);
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(ids.len(), 44, "one mark per event");
    assert_eq!(unique.len(), 44);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("<title>Mueller report released (18 Apr 2019)</title>"));
    assert!(
        text.contains("embedded seed dataset · sha256 "),
        "the provenance footer"
    );
    assert!(text.contains(&format!("Claimline {}", env!("CARGO_PKG_VERSION"))));

    let bare = dir.path().join("bare.svg");
    assert!(
        export(&["-o", bare.to_str().unwrap(), "--no-footer"])
            .status
            .success()
    );
    assert!(!std::fs::read_to_string(&bare).unwrap().contains("sha256"));
}

#[test]
fn from_and_to_limit_the_marks_to_the_events_in_range() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("nov.svg");
    let run = export(&[
        "-o",
        out.to_str().unwrap(),
        "--from",
        "2020-11",
        "--to",
        "2020-11",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let shown: BTreeSet<String> = svg_event_ids(&out).into_iter().collect();

    let seed = claimline::load::load_embedded().checked.unwrap().dataset;
    let (start, end) = (
        Date::parse("2020-11").unwrap().start_days(),
        Date::parse("2020-11").unwrap().end_days(),
    );
    let expected: BTreeSet<String> = seed
        .events
        .iter()
        .filter(|e| e.latest_days() > start && e.earliest_days() < end)
        .map(|e| e.id.clone())
        .collect();
    assert_eq!(shown, expected);
    assert!(shown.contains("peskov-no-congratulations-2020-11-09"));
    assert!(!shown.contains("mueller-report-2019"));
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("filters: from Nov 2020, to Nov 2020")
    );
}

#[test]
fn an_existing_file_is_not_overwritten_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("keep.png");
    std::fs::write(&out, b"precious").unwrap();
    let run = export(&[
        "-o",
        out.to_str().unwrap(),
        "--width",
        "320",
        "--height",
        "200",
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("--force"));
    assert_eq!(std::fs::read(&out).unwrap(), b"precious");

    let run = export(&[
        "-o",
        out.to_str().unwrap(),
        "--width",
        "320",
        "--height",
        "200",
        "--force",
    ]);
    assert!(run.status.success());
    assert_eq!(image::open(&out).unwrap().width(), 320);
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary file is left behind");
}

#[test]
fn bad_requests_fail_clearly_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.jpg");
    assert_eq!(
        export(&["-o", out.to_str().unwrap()]).status.code(),
        Some(2)
    );
    let png = dir.path().join("x.png");
    let run = export(&["-o", png.to_str().unwrap(), "--from", "2020-02-30"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("2020-02-30"));
    let bad = export(&[
        "tests/malformed/29-impossible-date.json",
        "-o",
        png.to_str().unwrap(),
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("14:15"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn the_dark_theme_has_a_dark_background() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("dark.png");
    assert!(
        export(&[
            "-o",
            out.to_str().unwrap(),
            "--theme",
            "dark",
            "--width",
            "400",
            "--height",
            "300"
        ])
        .status
        .success()
    );
    let image = image::open(&out).unwrap().to_rgb8();
    let corner = image.get_pixel(2, 2);
    assert!(corner.0.iter().all(|&c| c < 60), "{corner:?}");
}

#[test]
fn a_3x_export_of_a_4k_frame_still_works() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("huge.png");
    let run = export(&[
        "-o",
        out.to_str().unwrap(),
        "--width",
        "3840",
        "--height",
        "2160",
        "--scale",
        "3",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let (width, height) = image::image_dimensions(&out).unwrap();
    assert_eq!((width, height), (11_520, 6_480));
}

#[test]
fn spans_still_going_fade_out_in_an_svg_and_finished_ones_do_not() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("all.svg");
    assert!(export(&["-o", out.to_str().unwrap()]).status.success());
    let text = std::fs::read_to_string(&out).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let fading: BTreeSet<&str> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("open-end"))
        .filter_map(|n| n.ancestors().find_map(|a| a.attribute("data-event-id")))
        .collect();
    assert_eq!(
        fading,
        BTreeSet::from([
            "belarus-protests-2020",
            "trump-denies-collusion",
            "trump-fraud-claims-2020",
            "us-demands-navalny-release-2021",
            "us-russia-hacking-tensions",
        ]),
        "the seed's five still-going spans, and no finished range"
    );
}

/// The seed's events as (id, kind id, everything searchable about it in lower case).
fn seed_events() -> Vec<(String, String, String)> {
    let data = claimline::load::load_embedded().checked.unwrap().dataset;
    data.events
        .iter()
        .map(|e| {
            let mut words = format!("{} {:?} {:?}", e.title, e.summary, e.tags);
            for a in &e.actors {
                words += &format!(" {a} {:?}", data.actor(a).map(|a| &a.name));
            }
            for c in &e.citations {
                words += &format!(
                    " {} {:?}",
                    c.quote.exact,
                    data.source(&c.source).map(|s| &s.title)
                );
            }
            (e.id.clone(), e.kind.id().to_owned(), words.to_lowercase())
        })
        .collect()
}

#[test]
fn kind_and_search_filters_choose_the_marks_and_the_footer_names_them() {
    let dir = tempfile::tempdir().unwrap();
    let events = seed_events();
    let statements: BTreeSet<String> = events
        .iter()
        .filter(|(_, kind, _)| kind == "statement")
        .map(|(id, _, _)| id.clone())
        .collect();
    assert!(statements.len() > 5 && statements.len() < events.len());

    let only_statements = dir.path().join("statements.svg");
    let run = export(&[
        "-o",
        only_statements.to_str().unwrap(),
        "--kind",
        "statement",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let shown: BTreeSet<String> = svg_event_ids(&only_statements).into_iter().collect();
    assert_eq!(
        shown, statements,
        "a mark for every statement and nothing else"
    );
    let text = std::fs::read_to_string(&only_statements).unwrap();
    assert!(
        text.contains("filters: kind statement"),
        "the footer names the filter"
    );

    let groundless = dir.path().join("groundless.svg");
    let run = export(&[
        "-o",
        groundless.to_str().unwrap(),
        "--kind",
        "statement",
        "--search",
        "GROUNDLESS",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let found: BTreeSet<String> = svg_event_ids(&groundless).into_iter().collect();
    let expected: BTreeSet<String> = events
        .iter()
        .filter(|(id, _, words)| statements.contains(id) && words.contains("groundless"))
        .map(|(id, _, _)| id.clone())
        .collect();
    assert!(!expected.is_empty() && expected.len() < statements.len());
    assert_eq!(
        found, expected,
        "the search narrows the statements, ignoring case"
    );
    let text = std::fs::read_to_string(&groundless).unwrap();
    assert!(text.contains("filters: kind statement, search “GROUNDLESS”"));

    // Two kinds are alternatives: statements or reports.
    let either = dir.path().join("either.svg");
    let run = export(&[
        "-o",
        either.to_str().unwrap(),
        "--kind",
        "statement",
        "--kind",
        "report",
    ]);
    assert!(run.status.success());
    let both: BTreeSet<String> = svg_event_ids(&either).into_iter().collect();
    let reports_or_statements = events
        .iter()
        .filter(|(_, kind, _)| kind == "statement" || kind == "report")
        .count();
    assert_eq!(both.len(), reports_or_statements);
}

#[test]
fn an_export_after_the_file_changed_on_disk_carries_the_hash_of_the_data_shown() {
    use sha2::Digest as _;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("claims.json");
    let original = claimline::seed::CLAIMS_JSON.to_owned();
    std::fs::write(&file, &original).unwrap();
    let doc =
        claimline::document::Document::from_outcome(claimline::load::load_file(&file).unwrap())
            .map_err(|_| "the copy loads")
            .unwrap();
    // Someone edits the file while it is open.
    std::fs::write(
        &file,
        original.replacen("Kremlin denials", "Edited denials", 1),
    )
    .unwrap();

    let out = dir.path().join("shown.svg");
    let request = claimline::export::ExportRequest {
        path: out.clone(),
        format: claimline::export::ImageFormat::Svg,
        width_px: 800,
        height_px: 450,
        scale: 1.0,
        view: None,
        dark: false,
        title: None,
        footer: true,
        selected: None,
        filter: claimline::timeline::Filter::default(),
        callouts: claimline::timeline::CalloutMode::Auto,
        force: false,
        keep_empty_lanes: false,
        pages: false,
    };
    claimline::export::export(&doc, &request).unwrap();
    let hex = |bytes: &[u8]| {
        sha2::Sha256::digest(bytes)
            .iter()
            .take(4)
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    let text = std::fs::read_to_string(&out).unwrap();
    let loaded = hex(original.as_bytes());
    let on_disk = hex(&std::fs::read(&file).unwrap());
    assert_ne!(loaded, on_disk);
    assert!(
        text.contains(&format!("sha256 {loaded}")),
        "the loaded bytes' hash"
    );
    assert!(!text.contains(&format!("sha256 {on_disk}")));
}
