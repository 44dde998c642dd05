//! File ▸ Open… and the image save locations when the system file dialog is missing, cancelled or
//! fails: a sentence saying why and the built-in browser, never nothing at all. The system dialogs
//! are replaced by stand-ins, so no test here opens a real one.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot unwrap has failed"
)]

#[allow(dead_code, reason = "not every test file uses every shared helper")]
mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use claimline::app::ClaimlineApp;
use claimline::app::command::Command;
use claimline::app::export_dialog::ExportSettings;
use claimline::app::job::Job;
use claimline::app::native_dialog::{Availability, Choosing, NativeDialogs, Problem, availability};
use claimline::export::ImageFormat;
use claimline::load::Origin;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

/// What the stand-in's dialogs answer.
#[derive(Clone, Copy)]
enum Answer {
    /// The user cancelled.
    Cancel,
    /// The dialog thread ended without answering (it crashed).
    Fail,
}

/// Stands in for rfd: reports the dialog available or not, and answers every dialog the same way,
/// counting how many were asked for.
struct StandIn {
    availability: Availability,
    answer: Answer,
    shown: Arc<AtomicUsize>,
}

impl StandIn {
    fn answer(&self, ctx: &egui::Context) -> Job<Option<PathBuf>> {
        self.shown.fetch_add(1, Ordering::SeqCst);
        let (job, answer) = Job::channel(ctx);
        match self.answer {
            Answer::Cancel => answer.send(None),
            Answer::Fail => drop(answer),
        }
        job
    }
}

impl NativeDialogs for StandIn {
    fn check(&self, ctx: &egui::Context) -> Job<Availability> {
        let (job, answer) = Job::channel(ctx);
        answer.send(self.availability.clone());
        job
    }

    fn pick_file(
        &self,
        ctx: &egui::Context,
        _: Choosing,
        _: Option<PathBuf>,
    ) -> Job<Option<PathBuf>> {
        self.answer(ctx)
    }

    fn pick_save_path(
        &self,
        ctx: &egui::Context,
        _: Choosing,
        _: String,
        _: &'static str,
    ) -> Job<Option<PathBuf>> {
        self.answer(ctx)
    }
}

/// The app with `dialogs` in place of the system's, and a counter of dialogs shown.
fn harness_with(
    availability: Availability,
    answer: Answer,
) -> (Harness<'static, ClaimlineApp>, Arc<AtomicUsize>) {
    let shown = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&shown);
    // A folder listing lands from its own thread, whose wake-up may arrive a frame after the
    // listing did; the default of four frames to settle was once exceeded under load.
    let mut harness = Harness::builder()
        .with_size(common::WINDOW)
        .with_max_steps(12)
        .build_eframe(move |cc| {
            let mut app = ClaimlineApp::new(cc, None);
            app.set_native_dialogs(Box::new(StandIn {
                availability,
                answer,
                shown: counter,
            }));
            app
        });
    harness.run();
    (harness, shown)
}

/// What the app says on a desktop with no portal and no zenity.
fn no_portal() -> Availability {
    availability(Some(Problem::NoPortal), false)
}

/// Replaces the text of `field` with `text` and presses Enter, then steps one frame (what Enter
/// starts, a folder read or a load, runs on its own thread: see [`wait_for_listing`] and
/// [`common::wait_for_load`]).
fn type_and_enter(harness: &mut Harness<'_, ClaimlineApp>, field: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, field)
        .focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, field)
        .type_text(text);
    harness.run();
    harness.key_press(Key::Enter);
    harness.step();
}

