//! Each relation arrow's name, placed like a label: on its arc, where it covers nothing else.

use super::arrow;
use super::labels::{Surface, label_height_px, label_rect, mark_obstacles};
use super::occupancy::{Occupancy, Rect};
use super::scene::Scene;
use super::text::text_width_px;

/// Places each arrow's relation name like a label: on its arc, where it covers no mark, label,
/// number or other name. An arc with no such place gets none (the detail panel lists every
/// relation).
pub fn place_relation_tags(scene: &mut Scene, surface: &Surface) {
    if scene.arrows.is_empty() {
        return;
    }
    let mut occupied = Occupancy::new(surface.width_px);
    let height = label_height_px(surface.font_px);
    mark_obstacles(&scene.marks, surface, &mut occupied);
    for label in &scene.labels {
        occupied.add(label_rect(label, surface, height), None);
    }
    for c in &scene.callouts {
        let (x0, yc) = (surface.x(c.x_days), surface.y(c.y));
        occupied.add(
            Rect {
                x0,
                y0: yc - height / 2.0,
                x1: x0 + c.width_px,
                y1: yc + height / 2.0,
            },
            None,
        );
    }
    let font = surface.font_px * arrow::TAG_FONT_SCALE;
    let tag_height = label_height_px(font);
    for a in &mut scene.arrows {
        let from = (surface.x(a.from.0), surface.y(a.from.1));
        let to = (surface.x(a.to.0), surface.y(a.to.1));
        let w = text_width_px(a.kind.verb(), font) + 2.0 * arrow::TAG_PAD_PX;
        let curve = arrow::curve(from, to);
        let spot = arrow::tag_spots(&curve, tag_height * 0.8).find_map(|(x, y)| {
            let rect = Rect {
                x0: x - w / 2.0,
                y0: y - tag_height / 2.0,
                x1: x + w / 2.0,
                y1: y + tag_height / 2.0,
            };
            // No owner: a name may cover no mark, not even its own ends.
            (rect.x0 >= 0.0 && rect.x1 <= surface.width_px && occupied.free(&rect, usize::MAX))
                .then_some((x, y, rect))
        });
        a.tag = spot.map(|(x, y, rect)| {
            occupied.add(rect, None);
            (surface.days(x), surface.units(y))
        });
    }
}
