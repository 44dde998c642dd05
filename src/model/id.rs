//! Ids that many events repeat (a lane, an actor, a source, a relation's target), shared rather
//! than copied into every event.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// A reference to a lane, actor, source or event by its id: a string shared by every event that
/// names it. A million events in six lanes hold six lane strings, not a million.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Id(Arc<str>);

impl Id {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Id {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Id {
    fn from(id: &str) -> Self {
        Self(id.into())
    }
}

impl From<String> for Id {
    fn from(id: String) -> Self {
        Self(id.into())
    }
}

impl From<Id> for String {
    fn from(id: Id) -> Self {
        id.0.as_ref().to_owned()
    }
}

impl PartialEq<str> for Id {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Id {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Id {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Id> for String {
    fn eq(&self, other: &Id) -> bool {
        **self == *other.0
    }
}

impl PartialEq<Id> for str {
    fn eq(&self, other: &Id) -> bool {
        *self == *other.0
    }
}

impl PartialEq<Id> for &str {
    fn eq(&self, other: &Id) -> bool {
        **self == *other.0
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl serde::Serialize for Id {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Id {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = Id;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<Id, E> {
                Ok(intern(id))
            }
        }
        deserializer.deserialize_str(Visit)
    }
}

/// Each id's first position in `ids`: where a reference to an id resolves when a file repeats it
/// (validation reports the repeat).
pub fn first_positions<'a>(
    ids: impl Iterator<Item = &'a str>,
) -> foldhash::HashMap<&'a str, usize> {
    let mut first = foldhash::HashMap::default();
    first.reserve(ids.size_hint().0);
    for (i, id) in ids.enumerate() {
        first.entry(id).or_insert(i);
    }
    first
}

/// The ids this thread has decoded during a [`sharing`] scope.
type Table = foldhash::HashSet<Arc<str>>;

thread_local! {
    static SHARED: RefCell<Option<Table>> = const { RefCell::new(None) };
}

/// Past this many distinct ids a thread stops sharing: a file whose every event names its own
/// lane gains nothing from a table, and the table must not grow without bound.
const MAX_SHARED: usize = 1 << 16;

/// The shared copy of `id` when this thread is in a [`sharing`] scope, else a new one.
fn intern(id: &str) -> Id {
    SHARED.with(|shared| {
        let mut shared = shared.borrow_mut();
        let Some(table) = shared.as_mut() else {
            return Id::from(id);
        };
        if let Some(known) = table.get(id) {
            return Id(Arc::clone(known));
        }
        let new: Arc<str> = id.into();
        if table.len() < MAX_SHARED {
            table.insert(Arc::clone(&new));
        }
        Id(new)
    })
}

/// Runs `decode` with ids shared on every thread of the rayon pool (and this one), then forgets
/// the tables, so nothing outlives the dataset but the dataset's own ids. Two loads at once may
/// share an id between them; ids are immutable, so that is harmless.
pub fn sharing<T>(decode: impl FnOnce() -> T) -> T {
    let start = || SHARED.with(|shared| *shared.borrow_mut() = Some(Table::default()));
    let stop = || SHARED.with(|shared| *shared.borrow_mut() = None);
    rayon::broadcast(|_| start());
    start();
    let decoded = decode();
    rayon::broadcast(|_| stop());
    stop();
    decoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_decoded_in_a_sharing_scope_share_one_string() {
        let decode = || -> Vec<Id> { serde_json::from_str(r#"["l1", "l2", "l1"]"#).unwrap() };
        let shared = sharing(decode);
        assert!(Arc::ptr_eq(&shared[0].0, &shared[2].0));
        assert_eq!(shared[1], "l2");
        let unshared = decode();
        assert!(
            !Arc::ptr_eq(&unshared[0].0, &unshared[2].0),
            "no table outside a scope"
        );
        assert_eq!(
            serde_json::to_string(&shared).unwrap(),
            r#"["l1","l2","l1"]"#
        );
    }
}
