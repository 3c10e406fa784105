//! A value from a rule or configuration file with where it was written.
//!
//! YAML gives the location (through `serde_saphyr::Spanned`); the value and its
//! location also serialise, so that the built-in rule files can be parsed once
//! at build time and embedded as JSON, which reads many times faster than YAML
//! at start-up (see `build.rs`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_saphyr::Location;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Spanned<T> {
    pub value: T,
    /// Where the value is used (for an alias: the alias, not the anchor).
    pub referenced: Location,
    /// Where the value is written.
    pub defined: Location,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // From YAML: the locations of the value; from the embedded JSON: the
        // map `Serialize` writes below, which serde_saphyr reads back.
        let s = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        Ok(Spanned {
            value: s.value,
            referenced: s.referenced,
            defined: s.defined,
        })
    }
}

impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Spanned", 4)?;
        // What serde_saphyr's reader of located values expects first (the
        // round-trip test below breaks if a new version changes it).
        s.serialize_field(SPANNED_MARKER, &())?;
        s.serialize_field("value", &self.value)?;
        s.serialize_field("referenced", &LocationRepr(&self.referenced))?;
        s.serialize_field("defined", &LocationRepr(&self.defined))?;
        s.end()
    }
}

const SPANNED_MARKER: &str = "__serde_saphyr_private_spanned";

/// `Location` in the shape its `Deserialize` reads.
struct LocationRepr<'a>(&'a Location);

impl Serialize for LocationRepr<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let span = self.0.span();
        let mut s = serializer.serialize_struct("Location", 3)?;
        s.serialize_field("line", &self.0.line())?;
        s.serialize_field("column", &self.0.column())?;
        s.serialize_field(
            "span",
            &SpanRepr {
                offset: span.offset(),
                len: span.len(),
                // Rule files are read from strings, which always give bytes.
                byte_info: (
                    span.byte_offset().unwrap_or(0),
                    span.byte_len().unwrap_or(0),
                ),
            },
        )?;
        s.end()
    }
}

#[derive(Serialize)]
struct SpanRepr {
    offset: u64,
    len: u64,
    byte_info: (u64, u64),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_survive_json() {
        let yaml = "a: 1\nb: 中文\n";
        #[derive(Deserialize, Serialize, Debug, PartialEq)]
        struct Doc {
            a: Spanned<u32>,
            b: Spanned<String>,
        }
        let doc: Doc = serde_saphyr::from_str(yaml).unwrap();
        assert_eq!(doc.b.referenced.line(), 2);
        assert_eq!(doc.b.referenced.span().byte_offset(), Some(8));
        let json = serde_json::to_string(&doc).unwrap();
        let back: Doc = serde_json::from_str(&json).unwrap();
        assert_eq!(back, doc);
        assert_eq!(back.b.referenced.span().byte_len(), Some(6));
    }
}
