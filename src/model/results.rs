//! Results of writes and bulk operations, shared by every resource family.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::expect_object;
use crate::wire::quirks;

/// CER's response to a create or update: status text, id and links.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WriteResult {
    pub status: String,
    pub pkid: Option<String>,
    pub message: Option<String>,
    pub links: Vec<String>,
    pub extra: Map<String, Value>,
}

impl WriteResult {
    pub fn from_wire(value: &Value) -> Result<Self, String> {
        let object = expect_object(value, "the response")?;
        Ok(WriteResult {
            status: quirks::text(object.get("status")).unwrap_or_default(),
            // The group create response spells it `pkid`, every other one `pKid`.
            pkid: quirks::non_empty_text(object.get("pKid").or_else(|| object.get("pkid"))),
            message: quirks::non_empty_text(object.get("message")),
            links: quirks::links(object.get("links")),
            extra: quirks::extra(object, &["status", "pKid", "pkid", "message", "links"]),
        })
    }
}

/// The outcome of one name in a bulk operation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemResult {
    pub name: String,
    pub ok: bool,
    pub status: String,
    pub message: String,
}

/// The outcome of a bulk operation: CER's overall status and one item per name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BulkResult {
    pub status: String,
    pub items: Vec<ItemResult>,
}

/// Where a bulk response keeps its items, such as `users` / `user` / `name`.
pub struct BulkShape {
    pub wrapper: &'static str,
    pub item: &'static str,
    pub name_key: &'static str,
}

impl BulkResult {
    /// Reads a bulk response and reports every requested name exactly once.
    ///
    /// CER matches names case-insensitively (it responded `AdMiN` for the standard
    /// `admin`), so items are matched to requested names the same way. A requested
    /// name that CER did not mention is reported as failed, so nothing is lost.
    pub fn from_wire(
        value: &Value,
        shape: &BulkShape,
        requested: &[String],
    ) -> Result<Self, String> {
        let object = expect_object(value, "the response")?;
        let status = quirks::text(object.get("status")).unwrap_or_default();

        let mut reported = Vec::new();
        for item in quirks::wrapped(object.get(shape.wrapper), shape.item) {
            let item = expect_object(item, "a bulk result item")?;
            let item_status = quirks::text(item.get("status")).unwrap_or_default();
            reported.push(ItemResult {
                name: quirks::text(item.get(shape.name_key)).unwrap_or_default(),
                ok: !quirks::status_is(&item_status, &["fail", "error"]),
                status: item_status.trim().to_string(),
                message: quirks::text(item.get("message"))
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
            });
        }

        let mut items = Vec::with_capacity(requested.len().max(reported.len()));
        for name in requested {
            let found = reported.iter().position(|r| r.name == *name).or_else(|| {
                reported
                    .iter()
                    .position(|r| r.name.eq_ignore_ascii_case(name))
            });
            match found {
                Some(index) => {
                    let mut item = reported.remove(index);
                    item.name = name.clone();
                    items.push(item);
                }
                None => items.push(ItemResult {
                    name: name.clone(),
                    ok: false,
                    status: String::new(),
                    message: "CER did not report an outcome for this name".to_string(),
                }),
            }
        }
        // Items CER reported for names that were not requested are kept as sent.
        items.extend(reported);
        Ok(BulkResult { status, items })
    }

    pub fn all_ok(&self) -> bool {
        self.items.iter().all(|i| i.ok)
    }
}
