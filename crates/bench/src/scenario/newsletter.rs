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

use std::{
    ops::Range,
    sync::Arc,
    time::{Duration, Instant},
};

use anyhow::Context;
use serde::Serialize;

use super::{Ctx, Env};
use crate::{
    db,
    report::{Results, Row},
    server::Server,
    sink::Sink,
    smtp_client,
};

const TARGET_RATIO: f64 = 0.50;
/// Resident memory may grow this much from a tenth of the way to the end.
const FLAT_MIB: f64 = 20.0;
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

pub fn email(index: u64) -> String {
    format!("{PREFIX}{index}@example.org")
}

/// One send to check: who should get it, and the processes that send it.
pub(super) struct Send<'a> {
    pub label: String,
    pub backend: &'a str,
    pub sink: &'a Sink,
    pub db_url: &'a str,
    pub chapters: Vec<i64>,
    /// Members `reader-<i>` for i in this range are the audience.
    pub audience: Range<u64>,
    /// The processes whose memory is followed (those that send).
    pub senders: Vec<&'a Server>,
}

/// What a send measured.
#[derive(Clone, Debug, Serialize)]
pub struct Sent {
    pub copies: u64,
    /// From the newsletter row's start to the first and to the last copy into the sink.
    pub start_to_first_s: f64,
    pub start_to_last_s: f64,
    /// Copies a second from the first copy to the last.
    pub rate: f64,
    /// Copies a second from the start to the last copy.
    pub overall_rate: f64,
    pub peak_mib: f64,
    pub rss_at_tenth_mib: f64,
    pub final_rss_mib: f64,
    /// CPU of the first sender process, of the bench (client and sink) and of the machine,
    /// from the start to the last copy.
    pub cpu: crate::cpu::Usage,
    /// The first sender's CPU per copy, in µs, and its context switches per copy.
    pub server_us_per_copy: f64,
    pub switches_per_copy: f64,
    /// (seconds since the start, copies in the sink, resident MiB of the senders), each second.
    pub series: Vec<(f64, u64, f64)>,
    pub newsletter_id: i64,
}

