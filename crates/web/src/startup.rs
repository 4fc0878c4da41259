//! Assembly: connect, migrate, bind, then build the router and the worker around the bound
//! port. `run_until_stopped` serves (and runs the worker, if enabled) until told to stop.

use std::{sync::Arc, time::Duration};

use anyhow::Context;
use domain::Db;
use mailer::{
    Brand, Transport, Worker,
    transport::{FileTransport, SmtpPool},
};
use migration::{Migrator, MigratorTrait};
use rand::RngCore;
use secrecy::ExposeSecret;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::{
    config::{MetricsExposure, Settings, TransportKind},
    security::{csrf, form_guard::FormGuard, rate_limit::IpLimiter},
    state::AppState,
};

pub struct Application {
    listener: TcpListener,
    port: u16,
    /// The listener of `metrics.bind`, when set.
    metrics_listener: Option<TcpListener>,
    state: AppState,
    worker: Worker,
    /// The worker's webhook loop.
    hooks: app::webhooks::Deliverer,
    run_worker: bool,
}

/// How long requests in flight may take to finish once the process is told to stop.
const SHUTDOWN_DRAIN: Duration = Duration::from_secs(30);

/// Connects to the database and brings its schema up to date.
pub async fn connect_and_migrate(settings: &Settings) -> anyhow::Result<Db> {
    let db = Db::connect(
        settings.database_url.expose_secret(),
        settings.db_max_connections,
    )
    .await
    .context("opening the database (database_url)")?;
    migrate(&db).await.context("running migrations")?;
    db.refresh_statistics()
        .await
        .context("refreshing the database's statistics")?;
    Ok(db)
}

/// The key of the advisory lock that migrations hold; every instance uses the same one.
const MIGRATIONS_LOCK: i64 = 0x7265_7365_6175_006d;

