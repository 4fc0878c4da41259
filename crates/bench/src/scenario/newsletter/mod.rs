//! `newsletter`: one newsletter to 100,000 members (2,000 in quick mode), through the real
//! path: the scheduled jobs expand the audience into the outbox, the outbox worker renders
//! each copy, records it as sent just before its final dot, and sends it over its SMTP pool
//! into the sink, which counts the copies per recipient.
//!
//! Members (active, with a granted newsletter consent; a fifth in `mexico`, the rest in
//! `canada`; en, fr and es in turn) and the newsletter row (status `sending`, audience fixed at
//! the highest member id, as `newsletters::start` leaves it) are written straight into the
//! database. A few worker settings are tried first on the `mexico` fifth, each on a freshly
//! started server; the best one then sends to everyone. Baseline, in the same run: a plain SMTP
//! client (`smtp_client`) sending as many ready-made copies (a real copy taken from the sink)
//! over as many connections as the server's pool, to the same sink.
//!
//! Checks (failing the run): each member got exactly one copy and nobody else got any; the
//! outbox holds exactly one `sent` row per member; the copy has its unsubscribe link; the
//! server's memory stays flat (resident memory at the end no more than 20 MiB above what it
//! was when a tenth had gone). Target (issue 7): at least 50 % of the plain client's rate.

use std::time::Instant;

use anyhow::Context;
use serde::Serialize;

mod send;

pub(crate) use send::{Send, Sent, baseline, send_and_check};

use super::{Ctx, Env};
use crate::{
    db,
    report::{Results, Row},
};

const TARGET_RATIO: f64 = 0.50;
/// Resident memory may grow this much from a tenth of the way to the end.
pub(crate) const FLAT_MIB: f64 = 20.0;
pub const PREFIX: &str = "reader-";

/// Worker settings to try: rows claimed at once, messages in flight, SMTP connections.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Settings {
    pub batch_size: u64,
    pub concurrency: usize,
    pub pool_size: usize,
}

impl Settings {
    pub const DEFAULT: Settings = Settings {
        batch_size: 64,
        concurrency: 4,
        pool_size: 4,
    };

    pub fn env(&self) -> Vec<(String, String)> {
        vec![
            (
                "RESEAU_WORKER__BATCH_SIZE".to_owned(),
                self.batch_size.to_string(),
            ),
            (
                "RESEAU_WORKER__CONCURRENCY".to_owned(),
                self.concurrency.to_string(),
            ),
            (
                "RESEAU_MAIL__SMTP_POOL_SIZE".to_owned(),
                self.pool_size.to_string(),
            ),
        ]
    }

    pub fn label(&self) -> String {
        format!(
            "batch {}, concurrency {}, pool {}",
            self.batch_size, self.concurrency, self.pool_size
        )
    }
}

const TRIALS: [Settings; 4] = [
    Settings::DEFAULT,
    Settings {
        batch_size: 256,
        concurrency: 16,
        pool_size: 16,
    },
    Settings {
        batch_size: 512,
        concurrency: 32,
        pool_size: 32,
    },
    Settings {
        batch_size: 256,
        concurrency: 16,
        pool_size: 4,
    },
];

const QUICK_TRIALS: [Settings; 2] = [
    Settings::DEFAULT,
    Settings {
        batch_size: 256,
        concurrency: 16,
        pool_size: 16,
    },
];

/// An SMTP relay given with `--smtp-relay`: plain SMTP (no TLS, no password) for the plain
/// client; Réseau gets the URL as its `mail.smtp_url`.
pub struct Relay {
    pub url: String,
    pub host: String,
    pub port: u16,
}

impl Relay {
    pub fn parse(raw: &str) -> anyhow::Result<Self> {
        let url = url::Url::parse(raw).with_context(|| format!("--smtp-relay {raw:?}"))?;
        anyhow::ensure!(
            url.scheme() == "smtp" && url.username().is_empty() && url.password().is_none(),
            "--smtp-relay takes smtp://HOST[:PORT] (no TLS, no password: the plain client speaks neither)"
        );
        let host = url
            .host_str()
            .context("--smtp-relay: no host")?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        Ok(Self {
            url: raw.to_owned(),
            port: url.port().unwrap_or(25),
            host,
        })
    }

