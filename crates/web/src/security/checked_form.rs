//! A form whose CSRF token has been checked before the handler runs: handlers take
//! `CheckedForm<T>` instead of `Form<T>` and a `CsrfToken`, so no POST can forget the check.

use axum::{
    extract::{FromRequest, FromRequestParts, Request},
    response::{IntoResponse, Response},
};
use axum_csrf::CsrfToken;
use axum_extra::extract::Form;
use serde::de::DeserializeOwned;

use super::csrf;

/// A form that carries the hidden `csrf_token` field.
pub trait CarriesCsrf {
    fn csrf_token(&self) -> &str;
}

impl CarriesCsrf for csrf::ButtonForm {
    fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
}

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
