//! Naming every mark: labels where they find room, numbered callouts (with a key) where they don't.
//!
//! Runs after the marks have their stack rows. Works in pixels of the surface the layout is for, so
//! "collides" means what a reader would see; the window and the exporter paint the result as is.
//! Greedy and deterministic: the selected event first, then left to right; each mark takes the
//! first free place from a fixed list (after the mark, before it, on a free row above or below with
//! a leader line, then the same with a shorter cut of the title). Collisions are looked up in a grid
//! of pixel columns, so the work grows with the number of visible marks, not the dataset.

use super::layout::{Callout, Mark, MarkLabel, Scene};
use super::style;
use super::text::text_width_px;
use crate::model::Dataset;

/// When marks that found no room for a label get a number and a key entry.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
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
/// Pixels between a mark and its label.
const GAP_PX: f64 = 5.0;
/// Vertical distance between the rows a displaced label can take.
const ROW_STEP_PX: f64 = 18.0;
/// Most rows above or below its mark a displaced label may move (each needs a leader line).
const MAX_DISPLACED_ROWS: usize = 4;
/// The cuts tried for a title, in characters, longest first ("…" included).
const CUTS: [usize; 3] = [34, 22, 14];
/// Above this many visible marks nothing is labelled: the view is for shape, not names.
pub const MAX_NAMED_MARKS: usize = 400;
/// More callouts than this would make a key nobody reads: zoom in instead.
pub const MAX_CALLOUTS: usize = 99;
/// Width of a column of the collision grid, in pixels.
const GRID_COLUMN_PX: f64 = 64.0;

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
    fn x(&self, days: f64) -> f64 {
        (days - self.start_days) / self.days_per_px
    }

    fn days(&self, x: f64) -> f64 {
        self.start_days + x * self.days_per_px
    }

    /// Lane units to pixels, growing downwards (the first lane has the largest units).
    fn y(&self, units: f64) -> f64 {
        -units * self.lane_height_px
    }

    fn units(&self, y: f64) -> f64 {
        -y / self.lane_height_px
    }
}

#[derive(Clone, Copy, Debug)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
}

/// Everything already drawn, bucketed by pixel column.
struct Occupancy {
    rects: Vec<(Rect, Option<usize>)>,
    columns: Vec<Vec<usize>>,
}

impl Occupancy {
    fn new(width_px: f64) -> Self {
        let count = (width_px / GRID_COLUMN_PX).ceil().max(1.0) as usize + 2;
        Self {
            rects: Vec::new(),
            columns: vec![Vec::new(); count],
        }
    }

    fn columns_of(&self, r: &Rect) -> std::ops::RangeInclusive<usize> {
        let last = self.columns.len().saturating_sub(1);
        let col = |x: f64| ((x / GRID_COLUMN_PX).floor() + 1.0).clamp(0.0, last as f64) as usize;
        col(r.x0)..=col(r.x1)
    }

    fn add(&mut self, r: Rect, owner: Option<usize>) {
        let index = self.rects.len();
        self.rects.push((r, owner));
        for c in self.columns_of(&r) {
            if let Some(column) = self.columns.get_mut(c) {
                column.push(index);
            }
        }
    }

    /// Free of everything but what belongs to `owner` (a label may touch its own bar).
    fn free(&self, r: &Rect, owner: usize) -> bool {
        self.columns_of(r).all(|c| {
            self.columns.get(c).is_none_or(|column| {
                column.iter().all(|&i| {
                    self.rects
                        .get(i)
                        .is_none_or(|(o, who)| *who == Some(owner) || !o.overlaps(r))
                })
            })
        })
    }

    /// A leader line from `a` to `b` crosses nothing but its own mark.
    fn line_free(&self, a: (f64, f64), b: (f64, f64), owner: usize) -> bool {
        (1..8).all(|i| {
            let t = f64::from(i) / 8.0;
            let (x, y) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
            self.free(
                &Rect {
                    x0: x - 0.5,
                    y0: y - 0.5,
                    x1: x + 0.5,
                    y1: y + 0.5,
                },
                owner,
            )
        })
    }
}

/// A mark in pixels, with the room its own drawing takes.
struct Placed<'a> {
    mark: &'a Mark,
    cx: f64,
    cy: f64,
    /// Left and right of the symbol and any band or bar.
    left: f64,
    right: f64,
    /// The vertical room of its lane.
    lane_top: f64,
    lane_bottom: f64,
}

