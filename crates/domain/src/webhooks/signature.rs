//! Standard Webhooks signatures: `webhook-signature: v1,<base64 HMAC-SHA256>` over
//! `{webhook-id}.{webhook-timestamp}.{body}`, keyed by the bytes of the endpoint's secret,
//! which is written `whsec_<base64>`.

use base64::{Engine, engine::general_purpose::STANDARD as B64};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

const PREFIX: &str = "whsec_";

/// A new signing secret, `whsec_` and 32 random bytes in base64.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!("{PREFIX}{}", B64.encode(bytes))
}

#[derive(Debug, thiserror::Error)]
#[error("a webhook secret is `whsec_` followed by base64")]
pub struct BadSecret;

fn key(secret: &str) -> Result<Vec<u8>, BadSecret> {
    let body = secret.strip_prefix(PREFIX).unwrap_or(secret);
    B64.decode(body).map_err(|_| BadSecret)
}

/// The `webhook-signature` value of one message.
pub fn sign(secret: &str, id: &str, timestamp: i64, body: &str) -> Result<String, BadSecret> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key(secret)?).map_err(|_| BadSecret)?;
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body.as_bytes());
    Ok(format!("v1,{}", B64.encode(mac.finalize().into_bytes())))
}

/// Whether one of the space-separated signatures of `header` signs the message (what a
/// receiver checks; in constant time).
pub fn verify(secret: &str, id: &str, timestamp: i64, body: &str, header: &str) -> bool {
    let Ok(raw) = key(secret) else { return false };
    header.split(' ').any(|candidate| {
        let Some(given) = candidate
            .strip_prefix("v1,")
            .and_then(|b| B64.decode(b).ok())
        else {
            return false;
        };
        let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(&raw) else {
            return false;
        };
        mac.update(format!("{id}.{timestamp}.{body}").as_bytes());
        mac.verify_slice(&given).is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_and_verifies() {
        let secret = new_secret();
        assert!(secret.starts_with("whsec_"));
        let signature = sign(&secret, "msg_1", 1_700_000_000, "{\"a\":1}").unwrap();
        assert!(signature.starts_with("v1,"));
        assert!(verify(
            &secret,
            "msg_1",
            1_700_000_000,
            "{\"a\":1}",
            &signature
        ));
        assert!(!verify(
            &secret,
            "msg_1",
            1_700_000_001,
            "{\"a\":1}",
            &signature
        ));
        assert!(!verify(
            &secret,
            "msg_2",
            1_700_000_000,
            "{\"a\":1}",
            &signature
        ));
        assert!(!verify(
            &new_secret(),
            "msg_1",
            1_700_000_000,
            "{\"a\":1}",
            &signature
        ));
        assert!(verify(
            &secret,
            "msg_1",
            1_700_000_000,
            "{\"a\":1}",
            &format!("v1,bm9wZQ== {signature}")
        ));
    }

    #[test]
    fn matches_the_standard_webhooks_example() {
        // The example of the Standard Webhooks specification.
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let body = r#"{"test": 2432232314}"#;
        assert_eq!(
            sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1_614_265_330, body).unwrap(),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
    }
}
