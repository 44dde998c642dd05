//! The nearest passage to a quote that is not in its source verbatim (a ✘): where the source says
//! almost the same words, and which characters differ.
//!
//! As Hypothesis re-anchors a quote in a changed page, candidates are ranked by edit distance
//! (Levenshtein, in characters) between the quote and a passage ending anywhere in the text,
//! found with Myers' bit-parallel algorithm (Hyyrö's blocked form): one pass over the text in
//! steps of 64 quote characters at once. Among passages as near as each other, the one whose
//! surroundings agree with the quote's `prefix` and `suffix` wins, then the first. A passage that
//! differs in more than half the quote's characters is not offered: it is not the same words.
//!
//! The cost is bounded: a quote short enough is compared with the whole text (a 1 MB source and a
//! 500-character quote is a few milliseconds); a longer one only around the places where runs of
//! its exact words occur (seeds), and a quote too long to align character by character is marked
//! as one difference.

use std::ops::Range;

use crate::model::Quote;

/// Past this many (text characters × 64-character blocks of the quote), only the places around
/// seeds are compared.
const FULL_SCAN_BUDGET: usize = 16 << 20;
/// Quotes longer than this, in characters, are not looked for.
pub const MAX_QUOTE_CHARS: usize = 20_000;
/// Characters in each seed of a long quote.
const SEED_CHARS: usize = 12;
/// The most seeds taken from one quote, spread along it.
const MAX_SEEDS: usize = 64;
/// The most places compared around seeds.
const MAX_WINDOWS: usize = 4;
/// A seed found more often than this is too common to say where the quote is.
const MAX_SEED_HITS: usize = 256;
/// Past this many cells, the alignment is not traced character by character.
const MAX_ALIGN_CELLS: usize = 8 << 20;
/// The most equally near passages ranked by their context.
const MAX_CANDIDATES: usize = 16;

/// The passage nearest a quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Nearest {
    /// Bytes of the source text.
    pub range: Range<usize>,
    /// Characters to insert, delete or replace to turn the quote into the passage.
    pub distance: usize,
    /// Where they differ, in order; an empty list when the passage is the quote.
    pub differences: Vec<Difference>,
}

/// One place where quote and passage differ: a character replaced (a curly apostrophe for a
/// straight one), words missing from the source (`passage` empty) or added in it (`quote` empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// Bytes of the quote's `exact`.
    pub quote: Range<usize>,
    /// Bytes of the source text.
    pub passage: Range<usize>,
}

/// The passage of `text` nearest `quote.exact`, or `None` when none is within half the quote's
/// length (or the quote is empty, or longer than [`MAX_QUOTE_CHARS`]).
pub fn nearest_passage(text: &str, quote: &Quote) -> Option<Nearest> {
    let pattern: Vec<char> = quote.exact.chars().collect();
    let m = pattern.len();
    if m == 0 || m > MAX_QUOTE_CHARS || text.is_empty() {
        return None;
    }
    let max_errors = m / 2;
    let matcher = Matcher::new(&pattern);
    let mut best = Best::default();
    // Around the seeds first: a near passage found there bounds the errors the whole text is
    // searched with, and the blocks of the quote past that bound are skipped (Ukkonen's cut-off).
    for window in seed_windows(text, &quote.exact, &pattern) {
        if let Some(part) = text.get(window.clone()) {
            matcher.scan(part, window.start, &mut best, max_errors);
        }
    }
    if text.len().saturating_mul(matcher.blocks) <= FULL_SCAN_BUDGET {
        matcher.scan(text, 0, &mut best, max_errors);
    }
    if best.distance > max_errors {
        return None;
    }
    best.ends
        .iter()
        .filter_map(|&end| align(text, &pattern, &quote.exact, end, best.distance))
        .max_by(|a, b| {
            let rank = |n: &Nearest| {
                let length = text.get(n.range.clone()).map_or(0, |p| p.chars().count());
                (
                    context_score(text, quote, &n.range),
                    std::cmp::Reverse(length.abs_diff(m)),
                )
            };
            // `max_by` keeps the last of equals: compare positions reversed to keep the first.
            rank(a)
                .cmp(&rank(b))
                .then(b.range.start.cmp(&a.range.start))
        })
}

