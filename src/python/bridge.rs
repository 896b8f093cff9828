//! Hands finished async calls to their asyncio loop in batches.
//!
//! A finished call does not take the GIL on cerapi's I/O thread. It queues its
//! result and, when the queue was empty, writes one byte to a socket pair that
//! the loop watches with `add_reader`. The loop's thread then drains the queue:
//! it builds the Python results there and completes the futures, one wake-up for
//! every call that finished meanwhile.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::sync::{Arc, Mutex, MutexGuard};

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;

use crate::api::Output;
use crate::error::Error;
use crate::python::errors::to_pyerr;

type Finished = (u64, std::result::Result<Output, Error>);

/// The finished calls of one loop, and the socket that wakes it.
pub struct Queue {
    finished: Mutex<Vec<Finished>>,
    wake: UnixStream,
    wake_reader: UnixStream,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Queue {
    /// Queues a result; wakes the loop when the queue was empty.
    pub fn push(&self, token: u64, result: std::result::Result<Output, Error>) {
        let mut finished = lock(&self.finished);
        let was_empty = finished.is_empty();
        finished.push((token, result));
        drop(finished);
        if was_empty {
            // A full socket buffer already contains a pending wake-up, so a failed write loses nothing.
            let _ = (&self.wake).write(&[1]);
        }
    }
}

/// The bridge of one asyncio loop: its queue and the futures still waiting.
#[pyclass(module = "cerapi._native")]
pub struct LoopBridge {
    queue: Arc<Queue>,
    futures: Mutex<HashMap<u64, (Py<PyAny>, tokio::task::AbortHandle)>>,
    next_token: std::sync::atomic::AtomicU64,
}

#[pymethods]
impl LoopBridge {
    /// Completes the futures of the calls that finished; the loop calls it when woken.
    fn drain(&self, py: Python<'_>) -> PyResult<()> {
        let mut buffer = [0u8; 256];
        while let Ok(n) = (&self.queue.wake_reader).read(&mut buffer) {
            if n < buffer.len() {
                break;
            }
        }
        let finished = std::mem::take(&mut *lock(&self.queue.finished));
        for (token, result) in finished {
            let Some((future, _)) = lock(&self.futures).remove(&token) else {
                continue;
            };
            let future = future.bind(py);
            if future.call_method0("done")?.is_truthy()? {
                continue;
            }
            match result {
                Ok(output) => match output.into_pyobject(py) {
                    Ok(value) => future.call_method1("set_result", (value,))?,
                    Err(error) => future.call_method1("set_exception", (error.value(py),))?,
                },
                Err(error) => {
                    future.call_method1("set_exception", (to_pyerr(py, error).value(py),))?
                }
            };
        }
        Ok(())
    }
}

/// The done callback of one future: aborts its call when the future was cancelled.
#[pyclass(module = "cerapi._native")]
pub struct CancelHook {
    bridge: Py<LoopBridge>,
    token: u64,
}

#[pymethods]
impl CancelHook {
    fn __call__(&self, py: Python<'_>, future: &Bound<'_, PyAny>) -> PyResult<()> {
        if !future.call_method0("cancelled")?.is_truthy()? {
            return Ok(());
        }
        let bridge = self.bridge.borrow(py);
        if let Some((_, abort)) = lock(&bridge.futures).remove(&self.token) {
            abort.abort();
        }
        Ok(())
    }
}

/// Bridges by loop, held weakly: a closed and collected loop drops its bridge.
static BRIDGES: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Returns the running loop's bridge, making it and registering its reader on first use.
fn bridge_for<'py>(
    py: Python<'py>,
    event_loop: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, LoopBridge>> {
    let bridges = BRIDGES.get_or_try_init(py, || {
        py.import("weakref")?
            .getattr("WeakKeyDictionary")?
            .call0()
            .map(Bound::unbind)
    })?;
    let bridges = bridges.bind(py);
    if let Ok(found) = bridges
        .call_method1("get", (event_loop,))?
        .cast_into::<LoopBridge>()
    {
        return Ok(found);
    }
    let (wake, wake_reader) = UnixStream::pair().map_err(|e| {
        pyo3::exceptions::PyOSError::new_err(format!("cannot make the async wake-up socket: {e}"))
    })?;
    wake.set_nonblocking(true)?;
    wake_reader.set_nonblocking(true)?;
    let fd = wake_reader.as_raw_fd();
    let bridge = Bound::new(
        py,
        LoopBridge {
            queue: Arc::new(Queue {
                finished: Mutex::new(Vec::new()),
                wake,
                wake_reader,
            }),
            futures: Mutex::new(HashMap::new()),
            next_token: std::sync::atomic::AtomicU64::new(0),
        },
    )?;
    event_loop.call_method1("add_reader", (fd, bridge.getattr("drain")?))?;
    bridges.set_item(event_loop, &bridge)?;
    Ok(bridge)
}

/// Returns the running loop and its bridge, or no bridge when the loop cannot
/// watch a socket (`add_reader` is missing on Windows' proactor loop) or cannot be
/// held weakly; such loops take the generic path. Without a running loop this
/// raises `RuntimeError`, as `asyncio.get_running_loop` does.
pub fn running_bridge<'py>(
    py: Python<'py>,
) -> PyResult<(Bound<'py, PyAny>, Option<Bound<'py, LoopBridge>>)> {
    static GET_RUNNING_LOOP: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let get_running_loop = GET_RUNNING_LOOP.get_or_try_init(py, || {
        py.import("asyncio")?
            .getattr("get_running_loop")
            .map(Bound::unbind)
    })?;
    let event_loop = get_running_loop.bind(py).call0()?;
    match bridge_for(py, &event_loop) {
        Ok(bridge) => Ok((event_loop, Some(bridge))),
        Err(e)
            if e.is_instance_of::<pyo3::exceptions::PyNotImplementedError>(py)
                || e.is_instance_of::<pyo3::exceptions::PyTypeError>(py) =>
        {
            Ok((event_loop, None))
        }
        Err(e) => Err(e),
    }
}

/// Starts `task` and returns the asyncio future of its result, completed by `bridge`.
pub fn submit<'py, F>(
    py: Python<'py>,
    event_loop: &Bound<'py, PyAny>,
    bridge: &Bound<'py, LoopBridge>,
    task: F,
) -> PyResult<Bound<'py, PyAny>>
where
    F: std::future::Future<Output = std::result::Result<Output, Error>> + Send + 'static,
{
    let future = event_loop.call_method0("create_future")?;
    let bridge_ref = bridge.borrow();
    let token = bridge_ref
        .next_token
        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let queue = bridge_ref.queue.clone();
    let runtime =
        crate::transport::runtime::runtime().map_err(crate::python::errors::to_pyerr_detached)?;
    let handle = runtime.spawn(async move {
        let result = task.await;
        queue.push(token, result);
    });
    lock(&bridge_ref.futures).insert(token, (future.clone().unbind(), handle.abort_handle()));
    drop(bridge_ref);
    let hook = Bound::new(
        py,
        CancelHook {
            bridge: bridge.clone().unbind(),
            token,
        },
    )?;
    future.call_method1("add_done_callback", (hook,))?;
    Ok(future)
}
