//! File ▸ Add source…: a source from pasted text, or from a `.txt`, `.md` or `.html` file, with a
//! title, an outlet, a date and a web link. The text is kept exactly as given: quotes are checked
//! against it byte for byte. Once added, it opens in the source window, ready to cite.

use egui::{Context, RichText};

use super::command::Command;
use super::theme;
use crate::document::Document;
use crate::edit::{Edit, SourceDraft, SourceText, new_source};
use crate::model::Date;

/// The Add source window and what has been typed in it.
#[derive(Default)]
pub struct AddSource {
    pub open: bool,
    title: String,
    outlet: String,
    published: String,
    url: String,
    text: String,
    /// Why the last try was refused.
    error: Option<String>,
}

impl AddSource {
    /// Fills the window from a file's text (File ▸ Add source… ▸ Read a file).
    pub fn take_file(&mut self, read: SourceText) {
        if self.title.trim().is_empty() {
            self.title = read.title;
        }
        self.text = read.text;
        self.error = None;
        self.open = true;
    }

    pub fn refuse(&mut self, error: String) {
        self.error = Some(error);
        self.open = true;
    }

    pub fn ui(&mut self, ctx: &Context, doc: &Document, commands: &mut Vec<Command>) {
        if !self.open {
            return;
        }
        let mut open = true;
        let dark = ctx.global_style().visuals.dark_mode;
        egui::Window::new("Add source")
            .open(&mut open)
            .default_size([520.0, 560.0])
            .resizable(true)
            .show(ctx, |ui| {
                egui::Grid::new("add_source_fields")
                    .num_columns(2)
                    .spacing([8.0, 6.0])
                    .show(ui, |ui| {
                        for (label, value, hint) in [
                            ("Title", &mut self.title, "e.g. Kremlin denies interference"),
                            ("Outlet", &mut self.outlet, "e.g. Reuters"),
                            ("Published", &mut self.published, "YYYY, YYYY-MM or YYYY-MM-DD"),
                            ("Web link", &mut self.url, "https://…"),
                        ] {
                            let id = ui.label(label).id;
                            ui.add(
                                egui::TextEdit::singleline(value)
                                    .hint_text(hint)
                                    .desired_width(f32::INFINITY),
                            )
                            .labelled_by(id);
                            ui.end_row();
                        }
                    });
                let published = parse_date(&self.published);
                if let Err(error) = &published {
                    ui.label(RichText::new(format!("✘ {error}")).color(theme::not_found(dark)));
                }
                let text_label = ui
                    .horizontal(|ui| {
                    let id = ui.label("Text").id;
                    if ui
                        .button("Read a file…")
                        .on_hover_text("A .txt, .md or .html file; a web page becomes the text a reader sees")
                        .clicked()
                    {
                        commands.push(Command::ChooseSourceFile);
                    }
                    ui.weak("or paste it below (or drop a file on the window)");
                    id
                })
                .inner;
                egui::ScrollArea::vertical()
                    .max_height(300.0)
                    .show(ui, |ui| {
                        ui.add(
                            egui::TextEdit::multiline(&mut self.text)
                                .hint_text("Paste the article's text here")
                                .desired_rows(12)
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(text_label)
                        .on_hover_text("Kept exactly as given: quotes are checked against it");
                    });
                if let Some(error) = &self.error {
                    ui.label(RichText::new(format!("✘ {error}")).color(theme::not_found(dark)));
                }
                ui.horizontal(|ui| {
                    let ready = !self.text.trim().is_empty() && published.is_ok();
                    if ui
                        .add_enabled(ready, egui::Button::new("Add source"))
                        .clicked()
                        && let Ok(published) = published
                    {
                        self.add(doc, published, commands);
                    }
                    if ui.button("Cancel").clicked() {
                        *self = Self::default();
                    }
                });
            });
        if !open {
            *self = Self::default();
        }
    }

    fn add(&mut self, doc: &Document, published: Option<Date>, commands: &mut Vec<Command>) {
        let blank_to_none = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
        let draft = SourceDraft {
            title: if self.title.trim().is_empty() {
                "Untitled source".to_owned()
            } else {
                self.title.clone()
            },
            outlet: blank_to_none(&self.outlet),
            published,
            url: blank_to_none(&self.url),
            text: self.text.clone(),
        };
        match new_source(&doc.dataset, draft) {
            Ok(source) => {
                let id = crate::model::Id::from(source.id.as_str());
                commands.push(Command::Edit {
                    edit: Edit::AddSource {
                        at: None,
                        source: Box::new(source),
                    },
                    group: None,
                });
                commands.push(Command::ShowSourceText(id));
                *self = Self::default();
            }
            Err(error) => self.error = Some(error.to_string()),
        }
    }
}

fn parse_date(text: &str) -> Result<Option<Date>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    Date::parse(text).map(Some).map_err(|e| e.to_string())
}
