//! `/user` in the simulator, in the shapes of Cisco's samples.

use serde_json::{json, Map, Value};

use super::state::{new_pkid, State, StoredUser};
use super::{Reply, SimRequest};
use crate::model::compact_list;
use crate::model::users::{User, AUTH_MODES};
use crate::wire::quirks;

pub fn handle(state: &mut State, request: &SimRequest) -> Option<Reply> {
    if request.route != "/user" && request.route != "/user/" {
        return None;
    }
    let name = request.param("userName");
    let reply = match (request.method.as_str(), name) {
        ("GET", None) => list(state, request),
        ("GET", Some(name)) => get(state, request, name),
        ("POST", _) => create(state, request),
        ("PUT", _) => update(state, request),
        ("DELETE", Some(name)) => delete(state, request, &[name.to_string()]),
        ("DELETE", None) => delete_list(state, request),
        _ => Reply::method_not_allowed(),
    };
    Some(reply)
}

fn with_links(request: &SimRequest, user: &User) -> User {
    let mut user = user.clone();
    let url = request.service_url(&format!(
        "user?userName={}",
        super::encode_query_value(&user.user_name)
    ));
    user.publisher_url = Some(url.clone());
    user.subscriber_url = Some(url);
    user
}

fn details(request: &SimRequest, state: &State, indexes: &[usize]) -> Value {
    let items = indexes
        .iter()
        .map(|i| with_links(request, &state.user_with_membership(*i)).to_wire())
        .collect();
    json!({"status": "User Details Info", "users": compact_list("user", items)})
}

fn list(state: &State, request: &SimRequest) -> Reply {
    let indexes: Vec<usize> = (0..state.users.len()).collect();
    Reply::ok("userDetailsResponse", details(request, state, &indexes))
}

fn get(state: &State, request: &SimRequest, name: &str) -> Reply {
    match state.user_index(name) {
        Some(i) => Reply::ok("userDetailsResponse", details(request, state, &[i])),
        // NOTE: the body of CER's 404 is not published; this one reuses the response envelope.
        None => Reply::failure(
            404,
            "userDetailsResponse",
            &format!("User {name} not found"),
        ),
    }
}

/// The fields of a create or update request.
struct UserFields {
    name: String,
    password: Option<String>,
    mode: Option<String>,
    cluster: Option<String>,
    reset: Option<bool>,
}

fn read_fields(request: &SimRequest, root: &'static str) -> Result<UserFields, Reply> {
    let body = request.body_object()?;
    // The name is kept as sent, spaces included, so it reads back the same.
    let name = quirks::text(body.get("userName"))
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(|| Reply::failure(400, root, "userName is mandatory"))?;
    let mode = match quirks::text(body.get("authenticationMode")) {
        None => None,
        Some(m) => match AUTH_MODES
            .iter()
            .find(|known| known.eq_ignore_ascii_case(m.trim()))
        {
            Some(known) => Some((*known).to_string()),
            None => {
                return Err(Reply::failure(
                    400,
                    root,
                    &format!("Invalid authenticationMode {m}"),
                ))
            }
        },
    };
    let reset = match body.get("resetOnLogon") {
        None => None,
        Some(flag) => Some(
            quirks::boolean(Some(flag))
                .ok_or_else(|| Reply::failure(400, root, "resetOnLogon must be t or f"))?,
        ),
    };
    Ok(UserFields {
        name,
        password: quirks::text(body.get("userPassword")),
        mode,
        cluster: quirks::text(body.get("ccmClusterID")),
        reset,
    })
}

