//! IP subnets (`/ipsubnetphone`, `v1/ipsubnet`, `v1/ipsubnetv6`): the subnet record
//! and the add/update/delete requests, with address checks done before sending.

use std::net::{Ipv4Addr, Ipv6Addr};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::records;
use crate::error::{Error, Result};
use crate::wire::quirks;

/// An IP subnet as `GET v1/ipsubnet` returns it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Subnet {
    pub subnet_id: String,
    /// A dotted mask for IPv4, a prefix length for IPv6, as CER sent it.
    pub subnet_mask: String,
    pub erl_name: String,
    pub location: String,
    pub do_not_track: bool,
    pub is_ipv6: bool,
    pub extra: Map<String, Value>,
}

fn lookup<'a>(map: &'a Map<String, Value>, names: &[&str]) -> Option<&'a Value> {
    names.iter().find_map(|name| {
        map.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    })
}

const ID_NAMES: [&str; 3] = ["SUBNETID", "subnetId", "subnet"];
const MASK_NAMES: [&str; 3] = ["SUBNETMASK", "prefixLength", "PREFIXLENGTH"];
const ERL_NAMES: [&str; 2] = ["ERLNAME", "erl"];
const LOCATION_NAMES: [&str; 1] = ["LOCATION"];
const TRACK_NAMES: [&str; 3] = ["DONOTTRACK", "Isnontrackable", "nonTrackable"];
const IPV6_NAMES: [&str; 2] = ["isIPv6Subnet", "ISIPV6"];

impl Subnet {
    /// Reads one subnet record. `v1/ipsubnet`'s shape is not published, so the
    /// fields are looked up under the add request's names and the export API's
    /// (`subnetID`, `subnetMask`, `ERLName`, `Isnontrackable`, `isIPv6Subnet`).
    pub fn from_wire(value: &Value) -> std::result::Result<Self, String> {
        let object = super::expect_object(value, "a subnet")?;
        let subnet_id = quirks::text(lookup(object, &ID_NAMES))
            .ok_or_else(|| "a subnet has no SUBNETID".to_string())?;
        let subnet_mask = quirks::text(lookup(object, &MASK_NAMES)).unwrap_or_default();
        let is_ipv6 =
            quirks::boolean(lookup(object, &IPV6_NAMES)).unwrap_or_else(|| subnet_id.contains(':'));
        let known: Vec<&str> = [
            &ID_NAMES[..],
            &MASK_NAMES,
            &ERL_NAMES,
            &LOCATION_NAMES,
            &TRACK_NAMES,
            &IPV6_NAMES,
        ]
        .concat();
        let extra = object
            .iter()
            .filter(|(k, _)| !known.iter().any(|n| n.eq_ignore_ascii_case(k)))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        Ok(Subnet {
            subnet_id,
            subnet_mask,
            erl_name: quirks::text(lookup(object, &ERL_NAMES)).unwrap_or_default(),
            location: quirks::text(lookup(object, &LOCATION_NAMES)).unwrap_or_default(),
            do_not_track: quirks::boolean(lookup(object, &TRACK_NAMES)).unwrap_or(false),
            is_ipv6,
            extra,
        })
    }
}

/// Reads the subnets of a `v1/ipsubnet` response.
pub fn subnets_from_wire(value: &Value) -> std::result::Result<Vec<Subnet>, String> {
    records(value).into_iter().map(Subnet::from_wire).collect()
}

/// Checks a dotted IPv4 mask: four octets with the one bits contiguous from the left.
pub fn parse_ipv4_mask(mask: &str) -> Result<Ipv4Addr> {
    let parsed: Ipv4Addr = mask.trim().parse().map_err(|_| {
        Error::invalid(format!(
            "invalid subnet_mask {mask:?}: give a dotted mask such as 255.255.255.0"
        ))
    })?;
    let bits = u32::from(parsed);
    if bits.leading_ones() + bits.trailing_zeros() != 32 {
        return Err(Error::invalid(format!(
            "invalid subnet_mask {mask:?}: the one bits of a mask must be contiguous, as in 255.255.255.0"
        )));
    }
    Ok(parsed)
}

/// The body of the IPv4 add, update and delete (`/ipsubnetphone`).
#[derive(Clone, Debug)]
pub struct SubnetRequest {
    pub subnet_id: Ipv4Addr,
    pub subnet_mask: Ipv4Addr,
    pub erl_name: Option<String>,
    pub location: Option<String>,
    pub do_not_track: Option<bool>,
}

