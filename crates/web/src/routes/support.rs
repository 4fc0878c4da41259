//! Small helpers the route modules share.

pub(crate) use app::mail::{chapter_name, member_language, new_email};
