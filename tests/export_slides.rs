//! Exports as slides (issue 25): a filtered export is a finished slide (fitted range, only the lanes
//! and kinds it shows, filters named in words that are right), unknown filter values are errors
//! with a suggestion, type follows the slide's size, relation arrows end on their own events, a
//! dataset with errors says so, and the SVG and PDF carry their own letters.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test that cannot unwrap has failed"
)]

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use claimline::document::Document;
use claimline::export::svg::{design_scale, export_scene, slide_text};
use claimline::export::{ExportOptions, fit_to, shown_extent};
use claimline::timeline::{CalloutMode, Filter, TimeView};

fn export(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimline"))
        .arg("export")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run claimline")
}

fn ok(run: &Output) {
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

fn stderr(run: &Output) -> String {
    String::from_utf8_lossy(&run.stderr).into_owned()
}

fn seed() -> Document {
    Document::from_outcome(claimline::load::load_embedded()).expect("the seed loads")
}

/// Exports the seed with `args` to an SVG and returns its text.
fn svg_of(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("slide.svg");
    let mut all = vec!["-o", out.to_str().unwrap()];
    all.extend_from_slice(args);
    let run = export(&all);
    ok(&run);
    std::fs::read_to_string(&out).unwrap()
}

/// The words of every path of `class` (text is drawn as paths, each with an `aria-label`).
fn words(svg: &str, class: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
    doc.descendants()
        .filter(|n| n.has_tag_name("path") && n.attribute("class") == Some(class))
        .map(|n| n.attribute("aria-label").unwrap_or_default().to_owned())
        .collect()
}

fn desc(svg: &str) -> String {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .find(|n| n.has_tag_name("desc"))
        .and_then(|n| n.text())
        .unwrap_or_default()
        .to_owned()
}

fn event_ids(svg: &str) -> BTreeSet<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class").is_none())
        .filter_map(|n| n.attribute("data-event-id").map(str::to_owned))
        .collect()
}

#[test]
fn a_filtered_export_draws_only_the_lanes_and_kinds_it_shows() {
    let svg = svg_of(&["--lane", "kremlin"]);
    assert_eq!(
        words(&svg, "lane"),
        ["Kremlin and Russian officials"],
        "one lane, not four"
    );
    let kept = svg_of(&["--lane", "kremlin", "--keep-empty-lanes"]);
    assert_eq!(
        words(&kept, "lane").len(),
        4,
        "--keep-empty-lanes keeps them"
    );

    let svg = svg_of(&["--kind", "statement", "--search", "Peskov"]);
    let legend = words(&svg, "legend");
    assert!(legend.contains(&"Statement".to_owned()), "{legend:?}");
    for kind in ["Election", "Report", "Legal action", "Context"] {
        assert!(!legend.contains(&kind.to_owned()), "{kind} is not drawn");
    }
    // The seed's Peskov statements sit in two of the four lanes; the other rows are gone.
    assert_eq!(words(&svg, "lane").len(), 2, "{:?}", words(&svg, "lane"));
}

#[test]
fn a_filtered_export_is_fitted_to_its_events_unless_from_or_to_is_given() {
    let doc = seed();
    let filter = Filter {
        kinds: vec![claimline::model::EventKind::Statement],
        search: "Peskov".into(),
        ..Filter::default()
    };
    let shown = filter.apply(&doc.dataset, &doc.quotes, &doc.search);
    let fitted = fit_to(shown_extent(&doc, &shown).unwrap());
    let whole = TimeView::fit(doc.limits);
    assert!(fitted.span_days < 0.7 * whole.span_days, "{fitted:?}");
    let day = |days: f64| {
        claimline::model::Date::from_day(claimline::model::date::date_from_days(days).unwrap())
            .to_string()
    };
    let range = format!(
        "{} – {}",
        day(fitted.start_days),
        day(fitted.end_days() - 1e-9)
    );
    let svg = svg_of(&["--kind", "statement", "--search", "Peskov"]);
    assert!(desc(&svg).contains(&range), "{range} in {}", desc(&svg));
    assert!(desc(&svg).contains(&format!("{} of 44 events", shown.count())));

    let given = svg_of(&[
        "--kind",
        "statement",
        "--search",
        "Peskov",
        "--from",
        "2015",
        "--to",
        "2024",
    ]);
    assert!(
        desc(&given).contains("1 Jan 2015 – 31 Dec 2024"),
        "{}",
        desc(&given)
    );
    // An unfiltered export still shows the whole dataset.
    let all = svg_of(&[]);
    assert!(desc(&all).contains(&format!(
        "{} – {}",
        day(whole.start_days),
        day(whole.end_days() - 1e-9)
    )));
    assert_eq!(words(&all, "lane").len(), 4);
}

