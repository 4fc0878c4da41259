//! `reseau`: `cargo run --release` serves the site on the embedded SQLite default.

use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    web::cli::main().await
}
