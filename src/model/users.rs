//! CER users (`/user`): the user record and the create/update request.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{compact_list, expect_object, strings};
use crate::config::Secret;
use crate::error::{Error, Result};
use crate::wire::quirks;

/// Authentication modes, in the order of CER's `isRemoteAuth` codes 0, 1 and 2.
pub const AUTH_MODES: [&str; 3] = ["Local", "Remote", "IdP"];

/// A CER user as `GET /user` returns it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub user_name: String,
    pub pkid: String,
    pub is_standard: bool,
    pub auth_mode: String,
    pub groups: Vec<String>,
    pub roles: Vec<String>,
    pub publisher_url: Option<String>,
    pub subscriber_url: Option<String>,
    pub extra: Map<String, Value>,
}

const USER_FIELDS: [&str; 7] = [
    "pKid",
    "userName",
    "isStandard",
    "isRemoteAuth",
    "links",
    "userGroups",
    "userRoles",
];

impl User {
    /// Reads one `user` element.
    pub fn from_wire(value: &Value) -> std::result::Result<Self, String> {
        let object = expect_object(value, "a user")?;
        let user_name = quirks::text(object.get("userName"))
            .ok_or_else(|| "a user has no userName".to_string())?;
        let links = object.get("links").and_then(Value::as_object);
        let link = |key: &str| links.and_then(|l| quirks::non_empty_text(l.get(key)));

        let mut extra = quirks::extra(object, &USER_FIELDS);
        let is_standard = match quirks::boolean(object.get("isStandard")) {
            Some(flag) => flag,
            None => {
                // An unknown spelling is kept rather than guessed.
                if let Some(raw) = object.get("isStandard") {
                    extra.insert("isStandard".to_string(), raw.clone());
                }
                false
            }
        };
        let code = quirks::text(object.get("isRemoteAuth")).unwrap_or_else(|| "0".to_string());
        let auth_mode = match code.trim() {
            "0" | "" => AUTH_MODES[0].to_string(),
            "1" => AUTH_MODES[1].to_string(),
            "2" => AUTH_MODES[2].to_string(),
            other => other.to_string(),
        };

        Ok(User {
            user_name,
            pkid: quirks::text(object.get("pKid")).unwrap_or_default(),
            is_standard,
            auth_mode,
            groups: quirks::wrapped_strings(object.get("userGroups"), "userGroup"),
            roles: quirks::wrapped_strings(object.get("userRoles"), "userRole"),
            publisher_url: link("publisherURL"),
            subscriber_url: link("subscriberURL"),
            extra,
        })
    }

    /// Writes the user in CER's response shape, quirks included.
    pub fn to_wire(&self) -> Value {
        let mut object = Map::new();
        object.insert("pKid".into(), Value::String(self.pkid.clone()));
        object.insert("userName".into(), Value::String(self.user_name.clone()));
        object.insert(
            "isStandard".into(),
            Value::String(self.is_standard.to_string()),
        );
        let code = AUTH_MODES
            .iter()
            .position(|m| m.eq_ignore_ascii_case(&self.auth_mode))
            .map(|i| i.to_string())
            .unwrap_or_else(|| self.auth_mode.clone());
        object.insert("isRemoteAuth".into(), Value::String(code));
        object.insert(
            "links".into(),
            super::links_object(&self.publisher_url, &self.subscriber_url),
        );
        object.insert(
            "userGroups".into(),
            compact_list("userGroup", strings(&self.groups)),
        );
        object.insert(
            "userRoles".into(),
            compact_list("userRole", strings(&self.roles)),
        );
        for (key, value) in &self.extra {
            object.entry(key.clone()).or_insert_with(|| value.clone());
        }
        Value::Object(object)
    }
}

/// Reads the users of a `userDetailsResponse`, one user or many.
pub fn users_from_wire(value: &Value) -> std::result::Result<Vec<User>, String> {
    let object = expect_object(value, "the response")?;
    super::require_key(object, "users")?;
    quirks::wrapped(object.get("users"), "user")
        .into_iter()
        .map(User::from_wire)
        .collect()
}

/// The body of `POST /user` (create) and `PUT /user` (update).
#[derive(Clone, Debug)]
pub struct UserRequest {
    pub user_name: String,
    pub password: Option<Secret>,
    pub auth_mode: Option<String>,
    pub cucm_cluster: Option<String>,
    pub reset_on_logon: Option<bool>,
}

impl UserRequest {
    /// Checks the fields a caller passed and normalises the authentication mode.
    pub fn validate(mut self) -> Result<Self> {
        if self.user_name.trim().is_empty() {
            return Err(Error::invalid("user_name must not be empty"));
        }
        if let Some(mode) = &self.auth_mode {
            let known = AUTH_MODES
                .iter()
                .find(|m| m.eq_ignore_ascii_case(mode.trim()));
            match known {
                Some(m) => self.auth_mode = Some((*m).to_string()),
                None => {
                    return Err(Error::invalid(format!(
                        "invalid auth_mode {mode:?}: use \"Local\", \"Remote\" or \"IdP\""
                    )))
                }
            }
        }
        Ok(self)
    }

