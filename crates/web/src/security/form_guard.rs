//! Bot traps without a third-party CAPTCHA: a honeypot field people never see, and a signed
//! timestamp that tells a form sent back faster than a person can type (dropped silently, with
//! the same answer as a success) from one left open too long (asked again).

use std::time::Duration;

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// The hidden field that only bots fill in.
pub const HONEYPOT_FIELD: &str = "website";

#[derive(Clone)]
pub struct FormGuard {
    key: Vec<u8>,
    min_fill: Duration,
    max_age: Duration,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Looks like a person.
    Person,
    /// A bot: answer as if it worked, do nothing.
    Bot,
    /// A genuine form, but too old: ask again.
    Expired,
}

impl FormGuard {
    pub fn new(secret: &str, min_fill: Duration, max_age: Duration) -> Self {
        Self {
            key: format!("form-stamp:{secret}").into_bytes(),
            min_fill,
            max_age,
        }
    }

    /// The value of a form's hidden `form_ts` field: when it was served, signed.
    pub fn stamp(&self, form: &str, now: DateTime<Utc>) -> String {
        let millis = now.timestamp_millis();
        format!("{millis}.{}", self.sign(form, millis))
    }

    pub fn check(&self, form: &str, stamp: &str, honeypot: &str, now: DateTime<Utc>) -> Verdict {
        if !honeypot.trim().is_empty() {
            return Verdict::Bot;
        }
        let Some((millis, signature)) = stamp.split_once('.') else {
            return Verdict::Bot;
        };
        let Ok(millis) = millis.parse::<i64>() else {
            return Verdict::Bot;
        };
        let Ok(signature) = hex::decode(signature) else {
            return Verdict::Bot;
        };
        let mac = self.mac(form, millis);
        if mac.verify_slice(&signature).is_err() {
            return Verdict::Bot;
        }
        let age = now.timestamp_millis() - millis;
        if age < 0 || age < self.min_fill.as_millis() as i64 {
            Verdict::Bot
        } else if age > self.max_age.as_millis() as i64 {
            Verdict::Expired
        } else {
            Verdict::Person
        }
    }

    fn mac(&self, form: &str, millis: i64) -> HmacSha256 {
        // HMAC takes a key of any length, so this cannot fail.
        let mut mac = HmacSha256::new_from_slice(&self.key).unwrap_or_else(|_| unreachable!());
        mac.update(form.as_bytes());
        mac.update(b"|");
        mac.update(millis.to_string().as_bytes());
        mac
    }

    fn sign(&self, form: &str, millis: i64) -> String {
        hex::encode(self.mac(form, millis).finalize().into_bytes())
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration as Span;

    use super::*;

    fn guard() -> FormGuard {
        FormGuard::new("secret", Duration::from_secs(3), Duration::from_secs(3600))
    }

    #[test]
    fn a_person_passes() {
        let t0 = Utc::now();
        let stamp = guard().stamp("join", t0);
        assert_eq!(
            guard().check("join", &stamp, "", t0 + Span::seconds(10)),
            Verdict::Person
        );
    }

    #[test]
    fn bots_are_caught() {
        let t0 = Utc::now();
        let stamp = guard().stamp("join", t0);
        let later = t0 + Span::seconds(10);
        assert_eq!(
            guard().check("join", &stamp, "", t0 + Span::seconds(1)),
            Verdict::Bot,
            "too fast"
        );
        assert_eq!(
            guard().check("join", &stamp, "http://spam", later),
            Verdict::Bot,
            "honeypot"
        );
        assert_eq!(
            guard().check("other", &stamp, "", later),
            Verdict::Bot,
            "another form's stamp"
        );
        assert_eq!(
            guard().check("join", "", "", later),
            Verdict::Bot,
            "no stamp"
        );
        let forged = format!("{}.00", t0.timestamp_millis());
        assert_eq!(
            guard().check("join", &forged, "", later),
            Verdict::Bot,
            "forged"
        );
        let other_key = FormGuard::new("other", Duration::ZERO, Duration::from_secs(3600));
        assert_eq!(
            other_key.check("join", &stamp, "", later),
            Verdict::Bot,
            "other key"
        );
    }

    #[test]
    fn old_forms_expire() {
        let t0 = Utc::now();
        let stamp = guard().stamp("join", t0);
        assert_eq!(
            guard().check("join", &stamp, "", t0 + Span::hours(2)),
            Verdict::Expired
        );
    }
}

#[cfg(test)]
mod properties {
    use chrono::{DateTime, Duration as Span, Utc};
    use proptest::prelude::*;

    use super::*;

    const MIN: u64 = 3;
    const MAX: u64 = 3600;

    fn guard(secret: &str) -> FormGuard {
        FormGuard::new(secret, Duration::from_secs(MIN), Duration::from_secs(MAX))
    }

    fn at(millis: i64) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(millis).unwrap_or_default()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn check_never_panics_on_any_stamp(
            stamp in prop_oneof![any::<String>(), "-?[0-9]{0,25}\\.[0-9a-f]{0,70}"],
            honeypot in any::<String>(),
            now in 0i64..4_102_444_800_000,
        ) {
            let verdict = guard("k").check("join", &stamp, &honeypot, at(now));
            // Nothing forged passes: only our own stamps are people.
            prop_assert_ne!(verdict, Verdict::Person);
        }

        #[test]
        fn a_stamp_tells_its_age(
            form in "[a-z-]{1,20}",
            served in 0i64..4_000_000_000_000,
            age_ms in -10_000i64..2 * MAX as i64 * 1000,
        ) {
            let g = guard("secret");
            let stamp = g.stamp(&form, at(served));
            let verdict = g.check(&form, &stamp, "", at(served) + Span::milliseconds(age_ms));
            let expected = if age_ms < (MIN * 1000) as i64 {
                Verdict::Bot
            } else if age_ms > (MAX * 1000) as i64 {
                Verdict::Expired
            } else {
                Verdict::Person
            };
            prop_assert_eq!(verdict, expected);
        }

        #[test]
        fn a_tampered_stamp_or_a_filled_honeypot_is_a_bot(
            form in "[a-z-]{1,20}",
            served in 0i64..4_000_000_000_000,
            at_char in any::<prop::sample::Index>(),
            replacement in any::<char>(),
            honeypot in "[a-z0-9:/.]{1,10}",
        ) {
            let g = guard("secret");
            let stamp = g.stamp(&form, at(served));
            let later = at(served) + Span::seconds(10);
            let mut chars: Vec<char> = stamp.chars().collect();
            let i = at_char.index(chars.len());
            // Hex is read whatever its case: `d` and `D` are the same signature.
            prop_assume!(!chars[i].eq_ignore_ascii_case(&replacement));
            chars[i] = replacement;
            let tampered: String = chars.into_iter().collect();
            // A leading zero or plus sign on the time is the same number: still genuine.
            prop_assume!(!tampered.starts_with(['0', '+']));
            prop_assert_eq!(g.check(&form, &tampered, "", later), Verdict::Bot);
            prop_assert_eq!(g.check(&form, &stamp, &honeypot, later), Verdict::Bot);
            prop_assert_eq!(guard("other").check(&form, &stamp, "", later), Verdict::Bot);
        }
    }
}
