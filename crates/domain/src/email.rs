use std::fmt;

use sha2::{Digest, Sha256};
use validator::ValidateEmail;

/// An email address as Réseau compares it: trimmed, lower-cased, syntactically valid, and free
/// of anything that could break out of a mail header.
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
}

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
        if trimmed.chars().any(|c| c.is_control() || c.is_whitespace()) || !trimmed.validate_email()
        {
            return Err(EmailError::Invalid);
        }
        Ok(Self(trimmed.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
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
    fn masks_for_logs() {
        assert_eq!(mask("amara@example.ca"), "a***@example.ca");
        assert_eq!(mask("nonsense"), "***");
    }
}
