//! A [`Scene`] as SVG: the same lanes, ticks, marks, bands, labels and arrows as the screen.
//!
//! Each event's mark is a group with `data-event-id` and a `<title>` (browsers show it on hover,
//! screen readers read it), so an exported image can still be traced back to the dataset.

use std::fmt::Write as _;

use super::ExportOptions;
use crate::model::Dataset;
use crate::timeline::labels::CALLOUT_FONT_SCALE;
use crate::timeline::layout::{Arrow, Callout, Mark, lane_label};
use crate::timeline::style::{self, MarkShape, Rgb};
use crate::timeline::text::text_width_px;
use crate::timeline::{LayoutInput, Scene, TimelineIndex, layout};

/// The font stack: the bundled fonts first, so PNG exports match the window everywhere.
pub const FONT_FAMILY: &str = "Ubuntu, 'DejaVu Sans', sans-serif";
/// Average glyph width of the label font, as a fraction of its size (Ubuntu Light).
const CHAR_WIDTH_EM: f64 = 0.52;
const LABEL_SIZE: f64 = 13.0;
/// Font size of the callout key below the plot.
const KEY_SIZE: f64 = 12.0;
/// Height of one line of the key.
const KEY_LINE: f64 = 17.0;
/// The narrowest column of the key; wider slides get more columns.
const KEY_MIN_COLUMN: f64 = 380.0;
/// Room under the plot for the tick labels.
const TICKS_HEIGHT: f64 = 34.0;

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

/// Where the parts of the picture go, in CSS pixels.
struct Frame {
    plot_left: f64,
    plot_top: f64,
    plot_width: f64,
    plot_height: f64,
    lane_count: usize,
}

impl Frame {
    fn x(&self, scene: &Scene, days: f64) -> f64 {
        let view = scene
            .view
            .unwrap_or(crate::timeline::TimeView::new(0.0, 1.0));
        self.plot_left + (days - view.start_days) / view.span_days * self.plot_width
    }

    /// Lane units (the first lane at `lane_count - 1`) to pixels.
    fn y(&self, lane_units: f64) -> f64 {
        let n = self.lane_count.max(1) as f64;
        self.plot_top + (n - 0.5 - lane_units) / n * self.plot_height
    }
}

/// Renders the dataset's timeline for `options` as a standalone SVG document.
pub fn render_svg(dataset: &Dataset, index: &TimelineIndex, options: &ExportOptions) -> String {
    let colors = palette(options.dark);
    let (width, height) = (f64::from(options.width_px), f64::from(options.height_px));
    let Plan {
        frame,
        scene,
        key_columns,
        header,
    } = plan(dataset, index, options);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{FONT_FAMILY}">"#
    );
    let _ = write!(
        svg,
        r#"<title>{}</title><rect width="100%" height="100%" fill="{}"/>"#,
        xml_escape(&dataset.title),
        colors.background
    );
    let _ = write!(
        svg,
        r#"<defs><clipPath id="plot"><rect x="{}" y="{}" width="{}" height="{}"/></clipPath></defs>"#,
        frame.plot_left, frame.plot_top, frame.plot_width, frame.plot_height
    );
    if let Some(title) = &options.title {
        let _ = write!(
            svg,
            r#"<text x="{}" y="38" font-size="26" fill="{}">{}</text>"#,
            frame.plot_left,
            colors.text,
            xml_escape(title)
        );
    }
    legend_svg(&mut svg, dataset, &frame, header, &colors);
    lanes_svg(&mut svg, &scene, &frame, &colors);
    ticks_svg(&mut svg, &scene, &frame, &colors);

    svg.push_str(r#"<g clip-path="url(#plot)">"#);
    let lane_half = (frame.y(0.0) - frame.y(0.5)).abs() * 0.8;
    for bin in &scene.density {
        let (x0, x1) = (
            frame.x(&scene, bin.start_days),
            frame.x(&scene, bin.end_days),
        );
        let half = (lane_half * bin.fill).max(2.0);
        let bottom = frame.y(bin.y) + half;
        let _ = write!(svg, "<g><title>{} events</title>", bin.count);
        for (_, [r, g, b], from, to) in bin.segments() {
            let _ = write!(
                svg,
                r##"<rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#{r:02x}{g:02x}{b:02x}" fill-opacity="0.9"/>"##,
                bottom - 2.0 * half * to,
                (x1 - x0 - 0.5).max(1.0),
                2.0 * half * (to - from),
            );
        }
        svg.push_str("</g>");
    }
    for arrow in &scene.arrows {
        arrow_svg(&mut svg, &scene, &frame, arrow, &colors);
    }
    for mark in &scene.marks {
        mark_svg(&mut svg, dataset, &scene, &frame, mark, &colors);
    }
    for label in &scene.labels {
        if let Some((lx, ly)) = label.leader {
            let mark = scene.mark_of(label.event);
            if let Some(mark) = mark {
                leader_svg(
                    &mut svg,
                    (frame.x(&scene, mark.x_days), frame.y(mark.y)),
                    (frame.x(&scene, lx), frame.y(ly)),
                    colors.weak,
                );
            }
        }
        let x = frame.x(&scene, label.x_days);
        let anchor = if label.right_aligned { "end" } else { "start" };
        let _ = write!(
            svg,
            r#"<text x="{x:.1}" y="{:.1}" font-size="{LABEL_SIZE}" fill="{}" text-anchor="{anchor}" dominant-baseline="central" stroke="{}" stroke-width="3" stroke-opacity="0.8" paint-order="stroke">{}</text>"#,
            frame.y(label.y),
            colors.text,
            colors.background,
            xml_escape(&label.text)
        );
    }
    for callout in &scene.callouts {
        callout_svg(&mut svg, dataset, &scene, &frame, callout, &colors);
    }
    svg.push_str("</g>");
    if !scene.callouts.is_empty() {
        key_svg(
            &mut svg,
            dataset,
            &scene.callouts,
            &frame,
            frame.plot_top + frame.plot_height + TICKS_HEIGHT,
            key_columns,
            &colors,
        );
    }

    if let Some(footer_text) = &options.footer {
        let _ = write!(
            svg,
            r#"<text x="{}" y="{:.1}" font-size="12" fill="{}">{}</text>"#,
            frame.plot_left,
            height - 12.0,
            colors.weak,
            xml_escape(footer_text)
        );
    }
    svg.push_str("</svg>\n");
    svg
}

