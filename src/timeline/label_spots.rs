//! Where a label or a callout number may go beside its mark, best first: the candidates the
//! label pass tries in turn ([`super::labels::place`]).

use super::occupancy::Rect;
use super::scene::Mark;
use super::style;

/// Pixels between a mark and its label, and kept free around marks.
pub(super) const GAP_PX: f64 = 5.0;
/// Vertical distance between the rows a displaced label can take.
const ROW_STEP_PX: f64 = 18.0;
/// Most rows above or below its mark a displaced label may move (each needs a leader line).
const MAX_DISPLACED_ROWS: usize = 4;

/// A mark in pixels, with the room its own drawing takes.
pub(super) struct Placed<'a> {
    pub(super) mark: &'a Mark,
    pub(super) cx: f64,
    pub(super) cy: f64,
    /// Left and right of the symbol and any band or bar.
    pub(super) left: f64,
    pub(super) right: f64,
    /// The vertical room of its lane.
    pub(super) lane_top: f64,
    pub(super) lane_bottom: f64,
}

/// A candidate place for a label or number: its box, whether it ends at its anchor (placed before
/// the mark), and where a leader line from the mark meets it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Spot {
    pub(super) rect: Rect,
    pub(super) before: bool,
    pub(super) leader: Option<(f64, f64)>,
}

/// Places for a label `w` wide, best first. All lie inside the surface and the mark's lane.
pub(super) fn label_spots(p: &Placed<'_>, w: f64, h: f64, width: f64) -> Vec<Spot> {
    let r = style::MARK_RADIUS_PX;
    let mut spots = Vec::new();
    let at = |x0: f64, yc: f64, before: bool, leader: Option<(f64, f64)>| Spot {
        rect: Rect {
            x0,
            y0: yc - h / 2.0,
            x1: x0 + w,
            y1: yc + h / 2.0,
        },
        before,
        leader,
    };
    // Beside the mark, on its own row: after it, then before it.
    let after = if p.right - p.left > 2.0 * r + 0.5 {
        p.right + GAP_PX
    } else {
        p.cx + r + GAP_PX
    };
    spots.push(at(after, p.cy, false, None));
    spots.push(at(p.left - GAP_PX - w, p.cy, true, None));
    // Inside a long bar or band whose start is out of view.
    if p.left < 0.0 && p.right > w + 2.0 * GAP_PX {
        spots.push(at(GAP_PX, p.cy, false, None));
    }
    // On a free row above or below, nearest first, joined to the mark by a short leader line.
    for k in 1..=MAX_DISPLACED_ROWS {
        for sign in [-1.0, 1.0] {
            let yc = p.cy + sign * k as f64 * ROW_STEP_PX;
            let x_after = p.cx + 2.0;
            spots.push(at(x_after, yc, false, Some((x_after, yc))));
            let x_before = p.cx - 2.0;
            spots.push(at(x_before - w, yc, true, Some((x_before, yc))));
        }
    }
    spots.retain(|s| {
        s.rect.x0 >= 0.0
            && s.rect.x1 <= width
            && s.rect.y0 >= p.lane_top + 1.0
            && s.rect.y1 <= p.lane_bottom - 1.0
    });
    spots
}

/// Places for a callout number, best first; the first is used when none is free.
pub(super) fn callout_spots(p: &Placed<'_>, w: f64, h: f64, width: f64) -> Vec<Spot> {
    let r = style::MARK_RADIUS_PX;
    let at = |x0: f64, yc: f64, leader: Option<(f64, f64)>| Spot {
        rect: Rect {
            x0: x0.clamp(0.0, (width - w).max(0.0)),
            y0: yc - h / 2.0,
            x1: x0.clamp(0.0, (width - w).max(0.0)) + w,
            y1: yc + h / 2.0,
        },
        before: false,
        leader,
    };
    let cx = p.cx.clamp(0.0, width);
    let near = r + 2.0;
    let mut spots = vec![
        at(cx + near, p.cy, None),
        at(cx - near - w, p.cy, None),
        at(cx - w / 2.0, p.cy - near - h / 2.0, None),
        at(cx - w / 2.0, p.cy + near + h / 2.0, None),
        at(cx + near - 2.0, p.cy - near - h / 2.0 + 2.0, None),
        at(cx - near - w + 2.0, p.cy - near - h / 2.0 + 2.0, None),
        at(cx + near - 2.0, p.cy + near + h / 2.0 - 2.0, None),
        at(cx - near - w + 2.0, p.cy + near + h / 2.0 - 2.0, None),
    ];
    // Further out, in a widening ring of free cells, joined to the mark by a leader line.
    for k in 0..=MAX_DISPLACED_ROWS as i32 {
        for dy in if k == 0 { vec![0] } else { vec![-k, k] } {
            let yc = p.cy + f64::from(dy) * (h + 1.0);
            for j in 0..4 {
                let step = f64::from(j) * (w + 2.0);
                for x0 in [cx + near + step, cx - near - w - step] {
                    if dy.abs() <= 1 && j == 0 {
                        continue; // Already among the close places.
                    }
                    let x0 = x0.clamp(0.0, (width - w).max(0.0));
                    let end = (
                        cx.clamp(x0, x0 + w),
                        yc.clamp(p.cy - h / 2.0, p.cy + h / 2.0)
                            .clamp(yc - h / 2.0, yc + h / 2.0),
                    );
                    spots.push(at(x0, yc, Some(end)));
                }
            }
        }
    }
    let in_lane = |s: &Spot| s.rect.y0 >= p.lane_top + 1.0 && s.rect.y1 <= p.lane_bottom - 1.0;
    // Keep the first as the fallback even when it leaves the lane a little.
    let first = spots.first().copied();
    spots.retain(in_lane);
    if spots.is_empty() {
        spots.extend(first);
    }
    spots
}
