//! Each item of a dataset as its canonical object: members in the order the format lists them,
//! absent optional fields left out, the fields the format does not know after them.

use foldhash::HashMap;

use super::writer::{Obj, Out, array};
use crate::model::kept::{Fields, Part};
use crate::model::{Citation, Event, Lane, Relation, Source};
use crate::save::texts::SourceFile;

/// Kept fields of one event's citations, quotes and relations, by their index now.
#[derive(Default)]
pub(super) struct NestedPlan<'d> {
    pub(super) citation: HashMap<usize, &'d Fields>,
    pub(super) quote: HashMap<usize, &'d Fields>,
    pub(super) relation: HashMap<usize, &'d Fields>,
}

/// An event's own kept fields and its nested ones.
pub(super) struct EventKept<'p, 'd> {
    pub(super) fields: Option<&'p Fields>,
    pub(super) nested: Option<&'p NestedPlan<'d>>,
}

pub(super) fn lane_object(out: &mut Out, depth: usize, lane: &Lane, kept: Option<&Fields>) {
    let mut obj = Obj::open(out, depth);
    obj.str("id", &lane.id);
    obj.str("label", &lane.label);
    obj.opt_str("color", lane.color.as_deref());
    obj.fields(kept);
    obj.close();
}

/// How a source's text is written.
pub(super) enum Text<'a> {
    /// Inline when it has no `text_file`; a text read from its `text_file` is that file's, not
    /// the dataset's, and stays in the file.
    AsIs,
    /// Inline even beside a `text_file`: the file gave both (an error, kept as it was).
    Inline,
    /// In this file, just written.
    File(&'a SourceFile),
}

#[expect(
    clippy::needless_pass_by_value,
    reason = "a small view, copied by the callers"
)]
pub(super) fn source_object(
    out: &mut Out,
    depth: usize,
    source: &Source,
    text: Text<'_>,
    kept: Option<&Fields>,
) {
    let mut obj = Obj::open(out, depth);
    obj.str("id", &source.id);
    obj.str("title", &source.title);
    obj.opt_str("outlet", source.outlet.as_deref());
    obj.opt_date("published", source.published);
    obj.opt_str("url", source.url.as_deref());
    obj.opt_str("note", source.note.as_deref());
    match text {
        Text::File(file) => {
            obj.str("text_file", &file.text_file);
            obj.str("sha256", &file.sha256);
        }
        Text::AsIs | Text::Inline => {
            if source.text_file.is_none() || matches!(text, Text::Inline) {
                obj.opt_str("text", source.text.as_deref());
            }
            obj.opt_str("text_file", source.text_file.as_deref());
            obj.opt_str("sha256", source.sha256.as_deref());
        }
    }
    obj.fields(kept);
    obj.close();
}

#[expect(
    clippy::needless_pass_by_value,
    reason = "a small view, copied by the callers"
)]
pub(super) fn event_object(out: &mut Out, depth: usize, event: &Event, kept: EventKept<'_, '_>) {
    let mut obj = Obj::open(out, depth);
    obj.str("id", &event.id);
    obj.str("kind", event.kind.id());
    if !event.lane.is_empty() {
        obj.str("lane", &event.lane);
    }
    obj.date("date", event.date);
    obj.opt_date("end", event.end);
    obj.opt_date("ongoing_as_of", event.ongoing_as_of);
    obj.opt_date("earliest", event.earliest);
    obj.opt_date("latest", event.latest);
    obj.opt_str("date_basis", event.date_basis.as_deref());
    obj.str("title", &event.title);
    obj.opt_str("summary", event.summary.as_deref());
    let inner = depth + 1;
    if !event.actors.is_empty() {
        let out = obj.key("actors");
        array(out, inner, event.actors.iter(), |out, _, id| out.string(id));
    }
    if !event.tags.is_empty() {
        let out = obj.key("tags");
        array(out, inner, event.tags.iter(), |out, _, tag| out.string(tag));
    }
    let nested = kept.nested;
    let of = |part: Part, i: usize| {
        let nested = nested?;
        let slot = match part {
            Part::Citation => &nested.citation,
            Part::Quote => &nested.quote,
            Part::Relation => &nested.relation,
        };
        slot.get(&i).copied()
    };
    if !event.citations.is_empty() {
        let out = obj.key("citations");
        let items = event.citations.iter().enumerate();
        array(out, inner, items, |out, depth, (i, citation)| {
            let kept = (of(Part::Citation, i), of(Part::Quote, i));
            citation_object(out, depth, citation, kept);
        });
    }
    if !event.relations.is_empty() {
        let out = obj.key("relations");
        let items = event.relations.iter().enumerate();
        array(out, inner, items, |out, depth, (i, relation)| {
            relation_object(out, depth, relation, of(Part::Relation, i));
        });
    }
    obj.fields(kept.fields);
    obj.close();
}

pub(super) fn citation_object(
    out: &mut Out,
    depth: usize,
    citation: &Citation,
    (kept, quote_kept): (Option<&Fields>, Option<&Fields>),
) {
    let mut obj = Obj::open(out, depth);
    obj.str("source", &citation.source);
    let out = obj.key("quote");
    let mut quote = Obj::open(out, depth + 1);
    quote.str("exact", &citation.quote.exact);
    quote.opt_str("prefix", citation.quote.prefix.as_deref());
    quote.opt_str("suffix", citation.quote.suffix.as_deref());
    quote.fields(quote_kept);
    quote.close();
    obj.opt_str("note", citation.note.as_deref());
    obj.fields(kept);
    obj.close();
}

pub(super) fn relation_object(
    out: &mut Out,
    depth: usize,
    relation: &Relation,
    kept: Option<&Fields>,
) {
    let mut obj = Obj::open(out, depth);
    obj.str("type", relation.kind.name());
    obj.str("target", &relation.target);
    obj.opt_str("note", relation.note.as_deref());
    obj.fields(kept);
    obj.close();
}
