//! A [`Scene`] as SVG: the same lanes, ticks, marks, bands, labels and arrows as the screen, laid
//! out as a slide.
//!
//! - **Type scales with the slide.** Everything is laid out on a design surface 720 units high
//!   (at least 960 wide) and the SVG's `viewBox` scales it to the image: a 1920×1080 slide draws
//!   13-unit labels 19.5 px high, a 4K slide 39 px, so both read like the same slide.
//! - **Portable.** Text is turned into paths by usvg with the bundled fonts ([`super::text`]), so
//!   librsvg, `LibreOffice`, browsers and slide programs draw the letters the PNG has; halos are
//!   separate paths drawn behind all text, and nothing relies on `paint-order` or
//!   `dominant-baseline`. [`render_svg_text`] keeps real `<text>` for the PDF, which embeds the
//!   fonts instead.
//! - **Findable.** Each event's mark is a group with `data-event-id`, an `aria-label` and a
//!   `<title>` (browsers show it on hover, screen readers read it); each text path has an
//!   `aria-label` with its words.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::ExportOptions;
use super::text::{baseline, wrap};
use crate::model::{Dataset, EventKind, Precision};
use crate::timeline::arrow;
use crate::timeline::labels::{CALLOUT_FONT_SCALE, label_height_px};
use crate::timeline::layout::{Arrow, Callout, Mark, lane_label};
use crate::timeline::style::{self, MarkShape, Rgb};
use crate::timeline::text::text_width_px;
use crate::timeline::{LayoutInput, Scene, TimeView, TimelineIndex, layout};

/// The font stack of the `<text>` version (PDF): the bundled fonts, which the PDF embeds.
pub const FONT_FAMILY: &str = "Ubuntu, 'DejaVu Sans', sans-serif";
const LABEL_SIZE: f64 = 13.0;
const LANE_SIZE: f64 = 14.0;
const TITLE_SIZE: f64 = 26.0;
const TITLE_LINE: f64 = 32.0;
/// The footer's and the notes' type.
const SMALL_SIZE: f64 = 12.0;
const SMALL_LINE: f64 = 16.0;
/// Font size of the callout key below the plot.
const KEY_SIZE: f64 = 12.0;
/// Height of one line of the key.
const KEY_LINE: f64 = 17.0;
/// The narrowest column of the key; wider slides get more columns.
const KEY_MIN_COLUMN: f64 = 380.0;
/// Room under the plot for the tick labels.
const TICKS_HEIGHT: f64 = 34.0;
const LEGEND_SIZE: f64 = 13.0;
const LEGEND_ROW: f64 = 22.0;
/// Left and right margin of the title and the footer.
const MARGIN: f64 = 16.0;
/// The design surface's height: a slide of any size is this many units high (and at least
/// [`DESIGN_MIN_WIDTH`] wide), scaled by the `viewBox`.
pub const DESIGN_HEIGHT: f64 = 720.0;
const DESIGN_MIN_WIDTH: f64 = 960.0;
/// Most lines of a title and of the footer before the last is cut with "…".
const TITLE_MAX_LINES: usize = 3;
const FOOTER_MAX_LINES: usize = 4;
/// Most lines of notes about relations not drawn.
const NOTE_MAX_LINES: usize = 4;
/// The mark of an event whose quote was not found in its source.
const NOT_FOUND_COLOR: &str = "#c62828";
const NOT_FOUND_MARK: &str = "✘";

/// How many image pixels one design unit is: the image's height over 720 (its width over 960 if
/// that is less), never below 1, so small images keep the type they always had.
pub fn design_scale(width_px: u32, height_px: u32) -> f64 {
    let (w, h) = (f64::from(width_px), f64::from(height_px));
    (h / DESIGN_HEIGHT).min(w / DESIGN_MIN_WIDTH).max(1.0)
}

/// Colours of one theme.
struct Palette {
    background: &'static str,
    text: &'static str,
    weak: &'static str,
    grid: &'static str,
    stripe: &'static str,
}

fn palette(dark: bool) -> Palette {
    if dark {
        Palette {
            background: "#1b1b1b",
            text: "#e6e6e6",
            weak: "#a0a0a0",
            grid: "#3a3a3a",
            stripe: "#242424",
        }
    } else {
        Palette {
            background: "#ffffff",
            text: "#1a1a1a",
            weak: "#666666",
            grid: "#d9d9d9",
            stripe: "#f3f3f3",
        }
    }
}

fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// Escapes text for XML content and attribute values: cut to what can be drawn, with controls and
/// characters XML does not allow shown visibly (`⟨U+FFFF⟩`), so the SVG is always well-formed.
pub fn xml_escape(text: &str) -> String {
    use crate::model::visible_text::{cut, visible};
    let text = cut(text, crate::model::visible_text::MAX_DRAWN_CHARS);
    let text = visible(&text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn svg(self) -> &'static str {
        match self {
            Self::Start => "start",
            Self::Middle => "middle",
            Self::End => "end",
        }
    }
}

/// One line of text to draw: where its baseline starts, how it looks, and its words (runs of
/// plain or bold text).
struct TextItem {
    x: f64,
    y: f64,
    size: f64,
    anchor: Anchor,
    fill: String,
    /// A background-coloured outline drawn behind the text, in the halo layer.
    halo: Option<String>,
    spans: Vec<(String, bool)>,
    class: &'static str,
}

impl TextItem {
    fn new(x: f64, middle: f64, size: f64, fill: &str, text: impl Into<String>) -> Self {
        Self {
            x,
            y: baseline(middle, size),
            size,
            anchor: Anchor::Start,
            fill: fill.to_owned(),
            halo: None,
            spans: vec![(text.into(), false)],
            class: "text",
        }
    }

    fn anchor(mut self, anchor: Anchor) -> Self {
        self.anchor = anchor;
        self
    }

    fn halo(mut self, color: &str) -> Self {
        self.halo = Some(color.to_owned());
        self
    }

    fn class(mut self, class: &'static str) -> Self {
        self.class = class;
        self
    }

    fn words(&self) -> String {
        self.spans.iter().map(|(s, _)| s.as_str()).collect()
    }
}

