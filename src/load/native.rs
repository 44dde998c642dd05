//! Parsing the native `claimline/1` JSON into a [`Dataset`], collecting every finding on the way.
//!
//! Two passes, the second only when needed:
//! - [`decode_fast`] deserializes the whole dataset in one typed pass over the text, with no
//!   document tree and no table of places. Large files are nearly always machine-made and valid, so
//!   this is the path a million events take.
//! - When that pass fails, [`decode_tree`] decodes each lane, actor, source and event on its own
//!   from the document tree, so one bad event yields one finding and the rest is still checked.
//!
//! Neither pass knows where anything is: findings carry their JSON path, and their places are found
//! after validation by one targeted scan of the text ([`super::position::locate`]).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::finding::{Finding, Findings, Place};
use super::json::json_type;
use super::outline::Outline;
use super::parsed::Parsed;
use super::position::{Positions, element_path, member_path};
use super::progress::{Progress, Stage};
use crate::model::kept::{Collection, ItemFields, Kept, Unreadable};
use crate::model::{Actor, Dataset, Event, FORMAT, Lane, Source};

const TOP_LEVEL_FIELDS: [&str; 7] = [
    "format",
    "title",
    "description",
    "lanes",
    "actors",
    "sources",
    "events",
];

/// Decodes a whole valid native dataset, or `None` when anything in it does not decode (then
/// [`decode_tree`] finds out what and where). Unknown fields are warnings, not failures.
///
/// The events are first split as raw text (one syntax-checking pass that allocates nothing per
/// value), then decoded in parallel, so `progress` counts real bytes decoded.
pub fn decode_fast(
    text: &str,
    outline: &Outline,
    progress: &Progress,
    findings: &mut Findings,
) -> Option<Parsed> {
    // When the scan already found the events, the rest of the document is parsed without them
    // (as `"events": []`): the largest value is not read a second time just to split it.
    let without_events;
    let members_text = match &outline.events {
        Some(events) => {
            without_events = [
                text.get(..events.array.start)?,
                "[]",
                text.get(events.array.end..)?,
            ]
            .concat();
            without_events.as_str()
        }
        None => text,
    };
    let Members(members) = serde_json::from_str(members_text).ok()?;
    let mut unknown = Vec::new();
    let mut format = None;
    let mut title = None;
    let mut description = String::new();
    let (mut lanes, mut actors, mut sources) = (Vec::new(), Vec::new(), Vec::new());
    let mut events_raw: Option<Vec<&RawValue>> = None;
    let mut seen = std::collections::HashSet::new();
    let mut kept = Kept::default();
    for (key, member) in members {
        // A repeated key: the diagnostic path reports it.
        if !seen.insert(key.clone()) {
            return None;
        }
        let raw = match member {
            Member::Events(raw) => {
                events_raw = Some(raw);
                continue;
            }
            Member::Raw(raw) => raw,
        };
        match key.as_str() {
            "format" => format = Some(typed::<String>(raw, "format", &mut unknown)?),
            "title" => title = Some(typed::<String>(raw, "title", &mut unknown)?),
            "description" => {
                description =
                    typed::<Option<String>>(raw, "description", &mut unknown)?.unwrap_or_default();
            }
            "lanes" => {
                lanes = typed_kept(raw, Collection::Lanes, &mut unknown, &mut kept)?;
            }
            "actors" => {
                actors = typed_kept(raw, Collection::Actors, &mut unknown, &mut kept)?;
            }
            "sources" => {
                sources = typed_kept(raw, Collection::Sources, &mut unknown, &mut kept)?;
            }
            _ => {
                // Kept to be written back on save; a number past f64 cannot be, and says so.
                match serde_json::from_str(raw.get()) {
                    Ok(value) => drop(kept.top.insert(key.clone(), value)),
                    Err(_) => kept.unkeepable.push(key.clone()),
                }
                unknown.push(key);
            }
        }
    }
    if format.as_deref() != Some(FORMAT) {
        return None;
    }
    let title = title?;
    let events_raw: Vec<&str> = match &outline.events {
        Some(events) => {
            events_raw?;
            let items = events.items.iter().map(|item| text.get(item.clone()));
            items.collect::<Option<_>>()?
        }
        None => events_raw?.into_iter().map(RawValue::get).collect(),
    };

    progress.begin(
        Stage::Parsing,
        events_raw.iter().map(|raw| raw.len() as u64).sum(),
    );
    // Unknown fields in events are kept while there is room for their findings and counted past
    // it: ten in each of a million events once grew the findings past 2.8 GB.
    let room = findings.room().saturating_sub(unknown.len());
    let left = AtomicUsize::new(room);
    let unknown_in_events = std::sync::Mutex::new(Vec::new());
    let more_in_events = AtomicUsize::new(0);
    // `None`: an event whose unknown values cannot be kept (a number past a double).
    let kept_in_events: std::sync::Mutex<Vec<(usize, Option<ItemFields>)>> =
        std::sync::Mutex::default();
    // An indexed collect writes each event straight into its slot: no per-thread chunks to
    // concatenate, so the events exist once.
    let decoded: Vec<Option<Arc<Event>>> = events_raw
        .par_iter()
        .enumerate()
        .with_min_len(512)
        .map(|(i, raw)| {
            if progress.is_cancelled() {
                return None;
            }
            progress.advance(raw.len() as u64);
            let mut found = Unknown::new(&left);
            let event = typed_at::<Event>(raw, || element_path("events", i), &mut found)?;
            more_in_events.fetch_add(found.more, Ordering::Relaxed);
            if !found.paths.is_empty() || found.more > 0 {
                // Only an event with an unknown field is read a second time, for its values,
                // which a save writes back whether or not its finding was kept.
                let captured = serde_json::from_str(raw)
                    .map(|value| Kept::capture_item(Collection::Events, &value));
                if let Ok(mut all) = kept_in_events.lock() {
                    match captured {
                        Ok(Some(captured)) => all.push((i, Some(captured))),
                        Ok(None) => {}
                        Err(_) => all.push((i, None)),
                    }
                }
            }
            if !found.paths.is_empty()
                && let Ok(mut all) = unknown_in_events.lock()
            {
                all.extend(found.paths.into_iter().map(|path| (i, path)));
            }
            Some(Arc::new(event))
        })
        .collect();
    // Same size and alignment (the niche), so this reuses the allocation.
    let events: Vec<Arc<Event>> = decoded.into_iter().collect::<Option<_>>()?;
    let mut more = more_in_events.into_inner();
    let mut in_events = unknown_in_events.into_inner().unwrap_or_default();
    if more > 0 {
        // Which events' fields were kept depended on which core got there first: keep the first
        // ones in file order instead, so every load of a file says the same.
        let total = in_events.len() + more;
        in_events = first_unknown_in_events(&events_raw, room);
        more = total.saturating_sub(in_events.len());
    }
    drop(events_raw);

    for path in unknown {
        findings.push(unknown_field(path));
    }
    in_events.sort();
    for (i, path) in in_events {
        let id = events.get(i).map(|e| e.id.as_str());
        findings.push(unknown_field(path).in_event(id));
    }
    findings.add_more(more);
    let (captured, unkeepable): (Vec<_>, Vec<_>) = kept_in_events
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .partition(|(_, captured)| captured.is_some());
    let captured = captured.into_iter().filter_map(|(i, c)| Some((i, c?)));
    kept.add_items(captured.collect(), events.iter().map(|e| e.id.as_str()));
    let unkeepable = unkeepable
        .into_iter()
        .map(|(i, _)| element_path("events", i));
    kept.unkeepable.extend(unkeepable);
    kept.lanes_declared = !lanes.is_empty();
    kept.inline_texts = inline_texts(&sources);
    let dataset = Dataset {
        format: FORMAT.to_owned(),
        title,
        description,
        lanes,
        actors,
        sources,
        events,
        kept,
    };
    let paths = |name: &str, n: usize| (0..n).map(|i| element_path(name, i)).collect();
    Some(Parsed {
        // Event `i` is `events[i]`; validation makes the path only for an event with a finding.
        event_paths: Vec::new(),
        source_paths: paths("sources", dataset.sources.len()),
        lane_paths: paths("lanes", dataset.lanes.len()),
        actor_paths: paths("actors", dataset.actors.len()),
        broken_event_ids: Vec::new(),
        positions: Positions::deferred(),
        dataset,
    })
}

