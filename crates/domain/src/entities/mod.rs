//! sea-orm entities, one module per table. Rows are read and written through these; the rules
//! that change them live in the service modules beside this one.

pub mod chapter;
pub mod consent;
pub mod member;
pub mod outbox;
pub mod session;
pub mod token;
