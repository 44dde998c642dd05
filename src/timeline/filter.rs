//! Which events a reader wants to see: search text and filters, applied the same way by the window,
//! the event table and the exporter, so a picture shows exactly what the screen showed.
//!
//! Repeated values of one filter are alternatives (kind statement OR kind report); different
//! filters must all hold (kind AND actor AND search). Text is compared case- and
//! accent-insensitively ("peskov" finds "Peskov", "kreml" finds "Kreml'", "eclair" finds "éclair").
//!
//! Search runs over a [`SearchIndex`] made once per document: every event's searchable words,
//! already folded, in one buffer. A keystroke is then one substring scan of that buffer, split over
//! the cores, and never touches the dataset's strings.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

pub use super::search::{SearchIndex, fold};
use crate::model::{Dataset, Date, Event, EventKind, QuoteMatch, QuoteMatches};

/// How an event's quotes fared against their sources.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteStatus {
    /// Every quote with words was found verbatim.
    Verified,
    /// At least one quote was not found as written: the claims a reader must look at first.
    NotFound,
    /// No quote with words at all (no citations, or only media links).
    None,
}

impl QuoteStatus {
    pub const ALL: [Self; 3] = [Self::Verified, Self::NotFound, Self::None];

    /// The status of one event from its quote checks (`quotes[citation]`).
    pub fn of(event: &Event, quotes: &[QuoteMatch]) -> Self {
        let mut any = false;
        for (citation, quote) in event.citations.iter().zip(
            quotes
                .iter()
                .copied()
                .chain(std::iter::repeat(QuoteMatch::NotFound)),
        ) {
            if citation.quote.exact.is_empty() {
                continue;
            }
            if !quote.is_verified() {
                return Self::NotFound;
            }
            any = true;
        }
        if any { Self::Verified } else { Self::None }
    }

    /// The word used on the command line and in footers.
    pub fn id(self) -> &'static str {
        match self {
            Self::Verified => "verified",
            Self::NotFound => "not_found",
            Self::None => "none",
        }
    }

    /// Sentence case, for chips.
    pub fn label(self) -> &'static str {
        match self {
            Self::Verified => "Quotes verified",
            Self::NotFound => "Quote not found",
            Self::None => "No quotes",
        }
    }
}

/// What to show. The default shows everything.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    pub kinds: Vec<EventKind>,
    /// Lane ids to show (an event's own lane, or the one named after its kind).
    pub lanes: Vec<String>,
    /// Actor ids or names.
    pub actors: Vec<String>,
    pub tags: Vec<String>,
    pub quotes: Vec<QuoteStatus>,
    /// Events that end before this date's start are left out.
    pub from: Option<Date>,
    /// Events that begin after this date's end are left out.
    pub to: Option<Date>,
    /// Lanes whose events are never shown, whatever else matches.
    pub hidden_lanes: Vec<String>,
    /// Words that must occur in the event's title, summary, quotes, actors, tags or source titles.
    pub search: String,
}

impl Filter {
    /// True when something is left out; an inactive filter needs no pass over the events.
    pub fn is_active(&self) -> bool {
        self.has_criteria() || !self.search.trim().is_empty()
    }

    fn has_criteria(&self) -> bool {
        !(self.kinds.is_empty()
            && self.lanes.is_empty()
            && self.actors.is_empty()
            && self.tags.is_empty()
            && self.quotes.is_empty()
            && self.from.is_none()
            && self.to.is_none()
            && self.hidden_lanes.is_empty())
    }

    /// The filters in words, for an export's provenance footer: `["kind statement", "search
    /// “groundless”"]`. Empty when nothing is filtered.
    pub fn describe(&self) -> Vec<String> {
        let mut parts = Vec::new();
        if let Some(d) = self.from {
            parts.push(format!("from {d}"));
        }
        if let Some(d) = self.to {
            parts.push(format!("to {d}"));
        }
        let mut list = |name: &str, values: Vec<&str>| {
            if !values.is_empty() {
                parts.push(format!("{name} {}", values.join(" or ")));
            }
        };
        list("kind", self.kinds.iter().map(|k| k.id()).collect());
        list("lane", self.lanes.iter().map(String::as_str).collect());
        list("actor", self.actors.iter().map(String::as_str).collect());
        list("tag", self.tags.iter().map(String::as_str).collect());
        list("quotes", self.quotes.iter().map(|q| q.id()).collect());
        list(
            "hidden lane",
            self.hidden_lanes.iter().map(String::as_str).collect(),
        );
        let search = self.search.trim();
        if !search.is_empty() {
            parts.push(format!("search “{search}”"));
        }
        parts
    }

