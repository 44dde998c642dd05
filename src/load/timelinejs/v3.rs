//! Reading the `TimelineJS3` JSON (`{"events": [...], "title": ..., "eras": [...]}`) into slides.

use serde_json::{Map, Value};

use super::{
    DateParts, Finding, Findings, Part, Positions, Slide, Timeline, element_path, json_type,
    member_path,
};

/// The date keys of a `TimelineJS3` date object, in the order `date_basis` lists them.
const DATE_KEYS: [&str; 7] = [
    "year",
    "month",
    "day",
    "hour",
    "minute",
    "second",
    "display_date",
];

pub(super) fn read_v3(
    root: &Map<String, Value>,
    positions: &Positions,
    findings: &mut Findings,
) -> Timeline {
    let title = match root.get("title") {
        Some(Value::Object(slide)) => Some(slide_v3(slide, "title", "title")),
        Some(Value::String(headline)) => Some(Slide {
            headline: headline.clone(),
            headline_path: "title".to_owned(),
            ..Slide::default()
        }),
        _ => None,
    };
    let events = slides_of(
        root.get("events"),
        "events",
        "event",
        positions,
        findings,
        slide_v3,
    );
    let eras = slides_of(
        root.get("eras"),
        "eras",
        "era",
        positions,
        findings,
        slide_v3,
    );
    Timeline {
        title,
        events,
        eras,
    }
}

/// The slides of one array (`events`, `timeline.date`…), each read by `read_slide`; an item that
/// is not an object, or a value that is not an array, is an error at its place.
pub(super) fn slides_of(
    value: Option<&Value>,
    path: &str,
    what: &str,
    positions: &Positions,
    findings: &mut Findings,
    read_slide: fn(&Map<String, Value>, &str, &str) -> Slide,
) -> Vec<Slide> {
    let mut slides = Vec::new();
    match value {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let item_path = element_path(path, i);
                if let Value::Object(slide) = item {
                    slides.push(read_slide(slide, &item_path, what));
                } else {
                    findings.push(Finding::error(
                        positions.value(&item_path),
                        item_path.as_str(),
                        format!(
                            "a TimelineJS {what} must be an object, found {}",
                            json_type(item)
                        ),
                    ));
                }
            }
        }
        Some(other) => findings.push(Finding::error(
            positions.value(path),
            path,
            format!("`{path}` must be an array, found {}", json_type(other)),
        )),
    }
    slides
}

/// A JSON value as text: strings as they are, numbers and booleans written out, nothing else.
pub(super) fn text_of(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(v @ (Value::Number(_) | Value::Bool(_))) => v.to_string(),
        _ => String::new(),
    }
}

fn slide_v3(slide: &Map<String, Value>, path: &str, what: &str) -> Slide {
    let text = slide.get("text");
    let media = slide.get("media");
    let at = |key: &str| member_path(path, key);
    let tags = match slide.get("tags") {
        Some(Value::Array(tags)) => tags
            .iter()
            .map(|t| text_of(Some(t)))
            .filter(|t| !t.trim().is_empty())
            .collect(),
        _ => Vec::new(),
    };
    let start_label = if what == "era" {
        "TimelineJS era start_date"
    } else {
        "TimelineJS start_date"
    };
    let end_label = if what == "era" {
        "era end_date"
    } else {
        "end_date"
    };
    Slide {
        path: path.to_owned(),
        unique_id: text_of(slide.get("unique_id")),
        unique_id_path: at("unique_id"),
        start: date_v3(slide.get("start_date"), &at("start_date"), start_label),
        end: date_v3(slide.get("end_date"), &at("end_date"), end_label),
        headline: text_of(text.and_then(|t| t.get("headline"))),
        headline_path: member_path(&at("text"), "headline"),
        text: text_of(text.and_then(|t| t.get("text"))),
        media_url: text_of(media.and_then(|m| m.get("url"))),
        media_credit: text_of(media.and_then(|m| m.get("credit"))),
        media_caption: text_of(media.and_then(|m| m.get("caption"))),
        media_path: member_path(&at("media"), "url"),
        group: text_of(slide.get("group")),
        group_path: at("group"),
        tags,
    }
}

fn date_v3(value: Option<&Value>, path: &str, label: &str) -> DateParts {
    let mut parts = DateParts {
        path: path.to_owned(),
        ..DateParts::default()
    };
    let object = match value {
        None | Some(Value::Null) => return parts,
        Some(Value::Object(object)) => object,
        Some(other) => {
            parts.problem = Some(format!(
                "`{}` must be an object like {{\"year\": 2020, \"month\": 11}}, found {}",
                path.rsplit('.').next().unwrap_or(path),
                json_type(other)
            ));
            return parts;
        }
    };
    let part = |key: &str| {
        object.get(key).and_then(|v| match v {
            Value::Null => None,
            Value::String(s) => Some(Part {
                path: member_path(path, key),
                text: s.clone(),
            }),
            other => Some(Part {
                path: member_path(path, key),
                text: other.to_string(),
            }),
        })
    };
    parts.year = part("year");
    parts.month = part("month");
    parts.day = part("day");
    parts.hour = part("hour");
    parts.minute = part("minute");
    let written: Vec<String> = DATE_KEYS
        .iter()
        .filter_map(|key| object.get(*key).map(|v| format!("{key}: {v}")))
        .collect();
    parts.written = format!("{label} {{{}}}", written.join(", "));
    parts
}