/// Starts a newsletter to `send.chapters` and waits for its copies; checks exactly one copy
/// per member of the audience, the outbox rows, and flat memory.
pub(super) async fn send_and_check(send: &Send<'_>, results: &mut Results) -> anyhow::Result<Sent> {
    let (label, backend) = (send.label.as_str(), send.backend);
    let expected = send.audience.end - send.audience.start;
    send.sink.set_counting(true);
    send.sink.reset();
    let db = db::open(send.db_url).await?;
    let rss = || send.senders.iter().map(|s| s.rss_mib()).sum::<f64>();
    let tag = format!("{:08x}", rand::random::<u32>());
    let cpu_before = send
        .senders
        .first()
        .map(|s| crate::cpu::Snapshot::take(s.pid()));
    let started = Instant::now();
    let id = db::start_newsletter(&db, &send.chapters, &tag).await?;
    eprintln!("bench: {label} ({backend}): newsletter {id} started, {expected} copies to go");

    let limit = Duration::from_secs(600 + expected / 20);
    let mut series = Vec::new();
    let mut rss_at_tenth = None;
    let mut last = 0;
    let mut moved = Instant::now();
    let mut next_sample = Duration::ZERO;
    loop {
        let now = send.sink.messages();
        let at = started.elapsed();
        if at >= next_sample {
            series.push((at.as_secs_f64(), now, rss()));
            next_sample += Duration::from_secs(1);
        }
        if rss_at_tenth.is_none() && now >= expected / 10 && now > 0 {
            rss_at_tenth = Some(rss());
        }
        if now >= expected {
            break;
        }
        if now != last {
            last = now;
            moved = Instant::now();
        } else if moved.elapsed() > Duration::from_secs(60) {
            eprintln!("bench: {label}: nothing new for 60 s ({now} of {expected}); giving up");
            break;
        }
        if at > limit {
            eprintln!("bench: {label}: {now} of {expected} after {limit:?}; giving up");
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let final_rss = rss();
    let cpu_window = started.elapsed().as_secs_f64();
    let cpu = match (cpu_before, send.senders.first()) {
        (Some(before), Some(first)) => crate::cpu::Snapshot::take(first.pid()).since(&before),
        _ => crate::cpu::Usage::default(),
    };
    series.push((
        started.elapsed().as_secs_f64(),
        send.sink.messages(),
        final_rss,
    ));
    let first_at = send.sink.first_message_at().unwrap_or(started);
    let last_at = send.sink.last_message_at().unwrap_or(started);
    let peak = send
        .senders
        .iter()
        .map(|s| s.peak_mib())
        .fold(0.0, f64::max);
    // Time for a second copy to show itself.
    tokio::time::sleep(Duration::from_secs(1)).await;

    let counts = send.sink.counts();
    let mut missing = 0u64;
    let mut doubled = Vec::new();
    for i in send.audience.clone() {
        match counts.get(&email(i)).copied().unwrap_or(0) {
            0 => missing += 1,
            1 => {}
            n => doubled.push(format!("{} got {n}", email(i))),
        }
    }
    let strangers = counts.len() as u64 - (expected - missing);
    let copies: u64 = counts.values().map(|n| u64::from(*n)).sum();
    results.check(
        &format!("{label}: copies"),
        backend,
        "each member of the audience got exactly one copy, nobody else any",
        missing == 0 && doubled.is_empty() && strangers == 0,
        format!(
            "{copies} copies for {expected} members: {missing} missing, {} with more than one{}, {strangers} strangers",
            doubled.len(),
            doubled
                .first()
                .map(|d| format!(" (first: {d})"))
                .unwrap_or_default()
        ),
    );

    let sent_rows = db::count(
        &db,
        &format!("SELECT COUNT(*) FROM outbox WHERE newsletter_id = {id} AND status = 'sent'"),
    )
    .await?;
    let all_rows = db::count(
        &db,
        &format!("SELECT COUNT(*) FROM outbox WHERE newsletter_id = {id}"),
    )
    .await?;
    let want = i64::try_from(expected).unwrap_or(i64::MAX);
    results.check(
        &format!("{label}: outbox"),
        backend,
        "exactly one outbox row per member, all sent",
        sent_rows == want && all_rows == want,
        format!("{sent_rows} sent of {all_rows} rows, expected {expected}"),
    );
    db.close().await.ok();

    let sample = send.sink.samples().into_iter().next();
    let link = sample
        .as_ref()
        .and_then(super::join::text_of)
        .is_some_and(|text| text.contains("/unsubscribe/"));
    results.check(
        &format!("{label}: content"),
        backend,
        "a copy carries its own unsubscribe link",
        link,
        format!(
            "first copy: {} bytes, unsubscribe link {}",
            sample.as_ref().map_or(0, |s| s.len()),
            if link { "found" } else { "MISSING" }
        ),
    );

    let tenth = rss_at_tenth.unwrap_or(final_rss);
    results.check(
        &format!("{label}: memory"),
        backend,
        "memory flat: resident memory at the end within 20 MiB of a tenth of the way",
        final_rss - tenth <= FLAT_MIB,
        format!("{tenth:.1} MiB at a tenth, {final_rss:.1} MiB at the end, peak {peak:.1} MiB"),
    );

    let span = last_at.saturating_duration_since(first_at).as_secs_f64();
    let to_last = last_at.saturating_duration_since(started).as_secs_f64();
    let per_copy = |total: f64| {
        if copies > 0 {
            total / copies as f64
        } else {
            0.0
        }
    };
    let server_us_per_copy = per_copy(cpu.server_cores * cpu_window * 1e6);
    let switches_per_copy = per_copy(cpu.server_switches as f64);
    Ok(Sent {
        copies,
        start_to_first_s: first_at.saturating_duration_since(started).as_secs_f64(),
        start_to_last_s: to_last,
        rate: if span > 0.0 {
            copies as f64 / span
        } else {
            0.0
        },
        overall_rate: if to_last > 0.0 {
            copies as f64 / to_last
        } else {
            0.0
        },
        peak_mib: peak,
        cpu,
        server_us_per_copy,
        switches_per_copy,
        rss_at_tenth_mib: tenth,
        final_rss_mib: final_rss,
        series,
        newsletter_id: id,
    })
}

/// The plain SMTP client: one ready-made `message` to each member of `audience`, over
/// `connections` connections to the sink; checks one copy each. Copies a second.
pub(super) async fn baseline(
    label: &str,
    backend: &str,
    sink: &Sink,
    audience: Range<u64>,
    connections: usize,
    message: &bytes::Bytes,
    results: &mut Results,
) -> anyhow::Result<f64> {
    sink.set_counting(true);
    sink.reset();
    let recipients: Vec<String> = audience.clone().map(email).collect();
    let expected = recipients.len() as u64;
    eprintln!(
        "bench: {label} ({backend}): plain SMTP client, {expected} messages over {connections} connections"
    );
    let elapsed = smtp_client::send_all(
        sink.port,
        connections,
        Arc::new(recipients),
        smtp_client::wire_body(message),
    )
    .await?;
    let counts = sink.counts();
    let ones = audience
        .clone()
        .filter(|i| counts.get(&email(*i)) == Some(&1))
        .count() as u64;
    results.check(
        label,
        backend,
        "the plain client's messages arrived, one each",
        ones == expected && counts.len() as u64 == expected,
        format!("{ones} of {expected} members got exactly one"),
    );
    sink.reset();
    let secs = elapsed.as_secs_f64();
    Ok(if secs > 0.0 {
        expected as f64 / secs
    } else {
        0.0
    })
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

    let mut done: Vec<Trial> = Vec::new();
    let mut baselines: Vec<(usize, f64)> = Vec::new();
    let mut message = None;
    for settings in trials {
        env.restart(ctx, "newsletter", &settings.env(), results)
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
    env.restart(ctx, "newsletter", &best.env(), results).await?;
    let send = Send {
        label: format!("newsletter: {all} members"),
        backend,
        sink: &env.sink,
        db_url: &env.db.url,
        chapters: vec![canada, mexico],
        audience: 0..all,
        senders: vec![&env.server],
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
