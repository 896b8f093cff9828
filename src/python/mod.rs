//! pyo3 glue: the native `Client` and `Simulator` classes, conversion of results
//! into the dataclasses of `cerapi.models`, and of errors into `cerapi.errors`.

pub mod args;
pub mod bridge;
pub mod client;
pub mod convert;
pub mod errors;
pub mod logging;
pub mod objects;
pub mod simulator;
