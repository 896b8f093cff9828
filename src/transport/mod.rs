//! HTTP transport: one reqwest client per `Client`, rebuilt after `fork`, with a
//! bound on concurrent requests, timeouts, TLS settings and request logging.

pub mod async_runtime;
pub mod errors;
pub mod retry;
pub mod runtime;
pub mod sync_runtime;

use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant};

use base64::Engine;
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use reqwest::{Certificate, Method};
use tokio::sync::Semaphore;

use crate::config::{Config, Verify};
use crate::error::{Error, ErrorKind, Result};
use crate::release::Release;
use crate::wire::{self, Format};
use errors::{endpoint_missing, map_transport_error, status_error};

/// Longest URL sent: Apache Tomcat, CER's web server, limits the request line and
/// headers to 8 KiB by default (`maxHttpHeaderSize`).
pub const MAX_URL_BYTES: usize = 8192;

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
    ///
    /// The `Content-Type` picks the format; when it names the wrong one, the body's
    /// first character decides. An HTML page, which an application server sends for
    /// its own errors even with status 200, is a decode error, never an empty result.
    pub fn decode(&self, expected: Format) -> Result<serde_json::Value> {
        let html = self
            .content_type
            .as_deref()
            .is_some_and(|ct| ct.to_ascii_lowercase().contains("html"));
        if html || looks_like_html(&self.body) {
            return Err(self.decode_error("it is an HTML page, not CER's JSON or XML"));
        }
        let labelled = Format::detect(self.content_type.as_deref(), &[]).unwrap_or(expected);
        match wire::decode(labelled, &self.body) {
            Ok(value) => Ok(value),
            Err(detail) => {
                let sniffed = Format::detect(None, &self.body);
                match sniffed.filter(|f| *f != labelled) {
                    Some(other) => {
                        wire::decode(other, &self.body).map_err(|_| self.decode_error(detail))
                    }
                    None => Err(self.decode_error(detail)),
                }
            }
        }
    }

    /// Returns true for a non-empty body labelled JSON that starts like JSON, which
    /// can be read without the checks of [`Response::decode`].
    pub fn is_plain_json(&self) -> bool {
        let labelled = self
            .content_type
            .as_deref()
            .is_some_and(|ct| ct.to_ascii_lowercase().contains("json"));
        let first = self.body.iter().find(|b| !b.is_ascii_whitespace());
        labelled && matches!(first, Some(b'{') | Some(b'['))
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

fn looks_like_html(body: &[u8]) -> bool {
    let start: Vec<u8> = body
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take(14)
        .map(u8::to_ascii_lowercase)
        .collect();
    start.starts_with(b"<!doctype html") || start.starts_with(b"<html")
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
    /// Identifies this client's per-thread pools for blocking calls.
    identity: Arc<()>,
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
            identity: Arc::new(()),
        })
    }

    pub fn is_closed(&self) -> bool {
        self.closed.load(std::sync::atomic::Ordering::Acquire)
    }

    /// Drops the connection pool; later requests fail with `ClientClosedError`.
    pub fn close(&self) {
        self.closed
            .store(true, std::sync::atomic::Ordering::Release);
        sync_runtime::forget_client(&self.identity);
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

    /// Sends a request and returns the response if its status is 2xx, retrying
    /// what the client's [`retry::RetryPolicy`] allows.
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
        let policy = &self.config.retry;
        let idempotent = matches!(request.method, Method::GET | Method::HEAD);
        let may_retry = idempotent || policy.retry_writes;
        let attempts = policy.retries + 1;

        let mut attempt = 1;
        loop {
            let failure = match self.send_once(&request, &method, &path).await {
                Ok(response) => return Ok(response),
                Err(failure) => failure,
            };
            if !(may_retry && failure.retryable && attempt < attempts) {
                let mut error = failure.error;
                if !idempotent && failure.maybe_applied {
                    error.message.push_str(
                        "; the request may have reached CER, so the change may have been applied: \
                         check CER before sending it again",
                    );
                }
                return Err(error);
            }
            let delay = policy.delay(attempt, failure.retry_after);
            log::warn!(
                "retrying {method} {path} (attempt {} of {attempts}) in {:.1} s: {}",
                attempt + 1,
                delay.as_secs_f64(),
                failure.error.message
            );
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    /// Sends the request once and classifies a failure for the retry decision.
    async fn send_once(
        &self,
        request: &Request,
        method: &str,
        path: &str,
    ) -> std::result::Result<Response, Failure> {
        let (shared, limit) = self.current_pool().map_err(Failure::fatal)?;
        // A blocking call uses its thread's own pool, driven by the thread's runtime.
        let http = if sync_runtime::in_call() {
            sync_runtime::client_for(&self.identity, || {
                build_pool(&self.config).map(|pool| pool.http)
            })
            .map_err(Failure::fatal)?
        } else {
            shared
        };
        let url = request.with_query(self.config.service_url(&request.path));
        if url.len() > MAX_URL_BYTES {
            let error = Error::invalid(format!(
                "{method} {}... would need a {}-byte URL, and CER's web server (Apache Tomcat) rejects \
                 request lines over {MAX_URL_BYTES} bytes by default; use a shorter name",
                path.chars().take(80).collect::<String>(),
                url.len()
            ))
            .with_request(method, &path.chars().take(200).collect::<String>());
            return Err(Failure::fatal(error));
        }
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
        if let Some(body) = &request.body {
            builder = builder
                .header(CONTENT_TYPE, self.config.format.mime())
                .body(body.clone());
        }

        let _permit = limit.acquire().await.map_err(|_| {
            Failure::fatal(Error::new(
                ErrorKind::Closed,
                "the client is closed; create a new one",
            ))
        })?;
        let started = Instant::now();
        let result = send_and_read(builder, self.config.max_response_bytes).await;
        let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;

        let parts = match result {
            Ok(parts) => parts,
            Err(ReadError::TooLarge(limit)) => {
                log::debug!("{method} {path}{tracking} answered more than {limit} bytes");
                let error = Error::new(
                    ErrorKind::Decode,
                    format!(
                        "{method} {path} answered with a body larger than the {limit}-byte limit; \
                         raise max_response_bytes if such answers are expected"
                    ),
                )
                .with_request(method, path)
                .with_tracking_id(tracking_id);
                return Err(Failure::fatal(error));
            }
            Err(ReadError::Http(e)) => {
                log::debug!("{method} {path}{tracking} failed after {elapsed_ms:.1} ms: {e}");
                let error = map_transport_error(&e, &self.config)
                    .with_request(method, path)
                    .with_tracking_id(tracking_id);
                let fatal = matches!(error.kind, ErrorKind::Tls | ErrorKind::InvalidArgument)
                    || errors::is_name_resolution_failure(&e);
                // A connect failure means nothing was sent; anything later may have reached CER.
                return Err(Failure {
                    retryable: !fatal,
                    maybe_applied: !e.is_connect() && !fatal,
                    retry_after: None,
                    error,
                });
            }
        };
        log::debug!(
            "{method} {path}{tracking} -> {} in {elapsed_ms:.1} ms",
            parts.status
        );

        let response = Response {
            method: method.to_string(),
            path: path.to_string(),
            status: parts.status,
            content_type: parts.content_type,
            body: parts.body,
            tracking_id,
        };
        if (200..300).contains(&response.status) {
            return Ok(response);
        }
        if let Some(added) = request.added_in.filter(|_| endpoint_missing(&response)) {
            let message = format!(
                "{} {} answered HTTP {}: this endpoint was added in CER {added}, so the server probably runs an \
                 older release (set release=... on the client to check before sending)",
                response.method, response.path, response.status
            );
            let error = Error::new(ErrorKind::UnsupportedEndpoint, message)
                .with_request(&response.method, &response.path)
                .with_response(response.status, None, &response.body)
                .with_tracking_id(response.tracking_id.clone());
            return Err(Failure::fatal(error));
        }
        let retryable = self.config.retry.retries_status(response.status);
        let error =
            status_error(&response, &self.config).with_tracking_id(response.tracking_id.clone());
        Err(Failure {
            retryable,
            maybe_applied: false,
            retry_after: parts.retry_after,
            error,
        })
    }
}

/// A failed attempt and what it allows.
struct Failure {
    error: Error,
    retryable: bool,
    /// True when the request may have reached CER before the failure.
    maybe_applied: bool,
    retry_after: Option<Duration>,
}

impl Failure {
    fn fatal(error: Error) -> Self {
        Failure {
            error,
            retryable: false,
            maybe_applied: false,
            retry_after: None,
        }
    }
}

/// The parts of a response that was read whole.
struct Parts {
    status: u16,
    content_type: Option<String>,
    retry_after: Option<Duration>,
    body: Vec<u8>,
}

enum ReadError {
    Http(reqwest::Error),
    TooLarge(u64),
}

async fn send_and_read(
    builder: reqwest::RequestBuilder,
    max_bytes: u64,
) -> std::result::Result<Parts, ReadError> {
    let mut response = builder.send().await.map_err(ReadError::Http)?;
    let status = response.status().as_u16();
    let header = |name: reqwest::header::HeaderName| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let content_type = header(CONTENT_TYPE);
    let retry_after =
        header(reqwest::header::RETRY_AFTER).and_then(|v| retry::parse_retry_after(&v));
    if response.content_length().is_some_and(|n| n > max_bytes) {
        return Err(ReadError::TooLarge(max_bytes));
    }
    let mut body = Vec::with_capacity(response.content_length().unwrap_or(0) as usize);
    while let Some(chunk) = response.chunk().await.map_err(ReadError::Http)? {
        if body.len() as u64 + chunk.len() as u64 > max_bytes {
            return Err(ReadError::TooLarge(max_bytes));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Parts {
        status,
        content_type,
        retry_after,
        body,
    })
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
