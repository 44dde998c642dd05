//! What a file held that the model's own fields do not: kept beside the dataset so that saving it
//! gives the file back, not only the parts Claimline understands.
//!
//! - Fields `claimline/1` does not know (a user's `x-notes`, a field from a newer version) are
//!   captured with their JSON values, keyed by the item that held them.
//! - Items that could not be read (an event with a date that does not exist) are kept as they were
//!   written, so a save of a file opened to be fixed does not drop them.
//! - Whether the file declared its lanes, and which sources had their text inline: what was read,
//!   as opposed to what the loader derived (default lanes, texts read from `text_file`).
//!
//! Capturing costs nothing for a file with no unknown fields: the loader asks for an item's values
//! only when `serde_ignored` has already reported one of its keys (see `load::native`).

use std::collections::BTreeMap;

use serde_json::Value;

/// Unknown members of one JSON object, by key (so they are written back in key order).
pub type Fields = BTreeMap<String, Value>;

/// Every member name each `claimline/1` object has, as serde reads them. The schema test
/// (`kept::tests`) holds these to the generated schema, so a new model field cannot be missed.
pub mod known {
    pub const DATASET: [&str; 7] = [
        "format",
        "title",
        "description",
        "lanes",
        "actors",
        "sources",
        "events",
    ];
    pub const LANE: [&str; 3] = ["id", "label", "color"];
    pub const ACTOR: [&str; 3] = ["id", "name", "role"];
    pub const SOURCE: [&str; 9] = [
        "id",
        "title",
        "outlet",
        "published",
        "url",
        "note",
        "text",
        "text_file",
        "sha256",
    ];
    pub const EVENT: [&str; 15] = [
        "id",
        "kind",
        "lane",
        "date",
        "end",
        "ongoing_as_of",
        "earliest",
        "latest",
        "date_basis",
        "title",
        "summary",
        "actors",
        "tags",
        "citations",
        "relations",
    ];
    pub const CITATION: [&str; 3] = ["source", "quote", "note"];
    pub const QUOTE: [&str; 3] = ["exact", "prefix", "suffix"];
    pub const RELATION: [&str; 3] = ["type", "target", "note"];
}

/// The four arrays of items a dataset has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Collection {
    Lanes,
    Actors,
    Sources,
    Events,
}

impl Collection {
    pub const ALL: [Self; 4] = [Self::Lanes, Self::Actors, Self::Sources, Self::Events];

    /// The member name in the file.
    pub fn key(self) -> &'static str {
        match self {
            Self::Lanes => "lanes",
            Self::Actors => "actors",
            Self::Sources => "sources",
            Self::Events => "events",
        }
    }

    /// One item, in messages: "lane", "event".
    pub fn noun(self) -> &'static str {
        match self {
            Self::Lanes => "lane",
            Self::Actors => "actor",
            Self::Sources => "source",
            Self::Events => "event",
        }
    }

    fn known(self) -> &'static [&'static str] {
        match self {
            Self::Lanes => &known::LANE,
            Self::Actors => &known::ACTOR,
            Self::Sources => &known::SOURCE,
            Self::Events => &known::EVENT,
        }
    }
}

/// What a file held beyond the model's fields. Empty for a dataset made in memory.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Kept {
    /// The file gave a non-empty `lanes`. When it did not, the loader made one lane per kind (and
    /// per lane id the events name), and a save leaves them out again while they are still what
    /// the loader would make.
    pub lanes_declared: bool,
    /// Sources whose `text` was written inline in the file, as `(id, nth)` (see
    /// [`ItemFields::nth`]). A source with a `text_file` has its text filled in from that file at
    /// load; that text is not written back. A source with text and no `text_file` that is not
    /// listed here is new (pasted): a save to a file writes its text to `sources/NAME.txt` beside
    /// the dataset.
    pub inline_texts: Vec<(String, usize)>,
    /// Unknown members of the top-level object.
    pub top: Fields,
    /// Members of the top-level object that the format has but that could not be read
    /// (`"title": 5`, `"lanes": {}`), as written. A save writes them back in their place while the
    /// dataset's own value is still the empty one the load put there.
    pub unreadable_top: Fields,
    /// Unknown members of lanes, actors, sources and events, and of events' citations, quotes and
    /// relations.
    pub items: Vec<ItemFields>,
    /// Items that could not be read, as they were written, in file order.
    pub unreadable: Vec<Unreadable>,
    /// Paths of the objects whose unknown fields could not be kept (a number past what a double
    /// holds, which `serde_json` cannot represent): a save reports them as dropped.
    pub unkeepable: Vec<String>,
    /// The format the dataset was imported from (`TimelineJS3 JSON`, `CSV`), or `None` for
    /// `claimline/1`. An import is saved as a new `claimline/1` file, never over its original.
    pub imported: Option<String>,
}

