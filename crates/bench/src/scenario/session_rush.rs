//! `session-rush`: many confirmed registrants of one summit racing for the seats of one
//! session (issue 20: 5,000 choices for 200 seats).
//!
//! Untimed preparation: one published event (unlimited) with one 200-seat online session, and
//! N confirmed registrations seeded in SQL with known registration links; each link's page
//! (GET) gives the session's choose button (its CSRF cookie and token). Then the race, timed:
//! all N choose POSTs at once over 200 connections, each taking a seat or a place in the
//! session's line and queuing the agenda email. Afterwards the database must hold exactly 200
//! chosen, `seats_taken` 200, and N − 200 waitlisted at 1..N−200 without a gap. Baseline: the
//! bare one-row insert, over the same connections, as `rush`'s.

use std::sync::{Arc, Mutex};

use anyhow::{Context, bail};
use hyper::StatusCode;
use sea_orm::{
    ConnectionTrait, DatabaseConnection,
    sea_query::{Alias, Expr, Query},
};
use sha2::{Digest, Sha256};

use super::{CSRF_COOKIE, Ctx, Env, insert_baseline, measured, person_name};
use crate::{
    db::{self, EventSeed},
    load::{Amount, BoxFuture, Conn, Op, hidden_input},
    report::{Results, Row},
};

const SLUG: &str = "bench-summit";
const RACE_CONNECTIONS: usize = 200;

