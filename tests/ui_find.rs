//! Finding, filtering and walking the record in the window: Ctrl+F, the match count, Enter to
//! step, kind chips, Alt+← / Alt+→ through the selections.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test that cannot unwrap has failed"
)]
#![allow(
    clippy::format_push_string,
    reason = "test fixtures build their expected text with format!"
)]

#[allow(dead_code, reason = "not every test file uses every shared helper")]
mod common;

use common::words::searchable_words;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};

/// Seed events whose searchable words contain `word` (lower case), earliest first.
fn seed_events_with(word: &str) -> Vec<String> {
    let data = claimline::load::load_embedded().checked.unwrap().dataset;
    let mut found: Vec<&claimline::model::Event> = data
        .events
        .iter()
        .map(|e| &**e)
        .filter(|e| searchable_words(&data, e).contains(word))
        .collect();
    found.sort_by(|a, b| a.date.start_days().total_cmp(&b.date.start_days()));
    found.iter().map(|e| e.id.clone()).collect()
}

#[test]
fn typing_a_query_shows_the_count_and_enter_selects_the_first_match_in_time() {
    let mut harness = common::harness();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    let expected = seed_events_with("groundless");
    assert!(expected.len() > 1);
    harness.get_by_role(Role::TextInput).type_text("Groundless");
    harness.run();
    harness.get_by_label(&format!("{} matches", expected.len()));
    assert_eq!(harness.state().selected(), None);

    harness.key_press(Key::Enter);
    harness.run();
    let first = common::event(&harness, &expected[0]);
    assert_eq!(
        harness.state().selected(),
        Some(first),
        "the earliest match"
    );
    let (lo, hi) = harness.state().timeline().visible_days().unwrap();
    let anchor = harness.state().doc().dataset.events[first]
        .date
        .anchor_days();
    assert!(lo <= anchor && anchor <= hi, "the view shows it");

    harness.key_press(Key::Enter);
    harness.run();
    let second = common::event(&harness, &expected[1]);
    assert_eq!(harness.state().selected(), Some(second), "Enter steps on");
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    harness.run();
    assert_eq!(
        harness.state().selected(),
        Some(first),
        "Shift+Enter steps back"
    );

    // Only the matches have marks.
    let scene = harness.state().timeline().last_scene.clone().unwrap();
    let mut marked: Vec<String> = scene
        .marks
        .iter()
        .map(|m| harness.state().doc().dataset.events[m.event].id.clone())
        .collect();
    marked.sort();
    let mut wanted = expected.clone();
    wanted.sort();
    assert_eq!(marked, wanted);
}

#[test]
fn a_kind_filter_hides_other_marks_and_its_chip_removes_it() {
    let mut harness = common::harness();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness.get_by_label("+ Filter").click();
    harness.run();
    harness.get_by_label("Kind").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Statement")
        .click();
    harness.run();
    let kinds = |harness: &egui_kittest::Harness<'_, claimline::app::ClaimlineApp>| {
        let state = harness.state();
        let scene = state.timeline().last_scene.clone().unwrap();
        scene
            .marks
            .iter()
            .map(|m| state.doc().dataset.events[m.event].kind)
            .collect::<std::collections::BTreeSet<_>>()
    };
    assert_eq!(
        kinds(&harness).into_iter().collect::<Vec<_>>(),
        [claimline::model::EventKind::Statement]
    );
    assert!(common::query_mark(&harness, "Mueller report released").is_none());

    harness
        .get_by_label("Remove filter Kind: Statement")
        .click();
    harness.run();
    assert!(kinds(&harness).len() > 1, "every kind is back");
    common::mark(&harness, "Mueller report released");
}

#[test]
fn following_a_relation_then_alt_left_returns_to_the_first_event() {
    let mut harness = common::harness();
    common::mark(
        &harness,
        "Peskov at Sochi youth forum: Russia never interfered in US elections",
    )
    .click();
    harness.run();
    let sochi = harness
        .state()
        .selected()
        .expect("the statement is selected");
    harness
        .get_by_role_and_label(Role::Link, "Report, 18 Apr 2019: Mueller report released")
        .click();
    harness.run();
    let mueller = common::event(&harness, "mueller-report-2019");
    assert_eq!(harness.state().selected(), Some(mueller));

    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowLeft);
    harness.run();
    assert_eq!(
        harness.state().selected(),
        Some(sochi),
        "back to the statement"
    );
    let (lo, hi) = harness.state().timeline().visible_days().unwrap();
    let anchor = harness.state().doc().dataset.events[sochi]
        .date
        .anchor_days();
    assert!(lo <= anchor && anchor <= hi, "and the view shows it");

    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    harness.run();
    assert_eq!(harness.state().selected(), Some(mueller), "forward again");
}

