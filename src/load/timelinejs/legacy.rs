//! Reading the legacy `TimelineJS` 2 JSON (`{"timeline": {"date": [...]}}`) into slides.

use serde_json::{Map, Value};

use super::v3::{slides_of, text_of};
use super::{
    DateParts, Finding, Findings, Part, Positions, Slide, Timeline, json_type, member_path,
};

pub(super) fn read_legacy(
    root: &Map<String, Value>,
    positions: &Positions,
    findings: &mut Findings,
) -> Option<Timeline> {
    let timeline = match root.get("timeline") {
        Some(Value::Object(timeline)) => timeline,
        // Detection only picks this flavour for an object, but a caller may name the flavour
        // itself (`load_bytes_as`): no dataset then, and an error that says why.
        other => {
            let found = other.map_or("nothing", json_type);
            findings.push(Finding::error(
                positions.value("timeline"),
                "timeline",
                format!(
                    "a legacy TimelineJS file holds its timeline in a `timeline` object, found \
                     {found}"
                ),
            ));
            return None;
        }
    };
    let title = Slide {
        path: "timeline".to_owned(),
        headline: text_of(timeline.get("headline")),
        headline_path: "timeline.headline".to_owned(),
        text: text_of(timeline.get("text")),
        ..Slide::default()
    };
    let mut read = |key: &str, what: &str| {
        let path = member_path("timeline", key);
        slides_of(
            timeline.get(key),
            &path,
            what,
            positions,
            findings,
            slide_legacy,
        )
    };
    let events = read("date", "date");
    let eras = read("era", "era");
    Some(Timeline {
        title: Some(title),
        events,
        eras,
    })
}

fn slide_legacy(slide: &Map<String, Value>, path: &str, what: &str) -> Slide {
    let at = |key: &str| member_path(path, key);
    let asset = slide.get("asset");
    let tags = text_of(slide.get("tags"))
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect();
    let prefix = if what == "era" {
        "TimelineJS era "
    } else {
        "TimelineJS "
    };
    Slide {
        path: path.to_owned(),
        unique_id: text_of(slide.get("id")),
        unique_id_path: at("id"),
        start: date_legacy(
            slide.get("startDate"),
            &at("startDate"),
            &format!("{prefix}startDate"),
        ),
        end: date_legacy(slide.get("endDate"), &at("endDate"), "endDate"),
        headline: text_of(slide.get("headline")),
        headline_path: at("headline"),
        text: text_of(slide.get("text")),
        media_url: text_of(asset.and_then(|a| a.get("media"))),
        media_credit: text_of(asset.and_then(|a| a.get("credit"))),
        media_caption: text_of(asset.and_then(|a| a.get("caption"))),
        media_path: member_path(&at("asset"), "media"),
        group: text_of(slide.get("tag")),
        group_path: at("tag"),
        tags,
    }
}

/// A `TimelineJS` 2 date: `"2011"`, `"2011,3"`, `"2011,3,23"`, `"2011,3,23,10,30"` (or
/// `"2011,3,23 10:30"`), or the compact `"20110323"` / `"201103231030"`.
pub(super) fn date_legacy(value: Option<&Value>, path: &str, label: &str) -> DateParts {
    let mut parts = DateParts {
        path: path.to_owned(),
        ..DateParts::default()
    };
    let text = text_of(value);
    let text = text.trim();
    if text.is_empty() {
        return parts;
    }
    parts.written = format!("{label} \"{text}\"");
    let part = |s: &str| {
        Some(Part {
            path: path.to_owned(),
            text: s.trim().to_owned(),
        })
    };
    let compact = text.bytes().all(|b| b.is_ascii_digit()) && matches!(text.len(), 8 | 12);
    if compact {
        parts.year = part(&text[..4]);
        parts.month = part(&text[4..6]);
        parts.day = part(&text[6..8]);
        if text.len() == 12 {
            parts.hour = part(&text[8..10]);
            parts.minute = part(&text[10..12]);
        }
        return parts;
    }
    let mut fields = text.split(',');
    parts.year = fields.next().and_then(part);
    parts.month = fields.next().and_then(part);
    if let Some(day) = fields.next().map(str::trim) {
        if let Some((day, time)) = day.split_once([' ', 'T']) {
            parts.day = part(day);
            parts.time = part(time);
        } else {
            parts.day = part(day);
        }
    }
    parts.hour = fields.next().and_then(part);
    parts.minute = fields.next().and_then(part);
    parts
}
