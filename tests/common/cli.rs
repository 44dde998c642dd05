//! The one way the tests run the `claimline` binary: as a user would, from a folder, and read
//! what it printed.

use std::path::Path;
use std::process::{Command, Output};

/// The crate's folder, where `data/claims.json` and the test fixtures are.
pub fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `claimline ARGS` in the crate's folder.
pub fn claimline(args: &[&str]) -> Output {
    claimline_in(args, manifest())
}

/// Runs `claimline ARGS` in `dir`.
pub fn claimline_in(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimline"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run claimline")
}

/// Runs `claimline SUBCOMMAND ARGS` in the crate's folder.
fn subcommand(name: &str, args: &[&str]) -> Output {
    let all: Vec<&str> = std::iter::once(name).chain(args.iter().copied()).collect();
    claimline(&all)
}

/// Runs `claimline export ARGS` in the crate's folder.
pub fn export(args: &[&str]) -> Output {
    subcommand("export", args)
}

/// Runs `claimline list ARGS` in the crate's folder.
pub fn list(args: &[&str]) -> Output {
    subcommand("list", args)
}

/// Runs `claimline check ARGS` in the crate's folder.
pub fn check(args: &[&str]) -> Output {
    subcommand("check", args)
}

/// Printed bytes as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// What the run printed to standard error.
pub fn stderr(run: &Output) -> String {
    text(&run.stderr)
}

/// Fails the test, showing standard error, unless the run succeeded.
pub fn ok(run: &Output) {
    assert!(run.status.success(), "{}", stderr(run));
}

/// A copy of the seed dataset and its source texts in a fresh folder.
pub fn seed_copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let data = manifest().join("data");
    std::fs::create_dir(dir.path().join("sources")).expect("a sources folder");
    for entry in std::fs::read_dir(data.join("sources")).expect("the seed's sources") {
        let entry = entry.expect("a source file");
        std::fs::copy(
            entry.path(),
            dir.path().join("sources").join(entry.file_name()),
        )
        .expect("copy a source");
    }
    let path = dir.path().join("claims.json");
    std::fs::copy(data.join("claims.json"), &path).expect("copy the seed");
    (dir, path)
}
