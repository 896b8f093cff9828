//! When and how long to wait before sending a failed request again.

use std::time::{Duration, SystemTime};

/// Retry settings of a client.
#[derive(Clone, Debug, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt; 0 turns retrying off.
    pub retries: u32,
    /// Wait before the first retry; each further retry doubles it, with jitter.
    pub backoff: f64,
    /// Longest wait between two attempts, `Retry-After` included.
    pub max_backoff: f64,
    /// HTTP statuses that are retried. 401 is never retried, whatever this lists,
    /// because repeated failed logins lock the CER account.
    pub statuses: Vec<u16>,
    /// Also retry POST, PUT and DELETE, which may apply a change twice.
    pub retry_writes: bool,
}

impl Default for RetryPolicy {
    /// Two retries for reads, from 0.5 s, on connection failures, timeouts and the
    /// statuses CER sheds load with (500, 503) plus 429, 502 and 504.
    fn default() -> Self {
        RetryPolicy {
            retries: 2,
            backoff: 0.5,
            max_backoff: 8.0,
            statuses: vec![429, 500, 502, 503, 504],
            retry_writes: false,
        }
    }
}

impl RetryPolicy {
    /// Returns the wait before retry number `retry` (1 for the first), with ±25 % jitter.
    pub fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        let cap_seconds = if self.max_backoff.is_finite() {
            self.max_backoff.max(0.0)
        } else {
            0.0
        };
        let cap = Duration::try_from_secs_f64(cap_seconds).unwrap_or(Duration::MAX);
        if let Some(wait) = retry_after {
            return wait.min(cap);
        }
        let exponent = retry.saturating_sub(1).min(64) as i32;
        let base = self.backoff.max(0.0) * 2f64.powi(exponent);
        // Capping in seconds first keeps an overflowing product (infinity) out of Duration.
        let seconds = (base * (0.75 + 0.5 * jitter())).min(cap_seconds);
        Duration::try_from_secs_f64(seconds).unwrap_or(cap)
    }

    pub fn retries_status(&self, status: u16) -> bool {
        status != 401 && self.statuses.contains(&status)
    }
}

/// Returns a number in [0, 1) that differs between calls.
fn jitter() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// Reads a `Retry-After` header: a number of seconds or an HTTP date.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(SystemTime::now()).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_and_stay_capped() {
        let policy = RetryPolicy::default();
        for retry in 1..=6 {
            let delay = policy.delay(retry, None).as_secs_f64();
            let base = 0.5 * 2f64.powi(retry as i32 - 1);
            assert!(
                delay >= (base * 0.75).min(8.0) - 1e-9 && delay <= (base * 1.25).min(8.0) + 1e-9,
                "{retry}: {delay}"
            );
        }
        assert_eq!(
            policy.delay(1, Some(Duration::from_secs(3))),
            Duration::from_secs(3)
        );
        assert_eq!(
            policy.delay(1, Some(Duration::from_secs(600))),
            Duration::from_secs(8)
        );
        let huge = RetryPolicy {
            backoff: 1e20,
            max_backoff: 1e30,
            ..RetryPolicy::default()
        };
        assert!(
            huge.delay(200, None) > Duration::ZERO,
            "overflow is capped, not a panic"
        );
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        assert_eq!(parse_retry_after("7"), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn unauthorized_is_never_retried() {
        let policy = RetryPolicy {
            statuses: vec![401, 503],
            ..RetryPolicy::default()
        };
        assert!(!policy.retries_status(401));
        assert!(policy.retries_status(503));
    }
}
