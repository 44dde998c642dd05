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

use std::fmt::Write as _;

use crate::export::ExportOptions;
use crate::model::Dataset;
use crate::timeline::legend::LEGEND_FONT_PX;
use crate::timeline::paint::{PaintStyle, Picture, PlotArea, paint};
use crate::timeline::primitives::Palette;
use crate::timeline::scene::Callout;
use crate::timeline::text::text_width_px;
use crate::timeline::{Scene, TimelineIndex};

mod canvas;
mod slide;

use canvas::{Canvas, TextItem, hex};
pub use slide::{DESIGN_HEIGHT, SlideText, design_scale, export_scene, lanes_drawn, slide_text};
use slide::{
    KEY_LINE, KEY_SIZE, LABEL_SIZE, LEGEND_ROW, LegendItem, MARGIN, Plan, SMALL_LINE, SMALL_SIZE,
    TITLE_LINE, TITLE_SIZE, plan,
};

/// The font stack of the `<text>` version (PDF): the bundled fonts, which the PDF embeds.
pub const FONT_FAMILY: &str = "Ubuntu, 'DejaVu Sans', sans-serif";

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

/// The marks an export draws: only events inside the dates it names (the layout reaches a little
/// past the view, where the window still shows a fade that ends just out of view).
fn in_range(scene: &Scene, dataset: &Dataset) -> Scene {
    let mut scene = scene.clone();
    if let Some(view) = scene.view {
        scene.marks.retain(|m| {
            dataset.events.get(m.event).is_some_and(|e| {
                e.latest_days() > view.start_days && e.earliest_days() < view.end_days()
            })
        });
    }
    scene
}

/// The drawing primitives of an export's plot, in design units: what [`render_svg`] writes as SVG
/// elements, for tests that compare painters.
pub fn export_picture(
    dataset: &Dataset,
    index: &TimelineIndex,
    options: &ExportOptions,
) -> Picture {
    picture_of(&plan(dataset, index, options), dataset, options)
}

fn picture_of(plan: &Plan, dataset: &Dataset, options: &ExportOptions) -> Picture {
    paint(
        &in_range(&plan.scene, dataset),
        &plan.frame,
        &PaintStyle {
            palette: Palette::slide(options.dark),
            label_font_px: LABEL_SIZE,
            failed_quotes: &options.failed_quotes,
        },
    )
}

fn draw(dataset: &Dataset, index: &TimelineIndex, options: &ExportOptions) -> Canvas {
    let colors = Palette::slide(options.dark);
    let (width, height) = (f64::from(options.width_px), f64::from(options.height_px));
    let plan = plan(dataset, index, options);
    let Plan {
        frame,
        scene,
        design: (dw, dh),
        ..
    } = &plan;
    let failed: &[usize] = &options.failed_quotes;
    let picture = picture_of(&plan, dataset, options);
    let (text, weak) = (hex(colors.text), hex(colors.weak));
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
        hex(colors.background)
    );
    let _ = write!(
        c.out,
        r#"<defs><clipPath id="plot"><rect x="{}" y="{}" width="{}" height="{}"/></clipPath></defs>"#,
        frame.left, frame.top, frame.width, frame.height
    );
    for (i, line) in plan.title_lines.iter().enumerate() {
        c.text(
            TextItem::new(
                MARGIN,
                plan.title_top + (i as f64 + 0.5) * TITLE_LINE,
                TITLE_SIZE,
                &text,
                line.clone(),
            )
            .class("title"),
        );
    }
    legend_svg(&mut c, &plan.legend, plan.legend_top, &colors, dataset);
    for shape in picture.lanes.iter().chain(&picture.axes) {
        c.shape(shape, dataset, failed);
    }
    c.out.push_str(r#"<g clip-path="url(#plot)">"#);
    for shape in &picture.plot {
        c.shape(shape, dataset, failed);
    }
    c.text_layer(picture.texts.iter().map(TextItem::of).collect(), "labels");
    c.out.push_str("</g>");
    if !scene.callouts.is_empty() {
        key_svg(
            &mut c,
            dataset,
            &scene.callouts,
            frame,
            plan.key_top,
            plan.key_columns,
            &text,
        );
    }
    for (i, line) in plan.notes.iter().enumerate() {
        c.text(
            TextItem::new(
                frame.left,
                plan.notes_top + (i as f64 + 0.5) * SMALL_LINE,
                SMALL_SIZE,
                &text,
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
                &weak,
                line.clone(),
            )
            .class("footer"),
        );
    }
    c.out.push_str("</svg>\n");
    c
}

/// The legend's rows: each entry's symbol (the core's, as the window draws it) and its words.
fn legend_svg(c: &mut Canvas, items: &[LegendItem], top: f64, colors: &Palette, dataset: &Dataset) {
    for item in items {
        let (x, y) = (item.x, top + 12.0 + item.row as f64 * LEGEND_ROW);
        for shape in item.symbol.shapes((x, y), colors) {
            c.shape(&shape, dataset, &[]);
        }
        c.text(
            TextItem::new(
                x + item.symbol.lead_px(),
                y,
                LEGEND_FONT_PX,
                &hex(item.symbol.text_color(colors)),
                item.symbol.text(),
            )
            .class("legend"),
        );
    }
}

/// The key: "n — date — title" for every callout, in columns below the tick labels.
fn key_svg(
    c: &mut Canvas,
    dataset: &Dataset,
    callouts: &[Callout],
    frame: &PlotArea,
    top: f64,
    columns: f64,
    text: &str,
) {
    let column_count = columns.max(1.0) as usize;
    let rows = callouts.len().div_ceil(column_count).max(1);
    let column_width = (frame.width + 24.0) / columns.max(1.0);
    for (i, callout) in callouts.iter().enumerate() {
        let Some(event) = dataset.events.get(callout.event) else {
            continue;
        };
        // Down the first column, then the next, so numbers read in order.
        let (column, row) = (i / rows, i % rows);
        let x = frame.left + column as f64 * column_width;
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
        let mut item = TextItem::new(x, y, KEY_SIZE, text, String::new()).class("key-entry");
        item.spans = vec![
            (callout.number.to_string(), true),
            (format!(" — {} — {title}", callout.date), false),
        ];
        c.text(item);
        c.out.push_str("</g>");
    }
}
