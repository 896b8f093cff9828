//! XML to and from the JSON-shaped tree.
//!
//! CER's XML has no namespaces and, in the configuration API, no attributes. An
//! element with child elements becomes an object, a repeated child becomes an
//! array, and an element with only text (or nothing, `<X/>` or `<X></X>`) becomes
//! a string. Attributes, used by the export API, become `@name` keys.

use quick_xml::escape::escape;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use serde_json::{Map, Value};

/// An element while it is being read: its children so far and its text.
struct Open {
    name: String,
    children: Map<String, Value>,
    text: String,
}

impl Open {
    fn new(start: &BytesStart<'_>) -> Result<Self, String> {
        let name = start.name().0.to_string();
        let mut children = Map::new();
        for attribute in start.attributes() {
            let attribute = attribute.map_err(|e| format!("invalid XML attribute: {e}"))?;
            let key = format!("@{}", attribute.key.0);
            let value = attribute
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|e| format!("invalid XML attribute value: {e}"))?;
            children.insert(key, Value::String(value.into_owned()));
        }
        Ok(Open {
            name,
            children,
            text: String::new(),
        })
    }

    /// Closes the element. Text beside child elements, and text that is only
    /// whitespace, is the indentation of a pretty-printed document and is dropped.
    fn finish(self) -> (String, Value) {
        let value = if !self.children.is_empty() {
            Value::Object(self.children)
        } else if self.text.trim().is_empty() {
            Value::String(String::new())
        } else {
            Value::String(self.text)
        };
        (self.name, value)
    }
}

fn add_child(parent: &mut Map<String, Value>, name: String, value: Value) {
    match parent.get_mut(&name) {
        None => {
            parent.insert(name, value);
        }
        Some(Value::Array(items)) => items.push(value),
        Some(existing) => {
            let first = existing.take();
            *existing = Value::Array(vec![first, value]);
        }
    }
}

/// Deepest element nesting accepted, as serde_json limits JSON. CER's documents
/// nest fewer than ten levels; the limit keeps a hostile body from exhausting the stack.
pub const MAX_DEPTH: usize = 128;

/// Parses an XML document into its root element name and the JSON-shaped tree of its content.
pub fn parse(body: &[u8]) -> Result<(String, Value), String> {
    let text = std::str::from_utf8(body).map_err(|e| format!("XML body is not UTF-8: {e}"))?;
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<Open> = Vec::new();
    let mut root: Option<(String, Value)> = None;

    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("invalid XML at byte {}: {e}", reader.error_position()))?;
        match event {
            Event::Start(start) => {
                if root.is_some() {
                    return Err("invalid XML: content after the root element".to_string());
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(format!(
                        "invalid XML: elements nest deeper than {MAX_DEPTH} levels"
                    ));
                }
                stack.push(Open::new(&start)?);
            }
            Event::Empty(start) => {
                let (name, value) = Open::new(&start)?.finish();
                match stack.last_mut() {
                    Some(parent) => add_child(&mut parent.children, name, value),
                    None if root.is_none() => root = Some((name, value)),
                    None => return Err("invalid XML: content after the root element".to_string()),
                }
            }
            Event::End(_) => {
                let open = stack
                    .pop()
                    .ok_or_else(|| "invalid XML: unexpected closing tag".to_string())?;
                let (name, value) = open.finish();
                match stack.last_mut() {
                    Some(parent) => add_child(&mut parent.children, name, value),
                    None => root = Some((name, value)),
                }
            }
            Event::Text(t) => {
                if let Some(open) = stack.last_mut() {
                    open.text.push_str(&t.xml10_content());
                } else if !t.trim().is_empty() {
                    return Err("invalid XML: text outside the root element".to_string());
                }
            }
            Event::GeneralRef(r) => {
                let open = stack
                    .last_mut()
                    .ok_or_else(|| "invalid XML: reference outside the root element".to_string())?;
                let name = r.xml10_content();
                let resolved = resolve_reference(&name)
                    .ok_or_else(|| format!("invalid XML: unknown entity &{name};"))?;
                open.text.push_str(&resolved);
            }
            Event::CData(c) => {
                if let Some(open) = stack.last_mut() {
                    open.text.push_str(&c.xml10_content());
                }
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }

    if !stack.is_empty() {
        return Err("invalid XML: document ends inside an element".to_string());
    }
    let (name, value) = root.ok_or_else(|| "invalid XML: no root element".to_string())?;
    Ok((name, value))
}

