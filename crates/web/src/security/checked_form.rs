//! Forms read only after their defences ran: `CheckedForm<T>` once its CSRF token matched the
//! cookie, `GuardedForm<T>` once the bot guard also judged its stamp and honeypot. Handlers
//! take one of these instead of `Form<T>` and a `CsrfToken`, so no POST can forget the check.

use std::sync::Arc;

use axum::{
    extract::{FromRef, FromRequest, FromRequestParts, Request},
    response::{IntoResponse, Response},
};
use axum_csrf::CsrfToken;
use axum_extra::extract::Form;
use chrono::Utc;
use serde::de::DeserializeOwned;

use super::{
    csrf,
    form_guard::{FormGuard, Verdict},
};

/// A form that carries the hidden `csrf_token` field.
pub trait CarriesCsrf {
    fn csrf_token(&self) -> &str;
}

impl CarriesCsrf for csrf::ButtonForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

/// A form that carries the bot guard's fields: the signed `form_ts` stamp and the `website`
/// honeypot.
pub trait CarriesStamp: CarriesCsrf {
    /// The name the stamp is signed for, so one form's stamp does not pass for another's.
    const FORM_NAME: &'static str;
    fn stamp(&self) -> &str;
    fn honeypot(&self) -> &str;
}

/// Implements `CarriesCsrf` for forms whose token is their `csrf_token` field.
macro_rules! carries_csrf {
    ($($form:ty),+ $(,)?) => {$(
        impl $crate::security::checked_form::CarriesCsrf for $form {
            fn csrf_token(&self) -> &str {
                &self.csrf_token
            }
        }
    )+};
}
pub(crate) use carries_csrf;

/// Implements `CarriesCsrf` and `CarriesStamp` for a form with the `csrf_token`, `form_ts`
/// and `website` fields, whose stamp is signed for `$name`.
macro_rules! carries_stamp {
    ($form:ty, $name:expr) => {
        $crate::security::checked_form::carries_csrf!($form);
        impl $crate::security::checked_form::CarriesStamp for $form {
            const FORM_NAME: &'static str = $name;
            fn stamp(&self) -> &str {
                &self.form_ts
            }
            fn honeypot(&self) -> &str {
                &self.website
            }
        }
    };
}
pub(crate) use carries_stamp;

/// The form `T`, read from the body once its token matched the cookie; `csrf` is kept to
/// redisplay the form with the same token when a field is refused.
pub struct CheckedForm<T> {
    pub csrf: CsrfToken,
    pub form: T,
}

impl<S, T> FromRequest<S> for CheckedForm<T>
where
    S: Send + Sync,
    T: DeserializeOwned + CarriesCsrf + Send,
    CsrfToken: FromRequestParts<S>,
    <CsrfToken as FromRequestParts<S>>::Rejection: IntoResponse,
{
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let csrf = CsrfToken::from_request_parts(&mut parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let Form(form) = Form::<T>::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(IntoResponse::into_response)?;
        csrf::verify(&csrf, form.csrf_token()).map_err(IntoResponse::into_response)?;
        Ok(Self { csrf, form })
    }
}

/// A `CheckedForm<T>` with the bot guard's verdict on it. The handler decides what each
/// verdict answers (a bot gets the same answer as a success), since only it knows that answer.
pub struct GuardedForm<T> {
    pub csrf: CsrfToken,
    pub form: T,
    pub verdict: Verdict,
}

impl<S, T> FromRequest<S> for GuardedForm<T>
where
    S: Send + Sync,
    T: DeserializeOwned + CarriesStamp + Send,
    CsrfToken: FromRequestParts<S>,
    <CsrfToken as FromRequestParts<S>>::Rejection: IntoResponse,
    Arc<FormGuard>: FromRef<S>,
{
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let CheckedForm { csrf, form } = CheckedForm::<T>::from_request(req, state).await?;
        let verdict = Arc::<FormGuard>::from_ref(state).check(
            T::FORM_NAME,
            form.stamp(),
            form.honeypot(),
            Utc::now(),
        );
        Ok(Self {
            csrf,
            form,
            verdict,
        })
    }
}