/// The scene an export draws, for tests and tools that check what a slide names (labels,
/// callouts) without parsing the SVG.
pub fn export_scene(dataset: &Dataset, index: &TimelineIndex, options: &ExportOptions) -> Scene {
    plan(dataset, index, options).scene
}

/// Where an export's plot goes and what is drawn in it.
struct Plan {
    frame: Frame,
    scene: Scene,
    key_columns: f64,
    /// Where the legend's row begins.
    header: f64,
}

fn plan(dataset: &Dataset, index: &TimelineIndex, options: &ExportOptions) -> Plan {
    let (width, height) = (f64::from(options.width_px), f64::from(options.height_px));
    let lane_label_px = dataset
        .lanes
        .iter()
        .map(|l| lane_label(l).chars().count() as f64 * 14.0 * CHAR_WIDTH_EM)
        .fold(40.0, f64::max);
    let header = if options.title.is_some() { 56.0 } else { 16.0 };
    let legend = 28.0;
    let footer = if options.footer.is_some() { 30.0 } else { 0.0 };
    // Room right of the plot for half of the widest tick label centred on its last pixel.
    let right_margin = (text_width_px("30 Sep 2024", 13.0) / 2.0 + 8.0).max(24.0);
    let plot_left = lane_label_px + 28.0;
    let plot_width = (width - plot_left - right_margin).max(10.0);
    let key_columns = ((width - plot_left - right_margin) / KEY_MIN_COLUMN)
        .floor()
        .max(1.0);
    let lay_out = |key_height: f64| {
        let frame = Frame {
            plot_left,
            plot_top: header + legend,
            plot_width,
            plot_height: (height - header - legend - TICKS_HEIGHT - key_height - footer).max(10.0),
            lane_count: dataset.lanes.len().max(1),
        };
        let scene = layout(
            dataset,
            index,
            &LayoutInput {
                view: options.view,
                width_px: frame.plot_width,
                lane_height_px: frame.plot_height / frame.lane_count as f64,
                label_font_px: LABEL_SIZE,
                tick_spacing_px: 90.0,
                selected: options.selected,
                callouts: options.callouts,
                shown: options.shown.clone(),
                dimmed: None,
                rows: None,
            },
        );
        (frame, scene)
    };
    // The key's height depends on how many marks are numbered, which depends on the plot's height:
    // grow the reserved block until the key fits in it (a few rounds at most).
    let key_height_for = |count: usize| {
        if count == 0 {
            0.0
        } else {
            (count as f64 / key_columns).ceil() * KEY_LINE + 14.0
        }
    };
    let mut key_height = 0.0;
    let (mut frame, mut scene) = lay_out(key_height);
    for _ in 0..4 {
        let needed = key_height_for(scene.callouts.len());
        if needed <= key_height {
            break;
        }
        key_height = needed;
        (frame, scene) = lay_out(key_height);
    }
    Plan {
        frame,
        scene,
        key_columns,
        header,
    }
}

