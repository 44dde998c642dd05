//! The keys of the command table ([`BINDINGS`]), turned into commands each frame.

use super::claimline_app::ClaimlineApp;
use super::command::{BINDINGS, Binding, Command, Scope};

impl ClaimlineApp {
    /// The keys of [`BINDINGS`], unless a text field has the keyboard.
    pub(super) fn keyboard(&mut self, ctx: &egui::Context) {
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
                Scope::SearchBox | Scope::SourceText => false,
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