/// The paths of unknown fields met while decoding, kept while `left` (shared by every core) has
/// room and counted past it.
struct Unknown<'a> {
    paths: Vec<String>,
    more: usize,
    left: &'a AtomicUsize,
}

impl<'a> Unknown<'a> {
    fn new(left: &'a AtomicUsize) -> Self {
        Self {
            paths: Vec::new(),
            more: 0,
            left,
        }
    }

    fn note(&mut self, path: impl FnOnce() -> String) {
        let taken = self
            .left
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1));
        if taken.is_ok() {
            self.paths.push(path());
        } else {
            self.more += 1;
        }
    }
}

/// The first `room` unknown fields of the events, in file order.
fn first_unknown_in_events(events_raw: &[&str], room: usize) -> Vec<(usize, String)> {
    let left = AtomicUsize::new(room);
    let mut kept = Vec::new();
    for (i, raw) in events_raw.iter().enumerate() {
        if left.load(Ordering::Relaxed) == 0 {
            break;
        }
        let mut found = Unknown::new(&left);
        let _ = typed_at::<Event>(raw, || element_path("events", i), &mut found);
        kept.extend(found.paths.into_iter().map(|path| (i, path)));
    }
    kept
}

/// Decodes the raw JSON value at `path`, noting the path of every field the type does not have.
fn typed<T: DeserializeOwned>(raw: &RawValue, path: &str, unknown: &mut Vec<String>) -> Option<T> {
    let left = AtomicUsize::new(super::limits::MAX_FINDINGS);
    let mut found = Unknown::new(&left);
    let value = typed_at(raw.get(), || path.to_owned(), &mut found);
    unknown.extend(found.paths);
    value
}

