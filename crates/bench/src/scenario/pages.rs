//! `pages`: the home page, the join form, the events list and an event's page (with a few
//! published events seeded), each against a bare axum handler serving the very same bytes as
//! fixed HTML. Checks that the pages kept for everyone (issue 18) answer `If-None-Match` with
//! a 304 and still give each visitor of a form their own CSRF token.

use std::{sync::Arc, time::Duration};

use anyhow::Context;
use hyper::StatusCode;

use super::{Ctx, Env, measured};
use crate::{
    baseline::Baseline,
    db::{self, EventSeed},
    load::{self, Amount, BoxFuture, Conn, Op, hidden_input},
    report::{Results, Row},
};

/// The pages measured.
const PATHS: [&str; 4] = [
    "/en/",
    "/en/join",
    "/en/events",
    "/en/events/health-equity-roundtable",
];
/// Published events on the list: a realistic month of a chapter.
const EVENTS: [EventSeed<'static>; 6] = [
    EventSeed {
        slug: "health-equity-roundtable",
        title: "Health equity roundtable",
        format: "in-person",
        capacity: Some(80),
        waitlist: true,
        starts_in_days: 3,
    },
    EventSeed {
        slug: "voting-rights-webinar",
        title: "Voting rights: a trilateral webinar",
        format: "online",
        capacity: None,
        waitlist: false,
        starts_in_days: 7,
    },
    EventSeed {
        slug: "economic-inclusion-workshop",
        title: "Economic inclusion workshop",
        format: "hybrid",
        capacity: Some(40),
        waitlist: true,
        starts_in_days: 12,
    },
    EventSeed {
        slug: "justice-reform-panel",
        title: "Justice reform panel",
        format: "in-person",
        capacity: Some(150),
        waitlist: false,
        starts_in_days: 18,
    },
    EventSeed {
        slug: "education-summit-prep",
        title: "Education summit: preparatory meeting",
        format: "online",
        capacity: Some(300),
        waitlist: true,
        starts_in_days: 25,
    },
    EventSeed {
        slug: "lived-experience-circle",
        title: "Lived experience listening circle",
        format: "in-person",
        capacity: Some(25),
        waitlist: true,
        starts_in_days: 30,
    },
];
const TARGET_RATIO: f64 = 0.40;

struct GetPage {
    path: String,
}

impl Op for GetPage {
    fn call<'a>(&'a self, conn: &'a mut Conn, _: u64) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async move {
            let reply = conn.get(&self.path, None).await?;
            reply.expect(&format!("GET {}", self.path), StatusCode::OK)
        })
    }
}

pub async fn run(ctx: &Ctx, results: &mut Results) -> anyhow::Result<()> {
    let env = Env::start(ctx).await?;
    let outcome = measure(ctx, &env, results).await;
    env.stop("pages", ctx.backend_name(), results).await;
    outcome
}

async fn measure(ctx: &Ctx, env: &Env, results: &mut Results) -> anyhow::Result<()> {
    let backend = ctx.backend_name();
    let (duration, warmup) = if ctx.quick {
        (Duration::from_secs(1), Duration::from_millis(200))
    } else {
        (Duration::from_secs(10), Duration::from_secs(2))
    };
    let db = db::open(&env.db.url).await?;
    for event in &EVENTS {
        db::seed_event(&db, event).await?;
    }
    db.close().await.ok();
    let mut conn = Conn::new(env.server.addr);
    let mut pages = Vec::new();
    for path in PATHS {
        let reply = conn
            .get(path, None)
            .await
            .with_context(|| format!("GET {path}"))?;
        reply.expect(&format!("GET {path}"), StatusCode::OK)?;
        if path == "/en/events" {
            let listed = EVENTS
                .iter()
                .filter(|e| reply.text().contains(&format!("/en/events/{}\"", e.slug)))
                .count();
            results.check(
                "pages GET /en/events",
                backend,
                "the seeded published events are listed",
                listed == EVENTS.len(),
                format!("{listed} of {} listed", EVENTS.len()),
            );
        }
        if path == "/en/" {
            let etag = reply
                .headers
                .get(hyper::header::ETAG)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned();
            let again = conn
                .get_with(path, &[(hyper::header::IF_NONE_MATCH, &etag)])
                .await?;
            results.check(
                "pages GET /en/",
                backend,
                "the home page has an ETag and answers If-None-Match with 304",
                !etag.is_empty() && again.status == StatusCode::NOT_MODIFIED,
                format!("ETag {etag:?}, then {}", again.status),
            );
        }
        if path == "/en/join" {
            let again = conn.get(path, None).await?;
            let token = |html: &str| hidden_input(html, "csrf_token").unwrap_or_default();
            let (one, two) = (token(reply.text()), token(again.text()));
            results.check(
                "pages GET /en/join",
                backend,
                "each visitor of the form kept for everyone gets their own CSRF token",
                !one.is_empty() && !two.is_empty() && one != two,
                format!(
                    "{} and {} characters, equal: {}",
                    one.len(),
                    two.len(),
                    one == two
                ),
            );
        }
        eprintln!("bench: pages: {path} is {} bytes", reply.body.len());
        pages.push((path.to_owned(), reply.body.clone()));
    }
    drop(conn);
    let baseline = Baseline::pages(pages)?;

    for path in PATHS {
        let op = Arc::new(GetPage {
            path: path.to_owned(),
        });
        let scenario = format!("pages GET {path}");
        eprintln!(
            "bench: {scenario} ({backend}): {} connections, {duration:?} each against réseau and the baseline",
            ctx.connections
        );
        load::run(
            env.server.addr,
            ctx.connections,
            Amount::For(warmup),
            op.clone(),
        )
        .await?;
        let (app, app_cpu) = measured(
            env.server.pid(),
            env.server.addr,
            ctx.connections,
            Amount::For(duration),
            op.clone(),
        )
        .await?;
        let peak = env.server.peak_mib();
        load::run(
            baseline.addr,
            ctx.connections,
            Amount::For(warmup),
            op.clone(),
        )
        .await?;
        let (base, base_cpu) = measured(
            env.server.pid(),
            baseline.addr,
            ctx.connections,
            Amount::For(duration),
            op,
        )
        .await?;

        results.check(
            &scenario,
            backend,
            "every request answered 200",
            app.errors == 0 && app.ops > 0,
            format!(
                "{} answered 200, {} did not{}",
                app.ops,
                app.errors,
                app.first_errors
                    .first()
                    .map(|e| format!(" (first: {e})"))
                    .unwrap_or_default()
            ),
        );
        results.check(
            &scenario,
            backend,
            "the baseline answered every request",
            base.errors == 0 && base.ops > 0,
            format!("{} answered, {} failed", base.ops, base.errors),
        );
        let row = Row::measured(&scenario, backend, ctx.connections, &app, Some(&base), peak)
            .with_cpu(app_cpu, Some(base_cpu));
        let ratio = row.ratio.unwrap_or(0.0);
        results.target(
            &row,
            "at least 40 % of the bare handler's rate",
            format!(
                "{:.0} % ({:.0} against {:.0} ops/s)",
                ratio * 100.0,
                row.throughput,
                row.baseline.unwrap_or(0.0)
            ),
            ratio >= TARGET_RATIO,
        );
        results.rows.push(row);
    }
    baseline.stop();
    Ok(())
}
