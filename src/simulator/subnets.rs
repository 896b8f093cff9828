//! IP subnets in the simulator: `/ipsubnetphone`, `v1/ipsubnet`, `v1/ipsubnetv6`.
//!
//! NOTE: only the IPv4 add is published. Update, delete, the IPv6 add and the
//! list follow it: upper-case fields, `ipSubnetPhoneResponse` with `status` and
//! `message`, and the subnet keyed by `SUBNETID` and `SUBNETMASK`.

use serde_json::{json, Map, Value};

use super::state::State;
use super::{Reply, SimRequest};
use crate::model::compact_list;
use crate::model::subnets::Subnet;
use crate::wire::quirks;

const ROOT: &str = "ipSubnetPhoneResponse";

pub fn handle(state: &mut State, request: &SimRequest) -> Option<Reply> {
    let route = request.route.trim_end_matches('/');
    let reply = match (request.method.as_str(), route) {
        ("POST", "/ipsubnetphone") => add(state, request, false),
        ("PUT", "/ipsubnetphone") => update(state, request),
        ("DELETE", "/ipsubnetphone") => delete(state, request),
        ("POST", "/v1/ipsubnetv6") => add(state, request, true),
        ("GET", "/v1/ipsubnet") => list(state),
        (_, "/ipsubnetphone" | "/v1/ipsubnetv6" | "/v1/ipsubnet") => Reply::method_not_allowed(),
        _ => return None,
    };
    Some(reply)
}

fn success(message: &str) -> Reply {
    Reply::ok(ROOT, json!({"status": "SUCCESS", "message": message}))
}

fn key(body: &Map<String, Value>) -> Result<(String, String), Reply> {
    let id = quirks::non_empty_text(body.get("SUBNETID"));
    let mask = quirks::non_empty_text(body.get("SUBNETMASK"));
    match (id, mask) {
        (Some(id), Some(mask)) => Ok((id, mask)),
        _ => Err(Reply::failure(
            400,
            ROOT,
            "SUBNETID and SUBNETMASK are mandatory",
        )),
    }
}

fn position(state: &State, id: &str, mask: &str) -> Option<usize> {
    state
        .subnets
        .iter()
        .position(|s| s.subnet_id.eq_ignore_ascii_case(id) && s.subnet_mask == mask)
}

fn add(state: &mut State, request: &SimRequest, ipv6: bool) -> Reply {
    let body = match request.body_object() {
        Ok(b) => b,
        Err(reply) => return reply,
    };
    let (id, mask) = match key(body) {
        Ok(k) => k,
        Err(reply) => return reply,
    };
    let valid = if ipv6 {
        id.parse::<std::net::Ipv6Addr>().is_ok() && mask.parse::<u8>().is_ok_and(|p| p <= 128)
    } else {
        id.parse::<std::net::Ipv4Addr>().is_ok()
            && crate::model::subnets::parse_ipv4_mask(&mask).is_ok()
    };
    if !valid {
        return Reply::failure(400, ROOT, &format!("Invalid subnet {id}/{mask}"));
    }
    let Some(erl) = quirks::non_empty_text(body.get("ERLNAME")) else {
        return Reply::failure(400, ROOT, "ERLNAME is mandatory");
    };
    if !state.erl_exists(&erl) {
        return Reply::failure(400, ROOT, &format!("ERL {erl} does not exist"));
    }
    if position(state, &id, &mask).is_some() {
        return Reply::failure(400, ROOT, &format!("IpSubnet {id}/{mask} already exists"));
    }
    state.subnets.push(Subnet {
        subnet_id: id,
        subnet_mask: mask,
        erl_name: erl,
        location: quirks::text(body.get("LOCATION")).unwrap_or_default(),
        do_not_track: quirks::boolean(body.get("DONOTTRACK")).unwrap_or(false),
        is_ipv6: ipv6,
        extra: Map::new(),
    });
    success("IpSubnet Data Added Successfully")
}

fn update(state: &mut State, request: &SimRequest) -> Reply {
    let body = match request.body_object() {
        Ok(b) => b,
        Err(reply) => return reply,
    };
    let (id, mask) = match key(body) {
        Ok(k) => k,
        Err(reply) => return reply,
    };
    let Some(index) = position(state, &id, &mask) else {
        return Reply::failure(404, ROOT, &format!("IpSubnet {id}/{mask} does not exist"));
    };
    if let Some(erl) = quirks::non_empty_text(body.get("ERLNAME")) {
        if !state.erl_exists(&erl) {
            return Reply::failure(400, ROOT, &format!("ERL {erl} does not exist"));
        }
        state.subnets[index].erl_name = erl;
    }
    let subnet = &mut state.subnets[index];
    if let Some(location) = quirks::text(body.get("LOCATION")) {
        subnet.location = location;
    }
    if let Some(flag) = quirks::boolean(body.get("DONOTTRACK")) {
        subnet.do_not_track = flag;
    }
    success("IpSubnet Data Updated Successfully")
}

fn delete(state: &mut State, request: &SimRequest) -> Reply {
    let body = match request.body_object() {
        Ok(b) => b,
        Err(reply) => return reply,
    };
    let (id, mask) = match key(body) {
        Ok(k) => k,
        Err(reply) => return reply,
    };
    match position(state, &id, &mask) {
        Some(index) => {
            state.subnets.remove(index);
            success("IpSubnet Data Deleted Successfully")
        }
        None => Reply::failure(404, ROOT, &format!("IpSubnet {id}/{mask} does not exist")),
    }
}

fn list(state: &State) -> Reply {
    let items = state
        .subnets
        .iter()
        .map(|s| {
            json!({
                "SUBNETID": s.subnet_id,
                "SUBNETMASK": s.subnet_mask,
                "ERLNAME": s.erl_name,
                "LOCATION": s.location,
                "DONOTTRACK": s.do_not_track.to_string(),
                "isIPv6Subnet": s.is_ipv6.to_string(),
            })
        })
        .collect();
    Reply::ok(
        ROOT,
        json!({"status": "SUCCESS", "ipSubnets": compact_list("ipSubnet", items)}),
    )
}
