//! What the user asked for. Views push commands; the app applies them once per frame, so menus,
//! shortcuts and clicks all go through one place.
//!
//! [`BINDINGS`] gives the commands a user can name their keys, menu labels and tooltips. The key
//! handling, the menus and the help window all read that one table, so they cannot drift apart.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::export::{ImageFormat, ImageSettings};
use crate::timeline::TimeView;

/// An export as the user set it in File ▸ Export image…, carried by the commands that export.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExportSettings {
    pub format: ImageFormat,
    pub whole_dataset: bool,
    /// Size, theme, title, footer and numbered marks: what `claimline export` sets too.
    pub image: ImageSettings,
}

/// What the user asked for that would close the open dataset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Leaving {
    Quit,
    Open(PathBuf),
    New,
    Reload,
    /// "Reload when the file changes" saw the file change while the dataset had unsaved edits.
    ChangedOnDisk(PathBuf),
}

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
    /// Select the event nearest in time in the lane above (↑ on the timeline).
    SelectLaneAbove,
    /// Select the event nearest in time in the lane below (↓ on the timeline).
    SelectLaneBelow,
    /// Show the selected event's first quote in its source (Enter on the timeline).
    ShowSelectedSource,
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
    ExportImage(ExportSettings),
    /// Export to a chosen file; `confirmed` once the user agreed to replace it.
    WriteExport {
        settings: ExportSettings,
        path: PathBuf,
        confirmed: bool,
    },
    /// Enter or leave presentation mode (F11).
    TogglePresentation,
    ShowHelp,
    /// Help ▸ What the marks mean.
    ShowMeanings,
    /// Help ▸ About: the version and build.
    ShowAbout,
    ShowFindings,
    /// Back to the selection before this one (Alt+←), like a browser.
    HistoryBack,
    /// Forward again after [`Command::HistoryBack`] (Alt+→).
    HistoryForward,
    /// Show the search bar and put the keyboard in it (Ctrl+F).
    ShowSearch,
    /// Hide the search bar and forget the search text (filters stay).
    CloseSearch,
    /// Apply an edit to the open dataset; `group` names a typing session (one undo step).
    Edit {
        edit: crate::edit::Edit,
        group: Option<u64>,
    },
    Undo,
    Redo,
    /// Save to the open file (File ▸ Save); a dataset with no file of its own asks where.
    Save,
    /// Ask where to save, then save there (File ▸ Save As…).
    SaveAsDialog,
    /// Save the dataset to this file (the user chose it, and agreed to replace it).
    SaveTo(PathBuf),
    /// The user answered "Save your changes?": save first (and leave once saved), or leave
    /// dropping them.
    Leave {
        to: Leaving,
        save_first: bool,
    },
    /// File ▸ New: an empty dataset, asking first about unsaved changes.
    NewDataset,
    /// Edit ▸ New event: an event in the last lane and kind, dated today, to fill in.
    NewEvent,
    /// Show the selected event as a form (`true`) or as it reads.
    EditForm(bool),
    /// File ▸ Add source…: paste a text, or read a `.txt`, `.md` or `.html` file.
    ShowAddSource,
    /// Add source ▸ Read a file…: choose a `.txt`, `.md` or `.html` file.
    ChooseSourceFile,
    /// Read this file into the Add source window.
    ReadSourceText(PathBuf),
    /// Open a source's text with no quote marked, to select passages in it.
    ShowSourceText(crate::model::Id),
    /// Cite the passage selected in the source window, in a new event or in the selected one.
    CiteSelection {
        new_event: bool,
    },
    /// A ✘ citation takes the words of its nearest passage (one click, and it is ✔).
    UseSourceWords {
        event: usize,
        citation: usize,
    },
    /// A citation quotes the passage selected in the source window instead (bytes of its text).
    ReAnchorSelection {
        event: usize,
        citation: usize,
        range: std::ops::Range<usize>,
    },
    /// Delete an event; asks first when other events' relations point at it.
    DeleteEvent(usize),
    /// Edit ▸ Lanes and actors…
    ShowLanesAndActors,
    /// The next event clicked on the timeline (or in the table) becomes the target of a new
    /// relation of this kind from the selected event; `None` stops picking.
    PickRelationTarget(Option<crate::model::RelationKind>),
    /// Take the work saved before a crash (`true`), or drop it.
    RecoverAutosave(bool),
    /// Replace the search text and filters; the marks, the count and exports follow.
    SetFilter(crate::timeline::Filter),
    /// Select the next match in time and bring it into view (Enter in the search box).
    NextMatch,
    /// The previous match in time (Shift+Enter).
    PreviousMatch,
    /// Show or hide the event table (T).
    ToggleTable,
}

