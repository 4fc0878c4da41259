//! Unsubscribe links. The token alone authorises them: a member uses them without signing in,
//! and a mail provider POSTs `List-Unsubscribe=One-Click` to them with no cookie and no CSRF
//! token (RFC 8058), so these routes sit outside the session, CSRF and origin checks.

use app::consent::{self, Via};
use axum::{
    body::Bytes,
    extract::{FromRequest, Multipart, Path, Request, State},
    http::{StatusCode, header::CONTENT_TYPE},
    response::{IntoResponse, Response},
};
use chrono::Utc;
use domain::account::{self, Link};

use crate::{error::AppError, lang::Lang, state::AppState, views};

pub async fn show(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, token)): Path<(String, String)>,
) -> Result<Response, AppError> {
    Ok(
        match account::unsubscribe_link(state.db.reader(), &token, Utc::now()).await? {
            Link::Valid(_) | Link::Used => {
                views::account::unsubscribe(lang, &state.brand, &token).into_response()
            }
            Link::Expired => (
                StatusCode::GONE,
                views::account::unsubscribe_expired(lang, &state.brand, &token),
            )
                .into_response(),
            Link::Unknown => (
                StatusCode::NOT_FOUND,
                views::message::link_unknown(lang, &state.brand, &format!("/unsubscribe/{token}")),
            )
                .into_response(),
        },
    )
}

/// The button on the page, or a mail provider's one-click POST: either takes effect at once.
pub async fn submit(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, token)): Path<(String, String)>,
    request: Request,
) -> Result<Response, AppError> {
    let via = if asks_one_click(request).await? {
        Via::OneClick
    } else {
        Via::Page
    };
    let outcome = consent::unsubscribe(&state.app, &token, via).await?;
    Ok(match outcome {
        Link::Valid((member, changed)) => {
            if changed {
                tracing::info!(member = member.id, ?via, "unsubscribed");
            }
            views::account::unsubscribed(lang, &state.brand, &token, changed).into_response()
        }
        Link::Used => {
            views::account::unsubscribed(lang, &state.brand, &token, false).into_response()
        }
        Link::Expired => (
            StatusCode::GONE,
            views::account::unsubscribe_expired(lang, &state.brand, &token),
        )
            .into_response(),
        Link::Unknown => (
            StatusCode::NOT_FOUND,
            views::message::link_unknown(lang, &state.brand, &format!("/unsubscribe/{token}")),
        )
            .into_response(),
    })
}

/// Whether the body carries RFC 8058's `List-Unsubscribe=One-Click`, in either encoding a
/// form may use: the RFC recommends `multipart/form-data`, and providers also send
/// `application/x-www-form-urlencoded`.
async fn asks_one_click(request: Request) -> Result<bool, AppError> {
    const NAME: &str = "List-Unsubscribe";
    const VALUE: &str = "One-Click";
    let multipart = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("multipart/form-data")
        });
    if multipart {
        let mut form = Multipart::from_request(request, &())
            .await
            .map_err(|_| AppError::BadRequest)?;
        while let Some(field) = form.next_field().await.map_err(|_| AppError::BadRequest)? {
            if field.name() == Some(NAME) {
                let value = field.text().await.map_err(|_| AppError::BadRequest)?;
                if value.trim() == VALUE {
                    return Ok(true);
                }
            }
        }
        return Ok(false);
    }
    let body = Bytes::from_request(request, &())
        .await
        .map_err(|_| AppError::BadRequest)?;
    Ok(url::form_urlencoded::parse(&body).any(|(name, value)| name == NAME && value == VALUE))
}
