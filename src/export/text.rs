//! Text on a slide: lines wrapped to the room they have, baselines placed from the font's own
//! metrics (no `dominant-baseline`, which librsvg ignores), and text turned into paths so an SVG
//! carries its own letters into every program it is opened in.
//!
//! Widths come from [`crate::timeline::text::text_width_px`], the function the layout measures
//! labels with, so what the layout reserved is what the letters take.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use resvg::usvg;

use crate::timeline::text::text_width_px;

/// Height of capital letters in the label font (Ubuntu Light), in em.
fn cap_height_em() -> f64 {
    static CAP: OnceLock<f64> = OnceLock::new();
    *CAP.get_or_init(|| {
        ttf_parser::Face::parse(epaint_default_fonts::UBUNTU_LIGHT, 0)
            .ok()
            .and_then(|f| {
                let cap = f64::from(f.capital_height()?);
                Some(cap / f64::from(f.units_per_em().max(1)))
            })
            .filter(|c| *c > 0.3 && *c < 1.0)
            .unwrap_or(0.69)
    })
}

/// The baseline that centres capital letters of `size` on `middle`: what `dominant-baseline:
/// central` was asked to do, computed here so every program draws it the same.
pub fn baseline(middle: f64, size: f64) -> f64 {
    middle + cap_height_em() * size / 2.0
}

/// `text` broken at spaces into lines at most `width` wide at `size` (a word wider than a line is
/// broken between letters). At most `max_lines`; the last line of a longer text ends with "…".
pub fn wrap(text: &str, size: f64, width: f64, max_lines: usize) -> Vec<String> {
    let width = width.max(size);
    let fits = |s: &str| text_width_px(s, size) <= width;
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if fits(&candidate) {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word longer than a whole line: as many letters as fit, then the rest.
        let mut rest = word.to_owned();
        while !fits(&rest) {
            let mut head = String::new();
            for c in rest.chars() {
                head.push(c);
                if !fits(&head) {
                    head.pop();
                    break;
                }
            }
            if head.is_empty() {
                head = rest.chars().take(1).collect();
            }
            rest = rest.chars().skip(head.chars().count()).collect();
            lines.push(head);
        }
        line = rest;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > max_lines.max(1) {
        lines.truncate(max_lines.max(1));
        if let Some(last) = lines.last_mut() {
            while !last.is_empty() && !fits(&format!("{last} …")) {
                last.pop();
            }
            last.push_str(" …");
        }
    }
    lines
}

/// The outline of every `<text id="…">` of `svg`, as path data in the text's own coordinates,
/// laid out by usvg with the bundled fonts (the same shaping and fallback the PNG is drawn with).
pub fn outlines(svg: &str) -> Result<HashMap<String, String>, String> {
    let options = usvg::Options {
        fontdb: super::png::fonts(),
        font_family: "Ubuntu".to_owned(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
    let mut found = HashMap::new();
    collect(tree.root(), &mut found);
    Ok(found)
}

fn collect(group: &usvg::Group, found: &mut HashMap<String, String>) {
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => collect(g, found),
            usvg::Node::Text(text) if !text.id().is_empty() => {
                let mut d = String::new();
                path_data(text.flattened(), usvg::Transform::identity(), &mut d);
                found.insert(text.id().to_owned(), d);
            }
            _ => {}
        }
    }
}

/// Appends the path data of every path under `group`, transformed by `transform` and the groups'
/// own transforms.
fn path_data(group: &usvg::Group, transform: usvg::Transform, d: &mut String) {
    let transform = transform.pre_concat(group.transform());
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => path_data(g, transform, d),
            usvg::Node::Path(p) => {
                let data = p.data().clone().transform(transform);
                if let Some(data) = data {
                    write_path(&data, d);
                }
            }
            _ => {}
        }
    }
}

#[expect(
    clippy::many_single_char_names,
    reason = "path data: points and their coordinates"
)]
fn write_path(path: &usvg::tiny_skia_path::Path, d: &mut String) {
    use usvg::tiny_skia_path::PathSegment;
    let n = |v: f32| {
        // Two decimals: a hundredth of a pixel, even on a 4K slide drawn at three times the size.
        let r = (f64::from(v) * 100.0).round() / 100.0;
        if r == 0.0 { 0.0 } else { r }
    };
    for segment in path.segments() {
        let _ = match segment {
            PathSegment::MoveTo(p) => write!(d, "M{} {}", n(p.x), n(p.y)),
            PathSegment::LineTo(p) => write!(d, "L{} {}", n(p.x), n(p.y)),
            PathSegment::QuadTo(a, p) => {
                write!(d, "Q{} {} {} {}", n(a.x), n(a.y), n(p.x), n(p.y))
            }
            PathSegment::CubicTo(a, b, p) => write!(
                d,
                "C{} {} {} {} {} {}",
                n(a.x),
                n(a.y),
                n(b.x),
                n(b.y),
                n(p.x),
                n(p.y)
            ),
            PathSegment::Close => write!(d, "Z"),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_word_within_the_width_and_marks_a_cut() {
        let text = "Seed dataset · embedded seed dataset · sha256 1a2b3c4d · 1 Jan 2016 – 31 Dec \
                    2024 · filters: hidden lanes Elections, Context and US · Claimline 0.1.0";
        let lines = wrap(text, 12.0, 300.0, 10);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(lines.iter().all(|l| text_width_px(l, 12.0) <= 300.0));
        assert_eq!(lines.join(" "), text, "nothing is lost");
        let cut = wrap(text, 12.0, 300.0, 2);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…'), "{cut:?}");
        let long = wrap(&"x".repeat(500), 12.0, 100.0, 50);
        assert!(long.iter().all(|l| text_width_px(l, 12.0) <= 100.0));
        assert_eq!(long.concat().len(), 500);
    }

    #[test]
    fn text_becomes_paths_in_its_own_coordinates() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50"><text id="a" x="10" y="30" font-size="20" font-family="Ubuntu">Hi</text></svg>"#;
        let found = outlines(svg).unwrap();
        let d = found.get("a").unwrap();
        assert!(d.starts_with('M') && d.contains('Z'), "{d}");
        let numbers: Vec<f64> = d
            .split(|c: char| c.is_ascii_alphabetic() || c == ' ')
            .filter_map(|s| s.parse().ok())
            .collect();
        let xs = numbers.iter().step_by(2);
        assert!(xs.clone().all(|x| (9.0..40.0).contains(x)), "{d}");
    }
}
