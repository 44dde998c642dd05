//! Making a record from nothing, as a journalist does it (issue 24): File ▸ New, add a source by
//! pasting its text, select a passage, cite it in a new event, set its date and kind, save, open
//! the file again and find the quote ✔. Also: undo and redo across those steps, leaving with
//! unsaved changes asks, and work not saved before a crash is offered back.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot unwrap has failed"
)]

#[allow(dead_code, reason = "not every test file uses every shared helper")]
mod common;

use claimline::app::ClaimlineApp;
use claimline::app::command::Command;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

const ARTICLE: &str = "MOSCOW (Reuters) - The Kremlin on Monday dismissed as “absolutely \
unfounded” a report that Russia had interfered in the U.S. election. Dmitry Peskov told \
reporters: “Russia has never interfered and does not interfere in the internal affairs of other \
countries.” He said it was the same old story.";
const PASSAGE: &str = "Russia has never interfered and does not interfere in the internal affairs of other countries.";

fn text_field<'h>(harness: &'h Harness<'_, ClaimlineApp>, label: &str) -> egui_kittest::Node<'h> {
    let label = label.to_owned();
    harness.get_by(move |n| {
        matches!(n.role(), Role::TextInput | Role::MultilineTextInput)
            && n.label().as_deref() == Some(&label)
    })
}

/// Types `text` into the field labelled `label`, as a user does (click, then keys).
fn type_into(harness: &mut Harness<'_, ClaimlineApp>, label: &str, text: &str) {
    text_field(harness, label).focus();
    harness.run();
    text_field(harness, label).type_text(text);
    harness.run();
}

/// Replaces what the field labelled `label` says with `text` (click, select all, type).
fn retype(harness: &mut Harness<'_, ClaimlineApp>, label: &str, text: &str) {
    text_field(harness, label).focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    text_field(harness, label).type_text(text);
    harness.run();
}

/// Selects the bytes `range` of the source window's text, as a drag across it would.
fn select_in_source(
    harness: &mut Harness<'_, ClaimlineApp>,
    text: &str,
    range: std::ops::Range<usize>,
) {
    let id = egui::Id::unique("source_text");
    let chars = |byte: usize| text[..byte].chars().count();
    let mut state =
        egui::text_edit::TextEditState::load(&harness.ctx, id).expect("the source text is shown");
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::two(
            egui::text::CCursor::new(chars(range.start)),
            egui::text::CCursor::new(chars(range.end)),
        )));
    state.store(&harness.ctx, id);
    // A drag gives the text the keyboard, as clicking into it does.
    harness.ctx.memory_mut(|m| m.request_focus(id));
    harness.run();
}

/// Opens the form's Kind menu and picks `kind` in it.
fn pick_kind(harness: &mut Harness<'_, ClaimlineApp>, kind: &str) {
    harness
        .get_by(|n| n.role() == Role::ComboBox && n.label().as_deref() == Some("Kind"))
        .click();
    harness.run();
    harness
        .get_all_by_label(kind)
        .find(|n| !matches!(n.accesskit_node().role(), Role::Label | Role::TextRun))
        .expect("the kind's option")
        .click();
    harness.run();
}

