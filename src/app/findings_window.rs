//! The findings window: what a load found, each with its place, and the choice it leaves the user.

use egui::{Context, RichText};

use super::command::Command;
use super::theme;
use crate::document::Document;
use crate::load::{Report, Severity};

/// Findings of the last load. `pending` holds a dataset that loaded with errors: the user may open
/// it anyway, or keep what is open.
pub struct FindingsWindow {
    pub report: Report,
    pub pending: Option<Document>,
    /// True when the findings belong to the open dataset (clicking one selects its event).
    pub about_open_dataset: bool,
}

/// What the user chose in the window.
pub enum FindingsChoice {
    Keep,
    Close,
    OpenAnyway,
}

impl FindingsWindow {
    pub fn ui(&self, ctx: &Context, doc: &Document, commands: &mut Vec<Command>) -> FindingsChoice {
        let mut choice = FindingsChoice::Keep;
        let mut open = true;
        let failed = !self.about_open_dataset;
        let title = if failed {
            "Could not open the dataset"
        } else {
            "Findings"
        };
        egui::Window::new(title)
            .id(egui::Id::unique("findings"))
            .open(&mut open)
            .default_size([640.0, 360.0])
            .resizable(true)
            .show(ctx, |ui| {
                let dark = ui.visuals().dark_mode;
                ui.label(RichText::new(&self.report.file).monospace());
                ui.label(self.report.summary());
                if failed {
                    ui.label(format!("“{}” is still open.", doc.dataset.title));
                }
                ui.separator();
                egui::ScrollArea::vertical()
                    .max_height(420.0)
                    .auto_shrink([false, true])
                    .show(ui, |ui| {
                        for finding in &self.report.findings {
                            let color = match finding.severity {
                                Severity::Error => theme::not_found(dark),
                                Severity::Warning => theme::warning(dark),
                            };
                            let text = RichText::new(finding.to_string()).color(color).monospace();
                            let event = finding
                                .event
                                .as_deref()
                                .filter(|_| self.about_open_dataset)
                                .and_then(|id| doc.dataset.event_index(id));
                            match event {
                                Some(index) => {
                                    if ui.link(text).on_hover_text("Select this event").clicked() {
                                        commands.push(Command::Focus(index));
                                    }
                                }
                                None => {
                                    ui.label(text);
                                }
                            }
                        }
                    });
                ui.separator();
                ui.horizontal(|ui| {
                    if self.pending.is_some()
                        && ui
                            .button("Open anyway")
                            .on_hover_text("Open it with its errors shown")
                            .clicked()
                    {
                        choice = FindingsChoice::OpenAnyway;
                    }
                    if ui.button("Close").clicked() {
                        choice = FindingsChoice::Close;
                    }
                });
            });
        if open { choice } else { FindingsChoice::Close }
    }
}