impl SubnetRequest {
    pub fn new(
        subnet_id: &str,
        subnet_mask: &str,
        erl_name: Option<String>,
        location: Option<String>,
        do_not_track: Option<bool>,
    ) -> Result<Self> {
        let id: Ipv4Addr = subnet_id.trim().parse().map_err(|_| {
            Error::invalid(format!(
                "invalid subnet_id {subnet_id:?}: give an IPv4 address such as 10.1.20.0"
            ))
        })?;
        let mask = parse_ipv4_mask(subnet_mask)?;
        if let Some(name) = &erl_name {
            if name.trim().is_empty() {
                return Err(Error::invalid("erl_name must not be empty"));
            }
        }
        Ok(SubnetRequest {
            subnet_id: id,
            subnet_mask: mask,
            erl_name,
            location,
            do_not_track,
        })
    }

    /// Checks that `subnet_id` is the subnet's network address, so that a typo such
    /// as 10.1.40.5/255.255.255.0 does not add a subnet nobody meant. Update and
    /// delete skip this check, so that entries made elsewhere can still be changed.
    pub fn require_network_address(&self) -> Result<()> {
        let network = Ipv4Addr::from(u32::from(self.subnet_id) & u32::from(self.subnet_mask));
        if network != self.subnet_id {
            return Err(Error::invalid(format!(
                "invalid subnet_id {}: it has host bits set for mask {}; the subnet's address is {network}",
                self.subnet_id, self.subnet_mask
            )));
        }
        Ok(())
    }

    /// Writes the upper-case fields of `POST /ipsubnetphone`. `DONOTTRACK` is a JSON
    /// boolean, as in Cisco's JSON sample; the XML writer spells it `true`/`false`.
    pub fn to_wire(&self) -> Value {
        let mut object = Map::new();
        object.insert("SUBNETID".into(), Value::String(self.subnet_id.to_string()));
        object.insert(
            "SUBNETMASK".into(),
            Value::String(self.subnet_mask.to_string()),
        );
        if let Some(erl) = &self.erl_name {
            object.insert("ERLNAME".into(), Value::String(erl.clone()));
        }
        if let Some(location) = &self.location {
            object.insert("LOCATION".into(), Value::String(location.clone()));
        }
        if let Some(flag) = self.do_not_track {
            object.insert("DONOTTRACK".into(), Value::Bool(flag));
        }
        Value::Object(object)
    }
}

/// The body of `POST v1/ipsubnetv6`.
#[derive(Clone, Debug)]
pub struct Ipv6SubnetRequest {
    pub subnet_id: Ipv6Addr,
    pub prefix_length: u8,
    pub erl_name: String,
    pub location: Option<String>,
    pub do_not_track: bool,
}

impl Ipv6SubnetRequest {
    pub fn new(
        subnet_id: &str,
        prefix_length: i64,
        erl_name: String,
        location: Option<String>,
        do_not_track: bool,
    ) -> Result<Self> {
        let id: Ipv6Addr = subnet_id.trim().parse().map_err(|_| {
            Error::invalid(format!(
                "invalid subnet_id {subnet_id:?}: give an IPv6 address such as 2001:db8:10::"
            ))
        })?;
        if !(0..=128).contains(&prefix_length) {
            return Err(Error::invalid(format!(
                "invalid prefix_length {prefix_length}: an IPv6 prefix length is 0 to 128"
            )));
        }
        if erl_name.trim().is_empty() {
            return Err(Error::invalid("erl_name must not be empty"));
        }
        Ok(Ipv6SubnetRequest {
            subnet_id: id,
            prefix_length: prefix_length as u8,
            erl_name,
            location,
            do_not_track,
        })
    }

    /// Checks that `subnet_id` is the prefix's network address, as for IPv4.
    pub fn require_network_address(&self) -> Result<()> {
        let bits = u128::from(self.subnet_id);
        let mask = if self.prefix_length == 0 {
            0
        } else {
            u128::MAX << (128 - u32::from(self.prefix_length))
        };
        let network = Ipv6Addr::from(bits & mask);
        if network != self.subnet_id {
            return Err(Error::invalid(format!(
                "invalid subnet_id {}: it has host bits set for prefix length {}; the subnet's address is {network}",
                self.subnet_id, self.prefix_length
            )));
        }
        Ok(())
    }

