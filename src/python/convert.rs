//! Builds the dataclasses of `cerapi.models` from results.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde::Serialize;

use crate::api::v2::PageOutput;
use crate::api::Output;
use crate::model::erls::ConventionalErl;
use crate::model::results::BulkResult;
use crate::model::v2::Page;

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

fn class<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("cerapi.models")?.getattr(name)
}

/// Builds a `ConventionalErl` with its nested `AliDetails` and `ElinMapping` objects.
fn erl<'py>(py: Python<'py>, value: &ConventionalErl) -> PyResult<Bound<'py, PyAny>> {
    let fields = pythonize::pythonize(py, value)?.cast_into::<PyDict>()?;
    let ali = pythonize::pythonize(py, &value.ali.fields)?.cast_into::<PyDict>()?;
    fields.set_item("ali", class(py, "AliDetails")?.call((), Some(&ali))?)?;
    let elins = PyList::empty(py);
    for mapping in &value.elins {
        elins.append(model(py, "ElinMapping", mapping)?)?;
    }
    fields.set_item("elins", elins)?;
    class(py, "ConventionalErl")?.call((), Some(&fields))
}

fn page<'py, T: Serialize>(
    py: Python<'py>,
    record_class: &str,
    page: &Page<T>,
) -> PyResult<Bound<'py, PyAny>> {
    let kwargs = PyDict::new(py);
    kwargs.set_item("records", model_list(py, record_class, &page.records)?)?;
    kwargs.set_item("offset", page.offset)?;
    kwargs.set_item("limit", page.limit)?;
    kwargs.set_item("tracking_id", &page.tracking_id)?;
    kwargs.set_item("message", page.message.as_deref())?;
    class(py, "Page")?.call((), Some(&kwargs))
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
            Output::Erls(erls) => {
                let list = PyList::empty(py);
                for value in &erls {
                    list.append(erl(py, value)?)?;
                }
                Ok(list.into_any())
            }
            Output::Erl(value) => erl(py, &value),
            Output::Lookups(entries) => model_list(py, "LookupEntry", &entries),
            Output::AccessPoints(points) => model_list(py, "AccessPoint", &points),
            Output::AccessPoint(point) => model(py, "AccessPoint", &point),
            Output::Subnets(subnets) => model_list(py, "Subnet", &subnets),
            Output::Page(PageOutput::Calls(calls)) => page(py, "CallRecord", &calls),
            Output::Page(PageOutput::Phones(phones)) => page(py, "Phone", &phones),
            Output::Write(result) => model(py, "WriteResult", &result),
            Output::Item(item) => model(py, "ItemResult", &item),
            Output::Bulk(result) => bulk(py, &result),
            Output::Raw(value) => Ok(pythonize::pythonize(py, &value)?),
        }
    }
}
