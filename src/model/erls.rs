//! Conventional ERLs (`GET /cerl`), the lookups under `/cerl`, and wireless access points.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{expect_object, records};
use crate::wire::quirks;

/// The 27 ALI fields of an ERL: wire name and snake_case name, in CER's order.
pub const ALI_FIELDS: [(&str, &str); 27] = [
    ("HouseNumber", "house_number"),
    ("HouseNumberSuffix", "house_number_suffix"),
    ("StreetName", "street_name"),
    ("PrefixDirectional", "prefix_directional"),
    ("StreetSuffix", "street_suffix"),
    ("PostDirectional", "post_directional"),
    ("CommunityName", "community_name"),
    ("State", "state"),
    ("MainNPA", "main_npa"),
    ("CustomerName", "customer_name"),
    ("COS", "class_of_service"),
    ("TOS", "type_of_service"),
    ("Exchange", "exchange"),
    ("MainTelNum", "main_tel_num"),
    ("OrderNumber", "order_number"),
    ("CountyID", "county_id"),
    ("CompanyID", "company_id"),
    ("ZipCode", "zip_code"),
    ("ZipCodeExt", "zip_code_ext"),
    ("CustomerCode", "customer_code"),
    ("Comments", "comments"),
    ("Longitude", "longitude"),
    ("Latitude", "latitude"),
    ("Elevation", "elevation"),
    ("TARCode", "tar_code"),
    ("Location", "location"),
    ("ProvReserved", "prov_reserved"),
];

/// The ALI record sent to the PSAP for an ERL: the 27 fields of [`ALI_FIELDS`], in
/// that order, each a string, empty when unset. Fields CER sends beyond the 27 are
/// kept in the ERL's `extra` under `ALIDetails`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AliDetails {
    pub values: [String; 27],
}

fn ali_index_of_name(name: &str) -> Option<usize> {
    ALI_FIELDS.iter().position(|(_, n)| *n == name)
}

fn ali_index_of_wire(wire: &str) -> Option<usize> {
    ALI_FIELDS.iter().position(|(w, _)| *w == wire)
}

impl AliDetails {
    /// Returns a field by its snake_case name; unknown names read as empty.
    pub fn get(&self, name: &str) -> &str {
        ali_index_of_name(name).map_or("", |i| self.values[i].as_str())
    }

    /// Sets a field by its snake_case name; returns false for an unknown name.
    pub fn set(&mut self, name: &str, value: impl Into<String>) -> bool {
        match ali_index_of_name(name) {
            Some(i) => {
                self.values[i] = value.into();
                true
            }
            None => false,
        }
    }

    /// Returns true when `wire` is one of the 27 element names.
    pub fn has_wire_field(&self, wire: &str) -> bool {
        ali_index_of_wire(wire).is_some()
    }

    /// Sets a field by CER's element name; returns false for an unknown name.
    pub fn set_wire(&mut self, wire: &str, value: String) -> bool {
        match ali_index_of_wire(wire) {
            Some(i) => {
                self.values[i] = value;
                true
            }
            None => false,
        }
    }

    pub fn from_wire(value: Option<&Value>) -> (Self, Map<String, Value>) {
        let mut ali = AliDetails::default();
        let mut extra = Map::new();
        if let Some(object) = value.and_then(Value::as_object) {
            for (key, item) in object {
                let known = ali_index_of_wire(key);
                match (known, quirks::text(Some(item))) {
                    (Some(i), Some(text)) => ali.values[i] = text,
                    (Some(_), None)
                        if item.is_null() || item.as_object().is_some_and(Map::is_empty) => {}
                    _ => {
                        extra.insert(key.clone(), item.clone());
                    }
                }
            }
        }
        (ali, extra)
    }

    pub fn to_wire(&self) -> Value {
        let mut object = Map::new();
        for ((wire, _), value) in ALI_FIELDS.iter().zip(&self.values) {
            object.insert((*wire).to_string(), Value::String(value.clone()));
        }
        Value::Object(object)
    }
}