/// The ends (byte offsets) of the nearest passages found so far, and their distance.
struct Best {
    distance: usize,
    ends: Vec<usize>,
}

impl Default for Best {
    fn default() -> Self {
        Self {
            distance: usize::MAX,
            ends: Vec::new(),
        }
    }
}

impl Best {
    fn offer(&mut self, distance: usize, end: usize) {
        if distance < self.distance {
            self.distance = distance;
            self.ends.clear();
        }
        if distance == self.distance
            && self.ends.len() < MAX_CANDIDATES
            && !self.ends.contains(&end)
        {
            self.ends.push(end);
        }
    }
}

/// Myers' bit-vector edit distance of a pattern against every place in a text, 64 pattern
/// characters to a machine word.
struct Matcher {
    m: usize,
    blocks: usize,
    /// `peq[symbol * blocks + b]`: the rows of block `b` whose pattern character is `symbol`.
    /// Symbol 0 is every character the pattern does not have.
    peq: Vec<u64>,
    ascii: [u32; 128],
    other: foldhash::HashMap<char, u32>,
}

impl Matcher {
    fn new(pattern: &[char]) -> Self {
        let m = pattern.len();
        let blocks = m.div_ceil(64).max(1);
        let mut ascii = [0u32; 128];
        let mut other = foldhash::HashMap::default();
        let mut symbols = 1u32;
        for &c in pattern {
            let slot = match ascii.get_mut(c as usize) {
                Some(slot) => slot,
                None => other.entry(c).or_insert(0),
            };
            if *slot == 0 {
                *slot = symbols;
                symbols += 1;
            }
        }
        let mut peq = vec![0u64; symbols as usize * blocks];
        let matcher_symbol = |c: char| match ascii.get(c as usize) {
            Some(&s) => s,
            None => other.get(&c).copied().unwrap_or(0),
        };
        for (row, &c) in pattern.iter().enumerate() {
            let symbol = matcher_symbol(c) as usize;
            if let Some(word) = peq.get_mut(symbol * blocks + row / 64) {
                *word |= 1 << (row % 64);
            }
        }
        Self {
            m,
            blocks,
            peq,
            ascii,
            other,
        }
    }

    fn symbol(&self, c: char) -> usize {
        match self.ascii.get(c as usize) {
            Some(&s) => s as usize,
            None => self.other.get(&c).copied().unwrap_or(0) as usize,
        }
    }

