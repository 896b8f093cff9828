//! The native `Client`: settings, connection pool, and the sync and async entry points.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict};

use crate::api::{self, Output};
use crate::config::{Config, Verify};
use crate::error::Error;
use crate::python::args;
use crate::python::errors::{to_pyerr, to_pyerr_detached};
use crate::transport::async_runtime::CerRuntime;
use crate::transport::retry::RetryPolicy;
use crate::transport::sync_runtime;
use crate::transport::Transport;

/// How often a blocking call wakes up to let Python handle signals such as Ctrl-C.
const SIGNAL_CHECK_INTERVAL: Duration = Duration::from_millis(100);

#[pyclass(frozen, module = "cerapi._native")]
pub struct Client {
    transport: Arc<Transport>,
}

fn parse_verify(verify: &Bound<'_, PyAny>) -> PyResult<Verify> {
    if verify.is_instance_of::<PyBool>() {
        return Ok(if verify.extract::<bool>()? {
            Verify::System
        } else {
            Verify::Off
        });
    }
    match verify.extract::<std::path::PathBuf>() {
        Ok(path) => Ok(Verify::CaFile(path)),
        Err(_) => Err(PyTypeError::new_err(
            "verify must be True, False or the path of a CA bundle in PEM format",
        )),
    }
}

/// Runs a future on the calling thread's runtime, waking every 100 ms to run
/// Python's signal handlers so that Ctrl-C interrupts a blocking call.
fn block_on<F>(future: F) -> PyResult<std::result::Result<Output, Error>>
where
    F: Future<Output = std::result::Result<Output, Error>>,
{
    sync_runtime::block_on(async move {
        tokio::pin!(future);
        loop {
            match tokio::time::timeout(SIGNAL_CHECK_INTERVAL, &mut future).await {
                Ok(result) => return Ok(result),
                Err(_) => Python::attach(|py| py.check_signals())?,
            }
        }
    })
    .map_err(to_pyerr_detached)?
}

#[pymethods]
impl Client {
    #[new]
    #[pyo3(signature = (base_url, username, password, *, verify=None, connect_timeout=10.0, read_timeout=60.0, max_concurrency=8, format="json", release=None, retries=2, backoff=0.5, max_backoff=8.0, retry_statuses=None, retry_writes=false, max_response_bytes=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        base_url: &str,
        username: &str,
        password: String,
        verify: Option<&Bound<'_, PyAny>>,
        connect_timeout: f64,
        read_timeout: f64,
        max_concurrency: usize,
        format: &str,
        release: Option<&str>,
        retries: u32,
        backoff: f64,
        max_backoff: f64,
        retry_statuses: Option<Vec<u16>>,
        retry_writes: bool,
        max_response_bytes: Option<u64>,
    ) -> PyResult<Self> {
        for (name, seconds) in [("backoff", backoff), ("max_backoff", max_backoff)] {
            if !seconds.is_finite() || seconds < 0.0 {
                return Err(PyValueError::new_err(format!(
                    "{name} must be a non-negative number of seconds, got {seconds}"
                )));
            }
        }
        if max_response_bytes == Some(0) {
            return Err(PyValueError::new_err(
                "max_response_bytes must be at least 1",
            ));
        }
        crate::python::logging::refresh(py)?;
        let verify = match verify {
            None => Verify::System,
            Some(v) => parse_verify(v)?,
        };
        let config = Config::new(
            base_url,
            username,
            password,
            verify,
            connect_timeout,
            read_timeout,
            max_concurrency,
            format,
            release,
        )
        .map_err(|e| to_pyerr(py, e))?;
        let mut config = config;
        config.retry = RetryPolicy {
            retries,
            backoff,
            max_backoff,
            statuses: retry_statuses.unwrap_or_else(|| RetryPolicy::default().statuses),
            retry_writes,
        };
        if let Some(limit) = max_response_bytes {
            config.max_response_bytes = limit;
        }
        let transport = Transport::new(config).map_err(|e| to_pyerr(py, e))?;
        Ok(Client {
            transport: Arc::new(transport),
        })
    }

    #[getter]
    fn base_url(&self) -> String {
        self.transport
            .config
            .base_url
            .as_str()
            .trim_end_matches('/')
            .to_string()
    }

    #[getter]
    fn username(&self) -> String {
        self.transport.config.username.clone()
    }

    #[getter]
    fn format(&self) -> &'static str {
        self.transport.config.format.name()
    }

    #[getter]
    fn release(&self) -> Option<String> {
        self.transport.config.release.map(|r| r.to_string())
    }

    #[getter]
    fn closed(&self) -> bool {
        self.transport.is_closed()
    }

    /// Runs one operation, blocking with the GIL released.
    fn call(
        &self,
        py: Python<'_>,
        operation: &str,
        args: &Bound<'_, PyDict>,
    ) -> PyResult<Py<PyAny>> {
        crate::python::logging::refresh(py)?;
        let operation = args::operation(py, operation, args)?;
        let transport = self.transport.clone();
        let result = py.detach(|| block_on(api::execute(transport, operation)))?;
        match result {
            Ok(output) => Ok(output.into_pyobject(py)?.unbind()),
            Err(e) => Err(to_pyerr(py, e)),
        }
    }

    /// Starts one operation and returns an awaitable bound to the running asyncio loop.
    fn call_async<'py>(
        &self,
        py: Python<'py>,
        operation: &str,
        args: &Bound<'py, PyDict>,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::python::logging::refresh(py)?;
        let operation = args::operation(py, operation, args)?;
        let transport = self.transport.clone();
        let (event_loop, bridge) = crate::python::bridge::running_bridge(py)?;
        if let Some(bridge) = bridge {
            let task = async move { api::execute(transport, operation).await };
            return crate::python::bridge::submit(py, &event_loop, &bridge, task);
        }
        pyo3_async_runtimes::generic::future_into_py::<CerRuntime, _, _>(py, async move {
            api::execute(transport, operation)
                .await
                .map_err(to_pyerr_detached)
        })
    }

    /// Closes the connection pool. Later calls raise `ClientClosedError`.
    fn close(&self) {
        self.transport.close();
    }

    fn __repr__(&self) -> String {
        format!(
            "<cerapi._native.Client {} user={:?}>",
            self.base_url(),
            self.transport.config.username
        )
    }
}
