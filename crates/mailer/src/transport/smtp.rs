//! A small pool of SMTP connections whose sockets have `TCP_NODELAY` set.
//!
//! lettre 0.11.23 leaves Nagle's algorithm on, which stalls every message on a connection by
//! about 40 ms (lettre/lettre#1159). So we open the TCP stream ourselves, set `nodelay`, hand it
//! to `AsyncSmtpConnection::connect_with_transport`, upgrade with STARTTLS where configured, and
//! keep the connections for reuse.

use std::{
    net::IpAddr,
    sync::{Mutex, PoisonError},
    time::{Duration, Instant},
};

use lettre::transport::smtp::{
    authentication::{Credentials, Mechanism},
    client::{AsyncSmtpConnection, TlsParameters},
    extension::ClientId,
};
use tokio::{net::TcpStream, sync::Semaphore};
use url::Url;

use super::SendError;
use crate::message::Outgoing;

/// How to reach the relay, parsed from `mail.smtp_url`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SmtpTarget {
    pub host: String,
    pub port: u16,
    pub tls: Tls,
    pub credentials: Option<(String, String)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tls {
    /// Plain text; only sensible on loopback.
    None,
    /// STARTTLS when the server offers it.
    Opportunistic,
    /// STARTTLS or fail.
    Required,
    /// TLS from the first byte (`smtps://`, port 465).
    Implicit,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TargetError {
    #[error("must be an smtp:// or smtps:// URL")]
    Scheme,
    #[error("has no host")]
    Host,
    #[error("has an unknown tls= value (use required, opportunistic or none)")]
    TlsMode,
    #[error("is not a URL: {0}")]
    Url(String),
}

impl SmtpTarget {
    /// `smtp://user:pass@host:587?tls=required`, `smtps://host`, `smtp://127.0.0.1:2525`.
    /// Without `tls=`, STARTTLS is required except on loopback.
    pub fn parse(raw: &str) -> Result<Self, TargetError> {
        let url = Url::parse(raw).map_err(|e| TargetError::Url(e.to_string()))?;
        let host = url
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or(TargetError::Host)?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        let loopback =
            host == "localhost" || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
        let tls_param = url
            .query_pairs()
            .find(|(k, _)| k == "tls")
            .map(|(_, v)| v.into_owned());
        let (tls, default_port) = match url.scheme() {
            "smtps" => (Tls::Implicit, 465),
            "smtp" => {
                let tls = match tls_param.as_deref() {
                    None if loopback => Tls::None,
                    None | Some("required") => Tls::Required,
                    Some("opportunistic") => Tls::Opportunistic,
                    Some("none") => Tls::None,
                    Some(_) => return Err(TargetError::TlsMode),
                };
                (tls, if tls == Tls::None { 25 } else { 587 })
            }
            _ => return Err(TargetError::Scheme),
        };
        let credentials = (!url.username().is_empty()).then(|| {
            let decode = |s: &str| percent_decode(s);
            (
                decode(url.username()),
                decode(url.password().unwrap_or_default()),
            )
        });
        Ok(Self {
            host,
            port: url.port().unwrap_or(default_port),
            tls,
            credentials,
        })
    }
}

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={s}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

/// Connections idle longer than this are closed rather than reused: relays drop idle clients.
const MAX_IDLE: Duration = Duration::from_secs(30);

pub struct SmtpPool {
    target: SmtpTarget,
    hello: ClientId,
    timeout: Duration,
    idle: Mutex<Vec<(AsyncSmtpConnection, Instant)>>,
    permits: Semaphore,
}

impl SmtpPool {
    pub fn new(target: SmtpTarget, size: usize, timeout: Duration) -> Self {
        Self {
            target,
            hello: ClientId::default(),
            timeout,
            idle: Mutex::new(Vec::new()),
            permits: Semaphore::new(size.max(1)),
        }
    }

    pub async fn send(&self, message: &Outgoing) -> Result<(), SendError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| SendError::Temporary("pool closed".into()))?;
        if let Some(mut conn) = self.take_idle() {
            match self.send_on(&mut conn, message).await {
                Ok(()) => {
                    self.put_back(conn);
                    return Ok(());
                }
                // A reused connection may have been closed by the server while idle: that
                // says nothing about this message, so try once more on a fresh one.
                Err(Failure::Connection(_)) => conn.abort().await,
                Err(failure) => {
                    conn.abort().await;
                    return Err(failure.into());
                }
            }
        }
        let mut conn = self.connect().await?;
        match self.send_on(&mut conn, message).await {
            Ok(()) => {
                self.put_back(conn);
                Ok(())
            }
            Err(failure) => {
                conn.abort().await;
                Err(failure.into())
            }
        }
    }

    fn take_idle(&self) -> Option<AsyncSmtpConnection> {
        let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        while let Some((conn, since)) = idle.pop() {
            if since.elapsed() < MAX_IDLE {
                return Some(conn);
            }
            // Dropped without QUIT: the server sees a closed socket, which is harmless.
            drop(conn);
        }
        None
    }

    fn put_back(&self, conn: AsyncSmtpConnection) {
        self.idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((conn, Instant::now()));
    }

    async fn send_on(
        &self,
        conn: &mut AsyncSmtpConnection,
        message: &Outgoing,
    ) -> Result<(), Failure> {
        match tokio::time::timeout(self.timeout, conn.send(&message.envelope, &message.bytes)).await
        {
            Err(_) => Err(Failure::Connection("timed out".into())),
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) if e.is_permanent() => Err(Failure::Permanent(e.to_string())),
            Ok(Err(e)) if e.is_transient() => Err(Failure::Temporary(e.to_string())),
            Ok(Err(e)) => Err(Failure::Connection(e.to_string())),
        }
    }

    async fn connect(&self) -> Result<AsyncSmtpConnection, SendError> {
        tokio::time::timeout(self.timeout, self.open())
            .await
            .map_err(|_| {
                SendError::Temporary(format!(
                    "connecting to {}:{} timed out",
                    self.target.host, self.target.port
                ))
            })?
    }

    async fn open(&self) -> Result<AsyncSmtpConnection, SendError> {
        let target = &self.target;
        let temporary = |what: &str, e: &dyn std::fmt::Display| {
            SendError::Temporary(format!("{what} {}:{}: {e}", target.host, target.port))
        };
        let tls_parameters = || {
            TlsParameters::new(target.host.clone())
                .map_err(|e| SendError::Temporary(format!("TLS setup: {e}")))
        };
        let mut conn = if target.tls == Tls::Implicit {
            // lettre can only wrap its own socket in TLS before the greeting, so implicit TLS
            // goes through its connector (and keeps Nagle's delay); STARTTLS relays avoid it.
            AsyncSmtpConnection::connect_tokio1(
                (target.host.as_str(), target.port),
                Some(self.timeout),
                &self.hello,
                Some(tls_parameters()?),
                None,
            )
            .await
            .map_err(|e| temporary("connecting to", &e))?
        } else {
            let stream = TcpStream::connect((target.host.as_str(), target.port))
                .await
                .map_err(|e| temporary("connecting to", &e))?;
            stream
                .set_nodelay(true)
                .map_err(|e| temporary("TCP_NODELAY on", &e))?;
            let mut conn =
                AsyncSmtpConnection::connect_with_transport(Box::new(stream), &self.hello)
                    .await
                    .map_err(|e| temporary("greeting", &e))?;
            let offers_tls = conn
                .server_info()
                .supports_feature(lettre::transport::smtp::extension::Extension::StartTls);
            match target.tls {
                Tls::Required | Tls::Opportunistic if offers_tls => conn
                    .starttls(tls_parameters()?, &self.hello)
                    .await
                    .map_err(|e| temporary("STARTTLS with", &e))?,
                Tls::Required => {
                    return Err(SendError::Temporary(format!(
                        "{}:{} does not offer STARTTLS, which mail.smtp_url requires",
                        target.host, target.port
                    )));
                }
                _ => {}
            }
            conn
        };
        if let Some((user, password)) = &target.credentials {
            conn.auth(
                &[Mechanism::Plain, Mechanism::Login],
                &Credentials::new(user.clone(), password.clone()),
            )
            .await
            .map_err(|e| {
                if e.is_permanent() {
                    SendError::Permanent(format!("authentication refused: {e}"))
                } else {
                    temporary("authenticating with", &e)
                }
            })?;
        }
        Ok(conn)
    }
}

