//! `/cerl` and its lookups, and `/accesspoints`.

use reqwest::Method;

use super::named;
use super::{decode_response, require_name};
use crate::error::{Error, ErrorKind, Result};
use crate::model::erls::{
    access_points_from_wire, erls_from_wire, lookups_from_wire, AccessPoint, ConventionalErl,
    LookupEntry,
};
use crate::model::fast_json;
use crate::transport::{Request, Transport};
use crate::wire::Format;

pub async fn list(transport: &Transport) -> Result<Vec<ConventionalErl>> {
    let response = transport.send(Request::new(Method::GET, "cerl")).await?;
    let json =
        Format::detect(response.content_type.as_deref(), &response.body) == Some(Format::Json);
    if json {
        if let Some(erls) = fast_json::erls_from_json(&response.body) {
            return Ok(erls);
        }
    }
    let value = decode_response(transport, &response)?;
    erls_from_wire(&value).map_err(|e| response.decode_error(e))
}

/// Finds one ERL. `GET /cerl` has no documented filter, so this reads the whole
/// list and picks the ERL by exact name, then by name in any case.
pub async fn get(transport: &Transport, name: &str) -> Result<ConventionalErl> {
    let name = require_name("name", name)?;
    let erls = list(transport).await?;
    named::pick(erls, &name, |e| &e.erl_name).ok_or_else(|| {
        Error::new(
            ErrorKind::NotFound,
            format!("CER has no conventional ERL named {name:?}"),
        )
        .with_request("GET", "/cerappservices/service/cerl")
    })
}

/// The lookup tables under `/cerl`, seen on CER 15.0.1 but not in Cisco's reference.
#[derive(Clone, Copy, Debug)]
pub enum Lookup {
    ClassOfService,
    TypeOfService,
    TimeZone,
}

impl Lookup {
    pub fn parse(name: &str) -> Result<Self> {
        match name {
            "cos" => Ok(Lookup::ClassOfService),
            "tos" => Ok(Lookup::TypeOfService),
            "timezone" => Ok(Lookup::TimeZone),
            other => Err(Error::invalid(format!(
                "unknown ERL lookup {other:?}: use cos, tos or timezone"
            ))),
        }
    }

    fn path(self) -> &'static str {
        match self {
            Lookup::ClassOfService => "cerl/cos",
            Lookup::TypeOfService => "cerl/tos",
            Lookup::TimeZone => "cerl/timezone",
        }
    }
}

pub async fn lookup(transport: &Transport, table: Lookup) -> Result<Vec<LookupEntry>> {
    let response = transport
        .send(Request::new(Method::GET, table.path()))
        .await?;
    let value = decode_response(transport, &response)?;
    Ok(lookups_from_wire(&value))
}

pub async fn access_points(transport: &Transport) -> Result<Vec<AccessPoint>> {
    let response = transport
        .send(Request::new(Method::GET, "accesspoints"))
        .await?;
    let value = decode_response(transport, &response)?;
    Ok(access_points_from_wire(&value))
}

pub async fn access_point(transport: &Transport, name: &str) -> Result<AccessPoint> {
    let name = require_name("name", name)?;
    let request = Request::new(Method::GET, "accesspoints").query("apname", &name);
    let response = transport.send(request).await?;
    let value = decode_response(transport, &response)?;
    let points = access_points_from_wire(&value);
    named::pick(points, &name, |p| &p.ap_name)
        .ok_or_else(|| named::not_found("access point", &name, &response))
}
