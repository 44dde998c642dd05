//! What the validator says after an edit, about only what the edit touched.
//!
//! The same checks as `claimline check` ([`crate::load::validate::check_event`] and its lane and
//! source checks), asked of the touched events, lanes and sources alone. Ids are looked up in the
//! open document's index (a binary search) rather than in tables of every id, and only the quotes
//! of touched events are located again, so an edit in a million events costs what the edited
//! event costs.

use foldhash::{HashMap, HashSet};

use crate::load::Finding;
use crate::load::finding::{Place, Severity};
use crate::load::validate::{EventContext, check_event, check_lane, check_source};
use crate::model::{Dataset, QuoteMatch, QuoteMatches, Source, locate_quotes};
use crate::timeline::TimelineIndex;

/// Findings an edit made stale, and the findings now.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Revalidation {
    /// What the validator said, before the edit, about what the edit touched.
    pub stale: Vec<Finding>,
    /// What it says now about the same (found at no line yet: the dataset is not a file now).
    pub fresh: Vec<Finding>,
    /// Events the edit deleted: nothing said about them holds any more.
    pub removed_events: Vec<String>,
}

impl Revalidation {
    /// Brings a list of findings up to date: drops the stale ones (each once, matched by event,
    /// severity and message, since paths and places move as events are added and removed),
    /// every finding about a deleted event, and adds the fresh ones.
    pub fn update(&self, findings: &mut Vec<Finding>) {
        if self.changes_nothing() {
            return;
        }
        let key = |f: &Finding| (f.event.clone(), f.severity, f.message.clone());
        let mut stale: HashMap<(Option<String>, Severity, String), usize> = HashMap::default();
        for finding in &self.stale {
            *stale.entry(key(finding)).or_insert(0) += 1;
        }
        let about: HashSet<Option<&str>> = self.stale.iter().map(|f| f.event.as_deref()).collect();
        let removed: HashSet<&str> = self.removed_events.iter().map(String::as_str).collect();
        findings.retain(|f| {
            let event = f.event.as_deref();
            if event.is_some_and(|e| removed.contains(e)) {
                return false;
            }
            if !about.contains(&event) {
                return true;
            }
            match stale.get_mut(&key(f)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            }
        });
        findings.extend(self.fresh.iter().cloned());
    }

    /// Whether the fresh findings are the stale ones (a new title that breaks nothing): then the
    /// list stays as it is, without a pass over it, and a million findings cost nothing per
    /// keystroke.
    pub fn changes_nothing(&self) -> bool {
        if !self.removed_events.is_empty() || self.stale.len() != self.fresh.len() {
            return false;
        }
        let key = |f: &Finding| (f.event.clone(), f.severity, f.message.clone());
        let mut stale: Vec<_> = self.stale.iter().map(key).collect();
        let mut fresh: Vec<_> = self.fresh.iter().map(key).collect();
        stale.sort();
        fresh.sort();
        stale == fresh
    }
}

/// How an edit asks the event checks about the rest of the dataset.
pub(crate) struct Editing<'a> {
    dataset: &'a Dataset,
    index: &'a TimelineIndex,
    quotes: &'a QuoteMatches,
    lanes: HashSet<&'a str>,
    actors: HashSet<&'a str>,
    sources: HashMap<&'a str, usize>,
}

impl<'a> Editing<'a> {
    pub(crate) fn new(
        dataset: &'a Dataset,
        index: &'a TimelineIndex,
        quotes: &'a QuoteMatches,
    ) -> Self {
        let mut sources = HashMap::default();
        for (i, s) in dataset.sources.iter().enumerate().rev() {
            sources.insert(s.id.as_str(), i);
        }
        Self {
            dataset,
            index,
            quotes,
            lanes: dataset.lanes.iter().map(|l| l.id.as_str()).collect(),
            actors: dataset.actors.iter().map(|a| a.id.as_str()).collect(),
            sources,
        }
    }

    /// Every finding of events `events`, as a load would make them.
    pub(crate) fn events(&self, events: impl IntoIterator<Item = usize>) -> Vec<Finding> {
        let mut findings = Vec::new();
        let (mut targets, mut quotes) = (Vec::new(), Vec::new());
        for n in events {
            if let Some(event) = self.dataset.events.get(n) {
                check_event(self, n, event, &mut findings, &mut targets, &mut quotes);
                targets.clear();
                quotes.clear();
            }
        }
        findings
    }
}

