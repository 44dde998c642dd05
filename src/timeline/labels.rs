//! Naming every mark: labels where they find room, numbered callouts (with a key) where they don't.
//!
//! Runs after the marks have their stack rows. Works in pixels of the surface the layout is for, so
//! "collides" means what a reader would see; the window and the exporter paint the result as is.
//! Greedy and deterministic: the selected event first, then left to right; each mark takes the
//! first free place from a fixed list (after the mark, before it, on a free row above or below with
//! a leader line, then the same with a shorter cut of the title). Collisions are looked up in a grid
//! of pixel columns, so the work grows with the number of visible marks, not the dataset.

use super::label_spots::{GAP_PX, Placed, Spot, callout_spots, label_spots};
use super::occupancy::{Occupancy, Rect};
use super::scene::{Callout, Mark, MarkLabel, Scene};
use super::style;
use super::text::text_width_px;
pub use super::title_cut::{cut_title, label_cuts};
use crate::model::Dataset;

/// When marks that found no room for a label get a number and a key entry.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CalloutMode {
    /// Only marks left without a label: every mark is named, by label or by number.
    #[default]
    Auto,
    /// Every mark, labelled or not: a slide the presenter can talk through by number.
    Always,
    /// None: unlabelled marks stay bare dots (hover or click them in the app).
    Never,
}

impl CalloutMode {
    pub const ALL: [Self; 3] = [Self::Auto, Self::Always, Self::Never];

    pub fn label(self) -> &'static str {
        match self {
            Self::Auto => "Where labels don't fit",
            Self::Always => "Every mark",
            Self::Never => "Never",
        }
    }
}

/// Height of a label's box, in pixels, for a label font of `font_px`.
pub fn label_height_px(font_px: f64) -> f64 {
    (font_px * 1.25).ceil()
}

/// Size of a callout number's text relative to the label font.
pub const CALLOUT_FONT_SCALE: f64 = 0.85;
/// Horizontal padding inside a callout's pill, each side.
const CALLOUT_PAD_PX: f64 = 3.0;
/// The longest a label grows into free room, in characters ("…" included).
pub const LONGEST_LABEL_CHARS: usize = 90;
/// Above this many visible marks nothing is labelled: the view is for shape, not names.
pub const MAX_NAMED_MARKS: usize = 400;
/// More callouts than this would make a key nobody reads: zoom in instead.
pub const MAX_CALLOUTS: usize = 99;

/// What the label pass needs from the layout input.
pub struct Surface {
    pub start_days: f64,
    pub days_per_px: f64,
    pub width_px: f64,
    pub lane_height_px: f64,
    pub font_px: f64,
    pub selected: Option<usize>,
    pub mode: CalloutMode,
}

impl Surface {
    pub(super) fn x(&self, days: f64) -> f64 {
        (days - self.start_days) / self.days_per_px
    }

    pub(super) fn days(&self, x: f64) -> f64 {
        self.start_days + x * self.days_per_px
    }

    /// Lane units to pixels, growing downwards (the first lane has the largest units).
    pub(super) fn y(&self, units: f64) -> f64 {
        -units * self.lane_height_px
    }

    pub(super) fn units(&self, y: f64) -> f64 {
        -y / self.lane_height_px
    }
}

