//! What a member does for themself: sign in by emailed link, keep their preferences and
//! newsletter choice, change their address, unsubscribe in one click, take their data, leave.
//!
//! One file per concern: `sign_in`, `preferences` (newsletter, profile, unsubscribe), `address`
//! (changing it), `data` (the download) and `erasure`. Everything public is re-exported here.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::{DomainError, EmailAddress, entities::member};

mod address;
mod data;
mod erasure;
mod preferences;
mod sign_in;

pub use address::{EmailChanged, check_email_change, confirm_email_change, request_email_change};
pub use data::{ConsentEntry, EmailSent, MemberData, Profile, export};
pub use erasure::{erase, erased_address, erased_among, forget_unconfirmed};
pub use preferences::{
    ProfileUpdate, newsletter_subscribed, set_newsletter, unsubscribe, unsubscribe_link,
    update_profile,
};
pub use sign_in::{Link, check_sign_in, request_sign_in, sign_in};

pub const SIGN_IN_MAIL: &str = "sign-in";
pub const EMAIL_CHANGE_MAIL: &str = "email-change";
pub const EMAIL_CHANGED_NOTICE: &str = "email-changed";
pub const GOODBYE_MAIL: &str = "goodbye";
pub const UNSUBSCRIBED_MAIL: &str = "unsubscribed";

/// Sources recorded in the consent ledger for choices made here.
pub const SOURCE_ACCOUNT: &str = "account";
pub const SOURCE_UNSUBSCRIBE: &str = "unsubscribe-link";
pub const SOURCE_ONE_CLICK: &str = "one-click";
pub const SOURCE_ERASURE: &str = "erasure";

/// The member with this address, whatever their status.
pub async fn by_email(
    conn: &impl ConnectionTrait,
    email: &EmailAddress,
) -> Result<Option<member::Model>, DomainError> {
    Ok(member::Entity::find()
        .filter(member::Column::Email.eq(email.as_str()))
        .one(conn)
        .await?)
}

/// The member a token was issued to, if it still exists.
async fn member_of(
    conn: &impl ConnectionTrait,
    t: &crate::entities::token::Model,
) -> Result<Option<member::Model>, DomainError> {
    match t.member_id {
        Some(id) => Ok(member::Entity::find_by_id(id).one(conn).await?),
        None => Ok(None),
    }
}
