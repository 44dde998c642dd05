//! One pass over JSON text before it is parsed: it enforces the limits on nesting, string length
//! and list length ([`super::limits`]), and notes on the way where the top-level `events` items
//! are, so a million events are split for parallel decoding without a second pass over the text.

use std::ops::Range;

use super::finding::Findings;
use super::limits::{MAX_EVENTS, MAX_ITEMS_PER_EVENT, MAX_JSON_DEPTH, MAX_STRING_BYTES, over};

/// What the scan learned of a text's shape.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outline {
    /// The top-level `events` array, when the text has exactly one with no empty item. `None`
    /// leaves the splitting to the JSON parser (an escaped key, a repeated one, a stray comma).
    pub events: Option<EventItems>,
}

/// Where the top-level `events` array and each of its items are, as byte ranges of the text.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct EventItems {
    /// From `[` to `]`, both included.
    pub array: Range<usize>,
    /// Each item, without the whitespace around it. Only the separating commas were checked: an
    /// item is still to be parsed, and one with trailing garbage fails then.
    pub items: Vec<Range<usize>>,
}

/// Scans `text`, reporting the first limit it is over at its place; `None` when it is over one
/// (and must not be parsed).
pub fn scan(text: &str, findings: &mut Findings) -> Option<Outline> {
    let bytes = text.as_bytes();
    // Item counts of the open arrays (`None` for an open object), innermost last.
    let mut open: Vec<Option<usize>> = Vec::new();
    // How many of the open containers are arrays.
    let mut arrays_open = 0usize;
    let mut events = EventsTracker::default();
    // The last string that ended directly inside the top-level object: a key, when a `:` follows.
    let mut last_top_string = 0..0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                let start = i;
                i += 1;
                // Jumps to the next quote or backslash: strings are most of a dataset's bytes.
                while let Some(at) = bytes
                    .get(i..)
                    .and_then(|rest| memchr::memchr2(b'"', b'\\', rest))
                {
                    i += at;
                    if bytes.get(i) == Some(&b'"') {
                        break;
                    }
                    i += 2;
                }
                // Unterminated: the string runs to the end.
                if bytes.get(i) != Some(&b'"') {
                    i = i.max(bytes.len());
                }
                if i - start > MAX_STRING_BYTES {
                    findings.push(over(
                        text,
                        start,
                        format!(
                            "a string of {} bytes is longer than the limit of {MAX_STRING_BYTES} \
                             bytes (MAX_STRING_BYTES)",
                            i - start - 1
                        ),
                    ));
                    return None;
                }
                if open.len() == 1 {
                    last_top_string = start..i + 1;
                }
            }
            b'{' | b'[' => {
                if b == b'[' && open == [None] {
                    let key = bytes.get(last_top_string.clone()).unwrap_or_default();
                    let between = bytes.get(last_top_string.end..i).unwrap_or_default();
                    if key == b"\"events\"" && is_colon(between) {
                        events.open(i);
                    }
                }
                open.push((b == b'[').then_some(0));
                arrays_open += usize::from(b == b'[');
                if open.len() > MAX_JSON_DEPTH {
                    findings.push(over(
                        text,
                        i,
                        format!(
                            "the JSON nests deeper than the limit of {MAX_JSON_DEPTH} levels \
                             (MAX_JSON_DEPTH)"
                        ),
                    ));
                    return None;
                }
            }
            b'}' | b']' => {
                if open.len() == 2 {
                    events.close(bytes, i);
                }
                if let Some(Some(_)) = open.pop() {
                    arrays_open -= 1;
                }
            }
            b',' => {
                if open.len() == 2 {
                    events.item_end(bytes, i);
                }
                if let Some(Some(items)) = open.last_mut() {
                    *items += 1;
                    // A list inside an item of a list is one event's (its tags, relations…):
                    // 5 million empty tags were once refused as too many events.
                    let inner = arrays_open > 1;
                    if inner && *items >= MAX_ITEMS_PER_EVENT {
                        findings.push(over(
                            text,
                            i,
                            format!(
                                "a list inside an event (its relations, citations, actors or \
                                 tags) has more than {MAX_ITEMS_PER_EVENT} items, the limit for \
                                 one event (MAX_ITEMS_PER_EVENT)"
                            ),
                        ));
                        return None;
                    }
                    if *items >= MAX_EVENTS {
                        findings.push(over(
                            text,
                            i,
                            format!(
                                "a list of more than {MAX_EVENTS} items is longer than the most \
                                 events a dataset may have (MAX_EVENTS)"
                            ),
                        ));
                        return None;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    Some(Outline {
        events: events.finish(),
    })
}

/// Whether `between` a key and a value is a colon with only whitespace around it.
fn is_colon(between: &[u8]) -> bool {
    between.trim_ascii() == b":"
}

/// The items of the top-level `events` array as the scan passes them.
#[derive(Default)]
struct EventsTracker {
    state: Tracking,
    array_start: usize,
    item_start: usize,
    items: Vec<Range<usize>>,
}

#[derive(Default, PartialEq, Eq)]
enum Tracking {
    /// No `events` array met yet.
    #[default]
    Before,
    /// Inside it.
    Open,
    /// After it, with its items.
    Done(usize),
    /// Not to be trusted: a second `events` array, or an empty item.
    Unusable,
}

impl EventsTracker {
    fn open(&mut self, at: usize) {
        self.state = match self.state {
            Tracking::Before => Tracking::Open,
            _ => Tracking::Unusable,
        };
        self.array_start = at;
        self.item_start = at + 1;
    }

    /// A `,` directly inside a depth-2 container at `at`.
    fn item_end(&mut self, bytes: &[u8], at: usize) {
        if self.state == Tracking::Open {
            self.push(bytes, at, false);
        }
    }

    /// A `]` or `}` closing a depth-2 container at `at`.
    fn close(&mut self, bytes: &[u8], at: usize) {
        if self.state == Tracking::Open {
            if bytes.get(at) != Some(&b']') {
                // `[1}`: the parser reports it, and must see it as it is.
                self.state = Tracking::Unusable;
                return;
            }
            self.push(bytes, at, true);
            if self.state == Tracking::Open {
                self.state = Tracking::Done(at + 1);
            }
        }
    }

    fn push(&mut self, bytes: &[u8], end: usize, last: bool) {
        let raw = bytes.get(self.item_start..end).unwrap_or_default();
        let leading = raw.len() - raw.trim_ascii_start().len();
        let item = raw.trim_ascii();
        if item.is_empty() {
            // `[]` has no items; an empty item anywhere else (`[a,,b]`, `[a,]`) is for the parser
            // to report.
            if !(last && self.items.is_empty()) {
                self.state = Tracking::Unusable;
            }
        } else {
            let start = self.item_start + leading;
            self.items.push(start..start + item.len());
        }
        self.item_start = end + 1;
    }

    fn finish(self) -> Option<EventItems> {
        match self.state {
            Tracking::Done(end) => Some(EventItems {
                array: self.array_start..end,
                items: self.items,
            }),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(text: &str) -> Option<Vec<&str>> {
        let outline = scan(text, &mut Findings::default()).unwrap();
        let events = outline.events?;
        assert_eq!(&text[events.array.clone()][..1], "[");
        assert_eq!(&text[events.array.end - 1..events.array.end], "]");
        Some(events.items.into_iter().map(|r| &text[r]).collect())
    }

    #[test]
    fn nesting_past_the_limit_is_an_error_at_its_place() {
        let text = format!("{{\"a\":\n{}{}}}", "[".repeat(100), "]".repeat(100));
        let mut findings = Findings::default();
        assert!(scan(&text, &mut findings).is_none());
        assert!(findings[0].message.contains("MAX_JSON_DEPTH"));
        assert_eq!((findings[0].line, findings[0].column), (2, MAX_JSON_DEPTH));
        let ok = format!("{}{}", "[".repeat(10), "]".repeat(10));
        assert!(scan(&ok, &mut Findings::default()).is_some());
    }

    #[test]
    fn a_string_past_the_limit_is_an_error() {
        let text = format!("{{\"title\": \"{}\"}}", "x".repeat(MAX_STRING_BYTES + 1));
        let mut findings = Findings::default();
        assert!(scan(&text, &mut findings).is_none());
        assert!(findings[0].message.contains("MAX_STRING_BYTES"));
        assert_eq!((findings[0].line, findings[0].column), (1, 11));
    }

    #[test]
    fn a_list_past_the_limit_is_an_error_before_it_is_parsed() {
        let text = format!("{{\"events\": [{}0]}}", "0,".repeat(MAX_EVENTS));
        let mut findings = Findings::default();
        assert!(scan(&text, &mut findings).is_none());
        assert!(findings[0].message.contains("MAX_EVENTS"));
    }

    #[test]
    fn commas_inside_strings_and_escaped_quotes_are_not_counted() {
        let text = r#"{"a": ["x,\",y", "[[[[", 1]}"#;
        assert!(scan(text, &mut Findings::default()).is_some());
    }

    #[test]
    fn the_top_level_events_items_are_found_with_strings_and_nesting_inside_them() {
        let text = r#"{"title": "events", "lanes": [{"events": [1]}],
            "events" : [ {"id": "a,]", "tags": ["x", "y"]} ,
              {"id": "b\"}", "r": [{"t": 1}, {"t": 2}]}
            ], "x": 1}"#;
        assert_eq!(
            items(text).unwrap(),
            [
                r#"{"id": "a,]", "tags": ["x", "y"]}"#,
                r#"{"id": "b\"}", "r": [{"t": 1}, {"t": 2}]}"#
            ]
        );
        assert_eq!(items(r#"{"events": [ ]}"#).unwrap(), Vec::<&str>::new());
        assert_eq!(items(r#"{"events":[1,2]}"#).unwrap(), ["1", "2"]);
    }

    #[test]
    fn an_events_array_the_parser_must_judge_is_left_to_it() {
        // Empty items, a repeated key, an escaped key, a nested `events`, a top-level array.
        for text in [
            r#"{"events": [1,,2]}"#,
            r#"{"events": [1,]}"#,
            r#"{"events": [,]}"#,
            r#"{"events": [1], "events": [2]}"#,
            r#"{"\u0065vents": [1]}"#,
            r#"{"a": {"events": [1]}}"#,
            r#"[{"events": [1]}]"#,
            r#"{"events": [1, 2"#,
            r#"{"events": [{"a": 1}}}"#,
        ] {
            assert_eq!(items(text), None, "{text}");
        }
    }
}
