//! `enumeration`: does an answer, or its timing, tell whether an address is known? Three forms,
//! each posted as often with a known address as with an unknown one, interleaved (even
//! operations known, odd unknown, over the same connections):
//!
//! - joining (`POST /en/join`): known = an active member (who gets an "already a member"
//!   email), unknown = a fresh address each time (who gets a confirmation email);
//! - a member's sign-in (`POST /en/sign-in`, the emailed link): known = an active member,
//!   unknown = nobody's address;
//! - an organizer's sign-in (`POST /admin/sign-in`) with a wrong password: known = a real
//!   organizer (argon2 runs), unknown = nobody's address (the limits are raised as in
//!   `login-flood`, so no limit or lockout answers first).
//!
//! Only the POST is timed (the form's GET is the same for both). Reported: p50 and p99 of each
//! class and their difference. Check (failing the run): the answers are the same for both
//! classes: status, `Location`, the names of the cookies set, and the body once the address
//! itself, the CSRF token and the form stamp are masked.

use std::{
    collections::BTreeSet,
    sync::{Arc, Mutex},
};

use anyhow::Context;
use hdrhistogram::Histogram;
use hyper::{StatusCode, header};

use super::{CSRF_COOKIE, Ctx, Env, person_name};
use crate::{
    db,
    load::{self, Amount, BoxFuture, Conn, Op, Reply, hidden_input},
    report::{Results, Row},
    server,
};

const ORGANIZER: &str = "enumeration-organizer@example.org";
const PASSWORD: &str = "bench organizer passphrase, long enough";
const UNLIMITED: &str = "1000000000";
const KNOWN_MEMBERS: u64 = 200;
const KNOWN_PREFIX: &str = "known-";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    Join,
    SignIn,
    Organizer,
}

impl Form {
    fn name(self) -> &'static str {
        match self {
            Form::Join => "join (POST /en/join)",
            Form::SignIn => "member sign-in (POST /en/sign-in)",
            Form::Organizer => "organizer sign-in, wrong password (POST /admin/sign-in)",
        }
    }
}

/// Per class (0 known, 1 unknown): latencies of the POST in µs, and the distinct answers.
struct Seen {
    latency: [Histogram<u64>; 2],
    pages: [BTreeSet<String>; 2],
    statuses: [BTreeSet<u16>; 2],
}

struct Probe {
    form: Form,
    origin: String,
    tag: String,
    /// The organizer form's cookie and token, fetched once.
    admin: Option<(String, String)>,
    seen: Mutex<Seen>,
}

/// What is left of an answer once what differs by design (the address, the tokens) is masked.
fn normalize(reply: &Reply, email: &str) -> String {
    let mut body = reply.text().replace(email, "{EMAIL}");
    for name in ["csrf_token", "form_ts"] {
        if let Some(value) = hidden_input(&body, name)
            && !value.is_empty()
        {
            body = body.replace(&value, &format!("{{{name}}}"));
        }
    }
    let mut cookies: Vec<String> = reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split('=').next())
        .map(str::to_owned)
        .collect();
    cookies.sort();
    format!(
        "{} location={:?} cookies={cookies:?}\n{body}",
        reply.status.as_u16(),
        reply.location()
    )
}

impl Probe {
    fn email(&self, index: u64) -> (usize, String) {
        let half = index / 2;
        if index.is_multiple_of(2) {
            match self.form {
                Form::Organizer => (0, ORGANIZER.to_owned()),
                _ => (
                    0,
                    format!("{KNOWN_PREFIX}{}@example.org", half % KNOWN_MEMBERS),
                ),
            }
        } else {
            (1, format!("unknown-{}-{half}@example.org", self.tag))
        }
    }

