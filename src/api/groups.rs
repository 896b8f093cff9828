//! `/usergroup`: list, get, create, update and delete CER user groups, and
//! membership changes built on get and update.

use reqwest::Method;

use super::named::{self, Named};
use super::{decode_response, encode_body, write_result};
use crate::error::{Error, ErrorKind, Result};
use crate::model::groups::{groups_from_wire, GroupRequest, UserGroup};
use crate::model::results::{BulkResult, BulkShape, ItemResult, WriteResult};
use crate::transport::{Request, Transport};

const GROUPS: Named = Named {
    kind: "user group",
    path: "usergroup",
    query: "userGroupName",
    delete_list_path: "usergroup",
    delete_root: "deleteUserGroupsRequest",
    delete_name: "userGroupName",
    shape: BulkShape {
        wrapper: "userGroups",
        item: "userGroup",
        name_key: "userGroupName",
    },
    empty_names_allowed: true,
};

/// The text CER appends when it keeps the roles of a standard group.
const STANDARD_ROLES_KEPT: &str = "default group roles assignment cannot be edited";

pub async fn list(transport: &Transport) -> Result<Vec<UserGroup>> {
    let response = transport
        .send(Request::new(Method::GET, "usergroup"))
        .await?;
    let value = decode_response(transport, &response)?;
    groups_from_wire(&value).map_err(|e| response.decode_error(e))
}

pub async fn get(transport: &Transport, name: &str) -> Result<UserGroup> {
    named::get(transport, &GROUPS, name, groups_from_wire, |g| {
        &g.group_name
    })
    .await
}

/// Creates a group, then reads it back when it was given users or roles: CER
/// accepts unknown names in a create and leaves them out, which would otherwise go
/// unnoticed. Names left out raise `OperationFailedError`; the group exists then.
pub async fn create(transport: &Transport, group: &GroupRequest) -> Result<WriteResult> {
    let body = encode_body(transport, "newUserGroupRequest", &group.to_wire());
    let response = transport
        .send(Request::new(Method::POST, "usergroup").body(body))
        .await?;
    let result = write_result(transport, &response)?;
    let wanted_users = group.users.as_deref().unwrap_or_default();
    let wanted_roles = group.roles.as_deref().unwrap_or_default();
    if wanted_users.is_empty() && wanted_roles.is_empty() {
        return Ok(result);
    }
    let created = get(transport, &group.name).await?;
    let missing = |wanted: &[String], present: &[String]| -> Vec<String> {
        wanted
            .iter()
            .filter(|w| !present.iter().any(|p| p.eq_ignore_ascii_case(w)))
            .cloned()
            .collect()
    };
    let (users, roles) = (
        missing(wanted_users, &created.users),
        missing(wanted_roles, &created.roles),
    );
    if users.is_empty() && roles.is_empty() {
        return Ok(result);
    }
    Err(response.operation_failed(
        format!(
            "CER created user group {:?} but left out the users {users:?} and roles {roles:?}; \
             check that they exist, then add them with add_users or add_roles",
            group.name
        ),
        Some(result.status.clone()),
    ))
}

/// Updates a group. CER accepts an update of a standard group but keeps its roles
/// and says so only in the message, so that case is logged as a warning too.
pub async fn update(transport: &Transport, group: &GroupRequest) -> Result<WriteResult> {
    let body = encode_body(transport, "updateUserGroupRequest", &group.to_wire());
    let response = transport
        .send(Request::new(Method::PUT, "usergroup").body(body))
        .await?;
    let result = write_result(transport, &response)?;
    let kept_roles = result
        .message
        .as_deref()
        .is_some_and(|m| m.to_ascii_lowercase().contains(STANDARD_ROLES_KEPT));
    if kept_roles && group.roles.is_some() {
        log::warn!(
            "CER kept the roles of standard user group {:?}: {}",
            group.name,
            result.message.as_deref().unwrap_or_default()
        );
    }
    Ok(result)
}

/// How a membership change treats the current members.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Add,
    Remove,
}

/// Which list of a group a membership change edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Members {
    Users,
    Roles,
}

fn edited(current: &[String], names: &[String], change: Change) -> Vec<String> {
    let mut out: Vec<String> = current.to_vec();
    for name in names {
        let present = out.iter().position(|n| n.eq_ignore_ascii_case(name));
        match (change, present) {
            (Change::Add, None) => out.push(name.clone()),
            (Change::Remove, Some(i)) => {
                out.remove(i);
            }
            _ => {}
        }
    }
    out
}

/// Adds or removes users or roles: reads the group, sends the full new list with
/// an update, then reads the group again to check that CER applied it.
///
/// NOTE: Cisco does not document whether `addUsersToGroup` and `assignRolesToGroup`
/// replace or extend the lists, nor any way to remove a member. Sending the full
/// list works where they replace; where CER only adds, the read-back check raises
/// `OperationFailedError` instead of reporting a removal that did not happen.
pub async fn change_members(
    transport: &Transport,
    name: &str,
    members: Members,
    change: Change,
    names: &[String],
) -> Result<UserGroup> {
    if names.is_empty() || names.iter().any(|n| n.trim().is_empty()) {
        return Err(Error::invalid(
            "names must list at least one name, and no empty one",
        ));
    }
    let group = get(transport, name).await?;
    let (users, roles) = match members {
        Members::Users => (Some(edited(&group.users, names, change)), None),
        Members::Roles => (None, Some(edited(&group.roles, names, change))),
    };
    let request = GroupRequest::new(group.group_name.clone(), None, users, roles)?;
    let result = update(transport, &request).await?;

    let after = get(transport, &group.group_name).await?;
    let now = match members {
        Members::Users => &after.users,
        Members::Roles => &after.roles,
    };
    let missed: Vec<&String> = names
        .iter()
        .filter(|n| {
            let present = now.iter().any(|m| m.eq_ignore_ascii_case(n));
            (change == Change::Add) != present
        })
        .collect();
    if !missed.is_empty() {
        let what = if members == Members::Users {
            "users"
        } else {
            "roles"
        };
        let verb = if change == Change::Add {
            "add"
        } else {
            "remove"
        };
        let reason = result
            .message
            .clone()
            .unwrap_or_else(|| result.status.clone());
        return Err(Error::new(
            ErrorKind::OperationFailed,
            format!(
                "CER accepted the update of user group {:?} but did not {verb} the {what} {missed:?}; \
                 check that they exist and that the group is not a standard one (CER said: {reason})",
                group.group_name
            ),
        )
        .with_request("PUT", "/cerappservices/service/usergroup"));
    }
    Ok(after)
}

pub async fn delete(transport: &Transport, name: &str) -> Result<ItemResult> {
    named::delete(transport, &GROUPS, name).await
}

pub async fn delete_many(transport: &Transport, names: &[String]) -> Result<BulkResult> {
    named::delete_many(transport, &GROUPS, names).await
}
