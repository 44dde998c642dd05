//! Paints a [`Scene`] into `egui_plot` as one custom plot item.
//!
//! One item for all marks (not one `Points` per event) keeps a frame cheap at any dataset size:
//! `egui_plot` scans every item for bounds and hover, and this one opts out of both.

use std::ops::RangeInclusive;
use std::sync::Arc;

use egui::epaint::{Mesh, PathShape, PathStroke};
use egui::{Color32, FontId, Pos2, Rect, Shape, Stroke, Ui, pos2, vec2};
use egui_plot::{PlotBounds, PlotGeometry, PlotItem, PlotItemBase, PlotPoint, PlotTransform};

use super::theme;
use crate::timeline::Scene;
use crate::timeline::arrow;
use crate::timeline::labels;
use crate::timeline::layout::{Arrow, Mark};
use crate::timeline::style::{self, MarkShape};

/// How much of its colour a mark a search did not match keeps.
const DIMMED: f32 = 0.28;

/// The whole scene as one plot item.
pub struct SceneItem {
    base: PlotItemBase,
    scene: Arc<Scene>,
}

impl SceneItem {
    pub fn new(scene: Arc<Scene>) -> Self {
        Self {
            base: PlotItemBase::new("Timeline".to_owned()),
            scene,
        }
    }
}

