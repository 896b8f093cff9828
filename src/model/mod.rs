//! Resource types, one module per family. Each type reads CER's JSON-shaped tree
//! tolerantly (`from_wire`) and writes CER's documented names (`to_wire`); its serde
//! derive carries the snake_case names the Python dataclasses use.

pub mod clusters;
pub mod groups;
pub mod permissions;
pub mod results;
pub mod roles;
pub mod users;

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
