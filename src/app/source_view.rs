//! The source window: the text a quote comes from, with the quote highlighted and scrolled into
//! view. The text is selectable, so a user can copy more context than the quote.
//!
//! A long source is shown a passage at a time (see [`crate::model::passage`]): egui lays out and
//! hashes the whole text every frame, and a 62 MB source froze the window for over 20 s.

use std::ops::Range;

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Align, Context, FontId, RichText};

use super::theme;
use crate::document::Document;
use crate::model::count::thousands;
use crate::model::passage::{PASSAGE_BYTES, Passage};
use crate::model::visible_text::MAX_SHOWN_TEXT_CHARS;
use crate::model::visible_text::shown;

/// The most characters of a source's title or outlet the window shows: a title is a line, and a
/// file may hold an 8 MB one.
const SHOWN_TITLE_CHARS: usize = 200;

/// Which citation's source is shown; a new selection replaces it.
pub struct SourceView {
    pub event: usize,
    pub citation: usize,
    /// What of the source is on screen; made on the first frame, when the text is at hand.
    page: Option<Page>,
    /// What to bring into view on the next frame, only once so the user can then scroll away: the
    /// quote when the window opens, the old edge of the page when the reader pages.
    scroll: Option<Scroll>,
}

/// The passage on screen and what the window says about it.
struct Page {
    passage: Passage,
    /// The passage around the quote, where the window opened: "Back to the quote" returns here.
    home: Passage,
    /// "A long source: showing characters … of …", counted when the page changes rather than every
    /// frame: counting the characters of a 62 MB text takes milliseconds.
    caption: String,
}

/// A part of the source's text (bytes of the whole text) to scroll to, and where to put it.
struct Scroll {
    range: Range<usize>,
    align: Align,
}

impl SourceView {
    pub fn new(event: usize, citation: usize) -> Self {
        Self {
            event,
            citation,
            page: None,
            scroll: None,
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
        let quote = doc.quote(self.event, self.citation).range();
        if self.page.is_none() {
            let home = Passage::around(text, quote.clone(), PASSAGE_BYTES);
            self.page = Some(Page::new(text, home, home));
            // Opening: the quote, if it was found.
            self.scroll = quote.clone().map(|range| Scroll {
                range,
                align: Align::Center,
            });
        }
        let Some(page) = &mut self.page else {
            return false;
        };
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
                if !heading.is_empty() {
                    heading.push_str(" · ");
                }
                heading.push_str(&published.to_string());
            }
            if !heading.is_empty() {
                ui.label(RichText::new(heading).strong());
            }
            if let Some(note) = &source.note {
                ui.weak(shown(note, MAX_SHOWN_TEXT_CHARS));
            }
            if let Some(url) = source.url.as_deref().filter(|u| !u.is_empty()) {
                super::detail_panel::url_ui(ui, url);
            }
            ui.separator();
            if !page.passage.is_whole(text)
                && let Some(scroll) = paging_ui(ui, page, text, quote.as_ref())
            {
                self.scroll = Some(scroll);
            }
            let passage = page.passage;
            let body_text = passage.text(text);
            let marked_range = quote.as_ref().and_then(|q| passage.local(q));
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
                let parts = marked_range.clone().and_then(|r| {
                    Some((
                        body.get(..r.start)?,
                        body.get(r.clone())?,
                        body.get(r.end..)?,
                    ))
                });
                match parts {
                    Some((before, quoted, after)) => {
                        job.append(before, 0.0, plain.clone());
                        job.append(quoted, 0.0, marked);
                        job.append(after, 0.0, plain);
                    }
                    None => job.append(body, 0.0, plain),
                }
                job.wrap.max_width = wrap_width;
                ui.painter().layout_job(job)
            };
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    let mut read_only: &str = body_text;
                    let output = egui::TextEdit::multiline(&mut read_only)
                        .desired_width(f32::INFINITY)
                        .frame(egui::Frame::NONE)
                        .layouter(&mut layouter)
                        .show(ui);
                    if let Some(scroll) = self.scroll.take() {
                        let char_at = |offset: usize| {
                            let local = passage.local_offset(offset);
                            CCursor::new(body_text.get(..local).unwrap_or_default().chars().count())
                        };
                        let first = output.galley.pos_from_cursor(char_at(scroll.range.start));
                        let last = output.galley.pos_from_cursor(char_at(scroll.range.end));
                        let rect = first.union(last).translate(output.galley_pos.to_vec2());
                        ui.scroll_to_rect(rect, Some(scroll.align));
                    }
                });
        });
        open
    }
}

impl Page {
    fn new(text: &str, passage: Passage, home: Passage) -> Self {
        let range = passage.range();
        let before = text.get(..range.start).unwrap_or_default().chars().count();
        let shown = passage.text(text).chars().count();
        let after = text.get(range.end..).unwrap_or_default().chars().count();
        let caption = format!(
            "A long source: showing characters {}–{} of {}",
            thousands(before + 1),
            thousands(before + shown),
            thousands(before + shown + after)
        );
        Self {
            passage,
            home,
            caption,
        }
    }
}

/// Where a long source's passage lies, and buttons to page through it and back to the quote.
/// Returns where to scroll when the page changed, so the reader keeps their place.
fn paging_ui(
    ui: &mut egui::Ui,
    page: &mut Page,
    text: &str,
    quote: Option<&Range<usize>>,
) -> Option<Scroll> {
    ui.weak(&page.caption);
    let passage = page.passage;
    let mut scroll = None;
    ui.horizontal(|ui| {
        if ui
            .add_enabled(!passage.at_start(), egui::Button::new("▲ Earlier"))
            .clicked()
        {
            *page = Page::new(text, passage.earlier(text, PASSAGE_BYTES), page.home);
            // The old first line at the bottom: the reader goes on upwards from it.
            let start = passage.range().start;
            scroll = Some(Scroll {
                range: start..start,
                align: Align::Max,
            });
        }
        if ui
            .add_enabled(!passage.at_end(text), egui::Button::new("▼ Later"))
            .clicked()
        {
            *page = Page::new(text, passage.later(text, PASSAGE_BYTES), page.home);
            let end = passage.range().end;
            scroll = Some(Scroll {
                range: end..end,
                align: Align::Min,
            });
        }
        if let Some(quote) = quote
            && !passage.contains(quote)
            && passage != page.home
            && ui.button("Back to the quote").clicked()
        {
            *page = Page::new(text, page.home, page.home);
            scroll = Some(Scroll {
                range: quote.clone(),
                align: Align::Center,
            });
        }
    });
    scroll
}
