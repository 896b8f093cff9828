//! The native `Simulator`: starts and stops the in-process CER on 127.0.0.1.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::release::Release;
use crate::simulator::synthetic::PhoneKind;
use crate::simulator::tls::CertificateKind;
use crate::simulator::{Fault, FaultAction, Server};

#[pyclass(module = "cerapi._native")]
pub struct Simulator {
    accounts: BTreeMap<String, String>,
    tls: bool,
    port: u16,
    seed: bool,
    release: Option<Release>,
    certificate: CertificateKind,
    server: Mutex<Option<Server>>,
}

impl Simulator {
    fn with_server<T>(&self, f: impl FnOnce(&Server) -> T) -> PyResult<T> {
        let guard = self
            .server
            .lock()
            .map_err(|_| PyRuntimeError::new_err("the simulator lock is poisoned"))?;
        match guard.as_ref() {
            Some(server) => Ok(f(server)),
            None => Err(PyRuntimeError::new_err(
                "the simulator is not running; call start() first",
            )),
        }
    }
}

#[pymethods]
impl Simulator {
    #[new]
    #[pyo3(signature = (*, accounts=None, tls=false, port=0, seed=true, release=None, certificate="valid"))]
    fn new(
        accounts: Option<BTreeMap<String, String>>,
        tls: bool,
        port: u16,
        seed: bool,
        release: Option<&str>,
        certificate: &str,
    ) -> PyResult<Self> {
        let certificate = CertificateKind::parse(certificate).map_err(PyValueError::new_err)?;
        let release = release
            .map(Release::parse)
            .transpose()
            .map_err(|e| PyValueError::new_err(e.message.clone()))?;
        let accounts = accounts
            .unwrap_or_else(|| BTreeMap::from([("cerapi".to_string(), "cerapi".to_string())]));
        if accounts.is_empty() {
            return Err(PyValueError::new_err(
                "accounts must contain at least one user",
            ));
        }
        if accounts
            .keys()
            .any(|user| user.is_empty() || user.contains(':'))
        {
            return Err(PyValueError::new_err(
                "account user names must be non-empty and contain no ':'",
            ));
        }
        Ok(Simulator {
            accounts,
            tls,
            port,
            seed,
            release,
            certificate,
            server: Mutex::new(None),
        })
    }

    /// Binds 127.0.0.1 and starts serving. Starting a running simulator does nothing.
    fn start(&self, py: Python<'_>) -> PyResult<()> {
        let mut guard = self
            .server
            .lock()
            .map_err(|_| PyRuntimeError::new_err("the simulator lock is poisoned"))?;
        if guard.is_some() {
            return Ok(());
        }
        let (accounts, tls, port, seed, release, certificate) = (
            self.accounts.clone(),
            self.tls,
            self.port,
            self.seed,
            self.release,
            self.certificate,
        );
        let server = py
            .detach(|| Server::start(accounts, tls, port, seed, release, certificate))
            .map_err(PyRuntimeError::new_err)?;
        *guard = Some(server);
        Ok(())
    }

    /// Stops serving and waits for the server thread to end.
    fn stop(&self, py: Python<'_>) -> PyResult<()> {
        let server = self
            .server
            .lock()
            .map_err(|_| PyRuntimeError::new_err("the simulator lock is poisoned"))?
            .take();
        if let Some(mut server) = server {
            py.detach(move || server.stop());
        }
        Ok(())
    }

    #[getter]
    fn port(&self) -> PyResult<u16> {
        self.with_server(|s| s.addr.port())
    }

    #[getter]
    fn url(&self) -> PyResult<String> {
        self.with_server(|s| s.shared.origin.clone())
    }

    #[getter]
    fn tls(&self) -> bool {
        self.tls
    }

    #[getter]
    fn running(&self) -> bool {
        self.server
            .lock()
            .map(|g| g.as_ref().is_some_and(Server::running))
            .unwrap_or(false)
    }

    #[getter]
    fn ca_pem(&self) -> PyResult<Option<String>> {
        self.with_server(|s| s.ca_pem.clone())
    }

    #[getter]
    fn accounts(&self) -> BTreeMap<String, String> {
        self.accounts.clone()
    }