impl Serialize for AliDetails {
    /// Writes the 27 fields as a struct named `AliDetails`, in CER's order.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut state = serializer.serialize_struct("AliDetails", ALI_FIELDS.len())?;
        for ((_, name), value) in ALI_FIELDS.iter().zip(&self.values) {
            state.serialize_field(name, value)?;
        }
        state.end()
    }
}

impl<'de> Deserialize<'de> for AliDetails {
    /// Reads the snake_case fields of the Python dataclass; a missing field is empty.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let fields =
            std::collections::HashMap::<String, Option<String>>::deserialize(deserializer)?;
        let mut ali = AliDetails::default();
        for (name, value) in fields {
            if !ali.set(&name, value.unwrap_or_default()) {
                return Err(serde::de::Error::custom(format!(
                    "unknown ALI field {name:?}"
                )));
            }
        }
        Ok(ali)
    }
}

/// One route pattern and the ELIN CER sends with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ElinMapping {
    pub route_pattern: String,
    pub elin: String,
}

/// A conventional ERL as `GET /cerl` returns it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConventionalErl {
    pub erl_name: String,
    pub description: String,
    pub test_erl: bool,
    pub time_zone: String,
    pub elins: Vec<ElinMapping>,
    pub onsite_alert_ids: Vec<String>,
    pub ali: AliDetails,
    pub publisher_url: Option<String>,
    pub subscriber_url: Option<String>,
    pub extra: Map<String, Value>,
}

const ERL_FIELDS: [&str; 8] = [
    "ERLName",
    "Description",
    "TestERL",
    "TimeZone",
    "ELINSettings",
    "OnsiteAlertSettings",
    "ALIDetails",
    "links",
];

/// Reads the ELIN mappings of an ERL. `ELINDetails` items carry `RoutePattern` and
/// `ELIN`; the export API's one-string form `RoutePattern--ELIN` is read as well.
fn elins_from_wire(value: Option<&Value>) -> Vec<ElinMapping> {
    let mut items = quirks::wrapped(value, "ELINDetails");
    if items.is_empty() {
        if let Some(Value::String(_)) = value {
            items = quirks::items(value);
        }
    }
    items
        .into_iter()
        .filter_map(|item| match item {
            Value::Object(map) => Some(ElinMapping {
                route_pattern: quirks::text(map.get("RoutePattern")).unwrap_or_default(),
                elin: quirks::text(map.get("ELIN")).unwrap_or_default(),
            }),
            Value::String(text) => {
                let (route_pattern, elin) = text.split_once("--")?;
                Some(ElinMapping {
                    route_pattern: route_pattern.trim().into(),
                    elin: elin.trim().into(),
                })
            }
            _ => None,
        })
        .collect()
}

impl ConventionalErl {
    /// An ERL with only a name, every other field empty.
    pub fn empty(erl_name: String) -> Self {
        ConventionalErl {
            erl_name,
            description: String::new(),
            test_erl: false,
            time_zone: String::new(),
            elins: Vec::new(),
            onsite_alert_ids: Vec::new(),
            ali: AliDetails::default(),
            publisher_url: None,
            subscriber_url: None,
            extra: Map::new(),
        }
    }

    /// Applies the fields other than name, description, time zone and ALI, read as
    /// small trees, with the same rules as [`ConventionalErl::from_wire`].
    pub fn apply_small_fields(&mut self, fields: Map<String, Value>) {
        for (key, value) in fields {
            match key.as_str() {
                "TestERL" => self.test_erl = quirks::boolean(Some(&value)).unwrap_or(false),
                "ELINSettings" => self.elins = elins_from_wire(Some(&value)),
                "OnsiteAlertSettings" => {
                    self.onsite_alert_ids = quirks::wrapped_strings(Some(&value), "OnsiteAlertID")
                }
                "links" => {
                    let links = value.as_object();
                    let link = |k: &str| links.and_then(|l| quirks::non_empty_text(l.get(k)));
                    self.publisher_url = link("publisherURL");
                    self.subscriber_url = link("subscriberURL");
                }
                _ => {
                    self.extra.insert(key, value);
                }
            }
        }
    }

