//! A long source in the source window: a passage around the quote, paged on request, instead of
//! the whole text (a 62 MB source froze the window for over 20 s in egui's layout).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test that cannot unwrap has failed"
)]

#[allow(dead_code, reason = "not every test file uses every shared helper")]
mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use claimline::app::ClaimlineApp;
use claimline::app::command::Command;
use claimline::check::thousands;
use claimline::model::passage::PASSAGE_BYTES;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

const QUOTE: &str = "Россия никогда не вмешивалась в американские выборы";

/// About 5 MB of numbered Russian lines, every one different, with the quote's line near the end.
fn long_text() -> String {
    let mut text = String::new();
    let mut line = 0;
    while text.len() < 5_000_000 {
        if line == 45_000 {
            let _ = writeln!(text, "Строка {line}: Песков сказал: «{QUOTE}».");
        } else {
            let _ = writeln!(text, "Строка {line}: пресс-секретарь ответил на вопросы.");
        }
        line += 1;
    }
    text
}

/// A dataset whose one source is `long.txt` beside it, and whose one event quotes it.
fn write_dataset(dir: &Path, text: &str, title: &str) -> PathBuf {
    std::fs::write(dir.join("long.txt"), text).unwrap();
    let dataset = serde_json::json!({
        "format": "claimline/1",
        "title": "A long source",
        "sources": [{"id": "long", "title": title, "outlet": "Transcripts", "text_file": "long.txt"}],
        "events": [{
            "id": "a", "kind": "statement", "date": "2024-03-09", "title": "Peskov on elections",
            "citations": [{"source": "long", "quote": {"exact": QUOTE}}]
        }]
    });
    let path = dir.join("long.json");
    std::fs::write(&path, dataset.to_string()).unwrap();
    path
}

/// The text the source window shows (its read-only text edit's value).
fn shown_text(harness: &Harness<'_, ClaimlineApp>) -> String {
    harness
        .get_by_role(Role::MultilineTextInput)
        .value()
        .expect("the text edit has a value")
}

/// The byte range of the whole text that `shown` is (the passages of this text are unique).
fn place(text: &str, shown: &str) -> std::ops::Range<usize> {
    let start = text.find(shown).expect("the passage is a part of the text");
    start..start + shown.len()
}

#[test]
fn a_long_source_shows_a_passage_around_the_quote_and_pages_through_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let text = long_text();
    let title = format!("A transcript {}", "и".repeat(1_000));
    let path = write_dataset(dir.path(), &text, &title);
    let mut harness = Harness::builder()
        .with_size(common::WINDOW)
        .build_eframe(|cc| ClaimlineApp::new(cc, Some(path)));
    common::wait_for_load(&mut harness);
    assert!(harness.state().doc().quote(0, 0).is_verified());
    harness.state_mut().push_command(Command::ShowSource {
        event: 0,
        citation: 0,
    });
    harness.run();

    let title_shown: String = title.chars().take(200).collect();
    harness.get_by_label(&format!("Source — {title_shown}…"));
    let first = shown_text(&harness);
    assert!(first.len() <= PASSAGE_BYTES, "{} bytes shown", first.len());
    assert!(first.contains(QUOTE), "the passage holds the quote");
    let home = place(&text, &first);
    let quote_at = text.find(QUOTE).unwrap();
    assert!(home.start > 0 && home.end < text.len());
    harness.get_by_label_contains("A long source: showing characters ");
    harness.get_by_label_contains(&format!(" of {}", thousands(text.chars().count())));
    let quote_line = harness.get_by(|node| {
        node.role() == Role::TextRun && node.value().is_some_and(|v| v.contains("Строка 45000:"))
    });
    let y = quote_line.rect().center().y;
    assert!(
        (0.0..common::WINDOW[1]).contains(&y),
        "the quote is scrolled into view, not at y = {y}"
    );
    assert!(
        harness.query_by_label("Back to the quote").is_none(),
        "the quote is on screen"
    );

    harness.get_by_label("▲ Earlier").click();
    harness.run();
    let earlier = shown_text(&harness);
    let earlier_at = place(&text, &earlier);
    assert!(earlier.len() <= PASSAGE_BYTES);
    assert!(earlier_at.end < home.end, "the page before ends earlier");
    assert!(earlier_at.end >= home.start, "and skips nothing");
    assert!(earlier_at.end <= quote_at, "the quote is on the page after");
    assert!(earlier.starts_with("Строка "), "a page starts at a line");

    harness.get_by_label("Back to the quote").click();
    harness.run();
    assert_eq!(shown_text(&harness), first);

    harness.get_by_label("▼ Later").click();
    harness.run();
    let later_at = place(&text, &shown_text(&harness));
    assert!(later_at.start > home.start && later_at.start <= home.end);
}

#[test]
fn the_pages_stop_at_the_start_and_at_the_end_of_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let text = long_text();
    let path = write_dataset(dir.path(), &text, "A transcript");
    let mut harness = Harness::builder()
        .with_size(common::WINDOW)
        .build_eframe(|cc| ClaimlineApp::new(cc, Some(path)));
    common::wait_for_load(&mut harness);
    harness.state_mut().push_command(Command::ShowSource {
        event: 0,
        citation: 0,
    });
    harness.run();
    while !harness
        .get_by_label("▼ Later")
        .accesskit_node()
        .is_disabled()
    {
        harness.get_by_label("▼ Later").click();
        harness.run();
    }
    assert!(text.ends_with(&shown_text(&harness)), "the last page");
    harness.get_by_label_contains(&format!("–{c} of {c}", c = thousands(text.chars().count())));
    harness.get_by_label("Back to the quote");
}
