//! A [`Scene`] as drawing primitives ([`super::primitives`]): every proportion, dash, font size
//! and colour of the timeline is decided here, once, and the window and the exporter draw the same
//! list, each in its own medium.

use super::arrow;
use super::labels::{CALLOUT_FONT_SCALE, label_height_px};
use super::primitives::{
    Anchor, Color, Corners, FadeKind, Group, Palette, Point, Shape, Stroke, Text, TextRole,
};
use super::scene::{Arrow, Mark, Scene};
use super::style::{self, MarkShape, Rgb};
use super::view::TimeView;
use crate::model::visible_text::visible;

/// The selection ring around the selected event's symbol: its radius and width.
pub const SELECTION_RING_PX: f64 = 11.0;
pub const SELECTION_STROKE_PX: f64 = 2.5;
/// How much of its colour a mark a search did not match keeps.
const DIMMED: f64 = 0.28;
/// The colour tab at the left edge of each lane.
const LANE_TAB_PX: f64 = 4.0;
/// Lane names, right-aligned this far left of the plot.
pub const LANE_FONT_PX: f64 = 14.0;
const LANE_NAME_GAP_PX: f64 = 10.0;
/// The dates under the plot, their capitals centred this far below it.
pub const TICK_FONT_PX: f64 = 13.0;
const TICK_DATE_BELOW_PX: f64 = 15.5;
/// A crowded bin's bar is at most this share of its lane's height.
const DENSITY_HEIGHT_SHARE: f64 = 0.8;
/// Halos behind labels and behind relation names: the background at this opacity.
const LABEL_HALO: f64 = 0.75;
const TAG_HALO: f64 = 0.9;
/// A symbol further than this outside the plot is not drawn (its bars may still reach in).
const SYMBOL_CULL_PX: f64 = 20.0;
/// The mark of an event whose quote was not found in its source, beside its symbol.
pub const NOT_FOUND_RGB: Rgb = [0xc6, 0x28, 0x28];
pub const NOT_FOUND_MARK: &str = "✘";
const NOT_FOUND_FONT_PX: f64 = 11.0;

/// Where the plot lies on the painter's surface, and which days and lane units it shows: the map
/// from scene coordinates to pixels, the same for the window's plot and a slide's.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlotArea {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
    /// The days at the left and right edges.
    pub days: (f64, f64),
    /// The lane units at the bottom and top edges.
    pub units: (f64, f64),
}

impl PlotArea {
    /// A plot of `lane_count` lane rows showing `view`.
    pub fn new(left: f64, top: f64, width: f64, height: f64, view: TimeView, lanes: usize) -> Self {
        Self {
            left,
            top,
            width,
            height,
            days: (view.start_days, view.end_days()),
            units: (-0.5, lanes.max(1) as f64 - 0.5),
        }
    }

    pub fn x(&self, days: f64) -> f64 {
        let span = (self.days.1 - self.days.0).max(f64::MIN_POSITIVE);
        self.left + (days - self.days.0) / span * self.width
    }

    pub fn y(&self, units: f64) -> f64 {
        let span = (self.units.1 - self.units.0).max(f64::MIN_POSITIVE);
        self.top + (self.units.1 - units) / span * self.height
    }

    pub fn point(&self, (days, units): (f64, f64)) -> Point {
        (self.x(days), self.y(units))
    }

    fn right(&self) -> f64 {
        self.left + self.width
    }

    fn bottom(&self) -> f64 {
        self.top + self.height
    }
}

/// How to paint: the theme's colours, the label size the layout measured with, and the events
/// whose quote was not found (sorted; their marks get a badge).
pub struct PaintStyle<'a> {
    pub palette: Palette,
    pub label_font_px: f64,
    pub failed_quotes: &'a [usize],
}

/// A scene as primitives, in layers, bottom first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Picture {
    /// Lane stripes and colour tabs.
    pub lanes: Vec<Shape>,
    /// Lane lines and names, tick lines and dates. The window's plot draws its own grid and axes
    /// from the same lanes and ticks.
    pub axes: Vec<Shape>,
    /// Bars, marks, arrows, leader lines and numbers, in drawing order.
    pub plot: Vec<Shape>,
    /// Labels, relation names and badges over everything, halos all under all letters.
    pub texts: Vec<Text>,
}

