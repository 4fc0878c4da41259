//! sea-orm entities, one module per table. Rows are read and written through these; the rules
//! that change them live in the service modules beside this one.

pub mod api_key;
pub mod api_key_chapter;
pub mod api_key_read;
pub mod app_setting;
pub mod audit;
pub mod chapter;
pub mod consent;
pub mod event;
pub mod event_session;
pub mod expert_message;
pub mod expert_profile;
pub mod expert_sender;
pub mod member;
pub mod newsletter;
pub mod organizer;
pub mod organizer_chapter;
pub mod organizer_session;
pub mod organizer_token;
pub mod outbox;
pub mod recovery_code;
pub mod registration;
pub mod registration_link;
pub mod session;
pub mod session_choice;
pub mod sign_in_failure;
pub mod token;
pub mod webhook_delivery;
pub mod webhook_endpoint;
