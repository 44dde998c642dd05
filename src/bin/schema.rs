//! Prints the JSON Schema of the `claimline/1` format: `cargo run --bin schema > data/claimline.schema.json`.

fn main() {
    print!("{}", claimline::schema_json());
}
