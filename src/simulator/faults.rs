//! Injected faults: responses the simulator gives instead of the real one, to
//! rehearse what a client does when CER or the network misbehaves.

use std::time::Duration;

use bytes::Bytes;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::Frame;
use hyper::header::{HeaderName, HeaderValue, CONTENT_LENGTH, CONTENT_TYPE};

/// The body type of every simulator response; an error aborts the connection.
pub type SimBody = BoxBody<Bytes, std::io::Error>;

/// What an injected fault does once its delay has passed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FaultAction {
    /// Serve the request normally (a pure delay).
    Pass,
    /// Respond with the given status, headers and body.
    Respond,
    /// Close the connection without answering.
    Close,
    /// Send the headers and half the body, then reset the connection.
    ResetMidBody,
    /// Announce the full length but send only half the body.
    Truncate,
}

impl FaultAction {
    pub fn parse(name: &str) -> Result<Self, String> {
        match name {
            "pass" => Ok(FaultAction::Pass),
            "respond" => Ok(FaultAction::Respond),
            "close" => Ok(FaultAction::Close),
            "reset" => Ok(FaultAction::ResetMidBody),
            "truncate" => Ok(FaultAction::Truncate),
            other => Err(format!(
                "unknown fault action {other:?}: use pass, respond, close, reset or truncate"
            )),
        }
    }
}

/// A planned deviation for the next requests that match a method and path.
#[derive(Clone, Debug)]
pub struct Fault {
    pub method: String,
    pub path: String,
    /// Requests matching method and path to let through before this fault fires.
    pub skip: u32,
    pub delay: Duration,
    pub action: FaultAction,
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub content_type: Option<String>,
    pub remaining: u32,
}

pub fn full(bytes: Vec<u8>) -> SimBody {
    full_bytes(Bytes::from(bytes))
}

pub fn full_bytes(bytes: Bytes) -> SimBody {
    Full::new(bytes).map_err(|never| match never {}).boxed()
}

/// Sends `part`, waits so that it leaves hyper's write buffer, then ends the body:
/// with an error (the connection is reset) or early (shorter than announced).
fn broken(part: Vec<u8>, error: bool) -> SimBody {
    let first = futures::stream::iter([Ok::<_, std::io::Error>(Frame::data(Bytes::from(part)))]);
    let rest = futures::stream::once(async move {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        if error {
            Err(std::io::Error::new(
                std::io::ErrorKind::ConnectionReset,
                "injected reset",
            ))
        } else {
            Ok(Frame::data(Bytes::new()))
        }
    });
    StreamBody::new(futures::StreamExt::chain(first, rest)).boxed()
}

/// Builds the response of a fault, or `Err` to close the connection unanswered.
pub fn answer(
    fault: &Fault,
    default_content_type: &str,
) -> Result<hyper::Response<SimBody>, std::io::Error> {
    let half = fault.body[..fault.body.len() / 2].to_vec();
    let body = match fault.action {
        FaultAction::Close => {
            return Err(std::io::Error::new(
                std::io::ErrorKind::ConnectionAborted,
                "injected close",
            ));
        }
        FaultAction::Pass | FaultAction::Respond => full(fault.body.clone()),
        FaultAction::ResetMidBody => broken(half, true),
        FaultAction::Truncate => broken(half, false),
    };
    let mut response = hyper::Response::new(body);
    *response.status_mut() =
        hyper::StatusCode::from_u16(fault.status).unwrap_or(hyper::StatusCode::OK);
    let content_type = fault
        .content_type
        .as_deref()
        .unwrap_or(default_content_type);
    if let Ok(value) = HeaderValue::from_str(content_type) {
        response.headers_mut().insert(CONTENT_TYPE, value);
    }
    if matches!(
        fault.action,
        FaultAction::ResetMidBody | FaultAction::Truncate
    ) {
        response
            .headers_mut()
            .insert(CONTENT_LENGTH, HeaderValue::from(fault.body.len()));
    }
    for (name, value) in &fault.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::try_from(name.as_str()),
            HeaderValue::from_str(value),
        ) {
            response.headers_mut().insert(name, value);
        }
    }
    Ok(response)
}