fn hex_sha256(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// Person `index`'s registration link (64 hex digits, like the server's).
fn token(index: u64) -> String {
    hex_sha256(&format!("bench-summit-registration-{index}"))
}

/// Seeds `count` confirmed registrations and the session; returns the session's id.
async fn seed(
    db: &DatabaseConnection,
    event_id: i64,
    count: u64,
    seats: i32,
) -> anyhow::Result<i64> {
    let now = chrono::Utc::now();
    let columns = [
        "event_id",
        "email",
        "full_name",
        "language",
        "status",
        "token_hash",
        "created_at",
        "confirmed_at",
    ];
    let mut index = 0;
    while index < count {
        let mut insert = Query::insert();
        insert
            .into_table(Alias::new("registrations"))
            .columns(columns.map(Alias::new));
        for i in index..(index + 500).min(count) {
            let values: Vec<Expr> = vec![
                event_id.into(),
                format!("summit-{i}@example.org").into(),
                person_name(i).into(),
                "en".into(),
                "confirmed".into(),
                hex_sha256(&token(i)).into(),
                now.into(),
                now.into(),
            ];
            insert
                .values(values)
                .context("building the registrations insert")?;
        }
        db.execute(&insert).await.context("seeding registrations")?;
        index += 500;
    }
    db.execute_unprepared(&format!(
        "UPDATE events SET seats_taken = {count} WHERE id = {event_id}"
    ))
    .await
    .context("counting the seeded seats")?;
    let starts: chrono::DateTime<chrono::Utc> = {
        let row = db
            .query_one_raw(sea_orm::Statement::from_string(
                db.get_database_backend(),
                format!("SELECT starts_at FROM events WHERE id = {event_id}"),
            ))
            .await?
            .context("the event")?;
        row.try_get_by_index(0).context("its start")?
    };
    let mut insert = Query::insert();
    insert
        .into_table(Alias::new("event_sessions"))
        .columns(
            [
                "event_id",
                "title",
                "description",
                "starts_at",
                "ends_at",
                "track",
                "format",
                "livestream_url",
                "languages",
                "capacity",
                "created_at",
                "updated_at",
            ]
            .map(Alias::new),
        )
        .values(vec![
            event_id.into(),
            r#"{"en":"Bench opening plenary","fr":"Plénière d’ouverture (banc)"}"#.into(),
            "{}".into(),
            starts.into(),
            (starts + chrono::Duration::hours(1)).into(),
            "Plenary".into(),
            "online".into(),
            "https://stream.example.org/bench".into(),
            "en,fr".into(),
            seats.into(),
            now.into(),
            now.into(),
        ])
        .context("building the session insert")?;
    db.execute(&insert).await.context("seeding the session")?;
    db::count(
        db,
        &format!("SELECT id FROM event_sessions WHERE event_id = {event_id}"),
    )
    .await
}

#[derive(Clone)]
struct Button {
    cookie: String,
    csrf: String,
}

/// GET each registration page (untimed), keeping its choose button.
struct OpenPage {
    session: i64,
    buttons: Mutex<Vec<Option<Button>>>,
}

impl OpenPage {
    async fn once(&self, conn: &mut Conn, index: u64) -> anyhow::Result<()> {
        let path = format!("/en/registrations/{}", token(index));
        let page = conn.get(&path, None).await?;
        page.expect("GET the registration page", StatusCode::OK)?;
        let action = format!("action=\"{path}/sessions/{}/choose\"", self.session);
        if !page.text().contains(&action) {
            bail!("the registration page {path} has no choose button for the session");
        }
        let button = Button {
            cookie: page
                .cookie(CSRF_COOKIE)
                .context("the registration page set no reseau_csrf cookie")?,
            csrf: hidden_input(page.text(), "csrf_token").context("no csrf_token")?,
        };
        let at = usize::try_from(index).context("index")?;
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

/// The race: POST each choose button.
struct Choose {
    origin: String,
    session: i64,
    buttons: Vec<Button>,
}

impl Choose {
    async fn once(&self, conn: &mut Conn, index: u64) -> anyhow::Result<()> {
        let at = usize::try_from(index).context("index")?;
        let button = self.buttons.get(at).context("no button")?;
        let path = format!("/en/registrations/{}", token(index));
        let sent = conn
            .post_form(
                &format!("{path}/sessions/{}/choose", self.session),
                &button.cookie,
                &self.origin,
                &[("csrf_token", button.csrf.as_str())],
            )
            .await?;
        sent.expect("POST the choose button", StatusCode::SEE_OTHER)?;
        let expected = format!("{path}#programme");
        if sent.location() != expected {
            bail!(
                "the choice redirected to {:?}, not {expected}",
                sent.location()
            );
        }
        Ok(())
    }
}

impl Op for Choose {
    fn call<'a>(&'a self, conn: &'a mut Conn, index: u64) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(self.once(conn, index))
    }
}

pub async fn run(ctx: &Ctx, results: &mut Results) -> anyhow::Result<()> {
    let env = Env::start(ctx).await?;
    let outcome = measure(ctx, &env, results).await;
    env.stop("session-rush", ctx.backend_name(), results).await;
    outcome
}

async fn check_seats(
    db: &DatabaseConnection,
    session: i64,
    count: u64,
    seats: u64,
) -> anyhow::Result<(bool, String)> {
    let n = |sql: String| {
        let db = db.clone();
        async move { db::count(&db, &sql).await }
    };
    let chosen = n(format!(
        "SELECT COUNT(*) FROM session_choices WHERE session_id = {session} AND status = 'chosen'"
    ))
    .await?;
    let taken = n(format!(
        "SELECT CAST(seats_taken AS BIGINT) FROM event_sessions WHERE id = {session}"
    ))
    .await?;
    let waiting =
        format!("FROM session_choices WHERE session_id = {session} AND status = 'waitlisted'");
    let waitlisted = n(format!("SELECT COUNT(*) {waiting}")).await?;
    let distinct = n(format!(
        "SELECT COUNT(DISTINCT waitlist_position) {waiting}"
    ))
    .await?;
    let min = n(format!(
        "SELECT CAST(COALESCE(MIN(waitlist_position), 0) AS BIGINT) {waiting}"
    ))
    .await?;
    let max = n(format!(
        "SELECT CAST(COALESCE(MAX(waitlist_position), 0) AS BIGINT) {waiting}"
    ))
    .await?;
    let seats = i64::try_from(seats)?;
    let line = i64::try_from(count)? - seats;
    let ok = chosen == seats
        && taken == seats
        && waitlisted == line
        && distinct == line
        && min == 1
        && max == line;
    Ok((
        ok,
        format!(
            "{chosen} chosen, seats_taken {taken}, {waitlisted} waitlisted at {min}..{max} ({distinct} distinct)"
        ),
    ))
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
    let (count, seats): (u64, u64) = if ctx.quick { (500, 20) } else { (5_000, 200) };
    let origin = env.server.base.clone();
    let db = db::open(&env.db.url).await?;
    let event_id = db::seed_event(
        &db,
        &EventSeed {
            slug: SLUG,
            title: "Bench summit: two days, two tracks",
            format: "hybrid",
            capacity: None,
            waitlist: true,
            starts_in_days: 14,
        },
    )
    .await?;
    let session = seed(&db, event_id, count, i32::try_from(seats)?).await?;

    eprintln!(
        "bench: session-rush ({backend}): baseline, {count} bare inserts over {RACE_CONNECTIONS} connections"
    );
    let (base, base_cpu) = insert_baseline(ctx, env, count, RACE_CONNECTIONS).await?;
    results.check(
        "session-rush: baseline insert",
        backend,
        "every insert answered 204",
        base.errors == 0 && base.ops == count,
        format!("{} of {count}{}", base.ops, first_error(&base)),
    );

    let slots = usize::try_from(count)?;
    let pages = Arc::new(OpenPage {
        session,
        buttons: Mutex::new(vec![None; slots]),
    });
    let opened = crate::load::run(
        env.server.addr,
        ctx.connections,
        Amount::Count(count),
        pages.clone(),
    )
    .await?;
    let buttons: Vec<Button> = pages
        .buttons
        .lock()
        .map_err(|_| anyhow::anyhow!("a task panicked"))?
        .iter()
        .flatten()
        .cloned()
        .collect();
    results.check(
        "session-rush: registration pages",
        backend,
        "every registration page offers the session's choose button",
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

    eprintln!(
        "bench: session-rush ({backend}): {count} choices racing for {seats} seats over {RACE_CONNECTIONS} connections"
    );
    let (race, race_cpu) = measured(
        env.server.pid(),
        env.server.addr,
        RACE_CONNECTIONS,
        Amount::Count(count),
        Arc::new(Choose {
            origin,
            session,
            buttons,
        }),
    )
    .await?;
    results.check(
        "session-rush: choice",
        backend,
        "every choice answered 303 to its registration page",
        race.errors == 0 && race.ops == count,
        format!("{} of {count}{}", race.ops, first_error(&race)),
    );
    let mut row = Row::measured(
        "session-rush: choose POST (race)",
        backend,
        RACE_CONNECTIONS,
        &race,
        Some(&base),
        env.server.peak_mib(),
    )
    .with_cpu(race_cpu, Some(base_cpu));
    row.note = Some(format!(
        "{count} choices for {seats} seats of one session; each takes a seat or a place in its line and queues the agenda email; baseline: the bare insert over the same connections"
    ));
    results.rows.push(row);

    let checked = check_seats(&db, session, count, seats).await;
    db.close().await.ok();
    match checked {
        Ok((ok, detail)) => results.check(
            "session-rush: database",
            backend,
            "exactly the session's seats chosen, seats_taken equal, the rest waitlisted at 1..N without a gap",
            ok,
            detail,
        ),
        Err(e) => results.check(
            "session-rush: database",
            backend,
            "exactly the session's seats chosen, the rest waitlisted without a gap",
            false,
            format!("{e:#}"),
        ),
    }
    Ok(())
}