#[test]
fn lane_actor_and_tag_values_that_match_nothing_are_errors_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.png");
    let out = out.to_str().unwrap();
    let run = export(&["-o", out, "--lane", "nope"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(stderr(&run).contains("no lane `nope`"), "{}", stderr(&run));
    assert!(stderr(&run).contains("kremlin"), "the lanes are listed");
    let run = export(&["-o", out, "--lane", "kremln"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("tip: a similar value exists: 'kremlin'"),
        "{}",
        stderr(&run)
    );
    let run = export(&["-o", out, "--hide-lane", "electons"]);
    assert!(stderr(&run).contains("'elections'"), "{}", stderr(&run));
    let run = export(&["-o", out, "--actor", "peskv"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("'peskov'"), "{}", stderr(&run));
    let run = export(&["-o", out, "--tag", "denail"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("'denial'"), "{}", stderr(&run));
    let run = export(&["-o", out, "--relations", "ryabkov-rejects-odni"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("'ryabkov-rejects-odni-report-2021'"),
        "{}",
        stderr(&run)
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    // A lane by its name, in any case, is the lane.
    let svg = svg_of(&["--lane", "KREMLIN AND RUSSIAN OFFICIALS"]);
    assert_eq!(words(&svg, "lane"), ["Kremlin and Russian officials"]);
    // `list` takes the same filters and refuses the same typos.
    let list = Command::new(env!("CARGO_BIN_EXE_claimline"))
        .args(["list", "--lane", "nope"])
        .output()
        .unwrap();
    assert_eq!(list.status.code(), Some(2));
}

#[test]
fn the_footer_names_every_hidden_lane_and_wraps_inside_the_slide() {
    let svg = svg_of(&[
        "--hide-lane",
        "elections",
        "--hide-lane",
        "context",
        "--hide-lane",
        "us",
        "--width",
        "800",
        "--height",
        "450",
    ]);
    let footer = desc(&svg);
    assert!(
        footer.contains("hidden lanes Elections, Context and US reports and legal actions"),
        "{footer}"
    );
    let lines = words(&svg, "footer");
    assert!(lines.len() > 1, "the footer wraps: {lines:?}");
    assert_eq!(lines.join(" "), footer, "no word of the footer is lost");
    assert_within_view_box(&svg);
}

#[test]
fn a_long_title_wraps_and_nothing_leaves_the_slide() {
    let title = "Kremlin denials of election interference, set against the findings of US \
                 intelligence, courts and election observers, 2016 to 2024";
    let svg = svg_of(&["--title", title, "--width", "1280", "--height", "720"]);
    let lines = words(&svg, "title");
    assert!(lines.len() >= 2, "{lines:?}");
    assert_eq!(lines.join(" "), title);
    assert_within_view_box(&svg);
}

/// Every drawn text (a path) lies inside the `viewBox`: no label, title or footer is cut at an
/// edge of the slide.
fn assert_within_view_box(svg: &str) {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let root = doc.root_element();
    let view_box: Vec<f64> = root
        .attribute("viewBox")
        .unwrap()
        .split(' ')
        .map(|v| v.parse().unwrap())
        .collect();
    let (w, h) = (view_box[2], view_box[3]);
    for path in doc
        .descendants()
        .filter(|n| n.has_tag_name("path") && n.attribute("aria-label").is_some())
    {
        let d = path.attribute("d").unwrap();
        let numbers: Vec<f64> = d
            .split(|c: char| c.is_ascii_alphabetic() || c == ' ' || c == ',')
            .filter_map(|v| v.parse().ok())
            .collect();
        for xy in numbers.chunks(2) {
            if let [x, y] = xy {
                assert!(
                    (-0.5..=w + 0.5).contains(x) && (-0.5..=h + 0.5).contains(y),
                    "{:?} leaves the {w}×{h} slide at ({x}, {y})",
                    path.attribute("aria-label")
                );
            }
        }
    }
}

#[test]
fn type_follows_the_slide_size() {
    assert!((design_scale(1280, 720) - 1.0).abs() < 1e-9);
    assert!((design_scale(1920, 1080) - 1.5).abs() < 1e-9);
    assert!((design_scale(3840, 2160) - 3.0).abs() < 1e-9);
    assert!(
        (design_scale(640, 360) - 1.0).abs() < 1e-9,
        "small images keep their type"
    );
    let hd = svg_of(&["--width", "1920", "--height", "1080"]);
    assert!(hd.contains(r#"width="1920" height="1080" viewBox="0 0 1280.00 720.00""#));
    let k4 = svg_of(&["--width", "3840", "--height", "2160"]);
    assert!(k4.contains(r#"viewBox="0 0 1280.00 720.00""#));
    // The same slide at every size: the same labels, the letters three times as large at 4K.
    assert_eq!(words(&hd, "label"), words(&k4, "label"));
    let doc = seed();
    let options = |w, h| ExportOptions {
        width_px: w,
        height_px: h,
        view: TimeView::fit(doc.limits),
        callouts: CalloutMode::Auto,
        ..ExportOptions::default()
    };
    let small = export_scene(&doc.dataset, &doc.index, &options(1280, 720));
    let large = export_scene(&doc.dataset, &doc.index, &options(3840, 2160));
    assert_eq!(small.labels, large.labels);
}

#[test]
fn the_svg_carries_its_own_letters_and_stays_readable() {
    let svg = svg_of(&["--relations", "ryabkov-rejects-odni-report-2021"]);
    for rendered_differently in ["paint-order", "dominant-baseline", "<text", "font-face"] {
        assert!(
            !svg.contains(rendered_differently),
            "{rendered_differently} in the SVG"
        );
    }
    let doc = roxmltree::Document::parse(&svg).unwrap();
    // Halos are a layer of their own, before (under) the labels they outline.
    let groups: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("g"))
        .filter_map(|n| n.attribute("class"))
        .filter(|c| *c == "halos" || *c == "labels")
        .collect();
    assert_eq!(groups, ["halos", "labels"]);
    let halos = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("halos"))
        .unwrap();
    assert!(
        halos
            .children()
            .all(|p| p.attribute("fill") == Some("none"))
    );
    assert!(halos.children().count() >= words(&svg, "label").len());
    // Readable: a title, and every mark and text with words for a screen reader.
    assert!(svg.contains("<title>"));
    for mark in doc
        .descendants()
        .filter(|n| n.attribute("data-event-id").is_some() && n.attribute("class").is_none())
    {
        assert!(mark.attribute("aria-label").is_some_and(|a| a.len() > 5));
        assert!(mark.children().any(|c| c.has_tag_name("title")));
    }
    assert!(words(&svg, "label").iter().all(|w| !w.is_empty()));
    assert_within_view_box(&svg);
}

type Arrows = Vec<(String, String, (f64, f64))>;
type Marks = Vec<(String, (f64, f64))>;

/// `(data-from, data-to, end point)` of every arrow in an SVG (the point it aims at: its curve
/// stops short of it so the head shows, as on screen), and the centre of every mark.
fn arrows_and_marks(svg: &str) -> (Arrows, Marks) {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let arrows = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("arrow"))
        .map(|g| {
            let (x, y) = g.attribute("data-end").unwrap().split_once(',').unwrap();
            (
                g.attribute("data-from").unwrap().to_owned(),
                g.attribute("data-to").unwrap().to_owned(),
                (x.parse().unwrap(), y.parse().unwrap()),
            )
        })
        .collect();
    let marks = doc
        .descendants()
        .filter(|n| n.attribute("data-event-id").is_some() && n.attribute("class").is_none())
        .filter_map(|g| {
            let id = g.attribute("data-event-id")?.to_owned();
            // The symbol: the last shape before the selection ring; its box's centre, except a
            // triangle, whose centre is 1.2 r below its apex.
            let shape = g
                .children()
                .filter(|c| ["circle", "rect", "polygon"].contains(&c.tag_name().name()))
                .find(|c| c.attribute("r") != Some("11") && c.attribute("height") != Some("8"))?;
            let centre = match shape.tag_name().name() {
                "circle" => (
                    shape.attribute("cx")?.parse().ok()?,
                    shape.attribute("cy")?.parse().ok()?,
                ),
                "rect" if shape.attribute("rx") == Some("1") => {
                    let v = |a: &str| shape.attribute(a).unwrap().parse::<f64>().unwrap();
                    (v("x") + v("width") / 2.0, v("y") + v("height") / 2.0)
                }
                "polygon" => {
                    let points: Vec<(f64, f64)> = shape
                        .attribute("points")?
                        .split(' ')
                        .filter_map(|p| {
                            let (x, y) = p.split_once(',')?;
                            Some((x.parse().ok()?, y.parse().ok()?))
                        })
                        .collect();
                    if points.len() == 4 {
                        (points[0].0, points[1].1)
                    } else {
                        (points[0].0, points[0].1 + 7.2)
                    }
                }
                _ => return None,
            };
            Some((id, centre))
        })
        .collect();
    (arrows, marks)
}

#[test]
fn relations_draws_the_events_arrows_each_ending_on_its_own_mark() {
    let svg = svg_of(&["--relations", "ryabkov-rejects-odni-report-2021"]);
    let (arrows, marks) = arrows_and_marks(&svg);
    let targets: BTreeSet<&str> = arrows.iter().map(|a| a.1.as_str()).collect();
    assert!(
        targets.contains("odni-report-2021") && targets.contains("peskov-rejects-odni-report-2021"),
        "{arrows:?}"
    );
    for (from, to, end) in &arrows {
        let (_, centre) = marks
            .iter()
            .find(|(id, _)| id == to)
            .expect("a target mark");
        assert!(
            (centre.0 - end.0).abs() < 0.2 && (centre.1 - end.1).abs() < 0.2,
            "{from} → {to} ends at {end:?}, its mark is at {centre:?}"
        );
    }
    assert!(words(&svg, "relation").contains(&"denies".to_owned()));
}

#[test]
fn an_arrow_to_an_event_the_filter_hides_is_not_drawn_onto_another_and_is_named() {
    let svg = svg_of(&[
        "--relations",
        "ryabkov-rejects-odni-report-2021",
        "--kind",
        "statement",
        "--search",
        "groundless",
    ]);
    let (arrows, marks) = arrows_and_marks(&svg);
    let drawn = event_ids(&svg);
    assert!(
        !drawn.contains("odni-report-2021"),
        "the report is filtered out"
    );
    for (from, to, end) in &arrows {
        assert!(drawn.contains(from) && drawn.contains(to), "{from} → {to}");
        for (id, centre) in &marks {
            let lands = (centre.0 - end.0).abs() < 0.2 && (centre.1 - end.1).abs() < 0.2;
            assert!(!lands || id == to, "{from} → {to} lands on {id}");
        }
    }
    assert!(arrows.iter().all(|a| a.1 != "odni-report-2021"));
    let notes = words(&svg, "note").join(" ");
    assert!(
        notes.contains("denies “US intelligence") && notes.contains("hidden by the filters"),
        "{notes}"
    );
    // The same in the scene the exporter lays out: no arrow ends anywhere but on its target.
    let doc = seed();
    let filter = Filter {
        kinds: vec![claimline::model::EventKind::Statement],
        search: "groundless".into(),
        ..Filter::default()
    };
    let shown = filter.apply(&doc.dataset, &doc.quotes, &doc.search);
    let selected = doc.dataset.event_index("ryabkov-rejects-odni-report-2021");
    let options = ExportOptions {
        width_px: 1920,
        height_px: 1080,
        view: fit_to(shown_extent(&doc, &shown).unwrap()),
        selected,
        shown: Some(std::sync::Arc::new(shown)),
        ..ExportOptions::default()
    };
    let scene = export_scene(&doc.dataset, &doc.index, &options);
    for arrow in &scene.arrows {
        let to = scene.mark_of(arrow.to_event).expect("a drawn target");
        assert_eq!((to.x_days, to.y), arrow.to);
    }
    let text = slide_text(&doc.dataset, &doc.index, &options);
    assert!(
        text.notes
            .iter()
            .any(|n| n.contains("hidden by the filters"))
    );
}

#[test]
fn a_dataset_with_errors_exports_only_when_allowed_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("errors.svg");
    let file = "tests/malformed/44-quote-not-in-source.json";
    let refused = export(&[file, "-o", out.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("--allow-errors"));
    let run = export(&[file, "-o", out.to_str().unwrap(), "--allow-errors"]);
    ok(&run);
    let svg = std::fs::read_to_string(&out).unwrap();
    let footer = desc(&svg);
    assert!(footer.contains(" · 1 error · "), "{footer}");
    assert!(
        footer.contains("1 quote not found in its source"),
        "{footer}"
    );
    // The failed quote is on the mark itself, and in the legend.
    assert_eq!(words(&svg, "quote-not-found"), ["✘"]);
    assert!(svg.contains("a quote was not found in its source"));
    assert!(words(&svg, "legend").contains(&"quote not found in its source".to_owned()));
}

#[test]
fn a_pdf_is_vector_with_embedded_fonts_and_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("slide.pdf");
    ok(&export(&[
        "-o",
        out.to_str().unwrap(),
        "--title",
        "Denials and the record",
    ]));
    let pdf = std::fs::read(&out).unwrap();
    let text = String::from_utf8_lossy(&pdf);
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(text.contains("/FontFile2"), "a TrueType font is embedded");
    assert!(text.contains("/CIDFontType2"));
    assert!(text.contains("/Title (Denials and the record)"), "metadata");
    assert!(text.contains("sha256"));
    assert!(text.contains("/Count 1"));
    assert!(text.contains("/MediaBox [0 0 1920 1080]"));
    assert!(!text.contains("/Subtype /Image"), "vector, not a picture");

    let pages = dir.path().join("handout.pdf");
    ok(&export(&["-o", pages.to_str().unwrap(), "--pages"]));
    let text = String::from_utf8_lossy(&std::fs::read(&pages).unwrap()).into_owned();
    let count: usize = text
        .split("/Count ")
        .nth(1)
        .and_then(|r| r.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(
        count >= 2,
        "44 events need more than one legible page: {count}"
    );
    assert_eq!(text.matches("/MediaBox [0 0 842 595]").count(), count);
    let png = dir.path().join("x.png");
    let refused = export(&["-o", png.to_str().unwrap(), "--pages"]);
    assert_eq!(refused.status.code(), Some(2));
}

#[test]
fn a_filter_that_matches_nothing_is_an_error_not_an_empty_slide() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.svg");
    let run = export(&[
        "-o",
        out.to_str().unwrap(),
        "--kind",
        "election",
        "--lane",
        "kremlin",
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("no event matches"),
        "{}",
        stderr(&run)
    );
    assert!(!Path::new(&out).exists());
}