    pub fn from_wire(value: &Value) -> std::result::Result<Self, String> {
        let object = expect_object(value, "an ERL")?;
        let erl_name = quirks::text(object.get("ERLName"))
            .ok_or_else(|| "an ERL has no ERLName".to_string())?;
        let links = object.get("links").and_then(Value::as_object);
        let link = |key: &str| links.and_then(|l| quirks::non_empty_text(l.get(key)));
        let (ali, ali_extra) = AliDetails::from_wire(object.get("ALIDetails"));
        let mut extra = quirks::extra(object, &ERL_FIELDS);
        if !ali_extra.is_empty() {
            extra.insert("ALIDetails".into(), Value::Object(ali_extra));
        }
        Ok(ConventionalErl {
            erl_name,
            description: quirks::text(object.get("Description")).unwrap_or_default(),
            test_erl: quirks::boolean(object.get("TestERL")).unwrap_or(false),
            time_zone: quirks::text(object.get("TimeZone")).unwrap_or_default(),
            elins: elins_from_wire(object.get("ELINSettings")),
            onsite_alert_ids: quirks::wrapped_strings(
                object.get("OnsiteAlertSettings"),
                "OnsiteAlertID",
            ),
            ali,
            publisher_url: link("publisherURL"),
            subscriber_url: link("subscriberURL"),
            extra,
        })
    }

    /// Writes the ERL in the element names of `GET /cerl`, with lists in CER's
    /// compact form: one item bare, none as an empty element.
    pub fn to_wire(&self) -> Value {
        let mut object = Map::new();
        object.insert("ERLName".into(), Value::String(self.erl_name.clone()));
        object.insert(
            "Description".into(),
            Value::String(self.description.clone()),
        );
        object.insert("TestERL".into(), Value::String(self.test_erl.to_string()));
        object.insert("TimeZone".into(), Value::String(self.time_zone.clone()));
        let elins = self
            .elins
            .iter()
            .map(|m| {
                let mut pair = Map::new();
                pair.insert(
                    "RoutePattern".into(),
                    Value::String(m.route_pattern.clone()),
                );
                pair.insert("ELIN".into(), Value::String(m.elin.clone()));
                Value::Object(pair)
            })
            .collect();
        object.insert(
            "ELINSettings".into(),
            super::compact_list("ELINDetails", elins),
        );
        object.insert(
            "OnsiteAlertSettings".into(),
            super::compact_list("OnsiteAlertID", super::strings(&self.onsite_alert_ids)),
        );
        object.insert("ALIDetails".into(), self.ali.to_wire());
        let links = super::links_object(&self.publisher_url, &self.subscriber_url);
        let links_empty = links.as_object().is_some_and(Map::is_empty);
        object.insert(
            "links".into(),
            if links_empty {
                Value::String(String::new())
            } else {
                links
            },
        );
        Value::Object(object)
    }
}

/// Reads the ERLs of a `ConventionalERLResponse`.
pub fn erls_from_wire(value: &Value) -> std::result::Result<Vec<ConventionalErl>, String> {
    let object = expect_object(value, "the response")?;
    super::require_key(object, "ConventionalERLDetails")?;
    quirks::wrapped(object.get("ConventionalERLDetails"), "ConventionalERL")
        .into_iter()
        .map(ConventionalErl::from_wire)
        .collect()
}

/// One entry of a lookup table such as `/cerl/cos`: its value, a description
/// when CER sends one, and every field as sent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LookupEntry {
    pub value: String,
    pub description: String,
    pub extra: Map<String, Value>,
}

const VALUE_KEYS: [&str; 8] = [
    "value", "code", "id", "name", "cos", "tos", "timezone", "timeZone",
];
const DESCRIPTION_KEYS: [&str; 4] = ["description", "desc", "displayName", "label"];

