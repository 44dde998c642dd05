//! The selected event's relations as arrows between the marks drawn, and what becomes of those
//! that cannot be drawn: hidden by the filters, or more than [`MAX_ARROWS`].

use std::collections::HashMap;

use super::index::TimelineIndex;
use super::layout_input::{LayoutInput, MAX_ARROWS, lane_y};
use super::scene::{Arrow, HiddenRelation, Scene};
use crate::model::{Dataset, RelationKind};

/// The selected event's relations as arrows between the marks drawn. A relation whose other end
/// the search or filters hide gets no arrow but an entry in [`Scene::hidden_relations`]; one whose
/// other end is shown but out of view points at its date, off the edge.
pub(super) fn relation_arrows(
    scene: &mut Scene,
    dataset: &Dataset,
    index: &TimelineIndex,
    input: &LayoutInput,
    positions: &HashMap<usize, (f64, f64)>,
    row_of_lane: &[Option<usize>],
) {
    let Some((selected, selected_event)) = input
        .selected
        .and_then(|s| Some((s, dataset.events.get(s)?)))
    else {
        return;
    };
    let lane_count = scene.lanes.len();
    let row_of = |event: usize| {
        let lane = index.lane_of_event.get(event).copied().unwrap_or(0);
        row_of_lane.get(lane).copied().flatten()
    };
    let hidden = |event: usize| {
        !positions.contains_key(&event)
            && (row_of(event).is_none()
                || input.shown.as_ref().is_some_and(|shown| {
                    !shown.contains(event)
                        && !input.dimmed.as_ref().is_some_and(|d| d.contains(event))
                }))
    };
    if hidden(selected) {
        scene.selected_hidden = true;
        return;
    }
    let position_of = |event: usize| {
        positions.get(&event).copied().unwrap_or_else(|| {
            let anchor_days = dataset
                .events
                .get(event)
                .map_or(0.0, |e| e.date.anchor_days());
            (anchor_days, lane_y(row_of(event).unwrap_or(0), lane_count))
        })
    };
    let related = selected_event.relations.len() + index.incoming(selected).len();
    if related > MAX_ARROWS {
        let at = position_of(selected);
        arrows_to_drawn_marks(scene, dataset, index, (selected, at), positions);
        scene.arrows_not_drawn = related.saturating_sub(scene.arrows.len());
        return;
    }
    let add = |scene: &mut Scene, kind: RelationKind, from: usize, to: usize| {
        let other = if from == selected { to } else { from };
        if hidden(other) {
            scene.hidden_relations.push(HiddenRelation {
                kind,
                other,
                outgoing: from == selected,
            });
        } else {
            scene.arrows.push(Arrow {
                kind,
                from: position_of(from),
                to: position_of(to),
                from_event: from,
                to_event: to,
                tag: None,
            });
        }
    };
    for relation in &selected_event.relations {
        if let Some(target) = index.event_by_id(dataset, &relation.target) {
            add(scene, relation.kind, selected, target);
        }
    }
    // From the index: no pass over every event for a selection's incoming arrows.
    for incoming in index.incoming(selected) {
        let other = incoming.from;
        if let Some(relation) = dataset
            .events
            .get(other)
            .and_then(|e| e.relations.get(incoming.relation))
        {
            add(scene, relation.kind, other, selected);
        }
    }
}

