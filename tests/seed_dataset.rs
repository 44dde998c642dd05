//! The seed dataset is the first thing every user sees: it must check clean, cite every event
//! verbatim, explain every date, and be the same in the binary as on disk.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test that cannot unwrap has failed"
)]

use claimline::load::{self, Origin};
use claimline::model::{Event, EventKind, Precision, RelationKind};

fn seed() -> load::Checked {
    let outcome = load::load_embedded();
    assert_eq!(outcome.origin, Origin::Embedded);
    let findings: Vec<String> = outcome
        .report
        .findings
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        findings.is_empty(),
        "the seed dataset has findings:\n{}",
        findings.join("\n")
    );
    outcome.checked.expect("the seed dataset loads")
}

#[test]
fn the_embedded_copy_equals_the_files_on_disk() {
    let root = env!("CARGO_MANIFEST_DIR");
    let on_disk = std::fs::read_to_string(format!("{root}/data/claims.json")).unwrap();
    assert!(
        on_disk == claimline::seed::CLAIMS_JSON,
        "data/claims.json differs from the embedded copy"
    );
    for (name, text) in claimline::seed::SOURCES {
        let file = std::fs::read_to_string(format!("{root}/data/{name}")).unwrap();
        assert!(file == *text, "data/{name} differs from the embedded copy");
    }
    // And the file on disk checks the same as the embedded one.
    let from_disk =
        load::load_file(std::path::Path::new(&format!("{root}/data/claims.json"))).unwrap();
    assert!(!from_disk.report.has_errors());
    assert_eq!(from_disk.report.warning_count(), 0);
}

#[test]
fn every_sourced_text_file_is_cited_and_every_quote_is_verified() {
    let checked = seed();
    let total = checked.quotes.all().count();
    let verified = checked.quotes.all().filter(|q| q.is_verified()).count();
    assert_eq!(verified, total);
    assert!(
        total >= 62,
        "{total} quotes: the second fact-check found 61, and s003's line was added"
    );
    for source in &checked.dataset.sources {
        assert!(
            checked
                .dataset
                .events
                .iter()
                .any(|e| e.citations.iter().any(|c| c.source == source.id)),
            "source {} is never cited",
            source.id
        );
        assert!(
            source.url.as_deref().unwrap_or_default().is_empty(),
            "no URL is known for {}",
            source.id
        );
    }
}

#[test]
fn every_event_has_a_citation_a_date_basis_and_a_date_from_2014_to_2024() {
    let checked = seed();
    assert!(
        checked.dataset.events.len() >= 35,
        "about 40 events expected"
    );
    for event in &checked.dataset.events {
        assert!(!event.citations.is_empty(), "{} has no citation", event.id);
        assert!(
            event
                .date_basis
                .as_deref()
                .is_some_and(|b| b.trim().len() > 10),
            "{} does not say how its date was derived",
            event.id
        );
        let year = event.date.first_day().format("%Y").to_string();
        assert!(
            ("2014".."2025").contains(&year.as_str()),
            "{} is dated {year}",
            event.id
        );
    }
}

#[test]
fn every_relation_resolves_and_every_kremlin_statement_answers_something() {
    let checked = seed();
    let data = &checked.dataset;
    for event in &data.events {
        for relation in &event.relations {
            assert!(
                data.event(&relation.target).is_some(),
                "{} → {}",
                event.id,
                relation.target
            );
        }
        if event.kind == EventKind::Statement && event.lane == "kremlin" {
            assert!(
                event.relations.iter().any(|r| matches!(
                    r.kind,
                    RelationKind::Denies
                        | RelationKind::Contradicts
                        | RelationKind::RespondsTo
                        | RelationKind::Concerns
                )),
                "Kremlin statement {} answers or concerns nothing",
                event.id
            );
        }
    }
}

