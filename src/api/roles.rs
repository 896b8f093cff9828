//! `/userrole`: list, get, create, update and delete CER roles.
//!
//! Paths keep Cisco's trailing slashes: `GET /userrole` and the single-name calls
//! have none, while create, update and the list delete use `/userrole/`.

use reqwest::Method;
use serde_json::{Map, Value};

use super::{decode_response, encode_body, require_name, single_item, write_result};
use crate::error::{Error, ErrorKind, Result};
use crate::model::results::{BulkResult, BulkShape, ItemResult, WriteResult};
use crate::model::roles::{roles_from_wire, Role, RoleRequest};
use crate::model::{request_list, strings};
use crate::transport::{Request, Transport};

const DELETE_SHAPE: BulkShape = BulkShape {
    wrapper: "userRoles",
    item: "userRole",
    name_key: "userRoleName",
};

pub async fn list(transport: &Transport) -> Result<Vec<Role>> {
    let response = transport
        .send(Request::new(Method::GET, "userrole"))
        .await?;
    let value = decode_response(transport, &response)?;
    roles_from_wire(&value).map_err(|e| response.decode_error(e))
}

pub async fn get(transport: &Transport, name: &str) -> Result<Role> {
    let name = require_name("name", name)?;
    let request = Request::new(Method::GET, "userrole").query("userRoleName", &name);
    let response = transport.send(request).await?;
    let value = decode_response(transport, &response)?;
    let mut roles = roles_from_wire(&value).map_err(|e| response.decode_error(e))?;
    let index = roles
        .iter()
        .position(|r| r.role_name.eq_ignore_ascii_case(&name));
    match index {
        Some(i) => Ok(roles.swap_remove(i)),
        None => Err(Error::new(
            ErrorKind::NotFound,
            format!("CER has no role named {name:?}"),
        )
        .with_request(&response.method, &response.path)
        .with_response(response.status, None, &response.body)),
    }
}

pub async fn create(transport: &Transport, role: &RoleRequest) -> Result<WriteResult> {
    let body = encode_body(transport, "insertUserRoleRequest", &role.to_wire());
    let response = transport
        .send(Request::new(Method::POST, "userrole/").body(body))
        .await?;
    write_result(transport, &response)
}

pub async fn update(transport: &Transport, role: &RoleRequest) -> Result<WriteResult> {
    let body = encode_body(transport, "updateUserRoleRequest", &role.to_wire());
    let response = transport
        .send(Request::new(Method::PUT, "userrole/").body(body))
        .await?;
    write_result(transport, &response)
}

pub async fn delete(transport: &Transport, name: &str) -> Result<ItemResult> {
    let name = require_name("name", name)?;
    let request = Request::new(Method::DELETE, "userrole").query("userRoleName", &name);
    let response = transport.send(request).await?;
    let value = decode_response(transport, &response)?;
    let result = BulkResult::from_wire(&value, &DELETE_SHAPE, std::slice::from_ref(&name))
        .map_err(|e| response.decode_error(e))?;
    single_item(&response, result, "role")
}

pub async fn delete_many(transport: &Transport, names: &[String]) -> Result<BulkResult> {
    if names.is_empty() {
        return Err(Error::invalid("names must contain at least one role name"));
    }
    let mut body = Map::new();
    body.insert(
        "userRoles".into(),
        request_list("userRoleName", strings(names)),
    );
    let body = encode_body(transport, "deleteUserRolesRequest", &Value::Object(body));
    let response = transport
        .send(Request::new(Method::DELETE, "userrole/").body(body))
        .await?;
    let value = decode_response(transport, &response)?;
    BulkResult::from_wire(&value, &DELETE_SHAPE, names).map_err(|e| response.decode_error(e))
}
