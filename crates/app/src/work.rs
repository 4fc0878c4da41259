use std::sync::Arc;

use chrono::{DateTime, Utc};
use domain::{DomainError, audit, outbox};
use sea_orm::DatabaseTransaction;
use tokio::sync::Notify;

/// One use case's write transaction. Mail queued through it goes out once it commits: the
/// commit wakes the worker, and a transaction dropped without commit rolls back the mail
/// with the rest.
pub struct Work {
    txn: DatabaseTransaction,
    waker: Arc<Notify>,
    queued_mail: bool,
    /// Wakes the worker's webhook loop once events it must post are committed.
    hooks_waker: Arc<Notify>,
    queued_hooks: bool,
}

impl Work {
    pub(crate) fn new(
        txn: DatabaseTransaction,
        waker: Arc<Notify>,
        hooks_waker: Arc<Notify>,
    ) -> Self {
        Self {
            txn,
            waker,
            queued_mail: false,
            hooks_waker,
            queued_hooks: false,
        }
    }

    /// Writes a webhook event for every endpoint that wants it, in this transaction.
    pub async fn emit(
        &mut self,
        topic: domain::webhooks::Topic,
        data: serde_json::Value,
        now: DateTime<Utc>,
    ) -> Result<(), DomainError> {
        if domain::webhooks::emit(&self.txn, topic, data, now).await? > 0 {
            self.queued_hooks = true;
        }
        Ok(())
    }

    /// The transaction, for the domain's functions.
    pub fn conn(&self) -> &DatabaseTransaction {
        &self.txn
    }

    /// Queues an email in this transaction.
    pub async fn enqueue(
        &mut self,
        email: outbox::NewEmail,
        now: DateTime<Utc>,
    ) -> Result<(), DomainError> {
        outbox::enqueue(&self.txn, email, now).await?;
        self.queued_mail = true;
        Ok(())
    }

    /// Appends to the audit log in this transaction.
    pub async fn audit(
        &self,
        action: audit::Action<'_>,
        now: DateTime<Utc>,
    ) -> Result<(), DomainError> {
        audit::record(&self.txn, action, now).await
    }

    /// Says that mail was queued by a domain function that wrote the outbox itself.
    pub fn mail_queued(&mut self) {
        self.queued_mail = true;
    }

    pub async fn commit(self) -> Result<(), DomainError> {
        self.txn.commit().await?;
        if self.queued_mail {
            self.waker.notify_one();
        }
        if self.queued_hooks {
            self.hooks_waker.notify_one();
        }
        Ok(())
    }
}
