//! The egui shell: thin views over the core. Each panel is its own file, and talks to the others
//! only through the selection and [`command::Command`]s.

mod add_source;
mod apply;
mod apply_record;
mod autosave;
mod claimline_app;
pub mod command;
pub mod crash_report;
mod detail_panel;
mod drop_overlay;
mod editing;
mod event_editor;
mod event_lists_editor;
pub mod event_table;
pub mod export_dialog;
mod file_browser;
mod file_chooser;
mod find;
mod findings_window;
mod form_fields;
mod help;
mod image_capture;
pub mod job;
mod keyboard;
mod lanes_and_actors;
pub mod leaving;
mod loading;
mod menu;
pub mod native_dialog;
mod presentation;
mod record_windows;
mod recovery;
mod relation_pick;
pub mod remembered;
pub mod renderer;
mod saving;
mod search_bar;
pub mod search_job;
pub mod settings_file;
mod source_marks;
mod source_view;
mod status_bar;
pub mod theme;
mod timeline_paint;
pub mod timeline_view;
pub mod what_marks_mean;
mod window_events;

use std::cell::Cell;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::rc::Rc;

pub use claimline_app::ClaimlineApp;
use renderer::{Failure, Renderer};

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
#[expect(
    clippy::needless_pass_by_value,
    reason = "the signature cli.rs calls; each renderer's attempt takes its own clone"
)]
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
    // Each renderer of the fallback gets its own attempt: eframe reuses its event loop between
    // runs (`run_and_return`), and a renderer that cannot start returns before the app is made.
    let requested = std::env::var("CLAIMLINE_RENDERER").ok();
    let attempts = renderer::attempts(requested.as_deref());
    let mut failed: Vec<Renderer> = Vec::new();
    let opened = renderer::open_with_fallback(&attempts, |choice| {
        let started = Rc::new(Cell::new(false));
        let app_started = Rc::clone(&started);
        let failed_before = failed.clone();
        let file = file.clone();
        let settings_notice = settings_notice.clone();
        let result = eframe::run_native(
            "Claimline",
            native_options(viewport.clone(), choice),
            Box::new(move |cc| {
                app_started.set(true);
                renderer::set_in_use(renderer_line(choice, cc, &failed_before));
                let mut app = ClaimlineApp::new(cc, file);
                if let Some(notice) = settings_notice {
                    app.notice = Some(match app.notice.take() {
                        Some(other) => format!("{notice}. {other}"),
                        None => notice,
                    });
                }
                Ok(Box::new(app))
            }),
        );
        match result {
            Ok(()) => Ok(()),
            Err(error) if started.get() => Err(Failure::AfterStart(error)),
            Err(error) => {
                eprintln!(
                    "claimline: the {} renderer could not start: {error}",
                    choice.description()
                );
                failed.push(choice);
                Err(Failure::CouldNotStart(error))
            }
        }
    });
    match opened {
        Ok(_) => Ok(()),
        // Every failure was printed as it happened; the last one is the answer.
        Err(mut failures) => failures.pop().map_or(Ok(()), |(_, error)| Err(error)),
    }
}

/// The window's options for one renderer of the fallback.
fn native_options(viewport: egui::ViewportBuilder, choice: Renderer) -> eframe::NativeOptions {
    let mut options = eframe::NativeOptions {
        viewport,
        persist_window: true,
        ..Default::default()
    };
    match choice {
        Renderer::WgpuDefault => options.renderer = eframe::Renderer::Wgpu,
        Renderer::WgpuGl => {
            options.renderer = eframe::Renderer::Wgpu;
            let mut setup = eframe::egui_wgpu::WgpuSetupCreateNew::without_display_handle();
            setup.instance_descriptor.backends = eframe::wgpu::Backends::GL;
            options.wgpu_options.wgpu_setup = eframe::egui_wgpu::WgpuSetup::CreateNew(setup);
        }
        Renderer::Glow => options.renderer = eframe::Renderer::Glow,
    }
    options
}

/// Help ▸ About's renderer line: wgpu's backend and adapter when it has them, and the renderers
/// that could not start before this one.
fn renderer_line(
    choice: Renderer,
    cc: &eframe::CreationContext<'_>,
    failed: &[Renderer],
) -> String {
    let mut line = match &cc.wgpu_render_state {
        Some(state) => {
            let info = state.adapter.get_info();
            format!("wgpu on {} ({})", info.backend, info.name)
        }
        None => choice.description().to_owned(),
    };
    if !failed.is_empty() {
        let failed: Vec<&str> = failed
            .iter()
            .map(|renderer| renderer.description())
            .collect();
        let _ = write!(line, ", after {} could not start", failed.join(" and "));
    }
    line
}
