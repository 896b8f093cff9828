//! A direct JSON reader for the largest response, `GET /cerl`, that builds the ERLs
//! without the intermediate tree. It applies the same quirk rules as
//! `ConventionalErl::from_wire`; any body it does not accept is read again by the
//! tree-based path, which gives the precise error.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::erls::{AliDetails, ConventionalErl, ElinMapping};
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
                        "ELINSettings" => erl.elins = map.next_value::<ElinSettings>()?.0,
                        "OnsiteAlertSettings" => {
                            erl.onsite_alert_ids = map.next_value::<OnsiteAlerts>()?.0
                        }
                        // The remaining fields are small or rare: read them as trees
                        // and reuse the tree-based rules.
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

/// One `ELINDetails` item: an object with `RoutePattern` and `ELIN`, or the export
/// API's `RoutePattern--ELIN` text. An empty object or text without `--` is no item.
struct ElinItem(Option<ElinMapping>);

fn split_elin_pair(text: &str) -> Option<ElinMapping> {
    let (route_pattern, elin) = text.split_once("--")?;
    Some(ElinMapping {
        route_pattern: route_pattern.trim().into(),
        elin: elin.trim().into(),
    })
}

impl<'de> Deserialize<'de> for ElinItem {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ItemVisitor;
        impl<'de> Visitor<'de> for ItemVisitor {
            type Value = ElinItem;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an ELINDetails item")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ElinItem, E> {
                Ok(ElinItem(split_elin_pair(v)))
            }
            fn visit_unit<E: de::Error>(self) -> Result<ElinItem, E> {
                Ok(ElinItem(None))
            }
            fn visit_bool<E: de::Error>(self, _v: bool) -> Result<ElinItem, E> {
                Ok(ElinItem(None))
            }
            fn visit_i64<E: de::Error>(self, _v: i64) -> Result<ElinItem, E> {
                Ok(ElinItem(None))
            }
            fn visit_u64<E: de::Error>(self, _v: u64) -> Result<ElinItem, E> {
                Ok(ElinItem(None))
            }
            fn visit_f64<E: de::Error>(self, _v: f64) -> Result<ElinItem, E> {
                Ok(ElinItem(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ElinItem, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(ElinItem(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ElinItem, A::Error> {
                let mut mapping = ElinMapping {
                    route_pattern: String::new(),
                    elin: String::new(),
                };
                let mut any_key = false;
                while let Some(key) = map.next_key::<String>()? {
                    any_key = true;
                    match key.as_str() {
                        "RoutePattern" => {
                            mapping.route_pattern =
                                map.next_value::<Scalar>()?.0.unwrap_or_default()
                        }
                        "ELIN" => mapping.elin = map.next_value::<Scalar>()?.0.unwrap_or_default(),
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(ElinItem(any_key.then_some(mapping)))
            }
        }
        deserializer.deserialize_any(ItemVisitor)
    }
}

/// `ELINSettings`: `ELINDetails` items under a wrapper, an array of them, the
/// export API's one-string form, or nothing.
struct ElinSettings(Vec<ElinMapping>);

impl<'de> Deserialize<'de> for ElinSettings {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SettingsVisitor;
        impl<'de> Visitor<'de> for SettingsVisitor {
            type Value = ElinSettings;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("ELINSettings")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ElinSettings, E> {
                Ok(ElinSettings(split_elin_pair(v).into_iter().collect()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<ElinSettings, E> {
                Ok(ElinSettings(Vec::new()))
            }
            fn visit_bool<E: de::Error>(self, _v: bool) -> Result<ElinSettings, E> {
                Ok(ElinSettings(Vec::new()))
            }
            fn visit_i64<E: de::Error>(self, _v: i64) -> Result<ElinSettings, E> {
                Ok(ElinSettings(Vec::new()))
            }
            fn visit_u64<E: de::Error>(self, _v: u64) -> Result<ElinSettings, E> {
                Ok(ElinSettings(Vec::new()))
            }
            fn visit_f64<E: de::Error>(self, _v: f64) -> Result<ElinSettings, E> {
                Ok(ElinSettings(Vec::new()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ElinSettings, A::Error> {
                let mut mappings = Vec::new();
                while let Some(ElinItem(item)) = seq.next_element()? {
                    mappings.extend(item);
                }
                Ok(ElinSettings(mappings))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ElinSettings, A::Error> {
                let mut mappings = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if key == "ELINDetails" {
                        let OneOrMany(items) = map.next_value::<OneOrMany<ElinItem>>()?;
                        mappings.extend(items.into_iter().filter_map(|i| i.0));
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(ElinSettings(mappings))
            }
        }
        deserializer.deserialize_any(SettingsVisitor)
    }
}

/// `OnsiteAlertSettings`: `OnsiteAlertID` texts under a wrapper, or an array of them.
/// Bare text, as for every twice-wrapped list, is no item.
struct OnsiteAlerts(Vec<String>);

impl<'de> Deserialize<'de> for OnsiteAlerts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AlertsVisitor;
        impl<'de> Visitor<'de> for AlertsVisitor {
            type Value = OnsiteAlerts;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("OnsiteAlertSettings")
            }
            fn visit_str<E: de::Error>(self, _v: &str) -> Result<OnsiteAlerts, E> {
                Ok(OnsiteAlerts(Vec::new()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<OnsiteAlerts, E> {
                Ok(OnsiteAlerts(Vec::new()))
            }
            fn visit_bool<E: de::Error>(self, _v: bool) -> Result<OnsiteAlerts, E> {
                Ok(OnsiteAlerts(Vec::new()))
            }
            fn visit_i64<E: de::Error>(self, _v: i64) -> Result<OnsiteAlerts, E> {
                Ok(OnsiteAlerts(Vec::new()))
            }
            fn visit_u64<E: de::Error>(self, _v: u64) -> Result<OnsiteAlerts, E> {
                Ok(OnsiteAlerts(Vec::new()))
            }
            fn visit_f64<E: de::Error>(self, _v: f64) -> Result<OnsiteAlerts, E> {
                Ok(OnsiteAlerts(Vec::new()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OnsiteAlerts, A::Error> {
                let mut ids = Vec::new();
                while let Some(Scalar(text)) = seq.next_element()? {
                    ids.extend(text.filter(|t| !t.trim().is_empty()));
                }
                Ok(OnsiteAlerts(ids))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OnsiteAlerts, A::Error> {
                let mut ids = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if key == "OnsiteAlertID" {
                        let Texts(texts) = map.next_value()?;
                        ids.extend(texts);
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(OnsiteAlerts(ids))
            }
        }
        deserializer.deserialize_any(AlertsVisitor)
    }
}

/// One text or an array of texts; blank texts, objects and arrays inside are no item.
struct Texts(Vec<String>);

impl<'de> Deserialize<'de> for Texts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextsVisitor;
        impl<'de> Visitor<'de> for TextsVisitor {
            type Value = Texts;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a text or an array of texts")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Texts, E> {
                Ok(Texts(if v.trim().is_empty() {
                    Vec::new()
                } else {
                    vec![v.to_string()]
                }))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Texts, E> {
                Ok(Texts(vec![v.to_string()]))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Texts, E> {
                Ok(Texts(vec![v.to_string()]))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Texts, E> {
                Ok(Texts(vec![v.to_string()]))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Texts, E> {
                Ok(Texts(vec![v.to_string()]))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Texts, E> {
                Ok(Texts(Vec::new()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Texts, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Texts(Vec::new()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Texts, A::Error> {
                let mut texts = Vec::new();
                while let Some(Scalar(text)) = seq.next_element()? {
                    texts.extend(text.filter(|t| !t.trim().is_empty()));
                }
                Ok(Texts(texts))
            }
        }
        deserializer.deserialize_any(TextsVisitor)
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
/// response (a parse error, no wrapper element, or a `status` other than success), so
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
        erls[7]["OnsiteAlertSettings"] =
            serde_json::json!({"OnsiteAlertID": ["a", "", 7, {"x": 1}]});
        erls[8]["OnsiteAlertSettings"] = serde_json::json!(["b", " "]);
        erls[9]["ELINSettings"] =
            serde_json::json!({"ELINDetails": [{"RoutePattern": "1", "ELIN": 2}, {}, "3--4"]});
        erls[10]["ELINSettings"] = serde_json::json!([{"RoutePattern": "5"}, null]);
        erls[11]["ELINSettings"] = serde_json::json!({"Other": 1});
        erls[12]["TestERL"] = Value::String("t".into());
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
