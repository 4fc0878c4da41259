//! Where the relay is and how to reach it, from `mail.smtp_url`.

use std::net::IpAddr;

use url::Url;

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
    #[error(
        "would send its password without TLS to a host that is not loopback: use tls=required or smtps://"
    )]
    CredentialsInClear,
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
        let loopback = is_loopback(&host);
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
        if credentials.is_some() && tls == Tls::None && !loopback {
            return Err(TargetError::CredentialsInClear);
        }
        Ok(Self {
            host,
            port: url.port().unwrap_or(default_port),
            tls,
            credentials,
        })
    }
}

pub(super) fn is_loopback(host: &str) -> bool {
    host == "localhost" || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Decodes the user or password of the URL. Not as a form value: a `+` in a password is a
/// plus, not a space.
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
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

        let plus = SmtpTarget::parse("smtp://u:a+b%25c@mail.example.org").expect("valid");
        assert_eq!(plus.credentials, Some(("u".into(), "a+b%c".into())));

        let smtps = SmtpTarget::parse("smtps://mail.example.org").expect("valid");
        assert_eq!((smtps.port, smtps.tls), (465, Tls::Implicit));

        assert_eq!(SmtpTarget::parse("http://x"), Err(TargetError::Scheme));
        assert_eq!(
            SmtpTarget::parse("smtp://u:p@relay.example.org?tls=none"),
            Err(TargetError::CredentialsInClear),
            "never a password in clear off loopback"
        );
        assert!(SmtpTarget::parse("smtp://u:p@127.0.0.1:2525?tls=none").is_ok());
        assert_eq!(
            SmtpTarget::parse("smtp://x?tls=maybe"),
            Err(TargetError::TlsMode)
        );
    }

    mod properties {
        use proptest::prelude::*;

        use super::super::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(500))]

            #[test]
            fn parse_never_panics(raw in prop_oneof![
                any::<String>(),
                "smtps?://[a-z0-9.:@%\\[\\]?=&+-]{0,40}",
            ]) {
                if let Ok(target) = SmtpTarget::parse(&raw) {
                    prop_assert!(!target.host.is_empty());
                }
            }

            #[test]
            fn credentials_host_and_port_round_trip(
                // A `%` is written `%25` in a URL (the setters leave it as it is).
                user in "[^\\x00%]{1,20}",
                password in "[^\\x00%]{0,20}",
                host in "[a-z][a-z0-9-]{0,15}(\\.[a-z]{2,6})?",
                port in 1u16..,
                tls in prop::sample::select(vec!["required", "opportunistic", "none"]),
            ) {
                let mut url = Url::parse(&format!("smtp://{host}:{port}")).unwrap();
                url.set_username(&user).unwrap();
                url.set_password(Some(&password)).unwrap();
                url.set_query(Some(&format!("tls={tls}")));
                let parsed = SmtpTarget::parse(url.as_str());
                if tls == "none" && host != "localhost" {
                    prop_assert_eq!(parsed, Err(TargetError::CredentialsInClear));
                    return Ok(());
                }
                let target = parsed.unwrap();
                prop_assert_eq!(target.host, host);
                prop_assert_eq!(target.port, port);
                prop_assert_eq!(target.credentials, Some((user, password)));
                let expected = match tls {
                    "required" => Tls::Required,
                    "opportunistic" => Tls::Opportunistic,
                    _ => Tls::None,
                };
                prop_assert_eq!(target.tls, expected);
            }
        }
    }
}
