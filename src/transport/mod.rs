//! HTTP transport: one reqwest client per `Client`, rebuilt after `fork`, with a
//! bound on concurrent requests, timeouts, TLS settings and request logging.

pub mod async_runtime;
pub mod runtime;

use std::sync::{Arc, Mutex, Once};
use std::time::Instant;

use base64::Engine;
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use reqwest::{Certificate, Method};
use tokio::sync::Semaphore;

use crate::config::{Config, Verify};
use crate::error::{Error, ErrorKind, Result};
use crate::release::Release;
use crate::wire::{self, quirks, Format};

/// `User-Agent` sent with every request.
pub const USER_AGENT_VALUE: &str = concat!("cerapi/", env!("CARGO_PKG_VERSION"));

/// One request to the configuration API.
#[derive(Debug)]
pub struct Request {
    pub method: Method,
    /// Path below `/cerappservices/service`, exactly as the operation documents it.
    pub path: String,
    pub query: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
    /// The CER release that added the endpoint, when it is newer than 14.0.
    pub added_in: Option<Release>,
    /// Sent as the `TrackingID` header.
    pub tracking_id: Option<String>,
}

impl Request {
    pub fn new(method: Method, path: &str) -> Self {
        Request {
            method,
            path: path.to_string(),
            query: Vec::new(),
            body: None,
            added_in: None,
            tracking_id: None,
        }
    }

    pub fn added_in(mut self, release: Release) -> Self {
        self.added_in = Some(release);
        self
    }

    pub fn tracking_id(mut self, tracking_id: String) -> Self {
        self.tracking_id = Some(tracking_id);
        self
    }

    pub fn query(mut self, name: &str, value: &str) -> Self {
        self.query.push((name.to_string(), value.to_string()));
        self
    }

    pub fn body(mut self, body: Vec<u8>) -> Self {
        self.body = Some(body);
        self
    }

    /// Returns the query string, with spaces as `%20` as in Cisco's examples.
    pub fn encoded_query(&self) -> String {
        let query: String = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(self.query.iter())
            .finish();
        // form_urlencoded writes a space as '+' and a literal '+' as %2B, so every '+' is a space.
        query.replace('+', "%20")
    }

    fn with_query(&self, mut path: String) -> String {
        if !self.query.is_empty() {
            path.push('?');
            path.push_str(&self.encoded_query());
        }
        path
    }

    /// Returns the service path with its encoded query, as shown in logs and errors.
    pub fn display_path(&self) -> String {
        self.with_query(Config::service_path(&self.path))
    }
}

/// A response with a 2xx status.
#[derive(Debug)]
pub struct Response {
    pub method: String,
    pub path: String,
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    pub tracking_id: Option<String>,
}

impl Response {
    /// Decodes the body into the JSON-shaped tree, in whichever format CER used.
    pub fn decode(&self, expected: Format) -> Result<serde_json::Value> {
        let format = Format::detect(self.content_type.as_deref(), &self.body).unwrap_or(expected);
        wire::decode(format, &self.body).map_err(|detail| self.decode_error(detail))
    }

    /// Builds a `DecodeError` for this response.
    pub fn decode_error(&self, detail: impl std::fmt::Display) -> Error {
        Error::new(
            ErrorKind::Decode,
            format!(
                "{} {} returned a body cerapi cannot read: {detail}",
                self.method, self.path
            ),
        )
        .with_request(&self.method, &self.path)
        .with_response(self.status, None, &self.body)
        .with_tracking_id(self.tracking_id.clone())
    }

    /// Builds an `OperationFailedError` for a failure CER reported inside HTTP 200.
    pub fn operation_failed(&self, message: String, cer_status: Option<String>) -> Error {
        Error::new(ErrorKind::OperationFailed, message)
            .with_request(&self.method, &self.path)
            .with_response(self.status, cer_status, &self.body)
            .with_tracking_id(self.tracking_id.clone())
    }
}

/// A reqwest client and the concurrency bound that belong to one process.
struct Pool {
    pid: u32,
    http: reqwest::Client,
    limit: Arc<Semaphore>,
}

/// The HTTP side of one `Client`.
pub struct Transport {
    pub config: Config,
    pool: Mutex<Option<Pool>>,
    closed: std::sync::atomic::AtomicBool,
}