fn resolve_reference(name: &str) -> Option<String> {
    let resolved = match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => {
            let code = if let Some(hex) = name.strip_prefix("#x") {
                u32::from_str_radix(hex, 16).ok()?
            } else {
                name.strip_prefix('#')?.parse().ok()?
            };
            return char::from_u32(code).map(String::from);
        }
    };
    Some(resolved.to_string())
}

/// Writes the JSON-shaped tree as an XML document with the given root element.
pub fn write(root: &str, value: &Value) -> String {
    let mut out = String::with_capacity(256);
    write_element(&mut out, root, value);
    out
}

fn write_element(out: &mut String, name: &str, value: &Value) {
    match value {
        Value::Array(items) => {
            for item in items {
                write_element(out, name, item);
            }
        }
        Value::Null => {
            out.push('<');
            out.push_str(name);
            out.push_str("/>");
        }
        Value::Object(map) => {
            out.push('<');
            out.push_str(name);
            for (key, attribute) in map.iter().filter(|(k, _)| k.starts_with('@')) {
                out.push(' ');
                out.push_str(&key[1..]);
                out.push_str("=\"");
                out.push_str(&escape(scalar_text(attribute).as_str()));
                out.push('"');
            }
            out.push('>');
            for (key, child) in map.iter().filter(|(k, _)| !k.starts_with('@')) {
                write_element(out, key, child);
            }
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
        scalar => {
            out.push('<');
            out.push_str(name);
            out.push('>');
            out.push_str(&escape(scalar_text(scalar).as_str()));
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn repeated_elements_become_arrays() {
        let (root, value) = parse(b"<r><a>1</a><a>2</a><b/><c></c></r>").unwrap();
        assert_eq!(root, "r");
        assert_eq!(value, json!({"a": ["1", "2"], "b": "", "c": ""}));
    }

    #[test]
    fn declaration_and_entities_are_accepted() {
        let doc = b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<r><p>CPU &amp; Memory Usage</p></r>";
        let (_, value) = parse(doc).unwrap();
        assert_eq!(value, json!({"p": "CPU & Memory Usage"}));
    }

    #[test]
    fn attributes_become_at_keys() {
        let (_, value) = parse(b"<s><Time hour=\"03\" min=\"20\">Sunday</Time></s>").unwrap();
        assert_eq!(value["Time"]["@hour"], "03");
    }

    #[test]
    fn malformed_documents_are_errors() {
        assert!(parse(b"<r><a></r>").is_err());
        assert!(parse(b"<r>").is_err());
        assert!(parse(b"").is_err());
        assert!(parse(b"<r/><s/>").is_err());
        let deep = format!(
            "{}{}",
            "<a>".repeat(MAX_DEPTH + 1),
            "</a>".repeat(MAX_DEPTH + 1)
        );
        assert!(parse(deep.as_bytes()).is_err());
        assert!(parse(&[0x3c, 0x72, 0x3e, 0xff, 0x3c, 0x2f, 0x72, 0x3e]).is_err());
    }

    #[test]
    fn write_round_trips_through_parse() {
        let value = json!({"users": {"name": ["AdMiN", "a<b & c"]}, "flag": true});
        let text = write("deleteAppUserRequest", &value);
        let (root, parsed) = parse(text.as_bytes()).unwrap();
        assert_eq!(root, "deleteAppUserRequest");
        assert_eq!(
            parsed,
            json!({"users": {"name": ["AdMiN", "a<b & c"]}, "flag": "true"})
        );
    }
}
