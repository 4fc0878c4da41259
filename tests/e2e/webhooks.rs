//! Webhooks end to end: an endpoint registered in the back office (refused on a private
//! address unless the operator allows it), events emitted by the real use cases, signed as
//! Standard Webhooks says and verified by a receiver on loopback, an outage survived with
//! retries, and a `reseau worker` killed in the middle of deliveries posting nothing twice.

use std::{
    collections::HashMap,
    process::{Child, Command, Stdio},
    sync::{
        Arc, Mutex,
        atomic::{AtomicU16, AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use axum::{Router, body::Bytes, extract::State, http::HeaderMap, routing::post};
use chrono::Utc;
use domain::webhooks::{self, NewEndpoint, Topic, signature};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::{
    helpers::{TestApp, spawn_app_with},
    osdi::admin,
};

/// One request the receiver got.
#[derive(Clone, Debug)]
struct Received {
    id: String,
    timestamp: i64,
    signature: String,
    body: String,
    /// What the receiver answered.
    answered: u16,
}

/// A webhook receiver on loopback: it keeps every request, answers `status`, after `delay`.
#[derive(Clone)]
struct Receiver {
    port: u16,
    got: Arc<Mutex<Vec<Received>>>,
    status: Arc<AtomicU16>,
    delay_ms: Arc<AtomicU64>,
}

async fn take(State(r): State<Receiver>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let header = |name: &str| {
        headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    let answered = r.status.load(Ordering::SeqCst);
    r.got.lock().unwrap().push(Received {
        id: header("webhook-id"),
        timestamp: header("webhook-timestamp").parse().unwrap_or_default(),
        signature: header("webhook-signature"),
        body: String::from_utf8(body.to_vec()).unwrap(),
        answered,
    });
    let delay = r.delay_ms.load(Ordering::SeqCst);
    if delay > 0 {
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    StatusCode::from_u16(answered).unwrap()
}

impl Receiver {
    async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let receiver = Self {
            port: listener.local_addr().unwrap().port(),
            got: Arc::default(),
            status: Arc::new(AtomicU16::new(200)),
            delay_ms: Arc::default(),
        };
        let app = Router::new()
            .route("/hook", post(take))
            .with_state(receiver.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        receiver
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/hook", self.port)
    }

    fn got(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }

    /// Events taken (answered 2xx), by id: how many times each.
    fn taken(&self) -> HashMap<String, usize> {
        let mut taken = HashMap::new();
        for r in self.got().iter().filter(|r| r.answered < 300) {
            *taken.entry(r.id.clone()).or_default() += 1;
        }
        taken
    }
}

const ALLOW_LOOPBACK: (&str, &str) = ("webhooks.allow_private_targets", "true");

/// Runs the webhook loop until nothing is due at `now`.
async fn deliver_hooks_at(app: &TestApp, now: chrono::DateTime<Utc>) -> app::webhooks::HooksPass {
    let mut total = app::webhooks::HooksPass::default();
    loop {
        let pass = app.hooks.run_once(now).await.unwrap();
        if pass.handled() == 0 {
            return total;
        }
        total.delivered += pass.delivered;
        total.retried += pass.retried;
        total.failed += pass.failed;
        total.lost += pass.lost;
    }
}

#[tokio::test]
async fn a_private_address_is_refused_unless_the_operator_allows_it() {
    let app = spawn_app_with(&[]).await;
    let browser = admin(&app).await;
    for url in [
        "http://127.0.0.1:9/hook",
        "https://169.254.169.254/latest",
        "https://localhost/x",
    ] {
        let page = browser
            .submit(
                "/admin/webhooks",
                "/admin/webhooks",
                &[("url", url), ("topics", "member.confirmed")],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{url}");
        assert!(page.has("#url-error"), "{url}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM webhook_endpoints").await, 0);
    // One written past the form (or before the setting changed) is refused at delivery.
    let endpoint = NewEndpoint {
        url: "https://127.0.0.1:9/hook".into(),
        description: String::new(),
        topics: vec![Topic::MemberConfirmed],
    };
    let admin_id = app.count("SELECT id FROM organizers").await;
    webhooks::create_endpoint(
        app.db.writer(),
        &crate::staff::seed_key(),
        &endpoint,
        admin_id,
        Utc::now(),
    )
    .await
    .unwrap();
    webhooks::emit(
        app.db.writer(),
        Topic::MemberConfirmed,
        json!({}),
        Utc::now(),
    )
    .await
    .unwrap();
    let pass = deliver_hooks_at(&app, Utc::now()).await;
    assert_eq!(pass.failed, 1);
    let row = &app
        .rows("SELECT status, last_error FROM webhook_deliveries")
        .await[0];
    assert_eq!(row["status"], "failed");
    assert!(
        row["last_error"].as_str().unwrap().contains("not public"),
        "{row}"
    );
}

#[tokio::test]
async fn a_receiver_gets_each_event_once_signed_and_survives_an_outage() {
    let app = spawn_app_with(&[ALLOW_LOOPBACK]).await;
    let receiver = Receiver::start().await;
    let browser = admin(&app).await;
    let mut fields = vec![("url", receiver.url()), ("description", "CRM".to_owned())];
    fields.extend(Topic::ALL.iter().map(|t| ("topics", t.as_str().to_owned())));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let page = browser
        .submit("/admin/webhooks", "/admin/webhooks", &fields)
        .await;
    assert_eq!(page.status, StatusCode::CREATED, "{}", page.body);
    let secret = page.text("code.webhook-secret");
    assert!(secret.starts_with("whsec_"));
    let stored = app.rows("SELECT secret FROM webhook_endpoints").await[0]["secret"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        !stored.contains(&secret[6..]),
        "the secret is sealed at rest"
    );

    // A member confirms: one event, posted once, signed.
    app.join_and_confirm(
        "en",
        &[
            ("full_name", "Hook Member"),
            ("email", "hook@example.org"),
            ("chapter", "canada"),
            ("language", "en"),
            ("newsletter", "yes"),
        ],
    )
    .await;
    let welcome = app.sink.mails_to("hook@example.org").pop().unwrap();
    assert_eq!(deliver_hooks_at(&app, Utc::now()).await.delivered, 1);
    let got = receiver.got();
    assert_eq!(got.len(), 1);
    let first = &got[0];
    assert!(signature::verify(
        &secret,
        &first.id,
        first.timestamp,
        &first.body,
        &first.signature
    ));
    assert!(!signature::verify(
        &secret,
        &first.id,
        first.timestamp + 1,
        &first.body,
        &first.signature
    ));
    assert!((Utc::now().timestamp() - first.timestamp).abs() < 60);
    let body: Value = serde_json::from_str(&first.body).unwrap();
    assert_eq!(body["type"], "member.confirmed");
    let id = app.count("SELECT id FROM members").await;
    assert_eq!(
        body["data"]["person"]["identifiers"][0],
        format!("reseau:{id}")
    );
    assert!(
        !first.body.contains("hook@example.org"),
        "bodies carry no address"
    );

    // The receiver is down: the unsubscription waits and is tried again, not lost.
    receiver.status.store(503, Ordering::SeqCst);
    let unsubscribe = welcome.link("/unsubscribe/");
    assert!(app.press_button(&unsubscribe).await.status.is_success());
    let pass = deliver_hooks_at(&app, Utc::now()).await;
    assert_eq!(pass.retried, 1);
    let row = &app
        .rows("SELECT status, attempts, response_status FROM webhook_deliveries WHERE topic = 'member.unsubscribed'")
        .await[0];
    assert_eq!(row["status"], "queued");
    assert_eq!(row["response_status"], 503);
    // Nothing before its backoff; then it goes, once the receiver is back.
    assert_eq!(deliver_hooks_at(&app, Utc::now()).await.handled(), 0);
    receiver.status.store(200, Ordering::SeqCst);
    let later = Utc::now() + chrono::Duration::hours(2);
    assert_eq!(deliver_hooks_at(&app, later).await.delivered, 1);
    assert_eq!(deliver_hooks_at(&app, later).await.handled(), 0);
    let taken = receiver.taken();
    assert_eq!(taken.len(), 2);
    assert!(taken.values().all(|&n| n == 1), "{taken:?}");
    let retried: Vec<Received> = receiver
        .got()
        .into_iter()
        .filter(|r| r.body.contains("member.unsubscribed"))
        .collect();
    assert_eq!(retried.len(), 2, "the failed attempt and the retry");
    assert_eq!(
        retried[0].id, retried[1].id,
        "the same webhook-id on every attempt"
    );

    // Registration events, from the event page's own use cases.
    crate::events::publish(&app, "hooked-evening", Some(5), false).await;
    let to_page = crate::events::register(
        &app,
        "en",
        "hooked-evening",
        "Reg Istrant",
        "reg@example.org",
        &[],
    )
    .await;
    assert!(to_page.contains("registered"), "{to_page}");
    let page_link = crate::events::confirm(&app, "reg@example.org").await;
    app.deliver_mail().await;
    let cancel_page = app.get(&page_link).await;
    let csrf = cancel_page.attr("input[name=csrf_token]", "value");
    let cancelled = app
        .post_form(
            &format!("{page_link}/cancel"),
            &[("csrf_token", csrf.as_str())],
        )
        .await;
    assert_eq!(
        cancelled.status,
        StatusCode::SEE_OTHER,
        "{}",
        cancelled.body
    );
    app.deliver_mail().await;
    assert_eq!(app.sink.mails_to("reg@example.org").len(), 3);
    assert_eq!(deliver_hooks_at(&app, Utc::now()).await.delivered, 2);
    let types: Vec<String> = receiver
        .got()
        .iter()
        .map(|r| {
            serde_json::from_str::<Value>(&r.body).unwrap()["type"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    // Deliveries are posted several at a time (`webhooks.concurrency`): the two arrive in
    // either order, each once.
    let mut last_two = types[types.len() - 2..].to_vec();
    last_two.sort();
    assert_eq!(
        last_two,
        ["registration.cancelled", "registration.confirmed"]
    );

    // The back office shows each delivery and its answer.
    let endpoint = app.count("SELECT id FROM webhook_endpoints").await;
    let deliveries = browser.get(&format!("/admin/webhooks/{endpoint}")).await;
    assert_eq!(deliveries.status, StatusCode::OK);
    assert_eq!(deliveries.texts("tr.delivery").len(), 4);
    assert!(
        deliveries
            .texts("td.delivery-state")
            .iter()
            .all(|s| s == "Delivered")
    );
    assert!(
        deliveries
            .texts("td.delivery-answer")
            .iter()
            .all(|a| a.contains("200"))
    );
    for lang in ["fr", "es", "pt"] {
        let switched = browser
            .get(&format!(
                "/admin/lang/{lang}?back=/admin/webhooks/{endpoint}"
            ))
            .await;
        assert!(switched.status.is_redirection());
        let page = browser.get(&format!("/admin/webhooks/{endpoint}")).await;
        assert_ne!(page.texts("td.delivery-state")[0], "Delivered", "{lang}");
    }
    browser.get("/admin/lang/en?back=/admin").await;

    // The member leaves: erased, the receiver is told who (by identifier only).
    crate::account::sign_in(&app, "en", "hook@example.org").await;
    let deleted =
        crate::account::post_account_form(&app, "/en/account/delete", &[("confirm", "yes")]).await;
    assert_eq!(deleted.location(), "/en/account/deleted");
    app.deliver_mail().await;
    app.sink.mails_to("hook@example.org");
    assert_eq!(deliver_hooks_at(&app, Utc::now()).await.delivered, 1);
    let last = receiver.got().pop().unwrap();
    let erased: Value = serde_json::from_str(&last.body).unwrap();
    assert_eq!(erased["type"], "member.erased");
    assert_eq!(
        erased["data"]["person"]["identifiers"][0],
        format!("reseau:{id}")
    );
    assert!(erased["data"]["person"].get("href").is_none());

    // Switched off, an endpoint gets nothing more.
    let off = browser
        .submit(
            &format!("/admin/webhooks/{endpoint}"),
            &format!("/admin/webhooks/{endpoint}/active"),
            &[("active", "no")],
        )
        .await;
    assert!(off.status.is_redirection());
    app.join_and_confirm(
        "en",
        &[
            ("full_name", "After Off"),
            ("email", "after@example.org"),
            ("chapter", "canada"),
            ("language", "en"),
        ],
    )
    .await;
    assert_eq!(deliver_hooks_at(&app, Utc::now()).await.handled(), 0);
    app.deliver_mail().await;
}

/// `reseau worker` on the test's database, with the test's secret key (the signing secrets
/// are sealed with it), loopback allowed, and a short request timeout.
fn worker_process(app: &TestApp) -> Child {
    Command::new(env!("CARGO_BIN_EXE_reseau"))
        .arg("worker")
        .env("RESEAU_DATABASE_URL", &app.database_url)
        .env("RESEAU_BASE_URL", &app.base)
        .env("RESEAU_SECRET_KEY", "test-secret-key-for-forms-and-csrf")
        .env("RESEAU_MAIL__TRANSPORT", "smtp")
        .env("RESEAU_MAIL__SMTP_URL", &app.smtp_url)
        .env("RESEAU_MAIL__FROM", "Réseau <no-reply@reseau.test>")
        .env("RESEAU_WEBHOOKS__ALLOW_PRIVATE_TARGETS", "true")
        .env("RESEAU_WEBHOOKS__TIMEOUT_SECS", "2")
        .env("RESEAU_WEBHOOKS__LEASE_SECS", "1")
        .env("RESEAU_WEBHOOKS__CONCURRENCY", "4")
        .env("RESEAU_WEBHOOKS__POLL_INTERVAL_MS", "100")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start reseau worker")
}

#[tokio::test]
async fn a_worker_killed_in_the_middle_of_deliveries_posts_nothing_twice() {
    const EVENTS: usize = 40;
    let app = spawn_app_with(&[ALLOW_LOOPBACK]).await;
    let receiver = Receiver::start().await;
    // Slow answers, so that the kill lands with requests in flight.
    receiver.delay_ms.store(300, Ordering::SeqCst);
    let endpoint = NewEndpoint {
        url: receiver.url(),
        description: String::new(),
        topics: vec![Topic::MemberConfirmed],
    };
    let admin_id = crate::staff::organizer(
        &app,
        "admin@reseau.test",
        domain::organizers::Role::Admin,
        &[],
    )
    .await;
    let (_, secret) = webhooks::create_endpoint(
        app.db.writer(),
        &crate::staff::seed_key(),
        &endpoint,
        admin_id,
        Utc::now(),
    )
    .await
    .unwrap();
    for n in 0..EVENTS {
        webhooks::emit(
            app.db.writer(),
            Topic::MemberConfirmed,
            json!({ "n": n }),
            Utc::now(),
        )
        .await
        .unwrap();
    }

    let mut first = worker_process(&app);
    let deadline = Instant::now() + Duration::from_secs(60);
    while receiver.got().len() < EVENTS / 4 {
        assert!(Instant::now() < deadline, "the worker posted nothing");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    first.kill().expect("SIGKILL the worker");
    first.wait().ok();
    let at_kill = receiver.got().len();
    assert!(at_kill < EVENTS, "killed too late to prove anything");

    let mut second = worker_process(&app);
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let open = app
            .count("SELECT COUNT(*) FROM webhook_deliveries WHERE status IN ('queued', 'sending')")
            .await;
        if open == 0 {
            break;
        }
        assert!(Instant::now() < deadline, "{open} deliveries still open");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    second.kill().ok();
    second.wait().ok();

    let got = receiver.got();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for r in &got {
        assert!(signature::verify(
            &secret,
            &r.id,
            r.timestamp,
            &r.body,
            &r.signature
        ));
        *seen.entry(r.id.as_str()).or_default() += 1;
    }
    let twice: Vec<_> = seen.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "posted twice: {twice:?}");
    // A kill between a delivery's record and its last byte loses that one (at most one per
    // request in flight) rather than posting it twice.
    assert!(
        seen.len() + 4 >= EVENTS,
        "only {} of {EVENTS} arrived",
        seen.len()
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'delivered'")
            .await,
        EVENTS as i64
    );
}

#[tokio::test]
async fn a_finished_newsletter_is_announced_once_with_its_counts() {
    use domain::{
        Language, Localized,
        newsletters::{self, Audience, Draft},
    };

    let app = spawn_app_with(&[ALLOW_LOOPBACK]).await;
    let receiver = Receiver::start().await;
    let admin_id = crate::staff::organizer(
        &app,
        "admin@reseau.test",
        domain::organizers::Role::Admin,
        &[],
    )
    .await;
    let endpoint = NewEndpoint {
        url: receiver.url(),
        description: String::new(),
        topics: vec![Topic::NewsletterSent],
    };
    let (_, secret) = webhooks::create_endpoint(
        app.db.writer(),
        &crate::staff::seed_key(),
        &endpoint,
        admin_id,
        Utc::now(),
    )
    .await
    .unwrap();
    app.join_and_confirm(
        "en",
        &[
            ("full_name", "Avid Reader"),
            ("email", "reader@example.org"),
            ("chapter", "canada"),
            ("language", "en"),
            ("newsletter", "yes"),
        ],
    )
    .await;
    // A member confirmed, but this endpoint wants only newsletters.
    assert_eq!(deliver_hooks_at(&app, Utc::now()).await.handled(), 0);

    let canada = domain::chapter::by_slug(app.db.reader(), "canada")
        .await
        .unwrap()
        .unwrap();
    let draft = Draft {
        subject: Localized::new()
            .with(Language::En, "Hooked letter")
            .with(Language::Fr, "Lettre"),
        body: Localized::uniform("Body", &Language::REQUIRED),
        audience: Audience {
            chapters: vec![canada.id],
            ..Default::default()
        },
    };
    let letter = newsletters::create(app.db.writer(), &draft, None, Utc::now())
        .await
        .unwrap();
    assert!(
        newsletters::start(app.db.writer(), letter.id, Utc::now())
            .await
            .unwrap()
    );
    // The jobs write the copies, the worker sends them, the jobs see the send finished.
    app.jobs.run_once(Utc::now()).await.unwrap();
    app.deliver_mail().await;
    app.sink.mails_to("reader@example.org");
    let finished = app.jobs.run_once(Utc::now()).await.unwrap();
    assert_eq!(finished.newsletters_finished, 1);
    assert_eq!(
        app.jobs
            .run_once(Utc::now())
            .await
            .unwrap()
            .newsletters_finished,
        0
    );

    assert_eq!(deliver_hooks_at(&app, Utc::now()).await.delivered, 1);
    let got = receiver.got();
    assert_eq!(got.len(), 1);
    assert!(signature::verify(
        &secret,
        &got[0].id,
        got[0].timestamp,
        &got[0].body,
        &got[0].signature
    ));
    let body: Value = serde_json::from_str(&got[0].body).unwrap();
    assert_eq!(body["type"], "newsletter.sent");
    assert_eq!(
        body["data"]["newsletter"]["identifiers"][0],
        format!("reseau:{}", letter.id)
    );
    assert_eq!(body["data"]["sent"], 1);
    assert_eq!(body["data"]["skipped"], 0);
}
