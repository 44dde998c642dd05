//! The application: the open document, the selection and the view, and the panels that show them.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};

use egui::{Key, Modifiers};

use super::command::Command;
use super::detail_panel::detail_ui;
use super::findings_window::{FindingsChoice, FindingsWindow};
use super::help::help_ui;
use super::menu::menu_bar_ui;
use super::source_view::SourceView;
use super::status_bar::status_bar_ui;
use super::timeline_view::{TimelineView, ZOOM_STEP};
use crate::document::Document;
use crate::load::{self, Finding, Outcome, Place, ReadError, Report};
use crate::timeline::TimeView;

/// A finished background load: the file, and what loading it gave.
type LoadResult = (PathBuf, Result<Outcome, ReadError>);

pub struct ClaimlineApp {
    pub doc: Document,
    pub selected: Option<usize>,
    /// `None` means "fit all", so a new dataset or a resized window always starts fitted.
    view: Option<TimeView>,
    pub timeline: TimelineView,
    source_view: Option<SourceView>,
    findings: Option<FindingsWindow>,
    help_open: bool,
    dark: bool,
    commands: Vec<Command>,
    loads: (Sender<LoadResult>, Receiver<LoadResult>),
    title_shown: String,
}

impl ClaimlineApp {
    /// Opens on `file`, or on the embedded dataset (also when `file` fails to load, with its findings).
    pub fn new(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>) -> Self {
        super::theme::install_fonts(&cc.egui_ctx);
        let mut app = Self::with_document(Document::embedded());
        app.set_dark_mode(&cc.egui_ctx, false);
        if let Some(path) = file {
            app.open_path_now(&path);
        }
        app
    }

    fn with_document(doc: Document) -> Self {
        Self {
            doc,
            selected: None,
            view: None,
            timeline: TimelineView::default(),
            source_view: None,
            findings: None,
            help_open: false,
            dark: false,
            commands: Vec::new(),
            loads: channel(),
            title_shown: String::new(),
        }
    }

    /// The time range on screen.
    pub fn view(&self) -> TimeView {
        self.view.unwrap_or_else(|| TimeView::fit(self.doc.limits))
    }

    /// Findings shown in the findings window, if it is open.
    pub fn findings_shown(&self) -> Option<&Report> {
        self.findings.as_ref().map(|f| &f.report)
    }

    /// Loads `path` on this thread (start-up and tests); the open dataset stays if it fails.
    pub fn open_path_now(&mut self, path: &Path) {
        let result = load::load_file(path);
        self.accept_load(path, result);
    }

    /// Queues a command as if the user had given it.
    pub fn push_command(&mut self, command: Command) {
        self.commands.push(command);
    }

    fn accept_load(&mut self, path: &Path, result: Result<Outcome, ReadError>) {
        let outcome = match result {
            Ok(outcome) => outcome,
            Err(error) => {
                let mut report = Report::new(path.display().to_string());
                report.findings.push(Finding::error(
                    Place::START,
                    "",
                    format!("cannot read the file: {}", error.error),
                ));
                self.findings = Some(FindingsWindow {
                    report,
                    pending: None,
                    about_open_dataset: false,
                });
                return;
            }
        };
        let has_errors = outcome.report.has_errors();
        match Document::from_outcome(outcome) {
            Ok(doc) if !has_errors => {
                let warnings = doc.report.warning_count() > 0;
                self.replace_document(doc);
                self.findings = warnings.then(|| FindingsWindow {
                    report: self.doc.report.clone(),
                    pending: None,
                    about_open_dataset: true,
                });
            }
            Ok(doc) => {
                self.findings = Some(FindingsWindow {
                    report: doc.report.clone(),
                    pending: Some(doc),
                    about_open_dataset: false,
                });
            }
            Err(report) => {
                self.findings = Some(FindingsWindow {
                    report,
                    pending: None,
                    about_open_dataset: false,
                });
            }
        }
    }

    fn replace_document(&mut self, doc: Document) {
        self.doc = doc;
        self.selected = None;
        self.view = None;
        self.source_view = None;
    }

