//! Help ▸ Gestures and shortcuts.

use egui::Context;

/// Every gesture and shortcut, in one list.
pub const SHORTCUTS: [(&str, &str); 20] = [
    ("Scroll", "pan through time"),
    ("Ctrl/⌘ + scroll, or pinch", "zoom about the pointer"),
    ("Drag", "pan"),
    ("Double-click", "fit all"),
    ("Click a mark", "select it; click empty space to clear"),
    ("← / →", "previous / next event in time"),
    ("Esc", "clear the selection"),
    ("F", "fit all"),
    ("+ / −", "zoom in / out"),
    ("Ctrl+O", "open a dataset"),
    ("Ctrl+R", "reload the open file"),
    (
        "Ctrl+F",
        "find: search titles, quotes, actors, tags, sources; + Filter adds filters",
    ),
    (
        "Enter / Shift+Enter",
        "in the search box: next / previous match in time",
    ),
    ("Alt+← / Alt+→", "back / forward through the selections"),
    (
        "T",
        "show or hide the event table (only the matches of a search)",
    ),
    (
        "Click a table row / header",
        "select the event and pan to it / sort by that column (again: reverse)",
    ),
    ("?", "this help"),
    ("Ctrl+Shift+S", "save an image of the timeline"),
    ("F11", "presentation mode (Esc leaves)"),
    ("Click a relation", "select the related event and pan to it"),
];

/// Shows the help window; returns false once closed.
pub fn help_ui(ctx: &Context) -> bool {
    let mut open = true;
    egui::Window::new("Gestures and shortcuts")
        .open(&mut open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts")
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for (keys, what) in SHORTCUTS {
                        ui.strong(keys);
                        ui.label(what);
                        ui.end_row();
                    }
                });
        });
    open
}