impl PlotItem for SceneItem {
    fn shapes(&self, ui: &Ui, transform: &PlotTransform, shapes: &mut Vec<Shape>) {
        let to_screen = |x: f64, y: f64| transform.position_from_point(&PlotPoint::new(x, y));
        let frame = *transform.frame();
        let dark = ui.visuals().dark_mode;
        let text_color = ui.visuals().strong_text_color();
        let background = ui.visuals().extreme_bg_color;
        let scene = &*self.scene;
        let Some(view) = scene.view else { return };

        // Lanes: a faint stripe on every other lane and a colour tab at the left edge.
        for (i, lane) in scene.lanes.iter().enumerate() {
            let top = to_screen(view.start_days, lane.y + 0.5).y;
            let bottom = to_screen(view.start_days, lane.y - 0.5).y;
            let rect = Rect::from_x_y_ranges(frame.x_range(), top..=bottom);
            if i % 2 == 1 {
                shapes.push(Shape::rect_filled(rect, 0.0, theme::lane_stripe(dark)));
            }
            let tab = Rect::from_min_size(rect.min, vec2(4.0, rect.height()));
            shapes.push(Shape::rect_filled(tab, 0.0, theme::rgb(lane.color)));
        }

        // Density: height on a log scale of the count, colour the mix of kinds.
        let lane_half =
            (to_screen(view.start_days, 0.0).y - to_screen(view.start_days, 0.5).y).abs() * 0.8;
        for bin in &scene.density {
            let left = to_screen(bin.start_days, bin.y).x;
            let right = to_screen(bin.end_days, bin.y).x.max(left + 1.0);
            let half = (lane_half * bin.fill as f32).max(2.0);
            let center = to_screen(bin.start_days, bin.y).y;
            let bottom = center + half;
            for (_, color, from, to) in bin.segments() {
                let (y0, y1) = (
                    bottom - 2.0 * half * to as f32,
                    bottom - 2.0 * half * from as f32,
                );
                let rect = Rect::from_x_y_ranges(left..=right - 0.5, y0..=y1);
                shapes.push(Shape::rect_filled(
                    rect,
                    0.0,
                    theme::rgb(color).gamma_multiply(0.9),
                ));
            }
        }

        // What a search left out, faint and under everything it matched.
        for mark in &scene.dimmed {
            paint_extent(mark, DIMMED, &to_screen, shapes);
            let center = to_screen(mark.x_days, mark.y);
            if frame.expand(20.0).contains(center) {
                paint_symbol(
                    shapes,
                    mark.shape,
                    center,
                    style::MARK_RADIUS_PX as f32 - 1.0,
                    theme::rgb(mark.color).gamma_multiply(DIMMED),
                    background,
                    mark.band.is_some(),
                );
            }
        }
        for mark in &scene.marks {
            paint_extent(mark, 1.0, &to_screen, shapes);
        }
        for arrow in &scene.arrows {
            paint_arrow(ui, arrow, &to_screen, shapes);
        }
        for mark in &scene.marks {
            let center = to_screen(mark.x_days, mark.y);
            if !frame.expand(20.0).contains(center) {
                continue;
            }
            let color = theme::rgb(mark.color);
            // Bands carry a hollow symbol: the date is a period, not this point.
            let hollow = mark.band.is_some();
            paint_symbol(
                shapes,
                mark.shape,
                center,
                style::MARK_RADIUS_PX as f32,
                color,
                background,
                hollow,
            );
            if mark.selected {
                shapes.push(Shape::circle_stroke(
                    center,
                    11.0,
                    Stroke::new(2.5, text_color),
                ));
            }
        }
        let leader_color = ui.visuals().weak_text_color();
        for (event, leader) in scene
            .labels
            .iter()
            .map(|l| (l.event, l.leader))
            .chain(scene.callouts.iter().map(|c| (c.event, c.leader)))
        {
            if let (Some((x, y)), Some(mark)) = (leader, scene.mark_of(event)) {
                paint_leader(
                    shapes,
                    to_screen(mark.x_days, mark.y),
                    to_screen(x, y),
                    leader_color,
                );
            }
        }
        for label in &scene.labels {
            let pos = to_screen(label.x_days, label.y);
            let galley = ui.painter().layout_no_wrap(
                crate::model::visible_text::visible(&label.text).into_owned(),
                FontId::proportional(theme::LABEL_FONT_SIZE),
                text_color,
            );
            let left = if label.right_aligned {
                pos.x - galley.size().x
            } else {
                pos.x
            };
            let pos = pos2(left, pos.y - galley.size().y / 2.0);
            // A halo of the background keeps labels readable over grid lines and bars.
            let halo = Rect::from_min_size(pos, galley.size()).expand2(vec2(2.0, 0.0));
            shapes.push(Shape::rect_filled(
                halo,
                2.0,
                background.gamma_multiply(0.75),
            ));
            shapes.push(Shape::galley(pos, galley, text_color));
        }
        for callout in &scene.callouts {
            let pos = to_screen(callout.x_days, callout.y);
            let galley = ui.painter().layout_no_wrap(
                callout.number.to_string(),
                FontId::proportional(theme::LABEL_FONT_SIZE * labels::CALLOUT_FONT_SCALE as f32),
                text_color,
            );
            let height = labels::label_height_px(f64::from(theme::LABEL_FONT_SIZE)) as f32 - 2.0;
            let pill = Rect::from_min_size(
                pos2(pos.x, pos.y - height / 2.0),
                vec2(callout.width_px as f32, height),
            );
            shapes.push(Shape::rect_filled(pill, height / 2.0, background));
            shapes.push(Shape::rect_stroke(
                pill,
                height / 2.0,
                Stroke::new(1.0, text_color),
                egui::StrokeKind::Inside,
            ));
            shapes.push(Shape::galley(
                pill.center() - galley.size() / 2.0,
                galley,
                text_color,
            ));
        }
    }

    fn initialize(&mut self, _x_range: RangeInclusive<f64>) {}

    fn color(&self) -> Color32 {
        Color32::TRANSPARENT
    }

    fn geometry(&self) -> PlotGeometry<'_> {
        PlotGeometry::None
    }

    fn bounds(&self) -> PlotBounds {
        PlotBounds::NOTHING
    }

    fn base(&self) -> &PlotItemBase {
        &self.base
    }

    fn base_mut(&mut self) -> &mut PlotItemBase {
        &mut self.base
    }
}

/// A thin line from a mark to its displaced label or number, from the edge of the symbol.
fn paint_leader(shapes: &mut Vec<Shape>, mark: Pos2, end: Pos2, color: Color32) {
    let along = end - mark;
    let start = style::MARK_RADIUS_PX as f32 + 1.0;
    if along.length() <= start {
        return;
    }
    shapes.push(Shape::line_segment(
        [mark + along.normalized() * start, end],
        Stroke::new(1.0, color),
    ));
}

