//! Findings: what is wrong with a dataset, and exactly where.

use std::fmt;

use serde::Serialize;

/// The most findings one load keeps: 200,000. Past that they are counted, not kept (a finding and
/// its message are a few hundred bytes; ten million of them took the machine's memory). No one
/// fixes a file one finding at a time past the first few thousand, and `check` groups them by
/// kind anyway.
pub const MAX_FINDINGS: usize = 200_000;

/// Whether a finding makes the dataset wrong or only suspicious.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
        }
    }
}

/// A 1-based line and column (columns count characters, as editors do).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Place {
    pub line: usize,
    pub column: usize,
}

impl Place {
    pub const START: Self = Self { line: 1, column: 1 };
    /// Not found yet: the finding's path is located after validation, in one scan of the text
    /// for all findings together (see [`super::position::locate`]).
    pub const UNRESOLVED: Self = Self { line: 0, column: 0 };
}

/// What of a finding's path its place names: the value, or the key in front of it (an unknown
/// field is shown at its name).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Anchor {
    #[default]
    Value,
    Key,
}

/// One thing wrong with a dataset, with its place in the file so a user can go straight to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    // Fields in alphabetical order: `check --format json` has always listed them so.
    #[serde(skip)]
    pub severity: Severity,
    pub column: usize,
    /// Id of the event the finding is about, when there is one.
    pub event: Option<String>,
    pub line: usize,
    pub message: String,
    /// JSON path of the offending value (`events[12].citations[0].quote.exact`); for CSV, the row
    /// and column name. Empty for findings about the whole file.
    pub path: String,
    #[serde(skip)]
    pub anchor: Anchor,
}

impl Finding {
    pub fn new(
        severity: Severity,
        place: Place,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity,
            line: place.line,
            column: place.column,
            path: path.into(),
            event: None,
            message: short_message(message.into()),
            anchor: Anchor::Value,
        }
    }

    pub fn error(place: Place, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, place, path, message)
    }

    pub fn warning(place: Place, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, place, path, message)
    }

    /// Names the event this finding is about (by its first [`MAX_QUOTED_CHARS`] characters: an
    /// id can be as long as any string).
    ///
    /// [`MAX_QUOTED_CHARS`]: crate::model::visible_text::MAX_QUOTED_CHARS
    #[must_use]
    pub fn in_event(mut self, id: Option<&str>) -> Self {
        self.event = id.map(|id| crate::model::visible_text::quoted(id).into_owned());
        self
    }

    /// Places this finding at its path's key rather than its value.
    #[must_use]
    pub fn at_key(mut self) -> Self {
        self.anchor = Anchor::Key;
        self
    }

    /// The place of this finding, once located.
    pub fn place(&self) -> Place {
        Place {
            line: self.line,
            column: self.column,
        }
    }

    pub fn is_unresolved(&self) -> bool {
        self.place() == Place::UNRESOLVED
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Finding {
    /// `line:col: error: message [event id]`; the caller puts the file name in front.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.line,
            self.column,
            self.severity.label(),
            self.message
        )?;
        if let Some(id) = &self.event {
            write!(f, " [{id}]")?;
        }
        Ok(())
    }
}

/// `message` with every quoted value (between backticks, “curly quotes” or "straight quotes")
/// longer than [`MAX_QUOTED_CHARS`] cut to its start and a count of the rest: a 4 MB date gave a
/// 4 MB line of output. A message still long after that (a value quoted some other way) is cut
/// whole.
///
/// [`MAX_QUOTED_CHARS`]: crate::model::visible_text::MAX_QUOTED_CHARS
fn short_message(message: String) -> String {
    use crate::model::visible_text::{MAX_QUOTED_CHARS, quoted};
    /// Messages this short are left alone, whatever they quote.
    const SHORT: usize = 4 * MAX_QUOTED_CHARS;
    if message.len() <= SHORT {
        return message;
    }
    let mut out = String::with_capacity(SHORT * 2);
    let mut rest = message.as_str();
    while let Some(open) = rest.find(['`', '“', '"']) {
        let (before, from) = rest.split_at(open);
        out.push_str(before);
        let mut chars = from.chars();
        let Some(opening) = chars.next() else { break };
        let closing = if opening == '“' { '”' } else { opening };
        let inside = chars.as_str();
        let (value, after) = match inside.find(closing) {
            Some(end) => inside.split_at(end),
            None => (inside, ""),
        };
        out.push(opening);
        out.push_str(&quoted(value));
        let mut after = after.chars();
        if let Some(close) = after.next() {
            out.push(close);
        }
        rest = after.as_str();
    }
    out.push_str(rest);
    match out.char_indices().nth(SHORT) {
        Some((end, _)) => {
            let more = out.get(end..).map_or(0, |r| r.chars().count());
            format!(
                "{}… (and {} more characters)",
                out.get(..end).unwrap_or_default(),
                crate::model::count::thousands(more)
            )
        }
        None => out,
    }
}

