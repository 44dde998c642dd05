//! Search text over a whole dataset: every event's searchable words, folded (case and accents
//! ignored) once per document into a [`SearchIndex`], so a keystroke is one substring scan of its
//! buffers, split over the cores. [`super::filter`] uses it for the search box and `--search`.

use rayon::prelude::*;

use crate::model::Dataset;
use crate::model::id::first_positions;

/// Every event's searchable words, folded, built once per document. An event's own words are
/// kept in buffers of [`SEARCH_CHUNK`] events; an actor's name or a source's title, which many
/// events share, is folded and searched once, with the events that share it. Copying a shared
/// title into every citing event made a file of one 8 MB title and a million citations ask for
/// terabytes.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    chunks: Vec<SearchChunk>,
    /// Each actor's name, with the events that name the actor.
    actors: Vec<SharedWords>,
    /// Each source's title, with the events that cite the source.
    sources: Vec<SharedWords>,
    events: usize,
    /// The actors' and sources' ids, in order: the slots `actors` and `sources` are numbered by.
    shared_ids: (Vec<String>, Vec<String>),
}

/// The folded words of [`SEARCH_CHUNK`] consecutive events.
#[derive(Clone, Debug, Default)]
struct SearchChunk {
    /// Each event's words, ended by a NUL byte so no match spans two events.
    text: String,
    /// Where each event's words begin in `text`, plus the end.
    starts: Vec<usize>,
}

/// Words that many events share, and which events share them.
#[derive(Clone, Debug, Default)]
struct SharedWords {
    /// The name as the dataset has it, to see cheaply whether an edit changed it.
    name: String,
    folded: String,
    events: Vec<u32>,
}

/// A chunk's words, and the `(actor or source slot, event)` each of its events refers to.
type FoldedChunk = (SearchChunk, Vec<(usize, u32)>, Vec<(usize, u32)>);

/// Where each actor and source is in the dataset's lists, by id.
struct Slots<'a> {
    actors: foldhash::HashMap<&'a str, usize>,
    sources: foldhash::HashMap<&'a str, usize>,
}

impl<'a> Slots<'a> {
    fn of(dataset: &'a Dataset) -> Self {
        Self {
            actors: first_positions(dataset.actors.iter().map(|a| a.id.as_str())),
            sources: first_positions(dataset.sources.iter().map(|s| s.id.as_str())),
        }
    }
}

fn shared_ids(dataset: &Dataset) -> (Vec<String>, Vec<String>) {
    (
        dataset.actors.iter().map(|a| a.id.clone()).collect(),
        dataset.sources.iter().map(|s| s.id.clone()).collect(),
    )
}

/// Puts a chunk's references (`(slot, event)`, in event order) in place of the ones its events
/// `range` had, keeping each list sorted: a few binary searches per list, not a pass over it.
fn splice_refs(words: &mut [SharedWords], range: std::ops::Range<u32>, refs: &[(usize, u32)]) {
    let mut by_slot: foldhash::HashMap<usize, Vec<u32>> = foldhash::HashMap::default();
    for &(slot, event) in refs {
        by_slot.entry(slot).or_default().push(event);
    }
    for (slot, w) in words.iter_mut().enumerate() {
        let start = w.events.partition_point(|&e| e < range.start);
        let end = w.events.partition_point(|&e| e < range.end);
        let new = by_slot.remove(&slot).unwrap_or_default();
        if start != end || !new.is_empty() {
            w.events.splice(start..end, new);
        }
    }
}

/// Folds chunk `c` of the events (`events` are its events).
fn fold_chunk(
    c: usize,
    events: &[std::sync::Arc<crate::model::Event>],
    slots: &Slots<'_>,
) -> FoldedChunk {
    let mut chunk = SearchChunk {
        text: String::with_capacity(events.len() * 64),
        starts: Vec::with_capacity(events.len() + 1),
    };
    let (mut actors, mut sources) = (Vec::new(), Vec::new());
    for (n, event) in (c * SEARCH_CHUNK..).zip(events) {
        let n = n as u32;
        let text = &mut chunk.text;
        chunk.starts.push(text.len());
        let mut add = |s: &str| {
            fold_into(s, text);
            text.push('\n');
        };
        add(&event.title);
        if let Some(summary) = &event.summary {
            add(summary);
        }
        for actor in &event.actors {
            add(actor);
            if let Some(&slot) = slots.actors.get(actor.as_str()) {
                actors.push((slot, n));
            }
        }
        for tag in &event.tags {
            add(tag);
        }
        for citation in &event.citations {
            add(&citation.quote.exact);
            if let Some(&slot) = slots.sources.get(citation.source.as_str())
                && sources.last() != Some(&(slot, n))
            {
                sources.push((slot, n));
            }
        }
        text.push('\0');
    }
    chunk.starts.push(chunk.text.len());
    (chunk, actors, sources)
}

