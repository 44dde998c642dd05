//! `claimline-cli`: the same command line as `claimline`, always built as a console program.
//!
//! It exists for Windows, where the installed `claimline.exe` is a windowed program (no console
//! window when opened from Explorer) and so cannot print or hand its exit code to a terminal; see
//! `src/main.rs`. On Linux and macOS it is identical to `claimline`, so scripts can call one name on
//! every system.

/// The same allocator as `claimline`, for the same reason (see `src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    claimline::cli::main()
}
