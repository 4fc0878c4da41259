//! The `reseau` command: `serve` (the default), `migrate`, `worker`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tokio_util::sync::CancellationToken;
use tracing_subscriber::EnvFilter;

use crate::{
    config::Settings,
    startup::{Application, build_worker, connect_and_migrate},
};

#[derive(Parser)]
#[command(
    name = "reseau",
    version,
    about = "Membership and event sign-up for the North American Network for Equity and Racial Justice"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site and run the outbox worker (the default).
    Serve,
    /// Bring the database schema up to date, then exit.
    Migrate,
    /// Run the outbox worker (mail and webhooks) and the scheduled jobs alone.
    Worker,
    /// Manage organizer accounts.
    Organizer {
        #[command(subcommand)]
        action: OrganizerCommand,
    },
    /// Work with members.
    Members {
        #[command(subcommand)]
        action: MembersCommand,
    },
}

#[derive(Subcommand)]
enum MembersCommand {
    /// Import members from a CSV file (columns: email, full_name, region, interests, language).
    /// New people get a confirmation email; nobody becomes a member without confirming.
    Import {
        /// The CSV file.
        file: std::path::PathBuf,
        /// The chapter (slug) they join.
        #[arg(long)]
        chapter: String,
        /// Where their consent comes from, recorded in the consent ledger.
        #[arg(long)]
        consent_source: String,
    },
}

#[derive(Subcommand)]
enum OrganizerCommand {
    /// Create an organizer. The password is read from RESEAU_ORGANIZER_PASSWORD or asked for,
    /// never taken as an argument (it would show in the process list and shell history).
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// `admin` or `organizer`.
        #[arg(long, default_value = "organizer")]
        role: String,
        /// A chapter slug the organizer runs; repeat for several.
        #[arg(long = "chapter")]
        chapters: Vec<String>,
    },
}

pub async fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing();
    let settings = match Settings::load() {
        Ok(settings) => settings,
        Err(e) => {
            eprintln!("reseau: {e}");
            return ExitCode::from(2);
        }
    };
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(settings).await,
        Command::Migrate => connect_and_migrate(&settings).await.map(|_| {
            tracing::info!("database is up to date");
        }),
        Command::Worker => work(settings).await,
        Command::Organizer {
            action:
                OrganizerCommand::Create {
                    email,
                    name,
                    role,
                    chapters,
                },
        } => create_organizer(settings, &email, &name, &role, &chapters).await,
        Command::Members {
            action:
                MembersCommand::Import {
                    file,
                    chapter,
                    consent_source,
                },
        } => import_members(settings, &file, &chapter, &consent_source).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("reseau: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let app = Application::build(settings).await?;
    let stop = CancellationToken::new();
    tokio::spawn(stop_on_signal(stop.clone()));
    tracing::info!(url = %app.base_url(), "Réseau is serving");
    println!("Réseau is serving on {}/", app.base_url());
    app.run_until_stopped(stop).await
}

async fn work(settings: Settings) -> anyhow::Result<()> {
    let db = connect_and_migrate(&settings).await?;
    let worker = build_worker(&settings, db.clone())?;
    let hooks = crate::startup::build_deliverer(&settings, db.clone())?;
    let secret = secrecy::ExposeSecret::expose_secret(&settings.secret_key).to_owned();
    let app = crate::startup::app(&settings, db, &secret, worker.waker())?
        .with_hooks_waker(hooks.waker());
    let jobs = crate::startup::jobs(&settings, app);
    let stop = CancellationToken::new();
    tokio::spawn(stop_on_signal(stop.clone()));
    tokio::join!(
        worker.run(stop.clone()),
        jobs.run(stop.clone()),
        hooks.run(stop)
    );
    Ok(())
}

