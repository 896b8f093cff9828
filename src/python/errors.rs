//! Raises the exception classes of `cerapi.errors` from the core's errors.

use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::error::{Error, ErrorKind};

fn class_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Authentication => "AuthenticationError",
        ErrorKind::AccountLocked => "AccountLockedError",
        ErrorKind::PermissionDenied => "PermissionDeniedError",
        ErrorKind::NotFound => "NotFoundError",
        ErrorKind::UnsupportedEndpoint => "UnsupportedEndpointError",
        ErrorKind::BadRequest => "BadRequestError",
        ErrorKind::Server => "ServerError",
        ErrorKind::Timeout => "RequestTimeoutError",
        ErrorKind::Connect => "ConnectError",
        ErrorKind::Tls => "TlsError",
        ErrorKind::Decode => "DecodeError",
        ErrorKind::OperationFailed => "OperationFailedError",
        ErrorKind::Closed => "ClientClosedError",
        ErrorKind::InvalidArgument | ErrorKind::InvalidType | ErrorKind::Other => "CerError",
    }
}

/// Converts a core error into the matching Python exception.
pub fn to_pyerr(py: Python<'_>, error: Error) -> PyErr {
    match error.kind {
        ErrorKind::InvalidArgument => return PyValueError::new_err(error.message.clone()),
        ErrorKind::InvalidType => return PyTypeError::new_err(error.message.clone()),
        _ => {}
    }
    build(py, &error).unwrap_or_else(|e| {
        PyRuntimeError::new_err(format!(
            "{} (and cerapi.errors could not be loaded: {e})",
            error.message
        ))
    })
}

fn build(py: Python<'_>, error: &Error) -> PyResult<PyErr> {
    let class = py
        .import("cerapi.errors")?
        .getattr(class_name(error.kind))?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("method", error.method.as_deref())?;
    kwargs.set_item("path", error.path.as_deref())?;
    kwargs.set_item("status", error.status)?;
    kwargs.set_item("cer_status", error.cer_status.as_deref())?;
    kwargs.set_item("body", error.body.as_deref())?;
    kwargs.set_item("tracking_id", error.tracking_id.as_deref())?;
    let instance = class.call((error.message.as_str(),), Some(&kwargs))?;
    Ok(PyErr::from_value(instance))
}

/// Converts a core error while the GIL is not held.
pub fn to_pyerr_detached(error: Error) -> PyErr {
    Python::attach(|py| to_pyerr(py, error))
}