/// Where a key binding is listened for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere in the window, unless a text field has the keyboard.
    Window,
    /// When nothing has the keyboard, or the timeline has it. Plain arrows and Esc are how egui
    /// moves between (and leaves) focused buttons, so they are not taken from a focused button.
    Browsing,
    /// Only while the timeline has the keyboard (Tab reaches it).
    Timeline,
    /// Only in the search box, which reads these keys itself.
    SearchBox,
    /// In the source window's text, which reads these keys itself (it has the keyboard while a
    /// passage is selected).
    SourceText,
}

/// A command a user can give by name: its key, its menu label and what it does.
#[derive(Clone, Debug)]
pub struct Binding {
    pub command: Command,
    /// `None` for commands given from menus only.
    pub keys: Option<KeyboardShortcut>,
    pub scope: Scope,
    /// The menu entry, in sentence case; "…" when it asks something first.
    pub label: &'static str,
    /// What it does, for the help window and the menu's tooltips.
    pub tooltip: &'static str,
}

const fn bind(
    command: Command,
    keys: Option<KeyboardShortcut>,
    scope: Scope,
    label: &'static str,
    tooltip: &'static str,
) -> Binding {
    Binding {
        command,
        keys,
        scope,
        label,
        tooltip,
    }
}

/// Zooming in by one step (`+`).
pub const ZOOM_IN: Command = Command::Zoom(1.0 / crate::timeline::view::ZOOM_STEP);
/// Zooming out by one step (`−`).
pub const ZOOM_OUT: Command = Command::Zoom(crate::timeline::view::ZOOM_STEP);

