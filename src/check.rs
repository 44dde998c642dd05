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

/// The process exit code: 0 no errors, 1 errors found, 2 a file could not be read.
pub fn run(files: &[PathBuf], format: OutputFormat, out: &mut dyn Write) -> std::io::Result<u8> {
    let mut exit = 0;
    for path in files {
        match load::load_file(path) {
            Ok(outcome) => {
                let report = outcome.report;
                if report.has_errors() {
                    exit = exit.max(1);
                }
                match format {
                    OutputFormat::Text => write_text(&report, files.len() > 1, out)?,
                    OutputFormat::Json => writeln!(out, "{}", report.to_json())?,
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

fn write_text(report: &Report, name_in_summary: bool, out: &mut dyn Write) -> std::io::Result<()> {
    for finding in &report.findings {
        writeln!(out, "{}:{finding}", report.file)?;
    }
    if name_in_summary {
        writeln!(out, "{}: {}", report.file, report.summary())
    } else {
        writeln!(out, "{}", report.summary())
    }
}