#[test]
fn the_events_the_articles_are_about_are_there_at_the_right_precision() {
    let checked = seed();
    let data = &checked.dataset;
    for (id, date) in [
        ("election-us-2016", "2016-11-08"),
        ("election-us-2020", "2020-11-03"),
        ("ica-2017", "2017-01-06"),
        ("mueller-indictment-2018", "2018-02-16"),
        ("mueller-report-2019", "2019-04-18"),
        ("odni-report-2021", "2021-03-16"),
        ("putin-nbc-interview-2018", "2018-03-09"),
        ("peskov-sochi-2024-03-06", "2024-03-06"),
        ("election-russia-2024", "2024-03-15"),
        ("navalny-death-2024", "2024-02-16"),
    ] {
        let event = data.event(id).unwrap_or_else(|| panic!("missing {id}"));
        assert_eq!(event.date.iso(), date, "{id}");
        assert_eq!(event.date.precision(), Precision::Day, "{id}");
    }
    let lanes: Vec<&str> = data.lanes.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(lanes, ["elections", "us", "kremlin", "context"]);
}

/// Words in a relation's note that say why a response comes before what it answers.
const SAYS_WHY_EARLY: [&str; 3] = ["before it", "ahead of", "in advance of"];

/// The first instant an event can have happened: its `earliest` bound when it has one (the bound
/// narrows a month or year), else the start of its date.
fn first_possible_days(event: &Event) -> f64 {
    event
        .earliest
        .map_or(event.date.start_days(), |e| e.start_days())
}

#[test]
fn no_response_denial_or_contradiction_comes_before_what_it_answers() {
    let checked = seed();
    let data = &checked.dataset;
    let mut answering = 0;
    let mut early = Vec::new();
    for event in &data.events {
        for relation in &event.relations {
            if !matches!(
                relation.kind,
                RelationKind::RespondsTo | RelationKind::Denies | RelationKind::Contradicts
            ) {
                continue;
            }
            answering += 1;
            let target = data.event(&relation.target).unwrap();
            // The target may have started after the statement: only a note can make that right.
            let says_why = relation
                .note
                .as_deref()
                .is_some_and(|n| SAYS_WHY_EARLY.iter().any(|w| n.contains(w)));
            if first_possible_days(target) > first_possible_days(event) && !says_why {
                early.push(format!(
                    "{} ({}) {} {} ({})",
                    event.id,
                    event.date,
                    relation.kind.verb(),
                    target.id,
                    target.date
                ));
            }
        }
    }
    assert!(answering > 20, "only {answering} answering relations");
    assert!(
        early.is_empty(),
        "these answer events that start after them (use `concerns`, or say why in the note):\n{}",
        early.join("\n")
    );
}

/// Words in a source sentence that make what it tells an allegation or a report, not a fact.
/// ("Claimed" is left out: it hedges what someone said, and a statement's title names the speaker.)
const ALLEGATION_MARKERS: [&str; 4] = ["alleg", "reportedly", "reported", "accus"];
/// Events whose sentences carry a marker that bears on something else, each with the reason.
const MARKER_ABOUT_SOMETHING_ELSE: [(&str, &str); 1] = [(
    "us-demands-navalny-release-2021",
    "\"hacking allegations and Washington's demands\": the allegations are about hacking",
)];
/// Beginnings of words in a title that keep an allegation or report from reading as fact:
/// "Alleged …", "… reportedly …", or the act named as someone's claim, charge or warning.
const TITLE_HEDGES: [&str; 8] = [
    "alleg", "reported", "accus", "claim", "say", "warn", "indict", "charg",
];

/// The sentence of `text` around the byte range `range`: back to the previous sentence end or line
/// break, on to the next.
fn sentence_around(text: &str, range: std::ops::Range<usize>) -> &str {
    let ends_sentence = |bytes: &[u8], i: usize| {
        bytes[i] == b'\n'
            || (matches!(bytes[i], b'.' | b'?' | b'!')
                && bytes.get(i + 1).is_some_and(u8::is_ascii_whitespace))
    };
    let bytes = text.as_bytes();
    let start = (0..range.start)
        .rev()
        .find(|&i| ends_sentence(bytes, i))
        .map_or(0, |i| i + 1);
    let end = (range.end..bytes.len())
        .find(|&i| ends_sentence(bytes, i))
        .map_or(bytes.len(), |i| i + 1);
    &text[start..end]
}

