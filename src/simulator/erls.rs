//! `/cerl`, its lookups and `/accesspoints` in the simulator.
//!
//! NOTE: Cisco publishes only the XML of `GET /cerl`; the JSON here follows the
//! user resources' mapping. The lookups and access points were seen on CER 15.0.1
//! without their shapes, so the simulator's shapes are assumptions.

use serde_json::{json, Value};

use super::lists::ListBody;
use super::state::State;
use super::synthetic;
use super::{Reply, ReplyBody, SimRequest};
use crate::model::erls::ConventionalErl;
use crate::model::{compact_list, strings};

pub fn handle(state: &mut State, request: &SimRequest) -> Option<Reply> {
    let route = request.route.trim_end_matches('/');
    let reply = match (request.method.as_str(), route) {
        ("GET", "/cerl") => list(state, request),
        ("POST", "/cerl") => add(state, request),
        ("GET", "/cerl/cos") => classes_of_service(),
        ("GET", "/cerl/tos") => types_of_service(),
        ("GET", "/cerl/timezone") => time_zones(),
        ("GET", "/accesspoints") => access_points(state, request),
        (_, "/cerl" | "/cerl/cos" | "/cerl/tos" | "/cerl/timezone" | "/accesspoints") => {
            Reply::method_not_allowed()
        }
        _ => return None,
    };
    Some(reply)
}

fn list(state: &mut State, request: &SimRequest) -> Reply {
    if let Some(bytes) = state.erl_list_cache.get(&request.format) {
        return Reply::raw(request.format.mime(), bytes.clone());
    }
    let reply = render_list(state, request);
    if let ReplyBody::Raw { bytes, .. } = &reply.body {
        state.erl_list_cache.insert(request.format, bytes.clone());
    }
    reply
}

fn render_list(state: &State, request: &SimRequest) -> Reply {
    let stored = state.erls.len();
    let body = ListBody {
        root: "ConventionalERLResponse",
        head: vec![("status", json!("Success"))],
        wrapper: "ConventionalERLDetails",
        item: "ConventionalERL",
        count: stored + state.synthetic_erls,
    };
    body.reply(request.format, |i| {
        if i < stored {
            state.erls[i].to_wire()
        } else {
            synthetic::erl(i - stored).to_wire()
        }
    })
}

/// Stores an ERL sent in the element names of `GET /cerl`.
///
/// NOTE: Cisco publishes no ERL write. The simulator accepts this one so that
/// scripts can add ERLs and tests can check what a client encodes.
fn add(state: &mut State, request: &SimRequest) -> Reply {
    const ROOT: &str = "ConventionalERLResponse";
    let body = match request.body_object() {
        Ok(b) => Value::Object(b.clone()),
        Err(reply) => return reply,
    };
    let erl = match ConventionalErl::from_wire(&body) {
        Ok(erl) => erl,
        Err(e) => return Reply::failure(400, ROOT, &format!("Invalid ERL: {e}")),
    };
    if erl.erl_name.trim().is_empty() {
        return Reply::failure(400, ROOT, "ERLName is mandatory");
    }
    if state.erl_exists(&erl.erl_name) {
        return Reply::failure(400, ROOT, &format!("ERL {} already exists", erl.erl_name));
    }
    let message = format!("ERL {} added", erl.erl_name);
    state.erls.push(erl);
    state.erl_list_cache.clear();
    Reply::ok(ROOT, json!({"status": "Success", "message": message}))
}

fn entries(wrapper: &str, item: &str, pairs: &[(&str, &str)]) -> Value {
    let items = pairs
        .iter()
        .map(|(code, description)| json!({"code": code, "description": description}))
        .collect();
    json!({"status": "Success", wrapper: compact_list(item, items)})
}

/// ALI class-of-service codes of the NENA data exchange standard.
fn classes_of_service() -> Reply {
    let pairs = [
        ("1", "Residence"),
        ("2", "Business"),
        ("3", "Residence PBX"),
        ("4", "Business PBX"),
        ("5", "Centrex"),
        ("6", "Coin 1 Way Out"),
        ("7", "Coin 2 Way"),
        ("8", "Mobile"),
        ("9", "Residence OPX"),
        ("0", "Business OPX"),
        ("V", "VoIP Services Default"),
    ];
    Reply::ok(
        "cosResponse",
        entries("classOfServices", "classOfService", &pairs),
    )
}

/// ALI type-of-service codes of the NENA data exchange standard.
fn types_of_service() -> Reply {
    let pairs = [
        ("0", "Not FX nor Non-Published"),
        ("1", "FX in 911 serving area"),
        ("2", "FX outside 911 serving area"),
        ("3", "Non-Published"),
        ("4", "Non-Published FX in serving area"),
        ("5", "Non-Published FX outside serving area"),
        ("6", "Local Ported Number"),
        ("7", "Interim Ported Number"),
    ];
    Reply::ok(
        "tosResponse",
        entries("typeOfServices", "typeOfService", &pairs),
    )
}

fn time_zones() -> Reply {
    let zones = [
        "America/New_York",
        "America/Chicago",
        "America/Denver",
        "America/Los_Angeles",
        "UTC",
    ]
    .map(String::from);
    Reply::ok(
        "timeZoneResponse",
        json!({"status": "Success", "timeZones": compact_list("timeZone", strings(&zones))}),
    )
}

fn access_points(state: &State, request: &SimRequest) -> Reply {
    const ROOT: &str = "accessPointResponse";
    let selected: Vec<Value> = match request.param("apname") {
        None => state.access_points.clone(),
        Some(name) => {
            let found: Vec<Value> = state
                .access_points
                .iter()
                .filter(|ap| {
                    ap["apName"]
                        .as_str()
                        .is_some_and(|n| n.eq_ignore_ascii_case(name))
                })
                .cloned()
                .collect();
            if found.is_empty() {
                return Reply::failure(404, ROOT, &format!("Access point {name} not found"));
            }
            found
        }
    };
    Reply::ok(
        ROOT,
        json!({"status": "Success", "accessPoints": compact_list("accessPoint", selected)}),
    )
}