    /// The events this filter shows, in one parallel pass (plus one scan of the search index).
    pub fn apply(&self, dataset: &Dataset, quotes: &QuoteMatches, search: &SearchIndex) -> Matches {
        let count = dataset.events.len();
        let mut shown = if self.search.trim().is_empty() {
            vec![true; count]
        } else {
            let mut found = search.find(&self.search);
            found.resize(count, false);
            found
        };
        if self.has_criteria() {
            let criteria = Criteria::new(self, dataset);
            shown
                .par_iter_mut()
                .zip(dataset.events.par_iter())
                .enumerate()
                .for_each(|(i, (keep, event))| {
                    if *keep {
                        *keep = criteria.holds(dataset, event, quotes.of(i));
                    }
                });
        }
        Matches::from_bits(shown)
    }
}

/// A [`Filter`]'s values prepared once for the pass over the events.
struct Criteria<'a> {
    filter: &'a Filter,
    /// For each of the dataset's actors: whether the actor filter names it.
    actors_wanted: foldhash::HashSet<&'a str>,
    tags: Vec<String>,
    from_days: f64,
    to_days: f64,
}

impl<'a> Criteria<'a> {
    fn new(filter: &'a Filter, dataset: &'a Dataset) -> Self {
        let wanted: Vec<String> = filter.actors.iter().map(|a| fold(a.trim())).collect();
        let actors_wanted = dataset
            .actors
            .iter()
            .filter(|a| {
                wanted
                    .iter()
                    .any(|w| *w == fold(&a.id) || *w == fold(&a.name))
            })
            .map(|a| a.id.as_str())
            .collect();
        Self {
            filter,
            actors_wanted,
            tags: filter.tags.iter().map(|t| fold(t.trim())).collect(),
            from_days: filter
                .from
                .as_ref()
                .map_or(f64::NEG_INFINITY, Date::start_days),
            to_days: filter.to.as_ref().map_or(f64::INFINITY, Date::end_days),
        }
    }

    fn holds(&self, dataset: &Dataset, event: &Event, quotes: &[QuoteMatch]) -> bool {
        let f = self.filter;
        let lane = dataset.lane_id(event);
        (f.kinds.is_empty() || f.kinds.contains(&event.kind))
            && (f.lanes.is_empty() || f.lanes.iter().any(|l| l == lane))
            && !f.hidden_lanes.iter().any(|l| l == lane)
            && (f.actors.is_empty()
                || event
                    .actors
                    .iter()
                    .any(|a| self.actors_wanted.contains(a.as_str())))
            && (self.tags.is_empty() || event.tags.iter().any(|t| self.tags.contains(&fold(t))))
            && (f.quotes.is_empty() || f.quotes.contains(&QuoteStatus::of(event, quotes)))
            && event.latest_days() >= self.from_days
            && event.earliest_days() <= self.to_days
    }
}

/// The events a filter shows: one flag per event, read by the timeline, the table and exports.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matches {
    shown: Vec<bool>,
    count: usize,
}

impl Matches {
    /// Every one of `count` events shown.
    pub fn all(count: usize) -> Self {
        Self::from_bits(vec![true; count])
    }

    /// The events whose bit is set.
    pub fn from_bits(shown: Vec<bool>) -> Self {
        let count = shown.iter().filter(|&&s| s).count();
        Self { shown, count }
    }

    /// Whether event `index` is shown (an index past the end is not).
    pub fn contains(&self, index: usize) -> bool {
        self.shown.get(index).copied().unwrap_or(false)
    }

    /// How many events are shown.
    pub fn count(&self) -> usize {
        self.count
    }