fn wait_for_save(harness: &mut Harness<'_, ClaimlineApp>) {
    for _ in 0..500 {
        harness.step();
        if harness
            .state()
            .notice()
            .is_some_and(|n| n.starts_with("Saved "))
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run();
}

/// New dataset → paste a source → select a passage → cite it in a new event → set its date and
/// kind → save → reopen: the quote is ✔, and `claimline check` finds nothing wrong.
#[test]
fn a_record_made_from_a_pasted_article_saves_and_reopens_verified() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::harness();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("New dataset Ctrl+N").click();
    harness.run();
    assert!(harness.state().doc().dataset.events.is_empty());
    assert_eq!(harness.state().doc().dataset.title, "Untitled record");

    // The overview of an empty dataset says how to begin, with the button to do it.
    harness.get_by_label("Add source…").click();
    harness.run();
    type_into(
        &mut harness,
        "Title",
        "Kremlin dismisses interference report",
    );
    type_into(&mut harness, "Outlet", "Reuters");
    type_into(&mut harness, "Published", "2020-11-09");
    type_into(&mut harness, "Text", ARTICLE);
    harness
        .get_by_role_and_label(Role::Button, "Add source")
        .click();
    harness.run();
    let doc = harness.state().doc();
    assert_eq!(doc.dataset.sources.len(), 1);
    assert_eq!(
        doc.dataset.sources[0].text.as_deref(),
        Some(ARTICLE),
        "kept byte for byte"
    );
    harness.get_by_label_contains("Source — Kremlin dismisses interference report");

    let start = ARTICLE.find(PASSAGE).unwrap();
    select_in_source(&mut harness, ARTICLE, start..start + PASSAGE.len());
    harness.get_by_label("Cite in a new event").click();
    harness.run();
    let doc = harness.state().doc();
    assert_eq!(
        doc.dataset.events.len(),
        1,
        "{:?}",
        harness.state().notice()
    );
    let event = &doc.dataset.events[0];
    assert_eq!(event.citations[0].quote.exact, PASSAGE);
    assert!(doc.quote(0, 0).is_verified(), "verified on the spot");
    assert_eq!(event.date.iso(), "2020-11-09", "dated by its source");
    assert_eq!(
        event.date_basis.as_deref(),
        Some("date of publication of Kremlin dismisses interference report (Reuters)")
    );
    assert_eq!(harness.state().selected(), Some(0));

    // The form is open on the new event: its kind and date, in two clicks each.
    pick_kind(&mut harness, "Report");
    text_field(&harness, "Date").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    text_field(&harness, "Date").type_text("2020-11-10");
    harness.run();
    let event = &harness.state().doc().dataset.events[0];
    assert_eq!(event.date.iso(), "2020-11-10");
    assert_eq!(event.kind, claimline::model::EventKind::Report);

    // Until it is saved, a new event is named by its title (its first title was its quote).
    retype(&mut harness, "Title", "Peskov: Russia never interfered");
    let event = &harness.state().doc().dataset.events[0];
    assert_eq!(event.title, "Peskov: Russia never interfered");
    assert_eq!(event.id, "peskov-russia-never-interfered");

    let path = dir.path().join("denials.json");
    harness
        .state_mut()
        .push_command(Command::SaveTo(path.clone()));
    wait_for_save(&mut harness);
    assert!(!harness.state().has_unsaved_changes());
    assert!(
        dir.path().join("sources").is_dir(),
        "the pasted text is a file beside the dataset"
    );
    // Saved, its id is one other files may name: it stays when the title changes.
    retype(&mut harness, "Title", "Peskov denies interference");
    assert_eq!(
        harness.state().doc().dataset.events[0].id,
        "peskov-russia-never-interfered"
    );

    let outcome = claimline::load::load_file(&path).unwrap();
    assert!(
        !outcome.report.has_errors(),
        "{:?}",
        outcome.report.findings
    );
    let mut reopened = common::harness();
    reopened.state_mut().open_path_now(&path);
    reopened.run();
    let doc = reopened.state().doc();
    assert_eq!(doc.dataset.events.len(), 1);
    assert_eq!(doc.quote_counts(), (1, 0), "the quote is ✔ after reopening");
    assert_eq!(doc.dataset.events[0].date.iso(), "2020-11-10");
    assert_eq!(
        doc.dataset.events[0].kind,
        claimline::model::EventKind::Report
    );
}