/// The SVG being written, with its text kept aside: markers in `out` say where each text and each
/// halo goes, and [`Canvas::finish`] writes them as `<text>` or as paths.
#[derive(Default)]
struct Canvas {
    out: String,
    texts: Vec<TextItem>,
}

/// Markers cannot clash with content: every text from the file goes through [`xml_escape`], which
/// drops control characters.
const MARK: char = '\u{1}';

impl Canvas {
    fn add(&mut self, item: TextItem) -> usize {
        self.texts.push(item);
        self.texts.len() - 1
    }

    fn put_text(&mut self, n: usize) {
        let _ = write!(self.out, "{MARK}T{n}{MARK}");
    }

    fn put_halo(&mut self, n: usize) {
        let _ = write!(self.out, "{MARK}H{n}{MARK}");
    }

    /// A text drawn where it is written, its halo (if any) just behind it.
    fn text(&mut self, item: TextItem) {
        let halo = item.halo.is_some();
        let n = self.add(item);
        if halo {
            self.put_halo(n);
        }
        self.put_text(n);
    }

    /// Texts whose halos all go in one layer behind all of them, so no halo covers a letter.
    fn text_layer(&mut self, items: Vec<TextItem>, class: &str) {
        let ids: Vec<usize> = items.into_iter().map(|i| self.add(i)).collect();
        let _ = write!(self.out, r#"<g class="halos">"#);
        for &n in &ids {
            if self.texts.get(n).is_some_and(|t| t.halo.is_some()) {
                self.put_halo(n);
            }
        }
        let _ = write!(self.out, r#"</g><g class="{class}">"#);
        for &n in &ids {
            self.put_text(n);
        }
        self.out.push_str("</g>");
    }

    /// The SVG with `<text>` elements (`outlines` = `None`) or with each text as the path data
    /// `outlines` has for its id.
    fn finish(&self, outlines: Option<&HashMap<String, String>>) -> String {
        let mut svg = String::with_capacity(self.out.len() * 2);
        for (i, part) in self.out.split(MARK).enumerate() {
            if i % 2 == 0 {
                svg.push_str(part);
                continue;
            }
            let (kind, n) = part.split_at(part.len().min(1));
            let Some(item) = n.parse::<usize>().ok().and_then(|n| self.texts.get(n)) else {
                continue;
            };
            let id = format!("t{n}");
            let words = xml_escape(&item.words());
            match (outlines, kind) {
                (None, "T") => {
                    let _ = write!(
                        svg,
                        r#"<text id="{id}" class="{}" x="{:.2}" y="{:.2}" font-size="{}" fill="{}" text-anchor="{}" font-kerning="none">"#,
                        item.class,
                        item.x,
                        item.y,
                        item.size,
                        item.fill,
                        item.anchor.svg()
                    );
                    spans_svg(&mut svg, item);
                    svg.push_str("</text>");
                }
                (None, _) => {
                    let _ = write!(
                        svg,
                        r#"<text x="{:.2}" y="{:.2}" font-size="{}" fill="none" stroke="{}" stroke-width="3" stroke-linejoin="round" text-anchor="{}" font-kerning="none" aria-hidden="true">"#,
                        item.x,
                        item.y,
                        item.size,
                        item.halo.as_deref().unwrap_or("none"),
                        item.anchor.svg()
                    );
                    spans_svg(&mut svg, item);
                    svg.push_str("</text>");
                }
                (Some(paths), kind) => {
                    let Some(d) = paths.get(&id).filter(|d| !d.is_empty()) else {
                        continue;
                    };
                    if kind == "T" {
                        let _ = write!(
                            svg,
                            r#"<path class="{}" role="img" aria-label="{words}" fill="{}" d="{d}"/>"#,
                            item.class, item.fill
                        );
                    } else {
                        let _ = write!(
                            svg,
                            r#"<path aria-hidden="true" fill="none" stroke="{}" stroke-width="3" stroke-linejoin="round" d="{d}"/>"#,
                            item.halo.as_deref().unwrap_or("none")
                        );
                    }
                }
            }
        }
        svg
    }
}

fn spans_svg(svg: &mut String, item: &TextItem) {
    for (text, bold) in &item.spans {
        if *bold {
            let _ = write!(
                svg,
                r#"<tspan font-weight="bold">{}</tspan>"#,
                xml_escape(text)
            );
        } else {
            svg.push_str(&xml_escape(text));
        }
    }
}

/// Where the parts of the picture go, in design units.
struct Frame {
    plot_left: f64,
    plot_top: f64,
    plot_width: f64,
    plot_height: f64,
    lane_count: usize,
}

impl Frame {
    fn x(&self, scene: &Scene, days: f64) -> f64 {
        let view = scene.view.unwrap_or(TimeView::new(0.0, 1.0));
        self.plot_left + (days - view.start_days) / view.span_days * self.plot_width
    }

    /// Lane units (the first lane at `lane_count - 1`) to design units.
    fn y(&self, lane_units: f64) -> f64 {
        let n = self.lane_count.max(1) as f64;
        self.plot_top + (n - 0.5 - lane_units) / n * self.plot_height
    }
}

/// Renders the dataset's timeline for `options` as a standalone SVG document whose text is drawn
/// as paths: it looks the same in every program, with no font installed.
pub fn render_svg(dataset: &Dataset, index: &TimelineIndex, options: &ExportOptions) -> String {
    let canvas = draw(dataset, index, options);
    let text = canvas.finish(None);
    match super::text::outlines(&text) {
        Ok(outlines) => canvas.finish(Some(&outlines)),
        // Only an SVG usvg cannot read, which `draw` never writes: the text version is still right.
        Err(_) => text,
    }
}

/// The same SVG with real `<text>` in the bundled fonts: what the PDF is made from, so the PDF
/// embeds the fonts and its text can be searched and copied.
pub fn render_svg_text(
    dataset: &Dataset,
    index: &TimelineIndex,
    options: &ExportOptions,
) -> String {
    draw(dataset, index, options).finish(None)
}

fn draw(dataset: &Dataset, index: &TimelineIndex, options: &ExportOptions) -> Canvas {
    let colors = palette(options.dark);
    let (width, height) = (f64::from(options.width_px), f64::from(options.height_px));
    let plan = plan(dataset, index, options);
    let Plan {
        frame,
        scene,
        design: (dw, dh),
        ..
    } = &plan;
    let mut c = Canvas::default();
    let aria = options
        .title
        .clone()
        .unwrap_or_else(|| dataset.title.clone());
    let _ = write!(
        c.out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {dw:.2} {dh:.2}" font-family="{FONT_FAMILY}" role="img" aria-label="{}">"#,
        xml_escape(&aria)
    );
    let _ = write!(c.out, r"<title>{}</title>", xml_escape(&aria));
    if let Some(footer) = &options.footer {
        let _ = write!(c.out, r"<desc>{}</desc>", xml_escape(footer));
    }
    let _ = write!(
        c.out,
        r#"<rect width="100%" height="100%" fill="{}"/>"#,
        colors.background
    );
    let _ = write!(
        c.out,
        r#"<defs><clipPath id="plot"><rect x="{}" y="{}" width="{}" height="{}"/></clipPath></defs>"#,
        frame.plot_left, frame.plot_top, frame.plot_width, frame.plot_height
    );
    for (i, line) in plan.title_lines.iter().enumerate() {
        c.text(
            TextItem::new(
                MARGIN,
                plan.title_top + (i as f64 + 0.5) * TITLE_LINE,
                TITLE_SIZE,
                colors.text,
                line.clone(),
            )
            .class("title"),
        );
    }
    legend_svg(&mut c, &plan.legend, plan.legend_top, &colors);
    lanes_svg(&mut c, scene, frame, &colors);
    ticks_svg(&mut c, scene, frame, &colors);

    c.out.push_str(r#"<g clip-path="url(#plot)">"#);
    let lane_half = (frame.y(0.0) - frame.y(0.5)).abs() * 0.8;
    for bin in &scene.density {
        let (x0, x1) = (frame.x(scene, bin.start_days), frame.x(scene, bin.end_days));
        let half = (lane_half * bin.fill).max(2.0);
        let bottom = frame.y(bin.y) + half;
        let _ = write!(c.out, "<g><title>{} events</title>", bin.count);
        for (_, [r, g, b], from, to) in bin.segments() {
            let _ = write!(
                c.out,
                r##"<rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#{r:02x}{g:02x}{b:02x}" fill-opacity="0.9"/>"##,
                bottom - 2.0 * half * to,
                (x1 - x0 - 0.5).max(1.0),
                2.0 * half * (to - from),
            );
        }
        c.out.push_str("</g>");
    }
    let mut tags = Vec::new();
    for arrow_item in &scene.arrows {
        if let Some(tag) = arrow_svg(&mut c, dataset, scene, frame, arrow_item, &colors) {
            tags.push(tag);
        }
    }
    let mut badges = Vec::new();
    for mark in &scene.marks {
        let failed = options.failed_quotes.binary_search(&mark.event).is_ok();
        mark_svg(&mut c, dataset, scene, frame, mark, failed, &colors);
        if failed {
            let (cx, cy) = (frame.x(scene, mark.x_days), frame.y(mark.y));
            badges.push(
                TextItem::new(
                    cx + style::MARK_RADIUS_PX - 1.0,
                    cy - style::MARK_RADIUS_PX - 3.0,
                    11.0,
                    NOT_FOUND_COLOR,
                    NOT_FOUND_MARK,
                )
                .halo(colors.background)
                .class("quote-not-found"),
            );
        }
    }
    let mut labels = Vec::new();
    for label in &scene.labels {
        if let (Some((lx, ly)), Some(mark)) = (label.leader, scene.mark_of(label.event)) {
            leader_svg(
                &mut c,
                (frame.x(scene, mark.x_days), frame.y(mark.y)),
                (frame.x(scene, lx), frame.y(ly)),
                colors.weak,
            );
        }
        let anchor = if label.right_aligned {
            Anchor::End
        } else {
            Anchor::Start
        };
        labels.push(
            TextItem::new(
                frame.x(scene, label.x_days),
                frame.y(label.y),
                LABEL_SIZE,
                colors.text,
                label.text.clone(),
            )
            .anchor(anchor)
            .halo(colors.background)
            .class("label"),
        );
    }
    for callout in &scene.callouts {
        callout_svg(&mut c, dataset, scene, frame, callout, &colors);
    }
    labels.extend(tags);
    labels.extend(badges);
    c.text_layer(labels, "labels");
    c.out.push_str("</g>");
    if !scene.callouts.is_empty() {
        key_svg(
            &mut c,
            dataset,
            &scene.callouts,
            frame,
            plan.key_top,
            plan.key_columns,
            &colors,
        );
    }
    for (i, line) in plan.notes.iter().enumerate() {
        c.text(
            TextItem::new(
                frame.plot_left,
                plan.notes_top + (i as f64 + 0.5) * SMALL_LINE,
                SMALL_SIZE,
                colors.text,
                line.clone(),
            )
            .class("note"),
        );
    }
    for (i, line) in plan.footer_lines.iter().enumerate() {
        c.text(
            TextItem::new(
                MARGIN,
                plan.footer_top + (i as f64 + 0.5) * SMALL_LINE,
                SMALL_SIZE,
                colors.weak,
                line.clone(),
            )
            .class("footer"),
        );
    }
    c.out.push_str("</svg>\n");
    c
}

/// The scene an export draws, for tests and tools that check what a slide names (labels,
/// callouts) without parsing the SVG. Its units are design units (see [`design_scale`]).
pub fn export_scene(dataset: &Dataset, index: &TimelineIndex, options: &ExportOptions) -> Scene {
    plan(dataset, index, options).scene
}

/// What an export's slide holds beside the plot, for tests: the title's and footer's lines, the
/// legend's entries and the notes about relations not drawn.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SlideText {
    pub title: Vec<String>,
    pub legend: Vec<String>,
    pub notes: Vec<String>,
    pub footer: Vec<String>,
    /// The design surface, and the plot's rectangle in it.
    pub design: (f64, f64),
    pub plot: (f64, f64, f64, f64),
}

/// The text around the plot of an export.
pub fn slide_text(dataset: &Dataset, index: &TimelineIndex, options: &ExportOptions) -> SlideText {
    let plan = plan(dataset, index, options);
    SlideText {
        title: plan.title_lines,
        legend: plan.legend.iter().map(|l| l.text.clone()).collect(),
        notes: plan.notes,
        footer: plan.footer_lines,
        design: plan.design,
        plot: (
            plan.frame.plot_left,
            plan.frame.plot_top,
            plan.frame.plot_width,
            plan.frame.plot_height,
        ),
    }
}

/// One entry of the legend, placed.
struct LegendItem {
    x: f64,
    row: usize,
    symbol: LegendSymbol,
    text: String,
}

#[derive(Clone, Copy)]
enum LegendSymbol {
    Kind(EventKind),
    Band,
    OpenEnd,
    NotFound,
}

/// Where an export's plot goes and what is drawn in it.
struct Plan {
    frame: Frame,
    scene: Scene,
    key_columns: f64,
    key_top: f64,
    design: (f64, f64),
    title_lines: Vec<String>,
    title_top: f64,
    legend: Vec<LegendItem>,
    legend_top: f64,
    notes: Vec<String>,
    notes_top: f64,
    footer_lines: Vec<String>,
    footer_top: f64,
}

/// What the events to draw hold, found before the layout: which lanes have any, which kinds, and
/// whether any is a band, a span still going or has a quote not found.
struct Contents {
    lanes: Vec<usize>,
    kinds: Vec<EventKind>,
    band: bool,
    open_end: bool,
    not_found: bool,
}

fn contents(
    dataset: &Dataset,
    index: &TimelineIndex,
    options: &ExportOptions,
    view: TimeView,
) -> Contents {
    let mut found = Contents {
        lanes: Vec::new(),
        kinds: Vec::new(),
        band: false,
        open_end: false,
        not_found: false,
    };
    let mut kinds = [false; EventKind::ALL.len()];
    let shown = |e: usize| options.shown.as_ref().is_none_or(|s| s.contains(e));
    for lane in 0..dataset.lanes.len() {
        let mut any = false;
        for e in index
            .visible_in_lane(lane, view.start_days, view.end_days())
            .filter(|&e| shown(e))
        {
            let Some(event) = dataset.events.get(e) else {
                continue;
            };
            // The layout reaches a little past the view; only what is inside counts.
            if event.latest_days() <= view.start_days || event.earliest_days() >= view.end_days() {
                continue;
            }
            any = true;
            if let Some(slot) = kinds.get_mut(crate::timeline::index::kind_slot(event.kind)) {
                *slot = true;
            }
            found.band |= matches!(event.date.precision(), Precision::Year | Precision::Month);
            found.open_end |= event.ongoing_as_of.is_some() && event.end.is_none();
            found.not_found |= options.failed_quotes.binary_search(&e).is_ok();
        }
        if any {
            found.lanes.push(lane);
        }
    }
    found.kinds = EventKind::ALL
        .iter()
        .zip(kinds)
        .filter_map(|(k, on)| on.then_some(*k))
        .collect();
    found
}

/// A filtered export draws only the lanes with something in view (unless asked to keep them).
fn kept_lanes(found: &Contents, options: &ExportOptions, total: usize) -> Vec<usize> {
    if options.shown.is_some() && !options.keep_empty_lanes && !found.lanes.is_empty() {
        found.lanes.clone()
    } else {
        (0..total).collect()
    }
}

/// The lane rows an export of `options` draws.
pub fn lanes_drawn(
    dataset: &Dataset,
    index: &TimelineIndex,
    options: &ExportOptions,
) -> Vec<usize> {
    let found = contents(dataset, index, options, options.view);
    kept_lanes(&found, options, dataset.lanes.len())
}

fn legend_items(found: &Contents, left: f64, right: f64) -> Vec<LegendItem> {
    let mut entries: Vec<(LegendSymbol, String, f64)> = found
        .kinds
        .iter()
        .map(|&k| (LegendSymbol::Kind(k), k.label().to_owned(), 16.0))
        .collect();
    if found.band {
        entries.push((
            LegendSymbol::Band,
            "month or year known, not the day".to_owned(),
            32.0,
        ));
    }
    if found.open_end {
        entries.push((
            LegendSymbol::OpenEnd,
            "still going when last attested".to_owned(),
            34.0,
        ));
    }
    if found.not_found {
        entries.push((
            LegendSymbol::NotFound,
            "quote not found in its source".to_owned(),
            16.0,
        ));
    }
    let mut items = Vec::new();
    let (mut x, mut row) = (left, 0);
    for (symbol, text, lead) in entries {
        let w = lead + text_width_px(&text, LEGEND_SIZE);
        if x > left && x + w > right {
            x = left;
            row += 1;
        }
        items.push(LegendItem {
            x,
            row,
            symbol,
            text,
        });
        x += w + 18.0;
    }
    items
}

fn plan(dataset: &Dataset, index: &TimelineIndex, options: &ExportOptions) -> Plan {
    let s = design_scale(options.width_px, options.height_px);
    let (width, height) = (
        f64::from(options.width_px) / s,
        f64::from(options.height_px) / s,
    );
    let view = options.view;
    let found = contents(dataset, index, options, view);
    let total_lanes = dataset.lanes.len();
    // A filtered export draws only the lanes with something in them.
    let kept = options
        .lanes
        .clone()
        .unwrap_or_else(|| kept_lanes(&found, options, total_lanes));
    let lane_label_px = kept
        .iter()
        .filter_map(|&l| dataset.lanes.get(l))
        .map(|l| text_width_px(&lane_label(l), LANE_SIZE))
        .fold(40.0, f64::max);
    let title_lines = options.title.as_deref().map_or_else(Vec::new, |t| {
        wrap(t, TITLE_SIZE, width - 2.0 * MARGIN, TITLE_MAX_LINES)
    });
    let title_top = 10.0;
    let legend_top = if title_lines.is_empty() {
        16.0
    } else {
        title_top + title_lines.len() as f64 * TITLE_LINE + 6.0
    };
    // Room right of the plot for half of the widest tick label centred on its last pixel.
    let right_margin = (text_width_px("30 Sep 2024", 13.0) / 2.0 + 8.0).max(24.0);
    let plot_left = lane_label_px + 28.0;
    let plot_width = (width - plot_left - right_margin).max(10.0);
    let legend = legend_items(&found, plot_left, width - right_margin);
    let legend_rows = legend.iter().map(|l| l.row + 1).max().unwrap_or(0);
    let plot_top = legend_top + legend_rows as f64 * LEGEND_ROW + 6.0;
    let footer_lines = options.footer.as_deref().map_or_else(Vec::new, |f| {
        wrap(f, SMALL_SIZE, width - 2.0 * MARGIN, FOOTER_MAX_LINES)
    });
    let footer_height = if footer_lines.is_empty() {
        0.0
    } else {
        footer_lines.len() as f64 * SMALL_LINE + 10.0
    };
    let key_columns = (plot_width / KEY_MIN_COLUMN).floor().max(1.0);
    let selected = options
        .selected
        .filter(|&e| options.shown.as_ref().is_none_or(|m| m.contains(e)));
    let lane_count = kept.len().max(1);
    let lay_out = |key_height: f64, notes_height: f64| {
        let frame = Frame {
            plot_left,
            plot_top,
            plot_width,
            plot_height: (height
                - plot_top
                - TICKS_HEIGHT
                - key_height
                - notes_height
                - footer_height)
                .max(10.0),
            lane_count,
        };
        let mut scene = layout(
            dataset,
            index,
            &LayoutInput {
                view,
                width_px: frame.plot_width,
                lane_height_px: frame.plot_height / lane_count as f64,
                label_font_px: LABEL_SIZE,
                tick_spacing_px: 90.0,
                selected,
                callouts: options.callouts,
                shown: options.shown.clone(),
                dimmed: None,
                // Only the kept lanes take rows (the layout gives each its place).
                rows: (kept.len() < total_lanes).then(|| kept.clone().into()),
            },
        );
        let notes = relation_notes(dataset, &mut scene, options, selected);
        let notes = notes
            .iter()
            .flat_map(|n| wrap(n, SMALL_SIZE, plot_width, NOTE_MAX_LINES))
            .take(NOTE_MAX_LINES)
            .collect::<Vec<_>>();
        (frame, scene, notes)
    };
    // The key's height depends on how many marks are numbered, which depends on the plot's height:
    // grow the reserved block until the key and the notes fit in it (a few rounds at most).
    let key_height_for = |count: usize| {
        if count == 0 {
            0.0
        } else {
            (count as f64 / key_columns).ceil() * KEY_LINE + 14.0
        }
    };
    let notes_height_for = |count: usize| {
        if count == 0 {
            0.0
        } else {
            count as f64 * SMALL_LINE + 6.0
        }
    };
    let (mut key_height, mut notes_height) = (0.0, 0.0);
    let (mut frame, mut scene, mut notes) = lay_out(key_height, notes_height);
    for _ in 0..4 {
        let (key_needed, notes_needed) = (
            key_height_for(scene.callouts.len()),
            notes_height_for(notes.len()),
        );
        if key_needed <= key_height && notes_needed <= notes_height {
            break;
        }
        key_height = key_needed.max(key_height);
        notes_height = notes_needed.max(notes_height);
        (frame, scene, notes) = lay_out(key_height, notes_height);
    }
    let key_top = frame.plot_top + frame.plot_height + TICKS_HEIGHT;
    Plan {
        key_columns,
        key_top,
        design: (width, height),
        title_lines,
        title_top,
        legend,
        legend_top,
        notes,
        notes_top: key_top + key_height,
        footer_lines,
        footer_top: height - footer_height + 2.0,
        frame,
        scene,
    }
}

/// Keeps only the arrows that end on marks drawn on this slide, and says in words what became of
/// the others: an arrow is never drawn to where a hidden event would be, which is another event's
/// place as often as not.
fn relation_notes(
    dataset: &Dataset,
    scene: &mut Scene,
    options: &ExportOptions,
    selected: Option<usize>,
) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(asked) = options.selected
        && selected.is_none()
        && let Some(event) = dataset.events.get(asked)
    {
        notes.push(format!(
            "Relations not drawn: “{}” is hidden by the filters.",
            crate::timeline::labels::cut_title(&event.title, 60)
        ));
    }
    let view = scene.view.unwrap_or(TimeView::new(0.0, 1.0));
    let in_view = |e: usize| {
        dataset.events.get(e).is_some_and(|e| {
            e.latest_days() > view.start_days && e.earliest_days() < view.end_days()
        })
    };
    let drawn_at = |scene: &Scene, e: usize, at: (f64, f64)| {
        in_view(e)
            && scene
                .mark_of(e)
                .is_some_and(|m| (m.x_days - at.0).abs() < 1e-6 && (m.y - at.1).abs() < 1e-6)
    };
    let mut hidden = Vec::new();
    let arrows = std::mem::take(&mut scene.arrows);
    for arrow in arrows {
        if drawn_at(scene, arrow.from_event, arrow.from)
            && drawn_at(scene, arrow.to_event, arrow.to)
        {
            scene.arrows.push(arrow);
        } else {
            hidden.push(arrow);
        }
    }
    let phrase = |arrow: &Arrow| {
        let other = if Some(arrow.from_event) == selected {
            arrow.to_event
        } else {
            arrow.from_event
        };
        let title = dataset.events.get(other).map_or_else(String::new, |e| {
            crate::timeline::labels::cut_title(&e.title, 48)
        });
        let why = if options.shown.as_ref().is_some_and(|s| !s.contains(other)) {
            "hidden by the filters"
        } else if !in_view(other) {
            "outside the dates shown"
        } else {
            "in a lane too crowded for single marks"
        };
        if Some(arrow.from_event) == selected {
            format!("{} “{title}” ({why})", arrow.kind.verb())
        } else {
            format!("{} “{title}” ({why})", arrow.kind.inverse_verb())
        }
    };
    // Relations whose other end the filters hide got no arrow from the layout at all.
    if let Some(selected) = selected {
        hidden.extend(scene.hidden_relations.iter().map(|h| {
            let (from_event, to_event) = if h.outgoing {
                (selected, h.other)
            } else {
                (h.other, selected)
            };
            Arrow {
                kind: h.kind,
                from: (0.0, 0.0),
                to: (0.0, 0.0),
                from_event,
                to_event,
                tag: None,
            }
        }));
    }
    if !hidden.is_empty() {
        let listed: Vec<String> = hidden.iter().take(6).map(phrase).collect();
        let more = hidden.len().saturating_sub(listed.len()) + scene.arrows_not_drawn;
        let mut note = format!("Relations not drawn: {}", listed.join("; "));
        if more > 0 {
            let _ = write!(note, "; and {more} more");
        }
        note.push('.');
        notes.push(note);
    } else if scene.arrows_not_drawn > 0 {
        notes.push(format!(
            "{} more relations not drawn; Claimline's detail panel lists them all.",
            scene.arrows_not_drawn
        ));
    }
    notes
}

fn legend_svg(c: &mut Canvas, items: &[LegendItem], top: f64, colors: &Palette) {
    for item in items {
        let (x, y) = (item.x, top + 12.0 + item.row as f64 * LEGEND_ROW);
        let text_x = match item.symbol {
            LegendSymbol::Kind(kind) => {
                symbol_svg(
                    c,
                    style::kind_shape(kind),
                    x + 6.0,
                    y,
                    5.5,
                    &hex(style::kind_color(kind)),
                    colors.background,
                    false,
                );
                x + 16.0
            }
            LegendSymbol::Band => {
                let _ = write!(
                    c.out,
                    r#"<rect x="{x:.1}" y="{:.1}" width="26" height="11" rx="3" fill="{}" fill-opacity="0.25" stroke="{}" stroke-opacity="0.6"/>"#,
                    y - 5.5,
                    colors.text,
                    colors.text,
                );
                x + 32.0
            }
            LegendSymbol::OpenEnd => {
                let _ = write!(
                    c.out,
                    r#"<linearGradient id="legend-open-end" x1="0" x2="1" y1="0" y2="0"><stop offset="0.35" stop-color="{text}" stop-opacity="0.6"/><stop offset="1" stop-color="{text}" stop-opacity="0"/></linearGradient><rect x="{x:.1}" y="{:.1}" width="28" height="8" fill="url(#legend-open-end)"/>"#,
                    y - 4.0,
                    text = colors.text,
                );
                x + 34.0
            }
            LegendSymbol::NotFound => {
                c.text(TextItem::new(
                    x,
                    y,
                    LEGEND_SIZE,
                    NOT_FOUND_COLOR,
                    NOT_FOUND_MARK,
                ));
                x + 16.0
            }
        };
        let color = match item.symbol {
            LegendSymbol::Kind(_) => colors.text,
            _ => colors.weak,
        };
        c.text(TextItem::new(text_x, y, LEGEND_SIZE, color, item.text.clone()).class("legend"));
    }
}

fn lanes_svg(c: &mut Canvas, scene: &Scene, frame: &Frame, colors: &Palette) {
    let lane_height = frame.plot_height / frame.lane_count as f64;
    for (i, lane) in scene.lanes.iter().enumerate() {
        let top = frame.y(lane.y) - lane_height / 2.0;
        if i % 2 == 1 {
            let _ = write!(
                c.out,
                r#"<rect x="{}" y="{top:.1}" width="{}" height="{lane_height:.1}" fill="{}"/>"#,
                frame.plot_left, frame.plot_width, colors.stripe
            );
        }
        let _ = write!(
            c.out,
            r#"<rect x="{}" y="{top:.1}" width="4" height="{lane_height:.1}" fill="{}"/>"#,
            frame.plot_left,
            hex(lane.color)
        );
        c.text(
            TextItem::new(
                frame.plot_left - 10.0,
                frame.y(lane.y),
                LANE_SIZE,
                colors.text,
                lane.label.clone(),
            )
            .anchor(Anchor::End)
            .class("lane"),
        );
        let _ = write!(
            c.out,
            r#"<line x1="{}" x2="{}" y1="{y:.1}" y2="{y:.1}" stroke="{}" stroke-width="1"/>"#,
            frame.plot_left,
            frame.plot_left + frame.plot_width,
            colors.grid,
            y = frame.y(lane.y)
        );
    }
}

fn ticks_svg(c: &mut Canvas, scene: &Scene, frame: &Frame, colors: &Palette) {
    let bottom = frame.plot_top + frame.plot_height;
    for tick in &scene.ticks {
        let x = frame.x(scene, tick.days);
        if x < frame.plot_left - 0.5 || x > frame.plot_left + frame.plot_width + 0.5 {
            continue;
        }
        let _ = write!(
            c.out,
            r#"<line x1="{x:.1}" x2="{x:.1}" y1="{}" y2="{bottom:.1}" stroke="{}" stroke-width="1"/>"#,
            frame.plot_top, colors.grid,
        );
        let mut item = TextItem::new(x, 0.0, 13.0, colors.weak, tick.label.clone())
            .anchor(Anchor::Middle)
            .class("tick");
        item.y = bottom + 20.0;
        c.text(item);
    }
}

fn mark_svg(
    c: &mut Canvas,
    dataset: &Dataset,
    scene: &Scene,
    frame: &Frame,
    mark: &Mark,
    failed: bool,
    colors: &Palette,
) {
    let Some(event) = dataset.events.get(mark.event) else {
        return;
    };
    // The layout reaches a little past the view; an export shows exactly the range it names.
    let view = scene.view.unwrap_or(TimeView::new(0.0, 1.0));
    if event.latest_days() <= view.start_days || event.earliest_days() >= view.end_days() {
        return;
    }
    let color = hex(mark.color);
    let (cx, cy) = (frame.x(scene, mark.x_days), frame.y(mark.y));
    let status = if failed {
        " — a quote was not found in its source"
    } else {
        ""
    };
    let _ = write!(
        c.out,
        r#"<g data-event-id="{}" role="img" aria-label="{}, {}{status}"><title>{} ({}){status}</title>"#,
        xml_escape(&event.id),
        xml_escape(&event.title),
        event.date,
        xml_escape(&event.title),
        event.date
    );
    if let Some((lo, hi)) = mark.bounds {
        let (x0, x1) = (frame.x(scene, lo), frame.x(scene, hi));
        let id = format!("fade-{}", mark.event);
        let mid = ((cx - x0) / (x1 - x0).max(1.0)).clamp(0.0, 1.0);
        let _ = write!(
            c.out,
            r#"<linearGradient id="{id}" x1="0" x2="1" y1="0" y2="0"><stop offset="0" stop-color="{color}" stop-opacity="0"/><stop offset="{mid:.3}" stop-color="{color}" stop-opacity="0.55"/><stop offset="1" stop-color="{color}" stop-opacity="0"/></linearGradient><rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="6" fill="url(#{id})"/>"#,
            cy - 3.0,
            (x1 - x0).max(1.0)
        );
    }
    if let Some((lo, hi)) = mark.band {
        let (x0, x1) = (frame.x(scene, lo), frame.x(scene, hi));
        let half = style::BAND_HALF_HEIGHT_PX;
        let _ = write!(
            c.out,
            r#"<rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="3" fill="{color}" fill-opacity="0.28" stroke="{color}" stroke-opacity="0.7"/>"#,
            cy - half,
            (x1 - x0).max(2.0),
            2.0 * half
        );
    }
    if let Some((lo, hi)) = mark.range {
        let (x0, x1) = (frame.x(scene, lo), frame.x(scene, hi));
        let width = (x1 - x0).max(2.0);
        if mark.open_end.is_some() {
            // A still-going span has no rounded end: the bar runs on into its fade.
            let r = width.min(4.0);
            let _ = write!(
                c.out,
                r#"<path d="M{:.1},{:.1} H{:.1} V{:.1} H{:.1} A{r:.1},4 0 0 1 {:.1},{cy:.1} A{r:.1},4 0 0 1 {:.1},{:.1} Z" fill="{color}" fill-opacity="0.8"/>"#,
                x0 + r,
                cy - 4.0,
                x0 + width,
                cy + 4.0,
                x0 + r,
                x0,
                x0 + r,
                cy - 4.0,
            );
        } else {
            let _ = write!(
                c.out,
                r#"<rect x="{x0:.1}" y="{:.1}" width="{width:.1}" height="8" rx="4" fill="{color}" fill-opacity="0.8"/>"#,
                cy - 4.0,
            );
        }
    }
    if let Some((lo, hi)) = mark.open_end {
        // Past the last attestation: the bar's colour fading to nothing, as far as the layout says.
        let (x0, x1) = (frame.x(scene, lo), frame.x(scene, hi));
        let id = format!("open-end-{}", mark.event);
        let _ = write!(
            c.out,
            r#"<linearGradient id="{id}" x1="0" x2="1" y1="0" y2="0"><stop offset="0" stop-color="{color}" stop-opacity="0.8"/><stop offset="1" stop-color="{color}" stop-opacity="0"/></linearGradient><rect class="open-end" x="{x0:.1}" y="{:.1}" width="{:.1}" height="8" fill="url(#{id})"/>"#,
            cy - 4.0,
            (x1 - x0).max(1.0)
        );
    }
    symbol_svg(
        c,
        mark.shape,
        cx,
        cy,
        style::MARK_RADIUS_PX,
        &color,
        colors.background,
        mark.band.is_some(),
    );
    if mark.selected {
        let _ = write!(
            c.out,
            r#"<circle cx="{cx:.1}" cy="{cy:.1}" r="11" fill="none" stroke="{}" stroke-width="2.5"/>"#,
            colors.text
        );
    }
    c.out.push_str("</g>");
}

#[expect(
    clippy::too_many_arguments,
    reason = "a painter's parameters, mirrored from the screen"
)]
fn symbol_svg(
    c: &mut Canvas,
    shape: MarkShape,
    cx: f64,
    cy: f64,
    r: f64,
    color: &str,
    halo: &str,
    hollow: bool,
) {
    let svg = &mut c.out;
    let (fill, stroke, stroke_width) = if hollow {
        (halo, color, 2.0)
    } else {
        (color, halo, 1.5)
    };
    let _ = match shape {
        MarkShape::Circle => write!(
            svg,
            r#"<circle cx="{cx:.1}" cy="{cy:.1}" r="{r}" fill="{fill}" stroke="{stroke}" stroke-width="{stroke_width}"/>"#
        ),
        MarkShape::Ring => write!(
            svg,
            r#"<circle cx="{cx:.1}" cy="{cy:.1}" r="{}" fill="{halo}" stroke="{color}" stroke-width="2.5"/>"#,
            r - 1.0
        ),
        MarkShape::Square => write!(
            svg,
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="1" fill="{fill}" stroke="{stroke}" stroke-width="{stroke_width}"/>"#,
            cx - 0.9 * r,
            cy - 0.9 * r,
            1.8 * r,
            1.8 * r
        ),
        MarkShape::Diamond => {
            let d = 1.25 * r;
            write!(
                svg,
                r#"<polygon points="{cx:.1},{:.1} {:.1},{cy:.1} {cx:.1},{:.1} {:.1},{cy:.1}" fill="{fill}" stroke="{stroke}" stroke-width="{stroke_width}"/>"#,
                cy - d,
                cx + d,
                cy + d,
                cx - d
            )
        }
        MarkShape::Triangle => {
            let t = 1.2 * r;
            write!(
                svg,
                r#"<polygon points="{cx:.1},{:.1} {:.1},{:.1} {:.1},{:.1}" fill="{fill}" stroke="{stroke}" stroke-width="{stroke_width}"/>"#,
                cy - t,
                cx + 0.95 * t,
                cy + 0.7 * t,
                cx - 0.95 * t,
                cy + 0.7 * t
            )
        }
    };
}

