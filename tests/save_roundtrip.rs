//! Open and save with no edits gives back the same dataset, for the seed and every fixture; a file
//! Claimline wrote is written back byte for byte; what Claimline does not know is kept, and what
//! it cannot keep is named before a save, never dropped silently.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test that cannot unwrap has failed"
)]

use std::path::{Path, PathBuf};

use claimline::document::{Document, SaveAsReason, SaveTarget};
use claimline::load::{Folder, Origin, Outcome, load_bytes, load_file};
use claimline::model::Dataset;
use claimline::model::kept::Collection;
use claimline::save::{self, Backup, SaveError, SaveOptions, canonical};
use serde_json::{Value, json};

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The seed, every fixture, every malformed case, and the shared `TimelineJS` fixtures when this
/// machine has them.
fn corpus() -> Vec<PathBuf> {
    let mut files = vec![manifest().join("data/claims.json")];
    let folders = [
        manifest().join("tests/fixtures"),
        manifest().join("tests/fixtures/timelinejs"),
        manifest().join("tests/malformed"),
        PathBuf::from("/work/shared/fixtures/timelinejs"),
    ];
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        let mut found: Vec<PathBuf> = entries
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json" || e == "csv"))
            .collect();
        found.sort();
        files.extend(found);
    }
    files
}

/// Loads `bytes` as if they were the file `beside`, reading source texts from its folder.
fn load_as(bytes: &[u8], beside: &Path) -> Outcome {
    let folder = beside.parent().unwrap().to_owned();
    load_bytes(
        bytes,
        Origin::File(folder.join("saved.json")),
        &Folder(folder),
    )
}

/// What a dataset says, in a form to compare: events in the order a save writes them, every
/// source's text as loaded, and what is kept beyond the model (repeated ids' numbering aside, which
/// follows the events' order).
fn meaning(dataset: &Dataset) -> Value {
    let order = save::event_order(&dataset.events);
    let events: Vec<Value> = order
        .iter()
        .map(|&i| serde_json::to_value(&dataset.events[i]).unwrap())
        .collect();
    let kept = &dataset.kept;
    let mut items: Vec<Value> = kept
        .items
        .iter()
        .map(|item| {
            let nested: Vec<Value> = item
                .nested
                .iter()
                .map(|n| json!([format!("{:?}", n.part), n.index, n.key, n.fields]))
                .collect();
            json!([
                format!("{:?}", item.collection),
                item.id,
                item.fields,
                nested
            ])
        })
        .collect();
    items.sort_by_key(ToString::to_string);
    let unreadable: Vec<Value> = kept
        .unreadable
        .iter()
        .map(|u| json!([format!("{:?}", u.collection), u.value]))
        .collect();
    json!({
        "title": dataset.title,
        "description": dataset.description,
        "lanes": dataset.lanes,
        "actors": dataset.actors,
        "sources": dataset.sources,
        "events": events,
        "top": kept.top,
        "unreadable_top": kept.unreadable_top,
        "items": items,
        "unreadable": unreadable,
        "inline_texts": kept.inline_texts,
    })
}

