//! The source window: the text a quote comes from, with the quote highlighted and scrolled into
//! view, or, for a ✘, the nearest passage with what differs marked. A passage selected here is
//! cited in a new event or in the selected one (buttons, the context menu, or Ctrl+E).
//!
//! A long source is shown a passage at a time (see [`crate::model::passage`]): egui lays out and
//! hashes the whole text every frame, and a 62 MB source froze the window for over 20 s.

use std::ops::Range;

use egui::text::CCursor;
use egui::{Align, Context, RichText};

use super::command::{BINDINGS, Command, Scope};
use super::source_marks::{MarkColours, Marks};
use super::theme;
use crate::document::Document;
use crate::model::Id;
use crate::model::count::thousands;
use crate::model::passage::{PASSAGE_BYTES, Passage};
use crate::model::visible_text::MAX_SHOWN_TEXT_CHARS;
use crate::model::visible_text::shown;

/// The most characters of a source's title or outlet the window shows: a title is a line, and a
/// file may hold an 8 MB one.
const SHOWN_TITLE_CHARS: usize = 200;

/// Which source is shown, and for which citation; a new one replaces it.
pub struct SourceView {
    /// Resolved on the first frame when opened for a citation.
    source: Option<Id>,
    /// The citation (event, citation) it was opened for, if any.
    pub citation: Option<(usize, usize)>,
    /// What of the source is on screen; made on the first frame, when the text is at hand.
    page: Option<Page>,
    /// What to bring into view on the next frame, only once so the user can then scroll away: the
    /// quote when the window opens, the old edge of the page when the reader pages.
    scroll: Option<Scroll>,
    /// The quote, or the passage nearest a ✘ quote and what differs.
    marks: Marks,
    /// How a ✘ quote differs from its nearest passage, in words.
    differences: Vec<String>,
    /// Bytes of the source text the user selected.
    selection: Option<Range<usize>>,
    /// "Replace text…": the new text being pasted. Every quote of the source is checked against
    /// it once replaced, and those that broke are named (Ctrl+Z undoes).
    replacing: Option<String>,
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
    /// The source of citation `citation` of event `event`, at its quote (or, for a ✘, at the
    /// nearest passage).
    pub fn new(event: usize, citation: usize) -> Self {
        Self {
            source: None,
            citation: Some((event, citation)),
            page: None,
            scroll: None,
            marks: Marks::default(),
            differences: Vec::new(),
            selection: None,
            replacing: None,
        }
    }

    /// A source's text with nothing marked, to select passages in it.
    pub fn of_source(source: Id) -> Self {
        Self {
            source: Some(source),
            citation: None,
            ..Self::new(0, 0)
        }
    }

    /// The passage selected: the source's id and bytes of its text.
    pub fn selection(&self) -> Option<(Id, Range<usize>)> {
        Some((self.source.clone()?, self.selection.clone()?))
    }

    /// Works out what to mark on the first frame.
    fn open(&mut self, doc: &Document, text: &str) {
        let mut around = None;
        if let Some((event, citation)) = self.citation {
            let found = doc.quote(event, citation);
            if let Some(range) = found.range() {
                self.marks = Marks {
                    passage: Some(range.clone()),
                    ..Marks::default()
                };
                around = Some(range);
            } else if let Some((nearest, _)) =
                crate::edit::nearest_for_citation(&doc.dataset, event, citation)
            {
                let exact = doc
                    .dataset
                    .events
                    .get(event)
                    .and_then(|e| e.citations.get(citation))
                    .map(|c| c.quote.exact.as_str())
                    .unwrap_or_default();
                self.differences = super::source_marks::describe(&nearest, exact, text);
                self.marks = super::source_marks::of_nearest(&nearest);
                around = Some(nearest.range);
            }
        }
        let home = Passage::around(text, around.clone(), PASSAGE_BYTES);
        self.page = Some(Page::new(text, home, home));
        self.scroll = around.map(|range| Scroll {
            range,
            align: Align::Center,
        });
    }

