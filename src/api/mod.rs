//! Endpoint definitions shared by the sync and async clients: each operation builds
//! its request and decodes the response into model types, once.

pub mod clusters;
pub mod erls;
pub mod groups;
pub mod named;
pub mod raw;
pub mod roles;
pub mod subnets;
pub mod users;
pub mod v2;

use std::sync::Arc;

use serde_json::Value;

use crate::error::{Error, ErrorKind, Result};
use crate::model::clusters::CucmCluster;
use crate::model::erls::{AccessPoint, ConventionalErl, LookupEntry};
use crate::model::groups::{GroupRequest, UserGroup};
use crate::model::results::{BulkResult, ItemResult, WriteResult};
use crate::model::roles::{Role, RoleRequest};
use crate::model::subnets::{Ipv6SubnetRequest, Subnet, SubnetRequest};
use crate::model::users::{User, UserRequest};
use crate::transport::{Response, Transport};
use crate::wire::{self, quirks};

/// One call a client can make, with its validated arguments.
#[derive(Debug)]
pub enum Operation {
    UsersList,
    UsersGet {
        name: String,
    },
    UsersCreate(UserRequest),
    UsersUpdate(UserRequest),
    UsersDelete {
        name: String,
    },
    UsersDeleteMany {
        names: Vec<String>,
    },
    RolesList,
    RolesGet {
        name: String,
    },
    RolesCreate(RoleRequest),
    RolesUpdate(RoleRequest),
    RolesDelete {
        name: String,
    },
    RolesDeleteMany {
        names: Vec<String>,
    },
    GroupsList,
    GroupsGet {
        name: String,
    },
    GroupsCreate(GroupRequest),
    GroupsUpdate(GroupRequest),
    GroupsChangeMembers {
        name: String,
        members: groups::Members,
        change: groups::Change,
        names: Vec<String>,
    },
    GroupsDelete {
        name: String,
    },
    GroupsDeleteMany {
        names: Vec<String>,
    },
    ClustersAdd(Box<CucmCluster>),
    ErlsList,
    ErlsGet {
        name: String,
    },
    ErlsLookup(erls::Lookup),
    AccessPointsList,
    AccessPointsGet {
        name: String,
    },
    SubnetsAdd(SubnetRequest),
    SubnetsUpdate(SubnetRequest),
    SubnetsDelete(SubnetRequest),
    SubnetsAddIpv6(Ipv6SubnetRequest),
    SubnetsList,
    Page(v2::PageRequest),
    Raw(raw::RawRequest),
}

/// What an operation returns, before conversion to Python objects.
#[derive(Debug)]
pub enum Output {
    Users(Vec<User>),
    User(User),
    Roles(Vec<Role>),
    Role(Role),
    Groups(Vec<UserGroup>),
    Group(UserGroup),
    Erls(Vec<ConventionalErl>),
    Erl(Box<ConventionalErl>),
    Lookups(Vec<LookupEntry>),
    AccessPoints(Vec<AccessPoint>),
    AccessPoint(AccessPoint),
    Subnets(Vec<Subnet>),
    Page(v2::PageOutput),
    Write(WriteResult),
    Item(ItemResult),
    Bulk(BulkResult),
    Raw(raw::RawBody),
}

/// Runs one operation against CER.
pub async fn execute(transport: Arc<Transport>, operation: Operation) -> Result<Output> {
    let t = transport.as_ref();
    match operation {
        Operation::UsersList => users::list(t).await.map(Output::Users),
        Operation::UsersGet { name } => users::get(t, &name).await.map(Output::User),
        Operation::UsersCreate(request) => users::create(t, &request).await.map(Output::Write),
        Operation::UsersUpdate(request) => users::update(t, &request).await.map(Output::Write),
        Operation::UsersDelete { name } => users::delete(t, &name).await.map(Output::Item),
        Operation::UsersDeleteMany { names } => {
            users::delete_many(t, &names).await.map(Output::Bulk)
        }
        Operation::RolesList => roles::list(t).await.map(Output::Roles),
        Operation::RolesGet { name } => roles::get(t, &name).await.map(Output::Role),
        Operation::RolesCreate(request) => roles::create(t, &request).await.map(Output::Write),
        Operation::RolesUpdate(request) => roles::update(t, &request).await.map(Output::Write),
        Operation::RolesDelete { name } => roles::delete(t, &name).await.map(Output::Item),
        Operation::RolesDeleteMany { names } => {
            roles::delete_many(t, &names).await.map(Output::Bulk)
        }
        Operation::GroupsList => groups::list(t).await.map(Output::Groups),
        Operation::GroupsGet { name } => groups::get(t, &name).await.map(Output::Group),
        Operation::GroupsCreate(request) => groups::create(t, &request).await.map(Output::Write),
        Operation::GroupsUpdate(request) => groups::update(t, &request).await.map(Output::Write),
        Operation::GroupsChangeMembers {
            name,
            members,
            change,
            names,
        } => groups::change_members(t, &name, members, change, &names)
            .await
            .map(Output::Group),
        Operation::GroupsDelete { name } => groups::delete(t, &name).await.map(Output::Item),
        Operation::GroupsDeleteMany { names } => {
            groups::delete_many(t, &names).await.map(Output::Bulk)
        }
        Operation::ClustersAdd(cluster) => clusters::add(t, &cluster).await.map(Output::Write),
        Operation::ErlsList => erls::list(t).await.map(Output::Erls),
        Operation::ErlsGet { name } => erls::get(t, &name).await.map(|e| Output::Erl(Box::new(e))),
        Operation::ErlsLookup(table) => erls::lookup(t, table).await.map(Output::Lookups),
        Operation::AccessPointsList => erls::access_points(t).await.map(Output::AccessPoints),
        Operation::AccessPointsGet { name } => {
            erls::access_point(t, &name).await.map(Output::AccessPoint)
        }
        Operation::SubnetsAdd(subnet) => subnets::add(t, &subnet).await.map(Output::Write),
        Operation::SubnetsUpdate(subnet) => subnets::update(t, &subnet).await.map(Output::Write),
        Operation::SubnetsDelete(subnet) => subnets::delete(t, &subnet).await.map(Output::Write),
        Operation::SubnetsAddIpv6(subnet) => subnets::add_ipv6(t, &subnet).await.map(Output::Write),
        Operation::SubnetsList => subnets::list(t).await.map(Output::Subnets),
        Operation::Page(request) => v2::page(t, request).await.map(Output::Page),
        Operation::Raw(request) => raw::send(t, request).await.map(Output::Raw),
    }
}

