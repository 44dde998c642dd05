//! Where Claimline keeps its things on Windows (issue 27), checked under Wine by .ci/windows-tests
//! and on GitHub's Windows runner by `cargo test`: the window's settings (eframe's storage) and
//! crash reports go in the user's roaming application data, `%APPDATA%\claimline\data`, which
//! the installer's uninstaller leaves in place.
#![cfg(windows)]

use std::path::PathBuf;

#[test]
fn settings_and_crash_reports_are_kept_under_appdata() {
    let appdata = PathBuf::from(std::env::var_os("APPDATA").expect("Windows sets %APPDATA%"));
    let folder = claimline::app::crash_report::folder().expect("a settings folder on Windows");
    assert_eq!(folder, appdata.join("claimline").join("data"));
}
