//! One event on its own: its title, lane, dates, actors, relations and quotes, for a load and for
//! an edit.

use foldhash::{HashMap, HashSet};

use super::super::finding::{Finding, Place};
use super::super::position::{Positions, member_path};
use super::item_path;
use super::quotes::QuotesBySource;
use crate::model::{Dataset, Date, Event, QuoteMatch, Source};

/// What checking one event needs from the rest of the dataset: which ids exist, where each of its
/// quotes was found, and where a path is in the file. A load answers from its tables of every id;
/// an edit ([`crate::edit`]) from the open document's index, for the few events it touched.
pub(crate) trait EventContext {
    fn dataset(&self) -> &Dataset;
    /// Whether lanes are checked at all: a file that declares none is drawn in lanes the loader
    /// makes from the events.
    fn lanes_declared(&self) -> bool;
    fn is_lane(&self, id: &str) -> bool;
    fn is_actor(&self, id: &str) -> bool;
    /// The event a relation to `id` resolves to: the first with that id.
    fn event_index(&self, id: &str) -> Option<usize>;
    /// An id the file gave an event that could not be read (its relations are not reported again).
    fn is_broken_event(&self, id: &str) -> bool;
    fn source(&self, id: &str) -> Option<&Source>;
    /// Where citation `citation` of event `event` was found in its source.
    fn quote(&self, event: usize, citation: usize) -> QuoteMatch;
    /// The path of event `event` (`events[12]`, or an importer's own).
    fn event_path(&self, event: usize) -> String;
    fn place(&self, path: &str) -> Place;
}

/// Checks event `n` on its own: its title, lane, dates, actors, relations and quotes. Findings go
/// to `findings`, each relation's target to `targets` and each citation's match to `event_quotes`.
pub(crate) fn check_event(
    cx: &impl EventContext,
    n: usize,
    event: &Event,
    findings: &mut Vec<Finding>,
    targets: &mut Vec<Option<u32>>,
    event_quotes: &mut Vec<QuoteMatch>,
) {
    let field = |base: &str, name: &str| member_path(base, name);
    // Built only for a finding: a million clean events need no path strings.
    let path = || cx.event_path(n);
    let id = Some(event.id.as_str());
    let mut push = |finding: Finding| findings.push(finding.in_event(id));

    if event.title.trim().is_empty() {
        let p = field(&path(), "title");
        push(Finding::error(cx.place(&p), p, "title is empty"));
    } else if crate::model::visible_text::is_invisible(&event.title) {
        // Zero-width and other invisible characters show nothing, like spaces.
        let p = field(&path(), "title");
        push(Finding::error(
            cx.place(&p),
            p,
            "title is empty: it has only invisible characters (zero-width spaces or the like)",
        ));
    }
    // Leaving `date_basis` out is allowed; giving it and saying nothing is not what anyone meant
    // (an edit that cleared the field).
    if event
        .date_basis
        .as_deref()
        .is_some_and(crate::model::visible_text::is_invisible)
    {
        let p = field(&path(), "date_basis");
        push(Finding::warning(
            cx.place(&p),
            p,
            "date_basis is empty: say how the date is known (\"'said Monday' in an article of 9 Nov 2020\")",
        ));
    }
    if cx.lanes_declared() {
        let lane = cx.dataset().lane_id(event);
        if !cx.is_lane(lane) {
            let p = field(&path(), "lane");
            let message = if event.lane.is_empty() {
                format!("event has no `lane` and there is no lane `{lane}` named after its kind")
            } else {
                format!("unknown lane `{lane}`")
            };
            push(Finding::error(cx.place(&p), p, message));
        }
    }
    if let Some(end) = event.end
        && before(end, event.date)
    {
        let p = field(&path(), "end");
        push(Finding::error(
            cx.place(&p),
            p,
            format!(
                "range ends ({}) before it starts ({})",
                end.iso(),
                event.date.iso()
            ),
        ));
    }
    if let Some(attested) = event.ongoing_as_of {
        // Still going as of a date: not before it starts, and not alongside a known end.
        let p = field(&path(), "ongoing_as_of");
        if before(attested, event.date) {
            push(Finding::error(
                cx.place(&p),
                p,
                format!(
                    "still going as of {}, which is before it starts ({})",
                    attested.iso(),
                    event.date.iso()
                ),
            ));
        } else if event.end.is_some() {
            push(Finding::error(
                cx.place(&p),
                p,
                "give `end` (it ended then) or `ongoing_as_of` (still going then, end unknown), not both",
            ));
        }
    }
    if let (Some(earliest), Some(latest)) = (event.earliest, event.latest)
        && before(latest, earliest)
    {
        let p = field(&path(), "earliest");
        push(Finding::error(
            cx.place(&p),
            p,
            format!(
                "earliest ({}) is after latest ({})",
                earliest.iso(),
                latest.iso()
            ),
        ));
    }
    for (i, actor) in event.actors.iter().enumerate() {
        if !cx.is_actor(actor) {
            let p = format!("{}.actors[{i}]", path());
            push(Finding::error(
                cx.place(&p),
                p,
                format!("unknown actor `{actor}`"),
            ));
        }
    }
    for (i, relation) in event.relations.iter().enumerate() {
        let p = || format!("{}.relations[{i}].target", path());
        let target = cx.event_index(&relation.target);
        targets.push(target.map(|t| t as u32));
        if relation.target == event.id {
            let p = p();
            push(Finding::warning(
                cx.place(&p),
                p,
                "relation points at its own event",
            ));
        } else if target.is_none() && !cx.is_broken_event(&relation.target) {
            let p = p();
            push(Finding::error(
                cx.place(&p),
                p,
                format!("relation target `{}` is not an event id", relation.target),
            ));
        }
    }
    for (i, citation) in event.citations.iter().enumerate() {
        let base = || format!("{}.citations[{i}]", path());
        let Some(source) = cx.source(&citation.source) else {
            let p = field(&base(), "source");
            push(Finding::error(
                cx.place(&p),
                p,
                format!("citation source `{}` is not a source id", citation.source),
            ));
            event_quotes.push(QuoteMatch::NotFound);
            continue;
        };
        if source.text.is_none() {
            // A `text_file` that could not be read has its own finding already. A source with
            // no text at all cannot verify words; a citation quoting none is a bare reference
            // (an imported media link) and claims nothing to verify.
            if source.text_file.is_none() && !citation.quote.exact.is_empty() {
                let exact = format!("{}.quote.exact", base());
                push(Finding::warning(
                    cx.place(&exact),
                    exact,
                    format!(
                        "quote “{}” cannot be verified: source `{}` has no text",
                        preview(&citation.quote.exact),
                        source.id
                    ),
                ));
            }
            event_quotes.push(QuoteMatch::NotFound);
            continue;
        }
        let found = cx.quote(n, i);
        let exact = || format!("{}.quote.exact", base());
        let preview = || preview(&citation.quote.exact);
        match found {
            QuoteMatch::Found { .. } => {}
            QuoteMatch::Ambiguous { count, .. } => push(Finding::warning(
                cx.place(&exact()),
                exact(),
                format!(
                    "quote “{}” occurs {count} times in source `{}`; add a `prefix` or `suffix` to pick one",
                    preview(),
                    source.id
                ),
            )),
            QuoteMatch::ContextMismatch { occurrences } => {
                let p = if citation.quote.prefix.is_some() {
                    format!("{}.quote.prefix", base())
                } else {
                    format!("{}.quote.suffix", base())
                };
                push(Finding::error(
                    cx.place(&p),
                    p,
                    format!(
                        "quote “{}” occurs {occurrences} time(s) in source `{}`, but never with this prefix/suffix",
                        preview(),
                        source.id
                    ),
                ));
            }
            QuoteMatch::NotFound if citation.quote.exact.is_empty() => {
                let exact = exact();
                push(Finding::error(cx.place(&exact), exact, "quote is empty"));
            }
            QuoteMatch::NotFound => {
                let exact = exact();
                push(Finding::error(
                    cx.place(&exact),
                    exact,
                    format!(
                        "quote not found verbatim in source `{}`: “{}”",
                        source.id,
                        preview()
                    ),
                ));
            }
        }
        event_quotes.push(found);
    }
}

