//! The layers run one way (ARCHITECTURE.md): no file imports from a layer above its own, and no
//! two files import each other, directly or round a circle. Read from the sources, so a `use` that
//! breaks either rule fails here, naming the files.

#![allow(
    clippy::unwrap_used,
    clippy::items_after_statements,
    reason = "a test that cannot unwrap has failed; the circle search is written where it is used"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module's layer, lowest first. A file may use its own layer and those below.
const LAYERS: [(&str, u8); 14] = [
    ("model", 0),
    ("seed", 0),
    ("folder", 0),
    ("synthetic", 1),
    ("load", 1),
    ("timeline", 2),
    ("document", 3),
    ("edit", 4),
    ("save", 3),
    ("export", 4),
    ("check", 4),
    ("icon", 5),
    ("app", 5),
    ("cli", 6),
];

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// Every `.rs` file under `src/`, but the binaries' entry points (they sit on top of everything).
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "bin") {
                sources(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A file's module path from `src/`: `src/timeline/labels.rs` → `["timeline", "labels"]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if parts
        .last()
        .is_some_and(|p| p == "mod" || p == "lib" || p == "main")
    {
        parts.pop();
    }
    parts
}

/// The code of a file without its tests (a test may use anything).
fn code(file: &Path) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    text.split("#[cfg(test)]")
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// The module paths a file names: `crate::a::b` and `super::b` (resolved), as far as they go.
fn references(module: &[String], text: &str) -> Vec<Vec<String>> {
    // `super` of module `a::b` (`a/b.rs` or `a/b/mod.rs`) is `a`.
    let parent = module
        .get(..module.len().saturating_sub(1))
        .unwrap_or_default()
        .to_vec();
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        for (prefix, base) in [("crate::", Vec::new()), ("super::", parent.clone())] {
            let mut rest = line;
            while let Some(at) = rest.find(prefix) {
                let before = rest[..at].chars().last();
                rest = &rest[at + prefix.len()..];
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                    continue;
                }
                let mut path = base.clone();
                for segment in rest.split("::") {
                    let name: String = segment
                        .chars()
                        .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                        .collect();
                    if name.is_empty() || name.len() != segment.len() && !segment.starts_with(&name)
                    {
                        break;
                    }
                    path.push(name.clone());
                    if name.len() != segment.len() {
                        break;
                    }
                }
                out.push(path);
            }
        }
    }
    out
}

#[test]
fn no_layer_imports_from_a_layer_above_and_no_files_import_each_other() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let modules: BTreeMap<Vec<String>, PathBuf> = files
        .iter()
        .map(|f| (module_of(&src, f), f.clone()))
        .collect();
    let mut backward = Vec::new();
    let mut graph: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (module, file) in &modules {
        let Some(top) = module.first() else { continue };
        let is_mod = file.file_name().is_some_and(|n| n == "mod.rs");
        for path in references(module, &code(file)) {
            let Some(target_top) = path.first() else {
                continue;
            };
            if let (Some(mine), Some(theirs)) = (layer(top), layer(target_top))
                && theirs > mine
            {
                backward.push(format!(
                    "{} uses {} (layer {theirs} above {mine})",
                    file.strip_prefix(&src).unwrap().display(),
                    path.join("::")
                ));
            }
            // The longest prefix that is a file of its own is the file depended on.
            let target = (1..=path.len())
                .rev()
                .map(|n| path[..n].to_vec())
                .find(|p| modules.contains_key(p));
            if let Some(target) = target
                && target != *module
                // A module's own `mod.rs` re-exports its children: not a dependency on them.
                && !(target.starts_with(module) && is_mod)
                && !module.starts_with(&target)
            {
                graph.entry(module.clone()).or_default().insert(target);
            }
        }
    }
    assert!(
        backward.is_empty(),
        "backward imports:\n{}",
        backward.join("\n")
    );

    // Circles: a depth-first search that meets a file still on its path.
    let mut circles: BTreeSet<Vec<String>> = BTreeSet::new();
    fn walk(
        node: &Vec<String>,
        graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        path: &mut Vec<Vec<String>>,
        done: &mut BTreeSet<Vec<String>>,
        circles: &mut BTreeSet<Vec<String>>,
    ) {
        if let Some(at) = path.iter().position(|p| p == node) {
            let mut circle: Vec<String> = path[at..].iter().map(|p| p.join("::")).collect();
            let min = circle
                .iter()
                .enumerate()
                .min_by_key(|(_, m)| (*m).clone())
                .map(|(i, _)| i);
            circle.rotate_left(min.unwrap_or(0));
            circles.insert(circle);
            return;
        }
        if done.contains(node) {
            return;
        }
        path.push(node.clone());
        for next in graph.get(node).into_iter().flatten() {
            walk(next, graph, path, done, circles);
        }
        path.pop();
        done.insert(node.clone());
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        walk(node, &graph, &mut Vec::new(), &mut done, &mut circles);
    }
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles
            .iter()
            .map(|c| c.join(" → "))
            .collect::<Vec<_>>()
            .join("\n")
    );
}
