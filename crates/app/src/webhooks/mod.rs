//! Webhooks: the endpoints an admin registers (`endpoints`), the events the use cases emit
//! in their own transactions (the helpers here build their thin bodies: identifiers and links
//! to the OSDI resources), and the worker's loop that posts them (`deliver`).

mod deliver;
mod endpoints;
mod resolver;

pub use deliver::{Deliverer, DelivererSettings, HooksPass};
pub use endpoints::{create, set_active};

use chrono::{DateTime, Utc};
use domain::{
    DomainError,
    entities::{member, registration},
    webhooks::{self, Topic},
};
use mailer::Brand;
use sea_orm::ConnectionTrait;

/// Where the OSDI API lives, for the links in event bodies.
pub const OSDI_ROOT: &str = "/api/osdi/v1";

/// A person as an event names them: the OSDI identifier and the resource's address.
pub fn person_ref(brand: &Brand, member_id: i64) -> serde_json::Value {
    serde_json::json!({
        "identifiers": [format!("reseau:{member_id}")],
        "href": brand.link(&format!("{OSDI_ROOT}/people/{member_id}")),
    })
}

/// The body of a member event.
pub fn member_data(brand: &Brand, member: &member::Model) -> serde_json::Value {
    serde_json::json!({ "person": person_ref(brand, member.id) })
}

/// The body of a registration event: the attendance, its event, and its person when the
/// registration is a member's.
pub fn registration_data(brand: &Brand, r: &registration::Model) -> serde_json::Value {
    let event = brand.link(&format!("{OSDI_ROOT}/events/{}", r.event_id));
    let mut data = serde_json::json!({
        "attendance": {
            "identifiers": [format!("reseau:{}", r.id)],
            "href": format!("{event}/attendances/{}", r.id),
            "status": crate::webhooks::attendance_status(r),
        },
        "event": {
            "identifiers": [format!("reseau:{}", r.event_id)],
            "href": event,
        },
    });
    if let (Some(member_id), Some(map)) = (r.member_id, data.as_object_mut()) {
        map.insert("person".into(), person_ref(brand, member_id));
    }
    data
}

/// The OSDI status of a registration: `accepted` (a seat), `waitlisted`, `cancelled`, or
/// `needs action` (asked, address not yet confirmed).
pub fn attendance_status(r: &registration::Model) -> &'static str {
    use domain::events::RegistrationStatus as S;
    match r.status {
        S::Confirmed => "accepted",
        S::Waitlisted => "waitlisted",
        S::Cancelled => "cancelled",
        S::Pending => "needs action",
    }
}

/// Emits an event from inside a domain-level step that has only the connection (a
/// promotion, a cancellation); the webhook loop finds it on its next look.
pub(crate) async fn emit_in(
    conn: &impl ConnectionTrait,
    topic: Topic,
    data: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    webhooks::emit(conn, topic, data, now).await.map(|_| ())
}
