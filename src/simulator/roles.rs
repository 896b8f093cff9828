//! `/userrole` in the simulator, in the shapes of Cisco's samples.

use serde_json::{json, Value};

use super::state::{new_pkid, State};
use super::{Reply, SimRequest};
use crate::model::compact_list;
use crate::model::roles::{selected_permissions, sets_permissions, Role};
use crate::wire::quirks;

pub fn handle(state: &mut State, request: &SimRequest) -> Option<Reply> {
    if request.route != "/userrole" && request.route != "/userrole/" {
        return None;
    }
    let name = request.param("userRoleName");
    let reply = match (request.method.as_str(), name) {
        ("GET", None) => details(state, request, None),
        ("GET", Some(name)) => details(state, request, Some(name)),
        ("POST", _) => create(state, request),
        ("PUT", _) => update(state, request),
        ("DELETE", Some(name)) => delete(state, &[name.to_string()]),
        ("DELETE", None) => delete_list(state, request),
        _ => Reply::method_not_allowed(),
    };
    Some(reply)
}

fn link(request: &SimRequest, name: &str) -> String {
    request.service_url(&format!(
        "userrole?userRoleName={}",
        super::encode_query_value(name)
    ))
}

fn with_links(request: &SimRequest, role: &Role) -> Role {
    let mut role = role.clone();
    role.publisher_url = Some(link(request, &role.role_name));
    role.subscriber_url = role.publisher_url.clone();
    role
}

fn details(state: &State, request: &SimRequest, name: Option<&str>) -> Reply {
    const ROOT: &str = "userRoleDetailsResponse";
    let roles: Vec<&Role> = match name {
        None => state.roles.iter().collect(),
        Some(name) => match state.role_index(name) {
            Some(i) => vec![&state.roles[i]],
            // NOTE: the body of CER's 404 is not published; this one reuses the envelope.
            None => return Reply::failure(404, ROOT, &format!("UserRole {name} not found")),
        },
    };
    let items = roles
        .iter()
        .map(|r| with_links(request, r).to_wire())
        .collect();
    Reply::ok(
        ROOT,
        json!({"status": "User Role Details Info", "userRoles": compact_list("userRole", items)}),
    )
}

fn java_list(names: &[String]) -> String {
    format!("[{}]", names.join(", "))
}

fn create(state: &mut State, request: &SimRequest) -> Reply {
    const ROOT: &str = "insertUserRoleResponse";
    let body = match request.body_object() {
        Ok(b) => b,
        Err(reply) => return reply,
    };
    let Some(name) = quirks::non_empty_text(body.get("name")) else {
        return Reply::failure(400, ROOT, "Failed as UserRole cannot be empty or null ''");
    };
    // NOTE: CER's failure texts for create are not published; these follow its style.
    if let Some(i) = state.role_index(&name) {
        let reason = if state.roles[i].is_standard {
            format!("Cannot create a role with the standard UserRole name '{name}'")
        } else {
            format!("UserRole '{name}' already exists")
        };
        return Reply::failure(400, ROOT, &reason);
    }
    let description = quirks::text(body.get("desc")).unwrap_or_default();
    let permissions = selected_permissions(body);
    let message = format!(
        "Added role '{name}' with description '{description}' and Resource Permissions '{}'",
        java_list(&permissions)
    );
    let role = Role {
        role_name: name,
        pkid: new_pkid(),
        description,
        is_standard: false,
        permissions,
        publisher_url: None,
        subscriber_url: None,
        extra: Default::default(),
    };
    let linked = with_links(request, &role);
    state.roles.push(role);
    Reply::ok(
        ROOT,
        json!({
            "status": "Success",
            "message": message,
            "links": {"publisherURL": linked.publisher_url, "subscriberURL": linked.subscriber_url},
        }),
    )
}

fn change(description: &str, permissions: &[String]) -> Value {
    json!({
        "description": description,
        "resource": compact_list("resourcePermission", crate::model::strings(permissions)),
    })
}

fn update(state: &mut State, request: &SimRequest) -> Reply {
    const ROOT: &str = "updateUserRoleResponse";
    let body = match request.body_object() {
        Ok(b) => b,
        Err(reply) => return reply,
    };
    let name = quirks::text(body.get("name")).unwrap_or_default();
    let Some(index) = state.role_index(&name) else {
        return Reply::failure(404, ROOT, &format!("UserRole {name} not found"));
    };
    let role = &mut state.roles[index];
    // NOTE: Cisco states that standard role permissions cannot be modified but does not
    // publish the response; the simulator refuses with HTTP 400.
    if role.is_standard {
        return Reply::failure(
            400,
            ROOT,
            &format!("Cannot modify standard UserRole '{}'", role.role_name),
        );
    }
    let before = change(&role.description, &role.permissions);
    if let Some(description) = quirks::text(body.get("desc")) {
        role.description = description;
    }
    if sets_permissions(body) {
        role.permissions = selected_permissions(body);
    }
    let after = change(&role.description, &role.permissions);
    let message = format!("Update Successful for role {}", role.role_name);
    let linked = with_links(request, role);
    Reply::ok(
        ROOT,
        json!({
            "status": "Success",
            "message": message,
            "changeRequested": {"from": before, "to": after},
            "links": {"publisherURL": linked.publisher_url, "subscriberURL": linked.subscriber_url},
        }),
    )
}

fn delete_list(state: &mut State, request: &SimRequest) -> Reply {
    let body = match request.body_object() {
        Ok(b) => b,
        Err(reply) => return reply,
    };
    let names: Vec<String> = quirks::wrapped(body.get("userRoles"), "userRoleName")
        .into_iter()
        .map(|v| quirks::text(Some(v)).unwrap_or_default())
        .collect();
    // Cisco's sample sends an empty name, which `wrapped` would drop; read it raw.
    let names = match body.get("userRoles").and_then(|w| w.get("userRoleName")) {
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| quirks::text(Some(v)).unwrap_or_default())
            .collect(),
        Some(single) => vec![quirks::text(Some(single)).unwrap_or_default()],
        None => names,
    };
    if names.is_empty() {
        return Reply::failure(400, "deleteUserRolesResponse", "userRoles is mandatory");
    }
    delete(state, &names)
}

fn delete(state: &mut State, names: &[String]) -> Reply {
    let mut items = Vec::new();
    let mut failed = false;
    for name in names {
        let (status, message) = if name.trim().is_empty() {
            (
                "Failure",
                format!("Failed as UserRole cannot be empty or null '{name}'"),
            )
        } else {
            match state.role_index(name) {
                // NOTE: the text for a missing role is not published; this follows the group one.
                None => ("Failure", format!("UserRole is not present in DB '{name}'")),
                Some(i) if state.roles[i].is_standard => (
                    "Failure",
                    format!("Cannot delete standard UserRole '{name}'"),
                ),
                Some(i) => {
                    let removed = state.roles.remove(i);
                    for group in &mut state.groups {
                        group
                            .roles
                            .retain(|r| !r.eq_ignore_ascii_case(&removed.role_name));
                    }
                    ("Success", format!("Deleted UserRole '{name}'"))
                }
            }
        };
        failed |= status == "Failure";
        items.push(json!({"userRoleName": name, "status": status, "message": message}));
    }
    let status = if failed {
        "Some UserRole(s) Deletion was not successful"
    } else {
        "UserRole(s) Deletion was successful"
    };
    Reply::ok(
        "deleteUserRolesResponse",
        json!({"status": status, "userRoles": compact_list("userRole", items)}),
    )
}
