//! Joining a chapter: the request, the confirmation link, and a new link for an expired one.

use chrono::{DateTime, Utc};
use domain::{
    DomainError,
    entities::chapter,
    membership::{self, Choices, ConfirmOutcome, JoinOutcome, JoinRequest},
    token,
    webhooks::Topic,
};

use crate::{App, Work, mail};

/// Queues the confirmation link `token`, saying what pressing it agrees to (`choices`).
async fn queue_confirmation(
    app: &App,
    work: &mut crate::Work,
    member: &domain::entities::member::Model,
    token: &token::Secret,
    choices: &Choices,
    chapters: &[chapter::Model],
    now: chrono::DateTime<Utc>,
) -> Result<(), DomainError> {
    let language = choices.language;
    let chapter = mail::chapter_name(chapters, choices.chapter_id, language);
    let composed = mailer::compose::membership::confirmation(
        &app.brand,
        language,
        &choices.full_name,
        &chapter,
        choices.newsletter,
        token.as_str(),
    );
    work.enqueue(
        mail::new_email(membership::CONFIRM_MAIL, member, language, composed),
        now,
    )
    .await
}

/// A join request from the form: mails a confirmation link carrying its choices, or tells an
/// existing member they are one, within the per-address limit. The caller answers the same
/// whatever happened, so nobody learns whether an address is known.
pub async fn join(
    app: &App,
    request: JoinRequest,
    chapters: &[chapter::Model],
) -> Result<(), DomainError> {
    let mut work = app.begin().await?;
    join_in(app, &mut work, request, chapters, Utc::now()).await?;
    work.commit().await
}

/// `join` within `work`, for a door that writes more in the same transaction (the partners'
/// API audits the sign-up with it, so there is never one without the other).
pub(crate) async fn join_in(
    app: &App,
    work: &mut Work,
    request: JoinRequest,
    chapters: &[chapter::Model],
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    match membership::request(work.conn(), request, app.limits.throttle(), now).await? {
        JoinOutcome::Confirm {
            member,
            token,
            choices,
        } => queue_confirmation(app, work, &member, &token, &choices, chapters, now).await?,
        JoinOutcome::AlreadyMember { member } => {
            let language = mail::member_language(&member);
            let composed = mailer::compose::membership::already_member(
                &app.brand,
                language,
                &member.full_name,
            );
            work.enqueue(
                mail::new_email(membership::ALREADY_MEMBER_MAIL, &member, language, composed),
                now,
            )
            .await?;
        }
        JoinOutcome::Throttled => {}
    }
    Ok(())
}

/// What a confirmation link is, without using it.
pub async fn check_link(app: &App, token: &str) -> Result<ConfirmOutcome, DomainError> {
    membership::check_link(app.db.reader(), token, Utc::now()).await
}

/// Presses a confirmation link's button: the membership starts with what that link's request
/// asked for, and the welcome goes out (with an unsubscribe link if they subscribed).
///
/// `chapters` come from the caller (the web's short cache): nothing is read under the write
/// transaction that is not needed to decide.
pub async fn confirm(
    app: &App,
    clear: &str,
    chapters: &[chapter::Model],
) -> Result<ConfirmOutcome, DomainError> {
    let now = Utc::now();
    let mut work = app.begin().await?;
    let outcome = membership::confirm(work.conn(), &app.ledger_key, clear, now).await?;
    if let ConfirmOutcome::Confirmed { member } = &outcome {
        let language = mail::member_language(member);
        let chapter = mail::chapter_name(chapters, member.chapter_id, language);
        let unsubscribe = if member.newsletter_requested {
            Some(token::issue(work.conn(), token::Purpose::Unsubscribe, member.id, now).await?)
        } else {
            None
        };
        let composed = mailer::compose::membership::welcome(
            &app.brand,
            language,
            &member.full_name,
            &chapter,
            unsubscribe.as_ref().map(|t| t.as_str()),
        );
        work.enqueue(
            mail::new_email(membership::WELCOME_MAIL, member, language, composed),
            now,
        )
        .await?;
        work.emit(
            Topic::MemberConfirmed,
            crate::webhooks::member_data(&app.brand, member),
            now,
        )
        .await?;
    }
    work.commit().await?;
    Ok(outcome)
}

/// For an expired link: a new one with the same choices, within the per-address limit. The
/// caller answers the same whatever happened.
pub async fn renew(app: &App, clear: &str) -> Result<(), DomainError> {
    let now = Utc::now();
    let mut work = app.begin().await?;
    if let Some((member, secret, choices)) =
        membership::renew(work.conn(), clear, app.limits.throttle(), now).await?
    {
        let chapters = domain::chapter::all(work.conn()).await?;
        queue_confirmation(app, &mut work, &member, &secret, &choices, &chapters, now).await?;
    }
    work.commit().await
}
