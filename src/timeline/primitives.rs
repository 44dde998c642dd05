//! Plain drawing primitives, in the painter's pixels (y down): what both painters draw.
//! [`super::paint`] turns a [`super::Scene`] into them; the window turns them into egui shapes and
//! the exporter into SVG elements, each adding nothing but its medium's way of drawing them.

use super::style::Rgb;
use crate::model::RelationKind;

pub type Point = (f64, f64);

/// A colour and its opacity (0 to 1, not premultiplied).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Color {
    pub rgb: Rgb,
    pub alpha: f64,
}

impl Color {
    pub const fn opaque(rgb: Rgb) -> Self {
        Self { rgb, alpha: 1.0 }
    }

    /// The same colour at `share` of its opacity.
    #[must_use]
    pub fn faded(self, share: f64) -> Self {
        Self {
            rgb: self.rgb,
            alpha: self.alpha * share,
        }
    }
}

/// A line's width and colour; it runs along the middle of an outline.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stroke {
    pub width: f64,
    pub color: Color,
}

/// Colours of one theme: the window takes them from its visuals, a slide from
/// [`Palette::slide`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    pub background: Color,
    /// Labels, numbers and the selection ring.
    pub text: Color,
    /// Leader lines and tick dates.
    pub weak: Color,
    pub grid: Color,
    /// Every other lane.
    pub stripe: Color,
}

impl Palette {
    /// A slide's colours.
    pub fn slide(dark: bool) -> Self {
        let c = |v: u32| Color::opaque([(v >> 16) as u8, (v >> 8) as u8, v as u8]);
        if dark {
            Self {
                background: c(0x1b_1b_1b),
                text: c(0xe6_e6_e6),
                weak: c(0xa0_a0_a0),
                grid: c(0x3a_3a_3a),
                stripe: c(0x24_24_24),
            }
        } else {
            Self {
                background: c(0xff_ff_ff),
                text: c(0x1a_1a_1a),
                weak: c(0x66_66_66),
                grid: c(0xd9_d9_d9),
                stripe: c(0xf3_f3_f3),
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// What a text is, for painters that name it (an SVG's class).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextRole {
    Label,
    Relation,
    CalloutNumber,
    QuoteNotFound,
    Lane,
    Tick,
    /// A symbol of the legend written as a letter.
    Symbol,
}

/// One line of text.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    /// The anchor's x, and the y its capital letters are centred on.
    pub at: Point,
    pub size: f64,
    pub anchor: Anchor,
    pub color: Color,
    pub text: String,
    /// A halo of this colour behind the letters, so they read over lines and bars (a box on
    /// screen, an outline in an SVG).
    pub halo: Option<Color>,
    pub role: TextRole,
}

/// Rounding of a rectangle's left and right corners.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Corners {
    pub left: f64,
    pub right: f64,
}

impl Corners {
    pub const fn same(r: f64) -> Self {
        Self { left: r, right: r }
    }
}

/// A horizontal fade: a still-going span's end, an uncertain date's bounds, the legend's sample.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FadeKind {
    Bounds,
    OpenEnd,
    Legend,
}

/// What a group of shapes stands for, for painters that say so (an SVG's ids and titles).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Group {
    /// An event's mark: its extents, symbol and selection ring.
    Mark { event: usize },
    /// A crowded bin's stacked bar.
    Density { count: usize },
    /// A relation arrow; `end` is the centre of the mark it points at.
    Arrow {
        kind: RelationKind,
        from_event: usize,
        to_event: usize,
        end: Point,
    },
    /// A numbered mark's pill and number.
    Callout { event: usize, number: usize },
}

#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    Rect {
        min: Point,
        max: Point,
        corners: Corners,
        fill: Option<Color>,
        stroke: Option<Stroke>,
    },
    Circle {
        center: Point,
        radius: f64,
        fill: Option<Color>,
        stroke: Option<Stroke>,
    },
    /// A closed convex polygon.
    Polygon {
        points: Vec<Point>,
        fill: Option<Color>,
        stroke: Option<Stroke>,
    },
    /// An open line through `points`, solid or dashed (drawn, skipped).
    Line {
        points: Vec<Point>,
        stroke: Stroke,
        dash: Option<(f64, f64)>,
    },
    /// A rectangle of one colour whose opacity runs left to right through `stops` (offset from 0
    /// to 1 along it, opacity), the first at 0 and the last at 1.
    Fade {
        min: Point,
        max: Point,
        rgb: Rgb,
        stops: Vec<(f64, f64)>,
        kind: FadeKind,
    },
    Text(Text),
    Group(Group, Vec<Shape>),
}

impl Shape {
    /// This shape and, for a group, every shape inside it, depth first.
    pub fn flatten(&self) -> Vec<&Shape> {
        match self {
            Self::Group(_, inner) => inner.iter().flat_map(Shape::flatten).collect(),
            other => vec![other],
        }
    }
}
