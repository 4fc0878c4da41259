use axum::http::StatusCode;
use domain::Language;
use mailer::{Brand, i18n::t};
use maud::{Markup, html};

use super::layout::{Shell, page as shell_page};

/// A localised error page: what happened, in plain words, and a way home.
pub fn page(brand: &Brand, lang: Language, status: StatusCode) -> Markup {
    let key = match status {
        StatusCode::BAD_REQUEST
        | StatusCode::UNPROCESSABLE_ENTITY
        | StatusCode::UNSUPPORTED_MEDIA_TYPE => "error-bad-request",
        StatusCode::FORBIDDEN => "error-forbidden",
        StatusCode::NOT_FOUND => "error-not-found",
        StatusCode::METHOD_NOT_ALLOWED => "error-method",
        StatusCode::PAYLOAD_TOO_LARGE => "error-too-large",
        StatusCode::TOO_MANY_REQUESTS => "error-too-many",
        StatusCode::SERVICE_UNAVAILABLE
        | StatusCode::GATEWAY_TIMEOUT
        | StatusCode::REQUEST_TIMEOUT => "error-unavailable",
        s if s.is_client_error() => "error-bad-request",
        _ => "error-internal",
    };
    let title = t(lang, "error-page-title");
    shell_page(
        &Shell {
            lang,
            title: &title,
            path: "/",
            brand,
        },
        html! {
            h1 { (title) }
            p class="lede" { (t(lang, key)) }
            p { a href={ "/" (lang.code()) "/" } { (t(lang, "error-home-link")) } }
        },
    )
}
