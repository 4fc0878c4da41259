use std::sync::Arc;

use domain::{
    Db, DomainError,
    membership::Throttle,
    sign_in_guard::{AddressKey, Lockout},
    two_factor::SeedKey,
};
use mailer::Brand;
use tokio::sync::Notify;

use crate::Work;

/// The limits every door shares.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Emails of one kind an address may be sent in an hour, whoever asks for them.
    pub mails_per_address_per_hour: u64,
    /// Failed organizer sign-ins (passwords and codes) tolerated before a lock.
    pub lockout: Lockout,
    /// Messages through the expert directory's relay, per day.
    pub experts: domain::experts::ContactLimits,
}

impl Limits {
    pub fn throttle(&self) -> Throttle {
        Throttle {
            per_address_per_hour: self.mails_per_address_per_hour,
        }
    }
}

/// What the use cases need: the database, the sender's identity, the limits, and the worker
/// to wake when mail is queued. Cheap to clone.
#[derive(Clone)]
pub struct App {
    pub db: Db,
    pub brand: Arc<Brand>,
    pub limits: Limits,
    /// Names typed addresses in the sign-in failure counts.
    pub address_key: Arc<AddressKey>,
    /// Proves the address in the consent ledger, keyed so a copy cannot be tested by guessing.
    pub ledger_key: Arc<AddressKey>,
    /// Seals the organizers' TOTP seeds at rest.
    pub seed_key: Arc<SeedKey>,
    /// Names senders and client addresses in the expert directory's relay.
    pub contact_key: Arc<AddressKey>,
    mail_waker: Arc<Notify>,
    /// Wakes this process's webhook loop (`webhooks::Deliverer`).
    hooks_waker: Arc<Notify>,
}

fn random_key() -> AddressKey {
    let secret = domain::token::Secret::random();
    AddressKey::for_contact(secret.as_str().as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"))
}

impl App {
    pub fn new(
        db: Db,
        brand: Arc<Brand>,
        limits: Limits,
        address_key: AddressKey,
        ledger_key: AddressKey,
        seed_key: SeedKey,
        mail_waker: Arc<Notify>,
    ) -> Self {
        Self {
            db,
            brand,
            limits,
            address_key: Arc::new(address_key),
            ledger_key: Arc::new(ledger_key),
            seed_key: Arc::new(seed_key),
            // Until `with_contact_key` names the configured one: a key of this process alone.
            contact_key: Arc::new(random_key()),
            mail_waker,
            hooks_waker: Arc::new(Notify::new()),
        }
    }

    /// The same use cases, waking `waker` when they commit webhook events.
    pub fn with_hooks_waker(mut self, waker: Arc<Notify>) -> Self {
        self.hooks_waker = waker;
        self
    }

    /// The key the relay's senders and client addresses are hashed under (from the site's
    /// secret, so that every instance counts alike).
    pub fn with_contact_key(mut self, key: AddressKey) -> Self {
        self.contact_key = Arc::new(key);
        self
    }

    /// A write transaction whose commit wakes the worker if it queued mail.
    pub async fn begin(&self) -> Result<Work, DomainError> {
        Ok(Work::new(
            self.db.begin_write().await?,
            self.mail_waker.clone(),
            self.hooks_waker.clone(),
        ))
    }

    /// Wakes the outbox worker of this process (mail was queued outside a `Work`).
    pub fn wake_mail(&self) {
        self.mail_waker.notify_one();
    }
}
