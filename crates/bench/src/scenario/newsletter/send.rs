//! One send through Réseau's whole path, checked copy by copy, and the plain SMTP client that
//! sends as many ready-made copies as the baseline.

use std::{
    ops::Range,
    sync::Arc,
    time::{Duration, Instant},
};

use serde::Serialize;

use super::{FLAT_MIB, Relay, email};
use crate::{db, report::Results, server::Server, sink::Sink, smtp_client};

/// One send to check: who should get it, and the processes that send it.
pub(crate) struct Send<'a> {
    pub label: String,
    pub backend: &'a str,
    pub sink: &'a Sink,
    pub db_url: &'a str,
    pub chapters: Vec<i64>,
    /// Members `reader-<i>` for i in this range are the audience.
    pub audience: Range<u64>,
    /// The processes whose memory is followed (those that send).
    pub senders: Vec<&'a Server>,
    /// The copies go to this relay (`--smtp-relay`), not to the sink: progress and checks
    /// then read the outbox, since nobody can count what the relay delivered per recipient.
    pub relay: Option<&'a Relay>,
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
pub(crate) async fn send_and_check(send: &Send<'_>, results: &mut Results) -> anyhow::Result<Sent> {
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
    let sent_sql =
        format!("SELECT COUNT(*) FROM outbox WHERE newsletter_id = {id} AND status = 'sent'");
    // Through a relay, the first and the last copy are seen in the outbox, polled.
    let (mut relay_first, mut relay_last) = (None, None);

    let limit = Duration::from_secs(600 + expected / 20);
    let mut series = Vec::new();
    let mut rss_at_tenth = None;
    let mut last = 0;
    let mut moved = Instant::now();
    let mut next_sample = Duration::ZERO;
    loop {
        let now = match send.relay {
            None => send.sink.messages(),
            Some(_) => {
                let sent = u64::try_from(db::count(&db, &sent_sql).await?).unwrap_or(0);
                if sent > 0 {
                    relay_first.get_or_insert_with(Instant::now);
                }
                if sent > last {
                    relay_last = Some(Instant::now());
                }
                sent
            }
        };
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
        let pause = if send.relay.is_some() { 100 } else { 50 };
        tokio::time::sleep(Duration::from_millis(pause)).await;
    }
    let final_rss = rss();
    let cpu_window = started.elapsed().as_secs_f64();
    let cpu = match (cpu_before, send.senders.first()) {
        (Some(before), Some(first)) => crate::cpu::Snapshot::take(first.pid()).since(&before),
        _ => crate::cpu::Usage::default(),
    };
    series.push((started.elapsed().as_secs_f64(), last, final_rss));
    let (first_at, last_at) = match send.relay {
        None => (send.sink.first_message_at(), send.sink.last_message_at()),
        Some(_) => (relay_first, relay_last),
    };
    let (first_at, last_at) = (first_at.unwrap_or(started), last_at.unwrap_or(started));
    let peak = send
        .senders
        .iter()
        .map(|s| s.peak_mib())
        .fold(0.0, f64::max);
    // Time for a second copy to show itself.
    tokio::time::sleep(Duration::from_secs(1)).await;

    let copies = match send.relay {
        None => check_copies(send, expected, results),
        Some(relay) => {
            let distinct = db::count(
                &db,
                &format!(
                    "SELECT COUNT(DISTINCT recipient) FROM outbox WHERE newsletter_id = {id} AND status = 'sent'"
                ),
            )
            .await?;
            let want = i64::try_from(expected).unwrap_or(i64::MAX);
            results.check(
                &format!("{label}: copies (relay)"),
                backend,
                "through a relay the copies cannot be counted per recipient: the outbox's sent rows go to as many distinct addresses as the audience has members",
                distinct == want,
                format!(
                    "{distinct} distinct recipients sent to {}, expected {expected}",
                    relay.url
                ),
            );
            u64::try_from(distinct).unwrap_or(0)
        }
    };

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

    if send.relay.is_none() {
        check_content(send, results);
    }

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

/// Each member of the audience got exactly one copy in the sink, nobody else any; returns the
/// copies counted.
fn check_copies(send: &Send<'_>, expected: u64, results: &mut Results) -> u64 {
    let (label, backend) = (send.label.as_str(), send.backend);
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

    copies
}

/// A copy in the sink carries its unsubscribe link.
fn check_content(send: &Send<'_>, results: &mut Results) {
    let (label, backend) = (send.label.as_str(), send.backend);
    let sample = send.sink.samples().into_iter().next();
    let link = sample
        .as_ref()
        .and_then(crate::scenario::join::text_of)
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
}

/// The plain SMTP client: one ready-made `message` to each member of `audience`, over
/// `connections` connections to the sink (checking one copy each), or to `relay` (checking
/// that it accepted each). Copies a second.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn baseline(
    label: &str,
    backend: &str,
    sink: &Sink,
    relay: Option<&Relay>,
    audience: Range<u64>,
    connections: usize,
    message: &bytes::Bytes,
    results: &mut Results,
) -> anyhow::Result<f64> {
    sink.set_counting(true);
    sink.reset();
    let recipients: Vec<String> = audience.clone().map(email).collect();
    let expected = recipients.len() as u64;
    let (host, port) = match relay {
        Some(relay) => (relay.host.as_str(), relay.port),
        None => ("127.0.0.1", sink.port),
    };
    eprintln!(
        "bench: {label} ({backend}): plain SMTP client, {expected} messages over {connections} connections to {host}:{port}"
    );
    let elapsed = smtp_client::send_all(
        host,
        port,
        connections,
        Arc::new(recipients),
        smtp_client::wire_body(message),
    )
    .await;
    match relay {
        None => {
            let elapsed = elapsed?;
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
            Ok(per_second(expected, elapsed))
        }
        Some(relay) => {
            results.check(
                label,
                backend,
                "the relay accepted each of the plain client's messages (what it delivered cannot be counted here)",
                elapsed.is_ok(),
                match &elapsed {
                    Ok(_) => format!("{expected} messages accepted by {}", relay.url),
                    Err(e) => format!("{e:#}"),
                },
            );
            Ok(elapsed.map_or(0.0, |elapsed| per_second(expected, elapsed)))
        }
    }
}

fn per_second(count: u64, elapsed: Duration) -> f64 {
    let secs = elapsed.as_secs_f64();
    if secs > 0.0 { count as f64 / secs } else { 0.0 }
}
