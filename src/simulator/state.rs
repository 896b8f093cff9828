//! The simulator's in-memory CER data, seeded from Cisco's published samples.

use serde_json::{json, Map, Value};

use super::synthetic::{self, PhoneKind};
use crate::model::erls::{AliDetails, ConventionalErl, ElinMapping};
use crate::model::groups::UserGroup;
use crate::model::roles::Role;
use crate::model::subnets::Subnet;
use crate::model::users::User;

/// A user in the simulator, with the password it was created with.
#[derive(Clone, Debug)]
pub struct StoredUser {
    pub user: User,
    pub password: String,
    pub reset_on_logon: bool,
    pub cucm_cluster: String,
}

/// A CUCM cluster in the simulator: its host and the CER wire body without secrets.
#[derive(Clone, Debug)]
pub struct StoredCluster {
    pub cucm: String,
    pub settings: serde_json::Value,
}

/// Everything the simulator stores. Group membership is the one source of a
/// user's groups and roles, as in CER.
#[derive(Clone, Debug, Default)]
pub struct State {
    pub users: Vec<StoredUser>,
    pub roles: Vec<Role>,
    pub groups: Vec<UserGroup>,
    pub clusters: Vec<StoredCluster>,
    /// ERLs added to the simulator, served before the synthetic ones.
    pub erls: Vec<ConventionalErl>,
    /// How many synthetic ERLs (`ERL-000000` ...) follow the stored ones.
    pub synthetic_erls: usize,
    pub subnets: Vec<Subnet>,
    pub access_points: Vec<Value>,
    /// Synthetic call records.
    pub calls: usize,
    /// Synthetic phones per list, indexed by [`PhoneKind::index`].
    pub phones: [usize; 4],
    /// The rendered `GET /cerl` response per format, kept until the ERLs change, so
    /// that a large synthetic list is rendered once, not on every request.
    pub erl_list_cache: std::collections::HashMap<crate::wire::Format, bytes::Bytes>,
}

/// The ERLs of Cisco's `GET /cerl` sample, plus `erl2`, which its subnet sample names.
fn sample_erls() -> Vec<ConventionalErl> {
    let ali = |values: &[(&str, &str)]| {
        let mut ali = AliDetails::default();
        for (name, value) in values {
            ali.set(name, *value);
        }
        ali
    };
    let sample_ali = [
        ("house_number", "3213"),
        ("street_name", "addsa"),
        ("community_name", "fsda"),
        ("state", "fd"),
        ("customer_name", "asdsd"),
        ("class_of_service", "5"),
        ("type_of_service", "4"),
        ("company_id", "dsads"),
        ("customer_code", "sds"),
    ];
    let erl =
        |name: &str, description: &str, elins: Vec<ElinMapping>, onsite: &str| ConventionalErl {
            erl_name: name.into(),
            description: description.into(),
            test_erl: false,
            time_zone: String::new(),
            elins,
            onsite_alert_ids: vec![onsite.into()],
            ali: ali(&sample_ali),
            publisher_url: None,
            subscriber_url: None,
            extra: Map::new(),
        };
    let elin = |route: &str, number: &str| ElinMapping {
        route_pattern: route.into(),
        elin: number.into(),
    };
    vec![
        erl("Default", "", Vec::new(), "lobby2"),
        erl(
            "erl1",
            "erldef",
            vec![elin("10911", "6011621123")],
            "lobby1",
        ),
        erl(
            "erl2",
            "Second floor",
            vec![elin("10911", "6011621124")],
            "lobby1",
        ),
    ]
}

