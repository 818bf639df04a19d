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
