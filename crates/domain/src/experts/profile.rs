//! A member's own listing: asking to be listed (its consent recorded in the ledger), editing
//! it, pausing contact requests, withdrawing it.

use chrono::{DateTime, Utc};
use rand::Rng;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryFilter,
};

use super::{Content, SOURCE_PROFILE, Status, Visibility};
use crate::{
    DomainError, Language, consent,
    entities::{expert_message, expert_profile, member},
    search::fold,
};

/// What the ledger records with a listing decision.
#[derive(Clone, Debug)]
pub struct ConsentRecord<'a> {
    /// The version of the wording the form showed.
    pub wording_version: &'a str,
    /// The language the form was shown in.
    pub language: Language,
    /// The ledger's keyed hash of the member's address.
    pub email_hash: &'a str,
}

pub async fn by_member(
    conn: &impl ConnectionTrait,
    member_id: i64,
) -> Result<Option<expert_profile::Model>, DomainError> {
    Ok(expert_profile::Entity::find()
        .filter(expert_profile::Column::MemberId.eq(member_id))
        .one(conn)
        .await?)
}

pub async fn by_id(
    conn: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<expert_profile::Model>, DomainError> {
    Ok(expert_profile::Entity::find_by_id(id).one(conn).await?)
}

/// The member a profile belongs to.
pub async fn member_of(
    conn: &impl ConnectionTrait,
    profile: &expert_profile::Model,
) -> Result<member::Model, DomainError> {
    member::Entity::find_by_id(profile.member_id)
        .one(conn)
        .await?
        .ok_or(DomainError::Inconsistent(
            "expert profile without its member",
        ))
}

/// A slug that names no one: twelve characters of a 32-letter alphabet without look-alikes
/// (60 bits), so profiles can be neither guessed nor counted through.
fn new_slug() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    (0..12)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

/// The folded text the directory searches: for visitors (`public`) the fields the member
/// made public, for members every field. The lived experience is never searched: people
/// are not found by the communities they speak from, only read about.
pub fn search_texts(content: &Content, visibility: &Visibility) -> (String, String) {
    let mut public = Vec::new();
    let mut members = Vec::new();
    let mut add = |text: &str, shown: bool| {
        if text.trim().is_empty() {
            return;
        }
        let folded = fold(text);
        if shown {
            public.push(folded.clone());
        }
        members.push(folded);
    };
    add(&content.display_name, visibility.name);
    add(&content.organisation, visibility.organisation);
    add(&content.org_role, visibility.organisation);
    for (_, bio) in content.bio.iter() {
        add(bio, visibility.bio);
    }
    (public.join("\n"), members.join("\n"))
}

/// Lists a member: the profile waits for an organizer of their chapter, and the ledger
/// records their consent to be listed. A member already listed gets their profile saved.
pub async fn create(
    conn: &impl ConnectionTrait,
    member: &member::Model,
    content: Content,
    visibility: Visibility,
    record: ConsentRecord<'_>,
    now: DateTime<Utc>,
) -> Result<expert_profile::Model, DomainError> {
    if let Some(existing) = by_member(conn, member.id).await? {
        return Ok(save(conn, existing, content, visibility, now)
            .await?
            .profile);
    }
    let (search_public, search_members) = search_texts(&content, &visibility);
    let mut slug = new_slug();
    while expert_profile::Entity::find()
        .filter(expert_profile::Column::Slug.eq(&slug))
        .one(conn)
        .await?
        .is_some()
    {
        slug = new_slug();
    }
    let draft = content.to_json();
    expert_profile::Entity::insert(expert_profile::ActiveModel {
        member_id: Set(member.id),
        slug: Set(slug),
        display_name: Set(content.display_name),
        areas: Set(content.areas),
        languages: Set(content.languages),
        country: Set(content.country),
        organisation: Set(content.organisation),
        org_role: Set(content.org_role),
        bio: Set(content.bio),
        lived_experience: Set(content.lived_experience),
        public_name: Set(visibility.name),
        public_areas: Set(visibility.areas),
        public_languages: Set(visibility.languages),
        public_place: Set(visibility.place),
        public_organisation: Set(visibility.organisation),
        public_bio: Set(visibility.bio),
        public_lived: Set(visibility.lived),
        draft: Set(Some(draft)),
        revision: Set(1),
        status: Set(Status::Pending),
        review_note: Set(String::new()),
        contact_paused: Set(false),
        search_public: Set(search_public),
        search_members: Set(search_members),
        published_at: Set(None),
        submitted_at: Set(now),
        reviewed_at: Set(None),
        reviewed_by: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec_without_returning(conn)
    .await?;
    consent::append(
        conn,
        consent::Entry {
            member_id: member.id,
            purpose: consent::Purpose::Directory,
            granted: true,
            wording_version: record.wording_version,
            language: record.language,
            source: SOURCE_PROFILE,
            email_hash: record.email_hash,
            evidence: None,
        },
        now,
    )
    .await?;
    by_member(conn, member.id)
        .await?
        .ok_or(DomainError::Inconsistent(
            "expert profile vanished after insert",
        ))
}

/// A saved profile, and whether the save put it in the organizers' queue.
#[derive(Debug)]
pub struct Saved {
    pub profile: expert_profile::Model,
    pub needs_review: bool,
}

/// Saves a member's edit. Who may see each field changes at once (it is the member's choice,
/// not the organizers'); new content waits for an organizer, while the approved version, if
/// any, stays listed. Going back to the approved content withdraws the pending change.
pub async fn save(
    conn: &impl ConnectionTrait,
    profile: expert_profile::Model,
    content: Content,
    visibility: Visibility,
    now: DateTime<Utc>,
) -> Result<Saved, DomainError> {
    let published = Content::published(&profile);
    let is_published = profile.published_at.is_some();
    let waiting = profile.draft.is_some().then(|| Content::latest(&profile));
    let status = profile.status;
    let revision = profile.revision;
    let (search_public, search_members) = search_texts(&published, &visibility);
    let mut active = profile.into_active_model();
    active.public_name = Set(visibility.name);
    active.public_areas = Set(visibility.areas);
    active.public_languages = Set(visibility.languages);
    active.public_place = Set(visibility.place);
    active.public_organisation = Set(visibility.organisation);
    active.public_bio = Set(visibility.bio);
    active.public_lived = Set(visibility.lived);
    active.search_public = Set(search_public);
    active.search_members = Set(search_members);
    active.updated_at = Set(now);
    let needs_review = if status != Status::Hidden && is_published && content == published {
        active.draft = Set(None);
        active.status = Set(Status::Approved);
        false
    } else if status == Status::Pending && waiting.as_ref() == Some(&content) {
        // The same submission again: it keeps its place in the queue.
        true
    } else {
        active.draft = Set(Some(content.to_json()));
        active.status = Set(Status::Pending);
        active.revision = Set(revision + 1);
        active.submitted_at = Set(now);
        if !is_published {
            // Nothing is listed yet: the columns follow the submission.
            active.display_name = Set(content.display_name.clone());
            active.areas = Set(content.areas.clone());
            active.languages = Set(content.languages.clone());
            active.country = Set(content.country.clone());
            active.organisation = Set(content.organisation.clone());
            active.org_role = Set(content.org_role.clone());
            active.bio = Set(content.bio.clone());
            active.lived_experience = Set(content.lived_experience.clone());
        }
        true
    };
    let profile = active.update(conn).await?;
    Ok(Saved {
        profile,
        needs_review,
    })
}

/// Pauses or resumes contact requests: a paused expert's form says so and takes nothing.
pub async fn set_paused(
    conn: &impl ConnectionTrait,
    profile: expert_profile::Model,
    paused: bool,
    now: DateTime<Utc>,
) -> Result<expert_profile::Model, DomainError> {
    let mut active = profile.into_active_model();
    active.contact_paused = Set(paused);
    active.updated_at = Set(now);
    Ok(active.update(conn).await?)
}

/// Withdraws a listing: the profile and what its messages left are deleted at once, and the
/// ledger records the withdrawal. Returns whether there was a listing to withdraw.
pub async fn withdraw(
    conn: &impl ConnectionTrait,
    member: &member::Model,
    record: ConsentRecord<'_>,
    source: &str,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    let Some(profile) = by_member(conn, member.id).await? else {
        return Ok(false);
    };
    expert_message::Entity::delete_many()
        .filter(expert_message::Column::ExpertId.eq(profile.id))
        .exec(conn)
        .await?;
    expert_profile::Entity::delete_by_id(profile.id)
        .exec(conn)
        .await?;
    consent::append(
        conn,
        consent::Entry {
            member_id: member.id,
            purpose: consent::Purpose::Directory,
            granted: false,
            wording_version: record.wording_version,
            language: record.language,
            source,
            email_hash: record.email_hash,
            evidence: None,
        },
        now,
    )
    .await?;
    Ok(true)
}
