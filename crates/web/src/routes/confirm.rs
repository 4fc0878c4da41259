//! Confirmation links. A GET only shows a page with a button, because mail scanners open
//! links; the POST activates the membership.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use domain::membership::ConfirmOutcome;
use maud::Markup;

use app::mail::chapter_name;

use crate::{
    error::AppError,
    lang::Lang,
    security::{
        checked_form::CheckedForm,
        csrf::{self, ButtonForm},
    },
    state::AppState,
    views,
};

pub async fn show(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, token)): Path<(String, String)>,
    csrf_token: CsrfToken,
) -> Result<Response, AppError> {
    let path = format!("/confirm/{token}");
    let csrf = csrf::form_value(&csrf_token)?;
    let brand = &state.brand;
    let page = match app::membership::check_link(&state.app, &token).await? {
        ConfirmOutcome::Ready { choices, .. } => {
            let chapters = state.chapters.get(&state.db).await?;
            let chapter = chapter_name(&chapters, choices.chapter_id, lang);
            let agreement = mailer::compose::membership::agreement(
                lang,
                &chapter,
                choices.language,
                choices.newsletter,
            );
            views::confirmation::confirm(
                lang,
                brand,
                &views::confirmation::ConfirmView {
                    token: &token,
                    name: &choices.full_name,
                    chapter: &chapter,
                    agreement: &agreement,
                },
                &csrf,
            )
        }
        ConfirmOutcome::Confirmed { .. } => {
            return Err(AppError::Internal(
                "a link was used by looking at it".into(),
            ));
        }
        ConfirmOutcome::AlreadyActive { .. } => {
            views::confirmation::already_active(lang, brand, &path)
        }
        ConfirmOutcome::Expired => {
            return Ok((
                StatusCode::GONE,
                csrf_token,
                views::confirmation::link_expired(lang, brand, &token, &csrf),
            )
                .into_response());
        }
        ConfirmOutcome::Used => {
            return Ok((
                StatusCode::GONE,
                views::message::link_used(lang, brand, &path),
            )
                .into_response());
        }
        ConfirmOutcome::Unknown => {
            return Ok((
                StatusCode::NOT_FOUND,
                views::message::link_unknown(lang, brand, &path),
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
    CheckedForm {
        csrf: csrf_token, ..
    }: CheckedForm<ButtonForm>,
) -> Result<Response, AppError> {
    let path = format!("/confirm/{token}");
    let brand = &state.brand;
    let chapters = state.chapters.get(&state.db).await?;
    let outcome = app::membership::confirm(&state.app, &token, &chapters).await?;

    Ok(match outcome {
        ConfirmOutcome::Confirmed { .. } | ConfirmOutcome::Ready { .. } => {
            Redirect::to(&format!("/{}/join/confirmed", lang.code())).into_response()
        }
        ConfirmOutcome::AlreadyActive { .. } => {
            views::confirmation::already_active(lang, brand, &path).into_response()
        }
        ConfirmOutcome::Expired => {
            let csrf = csrf::form_value(&csrf_token)?;
            (
                StatusCode::GONE,
                csrf_token,
                views::confirmation::link_expired(lang, brand, &token, &csrf),
            )
                .into_response()
        }
        ConfirmOutcome::Used => (
            StatusCode::GONE,
            views::message::link_used(lang, brand, &path),
        )
            .into_response(),
        ConfirmOutcome::Unknown => (
            StatusCode::NOT_FOUND,
            views::message::link_unknown(lang, brand, &path),
        )
            .into_response(),
    })
}

/// An expired link asks for a new one; the answer is the same whatever became of it.
pub async fn renew(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, token)): Path<(String, String)>,
    _: CheckedForm<ButtonForm>,
) -> Result<Response, AppError> {
    app::membership::renew(&state.app, &token).await?;
    Ok(Redirect::to(&format!("/{}/join/check-email", lang.code())).into_response())
}

pub async fn confirmed(State(state): State<AppState>, Lang(lang): Lang) -> Markup {
    views::confirmation::confirmed(lang, &state.brand)
}