    /// NOTE: Cisco does not publish this body. It follows the IPv4 add, with the
    /// prefix length in `SUBNETMASK`.
    pub fn to_wire(&self) -> Value {
        let mut object = Map::new();
        object.insert("SUBNETID".into(), Value::String(self.subnet_id.to_string()));
        object.insert(
            "SUBNETMASK".into(),
            Value::String(self.prefix_length.to_string()),
        );
        object.insert("ERLNAME".into(), Value::String(self.erl_name.clone()));
        if let Some(location) = &self.location {
            object.insert("LOCATION".into(), Value::String(location.clone()));
        }
        object.insert("DONOTTRACK".into(), Value::Bool(self.do_not_track));
        Value::Object(object)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::results::WriteResult;
    use crate::model::test_support::both;

    #[test]
    fn add_request_matches_the_samples() {
        let request = SubnetRequest::new(
            "34.45.35.45",
            "255.255.255.0",
            Some("erl2".into()),
            Some("Nashik".into()),
            Some(false),
        )
        .unwrap();
        let samples = both("ipsubnetphone-add.request");
        assert_eq!(
            request.to_wire(),
            samples[0],
            "JSON sends DONOTTRACK as a boolean"
        );
        let xml = crate::wire::encode(
            crate::wire::Format::Xml,
            "addIPSubnetPhoneRequest",
            &request.to_wire(),
        );
        let (root, value) = crate::wire::xml::parse(&xml).unwrap();
        assert_eq!(root, "addIPSubnetPhoneRequest");
        assert_eq!(value, samples[1]);
    }

    #[test]
    fn add_response_decodes_in_both_formats() {
        for value in both("ipsubnetphone-add.response") {
            let result = WriteResult::from_wire(&value).unwrap();
            assert_eq!(result.status, "SUCCESS");
            assert_eq!(
                result.message.as_deref(),
                Some("IpSubnet Data Added Successfully")
            );
        }
    }

    #[test]
    fn invalid_addresses_and_masks_are_rejected() {
        for (id, mask) in [
            ("10.1.2.0", "255.0.255.0"),
            ("10.1.2.0", "255.255.255.1"),
            ("10.1.2", "255.255.255.0"),
            ("10.1.2.0", "24"),
            ("2001:db8::", "255.255.255.0"),
        ] {
            assert!(
                SubnetRequest::new(id, mask, Some("e".into()), None, None).is_err(),
                "{id} {mask}"
            );
        }
        for mask in ["255.255.255.0", "0.0.0.0", "255.255.255.255", "255.128.0.0"] {
            assert!(parse_ipv4_mask(mask).is_ok(), "{mask}");
        }
        assert!(Ipv6SubnetRequest::new("2001:db8::", 129, "e".into(), None, false).is_err());
        assert!(Ipv6SubnetRequest::new("10.0.0.0", 64, "e".into(), None, false).is_err());
        assert!(Ipv6SubnetRequest::new("2001:db8::", 64, "e".into(), None, false).is_ok());
        let typo =
            SubnetRequest::new("10.1.40.5", "255.255.255.0", Some("e".into()), None, None).unwrap();
        assert!(typo
            .require_network_address()
            .unwrap_err()
            .message
            .contains("10.1.40.0"));
        let network =
            SubnetRequest::new("10.1.40.0", "255.255.255.0", Some("e".into()), None, None).unwrap();
        assert!(network.require_network_address().is_ok());
        let v6 = Ipv6SubnetRequest::new("2001:db8::1", 64, "e".into(), None, false).unwrap();
        assert!(v6.require_network_address().is_err());
    }

    #[test]
    fn subnets_decode_under_either_naming() {
        let add_style = serde_json::json!({"ipSubnets": {"ipSubnet": [
            {"SUBNETID": "10.1.0.0", "SUBNETMASK": "255.255.0.0", "ERLNAME": "HQ", "DONOTTRACK": "false"},
            {"subnetID": "2001:db8::", "subnetMask": "64", "ERLName": "Lab", "Isnontrackable": "true", "VLAN": "20"}
        ]}});
        let subnets = subnets_from_wire(&add_style).unwrap();
        assert_eq!(subnets.len(), 2);
        assert_eq!(subnets[0].erl_name, "HQ");
        assert!(!subnets[0].is_ipv6);
        assert!(subnets[1].is_ipv6);
        assert!(subnets[1].do_not_track);
        assert_eq!(subnets[1].extra["VLAN"], "20");
    }
}
