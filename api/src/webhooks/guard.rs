//! The SSRF guard: a webhook may only reach the public internet. Its URL is checked when it is
//! saved, and the addresses its host resolves to are checked again at every delivery (a name
//! can be pointed at an internal address after it was saved), with the connection made to the
//! checked addresses only, so DNS rebinding between check and connect is impossible.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, ToSocketAddrs};

use url::Url;

/// What targets this server may call.
#[derive(Debug, Clone, Copy)]
pub struct TargetPolicy {
    /// `http://` besides `https://` (`WEBHOOK_ALLOW_HTTP`).
    pub allow_http: bool,
    /// Loopback, private and link-local targets (`WEBHOOK_ALLOW_PRIVATE_TARGETS`; tests and
    /// on-premises installations only).
    pub allow_private: bool,
}

/// Why a URL may not be a webhook target.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("not an absolute http(s) URL")]
    Malformed,
    #[error("only https:// targets are allowed")]
    Scheme,
    #[error("credentials in the URL are not allowed; authenticate with the signature")]
    Credentials,
    #[error("the target is a loopback, private, link-local or otherwise internal address")]
    Internal,
}

/// Checks a URL as it is saved: syntax, scheme, no credentials, and no internal IP literal or
/// name (`localhost`).
pub fn check_url(raw: &str, policy: TargetPolicy) -> Result<Url, Refusal> {
    let url = Url::parse(raw).map_err(|_| Refusal::Malformed)?;
    match url.scheme() {
        "https" => {}
        "http" if policy.allow_http => {}
        "http" => return Err(Refusal::Scheme),
        _ => return Err(Refusal::Malformed),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Refusal::Credentials);
    }
    let host = url.host().ok_or(Refusal::Malformed)?;
    if policy.allow_private {
        return Ok(url);
    }
    match host {
        url::Host::Ipv4(ip) if forbidden(IpAddr::V4(ip)) => Err(Refusal::Internal),
        url::Host::Ipv6(ip) if forbidden(IpAddr::V6(ip)) => Err(Refusal::Internal),
        url::Host::Domain(name) if is_internal_name(name) => Err(Refusal::Internal),
        _ => Ok(url),
    }
}

fn is_internal_name(name: &str) -> bool {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name.ends_with(".internal")
        || name.ends_with(".local")
        || name == "metadata.google.internal"
}

/// Whether `ip` is anything but a public unicast address: loopback, private, shared (CGNAT),
/// link-local (cloud metadata lives there), multicast, broadcast, documentation, benchmarking,
/// reserved or unspecified; in IPv6 also unique-local and the IPv4-mapped, -compatible, NAT64,
/// 6to4 and Teredo forms of such IPv4 addresses.
pub fn forbidden(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => forbidden_v4(v4),
        IpAddr::V6(v6) => forbidden_v6(v6),
    }
}

fn forbidden_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_multicast()
        || ip.is_broadcast()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (64..=127).contains(&b))
        || (a == 192 && b == 0 && c == 0)
        // 6to4 relay anycast 192.88.99.0/24 (deprecated; relays into other networks).
        || (a == 192 && b == 88 && c == 99)
        || (a == 198 && (18..=19).contains(&b))
        || a >= 240
}