/// Checks a name argument that goes into a query or a body.
pub fn require_name(field: &str, name: &str) -> Result<String> {
    if name.trim().is_empty() {
        return Err(Error::invalid(format!("{field} must not be empty")));
    }
    Ok(name.to_string())
}

/// Encodes a request body in the client's format, under the operation's XML root.
pub fn encode_body(transport: &Transport, root: &str, body: &Value) -> Vec<u8> {
    wire::encode(transport.config.format, root, body)
}

/// Failure texts CER puts in `status` inside an HTTP 200 response.
const IN_BAND_FAILURES: [&str; 2] = ["publisher is active", "cannot fetch information"];

/// Decodes a 2xx response of a typed operation. An empty body is an error, and so
/// is a `status` that reports a failure such as "Publisher is active. Cannot fetch
/// information from subscriber.", so a failure never reads as an empty result.
pub fn decode_response(transport: &Transport, response: &Response) -> Result<Value> {
    if response.body.iter().all(u8::is_ascii_whitespace) {
        return Err(response.decode_error("the body is empty"));
    }
    let value = response.decode(transport.config.format)?;
    let status = value
        .as_object()
        .and_then(|o| quirks::non_empty_text(o.get("status")));
    if let Some(status) = status {
        let lower = status.to_ascii_lowercase();
        let failed = IN_BAND_FAILURES.iter().any(|f| lower.contains(f))
            || quirks::status_is(&status, &["fail", "error"]);
        if failed {
            return Err(response.operation_failed(
                format!(
                    "{} {} failed inside HTTP 200: CER said {status:?}",
                    response.method, response.path
                ),
                Some(status),
            ));
        }
    }
    Ok(value)
}

/// Decodes a create or update response and raises when CER reports a failure inside HTTP 200.
pub fn write_result(transport: &Transport, response: &Response) -> Result<WriteResult> {
    if response.body.iter().all(u8::is_ascii_whitespace) {
        return Err(response.decode_error("the body is empty"));
    }
    let value = response.decode(transport.config.format)?;
    let result = WriteResult::from_wire(&value).map_err(|e| response.decode_error(e))?;
    let lower = result.status.to_ascii_lowercase();
    let in_band = IN_BAND_FAILURES.iter().any(|f| lower.contains(f));
    if in_band || quirks::status_is(&result.status, &["fail", "error"]) {
        let detail = result
            .message
            .clone()
            .unwrap_or_else(|| result.status.clone());
        return Err(response.operation_failed(
            format!(
                "{} {} was rejected by CER: {detail}",
                response.method, response.path
            ),
            Some(result.status.clone()),
        ));
    }
    if result.status.trim().is_empty() && result.message.is_none() {
        return Err(response.decode_error("it has no status"));
    }
    Ok(result)
}

/// Turns the one item of a single-name delete into a value, or an error when it failed.
pub fn single_item(response: &Response, result: BulkResult, what: &str) -> Result<ItemResult> {
    let cer_status = Some(result.status.clone());
    let mut items = result.items;
    if items.is_empty() {
        return Err(Error::new(
            ErrorKind::Decode,
            format!("CER reported no outcome for the {what}"),
        )
        .with_request(&response.method, &response.path));
    }
    let item = items.remove(0);
    if item.ok {
        return Ok(item);
    }
    let reason = if item.message.is_empty() {
        item.status.clone()
    } else {
        item.message.clone()
    };
    Err(response.operation_failed(
        format!("CER did not delete {what} {:?}: {reason}", item.name),
        cer_status,
    ))
}
