//! Records of the paged `v2` reads of CER 15SU2: call history and phones.
//!
//! Cisco has not published their response bodies. Fields are looked up under the
//! names CER uses in its export API (`ERLName`, `CallerExtension`, `IPaddress`,
//! `Macaddress` ...) and common variants, in any case; every field is also kept
//! in `extra` under its own name.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::wire::quirks;

/// Returns a MAC address as six lower-case hex pairs joined by colons, from any
/// of `001A2B3C4D5E`, `00-1a-2b-3c-4d-5e`, `001a.2b3c.4d5e` or a Cisco device name
/// such as `SEP001A2B3C4D5E`. Returns `None` for anything else.
pub fn normalize_mac(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    let body = match trimmed.get(..3) {
        Some(prefix) if prefix.eq_ignore_ascii_case("SEP") => &trimmed[3..],
        _ => trimmed,
    };
    let hex: String = body
        .chars()
        .filter(|c| !matches!(c, ':' | '-' | '.'))
        .collect();
    if hex.len() != 12 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let hex = hex.to_ascii_lowercase();
    let pairs: Vec<&str> = (0..6).map(|i| &hex[i * 2..i * 2 + 2]).collect();
    Some(pairs.join(":"))
}

fn find<'a>(map: &'a Map<String, Value>, names: &[&str]) -> Option<(&'a String, &'a Value)> {
    names
        .iter()
        .find_map(|name| map.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)))
}

fn text_of(map: &Map<String, Value>, names: &[&str]) -> Option<String> {
    find(map, names).and_then(|(_, v)| quirks::text(Some(v)))
}

/// A phone as the `v2` phone reads return it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Phone {
    /// Normalised to `aa:bb:cc:dd:ee:ff`; `None` when CER sent no readable MAC.
    pub mac_address: Option<String>,
    /// The MAC address exactly as CER sent it.
    pub mac_address_raw: Option<String>,
    pub ip_address: Option<String>,
    pub extension: Option<String>,
    pub device_name: Option<String>,
    pub erl_name: Option<String>,
    pub switch_ip_address: Option<String>,
    pub switch_port: Option<String>,
    pub extra: Map<String, Value>,
}

const MAC_NAMES: [&str; 5] = [
    "MACAddress",
    "Macaddress",
    "mac",
    "Phone_MAC_Address",
    "PhoneMACAddress",
];
const IP_NAMES: [&str; 3] = ["IPAddress", "ip", "PhoneIPAddress"];
const EXTENSION_NAMES: [&str; 6] = [
    "Extension",
    "PhoneNumber",
    "DirectoryNumber",
    "DN",
    "LineNumber",
    "CallerExtension",
];
const DEVICE_NAMES: [&str; 3] = ["DeviceName", "Devicename", "PhoneName"];
const ERL_NAMES: [&str; 3] = ["ERLName", "erlname", "ERL"];
const SWITCH_NAMES: [&str; 3] = ["SwitchIPAddress", "SwitchIP", "SwitchIPaddress"];
const PORT_NAMES: [&str; 3] = ["SwitchPort", "PortName", "Port"];

impl Phone {
    pub fn from_wire(value: &Value) -> Self {
        let empty = Map::new();
        let map = value.as_object().unwrap_or(&empty);
        let device_name = text_of(map, &DEVICE_NAMES);
        let mac_address_raw = text_of(map, &MAC_NAMES);
        let mac_address = mac_address_raw
            .as_deref()
            .and_then(normalize_mac)
            .or_else(|| device_name.as_deref().and_then(normalize_mac));
        Phone {
            mac_address,
            mac_address_raw,
            ip_address: text_of(map, &IP_NAMES),
            extension: text_of(map, &EXTENSION_NAMES),
            device_name,
            erl_name: text_of(map, &ERL_NAMES),
            switch_ip_address: text_of(map, &SWITCH_NAMES),
            switch_port: text_of(map, &PORT_NAMES),
            extra: map.clone(),
        }
    }
}

/// One emergency call as `v2/callhistorydetails` returns it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CallRecord {
    pub erl_name: Option<String>,
    pub caller_extension: Option<String>,
    /// The call time as CER wrote it; its format is not published.
    pub call_time: Option<String>,
    pub route_pattern: Option<String>,
    pub elin: Option<String>,
    pub acknowledged: Option<bool>,
    pub extra: Map<String, Value>,
}

