//! A member looking after their account: a new address, and sessions that follow its owner.

use chrono::Utc;
use domain::{
    DomainError, EmailAddress,
    account::{self, EmailChanged, Link},
    entities::member,
    session,
};

use crate::{App, mail};

/// Saves what a member says about themself (name, language, chapter, region, interests).
pub async fn update_profile(
    app: &App,
    member: member::Model,
    update: account::ProfileUpdate,
) -> Result<member::Model, DomainError> {
    let work = app.begin().await?;
    let saved = account::update_profile(work.conn(), member, update, Utc::now()).await?;
    work.commit().await?;
    Ok(saved)
}

/// Mails a confirmation link to `new_email`, within the per-address and per-member limits.
/// The caller answers the same whatever happened.
pub async fn request_email_change(
    app: &App,
    member: &member::Model,
    new_email: &EmailAddress,
) -> Result<(), DomainError> {
    let now = Utc::now();
    let mut work = app.begin().await?;
    let token =
        account::request_email_change(work.conn(), member, new_email, app.limits.throttle(), now)
            .await?;
    if let Some(secret) = token {
        let language = mail::member_language(member);
        let composed = mailer::compose::account::email_change(
            &app.brand,
            language,
            &member.full_name,
            secret.as_str(),
        );
        work.enqueue(
            mail::email_to(
                account::EMAIL_CHANGE_MAIL,
                new_email.as_str(),
                Some(member.id),
                language,
                composed,
            ),
            now,
        )
        .await?;
    }
    work.commit().await
}

/// Confirms an address change from the link sent to the new address: every other session of
/// the member ends (`current` is the cookie of the browser that pressed the button, kept if
/// it is theirs), every outstanding sign-in and address-change link stops working, and the
/// old address is told.
pub async fn confirm_email_change(
    app: &App,
    token: &str,
    current: Option<&str>,
) -> Result<Link<EmailChanged>, DomainError> {
    let now = Utc::now();
    let mut work = app.begin().await?;
    let outcome = account::confirm_email_change(work.conn(), token, now).await?;
    if let Link::Valid(changed) = &outcome {
        let member = &changed.member;
        session::end_others(work.conn(), member.id, current).await?;
        let language = mail::member_language(member);
        let composed = mailer::compose::account::email_changed(
            &app.brand,
            language,
            &member.full_name,
            &member.email,
        );
        work.enqueue(
            mail::email_to(
                account::EMAIL_CHANGED_NOTICE,
                &changed.old_email,
                Some(member.id),
                language,
                composed,
            ),
            now,
        )
        .await?;
    }
    work.commit().await?;
    Ok(outcome)
}

/// Ends every session of the member, this one included.
pub async fn sign_out_everywhere(app: &App, member: &member::Model) -> Result<(), DomainError> {
    let work = app.begin().await?;
    session::end_others(work.conn(), member.id, None).await?;
    work.commit().await
}

/// Erases a member: the goodbye is queued (and forgotten once sent), their seats go to the
/// people waiting, their registrations forget them, their expert listing is deleted, and
/// every row that names their address forgets it.
pub async fn erase(app: &App, member: member::Model) -> Result<(), DomainError> {
    let now = Utc::now();
    let language = mail::member_language(&member);
    let mut work = app.begin().await?;
    let goodbye = mailer::compose::account::goodbye(&app.brand, language, &member.full_name);
    work.enqueue(
        mail::new_email(account::GOODBYE_MAIL, &member, language, goodbye),
        now,
    )
    .await?;
    let registrations =
        domain::events::registrations_of_person(work.conn(), member.id, &member.email).await?;
    for (registration, event) in &registrations {
        if registration.status != domain::events::RegistrationStatus::Cancelled {
            crate::registration::cancel_and_promote(
                &app.brand,
                work.conn(),
                event,
                registration,
                now,
            )
            .await?;
        }
    }
    let ids: Vec<i64> = registrations.iter().map(|(r, _)| r.id).collect();
    domain::events::forget_registrations(work.conn(), &ids).await?;
    let erased = serde_json::json!({
        "person": { "identifiers": [format!("reseau:{}", member.id)] },
    });
    let ledger_hash = app.ledger_key.of(&member.email);
    domain::experts::erase(work.conn(), &member, &ledger_hash, now).await?;
    account::erase(work.conn(), &app.ledger_key, member, now).await?;
    work.emit(domain::webhooks::Topic::MemberErased, erased, now)
        .await?;
    work.commit().await
}