    fn env(&self) -> (String, String) {
        ("RESEAU_MAIL__SMTP_URL".to_owned(), self.url.clone())
    }
}

pub fn email(index: u64) -> String {
    format!("{PREFIX}{index}@example.org")
}

pub async fn run(ctx: &Ctx, results: &mut Results) -> anyhow::Result<()> {
    let trials: &[Settings] = if ctx.quick { &QUICK_TRIALS } else { &TRIALS };
    let mut env = Env::start_with(ctx, &[]).await?;
    let outcome = measure(ctx, &mut env, trials, results).await;
    env.stop("newsletter", ctx.backend_name(), results).await;
    outcome
}

/// Member counts: everyone, and the `mexico` fifth the settings are tried on.
pub fn members(ctx: &Ctx) -> (u64, u64) {
    let all = ctx
        .members
        .unwrap_or(if ctx.quick { 2_000 } else { 100_000 });
    (all, all / 5)
}

#[derive(Serialize)]
struct Trial {
    settings: Settings,
    sent: Sent,
    baseline: f64,
}

async fn measure(
    ctx: &Ctx,
    env: &mut Env,
    trials: &[Settings],
    results: &mut Results,
) -> anyhow::Result<()> {
    let backend = ctx.backend_name();
    let (all, fifth) = members(ctx);
    let db = db::open(&env.db.url).await?;
    let canada = db::chapter_id(&db, "canada").await?;
    let mexico = db::chapter_id(&db, "mexico").await?;
    let seeding = Instant::now();
    db::seed_members(
        &db,
        PREFIX,
        0..all,
        |i| if i < fifth { mexico } else { canada },
        true,
    )
    .await?;
    db.close().await.ok();
    eprintln!(
        "bench: newsletter ({backend}): {all} members seeded in {:.1} s",
        seeding.elapsed().as_secs_f64()
    );

    let relay = ctx.smtp_relay.as_deref().map(Relay::parse).transpose()?;
    let relay = relay.as_ref();
    let mut message = None;
    let with_relay = |settings: &Settings| {
        let mut env = settings.env();
        env.extend(relay.map(Relay::env));
        env
    };
    if let Some(relay) = relay {
        // The plain client sends a real copy: take one from a first send into the sink,
        // checked as any other, before the relay's runs.
        eprintln!(
            "bench: newsletter ({backend}): a first send into the sink for a copy, then through {}",
            relay.url
        );
        let send = Send {
            label: "newsletter: a copy for the plain client, into the sink".to_owned(),
            backend,
            sink: &env.sink,
            db_url: &env.db.url,
            chapters: vec![mexico],
            audience: 0..fifth,
            senders: vec![&env.server],
            relay: None,
        };
        send_and_check(&send, results).await?;
        message = env.sink.samples().into_iter().next();
    }

    let mut done: Vec<Trial> = Vec::new();
    let mut baselines: Vec<(usize, f64)> = Vec::new();
    for settings in trials {
        env.restart(ctx, "newsletter", &with_relay(settings), results)
            .await?;
        let label = format!("newsletter: {}", settings.label());
        let send = Send {
            label: label.clone(),
            backend,
            sink: &env.sink,
            db_url: &env.db.url,
            chapters: vec![mexico],
            audience: 0..fifth,
            senders: vec![&env.server],
            relay,
        };
        let sent = send_and_check(&send, results).await?;
        if message.is_none() {
            message = env.sink.samples().into_iter().next();
        }
        let message = message.clone().context("no copy reached the sink")?;
        let base = match baselines.iter().find(|(p, _)| *p == settings.pool_size) {
            Some((_, rate)) => *rate,
            None => {
                let rate = baseline(
                    &format!(
                        "newsletter: plain SMTP client, {} connections",
                        settings.pool_size
                    ),
                    backend,
                    &env.sink,
                    relay,
                    0..fifth,
                    settings.pool_size,
                    &message,
                    results,
                )
                .await?;
                baselines.push((settings.pool_size, rate));
                rate
            }
        };
        eprintln!(
            "bench: {label} ({backend}): {:.0} copies/s (plain client {base:.0}/s, {:.0} %), {:.1} s from start to last",
            sent.rate,
            sent.rate / base.max(1e-9) * 100.0,
            sent.start_to_last_s
        );
        results.rows.push(row(
            &format!("newsletter, {fifth} members: {}", settings.label()),
            backend,
            &sent,
            base,
            settings.pool_size,
        ));
        done.push(Trial {
            settings: *settings,
            sent,
            baseline: base,
        });
    }

    // The best settings, on everyone.
    let best = done
        .iter()
        .max_by(|a, b| a.sent.rate.total_cmp(&b.sent.rate))
        .map(|t| t.settings)
        .unwrap_or(Settings::DEFAULT);
    eprintln!(
        "bench: newsletter ({backend}): best settings {}; now to all {all} members",
        best.label()
    );
    env.restart(ctx, "newsletter", &with_relay(&best), results)
        .await?;
    let send = Send {
        label: format!("newsletter: {all} members"),
        backend,
        sink: &env.sink,
        db_url: &env.db.url,
        chapters: vec![canada, mexico],
        audience: 0..all,
        senders: vec![&env.server],
        relay,
    };
    let sent = send_and_check(&send, results).await?;
    let message = message.context("no copy reached the sink")?;
    let base = baseline(
        &format!(
            "newsletter: plain SMTP client, {all} messages, {} connections",
            best.pool_size
        ),
        backend,
        &env.sink,
        relay,
        0..all,
        best.pool_size,
        &message,
        results,
    )
    .await?;
    let mut final_row = row(
        &format!("newsletter, {all} members: best ({})", best.label()),
        backend,
        &sent,
        base,
        best.pool_size,
    );
    let ratio = final_row.ratio.unwrap_or(0.0);
    results.target(
        &final_row,
        "at least 50 % of a plain SMTP client's rate over as many connections",
        format!(
            "{:.0} % ({:.0} copies/s against {base:.0}/s; {} members in {:.1} s from start to last copy; peak {:.1} MiB, final {:.1} MiB)",
            ratio * 100.0,
            sent.rate,
            all,
            sent.start_to_last_s,
            sent.peak_mib,
            sent.final_rss_mib
        ),
        ratio >= TARGET_RATIO,
    );
    final_row.detail = serde_json::to_value(&done).ok().map(|trials| {
        serde_json::json!({
            "best": best,
            "trials": trials,
            "final": sent,
        })
    });
    results.rows.push(final_row);
    Ok(())
}

pub(super) fn row(scenario: &str, backend: &str, sent: &Sent, base: f64, pool: usize) -> Row {
    Row {
        scenario: scenario.to_owned(),
        backend: backend.to_owned(),
        throughput: sent.rate,
        peak_server_mib: Some(sent.peak_mib),
        baseline: Some(base),
        ratio: (base > 0.0).then(|| sent.rate / base),
        ops: sent.copies,
        seconds: sent.start_to_last_s,
        connections: pool,
        cpu: Some(sent.cpu),
        note: Some(format!(
            "copies/s from the first copy to the last; {:.2} s from start to first copy, {:.1} s to the last ({:.0}/s overall); resident {:.1} MiB at a tenth, {:.1} MiB at the end; sender CPU {:.0} µs and {:.1} context switches per copy",
            sent.start_to_first_s,
            sent.start_to_last_s,
            sent.overall_rate,
            sent.rss_at_tenth_mib,
            sent.final_rss_mib,
            sent.server_us_per_copy,
            sent.switches_per_copy
        )),
        ..Row::default()
    }
}
