//! CER user roles (`/userrole`): the role record and the create/update request.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::permissions::{self, GROUPS, PERMISSIONS};
use super::{compact_list, expect_object, strings};
use crate::error::{Error, Result};
use crate::wire::quirks;

/// A CER role as `GET /userrole` returns it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Role {
    pub role_name: String,
    pub pkid: String,
    pub description: String,
    pub is_standard: bool,
    /// Display names such as `"Access Point"`, in CER's order.
    pub permissions: Vec<String>,
    pub publisher_url: Option<String>,
    pub subscriber_url: Option<String>,
    pub extra: Map<String, Value>,
}

const ROLE_FIELDS: [&str; 7] = [
    "pKid",
    "roleName",
    "description",
    "isStandard",
    "links",
    "resourcePermissions",
    "resource",
];

impl Role {
    /// Reads one `userRole` element.
    pub fn from_wire(value: &Value) -> std::result::Result<Self, String> {
        let object = expect_object(value, "a role")?;
        let role_name = quirks::text(
            object
                .get("roleName")
                .or_else(|| object.get("userRoleName")),
        )
        .ok_or_else(|| "a role has no roleName".to_string())?;
        let links = object.get("links").and_then(Value::as_object);
        let link = |key: &str| links.and_then(|l| quirks::non_empty_text(l.get(key)));
        let permissions = object
            .get("resourcePermissions")
            .or_else(|| object.get("resource"));
        let mut extra = quirks::extra(object, &ROLE_FIELDS);
        extra.remove("userRoleName");

        Ok(Role {
            role_name,
            pkid: quirks::text(object.get("pKid").or_else(|| object.get("pkid")))
                .unwrap_or_default(),
            description: quirks::text(object.get("description")).unwrap_or_default(),
            is_standard: quirks::boolean(object.get("isStandard")).unwrap_or(false),
            permissions: quirks::wrapped_strings(permissions, "resourcePermission")
                .iter()
                .map(|name| permissions::display_name(name))
                .collect(),
            publisher_url: link("publisherURL"),
            subscriber_url: link("subscriberURL"),
            extra,
        })
    }

    /// Writes the role in CER's response shape, quirks included.
    pub fn to_wire(&self) -> Value {
        let mut object = Map::new();
        object.insert("pKid".into(), Value::String(self.pkid.clone()));
        object.insert("roleName".into(), Value::String(self.role_name.clone()));
        object.insert(
            "description".into(),
            Value::String(self.description.clone()),
        );
        object.insert(
            "isStandard".into(),
            Value::String(self.is_standard.to_string()),
        );
        object.insert(
            "links".into(),
            super::links_object(&self.publisher_url, &self.subscriber_url),
        );
        object.insert(
            "resourcePermissions".into(),
            compact_list("resourcePermission", strings(&self.permissions)),
        );
        Value::Object(object)
    }
}

/// Reads the roles of a `userRoleDetailsResponse`, one role or many.
pub fn roles_from_wire(value: &Value) -> std::result::Result<Vec<Role>, String> {
    let object = expect_object(value, "the response")?;
    super::require_key(object, "userRoles")?;
    quirks::wrapped(object.get("userRoles"), "userRole")
        .into_iter()
        .map(Role::from_wire)
        .collect()
}

/// The body of `POST /userrole/` (create) and `PUT /userrole/` (update).
#[derive(Clone, Debug)]
pub struct RoleRequest {
    pub name: String,
    pub description: Option<String>,
    /// Flags of the selected permissions; `None` sends no permission flags at all.
    pub permissions: Option<Vec<&'static str>>,
    /// Sends `selectAllResourceGroups` = `Y`, which grants every permission.
    pub select_all: bool,
}

impl RoleRequest {
    /// Resolves permission names in any spelling to their flags.
    pub fn new(
        name: String,
        description: Option<String>,
        permissions: Option<Vec<String>>,
        select_all: bool,
    ) -> Result<Self> {
        if name.trim().is_empty() {
            return Err(Error::invalid("name must not be empty"));
        }
        let permissions = match permissions {
            None => None,
            Some(names) => {
                let mut flags = Vec::new();
                let mut unknown = Vec::new();
                for name in &names {
                    match permissions::find(name) {
                        Some(p) if !flags.contains(&p.flag) => flags.push(p.flag),
                        Some(_) => {}
                        None => unknown.push(name.clone()),
                    }
                }
                if !unknown.is_empty() {
                    return Err(Error::invalid(format!(
                        "unknown permission(s) {unknown:?}: use CER's names such as \"Access Point\" or \"ERL\" (cerapi.PERMISSIONS lists them all)"
                    )));
                }
                Some(flags)
            }
        };
        Ok(RoleRequest {
            name,
            description,
            permissions,
            select_all,
        })
    }

    /// Writes the request in CER's names: every flag of every group, `Y` when selected
    /// and empty otherwise, as Cisco's samples send them. A request that sets no
    /// permission (an update of the description alone) leaves out every flag,
    /// `selectAllResourceGroups` included.
    pub fn to_wire(&self) -> Value {
        let mut object = Map::new();
        object.insert("name".into(), Value::String(self.name.clone()));
        if self.select_all || self.permissions.is_some() {
            let all = if self.select_all { "Y" } else { "" };
            object.insert("selectAllResourceGroups".into(), Value::String(all.into()));
        }
        if let Some(description) = &self.description {
            object.insert("desc".into(), Value::String(description.clone()));
        }
        if let Some(selected) = &self.permissions {
            for group in GROUPS {
                let mut flags = Map::new();
                for permission in PERMISSIONS.iter().filter(|p| p.group == group) {
                    let flag = if selected.contains(&permission.flag) {
                        "Y"
                    } else {
                        ""
                    };
                    flags.insert(permission.flag.into(), Value::String(flag.into()));
                }
                object.insert(group.into(), Value::Object(flags));
            }
        }
        Value::Object(object)
    }
}

