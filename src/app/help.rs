//! Help ▸ Gestures and shortcuts: the mouse gestures, then every key of the command table
//! ([`BINDINGS`]), written for this platform as the menus write them.

use egui::Context;

use super::command::{BINDINGS, Command, shortcut_text};

/// What the mouse does; these have no key, so they are not commands.
const GESTURES: [(&str, &str); 6] = [
    ("Scroll or drag", "Pan through time"),
    ("Double-click", "Fit all"),
    (
        "Click a mark",
        "Select it; click empty space to clear, a crowded bin to zoom in",
    ),
    (
        "Click a table row / header",
        "Select the event and pan to it / sort by that column (again: reverse)",
    ),
    ("Click a relation", "Select the related event and pan to it"),
    (
        "Tab",
        "Reach the timeline; then the arrows walk its marks and Enter opens the source",
    ),
];

/// The help window's rows, in order: the gestures, then one row per command with a key (its
/// first binding, when it has several).
pub fn help_rows(ctx: &Context) -> Vec<(String, &'static str)> {
    let command_key = if ctx.os().is_mac() { "⌘" } else { "Ctrl" };
    let mut rows: Vec<(String, &'static str)> = vec![(
        format!("{command_key} + scroll, or pinch"),
        "Zoom about the pointer",
    )];
    rows.extend(GESTURES.iter().map(|&(what, does)| (what.to_owned(), does)));
    let mut listed: Vec<&Command> = Vec::new();
    for binding in BINDINGS {
        let Some(keys) = &binding.keys else { continue };
        if listed.contains(&&binding.command) {
            continue;
        }
        listed.push(&binding.command);
        rows.push((shortcut_text(ctx, keys), binding.tooltip));
    }
    rows
}

/// Shows the help window; returns false once closed.
pub fn help_ui(ctx: &Context) -> bool {
    let mut open = true;
    let rows = help_rows(ctx);
    egui::Window::new("Gestures and shortcuts")
        .open(&mut open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts")
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for (keys, what) in rows {
                        ui.strong(keys);
                        ui.label(what);
                        ui.end_row();
                    }
                });
        });
    open
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_in_help_is_a_binding_written_as_the_menu_writes_it() {
        let ctx = Context::default();
        super::super::theme::install_fonts(&ctx);
        for os in [
            egui::os::OperatingSystem::Mac,
            egui::os::OperatingSystem::Nix,
        ] {
            ctx.set_os(os);
            // Fonts are ready from the second frame on, as in the app, where help opens later.
            for _ in 0..2 {
                let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
                // Nothing draws these frames, so their font texture is dropped on purpose.
                output.textures_delta.clear();
            }
            let rows = help_rows(&ctx);
            let keyed: Vec<&(String, &str)> = rows.iter().skip(GESTURES.len() + 1).collect();
            for (keys, what) in &keyed {
                assert!(
                    BINDINGS.iter().any(|b| b.tooltip == *what
                        && b.keys.is_some_and(|k| shortcut_text(&ctx, &k) == *keys)),
                    "{os:?}: {keys} {what} is not in the command table"
                );
            }
            let open = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::O);
            let open_row = keyed
                .iter()
                .find(|(_, what)| {
                    Command::OpenDialog
                        .binding()
                        .is_some_and(|b| b.tooltip == *what)
                })
                .map(|(keys, _)| keys.as_str());
            assert_eq!(open_row, Some(ctx.format_shortcut(&open).as_str()));
            let expected = if os == egui::os::OperatingSystem::Mac {
                ["⌘O", "Cmd+O"]
            } else {
                ["Ctrl+O", "Ctrl+O"]
            };
            assert!(expected.contains(&open_row.unwrap_or_default()), "{os:?}");
            for command in [Command::Reload, Command::ShowSearch, Command::HistoryBack] {
                let binding = command
                    .binding()
                    .and_then(|b| b.keys.map(|k| (k, b.tooltip)));
                assert!(
                    binding.is_some_and(|(k, tooltip)| keyed
                        .iter()
                        .any(|(keys, what)| *keys == shortcut_text(&ctx, &k) && *what == tooltip)),
                    "{command:?} is listed"
                );
            }
        }
    }
}
