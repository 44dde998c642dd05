//! `claimline-cli` (the console build Windows needs, see src/main.rs) is the same command line as
//! `claimline`: same version, same output, same exit codes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot unwrap has failed"
)]

use std::process::{Command, Output};

fn run(binary: &str, args: &[&str]) -> Output {
    Command::new(binary)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run the binary")
}

const BINARIES: [&str; 2] = [
    env!("CARGO_BIN_EXE_claimline"),
    env!("CARGO_BIN_EXE_claimline-cli"),
];

#[test]
fn both_binaries_print_the_same_version() {
    let [gui, cli] = BINARIES.map(|b| run(b, &["--version"]));
    assert!(gui.status.success() && cli.status.success());
    assert_eq!(gui.stdout, cli.stdout);
    assert_eq!(
        String::from_utf8(cli.stdout).unwrap().trim(),
        format!("claimline {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn both_binaries_check_alike_with_the_same_exit_codes() {
    for args in [
        &["check", "data/claims.json"][..],
        &["check", "tests/malformed/29-impossible-date.json"],
        &["check", "no/such/file.json"],
    ] {
        let [gui, cli] = BINARIES.map(|b| run(b, args));
        assert_eq!(gui.status.code(), cli.status.code(), "{args:?}");
        assert_eq!(gui.stdout, cli.stdout, "{args:?}");
    }
    assert_eq!(
        run(BINARIES[1], &["check", "data/claims.json"])
            .status
            .code(),
        Some(0)
    );
}
