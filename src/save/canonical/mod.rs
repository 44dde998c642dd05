//! The canonical `claimline/1` text of a dataset: one way to write each dataset, so that a file
//! diffs well in git and a file Claimline wrote is written back byte for byte.
//!
//! The rules (docs/FORMAT.md, "Canonical form"):
//! - two-space indentation, one member or element per line, `": "` after a key, `{}` and `[]` for
//!   empty objects and arrays, a newline at the end; strings escape only `"`, `\` and control
//!   characters (everything else is written as UTF-8);
//! - members in the order the format lists them (the model's field order), absent optional fields
//!   left out; fields the format does not know follow, in key order;
//! - lanes, actors and sources in the order the file gives them (lanes are rows, top to bottom);
//!   lanes left out when the file had none and they are still the ones a load makes;
//! - events sorted by `date` (its first instant, the coarser precision first), then by `id` (byte
//!   order), then in their order in the file; items that could not be read come last, as written.
//!
//! The sort depends only on what is written, so writing, reading and writing again gives the same
//! bytes. Events are written in parallel chunks; the chunks are the file, in order.

use foldhash::{HashMap, HashMapExt as _, HashSet};
use rayon::prelude::*;
use serde_json::Value;
use std::ops::ControlFlow;

mod objects;
mod writer;

use objects::{EventKept, NestedPlan, Text, event_object, lane_object, source_object};
use writer::{Obj, Out, array, json_value};

use super::texts::SourceFile;
use crate::model::kept::{Collection, Fields, ItemFields, Part, citation_key, relation_key};
use crate::model::{Dataset, Date, Event};

/// Events written together on one core.
const CHUNK: usize = 4096;

/// Chunks made at once before they are handed on: a save writes them while the next are made.
const BATCH: usize = 16;

/// A dataset's canonical text, in pieces, and what it could not keep.
#[derive(Debug, Default)]
pub struct Canonical {
    /// The file's bytes, in order: the head, the events in chunks, the tail.
    pub chunks: Vec<Vec<u8>>,
    /// What the dataset held that this text does not (see [`Dropped`]).
    pub dropped: Vec<Dropped>,
    /// Whether `lanes` was written (false: the file's lanes are the ones a load makes).
    pub lanes_written: bool,
}

impl Canonical {
    /// The length of the text in bytes.
    pub fn len(&self) -> usize {
        self.chunks.iter().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The text in one piece.
    pub fn into_bytes(self) -> Vec<u8> {
        self.chunks.concat()
    }

    /// The text in one piece (it is always UTF-8: every piece is).
    pub fn into_string(self) -> String {
        String::from_utf8_lossy(&self.into_bytes()).into_owned()
    }

    /// True when `bytes` are exactly this text.
    pub fn matches(&self, mut bytes: &[u8]) -> bool {
        for chunk in &self.chunks {
            match bytes.split_at_checked(chunk.len()) {
                Some((head, rest)) if head == chunk.as_slice() => bytes = rest,
                _ => return false,
            }
        }
        bytes.is_empty()
    }
}

/// Fields a save cannot write back, so the user is told before they go, never after.
///
/// Unknown fields are kept on the item that held them, found again by its id (and, inside an
/// event, a citation by its source and words, a relation by its type and target). When that item
/// is gone (deleted, or renamed without [`crate::model::Kept::rename`]) its fields have nowhere to
/// go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dropped {
    /// Where the fields were, in words: "event `peskov-2020`", "citation 2 of event `x`".
    pub place: String,
    /// The names of the fields.
    pub fields: Vec<String>,
    /// Why they cannot be written.
    pub reason: String,
}

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let fields: Vec<String> = self.fields.iter().map(|k| format!("`{k}`")).collect();
        write!(
            f,
            "{} of {}: {}",
            fields.join(", "),
            self.place,
            self.reason
        )
    }
}

/// The canonical text of `dataset`, and what it could not keep.
pub fn canonical(dataset: &Dataset) -> Canonical {
    canonical_with(dataset, &HashMap::new())
}

/// [`canonical`], with the sources at the indices of `files` naming those text files (written
/// by this save) instead of holding their text.
pub(crate) fn canonical_with(dataset: &Dataset, files: &HashMap<usize, SourceFile>) -> Canonical {
    let mut chunks = Vec::with_capacity(dataset.events.len() / CHUNK + 3);
    let (dropped, lanes_written) = canonical_into(dataset, files, &mut |chunk| {
        chunks.push(chunk);
        ControlFlow::Continue(())
    });
    Canonical {
        chunks,
        dropped,
        lanes_written,
    }
}