fn create(state: &mut State, request: &SimRequest) -> Reply {
    const ROOT: &str = "userInsertResponse";
    let fields = match read_fields(request, ROOT) {
        Ok(f) => f,
        Err(reply) => return reply,
    };
    // NOTE: CER's failure texts for create are not published; these follow its style.
    if state.user_index(&fields.name).is_some() {
        return Reply::failure(400, ROOT, &format!("User {} already exists", fields.name));
    }
    let mode = fields.mode.unwrap_or_else(|| AUTH_MODES[0].to_string());
    let password = fields.password.unwrap_or_default();
    if mode == AUTH_MODES[0] && password.is_empty() {
        return Reply::failure(400, ROOT, "userPassword is mandatory for a Local user");
    }
    let user = User {
        user_name: fields.name,
        pkid: new_pkid(),
        is_standard: false,
        auth_mode: mode,
        groups: Vec::new(),
        roles: Vec::new(),
        publisher_url: None,
        subscriber_url: None,
        extra: Map::new(),
    };
    let linked = with_links(request, &user);
    state.users.push(StoredUser {
        user,
        password,
        reset_on_logon: fields.reset.unwrap_or(false),
        cucm_cluster: fields.cluster.unwrap_or_default(),
    });
    Reply::ok(
        ROOT,
        json!({
            "status": "AddSuccess",
            "pKid": linked.pkid,
            "links": {"publisherURL": linked.publisher_url, "subscriberURL": linked.subscriber_url},
        }),
    )
}

fn update(state: &mut State, request: &SimRequest) -> Reply {
    const ROOT: &str = "userUpdateResponse";
    let fields = match read_fields(request, ROOT) {
        Ok(f) => f,
        Err(reply) => return reply,
    };
    let Some(index) = state.user_index(&fields.name) else {
        return Reply::failure(404, ROOT, &format!("User {} not found", fields.name));
    };
    let stored = &mut state.users[index];
    if let Some(password) = fields.password {
        stored.password = password;
    }
    if let Some(mode) = fields.mode {
        stored.user.auth_mode = mode;
    }
    if let Some(cluster) = fields.cluster {
        stored.cucm_cluster = cluster;
    }
    if let Some(reset) = fields.reset {
        stored.reset_on_logon = reset;
    }
    let linked = with_links(request, &stored.user);
    Reply::ok(
        ROOT,
        json!({
            "status": "UpdateSuccess",
            "pKid": linked.pkid,
            "links": {"href": [linked.publisher_url, linked.subscriber_url]},
        }),
    )
}

fn delete_list(state: &mut State, request: &SimRequest) -> Reply {
    const ROOT: &str = "deleteAppUserResponse";
    let body = match request.body_object() {
        Ok(b) => b,
        Err(reply) => return reply,
    };
    let names: Vec<String> = quirks::wrapped(body.get("users"), "name")
        .into_iter()
        .map(|v| quirks::text(Some(v)).unwrap_or_default())
        .collect();
    if names.is_empty() {
        return Reply::failure(400, ROOT, "users is mandatory");
    }
    delete(state, request, &names)
}

fn delete(state: &mut State, _request: &SimRequest, names: &[String]) -> Reply {
    let mut items = Vec::new();
    let mut failed = false;
    for name in names {
        let (status, message) = if name.trim().is_empty() {
            (
                "Failure",
                format!("Failed as User cannot be empty or null '{name}'"),
            )
        } else {
            match state.user_index(name) {
                None => ("Failure", format!("Failed to read {name} from database")),
                Some(i) if state.users[i].user.is_standard => {
                    ("Failure", format!("Cannot delete standard user {name}"))
                }
                Some(i) => {
                    let removed = state.users.remove(i);
                    for group in &mut state.groups {
                        group
                            .users
                            .retain(|u| !u.eq_ignore_ascii_case(&removed.user.user_name));
                    }
                    // NOTE: CER's per-item success text is not published.
                    ("Success", format!("Deleted user {name}"))
                }
            }
        };
        failed |= status == "Failure";
        items.push(json!({"name": name, "status": status, "message": message}));
    }
    // NOTE: only the partial-failure status is published; the success text is assumed.
    let status = if failed {
        "Some User(s) Deletion was not successful"
    } else {
        "User(s) Deletion was successful"
    };
    Reply::ok(
        "deleteAppUserResponse",
        json!({"status": status, "users": compact_list("user", items)}),
    )
}
