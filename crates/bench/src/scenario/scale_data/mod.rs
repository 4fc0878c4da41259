//! `scale-data`: the back office and the public pages on a large database (issue 18, "At
//! scale"). For each size (100,000 and 1,000,000 members by default; `--members N` for one
//! size; 5,000 with `--quick`), a fresh database gets, straight in SQL (`seed`): the members
//! (names from a word list, so a name search has real selectivity; over the three chapters and
//! four languages; a fortieth pending), the consent rows their confirmation writes (membership,
//! newsletter for six in ten, a twenty-fifth of those withdrawn since), 2,000 events (20 in
//! quick mode), a confirmed registration for every fifth active member, and a draft newsletter
//! to every chapter. Then the real server, restarted on that database, is used as organizers
//! use it, signed in as a plain organizer of all three chapters (`reseau organizer create`):
//! the members list (first page, a deep page), searches by name and by address, a chapter
//! filter, a member's page, the dashboard, the draft newsletter's page (which counts its
//! audience), the public home and events pages, each over two connections; and the streamed
//! CSV export of all members, once, with the server's resident memory sampled during it.
//!
//! Checks (failing the run): every answer 200; the list shows the right total; a search by a
//! known address finds exactly that member; the newsletter page's audience equals the count
//! computed here in SQL; the export holds exactly one row per member after its header.
//! Targets (issue 18): every back-office page p99 under 300 ms at 1,000,000 members; the
//! export's memory flat (resident memory during it at most 32 MiB above what it was before,
//! and, across sizes, no growth with the member count).

mod seed;

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use anyhow::{Context, bail};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::{Request, StatusCode, header};
use hyper_util::rt::TokioIo;

use super::{CSRF_COOKIE, Ctx, Env, measured};
use crate::{
    db,
    load::{Amount, BoxFuture, Conn, Op, Reply, hidden_input},
    report::{Results, Row},
    server,
};

const ORGANIZER: &str = "scale-organizer@example.org";
const PASSWORD: &str = "bench organizer passphrase, long enough";
/// Organizers at work at once.
const CONNECTIONS: usize = 2;
const TARGET_P99_MS: f64 = 300.0;
/// The export's resident memory may grow this much above what it was before it.
const FLAT_MIB: f64 = 32.0;
const PER_PAGE: u64 = 50;
/// No outbox worker nor scheduled jobs: nothing here sends mail, and on SQLite their writes
/// would wait on the seeding's long transaction.
const QUIET: (&str, &str) = ("RESEAU_WORKER__ENABLED", "false");

pub fn sizes(ctx: &Ctx) -> Vec<u64> {
    match ctx.members {
        Some(n) => vec![n],
        None if ctx.quick => vec![5_000],
        None => vec![100_000, 1_000_000],
    }
}

pub async fn run(ctx: &Ctx, results: &mut Results) -> anyhow::Result<()> {
    let mut exports: Vec<(u64, f64)> = Vec::new();
    for members in sizes(ctx) {
        let mut env = Env::start_with(ctx, &[QUIET]).await?;
        let outcome = measure(ctx, &mut env, members, results).await;
        env.stop("scale-data", ctx.backend_name(), results).await;
        exports.push((members, outcome?));
    }
    if let (Some(small), Some(large)) = (exports.first(), exports.last())
        && large.0 > small.0
    {
        let row = Row {
            scenario: format!(
                "scale-data: export memory, {} vs {} members",
                large.0, small.0
            ),
            backend: ctx.backend_name().to_owned(),
            ..Row::default()
        };
        results.target(
            &row,
            "the export's memory does not grow with the members (growth within 20 MiB of the smaller size's)",
            format!(
                "grew {:.1} MiB at {} members, {:.1} MiB at {}",
                large.1, large.0, small.1, small.0
            ),
            large.1 <= small.1 + 20.0,
        );
    }
    Ok(())
}

/// Cookies as a browser keeps them: set by name, sent together.
#[derive(Default, Clone)]
struct Jar(Vec<(String, String)>);

impl Jar {
    fn take(&mut self, reply: &Reply) {
        for value in reply.headers.get_all(header::SET_COOKIE) {
            let Ok(value) = value.to_str() else { continue };
            let pair = value.split(';').next().unwrap_or_default().trim();
            if let Some((name, value)) = pair.split_once('=') {
                self.0.retain(|(n, _)| n != name);
                if !value.is_empty() {
                    self.0.push((name.to_owned(), value.to_owned()));
                }
            }
        }
    }