/// Places labels and callouts for the marks already in `scene`.
pub fn place(scene: &mut Scene, dataset: &Dataset, surface: &Surface) {
    scene.labels.clear();
    scene.callouts.clear();
    let width = surface.width_px;
    let mut occupied = Occupancy::new(width);
    let placed = mark_obstacles(&scene.marks, surface, &mut occupied);
    let mut placed: Vec<Placed<'_>> = placed
        .into_iter()
        .filter(|p| p.right >= 0.0 && p.left <= width)
        .collect();
    if placed.len() > MAX_NAMED_MARKS {
        return;
    }
    // The selected event first (its label is always drawn), then left to right, top to bottom.
    placed.sort_by(|a, b| {
        let sel = |p: &Placed<'_>| surface.selected != Some(p.mark.event);
        sel(a)
            .cmp(&sel(b))
            .then(a.cx.total_cmp(&b.cx))
            .then(a.cy.total_cmp(&b.cy))
            .then(a.mark.event.cmp(&b.mark.event))
    });

    let height = label_height_px(surface.font_px);
    // Index into `placed` of marks still to be numbered, and labels with their place in `occupied`.
    let mut unnamed: Vec<usize> = Vec::new();
    let mut labels: Vec<(MarkLabel, usize)> = Vec::new();
    for (i, p) in placed.iter().enumerate() {
        let event = p.mark.event;
        let title = dataset.events.get(event).map_or("", |e| e.title.as_str());
        let found = label_cuts(title).into_iter().find_map(|text| {
            let w = text_width_px(&text, surface.font_px);
            label_spots(p, w, height, width)
                .into_iter()
                .find(|spot| {
                    occupied.free(&spot.rect, event)
                        && spot
                            .leader
                            .is_none_or(|end| occupied.line_free((p.cx, p.cy), end))
                })
                .map(|spot| (text, w, spot))
        });
        let found = found.or_else(|| {
            // The selected event is always named in full, even over its neighbours.
            (surface.selected == Some(event)).then(|| {
                let text = label_cuts(title).into_iter().next().unwrap_or_default();
                let w = text_width_px(&text, surface.font_px);
                let x0 = (p.right + GAP_PX).min(width - w).max(0.0);
                let spot = Spot {
                    rect: Rect {
                        x0,
                        y0: p.cy - height / 2.0,
                        x1: x0 + w,
                        y1: p.cy + height / 2.0,
                    },
                    before: false,
                    leader: None,
                };
                (text, w, spot)
            })
        });
        match found {
            Some((text, w, spot)) => {
                let taken = occupied.add(spot.rect, None);
                let label = MarkLabel {
                    event,
                    x_days: surface.days(if spot.before {
                        spot.rect.x1
                    } else {
                        spot.rect.x0
                    }),
                    right_aligned: spot.before,
                    y: surface.units(f64::midpoint(spot.rect.y0, spot.rect.y1)),
                    text,
                    width_px: w,
                    leader: spot
                        .leader
                        .map(|(x, y)| (surface.days(x), surface.units(y))),
                };
                labels.push((label, taken));
                if surface.mode == CalloutMode::Always {
                    unnamed.push(i);
                }
            }
            None => {
                if surface.mode != CalloutMode::Never {
                    unnamed.push(i);
                }
            }
        }
    }
    if unnamed.len() > MAX_CALLOUTS {
        grow_labels(&mut labels, &mut occupied, dataset, surface);
        scene.labels = labels.into_iter().map(|(l, _)| l).collect();
        return;
    }
    // Pills of one width (room for the largest number) read as a set.
    let number_font = surface.font_px * CALLOUT_FONT_SCALE;
    let digits = (unnamed.len() + labels.len()).max(1).to_string().len();
    let w = text_width_px(&"8".repeat(digits), number_font) + 2.0 * CALLOUT_PAD_PX;
    // Numbers nearest their marks; a number with no free place takes the nearest one and the
    // labels there give way (their marks are numbered too), so no two names are drawn over each
    // other. The selected event's label never gives way.
    let mut callouts: Vec<(usize, Spot)> = Vec::new();
    let mut queue: std::collections::VecDeque<usize> = unnamed.into_iter().collect();
    while let Some(i) = queue.pop_front() {
        let Some(p) = placed.get(i) else { continue };
        let event = p.mark.event;
        let spots = callout_spots(p, w, height, width);
        let free = spots.iter().find(|spot| {
            occupied.free(&spot.rect, event)
                && spot
                    .leader
                    .is_none_or(|end| occupied.line_free((p.cx, p.cy), end))
        });
        let spot = if let Some(spot) = free {
            *spot
        } else {
            // The nearest place no other number holds; labels there give way.
            let Some(first) = spots
                .iter()
                .find(|spot| {
                    !callouts
                        .iter()
                        .any(|(_, taken): &(usize, Spot)| taken.rect.overlaps(&spot.rect))
                })
                .or_else(|| spots.first())
                .copied()
            else {
                continue;
            };
            let gives_way = |label: &MarkLabel, taken: usize| {
                label.event != event
                    && surface.selected != Some(label.event)
                    && occupied.overlaps_slot(taken, &first.rect)
            };
            let (moved, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut labels)
                .into_iter()
                .partition(|(label, taken)| gives_way(label, *taken));
            labels = kept;
            for (label, taken) in moved {
                occupied.remove(taken);
                if surface.mode == CalloutMode::Auto
                    && let Some(j) = placed.iter().position(|q| q.mark.event == label.event)
                {
                    queue.push_back(j);
                }
            }
            first
        };
        occupied.add(spot.rect, None);
        callouts.push((i, spot));
    }
    grow_labels(&mut labels, &mut occupied, dataset, surface);
    scene.labels = labels.into_iter().map(|(l, _)| l).collect();
    // Numbered in time order, so the key reads as a chronology.
    callouts.sort_by(|a, b| {
        let (ma, mb) = (
            placed.get(a.0).map(|p| p.mark),
            placed.get(b.0).map(|p| p.mark),
        );
        match (ma, mb) {
            (Some(ma), Some(mb)) => ma
                .x_days
                .total_cmp(&mb.x_days)
                .then(mb.y.total_cmp(&ma.y))
                .then(ma.event.cmp(&mb.event)),
            _ => a.0.cmp(&b.0),
        }
    });
    for (number, (i, spot)) in callouts.into_iter().enumerate() {
        let Some(p) = placed.get(i) else { continue };
        let event = p.mark.event;
        let e = dataset.events.get(event);
        scene.callouts.push(Callout {
            event,
            number: number + 1,
            x_days: surface.days(spot.rect.x0),
            y: surface.units(f64::midpoint(spot.rect.y0, spot.rect.y1)),
            width_px: w,
            leader: spot
                .leader
                .map(|(x, y)| (surface.days(x), surface.units(y))),
            date: e.map_or_else(String::new, |e| e.date.to_string()),
            title: e.map_or_else(String::new, |e| e.title.clone()),
        });
    }
}

