use super::*;

fn quote(exact: &str) -> Quote {
    Quote {
        exact: exact.into(),
        prefix: None,
        suffix: None,
    }
}

/// The differing pieces as `(quote, passage)` strings.
fn pieces<'a>(q: &'a str, text: &'a str, n: &Nearest) -> Vec<(&'a str, &'a str)> {
    n.differences
        .iter()
        .map(|d| (&q[d.quote.clone()], &text[d.passage.clone()]))
        .collect()
}

const ARTICLE: &str = "The Kremlin spokesman said on Monday that Russia “has never \
    interfered” in elections. “It’s over,” he told reporters. Officials declined to comment \
    further on the report.";

#[test]
fn a_straight_apostrophe_finds_the_curly_one() {
    let q = "It's over,";
    let n = nearest_passage(ARTICLE, &quote(q)).unwrap();
    assert_eq!(&ARTICLE[n.range.clone()], "It’s over,");
    assert_eq!(n.distance, 1);
    assert_eq!(pieces(q, ARTICLE, &n), [("'", "’")]);
}

#[test]
fn a_missing_word_is_one_difference() {
    let q = "Officials declined to comment on the report.";
    let n = nearest_passage(ARTICLE, &quote(q)).unwrap();
    assert_eq!(
        &ARTICLE[n.range.clone()],
        "Officials declined to comment further on the report."
    );
    assert_eq!(n.distance, "further ".len());
    let pieces = pieces(q, ARTICLE, &n);
    assert_eq!(pieces.len(), 1, "{pieces:?}");
    assert_eq!(pieces[0].0, "");
    assert!(
        ["further ", " further"].contains(&pieces[0].1),
        "{pieces:?}"
    );
}

#[test]
fn an_extra_word_and_straight_quotes_are_marked_where_they_are() {
    let q = "Russia \"has never ever interfered\"";
    let n = nearest_passage(ARTICLE, &quote(q)).unwrap();
    assert_eq!(&ARTICLE[n.range.clone()], "Russia “has never interfered”");
    let pieces = pieces(q, ARTICLE, &n);
    assert_eq!(pieces.first(), Some(&("\"", "“")));
    assert_eq!(pieces.last(), Some(&("\"", "”")));
    assert!(
        pieces
            .iter()
            .any(|p| p.1.is_empty() && p.0.trim() == "ever"),
        "{pieces:?}"
    );
}

#[test]
fn words_found_verbatim_are_their_own_nearest_passage() {
    let q = "told reporters";
    let n = nearest_passage(ARTICLE, &quote(q)).unwrap();
    assert_eq!(&ARTICLE[n.range.clone()], q);
    assert_eq!(n.distance, 0);
    assert!(n.differences.is_empty());
}

#[test]
fn nothing_near_is_nothing() {
    assert_eq!(nearest_passage(ARTICLE, &quote("zzzz qqqq xxxx")), None);
    assert_eq!(nearest_passage(ARTICLE, &quote("")), None);
    assert_eq!(nearest_passage("", &quote("a")), None);
}

#[test]
fn the_context_picks_between_equally_near_passages() {
    let text = "First: it's late. Then: it's late. Last: it's late.";
    let mut q = quote("it’s late");
    q.prefix = Some("Then: ".into());
    let n = nearest_passage(text, &q).unwrap();
    assert_eq!(n.range.start, text.find("Then: ").unwrap() + "Then: ".len());
    q.prefix = None;
    let n = nearest_passage(text, &q).unwrap();
    assert_eq!(
        n.range.start,
        text.find("it's").unwrap(),
        "the first, without context"
    );
}

#[test]
fn a_quote_longer_than_a_machine_word_is_matched_across_blocks() {
    let sentence = "In its report the commission found that the vote count had been \
        altered in at least forty districts, and that observers had been kept out.";
    let text = format!("{} {sentence} {}", "filler ".repeat(50), "more ".repeat(50));
    let q = sentence
        .replace("forty", "fourty")
        .replace("had been kept", "were kept");
    let n = nearest_passage(&text, &quote(&q)).unwrap();
    assert_eq!(&text[n.range.clone()], sentence);
    let pieces = pieces(&q, &text, &n);
    assert!(pieces.iter().any(|p| p.0.contains('u')), "{pieces:?}");
    assert!(n.distance <= 12, "{}", n.distance);
}

