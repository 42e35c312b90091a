//! The names a type's values and fields have in YAML and in the open data, taken from serde's
//! own (the `rename_all` on each type in [`schema`](super::schema)), so that each name is
//! written once, in the type's declaration.
//!
//! serde hands a deserializer a struct's field names (renamed) when it asks for a struct, and
//! an error the names of an enum's variants when a name is not one of them; `Shape` and
//! `Listed` only record those lists.

use serde::de::{self, DeserializeOwned, Visitor};
use std::fmt;

/// The names of `T`'s variants (an enum) or fields (a struct), as serde reads and writes them,
/// in declaration order. Empty for any other type.
pub fn names<T: DeserializeOwned>() -> &'static [&'static str] {
    match T::deserialize(Shape) {
        Err(Listed(fields)) if !fields.is_empty() => fields,
        // an enum lists its variants when asked for one it does not have
        _ => match T::deserialize(de::value::StrDeserializer::<Listed>::new("")) {
            Err(Listed(variants)) => variants,
            Ok(_) => &[],
        },
    }
}

/// The value of enum `T` that serde names `name`, if there is one.
pub fn parse<T: DeserializeOwned>(name: &str) -> Option<T> {
    T::deserialize(de::value::StrDeserializer::<de::value::Error>::new(name)).ok()
}

/// The name serde gives `value`, a unit variant of an enum (`q2`, `not_stated`).
pub fn name_of<T: DeserializeOwned + PartialEq>(value: &T) -> &'static str {
    names::<T>()
        .iter()
        .find(|n| parse::<T>(n).as_ref() == Some(value))
        .expect("every variant has a serde name")
}

/// A deserializer that answers a request for a struct with the struct's field names.
struct Shape;

/// The names a [`Shape`] was given, or an enum's variants, returned as an "error".
#[derive(Debug)]
struct Listed(&'static [&'static str]);

impl fmt::Display for Listed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.join(", "))
    }
}

impl std::error::Error for Listed {}

impl de::Error for Listed {
    fn custom<M: fmt::Display>(_: M) -> Self {
        Listed(&[])
    }

    fn unknown_variant(_: &str, expected: &'static [&'static str]) -> Self {
        Listed(expected)
    }
}

impl<'de> de::Deserializer<'de> for Shape {
    type Error = Listed;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Listed> {
        Err(Listed(&[]))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Listed> {
        Err(Listed(fields))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::schema::{Challenge, Clarity, Lag, ReportKind};

    #[test]
    fn enum_names_are_serdes() {
        assert_eq!(
            names::<ReportKind>(),
            ["work_plan", "q1", "q2", "q3", "q4", "self_evaluation"]
        );
        assert_eq!(
            name_of(&Challenge::SlightlyChallenging),
            "slightly_challenging"
        );
        assert_eq!(parse::<Clarity>("not_stated"), Some(Clarity::NotStated));
        assert_eq!(parse::<Clarity>("NotStated"), None);
        for n in names::<Challenge>() {
            let c: Challenge = parse(n).unwrap();
            assert_eq!(serde_yaml::to_string(&c).unwrap().trim(), *n);
        }
    }

    #[test]
    fn struct_fields_are_listed_in_order() {
        assert_eq!(names::<Lag>(), ["quarter", "percent"]);
        assert!(names::<u32>().is_empty());
    }
}
