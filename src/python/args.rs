//! Reads the arguments of `Client.call(operation, args)` into a validated [`Operation`].

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyList, PyString, PyTuple};
use serde_json::Value;

use crate::api::erls::Lookup;
use crate::api::groups::{Change, Members};
use crate::api::raw::RawRequest;
use crate::api::v2::{Feed, PageRequest};
use crate::api::Operation;
use crate::config::Secret;
use crate::model::clusters::CucmCluster;
use crate::model::erls::ConventionalErl;
use crate::model::groups::GroupRequest;
use crate::model::roles::RoleRequest;
use crate::model::subnets::{Ipv6SubnetRequest, SubnetRequest};
use crate::model::users::{User, UserRequest};
use crate::python::errors::to_pyerr;

fn value<'py>(args: &Bound<'py, PyDict>, key: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
    Ok(args.get_item(key)?.filter(|v| !v.is_none()))
}

fn required_str(args: &Bound<'_, PyDict>, key: &str) -> PyResult<String> {
    match value(args, key)? {
        None => Err(PyValueError::new_err(format!("{key} is required"))),
        Some(v) => str_of(&v, key),
    }
}

fn optional_str(args: &Bound<'_, PyDict>, key: &str) -> PyResult<Option<String>> {
    value(args, key)?.map(|v| str_of(&v, key)).transpose()
}

fn str_of(value: &Bound<'_, PyAny>, key: &str) -> PyResult<String> {
    if !value.is_instance_of::<PyString>() {
        let type_name = value.get_type().name()?;
        return Err(PyTypeError::new_err(format!(
            "{key} must be a str, got {type_name}"
        )));
    }
    value.extract()
}

fn optional_bool(args: &Bound<'_, PyDict>, key: &str) -> PyResult<Option<bool>> {
    match value(args, key)? {
        None => Ok(None),
        Some(v) if v.is_instance_of::<PyBool>() => Ok(Some(v.extract()?)),
        Some(v) => {
            let type_name = v.get_type().name()?;
            Err(PyTypeError::new_err(format!(
                "{key} must be a bool, got {type_name}"
            )))
        }
    }
}

fn names(args: &Bound<'_, PyDict>, key: &str) -> PyResult<Vec<String>> {
    let Some(items) = value(args, key)? else {
        return Err(PyValueError::new_err(format!("{key} is required")));
    };
    if items.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "{key} must be a list of names, not a single str"
        )));
    }
    let mut out = Vec::new();
    for item in items.try_iter()? {
        out.push(str_of(&item?, &format!("each item of {key}"))?);
    }
    Ok(out)
}

fn user_request(py: Python<'_>, args: &Bound<'_, PyDict>, create: bool) -> PyResult<UserRequest> {
    let password = optional_str(args, "password")?;
    if create && password.is_none() {
        let mode = optional_str(args, "auth_mode")?.unwrap_or_default();
        if mode.is_empty() || mode.eq_ignore_ascii_case("local") {
            return Err(PyValueError::new_err(
                "password is required for a Local user",
            ));
        }
    }
    let request = UserRequest {
        user_name: required_str(args, "user_name")?,
        password: password.map(Secret::new),
        auth_mode: optional_str(args, "auth_mode")?,
        cucm_cluster: optional_str(args, "cucm_cluster")?,
        reset_on_logon: optional_bool(args, "reset_on_logon")?,
    };
    let request = request.validate().map_err(|e| to_pyerr(py, e))?;
    if !create {
        return Ok(request);
    }
    // A create sends all five documented fields, as Cisco's sample does.
    Ok(UserRequest {
        auth_mode: request.auth_mode.or(Some("Local".into())),
        cucm_cluster: request.cucm_cluster.or(Some(String::new())),
        reset_on_logon: request.reset_on_logon.or(Some(false)),
        ..request
    })
}

fn optional_names(args: &Bound<'_, PyDict>, key: &str) -> PyResult<Option<Vec<String>>> {
    match value(args, key)? {
        None => Ok(None),
        Some(_) => names(args, key).map(Some),
    }
}

fn role_request(py: Python<'_>, args: &Bound<'_, PyDict>) -> PyResult<RoleRequest> {
    RoleRequest::new(
        required_str(args, "name")?,
        optional_str(args, "description")?,
        optional_names(args, "permissions")?,
        optional_bool(args, "select_all")?.unwrap_or(false),
    )
    .map_err(|e| to_pyerr(py, e))
}

fn group_request(py: Python<'_>, args: &Bound<'_, PyDict>) -> PyResult<GroupRequest> {
    GroupRequest::new(
        required_str(args, "name")?,
        optional_str(args, "description")?,
        optional_names(args, "users")?,
        optional_names(args, "roles")?,
    )
    .map_err(|e| to_pyerr(py, e))
}

fn members_change(
    args: &Bound<'_, PyDict>,
    members: Members,
    change: Change,
) -> PyResult<Operation> {
    Ok(Operation::GroupsChangeMembers {
        name: required_str(args, "name")?,
        members,
        change,
        names: names(args, "names")?,
    })
}