/// The least edit distance of `pattern` against any passage of `text`, the slow way.
fn least_distance(text: &[char], pattern: &[char]) -> usize {
    let mut column: Vec<usize> = (0..=pattern.len()).collect();
    let mut least = pattern.len();
    for &t in text {
        let mut diagonal = 0; // the top row is free: a passage may start anywhere
        let mut next = vec![0; pattern.len() + 1];
        for (i, &p) in pattern.iter().enumerate() {
            next[i + 1] = (diagonal + usize::from(p != t))
                .min(column[i + 1] + 1)
                .min(next[i] + 1);
            diagonal = column[i + 1];
        }
        column = next;
        least = least.min(column[pattern.len()]);
    }
    least
}

/// The edit distance of two strings.
fn distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &x) in a.iter().enumerate() {
        let mut next = vec![i + 1; b.len() + 1];
        for (j, &y) in b.iter().enumerate() {
            next[j + 1] = (row[j] + usize::from(x != y))
                .min(row[j + 1] + 1)
                .min(next[j] + 1);
        }
        row = next;
    }
    row[b.len()]
}

#[test]
fn the_nearest_passage_is_as_near_as_any_and_its_differences_add_up() {
    // Random texts over a few letters (one of them curly), quotes cut from them and mangled:
    // short ones and ones spanning several 64-character blocks.
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut roll = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let letters = ['a', 'b', 'c', ' ', '’'];
    for round in 0..300 {
        let len = 50 + roll(400);
        let text: String = (0..len).map(|_| letters[roll(5)]).collect();
        let chars: Vec<char> = text.chars().collect();
        let from = roll(len - 10);
        let take = 3 + roll((len - from).min(if round % 3 == 0 { 200 } else { 40 }) - 2);
        let mut quote: Vec<char> = chars[from..from + take].to_vec();
        for _ in 0..roll(4) {
            let at = roll(quote.len());
            match roll(3) {
                0 => quote[at] = '\'',
                1 => {
                    quote.remove(at);
                }
                _ => quote.insert(at, 'x'),
            }
        }
        if quote.is_empty() {
            continue;
        }
        let exact: String = quote.iter().collect();
        let least = least_distance(&chars, &quote);
        match nearest_passage(&text, &super::tests::quote(&exact)) {
            None => assert!(least > quote.len() / 2, "{exact:?} in {text:?}: {least}"),
            Some(n) => {
                assert_eq!(n.distance, least, "{exact:?} in {text:?}");
                let passage: Vec<char> = text[n.range.clone()].chars().collect();
                assert_eq!(distance(&quote, &passage), least, "{exact:?} in {text:?}");
                let differing: usize = n
                    .differences
                    .iter()
                    .map(|d| {
                        let q = exact[d.quote.clone()].chars().count();
                        let p = text[d.passage.clone()].chars().count();
                        q.max(p)
                    })
                    .sum();
                assert!(differing >= least, "{n:?}");
            }
        }
    }
}

#[test]
fn a_long_quote_in_a_long_text_is_found_from_its_seeds() {
    // Text too long to compare whole with this quote: only around seeds.
    let mut text = String::new();
    for i in 0..40_000 {
        use std::fmt::Write as _;
        let _ = write!(text, "Line {i} of the transcript says nothing at all. ");
    }
    let at = text.len() / 2;
    let passage: String = text[at..].chars().take(3000).collect();
    let q = passage.replacen("says", "said", 3);
    assert!(text.len() * q.chars().count().div_ceil(64) > FULL_SCAN_BUDGET);
    let n = nearest_passage(&text, &quote(&q)).unwrap();
    assert_eq!(&text[n.range.clone()], passage);
    assert_eq!(n.distance, 6);
}
