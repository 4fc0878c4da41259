//! Organizers and the directory: the queue of submissions in their chapters, the decision on
//! one (approve, send back with a note, hide), and what they may know of the relay: how many
//! messages each expert received and which were reported, never what they said.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, RelationTrait, sea_query::Expr,
};

use super::{Content, MessageStatus, Status, Visibility, profile::search_texts};
use crate::{
    DomainError,
    entities::{
        expert_message, expert_profile, expert_sender, member, organizer, organizer_chapter,
    },
    organizers::{Role, Scope},
};

/// A profile with its member, as the back office lists it.
#[derive(Clone, Debug)]
pub struct QueueEntry {
    pub profile: expert_profile::Model,
    pub member: member::Model,
}

fn in_chapters(scope: &Scope) -> sea_orm::Condition {
    match scope {
        Scope::All => sea_orm::Condition::all(),
        Scope::Chapters(ids) => {
            sea_orm::Condition::all().add(member::Column::ChapterId.is_in(ids.iter().copied()))
        }
    }
}

async fn with_members(
    conn: &impl ConnectionTrait,
    scope: &Scope,
    status: Option<Status>,
    limit: u64,
) -> Result<Vec<QueueEntry>, DomainError> {
    let mut query = expert_profile::Entity::find()
        .find_also_related(member::Entity)
        .filter(in_chapters(scope));
    query = match status {
        Some(status) => query
            .filter(expert_profile::Column::Status.eq(status))
            .order_by_asc(expert_profile::Column::SubmittedAt),
        None => query.order_by_desc(expert_profile::Column::Id),
    };
    Ok(query
        .limit(limit)
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|(profile, member)| member.map(|member| QueueEntry { profile, member }))
        .collect())
}

/// The submissions waiting in the organizer's chapters, oldest first (at most `limit`).
pub async fn queue(
    conn: &impl ConnectionTrait,
    scope: &Scope,
    limit: u64,
) -> Result<Vec<QueueEntry>, DomainError> {
    with_members(conn, scope, Some(Status::Pending), limit).await
}

/// How many submissions wait in the organizer's chapters.
pub async fn waiting_count(conn: &impl ConnectionTrait, scope: &Scope) -> Result<u64, DomainError> {
    Ok(expert_profile::Entity::find()
        .join(JoinType::InnerJoin, expert_profile::Relation::Member.def())
        .filter(in_chapters(scope))
        .filter(expert_profile::Column::Status.eq(Status::Pending))
        .count(conn)
        .await?)
}

/// Every profile in the organizer's chapters, newest first (at most `limit`).
pub async fn all_in_scope(
    conn: &impl ConnectionTrait,
    scope: &Scope,
    limit: u64,
) -> Result<Vec<QueueEntry>, DomainError> {
    with_members(conn, scope, None, limit).await
}

/// One profile, if the organizer's scope reaches its member's chapter.
pub async fn in_scope(
    conn: &impl ConnectionTrait,
    scope: &Scope,
    id: i64,
) -> Result<Option<QueueEntry>, DomainError> {
    Ok(expert_profile::Entity::find_by_id(id)
        .find_also_related(member::Entity)
        .one(conn)
        .await?
        .and_then(|(profile, member)| {
            let member = member.filter(|m| scope.allows(m.chapter_id))?;
            Some(QueueEntry { profile, member })
        }))
}

/// Who hears of an abuse report on an expert of `chapter_id`: the active organizers of that
/// chapter, or the active admins when it has none.
pub async fn organizers_to_tell(
    conn: &impl ConnectionTrait,
    chapter_id: i64,
) -> Result<Vec<organizer::Model>, DomainError> {
    let of_chapter = organizer::Entity::find()
        .join(
            JoinType::InnerJoin,
            organizer::Entity::belongs_to(organizer_chapter::Entity)
                .from(organizer::Column::Id)
                .to(organizer_chapter::Column::OrganizerId)
                .into(),
        )
        .filter(organizer_chapter::Column::ChapterId.eq(chapter_id))
        .filter(organizer::Column::Active.eq(true))
        .filter(organizer::Column::Role.eq(Role::Organizer))
        .all(conn)
        .await?;
    if !of_chapter.is_empty() {
        return Ok(of_chapter);
    }
    Ok(organizer::Entity::find()
        .filter(organizer::Column::Active.eq(true))
        .filter(organizer::Column::Role.eq(Role::Admin))
        .all(conn)
        .await?)
}

/// An organizer's decision on a submission.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// The submission becomes the listed profile.
    Approve,
    /// Back to the member with a note; an approved version stays listed.
    Return(String),
    /// Out of the directory until a new submission is approved.
    Hide(String),
}

impl Decision {
    /// The audit log's name of it.
    pub fn action(&self) -> &'static str {
        match self {
            Decision::Approve => "expert-approved",
            Decision::Return(_) => "expert-returned",
            Decision::Hide(_) => "expert-hidden",
        }
    }
}

#[derive(Debug)]
pub enum Decided {
    Done(Box<expert_profile::Model>),
    /// The member changed the profile after the organizer opened it: nothing was decided.
    Stale,
}

