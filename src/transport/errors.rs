//! Turns transport failures and non-2xx responses into the core's errors, with a hint
//! of what the user can do.

use crate::config::Config;
use crate::error::{Error, ErrorKind};
use crate::wire::{self, quirks, Format};

use super::Response;

/// Returns the messages of an error and all its sources, outermost first.
fn error_chain(error: &(dyn std::error::Error + 'static)) -> Vec<String> {
    let mut messages = Vec::new();
    let mut current = Some(error);
    while let Some(e) = current {
        messages.push(e.to_string());
        current = e.source();
    }
    messages
}

fn find_tls_error(error: &(dyn std::error::Error + 'static)) -> Option<String> {
    let mut current = Some(error);
    while let Some(e) = current {
        if let Some(tls) = e.downcast_ref::<rustls::Error>() {
            return Some(tls.to_string());
        }
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            if let Some(tls) = io
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<rustls::Error>())
            {
                return Some(tls.to_string());
            }
        }
        current = e.source();
    }
    // reqwest may wrap the rustls error in a type that hides it from downcasting;
    // its text still names the certificate or handshake problem.
    error_chain(error).into_iter().rev().find(|m| {
        let m = m.to_ascii_lowercase();
        m.contains("certificate") || m.contains("handshake") || m.contains("tls")
    })
}

/// Returns true when the host name could not be resolved: retrying does not help,
/// because the resolver has already responded.
pub fn is_name_resolution_failure(error: &reqwest::Error) -> bool {
    error_chain(error).iter().any(|message| {
        let message = message.to_ascii_lowercase();
        message.contains("dns error")
            || message.contains("failed to lookup address")
            || message.contains("name or service not known")
    })
}

pub fn map_transport_error(error: &reqwest::Error, config: &Config) -> Error {
    let target = config.base_url.as_str().trim_end_matches('/');
    if let Some(detail) = find_tls_error(error) {
        let hint = if detail.contains("UnknownIssuer") || detail.contains("unknown issuer") {
            "the certificate is signed by a CA this machine does not trust: pass verify=\"/path/to/ca.pem\" \
             with the CA that signed CER's certificate (or set SSL_CERT_FILE)"
        } else if detail.contains("NotValidForName") || detail.contains("not valid for name") {
            "the certificate does not name this host: connect with the host name in CER's certificate, \
             or regenerate the certificate with a subjectAltName for this name"
        } else if detail.to_ascii_lowercase().contains("expired") {
            "the certificate has expired: renew CER's Tomcat certificate"
        } else {
            "check CER's certificate, or pass verify=\"/path/to/ca.pem\""
        };
        return Error::new(
            ErrorKind::Tls,
            format!("TLS handshake with {target} failed ({detail}): {hint}; verify=False skips the check but exposes the credentials"),
        );
    }
    let chain = error_chain(error);
    let detail = chain.last().cloned().unwrap_or_default();
    if error.is_builder() {
        // The error's own text contains the whole URL, which can be very long; it is left out.
        return Error::new(
            ErrorKind::InvalidArgument,
            format!(
                "the request to {target} could not be built: its URL or a header value is invalid"
            ),
        );
    }
    if error.is_timeout() {
        let phase = if error.is_connect() {
            "connecting to"
        } else {
            "waiting for a response from"
        };
        let limit = if error.is_connect() {
            config.connect_timeout
        } else {
            config.read_timeout
        };
        return Error::new(
            ErrorKind::Timeout,
            format!(
                "timed out after {:.1} s {phase} {target}",
                limit.as_secs_f64()
            ),
        );
    }
    if error.is_connect() {
        return Error::new(
            ErrorKind::Connect,
            format!("cannot connect to {target}: {detail}; check the host name, the port and that CER is reachable"),
        );
    }
    if error.is_body() || error.is_decode() {
        return Error::new(
            ErrorKind::Connect,
            format!("the connection to {target} broke while reading the response: {detail}"),
        );
    }
    Error::new(
        ErrorKind::Connect,
        format!("request to {target} failed: {}", chain.join(": ")),
    )
}

/// Tells an endpoint a release lacks from a missing object: a CER release without
/// the endpoint returns 404 or 415 with the application server's HTML page (seen on
/// CER 15.0.1), while a missing object comes back in the operation's JSON or XML envelope.
pub fn endpoint_missing(response: &Response) -> bool {
    if response.status != 404 && response.status != 415 {
        return false;
    }
    let html = response
        .content_type
        .as_deref()
        .is_some_and(|ct| ct.to_ascii_lowercase().contains("html"))
        || response.body.trim_ascii_start().starts_with(b"<!")
        || response.body.trim_ascii_start().starts_with(b"<html");
    html || response.body.trim_ascii().is_empty()
}

/// Builds the error for a non-2xx response, with CER's status text when the body has one.
pub fn status_error(response: &Response, config: &Config) -> Error {
    let status = response.status;
    let cer_status = Format::detect(response.content_type.as_deref(), &response.body)
        .and_then(|format| wire::decode(format, &response.body).ok())
        .and_then(|value| {
            quirks::non_empty_text(value.get("status"))
                .or_else(|| quirks::non_empty_text(value.get("message")))
        });
    let reason = reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("");
    let mut message = format!(
        "{} {} failed: HTTP {status} {reason}",
        response.method, response.path
    );
    if let Some(text) = &cer_status {
        message.push_str(&format!(" ({text})"));
    }
    let body_text = String::from_utf8_lossy(&response.body).to_ascii_lowercase();
    if body_text.contains("account is locked") {
        let message = format!(
            "CER reports that the account of user {:?} is locked, usually after repeated failed logins \
             (HTTP {status}): an administrator must unlock it in the CER web UI before it can log in again",
            config.username
        );
        return Error::new(ErrorKind::AccountLocked, message)
            .with_request(&response.method, &response.path)
            .with_response(status, cer_status, &response.body);
    }
    let kind = match status {
        401 => {
            message = format!(
                "CER rejected the credentials of user {:?} (HTTP 401): check the password; the API user \
                 needs the CER System Admin role and, if it is a remote user, must also exist in CUCM",
                config.username
            );
            ErrorKind::Authentication
        }
        403 => ErrorKind::PermissionDenied,
        404 => ErrorKind::NotFound,
        500..=599 => ErrorKind::Server,
        _ => ErrorKind::BadRequest,
    };
    Error::new(kind, message)
        .with_request(&response.method, &response.path)
        .with_response(status, cer_status, &response.body)
}
