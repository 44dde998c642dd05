//! The app icon: one hand-drawn SVG, `assets/icon/claimline.svg`, rendered with the exporter's own
//! resvg path to the PNG sizes the systems ask for and packed into a Windows `.ico`.
//!
//! The rendered files are committed (the packagers and `include_bytes!` need them without running
//! code), so `examples/icon.rs` writes them and `tests/icon.rs` fails when they no longer match the SVG.

use crate::export::ExportError;

/// The icon's source, drawn on a 512 × 512 canvas.
pub const SVG: &str = include_str!("../assets/icon/claimline.svg");

/// The side of the SVG's canvas, in CSS pixels.
pub const CANVAS_PX: u32 = 512;

/// Every size rendered: 16–48 for title bars, task bars and the `.ico`; 128–512 for Linux icon
/// themes, macOS `.icns` and docks.
pub const SIZES_PX: [u32; 6] = [16, 32, 48, 128, 256, 512];

/// The sizes packed into the Windows `.ico` (the format stores at most 256 px).
pub const ICO_SIZES_PX: [u32; 4] = [16, 32, 48, 256];

/// The window's icon (title bar, task bar, Alt+Tab): large enough for a high-density dock, small enough to
/// decode in a blink at start-up.
pub const WINDOW_ICON_PNG: &[u8] = include_bytes!("../assets/icon/256x256.png");

/// The committed file name of the PNG of side `size_px`, as in `assets/icon/256x256.png`.
pub fn png_file_name(size_px: u32) -> String {
    format!("{size_px}x{size_px}.png")
}

/// The committed file name of the Windows icon, beside the PNGs.
pub const ICO_FILE_NAME: &str = "claimline.ico";

/// Renders the icon as a square PNG of side `size_px`, through the same resvg path as exports.
pub fn render_png(size_px: u32) -> Result<Vec<u8>, ExportError> {
    crate::export::render_png(SVG, CANVAS_PX, CANVAS_PX, size_px as f32 / CANVAS_PX as f32)
}

/// Packs PNG images, given with their sides, into one `.ico` file (PNG-compressed entries, read by
/// Windows Vista and later). A side of 256 is written as 0, as the format requires; larger sides
/// cannot be stored and are refused.
pub fn ico(images: &[(u32, &[u8])]) -> Result<Vec<u8>, IcoError> {
    const HEADER_BYTES: usize = 6;
    const ENTRY_BYTES: usize = 16;
    let count = u16::try_from(images.len()).map_err(|_| IcoError::TooMany)?;
    let mut out = Vec::new();
    out.extend_from_slice(&0u16.to_le_bytes()); // reserved
    out.extend_from_slice(&1u16.to_le_bytes()); // 1 = icon
    out.extend_from_slice(&count.to_le_bytes());
    let mut offset = HEADER_BYTES + ENTRY_BYTES * images.len();
    for &(side_px, png) in images {
        let side_byte = match side_px {
            256 => 0,
            side => u8::try_from(side).map_err(|_| IcoError::TooLarge(side))?,
        };
        let len = u32::try_from(png.len()).map_err(|_| IcoError::TooLarge(side_px))?;
        let at = u32::try_from(offset).map_err(|_| IcoError::TooLarge(side_px))?;
        out.extend_from_slice(&[side_byte, side_byte, 0, 0]); // width, height, palette, reserved
        out.extend_from_slice(&1u16.to_le_bytes()); // colour planes
        out.extend_from_slice(&32u16.to_le_bytes()); // bits per pixel
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&at.to_le_bytes());
        offset += png.len();
    }
    for &(_, png) in images {
        out.extend_from_slice(png);
    }
    Ok(out)
}

/// Why an `.ico` could not be packed.
#[derive(Debug, thiserror::Error)]
pub enum IcoError {
    #[error("an .ico holds at most 65535 images")]
    TooMany,
    #[error("an .ico image is at most 256 px and 4 GiB; got a {0} px one")]
    TooLarge(u32),
}