/// The unknown members of one lane, actor, source or event.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemFields {
    pub collection: Collection,
    /// The item's id as read (empty when it had none).
    pub id: String,
    /// Which item with this id, counting from 0 in file order: a file that repeats an id (an
    /// error, but one the user may be fixing) keeps each item's fields on its own item.
    pub nth: usize,
    /// The item's own unknown members (may be empty when only a nested object had some).
    pub fields: Fields,
    /// Unknown members of its citations, their quotes, and its relations (events only).
    pub nested: Vec<Nested>,
}

/// Unknown members of an object inside an event: a citation, a citation's quote, or a relation.
#[derive(Clone, Debug, PartialEq)]
pub struct Nested {
    pub part: Part,
    /// Its index in the event's `citations` or `relations` when read.
    pub index: usize,
    /// What identifies it if the list changes: a citation's source and exact words, or a
    /// relation's type and target (see [`citation_key`] and [`relation_key`]).
    pub key: String,
    pub fields: Fields,
}

/// Which object inside an event holds [`Nested`] fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    Citation,
    Quote,
    Relation,
}

/// An item that could not be read into the model, kept as its JSON value.
#[derive(Clone, Debug, PartialEq)]
pub struct Unreadable {
    pub collection: Collection,
    pub value: Value,
}

impl Kept {
    /// True when nothing is kept beyond the model (the common case: a file with no unknown
    /// fields and no broken items).
    pub fn has_nothing_unknown(&self) -> bool {
        self.top.is_empty()
            && self.unreadable_top.is_empty()
            && self.items.is_empty()
            && self.unreadable.is_empty()
            && self.unkeepable.is_empty()
    }

    /// Moves the unknown fields of an item whose id changed (an edit renaming it), so a save puts
    /// them on the renamed item rather than reporting them dropped.
    pub fn rename(&mut self, collection: Collection, old: &str, new: &str) {
        for item in &mut self.items {
            if item.collection == collection && item.id == old {
                new.clone_into(&mut item.id);
            }
        }
        if collection == Collection::Sources {
            for (id, _) in &mut self.inline_texts {
                if id == old {
                    new.clone_into(id);
                }
            }
        }
    }

    /// Captures the unknown members of the item `value` of `collection`; `nth` is set later, when
    /// every item's id is known. Nothing is allocated for an item with no unknown member.
    pub fn capture_item(collection: Collection, value: &Value) -> Option<ItemFields> {
        let object = value.as_object()?;
        let fields = unknown_of(object, collection.known());
        let mut nested = Vec::new();
        if collection == Collection::Events {
            capture_nested(object, &mut nested);
        }
        if fields.is_empty() && nested.is_empty() {
            return None;
        }
        let id = object
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        Some(ItemFields {
            collection,
            id,
            nth: 0,
            fields,
            nested,
        })
    }

