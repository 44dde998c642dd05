//! Where each value of a JSON document starts, by JSON path.
//!
//! `serde_json` reports line and column for syntax and type errors in a stream, but a checked value
//! (a date in the wrong order, a relation to a missing event) has no place once parsed. This index
//! gives every value and every object key its `line:column`, so each finding can name its place.
//! It runs only on text `serde_json` has already parsed, so it can assume well-formed JSON of bounded
//! depth.
//!
//! Two ways in. Importers that rename what they read (`TimelineJS`, CSV) fill a [`Positions`] table
//! as they go. A native file is never indexed whole: its findings are located after validation by
//! [`locate`], one scan that builds paths only inside the values a finding points into and skips
//! everything else byte by byte.

use std::borrow::Cow;
use std::collections::HashMap;

use super::finding::{Anchor, Finding, Place};

/// The places of the values and keys in one document, keyed by path (`events[3].date`).
#[derive(Debug, Default)]
pub struct Positions {
    values: HashMap<String, Place>,
    keys: HashMap<String, Place>,
    /// Nothing is indexed: every place is [`Place::UNRESOLVED`] until [`locate`] finds it.
    deferred: bool,
    /// The places of a CSV table's rows, worked out from the path (`rows[3].date`) instead of
    /// stored per cell.
    table: Option<TablePlaces>,
}

