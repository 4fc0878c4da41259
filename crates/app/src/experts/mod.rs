//! The Trilateral Expert Network's use cases: a member listing themself (`listing`), the
//! contact relay (`contact`), and the organizers' review and abuse follow-up (`review`).

pub mod contact;
pub mod listing;
pub mod review;
