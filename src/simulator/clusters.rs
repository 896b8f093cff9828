//! `/cluster` in the simulator: adding a CUCM cluster. Secrets are not stored.

use serde_json::{json, Value};

use super::state::{State, StoredCluster};
use super::{Reply, SimRequest};
use crate::wire::quirks;

/// Request fields that hold secrets, dropped before a cluster is stored.
const SECRET_FIELDS: [&str; 4] = [
    "CTIPassword",
    "AXLPassword",
    "AuthStringPub",
    "AuthStringSub",
];

// NOTE: Cisco shows only the JSON response; the XML root name is assumed.
const ROOT: &str = "insertCCMClusterResponse";

pub fn handle(state: &mut State, request: &SimRequest) -> Option<Reply> {
    if request.route != "/cluster" && request.route != "/cluster/" {
        return None;
    }
    if request.method != "POST" {
        // Cisco publishes no other operation on /cluster.
        return Some(Reply::html(405, "Method Not Allowed"));
    }
    let body = match request.body_object() {
        Ok(b) => b,
        Err(reply) => return Some(reply),
    };
    let Some(cucm) = quirks::non_empty_text(body.get("CUCM")) else {
        return Some(Reply::failure(400, ROOT, "CUCM is mandatory"));
    };
    if quirks::non_empty_text(body.get("CTIUser")).is_none() {
        return Some(Reply::failure(400, ROOT, "CTIUser is mandatory"));
    }
    if state
        .clusters
        .iter()
        .any(|c| c.cucm.eq_ignore_ascii_case(&cucm))
    {
        // NOTE: CER's response to a duplicate cluster is not published.
        return Some(Reply::failure(
            400,
            ROOT,
            &format!("CUCM cluster {cucm} already exists"),
        ));
    }
    let mut settings = Value::Object(body.clone());
    strip_secrets(&mut settings);
    state.clusters.push(StoredCluster { cucm, settings });
    Some(Reply::ok(
        ROOT,
        json!({"status": "Success", "message": "CUCM cluster added successfully"}),
    ))
}

fn strip_secrets(value: &mut Value) {
    if let Value::Object(map) = value {
        for field in SECRET_FIELDS {
            map.remove(field);
        }
        for child in map.values_mut() {
            strip_secrets(child);
        }
    }
}