pub fn paint(scene: &Scene, area: &PlotArea, style: &PaintStyle<'_>) -> Picture {
    let colors = &style.palette;
    let mut picture = Picture::default();
    lanes(scene, area, colors, &mut picture);
    ticks(scene, area, colors, &mut picture.axes);
    density(scene, area, &mut picture.plot);
    for mark in &scene.dimmed {
        let mut shapes = extents(mark, area, DIMMED);
        if let Some(center) = symbol_center(mark, area) {
            shapes.push(symbol(
                mark.shape,
                center,
                style::MARK_RADIUS_PX - 1.0,
                Color::opaque(mark.color).faded(DIMMED),
                colors.background,
                mark.band.is_some(),
            ));
        }
        picture.plot.extend(shapes);
    }
    for arrow_item in &scene.arrows {
        let Some((group, tag)) = arrow_shapes(arrow_item, area, style) else {
            continue;
        };
        picture.plot.push(group);
        picture.texts.extend(tag);
    }
    let mut badges = Vec::new();
    for mark in &scene.marks {
        let mut shapes = extents(mark, area, 1.0);
        if let Some(center) = symbol_center(mark, area) {
            shapes.push(symbol(
                mark.shape,
                center,
                style::MARK_RADIUS_PX,
                Color::opaque(mark.color),
                colors.background,
                mark.band.is_some(),
            ));
            if mark.selected {
                shapes.push(selection_ring(center, colors.text));
            }
            if style.failed_quotes.binary_search(&mark.event).is_ok() {
                badges.push(Text {
                    at: (
                        center.0 + style::MARK_RADIUS_PX - 1.0,
                        center.1 - style::MARK_RADIUS_PX - 3.0,
                    ),
                    size: NOT_FOUND_FONT_PX,
                    anchor: Anchor::Start,
                    color: Color::opaque(NOT_FOUND_RGB),
                    text: NOT_FOUND_MARK.to_owned(),
                    halo: Some(colors.background),
                    role: TextRole::QuoteNotFound,
                });
            }
        }
        picture
            .plot
            .push(Shape::Group(Group::Mark { event: mark.event }, shapes));
    }
    let mut labels = Vec::new();
    for label in &scene.labels {
        if let (Some(end), Some(mark)) = (label.leader, scene.mark_of(label.event)) {
            picture.plot.extend(leader(
                area.point((mark.x_days, mark.y)),
                area.point(end),
                colors.weak,
            ));
        }
        labels.push(Text {
            at: area.point((label.x_days, label.y)),
            size: style.label_font_px,
            anchor: if label.right_aligned {
                Anchor::End
            } else {
                Anchor::Start
            },
            color: colors.text,
            text: visible(&label.text).into_owned(),
            halo: Some(colors.background.faded(LABEL_HALO)),
            role: TextRole::Label,
        });
    }
    for callout in &scene.callouts {
        if let (Some(end), Some(mark)) = (callout.leader, scene.mark_of(callout.event)) {
            picture.plot.extend(leader(
                area.point((mark.x_days, mark.y)),
                area.point(end),
                colors.weak,
            ));
        }
        let (x, y) = area.point((callout.x_days, callout.y));
        let h = label_height_px(style.label_font_px) - 2.0;
        let pill = Shape::Rect {
            min: (x, y - h / 2.0),
            max: (x + callout.width_px, y + h / 2.0),
            corners: Corners::same(h / 2.0),
            fill: Some(colors.background),
            stroke: Some(Stroke {
                width: 1.0,
                color: colors.text,
            }),
        };
        let number = Shape::Text(Text {
            at: (x + callout.width_px / 2.0, y),
            size: style.label_font_px * CALLOUT_FONT_SCALE,
            anchor: Anchor::Middle,
            color: colors.text,
            text: callout.number.to_string(),
            halo: None,
            role: TextRole::CalloutNumber,
        });
        picture.plot.push(Shape::Group(
            Group::Callout {
                event: callout.event,
                number: callout.number,
            },
            vec![pill, number],
        ));
    }
    // Labels, then the relation names over them, then the badges.
    let names = std::mem::replace(&mut picture.texts, labels);
    picture.texts.extend(names);
    picture.texts.extend(badges);
    picture
}

/// A stripe on every other lane and a colour tab at each lane's left edge; each lane's line and
/// name go with the axes.
fn lanes(scene: &Scene, area: &PlotArea, colors: &Palette, picture: &mut Picture) {
    let half = (area.y(0.0) - area.y(0.5)).abs();
    for (i, lane) in scene.lanes.iter().enumerate() {
        let y = area.y(lane.y);
        let (top, bottom) = (y - half, y + half);
        if i % 2 == 1 {
            picture.lanes.push(Shape::Rect {
                min: (area.left, top),
                max: (area.right(), bottom),
                corners: Corners::same(0.0),
                fill: Some(colors.stripe),
                stroke: None,
            });
        }
        picture.lanes.push(Shape::Rect {
            min: (area.left, top),
            max: (area.left + LANE_TAB_PX, bottom),
            corners: Corners::same(0.0),
            fill: Some(Color::opaque(lane.color)),
            stroke: None,
        });
        picture.axes.push(Shape::Text(Text {
            at: (area.left - LANE_NAME_GAP_PX, y),
            size: LANE_FONT_PX,
            anchor: Anchor::End,
            color: colors.text,
            text: lane.label.clone(),
            halo: None,
            role: TextRole::Lane,
        }));
        picture.axes.push(Shape::Line {
            points: vec![(area.left, y), (area.right(), y)],
            stroke: Stroke {
                width: 1.0,
                color: colors.grid,
            },
            dash: None,
        });
    }
}