    /// Offers every end of `text` (at byte `base` of the source) whose passage is as near as the
    /// nearest seen, and no more than `max_errors` from the quote. Only the blocks of the quote
    /// whose last row can still be within that bound are computed (Ukkonen's cut-off, as
    /// `approx-string-match` does it), and the bound drops to each nearer passage found.
    fn scan(&self, text: &str, base: usize, best: &mut Best, max_errors: usize) {
        let blocks = self.blocks;
        let last = blocks - 1;
        let mut pv = vec![u64::MAX; blocks];
        let mut mv = vec![0u64; blocks];
        let masks: Vec<u64> = (0..blocks)
            .map(|b| {
                if b == last {
                    1 << ((self.m - 1) % 64)
                } else {
                    1 << 63
                }
            })
            .collect();
        // The distance at the last row of each block, against a passage ending here.
        let mut score: Vec<isize> = (0..blocks)
            .map(|b| ((b + 1) * 64).min(self.m) as isize)
            .collect();
        let mut bound = max_errors.min(best.distance) as isize;
        // The last block computed.
        let mut y = (bound as usize).div_ceil(64).saturating_sub(1).min(last);
        for (at, c) in text.char_indices() {
            let eqs = self.peq.get(self.symbol(c) * blocks..).unwrap_or_default();
            let mut carry: i32 = 0;
            for b in 0..=y {
                if let (Some(p), Some(mw), Some(&eq), Some(&mask), Some(s)) = (
                    pv.get_mut(b),
                    mv.get_mut(b),
                    eqs.get(b),
                    masks.get(b),
                    score.get_mut(b),
                ) {
                    carry = advance_block(p, mw, eq, carry, mask);
                    *s += carry as isize;
                }
            }
            let score_y = score.get(y).copied().unwrap_or(isize::MAX);
            let next_matches = eqs.get(y + 1).is_some_and(|eq| eq & 1 != 0);
            if y < last && score_y - carry as isize <= bound && (next_matches || carry < 0) {
                // The next block may come within the bound: start computing it.
                y += 1;
                let rows = if y == last { self.m - 64 * last } else { 64 };
                if let (Some(p), Some(mw), Some(&eq), Some(&mask)) =
                    (pv.get_mut(y), mv.get_mut(y), eqs.get(y), masks.get(y))
                {
                    *p = u64::MAX;
                    *mw = 0;
                    let out = advance_block(p, mw, eq, carry, mask);
                    if let Some(s) = score.get_mut(y) {
                        *s = score_y + rows as isize - carry as isize + out as isize;
                    }
                }
            } else {
                while y > 0 && score.get(y).is_some_and(|&s| s >= bound + 64) {
                    y -= 1;
                }
            }
            if y == last
                && let Some(&s) = score.get(y)
                && s <= bound
            {
                bound = s;
                best.offer(s as usize, base + at + c.len_utf8());
            }
        }
    }
}

/// One step of a 64-row block for one text character: updates the block's vertical deltas and
/// returns the horizontal delta out of its last row (`hin` is the one into its first row).
fn advance_block(pv: &mut u64, mv: &mut u64, eq: u64, hin: i32, last_row: u64) -> i32 {
    let hin_negative = u64::from(hin < 0);
    let eq = eq | hin_negative;
    let xv = eq | *mv;
    let xh = ((eq & *pv).wrapping_add(*pv) ^ *pv) | eq;
    let mut ph = *mv | !(xh | *pv);
    let mut mh = *pv & xh;
    let hout = i32::from(ph & last_row != 0) - i32::from(mh & last_row != 0);
    ph <<= 1;
    mh <<= 1;
    mh |= hin_negative;
    ph |= u64::from(hin > 0);
    *pv = mh | !(xv | ph);
    *mv = ph & xv;
    hout
}

/// Byte ranges of `text` worth comparing a long quote with: around the places where most of its
/// seeds (runs of [`SEED_CHARS`] characters) occur exactly, on the same diagonal.
fn seed_windows(text: &str, exact: &str, pattern: &[char]) -> Vec<Range<usize>> {
    let offsets: Vec<usize> = exact.char_indices().map(|(i, _)| i).collect();
    let seeds_possible = pattern.len() / SEED_CHARS;
    let stride = seeds_possible.div_ceil(MAX_SEEDS).max(1);
    let mut seeds: Vec<(&str, usize)> = Vec::new();
    for s in (0..seeds_possible).step_by(stride) {
        let from = offsets.get(s * SEED_CHARS).copied().unwrap_or(exact.len());
        let to = offsets
            .get((s + 1) * SEED_CHARS)
            .copied()
            .unwrap_or(exact.len());
        if let Some(seed) = exact.get(from..to) {
            seeds.push((seed, from));
        }
    }
    if seeds.is_empty() {
        return Vec::new();
    }
    let Ok(finder) = aho_corasick::AhoCorasick::new(seeds.iter().map(|s| s.0)) else {
        return Vec::new();
    };
    // Where each seed occurs; a seed found too often ("of the ") says nothing about where.
    let mut hits: Vec<Vec<usize>> = seeds.iter().map(|_| Vec::new()).collect();
    for found in finder.find_overlapping_iter(text) {
        if let Some(list) = hits.get_mut(found.pattern().as_usize())
            && list.len() <= MAX_SEED_HITS
        {
            list.push(found.start());
        }
    }
    // Votes for where the quote would start, in buckets a quarter of the quote wide.
    let bucket = (exact.len() / 4).max(64);
    let mut votes: foldhash::HashMap<usize, usize> = foldhash::HashMap::default();
    for (list, &(_, offset)) in hits.iter().zip(&seeds) {
        if list.len() > MAX_SEED_HITS {
            continue;
        }
        for &at in list {
            *votes.entry(at.saturating_sub(offset) / bucket).or_insert(0) += 1;
        }
    }
    let mut ranked: Vec<(usize, usize)> = votes.into_iter().collect();
    ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let slack = exact.len() / 2 + bucket;
    let mut windows: Vec<Range<usize>> = ranked
        .into_iter()
        .take(MAX_WINDOWS)
        .map(|(b, _)| {
            let from = floor_boundary(text, (b * bucket).saturating_sub(slack));
            let to = ceil_boundary(
                text,
                (b * bucket + exact.len() + bucket + slack).min(text.len()),
            );
            from..to
        })
        .collect();
    windows.sort_unstable_by_key(|w| w.start);
    // Overlapping windows are compared once.
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(windows.len());
    for w in windows {
        match merged.last_mut() {
            Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
            _ => merged.push(w),
        }
    }
    merged
}

