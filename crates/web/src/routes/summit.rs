//! The Digital Summit on the public site: an event's programme (filtered by track and language
//! spoken), and choosing sessions — from a registration's page (the registration link is the
//! key, no account needed) or, signed in, from the programme page. The handlers parse, call
//! `app::summit` (which takes the seat atomically and mails the agenda) and render.

use std::collections::HashMap;

use axum::{
    extract::{Path, Query, State},
    http::{StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use axum_extra::extract::CookieJar;
use chrono::Utc;
use domain::{
    Language,
    entities::{event, event_session, member, registration},
    events::{self, RegistrationStatus},
    summit::{self, ChoiceOutcome, ChoiceRefusal},
};
use mailer::i18n::{t, t_with};
use serde::Deserialize;

use super::{events::published, registration::render_registration};
use crate::{
    error::AppError,
    lang::Lang,
    security::{
        checked_form::CheckedForm,
        csrf::{self, ButtonForm},
    },
    session::current_member,
    state::AppState,
    views::{self, summit::SessionsPart},
};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ProgrammeQuery {
    track: String,
    language: String,
}

/// The slugs of the listed expert profiles among the speakers of `sessions`.
pub(super) async fn speaker_profiles(
    state: &AppState,
    sessions: &[event_session::Model],
) -> Result<HashMap<i64, String>, AppError> {
    let ids: Vec<i64> = sessions
        .iter()
        .flat_map(|s| s.speakers().into_iter().filter_map(|sp| sp.expert_id))
        .collect();
    Ok(domain::experts::listed_slugs(state.db.reader(), &ids).await?)
}

/// The programme by day and track; `?track=` and `?language=` narrow it. Cancelled sessions
/// are shown as such; livestream links never.
pub async fn programme(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, slug)): Path<(String, String)>,
    Query(q): Query<ProgrammeQuery>,
    csrf_token: CsrfToken,
    jar: CookieJar,
) -> Result<Response, AppError> {
    let event = published(&state, &slug).await?;
    let all = summit::programme(state.db.reader(), event.id).await?;
    let mut tracks: Vec<String> = all.iter().map(|s| s.track.clone()).collect();
    tracks.sort();
    tracks.dedup();
    let language = match q.language.as_str() {
        "" => None,
        code => Some(code.parse::<Language>().map_err(|_| AppError::BadRequest)?),
    };
    if !q.track.is_empty() && !tracks.contains(&q.track) {
        return Err(AppError::NotFound);
    }
    let shown: Vec<event_session::Model> = all
        .iter()
        .filter(|s| q.track.is_empty() || s.track == q.track)
        .filter(|s| language.is_none_or(|l| s.spoken().contains(&l)))
        .cloned()
        .collect();
    let experts = speaker_profiles(&state, &all).await?;
    // A signed-in member with a seat chooses here.
    let mut mine = None;
    if let Some(member) = current_member(&state, &jar).await?
        && let Some(registration) = member_registration(&state, &event, &member).await?
    {
        let csrf = csrf::form_value(&csrf_token)?;
        let choices: Vec<_> = summit::choices_of(state.db.reader(), registration.id)
            .await?
            .into_iter()
            .map(|(c, _)| c)
            .collect();
        mine = Some(views::summit::sessions_part(&SessionsPart {
            lang,
            event: &event,
            sessions: &all,
            choices: &choices,
            base: &format!("/{}/events/{}", lang.code(), event.slug),
            csrf: &csrf,
            problem: None,
            experts: &experts,
            agenda: None,
        }));
    }
    let page = views::summit::programme(&views::summit::ProgrammePage {
        lang,
        brand: &state.brand,
        event: &event,
        sessions: &shown,
        tracks: &tracks,
        track: &q.track,
        language: language.map_or("", |l| l.code()),
        experts: &experts,
        mine,
    });
    Ok((csrf_token, page).into_response())
}

/// The confirmed registration of a signed-in member for `event` (theirs by account or by
/// address, as their account page lists them).
async fn member_registration(
    state: &AppState,
    event: &event::Model,
    member: &member::Model,
) -> Result<Option<registration::Model>, AppError> {
    Ok(
        events::registrations_of_person(state.db.reader(), member.id, &member.email)
            .await?
            .into_iter()
            .map(|(r, _)| r)
            .find(|r| r.event_id == event.id && r.status == RegistrationStatus::Confirmed),
    )
}

