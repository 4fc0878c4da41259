//! maud views. Every string comes from the locale files through `t`.

pub mod accessibility;
pub mod account;
pub mod admin;
pub mod confirmation;
pub mod error;
pub mod events;
pub mod experts;
pub mod form;
pub mod home;
pub mod join;
pub mod layout;
pub mod message;
pub mod newsletters;
pub mod profile;
pub mod shown;
pub mod summit;