/// Every named command, in the order the help window lists them. A command bound twice (`+` and
/// `=`, for keyboards without a `+` key) shows its first binding; the others are also accepted.
pub const BINDINGS: &[Binding] = &[
    bind(
        Command::NewDataset,
        Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::N)),
        Scope::Window,
        "New dataset",
        "Start an empty dataset: add sources, then cite passages of them in events",
    ),
    bind(
        Command::OpenDialog,
        Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::O)),
        Scope::Window,
        "Open…",
        "Open a dataset file",
    ),
    bind(
        Command::Reload,
        Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::R)),
        Scope::Window,
        "Reload",
        "Load the open file again, keeping the view and the selection",
    ),
    bind(
        Command::CopyImage,
        None,
        Scope::Window,
        "Copy image",
        "The timeline as shown, to the clipboard",
    ),
    bind(
        Command::SaveImageDialog,
        Some(KeyboardShortcut::new(
            Modifiers::COMMAND.plus(Modifiers::SHIFT),
            Key::S,
        )),
        Scope::Window,
        "Save image…",
        "Save an image of the timeline as shown",
    ),
    bind(
        Command::ShowExportDialog,
        None,
        Scope::Window,
        "Export image…",
        "PNG or SVG at slide sizes, drawn crisp at any scale",
    ),
    bind(
        Command::ShowSearch,
        Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::F)),
        Scope::Window,
        "Find…",
        "Search titles, quotes, actors, tags and sources; + Filter adds filters",
    ),
    bind(
        Command::NextMatch,
        Some(KeyboardShortcut::new(Modifiers::NONE, Key::Enter)),
        Scope::SearchBox,
        "Next match",
        "In the search box: the next match in time",
    ),
    bind(
        Command::PreviousMatch,
        Some(KeyboardShortcut::new(Modifiers::SHIFT, Key::Enter)),
        Scope::SearchBox,
        "Previous match",
        "In the search box: the previous match in time",
    ),
    bind(
        Command::CloseSearch,
        Some(KeyboardShortcut::new(Modifiers::NONE, Key::Escape)),
        Scope::SearchBox,
        "Close the search",
        "In the search box: close it, keeping the filters",
    ),
    bind(
        Command::SelectPrevious,
        Some(KeyboardShortcut::new(Modifiers::NONE, Key::ArrowLeft)),
        Scope::Browsing,
        "Previous event",
        "The previous event in time; the view follows",
    ),
    bind(
        Command::SelectNext,
        Some(KeyboardShortcut::new(Modifiers::NONE, Key::ArrowRight)),
        Scope::Browsing,
        "Next event",
        "The next event in time; the view follows",
    ),
    bind(
        Command::SelectLaneAbove,
        Some(KeyboardShortcut::new(Modifiers::NONE, Key::ArrowUp)),
        Scope::Timeline,
        "Lane above",
        "On the timeline: the nearest event in time in the lane above",
    ),
    bind(
        Command::SelectLaneBelow,
        Some(KeyboardShortcut::new(Modifiers::NONE, Key::ArrowDown)),
        Scope::Timeline,
        "Lane below",
        "On the timeline: the nearest event in time in the lane below",
    ),
    bind(
        Command::ShowSelectedSource,
        Some(KeyboardShortcut::new(Modifiers::NONE, Key::Enter)),
        Scope::Timeline,
        "Open the source",
        "On the timeline: the selected event's first quote, in its source",
    ),
    bind(
        Command::ClearSelection,
        Some(KeyboardShortcut::new(Modifiers::NONE, Key::Escape)),
        Scope::Browsing,
        "Clear the selection",
        "Clear the selection (in presentation mode: leave it)",
    ),
    bind(
        Command::HistoryBack,
        Some(KeyboardShortcut::new(Modifiers::ALT, Key::ArrowLeft)),
        Scope::Window,
        "Back",
        "Back to the previous selection, like a browser",
    ),
    bind(
        Command::HistoryForward,
        Some(KeyboardShortcut::new(Modifiers::ALT, Key::ArrowRight)),
        Scope::Window,
        "Forward",
        "Forward again through the selections",
    ),
    bind(
        Command::FitAll,
        Some(KeyboardShortcut::new(Modifiers::NONE, Key::F)),
        Scope::Window,
        "Fit all",
        "Fit the whole dataset in view",
    ),
    bind(
        ZOOM_IN,
        Some(KeyboardShortcut::new(Modifiers::NONE, Key::Plus)),
        Scope::Window,
        "Zoom in",
        "Zoom in about the selection, or the middle",
    ),
    bind(
        ZOOM_IN,
        Some(KeyboardShortcut::new(Modifiers::NONE, Key::Equals)),
        Scope::Window,
        "Zoom in",
        "Zoom in about the selection, or the middle",
    ),
    bind(
        ZOOM_OUT,
        Some(KeyboardShortcut::new(Modifiers::NONE, Key::Minus)),
        Scope::Window,
        "Zoom out",
        "Zoom out about the selection, or the middle",
    ),
    bind(
        Command::ToggleTable,
        Some(KeyboardShortcut::new(Modifiers::NONE, Key::T)),
        Scope::Window,
        "Event table",
        "Show or hide the event table: the shown events as rows, sortable by any column",
    ),
    bind(
        Command::TogglePresentation,
        Some(KeyboardShortcut::new(Modifiers::NONE, Key::F11)),
        Scope::Window,
        "Presentation",
        "Presentation mode: full screen, light theme, a caption for the selection (Esc leaves)",
    ),
    bind(
        Command::ShowHelp,
        Some(KeyboardShortcut::new(Modifiers::NONE, Key::Questionmark)),
        Scope::Window,
        "Gestures and shortcuts",
        "This list of gestures and shortcuts",
    ),
    bind(
        Command::Undo,
        Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::Z)),
        Scope::Window,
        "Undo",
        "Undo the last change to the dataset (typing in a field is one step)",
    ),
    bind(
        Command::Redo,
        Some(KeyboardShortcut::new(
            Modifiers::COMMAND.plus(Modifiers::SHIFT),
            Key::Z,
        )),
        Scope::Window,
        "Redo",
        "Redo the change last undone",
    ),
    bind(
        Command::Redo,
        Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::Y)),
        Scope::Window,
        "Redo",
        "Redo the change last undone",
    ),
    bind(
        Command::Save,
        Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::S)),
        Scope::Window,
        "Save",
        "Save the dataset to its file as canonical claimline/1, keeping the previous version as .bak",
    ),
    bind(
        Command::SaveAsDialog,
        Some(KeyboardShortcut::new(
            Modifiers::COMMAND.plus(Modifiers::ALT),
            Key::S,
        )),
        Scope::Window,
        "Save As…",
        "Save the dataset to a new claimline/1 file (an imported file is never written over)",
    ),
    bind(
        Command::ShowAddSource,
        None,
        Scope::Window,
        "Add source…",
        "Paste an article's text, or read a .txt, .md or .html file, to cite passages of it",
    ),
    bind(
        Command::CiteSelection { new_event: true },
        Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::E)),
        Scope::SourceText,
        "Cite in a new event",
        "In the source window: a new event quoting the selected passage, dated by the source",
    ),
    bind(
        Command::CiteSelection { new_event: false },
        Some(KeyboardShortcut::new(
            Modifiers::COMMAND.plus(Modifiers::SHIFT),
            Key::E,
        )),
        Scope::SourceText,
        "Cite in the selected event",
        "In the source window: add the selected passage to the selected event's citations",
    ),
    bind(
        Command::NewEvent,
        None,
        Scope::Window,
        "New event",
        "An event to fill in, in the lane and kind chosen last (citing a passage makes one too)",
    ),
    bind(
        Command::ShowLanesAndActors,
        None,
        Scope::Window,
        "Lanes and actors…",
        "Add, rename, recolour and reorder lanes; add, rename and merge actors",
    ),
    bind(
        Command::ShowMeanings,
        None,
        Scope::Window,
        "What the marks mean",
        "What ✔, ✘, hollow marks, bands, fading bars, arrows and numbers say, and what they do not",
    ),
    bind(
        Command::ShowAbout,
        None,
        Scope::Window,
        "About Claimline",
        "The version and build",
    ),
];

