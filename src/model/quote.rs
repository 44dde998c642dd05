//! Finding a quote in its source, verbatim.
//!
//! This is the check the product stands on, so it is deliberately strict: the exact characters, the
//! exact whitespace, no case folding, no Unicode normalisation, no fuzzy look-alike. A quote that
//! differs from its source by one curly apostrophe is not found, and is shown as not found.

use super::Quote;

/// Where a quote sits in its source text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteMatch {
    /// Exactly one occurrence fits the quote and its prefix/suffix; byte range into the text.
    Found { start: usize, end: usize },
    /// Several occurrences fit and nothing picks one; the first is used for display.
    Ambiguous {
        start: usize,
        end: usize,
        count: usize,
    },
    /// `exact` occurs, but never with the given prefix/suffix around it.
    ContextMismatch { occurrences: usize },
    /// `exact` does not occur in the text (or is empty).
    NotFound,
}

impl QuoteMatch {
    /// The byte range to highlight, when there is one.
    pub fn range(self) -> Option<std::ops::Range<usize>> {
        match self {
            Self::Found { start, end } | Self::Ambiguous { start, end, .. } => Some(start..end),
            Self::ContextMismatch { .. } | Self::NotFound => None,
        }
    }

    /// True when the words are in the source (found, or found more than once).
    pub fn is_verified(self) -> bool {
        self.range().is_some()
    }
}

/// The match of every citation of a dataset, event after event: a few long lists, not a list per
/// event, so a million events hold a few hundred allocations instead of a million.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuoteMatches {
    /// Runs of consecutive events, in order; validation makes one per chunk of events it checks,
    /// and joining them moves no match.
    parts: Vec<Part>,
    /// The first event of each part.
    part_starts: Vec<usize>,
    events: usize,
}

/// The matches of a run of consecutive events.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Part {
    matches: Vec<QuoteMatch>,
    /// Where each event's matches begin in `matches`, plus the end.
    starts: Vec<u32>,
}

impl QuoteMatches {
    /// Adds the next event's matches, in citation order.
    pub fn push_event(&mut self, matches: impl IntoIterator<Item = QuoteMatch>) {
        if self.parts.is_empty() {
            self.parts.push(Part {
                matches: Vec::new(),
                starts: vec![0],
            });
            self.part_starts.push(self.events);
        }
        if let Some(part) = self.parts.last_mut() {
            part.matches.extend(matches);
            // A part holds at most a chunk of events of at most `MAX_ITEMS_PER_EVENT` citations.
            part.starts
                .push(u32::try_from(part.matches.len()).unwrap_or(u32::MAX));
        }
        self.events += 1;
    }

    /// Adds every event of `other` after this list's events.
    pub fn append(&mut self, other: Self) {
        for (part, start) in other.parts.into_iter().zip(other.part_starts) {
            self.part_starts.push(self.events + start);
            self.parts.push(part);
        }
        self.events += other.events;
    }

