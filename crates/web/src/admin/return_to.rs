//! Where the back office returns after a detour (the language switch, a step up): a page of
//! ours, given in the `back` parameter, and never anywhere else.

use serde::Deserialize;

/// The `back` parameter: the page to return to.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReturnTo {
    pub back: String,
}

/// A back-office path of ours that can go in a `Location` header as it is: no scheme, no
/// host, no backslash, no dot segment that climbs out of `/admin` (`%2e` is a dot to a
/// browser), and no control character (a CR/LF would break the header).
pub fn is_own_page(back: &str) -> bool {
    let lower = back.to_ascii_lowercase();
    back.starts_with("/admin")
        && back.is_ascii()
        && !back.contains('\\')
        && !lower.contains("/.")
        && !lower.contains("/%2e")
        && !back.chars().any(char::is_control)
        && axum::http::HeaderValue::from_str(back).is_ok()
}

/// `back` if it is one of our pages, else the dashboard.
pub fn own_or_home(back: &str) -> String {
    if is_own_page(back) {
        back.to_owned()
    } else {
        "/admin".to_owned()
    }
}