/// A refusal in the reader's words.
pub(super) async fn refusal_text(
    state: &AppState,
    lang: Language,
    event: &event::Model,
    refusal: &ChoiceRefusal,
) -> Result<String, AppError> {
    Ok(match refusal {
        ChoiceRefusal::NotConfirmed => t(lang, "summit-error-not-confirmed"),
        ChoiceRefusal::SessionCancelled => t(lang, "summit-error-cancelled"),
        ChoiceRefusal::Over => t(lang, "summit-error-over"),
        ChoiceRefusal::UnknownSession => t(lang, "summit-error-unknown"),
        ChoiceRefusal::Overlaps { other } => {
            let title = summit::find_session(state.db.reader(), event.id, *other)
                .await?
                .map(|s| s.title(lang).to_owned())
                .unwrap_or_default();
            t_with(lang, "summit-error-overlap", &[("session", &title)])
        }
    })
}

async fn by_token(
    state: &AppState,
    token: &str,
) -> Result<(registration::Model, event::Model), AppError> {
    let registration = events::find_by_token(state.db.reader(), token)
        .await?
        .ok_or(AppError::NotFound)?;
    let event = events::find(state.db.reader(), registration.event_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((registration, event))
}

/// Chooses a session from the registration's page.
pub async fn choose(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, token, session_id)): Path<(String, String, i64)>,
    CheckedForm {
        csrf: csrf_token, ..
    }: CheckedForm<ButtonForm>,
) -> Result<Response, AppError> {
    let (registration, event) = by_token(&state, &token).await?;
    let outcome = app::summit::choose(
        &state.app,
        &event,
        &registration,
        session_id,
        Some(&token),
        Utc::now(),
    )
    .await?;
    if let ChoiceOutcome::Refused(refusal) = outcome {
        let problem = refusal_text(&state, lang, &event, &refusal).await?;
        let csrf = csrf::form_value(&csrf_token)?;
        let page = render_registration(
            &state,
            lang,
            &token,
            &registration,
            &event,
            &csrf,
            Some(&problem),
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response());
    }
    Ok(Redirect::to(&format!("/{}/registrations/{token}#programme", lang.code())).into_response())
}

/// Gives a session up from the registration's page.
pub async fn unchoose(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, token, session_id)): Path<(String, String, i64)>,
    _: CheckedForm<ButtonForm>,
) -> Result<Response, AppError> {
    let (registration, event) = by_token(&state, &token).await?;
    app::summit::unchoose(
        &state.app,
        &event,
        &registration,
        session_id,
        Some(&token),
        Utc::now(),
    )
    .await?;
    Ok(Redirect::to(&format!("/{}/registrations/{token}#programme", lang.code())).into_response())
}

/// The registration's agenda: only a seat in the event has one.
pub async fn agenda(
    State(state): State<AppState>,
    Path((_, token)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (registration, event) = by_token(&state, &token).await?;
    if registration.status != RegistrationStatus::Confirmed {
        return Err(AppError::NotFound);
    }
    let file = app::summit::agenda_file(&state.app, &event, &registration, &token).await?;
    Ok((
        [
            (header::CONTENT_TYPE, file.content_type.clone()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", file.filename),
            ),
        ],
        file.content,
    )
        .into_response())
}

/// A signed-in member chooses (or gives up) a session from the programme page.
pub async fn member_choice(
    State(state): State<AppState>,
    Lang(lang): Lang,
    Path((_, slug, session_id, action)): Path<(String, String, i64, String)>,
    crate::session::SignedIn { member }: crate::session::SignedIn,
    _: CheckedForm<ButtonForm>,
) -> Result<Response, AppError> {
    let event = published(&state, &slug).await?;
    let registration = member_registration(&state, &event, &member)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = Utc::now();
    let back = format!("/{}/events/{slug}/programme", lang.code());
    match action.as_str() {
        "choose" => {
            let outcome =
                app::summit::choose(&state.app, &event, &registration, session_id, None, now)
                    .await?;
            if let ChoiceOutcome::Refused(refusal) = outcome {
                let problem = refusal_text(&state, lang, &event, &refusal).await?;
                let extra = maud::html! {
                    p id="choice-problem" { (problem) }
                    p { a href=(back) { (t(lang, "summit-back-to-programme")) } }
                };
                let page = views::message::message(
                    lang,
                    &state.brand,
                    &format!("/events/{slug}/programme"),
                    "summit-refused-title",
                    &[],
                    extra,
                );
                return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
            }
        }
        "unchoose" => {
            app::summit::unchoose(&state.app, &event, &registration, session_id, None, now).await?;
        }
        _ => return Err(AppError::NotFound),
    }
    Ok(Redirect::to(&back).into_response())
}