impl EventContext for Editing<'_> {
    fn dataset(&self) -> &Dataset {
        self.dataset
    }
    fn lanes_declared(&self) -> bool {
        !self.dataset.lanes.is_empty()
    }
    fn is_lane(&self, id: &str) -> bool {
        self.lanes.contains(id)
    }
    fn is_actor(&self, id: &str) -> bool {
        self.actors.contains(id)
    }
    fn event_index(&self, id: &str) -> Option<usize> {
        self.index.event_by_id(self.dataset, id)
    }
    fn is_broken_event(&self, _: &str) -> bool {
        false
    }
    fn source(&self, id: &str) -> Option<&Source> {
        self.sources
            .get(id)
            .and_then(|&i| self.dataset.sources.get(i))
    }
    fn quote(&self, event: usize, citation: usize) -> QuoteMatch {
        self.quotes
            .of(event)
            .get(citation)
            .copied()
            .unwrap_or(QuoteMatch::NotFound)
    }
    fn event_path(&self, event: usize) -> String {
        crate::load::position::element_path("events", event)
    }
    fn place(&self, _: &str) -> Place {
        Place::UNRESOLVED
    }
}

/// Locates the quotes of `events` in their sources again, each source's quotes in one pass over
/// its text, and stores the matches in `quotes`.
pub(crate) fn locate_again(dataset: &Dataset, quotes: &mut QuoteMatches, events: &[usize]) {
    let mut sources: HashMap<&str, usize> = HashMap::default();
    for (i, s) in dataset.sources.iter().enumerate().rev() {
        sources.insert(s.id.as_str(), i);
    }
    // Per source: the citations to look for, as (place in `matches`, quote).
    let mut wanted: HashMap<usize, Vec<(usize, &crate::model::Quote)>> = HashMap::default();
    let mut matches: Vec<QuoteMatch> = Vec::new();
    let mut spans: Vec<(usize, usize, usize)> = Vec::with_capacity(events.len());
    for &n in events {
        let Some(event) = dataset.events.get(n) else {
            continue;
        };
        let first = matches.len();
        for citation in &event.citations {
            let source = sources
                .get(citation.source.as_str())
                .copied()
                .filter(|&s| dataset.sources.get(s).is_some_and(|s| s.text.is_some()));
            if let Some(source) = source {
                wanted
                    .entry(source)
                    .or_default()
                    .push((matches.len(), &citation.quote));
            }
            matches.push(QuoteMatch::NotFound);
        }
        spans.push((n, first, matches.len()));
    }
    for (source, list) in wanted {
        let Some(text) = dataset.sources.get(source).and_then(|s| s.text.as_deref()) else {
            continue;
        };
        let quotes: Vec<&crate::model::Quote> = list.iter().map(|(_, q)| *q).collect();
        for ((slot, _), found) in list.iter().zip(locate_quotes(text, &quotes)) {
            if let Some(m) = matches.get_mut(*slot) {
                *m = found;
            }
        }
    }
    for (n, from, to) in spans {
        quotes.set_event(n, matches.get(from..to).unwrap_or_default());
    }
}

/// The findings of the lanes with these ids.
pub(crate) fn lane_findings(dataset: &Dataset, ids: &[String]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (n, lane) in dataset.lanes.iter().enumerate() {
        if ids.contains(&lane.id) {
            let path = crate::load::position::element_path("lanes", n);
            check_lane(lane, &path, |_| Place::UNRESOLVED, &mut findings);
        }
    }
    findings
}

/// The findings of the sources with these ids.
pub(crate) fn source_findings(dataset: &Dataset, ids: &[String]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (n, source) in dataset.sources.iter().enumerate() {
        if ids.contains(&source.id) {
            let path = crate::load::position::element_path("sources", n);
            check_source(source, &path, |_| Place::UNRESOLVED, &mut findings);
        }
    }
    findings
}

/// Locates the quotes of `events` again and returns their findings: what `claimline check` says
/// about these events, and only them.
pub fn revalidate(
    dataset: &Dataset,
    index: &TimelineIndex,
    quotes: &mut QuoteMatches,
    events: &[usize],
) -> Vec<Finding> {
    locate_again(dataset, quotes, events);
    Editing::new(dataset, index, quotes).events(events.iter().copied())
}
