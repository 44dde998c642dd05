//! The `claimline` command: open the app, or check datasets from the shell.

use std::path::PathBuf;
use std::process::ExitCode;

use claimline::check::{self, OutputFormat};
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
    },
    /// Export the timeline as PNG or SVG, with no display or GPU needed.
    ///
    /// Refuses to replace an existing file unless --force; writes through a temporary file, so a
    /// failed export leaves nothing behind.
    Export(claimline::export::command::ExportArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check { files, format }) => {
            let mut out = std::io::stdout().lock();
            match check::run(&files, format, &mut out) {
                Ok(code) => ExitCode::from(code),
                Err(error) => {
                    eprintln!("claimline: {error}");
                    ExitCode::from(2)
                }
            }
        }
        Some(Command::Export(args)) => ExitCode::from(claimline::export::command::run(
            &args,
            &mut std::io::stderr(),
        )),
        None => match claimline::app::run(cli.file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("claimline: could not open a window: {error}");
                ExitCode::from(2)
            }
        },
    }
}
