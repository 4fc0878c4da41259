//! `rush`: many registration confirmations racing for few seats on one event (issue 7: at
//! least 1,000 confirmed registrations a second on one event).
//!
//! Untimed preparation, over HTTP as a visitor does it: one published event with `capacity`
//! seats and a waitlist is seeded; each of N people opens the event page (CSRF cookie and token,
//! signed form timestamp) and POSTs `/en/events/{slug}/register` (timed separately, its own
//! row); the request emails arrive in the sink and each gives its `/en/registrations/<token>`
//! link; each link's page (GET) gives the confirm button's form. Then the race, timed: all N
//! confirmation POSTs at once over 200 connections. Afterwards the database must hold exactly
//! `capacity` confirmed, N − capacity waitlisted at positions 1..N−capacity without a gap, and
//! each person exactly one more email (a calendar file for the seated). Baseline: the bare
//! one-row insert, over the same connections.

use std::{
    sync::{Arc, Mutex},
    time::Duration,
};

use anyhow::{Context, bail};
use hyper::StatusCode;

use super::{CSRF_COOKIE, Ctx, Env, insert_baseline, measured, person_name, wait_for};
mod checks;

use crate::{
    db::{self, EventSeed},
    load::{Amount, BoxFuture, Conn, Op, hidden_input},
    report::{Results, Row},
};
use checks::{check_seats, follow_ups, registration_links};

const SLUG: &str = "bench-rush";
/// Connections of the race (issue 7).
const RACE_CONNECTIONS: usize = 200;
/// Issue 7: at least this many confirmed registrations a second on one event.
const TARGET_PER_SECOND: f64 = 1_000.0;

pub(super) fn email(index: u64) -> String {
    format!("rush-{index}@example.org")
}

/// GET the event page, POST its register form.
struct Register {
    origin: String,
}

impl Register {
    async fn once(&self, conn: &mut Conn, index: u64) -> anyhow::Result<()> {
        let path = format!("/en/events/{SLUG}");
        let page = conn.get(&path, None).await?;
        page.expect("GET the event page", StatusCode::OK)?;
        let cookie = page
            .cookie(CSRF_COOKIE)
            .context("the event page set no reseau_csrf cookie")?;
        let csrf = hidden_input(page.text(), "csrf_token").context("no csrf_token on the page")?;
        let stamp = hidden_input(page.text(), "form_ts").context("no form_ts on the page")?;
        let email = email(index);
        let name = person_name(index);
        let fields = [
            ("csrf_token", csrf.as_str()),
            ("form_ts", stamp.as_str()),
            ("website", ""),
            ("full_name", name.as_str()),
            ("email", email.as_str()),
        ];
        let sent = conn
            .post_form(&format!("{path}/register"), &cookie, &self.origin, &fields)
            .await?;
        sent.expect("POST the register form", StatusCode::SEE_OTHER)?;
        let expected = format!("{path}/registered");
        if sent.location() != expected {
            bail!(
                "the register form redirected to {:?}, not {expected}",
                sent.location()
            );
        }
        Ok(())
    }
}

impl Op for Register {
    fn call<'a>(&'a self, conn: &'a mut Conn, index: u64) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(self.once(conn, index))
    }
}

/// The confirm button of one registration page: its CSRF cookie and token.
#[derive(Clone)]
struct Button {
    cookie: String,
    csrf: String,
}

/// GET each registration page (untimed), keeping its button.
struct OpenPage {
    links: Vec<String>,
    buttons: Mutex<Vec<Option<Button>>>,
}

