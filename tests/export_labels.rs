//! Every mark named on a slide (issue 15): the seed dataset exported at slide sizes, every visible
//! mark either labelled or numbered with a key entry, and no two names drawn over each other.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test that cannot unwrap has failed"
)]

use std::collections::{BTreeMap, BTreeSet};

use claimline::document::Document;
use claimline::export::svg::export_scene;
use claimline::export::{ExportOptions, render_svg};
use claimline::timeline::labels::{CALLOUT_FONT_SCALE, label_height_px};
use claimline::timeline::{CalloutMode, Scene, TimeView};

const SIZES: [(u32, u32); 3] = [(1280, 720), (1920, 1080), (3840, 2160)];

fn seed() -> Document {
    Document::from_outcome(claimline::load::load_embedded()).expect("the seed dataset loads")
}

/// What `claimline export -o x.png --width W --height H` draws: the whole dataset, with footer.
fn options(doc: &Document, width_px: u32, height_px: u32, callouts: CalloutMode) -> ExportOptions {
    let view = TimeView::fit(doc.limits);
    ExportOptions {
        width_px,
        height_px,
        scale: 1.0,
        view,
        dark: false,
        title: None,
        footer: Some("Seed · embedded seed dataset · sha256 00000000 · range · Claimline".into()),
        selected: None,
        callouts,
        shown: None,
        ..Default::default()
    }
}

/// Boxes of every label and callout in surface pixels, as (event, x0, y0, x1, y1).
fn name_boxes(scene: &Scene) -> Vec<(usize, f64, f64, f64, f64)> {
    let h = label_height_px(13.0);
    let mut boxes = Vec::new();
    for l in &scene.labels {
        let (x, y) = scene.to_px(l.x_days, l.y);
        let x0 = if l.right_aligned { x - l.width_px } else { x };
        boxes.push((l.event, x0, y - h / 2.0, x0 + l.width_px, y + h / 2.0));
    }
    for c in &scene.callouts {
        let (x, y) = scene.to_px(c.x_days, c.y);
        boxes.push((c.event, x, y - h / 2.0, x + c.width_px, y + h / 2.0));
    }
    boxes
}

fn visible_events(doc: &Document, scene: &Scene) -> BTreeSet<usize> {
    let view = scene.view.expect("a laid out scene has a view");
    scene
        .marks
        .iter()
        .filter(|m| {
            let e = &doc.dataset.events[m.event];
            e.latest_days() > view.start_days && e.earliest_days() < view.end_days()
        })
        .map(|m| m.event)
        .collect()
}

#[test]
fn every_mark_is_labelled_or_numbered_at_slide_sizes_and_names_never_overlap() {
    let doc = seed();
    let total = doc.dataset.events.len();
    println!("| size | labelled | numbered | identifiable |");
    for (w, h) in SIZES {
        let scene = export_scene(
            &doc.dataset,
            &doc.index,
            &options(&doc, w, h, CalloutMode::Auto),
        );
        let visible = visible_events(&doc, &scene);
        let labelled: BTreeSet<usize> = scene.labels.iter().map(|l| l.event).collect();
        let numbered: BTreeSet<usize> = scene.callouts.iter().map(|c| c.event).collect();
        let named: BTreeSet<usize> = labelled.union(&numbered).copied().collect();
        println!(
            "| {w}×{h} | {} / {total} | {} | {} / {total} |",
            labelled.len(),
            numbered.len(),
            named.len()
        );
        assert_eq!(
            visible.len(),
            total,
            "{w}×{h}: the whole dataset is in view"
        );
        assert_eq!(named, visible, "{w}×{h}: every visible mark is named");
        assert!(
            labelled.is_disjoint(&numbered),
            "{w}×{h}: auto numbers only unlabelled marks"
        );
        let boxes = name_boxes(&scene);
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let overlap = a.1 < b.3 && b.1 < a.3 && a.2 < b.4 && b.2 < a.4;
                assert!(
                    !overlap,
                    "{w}×{h}: names of events {} and {} overlap",
                    a.0, b.0
                );
            }
        }
        // Names stay on the slide: inside the plot's width.
        let width = boxes.iter().map(|b| b.3).fold(0.0, f64::max);
        assert!(
            boxes.iter().all(|b| b.1 >= 0.0),
            "{w}×{h}: a name starts left of the plot"
        );
        let plot_width = scene.to_px(scene.view.unwrap().end_days(), 0.0).0;
        assert!(
            width <= plot_width + 0.5,
            "{w}×{h}: a name runs past the plot"
        );
    }
}

