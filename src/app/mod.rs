//! The egui shell: thin views over the core. Each panel is its own file, and talks to the others
//! only through the selection and [`command::Command`]s.

mod claimline_app;
pub mod command;
pub mod crash_report;
mod detail_panel;
mod drop_overlay;
pub mod event_table;
pub mod export_dialog;
mod findings_window;
mod help;
mod image_capture;
mod loading;
mod menu;
mod presentation;
pub mod remembered;
mod search_bar;
mod source_view;
mod status_bar;
pub mod theme;
mod timeline_paint;
pub mod timeline_view;

use std::path::PathBuf;

pub use claimline_app::ClaimlineApp;

/// Opens the main window on `file` (or the embedded dataset) and runs until it is closed.
pub fn run(file: Option<PathBuf>) -> eframe::Result {
    crash_report::install();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Claimline")
            .with_app_id("claimline")
            .with_inner_size([1440.0, 880.0])
            .with_min_inner_size([720.0, 420.0]),
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        "Claimline",
        options,
        Box::new(move |cc| Ok(Box::new(ClaimlineApp::new(cc, file)))),
    )
}