/// Applies a decision to the submission `revision` (the one the organizer read). Whatever
/// the member saves meanwhile bumps the revision, and the decision then changes nothing.
pub async fn decide(
    conn: &impl ConnectionTrait,
    profile: &expert_profile::Model,
    revision: i32,
    decision: &Decision,
    organizer_id: i64,
    now: DateTime<Utc>,
) -> Result<Decided, DomainError> {
    if profile.revision != revision {
        return Ok(Decided::Stale);
    }
    let mut update = expert_profile::Entity::update_many()
        .col_expr(expert_profile::Column::ReviewedAt, Expr::value(now))
        .col_expr(
            expert_profile::Column::ReviewedBy,
            Expr::value(organizer_id),
        )
        .col_expr(expert_profile::Column::UpdatedAt, Expr::value(now));
    update = match decision {
        Decision::Approve => {
            let content = Content::latest(profile);
            let (search_public, search_members) = search_texts(&content, &Visibility::of(profile));
            update
                .col_expr(
                    expert_profile::Column::Status,
                    Expr::value(Status::Approved),
                )
                .col_expr(expert_profile::Column::ReviewNote, Expr::value(""))
                .col_expr(
                    expert_profile::Column::Draft,
                    Expr::value(Option::<String>::None),
                )
                .col_expr(
                    expert_profile::Column::PublishedAt,
                    Expr::value(profile.published_at.unwrap_or(now)),
                )
                .col_expr(
                    expert_profile::Column::DisplayName,
                    Expr::value(content.display_name),
                )
                .col_expr(expert_profile::Column::Areas, Expr::value(content.areas))
                .col_expr(
                    expert_profile::Column::Languages,
                    Expr::value(content.languages),
                )
                .col_expr(
                    expert_profile::Column::Country,
                    Expr::value(content.country),
                )
                .col_expr(
                    expert_profile::Column::Organisation,
                    Expr::value(content.organisation),
                )
                .col_expr(
                    expert_profile::Column::OrgRole,
                    Expr::value(content.org_role),
                )
                .col_expr(expert_profile::Column::Bio, Expr::value(content.bio))
                .col_expr(
                    expert_profile::Column::LivedExperience,
                    Expr::value(content.lived_experience),
                )
                .col_expr(
                    expert_profile::Column::SearchPublic,
                    Expr::value(search_public),
                )
                .col_expr(
                    expert_profile::Column::SearchMembers,
                    Expr::value(search_members),
                )
        }
        Decision::Return(note) => update
            .col_expr(
                expert_profile::Column::Status,
                Expr::value(Status::Returned),
            )
            .col_expr(
                expert_profile::Column::ReviewNote,
                Expr::value(note.clone()),
            ),
        Decision::Hide(note) => update
            .col_expr(expert_profile::Column::Status, Expr::value(Status::Hidden))
            .col_expr(
                expert_profile::Column::ReviewNote,
                Expr::value(note.clone()),
            ),
    };
    let changed = update
        .filter(expert_profile::Column::Id.eq(profile.id))
        .filter(expert_profile::Column::Revision.eq(revision))
        .exec(conn)
        .await?
        .rows_affected;
    if changed == 0 {
        return Ok(Decided::Stale);
    }
    let saved = expert_profile::Entity::find_by_id(profile.id)
        .one(conn)
        .await?
        .ok_or(DomainError::Inconsistent(
            "expert profile vanished on review",
        ))?;
    Ok(Decided::Done(Box::new(saved)))
}

/// What organizers may know of an expert's messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Relayed in the last 30 days.
    pub recent: u64,
    /// Relayed in all.
    pub total: u64,
    /// Reported as abuse by the expert.
    pub reported: u64,
}

/// The counts of each of `expert_ids`.
pub async fn counts(
    conn: &impl ConnectionTrait,
    expert_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<HashMap<i64, Counts>, DomainError> {
    let rows: Vec<(i64, MessageStatus, Option<DateTime<Utc>>)> = expert_message::Entity::find()
        .select_only()
        .column(expert_message::Column::ExpertId)
        .column(expert_message::Column::Status)
        .column(expert_message::Column::RelayedAt)
        .filter(expert_message::Column::ExpertId.is_in(expert_ids.iter().copied()))
        .filter(
            expert_message::Column::Status.is_in([MessageStatus::Sent, MessageStatus::Reported]),
        )
        .into_tuple()
        .all(conn)
        .await?;
    let since = now - Duration::days(30);
    let mut counts: HashMap<i64, Counts> = HashMap::new();
    for (expert, status, relayed_at) in rows {
        let c = counts.entry(expert).or_default();
        c.total += 1;
        if relayed_at.is_some_and(|at| at > since) {
            c.recent += 1;
        }
        if status == MessageStatus::Reported {
            c.reported += 1;
        }
    }
    Ok(counts)
}

/// A message an expert reported: when, to whom, and the sender's standing (never what the
/// message said, nor who sent it).
#[derive(Clone, Debug)]
pub struct Report {
    pub message_id: i64,
    pub reported_at: DateTime<Utc>,
    pub profile: expert_profile::Model,
    pub member: member::Model,
    /// The sender's row, for an admin to lift the block.
    pub sender: Option<expert_sender::Model>,
}

/// The latest reports on experts of the organizer's chapters.
pub async fn reports(
    conn: &impl ConnectionTrait,
    scope: &Scope,
    limit: u64,
) -> Result<Vec<Report>, DomainError> {
    let rows = expert_message::Entity::find()
        .filter(expert_message::Column::Status.eq(MessageStatus::Reported))
        .join(JoinType::InnerJoin, expert_message::Relation::Profile.def())
        .join(JoinType::InnerJoin, expert_profile::Relation::Member.def())
        .filter(in_chapters(scope))
        .order_by_desc(expert_message::Column::ReportedAt)
        .limit(limit)
        .all(conn)
        .await?;
    let mut out = Vec::new();
    for message in rows {
        let Some(entry) = in_scope(conn, scope, message.expert_id).await? else {
            continue;
        };
        let sender = expert_sender::Entity::find()
            .filter(expert_sender::Column::EmailHash.eq(&message.sender_hash))
            .one(conn)
            .await?;
        out.push(Report {
            message_id: message.id,
            reported_at: message.reported_at.unwrap_or(message.created_at),
            profile: entry.profile,
            member: entry.member,
            sender,
        });
    }
    Ok(out)
}