/// Adds every mark's symbol, band and bar to `occupied` (each an obstacle for every label but its
/// own), and returns the marks in pixels.
pub(super) fn mark_obstacles<'a>(
    marks: &'a [Mark],
    surface: &Surface,
    occupied: &mut Occupancy,
) -> Vec<Placed<'a>> {
    let width = surface.width_px;
    let r = style::MARK_RADIUS_PX;
    marks
        .iter()
        .map(|mark| {
            let (cx, cy) = (surface.x(mark.x_days), surface.y(mark.y));
            let (mut lo, mut hi) = (cx - r, cx + r);
            for (a, b) in [mark.band, mark.range, mark.open_end].into_iter().flatten() {
                lo = lo.min(surface.x(a));
                hi = hi.max(surface.x(b));
            }
            let symbol = Rect {
                x0: cx - r - 1.0,
                y0: cy - r - 1.0,
                x1: cx + r + 1.0,
                y1: cy + r + 1.0,
            };
            occupied.add(symbol, Some(mark.event));
            let half = if mark.band.is_some() {
                style::BAND_HALF_HEIGHT_PX
            } else {
                4.0
            };
            if hi - lo > 2.0 * r + 0.5 {
                occupied.add(
                    Rect {
                        x0: lo.max(-GAP_PX),
                        y0: cy - half,
                        x1: hi.min(width + GAP_PX),
                        y1: cy + half,
                    },
                    Some(mark.event),
                );
            }
            let lane = mark.y.round();
            Placed {
                mark,
                cx,
                cy,
                left: lo,
                right: hi,
                lane_top: surface.y(lane + 0.5),
                lane_bottom: surface.y(lane - 0.5),
            }
        })
        .collect()
}

