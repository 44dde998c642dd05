//! How each kind of event and relation looks, shared by the screen and the exporter.
//!
//! Colours are mid-lightness so they read on both the light and the dark theme.

use crate::model::{EventKind, RelationKind};

pub use crate::model::color::{Rgb, parse_hex_color};

/// The outline of a mark; each kind has its own, so marks differ by more than colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkShape {
    Circle,
    Square,
    Diamond,
    Triangle,
    Ring,
}

pub fn kind_color(kind: EventKind) -> Rgb {
    match kind {
        EventKind::Election => [0x4C, 0x78, 0xA8],
        EventKind::Report => [0x2E, 0x9E, 0x6A],
        EventKind::Legal => [0x9D, 0x6B, 0xC9],
        EventKind::Statement => [0xE4, 0x57, 0x56],
        EventKind::Context => [0x8C, 0x8C, 0x8C],
    }
}

pub fn kind_shape(kind: EventKind) -> MarkShape {
    match kind {
        EventKind::Election => MarkShape::Square,
        EventKind::Report => MarkShape::Diamond,
        EventKind::Legal => MarkShape::Triangle,
        EventKind::Statement => MarkShape::Circle,
        EventKind::Context => MarkShape::Ring,
    }
}

/// Lane colours for datasets that give none.
pub const LANE_PALETTE: [Rgb; 6] = [
    [0x4C, 0x78, 0xA8],
    [0x54, 0xA2, 0x4B],
    [0xE4, 0x57, 0x56],
    [0x8C, 0x8C, 0x8C],
    [0xF5, 0x85, 0x18],
    [0xB2, 0x79, 0xA2],
];

/// The colour of the `i`th lane that names none: the palette, round and round.
pub fn lane_palette_color(i: usize) -> Rgb {
    LANE_PALETTE
        .get(i % LANE_PALETTE.len())
        .copied()
        .unwrap_or_default()
}

/// How a relation arrow is drawn: its colour and whether it is dashed.
pub fn relation_style(kind: RelationKind) -> (Rgb, bool) {
    match kind {
        RelationKind::Denies => ([0xD6, 0x3A, 0x3A], false),
        RelationKind::Contradicts => ([0xE0, 0x7B, 0x1A], false),
        RelationKind::RespondsTo => ([0x4C, 0x78, 0xA8], true),
        RelationKind::Cites => ([0x2E, 0x9E, 0x6A], true),
        RelationKind::Follows => ([0x8C, 0x8C, 0x8C], true),
        RelationKind::Concerns => ([0xB0, 0x86, 0x1E], true),
    }
}

/// Mark radius in pixels at normal size.
pub const MARK_RADIUS_PX: f64 = 6.0;
/// How far a still-going span fades out past its last attestation, in pixels: long enough to read
/// as "goes on", short enough not to suggest an end date. At most the 40 px the layout reaches left
/// of the view, so a fade whose span ends just out of view is still drawn.
pub const OPEN_END_FADE_PX: f64 = 40.0;
/// Half the height of a month or year band, in pixels.
pub const BAND_HALF_HEIGHT_PX: f64 = 7.0;

/// WCAG 2 contrast ratio of two opaque sRGB colours, from 1 (same) to 21 (black on white). Body
/// text needs 4.5, so the theme's colours are checked against it in tests rather than by eye.
pub fn contrast_ratio(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    let (light, dark) = if la >= lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

/// WCAG 2 relative luminance: sRGB channels linearised, weighted by the eye's sensitivity.
fn relative_luminance(c: Rgb) -> f64 {
    let linear = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.040_45 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(c[0]) + 0.7152 * linear(c[1]) + 0.0722 * linear(c[2])
}

#[cfg(test)]
mod contrast_tests {
    use super::*;

    #[test]
    fn contrast_ratio_matches_wcag_reference_values() {
        assert!((contrast_ratio([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio([255, 255, 255], [0, 0, 0]) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio([119, 119, 119], [119, 119, 119]) - 1.0).abs() < 1e-9);
        // #767676 on white is the classic "just passes AA" grey: 4.54.
        let grey = contrast_ratio([0x76, 0x76, 0x76], [255, 255, 255]);
        assert!((grey - 4.54).abs() < 0.01, "{grey}");
        let lighter = contrast_ratio([0x77, 0x77, 0x77], [255, 255, 255]);
        assert!(lighter < 4.5, "#777 on white fails: {lighter}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lane_colour_is_read_only_as_six_hex_digits() {
        assert_eq!(parse_hex_color("#1f77B4"), Some([0x1f, 0x77, 0xb4]));
        for bad in ["1f77b4", "#1f77b", "#1f77b4a", "#gg0000", "#ééé", ""] {
            assert_eq!(parse_hex_color(bad), None, "{bad}");
        }
    }
}