    /// Shows the window; returns false once the user closed it.
    pub fn ui(
        &mut self,
        ctx: &Context,
        doc: &Document,
        selected: Option<usize>,
        commands: &mut Vec<Command>,
    ) -> bool {
        if self.source.is_none() {
            self.source = self.citation.and_then(|(event, citation)| {
                let cited = doc.dataset.events.get(event)?.citations.get(citation)?;
                Some(cited.source.clone())
            });
        }
        let Some(source) = self.source.as_ref().and_then(|id| doc.dataset.source(id)) else {
            return false;
        };
        let text = source.text.as_deref().unwrap_or_default();
        if self.page.is_none() {
            self.open(doc, text);
        }
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
            other_sources_ui(ui, doc, source, commands);
            heading_ui(ui, source);
            if self.replace_ui(ui, source, text, commands) {
                return;
            }
            ui.separator();
            if self.marks.nearest {
                self.nearest_ui(ui, commands);
            }
            self.text_ui(ui, text, commands);
            self.cite_ui(ui, text, selected, commands);
        });
        open
    }

    /// The source's text is fixed while it is cited (an edit would move every anchor); "Replace
    /// text…" swaps it whole and re-checks every quote. True while the new text is being given.
    fn replace_ui(
        &mut self,
        ui: &mut egui::Ui,
        source: &crate::model::Source,
        text: &str,
        commands: &mut Vec<Command>,
    ) -> bool {
        let Some(new_text) = &mut self.replacing else {
            if ui
                .small_button("Replace text…")
                .on_hover_text("Paste a new version of the text; every quote is checked against it")
                .clicked()
            {
                self.replacing = Some(text.to_owned());
            }
            return false;
        };
        let label = ui
            .label("The new text (quotes citing this source are checked against it):")
            .id;
        egui::ScrollArea::vertical()
            .max_height(ui.available_height() - 40.0)
            .show(ui, |ui| {
                ui.add(
                    egui::TextEdit::multiline(new_text)
                        .desired_width(f32::INFINITY)
                        .desired_rows(16),
                )
                .labelled_by(label);
            });
        let (replace, cancel) = ui
            .horizontal(|ui| {
                (
                    ui.button("Replace and check the quotes").clicked(),
                    ui.button("Cancel").clicked(),
                )
            })
            .inner;
        if replace {
            commands.push(Command::Edit {
                edit: crate::edit::Edit::replace_source_text(source.id.as_str(), new_text.clone()),
                group: None,
            });
        }
        if replace || cancel {
            self.replacing = None;
            // The page and marks are made again from the text as it is now.
            self.page = None;
        }
        true
    }

    /// A ✘ quote: the nearest passage is marked, what differs is said, and one click takes the
    /// source's words.
    fn nearest_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let dark = ui.visuals().dark_mode;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(
                RichText::new("✘ Not found as quoted. The nearest passage is marked:")
                    .color(theme::not_found(dark))
                    .strong(),
            );
            for difference in &self.differences {
                ui.label(format!("• {difference}"));
            }
            if let Some((event, citation)) = self.citation
                && ui
                    .button("Use the source's words")
                    .on_hover_text(
                        "Replace the quote with the marked passage, as the source has it",
                    )
                    .clicked()
            {
                commands.push(Command::UseSourceWords { event, citation });
            }
        });
    }

    /// The passage, selectable, with its marks; paging for a long source.
    fn text_ui(&mut self, ui: &mut egui::Ui, text: &str, commands: &mut Vec<Command>) {
        let Some(page) = &mut self.page else {
            return;
        };
        let quote = self.marks.passage.clone();
        if !page.passage.is_whole(text)
            && let Some(scroll) = paging_ui(ui, page, text, quote.as_ref())
        {
            self.scroll = Some(scroll);
            self.selection = None;
        }
        let passage = page.passage;
        let body_text = passage.text(text);
        let dark = ui.visuals().dark_mode;
        let colours = MarkColours {
            text: ui.visuals().text_color(),
            strong: ui.visuals().strong_text_color(),
            quote: theme::quote_highlight(dark),
            nearest: theme::nearest_highlight(dark),
            difference: theme::difference_highlight(dark),
        };
        let marks = &self.marks;
        let mut layouter = |ui: &egui::Ui, buffer: &dyn egui::TextBuffer, wrap_width: f32| {
            let mut job = super::source_marks::layout(buffer.as_str(), passage, marks, &colours);
            job.wrap.max_width = wrap_width;
            ui.painter().layout_job(job)
        };
        let scroll = self.scroll.take();
        let output = egui::ScrollArea::vertical()
            // Each source, and each page of it, opens at its own top (or its quote), not where
            // the last one was left.
            .id_salt(("source text scroll", &self.source, passage.range().start))
            .auto_shrink([false, false])
            .max_height(ui.available_height() - 40.0)
            .show(ui, |ui| {
                let mut read_only: &str = body_text;
                let output = egui::TextEdit::multiline(&mut read_only)
                    .id(egui::Id::unique("source_text"))
                    .desired_width(f32::INFINITY)
                    .frame(egui::Frame::NONE)
                    .layouter(&mut layouter)
                    .show(ui);
                if let Some(scroll) = scroll {
                    let char_at = |offset: usize| {
                        let local = passage.local_offset(offset);
                        CCursor::new(body_text.get(..local).unwrap_or_default().chars().count())
                    };
                    let first = output.galley.pos_from_cursor(char_at(scroll.range.start));
                    let last = output.galley.pos_from_cursor(char_at(scroll.range.end));
                    let rect = first.union(last).translate(output.galley_pos.to_vec2());
                    ui.scroll_to_rect(rect, Some(scroll.align));
                }
                output
            })
            .inner;
        if let Some(range) = output.cursor_range {
            let chars = range.as_sorted_char_range();
            self.selection = (!range.is_empty())
                .then(|| {
                    let start = byte_of_char(body_text, chars.start.0)?;
                    let end = byte_of_char(body_text, chars.end.0)?;
                    let offset = passage.range().start;
                    Some(offset + start..offset + end)
                })
                .flatten();
        }
        let response = &output.response.response;
        if response.has_focus() {
            source_text_keys(ui.ctx(), commands);
        }
        response.context_menu(|ui| {
            let has_selection = self.selection.is_some();
            for new_event in [true, false] {
                let command = Command::CiteSelection { new_event };
                if let Some(binding) = command.binding()
                    && ui
                        .add_enabled(has_selection, egui::Button::new(binding.label))
                        .clicked()
                {
                    commands.push(command);
                }
            }
        });
    }

    /// Cite the selection: in a new event, in the selected one, or as this citation's new words.
    fn cite_ui(
        &self,
        ui: &mut egui::Ui,
        text: &str,
        selected: Option<usize>,
        commands: &mut Vec<Command>,
    ) {
        let selection = self.selection.clone();
        ui.horizontal_wrapped(|ui| {
            let has = selection.is_some();
            match &selection {
                Some(range) => {
                    let chars = text.get(range.clone()).map_or(0, |t| t.chars().count());
                    ui.weak(format!("Selected {} characters:", thousands(chars)))
                }
                None => ui.weak("Select a passage to cite it:"),
            };
            for (new_event, enabled) in [(true, has), (false, has && selected.is_some())] {
                let command = Command::CiteSelection { new_event };
                let Some(binding) = command.binding() else {
                    continue;
                };
                let mut tip = binding.tooltip.to_owned();
                if let Some(keys) = &binding.keys {
                    tip = format!("{tip} ({})", super::command::shortcut_text(ui.ctx(), keys));
                }
                if ui
                    .add_enabled(enabled, egui::Button::new(binding.label))
                    .on_hover_text(tip)
                    .clicked()
                {
                    commands.push(command);
                }
            }
            if let (Some((event, citation)), Some(range)) = (self.citation, selection)
                && ui
                    .button("Re-anchor this citation here")
                    .on_hover_text("The citation quotes the selected passage instead")
                    .clicked()
            {
                commands.push(Command::ReAnchorSelection {
                    event,
                    citation,
                    range,
                });
            }
        });
    }
}

