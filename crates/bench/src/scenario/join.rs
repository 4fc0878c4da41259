//! `join`: complete sign-ups (the form's GET and its POST, distinct addresses), then the
//! confirmation emails into the sink, then the confirmations (the link's GET and the button's
//! POST). Baseline: a bare axum handler inserting one row in one transaction into the same kind
//! of database.

use std::{
    collections::HashMap,
    sync::Arc,
    time::{Duration, Instant},
};

use anyhow::{Context, bail};
use bytes::Bytes;
use hyper::StatusCode;
use mail_parser::MessageParser;

use super::{CSRF_COOKIE, Ctx, Env, insert_baseline, person_name, wait_for};
use crate::{
    db,
    load::{Amount, BoxFuture, Conn, Op, hidden_input},
    report::{Results, Row},
};

const TARGET_RATIO: f64 = 0.50;
const TARGET_P99_MS: f64 = 50.0;

fn email(index: u64) -> String {
    format!("bench-{index}@example.org")
}

struct SignUp {
    origin: String,
}

impl SignUp {
    async fn once(&self, conn: &mut Conn, index: u64) -> anyhow::Result<()> {
        let form = conn.get("/en/join", None).await?;
        form.expect("GET /en/join", StatusCode::OK)?;
        let cookie = form
            .cookie(CSRF_COOKIE)
            .context("GET /en/join set no reseau_csrf cookie")?;
        let page = form.text();
        let csrf = hidden_input(page, "csrf_token").context("no csrf_token in the form")?;
        let stamp = hidden_input(page, "form_ts").context("no form_ts in the form")?;
        let email = email(index);
        let name = person_name(index);
        let fields = [
            ("csrf_token", csrf.as_str()),
            ("form_ts", stamp.as_str()),
            ("website", ""),
            ("full_name", name.as_str()),
            ("email", email.as_str()),
            ("chapter", "canada"),
            ("region", ""),
            ("language", "en"),
        ];
        let sent = conn
            .post_form("/en/join", &cookie, &self.origin, &fields)
            .await?;
        sent.expect("POST /en/join", StatusCode::SEE_OTHER)?;
        if sent.location() != "/en/join/check-email" {
            bail!(
                "POST /en/join redirected to {:?}, not /en/join/check-email",
                sent.location()
            );
        }
        Ok(())
    }
}

impl Op for SignUp {
    fn call<'a>(&'a self, conn: &'a mut Conn, index: u64) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(self.once(conn, index))
    }
}

struct Confirm {
    origin: String,
    /// Paths of the confirmation links, one per operation.
    links: Vec<String>,
}

impl Confirm {
    async fn once(&self, conn: &mut Conn, index: u64) -> anyhow::Result<()> {
        let path = usize::try_from(index)
            .ok()
            .and_then(|i| self.links.get(i))
            .context("no link for this operation")?;
        let page = conn.get(path, None).await?;
        page.expect("GET the confirmation link", StatusCode::OK)?;
        let cookie = page
            .cookie(CSRF_COOKIE)
            .context("the confirmation page set no reseau_csrf cookie")?;
        let csrf = hidden_input(page.text(), "csrf_token")
            .context("no csrf_token on the confirmation page")?;
        let sent = conn
            .post_form(
                path,
                &cookie,
                &self.origin,
                &[("csrf_token", csrf.as_str())],
            )
            .await?;
        sent.expect("POST the confirmation", StatusCode::SEE_OTHER)?;
        if sent.location() != "/en/join/confirmed" {
            bail!(
                "the confirmation redirected to {:?}, not /en/join/confirmed",
                sent.location()
            );
        }
        Ok(())
    }
}

impl Op for Confirm {
    fn call<'a>(&'a self, conn: &'a mut Conn, index: u64) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(self.once(conn, index))
    }
}

pub async fn run(ctx: &Ctx, results: &mut Results) -> anyhow::Result<()> {
    let env = Env::start(ctx).await?;
    let outcome = measure(ctx, &env, results).await;
    env.stop("join", ctx.backend_name(), results).await;
    outcome
}

