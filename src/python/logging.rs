//! Bridges the core's `log` records to Python's `logging` under the `cerapi` logger.
//!
//! The bridge caches each logger's level, so that a disabled DEBUG record costs no
//! trip into Python. Each call into the native client compares the `cerapi`
//! logger's effective level with the one last seen and drops the cache when it
//! changed, so `logger.setLevel(...)` takes effect on the next call.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::OnceLock;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;

static RESET: OnceLock<pyo3_log::ResetHandle> = OnceLock::new();
static LAST_LEVEL: AtomicI64 = AtomicI64::new(-1);
static LOGGER: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Installs the bridge; records of other crates are dropped.
pub fn install(py: Python<'_>) -> PyResult<()> {
    let logger = pyo3_log::Logger::new(py, pyo3_log::Caching::LoggersAndLevels)?
        .filter(log::LevelFilter::Off)
        .filter_target("cerapi".to_string(), log::LevelFilter::Debug);
    // Another extension may have installed a logger first; cerapi then logs through it.
    if let Ok(handle) = logger.install() {
        let _ = RESET.set(handle);
    }
    Ok(())
}

/// Drops the cached levels when the `cerapi` logger's effective level changed.
pub fn refresh(py: Python<'_>) -> PyResult<()> {
    let logger = LOGGER.get_or_try_init(py, || {
        py.import("logging")?
            .call_method1("getLogger", ("cerapi",))
            .map(Bound::unbind)
    })?;
    let level: i64 = logger
        .bind(py)
        .call_method0("getEffectiveLevel")?
        .extract()?;
    if LAST_LEVEL.swap(level, Ordering::Relaxed) != level {
        if let Some(handle) = RESET.get() {
            handle.reset();
        }
    }
    Ok(())
}
