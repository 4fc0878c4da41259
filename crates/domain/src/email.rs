use std::{fmt, net::IpAddr};

use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

use crate::text;

/// An email address as Réseau compares, limits and sends it, normalised once: the local part
/// lower-cased and in Unicode NFC (as SMTPUTF8 expects), the domain in its one IDNA A-label
/// form (`exämple.org`, `xn--exmple-cua.org` and `exa\u{308}mple.org` are one mailbox). It is
/// what lettre's own parser accepts, and never an address literal (`[127.0.0.1]`), a dotless
/// host (`localhost`) or a quoted local part, so what a form takes the mailer can send.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EmailAddress(String);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EmailError {
    #[error("the address is empty")]
    Empty,
    #[error("the address is too long")]
    TooLong,
    #[error("the address is not valid")]
    Invalid,
    #[error("the address's domain is reserved and receives no mail")]
    Reserved,
}

/// Which domains a public form may send to. RFC 2606 and RFC 6761 names (`example.org`,
/// `.test`, `.invalid`, `localhost`, …) receive no mail; only tests allow them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AddressPolicy {
    pub allow_reserved_domains: bool,
}

/// Top-level names that never reach a public mailbox (RFC 2606, RFC 6761, RFC 6762, RFC 7686,
/// RFC 9476, `home.arpa` in RFC 8375 and the ICANN-reserved `.internal`).
const RESERVED_TLDS: [&str; 9] = [
    "test",
    "example",
    "invalid",
    "localhost",
    "local",
    "onion",
    "alt",
    "arpa",
    "internal",
];
/// Second-level names reserved for documentation (RFC 2606).
const RESERVED_DOMAINS: [&str; 3] = ["example.com", "example.net", "example.org"];

impl EmailAddress {
    /// RFC 5321 caps a forward path at 254 octets.
    pub const MAX_LEN: usize = 254;

