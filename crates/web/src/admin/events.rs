//! Organizers run events: create and edit (in their chapters only), publish, cancel (telling
//! every registrant), see registrations with accommodations, check people in, export.

use crate::security::csrf::ButtonForm;

use axum::{
    extract::{Path, Query, State},
    http::{StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use axum_extra::extract::Form;
use chrono::Utc;
use chrono_tz::Tz;
use domain::{
    calendar::DateError,
    entities::{chapter, event},
    events::{
        self, Capacity, DateField, EventError, EventFieldError, EventFields, EventSlug,
        EventWording, Format,
    },
    outbox,
};
use serde::Deserialize;

use super::{auth::Staff, csv_export::neutralise, date_error, local_field, local_time};
use crate::{
    error::AppError,
    security::csrf,
    state::AppState,
    views::{
        admin::{self as view, EventValues},
        form::FieldErrors,
    },
};

/// An event of the organizer's chapters; any other is a 404.
async fn event_in_scope(
    state: &AppState,
    staff: &Staff,
    id: i64,
) -> Result<event::Model, AppError> {
    events::find(state.db.reader(), id)
        .await?
        .filter(|e| staff.scope.allows(e.chapter_id))
        .ok_or(AppError::NotFound)
}

pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
) -> Result<Response, AppError> {
    let csrf = csrf::form_value(&csrf_token)?;
    let ids: Vec<i64> = staff.chapters(&state).await?.iter().map(|c| c.id).collect();
    let list = events::list_for_chapters(state.db.reader(), Some(&ids)).await?;
    Ok((
        csrf_token,
        view::admin_events(staff.lang, &staff.viewer(&csrf), &list),
    )
        .into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EventInput {
    csrf_token: String,
    chapter: String,
    slug: String,
    title_en: String,
    title_fr: String,
    title_es: String,
    description_en: String,
    description_fr: String,
    description_es: String,
    format: String,
    venue: String,
    address: String,
    online_link: String,
    time_zone: String,
    starts: String,
    ends: String,
    capacity: String,
    waitlist: Option<String>,
    opens: String,
    closes: String,
}

impl EventInput {
    fn values(&self) -> EventValues {
        EventValues {
            slug: self.slug.clone(),
            titles: [
                self.title_en.clone(),
                self.title_fr.clone(),
                self.title_es.clone(),
            ],
            descriptions: [
                self.description_en.clone(),
                self.description_fr.clone(),
                self.description_es.clone(),
            ],
            format: self.format.clone(),
            venue: self.venue.clone(),
            address: self.address.clone(),
            online_link: self.online_link.clone(),
            starts: self.starts.clone(),
            ends: self.ends.clone(),
            time_zone: self.time_zone.clone(),
            capacity: self.capacity.clone(),
            waitlist: self.waitlist.is_some(),
            opens: self.opens.clone(),
            closes: self.closes.clone(),
        }
    }

    fn parse(&self, chapters: &[chapter::Model], errors: &mut FieldErrors) -> Option<EventFields> {
        let chapter = chapters.iter().find(|c| c.slug == self.chapter);
        if chapter.is_none() {
            errors.add("chapter", "error-chapter-invalid");
        }
        let slug = EventSlug::parse(&self.slug)
            .map_err(|_| errors.add("slug", "error-event-slug"))
            .ok();
        let zone: Option<Tz> = self
            .time_zone
            .trim()
            .parse()
            .map_err(|_| errors.add("time_zone", "error-event-zone"))
            .ok();
        let local = |raw: &str| {
            zone.ok_or(DateError::Invalid)
                .and_then(|zone| local_time(raw, zone))
        };
        let required = |raw: &str, field: &'static str, errors: &mut FieldErrors| {
            local(raw)
                .map_err(|e| errors.add(field, date_error(e, "error-event-time")))
                .ok()
        };
        let starts = required(&self.starts, "starts", errors);
        let ends = required(&self.ends, "ends", errors);
        let optional = |raw: &str, field: &'static str, errors: &mut FieldErrors| match raw.trim() {
            "" => Some(None),
            text => match local(text) {
                Ok(at) => Some(Some(at)),
                Err(e) => {
                    errors.add(field, date_error(e, "error-event-time"));
                    None
                }
            },
        };
        let opens = optional(&self.opens, "opens", errors);
        let closes = optional(&self.closes, "closes", errors);
        let capacity = match self.capacity.trim() {
            "" => Some(None),
            n => n
                .parse::<u32>()
                .ok()
                .and_then(|n| Capacity::new(n).ok())
                .map(Some),
        };
        if capacity.is_none() {
            errors.add("capacity", "error-event-capacity");
        }
        let format = Format::parse(&self.format);
        let nonempty = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
        Some(EventFields {
            chapter_id: chapter?.id,
            slug: slug?,
            title: EventWording {
                en: self.title_en.trim().into(),
                fr: self.title_fr.trim().into(),
                es: self.title_es.trim().into(),
            },
            description: EventWording {
                en: self.description_en.clone(),
                fr: self.description_fr.clone(),
                es: self.description_es.clone(),
            },
            format: format?,
            venue: nonempty(&self.venue),
            address: nonempty(&self.address),
            online_link: nonempty(&self.online_link),
            starts_at: starts?,
            ends_at: ends?,
            time_zone: self.time_zone.trim().to_owned(),
            capacity: capacity?,
            waitlist_enabled: self.waitlist.is_some(),
            registration_opens_at: opens?,
            registration_closes_at: closes?,
        })
    }
}

fn error_of(e: &EventError, errors: &mut FieldErrors) {
    match e {
        EventError::SlugTaken => errors.add("slug", "error-event-slug-taken"),
        EventError::Incomplete { .. } => errors.add("title_en", "error-event-incomplete"),
        EventError::Invalid(problem) => match problem {
            EventFieldError::UnknownChapter => errors.add("chapter", "error-chapter-invalid"),
            EventFieldError::EndsBeforeStart => errors.add("ends", "error-event-ends-before"),
            EventFieldError::ClosesBeforeOpens | EventFieldError::OpensAfterEnd => {
                errors.add("closes", "error-event-window")
            }
            EventFieldError::TitleTooLong
            | EventFieldError::DescriptionTooLong
            | EventFieldError::PlaceTooLong => errors.add("title_en", "error-event-too-long"),
            EventFieldError::OnlineLinkInvalid => errors.add("online_link", "error-event-link"),
            EventFieldError::TimeZoneInvalid => errors.add("time_zone", "error-event-zone"),
            EventFieldError::CapacityBelowConfirmed => {
                errors.add("capacity", "error-event-capacity")
            }
            EventFieldError::DateOutOfRange(field) => errors.add(
                match field {
                    DateField::Starts => "starts",
                    DateField::Ends => "ends",
                    DateField::Opens => "opens",
                    DateField::Closes => "closes",
                },
                "error-date-range",
            ),
            EventFieldError::HiddenText { field } => errors.add(field, "error-text-hidden"),
        },
        EventError::NotFound | EventError::EventCancelled | EventError::Domain(_) => {}
    }
}

const FORM_ORDER: [&str; 12] = [
    "chapter",
    "slug",
    "title_en",
    "online_link",
    "time_zone",
    "starts",
    "ends",
    "capacity",
    "opens",
    "closes",
    "title_fr",
    "description_en",
];

fn stored_values(e: &event::Model) -> EventValues {
    let tz: Tz = e.time_zone.parse().unwrap_or(Tz::UTC);
    let local = |at: chrono::DateTime<Utc>| local_field(at, tz);
    EventValues {
        slug: e.slug.clone(),
        titles: [e.title_en.clone(), e.title_fr.clone(), e.title_es.clone()],
        descriptions: [
            e.description_en.clone(),
            e.description_fr.clone(),
            e.description_es.clone(),
        ],
        format: e.format.as_str().to_owned(),
        venue: e.venue.clone().unwrap_or_default(),
        address: e.address.clone().unwrap_or_default(),
        online_link: e.online_link.clone().unwrap_or_default(),
        starts: local(e.starts_at),
        ends: local(e.ends_at),
        time_zone: e.time_zone.clone(),
        capacity: e.capacity.map(|c| c.to_string()).unwrap_or_default(),
        waitlist: e.waitlist_enabled,
        opens: e.registration_opens_at.map(local).unwrap_or_default(),
        closes: e.registration_closes_at.map(local).unwrap_or_default(),
    }
}

pub async fn new_form(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
) -> Result<Response, AppError> {
    form(state, staff, csrf_token, "new").await
}

pub async fn edit_form(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    form(state, staff, csrf_token, &id.to_string()).await
}

pub async fn create(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Form(input): Form<EventInput>,
) -> Result<Response, AppError> {
    save(state, staff, csrf_token, "new", input).await
}

pub async fn save_existing(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Path(id): Path<i64>,
    Form(input): Form<EventInput>,
) -> Result<Response, AppError> {
    save(state, staff, csrf_token, &id.to_string(), input).await
}

/// The form for `segment`: `new` or an event id.
async fn form(
    state: AppState,
    staff: Staff,
    csrf_token: CsrfToken,
    segment: &str,
) -> Result<Response, AppError> {
    let csrf = csrf::form_value(&csrf_token)?;
    let chapters = staff.chapters(&state).await?;
    let (values, chapter, action, heading) = match segment {
        "new" => {
            let values = EventValues {
                format: "in-person".into(),
                time_zone: "America/Toronto".into(),
                waitlist: true,
                ..Default::default()
            };
            let chapter = chapters.first().map(|c| c.slug.clone()).unwrap_or_default();
            (
                values,
                chapter,
                "/admin/events/new".to_owned(),
                mailer::i18n::t(staff.lang, "admin-events-new"),
            )
        }
        id => {
            let event =
                event_in_scope(&state, &staff, id.parse().map_err(|_| AppError::NotFound)?).await?;
            let chapter = chapters
                .iter()
                .find(|c| c.id == event.chapter_id)
                .map(|c| c.slug.clone())
                .unwrap_or_default();
            (
                stored_values(&event),
                chapter,
                format!("/admin/events/{}/edit", event.id),
                mailer::i18n::t(staff.lang, "admin-event-edit"),
            )
        }
    };
    let viewer = staff.viewer(&csrf);
    let errors = FieldErrors::default();
    let page = view::admin_event_form(&view::EventForm {
        lang: staff.lang,
        viewer: &viewer,
        action: &action,
        heading: &heading,
        chapters: &chapters,
        chapter: &chapter,
        values: &values,
        errors: &errors,
    });
    Ok((csrf_token, page).into_response())
}

/// Creates (`new`) or updates an event.
async fn save(
    state: AppState,
    staff: Staff,
    csrf_token: CsrfToken,
    segment: &str,
    input: EventInput,
) -> Result<Response, AppError> {
    csrf::verify(&csrf_token, &input.csrf_token)?;
    let chapters = staff.chapters(&state).await?;
    let existing = match segment {
        "new" => None,
        id => {
            Some(event_in_scope(&state, &staff, id.parse().map_err(|_| AppError::NotFound)?).await?)
        }
    };
    let mut errors = FieldErrors::default();
    let fields = input.parse(&chapters, &mut errors);
    let now = Utc::now();
    if let Some(fields) = fields.filter(|_| errors.is_empty()) {
        let txn = state.db.begin_write().await?;
        let mut changed = false;
        let saved = match &existing {
            None => events::create_event(&txn, fields, now)
                .await
                .map(|e| (e, Vec::new())),
            Some(e) => events::update_event(&txn, e.id, fields, now)
                .await
                .map(|u| {
                    changed = u.time_or_place_changed;
                    (u.event, u.promoted)
                }),
        };
        match saved {
            Ok((event, promoted)) => {
                tell_registrants(&state, &txn, &event, changed, &promoted, now).await?;
                let action = if existing.is_some() {
                    "event-updated"
                } else {
                    "event-created"
                };
                staff
                    .audit(
                        &txn,
                        action,
                        "event",
                        Some(event.id),
                        serde_json::json!({ "slug": event.slug, "promoted": promoted.len() }),
                    )
                    .await?;
                txn.commit().await?;
                state.upcoming.invalidate();
                return Ok(
                    Redirect::to(&format!("/admin/events/{}?saved=1", event.id)).into_response()
                );
            }
            Err(EventError::Domain(e)) => return Err(e.into()),
            Err(e) => {
                txn.rollback().await?;
                error_of(&e, &mut errors);
            }
        }
    }
    let csrf = csrf::form_value(&csrf_token)?;
    let chapter = input.chapter.clone();
    let heading = mailer::i18n::t(
        staff.lang,
        if existing.is_some() {
            "admin-event-edit"
        } else {
            "admin-events-new"
        },
    );
    let action = match &existing {
        Some(e) => format!("/admin/events/{}/edit", e.id),
        None => "/admin/events/new".to_owned(),
    };
    let errors = errors.in_order(&FORM_ORDER);
    let viewer = staff.viewer(&csrf);
    let values = input.values();
    let page = view::admin_event_form(&view::EventForm {
        lang: staff.lang,
        viewer: &viewer,
        action: &action,
        heading: &heading,
        chapters: &chapters,
        chapter: &chapter,
        values: &values,
        errors: &errors,
    });
    Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Notice {
    saved: String,
    published: String,
    sent: Option<u64>,
    q: String,
}

async fn render_event(
    state: &AppState,
    staff: &Staff,
    event: &event::Model,
    csrf: &str,
    notice: Option<String>,
    errors: &FieldErrors,
    search: &str,
) -> Result<maud::Markup, AppError> {
    let reader = state.db.reader();
    let counts = events::counts(reader, event.id).await?;
    let query = (!search.trim().is_empty()).then_some(search.trim());
    let registrations = events::registrations_of(reader, event.id, None, query).await?;
    let viewer = staff.viewer(csrf);
    Ok(view::admin_event(&view::AdminEventPage {
        search,
        lang: staff.lang,
        viewer: &viewer,
        event,
        counts: &counts,
        registrations: &registrations,
        notice,
        errors,
    }))
}

pub async fn show(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Path(id): Path<i64>,
    Query(q): Query<Notice>,
) -> Result<Response, AppError> {
    let event = event_in_scope(&state, &staff, id).await?;
    let csrf = csrf::form_value(&csrf_token)?;
    let lang = staff.lang;
    let notice = if let Some(count) = q.sent {
        Some(mailer::i18n::t_with(
            lang,
            "admin-message-sent",
            &[("count", &count.to_string())],
        ))
    } else if q.published == "1" {
        Some(mailer::i18n::t(lang, "admin-event-published"))
    } else if q.saved == "1" {
        Some(mailer::i18n::t(lang, "admin-event-saved"))
    } else {
        None
    };
    let page = render_event(
        &state,
        &staff,
        &event,
        &csrf,
        notice,
        &FieldErrors::default(),
        &q.q,
    )
    .await?;
    Ok((csrf_token, page).into_response())
}

pub async fn publish(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Path(id): Path<i64>,
    Form(form): Form<ButtonForm>,
) -> Result<Response, AppError> {
    csrf::verify(&csrf_token, &form.csrf_token)?;
    let event = event_in_scope(&state, &staff, id).await?;
    let txn = state.db.begin_write().await?;
    match events::publish(&txn, event.id, Utc::now()).await {
        Ok(published) => {
            staff
                .audit(
                    &txn,
                    "event-published",
                    "event",
                    Some(published.id),
                    serde_json::json!({}),
                )
                .await?;
            txn.commit().await?;
            state.upcoming.invalidate();
            Ok(Redirect::to(&format!("/admin/events/{id}?published=1")).into_response())
        }
        Err(EventError::Domain(e)) => Err(e.into()),
        Err(e) => {
            txn.rollback().await?;
            let mut errors = FieldErrors::default();
            error_of(&e, &mut errors);
            let csrf = csrf::form_value(&csrf_token)?;
            let page = render_event(&state, &staff, &event, &csrf, None, &errors, "").await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response())
        }
    }
}

/// Cancels a published event and emails every registrant, in their language.
pub async fn cancel(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Path(id): Path<i64>,
    Form(form): Form<ButtonForm>,
) -> Result<Response, AppError> {
    csrf::verify(&csrf_token, &form.csrf_token)?;
    let event = event_in_scope(&state, &staff, id).await?;
    let now = Utc::now();
    let txn = state.db.begin_write().await?;
    let cancellation = events::cancel_event(&txn, event.id, now)
        .await
        .map_err(|e| match e {
            EventError::Domain(e) => AppError::from(e),
            _ => AppError::BadRequest,
        })?;
    if cancellation.newly_cancelled {
        for registration in &cancellation.registrants {
            let lang = registration.language;
            let mail = mailer::compose::events::EventMail {
                lang,
                name: registration.full_name.clone(),
                title: cancellation.event.title(lang).to_owned(),
                when: mailer::calendar::when(&cancellation.event),
                page_url: state.brand.link(&format!("/{}/events", lang.code())),
                online_link: None,
            };
            let composed = mailer::compose::events::called_off(&state.brand, &mail);
            outbox::enqueue(
                &txn,
                crate::routes::support::email_to(
                    "event-cancelled-by-organizers",
                    &registration.email,
                    registration.member_id,
                    lang,
                    composed,
                ),
                now,
            )
            .await?;
        }
        staff
            .audit(
                &txn,
                "event-cancelled",
                "event",
                Some(id),
                serde_json::json!({ "registrants_told": cancellation.registrants.len() }),
            )
            .await?;
    }
    txn.commit().await?;
    state.upcoming.invalidate();
    state.mail_waker.notify_one();
    Ok(Redirect::to(&format!("/admin/events/{id}")).into_response())
}

/// Check-in at the door, one button per person; undo for a slip of the thumb.
pub async fn check_in(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Path((id, registration_id, action)): Path<(i64, i64, String)>,
    Form(form): Form<ButtonForm>,
) -> Result<Response, AppError> {
    csrf::verify(&csrf_token, &form.csrf_token)?;
    let event = event_in_scope(&state, &staff, id).await?;
    let txn = state.db.begin_write().await?;
    match action.as_str() {
        "check-in" => {
            events::check_in(&txn, event.id, registration_id, Utc::now()).await?;
        }
        "undo" => {
            events::undo_check_in(&txn, event.id, registration_id).await?;
        }
        _ => return Err(AppError::NotFound),
    }
    staff
        .audit(
            &txn,
            &format!("registration-{action}"),
            "registration",
            Some(registration_id),
            serde_json::json!({ "event": id }),
        )
        .await?;
    txn.commit().await?;
    state.upcoming.invalidate();
    Ok(Redirect::to(&format!("/admin/events/{id}")).into_response())
}

/// The registrations as CSV, with the same safety as the member export. Audited.
pub async fn export(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let event = event_in_scope(&state, &staff, id).await?;
    let registrations = events::registrations_of(state.db.reader(), event.id, None, None).await?;
    staff
        .audit(
            state.db.writer(),
            "registrations-exported",
            "event",
            Some(id),
            serde_json::json!({ "rows": registrations.len() }),
        )
        .await?;
    let mut writer = csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
    let io = |e: csv::Error| AppError::Internal(e.to_string());
    writer
        .write_record([
            "full_name",
            "email",
            "status",
            "waitlist_position",
            "checked_in_at",
            "accommodations",
        ])
        .map_err(io)?;
    for r in &registrations {
        writer
            .write_record([
                neutralise(&r.full_name),
                neutralise(&r.email),
                r.status.as_str().to_owned(),
                r.waitlist_position
                    .map(|p| p.to_string())
                    .unwrap_or_default(),
                r.checked_in_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
                neutralise(r.accommodations.as_deref().unwrap_or_default()),
            ])
            .map_err(io)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}-registrations.csv\"", event.slug),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// After an edit: registrants hear of a new time or place, and people promoted by more seats
/// get their seat with a fresh link and the calendar file.
async fn tell_registrants(
    state: &AppState,
    txn: &impl sea_orm::ConnectionTrait,
    event: &event::Model,
    changed: bool,
    promoted: &[domain::entities::registration::Model],
    now: chrono::DateTime<Utc>,
) -> Result<(), AppError> {
    for registration in promoted {
        app::registration::promote_mail(&state.brand, txn, event, registration, now).await?;
    }
    if !changed {
        return Ok(());
    }
    let place = [event.venue.as_deref(), event.address.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    for status in [
        events::RegistrationStatus::Confirmed,
        events::RegistrationStatus::Waitlisted,
    ] {
        for r in events::registrations_of(txn, event.id, Some(status), None).await? {
            let lang = r.language;
            let mail = mailer::compose::events::EventMail {
                lang,
                name: r.full_name.clone(),
                title: event.title(lang).to_owned(),
                when: mailer::calendar::when(event),
                page_url: state
                    .brand
                    .link(&format!("/{}/events/{}", lang.code(), event.slug)),
                online_link: None,
            };
            let composed = mailer::compose::events::changed(
                &state.brand,
                &mail,
                (!place.is_empty()).then_some(place.as_str()),
            );
            outbox::enqueue(
                txn,
                crate::routes::support::email_to(
                    "event-changed",
                    &r.email,
                    r.member_id,
                    lang,
                    composed,
                ),
                now,
            )
            .await?;
        }
    }
    state.mail_waker.notify_one();
    Ok(())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MessageInput {
    csrf_token: String,
    audience: String,
    subject: String,
    body: String,
}

/// A message from the organizers to everyone confirmed, or everyone waiting, through the
/// outbox. Audited.
pub async fn message(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Path(id): Path<i64>,
    Form(form): Form<MessageInput>,
) -> Result<Response, AppError> {
    csrf::verify(&csrf_token, &form.csrf_token)?;
    let event = event_in_scope(&state, &staff, id).await?;
    let audience = match form.audience.as_str() {
        "confirmed" => events::RegistrationStatus::Confirmed,
        "waitlisted" => events::RegistrationStatus::Waitlisted,
        _ => return Err(AppError::BadRequest),
    };
    let (subject, body) = (form.subject.trim(), form.body.trim());
    // A subject is one header line: a line break or other control character could add headers.
    let problem = if subject.is_empty() || body.is_empty() {
        Some("error-message-empty")
    } else if subject.chars().any(char::is_control) {
        Some("error-newsletter-subject-line")
    } else if subject.chars().count() > 200 || body.chars().count() > 10_000 {
        Some("error-message-too-long")
    } else {
        None
    };
    if let Some(problem) = problem {
        let mut errors = FieldErrors::default();
        errors.add("subject", problem);
        let csrf = csrf::form_value(&csrf_token)?;
        let page = render_event(&state, &staff, &event, &csrf, None, &errors, "").await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response());
    }
    let now = Utc::now();
    let txn = state.db.begin_write().await?;
    let recipients = events::registrations_of(&txn, event.id, Some(audience), None).await?;
    for r in &recipients {
        let lang = r.language;
        let mail = mailer::compose::events::EventMail {
            lang,
            name: r.full_name.clone(),
            title: event.title(lang).to_owned(),
            when: mailer::calendar::when(&event),
            page_url: state
                .brand
                .link(&format!("/{}/events/{}", lang.code(), event.slug)),
            online_link: None,
        };
        let composed = mailer::compose::events::message(&state.brand, &mail, subject, body);
        outbox::enqueue(
            &txn,
            crate::routes::support::email_to(
                "event-message",
                &r.email,
                r.member_id,
                lang,
                composed,
            ),
            now,
        )
        .await?;
    }
    staff
        .audit(&txn, "event-message", "event", Some(id), serde_json::json!({ "audience": form.audience, "recipients": recipients.len(), "subject": subject }))
        .await?;
    txn.commit().await?;
    state.upcoming.invalidate();
    state.mail_waker.notify_one();
    Ok(Redirect::to(&format!("/admin/events/{id}?sent={}", recipients.len())).into_response())
}
