//! Colours and sizes of the window, in one place.

use egui::Color32;

use crate::timeline::style::Rgb;

use crate::FALLBACK_FONT;

/// Adds [`FALLBACK_FONT`] behind egui's fonts in both families.
pub fn install_fonts(ctx: &egui::Context) {
    use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
    let families = [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
        .into_iter()
        .map(|family| InsertFontFamily {
            family,
            priority: FontPriority::Lowest,
        })
        .collect();
    ctx.add_font(FontInsert::new(
        "DejaVuSans",
        egui::FontData::from_static(FALLBACK_FONT),
        families,
    ));
}

/// Size of labels beside marks and of axis text.
pub const LABEL_FONT_SIZE: f32 = 13.0;

pub fn rgb(c: Rgb) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

/// The faint fill of every other lane.
pub fn lane_stripe(dark: bool) -> Color32 {
    if dark {
        Color32::from_white_alpha(8)
    } else {
        Color32::from_black_alpha(10)
    }
}

/// The "✔ verified" badge.
pub fn verified(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x6C, 0xCB, 0x8B)
    } else {
        Color32::from_rgb(0x1E, 0x7B, 0x45)
    }
}

/// The "✘ not found" badge.
pub fn not_found(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xFF, 0x7B, 0x72)
    } else {
        Color32::from_rgb(0xB4, 0x23, 0x18)
    }
}

/// The "⚠ ambiguous" badge and warnings.
pub fn warning(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xE8, 0xB3, 0x39)
    } else {
        Color32::from_rgb(0x9A, 0x67, 0x00)
    }
}

/// Background of the highlighted quote in the source text.
pub fn quote_highlight(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x6B, 0x55, 0x10)
    } else {
        Color32::from_rgb(0xFF, 0xE5, 0x8F)
    }
}
