//! JSON and XML codecs and the CER quirk rules shared by the client and the simulator.
//!
//! Both formats decode into one tree, `serde_json::Value`, in the shape CER's JSON
//! has: the XML root element is dropped and repeated elements become arrays. The
//! models then read that tree through the tolerant helpers in [`quirks`].

pub mod quirks;
pub mod xml;

use serde_json::Value;

use crate::error::{Error, ErrorKind};

/// The body format of requests and responses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Json,
    Xml,
}

impl Format {
    /// Parses the `format` setting of a client.
    pub fn parse(name: &str) -> Result<Self, Error> {
        match name.to_ascii_lowercase().as_str() {
            "json" => Ok(Format::Json),
            "xml" => Ok(Format::Xml),
            other => Err(Error::new(
                ErrorKind::InvalidArgument,
                format!("invalid format {other:?}: use \"json\" or \"xml\""),
            )),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Xml => "xml",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Xml => "application/xml",
        }
    }

    /// Picks the format of a body from its `Content-Type`, falling back to a look at
    /// the first byte, because CER error pages do not always label their type.
    pub fn detect(content_type: Option<&str>, body: &[u8]) -> Option<Self> {
        if let Some(ct) = content_type {
            let ct = ct.to_ascii_lowercase();
            if ct.contains("json") {
                return Some(Format::Json);
            }
            if ct.contains("xml") {
                return Some(Format::Xml);
            }
        }
        match body.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') | Some(b'[') => Some(Format::Json),
            Some(b'<') => Some(Format::Xml),
            _ => None,
        }
    }
}

/// Decodes a body into the JSON-shaped tree. An empty body decodes to an empty object.
pub fn decode(format: Format, body: &[u8]) -> Result<Value, String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(Default::default()));
    }
    match format {
        Format::Json => serde_json::from_slice(body).map_err(|e| format!("invalid JSON: {e}")),
        Format::Xml => xml::parse(body).map(|(_root, value)| value),
    }
}

/// Encodes a JSON-shaped tree as a request body; XML needs the operation's root element.
pub fn encode(format: Format, root: &str, value: &Value) -> Vec<u8> {
    match format {
        Format::Json => serde_json::to_vec(value).unwrap_or_default(),
        Format::Xml => xml::write(root, value).into_bytes(),
    }
}