/// [`typed`] for the optional array `collection`, keeping the values of its items' unknown fields.
fn typed_kept<T: DeserializeOwned>(
    raw: &RawValue,
    collection: Collection,
    unknown: &mut Vec<String>,
    kept: &mut Kept,
) -> Option<Vec<T>> {
    let before = unknown.len();
    let items = typed::<Option<Vec<T>>>(raw, collection.key(), unknown)?.unwrap_or_default();
    if unknown.len() > before {
        match serde_json::from_str::<Value>(raw.get()) {
            Ok(value) => kept.capture_list(collection, &value),
            Err(_) => kept.unkeepable.push(collection.key().to_owned()),
        }
    }
    Some(items)
}

/// Ids of the sources whose text is written inline (a text from a `text_file` is filled in later).
fn inline_texts(sources: &[Source]) -> Vec<(String, usize)> {
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut inline = Vec::new();
    for source in sources {
        let nth = seen.entry(source.id.as_str()).or_insert(0);
        if source.text.is_some() {
            inline.push((source.id.clone(), *nth));
        }
        *nth += 1;
    }
    inline
}

/// [`typed`] for a value whose path is made only if it has an unknown field (a million events
/// would otherwise format a million paths for nothing).
fn typed_at<T: DeserializeOwned>(
    raw: &str,
    path: impl Fn() -> String,
    unknown: &mut Unknown<'_>,
) -> Option<T> {
    let mut deserializer = serde_json::Deserializer::from_str(raw);
    let value = serde_ignored::deserialize(&mut deserializer, |p| {
        unknown.note(|| ignored_path(&path(), &p));
    })
    .ok()?;
    // An item split out by the scan may hold more than one value (`{…} x`): not valid alone.
    deserializer.end().ok()?;
    Some(value)
}