/// A line up the plot at each of the scene's ticks, and its date under the plot.
fn ticks(scene: &Scene, area: &PlotArea, colors: &Palette, axes: &mut Vec<Shape>) {
    for tick in &scene.ticks {
        let x = area.x(tick.days);
        if x < area.left - 0.5 || x > area.right() + 0.5 {
            continue;
        }
        axes.push(Shape::Line {
            points: vec![(x, area.top), (x, area.bottom())],
            stroke: Stroke {
                width: 1.0,
                color: colors.grid,
            },
            dash: None,
        });
        axes.push(Shape::Text(Text {
            at: (x, area.bottom() + TICK_DATE_BELOW_PX),
            size: TICK_FONT_PX,
            anchor: Anchor::Middle,
            color: colors.weak,
            text: tick.label.clone(),
            halo: None,
            role: TextRole::Tick,
        }));
    }
}

/// Crowded bins: a bar whose height is the count on a log scale, stacked by kind.
fn density(scene: &Scene, area: &PlotArea, plot: &mut Vec<Shape>) {
    let lane_half = (area.y(0.0) - area.y(0.5)).abs() * DENSITY_HEIGHT_SHARE;
    for bin in &scene.density {
        let (x0, x1) = (area.x(bin.start_days), area.x(bin.end_days));
        let half = (lane_half * bin.fill).max(2.0);
        let bottom = area.y(bin.y) + half;
        let right = x0 + (x1 - x0 - 0.5).max(1.0);
        let bars = bin
            .segments()
            .map(|(_, rgb, from, to)| Shape::Rect {
                min: (x0, bottom - 2.0 * half * to),
                max: (right, bottom - 2.0 * half * from),
                corners: Corners::same(0.0),
                fill: Some(Color::opaque(rgb).faded(0.9)),
                stroke: None,
            })
            .collect();
        plot.push(Shape::Group(Group::Density { count: bin.count }, bars));
    }
}

/// Where a mark's symbol goes, unless it is too far outside the plot to be seen.
fn symbol_center(mark: &Mark, area: &PlotArea) -> Option<Point> {
    let (x, y) = area.point((mark.x_days, mark.y));
    let m = SYMBOL_CULL_PX;
    (x >= area.left - m && x <= area.right() + m && y >= area.top - m && y <= area.bottom() + m)
        .then_some((x, y))
}

/// Under a mark's symbol: its uncertainty bounds fading out, its month or year band, its range's
/// bar and a still-going span's fading end.
fn extents(mark: &Mark, area: &PlotArea, opacity: f64) -> Vec<Shape> {
    let color = Color::opaque(mark.color).faded(opacity);
    let (cx, cy) = area.point((mark.x_days, mark.y));
    let mut shapes = Vec::new();
    if let Some((lo, hi)) = mark.bounds {
        let (x0, x1) = (area.x(lo), area.x(hi));
        let width = (x1 - x0).max(1.0);
        let mid = ((cx - x0) / width).clamp(0.0, 1.0);
        let solid = 0.55 * color.alpha;
        shapes.push(Shape::Fade {
            min: (x0, cy - 3.0),
            max: (x0 + width, cy + 3.0),
            rgb: mark.color,
            stops: vec![(0.0, 0.0), (mid, solid), (1.0, 0.0)],
            kind: FadeKind::Bounds,
        });
    }
    if let Some((lo, hi)) = mark.band {
        let (x0, x1) = (area.x(lo), area.x(hi));
        let half = style::BAND_HALF_HEIGHT_PX;
        shapes.push(Shape::Rect {
            min: (x0, cy - half),
            max: (x0 + (x1 - x0).max(2.0), cy + half),
            corners: Corners::same(3.0),
            fill: Some(color.faded(0.28)),
            stroke: Some(Stroke {
                width: 1.0,
                color: color.faded(0.7),
            }),
        });
    }
    let bar = color.faded(0.8);
    if let Some((lo, hi)) = mark.range {
        let (x0, x1) = (area.x(lo), area.x(hi));
        // A still-going span has no rounded end: the bar runs on into its fade.
        let right = if mark.open_end.is_some() { 0.0 } else { 4.0 };
        shapes.push(Shape::Rect {
            min: (x0, cy - 4.0),
            max: (x0 + (x1 - x0).max(2.0), cy + 4.0),
            corners: Corners { left: 4.0, right },
            fill: Some(bar),
            stroke: None,
        });
    }
    if let Some((lo, hi)) = mark.open_end {
        // Past the last attestation: the bar's colour fading to nothing, as far as the layout says.
        let (x0, x1) = (area.x(lo), area.x(hi));
        shapes.push(Shape::Fade {
            min: (x0, cy - 4.0),
            max: (x0 + (x1 - x0).max(1.0), cy + 4.0),
            rgb: mark.color,
            stops: vec![(0.0, bar.alpha), (1.0, 0.0)],
            kind: FadeKind::OpenEnd,
        });
    }
    shapes
}

