//! Who a client is, for the rate limits and for counting the different people who report a
//! record. Both must hold against someone who controls many addresses: an IPv6 subscriber is
//! given a whole /64 and can pick a new address per request, so an IPv6 client is its /64; an
//! IPv4-mapped IPv6 address is the IPv4 client it maps. And `X-Forwarded-For` is believed only
//! when the peer is one of the operator's own proxies, or any client could claim any address.

use std::fmt;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRef};
use axum::http::{Extensions, HeaderMap};
use ipnet::IpNet;

/// A client as the limits and the report count see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClientKey(IpAddr);

impl ClientKey {
    pub fn of(ip: IpAddr) -> ClientKey {
        match ip {
            IpAddr::V4(_) => ClientKey(ip),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => ClientKey(IpAddr::V4(v4)),
                None => {
                    let prefix = u128::from(v6) & !((1u128 << 64) - 1);
                    ClientKey(IpAddr::V6(Ipv6Addr::from(prefix)))
                }
            },
        }
    }
}

/// An IPv4 client is its address (as it always was, so reports made before keep counting the
/// same person); an IPv6 client is its network, `2001:db8:1:2::/64`.
impl fmt::Display for ClientKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            IpAddr::V4(v4) => write!(f, "{v4}"),
            IpAddr::V6(v6) => write!(f, "{v6}/64"),
        }
    }
}

/// How to tell who a client is.
#[derive(Debug, Clone, Default)]
pub struct Clients {
    /// The reverse proxies whose `X-Forwarded-For` entries are believed.
    pub trusted_proxies: Vec<IpNet>,
}

impl Clients {
    fn trusts(&self, ip: IpAddr) -> bool {
        let ip = ClientKey::of(ip).0;
        self.trusted_proxies.iter().any(|net| net.contains(&ip))
    }

    /// The client's address: the peer, or, when the peer is a trusted proxy, the nearest
    /// `X-Forwarded-For` entry that is not one. Entries are read from the right, the end each
    /// proxy appends to; whatever lies left of the first untrusted entry the client wrote itself.
    pub fn client(&self, headers: &HeaderMap, extensions: &Extensions) -> IpAddr {
        let peer = extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip())
            .unwrap_or(IpAddr::from([0, 0, 0, 0]));
        if !self.trusts(peer) {
            return peer;
        }
        let entries: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .collect();
        let mut client = peer;
        for entry in entries.into_iter().rev() {
            let Some(ip) = forwarded_address(entry) else {
                break;
            };
            client = ip;
            if !self.trusts(ip) {
                break;
            }
        }
        client
    }
}

/// One `X-Forwarded-For` entry: `203.0.113.7`, `203.0.113.7:5678`, `2001:db8::1`,
/// `[2001:db8::1]` or `[2001:db8::1]:5678`, as proxies write them.
fn forwarded_address(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|a| a.ip()))
        .or_else(|| {
            entry
                .strip_prefix('[')
                .and_then(|rest| rest.strip_suffix(']'))
                .and_then(|v6| v6.parse().ok())
        })
}

/// Reads `--trusted-proxies`: networks (`10.0.0.0/8`) or single addresses (`127.0.0.1`).
pub fn parse_proxy(text: &str) -> Result<IpNet, String> {
    let text = text.trim();
    text.parse::<IpNet>()
        .or_else(|_| text.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| format!("`{text}` is neither an address nor a network such as 10.0.0.0/8"))
}

