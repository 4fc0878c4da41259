//! Unsubscribe links. The token alone authorises them: a member uses them without signing in,
//! and a mail provider POSTs `List-Unsubscribe=One-Click` to them with no cookie and no CSRF
//! token (RFC 8058), so these routes sit outside the session, CSRF and origin checks.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use chrono::Utc;
use domain::account::{self, Link};

use crate::{error::AppError, lang::Lang, state::AppState, views};

/// The wording version recorded for a withdrawal by link: the unsubscribe page's text.
const UNSUBSCRIBE_WORDING_VERSION: &str = "unsubscribe-2026-11-28";

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
                views::pages::link_unknown(lang, &state.brand, &format!("/unsubscribe/{token}")),
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
    body: String,
) -> Result<Response, AppError> {
    let one_click = body
        .split('&')
        .any(|pair| pair == "List-Unsubscribe=One-Click");
    let source = if one_click {
        account::SOURCE_ONE_CLICK
    } else {
        account::SOURCE_UNSUBSCRIBE
    };
    let txn = state.db.begin_write().await?;
    let outcome = account::unsubscribe(
        &txn,
        &token,
        source,
        UNSUBSCRIBE_WORDING_VERSION,
        Utc::now(),
    )
    .await?;
    txn.commit().await?;
    Ok(match outcome {
        Link::Valid((member, changed)) => {
            if changed {
                tracing::info!(member = member.id, one_click, "unsubscribed");
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
            views::pages::link_unknown(lang, &state.brand, &format!("/unsubscribe/{token}")),
        )
            .into_response(),
    })
}
