//! The command line shared by the `claimline` and `claimline-cli` binaries: open the app, or
//! check, export, format, convert and generate datasets from the shell.

use std::io::{IsTerminal as _, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use crate::check::{self, OutputFormat};
use crate::model::visible_text::VisibleWriter;
use clap::{Parser, Subcommand};

/// Lay official claims against the record: a timeline where every quote is checked against its source.
#[derive(Parser)]
#[command(version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A dataset to open (default: the embedded seed dataset).
    file: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Check datasets: every finding as `path:line:col: error|warning: message [event id]`.
    ///
    /// Exits 0 when there are no errors, 1 when there are, 2 when a file cannot be read.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
        /// Print every finding (text output shows the first few of each kind, then a count).
        #[arg(long)]
        all_findings: bool,
        /// Print how long each stage of each load took (read, scan, parse, check) to stderr.
        #[arg(long)]
        timings: bool,
    },
    /// Export the timeline as PNG or SVG, with no display or GPU needed.
    ///
    /// Refuses to replace an existing file unless --force; writes through a temporary file, so a
    /// failed export leaves nothing behind.
    Export(Box<crate::export::command::ExportArgs>),
    /// Print the events the filters show, in time order: text, JSON or CSV, for scripts.
    ///
    /// Takes the same filters as `export`. Exits 0 (even when nothing matches), 1 when the
    /// dataset cannot be used, 2 on bad arguments.
    List(Box<crate::export::list::ListArgs>),
    /// Rewrite claimline/1 files in canonical form, in place (what a save writes).
    ///
    /// Two-space indentation, members in the format's order, events sorted by date then id.
    /// With --check nothing is written: each file that is not canonical is named, and the exit
    /// code is 1. Exits 2 when a file cannot be read or is not claimline/1 (see `convert`).
    Fmt(crate::save::command::FmtArgs),
    /// Convert any dataset Claimline reads (claimline/1, `TimelineJS` JSON, CSV) to a new
    /// claimline/1 file, with source texts written beside it in sources/.
    ///
    /// Refuses to replace OUTPUT, or a source text file holding other words, unless --force; never
    /// writes over the input.
    Convert(crate::save::command::ConvertArgs),
    /// Write a seeded synthetic dataset, to try Claimline (or a machine) at scale.
    Generate {
        /// How many events.
        #[arg(long, default_value_t = 100_000)]
        events: usize,
        /// The same seed gives the same file.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// What the events cite.
        #[arg(long, value_enum, default_value_t)]
        citations: crate::synthetic::Citations,
        /// Where to write the JSON (refuses to replace a file).
        #[arg(short, long)]
        output: PathBuf,
    },
}

/// The terminal rule, one for every command: nothing from a file may drive the terminal. Every
/// line to stderr, and every line to stdout when stdout is a terminal, goes through
/// [`VisibleWriter`], which shows an escape or a bidi override as `⟨U+001B⟩`. Output for people
/// (`check`'s and `list`'s text) is shown so wherever it goes; output for programs (`list --format
/// json`) writes such characters as JSON escapes, the same text to a reader; and CSV to a file or
/// a pipe is written as the file had it.
///
/// [`VisibleWriter`]: crate::model::visible_text::VisibleWriter
fn stdout_for_people(out: &mut dyn Write) -> Box<dyn Write + '_> {
    if std::io::stdout().is_terminal() {
        Box::new(VisibleWriter::new(out))
    } else {
        Box::new(out)
    }
}

/// Writes `message` and a newline to stderr, under the terminal rule ([`stdout_for_people`]).
fn say(message: std::fmt::Arguments<'_>) {
    let mut stderr = std::io::stderr();
    let mut err = VisibleWriter::new(&mut stderr);
    let _ = writeln!(err, "{message}");
}

/// SIGTERM, SIGINT or SIGHUP ends a command the way their default action does (exit status
/// 128 + the signal), but first removes the temporary file of a write under way: a killed export,
/// `fmt` or `convert` leaves no `.claimline-*` file behind. On Windows, Ctrl+C or Ctrl+Break in
/// the console does the same and exits as Windows ends a program on Ctrl+C
/// (`STATUS_CONTROL_C_EXIT`); a hard kill (`TerminateProcess`, like SIGKILL) leaves nothing to
/// catch.
fn remove_temporary_files_when_stopped() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP]) {
            std::thread::spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    crate::save::atomic::remove_temporary_files();
                    std::process::exit(128 + signal);
                }
            });
        }
    }
    #[cfg(windows)]
    {
        /// NTSTATUS 0xC000013A, the exit code of a console program ended by Ctrl+C.
        const STATUS_CONTROL_C_EXIT: i32 = 0xC000_013A_u32.cast_signed();
        let _ = ctrlc::set_handler(|| {
            crate::save::atomic::remove_temporary_files();
            std::process::exit(STATUS_CONTROL_C_EXIT);
        });
    }
}

/// Parses the command line and runs what it asks for; both binaries are this function, so the
/// console build on Windows (`claimline-cli`) can never drift from the windowed one.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.command.is_some() {
        remove_temporary_files_when_stopped();
    }
    match cli.command {
        Some(Command::Check {
            files,
            format,
            all_findings,
            timings,
        }) => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let options = check::CheckOptions {
                format,
                all_findings,
                timings,
            };
            match check::run(&files, options, &mut out).and_then(|code| {
                out.flush()?;
                Ok(code)
            }) {
                Ok(code) => ExitCode::from(code),
                // `claimline check … | head`: the reader has all it wants.
                Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(error) => {
                    say(format_args!("claimline: {error}"));
                    ExitCode::from(2)
                }
            }
        }
        Some(Command::Export(args)) => {
            let mut stderr = std::io::stderr();
            let code = crate::export::command::run(&args, &mut VisibleWriter::new(&mut stderr));
            ExitCode::from(code)
        }
        Some(Command::List(args)) => {
            let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
            let mut stderr = std::io::stderr();
            let code = crate::export::list::run(
                &args,
                &mut stdout_for_people(&mut stdout),
                &mut VisibleWriter::new(&mut stderr),
            );
            ExitCode::from(code)
        }
        Some(Command::Fmt(args)) => {
            let mut out = std::io::stdout().lock();
            ExitCode::from(crate::save::command::run_fmt(
                &args,
                &mut out,
                &mut std::io::stderr(),
            ))
        }
        Some(Command::Convert(args)) => {
            let mut out = std::io::stdout().lock();
            ExitCode::from(crate::save::command::run_convert(
                &args,
                &mut out,
                &mut std::io::stderr(),
            ))
        }
        Some(Command::Generate {
            events,
            seed,
            citations,
            output,
        }) => match generate(events, seed, citations, &output) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                say(format_args!("claimline: {}: {error}", output.display()));
                ExitCode::from(2)
            }
        },
        None => match crate::app::run(cli.file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                say(format_args!("claimline: could not open a window: {error}"));
                ExitCode::from(2)
            }
        },
    }
}

fn generate(
    events: usize,
    seed: u64,
    citations: crate::synthetic::Citations,
    output: &std::path::Path,
) -> std::io::Result<()> {
    let dataset = crate::synthetic::dataset(events, seed, citations);
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(output)?;
    let mut out = std::io::BufWriter::new(file);
    serde_json::to_writer(&mut out, &dataset).map_err(std::io::Error::other)?;
    std::io::Write::flush(&mut out)
}
