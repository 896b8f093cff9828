//! CER user groups (`/usergroup`): the group record and the create/update request.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{compact_list, expect_object, request_list, strings};
use crate::error::{Error, Result};
use crate::wire::quirks;

/// A CER user group as `GET /usergroup` returns it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserGroup {
    pub group_name: String,
    pub pkid: String,
    pub description: String,
    pub is_standard: bool,
    pub users: Vec<String>,
    pub roles: Vec<String>,
    /// The list response gives a path-style URL with raw spaces, the single-group
    /// response a query-style one; both are kept as CER sent them.
    pub publisher_url: Option<String>,
    pub subscriber_url: Option<String>,
    pub extra: Map<String, Value>,
}

const GROUP_FIELDS: [&str; 9] = [
    "pKid",
    "pkid",
    "userGroupName",
    "description",
    "isStandard",
    "links",
    "usersInGroup",
    "userRolesInGroup",
    "status",
];

impl UserGroup {
    /// Reads one `userGroup` element.
    pub fn from_wire(value: &Value) -> std::result::Result<Self, String> {
        let object = expect_object(value, "a user group")?;
        let group_name = quirks::text(object.get("userGroupName"))
            .ok_or_else(|| "a user group has no userGroupName".to_string())?;
        let links = object.get("links").and_then(Value::as_object);
        let link = |key: &str| links.and_then(|l| quirks::non_empty_text(l.get(key)));
        Ok(UserGroup {
            group_name,
            // The samples spell the id `pKid`, except the create response's `pkid`.
            pkid: quirks::text(object.get("pKid").or_else(|| object.get("pkid")))
                .unwrap_or_default(),
            description: quirks::text(object.get("description")).unwrap_or_default(),
            is_standard: quirks::boolean(object.get("isStandard")).unwrap_or(false),
            users: quirks::wrapped_strings(object.get("usersInGroup"), "userName"),
            roles: quirks::wrapped_strings(object.get("userRolesInGroup"), "userRoleName"),
            publisher_url: link("publisherURL"),
            subscriber_url: link("subscriberURL"),
            extra: quirks::extra(object, &GROUP_FIELDS),
        })
    }

    /// Writes the group in CER's response shape, quirks included.
    pub fn to_wire(&self) -> Value {
        let mut object = Map::new();
        object.insert("pKid".into(), Value::String(self.pkid.clone()));
        object.insert(
            "userGroupName".into(),
            Value::String(self.group_name.clone()),
        );
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
            "usersInGroup".into(),
            compact_list("userName", strings(&self.users)),
        );
        object.insert(
            "userRolesInGroup".into(),
            compact_list("userRoleName", strings(&self.roles)),
        );
        Value::Object(object)
    }
}

/// Reads the groups of a `userGroupDetailsResponse`, one group or many.
pub fn groups_from_wire(value: &Value) -> std::result::Result<Vec<UserGroup>, String> {
    let object = expect_object(value, "the response")?;
    super::require_key(object, "userGroups")?;
    quirks::wrapped(object.get("userGroups"), "userGroup")
        .into_iter()
        .map(UserGroup::from_wire)
        .collect()
}

/// The body of `POST /usergroup` (create) and `PUT /usergroup` (update).
#[derive(Clone, Debug)]
pub struct GroupRequest {
    pub name: String,
    pub description: Option<String>,
    /// `None` leaves the element out of the request.
    pub users: Option<Vec<String>>,
    pub roles: Option<Vec<String>>,
}

impl GroupRequest {
    pub fn new(
        name: String,
        description: Option<String>,
        users: Option<Vec<String>>,
        roles: Option<Vec<String>>,
    ) -> Result<Self> {
        if name.trim().is_empty() {
            return Err(Error::invalid("name must not be empty"));
        }
        for (field, names) in [("users", &users), ("roles", &roles)] {
            if names.iter().flatten().any(|n| n.trim().is_empty()) {
                return Err(Error::invalid(format!(
                    "{field} must not contain an empty name"
                )));
            }
        }
        Ok(GroupRequest {
            name,
            description,
            users,
            roles,
        })
    }

