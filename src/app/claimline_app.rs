//! The application: the open document, the selection and the view, and the panels that show them.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::command::Command;
use super::detail_panel::detail_ui;
use super::export_dialog::{ExportDialog, ExportSettings};
use super::file_chooser::{FileChooser, FileRequest};
use super::find::Find;
use super::findings_window::{FindingsChoice, FindingsWindow};
use super::help::help_ui;
use super::image_capture::Capture;
use super::loading::{LoadJob, LoadReason, Loaded, Stamp, prepare};
use super::menu::menu_bar_ui;
use super::native_dialog::NativeDialogs;
use super::presentation::{ViewAnimation, caption_ui};
use super::remembered::Remembered;
use super::search_job::SearchResult;
use super::source_view::SourceView;
use super::status_bar::status_bar_ui;
use super::timeline_view::TimelineView;
use crate::document::Document;
use crate::load::{Finding, Origin, Place, Progress, Report};
use crate::timeline::{Filter, Matches, TimeView};

#[expect(
    clippy::struct_excessive_bools,
    reason = "independent states of the window: open windows and the quit prompt"
)]
pub struct ClaimlineApp {
    /// Shared with a search running in the background.
    pub(super) doc: Arc<Document>,
    pub(super) selected: Option<usize>,
    /// `None` means "fit all", so a new dataset or a resized window always starts fitted.
    pub(super) view: Option<TimeView>,
    pub(super) timeline: TimelineView,
    pub(super) source_view: Option<SourceView>,
    pub(super) findings: Option<FindingsWindow>,
    pub(super) help_open: bool,
    pub(super) meanings_open: bool,
    pub(super) about_open: bool,
    pub(super) commands: Vec<Command>,
    /// Persisted across runs.
    pub(super) remembered: Remembered,
    /// A file loading in the background.
    pub(super) job: Option<LoadJob>,
    /// File ▸ Open…, Save image… and Export image…: the system dialog or the built-in browser.
    pub(super) files: FileChooser,
    /// The open file's stamp from just before it was read, for "reload when it changes".
    pub(super) loaded_modified: Option<Stamp>,
    /// The stamp of the file the last load read, taken before reading it.
    pub(super) read_stamp: Option<Stamp>,
    /// A one-line message for the status bar (a remembered file that has gone, a reload).
    pub(super) notice: Option<String>,
    pub(super) title_shown: String,
    /// A screenshot in progress.
    pub(super) capture: Option<Capture>,
    pub(super) export_dialog: ExportDialog,
    /// An export waiting for the user to agree to replace a file.
    pub(super) confirm_replace: Option<(PathBuf, ExportSettings)>,
    /// In presentation mode: the theme to go back to.
    pub(super) presenting: Option<bool>,
    pub(super) animation: Option<ViewAnimation>,
    /// `ctx.input().time` this frame, for animations.
    pub(super) now: f64,
    /// The remembered view, applied when the remembered file has loaded.
    pub(super) restore_view: Option<TimeView>,
    /// Edit ▸ Find: the search and filters, and the events they show.
    pub(super) find: Find,
    /// For the searches in the background, which ask for a repaint when done.
    pub(super) egui_ctx: egui::Context,
    /// Undo, redo, unsaved changes and saving.
    pub(super) editing: super::editing::Editing,
    /// Quitting, opening, New or Reload waits for the user to say what to do with unsaved
    /// changes.
    pub(super) confirm_leave: Option<super::command::Leaving>,
    /// The user chose to quit without saving.
    pub(super) quitting: bool,
    /// The user chose Save on leaving: leave once the save is done.
    pub(super) after_save: Option<super::command::Leaving>,
    /// File ▸ Add source…
    pub(super) add_source: super::add_source::AddSource,
    /// Deleting an event that others point at waits for the user to say what to do with their
    /// relations.
    pub(super) confirm_delete: Option<usize>,
    /// Edit ▸ Lanes and actors…
    pub(super) lanes_and_actors_open: bool,
    /// Unsaved work written to the settings folder every few seconds, and offered back after a
    /// crash.
    pub(super) autosave: super::autosave::Autosave,
    /// Earlier selections, most recent last (Alt+← goes back to it).
    pub(super) back: Vec<usize>,
    /// Selections gone back from, most recent last (Alt+→).
    pub(super) forward: Vec<usize>,
    /// View ▸ Event table: its sort and row order.
    pub(super) table: super::event_table::EventTable,
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
        let app = Self::with_remembered(&cc.egui_ctx, remembered, file);
        // Where settings persist, unsaved work does too.
        match (cc.storage.is_some(), super::crash_report::folder()) {
            (true, Some(folder)) => app.with_autosave_in(folder),
            _ => app,
        }
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

