//! The visible time range, as a small value with pure pan and zoom that keep it within bounds.

/// The fewest days a view may show across: closer than this, a timeline of dated events says nothing.
pub const MIN_SPAN_DAYS: f64 = 3.0;

/// A window on the time axis, in days since 1970-01-01. f64 keeps minute precision for millions of
/// years either side.
/// One +/− key press or scroll notch zooms by this much.
pub const ZOOM_STEP: f64 = 1.25;

#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TimeView {
    pub start_days: f64,
    pub span_days: f64,
}

/// How far a view may reach: the data plus a margin, and never narrower than [`MIN_SPAN_DAYS`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewLimits {
    pub min_days: f64,
    pub max_days: f64,
}

impl ViewLimits {
    /// The data's extent with a margin of a tenth of its span (at least a month) either side.
    pub fn around(extent: Option<(f64, f64)>) -> Self {
        let (lo, hi) = extent.unwrap_or((0.0, 365.0));
        let margin = ((hi - lo) * 0.1).max(31.0);
        Self {
            min_days: lo - margin,
            max_days: hi + margin,
        }
    }

    pub fn max_span_days(&self) -> f64 {
        self.max_days - self.min_days
    }
}

impl TimeView {
    pub fn new(start_days: f64, end_days: f64) -> Self {
        Self {
            start_days,
            span_days: end_days - start_days,
        }
    }

    pub fn end_days(&self) -> f64 {
        self.start_days + self.span_days
    }

    pub fn center_days(&self) -> f64 {
        self.start_days + 0.5 * self.span_days
    }

    /// The view that shows everything: the data and its margin.
    pub fn fit(limits: ViewLimits) -> Self {
        Self::new(limits.min_days, limits.max_days)
    }

    /// Moves the view by `delta_days`, stopping at the limits.
    #[must_use]
    pub fn pan(self, delta_days: f64, limits: ViewLimits) -> Self {
        Self {
            start_days: self.start_days + delta_days,
            ..self
        }
        .clamped(limits)
    }

    /// Zooms by `factor` (< 1 zooms in) keeping the time at `anchor_days` under the pointer.
    #[must_use]
    pub fn zoom_at(self, anchor_days: f64, factor: f64, limits: ViewLimits) -> Self {
        let span = (self.span_days * factor)
            .clamp(MIN_SPAN_DAYS, limits.max_span_days().max(MIN_SPAN_DAYS));
        let t = if self.span_days > 0.0 {
            (anchor_days - self.start_days) / self.span_days
        } else {
            0.5
        };
        Self {
            start_days: anchor_days - t * span,
            span_days: span,
        }
        .clamped(limits)
    }

    /// The same span centred on `days` (to bring a selected event into view).
    #[must_use]
    pub fn centered_on(self, days: f64, limits: ViewLimits) -> Self {
        Self {
            start_days: days - 0.5 * self.span_days,
            ..self
        }
        .clamped(limits)
    }

    /// True when `days` lies inside the middle 90% of the view.
    pub fn shows(&self, days: f64) -> bool {
        let margin = 0.05 * self.span_days;
        days >= self.start_days + margin && days <= self.end_days() - margin
    }

    /// Keeps the span within [`MIN_SPAN_DAYS`] and the limits, and the window inside the limits.
    #[must_use]
    pub fn clamped(self, limits: ViewLimits) -> Self {
        let max_span = limits.max_span_days().max(MIN_SPAN_DAYS);
        let span = if self.span_days.is_finite() {
            self.span_days.clamp(MIN_SPAN_DAYS, max_span)
        } else {
            max_span
        };
        let start = if self.start_days.is_finite() {
            self.start_days
        } else {
            limits.min_days
        };
        let start = start.clamp(
            limits.min_days,
            (limits.max_days - span).max(limits.min_days),
        );
        Self {
            start_days: start,
            span_days: span,
        }
    }
}

#[cfg(test)]
#[expect(clippy::float_cmp, reason = "the expected values are exact in f64")]
mod tests {
    use super::*;

    const LIMITS: ViewLimits = ViewLimits {
        min_days: 0.0,
        max_days: 1000.0,
    };

    #[test]
    fn zoom_keeps_the_anchor_under_the_pointer() {
        let view = TimeView::new(100.0, 500.0);
        let zoomed = view.zoom_at(200.0, 0.5, LIMITS);
        assert_eq!(zoomed.span_days, 200.0);
        let before = (200.0 - view.start_days) / view.span_days;
        let after = (200.0 - zoomed.start_days) / zoomed.span_days;
        assert!((before - after).abs() < 1e-12);
    }

    #[test]
    fn zoom_is_bounded_both_ways() {
        let view = TimeView::new(100.0, 500.0);
        assert_eq!(view.zoom_at(300.0, 1e-9, LIMITS).span_days, MIN_SPAN_DAYS);
        let out = view.zoom_at(300.0, 1e9, LIMITS);
        assert_eq!((out.start_days, out.span_days), (0.0, 1000.0));
    }

    #[test]
    fn pan_stops_at_the_limits() {
        let view = TimeView::new(100.0, 500.0);
        assert_eq!(view.pan(-1e6, LIMITS).start_days, 0.0);
        assert_eq!(view.pan(1e6, LIMITS).end_days(), 1000.0);
        assert_eq!(view.pan(50.0, LIMITS).start_days, 150.0);
    }

    #[test]
    fn limits_add_a_margin_around_the_data() {
        let limits = ViewLimits::around(Some((0.0, 3000.0)));
        assert_eq!((limits.min_days, limits.max_days), (-300.0, 3300.0));
        let tiny = ViewLimits::around(Some((10.0, 11.0)));
        assert_eq!(tiny.min_days, 10.0 - 31.0);
    }
}