/// [`canonical_with`], handing each piece of the text to `sink`, in order, as soon as it is made
/// (so a save writes the first events while the next are being made). Returns what the text could
/// not keep, and whether it has `lanes`. A sink that breaks (its write failed) stops the making of
/// the events, and the text is left unfinished.
pub(crate) fn canonical_into(
    dataset: &Dataset,
    files: &HashMap<usize, SourceFile>,
    sink: &mut dyn FnMut(Vec<u8>) -> ControlFlow<()>,
) -> (Vec<Dropped>, bool) {
    let plan = Plan::new(dataset);
    let order = event_order(&dataset.events);
    let lanes_written = dataset.kept.lanes_declared
        || dataset.lanes
            != crate::load::validate::default_lanes_of(|| {
                order
                    .iter()
                    .filter_map(|&i| dataset.events.get(i).map(|e| &**e))
            });

    let mut head = Out::default();
    let mut top = Obj::open(&mut head, 0);
    top.str("format", &dataset.format);
    // A member that could not be read goes back as it was, until the user gives it a value.
    let unreadable_top = |key: &str, empty: bool| {
        empty
            .then(|| dataset.kept.unreadable_top.get(key))
            .flatten()
    };
    if let Some(value) = unreadable_top("title", dataset.title.is_empty()) {
        json_value(top.key("title"), 1, value);
    } else {
        top.str("title", &dataset.title);
    }
    if let Some(value) = unreadable_top("description", dataset.description.is_empty()) {
        json_value(top.key("description"), 1, value);
    } else if !dataset.description.is_empty() {
        top.str("description", &dataset.description);
    }
    let unreadable = |collection: Collection| {
        dataset
            .kept
            .unreadable
            .iter()
            .filter(move |u| u.collection == collection)
            .map(|u| &u.value)
    };
    let kept_of = |collection: Collection, i: usize| plan.item(collection, i);
    let lists = [
        // The loader's default lanes stand in for lanes it could not read.
        (Collection::Lanes, !lanes_written),
        (Collection::Actors, dataset.actors.is_empty()),
        (Collection::Sources, dataset.sources.is_empty()),
    ];
    let raw_list = |collection: Collection| {
        lists
            .iter()
            .find(|(c, _)| *c == collection)
            .and_then(|&(c, empty)| unreadable_top(c.key(), empty))
    };
    if let Some(value) = raw_list(Collection::Lanes) {
        json_value(top.key("lanes"), 1, value);
    } else if lanes_written || unreadable(Collection::Lanes).next().is_some() {
        let out = top.key("lanes");
        let items = dataset.lanes.iter().enumerate().map(Item::Known);
        let items = items.chain(unreadable(Collection::Lanes).map(Item::Raw));
        array(out, 1, items, |out, depth, item| match item {
            Item::Known((i, lane)) => lane_object(out, depth, lane, kept_of(Collection::Lanes, i)),
            Item::Raw(value) => json_value(out, depth, value),
        });
    }
    if let Some(value) = raw_list(Collection::Actors) {
        json_value(top.key("actors"), 1, value);
    } else {
        let out = top.key("actors");
        let items = dataset.actors.iter().enumerate().map(Item::Known);
        let items = items.chain(unreadable(Collection::Actors).map(Item::Raw));
        array(out, 1, items, |out, depth, item| match item {
            Item::Known((i, actor)) => {
                let mut obj = Obj::open(out, depth);
                obj.str("id", &actor.id);
                obj.str("name", &actor.name);
                obj.opt_str("role", actor.role.as_deref());
                obj.fields(kept_of(Collection::Actors, i));
                obj.close();
            }
            Item::Raw(value) => json_value(out, depth, value),
        });
    }
    if let Some(value) = raw_list(Collection::Sources) {
        json_value(top.key("sources"), 1, value);
    } else {
        let inline = crate::model::kept::inline_sources(&dataset.kept, &dataset.sources);
        let out = top.key("sources");
        let items = dataset.sources.iter().enumerate().map(Item::Known);
        let items = items.chain(unreadable(Collection::Sources).map(Item::Raw));
        array(out, 1, items, |out, depth, item| match item {
            Item::Known((i, source)) => {
                let text = match files.get(&i) {
                    Some(file) => Text::File(file),
                    None if inline.get(i).copied().unwrap_or(false) => Text::Inline,
                    None => Text::AsIs,
                };
                source_object(out, depth, source, text, kept_of(Collection::Sources, i));
            }
            Item::Raw(value) => json_value(out, depth, value),
        });
    }
    let unreadable_events: Vec<&Value> = unreadable(Collection::Events).collect();
    top.key("events");
    if order.is_empty() && unreadable_events.is_empty() {
        head.raw(b"[]");
        let _ = sink(head.0);
    } else {
        head.raw(b"[");
        if sink(head.0).is_break() {
            return (plan.dropped, lanes_written);
        }
        for (b, batch) in order.chunks(CHUNK * BATCH).enumerate() {
            let event_chunks: Vec<Vec<u8>> = batch
                .par_chunks(CHUNK)
                .enumerate()
                .map(|(c, indices)| {
                    let mut out = Out(Vec::with_capacity(indices.len() * 512));
                    for (k, &i) in indices.iter().enumerate() {
                        if b > 0 || c > 0 || k > 0 {
                            out.raw(b",");
                        }
                        out.newline(2);
                        if let Some(event) = dataset.events.get(i) {
                            event_object(&mut out, 2, event, plan.event(i));
                        }
                    }
                    out.0
                })
                .collect();
            if event_chunks.into_iter().try_for_each(&mut *sink).is_break() {
                return (plan.dropped, lanes_written);
            }
        }
        let mut tail = Out::default();
        for (k, value) in unreadable_events.iter().enumerate() {
            if k > 0 || !order.is_empty() {
                tail.raw(b",");
            }
            tail.newline(2);
            json_value(&mut tail, 2, value);
        }
        tail.newline(1);
        tail.raw(b"]");
        let _ = sink(tail.0);
    }
    let mut tail = Out::default();
    // The top-level object is open in `head`; its remaining members go in the tail.
    let mut top = Obj::resume(&mut tail, 0);
    top.fields(Some(&dataset.kept.top));
    top.close();
    tail.raw(b"\n");
    let _ = sink(tail.0);
    (plan.dropped, lanes_written)
}

