//! The one harness factory for UI tests: the real app, at a typical laptop window size.

use claimline::app::ClaimlineApp;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

pub const WINDOW: [f32; 2] = [1400.0, 860.0];

/// The app on the embedded seed dataset, after its first frames.
pub fn harness() -> Harness<'static, ClaimlineApp> {
    let mut harness = Harness::builder()
        .with_size(WINDOW)
        .build_eframe(|cc| ClaimlineApp::new(cc, None));
    harness.run();
    harness
}

/// The index of the seed event with this id.
pub fn event(harness: &Harness<'_, ClaimlineApp>, id: &str) -> usize {
    harness
        .state()
        .doc()
        .dataset
        .event_index(id)
        .unwrap_or_else(|| panic!("no event {id}"))
}

/// Whether `node` is the timeline mark of the event titled `title`: marks are buttons read as
/// "Kind, date: title".
fn is_mark(node: &egui_kittest::kittest::AccessKitNode<'_>, title: &str) -> bool {
    node.role() == egui::accesskit::Role::Button
        && node
            .label()
            .is_some_and(|label| label.ends_with(&format!(": {title}")))
}

/// The timeline mark of the event titled `title` (exactly one).
pub fn mark<'h>(harness: &'h Harness<'_, ClaimlineApp>, title: &str) -> egui_kittest::Node<'h> {
    let title = title.to_owned();
    harness.get_by(move |node| is_mark(node, &title))
}

/// The timeline mark of the event titled `title`, if it has one.
pub fn query_mark<'h>(
    harness: &'h Harness<'_, ClaimlineApp>,
    title: &str,
) -> Option<egui_kittest::Node<'h>> {
    let title = title.to_owned();
    harness.query_by(move |node| is_mark(node, &title))
}

/// Selects Peskov's March 2024 statement and opens its first quote in the source window.
pub fn show_sochi_quote_in_source(harness: &mut Harness<'_, ClaimlineApp>) {
    mark(
        harness,
        "Peskov at Sochi youth forum: Russia never interfered in US elections",
    )
    .click();
    harness.run();
    harness
        .get_all_by_label("Show in source")
        .next()
        .expect("a verified quote has a Show in source button")
        .click();
    harness.run();
}

/// Steps the app until its background load has finished (files open on their own thread).
pub fn wait_for_load(harness: &mut Harness<'_, ClaimlineApp>) {
    for _ in 0..3000 {
        harness.step();
        if !harness.state().is_loading() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(!harness.state().is_loading(), "the load finished");
    harness.run();
}
