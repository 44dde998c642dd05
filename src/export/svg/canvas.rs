//! The SVG being written: primitives ([`crate::timeline::primitives`]) as SVG elements, with each
//! mark, bar, arrow and number in a group that names its event, and text kept aside until the end
//! so it can be written as `<text>` or as outlines.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::xml_escape;
use crate::export::text::baseline;
use crate::model::Dataset;
use crate::timeline::primitives::{
    Anchor, Color, Corners, FadeKind, Group, Point, Shape, Stroke, Text, TextRole,
};

fn anchor_svg(anchor: Anchor) -> &'static str {
    match anchor {
        Anchor::Start => "start",
        Anchor::Middle => "middle",
        Anchor::End => "end",
    }
}

/// A number as short as it can be written to a hundredth: `8`, `7.5`, `120.25`.
pub(super) fn num(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

pub(super) fn hex(c: Color) -> String {
    let [r, g, b] = c.rgb;
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// `fill="…"` (and its opacity) of a shape, or `fill="none"`.
fn fill_attr(fill: Option<Color>) -> String {
    match fill {
        None => r#"fill="none""#.to_owned(),
        Some(c) if c.alpha < 1.0 => format!(r#"fill="{}" fill-opacity="{}""#, hex(c), num(c.alpha)),
        Some(c) => format!(r#"fill="{}""#, hex(c)),
    }
}

/// ` stroke="…" stroke-width="…"` (and its opacity), or nothing.
fn stroke_attr(stroke: Option<Stroke>) -> String {
    match stroke {
        None => String::new(),
        Some(s) if s.color.alpha < 1.0 => format!(
            r#" stroke="{}" stroke-opacity="{}" stroke-width="{}""#,
            hex(s.color),
            num(s.color.alpha),
            num(s.width)
        ),
        Some(s) => format!(
            r#" stroke="{}" stroke-width="{}""#,
            hex(s.color),
            num(s.width)
        ),
    }
}

fn points_attr(points: &[Point]) -> String {
    points
        .iter()
        .map(|&(x, y)| format!("{},{}", num(x), num(y)))
        .collect::<Vec<_>>()
        .join(" ")
}

impl TextItem {
    /// A text primitive, its capitals centred where it says.
    pub(super) fn of(text: &Text) -> Self {
        let class = match text.role {
            TextRole::Label => "label",
            TextRole::Relation => "relation",
            TextRole::CalloutNumber => "callout-number",
            TextRole::QuoteNotFound => "quote-not-found",
            TextRole::Lane => "lane",
            TextRole::Tick => "tick",
            TextRole::Symbol => "text",
        };
        let mut item = Self::new(
            text.at.0,
            text.at.1,
            text.size,
            &hex(text.color),
            text.text.clone(),
        )
        .anchor(text.anchor)
        .class(class);
        item.halo = text.halo.map(hex);
        item
    }
}

impl Canvas {
    /// Writes one primitive (a group with what it contains). Marks are named by their event in
    /// `dataset`, and say when one of its quotes was not found (`failed`, sorted).
    pub(super) fn shape(&mut self, shape: &Shape, dataset: &Dataset, failed: &[usize]) {
        match shape {
            Shape::Rect {
                min,
                max,
                corners,
                fill,
                stroke,
            } => {
                self.rect(*min, *max, *corners, *fill, *stroke);
            }
            Shape::Circle {
                center,
                radius,
                fill,
                stroke,
            } => {
                let _ = write!(
                    self.out,
                    r#"<circle cx="{}" cy="{}" r="{}" {}{}/>"#,
                    num(center.0),
                    num(center.1),
                    num(*radius),
                    fill_attr(*fill),
                    stroke_attr(*stroke)
                );
            }
            Shape::Polygon {
                points,
                fill,
                stroke,
            } => {
                let _ = write!(
                    self.out,
                    r#"<polygon points="{}" {}{}/>"#,
                    points_attr(points),
                    fill_attr(*fill),
                    stroke_attr(*stroke)
                );
            }
            Shape::Line {
                points,
                stroke,
                dash,
            } => self.line(points, *stroke, *dash),
            Shape::Fade {
                min,
                max,
                rgb,
                stops,
                kind,
            } => {
                self.gradients += 1;
                let (prefix, class) = match kind {
                    FadeKind::Bounds => ("fade", ""),
                    FadeKind::OpenEnd => ("open-end", r#" class="open-end""#),
                    FadeKind::Legend => ("legend-open-end", ""),
                };
                let id = format!("{prefix}-{}", self.gradients);
                let color = hex(Color::opaque(*rgb));
                let _ = write!(
                    self.out,
                    r#"<linearGradient id="{id}" x1="0" x2="1" y1="0" y2="0">"#
                );
                for (offset, opacity) in stops {
                    let _ = write!(
                        self.out,
                        r#"<stop offset="{}" stop-color="{color}" stop-opacity="{}"/>"#,
                        num(*offset),
                        num(*opacity)
                    );
                }
                let _ = write!(
                    self.out,
                    r#"</linearGradient><rect{class} x="{}" y="{}" width="{}" height="{}" fill="url(#{id})"/>"#,
                    num(min.0),
                    num(min.1),
                    num(max.0 - min.0),
                    num(max.1 - min.1)
                );
            }
            Shape::Text(text) => self.text(TextItem::of(text)),
            Shape::Group(group, inner) => {
                self.open_group(group, dataset, failed);
                for s in inner {
                    self.shape(s, dataset, failed);
                }
                self.out.push_str("</g>");
            }
        }
    }

    fn rect(
        &mut self,
        min: Point,
        max: Point,
        corners: Corners,
        fill: Option<Color>,
        stroke: Option<Stroke>,
    ) {
        let (w, h) = (max.0 - min.0, max.1 - min.1);
        let paint = format!("{}{}", fill_attr(fill), stroke_attr(stroke));
        if corners.left > 0.0 && corners.right <= 0.0 {
            // Rounded on the left only: a still-going span's bar, which runs on into its fade.
            let (r, ry) = (corners.left.min(w), corners.left.min(h / 2.0));
            let _ = write!(
                self.out,
                r#"<path d="M{},{} H{} V{} H{} A{},{} 0 0 1 {},{} A{},{} 0 0 1 {},{} Z" {paint}/>"#,
                num(min.0 + r),
                num(min.1),
                num(max.0),
                num(max.1),
                num(min.0 + r),
                num(r),
                num(ry),
                num(min.0),
                num(f64::midpoint(min.1, max.1)),
                num(r),
                num(ry),
                num(min.0 + r),
                num(min.1),
            );
            return;
        }
        let rx = corners.left.max(corners.right);
        let rx = if rx > 0.0 {
            format!(r#" rx="{}""#, num(rx))
        } else {
            String::new()
        };
        let _ = write!(
            self.out,
            r#"<rect x="{}" y="{}" width="{}" height="{}"{rx} {paint}/>"#,
            num(min.0),
            num(min.1),
            num(w),
            num(h)
        );
    }

    fn line(&mut self, points: &[Point], stroke: Stroke, dash: Option<(f64, f64)>) {
        let paint = stroke_attr(Some(stroke));
        if let ([(x1, y1), (x2, y2)], None) = (points, dash) {
            let _ = write!(
                self.out,
                r#"<line x1="{}" y1="{}" x2="{}" y2="{}"{paint}/>"#,
                num(*x1),
                num(*y1),
                num(*x2),
                num(*y2)
            );
            return;
        }
        let mut d = String::new();
        for (i, (x, y)) in points.iter().enumerate() {
            let _ = write!(
                d,
                "{}{},{}",
                if i == 0 { "M" } else { " L" },
                num(*x),
                num(*y)
            );
        }
        let dash = dash.map_or_else(String::new, |(on, off)| {
            format!(r#" stroke-dasharray="{} {}""#, num(on), num(off))
        });
        let _ = write!(self.out, r#"<path d="{d}" fill="none"{paint}{dash}/>"#);
    }

    fn open_group(&mut self, group: &Group, dataset: &Dataset, failed: &[usize]) {
        let id = |e: usize| {
            dataset
                .events
                .get(e)
                .map_or_else(String::new, |e| xml_escape(&e.id))
        };
        match *group {
            Group::Mark { event } => {
                let Some(e) = dataset.events.get(event) else {
                    self.out.push_str("<g>");
                    return;
                };
                let status = if failed.binary_search(&event).is_ok() {
                    " — a quote was not found in its source"
                } else {
                    ""
                };
                let _ = write!(
                    self.out,
                    r#"<g data-event-id="{}" role="img" aria-label="{}, {}{status}"><title>{} ({}){status}</title>"#,
                    xml_escape(&e.id),
                    xml_escape(&e.title),
                    e.date,
                    xml_escape(&e.title),
                    e.date
                );
            }
            Group::Density { count } => {
                let _ = write!(self.out, "<g><title>{count} events</title>");
            }
            Group::Arrow {
                kind,
                from_event,
                to_event,
                end,
            } => {
                let _ = write!(
                    self.out,
                    r#"<g class="arrow" data-from="{}" data-to="{}" data-kind="{}" data-end="{:.2},{:.2}">"#,
                    id(from_event),
                    id(to_event),
                    kind.verb(),
                    end.0,
                    end.1
                );
            }
            Group::Callout { event, number } => {
                let _ = write!(
                    self.out,
                    r#"<g class="callout" data-event-id="{}" data-callout="{number}">"#,
                    id(event)
                );
            }
        }
    }
}

/// One line of text to draw: where its baseline starts, how it looks, and its words (runs of
/// plain or bold text).
pub(super) struct TextItem {
    pub(super) x: f64,
    pub(super) y: f64,
    pub(super) size: f64,
    pub(super) anchor: Anchor,
    pub(super) fill: String,
    /// A background-coloured outline drawn behind the text, in the halo layer.
    pub(super) halo: Option<String>,
    pub(super) spans: Vec<(String, bool)>,
    pub(super) class: &'static str,
}

impl TextItem {
    pub(super) fn new(x: f64, middle: f64, size: f64, fill: &str, text: impl Into<String>) -> Self {
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

    pub(super) fn anchor(mut self, anchor: Anchor) -> Self {
        self.anchor = anchor;
        self
    }

    pub(super) fn class(mut self, class: &'static str) -> Self {
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
pub(super) struct Canvas {
    pub(super) out: String,
    texts: Vec<TextItem>,
    /// Gradients written so far, for unique ids.
    gradients: usize,
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
    pub(super) fn text(&mut self, item: TextItem) {
        let halo = item.halo.is_some();
        let n = self.add(item);
        if halo {
            self.put_halo(n);
        }
        self.put_text(n);
    }

    /// Texts whose halos all go in one layer behind all of them, so no halo covers a letter.
    pub(super) fn text_layer(&mut self, items: Vec<TextItem>, class: &str) {
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
    pub(super) fn finish(&self, outlines: Option<&HashMap<String, String>>) -> String {
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
                        anchor_svg(item.anchor)
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
                        anchor_svg(item.anchor)
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