async fn measure(ctx: &Ctx, env: &Env, results: &mut Results) -> anyhow::Result<()> {
    let backend = ctx.backend_name();
    let count: u64 = if ctx.quick { 200 } else { 5_000 };
    let conns = ctx.connections;

    eprintln!("bench: join ({backend}): baseline, {count} bare inserts over {conns} connections");
    let (base, base_cpu) = insert_baseline(ctx, env, count, conns).await?;
    results.check(
        "join: baseline insert",
        backend,
        "every insert answered 204",
        base.errors == 0 && base.ops == count,
        format!(
            "{} of {count}; {}",
            base.ops,
            base.first_errors.first().map_or("", String::as_str)
        ),
    );

    let target = Target {
        label: "join",
        backend,
        addrs: vec![env.server.addr],
        origin: env.server.base.clone(),
        pid: env.server.pid(),
        sink: &env.sink,
        db_url: &env.db.url,
    };
    let done = flow(&target, count, conns, results).await?;
    let row = Row::measured(
        "join: sign-up (GET+POST)",
        backend,
        conns,
        &done.signups,
        Some(&base),
        env.server.peak_mib(),
    )
    .with_cpu(done.signups_cpu, Some(base_cpu));
    let ratio = row.ratio.unwrap_or(0.0);
    let p99 = row.p99_ms.unwrap_or(f64::INFINITY);
    results.target(
        &row,
        "at least 50 % of the bare insert's rate, p99 under 50 ms at 64 connections",
        format!(
            "{:.0} % ({:.0} sign-ups/s against {:.0} inserts/s), p99 {p99:.1} ms",
            ratio * 100.0,
            row.throughput,
            row.baseline.unwrap_or(0.0)
        ),
        ratio >= TARGET_RATIO && p99 < TARGET_P99_MS,
    );
    results.rows.push(row);
    results.rows.push(Row {
        scenario: "join: confirmation emails delivered".to_owned(),
        backend: backend.to_owned(),
        peak_server_mib: Some(env.server.peak_mib()),
        ..done.emails.clone()
    });
    let mut row = Row::measured(
        "join: confirmation (GET+POST)",
        backend,
        conns,
        &done.confirms,
        Some(&base),
        env.server.peak_mib(),
    )
    .with_cpu(done.confirms_cpu, Some(base_cpu));
    row.note = Some("baseline: the same bare insert".to_owned());
    results.rows.push(row);
    Ok(())
}

/// Where the sign-ups go: one server, or several sharing a database and a sink.
pub(super) struct Target<'a> {
    /// Names the checks ("join", "scale: join, 2 + 2").
    pub label: &'a str,
    pub backend: &'a str,
    /// The servers, in turn (connection k to server k mod n, its GET and POST both there).
    pub addrs: Vec<std::net::SocketAddr>,
    /// The public origin all of them answer for (`base_url`).
    pub origin: String,
    /// The process whose CPU is measured (the first server).
    pub pid: u32,
    pub sink: &'a crate::sink::Sink,
    pub db_url: &'a str,
}

/// What the flow measured.
pub(super) struct Done {
    pub signups: crate::load::Outcome,
    pub signups_cpu: crate::cpu::Usage,
    /// The confirmation emails: from the first sign-up to the last email into the sink.
    pub emails: Row,
    pub confirms: crate::load::Outcome,
    pub confirms_cpu: crate::cpu::Usage,
}