fn first_text(map: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|key| {
        map.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .and_then(|(_, v)| quirks::text(Some(v)))
    })
}

/// Reads a lookup response, whose shape Cisco has not published: entries may be
/// bare strings or objects, under any list element.
pub fn lookups_from_wire(value: &Value) -> Vec<LookupEntry> {
    records(value)
        .into_iter()
        .map(|item| match item {
            Value::Object(map) => LookupEntry {
                value: first_text(map, &VALUE_KEYS)
                    .or_else(|| map.values().find_map(|v| quirks::text(Some(v))))
                    .unwrap_or_default(),
                description: first_text(map, &DESCRIPTION_KEYS).unwrap_or_default(),
                extra: map.clone(),
            },
            other => LookupEntry {
                value: quirks::text(Some(other)).unwrap_or_default(),
                description: String::new(),
                extra: Map::new(),
            },
        })
        .collect()
}

/// A wireless access point and the ERL CER assigns to phones behind it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccessPoint {
    pub ap_name: String,
    pub mac_address: Option<String>,
    pub ip_address: Option<String>,
    pub erl_name: Option<String>,
    pub location: Option<String>,
    pub extra: Map<String, Value>,
}

/// Reads the access points of a `GET /accesspoints` response. The shape is not
/// published, so each field is looked up under the names CER uses elsewhere.
pub fn access_points_from_wire(value: &Value) -> Vec<AccessPoint> {
    records(value)
        .into_iter()
        .filter_map(Value::as_object)
        .map(|map| AccessPoint {
            ap_name: first_text(map, &["apname", "apName", "name", "accessPointName"])
                .unwrap_or_default(),
            mac_address: first_text(map, &["macAddress", "mac", "bssid", "apMac"]),
            ip_address: first_text(map, &["ipAddress", "ip", "apIp"]),
            erl_name: first_text(map, &["erlName", "erl"]),
            location: first_text(map, &["location", "apLocation"]),
            extra: map.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{decode, Format};
    use serde_json::json;

    /// Cisco's `GET /cerl` XML sample, ERL 1 whole and ERL 2 as far as published.
    const SAMPLE: &str = r#"<ConventionalERLResponse>
<status>Success</status>
<ConventionalERLDetails>
<ConventionalERL>
<ERLName>Default</ERLName><Description></Description><TestERL>false</TestERL><TimeZone></TimeZone>
<ELINSettings/>
<OnsiteAlertSettings><OnsiteAlertID>lobby2</OnsiteAlertID></OnsiteAlertSettings>
<ALIDetails><HouseNumber>3213</HouseNumber><HouseNumberSuffix></HouseNumberSuffix><StreetName>addsa</StreetName>
<PrefixDirectional></PrefixDirectional><StreetSuffix></StreetSuffix><PostDirectional></PostDirectional>
<CommunityName>fsda</CommunityName><State>fd</State><MainNPA></MainNPA><CustomerName>asdsd</CustomerName>
<COS>5</COS><TOS>4</TOS><Exchange></Exchange><MainTelNum></MainTelNum><OrderNumber></OrderNumber>
<CountyID></CountyID><CompanyID>dsads</CompanyID><ZipCode></ZipCode><ZipCodeExt></ZipCodeExt>
<CustomerCode>sds</CustomerCode><Comments></Comments><Longitude></Longitude><Latitude></Latitude>
<Elevation></Elevation><TARCode></TARCode><Location></Location><ProvReserved></ProvReserved></ALIDetails>
<links/>
</ConventionalERL>
<ConventionalERL>
<ERLName>erl1</ERLName><Description>erldef</Description><TestERL>false</TestERL><TimeZone></TimeZone>
<ELINSettings><ELINDetails><RoutePattern>10911</RoutePattern><ELIN>6011621123</ELIN></ELINDetails></ELINSettings>
<OnsiteAlertSettings><OnsiteAlertID>lobby1</OnsiteAlertID></OnsiteAlertSettings>
<ALIDetails><HouseNumber>3213</HouseNumber><HouseNumberSuffix></HouseNumberSuffix><StreetName>addsa</StreetName>
<PrefixDirectional></PrefixDirectional><StreetSuffix></StreetSuffix><PostDirectional></PostDirectional>
<CommunityName>fsda</CommunityName></ALIDetails>
<links/>
</ConventionalERL>
</ConventionalERLDetails>
</ConventionalERLResponse>"#;

    #[test]
    fn cisco_sample_decodes() {
        let value = decode(Format::Xml, SAMPLE.as_bytes()).unwrap();
        let erls = erls_from_wire(&value).unwrap();
        assert_eq!(erls.len(), 2);
        let default = &erls[0];
        assert_eq!(default.erl_name, "Default");
        assert!(default.elins.is_empty(), "<ELINSettings/> is no ELIN");
        assert_eq!(default.onsite_alert_ids, vec!["lobby2"]);
        assert_eq!(default.ali.get("class_of_service"), "5");
        assert_eq!(default.ali.get("type_of_service"), "4");
        assert!(!default.test_erl);
        let erl1 = &erls[1];
        assert_eq!(
            erl1.elins,
            vec![ElinMapping {
                route_pattern: "10911".into(),
                elin: "6011621123".into()
            }]
        );
        assert_eq!(erl1.ali.get("community_name"), "fsda");
        assert_eq!(
            erl1.ali.get("zip_code"),
            "",
            "fields the sample cuts off are empty"
        );
    }

    #[test]
    fn empty_elin_settings_in_every_form() {
        for empty in [
            json!(""),
            json!({}),
            json!(null),
            json!({"ELINDetails": ""}),
        ] {
            let erl = json!({"ERLName": "x", "ELINSettings": empty});
            assert!(
                ConventionalErl::from_wire(&erl).unwrap().elins.is_empty(),
                "{erl}"
            );
        }
        let missing = json!({"ERLName": "x"});
        assert!(ConventionalErl::from_wire(&missing)
            .unwrap()
            .elins
            .is_empty());
    }

    #[test]
    fn export_style_elin_string_decodes() {
        let erl = json!({"ERLName": "x", "ELINSettings": "111111--123456789"});
        let elins = ConventionalErl::from_wire(&erl).unwrap().elins;
        assert_eq!(
            elins,
            vec![ElinMapping {
                route_pattern: "111111".into(),
                elin: "123456789".into()
            }]
        );
    }

    #[test]
    fn erl_round_trips_through_both_formats() {
        let value = decode(Format::Xml, SAMPLE.as_bytes()).unwrap();
        let erl = erls_from_wire(&value).unwrap().remove(1);
        let wire = erl.to_wire();
        assert_eq!(ConventionalErl::from_wire(&wire).unwrap(), erl);
        let xml = crate::wire::encode(Format::Xml, "ConventionalERL", &wire);
        let back = decode(Format::Xml, &xml).unwrap();
        assert_eq!(ConventionalErl::from_wire(&back).unwrap(), erl);
    }

    #[test]
    fn unknown_fields_are_kept() {
        let erl = json!({"ERLName": "x", "Building": "B2", "ALIDetails": {"HouseNumber": "1", "Floor": "3"}});
        let erl = ConventionalErl::from_wire(&erl).unwrap();
        assert_eq!(erl.extra["Building"], "B2");
        assert_eq!(erl.extra["ALIDetails"]["Floor"], "3");
    }

    #[test]
    fn lookups_decode_strings_and_objects() {
        let strings =
            json!({"status": "Success", "timezones": {"timezone": ["UTC", "America/Chicago"]}});
        assert_eq!(lookups_from_wire(&strings)[1].value, "America/Chicago");
        let objects = json!({"cosList": {"cos": [{"code": "1", "description": "Residence"}]}});
        let entry = &lookups_from_wire(&objects)[0];
        assert_eq!(
            (entry.value.as_str(), entry.description.as_str()),
            ("1", "Residence")
        );
    }
}