/// Undo walks back through citing and adding the source, and redo brings them back.
#[test]
fn undo_and_redo_walk_across_the_steps_of_making_a_record() {
    let mut harness = common::harness();
    harness.state_mut().push_command(Command::NewDataset);
    harness.run();
    harness.state_mut().push_command(Command::ShowAddSource);
    harness.run();
    type_into(&mut harness, "Text", ARTICLE);
    harness
        .get_by_role_and_label(Role::Button, "Add source")
        .click();
    harness.run();
    let start = ARTICLE.find(PASSAGE).unwrap();
    select_in_source(&mut harness, ARTICLE, start..start + PASSAGE.len());
    harness
        .state_mut()
        .push_command(Command::CiteSelection { new_event: true });
    harness.run();
    let counts = |h: &Harness<'_, ClaimlineApp>| {
        let d = &h.state().doc().dataset;
        (d.sources.len(), d.events.len())
    };
    assert_eq!(counts(&harness), (1, 1));
    harness.state_mut().push_command(Command::Undo);
    harness.run();
    assert_eq!(counts(&harness), (1, 0), "the event is gone");
    harness.state_mut().push_command(Command::Undo);
    harness.run();
    assert_eq!(counts(&harness), (0, 0), "and the source");
    assert!(!harness.state().has_unsaved_changes());
    harness.state_mut().push_command(Command::Redo);
    harness.state_mut().push_command(Command::Redo);
    harness.run();
    assert_eq!(counts(&harness), (1, 1));
    assert!(harness.state().doc().quote(0, 0).is_verified());
}

