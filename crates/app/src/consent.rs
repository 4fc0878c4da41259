//! Withdrawing consent by link: effective at once, whichever way the request came.

use chrono::Utc;
use domain::{
    DomainError,
    account::{self, Link},
    entities::member,
    webhooks::Topic,
};

use crate::App;

/// The wording version recorded for a withdrawal by link: the unsubscribe page's text.
pub const UNSUBSCRIBE_WORDING_VERSION: &str = "unsubscribe-2026-11-28";

/// How the withdrawal was asked for: the page's button, or a mail provider's RFC 8058
/// one-click POST. The ledger records which.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    Page,
    OneClick,
}

impl Via {
    fn source(self) -> &'static str {
        match self {
            Via::Page => account::SOURCE_UNSUBSCRIBE,
            Via::OneClick => account::SOURCE_ONE_CLICK,
        }
    }
}

/// Unsubscribes the member the link was made for from newsletters, with a ledger row; the
/// `bool` says whether anything changed (they may have unsubscribed before). Delivery checks
/// the ledger again before each copy goes out, so no copy follows this.
pub async fn unsubscribe(
    app: &App,
    token: &str,
    via: Via,
) -> Result<Link<(member::Model, bool)>, DomainError> {
    let now = Utc::now();
    let mut work = app.begin().await?;
    let outcome = account::unsubscribe(
        work.conn(),
        &app.ledger_key,
        token,
        via.source(),
        UNSUBSCRIBE_WORDING_VERSION,
        now,
    )
    .await?;
    if let Link::Valid((member, true)) = &outcome {
        work.emit(
            Topic::MemberUnsubscribed,
            crate::webhooks::member_data(&app.brand, member),
            now,
        )
        .await?;
    }
    work.commit().await?;
    Ok(outcome)
}

/// A member's own newsletter choice from their account page, recorded in the ledger if it
/// changes anything; returns whether it did.
pub async fn set_newsletter(
    app: &App,
    member: &member::Model,
    subscribe: bool,
    wording_version: &str,
) -> Result<bool, DomainError> {
    let now = Utc::now();
    let mut work = app.begin().await?;
    let changed = account::set_newsletter(
        work.conn(),
        &app.ledger_key,
        member,
        subscribe,
        wording_version,
        account::SOURCE_ACCOUNT,
        now,
    )
    .await?;
    if changed && !subscribe {
        work.emit(
            Topic::MemberUnsubscribed,
            crate::webhooks::member_data(&app.brand, member),
            now,
        )
        .await?;
    }
    work.commit().await?;
    Ok(changed)
}
