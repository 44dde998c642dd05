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
    unsaved: bool,
    commands: &mut Vec<Command>,
) {
    let dark = ui.visuals().dark_mode;
    if let Some(job) = job {
        // Two frames a second move the bar. No spinner: it repaints every frame, and a window
        // drawn on the CPU (no GPU, a remote desktop, Xvfb) then takes a core from the loader;
        // even at four frames a second such a window slowed a million-event load by a third.
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(500));
        ui.horizontal(|ui| {
            ui.label(job.describe());
            let stage = job.progress.stage();
            ui.add(
                egui::ProgressBar::new(job.progress.overall())
                    .desired_width(220.0)
                    .text(format!(
                        "{} {:.0} %",
                        stage.label(),
                        job.progress.fraction() * 100.0
                    )),
            );
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
        ui.label(crate::model::count::count(
            doc.dataset.events.len(),
            "event",
            "events",
        ));
        ui.separator();
        ui.label(crate::model::count::count(
            doc.dataset.sources.len(),
            "source",
            "sources",
        ));
        ui.separator();
        ui.label("Quotes");
        let verified = crate::model::count::thousands(verified);
        ui.label(RichText::new(format!("✔ {verified} verified")).color(theme::verified(dark)))
            .on_hover_text(super::what_marks_mean::VERIFIED);
        let missing_text = RichText::new(format!(
            "✘ {} not found",
            crate::model::count::thousands(missing)
        ));
        ui.label(if missing > 0 {
            missing_text.color(theme::not_found(dark))
        } else {
            missing_text.weak()
        })
        .on_hover_text(super::what_marks_mean::NOT_FOUND);
        let (errors, warnings) = doc.finding_counts();
        if errors + warnings > 0 {
            ui.separator();
            let text = RichText::new(format!(
                "⚠ {}, {}",
                crate::model::count::count(errors, "error", "errors"),
                crate::model::count::count(warnings, "warning", "warnings")
            ))
            .color(theme::warning(dark));
            if ui.link(text).on_hover_text("Show the findings").clicked() {
                commands.push(Command::ShowFindings);
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.weak(doc.origin.display_name());
            if unsaved {
                ui.label(RichText::new("● Unsaved changes").color(theme::warning(dark)))
                    .on_hover_text("File ▸ Save (Ctrl+S) writes them; Edit ▸ Undo takes them back");
            }
        });
    });
}
