//! A lane's colour as the file gives it. The loader checks that it reads; the timeline draws it.

/// An sRGB colour.
pub type Rgb = [u8; 3];

/// Parses a lane's `#RRGGBB` colour into its three channels; `None` for anything else, which the
/// loader reports and the timeline replaces with the lane's default.
pub fn parse_hex_color(text: &str) -> Option<Rgb> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}
