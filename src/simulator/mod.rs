//! An in-process CER configuration API on 127.0.0.1, for tests and examples.
//!
//! It serves JSON or XML by the `Accept` and `Content-Type` headers, checks HTTP
//! Basic credentials, keeps its data in memory and can delay or replace responses
//! (`inject`) to rehearse failures. It runs on its own thread and runtime, so it
//! is independent of the clients that call it.

pub mod clusters;
pub mod erls;
pub mod faults;
pub mod groups;
pub mod lists;
pub mod roles;
pub mod state;
pub mod subnets;
pub mod synthetic;
pub mod tls;
pub mod users;
pub mod v2;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;

use base64::Engine;
use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::{json, Map, Value};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use crate::config::SERVICE_PATH;
use crate::release::Release;
use crate::wire::{self, Format};
use faults::SimBody;
pub use faults::{Fault, FaultAction};
use state::State;

/// A request as the resource handlers see it.
pub struct SimRequest {
    pub method: String,
    /// Path below `/cerappservices/service`, starting with `/`.
    pub route: String,
    pub query: Vec<(String, String)>,
    pub body: Option<Result<Value, String>>,
    /// Scheme, host and port of the simulator, for links.
    pub origin: String,
    /// The format the client asked for with `Accept`.
    pub format: Format,
    pub headers: Vec<(String, String)>,
}

impl SimRequest {
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    }

    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn service_url(&self, path: &str) -> String {
        format!("{}{SERVICE_PATH}/{path}", self.origin)
    }

    /// Returns the decoded request body, or a 400 reply when it is missing or invalid.
    pub fn body_object(&self) -> Result<&Map<String, Value>, Reply> {
        match &self.body {
            Some(Ok(Value::Object(map))) => Ok(map),
            Some(Ok(_)) => Err(Reply::failure(
                400,
                "response",
                "The request body must be an object",
            )),
            Some(Err(e)) => Err(Reply::failure(
                400,
                "response",
                &format!("Invalid request body: {e}"),
            )),
            None => Err(Reply::failure(
                400,
                "response",
                "The request body is missing",
            )),
        }
    }
}