/// How one character of the quote meets the passage, tracing an alignment.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Move {
    /// Both move on: the same character, or one replaced.
    Both,
    /// A quote character the passage lacks.
    Quote,
    /// A passage character the quote lacks.
    Passage,
}

/// The passage ending at byte `end` of `text` that is `distance` edits from the quote, and its
/// differences: an edit-distance table of the quote against the text before `end`, both read
/// backwards from `end` and kept within `distance` of the diagonal (a cheaper path never strays
/// further).
#[expect(
    clippy::many_single_char_names,
    reason = "the quote (i, m), the text (j, w) and the band (k) as the edit-distance literature names them"
)]
fn align(
    text: &str,
    pattern: &[char],
    exact: &str,
    end: usize,
    distance: usize,
) -> Option<Nearest> {
    let m = pattern.len();
    let k = distance;
    let width = 2 * k + 1;
    let before = text.get(..end)?;
    // The text's characters backwards from `end`, with their byte offsets.
    let tail: Vec<(usize, char)> = before.char_indices().rev().take(m + k).collect();
    let w = tail.len();
    let quote_at: Vec<usize> = exact.char_indices().map(|(i, _)| i).collect();
    if (m + 1).saturating_mul(width) > MAX_ALIGN_CELLS {
        // Too long to trace: the passage is as long as the quote, and differs as a whole.
        let start = tail.get(m.min(w).checked_sub(1)?).map_or(end, |t| t.0);
        return Some(Nearest {
            range: start..end,
            distance,
            differences: vec![Difference {
                quote: 0..exact.len(),
                passage: start..end,
            }],
        });
    }
    // Cell (i, j): the last `i` quote characters against the last `j` text characters, stored at
    // `i * width + (j + k - i)` for `|i - j| <= k`.
    let cell = |i: usize, j: usize| -> Option<usize> {
        (j + k >= i && j <= i + k && j <= w).then(|| i * width + (j + k - i))
    };
    let mut moves = vec![Move::Both; (m + 1) * width];
    let mut previous = vec![u32::MAX; width];
    let mut current = vec![u32::MAX; width];
    for j in 0..=k.min(w) {
        if let (Some(slot), Some(c)) = (previous.get_mut(j + k), cell(0, j)) {
            *slot = j as u32;
            if let Some(mv) = moves.get_mut(c) {
                *mv = Move::Passage;
            }
        }
    }
    for i in 1..=m {
        let qc = pattern.get(m - i).copied();
        current.fill(u32::MAX);
        for j in i.saturating_sub(k)..=(i + k).min(w) {
            let d = j + k - i;
            let from_previous = |dd: Option<usize>| dd.and_then(|dd| previous.get(dd)).copied();
            let diagonal = (j > 0).then(|| from_previous(Some(d))).flatten().map(|c| {
                let same = tail.get(j - 1).map(|t| t.1) == qc;
                c.saturating_add(u32::from(!same))
            });
            let up = from_previous(Some(d + 1)).map(|c| c.saturating_add(1));
            let left = (j > 0 && d > 0)
                .then(|| current.get(d - 1).copied())
                .flatten()
                .map(|c| c.saturating_add(1));
            let choices = [
                (diagonal, Move::Both),
                (up, Move::Quote),
                (left, Move::Passage),
            ];
            let (cost, chosen) = choices
                .into_iter()
                .filter_map(|(c, mv)| Some((c?, mv)))
                .min_by_key(|&(c, _)| c)
                .unwrap_or((u32::MAX, Move::Both));
            if let Some(slot) = current.get_mut(d) {
                *slot = cost;
            }
            if let Some(mv) = cell(i, j).and_then(|c| moves.get_mut(c)) {
                *mv = chosen;
            }
        }
        std::mem::swap(&mut previous, &mut current);
    }
    // The passage length (in characters) with the least cost, nearest the quote's length.
    let (_, j_best) = (m.saturating_sub(k)..=(m + k).min(w))
        .filter_map(|j| Some((*previous.get(j + k - m)?, j)))
        .min_by_key(|&(cost, j)| (cost, j.abs_diff(m), j))?;
    let start = if j_best == 0 {
        end
    } else {
        tail.get(j_best - 1)?.0
    };
    // Trace back from the passage's start to `end`: forwards in the text.
    let mut differences: Vec<Difference> = Vec::new();
    let mut cost = 0;
    let (mut i, mut j) = (m, j_best);
    let quote_byte = |i: usize| -> usize { quote_at.get(m - i).copied().unwrap_or(exact.len()) };
    let text_byte = |j: usize| -> usize {
        if j == 0 {
            end
        } else {
            tail.get(j - 1).map_or(end, |t| t.0)
        }
    };
    while i > 0 || j > 0 {
        let mv = if i == 0 {
            Move::Passage
        } else if j == 0 {
            Move::Quote
        } else {
            cell(i, j)
                .and_then(|c| moves.get(c))
                .copied()
                .unwrap_or(Move::Both)
        };
        let (next_i, next_j) = match mv {
            Move::Both => (i - 1, j - 1),
            Move::Quote => (i - 1, j),
            Move::Passage => (i, j - 1),
        };
        let differs = match mv {
            Move::Both => tail.get(j - 1).map(|t| t.1) != pattern.get(m - i).copied(),
            Move::Quote | Move::Passage => true,
        };
        if differs {
            cost += 1;
            let quote = quote_byte(i)..quote_byte(next_i);
            let passage = text_byte(j)..text_byte(next_j);
            match differences.last_mut() {
                Some(last)
                    if last.quote.end == quote.start && last.passage.end == passage.start =>
                {
                    last.quote.end = quote.end;
                    last.passage.end = passage.end;
                }
                _ => differences.push(Difference { quote, passage }),
            }
        }
        (i, j) = (next_i, next_j);
    }
    Some(Nearest {
        range: start..end,
        distance: cost,
        differences,
    })
}

/// How far the text around `range` agrees with the quote's context: characters of `prefix` that
/// end where the passage starts, plus characters of `suffix` that start where it ends.
fn context_score(text: &str, quote: &Quote, range: &Range<usize>) -> usize {
    let before = text.get(..range.start).unwrap_or_default();
    let after = text.get(range.end..).unwrap_or_default();
    let prefix = quote.prefix.as_deref().unwrap_or_default();
    let suffix = quote.suffix.as_deref().unwrap_or_default();
    let agree_before = prefix
        .chars()
        .rev()
        .zip(before.chars().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let agree_after = suffix
        .chars()
        .zip(after.chars())
        .take_while(|(a, b)| a == b)
        .count();
    agree_before + agree_after
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests;
