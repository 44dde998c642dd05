//! Lists decoded at their exact length.
//!
//! JSON does not say how long a list is, so serde grows a `Vec` as it reads: one citation gets room
//! for four (448 bytes), which a million events then have to give back, one reallocation each.

use std::{fmt, marker::PhantomData};

use serde::{
    Deserialize, Deserializer,
    de::{SeqAccess, Visitor},
};

/// Decodes a list holding no spare room. The usual event has none or one of each list, and gets
/// it without a reallocation; longer lists grow as usual and are trimmed once at the end.
pub fn exact<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    deserializer.deserialize_seq(Exact(PhantomData))
}

struct Exact<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for Exact<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The words serde's own `Vec` uses, so error messages read as before.
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let Some(first) = seq.next_element()? else {
            return Ok(Vec::new());
        };
        let mut list = Vec::with_capacity(1);
        list.push(first);
        while let Some(item) = seq.next_element()? {
            list.push(item);
        }
        list.shrink_to_fit();
        Ok(list)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Holder {
        #[serde(deserialize_with = "exact")]
        items: Vec<String>,
    }

    fn decode(json: &str) -> Result<Vec<String>, serde_json::Error> {
        serde_json::from_str::<Holder>(json).map(|h| h.items)
    }

    #[test]
    fn a_list_holds_exactly_its_items() {
        for (json, len) in [
            (r#"{"items": []}"#, 0),
            (r#"{"items": ["a"]}"#, 1),
            (r#"{"items": ["a", "b", "c", "d", "e"]}"#, 5),
        ] {
            let items = decode(json).unwrap();
            assert_eq!(items.len(), len);
            assert_eq!(items.capacity(), len, "{json}");
        }
    }

    #[test]
    fn a_list_of_the_wrong_type_is_refused_in_serdes_words() {
        let error = decode(r#"{"items": "a"}"#).unwrap_err().to_string();
        assert!(error.contains("expected a sequence"), "{error}");
    }
}
