//! The egui shell: thin views over the core. Each panel is its own file, and talks to the others
//! only through the selection and [`command::Command`]s.

mod claimline_app;
pub mod command;
pub mod crash_report;
mod detail_panel;
mod drop_overlay;
pub mod event_table;
pub mod export_dialog;
mod file_browser;
mod findings_window;
mod help;
mod image_capture;
mod loading;
mod menu;
pub mod native_dialog;
mod presentation;
pub mod remembered;
mod search_bar;
pub mod search_job;
pub mod settings_file;
mod source_view;
mod status_bar;
pub mod theme;
mod timeline_paint;
pub mod timeline_view;

use std::path::PathBuf;

pub use claimline_app::ClaimlineApp;

/// Opens the main window on `file` (or the embedded dataset) and runs until it is closed.
///
/// `file` comes from the command line, which is how Linux (`Exec=claimline %f` in the .desktop
/// entry) and Windows (the installer's `"claimline.exe" "%1"`) pass a file opened from the file
/// manager. macOS does not: Finder's "Open With" launches the bundle with no arguments and sends
/// the file as an Apple event (`application:openURLs:` on the `NSApplicationDelegate`). Neither
/// eframe 0.37 nor winit 0.30 turns that into an event or `RawInput` (`dropped_files` is only for
/// drag and drop; winit's `Event::OpenFiles` proposals, PRs #1759 and #3713, were closed and are
/// not in 0.30), and winit leaves the delegate to the application. What it would take: build the
/// `winit::event_loop::EventLoop` ourselves, install an `objc2` `define_class!` delegate
/// implementing `application:openURLs:` (unsafe Objective-C glue, direct `objc2`/`objc2-app-kit`
/// dependencies) before running eframe on that loop with `eframe::create_native`, and send the
/// paths to the app as `Command::OpenPath`. Not done yet: it cannot be built or tried without a Mac.
pub fn run(file: Option<PathBuf>) -> eframe::Result {
    crash_report::install();
    // The app id names the installed `claimline.desktop`, which is how Wayland compositors find the
    // icon; X11, Windows and macOS take it from the window.
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Claimline")
        .with_app_id("claimline")
        .with_inner_size([1440.0, 880.0])
        .with_min_inner_size([720.0, 420.0]);
    match eframe::icon_data::from_png_bytes(crate::icon::WINDOW_ICON_PNG) {
        Ok(icon) => viewport = viewport.with_icon(icon),
        // A build with a broken icon still opens, with the system's default icon.
        Err(error) => eprintln!("claimline: the window icon does not decode: {error}"),
    }
    // The settings file is read with the care a dataset gets, before eframe reads it.
    let settings_notice = settings_file::path("claimline").and_then(|p| settings_file::prepare(&p));
    let options = eframe::NativeOptions {
        viewport,
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        "Claimline",
        options,
        Box::new(move |cc| {
            let mut app = ClaimlineApp::new(cc, file);
            if let Some(notice) = settings_notice {
                app.notice = Some(match app.notice.take() {
                    Some(other) => format!("{notice}. {other}"),
                    None => notice,
                });
            }
            Ok(Box::new(app))
        }),
    )
}
