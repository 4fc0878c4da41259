//! CSRF protection by signed double submit (axum_csrf): a random value in an HttpOnly,
//! SameSite=Lax cookie, and in each form its HMAC under our secret, checked on POST.

use axum_csrf::{CsrfConfig, CsrfToken, Key, SameSite};
use serde::Deserialize;
use sha2::{Digest, Sha512};

use crate::error::AppError;

/// `cookie_name` is `__Host-reseau_csrf` behind https (see `Settings::cookie_name`).
pub fn config(secret: &str, secure: bool, cookie_name: &str) -> CsrfConfig {
    CsrfConfig::default()
        .with_cookie_name(cookie_name)
        .with_cookie_path("/")
        .with_http_only(true)
        .with_cookie_same_site(SameSite::Lax)
        .with_secure(secure)
        .with_cookie_len(32)
        .with_salt(format!("csrf:{secret}"))
        // The cookie is encrypted under a key derived from the shared secret: left to
        // axum_csrf it is random per process, and behind a load balancer a form served by one
        // instance would be refused by the next.
        .with_key(Some(Key::from(&Sha512::digest(
            format!("csrf-cookie:{secret}").as_bytes(),
        ))))
        .with_lifetime(time::Duration::days(1))
}

/// The value to put in a form's hidden `csrf_token` field.
pub fn form_value(token: &CsrfToken) -> Result<String, AppError> {
    token
        .authenticity_token()
        .map_err(|e| AppError::Internal(format!("CSRF token: {e}")))
}

/// Checks a submitted form's token against the cookie.
pub fn verify(token: &CsrfToken, submitted: &str) -> Result<(), AppError> {
    token
        .verify(submitted)
        .map_err(|_| AppError::Forbidden("CSRF token missing or invalid"))
}

/// A form that is only a button: all it carries is its CSRF token.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ButtonForm {
    pub csrf_token: String,
}
