//! CUCM clusters (`/cluster`): the settings CER uses to reach a CUCM cluster.
//!
//! Python names are spelled correctly; the wire names keep CER's spelling
//! (`CTIManger`, `BackupCTIMngr1`, `TelePortAddr`, `NumbrOfTelePorts`). Passwords
//! and CAPF auth strings are [`Secret`]s, so they never show in `Debug` output.

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::config::Secret;
use crate::error::{Error, Result};

/// TLS settings CER uses towards CUCM (TFTP and CAPF).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct SecureConnection {
    pub enabled: bool,
    pub tftp_address: String,
    pub tftp_port: Option<u32>,
    pub backup_tftp_address: String,
    pub capf_address: String,
    pub capf_port: Option<u32>,
    pub instance_id_publisher: String,
    pub auth_string_publisher: Secret,
    pub instance_id_subscriber: String,
    pub auth_string_subscriber: Secret,
}

/// The AXL account CER uses on CUCM.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct AxlSettings {
    pub user: String,
    pub password: Secret,
    pub port: Option<u32>,
}

/// The body of `POST /cluster`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct CucmCluster {
    pub cucm: String,
    pub cti_manager: String,
    pub cti_user: String,
    pub cti_password: Secret,
    pub backup_cti_manager_1: String,
    pub backup_cti_manager_2: String,
    pub teleport_address: String,
    pub number_of_teleports: Option<u32>,
    pub secure_connection: SecureConnection,
    pub axl: AxlSettings,
    pub use_snmp_v3: bool,
}

fn text(value: &str) -> Value {
    Value::String(value.to_string())
}

/// Writes an optional number as CER's string, empty when it is not set.
fn number(value: Option<u32>) -> Value {
    Value::String(value.map(|n| n.to_string()).unwrap_or_default())
}

impl CucmCluster {
    pub fn validate(self) -> Result<Self> {
        if self.cucm.trim().is_empty() {
            return Err(Error::invalid(
                "cucm must name the CUCM publisher (host name or IP address)",
            ));
        }
        if self.cti_user.trim().is_empty() {
            return Err(Error::invalid("cti_user must not be empty"));
        }
        for (field, port) in [
            (
                "secure_connection.tftp_port",
                self.secure_connection.tftp_port,
            ),
            (
                "secure_connection.capf_port",
                self.secure_connection.capf_port,
            ),
            ("axl.port", self.axl.port),
        ] {
            if let Some(port) = port {
                if !(1..=65535).contains(&port) {
                    return Err(Error::invalid(format!(
                        "{field} must be a port number from 1 to 65535, got {port}"
                    )));
                }
            }
        }
        Ok(self)
    }

    /// Writes the request in CER's names and order; every value is a string, as documented.
    pub fn to_wire(&self) -> Value {
        let secure = &self.secure_connection;
        let mut secure_object = Map::new();
        secure_object.insert("EnableSecureConn".into(), text(&secure.enabled.to_string()));
        secure_object.insert("TFTPIpAddr".into(), text(&secure.tftp_address));
        secure_object.insert("TFTPPort".into(), number(secure.tftp_port));
        secure_object.insert("BackupTFTPIp".into(), text(&secure.backup_tftp_address));
        secure_object.insert("CAPFIpAddr".into(), text(&secure.capf_address));
        secure_object.insert("CAPFPort".into(), number(secure.capf_port));
        secure_object.insert("InstanceIdPub".into(), text(&secure.instance_id_publisher));
        secure_object.insert(
            "AuthStringPub".into(),
            text(secure.auth_string_publisher.expose()),
        );
        secure_object.insert("InstanceIdSub".into(), text(&secure.instance_id_subscriber));
        secure_object.insert(
            "AuthStringSub".into(),
            text(secure.auth_string_subscriber.expose()),
        );

        let mut axl = Map::new();
        axl.insert("AXLUser".into(), text(&self.axl.user));
        axl.insert("AXLPassword".into(), text(self.axl.password.expose()));
        axl.insert("AXLPort".into(), number(self.axl.port));

        let mut object = Map::new();
        object.insert("CUCM".into(), text(&self.cucm));
        object.insert("CTIManger".into(), text(&self.cti_manager));
        object.insert("CTIUser".into(), text(&self.cti_user));
        object.insert("CTIPassword".into(), text(self.cti_password.expose()));
        object.insert("BackupCTIMngr1".into(), text(&self.backup_cti_manager_1));
        object.insert("BackupCTIMngr2".into(), text(&self.backup_cti_manager_2));
        object.insert("TelePortAddr".into(), text(&self.teleport_address));
        object.insert("NumbrOfTelePorts".into(), number(self.number_of_teleports));
        object.insert("SecureConnection".into(), Value::Object(secure_object));
        object.insert("AXLSettings".into(), Value::Object(axl));
        object.insert("UseSnmpV3".into(), text(&self.use_snmp_v3.to_string()));
        Value::Object(object)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::results::WriteResult;
    use crate::model::test_support::fixture;

    fn sample_cluster() -> CucmCluster {
        CucmCluster {
            cucm: String::new(),
            cti_user: "CerVarun".into(),
            cti_password: Secret::new("cisco".into()),
            teleport_address: "+12".into(),
            secure_connection: SecureConnection {
                tftp_port: Some(69),
                capf_port: Some(3804),
                auth_string_publisher: Secret::new("test".into()),
                auth_string_subscriber: Secret::new("FDFDFD".into()),
                ..Default::default()
            },
            axl: AxlSettings {
                user: "tyuuy".into(),
                password: Secret::new("cisco".into()),
                port: Some(2500),
            },
            use_snmp_v3: true,
            ..Default::default()
        }
    }

    #[test]
    fn request_matches_the_sample_byte_for_byte() {
        let sample: Value = serde_json::from_slice(&fixture("cluster-add.request.json")).unwrap();
        let wire = sample_cluster().to_wire();
        assert_eq!(wire, sample);
        let keys: Vec<&String> = wire.as_object().unwrap().keys().collect();
        let sample_keys: Vec<&String> = sample.as_object().unwrap().keys().collect();
        assert_eq!(keys, sample_keys);
    }

    #[test]
    fn response_decodes() {
        let value: Value = serde_json::from_slice(&fixture("cluster-add.response.json")).unwrap();
        let result = WriteResult::from_wire(&value).unwrap();
        assert_eq!(result.status, "Success");
        assert_eq!(
            result.message.as_deref(),
            Some("CUCM cluster added successfully")
        );
    }

    #[test]
    fn secrets_stay_out_of_debug_output() {
        let text = format!("{:?}", sample_cluster());
        assert!(!text.contains("cisco"));
        assert!(!text.contains("FDFDFD"));
        assert!(text.contains("CerVarun"));
    }

    #[test]
    fn invalid_settings_are_rejected() {
        let mut cluster = sample_cluster();
        assert!(cluster.clone().validate().is_err(), "empty cucm");
        cluster.cucm = "cucm-pub.example.com".into();
        assert!(cluster.clone().validate().is_ok());
        cluster.axl.port = Some(70000);
        assert!(cluster.validate().is_err());
    }
}