/// Steps until the browser has read its folder (on its own thread, with a spinner meanwhile).
fn wait_for_listing(harness: &mut Harness<'_, ClaimlineApp>) {
    for _ in 0..500 {
        harness.step();
        if harness.query_by_label_contains("Reading ").is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(
        harness.query_by_label_contains("Reading ").is_none(),
        "the folder was read"
    );
    harness.run();
}

/// A fixture's full path, as the browser shows what is typed in it. Made absolute because a
/// Windows build made on Linux (run under Wine) has `/work/claimline` for its manifest folder,
/// which Windows reads as a folder on the current drive.
fn fixture(name: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/timelinejs")
        .join(name);
    std::path::absolute(&path).unwrap_or(path)
}

#[test]
fn without_a_system_dialog_ctrl_o_says_why_and_a_typed_path_opens_with_enter() {
    let (mut harness, shown) = harness_with(no_portal(), Answer::Cancel);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    wait_for_listing(&mut harness);

    harness.get_by_label_contains(
        "The system file dialog is unavailable because no XDG desktop portal is running",
    );
    harness.get_by_label("Open a dataset");
    assert!(harness.state().is_browsing());
    // It starts in the working folder (the crate's, under `cargo test`), datasets first.
    harness.get_by_label("↑ Parent folder");
    harness.get_by_label_contains("datasets,");

    let path = fixture("women_in_computing.json");
    type_and_enter(&mut harness, "Path", &path.display().to_string());
    common::wait_for_load(&mut harness);

    let expected = claimline::load::load_file(&path)
        .unwrap()
        .checked
        .unwrap()
        .dataset;
    let app = harness.state();
    assert_eq!(app.doc().origin, Origin::File(path.clone()));
    assert_eq!(app.doc().dataset.title, expected.title);
    assert!(!app.is_browsing(), "the browser closed");
    assert_eq!(
        shown.load(Ordering::SeqCst),
        0,
        "no system dialog was asked for"
    );
    harness.get_by_label(&format!("{} events", expected.events.len()));
    harness.get_by_label_contains("women_in_computing.json");
}

#[test]
fn the_browser_lists_a_typed_folder_and_opens_a_name_relative_to_it() {
    let (mut harness, _) = harness_with(no_portal(), Answer::Cancel);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    wait_for_listing(&mut harness);
    let folder = fixture("");
    type_and_enter(&mut harness, "Path", &folder.display().to_string());
    wait_for_listing(&mut harness);
    harness.get_by_label("cosmo.json");
    harness.get_by_label("women_in_computing.csv");
    harness.get_by_label("NOTICE.md");

    type_and_enter(&mut harness, "Path", "eras.json");
    common::wait_for_load(&mut harness);
    assert_eq!(
        harness.state().doc().origin,
        Origin::File(fixture("eras.json"))
    );
}

#[test]
fn a_cancelled_system_dialog_leaves_everything_as_it_was_and_says_nothing() {
    let (mut harness, shown) = harness_with(Availability::Available, Answer::Cancel);
    let before_view = harness.state().view();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();

    assert_eq!(
        shown.load(Ordering::SeqCst),
        1,
        "the system dialog was shown"
    );
    let app = harness.state();
    assert_eq!(app.doc().origin, Origin::Embedded);
    assert_eq!(app.doc().dataset.events.len(), 44);
    assert_eq!(app.view(), before_view);
    assert_eq!(app.notice(), None);
    assert!(!app.is_browsing());
    assert!(!app.is_loading());
    assert!(harness.query_by_label_contains("file dialog").is_none());
    assert!(harness.query_by_label("Open a dataset").is_none());

    // Cancelling did not leave a dialog "up": the next Ctrl+O shows one again.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    assert_eq!(shown.load(Ordering::SeqCst), 2);
}

#[test]
fn a_system_dialog_that_fails_hands_over_to_the_browser_saying_so() {
    let (mut harness, shown) = harness_with(Availability::Available, Answer::Fail);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    wait_for_listing(&mut harness);
    assert_eq!(shown.load(Ordering::SeqCst), 1);
    harness.get_by_label_contains("The system file dialog stopped without an answer");
    assert!(harness.state().is_browsing());
}

#[test]
fn export_image_without_a_system_dialog_saves_where_the_browser_says() {
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, _) = harness_with(no_portal(), Answer::Cancel);
    harness
        .state_mut()
        .push_command(Command::ExportImage(ExportSettings {
            format: ImageFormat::Svg,
            ..ExportSettings::default()
        }));
    wait_for_listing(&mut harness);
    harness.get_by_label("Save image");
    harness.get_by_label_contains("The system file dialog is unavailable");

    type_and_enter(&mut harness, "Path", &dir.path().display().to_string());
    wait_for_listing(&mut harness);
    // A name without an extension gets the format's.
    type_and_enter(&mut harness, "File name", "slide");
    harness.run();
    let written = dir.path().join("slide.svg");
    let svg = std::fs::read_to_string(&written).expect("the export was written");
    assert!(svg.contains("<svg"), "an SVG");
    assert!(!harness.state().is_browsing());
    harness.get_by_label_contains("Exported");

    // Saving over it asks first, in the browser.
    std::fs::write(&written, "old").unwrap();
    harness
        .state_mut()
        .push_command(Command::ExportImage(ExportSettings {
            format: ImageFormat::Svg,
            ..ExportSettings::default()
        }));
    wait_for_listing(&mut harness);
    type_and_enter(&mut harness, "Path", &written.display().to_string());
    harness.run();
    harness.get_by_label_contains("slide.svg exists. Replace it?");
    assert_eq!(std::fs::read_to_string(&written).unwrap(), "old", "not yet");
    harness.get_by_label("Replace").click();
    harness.run();
    assert!(std::fs::read_to_string(&written).unwrap().contains("<svg"));
}

/// Save As and Read a file… through the built-in browser say what they choose: a dataset (its
/// `.json` first), a source's text (`.txt`, `.md`, `.html` first), not "Save image".
#[test]
fn the_browser_names_what_it_chooses_for_a_dataset_and_for_a_source_text() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("article.txt"), "The Kremlin said so.").unwrap();
    std::fs::write(dir.path().join("picture.png"), "not a text").unwrap();
    let (mut harness, _) = harness_with(no_portal(), Answer::Cancel);
    harness.state_mut().push_command(Command::SaveAsDialog);
    wait_for_listing(&mut harness);
    harness.get_by_label("Save the dataset");
    assert!(harness.query_by_label("Save image").is_none());
    type_and_enter(&mut harness, "Path", &dir.path().display().to_string());
    wait_for_listing(&mut harness);
    type_and_enter(&mut harness, "File name", "record");
    wait_until(&mut harness, |_| dir.path().join("record.json").is_file());
    assert!(!harness.state().is_browsing());

    harness.state_mut().push_command(Command::ChooseSourceFile);
    wait_for_listing(&mut harness);
    harness.get_by_label("Read a source's text");
    type_and_enter(&mut harness, "Path", &dir.path().display().to_string());
    wait_for_listing(&mut harness);
    // The text is wanted; the picture and the saved dataset are other files.
    harness.get_by_label_contains("1 text, 0 folders, 2 other files");
}

fn wait_until(
    harness: &mut Harness<'_, ClaimlineApp>,
    done: impl Fn(&Harness<'_, ClaimlineApp>) -> bool,
) {
    for _ in 0..500 {
        harness.step();
        if done(harness) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run();
}
