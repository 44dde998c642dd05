//! The `claimline` command: open the app, or check datasets from the shell.
//!
//! On Windows a program is either a console or a windowed ("GUI subsystem") program, fixed when it
//! is linked. A console one opens a console window when double-clicked from the Start menu or a
//! file association; a windowed one started from a terminal gets no stdout or stderr, and cmd.exe
//! and PowerShell do not wait for it, so its exit code is lost. `AttachConsole` at start-up brings
//! the printing back but not the waiting (the prompt returns before the output), and would need
//! `unsafe`. So Windows gets two builds of the same [`claimline::cli::main`]: this one, windowed in
//! release builds (the installed app, the file associations), and `claimline-cli` (src/bin), a
//! console program for `check`, `export` and `generate` in terminals and scripts. Debug builds stay
//! console programs so `cargo run -- check` prints while developing. Elsewhere the subsystem does
//! not exist and the two binaries behave the same.

#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

/// mimalloc, not the system allocator: glibc grows each thread's arena a few pages at a time (an
/// `mprotect` each) and loading a million events on two threads spent a fifth of its time in
/// `malloc`, `free` and those calls.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    claimline::cli::main()
}
