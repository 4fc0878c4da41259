//! Newsletters: written once per language, sent to an audience fixed when sending starts, each
//! member at most once. Sending expands the audience into one outbox row per recipient, in
//! batches, under the unique key (newsletter, member): running the expansion twice, a double
//! click or two processes racing cannot write a second row, so cannot send a second copy.
//!
//! A newsletter goes `draft` → (`scheduled`) → `sending` ⇄ `paused` → `sent`, or `cancelled`.

use sea_orm::{DeriveActiveEnum, EnumIter};
use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, Order, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait, LockType, OnConflict},
};

use crate::{
    DomainError, Interest, Language, directory,
    entities::{member, newsletter, outbox as outbox_row},
    membership::Status as MemberStatus,
    organizers::Scope,
    outbox,
};

/// Where a newsletter is in its send.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum Status {
    #[sea_orm(string_value = "draft")]
    Draft,
    /// Starts by itself at `scheduled_at`.
    #[sea_orm(string_value = "scheduled")]
    Scheduled,
    #[sea_orm(string_value = "sending")]
    Sending,
    #[sea_orm(string_value = "paused")]
    Paused,
    #[sea_orm(string_value = "sent")]
    Sent,
    #[sea_orm(string_value = "cancelled")]
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Draft,
        Status::Scheduled,
        Status::Sending,
        Status::Paused,
        Status::Sent,
        Status::Cancelled,
    ];

    /// The stored value, also used in the back office's URLs and CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Scheduled => "scheduled",
            Status::Sending => "sending",
            Status::Paused => "paused",
            Status::Sent => "sent",
            Status::Cancelled => "cancelled",
        }
    }
}

/// The outbox kind of a newsletter copy; its body is rendered by the worker at sending time.
pub const MAIL_KIND: &str = "newsletter";
/// The outbox kind of a test send to the organizer.
pub const TEST_MAIL_KIND: &str = "newsletter-test";

/// Why an outbox row of a newsletter was not sent though it was written.
pub const SKIPPED_UNSUBSCRIBED: &str = "skipped: no longer subscribed when its turn came";
pub const SKIPPED_CANCELLED: &str = "skipped: the newsletter was cancelled";

pub const SUBJECT_MAX: usize = 200;
pub const BODY_MAX: usize = 50_000;

/// One language's version.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Version {
    pub subject: String,
    pub body: String,
}

/// Who receives it. Empty interests or languages mean everyone, whatever theirs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Audience {
    pub chapters: Vec<i64>,
    pub interests: Vec<Interest>,
    pub languages: Vec<Language>,
}

/// What an organizer writes: English and French required, Spanish optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub en: Version,
    pub fr: Version,
    pub es: Option<Version>,
    pub audience: Audience,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Missing,
    TooLong,
    /// A subject is one line: a line break would end up in the mail's headers.
    LineBreak,
    /// An invisible or direction-changing character (U+202E and friends): a subject that
    /// reads as something else in a mail client (`domain::text`).
    HiddenText,
    NoChapter,
    /// A chapter the organizer does not run.
    OutOfScope,
}

impl Draft {
    /// Trims subjects, and lists what is wrong by form field.
    pub fn check(&mut self, scope: &Scope) -> Vec<(&'static str, Problem)> {
        let mut problems = Vec::new();
        let mut version = |v: &mut Version, subject: &'static str, body: &'static str| {
            v.subject = v.subject.trim().to_owned();
            if v.subject.is_empty() {
                problems.push((subject, Problem::Missing));
            } else if v.subject.chars().any(char::is_control) {
                problems.push((subject, Problem::LineBreak));
            } else if crate::text::check_line(&v.subject).is_err() {
                problems.push((subject, Problem::HiddenText));
            } else if v.subject.chars().count() > SUBJECT_MAX {
                problems.push((subject, Problem::TooLong));
            }
            if v.body.trim().is_empty() {
                problems.push((body, Problem::Missing));
            } else if crate::text::check_multiline(&v.body).is_err() {
                problems.push((body, Problem::HiddenText));
            } else if v.body.chars().count() > BODY_MAX {
                problems.push((body, Problem::TooLong));
            }
        };
        version(&mut self.en, "subject_en", "body_en");
        version(&mut self.fr, "subject_fr", "body_fr");
        if let Some(es) = &mut self.es {
            version(es, "subject_es", "body_es");
        }
        if self.audience.chapters.is_empty() {
            problems.push(("chapters", Problem::NoChapter));
        } else if !self.audience.chapters.iter().all(|id| scope.allows(*id)) {
            problems.push(("chapters", Problem::OutOfScope));
        }
        problems
    }
}

