//! Presentation mode (F11): the timeline and a large caption of the selected event, nothing else.

use egui::{RichText, Ui};

use crate::document::Document;
use crate::model::count::thousands;
use crate::model::visible_text::shown;
use crate::model::visible_text::{MAX_DRAWN_CHARS, MAX_SHOWN_TEXT_CHARS};
use crate::timeline::Filter;

/// The caption under the timeline: title, date and the first quote, in large type, and a line
/// saying what a search or filters leave out, so an audience is never shown a part as the whole.
pub fn caption_ui(
    ui: &mut Ui,
    doc: &Document,
    selected: Option<usize>,
    filter: &Filter,
    shown_count: Option<usize>,
) {
    if filter.is_active() {
        let total = doc.dataset.events.len();
        let count = shown_count.map_or_else(String::new, |n| {
            format!(" — {} of {} shown", thousands(n), thousands(total))
        });
        ui.label(
            RichText::new(format!(
                "Filtered: {}{count}",
                shown(&filter.describe().join(" · "), MAX_DRAWN_CHARS)
            ))
            .size(16.0)
            .color(ui.visuals().warn_fg_color),
        );
    }
    let Some(event) = selected.and_then(|i| doc.dataset.events.get(i)) else {
        ui.label(
            RichText::new(shown(&doc.dataset.title, MAX_DRAWN_CHARS))
                .size(30.0)
                .strong(),
        );
        ui.label(
            RichText::new("→ to step through the events, Esc to leave")
                .size(18.0)
                .weak(),
        );
        return;
    };
    ui.label(
        RichText::new(shown(&event.title, MAX_DRAWN_CHARS))
            .size(30.0)
            .strong(),
    );
    ui.label(RichText::new(event.date.to_string()).size(22.0));
    if let Some(citation) = event.citations.first() {
        ui.add_space(6.0);
        ui.add(
            egui::Label::new(
                RichText::new(crate::model::quote::in_quotation_marks(&shown(
                    &citation.quote.exact,
                    MAX_SHOWN_TEXT_CHARS,
                )))
                .size(24.0)
                .italics(),
            )
            .wrap(),
        );
        if let Some(source) = doc.dataset.source(&citation.source) {
            let outlet = source.outlet.as_deref().unwrap_or_default();
            ui.label(
                RichText::new(shown(
                    &format!("{outlet} — {}", source.title),
                    MAX_DRAWN_CHARS,
                ))
                .size(16.0)
                .weak(),
            );
        }
    }
}

/// Eases a view from one range to another over a short time.
#[derive(Clone, Copy, Debug)]
pub struct ViewAnimation {
    pub from: crate::timeline::TimeView,
    pub to: crate::timeline::TimeView,
    pub start_time: f64,
}

impl ViewAnimation {
    pub const SECONDS: f64 = 0.6;

    /// The view at `now`, and whether the animation has finished.
    pub fn at(&self, now: f64) -> (crate::timeline::TimeView, bool) {
        let t = ((now - self.start_time) / Self::SECONDS).clamp(0.0, 1.0);
        let eased = t * t * (3.0 - 2.0 * t);
        let lerp = |a: f64, b: f64| a + (b - a) * eased;
        (
            crate::timeline::TimeView {
                start_days: lerp(self.from.start_days, self.to.start_days),
                span_days: lerp(self.from.span_days, self.to.span_days),
            },
            t >= 1.0,
        )
    }
}