#[test]
fn open_and_save_gives_back_the_same_dataset_and_a_saved_file_the_same_bytes() {
    let mut checked = 0;
    let mut with_findings = 0;
    for path in corpus() {
        let Ok(outcome) = load_file(&path) else {
            continue;
        };
        let Some(first) = outcome.checked else {
            continue;
        };
        let name = path.display();
        let written = canonical(&first.dataset);
        assert!(written.dropped.is_empty(), "{name}: {:?}", written.dropped);
        let written = written.into_bytes();
        let again = load_as(&written, &path);
        let second = again
            .checked
            .unwrap_or_else(|| panic!("{name}: what was saved cannot be read: {:?}", again.report));
        assert_eq!(
            meaning(&first.dataset),
            meaning(&second.dataset),
            "{name}: the saved dataset differs"
        );
        let rewritten = canonical(&second.dataset).into_bytes();
        assert!(
            rewritten == written,
            "{name}: a file Claimline wrote is not written back byte for byte:\n{}",
            first_difference(&written, &rewritten)
        );
        if first.dataset.kept.imported.is_none() {
            // The same findings, but for where they are (the file's lines moved), a byte-order
            // mark, which a save leaves out, and a missing `format` or `title`, which it writes
            // (as the load read them: `claimline/1`, and no title).
            let bom = std::fs::read(&path)
                .unwrap()
                .starts_with("\u{feff}".as_bytes());
            let written = outcome
                .report
                .errors()
                .filter(|f| {
                    f.path.is_empty()
                        && (f.message.starts_with("missing field `format`")
                            || f.message.starts_with("missing field `title`"))
                })
                .count();
            assert_eq!(
                (
                    outcome.report.error_count() - written,
                    outcome.report.warning_count() - usize::from(bom)
                ),
                (again.report.error_count(), again.report.warning_count()),
                "{name}: saving changed what a check finds"
            );
        }
        if outcome.report.error_count() > 0 {
            with_findings += 1;
        }
        checked += 1;
    }
    assert!(checked >= 40, "only {checked} files built a dataset");
    assert!(
        with_findings >= 20,
        "only {with_findings} files with errors"
    );
}

fn first_difference(a: &[u8], b: &[u8]) -> String {
    let at = a
        .iter()
        .zip(b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let show = |s: &[u8]| {
        String::from_utf8_lossy(&s[at.saturating_sub(80)..(at + 80).min(s.len())]).into_owned()
    };
    format!(
        "at byte {at}:\n--- first\n{}\n--- second\n{}",
        show(a),
        show(b)
    )
}

#[test]
fn the_seed_keeps_its_texts_in_files_and_its_declared_lanes() {
    let outcome = load_file(&manifest().join("data/claims.json")).unwrap();
    let dataset = outcome.checked.unwrap().dataset;
    assert!(
        dataset.sources.iter().all(|s| s.text.is_some()),
        "texts are loaded"
    );
    let text: Value = serde_json::from_slice(&canonical(&dataset).into_bytes()).unwrap();
    for source in text["sources"].as_array().unwrap() {
        assert!(
            source.get("text").is_none(),
            "a text read from its file is not written inline: {source}"
        );
        assert!(
            source["text_file"]
                .as_str()
                .unwrap()
                .starts_with("sources/")
        );
        assert_eq!(source["sha256"].as_str().map(str::len), Some(64));
    }
    assert_eq!(
        text["lanes"].as_array().unwrap().len(),
        dataset.lanes.len(),
        "the seed declares its lanes"
    );
}

/// A dataset with a field Claimline does not know at every level there is.
const UNKNOWN: &str = r#"{
  "format": "claimline/1", "title": "t", "x-top": {"b": [1, 2.5, null], "a": "z"},
  "lanes": [{"id": "l", "label": "L", "x-lane": true}],
  "actors": [{"id": "p", "name": "P", "x-actor": 1}],
  "sources": [{"id": "s", "title": "S", "text": "alpha beta gamma", "x-source": "keep"}],
  "events": [
    {"id": "late", "kind": "report", "lane": "l", "date": "2021", "title": "Late", "x-event": [1],
     "citations": [{"source": "s", "quote": {"exact": "alpha"}},
                   {"source": "s", "quote": {"exact": "gamma", "x-quote": 2}, "x-citation": 3}],
     "relations": [{"type": "cites", "target": "early", "x-relation": 4}]},
    {"id": "early", "kind": "report", "lane": "l", "date": "2020", "title": "Early"}
  ]
}"#;

fn load_text(text: &str) -> Dataset {
    load_bytes(
        text.as_bytes(),
        Origin::File(PathBuf::from("in-memory.json")),
        &Folder(PathBuf::from(".")),
    )
    .checked
    .unwrap()
    .dataset
}

