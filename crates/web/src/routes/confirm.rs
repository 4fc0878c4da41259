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
use domain::membership::ConfirmOutcome;
use maud::Markup;

use super::support::chapter_name;
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
            views::pages::confirm(
                lang,
                brand,
                &views::pages::ConfirmView {
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
    let path = format!("/confirm/{token}");
    let brand = &state.brand;
    let outcome = app::membership::confirm(&state.app, &token).await?;

    Ok(match outcome {
        ConfirmOutcome::Confirmed { .. } | ConfirmOutcome::Ready { .. } => {
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
    app::membership::renew(&state.app, &token).await?;
    Ok(Redirect::to(&format!("/{}/join/check-email", lang.code())).into_response())
}

pub async fn confirmed(State(state): State<AppState>, Lang(lang): Lang) -> Markup {
    views::pages::confirmed(lang, &state.brand)
}
