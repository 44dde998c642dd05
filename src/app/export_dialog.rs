//! File ▸ Export image…: PNG, SVG or PDF, the current view or the whole dataset, sizes for slides,
//! theme, title and the provenance footer. The picture is drawn by the core exporter.

use egui::{Context, Ui};

use super::command::Command;
pub use super::command::ExportSettings;
use crate::export::ImageFormat;
use crate::timeline::CalloutMode;

/// Slide sizes, and "custom".
const PRESETS: [(&str, u32, u32); 3] = [
    ("1280 × 720 (HD)", 1280, 720),
    ("1920 × 1080 (Full HD)", 1920, 1080),
    ("3840 × 2160 (4K)", 3840, 2160),
];

#[derive(Default)]
pub struct ExportDialog {
    pub open: bool,
    pub settings: ExportSettings,
    /// Index into [`PRESETS`], or `PRESETS.len()` for a custom size.
    preset: Option<usize>,
}

impl ExportDialog {
    pub fn ui(&mut self, ctx: &Context, commands: &mut Vec<Command>) {
        let mut open = self.open;
        let mut export = false;
        egui::Window::new("Export image")
            .open(&mut open)
            .resizable(false)
            .collapsible(false)
            .show(ctx, |ui| {
                egui::Grid::new("export_grid")
                    .num_columns(2)
                    .spacing([12.0, 8.0])
                    .show(ui, |ui| {
                        self.rows_ui(ui);
                    });
                ui.separator();
                let s = &self.settings;
                let (w, h) = (
                    (s.width_px as f32 * s.scale).round(),
                    (s.height_px as f32 * s.scale).round(),
                );
                ui.weak(match s.format {
                    ImageFormat::Png => format!("A {w} × {h} pixel PNG"),
                    ImageFormat::Svg => {
                        format!("An SVG laid out at {} × {}", s.width_px, s.height_px)
                    }
                    ImageFormat::Pdf => format!(
                        "A {} × {} pt PDF page, fonts embedded",
                        s.width_px, s.height_px
                    ),
                });
                if ui.button("Export…").clicked() {
                    export = true;
                }
            });
        if export {
            commands.push(Command::ExportImage(self.settings.clone()));
            open = false;
        }
        self.open = open;
    }

    fn rows_ui(&mut self, ui: &mut Ui) {
        let s = &mut self.settings;
        ui.label("Format");
        ui.horizontal(|ui| {
            ui.radio_value(&mut s.format, ImageFormat::Png, "PNG");
            ui.radio_value(&mut s.format, ImageFormat::Svg, "SVG")
                .on_hover_text("Text drawn as outlines: looks the same in every program");
            ui.radio_value(&mut s.format, ImageFormat::Pdf, "PDF")
                .on_hover_text("Vector, fonts embedded: for Keynote, PowerPoint, print");
        });
        ui.end_row();
        ui.label("Range");
        ui.horizontal(|ui| {
            ui.radio_value(&mut s.whole_dataset, false, "Current view");
            ui.radio_value(&mut s.whole_dataset, true, "Whole dataset");
        });
        ui.end_row();
        ui.label("Size");
        let preset = self.preset.get_or_insert(1);
        egui::ComboBox::from_id_salt("export_size")
            .selected_text(PRESETS.get(*preset).map_or("Custom", |p| p.0))
            .show_ui(ui, |ui| {
                for (i, (name, w, h)) in PRESETS.iter().enumerate() {
                    if ui.selectable_value(preset, i, *name).clicked() {
                        (s.width_px, s.height_px) = (*w, *h);
                    }
                }
                ui.selectable_value(preset, PRESETS.len(), "Custom");
            });
        ui.end_row();
        if *preset == PRESETS.len() {
            ui.label("Custom size");
            ui.horizontal(|ui| {
                ui.add(
                    egui::DragValue::new(&mut s.width_px)
                        .range(100..=8000)
                        .suffix(" px"),
                );
                ui.label("×");
                ui.add(
                    egui::DragValue::new(&mut s.height_px)
                        .range(100..=8000)
                        .suffix(" px"),
                );
            });
            ui.end_row();
        }
        ui.label("Scale");
        ui.add_enabled_ui(s.format == ImageFormat::Png, |ui| {
            ui.horizontal(|ui| {
                for scale in [1.0, 2.0, 3.0] {
                    ui.radio_value(&mut s.scale, scale, format!("{scale}×"));
                }
            });
        });
        ui.end_row();
        ui.label("Theme");
        ui.horizontal(|ui| {
            ui.radio_value(&mut s.dark, false, "Light");
            ui.radio_value(&mut s.dark, true, "Dark");
        });
        ui.end_row();
        ui.label("Title");
        ui.add(egui::TextEdit::singleline(&mut s.title).hint_text("optional"));
        ui.end_row();
        ui.label("Numbered marks")
            .on_hover_text("A number beside a mark and a key below the picture: n — date — title");
        egui::ComboBox::from_id_salt("export_callouts")
            .selected_text(s.callouts.label())
            .show_ui(ui, |ui| {
                for mode in CalloutMode::ALL {
                    ui.selectable_value(&mut s.callouts, mode, mode.label());
                }
            });
        ui.end_row();
        ui.label("Footer");
        ui.checkbox(&mut s.footer, "Dataset, file, hash, range and version");
        ui.end_row();
    }
}
