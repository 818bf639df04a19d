//! The `schwarm` server binary: configuration -> logging -> database -> HTTP.

use std::process::ExitCode;

use schwarm_api::config::Config;
use schwarm_api::server;

/// mimalloc returns freed memory to the system: a burst of sign-ups (12 MiB of argon2 memory
/// each) leaves the server near its resting size instead of holding the burst's peak for good.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[actix_web::main]
async fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(err) => {
            log::error!("configuration error: {err}");
            return ExitCode::from(2);
        }
    };
    match server::run(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            log::error!("cannot start: {err}");
            ExitCode::FAILURE
        }
    }
}