impl OpenPage {
    async fn once(&self, conn: &mut Conn, index: u64) -> anyhow::Result<()> {
        let at = usize::try_from(index).context("index")?;
        let path = self.links.get(at).context("no link for this operation")?;
        let page = conn.get(path, None).await?;
        page.expect("GET the registration page", StatusCode::OK)?;
        let action = format!("action=\"{path}/confirm\"");
        if !page.text().contains(&action) {
            bail!("the registration page {path} has no confirm button (not pending?)");
        }
        let button = Button {
            cookie: page
                .cookie(CSRF_COOKIE)
                .context("the registration page set no reseau_csrf cookie")?,
            csrf: hidden_input(page.text(), "csrf_token")
                .context("no csrf_token on the registration page")?,
        };
        let mut buttons = self
            .buttons
            .lock()
            .map_err(|_| anyhow::anyhow!("a task panicked"))?;
        if let Some(slot) = buttons.get_mut(at) {
            *slot = Some(button);
        }
        Ok(())
    }
}

impl Op for OpenPage {
    fn call<'a>(&'a self, conn: &'a mut Conn, index: u64) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(self.once(conn, index))
    }
}

/// The race: POST each confirm button.
struct Confirm {
    origin: String,
    links: Vec<String>,
    buttons: Vec<Button>,
}

