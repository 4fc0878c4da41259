//! Confirmation links. A GET only shows a page with a button, because mail scanners open
//! links; the POST activates the membership.

use crate::security::csrf::ButtonForm;

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use axum_extra::extract::Form;
use chrono::Utc;
use domain::{
    membership::{self, ConfirmOutcome},
    outbox, token,
};
use maud::Markup;

use super::support::{chapter_name, member_language, new_email};
use crate::{error::AppError, lang::Lang, security::csrf, state::AppState, views};

pub async fn show(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, token)): Path<(String, String)>,
    csrf_token: CsrfToken,
) -> Result<Response, AppError> {
    let path = format!("/confirm/{token}");
    let csrf = csrf::form_value(&csrf_token)?;
    let brand = &state.brand;
    let page = match membership::check_link(state.db.reader(), &token, Utc::now()).await? {
        ConfirmOutcome::Confirmed { member } => {
            let chapters = state.chapters.get(&state.db).await?;
            let chapter = chapter_name(&chapters, member.chapter_id, lang);
            views::pages::confirm(lang, brand, &token, &member.full_name, &chapter, &csrf)
        }
        ConfirmOutcome::AlreadyActive { .. } => views::pages::already_active(lang, brand, &path),
        ConfirmOutcome::Expired => {
            return Ok((
                StatusCode::GONE,
                csrf_token,
                views::pages::link_expired(lang, brand, &token, &csrf),
            )
                .into_response());
        }
        ConfirmOutcome::Used => {
            return Ok((
                StatusCode::GONE,
                views::pages::link_used(lang, brand, &path),
            )
                .into_response());
        }
        ConfirmOutcome::Unknown => {
            return Ok((
                StatusCode::NOT_FOUND,
                views::pages::link_unknown(lang, brand, &path),
            )
                .into_response());
        }
    };
    Ok((csrf_token, page).into_response())
}

pub async fn submit(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, token)): Path<(String, String)>,
    csrf_token: CsrfToken,
    Form(form): Form<ButtonForm>,
) -> Result<Response, AppError> {
    csrf::verify(&csrf_token, &form.csrf_token)?;
    let now = Utc::now();
    let path = format!("/confirm/{token}");
    let brand = &state.brand;
    let txn = state.db.begin_write().await?;
    let outcome = membership::confirm(&txn, &token, now).await?;
    if let ConfirmOutcome::Confirmed { member } = &outcome {
        let language = member_language(member);
        let chapters = domain::chapter::all(&txn).await?;
        let chapter = chapter_name(&chapters, member.chapter_id, language);
        // A new subscriber's welcome carries their unsubscribe link.
        let unsubscribe = if member.newsletter_requested {
            Some(token::issue(&txn, token::Purpose::Unsubscribe, member.id, now).await?)
        } else {
            None
        };
        let mail = mailer::compose::membership::welcome(
            brand,
            language,
            &member.full_name,
            &chapter,
            unsubscribe.as_ref().map(|t| t.as_str()),
        );
        outbox::enqueue(
            &txn,
            new_email(membership::WELCOME_MAIL, member, language, mail),
            now,
        )
        .await?;
    }
    txn.commit().await?;

    Ok(match outcome {
        ConfirmOutcome::Confirmed { .. } => {
            state.mail_waker.notify_one();
            Redirect::to(&format!("/{}/join/confirmed", lang.code())).into_response()
        }
        ConfirmOutcome::AlreadyActive { .. } => {
            views::pages::already_active(lang, brand, &path).into_response()
        }
        ConfirmOutcome::Expired => {
            let csrf = csrf::form_value(&csrf_token)?;
            (
                StatusCode::GONE,
                csrf_token,
                views::pages::link_expired(lang, brand, &token, &csrf),
            )
                .into_response()
        }
        ConfirmOutcome::Used => (
            StatusCode::GONE,
            views::pages::link_used(lang, brand, &path),
        )
            .into_response(),
        ConfirmOutcome::Unknown => (
            StatusCode::NOT_FOUND,
            views::pages::link_unknown(lang, brand, &path),
        )
            .into_response(),
    })
}

/// An expired link asks for a new one; the answer is the same whatever became of it.
pub async fn renew(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, token)): Path<(String, String)>,
    csrf_token: CsrfToken,
    Form(form): Form<ButtonForm>,
) -> Result<Response, AppError> {
    csrf::verify(&csrf_token, &form.csrf_token)?;
    let now = Utc::now();
    let txn = state.db.begin_write().await?;
    if let Some((member, secret)) = membership::renew(&txn, &token, state.throttle(), now).await? {
        let language = member_language(&member);
        let chapters = domain::chapter::all(&txn).await?;
        let chapter = chapter_name(&chapters, member.chapter_id, language);
        let mail = mailer::compose::membership::confirmation(
            &state.brand,
            language,
            &member.full_name,
            &chapter,
            secret.as_str(),
        );
        outbox::enqueue(
            &txn,
            new_email(membership::CONFIRM_MAIL, &member, language, mail),
            now,
        )
        .await?;
        txn.commit().await?;
        state.mail_waker.notify_one();
    } else {
        txn.commit().await?;
    }
    Ok(Redirect::to(&format!("/{}/join/check-email", lang.code())).into_response())
}

pub async fn confirmed(State(state): State<AppState>, Lang(lang): Lang) -> Markup {
    views::pages::confirmed(lang, &state.brand)
}
