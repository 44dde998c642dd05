//! How each [`Command`] changes the app: the one place menus, keys and clicks end up. A frame
//! gathers commands while it draws (see `claimline_app.rs`), then applies them here in order.

use std::path::Path;
use std::sync::Arc;

use super::claimline_app::{ClaimlineApp, file_stem};
use super::command::Command;
use super::command::Leaving;
use super::export_dialog::ExportSettings;
use super::file_chooser::{FilePurpose, FileRequest};
use super::findings_window::FindingsWindow;
use super::image_capture::{Capture, CaptureTarget};
use super::presentation::ViewAnimation;
use super::source_view::SourceView;
use crate::load::Origin;
use crate::timeline::walk::{nearest_in_next_lane, step_in_time};
use crate::timeline::{Filter, Matches};

impl ClaimlineApp {
    /// The next (or previous) match in time after the selection.
    pub(super) fn step_match(&mut self, forward: bool) {
        let all;
        let matches = if let Some(m) = &self.find.matches {
            m.as_ref()
        } else {
            all = Matches::all(self.doc.dataset.events.len());
            &all
        };
        let by_time = &self.doc.index.by_time;
        let found = if forward {
            matches.next_in_time(by_time, self.selected)
        } else {
            matches.previous_in_time(by_time, self.selected)
        };
        if let Some(event) = found {
            self.focus(event);
        }
    }

    /// Applies a command; a changed selection goes onto the history that Alt+← walks back.
    pub(super) fn apply(&mut self, ctx: &egui::Context, command: Command) {
        let before = self.selected;
        let walking = matches!(command, Command::HistoryBack | Command::HistoryForward);
        self.apply_one(ctx, command);
        if !walking && self.selected != before && self.selected.is_some() {
            if let Some(previous) = before {
                self.back.push(previous);
            }
            self.forward.clear();
        }
    }

    pub(super) fn apply_one(&mut self, ctx: &egui::Context, command: Command) {
        let limits = self.doc.limits;
        match command {
            Command::HistoryBack => {
                if let Some(event) = self.back.pop() {
                    if let Some(current) = self.selected {
                        self.forward.push(current);
                    }
                    self.focus(event);
                }
            }
            Command::HistoryForward => {
                if let Some(event) = self.forward.pop() {
                    if let Some(current) = self.selected {
                        self.back.push(current);
                    }
                    self.focus(event);
                }
            }
            Command::Select(event) => {
                if !self.pick_relation_target(event) {
                    self.selected = Some(event);
                }
            }
            Command::Focus(event) => self.focus(event),
            Command::FocusId(id) => {
                if let Some(event) = self.doc.index.event_by_id(&self.doc.dataset, &id) {
                    self.focus(event);
                }
            }
            // While a relation's target is being picked, Esc or a click on empty space stops that.
            Command::ClearSelection if self.editing.picking.is_some() => {
                self.editing.picking = None;
            }
            Command::ClearSelection => self.selected = None,
            Command::ShowSearch => {
                self.find.bar_open = true;
                self.find.focus_box = true;
            }
            Command::CloseSearch => {
                self.find.bar_open = false;
                self.set_filter(Filter {
                    search: String::new(),
                    ..self.find.filter.clone()
                });
            }
            Command::SetFilter(filter) => self.set_filter(filter),
            Command::ToggleTable => self.remembered.show_table = !self.remembered.show_table,
            // Stepping through stale matches would land on the wrong event: wait for the search.
            Command::NextMatch | Command::PreviousMatch if self.find.runner.is_busy() => {
                self.find.step_after_search = Some(command == Command::NextMatch);
            }
            Command::NextMatch => self.step_match(true),
            Command::PreviousMatch => self.step_match(false),
            Command::SelectNext | Command::SelectPrevious => {
                let forward = command == Command::SelectNext;
                let shown = self.find.matches.as_deref();
                if let Some(event) = step_in_time(&self.doc.index, shown, self.selected, forward) {
                    self.focus(event);
                }
            }
            Command::SelectLaneAbove | Command::SelectLaneBelow => {
                let up = command == Command::SelectLaneAbove;
                let shown = self.find.matches.as_deref();
                let found = match self.selected {
                    Some(current) => {
                        nearest_in_next_lane(&self.doc.dataset, &self.doc.index, shown, current, up)
                    }
                    // Nothing selected yet: start at the first event, as → does.
                    None => step_in_time(&self.doc.index, shown, None, true),
                };
                if let Some(event) = found {
                    self.focus(event);
                }
            }
            Command::ShowSelectedSource => {
                let cited = self.selected.filter(|&e| {
                    self.doc
                        .dataset
                        .events
                        .get(e)
                        .is_some_and(|e| !e.citations.is_empty())
                });
                if let Some(event) = cited {
                    self.source_view = Some(SourceView::new(event, 0));
                }
            }
            Command::SetView(view) => self.view = Some(view.clamped(limits)),
            Command::FitAll => self.view = None,
            Command::Zoom(factor) => {
                // About the selected event when it is in view, so + keeps it on screen.
                let view = self.view();
                let anchor = self
                    .selected
                    .and_then(|i| self.doc.dataset.events.get(i))
                    .map(|e| e.date.anchor_days())
                    .filter(|&days| view.shows(days))
                    .unwrap_or_else(|| view.center_days());
                self.view = Some(view.zoom_at(anchor, factor, limits));
            }
            Command::OpenDialog => self.request_file(
                ctx,
                FileRequest {
                    purpose: FilePurpose::Open,
                    save_as: None,
                },
            ),
            Command::OpenPath(path) => self.leave_or_ask(ctx, Leaving::Open(path)),
            Command::Reload => match &self.doc.origin {
                Origin::File(_) => self.leave_or_ask(ctx, Leaving::Reload),
                Origin::Embedded => {
                    self.notice = Some("The embedded dataset has no file to reload".to_owned());
                }
                Origin::Untitled => {
                    self.notice = Some("A new dataset has no file to reload yet".to_owned());
                }
            },
            Command::CancelLoad => {
                if let Some(job) = self.job.take() {
                    self.notice = Some(format!("Cancelled loading {}", job.path.display()));
                }
            }
            Command::SetWatch(watch) => self.remembered.watch = watch,
            Command::ClearRecent => self.remembered.recent.clear(),
            Command::DismissNotice => self.notice = None,
            Command::ShowSource { event, citation } => {
                self.source_view = Some(SourceView::new(event, citation));
            }
            Command::SetDarkMode(dark) => self.set_dark_mode(ctx, dark),
            command @ (Command::Edit { .. }
            | Command::Undo
            | Command::Redo
            | Command::Save
            | Command::SaveAsDialog
            | Command::SaveTo(_)
            | Command::Leave { .. }
            | Command::NewDataset
            | Command::NewEvent
            | Command::EditForm(_)
            | Command::ShowAddSource
            | Command::ChooseSourceFile
            | Command::ReadSourceText(_)
            | Command::ShowSourceText(_)
            | Command::CiteSelection { .. }
            | Command::UseSourceWords { .. }
            | Command::ReAnchorSelection { .. }
            | Command::DeleteEvent(_)
            | Command::ShowLanesAndActors
            | Command::PickRelationTarget(_)
            | Command::RecoverAutosave(_)) => self.apply_record(ctx, command),
            Command::ShowHelp => self.help_open = true,
            Command::ShowMeanings => self.meanings_open = true,
            Command::ShowAbout => self.about_open = true,
            Command::CopyImage => self.capture = Some(Capture::new(CaptureTarget::Clipboard)),
            Command::SaveImageDialog => {
                let extension = crate::export::ImageFormat::Png.extension();
                let name = format!("{}.{extension}", file_stem(&self.doc.dataset.title));
                self.request_file(
                    ctx,
                    FileRequest {
                        purpose: FilePurpose::Screenshot,
                        save_as: Some((name, extension)),
                    },
                );
            }
            Command::SaveImageTo(path) => {
                self.capture = Some(Capture::new(CaptureTarget::File(path)));
            }
            Command::ShowExportDialog => self.export_dialog.open = true,
            Command::ExportImage(settings) => {
                let extension = settings.format.extension();
                let name = format!("{}.{extension}", file_stem(&self.doc.dataset.title));
                self.request_file(
                    ctx,
                    FileRequest {
                        purpose: FilePurpose::Export(settings),
                        save_as: Some((name, extension)),
                    },
                );
            }
            Command::WriteExport {
                settings,
                path,
                confirmed,
            } => {
                if path.exists() && !confirmed {
                    self.confirm_replace = Some((path, settings));
                } else {
                    self.notice = Some(match self.write_export(&settings, &path) {
                        Ok(()) => format!("Exported {}", path.display()),
                        Err(error) => format!("Export failed: {error}"),
                    });
                }
            }
            Command::TogglePresentation => self.toggle_presentation(ctx),
            Command::ShowFindings => {
                self.findings = Some(FindingsWindow::new(
                    Arc::clone(&self.doc.report),
                    Arc::clone(&self.doc.finding_groups),
                    None,
                    true,
                ));
            }
        }
    }