/// Where each row of a CSV table starts and which field each column is, so `rows[i].name` is
/// found without a table entry per cell: a million rows cost 8 bytes each, and blank rows
/// nothing.
#[derive(Debug, Default)]
pub struct TablePlaces {
    /// `(row, line)` of each row kept, rows in increasing order.
    rows: Vec<(u32, u32)>,
    /// Column name → 1-based field number.
    columns: Vec<(&'static str, usize)>,
    /// What a path below a row names, when it is not a column (`citations[0].quote.exact` is
    /// the `quote` column): the start of the rest of the path, and the column it is in.
    aliases: Vec<(&'static str, &'static str)>,
}

impl TablePlaces {
    pub fn new(
        columns: Vec<(&'static str, usize)>,
        aliases: Vec<(&'static str, &'static str)>,
    ) -> Self {
        Self {
            rows: Vec::new(),
            columns,
            aliases,
        }
    }

    /// Notes that data row `row` (counting from 0) starts on `line`. Rows come in order.
    pub fn row(&mut self, row: usize, line: usize) {
        self.rows.push((
            u32::try_from(row).unwrap_or(u32::MAX),
            u32::try_from(line).unwrap_or(u32::MAX),
        ));
    }

    fn place(&self, path: &str) -> Option<Place> {
        let rest = path.strip_prefix("rows[")?;
        let close = rest.find(']')?;
        let row: u32 = rest.get(..close)?.parse().ok()?;
        let rest = rest.get(close + 1..)?;
        let at = self.rows.binary_search_by_key(&row, |&(r, _)| r).ok()?;
        let line = self.rows.get(at)?.1 as usize;
        let rest = rest.strip_prefix('.').unwrap_or(rest);
        let name = rest.split(['.', '[']).next().unwrap_or_default();
        // `source` names `source.url`, not `source_url`: a prefix ends where a segment does.
        let column = self
            .aliases
            .iter()
            .find(|(prefix, _)| {
                rest.starts_with(prefix)
                    && matches!(rest.as_bytes().get(prefix.len()), None | Some(b'.' | b'['))
            })
            .map_or(name, |(_, column)| column);
        let column = self
            .columns
            .iter()
            .find(|(c, _)| *c == column)
            .map_or(1, |&(_, j)| j);
        Some(Place { line, column })
    }
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

    /// A table that answers [`Place::UNRESOLVED`] for every path, for a document whose findings are
    /// located afterwards by [`locate`].
    pub fn deferred() -> Self {
        Self {
            deferred: true,
            ..Self::default()
        }
    }

    pub fn is_deferred(&self) -> bool {
        self.deferred
    }

    /// A table whose places are worked out from the paths of its rows.
    pub fn table(table: TablePlaces) -> Self {
        Self {
            table: Some(table),
            ..Self::default()
        }
    }

    /// The table's row places, to note rows as they are read.
    pub fn table_mut(&mut self) -> Option<&mut TablePlaces> {
        self.table.as_mut()
    }

    /// Where the value at `path` starts; if it is absent, where its nearest present ancestor starts.
    pub fn value(&self, path: &str) -> Place {
        if self.deferred {
            return Place::UNRESOLVED;
        }
        if let Some(place) = self.values.get(path) {
            return *place;
        }
        if let Some(place) = self.table.as_ref().and_then(|t| t.place(path)) {
            return place;
        }
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
        // A table finds its rows' places from their paths, through its own aliases.
        if self.table.is_some() && alias.starts_with("rows[") {
            return;
        }
        let place = self.value(target);
        self.insert(alias, place);
    }

    /// Where the key naming the member at `path` starts (for unknown-field warnings).
    pub fn key(&self, path: &str) -> Place {
        if self.deferred {
            return Place::UNRESOLVED;
        }
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
        let raw = self
            .bytes
            .get(start..self.at)
            .and_then(|raw| std::str::from_utf8(raw).ok())
            .unwrap_or("\"\"");
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

/// Gives every unresolved finding its place in `text` (well-formed JSON), in one scan for all of
/// them.
pub fn locate(text: &str, findings: &mut [Finding]) {
    let pending: Vec<usize> = (0..findings.len())
        .filter(|&i| findings.get(i).is_some_and(Finding::is_unresolved))
        .collect();
    if pending.is_empty() {
        return;
    }
    let places = {
        let requests: Vec<(&str, Anchor)> = pending
            .iter()
            .filter_map(|&i| findings.get(i))
            .map(|f| (f.path.as_str(), f.anchor))
            .collect();
        locate_paths(text, &requests)
    };
    for (i, place) in pending.into_iter().zip(places) {
        if let Some(finding) = findings.get_mut(i) {
            finding.line = place.line;
            finding.column = place.column;
        }
    }
}

/// The place of each `(path, anchor)` in `text` (well-formed JSON): the value at the path, or the
/// key naming it; a path that is absent gets its nearest present ancestor's place, as
/// [`Positions::value`] does.
///
/// Requests for the same path are looked for once: a key repeated 100,000 times in one object
/// gives 100,000 warnings on one path, and each warning goes to its own repeat of the key, in
/// order, in one pass (matching every request against every repeat took 77 s).
pub fn locate_paths(text: &str, requests: &[(&str, Anchor)]) -> Vec<Place> {
    let mut index: HashMap<(&str, Anchor), usize> = HashMap::new();
    let mut unique: Vec<(&str, Anchor)> = Vec::new();
    let of: Vec<usize> = requests
        .iter()
        .map(|&request| {
            *index.entry(request).or_insert_with(|| {
                unique.push(request);
                unique.len() - 1
            })
        })
        .collect();
    drop(index);
    let (places, key_places) = locate_unique(text, &unique);
    let mut next = vec![0usize; unique.len()];
    of.into_iter()
        .map(|u| {
            let keys = key_places.get(u).map_or(&[][..], Vec::as_slice);
            let k = next.get(u).copied().unwrap_or(0);
            if let Some(n) = next.get_mut(u) {
                *n += 1;
            }
            keys.get(k)
                .or_else(|| keys.last())
                .or_else(|| places.get(u))
                .copied()
                .unwrap_or(Place::START)
        })
        .collect()
}

/// [`locate_paths`] for distinct requests: each one's place, and for a key request every place
/// its key was found at, in file order.
fn locate_unique(text: &str, requests: &[(&str, Anchor)]) -> (Vec<Place>, Vec<Vec<Place>>) {
    let mut sorted: Vec<usize> = (0..requests.len()).collect();
    // Path order, except that paths under `events[i]` are ordered by `i` as a number: a million
    // findings are sorted by integer, and the events array hands each element its run of
    // requests with a cursor instead of a binary search over strings. Every `events[…]` path
    // compares the same way against any other path, so this is still a total order in which
    // all requests under one path are contiguous.
    let event_of: Vec<Option<usize>> = requests.iter().map(|r| event_index(r.0)).collect();
    sorted.sort_unstable_by(|&a, &b| {
        match (
            event_of.get(a).copied().flatten(),
            event_of.get(b).copied().flatten(),
        ) {
            (Some(x), Some(y)) if x != y => x.cmp(&y),
            _ => request_path(requests, a).cmp(request_path(requests, b)),
        }
    });
    let mut finder = Finder {
        event_of: &event_of,
        bytes: text.as_bytes(),
        at: 0,
        line: 1,
        column_at: 0,
        column: 1,
        path: String::new(),
        requests,
        places: vec![Place::START; requests.len()],
        key_places: vec![Vec::new(); requests.len()],
    };
    finder.skip_whitespace();
    finder.value(&sorted);
    (finder.places, finder.key_places)
}

/// The `i` of a path under `events[i]`.
fn event_index(path: &str) -> Option<usize> {
    let rest = path.strip_prefix("events[")?;
    rest.get(..rest.find(']')?)?.parse().ok()
}

fn request_path<'r>(requests: &[(&'r str, Anchor)], i: usize) -> &'r str {
    requests.get(i).map_or("", |r| r.0)
}

