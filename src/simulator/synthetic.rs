//! Synthetic data sets made on the fly from a record number, so that a simulator
//! can serve 50,000 ERLs or 200,000 calls without storing them.

use serde_json::{json, Map, Value};

use crate::model::erls::{AliDetails, ConventionalErl, ElinMapping};

/// Which list a synthetic phone belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhoneKind {
    Tracked,
    NonTracked,
    Unlocated,
    Manual,
}

impl PhoneKind {
    pub const ALL: [PhoneKind; 4] = [
        PhoneKind::Tracked,
        PhoneKind::NonTracked,
        PhoneKind::Unlocated,
        PhoneKind::Manual,
    ];

    pub fn index(self) -> usize {
        match self {
            PhoneKind::Tracked => 0,
            PhoneKind::NonTracked => 1,
            PhoneKind::Unlocated => 2,
            PhoneKind::Manual => 3,
        }
    }
}

pub fn erl_name(i: usize) -> String {
    format!("ERL-{i:06}")
}

/// The synthetic ERL number `i`: one ELIN, one onsite alert contact and a filled ALI record.
pub fn erl(i: usize) -> ConventionalErl {
    let mut ali = AliDetails::default();
    ali.set("house_number", (100 + i % 9900).to_string());
    ali.set("street_name", format!("Campus Drive {}", i / 100));
    ali.set("community_name", "Springfield");
    ali.set("state", "IL");
    ali.set("customer_name", format!("Building {}", i / 1000));
    ali.set("class_of_service", "2");
    ali.set("type_of_service", "0");
    ali.set("zip_code", "62701");
    ali.set("location", format!("Floor {} Room {}", i % 20, i % 500));
    ConventionalErl {
        erl_name: erl_name(i),
        description: format!("Synthetic ERL {i}"),
        test_erl: false,
        time_zone: "America/Chicago".into(),
        elins: vec![ElinMapping {
            route_pattern: "10911".into(),
            elin: format!("217555{:04}", i % 10_000),
        }],
        onsite_alert_ids: vec![format!("security{}", i % 10)],
        ali,
        publisher_url: None,
        subscriber_url: None,
        extra: Map::new(),
    }
}

/// The date of synthetic call `i`: calls are spread one per minute from 2024-10-01.
pub fn call_date(i: usize) -> (u32, u32, u32, u32, u32) {
    let minutes = i as u64;
    let days = minutes / 1440;
    let (hour, minute) = (((minutes % 1440) / 60) as u32, (minutes % 60) as u32);
    // Days counted from 2024-10-01 with 30-day months keep the arithmetic simple
    // and the dates valid: day 1 to 30 of each month.
    let month_index = days / 30;
    let year = 2024 + ((9 + month_index) / 12) as u32;
    let month = ((9 + month_index) % 12 + 1) as u32;
    let day = (days % 30 + 1) as u32;
    (year, month, day, hour, minute)
}

pub fn call(i: usize, erl: String) -> Value {
    let (year, month, day, hour, minute) = call_date(i);
    json!({
        "ERLName": erl,
        "CallerExtension": format!("{}", 4000 + i % 1000),
        "CallTime": format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:00"),
        "RPELINMap": format!("10911--217555{:04}", i % 10_000),
        "IsCallAcknowledged": (i % 3 == 0).to_string(),
    })
}

fn mac(kind: PhoneKind, i: usize) -> String {
    format!("00{:02X}{:08X}", kind.index() * 16 + 0x1A, i)
}

pub fn phone(kind: PhoneKind, i: usize, erl: String) -> Value {
    let mac = mac(kind, i);
    let ip = format!(
        "10.{}.{}.{}",
        10 + kind.index(),
        (i / 250) % 250,
        i % 250 + 1
    );
    let mut phone = json!({
        "DeviceName": format!("SEP{mac}"),
        "MACAddress": mac,
        "IPAddress": ip,
        "Extension": format!("{}", 20000 + i),
    });
    if let Value::Object(map) = &mut phone {
        match kind {
            PhoneKind::Tracked => {
                map.insert("ERLName".into(), Value::String(erl.clone()));
                map.insert(
                    "SwitchIPAddress".into(),
                    Value::String(format!("10.250.0.{}", i % 200 + 1)),
                );
                map.insert(
                    "SwitchPort".into(),
                    Value::String(format!("Gi1/0/{}", i % 48 + 1)),
                );
            }
            PhoneKind::Manual => {
                map.insert("ERLName".into(), Value::String(erl));
            }
            PhoneKind::NonTracked | PhoneKind::Unlocated => {}
        }
    }
    phone
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn call_dates_are_valid_and_ordered() {
        assert_eq!(call_date(0), (2024, 10, 1, 0, 0));
        assert_eq!(call_date(1440), (2024, 10, 2, 0, 0));
        assert_eq!(call_date(1440 * 30 * 3), (2025, 1, 1, 0, 0));
        let (_, month, day, hour, minute) = call_date(199_999);
        assert!((1..=12).contains(&month) && (1..=30).contains(&day) && hour < 24 && minute < 60);
    }

    #[test]
    fn synthetic_phones_have_unique_macs() {
        let a = phone(PhoneKind::Tracked, 1, "HQ".into());
        let b = phone(PhoneKind::Tracked, 2, "HQ".into());
        let c = phone(PhoneKind::Manual, 1, "HQ".into());
        assert_ne!(a["MACAddress"], b["MACAddress"]);
        assert_ne!(a["MACAddress"], c["MACAddress"]);
        assert_eq!(
            crate::model::v2::normalize_mac(a["MACAddress"].as_str().unwrap()).map(|m| m.len()),
            Some(17)
        );
    }
}
