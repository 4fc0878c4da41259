//! `login-flood`: 50 connections of wrong-password organizer sign-ins at full argon2 cost while
//! 16 connections load the home page. The figure is the home page's p99 during the flood
//! against its p99 without it, measured first in the same run (issue 7: no more than 3×).
//!
//! One plain organizer is made with `reseau organizer create` on the fresh database (an admin
//! would need a second factor, which is not what is measured). The per-IP sign-in limit and the
//! account lockout would refuse nearly every attempt before hashing: all come from 127.0.0.1,
//! for one account. They are raised for this server (`admin.sign_in_burst`,
//! `admin.sign_in_per_minute`, `admin.max_failures`), so the flood reaches argon2 as a
//! distributed attack on many accounts would. The argon2 cost and the hashing bound
//! (`admin.hashing_concurrency`) stay at their defaults. Each answer says what happened: 401 a
//! wrong password, hashed; 429 refused before hashing (limit or lockout); 503 refused before
//! hashing, every hashing slot stayed busy.

use std::{
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use anyhow::{Context, bail};
use hyper::StatusCode;
use serde::Serialize;

use super::{CSRF_COOKIE, Ctx, Env, measured};
use crate::{
    load::{self, Amount, BoxFuture, Conn, Op, hidden_input},
    report::{Results, Row},
    server,
};

const FLOOD_CONNECTIONS: usize = 50;
const PAGE_CONNECTIONS: usize = 16;
const TARGET_P99_FACTOR: f64 = 3.0;
const ORGANIZER: &str = "flood-organizer@example.org";
const PASSWORD: &str = "bench organizer passphrase, long enough";
/// Far above what 50 connections can send in a run: no limit and no lockout refuses first.
const UNLIMITED: &str = "1000000000";

struct GetHome;

impl Op for GetHome {
    fn call<'a>(&'a self, conn: &'a mut Conn, _: u64) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async move {
            let reply = conn.get("/en/", None).await?;
            reply.expect("GET /en/", StatusCode::OK)
        })
    }
}

/// How the sign-ins were answered.
#[derive(Debug, Default)]
struct Answers {
    /// 401: the password was checked (argon2) and was wrong.
    hashed: AtomicU64,
    /// 429: refused before hashing by the per-IP limit or the lockout.
    limited: AtomicU64,
    /// 503: refused before hashing, no hashing slot came free in time.
    busy: AtomicU64,
    /// 303: signed in (must not happen: the password is wrong).
    signed_in: AtomicU64,
}

/// A wrong-password sign-in with a form fetched once (the CSRF token is a signed double
/// submit, so a bot reuses one).
struct WrongPassword {
    origin: String,
    cookie: String,
    csrf: String,
    answers: Arc<Answers>,
}

