//! Who is signed in to the back office: the staff session cookie, and the extractors that
//! resume it: `Staff` (signed in, second factor done, with the chapters in scope) and
//! `PartlySignedIn` (whatever the second-factor state, for the pages that complete it).

use axum::{
    extract::FromRequestParts,
    http::request::Parts,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::{
    CookieJar,
    cookie::{Cookie, SameSite},
};
use chrono::Utc;
use domain::{
    Language,
    entities::organizer,
    organizers::{self, Role, Scope},
    two_factor,
};

use super::language::language_of;
use crate::{error::AppError, state::AppState, views::admin::Viewer};

/// The staff session cookie's name: `__Host-reseau_admin` behind https.
pub fn cookie_name(state: &AppState) -> &'static str {
    state.settings.cookie_name(crate::config::CookieName::Staff)
}
/// A signed-in organizer, what they may see, and the page language.
pub struct Staff {
    pub organizer: organizer::Model,
    pub scope: Scope,
    pub lang: Language,
    pub session: String,
    /// When this session last stepped up (the password again), if ever.
    pub stepped_up_at: Option<chrono::DateTime<Utc>>,
}

impl Staff {
    /// Whether this session stepped up within the configured window (`admin.step_up_minutes`).
    pub fn stepped_up(&self, state: &AppState) -> bool {
        let now = Utc::now();
        self.stepped_up_at
            .is_some_and(|at| at <= now && now - at <= state.settings.step_up_window())
    }

    pub fn is_admin(&self) -> bool {
        self.organizer.role == Role::Admin
    }

    /// The chapters this person may act on.
    pub async fn chapters(
        &self,
        state: &crate::state::AppState,
    ) -> Result<Vec<domain::entities::chapter::Model>, AppError> {
        Ok(domain::chapter::all(state.db.reader())
            .await?
            .into_iter()
            .filter(|c| self.scope.allows(c.id))
            .collect())
    }

    pub fn viewer<'a>(&'a self, csrf: &'a str) -> Viewer<'a> {
        Viewer {
            name: &self.organizer.name,
            is_admin: self.is_admin(),
            csrf,
        }
    }

    /// For pages only admins may see: anyone else gets a 404, as if the page did not exist.
    pub fn require_admin(&self) -> Result<(), AppError> {
        if self.is_admin() {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }
}

/// A session whatever its second-factor state: for the pages that complete it.
pub struct PartlySignedIn {
    pub organizer: organizer::Model,
    pub lang: Language,
    pub session: String,
    pub mfa_pending: bool,
    pub stepped_up_at: Option<chrono::DateTime<Utc>>,
}

impl PartlySignedIn {
    /// A session past its second factor, for pages that an organizer who must still enrol
    /// may see (the step up before enrolment): no chapters in scope, whatever the role.
    pub fn past_second_factor(self) -> Option<Staff> {
        (!self.mfa_pending).then(|| Staff {
            organizer: self.organizer,
            scope: Scope::Chapters(Vec::new()),
            lang: self.lang,
            session: self.session,
            stepped_up_at: self.stepped_up_at,
        })
    }

    pub fn stepped_up(&self, state: &AppState) -> bool {
        let now = Utc::now();
        self.stepped_up_at
            .is_some_and(|at| at <= now && now - at <= state.settings.step_up_window())
    }
}

impl FromRequestParts<AppState> for PartlySignedIn {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let lang = language_of(&parts.headers);
        let jar = CookieJar::from_headers(&parts.headers);
        let to_sign_in = || Redirect::to("/admin/sign-in").into_response();
        let Some(cookie) = jar.get(cookie_name(state)) else {
            return Err(to_sign_in());
        };
        let resumed = domain::session::resume::<domain::session::OrganizerSession>(
            state.db.reader(),
            state.db.writer(),
            &domain::token::Secret::parse(cookie.value()).ok_or_else(to_sign_in)?,
            state.settings.staff_session_lifetime(),
            Utc::now(),
        )
        .await
        .map_err(|e| AppError::from(e).into_response())?
        .ok_or_else(to_sign_in)?;
        Ok(PartlySignedIn {
            organizer: resumed.organizer,
            lang,
            session: cookie.value().to_owned(),
            mfa_pending: resumed.mfa_pending,
            stepped_up_at: resumed.stepped_up_at,
        })
    }
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let partly = PartlySignedIn::from_request_parts(parts, state).await?;
        // A session that still owes its second factor, or an account that must have one and
        // has not enrolled, reaches nothing else.
        if partly.mfa_pending {
            return Err(Redirect::to("/admin/sign-in/code").into_response());
        }
        let fail = |e: domain::DomainError| AppError::from(e).into_response();
        let reader = state.db.reader();
        if !partly.organizer.totp_enabled
            && two_factor::required(reader, &partly.organizer)
                .await
                .map_err(fail)?
        {
            return Err(Redirect::to("/admin/two-factor").into_response());
        }
        let scope = organizers::scope_of(reader, &partly.organizer)
            .await
            .map_err(fail)?;
        Ok(Staff {
            organizer: partly.organizer,
            scope,
            lang: partly.lang,
            session: partly.session,
            stepped_up_at: partly.stepped_up_at,
        })
    }
}

pub fn session_cookie(state: &AppState, value: String) -> Cookie<'static> {
    // `Path=/`, as the `__Host-` prefix requires; SameSite=Strict keeps it off other sites'
    // links, and only /admin reads it.
    Cookie::build((cookie_name(state), value))
        .path("/")
        .http_only(true)
        // Strict: the back office is never entered from a link on another site.
        .same_site(SameSite::Strict)
        .secure(state.settings.is_https())
        .build()
}
