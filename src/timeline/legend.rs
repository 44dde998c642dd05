//! The legend's entries: each symbol, drawn as the plot draws it, and its words. The window lays
//! them out in a row of widgets, a slide in rows of its own; both draw these.

use super::paint::{NOT_FOUND_MARK, NOT_FOUND_RGB, symbol};
use super::primitives::{
    Anchor, Color, Corners, FadeKind, Palette, Point, Shape, Stroke, Text, TextRole,
};
use super::style;
use crate::model::EventKind;

/// Size of the legend's words.
pub const LEGEND_FONT_PX: f64 = 13.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegendSymbol {
    Kind(EventKind),
    /// A date known to the month or year.
    Band,
    /// A span still going when last attested.
    OpenEnd,
    /// A quote not found in its source.
    NotFound,
}

impl LegendSymbol {
    pub fn text(self) -> &'static str {
        match self {
            Self::Kind(kind) => kind.label(),
            Self::Band => "month or year known, not the day",
            Self::OpenEnd => "still going when last attested",
            Self::NotFound => "quote not found in its source",
        }
    }

    /// From the symbol's left edge to its words.
    pub fn lead_px(self) -> f64 {
        match self {
            Self::Kind(_) | Self::NotFound => 16.0,
            Self::Band => 32.0,
            Self::OpenEnd => 34.0,
        }
    }

    /// The kinds' words are in the text colour, the rest in the weak one.
    pub fn text_color(self, palette: &Palette) -> Color {
        match self {
            Self::Kind(_) => palette.text,
            _ => palette.weak,
        }
    }

    /// The symbol, its left edge at `left` and centred on `middle`.
    pub fn shapes(self, (left, middle): Point, palette: &Palette) -> Vec<Shape> {
        let ink = palette.text;
        match self {
            Self::Kind(kind) => vec![symbol(
                style::kind_shape(kind),
                (left + 6.0, middle),
                5.5,
                Color::opaque(style::kind_color(kind)),
                palette.background,
                false,
            )],
            Self::Band => vec![Shape::Rect {
                min: (left, middle - 5.5),
                max: (left + 26.0, middle + 5.5),
                corners: Corners::same(3.0),
                fill: Some(ink.faded(0.25)),
                stroke: Some(Stroke {
                    width: 1.0,
                    color: ink.faded(0.6),
                }),
            }],
            Self::OpenEnd => vec![Shape::Fade {
                min: (left, middle - 4.0),
                max: (left + 28.0, middle + 4.0),
                rgb: ink.rgb,
                stops: vec![(0.0, 0.6), (0.35, 0.6), (1.0, 0.0)],
                kind: FadeKind::Legend,
            }],
            Self::NotFound => vec![Shape::Text(Text {
                at: (left, middle),
                size: LEGEND_FONT_PX,
                anchor: Anchor::Start,
                color: Color::opaque(NOT_FOUND_RGB),
                text: NOT_FOUND_MARK.to_owned(),
                halo: None,
                role: TextRole::Symbol,
            })],
        }
    }
}
