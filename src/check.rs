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

/// How many quotes not found get their nearest passage printed under them: each is a search of
/// its source, and `--all-findings` may print a million.
pub const MAX_NEAREST_SHOWN: usize = 100;

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
                if report.has_errors() {
                    exit = exit.max(1);
                }
                match format {
                    OutputFormat::Text => {
                        let dataset = checked.as_ref().map(|c| &c.dataset);
                        let many = files.len() > 1;
                        write_text(&report, dataset, many, options.all_findings, out)?;
                    }
                    OutputFormat::Json => {
                        serde_json::to_writer(&mut *out, &report.to_json())?;
                        writeln!(out)?;
                    }
                }
                // Freeing a million events takes a fifth of a second: done beside the next file,
                // or not at all once the process exits.
                std::thread::spawn(move || drop(checked));
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
/// kind for the rest, then the summary. A quote not found in its source is followed by the quote
/// and the source's nearest passage, one above the other (the first [`MAX_NEAREST_SHOWN`]).
fn write_text(
    report: &Report,
    dataset: Option<&crate::model::Dataset>,
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
    let mut nearest_shown = 0;
    for (finding, shown) in report.findings.iter().zip(&shown) {
        if *shown {
            writeln!(out, "{}:{finding}", report.file)?;
            if nearest_shown < MAX_NEAREST_SHOWN
                && let Some(lines) =
                    dataset.and_then(|d| crate::edit::render::for_finding(d, finding))
            {
                nearest_shown += 1;
                write!(out, "{lines}")?;
            }
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

pub use crate::model::count::{count, thousands};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_not_found_is_printed_above_the_nearest_passage() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.json");
        let dataset = serde_json::json!({
            "format": "claimline/1",
            "title": "t",
            "sources": [{"id": "s1", "title": "A", "text": "He said: “It’s over, we are done.” Then left."}],
            "events": [{
                "id": "e1", "kind": "statement", "date": "2020-11-09", "title": "Over",
                "citations": [{"source": "s1", "quote": {"exact": "It's over, we're done."}}]
            }]
        });
        std::fs::write(&path, dataset.to_string()).unwrap();
        let mut out = Vec::new();
        let exit = run(&[path], CheckOptions::default(), &mut out).unwrap();
        assert_eq!(exit, 1);
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.contains("quote not found verbatim"))
            .unwrap();
        let squeezed = |l: &str| l.split_whitespace().collect::<String>();
        assert!(
            lines[at + 1].starts_with("    quote:  It's over, we"),
            "{out}"
        );
        assert_eq!(
            squeezed(lines[at + 1]),
            "quote:It'sover,we'redone.",
            "{out}"
        );
        assert_eq!(
            lines[at + 2],
            "    source: It’s over, we are done.",
            "{out}"
        );
        assert!(lines[at + 3].trim_start().starts_with('^'), "{out}");
        assert!(lines[at + 4].ends_with("1 error, 0 warnings"), "{out}");
    }

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
