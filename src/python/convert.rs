//! Converts operation results into Python objects: the dataclasses of
//! `cerapi.models`, lists of them, or plain dicts for raw responses.

use pyo3::prelude::*;

use crate::api::raw::RawBody;
use crate::api::v2::PageOutput;
use crate::api::Output;
use crate::python::objects::Cache;

impl<'py> IntoPyObject<'py> for Output {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;

    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        // A large response makes hundreds of thousands of objects, each of which would
        // count towards a cyclic garbage collection that finds nothing to free: the
        // objects form no cycles. Collection is paused while they are built.
        if !self.is_large() {
            return self.convert(py);
        }
        let gc = py.import("gc")?;
        let was_enabled = gc.call_method0("isenabled")?.is_truthy()?;
        if was_enabled {
            gc.call_method0("disable")?;
        }
        let result = self.convert(py);
        if was_enabled {
            gc.call_method0("enable")?;
        }
        result
    }
}

/// Results with more records than this pause the cyclic garbage collector while
/// they are converted; smaller ones are not worth the two calls into `gc`.
const LARGE_RESULT: usize = 1000;

impl Output {
    fn is_large(&self) -> bool {
        match self {
            Output::Users(v) => v.len() > LARGE_RESULT,
            Output::Roles(v) => v.len() > LARGE_RESULT,
            Output::Groups(v) => v.len() > LARGE_RESULT,
            Output::Erls(v) => v.len() > LARGE_RESULT,
            Output::Subnets(v) => v.len() > LARGE_RESULT,
            Output::Page(PageOutput::Calls(p)) => p.records.len() > LARGE_RESULT,
            Output::Page(PageOutput::Phones(p)) => p.records.len() > LARGE_RESULT,
            Output::Raw(RawBody::Json(r)) => r.body.len() > 100_000,
            Output::Raw(RawBody::Tree(_)) => true,
            _ => false,
        }
    }
}

impl Output {
    fn convert<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let cache = Cache::new(py)?;
        match self {
            Output::Users(users) => cache.convert(&users),
            Output::User(user) => cache.convert(&user),
            Output::Roles(roles) => cache.convert(&roles),
            Output::Role(role) => cache.convert(&role),
            Output::Groups(groups) => cache.convert(&groups),
            Output::Group(group) => cache.convert(&group),
            Output::Erls(erls) => cache.convert(&erls),
            Output::Erl(erl) => cache.convert(&*erl),
            Output::Lookups(entries) => cache.convert(&entries),
            Output::AccessPoints(points) => cache.convert(&points),
            Output::AccessPoint(point) => cache.convert(&point),
            Output::Subnets(subnets) => cache.convert(&subnets),
            Output::Page(PageOutput::Calls(page)) => cache.convert(&page),
            Output::Page(PageOutput::Phones(page)) => cache.convert(&page),
            Output::Write(result) => cache.convert(&result),
            Output::Item(item) => cache.convert(&item),
            Output::Bulk(result) => cache.convert(&result),
            Output::Raw(RawBody::Tree(value)) => cache.convert(&value),
            Output::Raw(RawBody::Json(response)) => {
                cache.convert_json(&response.body).map_err(|detail| {
                    crate::python::errors::to_pyerr(py, response.decode_error(detail))
                })
            }
        }
    }
}
