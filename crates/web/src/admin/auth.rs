//! Organizers get in: first-run setup link, invitation link, email and password, sessions in
//! the database, password changes that end the other sessions.

use crate::security::csrf::ButtonForm;

use std::net::SocketAddr;

use axum::{
    extract::{ConnectInfo, FromRequestParts, Path, Query, State},
    http::{HeaderMap, StatusCode, header, request::Parts},
    response::{IntoResponse, Redirect, Response},
};
use axum_csrf::CsrfToken;
use axum_extra::extract::{
    CookieJar, Form,
    cookie::{Cookie, SameSite},
};
use chrono::Utc;
use domain::{
    EmailAddress, Language, audit,
    entities::organizer,
    organizers::{self, Role, Scope},
    password::{self, Weakness},
    two_factor,
};
use serde::Deserialize;

use crate::{
    error::AppError,
    lang,
    security::csrf,
    state::AppState,
    views::{
        admin::{self as view, CredentialsForm, Viewer},
        form::FieldErrors,
    },
};
use app::staff_sign_in::{CodeStep, PasswordStep, Refused};

/// The staff session cookie's name: `__Host-reseau_admin` behind https.
pub fn cookie_name(state: &AppState) -> &'static str {
    state.settings.cookie_name(crate::config::CookieName::Staff)
}
const LANG_COOKIE: &str = "reseau_lang";

/// The back office's language: the one chosen with its switch, else the browser's.
#[derive(Clone, Copy, Debug)]
pub struct AdminLang(pub Language);

impl<S: Send + Sync> FromRequestParts<S> for AdminLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(AdminLang(language_of(&parts.headers)))
    }
}

