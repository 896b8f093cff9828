//! Tolerant readers for the shapes CER sends, and the exact spellings it expects.
//!
//! CER sends a list of one item as the item itself, an empty list as `""`, every
//! scalar as a string, and spells booleans differently per field. These helpers
//! normalise all of that once, so the models never see it.

use serde_json::{Map, Value};

/// Returns the text of a scalar, or `None` for a missing value, `null`, an object or an array.
pub fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Returns the trimmed text of a scalar, or `None` when it is missing or blank.
pub fn non_empty_text(value: Option<&Value>) -> Option<String> {
    text(value)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// Reads a boolean in any spelling CER uses: JSON booleans, `true`/`false`,
/// `t`/`f`, `1`/`0`, `y`/`n`, `yes`/`no`, in any case. Returns `None` for
/// anything else, so the caller can keep the raw value.
pub fn boolean(value: Option<&Value>) -> Option<bool> {
    match value? {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => n.as_i64().map(|i| i != 0),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "t" | "1" | "y" | "yes" => Some(true),
            "false" | "f" | "0" | "n" | "no" | "" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// Returns the items of a repeated element: an array gives its items, a single
/// value gives itself, and `""`, `null`, `{}` or a missing value give nothing.
pub fn items(value: Option<&Value>) -> Vec<&Value> {
    match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(values)) => values.iter().filter(|v| !is_empty(v)).collect(),
        Some(v) if is_empty(v) => Vec::new(),
        Some(v) => vec![v],
    }
}

/// Returns the items of a twice-wrapped list such as `"users": {"user": [...]}`.
/// The wrapper may also be `""` (an empty list) or missing.
pub fn wrapped<'a>(wrapper: Option<&'a Value>, item: &str) -> Vec<&'a Value> {
    match wrapper {
        Some(Value::Object(map)) => items(map.get(item)),
        Some(Value::Array(_)) => items(wrapper),
        _ => Vec::new(),
    }
}

/// Returns the strings of a twice-wrapped list of names, such as
/// `"userGroups": {"userGroup": ["CER User"]}` or `"userGroups": ""`.
pub fn wrapped_strings(wrapper: Option<&Value>, item: &str) -> Vec<String> {
    wrapped(wrapper, item)
        .into_iter()
        .filter_map(|v| text(Some(v)))
        .collect()
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Object(map) => map.is_empty(),
        Value::Array(values) => values.is_empty(),
        _ => false,
    }
}

/// Collects the fields of `object` that are not in `known`, so no data is dropped.
pub fn extra(object: &Map<String, Value>, known: &[&str]) -> Map<String, Value> {
    object
        .iter()
        .filter(|(key, _)| !known.contains(&key.as_str()))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect()
}

/// Returns the URLs of a `links` element in either form CER uses:
/// `publisherURL`/`subscriberURL`, or a repeated `href`.
pub fn links(value: Option<&Value>) -> Vec<String> {
    let Some(Value::Object(map)) = value else {
        return Vec::new();
    };
    let mut urls = Vec::new();
    for key in ["publisherURL", "subscriberURL"] {
        if let Some(url) = non_empty_text(map.get(key)) {
            urls.push(url);
        }
    }
    for href in items(map.get("href")) {
        if let Some(url) = non_empty_text(Some(href)) {
            urls.push(url);
        }
    }
    urls
}

/// Returns a case-insensitive match of a `status` text against the given prefixes.
pub fn status_is(status: &str, accepted: &[&str]) -> bool {
    let status = status.trim().to_ascii_lowercase();
    accepted
        .iter()
        .any(|a| status.starts_with(&a.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn one_item_many_items_and_empty_lists() {
        let one = json!({"userGroup": "CER User"});
        let many = json!({"userGroup": ["A", "B"]});
        assert_eq!(wrapped_strings(Some(&one), "userGroup"), vec!["CER User"]);
        assert_eq!(wrapped_strings(Some(&many), "userGroup"), vec!["A", "B"]);
        for empty in [
            json!(""),
            json!({}),
            json!(null),
            json!({"userGroup": ""}),
            json!([]),
        ] {
            assert!(
                wrapped_strings(Some(&empty), "userGroup").is_empty(),
                "{empty}"
            );
        }
        assert!(wrapped_strings(None, "userGroup").is_empty());
    }

    #[test]
    fn boolean_spellings() {
        for truthy in [
            json!("true"),
            json!("T"),
            json!("1"),
            json!(true),
            json!("Y"),
            json!(1),
        ] {
            assert_eq!(boolean(Some(&truthy)), Some(true), "{truthy}");
        }
        for falsy in [
            json!("false"),
            json!("f"),
            json!("0"),
            json!(false),
            json!("No"),
            json!(""),
        ] {
            assert_eq!(boolean(Some(&falsy)), Some(false), "{falsy}");
        }
        assert_eq!(boolean(Some(&json!("maybe"))), None);
        assert_eq!(boolean(None), None);
    }

    #[test]
    fn links_in_both_forms() {
        let pair = json!({"publisherURL": "https://a/x", "subscriberURL": "https://b/x"});
        let hrefs = json!({"href": ["https://a/x", "https://b/x"]});
        assert_eq!(links(Some(&pair)), links(Some(&hrefs)));
        assert!(links(Some(&json!(""))).is_empty());
    }
}
