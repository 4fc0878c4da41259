//! The session form: adding a session to an event's programme and editing one. The fields are
//! read here into `SessionFields` (times in the event's zone, speakers one per line with an
//! optional Expert Network profile); `app::summit::save` writes the session and tells the
//! people who chose it of a new time or place.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use chrono::Utc;
use domain::{
    Language,
    entities::{event, event_session},
    events::Format,
    summit::{self, SessionError, SessionFieldError, SessionFields, Speaker},
};
use serde::Deserialize;

use crate::{
    admin::{
        datetime_local::{date_error, local_field, local_time},
        events::event_in_scope,
        session::Staff,
    },
    error::AppError,
    language_texts::{LanguageTexts, field_name},
    security::{
        checked_form::{CheckedForm, carries_csrf},
        csrf,
    },
    state::AppState,
    views::{
        admin::summit::{self as view, SessionValues},
        form::FieldErrors,
    },
};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SessionInput {
    csrf_token: String,
    /// `title_<code>`, `description_<code>`, and the `speaks_<code>` boxes.
    #[serde(flatten)]
    texts: LanguageTexts,
    track: String,
    format: String,
    room: String,
    livestream_url: String,
    starts: String,
    ends: String,
    interpretation: Option<String>,
    speakers: String,
    capacity: String,
}

carries_csrf!(SessionInput);

impl SessionInput {
    fn values(&self) -> SessionValues {
        SessionValues {
            texts: self.texts.clone(),
            track: self.track.clone(),
            format: self.format.clone(),
            room: self.room.clone(),
            livestream_url: self.livestream_url.clone(),
            starts: self.starts.clone(),
            ends: self.ends.clone(),
            interpretation: self.interpretation.is_some(),
            speakers: self.speakers.clone(),
            capacity: self.capacity.clone(),
        }
    }

    async fn parse(
        &self,
        state: &AppState,
        event: &event::Model,
        errors: &mut FieldErrors,
    ) -> Result<Option<SessionFields>, AppError> {
        let zone = mailer::calendar::zone(event);
        let time = |raw: &str, field: &'static str, errors: &mut FieldErrors| {
            local_time(raw, zone)
                .map_err(|e| errors.add(field, date_error(e, "error-event-time")))
                .ok()
        };
        let starts = time(&self.starts, "starts", errors);
        let ends = time(&self.ends, "ends", errors);
        let format = Format::parse(&self.format);
        if format.is_none() {
            errors.add("format", "error-bad-request");
        }
        let capacity = match self.capacity.trim() {
            "" => Some(None),
            n => n.parse::<u32>().ok().filter(|n| *n > 0).map(Some),
        };
        if capacity.is_none() {
            errors.add("capacity", "error-event-capacity");
        }
        let mut speakers = Vec::new();
        for line in self.speakers.lines().filter(|l| !l.trim().is_empty()) {
            let (name, slug) = match line.split_once('|') {
                Some((name, slug)) => (name.trim(), Some(slug.trim())),
                None => (line.trim(), None),
            };
            let expert_id = match slug.filter(|s| !s.is_empty()) {
                None => None,
                Some(slug) => match domain::experts::listed_by_slug(state.db.reader(), slug).await?
                {
                    Some(profile) => Some(profile.id),
                    None => {
                        errors.add("speakers", "admin-summit-error-expert");
                        None
                    }
                },
            };
            speakers.push(Speaker {
                name: name.to_owned(),
                expert_id,
            });
        }
        let languages: Vec<Language> = Language::ALL
            .into_iter()
            .filter(|l| !self.texts.typed("speaks", *l).is_empty())
            .collect();
        let nonempty = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
        let (Some(starts), Some(ends), Some(format), Some(capacity), true) =
            (starts, ends, format, capacity, errors.is_empty())
        else {
            return Ok(None);
        };
        Ok(Some(SessionFields {
            title: self.texts.localized("title"),
            description: self.texts.localized("description"),
            starts_at: starts,
            ends_at: ends,
            track: self.track.clone(),
            format,
            room: nonempty(&self.room),
            livestream_url: nonempty(&self.livestream_url),
            languages,
            interpretation: self.interpretation.is_some(),
            speakers,
            capacity,
        }))
    }
}

/// A refused field in the organizer's words, on its field.
pub(super) fn error_of(e: &SessionFieldError, errors: &mut FieldErrors) {
    use SessionFieldError as E;
    match e {
        E::TitleMissing(lang) => errors.add(field_name("title", *lang), "admin-summit-error-title"),
        E::TitleTooLong | E::DescriptionTooLong | E::TooLong => {
            errors.add("title_en", "error-event-too-long")
        }
        E::HiddenText { field } => errors.add(
            match *field {
                "title" => "title_en",
                "description" => "description_en",
                other => other,
            },
            "error-text-hidden",
        ),
        E::EndsBeforeStart => errors.add("ends", "error-event-ends-before"),
        E::OutsideEvent => errors.add("starts", "admin-summit-error-outside"),
        E::LivestreamInvalid => errors.add("livestream_url", "error-event-link"),
        E::LivestreamMissing => errors.add("livestream_url", "admin-summit-error-livestream"),
        E::SpeakerInvalid => errors.add("speakers", "admin-summit-error-speaker"),
        E::CapacityInvalid => errors.add("capacity", "error-event-capacity"),
    }
}

