//! The audit row of something an organizer did in the back office.

use domain::audit;

/// An audit row naming the organizer `by` as the one who acted on `target_type` `target_id`.
pub(crate) fn action<'a>(
    by: i64,
    action: &'a str,
    target_type: &'a str,
    target_id: Option<i64>,
    details: serde_json::Value,
) -> audit::Action<'a> {
    audit::Action {
        organizer_id: Some(by),
        action,
        target_type,
        target_id,
        details,
    }
}