fn cluster(py: Python<'_>, args: &Bound<'_, PyDict>) -> PyResult<CucmCluster> {
    let Some(cluster) = value(args, "cluster")? else {
        return Err(PyValueError::new_err("cluster is required"));
    };
    let type_name = cluster.get_type().name()?.to_string();
    if type_name != "CucmCluster" || !cluster.hasattr("to_dict")? {
        return Err(PyTypeError::new_err(format!(
            "cluster must be a cerapi.CucmCluster, got {type_name}"
        )));
    }
    let fields = cluster.call_method0("to_dict")?;
    // serde's message may quote the offending value, which can be a password, so it is not shown.
    let cluster: CucmCluster = pythonize::depythonize(&fields).map_err(|_| {
        PyTypeError::new_err(
            "cluster has a field of the wrong type: ports and number_of_teleports take int or None, \
             enabled and use_snmp_v3 take bool, and every other setting takes str",
        )
    })?;
    cluster.validate().map_err(|e| to_pyerr(py, e))
}

fn optional_int(args: &Bound<'_, PyDict>, key: &str) -> PyResult<Option<i64>> {
    match value(args, key)? {
        None => Ok(None),
        Some(v) if v.is_instance_of::<PyBool>() => Err(PyTypeError::new_err(format!(
            "{key} must be an int, got bool"
        ))),
        Some(v) => v.extract::<i64>().map(Some).map_err(|_| {
            let type_name = v
                .get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default();
            PyTypeError::new_err(format!("{key} must be an int, got {type_name}"))
        }),
    }
}

fn subnet_request(
    py: Python<'_>,
    args: &Bound<'_, PyDict>,
    needs_erl: bool,
) -> PyResult<SubnetRequest> {
    let erl_name = optional_str(args, "erl_name")?;
    if needs_erl && erl_name.is_none() {
        return Err(PyValueError::new_err("erl_name is required"));
    }
    SubnetRequest::new(
        &required_str(args, "subnet_id")?,
        &required_str(args, "subnet_mask")?,
        erl_name,
        optional_str(args, "location")?,
        optional_bool(args, "do_not_track")?,
    )
    .map_err(|e| to_pyerr(py, e))
}

fn ipv6_request(py: Python<'_>, args: &Bound<'_, PyDict>) -> PyResult<Ipv6SubnetRequest> {
    let prefix_length = optional_int(args, "prefix_length")?
        .ok_or_else(|| PyValueError::new_err("prefix_length is required"))?;
    Ipv6SubnetRequest::new(
        &required_str(args, "subnet_id")?,
        prefix_length,
        required_str(args, "erl_name")?,
        optional_str(args, "location")?,
        optional_bool(args, "do_not_track")?.unwrap_or(false),
    )
    .map_err(|e| to_pyerr(py, e))
}

fn page_request(py: Python<'_>, args: &Bound<'_, PyDict>) -> PyResult<PageRequest> {
    let feed = Feed::parse(&required_str(args, "feed")?).map_err(|e| to_pyerr(py, e))?;
    let filters = params_named(args, "filters")?;
    PageRequest::new(
        feed,
        optional_int(args, "offset")?.unwrap_or(0),
        optional_int(args, "limit")?,
        optional_str(args, "tracking_id")?,
        filters,
    )
    .map_err(|e| to_pyerr(py, e))
}

fn params(args: &Bound<'_, PyDict>) -> PyResult<Vec<(String, String)>> {
    params_named(args, "params")
}

fn params_named(args: &Bound<'_, PyDict>, key: &str) -> PyResult<Vec<(String, String)>> {
    let Some(params) = value(args, key)? else {
        return Ok(Vec::new());
    };
    let params = params
        .cast::<PyDict>()
        .map_err(|_| PyTypeError::new_err(format!("{key} must be a dict")))?;
    let mut out = Vec::new();
    for (key, item) in params.iter() {
        let name = str_of(&key, &format!("each key of {key}"))?;
        let text = if item.is_instance_of::<PyBool>() {
            if item.extract::<bool>()? {
                "true".to_string()
            } else {
                "false".to_string()
            }
        } else {
            item.str()?.to_string()
        };
        out.push((name, text));
    }
    Ok(out)
}