pub fn language_of(headers: &HeaderMap) -> Language {
    CookieJar::from_headers(headers)
        .get(LANG_COOKIE)
        .and_then(|c| c.value().parse().ok())
        .unwrap_or_else(|| {
            lang::negotiate(
                headers
                    .get(header::ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok()),
            )
        })
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

    pub async fn audit(
        &self,
        conn: &impl sea_orm::ConnectionTrait,
        action: &str,
        target_type: &str,
        target_id: Option<i64>,
        details: serde_json::Value,
    ) -> Result<(), AppError> {
        audit::record(
            conn,
            audit::Action {
                organizer_id: Some(self.organizer.id),
                action,
                target_type,
                target_id,
                details,
            },
            Utc::now(),
        )
        .await?;
        Ok(())
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

    fn stepped_up(&self, state: &AppState) -> bool {
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
        let resumed = organizers::resume_session(
            state.db.reader(),
            state.db.writer(),
            cookie.value(),
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

pub(super) fn session_cookie(state: &AppState, value: String) -> Cookie<'static> {
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

fn weakness_key(weakness: Weakness) -> &'static str {
    match weakness {
        Weakness::TooShort => "error-password-too-short",
        Weakness::TooLong => "error-password-too-long",
        Weakness::TooCommon => "error-password-too-common",
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CredentialsInput {
    csrf_token: String,
    full_name: String,
    email: String,
    password: String,
    current_password: String,
}

fn render_credentials(
    lang: Language,
    csrf_token: CsrfToken,
    status: StatusCode,
    form: CredentialsForm<'_>,
) -> Result<Response, AppError> {
    let _ = lang;
    Ok((status, csrf_token, view::credentials(&form)).into_response())
}

// --- sign-in ----------------------------------------------------------------------------------

pub async fn sign_in_form(
    AdminLang(lang): AdminLang,
    csrf_token: CsrfToken,
) -> Result<Response, AppError> {
    let csrf = csrf::form_value(&csrf_token)?;
    render_credentials(
        lang,
        csrf_token,
        StatusCode::OK,
        sign_in_view(lang, "", &FieldErrors::default(), &csrf),
    )
}

fn sign_in_view<'a>(
    lang: Language,
    email: &'a str,
    errors: &'a FieldErrors,
    csrf: &'a str,
) -> CredentialsForm<'a> {
    CredentialsForm {
        lang,
        title_key: "admin-sign-in-title",
        intro_key: None,
        action: "/admin/sign-in",
        submit_key: "admin-sign-in-submit",
        with_name: false,
        with_email: true,
        name: "",
        email,
        errors,
        csrf,
    }
}

pub async fn sign_in(
    State(state): State<AppState>,
    AdminLang(lang): AdminLang,
    csrf_token: CsrfToken,
    jar: CookieJar,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<CredentialsInput>,
) -> Result<Response, AppError> {
    csrf::verify(&csrf_token, &form.csrf_token)?;
    let csrf = csrf::form_value(&csrf_token)?;
    let refuse = |key: &'static str, status: StatusCode, csrf_token: CsrfToken| {
        let mut errors = FieldErrors::default();
        errors.add("email", key);
        render_credentials(
            lang,
            csrf_token,
            status,
            sign_in_view(lang, &form.email, &errors, &csrf),
        )
    };
    // Over-limit attempts are refused before any hashing.
    if !state.sign_in_limiter.check(Some(peer.ip()), &headers) {
        return refuse(
            "error-sign-in-locked",
            StatusCode::TOO_MANY_REQUESTS,
            csrf_token,
        );
    }
    let previous = jar.get(cookie_name(&state)).map(|c| c.value().to_owned());
    let step = app::staff_sign_in::with_password(
        &state.app,
        &state.passwords,
        &form.email,
        form.password.clone(),
        previous.as_deref(),
        state.settings.staff_session_lifetime(),
        Utc::now(),
    )
    .await?;
    let (session, next) = match step {
        PasswordStep::SignedIn(session) => (session, "/admin"),
        PasswordStep::CodeOwed(session) => (session, "/admin/sign-in/code"),
        PasswordStep::Refused(refused) => {
            let (key, status) = refusal(refused);
            return refuse(key, status, csrf_token);
        }
    };
    let jar = jar.add(session_cookie(&state, session.as_str().to_owned()));
    Ok((jar, Redirect::to(next)).into_response())
}

/// The message and status of a refused step: the same for an unknown address as for a real
/// one in the same state.
fn refusal(refused: Refused) -> (&'static str, StatusCode) {
    match refused {
        Refused::Locked => ("error-sign-in-locked", StatusCode::TOO_MANY_REQUESTS),
        Refused::Wrong => ("error-sign-in-failed", StatusCode::UNAUTHORIZED),
        Refused::Busy => ("error-sign-in-busy", StatusCode::SERVICE_UNAVAILABLE),
    }
}

pub async fn sign_out(
    State(state): State<AppState>,
    staff: PartlySignedIn,
    csrf_token: CsrfToken,
    jar: CookieJar,
    Form(form): Form<ButtonForm>,
) -> Result<Response, AppError> {
    csrf::verify(&csrf_token, &form.csrf_token)?;
    let txn = state.db.begin_write().await?;
    organizers::end_session(&txn, &staff.session).await?;
    audit_own(&txn, staff.organizer.id, "sign-out", Utc::now()).await?;
    txn.commit().await?;
    let jar = jar.remove(
        Cookie::build((cookie_name(&state), ""))
            .path("/")
            .http_only(true)
            .secure(state.settings.is_https())
            .build(),
    );
    Ok((jar, Redirect::to("/admin/sign-in")).into_response())
}

// --- first run and invitations -------------------------------------------------------------

pub async fn setup_form(
    State(state): State<AppState>,
    AdminLang(lang): AdminLang,
    Path(token): Path<String>,
    csrf_token: CsrfToken,
) -> Result<Response, AppError> {
    organizers::find_link(
        state.db.reader(),
        organizers::LinkPurpose::Setup,
        &token,
        Utc::now(),
    )
    .await?
    .ok_or(AppError::NotFound)?;
    let csrf = csrf::form_value(&csrf_token)?;
    let action = format!("/admin/setup/{token}");
    render_credentials(
        lang,
        csrf_token,
        StatusCode::OK,
        setup_view(lang, &action, "", "", &FieldErrors::default(), &csrf),
    )
}

fn setup_view<'a>(
    lang: Language,
    action: &'a str,
    name: &'a str,
    email: &'a str,
    errors: &'a FieldErrors,
    csrf: &'a str,
) -> CredentialsForm<'a> {
    CredentialsForm {
        lang,
        title_key: "setup-title",
        intro_key: Some("setup-intro"),
        action,
        submit_key: "setup-submit",
        with_name: true,
        with_email: true,
        name,
        email,
        errors,
        csrf,
    }
}

