//! The paged `v2` reads of CER 15SU2 in the simulator.
//!
//! NOTE: Cisco publishes no response body for these reads. The simulator replies
//! with the records under a wrapper, the paging numbers and the echoed
//! `TrackingID`, and with only a message and the `TrackingID` when nothing
//! matches, as CER 15.0.1 was seen to do.

use serde_json::{json, Value};

use super::lists::ListBody;
use super::state::State;
use super::synthetic::PhoneKind;
use super::{Reply, SimRequest};

/// CER's documented maximum page size; larger limits are lowered to it.
const MAX_LIMIT: usize = 2000;
const DEFAULT_LIMIT: usize = 500;

struct Feed {
    route: &'static str,
    kind: Option<PhoneKind>,
    wrapper: &'static str,
    item: &'static str,
    empty_message: &'static str,
}

const FEEDS: [Feed; 5] = [
    Feed {
        route: "/v2/callhistorydetails",
        kind: None,
        wrapper: "callHistoryDetails",
        item: "callHistory",
        empty_message: "No Call History Record Available",
    },
    Feed {
        route: "/v2/trackedphones",
        kind: Some(PhoneKind::Tracked),
        wrapper: "trackedPhones",
        item: "phone",
        empty_message: "No Tracked Phone Record Available",
    },
    Feed {
        route: "/v2/nontrackedphones",
        kind: Some(PhoneKind::NonTracked),
        wrapper: "nonTrackedPhones",
        item: "phone",
        empty_message: "No NonTracked Phone Record Available",
    },
    Feed {
        route: "/v2/unlocatedphones",
        kind: Some(PhoneKind::Unlocated),
        wrapper: "unlocatedPhones",
        item: "phone",
        empty_message: "No Unlocated Phone Record Available",
    },
    Feed {
        route: "/v2/manualconfigphones",
        kind: Some(PhoneKind::Manual),
        wrapper: "manualConfigPhones",
        item: "phone",
        empty_message: "No Manual Config Phone Record Available",
    },
];

pub fn handle(state: &mut State, request: &SimRequest) -> Option<Reply> {
    let route = request.route.trim_end_matches('/');
    let feed = FEEDS.iter().find(|f| f.route == route)?;
    if request.method != "GET" {
        return Some(Reply::method_not_allowed());
    }
    let number = |name: &str, default: usize| -> Result<usize, Reply> {
        match request.param(name) {
            None => Ok(default),
            Some(text) => text.parse::<usize>().map_err(|_| {
                Reply::failure(
                    400,
                    "response",
                    &format!("{name} must be a positive integer"),
                )
            }),
        }
    };
    let offset = match number("offset", 0) {
        Ok(n) => n,
        Err(reply) => return Some(reply),
    };
    let limit = match number("limit", DEFAULT_LIMIT) {
        Ok(0) => {
            return Some(Reply::failure(
                400,
                "response",
                "limit must be a positive integer",
            ))
        }
        Ok(n) => n.min(MAX_LIMIT),
        Err(reply) => return Some(reply),
    };
    let tracking_id = request
        .header("TrackingID")
        .unwrap_or_else(|| format!("CERAPP_{}", crate::model::new_uuid()));

    let selected: Vec<usize> = match feed.kind {
        None => matching_calls(state, request),
        Some(kind) => (0..state.phones[kind.index()]).collect(),
    };
    let page: Vec<usize> = selected.into_iter().skip(offset).take(limit).collect();
    if page.is_empty() {
        return Some(Reply::ok(
            "response",
            json!({"message": feed.empty_message, "TrackingID": tracking_id}),
        ));
    }
    let body = ListBody {
        root: "response",
        head: vec![
            ("TrackingID", Value::String(tracking_id)),
            ("offset", Value::String(offset.to_string())),
            ("limit", Value::String(limit.to_string())),
        ],
        wrapper: feed.wrapper,
        item: feed.item,
        count: page.len(),
    };
    Some(body.reply(request.format, |i| match feed.kind {
        None => state.call(page[i]),
        Some(kind) => state.phone(kind, page[i]),
    }))
}

fn contains(haystack: &Value, needle: &str) -> bool {
    haystack.as_str().is_some_and(|h| {
        h.to_ascii_lowercase()
            .contains(&needle.to_ascii_lowercase())
    })
}

/// Applies the call-history filters. `CallDate` is compared with the date part
/// of `CallTime` as `YYYY-MM-DD`.
///
/// NOTE: the format of `CallDate` is not published; `YYYY-MM-DD` is assumed.
fn matching_calls(state: &State, request: &SimRequest) -> Vec<usize> {
    let erl = request.param("erlname").filter(|v| !v.is_empty());
    let extension = request.param("Extension").filter(|v| !v.is_empty());
    let date = request.param("CallDate").filter(|v| !v.is_empty());
    let any = request
        .param("FilterType")
        .is_some_and(|t| t.eq_ignore_ascii_case("any"));
    let comparison = request
        .param("DateFilter")
        .unwrap_or("is")
        .to_ascii_lowercase();
    if erl.is_none() && extension.is_none() && date.is_none() {
        return (0..state.calls).collect();
    }
    (0..state.calls)
        .filter(|i| {
            let call = state.call(*i);
            let mut checks = Vec::new();
            if let Some(erl) = erl {
                checks.push(contains(&call["ERLName"], erl));
            }
            if let Some(extension) = extension {
                checks.push(contains(&call["CallerExtension"], extension));
            }
            if let Some(date) = date {
                let day = call["CallTime"]
                    .as_str()
                    .unwrap_or_default()
                    .get(..10)
                    .unwrap_or_default()
                    .to_string();
                checks.push(match comparison.as_str() {
                    "isnot" => day != date,
                    "isafter" => day.as_str() > date,
                    "isbefore" => day.as_str() < date,
                    _ => day == date,
                });
            }
            if any {
                checks.iter().any(|c| *c)
            } else {
                checks.iter().all(|c| *c)
            }
        })
        .collect()
}
