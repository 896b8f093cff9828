//! Rust core of cerapi, a client for the Cisco Emergency Responder (CER) APIs.
//! The Python package `cerapi` wraps the `cerapi._native` module built from here.

pub mod api;
pub mod config;
pub mod error;
pub mod model;
pub mod python;
pub mod release;
pub mod simulator;
pub mod transport;
pub mod wire;

use pyo3::prelude::*;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    python::logging::install(m.py())?;

    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    let permissions: Vec<&str> = model::permissions::PERMISSIONS
        .iter()
        .map(|p| p.name)
        .collect();
    m.add("PERMISSIONS", permissions)?;
    let flags: Vec<(&str, &str)> = model::permissions::PERMISSIONS
        .iter()
        .map(|p| (p.flag, p.name))
        .collect();
    m.add("PERMISSION_FLAGS", flags)?;
    m.add_class::<python::client::Client>()?;
    m.add_class::<python::simulator::Simulator>()?;
    Ok(())
}
