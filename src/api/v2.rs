//! The paged `v2` reads of CER 15SU2: call history and four phone lists.
//!
//! Each request carries `offset` and `limit` as query parameters and a
//! `TrackingID` header of the documented form, a six-character service name, an
//! underscore and a UUID. Call-history filters travel as query parameters too,
//! because Cisco lists them without saying how a GET carries them.

use reqwest::Method;

use super::decode_response;
use crate::error::{Error, Result};
use crate::model::records;
use crate::model::v2::{CallRecord, Page, Phone};
use crate::release::Release;
use crate::transport::{Request, Transport};
use crate::wire::quirks;

/// Records per page when the caller names no limit; Cisco's documented default.
pub const DEFAULT_LIMIT: u64 = 500;
/// Cisco's documented maximum page size.
pub const MAX_LIMIT: u64 = 2000;
/// Service name of the tracking ids cerapi makes: six characters, as documented.
pub const TRACKING_SERVICE: &str = "CERAPI";

/// Which `v2` list to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feed {
    CallHistory,
    TrackedPhones,
    NonTrackedPhones,
    UnlocatedPhones,
    ManualPhones,
}

impl Feed {
    pub fn parse(name: &str) -> Result<Self> {
        match name {
            "call_history" => Ok(Feed::CallHistory),
            "tracked" => Ok(Feed::TrackedPhones),
            "non_tracked" => Ok(Feed::NonTrackedPhones),
            "unlocated" => Ok(Feed::UnlocatedPhones),
            "manual" => Ok(Feed::ManualPhones),
            other => Err(Error::invalid(format!(
                "unknown v2 feed {other:?}: use call_history, tracked, non_tracked, unlocated or manual"
            ))),
        }
    }

    pub fn path(self) -> &'static str {
        match self {
            Feed::CallHistory => "v2/callhistorydetails",
            Feed::TrackedPhones => "v2/trackedphones",
            Feed::NonTrackedPhones => "v2/nontrackedphones",
            Feed::UnlocatedPhones => "v2/unlocatedphones",
            Feed::ManualPhones => "v2/manualconfigphones",
        }
    }
}

/// The records of one page, typed by feed.
#[derive(Debug)]
pub enum PageOutput {
    Calls(Page<CallRecord>),
    Phones(Page<Phone>),
}

/// One page request, validated.
#[derive(Debug)]
pub struct PageRequest {
    pub feed: Feed,
    pub offset: u64,
    pub limit: u64,
    pub tracking_id: String,
    pub filters: Vec<(String, String)>,
}

/// Checks a caller's tracking id against the documented form, `XXXXXX_<uuid>`.
fn check_tracking_id(id: &str) -> Result<String> {
    let is_uuid = |text: &str| {
        let groups: Vec<&str> = text.split('-').collect();
        groups.len() == 5
            && groups.iter().zip([8, 4, 4, 4, 12]).all(|(group, length)| {
                group.len() == length && group.chars().all(|c| c.is_ascii_hexdigit())
            })
    };
    let valid = id.split_once('_').is_some_and(|(service, uuid)| {
        service.len() == 6 && service.chars().all(|c| c.is_ascii_alphanumeric()) && is_uuid(uuid)
    });
    if !valid {
        return Err(Error::invalid(format!(
            "invalid tracking_id {id:?}: use six letters or digits, an underscore and a UUID, such as CERAPP_3f2b9c7e-0d1a-4c55-9a0e-5b7d2f6e8a11"
        )));
    }
    Ok(id.to_string())
}

/// Returns a new tracking id such as `CERAPI_3f2b9c7e-0d1a-4c55-9a0e-5b7d2f6e8a11`.
pub fn new_tracking_id() -> String {
    format!("{TRACKING_SERVICE}_{}", crate::model::new_uuid())
}

impl PageRequest {
    /// Validates the paging arguments; a limit above 2000 is lowered to 2000 with a log line.
    pub fn new(
        feed: Feed,
        offset: i64,
        limit: Option<i64>,
        tracking_id: Option<String>,
        filters: Vec<(String, String)>,
    ) -> Result<Self> {
        if offset < 0 {
            return Err(Error::invalid(format!(
                "offset must be 0 or more, got {offset}"
            )));
        }
        let mut limit = match limit {
            None => DEFAULT_LIMIT,
            Some(l) if l < 1 => {
                return Err(Error::invalid(format!("limit must be 1 or more, got {l}")))
            }
            Some(l) => l as u64,
        };
        if limit > MAX_LIMIT {
            log::info!(
                "limit {limit} is above CER's maximum page size of {MAX_LIMIT}; using {MAX_LIMIT}"
            );
            limit = MAX_LIMIT;
        }
        let tracking_id = match tracking_id {
            Some(id) => check_tracking_id(&id)?,
            None => new_tracking_id(),
        };
        Ok(PageRequest {
            feed,
            offset: offset as u64,
            limit,
            tracking_id,
            filters,
        })
    }
}

/// Reads one page. A response with only a message and the echoed `TrackingID` is an
/// empty page, which is how CER reports that no record matches.
pub async fn page(transport: &Transport, request: PageRequest) -> Result<PageOutput> {
    let mut http = Request::new(Method::GET, request.feed.path())
        .added_in(Release::R15SU2)
        .tracking_id(request.tracking_id.clone())
        .query("offset", &request.offset.to_string())
        .query("limit", &request.limit.to_string());
    http.query.extend(request.filters);
    let response = transport.send(http).await?;
    let value = decode_response(transport, &response)?;

    let message = value
        .as_object()
        .and_then(|o| quirks::non_empty_text(o.get("message")));
    let items = records(&value);
    if items.iter().any(|item| !item.is_object()) {
        return Err(response.decode_error("expected each record to be an object"));
    }
    let (offset, limit, tracking_id) = (request.offset, request.limit, request.tracking_id);
    Ok(match request.feed {
        Feed::CallHistory => PageOutput::Calls(Page {
            records: items.into_iter().map(CallRecord::from_wire).collect(),
            offset,
            limit,
            tracking_id,
            message,
        }),
        _ => PageOutput::Phones(Page {
            records: items.into_iter().map(Phone::from_wire).collect(),
            offset,
            limit,
            tracking_id,
            message,
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_checked_and_clamped() {
        let page = |limit| PageRequest::new(Feed::TrackedPhones, 0, limit, None, Vec::new());
        assert_eq!(page(None).unwrap().limit, 500);
        assert_eq!(page(Some(5000)).unwrap().limit, 2000);
        assert!(page(Some(0)).is_err());
        assert!(PageRequest::new(Feed::TrackedPhones, -1, None, None, Vec::new()).is_err());
    }

    #[test]
    fn tracking_ids_follow_the_documented_form() {
        let made = new_tracking_id();
        assert!(check_tracking_id(&made).is_ok(), "{made}");
        assert!(made.starts_with("CERAPI_"));
        assert!(check_tracking_id("CERAPP_3f2b9c7e-0d1a-4c55-9a0e-5b7d2f6e8a11").is_ok());
        for bad in [
            "",
            "CERAPP",
            "TOOLONG_3f2b9c7e-0d1a-4c55-9a0e-5b7d2f6e8a11",
            "CERAPP_not-a-uuid",
            "CERAPP_------------------------------------",
            "CER AP_3f2b9c7e-0d1a-4c55-9a0e-5b7d2f6e8a11",
        ] {
            assert!(check_tracking_id(bad).is_err(), "{bad}");
        }
    }
}