    /// Captures the unknown members of every item of the array `value` (lanes, actors or
    /// sources), numbering repeated ids.
    pub fn capture_list(&mut self, collection: Collection, value: &Value) {
        let Some(items) = value.as_array() else {
            return;
        };
        let captured: Vec<(usize, ItemFields)> = items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| Some((i, Self::capture_item(collection, item)?)))
            .collect();
        let ids = items
            .iter()
            .map(|item| item.get("id").and_then(Value::as_str).unwrap_or_default());
        self.add_items(captured, ids);
    }

    /// Adds `captured` items, each with its position among all items of its collection, setting
    /// its `nth` from `ids`, the ids of those items in file order. Only captured ids are counted,
    /// so a million events with one unknown field cost one pass.
    pub fn add_items<'a>(
        &mut self,
        mut captured: Vec<(usize, ItemFields)>,
        ids: impl Iterator<Item = &'a str>,
    ) {
        if captured.is_empty() {
            return;
        }
        captured.sort_by_key(|(position, _)| *position);
        let nths = {
            let wanted: foldhash::HashSet<&str> =
                captured.iter().map(|(_, item)| item.id.as_str()).collect();
            let found = occurrences(ids, &wanted);
            let mut nths = Vec::with_capacity(captured.len());
            let mut found = found.iter().peekable();
            for (position, _) in &captured {
                while found.next_if(|(p, _, _)| p < position).is_some() {}
                nths.push(found.peek().map_or(0, |(_, _, nth)| *nth));
            }
            nths
        };
        for ((_, mut item), nth) in captured.into_iter().zip(nths) {
            item.nth = nth;
            self.items.push(item);
        }
    }
}

/// Which of `sources` (by index) had their text inline in the file, by [`Kept::inline_texts`].
pub fn inline_sources(kept: &Kept, sources: &[crate::model::Source]) -> Vec<bool> {
    let mut inline = vec![false; sources.len()];
    if kept.inline_texts.is_empty() {
        return inline;
    }
    let wanted: foldhash::HashSet<&str> = kept
        .inline_texts
        .iter()
        .map(|(id, _)| id.as_str())
        .collect();
    let listed: foldhash::HashSet<(&str, usize)> = kept
        .inline_texts
        .iter()
        .map(|(id, nth)| (id.as_str(), *nth))
        .collect();
    for (position, id, nth) in occurrences(sources.iter().map(|s| s.id.as_str()), &wanted) {
        if listed.contains(&(id, nth))
            && let Some(slot) = inline.get_mut(position)
        {
            *slot = true;
        }
    }
    inline
}

/// `(position, id, nth)` of every id in `ids` that is `wanted`: its position in `ids`, and how
/// many times the same id came before it.
#[expect(
    clippy::implicit_hasher,
    reason = "the loader builds this set with foldhash alone"
)]
pub fn occurrences<'a>(
    ids: impl Iterator<Item = &'a str>,
    wanted: &foldhash::HashSet<&str>,
) -> Vec<(usize, &'a str, usize)> {
    let mut counts: foldhash::HashMap<&str, usize> = foldhash::HashMap::default();
    let mut found = Vec::new();
    for (position, id) in ids.enumerate() {
        if wanted.contains(id) {
            let count = counts.entry(id).or_insert(0);
            found.push((position, id, *count));
            *count += 1;
        }
    }
    found
}

/// The unknown members of `object`, given the names it may have.
fn unknown_of(object: &serde_json::Map<String, Value>, known: &[&str]) -> Fields {
    object
        .iter()
        .filter(|(key, _)| !known.contains(&key.as_str()))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect()
}

