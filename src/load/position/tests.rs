use super::*;

const DOC: &str = "{\n  \"title\": \"Ünïcode\", \"events\": [\n    {\"id\": \"a\", \"date\": \"2020\"},\n    {\"id\": \"b\",\n     \"relations\": [{\"target\": \"zz\"}]}\n  ]\n}";

fn at(line: usize, column: usize) -> Place {
    Place { line, column }
}

#[test]
fn values_and_keys_have_their_places() {
    let p = Positions::index(DOC);
    assert_eq!(p.value(""), at(1, 1));
    assert_eq!(p.value("title"), at(2, 12));
    assert_eq!(
        p.key("events"),
        at(2, 23),
        "columns count characters, not bytes (25 in bytes)"
    );
    assert_eq!(p.value("events[0]"), at(3, 5));
    assert_eq!(p.value("events[0].date"), at(3, 25));
    assert_eq!(p.value("events[1].relations[0].target"), at(5, 31));
}

#[test]
fn a_targeted_scan_finds_what_the_full_index_finds() {
    let events: Vec<String> = (0..12)
        .map(|i| format!("{{\"id\": \"e{i}\",\n \"date\": \"2020\"}}"))
        .collect();
    let doc = format!(
        "{{\"title\": \"t\",\n\"events\": [{}]}}",
        events.join(",\n")
    );
    let full = Positions::index(&doc);
    // Out of order, past 9 (so `events[10]` sorts before `events[2]` as text), and absent.
    let paths = [
        "events[11].date",
        "events[2].id",
        "events[10]",
        "title",
        "events[3].missing",
        "events[0].date",
        "",
    ];
    let requests: Vec<(&str, Anchor)> = paths.iter().map(|p| (*p, Anchor::Value)).collect();
    let found = locate_paths(&doc, &requests);
    for (path, place) in paths.iter().zip(found) {
        assert_eq!(place, full.value(path), "{path}");
    }
    let keys = locate_paths(&doc, &[("events[4].date", Anchor::Key)]);
    assert_eq!(keys[0], full.key("events[4].date"));
}

#[test]
fn a_missing_value_falls_back_to_its_nearest_ancestor() {
    let p = Positions::index(DOC);
    assert_eq!(p.value("events[1].title"), p.value("events[1]"));
    assert_eq!(p.value("nothing.here[3]"), at(1, 1));
}