/// Name, address and password of a new account, checked.
fn check_new_account(
    form: &CredentialsInput,
    errors: &mut FieldErrors,
) -> Option<(String, EmailAddress)> {
    // The same rules as a member's name: no markup, controls or direction overrides.
    let name = crate::routes::fields::name(&form.full_name, errors);
    let email = crate::routes::fields::email(&form.email, errors);
    if let Err(weakness) = password::check_strength(&form.password) {
        errors.add("password", weakness_key(weakness));
    }
    match (name, email) {
        (Some(name), Some(email)) if errors.is_empty() => Some((name.as_str().to_owned(), email)),
        _ => None,
    }
}

pub async fn setup(
    State(state): State<AppState>,
    AdminLang(lang): AdminLang,
    Path(token): Path<String>,
    csrf_token: CsrfToken,
    jar: CookieJar,
    Form(form): Form<CredentialsInput>,
) -> Result<Response, AppError> {
    csrf::verify(&csrf_token, &form.csrf_token)?;
    let now = Utc::now();
    let link = organizers::find_link(
        state.db.reader(),
        organizers::LinkPurpose::Setup,
        &token,
        now,
    )
    .await?
    .ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::default();
    let Some((name, email)) = check_new_account(&form, &mut errors) else {
        let csrf = csrf::form_value(&csrf_token)?;
        let action = format!("/admin/setup/{token}");
        let view = setup_view(lang, &action, &form.full_name, &form.email, &errors, &csrf);
        return render_credentials(lang, csrf_token, StatusCode::UNPROCESSABLE_ENTITY, view);
    };
    let hash = state.passwords.hash(form.password.clone()).await?;
    let txn = state.db.begin_write().await?;
    if !organizers::use_link(&txn, link.id, now).await? || organizers::count(&txn).await? > 0 {
        return Err(AppError::NotFound);
    }
    let organizer = organizers::create(&txn, &email, &name, Role::Admin, Some(hash), now)
        .await?
        .ok_or(AppError::Internal("first organizer already exists".into()))?;
    let lifetime = state.settings.staff_session_lifetime();
    let secret = organizers::start_session(&txn, organizer.id, lifetime, false, now).await?;
    audit::record(
        &txn,
        audit::Action {
            organizer_id: Some(organizer.id),
            action: "setup",
            target_type: "organizer",
            target_id: Some(organizer.id),
            details: serde_json::json!({ "role": "admin" }),
        },
        now,
    )
    .await?;
    txn.commit().await?;
    let jar = jar.add(session_cookie(&state, secret.as_str().to_owned()));
    Ok((jar, Redirect::to("/admin")).into_response())
}

pub async fn invite_form(
    State(state): State<AppState>,
    AdminLang(lang): AdminLang,
    Path(token): Path<String>,
    csrf_token: CsrfToken,
) -> Result<Response, AppError> {
    organizers::find_link(
        state.db.reader(),
        organizers::LinkPurpose::Invite,
        &token,
        Utc::now(),
    )
    .await?
    .ok_or(AppError::NotFound)?;
    let csrf = csrf::form_value(&csrf_token)?;
    let action = format!("/admin/invite/{token}");
    render_credentials(
        lang,
        csrf_token,
        StatusCode::OK,
        invite_view(lang, &action, &FieldErrors::default(), &csrf),
    )
}

fn invite_view<'a>(
    lang: Language,
    action: &'a str,
    errors: &'a FieldErrors,
    csrf: &'a str,
) -> CredentialsForm<'a> {
    CredentialsForm {
        lang,
        title_key: "invite-title",
        intro_key: Some("invite-intro"),
        action,
        submit_key: "invite-submit",
        with_name: false,
        with_email: false,
        name: "",
        email: "",
        errors,
        csrf,
    }
}

