//! The built-in file browser: a window that stands in for the system's open and save dialogs
//! where there are none (a Linux desktop with no XDG desktop portal), saying why at its top.
//!
//! A path field takes a typed or pasted path (Enter opens it, or goes to it when it is a folder);
//! the folder's entries are listed below with the files wanted first. Listing, sorting and path
//! rules live in [`crate::folder`]; folders are read on a background thread so a huge or slow one
//! never holds up a frame.

use std::path::{Path, PathBuf};

use egui::{Context, Key, RichText, Ui};

use super::job::{Job, Poll};
use super::native_dialog::Choosing;
use super::theme;
use crate::folder::{
    self, EntryKind, FolderError, Listing, MAX_ENTRIES, resolve_typed_path, with_default_extension,
};

/// What the browser is choosing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BrowseMode {
    /// An existing file to open, these kinds listed first.
    Open { extensions: &'static [&'static str] },
    /// Where to write an image; a name without an extension gets this one.
    Save { extension: &'static str },
}

impl BrowseMode {
    /// Extensions listed first (as "wanted").
    fn wanted(self) -> Vec<&'static str> {
        match self {
            BrowseMode::Open { extensions } => extensions.to_vec(),
            BrowseMode::Save { extension } => vec![extension],
        }
    }
}

/// What the browser did this frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BrowserOutcome {
    /// Still choosing.
    Keep,
    /// Closed without choosing.
    Cancelled,
    /// This file was chosen (to open, or to write; the caller confirms replacing).
    Chosen(PathBuf),
}

/// The browser's state; [`FileBrowser::ui`] draws it.
pub struct FileBrowser {
    mode: BrowseMode,
    /// The window's title and what the files wanted are called.
    choosing: Choosing,
    /// Why the system dialog is not used, shown above everything else.
    pub message: Option<String>,
    /// The folder listed.
    folder: PathBuf,
    /// The path field: the folder, or what the user typed or pasted.
    path_text: String,
    /// The name to save as (save mode).
    file_name: String,
    listing: Option<Listing>,
    /// The folder being read in the background.
    reading: Option<Job<Result<Listing, FolderError>>>,
    /// What went wrong with the last path or folder, naming it.
    error: Option<String>,
    /// A file to save over, once the user agrees.
    confirm_replace: Option<PathBuf>,
    show_hidden: bool,
    /// Put the keyboard in the path field (open mode) or name field (save mode) next frame.
    focus_field: bool,
}

/// The path field's id, so it can take the keyboard when the browser opens.
fn path_field_id() -> egui::Id {
    egui::Id::unique("file_browser_path")
}

fn file_name_field_id() -> egui::Id {
    egui::Id::unique("file_browser_file_name")
}

impl FileBrowser {
    /// A browser choosing a dataset to open, starting in `folder`.
    pub fn open(
        ctx: &Context,
        folder: PathBuf,
        choosing: Choosing,
        message: Option<String>,
    ) -> Self {
        let mode = BrowseMode::Open {
            extensions: choosing.extensions,
        };
        Self::new(ctx, mode, choosing, folder, String::new(), message)
    }

    /// A browser choosing where to save, suggesting `file_name` in `folder`.
    pub fn save(
        ctx: &Context,
        folder: PathBuf,
        file_name: String,
        extension: &'static str,
        choosing: Choosing,
        message: Option<String>,
    ) -> Self {
        Self::new(
            ctx,
            BrowseMode::Save { extension },
            choosing,
            folder,
            file_name,
            message,
        )
    }

    fn new(
        ctx: &Context,
        mode: BrowseMode,
        choosing: Choosing,
        folder: PathBuf,
        file_name: String,
        message: Option<String>,
    ) -> Self {
        let mut browser = Self {
            mode,
            choosing,
            message,
            path_text: String::new(),
            folder: PathBuf::new(),
            file_name,
            listing: None,
            reading: None,
            error: None,
            confirm_replace: None,
            show_hidden: false,
            focus_field: true,
        };
        browser.go_to(ctx, folder);
        browser
    }

