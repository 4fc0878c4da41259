//! The event form: creating an event and editing one, in the organizer's chapters only. The
//! fields are read here into `EventFields`; `app::events::save` writes the event and tells
//! the registrants of a new time or place.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use chrono::Utc;
use chrono_tz::Tz;
use domain::{
    calendar::DateError,
    entities::{chapter, event},
    events::{
        Capacity, DateField, EventError, EventFieldError, EventFields, EventSlug, EventStatus,
        Format, Missing,
    },
};
use serde::Deserialize;

use super::event_in_scope;
use crate::{
    admin::{
        datetime_local::{date_error, local_field, local_time},
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
        admin::events::{self as view, EventValues},
        form::FieldErrors,
    },
};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EventInput {
    csrf_token: String,
    chapter: String,
    slug: String,
    /// `title_<code>` and `description_<code>` for every language.
    #[serde(flatten)]
    texts: LanguageTexts,
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

carries_csrf!(EventInput);

impl EventInput {
    fn values(&self) -> EventValues {
        EventValues {
            slug: self.slug.clone(),
            texts: self.texts.clone(),
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
            title: self.texts.localized("title"),
            description: self.texts.localized("description"),
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

pub(super) fn error_of(e: &EventError, errors: &mut FieldErrors) {
    match e {
        EventError::SlugTaken => errors.add("slug", "error-event-slug-taken"),
        EventError::Incomplete { missing } => {
            for missing in missing {
                let field = match missing {
                    Missing::Title(lang) => field_name("title", *lang),
                    Missing::Description(lang) => field_name("description", *lang),
                };
                errors.add(field, "error-event-incomplete");
            }
        }
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
            EventFieldError::HiddenText { field, lang } => match lang {
                Some(lang) => errors.add(field_name(field, *lang), "error-text-hidden"),
                None => errors.add(*field, "error-text-hidden"),
            },
        },
        EventError::NotFound | EventError::EventCancelled | EventError::Domain(_) => {}
    }
}

/// The fields in the order of the form, for the error summary.
fn form_order() -> Vec<String> {
    let mut order: Vec<String> = ["chapter", "slug"].map(String::from).into();
    order.extend(crate::views::admin::texts::field_order(&view::TEXTS));
    order.extend(
        [
            "venue",
            "address",
            "online_link",
            "time_zone",
            "starts",
            "ends",
            "capacity",
            "opens",
            "closes",
        ]
        .map(String::from),
    );
    order
}

fn stored_values(e: &event::Model) -> EventValues {
    let tz: Tz = e.time_zone.parse().unwrap_or(Tz::UTC);
    let local = |at: chrono::DateTime<Utc>| local_field(at, tz);
    EventValues {
        slug: e.slug.clone(),
        texts: LanguageTexts::stored(&[("title", &e.title), ("description", &e.description)]),
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
    CheckedForm {
        csrf: csrf_token,
        form: input,
    }: CheckedForm<EventInput>,
) -> Result<Response, AppError> {
    save(state, staff, csrf_token, "new", input).await
}

pub async fn save_existing(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    CheckedForm {
        csrf: csrf_token,
        form: input,
    }: CheckedForm<EventInput>,
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
    let (values, chapter, action, heading, published) = match segment {
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
                false,
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
                event.status == EventStatus::Published,
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
        published,
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
    let chapters = staff.chapters(&state).await?;
    let existing = match segment {
        "new" => None,
        id => {
            Some(event_in_scope(&state, &staff, id.parse().map_err(|_| AppError::NotFound)?).await?)
        }
    };
    let mut errors = FieldErrors::default();
    let fields = input.parse(&chapters, &mut errors);
    if let Some(fields) = fields.filter(|_| errors.is_empty()) {
        match app::events::save(
            &state.app,
            staff.organizer.id,
            existing.as_ref(),
            fields,
            Utc::now(),
        )
        .await
        {
            Ok(event) => {
                state.upcoming.invalidate();
                return Ok(
                    Redirect::to(&format!("/admin/events/{}?saved=1", event.id)).into_response()
                );
            }
            Err(EventError::Domain(e)) => return Err(e.into()),
            Err(e) => error_of(&e, &mut errors),
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
    let errors = errors.in_order(&form_order());
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
        published: existing
            .as_ref()
            .is_some_and(|e| e.status == EventStatus::Published),
    });
    Ok((StatusCode::UNPROCESSABLE_ENTITY, csrf_token, page).into_response())
}
