//! Paints a [`Scene`] into `egui_plot` as one custom plot item: the core's drawing primitives
//! ([`crate::timeline::paint`], the same list an export writes as SVG) turned into egui shapes.
//!
//! One item for all marks (not one `Points` per event) keeps a frame cheap at any dataset size:
//! `egui_plot` scans every item for bounds and hover, and this one opts out of both.

use std::ops::RangeInclusive;
use std::sync::Arc;

use egui::epaint::{CircleShape, CornerRadius, Mesh, PathShape, PathStroke, RectShape};
use egui::{Color32, FontId, Pos2, Rect, Ui, pos2, vec2};
use egui_plot::{PlotBounds, PlotGeometry, PlotItem, PlotItemBase, PlotTransform};

use super::theme;
use crate::timeline::Scene;
use crate::timeline::paint::{PaintStyle, PlotArea, paint};
use crate::timeline::primitives::{Anchor, Color, Palette, Point, Shape, Stroke, Text};

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
    fn shapes(&self, ui: &Ui, transform: &PlotTransform, shapes: &mut Vec<egui::Shape>) {
        if self.scene.view.is_none() {
            return;
        }
        let picture = paint(
            &self.scene,
            &plot_area(transform),
            &PaintStyle {
                palette: palette(ui.visuals()),
                label_font_px: f64::from(theme::LABEL_FONT_SIZE),
                failed_quotes: &[],
            },
        );
        // The plot draws its own grid and axes (`picture.axes`) from the scene's lanes and ticks.
        let ctx = ui.ctx();
        shapes.extend(egui_shapes(&picture.lanes, ctx));
        shapes.extend(egui_shapes(&picture.plot, ctx));
        shapes.extend(text_shapes(&picture.texts, ctx));
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

/// The plot's frame on screen and the days and lane units it shows.
pub fn plot_area(transform: &PlotTransform) -> PlotArea {
    let frame = transform.frame();
    let bounds = transform.bounds();
    PlotArea {
        left: f64::from(frame.left()),
        top: f64::from(frame.top()),
        width: f64::from(frame.width()),
        height: f64::from(frame.height()),
        days: (bounds.min()[0], bounds.max()[0]),
        units: (bounds.min()[1], bounds.max()[1]),
    }
}

/// The window's colours, from its visuals.
pub fn palette(visuals: &egui::Visuals) -> Palette {
    let weak = core_color(visuals.weak_text_color());
    Palette {
        background: core_color(visuals.extreme_bg_color),
        text: core_color(visuals.strong_text_color()),
        weak,
        grid: weak,
        stripe: core_color(theme::lane_stripe(visuals.dark_mode)),
    }
}

fn core_color(c: Color32) -> Color {
    let [red, green, blue, alpha] = c.to_srgba_unmultiplied();
    Color {
        rgb: [red, green, blue],
        alpha: f64::from(alpha) / 255.0,
    }
}

pub fn color(c: Color) -> Color32 {
    let [r, g, b] = c.rgb;
    Color32::from_rgba_unmultiplied(r, g, b, (c.alpha.clamp(0.0, 1.0) * 255.0).round() as u8)
}

fn pos((x, y): Point) -> Pos2 {
    pos2(x as f32, y as f32)
}

fn stroke(s: Option<Stroke>) -> egui::Stroke {
    s.map_or(egui::Stroke::NONE, |s| {
        egui::Stroke::new(s.width as f32, color(s.color))
    })
}

/// Primitives as egui shapes, in order; a group's shapes in its place.
pub fn egui_shapes(primitives: &[Shape], ctx: &egui::Context) -> Vec<egui::Shape> {
    let mut out = Vec::new();
    for shape in primitives {
        add(shape, ctx, &mut out);
    }
    out
}

/// Texts with their halos all under all their letters.
pub fn text_shapes(texts: &[Text], ctx: &egui::Context) -> Vec<egui::Shape> {
    let laid: Vec<_> = texts.iter().map(|t| (t, galley(t, ctx))).collect();
    let halos = laid
        .iter()
        .filter_map(|(t, (at, g))| Some(halo(t.halo?, *at, g)));
    let letters = laid
        .iter()
        .map(|(t, (at, g))| egui::Shape::galley(*at, Arc::clone(g), color(t.color)));
    halos.chain(letters).collect()
}

fn add(shape: &Shape, ctx: &egui::Context, out: &mut Vec<egui::Shape>) {
    let fill = |f: &Option<Color>| f.map_or(Color32::TRANSPARENT, color);
    match shape {
        Shape::Rect {
            min,
            max,
            corners,
            fill: inside,
            stroke: outline,
        } => {
            let radius = |px: f64| px.round().clamp(0.0, 255.0) as u8;
            let (left, right) = (radius(corners.left), radius(corners.right));
            let corners = CornerRadius {
                nw: left,
                sw: left,
                ne: right,
                se: right,
            };
            out.push(egui::Shape::Rect(RectShape::new(
                Rect::from_min_max(pos(*min), pos(*max)),
                corners,
                fill(inside),
                stroke(*outline),
                egui::StrokeKind::Middle,
            )));
        }
        Shape::Circle {
            center,
            radius,
            fill: f,
            stroke: s,
        } => out.push(egui::Shape::Circle(CircleShape {
            center: pos(*center),
            radius: *radius as f32,
            fill: fill(f),
            stroke: stroke(*s),
        })),
        Shape::Polygon {
            points,
            fill: f,
            stroke: s,
        } => out.push(egui::Shape::convex_polygon(
            points.iter().copied().map(pos).collect(),
            fill(f),
            stroke(*s),
        )),
        Shape::Line {
            points,
            stroke: s,
            dash,
        } => {
            let points: Vec<Pos2> = points.iter().copied().map(pos).collect();
            let s = stroke(Some(*s));
            match dash {
                Some((on, off)) => {
                    out.extend(egui::Shape::dashed_line(
                        &points,
                        s,
                        *on as f32,
                        *off as f32,
                    ));
                }
                None => out.push(egui::Shape::Path(PathShape::line(
                    points,
                    PathStroke::from(s),
                ))),
            }
        }
        Shape::Fade {
            min,
            max,
            rgb,
            stops,
            ..
        } => {
            let mut mesh = Mesh::default();
            let x = |offset: f64| (min.0 + (max.0 - min.0) * offset) as f32;
            let (top, bottom) = (min.1 as f32, max.1 as f32);
            for pair in stops.windows(2) {
                let [(o0, a0), (o1, a1)] = pair else {
                    continue;
                };
                let (c0, c1) = (
                    color(Color {
                        rgb: *rgb,
                        alpha: *a0,
                    }),
                    color(Color {
                        rgb: *rgb,
                        alpha: *a1,
                    }),
                );
                let base = mesh.vertices.len() as u32;
                mesh.colored_vertex(pos2(x(*o0), top), c0);
                mesh.colored_vertex(pos2(x(*o1), top), c1);
                mesh.colored_vertex(pos2(x(*o1), bottom), c1);
                mesh.colored_vertex(pos2(x(*o0), bottom), c0);
                mesh.add_triangle(base, base + 1, base + 2);
                mesh.add_triangle(base, base + 2, base + 3);
            }
            out.push(egui::Shape::mesh(mesh));
        }
        Shape::Text(text) => out.extend(text_shapes(std::slice::from_ref(text), ctx)),
        Shape::Group(_, inner) => {
            for s in inner {
                add(s, ctx, out);
            }
        }
    }
}

/// A text laid out, and where its galley's top left goes: at its anchor, its line's middle on
/// the text's y.
fn galley(text: &Text, ctx: &egui::Context) -> (Pos2, Arc<egui::Galley>) {
    let galley = ctx.fonts_mut(|f| {
        f.layout_no_wrap(
            text.text.clone(),
            FontId::proportional(text.size as f32),
            color(text.color),
        )
    });
    let size = galley.size();
    let (x, y) = (text.at.0 as f32, text.at.1 as f32);
    let left = match text.anchor {
        Anchor::Start => x,
        Anchor::Middle => x - size.x / 2.0,
        Anchor::End => x - size.x,
    };
    (pos2(left, y - size.y / 2.0), galley)
}

/// A box of the halo's colour behind a text, a little wider than its letters.
fn halo(c: Color, at: Pos2, galley: &egui::Galley) -> egui::Shape {
    let rect = Rect::from_min_size(at, galley.size()).expand2(vec2(2.0, 0.0));
    egui::Shape::rect_filled(rect, 2.0, color(c))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::document::Document;
    use crate::export::ExportOptions;
    use crate::export::svg::{export_picture, render_svg_text};
    use crate::timeline::TimeView;
    use crate::timeline::paint::SELECTION_RING_PX;
    use crate::timeline::primitives::Group;
    use crate::timeline::style::MARK_RADIUS_PX;

    type Points = Vec<(f64, f64)>;

    /// What a reader checks a drawing by: each event's symbol centre, the selection ring's centre,
    /// and each arrow's start and head's tip (by its ends' event ids).
    #[derive(Debug, Default)]
    struct Seen {
        marks: BTreeMap<String, (f64, f64)>,
        ring: Option<(f64, f64)>,
        arrows: BTreeMap<(String, String), [(f64, f64); 2]>,
    }

    /// A symbol's centre from its outline: a circle's or a square's middle, a diamond's top and
    /// left corners, a triangle's apex 1.2 r above it.
    fn symbol_centre(points: &[(f64, f64)]) -> (f64, f64) {
        match points {
            [top, right, _, _] => (top.0, right.1),
            [apex, _, _] => (apex.0, apex.1 + 1.2 * MARK_RADIUS_PX),
            [a, b] => (f64::midpoint(a.0, b.0), f64::midpoint(a.1, b.1)),
            [c] => *c,
            _ => (f64::NAN, f64::NAN),
        }
    }

    /// The window's shapes as outlines: a circle's centre (and whether it is the ring), a
    /// rectangle's corners, a path's points.
    fn egui_outline(shape: &egui::Shape) -> Option<(Points, bool)> {
        let p = |p: &Pos2| (f64::from(p.x), f64::from(p.y));
        match shape {
            egui::Shape::Circle(c) => Some((
                vec![p(&c.center)],
                (f64::from(c.radius) - SELECTION_RING_PX).abs() < 1e-3,
            )),
            egui::Shape::Rect(r) => Some((vec![p(&r.rect.min), p(&r.rect.max)], false)),
            egui::Shape::Path(path) => Some((path.points.iter().map(p).collect(), false)),
            egui::Shape::LineSegment { points, .. } => {
                Some((points.iter().map(p).collect(), false))
            }
            _ => None,
        }
    }

    fn seen_on_screen(picture: &crate::timeline::paint::Picture, doc: &Document) -> Seen {
        let ctx = egui::Context::default();
        let id = |e: usize| doc.dataset.events[e].id.clone();
        let mut seen = Seen::default();
        for shape in &picture.plot {
            // Marks and arrows have no text, so no fonts are needed to lay them out.
            let Shape::Group(group @ (Group::Mark { .. } | Group::Arrow { .. }), _) = shape else {
                continue;
            };
            let outlines: Vec<(Points, bool)> = egui_shapes(std::slice::from_ref(shape), &ctx)
                .iter()
                .filter_map(egui_outline)
                .collect();
            match *group {
                Group::Mark { event } => {
                    if let Some((ring, _)) = outlines.iter().find(|(_, ring)| *ring) {
                        seen.ring = Some(ring[0]);
                    }
                    if let Some((symbol, _)) = outlines.iter().rev().find(|(_, ring)| !ring) {
                        seen.marks.insert(id(event), symbol_centre(symbol));
                    }
                }
                Group::Arrow {
                    from_event,
                    to_event,
                    ..
                } => {
                    // The line (one path, or a dash after another), then the head's triangle.
                    let start = outlines[0].0[0];
                    let head = outlines.iter().rev().find(|(p, _)| p.len() == 3).unwrap();
                    seen.arrows
                        .insert((id(from_event), id(to_event)), [start, head.0[0]]);
                }
                _ => {}
            }
        }
        seen
    }

    fn seen_in_svg(svg: &str) -> Seen {
        let doc = roxmltree::Document::parse(svg).unwrap();
        let num =
            |n: roxmltree::Node<'_, '_>, a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
        let pairs = |text: &str| -> Points {
            text.split([' ', 'M', 'L'])
                .filter_map(|p| {
                    let (x, y) = p.split_once(',')?;
                    Some((x.parse().ok()?, y.parse().ok()?))
                })
                .collect()
        };
        let outline = |n: roxmltree::Node<'_, '_>| -> Option<(Points, bool)> {
            match n.tag_name().name() {
                "circle" => Some((
                    vec![(num(n, "cx"), num(n, "cy"))],
                    (num(n, "r") - SELECTION_RING_PX).abs() < 1e-3,
                )),
                "rect" => {
                    let (x, y) = (num(n, "x"), num(n, "y"));
                    Some((
                        vec![(x, y), (x + num(n, "width"), y + num(n, "height"))],
                        false,
                    ))
                }
                "polygon" => Some((pairs(n.attribute("points")?), false)),
                "path" => Some((pairs(n.attribute("d")?), false)),
                _ => None,
            }
        };
        let mut seen = Seen::default();
        for g in doc.descendants().filter(|n| n.has_tag_name("g")) {
            let outlines: Vec<(Points, bool)> = g.children().filter_map(outline).collect();
            match (g.attribute("data-event-id"), g.attribute("class")) {
                (Some(id), None) => {
                    if let Some((ring, _)) = outlines.iter().find(|(_, ring)| *ring) {
                        seen.ring = Some(ring[0]);
                    }
                    if let Some((symbol, _)) = outlines.iter().rev().find(|(_, ring)| !ring) {
                        seen.marks.insert(id.to_owned(), symbol_centre(symbol));
                    }
                }
                (None, Some("arrow")) => {
                    let ends = (
                        g.attribute("data-from").unwrap().to_owned(),
                        g.attribute("data-to").unwrap().to_owned(),
                    );
                    seen.arrows
                        .insert(ends, [outlines[0].0[0], outlines[1].0[0]]);
                }
                _ => {}
            }
        }
        seen
    }

    fn near(a: (f64, f64), b: (f64, f64)) -> bool {
        (a.0 - b.0).hypot(a.1 - b.1) <= 1.0
    }

    /// The window and an export draw one list of primitives, so an event with relations, selected,
    /// has its marks, arrows and selection ring in the same places in both, and where the scene
    /// puts them.
    #[test]
    fn the_window_and_the_svg_put_marks_arrows_and_the_ring_in_the_same_places() {
        let doc = Document::from_outcome(crate::load::load_embedded()).unwrap();
        let selected = doc.dataset.event_index("ryabkov-rejects-odni-report-2021");
        let options = ExportOptions {
            width_px: 1920,
            height_px: 1080,
            view: TimeView::fit(doc.limits),
            selected,
            ..ExportOptions::default()
        };
        let picture = export_picture(&doc.dataset, &doc.index, &options);
        let screen = seen_on_screen(&picture, &doc);
        let svg = seen_in_svg(&render_svg_text(&doc.dataset, &doc.index, &options));

        let scene = crate::export::svg::export_scene(&doc.dataset, &doc.index, &options);
        let plot = crate::export::svg::slide_text(&doc.dataset, &doc.index, &options).plot;
        let area = PlotArea::new(
            plot.0,
            plot.1,
            plot.2,
            plot.3,
            scene.view.unwrap(),
            scene.lanes.len(),
        );
        assert!(screen.marks.len() > 30, "{}", screen.marks.len());
        assert_eq!(
            screen.marks.keys().collect::<Vec<_>>(),
            svg.marks.keys().collect::<Vec<_>>()
        );
        for (id, at) in &screen.marks {
            let e = doc.dataset.event_index(id).unwrap();
            let mark = scene.mark_of(e).unwrap();
            let placed = area.point((mark.x_days, mark.y));
            assert!(
                near(*at, svg.marks[id]),
                "{id}: screen {at:?}, svg {:?}",
                svg.marks[id]
            );
            assert!(near(*at, placed), "{id}: screen {at:?}, scene {placed:?}");
        }
        let selected_at = screen.marks["ryabkov-rejects-odni-report-2021"];
        let (ring_screen, ring_svg) = (screen.ring.unwrap(), svg.ring.unwrap());
        assert!(near(ring_screen, ring_svg) && near(ring_screen, selected_at));

        assert!(screen.arrows.len() >= 2, "{:?}", screen.arrows);
        assert_eq!(
            screen.arrows.keys().collect::<Vec<_>>(),
            svg.arrows.keys().collect::<Vec<_>>()
        );
        for (ends, [start, tip]) in &screen.arrows {
            let [svg_start, svg_tip] = svg.arrows[ends];
            assert!(
                near(*start, svg_start),
                "{ends:?}: start {start:?} vs {svg_start:?}"
            );
            assert!(near(*tip, svg_tip), "{ends:?}: tip {tip:?} vs {svg_tip:?}");
            // The head points at its target's mark, beside it.
            let target = screen.marks[&ends.1];
            let gap = (tip.0 - target.0).hypot(tip.1 - target.1);
            assert!(
                gap < crate::timeline::arrow::END_GAP_PX,
                "{ends:?}: tip {gap} px away"
            );
        }
    }
}
