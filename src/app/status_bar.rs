//! The status bar: what is open, and how many of its quotes were found in their sources.

use egui::{RichText, Ui};

use super::command::Command;
use super::loading::LoadJob;
use super::theme;
use crate::document::Document;

pub fn status_bar_ui(
    ui: &mut Ui,
    doc: &Document,
    job: Option<&LoadJob>,
    notice: Option<&str>,
    commands: &mut Vec<Command>,
) {
    let dark = ui.visuals().dark_mode;
    if let Some(job) = job {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(job.describe());
            ui.weak(format!("{:.0} s", job.started.elapsed().as_secs_f32()));
            if ui.button("Cancel").clicked() {
                commands.push(Command::CancelLoad);
            }
        });
    }
    if let Some(notice) = notice {
        ui.horizontal(|ui| {
            ui.label(RichText::new(notice).color(theme::warning(dark)));
            if ui.small_button("✕").on_hover_text("Dismiss").clicked() {
                commands.push(Command::DismissNotice);
            }
        });
    }
    ui.horizontal(|ui| {
        let (verified, missing) = doc.quote_counts();
        ui.label(format!("{} events", doc.dataset.events.len()));
        ui.separator();
        ui.label(format!("{} sources", doc.dataset.sources.len()));
        ui.separator();
        ui.label("Quotes");
        ui.label(RichText::new(format!("✔ {verified} verified")).color(theme::verified(dark)));
        let missing_text = RichText::new(format!("✘ {missing} not found"));
        ui.label(if missing > 0 {
            missing_text.color(theme::not_found(dark))
        } else {
            missing_text.weak()
        });
        let (errors, warnings) = (doc.report.error_count(), doc.report.warning_count());
        if errors + warnings > 0 {
            ui.separator();
            let text = RichText::new(format!("⚠ {errors} errors, {warnings} warnings"))
                .color(theme::warning(dark));
            if ui.link(text).on_hover_text("Show the findings").clicked() {
                commands.push(Command::ShowFindings);
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.weak(doc.origin.display_name());
        });
    });
}
