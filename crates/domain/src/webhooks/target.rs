//! Where a webhook may go (SSRF): an `https://` address whose host is a public one. Loopback,
//! private, link-local, shared, documentation and other reserved addresses are refused, in
//! the URL when it is registered and in every address the name resolves to when a delivery
//! is made (a name can be pointed anywhere after it was checked). An operator setting lets
//! them through, with plain `http://`, for development and tests.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use url::{Host, Url};

/// What an operator allows beyond public `https://` addresses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TargetPolicy {
    /// Loopback, private and link-local addresses, and plain `http://`.
    pub allow_private: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    #[error("not a URL")]
    NotUrl,
    #[error("the address must start with https://")]
    NotHttps,
    #[error("the address may not carry a user name or password")]
    Credentials,
    #[error("the address is too long")]
    TooLong,
    #[error("the address is not public ({0})")]
    NotPublic(String),
}

/// Checks an address given for an endpoint, and returns it in its normal form.
pub fn check_url(raw: &str, policy: TargetPolicy) -> Result<Url, TargetError> {
    let raw = raw.trim();
    if raw.len() > 500 {
        return Err(TargetError::TooLong);
    }
    let url = Url::parse(raw).map_err(|_| TargetError::NotUrl)?;
    match url.scheme() {
        "https" => {}
        "http" if policy.allow_private => {}
        _ => return Err(TargetError::NotHttps),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(TargetError::Credentials);
    }
    match url.host() {
        None => return Err(TargetError::NotUrl),
        Some(Host::Ipv4(ip)) => check_ip(IpAddr::V4(ip), policy)?,
        Some(Host::Ipv6(ip)) => check_ip(IpAddr::V6(ip), policy)?,
        Some(Host::Domain(name)) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            let local = name == "localhost"
                || name.ends_with(".localhost")
                || name.ends_with(".local")
                || name.ends_with(".internal")
                || !name.contains('.');
            if local && !policy.allow_private {
                return Err(TargetError::NotPublic(name));
            }
        }
    }
    Ok(url)
}

/// Whether a delivery may connect to `ip`.
pub fn check_ip(ip: IpAddr, policy: TargetPolicy) -> Result<(), TargetError> {
    if policy.allow_private || is_public(ip) {
        Ok(())
    } else {
        Err(TargetError::NotPublic(ip.to_string()))
    }
}

/// Whether an address is on the public internet.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public_v4(v4);
            }
            is_public_v6(v6)
        }
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_multicast()
        || a == 0
        // Shared address space (carrier-grade NAT), 100.64.0.0/10.
        || (a == 100 && (64..128).contains(&b))
        // IETF protocol assignments, 192.0.0.0/24.
        || (a == 192 && b == 0 && c == 0)
        // Benchmarking, 198.18.0.0/15.
        || (a == 198 && (b == 18 || b == 19))
        // Reserved, 240.0.0.0/4.
        || a >= 240)
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let segments = ip.segments();
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        || ip.is_unique_local()
        || ip.is_unicast_link_local()
        // Documentation, 2001:db8::/32.
        || (segments[0] == 0x2001 && segments[1] == 0x0db8)
        // NAT64, 64:ff9b::/96, and IPv4-compatible (deprecated) ::/96: they reach IPv4.
        || (segments[0] == 0x0064 && segments[1] == 0xff9b)
        || segments[..6].iter().all(|&s| s == 0)
        // Site-local (deprecated), fec0::/10.
        || (segments[0] & 0xffc0) == 0xfec0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STRICT: TargetPolicy = TargetPolicy {
        allow_private: false,
    };
    const OPEN: TargetPolicy = TargetPolicy {
        allow_private: true,
    };

    #[test]
    fn public_addresses_only() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "::1",
            "::",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a00:1",
            "2001:db8::1",
        ] {
            let ip: IpAddr = private.parse().unwrap();
            assert!(!is_public(ip), "{private}");
            assert!(check_ip(ip, STRICT).is_err());
            assert!(check_ip(ip, OPEN).is_ok());
        }
        for public in ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }

    #[test]
    fn urls_are_https_and_public() {
        assert!(check_url("https://hooks.example.org/reseau", STRICT).is_ok());
        for (bad, why) in [
            ("http://hooks.example.org/", TargetError::NotHttps),
            ("ftp://hooks.example.org/", TargetError::NotHttps),
            (
                "https://user:pw@hooks.example.org/",
                TargetError::Credentials,
            ),
            ("not a url", TargetError::NotUrl),
        ] {
            assert_eq!(check_url(bad, STRICT), Err(why), "{bad}");
        }
        for local in [
            "https://127.0.0.1/",
            "https://[::1]/",
            "https://localhost/",
            "https://api.localhost/",
            "https://intranet/",
            "https://169.254.169.254/latest/meta-data",
        ] {
            assert!(
                matches!(check_url(local, STRICT), Err(TargetError::NotPublic(_))),
                "{local}"
            );
        }
        assert!(check_url("http://127.0.0.1:9000/hook", OPEN).is_ok());
    }
}
