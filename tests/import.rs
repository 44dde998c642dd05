//! Importers: real `TimelineJS` files (JSON, legacy JSON, Sheets CSV) from
//! `tests/fixtures/timelinejs` (copied from `shared/fixtures/timelinejs`) and our own CSV from
//! `tests/fixtures`, read through the same validation as native datasets and checked with
//! `claimline check` like any dataset.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test that cannot unwrap has failed"
)]

#[allow(dead_code, reason = "not every test file uses every shared helper")]
mod common;

use std::path::{Path, PathBuf};

use claimline::load::{Embedded, Finding, Origin, Report, load_bytes, load_file};
use claimline::model::{Dataset, Event, Precision};

/// The real `TimelineJS` files, copied unchanged from `shared/fixtures/timelinejs` (MPL-2.0, see
/// their NOTICE.md) so `cargo test` needs nothing beside the checkout.
fn timelinejs_dir() -> PathBuf {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/timelinejs"
    ));
    assert!(
        dir.is_dir(),
        "the TimelineJS fixtures are missing: looked in {}",
        dir.display()
    );
    dir.to_path_buf()
}

fn timelinejs(name: &str) -> PathBuf {
    let path = timelinejs_dir().join(name);
    assert!(path.is_file(), "missing fixture {}", path.display());
    path
}

fn own(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Loads a file that must give a dataset.
fn load(path: &Path) -> (Report, Dataset) {
    let outcome = load_file(path).unwrap();
    let report = outcome.report;
    let checked = outcome
        .checked
        .unwrap_or_else(|| panic!("{} gave no dataset: {:#?}", path.display(), report.findings));
    (report, checked.dataset)
}

fn event<'a>(dataset: &'a Dataset, title: &str) -> &'a Event {
    dataset
        .events
        .iter()
        .find(|e| e.title == title)
        .unwrap_or_else(|| panic!("no event titled {title:?}"))
}

/// An event's date as (ISO form, precision).
fn date(event: &Event) -> (String, Precision) {
    (event.date.iso(), event.date.precision())
}

fn end(event: &Event) -> Option<(String, Precision)> {
    event.end.map(|d| (d.iso(), d.precision()))
}

fn messages(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| format!("{}:{} {} {}", f.line, f.column, f.path, f.message))
        .collect::<Vec<_>>()
        .join("\n")
}

fn in_lane<'a>(dataset: &'a Dataset, lane: &str) -> Vec<&'a Event> {
    dataset
        .events
        .iter()
        .map(|e| &**e)
        .filter(|e| e.lane == lane)
        .collect()
}

#[test]
fn every_timelinejs_fixture_is_imported_or_rejected_with_a_message() {
    let mut files = 0;
    for entry in std::fs::read_dir(timelinejs_dir()).unwrap() {
        let path = entry.unwrap().path();
        if !path.extension().is_some_and(|x| x == "json" || x == "csv") {
            continue;
        }
        files += 1;
        let outcome = load_file(&path).unwrap();
        let dataset = outcome.checked.as_ref().map(|c| &c.dataset);
        assert!(
            dataset.is_some_and(|d| !d.events.is_empty()),
            "{} imported nothing: {}",
            path.display(),
            messages(&outcome.report.findings)
        );
        for finding in &outcome.report.findings {
            assert!(
                finding.line >= 1 && finding.column >= 1 && !finding.message.is_empty(),
                "{}: {finding:?}",
                path.display()
            );
        }
    }
    assert_eq!(files, 8, "the fixture folder changed; see its NOTICE.md");
}

