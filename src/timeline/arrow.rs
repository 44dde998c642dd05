//! A relation arrow's shape, in pixels (y down): the one curve both painters draw, and where along
//! it the relation's name may sit. Only the scale matters, so screen and export agree.

/// The arc bends to one side of its chord (clockwise of it, on screen) by this share of the chord's length …
const BEND_SHARE: f64 = 0.2;
/// … but by at least and at most these many pixels, so arrows in one lane do not run along it.
const BEND_MIN_PX: f64 = 20.0;
const BEND_MAX_PX: f64 = 90.0;
/// Points along the curve.
const STEPS: usize = 32;
/// The curve stops this short of the target's centre (so its head is seen beside the mark) …
pub const END_GAP_PX: f64 = 12.0;
/// … and of the source's.
pub const START_GAP_PX: f64 = 8.0;
/// Dashes of a dashed relation: drawn, then skipped.
pub const DASH_PX: (f64, f64) = (7.0, 4.0);
/// Width of the arrow's line.
pub const STROKE_PX: f64 = 2.0;
/// The relation's name is set this much smaller than a label.
pub const TAG_FONT_SCALE: f64 = 0.92;
/// Padding around the relation's name, each side.
pub const TAG_PAD_PX: f64 = 2.0;

/// The arc from `from` to `to`, cut short of both marks; empty when the two are one point.
pub fn curve(from: (f64, f64), to: (f64, f64)) -> Vec<(f64, f64)> {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let length = dx.hypot(dy);
    if length < 1.0 {
        return Vec::new();
    }
    let bend = (length * BEND_SHARE).clamp(BEND_MIN_PX, BEND_MAX_PX);
    // The chord's direction turned a quarter turn.
    let (nx, ny) = (dy / length, -dx / length);
    let control = (from.0 + dx * 0.5 - nx * bend, from.1 + dy * 0.5 - ny * bend);
    let near = |p: (f64, f64), q: (f64, f64), gap: f64| (p.0 - q.0).hypot(p.1 - q.1) <= gap;
    (0..=STEPS)
        .map(|i| {
            let t = i as f64 / STEPS as f64;
            let u = 1.0 - t;
            (
                u * u * from.0 + 2.0 * u * t * control.0 + t * t * to.0,
                u * u * from.1 + 2.0 * u * t * control.1 + t * t * to.1,
            )
        })
        .filter(|&p| !near(p, to, END_GAP_PX) && !near(p, from, START_GAP_PX))
        .collect()
}

/// The arrowhead at the end of `curve`: tip, then the two back corners.
pub fn head(curve: &[(f64, f64)]) -> Option<[(f64, f64); 3]> {
    let [.., base, last] = curve else {
        return None;
    };
    let (dx, dy) = (last.0 - base.0, last.1 - base.1);
    let length = dx.hypot(dy).max(f64::EPSILON);
    let (ux, uy) = (dx / length, dy / length);
    let tip = (last.0 + ux * 8.0, last.1 + uy * 8.0);
    let back = (last.0 - ux * 2.0, last.1 - uy * 2.0);
    let (sx, sy) = (-uy * 5.0, ux * 5.0);
    Some([tip, (back.0 + sx, back.1 + sy), (back.0 - sx, back.1 - sy)])
}

/// Where along `curve` the relation's name may sit, best first: the top of the arc, then
/// alternately nearer each end; at each, on the line, then just above and below it (`clear` apart),
/// still touching it.
pub fn tag_spots(curve: &[(f64, f64)], clear: f64) -> impl Iterator<Item = (f64, f64)> + '_ {
    let n = curve.len();
    [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]
        .into_iter()
        .filter_map(move |share: f64| curve.get(((n as f64 - 1.0) * share).round() as usize))
        .flat_map(move |&(x, y)| [(x, y), (x, y - clear), (x, y + clear)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_curve_stops_short_of_both_marks_and_its_head_points_at_the_target() {
        let (from, to) = ((0.0, 100.0), (300.0, 100.0));
        let points = curve(from, to);
        assert!(points.len() > 20);
        let distance = |p: (f64, f64), q: (f64, f64)| (p.0 - q.0).hypot(p.1 - q.1);
        assert!(points.iter().all(|&p| distance(p, to) > END_GAP_PX));
        assert!(points.iter().all(|&p| distance(p, from) > START_GAP_PX));
        // A rightward chord bends down, its middle by half the bend (a fifth of its length).
        let lowest = points.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
        assert!((lowest - (100.0 + 30.0)).abs() < 1.0, "{lowest}");
        let [tip, ..] = head(&points).unwrap();
        assert!(distance(tip, to) < distance(*points.last().unwrap(), to));
        assert!(curve(from, from).is_empty());
    }
}
