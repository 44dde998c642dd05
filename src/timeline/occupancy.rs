//! What is already drawn on the label pass's surface, bucketed by pixel column, so that asking
//! "is this box free?" costs the marks near it, not all of them.

/// Width of a column of the collision grid, in pixels.
const GRID_COLUMN_PX: f64 = 64.0;

#[derive(Clone, Copy, Debug)]
pub(super) struct Rect {
    pub(super) x0: f64,
    pub(super) y0: f64,
    pub(super) x1: f64,
    pub(super) y1: f64,
}

impl Rect {
    pub(super) fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
}

/// Everything already drawn, bucketed by pixel column.
pub(super) struct Occupancy {
    /// Each box, the event whose drawing it is (`None` for a name), and whether it still stands.
    rects: Vec<(Rect, Option<usize>, bool)>,
    columns: Vec<Vec<usize>>,
}

impl Occupancy {
    pub(super) fn new(width_px: f64) -> Self {
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

    pub(super) fn add(&mut self, r: Rect, owner: Option<usize>) -> usize {
        let index = self.rects.len();
        self.rects.push((r, owner, true));
        for c in self.columns_of(&r) {
            if let Some(column) = self.columns.get_mut(c) {
                column.push(index);
            }
        }
        index
    }

    pub(super) fn remove(&mut self, slot: usize) {
        if let Some(entry) = self.rects.get_mut(slot) {
            entry.2 = false;
        }
    }

    pub(super) fn overlaps_slot(&self, slot: usize, r: &Rect) -> bool {
        self.rects
            .get(slot)
            .is_some_and(|(o, _, alive)| *alive && o.overlaps(r))
    }

    /// Free of everything but what belongs to `owner` (a label may touch its own bar).
    pub(super) fn free(&self, r: &Rect, owner: usize) -> bool {
        self.columns_of(r).all(|c| {
            self.columns.get(c).is_none_or(|column| {
                column.iter().all(|&i| {
                    self.rects.get(i).is_none_or(|(o, who, alive)| {
                        !*alive || *who == Some(owner) || !o.overlaps(r)
                    })
                })
            })
        })
    }

    /// A leader line from `a` to `b` crosses no label or number (it may pass a neighbour's
    /// symbol: in a tight cluster there is no other way out).
    pub(super) fn line_free(&self, from: (f64, f64), to: (f64, f64)) -> bool {
        (1..8).all(|step| {
            let t = f64::from(step) / 8.0;
            let (x, y) = (from.0 + (to.0 - from.0) * t, from.1 + (to.1 - from.1) * t);
            let point = Rect {
                x0: x - 0.5,
                y0: y - 0.5,
                x1: x + 0.5,
                y1: y + 0.5,
            };
            self.columns_of(&point).all(|c| {
                self.columns.get(c).is_none_or(|column| {
                    column.iter().all(|&i| {
                        self.rects.get(i).is_none_or(|(o, who, alive)| {
                            !*alive || who.is_some() || !o.overlaps(&point)
                        })
                    })
                })
            })
        })
    }
}