pub async fn accept_invite(
    State(state): State<AppState>,
    AdminLang(lang): AdminLang,
    Path(token): Path<String>,
    csrf_token: CsrfToken,
    jar: CookieJar,
    Form(form): Form<CredentialsInput>,
) -> Result<Response, AppError> {
    csrf::verify(&csrf_token, &form.csrf_token)?;
    let now = Utc::now();
    let link = organizers::find_link(
        state.db.reader(),
        organizers::LinkPurpose::Invite,
        &token,
        now,
    )
    .await?
    .ok_or(AppError::NotFound)?;
    if let Err(weakness) = password::check_strength(&form.password) {
        let mut errors = FieldErrors::default();
        errors.add("password", weakness_key(weakness));
        let csrf = csrf::form_value(&csrf_token)?;
        let action = format!("/admin/invite/{token}");
        return render_credentials(
            lang,
            csrf_token,
            StatusCode::UNPROCESSABLE_ENTITY,
            invite_view(lang, &action, &errors, &csrf),
        );
    }
    let organizer_id = link.organizer_id.ok_or(AppError::NotFound)?;
    let hash = state.passwords.hash(form.password.clone()).await?;
    let txn = state.db.begin_write().await?;
    if !organizers::use_link(&txn, link.id, now).await? {
        return Err(AppError::NotFound);
    }
    organizers::set_password(&txn, organizer_id, hash, now).await?;
    let secret = organizers::start_session(
        &txn,
        organizer_id,
        state.settings.staff_session_lifetime(),
        false,
        now,
    )
    .await?;
    audit_own(&txn, organizer_id, "invitation-accepted", now).await?;
    txn.commit().await?;
    let jar = jar.add(session_cookie(&state, secret.as_str().to_owned()));
    Ok((jar, Redirect::to("/admin")).into_response())
}

// --- own password -----------------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Changed {
    changed: String,
}

pub async fn password_form(
    staff: Staff,
    csrf_token: CsrfToken,
    Query(q): Query<Changed>,
) -> Result<Response, AppError> {
    let csrf = csrf::form_value(&csrf_token)?;
    let page = view::password_form(
        staff.lang,
        &staff.viewer(&csrf),
        &FieldErrors::default(),
        q.changed == "1",
    );
    Ok((csrf_token, page).into_response())
}

pub async fn change_password(
    State(state): State<AppState>,
    staff: Staff,
    csrf_token: CsrfToken,
    Form(form): Form<CredentialsInput>,
) -> Result<Response, AppError> {
    csrf::verify(&csrf_token, &form.csrf_token)?;
    let mut errors = FieldErrors::default();
    // Counted by the sign-in lockout like a sign-in (ASVS 5.0 6.3.1): no unlimited guessing
    // of the password from a stolen session.
    let checked = app::staff_sign_in::check_current_password(
        &state.app,
        &state.passwords,
        &staff.organizer,
        form.current_password.clone(),
        Utc::now(),
    )
    .await?;
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    match checked {
        Ok(()) => {}
        Err(Refused::Wrong) => errors.add("current_password", "error-password-wrong"),
        Err(Refused::Locked) => {
            errors.add("current_password", "error-sign-in-locked");
            status = StatusCode::TOO_MANY_REQUESTS;
        }
        Err(Refused::Busy) => {
            return Err(AppError::Unavailable(
                "password hashing is saturated".into(),
            ));
        }
    }
    if let Err(weakness) = password::check_strength(&form.password) {
        errors.add("password", weakness_key(weakness));
    }
    if !errors.is_empty() {
        let csrf = csrf::form_value(&csrf_token)?;
        let page = view::password_form(staff.lang, &staff.viewer(&csrf), &errors, false);
        return Ok((status, csrf_token, page).into_response());
    }
    let hash = state.passwords.hash(form.password.clone()).await?;
    let txn = state.db.begin_write().await?;
    organizers::set_password(&txn, staff.organizer.id, hash, Utc::now()).await?;
    // Whoever else held a session of this account is out.
    organizers::end_other_sessions(&txn, staff.organizer.id, &staff.session).await?;
    staff
        .audit(
            &txn,
            "password-changed",
            "organizer",
            Some(staff.organizer.id),
            serde_json::json!({}),
        )
        .await?;
    txn.commit().await?;
    Ok(Redirect::to("/admin/password?changed=1").into_response())
}

// --- language switch --------------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Back {
    back: String,
}

