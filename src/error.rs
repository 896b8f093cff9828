//! The one error type of the core. `python/errors.rs` maps each kind to a class of
//! `cerapi.errors`.

use std::fmt;

/// What went wrong, which selects the Python exception class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// HTTP 401.
    Authentication,
    /// HTTP 401 or another failure whose body says the account is locked.
    AccountLocked,
    /// HTTP 403.
    PermissionDenied,
    /// HTTP 404.
    NotFound,
    /// The endpoint does not exist on this CER release (404, or 415 with an HTML page).
    UnsupportedEndpoint,
    /// HTTP 400 and any other 4xx status without its own kind.
    BadRequest,
    /// HTTP 5xx.
    Server,
    /// Connect or read timeout.
    Timeout,
    /// No connection could be made.
    Connect,
    /// The TLS handshake failed.
    Tls,
    /// The body is not what the operation returns.
    Decode,
    /// HTTP 200 with a failure reported in the body.
    OperationFailed,
    /// The client was closed.
    Closed,
    /// A caller's argument is invalid; raised as `ValueError`.
    InvalidArgument,
    /// A caller's argument has the wrong type; raised as `TypeError`.
    InvalidType,
    /// Anything else, such as a failure to build the HTTP client.
    Other,
}

/// An error with the request it belongs to and what CER sent back. Boxed, so a
/// `Result` stays small on the success path.
#[derive(Clone, Debug)]
pub struct Error(Box<ErrorData>);

/// The fields of an [`Error`].
#[derive(Clone, Debug)]
pub struct ErrorData {
    pub kind: ErrorKind,
    pub message: String,
    pub method: Option<String>,
    pub path: Option<String>,
    pub status: Option<u16>,
    pub cer_status: Option<String>,
    pub body: Option<String>,
    /// The `TrackingID` header sent with the request, for the `v2` reads.
    pub tracking_id: Option<String>,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error(Box::new(ErrorData {
            kind,
            message: message.into(),
            method: None,
            path: None,
            status: None,
            cer_status: None,
            body: None,
            tracking_id: None,
        }))
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidArgument, message)
    }

    /// Attaches the request this error belongs to.
    pub fn with_request(mut self, method: &str, path: &str) -> Self {
        self.method = Some(method.to_string());
        self.path = Some(path.to_string());
        self
    }

    /// Attaches the response: status code, CER's status text and the raw body.
    pub fn with_response(mut self, status: u16, cer_status: Option<String>, body: &[u8]) -> Self {
        self.status = Some(status);
        self.cer_status = cer_status;
        if !body.is_empty() {
            self.body = Some(String::from_utf8_lossy(body).into_owned());
        }
        self
    }
}

impl Error {
    /// Attaches the `TrackingID` sent with the request, if there was one.
    pub fn with_tracking_id(mut self, tracking_id: Option<String>) -> Self {
        if tracking_id.is_some() {
            self.tracking_id = tracking_id;
        }
        self
    }
}

impl std::ops::Deref for Error {
    type Target = ErrorData;

    fn deref(&self) -> &ErrorData {
        &self.0
    }
}

impl std::ops::DerefMut for Error {
    fn deref_mut(&mut self) -> &mut ErrorData {
        &mut self.0
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
