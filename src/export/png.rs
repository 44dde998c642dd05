//! SVG to PNG with resvg, using only the fonts bundled in the binary.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use super::ExportError;

/// The bundled fonts: egui's own (Ubuntu Light) and `DejaVu Sans` for symbols and other scripts.
/// No system fonts, so an export looks the same on every machine.
pub(crate) fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    Arc::clone(FONTS.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
        db.load_font_data(crate::FALLBACK_FONT.to_vec());
        db.set_sans_serif_family("Ubuntu");
        Arc::new(db)
    }))
}

/// Rasterises `svg` (of size `width`×`height` CSS pixels) at `scale` into PNG bytes.
pub fn render_png(svg: &str, width: u32, height: u32, scale: f32) -> Result<Vec<u8>, ExportError> {
    super::check_size(width, height, scale)?;
    let bad_size = || ExportError::BadSize {
        width,
        height,
        scale,
    };
    let (pixel_width, pixel_height) = (
        (width as f32 * scale).round(),
        (height as f32 * scale).round(),
    );
    if !(scale.is_finite() && scale > 0.0 && pixel_width >= 1.0 && pixel_height >= 1.0) {
        return Err(bad_size());
    }
    let options = usvg::Options {
        fontdb: fonts(),
        font_family: "Ubuntu".to_owned(),
        ..usvg::Options::default()
    };
    let tree =
        usvg::Tree::from_str(svg, &options).map_err(|e| ExportError::Render(e.to_string()))?;
    let mut pixmap =
        tiny_skia::Pixmap::new(pixel_width as u32, pixel_height as u32).ok_or_else(bad_size)?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| ExportError::Render(e.to_string()))
}
