//! How wide a line of label text is, from the advances of the font both painters use.
//!
//! The window (egui's default proportional font) and the exporter (resvg with the bundled font)
//! both draw labels in Ubuntu Light, so measuring it here lets the layout reserve exactly the room
//! a label takes, with no egui in the core.

use std::sync::OnceLock;

/// Advance of a character the font lacks, and of everything when the font cannot be read, in em.
const FALLBACK_EM: f64 = 0.6;

struct Metrics {
    face: Option<ttf_parser::Face<'static>>,
    units_per_em: f64,
    /// Advances of the printable ASCII characters, in em (most label text).
    ascii: [f64; 95],
}

fn metrics() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(|| {
        let face = ttf_parser::Face::parse(epaint_default_fonts::UBUNTU_LIGHT, 0).ok();
        let units_per_em = face
            .as_ref()
            .map_or(1000.0, |f| f64::from(f.units_per_em().max(1)));
        let mut ascii = [FALLBACK_EM; 95];
        if let Some(face) = &face {
            for (slot, code) in ascii.iter_mut().zip(32u8..127) {
                *slot = advance(face, char::from(code), units_per_em);
            }
        }
        Metrics {
            face,
            units_per_em,
            ascii,
        }
    })
}

fn advance(face: &ttf_parser::Face<'_>, c: char, units_per_em: f64) -> f64 {
    face.glyph_index(c)
        .and_then(|g| face.glyph_hor_advance(g))
        .map_or(FALLBACK_EM, |a| f64::from(a) / units_per_em)
}

/// Width of `text` set in the label font at `font_px`, in pixels.
pub fn text_width_px(text: &str, font_px: f64) -> f64 {
    let m = metrics();
    let em: f64 = text
        .chars()
        .map(|c| {
            let code = c as usize;
            if (32..127).contains(&code) {
                m.ascii.get(code - 32).copied().unwrap_or(FALLBACK_EM)
            } else {
                m.face
                    .as_ref()
                    .map_or(FALLBACK_EM, |f| advance(f, c, m.units_per_em))
            }
        })
        .sum();
    em * font_px
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_letters_measure_wider_than_narrow_ones() {
        let narrow = text_width_px("iiiiiiiiii", 13.0);
        let wide = text_width_px("MMMMMMMMMM", 13.0);
        assert!(narrow > 10.0 && wide > 2.0 * narrow, "{narrow} {wide}");
        assert!((text_width_px("abc", 26.0) - 2.0 * text_width_px("abc", 13.0)).abs() < 1e-9);
        assert!(text_width_px("Песков …", 13.0) > text_width_px("Песков", 13.0));
    }
}
