//! The committed JSON Schema is generated from the Rust types; this fails when it is stale.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test that cannot unwrap has failed"
)]

#[test]
fn the_committed_schema_matches_the_rust_types() {
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/claimline.schema.json"
    ))
    .expect("data/claimline.schema.json");
    assert!(
        committed == claimline::schema_json(),
        "data/claimline.schema.json is stale: run `cargo run --bin schema > data/claimline.schema.json`"
    );
}

#[test]
fn the_schema_names_every_field_of_the_format() {
    let schema: serde_json::Value = serde_json::from_str(&claimline::schema_json()).unwrap();
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert_eq!(required, ["format", "title", "events"]);
    let event = &schema["$defs"]["Event"]["properties"];
    for field in [
        "id",
        "kind",
        "lane",
        "date",
        "end",
        "earliest",
        "latest",
        "date_basis",
        "title",
        "citations",
        "relations",
    ] {
        assert!(event.get(field).is_some(), "Event.{field}");
    }
    assert_eq!(
        schema["$defs"]["Relation"]["properties"]["type"]["$ref"],
        "#/$defs/RelationKind"
    );
}
