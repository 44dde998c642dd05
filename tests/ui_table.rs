//! View ▸ Event table (T): a row click selects and pans, a search narrows the rows, a header click
//! sorts, a selection elsewhere scrolls the table to its row.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot unwrap has failed"
)]

#[allow(dead_code, reason = "not every test file uses every shared helper")]
mod common;

use claimline::app::ClaimlineApp;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

/// The app with the event table shown (by its shortcut).
fn harness_with_table() -> Harness<'static, ClaimlineApp> {
    let mut harness = common::harness();
    assert_eq!(
        harness.query_all_by_role(Role::Row).count(),
        0,
        "hidden at first"
    );
    harness.key_press(Key::T);
    harness.run();
    harness
}

/// The accessible labels of the table rows on screen, top to bottom.
fn row_labels(harness: &Harness<'_, ClaimlineApp>) -> Vec<String> {
    let mut rows: Vec<(f32, String)> = harness
        .query_all_by_role(Role::Row)
        .map(|n| {
            let y = n.rect().top();
            (y, n.accesskit_node().label().unwrap_or_default())
        })
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    rows.into_iter().map(|(_, label)| label).collect()
}

#[test]
fn clicking_a_row_selects_its_event_and_the_detail_panel_shows_it() {
    let mut harness = harness_with_table();
    let labels = row_labels(&harness);
    assert!(labels.len() > 3, "rows are shown: {labels:?}");
    let first = harness.state().table().rows()[0] as usize;
    let event = harness.state().doc().dataset.events[first].clone();
    assert_eq!(
        labels[0],
        event.accessible_label(),
        "rows say kind, date and title"
    );
    let shown_titles = |h: &Harness<'_, ClaimlineApp>| h.query_all_by_label(&event.title).count();
    let before = shown_titles(&harness);

    harness
        .get_by_role_and_label(Role::Row, &event.accessible_label())
        .click();
    harness.run();
    assert_eq!(harness.state().selected(), Some(first));
    assert_eq!(
        shown_titles(&harness),
        before + 1,
        "the detail panel's heading is its title"
    );
    let (lo, hi) = harness.state().timeline().visible_days().unwrap();
    let anchor = event.date.anchor_days();
    assert!(lo <= anchor && anchor <= hi, "the timeline shows it");
}

#[test]
fn a_search_narrows_the_rows_to_its_matches() {
    let mut harness = harness_with_table();
    let all = harness.state().table().rows().len();
    assert_eq!(all, harness.state().doc().dataset.events.len());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness.get_by_role(Role::TextInput).type_text("groundless");
    harness.run();
    let state = harness.state();
    let matches = state.matches().cloned().expect("a search is active");
    let rows: Vec<usize> = state.table().rows().iter().map(|&e| e as usize).collect();
    assert!(
        !rows.is_empty() && rows.len() < all,
        "fewer rows: {}",
        rows.len()
    );
    assert_eq!(rows.len(), matches.count());
    assert!(rows.iter().all(|&e| matches.contains(e)));
    let labels = row_labels(&harness);
    assert!(!labels.is_empty() && labels.len() <= rows.len());
    // Top to bottom, the screen shows the first matches and nothing else.
    for (label, &e) in labels.iter().zip(&rows) {
        assert_eq!(*label, state.doc().dataset.events[e].accessible_label());
    }
}

#[test]
fn a_header_click_sorts_and_a_second_reverses() {
    let mut harness = harness_with_table();
    let titles = |h: &Harness<'_, ClaimlineApp>| -> Vec<String> {
        let state = h.state();
        state
            .table()
            .rows()
            .iter()
            .map(|&e| state.doc().dataset.events[e as usize].title.to_lowercase())
            .collect()
    };
    let by_date = titles(&harness);
    harness
        .get_by_role_and_label(Role::ColumnHeader, "Title")
        .click();
    harness.run();
    let ascending = titles(&harness);
    assert_ne!(ascending, by_date);
    assert!(
        ascending.windows(2).all(|w| w[0] <= w[1]),
        "A to Z: {ascending:?}"
    );
    harness.get_by_label("Title, sorted ascending");
    let top = row_labels(&harness);
    let first = harness.state().table().rows()[0] as usize;
    assert_eq!(
        top[0],
        harness.state().doc().dataset.events[first].accessible_label(),
        "the screen shows the new order"
    );

    harness
        .get_by_role_and_label(Role::ColumnHeader, "Title, sorted ascending")
        .click();
    harness.run();
    let descending = titles(&harness);
    assert!(descending.windows(2).all(|w| w[0] >= w[1]), "Z to A");
}