/// Events per unit of parallel work in a search: large enough to amortise, small enough to spread.
const SEARCH_CHUNK: usize = 16_384;

impl SearchIndex {
    /// The folded text it holds, in bytes: each event's own words, and each shared title once.
    #[cfg(test)]
    pub(super) fn held_bytes(&self) -> usize {
        self.chunks.iter().map(|c| c.text.len()).sum::<usize>()
            + self.sources.iter().map(|s| s.folded.len()).sum::<usize>()
    }

    /// Folds every event's title, summary, quotes, actor ids and tags, and every actor's name
    /// and source's title.
    pub fn new(dataset: &Dataset) -> Self {
        let slots = Slots::of(dataset);
        // Each chunk of events is folded into one buffer of its own, with the actors and sources
        // its events refer to.
        let folded: Vec<FoldedChunk> = dataset
            .events
            .par_chunks(SEARCH_CHUNK)
            .enumerate()
            .map(|(c, events)| fold_chunk(c, events, &slots))
            .collect();
        let shared = |words: Vec<&str>| -> Vec<SharedWords> {
            words
                .into_iter()
                .map(|w| SharedWords {
                    name: w.to_owned(),
                    folded: fold(w),
                    events: Vec::new(),
                })
                .collect()
        };
        let mut index = Self {
            chunks: Vec::with_capacity(folded.len()),
            actors: shared(dataset.actors.iter().map(|a| a.name.as_str()).collect()),
            sources: shared(dataset.sources.iter().map(|s| s.title.as_str()).collect()),
            events: dataset.events.len(),
            shared_ids: shared_ids(dataset),
        };
        for (chunk, actors, sources) in folded {
            index.chunks.push(chunk);
            index.add_refs(actors, sources);
        }
        index
    }

    /// Follows an edit that changed the events numbered `touched` (as after the edit): only their
    /// chunks are folded again, so one edit in a million events costs a chunk, not the dataset.
    /// With `renumbered` (events added or removed) every chunk from the first touched one on is
    /// folded again. A change to the list of actors or sources itself folds everything again.
    pub fn refresh(&mut self, dataset: &Dataset, touched: &[usize], renumbered: bool) {
        if !self
            .shared_ids
            .0
            .iter()
            .eq(dataset.actors.iter().map(|a| &a.id))
            || !self
                .shared_ids
                .1
                .iter()
                .eq(dataset.sources.iter().map(|s| &s.id))
        {
            *self = Self::new(dataset);
            return;
        }
        // A renamed actor or retitled source: its words are folded again.
        for (words, name) in self
            .actors
            .iter_mut()
            .zip(dataset.actors.iter().map(|a| a.name.as_str()))
            .chain(
                self.sources
                    .iter_mut()
                    .zip(dataset.sources.iter().map(|s| s.title.as_str())),
            )
        {
            if words.name != name {
                name.clone_into(&mut words.name);
                words.folded = fold(name);
            }
        }
        let chunk_count = dataset.events.len().div_ceil(SEARCH_CHUNK);
        let mut stale: Vec<usize> = if renumbered {
            let first = touched.iter().min().map_or(0, |&e| e / SEARCH_CHUNK);
            (first.min(self.chunks.len())..chunk_count).collect()
        } else {
            touched.iter().map(|&e| e / SEARCH_CHUNK).collect()
        };
        stale.sort_unstable();
        stale.dedup();
        self.chunks.truncate(chunk_count);
        self.events = dataset.events.len();
        if renumbered {
            // Every reference from the first stale chunk on is made again, in order.
            let from = stale.first().map_or(self.events, |&c| c * SEARCH_CHUNK) as u32;
            for words in self.actors.iter_mut().chain(self.sources.iter_mut()) {
                let at = words.events.partition_point(|&e| e < from);
                words.events.truncate(at);
            }
        }
        let slots = Slots::of(dataset);
        for &c in &stale {
            let Some(events) = dataset
                .events
                .get(c * SEARCH_CHUNK..((c + 1) * SEARCH_CHUNK).min(dataset.events.len()))
            else {
                continue;
            };
            let (chunk, actors, sources) = fold_chunk(c, events, &slots);
            match self.chunks.get_mut(c) {
                Some(old) => *old = chunk,
                None => self.chunks.push(chunk),
            }
            let (lo, hi) = ((c * SEARCH_CHUNK) as u32, ((c + 1) * SEARCH_CHUNK) as u32);
            splice_refs(&mut self.actors, lo..hi, &actors);
            splice_refs(&mut self.sources, lo..hi, &sources);
        }
    }

    fn add_refs(&mut self, actors: Vec<(usize, u32)>, sources: Vec<(usize, u32)>) {
        for (slot, event) in actors {
            if let Some(actor) = self.actors.get_mut(slot) {
                actor.events.push(event);
            }
        }
        for (slot, event) in sources {
            if let Some(source) = self.sources.get_mut(slot) {
                source.events.push(event);
            }
        }
    }

