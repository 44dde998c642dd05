//! The timeline panel: lanes, calendar axis, marks, and the standard gestures.

use std::sync::Arc;

use egui::{Rangef, Response, Role, Sense, Ui, WidgetInfo};
use egui_plot::{GridInput, GridMark, Plot, PlotBounds, PlotTransform};

use super::command::Command;
use super::theme;
use super::timeline_paint::{SceneItem, egui_shapes, palette};
use crate::document::Document;
use crate::model::EventKind;
use crate::model::visible_text::shown;
use crate::timeline::layout::{lane_label, lane_y};
use crate::timeline::legend::LegendSymbol;
use crate::timeline::style;
use crate::timeline::ticks::Tick;
use crate::timeline::{CalloutMode, LayoutInput, Scene, TimeView, layout};

/// Pixels a labelled tick needs.
const TICK_SPACING_PX: f64 = 90.0;
/// `egui_plot`'s smallest grid spacing.
const GRID_MIN_PX: f32 = 8.0;
pub use crate::timeline::view::ZOOM_STEP;

/// The timeline's own state: what was drawn last frame, for hit-testing and tests.
#[derive(Default)]
pub struct TimelineView {
    pub last_scene: Option<Arc<Scene>>,
    pub last_transform: Option<PlotTransform>,
    /// The whole timeline area (legend, lanes, axes), for screenshots.
    pub last_rect: Option<egui::Rect>,
    /// No tooltips this frame (a screenshot is being taken).
    pub quiet: bool,
    /// The events the search and filters show; `None` shows all.
    pub shown: Option<Arc<crate::timeline::Matches>>,
    /// While a search is active, the events the filters keep: those it does not match are drawn
    /// dimmed rather than hidden.
    pub dimmed: Option<Arc<crate::timeline::Matches>>,
    /// The dataset's lanes drawn as rows (Filter ▸ Hide lane leaves some out); `None` draws all.
    pub rows: Option<Arc<[usize]>>,
    /// What the filter's matches hold, for the legend; `None` when nothing is filtered.
    pub shown_contents: Option<crate::timeline::shown::Shown>,
    /// The key under the timeline is folded to its heading.
    pub key_folded: bool,
    /// The widget that takes the keyboard (Tab reaches it; then the arrows walk the marks), as of
    /// last frame, so the app's key handling knows when the timeline has the keyboard.
    pub focus_id: Option<egui::Id>,
    focus_layer: Option<egui::LayerId>,
    /// The selection last frame, so a screen reader hears when the arrows change it.
    announced: Option<usize>,
}

/// The most characters of a title in a mark's tooltip: a few lines; the detail panel has the rest.
const TOOLTIP_TITLE_CHARS: usize = 200;