impl newsletter::Model {
    pub fn version(&self, lang: Language) -> Option<Version> {
        match lang {
            Language::En => Some(Version {
                subject: self.subject_en.clone(),
                body: self.body_en.clone(),
            }),
            Language::Fr => Some(Version {
                subject: self.subject_fr.clone(),
                body: self.body_fr.clone(),
            }),
            Language::Es => match (&self.subject_es, &self.body_es) {
                (Some(subject), Some(body)) => Some(Version {
                    subject: subject.clone(),
                    body: body.clone(),
                }),
                _ => None,
            },
        }
    }

    /// The language a member of `lang` reads it in: theirs, else English.
    pub fn language_for(&self, lang: Language) -> Language {
        if self.version(lang).is_some() {
            lang
        } else {
            Language::En
        }
    }

    /// The languages it is written in.
    pub fn languages(&self) -> Vec<Language> {
        Language::ALL
            .into_iter()
            .filter(|lang| self.version(*lang).is_some())
            .collect()
    }

    pub fn audience(&self) -> Audience {
        Audience {
            chapters: serde_json::from_str(&self.audience_chapters).unwrap_or_default(),
            interests: serde_json::from_str::<Vec<String>>(&self.audience_interests)
                .unwrap_or_default()
                .iter()
                .filter_map(|slug| slug.parse().ok())
                .collect(),
            languages: serde_json::from_str::<Vec<String>>(&self.audience_languages)
                .unwrap_or_default()
                .iter()
                .filter_map(|code| code.parse().ok())
                .collect(),
        }
    }

    /// Whether an organizer with `scope` may see and manage it: all its chapters are theirs.
    pub fn within(&self, scope: &Scope) -> bool {
        self.audience()
            .chapters
            .iter()
            .all(|chapter| scope.allows(*chapter))
    }

    pub fn is_editable(&self) -> bool {
        self.status == Status::Draft || self.status == Status::Scheduled
    }
}

fn audience_json(audience: &Audience) -> (String, String, String) {
    let interests: Vec<&str> = audience.interests.iter().map(|i| i.slug()).collect();
    let languages: Vec<&str> = audience.languages.iter().map(|l| l.code()).collect();
    (
        serde_json::json!(audience.chapters).to_string(),
        serde_json::json!(interests).to_string(),
        serde_json::json!(languages).to_string(),
    )
}

/// Members who may receive a newsletter at all: active, not suspended for bounces, and whose
/// latest newsletter decision is a yes.
pub(crate) fn subscribed() -> Condition {
    Condition::all()
        .add(member::Column::Status.eq(MemberStatus::Active))
        .add(member::Column::NewsletterSuspendedAt.is_null())
        .add(directory::newsletter_granted())
}

fn audience_condition(audience: &Audience) -> Condition {
    let mut all = subscribed().add(member::Column::ChapterId.is_in(audience.chapters.clone()));
    if !audience.interests.is_empty() {
        all = all.add(audience.interests.iter().fold(Condition::any(), |any, i| {
            any.add(directory::has_interest(i.slug()))
        }));
    }
    if !audience.languages.is_empty() {
        all = all.add(member::Column::Language.is_in(audience.languages.iter().copied()));
    }
    all
}