/// A mark's symbol: each kind its own outline, with a thin halo so it reads over bands and lines.
/// A hollow one (a date known to the month or year) is outlined in its colour.
pub fn symbol(
    shape: MarkShape,
    (cx, cy): Point,
    r: f64,
    color: Color,
    halo: Color,
    hollow: bool,
) -> Shape {
    let (fill, stroke) = if hollow {
        (halo, Stroke { width: 2.0, color })
    } else {
        (
            color,
            Stroke {
                width: 1.5,
                color: halo,
            },
        )
    };
    match shape {
        MarkShape::Circle => Shape::Circle {
            center: (cx, cy),
            radius: r,
            fill: Some(fill),
            stroke: Some(stroke),
        },
        MarkShape::Ring => Shape::Circle {
            center: (cx, cy),
            radius: r - 1.0,
            fill: Some(halo),
            stroke: Some(Stroke { width: 2.5, color }),
        },
        MarkShape::Square => Shape::Rect {
            min: (cx - 0.9 * r, cy - 0.9 * r),
            max: (cx + 0.9 * r, cy + 0.9 * r),
            corners: Corners::same(1.0),
            fill: Some(fill),
            stroke: Some(stroke),
        },
        MarkShape::Diamond => {
            let d = 1.25 * r;
            Shape::Polygon {
                points: vec![(cx, cy - d), (cx + d, cy), (cx, cy + d), (cx - d, cy)],
                fill: Some(fill),
                stroke: Some(stroke),
            }
        }
        MarkShape::Triangle => {
            let t = 1.2 * r;
            Shape::Polygon {
                points: vec![
                    (cx, cy - t),
                    (cx + 0.95 * t, cy + 0.7 * t),
                    (cx - 0.95 * t, cy + 0.7 * t),
                ],
                fill: Some(fill),
                stroke: Some(stroke),
            }
        }
    }
}

pub fn selection_ring(center: Point, color: Color) -> Shape {
    Shape::Circle {
        center,
        radius: SELECTION_RING_PX,
        fill: None,
        stroke: Some(Stroke {
            width: SELECTION_STROKE_PX,
            color,
        }),
    }
}

/// A thin line from a mark to its displaced label or number, from the edge of the symbol.
fn leader(mark: Point, end: Point, color: Color) -> Option<Shape> {
    let (dx, dy) = (end.0 - mark.0, end.1 - mark.1);
    let length = dx.hypot(dy);
    let start = style::MARK_RADIUS_PX + 1.0;
    (length > start).then(|| Shape::Line {
        points: vec![
            (mark.0 + dx / length * start, mark.1 + dy / length * start),
            end,
        ],
        stroke: Stroke { width: 1.0, color },
        dash: None,
    })
}

/// A relation as a curved arrow styled by its kind (the curve and head are [`arrow`]'s), and its
/// name where the layout found it room.
fn arrow_shapes(
    arrow_item: &Arrow,
    area: &PlotArea,
    style: &PaintStyle<'_>,
) -> Option<(Shape, Option<Text>)> {
    let (rgb, dashed) = style::relation_style(arrow_item.kind);
    let color = Color::opaque(rgb);
    let (from, to) = (area.point(arrow_item.from), area.point(arrow_item.to));
    let curve = arrow::curve(from, to);
    let head = arrow::head(&curve)?;
    let shapes = vec![
        Shape::Line {
            points: curve,
            stroke: Stroke {
                width: arrow::STROKE_PX,
                color,
            },
            dash: dashed.then_some(arrow::DASH_PX),
        },
        Shape::Polygon {
            points: head.to_vec(),
            fill: Some(color),
            stroke: None,
        },
    ];
    let group = Shape::Group(
        Group::Arrow {
            kind: arrow_item.kind,
            from_event: arrow_item.from_event,
            to_event: arrow_item.to_event,
            end: to,
        },
        shapes,
    );
    let tag = arrow_item.tag.map(|at| Text {
        at: area.point(at),
        size: style.label_font_px * arrow::TAG_FONT_SCALE,
        anchor: Anchor::Middle,
        color,
        text: arrow_item.kind.verb().to_owned(),
        halo: Some(style.palette.background.faded(TAG_HALO)),
        role: TextRole::Relation,
    });
    Some((group, tag))
}
