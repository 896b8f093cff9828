//! Writes long list responses record by record, so a simulator serving 200,000
//! records never keeps the whole document as a tree.

use serde_json::Value;

use super::{Reply, ReplyBody};
use crate::wire::{xml, Format};

/// A list response: leading fields, then `wrapper` / `item` repeated `count` times.
pub struct ListBody<'a> {
    pub root: &'a str,
    pub head: Vec<(&'a str, Value)>,
    pub wrapper: &'a str,
    pub item: &'a str,
    pub count: usize,
}

impl ListBody<'_> {
    /// Writes the response in CER's list shape: one item bare, several as an array,
    /// none as an empty wrapper.
    pub fn reply(self, format: Format, record: impl Fn(usize) -> Value) -> Reply {
        let bytes = match format {
            Format::Json => self.json(&record),
            Format::Xml => self.xml(&record),
        };
        Reply {
            status: 200,
            body: ReplyBody::Raw {
                content_type: format.mime().to_string(),
                bytes: bytes.into(),
            },
        }
    }

    fn json(&self, record: &dyn Fn(usize) -> Value) -> Vec<u8> {
        let mut out = Vec::with_capacity(64 + self.count * 256);
        out.push(b'{');
        for (key, value) in &self.head {
            push_json(&mut out, &Value::String((*key).to_string()));
            out.push(b':');
            push_json(&mut out, value);
            out.push(b',');
        }
        push_json(&mut out, &Value::String(self.wrapper.to_string()));
        out.push(b':');
        if self.count == 0 {
            out.extend_from_slice(b"\"\"}");
            return out;
        }
        out.push(b'{');
        push_json(&mut out, &Value::String(self.item.to_string()));
        out.push(b':');
        if self.count == 1 {
            push_json(&mut out, &record(0));
        } else {
            out.push(b'[');
            for i in 0..self.count {
                if i > 0 {
                    out.push(b',');
                }
                push_json(&mut out, &record(i));
            }
            out.push(b']');
        }
        out.extend_from_slice(b"}}");
        out
    }

    fn xml(&self, record: &dyn Fn(usize) -> Value) -> Vec<u8> {
        let mut out = String::with_capacity(64 + self.count * 512);
        out.push('<');
        out.push_str(self.root);
        out.push('>');
        for (key, value) in &self.head {
            out.push_str(&xml::write(key, value));
        }
        if self.count == 0 {
            out.push_str(&format!("<{}/>", self.wrapper));
        } else {
            out.push_str(&format!("<{}>", self.wrapper));
            for i in 0..self.count {
                out.push_str(&xml::write(self.item, &record(i)));
            }
            out.push_str(&format!("</{}>", self.wrapper));
        }
        out.push_str(&format!("</{}>", self.root));
        out.into_bytes()
    }
}

fn push_json(out: &mut Vec<u8>, value: &Value) {
    // Writing a Value into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, value);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn body(count: usize, format: Format) -> Value {
        let list = ListBody {
            root: "r",
            head: vec![("status", json!("Success"))],
            wrapper: "items",
            item: "item",
            count,
        };
        let reply = list.reply(format, |i| json!({"n": i.to_string()}));
        let ReplyBody::Raw { bytes, .. } = reply.body else {
            panic!("expected raw bytes")
        };
        crate::wire::decode(format, &bytes).unwrap()
    }

    #[test]
    fn list_shapes_follow_cer() {
        for format in [Format::Json, Format::Xml] {
            assert_eq!(body(0, format)["items"], json!(""));
            assert_eq!(body(1, format)["items"]["item"], json!({"n": "0"}));
            assert_eq!(
                body(3, format)["items"]["item"].as_array().map(Vec::len),
                Some(3)
            );
            assert_eq!(body(3, format)["status"], json!("Success"));
        }
    }
}
