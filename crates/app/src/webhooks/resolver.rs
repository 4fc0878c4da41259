//! The webhook client's name resolution: every address a name resolves to is checked (SSRF)
//! at the moment of connecting, and the connection goes only to the addresses checked, so a
//! name re-pointed after registration at an internal address is refused.

use std::net::SocketAddr;

use domain::webhooks::target::{TargetPolicy, check_ip};
use reqwest::dns::{Addrs, Name, Resolve, Resolving};

pub(super) struct CheckedResolver {
    pub policy: TargetPolicy,
}

impl Resolve for CheckedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let policy = self.policy;
        Box::pin(async move {
            let host = name.as_str().to_owned();
            let addrs: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            for addr in &addrs {
                check_ip(addr.ip(), policy)
                    .map_err(|e| Box::new(e) as Box<dyn std::error::Error + Send + Sync>)?;
            }
            let addrs: Addrs = Box::new(addrs.into_iter());
            Ok(addrs)
        })
    }
}
