//! Client settings: where CER is, how to authenticate, TLS, timeouts and format.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use url::Url;

use crate::error::{Error, Result};
use crate::release::Release;
use crate::transport::retry::RetryPolicy;

/// Largest response body read by default: 256 MiB, room for a `GET /cerl` of
/// several hundred thousand ERLs.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 256 * 1024 * 1024;
use crate::wire::Format;

/// Path of the configuration API below the publisher's base URL.
pub const SERVICE_PATH: &str = "/cerappservices/service";

/// How the server certificate is checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verify {
    /// System roots, plus the bundle named by `SSL_CERT_FILE` when it is set.
    System,
    /// Only the CA certificates in this PEM file.
    CaFile(PathBuf),
    /// No check at all.
    Off,
}

/// A password that never shows in `Debug` output.
#[derive(Clone, Default)]
pub struct Secret(String);

impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret)
    }
}

impl Secret {
    pub fn new(value: String) -> Self {
        Secret(value)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Everything a client needs to reach one CER publisher.
#[derive(Clone, Debug)]
pub struct Config {
    /// Scheme, host and port, such as `https://cer-pub.example.com:443`.
    pub base_url: Url,
    pub username: String,
    pub password: Secret,
    pub verify: Verify,
    pub connect_timeout: Duration,
    pub read_timeout: Duration,
    /// Maximum number of requests in flight for one client.
    pub max_concurrency: usize,
    pub format: Format,
    /// The CER release the caller declared, if any.
    pub release: Option<Release>,
    pub retry: RetryPolicy,
    /// Responses with a larger body fail with a `DecodeError` instead of being read.
    pub max_response_bytes: u64,
}

impl Config {
    /// Validates the settings a caller passed.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        base_url: &str,
        username: &str,
        password: String,
        verify: Verify,
        connect_timeout: f64,
        read_timeout: f64,
        max_concurrency: usize,
        format: &str,
        release: Option<&str>,
    ) -> Result<Self> {
        let base_url = parse_base_url(base_url)?;
        if username.is_empty() {
            return Err(Error::invalid("username must not be empty"));
        }
        if username.contains(':') {
            return Err(Error::invalid(
                "username must not contain ':' because HTTP Basic authentication cannot carry it",
            ));
        }
        let connect_timeout = positive_seconds("connect timeout", connect_timeout)?;
        let read_timeout = positive_seconds("read timeout", read_timeout)?;
        if max_concurrency == 0 {
            return Err(Error::invalid("max_concurrency must be at least 1"));
        }
        Ok(Config {
            base_url,
            username: username.to_string(),
            password: Secret::new(password),
            verify,
            connect_timeout,
            read_timeout,
            max_concurrency,
            format: Format::parse(format)?,
            release: release.map(Release::parse).transpose()?,
            retry: RetryPolicy::default(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
        })
    }

    /// Returns the absolute URL of a configuration API path such as `user/` or `/user`.
    pub fn service_url(&self, path: &str) -> String {
        let origin = self.base_url.as_str().trim_end_matches('/');
        format!("{origin}{SERVICE_PATH}/{}", path.trim_start_matches('/'))
    }

    /// Returns the path part of a service URL, as shown in logs and errors.
    pub fn service_path(path: &str) -> String {
        format!("{SERVICE_PATH}/{}", path.trim_start_matches('/'))
    }
}

fn positive_seconds(name: &str, seconds: f64) -> Result<Duration> {
    if !seconds.is_finite() || seconds <= 0.0 {
        return Err(Error::invalid(format!(
            "{name} must be a positive number of seconds, got {seconds}"
        )));
    }
    Duration::try_from_secs_f64(seconds)
        .map_err(|_| Error::invalid(format!("{name} of {seconds} seconds is too large")))
}

fn parse_base_url(base_url: &str) -> Result<Url> {
    let url = Url::parse(base_url)
        .map_err(|e| Error::invalid(format!("invalid CER base URL {base_url:?}: {e}")))?;
    if url.scheme() != "https" && url.scheme() != "http" {
        return Err(Error::invalid(format!(
            "invalid CER base URL {base_url:?}: the scheme must be https or http"
        )));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(Error::invalid(format!(
            "invalid CER base URL {base_url:?}: the host is missing"
        )));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::invalid(
            "the CER base URL must not contain credentials; pass username and password instead",
        ));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(url: &str) -> Result<Config> {
        Config::new(
            url,
            "u",
            "p".into(),
            Verify::System,
            1.0,
            1.0,
            1,
            "json",
            None,
        )
    }

    #[test]
    fn service_url_joins_paths() {
        let c = config("https://cer.example.com:8443").unwrap();
        assert_eq!(
            c.service_url("user/"),
            "https://cer.example.com:8443/cerappservices/service/user/"
        );
        assert_eq!(
            c.service_url("/v2/trackedphones"),
            "https://cer.example.com:8443/cerappservices/service/v2/trackedphones"
        );
    }

    #[test]
    fn invalid_settings_are_rejected() {
        assert!(config("ftp://cer").is_err());
        assert!(config("https://user:pw@cer").is_err());
        assert!(config("not a url").is_err());
        assert!(Config::new(
            "https://cer",
            "a:b",
            "p".into(),
            Verify::Off,
            1.0,
            1.0,
            1,
            "json",
            None
        )
        .is_err());
        assert!(Config::new(
            "https://cer",
            "a",
            "p".into(),
            Verify::Off,
            0.0,
            1.0,
            1,
            "json",
            None
        )
        .is_err());
        assert!(Config::new(
            "https://cer",
            "a",
            "p".into(),
            Verify::Off,
            1.0,
            1.0,
            1,
            "yaml",
            None
        )
        .is_err());
        assert!(Config::new(
            "https://cer",
            "a",
            "p".into(),
            Verify::Off,
            1.0,
            1.0,
            1,
            "json",
            Some("fifteen")
        )
        .is_err());
    }

    #[test]
    fn secret_is_hidden_in_debug() {
        let c = config("https://cer").unwrap();
        assert!(!format!("{c:?}").contains("\"p\""));
    }
}
