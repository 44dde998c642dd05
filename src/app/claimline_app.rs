//! The application: the open document, the selection and the view, and the panels that show them.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use super::command::{BINDINGS, Binding, Command, Scope};
use super::detail_panel::detail_ui;
use super::export_dialog::{ExportDialog, ExportSettings};
use super::file_browser::{BrowserOutcome, FileBrowser};
use super::findings_window::{FindingsChoice, FindingsWindow};
use super::help::help_ui;
use super::image_capture::{Capture, CaptureTarget, crop, png_bytes};
use super::loading::{LoadJob, LoadReason, Loaded, Stamp, prepare};
use super::menu::menu_bar_ui;
use super::native_dialog::{Availability, NativeDialogs, SystemDialogs};
use super::presentation::{ViewAnimation, caption_ui};
use super::remembered::Remembered;
use super::search_job::{SearchResult, SearchRunner};
use super::source_view::SourceView;
use super::status_bar::status_bar_ui;
use super::timeline_view::TimelineView;
use crate::document::Document;
use crate::load::{Finding, Origin, Place, Progress, Report};
use crate::timeline::walk::{nearest_in_next_lane, step_in_time};
use crate::timeline::{Filter, Matches, TimeView};

/// How often a watched file is checked for changes.
const WATCH_INTERVAL: Duration = Duration::from_secs(1);

pub struct ClaimlineApp {
    /// Shared with a search running in the background.
    pub doc: Arc<Document>,
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
    /// The system's file dialogs (a stand-in in tests, so none ever opens there).
    native_dialogs: Box<dyn NativeDialogs>,
    /// Whether they can be shown, once asked.
    dialog_support: DialogSupport,
    /// The system open dialog, while it is up.
    dialog: Option<Receiver<Option<PathBuf>>>,
    /// The built-in file browser, while it is up, and what the chosen file is for.
    browser: Option<(FileBrowser, FilePurpose)>,
    /// The open file's stamp from just before it was read, for "reload when it changes".
    loaded_modified: Option<Stamp>,
    /// The stamp of the file the last load read, taken before reading it.
    read_stamp: Option<Stamp>,
    /// A one-line message for the status bar (a remembered file that has gone, a reload).
    pub notice: Option<String>,
    title_shown: String,
    /// A screenshot in progress.
    capture: Option<Capture>,
    /// The system save dialog, while it is up, and what the chosen file is for.
    save_dialog: Option<(Receiver<Option<PathBuf>>, FilePurpose)>,
    export_dialog: ExportDialog,
    /// An export waiting for the user to agree to replace a file.
    confirm_replace: Option<(PathBuf, ExportSettings)>,
    /// In presentation mode: the theme to go back to.
    presenting: Option<bool>,
    animation: Option<ViewAnimation>,
    /// `ctx.input().time` this frame, for animations.
    now: f64,
    /// The remembered view, applied when the remembered file has loaded.
    restore_view: Option<TimeView>,
    /// The search text and filters (Ctrl+F); they reach the timeline and exports.
    pub filter: Filter,
    /// The events `filter` shows, made when it changes; `None` when nothing is filtered. At a
    /// million events it lags `filter` while the search runs in the background.
    pub matches: Option<Arc<Matches>>,
    /// The search running off the UI thread, for large datasets.
    search: SearchRunner,
    /// Enter (true) or Shift+Enter pressed while the search ran: step once it has landed.
    step_after_search: Option<bool>,
    /// For the searches in the background, which ask for a repaint when done.
    egui_ctx: egui::Context,
    /// The search bar is up.
    search_open: bool,
    /// Put the keyboard in the search box next frame.
    focus_search: bool,
    /// Earlier selections, most recent last (Alt+← goes back to it).
    back: Vec<usize>,
    /// Selections gone back from, most recent last (Alt+→).
    forward: Vec<usize>,
    /// Counts changes of `matches`, so views that derive something from them (the table's sorted
    /// rows) know when to redo it without comparing a million flags.
    filter_generation: u64,
    /// View ▸ Event table: its sort and row order.
    pub table: super::event_table::EventTable,
}

/// What a file chosen in a dialog or the built-in browser is for.
enum FilePurpose {
    Open,
    Screenshot,
    Export(ExportSettings),
}