/// What a save of `dataset` would drop, without writing it: for the UI to ask first.
pub fn dropped(dataset: &Dataset) -> Vec<Dropped> {
    Plan::new(dataset).dropped
}

/// The order events are written in: by date, then id, then file order (see the module docs).
pub fn event_order(events: &[std::sync::Arc<Event>]) -> Vec<usize> {
    // Already in order (a file Claimline wrote): nothing to sort.
    let sorted = events
        .windows(2)
        .all(|pair| matches!(pair, [a, b] if event_cmp(a, b).is_le()));
    if sorted {
        return (0..events.len()).collect();
    }
    // Sorted by date on keys side by side, not through the events (a million events sorted
    // through their indices spent seconds waiting on memory); then each run of one date by id.
    // The index last makes every key distinct, so unstable sorts give the stable order.
    let mut keys: Vec<(Date, u32)> = events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.date, i as u32))
        .collect();
    keys.par_sort_unstable();
    let mut order: Vec<usize> = keys.iter().map(|&(_, i)| i as usize).collect();
    let id = |i: usize| events.get(i).map_or("", |e| e.id.as_str());
    order
        .par_chunk_by_mut(|&a, &b| events.get(a).map(|e| e.date) == events.get(b).map(|e| e.date))
        .filter(|run| run.len() > 1)
        .for_each(|run| run.sort_unstable_by(|&a, &b| id(a).cmp(id(b)).then(a.cmp(&b))));
    order
}
fn event_cmp(a: &Event, b: &Event) -> std::cmp::Ordering {
    a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id))
}

/// An element of an array: an item of the model, or one kept as written.
enum Item<'a, T> {
    Known(T),
    Raw(&'a Value),
}

/// Where each kept unknown field goes, found once before writing.
struct Plan<'d> {
    /// `(collection, item index)` → its kept fields.
    items: HashMap<(Collection, usize), &'d ItemFields>,
    /// Event index → where its citations' and relations' kept fields go.
    nested: HashMap<usize, NestedPlan<'d>>,
    dropped: Vec<Dropped>,
}