    fn header(&self) -> String {
        self.0
            .iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// GETs one of `paths` in turn, expecting 200.
struct Get {
    paths: Vec<String>,
    cookie: Option<String>,
}

impl Op for Get {
    fn call<'a>(&'a self, conn: &'a mut Conn, index: u64) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async move {
            let path = &self.paths[(index % self.paths.len() as u64) as usize];
            let reply = conn.get(path, self.cookie.as_deref()).await?;
            reply.expect(&format!("GET {path}"), StatusCode::OK)
        })
    }
}

fn query(pairs: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// The number in the members list's status line ("1,000,000 members").
fn listed_total(page: &str) -> Option<u64> {
    let at = page.find("role=\"status\"")?;
    let rest = &page[at..];
    let start = rest.find('>')? + 1;
    let end = start + rest[start..].find('<')?;
    let digits: String = rest[start..end]
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// The number after the "Recipients if sent now" term of a newsletter's page.
fn recipients_now(page: &str, label: &str) -> Option<u64> {
    let at = page.find(label)?;
    let rest = &page[at..];
    let dd = rest.find("<dd")?;
    let start = dd + rest[dd..].find('>')? + 1;
    let end = start + rest[start..].find('<')?;
    let digits: String = rest[start..end]
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

async fn sign_in(ctx: &Ctx, env: &Env) -> anyhow::Result<Jar> {
    server::run_command(
        &ctx.binary,
        env.dir.path(),
        &env.db.url,
        &[
            "organizer",
            "create",
            "--email",
            ORGANIZER,
            "--name",
            "Scale Organizer",
            "--chapter",
            "canada",
            "--chapter",
            "united-states",
            "--chapter",
            "mexico",
        ],
        &[("RESEAU_ORGANIZER_PASSWORD", PASSWORD)],
    )
    .await
    .context("creating the organizer")?;
    let mut conn = Conn::new(env.server.addr);
    let mut jar = Jar::default();
    let form = conn.get("/admin/sign-in", None).await?;
    form.expect("GET /admin/sign-in", StatusCode::OK)?;
    jar.take(&form);
    form.cookie(CSRF_COOKIE)
        .context("GET /admin/sign-in set no reseau_csrf cookie")?;
    let csrf = hidden_input(form.text(), "csrf_token").context("no csrf_token")?;
    let reply = conn
        .post_form(
            "/admin/sign-in",
            &jar.header(),
            &env.server.base,
            &[
                ("csrf_token", &csrf),
                ("email", ORGANIZER),
                ("password", PASSWORD),
            ],
        )
        .await?;
    if !reply.status.is_redirection() {
        reply.expect("POST /admin/sign-in", StatusCode::SEE_OTHER)?;
    }
    jar.take(&reply);
    let home = conn.get("/admin", Some(&jar.header())).await?;
    home.expect("GET /admin after signing in", StatusCode::OK)?;
    Ok(jar)
}

/// Steps up (the password again) if the export asks for it.
async fn step_up(env: &Env, jar: &mut Jar) -> anyhow::Result<()> {
    let mut conn = Conn::new(env.server.addr);
    let first = conn.get("/admin/members.csv", Some(&jar.header())).await?;
    if first.status == StatusCode::OK {
        return Ok(());
    }
    let ask = first.location().to_owned();
    if !first.status.is_redirection() || !ask.starts_with("/admin/step-up") {
        bail!(
            "GET /admin/members.csv: {} to {ask:?}, not the step-up",
            first.status
        );
    }
    let form = conn.get(&ask, Some(&jar.header())).await?;
    form.expect(&format!("GET {ask}"), StatusCode::OK)?;
    jar.take(&form);
    let csrf = hidden_input(form.text(), "csrf_token").context("no csrf_token in the step-up")?;
    let back = hidden_input(form.text(), "back").unwrap_or_else(|| "/admin/members.csv".into());
    let reply = conn
        .post_form(
            "/admin/step-up",
            &jar.header(),
            &env.server.base,
            &[
                ("csrf_token", &csrf),
                ("back", &back),
                ("step_up_password", PASSWORD),
                ("step_up_code", ""),
            ],
        )
        .await?;
    if !reply.status.is_redirection() {
        reply.expect("POST /admin/step-up", StatusCode::SEE_OTHER)?;
    }
    jar.take(&reply);
    Ok(())
}

/// Resident memory of `pid` now, in KiB.
fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
}

struct Export {
    status: StatusCode,
    bytes: u64,
    lines: u64,
    head: Vec<u8>,
    seconds: f64,
    rss_before_mib: f64,
    peak_mib: f64,
    /// Whether the address searched for is in it.
    has_known: bool,
}

/// The whole export, read as it streams (never held), with the server's resident memory
/// sampled every 20 ms.
async fn export(env: &Env, cookie: &str, known: &str) -> anyhow::Result<Export> {
    let pid = env.server.pid();
    let before = rss_kib(pid).unwrap_or(0);
    let peak = Arc::new(AtomicU64::new(before));
    let stop = Arc::new(AtomicBool::new(false));
    let sampler = {
        let (peak, stop) = (peak.clone(), stop.clone());
        tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                if let Some(kib) = rss_kib(pid) {
                    peak.fetch_max(kib, Ordering::Relaxed);
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
    };
    let started = Instant::now();
    let outcome = async {
        let stream = tokio::net::TcpStream::connect(env.server.addr)
            .await
            .context("connecting for the export")?;
        stream.set_nodelay(true).context("TCP_NODELAY")?;
        let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .context("HTTP/1.1 handshake")?;
        tokio::spawn(async move {
            let _ = connection.await;
        });
        let request = Request::get("/admin/members.csv")
            .header(header::HOST, env.server.addr.to_string())
            .header(header::COOKIE, cookie)
            .body(Full::new(Bytes::new()))
            .context("building the export request")?;
        let response = sender
            .send_request(request)
            .await
            .context("sending the export request")?;
        let status = response.status();
        let mut body = response.into_body();
        let (mut bytes, mut lines, mut head) = (0u64, 0u64, Vec::new());
        let needle = format!("\n{known},");
        let mut tail: Vec<u8> = Vec::new();
        let mut has_known = false;
        while let Some(frame) = body.frame().await {
            let frame = frame.context("reading the export")?;
            if let Some(data) = frame.data_ref() {
                bytes += data.len() as u64;
                lines += data.iter().filter(|b| **b == b'\n').count() as u64;
                if head.len() < 300 {
                    head.extend(data.iter().take(300 - head.len()));
                }
                if !has_known {
                    // The address may straddle two chunks: look in the last bytes and this one.
                    tail.extend_from_slice(data);
                    has_known = memchr::memmem::find(&tail, needle.as_bytes()).is_some();
                    let keep = tail.len().saturating_sub(needle.len());
                    tail.drain(..keep);
                }
            }
        }
        anyhow::Ok((status, bytes, lines, head, has_known))
    }
    .await;
    let seconds = started.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    let _ = sampler.await;
    let (status, bytes, lines, head, has_known) = outcome?;
    Ok(Export {
        status,
        bytes,
        lines,
        head,
        seconds,
        rss_before_mib: before as f64 / 1024.0,
        peak_mib: peak.load(Ordering::Relaxed) as f64 / 1024.0,
        has_known,
    })
}

/// Seeds, measures, checks one size; returns how much the export grew the server's memory.
async fn measure(
    ctx: &Ctx,
    env: &mut Env,
    members: u64,
    results: &mut Results,
) -> anyhow::Result<f64> {
    let backend = ctx.backend_name();
    let events = if ctx.quick { 20 } else { 2_000 };
    let db = db::open(&env.db.url).await?;
    let seeding = Instant::now();
    let seeded = seed::seed(&db, members, events).await?;
    db.close().await.ok();
    let seed_s = seeding.elapsed().as_secs_f64();
    eprintln!(
        "bench: scale-data ({backend}): {} members, {} events, {} registrations seeded in {seed_s:.1} s; audience {}",
        seeded.members, seeded.events, seeded.registrations, seeded.audience
    );
    // A server that starts on the data, as after a deployment.
    env.restart(
        ctx,
        "scale-data",
        &[(QUIET.0.to_owned(), QUIET.1.to_owned())],
        results,
    )
    .await?;
    let mut jar = sign_in(ctx, env).await?;
    let cookie = jar.header();
    let name = format!("scale-data {members}");

    // Correctness first, one request each.
    let mut conn = Conn::new(env.server.addr);
    let list = conn.get("/admin/members", Some(&cookie)).await?;
    list.expect("GET /admin/members", StatusCode::OK)?;
    let total = listed_total(list.text());
    results.check(
        &name,
        backend,
        "the members list shows the right total",
        total == Some(seeded.listed),
        format!("shows {total:?}, {} in the database", seeded.listed),
    );
    let known_g = members / 2 + 1;
    let known = seed::email(known_g.min(members.saturating_sub(1)));
    let found = conn
        .get(
            &format!("/admin/members?{}", query(&[("q", &known)])),
            Some(&cookie),
        )
        .await?;
    found.expect("GET /admin/members?q=<address>", StatusCode::OK)?;
    let found_total = listed_total(found.text());
    results.check(
        &name,
        backend,
        "a search by a known address finds exactly that member",
        found_total == Some(1) && found.text().contains(&known),
        format!("{found_total:?} found for {known}"),
    );
    // Nine tenths down the list, by id: the page after the member with that id (keyset).
    let span = u64::try_from(seeded.max_member_id - seeded.min_member_id + 1).unwrap_or(1);
    let deep = format!(
        "/admin/members?before={}",
        seeded.min_member_id + i64::try_from(span / 10).unwrap_or(0)
    );
    let page = conn.get(&deep, Some(&cookie)).await?;
    page.expect("GET a deep page", StatusCode::OK)?;
    let rows = page.text().matches("<a href=\"/admin/members/").count();
    results.check(
        &name,
        backend,
        "a deep page lists a full page, with the same total and links both ways",
        rows as u64 == PER_PAGE.min(seeded.listed)
            && listed_total(page.text()) == Some(seeded.listed)
            && page.text().contains("rel=\"next\"")
            && page.text().contains("rel=\"prev\""),
        format!("{rows} rows, total {:?}", listed_total(page.text())),
    );
    let audience_label = "Recipients if sent now";
    let letter_path = format!("/admin/newsletters/{}", seeded.newsletter_id);
    let letter = conn.get(&letter_path, Some(&cookie)).await?;
    letter.expect(&format!("GET {letter_path}"), StatusCode::OK)?;
    let shown = recipients_now(letter.text(), audience_label);
    results.check(
        &name,
        backend,
        "the draft newsletter's audience equals the members with a granted newsletter consent",
        shown == Some(seeded.audience),
        format!("page shows {shown:?}, SQL counts {}", seeded.audience),
    );
    drop(conn);

    // The operations, as organizers (and visitors) use them.
    let sample = |k: u64| (k * 7_919 + 13) % members.max(1);
    let names: Vec<String> = (0..40)
        .map(|k| {
            let (first, last) = (
                seed::FIRST[k % seed::FIRST.len()],
                seed::LAST[(k * 3) % seed::LAST.len()],
            );
            let q = match k % 4 {
                0 => last.0.to_owned(),
                1 => last.1.to_owned(),
                2 => format!("{} {}", first.0, last.0),
                _ => first.1.to_owned(),
            };
            format!("/admin/members?{}", query(&[("q", &q)]))
        })
        .collect();
    let emails: Vec<String> = (0..40)
        .map(|k| {
            format!(
                "/admin/members?{}",
                query(&[("q", &seed::email(sample(k)))])
            )
        })
        .collect();
    let member_pages: Vec<String> = (0..40)
        .map(|k| {
            format!(
                "/admin/members/{}",
                seeded.min_member_id + i64::try_from((k * 7_919) % span).unwrap_or(0)
            )
        })
        .collect();
    let operations: Vec<(&str, Vec<String>, bool)> = vec![
        (
            "members list, first page",
            vec!["/admin/members".into()],
            true,
        ),
        ("members list, deep page", vec![deep.clone()], true),
        ("search by name", names, true),
        ("search by address", emails, true),
        (
            "chapter filter (mexico)",
            vec!["/admin/members?chapter=mexico".into()],
            true,
        ),
        ("a member's page", member_pages, true),
        ("dashboard", vec!["/admin".into()], true),
        (
            "newsletter page (audience count)",
            vec![letter_path.clone()],
            true,
        ),
        ("public GET /en/", vec!["/en/".into()], false),
        ("public GET /en/events", vec!["/en/events".into()], false),
    ];
    let amount = if ctx.quick {
        Amount::Count(6)
    } else {
        Amount::For(Duration::from_secs(5))
    };
    for (label, paths, back_office) in operations {
        let op = Arc::new(Get {
            paths,
            cookie: back_office.then(|| cookie.clone()),
        });
        let (run, cpu) =
            measured(env.server.pid(), env.server.addr, CONNECTIONS, amount, op).await?;
        let scenario = format!("{name}: {label}");
        results.check(
            &scenario,
            backend,
            "every answer 200",
            run.errors == 0 && run.ops > 0,
            format!(
                "{} answered 200, {} did not{}",
                run.ops,
                run.errors,
                run.first_errors
                    .first()
                    .map(|e| format!(" (first: {e})"))
                    .unwrap_or_default()
            ),
        );
        let mut row = Row::measured(
            &scenario,
            backend,
            CONNECTIONS,
            &run,
            None,
            env.server.peak_mib(),
        )
        .with_cpu(cpu, None);
        row.note = Some(format!(
            "{members} members, {} events, {} registrations; {} connections",
            seeded.events, seeded.registrations, CONNECTIONS
        ));
        eprintln!(
            "bench: {scenario} ({backend}): p50 {:.1} ms, p99 {:.1} ms over {} requests",
            row.p50_ms.unwrap_or(0.0),
            row.p99_ms.unwrap_or(0.0),
            row.ops
        );
        if back_office && members >= 1_000_000 {
            let p99 = row.p99_ms.unwrap_or(f64::INFINITY);
            results.target(
                &row,
                "p99 under 300 ms at 1,000,000 members",
                format!("p99 {p99:.1} ms, p50 {:.1} ms", row.p50_ms.unwrap_or(0.0)),
                p99 < TARGET_P99_MS,
            );
        }
        results.rows.push(row);
    }

    // The export of everyone, after the step up it asks for.
    step_up(env, &mut jar).await?;
    let cookie = jar.header();
    let done = export(env, &cookie, &known).await?;
    let header_ok = done.head.starts_with("\u{feff}email,full_name,".as_bytes());
    let rows = done.lines.saturating_sub(1);
    results.check(
        &format!("{name}: CSV export"),
        backend,
        "the export answers 200 with its header and exactly one row per member",
        done.status == StatusCode::OK && header_ok && rows == seeded.listed && done.has_known,
        format!(
            "{}; {rows} rows for {} members; header {}; known address {}",
            done.status,
            seeded.listed,
            if header_ok { "ok" } else { "missing" },
            if done.has_known { "present" } else { "missing" }
        ),
    );
    let growth = (done.peak_mib - done.rss_before_mib).max(0.0);
    let row = Row {
        scenario: format!("{name}: CSV export of all members"),
        backend: backend.to_owned(),
        throughput: rows as f64 / done.seconds.max(1e-9),
        peak_server_mib: Some(done.peak_mib),
        ops: rows,
        seconds: done.seconds,
        connections: 1,
        note: Some(format!(
            "{:.1} s for {rows} rows ({:.1} MB); resident {:.1} MiB before, peak {:.1} MiB during (+{growth:.1} MiB)",
            done.seconds,
            done.bytes as f64 / 1e6,
            done.rss_before_mib,
            done.peak_mib
        )),
        ..Row::default()
    };
    eprintln!(
        "bench: {} ({backend}): {}",
        row.scenario,
        row.note.as_deref().unwrap_or_default()
    );
    results.target(
        &row,
        "the export's memory stays flat (at most 32 MiB above the server's before it)",
        format!(
            "+{growth:.1} MiB ({:.1} → peak {:.1} MiB)",
            done.rss_before_mib, done.peak_mib
        ),
        growth <= FLAT_MIB,
    );
    results.rows.push(row);
    let seed_row = Row {
        scenario: format!("{name}: seeding (SQL, one transaction)"),
        backend: backend.to_owned(),
        throughput: members as f64 / seed_s.max(1e-9),
        ops: members,
        seconds: seed_s,
        note: Some(format!(
            "{members} members with their consents, {} events, {} registrations",
            seeded.events, seeded.registrations
        )),
        ..Row::default()
    };
    results.rows.push(seed_row);
    Ok(growth)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_figures_of_the_pages() {
        let list = "<p role=\"status\">\u{2068}1,000,000\u{2069} members</p>";
        assert_eq!(listed_total(list), Some(1_000_000));
        let letter = "<dt>Recipients if sent now</dt><dd>12345</dd>";
        assert_eq!(
            recipients_now(letter, "Recipients if sent now"),
            Some(12_345)
        );
    }

    #[test]
    fn addresses_are_distinct_and_plain() {
        let a = seed::email(0);
        let b = seed::email(60);
        assert_ne!(a, b);
        assert!(a.is_ascii() && a.ends_with("@example.org"), "{a}");
    }
}
