//! Help ▸ What the marks mean, and Help ▸ About: what a reader sees, in words, so nobody takes a ✔
//! for "true" or a hollow mark for an exact day. The legend and the status bar's counts say the
//! same in their tooltips, from these same sentences.

use egui::{Context, RichText};

/// ✔ beside a quote, and the status bar's verified count.
pub const VERIFIED: &str = "✔ verified: the quote occurs word for word, once, in the stored text \
    of its source. It says the source has these words; it does not say the claim is true.";
/// ✘ beside a quote.
pub const NOT_FOUND: &str = "✘ not found: the quote does not occur in its source's stored text \
    (a changed word, a curly apostrophe for a straight one). Claimline cannot vouch for it.";
/// ⚠ beside a quote.
pub const AMBIGUOUS: &str = "⚠ occurs more than once: the words are in the source, but more \
    than once, so it is not known which passage is meant.";
/// A filled symbol.
pub const EXACT_DAY: &str = "A filled mark: the day is known. Its shape and colour say the \
    event's kind.";
/// A hollow symbol on a lighter band.
pub const BAND: &str = "A hollow mark on a light band: only the month or the year is known; the \
    band covers the whole period, and the mark is its middle.";
/// A bar.
pub const RANGE: &str = "A bar: the event runs from its date to its end date.";
/// A bar that fades out.
pub const FADING: &str = "A bar fading out: still going when the sources last saw it (its \
    'ongoing as of' date); when it ended, they do not say.";
/// Faint whiskers beside a mark.
pub const BOUNDS: &str = "Faint whiskers: the earliest and latest the event can have happened, \
    when the sources bound it but do not date it.";
/// An arrow and its name.
pub const RELATION: &str = "An arrow with a name (denies, contradicts, responds to…): a \
    relation of the selected event, drawn from the event that makes it to the one it is about. \
    Dashed arrows dispute; solid ones follow or cite.";
/// A hidden end.
pub const HIDDEN: &str = "No arrow to an event the search or filters hide: the key and the detail \
    panel list such relations as 'hidden by the filter'.";
/// A number in a pill.
pub const CALLOUT: &str = "A number beside a mark: its name did not fit; the key under the \
    timeline lists the numbers with their dates and titles.";
/// A stacked bar in a crowded lane.
pub const DENSITY: &str = "Bars in a crowded lane: how many events each slice holds (height, on \
    a log scale) and of which kinds (colours). Click one to zoom in.";
/// A faint mark during a search.
pub const DIMMED: &str = "A faint mark while searching: an event the filters keep but the search \
    does not match.";

const ALL: [(&str, &str); 13] = [
    ("✔", VERIFIED),
    ("✘", NOT_FOUND),
    ("⚠", AMBIGUOUS),
    ("●", EXACT_DAY),
    ("○", BAND),
    ("▬", RANGE),
    ("▭", FADING),
    ("┄", BOUNDS),
    ("↷", RELATION),
    ("⊘", HIDDEN),
    ("①", CALLOUT),
    ("▮", DENSITY),
    ("·", DIMMED),
];

/// Shows the window; returns false once closed.
pub fn what_marks_mean_ui(ctx: &Context) -> bool {
    let mut open = true;
    egui::Window::new("What the marks mean")
        .open(&mut open)
        .collapsible(false)
        .default_width(520.0)
        .show(ctx, |ui| {
            egui::Grid::new("meanings")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .striped(true)
                .show(ui, |ui| {
                    for (symbol, meaning) in ALL {
                        ui.label(RichText::new(symbol).size(18.0));
                        ui.add(egui::Label::new(meaning).wrap());
                        ui.end_row();
                    }
                });
        });
    open
}

/// The version and build, as Help ▸ About gives them and a bug report needs them.
pub fn version_line() -> String {
    format!(
        "Claimline {} ({} build, {}-{})",
        env!("CARGO_PKG_VERSION"),
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        },
        std::env::consts::ARCH,
        std::env::consts::OS,
    )
}

/// The renderer that draws the window, as Help ▸ About gives it (issue 27: the fallback may have
/// passed over the first choice, and a bug report about drawing needs to say which one is in use).
pub fn renderer_line() -> String {
    match super::renderer::in_use() {
        Some(renderer) => format!("Renderer: {renderer}"),
        None => "Renderer: none yet (no window opened by this process)".to_owned(),
    }
}

/// Shows Help ▸ About; returns false once closed.
pub fn about_ui(ctx: &Context) -> bool {
    let mut open = true;
    egui::Window::new("About Claimline")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.heading(version_line());
            ui.label(renderer_line());
            ui.label("Lay official claims against the record.");
            ui.label(
                "Every quote is checked word for word against its source when a file opens; a ✔ \
                 says where the words are, not whether they are true.",
            );
        });
    open
}