/// How many members the audience holds now.
pub async fn count_audience(
    conn: &impl ConnectionTrait,
    audience: &Audience,
) -> Result<u64, DomainError> {
    if audience.chapters.is_empty() {
        return Ok(0);
    }
    Ok(member::Entity::find()
        .filter(audience_condition(audience))
        .count(conn)
        .await?)
}

pub async fn create(
    conn: &impl ConnectionTrait,
    draft: &Draft,
    created_by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<newsletter::Model, DomainError> {
    let (chapters, interests, languages) = audience_json(&draft.audience);
    let model = newsletter::ActiveModel {
        subject_en: Set(draft.en.subject.clone()),
        body_en: Set(draft.en.body.clone()),
        subject_fr: Set(draft.fr.subject.clone()),
        body_fr: Set(draft.fr.body.clone()),
        subject_es: Set(draft.es.as_ref().map(|v| v.subject.clone())),
        body_es: Set(draft.es.as_ref().map(|v| v.body.clone())),
        audience_chapters: Set(chapters),
        audience_interests: Set(interests),
        audience_languages: Set(languages),
        status: Set(Status::Draft),
        scheduled_at: Set(None),
        started_at: Set(None),
        audience_max_member_id: Set(None),
        expanded_through: Set(0),
        expanded_at: Set(None),
        finished_at: Set(None),
        recipients: Set(0),
        published: Set(false),
        created_by: Set(created_by),
        created_at: Set(now),
        updated_at: Set(now),
        held_reason: Set(None),
        ..Default::default()
    };
    Ok(newsletter::Entity::insert(model)
        .exec_with_returning(conn)
        .await?)
}

/// Rewrites a newsletter that has not started sending. False if it has.
pub async fn update(
    conn: &impl ConnectionTrait,
    id: i64,
    draft: &Draft,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    let (chapters, interests, languages) = audience_json(&draft.audience);
    let result = newsletter::Entity::update_many()
        .col_expr(
            newsletter::Column::SubjectEn,
            Expr::value(&draft.en.subject),
        )
        .col_expr(newsletter::Column::BodyEn, Expr::value(&draft.en.body))
        .col_expr(
            newsletter::Column::SubjectFr,
            Expr::value(&draft.fr.subject),
        )
        .col_expr(newsletter::Column::BodyFr, Expr::value(&draft.fr.body))
        .col_expr(
            newsletter::Column::SubjectEs,
            Expr::value(draft.es.as_ref().map(|v| v.subject.clone())),
        )
        .col_expr(
            newsletter::Column::BodyEs,
            Expr::value(draft.es.as_ref().map(|v| v.body.clone())),
        )
        .col_expr(newsletter::Column::AudienceChapters, Expr::value(chapters))
        .col_expr(
            newsletter::Column::AudienceInterests,
            Expr::value(interests),
        )
        .col_expr(
            newsletter::Column::AudienceLanguages,
            Expr::value(languages),
        )
        .col_expr(newsletter::Column::UpdatedAt, Expr::value(now))
        .filter(newsletter::Column::Id.eq(id))
        .filter(newsletter::Column::Status.is_in([Status::Draft, Status::Scheduled]))
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

pub async fn find(
    conn: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<newsletter::Model>, DomainError> {
    Ok(newsletter::Entity::find_by_id(id).one(conn).await?)
}

/// Every newsletter an organizer with `scope` may manage, newest first.
pub async fn list(
    conn: &impl ConnectionTrait,
    scope: &Scope,
) -> Result<Vec<newsletter::Model>, DomainError> {
    Ok(newsletter::Entity::find()
        .order_by_desc(newsletter::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .filter(|n| n.within(scope))
        .collect())
}

/// Moves a newsletter from one status to another if it is in one of `from`; false if not, so
/// a double click or a race does the transition once.
async fn transition(
    conn: &impl ConnectionTrait,
    id: i64,
    from: &[Status],
    to: Status,
    extra: Vec<(newsletter::Column, Expr)>,
) -> Result<bool, DomainError> {
    let mut update =
        newsletter::Entity::update_many().col_expr(newsletter::Column::Status, Expr::value(to));
    for (column, value) in extra {
        update = update.col_expr(column, value);
    }
    let result = update
        .filter(newsletter::Column::Id.eq(id))
        .filter(newsletter::Column::Status.is_in(from.iter().copied()))
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

pub async fn schedule(
    conn: &impl ConnectionTrait,
    id: i64,
    at: DateTime<Utc>,
) -> Result<bool, DomainError> {
    // A schedule off the calendar (before 2000, after 2100) is never taken, whatever the door.
    if crate::calendar::in_range(at).is_err() {
        return Ok(false);
    }
    transition(
        conn,
        id,
        &[Status::Draft, Status::Scheduled],
        Status::Scheduled,
        vec![(newsletter::Column::ScheduledAt, Expr::value(at))],
    )
    .await
}

pub async fn unschedule(conn: &impl ConnectionTrait, id: i64) -> Result<bool, DomainError> {
    transition(
        conn,
        id,
        &[Status::Scheduled],
        Status::Draft,
        vec![(
            newsletter::Column::ScheduledAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )],
    )
    .await
}

/// Starts sending: the audience is fixed here (no member who joins after this is added).
/// False if it was already started, by a double click or another process.
pub async fn start(
    conn: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    let max_member = member::Entity::find()
        .select_only()
        .column_as(member::Column::Id.max(), "max")
        .into_tuple::<Option<i64>>()
        .one(conn)
        .await?
        .flatten()
        .unwrap_or(0);
    transition(
        conn,
        id,
        &[Status::Draft, Status::Scheduled],
        Status::Sending,
        vec![
            (newsletter::Column::StartedAt, Expr::value(now)),
            (
                newsletter::Column::AudienceMaxMemberId,
                Expr::value(max_member),
            ),
            (newsletter::Column::HeldReason, no_reason()),
        ],
    )
    .await
}

fn no_reason() -> Expr {
    Expr::value(Option::<String>::None)
}

/// Pauses a send. Its copies claimed by a worker but not yet handed to the relay go back to
/// the queue at once: the mark that would finish one of them requires it still `sending`,
/// so none goes out after this commits, on any worker, and each goes on resume.
pub async fn pause(
    conn: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    if !transition(conn, id, &[Status::Sending], Status::Paused, vec![]).await? {
        return Ok(false);
    }
    requeue_claimed(conn, id, now).await?;
    Ok(true)
}

/// Puts the claimed, unsent copies of a newsletter back in the queue.
async fn requeue_claimed(
    conn: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    outbox_row::Entity::update_many()
        .col_expr(
            outbox_row::Column::Status,
            Expr::value(outbox::Status::Queued),
        )
        .col_expr(outbox_row::Column::NextAttemptAt, Expr::value(now))
        .col_expr(
            outbox_row::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(outbox_row::Column::NewsletterId.eq(id))
        .filter(outbox_row::Column::Status.eq(outbox::Status::Sending))
        .exec(conn)
        .await?;
    Ok(())
}

pub async fn resume(conn: &impl ConnectionTrait, id: i64) -> Result<bool, DomainError> {
    transition(
        conn,
        id,
        &[Status::Paused],
        Status::Sending,
        vec![(newsletter::Column::HeldReason, no_reason())],
    )
    .await
}

/// Holds back a send that is under way because `reason` (a missing setting) keeps its copies
/// from going out lawfully: paused like `pause`, with the reason for the organizer.
pub async fn hold_sending(
    conn: &impl ConnectionTrait,
    id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    if !transition(
        conn,
        id,
        &[Status::Sending],
        Status::Paused,
        vec![(newsletter::Column::HeldReason, Expr::value(reason))],
    )
    .await?
    {
        return Ok(false);
    }
    requeue_claimed(conn, id, now).await?;
    Ok(true)
}

/// Holds back a scheduled newsletter that may not start (`reason`, a missing setting): it
/// goes back to draft, with the reason for the organizer, who sends or schedules it again.
pub async fn hold_scheduled(
    conn: &impl ConnectionTrait,
    id: i64,
    reason: &str,
) -> Result<bool, DomainError> {
    transition(
        conn,
        id,
        &[Status::Scheduled],
        Status::Draft,
        vec![
            (newsletter::Column::HeldReason, Expr::value(reason)),
            (
                newsletter::Column::ScheduledAt,
                Expr::value(Option::<DateTime<Utc>>::None),
            ),
        ],
    )
    .await
}

/// Cancels the rest of a send: every copy not yet handed to the relay is skipped, those a
/// worker holds included (their mark requires them still `sending`).
pub async fn cancel(
    conn: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    if !transition(
        conn,
        id,
        &[Status::Sending, Status::Paused],
        Status::Cancelled,
        vec![(newsletter::Column::FinishedAt, Expr::value(now))],
    )
    .await?
    {
        return Ok(false);
    }
    outbox_row::Entity::update_many()
        .col_expr(
            outbox_row::Column::Status,
            Expr::value(outbox::Status::Cancelled),
        )
        .col_expr(
            outbox_row::Column::LastError,
            Expr::value(SKIPPED_CANCELLED),
        )
        .col_expr(
            outbox_row::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(outbox_row::Column::NewsletterId.eq(id))
        .filter(outbox_row::Column::Status.is_in([outbox::Status::Queued, outbox::Status::Sending]))
        .exec(conn)
        .await?;
    Ok(true)
}

pub async fn set_published(
    conn: &impl ConnectionTrait,
    id: i64,
    published: bool,
) -> Result<bool, DomainError> {
    let result = newsletter::Entity::update_many()
        .col_expr(newsletter::Column::Published, Expr::value(published))
        .filter(newsletter::Column::Id.eq(id))
        .filter(newsletter::Column::Status.eq(Status::Sent))
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

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

/// Where a send stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub queued: u64,
    pub sending: u64,
    pub sent: u64,
    pub failed: u64,
    /// Written but not sent: unsubscribed meanwhile, or the send was cancelled.
    pub skipped: u64,
    /// Sent in the last minute.
    pub sent_last_minute: u64,
}

impl Progress {
    pub fn remaining(&self) -> u64 {
        self.queued + self.sending
    }

    /// Messages a second over the last minute.
    pub fn rate(&self) -> f64 {
        self.sent_last_minute as f64 / 60.0
    }

    /// At the last minute's rate.
    pub fn time_left(&self) -> Option<Duration> {
        let rate = self.rate();
        (rate > 0.0 && self.remaining() > 0)
            .then(|| Duration::seconds((self.remaining() as f64 / rate).ceil() as i64))
    }
}

pub async fn progress(
    conn: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Progress, DomainError> {
    let counts: Vec<(outbox::Status, i64)> = outbox_row::Entity::find()
        .select_only()
        .column(outbox_row::Column::Status)
        .column_as(outbox_row::Column::Id.count(), "n")
        .filter(outbox_row::Column::NewsletterId.eq(id))
        .group_by(outbox_row::Column::Status)
        .into_tuple()
        .all(conn)
        .await?;
    let mut p = Progress::default();
    for (status, n) in counts {
        let n = u64::try_from(n).unwrap_or(0);
        match status {
            outbox::Status::Queued => p.queued = n,
            outbox::Status::Sending => p.sending = n,
            outbox::Status::Sent => p.sent = n,
            outbox::Status::Failed => p.failed = n,
            outbox::Status::Cancelled => p.skipped += n,
        }
    }
    p.sent_last_minute = outbox_row::Entity::find()
        .filter(outbox_row::Column::NewsletterId.eq(id))
        .filter(outbox_row::Column::Status.eq(outbox::Status::Sent))
        .filter(outbox_row::Column::SentAt.gt(now - Duration::minutes(1)))
        .count(conn)
        .await?;
    Ok(p)
}

/// The failed copies of a newsletter with their reasons, for the organizer.
pub async fn failures(
    conn: &impl ConnectionTrait,
    id: i64,
    limit: u64,
) -> Result<Vec<outbox_row::Model>, DomainError> {
    Ok(outbox_row::Entity::find()
        .filter(outbox_row::Column::NewsletterId.eq(id))
        .filter(outbox_row::Column::Status.eq(outbox::Status::Failed))
        .order_by_asc(outbox_row::Column::Id)
        .limit(limit)
        .all(conn)
        .await?)
}

/// Of `member_ids`, those a newsletter may still go to now: a member who unsubscribed, left
/// or was suspended after sending started is skipped.
pub async fn still_subscribed(
    conn: &impl ConnectionTrait,
    member_ids: &[i64],
) -> Result<HashSet<i64>, DomainError> {
    if member_ids.is_empty() {
        return Ok(HashSet::new());
    }
    let ids: Vec<i64> = member::Entity::find()
        .select_only()
        .column(member::Column::Id)
        .filter(member::Column::Id.is_in(member_ids.iter().copied()))
        .filter(subscribed())
        .into_tuple()
        .all(conn)
        .await?;
    Ok(ids.into_iter().collect())
}

/// Counts a permanent refusal of a member's address; at `limit` of them, newsletters to it
/// stop. Returns whether this bounce suspended it.
pub async fn record_hard_bounce(
    conn: &impl ConnectionTrait,
    member_id: i64,
    limit: u32,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    member::Entity::update_many()
        .col_expr(
            member::Column::HardBounces,
            Expr::col(member::Column::HardBounces).add(1),
        )
        .filter(member::Column::Id.eq(member_id))
        .exec(conn)
        .await?;
    let suspended = member::Entity::update_many()
        .col_expr(member::Column::NewsletterSuspendedAt, Expr::value(now))
        .filter(member::Column::Id.eq(member_id))
        .filter(
            member::Column::HardBounces.gte(i32::try_from(Ord::max(limit, 1)).unwrap_or(i32::MAX)),
        )
        .filter(member::Column::NewsletterSuspendedAt.is_null())
        .exec(conn)
        .await?;
    Ok(suspended.rows_affected == 1)
}

/// Lets newsletters go to a member's address again, after an organizer checked it works.
pub async fn lift_suspension(
    conn: &impl ConnectionTrait,
    member_id: i64,
) -> Result<bool, DomainError> {
    let result = member::Entity::update_many()
        .col_expr(member::Column::HardBounces, Expr::value(0))
        .col_expr(
            member::Column::NewsletterSuspendedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(member::Column::Id.eq(member_id))
        .filter(member::Column::NewsletterSuspendedAt.is_not_null())
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Sent newsletters published to the archive, newest first; of one chapter if given.
pub async fn archive(
    conn: &impl ConnectionTrait,
    chapter_id: Option<i64>,
) -> Result<Vec<newsletter::Model>, DomainError> {
    Ok(newsletter::Entity::find()
        .filter(newsletter::Column::Published.eq(true))
        .filter(newsletter::Column::Status.eq(Status::Sent))
        .order_by_desc(newsletter::Column::FinishedAt)
        .all(conn)
        .await?
        .into_iter()
        .filter(|n| chapter_id.is_none_or(|c| n.audience().chapters.contains(&c)))
        .collect())
}

/// One archived newsletter; `None` unless sent and published.
pub async fn archived(
    conn: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<newsletter::Model>, DomainError> {
    Ok(find(conn, id)
        .await?
        .filter(|n| n.published && n.status == Status::Sent))
}