    fn set_dark_mode(&mut self, ctx: &egui::Context, dark: bool) {
        self.dark = dark;
        ctx.set_theme(if dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
    }

    /// Shortcuts, unless a text field has the keyboard.
    fn keyboard(&mut self, ctx: &egui::Context) {
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        let bindings = [
            (Modifiers::NONE, Key::ArrowRight, Command::SelectNext),
            (Modifiers::NONE, Key::ArrowLeft, Command::SelectPrevious),
            (Modifiers::NONE, Key::Escape, Command::ClearSelection),
            (Modifiers::NONE, Key::F, Command::FitAll),
            (Modifiers::NONE, Key::Plus, Command::Zoom(1.0 / ZOOM_STEP)),
            (Modifiers::NONE, Key::Equals, Command::Zoom(1.0 / ZOOM_STEP)),
            (Modifiers::NONE, Key::Minus, Command::Zoom(ZOOM_STEP)),
            (Modifiers::COMMAND, Key::O, Command::OpenDialog),
            (Modifiers::SHIFT, Key::Questionmark, Command::ShowHelp),
            (Modifiers::NONE, Key::Questionmark, Command::ShowHelp),
        ];
        ctx.input_mut(|input| {
            for (modifiers, key, command) in bindings {
                if input.consume_key(modifiers, key) {
                    self.commands.push(command);
                }
            }
        });
    }

    fn apply(&mut self, ctx: &egui::Context, command: Command) {
        let limits = self.doc.limits;
        match command {
            Command::Select(event) => self.selected = Some(event),
            Command::Focus(event) => self.focus(event),
            Command::ClearSelection => self.selected = None,
            Command::SelectNext => {
                if let Some(event) = self.doc.index.next(self.selected) {
                    self.focus(event);
                }
            }
            Command::SelectPrevious => {
                if let Some(event) = self.doc.index.previous(self.selected) {
                    self.focus(event);
                }
            }
            Command::SetView(view) => self.view = Some(view.clamped(limits)),
            Command::FitAll => self.view = None,
            Command::Zoom(factor) => {
                // About the selected event when it is in view, so + keeps it on screen.
                let view = self.view();
                let anchor = self
                    .selected
                    .and_then(|i| self.doc.dataset.events.get(i))
                    .map(|e| e.date.anchor_days())
                    .filter(|&days| view.shows(days))
                    .unwrap_or_else(|| view.center_days());
                self.view = Some(view.zoom_at(anchor, factor, limits));
            }
            Command::OpenDialog => self.open_dialog(ctx),
            Command::OpenPath(path) => self.open_path_now(&path),
            Command::ShowSource { event, citation } => {
                self.source_view = Some(SourceView::new(event, citation));
            }
            Command::SetDarkMode(dark) => self.set_dark_mode(ctx, dark),
            Command::ShowHelp => self.help_open = true,
            Command::ShowFindings => {
                self.findings = Some(FindingsWindow {
                    report: self.doc.report.clone(),
                    pending: None,
                    about_open_dataset: true,
                });
            }
        }
    }

    /// Selects an event and pans so it is in view, keeping the zoom.
    fn focus(&mut self, event: usize) {
        let Some(e) = self.doc.dataset.events.get(event) else {
            return;
        };
        self.selected = Some(event);
        let anchor = e.date.anchor_days();
        let view = self.view();
        if !view.shows(anchor) {
            self.view = Some(view.centered_on(anchor, self.doc.limits));
        }
    }

    /// The native dialog runs on its own thread, and the file loads there too.
    fn open_dialog(&self, ctx: &egui::Context) {
        let sender = self.loads.0.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let picked = rfd::FileDialog::new()
                .set_title("Open a Claimline dataset")
                .add_filter("Claimline dataset", &["json"])
                .add_filter("All files", &["*"])
                .pick_file();
            if let Some(path) = picked {
                let result = load::load_file(&path);
                // The app may have closed meanwhile; then nobody needs the result.
                let _ = sender.send((path, result));
                ctx.request_repaint();
            }
        });
    }
}

impl eframe::App for ClaimlineApp {
    fn logic(&mut self, _ctx: &egui::Context, _frame: &mut eframe::Frame) {
        while let Ok((path, result)) = self.loads.1.try_recv() {
            self.accept_load(&path, result);
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let title = format!("Claimline — {}", self.doc.dataset.title);
        if title != self.title_shown {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_shown = title;
        }
        self.keyboard(&ctx);
        let mut commands = std::mem::take(&mut self.commands);
        let view = self.view();

        egui::Panel::top("menu_bar").show(ui, |ui| menu_bar_ui(ui, self.dark, &mut commands));
        egui::Panel::bottom("status_bar")
            .show(ui, |ui| status_bar_ui(ui, &self.doc, &mut commands));
        egui::Panel::right("detail_panel")
            .resizable(true)
            .default_size(420.0)
            .size_range(280.0..=900.0)
            .show(ui, |ui| {
                detail_ui(ui, &self.doc, self.selected, &mut commands);
            });
        egui::CentralPanel::default().show(ui, |ui| {
            self.timeline
                .ui(ui, &self.doc, view, self.selected, &mut commands);
        });

        if let Some(source_view) = &mut self.source_view
            && !source_view.ui(&ctx, &self.doc)
        {
            self.source_view = None;
        }
        if self.help_open {
            self.help_open = help_ui(&ctx);
        }
        if let Some(findings) = &self.findings {
            match findings.ui(&ctx, &self.doc, &mut commands) {
                FindingsChoice::Keep => {}
                FindingsChoice::Close => self.findings = None,
                FindingsChoice::OpenAnyway => {
                    if let Some(doc) = self.findings.take().and_then(|f| f.pending) {
                        self.replace_document(doc);
                        commands.push(Command::ShowFindings);
                    }
                }
            }
        }
        if !commands.is_empty() {
            // The frame was drawn before these applied; draw their result now.
            ctx.request_repaint();
        }
        for command in commands {
            self.apply(&ctx, command);
        }
    }
}