/// Reads the display names a create or update request selects, whatever flag
/// spelling it uses: `Y`/`y` selects, anything else does not.
pub fn selected_permissions(request: &Map<String, Value>) -> Vec<String> {
    let select_all = quirks::text(request.get("selectAllResourceGroups"))
        .is_some_and(|v| permissions::flag_selected(&v));
    PERMISSIONS
        .iter()
        .filter(|p| {
            select_all
                || request
                    .get(p.group)
                    .and_then(Value::as_object)
                    .and_then(|group| quirks::text(group.get(p.flag)))
                    .is_some_and(|v| permissions::flag_selected(&v))
        })
        .map(|p| p.name.to_string())
        .collect()
}

/// Returns true when a request carries any permission flag group.
pub fn sets_permissions(request: &Map<String, Value>) -> bool {
    GROUPS.iter().any(|g| request.contains_key(*g))
        || quirks::text(request.get("selectAllResourceGroups"))
            .is_some_and(|v| permissions::flag_selected(&v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::results::{BulkResult, BulkShape, WriteResult};
    use crate::model::test_support::both;

    #[test]
    fn role_list_decodes_in_both_formats() {
        for value in both("userrole-list.response") {
            let roles = roles_from_wire(&value).unwrap();
            assert_eq!(roles.len(), 7);
            assert_eq!(roles[0].role_name, "CER System Admin");
            assert_eq!(roles[0].permissions.len(), 38);
            assert!(roles.iter().all(|r| r.is_standard));
            let audit = roles
                .iter()
                .find(|r| r.role_name == "CER Audit Admin")
                .unwrap();
            assert_eq!(audit.permissions, vec!["Audit Log Configuration"]);
            let serviceability = roles
                .iter()
                .find(|r| r.role_name == "CER Serviceability")
                .unwrap();
            assert!(serviceability
                .permissions
                .contains(&"CPU & Memory Usage".to_string()));
        }
    }

    #[test]
    fn role_get_decodes_in_both_formats() {
        for value in both("userrole-get.response") {
            let roles = roles_from_wire(&value).unwrap();
            assert_eq!(roles.len(), 1);
            assert_eq!(roles[0].pkid, "de4ad40d-dc89-4580-a8e3-99deec1a67d5");
        }
    }

    #[test]
    fn role_write_responses_decode() {
        for value in both("userrole-create.response") {
            let result = WriteResult::from_wire(&value).unwrap();
            assert_eq!(result.status, "Success");
            assert!(result.message.unwrap().starts_with("Added role"));
        }
        for value in both("userrole-update.response") {
            let result = WriteResult::from_wire(&value).unwrap();
            assert!(result.extra.contains_key("changeRequested"));
        }
    }

    #[test]
    fn request_samples_select_what_cer_would() {
        let create = both("userrole-create.request").remove(0);
        let selected = selected_permissions(create.as_object().unwrap());
        assert_eq!(selected.len(), 53, "selectAllResourceGroups is y");
        let mut junk = create.as_object().unwrap().clone();
        junk.insert(
            "selectAllResourceGroups".into(),
            Value::String(String::new()),
        );
        assert_eq!(selected_permissions(&junk), vec!["Cluster DB Host setting"]);
    }

    #[test]
    fn request_encodes_every_flag() {
        let request = RoleRequest::new(
            "Ops".into(),
            Some("ERL team".into()),
            Some(vec![
                "ERL".into(),
                "ip_subnet".into(),
                "CPU & Memory Usage".into(),
            ]),
            false,
        )
        .unwrap();
        let wire = request.to_wire();
        let object = wire.as_object().unwrap();
        assert_eq!(object["desc"], "ERL team");
        assert_eq!(object["CERSystemAdministrator"]["ERL"], "Y");
        assert_eq!(object["CERSystemAdministrator"]["IPSubnet"], "Y");
        assert_eq!(object["CERServiceability"]["CPUMemoryUsage"], "Y");
        assert_eq!(object["CERUser"]["WebAlert"], "");
        let flag_count: usize = GROUPS
            .iter()
            .map(|g| object[*g].as_object().unwrap().len())
            .sum();
        assert_eq!(flag_count, 53);
        assert_eq!(
            selected_permissions(object),
            vec!["CPU & Memory Usage", "ERL", "IP Subnet"]
        );
    }

    #[test]
    fn unknown_permissions_are_rejected() {
        let error =
            RoleRequest::new("Ops".into(), None, Some(vec!["Coffee".into()]), false).unwrap_err();
        assert!(error.message.contains("Coffee"));
    }

    #[test]
    fn role_delete_reports_every_name() {
        let shape = BulkShape {
            wrapper: "userRoles",
            item: "userRole",
            name_key: "userRoleName",
        };
        let requested = vec![String::new(), "CER System Admin".to_string()];
        for value in both("userrole-delete-list.response") {
            let result = BulkResult::from_wire(&value, &shape, &requested).unwrap();
            assert_eq!(result.items.len(), 2);
            assert_eq!(
                result.items[1].message,
                "Cannot delete standard UserRole 'CER System Admin'"
            );
            assert!(result.items.iter().all(|i| !i.ok));
        }
    }
}