/// A load's answers to [`EventContext`]: tables of every id, built once for all events.
pub(super) struct Loading<'a> {
    pub(super) dataset: &'a Dataset,
    pub(super) lanes_declared: bool,
    pub(super) lanes: &'a HashMap<&'a str, usize>,
    pub(super) actors: &'a HashMap<&'a str, usize>,
    pub(super) events: &'a HashMap<&'a str, usize>,
    pub(super) broken_event_ids: &'a HashSet<&'a str>,
    pub(super) sources: &'a HashMap<&'a str, usize>,
    pub(super) located: &'a QuotesBySource,
    pub(super) event_paths: &'a [String],
    pub(super) positions: &'a Positions,
}

impl EventContext for Loading<'_> {
    fn dataset(&self) -> &Dataset {
        self.dataset
    }
    fn lanes_declared(&self) -> bool {
        self.lanes_declared
    }
    fn is_lane(&self, id: &str) -> bool {
        self.lanes.contains_key(id)
    }
    fn is_actor(&self, id: &str) -> bool {
        self.actors.contains_key(id)
    }
    fn event_index(&self, id: &str) -> Option<usize> {
        self.events.get(id).copied()
    }
    fn is_broken_event(&self, id: &str) -> bool {
        self.broken_event_ids.contains(id)
    }
    fn source(&self, id: &str) -> Option<&Source> {
        self.sources
            .get(id)
            .and_then(|&i| self.dataset.sources.get(i))
    }
    fn quote(&self, event: usize, citation: usize) -> QuoteMatch {
        self.located.found(event, citation)
    }
    fn event_path(&self, event: usize) -> String {
        item_path(self.event_paths, "events", event)
    }
    fn place(&self, path: &str) -> Place {
        self.positions.value(path)
    }
}

/// True when `a` lies wholly before `b` (a range ending in 2019 before one starting in 2020).
fn before(a: Date, b: Date) -> bool {
    a.start_days() < b.start_days() && a.end_days() <= b.start_days()
}

/// A quote shortened for a one-line message.
fn preview(quote: &str) -> String {
    crate::model::visible_text::cut(quote, 60).into_owned()
}
