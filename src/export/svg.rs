//! A [`Scene`] as SVG: the same lanes, ticks, marks, bands, labels and arrows as the screen.
//!
//! Each event's mark is a group with `data-event-id` and a `<title>` (browsers show it on hover,
//! screen readers read it), so an exported image can still be traced back to the dataset.

use std::fmt::Write as _;

use super::ExportOptions;
use crate::model::Dataset;
use crate::timeline::layout::{Arrow, Mark};
use crate::timeline::style::{self, MarkShape, Rgb};
use crate::timeline::{LayoutInput, Scene, TimelineIndex, layout};

/// The font stack: the bundled fonts first, so PNG exports match the window everywhere.
pub const FONT_FAMILY: &str = "Ubuntu, 'DejaVu Sans', sans-serif";
/// Average glyph width of the label font, as a fraction of its size (Ubuntu Light).
const CHAR_WIDTH_EM: f64 = 0.52;
const LABEL_SIZE: f64 = 13.0;

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

/// Escapes text for XML content and attribute values.
pub fn xml_escape(text: &str) -> String {
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
    let lane_label_px = dataset
        .lanes
        .iter()
        .map(|l| l.label.chars().count() as f64 * 14.0 * CHAR_WIDTH_EM)
        .fold(40.0, f64::max);
    let header = if options.title.is_some() { 56.0 } else { 16.0 };
    let legend = 28.0;
    let footer = if options.footer.is_some() { 30.0 } else { 0.0 };
    let frame = Frame {
        plot_left: lane_label_px + 28.0,
        plot_top: header + legend,
        plot_width: (width - lane_label_px - 28.0 - 24.0).max(10.0),
        plot_height: (height - header - legend - 34.0 - footer).max(10.0),
        lane_count: dataset.lanes.len().max(1),
    };
    let scene = layout(
        dataset,
        index,
        &LayoutInput {
            view: options.view,
            width_px: frame.plot_width,
            lane_height_px: frame.plot_height / frame.lane_count as f64,
            char_width_px: LABEL_SIZE * CHAR_WIDTH_EM,
            tick_spacing_px: 90.0,
            selected: options.selected,
            shown: options.shown.clone(),
        },
    );

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
    for bin in &scene.density {
        let (x0, x1) = (
            frame.x(&scene, bin.start_days),
            frame.x(&scene, bin.end_days),
        );
        let half = 6.0 + 8.0 * (bin.count as f64).ln();
        let _ = write!(
            svg,
            r#"<rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}" fill-opacity="0.45"/>"#,
            frame.y(bin.y) - half,
            (x1 - x0 - 0.5).max(1.0),
            2.0 * half,
            colors.text
        );
    }
    for arrow in &scene.arrows {
        arrow_svg(&mut svg, &scene, &frame, arrow, &colors);
    }
    for mark in &scene.marks {
        mark_svg(&mut svg, dataset, &scene, &frame, mark, &colors);
    }
    for label in &scene.labels {
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
    svg.push_str("</g>");

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
        let _ = write!(
            svg,
            r#"<rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="8" rx="4" fill="{color}" fill-opacity="0.8"/>"#,
            cy - 4.0,
            (x1 - x0).max(2.0)
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
