//! Batches, undo steps and random edits: the history's tests, on the fixture of the module above.

use super::*;

#[test]
fn a_failed_step_in_a_batch_leaves_everything_as_it_was() {
    let mut doc = Doc::open(&fixture());
    let before = doc.dataset.clone();
    let mut live = doc.live();
    let error = live
        .apply(Edit::Batch(vec![
            Edit::SetTitle {
                event: 0,
                title: "Changed".into(),
            },
            Edit::DeleteEvent {
                event: 1,
                remove_incoming: true,
            },
            Edit::SetKind {
                event: 99,
                kind: EventKind::Legal,
            },
        ]))
        .unwrap_err();
    assert_eq!(error, EditError::NoEvent(99));
    assert_eq!(doc.dataset, before);
    doc.assert_fresh("a failed batch");
}

#[test]
fn typing_in_a_field_undoes_as_one_step() {
    let mut doc = Doc::open(&fixture());
    let start = Instant::now();
    let mut live = Live {
        dataset: &mut doc.dataset,
        quotes: &mut doc.quotes,
        index: &mut doc.index,
    };
    let history = &mut doc.history;
    let title = |t: &str| Edit::SetTitle {
        event: 0,
        title: t.into(),
    };
    for (i, typed) in ["M", "Mu", "Mue"].into_iter().enumerate() {
        history
            .apply(
                &mut live,
                title(typed),
                Some(7),
                start + Duration::from_secs(5 * i as u64),
            )
            .unwrap();
    }
    // Another field, then the same field again in a new group: separate steps.
    history
        .apply(
            &mut live,
            Edit::SetSummary {
                event: 0,
                summary: Some("s".into()),
            },
            Some(8),
            start,
        )
        .unwrap();
    history
        .apply(&mut live, title("Muel"), Some(9), start)
        .unwrap();
    assert!(!history.is_saved());
    history.undo(&mut live).unwrap().unwrap();
    assert_eq!(live.dataset.events[0].title, "Mue");
    history.undo(&mut live).unwrap().unwrap();
    history.undo(&mut live).unwrap().unwrap();
    assert_eq!(
        live.dataset.events[0].title, "Mueller report",
        "three keystrokes, one step"
    );
    assert!(history.is_saved(), "back where it was opened");
    assert!(!history.can_undo());
    history.redo(&mut live).unwrap().unwrap();
    assert_eq!(live.dataset.events[0].title, "Mue");

    // Without a group: keystrokes within the pause merge, a longer pause starts a new step.
    let mut history = History::new();
    let at = |ms: u64| start + Duration::from_millis(ms);
    history.apply(&mut live, title("a"), None, at(0)).unwrap();
    history
        .apply(&mut live, title("ab"), None, at(500))
        .unwrap();
    history
        .apply(&mut live, title("abc"), None, at(5000))
        .unwrap();
    history.undo(&mut live).unwrap().unwrap();
    assert_eq!(live.dataset.events[0].title, "ab");
    history.undo(&mut live).unwrap().unwrap();
    assert_eq!(live.dataset.events[0].title, "Mue");
    // A sealed step takes no more typing.
    history
        .apply(&mut live, title("x"), None, at(6000))
        .unwrap();
    history.seal();
    history
        .apply(&mut live, title("xy"), None, at(6100))
        .unwrap();
    history.undo(&mut live).unwrap().unwrap();
    assert_eq!(live.dataset.events[0].title, "x");
    history.mark_saved();
    assert!(history.is_saved());
    history.redo(&mut live).unwrap().unwrap();
    assert!(!history.is_saved());
}

#[test]
fn an_edit_that_changes_nothing_is_not_a_step() {
    let mut doc = Doc::open(&fixture());
    doc.edit(Edit::AddTag {
        event: 1,
        tag: "denial".into(),
    });
    assert!(!doc.history.can_undo());
}

#[test]
fn random_edits_and_their_undos_keep_the_document_as_a_fresh_load_would() {
    let original = crate::synthetic::dataset(150, 3, crate::synthetic::Citations::Unique);
    let mut doc = Doc::open(&original);
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut roll = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n.max(1) as u64) as usize
    };
    let mut added = 0;
    for step in 0..150 {
        let events = doc.dataset.events.len();
        let event = roll(events);
        let e = &doc.dataset.events[event];
        let some_id = |n: usize| doc.dataset.events[n % events].id.clone();
        let edit = match roll(11) {
            0 => Edit::SetDate {
                event,
                dates: EventDates::on(day(&format!("{}-{:02}", 1900 + roll(120), 1 + roll(12)))),
            },
            1 => Edit::SetKind {
                event,
                kind: EventKind::ALL[roll(5)],
            },
            2 => Edit::SetLane {
                event,
                lane: ["l0", "l3", "", "nope"][roll(4)].into(),
            },
            3 => Edit::AddRelation {
                event,
                at: Some(roll(e.relations.len() + 1)),
                relation: relation(
                    RelationKind::Follows,
                    &if roll(4) == 0 {
                        "ghost".into()
                    } else {
                        some_id(roll(events))
                    },
                ),
            },
            4 if !e.relations.is_empty() => Edit::RemoveRelation {
                event,
                relation: roll(e.relations.len()),
            },
            5 => {
                added += 1;
                let id = if roll(3) == 0 {
                    "ghost".to_owned()
                } else {
                    format!("new{added}")
                };
                if doc.dataset.event(&id).is_some() {
                    continue;
                }
                let mut new = test_event(&id, EventKind::Report, "l1", "2001", "New");
                new.relations = vec![relation(RelationKind::Cites, &some_id(roll(events)))];
                new.citations = vec![cite("s0", "Statement 5 was made")];
                Edit::AddEvent {
                    at: Some(roll(events + 1)),
                    event: Box::new(new),
                }
            }
            6 if events > 20 => Edit::DeleteEvent {
                event,
                remove_incoming: roll(2) == 0,
            },
            7 if !e.citations.is_empty() => Edit::ReAnchor {
                event,
                citation: 0,
                quote: Quote {
                    exact: ["Statement 12 was", "Statement 12 wasn’t"][roll(2)].into(),
                    prefix: None,
                    suffix: None,
                },
            },
            8 => match roll(3) {
                0 if doc.dataset.lanes.iter().all(|l| l.id != "extra") => Edit::AddLane {
                    at: Some(roll(doc.dataset.lanes.len() + 1)),
                    lane: lane("extra"),
                },
                1 => Edit::MoveLane {
                    lane: doc.dataset.lanes[roll(doc.dataset.lanes.len())]
                        .id
                        .as_str()
                        .into(),
                    to: roll(doc.dataset.lanes.len()),
                },
                _ if doc.dataset.lanes.len() > 3 => Edit::RemoveLane {
                    lane: doc.dataset.lanes[roll(doc.dataset.lanes.len())]
                        .id
                        .as_str()
                        .into(),
                },
                _ => continue,
            },
            9 => Edit::SetDate {
                event,
                dates: EventDates {
                    end: Some(day("2030")),
                    latest: Some(day("2031")),
                    ..EventDates::on(day(&format!("{}", 1950 + roll(50))))
                },
            },
            _ => Edit::SetTitle {
                event,
                title: format!("Title {step}"),
            },
        };
        let described = format!("step {step}: {edit:?}");
        doc.edit(edit);
        doc.assert_fresh(&described);
    }
    while doc.history.can_undo() {
        doc.undo();
    }
    doc.assert_fresh("undoing everything");
    assert_eq!(doc.dataset, Doc::open(&original).dataset);
}