#[test]
fn never_leaves_unlabelled_marks_bare_and_always_numbers_every_mark() {
    let doc = seed();
    let never = export_scene(
        &doc.dataset,
        &doc.index,
        &options(&doc, 1280, 720, CalloutMode::Never),
    );
    assert!(never.callouts.is_empty());
    let always = export_scene(
        &doc.dataset,
        &doc.index,
        &options(&doc, 1280, 720, CalloutMode::Always),
    );
    let numbered: BTreeSet<usize> = always.callouts.iter().map(|c| c.event).collect();
    assert_eq!(numbered, visible_events(&doc, &always));
    let numbers: Vec<usize> = always.callouts.iter().map(|c| c.number).collect();
    assert_eq!(numbers, (1..=numbers.len()).collect::<Vec<_>>());
    // Numbered in time order, so the key reads as a chronology.
    let xs: Vec<f64> = always
        .callouts
        .iter()
        .map(|c| always.mark_of(c.event).unwrap().x_days)
        .collect();
    assert!(xs.windows(2).all(|w| w[0] <= w[1]), "{xs:?}");
}

/// `(number, event id)` of every element of `class` in an SVG.
fn numbered(svg: &roxmltree::Document<'_>, class: &str) -> BTreeMap<usize, Vec<String>> {
    let mut found: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for node in svg
        .descendants()
        .filter(|n| n.attribute("class") == Some(class))
    {
        let number = node
            .attribute("data-callout")
            .expect("a number")
            .parse()
            .expect("a number");
        let id = node
            .attribute("data-event-id")
            .expect("an event id")
            .to_owned();
        found.entry(number).or_default().push(id);
    }
    found
}

#[test]
fn an_svgs_callout_numbers_and_key_entries_match_one_to_one() {
    let doc = seed();
    for (mode, w, h) in [
        (CalloutMode::Auto, 1280, 720),
        (CalloutMode::Always, 1920, 1080),
        (CalloutMode::Always, 1280, 720),
    ] {
        let text = render_svg(&doc.dataset, &doc.index, &options(&doc, w, h, mode));
        let svg = roxmltree::Document::parse(&text).expect("well-formed SVG");
        let marks = numbered(&svg, "callout");
        let key = numbered(&svg, "key");
        assert!(
            !marks.is_empty(),
            "{mode:?} {w}×{h}: some marks are numbered"
        );
        assert_eq!(
            marks, key,
            "{mode:?} {w}×{h}: numbers and key entries differ"
        );
        assert!(
            marks.values().all(|ids| ids.len() == 1),
            "a number is used twice"
        );
        // Each key entry reads "n — date — title" and names an event whose mark is in the SVG.
        for node in svg
            .descendants()
            .filter(|n| n.attribute("class") == Some("key"))
        {
            // Text is drawn as paths; their words are in `aria-label`.
            let entry: String = node
                .descendants()
                .filter_map(|n| n.attribute("aria-label"))
                .collect();
            let number = node.attribute("data-callout").unwrap();
            assert!(entry.starts_with(&format!("{number} — ")), "{entry}");
            let id = node.attribute("data-event-id").unwrap();
            let event = doc.dataset.events.iter().find(|e| e.id == id).unwrap();
            assert!(entry.contains(&event.date.to_string()), "{entry}");
            assert!(
                svg.descendants()
                    .any(|n| n.attribute("data-event-id") == Some(id)
                        && n.attribute("class").is_none()),
                "{id} has a mark"
            );
        }
    }
    // Never: no numbers and no key.
    let text = render_svg(
        &doc.dataset,
        &doc.index,
        &options(&doc, 1280, 720, CalloutMode::Never),
    );
    assert!(!text.contains(r#"class="callout""#) && !text.contains(r#"class="key""#));
    let _ = CALLOUT_FONT_SCALE;
}

/// A 5,000-character lane name once made the export's axis as wide as the image, and the PNG came
/// out blank: the name is cut as on screen, and the plot keeps its room and its marks.
#[test]
fn a_lane_with_a_very_long_name_leaves_the_plot_its_room() {
    let plot_width = |doc: &Document| {
        let scene = export_scene(
            &doc.dataset,
            &doc.index,
            &options(doc, 1280, 720, CalloutMode::Auto),
        );
        let view = scene.view.expect("a laid out scene has a view");
        let width = scene.to_px(view.start_days + view.span_days, 0.0).0;
        (width, scene.marks.len(), scene.lanes[0].label.clone())
    };
    let (seed_width, seed_marks, _) = plot_width(&seed());

    let mut outcome = claimline::load::load_embedded();
    let checked = outcome.checked.as_mut().expect("the seed dataset loads");
    checked.dataset.lanes[0].label = "Lane ".repeat(1_000);
    let long = Document::from_outcome(outcome).expect("the renamed seed still loads");
    let (width, marks, label) = plot_width(&long);

    // The cut name is measured in the lane font (Ubuntu, 14 px): 40 characters take about 100 px
    // more than the seed's longest name.
    assert!(
        width > seed_width - 150.0,
        "plot {width} px, seed {seed_width} px"
    );
    assert_eq!(
        marks, seed_marks,
        "every mark the seed's export draws is still drawn"
    );
    assert!(
        label.chars().count() <= 41 && label.ends_with('…'),
        "{label}"
    );
}
