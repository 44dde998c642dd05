//! Where each value of a JSON document starts, by JSON path.
//!
//! `serde_json` reports line and column for syntax and type errors in a stream, but a checked value
//! (a date in the wrong order, a relation to a missing event) has no place once parsed. This index
//! gives every value and every object key its `line:column`, so each finding can name its place.
//! It runs only on text `serde_json` has already parsed, so it can assume well-formed JSON of bounded
//! depth.

use std::collections::HashMap;

use super::finding::Place;

/// The places of the values and keys in one document, keyed by path (`events[3].date`).
#[derive(Debug, Default)]
pub struct Positions {
    values: HashMap<String, Place>,
    keys: HashMap<String, Place>,
}

/// The path of member `key` of the object at `parent`.
pub fn member_path(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

/// The path of element `index` of the array at `parent`.
pub fn element_path(parent: &str, index: usize) -> String {
    format!("{parent}[{index}]")
}

/// The path one step up: `events[3].date`, then `events[3]`, `events`, and the empty root path.
fn parent_path(path: &str) -> Option<&str> {
    if path.is_empty() {
        return None;
    }
    let cut = path.rfind(['.', '[']).unwrap_or(0);
    Some(&path[..cut])
}

impl Positions {
    /// Indexes `text`, which must already have parsed as JSON.
    pub fn index(text: &str) -> Self {
        let mut scanner = Scanner {
            bytes: text.as_bytes(),
            at: 0,
            place: Place::START,
            positions: Self::default(),
        };
        scanner.skip_whitespace();
        scanner.value("");
        scanner.positions
    }

    /// Where the value at `path` starts; if it is absent, where its nearest present ancestor starts.
    pub fn value(&self, path: &str) -> Place {
        let mut current = Some(path);
        while let Some(p) = current {
            if let Some(place) = self.values.get(p) {
                return *place;
            }
            current = parent_path(p);
        }
        Place::START
    }

    /// Records where the value at `path` is, so importers can give every item they produce (and
    /// each finding validation makes about it) the place of the text it came from.
    pub fn insert(&mut self, path: &str, place: Place) {
        self.values.insert(path.to_owned(), place);
    }

    /// Makes `alias` resolve to wherever `target` is: an imported event's `events[3].title` is
    /// found at the `TimelineJS` `events[3].text.headline` it was read from.
    pub fn alias(&mut self, alias: &str, target: &str) {
        let place = self.value(target);
        self.insert(alias, place);
    }

    /// Where the key naming the member at `path` starts (for unknown-field warnings).
    pub fn key(&self, path: &str) -> Place {
        self.keys
            .get(path)
            .copied()
            .unwrap_or_else(|| self.value(path))
    }
}

struct Scanner<'a> {
    bytes: &'a [u8],
    at: usize,
    place: Place,
    positions: Positions,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn bump(&mut self) {
        if let Some(&b) = self.bytes.get(self.at) {
            self.at += 1;
            if b == b'\n' {
                self.place.line += 1;
                self.place.column = 1;
            } else if b & 0xC0 != 0x80 {
                // Count characters, not bytes: UTF-8 continuation bytes add no column.
                self.place.column += 1;
            }
        }
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.bump();
        }
    }

    /// Skips a string starting at its opening quote and returns its decoded contents.
    fn string(&mut self) -> String {
        let start = self.at;
        self.bump();
        while let Some(b) = self.peek() {
            self.bump();
            match b {
                b'\\' => self.bump(),
                b'"' => break,
                _ => {}
            }
        }
        let raw = std::str::from_utf8(&self.bytes[start..self.at]).unwrap_or("\"\"");
        serde_json::from_str(raw).unwrap_or_default()
    }

    fn value(&mut self, path: &str) {
        self.positions.values.insert(path.to_owned(), self.place);
        match self.peek() {
            Some(b'{') => {
                self.bump();
                loop {
                    self.skip_whitespace();
                    match self.peek() {
                        Some(b'"') => {
                            let key_place = self.place;
                            let key = self.string();
                            let child = member_path(path, &key);
                            self.positions.keys.insert(child.clone(), key_place);
                            self.skip_whitespace();
                            self.bump(); // ':'
                            self.skip_whitespace();
                            self.value(&child);
                        }
                        Some(b',') => self.bump(),
                        _ => {
                            self.bump(); // '}' (or the end of a truncated text)
                            break;
                        }
                    }
                }
            }
            Some(b'[') => {
                self.bump();
                let mut index = 0;
                loop {
                    self.skip_whitespace();
                    match self.peek() {
                        Some(b']') | None => {
                            self.bump();
                            break;
                        }
                        Some(b',') => self.bump(),
                        Some(_) => {
                            self.value(&element_path(path, index));
                            index += 1;
                        }
                    }
                }
            }
            Some(b'"') => {
                self.string();
            }
            _ => {
                while let Some(b) = self.peek() {
                    if matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    self.bump();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "{\n  \"title\": \"Ünïcode\", \"events\": [\n    {\"id\": \"a\", \"date\": \"2020\"},\n    {\"id\": \"b\",\n     \"relations\": [{\"target\": \"zz\"}]}\n  ]\n}";

    fn at(line: usize, column: usize) -> Place {
        Place { line, column }
    }

    #[test]
    fn values_and_keys_have_their_places() {
        let p = Positions::index(DOC);
        assert_eq!(p.value(""), at(1, 1));
        assert_eq!(p.value("title"), at(2, 12));
        assert_eq!(
            p.key("events"),
            at(2, 23),
            "columns count characters, not bytes (25 in bytes)"
        );
        assert_eq!(p.value("events[0]"), at(3, 5));
        assert_eq!(p.value("events[0].date"), at(3, 25));
        assert_eq!(p.value("events[1].relations[0].target"), at(5, 31));
    }

    #[test]
    fn a_missing_value_falls_back_to_its_nearest_ancestor() {
        let p = Positions::index(DOC);
        assert_eq!(p.value("events[1].title"), p.value("events[1]"));
        assert_eq!(p.value("nothing.here[3]"), at(1, 1));
    }
}
