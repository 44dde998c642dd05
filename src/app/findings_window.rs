//! The findings window: what a load found, each with its place, and the choice it leaves the user.
//!
//! A file can have a million findings (one repeated quote, on every event), so findings are shown
//! grouped by kind, and only the rows on screen are laid out: opening the window costs one frame
//! however many there are.

use std::sync::Arc;

use egui::{Context, RichText, TextStyle};

use super::command::Command;
use super::theme;
use crate::document::Document;
use crate::load::{FindingGroup, Report, Severity};
use crate::model::count::thousands;
use crate::model::visible_text::MAX_DRAWN_CHARS;
use crate::model::visible_text::shown;

/// Groups of more findings than this start folded.
const UNFOLDED_UP_TO: usize = 20;

/// Findings of the last load. `pending` holds a dataset that loaded with errors: the user may open
/// it anyway, or keep what is open.
pub struct FindingsWindow {
    pub report: Arc<Report>,
    pub pending: Option<Document>,
    /// True when the findings belong to the open dataset (clicking one selects its event).
    pub about_open_dataset: bool,
    groups: Arc<Vec<FindingGroup>>,
    unfolded: Vec<bool>,
    /// What each visible row shows, rebuilt when a group is folded or unfolded.
    rows: Vec<Row>,
}

/// One line of the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Row {
    /// A group's heading: its count and shared message.
    Group(usize),
    /// A finding, by index into the report.
    Finding(usize),
}

/// What the user chose in the window.
pub enum FindingsChoice {
    Keep,
    Close,
    OpenAnyway,
}

impl FindingsWindow {
    pub fn new(
        report: Arc<Report>,
        groups: Arc<Vec<FindingGroup>>,
        pending: Option<Document>,
        about_open_dataset: bool,
    ) -> Self {
        let unfolded = groups
            .iter()
            .map(|g| g.members.len() <= UNFOLDED_UP_TO)
            .collect();
        let mut window = Self {
            report,
            pending,
            about_open_dataset,
            groups,
            unfolded,
            rows: Vec::new(),
        };
        window.rows = window.layout_rows();
        window
    }

    /// A group of one is just its finding; larger groups have a heading, then their members when
    /// unfolded.
    fn layout_rows(&self) -> Vec<Row> {
        let mut rows = Vec::new();
        for (g, group) in self.groups.iter().enumerate() {
            if let [only] = group.members.as_slice() {
                rows.push(Row::Finding(*only));
                continue;
            }
            rows.push(Row::Group(g));
            if self.unfolded.get(g).copied().unwrap_or(false) {
                rows.extend(group.members.iter().map(|&i| Row::Finding(i)));
            }
        }
        rows
    }

    pub fn ui(
        &mut self,
        ctx: &Context,
        doc: &Document,
        commands: &mut Vec<Command>,
    ) -> FindingsChoice {
        let mut choice = FindingsChoice::Keep;
        let mut open = true;
        let failed = !self.about_open_dataset;
        let title = if failed {
            "Could not open the dataset"
        } else {
            "Findings"
        };
        let mut toggled = None;
        egui::Window::new(title)
            .id(egui::Id::unique("findings"))
            .open(&mut open)
            .default_size([820.0, 420.0])
            .min_width(560.0)
            .resizable(true)
            .show(ctx, |ui| {
                ui.label(RichText::new(shown(&self.report.file, MAX_DRAWN_CHARS)).monospace());
                ui.label(self.report.summary());
                if failed {
                    ui.label(format!(
                        "“{}” is still open.",
                        shown(&doc.dataset.title, MAX_DRAWN_CHARS)
                    ));
                }
                ui.separator();
                let row_height =
                    ui.text_style_height(&TextStyle::Monospace) + ui.spacing().item_spacing.y;
                egui::ScrollArea::both()
                    .max_height(420.0)
                    .auto_shrink([false, true])
                    .show_rows(ui, row_height, self.rows.len(), |ui, range| {
                        // One line per row: show_rows places rows by a fixed height.
                        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
                        for row in self.rows.get(range).unwrap_or_default() {
                            match *row {
                                Row::Group(g) => {
                                    if self.group_ui(ui, g) {
                                        toggled = Some(g);
                                    }
                                }
                                Row::Finding(i) => self.finding_ui(ui, i, commands),
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
        if let Some(g) = toggled
            && let Some(unfolded) = self.unfolded.get_mut(g)
        {
            *unfolded = !*unfolded;
            self.rows = self.layout_rows();
        }
        if open { choice } else { FindingsChoice::Close }
    }

    /// A group's heading; true when it was clicked (to fold or unfold it).
    fn group_ui(&self, ui: &mut egui::Ui, g: usize) -> bool {
        let Some(group) = self.groups.get(g) else {
            return false;
        };
        let dark = ui.visuals().dark_mode;
        let unfolded = self.unfolded.get(g).copied().unwrap_or(false);
        // The first member stands for the group: its words are real, where the shared pattern
        // has its particulars elided.
        let first = group
            .members
            .first()
            .and_then(|&i| self.report.findings.get(i));
        let example = first.map_or_else(
            || group.pattern.clone(),
            |f| format!("{} (first at {}:{})", f.message, f.line, f.column),
        );
        let text = format!(
            "{} {} × {}: {example}",
            if unfolded { "▾" } else { "▸" },
            thousands(group.members.len()),
            group.severity.label(),
        );
        ui.add(
            egui::Label::new(
                RichText::new(shown(&text, MAX_DRAWN_CHARS))
                    .monospace()
                    .strong()
                    .color(severity_color(group.severity, dark)),
            )
            .wrap_mode(egui::TextWrapMode::Extend)
            .sense(egui::Sense::click()),
        )
        .on_hover_text(if unfolded {
            "Fold this group"
        } else {
            "List every finding of this kind"
        })
        .clicked()
    }

    fn finding_ui(&self, ui: &mut egui::Ui, i: usize, commands: &mut Vec<Command>) {
        let Some(finding) = self.report.findings.get(i) else {
            return;
        };
        let dark = ui.visuals().dark_mode;
        let text = RichText::new(shown(&finding.to_string(), MAX_DRAWN_CHARS))
            .color(severity_color(finding.severity, dark))
            .monospace();
        let names_event = self.about_open_dataset && finding.event.is_some();
        if names_event {
            let link = ui
                .add(egui::Link::new(text))
                .on_hover_text("Select this event");
            if link.clicked() {
                commands.push(Command::FocusId(finding.event.clone().unwrap_or_default()));
            }
        } else {
            ui.add(egui::Label::new(text).wrap_mode(egui::TextWrapMode::Extend));
        }
    }
}

fn severity_color(severity: Severity, dark: bool) -> egui::Color32 {
    match severity {
        Severity::Error => theme::not_found(dark),
        Severity::Warning => theme::warning(dark),
    }
}