/// The targeted scan behind [`locate_paths`]. `path` is the path of the value being read; the set
/// of requests passed down holds the indices (in path order) of the requests inside that value.
struct Finder<'a> {
    /// The `i` of each request under `events[i]`.
    event_of: &'a [Option<usize>],
    bytes: &'a [u8],
    at: usize,
    line: usize,
    /// The column of byte `column_at`, so columns are counted once per line however long it is
    /// (minified JSON is one line).
    column_at: usize,
    column: usize,
    path: String,
    requests: &'a [(&'a str, Anchor)],
    places: Vec<Place>,
    /// Every place a key request's key was found at (its value's place must not replace it).
    key_places: Vec<Vec<Place>>,
}

impl Finder<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Moves past one byte, counting lines.
    fn bump(&mut self) {
        if self.peek() == Some(b'\n') {
            self.line += 1;
            self.column_at = self.at + 1;
            self.column = 1;
        }
        self.at += 1;
    }

    fn place(&mut self) -> Place {
        let from = self.column_at.min(self.bytes.len());
        let to = self.at.min(self.bytes.len());
        let chars = self
            .bytes
            .get(from..to)
            .map_or(0, |b| b.iter().filter(|&&b| b & 0xC0 != 0x80).count());
        self.column += chars;
        self.column_at = to;
        Place {
            line: self.line,
            column: self.column,
        }
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.bump();
        }
    }

    /// Moves past a string starting at its opening quote; returns its raw contents. Well-formed
    /// JSON has no raw newline inside a string, so lines need no counting here.
    fn string(&mut self) -> std::ops::Range<usize> {
        let start = self.at + 1;
        let mut i = start;
        // Find the closing quote, stepping over each escaped character.
        while let Some(offset) = self
            .bytes
            .get(i..)
            .and_then(|rest| memchr::memchr2(b'"', b'\\', rest))
        {
            i += offset;
            if self.bytes.get(i) == Some(&b'\\') {
                i += 2;
            } else {
                break;
            }
        }
        if i > self.bytes.len() || self.bytes.get(i) != Some(&b'"') {
            i = self.bytes.len();
        }
        self.at = (i + 1).min(self.bytes.len());
        start..i
    }

    /// Moves past a value no request points into, without building any path.
    fn skip_value(&mut self) {
        let mut depth = 0usize;
        loop {
            match self.peek() {
                None => return,
                Some(b'"') => {
                    self.string();
                    if depth == 0 {
                        return;
                    }
                    continue;
                }
                Some(b'{' | b'[') => depth += 1,
                Some(b'}' | b']') => {
                    // At depth 0 the bracket is the parent's end, not part of this value.
                    if depth <= 1 {
                        self.at += depth;
                        return;
                    }
                    depth -= 1;
                }
                Some(b',' | b' ' | b'\t' | b'\n' | b'\r') if depth == 0 => return,
                Some(_) => {}
            }
            self.bump();
        }
    }

    /// Reads the value at `self.path`; `inside` are the requests at or under that path.
    fn value(&mut self, inside: &[usize]) {
        if inside.is_empty() {
            self.skip_value();
            return;
        }
        let place = self.place();
        for &i in inside {
            if self.key_places.get(i).is_none_or(Vec::is_empty)
                && let Some(p) = self.places.get_mut(i)
            {
                *p = place;
            }
        }
        match self.peek() {
            Some(b'{') => self.object(inside),
            Some(b'[') => self.array(inside),
            _ => self.skip_value(),
        }
    }

    fn object(&mut self, inside: &[usize]) {
        self.bump();
        loop {
            self.skip_whitespace();
            match self.peek() {
                Some(b'"') => {
                    let key_place = self.place();
                    let bytes = self.bytes;
                    let raw = bytes.get(self.string()).unwrap_or_default();
                    let key = if raw.contains(&b'\\') {
                        let mut quoted = Vec::with_capacity(raw.len() + 2);
                        quoted.push(b'"');
                        quoted.extend_from_slice(raw);
                        quoted.push(b'"');
                        Cow::Owned(serde_json::from_slice::<String>(&quoted).unwrap_or_default())
                    } else {
                        String::from_utf8_lossy(raw)
                    };
                    let parent_len = self.path.len();
                    if !self.path.is_empty() {
                        self.path.push('.');
                    }
                    self.path.push_str(&key);
                    let child = self.member_requests(inside);
                    for &i in child.iter() {
                        if request_path(self.requests, i) == self.path
                            && self.requests.get(i).is_some_and(|r| r.1 == Anchor::Key)
                        {
                            if let Some(p) = self.places.get_mut(i) {
                                *p = key_place;
                            }
                            if let Some(k) = self.key_places.get_mut(i) {
                                k.push(key_place);
                            }
                        }
                    }
                    self.skip_whitespace();
                    self.bump(); // ':'
                    self.skip_whitespace();
                    self.value(&child);
                    self.path.truncate(parent_len);
                }
                Some(b',') => self.bump(),
                _ => {
                    self.bump(); // '}'
                    return;
                }
            }
        }
    }

    fn array(&mut self, inside: &[usize]) {
        self.bump();
        let mut index = 0usize;
        // In the top-level events array, requests are in element order: walk them with a cursor.
        let by_element = self.path == "events";
        let mut cursor = 0usize;
        loop {
            self.skip_whitespace();
            match self.peek() {
                Some(b']') | None => {
                    self.bump();
                    return;
                }
                Some(b',') => self.bump(),
                Some(_) => {
                    let parent_len = self.path.len();
                    {
                        use std::fmt::Write as _;
                        let _ = write!(self.path, "[{index}]");
                    }
                    // `[3]` closes its segment, so every path starting with it is inside it.
                    let (lo, hi) = if by_element {
                        let element = |k: &usize| self.event_of.get(*k).copied().flatten();
                        let rest = inside.get(cursor..).unwrap_or_default();
                        let lo = cursor
                            + rest
                                .iter()
                                .take_while(|k| element(k).is_none_or(|e| e < index))
                                .count();
                        let run = inside.get(lo..).unwrap_or_default();
                        let hi = lo + run.iter().take_while(|k| element(k) == Some(index)).count();
                        cursor = hi;
                        (lo, hi)
                    } else {
                        self.prefixed(inside)
                    };
                    let child = inside.get(lo..hi).unwrap_or_default();
                    self.value(child);
                    self.path.truncate(parent_len);
                    index += 1;
                }
            }
        }
    }

    /// The range of `inside` (sorted by path) whose paths start with the current path.
    fn prefixed(&self, inside: &[usize]) -> (usize, usize) {
        let prefix = self.path.as_str();
        let requests = self.requests;
        let lo = inside.partition_point(|&i| request_path(requests, i) < prefix);
        let len = inside
            .get(lo..)
            .unwrap_or_default()
            .partition_point(|&i| request_path(requests, i).starts_with(prefix));
        (lo, lo + len)
    }

    /// The requests at or under the member at the current path: its path, or its path followed by
    /// `.` or `[` (not `title2` when the member is `title`).
    fn member_requests<'s>(&self, inside: &'s [usize]) -> Cow<'s, [usize]> {
        let (lo, hi) = self.prefixed(inside);
        let candidates = inside.get(lo..hi).unwrap_or_default();
        let n = self.path.len();
        let ours = |i: &usize| {
            matches!(
                request_path(self.requests, *i).as_bytes().get(n),
                None | Some(b'.' | b'[')
            )
        };
        if candidates.iter().all(ours) {
            Cow::Borrowed(candidates)
        } else {
            Cow::Owned(candidates.iter().copied().filter(ours).collect())
        }
    }
}

#[cfg(test)]
mod tests;
