//! A direct JSON reader for the largest answer, `GET /cerl`, that builds the ERLs
//! without the intermediate tree. It applies the same quirk rules as
//! `ConventionalErl::from_wire`; any body it does not accept is read again by the
//! tree-based path, which gives the precise error.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::erls::{AliDetails, ConventionalErl};
use crate::wire::quirks;

/// Any JSON scalar as text; `null` and objects read as `None`.
struct Scalar(Option<String>);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;
        impl<'de> Visitor<'de> for ScalarVisitor {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, number or boolean")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar(Some(v)))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_string())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_string())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_string())))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Scalar(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Scalar(None))
            }
        }
        deserializer.deserialize_any(ScalarVisitor)
    }
}

/// The ALI element, read straight into [`AliDetails`]; unknown children go to `extra`.
struct AliWire(AliDetails, Map<String, Value>);

impl<'de> Deserialize<'de> for AliWire {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AliVisitor;
        impl<'de> Visitor<'de> for AliVisitor {
            type Value = AliWire;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an ALIDetails object")
            }
            fn visit_str<E: de::Error>(self, _v: &str) -> Result<AliWire, E> {
                Ok(AliWire(AliDetails::default(), Map::new()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<AliWire, E> {
                Ok(AliWire(AliDetails::default(), Map::new()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AliWire, A::Error> {
                let mut ali = AliDetails::default();
                let mut extra = Map::new();
                while let Some(key) = map.next_key::<String>()? {
                    if ali.has_wire_field(&key) {
                        if let Some(text) = map.next_value::<Scalar>()?.0 {
                            ali.set_wire(&key, text);
                        }
                    } else {
                        let value: Value = map.next_value()?;
                        extra.insert(key, value);
                    }
                }
                Ok(AliWire(ali, extra))
            }
        }
        deserializer.deserialize_any(AliVisitor)
    }
}

/// One `ConventionalERL` element.
struct ErlWire(ConventionalErl);

impl<'de> Deserialize<'de> for ErlWire {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ErlVisitor;
        impl<'de> Visitor<'de> for ErlVisitor {
            type Value = ErlWire;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a ConventionalERL object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ErlWire, A::Error> {
                let mut name = None;
                let mut erl = ConventionalErl::empty(String::new());
                let mut small = Map::new();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "ERLName" => name = map.next_value::<Scalar>()?.0,
                        "Description" => {
                            erl.description = map.next_value::<Scalar>()?.0.unwrap_or_default()
                        }
                        "TimeZone" => {
                            erl.time_zone = map.next_value::<Scalar>()?.0.unwrap_or_default()
                        }
                        "ALIDetails" => {
                            let AliWire(ali, ali_extra) = map.next_value()?;
                            erl.ali = ali;
                            if !ali_extra.is_empty() {
                                erl.extra
                                    .insert("ALIDetails".into(), Value::Object(ali_extra));
                            }
                        }
                        // The remaining known fields are small: read them as trees and
                        // reuse the tree-based rules.
                        _ => {
                            let value: Value = map.next_value()?;
                            small.insert(key, value);
                        }
                    }
                }
                let name = name.ok_or_else(|| de::Error::custom("an ERL has no ERLName"))?;
                erl.erl_name = name;
                erl.apply_small_fields(small);
                Ok(ErlWire(erl))
            }
        }
        deserializer.deserialize_map(ErlVisitor)
    }
}

/// A repeated element: an array, one object, or `""`/`null` for none.
struct OneOrMany<T>(Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ManyVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ManyVisitor<T> {
            type Value = OneOrMany<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array, an object or an empty string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                if v.trim().is_empty() {
                    Ok(OneOrMany(Vec::new()))
                } else {
                    Err(E::custom("expected a list of objects, got text"))
                }
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(OneOrMany(Vec::new()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(OneOrMany(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let item = T::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(OneOrMany(vec![item]))
            }
        }
        deserializer.deserialize_any(ManyVisitor(PhantomData))
    }
}

/// A wrapper element holding one repeated child, such as `ConventionalERLDetails`.
struct Wrapped<T>(Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Wrapped<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct WrappedVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for WrappedVisitor<T> {
            type Value = Wrapped<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a wrapper object or an empty string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                if v.trim().is_empty() {
                    Ok(Wrapped(Vec::new()))
                } else {
                    Err(E::custom("expected a wrapper object, got text"))
                }
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Wrapped(Vec::new()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while map.next_key::<IgnoredAny>()?.is_some() {
                    let OneOrMany(mut more) = map.next_value::<OneOrMany<T>>()?;
                    items.append(&mut more);
                }
                Ok(Wrapped(items))
            }
        }
        deserializer.deserialize_any(WrappedVisitor(PhantomData))
    }
}

/// The top of a `ConventionalERLResponse` in JSON.
struct ErlList {
    status: Option<String>,
    erls: Option<Vec<ConventionalErl>>,
}

impl<'de> Deserialize<'de> for ErlList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ListVisitor;
        impl<'de> Visitor<'de> for ListVisitor {
            type Value = ErlList;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a ConventionalERLResponse object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ErlList, A::Error> {
                let mut list = ErlList {
                    status: None,
                    erls: None,
                };
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "status" => list.status = map.next_value::<Scalar>()?.0,
                        "ConventionalERLDetails" => {
                            let Wrapped(erls) = map.next_value::<Wrapped<ErlWire>>()?;
                            list.erls = Some(erls.into_iter().map(|e| e.0).collect());
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(list)
            }
        }
        deserializer.deserialize_map(ListVisitor)
    }
}

/// Reads a JSON `GET /cerl` body. Returns `None` when the body is not a plain list
/// answer (a parse error, no wrapper element, or a `status` other than success), so
/// the caller can take the tree-based path and report exactly what is wrong.
pub fn erls_from_json(body: &[u8]) -> Option<Vec<ConventionalErl>> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let list = ErlList::deserialize(&mut deserializer).ok()?;
    deserializer.end().ok()?;
    let status_ok = list
        .status
        .as_deref()
        .is_none_or(|s| quirks::status_is(s, &["success"]));
    if !status_ok {
        return None;
    }
    list.erls
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::erls::erls_from_wire;
    use crate::simulator::synthetic;