fn legend_svg(svg: &mut String, dataset: &Dataset, frame: &Frame, top: f64, colors: &Palette) {
    let mut x = frame.plot_left;
    let y = top + 12.0;
    for kind in crate::model::EventKind::ALL {
        if !dataset.events.iter().any(|e| e.kind == kind) {
            continue;
        }
        symbol_svg(
            svg,
            style::kind_shape(kind),
            x + 6.0,
            y,
            5.5,
            &hex(style::kind_color(kind)),
            colors.background,
            false,
        );
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{y:.1}" font-size="13" fill="{}" dominant-baseline="central">{}</text>"#,
            x + 16.0,
            colors.text,
            kind.label()
        );
        x += 30.0 + kind.label().chars().count() as f64 * 13.0 * CHAR_WIDTH_EM;
    }
    let _ = write!(
        svg,
        r#"<rect x="{:.1}" y="{:.1}" width="26" height="11" rx="3" fill="{}" fill-opacity="0.25" stroke="{}" stroke-opacity="0.6"/><text x="{:.1}" y="{y:.1}" font-size="13" fill="{}" dominant-baseline="central">month or year known, not the day</text>"#,
        x + 8.0,
        y - 5.5,
        colors.text,
        colors.text,
        x + 40.0,
        colors.weak
    );
    if dataset.events.iter().any(|e| e.ongoing_as_of.is_some()) {
        // After the band's entry: a bar that fades, as still-going spans do.
        let band_text_px = "month or year known, not the day".chars().count() as f64 * 13.0;
        let x = x + 64.0 + band_text_px * CHAR_WIDTH_EM;
        let _ = write!(
            svg,
            r#"<linearGradient id="legend-open-end" x1="0" x2="1" y1="0" y2="0"><stop offset="0.35" stop-color="{text}" stop-opacity="0.6"/><stop offset="1" stop-color="{text}" stop-opacity="0"/></linearGradient><rect x="{:.1}" y="{:.1}" width="28" height="8" fill="url(#legend-open-end)"/><text x="{:.1}" y="{y:.1}" font-size="13" fill="{}" dominant-baseline="central">still going when last attested</text>"#,
            x + 8.0,
            y - 4.0,
            x + 42.0,
            colors.weak,
            text = colors.text,
        );
    }
}

fn lanes_svg(svg: &mut String, scene: &Scene, frame: &Frame, colors: &Palette) {
    let lane_height = frame.plot_height / frame.lane_count as f64;
    for (i, lane) in scene.lanes.iter().enumerate() {
        let top = frame.y(lane.y) - lane_height / 2.0;
        if i % 2 == 1 {
            let _ = write!(
                svg,
                r#"<rect x="{}" y="{top:.1}" width="{}" height="{lane_height:.1}" fill="{}"/>"#,
                frame.plot_left, frame.plot_width, colors.stripe
            );
        }
        let _ = write!(
            svg,
            r#"<rect x="{}" y="{top:.1}" width="4" height="{lane_height:.1}" fill="{}"/>"#,
            frame.plot_left,
            hex(lane.color)
        );
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" font-size="14" fill="{}" text-anchor="end" dominant-baseline="central">{}</text>"#,
            frame.plot_left - 10.0,
            frame.y(lane.y),
            colors.text,
            xml_escape(&lane.label)
        );
        let _ = write!(
            svg,
            r#"<line x1="{}" x2="{}" y1="{y:.1}" y2="{y:.1}" stroke="{}" stroke-width="1"/>"#,
            frame.plot_left,
            frame.plot_left + frame.plot_width,
            colors.grid,
            y = frame.y(lane.y)
        );
    }
}