#[test]
fn women_in_computing_json_keeps_year_month_and_day_precision() {
    let (report, d) = load(&timelinejs("women_in_computing.json"));
    assert_eq!(report.error_count(), 0, "{}", messages(&report.findings));
    assert_eq!(d.events.len(), 10);
    assert_eq!(d.title, "Women in Computing");
    assert!(
        d.description
            .starts_with("In this sample timeline, we'll walk you through")
    );

    let ada = event(&d, "Ada Lovelace");
    assert_eq!(date(ada), ("1815-12-10".into(), Precision::Day));
    assert_eq!(end(ada), Some(("1852-11-27".into(), Precision::Day)));
    let eniac = event(&d, "...And the women who made it work");
    assert_eq!(date(eniac), ("1943-07".into(), Precision::Month));
    assert_eq!(end(eniac), Some(("1946".into(), Precision::Year)));
    let peter = event(&d, "Rózsa Péter writes recursion");
    assert_eq!(date(peter), ("1951".into(), Precision::Year));
    assert_eq!(end(peter), None);
    assert_eq!(
        peter.date_basis.as_deref(),
        Some(r#"TimelineJS start_date {year: "1951", month: "", day: ""}"#)
    );
    let granville = event(&d, "Contributions to space exploration");
    assert_eq!(date(granville), ("1956".into(), Precision::Year));
    assert_eq!(end(granville), Some(("1962".into(), Precision::Year)));
    assert_eq!(d.events.iter().filter(|e| e.end.is_some()).count(), 3);

    // No groups: one lane, "Events"; every event is context.
    assert_eq!(d.lanes.len(), 1);
    assert_eq!(d.lanes[0].label, "Events");
    assert!(d.events.iter().all(|e| e.lane == d.lanes[0].id));
    assert!(
        d.events
            .iter()
            .all(|e| e.kind == claimline::model::EventKind::Context)
    );

    // Media: one source per link, titled by its credit; the embedded blockquote is kept as text.
    assert_eq!(d.sources.len(), 9);
    let portrait = d.source(&ada.citations[0].source).unwrap();
    assert_eq!(portrait.title, "Wikimedia Commons");
    assert!(
        portrait
            .url
            .as_deref()
            .unwrap()
            .ends_with("Ada_Lovelace_portrait.jpg")
    );
    assert_eq!(
        ada.citations[0].note.as_deref(),
        Some("Portrait by Alfred Edward Chalon")
    );
    let museum = d.source(&eniac.citations[0].source).unwrap();
    assert_eq!(
        museum.title, "Computer History Museum",
        "credit HTML is plain text"
    );
    let clarke = event(&d, "Edith Clarke: Bucking the Trend");
    assert!(clarke.citations.is_empty());
    assert!(
        clarke
            .summary
            .as_deref()
            .unwrap()
            .starts_with("There is no demand for women engineers")
    );
}

#[test]
fn html_becomes_plain_text_with_entities_decoded() {
    let (_, d) = load(&timelinejs("women_in_computing.json"));
    let ada = event(&d, "Ada Lovelace").summary.as_deref().unwrap();
    assert_eq!(
        ada,
        "Women have been programming since before it was a thing. Take Ada Lovelace: Daughter of \
         Lord Byron, she's often credited as the first computer programmer. Her work on Charles \
         Babbage's Analytical Engine contains notes of the first machine-implemented \
         algorithm.\n\nThis slide demonstrates a simple \"image\" media type."
    );
    for e in &d.events {
        let summary = e.summary.as_deref().unwrap_or_default();
        assert!(
            !summary.contains('<') && !summary.contains("href"),
            "{summary}"
        );
    }

    let (report, d) = load(&own("entities.json"));
    assert_eq!(d.title, "Ben & Jerry’s");
    assert_eq!(d.description, "An \"entity\" test <not a tag>");
    let scoop = event(&d, "First scoop shop");
    assert_eq!(
        scoop.summary.as_deref(),
        Some(
            "Opened in a renovated gas station in Burlington – Vermont.\n\nFree cone day \
             followed…\nevery year."
        )
    );
    assert_eq!(
        date(scoop),
        ("1978-05-05".into(), Precision::Day),
        "numbers work too"
    );
    assert_eq!(scoop.lane, "Shops");
    assert_eq!(scoop.citations[0].note.as_deref(), Some("The first shop"));
    assert_eq!(d.sources.len(), 1, "identical media URLs share a source");
    assert_eq!(d.sources[0].title, "Example & Co");
    let same = event(&d, "Same media as the first");
    assert_eq!(same.citations[0].source, d.sources[0].id);
    assert_eq!(same.id, "event-3");

    // A repeated unique_id is the validator's duplicate-id error, at the second unique_id.
    let dup = report
        .errors()
        .find(|f| f.message.contains("duplicate event id `scoop`"))
        .unwrap_or_else(|| panic!("{}", messages(&report.findings)));
    assert_eq!((dup.line, dup.column), (12, 20));
    assert_eq!(dup.path, "events[1].id");
}

#[test]
fn eras_become_range_events_in_their_own_last_lane() {
    let (report, d) = load(&timelinejs("eras.json"));
    assert_eq!(report.error_count(), 0, "{}", messages(&report.findings));
    let eras = in_lane(&d, "Eras");
    assert_eq!(d.events.len() - eras.len(), 20);
    assert_eq!(eras.len(), 3);
    assert_eq!(d.lanes.last().unwrap().label, "Eras");
    assert!(eras.iter().all(|e| e.end.is_some()));
    let first = eras.iter().find(|e| e.title == "Era Test 650-700").unwrap();
    assert_eq!(date(first), ("0650".into(), Precision::Year));
    assert_eq!(end(first), Some(("0700".into(), Precision::Year)));
    assert_eq!(d.title, "Eras Test");

    let hijra = event(&d, "Muhammad Migrates from Mecca to Medina");
    assert_eq!(date(hijra), ("0622-08-09".into(), Precision::Day));
    assert_eq!(end(hijra), Some(("0622-08-23".into(), Precision::Day)));
    let war = event(&d, "Last great Roman-Persian War.");
    assert_eq!(date(war), ("0602".into(), Precision::Year));
    assert_eq!(end(war), Some(("0629".into(), Precision::Year)));
}

#[test]
fn the_sheets_csv_gives_the_same_events_as_the_json() {
    let (json_report, json) = load(&timelinejs("women_in_computing.json"));
    let (csv_report, csv) = load(&timelinejs("women_in_computing.csv"));
    assert_eq!(
        csv_report.error_count(),
        0,
        "{}",
        messages(&csv_report.findings)
    );
    assert_eq!(json_report.events, csv_report.events);
    assert_eq!(csv.title, json.title);
    assert_eq!(csv.events.len(), 10);
    let lane_label = |d: &Dataset, e: &Event| {
        d.lanes
            .iter()
            .find(|l| l.id == e.lane)
            .map(|l| l.label.clone())
    };
    for (a, b) in json.events.iter().zip(&csv.events) {
        assert_eq!(a.title, b.title);
        assert_eq!(date(a), date(b), "{}", a.title);
        assert_eq!(end(a), end(b), "{}", a.title);
        assert_eq!(lane_label(&json, a), lane_label(&csv, b), "{}", a.title);
        assert_eq!(a.id, b.id);
        assert_eq!(a.citations.len(), b.citations.len(), "{}", a.title);
    }
    let eniac = event(&csv, "...And the women who made it work");
    assert!(
        eniac
            .date_basis
            .as_deref()
            .unwrap()
            .starts_with("TimelineJS sheet row 5: Year 1943, Month 7; End Year 1946"),
        "{:?}",
        eniac.date_basis
    );
}

#[test]
fn the_sheets_template_imports() {
    let (report, d) = load(&timelinejs("my-own-timeline.csv"));
    assert_eq!(report.error_count(), 0, "{}", messages(&report.findings));
    assert_eq!(d.title, "MY OWN CSV");
    assert_eq!(d.events.len(), 10);
    let hopper = event(&d, "Grace Hopper invents the compiler");
    assert_eq!(date(hopper), ("1952".into(), Precision::Year));
    assert_eq!(
        d.source(&hopper.citations[0].source).unwrap().title,
        "Innovation Hub"
    );
}

#[test]
fn sheets_times_give_minute_precision_and_bad_cells_are_placed() {
    let csv = "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,\
               Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n\
               2020,11,9,10:30 PM,,,,,,Late,,,,,,,Night,\n\
               2020,11,9,25:99,,,,,,Bad time,,,,,,,,\n\
               ,,,,,,,,,,,,,,,,,\n\
               1900,,,,2000,,,,,An era,,,,,,era,,\n";
    let outcome = load_bytes(
        csv.as_bytes(),
        Origin::File("night.csv".into()),
        &Embedded(&[]),
    );
    let d = outcome.checked.unwrap().dataset;
    assert_eq!(d.title, "night", "no title row: the file name");
    let late = event(&d, "Late");
    assert_eq!(date(late), ("2020-11-09T22:30".into(), Precision::Minute));
    assert_eq!(late.lane, "Night");
    let era = event(&d, "An era");
    assert_eq!(era.lane, "Eras");
    assert_eq!(
        d.lanes.iter().map(|l| l.label.as_str()).collect::<Vec<_>>(),
        ["Night", "Eras"]
    );
    let bad = outcome.report.errors().next().unwrap();
    assert_eq!((bad.line, bad.column), (3, 4));
    assert_eq!(bad.path, "rows[1].Time");
    assert!(bad.message.contains("25:99") && bad.message.contains("Bad time"));
}

#[test]
fn republican_and_twain_import_with_their_dates() {
    let (report, d) = load(&timelinejs("republican_timeline3.json"));
    assert_eq!(report.error_count(), 0, "{}", messages(&report.findings));
    assert_eq!(d.events.len(), 13);
    assert_eq!(d.title, "The Republican Run-Up");
    assert_eq!(
        date(event(&d, "Iowa")),
        ("2012-01-03".into(), Precision::Day)
    );
    assert_eq!(
        date(event(&d, "Super Tuesday")),
        ("2012-03-06".into(), Precision::Day)
    );

    let (report, d) = load(&timelinejs("twain_marktwain.json"));
    assert_eq!(report.error_count(), 0, "{}", messages(&report.findings));
    assert_eq!(d.events.len(), 17);
    assert_eq!(
        d.title, "twain_marktwain",
        "no headline on the title slide: the file name"
    );
    let florida = event(&d, "Florida, Missouri");
    assert_eq!(
        date(florida),
        ("2000-01-05T06:45".into(), Precision::Minute)
    );
    let hannibal = event(&d, "Hannibal, Missouri");
    assert_eq!(
        end(hannibal),
        Some(("1923-01-05T06:45".into(), Precision::Minute))
    );
    assert_eq!(
        date(event(&d, "Get started!")),
        ("2014".into(), Precision::Year)
    );
    // Slides without a headline get a title from their text, with a warning.
    let untitled = report
        .warnings()
        .filter(|f| f.message.starts_with("no headline"))
        .count();
    assert_eq!(untitled, 4, "{}", messages(&report.findings));
    assert!(d.events.iter().all(|e| !e.title.is_empty()));
}

#[test]
fn legacy_timelinejs_imports_comma_dates() {
    let (report, d) = load(&timelinejs("example.json"));
    assert_eq!(d.events.len(), 28);
    assert_eq!(d.title, "Elizabeth Taylor 1932-2011");
    let dies = event(&d, "Elizabeth Taylor Dies in Los Angeles");
    assert_eq!(date(dies), ("2011-03-23".into(), Precision::Day));
    assert_eq!(dies.tags, ["Personal life"]);
    assert_eq!(
        dies.date_basis.as_deref(),
        Some(r#"TimelineJS startDate "2011,3,23""#)
    );
    assert_eq!(
        date(event(&d, "Makes Broadway Debut")),
        ("1981".into(), Precision::Year)
    );
    let aids = event(&d, "AIDS Activism");
    assert_eq!(date(aids), ("1985".into(), Precision::Year));
    assert_eq!(end(aids), Some(("2011-02-16".into(), Precision::Day)));
    // The file's one defect: "Butterfield 8" ends (compact 196002152034) before it starts.
    let errors: Vec<_> = report.errors().collect();
    assert_eq!(errors.len(), 1, "{}", messages(&report.findings));
    assert!(
        errors[0]
            .message
            .contains("range ends (1960-02-15T20:34) before it starts (1961-01-01)")
    );
    assert_eq!(errors[0].path, "timeline.date[16].end");
    assert_eq!(errors[0].line, 207);
}

#[test]
fn cosmo_reports_each_date_beyond_the_drawable_range_by_event_and_value() {
    let path = timelinejs("cosmo.json");
    let outcome = load_file(&path).unwrap();
    let report = &outcome.report;
    let errors: Vec<_> = report.errors().collect();
    assert_eq!(errors.len(), 7, "{}", messages(&report.findings));
    // First, one line that says what the file lost: a window too narrow for the long lines below
    // still shows it whole.
    let summary = errors[0];
    assert_eq!((summary.line, summary.column), (1, 1));
    assert!(
        summary
            .message
            .starts_with("6 of 7 events are not imported: their years are beyond"),
        "{}",
        summary.message
    );
    assert!(
        summary.message.contains("-262143 to 262142"),
        "{}",
        summary.message
    );
    let big_bang = errors[1];
    assert_eq!(big_bang.path, "events[0].start_date.year");
    assert_eq!(big_bang.event.as_deref(), Some("event-1"));
    // What happened comes first, then why.
    assert!(
        big_bang
            .message
            .starts_with("the event “The Big Bang” is not imported: ")
            && big_bang
                .message
                .contains("`-13800000000` is outside the range Claimline can draw"),
        "{}",
        big_bang.message
    );
    // Its place is the year's value in the file.
    let text = std::fs::read_to_string(&path).unwrap();
    let (line_index, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("\"-13800000000\""))
        .unwrap();
    assert_eq!(big_bang.line, line_index + 1);
    assert_eq!(big_bang.column, line.find("\"-13800000000\"").unwrap() + 1);
    // The one event within range is kept.
    let d = &outcome.checked.as_ref().unwrap().dataset;
    assert_eq!(d.events.len(), 1);
    assert_eq!(date(&d.events[0]), ("-3500".into(), Precision::Year));

    let out = claimline_check(&[path.to_str().unwrap()]);
    assert!(
        out.contains(
            "error: the event “The Big Bang” is not imported: date `-13800000000` is outside \
             the range Claimline can draw"
        ),
        "{out}"
    );
}

fn claimline_check(args: &[&str]) -> String {
    common::cli::text(&common::cli::check(args).stdout)
}

#[test]
fn check_reports_the_event_count_of_every_format() {
    let native = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/claims.json");
    let native_events = load(&native).1.events.len();
    let cases = [
        (native, native_events),
        (timelinejs("women_in_computing.json"), 10),
        (timelinejs("example.json"), 28),
        (timelinejs("women_in_computing.csv"), 10),
        (own("claims.csv"), 3),
    ];
    for (path, events) in cases {
        let out = claimline_check(&["--format", "json", path.to_str().unwrap()]);
        let report: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
        assert_eq!(report["events"], events, "{}: {out}", path.display());
    }
}

#[test]
fn our_csv_imports_with_its_quote_kept_unverified() {
    let (report, d) = load(&own("claims.csv"));
    assert_eq!(report.error_count(), 0, "{}", messages(&report.findings));
    assert_eq!(d.title, "claims");
    assert_eq!(d.events.len(), 3);
    let peskov = d.event("peskov-2024-03").unwrap();
    assert_eq!(peskov.kind, claimline::model::EventKind::Statement);
    assert_eq!(peskov.lane, "kremlin");
    assert_eq!(date(peskov), ("2024-03-06".into(), Precision::Day));
    assert_eq!(peskov.actors, ["Dmitry Peskov", "Vladimir Putin"]);
    assert_eq!(
        peskov.citations[0].quote.exact,
        "We have never interfered, and we do not intend to."
    );
    assert_eq!(
        peskov.date_basis.as_deref(),
        Some("Said on Mar. 6 (article dated 9 Mar 2024)")
    );
    let source = d.source(&peskov.citations[0].source).unwrap();
    assert_eq!(source.url.as_deref(), Some("https://example.org/article"));
    assert_eq!(d.sources.len(), 1, "the same URL is one source");

    let mueller = d.event("event-2").unwrap();
    assert_eq!(date(mueller), ("2019-04".into(), Precision::Month));
    assert_eq!(end(mueller), Some(("2019-05".into(), Precision::Month)));
    assert_eq!(
        mueller.summary.as_deref(),
        Some("A summary with a comma, and \"quotes\".")
    );
    let election = d.event("election-2020").unwrap();
    assert_eq!(
        date(election),
        ("2020-11-03T07:00".into(), Precision::Minute)
    );
    assert!(election.citations.is_empty());

    // The source has no text, so the quote is reported as unverifiable, at the quote's cell.
    let warnings: Vec<_> = report.warnings().collect();
    assert_eq!(warnings.len(), 1, "{}", messages(&report.findings));
    assert!(
        warnings[0]
            .message
            .contains("cannot be verified: source `s1` has no text")
    );
    assert_eq!((warnings[0].line, warnings[0].column), (2, 11));
    assert_eq!(warnings[0].event.as_deref(), Some("peskov-2024-03"));
}

#[test]
fn a_bad_row_is_reported_at_its_line_and_column_and_the_rest_imports() {
    let (report, d) = load(&own("bad-date.csv"));
    let found = |needle: &str| {
        report
            .findings
            .iter()
            .find(|f| f.message.contains(needle))
            .unwrap_or_else(|| panic!("no finding with {needle:?}: {}", messages(&report.findings)))
    };
    let leap = found("2021-02-29");
    assert!(leap.is_error());
    assert_eq!((leap.line, leap.column), (3, 3));
    assert_eq!(leap.path, "rows[1].date");
    assert_eq!(leap.event.as_deref(), Some("b"));
    let kind = found("unknown kind `speech`");
    assert_eq!(
        (kind.line, kind.column, kind.path.as_str()),
        (4, 2, "rows[2].kind")
    );
    // After a record over two lines, places are still physical lines.
    let far = found("-13800000000");
    assert!(far.is_error());
    assert_eq!((far.line, far.column), (7, 3));
    let notes = found("unknown column `notes`");
    assert!(!notes.is_error());
    assert_eq!((notes.line, notes.column), (1, 5));
    assert_eq!(report.error_count(), 3);
    let ids: Vec<_> = d.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["a", "d"]);
    assert_eq!(d.event("d").unwrap().title, "A title over\ntwo lines");
}

#[test]
fn a_table_without_the_required_columns_is_refused_by_name() {
    let outcome = load_bytes(
        b"name,when\nA,2020\n",
        Origin::File("people.csv".into()),
        &Embedded(&[]),
    );
    assert!(outcome.checked.is_none());
    let text = messages(&outcome.report.findings);
    assert!(
        text.contains("missing column `title`") && text.contains("missing column `date`"),
        "{text}"
    );
    assert!(text.contains("unknown column `name`"), "{text}");
}

#[test]
fn json_is_still_native_unless_it_has_the_timelinejs_shape() {
    let outcome = load_bytes(
        br#"{"title": "x", "events": [{"id": "a", "date": "2020"}]}"#,
        Origin::Embedded,
        &Embedded(&[]),
    );
    assert!(
        outcome.report.findings[0]
            .message
            .contains("missing field `format`"),
        "{}",
        messages(&outcome.report.findings)
    );
}

#[test]
fn garbage_and_truncated_tables_do_not_panic() {
    for name in ["garbage.csv", "truncated.csv"] {
        let outcome = load_file(&own(name)).unwrap();
        assert!(
            !outcome.report.findings.is_empty(),
            "{name}: {}",
            outcome.report.summary()
        );
    }
    let truncated = load_file(&own("truncated.csv")).unwrap();
    assert!(
        messages(&truncated.report.findings).contains("quoted field is not closed"),
        "{}",
        messages(&truncated.report.findings)
    );
    // Every prefix of real tables, cut anywhere (on a character boundary).
    let sheets = std::fs::read_to_string(timelinejs("women_in_computing.csv")).unwrap();
    let ours = std::fs::read_to_string(own("claims.csv")).unwrap();
    for (text, step) in [(&sheets, 37), (&ours, 1)] {
        for cut in (0..text.len())
            .step_by(step)
            .filter(|&i| text.is_char_boundary(i))
        {
            let _ = load_bytes(&text.as_bytes()[..cut], Origin::Embedded, &Embedded(&[]));
        }
    }
    // Bytes that are not text at all.
    let _ = load_bytes(
        &[0xFF, b',', 0x00, b'\n', 0xC3],
        Origin::Embedded,
        &Embedded(&[]),
    );
    let _ = load_bytes(b",\n\"\n,,,\"", Origin::Embedded, &Embedded(&[]));
}

#[test]
fn an_unclosed_csv_quote_is_an_error_at_its_row() {
    let text = "id,kind,date,title\na,context,2020-11-09,A\nb,context,2020-11-10,\"Unclosed\nc,context,2020-11-11,C\n";
    let outcome = load_bytes(text.as_bytes(), Origin::Embedded, &Embedded(&[]));
    let finding = outcome
        .report
        .findings
        .iter()
        .find(|f| f.message.contains("not closed"))
        .unwrap();
    assert!(finding.is_error(), "{finding}");
    assert_eq!(finding.line, 3, "{finding}");
}

#[test]
fn a_csv_row_wider_than_the_limit_is_refused_naming_it() {
    let wide = vec!["x"; claimline::load::limits::MAX_CSV_ROW_CELLS + 1].join(",");
    let text = format!("id,kind,date,title\n{wide}\n");
    let outcome = load_bytes(text.as_bytes(), Origin::Embedded, &Embedded(&[]));
    let text = messages(&outcome.report.findings);
    assert!(text.contains("MAX_CSV_ROW_CELLS"), "{text}");
    assert!(outcome.checked.is_none());
}