    async fn once(&self, conn: &mut Conn, index: u64) -> anyhow::Result<()> {
        let (class, email) = self.email(index);
        let (path, cookie, mut fields) = match self.form {
            Form::Organizer => {
                let (cookie, csrf) = self.admin.clone().context("no organizer form")?;
                (
                    "/admin/sign-in",
                    cookie,
                    vec![
                        ("csrf_token".to_owned(), csrf),
                        ("email".to_owned(), email.clone()),
                        ("password".to_owned(), format!("wrong guess {index}")),
                    ],
                )
            }
            Form::Join | Form::SignIn => {
                let path = if self.form == Form::Join {
                    "/en/join"
                } else {
                    "/en/sign-in"
                };
                let form = conn.get(path, None).await?;
                form.expect(&format!("GET {path}"), StatusCode::OK)?;
                let cookie = form
                    .cookie(CSRF_COOKIE)
                    .with_context(|| format!("GET {path} set no reseau_csrf cookie"))?;
                let page = form.text();
                let csrf = hidden_input(page, "csrf_token").context("no csrf_token")?;
                let stamp = hidden_input(page, "form_ts").context("no form_ts")?;
                let fields = vec![
                    ("csrf_token".to_owned(), csrf),
                    ("form_ts".to_owned(), stamp),
                    ("website".to_owned(), String::new()),
                    ("email".to_owned(), email.clone()),
                ];
                (path, cookie, fields)
            }
        };
        if self.form == Form::Join {
            fields.extend([
                ("full_name".to_owned(), person_name(index)),
                ("chapter".to_owned(), "canada".to_owned()),
                ("region".to_owned(), String::new()),
                ("language".to_owned(), "en".to_owned()),
            ]);
        }
        let pairs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let t0 = std::time::Instant::now();
        let reply = conn.post_form(path, &cookie, &self.origin, &pairs).await?;
        let micros = u64::try_from(t0.elapsed().as_micros()).unwrap_or(u64::MAX);
        let page = normalize(&reply, &email);
        let mut seen = self
            .seen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        seen.latency[class]
            .record(micros.max(1))
            .context("recording a latency")?;
        seen.statuses[class].insert(reply.status.as_u16());
        // A handful of distinct pages is plenty to compare; a token left unmasked would
        // otherwise make one per request.
        if seen.pages[class].len() < 8 {
            seen.pages[class].insert(page);
        }
        Ok(())
    }
}

impl Op for Probe {
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
    env.stop("enumeration", ctx.backend_name(), results).await;
    outcome
}