    /// One flag per event: whether `query` (folded, trimmed) occurs in its words. An empty query
    /// matches everything.
    pub fn find(&self, query: &str) -> Vec<bool> {
        let query = fold(query.trim()).replace('\0', "");
        if query.is_empty() {
            return vec![true; self.events];
        }
        let finder = memchr::memmem::Finder::new(query.as_bytes());
        let mut found = vec![false; self.events];
        found
            .par_chunks_mut(SEARCH_CHUNK)
            .zip(self.chunks.par_iter())
            .for_each(|(flags, chunk)| {
                for at in finder.find_iter(chunk.text.as_bytes()) {
                    // The event whose words hold this offset: the last start at or before it.
                    let event = chunk.starts.partition_point(|&s| s <= at).saturating_sub(1);
                    if let Some(flag) = flags.get_mut(event) {
                        *flag = true;
                    }
                }
            });
        for words in self.actors.iter().chain(&self.sources) {
            if finder.find(words.folded.as_bytes()).is_some() {
                for &event in &words.events {
                    if let Some(flag) = found.get_mut(event as usize) {
                        *flag = true;
                    }
                }
            }
        }
        found
    }
}

/// Lower case without accents: "Élysée" → "elysee", "Ё" → "е". Covers Latin, Greek and Cyrillic
/// letters with diacritics; other characters are only lowercased.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold`], appending to `out`.
fn fold_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        // Most words: one copy, lowered in place.
        let start = out.len();
        out.push_str(text);
        if let Some(added) = out.get_mut(start..) {
            added.make_ascii_lowercase();
        }
        return;
    }
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        for lower in c.to_lowercase() {
            match base_letter(lower) {
                Some(base) => out.push_str(base),
                None => out.push(lower),
            }
        }
    }
}

/// The unaccented form of a lowercase letter, when it has one.
fn base_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'ё' => "е",
        'й' => "и",
        'ά' => "α",
        'έ' => "ε",
        'ή' => "η",
        'ί' | 'ϊ' | 'ΐ' => "ι",
        'ό' => "ο",
        'ύ' | 'ϋ' | 'ΰ' => "υ",
        'ώ' => "ω",
        // Typographic quotes and apostrophes match their plain forms.
        '’' | '‘' => "'",
        '“' | '”' => "\"",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, EventKind, test_event};

    /// Three chunks of events, two actors.
    fn dataset() -> Dataset {
        let mut dataset = Dataset {
            actors: vec![
                Actor {
                    id: "peskov".into(),
                    name: "Dmitry Peskov".into(),
                    role: None,
                },
                Actor {
                    id: "putin".into(),
                    name: "Vladimir Putin".into(),
                    role: None,
                },
            ],
            events: (0..2 * SEARCH_CHUNK + 100)
                .map(|n| {
                    test_event(
                        &format!("e{n}"),
                        EventKind::Statement,
                        "",
                        "2020",
                        &format!("Event {n}"),
                    )
                })
                .map(std::sync::Arc::new)
                .collect(),
            ..Dataset::default()
        };
        std::sync::Arc::make_mut(&mut dataset.events[7])
            .actors
            .push("peskov".into());
        dataset
    }

    #[test]
    fn an_index_refreshed_after_edits_finds_what_a_new_one_finds() {
        let mut data = dataset();
        let mut index = SearchIndex::new(&data);
        let middle = SEARCH_CHUNK + 3;
        std::sync::Arc::make_mut(&mut data.events[middle]).title = "Zebra crossing".into();
        std::sync::Arc::make_mut(&mut data.events[middle])
            .actors
            .push("putin".into());
        index.refresh(&data, &[middle], false);
        for query in ["zebra", "putin", "peskov", "event 7", "event 32871"] {
            assert_eq!(
                index.find(query),
                SearchIndex::new(&data).find(query),
                "{query}"
            );
        }
        assert_eq!(index.find("vladimir").iter().filter(|&&f| f).count(), 1);

        // An event removed near the start: every later one moved down a place.
        data.events.remove(5);
        index.refresh(&data, &[5], true);
        data.actors[0].name = "D. S. Peskov".into();
        index.refresh(&data, &[], false);
        for query in [
            "zebra",
            "vladimir",
            "d. s. peskov",
            "event 8",
            "event 32871",
        ] {
            assert_eq!(
                index.find(query),
                SearchIndex::new(&data).find(query),
                "{query}"
            );
        }
        // A new actor changes the slots: the index is made again.
        data.actors.push(Actor {
            id: "lavrov".into(),
            name: "Sergei Lavrov".into(),
            role: None,
        });
        std::sync::Arc::make_mut(&mut data.events[0])
            .actors
            .push("lavrov".into());
        index.refresh(&data, &[0], false);
        assert_eq!(index.find("lavrov"), SearchIndex::new(&data).find("lavrov"));
    }
}
