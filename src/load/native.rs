//! Parsing the native `claimline/1` JSON into a [`Dataset`], collecting every finding on the way.
//!
//! Each lane, actor, source and event is decoded on its own, so one bad event yields one finding
//! and the rest of the file is still read and checked.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::finding::{Finding, Place};
use super::position::{Positions, element_path, member_path};
use super::timelinejs;
use crate::model::{Dataset, FORMAT};

/// A parsed document: the dataset, and the JSON path each kept item came from.
pub struct Parsed {
    pub dataset: Dataset,
    pub positions: Positions,
    /// `events[i]` of each kept event; events that failed to decode are not kept.
    pub event_paths: Vec<String>,
    pub source_paths: Vec<String>,
    pub lane_paths: Vec<String>,
    pub actor_paths: Vec<String>,
    /// Ids of events that failed to decode, so relations to them are not reported as dangling too.
    pub broken_event_ids: Vec<String>,
}

const TOP_LEVEL_FIELDS: [&str; 7] = [
    "format",
    "title",
    "description",
    "lanes",
    "actors",
    "sources",
    "events",
];

/// Parses `text`; returns `None` when no dataset can be built (syntax error, wrong format).
pub fn parse(text: &str, findings: &mut Vec<Finding>) -> Option<Parsed> {
    parse_document(text, "", findings)
}

/// Parses `text` as native JSON, or as `TimelineJS` JSON when its shape says so (see
/// [`timelinejs::detect`]); `name` (the file name stem) titles an import that has no title.
pub fn parse_document(text: &str, name: &str, findings: &mut Vec<Finding>) -> Option<Parsed> {
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            findings.push(Finding::warning(
                Place::START,
                "",
                "the file starts with a UTF-8 byte-order mark; it was ignored",
            ));
            rest
        }
        None => text,
    };
    if text.trim().is_empty() {
        findings.push(Finding::error(
            Place::START,
            "",
            "the file is empty; a dataset is a JSON object with \"format\": \"claimline/1\"",
        ));
        return None;
    }
    let root: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => {
            findings.push(syntax_finding(text, &error));
            return None;
        }
    };
    let positions = Positions::index(text);
    let Value::Object(mut root) = root else {
        findings.push(Finding::error(
            Place::START,
            "",
            format!(
                "expected a JSON object with \"format\": \"{FORMAT}\" at the top level, found {}",
                json_type(&root)
            ),
        ));
        return None;
    };
    if let Some(flavour) = timelinejs::detect(&root) {
        return timelinejs::import(flavour, &root, positions, name, findings);
    }

    let mut cx = Decoder {
        positions: &positions,
        findings,
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
            cx.findings.push(Finding::warning(
                positions.key(key),
                key.as_str(),
                format!("unknown field `{key}` (not part of {FORMAT}; is it a typo?)"),
            ));
        }
    }

    let title = if let Some(value) = root.remove("title") {
        cx.decode::<String>(value, "title", None)
            .unwrap_or_default()
    } else {
        cx.error("", "missing field `title`");
        String::new()
    };
    let description = root
        .remove("description")
        .and_then(|v| cx.decode::<Option<String>>(v, "description", None))
        .flatten()
        .unwrap_or_default();
    let Some(events_value) = root.remove("events") else {
        cx.error(
            "",
            "missing field `events`: a dataset needs an array of events",
        );
        return None;
    };
    let (lanes, lane_paths, _) = cx.decode_list(root.remove("lanes"), "lanes", false);
    let (actors, actor_paths, _) = cx.decode_list(root.remove("actors"), "actors", false);
    let (sources, source_paths, _) = cx.decode_list(root.remove("sources"), "sources", false);
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
    let (events, event_paths, mut broken_event_ids) =
        cx.decode_list::<crate::model::Event>(Some(events_value), "events", true);
    // Ids of events that decoded are not broken, even if another event with the same id failed.
    if !broken_event_ids.is_empty() {
        let decoded: std::collections::HashSet<&str> =
            events.iter().map(|e| e.id.as_str()).collect();
        broken_event_ids.retain(|id| !decoded.contains(id.as_str()));
    }

    Some(Parsed {
        dataset: Dataset {
            format: FORMAT.to_owned(),
            title,
            description,
            lanes,
            actors,
            sources,
            events,
        },
        positions,
        event_paths,
        source_paths,
        lane_paths,
        actor_paths,
        broken_event_ids,
    })
}

struct Decoder<'a> {
    positions: &'a Positions,
    findings: &'a mut Vec<Finding>,
}

impl Decoder<'_> {
    fn error(&mut self, path: &str, message: impl Into<String>) {
        self.findings
            .push(Finding::error(self.positions.value(path), path, message));
    }

    /// Decodes one value at `path`, reporting a type error at the innermost offending value and
    /// every unknown field at its key.
    fn decode<T: DeserializeOwned>(
        &mut self,
        value: Value,
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
            let key = key_path.rsplit('.').next().unwrap_or(&key_path).to_owned();
            self.findings.push(
                Finding::warning(
                    self.positions.key(&key_path),
                    key_path,
                    format!("unknown field `{key}` (not part of {FORMAT}; is it a typo?)"),
                )
                .in_event(event),
            );
        }
        match result {
            Ok(v) => Some(v),
            Err(error) => {
                let inner = error_path(path, error.path());
                self.findings.push(
                    Finding::error(
                        self.positions.value(&inner),
                        inner,
                        error.inner().to_string(),
                    )
                    .in_event(event),
                );
                None
            }
        }
    }

    /// Decodes an optional array item by item, returning the items, their paths, and (for events)
    /// the ids of the items that failed to decode.
    fn decode_list<T: DeserializeOwned>(
        &mut self,
        value: Option<Value>,
        path: &str,
        events: bool,
    ) -> (Vec<T>, Vec<String>, Vec<String>) {
        let mut items = Vec::new();
        let mut paths = Vec::new();
        let mut failed_ids = Vec::new();
        match value {
            None | Some(Value::Null) => {}
            Some(Value::Array(values)) => {
                for (index, value) in values.into_iter().enumerate() {
                    let item_path = element_path(path, index);
                    let id = events
                        .then(|| value.get("id").and_then(Value::as_str).map(str::to_owned))
                        .flatten();
                    if let Some(item) = self.decode::<T>(value, &item_path, id.as_deref()) {
                        items.push(item);
                        paths.push(item_path);
                    } else {
                        failed_ids.extend(id);
                    }
                }
            }
            Some(other) => self.error(
                path,
                format!("`{path}` must be an array, found {}", json_type(&other)),
            ),
        }
        (items, paths, failed_ids)
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

/// A `serde_json` syntax error as a finding, with its column in characters and without `serde_json`'s
/// own " at line L column C" suffix (the place is already in front).
pub fn syntax_finding(text: &str, error: &serde_json::Error) -> Finding {
    let line = error.line().max(1);
    let line_text = text.split('\n').nth(line - 1).unwrap_or("");
    // serde_json counts bytes; count the characters in those bytes instead.
    let byte_column = error.column().min(line_text.len());
    let column = line_text
        .get(..byte_column)
        .map_or(byte_column, |s| s.chars().count())
        .max(1);
    let message = error.to_string();
    let message = message
        .rfind(" at line ")
        .map_or(message.as_str(), |cut| &message[..cut]);
    let message = match error.classify() {
        serde_json::error::Category::Eof => format!("{message}: the file ends too early"),
        _ => format!("JSON syntax error: {message}"),
    };
    Finding::error(Place { line, column }, "", message)
}

/// "an array", "a string"…, for messages about a value of the wrong type.
pub fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