/// Places labels and callouts for the marks already in `scene`.
pub fn place(scene: &mut Scene, dataset: &Dataset, surface: &Surface) {
    scene.labels.clear();
    scene.callouts.clear();
    let width = surface.width_px;
    let r = style::MARK_RADIUS_PX;
    let mut occupied = Occupancy::new(width);
    let mut placed: Vec<Placed<'_>> = Vec::new();
    for mark in &scene.marks {
        let (cx, cy) = (surface.x(mark.x_days), surface.y(mark.y));
        let (mut lo, mut hi) = (cx - r, cx + r);
        for (a, b) in [mark.band, mark.range].into_iter().flatten() {
            lo = lo.min(surface.x(a));
            hi = hi.max(surface.x(b));
        }
        // Symbols, bands and bars are obstacles for every label but their own.
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
        // Only marks a reader can see get a name.
        if hi < 0.0 || lo > width {
            continue;
        }
        placed.push(Placed {
            mark,
            cx,
            cy,
            left: lo,
            right: hi,
            lane_top: surface.y(lane + 0.5),
            lane_bottom: surface.y(lane - 0.5),
        });
    }
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
    let mut unnamed: Vec<&Placed<'_>> = Vec::new();
    let mut labels = Vec::new();
    for p in &placed {
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
                            .is_none_or(|end| occupied.line_free((p.cx, p.cy), end, event))
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
                occupied.add(spot.rect, None);
                labels.push(MarkLabel {
                    event,
                    x_days: surface.days(if spot.before {
                        spot.rect.x1
                    } else {
                        spot.rect.x0
                    }),
                    right_aligned: spot.before,
                    y: surface.units((spot.rect.y0 + spot.rect.y1) / 2.0),
                    text,
                    width_px: w,
                    leader: spot
                        .leader
                        .map(|(x, y)| (surface.days(x), surface.units(y))),
                });
                if surface.mode == CalloutMode::Always {
                    unnamed.push(p);
                }
            }
            None => {
                if surface.mode != CalloutMode::Never {
                    unnamed.push(p);
                }
            }
        }
    }
    scene.labels = labels;
    if unnamed.len() > MAX_CALLOUTS {
        return;
    }
    // Numbered in time order, so the key reads as a chronology.
    unnamed.sort_by(|a, b| {
        a.mark
            .x_days
            .total_cmp(&b.mark.x_days)
            .then(b.mark.y.total_cmp(&a.mark.y))
            .then(a.mark.event.cmp(&b.mark.event))
    });
    let number_font = surface.font_px * CALLOUT_FONT_SCALE;
    for (i, p) in unnamed.into_iter().enumerate() {
        let number = i + 1;
        let w = text_width_px(&number.to_string(), number_font) + 2.0 * CALLOUT_PAD_PX;
        let event = p.mark.event;
        let spots = callout_spots(p, w, height, width);
        let spot = spots
            .iter()
            .find(|spot| {
                occupied.free(&spot.rect, event)
                    && spot
                        .leader
                        .is_none_or(|end| occupied.line_free((p.cx, p.cy), end, event))
            })
            .or_else(|| spots.first())
            .copied();
        let Some(spot) = spot else { continue };
        occupied.add(spot.rect, None);
        let e = dataset.events.get(event);
        scene.callouts.push(Callout {
            event,
            number,
            x_days: surface.days(spot.rect.x0),
            y: surface.units((spot.rect.y0 + spot.rect.y1) / 2.0),
            width_px: w,
            leader: spot
                .leader
                .map(|(x, y)| (surface.days(x), surface.units(y))),
            date: e.map_or_else(String::new, |e| e.date.to_string()),
            title: e.map_or_else(String::new, |e| e.title.clone()),
        });
    }
}

/// A candidate place for a label or number: its box, whether it ends at its anchor (placed before
/// the mark), and where a leader line from the mark meets it.
#[derive(Clone, Copy, Debug)]
struct Spot {
    rect: Rect,
    before: bool,
    leader: Option<(f64, f64)>,
}

/// Places for a label `w` wide, best first. All lie inside the surface and the mark's lane.
fn label_spots(p: &Placed<'_>, w: f64, h: f64, width: f64) -> Vec<Spot> {
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
fn callout_spots(p: &Placed<'_>, w: f64, h: f64, width: f64) -> Vec<Spot> {
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

/// A title as labels try it: whole (up to the longest cut), then shorter cuts ending in "…".
pub fn label_cuts(title: &str) -> Vec<String> {
    let mut cuts: Vec<String> = Vec::new();
    for max in CUTS {
        let text = cut_title(title, max);
        if cuts.last() != Some(&text) {
            cuts.push(text);
        }
    }
    cuts
}

/// `title` cut to at most `max` characters, at a word boundary where one is near, with "…".
pub fn cut_title(title: &str, max: usize) -> String {
    let title = title.trim();
    if title.chars().count() <= max {
        return title.to_owned();
    }
    let cut: String = title.chars().take(max.saturating_sub(1)).collect();
    // Back to the last space when it keeps most of the cut, so words are not split.
    let cut = match cut.rfind(' ') {
        Some(i) if cut[..i].chars().count() * 3 >= max * 2 => cut[..i].to_owned(),
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([' ', ',', ';', ':', '—', '-']))
}
