//! The resource permissions a CER role can hold: the request flag, its group in the
//! request body and the display name responses use. Taken from the field table of
//! Cisco's user management page
//! (https://developer.cisco.com/docs/cisco-emergency-responder-configuration-api-v15su1/user-management/).

/// One permission: the request group and flag, and the display name.
pub struct Permission {
    pub group: &'static str,
    pub flag: &'static str,
    pub name: &'static str,
}

const fn p(group: &'static str, flag: &'static str, name: &'static str) -> Permission {
    Permission { group, flag, name }
}

/// Request groups in the order of Cisco's samples.
pub const GROUPS: [&str; 5] = [
    "CERAdminUtility",
    "CERAuditAdministrator",
    "CERServiceability",
    "CERSystemAdministrator",
    "CERUser",
];

/// Every permission, in the order of Cisco's request samples.
pub const PERMISSIONS: [Permission; 53] = [
    p(
        "CERAdminUtility",
        "ClusterDBHostsetting",
        "Cluster DB Host setting",
    ),
    p("CERAdminUtility", "ChangeCCMVersion", "Change CCM Version"),
    p(
        "CERAuditAdministrator",
        "AuditLogConfiguration",
        "Audit Log Configuration",
    ),
    p("CERServiceability", "AllLogs", "All Logs"),
    p("CERServiceability", "ControlCentre", "Control Centre"),
    p("CERServiceability", "CPUMemoryUsage", "CPU & Memory Usage"),
    p("CERServiceability", "DiskUsage", "Disk Usage"),
    p("CERServiceability", "EventViewer", "Event Viewer"),
    p("CERServiceability", "Processes", "Processes"),
    p(
        "CERServiceability",
        "MIB2systemgroupconfiguration",
        "MIB2 system group configuration",
    ),
    p(
        "CERServiceability",
        "SNMPV1V2configuration",
        "SNMP V1/V2c configuration",
    ),
    p(
        "CERServiceability",
        "SNMPv3configuration",
        "SNMP v3 configuration",
    ),
    p("CERSystemAdministrator", "AccessPoint", "Access Point"),
    p("CERSystemAdministrator", "AddSubscriber", "Add Subscriber"),
    p(
        "CERSystemAdministrator",
        "ALIFormattingTool",
        "ALI Formatting Tool",
    ),
    p("CERSystemAdministrator", "CallHistory", "Call History"),
    p(
        "CERSystemAdministrator",
        "CallManagerDetails",
        "Call Manager Details",
    ),
    p(
        "CERSystemAdministrator",
        "CERGroupsinCluster",
        "CER Groups in Cluster",
    ),
    p(
        "CERSystemAdministrator",
        "DeviceSnmpSettings",
        "Device Snmp Settings",
    ),
    p("CERSystemAdministrator", "ERL", "ERL"),
    p("CERSystemAdministrator", "ERLAuditTrail", "ERL Audit Trail"),
    p("CERSystemAdministrator", "ERLDebugTool", "ERL Debug Tool"),
    p("CERSystemAdministrator", "ERLMigration", "ERL Migration"),
    p(
        "CERSystemAdministrator",
        "FileManagementUtility",
        "File Management Utility",
    ),
    p(
        "CERSystemAdministrator",
        "Functionalrole",
        "Functional role",
    ),
    p("CERSystemAdministrator", "IntradoERL", "Intrado ERL"),
    p("CERSystemAdministrator", "IPSubnet", "IP Subnet"),
    p(
        "CERSystemAdministrator",
        "LicenseManagement",
        "License Management",
    ),
    p(
        "CERSystemAdministrator",
        "MailAlertConfigurations",
        "Mail Alert Configurations",
    ),
    p(
        "CERSystemAdministrator",
        "ManuallyConfiguredPhones",
        "Manually Configured Phones",
    ),
    p(
        "CERSystemAdministrator",
        "OffPremisesERL",
        "Off-Premises ERL",
    ),
    p("CERSystemAdministrator", "OnsiteContact", "OnsiteContact"),
    p(
        "CERSystemAdministrator",
        "PagerandEmailAlertConfigurations",
        "Pager and Email Alert Configurations",
    ),
    p("CERSystemAdministrator", "PSALIConvert", "PS ALI Convert"),
    p("CERSystemAdministrator", "PSALIExport", "PS ALI Export"),
    p("CERSystemAdministrator", "Purge", "Purge"),
    p("CERSystemAdministrator", "RunTracking", "Run Tracking"),
    p("CERSystemAdministrator", "SamlSso", "Saml Sso"),
    p(
        "CERSystemAdministrator",
        "TrackingSchedule",
        "Tracking Schedule",
    ),
    p("CERSystemAdministrator", "Server", "Server"),
    p("CERSystemAdministrator", "ServerGroup", "Server Group"),
    p("CERSystemAdministrator", "LANSwitches", "LAN Switches"),
    p("CERSystemAdministrator", "SwitchPort", "Switch Port"),
    p(
        "CERSystemAdministrator",
        "SyntheticPhone",
        "Synthetic Phone",
    ),
    p("CERSystemAdministrator", "Telephony", "Telephony"),
    p(
        "CERSystemAdministrator",
        "UnlocatedPhones",
        "Unlocated Phones",
    ),
    p(
        "CERSystemAdministrator",
        "ApplicationUser",
        "Application User",
    ),
    p("CERSystemAdministrator", "UserSetting", "User Setting"),
    p("CERSystemAdministrator", "UserGroup", "User Group"),
    p(
        "CERSystemAdministrator",
        "IntradoVUISettings",
        "Intrado VUI Settings",
    ),
    p("CERUser", "PhoneSearch", "Phone Search"),
    p("CERUser", "UserCallHistory", "User Call History"),
    p("CERUser", "WebAlert", "Web Alert"),
];

