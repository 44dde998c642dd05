//! Presentation mode (F11): the timeline and a large caption of the selected event, nothing else.

use egui::{RichText, Ui};

use crate::document::Document;
use crate::load::limits::{MAX_DRAWN_CHARS, MAX_SHOWN_TEXT_CHARS};
use crate::model::visible_text::shown;

/// The caption under the timeline: title, date and the first quote, in large type.
pub fn caption_ui(ui: &mut Ui, doc: &Document, selected: Option<usize>) {
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
                RichText::new(format!(
                    "“{}”",
                    shown(&citation.quote.exact, MAX_SHOWN_TEXT_CHARS)
                ))
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
