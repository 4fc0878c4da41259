//! Every delivery rule holds at the last moment, from every door (issue 13): a member who
//! unsubscribes while their copy is already in a worker's batch gets no copy; Pause and
//! "Cancel the rest" stop a separate worker process within the messages it has in flight; a
//! newsletter never goes out without the sender identification CASL requires, whoever starts
//! it; and a sign-in link does not wait behind thousands of newsletter copies.

use std::{
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use chrono::Utc;
use domain::entities::{chapter, consent, member, newsletter};
use reqwest::StatusCode;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use tokio_util::sync::CancellationToken;

use crate::{
    helpers::{Page, TestApp, spawn_app, spawn_app_with},
    newsletters::{join, press, write_newsletter},
    staff::Browser,
};

/// The subject line of the newsletter `write_newsletter` writes, as it appears in the raw
/// message.
const SUBJECT: &str = "Subject: Summit news";

/// Waits until `check` holds, for at most `limit`, or fails saying `what`.
async fn eventually(what: &str, limit: Duration, mut check: impl AsyncFnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !check().await {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// `n` members of the Canadian chapter who want the newsletter, `{prefix}{i}@example.org`,
/// written straight into the database (joining thousands through the site would test
/// joining, not sending), in chunks SQLite's parameter limit allows.
async fn readers(app: &TestApp, prefix: &str, n: usize) -> Vec<String> {
    let canada = chapter::Entity::find()
        .filter(chapter::Column::Slug.eq("canada"))
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    let now = Utc::now();
    let emails: Vec<String> = (0..n).map(|i| format!("{prefix}{i}@example.org")).collect();
    for chunk in emails.chunks(500) {
        let rows = chunk.iter().map(|email| member::ActiveModel {
            email: Set(email.clone()),
            full_name: Set("Reader".into()),
            language: Set(domain::Language::En),
            chapter_id: Set(canada.id),
            region: Set(None),
            interests: Set(String::new()),
            status: Set(domain::membership::Status::Active),
            newsletter_requested: Set(true),
            join_wording_version: Set("test".into()),
            join_source: Set("test".into()),
            join_language: Set(domain::Language::En),
            created_at: Set(now),
            updated_at: Set(now),
            confirmed_at: Set(Some(now)),
            hard_bounces: Set(0),
            newsletter_suspended_at: Set(None),
            // The newsletter consent inserted below, mirrored as `consent::append` does.
            newsletter_decision: Set(Some(true)),
            ..Default::default()
        });
        member::Entity::insert_many(rows)
            .exec_without_returning(app.db.writer())
            .await
            .unwrap();
        let ids: Vec<i64> = member::Entity::find()
            .filter(member::Column::Email.is_in(chunk.iter().cloned()))
            .all(app.db.reader())
            .await
            .unwrap()
            .into_iter()
            .map(|m| m.id)
            .collect();
        let consents = ids.iter().map(|id| consent::ActiveModel {
            member_id: Set(*id),
            purpose: Set(domain::consent::Purpose::Newsletter),
            granted: Set(true),
            wording_version: Set("test".into()),
            language: Set(domain::Language::En),
            source: Set("test".into()),
            email_hash: Set(String::new()),
            created_at: Set(now),
            ..Default::default()
        });
        consent::Entity::insert_many(consents)
            .exec_without_returning(app.db.writer())
            .await
            .unwrap();
    }
    emails
}

/// A `reseau worker` process (it also runs the scheduled jobs) on the test's database and
/// SMTP sink, with `env` on top.
struct WorkerProcess(Child);

impl Drop for WorkerProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn worker_process(app: &TestApp, env: &[(&str, &str)]) -> WorkerProcess {
    let mut command = Command::new(env!("CARGO_BIN_EXE_reseau"));
    command
        .arg("worker")
        .env("RESEAU_DATABASE_URL", &app.database_url)
        .env("RESEAU_BASE_URL", &app.base)
        .env("RESEAU_MAIL__TRANSPORT", "smtp")
        .env("RESEAU_MAIL__ALLOW_RESERVED_DOMAINS", "true")
        .env("RESEAU_MAIL__SMTP_URL", &app.smtp_url)
        .env("RESEAU_MAIL__FROM", "Réseau <no-reply@reseau.test>")
        .env("RESEAU_WORKER__POLL_INTERVAL_MS", "100")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (name, value) in env {
        command.env(name, value);
    }
    WorkerProcess(command.spawn().expect("start reseau worker"))
}

/// The outbox worker running in the background, as `reseau serve` runs it.
struct Background(CancellationToken);

impl Drop for Background {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

fn background_worker(app: &TestApp) -> Background {
    let stop = CancellationToken::new();
    let worker = app.worker.clone();
    let token = stop.clone();
    tokio::spawn(async move { worker.run(token).await });
    Background(stop)
}

/// Copies of the newsletter received, in all.
fn received(app: &TestApp) -> usize {
    app.sink.copies(SUBJECT).values().sum()
}

async fn copies_in(app: &TestApp, status: &str) -> i64 {
    app.count(&format!(
        "SELECT COUNT(*) FROM outbox WHERE kind = 'newsletter' AND status = '{status}'"
    ))
    .await
}

/// The value next to `label` in the facts of a page.
fn fact(page: &Page, label: &str) -> String {
    let labels = page.texts("dl.facts dt");
    let values = page.texts("dl.facts dd");
    labels
        .iter()
        .position(|l| l == label)
        .and_then(|i| values.get(i).cloned())
        .unwrap_or_else(|| panic!("no fact {label} in {labels:?}"))
}

#[tokio::test]
async fn a_member_who_unsubscribes_while_their_copy_is_in_flight_gets_none() {
    // One message at a time, each taking a while at the relay: the whole audience is
    // claimed in one batch long before the last copy's turn.
    let app = spawn_app_with(&[("worker.batch_size", "64"), ("worker.concurrency", "1")]).await;
    readers(&app, "reader", 30).await;
    // The last to join, so the last copy of the batch.
    join(&app, "leave@example.org", "en", "canada", &[], true).await;
    let link = app
        .sink
        .mails_to("leave@example.org")
        .pop()
        .unwrap()
        .link("/en/unsubscribe/");
    let (browser, page) =
        write_newsletter(&app, "org@example.org", &[("chapters", "canada")]).await;
    assert_eq!(
        press(&browser, &page, "send").await.status,
        StatusCode::SEE_OTHER
    );
    app.jobs.run_once(Utc::now()).await.unwrap();
    app.sink.delay_each(100);
    let _worker = background_worker(&app);

    // The worker holds the leaver's copy (claimed with the batch) and is sending the others.
    let leaver_copy = "SELECT COUNT(*) FROM outbox o JOIN members m ON m.id = o.member_id \
                       WHERE m.email = 'leave@example.org' AND o.kind = 'newsletter' AND o.status = 'sending'";
    eventually(
        "the batch to be in flight",
        Duration::from_secs(30),
        async || app.count(leaver_copy).await == 1 && received(&app) >= 1,
    )
    .await;
    assert!(received(&app) < 30, "the batch was over before the test");

    // One click from the mail provider, while the copy waits its turn in the worker.
    let response = reqwest::Client::new()
        .post(&link)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);

    eventually("the send to finish", Duration::from_secs(60), async || {
        app.count("SELECT COUNT(*) FROM outbox WHERE kind = 'newsletter' AND status IN ('queued', 'sending')")
            .await
            == 0
    })
    .await;
    // Time for a late copy to show up, if one were coming.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let copies = app.sink.copies(SUBJECT);
    assert_eq!(
        copies.get("leave@example.org"),
        None,
        "the unsubscribe came first"
    );
    assert_eq!(copies.len(), 30, "everyone else got theirs: {copies:?}");
    assert!(copies.values().all(|n| *n == 1), "{copies:?}");
    // Skipped, with the reason, not retried nor left in flight; the organizer sees it.
    let rows = app
        .rows("SELECT o.status, o.last_error FROM outbox o JOIN members m ON m.id = o.member_id WHERE m.email = 'leave@example.org' AND o.kind = 'newsletter'")
        .await;
    assert_eq!(rows[0]["status"], "cancelled", "{rows:?}");
    assert!(
        rows[0]["last_error"]
            .as_str()
            .unwrap()
            .contains("no longer subscribed"),
        "{rows:?}"
    );
    let shown = browser.get(&page).await;
    assert_eq!(fact(&shown, "Skipped (unsubscribed or cancelled)"), "1");
    assert_eq!(fact(&shown, "Sent"), "30");
}

#[tokio::test]
async fn pause_and_cancel_stop_a_separate_worker_within_the_messages_in_flight() {
    const READERS: usize = 400;
    let app = spawn_app().await;
    let emails = readers(&app, "reader", READERS).await;
    let (browser, page) =
        write_newsletter(&app, "org@example.org", &[("chapters", "canada")]).await;
    // A capped relay, a large batch: the worker holds hundreds of claimed copies at a time.
    let _worker = worker_process(
        &app,
        &[
            ("RESEAU_WORKER__RATE_PER_SECOND", "40"),
            ("RESEAU_WORKER__BATCH_SIZE", "256"),
            ("RESEAU_WORKER__CONCURRENCY", "8"),
        ],
    );
    assert_eq!(
        press(&browser, &page, "send").await.status,
        StatusCode::SEE_OTHER
    );
    app.jobs.run_once(Utc::now()).await.unwrap();
    eventually("the first copies", Duration::from_secs(60), async || {
        received(&app) >= 30
    })
    .await;

    // Pause: once it has answered, no copy arrives but those recorded as sent before it.
    let paused = press(&browser, &page, "pause").await;
    assert_eq!(paused.status, StatusCode::SEE_OTHER);
    let sent_at_pause = copies_in(&app, "sent").await as usize;
    assert!(sent_at_pause < READERS, "paused too late to prove anything");
    // The claimed-but-unsent copies are back in the queue at once, on every worker.
    assert_eq!(copies_in(&app, "sending").await, 0);
    assert_eq!(
        copies_in(&app, "queued").await as usize,
        READERS - sent_at_pause
    );
    // The worker's batch had hundreds of copies; time for any of them to show up.
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(received(&app), sent_at_pause, "a copy arrived after Pause");
    assert_eq!(
        copies_in(&app, "queued").await as usize,
        READERS - sent_at_pause
    );
    assert_eq!(copies_in(&app, "cancelled").await, 0, "paused, not skipped");

    // Resume: the rest goes out, where it stopped.
    assert_eq!(
        press(&browser, &page, "resume").await.status,
        StatusCode::SEE_OTHER
    );
    eventually(
        "more copies after Resume",
        Duration::from_secs(60),
        async || received(&app) >= sent_at_pause + 30,
    )
    .await;

    // Cancel the rest: once it has answered, nothing more arrives; the rest is skipped.
    let cancelled = press(&browser, &page, "cancel").await;
    assert_eq!(cancelled.status, StatusCode::SEE_OTHER);
    let sent_at_cancel = copies_in(&app, "sent").await as usize;
    assert!(
        sent_at_cancel < READERS,
        "cancelled too late to prove anything"
    );
    assert_eq!(copies_in(&app, "sending").await, 0);
    assert_eq!(copies_in(&app, "queued").await, 0);
    tokio::time::sleep(Duration::from_secs(3)).await;
    let copies = app.sink.copies(SUBJECT);
    assert_eq!(
        received(&app),
        sent_at_cancel,
        "a copy arrived after Cancel"
    );
    assert!(copies.values().all(|n| *n == 1), "nobody twice");
    assert!(copies.keys().all(|to| emails.contains(to)));
    assert_eq!(
        copies_in(&app, "cancelled").await as usize,
        READERS - sent_at_cancel
    );
    let shown = browser.get(&page).await;
    assert_eq!(
        fact(&shown, "Skipped (unsubscribed or cancelled)"),
        (READERS - sent_at_cancel).to_string()
    );
    assert_eq!(fact(&shown, "Remaining"), "0");
}

#[tokio::test]
async fn a_newsletter_never_goes_out_without_the_sender_identification_casl_requires() {
    let app = spawn_app().await;
    join(&app, "ada@example.org", "en", "canada", &[], true).await;
    let (browser, page) =
        write_newsletter(&app, "org@example.org", &[("chapters", "canada")]).await;
    // Scheduled while the site has the postal address…
    let tomorrow = (Utc::now() + chrono::Duration::days(1))
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let scheduled = browser
        .submit(
            &page,
            &format!("{page}/schedule"),
            &[("at", &tomorrow), ("time_zone", "UTC")],
        )
        .await;
    assert_eq!(scheduled.status, StatusCode::SEE_OTHER);
    // …its time comes…
    newsletter::Entity::update_many()
        .col_expr(
            newsletter::Column::ScheduledAt,
            Expr::value(Utc::now() - chrono::Duration::minutes(1)),
        )
        .exec(app.db.writer())
        .await
        .unwrap();
    // …after a restart without it: the scheduled jobs of this worker may not start it.
    let unidentified = [("RESEAU_MAIL__POSTAL_ADDRESS", "")];
    let worker = worker_process(&app, &unidentified);
    eventually("the schedule to be held back", Duration::from_secs(30), async || {
        app.count("SELECT COUNT(*) FROM newsletters WHERE status = 'draft' AND held_reason = 'mail.postal_address'")
            .await
            == 1
    })
    .await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE kind = 'newsletter'")
            .await,
        0
    );
    let shown = browser.get(&page).await;
    let held = shown.text(".notice.held");
    assert!(held.contains("held back"), "{held}");
    assert!(held.contains("mail.postal_address"), "{held}");
    // In the organizer's language.
    let french = Browser::new(&app);
    french
        .sign_in("org@example.org", crate::staff::PASSWORD)
        .await;
    french.get("/admin/lang/fr?back=/admin").await;
    let held_fr = french.get(&page).await.text(".notice.held");
    assert!(held_fr.contains("retenue"), "{held_fr}");

    // Sent by the button from a site that has the address: the worker without it holds
    // the send back before the copy, and the organizer sees why.
    assert_eq!(
        press(&browser, &page, "send").await.status,
        StatusCode::SEE_OTHER
    );
    eventually("the send to be held back", Duration::from_secs(30), async || {
        app.count("SELECT COUNT(*) FROM newsletters WHERE status = 'paused' AND held_reason = 'mail.postal_address'")
            .await
            == 1
    })
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(received(&app), 0, "nothing without a postal address");
    assert_eq!(copies_in(&app, "queued").await, 1, "the copy waits");
    let held = browser.get(&page).await.text(".notice.held");
    assert!(held.contains("paused"), "{held}");
    drop(worker);

    // Once the workers have it again, the organizer resumes and the copy carries it.
    let _worker = worker_process(&app, &[]);
    assert_eq!(
        press(&browser, &page, "resume").await.status,
        StatusCode::SEE_OTHER
    );
    eventually("the copy", Duration::from_secs(30), async || {
        received(&app) == 1
    })
    .await;
    let copy = app
        .sink
        .mails_to("ada@example.org")
        .into_iter()
        .find(|m| m.subject == "Summit news")
        .unwrap();
    assert!(copy.text.contains("Ottawa ON"), "{}", copy.text);
    assert!(!browser.get(&page).await.has(".notice.held"));
}

const METRICS_TOKEN: &str = "metrics-token-for-the-lanes-0123";

#[tokio::test]
async fn a_sign_in_link_arrives_while_thousands_of_newsletter_copies_wait() {
    let app = spawn_app_with(&[
        // A relay capped to 20 messages a second, saturated by the newsletter.
        ("worker.rate_per_second", "20"),
        ("worker.batch_size", "256"),
        ("worker.concurrency", "4"),
        ("metrics.token", METRICS_TOKEN),
    ])
    .await;
    join(&app, "ada@example.org", "en", "canada", &[], false).await;
    readers(&app, "reader", 3000).await;
    let (browser, page) =
        write_newsletter(&app, "org@example.org", &[("chapters", "canada")]).await;
    press(&browser, &page, "send").await;
    app.jobs.run_once(Utc::now()).await.unwrap();
    let _worker = background_worker(&app);
    eventually(
        "the newsletter to be under way",
        Duration::from_secs(60),
        async || received(&app) >= 20,
    )
    .await;

    // A member asks for a sign-in link while a bulk batch is in flight.
    let before = app.sink.mails_to("ada@example.org").len();
    let form = app.get("/en/sign-in").await;
    let mut fields = form.hidden_fields();
    fields.push(("email".into(), "ada@example.org".into()));
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let asked = app.post_form("/en/sign-in", &pairs).await;
    assert_eq!(asked.location(), "/en/sign-in/sent");
    eventually("the sign-in link", Duration::from_secs(60), async || {
        app.sink.mails_to("ada@example.org").len() > before
    })
    .await;
    let waiting = app
        .count("SELECT COUNT(*) FROM outbox WHERE kind = 'newsletter' AND status IN ('queued', 'sending')")
        .await;
    assert!(
        waiting > 2000,
        "the link waited for the newsletter: {waiting} copies left"
    );

    // The operator sees both lanes.
    let metrics = Page::read(
        app.client
            .get(app.url("/metrics"))
            .bearer_auth(METRICS_TOKEN)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(metrics.status, StatusCode::OK);
    let bulk_queued = metrics
        .body
        .lines()
        .find(|l| {
            l.starts_with("reseau_outbox_lane_messages{")
                && l.contains("lane=\"bulk\"")
                && l.contains("status=\"queued\"")
        })
        .unwrap_or_else(|| panic!("no bulk lane in\n{}", metrics.body));
    let n: f64 = bulk_queued.rsplit(' ').next().unwrap().parse().unwrap();
    assert!(n > 1000.0, "{bulk_queued}");
    assert!(
        metrics
            .body
            .contains("reseau_outbox_lane_oldest_due_seconds{lane=\"transactional\"}"),
        "{}",
        metrics.body
    );

    // And the link works.
    let mail = app.sink.mails_to("ada@example.org").pop().unwrap();
    let signed_in = app.press_button(&mail.link("/en/sign-in/")).await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    assert_eq!(signed_in.location(), "/en/account");
    app.leave_mail_unchecked(
        "the newsletter is stopped part way on purpose: its copies stay queued or claimed",
    );
}
