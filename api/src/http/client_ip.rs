//! The client's IP address, for rate limits: the TCP peer, or (with `TRUST_PROXY_HEADERS`, for
//! one proxy in front) the last `X-Forwarded-For` entry, which is the one that proxy appended.
//! Earlier entries and `Forwarded` come from the client and could name any address; trusting
//! them would let anyone dodge per-IP limits.

use std::future::{Ready, ready};
use std::net::{IpAddr, Ipv4Addr};

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};

use crate::error::ApiError;

/// Whether proxy headers are trusted (app data).
#[derive(Debug, Clone, Copy)]
pub struct TrustProxyHeaders(pub bool);

pub struct ClientIp(pub IpAddr);

impl FromRequest for ClientIp {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let trust = req
            .app_data::<web::Data<TrustProxyHeaders>>()
            .is_some_and(|trust| trust.0);
        let forwarded = trust.then(|| last_forwarded_for(req)).flatten();
        let ip = forwarded
            .or_else(|| req.peer_addr().map(|addr| addr.ip()))
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        ready(Ok(ClientIp(ip)))
    }
}

/// What per-address limits count by: an IPv4 address itself, an IPv6 address's /64 (one
/// subscriber's link usually gets a whole /64, so counting single IPv6 addresses would give one
/// client 2^64 budgets), and an IPv4-mapped IPv6 address as the IPv4 address it is.
pub fn limit_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let network = u128::from(v6) & !((1u128 << 64) - 1);
                IpAddr::V6(std::net::Ipv6Addr::from(network))
            }
        },
    }
}

fn last_forwarded_for(req: &HttpRequest) -> Option<IpAddr> {
    let header = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|value| value.to_str().ok())
        .last()?;
    header
        .rsplit(',')
        .map(str::trim)
        .find(|entry| !entry.is_empty())
        .and_then(parse_ip)
}

/// `203.0.113.7`, `203.0.113.7:4711`, `[2001:db8::1]:4711` or `2001:db8::1`.
fn parse_ip(raw: &str) -> Option<IpAddr> {
    raw.parse::<IpAddr>()
        .ok()
        .or_else(|| raw.parse::<std::net::SocketAddr>().ok().map(|addr| addr.ip()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_clients_are_limited_by_their_64_and_mapped_ipv4_as_ipv4() {
        let key = |raw: &str| limit_key(raw.parse().unwrap());
        assert_eq!(key("2001:db8:1:2:aaaa::1"), key("2001:db8:1:2:ffff:1:2:3"));
        assert_eq!(
            key("2001:db8:1:2::5"),
            "2001:db8:1:2::".parse::<IpAddr>().unwrap()
        );
        assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
        assert_eq!(key("::ffff:203.0.113.7"), key("203.0.113.7"));
        assert_ne!(key("203.0.113.7"), key("203.0.113.8"));
    }
}
