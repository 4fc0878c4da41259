//! `reseau`: `cargo run --release` serves the site on the embedded SQLite default.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    web::cli::main().await
}
