//! `claimline fmt` and `claimline convert`: the canonical writer from the shell.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::atomic::{AtomicError, AtomicOptions, folder_of, write_atomically};
use super::canonical::canonical;
use super::texts;
use crate::load;

/// `claimline fmt`'s options.
#[derive(Clone, Debug, clap::Args)]
pub struct FmtArgs {
    /// The `claimline/1` files to rewrite in place.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Change nothing: name each file that is not canonical, and exit 1 if there is one.
    #[arg(long)]
    pub check: bool,
}

/// `claimline convert`'s options.
#[derive(Clone, Debug, clap::Args)]
pub struct ConvertArgs {
    /// The dataset to convert: `claimline/1`, `TimelineJS` JSON, or CSV.
    pub input: PathBuf,
    /// The `claimline/1` file to write; source texts go in `sources/` beside it.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Replace OUTPUT, and source text files beside it that hold other words.
    #[arg(long)]
    pub force: bool,
}

/// The temporary files of `fmt` and `convert` start with this, as saves' do.
const TEMP_PREFIX: &str = ".claimline-save-";

/// Runs `fmt`: 0 when every file is canonical (or now is), 1 when `--check` found one that is not,
/// 2 when a file cannot be read, is not `claimline/1`, or cannot be written.
pub fn run_fmt(args: &FmtArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let mut code = 0;
    for path in &args.files {
        let result = fmt_one(path, args.check, out);
        let file_code = match result {
            Ok(Formatted::Already) => 0,
            Ok(Formatted::Rewritten) => {
                let _ = writeln!(out, "{}: formatted", path.display());
                0
            }
            Ok(Formatted::NotCanonical) => {
                let _ = writeln!(
                    out,
                    "{}: not canonical (`claimline fmt {}` rewrites it)",
                    path.display(),
                    path.display()
                );
                1
            }
            Err(message) => {
                let _ = writeln!(err, "claimline fmt: {message}");
                2
            }
        };
        code = code.max(file_code);
    }
    code
}

enum Formatted {
    Already,
    Rewritten,
    NotCanonical,
}

fn fmt_one(path: &Path, check: bool, _out: &mut dyn Write) -> Result<Formatted, String> {
    let outcome = load::load_file(path).map_err(|e| e.to_string())?;
    let sha256 = outcome.sha256.clone();
    let Some(checked) = outcome.checked else {
        return Err(format!(
            "{}: not a dataset Claimline can read, so not formatted:\n{}",
            path.display(),
            errors(&outcome.report)
        ));
    };
    if let Some(format) = &checked.dataset.kept.imported {
        return Err(format!(
            "{} is {format}, not claimline/1: fmt rewrites claimline/1 files only; \
             `claimline convert {} -o NEW.json` makes one",
            path.display(),
            path.display()
        ));
    }
    let text = canonical(&checked.dataset);
    if !text.dropped.is_empty() {
        let dropped: Vec<String> = text.dropped.iter().map(ToString::to_string).collect();
        return Err(format!(
            "{}: not formatted: it would lose {}",
            path.display(),
            dropped.join("; ")
        ));
    }
    if super::hash_chunks(&text.chunks) == sha256 {
        return Ok(Formatted::Already);
    }
    if check {
        return Ok(Formatted::NotCanonical);
    }
    let options = AtomicOptions {
        overwrite: true,
        backup: false,
        temp_prefix: TEMP_PREFIX,
    };
    write_atomically(path, &text.chunks, &options).map_err(|e| e.to_string())?;
    Ok(Formatted::Rewritten)
}

/// The first errors of a report, one per line, with their places.
fn errors(report: &load::Report) -> String {
    const SHOWN: usize = 10;
    let mut lines: Vec<String> = report
        .errors()
        .take(SHOWN)
        .map(|f| format!("{}:{f}", report.file))
        .collect();
    let total = report.error_count();
    if total > SHOWN {
        lines.push(format!("… and {} more errors", total - SHOWN));
    }
    lines.join("\n")
}

/// Runs `convert`: 0 when OUTPUT was written, 1 when the input is not a dataset Claimline can
/// read, 2 when a file is in the way (without `--force`) or cannot be written.
pub fn run_convert(args: &ConvertArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    match convert(args, out, err) {
        Ok(()) => 0,
        Err((code, message)) => {
            let _ = writeln!(err, "claimline convert: {message}");
            code
        }
    }
}