#[test]
fn a_report_lists_what_denies_contradicts_or_answers_it_grouped_by_type() {
    let mut harness = common::harness();
    let ica = common::event(&harness, "ica-2017");
    harness
        .state_mut()
        .push_command(claimline::app::command::Command::Focus(ica));
    harness.run();
    let top = |harness: &egui_kittest::Harness<'_, claimline::app::ClaimlineApp>, label: &str| {
        harness.get_by_label(label).rect().top()
    };
    // Denials come first, then the events that follow on from it.
    let denied = top(&harness, "← Denied by (2)");
    let followed = top(&harness, "← Followed by (2)");
    assert!(denied < followed, "disputes are listed first");
    let data = &harness.state().doc().dataset;
    let link_of = |id: &str| data.event(id).unwrap().accessible_label();
    let (putin, peskov) = (
        link_of("putin-nbc-interview-2018"),
        link_of("peskov-sochi-2024-03-06"),
    );
    let link_top = |label: &str| {
        harness
            .get_by_role_and_label(Role::Link, label)
            .rect()
            .top()
    };
    let (putin_y, peskov_y) = (link_top(&putin), link_top(&peskov));
    assert!(
        denied < putin_y && denied < peskov_y && putin_y < followed && peskov_y < followed,
        "both denials sit under their group's heading"
    );

    harness.get_by_role_and_label(Role::Link, &peskov).click();
    harness.run();
    let sochi = common::event(&harness, "peskov-sochi-2024-03-06");
    assert_eq!(
        harness.state().selected(),
        Some(sochi),
        "the link selects it"
    );
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowLeft);
    harness.run();
    assert_eq!(
        harness.state().selected(),
        Some(ica),
        "and went onto the history"
    );
}

#[test]
fn a_search_in_the_background_lands_and_the_newest_query_wins() {
    use claimline::app::command::Command;
    use claimline::timeline::Filter;
    let mut harness = common::harness();
    // The seed is small enough to search at once; take the path a million events take.
    harness.state_mut().set_background_search_from(0);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    let query = |text: &str| {
        Command::SetFilter(Filter {
            search: text.into(),
            ..Filter::default()
        })
    };
    // Two queries in one frame, as fast typing gives: only the second may land.
    harness.state_mut().push_command(query("the"));
    harness.state_mut().push_command(query("groundless"));
    harness.step();
    assert!(
        harness.state().is_searching(),
        "the search runs in the background"
    );
    assert_eq!(
        harness
            .state()
            .matches()
            .map(claimline::timeline::Matches::count),
        None,
        "nothing shown yet is stale"
    );
    // Enter while it runs steps once the result is in, not through stale matches.
    harness.key_press(Key::Enter);
    let expected = seed_events_with("groundless");
    for _ in 0..1000 {
        harness.step();
        let shown = harness
            .state()
            .matches()
            .map(claimline::timeline::Matches::count);
        assert!(
            shown.is_none() || shown == Some(expected.len()),
            "a stale result was shown: {shown:?}"
        );
        if !harness.state().is_searching() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    harness.run();
    assert!(!harness.state().is_searching());
    harness.get_by_label(&format!("{} matches", expected.len()));
    let matches = harness.state().matches().cloned().unwrap();
    assert_eq!(
        matches.count(),
        expected.len(),
        "the newest query's matches"
    );
    let first = common::event(&harness, &expected[0]);
    assert_eq!(
        harness.state().selected(),
        Some(first),
        "Enter took the first match"
    );
}

#[test]
fn esc_in_the_search_box_closes_the_search_and_keeps_the_selection() {
    let mut harness = common::harness();
    common::mark(&harness, "Mueller report released").click();
    harness.run();
    let mueller = harness.state().selected().expect("selected");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness.get_by_role(Role::TextInput).type_text("groundless");
    harness.run();
    assert!(harness.state().matches().is_some());
    harness.key_press(Key::Escape);
    harness.run();
    assert!(
        harness.query_by_role(Role::TextInput).is_none(),
        "the search bar is closed"
    );
    assert!(
        harness.state().matches().is_none(),
        "and its search forgotten"
    );
    assert_eq!(
        harness.state().selected(),
        Some(mueller),
        "Esc was the box's"
    );
}

/// Opens Find, then "+ Filter" and its submenu `menu`.
fn open_filter_menu(
    harness: &mut egui_kittest::Harness<'_, claimline::app::ClaimlineApp>,
    menu: &str,
) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness.get_by_label("+ Filter").click();
    harness.run();
    harness.get_by_label(menu).click();
    harness.run();
}

