//! The source window: the full text a quote comes from, with the quote highlighted and scrolled
//! into view. The text is selectable, so a user can copy more context than the quote.

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Align, Context, FontId, RichText};

use super::theme;
use crate::document::Document;
use crate::load::limits::MAX_SHOWN_TEXT_CHARS;
use crate::model::visible_text::shown;

/// The most characters of a source's title or outlet the window shows: a title is a line, and a
/// file may hold an 8 MB one.
const SHOWN_TITLE_CHARS: usize = 200;

/// Which citation's source is shown; a new selection replaces it.
pub struct SourceView {
    pub event: usize,
    pub citation: usize,
    /// Scroll the quote into view on the next frame (only once, so the user can then scroll away).
    scroll_pending: bool,
}

impl SourceView {
    pub fn new(event: usize, citation: usize) -> Self {
        Self {
            event,
            citation,
            scroll_pending: true,
        }
    }

    /// Shows the window; returns false once the user closed it.
    pub fn ui(&mut self, ctx: &Context, doc: &Document) -> bool {
        let Some(citation) = doc
            .dataset
            .events
            .get(self.event)
            .and_then(|e| e.citations.get(self.citation))
        else {
            return false;
        };
        let Some(source) = doc.dataset.source(&citation.source) else {
            return false;
        };
        let text = source.text.as_deref().unwrap_or_default();
        let range = doc.quote(self.event, self.citation).range();
        let mut open = true;
        egui::Window::new(format!(
            "Source — {}",
            shown(&source.title, SHOWN_TITLE_CHARS)
        ))
        .id(egui::Id::unique("source_view"))
        .open(&mut open)
        .default_size([560.0, 620.0])
        // Beside the detail panel, so the timeline's middle stays visible.
        .pivot(egui::Align2::RIGHT_TOP)
        .default_pos(ctx.content_rect().right_top() + egui::vec2(-440.0, 40.0))
        .resizable(true)
        .show(ctx, |ui| {
            let mut heading = String::new();
            if let Some(outlet) = &source.outlet {
                heading.push_str(&shown(outlet, SHOWN_TITLE_CHARS));
            }
            if let Some(published) = source.published {
                heading.push_str(" · ");
                heading.push_str(&published.to_string());
            }
            ui.label(RichText::new(heading).strong());
            if let Some(note) = &source.note {
                ui.weak(shown(note, MAX_SHOWN_TEXT_CHARS));
            }
            if let Some(url) = source.url.as_deref().filter(|u| !u.is_empty()) {
                super::detail_panel::url_ui(ui, url);
            }
            ui.separator();
            let dark = ui.visuals().dark_mode;
            let text_color = ui.visuals().text_color();
            let highlight = theme::quote_highlight(dark);
            let mut layouter = |ui: &egui::Ui, buffer: &dyn egui::TextBuffer, wrap_width: f32| {
                let body = buffer.as_str();
                let mut job = LayoutJob::default();
                let plain = TextFormat::simple(FontId::proportional(15.0), text_color);
                let marked = TextFormat {
                    background: highlight,
                    color: ui.visuals().strong_text_color(),
                    ..plain.clone()
                };
                match range.clone().filter(|r| body.get(r.clone()).is_some()) {
                    Some(r) => {
                        job.append(&body[..r.start], 0.0, plain.clone());
                        job.append(&body[r.clone()], 0.0, marked);
                        job.append(&body[r.end..], 0.0, plain);
                    }
                    None => job.append(body, 0.0, plain),
                }
                job.wrap.max_width = wrap_width;
                ui.painter().layout_job(job)
            };
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    let mut read_only: &str = text;
                    let output = egui::TextEdit::multiline(&mut read_only)
                        .desired_width(f32::INFINITY)
                        .frame(egui::Frame::NONE)
                        .layouter(&mut layouter)
                        .show(ui);
                    if self.scroll_pending
                        && let Some(r) = &range
                    {
                        let start_char = text[..r.start].chars().count();
                        let end_char = start_char + text[r.clone()].chars().count();
                        let first = output.galley.pos_from_cursor(CCursor::new(start_char));
                        let last = output.galley.pos_from_cursor(CCursor::new(end_char));
                        let rect = first.union(last).translate(output.galley_pos.to_vec2());
                        ui.scroll_to_rect(rect, Some(Align::Center));
                        self.scroll_pending = false;
                    }
                });
        });
        open
    }
}