    /// The shown events' indices, in file order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.shown
            .iter()
            .enumerate()
            .filter_map(|(i, &s)| s.then_some(i))
    }

    /// The next shown event in time after `current` (the first with none), wrapping at the end:
    /// Enter in the search box. `by_time` is the document's events in time order.
    pub fn next_in_time(&self, by_time: &[usize], current: Option<usize>) -> Option<usize> {
        let start = current
            .and_then(|c| by_time.iter().position(|&e| e == c))
            .map_or(0, |p| p + 1);
        let (after, before) = by_time.split_at(start.min(by_time.len()));
        before
            .iter()
            .chain(after)
            .copied()
            .find(|&e| self.contains(e))
    }

    /// The previous shown event in time before `current` (the last with none), wrapping: Shift+Enter.
    pub fn previous_in_time(&self, by_time: &[usize], current: Option<usize>) -> Option<usize> {
        let end = current
            .and_then(|c| by_time.iter().position(|&e| e == c))
            .unwrap_or(by_time.len());
        let (before, after) = by_time.split_at(end.min(by_time.len()));
        before
            .iter()
            .rev()
            .chain(after.iter().rev())
            .copied()
            .find(|&e| self.contains(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Citation, Lane, Quote, Source};

    fn event(id: &str, kind: EventKind, date: &str, title: &str) -> Event {
        crate::model::test_event(id, kind, "", date, title)
    }

    fn dataset() -> Dataset {
        let mut peskov = event("peskov", EventKind::Statement, "2020-11-13", "Peskov to RT");
        peskov.actors = vec!["dmitry-peskov".into()];
        peskov.citations = vec![Citation {
            source: "rt".into(),
            quote: Quote {
                exact: "The accusations are groundless".into(),
                prefix: None,
                suffix: None,
            },
            note: None,
        }];
        let mut report = event(
            "ica",
            EventKind::Report,
            "2017-01-06",
            "ICA: Assessing Russian activities",
        );
        report.tags = vec!["Intelligence".into()];
        report.summary = Some("Élysée was not mentioned".into());
        let zakharova = event(
            "zakharova",
            EventKind::Statement,
            "2017-01-07",
            "Zakharova: a witch hunt",
        );
        Dataset {
            lanes: vec![Lane {
                id: "statement".into(),
                label: "Statements".into(),
                color: None,
            }],
            actors: vec![Actor {
                id: "dmitry-peskov".into(),
                name: "Dmitry Peskov".into(),
                role: None,
            }],
            sources: vec![Source {
                id: "rt".into(),
                title: "Interview with RT".into(),
                outlet: None,
                published: None,
                url: None,
                note: None,
                text: None,
                text_file: None,
                sha256: None,
            }],
            events: vec![peskov, report, zakharova]
                .into_iter()
                .map(std::sync::Arc::new)
                .collect(),
            ..Dataset::default()
        }
    }

    fn shown(filter: &Filter, data: &Dataset) -> Vec<usize> {
        let quotes: QuoteMatches = data
            .events
            .iter()
            .map(|e| vec![QuoteMatch::Found { start: 0, end: 1 }; e.citations.len()])
            .collect();
        filter
            .apply(data, &quotes, &SearchIndex::new(data))
            .iter()
            .collect()
    }

    #[test]
    fn search_reaches_every_field_ignoring_case_and_accents() {
        let data = dataset();
        let search = |q: &str| {
            shown(
                &Filter {
                    search: q.into(),
                    ..Filter::default()
                },
                &data,
            )
        };
        assert_eq!(search("GROUNDLESS"), [0], "quote");
        assert_eq!(search("interview with"), [0], "source title");
        assert_eq!(search("dmitry"), [0], "actor name");
        assert_eq!(search("intelligence"), [1], "tag");
        assert_eq!(search("elysee"), [1], "summary, accent-insensitive");
        assert_eq!(search("witch"), [2], "title");
        assert_eq!(search("  "), [0, 1, 2], "blank matches all");
        assert_eq!(search("nowhere"), Vec::<usize>::new());
    }

    #[test]
    fn a_title_many_events_cite_is_held_and_searched_once() {
        // A hostile file: one long source title, cited by every event.
        let mut data = dataset();
        let title = format!("{} needle", "long title ".repeat(10_000));
        data.sources[0].title = title.clone();
        let citing = data.events[0].clone();
        data.events = vec![citing; 2_000];
        let index = SearchIndex::new(&data);
        let held = index.held_bytes();
        // Each event's own words (under 100 bytes here) and the title once; a copy of the title
        // per citation would be 220 MB.
        let bound = title.len() + 100 * data.events.len();
        assert!(held < bound, "{held} bytes held, more than {bound}");
        let found = index.find("NEEDLE");
        assert_eq!(found.iter().filter(|&&f| f).count(), 2_000);
        assert_eq!(index.find("dmitry").len(), 2_000, "one flag per event");
    }

    #[test]
    fn a_match_never_spans_two_events() {
        let data = dataset();
        // The end of one event's text and the start of the next must not join into a match.
        let found = SearchIndex::new(&data).find("hunt\nica");
        assert_eq!(found, [false, false, false]);
    }

    #[test]
    fn values_of_one_filter_or_and_filters_and() {
        let data = dataset();
        let kinds = Filter {
            kinds: vec![EventKind::Statement, EventKind::Report],
            ..Filter::default()
        };
        assert_eq!(shown(&kinds, &data), [0, 1, 2]);
        let statement_2017 = Filter {
            kinds: vec![EventKind::Statement],
            from: Date::parse("2017").ok(),
            to: Date::parse("2017").ok(),
            ..Filter::default()
        };
        assert_eq!(shown(&statement_2017, &data), [2]);
        let by_actor_name = Filter {
            actors: vec!["dmitry peskov".into()],
            ..Filter::default()
        };
        assert_eq!(shown(&by_actor_name, &data), [0]);
        let hidden = Filter {
            hidden_lanes: vec!["statement".into()],
            ..Filter::default()
        };
        assert_eq!(shown(&hidden, &data), [1]);
        let quoted = Filter {
            quotes: vec![QuoteStatus::Verified],
            ..Filter::default()
        };
        assert_eq!(shown(&quoted, &data), [0]);
        let no_quotes = Filter {
            quotes: vec![QuoteStatus::None],
            tags: vec!["INTELLIGENCE".into()],
            ..Filter::default()
        };
        assert_eq!(shown(&no_quotes, &data), [1]);
    }

    #[test]
    fn steps_through_matches_in_time_and_wraps() {
        let data = dataset();
        let index = crate::timeline::TimelineIndex::new(&data);
        let statements = Filter {
            kinds: vec![EventKind::Statement],
            ..Filter::default()
        };
        let quotes: QuoteMatches = [vec![QuoteMatch::NotFound], vec![], vec![]]
            .into_iter()
            .collect();
        let m = statements.apply(&data, &quotes, &SearchIndex::new(&data));
        assert_eq!(m.count(), 2);
        // Zakharova (2017) comes before Peskov (2020).
        assert_eq!(m.next_in_time(&index.by_time, None), Some(2));
        assert_eq!(m.next_in_time(&index.by_time, Some(2)), Some(0));
        assert_eq!(m.next_in_time(&index.by_time, Some(0)), Some(2));
        assert_eq!(m.previous_in_time(&index.by_time, None), Some(0));
        assert_eq!(m.previous_in_time(&index.by_time, Some(0)), Some(2));
        let not_found = Filter {
            quotes: vec![QuoteStatus::NotFound],
            ..Filter::default()
        };
        assert_eq!(
            not_found
                .apply(&data, &quotes, &SearchIndex::new(&data))
                .iter()
                .collect::<Vec<_>>(),
            [0]
        );
    }

    #[test]
    fn describes_itself_for_footers() {
        let filter = Filter {
            kinds: vec![EventKind::Statement],
            actors: vec!["peskov".into(), "zakharova".into()],
            search: " groundless ".into(),
            ..Filter::default()
        };
        assert!(filter.is_active());
        assert_eq!(
            filter.describe(),
            [
                "kind statement",
                "actor peskov or zakharova",
                "search “groundless”"
            ]
        );
        assert!(!Filter::default().is_active());
        assert!(Filter::default().describe().is_empty());
    }

    #[test]
    fn folds_accents_and_case() {
        assert_eq!(fold("Élysée ÇA Straße Ёлка"), "elysee ca strasse елка");
    }
}