async fn measure(ctx: &Ctx, env: &Env, results: &mut Results) -> anyhow::Result<()> {
    let backend = ctx.backend_name();
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
            "Enumeration Organizer",
        ],
        &[("RESEAU_ORGANIZER_PASSWORD", PASSWORD)],
    )
    .await
    .context("creating the organizer")?;
    let conn = db::open(&env.db.url).await?;
    let canada = db::chapter_id(&conn, "canada").await?;
    db::seed_members(&conn, KNOWN_PREFIX, 0..KNOWN_MEMBERS, |_| canada, false).await?;
    conn.close().await.ok();

    let mut admin_conn = Conn::new(env.server.addr);
    let form = admin_conn.get("/admin/sign-in", None).await?;
    form.expect("GET /admin/sign-in", StatusCode::OK)?;
    let admin = (
        form.cookie(CSRF_COOKIE)
            .context("GET /admin/sign-in set no reseau_csrf cookie")?,
        hidden_input(form.text(), "csrf_token").context("no csrf_token in the form")?,
    );
    drop(admin_conn);

    let plan = if ctx.quick {
        [
            (Form::Join, 100, 8),
            (Form::SignIn, 100, 8),
            (Form::Organizer, 20, 4),
        ]
    } else {
        [
            (Form::Join, 2_000, 8),
            (Form::SignIn, 2_000, 8),
            (Form::Organizer, 300, 4),
        ]
    };
    for (form, count, connections) in plan {
        let probe = Arc::new(Probe {
            form,
            origin: env.server.base.clone(),
            tag: format!("{:08x}", rand::random::<u32>()),
            admin: Some(admin.clone()),
            seen: Mutex::new(Seen {
                latency: [Histogram::new(3)?, Histogram::new(3)?],
                pages: [BTreeSet::new(), BTreeSet::new()],
                statuses: [BTreeSet::new(), BTreeSet::new()],
            }),
        });
        eprintln!(
            "bench: enumeration ({backend}): {}: {count} posts, known and unknown in turn, over {connections} connections",
            form.name()
        );
        let outcome = load::run(
            env.server.addr,
            connections,
            Amount::Count(count),
            probe.clone(),
        )
        .await?;
        let seen = probe
            .seen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let [known, unknown] = &seen.latency;
        results.check(
            &format!("enumeration: {}", form.name()),
            backend,
            "every post answered",
            outcome.errors == 0 && outcome.ops == count,
            format!(
                "{} of {count}{}",
                outcome.ops,
                outcome
                    .first_errors
                    .first()
                    .map(|e| format!("; first error: {e}"))
                    .unwrap_or_default()
            ),
        );
        let same = seen.pages[0] == seen.pages[1] && seen.pages[0].len() == 1;
        results.check(
            &format!("enumeration: {}", form.name()),
            backend,
            "the same answer for a known and an unknown address (status, location, cookies, body with address and tokens masked)",
            same,
            format!(
                "known: statuses {:?}, {} distinct page(s); unknown: statuses {:?}, {} distinct page(s){}",
                seen.statuses[0],
                seen.pages[0].len(),
                seen.statuses[1],
                seen.pages[1].len(),
                if same {
                    String::new()
                } else {
                    format!(
                        "; first known: {:?}; first unknown: {:?}",
                        seen.pages[0]
                            .first()
                            .map(|p| p.chars().take(200).collect::<String>()),
                        seen.pages[1]
                            .first()
                            .map(|p| p.chars().take(200).collect::<String>())
                    )
                }
            ),
        );
        let ms = |h: &Histogram<u64>, q: f64| h.value_at_quantile(q) as f64 / 1000.0;
        let secs = outcome.elapsed.as_secs_f64();
        let row = |class: &str, h: &Histogram<u64>, other: Option<&Histogram<u64>>| Row {
            scenario: format!("enumeration: {}, {class} address", form.name()),
            backend: backend.to_owned(),
            throughput: if secs > 0.0 {
                h.len() as f64 / secs
            } else {
                0.0
            },
            p50_ms: Some(ms(h, 0.5)),
            p99_ms: Some(ms(h, 0.99)),
            peak_server_mib: Some(env.server.peak_mib()),
            baseline_p50_ms: other.map(|o| ms(o, 0.5)),
            baseline_p99_ms: other.map(|o| ms(o, 0.99)),
            ops: h.len(),
            seconds: secs,
            connections,
            note: other.map(|o| {
                format!(
                    "known − unknown: p50 {:+.2} ms, p99 {:+.2} ms",
                    ms(o, 0.5) - ms(h, 0.5),
                    ms(o, 0.99) - ms(h, 0.99)
                )
            }),
            ..Row::default()
        };
        let known_row = row("known", known, None);
        let unknown_row = row("unknown", unknown, Some(known));
        let (k50, u50) = (ms(known, 0.5), ms(unknown, 0.5));
        let (k99, u99) = (ms(known, 0.99), ms(unknown, 0.99));
        let diff = (k50 - u50).abs();
        results.target(
            &unknown_row,
            "timing does not tell a known address: the medians within 10 % (or 0.5 ms) of each other",
            format!(
                "p50 {k50:.2} ms known, {u50:.2} ms unknown ({:+.2} ms); p99 {k99:.2} and {u99:.2} ms ({:+.2} ms)",
                k50 - u50,
                k99 - u99
            ),
            diff <= 0.5_f64.max(0.10 * k50.max(u50)),
        );
        eprintln!(
            "bench: enumeration ({backend}): {}: p50 {k50:.2} / {u50:.2} ms, p99 {k99:.2} / {u99:.2} ms (known / unknown)",
            form.name()
        );
        results.rows.push(known_row);
        results.rows.push(unknown_row);
    }
    Ok(())
}