    /// Selects an event and pans so it is in view, keeping the zoom. In presentation mode the view
    /// glides to the event, at most two years wide.
    pub(super) fn focus(&mut self, event: usize) {
        let Some(e) = self.doc.dataset.events.get(event) else {
            return;
        };
        self.selected = Some(event);
        let anchor = e.date.anchor_days();
        let view = self.view();
        if self.presenting.is_some() {
            let span = view.span_days.min(2.0 * 365.25);
            let to = crate::timeline::TimeView {
                start_days: anchor - span / 2.0,
                span_days: span,
            }
            .clamped(self.doc.limits);
            self.animation = Some(ViewAnimation {
                from: view,
                to,
                start_time: self.now,
            });
        } else if !view.shows(anchor) {
            self.view = Some(view.centered_on(anchor, self.doc.limits));
        }
    }

    pub(super) fn toggle_presentation(&mut self, ctx: &egui::Context) {
        if let Some(dark) = self.presenting.take() {
            self.set_dark_mode(ctx, dark);
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
        } else {
            self.presenting = Some(self.remembered.dark);
            // Slides are light; the theme comes back on leaving.
            ctx.set_theme(egui::Theme::Light);
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
        }
    }

    /// Draws the export with the core exporter and writes it (replacing a file the user agreed to).
    pub(super) fn write_export(
        &self,
        settings: &ExportSettings,
        path: &Path,
    ) -> Result<(), crate::export::ExportError> {
        let request = crate::export::ExportRequest {
            path: path.to_owned(),
            format: crate::export::ImageFormat::from_path(path).unwrap_or(settings.format),
            image: settings.image.clone(),
            view: (!settings.whole_dataset).then(|| self.view()),
            selected: self.selected,
            // What is filtered on screen is what the image shows (and its footer names).
            filter: self.find.filter.clone(),
            // The user agreed to replace an existing file in the dialog.
            force: true,
            keep_empty_lanes: false,
            pages: false,
        };
        crate::export::export(&self.doc, &request)
    }

    pub(super) fn apply_all(&mut self, ctx: &egui::Context, commands: Vec<Command>) {
        if !commands.is_empty() {
            // The frame was drawn before these applied; draw their result now.
            ctx.request_repaint();
        }
        for command in commands {
            self.apply(ctx, command);
        }
    }
}