#[test]
fn no_title_states_an_alleged_or_reported_act_as_fact() {
    let checked = seed();
    let data = &checked.dataset;
    let mut alleged = Vec::new();
    let mut as_fact = Vec::new();
    for (e, event) in data.events.iter().enumerate() {
        // An act is alleged or reported when every sentence that attests it says so.
        let every_sentence_hedges = event.citations.iter().enumerate().all(|(c, citation)| {
            let text = data
                .source(&citation.source)
                .and_then(|s| s.text.as_deref())
                .unwrap();
            let range = checked.quotes.of(e)[c].range().unwrap();
            let sentence = sentence_around(text, range).to_lowercase();
            ALLEGATION_MARKERS.iter().any(|m| sentence.contains(m))
        });
        if !every_sentence_hedges
            || MARKER_ABOUT_SOMETHING_ELSE
                .iter()
                .any(|(id, _)| *id == event.id)
        {
            continue;
        }
        alleged.push(event.id.as_str());
        let title = event.title.to_lowercase();
        let hedged = title
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| TITLE_HEDGES.iter().any(|h| word.starts_with(h)));
        if !hedged {
            as_fact.push(format!("{}: {}", event.id, event.title));
        }
    }
    for id in [
        "russian-social-media-campaign-2016",
        "peskov-90-percent-2023",
        "xi-biden-meeting-2023",
    ] {
        assert!(alleged.contains(&id), "{id} not found alleged: {alleged:?}");
    }
    assert!(
        as_fact.is_empty(),
        "titles that state an alleged or reported act as fact:\n{}",
        as_fact.join("\n")
    );
}

#[test]
fn spans_that_end_where_their_article_ends_are_still_going_as_of_it() {
    let checked = seed();
    let data = &checked.dataset;
    for (id, attested) in [
        ("trump-fraud-claims-2020", "2020-11-13"),
        ("belarus-protests-2020", "2020-11-09"),
        ("trump-denies-collusion", "2018-03-09"),
        ("us-demands-navalny-release-2021", "2021-03-17"),
        ("us-russia-hacking-tensions", "2021-03-17"),
    ] {
        let event = data.event(id).unwrap();
        assert_eq!(event.end, None, "{id} is drawn as finished");
        assert_eq!(
            event.ongoing_as_of.map(|d| d.iso()).as_deref(),
            Some(attested),
            "{id}"
        );
    }
}

/// Quotes that were cut so that they lost the words saying who asserts what they tell (issue 26):
/// (event, source, words of the claim, words of its hedge). A quote that carries the claim must
/// carry the hedge, or it states an allegation as fact when read alone in the detail panel.
const HEDGED_QUOTES: [(&str, &str, &str, &str); 3] = [
    (
        "election-us-2016",
        "s002",
        "colluded with Moscow",
        "to determine whether",
    ),
    (
        "russian-social-media-campaign-2016",
        "s001",
        "social media campaign",
        "faced allegation",
    ),
    (
        "election-us-2020",
        "s000",
        "interfered in the 2020 election",
        "US intelligence believed",
    ),
];

#[test]
fn a_quote_that_carries_an_allegation_carries_who_asserts_it() {
    let checked = seed();
    let data = &checked.dataset;
    let mut bare = Vec::new();
    for (id, source, claim, hedge) in HEDGED_QUOTES {
        let e = data.event_index(id).unwrap();
        let event = &data.events[e];
        let text = data.source(source).and_then(|s| s.text.as_deref()).unwrap();
        let mut cites = false;
        for (c, citation) in event.citations.iter().enumerate() {
            if citation.source != source {
                continue;
            }
            cites = true;
            let exact = &citation.quote.exact;
            // The hedge is in the source's sentence, so the quote can take it in.
            let range = checked.quotes.of(e)[c].range().unwrap();
            if exact.contains(claim) {
                assert!(
                    sentence_around(text, range).contains(hedge),
                    "{id}: the sentence of {source} has no {hedge:?}"
                );
                if !exact.contains(hedge) {
                    bare.push(format!("{id} ({source}): {exact:?} lacks {hedge:?}"));
                }
            }
        }
        assert!(cites, "{id} no longer cites {source}");
    }
    assert!(
        bare.is_empty(),
        "quotes that drop their hedge:\n{}",
        bare.join("\n")
    );
}