impl<'d> Plan<'d> {
    fn new(dataset: &'d Dataset) -> Self {
        let kept = &dataset.kept;
        let mut plan = Plan {
            items: HashMap::new(),
            nested: HashMap::new(),
            dropped: Vec::new(),
        };
        for path in &kept.unkeepable {
            plan.dropped.push(Dropped {
                place: format!("`{path}`"),
                fields: vec!["(unknown fields)".to_owned()],
                reason: "a number in them is too large to keep".to_owned(),
            });
        }
        if kept.items.is_empty() {
            return plan;
        }
        for collection in Collection::ALL {
            let wanted: Vec<&ItemFields> = kept
                .items
                .iter()
                .filter(|item| item.collection == collection)
                .collect();
            if wanted.is_empty() {
                continue;
            }
            let ids: Vec<&str> = match collection {
                Collection::Lanes => dataset.lanes.iter().map(|l| l.id.as_str()).collect(),
                Collection::Actors => dataset.actors.iter().map(|a| a.id.as_str()).collect(),
                Collection::Sources => dataset.sources.iter().map(|s| s.id.as_str()).collect(),
                Collection::Events => dataset.events.iter().map(|e| e.id.as_str()).collect(),
            };
            let wanted_ids: HashSet<&str> = wanted.iter().map(|item| item.id.as_str()).collect();
            let at: HashMap<(&str, usize), usize> =
                crate::model::kept::occurrences(ids.iter().copied(), &wanted_ids)
                    .into_iter()
                    .map(|(position, id, nth)| ((id, nth), position))
                    .collect();
            for item in wanted {
                let place = format!("{} `{}`", collection.noun(), item.id);
                let Some(&index) = at.get(&(item.id.as_str(), item.nth)) else {
                    let mut fields: Vec<String> = item.fields.keys().cloned().collect();
                    fields.extend(item.nested.iter().flat_map(|n| n.fields.keys().cloned()));
                    plan.dropped.push(Dropped {
                        place,
                        fields,
                        reason: format!("the {} is no longer in the dataset", collection.noun()),
                    });
                    continue;
                };
                plan.items.insert((collection, index), item);
                if !item.nested.is_empty()
                    && let Some(event) = dataset.events.get(index)
                {
                    let nested = plan.place_nested(item, event, &place);
                    plan.nested.insert(index, nested);
                }
            }
        }
        plan
    }

    /// Finds each nested object's citation or relation again: at its old index if it is still
    /// the same one, else the first with the same source and words (type and target).
    fn place_nested(&mut self, item: &'d ItemFields, event: &Event, place: &str) -> NestedPlan<'d> {
        let citation_keys: Vec<String> = event
            .citations
            .iter()
            .map(|c| citation_key(&c.source, &c.quote.exact))
            .collect();
        let relation_keys: Vec<String> = event
            .relations
            .iter()
            .map(|r| relation_key(r.kind.name(), &r.target))
            .collect();
        let mut nested = NestedPlan::default();
        for n in &item.nested {
            let (keys, slot, noun) = match n.part {
                Part::Citation => (&citation_keys, &mut nested.citation, "citation"),
                Part::Quote => (&citation_keys, &mut nested.quote, "quote of citation"),
                Part::Relation => (&relation_keys, &mut nested.relation, "relation"),
            };
            let same = |i: &usize| keys.get(*i) == Some(&n.key) && !slot.contains_key(i);
            let found = Some(n.index)
                .filter(same)
                .or_else(|| (0..keys.len()).find(|i| same(i)));
            if let Some(i) = found {
                slot.insert(i, &n.fields);
            } else {
                self.dropped.push(Dropped {
                    place: format!("{noun} {} of {place}", n.index + 1),
                    fields: n.fields.keys().cloned().collect(),
                    reason: format!(
                        "that {} is no longer in the event",
                        noun.split(' ').next().unwrap_or(noun)
                    ),
                });
            }
        }
        nested
    }

    fn item(&self, collection: Collection, index: usize) -> Option<&'d Fields> {
        if self.items.is_empty() {
            return None;
        }
        self.items
            .get(&(collection, index))
            .map(|item| &item.fields)
    }