/// `count` sign-ups over `conns` connections, the confirmation emails, the confirmations, and
/// the checks: every answer as expected, exactly `count` active members, and exactly one
/// confirmation and one welcome email per address, nothing else.
pub(super) async fn flow(
    target: &Target<'_>,
    count: u64,
    conns: usize,
    results: &mut Results,
) -> anyhow::Result<Done> {
    let (label, backend, origin) = (target.label, target.backend, target.origin.clone());
    eprintln!(
        "bench: {label} ({backend}): {count} sign-ups over {conns} connections to {} server(s)",
        target.addrs.len()
    );
    let started = Instant::now();
    let (signups, signups_cpu) = super::measured_spread(
        target.pid,
        &target.addrs,
        conns,
        Amount::Count(count),
        Arc::new(SignUp {
            origin: origin.clone(),
        }),
    )
    .await?;
    let signups_done = started.elapsed();
    results.check(
        &format!("{label}: sign-up"),
        backend,
        "every sign-up answered 303 to /en/join/check-email",
        signups.errors == 0 && signups.ops == count,
        format!(
            "{} of {count}{}",
            signups.ops,
            signups
                .first_errors
                .first()
                .map(|e| format!("; first error: {e}"))
                .unwrap_or_default()
        ),
    );

    // Every confirmation email, into the sink.
    let wait = Duration::from_secs(60 + count / 20);
    eprintln!("bench: {label} ({backend}): waiting up to {wait:?} for {count} confirmation emails");
    wait_for(|| target.sink.recipients(), signups.ops, wait).await;
    let last_mail = target.sink.last_message_at().unwrap_or_else(Instant::now);
    let pipeline = last_mail.saturating_duration_since(started);
    let mail = target.sink.snapshot();
    let (links, confirmations_ok, detail) = confirmation_links(&mail, count, &origin);
    results.check(
        &format!("{label}: confirmation emails"),
        backend,
        "exactly one confirmation email per address, with its link",
        confirmations_ok,
        detail,
    );
    let emails = Row {
        scenario: format!("{label}: confirmation emails delivered"),
        backend: backend.to_owned(),
        throughput: if pipeline.as_secs_f64() > 0.0 {
            links.len() as f64 / pipeline.as_secs_f64()
        } else {
            0.0
        },
        ops: links.len() as u64,
        seconds: pipeline.as_secs_f64(),
        connections: conns,
        note: Some(format!(
            "from the first sign-up to the last email into the sink; the last came {:.2} s after the last sign-up",
            pipeline.saturating_sub(signups_done).as_secs_f64()
        )),
        ..Row::default()
    };

    // The confirmations.
    let confirming = links.len() as u64;
    eprintln!("bench: {label} ({backend}): {confirming} confirmations over {conns} connections");
    let (confirms, confirms_cpu) = super::measured_spread(
        target.pid,
        &target.addrs,
        conns,
        Amount::Count(confirming),
        Arc::new(Confirm {
            origin: origin.clone(),
            links,
        }),
    )
    .await?;
    results.check(
        &format!("{label}: confirmation"),
        backend,
        "every confirmation answered 303 to /en/join/confirmed",
        confirms.errors == 0 && confirms.ops == count,
        format!(
            "{} of {count}{}",
            confirms.ops,
            confirms
                .first_errors
                .first()
                .map(|e| format!("; first error: {e}"))
                .unwrap_or_default()
        ),
    );

    // The database, read directly.
    let db = db::open(target.db_url).await?;
    let active = db::count(&db, "SELECT COUNT(*) FROM members WHERE status = 'active'").await?;
    let members = db::count(&db, "SELECT COUNT(*) FROM members").await?;
    db.close().await.ok();
    results.check(
        &format!("{label}: database"),
        backend,
        "exactly N active members",
        active == i64::try_from(count).unwrap_or(i64::MAX) && members == active,
        format!("{active} active of {members} members, expected {count}"),
    );

    // The welcome emails: one each, no more.
    wait_for(
        || target.sink.messages(),
        2 * confirms.ops,
        Duration::from_secs(60 + count / 20),
    )
    .await;
    // Time for a duplicate to show itself.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mail = target.sink.snapshot();
    let (ok, detail) = one_welcome_each(&mail, count, &origin);
    results.check(
        &format!("{label}: welcome emails"),
        backend,
        "exactly one confirmation and one welcome email per address, nothing else",
        ok,
        detail,
    );
    Ok(Done {
        signups,
        signups_cpu,
        emails,
        confirms,
        confirms_cpu,
    })
}