#[test]
fn the_note_on_the_infrastructure_claim_explains_it_without_overstating() {
    let checked = seed();
    let event = checked
        .dataset
        .event("peskov-rejects-odni-report-2021")
        .unwrap();
    let citation = event
        .citations
        .iter()
        .find(|c| c.quote.exact.contains("targeted election infrastructure"))
        .expect("the quote is kept");
    let note = citation.note.as_deref().unwrap();
    for overstated in ["misstates", "says the opposite"] {
        assert!(!note.contains(overstated), "the note says {overstated:?}");
    }
    // The same day's DOJ–DHS report, which s001 most likely runs together with the ODNI
    // assessment, and the ODNI sentence as the contrast.
    for kept in [
        "DOJ",
        "DHS",
        "16 Mar 2021",
        "several networks that managed some election functions",
        "unlike in 2016, we did not see persistent Russian cyber efforts to gain access to election infrastructure",
    ] {
        assert!(note.contains(kept), "the note lacks {kept:?}: {note}");
    }
}

/// An indictment charges and an intelligence assessment assesses; neither finds. A clause of a
/// summary that names an indictment or US intelligence never says "found".
#[test]
fn no_summary_says_an_indictment_or_an_assessment_found_anything() {
    let checked = seed();
    let data = &checked.dataset;
    for event in &data.events {
        let summary = event.summary.as_deref().unwrap_or_default();
        for clause in summary
            .split([',', ';', '.'])
            .flat_map(|c| c.split(" and "))
        {
            assert!(
                !((clause.contains("indict") || clause.contains("intelligence"))
                    && clause.contains("found")),
                "{}: {clause:?}",
                event.id
            );
        }
    }
    let summary = data.event("election-us-2016").unwrap().summary.as_deref();
    let summary = summary.unwrap();
    for (word, what) in [
        ("assessed", "ICA 2017"),
        ("charged", "2018 indictments"),
        ("found", "report (2019)"),
    ] {
        assert!(
            summary.contains(word) && summary.contains(what),
            "{summary:?} should say {what} {word}"
        );
    }
    let charged = summary.find("charged").unwrap();
    let indictments = summary.find("indictments").unwrap();
    let found = summary.find("found").unwrap();
    assert!(charged < indictments && indictments < found, "{summary:?}");
}

#[test]
fn the_funeral_title_is_neutral_and_its_crowd_figure_is_attributed() {
    let checked = seed();
    let event = checked.dataset.event("navalny-funeral-2024").unwrap();
    assert_eq!(event.title, "Navalny’s funeral held in Moscow");
    // s000's figure is s000's: wire reports said "thousands".
    let summary = event.summary.as_deref().unwrap();
    let mut attributed = 0;
    for sentence in summary.split_inclusive(['.', ';']) {
        if sentence.contains("tens of thousands") {
            assert!(
                sentence.contains("s000") && sentence.contains("says"),
                "the crowd figure is not attributed: {sentence:?}"
            );
            attributed += 1;
        }
    }
    assert_eq!(attributed, 1, "{summary:?}");
}

