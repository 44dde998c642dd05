//! What reaches the window from outside: files dropped on it, the open file changing on disk,
//! and a screenshot the window took.

use std::path::PathBuf;
use std::time::Duration;

use super::claimline_app::ClaimlineApp;
use super::command::Command;
use super::image_capture::{CaptureTarget, crop, png_bytes};
use super::loading::Stamp;
use crate::load::Origin;

/// How often a watched file is checked for changes.
const WATCH_INTERVAL: Duration = Duration::from_secs(1);

impl ClaimlineApp {
    /// Files dropped on the window open like File ▸ Open… (the first one, if several).
    pub(super) fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            // A text dropped while Add source is open is the source's text; anything else opens.
            let is_text = path.extension().is_some_and(|e| {
                super::file_chooser::SOURCE_TEXT_EXTENSIONS
                    .iter()
                    .any(|t| e.eq_ignore_ascii_case(t))
            });
            self.commands.push(if self.add_source.open && is_text {
                Command::ReadSourceText(path)
            } else {
                Command::OpenPath(path)
            });
        }
    }

    /// Reloads the open file when "reload when it changes" is on and its time stamp moved.
    pub(super) fn watch(&mut self, ctx: &egui::Context) {
        if !self.remembered.watch || self.job.is_some() {
            return;
        }
        if let Origin::File(path) = &self.doc.origin {
            let now = Stamp::of(path);
            if now.is_some() && now != self.loaded_modified {
                // Remember it now, so a file that fails to load is not retried every second.
                self.loaded_modified = now;
                if self.editing.is_dirty() {
                    // Never drop edits silently: ask.
                    self.confirm_leave = Some(super::command::Leaving::ChangedOnDisk(path.clone()));
                } else {
                    self.commands.push(Command::Reload);
                }
            }
            ctx.request_repaint_after(WATCH_INTERVAL);
        }
    }

    /// Crops a finished window capture to the timeline and copies or saves it.
    pub(super) fn finish_capture(
        &mut self,
        ctx: &egui::Context,
        image: &egui::ColorImage,
        target: CaptureTarget,
    ) {
        let rect = self
            .timeline
            .last_rect
            .unwrap_or_else(|| ctx.content_rect());
        let cropped = crop(image, rect, ctx.pixels_per_point());
        self.notice = Some(match target {
            CaptureTarget::Clipboard => {
                ctx.copy_image(cropped);
                "Copied the timeline image".to_owned()
            }
            CaptureTarget::File(path) => match png_bytes(&cropped).and_then(|bytes| {
                crate::export::write_atomically(&path, &bytes, true).map_err(|e| e.to_string())
            }) {
                Ok(()) => format!("Saved {}", path.display()),
                Err(error) => format!("Could not save the image: {error}"),
            },
        });
    }
}
