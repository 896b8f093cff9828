//! CER releases, to name the release that added an endpoint and to refuse calls a
//! known older release cannot serve.

use std::fmt;

use crate::error::{Error, Result};

/// A CER release as major version and service update, such as 15SU2.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Release {
    pub major: u8,
    pub service_update: u8,
}

impl Release {
    pub const R14: Release = Release {
        major: 14,
        service_update: 0,
    };
    pub const R14SU3: Release = Release {
        major: 14,
        service_update: 3,
    };
    pub const R15SU1: Release = Release {
        major: 15,
        service_update: 1,
    };
    pub const R15SU2: Release = Release {
        major: 15,
        service_update: 2,
    };

    /// Parses `"14"`, `"14SU3"`, `"15.0"`, `"15SU2"` and similar, in any case.
    pub fn parse(text: &str) -> Result<Self> {
        let invalid = || {
            Error::invalid(format!(
                "invalid CER release {text:?}: use a form such as \"14\", \"14SU3\", \"15SU1\" or \"15SU2\""
            ))
        };
        let upper = text
            .trim()
            .to_ascii_uppercase()
            .replace([' ', '(', ')'], "");
        let (major, su) = match upper.split_once("SU") {
            Some((major, su)) => (major, su),
            None => (upper.as_str(), "0"),
        };
        let major = major.split('.').next().unwrap_or_default();
        let major: u8 = major.parse().map_err(|_| invalid())?;
        let service_update: u8 = su.parse().map_err(|_| invalid())?;
        if major < 10 {
            return Err(invalid());
        }
        Ok(Release {
            major,
            service_update,
        })
    }
}

impl fmt::Display for Release {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.service_update == 0 {
            write!(f, "{}", self.major)
        } else {
            write!(f, "{}SU{}", self.major, self.service_update)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn releases_parse_and_order() {
        assert_eq!(Release::parse("14").unwrap(), Release::R14);
        assert_eq!(Release::parse("14su3").unwrap(), Release::R14SU3);
        assert_eq!(
            Release::parse("15.0").unwrap(),
            Release {
                major: 15,
                service_update: 0
            }
        );
        assert_eq!(Release::parse(" 15SU2 ").unwrap(), Release::R15SU2);
        assert!(Release::R14SU3 < Release::parse("15").unwrap());
        assert!(Release::parse("15").unwrap() < Release::R15SU1);
        assert_eq!(Release::R15SU2.to_string(), "15SU2");
        for bad in ["", "fifteen", "15SUx", "7"] {
            assert!(Release::parse(bad).is_err(), "{bad}");
        }
    }
}
