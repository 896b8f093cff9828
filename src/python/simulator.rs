//! The native `Simulator`: starts and stops the in-process CER on 127.0.0.1.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;

use crate::release::Release;
use crate::simulator::synthetic::PhoneKind;
use crate::simulator::{Fault, Server};

#[pyclass(module = "cerapi._native")]
pub struct Simulator {
    accounts: BTreeMap<String, String>,
    tls: bool,
    port: u16,
    seed: bool,
    release: Option<Release>,
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
    #[pyo3(signature = (*, accounts=None, tls=false, port=0, seed=true, release=None))]
    fn new(
        accounts: Option<BTreeMap<String, String>>,
        tls: bool,
        port: u16,
        seed: bool,
        release: Option<&str>,
    ) -> PyResult<Self> {
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
        let (accounts, tls, port, seed, release) = (
            self.accounts.clone(),
            self.tls,
            self.port,
            self.seed,
            self.release,
        );
        let server = py
            .detach(|| Server::start(accounts, tls, port, seed, release))
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

    /// Delays or replaces the answers to the next `times` requests matching method and path.
    #[pyo3(signature = (method, path, *, delay=0.0, status=None, body=None, content_type=None, times=1))]
    #[allow(clippy::too_many_arguments)]
    fn inject(
        &self,
        method: &str,
        path: &str,
        delay: f64,
        status: Option<u16>,
        body: Option<String>,
        content_type: Option<String>,
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
        let fault = Fault {
            method: method.to_ascii_uppercase(),
            path: path.to_string(),
            delay: Duration::from_secs_f64(delay),
            status,
            body,
            content_type,
            remaining: times,
        };
        self.with_server(|s| s.shared.add_fault(fault))
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