/// The form's values for a stored session. A speaker linked to an expert profile is written
/// `Name | profile-slug`, the form's own syntax, so saving the form again keeps the link.
async fn stored_values(
    state: &AppState,
    event: &event::Model,
    s: &event_session::Model,
) -> Result<SessionValues, AppError> {
    let mut speakers = Vec::new();
    for sp in s.speakers() {
        let profile = match sp.expert_id {
            Some(id) => domain::experts::by_id(state.db.reader(), id).await?,
            None => None,
        };
        speakers.push(match profile {
            Some(p) => format!("{} | {}", sp.name, p.slug),
            None => sp.name.clone(),
        });
    }
    let zone = mailer::calendar::zone(event);
    let mut texts = LanguageTexts::stored(&[("title", &s.title), ("description", &s.description)]);
    for l in s.spoken() {
        texts.set(&field_name("speaks", l), "yes");
    }
    Ok(SessionValues {
        texts,
        track: s.track.clone(),
        format: s.format.as_str().to_owned(),
        room: s.room.clone().unwrap_or_default(),
        livestream_url: s.livestream_url.clone().unwrap_or_default(),
        starts: local_field(s.starts_at, zone),
        ends: local_field(s.ends_at, zone),
        interpretation: s.interpretation,
        speakers: speakers.join("\n"),
        capacity: s.capacity.map(|c| c.to_string()).unwrap_or_default(),
    })
}

fn render(
    staff: &Staff,
    event: &event::Model,
    existing: Option<i64>,
    csrf: &str,
    values: &SessionValues,
    errors: &FieldErrors,
) -> maud::Markup {
    let action = match existing {
        Some(id) => format!("/admin/events/{}/sessions/{id}/edit", event.id),
        None => format!("/admin/events/{}/sessions/new", event.id),
    };
    view::session_form(&view::SessionForm {
        lang: staff.lang,
        viewer: &staff.viewer(csrf),
        event,
        action: &action,
        editing: existing.is_some(),
        values,
        errors,
    })
}

pub async fn new_form(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let event = event_in_scope(&state, &staff, id).await?;
    let csrf = csrf::form_value(&csrf_token)?;
    let zone = mailer::calendar::zone(&event);
    let values = SessionValues {
        format: event.format.as_str().to_owned(),
        starts: local_field(event.starts_at, zone),
        ends: local_field(event.starts_at + chrono::Duration::hours(1), zone),
        ..SessionValues::default()
    };
    let page = render(
        &staff,
        &event,
        None,
        &csrf,
        &values,
        &FieldErrors::default(),
    );
    Ok((csrf_token, page).into_response())
}

pub async fn edit_form(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Path((id, session_id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let event = event_in_scope(&state, &staff, id).await?;
    let session = summit::find_session(state.db.reader(), event.id, session_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let csrf = csrf::form_value(&csrf_token)?;
    let values = stored_values(&state, &event, &session).await?;
    let page = render(
        &staff,
        &event,
        Some(session.id),
        &csrf,
        &values,
        &FieldErrors::default(),
    );
    Ok((csrf_token, page).into_response())
}

pub async fn create(
    state: State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    form: CheckedForm<SessionInput>,
) -> Result<Response, AppError> {
    save(state, staff, id, None, form).await
}

pub async fn save_existing(
    state: State<AppState>,
    staff: Staff,
    Path((id, session_id)): Path<(i64, i64)>,
    form: CheckedForm<SessionInput>,
) -> Result<Response, AppError> {
    save(state, staff, id, Some(session_id), form).await
}

async fn save(
    State(state): State<AppState>,
    staff: Staff,
    id: i64,
    existing: Option<i64>,
    CheckedForm {
        csrf: csrf_token,
        form,
    }: CheckedForm<SessionInput>,
) -> Result<Response, AppError> {
    let event = event_in_scope(&state, &staff, id).await?;
    if let Some(session_id) = existing {
        summit::find_session(state.db.reader(), event.id, session_id)
            .await?
            .ok_or(AppError::NotFound)?;
    }
    let mut errors = FieldErrors::default();
    let fields = form.parse(&state, &event, &mut errors).await?;
    let saved = match fields {
        Some(fields) => {
            match app::summit::save(
                &state.app,
                staff.organizer.id,
                &event,
                existing,
                fields,
                Utc::now(),
            )
            .await
            {
                Ok(session) => Some(session),
                Err(SessionError::Invalid(problem)) => {
                    error_of(&problem, &mut errors);
                    None
                }
                Err(SessionError::Cancelled) => {
                    errors.add("title_en", "summit-error-cancelled");
                    None
                }
                Err(SessionError::NotFound) => return Err(AppError::NotFound),
                Err(SessionError::Domain(e)) => return Err(e.into()),
            }
        }
        None => None,
    };
    match saved {
        Some(session) => Ok(Redirect::to(&format!(
            "/admin/events/{}/sessions/{}?saved=1",
            event.id, session.id
        ))
        .into_response()),
        None => {
            let csrf = csrf::form_value(&csrf_token)?;
            let page = render(&staff, &event, existing, &csrf, &form.values(), &errors);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response())
        }
    }
}