    pub fn parse(raw: &str) -> Result<Self, EmailError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(EmailError::Empty);
        }
        if trimmed.len() > Self::MAX_LEN {
            return Err(EmailError::TooLong);
        }
        if trimmed
            .chars()
            .any(|c| c.is_whitespace() || text::is_hidden(c) || matches!(c, '"' | '\\'))
        {
            return Err(EmailError::Invalid);
        }
        let (local, domain) = trimmed.rsplit_once('@').ok_or(EmailError::Invalid)?;
        if local.is_empty() || domain.is_empty() || is_address_literal(domain) {
            return Err(EmailError::Invalid);
        }
        let local: String = local.to_lowercase().nfc().collect();
        // UTS 46: case folded, NFC, then punycode; refuses what IDNA 2008 refuses.
        let domain = idna::domain_to_ascii_strict(domain).map_err(|_| EmailError::Invalid)?;
        let labels: Vec<&str> = domain.split('.').collect();
        let Some(tld) = labels.last() else {
            return Err(EmailError::Invalid);
        };
        if labels.len() < 2
            || labels.iter().any(|l| l.is_empty())
            || tld.chars().all(|c| c.is_ascii_digit())
            || is_address_literal(&domain)
        {
            return Err(EmailError::Invalid);
        }
        let address = format!("{local}@{domain}");
        if address.len() > Self::MAX_LEN {
            return Err(EmailError::TooLong);
        }
        // The mailer's own parser has the last word.
        lettre::Address::new(&local, &domain).map_err(|_| EmailError::Invalid)?;
        Ok(Self(address))
    }

    /// An address a public form may take: one the mailer can send to and, unless the policy
    /// allows them, not on a reserved domain.
    pub fn parse_reachable(raw: &str, policy: AddressPolicy) -> Result<Self, EmailError> {
        let address = Self::parse(raw)?;
        if !policy.allow_reserved_domains && address.is_reserved() {
            return Err(EmailError::Reserved);
        }
        Ok(address)
    }

    /// Whether the domain is one of the names reserved for tests and documentation.
    pub fn is_reserved(&self) -> bool {
        let domain = self.domain();
        let tld = domain.rsplit('.').next().unwrap_or(domain);
        RESERVED_TLDS.contains(&tld)
            || RESERVED_DOMAINS
                .iter()
                .any(|r| domain == *r || domain.ends_with(&format!(".{r}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The domain, in its A-label (ASCII) form.
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(_, d)| d)
    }

    /// The address as lettre sends it.
    pub fn to_lettre(&self) -> Result<lettre::Address, EmailError> {
        self.0.parse().map_err(|_| EmailError::Invalid)
    }

    /// A one-way fingerprint of the address, kept in the consent ledger after erasure.
    pub fn sha256_hex(&self) -> String {
        hex::encode(Sha256::digest(self.0.as_bytes()))
    }

    /// The address with most of the local part hidden, for logs.
    pub fn masked(&self) -> String {
        mask(&self.0)
    }
}

/// `[127.0.0.1]`, `[IPv6:…]` or a bare IP address: mail to a machine, not to a domain.
fn is_address_literal(domain: &str) -> bool {
    domain.starts_with('[') || domain.ends_with(']') || domain.parse::<IpAddr>().is_ok()
}

/// Hides all but the first character of the local part: `j***@example.org`.
pub fn mask(address: &str) -> String {
    match address.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".to_owned(),
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_lowercases() {
        let email = EmailAddress::parse("  Amara.Diallo@Example.CA ").expect("valid");
        assert_eq!(email.as_str(), "amara.diallo@example.ca");
    }

    #[test]
    fn rejects_header_injection_and_garbage() {
        for bad in [
            "a@b.ca\r\nBcc: x@y.z",
            "a b@c.ca",
            "no-at-sign",
            "@example.org",
            "a@",
            "a@b.ca\0",
        ] {
            assert!(
                EmailAddress::parse(bad).is_err(),
                "{bad:?} should be refused"
            );
        }
        assert_eq!(EmailAddress::parse("   "), Err(EmailError::Empty));
        let long = format!("{}@example.org", "a".repeat(250));
        assert_eq!(EmailAddress::parse(&long), Err(EmailError::TooLong));
    }

    #[test]
    fn one_mailbox_one_form() {
        let forms = [
            "x@exämple.org",
            "X@EXÄMPLE.ORG",
            "x@xn--exmple-cua.org",
            "x@XN--EXMPLE-CUA.org",
            "x@exa\u{308}mple.org",
        ];
        for form in forms {
            assert_eq!(
                EmailAddress::parse(form).expect(form).as_str(),
                "x@xn--exmple-cua.org",
                "{form:?}"
            );
        }
        // The local part in NFC: a precomposed and a combining é are one mailbox.
        assert_eq!(
            EmailAddress::parse("re\u{301}seau@example.ca"),
            EmailAddress::parse("réseau@example.ca")
        );
    }

    #[test]
    fn refuses_what_the_mailer_cannot_send() {
        for bad in [
            ".x@example.org",
            "x.@example.org",
            "x..y@example.org",
            "x@[127.0.0.1]",
            "x@[IPv6:::1]",
            "x@127.0.0.1",
            "x@localhost",
            "x@example.org.",
            "x@-example.org",
            "\"x y\"@example.org",
            "x@exa_mple.org",
            "a\u{202E}b@example.org",
            "a\u{200B}@example.org",
        ] {
            assert!(
                EmailAddress::parse(bad).is_err(),
                "{bad:?} should be refused"
            );
        }
    }

    #[test]
    fn reserved_domains_only_when_allowed() {
        let strict = AddressPolicy::default();
        let tests = AddressPolicy {
            allow_reserved_domains: true,
        };
        for reserved in [
            "x@example.org",
            "x@mail.example.com",
            "x@reseau.test",
            "x@a.invalid",
            "x@box.localhost",
            "x@printer.local",
        ] {
            assert_eq!(
                EmailAddress::parse_reachable(reserved, strict),
                Err(EmailError::Reserved),
                "{reserved:?}"
            );
            assert!(EmailAddress::parse_reachable(reserved, tests).is_ok());
        }
        assert!(EmailAddress::parse_reachable("amara@exemple.ca", strict).is_ok());
        assert!(EmailAddress::parse_reachable("amara@notexample.org", strict).is_ok());
    }

    #[test]
    fn masks_for_logs() {
        assert_eq!(mask("amara@example.ca"), "a***@example.ca");
        assert_eq!(mask("nonsense"), "***");
    }
}