/// Reduces a permission name to letters and digits in lower case, so that
/// `"CPU & Memory Usage"`, `"CPUMemoryUsage"` and `"cpu_memory_usage"` compare equal.
fn key(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Finds a permission by display name, request flag or snake_case name.
pub fn find(name: &str) -> Option<&'static Permission> {
    let wanted = key(name);
    if wanted.is_empty() {
        return None;
    }
    PERMISSIONS
        .iter()
        .find(|p| key(p.name) == wanted || key(p.flag) == wanted)
}

/// Returns the display name CER uses for a permission in any spelling, or the
/// name unchanged when it is not a known permission.
pub fn display_name(name: &str) -> String {
    find(name).map_or_else(|| name.trim().to_string(), |p| p.name.to_string())
}

/// Returns true when a request flag value selects the permission: `Y` or `y`.
pub fn flag_selected(value: &str) -> bool {
    value.trim().eq_ignore_ascii_case("y")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_finds_the_permission() {
        for spelling in ["CPU & Memory Usage", "CPUMemoryUsage", "cpu_memory_usage"] {
            assert_eq!(
                find(spelling).map(|p| p.flag),
                Some("CPUMemoryUsage"),
                "{spelling}"
            );
        }
        assert!(find("Coffee Machine").is_none());
        assert!(find("").is_none());
    }

    #[test]
    fn names_and_flags_are_unique() {
        for (i, a) in PERMISSIONS.iter().enumerate() {
            for b in &PERMISSIONS[i + 1..] {
                assert_ne!(key(a.name), key(b.name));
                assert_ne!(key(a.flag), key(b.flag));
            }
        }
    }

    #[test]
    fn flags_follow_the_documented_spelling() {
        assert!(flag_selected("Y"));
        assert!(flag_selected("y"));
        for other in ["", "ty", "ysfgsgdt", "yes", "true"] {
            assert!(!flag_selected(other), "{other}");
        }
    }
}
