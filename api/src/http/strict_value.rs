//! Deserializes request bodies from a `serde_json::Value` like `Value` itself does, except that
//! a struct must come from a JSON object at every depth. serde's derived structs also accept a
//! sequence of field values (`[null, null]`), which no client means and the schema forbids.

use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Unexpected, Visitor,
};
use serde::forward_to_deserialize_any;
use serde_json::{Map, Value};

pub struct StrictValue(pub Value);

impl<'de> Deserializer<'de> for StrictValue {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::Array(items) => visitor.visit_seq(StrictSeq(items.into_iter())),
            Value::Object(fields) => visitor.visit_map(StrictMap::new(fields)),
            scalar => scalar.deserialize_any(visitor),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::Object(fields) => visitor.visit_map(StrictMap::new(fields)),
            Value::Array(_) => Err(de::Error::invalid_type(Unexpected::Seq, &visitor)),
            other => other.deserialize_any(visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        // Request enums are plain strings; `Value` handles them (and refuses anything else).
        self.0.deserialize_enum(name, variants, visitor)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

struct StrictSeq(std::vec::IntoIter<Value>);

impl<'de> SeqAccess<'de> for StrictSeq {
    type Error = serde_json::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Self::Error> {
        self.0
            .next()
            .map(|item| seed.deserialize(StrictValue(item)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct StrictMap {
    fields: serde_json::map::IntoIter,
    value: Option<Value>,
}

impl StrictMap {
    fn new(fields: Map<String, Value>) -> Self {
        StrictMap {
            fields: fields.into_iter(),
            value: None,
        }
    }
}

impl<'de> MapAccess<'de> for StrictMap {
    type Error = serde_json::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Self::Error> {
        let Some((key, value)) = self.fields.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(key.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Self::Error> {
        seed.deserialize(StrictValue(self.value.take().unwrap_or(Value::Null)))
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::StrictValue;

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Inner {
        a: Option<u32>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "lowercase")]
    enum Kind {
        Idea,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Outer {
        inner: Option<Inner>,
        list: Vec<Inner>,
        kind: Kind,
        #[serde(default)]
        tags: Vec<String>,
    }

    fn parse(value: serde_json::Value) -> Result<Outer, String> {
        serde_path_to_error::deserialize(StrictValue(value)).map_err(|err| err.path().to_string())
    }

    #[test]
    fn objects_deserialize_as_usual() {
        let parsed = parse(json!({"inner": {"a": 1}, "list": [{"a": null}], "kind": "idea"})).unwrap();
        assert_eq!(parsed.inner, Some(Inner { a: Some(1) }));
        assert_eq!(parsed.list, [Inner { a: None }]);
        assert!(parsed.tags.is_empty());
        assert_eq!(
            parse(json!({"inner": null, "list": [], "kind": "idea"}))
                .unwrap()
                .inner,
            None
        );
    }

    #[test]
    fn arrays_never_stand_in_for_structs_at_any_depth() {
        assert_eq!(parse(json!([null, [], "idea"])).unwrap_err(), ".");
        assert_eq!(
            parse(json!({"inner": [1], "list": [], "kind": "idea"})).unwrap_err(),
            "inner"
        );
        assert_eq!(
            parse(json!({"list": [[1]], "kind": "idea"})).unwrap_err(),
            "list[0]"
        );
    }

    #[test]
    fn errors_keep_their_paths() {
        assert_eq!(
            parse(json!({"list": [{"a": "x"}], "kind": "idea"})).unwrap_err(),
            "list[0].a"
        );
        assert_eq!(parse(json!({"list": [], "kind": "other"})).unwrap_err(), "kind");
        assert_eq!(
            parse(json!({"list": [{"b": 1}], "kind": "idea"})).unwrap_err(),
            "list[0].b"
        );
    }
}