/// Percent-encodes a query value with spaces as `%20`, as CER's links do.
pub fn encode_query_value(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

/// A reply before it is encoded in the negotiated format.
pub struct Reply {
    pub status: u16,
    pub body: ReplyBody,
}

pub enum ReplyBody {
    /// A JSON-shaped tree and the XML root element it gets in XML.
    Tree { root: &'static str, value: Value },
    /// Bytes sent as they are.
    Raw {
        content_type: String,
        bytes: bytes::Bytes,
    },
}

impl Reply {
    pub fn ok(root: &'static str, value: Value) -> Self {
        Reply {
            status: 200,
            body: ReplyBody::Tree { root, value },
        }
    }

    /// A failure in CER's style: the operation's envelope with the reason in `status`.
    pub fn failure(status: u16, root: &'static str, text: &str) -> Self {
        Reply {
            status,
            body: ReplyBody::Tree {
                root,
                value: json!({ "status": text }),
            },
        }
    }

    /// An application-server error page, as CER sends for unknown paths.
    pub fn html(status: u16, title: &str) -> Self {
        let page = format!(
            "<!doctype html><html><head><title>HTTP Status {status} - {title}</title></head>\
             <body><h1>HTTP Status {status} - {title}</h1></body></html>"
        );
        Reply {
            status,
            body: ReplyBody::Raw {
                content_type: "text/html;charset=utf-8".into(),
                bytes: page.into_bytes().into(),
            },
        }
    }

    pub fn raw(content_type: &str, bytes: bytes::Bytes) -> Self {
        Reply {
            status: 200,
            body: ReplyBody::Raw {
                content_type: content_type.to_string(),
                bytes,
            },
        }
    }

    pub fn method_not_allowed() -> Self {
        Reply::html(405, "Method Not Allowed")
    }
}

/// State shared between the simulator's handle and its server thread.
pub struct Shared {
    pub accounts: BTreeMap<String, String>,
    pub state: Mutex<State>,
    pub faults: Mutex<Vec<Fault>>,
    pub requests: Mutex<Vec<(String, String)>>,
    /// Failed logins in a row per user, for the lockout CER applies.
    pub failed_logins: Mutex<BTreeMap<String, u32>>,
    /// Failed logins after which an account is locked; `None` never locks.
    pub lockout_after: Mutex<Option<u32>>,
    pub origin: String,
    /// The CER release the simulator plays; `None` serves every endpoint.
    pub release: Mutex<Option<Release>>,
    /// Whether the state starts, and resets to, Cisco's sample data.
    pub seeded: bool,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A handler that panicked cannot leave the data half-written in a way that matters
    // to a test double, so a poisoned lock is used as it is.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Shared {
    pub fn reset(&self) {
        *lock(&self.state) = if self.seeded {
            State::seeded()
        } else {
            State::default()
        };
        // The played release is a setting of the simulator, not data: reset keeps it.
        lock(&self.faults).clear();
        lock(&self.requests).clear();
        lock(&self.failed_logins).clear();
    }

    pub fn add_fault(&self, fault: Fault) {
        lock(&self.faults).push(fault);
    }

    pub fn requests(&self) -> Vec<(String, String)> {
        lock(&self.requests).clone()
    }

    fn take_fault(&self, method: &str, path: &str) -> Option<Fault> {
        let mut faults = lock(&self.faults);
        let index = faults.iter().position(|f| {
            f.method.eq_ignore_ascii_case(method) && f.path == path && f.remaining > 0
        })?;
        if faults[index].skip > 0 {
            faults[index].skip -= 1;
            return None;
        }
        let fault = faults[index].clone();
        faults[index].remaining -= 1;
        if faults[index].remaining == 0 {
            faults.remove(index);
        }
        Some(fault)
    }
}

/// A running simulator: its address, CA and the thread that serves it.
pub struct Server {
    pub addr: SocketAddr,
    pub shared: Arc<Shared>,
    pub ca_pem: Option<String>,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Binds 127.0.0.1:`port` (0 picks a free port) and starts serving on a new thread.
    pub fn start(
        accounts: BTreeMap<String, String>,
        use_tls: bool,
        port: u16,
        seed: bool,
        release: Option<Release>,
        certificate: tls::CertificateKind,
    ) -> Result<Self, String> {
        let listener = std::net::TcpListener::bind(("127.0.0.1", port))
            .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
        listener
            .set_nonblocking(true)
            .map_err(|e| format!("cannot configure the simulator socket: {e}"))?;
        let addr = listener
            .local_addr()
            .map_err(|e| format!("cannot read the simulator address: {e}"))?;

        let material = if use_tls {
            Some(tls::generate(certificate)?)
        } else {
            None
        };
        let scheme = if use_tls { "https" } else { "http" };
        let shared = Arc::new(Shared {
            accounts,
            state: Mutex::new(if seed {
                State::seeded()
            } else {
                State::default()
            }),
            faults: Mutex::new(Vec::new()),
            requests: Mutex::new(Vec::new()),
            failed_logins: Mutex::new(BTreeMap::new()),
            lockout_after: Mutex::new(None),
            origin: format!("{scheme}://{addr}"),
            release: Mutex::new(release),
            seeded: seed,
        });
        let ca_pem = material.as_ref().map(|m| m.ca_pem.clone());
        let acceptor = material.map(|m| tokio_rustls::TlsAcceptor::from(m.server_config));

        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start the simulator runtime: {e}"))?;
        let (shutdown, stop) = oneshot::channel();
        let serving = shared.clone();
        let thread = std::thread::Builder::new()
            .name("cerapi-simulator".into())
            .spawn(move || runtime.block_on(serve(listener, acceptor, serving, stop)))
            .map_err(|e| format!("cannot start the simulator thread: {e}"))?;

        Ok(Server {
            addr,
            shared,
            ca_pem,
            shutdown: Some(shutdown),
            thread: Some(thread),
        })
    }

    /// Stops accepting, drops open connections and waits for the server thread.
    pub fn stop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }

    pub fn running(&self) -> bool {
        self.thread.as_ref().is_some_and(|t| !t.is_finished())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

async fn serve(
    listener: std::net::TcpListener,
    acceptor: Option<tokio_rustls::TlsAcceptor>,
    shared: Arc<Shared>,
    mut stop: oneshot::Receiver<()>,
) {
    let listener = match TcpListener::from_std(listener) {
        Ok(l) => l,
        Err(e) => {
            log::error!("the simulator cannot use its socket: {e}");
            return;
        }
    };
    loop {
        let accepted = tokio::select! {
            _ = &mut stop => break,
            accepted = listener.accept() => accepted,
        };
        let (stream, _) = match accepted {
            Ok(pair) => pair,
            Err(e) => {
                log::debug!("simulator accept failed: {e}");
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let shared = shared.clone();
        let acceptor = acceptor.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request| {
                let shared = shared.clone();
                async move { handle(&shared, request).await }
            });
            let http = hyper::server::conn::http1::Builder::new();
            let result = match acceptor {
                Some(acceptor) => match acceptor.accept(stream).await {
                    Ok(tls_stream) => {
                        http.serve_connection(TokioIo::new(tls_stream), service)
                            .await
                    }
                    Err(e) => {
                        log::debug!("simulator TLS handshake failed: {e}");
                        return;
                    }
                },
                None => http.serve_connection(TokioIo::new(stream), service).await,
            };
            if let Err(e) = result {
                log::debug!("simulator connection ended with an error: {e}");
            }
        });
    }
}

/// The outcome of checking a request's credentials.
enum Login {
    Accepted,
    Rejected,
    /// The account is locked after too many failed logins, as CER does.
    Locked,
}

fn check_login(shared: &Shared, header: Option<&HeaderValue>) -> Login {
    let credentials = header
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.strip_prefix("Basic "))
        .and_then(|token| {
            base64::engine::general_purpose::STANDARD
                .decode(token.trim())
                .ok()
        })
        .and_then(|decoded| String::from_utf8(decoded).ok());
    let Some((user, password)) = credentials.as_deref().and_then(|c| c.split_once(':')) else {
        return Login::Rejected;
    };
    let limit = *lock(&shared.lockout_after);
    let mut failures = lock(&shared.failed_logins);
    let failed_before = failures.get(user).copied().unwrap_or(0);
    if limit.is_some_and(|n| failed_before >= n) {
        return Login::Locked;
    }
    if shared
        .accounts
        .get(user)
        .is_some_and(|expected| expected == password)
    {
        failures.remove(user);
        return Login::Accepted;
    }
    failures.insert(user.to_string(), failed_before + 1);
    Login::Rejected
}

async fn handle(
    shared: &Shared,
    request: hyper::Request<Incoming>,
) -> Result<hyper::Response<SimBody>, std::io::Error> {
    let method = request.method().as_str().to_string();
    let path = request.uri().path().to_string();
    let path_and_query = request
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| path.clone());
    lock(&shared.requests).push((method.clone(), path_and_query));

    let header = |name: hyper::header::HeaderName| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let accept = header(hyper::header::ACCEPT)
        .unwrap_or_default()
        .to_ascii_lowercase();
    let out_format = if accept.contains("xml") {
        Format::Xml
    } else {
        Format::Json
    };
    let in_format = match header(CONTENT_TYPE) {
        Some(ct) if ct.to_ascii_lowercase().contains("xml") => Format::Xml,
        _ => Format::Json,
    };
    let login = check_login(shared, request.headers().get(AUTHORIZATION));
    let request_headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .filter(|(name, _)| *name != AUTHORIZATION)
        .filter_map(|(name, value)| {
            Some((name.as_str().to_string(), value.to_str().ok()?.to_string()))
        })
        .collect();
    let query: Vec<(String, String)> = request
        .uri()
        .query()
        .map(|q| {
            url::form_urlencoded::parse(q.as_bytes())
                .into_owned()
                .collect()
        })
        .unwrap_or_default();

    if let Some(fault) = shared.take_fault(&method, &path) {
        if !fault.delay.is_zero() {
            tokio::time::sleep(fault.delay).await;
        }
        if fault.action != FaultAction::Pass {
            return faults::answer(&fault, out_format.mime());
        }
    }

    let body = match request.into_body().collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(e) => {
            log::debug!("simulator could not read a request body: {e}");
            return Ok(encode_reply(Reply::html(400, "Bad Request"), out_format));
        }
    };

    match login {
        Login::Accepted => {}
        Login::Rejected => {
            let page =
                b"<html><body><h1>HTTP Status 401 - Unauthorized</h1></body></html>".to_vec();
            return Ok(respond(401, "text/html;charset=utf-8", page, true));
        }
        Login::Locked => {
            let page = b"<html><body><h1>HTTP Status 401 - Unauthorized</h1><p>Account is locked</p></body></html>";
            return Ok(respond(401, "text/html;charset=utf-8", page.to_vec(), true));
        }
    }

    let Some(route) = path.strip_prefix(SERVICE_PATH) else {
        return Ok(encode_reply(Reply::html(404, "Not Found"), out_format));
    };
    if let Some(reply) = missing_on_release(*lock(&shared.release), route) {
        return Ok(encode_reply(reply, out_format));
    }
    let headers: Vec<(String, String)> = request_headers;
    let sim_request = SimRequest {
        method,
        route: route.to_string(),
        query,
        body: if body.is_empty() {
            None
        } else {
            Some(wire::decode(in_format, &body))
        },
        origin: shared.origin.clone(),
        format: out_format,
        headers,
    };
    let reply = {
        let mut state = lock(&shared.state);
        users::handle(&mut state, &sim_request)
            .or_else(|| roles::handle(&mut state, &sim_request))
            .or_else(|| groups::handle(&mut state, &sim_request))
            .or_else(|| clusters::handle(&mut state, &sim_request))
            .or_else(|| erls::handle(&mut state, &sim_request))
            .or_else(|| subnets::handle(&mut state, &sim_request))
            .or_else(|| v2::handle(&mut state, &sim_request))
    };
    Ok(encode_reply(
        reply.unwrap_or_else(|| Reply::html(404, "Not Found")),
        out_format,
    ))
}