enum Failure {
    Connection(String),
    Temporary(String),
    Permanent(String),
}

impl From<Failure> for SendError {
    fn from(failure: Failure) -> Self {
        match failure {
            Failure::Connection(e) | Failure::Temporary(e) => SendError::Temporary(e),
            Failure::Permanent(e) => SendError::Permanent(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_relay_urls() {
        let loopback = SmtpTarget::parse("smtp://127.0.0.1:2525").expect("valid");
        assert_eq!(
            (loopback.port, loopback.tls, loopback.credentials),
            (2525, Tls::None, None)
        );

        let relay = SmtpTarget::parse("smtp://user%40x:p%40ss@mail.example.org").expect("valid");
        assert_eq!(relay.tls, Tls::Required);
        assert_eq!(relay.port, 587);
        assert_eq!(relay.credentials, Some(("user@x".into(), "p@ss".into())));

        let smtps = SmtpTarget::parse("smtps://mail.example.org").expect("valid");
        assert_eq!((smtps.port, smtps.tls), (465, Tls::Implicit));

        assert_eq!(SmtpTarget::parse("http://x"), Err(TargetError::Scheme));
        assert_eq!(
            SmtpTarget::parse("smtp://x?tls=maybe"),
            Err(TargetError::TlsMode)
        );
    }
}