/// The standard roles of Cisco's sample system: id, name, description, permissions.
const STANDARD_ROLES: [(&str, &str, &str, &[&str]); 7] = [
    (
        "e42580ba-bd7b-4811-98d6-7e148515ee0a",
        "CER System Admin",
        "All System Configurations",
        &[
            "Access Point",
            "Add Subscriber",
            "ALI Formatting Tool",
            "Call History",
            "Call Manager Details",
            "CER Groups in Cluster",
            "Device Snmp Settings",
            "ERL",
            "ERL Audit Trail",
            "ERL Debug Tool",
            "ERL Migration",
            "File Management Utility",
            "Functional role",
            "Intrado ERL",
            "IP Subnet",
            "License Management",
            "Mail Alert Configurations",
            "Manually Configured Phones",
            "Off-Premises ERL",
            "OnsiteContact",
            "Pager and Email Alert Configurations",
            "PS ALI Convert",
            "PS ALI Export",
            "Purge",
            "Run Tracking",
            "Saml Sso",
            "Tracking Schedule",
            "Server",
            "Server Group",
            "LAN Switches",
            "Switch Port",
            "Synthetic Phone",
            "Telephony",
            "Unlocated Phones",
            "Application User",
            "User Setting",
            "User Group",
            "Intrado VUI Settings",
        ],
    ),
    (
        "40a64db9-4dfe-46ad-b8da-044ba68a521e",
        "CER ERL Admin",
        "ERL Configurations",
        &[
            "ERL",
            "IP Subnet",
            "Manually Configured Phones",
            "OnsiteContact",
            "Switch Port",
            "Synthetic Phone",
            "Unlocated Phones",
        ],
    ),
    (
        "8aca4d79-cbf2-40ec-8785-1fe7f7afc004",
        "CER Network Admin",
        "Network Configurations",
        &[
            "Call Manager Details",
            "Device Snmp Settings",
            "Run Tracking",
            "Tracking Schedule",
            "LAN Switches",
        ],
    ),
    (
        "5d1e4b0c-3c1b-4f33-9c56-2f1f2b6f3e01",
        "CER Serviceability",
        "Serviceability Pages",
        &[
            "All Logs",
            "Control Centre",
            "CPU & Memory Usage",
            "Disk Usage",
            "Event Viewer",
            "Processes",
            "MIB2 system group configuration",
            "SNMP V1/V2c configuration",
            "SNMP v3 configuration",
        ],
    ),
    (
        "0b8f6a2e-7d4c-4b9e-8f0a-6c3d2e1f4a02",
        "CER Admin Utility",
        "Admin utility Pages",
        &["Cluster DB Host setting", "Change CCM Version"],
    ),
    (
        "9c2d7e4f-1a3b-4c5d-8e6f-7a8b9c0d1e03",
        "CER User",
        "Security User Pages",
        &["Phone Search", "User Call History", "Web Alert"],
    ),
    (
        "f5abe25f-432c-445d-8f0e-5a74c2ed7e25",
        "CER Audit Admin",
        "Audit page in serviceability",
        &["Audit Log Configuration"],
    ),
];

/// The standard groups of Cisco's sample system: id, name, description, role.
const STANDARD_GROUPS: [(&str, &str, &str, &str); 7] = [
    (
        "f2124656-7a28-4bcf-93f5-17d29a5819b5",
        "CER System Administrator",
        "ER Administrator for all system configurations",
        "CER System Admin",
    ),
    (
        "e280ae83-1889-438d-b039-c4527e7bb4c4",
        "CER ERL Administrator",
        "ER Administrator for ERL configurations",
        "CER ERL Admin",
    ),
    (
        "3cb72a32-723a-44a8-9208-b97c88c33943",
        "CER Network Administrator",
        "ER Administrator for network configurations",
        "CER Network Admin",
    ),
    (
        "26f0fcc1-a440-4a3c-9c97-c86d5115bf09",
        "CER Serviceability",
        "ER Serviceability user for serviceability pages",
        "CER Serviceability",
    ),
    (
        "83b2334d-6948-455b-b8b8-b5c084fe8fff",
        "CER Admin Utility",
        "ER Admin utility user for admin utility pages",
        "CER Admin Utility",
    ),
    (
        "3dd9a00c-55f1-4ea7-ad84-50f1a8169d04",
        "CER User",
        "ER security user who attends to emergency calls",
        "CER User",
    ),
    (
        "c7a1f0e2-5b6d-4e8f-9a0b-1c2d3e4f5a06",
        "CER Audit Administrator",
        "ER Auditor",
        "CER Audit Admin",
    ),
];

/// Groups the seeded `admin` user belongs to, as in Cisco's user sample.
const ADMIN_GROUPS: [&str; 5] = [
    "CER Admin Utility",
    "CER Audit Administrator",
    "CER Serviceability",
    "CER System Administrator",
    "CER User",
];