/// The text part of a message.
pub(super) fn text_of(raw: &Bytes) -> Option<String> {
    let message = MessageParser::default().parse(&raw[..])?;
    message.body_text(0).map(|t| t.into_owned())
}

/// The confirmation link's path in a text part, if it has one on our server.
fn confirm_path(text: &str, origin: &str) -> Option<String> {
    let prefix = format!("{origin}/en/confirm/");
    text.split_whitespace()
        .find(|w| w.starts_with(&prefix))
        .map(|link| link.trim_end_matches(['.', ',', ')', '>']))
        .filter(|link| {
            let token = &link[prefix.len()..];
            token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
        })
        .map(|link| link[origin.len()..].to_owned())
}

/// One confirmation link per address, in address order; whether each address got exactly one
/// confirmation email, and what was wrong.
fn confirmation_links(
    mail: &HashMap<String, Vec<Bytes>>,
    count: u64,
    origin: &str,
) -> (Vec<String>, bool, String) {
    let mut links = Vec::with_capacity(usize::try_from(count).unwrap_or(0));
    let mut problems = Vec::new();
    for index in 0..count {
        let address = email(index);
        let found: Vec<String> = mail
            .get(&address)
            .map(|messages| {
                messages
                    .iter()
                    .filter_map(text_of)
                    .filter_map(|text| confirm_path(&text, origin))
                    .collect()
            })
            .unwrap_or_default();
        match found.as_slice() {
            [link] => links.push(link.clone()),
            _ => problems.push(format!("{address}: {} confirmation emails", found.len())),
        }
    }
    let strangers = mail
        .keys()
        .filter(|a| !a.starts_with("bench-") || !a.ends_with("@example.org"))
        .count();
    if strangers > 0 {
        problems.push(format!("{strangers} unexpected recipients"));
    }
    let ok = problems.is_empty();
    let detail = if ok {
        format!("{count} addresses, one confirmation each")
    } else {
        format!(
            "{} of {count} addresses as expected; {} problems, first: {}",
            links.len(),
            problems.len(),
            problems
                .iter()
                .take(3)
                .cloned()
                .collect::<Vec<_>>()
                .join("; ")
        )
    };
    (links, ok, detail)
}

fn one_welcome_each(
    mail: &HashMap<String, Vec<Bytes>>,
    count: u64,
    origin: &str,
) -> (bool, String) {
    let mut problems = Vec::new();
    let mut total = 0;
    for index in 0..count {
        let address = email(index);
        let messages = mail.get(&address).map(Vec::as_slice).unwrap_or_default();
        total += messages.len();
        let confirmations = messages
            .iter()
            .filter_map(text_of)
            .filter(|text| confirm_path(text, origin).is_some())
            .count();
        let others = messages.len() - confirmations;
        if confirmations != 1 || others != 1 {
            problems.push(format!(
                "{address}: {confirmations} confirmation and {others} other emails"
            ));
        }
    }
    let all: usize = mail.values().map(Vec::len).sum();
    if all != total {
        problems.push(format!("{} emails to unexpected recipients", all - total));
    }
    if problems.is_empty() {
        (true, format!("{total} emails for {count} addresses"))
    } else {
        (
            false,
            format!(
                "{} problems, first: {}",
                problems.len(),
                problems
                    .iter()
                    .take(3)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_confirmation_path() {
        let token = "ab".repeat(32);
        let text = format!("Hello,\n\nhttp://127.0.0.1:9/en/confirm/{token}\n\nBye");
        assert_eq!(
            confirm_path(&text, "http://127.0.0.1:9").as_deref(),
            Some(format!("/en/confirm/{token}").as_str())
        );
        assert_eq!(confirm_path(&text, "http://127.0.0.1:8"), None);
        assert_eq!(person_name(0), "Bench Person a");
        assert_eq!(person_name(27), "Bench Person bb");
        assert_eq!(
            confirm_path("http://127.0.0.1:9/en/confirm/abc", "http://127.0.0.1:9"),
            None
        );
    }
}