static INSTALL_CRYPTO: Once = Once::new();

/// Installs ring as the process's rustls crypto provider, once.
pub fn install_crypto_provider() {
    INSTALL_CRYPTO.call_once(|| {
        // An Err means another library installed a provider first, which serves as well.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

impl Transport {
    pub fn new(config: Config) -> Result<Self> {
        let pool = build_pool(&config)?;
        if config.verify == Verify::Off {
            log::warn!(
                "TLS certificate verification is off for {}: anyone on the network path can read the credentials",
                config.base_url
            );
        }
        Ok(Transport {
            config,
            pool: Mutex::new(Some(pool)),
            closed: std::sync::atomic::AtomicBool::new(false),
        })
    }

    pub fn is_closed(&self) -> bool {
        self.closed.load(std::sync::atomic::Ordering::Acquire)
    }

    /// Drops the connection pool; later requests fail with `ClientClosedError`.
    pub fn close(&self) {
        self.closed
            .store(true, std::sync::atomic::Ordering::Release);
        if let Ok(mut pool) = self.pool.lock() {
            if let Some(old) = pool.take() {
                if runtime::forked_since(old.pid) {
                    // The connections belong to the parent process: never touch them here.
                    std::mem::forget(old);
                }
            }
        }
    }

    /// Returns this process's client and limit, rebuilding both after a fork.
    fn current_pool(&self) -> Result<(reqwest::Client, Arc<Semaphore>)> {
        let closed = || Error::new(ErrorKind::Closed, "the client is closed; create a new one");
        if self.is_closed() {
            return Err(closed());
        }
        let mut guard = self
            .pool
            .lock()
            .map_err(|_| Error::new(ErrorKind::Other, "the connection pool lock is poisoned"))?;
        let stale = guard.as_ref().is_some_and(|p| runtime::forked_since(p.pid));
        if stale {
            if let Some(inherited) = guard.take() {
                std::mem::forget(inherited);
            }
            *guard = Some(build_pool(&self.config)?);
        }
        let pool = guard.as_ref().ok_or_else(closed)?;
        Ok((pool.http.clone(), pool.limit.clone()))
    }

    /// Sends a request and returns the response if its status is 2xx.
    pub async fn send(&self, request: Request) -> Result<Response> {
        let method = request.method.to_string();
        let path = request.display_path();
        if let (Some(added), Some(release)) = (request.added_in, self.config.release) {
            if release < added {
                return Err(Error::new(
                    ErrorKind::UnsupportedEndpoint,
                    format!(
                        "{method} {path} needs CER {added} or later, and this client is set to CER {release}; \
                         nothing was sent"
                    ),
                )
                .with_request(&method, &path));
            }
        }
        let (http, limit) = self.current_pool()?;
        let url = request.with_query(self.config.service_url(&request.path));
        let tracking_id = request.tracking_id.clone();
        let tracking = tracking_id
            .as_deref()
            .map(|t| format!(" [TrackingID {t}]"))
            .unwrap_or_default();

        let mut builder = http
            .request(request.method.clone(), &url)
            .header(ACCEPT, self.config.format.mime());
        if let Some(tracking_id) = &request.tracking_id {
            builder = builder.header("TrackingID", tracking_id.as_str());
        }
        if let Some(body) = request.body {
            builder = builder
                .header(CONTENT_TYPE, self.config.format.mime())
                .body(body);
        }

        let _permit = limit
            .acquire()
            .await
            .map_err(|_| Error::new(ErrorKind::Closed, "the client is closed; create a new one"))?;
        let started = Instant::now();
        let result = send_and_read(builder).await;
        let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;

        let (status, content_type, body) = match result {
            Ok(parts) => parts,
            Err(e) => {
                log::debug!("{method} {path}{tracking} failed after {elapsed_ms:.1} ms: {e}");
                return Err(map_transport_error(&e, &self.config)
                    .with_request(&method, &path)
                    .with_tracking_id(tracking_id));
            }
        };
        log::debug!("{method} {path}{tracking} -> {status} in {elapsed_ms:.1} ms");

        let response = Response {
            method,
            path,
            status,
            content_type,
            body,
            tracking_id,
        };
        if (200..300).contains(&status) {
            Ok(response)
        } else if let Some(added) = request.added_in.filter(|_| endpoint_missing(&response)) {
            let message = format!(
                "{} {} answered HTTP {}: this endpoint was added in CER {added}, so the server probably runs an \
                 older release (set release=... on the client to check before sending)",
                response.method, response.path, response.status
            );
            Err(Error::new(ErrorKind::UnsupportedEndpoint, message)
                .with_request(&response.method, &response.path)
                .with_response(response.status, None, &response.body)
                .with_tracking_id(response.tracking_id.clone()))
        } else {
            Err(status_error(&response, &self.config)
                .with_tracking_id(response.tracking_id.clone()))
        }
    }
}

async fn send_and_read(
    builder: reqwest::RequestBuilder,
) -> std::result::Result<(u16, Option<String>, Vec<u8>), reqwest::Error> {
    let response = builder.send().await?;
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let body = response.bytes().await?.to_vec();
    Ok((status, content_type, body))
}

fn build_pool(config: &Config) -> Result<Pool> {
    install_crypto_provider();

    let credentials = format!("{}:{}", config.username, config.password.expose());
    let token = base64::engine::general_purpose::STANDARD.encode(credentials);
    let mut authorization = HeaderValue::from_str(&format!("Basic {token}")).map_err(|_| {
        Error::invalid("the username or password contains characters HTTP cannot send")
    })?;
    authorization.set_sensitive(true);
    let mut headers = HeaderMap::new();
    headers.insert(AUTHORIZATION, authorization);
    headers.insert(USER_AGENT, HeaderValue::from_static(USER_AGENT_VALUE));

    let mut builder = reqwest::Client::builder()
        .default_headers(headers)
        .connect_timeout(config.connect_timeout)
        .read_timeout(config.read_timeout)
        .pool_max_idle_per_host(config.max_concurrency)
        .redirect(reqwest::redirect::Policy::none());

    builder = match &config.verify {
        Verify::Off => builder.tls_danger_accept_invalid_certs(true),
        Verify::CaFile(path) => builder.tls_certs_only(read_ca_file(path)?),
        Verify::System => match std::env::var_os("SSL_CERT_FILE") {
            Some(path) if !path.is_empty() => {
                builder.tls_certs_merge(read_ca_file(std::path::Path::new(&path))?)
            }
            _ => builder,
        },
    };

    let http = builder.build().map_err(|e| {
        Error::new(
            ErrorKind::Other,
            format!("failed to set up the HTTP client: {e}"),
        )
    })?;
    Ok(Pool {
        pid: std::process::id(),
        http,
        limit: Arc::new(Semaphore::new(config.max_concurrency)),
    })
}

fn read_ca_file(path: &std::path::Path) -> Result<Vec<Certificate>> {
    let pem = std::fs::read(path).map_err(|e| {
        Error::invalid(format!("cannot read the CA bundle {}: {e}", path.display()))
    })?;
    let certificates = Certificate::from_pem_bundle(&pem).map_err(|e| {
        Error::invalid(format!(
            "the CA bundle {} is not valid PEM: {e}",
            path.display()
        ))
    })?;
    if certificates.is_empty() {
        return Err(Error::invalid(format!(
            "the CA bundle {} contains no certificate",
            path.display()
        )));
    }
    Ok(certificates)
}

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

fn map_transport_error(error: &reqwest::Error, config: &Config) -> Error {
    let target = config.base_url.as_str().trim_end_matches('/');
    if let Some(detail) = find_tls_error(error) {
        let hint = if detail.contains("UnknownIssuer") || detail.contains("unknown issuer") {
            "the certificate is signed by a CA this machine does not trust: pass verify=\"/path/to/ca.pem\" \
             with the CA that signed CER's certificate (or set SSL_CERT_FILE)"
        } else if detail.contains("NotValidForName") || detail.contains("not valid for name") {
            "the certificate does not name this host: connect with the host name in CER's certificate, \
             or regenerate the certificate with a subjectAltName for this name"
        } else if detail.contains("Expired") {
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
/// the endpoint answers 404 or 415 with the application server's HTML page (seen on
/// CER 15.0.1), while a missing object comes back in the operation's JSON or XML envelope.
fn endpoint_missing(response: &Response) -> bool {
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
fn status_error(response: &Response, config: &Config) -> Error {
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
