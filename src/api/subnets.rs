//! IP subnets: `/ipsubnetphone` (CER 14SU3), `v1/ipsubnet` and `v1/ipsubnetv6` (15SU1).
//!
//! Only the IPv4 add is published whole. Update and delete send the add's fields
//! under roots named by analogy with it, and the IPv6 add follows the IPv4 one.

use reqwest::Method;
use serde_json::{Map, Value};

use super::{decode_response, encode_body, write_result};
use crate::error::Result;
use crate::model::results::WriteResult;
use crate::model::subnets::{subnets_from_wire, Ipv6SubnetRequest, Subnet, SubnetRequest};
use crate::release::Release;
use crate::transport::{Request, Transport};

async fn send(
    transport: &Transport,
    method: Method,
    path: &str,
    root: &str,
    body: &Value,
    added_in: Release,
) -> Result<WriteResult> {
    let bytes = encode_body(transport, root, body);
    let request = Request::new(method, path).body(bytes).added_in(added_in);
    let response = transport.send(request).await?;
    write_result(transport, &response)
}

pub async fn add(transport: &Transport, subnet: &SubnetRequest) -> Result<WriteResult> {
    send(
        transport,
        Method::POST,
        "ipsubnetphone",
        "addIPSubnetPhoneRequest",
        &subnet.to_wire(),
        Release::R14SU3,
    )
    .await
}

/// NOTE: the update body is not published; it is the add's body under `updateIPSubnetPhoneRequest`.
pub async fn update(transport: &Transport, subnet: &SubnetRequest) -> Result<WriteResult> {
    send(
        transport,
        Method::PUT,
        "ipsubnetphone",
        "updateIPSubnetPhoneRequest",
        &subnet.to_wire(),
        Release::R14SU3,
    )
    .await
}

/// NOTE: the delete body is not published; it names the subnet by `SUBNETID` and
/// `SUBNETMASK` under `deleteIPSubnetPhoneRequest`.
pub async fn delete(transport: &Transport, subnet: &SubnetRequest) -> Result<WriteResult> {
    let mut key = Map::new();
    key.insert(
        "SUBNETID".into(),
        Value::String(subnet.subnet_id.to_string()),
    );
    key.insert(
        "SUBNETMASK".into(),
        Value::String(subnet.subnet_mask.to_string()),
    );
    send(
        transport,
        Method::DELETE,
        "ipsubnetphone",
        "deleteIPSubnetPhoneRequest",
        &Value::Object(key),
        Release::R14SU3,
    )
    .await
}

/// NOTE: the IPv6 body and root are not published; see [`Ipv6SubnetRequest::to_wire`].
pub async fn add_ipv6(transport: &Transport, subnet: &Ipv6SubnetRequest) -> Result<WriteResult> {
    send(
        transport,
        Method::POST,
        "v1/ipsubnetv6",
        "addIPSubnetV6Request",
        &subnet.to_wire(),
        Release::R15SU1,
    )
    .await
}

pub async fn list(transport: &Transport) -> Result<Vec<Subnet>> {
    let request = Request::new(Method::GET, "v1/ipsubnet").added_in(Release::R15SU1);
    let response = transport.send(request).await?;
    let value = decode_response(transport, &response)?;
    subnets_from_wire(&value).map_err(|e| response.decode_error(e))
}
