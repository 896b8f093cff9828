//! `/userrole`: list, get, create, update and delete CER roles.
//!
//! Paths keep Cisco's trailing slashes: `GET /userrole` and the single-name calls
//! have none, while create, update and the list delete use `/userrole/`.

use reqwest::Method;

use super::named::{self, Named};
use super::{decode_response, encode_body, write_result};
use crate::error::Result;
use crate::model::results::{BulkResult, BulkShape, ItemResult, WriteResult};
use crate::model::roles::{roles_from_wire, Role, RoleRequest};
use crate::transport::{Request, Transport};

const ROLES: Named = Named {
    kind: "role",
    path: "userrole",
    query: "userRoleName",
    delete_list_path: "userrole/",
    delete_root: "deleteUserRolesRequest",
    delete_name: "userRoleName",
    shape: BulkShape {
        wrapper: "userRoles",
        item: "userRole",
        name_key: "userRoleName",
    },
    empty_names_allowed: true,
};

pub async fn list(transport: &Transport) -> Result<Vec<Role>> {
    let response = transport
        .send(Request::new(Method::GET, "userrole"))
        .await?;
    let value = decode_response(transport, &response)?;
    roles_from_wire(&value).map_err(|e| response.decode_error(e))
}

pub async fn get(transport: &Transport, name: &str) -> Result<Role> {
    named::get(transport, &ROLES, name, roles_from_wire, |r| &r.role_name).await
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
    named::delete(transport, &ROLES, name).await
}

pub async fn delete_many(transport: &Transport, names: &[String]) -> Result<BulkResult> {
    named::delete_many(transport, &ROLES, names).await
}