#[test]
fn nothing_that_follows_an_event_can_have_happened_before_it() {
    let checked = seed();
    let data = &checked.dataset;
    let mut early = Vec::new();
    for event in &data.events {
        for relation in &event.relations {
            let target = data.event(&relation.target).unwrap();
            if relation.kind == RelationKind::Follows
                && first_possible_days(event) < first_possible_days(target)
            {
                early.push(format!("{} follows {}", event.id, target.id));
            }
        }
    }
    assert!(early.is_empty(), "{}", early.join("\n"));
    // Ryabkov echoed Peskov's remarks of Wednesday 17 March 2021.
    let ryabkov = data.event("ryabkov-rejects-odni-report-2021").unwrap();
    assert_eq!(
        ryabkov.earliest.map(|d| d.iso()).as_deref(),
        Some("2021-03-17")
    );
}

#[test]
fn an_interview_lists_who_took_part_not_whom_it_was_about() {
    let checked = seed();
    let data = &checked.dataset;
    let interview = data.event("putin-nbc-interview-2018").unwrap();
    let actors: Vec<&str> = interview
        .actors
        .iter()
        .map(claimline::model::Id::as_str)
        .collect();
    assert_eq!(actors, ["putin", "nbc-news", "megyn-kelly"]);
    // The indicted Russians stay linked through the indictment the interview answers.
    assert!(
        interview
            .relations
            .iter()
            .any(|r| r.target == "mueller-indictment-2018")
    );
    let indictment = data.event("mueller-indictment-2018").unwrap();
    assert!(indictment.actors.iter().any(|a| a == "indicted-russians"));
}

/// Relations the articles draw (issue 26): (event, type, target, the article's words that draw
/// it, which the relation's note quotes).
const RELATIONS_THE_ARTICLES_DRAW: [(&str, RelationKind, &str, &str); 3] = [
    (
        "peskov-no-congratulations-2020-11-09",
        RelationKind::Follows,
        "putin-congratulates-trump-2016",
        "unlike in 2016 when the Russian leader swiftly sent good wishes to Trump",
    ),
    (
        "us-demands-navalny-release-2021",
        RelationKind::Follows,
        "us-russia-hacking-tensions",
        "have soared in recent months over hacking allegations and Washington's demands",
    ),
    (
        "odni-report-2021",
        RelationKind::Contradicts,
        "peskov-rt-interview-2020-11-13",
        "No accusations of Russian meddling have been voiced.",
    ),
];

#[test]
fn the_relations_the_articles_draw_are_there_and_quote_them() {
    let checked = seed();
    let data = &checked.dataset;
    for (id, kind, target, words) in RELATIONS_THE_ARTICLES_DRAW {
        let event = data.event(id).unwrap();
        let relation = event
            .relations
            .iter()
            .find(|r| r.target == target)
            .unwrap_or_else(|| panic!("{id} has no relation to {target}"));
        assert_eq!(relation.kind, kind, "{id} → {target}");
        let note = relation.note.as_deref().unwrap_or_default();
        assert!(note.contains(words), "{id} → {target}: {note:?}");
        // The words are the article's, verbatim.
        assert!(
            data.sources
                .iter()
                .filter_map(|s| s.text.as_deref())
                .any(|t| t.contains(words)),
            "{words:?} is in no source"
        );
    }
    // s003's line is carried as its own words, not as Peskov's.
    let rt = data.event("peskov-rt-interview-2020-11-13").unwrap();
    let citation = rt
        .citations
        .iter()
        .find(|c| c.quote.exact == "No accusations of Russian meddling have been voiced.")
        .expect("s003's line is cited");
    assert_eq!(citation.source, "s003");
    assert!(
        citation
            .note
            .as_deref()
            .is_some_and(|n| n.contains("not Peskov")),
        "the citation does not say whose words they are"
    );
}

#[test]
fn every_event_is_related_to_another() {
    let checked = seed();
    let data = &checked.dataset;
    let mut related = std::collections::BTreeSet::new();
    for event in &data.events {
        for relation in &event.relations {
            related.insert(event.id.as_str());
            related.insert(relation.target.as_str());
        }
    }
    let isolated: Vec<&str> = data
        .events
        .iter()
        .map(|e| e.id.as_str())
        .filter(|id| !related.contains(id))
        .collect();
    assert!(isolated.is_empty(), "isolated events: {isolated:?}");
}
