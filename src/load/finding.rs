//! Findings: what is wrong with a dataset, and exactly where.

use std::fmt;

use serde::Serialize;

/// Whether a finding makes the dataset wrong or only suspicious.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
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
}

/// One thing wrong with a dataset, with its place in the file so a user can go straight to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    #[serde(skip)]
    pub severity: Severity,
    pub line: usize,
    pub column: usize,
    /// JSON path of the offending value (`events[12].citations[0].quote.exact`); for CSV, the row
    /// and column name. Empty for findings about the whole file.
    pub path: String,
    /// Id of the event the finding is about, when there is one.
    pub event: Option<String>,
    pub message: String,
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
            message: message.into(),
        }
    }

    pub fn error(place: Place, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, place, path, message)
    }

    pub fn warning(place: Place, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, place, path, message)
    }

    /// Names the event this finding is about.
    #[must_use]
    pub fn in_event(mut self, id: Option<&str>) -> Self {
        self.event = id.map(str::to_owned);
        self
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

/// Everything a load found, with the counts `claimline check` prints in its summary.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// The file as the user named it (or `<embedded>`).
    pub file: String,
    pub findings: Vec<Finding>,
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

    /// The summary line: `N events, M sources, K quotes verified, E errors, W warnings`.
    pub fn summary(&self) -> String {
        format!(
            "{} events, {} sources, {} quotes verified, {} errors, {} warnings",
            self.events,
            self.sources,
            self.quotes_verified,
            self.error_count(),
            self.warning_count()
        )
    }

    /// The `--format json` object for this file.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "file": self.file,
            "events": self.events,
            "sources": self.sources,
            "quotes_verified": self.quotes_verified,
            "errors": self.errors().collect::<Vec<_>>(),
            "warnings": self.warnings().collect::<Vec<_>>(),
        })
    }
}