    #[test]
    fn direct_reader_matches_the_tree_reader() {
        let mut erls: Vec<Value> = (0..50).map(|i| synthetic::erl(i).to_wire()).collect();
        erls[3]["Building"] = Value::String("B2".into());
        erls[4]["ALIDetails"]["Floor"] = Value::String("3".into());
        erls[5]["ELINSettings"] = Value::String("111--222".into());
        erls[6]["OnsiteAlertSettings"] = Value::String(String::new());
        let body = serde_json::json!({"status": "Success", "ConventionalERLDetails": {"ConventionalERL": erls}});
        let bytes = serde_json::to_vec(&body).unwrap();
        assert_eq!(
            erls_from_json(&bytes).unwrap(),
            erls_from_wire(&body).unwrap()
        );

        let one = serde_json::json!({"status": "Success", "ConventionalERLDetails": {"ConventionalERL": erls[0].clone()}});
        let bytes = serde_json::to_vec(&one).unwrap();
        assert_eq!(
            erls_from_json(&bytes).unwrap(),
            erls_from_wire(&one).unwrap()
        );
    }

    #[test]
    fn direct_reader_declines_what_it_cannot_vouch_for() {
        assert!(erls_from_json(b"{}").is_none(), "no wrapper element");
        assert!(erls_from_json(
            b"{\"status\": \"Publisher is active.\", \"ConventionalERLDetails\": \"\"}"
        )
        .is_none());
        assert!(erls_from_json(
            b"{\"ConventionalERLDetails\": {\"ConventionalERL\": [{\"Description\": \"x\"}]}}"
        )
        .is_none());
        assert!(erls_from_json(b"not json").is_none());
        assert_eq!(
            erls_from_json(b"{\"status\": \"Success\", \"ConventionalERLDetails\": \"\"}"),
            Some(Vec::new())
        );
    }
}
