//! Builds the dataclasses of `cerapi.models` from results.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde::Serialize;

use crate::api::Output;
use crate::model::results::BulkResult;

/// Calls `cerapi.models.<class>(**fields)` with the snake_case fields of `value`.
pub fn model<'py, T: Serialize>(
    py: Python<'py>,
    class: &str,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let fields = pythonize::pythonize(py, value)?;
    let fields = fields.cast_into::<PyDict>()?;
    let class = py.import("cerapi.models")?.getattr(class)?;
    class.call((), Some(&fields))
}

fn model_list<'py, T: Serialize>(
    py: Python<'py>,
    class: &str,
    values: &[T],
) -> PyResult<Bound<'py, PyAny>> {
    let list = PyList::empty(py);
    for value in values {
        list.append(model(py, class, value)?)?;
    }
    Ok(list.into_any())
}

fn bulk<'py>(py: Python<'py>, result: &BulkResult) -> PyResult<Bound<'py, PyAny>> {
    let items = PyList::empty(py);
    for item in &result.items {
        items.append(model(py, "ItemResult", item)?)?;
    }
    let kwargs = PyDict::new(py);
    kwargs.set_item("status", &result.status)?;
    kwargs.set_item("items", items)?;
    py.import("cerapi.models")?
        .getattr("BulkResult")?
        .call((), Some(&kwargs))
}

impl<'py> IntoPyObject<'py> for Output {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;

    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Output::Users(users) => model_list(py, "User", &users),
            Output::User(user) => model(py, "User", &user),
            Output::Roles(roles) => model_list(py, "Role", &roles),
            Output::Role(role) => model(py, "Role", &role),
            Output::Groups(groups) => model_list(py, "UserGroup", &groups),
            Output::Group(group) => model(py, "UserGroup", &group),
            Output::Write(result) => model(py, "WriteResult", &result),
            Output::Item(item) => model(py, "ItemResult", &item),
            Output::Bulk(result) => bulk(py, &result),
            Output::Raw(value) => Ok(pythonize::pythonize(py, &value)?),
        }
    }
}