impl TimelineView {
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        view: TimeView,
        selected: Option<usize>,
        commands: &mut Vec<Command>,
    ) {
        self.last_rect = Some(ui.max_rect());
        legend_ui(ui, doc, self.shown_contents.as_ref());
        // The key's strip has a fixed height, whatever it lists: if its height followed its
        // contents, the plot's height would follow the key, and with it the layout that fills
        // the key, and the two flickered between layouts. So the layout depends on the window's
        // size alone, and the key shows this frame's scene.
        let key_height = key_height(ui, self.key_folded);
        let rows: Arc<[usize]> = self
            .rows
            .clone()
            .unwrap_or_else(|| (0..doc.dataset.lanes.len()).collect());
        let lane_count = rows.len().max(1);
        let lane_labels: Vec<(f64, String)> = rows
            .iter()
            .enumerate()
            .filter_map(|(row, &i)| {
                let lane = doc.dataset.lanes.get(i)?;
                Some((lane_y(row, lane_count), lane_label(lane).into()))
            })
            .collect();
        let axis_width = lane_labels
            .iter()
            .map(|(_, label)| {
                ui.painter()
                    .layout_no_wrap(
                        label.clone(),
                        egui::FontId::proportional(14.0),
                        egui::Color32::WHITE,
                    )
                    .size()
                    .x
            })
            .fold(60.0, f32::max)
            + 12.0;
        let lane_ys: Vec<f64> = lane_labels.iter().map(|(y, _)| *y).collect();
        // The plot's grid and dates are this frame's scene's ticks: the plot asks for them after
        // the scene is laid out (in `show`'s closure, below), so the window shows the ticks an
        // export of the same view would.
        let ticks: std::cell::RefCell<(f64, Vec<Tick>)> = std::cell::RefCell::default();

        let plot = Plot::new("timeline")
            // Not focusable itself: the keyboard stop is a widget of its own, with a stable id.
            .sense(Sense::CLICK | Sense::DRAG)
            .allow_zoom(false)
            .allow_scroll(false)
            .allow_drag(false)
            .allow_boxed_zoom(false)
            .allow_double_click_reset(false)
            .allow_axis_zoom_drag(false)
            .show_x(false)
            .show_y(false)
            .set_margin_fraction(egui::Vec2::ZERO)
            .grid_spacing(Rangef::new(GRID_MIN_PX, 300.0))
            .x_grid_spacer(|_: GridInput| {
                let (step_days, ticks) = &*ticks.borrow();
                ticks
                    .iter()
                    .map(|t| GridMark {
                        value: t.days,
                        step_size: *step_days,
                    })
                    .collect()
            })
            .x_axis_formatter(|mark, _range| {
                let (_, ticks) = &*ticks.borrow();
                ticks
                    .iter()
                    .find(|t| (t.days - mark.value).abs() < 1e-6)
                    .map(|t| t.label.clone())
                    .unwrap_or_default()
            })
            .y_grid_spacer(move |_| {
                lane_ys
                    .iter()
                    .map(|&y| GridMark {
                        value: y,
                        step_size: 1.0,
                    })
                    .collect()
            })
            .y_axis_formatter(move |mark, _range| {
                lane_labels
                    .iter()
                    .find(|(y, _)| (y - mark.value).abs() < 1e-6)
                    .map(|(_, label)| label.clone())
                    .unwrap_or_default()
            })
            .y_axis_min_width(axis_width)
            .height((ui.available_height() - key_height - ui.spacing().item_spacing.y).max(60.0));

        let dataset = &doc.dataset;
        let index = &doc.index;
        let shown = &self.shown;
        let dimmed = &self.dimmed;
        let response = plot.show(ui, |plot_ui| {
            plot_ui.set_plot_bounds(PlotBounds::from_min_max(
                [view.start_days, -0.5],
                [view.end_days(), lane_count as f64 - 0.5],
            ));
            let rect = plot_ui.response().rect;
            let scene = Arc::new(layout(
                dataset,
                index,
                &LayoutInput {
                    view,
                    width_px: f64::from(rect.width()),
                    lane_height_px: f64::from(rect.height()) / lane_count as f64,
                    label_font_px: f64::from(theme::LABEL_FONT_SIZE),
                    tick_spacing_px: TICK_SPACING_PX,
                    selected,
                    callouts: CalloutMode::Auto,
                    shown: shown.clone(),
                    dimmed: dimmed.clone(),
                    rows: Some(Arc::clone(&rows)),
                },
            ));
            *ticks.borrow_mut() = (
                scene
                    .tick_step
                    .map_or(1.0, crate::timeline::ticks::TickStep::approx_days),
                scene.ticks.clone(),
            );
            plot_ui.add(SceneItem::new(Arc::clone(&scene)));
            scene
        });
        let scene = response.inner;
        let transform = response.transform;
        let plot_response = response.response;
        self.keyboard_focus_ui(ui, doc, *transform.frame(), selected);

        let key_rect = egui::Rect::from_min_size(
            ui.cursor().min,
            egui::vec2(ui.available_width(), key_height),
        );
        ui.scope_builder(egui::UiBuilder::new().max_rect(key_rect), |ui| {
            ui.set_min_size(key_rect.size());
            key_ui(ui, doc, &scene, &mut self.key_folded, commands);
        });
        let mark_clicked = marks_ui(ui, doc, &scene, &transform, self.quiet, commands);
        gestures(
            ui,
            &plot_response,
            &transform,
            doc,
            view,
            &scene,
            mark_clicked,
            commands,
        );
        self.last_scene = Some(scene);
        self.last_transform = Some(transform);
    }

    /// The timeline as one keyboard stop: while it has the keyboard, the arrows, Enter and Esc
    /// are its own (the app reads them from the command table), it wears a focus ring, and a
    /// screen reader hears what it is and which event is selected.
    fn keyboard_focus_ui(
        &mut self,
        ui: &Ui,
        doc: &Document,
        frame: egui::Rect,
        selected: Option<usize>,
    ) {
        // Its own widget over the plot, not the plot's response: that one's id is counted from
        // the widgets before it, so it changed when the callout key did, and the focus was lost.
        // Focusable but not clickable, so the plot and the marks under it still get the pointer.
        let id = ui.make_persistent_id("timeline_keyboard");
        let mut response = ui.interact(frame, id, Sense::focusable_noninteractive());
        self.focus_id = Some(id);
        self.focus_layer = Some(response.layer_id);
        let focused = response.has_focus();
        if focused {
            // Otherwise egui would take the arrows to move to another widget, and Esc to leave.
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    id,
                    egui::EventFilter {
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        escape: true,
                        tab: false,
                    },
                );
            });
            // Just outside the plot, so the lanes' colour stripes along its edge do not cover it.
            let stroke = ui.visuals().selection.stroke;
            ui.painter().rect_stroke(
                frame.expand(1.0),
                2.0,
                egui::Stroke::new(2.0, stroke.color),
                egui::StrokeKind::Outside,
            );
            if self.announced != selected {
                // A screen reader hears the new value (the event) as the arrows move.
                response.mark_changed();
            }
        }
        self.announced = selected;
        let total = doc.dataset.events.len();
        let events = match &self.shown {
            Some(shown) => format!(
                "{} of {} events shown",
                crate::model::count::thousands(shown.count()),
                crate::model::count::thousands(total)
            ),
            None => format!("{} events", crate::model::count::thousands(total)),
        };
        let selected_label = selected
            .and_then(|e| doc.dataset.events.get(e))
            .map(|e| e.accessible_label());
        response.widget_info(|| {
            let mut info = WidgetInfo::labeled(
                Role::Group,
                true,
                format!("Timeline, {events}; arrows move between events, Enter opens the source"),
            );
            info.current_text_value.clone_from(&selected_label);
            info
        });
    }

    /// Puts the timeline first in the Tab order: called before the other panels are drawn, so one
    /// Tab from a fresh window reaches it. (egui orders Tab stops by when they first ask for
    /// focus in a frame; the plot asks again when drawn, which changes nothing.)
    pub fn offer_focus_first(&self, ctx: &egui::Context) {
        if let Some((id, layer)) = self.focus_id.zip(self.focus_layer) {
            ctx.memory_mut(|m| m.interested_in_focus(id, layer));
        }
    }

    /// Where an event's mark was drawn last frame, in screen points (for tests and scripting).
    pub fn mark_position(&self, event: usize) -> Option<egui::Pos2> {
        let mark = self.last_scene.as_ref()?.mark_of(event)?;
        Some(
            self.last_transform
                .as_ref()?
                .position_from_point(&egui_plot::PlotPoint::new(mark.x_days, mark.y)),
        )
    }

    /// The time range shown last frame.
    pub fn visible_days(&self) -> Option<(f64, f64)> {
        let bounds = self.last_transform.as_ref()?.bounds();
        Some((bounds.min()[0], bounds.max()[0]))
    }
}

