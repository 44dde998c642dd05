use super::*;

const TEXT: &str = "Peskov said Russia “has never interfered”. Later, Peskov said Russia \
                    “has never interfered” again. It’s over.";

#[test]
fn each_event_gets_back_its_own_matches_after_lists_are_joined() {
    let found = QuoteMatch::Found { start: 1, end: 2 };
    let first: QuoteMatches = [vec![found], vec![]].into_iter().collect();
    let second: QuoteMatches = [vec![QuoteMatch::NotFound, found]].into_iter().collect();
    let mut all = QuoteMatches::default();
    all.append(first);
    all.append(second);
    assert_eq!(all.events(), 3);
    assert_eq!(all.of(0), [found]);
    assert_eq!(all.of(1), []);
    assert_eq!(all.of(2), [QuoteMatch::NotFound, found]);
    assert_eq!(all.of(3), [], "past the last event");
    assert_eq!(all.all().count(), 3);
    assert_eq!(QuoteMatches::default().events(), 0);
}

#[test]
fn an_event_is_set_inserted_and_removed_as_in_a_list_of_lists() {
    let m = |n: usize| QuoteMatch::Found {
        start: n,
        end: n + 1,
    };
    let mut model: Vec<Vec<QuoteMatch>> = vec![vec![m(0)], vec![], vec![m(2), m(3)]];
    let mut first: QuoteMatches = model[..2].iter().cloned().collect();
    first.append(model[2..].iter().cloned().collect());
    let mut all = first;
    let same = |all: &QuoteMatches, model: &[Vec<QuoteMatch>]| {
        assert_eq!(all.events(), model.len());
        for (e, matches) in model.iter().enumerate() {
            assert_eq!(all.of(e), &matches[..], "event {e}");
        }
        assert_eq!(all.all().count(), model.iter().map(Vec::len).sum::<usize>());
    };
    let steps: [(&str, usize, Vec<QuoteMatch>); 9] = [
        ("set", 1, vec![m(7), m(8)]),
        ("set", 2, vec![]),
        ("insert", 0, vec![m(9)]),
        ("insert", 2, vec![]),
        ("insert", 5, vec![m(5)]),
        ("remove", 0, vec![]),
        ("remove", 3, vec![]),
        ("remove", 3, vec![]),
        ("set", 0, vec![QuoteMatch::NotFound]),
    ];
    for (what, e, matches) in steps {
        match what {
            "set" => {
                all.set_event(e, &matches);
                model[e] = matches;
            }
            "insert" => {
                all.insert_event(e, &matches);
                model.insert(e, matches);
            }
            _ => {
                all.remove_event(e);
                model.remove(e);
            }
        }
        same(&all, &model);
    }
    while !model.is_empty() {
        all.remove_event(0);
        model.remove(0);
        same(&all, &model);
    }
    all.insert_event(0, &[m(1)]);
    assert_eq!(all.of(0), [m(1)]);
}

fn q(exact: &str, prefix: Option<&str>, suffix: Option<&str>) -> Quote {
    Quote {
        exact: exact.into(),
        prefix: prefix.map(Into::into),
        suffix: suffix.map(Into::into),
    }
}

#[test]
fn a_unique_quote_is_found_at_its_place() {
    let m = locate_quote(TEXT, &q("It’s over.", None, None));
    let range = m.range().unwrap();
    assert_eq!(&TEXT[range], "It’s over.");
    assert!(matches!(m, QuoteMatch::Found { .. }));
}

#[test]
fn a_repeated_quote_without_context_is_ambiguous() {
    let m = locate_quote(TEXT, &q("“has never interfered”", None, None));
    assert!(matches!(m, QuoteMatch::Ambiguous { count: 2, .. }), "{m:?}");
    assert!(m.is_verified());
}

