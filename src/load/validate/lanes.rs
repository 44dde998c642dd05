//! Lanes: a declared lane's colour, and the lanes made from the events when a file declares none.

use foldhash::HashSet;

use super::super::finding::{Finding, Place};
use super::super::position::member_path;
use crate::model::{Dataset, Event, EventKind, Lane};

/// Checks a lane on its own (its colour), for a load and for an edit.
pub(crate) fn check_lane(
    lane: &Lane,
    path: &str,
    at: impl Fn(&str) -> Place,
    findings: &mut Vec<Finding>,
) {
    if let Some(color) = &lane.color
        && crate::model::color::parse_hex_color(color).is_none()
    {
        let p = member_path(path, "color");
        findings.push(Finding::warning(
            at(&p),
            p,
            format!("lane colour `{color}` is not #RRGGBB; a default is used"),
        ));
    }
}

/// One lane per kind in use, in the canonical kind order, then any other lane the events name.
pub(crate) fn default_lanes(dataset: &Dataset) -> Vec<Lane> {
    default_lanes_of(|| dataset.events.iter().map(|e| &**e))
}

/// [`default_lanes`] of events in any order (a save writes them sorted, and leaves the lanes out
/// only when a load of what it wrote would make the same ones).
pub(crate) fn default_lanes_of<'a, I: Iterator<Item = &'a Event>>(
    events: impl Fn() -> I,
) -> Vec<Lane> {
    let mut lanes: Vec<Lane> = EventKind::ALL
        .iter()
        .filter(|k| events().any(|e| e.lane.is_empty() && e.kind == **k))
        .map(|k| Lane {
            id: k.id().to_owned(),
            label: k.label().to_owned(),
            color: None,
        })
        .collect();
    // A set, not a scan of the lanes per event: a million events in a thousand lanes.
    let mut seen: HashSet<String> = lanes.iter().map(|l| l.id.clone()).collect();
    for event in events() {
        let id = if event.lane.is_empty() {
            event.kind.id()
        } else {
            &event.lane
        };
        if !seen.contains(id) {
            seen.insert(id.to_owned());
            lanes.push(Lane {
                id: id.to_owned(),
                label: id.to_owned(),
                color: None,
            });
        }
    }
    lanes
}
