//! What the user asked for. Views push commands; the app applies them once per frame, so menus,
//! shortcuts and clicks all go through one place.

use std::path::PathBuf;

use crate::timeline::TimeView;

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Select an event (by index) without moving the view.
    Select(usize),
    /// Select an event and bring it into view (relation links, ← / →, findings).
    Focus(usize),
    /// [`Command::Focus`] on the event with this id (a finding names its event by id).
    FocusId(String),
    ClearSelection,
    SelectNext,
    SelectPrevious,
    SetView(TimeView),
    FitAll,
    /// Zoom about the centre by a factor (< 1 zooms in).
    Zoom(f64),
    /// Open the native file dialog (off the UI thread).
    OpenDialog,
    /// Load a file in the background, keeping the open dataset if it fails.
    OpenPath(PathBuf),
    /// Load the open file again (Ctrl+R), keeping the view and the selection.
    Reload,
    /// Stop waiting for a background load; what is open stays open.
    CancelLoad,
    /// Reload the open file whenever it changes on disk.
    SetWatch(bool),
    ClearRecent,
    DismissNotice,
    /// Show a citation's quote highlighted in its source text.
    ShowSource {
        event: usize,
        citation: usize,
    },
    SetDarkMode(bool),
    /// Copy the timeline, as drawn, to the clipboard.
    CopyImage,
    /// Ask where to save a screenshot of the timeline (Ctrl+Shift+S).
    SaveImageDialog,
    /// Save a screenshot of the timeline to this file.
    SaveImageTo(PathBuf),
    ShowExportDialog,
    /// Ask where to export, then export with these settings.
    ExportImage(super::export_dialog::ExportSettings),
    /// Export to a chosen file; `confirmed` once the user agreed to replace it.
    WriteExport {
        settings: super::export_dialog::ExportSettings,
        path: PathBuf,
        confirmed: bool,
    },
    /// Enter or leave presentation mode (F11).
    TogglePresentation,
    ShowHelp,
    ShowFindings,
    /// Back to the selection before this one (Alt+←), like a browser.
    HistoryBack,
    /// Forward again after [`Command::HistoryBack`] (Alt+→).
    HistoryForward,
    /// Show the search bar and put the keyboard in it (Ctrl+F).
    ShowSearch,
    /// Hide the search bar and forget the search text (filters stay).
    CloseSearch,
    /// Replace the search text and filters; the marks, the count and exports follow.
    SetFilter(crate::timeline::Filter),
    /// Select the next match in time and bring it into view (Enter in the search box).
    NextMatch,
    /// The previous match in time (Shift+Enter).
    PreviousMatch,
    /// Show or hide the event table (T).
    ToggleTable,
}