/// Responds to a path the played release does not have, as CER does: 404 with the
/// application server's HTML page, or 415 with it for the two `v2` reads seen
/// answering so on CER 15.0.1.
fn missing_on_release(release: Option<Release>, route: &str) -> Option<Reply> {
    let release = release?;
    let route = route.trim_end_matches('/');
    let added = if route.starts_with("/v2/") {
        Release::R15SU2
    } else if route.starts_with("/v1/") {
        Release::R15SU1
    } else if route == "/ipsubnetphone" {
        Release::R14SU3
    } else {
        return None;
    };
    if release >= added {
        return None;
    }
    let base_15 = Release {
        major: 15,
        service_update: 0,
    };
    if release == base_15 && matches!(route, "/v2/unlocatedphones" | "/v2/callhistorydetails") {
        return Some(Reply::html(415, "Unsupported Media Type"));
    }
    if release == base_15 && route.starts_with("/v2/") {
        // The other v2 reads responded on CER 15.0.1.
        return None;
    }
    Some(Reply::html(404, "Not Found"))
}

fn encode_reply(reply: Reply, format: Format) -> hyper::Response<SimBody> {
    match reply.body {
        ReplyBody::Tree { root, value } => respond(
            reply.status,
            format.mime(),
            wire::encode(format, root, &value),
            false,
        ),
        ReplyBody::Raw {
            content_type,
            bytes,
        } => respond_bytes(reply.status, &content_type, bytes, false),
    }
}

fn respond(
    status: u16,
    content_type: &str,
    body: Vec<u8>,
    challenge: bool,
) -> hyper::Response<SimBody> {
    respond_bytes(status, content_type, body.into(), challenge)
}

fn respond_bytes(
    status: u16,
    content_type: &str,
    body: bytes::Bytes,
    challenge: bool,
) -> hyper::Response<SimBody> {
    let mut response = hyper::Response::new(faults::full_bytes(body));
    *response.status_mut() =
        hyper::StatusCode::from_u16(status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    if let Ok(value) = HeaderValue::from_str(content_type) {
        response.headers_mut().insert(CONTENT_TYPE, value);
    }
    if challenge {
        response.headers_mut().insert(
            WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"Cisco Emergency Responder\""),
        );
    }
    response
}