#[test]
fn unknown_fields_are_written_back_where_they_were_at_every_level() {
    let dataset = load_text(UNKNOWN);
    let out: Value = serde_json::from_slice(&canonical(&dataset).into_bytes()).unwrap();
    assert_eq!(out["x-top"], json!({"a": "z", "b": [1, 2.5, null]}));
    assert_eq!(out["lanes"][0]["x-lane"], json!(true));
    assert_eq!(out["actors"][0]["x-actor"], json!(1));
    assert_eq!(out["sources"][0]["x-source"], json!("keep"));
    assert_eq!(
        out["sources"][0]["text"],
        json!("alpha beta gamma"),
        "inline text stays inline"
    );
    // Sorted by date: `early` first now, and `late` keeps its fields.
    assert_eq!(out["events"][0]["id"], json!("early"));
    let late = &out["events"][1];
    assert_eq!(late["x-event"], json!([1]));
    assert_eq!(late["citations"][1]["x-citation"], json!(3));
    assert_eq!(late["citations"][1]["quote"]["x-quote"], json!(2));
    assert_eq!(late["relations"][0]["x-relation"], json!(4));
    assert!(late["citations"][0].get("x-citation").is_none());
    // Unknown fields come after the known ones, in key order.
    let text = canonical(&dataset).into_string();
    let keys: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("  \""))
        .map(|l| l.trim().split('"').nth(1).unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "format", "title", "lanes", "actors", "sources", "events", "x-top"
        ]
    );
}

#[test]
fn fields_follow_their_citation_when_the_list_changes_and_an_id_through_a_rename() {
    let mut dataset = load_text(UNKNOWN);
    let late = dataset.event_index("late").unwrap();
    // The first citation removed: the second, now first, keeps its fields.
    std::sync::Arc::make_mut(&mut dataset.events[late])
        .citations
        .remove(0);
    dataset.kept.rename(Collection::Events, "late", "later");
    std::sync::Arc::make_mut(&mut dataset.events[late]).id = "later".into();
    let written = canonical(&dataset);
    assert!(written.dropped.is_empty(), "{:?}", written.dropped);
    let out: Value = serde_json::from_slice(&written.into_bytes()).unwrap();
    let event = &out["events"][1];
    assert_eq!(event["id"], json!("later"));
    assert_eq!(event["x-event"], json!([1]));
    assert_eq!(event["citations"][0]["x-citation"], json!(3));
    assert_eq!(event["citations"][0]["quote"]["x-quote"], json!(2));
}

#[test]
fn a_save_that_would_drop_fields_names_them_and_is_refused_until_agreed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.json");
    let mut dataset = load_text(UNKNOWN);
    let late = dataset.event_index("late").unwrap();
    dataset.events.remove(late);
    dataset.actors.clear();
    let dropped = save::dropped(&dataset);
    let said: Vec<String> = dropped.iter().map(ToString::to_string).collect();
    assert_eq!(said.len(), 2, "{said:?}");
    assert!(said[0].contains("`x-actor` of actor `p`"), "{said:?}");
    assert!(
        said[1].contains("`x-event`, `x-citation`, `x-quote`, `x-relation` of event `late`"),
        "{said:?}"
    );
    let refused = save::save(&dataset, &path, &SaveOptions::SAVE).unwrap_err();
    assert!(
        matches!(&refused, SaveError::WouldDrop(d) if d == &dropped),
        "{refused}"
    );
    assert!(!path.exists(), "nothing written");
    let options = SaveOptions {
        allow_dropping: true,
        ..SaveOptions::SAVE
    };
    let saved = save::save(&dataset, &path, &options).unwrap();
    assert_eq!(saved.dropped, dropped);
    assert!(path.exists());
}

