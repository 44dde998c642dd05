//! A title cut to fit beside its mark: at a word where one is near, ending in "…".

/// Longest label, in characters, before it is cut with "…".
const LONGEST_CUT: usize = 34;
/// The cuts tried for a title, in characters, longest first ("…" included).
const CUTS: [usize; 3] = [LONGEST_CUT, 22, 14];

/// A title cut to fit beside a mark, as the layout first measures it.
pub fn label_text(title: &str) -> String {
    cut_title(title, LONGEST_CUT)
}

/// A title as labels try it: whole (up to the longest cut), then shorter cuts ending in "…".
pub fn label_cuts(title: &str) -> Vec<String> {
    let mut cuts: Vec<String> = Vec::new();
    for max in CUTS {
        let text = cut_title(title, max);
        if cuts.last() != Some(&text) {
            cuts.push(text);
        }
    }
    cuts
}

/// `title` cut to at most `max` characters, at a word boundary where one is near, with "…".
pub fn cut_title(title: &str, max: usize) -> String {
    let title = title.trim();
    if title.chars().count() <= max {
        return title.to_owned();
    }
    let cut: String = title.chars().take(max.saturating_sub(1)).collect();
    // Back to the last space when it keeps most of the cut, so words are not split.
    let cut = match cut.rfind(' ') {
        Some(i) if cut[..i].chars().count() * 3 >= max * 2 => cut[..i].to_owned(),
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([' ', ',', ';', ':', '—', '-']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_end_at_a_word_and_say_so() {
        assert_eq!(cut_title("Short", 14), "Short");
        let cut = cut_title("Navalny returns from Germany and is detained", 22);
        assert!(cut.ends_with('…') && cut.chars().count() <= 22, "{cut}");
        assert!(!cut.contains(" …"), "{cut}");
        assert_eq!(label_cuts("Short").len(), 1);
        assert_eq!(
            label_cuts("Navalny returns from Germany and is detained at the airport").len(),
            3
        );
    }
}