#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error("taking the migrations lock: {0}")]
    Lock(#[source] sea_orm::sqlx::Error),
    #[error(transparent)]
    Migrate(#[from] sea_orm::DbErr),
}

/// Brings the schema up to date. On PostgreSQL, instances starting together would race to
/// create the same tables, so the run holds a session-level advisory lock on a connection of
/// its own: the others wait, then find nothing left to do. If the process dies, its session
/// ends and the lock goes with it. SQLite needs nothing: one machine, one file.
pub async fn migrate(db: &Db) -> Result<(), MigrateError> {
    use sea_orm::{DbBackend, sqlx};

    if db.backend() != DbBackend::Postgres {
        return Ok(Migrator::up(db.writer(), None).await?);
    }
    let pool = db.writer().get_postgres_connection_pool();
    let mut lock = pool.acquire().await.map_err(MigrateError::Lock)?;
    let free: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
        .bind(MIGRATIONS_LOCK)
        .fetch_one(&mut *lock)
        .await
        .map_err(MigrateError::Lock)?;
    if !free {
        tracing::info!("another instance is migrating the database: waiting for it");
        sqlx::query("SELECT pg_advisory_lock($1)")
            .bind(MIGRATIONS_LOCK)
            .execute(&mut *lock)
            .await
            .map_err(MigrateError::Lock)?;
    }
    let result = Migrator::up(db.writer(), None).await;
    let unlocked = sqlx::query("SELECT pg_advisory_unlock($1)")
        .bind(MIGRATIONS_LOCK)
        .execute(&mut *lock)
        .await;
    if let Err(e) = unlocked {
        // Closing the session releases the lock all the same.
        tracing::warn!(error = %e, "releasing the migrations lock; closing its connection");
        let _ = lock.close().await;
    }
    Ok(result?)
}

/// Who the mail says it is from, as the settings describe it.
pub fn brand(settings: &Settings) -> Brand {
    Brand {
        base_url: settings.base(),
        postal_address: settings.mail.postal_address.clone(),
        contact_email: settings.mail.contact_email.clone(),
        unsubscribe_mailto: Some(settings.mail.unsubscribe_mailto.clone())
            .filter(|m| !m.is_empty()),
    }
}

/// The use cases as the settings describe them, keyed by `secret` (the site's secret key);
/// `mail_waker` wakes this process's worker.
pub fn app(
    settings: &Settings,
    db: Db,
    secret: &str,
    mail_waker: Arc<tokio::sync::Notify>,
) -> anyhow::Result<app::App> {
    Ok(app::App::new(
        db,
        Arc::new(brand(settings)),
        app::Limits {
            mails_per_address_per_hour: settings.limits.mails_per_address_per_hour,
            lockout: domain::sign_in_guard::Lockout {
                max_failures: settings.admin.max_failures,
                lock_for: chrono::Duration::minutes(settings.admin.lock_minutes),
            },
            experts: settings.experts.contact_limits(),
        },
        domain::sign_in_guard::AddressKey::from_secret(secret.as_bytes())
            .context("deriving the sign-in failure key from secret_key")?,
        domain::sign_in_guard::AddressKey::for_ledger(secret.as_bytes())
            .context("deriving the consent ledger key from secret_key")?,
        seed_key(settings),
        mail_waker,
    )
    .with_contact_key(
        domain::sign_in_guard::AddressKey::for_contact(secret.as_bytes())
            .context("deriving the contact relay key from secret_key")?,
    ))
}

/// The key that seals TOTP seeds: from the configured `secret_key` only (a random per-process
/// key would make sealed seeds unreadable after a restart).
fn seed_key(settings: &Settings) -> domain::two_factor::SeedKey {
    let secret = settings.secret_key.expose_secret();
    if secret.is_empty() {
        tracing::warn!("secret_key is empty: TOTP seeds are stored in clear (development only)");
        domain::two_factor::SeedKey::none()
    } else {
        domain::two_factor::SeedKey::from_secret(secret.as_bytes())
    }
}

/// The scheduled jobs as the settings describe them.
pub fn jobs(settings: &Settings, app: app::App) -> crate::jobs::Jobs {
    crate::jobs::Jobs::new(
        app,
        settings.events.accommodations_retention_days,
        settings.newsletters.expansion_batch,
    )
}

/// The worker's webhook loop as the settings describe it; its deliveries are signed with the
/// secrets sealed by `secret_key`.
pub fn build_deliverer(settings: &Settings, db: Db) -> anyhow::Result<app::webhooks::Deliverer> {
    app::webhooks::Deliverer::new(
        db,
        Arc::new(seed_key(settings)),
        settings.webhook_settings(),
    )
    .context("building the webhook client")
}

/// The outbox worker as the settings describe it.
pub fn build_worker(settings: &Settings, db: Db) -> anyhow::Result<Worker> {
    let transport = match settings.mail.transport {
        TransportKind::File => Transport::File(FileTransport::new(
            settings.mail.file_dir.clone(),
            settings.base(),
        )),
        TransportKind::Smtp => Transport::Smtp(SmtpPool::new(
            settings.smtp_target()?,
            settings.mail.smtp_pool_size,
            Duration::from_secs(settings.mail.smtp_timeout_secs),
        )),
    };
    Ok(Worker::new(
        db,
        Arc::new(transport),
        settings.from_mailbox()?,
        brand(settings),
        settings.worker_settings(),
    ))
}

impl Application {
    pub async fn build(mut settings: Settings) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(settings.bind)
            .await
            .with_context(|| format!("binding {} (bind)", settings.bind))?;
        let port = listener
            .local_addr()
            .context("reading the bound address")?
            .port();
        // A base_url on port 0 means "wherever we bound": tests and benchmarks use it.
        if settings.base_url.port() == Some(0) {
            settings
                .base_url
                .set_port(Some(port))
                .map_err(|()| anyhow::anyhow!("base_url cannot take a port"))?;
        }
        let metrics_listener = match settings.metrics_exposure()? {
            MetricsExposure::OwnListener(addr) => Some(
                TcpListener::bind(addr)
                    .await
                    .with_context(|| format!("binding {addr} (metrics.bind)"))?,
            ),
            MetricsExposure::Off | MetricsExposure::WithToken => None,
        };
        let db = connect_and_migrate(&settings).await?;
        let worker = build_worker(&settings, db.clone())?;
        let hooks = build_deliverer(&settings, db.clone())?;

        let mut secret = settings.secret_key.expose_secret().to_owned();
        if secret.is_empty() {
            tracing::warn!(
                "secret_key is empty: using a random key for this process only (set it when several instances serve)"
            );
            let mut bytes = [0u8; 32];
            rand::rng().fill_bytes(&mut bytes);
            secret = hex::encode(bytes);
        }
        let brand = brand(&settings);
        let state = AppState::new(crate::state::Shared {
            db: db.clone(),
            csrf: csrf::config(
                &secret,
                settings.is_https(),
                settings.cookie_name(crate::config::CookieName::Csrf),
            ),
            guard: Arc::new(FormGuard::new(
                &secret,
                Duration::from_secs(settings.forms.min_fill_seconds),
                Duration::from_secs(settings.forms.max_age_hours * 3600),
            )),
            ip_limiter: Arc::new(IpLimiter::new(
                settings.limits.ip_burst,
                settings.limits.ip_per_minute,
                settings.behind_proxy,
            )),
            sign_in_limiter: Arc::new(IpLimiter::new(
                settings.admin.sign_in_burst,
                settings.admin.sign_in_per_minute,
                settings.behind_proxy,
            )),
            passwords: app::Passwords::new(
                settings.hash_params(),
                settings.admin.hashing_concurrency,
            )
            .context("setting up password hashing (admin.argon2_*)")?,
            app: app(&settings, db.clone(), &secret, worker.waker())?
                .with_hooks_waker(hooks.waker()),
            api_limiter: Arc::new(crate::api::KeyLimiter::new(
                settings.api.burst,
                settings.api.requests_per_minute,
            )),
            brand: Arc::new(brand),
            chapters: Arc::new(crate::cache::ChapterCache::new(Duration::from_secs(10))),
            upcoming: Arc::new(crate::cache::UpcomingCache::new(Duration::from_secs(2))),
            pages: Arc::new(crate::page_cache::PageCache::new(&db)),
            mail_waker: worker.waker(),
            metrics: Arc::new(crate::metrics::Metrics::new(&settings)),
            jobs_waker: Arc::new(tokio::sync::Notify::new()),
            settings: Arc::new(settings),
        });
        let run_worker = state.settings.worker.enabled;
        announce_setup_link(&state).await?;
        // Seeds stored in clear by an older version are sealed now, once a key is configured.
        let sealed =
            domain::two_factor::seal_clear_seeds(state.db.writer(), &state.app.seed_key).await?;
        if sealed > 0 {
            tracing::info!(sealed, "sealed TOTP seeds that were stored in clear");
        }
        // The member counts a bulk load (or a stopped worker) left unfolded: folded before the
        // first dashboard reads them; nothing to do otherwise.
        domain::stats::tallies::fold(state.db.writer()).await?;
        Ok(Self {
            listener,
            port,
            metrics_listener,
            state,
            worker,
            hooks,
            run_worker,
        })
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The port of the `metrics.bind` listener, when there is one.
    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics_listener
            .as_ref()
            .and_then(|l| l.local_addr().ok())
            .map(|a| a.port())
    }

    pub fn base_url(&self) -> String {
        self.state.settings.base()
    }

    /// The scheduled jobs (reminders, purges); tests drive them pass by pass.
    pub fn jobs(&self) -> crate::jobs::Jobs {
        jobs(&self.state.settings, self.state.app.clone())
    }

    /// The webhook loop this application would run; tests drive it pass by pass.
    pub fn webhooks(&self) -> app::webhooks::Deliverer {
        self.hooks.clone()
    }

    /// The worker this application would run; tests drive it pass by pass.
    pub fn worker(&self) -> Worker {
        self.worker.clone()
    }

    pub fn db(&self) -> Db {
        self.state.db.clone()
    }

    pub async fn run_until_stopped(self, stop: CancellationToken) -> anyhow::Result<()> {
        let Self {
            listener,
            metrics_listener,
            state,
            worker,
            hooks,
            run_worker,
            ..
        } = self;
        let jobs = jobs(&state.settings, state.app.clone()).sharing_waker(state.jobs_waker.clone());
        let worker_task = run_worker.then(|| {
            let stop = stop.clone();
            tokio::spawn(async move {
                tokio::join!(
                    worker.run(stop.clone()),
                    jobs.run(stop.clone()),
                    hooks.run(stop)
                );
            })
        });
        tokio::spawn(state.pages.clone().listen(state.db.clone(), stop.clone()));
        let limiter = state.ip_limiter.clone();
        let key_limiter = state.api_limiter.clone();
        let sweeper_stop = stop.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_secs(60));
            loop {
                tokio::select! {
                    _ = sweeper_stop.cancelled() => break,
                    _ = every.tick() => {
                        limiter.retain_recent();
                        key_limiter.retain_recent();
                    }
                }
            }
        });
        let metrics_task = metrics_listener.map(|listener| {
            let app = crate::metrics::own_router(state.clone());
            let stop = stop.clone();
            let limits = state.settings.serve_limits();
            tokio::spawn(crate::serve::serve(listener, app, limits, stop))
        });
        let limits = state.settings.serve_limits();
        let app = crate::router::router(state);
        // Not axum::serve: it sets no header read timeout and no body pace (issue 15).
        let server = crate::serve::serve(listener, app, limits, stop.clone());
        // On stop the listener closes and requests in flight finish; a client that keeps a
        // request open past the deadline (a slow body, on purpose or not) does not hold the
        // process up for ever.
        let deadline = async {
            stop.cancelled().await;
            tokio::time::sleep(SHUTDOWN_DRAIN).await;
        };
        tokio::select! {
            () = server => {}
            () = deadline => tracing::warn!(
                "requests still open {} s after the stop signal: closing them",
                SHUTDOWN_DRAIN.as_secs()
            ),
        }
        stop.cancel();
        if let Some(task) = worker_task {
            task.await.context("outbox worker")?;
        }
        if let Some(task) = metrics_task {
            task.await.context("metrics listener")?;
        }
        Ok(())
    }
}

/// On a first run (no organizer yet), prints a one-time link that creates the first admin.
async fn announce_setup_link(state: &AppState) -> anyhow::Result<()> {
    if domain::organizers::count(state.db.reader()).await? > 0 {
        return Ok(());
    }
    let secret = domain::organizers::issue_link(
        state.db.writer(),
        domain::organizers::LinkPurpose::Setup,
        None,
        chrono::Duration::hours(24),
        chrono::Utc::now(),
    )
    .await?;
    let link = format!("{}/admin/setup/{}", state.settings.base(), secret.as_str());
    tracing::warn!(
        "no organizer yet: create the first administrator with the one-time link printed below"
    );
    println!("First run: create the first administrator at {link}");
    Ok(())
}