impl Command {
    /// This command's entry in [`BINDINGS`] (its first, when it has several keys).
    pub fn binding(&self) -> Option<&'static Binding> {
        BINDINGS.iter().find(|b| b.command == *self)
    }
}

/// How a shortcut is written on this platform: `ctx.format_shortcut` ("Ctrl+O", "⌘O"), with the
/// keys whose English names read badly ("Questionmark", "Left") written as printed on them.
pub fn shortcut_text(ctx: &egui::Context, keys: &KeyboardShortcut) -> String {
    let text = ctx.format_shortcut(keys);
    let glyph = match keys.logical_key {
        Key::ArrowLeft => "←",
        Key::ArrowRight => "→",
        Key::ArrowUp => "↑",
        Key::ArrowDown => "↓",
        Key::Escape => "Esc",
        other => other.symbol_or_name(),
    };
    [keys.logical_key.name(), keys.logical_key.symbol_or_name()]
        .into_iter()
        .find_map(|name| text.strip_suffix(name))
        .map_or(text.clone(), |modifiers| format!("{modifiers}{glyph}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_one_first_binding_and_no_key_is_bound_twice_in_one_scope() {
        let mut seen: Vec<(KeyboardShortcut, Scope)> = Vec::new();
        for binding in BINDINGS {
            assert!(!binding.label.is_empty() && !binding.tooltip.is_empty());
            let Some(keys) = binding.keys else { continue };
            assert!(
                !seen.contains(&(keys, binding.scope)),
                "{keys:?} is bound twice"
            );
            seen.push((keys, binding.scope));
        }
        assert_eq!(
            Command::OpenDialog.binding().and_then(|b| b.keys),
            Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::O))
        );
        assert_eq!(
            ZOOM_IN
                .binding()
                .and_then(|b| b.keys.map(|k| k.logical_key)),
            Some(Key::Plus)
        );
    }

    /// Ctrl+Shift+S was taken by Save image… before Save As came: each of the three saves has
    /// its own key, and a press of one gives that one alone.
    #[test]
    fn save_save_as_and_save_image_have_keys_of_their_own() {
        let key = |command: Command| command.binding().and_then(|b| b.keys).expect("a key");
        let keys = [
            key(Command::Save),
            key(Command::SaveAsDialog),
            key(Command::SaveImageDialog),
        ];
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(keys[0].modifiers, Modifiers::COMMAND);
        assert_eq!(keys[1].modifiers, Modifiers::COMMAND.plus(Modifiers::ALT));
    }

    #[test]
    fn command_shortcuts_are_written_for_the_platform() {
        let ctx = egui::Context::default();
        super::super::theme::install_fonts(&ctx);
        let open = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
        let save = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
        for (os, expected) in [
            (egui::os::OperatingSystem::Mac, ["⌘O", "Cmd+O"]),
            (egui::os::OperatingSystem::Windows, ["Ctrl+O", "Ctrl+O"]),
            (egui::os::OperatingSystem::Nix, ["Ctrl+O", "Ctrl+O"]),
        ] {
            ctx.set_os(os);
            // Fonts are ready from the second frame on, as in the app, where menus open later.
            for _ in 0..2 {
                let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
                // Nothing draws these frames, so their font texture is dropped on purpose.
                output.textures_delta.clear();
            }
            let label = shortcut_text(&ctx, &open);
            assert!(expected.contains(&label.as_str()), "{os:?}: {label}");
            let shifted = shortcut_text(&ctx, &save);
            assert!(
                shifted.ends_with('S') && shifted.len() > 2,
                "{os:?}: {shifted}"
            );
        }
    }

    #[test]
    fn keys_are_written_as_printed_on_them() {
        let ctx = egui::Context::default();
        ctx.set_os(egui::os::OperatingSystem::Nix);
        let text = |modifiers, key| shortcut_text(&ctx, &KeyboardShortcut::new(modifiers, key));
        assert_eq!(text(Modifiers::COMMAND, Key::O), "Ctrl+O");
        assert_eq!(text(Modifiers::NONE, Key::Questionmark), "?");
        assert_eq!(text(Modifiers::ALT, Key::ArrowLeft), "Alt+←");
        assert_eq!(text(Modifiers::NONE, Key::Escape), "Esc");
        assert_eq!(text(Modifiers::SHIFT, Key::Enter), "Shift+Enter");
    }
}
