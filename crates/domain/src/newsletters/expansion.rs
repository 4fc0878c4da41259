//! Writing the audience into the outbox: one row per recipient, in batches, under the unique
//! key (newsletter, member), so no expansion run twice or raced writes a second copy; and
//! marking the send done once nothing waits.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, Order, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait, LockType, OnConflict},
};

use crate::{
    DomainError, Language,
    entities::{member, newsletter, outbox as outbox_row},
    outbox,
};

use super::{
    audience::audience_condition,
    draft::find,
    sending::{Status, transition},
};

/// The outbox kind of a newsletter copy; its body is rendered by the worker at sending time.
pub const MAIL_KIND: &str = "newsletter";
/// The outbox kind of a test send to the organizer.
pub const TEST_MAIL_KIND: &str = "newsletter-test";

/// Why an outbox row of a newsletter was not sent though it was written.
pub const SKIPPED_UNSUBSCRIBED: &str = "skipped: no longer subscribed when its turn came";
pub const SKIPPED_CANCELLED: &str = "skipped: the newsletter was cancelled";

/// The scheduled newsletters whose time has come (`app::newsletters::start_due` starts them,
/// through the same checks as the button).
pub async fn due(conn: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Vec<i64>, DomainError> {
    Ok(newsletter::Entity::find()
        .select_only()
        .column(newsletter::Column::Id)
        .filter(newsletter::Column::Status.eq(Status::Scheduled))
        .filter(newsletter::Column::ScheduledAt.lte(now))
        .into_tuple()
        .all(conn)
        .await?)
}

/// Newsletters whose audience is still being written into the outbox.
pub async fn expanding(conn: &impl ConnectionTrait) -> Result<Vec<i64>, DomainError> {
    Ok(newsletter::Entity::find()
        .select_only()
        .column(newsletter::Column::Id)
        .filter(newsletter::Column::Status.is_in([Status::Sending, Status::Paused]))
        .filter(newsletter::Column::ExpandedAt.is_null())
        .into_tuple()
        .all(conn)
        .await?)
}

#[derive(FromQueryResult)]
struct Recipient {
    id: i64,
    email: String,
    language: String,
}

/// Writes the outbox rows of the next `batch` members of the audience. Returns how many
/// members it looked at, 0 once the expansion is complete (or the newsletter was cancelled).
/// Run it in a write transaction: the newsletter row is locked (on PostgreSQL; SQLite's write
/// transaction is exclusive already), so a cancel waits for the batch and then cancels it too.
pub async fn expand_batch(
    conn: &impl ConnectionTrait,
    id: i64,
    batch: u64,
    now: DateTime<Utc>,
) -> Result<u64, DomainError> {
    let Some(letter) = newsletter::Entity::find_by_id(id)
        .lock(LockType::Update)
        .one(conn)
        .await?
    else {
        return Ok(0);
    };
    if ![Status::Sending, Status::Paused].contains(&letter.status) || letter.expanded_at.is_some() {
        return Ok(0);
    }
    let max = letter.audience_max_member_id.unwrap_or(0);
    let members: Vec<Recipient> = member::Entity::find()
        .select_only()
        .columns([
            member::Column::Id,
            member::Column::Email,
            member::Column::Language,
        ])
        .filter(audience_condition(&letter.audience()))
        .filter(member::Column::Id.gt(letter.expanded_through))
        .filter(member::Column::Id.lte(max))
        .order_by(member::Column::Id, Order::Asc)
        .limit(batch)
        .into_model()
        .all(conn)
        .await?;
    let looked = members.len() as u64;
    let last = members.last().map(|m| m.id);
    let rows = members.into_iter().map(|m| {
        let lang = letter.language_for(m.language.parse().unwrap_or(Language::En));
        let subject = letter.version(lang).map(|v| v.subject).unwrap_or_default();
        outbox_row::ActiveModel {
            kind: Set(MAIL_KIND.to_owned()),
            recipient: Set(m.email),
            language: Set(lang),
            member_id: Set(Some(m.id)),
            newsletter_id: Set(Some(id)),
            subject: Set(subject),
            body_text: Set(String::new()),
            body_html: Set(String::new()),
            headers: Set("[]".to_owned()),
            status: Set(outbox::Status::Queued),
            attempts: Set(0),
            next_attempt_at: Set(now),
            locked_until: Set(None),
            last_error: Set(None),
            message_id: Set(None),
            sent_at: Set(None),
            created_at: Set(now),
            attachment: Set(None),
            lane: Set(outbox::Lane::Bulk),
            ..Default::default()
        }
    });
    let written = if looked == 0 {
        0
    } else {
        outbox_row::Entity::insert_many(rows)
            .on_conflict(
                OnConflict::columns([
                    outbox_row::Column::NewsletterId,
                    outbox_row::Column::MemberId,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(conn)
            .await?
    };
    let mut update = newsletter::Entity::update_many()
        .col_expr(
            newsletter::Column::Recipients,
            Expr::col(newsletter::Column::Recipients).add(written as i64),
        )
        .filter(newsletter::Column::Id.eq(id));
    if let Some(last) = last {
        update = update.col_expr(newsletter::Column::ExpandedThrough, Expr::value(last));
    }
    if looked < batch {
        update = update.col_expr(newsletter::Column::ExpandedAt, Expr::value(now));
    }
    update.exec(conn).await?;
    Ok(looked)
}

/// Marks a newsletter sent once its audience is written and no row waits or is in flight.
pub async fn finish_if_done(
    conn: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    let letter = match find(conn, id).await? {
        Some(l) if l.status == Status::Sending && l.expanded_at.is_some() => l,
        _ => return Ok(false),
    };
    let open = outbox_row::Entity::find()
        .filter(outbox_row::Column::NewsletterId.eq(letter.id))
        .filter(outbox_row::Column::Status.is_in([outbox::Status::Queued, outbox::Status::Sending]))
        .count(conn)
        .await?;
    if open > 0 {
        return Ok(false);
    }
    transition(
        conn,
        id,
        &[Status::Sending],
        Status::Sent,
        vec![(newsletter::Column::FinishedAt, Expr::value(now))],
    )
    .await
}

/// Newsletters being sent: the ones to check for completion.
pub async fn in_progress(conn: &impl ConnectionTrait) -> Result<Vec<i64>, DomainError> {
    Ok(newsletter::Entity::find()
        .select_only()
        .column(newsletter::Column::Id)
        .filter(newsletter::Column::Status.eq(Status::Sending))
        .into_tuple()
        .all(conn)
        .await?)
}