#[test]
fn a_selection_on_the_timeline_scrolls_the_table_to_its_row() {
    let mut harness = harness_with_table();
    let last = *harness.state().table().rows().last().unwrap() as usize;
    let label = harness.state().doc().dataset.events[last].accessible_label();
    assert!(
        !row_labels(&harness).contains(&label),
        "the last row starts off screen"
    );
    // As a mark click or → would: a selection made outside the table.
    harness.key_press(Key::ArrowLeft);
    harness.run();
    harness.run();
    let selected = harness
        .state()
        .selected()
        .expect("← selects the last event");
    assert_eq!(selected, last, "the last in time is the last row by date");
    assert!(
        row_labels(&harness).contains(&label),
        "its row scrolled into view"
    );
}

/// The right edge of the timeline's plot: the table sits under it, as wide.
fn panel_right(harness: &Harness<'_, ClaimlineApp>) -> f32 {
    harness
        .get_by(|n| n.label().is_some_and(|l| l.starts_with("Timeline, ")))
        .rect()
        .right()
}

/// A column header, whether or not the table is sorted by it ("Date, sorted ascending").
fn header<'h>(harness: &'h Harness<'_, ClaimlineApp>, label: &str) -> egui_kittest::Node<'h> {
    let label = label.to_owned();
    harness.get_by(move |n| {
        n.role() == Role::ColumnHeader && n.label().is_some_and(|l| l.starts_with(&label))
    })
}

fn header_right(harness: &Harness<'_, ClaimlineApp>, label: &str) -> f32 {
    header(harness, label).rect().right()
}

#[test]
fn every_column_fits_beside_the_detail_panel_at_the_usual_window_size() {
    let harness = harness_with_table();
    let right = panel_right(&harness);
    for column in claimline::timeline::table::TableColumn::ALL {
        let edge = header_right(&harness, column.label());
        assert!(
            edge <= right + 2.0,
            "{} ends at {edge}, past the panel's edge at {right}",
            column.label()
        );
    }
    // The title column takes what the others leave: it is the widest.
    let title = header(&harness, "Title").rect().left();
    let actors = header(&harness, "Actors").rect().left();
    assert!(actors - title > 250.0, "title column {}", actors - title);
}

#[test]
fn in_a_narrow_window_the_table_scrolls_sideways_to_its_quotes_column() {
    let mut harness = Harness::builder()
        .with_size([820.0, 700.0])
        .build_eframe(|cc| ClaimlineApp::new(cc, None));
    harness.run();
    harness.key_press(Key::T);
    harness.run();
    let right = panel_right(&harness);
    let before = header_right(&harness, "Quotes");
    assert!(
        before > right,
        "too narrow for every column: {before} > {right}"
    );

    // A sideways scroll over the table brings the last column into reach.
    let rows = header(&harness, "Date").rect();
    harness.hover_at(rows.center() + egui::vec2(0.0, 60.0));
    harness.run();
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(-2000.0, 0.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: Modifiers::NONE,
    });
    harness.run_steps(30);
    let after = header_right(&harness, "Quotes");
    assert!(
        after <= right + 2.0,
        "the Quotes column scrolled into view: {after} <= {right}"
    );
    harness
        .get_by_role_and_label(Role::ColumnHeader, "Quotes")
        .click();
    harness.run();
    harness.get_by_label("Quotes, sorted ascending");
}