impl Confirm {
    async fn once(&self, conn: &mut Conn, index: u64) -> anyhow::Result<()> {
        let at = usize::try_from(index).context("index")?;
        let (path, button) = self
            .links
            .get(at)
            .zip(self.buttons.get(at))
            .context("no button for this operation")?;
        let sent = conn
            .post_form(
                &format!("{path}/confirm"),
                &button.cookie,
                &self.origin,
                &[("csrf_token", button.csrf.as_str())],
            )
            .await?;
        sent.expect("POST the confirm button", StatusCode::SEE_OTHER)?;
        if sent.location() != path.as_str() {
            bail!(
                "the confirmation redirected to {:?}, not {path}",
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
    env.stop("rush", ctx.backend_name(), results).await;
    outcome
}

fn first_error(outcome: &crate::load::Outcome) -> String {
    outcome
        .first_errors
        .first()
        .map(|e| format!("; first error: {e}"))
        .unwrap_or_default()
}

async fn measure(ctx: &Ctx, env: &Env, results: &mut Results) -> anyhow::Result<()> {
    let backend = ctx.backend_name();
    let (count, capacity): (u64, u64) = if ctx.quick { (400, 40) } else { (5_000, 500) };
    let origin = env.server.base.clone();
    let conns = ctx.connections;

    let db = db::open(&env.db.url).await?;
    let event_id = db::seed_event(
        &db,
        &EventSeed {
            slug: SLUG,
            title: "Bench rush: the summit's opening night",
            format: "in-person",
            capacity: Some(i32::try_from(capacity).context("capacity")?),
            waitlist: true,
            starts_in_days: 14,
        },
    )
    .await?;

    eprintln!(
        "bench: rush ({backend}): baseline, {count} bare inserts over {RACE_CONNECTIONS} connections"
    );
    let (base, base_cpu) = insert_baseline(ctx, env, count, RACE_CONNECTIONS).await?;
    results.check(
        "rush: baseline insert",
        backend,
        "every insert answered 204",
        base.errors == 0 && base.ops == count,
        format!("{} of {count}{}", base.ops, first_error(&base)),
    );

    // Preparation: N registration requests, over HTTP.
    eprintln!("bench: rush ({backend}): {count} registration requests over {conns} connections");
    let (requests, requests_cpu) = measured(
        env.server.pid(),
        env.server.addr,
        conns,
        Amount::Count(count),
        Arc::new(Register {
            origin: origin.clone(),
        }),
    )
    .await?;
    results.check(
        "rush: registration request",
        backend,
        "every request answered 303 to the event's /registered page",
        requests.errors == 0 && requests.ops == count,
        format!("{} of {count}{}", requests.ops, first_error(&requests)),
    );
    let mut row = Row::measured(
        "rush: registration request (GET+POST)",
        backend,
        conns,
        &requests,
        None,
        env.server.peak_mib(),
    )
    .with_cpu(requests_cpu, None);
    row.note = Some("preparation, not the race: the event page and its form's POST".to_owned());
    results.rows.push(row);

    let wait = Duration::from_secs(60 + count / 20);
    eprintln!("bench: rush ({backend}): waiting up to {wait:?} for {count} request emails");
    wait_for(|| env.sink.recipients(), count, wait).await;
    let mail = env.sink.snapshot();
    let (links, links_ok, detail) = registration_links(&mail, count, &origin);
    results.check(
        "rush: request emails",
        backend,
        "exactly one request email per address, with its registration link",
        links_ok,
        detail,
    );
    if !links_ok {
        db.close().await.ok();
        bail!("no race without one link per person");
    }

    // Each registration page, for its button (a browser has it open before clicking).
    let slots = usize::try_from(count).context("count")?;
    let pages = Arc::new(OpenPage {
        links: links.clone(),
        buttons: Mutex::new(vec![None; slots]),
    });
    let opened =
        crate::load::run(env.server.addr, conns, Amount::Count(count), pages.clone()).await?;
    let buttons: Vec<Button> = pages
        .buttons
        .lock()
        .map_err(|_| anyhow::anyhow!("a task panicked"))?
        .iter()
        .flatten()
        .cloned()
        .collect();
    results.check(
        "rush: registration pages",
        backend,
        "every registration page is pending, with its confirm button",
        opened.errors == 0 && buttons.len() == slots,
        format!(
            "{} of {count} buttons{}",
            buttons.len(),
            first_error(&opened)
        ),
    );
    if buttons.len() != slots {
        db.close().await.ok();
        bail!("no race without every button");
    }

    // The race.
    eprintln!(
        "bench: rush ({backend}): {count} confirmations racing for {capacity} seats over {RACE_CONNECTIONS} connections"
    );
    let (race, race_cpu) = measured(
        env.server.pid(),
        env.server.addr,
        RACE_CONNECTIONS,
        Amount::Count(count),
        Arc::new(Confirm {
            origin: origin.clone(),
            links,
            buttons,
        }),
    )
    .await?;
    results.check(
        "rush: confirmation",
        backend,
        "every confirmation answered 303 to its registration page",
        race.errors == 0 && race.ops == count,
        format!("{} of {count}{}", race.ops, first_error(&race)),
    );
    let mut row = Row::measured(
        "rush: confirmation POST (race)",
        backend,
        RACE_CONNECTIONS,
        &race,
        Some(&base),
        env.server.peak_mib(),
    )
    .with_cpu(race_cpu, Some(base_cpu));
    row.note = Some(format!(
        "{count} confirmations for {capacity} seats; each takes a seat or a waitlist place; baseline: the bare insert over the same connections"
    ));
    let p99 = row.p99_ms.unwrap_or(f64::INFINITY);
    results.target(
        &row,
        "at least 1,000 confirmed registrations a second on one event",
        format!(
            "{:.0} confirmations/s (p50 {:.1} ms, p99 {p99:.1} ms); {:.0} % of the bare insert ({:.0}/s)",
            row.throughput,
            row.p50_ms.unwrap_or(0.0),
            row.ratio.unwrap_or(0.0) * 100.0,
            row.baseline.unwrap_or(0.0)
        ),
        row.throughput >= TARGET_PER_SECOND,
    );
    results.rows.push(row);

    // The seats, read directly.
    let seats = check_seats(&db, event_id, count, capacity).await;
    db.close().await.ok();
    match seats {
        Ok((ok, detail)) => results.check(
            "rush: database",
            backend,
            "exactly capacity confirmed, seats_taken = capacity, the rest waitlisted at 1..N without a gap, none pending",
            ok,
            detail,
        ),
        Err(e) => results.check(
            "rush: database",
            backend,
            "exactly capacity confirmed, the rest waitlisted at 1..N without a gap",
            false,
            format!("{e:#}"),
        ),
    }

    // One more email each: the seat (with its calendar file) or the place in line.
    wait_for(|| env.sink.messages(), 2 * count, wait).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (ok, detail) = follow_ups(&env.sink.snapshot(), count, capacity);
    results.check(
        "rush: outcome emails",
        backend,
        "each person one request and one outcome email; calendar files to exactly capacity",
        ok,
        detail,
    );
    Ok(())
}