    pub(super) fn with_document(
        ctx: &egui::Context,
        doc: Document,
        remembered: Remembered,
    ) -> Self {
        Self {
            doc: Arc::new(doc),
            selected: None,
            view: None,
            timeline: TimelineView::default(),
            source_view: None,
            findings: None,
            help_open: false,
            meanings_open: false,
            about_open: false,
            commands: Vec::new(),
            remembered,
            job: None,
            files: FileChooser::default(),
            loaded_modified: None,
            read_stamp: None,
            notice: None,
            title_shown: String::new(),
            capture: None,
            export_dialog: ExportDialog::default(),
            confirm_replace: None,
            presenting: None,
            animation: None,
            now: 0.0,
            restore_view: None,
            find: Find::default(),
            egui_ctx: ctx.clone(),
            editing: super::editing::Editing::default(),
            confirm_leave: None,
            quitting: false,
            after_save: None,
            add_source: super::add_source::AddSource::default(),
            confirm_delete: None,
            lanes_and_actors_open: false,
            autosave: super::autosave::Autosave::default(),
            back: Vec::new(),
            forward: Vec::new(),
            table: super::event_table::EventTable::default(),
        }
    }

    /// The open dataset.
    pub fn doc(&self) -> &Document {
        &self.doc
    }

    /// The selected event.
    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    /// The timeline as drawn last frame.
    pub fn timeline(&self) -> &TimelineView {
        &self.timeline
    }

    /// The search text and filters.
    pub fn filter(&self) -> &Filter {
        &self.find.filter
    }

    /// The events the filter shows; `None` when nothing is filtered.
    pub fn matches(&self) -> Option<&Matches> {
        self.find.matches.as_deref()
    }

    /// What is remembered across runs.
    pub fn remembered(&self) -> &Remembered {
        &self.remembered
    }

    /// View ▸ Event table's rows and sort.
    pub fn table(&self) -> &super::event_table::EventTable {
        &self.table
    }

    /// Whether the dataset has changes not saved to its file.
    pub fn has_unsaved_changes(&self) -> bool {
        self.editing.is_dirty()
    }