impl CallRecord {
    pub fn from_wire(value: &Value) -> Self {
        let empty = Map::new();
        let map = value.as_object().unwrap_or(&empty);
        // The export API pairs them in one string, `RoutePattern--ELIN`.
        let pair = text_of(map, &["RPELINMap"]).and_then(|p| {
            p.split_once("--")
                .map(|(route, elin)| (route.trim().to_string(), elin.trim().to_string()))
        });
        CallRecord {
            erl_name: text_of(map, &ERL_NAMES),
            caller_extension: text_of(map, &["CallerExtension", "Extension", "CallingNumber"]),
            call_time: text_of(map, &["CallTime", "CallDate", "Time"]),
            route_pattern: text_of(map, &["RoutePattern"])
                .or_else(|| pair.as_ref().map(|p| p.0.clone())),
            elin: text_of(map, &["ELIN"]).or_else(|| pair.as_ref().map(|p| p.1.clone())),
            acknowledged: find(map, &["IsCallAcknowledged", "Acknowledged"])
                .and_then(|(_, v)| quirks::boolean(Some(v))),
            extra: map.clone(),
        }
    }
}

/// One page of a `v2` read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub records: Vec<T>,
    pub offset: u64,
    pub limit: u64,
    /// The `TrackingID` sent with the request, or the one CER echoed.
    pub tracking_id: String,
    /// CER's message, such as "No Manual Config Phone Record Available" for an empty result.
    pub message: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::records;
    use serde_json::json;

    #[test]
    fn mac_forms_normalise_alike() {
        for raw in [
            "001A2B3C4D5E",
            "00-1a-2b-3c-4d-5e",
            "001a.2b3c.4d5e",
            "SEP001A2B3C4D5E",
            "00:1A:2B:3C:4D:5E",
        ] {
            assert_eq!(
                normalize_mac(raw).as_deref(),
                Some("00:1a:2b:3c:4d:5e"),
                "{raw}"
            );
        }
        for bad in ["", "001A2B3C4D", "ZZ1A2B3C4D5E", "SEP"] {
            assert_eq!(normalize_mac(bad), None, "{bad}");
        }
    }

    #[test]
    fn phone_reads_export_style_names() {
        let phone = Phone::from_wire(&json!({
            "IPaddress": "10.1.1.5", "Macaddress": "001A2B3C4D5E", "Devicename": "SEP001A2B3C4D5E",
            "Extension": "4001", "ERLName": "HQ", "Vendor": "Cisco"
        }));
        assert_eq!(phone.mac_address.as_deref(), Some("00:1a:2b:3c:4d:5e"));
        assert_eq!(phone.mac_address_raw.as_deref(), Some("001A2B3C4D5E"));
        assert_eq!(phone.ip_address.as_deref(), Some("10.1.1.5"));
        assert_eq!(phone.erl_name.as_deref(), Some("HQ"));
        assert_eq!(phone.extra["Vendor"], "Cisco");
    }

    #[test]
    fn call_record_splits_the_route_pattern_pair() {
        let call = CallRecord::from_wire(&json!({
            "ERLName": "HQ", "CallerExtension": "4001", "CallTime": "2024-10-01 10:00:00",
            "RPELINMap": "10911--6011621123", "IsCallAcknowledged": "true"
        }));
        assert_eq!(call.route_pattern.as_deref(), Some("10911"));
        assert_eq!(call.elin.as_deref(), Some("6011621123"));
        assert_eq!(call.acknowledged, Some(true));
    }

    #[test]
    fn empty_result_message_has_no_records() {
        let empty =
            json!({"message": "No Manual Config Phone Record Available", "TrackingID": "CERAPP_1"});
        assert!(records(&empty).is_empty());
        let one = json!({"status": "Success", "phones": {"phone": {"Extension": "1"}}});
        assert_eq!(records(&one).len(), 1);
        let many = json!({"phones": [{"Extension": "1"}, {"Extension": "2"}], "offset": "0", "TrackingID": "x"});
        assert_eq!(records(&many).len(), 2);
    }
}