async fn create_organizer(
    settings: Settings,
    email: &str,
    name: &str,
    role: &str,
    chapter_slugs: &[String],
) -> anyhow::Result<()> {
    use anyhow::{Context, anyhow, bail};
    use domain::{EmailAddress, organizers, password};

    let email = EmailAddress::parse(email).map_err(|e| anyhow!("--email: {e}"))?;
    let role =
        organizers::Role::parse(role).ok_or_else(|| anyhow!("--role: use admin or organizer"))?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        bail!("--name: give a name of 1 to 100 characters");
    }
    let secret = match std::env::var("RESEAU_ORGANIZER_PASSWORD") {
        Ok(value) => value,
        Err(_) => rpassword::prompt_password("Password for the new organizer: ")
            .context("reading the password")?,
    };
    password::check_strength(&secret).map_err(|weakness| anyhow!("password: {weakness}"))?;
    let db = connect_and_migrate(&settings).await?;
    let chapters = domain::chapter::all(db.reader()).await?;
    let mut chapter_ids = Vec::new();
    for slug in chapter_slugs {
        let chapter = chapters
            .iter()
            .find(|c| &c.slug == slug)
            .ok_or_else(|| anyhow!("--chapter: no chapter {slug:?}"))?;
        chapter_ids.push(chapter.id);
    }
    let params = settings.hash_params();
    let hash = tokio::task::spawn_blocking(move || password::hash(&secret, params)).await??;
    // No worker runs in this process, and this queues no mail.
    let secret_key = secrecy::ExposeSecret::expose_secret(&settings.secret_key).to_owned();
    let app = crate::startup::app(&settings, db, &secret_key, Default::default())?;
    let organizer = app::organizers::create_by_operator(
        &app,
        &email,
        name,
        role,
        &chapter_ids,
        hash,
        chrono::Utc::now(),
    )
    .await?
    .ok_or_else(|| anyhow!("--email: {email} already has an organizer account"))?;
    println!(
        "Created {} ({}) with id {}.",
        organizer.email,
        role.as_str(),
        organizer.id
    );
    Ok(())
}

async fn import_members(
    settings: Settings,
    file: &std::path::Path,
    chapter_slug: &str,
    source: &str,
) -> anyhow::Result<()> {
    use anyhow::{Context, anyhow, bail};

    let source = source.trim();
    if source.is_empty() || source.chars().count() > 100 {
        bail!("--consent-source: say where the consent comes from (1 to 100 characters)");
    }
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let rows = app::import::read(&bytes).map_err(|e| anyhow!("{}: {e}", file.display()))?;
    let db = connect_and_migrate(&settings).await?;
    let chapter = domain::chapter::by_slug(db.reader(), chapter_slug)
        .await?
        .ok_or_else(|| anyhow!("--chapter: no chapter {chapter_slug:?}"))?;
    // No worker runs in this process: a running `reseau serve` or `reseau worker` sends the
    // invitations.
    let secret = secrecy::ExposeSecret::expose_secret(&settings.secret_key).to_owned();
    let app = crate::startup::app(&settings, db, &secret, Default::default())?;
    let bar = indicatif::ProgressBar::new(rows.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} rows ({eta} left)")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let importer = app::import::Importer::operator();
    let report = app::import::run(&app, &rows, &chapter, source, &importer, |done| {
        bar.set_position(done as u64)
    })
    .await
    .map_err(|e| anyhow!("{e}"))?;
    bar.finish_and_clear();
    println!(
        "Invited to confirm: {}. Already members (kept as they are, empty details filled): {}. Members of another chapter (left as they are): {}. Not invited again yet: {}. Rows refused: {}.",
        report.invited,
        report.existing,
        report.other_chapter,
        report.throttled,
        report.rejected.len()
    );
    for (line, reasons) in &report.rejected {
        let reasons: Vec<&str> = reasons.iter().map(|r| r.as_str()).collect();
        eprintln!("line {line}: refused ({})", reasons.join(", "));
    }
    Ok(())
}

/// Cancels `stop` on Ctrl-C or SIGTERM. The handlers are installed when this is called, not
/// when the future is first polled: a SIGTERM that arrives just after the process says it
/// has started must stop it cleanly, not by the signal's default (fatal) action.
fn stop_on_signal(stop: CancellationToken) -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    let (mut term, mut interrupt) = {
        use tokio::signal::unix::{SignalKind, signal};
        (
            signal(SignalKind::terminate()).ok(),
            signal(SignalKind::interrupt()).ok(),
        )
    };
    async move {
        #[cfg(unix)]
        {
            async fn received(signal: &mut Option<tokio::signal::unix::Signal>) {
                match signal {
                    Some(signal) => {
                        signal.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            }
            tokio::select! {
                () = received(&mut term) => {}
                () = received(&mut interrupt) => {}
            }
        }
        #[cfg(not(unix))]
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
        tracing::info!("stopping");
        stop.cancel();
    }
}

fn init_tracing() {
    let filter = EnvFilter::try_from_env("RESEAU_LOG").unwrap_or_else(|_| {
        EnvFilter::new("info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn,tower_http=warn")
    });
    let json = std::env::var("RESEAU_LOG_FORMAT").is_ok_and(|v| v == "json");
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    // A second initialisation (tests start several apps) is harmless.
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
