//! Raw access to any configuration API path, for operations without a typed method.

use reqwest::Method;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::transport::{Request, Transport};
use crate::wire::{self, Format};

/// A request built from `client.request(method, path, params, body)`.
#[derive(Debug)]
pub struct RawRequest {
    pub method: Method,
    pub path: String,
    pub params: Vec<(String, String)>,
    pub body: Option<Value>,
    /// XML root element of the body; needed only when sending XML.
    pub xml_root: Option<String>,
}

impl RawRequest {
    pub fn new(
        method: &str,
        path: &str,
        params: Vec<(String, String)>,
        body: Option<Value>,
        xml_root: Option<String>,
    ) -> Result<Self> {
        let method = Method::from_bytes(method.trim().to_ascii_uppercase().as_bytes())
            .map_err(|_| Error::invalid(format!("invalid HTTP method {method:?}")))?;
        let path = path.trim();
        if path.is_empty() || path.contains("://") || path.contains('?') || path.contains('#') {
            return Err(Error::invalid(format!(
                "invalid path {path:?}: give a path below /cerappservices/service such as \"user/\", and pass the query as params"
            )));
        }
        let path = path.strip_prefix("/cerappservices/service").unwrap_or(path);
        Ok(RawRequest {
            method,
            path: path.to_string(),
            params,
            body,
            xml_root,
        })
    }
}

/// The body of a raw response, before it becomes Python objects.
#[derive(Debug)]
pub enum RawBody {
    /// A JSON body, kept as bytes so that it becomes Python objects in one pass.
    Json(crate::transport::Response),
    /// Any other body, decoded into the JSON-shaped tree.
    Tree(Value),
}

/// Sends the request and returns the body normalised to CER's JSON shape.
pub async fn send(transport: &Transport, raw: RawRequest) -> Result<RawBody> {
    let mut request = Request::new(raw.method, &raw.path);
    request.query = raw.params;
    if let Some(body) = &raw.body {
        let bytes = match (transport.config.format, raw.xml_root.as_deref()) {
            (Format::Xml, None) => {
                return Err(Error::invalid(
                    "xml_root is required to send a body in XML: name the request's root element, such as \"newUserRequest\"",
                ))
            }
            (format, root) => wire::encode(format, root.unwrap_or_default(), body),
        };
        request.body = Some(bytes);
    }
    let response = transport.send(request).await?;
    if response.is_plain_json() {
        return Ok(RawBody::Json(response));
    }
    response.decode(transport.config.format).map(RawBody::Tree)
}