/// The members of the top-level object in file order, repeated keys included (a map would keep
/// only the last silently).
struct Members<'a>(Vec<(String, Member<'a>)>);

/// One top-level value, as raw text; `events` is split into its elements in the same pass, so the
/// largest value is read once, not skipped and then read again.
enum Member<'a> {
    Raw(&'a RawValue),
    Events(Vec<&'a RawValue>),
}

impl<'de: 'a, 'a> serde::Deserialize<'de> for Members<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut map: M,
            ) -> Result<Self::Value, M::Error> {
                let mut members = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value = if key == "events" {
                        Member::Events(map.next_value()?)
                    } else {
                        Member::Raw(map.next_value()?)
                    };
                    members.push((key, value));
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(Visit)
    }
}

/// The warning for a key the format does not have; placed at the key when places are found.
fn unknown_field(path: String) -> Finding {
    let key = path.rsplit('.').next().unwrap_or(&path).to_owned();
    Finding::warning(
        Place::UNRESOLVED,
        path,
        format!("unknown field `{key}` (not part of {FORMAT}; is it a typo?)"),
    )
    .at_key()
}

/// Decodes a native document item by item from its tree, reporting every field that does not
/// decode; `None` when no dataset can be built (wrong format, no events).
pub fn decode_tree(mut root: Map<String, Value>, findings: &mut Findings) -> Option<Parsed> {
    let mut cx = Decoder {
        findings,
        kept: Kept::default(),
    };
    match root.remove("format") {
        Some(Value::String(format)) if format == FORMAT => {}
        Some(Value::String(other)) => {
            cx.error(
                "format",
                format!("unknown format `{other}`; this version of Claimline reads `{FORMAT}`"),
            );
            return None;
        }
        Some(other) => {
            cx.error(
                "format",
                format!(
                    "format must be the string \"{FORMAT}\", found {}",
                    json_type(&other)
                ),
            );
            return None;
        }
        None => cx.error(
            "",
            format!("missing field `format`: add \"format\": \"{FORMAT}\""),
        ),
    }
    for key in root.keys() {
        if !TOP_LEVEL_FIELDS.contains(&key.as_str()) {
            cx.findings.push(unknown_field(key.clone()));
        }
    }
    let title = if let Some(value) = root.remove("title") {
        cx.decode_or_keep::<String>(value, "title")
            .unwrap_or_default()
    } else {
        cx.error("", "missing field `title`");
        String::new()
    };
    let description = root
        .remove("description")
        .and_then(|v| cx.decode_or_keep::<Option<String>>(v, "description"))
        .flatten()
        .unwrap_or_default();
    let Some(events_value) = root.remove("events") else {
        cx.error(
            "",
            "missing field `events`: a dataset needs an array of events",
        );
        return None;
    };
    let (lanes, lane_paths, _, lanes_kept) =
        cx.decode_list::<Lane>(root.remove("lanes"), Collection::Lanes);
    let (actors, actor_paths, _, actors_kept) =
        cx.decode_list::<Actor>(root.remove("actors"), Collection::Actors);
    let (sources, source_paths, _, sources_kept) =
        cx.decode_list::<Source>(root.remove("sources"), Collection::Sources);
    if !events_value.is_array() {
        cx.error(
            "events",
            format!(
                "`events` must be an array, found {}",
                json_type(&events_value)
            ),
        );
        return None;
    }
    let (events, event_paths, mut broken_event_ids, events_kept) =
        cx.decode_list::<crate::model::Event>(Some(events_value), Collection::Events);
    // Ids of events that decoded are not broken, even if another event with the same id failed.
    if !broken_event_ids.is_empty() {
        let decoded: std::collections::HashSet<&str> =
            events.iter().map(|e| e.id.as_str()).collect();
        broken_event_ids.retain(|id| !decoded.contains(id.as_str()));
    }

    // What is left of the root is what the format does not know: kept to be written back.
    let mut kept = cx.kept;
    kept.top.extend(root);
    kept.lanes_declared = !lanes.is_empty();
    kept.inline_texts = inline_texts(&sources);
    kept.add_items(lanes_kept, lanes.iter().map(|l| l.id.as_str()));
    kept.add_items(actors_kept, actors.iter().map(|a| a.id.as_str()));
    kept.add_items(sources_kept, sources.iter().map(|s| s.id.as_str()));
    kept.add_items(events_kept, events.iter().map(|e| e.id.as_str()));
    Some(Parsed {
        dataset: Dataset {
            format: FORMAT.to_owned(),
            title,
            description,
            lanes,
            actors,
            sources,
            events: events.into_iter().map(Arc::new).collect(),
            kept,
        },
        positions: Positions::deferred(),
        event_paths,
        source_paths,
        lane_paths,
        actor_paths,
        broken_event_ids,
    })
}