    pub fn to_wire(&self) -> Value {
        let mut object = Map::new();
        object.insert("userGroupName".into(), Value::String(self.name.clone()));
        if let Some(description) = &self.description {
            object.insert("description".into(), Value::String(description.clone()));
        }
        if let Some(users) = &self.users {
            object.insert(
                "addUsersToGroup".into(),
                request_list("user", strings(users)),
            );
        }
        if let Some(roles) = &self.roles {
            object.insert(
                "assignRolesToGroup".into(),
                request_list("userRole", strings(roles)),
            );
        }
        Value::Object(object)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::results::{BulkResult, BulkShape, WriteResult};
    use crate::model::test_support::both;

    #[test]
    fn group_list_decodes_in_both_formats() {
        for value in both("usergroup-list.response") {
            let groups = groups_from_wire(&value).unwrap();
            let admin = &groups[0];
            assert_eq!(admin.group_name, "CER System Administrator");
            assert_eq!(admin.users, vec!["admin"]);
            assert_eq!(admin.roles, vec!["CER System Admin"]);
            assert!(admin.is_standard);
            assert_eq!(
                admin.publisher_url.as_deref(),
                Some("https://unity-pri/cerappservices/service/usergroup/CER System Administrator")
            );
            assert!(admin.subscriber_url.is_none());
            let erl = &groups[1];
            assert!(erl.users.is_empty(), "empty usersInGroup is an empty list");
            let custom = groups
                .iter()
                .find(|g| g.group_name == "TestUserGroup_440")
                .unwrap();
            assert!(!custom.is_standard);
            assert!(custom.users.is_empty());
            assert_eq!(custom.roles, vec!["CER Admin Utility", "CER Audit Admin"]);
        }
    }

    #[test]
    fn group_get_decodes_query_style_links() {
        for value in both("usergroup-get.response") {
            let group = groups_from_wire(&value).unwrap().remove(0);
            assert_eq!(group.pkid, "8b094e67-a5f2-4393-a1cb-e1e91aafb596");
            assert!(group
                .publisher_url
                .unwrap()
                .contains("?userGroupName=CER%20System%20Administrator"));
            assert!(group.subscriber_url.is_some());
        }
    }

    #[test]
    fn create_response_reads_lower_case_pkid() {
        for value in both("usergroup-create.response") {
            let result = WriteResult::from_wire(&value).unwrap();
            assert_eq!(result.status, "AddSuccess");
            assert!(result.pkid.is_some());
        }
    }

    #[test]
    fn update_response_keeps_the_message() {
        for value in both("usergroup-update.response") {
            let result = WriteResult::from_wire(&value).unwrap();
            assert!(result
                .message
                .unwrap()
                .ends_with("Default group roles assignment cannot be edited"));
        }
    }

    #[test]
    fn group_delete_reports_every_name() {
        let shape = BulkShape {
            wrapper: "userGroups",
            item: "userGroup",
            name_key: "userGroupName",
        };
        let requested: Vec<String> = [
            "TestUserGroup_354",
            "TestUserGroup_691",
            "TestUserGroup_965",
        ]
        .map(String::from)
        .to_vec();
        for value in both("usergroup-delete-list.response") {
            let result = BulkResult::from_wire(&value, &shape, &requested).unwrap();
            assert_eq!(result.items.len(), 3);
            assert_eq!(
                result.items[0].message,
                "UserGroup is not present in DB 'TestUserGroup_354'"
            );
        }
        for value in both("usergroup-delete.response") {
            let result =
                BulkResult::from_wire(&value, &shape, &["CER System Administrator".to_string()])
                    .unwrap();
            assert!(!result.items[0].ok);
        }
    }

    #[test]
    fn request_matches_the_sample_shape() {
        let request = GroupRequest::new(
            "TestUserGroup_207".into(),
            Some("d".into()),
            Some(vec!["a".into(), "b".into()]),
            Some(vec!["CER User".into()]),
        )
        .unwrap();
        let wire = request.to_wire();
        assert_eq!(
            wire["addUsersToGroup"]["user"],
            serde_json::json!(["a", "b"])
        );
        assert_eq!(
            wire["assignRolesToGroup"]["userRole"],
            serde_json::json!(["CER User"])
        );
        let sample = both("usergroup-create.request").remove(0);
        let sample_keys: Vec<&String> = sample.as_object().unwrap().keys().collect();
        let keys: Vec<&String> = wire.as_object().unwrap().keys().collect();
        assert_eq!(keys, sample_keys);
    }
}
