//! One command table: the help window and the menus write every shortcut the way the key handling
//! reads it, from `command::BINDINGS`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test that cannot unwrap has failed"
)]

#[allow(dead_code, reason = "not every test file uses every shared helper")]
mod common;

use claimline::app::command::{BINDINGS, Command, shortcut_text};
use egui::accesskit::Role;
use egui::{Key, KeyboardShortcut, Modifiers};
use egui_kittest::kittest::Queryable as _;

#[test]
fn help_lists_every_key_of_the_command_table_as_the_menu_writes_it() {
    let mut harness = common::harness();
    harness.key_press(Key::Questionmark);
    harness.run();
    harness.get_by_label("Gestures and shortcuts");
    let ctx = harness.ctx.clone();
    let open = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
    let open_text = ctx.format_shortcut(&open);

    // Every command with a key has a row: its key as written here, beside what it does.
    for binding in BINDINGS {
        let Some(keys) = &binding.keys else { continue };
        if binding.command.binding().map(|b| b.keys) != Some(binding.keys) {
            continue; // A second key for the same command (`=` for `+`) is accepted, not listed.
        }
        let text = shortcut_text(&ctx, keys);
        let what = harness.get_by_label(binding.tooltip).rect().center().y;
        assert!(
            harness
                .get_all_by_label(&text)
                .any(|keys| (keys.rect().center().y - what).abs() < 4.0),
            "{text} is beside “{}”",
            binding.tooltip
        );
    }
    // Ctrl+R was missing from the old hand-written list.
    let reload = Command::Reload.binding().unwrap();
    harness.get_by_label(reload.tooltip);
    // Open's row says exactly what `format_shortcut` says for its binding.
    let open_what = harness
        .get_by_label(Command::OpenDialog.binding().unwrap().tooltip)
        .rect()
        .center()
        .y;
    let open_row = harness
        .get_all_by_label(&open_text)
        .find(|n| (n.rect().center().y - open_what).abs() < 4.0);
    assert!(open_row.is_some(), "help writes Open as {open_text}");

    // The File menu's Open… entry shows the same text, read from the same binding. The help
    // window, as long as the table now, is closed first so it covers no menu.
    harness.get_by_label("Close window").click();
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, &format!("Open… {open_text}"));
    harness.get_by_role_and_label(Role::Button, "Save image… Ctrl+Shift+S");
}

#[test]
fn a_key_from_the_table_gives_its_command_and_is_shown_in_the_menu() {
    let mut harness = common::harness();
    let table = Command::ToggleTable.binding().unwrap();
    let keys = table.keys.unwrap();
    assert!(!harness.state().remembered().show_table);
    harness.key_press_modifiers(keys.modifiers, keys.logical_key);
    harness.run();
    assert!(harness.state().remembered().show_table, "T shows the table");
    harness.get_by_label("View").click();
    harness.run();
    let label = format!("{} {}", table.label, shortcut_text(&harness.ctx, &keys));
    harness.get_by_role_and_label(Role::Button, &label);
}