/// New, Open and Reload with unsaved changes ask Save / Discard / Cancel; Cancel keeps the work.
#[test]
fn leaving_a_dataset_with_unsaved_changes_asks_first() {
    let mut harness = common::harness();
    harness.state_mut().push_command(Command::Edit {
        edit: claimline::edit::Edit::SetTitle {
            event: 0,
            title: "Changed".into(),
        },
        group: None,
    });
    harness.run();
    harness.state_mut().push_command(Command::NewDataset);
    harness.run();
    harness.get_by_label("Unsaved changes");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(
        harness.state().doc().dataset.events[0].title,
        "Changed",
        "the work stays"
    );

    let other = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let some_file = std::fs::read_dir(&other)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .unwrap();
    harness
        .state_mut()
        .push_command(Command::OpenPath(some_file));
    harness.run();
    harness.get_by_label_contains("Save your changes before opening");
    harness.get_by_label("Discard and open").click();
    for _ in 0..300 {
        harness.step();
        if !harness.state().is_loading() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run();
    assert!(
        !harness.state().has_unsaved_changes(),
        "the other file is open"
    );
}

/// A crash with unsaved work: the next start offers it back, and Recover opens it, unsaved.
#[test]
fn work_not_saved_before_a_crash_is_offered_back() {
    let settings = tempfile::tempdir().unwrap();
    let folder = settings.path().to_owned();
    let id = "putin-congratulates-trump-2016";
    {
        let mut harness = Harness::builder()
            .with_size(common::WINDOW)
            .build_eframe(|cc| ClaimlineApp::new(cc, None).with_autosave_in(folder.clone()));
        harness.run();
        let event = common::event(&harness, id);
        harness.state_mut().push_command(Command::Edit {
            edit: claimline::edit::Edit::SetTitle {
                event,
                title: "Typed before the crash".into(),
            },
            group: None,
        });
        // The copy is written on another thread: step until it is there.
        for _ in 0..300 {
            harness.step();
            if folder.join("autosave-of.json").is_file() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        // The harness is dropped here without quitting: a crash, as far as the work knows.
    }
    assert!(folder.join("autosave.json").is_file());
    let mut harness = Harness::builder()
        .with_size(common::WINDOW)
        .build_eframe(|cc| ClaimlineApp::new(cc, None).with_autosave_in(folder.clone()));
    harness.run();
    harness.get_by_label("Recover unsaved work?");
    harness.get_by_label("Recover").click();
    // The work is read back on another thread: step until it is in.
    for _ in 0..300 {
        harness.step();
        if harness.state().has_unsaved_changes() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run();
    // The work is kept in canonical order: the event is found by its id.
    let event = common::event(&harness, id);
    assert_eq!(
        harness.state().doc().dataset.events[event].title,
        "Typed before the crash"
    );
    assert!(
        harness.state().has_unsaved_changes(),
        "recovered work is not saved yet"
    );
    assert_eq!(
        harness.state().doc().quote_counts().1,
        0,
        "its quotes still ✔"
    );
}

/// A ✘ quote (a straight apostrophe where the source has a curly one) opens in its source at the
/// nearest passage, says what differs, and one click takes the source's words: ✔.
#[test]
fn a_quote_not_found_is_shown_at_its_nearest_passage_and_fixed_in_one_click() {
    let mut harness = common::harness();
    let quoted = "Mueller’s report found that Russia had interfered";
    let (event, citation) = {
        let data = &harness.state().doc().dataset;
        data.events
            .iter()
            .enumerate()
            .find_map(|(e, ev)| {
                ev.citations
                    .iter()
                    .position(|c| c.quote.exact.starts_with(quoted))
                    .map(|c| (e, c))
            })
            .expect("the seed quotes the Mueller report")
    };
    let mut typed = harness.state().doc().dataset.events[event].citations[citation]
        .quote
        .clone();
    typed.exact = typed.exact.replace('’', "'");
    harness.state_mut().push_command(Command::Edit {
        edit: claimline::edit::Edit::ReAnchor {
            event,
            citation,
            quote: typed,
        },
        group: None,
    });
    harness.state_mut().push_command(Command::Select(event));
    harness.run();
    assert!(!harness.state().doc().quote(event, citation).is_verified());
    harness
        .state_mut()
        .push_command(Command::ShowSource { event, citation });
    harness.run();
    harness.get_by_label_contains("Not found as quoted");
    harness.get_by_label("• the source has “’” (U+2019), the quote “'” (U+0027)");
    harness.get_by_label("Use the source's words").click();
    harness.run();
    assert!(harness.state().doc().quote(event, citation).is_verified());
    assert_eq!(harness.state().doc().quote_counts().1, 0);
}

/// A cited source's text is replaced whole, and the quotes that no longer match are named; undo
/// brings the old text and its ✔ back.
#[test]
fn replacing_a_cited_source_text_says_which_quotes_broke_and_undoes() {
    let mut harness = common::harness();
    let source = harness.state().doc().dataset.sources[0].id.clone();
    harness
        .state_mut()
        .push_command(Command::ShowSourceText(source.as_str().into()));
    harness.run();
    harness.get_by_label("Replace text…").click();
    harness.run();
    let field = "The new text (quotes citing this source are checked against it):";
    text_field(&harness, field).focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    text_field(&harness, field).type_text("A corrected text that quotes nobody.");
    harness.run();
    harness.get_by_label("Replace and check the quotes").click();
    harness.run();
    let (_, broken) = harness.state().doc().quote_counts();
    assert!(broken > 0, "quotes of the old text are ✘ now");
    assert!(
        harness
            .state()
            .notice()
            .is_some_and(|n| n.contains("no longer found in the new text")),
        "{:?}",
        harness.state().notice()
    );
    harness.state_mut().push_command(Command::Undo);
    harness.run();
    assert_eq!(
        harness.state().doc().quote_counts().1,
        0,
        "undo brings them back"
    );
}

/// A relation's target picked by clicking its mark: the form's "Pick on the timeline", a banner
/// over the timeline, a click on the other event; the relation is there, the event stays
/// selected, and Esc stops a second pick without selecting anything else.
#[test]
fn a_relation_target_is_picked_by_clicking_its_mark() {
    let mut harness = common::harness_sized([1500.0, 900.0]);
    let sochi = common::event(&harness, "peskov-sochi-2024-03-06");
    let before = harness.state().doc().dataset.events[sochi].relations.len();
    harness.state_mut().push_command(Command::Select(sochi));
    harness.state_mut().push_command(Command::EditForm(true));
    harness.run();
    harness.get_by_label("Pick on the timeline").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Click the event that “Peskov at Sochi")
            .is_some(),
        "the banner says what the next click does"
    );
    common::mark(&harness, "Mueller report released").click();
    harness.run();

    let relations = &harness.state().doc().dataset.events[sochi].relations;
    assert_eq!(relations.len(), before + 1);
    let added = relations.last().unwrap();
    assert_eq!(added.kind, claimline::model::RelationKind::RespondsTo);
    assert_eq!(added.target.as_str(), "mueller-report-2019");
    assert_eq!(
        harness.state().selected(),
        Some(sochi),
        "the event picked from stays selected"
    );
    assert!(
        harness
            .query_by_label_contains("Click the event that")
            .is_none(),
        "one click, one relation"
    );
    assert!(harness.state().has_unsaved_changes());

    // A second pick, stopped with Esc: nothing added, the selection kept.
    harness.get_by_label("Pick on the timeline").click();
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    common::mark(
        &harness,
        "US intelligence assessment on Russian interference in 2016",
    )
    .click();
    harness.run();
    assert_eq!(
        harness.state().doc().dataset.events[sochi].relations.len(),
        before + 1
    );
    assert_ne!(
        harness.state().selected(),
        Some(sochi),
        "a click selects again once picking stopped"
    );
}

/// Typing a new actor's name in the event form and pressing Enter makes the actor, with an id
/// made from the name, and names it in the event; one undo takes both back.
#[test]
fn a_new_actor_is_typed_into_the_event_form() {
    let mut harness = common::harness_sized([1500.0, 1100.0]);
    let sochi = common::event(&harness, "peskov-sochi-2024-03-06");
    harness.state_mut().push_command(Command::Select(sochi));
    harness.state_mut().push_command(Command::EditForm(true));
    harness.run();
    type_into(&mut harness, "New actor", "Maria Zakharova");
    harness.key_press(egui::Key::Enter);
    harness.run();

    let doc = harness.state().doc();
    let actor = doc
        .dataset
        .actor("maria-zakharova")
        .expect("the actor was made");
    assert_eq!(actor.name, "Maria Zakharova");
    assert!(
        doc.dataset.events[sochi]
            .actors
            .iter()
            .any(|a| a.as_str() == "maria-zakharova")
    );
    harness.get_by_label("Maria Zakharova ✕");

    harness.state_mut().push_command(Command::Undo);
    harness.run();
    assert!(
        harness
            .state()
            .doc()
            .dataset
            .actor("maria-zakharova")
            .is_none()
    );
}

/// The record's own title is set under its heading, and shows in the window title's dataset.
#[test]
fn a_new_record_is_given_its_title() {
    let mut harness = common::harness();
    harness.state_mut().push_command(Command::NewDataset);
    harness.run();
    harness.get_by_label("✏ Title and description").click();
    harness.run();
    text_field(&harness, "Title").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    text_field(&harness, "Title").type_text("Kremlin denials, 2020–2024");
    harness.run();
    assert_eq!(
        harness.state().doc().dataset.title,
        "Kremlin denials, 2020–2024"
    );
    assert!(harness.state().has_unsaved_changes());
}

/// Edit ▸ Lanes and actors: a lane and an actor named as they are added get ids from their names.
#[test]
fn lanes_and_actors_are_added_by_name() {
    let mut harness = common::harness_sized([1500.0, 1100.0]);
    harness.state_mut().push_command(Command::NewDataset);
    harness
        .state_mut()
        .push_command(Command::ShowLanesAndActors);
    harness.run();
    type_into(&mut harness, "New lane", "Moscow courts");
    harness.key_press(egui::Key::Enter);
    harness.run();
    type_into(&mut harness, "New actor", "Dmitry Peskov");
    harness.key_press(egui::Key::Enter);
    harness.run();
    let dataset = &harness.state().doc().dataset;
    let lane = dataset.lanes.last().unwrap();
    assert_eq!(
        (lane.id.as_str(), lane.label.as_str()),
        ("moscow-courts", "Moscow courts")
    );
    assert_eq!(
        dataset.actor("dmitry-peskov").unwrap().name,
        "Dmitry Peskov"
    );
}

/// A mark's label selects its event, as the mark does: it is what the eye lands on.
#[test]
fn clicking_an_events_label_selects_it() {
    let mut harness = common::harness_sized([1500.0, 900.0]);
    let election = common::event(&harness, "election-us-2016");
    harness
        .query_all_by_label_contains("US presidential election 2016")
        .find(|n| n.accesskit_node().role() == Role::Label)
        .expect("the mark's label")
        .click();
    harness.run();
    assert_eq!(harness.state().selected(), Some(election));
}

/// The source window switches to another source of the dataset from its own heading, to cite
/// from two articles without going back to the overview.
#[test]
fn the_source_window_switches_to_another_source() {
    let mut harness = common::harness_sized([1500.0, 1000.0]);
    harness
        .state_mut()
        .push_command(Command::ShowSourceText("s000".into()));
    harness.run();
    harness.get_by_label_contains("Source — Russia does not intend to interfere");
    harness.get_by_label("Source").click();
    harness.run();
    // The overview lists it too; the popup's entry is laid out last.
    harness
        .query_all_by_label("Kremlin says US report on election interference 'groundless'")
        .last()
        .expect("the other source is offered")
        .click();
    harness.run();
    harness.get_by_label_contains("Source — Kremlin says US report on election interference");
    assert!(
        harness
            .query_by_label_contains("Source — Russia does not intend")
            .is_none()
    );
}

/// A relation being picked from a new event still goes from it after its title, and so its id,
/// changed.
#[test]
fn a_relation_picked_from_a_new_event_survives_retitling_it() {
    let mut harness = common::harness_sized([1500.0, 900.0]);
    harness.state_mut().push_command(Command::NewEvent);
    harness.run();
    let new = harness
        .state()
        .selected()
        .expect("the new event is selected");
    harness.get_by_label("Pick on the timeline").click();
    harness.run();
    retype(&mut harness, "Title", "Kremlin answers Mueller");
    assert_eq!(
        harness.state().doc().dataset.events[new].id,
        "kremlin-answers-mueller"
    );
    common::mark(&harness, "Mueller report released").click();
    harness.run();
    let relations = &harness.state().doc().dataset.events[new].relations;
    assert_eq!(relations.len(), 1, "{:?}", harness.state().notice());
    assert_eq!(relations[0].target.as_str(), "mueller-report-2019");
}

/// A new event's first kind brings its row when the dataset has none; picking another kind moves
/// the event to that kind's row and takes the first, now empty, away. Undo brings it back.
#[test]
fn a_first_kind_picked_wrong_leaves_no_empty_row_behind() {
    let mut harness = common::harness();
    common::show_sochi_quote_in_source(&mut harness);
    let (text, range) = {
        let doc = harness.state().doc();
        let sochi = &doc.dataset.events[common::event(&harness, "peskov-sochi-2024-03-06")];
        let quote = &sochi.citations[0];
        let text = (doc.dataset.source(&quote.source))
            .and_then(|s| s.text.clone())
            .expect("the seed's source texts are read");
        let start = text.find(&quote.quote.exact).unwrap();
        (text.clone(), start..start + quote.quote.exact.len())
    };
    let rows = |harness: &Harness<'_, ClaimlineApp>| -> Vec<String> {
        (harness.state().doc().dataset.lanes.iter())
            .map(|lane| lane.id.clone())
            .collect()
    };
    assert_eq!(rows(&harness), ["elections", "us", "kremlin", "context"]);
    select_in_source(&mut harness, &text, range);
    harness.get_by_label("Cite in a new event").click();
    harness.run();
    assert_eq!(
        rows(&harness),
        ["elections", "us", "kremlin", "context", "statement"]
    );

    pick_kind(&mut harness, "Report");
    assert_eq!(
        rows(&harness),
        ["elections", "us", "kremlin", "context", "report"],
        "the statement row went with its only event"
    );

    harness.state_mut().push_command(Command::Undo);
    harness.run();
    assert_eq!(
        rows(&harness),
        ["elections", "us", "kremlin", "context", "statement"]
    );
}