    /// Plans a fault for the next `times` requests matching method and path (the path
    /// without its query), after letting `skip` of them through.
    ///
    /// `action` is "pass" (only the delay), "respond" (reply with `status`,
    /// `headers` and `body`), "close" (drop the connection unanswered), "reset"
    /// (send half the body, then reset) or "truncate" (announce the full length,
    /// send half). It defaults to "respond" when `status` or `body` is given.
    #[pyo3(signature = (method, path, *, delay=0.0, status=None, body=None, content_type=None, headers=None, action=None, skip=0, times=1))]
    #[allow(clippy::too_many_arguments)]
    fn inject(
        &self,
        method: &str,
        path: &str,
        delay: f64,
        status: Option<u16>,
        body: Option<&Bound<'_, PyAny>>,
        content_type: Option<String>,
        headers: Option<Vec<(String, String)>>,
        action: Option<&str>,
        skip: u32,
        times: u32,
    ) -> PyResult<()> {
        if !delay.is_finite() || delay < 0.0 {
            return Err(PyValueError::new_err(
                "delay must be a non-negative number of seconds",
            ));
        }
        if let Some(code) = status {
            if !(100..=599).contains(&code) {
                return Err(PyValueError::new_err(format!(
                    "status {code} is not an HTTP status code"
                )));
            }
        }
        let body: Vec<u8> = match body {
            None => Vec::new(),
            Some(b) if b.is_instance_of::<PyBytes>() => b.extract::<Vec<u8>>()?,
            Some(b) => b.extract::<String>()?.into_bytes(),
        };
        let default_action = if status.is_some() || !body.is_empty() {
            "respond"
        } else {
            "pass"
        };
        let action =
            FaultAction::parse(action.unwrap_or(default_action)).map_err(PyValueError::new_err)?;
        let fault = Fault {
            method: method.to_ascii_uppercase(),
            path: path.to_string(),
            skip,
            delay: Duration::from_secs_f64(delay),
            action,
            status: status.unwrap_or(200),
            headers: headers.unwrap_or_default(),
            body,
            content_type,
            remaining: times,
        };
        self.with_server(|s| s.shared.add_fault(fault))
    }

    /// Locks an account after this many failed logins in a row, as CER does; None never locks.
    #[pyo3(signature = (after))]
    fn set_lockout(&self, after: Option<u32>) -> PyResult<()> {
        self.with_server(|s| {
            if let Ok(mut limit) = s.shared.lockout_after.lock() {
                *limit = after;
            }
        })
    }

    /// Unlocks an account, as an administrator does in the CER web UI.
    fn unlock(&self, user: &str) -> PyResult<()> {
        self.with_server(|s| {
            if let Ok(mut failures) = s.shared.failed_logins.lock() {
                failures.remove(user);
            }
        })
    }

    /// Returns the `(method, path with query)` of every request served so far.
    fn requests(&self) -> PyResult<Vec<(String, String)>> {
        self.with_server(|s| s.shared.requests())
    }

    /// The CER release the simulator plays, such as "15SU1", or None for all endpoints.
    #[getter]
    fn release(&self) -> PyResult<Option<String>> {
        self.with_server(|s| {
            s.shared
                .release
                .lock()
                .ok()
                .and_then(|r| r.map(|r| r.to_string()))
        })
    }

    /// Changes the CER release the simulator plays; None serves every endpoint.
    #[pyo3(signature = (release))]
    fn set_release(&self, release: Option<&str>) -> PyResult<()> {
        let parsed = release
            .map(Release::parse)
            .transpose()
            .map_err(|e| PyValueError::new_err(e.message.clone()))?;
        self.with_server(|s| {
            if let Ok(mut current) = s.shared.release.lock() {
                *current = parsed;
            }
        })
    }

    /// Sets how many synthetic records the simulator serves, made on the fly from
    /// their number: ERLs after the stored ones, call records, and phones per list.
    /// Arguments left as None keep their current count.
    #[pyo3(signature = (*, erls=None, calls=None, tracked=None, non_tracked=None, unlocated=None, manual=None))]
    #[allow(clippy::too_many_arguments)]
    fn seed_synthetic(
        &self,
        erls: Option<usize>,
        calls: Option<usize>,
        tracked: Option<usize>,
        non_tracked: Option<usize>,
        unlocated: Option<usize>,
        manual: Option<usize>,
    ) -> PyResult<()> {
        self.with_server(|s| {
            let Ok(mut state) = s.shared.state.lock() else {
                return;
            };
            if let Some(n) = erls {
                state.synthetic_erls = n;
                state.erl_list_cache.clear();
            }
            if let Some(n) = calls {
                state.calls = n;
            }
            for (kind, count) in [
                (PhoneKind::Tracked, tracked),
                (PhoneKind::NonTracked, non_tracked),
                (PhoneKind::Unlocated, unlocated),
                (PhoneKind::Manual, manual),
            ] {
                if let Some(n) = count {
                    state.phones[kind.index()] = n;
                }
            }
        })
    }

    /// Restores the seeded data and clears injected faults and the request log.
    fn reset(&self) -> PyResult<()> {
        self.with_server(|s| s.shared.reset())
    }

    fn __repr__(&self) -> String {
        let url = self.url().unwrap_or_else(|_| "stopped".to_string());
        format!("<cerapi._native.Simulator {url}>")
    }
}