/// Bands (month/year dates), range bars, still-going spans' fading ends and fading uncertainty
/// bounds, under the symbols.
fn paint_extent(
    mark: &Mark,
    opacity: f32,
    to_screen: &dyn Fn(f64, f64) -> Pos2,
    shapes: &mut Vec<Shape>,
) {
    let color = theme::rgb(mark.color).gamma_multiply(opacity);
    let half = style::BAND_HALF_HEIGHT_PX as f32;
    if let Some((lo, hi)) = mark.bounds {
        // A bar that fades out towards the earliest and latest possible dates.
        let (a, b) = (to_screen(lo, mark.y), to_screen(hi, mark.y));
        let (m0, m1) = (
            to_screen(mark.x_days, mark.y).x,
            to_screen(mark.x_days, mark.y).x,
        );
        let y = a.y;
        let mut mesh = Mesh::default();
        let solid = color.gamma_multiply(0.55);
        let clear = color.gamma_multiply(0.0);
        for (x0, c0, x1, c1) in [(a.x, clear, m0, solid), (m1, solid, b.x, clear)] {
            let base = mesh.vertices.len() as u32;
            mesh.colored_vertex(pos2(x0, y - 3.0), c0);
            mesh.colored_vertex(pos2(x1, y - 3.0), c1);
            mesh.colored_vertex(pos2(x1, y + 3.0), c1);
            mesh.colored_vertex(pos2(x0, y + 3.0), c0);
            mesh.add_triangle(base, base + 1, base + 2);
            mesh.add_triangle(base, base + 2, base + 3);
        }
        shapes.push(Shape::mesh(mesh));
    }
    if let Some((lo, hi)) = mark.band {
        let (a, b) = (to_screen(lo, mark.y), to_screen(hi, mark.y));
        let rect = Rect::from_x_y_ranges(a.x..=b.x.max(a.x + 2.0), a.y - half..=a.y + half);
        shapes.push(Shape::rect_filled(rect, 3.0, color.gamma_multiply(0.28)));
        shapes.push(Shape::rect_stroke(
            rect,
            3.0,
            Stroke::new(1.0, color.gamma_multiply(0.7)),
            egui::StrokeKind::Inside,
        ));
    }
    let bar = color.gamma_multiply(0.8);
    if let Some((lo, hi)) = mark.range {
        let (a, b) = (to_screen(lo, mark.y), to_screen(hi, mark.y));
        let rect = Rect::from_x_y_ranges(a.x..=b.x.max(a.x + 2.0), a.y - 4.0..=a.y + 4.0);
        // A still-going span has no rounded end: the bar runs on into its fade.
        let corners = if mark.open_end.is_some() {
            egui::CornerRadius {
                nw: 4,
                sw: 4,
                ne: 0,
                se: 0,
            }
        } else {
            egui::CornerRadius::same(4)
        };
        shapes.push(Shape::rect_filled(rect, corners, bar));
    }
    if let Some((lo, hi)) = mark.open_end {
        // Past the last attestation: the bar's colour fading to nothing, as far as the layout says.
        let (a, b) = (to_screen(lo, mark.y), to_screen(hi, mark.y));
        let mut mesh = Mesh::default();
        let clear = color.gamma_multiply(0.0);
        mesh.colored_vertex(pos2(a.x, a.y - 4.0), bar);
        mesh.colored_vertex(pos2(b.x, a.y - 4.0), clear);
        mesh.colored_vertex(pos2(b.x, a.y + 4.0), clear);
        mesh.colored_vertex(pos2(a.x, a.y + 4.0), bar);
        mesh.add_triangle(0, 1, 2);
        mesh.add_triangle(0, 2, 3);
        shapes.push(Shape::mesh(mesh));
    }
}

