//! An admin registers a webhook endpoint (its secret shown once) and switches one on or off;
//! both audited.

use chrono::{DateTime, Utc};
use domain::{
    DomainError,
    entities::webhook_endpoint,
    webhooks::{self, NewEndpoint},
};

use crate::{App, by_organizer};

/// Registers an endpoint; returns it with its signing secret in clear, to show once.
pub async fn create(
    app: &App,
    by: i64,
    new: &NewEndpoint,
    now: DateTime<Utc>,
) -> Result<(webhook_endpoint::Model, String), DomainError> {
    let work = app.begin().await?;
    let (endpoint, secret) =
        webhooks::create_endpoint(work.conn(), &app.seed_key, new, by, now).await?;
    work.audit(
        by_organizer::action(
            by,
            "webhook-created",
            "webhook",
            Some(endpoint.id),
            serde_json::json!({ "url": endpoint.url, "topics": endpoint.topics }),
        ),
        now,
    )
    .await?;
    work.commit().await?;
    Ok((endpoint, secret))
}

/// Switches an endpoint on or off (off cancels what waits for it).
pub async fn set_active(
    app: &App,
    by: i64,
    id: i64,
    active: bool,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    let work = app.begin().await?;
    let changed = webhooks::set_endpoint_active(work.conn(), id, active, now).await?;
    if changed {
        work.audit(
            by_organizer::action(
                by,
                if active {
                    "webhook-enabled"
                } else {
                    "webhook-disabled"
                },
                "webhook",
                Some(id),
                serde_json::json!({}),
            ),
            now,
        )
        .await?;
    }
    work.commit().await?;
    Ok(changed)
}