fn ticks_svg(svg: &mut String, scene: &Scene, frame: &Frame, colors: &Palette) {
    let bottom = frame.plot_top + frame.plot_height;
    for tick in &scene.ticks {
        let x = frame.x(scene, tick.days);
        if x < frame.plot_left - 0.5 || x > frame.plot_left + frame.plot_width + 0.5 {
            continue;
        }
        let _ = write!(
            svg,
            r#"<line x1="{x:.1}" x2="{x:.1}" y1="{}" y2="{bottom:.1}" stroke="{}" stroke-width="1"/><text x="{x:.1}" y="{:.1}" font-size="13" fill="{}" text-anchor="middle">{}</text>"#,
            frame.plot_top,
            colors.grid,
            bottom + 20.0,
            colors.weak,
            xml_escape(&tick.label)
        );
    }
}

fn mark_svg(
    svg: &mut String,
    dataset: &Dataset,
    scene: &Scene,
    frame: &Frame,
    mark: &Mark,
    colors: &Palette,
) {
    let Some(event) = dataset.events.get(mark.event) else {
        return;
    };
    // The layout reaches a little past the view; an export shows exactly the range it names.
    let view = scene
        .view
        .unwrap_or(crate::timeline::TimeView::new(0.0, 1.0));
    if event.latest_days() <= view.start_days || event.earliest_days() >= view.end_days() {
        return;
    }
    let color = hex(mark.color);
    let (cx, cy) = (frame.x(scene, mark.x_days), frame.y(mark.y));
    let _ = write!(
        svg,
        r#"<g data-event-id="{}"><title>{} ({})</title>"#,
        xml_escape(&event.id),
        xml_escape(&event.title),
        event.date
    );
    if let Some((lo, hi)) = mark.bounds {
        let (x0, x1) = (frame.x(scene, lo), frame.x(scene, hi));
        let id = format!("fade-{}", mark.event);
        let mid = ((cx - x0) / (x1 - x0).max(1.0)).clamp(0.0, 1.0);
        let _ = write!(
            svg,
            r#"<linearGradient id="{id}" x1="0" x2="1" y1="0" y2="0"><stop offset="0" stop-color="{color}" stop-opacity="0"/><stop offset="{mid:.3}" stop-color="{color}" stop-opacity="0.55"/><stop offset="1" stop-color="{color}" stop-opacity="0"/></linearGradient><rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="6" fill="url(#{id})"/>"#,
            cy - 3.0,
            (x1 - x0).max(1.0)
        );
    }
    if let Some((lo, hi)) = mark.band {
        let (x0, x1) = (frame.x(scene, lo), frame.x(scene, hi));
        let half = style::BAND_HALF_HEIGHT_PX;
        let _ = write!(
            svg,
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
                svg,
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
                svg,
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
            svg,
            r#"<linearGradient id="{id}" x1="0" x2="1" y1="0" y2="0"><stop offset="0" stop-color="{color}" stop-opacity="0.8"/><stop offset="1" stop-color="{color}" stop-opacity="0"/></linearGradient><rect class="open-end" x="{x0:.1}" y="{:.1}" width="{:.1}" height="8" fill="url(#{id})"/>"#,
            cy - 4.0,
            (x1 - x0).max(1.0)
        );
    }
    symbol_svg(
        svg,
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
            svg,
            r#"<circle cx="{cx:.1}" cy="{cy:.1}" r="11" fill="none" stroke="{}" stroke-width="2.5"/>"#,
            colors.text
        );
    }
    svg.push_str("</g>");
}