/// The arrows of an event with more than [`MAX_ARROWS`] relations: only those whose other end is
/// a mark drawn in this view, at most [`MAX_ARROWS`]. The work is bounded by the marks drawn, not
/// by the relations: the incoming ones are found among the drawn marks' own relations.
fn arrows_to_drawn_marks(
    scene: &mut Scene,
    dataset: &Dataset,
    index: &TimelineIndex,
    (selected, at): (usize, (f64, f64)),
    positions: &HashMap<usize, (f64, f64)>,
) {
    let Some(selected_event) = dataset.events.get(selected) else {
        return;
    };
    for relation in &selected_event.relations {
        if scene.arrows.len() >= MAX_ARROWS {
            return;
        }
        let target = index.event_by_id(dataset, &relation.target);
        if let Some((target, &to)) = target.and_then(|t| Some((t, positions.get(&t)?))) {
            scene.arrows.push(Arrow {
                kind: relation.kind,
                from: at,
                to,
                from_event: selected,
                to_event: target,
                tag: None,
            });
        }
    }
    let drawn: Vec<(usize, (f64, f64))> = scene
        .marks
        .iter()
        .filter(|m| m.event != selected)
        .filter_map(|m| Some((m.event, *positions.get(&m.event)?)))
        .collect();
    for (other, from) in drawn {
        let Some(event) = dataset.events.get(other) else {
            continue;
        };
        for relation in &event.relations {
            if scene.arrows.len() >= MAX_ARROWS {
                return;
            }
            if relation.target == selected_event.id
                && index.event_by_id(dataset, &relation.target) == Some(selected)
            {
                scene.arrows.push(Arrow {
                    kind: relation.kind,
                    from,
                    to: at,
                    from_event: other,
                    to_event: selected,
                    tag: None,
                });
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp, reason = "the expected values are exact in f64")]
mod tests {
    use crate::model::{Relation, RelationKind};
    use crate::timeline::TimelineIndex;
    use crate::timeline::labels;
    use crate::timeline::layout::fixtures::{dataset, event, input};
    use crate::timeline::layout::layout;
    use crate::timeline::scene::HiddenRelation;
    use crate::timeline::style;

    /// An event that 1,000 others answer: arrows only to the marks drawn in view, and a count of
    /// the rest, however many there are.
    #[test]
    fn an_event_with_more_relations_than_arrows_gets_arrows_only_to_drawn_marks() {
        let mut events = vec![event("a", "2020-01-15")];
        for i in 0..1_000 {
            let date = format!(
                "{}-{:02}-{:02}",
                2020 + i / 336,
                (i / 28) % 12 + 1,
                i % 28 + 1
            );
            let mut answer = event(&format!("e{i}"), &date);
            answer.relations.push(Relation {
                kind: RelationKind::RespondsTo,
                target: "a".into(),
                note: None,
            });
            events.push(answer);
        }
        let data = dataset(events);
        let mut i = input("2020-01", "2020-02", 1000.0);
        i.selected = Some(0);
        let scene = layout(&data, &TimelineIndex::new(&data), &i);
        let drawn_answers = scene.marks.iter().filter(|m| m.event != 0).count();
        // January's 28, and 1 February on the view's edge.
        assert_eq!(drawn_answers, 29);
        assert_eq!(scene.arrows.len(), 29);
        for arrow in &scene.arrows {
            assert_eq!(arrow.to_event, 0);
            assert!(scene.mark_of(arrow.from_event).is_some(), "{arrow:?}");
        }
        assert_eq!(scene.arrows_not_drawn, 1_000 - 29);
    }

    #[test]
    fn the_selected_event_gets_arrows_to_and_from_its_relations() {
        let mut a = event("a", "2020-01-01");
        a.relations.push(Relation {
            kind: RelationKind::Denies,
            target: "b".into(),
            note: None,
        });
        let mut c = event("c", "2021-01-01");
        c.relations.push(Relation {
            kind: RelationKind::Follows,
            target: "a".into(),
            note: None,
        });
        let data = dataset(vec![a, event("b", "2019-06-01"), c]);
        let mut i = input("2019", "2022", 1000.0);
        i.selected = Some(0);
        let scene = layout(&data, &TimelineIndex::new(&data), &i);
        let arrows: Vec<(usize, usize, RelationKind)> = scene
            .arrows
            .iter()
            .map(|a| (a.from_event, a.to_event, a.kind))
            .collect();
        assert_eq!(
            arrows,
            [(0, 1, RelationKind::Denies), (2, 0, RelationKind::Follows)]
        );
        assert!(scene.mark_of(0).unwrap().selected);
    }

    /// Ryabkov's case: the selected statement denies a report that the filter hides, and another
    /// event sits where the report would be drawn. No arrow may end there.
    #[test]
    fn an_arrow_to_an_event_the_filter_hides_is_not_drawn_onto_another() {
        let mut a = event("a", "2021-03-18");
        a.relations.push(Relation {
            kind: RelationKind::Denies,
            target: "report".into(),
            note: None,
        });
        // Same day and lane as the hidden report: an arrow to the report's place ends on it.
        let data = dataset(vec![
            a,
            event("report", "2021-03-16"),
            event("other", "2021-03-16"),
        ]);
        let mut i = input("2021", "2022", 1000.0);
        i.selected = Some(0);
        i.shown = Some(std::sync::Arc::new(crate::timeline::Matches::from_bits(
            vec![true, false, true],
        )));
        let scene = layout(&data, &TimelineIndex::new(&data), &i);
        assert!(scene.arrows.is_empty(), "{:?}", scene.arrows);
        assert_eq!(
            scene.hidden_relations,
            [HiddenRelation {
                kind: RelationKind::Denies,
                other: 1,
                outgoing: true
            }]
        );
        assert!(scene.mark_of(1).is_none() && scene.mark_of(2).is_some());

        // Shown again, the arrow ends on the report's own mark.
        i.shown = None;
        let scene = layout(&data, &TimelineIndex::new(&data), &i);
        let arrow = scene.arrows.first().expect("an arrow");
        let report = scene.mark_of(1).unwrap();
        assert_eq!(arrow.to, (report.x_days, report.y));
        assert!(scene.hidden_relations.is_empty());

        // A selected event the filter hides has no arrows at all, and says so.
        i.selected = Some(1);
        i.shown = Some(std::sync::Arc::new(crate::timeline::Matches::from_bits(
            vec![true, false, true],
        )));
        let scene = layout(&data, &TimelineIndex::new(&data), &i);
        assert!(scene.selected_hidden && scene.arrows.is_empty());
    }

    /// Relation names sit on their arcs but never on a mark, a label or each other.
    #[test]
    #[expect(
        clippy::many_single_char_names,
        reason = "boxes and points named as in geometry"
    )]
    fn relation_names_cover_no_mark_and_no_label() {
        let mut hub = event("hub", "2020-06-01");
        for i in 0..4 {
            hub.relations.push(Relation {
                kind: if i % 2 == 0 {
                    RelationKind::Denies
                } else {
                    RelationKind::Follows
                },
                target: format!("e{i}").into(),
                note: None,
            });
        }
        let mut events = vec![hub];
        for (i, date) in ["2020-05-20", "2020-06-10", "2020-06-12", "2020-07-01"]
            .iter()
            .enumerate()
        {
            events.push(event(&format!("e{i}"), date));
        }
        let data = dataset(events);
        let mut i = input("2020-05", "2020-08", 900.0);
        i.selected = Some(0);
        let scene = layout(&data, &TimelineIndex::new(&data), &i);
        assert_eq!(scene.arrows.len(), 4);
        let h = labels::label_height_px(13.0);
        let tags: Vec<(f64, f64, f64, f64)> = scene
            .arrows
            .iter()
            .filter_map(|a| {
                let (x, y) = scene.to_px(a.tag?.0, a.tag?.1);
                let font = 13.0 * super::super::arrow::TAG_FONT_SCALE;
                let w = crate::timeline::text::text_width_px(a.kind.verb(), font) + 4.0;
                let th = labels::label_height_px(font);
                Some((x - w / 2.0, y - th / 2.0, x + w / 2.0, y + th / 2.0))
            })
            .collect();
        assert!(!tags.is_empty(), "some names find room");
        let overlaps = |a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)| {
            a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
        };
        let r = style::MARK_RADIUS_PX;
        for (n, tag) in tags.iter().enumerate() {
            for m in &scene.marks {
                let (x, y) = scene.to_px(m.x_days, m.y);
                assert!(
                    !overlaps(*tag, (x - r, y - r, x + r, y + r)),
                    "a name on mark {}",
                    m.event
                );
            }
            for l in &scene.labels {
                let (x, y) = scene.to_px(l.x_days, l.y);
                let x0 = if l.right_aligned { x - l.width_px } else { x };
                assert!(
                    !overlaps(*tag, (x0, y - h / 2.0, x0 + l.width_px, y + h / 2.0)),
                    "a name on {:?}",
                    l.text
                );
            }
            for other in &tags[n + 1..] {
                assert!(!overlaps(*tag, *other));
            }
        }
    }
}