#[test]
fn prefix_or_suffix_picks_one_occurrence() {
    let second = locate_quote(
        TEXT,
        &q(
            "“has never interfered”",
            Some("Later, Peskov said Russia "),
            None,
        ),
    );
    let by_suffix = locate_quote(TEXT, &q("“has never interfered”", None, Some(" again")));
    assert_eq!(second, by_suffix);
    let first = locate_quote(TEXT, &q("“has never interfered”", None, Some(".")));
    match (first, second) {
        (QuoteMatch::Found { start: a, .. }, QuoteMatch::Found { start: b, .. }) => {
            assert!(a < b);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn context_that_fits_no_occurrence_is_reported() {
    let m = locate_quote(
        TEXT,
        &q("“has never interfered”", Some("Putin said "), None),
    );
    assert_eq!(m, QuoteMatch::ContextMismatch { occurrences: 2 });
    assert!(!m.is_verified());
}

#[test]
fn absent_words_are_not_found() {
    assert_eq!(
        locate_quote(TEXT, &q("has always interfered", None, None)),
        QuoteMatch::NotFound
    );
    assert_eq!(locate_quote(TEXT, &q("", None, None)), QuoteMatch::NotFound);
}

#[test]
fn whitespace_differences_are_rejected() {
    assert_eq!(
        locate_quote(TEXT, &q("Peskov  said", None, None)),
        QuoteMatch::NotFound
    );
    assert_eq!(
        locate_quote(TEXT, &q("Peskov\nsaid", None, None)),
        QuoteMatch::NotFound
    );
    assert_eq!(
        locate_quote(TEXT, &q(" It’s over. ", None, None)),
        QuoteMatch::NotFound
    );
}

#[test]
fn look_alike_characters_are_rejected() {
    assert_eq!(
        locate_quote(TEXT, &q("It's over.", None, None)),
        QuoteMatch::NotFound
    );
    assert_eq!(
        locate_quote(TEXT, &q("\"has never interfered\"", None, None)),
        QuoteMatch::NotFound
    );
    assert_eq!(
        locate_quote(TEXT, &q("peskov said", None, None)),
        QuoteMatch::NotFound
    );
}

#[test]
fn many_quotes_are_located_as_each_alone() {
    let quotes = [
        q("“has never interfered”", None, None),
        q(
            "“has never interfered”",
            Some("Later, Peskov said Russia "),
            None,
        ),
        q("“has never interfered”", Some("Putin said "), None),
        q("It’s over.", None, None),
        q("nowhere", None, None),
        q("", None, None),
    ];
    let refs: Vec<&Quote> = quotes.iter().collect();
    let together = locate_quotes(TEXT, &refs);
    let alone: Vec<QuoteMatch> = quotes.iter().map(|q| locate_quote(TEXT, q)).collect();
    assert_eq!(together, alone);
    assert!(matches!(
        together[0],
        QuoteMatch::Ambiguous { count: 2, .. }
    ));
    assert!(matches!(together[1], QuoteMatch::Found { .. }));
    assert_eq!(together[2], QuoteMatch::ContextMismatch { occurrences: 2 });
    assert_eq!(together[4], QuoteMatch::NotFound);
    assert_eq!(together[5], QuoteMatch::NotFound);
}

#[test]
fn a_long_run_of_one_letter_is_counted_in_linear_time() {
    // 100,001 overlapping occurrences; the old search compared ~10¹⁰ characters here.
    let text = "a".repeat(200_000);
    let quote = q(&"a".repeat(100_000), None, None);
    let found = locate_quote(&text, &quote);
    assert_eq!(
        found,
        QuoteMatch::Ambiguous {
            start: 0,
            end: 100_000,
            count: 100_001
        }
    );
}

#[test]
fn many_quotes_in_one_pass_agree_with_one_pass_each() {
    let text = "abcabcab ".repeat(50);
    let owned: Vec<Quote> = (0..40)
        .map(|i| q(&text[i..i + 3 + i % 7], None, None))
        .collect();
    let refs: Vec<&Quote> = owned.iter().collect();
    let shared = locate_quotes(&text, &refs);
    for (quote, together) in owned.iter().zip(shared) {
        assert_eq!(locate_quotes(&text, &[quote]), vec![together]);
    }
}

#[test]
fn nested_overlapping_quotes_are_counted_in_linear_time() {
    // Quotes of 1 to 1,000 `a`s in 400,000 `a`s occur 400 million times together: visiting
    // each took 93 s on an 8.5 MB file like this one. Counting by states is linear.
    let text = "a".repeat(400_000);
    let owned: Vec<Quote> = (1..=1000).map(|k| q(&"a".repeat(k), None, None)).collect();
    let refs: Vec<&Quote> = owned.iter().collect();
    let start = std::time::Instant::now();
    let found = locate_quotes(&text, &refs);
    assert!(
        start.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(
        found[999],
        QuoteMatch::Ambiguous {
            start: 0,
            end: 1000,
            count: 400_000 - 1000 + 1
        }
    );
}

#[test]
fn nested_overlapping_quotes_agree_with_each_alone() {
    // Six million occurrences together: past the budget, so counted by states.
    let text = "a".repeat(20_000);
    let owned: Vec<Quote> = (1..=300).map(|k| q(&"a".repeat(k), None, None)).collect();
    let refs: Vec<&Quote> = owned.iter().collect();
    let together = locate_quotes(&text, &refs);
    for (k, found) in (1..=300).zip(&together) {
        assert_eq!(
            *found,
            QuoteMatch::Ambiguous {
                start: 0,
                end: k,
                count: 20_000 - k + 1
            }
        );
    }
}

#[test]
fn counting_by_states_agrees_with_visiting_every_occurrence() {
    let text = "abcabcab abxabcabc ".repeat(30);
    let patterns: Vec<String> = ["abc", "bca", "cab", "b", "abcab", "x", "zz", "c ab", " "]
        .iter()
        .map(|p| (*p).to_owned())
        .collect();
    let by_states = count_by_states(text.as_bytes(), &patterns, &|| false);
    for (pattern, seen) in patterns.iter().zip(by_states) {
        let mut count = 0;
        let mut first = None;
        each_occurrence(text.as_bytes(), pattern.as_bytes(), |at| {
            count += 1;
            first.get_or_insert(at);
        });
        assert_eq!(seen.count, count, "{pattern:?}");
        if count > 0 {
            assert_eq!(Some(seen.first), first, "{pattern:?}");
        }
    }
}

#[test]
fn a_search_asked_to_stop_gives_up() {
    let text = "a".repeat(50_000);
    let owned: Vec<Quote> = (1..=40).map(|k| q(&"a".repeat(k), None, None)).collect();
    let refs: Vec<&Quote> = owned.iter().collect();
    let found = locate_quotes_until(&text, &refs, &|| true);
    assert!(found.iter().all(|m| *m == QuoteMatch::NotFound));
}

#[test]
fn overlapping_occurrences_count() {
    assert!(matches!(
        locate_quote("aaa", &q("aa", None, None)),
        QuoteMatch::Ambiguous { count: 2, .. }
    ));
}

#[test]
fn a_quote_that_carries_its_own_marks_is_not_marked_twice() {
    assert_eq!(in_quotation_marks("We never"), "“We never”");
    assert_eq!(in_quotation_marks("\"We never"), "\"We never”");
    assert_eq!(
        in_quotation_marks("“We never,” he said"),
        "“We never,” he said”"
    );
    assert_eq!(in_quotation_marks("said: «non»"), "“said: «non»");
}
