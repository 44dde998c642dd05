//! Choosing a file: the system dialog when it works, else the built-in browser saying why.
//!
//! Whether the system dialog can be shown is asked once, off the UI thread, at the first request.
//! A dialog that answers `None` was cancelled: nothing changes and nothing is said. One that stops
//! without answering failed: the built-in browser takes over, saying so, from then on.

use std::path::PathBuf;

use super::command::Command;
use super::export_dialog::ExportSettings;
use super::file_browser::{BrowserOutcome, FileBrowser};
use super::job::{Job, Poll};
use super::native_dialog::{Availability, Choosing, NativeDialogs, SystemDialogs};

/// What a chosen file is for.
pub enum FilePurpose {
    Open,
    Screenshot,
    Export(ExportSettings),
    /// File ▸ Save As…: where the dataset is saved.
    SaveDataset,
    /// Add source ▸ Read a file…: a text to cite.
    SourceText,
}

/// A source's text: plain text, Markdown, or a web page made plain.
pub const SOURCE_TEXT_EXTENSIONS: [&str; 5] = ["txt", "md", "markdown", "html", "htm"];

impl FilePurpose {
    pub fn choosing(&self) -> Choosing {
        const DATASETS: &[&str] = &crate::folder::DATASET_EXTENSIONS;
        match self {
            FilePurpose::Open => Choosing {
                title: "Open a dataset",
                extensions: DATASETS,
                noun: ("dataset", "datasets"),
            },
            FilePurpose::SaveDataset => Choosing {
                title: "Save the dataset",
                extensions: &["json"],
                noun: ("dataset", "datasets"),
            },
            FilePurpose::SourceText => Choosing {
                title: "Read a source's text",
                extensions: &SOURCE_TEXT_EXTENSIONS,
                noun: ("text", "texts"),
            },
            FilePurpose::Screenshot | FilePurpose::Export(_) => Choosing {
                title: "Save image",
                extensions: &[],
                noun: ("image", "images"),
            },
        }
    }
}

/// A file the user asked to choose (File ▸ Open…, Save image…, Export image…).
pub struct FileRequest {
    pub purpose: FilePurpose,
    /// The suggested name and its extension, when saving.
    pub save_as: Option<(String, &'static str)>,
}

/// Whether the system's file dialog can be shown, as far as is known.
enum DialogSupport {
    /// Not asked yet: asked at the first Open… or Save…, so a run that never chooses a file never
    /// asks, and neither does a test that does not.
    Unknown,
    /// Being checked; the request waits for the answer.
    Checking(Job<Availability>, FileRequest),
    Known(Availability),
}

/// The one file chooser that may be up, and what is known of the system's.
pub struct FileChooser {
    /// The system's file dialogs (a stand-in in tests, so none ever opens there).
    native: Box<dyn NativeDialogs>,
    support: DialogSupport,
    /// The system dialog, while it is up, and the request it answers.
    dialog: Option<(Job<Option<PathBuf>>, FileRequest)>,
    /// The built-in file browser, while it is up, and what the chosen file is for.
    browser: Option<(FileBrowser, FilePurpose)>,
}

impl Default for FileChooser {
    fn default() -> Self {
        Self {
            native: Box::new(SystemDialogs),
            support: DialogSupport::Unknown,
            dialog: None,
            browser: None,
        }
    }
}

/// The message when the system dialog stopped without an answer.
const FAILED: &str = "The system file dialog stopped without an answer, so choose the file here \
                      instead.";

impl FileChooser {
    /// Replaces the system's dialogs, and forgets whether they were available.
    pub fn set_native(&mut self, dialogs: Box<dyn NativeDialogs>) {
        self.native = dialogs;
        self.support = DialogSupport::Unknown;
    }

    /// True while the built-in browser is up.
    pub fn is_browsing(&self) -> bool {
        self.browser.is_some()
    }

    /// True while it is being found out whether the system dialog works.
    pub fn is_checking(&self) -> bool {
        matches!(self.support, DialogSupport::Checking(..))
    }

    /// Shows a chooser for `request`, once it is known whether the system one works, starting in
    /// `folder`. One chooser at a time: asking again while one is up does nothing.
    pub fn request(&mut self, ctx: &egui::Context, request: FileRequest, folder: PathBuf) {
        if self.dialog.is_some() || self.browser.is_some() {
            return;
        }
        self.support = match std::mem::replace(&mut self.support, DialogSupport::Unknown) {
            DialogSupport::Unknown => DialogSupport::Checking(self.native.check(ctx), request),
            // The latest request is the one the user is waiting for.
            DialogSupport::Checking(answer, _) => DialogSupport::Checking(answer, request),
            DialogSupport::Known(Availability::Available) => {
                let choosing = request.purpose.choosing();
                let job = match &request.save_as {
                    None => self.native.pick_file(ctx, choosing, Some(folder)),
                    Some((name, extension)) => {
                        self.native
                            .pick_save_path(ctx, choosing, name.clone(), extension)
                    }
                };
                self.dialog = Some((job, request));
                DialogSupport::Known(Availability::Available)
            }
            DialogSupport::Known(Availability::Missing(message)) => {
                self.show_browser(ctx, request, folder, message.clone());
                DialogSupport::Known(Availability::Missing(message))
            }
        };
    }

    fn show_browser(
        &mut self,
        ctx: &egui::Context,
        request: FileRequest,
        folder: PathBuf,
        message: String,
    ) {
        let choosing = request.purpose.choosing();
        let browser = match request.save_as {
            None => FileBrowser::open(ctx, folder, choosing, Some(message)),
            Some((file_name, extension)) => {
                FileBrowser::save(ctx, folder, file_name, extension, choosing, Some(message))
            }
        };
        self.browser = Some((browser, request.purpose));
    }

    /// Takes the answers of the availability check and of the system dialog, pushing the command
    /// a chosen file is for. `folder` is where a browser taking over starts.
    pub fn poll(
        &mut self,
        ctx: &egui::Context,
        folder: &dyn Fn() -> PathBuf,
        commands: &mut Vec<Command>,
    ) {
        if let DialogSupport::Checking(answer, _) = &self.support {
            let availability = match answer.poll() {
                Poll::Pending => None,
                Poll::Done(availability) => Some(availability),
                Poll::Lost => Some(Availability::Missing(FAILED.to_owned())),
            };
            if let Some(availability) = availability
                && let DialogSupport::Checking(_, request) =
                    std::mem::replace(&mut self.support, DialogSupport::Known(availability))
            {
                self.request(ctx, request, folder());
            }
        }
        let Some((job, _)) = &self.dialog else {
            return;
        };
        match job.poll() {
            Poll::Pending => {}
            Poll::Done(picked) => {
                if let Some((_, request)) = self.dialog.take()
                    && let Some(path) = picked
                {
                    // The system dialog has asked about replacing the file already.
                    commands.push(chosen_command(request.purpose, path));
                }
            }
            Poll::Lost => {
                if let Some((_, request)) = self.dialog.take() {
                    // From now on the built-in browser is used; it opens at once for this request.
                    self.support = DialogSupport::Known(Availability::Missing(FAILED.to_owned()));
                    self.show_browser(ctx, request, folder(), FAILED.to_owned());
                }
            }
        }
    }

    /// Draws the built-in browser, if it is up, and turns a chosen file into its command.
    pub fn browser_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
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
        FilePurpose::SaveDataset => Command::SaveTo(path),
        FilePurpose::SourceText => Command::ReadSourceText(path),
        FilePurpose::Export(settings) => Command::WriteExport {
            settings,
            path,
            confirmed: true,
        },
    }
}