impl WrongPassword {
    async fn once(&self, conn: &mut Conn, index: u64) -> anyhow::Result<()> {
        let password = format!("wrong guess number {index}");
        let sent = conn
            .post_form(
                "/admin/sign-in",
                &self.cookie,
                &self.origin,
                &[
                    ("csrf_token", self.csrf.as_str()),
                    ("email", ORGANIZER),
                    ("password", password.as_str()),
                ],
            )
            .await?;
        let counter = match sent.status {
            StatusCode::UNAUTHORIZED => &self.answers.hashed,
            StatusCode::TOO_MANY_REQUESTS => &self.answers.limited,
            StatusCode::SERVICE_UNAVAILABLE => &self.answers.busy,
            StatusCode::SEE_OTHER => &self.answers.signed_in,
            other => bail!(
                "POST /admin/sign-in answered {other} (location {:?}), not 401, 429 or 503",
                sent.location()
            ),
        };
        counter.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

impl Op for WrongPassword {
    fn call<'a>(&'a self, conn: &'a mut Conn, index: u64) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(self.once(conn, index))
    }
}

pub async fn run(ctx: &Ctx, results: &mut Results) -> anyhow::Result<()> {
    let env = Env::start_with(
        ctx,
        &[
            ("RESEAU_ADMIN__SIGN_IN_BURST", UNLIMITED),
            ("RESEAU_ADMIN__SIGN_IN_PER_MINUTE", UNLIMITED),
            ("RESEAU_ADMIN__MAX_FAILURES", UNLIMITED),
        ],
    )
    .await?;
    let outcome = measure(ctx, &env, results).await;
    env.stop("login-flood", ctx.backend_name(), results).await;
    outcome
}

async fn measure(ctx: &Ctx, env: &Env, results: &mut Results) -> anyhow::Result<()> {
    let backend = ctx.backend_name();
    let (duration, warmup, lead) = if ctx.quick {
        (
            Duration::from_secs(2),
            Duration::from_millis(200),
            Duration::from_millis(300),
        )
    } else {
        (
            Duration::from_secs(10),
            Duration::from_secs(2),
            Duration::from_secs(1),
        )
    };

    let created = server::run_command(
        &ctx.binary,
        env.dir.path(),
        &env.db.url,
        &[
            "organizer",
            "create",
            "--email",
            ORGANIZER,
            "--name",
            "Flood Organizer",
        ],
        &[("RESEAU_ORGANIZER_PASSWORD", PASSWORD)],
    )
    .await
    .context("creating the organizer")?;
    eprintln!("bench: login-flood ({backend}): {}", created.trim());

    let mut conn = Conn::new(env.server.addr);
    let form = conn.get("/admin/sign-in", None).await?;
    form.expect("GET /admin/sign-in", StatusCode::OK)?;
    let cookie = form
        .cookie(CSRF_COOKIE)
        .context("GET /admin/sign-in set no reseau_csrf cookie")?;
    let csrf = hidden_input(form.text(), "csrf_token").context("no csrf_token in the form")?;
    drop(conn);

    // The home page alone.
    let home = Arc::new(GetHome);
    load::run(
        env.server.addr,
        PAGE_CONNECTIONS,
        Amount::For(warmup),
        home.clone(),
    )
    .await?;
    eprintln!(
        "bench: login-flood ({backend}): GET /en/ over {PAGE_CONNECTIONS} connections for {duration:?}, alone"
    );
    let (alone, alone_cpu) = measured(
        env.server.pid(),
        env.server.addr,
        PAGE_CONNECTIONS,
        Amount::For(duration),
        home.clone(),
    )
    .await?;
    let peak_alone = env.server.peak_mib();

    // The flood, and the home page once it is under way.
    eprintln!(
        "bench: login-flood ({backend}): {FLOOD_CONNECTIONS} connections of wrong passwords, GET /en/ over {PAGE_CONNECTIONS} connections for {duration:?} during it"
    );
    let answers = Arc::new(Answers::default());
    let flood_op = Arc::new(WrongPassword {
        origin: env.server.base.clone(),
        cookie,
        csrf,
        answers: answers.clone(),
    });
    let addr = env.server.addr;
    let flood_for = lead + duration + lead;
    let flood = tokio::spawn(async move {
        load::run(addr, FLOOD_CONNECTIONS, Amount::For(flood_for), flood_op).await
    });
    tokio::time::sleep(lead).await;
    let during = measured(
        env.server.pid(),
        env.server.addr,
        PAGE_CONNECTIONS,
        Amount::For(duration),
        home,
    )
    .await;
    let flood = flood.await.context("the flood panicked")??;
    let (during, during_cpu) = during?;
    let peak = env.server.peak_mib();

    let hashed = answers.hashed.load(Ordering::Relaxed);
    let limited = answers.limited.load(Ordering::Relaxed);
    let busy = answers.busy.load(Ordering::Relaxed);
    let signed_in = answers.signed_in.load(Ordering::Relaxed);
    let first = |o: &load::Outcome| {
        o.first_errors
            .first()
            .map(|e| format!("; first error: {e}"))
            .unwrap_or_default()
    };
    results.check(
        "login-flood: GET /en/",
        backend,
        "every home page answered 200, alone and during the flood",
        alone.errors == 0 && during.errors == 0 && alone.ops > 0 && during.ops > 0,
        format!(
            "{} alone, {} during, {} errors{}{}",
            alone.ops,
            during.ops,
            alone.errors + during.errors,
            first(&alone),
            first(&during)
        ),
    );
    results.check(
        "login-flood: sign-ins",
        backend,
        "every wrong password refused (401, 429 or 503), none signed in, and argon2 really ran",
        flood.errors == 0 && signed_in == 0 && hashed > 0,
        format!(
            "{} sign-ins: {hashed} hashed (401), {limited} refused by limit or lockout (429), {busy} refused busy (503), {signed_in} signed in{}",
            flood.ops,
            first(&flood)
        ),
    );

    let mut alone_row = Row::measured(
        "login-flood: GET /en/, no flood",
        backend,
        PAGE_CONNECTIONS,
        &alone,
        None,
        peak_alone,
    )
    .with_cpu(alone_cpu, None);
    alone_row.note = Some("the reference for the row below".to_owned());
    results.rows.push(alone_row);

    let mut row = Row::measured(
        "login-flood: GET /en/, during the flood",
        backend,
        PAGE_CONNECTIONS,
        &during,
        Some(&alone),
        peak,
    )
    .with_cpu(during_cpu, Some(alone_cpu));
    row.note = Some("baseline: the same page without the flood, measured just before".to_owned());
    let p99_alone = alone.p99_ms();
    let p99_during = during.p99_ms();
    let factor = if p99_alone > 0.0 {
        p99_during / p99_alone
    } else {
        f64::INFINITY
    };
    results.target(
        &row,
        "home page p99 during the flood no more than 3× its p99 without it",
        format!("{factor:.1}× ({p99_during:.2} ms against {p99_alone:.2} ms)"),
        factor <= TARGET_P99_FACTOR,
    );
    results.rows.push(row);

    let mut flood_row = Row::measured(
        "login-flood: wrong-password sign-ins",
        backend,
        FLOOD_CONNECTIONS,
        &flood,
        None,
        peak,
    );
    flood_row.note = Some(format!(
        "{hashed} hashed (401), {} refused before hashing ({limited} by limit or lockout, {busy} busy)",
        limited + busy
    ));
    flood_row.flood = Some(FloodCounts {
        hashed,
        refused_limit_or_lockout: limited,
        refused_busy: busy,
        signed_in,
    });
    results.rows.push(flood_row);
    Ok(())
}

/// The sign-in answers of a flood, in the JSON.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct FloodCounts {
    pub hashed: u64,
    pub refused_limit_or_lockout: u64,
    pub refused_busy: u64,
    pub signed_in: u64,
}