impl State {
    /// Returns the state of a fresh CER: the users of Cisco's samples.
    pub fn seeded() -> Self {
        let admin = User {
            user_name: "admin".into(),
            pkid: "06bae444-79f0-34bc-0b73-042e90ad941b".into(),
            is_standard: true,
            auth_mode: "Local".into(),
            groups: Vec::new(),
            roles: Vec::new(),
            publisher_url: None,
            subscriber_url: None,
            extra: Default::default(),
        };
        let local = |name: &str, pkid: &str| User {
            user_name: name.into(),
            pkid: pkid.into(),
            is_standard: false,
            auth_mode: "Local".into(),
            groups: Vec::new(),
            roles: Vec::new(),
            publisher_url: None,
            subscriber_url: None,
            extra: Default::default(),
        };
        let stored = |user: User| StoredUser {
            user,
            password: String::new(),
            reset_on_logon: false,
            cucm_cluster: String::new(),
        };
        let roles = STANDARD_ROLES
            .iter()
            .map(|(pkid, name, description, permissions)| Role {
                role_name: (*name).into(),
                pkid: (*pkid).into(),
                description: (*description).into(),
                is_standard: true,
                permissions: permissions.iter().map(|p| (*p).to_string()).collect(),
                publisher_url: None,
                subscriber_url: None,
                extra: Default::default(),
            })
            .collect();
        let groups = STANDARD_GROUPS
            .iter()
            .map(|(pkid, name, description, role)| UserGroup {
                group_name: (*name).into(),
                pkid: (*pkid).into(),
                description: (*description).into(),
                is_standard: true,
                users: if ADMIN_GROUPS.contains(name) {
                    vec!["admin".into()]
                } else {
                    Vec::new()
                },
                roles: vec![(*role).into()],
                publisher_url: None,
                subscriber_url: None,
                extra: Default::default(),
            })
            .collect();
        State {
            users: vec![
                stored(admin),
                stored(local(
                    "TestUserCERTeamLocal_889",
                    "f684e35b-5fb7-45d5-8310-6b3531e0d974",
                )),
                stored(local(
                    "TestUserCERTeamLocal_662",
                    "2ad17c50-bb87-479e-b757-ac7aae055807",
                )),
            ],
            roles,
            groups,
            clusters: Vec::new(),
            erls: sample_erls(),
            synthetic_erls: 0,
            subnets: Vec::new(),
            access_points: vec![
                json!({"apName": "AP-Lobby-01", "macAddress": "00:3a:7d:11:22:33", "ipAddress": "10.20.0.11", "erlName": "erl1", "location": "Lobby"}),
                json!({"apName": "AP-Floor2-07", "macAddress": "00:3a:7d:44:55:66", "ipAddress": "10.20.0.27", "erlName": "Default", "location": "Floor 2 east"}),
            ],
            calls: 5,
            phones: [5, 2, 2, 0],
            erl_list_cache: Default::default(),
        }
    }

    /// Returns true when an ERL of this name exists, stored or synthetic.
    pub fn erl_exists(&self, name: &str) -> bool {
        if self
            .erls
            .iter()
            .any(|e| e.erl_name.eq_ignore_ascii_case(name))
        {
            return true;
        }
        name.strip_prefix("ERL-")
            .and_then(|n| n.parse::<usize>().ok())
            .is_some_and(|n| n < self.synthetic_erls && synthetic::erl_name(n) == name)
    }

    /// The ERL a synthetic record points at: a synthetic ERL when there are any,
    /// otherwise one of the stored ones.
    fn erl_for(&self, i: usize) -> String {
        if self.synthetic_erls > 0 {
            synthetic::erl_name(i % self.synthetic_erls)
        } else if self.erls.is_empty() {
            "Default".to_string()
        } else {
            self.erls[i % self.erls.len()].erl_name.clone()
        }
    }

    pub fn call(&self, i: usize) -> Value {
        synthetic::call(i, self.erl_for(i))
    }

    pub fn phone(&self, kind: PhoneKind, i: usize) -> Value {
        synthetic::phone(kind, i, self.erl_for(i))
    }

    /// Returns a user with the groups it is in and the roles those groups give.
    /// Groups are sorted by name; roles follow the order of the groups list, as in
    /// Cisco's sample.
    pub fn user_with_membership(&self, index: usize) -> User {
        let mut user = self.users[index].user.clone();
        let name = user.user_name.clone();
        let member_of: Vec<&UserGroup> = self
            .groups
            .iter()
            .filter(|g| g.users.iter().any(|u| u.eq_ignore_ascii_case(&name)))
            .collect();
        let mut groups: Vec<String> = member_of.iter().map(|g| g.group_name.clone()).collect();
        groups.sort();
        let mut roles: Vec<String> = Vec::new();
        for role in member_of.iter().flat_map(|g| g.roles.iter()) {
            if !roles.contains(role) {
                roles.push(role.clone());
            }
        }
        user.groups = groups;
        user.roles = roles;
        user
    }

    pub fn role_index(&self, name: &str) -> Option<usize> {
        self.roles
            .iter()
            .position(|r| r.role_name.eq_ignore_ascii_case(name))
    }

    pub fn group_index(&self, name: &str) -> Option<usize> {
        self.groups
            .iter()
            .position(|g| g.group_name.eq_ignore_ascii_case(name))
    }

    /// Finds a user by name; CER matches user names case-insensitively.
    pub fn user_index(&self, name: &str) -> Option<usize> {
        self.users
            .iter()
            .position(|u| u.user.user_name.eq_ignore_ascii_case(name))
    }
}

/// Returns a random version 4 UUID, as CER uses for `pKid`.
pub fn new_pkid() -> String {
    crate::model::new_uuid()
}
