//! What a vote records about where it came from, for integrity checks: salted hashes of the
//! voter's network prefix and device id. Raw addresses are never stored, and the hashes cannot
//! be compared with another installation's (the salt derives from this one's JWT secret).

use std::net::IpAddr;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::config::JwtSecret;
use crate::digest::hex;

/// The salt of the integrity hashes (app data).
pub struct IntegritySalt(Vec<u8>);

/// A vote's origin, hashed.
#[derive(Debug, Clone, Default)]
pub struct VoteSignals {
    pub network_hash: Option<String>,
    pub device_hash: Option<String>,
}

impl IntegritySalt {
    pub fn derive(secret: &JwtSecret) -> Self {
        IntegritySalt(Self::mac(secret.as_bytes(), "schwarm vote integrity salt v1").into_bytes())
    }

    /// The signals of a vote from `ip` with the client-kept device id `device` (a random id the
    /// app stores, sent as `X-Device-Id`).
    pub fn signals(&self, ip: IpAddr, device: Option<&str>) -> VoteSignals {
        VoteSignals {
            network_hash: Some(Self::mac(&self.0, &format!("network:{}", network_prefix(ip)))),
            device_hash: device
                .map(str::trim)
                .filter(|device| !device.is_empty())
                .map(|device| Self::mac(&self.0, &format!("device:{device}"))),
        }
    }

    fn mac(key: &[u8], message: &str) -> String {
        // HMAC accepts keys of any length, so this cannot fail.
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
            return String::new();
        };
        mac.update(message.as_bytes());
        hex(&mac.finalize().into_bytes())
    }
}

/// The network a household or office shares: the /24 of an IPv4 address, the /64 of an IPv6
/// one (IPv4-mapped IPv6 addresses count as IPv4).
pub fn network_prefix(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            format!("{a}.{b}.{c}.0/24")
        }
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => network_prefix(IpAddr::V4(v4)),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbours_share_a_prefix_and_strangers_do_not() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        assert_eq!(
            network_prefix(ip("203.0.113.7")),
            network_prefix(ip("203.0.113.200"))
        );
        assert_ne!(
            network_prefix(ip("203.0.113.7")),
            network_prefix(ip("203.0.114.7"))
        );
        assert_eq!(network_prefix(ip("::ffff:203.0.113.9")), "203.0.113.0/24");
        assert_eq!(network_prefix(ip("2001:db8:1:2:aaaa::1")), "2001:db8:1:2::/64");
    }

    #[test]
    fn hashes_are_stable_salted_and_never_the_raw_address() {
        let salt = IntegritySalt::derive(&JwtSecret::new(vec![7; 32]).unwrap());
        let other = IntegritySalt::derive(&JwtSecret::new(vec![8; 32]).unwrap());
        let ip = "203.0.113.7".parse().unwrap();
        let signals = salt.signals(ip, Some("device-1"));
        let hash = signals.network_hash.clone().unwrap();
        assert_eq!(salt.signals(ip, None).network_hash.unwrap(), hash);
        assert_ne!(
            other.signals(ip, None).network_hash.unwrap(),
            hash,
            "salted per installation"
        );
        assert!(!hash.contains("203"), "{hash}");
        assert_eq!(salt.signals(ip, Some("  ")).device_hash, None);
        assert!(signals.device_hash.is_some());
    }
}
