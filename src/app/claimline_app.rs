//! The application: the open document, the selection and the view, and the panels that show them.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::time::{Duration, SystemTime};

use egui::{Key, Modifiers};

use super::command::Command;
use super::detail_panel::detail_ui;
use super::findings_window::{FindingsChoice, FindingsWindow};
use super::help::help_ui;
use super::loading::{LoadJob, LoadReason, pick_file};
use super::menu::menu_bar_ui;
use super::remembered::Remembered;
use super::source_view::SourceView;
use super::status_bar::status_bar_ui;
use super::timeline_view::{TimelineView, ZOOM_STEP};
use crate::document::Document;
use crate::load::{self, Finding, Origin, Outcome, Place, ReadError, Report};
use crate::timeline::TimeView;

/// How often a watched file is checked for changes.
const WATCH_INTERVAL: Duration = Duration::from_secs(1);

pub struct ClaimlineApp {
    pub doc: Document,
    pub selected: Option<usize>,
    /// `None` means "fit all", so a new dataset or a resized window always starts fitted.
    view: Option<TimeView>,
    pub timeline: TimelineView,
    source_view: Option<SourceView>,
    findings: Option<FindingsWindow>,
    help_open: bool,
    commands: Vec<Command>,
    /// Persisted across runs.
    pub remembered: Remembered,
    /// A file loading in the background.
    job: Option<LoadJob>,
    /// The open dialog, while it is up.
    dialog: Option<Receiver<Option<PathBuf>>>,
    /// Modification time of the open file when it was loaded, for "reload when it changes".
    loaded_modified: Option<SystemTime>,
    /// A one-line message for the status bar (a remembered file that has gone, a reload).
    pub notice: Option<String>,
    title_shown: String,
}

impl ClaimlineApp {
    /// Opens on `file`; without one, on the dataset open at the last exit, else the embedded one.
    /// A file that fails to load leaves the embedded dataset open, with its findings shown.
    pub fn new(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>) -> Self {
        let remembered: Remembered = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        Self::with_remembered(&cc.egui_ctx, remembered, file)
    }

    /// [`Self::new`] with the remembered state given, not read from storage (for tests).
    pub fn with_remembered(
        ctx: &egui::Context,
        remembered: Remembered,
        file: Option<PathBuf>,
    ) -> Self {
        super::theme::install_fonts(ctx);
        let mut app = Self::with_document(Document::embedded(), remembered);
        app.set_dark_mode(ctx, app.remembered.dark);
        match (file, app.remembered.last_path.clone()) {
            (Some(path), _) => app.open_path_now(&path),
            (None, Some(last)) if last.is_file() => {
                let view = app.remembered.view;
                app.open_path_now(&last);
                if app.doc.origin == Origin::File(last) {
                    app.view = view.map(|v| v.clamped(app.doc.limits));
                }
            }
            (None, Some(gone)) => {
                app.notice = Some(format!(
                    "{} is no longer there; showing the embedded dataset",
                    gone.display()
                ));
                app.remembered.last_path = None;
            }
            (None, None) => app.view = app.remembered.view.map(|v| v.clamped(app.doc.limits)),
        }
        app
    }

