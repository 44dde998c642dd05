//! Quick screenshots of the timeline as the user sees it: "Copy image" and "Save image…".
//!
//! egui's `request_screenshot` captures the whole window; the timeline is cropped out of it. The
//! frame before the capture is drawn without tooltips and windows, so none end up in the picture.

use std::path::PathBuf;
use std::sync::Arc;

use egui::{ColorImage, Rect};

use super::job::{Job, Poll};

/// What to do with a capture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaptureTarget {
    Clipboard,
    File(PathBuf),
}

/// A capture on its way: requested next frame, then waiting for the pixels.
pub struct Capture {
    pub target: CaptureTarget,
    /// Frames to draw clean before asking for the pixels.
    clean_frames: u8,
    pixels: Option<Job<Arc<ColorImage>>>,
}

impl Capture {
    pub fn new(target: CaptureTarget) -> Self {
        Self {
            target,
            clean_frames: 1,
            pixels: None,
        }
    }

    /// Call once per frame after drawing; asks for the screenshot once the frame is clean.
    pub fn request_if_ready(&mut self, ctx: &egui::Context) {
        if self.pixels.is_some() {
            return;
        }
        if self.clean_frames > 0 {
            self.clean_frames -= 1;
            ctx.request_repaint();
            return;
        }
        let (job, answer) = Job::channel(ctx);
        ctx.request_screenshot(move |image| answer.send(image));
        self.pixels = Some(job);
    }

    /// The captured window, once it has arrived.
    pub fn poll(&self) -> Option<Arc<ColorImage>> {
        match self.pixels.as_ref()?.poll() {
            Poll::Done(image) => Some(image),
            Poll::Pending | Poll::Lost => None,
        }
    }
}

/// Cuts `rect` (in points) out of a window capture taken at `pixels_per_point`.
pub fn crop(image: &ColorImage, rect: Rect, pixels_per_point: f32) -> ColorImage {
    let [width, height] = image.size;
    let to_px = |v: f32, max: usize| ((v * pixels_per_point).round().max(0.0) as usize).min(max);
    let (x0, x1) = (to_px(rect.min.x, width), to_px(rect.max.x, width));
    let (y0, y1) = (to_px(rect.min.y, height), to_px(rect.max.y, height));
    let mut pixels = Vec::with_capacity((x1 - x0) * (y1 - y0));
    for y in y0..y1 {
        if let Some(row) = image.pixels.get(y * width + x0..y * width + x1) {
            pixels.extend_from_slice(row);
        }
    }
    ColorImage::new([x1 - x0, y1 - y0], pixels)
}

/// PNG bytes of an opaque capture.
pub fn png_bytes(image: &ColorImage) -> Result<Vec<u8>, String> {
    let [width, height] = image.size;
    let size = resvg::tiny_skia::IntSize::from_wh(width as u32, height as u32)
        .ok_or("the capture is empty")?;
    // A window capture is opaque, so its colours are already "premultiplied".
    let data: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(egui::Color32::to_array)
        .collect();
    let pixmap =
        resvg::tiny_skia::Pixmap::from_vec(data, size).ok_or("the capture has no pixels")?;
    pixmap.encode_png().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::Color32;

    #[test]
    fn crop_takes_the_rect_at_the_pixel_density() {
        let mut image = ColorImage::filled([8, 6], Color32::BLACK);
        image.pixels[3 * 8 + 4] = Color32::RED;
        let cropped = crop(
            &image,
            Rect::from_min_max(egui::pos2(1.0, 1.0), egui::pos2(3.0, 2.5)),
            2.0,
        );
        assert_eq!(cropped.size, [4, 3]);
        // Window pixel (4, 3) is crop pixel (2, 1): the crop starts at window pixel (2, 2).
        assert_eq!(cropped.pixels[4 + 2], Color32::RED);
    }

    #[test]
    fn png_bytes_are_a_png() {
        let image = ColorImage::filled([3, 2], Color32::WHITE);
        assert!(png_bytes(&image).unwrap().starts_with(b"\x89PNG"));
    }
}
