//! `/usergroup` in the simulator, in the shapes of Cisco's samples.

use serde_json::{json, Value};

use super::state::{new_pkid, State};
use super::{Reply, SimRequest};
use crate::model::compact_list;
use crate::model::groups::UserGroup;
use crate::wire::quirks;

pub fn handle(state: &mut State, request: &SimRequest) -> Option<Reply> {
    if request.route != "/usergroup" && request.route != "/usergroup/" {
        return None;
    }
    let name = request.param("userGroupName");
    let reply = match (request.method.as_str(), name) {
        ("GET", None) => list(state, request),
        ("GET", Some(name)) => get(state, request, name),
        ("POST", _) => create(state, request),
        ("PUT", _) => update(state, request),
        ("DELETE", Some(name)) => delete(state, &[name.to_string()]),
        ("DELETE", None) => delete_list(state, request),
        _ => Reply::method_not_allowed(),
    };
    Some(reply)
}

fn query_link(request: &SimRequest, name: &str) -> String {
    request.service_url(&format!(
        "usergroup?userGroupName={}",
        super::encode_query_value(name)
    ))
}

fn response(groups: Vec<Value>) -> Value {
    json!({"status": "User Group Details Info", "userGroups": compact_list("userGroup", groups)})
}

/// The list response carries only a path-style publisher URL with raw spaces, as CER's does.
fn list(state: &State, request: &SimRequest) -> Reply {
    let items = state
        .groups
        .iter()
        .map(|g| {
            let mut group = g.clone();
            group.publisher_url = Some(request.service_url(&format!("usergroup/{}", g.group_name)));
            group.to_wire()
        })
        .collect();
    Reply::ok("userGroupDetailsResponse", response(items))
}

fn get(state: &State, request: &SimRequest, name: &str) -> Reply {
    let Some(index) = state.group_index(name) else {
        // NOTE: the body of CER's 404 is not published; this one reuses the envelope.
        return Reply::failure(
            404,
            "userGroupDetailsResponse",
            &format!("UserGroup {name} not found"),
        );
    };
    let mut group = state.groups[index].clone();
    group.publisher_url = Some(query_link(request, &group.group_name));
    group.subscriber_url = group.publisher_url.clone();
    Reply::ok("userGroupDetailsResponse", response(vec![group.to_wire()]))
}

/// Reads a request list such as `addUsersToGroup`, dropping empty names and, like
/// CER with Cisco's sample, names that do not exist.
fn known_names(
    body: &serde_json::Map<String, Value>,
    wrapper: &str,
    item: &str,
    exists: impl Fn(&str) -> bool,
) -> Option<Vec<String>> {
    body.get(wrapper)?;
    Some(
        quirks::wrapped(body.get(wrapper), item)
            .into_iter()
            .filter_map(|v| quirks::non_empty_text(Some(v)))
            .filter(|n| exists(n))
            .collect(),
    )
}

fn create(state: &mut State, request: &SimRequest) -> Reply {
    const ROOT: &str = "userGroupInsertResponse";
    let body = match request.body_object() {
        Ok(b) => b,
        Err(reply) => return reply,
    };
    let Some(name) = quirks::non_empty_text(body.get("userGroupName")) else {
        return Reply::failure(400, ROOT, "Failed as UserGroup cannot be empty or null ''");
    };
    if state.group_index(&name).is_some() {
        // NOTE: CER's failure text for a duplicate group is not published.
        return Reply::failure(400, ROOT, &format!("UserGroup '{name}' already exists"));
    }
    let users = known_names(body, "addUsersToGroup", "user", |n| {
        state.user_index(n).is_some()
    })
    .unwrap_or_default();
    let roles = known_names(body, "assignRolesToGroup", "userRole", |n| {
        state.role_index(n).is_some()
    })
    .unwrap_or_default();
    let group = UserGroup {
        group_name: name.clone(),
        pkid: new_pkid(),
        description: quirks::text(body.get("description")).unwrap_or_default(),
        is_standard: false,
        users,
        roles,
        publisher_url: None,
        subscriber_url: None,
        extra: Default::default(),
    };
    let pkid = group.pkid.clone();
    state.groups.push(group);
    let url = query_link(request, &name);
    // The create response spells the id `pkid`, unlike every other response.
    Reply::ok(
        ROOT,
        json!({"status": "AddSuccess", "pkid": pkid, "links": {"publisherURL": url, "subscriberURL": url}}),
    )
}

/// Updates a group. Lists that are present replace the current ones; a standard
/// group keeps its roles and the message says so, as CER's does.
fn update(state: &mut State, request: &SimRequest) -> Reply {
    const ROOT: &str = "updateUserGroupResponse";
    let body = match request.body_object() {
        Ok(b) => b,
        Err(reply) => return reply,
    };
    let name = quirks::text(body.get("userGroupName")).unwrap_or_default();
    let Some(index) = state.group_index(&name) else {
        return Reply::failure(404, ROOT, &format!("UserGroup {name} not found"));
    };
    let users = known_names(body, "addUsersToGroup", "user", |n| {
        state.user_index(n).is_some()
    });
    let roles = known_names(body, "assignRolesToGroup", "userRole", |n| {
        state.role_index(n).is_some()
    });
    let group = &mut state.groups[index];
    if let Some(description) = quirks::text(body.get("description")) {
        group.description = description;
    }
    if let Some(users) = users {
        group.users = users;
    }
    let mut message = format!("Update of user group '{}' was successful", group.group_name);
    if group.is_standard {
        message.push_str(", Default group roles assignment cannot be edited");
    } else if let Some(roles) = roles {
        group.roles = roles;
    }
    let url = query_link(request, &group.group_name);
    Reply::ok(
        ROOT,
        json!({"status": "Success", "message": message, "links": {"publisherURL": url, "subscriberURL": url}}),
    )
}

fn delete_list(state: &mut State, request: &SimRequest) -> Reply {
    let body = match request.body_object() {
        Ok(b) => b,
        Err(reply) => return reply,
    };
    let names: Vec<String> = match body.get("userGroups").and_then(|w| w.get("userGroupName")) {
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| quirks::text(Some(v)).unwrap_or_default())
            .collect(),
        Some(single) => vec![quirks::text(Some(single)).unwrap_or_default()],
        None => Vec::new(),
    };
    if names.is_empty() {
        return Reply::failure(400, "deleteUserGroupsResponse", "userGroups is mandatory");
    }
    delete(state, &names)
}

fn delete(state: &mut State, names: &[String]) -> Reply {
    let mut items = Vec::new();
    let mut failed = false;
    for name in names {
        let (status, message) = match state.group_index(name) {
            _ if name.trim().is_empty() => (
                "Failure",
                format!("Failed as UserGroup cannot be empty or null '{name}'"),
            ),
            None => (
                "Failure",
                format!("UserGroup is not present in DB '{name}'"),
            ),
            Some(i) if state.groups[i].is_standard => (
                "Failure",
                format!("Cannot delete standard UserGroup '{name}'"),
            ),
            Some(i) => {
                state.groups.remove(i);
                ("Success", format!("Deleted UserGroup '{name}'"))
            }
        };
        failed |= status == "Failure";
        items.push(json!({"userGroupName": name, "status": status, "message": message}));
    }
    let status = if failed {
        "Some UserGroup(s) Deletion was not successful"
    } else {
        "UserGroup(s) Deletion was successful"
    };
    Reply::ok(
        "deleteUserGroupsResponse",
        json!({"status": status, "userGroups": compact_list("userGroup", items)}),
    )
}