fn forbidden_v6(ip: Ipv6Addr) -> bool {
    let segments = ip.segments();
    if let Some(v4) = ip.to_ipv4_mapped() {
        return forbidden_v4(v4);
    }
    let embedded = |high: u16, low: u16| Ipv4Addr::from((u32::from(high) << 16) | u32::from(low));
    ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        // Unique local fc00::/7, link-local fe80::/10, site-local fec0::/10.
        || (segments[0] & 0xfe00) == 0xfc00
        || (segments[0] & 0xffc0) == 0xfe80
        || (segments[0] & 0xffc0) == 0xfec0
        // IPv4-compatible ::a.b.c.d (deprecated, still routed by some stacks).
        || (segments[..6] == [0, 0, 0, 0, 0, 0] && forbidden_v4(embedded(segments[6], segments[7])))
        // NAT64 64:ff9b::/96 reaches the embedded IPv4 address; the local-use prefix
        // 64:ff9b:1::/48 (RFC 8215) is a network's own translator: refused whole.
        || (segments[..6] == [0x64, 0xff9b, 0, 0, 0, 0] && forbidden_v4(embedded(segments[6], segments[7])))
        || (segments[..3] == [0x64, 0xff9b, 1])
        // SIIT ::ffff:0:a.b.c.d (RFC 6052 / 7915) translates to the embedded IPv4 address.
        || (segments[..6] == [0, 0, 0, 0, 0xffff, 0] && forbidden_v4(embedded(segments[6], segments[7])))
        // Discard-only 100::/64.
        || (segments[..4] == [0x100, 0, 0, 0])
        // 6to4 2002::/16 embeds an IPv4 address in bits 16..48.
        || (segments[0] == 0x2002 && forbidden_v4(embedded(segments[1], segments[2])))
        // Teredo 2001::/32 and documentation 2001:db8::/32.
        || (segments[0] == 0x2001 && (segments[1] == 0 || segments[1] == 0x0db8))
}

/// Resolves `host` and keeps the addresses the policy allows; an error when none is left.
pub fn resolve(host: &str, port: u16, policy: TargetPolicy) -> std::io::Result<Vec<SocketAddr>> {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let all: Vec<SocketAddr> = (host, port).to_socket_addrs()?.collect();
    let allowed: Vec<SocketAddr> = all
        .into_iter()
        .filter(|addr| policy.allow_private || !forbidden(addr.ip()))
        .collect();
    if allowed.is_empty() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            format!("{host} resolves only to internal addresses"),
        ));
    }
    Ok(allowed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STRICT: TargetPolicy = TargetPolicy {
        allow_http: false,
        allow_private: false,
    };

    #[test]
    fn internal_addresses_of_every_form_are_forbidden() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fe80::1",
            "fc00::1",
            "fd00:ec2::254",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "::127.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:0001::1",
            "2001:db8::1",
            "64:ff9b:1::8.8.8.8",
            "::ffff:0:127.0.0.1",
            "100::1",
            "192.88.99.1",
        ] {
            assert!(forbidden(ip.parse().unwrap()), "{ip} must be forbidden");
        }
        for ip in [
            "93.184.216.34",
            "1.1.1.1",
            "2606:4700:4700::1111",
            "::ffff:93.184.216.34",
        ] {
            assert!(!forbidden(ip.parse().unwrap()), "{ip} is public");
        }
    }

    #[test]
    fn urls_are_checked_for_scheme_credentials_and_internal_hosts() {
        assert!(check_url("https://hooks.example.com/x", STRICT).is_ok());
        assert_eq!(
            check_url("http://hooks.example.com/x", STRICT),
            Err(Refusal::Scheme)
        );
        assert_eq!(
            check_url("ftp://hooks.example.com/x", STRICT),
            Err(Refusal::Malformed)
        );
        assert_eq!(
            check_url("https://user:pw@hooks.example.com", STRICT),
            Err(Refusal::Credentials)
        );
        for internal in [
            "https://127.0.0.1/x",
            "https://[::1]/x",
            "https://[::ffff:10.0.0.1]/x",
            "https://localhost/x",
            "https://api.localhost/x",
            "https://169.254.169.254/latest/meta-data",
            "https://2130706433/x",
        ] {
            assert_eq!(check_url(internal, STRICT), Err(Refusal::Internal), "{internal}");
        }
        let open = TargetPolicy {
            allow_http: true,
            allow_private: true,
        };
        assert!(check_url("http://127.0.0.1:9/x", open).is_ok());
        assert!(check_url("not a url", open).is_err());
    }

    #[test]
    fn resolution_keeps_only_allowed_addresses() {
        assert!(resolve("127.0.0.1", 80, STRICT).is_err());
        let open = TargetPolicy {
            allow_http: true,
            allow_private: true,
        };
        assert_eq!(
            resolve("127.0.0.1", 80, open).unwrap(),
            vec!["127.0.0.1:80".parse().unwrap()]
        );
    }
}