#[expect(
    clippy::too_many_arguments,
    reason = "a painter's parameters, mirrored from the screen"
)]
fn symbol_svg(
    svg: &mut String,
    shape: MarkShape,
    cx: f64,
    cy: f64,
    r: f64,
    color: &str,
    halo: &str,
    hollow: bool,
) {
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

fn arrow_svg(svg: &mut String, scene: &Scene, frame: &Frame, arrow: &Arrow, colors: &Palette) {
    let (rgb, dashed) = style::relation_style(arrow.kind);
    let color = hex(rgb);
    let (x0, y0) = (frame.x(scene, arrow.from.0), frame.y(arrow.from.1));
    let (x1, y1) = (frame.x(scene, arrow.to.0), frame.y(arrow.to.1));
    let (dx, dy) = (x1 - x0, y1 - y0);
    let length = dx.hypot(dy);
    if length < 1.0 {
        return;
    }
    // The same bend as on screen: to the left of the chord.
    let bend = (length * 0.2).clamp(20.0, 90.0);
    let (nx, ny) = (dy / length, -dx / length);
    let (qx, qy) = (x0 + dx / 2.0 - nx * bend, y0 + dy / 2.0 - ny * bend);
    let dash = if dashed {
        r#" stroke-dasharray="7 4""#
    } else {
        ""
    };
    let _ = write!(
        svg,
        r#"<path d="M{x0:.1},{y0:.1} Q{qx:.1},{qy:.1} {x1:.1},{y1:.1}" fill="none" stroke="{color}" stroke-width="2"{dash}/>"#
    );
    // Head: along the curve's tangent at its end.
    let (tx, ty) = (x1 - qx, y1 - qy);
    let t = tx.hypot(ty).max(1e-6);
    let (ux, uy) = (tx / t, ty / t);
    let (bx, by) = (x1 - ux * 10.0, y1 - uy * 10.0);
    let _ = write!(
        svg,
        r#"<polygon points="{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}" fill="{color}"/>"#,
        x1 - ux * 2.0,
        y1 - uy * 2.0,
        bx - uy * 5.0,
        by + ux * 5.0,
        bx + uy * 5.0,
        by - ux * 5.0
    );
    let (mx, my) = (
        0.25 * x0 + 0.5 * qx + 0.25 * x1,
        0.25 * y0 + 0.5 * qy + 0.25 * y1,
    );
    let _ = write!(
        svg,
        r#"<text x="{mx:.1}" y="{my:.1}" font-size="12" fill="{color}" text-anchor="middle" stroke="{}" stroke-width="3" paint-order="stroke">{}</text>"#,
        colors.background,
        arrow.kind.verb()
    );
}

/// A thin line from a mark to its displaced label or number, starting at the symbol's edge.
fn leader_svg(svg: &mut String, mark: (f64, f64), end: (f64, f64), color: &str) {
    let (dx, dy) = (end.0 - mark.0, end.1 - mark.1);
    let length = dx.hypot(dy);
    let start = style::MARK_RADIUS_PX + 1.0;
    if length <= start {
        return;
    }
    let (x0, y0) = (mark.0 + dx / length * start, mark.1 + dy / length * start);
    let _ = write!(
        svg,
        r#"<line x1="{x0:.1}" y1="{y0:.1}" x2="{:.1}" y2="{:.1}" stroke="{color}" stroke-width="1"/>"#,
        end.0, end.1
    );
}

/// A callout's number in a pill beside its mark, grouped with the mark's event id.
fn callout_svg(
    svg: &mut String,
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
            svg,
            (frame.x(scene, mark.x_days), frame.y(mark.y)),
            (frame.x(scene, lx), frame.y(ly)),
            colors.weak,
        );
    }
    let (x, y) = (frame.x(scene, callout.x_days), frame.y(callout.y));
    let h = crate::timeline::labels::label_height_px(LABEL_SIZE) - 2.0;
    let _ = write!(
        svg,
        r#"<g class="callout" data-event-id="{}" data-callout="{}"><rect x="{x:.1}" y="{:.1}" width="{:.1}" height="{h:.1}" rx="{:.1}" fill="{}" stroke="{}" stroke-width="1"/><text x="{:.1}" y="{y:.1}" font-size="{:.1}" fill="{}" text-anchor="middle" dominant-baseline="central">{}</text></g>"#,
        xml_escape(&event.id),
        callout.number,
        y - h / 2.0,
        callout.width_px,
        h / 2.0,
        colors.background,
        colors.text,
        x + callout.width_px / 2.0,
        LABEL_SIZE * CALLOUT_FONT_SCALE,
        colors.text,
        callout.number
    );
}

/// The key: "n — date — title" for every callout, in columns below the tick labels.
fn key_svg(
    svg: &mut String,
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
            svg,
            r#"<g class="key" data-event-id="{}" data-callout="{}"><text x="{x:.1}" y="{y:.1}" font-size="{KEY_SIZE}" fill="{}" dominant-baseline="central"><tspan font-weight="bold">{}</tspan> — {} — {}</text></g>"#,
            xml_escape(&event.id),
            callout.number,
            colors.text,
            callout.number,
            xml_escape(&callout.date),
            xml_escape(&title)
        );
    }
}
