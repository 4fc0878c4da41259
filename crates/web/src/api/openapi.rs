//! The OpenAPI 3.1 document of `/api/v1` and `/api/osdi/v1`, generated from the handlers'
//! annotations and their types (utoipa), served at `/api/openapi.json`.

use axum::{
    Json,
    response::{IntoResponse, Response},
};
use utoipa::{
    Modify, OpenApi,
    openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme},
};

use super::{hal, osdi, problem, v1};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Réseau API",
        description = "The public events list (`/api/v1`) and OSDI 1.1 for partner systems (`/api/osdi/v1`, HAL+JSON, by organizer API key). Errors are `application/problem+json` (RFC 9457).",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later"),
    ),
    paths(
        v1::events,
        osdi::entry,
        osdi::people::list,
        osdi::people::one,
        osdi::helpers::signup,
        osdi::events::list,
        osdi::events::one,
        osdi::events::attendances,
        osdi::events::attendance,
        osdi::helpers::record_attendance,
    ),
    components(schemas(problem::ProblemDetails, hal::Link, hal::Curie, hal::PageInfo, hal::PageLinks)),
    modifiers(&KeySchemes),
    tags(
        (name = "events", description = "Public, no key"),
        (name = "osdi", description = "OSDI 1.1, by API key"),
    )
)]
pub struct ApiDoc;

/// The two ways to send a key.
struct KeySchemes;

impl Modify for KeySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "osdi_token",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "OSDI-API-Token",
                "An organizer API key (rsk_…)",
            ))),
        );
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("The same key as `Authorization: Bearer rsk_…`"))
                    .build(),
            ),
        );
    }
}

/// The document as JSON.
pub fn document() -> String {
    ApiDoc::openapi()
        .to_json()
        .unwrap_or_else(|_| "{}".to_owned())
}

pub async fn serve() -> Response {
    match serde_json::from_str::<serde_json::Value>(&document()) {
        Ok(value) => Json(value).into_response(),
        Err(e) => {
            problem::Problem::from(crate::error::AppError::Internal(e.to_string())).into_response()
        }
    }
}