    fn event(&self, index: usize) -> EventKept<'_, 'd> {
        EventKept {
            fields: self.item(Collection::Events, index),
            nested: self.nested.get(&index),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Citation, EventKind, Lane, Quote, Relation, RelationKind, Source};

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    /// A dataset with every field the format has set somewhere.
    fn full() -> Dataset {
        let mut first = crate::model::test_event("a", EventKind::Statement, "l1", "2020-11", "A");
        first.end = Some(date("2020-12"));
        first.earliest = Some(date("2020-10"));
        first.latest = Some(date("2021"));
        first.date_basis = Some("said \"Monday\"".into());
        first.summary = Some("line one\nline two\ttab \u{1} \\ ✔".into());
        first.actors = vec!["p".into()];
        first.tags = vec!["denial".into(), "tv".into()];
        first.citations = vec![Citation {
            source: "s1".into(),
            quote: Quote {
                exact: "words".into(),
                prefix: Some("the ".into()),
                suffix: Some(String::new()),
            },
            note: Some("n".into()),
        }];
        first.relations = RelationKind::ALL
            .iter()
            .map(|&kind| Relation {
                kind,
                target: "b".into(),
                note: None,
            })
            .collect();
        let mut second = crate::model::test_event("b", EventKind::Report, "", "2021", "B");
        second.ongoing_as_of = Some(date("2021-06-01T10:30"));
        Dataset {
            format: crate::model::FORMAT.into(),
            title: "T".into(),
            description: "D".into(),
            lanes: vec![Lane {
                id: "l1".into(),
                label: "Lane".into(),
                color: Some("#123456".into()),
            }],
            actors: vec![Actor {
                id: "p".into(),
                name: "P".into(),
                role: Some("r".into()),
            }],
            sources: vec![
                Source {
                    id: "s1".into(),
                    title: "S".into(),
                    outlet: Some("O".into()),
                    published: Some(date("2020-11-09")),
                    url: Some("https://example.org".into()),
                    note: Some("n".into()),
                    text: Some("the words".into()),
                    text_file: None,
                    sha256: Some("ab".into()),
                },
                Source {
                    id: "s2".into(),
                    title: "S2".into(),
                    outlet: None,
                    published: None,
                    url: None,
                    note: None,
                    text: None,
                    text_file: Some("sources/s2.txt".into()),
                    sha256: None,
                },
            ],
            events: vec![first, second]
                .into_iter()
                .map(std::sync::Arc::new)
                .collect(),
            kept: crate::model::Kept {
                lanes_declared: true,
                ..Default::default()
            },
        }
    }

    #[test]
    fn with_nothing_unknown_the_text_is_the_models_own_serialization() {
        // The hand-written writer and the derived `Serialize` agree on every field's name, order
        // and when it is left out: a field added to the model and not to the writer fails here.
        let dataset = full();
        let expected = serde_json::to_string_pretty(&dataset).unwrap() + "\n";
        assert_eq!(canonical(&dataset).into_string(), expected);
        let empty = Dataset {
            format: crate::model::FORMAT.into(),
            ..Dataset::default()
        };
        let text = canonical(&empty).into_string();
        assert_eq!(
            text,
            "{\n  \"format\": \"claimline/1\",\n  \"title\": \"\",\n  \"actors\": [],\n  \
             \"sources\": [],\n  \"events\": []\n}\n",
            "no lanes: none declared, and none a load would make"
        );
    }

    #[test]
    fn events_are_ordered_by_date_then_id_then_file_order() {
        let mk = |id: &str, d: &str| crate::model::test_event(id, EventKind::Report, "", d, id);
        let events = vec![
            mk("c", "2020-01-01"),
            mk("b", "2020"),
            mk("a", "2020-01-01"),
            mk("a", "2019-12-31T23:59"),
            mk("d", "2020-01"),
        ]
        .into_iter()
        .map(std::sync::Arc::new)
        .collect::<Vec<_>>();
        let ids: Vec<String> = event_order(&events)
            .into_iter()
            .map(|i| format!("{}@{}", events[i].id, events[i].date.iso()))
            .collect();
        assert_eq!(
            ids,
            [
                "a@2019-12-31T23:59",
                "b@2020",
                "d@2020-01",
                "a@2020-01-01",
                "c@2020-01-01"
            ]
        );
    }

    #[test]
    fn chunks_join_into_valid_json_for_many_events() {
        let dataset = crate::synthetic::dataset(10_000, 3, crate::synthetic::Citations::Unique);
        let text = canonical(&dataset);
        assert!(text.chunks.len() > 3, "written in parallel chunks");
        let bytes = text.into_bytes();
        let value: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(value["events"].as_array().unwrap().len(), 10_000);
    }

    /// Pieces handed to a sink that breaks after `stop` of them (never, for `usize::MAX`).
    fn pieces_made(dataset: &Dataset, stop: usize) -> usize {
        let mut made = 0;
        canonical_into(dataset, &HashMap::new(), &mut |_| {
            made += 1;
            if made >= stop {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        made
    }

    #[test]
    fn a_sink_that_breaks_stops_the_making_of_events() {
        let dataset = crate::synthetic::dataset(3 * CHUNK, 3, crate::synthetic::Citations::None);
        // The head, three chunks of events, the end of the list and the end of the object.
        assert_eq!(pieces_made(&dataset, usize::MAX), 6);
        assert_eq!(
            pieces_made(&dataset, 2),
            2,
            "nothing made after the first chunk"
        );
        assert_eq!(pieces_made(&dataset, 1), 1, "nothing made after the head");
    }
}