    /// Lists `folder` (on a background thread) and shows it in the path field.
    fn go_to(&mut self, ctx: &Context, folder: PathBuf) {
        let thread_folder = folder.clone();
        let wanted = self.mode.wanted();
        let reading = Job::spawn(ctx, move || {
            folder::read_folder(&thread_folder, &wanted, MAX_ENTRIES)
        });
        self.path_text = folder.display().to_string();
        self.folder = folder;
        self.reading = Some(reading);
        self.error = None;
        self.confirm_replace = None;
    }

    /// Takes a finished background read.
    fn poll(&mut self) {
        let Some(reading) = &self.reading else {
            return;
        };
        match reading.poll() {
            Poll::Done(Ok(listing)) => {
                self.listing = Some(listing);
                self.reading = None;
            }
            Poll::Done(Err(error)) => {
                self.error = Some(error.to_string());
                self.listing = None;
                self.reading = None;
            }
            Poll::Pending => {}
            Poll::Lost => {
                self.error = Some(format!(
                    "cannot list {}: the reader stopped unexpectedly",
                    self.folder.display()
                ));
                self.reading = None;
            }
        }
    }

    /// Acts on `typed` (from the path or name field), relative to the folder shown: a folder is
    /// gone to; a file is chosen (opening needs it to exist, saving needs its folder to).
    fn submit(&mut self, ctx: &Context, typed: &str) -> Option<PathBuf> {
        let home = home_folder();
        let path = resolve_typed_path(typed, &self.folder, home.as_deref())?;
        self.choose(ctx, path)
    }

    /// Goes into `path` when it is a folder, else chooses it if it can be opened or written.
    fn choose(&mut self, ctx: &Context, path: PathBuf) -> Option<PathBuf> {
        if path.is_dir() {
            self.go_to(ctx, path);
            return None;
        }
        match self.mode {
            BrowseMode::Open { .. } if path.is_file() => Some(path),
            BrowseMode::Open { .. } => {
                self.error = Some(format!("{}: no such file or folder", path.display()));
                None
            }
            BrowseMode::Save { extension } => {
                let folder_exists = path.parent().is_some_and(Path::is_dir);
                let path = with_default_extension(path, extension);
                if folder_exists && path.exists() {
                    self.confirm_replace = Some(path);
                    None
                } else if folder_exists {
                    Some(path)
                } else {
                    self.error = Some(format!(
                        "{}: the folder to save in does not exist",
                        path.display()
                    ));
                    None
                }
            }
        }
    }

