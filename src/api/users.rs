//! `/user`: list, get, create, update and delete CER users.
//!
//! Paths keep the trailing slashes exactly as Cisco documents each operation:
//! `GET /user/` and `DELETE /user/` for lists, `/user` for everything else.

use reqwest::Method;
use serde_json::{Map, Value};

use super::{decode_response, encode_body, require_name, single_item, write_result};
use crate::error::{Error, ErrorKind, Result};
use crate::model::request_list;
use crate::model::results::{BulkResult, BulkShape, ItemResult, WriteResult};
use crate::model::strings;
use crate::model::users::{users_from_wire, User, UserRequest};
use crate::transport::{Request, Transport};

const DELETE_SHAPE: BulkShape = BulkShape {
    wrapper: "users",
    item: "user",
    name_key: "name",
};

pub async fn list(transport: &Transport) -> Result<Vec<User>> {
    let response = transport.send(Request::new(Method::GET, "user/")).await?;
    let value = decode_response(transport, &response)?;
    users_from_wire(&value).map_err(|e| response.decode_error(e))
}

pub async fn get(transport: &Transport, name: &str) -> Result<User> {
    let name = require_name("name", name)?;
    let request = Request::new(Method::GET, "user").query("userName", &name);
    let response = transport.send(request).await?;
    let value = decode_response(transport, &response)?;
    let mut users = users_from_wire(&value).map_err(|e| response.decode_error(e))?;
    let index = users.iter().position(|u| u.user_name == name).or_else(|| {
        users
            .iter()
            .position(|u| u.user_name.eq_ignore_ascii_case(&name))
    });
    match index {
        Some(i) => Ok(users.swap_remove(i)),
        None => Err(Error::new(
            ErrorKind::NotFound,
            format!("CER has no user named {name:?}"),
        )
        .with_request(&response.method, &response.path)
        .with_response(response.status, None, &response.body)),
    }
}

pub async fn create(transport: &Transport, user: &UserRequest) -> Result<WriteResult> {
    let body = encode_body(transport, "newUserRequest", &user.to_wire());
    let response = transport
        .send(Request::new(Method::POST, "user").body(body))
        .await?;
    write_result(transport, &response)
}

pub async fn update(transport: &Transport, user: &UserRequest) -> Result<WriteResult> {
    let body = encode_body(transport, "updateUserRequest", &user.to_wire());
    let response = transport
        .send(Request::new(Method::PUT, "user").body(body))
        .await?;
    write_result(transport, &response)
}

pub async fn delete(transport: &Transport, name: &str) -> Result<ItemResult> {
    let name = require_name("name", name)?;
    let request = Request::new(Method::DELETE, "user").query("userName", &name);
    let response = transport.send(request).await?;
    let value = decode_response(transport, &response)?;
    let result = BulkResult::from_wire(&value, &DELETE_SHAPE, std::slice::from_ref(&name))
        .map_err(|e| response.decode_error(e))?;
    single_item(&response, result, "user")
}

pub async fn delete_many(transport: &Transport, names: &[String]) -> Result<BulkResult> {
    if names.is_empty() {
        return Err(Error::invalid("names must contain at least one user name"));
    }
    for name in names {
        require_name("each name in names", name)?;
    }
    let mut body = Map::new();
    body.insert("users".into(), request_list("name", strings(names)));
    let body = encode_body(transport, "deleteAppUserRequest", &Value::Object(body));
    let response = transport
        .send(Request::new(Method::DELETE, "user/").body(body))
        .await?;
    let value = decode_response(transport, &response)?;
    BulkResult::from_wire(&value, &DELETE_SHAPE, names).map_err(|e| response.decode_error(e))
}
