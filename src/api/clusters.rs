//! `/cluster`: add a CUCM cluster.
//!
//! Cisco documents only the add operation. Listing, updating and deleting clusters
//! have no published path, so they have no typed method; `client.request(...)`
//! reaches them on a CER that has them.

use reqwest::Method;

use super::{encode_body, write_result};
use crate::error::Result;
use crate::model::clusters::CucmCluster;
use crate::model::results::WriteResult;
use crate::transport::{Request, Transport};

pub async fn add(transport: &Transport, cluster: &CucmCluster) -> Result<WriteResult> {
    let body = encode_body(transport, "insertCCMClusterRequest", &cluster.to_wire());
    let response = transport
        .send(Request::new(Method::POST, "cluster").body(body))
        .await?;
    write_result(transport, &response)
}