/// The findings of one load as they are made. At most [`MAX_FINDINGS`] are kept and the rest only
/// counted: a file with ten unknown fields in each of its million events grew its findings past
/// 2.8 GB and aborted.
///
/// [`MAX_FINDINGS`]: MAX_FINDINGS
#[derive(Debug)]
pub struct Findings {
    kept: Vec<Finding>,
    more: usize,
    cap: usize,
}

impl Default for Findings {
    fn default() -> Self {
        Self::with_room(MAX_FINDINGS)
    }
}

impl Findings {
    /// A list that keeps at most `room` findings (a part of a load, checked on its own core).
    pub fn with_room(room: usize) -> Self {
        Self {
            kept: Vec::new(),
            more: 0,
            cap: room,
        }
    }

    /// Keeps `finding`, or counts it when [`MAX_FINDINGS`] are kept already.
    pub fn push(&mut self, finding: Finding) {
        if self.kept.len() < self.cap {
            self.kept.push(finding);
        } else {
            self.more += 1;
        }
    }

    /// [`Self::push`] for each finding, in order.
    pub fn extend(&mut self, findings: impl IntoIterator<Item = Finding>) {
        for finding in findings {
            self.push(finding);
        }
    }

    /// Counts `n` findings that were made but not kept.
    pub fn add_more(&mut self, n: usize) {
        self.more = self.more.saturating_add(n);
    }

    /// How many more findings may be kept.
    pub fn room(&self) -> usize {
        self.cap.saturating_sub(self.kept.len())
    }

    /// Adds the findings of a part of the load, in order, and the count of those it did not keep.
    pub fn append(&mut self, part: Self) {
        self.extend(part.kept);
        self.add_more(part.more);
    }

    /// The findings kept, and how many more there were.
    pub fn into_parts(self) -> (Vec<Finding>, usize) {
        (self.kept, self.more)
    }
}

impl std::ops::Deref for Findings {
    type Target = [Finding];
    fn deref(&self) -> &[Finding] {
        &self.kept
    }
}

impl std::ops::DerefMut for Findings {
    fn deref_mut(&mut self) -> &mut [Finding] {
        &mut self.kept
    }
}

/// Findings that say the same thing about different places ("quote … occurs 4 times in source
/// `s0`" on a million events), shown as one group so a million of them can be read at all.
#[derive(Clone, Debug)]
pub struct FindingGroup {
    pub severity: Severity,
    /// The shared message, with what differs between members (quoted text, ids, numbers) elided.
    pub pattern: String,
    /// Indices into [`Report::findings`], in file order.
    pub members: Vec<usize>,
}

/// A message with its particulars elided: quoted text (“…”, `…`) and numbers. Two findings with the
/// same shape say the same thing about different places.
pub fn message_shape(message: &str) -> String {
    let mut shape = String::with_capacity(message.len());
    let mut closing = None;
    let mut digits = false;
    for c in message.chars() {
        if let Some(end) = closing {
            if c == end {
                shape.push('…');
                shape.push(c);
                closing = None;
            }
            continue;
        }
        match c {
            '“' => closing = Some('”'),
            '`' => closing = Some('`'),
            _ => {}
        }
        if c.is_ascii_digit() {
            if !digits {
                shape.push('#');
            }
            digits = true;
            continue;
        }
        digits = false;
        shape.push(c);
    }
    shape
}