/// Remembers the chosen language and returns to the page, which must be one of ours.
pub async fn switch_language(
    Path(code): Path<String>,
    Query(q): Query<Back>,
    jar: CookieJar,
) -> Result<Response, AppError> {
    let language: Language = code.parse().map_err(|_| AppError::NotFound)?;
    let back = if is_own_page(&q.back) {
        q.back
    } else {
        "/admin".to_owned()
    };
    let cookie = Cookie::build((LANG_COOKIE, language.code().to_owned()))
        .path("/admin")
        .http_only(true)
        .same_site(SameSite::Lax)
        .build();
    Ok((jar.add(cookie), Redirect::to(&back)).into_response())
}

/// A back-office path of ours that can go in a `Location` header as it is: no scheme, no
/// host, no backslash, no dot segment that climbs out of `/admin` (`%2e` is a dot to a
/// browser), and no control character (a CR/LF would break the header).
pub(super) fn is_own_page(back: &str) -> bool {
    let lower = back.to_ascii_lowercase();
    back.starts_with("/admin")
        && back.is_ascii()
        && !back.contains('\\')
        && !lower.contains("/.")
        && !lower.contains("/%2e")
        && !back.chars().any(char::is_control)
        && axum::http::HeaderValue::from_str(back).is_ok()
}

// --- second factor ----------------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CodeInput {
    csrf_token: String,
    code: String,
}

/// The code page of a sign-in whose password was right.
pub async fn code_form(who: PartlySignedIn, csrf_token: CsrfToken) -> Result<Response, AppError> {
    if !who.mfa_pending {
        return Ok(Redirect::to("/admin").into_response());
    }
    let csrf = csrf::form_value(&csrf_token)?;
    let page = view::code_form(who.lang, &FieldErrors::default(), &csrf);
    Ok((csrf_token, page).into_response())
}

pub async fn submit_code(
    State(state): State<AppState>,
    who: PartlySignedIn,
    csrf_token: CsrfToken,
    jar: CookieJar,
    headers: HeaderMap,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Form(form): Form<CodeInput>,
) -> Result<Response, AppError> {
    csrf::verify(&csrf_token, &form.csrf_token)?;
    if !who.mfa_pending {
        return Ok(Redirect::to("/admin").into_response());
    }
    let render = |key: &'static str, status: StatusCode, csrf_token: CsrfToken| {
        let mut errors = FieldErrors::default();
        errors.add("code", key);
        let csrf = csrf::form_value(&csrf_token)?;
        Ok::<_, AppError>(
            (
                status,
                csrf_token,
                view::code_form(who.lang, &errors, &csrf),
            )
                .into_response(),
        )
    };
    if !state.sign_in_limiter.check(Some(peer.ip()), &headers) {
        return render(
            "error-sign-in-locked",
            StatusCode::TOO_MANY_REQUESTS,
            csrf_token,
        );
    }
    let step = app::staff_sign_in::with_code(
        &state.app,
        &who.organizer,
        &who.session,
        &form.code,
        state.settings.staff_session_lifetime(),
        Utc::now(),
    )
    .await?;
    match step {
        // A new session id at the step up.
        CodeStep::SignedIn(session) => {
            let jar = jar.add(session_cookie(&state, session.as_str().to_owned()));
            Ok((jar, Redirect::to("/admin")).into_response())
        }
        CodeStep::Refused(Refused::Wrong) => {
            render("error-code-wrong", StatusCode::UNAUTHORIZED, csrf_token)
        }
        CodeStep::Refused(refused) => {
            let (key, status) = refusal(refused);
            render(key, status, csrf_token)
        }
    }
}

/// Enrolment: a new key, shown with its otpauth link, confirmed with a first code.
pub async fn enrolment_form(
    State(state): State<AppState>,
    who: PartlySignedIn,
    csrf_token: CsrfToken,
) -> Result<Response, AppError> {
    if who.mfa_pending {
        return Ok(Redirect::to("/admin/sign-in/code").into_response());
    }
    if who.organizer.totp_enabled {
        return Ok(Redirect::to("/admin").into_response());
    }
    // Setting up two-step is a change of two-step settings: the password again first, so a
    // session taken before enrolment can neither read the key nor tie the account to
    // someone else's app.
    if !who.stepped_up(&state) {
        return Ok(super::step_up::ask_then_return("/admin/two-factor"));
    }
    let secret =
        two_factor::begin_enrolment(state.db.writer(), &state.app.seed_key, &who.organizer).await?;
    let url = two_factor::enrolment_url(&secret, &who.organizer.email).unwrap_or_default();
    let csrf = csrf::form_value(&csrf_token)?;
    let page = view::enrolment(who.lang, &secret, &url, &FieldErrors::default(), &csrf);
    Ok((csrf_token, page).into_response())
}