/// The client's address as an extractor, for handlers that count people (reports).
pub struct ClientAddr(pub ClientKey);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for ClientAddr
where
    Clients: FromRef<S>,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        let ip = Clients::from_ref(state).client(&parts.headers, &parts.extensions);
        Ok(ClientAddr(ClientKey::of(ip)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(peer: &str, forwarded: &[&str]) -> (HeaderMap, Extensions) {
        let mut headers = HeaderMap::new();
        for value in forwarded {
            headers.append("x-forwarded-for", value.parse().unwrap());
        }
        let mut extensions = Extensions::new();
        extensions.insert(ConnectInfo(SocketAddr::new(peer.parse().unwrap(), 40000)));
        (headers, extensions)
    }

    fn behind(proxies: &[&str]) -> Clients {
        Clients {
            trusted_proxies: proxies.iter().map(|p| parse_proxy(p).unwrap()).collect(),
        }
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn every_address_of_one_ipv6_network_is_one_client() {
        let a = ClientKey::of(ip("2001:db8:1:2::1"));
        let b = ClientKey::of(ip("2001:db8:1:2:ffff:ffff:ffff:fffe"));
        assert_eq!(a, b);
        assert_eq!(a.to_string(), "2001:db8:1:2::/64");
        assert_ne!(a, ClientKey::of(ip("2001:db8:1:3::1")));
    }

    #[test]
    fn an_ipv4_mapped_address_is_the_ipv4_client() {
        assert_eq!(
            ClientKey::of(ip("::ffff:203.0.113.7")),
            ClientKey::of(ip("203.0.113.7"))
        );
        assert_eq!(ClientKey::of(ip("203.0.113.7")).to_string(), "203.0.113.7");
    }

    #[test]
    fn a_forwarded_address_is_believed_only_from_a_trusted_proxy() {
        let (headers, extensions) = request("198.51.100.9", &["203.0.113.7"]);
        assert_eq!(
            behind(&[]).client(&headers, &extensions),
            ip("198.51.100.9")
        );
        assert_eq!(
            behind(&["10.0.0.0/8"]).client(&headers, &extensions),
            ip("198.51.100.9")
        );
        let (headers, extensions) = request("10.1.2.3", &["203.0.113.7"]);
        assert_eq!(
            behind(&["10.0.0.0/8"]).client(&headers, &extensions),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn the_nearest_untrusted_entry_is_the_client_and_what_it_wrote_is_ignored() {
        // The client claims 1.1.1.1; the CDN (192.0.2.10, trusted) appended the real address,
        // then the load balancer (10.0.0.2, trusted) appended the CDN's.
        let (headers, extensions) = request("10.0.0.2", &["1.1.1.1, 203.0.113.7", "192.0.2.10"]);
        let clients = behind(&["10.0.0.0/8", "192.0.2.10"]);
        assert_eq!(clients.client(&headers, &extensions), ip("203.0.113.7"));
    }

    #[test]
    fn entries_with_ports_and_brackets_are_read() {
        for (entry, expected) in [
            ("203.0.113.7:5678", "203.0.113.7"),
            ("[2001:db8::1]:443", "2001:db8::1"),
            ("[2001:db8::1]", "2001:db8::1"),
            (" 2001:db8::1 ", "2001:db8::1"),
        ] {
            assert_eq!(forwarded_address(entry), Some(ip(expected)), "{entry}");
        }
        assert_eq!(forwarded_address("unknown"), None);
        let (headers, extensions) = request("127.0.0.1", &["203.0.113.7:5678"]);
        assert_eq!(
            behind(&["127.0.0.1"]).client(&headers, &extensions),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn an_unreadable_entry_stops_the_walk_at_the_last_trusted_hop() {
        let (headers, extensions) = request("127.0.0.1", &["203.0.113.7, garbage"]);
        assert_eq!(
            behind(&["127.0.0.1"]).client(&headers, &extensions),
            ip("127.0.0.1")
        );
    }

    #[test]
    fn proxies_are_networks_or_single_addresses() {
        assert_eq!(parse_proxy("10.0.0.0/8").unwrap().to_string(), "10.0.0.0/8");
        assert_eq!(
            parse_proxy("127.0.0.1").unwrap().to_string(),
            "127.0.0.1/32"
        );
        assert_eq!(parse_proxy("::1").unwrap().to_string(), "::1/128");
        assert!(parse_proxy("localhost").is_err());
    }
}