    /// The status bar's message.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
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
        self.files.set_native(dialogs);
    }

    /// True while the built-in file browser is up.
    pub fn is_browsing(&self) -> bool {
        self.files.is_browsing()
    }

    /// Queues a command as if the user had given it.
    pub fn push_command(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Asks the user for a file (see [`FileChooser`]).
    pub(super) fn request_file(&mut self, ctx: &egui::Context, request: FileRequest) {
        let folder = start_folder(&self.doc, &self.remembered);
        self.files.request(ctx, request, folder);
    }

    pub(super) fn start_load(&mut self, ctx: &egui::Context, path: PathBuf, reason: LoadReason) {
        self.notice = None;
        self.job = Some(LoadJob::spawn(path, reason, ctx));
    }

    pub(super) fn accept_load(&mut self, path: &Path, loaded: Loaded, reason: LoadReason) {
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
            // A file whose dataset can be built opens, errors and all: the user opened it to fix
            // it, and its findings show in place and in the findings window.
            Loaded::Opened { doc, has_errors } => {
                let findings = has_errors || doc.finding_counts().1 > 0;
                self.replace_document(*doc, reason);
                if let Some(view) = self.restore_view.take() {
                    self.view = Some(view.clamped(self.doc.limits));
                }
                self.findings = findings.then(|| {
                    FindingsWindow::new(
                        Arc::clone(&self.doc.report),
                        Arc::clone(&self.doc.finding_groups),
                        None,
                        true,
                    )
                });
            }
        }
    }

    /// Makes `doc` the open dataset. A reload keeps the view and the selected event (by id).
    pub(super) fn replace_document(&mut self, doc: Document, reason: LoadReason) {
        let selected_id = self
            .selected
            .and_then(|i| self.doc.dataset.events.get(i))
            .map(|e| e.id.clone());
        let old = std::mem::replace(&mut self.doc, Arc::new(doc));
        // Freeing a million events takes longer than a frame: let another thread do it.
        std::thread::spawn(move || drop(old));
        self.source_view = None;
        // Indices into the old dataset mean nothing in the new one, nor do its edits.
        self.editing = super::editing::Editing::default();
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
            Origin::Embedded | Origin::Untitled => {
                self.loaded_modified = None;
                self.remembered.last_path = None;
            }
        }
    }

    /// The filters last used on the open dataset (search text starts empty).
    pub(super) fn restore_filter(&mut self) {
        let search = std::mem::take(&mut self.find.filter.search);
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
    pub(super) fn set_filter(&mut self, filter: Filter) {
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
        self.find.filter = filter.clone();
        if let Some(result) = self.find.runner.request(&self.doc, filter, &self.egui_ctx) {
            self.show_search_result(result);
        }
    }

    /// Shows a search's result on the timeline, in the table and in the count.
    pub(super) fn show_search_result(&mut self, result: SearchResult) {
        self.find.matches = result.matches;
        self.timeline.dimmed = result.dimmed;
        self.find.generation += 1;
        self.timeline.shown.clone_from(&self.find.matches);
        let rows = crate::timeline::layout::rows_without(
            &self.doc.dataset,
            &self.find.filter.hidden_lanes,
        );
        // Under a filter, the legend names only the kinds left and rows left empty go, as an
        // export of the same filter draws them.
        self.timeline.shown_contents = self
            .find
            .matches
            .as_deref()
            .map(|m| crate::timeline::shown::Shown::of(&self.doc.dataset, &self.doc.index, m));
        self.timeline.rows = match &self.timeline.shown_contents {
            Some(shown) => shown.rows(rows.as_deref()),
            None => rows,
        };
        if let Some(forward) = self.find.step_after_search.take() {
            self.step_match(forward);
        }
    }

    /// True while a search runs in the background (the search bar says "searching…").
    pub fn is_searching(&self) -> bool {
        self.find.runner.is_busy()
    }

    /// Searches datasets of at least `events` events in the background. Tests lower it to try
    /// the background path on the small seed dataset.
    pub fn set_background_search_from(&mut self, events: usize) {
        self.find.runner.set_background_from(events);
    }

    pub(super) fn set_dark_mode(&mut self, ctx: &egui::Context, dark: bool) {
        self.remembered.dark = dark;
        ctx.set_theme(if dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
    }
}

/// Where a file chooser starts: beside the open file, else the last one opened, else the working
/// folder.
fn start_folder(doc: &Document, remembered: &Remembered) -> PathBuf {
    let beside = |path: &Path| path.parent().filter(|p| p.is_dir()).map(Path::to_path_buf);
    let open_file = match &doc.origin {
        Origin::File(path) => beside(path),
        Origin::Embedded | Origin::Untitled => None,
    };
    open_file
        .or_else(|| remembered.recent.first().and_then(|p| beside(p)))
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("/"))
}