/// Draws a relation arrow and returns its name, where the layout placed it (on the arc, clear of
/// marks, labels and numbers). The curve and head are the core's ([`arrow`]), as on screen.
fn arrow_svg(
    c: &mut Canvas,
    dataset: &Dataset,
    scene: &Scene,
    frame: &Frame,
    arrow_item: &Arrow,
    colors: &Palette,
) -> Option<TextItem> {
    let (rgb, dashed) = style::relation_style(arrow_item.kind);
    let color = hex(rgb);
    let from = (
        frame.x(scene, arrow_item.from.0),
        frame.y(arrow_item.from.1),
    );
    let to = (frame.x(scene, arrow_item.to.0), frame.y(arrow_item.to.1));
    let curve = arrow::curve(from, to);
    let [tip, left, right] = arrow::head(&curve)?;
    let dash = if dashed {
        let (on, off) = arrow::DASH_PX;
        format!(r#" stroke-dasharray="{on} {off}""#)
    } else {
        String::new()
    };
    let ids = |e: usize| {
        dataset
            .events
            .get(e)
            .map_or_else(String::new, |e| xml_escape(&e.id))
    };
    let mut d = String::new();
    for (i, (x, y)) in curve.iter().enumerate() {
        let _ = write!(d, "{} {x:.2},{y:.2}", if i == 0 { "M" } else { " L" });
    }
    let _ = write!(
        c.out,
        r#"<g class="arrow" data-from="{}" data-to="{}" data-kind="{}" data-end="{:.2},{:.2}"><path d="{d}" fill="none" stroke="{color}" stroke-width="{}"{dash}/>"#,
        ids(arrow_item.from_event),
        ids(arrow_item.to_event),
        arrow_item.kind.verb(),
        to.0,
        to.1,
        arrow::STROKE_PX,
    );
    let _ = write!(
        c.out,
        r#"<polygon points="{:.2},{:.2} {:.2},{:.2} {:.2},{:.2}" fill="{color}"/></g>"#,
        tip.0, tip.1, left.0, left.1, right.0, right.1
    );
    let (x, y) = arrow_item.tag?;
    Some(
        TextItem::new(
            frame.x(scene, x),
            frame.y(y),
            LABEL_SIZE * arrow::TAG_FONT_SCALE,
            &color,
            arrow_item.kind.verb(),
        )
        .anchor(Anchor::Middle)
        .halo(colors.background)
        .class("relation"),
    )
}

/// A thin line from a mark to its displaced label or number, starting at the symbol's edge.
fn leader_svg(c: &mut Canvas, mark: (f64, f64), end: (f64, f64), color: &str) {
    let (dx, dy) = (end.0 - mark.0, end.1 - mark.1);
    let length = dx.hypot(dy);
    let start = style::MARK_RADIUS_PX + 1.0;
    if length <= start {
        return;
    }
    let (x0, y0) = (mark.0 + dx / length * start, mark.1 + dy / length * start);
    let _ = write!(
        c.out,
        r#"<line x1="{x0:.1}" y1="{y0:.1}" x2="{:.1}" y2="{:.1}" stroke="{color}" stroke-width="1"/>"#,
        end.0, end.1
    );
}

/// A callout's number in a pill beside its mark, grouped with the mark's event id.
fn callout_svg(
    c: &mut Canvas,
    dataset: &Dataset,
    scene: &Scene,
    frame: &Frame,
    callout: &Callout,
    colors: &Palette,
) {
    let Some(event) = dataset.events.get(callout.event) else {
        return;
    };
    if let (Some((lx, ly)), Some(mark)) = (callout.leader, scene.mark_of(callout.event)) {
        leader_svg(
            c,
            (frame.x(scene, mark.x_days), frame.y(mark.y)),
            (frame.x(scene, lx), frame.y(ly)),
            colors.weak,
        );
    }
    let (x, y) = (frame.x(scene, callout.x_days), frame.y(callout.y));
    let h = label_height_px(LABEL_SIZE) - 2.0;
    let _ = write!(
        c.out,
        r#"<g class="callout" data-event-id="{}" data-callout="{}"><rect x="{x:.1}" y="{:.1}" width="{:.1}" height="{h:.1}" rx="{:.1}" fill="{}" stroke="{}" stroke-width="1"/>"#,
        xml_escape(&event.id),
        callout.number,
        y - h / 2.0,
        callout.width_px,
        h / 2.0,
        colors.background,
        colors.text,
    );
    c.text(
        TextItem::new(
            x + callout.width_px / 2.0,
            y,
            LABEL_SIZE * CALLOUT_FONT_SCALE,
            colors.text,
            callout.number.to_string(),
        )
        .anchor(Anchor::Middle)
        .class("callout-number"),
    );
    c.out.push_str("</g>");
}

/// The key: "n — date — title" for every callout, in columns below the tick labels.
fn key_svg(
    c: &mut Canvas,
    dataset: &Dataset,
    callouts: &[Callout],
    frame: &Frame,
    top: f64,
    columns: f64,
    colors: &Palette,
) {
    let column_count = columns.max(1.0) as usize;
    let rows = callouts.len().div_ceil(column_count).max(1);
    let column_width = (frame.plot_width + 24.0) / columns.max(1.0);
    for (i, callout) in callouts.iter().enumerate() {
        let Some(event) = dataset.events.get(callout.event) else {
            continue;
        };
        // Down the first column, then the next, so numbers read in order.
        let (column, row) = (i / rows, i % rows);
        let x = frame.plot_left + column as f64 * column_width;
        let y = top + 6.0 + (row as f64 + 0.5) * KEY_LINE;
        let head = format!("{} — {} — ", callout.number, callout.date);
        let room = column_width - 16.0 - text_width_px(&head, KEY_SIZE);
        let mut cut = callout.title.chars().count();
        let mut title = callout.title.clone();
        while cut > 8 && text_width_px(&title, KEY_SIZE) > room {
            cut -= 4;
            title = crate::timeline::labels::cut_title(&callout.title, cut);
        }
        let _ = write!(
            c.out,
            r#"<g class="key" data-event-id="{}" data-callout="{}">"#,
            xml_escape(&event.id),
            callout.number,
        );
        let mut item = TextItem::new(x, y, KEY_SIZE, colors.text, String::new()).class("key-entry");
        item.spans = vec![
            (callout.number.to_string(), true),
            (format!(" — {} — {title}", callout.date), false),
        ];
        c.text(item);
        c.out.push_str("</g>");
    }
}