    fn with_document(doc: Document, remembered: Remembered) -> Self {
        Self {
            doc,
            selected: None,
            view: None,
            timeline: TimelineView::default(),
            source_view: None,
            findings: None,
            help_open: false,
            commands: Vec::new(),
            remembered,
            job: None,
            dialog: None,
            loaded_modified: None,
            notice: None,
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

    /// True while a file loads in the background.
    pub fn is_loading(&self) -> bool {
        self.job.is_some()
    }

    /// Loads `path` on this thread (start-up and tests); the open dataset stays if it fails.
    pub fn open_path_now(&mut self, path: &Path) {
        let result = load::load_file(path);
        self.accept_load(path, result, LoadReason::Open);
    }

    /// Queues a command as if the user had given it.
    pub fn push_command(&mut self, command: Command) {
        self.commands.push(command);
    }

    fn start_load(&mut self, ctx: &egui::Context, path: PathBuf, reason: LoadReason) {
        self.notice = None;
        self.job = Some(LoadJob::spawn(path, reason, ctx));
    }

    fn accept_load(&mut self, path: &Path, result: Result<Outcome, ReadError>, reason: LoadReason) {
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
                self.replace_document(doc, reason);
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

    /// Makes `doc` the open dataset. A reload keeps the view and the selected event (by id).
    fn replace_document(&mut self, doc: Document, reason: LoadReason) {
        let selected_id = self
            .selected
            .and_then(|i| self.doc.dataset.events.get(i))
            .map(|e| e.id.clone());
        self.doc = doc;
        self.source_view = None;
        if reason == LoadReason::Reload {
            self.selected = selected_id.and_then(|id| self.doc.dataset.event_index(&id));
            self.view = self.view.map(|v| v.clamped(self.doc.limits));
            self.notice = Some(format!("Reloaded {}", self.doc.origin.display_name()));
        } else {
            self.selected = None;
            self.view = None;
        }
        match &self.doc.origin {
            Origin::File(path) => {
                self.loaded_modified = modified(path);
                self.remembered.last_path = Some(path.clone());
                let path = path.clone();
                self.remembered.add_recent(&path);
            }
            Origin::Embedded => {
                self.loaded_modified = None;
                self.remembered.last_path = None;
            }
        }
    }

    fn set_dark_mode(&mut self, ctx: &egui::Context, dark: bool) {
        self.remembered.dark = dark;
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
            (Modifiers::COMMAND, Key::R, Command::Reload),
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
            Command::OpenDialog => {
                if self.dialog.is_none() {
                    self.dialog = Some(pick_file(ctx));
                }
            }
            Command::OpenPath(path) => self.start_load(ctx, path, LoadReason::Open),
            Command::Reload => match &self.doc.origin {
                Origin::File(path) => {
                    let path = path.clone();
                    self.start_load(ctx, path, LoadReason::Reload);
                }
                Origin::Embedded => {
                    self.notice = Some("The embedded dataset has no file to reload".to_owned());
                }
            },
            Command::CancelLoad => {
                if let Some(job) = self.job.take() {
                    self.notice = Some(format!("Cancelled loading {}", job.path.display()));
                }
            }
            Command::SetWatch(watch) => self.remembered.watch = watch,
            Command::ClearRecent => self.remembered.recent.clear(),
            Command::DismissNotice => self.notice = None,
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

    /// Files dropped on the window open like File ▸ Open… (the first one, if several).
    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.commands.push(Command::OpenPath(path));
        }
    }

    /// Reloads the open file when "reload when it changes" is on and its time stamp moved.
    fn watch(&mut self, ctx: &egui::Context) {
        if !self.remembered.watch || self.job.is_some() {
            return;
        }
        if let Origin::File(path) = &self.doc.origin {
            let now = modified(path);
            if now.is_some() && now != self.loaded_modified {
                // Remember it now, so a file that fails to load is not retried every second.
                self.loaded_modified = now;
                self.commands.push(Command::Reload);
            }
            ctx.request_repaint_after(WATCH_INTERVAL);
        }
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

impl eframe::App for ClaimlineApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        if let Some(picked) = self.dialog.as_ref().map(Receiver::try_recv) {
            match picked {
                Ok(Some(path)) => {
                    self.dialog = None;
                    self.commands.push(Command::OpenPath(path));
                }
                Ok(None) | Err(std::sync::mpsc::TryRecvError::Disconnected) => self.dialog = None,
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
            }
        }
        if let Some(result) = self.job.as_ref().and_then(LoadJob::poll)
            && let Some(job) = self.job.take()
        {
            self.accept_load(&job.path, result, job.reason);
        }
        self.watch(ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.remembered.view = self.view;
        eframe::set_value(storage, eframe::APP_KEY, &self.remembered);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let title = format!("Claimline — {}", self.doc.dataset.title);
        if title != self.title_shown {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_shown = title;
        }
        self.keyboard(&ctx);
        self.dropped_files(&ctx);
        let mut commands = std::mem::take(&mut self.commands);
        let view = self.view();

        egui::Panel::top("menu_bar").show(ui, |ui| {
            menu_bar_ui(ui, &self.remembered, &self.doc.origin, &mut commands);
        });
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            status_bar_ui(
                ui,
                &self.doc,
                self.job.as_ref(),
                self.notice.as_deref(),
                &mut commands,
            );
        });
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
        super::drop_overlay::drop_overlay_ui(&ctx);

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
                        self.replace_document(doc, LoadReason::Open);
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