/// The key strip's height: its heading, and four lines under it unless folded.
fn key_height(ui: &Ui, folded: bool) -> f32 {
    let line = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
    let heading = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    if folded {
        heading
    } else {
        heading + 4.0 * line
    }
}

/// The key under the timeline, of this frame's scene: what the numbers beside marks name ("n —
/// date — title", each a link that selects its event), what dense bars mean, and the selected
/// event's relations that got no arrow. Scrolls inside its fixed strip.
fn key_ui(
    ui: &mut Ui,
    doc: &Document,
    scene: &Scene,
    folded: &mut bool,
    commands: &mut Vec<Command>,
) {
    let count = scene.callouts.len();
    let heading = if count > 0 {
        format!(
            "Key: {} numbered mark{}",
            count,
            if count == 1 { "" } else { "s" }
        )
    } else {
        "Key".to_owned()
    };
    let arrow = if *folded { "▸" } else { "▾" };
    if ui
        .add(egui::Button::new(format!("{arrow} {heading}")).frame(false))
        .on_hover_text(if *folded {
            "Show the key"
        } else {
            "Fold the key"
        })
        .clicked()
    {
        *folded = !*folded;
    }
    if *folded {
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("callout_key")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if count > 0 {
                ui.horizontal_wrapped(|ui| {
                    ui.spacing_mut().item_spacing.x = 18.0;
                    for callout in &scene.callouts {
                        let text = format!(
                            "{} — {} — {}",
                            callout.number,
                            callout.date,
                            shown(&callout.title, MAX_KEY_TITLE_CHARS)
                        );
                        if ui.link(text).clicked() {
                            commands.push(Command::Select(callout.event));
                        }
                    }
                });
            } else if !scene.density.is_empty() {
                ui.weak(
                    "Too many events to draw one by one here; a bar's height is how many it \
                     holds (log scale), its colours their kinds. Hover for the count, click to \
                     zoom in",
                );
            } else if !scene.marks.is_empty() {
                ui.weak("Here every mark shown is named beside it");
            }
            if scene.selected_hidden {
                ui.weak("The selected event is hidden by the search or filters");
            }
            for hidden in &scene.hidden_relations {
                let title = doc
                    .dataset
                    .events
                    .get(hidden.other)
                    .map_or_else(String::new, |e| {
                        shown(&e.title, MAX_KEY_TITLE_CHARS).into_owned()
                    });
                let text = if hidden.outgoing {
                    format!(
                        "No arrow: {} → {title} (hidden by the filter)",
                        hidden.kind.verb()
                    )
                } else {
                    format!(
                        "No arrow: {title} → {} this (hidden by the filter)",
                        hidden.kind.verb()
                    )
                };
                ui.weak(text);
            }
            if scene.arrows_not_drawn > 0 {
                ui.weak(format!(
                    "Arrows are drawn only to marks in view: {} more relations of the selected \
                     event are listed in the detail panel",
                    crate::model::count::thousands(scene.arrows_not_drawn)
                ));
            }
        });
}

