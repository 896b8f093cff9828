//! Operations shared by the resources CER identifies by name: users, roles and
//! user groups. Each resource supplies its paths, query parameter and the element
//! names of its list delete; the steps are written once here.

use reqwest::Method;
use serde_json::{Map, Value};

use super::{decode_response, encode_body, require_name, single_item};
use crate::error::{Error, ErrorKind, Result};
use crate::model::results::{BulkResult, BulkShape, ItemResult};
use crate::model::{request_list, strings};
use crate::transport::{Request, Response, Transport};

/// Paths and element names of one named resource.
pub struct Named {
    /// The resource in messages, such as "user group".
    pub kind: &'static str,
    /// Path of the single-name get and delete, such as `userrole`.
    pub path: &'static str,
    /// Query parameter carrying the name, such as `userRoleName`.
    pub query: &'static str,
    /// Path of the list delete, with Cisco's trailing slash where it has one.
    pub delete_list_path: &'static str,
    /// XML root of the list delete request.
    pub delete_root: &'static str,
    /// Element of each name in the list delete request, such as `userRoleName`.
    pub delete_name: &'static str,
    /// Where the delete response keeps its per-name items; its wrapper also wraps
    /// the names of the request.
    pub shape: BulkShape,
    /// Whether a list delete may contain empty names, which CER then reports as
    /// failed items (Cisco's role delete sample sends one).
    pub empty_names_allowed: bool,
}

/// Returns the item named `name`: the exact name first, then the name in any case.
pub fn pick<T>(mut items: Vec<T>, name: &str, name_of: impl Fn(&T) -> &str) -> Option<T> {
    let index = items
        .iter()
        .position(|item| name_of(item) == name)
        .or_else(|| {
            items
                .iter()
                .position(|item| name_of(item).eq_ignore_ascii_case(name))
        })?;
    Some(items.swap_remove(index))
}

/// Builds the `NotFoundError` for a name the response does not contain.
pub fn not_found(kind: &str, name: &str, response: &Response) -> Error {
    Error::new(
        ErrorKind::NotFound,
        format!("CER has no {kind} named {name:?}"),
    )
    .with_request(&response.method, &response.path)
    .with_response(response.status, None, &response.body)
}

/// Gets one item by name with `GET path?query=name`.
pub async fn get<T>(
    transport: &Transport,
    resource: &Named,
    name: &str,
    decode: impl Fn(&Value) -> std::result::Result<Vec<T>, String>,
    name_of: impl Fn(&T) -> &str,
) -> Result<T> {
    let name = require_name("name", name)?;
    let request = Request::new(Method::GET, resource.path).query(resource.query, &name);
    let response = transport.send(request).await?;
    let value = decode_response(transport, &response)?;
    let items = decode(&value).map_err(|e| response.decode_error(e))?;
    pick(items, &name, name_of).ok_or_else(|| not_found(resource.kind, &name, &response))
}

/// Deletes one item with `DELETE path?query=name`; a failure CER reports in the
/// body raises `OperationFailedError`.
pub async fn delete(transport: &Transport, resource: &Named, name: &str) -> Result<ItemResult> {
    let name = require_name("name", name)?;
    let request = Request::new(Method::DELETE, resource.path).query(resource.query, &name);
    let response = transport.send(request).await?;
    let value = decode_response(transport, &response)?;
    let result = BulkResult::from_wire(&value, &resource.shape, std::slice::from_ref(&name))
        .map_err(|e| response.decode_error(e))?;
    single_item(&response, result, resource.kind)
}

/// Deletes a list of items in one request and reports each name's outcome.
pub async fn delete_many(
    transport: &Transport,
    resource: &Named,
    names: &[String],
) -> Result<BulkResult> {
    if names.is_empty() {
        return Err(Error::invalid(format!(
            "names must contain at least one {} name",
            resource.kind
        )));
    }
    if !resource.empty_names_allowed {
        for name in names {
            require_name("each name in names", name)?;
        }
    }

    let mut body = Map::new();
    body.insert(
        resource.shape.wrapper.into(),
        request_list(resource.delete_name, strings(names)),
    );
    let body = encode_body(transport, resource.delete_root, &Value::Object(body));
    let request = Request::new(Method::DELETE, resource.delete_list_path).body(body);
    let response = transport.send(request).await?;

    let value = decode_response(transport, &response)?;
    BulkResult::from_wire(&value, &resource.shape, names).map_err(|e| response.decode_error(e))
}
