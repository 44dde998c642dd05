//! `claimline check`: findings as `path:line:col: error|warning: message [event id]`.

use std::io::Write;
use std::path::PathBuf;

use crate::load::{self, Report};

/// How `check` prints its findings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// One line per finding, then a summary line: for people and editors.
    #[default]
    Text,
    /// One JSON object per file, one per line: for scripts.
    Json,
}

/// How many findings of one kind the text output shows before it sums up the rest.
pub const SHOWN_PER_KIND: usize = 5;

/// What `check` prints.
#[derive(Clone, Copy, Debug, Default)]
pub struct CheckOptions {
    pub format: OutputFormat,
    /// Text output: every finding, not the first [`SHOWN_PER_KIND`] of each kind.
    pub all_findings: bool,
    /// Each load's stage durations on stderr, to see where a large file's time goes.
    pub timings: bool,
}

/// The process exit code: 0 no errors, 1 errors found, 2 a file could not be read.
pub fn run(files: &[PathBuf], options: CheckOptions, out: &mut dyn Write) -> std::io::Result<u8> {
    let out = &mut crate::model::visible_text::VisibleWriter::new(out);
    let format = options.format;
    let mut exit = 0;
    for path in files {
        let progress = load::Progress::default();
        let loaded = load::load_file_with(path, &progress);
        if options.timings {
            let stages: Vec<String> = progress
                .timings()
                .iter()
                .map(|(stage, took)| format!("{} {:.3} s", stage.label(), took.as_secs_f64()))
                .collect();
            let mut stderr = std::io::stderr();
            let _ = writeln!(
                crate::model::visible_text::VisibleWriter::new(&mut stderr),
                "{}: {}",
                path.display(),
                stages.join(", ")
            );
        }
        match loaded {
            Ok(outcome) => {
                let load::Outcome {
                    report, checked, ..
                } = outcome;
                // Freeing a million events takes a fifth of a second: done beside the next file,
                // or not at all once the process exits.
                std::thread::spawn(move || drop(checked));
                if report.has_errors() {
                    exit = exit.max(1);
                }
                match format {
                    OutputFormat::Text => {
                        write_text(&report, files.len() > 1, options.all_findings, out)?;
                    }
                    OutputFormat::Json => {
                        serde_json::to_writer(&mut *out, &report.to_json())?;
                        writeln!(out)?;
                    }
                }
            }
            Err(error) => {
                exit = 2;
                match format {
                    OutputFormat::Text => writeln!(
                        out,
                        "{}: error: cannot read: {}",
                        path.display(),
                        error.error
                    )?,
                    OutputFormat::Json => writeln!(
                        out,
                        "{}",
                        serde_json::json!({"file": path.display().to_string(), "read_error": error.error.to_string()})
                    )?,
                }
            }
        }
    }
    Ok(exit)
}

/// Findings in file order, at most [`SHOWN_PER_KIND`] of each kind unless `all`, then one line per
/// kind for the rest, then the summary.
fn write_text(
    report: &Report,
    name_in_summary: bool,
    all: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let groups = report.groups();
    let mut shown = vec![true; report.findings.len()];
    if !all {
        for group in &groups {
            for &i in group.members.iter().skip(SHOWN_PER_KIND) {
                if let Some(s) = shown.get_mut(i) {
                    *s = false;
                }
            }
        }
    }
    for (finding, shown) in report.findings.iter().zip(&shown) {
        if *shown {
            writeln!(out, "{}:{finding}", report.file)?;
        }
    }
    for group in &groups {
        let rest = group.members.len().saturating_sub(SHOWN_PER_KIND);
        if !all && rest > 0 {
            writeln!(
                out,
                "{}: {}: … and {} more like this ({}); --all-findings prints every one",
                report.file,
                group.severity.label(),
                thousands(rest),
                group
                    .members
                    .first()
                    .and_then(|&i| report.findings.get(i))
                    .map_or(group.pattern.as_str(), |f| f.message.as_str())
            )?;
        }
    }
    if name_in_summary {
        writeln!(out, "{}: {}", report.file, report.summary())
    } else {
        writeln!(out, "{}", report.summary())
    }
}

/// `1 source`, `1,000,000 events`: a count with its noun, for labels people read.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// `999980` as `999,980`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_people_write_them() {
        assert_eq!(count(1, "source", "sources"), "1 source");
        assert_eq!(count(0, "match", "matches"), "0 matches");
        assert_eq!(count(1_000_000, "event", "events"), "1,000,000 events");
    }

    #[test]
    fn big_counts_have_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(999_980), "999,980");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