/// Converts a `body` argument: a dict, a list, or one of the dataclasses of `cerapi.models`.
fn body(py: Python<'_>, args: &Bound<'_, PyDict>) -> PyResult<(Option<Value>, Option<String>)> {
    let Some(body) = value(args, "body")? else {
        return Ok((None, None));
    };
    if body.is_instance_of::<PyDict>()
        || body.is_instance_of::<PyList>()
        || body.is_instance_of::<PyTuple>()
    {
        let tree: Value = pythonize::depythonize(&body).map_err(|e| {
            PyTypeError::new_err(format!("body cannot be sent as JSON or XML: {e}"))
        })?;
        return Ok((Some(tree), None));
    }
    let type_name = body.get_type().name()?.to_string();
    let is_model = body
        .get_type()
        .module()
        .map(|m| m == "cerapi.models")
        .unwrap_or(false);
    if is_model && type_name == "ConventionalErl" {
        let fields = body.call_method0("to_dict")?;
        let erl: ConventionalErl = pythonize::depythonize(&fields).map_err(|e| {
            PyValueError::new_err(format!("body is not a valid ConventionalErl: {e}"))
        })?;
        return Ok((Some(erl.to_wire()), Some("ConventionalERL".to_string())));
    }
    if is_model && type_name == "User" {
        let fields = body.call_method0("to_dict")?;
        let user: User = pythonize::depythonize(&fields)
            .map_err(|e| PyValueError::new_err(format!("body is not a valid User: {e}")))?;
        return Ok((Some(user.to_wire()), Some("user".to_string())));
    }
    let _ = py;
    Err(PyTypeError::new_err(format!(
        "body must be a dict or a cerapi model that can be sent, got {type_name}"
    )))
}

/// Reads the operation name and its arguments.
pub fn operation(py: Python<'_>, name: &str, args: &Bound<'_, PyDict>) -> PyResult<Operation> {
    let operation = match name {
        "users.list" => Operation::UsersList,
        "users.get" => Operation::UsersGet {
            name: required_str(args, "name")?,
        },
        "users.create" => Operation::UsersCreate(user_request(py, args, true)?),
        "users.update" => Operation::UsersUpdate(user_request(py, args, false)?),
        "users.delete" => Operation::UsersDelete {
            name: required_str(args, "name")?,
        },
        "users.delete_many" => Operation::UsersDeleteMany {
            names: names(args, "names")?,
        },
        "roles.list" => Operation::RolesList,
        "roles.get" => Operation::RolesGet {
            name: required_str(args, "name")?,
        },
        "roles.create" => Operation::RolesCreate(role_request(py, args)?),
        "roles.update" => Operation::RolesUpdate(role_request(py, args)?),
        "roles.delete" => Operation::RolesDelete {
            name: required_str(args, "name")?,
        },
        "roles.delete_many" => Operation::RolesDeleteMany {
            names: names(args, "names")?,
        },
        "groups.list" => Operation::GroupsList,
        "groups.get" => Operation::GroupsGet {
            name: required_str(args, "name")?,
        },
        "groups.create" => Operation::GroupsCreate(group_request(py, args)?),
        "groups.update" => Operation::GroupsUpdate(group_request(py, args)?),
        "groups.add_users" => members_change(args, Members::Users, Change::Add)?,
        "groups.remove_users" => members_change(args, Members::Users, Change::Remove)?,
        "groups.add_roles" => members_change(args, Members::Roles, Change::Add)?,
        "groups.remove_roles" => members_change(args, Members::Roles, Change::Remove)?,
        "groups.delete" => Operation::GroupsDelete {
            name: required_str(args, "name")?,
        },
        "groups.delete_many" => Operation::GroupsDeleteMany {
            names: names(args, "names")?,
        },
        "clusters.add" => Operation::ClustersAdd(Box::new(cluster(py, args)?)),
        "erls.list" => Operation::ErlsList,
        "erls.get" => Operation::ErlsGet {
            name: required_str(args, "name")?,
        },
        "erls.lookup" => {
            let table =
                Lookup::parse(&required_str(args, "table")?).map_err(|e| to_pyerr(py, e))?;
            Operation::ErlsLookup(table)
        }
        "access_points.list" => Operation::AccessPointsList,
        "access_points.get" => Operation::AccessPointsGet {
            name: required_str(args, "name")?,
        },
        "subnets.add" => {
            let subnet = subnet_request(py, args, true)?;
            subnet
                .require_network_address()
                .map_err(|e| to_pyerr(py, e))?;
            Operation::SubnetsAdd(subnet)
        }
        "subnets.update" => Operation::SubnetsUpdate(subnet_request(py, args, false)?),
        "subnets.delete" => Operation::SubnetsDelete(subnet_request(py, args, false)?),
        "subnets.add_ipv6" => {
            let subnet = ipv6_request(py, args)?;
            subnet
                .require_network_address()
                .map_err(|e| to_pyerr(py, e))?;
            Operation::SubnetsAddIpv6(subnet)
        }
        "subnets.list" => Operation::SubnetsList,
        "v2.page" => Operation::Page(page_request(py, args)?),
        "request" => {
            let (tree, default_root) = body(py, args)?;
            let xml_root = optional_str(args, "xml_root")?.or(default_root);
            let raw = RawRequest::new(
                &required_str(args, "method")?,
                &required_str(args, "path")?,
                params(args)?,
                tree,
                xml_root,
            )
            .map_err(|e| to_pyerr(py, e))?;
            Operation::Raw(raw)
        }
        other => {
            return Err(PyValueError::new_err(format!(
                "unknown operation {other:?}"
            )))
        }
    };
    Ok(operation)
}