fn convert(
    args: &ConvertArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), (u8, String)> {
    let (input, output) = (&args.input, &args.output);
    if same_file(input, output) {
        return Err((
            2,
            format!(
                "{} is the input: convert writes a new file and never replaces the original \
                 (`claimline fmt` rewrites a claimline/1 file in place)",
                output.display()
            ),
        ));
    }
    if output.exists() && !args.force {
        return Err((2, AtomicError::Exists(output.clone()).to_string()));
    }
    let outcome = load::load_file(input).map_err(|e| (2, e.to_string()))?;
    let error_count = outcome.report.error_count();
    let Some(checked) = outcome.checked else {
        return Err((
            1,
            format!(
                "{}: not a dataset Claimline can read:\n{}",
                input.display(),
                errors(&outcome.report)
            ),
        ));
    };
    let mut dataset = checked.dataset;

    // Every text becomes a file beside OUTPUT: where the input kept it, or sources/NAME.txt.
    let folder = folder_of(output);
    let mut planned: Vec<(usize, String)> = Vec::new();
    let mut taken: Vec<String> = Vec::new();
    let mut in_the_way = Vec::new();
    for (index, source) in dataset.sources.iter().enumerate() {
        let Some(text) = &source.text else {
            if let Some(file) = &source.text_file {
                let _ = writeln!(
                    err,
                    "claimline convert: warning: the text of source `{}` ({file}) could not be \
                     read; {} names the same file",
                    source.id,
                    output.display()
                );
            }
            continue;
        };
        let relative = match &source.text_file {
            Some(file) if !taken.iter().any(|t| t.eq_ignore_ascii_case(file)) => file.clone(),
            _ => texts::free_name(&folder, &source.id, text, &taken),
        };
        let path = folder.join(
            load::source_text::confined_relative_path(&relative).map_err(|e| (2, e.to_string()))?,
        );
        if std::fs::read(&path).is_ok_and(|bytes| bytes != text.as_bytes()) {
            in_the_way.push(path.display().to_string());
        }
        taken.push(relative.clone());
        planned.push((index, relative));
    }
    if !in_the_way.is_empty() && !args.force {
        return Err((
            2,
            format!(
                "{} already hold other words; pass --force to overwrite them",
                in_the_way.join(", ")
            ),
        ));
    }
    std::fs::create_dir_all(&folder).map_err(|e| {
        let why = if folder.is_file() {
            "a file, so nothing can be written inside it".to_owned()
        } else {
            e.to_string()
        };
        (2, format!("{}: {why}", folder.display()))
    })?;
    for (index, relative) in &planned {
        let Some(source) = dataset.sources.get_mut(*index) else {
            continue;
        };
        let text = source.text.as_deref().unwrap_or_default();
        texts::write_text_at(&folder, relative, text, args.force)
            .map_err(|e| (2, e.to_string()))?;
        source.sha256 = source
            .sha256
            .take()
            .or_else(|| Some(crate::load::validate::sha256_hex(text.as_bytes())));
        source.text_file = Some(relative.clone());
    }
    // Every text is in a file now; none is written inline.
    dataset.kept.inline_texts.clear();
    dataset.kept.imported = None;

    let text = canonical(&dataset);
    for dropped in &text.dropped {
        let _ = writeln!(err, "claimline convert: warning: not written: {dropped}");
    }
    let options = AtomicOptions {
        overwrite: args.force,
        backup: false,
        temp_prefix: TEMP_PREFIX,
    };
    write_atomically(output, &text.chunks, &options).map_err(|e| (2, e.to_string()))?;
    let _ = writeln!(
        out,
        "{}: {} events, {} sources ({} texts in files beside it)",
        output.display(),
        dataset.events.len(),
        dataset.sources.len(),
        planned.len()
    );
    if error_count > 0 {
        let _ = writeln!(
            err,
            "claimline convert: {} had {error_count} error(s); `claimline check {}` lists them",
            input.display(),
            output.display()
        );
    }
    Ok(())
}

/// True when both paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
