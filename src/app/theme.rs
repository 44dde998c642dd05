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
        Color32::from_rgb(0x8A, 0x5C, 0x00)
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

/// Behind the passage nearest a ✘ quote: a warmer mark than a found quote's.
pub fn nearest_highlight(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x6a, 0x4a, 0x1c)
    } else {
        Color32::from_rgb(0xff, 0xe0, 0xb0)
    }
}

/// Behind the characters where a ✘ quote and its nearest passage differ.
pub fn difference_highlight(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xa0, 0x30, 0x30)
    } else {
        Color32::from_rgb(0xff, 0x9a, 0x9a)
    }
}

/// The window's visuals for a theme: egui's own, with text colours raised where they fell short of
/// WCAG AA (4.5:1) on the panels, the timeline and its lane stripes (see the tests).
pub fn visuals(dark: bool) -> egui::Visuals {
    let mut visuals = if dark {
        egui::Visuals::dark()
    } else {
        egui::Visuals::light()
    };
    // egui's weak text is the body colour at 60% opacity: about 3.5:1 in the dark theme.
    visuals.weak_text_color = Some(if dark {
        Color32::from_gray(0xA8)
    } else {
        Color32::from_gray(0x60)
    });
    visuals
}

/// `fg` (premultiplied, as egui stores it) painted over an opaque `bg`, as the screen shows it.
pub fn over(fg: Color32, bg: Color32) -> Color32 {
    let keep = 1.0 - f32::from(fg.a()) / 255.0;
    let mix = |f: u8, b: u8| (f32::from(f) + f32::from(b) * keep).round().min(255.0) as u8;
    Color32::from_rgb(
        mix(fg.r(), bg.r()),
        mix(fg.g(), bg.g()),
        mix(fg.b(), bg.b()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::style::contrast_ratio;

    fn ratio(text: Color32, background: Color32) -> f64 {
        let rgb = |c: Color32| [c.r(), c.g(), c.b()];
        contrast_ratio(rgb(over(text, background)), rgb(background))
    }

    #[test]
    fn text_has_at_least_4_5_to_1_contrast_in_both_themes() {
        let mut failures = Vec::new();
        for dark in [false, true] {
            let v = visuals(dark);
            let plot = v.extreme_bg_color;
            let backgrounds = [
                ("panel", v.panel_fill),
                ("window", v.window_fill),
                ("timeline", plot),
                ("lane stripe", over(lane_stripe(dark), plot)),
                ("table stripe", over(v.faint_bg_color, v.panel_fill)),
            ];
            let texts = [
                ("body", v.text_color()),
                ("weak", v.weak_text_color()),
                ("strong", v.strong_text_color()),
                ("verified", verified(dark)),
                ("not found", not_found(dark)),
                ("warning", warning(dark)),
            ];
            for (text_name, text) in texts {
                for (bg_name, bg) in backgrounds {
                    let r = ratio(text, bg);
                    if r < 4.5 {
                        failures.push(format!(
                            "{} theme: {text_name} text on {bg_name}: {r:.2}",
                            if dark { "dark" } else { "light" }
                        ));
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    #[test]
    fn over_blends_premultiplied_colours() {
        assert_eq!(
            over(Color32::from_black_alpha(128), Color32::WHITE),
            Color32::from_gray(127)
        );
        assert_eq!(over(Color32::RED, Color32::BLUE), Color32::RED);
    }
}