/// Everything a load found, with the counts `claimline check` prints in its summary.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// The file as the user named it (or `<embedded>`).
    pub file: String,
    pub findings: Vec<Finding>,
    /// Findings made past [`MAX_FINDINGS`]: counted, not kept.
    pub more_findings: usize,
    pub events: usize,
    pub sources: usize,
    pub quotes_verified: usize,
    pub quotes_total: usize,
}

impl Report {
    pub fn new(file: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            ..Self::default()
        }
    }

    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
    }

    pub fn error_count(&self) -> usize {
        self.errors().count()
    }

    pub fn warning_count(&self) -> usize {
        self.warnings().count()
    }

    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(Finding::is_error)
    }

    /// Puts findings in file order, so a user reads them top to bottom.
    pub fn sort(&mut self) {
        self.findings
            .sort_by_key(|f| (f.line, f.column, f.severity));
    }

    /// Findings grouped by severity and message shape, groups in the order of their first member.
    pub fn groups(&self) -> Vec<FindingGroup> {
        let mut index: std::collections::HashMap<(Severity, String), usize> =
            std::collections::HashMap::new();
        let mut groups: Vec<FindingGroup> = Vec::new();
        for (i, finding) in self.findings.iter().enumerate() {
            let key = (finding.severity, message_shape(&finding.message));
            let slot = *index.entry(key).or_insert_with_key(|(severity, pattern)| {
                groups.push(FindingGroup {
                    severity: *severity,
                    pattern: pattern.clone(),
                    members: Vec::new(),
                });
                groups.len() - 1
            });
            if let Some(group) = groups.get_mut(slot) {
                group.members.push(i);
            }
        }
        groups
    }

    /// The summary line: `44 events, 5 sources, 33 quotes verified, 0 errors, 1 warning`, and
    /// how many findings were not kept, when some were not.
    pub fn summary(&self) -> String {
        use crate::model::count::{count, thousands};
        let more = if self.more_findings > 0 {
            format!(
                ", and {} more findings not kept (MAX_FINDINGS is {})",
                thousands(self.more_findings),
                thousands(MAX_FINDINGS)
            )
        } else {
            String::new()
        };
        format!(
            "{}, {}, {} quotes verified, {}, {}{more}",
            count(self.events, "event", "events"),
            count(self.sources, "source", "sources"),
            thousands(self.quotes_verified),
            count(self.error_count(), "error", "errors"),
            count(self.warning_count(), "warning", "warnings")
        )
    }

    /// The `--format json` object for this file, serialized as it is written: a million findings
    /// are never copied into a JSON tree first.
    pub fn to_json(&self) -> impl Serialize + '_ {
        // Keys in alphabetical order, as they have always been written.
        #[derive(Serialize)]
        struct Json<'a> {
            errors: Vec<&'a Finding>,
            events: usize,
            file: &'a str,
            /// Findings past `MAX_FINDINGS`, counted and not listed (written only when there are).
            #[serde(skip_serializing_if = "is_zero")]
            more_findings: usize,
            quotes_verified: usize,
            sources: usize,
            warnings: Vec<&'a Finding>,
        }
        Json {
            errors: self.errors().collect(),
            events: self.events,
            file: &self.file,
            more_findings: self.more_findings,
            quotes_verified: self.quotes_verified,
            sources: self.sources,
            warnings: self.warnings().collect(),
        }
    }
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's `skip_serializing_if` passes a reference"
)]
fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warning(line: usize, message: &str) -> Finding {
        Finding::warning(Place { line, column: 3 }, "", message)
    }

    #[test]
    fn findings_that_differ_only_in_particulars_are_one_group() {
        let mut report = Report::new("f.json");
        report.findings = vec![
            warning(
                1,
                "quote “We never interfered.” occurs 4 times in source `s0`; add a `prefix`",
            ),
            warning(
                2,
                "unknown field `relatons` (not part of claimline/1; is it a typo?)",
            ),
            warning(
                3,
                "quote “No comment.” occurs 12 times in source `s1`; add a `prefix`",
            ),
        ];
        let groups = report.groups();
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].members, vec![0, 2]);
        assert_eq!(
            groups[0].pattern,
            "quote “…” occurs # times in source `…`; add a `…`"
        );
        assert_eq!(groups[1].members, vec![1]);
    }
}