struct Decoder<'a> {
    findings: &'a mut Findings,
    /// Unknown fields and unreadable items, kept to be written back on save.
    kept: Kept,
}

impl Decoder<'_> {
    fn error(&mut self, path: &str, message: impl Into<String>) {
        self.findings
            .push(Finding::error(Place::UNRESOLVED, path, message));
    }

    /// Decodes one value at `path`, reporting a type error at the innermost offending value and
    /// every unknown field at its key. The value is read, not taken: an item that fails is kept
    /// as written (see [`Self::decode_list`]).
    fn decode<T: DeserializeOwned>(
        &mut self,
        value: &Value,
        path: &str,
        event: Option<&str>,
    ) -> Option<T> {
        let mut unknown = Vec::new();
        let result = {
            let mut note_unknown =
                |p: serde_ignored::Path<'_>| unknown.push(ignored_path(path, &p));
            let de = serde_ignored::Deserializer::new(value, &mut note_unknown);
            serde_path_to_error::deserialize::<_, T>(de)
        };
        for key_path in unknown {
            self.findings.push(unknown_field(key_path).in_event(event));
        }
        match result {
            Ok(v) => Some(v),
            Err(error) => {
                let inner = error_path(path, error.path());
                self.findings.push(
                    Finding::error(Place::UNRESOLVED, inner, error.inner().to_string())
                        .in_event(event),
                );
                None
            }
        }
    }

    /// [`Self::decode`] for a top-level member, kept as written when it cannot be read.
    fn decode_or_keep<T: DeserializeOwned>(&mut self, value: Value, path: &str) -> Option<T> {
        let decoded = self.decode(&value, path, None);
        if decoded.is_none() {
            self.kept.unreadable_top.insert(path.to_owned(), value);
        }
        decoded
    }

    /// Decodes an optional array item by item, returning the items, their paths, (for events)
    /// the ids of the items that failed to decode, and the unknown fields of the items kept, each
    /// with its index among them. An item that fails is kept as written, to be saved back.
    #[expect(
        clippy::type_complexity,
        reason = "the four lists one decode pass returns"
    )]
    fn decode_list<T: DeserializeOwned>(
        &mut self,
        value: Option<Value>,
        collection: Collection,
    ) -> (Vec<T>, Vec<String>, Vec<String>, Vec<(usize, ItemFields)>) {
        let path = collection.key();
        let events = collection == Collection::Events;
        let mut items = Vec::new();
        let mut paths = Vec::new();
        let mut failed_ids = Vec::new();
        let mut captured = Vec::new();
        match value {
            None | Some(Value::Null) => {}
            Some(Value::Array(values)) => {
                for (index, value) in values.into_iter().enumerate() {
                    let item_path = element_path(path, index);
                    let id = events
                        .then(|| value.get("id").and_then(Value::as_str).map(str::to_owned))
                        .flatten();
                    if let Some(item) = self.decode::<T>(&value, &item_path, id.as_deref()) {
                        if let Some(fields) = Kept::capture_item(collection, &value) {
                            captured.push((items.len(), fields));
                        }
                        items.push(item);
                        paths.push(item_path);
                    } else {
                        failed_ids.extend(id);
                        self.kept.unreadable.push(Unreadable { collection, value });
                    }
                }
            }
            Some(other) => {
                self.error(
                    path,
                    format!("`{path}` must be an array, found {}", json_type(&other)),
                );
                self.kept.unreadable_top.insert(path.to_owned(), other);
            }
        }
        (items, paths, failed_ids, captured)
    }
}

