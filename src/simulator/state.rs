//! The simulator's in-memory CER data, seeded from Cisco's published samples.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};

use crate::model::users::User;

/// A user in the simulator, with the password it was created with.
#[derive(Clone, Debug)]
pub struct StoredUser {
    pub user: User,
    pub password: String,
    pub reset_on_logon: bool,
    pub cucm_cluster: String,
}

/// Everything the simulator stores.
#[derive(Clone, Debug, Default)]
pub struct State {
    pub users: Vec<StoredUser>,
}

impl State {
    /// Returns the state of a fresh CER: the users of Cisco's samples.
    pub fn seeded() -> Self {
        let admin = User {
            user_name: "admin".into(),
            pkid: "06bae444-79f0-34bc-0b73-042e90ad941b".into(),
            is_standard: true,
            auth_mode: "Local".into(),
            groups: [
                "CER Admin Utility",
                "CER Audit Administrator",
                "CER Serviceability",
                "CER System Administrator",
                "CER User",
            ]
            .map(String::from)
            .to_vec(),
            roles: [
                "CER System Admin",
                "CER Serviceability",
                "CER Admin Utility",
                "CER User",
                "CER Audit Admin",
            ]
            .map(String::from)
            .to_vec(),
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
        }
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
    let mut bytes = [0u8; 16];
    for chunk in bytes.chunks_mut(8) {
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default(),
        );
        chunk.copy_from_slice(&hasher.finish().to_le_bytes());
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}
