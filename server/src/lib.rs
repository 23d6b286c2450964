//! The Pentahelix API server: the JSON API under `/api/v1` that the widget and a city's other
//! systems use, and the host of the built widget.

pub mod access;
pub mod auth;
pub mod cli;
pub mod commands;
pub mod demo;
pub mod error;
pub mod features;
pub mod http;
mod ical;
pub mod mail;
pub mod notify;
mod pagination;
mod state;
pub mod store;

pub use http::router;

/// The OpenAPI document of the API, as served at `/api/openapi.json`.
pub fn openapi_document() -> utoipa::openapi::OpenApi {
    http::routes::openapi()
}
pub use error::Error;
pub use state::AppState;

use tokio::net::TcpListener;

/// Binds, prints the URL a person should open (the bound address, so `--listen 127.0.0.1:0`
/// reports the port it got), and serves until Ctrl-C or SIGTERM.
pub async fn serve(mut args: cli::ServeArgs) -> Result<(), Error> {
    let listener = TcpListener::bind(args.listen)
        .await
        .map_err(|source| Error::Bind {
            addr: args.listen,
            source,
        })?;
    let addr = listener.local_addr().map_err(|source| Error::Bind {
        addr: args.listen,
        source,
    })?;
    // Links in mails point at the port actually bound, unless the operator named the address
    // people use.
    args.public_url
        .get_or_insert_with(|| format!("http://{addr}"));
    let state = AppState::open(&args).await?;
    if args.demo {
        match demo::load(&state).await? {
            Some(loaded) => tracing::info!(?loaded, "demo data loaded"),
            None => tracing::info!(
                "demo data not loaded: the database already holds data, or another process \
                 loaded it"
            ),
        }
    }
    println!("Pentahelix is running at http://{addr}/");
    tracing::info!(%addr, static_dir = %args.static_dir.display(), "listening");
    if state.mailer().is_none() {
        tracing::warn!(
            "no --smtp-url: sign-in by email is unavailable and mails wait in the outbox"
        );
    }
    tokio::spawn(notify::delivery::run(state.clone()));
    spawn_purges(state.clone());
    spawn_digests(state.clone());
    spawn_limiter_housekeeping(state.clone());
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(Error::Serve)
}

/// Days a sent notification stays in the outbox (its recipient is personal data), for an
/// operator asking what was sent.
const OUTBOX_DAYS: i64 = 30;

/// Hourly: forgets idempotency keys older than their 24 hours, expired codes and sessions, and
/// notifications sent long ago.
fn spawn_purges(state: AppState) {
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            let now = chrono::Utc::now();
            let before =
                now - chrono::Duration::hours(http::middleware::idempotency::RETENTION_HOURS);
            if let Err(err) = state.store().purge_idempotency(before).await {
                tracing::warn!(%err, "purging idempotency keys failed");
            }
            if let Err(err) = state.store().purge_sign_ins(now).await {
                tracing::warn!(%err, "purging sign-in codes and sessions failed");
            }
            let before = now - chrono::Duration::days(OUTBOX_DAYS);
            if let Err(err) = state.store().purge_outbox(before).await {
                tracing::warn!(%err, "purging sent notifications failed");
            }
        }
    });
}

/// Hourly, from the start: queues this week's and today's digests. The outbox takes each digest
/// once, however many processes and hours ask, so the first look of a new week or day (UTC)
/// sends them.
fn spawn_digests(state: AppState) {
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            let now = chrono::Utc::now();
            let week = now.format("%G-W%V").to_string();
            let day = now.format("%Y-%m-%d").to_string();
            match state.store().enqueue_digests(&week, &day, now).await {
                Ok(0) => {}
                Ok(queued) => {
                    tracing::info!(queued, "digests queued");
                    state.outbox_written();
                }
                Err(err) => tracing::warn!(%err, "queueing the digests failed"),
            }
        }
    });
}

/// Forgets idle clients of the rate limiters every minute, off the request path.
fn spawn_limiter_housekeeping(state: AppState) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(http::middleware::rate_limit::FORGET_IDLE_EVERY);
        loop {
            every.tick().await;
            let limits = state.limits();
            limits.reads.forget_idle();
            limits.writes.forget_idle();
            limits.sign_in.forget_idle();
        }
    });
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}