#[test]
fn items_that_cannot_be_read_are_saved_as_they_were_written() {
    let text = r#"{"format": "claimline/1", "title": 5, "lanes": {"not": "a list"},
        "events": [
          {"id": "ok", "kind": "report", "date": "2020", "title": "Fine"},
          {"id": "bad", "kind": "report", "date": "2021-02-29", "title": "No such day", "x": 1}
        ]}"#;
    let dataset = load_text(text);
    assert_eq!(
        dataset.events.len(),
        1,
        "the broken event is not in the dataset"
    );
    let out: Value = serde_json::from_slice(&canonical(&dataset).into_bytes()).unwrap();
    assert_eq!(out["title"], json!(5));
    assert_eq!(out["lanes"], json!({"not": "a list"}));
    assert_eq!(out["events"][1]["date"], json!("2021-02-29"));
    assert_eq!(out["events"][1]["x"], json!(1));
    // Once the user gives a title, theirs is written.
    let mut edited = dataset.clone();
    edited.title = "Mine".into();
    let out: Value = serde_json::from_slice(&canonical(&edited).into_bytes()).unwrap();
    assert_eq!(out["title"], json!("Mine"));
}

#[test]
fn lanes_the_loader_made_are_not_written_and_declared_ones_are() {
    let undeclared = r#"{"format": "claimline/1", "title": "t", "events": [
        {"id": "a", "kind": "statement", "date": "2020", "title": "A"},
        {"id": "b", "kind": "report", "date": "2019", "title": "B"}]}"#;
    let dataset = load_text(undeclared);
    assert_eq!(dataset.lanes.len(), 2, "the loader made one per kind");
    let out: Value = serde_json::from_slice(&canonical(&dataset).into_bytes()).unwrap();
    assert!(out.get("lanes").is_none(), "{out}");

    let declared = r#"{"format": "claimline/1", "title": "t",
        "lanes": [{"id": "report", "label": "Report"}, {"id": "statement", "label": "Statement"}],
        "events": [{"id": "a", "kind": "statement", "date": "2020", "title": "A"},
        {"id": "b", "kind": "report", "date": "2019", "title": "B"}]}"#;
    let dataset = load_text(declared);
    let out: Value = serde_json::from_slice(&canonical(&dataset).into_bytes()).unwrap();
    assert_eq!(
        out["lanes"].as_array().unwrap().len(),
        2,
        "the file's own lanes stay"
    );

    // A lane the user recoloured is theirs now.
    let mut dataset = load_text(undeclared);
    dataset.lanes[0].color = Some("#112233".into());
    let out: Value = serde_json::from_slice(&canonical(&dataset).into_bytes()).unwrap();
    assert_eq!(out["lanes"][0]["color"], json!("#112233"));
}

#[test]
fn a_pasted_source_is_saved_as_a_file_beside_the_dataset_and_its_quote_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("record.json");
    let mut dataset = load_text(
        r#"{"format": "claimline/1", "title": "t", "events": [
        {"id": "a", "kind": "statement", "date": "2020", "title": "A"}]}"#,
    );
    dataset.sources.push(claimline::model::Source {
        id: "peskov rt".into(),
        title: "Peskov to RT".into(),
        outlet: None,
        published: None,
        url: None,
        note: None,
        text: Some("We never interfere. Never.".into()),
        text_file: None,
        sha256: None,
    });
    std::sync::Arc::make_mut(&mut dataset.events[0])
        .citations
        .push(claimline::model::Citation {
            source: "peskov rt".into(),
            quote: claimline::model::Quote {
                exact: "never interfere".into(),
                ..Default::default()
            },
            note: None,
        });
    let saved = save::save(&dataset, &path, &SaveOptions::SAVE).unwrap();
    assert_eq!(saved.texts.len(), 1);
    assert_eq!(saved.texts[0].1.text_file, "sources/peskov-rt.txt");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("sources/peskov-rt.txt")).unwrap(),
        "We never interfere. Never."
    );
    assert_eq!(saved.backup, Backup::None);
    let reopened = load_file(&path).unwrap();
    assert_eq!(reopened.report.error_count(), 0, "{:?}", reopened.report);
    assert_eq!(reopened.report.quotes_verified, 1);
    assert_eq!(
        reopened.sha256, saved.sha256,
        "the hash of what was written"
    );

    // Recorded, the next save writes the same bytes and keeps the first as its backup.
    saved.apply_to(&mut dataset);
    assert_eq!(
        dataset.sources[0].text_file.as_deref(),
        Some("sources/peskov-rt.txt")
    );
    let first = std::fs::read(&path).unwrap();
    let again = save::save(&dataset, &path, &SaveOptions::SAVE).unwrap();
    assert!(again.texts.is_empty());
    assert_eq!(std::fs::read(&path).unwrap(), first);
    assert_eq!(
        again.backup,
        Backup::Kept(dir.path().join("record.json.bak"))
    );
    assert_eq!(
        std::fs::read(dir.path().join("record.json.bak")).unwrap(),
        first
    );
}