/// Unknown members of an event's citations, their quotes and its relations.
fn capture_nested(event: &serde_json::Map<String, Value>, nested: &mut Vec<Nested>) {
    let str_of = |object: &serde_json::Map<String, Value>, key: &str| {
        object
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let list = |key: &str| {
        event
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
            .filter_map(|(i, v)| Some((i, v.as_object()?)))
    };
    for (index, citation) in list("citations") {
        let quote = citation.get("quote").and_then(Value::as_object);
        let exact = quote.map(|q| str_of(q, "exact")).unwrap_or_default();
        let key = citation_key(&str_of(citation, "source"), &exact);
        let fields = unknown_of(citation, &known::CITATION);
        if !fields.is_empty() {
            nested.push(Nested {
                part: Part::Citation,
                index,
                key: key.clone(),
                fields,
            });
        }
        if let Some(quote) = quote {
            let fields = unknown_of(quote, &known::QUOTE);
            if !fields.is_empty() {
                nested.push(Nested {
                    part: Part::Quote,
                    index,
                    key,
                    fields,
                });
            }
        }
    }
    for (index, relation) in list("relations") {
        let fields = unknown_of(relation, &known::RELATION);
        if !fields.is_empty() {
            nested.push(Nested {
                part: Part::Relation,
                index,
                key: relation_key(&str_of(relation, "type"), &str_of(relation, "target")),
                fields,
            });
        }
    }
}

/// What identifies a citation whose index changed: its source and its exact words.
pub fn citation_key(source: &str, exact: &str) -> String {
    format!("{source}\u{0}{exact}")
}

/// What identifies a relation whose index changed: its type (as written) and its target.
pub fn relation_key(kind: &str, target: &str) -> String {
    format!("{kind}\u{0}{target}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The property names of the schema's definition `name` (the root when `None`), sorted.
    fn properties(schema: &Value, name: Option<&str>) -> Vec<String> {
        let def = match name {
            Some(name) => &schema["$defs"][name],
            None => schema,
        };
        let mut keys: Vec<String> = def["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("no properties for {name:?}"))
            .keys()
            .cloned()
            .collect();
        keys.sort();
        keys
    }

    fn sorted(list: &[&str]) -> Vec<String> {
        let mut list: Vec<String> = list.iter().map(|&s| s.to_owned()).collect();
        list.sort();
        list
    }

    #[test]
    fn the_known_fields_are_the_schemas_so_no_model_field_is_taken_for_unknown() {
        let schema: Value = serde_json::from_str(&crate::schema_json()).unwrap();
        assert_eq!(properties(&schema, None), sorted(&known::DATASET));
        for (name, list) in [
            ("Lane", &known::LANE[..]),
            ("Actor", &known::ACTOR),
            ("Source", &known::SOURCE),
            ("Event", &known::EVENT),
            ("Citation", &known::CITATION),
            ("Quote", &known::QUOTE),
            ("Relation", &known::RELATION),
        ] {
            assert_eq!(properties(&schema, Some(name)), sorted(list), "{name}");
        }
    }

    #[test]
    fn unknown_members_are_captured_at_every_level_and_only_there() {
        let event: Value = serde_json::from_str(
            r#"{"id": "e", "kind": "report", "date": "2020", "title": "t", "x": [1, {"b": 2}],
                "citations": [{"source": "s", "quote": {"exact": "w"}},
                              {"source": "s", "quote": {"exact": "v", "y": true}, "z": null}],
                "relations": [{"type": "cites", "target": "f", "w": "1"}]}"#,
        )
        .unwrap();
        let item = Kept::capture_item(Collection::Events, &event).unwrap();
        assert_eq!(item.id, "e");
        assert_eq!(item.fields.keys().collect::<Vec<_>>(), ["x"]);
        let nested: Vec<(Part, usize, &str)> = item
            .nested
            .iter()
            .flat_map(|n| n.fields.keys().map(move |k| (n.part, n.index, k.as_str())))
            .collect();
        assert_eq!(
            nested,
            [
                (Part::Citation, 1, "z"),
                (Part::Quote, 1, "y"),
                (Part::Relation, 0, "w")
            ]
        );
        let plain: Value =
            serde_json::from_str(r##"{"id": "l", "label": "L", "color": "#000000"}"##).unwrap();
        assert_eq!(Kept::capture_item(Collection::Lanes, &plain), None);
    }

    #[test]
    fn repeated_ids_are_numbered_in_file_order() {
        let lanes: Value = serde_json::from_str(
            r#"[{"id": "a", "label": "1", "x": 1}, {"id": "b", "label": "2"},
                {"id": "a", "label": "3", "x": 3}, {"id": "a", "label": "4"}]"#,
        )
        .unwrap();
        let mut kept = Kept::default();
        kept.capture_list(Collection::Lanes, &lanes);
        let numbered: Vec<(&str, usize, &Value)> = kept
            .items
            .iter()
            .map(|i| (i.id.as_str(), i.nth, &i.fields["x"]))
            .collect();
        assert_eq!(
            numbered,
            [("a", 0, &Value::from(1)), ("a", 1, &Value::from(3))]
        );
    }
}
