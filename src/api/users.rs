//! `/user`: list, get, create, update and delete CER users.
//!
//! Paths keep the trailing slashes exactly as Cisco documents each operation:
//! `GET /user/` and `DELETE /user/` for lists, `/user` for everything else.

use reqwest::Method;

use super::named::{self, Named};
use super::{decode_response, encode_body, write_result};
use crate::error::Result;
use crate::model::results::{BulkResult, BulkShape, ItemResult, WriteResult};
use crate::model::users::{users_from_wire, User, UserRequest};
use crate::transport::{Request, Transport};

const USERS: Named = Named {
    kind: "user",
    path: "user",
    query: "userName",
    delete_list_path: "user/",
    delete_root: "deleteAppUserRequest",
    delete_name: "name",
    shape: BulkShape {
        wrapper: "users",
        item: "user",
        name_key: "name",
    },
    empty_names_allowed: false,
};

pub async fn list(transport: &Transport) -> Result<Vec<User>> {
    let response = transport.send(Request::new(Method::GET, "user/")).await?;
    let value = decode_response(transport, &response)?;
    users_from_wire(&value).map_err(|e| response.decode_error(e))
}

pub async fn get(transport: &Transport, name: &str) -> Result<User> {
    named::get(transport, &USERS, name, users_from_wire, |u| &u.user_name).await
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
    named::delete(transport, &USERS, name).await
}

pub async fn delete_many(transport: &Transport, names: &[String]) -> Result<BulkResult> {
    named::delete_many(transport, &USERS, names).await
}