impl eframe::App for ClaimlineApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        let (doc, remembered) = (&self.doc, &self.remembered);
        self.files
            .poll(ctx, &|| start_folder(doc, remembered), &mut self.commands);
        if let Some(result) = self.find.runner.poll(&self.doc, ctx) {
            self.show_search_result(result);
        }
        if let Some(result) = self.job.as_ref().and_then(LoadJob::poll)
            && let Some(job) = self.job.take()
        {
            self.read_stamp = job.stamp;
            self.accept_load(&job.path, result, job.reason);
        }
        self.watch(ctx);
        self.poll_save(ctx);
        // Closing the window with unsaved changes asks first (Save / Discard / Cancel).
        if ctx.input(|i| i.viewport().close_requested())
            && self.editing.is_dirty()
            && !self.quitting
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm_leave = Some(super::command::Leaving::Quit);
        }
        self.autosave_tick(ctx);
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
            "{}Claimline — {}",
            if self.editing.is_dirty() { "• " } else { "" },
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
                .show(ui, |ui| {
                    caption_ui(
                        ui,
                        &self.doc,
                        self.selected,
                        &self.find.filter,
                        self.find.matches.as_ref().map(|m| m.count()),
                    );
                });
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
        if self.find.bar_open || self.find.filter.is_active() {
            egui::Panel::top("search_bar").show(ui, |ui| {
                super::search_bar::search_bar_ui(
                    ui,
                    &self.find.filter,
                    self.find.matches.as_deref(),
                    self.find.runner.is_busy(),
                    &self.doc,
                    &mut commands,
                );
            });
            if std::mem::take(&mut self.find.focus_box) {
                ctx.memory_mut(|m| m.request_focus(super::search_bar::search_box_id()));
            }
        }
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            status_bar_ui(
                ui,
                &self.doc,
                self.job.as_ref(),
                if self.files.is_checking() {
                    Some("Looking for the system file dialog…")
                } else {
                    self.notice.as_deref()
                },
                self.editing.is_dirty(),
                &mut commands,
            );
        });
        egui::Panel::right("detail_panel")
            .resizable(true)
            .default_size(420.0)
            .size_range(280.0..=900.0)
            .show(ui, |ui| {
                let (find, dimmed) = (&self.find, self.timeline.dimmed.as_deref());
                let hidden = |event: usize| find.hides(event, dimmed);
                detail_ui(
                    ui,
                    &self.doc,
                    self.selected,
                    self.editing.form_open,
                    self.editing.picking_for(&self.doc, self.selected),
                    &hidden,
                    &mut commands,
                );
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
                        self.find.matches.as_ref(),
                        self.find.generation,
                        self.selected,
                        &mut commands,
                    );
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            self.timeline
                .ui(ui, &self.doc, view, self.selected, &mut commands);
            if let Some(pick) = &self.editing.picking {
                super::relation_pick::relation_pick_ui(ui, &self.doc, pick, &mut commands);
            }
        });
        super::drop_overlay::drop_overlay_ui(&ctx);

        if let Some(capture) = &mut self.capture {
            // Windows stay out of the picture; they come back once it is taken.
            capture.request_if_ready(&ctx);
            self.apply_all(&ctx, commands);
            return;
        }
        if let Some(source_view) = &mut self.source_view
            && !source_view.ui(&ctx, &self.doc, self.selected, &mut commands)
        {
            self.source_view = None;
        }
        self.export_dialog.ui(&ctx, &mut commands);
        self.files.browser_ui(&ctx, &mut commands);
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
        super::leaving::leaving_ui(&ctx, &mut self.confirm_leave, &mut commands);
        self.record_windows_ui(&ctx, &mut commands);
        if self.meanings_open {
            self.meanings_open = super::what_marks_mean::what_marks_mean_ui(&ctx);
        }
        if self.about_open {
            self.about_open = super::what_marks_mean::about_ui(&ctx);
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

/// A file name from a dataset title: "Kremlin denials of US…" → "kremlin-denials-of-us…".
pub(super) fn file_stem(title: &str) -> String {
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