/// The full path of the value a `serde_path_to_error` error points at.
fn error_path(base: &str, path: &serde_path_to_error::Path) -> String {
    path.iter()
        .fold(base.to_owned(), |acc, segment| match segment {
            serde_path_to_error::Segment::Seq { index } => element_path(&acc, *index),
            serde_path_to_error::Segment::Map { key }
            | serde_path_to_error::Segment::Enum { variant: key } => member_path(&acc, key),
            serde_path_to_error::Segment::Unknown => acc,
        })
}

/// The full path of an unknown key that `serde_ignored` reports.
fn ignored_path(base: &str, path: &serde_ignored::Path<'_>) -> String {
    match path {
        serde_ignored::Path::Root => base.to_owned(),
        serde_ignored::Path::Seq { parent, index } => {
            element_path(&ignored_path(base, parent), *index)
        }
        serde_ignored::Path::Map { parent, key } => member_path(&ignored_path(base, parent), key),
        serde_ignored::Path::Some { parent }
        | serde_ignored::Path::NewtypeStruct { parent }
        | serde_ignored::Path::NewtypeVariant { parent } => ignored_path(base, parent),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(text: &str, outline: &Outline) -> Option<(String, Vec<String>)> {
        let mut findings = Findings::default();
        let parsed = decode_fast(text, outline, &Progress::default(), &mut findings)?;
        let json = serde_json::to_string(&parsed.dataset).unwrap();
        Some((
            json,
            findings
                .into_parts()
                .0
                .into_iter()
                .map(|f| f.path)
                .collect(),
        ))
    }

    #[test]
    fn events_split_by_the_scan_decode_as_the_parser_splits_them() {
        let seed = crate::seed::CLAIMS_JSON;
        let outline = super::super::outline::scan(seed, &mut Findings::default()).unwrap();
        assert!(
            outline.events.is_some(),
            "the seed's events are found by the scan"
        );
        let by_scan = decoded(seed, &outline).unwrap();
        assert_eq!(Some(by_scan), decoded(seed, &Outline::default()));

        let typo = r#"{"format": "claimline/1", "title": "t", "events": [
            {"id": "a", "kind": "report", "date": "2020", "title": "A", "tpyo": 1},
            {"id": "b", "kind": "report", "date": "2021", "title": "B"}]}"#;
        let outline = super::super::outline::scan(typo, &mut Findings::default()).unwrap();
        let (_, unknown) = decoded(typo, &outline).unwrap();
        assert_eq!(unknown, ["events[0].tpyo"]);
    }

    #[test]
    fn an_item_with_trailing_text_is_left_to_the_diagnostic_pass() {
        let text = r#"{"format": "claimline/1", "title": "t", "events": [
            {"id": "a", "kind": "report", "date": "2020", "title": "A"} x]}"#;
        let outline = super::super::outline::scan(text, &mut Findings::default()).unwrap();
        assert!(outline.events.is_some());
        assert_eq!(decoded(text, &outline), None);
    }
}