/// A label's box in pixels.
pub(super) fn label_rect(label: &MarkLabel, surface: &Surface, height: f64) -> Rect {
    let x = surface.x(label.x_days);
    let x0 = if label.right_aligned {
        x - label.width_px
    } else {
        x
    };
    let yc = surface.y(label.y);
    Rect {
        x0,
        y0: yc - height / 2.0,
        x1: x0 + label.width_px,
        y1: yc + height / 2.0,
    }
}

/// Labels cut shorter than their titles grow into the free room beside them, up to the whole
/// title (or [`LONGEST_LABEL_CHARS`]): a label is cut where the next thing begins, not at a fixed
/// count. Runs after every label and number has its place, so growing one takes no other's.
fn grow_labels(
    labels: &mut [(MarkLabel, usize)],
    occupied: &mut Occupancy,
    dataset: &Dataset,
    surface: &Surface,
) {
    let height = label_height_px(surface.font_px);
    for (label, slot) in labels.iter_mut() {
        let Some(title) = dataset.events.get(label.event).map(|e| e.title.trim()) else {
            continue;
        };
        let whole = title.chars().count().min(LONGEST_LABEL_CHARS);
        let now = label.text.chars().count();
        if label.text == title || now >= whole {
            continue;
        }
        let base = label_rect(label, surface, height);
        occupied.remove(*slot);
        let fits = |text: &str| {
            let w = text_width_px(text, surface.font_px);
            let rect = if label.right_aligned {
                Rect {
                    x0: base.x1 - w,
                    ..base
                }
            } else {
                Rect {
                    x1: base.x0 + w,
                    ..base
                }
            };
            (rect.x0 >= 0.0 && rect.x1 <= surface.width_px && occupied.free(&rect, label.event))
                .then_some((w, rect))
        };
        // Longest cut that fits, by bisection on the character count (a wider box only collides
        // more).
        let (mut lo, mut hi) = (now, whole);
        let mut best: Option<(String, f64, Rect)> = None;
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            let text = cut_title(title, mid);
            if let Some((w, rect)) = fits(&text) {
                best = Some((text, w, rect));
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        match best {
            Some((text, w, rect)) if text.chars().count() > now => {
                label.text = text;
                label.width_px = w;
                *slot = occupied.add(rect, None);
            }
            _ => *slot = occupied.add(base, None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Event, EventKind, Lane};
    use crate::timeline::{LayoutInput, TimeView, TimelineIndex, layout};

    fn event(id: &str, date: &str, title: &str) -> Event {
        crate::model::test_event(id, EventKind::Statement, "a", date, title)
    }

    fn dataset(events: Vec<Event>) -> Dataset {
        Dataset {
            lanes: vec![Lane {
                id: "a".into(),
                label: "A".into(),
                color: None,
            }],
            events: events.into_iter().map(std::sync::Arc::new).collect(),
            ..Dataset::default()
        }
    }

    fn scene(data: &Dataset, lane_height_px: f64, selected: Option<usize>) -> Scene {
        let d = |s: &str| Date::parse(s).unwrap().start_days();
        layout(
            data,
            &TimelineIndex::new(data),
            &LayoutInput {
                view: TimeView::new(d("2020-01-01"), d("2021-01-01")),
                width_px: 1000.0,
                lane_height_px,
                label_font_px: 13.0,
                tick_spacing_px: 80.0,
                selected,
                callouts: CalloutMode::Auto,
                shown: None,
                dimmed: None,
                rows: None,
            },
        )
    }

    /// Boxes of every label and number, in pixels, computed from the scene alone.
    fn boxes(scene: &Scene) -> Vec<(usize, f64, f64, f64, f64)> {
        let h = label_height_px(13.0);
        let labels = scene.labels.iter().map(|l| {
            let (x, y) = scene.to_px(l.x_days, l.y);
            let x0 = if l.right_aligned { x - l.width_px } else { x };
            (l.event, x0, y - h / 2.0, x0 + l.width_px, y + h / 2.0)
        });
        let numbers = scene.callouts.iter().map(|c| {
            let (x, y) = scene.to_px(c.x_days, c.y);
            (c.event, x, y - h / 2.0, x + c.width_px, y + h / 2.0)
        });
        labels.chain(numbers).collect()
    }

    fn assert_no_overlap(scene: &Scene) {
        let boxes = boxes(scene);
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                assert!(
                    !(a.1 < b.3 && b.1 < a.3 && a.2 < b.4 && b.2 < a.4),
                    "{a:?} overlaps {b:?}"
                );
            }
        }
    }

    #[test]
    fn crowded_marks_take_both_sides_then_a_free_row_with_a_leader_line() {
        // Three marks a day apart in a lane with one stack row: after, before, then a row above.
        let data = dataset(vec![
            event("a", "2020-06-01", "First statement"),
            event("b", "2020-06-02", "Second statement"),
            event("c", "2020-06-03", "Third statement"),
        ]);
        let scene = scene(&data, 60.0, None);
        assert_eq!(scene.labels.len(), 3, "{:?}", scene.labels);
        assert!(scene.callouts.is_empty());
        assert!(
            scene.labels.iter().any(|l| l.right_aligned),
            "one is before its mark"
        );
        let moved: Vec<&MarkLabel> = scene.labels.iter().filter(|l| l.leader.is_some()).collect();
        assert_eq!(
            moved.len(),
            1,
            "one moved to another row: {:?}",
            scene.labels
        );
        let mark = scene.mark_of(moved[0].event).unwrap();
        assert!((moved[0].y - mark.y).abs() > 1e-6);
        assert_no_overlap(&scene);
    }

    #[test]
    fn a_title_is_cut_shorter_before_its_label_gives_up() {
        let long = "Peskov says the Kremlin never interfered in any election anywhere";
        let short = cut_title(long, 22);
        // The next mark leaves room for the 22-character cut but not the 34-character one.
        let gap_px = text_width_px(&short, 13.0) + 2.0 * GAP_PX + 2.0 * style::MARK_RADIUS_PX + 4.0;
        let start = Date::parse("2020-01-01").unwrap().start_days();
        let next = crate::model::date::date_from_days(start + 1.0 + gap_px * 366.0 / 1000.0)
            .unwrap()
            .format("%Y-%m-%d")
            .to_string();
        let data = dataset(vec![
            event("a", "2020-01-02", long),
            event("b", &next, "Next"),
        ]);
        // A 40 px lane: one row, no room above or below.
        let scene = scene(&data, 40.0, None);
        let label = scene
            .labels
            .iter()
            .find(|l| l.event == 0)
            .expect("a is labelled");
        assert_eq!(label.text, short);
        assert!(label.text.ends_with('…') && label.text.len() < long.len());
        assert_no_overlap(&scene);
    }

    #[test]
    fn the_selected_events_label_is_always_drawn_in_full() {
        let titles = [
            "A statement with a long enough title",
            "The selected statement, also long",
            "Another statement with a long title",
        ];
        let data = dataset(vec![
            event("a", "2020-06-01", titles[0]),
            event("b", "2020-06-02", titles[1]),
            event("c", "2020-06-03", titles[2]),
        ]);
        let unselected = scene(&data, 40.0, None);
        let selected = scene(&data, 40.0, Some(1));
        let label = selected
            .labels
            .iter()
            .find(|l| l.event == 1)
            .expect("drawn");
        assert_eq!(label.text, titles[1]);
        // Without the selection, not every mark had room for its label.
        assert!(
            unselected.labels.len() < 3 || unselected.labels.iter().any(|l| l.text.ends_with('…'))
        );
    }

    #[test]
    fn marks_without_room_are_numbered_in_time_order_unless_callouts_are_off() {
        let events: Vec<Event> = (0..8)
            .map(|i| {
                event(
                    &format!("e{i}"),
                    &format!("2020-06-0{}", i + 1),
                    "Statement title here",
                )
            })
            .collect();
        let data = dataset(events);
        // A 60 px lane: one stack row, and room for one row of names above and below it.
        let auto = scene(&data, 60.0, None);
        assert!(
            !auto.callouts.is_empty(),
            "eight marks in a week cannot all be labelled"
        );
        let labelled: Vec<usize> = auto.labels.iter().map(|l| l.event).collect();
        let mut named: Vec<usize> = labelled.clone();
        named.extend(auto.callouts.iter().map(|c| c.event));
        named.sort_unstable();
        assert_eq!(
            named,
            (0..8).collect::<Vec<_>>(),
            "every mark is named once"
        );
        let numbers: Vec<usize> = auto.callouts.iter().map(|c| c.number).collect();
        assert_eq!(numbers, (1..=numbers.len()).collect::<Vec<_>>());
        assert!(
            auto.callouts.windows(2).all(|w| w[0].event < w[1].event),
            "time order"
        );
        assert!(
            auto.callouts
                .iter()
                .all(|c| c.date.starts_with(|ch: char| ch.is_ascii_digit()))
        );
        assert_no_overlap(&auto);

        let d = |s: &str| Date::parse(s).unwrap().start_days();
        let mut input = LayoutInput {
            view: TimeView::new(d("2020-01-01"), d("2021-01-01")),
            width_px: 1000.0,
            lane_height_px: 60.0,
            label_font_px: 13.0,
            tick_spacing_px: 80.0,
            selected: None,
            callouts: CalloutMode::Never,
            shown: None,
            dimmed: None,
            rows: None,
        };
        let never = layout(&data, &TimelineIndex::new(&data), &input);
        assert!(never.callouts.is_empty());
        let labelled_never: Vec<usize> = never.labels.iter().map(|l| l.event).collect();
        assert!(
            labelled.iter().all(|e| labelled_never.contains(e)),
            "numbers only take labels' room when they must"
        );
        input.callouts = CalloutMode::Auto;
        let again = layout(&data, &TimelineIndex::new(&data), &input);
        assert_eq!(
            (again.labels, again.callouts),
            (auto.labels.clone(), auto.callouts.clone())
        );
    }

    #[test]
    fn too_many_visible_marks_get_no_names() {
        // Spread out enough to stay single marks (not density), too many to name.
        let events: Vec<Event> = (0..=MAX_NAMED_MARKS)
            .map(|i| {
                let day = crate::model::date::date_from_days(
                    Date::parse("2020-01-01").unwrap().start_days() + (i % 366) as f64,
                )
                .unwrap();
                event(
                    &format!("e{i}"),
                    &day.format("%Y-%m-%d").to_string(),
                    "Title",
                )
            })
            .collect();
        let data = dataset(events);
        let d = |s: &str| Date::parse(s).unwrap().start_days();
        let scene = layout(
            &data,
            &TimelineIndex::new(&data),
            &LayoutInput {
                view: TimeView::new(d("2020-01-01"), d("2021-01-01")),
                width_px: 4000.0,
                lane_height_px: 200.0,
                label_font_px: 13.0,
                tick_spacing_px: 80.0,
                selected: None,
                callouts: CalloutMode::Auto,
                shown: None,
                dimmed: None,
                rows: None,
            },
        );
        assert!(scene.marks.len() > MAX_NAMED_MARKS, "{}", scene.marks.len());
        assert!(scene.labels.is_empty() && scene.callouts.is_empty());
    }
}
