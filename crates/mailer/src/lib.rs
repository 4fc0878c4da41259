//! Réseau's email: composition per language, the outbox worker, and the transports.

pub mod calendar;
pub mod compose;
pub mod dates;
pub mod figures;
pub mod i18n;
pub mod markdown;
mod marks;
pub mod message;
mod pace;
pub mod transport;
pub mod worker;

pub use compose::{Brand, Composed, SenderGap};
pub use transport::{SendError, Transport};
pub use worker::{Pass, Worker, WorkerSettings};
