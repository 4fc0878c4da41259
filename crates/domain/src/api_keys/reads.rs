//! Which key read which member's record: one row per key and member, first and last read, so a
//! member's data download can list every partner that read them at the cost of one upsert per
//! page a partner reads.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::OnConflict,
};
use serde::Serialize;

use crate::{
    DomainError,
    entities::{api_key, api_key_read},
};

/// Records that key `api_key_id` read the records of `member_ids` at `now`.
pub async fn record_reads(
    conn: &impl ConnectionTrait,
    api_key_id: i64,
    member_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    if member_ids.is_empty() {
        return Ok(());
    }
    api_key_read::Entity::insert_many(member_ids.iter().map(|&member_id| {
        api_key_read::ActiveModel {
            member_id: Set(member_id),
            api_key_id: Set(api_key_id),
            first_read_at: Set(now),
            last_read_at: Set(now),
        }
    }))
    .on_conflict(
        OnConflict::columns([
            api_key_read::Column::MemberId,
            api_key_read::Column::ApiKeyId,
        ])
        .update_column(api_key_read::Column::LastReadAt)
        .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// A key that read a member's record, as their data download shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KeyRead {
    pub key: String,
    pub key_prefix: String,
    pub first_read_at: DateTime<Utc>,
    pub last_read_at: DateTime<Utc>,
}

/// The keys that read `member_id`'s record, first read first.
pub async fn readers_of(
    conn: &impl ConnectionTrait,
    member_id: i64,
) -> Result<Vec<KeyRead>, DomainError> {
    let reads = api_key_read::Entity::find()
        .filter(api_key_read::Column::MemberId.eq(member_id))
        .order_by_asc(api_key_read::Column::FirstReadAt)
        .all(conn)
        .await?;
    if reads.is_empty() {
        return Ok(Vec::new());
    }
    let keys = api_key::Entity::find()
        .filter(api_key::Column::Id.is_in(reads.iter().map(|r| r.api_key_id)))
        .all(conn)
        .await?;
    Ok(reads
        .into_iter()
        .filter_map(|read| {
            let key = keys.iter().find(|k| k.id == read.api_key_id)?;
            Some(KeyRead {
                key: key.name.clone(),
                key_prefix: key.prefix.clone(),
                first_read_at: read.first_read_at,
                last_read_at: read.last_read_at,
            })
        })
        .collect())
}