/// Another source of the dataset, to read and cite from, without going back to the overview.
fn other_sources_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    source: &crate::model::Source,
    commands: &mut Vec<Command>,
) {
    let sources = &doc.dataset.sources;
    if sources.len() < 2 {
        return;
    }
    ui.horizontal(|ui| {
        let label = ui.label("Source").id;
        egui::ComboBox::from_id_salt("source window's source")
            .selected_text(shown(&source.title, SHOWN_TITLE_CHARS))
            .width(ui.available_width() - 8.0)
            .show_ui(ui, |ui| {
                // A list to switch between, not a catalogue: the first hundred with a text.
                for other in sources.iter().filter(|s| s.text.is_some()).take(100) {
                    let this = other.id == source.id;
                    if ui
                        .selectable_label(this, shown(&other.title, SHOWN_TITLE_CHARS))
                        .clicked()
                        && !this
                    {
                        commands.push(Command::ShowSourceText(other.id.as_str().into()));
                    }
                }
            })
            .response
            .labelled_by(label);
    });
}

/// The source's outlet, date, note and link.
fn heading_ui(ui: &mut egui::Ui, source: &crate::model::Source) {
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
}

/// The keys of the source text ([`Scope::SourceText`]): the text has the keyboard while a passage
/// is selected, so the window-wide keys do not see them.
fn source_text_keys(ctx: &Context, commands: &mut Vec<Command>) {
    let mut bindings: Vec<_> = BINDINGS
        .iter()
        .filter(|b| b.scope == Scope::SourceText)
        .collect();
    // Ctrl+Shift+E before Ctrl+E, which would also match it.
    bindings.sort_by_key(|b| std::cmp::Reverse(b.keys.map_or(0, |k| u8::from(k.modifiers.shift))));
    ctx.input_mut(|input| {
        for binding in bindings {
            if let Some(keys) = binding.keys
                && input.consume_shortcut(&keys)
            {
                commands.push(binding.command.clone());
            }
        }
    });
}

/// The byte offset of character `n` of `text` (its end for `n` = the character count).
fn byte_of_char(text: &str, n: usize) -> Option<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .nth(n)
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
