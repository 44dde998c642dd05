//! Ids made from titles: `Peskov to RT: “never”` becomes `peskov-to-rt-never`.
//!
//! An id is made once, when its event, source, lane or actor is created, and never changes after:
//! relations, citations and other files refer to it, so a title edited later keeps its old id.

/// The longest slug made from a title, in characters: long enough to tell events apart, short
/// enough to read in a relation.
const MAX_SLUG_CHARS: usize = 48;

/// A lower-case id from `title`: letters and digits kept (accents taken off common Latin letters),
/// every other run of characters one `-`, cut at a word boundary; `fallback` when nothing is left.
pub fn slug(title: &str, fallback: &str) -> String {
    let mut slug = String::with_capacity(title.len().min(MAX_SLUG_CHARS * 2));
    let mut chars = 0;
    let mut gap = false;
    for c in title.chars().flat_map(char::to_lowercase) {
        let c = plain_latin(c).unwrap_or(c);
        if c.is_alphanumeric() {
            if gap && !slug.is_empty() {
                if chars + 1 >= MAX_SLUG_CHARS {
                    break;
                }
                slug.push('-');
                chars += 1;
            }
            gap = false;
            if chars >= MAX_SLUG_CHARS {
                // A word cut in the middle: back to the last boundary, if there is one.
                if let Some(cut) = slug.rfind('-') {
                    slug.truncate(cut);
                }
                break;
            }
            slug.push(c);
            chars += 1;
        } else {
            gap = true;
        }
    }
    if slug.is_empty() {
        fallback.to_owned()
    } else {
        slug
    }
}

/// `base`, or `base-2`, `base-3` … : the first that `taken` does not already hold.
pub fn unique_id(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_owned();
    }
    (2..u64::MAX)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or_else(|| base.to_owned())
}

/// The unaccented letter for a common accented Latin one (`é` → `e`), so French, German, Spanish
/// and Polish titles make readable ASCII ids. Other scripts are kept as they are.
fn plain_latin(c: char) -> Option<char> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' | 'ă' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
        'ğ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
        'ł' | 'ľ' => 'l',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'š' | 'ş' | 'ș' | 'ß' => 's',
        'ť' | 'ţ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_becomes_words_joined_by_hyphens() {
        assert_eq!(
            slug("Peskov to RT: “Russia never interferes”", "event"),
            "peskov-to-rt-russia-never-interferes"
        );
        assert_eq!(
            slug("  Élection présidentielle 2017 ", "event"),
            "election-presidentielle-2017"
        );
        assert_eq!(slug("Выборы 2024", "event"), "выборы-2024");
        assert_eq!(slug("It’s over.", "event"), "it-s-over");
    }

    #[test]
    fn a_title_of_no_words_takes_the_fallback() {
        assert_eq!(slug("", "event"), "event");
        assert_eq!(slug(" — … ", "source"), "source");
    }

    #[test]
    fn a_long_title_is_cut_at_a_word_boundary() {
        let title = "The commission found that the election was neither free nor fair and said so";
        let id = slug(title, "event");
        assert!(id.chars().count() <= MAX_SLUG_CHARS, "{id}");
        assert!(
            title.to_lowercase().replace(' ', "-").starts_with(&id),
            "{id}"
        );
        assert!(!id.ends_with('-'));
        let one_word = "a".repeat(200);
        assert_eq!(slug(&one_word, "event").len(), MAX_SLUG_CHARS);
    }

    #[test]
    fn an_id_already_taken_gets_the_next_free_number() {
        let taken = ["denial", "denial-2", "denial-4"];
        let is_taken = |id: &str| taken.contains(&id);
        assert_eq!(unique_id("denial", is_taken), "denial-3");
        assert_eq!(unique_id("report", is_taken), "report");
    }
}