    /// The matches of `event`'s citations, in citation order; none for an event not in the list.
    pub fn of(&self, event: usize) -> &[QuoteMatch] {
        let p = self.part_starts.partition_point(|&s| s <= event);
        let (Some(part), Some(&first)) = (
            self.parts.get(p.wrapping_sub(1)),
            self.part_starts.get(p.wrapping_sub(1)),
        ) else {
            return &[];
        };
        let i = event - first;
        match (part.starts.get(i), part.starts.get(i + 1)) {
            (Some(&lo), Some(&hi)) => part.matches.get(lo as usize..hi as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Every citation's match, event after event.
    pub fn all(&self) -> impl Iterator<Item = QuoteMatch> + '_ {
        self.parts.iter().flat_map(|p| p.matches.iter().copied())
    }

    /// Quotes found verbatim, and quotes not found, among the citations of `events` (the events
    /// these matches are of). A citation without words (a media link) is neither: it has nothing
    /// to find. The one rule for counting quotes, in `check`'s summary and the window's.
    pub fn counts(&self, events: &[std::sync::Arc<super::Event>]) -> (usize, usize) {
        events
            .iter()
            .enumerate()
            .map(|(e, event)| self.counts_of(e, event))
            .fold((0, 0), |(found, missing), (f, m)| (found + f, missing + m))
    }

    /// [`Self::counts`] of one event, number `e`.
    pub fn counts_of(&self, e: usize, event: &super::Event) -> (usize, usize) {
        let claimed = event
            .citations
            .iter()
            .zip(self.of(e))
            .filter(|(c, _)| !c.quote.exact.is_empty())
            .map(|(_, q)| q);
        claimed.fold((0, 0), |(found, missing), q| {
            if q.is_verified() {
                (found + 1, missing)
            } else {
                (found, missing + 1)
            }
        })
    }

    /// How many events the list holds.
    pub fn events(&self) -> usize {
        self.events
    }

    /// Replaces the matches of `event` (an edit changed its citations or their sources). Only the
    /// part holding it moves; an event past the end is left alone.
    pub fn set_event(&mut self, event: usize, matches: &[QuoteMatch]) {
        if let Some((part, i)) = self.part_of(event) {
            part.replace(i, matches);
        }
    }

    /// Inserts `event` with `matches` before the event now at that place (or after the last), so
    /// every later event moves one up.
    pub fn insert_event(&mut self, event: usize, matches: &[QuoteMatch]) {
        if event >= self.events {
            self.push_event(matches.iter().copied());
            return;
        }
        let p = self
            .part_starts
            .partition_point(|&s| s <= event)
            .wrapping_sub(1);
        if let (Some(part), Some(&first)) = (self.parts.get_mut(p), self.part_starts.get(p)) {
            part.insert(event - first, matches);
            for start in self.part_starts.iter_mut().skip(p + 1) {
                *start += 1;
            }
            self.events += 1;
        }
    }

    /// Removes `event`, so every later event moves one down.
    pub fn remove_event(&mut self, event: usize) {
        let p = self
            .part_starts
            .partition_point(|&s| s <= event)
            .wrapping_sub(1);
        let (Some(part), Some(&first)) = (self.parts.get_mut(p), self.part_starts.get(p)) else {
            return;
        };
        if event - first >= part.len() {
            return;
        }
        part.remove(event - first);
        for start in self.part_starts.iter_mut().skip(p + 1) {
            *start -= 1;
        }
        self.events -= 1;
        if part.len() == 0 && self.parts.len() > 1 {
            self.parts.remove(p);
            self.part_starts.remove(p);
        }
    }

    /// The part holding `event` and the event's place in it.
    fn part_of(&mut self, event: usize) -> Option<(&mut Part, usize)> {
        let p = self
            .part_starts
            .partition_point(|&s| s <= event)
            .wrapping_sub(1);
        let first = *self.part_starts.get(p)?;
        let part = self.parts.get_mut(p)?;
        let i = event - first;
        (i < part.len()).then_some((part, i))
    }
}

impl Part {
    /// How many events the part holds.
    fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// Where event `i`'s matches are in `matches`.
    fn range(&self, i: usize) -> std::ops::Range<usize> {
        let lo = self.starts.get(i).map_or(0, |&s| s as usize);
        let hi = self.starts.get(i + 1).map_or(lo, |&s| s as usize);
        lo..hi.max(lo)
    }

    /// Moves the starts from entry `first` on by `by` matches.
    fn shift_from(&mut self, first: usize, by: isize) {
        for start in self.starts.iter_mut().skip(first) {
            *start = (*start as isize + by).max(0) as u32;
        }
    }

    fn replace(&mut self, i: usize, matches: &[QuoteMatch]) {
        let range = self.range(i);
        let by = matches.len() as isize - range.len() as isize;
        self.matches.splice(range, matches.iter().copied());
        self.shift_from(i + 1, by);
    }

    fn insert(&mut self, i: usize, matches: &[QuoteMatch]) {
        let at = self.range(i).start;
        self.starts.insert(i, at as u32);
        self.matches.splice(at..at, matches.iter().copied());
        self.shift_from(i + 1, matches.len() as isize);
    }

    fn remove(&mut self, i: usize) {
        let range = self.range(i);
        let by = -(range.len() as isize);
        self.matches.drain(range);
        self.starts.remove(i);
        // Entry `i` is now the next event's, which starts where the removed one did.
        self.shift_from(i, by);
    }
}

impl FromIterator<Vec<QuoteMatch>> for QuoteMatches {
    fn from_iter<I: IntoIterator<Item = Vec<QuoteMatch>>>(events: I) -> Self {
        let mut all = Self::default();
        for event in events {
            all.push_event(event);
        }
        all
    }
}

/// Quotation marks a quote may carry at either end.
const QUOTATION_MARKS: [char; 9] = ['"', '“', '”', '„', '\'', '‘', '’', '«', '»'];

/// `quote` between “ and ”, without doubling a mark it already has at either end (a quote that
/// begins a speech starts with its own).
pub fn in_quotation_marks(quote: &str) -> String {
    let open = if quote.starts_with(QUOTATION_MARKS) {
        ""
    } else {
        "“"
    };
    let close = if quote.ends_with(QUOTATION_MARKS) {
        ""
    } else {
        "”"
    };
    format!("{open}{quote}{close}")
}

/// Locates `quote` in `text`. Overlapping occurrences count: "aa" occurs twice in "aaa".
pub fn locate_quote(text: &str, quote: &Quote) -> QuoteMatch {
    locate_quotes(text, &[quote])
        .first()
        .copied()
        .unwrap_or(QuoteMatch::NotFound)
}

/// Locates each of `quotes` in `text`, in one pass over the text for all of them, and in time
/// linear in the text plus the occurrences: a 100 KB quote of `a`s in 200 KB of `a`s is 100,000
/// occurrences, not 10¹⁰ character comparisons.
///
/// A quote with a prefix or suffix fits an occurrence exactly when `prefix + exact + suffix` occurs
/// there, so each such quote is searched as that whole string too.
pub fn locate_quotes(text: &str, quotes: &[&Quote]) -> Vec<QuoteMatch> {
    locate_quotes_until(text, quotes, &|| false)
}

/// [`locate_quotes`], giving up (every quote not found) as soon as `stop` says so: a load that was
/// cancelled stops within moments even in a 64 MB source.
pub fn locate_quotes_until(
    text: &str,
    quotes: &[&Quote],
    stop: &dyn Fn() -> bool,
) -> Vec<QuoteMatch> {
    // Every distinct string to look for, and for each quote which ones are its `exact` and its
    // context-extended form.
    let mut patterns: Vec<String> = Vec::new();
    let mut pattern_ids: foldhash::HashMap<String, usize> = foldhash::HashMap::default();
    let mut id_of = |pattern: String| {
        let next = pattern_ids.len();
        *pattern_ids.entry(pattern.clone()).or_insert_with(|| {
            patterns.push(pattern);
            next
        })
    };
    let wanted: Vec<Option<(usize, usize, usize)>> = quotes
        .iter()
        .map(|quote| {
            if quote.exact.is_empty() {
                return None;
            }
            let prefix = quote.prefix.as_deref().unwrap_or("");
            let suffix = quote.suffix.as_deref().unwrap_or("");
            let exact = id_of(quote.exact.clone());
            let fitting = id_of(format!("{prefix}{}{suffix}", quote.exact));
            Some((exact, fitting, prefix.len()))
        })
        .collect();
    let seen = occurrences(text, &patterns, stop);
    wanted
        .into_iter()
        .zip(quotes)
        .map(|(ids, quote)| {
            let Some((exact, fitting, prefix_len)) = ids else {
                return QuoteMatch::NotFound;
            };
            let all = seen.get(exact).copied().unwrap_or_default();
            let fit = seen.get(fitting).copied().unwrap_or_default();
            let start = fit.first + prefix_len;
            let end = start + quote.exact.len();
            match fit.count {
                0 if all.count == 0 => QuoteMatch::NotFound,
                0 => QuoteMatch::ContextMismatch {
                    occurrences: all.count,
                },
                1 => QuoteMatch::Found { start, end },
                count => QuoteMatch::Ambiguous { start, end, count },
            }
        })
        .collect()
}

/// How often a pattern occurs (overlaps included), and where first.
#[derive(Clone, Copy, Debug, Default)]
struct Seen {
    count: usize,
    first: usize,
}

/// Counts the (overlapping) occurrences of every pattern in `text`. A few patterns are each
/// searched with their own failure function (Knuth–Morris–Pratt: linear in the text and the
/// pattern, whatever repeats in them); many are searched together in one Aho-Corasick pass.
///
/// That pass visits every occurrence, and occurrences can be far more than the text is long:
/// quotes of 1 to 1,000 `a`s in a text of `a`s occur half a billion times in 500 KB (93 s). Past
/// [`match_budget`] occurrences the count is taken by [`count_by_states`] instead, in time linear
/// in the text and the quotes however they overlap.
fn occurrences(text: &str, patterns: &[String], stop: &dyn Fn() -> bool) -> Vec<Seen> {
    /// Above this many patterns one shared pass beats a pass per pattern.
    const SHARED_PASS_FROM: usize = 16;
    let mut seen = vec![Seen::default(); patterns.len()];
    let mut note = |pattern: usize, start: usize| {
        if let Some(s) = seen.get_mut(pattern) {
            if s.count == 0 {
                s.first = start;
            }
            s.count += 1;
        }
    };
    let shared = (patterns.len() >= SHARED_PASS_FROM)
        .then(|| aho_corasick::AhoCorasick::new(patterns).ok())
        .flatten();
    match shared {
        Some(automaton) => {
            let budget = match_budget(text);
            for (n, found) in automaton.find_overlapping_iter(text).enumerate() {
                if n >= budget {
                    return count_by_states(text.as_bytes(), patterns, stop);
                }
                if n % STOP_EVERY == 0 && stop() {
                    return vec![Seen::default(); patterns.len()];
                }
                note(found.pattern().as_usize(), found.start());
            }
        }
        None => {
            for (i, pattern) in patterns.iter().enumerate() {
                if stop() {
                    return vec![Seen::default(); patterns.len()];
                }
                each_occurrence(text.as_bytes(), pattern.as_bytes(), |start| note(i, start));
            }
        }
    }
    seen
}

/// How often a long search asks whether to stop (in steps).
const STOP_EVERY: usize = 1 << 20;

/// How many occurrences the Aho-Corasick pass may visit before the count is taken another way:
/// four per byte of text, and a million at least.
fn match_budget(text: &str) -> usize {
    text.len().saturating_mul(4).max(1 << 20)
}

/// Counts every pattern's occurrences and finds its first, in time linear in the text and the
/// patterns' total length, however many times they occur or overlap.
///
/// It is Aho-Corasick without reporting matches: the text is run through the automaton once,
/// counting how often each state is reached. A pattern ends at a position exactly when the state
/// there has the pattern's state on its chain of failure links, so a pattern's count is the sum of
/// the visits of the states below its own in the failure-link tree, added up leaves first in one
/// pass; its first end is their earliest visit.
fn count_by_states(text: &[u8], patterns: &[String], stop: &dyn Fn() -> bool) -> Vec<Seen> {
    const ROOT: u32 = 0;
    const NEVER: usize = usize::MAX;
    let mut goto: foldhash::HashMap<(u32, u8), u32> = foldhash::HashMap::default();
    // For each state: its parent and the byte leading to it, to walk the children breadth first.
    let mut edges: Vec<(u32, u8, u32)> = Vec::new();
    let mut states = 1usize;
    let ends: Vec<u32> = patterns
        .iter()
        .map(|pattern| {
            let mut state = ROOT;
            for &b in pattern.as_bytes() {
                state = *goto.entry((state, b)).or_insert_with(|| {
                    let next = u32::try_from(states).unwrap_or(u32::MAX);
                    states += 1;
                    edges.push((state, b, next));
                    next
                });
            }
            state
        })
        .collect();
    // Children of each state, contiguous (edges sorted by parent).
    edges.sort_unstable_by_key(|&(parent, b, _)| (parent, b));
    let mut child_start = vec![0usize; states + 1];
    for &(parent, _, _) in &edges {
        if let Some(n) = child_start.get_mut(parent as usize + 1) {
            *n += 1;
        }
    }
    for i in 1..child_start.len() {
        let before = child_start.get(i - 1).copied().unwrap_or(0);
        if let Some(n) = child_start.get_mut(i) {
            *n += before;
        }
    }
    let children = |state: u32| {
        let from = child_start.get(state as usize).copied().unwrap_or(0);
        let to = child_start.get(state as usize + 1).copied().unwrap_or(from);
        edges.get(from..to).unwrap_or_default()
    };
    // Failure links, breadth first; `order` is that order, for adding up leaves first.
    let mut fail = vec![ROOT; states];
    let mut order: Vec<u32> = children(ROOT).iter().map(|&(_, _, child)| child).collect();
    let mut next = 0;
    while let Some(&state) = order.get(next) {
        next += 1;
        let state_fail = fail.get(state as usize).copied().unwrap_or(ROOT);
        for &(_, b, child) in children(state) {
            let mut f = state_fail;
            let link = loop {
                if let Some(&to) = goto.get(&(f, b)) {
                    break to;
                }
                if f == ROOT {
                    break ROOT;
                }
                f = fail.get(f as usize).copied().unwrap_or(ROOT);
            };
            if let Some(slot) = fail.get_mut(child as usize) {
                *slot = link;
            }
            order.push(child);
        }
    }
    let mut visits = vec![0usize; states];
    let mut first_end = vec![NEVER; states];
    let mut state = ROOT;
    for (i, &b) in text.iter().enumerate() {
        if i % STOP_EVERY == 0 && stop() {
            return vec![Seen::default(); patterns.len()];
        }
        state = loop {
            if let Some(&to) = goto.get(&(state, b)) {
                break to;
            }
            if state == ROOT {
                break ROOT;
            }
            state = fail.get(state as usize).copied().unwrap_or(ROOT);
        };
        if let Some(v) = visits.get_mut(state as usize) {
            *v += 1;
        }
        if let Some(f) = first_end.get_mut(state as usize)
            && *f == NEVER
        {
            *f = i;
        }
    }
    for &state in order.iter().rev() {
        let (v, f) = (
            visits.get(state as usize).copied().unwrap_or(0),
            first_end.get(state as usize).copied().unwrap_or(NEVER),
        );
        let up = fail.get(state as usize).copied().unwrap_or(ROOT) as usize;
        if let Some(slot) = visits.get_mut(up) {
            *slot += v;
        }
        if let Some(slot) = first_end.get_mut(up) {
            *slot = (*slot).min(f);
        }
    }
    patterns
        .iter()
        .zip(ends)
        .map(|(pattern, end)| {
            let count = visits.get(end as usize).copied().unwrap_or(0);
            let last = first_end.get(end as usize).copied().unwrap_or(NEVER);
            if pattern.is_empty() || count == 0 || last == NEVER {
                return Seen::default();
            }
            Seen {
                count,
                first: last + 1 - pattern.len(),
            }
        })
        .collect()
}

/// Calls `found` with the start of every occurrence of `pattern` in `text`, overlaps included, in
/// O(text + pattern) steps.
pub(crate) fn each_occurrence(text: &[u8], pattern: &[u8], mut found: impl FnMut(usize)) {
    if pattern.is_empty() || pattern.len() > text.len() {
        return;
    }
    // failure[i]: length of the longest proper border of pattern[..=i].
    let mut failure = vec![0usize; pattern.len()];
    let mut k = 0;
    for (i, &b) in pattern.iter().enumerate().skip(1) {
        while k > 0 && pattern.get(k) != Some(&b) {
            k = failure.get(k - 1).copied().unwrap_or(0);
        }
        if pattern.get(k) == Some(&b) {
            k += 1;
        }
        if let Some(f) = failure.get_mut(i) {
            *f = k;
        }
    }
    let mut k = 0;
    for (i, &b) in text.iter().enumerate() {
        while k > 0 && pattern.get(k) != Some(&b) {
            k = failure.get(k - 1).copied().unwrap_or(0);
        }
        if pattern.get(k) == Some(&b) {
            k += 1;
        }
        if k == pattern.len() {
            found(i + 1 - k);
            k = failure.get(k - 1).copied().unwrap_or(0);
        }
    }
}

#[cfg(test)]
mod tests;
