//! The site's static files, compiled in: the stylesheet and the icon (as SVG, declared by every
//! page, and as `/favicon.ico` for the clients that ask for it anyway).

use axum::{http::header, response::IntoResponse};

const STYLESHEET: &str = include_str!("../../static/site.css");
const ICON_SVG: &str = include_str!("../../static/icon.svg");
const FAVICON: &[u8] = include_bytes!("../../static/favicon.ico");

pub async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLESHEET,
    )
}

pub async fn icon() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        ICON_SVG,
    )
}

pub async fn favicon() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "image/x-icon"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        FAVICON,
    )
}