/// The most characters of a title in the key.
const MAX_KEY_TITLE_CHARS: usize = 120;

/// One widget per visible mark: screen readers and tests find marks by kind, date and title
/// ([`crate::model::Event::accessible_label`]), and clicks select.
fn marks_ui(
    ui: &mut Ui,
    doc: &Document,
    scene: &Scene,
    transform: &PlotTransform,
    quiet: bool,
    commands: &mut Vec<Command>,
) -> bool {
    let frame = *transform.frame();
    let mut clicked = false;
    // A label selects its event as its mark does: it is what the eye lands on. Laid out before
    // the marks, so a mark wins where the two touch.
    for label in &scene.labels {
        let x = transform.position_from_point_x(label.x_days);
        let y = transform.position_from_point_y(label.y);
        let width = label.width_px as f32;
        let (left, right) = if label.right_aligned {
            (x - width, x)
        } else {
            (x, x + width)
        };
        let rect = egui::Rect::from_x_y_ranges(left..=right, y - 8.0..=y + 8.0).intersect(frame);
        if !rect.is_positive() {
            continue;
        }
        let response = ui.interact(
            rect,
            ui.scope_id().with(("label", label.event)),
            Sense::CLICK,
        );
        response.widget_info(|| WidgetInfo::labeled(Role::Label, true, &label.text));
        if response.clicked() {
            commands.push(Command::Select(label.event));
            clicked = true;
        }
        if response.hovered() {
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
        }
    }
    for mark in &scene.marks {
        let center = transform.position_from_point(&egui_plot::PlotPoint::new(mark.x_days, mark.y));
        let mut rect = egui::Rect::from_center_size(
            center,
            egui::Vec2::splat(2.0 * style::MARK_RADIUS_PX as f32 + 6.0),
        );
        for (lo, hi) in [mark.band, mark.range, mark.open_end].into_iter().flatten() {
            let (a, b) = (
                transform.position_from_point_x(lo),
                transform.position_from_point_x(hi),
            );
            rect = rect.union(egui::Rect::from_x_y_ranges(
                a..=b,
                center.y - 8.0..=center.y + 8.0,
            ));
        }
        let rect = rect.intersect(frame);
        if !rect.is_positive() {
            continue;
        }
        let Some(event) = doc.dataset.events.get(mark.event) else {
            continue;
        };
        // Clickable but not a Tab stop each: the timeline is one stop, walked with the arrows.
        let response = ui.interact(rect, ui.scope_id().with(("mark", mark.event)), Sense::CLICK);
        response.widget_info(|| WidgetInfo::labeled(Role::Button, true, event.accessible_label()));
        if response.clicked() {
            commands.push(Command::Select(mark.event));
            clicked = true;
        }
        if response.hovered() {
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
        }
        if quiet {
            continue;
        }
        response.on_hover_ui(|ui| {
            ui.strong(shown(&event.title, TOOLTIP_TITLE_CHARS));
            ui.label(format!(
                "{} · {} precision",
                event.date,
                event.date.precision().label()
            ));
            if let Some(end) = event.end {
                ui.label(format!("until {end}"));
            } else if let Some(attested) = event.ongoing_as_of {
                ui.label(format!("still going as of {attested}"));
            }
            ui.weak(event.kind.label());
        });
    }
    clicked
}