/// A file the user asked to choose (File ▸ Open…, Save image…, Export image…).
struct FileRequest {
    purpose: FilePurpose,
    /// The suggested name and its extension, when saving.
    save_as: Option<(String, &'static str)>,
}

/// Whether the system's file dialog can be shown, as far as is known.
enum DialogSupport {
    /// Not asked yet: asked at the first Open… or Save…, so a run that never chooses a file never
    /// asks, and neither does a test that does not.
    Unknown,
    /// Being checked; the request waits for the answer.
    Checking(Receiver<Availability>, FileRequest),
    Known(Availability),
}

impl ClaimlineApp {
    /// Opens on `file`; without one, on the dataset open at the last exit, else the embedded one.
    /// A file that fails to load leaves the embedded dataset open, with its findings shown.
    pub fn new(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>) -> Self {
        let mut remembered: Remembered = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        remembered.sanitize();
        Self::with_remembered(&cc.egui_ctx, remembered, file)
    }

    /// [`Self::new`] with the remembered state given, not read from storage (for tests).
    pub fn with_remembered(
        ctx: &egui::Context,
        remembered: Remembered,
        file: Option<PathBuf>,
    ) -> Self {
        super::theme::install_fonts(ctx);
        // Both themes, so a switch (or presentation mode's light slides) keeps readable text.
        ctx.set_visuals_of(egui::Theme::Dark, super::theme::visuals(true));
        ctx.set_visuals_of(egui::Theme::Light, super::theme::visuals(false));
        let mut app = Self::with_document(ctx, Document::embedded(), remembered);
        app.set_dark_mode(ctx, app.remembered.dark);
        app.restore_filter();
        // Files load in the background from the first frame, so a million events show a progress
        // bar in a live window instead of a black one.
        match (file, app.remembered.last_path.clone()) {
            (Some(path), _) => app.start_load(ctx, path, LoadReason::Open),
            (None, Some(last)) if last.is_file() => {
                app.restore_view = app.remembered.view;
                app.start_load(ctx, last, LoadReason::Open);
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

    fn with_document(ctx: &egui::Context, doc: Document, remembered: Remembered) -> Self {
        Self {
            doc: Arc::new(doc),
            selected: None,
            view: None,
            timeline: TimelineView::default(),
            source_view: None,
            findings: None,
            help_open: false,
            commands: Vec::new(),
            remembered,
            job: None,
            native_dialogs: Box::new(SystemDialogs),
            dialog_support: DialogSupport::Unknown,
            dialog: None,
            browser: None,
            loaded_modified: None,
            read_stamp: None,
            notice: None,
            title_shown: String::new(),
            capture: None,
            save_dialog: None,
            export_dialog: ExportDialog::default(),
            confirm_replace: None,
            presenting: None,
            animation: None,
            now: 0.0,
            restore_view: None,
            filter: Filter::default(),
            matches: None,
            search: SearchRunner::default(),
            step_after_search: None,
            egui_ctx: ctx.clone(),
            search_open: false,
            focus_search: false,
            back: Vec::new(),
            forward: Vec::new(),
            filter_generation: 0,
            table: super::event_table::EventTable::default(),
        }
    }

    /// The time range on screen.
    pub fn view(&self) -> TimeView {
        self.view.unwrap_or_else(|| TimeView::fit(self.doc.limits))
    }

    /// Findings shown in the findings window, if it is open.
    pub fn findings_shown(&self) -> Option<&Report> {
        self.findings.as_ref().map(|f| &*f.report)
    }

    /// True in presentation mode.
    pub fn is_presenting(&self) -> bool {
        self.presenting.is_some()
    }

    /// True while a file loads in the background.
    pub fn is_loading(&self) -> bool {
        self.job.is_some()
    }

    /// Loads `path` on this thread (start-up and tests); the open dataset stays if it fails.
    pub fn open_path_now(&mut self, path: &Path) {
        self.read_stamp = Stamp::of(path);
        let loaded = prepare(path, &Progress::default());
        self.accept_load(path, loaded, LoadReason::Open);
    }

    /// Replaces the system's file dialogs, and forgets whether they were available. Tests put a
    /// stand-in here, so they never open a real dialog.
    pub fn set_native_dialogs(&mut self, dialogs: Box<dyn NativeDialogs>) {
        self.native_dialogs = dialogs;
        self.dialog_support = DialogSupport::Unknown;
    }

    /// True while the built-in file browser is up.
    pub fn is_browsing(&self) -> bool {
        self.browser.is_some()
    }

    /// Queues a command as if the user had given it.
    pub fn push_command(&mut self, command: Command) {
        self.commands.push(command);
    }

    fn start_load(&mut self, ctx: &egui::Context, path: PathBuf, reason: LoadReason) {
        self.notice = None;
        self.job = Some(LoadJob::spawn(path, reason, ctx));
    }

    fn accept_load(&mut self, path: &Path, loaded: Loaded, reason: LoadReason) {
        match loaded {
            Loaded::Unreadable(error) => {
                let mut report = Report::new(path.display().to_string());
                report.findings.push(Finding::error(
                    Place::START,
                    "",
                    format!("cannot read the file: {}", error.error),
                ));
                let groups = Arc::new(report.groups());
                self.findings = Some(FindingsWindow::new(Arc::new(report), groups, None, false));
            }
            Loaded::Failed { report, groups } => {
                self.findings = Some(FindingsWindow::new(report, groups, None, false));
            }
            Loaded::Opened {
                doc,
                has_errors: false,
            } => {
                let warnings = doc.finding_counts().1 > 0;
                self.replace_document(*doc, reason);
                if let Some(view) = self.restore_view.take() {
                    self.view = Some(view.clamped(self.doc.limits));
                }
                self.findings = warnings.then(|| {
                    FindingsWindow::new(
                        Arc::clone(&self.doc.report),
                        Arc::clone(&self.doc.finding_groups),
                        None,
                        true,
                    )
                });
            }
            Loaded::Opened {
                doc,
                has_errors: true,
            } => {
                self.findings = Some(FindingsWindow::new(
                    Arc::clone(&doc.report),
                    Arc::clone(&doc.finding_groups),
                    Some(*doc),
                    false,
                ));
            }
        }
    }

    /// Makes `doc` the open dataset. A reload keeps the view and the selected event (by id).
    fn replace_document(&mut self, doc: Document, reason: LoadReason) {
        let selected_id = self
            .selected
            .and_then(|i| self.doc.dataset.events.get(i))
            .map(|e| e.id.clone());
        let old = std::mem::replace(&mut self.doc, Arc::new(doc));
        // Freeing a million events takes longer than a frame: let another thread do it.
        std::thread::spawn(move || drop(old));
        self.source_view = None;
        // Indices into the old dataset mean nothing in the new one.
        self.back.clear();
        self.forward.clear();
        self.restore_filter();
        if reason == LoadReason::Reload {
            self.selected =
                selected_id.and_then(|id| self.doc.index.event_by_id(&self.doc.dataset, &id));
            self.view = self.view.map(|v| v.clamped(self.doc.limits));
            self.notice = Some(format!("Reloaded {}", self.doc.origin.display_name()));
        } else {
            self.selected = None;
            self.view = None;
        }
        match &self.doc.origin {
            Origin::File(path) => {
                self.loaded_modified = self.read_stamp.take().or_else(|| Stamp::of(path));
                let path = path.clone();
                self.remembered.remember_open(&path);
            }
            Origin::Embedded => {
                self.loaded_modified = None;
                self.remembered.last_path = None;
            }
        }
    }

    /// The filters last used on the open dataset (search text starts empty).
    fn restore_filter(&mut self) {
        let search = std::mem::take(&mut self.filter.search);
        let remembered = self
            .remembered
            .filters
            .get(&self.doc.origin.display_name())
            .cloned()
            .unwrap_or_default();
        self.set_filter(Filter {
            search,
            ..remembered
        });
    }

    /// Applies a new search or filter: remembers the filters for this dataset, and recounts the
    /// matches (at once for a small dataset, else in the background; see [`SearchRunner`]).
    fn set_filter(&mut self, filter: Filter) {
        let key = self.doc.origin.display_name();
        let kept = Filter {
            search: String::new(),
            ..filter.clone()
        };
        if kept.is_active() {
            self.remembered.filters.insert(key, kept);
        } else {
            self.remembered.filters.remove(&key);
        }
        self.filter = filter.clone();
        if let Some(result) = self.search.request(&self.doc, filter, &self.egui_ctx) {
            self.show_search_result(result);
        }
    }

    /// Shows a search's result on the timeline, in the table and in the count.
    fn show_search_result(&mut self, result: SearchResult) {
        self.matches = result.matches;
        self.timeline.dimmed = result.dimmed;
        self.filter_generation += 1;
        self.timeline.shown.clone_from(&self.matches);
        if let Some(forward) = self.step_after_search.take() {
            self.step_match(forward);
        }
    }

    /// True while a search runs in the background (the search bar says "searching…").
    pub fn is_searching(&self) -> bool {
        self.search.is_busy()
    }

    /// Searches datasets of at least `events` events in the background. Tests lower it to try
    /// the background path on the small seed dataset.
    pub fn set_background_search_from(&mut self, events: usize) {
        self.search.set_background_from(events);
    }

    /// The next (or previous) match in time after the selection.
    fn step_match(&mut self, forward: bool) {
        let all;
        let matches = if let Some(m) = &self.matches {
            m.as_ref()
        } else {
            all = Matches::all(self.doc.dataset.events.len());
            &all
        };
        let by_time = &self.doc.index.by_time;
        let found = if forward {
            matches.next_in_time(by_time, self.selected)
        } else {
            matches.previous_in_time(by_time, self.selected)
        };
        if let Some(event) = found {
            self.focus(event);
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

    /// The keys of [`BINDINGS`], unless a text field has the keyboard.
    fn keyboard(&mut self, ctx: &egui::Context) {
        if ctx.text_edit_focused() {
            return;
        }
        let focused = ctx.memory(egui::Memory::focused);
        let on_timeline = focused.is_some() && focused == self.timeline.focus_id;
        let mut bindings: Vec<&Binding> = BINDINGS
            .iter()
            .filter(|b| match b.scope {
                Scope::Window => true,
                Scope::Browsing => focused.is_none() || on_timeline,
                Scope::Timeline => on_timeline,
                Scope::SearchBox => false,
            })
            .collect();
        // More modifiers first: a key matches ignoring extra Shift and Alt, so ← would also take
        // Alt+←.
        bindings
            .sort_by_key(|b| std::cmp::Reverse(b.keys.map_or(0, |k| modifier_count(k.modifiers))));
        let presenting = self.presenting.is_some();
        // Every press counts: a slow frame that saw → three times steps three events.
        let pressed: Vec<Command> = ctx.input_mut(|input| {
            bindings
                .into_iter()
                .flat_map(|b| {
                    let presses = b.keys.map_or(0, |keys| {
                        input.count_and_consume_key(keys.modifiers, keys.logical_key)
                    });
                    std::iter::repeat_n(b.command.clone(), presses)
                })
                .collect()
        });
        for command in pressed {
            match command {
                // Esc leaves presentation mode first.
                Command::ClearSelection if presenting => {
                    self.commands.push(Command::TogglePresentation);
                }
                // With nothing left to clear, Esc hands the keyboard back from the timeline.
                Command::ClearSelection if on_timeline && self.selected.is_none() => {
                    if let Some(id) = self.timeline.focus_id {
                        ctx.memory_mut(|m| m.surrender_focus(id));
                    }
                }
                command => self.commands.push(command),
            }
        }
    }

    /// Applies a command; a changed selection goes onto the history that Alt+← walks back.
    fn apply(&mut self, ctx: &egui::Context, command: Command) {
        let before = self.selected;
        let walking = matches!(command, Command::HistoryBack | Command::HistoryForward);
        self.apply_one(ctx, command);
        if !walking && self.selected != before && self.selected.is_some() {
            if let Some(previous) = before {
                self.back.push(previous);
            }
            self.forward.clear();
        }
    }

    fn apply_one(&mut self, ctx: &egui::Context, command: Command) {
        let limits = self.doc.limits;
        match command {
            Command::HistoryBack => {
                if let Some(event) = self.back.pop() {
                    if let Some(current) = self.selected {
                        self.forward.push(current);
                    }
                    self.focus(event);
                }
            }
            Command::HistoryForward => {
                if let Some(event) = self.forward.pop() {
                    if let Some(current) = self.selected {
                        self.back.push(current);
                    }
                    self.focus(event);
                }
            }
            Command::Select(event) => self.selected = Some(event),
            Command::Focus(event) => self.focus(event),
            Command::FocusId(id) => {
                if let Some(event) = self.doc.index.event_by_id(&self.doc.dataset, &id) {
                    self.focus(event);
                }
            }
            Command::ClearSelection => self.selected = None,
            Command::ShowSearch => {
                self.search_open = true;
                self.focus_search = true;
            }
            Command::CloseSearch => {
                self.search_open = false;
                self.set_filter(Filter {
                    search: String::new(),
                    ..self.filter.clone()
                });
            }
            Command::SetFilter(filter) => self.set_filter(filter),
            Command::ToggleTable => self.remembered.show_table = !self.remembered.show_table,
            // Stepping through stale matches would land on the wrong event: wait for the search.
            Command::NextMatch | Command::PreviousMatch if self.search.is_busy() => {
                self.step_after_search = Some(command == Command::NextMatch);
            }
            Command::NextMatch => self.step_match(true),
            Command::PreviousMatch => self.step_match(false),
            Command::SelectNext | Command::SelectPrevious => {
                let forward = command == Command::SelectNext;
                let shown = self.matches.as_deref();
                if let Some(event) = step_in_time(&self.doc.index, shown, self.selected, forward) {
                    self.focus(event);
                }
            }
            Command::SelectLaneAbove | Command::SelectLaneBelow => {
                let up = command == Command::SelectLaneAbove;
                let shown = self.matches.as_deref();
                let found = match self.selected {
                    Some(current) => {
                        nearest_in_next_lane(&self.doc.dataset, &self.doc.index, shown, current, up)
                    }
                    // Nothing selected yet: start at the first event, as → does.
                    None => step_in_time(&self.doc.index, shown, None, true),
                };
                if let Some(event) = found {
                    self.focus(event);
                }
            }
            Command::ShowSelectedSource => {
                let cited = self.selected.filter(|&e| {
                    self.doc
                        .dataset
                        .events
                        .get(e)
                        .is_some_and(|e| !e.citations.is_empty())
                });
                if let Some(event) = cited {
                    self.source_view = Some(SourceView::new(event, 0));
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
            Command::OpenDialog => self.request_file(
                ctx,
                FileRequest {
                    purpose: FilePurpose::Open,
                    save_as: None,
                },
            ),
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
            Command::CopyImage => self.capture = Some(Capture::new(CaptureTarget::Clipboard)),
            Command::SaveImageDialog => {
                let name = format!("{}.png", file_stem(&self.doc.dataset.title));
                self.request_file(
                    ctx,
                    FileRequest {
                        purpose: FilePurpose::Screenshot,
                        save_as: Some((name, "png")),
                    },
                );
            }
            Command::SaveImageTo(path) => {
                self.capture = Some(Capture::new(CaptureTarget::File(path)));
            }
            Command::ShowExportDialog => self.export_dialog.open = true,
            Command::ExportImage(settings) => {
                let extension = match settings.format {
                    crate::export::ImageFormat::Png => "png",
                    crate::export::ImageFormat::Svg => "svg",
                };
                let name = format!("{}.{extension}", file_stem(&self.doc.dataset.title));
                self.request_file(
                    ctx,
                    FileRequest {
                        purpose: FilePurpose::Export(settings),
                        save_as: Some((name, extension)),
                    },
                );
            }
            Command::WriteExport {
                settings,
                path,
                confirmed,
            } => {
                if path.exists() && !confirmed {
                    self.confirm_replace = Some((path, settings));
                } else {
                    self.notice = Some(match self.write_export(&settings, &path) {
                        Ok(()) => format!("Exported {}", path.display()),
                        Err(error) => format!("Export failed: {error}"),
                    });
                }
            }
            Command::TogglePresentation => self.toggle_presentation(ctx),
            Command::ShowFindings => {
                self.findings = Some(FindingsWindow::new(
                    Arc::clone(&self.doc.report),
                    Arc::clone(&self.doc.finding_groups),
                    None,
                    true,
                ));
            }
        }
    }

    /// Selects an event and pans so it is in view, keeping the zoom. In presentation mode the view
    /// glides to the event, at most two years wide.
    fn focus(&mut self, event: usize) {
        let Some(e) = self.doc.dataset.events.get(event) else {
            return;
        };
        self.selected = Some(event);
        let anchor = e.date.anchor_days();
        let view = self.view();
        if self.presenting.is_some() {
            let span = view.span_days.min(2.0 * 365.25);
            let to = crate::timeline::TimeView {
                start_days: anchor - span / 2.0,
                span_days: span,
            }
            .clamped(self.doc.limits);
            self.animation = Some(ViewAnimation {
                from: view,
                to,
                start_time: self.now,
            });
        } else if !view.shows(anchor) {
            self.view = Some(view.centered_on(anchor, self.doc.limits));
        }
    }

    fn toggle_presentation(&mut self, ctx: &egui::Context) {
        if let Some(dark) = self.presenting.take() {
            self.set_dark_mode(ctx, dark);
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
        } else {
            self.presenting = Some(self.remembered.dark);
            // Slides are light; the theme comes back on leaving.
            ctx.set_theme(egui::Theme::Light);
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
        }
    }

    /// Draws the export with the core exporter and writes it (replacing a file the user agreed to).
    fn write_export(
        &self,
        settings: &ExportSettings,
        path: &Path,
    ) -> Result<(), crate::export::ExportError> {
        let request = crate::export::ExportRequest {
            path: path.to_owned(),
            format: crate::export::ImageFormat::from_path(path).unwrap_or(settings.format),
            width_px: settings.width_px,
            height_px: settings.height_px,
            scale: settings.scale,
            view: (!settings.whole_dataset).then(|| self.view()),
            dark: settings.dark,
            title: Some(settings.title.clone()),
            footer: settings.footer,
            selected: self.selected,
            callouts: settings.callouts,
            // What is filtered on screen is what the image shows (and its footer names).
            filter: self.filter.clone(),
            // The user agreed to replace an existing file in the dialog.
            force: true,
        };
        crate::export::export(&self.doc, &request)
    }

    /// Crops a finished window capture to the timeline and copies or saves it.
    fn finish_capture(
        &mut self,
        ctx: &egui::Context,
        image: &egui::ColorImage,
        target: CaptureTarget,
    ) {
        let rect = self
            .timeline
            .last_rect
            .unwrap_or_else(|| ctx.content_rect());
        let cropped = crop(image, rect, ctx.pixels_per_point());
        self.notice = Some(match target {
            CaptureTarget::Clipboard => {
                ctx.copy_image(cropped);
                "Copied the timeline image".to_owned()
            }
            CaptureTarget::File(path) => match png_bytes(&cropped).and_then(|bytes| {
                crate::export::write_atomically(&path, &bytes, true).map_err(|e| e.to_string())
            }) {
                Ok(()) => format!("Saved {}", path.display()),
                Err(error) => format!("Could not save the image: {error}"),
            },
        });
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
            let now = Stamp::of(path);
            if now.is_some() && now != self.loaded_modified {
                // Remember it now, so a file that fails to load is not retried every second.
                self.loaded_modified = now;
                self.commands.push(Command::Reload);
            }
            ctx.request_repaint_after(WATCH_INTERVAL);
        }
    }
}

/// Choosing files: the system dialog when it works, else the built-in browser saying why.
impl ClaimlineApp {
    /// Shows a dialog for `request`, once it is known whether the system one works. One chooser at
    /// a time: asking again while one is up does nothing.
    fn request_file(&mut self, ctx: &egui::Context, request: FileRequest) {
        if self.dialog.is_some() || self.save_dialog.is_some() || self.browser.is_some() {
            return;
        }
        self.dialog_support =
            match std::mem::replace(&mut self.dialog_support, DialogSupport::Unknown) {
                DialogSupport::Unknown => {
                    DialogSupport::Checking(self.native_dialogs.check(ctx), request)
                }
                // The latest request is the one the user is waiting for.
                DialogSupport::Checking(answer, _) => DialogSupport::Checking(answer, request),
                DialogSupport::Known(Availability::Available) => {
                    self.show_system_dialog(ctx, request);
                    DialogSupport::Known(Availability::Available)
                }
                DialogSupport::Known(Availability::Missing(message)) => {
                    self.show_browser(ctx, request, message.clone());
                    DialogSupport::Known(Availability::Missing(message))
                }
            };
    }

    fn show_system_dialog(&mut self, ctx: &egui::Context, request: FileRequest) {
        match request.save_as {
            None => {
                self.dialog = Some(
                    self.native_dialogs
                        .pick_dataset(ctx, Some(self.start_folder())),
                );
            }
            Some((file_name, extension)) => {
                self.save_dialog = Some((
                    self.native_dialogs
                        .pick_save_path(ctx, file_name, extension),
                    request.purpose,
                ));
            }
        }
    }

    fn show_browser(&mut self, ctx: &egui::Context, request: FileRequest, message: String) {
        let folder = self.start_folder();
        let browser = match request.save_as {
            None => FileBrowser::open(ctx, folder, Some(message)),
            Some((file_name, extension)) => {
                FileBrowser::save(ctx, folder, file_name, extension, Some(message))
            }
        };
        self.browser = Some((browser, request.purpose));
    }

    /// Where a chooser starts: beside the open file, else the last one opened, else the working
    /// folder.
    fn start_folder(&self) -> PathBuf {
        let beside = |path: &Path| path.parent().filter(|p| p.is_dir()).map(Path::to_path_buf);
        let open_file = match &self.doc.origin {
            Origin::File(path) => beside(path),
            Origin::Embedded => None,
        };
        open_file
            .or_else(|| self.remembered.recent.first().and_then(|p| beside(p)))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("/"))
    }

    /// Takes the answers of the availability check and of the system dialogs. A dialog that
    /// answers `None` was cancelled: nothing changes and nothing is said. One that stops without
    /// answering failed: the built-in browser takes over, saying so.
    fn poll_file_choosers(&mut self, ctx: &egui::Context) {
        use std::sync::mpsc::TryRecvError;
        const FAILED: &str = "The system file dialog stopped without an answer, so choose the \
                              file here instead.";
        if let DialogSupport::Checking(answer, _) = &self.dialog_support {
            let availability = match answer.try_recv() {
                Ok(availability) => Some(availability),
                Err(TryRecvError::Empty) => None,
                Err(TryRecvError::Disconnected) => Some(Availability::Missing(FAILED.to_owned())),
            };
            if let Some(availability) = availability
                && let DialogSupport::Checking(_, request) =
                    std::mem::replace(&mut self.dialog_support, DialogSupport::Known(availability))
            {
                self.request_file(ctx, request);
            }
        }
        if let Some(picked) = self.dialog.as_ref().map(Receiver::try_recv) {
            match picked {
                Ok(picked) => {
                    self.dialog = None;
                    if let Some(path) = picked {
                        self.commands.push(Command::OpenPath(path));
                    }
                }
                Err(TryRecvError::Disconnected) => {
                    self.dialog = None;
                    self.system_dialog_failed(ctx, FilePurpose::Open, None, FAILED);
                }
                Err(TryRecvError::Empty) => {}
            }
        }
        if let Some(picked) = self
            .save_dialog
            .as_ref()
            .map(|(picked, _)| picked.try_recv())
        {
            match picked {
                Ok(picked) => {
                    if let Some((_, purpose)) = self.save_dialog.take()
                        && let Some(path) = picked
                    {
                        // The system dialog has asked about replacing the file already.
                        self.commands.push(chosen_command(purpose, path));
                    }
                }
                Err(TryRecvError::Disconnected) => {
                    if let Some((_, purpose)) = self.save_dialog.take() {
                        let extension = match &purpose {
                            FilePurpose::Export(settings)
                                if settings.format == crate::export::ImageFormat::Svg =>
                            {
                                "svg"
                            }
                            _ => "png",
                        };
                        let name = format!("{}.{extension}", file_stem(&self.doc.dataset.title));
                        self.system_dialog_failed(ctx, purpose, Some((name, extension)), FAILED);
                    }
                }
                Err(TryRecvError::Empty) => {}
            }
        }
    }

    /// From now on the built-in browser is used; it opens at once for the request that failed.
    fn system_dialog_failed(
        &mut self,
        ctx: &egui::Context,
        purpose: FilePurpose,
        save_as: Option<(String, &'static str)>,
        message: &str,
    ) {
        self.dialog_support = DialogSupport::Known(Availability::Missing(message.to_owned()));
        self.show_browser(ctx, FileRequest { purpose, save_as }, message.to_owned());
    }

    /// Draws the built-in browser, if it is up, and turns a chosen file into its command.
    fn browser_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let Some((browser, _)) = &mut self.browser else {
            return;
        };
        match browser.ui(ctx) {
            BrowserOutcome::Keep => {}
            BrowserOutcome::Cancelled => self.browser = None,
            BrowserOutcome::Chosen(path) => {
                if let Some((_, purpose)) = self.browser.take() {
                    // The browser has asked about replacing an existing file.
                    commands.push(chosen_command(purpose, path));
                }
            }
        }
    }
}

/// The command that does what a chosen file was for. The system dialog and the built-in browser
/// both ask before a file is replaced, so an export does not ask again.
fn chosen_command(purpose: FilePurpose, path: PathBuf) -> Command {
    match purpose {
        FilePurpose::Open => Command::OpenPath(path),
        FilePurpose::Screenshot => Command::SaveImageTo(path),
        FilePurpose::Export(settings) => Command::WriteExport {
            settings,
            path,
            confirmed: true,
        },
    }
}

impl eframe::App for ClaimlineApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.poll_file_choosers(ctx);
        if let Some(result) = self.search.poll(&self.doc, ctx) {
            self.show_search_result(result);
        }
        if let Some(result) = self.job.as_ref().and_then(LoadJob::poll)
            && let Some(job) = self.job.take()
        {
            self.read_stamp = job.stamp;
            self.accept_load(&job.path, result, job.reason);
        }
        self.watch(ctx);
        if let Some(image) = self.capture.as_ref().and_then(Capture::poll)
            && let Some(capture) = self.capture.take()
        {
            self.finish_capture(ctx, &image, capture.target);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.remembered.view = self.view;
        eframe::set_value(storage, eframe::APP_KEY, &self.remembered);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let title = format!(
            "Claimline — {}",
            crate::model::visible_text::shown(&self.doc.dataset.title, 200)
        );
        if title != self.title_shown {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_shown = title;
        }
        self.now = ctx.input(|i| i.time);
        if let Some(animation) = self.animation {
            let (view, done) = animation.at(self.now);
            self.view = Some(view);
            if done {
                self.animation = None;
            } else {
                ctx.request_repaint();
            }
        }
        self.keyboard(&ctx);
        self.timeline.offer_focus_first(&ctx);
        self.dropped_files(&ctx);
        let mut commands = std::mem::take(&mut self.commands);
        let view = self.view();
        let quiet = self.capture.is_some();
        self.timeline.quiet = quiet;

        if self.presenting.is_some() {
            egui::Panel::bottom("caption")
                .frame(egui::Frame::central_panel(ui.style()).inner_margin(24.0))
                .show(ui, |ui| caption_ui(ui, &self.doc, self.selected));
            egui::CentralPanel::default().show(ui, |ui| {
                self.timeline
                    .ui(ui, &self.doc, view, self.selected, &mut commands);
            });
            self.apply_all(&ctx, commands);
            return;
        }

        egui::Panel::top("menu_bar").show(ui, |ui| {
            menu_bar_ui(ui, &self.remembered, &self.doc.origin, &mut commands);
        });
        if self.search_open || self.filter.is_active() {
            egui::Panel::top("search_bar").show(ui, |ui| {
                super::search_bar::search_bar_ui(
                    ui,
                    &self.filter,
                    self.matches.as_deref(),
                    self.search.is_busy(),
                    &self.doc,
                    &mut commands,
                );
            });
            if std::mem::take(&mut self.focus_search) {
                ctx.memory_mut(|m| m.request_focus(super::search_bar::search_box_id()));
            }
        }
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            status_bar_ui(
                ui,
                &self.doc,
                self.job.as_ref(),
                if matches!(self.dialog_support, DialogSupport::Checking(..)) {
                    Some("Looking for the system file dialog…")
                } else {
                    self.notice.as_deref()
                },
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
        if self.remembered.show_table {
            // Under the timeline only, beside the detail panel.
            egui::Panel::bottom("event_table")
                .resizable(true)
                .default_size(260.0)
                .size_range(120.0..=800.0)
                .show(ui, |ui| {
                    self.table.ui(
                        ui,
                        &self.doc,
                        self.matches.as_ref(),
                        self.filter_generation,
                        self.selected,
                        &mut commands,
                    );
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            self.timeline
                .ui(ui, &self.doc, view, self.selected, &mut commands);
        });
        super::drop_overlay::drop_overlay_ui(&ctx);

        if let Some(capture) = &mut self.capture {
            // Windows stay out of the picture; they come back once it is taken.
            capture.request_if_ready(&ctx);
            self.apply_all(&ctx, commands);
            return;
        }
        if let Some(source_view) = &mut self.source_view
            && !source_view.ui(&ctx, &self.doc)
        {
            self.source_view = None;
        }
        self.export_dialog.ui(&ctx, &mut commands);
        self.browser_ui(&ctx, &mut commands);
        if let Some((path, settings)) = self.confirm_replace.clone() {
            egui::Modal::new(egui::Id::unique("confirm_replace")).show(&ctx, |ui| {
                ui.label(format!("{} exists. Replace it?", path.display()));
                ui.horizontal(|ui| {
                    if ui.button("Replace").clicked() {
                        commands.push(Command::WriteExport {
                            settings: settings.clone(),
                            path: path.clone(),
                            confirmed: true,
                        });
                        self.confirm_replace = None;
                    }
                    if ui.button("Cancel").clicked() {
                        self.confirm_replace = None;
                    }
                });
            });
        }
        if self.help_open {
            self.help_open = help_ui(&ctx);
        }
        let choice = self
            .findings
            .as_mut()
            .map(|findings| findings.ui(&ctx, &self.doc, &mut commands));
        if let Some(choice) = choice {
            match choice {
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
        self.apply_all(&ctx, commands);
    }
}

impl ClaimlineApp {
    fn apply_all(&mut self, ctx: &egui::Context, commands: Vec<Command>) {
        if !commands.is_empty() {
            // The frame was drawn before these applied; draw their result now.
            ctx.request_repaint();
        }
        for command in commands {
            self.apply(ctx, command);
        }
    }
}

/// How many modifier keys a shortcut holds (Ctrl and ⌘ count once).
fn modifier_count(modifiers: egui::Modifiers) -> usize {
    [
        modifiers.alt,
        modifiers.shift,
        modifiers.ctrl || modifiers.command || modifiers.mac_cmd,
    ]
    .into_iter()
    .filter(|&held| held)
    .count()
}

/// A file name from a dataset title: "Kremlin denials of US…" → "kremlin-denials-of-us…".
fn file_stem(title: &str) -> String {
    let stem: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() {
        "timeline".to_owned()
    } else {
        stem.chars().take(60).collect()
    }
}