    /// Draws the browser window and reports what the user did.
    pub fn ui(&mut self, ctx: &Context) -> BrowserOutcome {
        self.poll();
        let mut open = true;
        let mut outcome = BrowserOutcome::Keep;
        egui::Window::new(self.choosing.title)
            .id(egui::Id::unique("file_browser"))
            .open(&mut open)
            .collapsible(false)
            // Centred over the window, like the dialog it stands in for.
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ctx.content_rect().center())
            .default_size([720.0, 480.0])
            .show(ctx, |ui| {
                outcome = self.contents_ui(ui);
            });
        if !open {
            outcome = BrowserOutcome::Cancelled;
        }
        outcome
    }

    fn contents_ui(&mut self, ui: &mut Ui) -> BrowserOutcome {
        let ctx = ui.ctx().clone();
        let mut outcome = BrowserOutcome::Keep;
        if let Some(message) = &self.message {
            ui.label(RichText::new(message).color(theme::warning(ui.visuals().dark_mode)));
            ui.add_space(4.0);
        }
        let mut typed = None;
        ui.horizontal(|ui| {
            let up = folder::parent_folder(&self.folder);
            if ui
                .add_enabled(up.is_some(), egui::Button::new("↑ Parent folder"))
                .on_hover_text("The folder above this one")
                .clicked()
                && let Some(up) = up
            {
                self.go_to(&ctx, up);
            }
            let label = ui.label("Path");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.path_text)
                        .id(path_field_id())
                        .hint_text("type or paste a path, then Enter")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                typed = Some(self.path_text.clone());
            }
        });
        if matches!(self.mode, BrowseMode::Open { .. }) && std::mem::take(&mut self.focus_field) {
            ctx.memory_mut(|m| m.request_focus(path_field_id()));
        }
        if let Some(error) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        if let Some(path) = self.confirm_replace.clone() {
            ui.horizontal(|ui| {
                ui.label(format!("{} exists. Replace it?", path.display()));
                if ui.button("Replace").clicked() {
                    outcome = BrowserOutcome::Chosen(path);
                    self.confirm_replace = None;
                }
                if ui.button("Keep it").clicked() {
                    self.confirm_replace = None;
                }
            });
        }
        ui.separator();

        let footer_height = ui.spacing().interact_size.y * 2.0 + ui.spacing().item_spacing.y * 3.0;
        let list_height = (ui.available_height() - footer_height).max(120.0);
        let clicked = self.entries_ui(ui, list_height);
        ui.separator();

        ui.horizontal(|ui| {
            if let BrowseMode::Save { .. } = self.mode {
                let label = ui.label("File name");
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.file_name)
                            .id(file_name_field_id())
                            .desired_width(260.0),
                    )
                    .labelled_by(label.id);
                if std::mem::take(&mut self.focus_field) {
                    ctx.memory_mut(|m| m.request_focus(file_name_field_id()));
                }
                let enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                if enter || ui.button("Save").clicked() {
                    typed = Some(self.file_name.clone());
                }
            } else if ui.button("Open").clicked() {
                typed = Some(self.path_text.clone());
            }
            if ui.button("Cancel").clicked() {
                outcome = BrowserOutcome::Cancelled;
            }
            ui.checkbox(&mut self.show_hidden, "Show hidden files");
        });

        let chosen = match (typed, clicked) {
            (Some(typed), _) => self.submit(&ctx, &typed),
            (None, Some(clicked)) => self.choose(&ctx, clicked),
            (None, None) => None,
        };
        if let Some(path) = chosen {
            outcome = BrowserOutcome::Chosen(path);
        }
        outcome
    }

    /// The folder's entries, only the rows on screen laid out. Returns an entry's path when one
    /// is double-clicked (a file) or clicked (a folder).
    fn entries_ui(&mut self, ui: &mut Ui, height: f32) -> Option<PathBuf> {
        if self.reading.is_some() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(format!("Reading {}…", self.folder.display()));
            });
            return None;
        }
        let listing = self.listing.as_ref()?;
        let visible: Vec<&folder::Entry> = listing.visible(self.show_hidden).collect();
        let mut chosen = None;
        let row_height = ui.spacing().interact_size.y;
        egui::ScrollArea::vertical()
            .max_height(height)
            .auto_shrink([false, false])
            .show_rows(ui, row_height, visible.len(), |ui, rows| {
                for entry in visible.iter().skip(rows.start).take(rows.len()) {
                    // No icon font is bundled: folders end in "/" as in `ls -F`, the files
                    // wanted are strong and the rest weak.
                    let text = match entry.kind {
                        EntryKind::Wanted => RichText::new(&entry.name).strong(),
                        EntryKind::Folder => RichText::new(format!("{}/", entry.name)),
                        EntryKind::Other => RichText::new(&entry.name).weak(),
                    };
                    let selected = match self.mode {
                        BrowseMode::Open { .. } => {
                            self.path_text == entry.path.display().to_string()
                        }
                        BrowseMode::Save { .. } => self.file_name == entry.name,
                    };
                    let row = ui.add(egui::Button::selectable(selected, text));
                    // A click goes into a folder; a file is picked by a click and chosen by a
                    // double-click.
                    if (entry.kind == EntryKind::Folder && row.clicked()) || row.double_clicked() {
                        chosen = Some(entry.path.clone());
                    } else if row.clicked() {
                        match self.mode {
                            BrowseMode::Open { .. } => {
                                self.path_text = entry.path.display().to_string();
                            }
                            BrowseMode::Save { .. } => self.file_name.clone_from(&entry.name),
                        }
                    }
                }
            });
        let [wanted, folders, other] = listing.counts(self.show_hidden);
        let wanted_name = self.choosing.noun;
        ui.weak(format!(
            "{}, {}, {}",
            count(wanted, wanted_name),
            count(folders, ("folder", "folders")),
            count(other, ("other file", "other files"))
        ));
        if listing.truncated {
            ui.weak(format!(
                "Only the first {MAX_ENTRIES} entries read are listed; type a name to open another."
            ));
        }
        chosen
    }
}

/// The user's home folder, for `~` in typed paths.
fn home_folder() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from)
}

/// "1 folder", "2 folders".
fn count(n: usize, (one, many): (&str, &str)) -> String {
    crate::model::count::count(n, one, many)
}