    /// Writes the request in CER's names. `resetOnLogon` is `t` or `f` as documented.
    /// Fields left as `None` are not sent.
    pub fn to_wire(&self) -> Value {
        let mut object = Map::new();
        object.insert("userName".into(), Value::String(self.user_name.clone()));
        if let Some(password) = &self.password {
            object.insert(
                "userPassword".into(),
                Value::String(password.expose().to_string()),
            );
        }
        if let Some(mode) = &self.auth_mode {
            object.insert("authenticationMode".into(), Value::String(mode.clone()));
        }
        if let Some(cluster) = &self.cucm_cluster {
            object.insert("ccmClusterID".into(), Value::String(cluster.clone()));
        }
        if let Some(reset) = self.reset_on_logon {
            let flag = if reset { "t" } else { "f" };
            object.insert("resetOnLogon".into(), Value::String(flag.into()));
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
    fn user_list_decodes_in_both_formats() {
        for value in both("user-list.response") {
            let users = users_from_wire(&value).unwrap();
            assert_eq!(users.len(), 1);
            let admin = &users[0];
            assert_eq!(admin.user_name, "admin");
            assert_eq!(admin.pkid, "06bae444-79f0-34bc-0b73-042e90ad941b");
            assert!(admin.is_standard);
            assert_eq!(admin.auth_mode, "Local");
            assert_eq!(admin.groups.len(), 5);
            assert_eq!(admin.groups[3], "CER System Administrator");
            assert_eq!(admin.roles[0], "CER System Admin");
            assert!(admin
                .publisher_url
                .as_deref()
                .unwrap()
                .ends_with("user?userName=admin"));
            assert!(admin.extra.is_empty());
        }
    }

    #[test]
    fn user_get_decodes_in_both_formats() {
        for value in both("user-get.response") {
            let users = users_from_wire(&value).unwrap();
            assert_eq!(
                users[0].roles.last().map(String::as_str),
                Some("CER Audit Admin")
            );
        }
    }

    #[test]
    fn single_group_and_empty_roles_decode_as_lists() {
        let value: Value = serde_json::json!({"users": {"user": {
            "userName": "x", "isStandard": "f", "isRemoteAuth": "2",
            "userGroups": {"userGroup": "CER User"}, "userRoles": "", "newField": "kept"
        }}});
        let user = &users_from_wire(&value).unwrap()[0];
        assert_eq!(user.groups, vec!["CER User"]);
        assert!(user.roles.is_empty());
        assert!(!user.is_standard);
        assert_eq!(user.auth_mode, "IdP");
        assert_eq!(user.extra["newField"], "kept");
    }

    #[test]
    fn user_round_trips_through_wire() {
        let value = both("user-get.response").remove(0);
        let user = users_from_wire(&value).unwrap().remove(0);
        assert_eq!(User::from_wire(&user.to_wire()).unwrap(), user);
    }

    #[test]
    fn create_and_update_responses_decode() {
        for value in both("user-create.response") {
            let result = WriteResult::from_wire(&value).unwrap();
            assert_eq!(result.status, "AddSuccess");
            assert!(result.pkid.is_some());
            assert_eq!(result.links.len(), 2);
        }
        for value in both("user-update.response") {
            let result = WriteResult::from_wire(&value).unwrap();
            assert_eq!(result.status, "UpdateSuccess");
            assert_eq!(
                result.pkid.as_deref(),
                Some("f684e35b-5fb7-45d5-8310-6b3531e0d974")
            );
            assert_eq!(result.links.len(), 2);
        }
    }

    #[test]
    fn create_request_matches_the_sample() {
        let request = UserRequest {
            user_name: "{{newUser}}".into(),
            password: Some(Secret::new("{{newUser}}".into())),
            auth_mode: Some("local".into()),
            cucm_cluster: Some(String::new()),
            reset_on_logon: Some(false),
        }
        .validate()
        .unwrap();
        for value in both("user-create.request") {
            assert_eq!(request.to_wire(), value);
        }
    }

    #[test]
    fn invalid_requests_are_rejected() {
        let request = |name: &str, mode: &str| UserRequest {
            user_name: name.into(),
            password: None,
            auth_mode: Some(mode.into()),
            cucm_cluster: None,
            reset_on_logon: None,
        };
        assert!(request(" ", "Local").validate().is_err());
        assert!(request("a", "Kerberos").validate().is_err());
    }

    #[test]
    fn bulk_delete_reports_every_name() {
        let shape = BulkShape {
            wrapper: "users",
            item: "user",
            name_key: "name",
        };
        let requested: Vec<String> = [
            "AdMiN",
            "TestUserCERTeamLocal_301",
            "TestUserCERTeamLocal_49",
        ]
        .map(String::from)
        .to_vec();
        for value in both("user-delete-list.response") {
            let result = BulkResult::from_wire(&value, &shape, &requested).unwrap();
            assert_eq!(result.status, "Some User(s) Deletion was not successful");
            assert_eq!(result.items.len(), 3);
            assert!(result.items.iter().all(|i| !i.ok));
            assert_eq!(result.items[0].message, "Cannot delete standard user AdMiN");
            assert_eq!(
                result.items[1].message,
                "Failed to read TestUserCERTeamLocal_301 from database"
            );
        }
        for value in both("user-delete.response") {
            let result = BulkResult::from_wire(&value, &shape, &["admin".to_string()]).unwrap();
            assert_eq!(result.items.len(), 1);
            assert!(!result.items[0].ok);
            assert_eq!(result.items[0].name, "admin");
        }
    }

    #[test]
    fn bulk_result_reports_names_cer_left_out() {
        let shape = BulkShape {
            wrapper: "users",
            item: "user",
            name_key: "name",
        };
        let value = serde_json::json!({"status": "x", "users": ""});
        let result = BulkResult::from_wire(&value, &shape, &["ghost".to_string()]).unwrap();
        assert!(!result.items[0].ok);
    }

    #[test]
    fn delete_list_requests_match_the_samples() {
        let names = [
            "AdMiN",
            "TestUserCERTeamLocal_301",
            "TestUserCERTeamLocal_49",
        ]
        .map(String::from);
        let body =
            serde_json::json!({"users": crate::model::request_list("name", strings(&names))});
        for value in both("user-delete-list.request") {
            assert_eq!(body, value);
        }
    }
}
