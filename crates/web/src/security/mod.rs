//! Defences every public form shares: CSRF tokens, bot traps, per-IP limits, cross-site POST
//! refusal and the security headers.

pub mod checked_form;
pub mod csrf;
pub mod form_guard;
pub mod headers;
pub mod origin;
pub mod rate_limit;
pub mod text;
pub mod timing;