#[test]
fn an_actor_filter_from_the_menu_keeps_only_that_actors_events() {
    let mut harness = common::harness();
    open_filter_menu(&mut harness, "Actor");
    harness
        .get_by_role_and_label(Role::Button, "Dmitry Peskov")
        .click();
    harness.run();
    harness.get_by_label("Remove filter Actor: peskov");
    // The seed names Peskov as an actor of six events; with no search typed, the count says
    // what the filter leaves shown.
    harness.get_by_label("6 of 44 events shown");
    let state = harness.state();
    let scene = state.timeline().last_scene.clone().unwrap();
    assert!(!scene.marks.is_empty());
    for mark in &scene.marks {
        let event = &state.doc().dataset.events[mark.event];
        assert!(
            event.actors.iter().any(|a| a == "peskov"),
            "{}",
            event.title
        );
    }
}

#[test]
fn a_date_range_typed_in_the_menu_leaves_out_what_ended_before_it() {
    let mut harness = common::harness();
    open_filter_menu(&mut harness, "Dates");
    // The first box with a date's hint is "From" (the search box's hint is another).
    let hint = Some("YYYY, YYYY-MM or YYYY-MM-DD");
    let is_from = |n: &egui_kittest::Node<'_>| n.accesskit_node().placeholder() == hint;
    harness
        .get_all_by_role(Role::TextInput)
        .find(is_from)
        .unwrap()
        .click();
    harness.run();
    harness
        .get_all_by_role(Role::TextInput)
        .find(is_from)
        .unwrap()
        .type_text("2020");
    harness.run();
    harness.get_by_label("Apply").click();
    harness.run();
    harness.get_by_label("Remove filter From 2020");
    let state = harness.state();
    let scene = state.timeline().last_scene.clone().unwrap();
    assert!(!scene.marks.is_empty());
    let start_2020 = claimline::model::Date::parse("2020").unwrap().start_days();
    for mark in &scene.marks {
        let event = &state.doc().dataset.events[mark.event];
        assert!(
            event.latest_days() >= start_2020,
            "{} ends before 2020",
            event.title
        );
    }
    assert!(
        common::query_mark(&harness, "US presidential election 2016").is_none(),
        "a 2016 event is left out"
    );
}

/// A dataset with 5,000 actors: the Actor menu lays out a screenful of names, not 5,000 buttons
/// (100,000 took 3 s a frame and 1.4 GB), and typing narrows the list to the one wanted.
#[test]
fn a_menu_of_thousands_of_actors_lays_out_only_what_fits_and_narrows_as_you_type() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("actors.json");
    let actors: Vec<serde_json::Value> = (0..5_000)
        .map(|i| serde_json::json!({"id": format!("a{i}"), "name": format!("Official {i}")}))
        .collect();
    let events: Vec<serde_json::Value> = (0..50)
        .map(|i| {
            serde_json::json!({"id": format!("e{i}"), "kind": "statement",
                "date": format!("{}-01-01", 2000 + i % 20), "title": format!("Statement {i}"),
                "actors": [format!("a{}", i * 100)]})
        })
        .collect();
    let data = serde_json::json!({"format": "claimline/1", "title": "Many actors",
        "actors": actors, "events": events});
    std::fs::write(&path, serde_json::to_vec(&data).unwrap()).unwrap();
    let mut harness = common::harness_on(path);

    open_filter_menu(&mut harness, "Actor");
    let laid_out = harness
        .query_all_by_role(Role::Button)
        .filter(|b| (b.accesskit_node().label()).is_some_and(|l| l.starts_with("Official ")))
        .count();
    assert!(
        (5..100).contains(&laid_out),
        "a screenful of the 5,000 names is laid out, not all: {laid_out}"
    );
    let narrow = Some("Type to narrow 5,000");
    let is_narrow = |n: &egui_kittest::Node<'_>| n.accesskit_node().placeholder() == narrow;
    harness
        .get_all_by_role(Role::TextInput)
        .find(is_narrow)
        .unwrap()
        .click();
    harness.run();
    harness
        .get_all_by_role(Role::TextInput)
        .find(is_narrow)
        .unwrap()
        .type_text("official 4200");
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Official 4200")
        .click();
    harness.run();
    harness.get_by_label("Remove filter Actor: a4200");
    let total = harness.state().doc().dataset.events.len();
    harness.get_by_label(&format!(
        "1 of {} events shown",
        claimline::model::count::thousands(total)
    ));
}
