//! Resource types, one module per family. Each type reads CER's JSON-shaped tree
//! tolerantly (`from_wire`) and writes CER's documented names (`to_wire`); its serde
//! derive carries the snake_case names the Python dataclasses use.

pub mod clusters;
pub mod erls;
pub mod fast_json;
pub mod groups;
pub mod permissions;
pub mod results;
pub mod roles;
pub mod subnets;
pub mod users;
pub mod v2;

use serde_json::{Map, Value};

/// Returns the object inside `value`, or an error naming what was expected.
pub fn expect_object<'a>(value: &'a Value, what: &str) -> Result<&'a Map<String, Value>, String> {
    value
        .as_object()
        .ok_or_else(|| format!("expected {what} to be an object, got {}", kind_of(value)))
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Returns a random version 4 UUID, the form CER uses for `pKid` and tracking ids.
pub fn new_uuid() -> String {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};

    let mut bytes = [0u8; 16];
    for (i, chunk) in bytes.chunks_mut(8).enumerate() {
        // RandomState is seeded from the OS once per process and varied per instance,
        // which is enough for ids that only need to be unique, not secret.
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_usize(i);
        hasher.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default(),
        );
        chunk.copy_from_slice(&hasher.finish().to_le_bytes());
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Keys that describe a response rather than hold its records.
const ENVELOPE_KEYS: [&str; 12] = [
    "status",
    "message",
    "trackingid",
    "links",
    "offset",
    "limit",
    "total",
    "totalcount",
    "count",
    "totalrecords",
    "recordcount",
    "pagesize",
];

/// Finds the records of a response whose shape is not published: drops envelope
/// fields (`status`, `message`, `TrackingID`, paging numbers) and unwraps single
/// wrapper elements until it reaches a list, one record, or nothing.
///
/// An object with only a message and a tracking id, which CER sends for an empty
/// result, therefore has no records.
pub fn records(value: &Value) -> Vec<&Value> {
    match value {
        Value::Array(items) => items.iter().filter(|v| !is_blank(v)).collect(),
        Value::Object(map) => {
            let content: Vec<(&String, &Value)> = map
                .iter()
                .filter(|(k, _)| !ENVELOPE_KEYS.contains(&k.to_ascii_lowercase().as_str()))
                .collect();
            match content.as_slice() {
                [] => Vec::new(),
                [(_, inner)] if inner.is_object() || inner.is_array() || is_blank(inner) => {
                    records(inner)
                }
                _ => vec![value],
            }
        }
        other if is_blank(other) => Vec::new(),
        other => vec![other],
    }
}

fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Object(map) => map.is_empty(),
        Value::Array(items) => items.is_empty(),
        _ => false,
    }
}

/// Checks that a list response has its wrapper element. Every list these checks
/// guard always contains standard objects (the install admin, the seven standard
/// roles and groups, the `Default` ERL), so a missing wrapper means the body is
/// not this operation's response, and reading it as an empty list would hide that.
pub fn require_key(object: &Map<String, Value>, key: &str) -> Result<(), String> {
    if object.contains_key(key) {
        Ok(())
    } else {
        Err(format!("the response has no {key} element"))
    }
}

/// Writes a list the way CER does: one item bare, several as an array, none as `""`.
pub fn compact_list(item_key: &str, items: Vec<Value>) -> Value {
    let mut wrapper = Map::new();
    match items.len() {
        0 => return Value::String(String::new()),
        1 => {
            let mut items = items;
            wrapper.insert(item_key.to_string(), items.remove(0));
        }
        _ => {
            wrapper.insert(item_key.to_string(), Value::Array(items));
        }
    }
    Value::Object(wrapper)
}

/// Writes a list for a request body: always a wrapped array, as Cisco's request samples show.
pub fn request_list(item_key: &str, items: Vec<Value>) -> Value {
    let mut wrapper = Map::new();
    wrapper.insert(item_key.to_string(), Value::Array(items));
    Value::Object(wrapper)
}

/// Converts names to JSON strings.
pub fn strings(names: &[String]) -> Vec<Value> {
    names.iter().map(|n| Value::String(n.clone())).collect()
}

/// Writes a `links` element with whichever of the two URLs are known.
pub fn links_object(publisher_url: &Option<String>, subscriber_url: &Option<String>) -> Value {
    let mut links = Map::new();
    if let Some(url) = publisher_url {
        links.insert("publisherURL".into(), Value::String(url.clone()));
    }
    if let Some(url) = subscriber_url {
        links.insert("subscriberURL".into(), Value::String(url.clone()));
    }
    Value::Object(links)
}

#[cfg(test)]
pub mod test_support {
    use serde_json::Value;

    use crate::wire::{decode, Format};

    /// Reads a file of `tests/fixtures`.
    pub fn fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// Decodes the JSON and the XML sample of `stem`, in that order.
    pub fn both(stem: &str) -> Vec<Value> {
        [("json", Format::Json), ("xml", Format::Xml)]
            .into_iter()
            .map(|(ext, format)| decode(format, &fixture(&format!("{stem}.{ext}"))).unwrap())
            .collect()
    }
}