/// A mark's symbol: each kind its own outline, with a thin halo so it reads over bands and lines.
pub fn paint_symbol(
    shapes: &mut Vec<Shape>,
    shape: MarkShape,
    center: Pos2,
    radius: f32,
    color: Color32,
    halo: Color32,
    hollow: bool,
) {
    let (fill, stroke) = if hollow {
        (halo, Stroke::new(2.0, color))
    } else {
        (color, Stroke::new(1.5, halo))
    };
    let r = radius;
    match shape {
        MarkShape::Circle => {
            shapes.push(Shape::circle_filled(center, r, fill));
            shapes.push(Shape::circle_stroke(center, r, stroke));
        }
        MarkShape::Ring => {
            shapes.push(Shape::circle_filled(center, r, halo));
            shapes.push(Shape::circle_stroke(
                center,
                r - 1.0,
                Stroke::new(2.5, color),
            ));
        }
        MarkShape::Square => {
            let rect = Rect::from_center_size(center, vec2(2.0 * r * 0.9, 2.0 * r * 0.9));
            shapes.push(Shape::rect_filled(rect, 1.0, fill));
            shapes.push(Shape::rect_stroke(
                rect,
                1.0,
                stroke,
                egui::StrokeKind::Outside,
            ));
        }
        MarkShape::Diamond => {
            let r = r * 1.25;
            let points = vec![
                center + vec2(0.0, -r),
                center + vec2(r, 0.0),
                center + vec2(0.0, r),
                center + vec2(-r, 0.0),
            ];
            shapes.push(Shape::convex_polygon(points, fill, stroke));
        }
        MarkShape::Triangle => {
            let r = r * 1.2;
            let points = vec![
                center + vec2(0.0, -r),
                center + vec2(r * 0.95, r * 0.7),
                center + vec2(-r * 0.95, r * 0.7),
            ];
            shapes.push(Shape::convex_polygon(points, fill, stroke));
        }
    }
}

/// A relation as a curved arrow, arching over the lanes, styled by relation type. The curve, the
/// head and the name's place are the core's ([`arrow`]), as in exports.
fn paint_arrow(
    ui: &Ui,
    arrow_item: &Arrow,
    to_screen: &dyn Fn(f64, f64) -> Pos2,
    shapes: &mut Vec<Shape>,
) {
    let (rgb, dashed) = style::relation_style(arrow_item.kind);
    let color = theme::rgb(rgb);
    let px = |p: Pos2| (f64::from(p.x), f64::from(p.y));
    let pos = |(x, y): (f64, f64)| pos2(x as f32, y as f32);
    let from = to_screen(arrow_item.from.0, arrow_item.from.1);
    let to = to_screen(arrow_item.to.0, arrow_item.to.1);
    let curve = arrow::curve(px(from), px(to));
    let Some(head) = arrow::head(&curve) else {
        return;
    };
    let points: Vec<Pos2> = curve.into_iter().map(pos).collect();
    let stroke = Stroke::new(arrow::STROKE_PX as f32, color);
    if dashed {
        let (on, off) = arrow::DASH_PX;
        shapes.extend(Shape::dashed_line(&points, stroke, on as f32, off as f32));
    } else {
        shapes.push(Shape::Path(PathShape::line(
            points,
            PathStroke::from(stroke),
        )));
    }
    shapes.push(Shape::convex_polygon(
        head.into_iter().map(pos).collect(),
        color,
        Stroke::NONE,
    ));
    // The relation's name where the layout found it room.
    if let Some((x, y)) = arrow_item.tag {
        let galley = ui.painter().layout_no_wrap(
            arrow_item.kind.verb().to_owned(),
            FontId::proportional(theme::LABEL_FONT_SIZE * arrow::TAG_FONT_SCALE as f32),
            color,
        );
        let pad = arrow::TAG_PAD_PX as f32;
        let rect = Rect::from_center_size(to_screen(x, y), galley.size() + vec2(2.0 * pad, 0.0));
        shapes.push(Shape::rect_filled(
            rect,
            3.0,
            ui.visuals().extreme_bg_color.gamma_multiply(0.9),
        ));
        shapes.push(Shape::galley(rect.min + vec2(pad, 0.0), galley, color));
    }
}
