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
    ClearSelection,
    SelectNext,
    SelectPrevious,
    SetView(TimeView),
    FitAll,
    /// Zoom about the centre by a factor (< 1 zooms in).
    Zoom(f64),
    /// Open the native file dialog (off the UI thread).
    OpenDialog,
    /// Load a file, keeping the open dataset if it fails.
    OpenPath(PathBuf),
    /// Show a citation's quote highlighted in its source text.
    ShowSource {
        event: usize,
        citation: usize,
    },
    SetDarkMode(bool),
    ShowHelp,
    ShowFindings,
}