/// Scroll pans, Ctrl/Cmd+scroll or pinch zooms about the pointer, drag pans, double-click fits
/// all, a click on empty space clears the selection.
#[expect(
    clippy::too_many_arguments,
    reason = "one function for all gestures, by design"
)]
fn gestures(
    ui: &Ui,
    response: &Response,
    transform: &PlotTransform,
    doc: &Document,
    view: TimeView,
    scene: &Scene,
    mark_clicked: bool,
    commands: &mut Vec<Command>,
) {
    let days_per_px = transform.dvalue_dpos()[0].abs();
    let limits = doc.limits;
    if response.hovered() {
        let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
        let anchor = response
            .hover_pos()
            .map_or(view.center_days(), |p| transform.value_from_position(p).x);
        if (zoom - 1.0).abs() > 1e-4 {
            commands.push(Command::SetView(view.zoom_at(
                anchor,
                1.0 / f64::from(zoom),
                limits,
            )));
        } else if scroll != egui::Vec2::ZERO {
            let delta_px = f64::from(if scroll.x.abs() > scroll.y.abs() {
                scroll.x
            } else {
                scroll.y
            });
            commands.push(Command::SetView(view.pan(-delta_px * days_per_px, limits)));
        }
    }
    if response.dragged() {
        let dx = f64::from(response.drag_delta().x);
        if dx != 0.0 {
            commands.push(Command::SetView(view.pan(-dx * days_per_px, limits)));
        }
    }
    if response.double_clicked() {
        commands.push(Command::FitAll);
    } else if response.clicked() && !mark_clicked {
        // A click on a crowded bin zooms into it; elsewhere it clears the selection.
        let bin = response
            .interact_pointer_pos()
            .map(|p| transform.value_from_position(p))
            .and_then(|p| scene.density_hit(p.x, p.y));
        match bin {
            Some(bin) => {
                let center = 0.5 * (bin.start_days + bin.end_days);
                commands.push(Command::SetView(view.zoom_at(center, 0.1, limits)));
            }
            None => commands.push(Command::ClearSelection),
        }
    }
    if response.hovered()
        && let Some(bin) = response
            .hover_pos()
            .map(|p| transform.value_from_position(p))
            .and_then(|p| scene.density_hit(p.x, p.y))
    {
        let mix: Vec<String> = EventKind::ALL
            .iter()
            .zip(bin.by_kind)
            .filter(|(_, n)| *n > 0)
            .map(|(kind, n)| format!("{} {}", crate::model::count::thousands(n), kind.label()))
            .collect();
        response.clone().on_hover_text_at_pointer(format!(
            "{} events here ({}): click to zoom in",
            crate::model::count::thousands(bin.count),
            mix.join(", ")
        ));
    }
}

/// The kinds in use, each with its mark, and what bands and fading mean: the symbols and words
/// an export's legend has ([`LegendSymbol`]).
fn legend_ui(ui: &mut Ui, doc: &Document, shown: Option<&crate::timeline::shown::Shown>) {
    let kinds = shown.map_or(&doc.index.kinds_in_use, |s| &s.kinds);
    let palette = palette(ui.visuals());
    let entry = |ui: &mut Ui, symbol: LegendSymbol| {
        let width = symbol.lead_px() as f32 - ui.spacing().item_spacing.x;
        let (rect, _) = ui.allocate_exact_size(egui::vec2(width, 16.0), Sense::hover());
        let shapes = symbol.shapes(
            (f64::from(rect.left()), f64::from(rect.center().y)),
            &palette,
        );
        ui.painter().extend(egui_shapes(&shapes, ui.ctx()));
        ui.label(symbol.text())
    };
    ui.horizontal_wrapped(|ui| {
        for kind in EventKind::ALL {
            let slot = crate::timeline::index::kind_slot(kind);
            if !kinds.get(slot).copied().unwrap_or(false) {
                continue;
            }
            entry(ui, LegendSymbol::Kind(kind)).on_hover_text(super::what_marks_mean::EXACT_DAY);
            ui.add_space(8.0);
        }
        ui.separator();
        entry(ui, LegendSymbol::Band).on_hover_text(super::what_marks_mean::BAND);
        let open_end = match shown {
            Some(shown) => shown.open_end,
            None => doc.dataset.events.iter().any(|e| e.ongoing_as_of.is_some()),
        };
        if open_end {
            ui.add_space(8.0);
            entry(ui, LegendSymbol::OpenEnd);
        }
    });
}
