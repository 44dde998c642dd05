//! While a file is dragged over the window: say that dropping it opens it.

use egui::{Align2, Color32, Context, FontId, Id, LayerId, Order};

pub fn drop_overlay_ui(ctx: &Context) {
    let hovered = ctx.input(|i| i.raw.hovered_files.clone());
    let Some(file) = hovered.first() else {
        return;
    };
    let name = file.path.as_ref().and_then(|p| p.file_name()).map_or_else(
        || "the file".to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    let painter = ctx.layer_painter(LayerId::new(Order::Foreground, Id::unique("drop_overlay")));
    let rect = ctx.content_rect();
    painter.rect_filled(rect, 0.0, Color32::from_black_alpha(150));
    painter.text(
        rect.center(),
        Align2::CENTER_CENTER,
        format!("Drop to open {name}"),
        FontId::proportional(28.0),
        Color32::WHITE,
    );
}