#[test]
fn an_import_needs_save_as_and_never_its_own_name() {
    let csv = manifest().join("tests/fixtures/timelinejs/women_in_computing.csv");
    let doc = Document::from_outcome(load_file(&csv).unwrap())
        .ok()
        .unwrap();
    assert_eq!(
        doc.save_target(),
        SaveTarget::SaveAs {
            reason: SaveAsReason::Imported("CSV".into()),
            suggested: Some(csv.with_file_name("women_in_computing.json")),
        }
    );
    let json = manifest().join("tests/fixtures/timelinejs/women_in_computing.json");
    let doc = Document::from_outcome(load_file(&json).unwrap())
        .ok()
        .unwrap();
    assert_eq!(
        doc.save_target(),
        SaveTarget::SaveAs {
            reason: SaveAsReason::Imported("TimelineJS3 JSON".into()),
            suggested: Some(json.with_file_name("women_in_computing.claimline.json")),
        }
    );
    assert!(matches!(
        Document::embedded().save_target(),
        SaveTarget::SaveAs {
            reason: SaveAsReason::Embedded,
            suggested: None
        }
    ));

    // Saved as, it is a claimline/1 document at its new path.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("computing.json");
    let mut doc = doc;
    let saved = save::save(&doc.dataset, &target, &SaveOptions::SAVE).unwrap();
    doc.mark_saved(&saved);
    assert_eq!(doc.save_target(), SaveTarget::Overwrite(target.clone()));
    let reopened = load_file(&target).unwrap();
    assert!(reopened.checked.unwrap().dataset.kept.imported.is_none());
}

#[test]
fn a_native_file_saves_over_itself() {
    let seed = manifest().join("data/claims.json");
    let doc = Document::from_outcome(load_file(&seed).unwrap())
        .ok()
        .unwrap();
    assert_eq!(doc.save_target(), SaveTarget::Overwrite(seed));
}

/// The seed is kept canonical (`claimline fmt data/claims.json`), so a save of it with no edits
/// changes nothing.
#[test]
fn seed_is_canonical() {
    let path = manifest().join("data/claims.json");
    let dataset = load_file(&path).unwrap().checked.unwrap().dataset;
    let written = canonical(&dataset).into_bytes();
    let on_disk = std::fs::read(&path).unwrap();
    assert!(
        written == on_disk,
        "data/claims.json is not canonical; run `claimline fmt data/claims.json`:\n{}",
        first_difference(&on_disk, &written)
    );
}

/// A save writes the text while it is still being made, a batch of events at a time: the file is
/// the canonical text to the byte across batches, its hash and length are the file's, and it
/// loads back as the same events.
#[test]
fn a_save_of_many_events_is_written_as_it_is_made_and_is_the_canonical_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.json");
    // Past one batch of 16 chunks of 4,096 events, with one event left over.
    let dataset =
        claimline::synthetic::dataset(16 * 4096 * 2 + 1, 7, claimline::synthetic::Citations::None);
    let saved = save::save(&dataset, &path, &SaveOptions::SAVE).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        canonical(&dataset).matches(&bytes),
        "the file is the canonical text"
    );
    assert_eq!(saved.bytes, bytes.len());
    assert_eq!(
        saved.sha256,
        format!("{:x}", <sha2::Sha256 as sha2::Digest>::digest(&bytes)),
        "the hash is the file's"
    );
    let again = load_file(&path).unwrap().checked.unwrap().dataset;
    assert_eq!(again.events.len(), dataset.events.len());
}