pub async fn enrol(
    State(state): State<AppState>,
    who: PartlySignedIn,
    csrf_token: CsrfToken,
    Form(form): Form<CodeInput>,
) -> Result<Response, AppError> {
    csrf::verify(&csrf_token, &form.csrf_token)?;
    if who.mfa_pending || who.organizer.totp_enabled {
        return Ok(Redirect::to("/admin").into_response());
    }
    if !who.stepped_up(&state) {
        return Ok(super::step_up::ask_then_return("/admin/two-factor"));
    }
    let now = Utc::now();
    let txn = state.db.begin_write().await?;
    let codes =
        two_factor::complete_enrolment(&txn, &state.app.seed_key, &who.organizer, &form.code, now)
            .await?;
    if codes.is_some() {
        audit_own(&txn, who.organizer.id, "two-factor-enrolled", now).await?;
    }
    txn.commit().await?;
    let csrf = csrf::form_value(&csrf_token)?;
    Ok(match codes {
        Some(codes) => (csrf_token, view::recovery_codes(who.lang, &codes)).into_response(),
        None => {
            let mut errors = FieldErrors::default();
            errors.add("code", "error-code-wrong");
            let secret =
                two_factor::pending_seed(&state.app.seed_key, &who.organizer).unwrap_or_default();
            let url = two_factor::enrolment_url(&secret, &who.organizer.email).unwrap_or_default();
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                csrf_token,
                view::enrolment(who.lang, &secret, &url, &errors, &csrf),
            )
                .into_response()
        }
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RequireInput {
    csrf_token: String,
    all: String,
    step_up_password: String,
    step_up_code: String,
}

/// An admin requires the second factor of every organizer, or of admins only. Asks for the
/// password (and code) again first (ASVS 5.0 7.5.3).
pub async fn require_two_factor(
    State(state): State<AppState>,
    mut staff: Staff,
    csrf_token: CsrfToken,
    jar: CookieJar,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<RequireInput>,
) -> Result<Response, AppError> {
    staff.require_admin()?;
    csrf::verify(&csrf_token, &form.csrf_token)?;
    let all = match form.all.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::BadRequest),
    };
    let given = super::step_up::Given::new(
        &state,
        peer,
        &headers,
        form.step_up_password.clone(),
        form.step_up_code.clone(),
    );
    let jar = match super::step_up::gate(
        &state,
        &mut staff,
        &csrf_token,
        &given,
        "/admin/two-factor/policy",
        vec![("all".to_owned(), form.all.clone())],
    )
    .await?
    {
        super::step_up::Gate::Pass(Some(cookie)) => jar.add(cookie),
        super::step_up::Gate::Pass(None) => jar,
        super::step_up::Gate::Ask(page) => return Ok((csrf_token, page).into_response()),
    };
    let txn = state.db.begin_write().await?;
    two_factor::set_required_for_all(&txn, all).await?;
    staff
        .audit(
            &txn,
            "two-factor-policy",
            "settings",
            None,
            serde_json::json!({ "required_for_all": all }),
        )
        .await?;
    txn.commit().await?;
    Ok((jar, Redirect::to("/admin/organizers")).into_response())
}

/// An audit row for what an organizer did to their own account (signing in, out, enrolling).
async fn audit_own(
    conn: &impl sea_orm::ConnectionTrait,
    organizer_id: i64,
    action: &str,
    now: chrono::DateTime<Utc>,
) -> Result<(), domain::DomainError> {
    audit::record(
        conn,
        audit::Action {
            organizer_id: Some(organizer_id),
            action,
            target_type: "organizer",
            target_id: Some(organizer_id),
            details: serde_json::json!({}),
        },
        now,
    )
    .await
}
