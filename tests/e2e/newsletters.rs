//! Newsletters end to end: an organizer writes one in three languages, previews it, tests it,
//! sends it; each member gets their language, with the footer and headers CASL and RFC 8058
//! ask for; nobody gets it twice, whatever the clicks, the SMTP faults or a worker killed in
//! the middle; nobody who said no gets it at all.

use std::{
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use chrono::Utc;
use domain::{
    Language, Localized,
    entities::{chapter, consent, member},
    newsletters::{self, Audience, Draft},
    organizers::Role,
};
use reqwest::StatusCode;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use crate::{
    helpers::{TestApp, spawn_app, spawn_app_with},
    staff::{Browser, PASSWORD, organizer},
};

/// Joins and confirms a member through the public site.
pub(crate) async fn join(
    app: &TestApp,
    email: &str,
    lang: &str,
    chapter: &str,
    interests: &[&str],
    newsletter: bool,
) {
    let mut fields = vec![
        ("full_name", "Mary Ann Shadd"),
        ("email", email),
        ("chapter", chapter),
        ("language", lang),
    ];
    for interest in interests {
        fields.push(("interests", interest));
    }
    if newsletter {
        fields.push(("newsletter", "yes"));
    }
    app.join_and_confirm(lang, &fields).await;
}

const TEXTS: [(&str, &str); 6] = [
    ("subject_en", "Summit news"),
    (
        "body_en",
        "The **summit** opens in Ottawa. [Programme](https://example.org/programme)\n\n<script>alert(1)</script>",
    ),
    ("subject_fr", "Nouvelles du sommet"),
    ("body_fr", "Le **sommet** s’ouvre à Ottawa."),
    ("subject_es", "Noticias de la cumbre"),
    ("body_es", "La **cumbre** se abre en Ottawa."),
];

/// Signs in an organizer of `chapters` and writes a newsletter; returns its page's path.
pub(crate) async fn write_newsletter<'a>(
    app: &'a TestApp,
    email: &str,
    audience: &[(&str, &str)],
) -> (Browser<'a>, String) {
    organizer(app, email, Role::Organizer, &["canada"]).await;
    let browser = Browser::new(app);
    browser.sign_in(email, PASSWORD).await;
    let mut fields: Vec<(&str, &str)> = TEXTS.to_vec();
    fields.extend_from_slice(audience);
    let saved = browser
        .submit("/admin/newsletters/new", "/admin/newsletters/new", &fields)
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let path = saved.location().split('?').next().unwrap().to_owned();
    (browser, path)
}

pub(crate) async fn press(browser: &Browser<'_>, page: &str, action: &str) -> crate::helpers::Page {
    browser.submit(page, &format!("{page}/{action}"), &[]).await
}

fn raw_to(app: &TestApp, address: &str) -> Vec<String> {
    app.sink
        .received()
        .into_iter()
        .filter(|r| r.to.iter().any(|t| t == address))
        .map(|r| String::from_utf8(r.data).unwrap())
        .collect()
}

#[tokio::test]
async fn an_organizer_sends_a_trilingual_newsletter_and_each_member_reads_their_language() {
    let app = spawn_app().await;
    join(&app, "ada@example.org", "en", "canada", &[], true).await;
    join(&app, "blaise@example.org", "fr", "canada", &[], true).await;
    join(&app, "carmen@example.org", "es", "canada", &[], true).await;
    join(&app, "dina@example.org", "en", "canada", &[], false).await;
    join(&app, "ezra@example.org", "en", "united-states", &[], true).await;

    let (browser, page) =
        write_newsletter(&app, "org@example.org", &[("chapters", "canada")]).await;
    let shown = browser.get(&page).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(shown.body.contains("Summit news"));
    // The audience is counted before sending: the three Canadian members who said yes.
    let recipients = shown.texts("dl.facts dd");
    assert!(recipients.contains(&"3".to_owned()), "{recipients:?}");
    // The preview shows every language, HTML and text, with raw HTML neutralised.
    assert_eq!(shown.texts("section.preview").len(), 3);
    assert!(shown.body.contains("<strong>sommet</strong>"));
    assert!(!shown.body.contains("<script>alert(1)</script>"));
    assert!(shown.body.contains("&lt;script&gt;"));

    // A test copy of each language to the organizer, marked as a test.
    let tested = press(&browser, &page, "test").await;
    assert_eq!(tested.status, StatusCode::SEE_OTHER);
    app.deliver_mail().await;
    let tests = app.sink.mails_to("org@example.org");
    assert_eq!(tests.len(), 3);
    assert!(
        tests.iter().all(|m| m.subject.starts_with("[")),
        "{:?}",
        tests.iter().map(|m| &m.subject).collect::<Vec<_>>()
    );
    assert_eq!(
        app.sink.mails_to("ada@example.org").len(),
        2,
        "no newsletter before sending"
    );

    // Send, twice (a double click): one copy each, the audience fixed.
    assert_eq!(
        press(&browser, &page, "send").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        press(&browser, &page, "send").await.status,
        StatusCode::SEE_OTHER
    );
    let pass = app.jobs.run_once(Utc::now()).await.unwrap();
    assert_eq!(pass.newsletter_copies, 3);
    app.jobs.run_once(Utc::now()).await.unwrap();
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE kind = 'newsletter'")
            .await,
        3
    );
    let delivered = app.deliver_mail().await;
    assert_eq!(delivered.sent, 3);

    let english = app.sink.mails_to("ada@example.org").pop().unwrap();
    assert_eq!(english.subject, "Summit news");
    assert!(english.html.contains("<strong>summit</strong>"));
    assert!(!english.html.contains("<script>"));
    assert!(!english.html.contains("<img"), "nothing that could track");
    assert!(
        english
            .text
            .contains("Programme <https://example.org/programme>")
    );
    assert!(english.text.contains("200 Test Street, Ottawa"));
    assert!(english.text.contains("contact@reseau.test"));
    let french = app.sink.mails_to("blaise@example.org").pop().unwrap();
    assert_eq!(french.subject, "Nouvelles du sommet");
    let spanish = app.sink.mails_to("carmen@example.org").pop().unwrap();
    assert_eq!(spanish.subject, "Noticias de la cumbre");
    assert!(spanish.text.contains("/es/unsubscribe/"));
    // Nobody who said no, nobody outside the audience.
    assert!(
        app.sink
            .mails_to("dina@example.org")
            .iter()
            .all(|m| m.subject != "Summit news")
    );
    assert!(
        app.sink
            .mails_to("ezra@example.org")
            .iter()
            .all(|m| m.subject != "Summit news")
    );

    // Each copy has its own link, in the footer and in the RFC 8058 headers.
    let raw = raw_to(&app, "ada@example.org").pop().unwrap();
    let link = english.link("/en/unsubscribe/");
    assert!(
        raw.contains(&format!("List-Unsubscribe: <{link}>")),
        "{raw}"
    );
    assert!(raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
    assert_ne!(link, french.link("/fr/unsubscribe/"));

    // One click from the received message: no cookie, no CSRF token, effective at once.
    let provider = reqwest::Client::new();
    let response = provider
        .post(&link)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let latest = app
        .rows("SELECT c.granted FROM consents c JOIN members m ON m.id = c.member_id WHERE m.email = 'ada@example.org' AND c.purpose = 'newsletter' ORDER BY c.id DESC")
        .await;
    assert!(latest[0]["granted"] == false || latest[0]["granted"] == 0);

    // The send finishes; the organizer sees it and publishes it to the archive.
    let pass = app.jobs.run_once(Utc::now()).await.unwrap();
    assert_eq!(pass.newsletters_finished, 1);
    let done = browser.get(&page).await;
    assert!(done.body.contains("Sent"));
    assert_eq!(
        press(&browser, &page, "publish").await.status,
        StatusCode::SEE_OTHER
    );
    let archive = app.get("/fr/newsletters").await;
    assert_eq!(archive.status, StatusCode::OK);
    assert!(archive.body.contains("Nouvelles du sommet"));
    let id = page.rsplit('/').next().unwrap();
    let public = app.get(&format!("/es/newsletters/{id}")).await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(public.body.contains("<strong>cumbre</strong>"));
    assert!(
        !public.body.contains("@example.org"),
        "no personal data in the archive"
    );
    assert!(!public.body.contains("/unsubscribe/"));
    // A draft is not public.
    assert_eq!(
        app.get("/en/newsletters/999").await.status,
        StatusCode::NOT_FOUND
    );

    let audit = app
        .count("SELECT COUNT(*) FROM audit_log WHERE action IN ('newsletter-created', 'newsletter-test-sent', 'newsletter-send', 'newsletter-publish')")
        .await;
    assert_eq!(
        audit, 4,
        "the second click started nothing, so is not audited"
    );
}

#[tokio::test]
async fn the_audience_is_cut_by_interest_and_language_and_checked_on_the_form() {
    let app = spawn_app().await;
    join(
        &app,
        "health-fr@example.org",
        "fr",
        "canada",
        &["health-equity"],
        true,
    )
    .await;
    join(
        &app,
        "health-en@example.org",
        "en",
        "canada",
        &["health-equity"],
        true,
    )
    .await;
    join(
        &app,
        "arts-fr@example.org",
        "fr",
        "canada",
        &["arts-culture"],
        true,
    )
    .await;

    // A rejected form keeps what was typed and names each problem by its field.
    organizer(&app, "org@example.org", Role::Organizer, &["canada"]).await;
    let browser = Browser::new(&app);
    browser.sign_in("org@example.org", PASSWORD).await;
    let rejected = browser
        .submit(
            "/admin/newsletters/new",
            "/admin/newsletters/new",
            &[
                ("subject_en", "Line one\r\nBcc: victim@example.org"),
                ("body_en", "Text"),
                ("subject_fr", ""),
                ("body_fr", "Texte"),
                ("subject_es", "Sólo asunto"),
                ("chapters", "mexico"),
            ],
        )
        .await;
    assert_eq!(rejected.status, StatusCode::UNPROCESSABLE_ENTITY);
    let problems = rejected.texts(".error-summary li");
    // Subject on two lines, French subject missing, Spanish text missing, a foreign chapter.
    assert_eq!(problems.len(), 4, "{problems:?}");
    assert_eq!(rejected.attr("#field-body_fr", "name"), "body_fr");
    assert!(rejected.body.contains("Sólo asunto"));
    assert_eq!(app.count("SELECT COUNT(*) FROM newsletters").await, 0);

    let mut fields: Vec<(&str, &str)> = TEXTS.to_vec();
    fields.extend_from_slice(&[
        ("chapters", "canada"),
        ("interests", "health-equity"),
        ("languages", "fr"),
    ]);
    let saved = browser
        .submit("/admin/newsletters/new", "/admin/newsletters/new", &fields)
        .await;
    let page = saved.location().split('?').next().unwrap().to_owned();
    assert!(
        browser
            .get(&page)
            .await
            .texts("dl.facts dd")
            .contains(&"1".to_owned())
    );
    press(&browser, &page, "send").await;
    app.jobs.run_once(Utc::now()).await.unwrap();
    app.deliver_mail().await;
    let subjects = |to: &str| -> Vec<String> {
        app.sink
            .mails_to(to)
            .into_iter()
            .map(|m| m.subject)
            .collect()
    };
    assert!(subjects("health-fr@example.org").contains(&"Nouvelles du sommet".to_owned()));
    assert!(
        !subjects("health-en@example.org")
            .iter()
            .any(|s| s.contains("ummit"))
    );
    assert!(
        !subjects("arts-fr@example.org")
            .iter()
            .any(|s| s.contains("sommet"))
    );

    // Organizers see only their chapters' newsletters: another chapter's organizer gets 404.
    organizer(&app, "mx@example.org", Role::Organizer, &["mexico"]).await;
    let other = Browser::new(&app);
    other.sign_in("mx@example.org", PASSWORD).await;
    assert_eq!(other.get(&page).await.status, StatusCode::NOT_FOUND);
    assert!(
        !other
            .get("/admin/newsletters")
            .await
            .body
            .contains("Summit news")
    );
}

#[tokio::test]
async fn sending_is_refused_without_a_postal_address() {
    let app = spawn_app_with(&[("mail.postal_address", "")]).await;
    join(&app, "ada@example.org", "en", "canada", &[], true).await;
    let (browser, page) =
        write_newsletter(&app, "org@example.org", &[("chapters", "canada")]).await;
    assert!(
        browser
            .get(&page)
            .await
            .body
            .contains("mail.postal_address")
    );
    let refused = press(&browser, &page, "send").await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let summary = refused.texts(".error-summary li").join(" ");
    assert!(summary.contains("postal address"), "{summary}");
    let scheduled = browser
        .submit(
            &page,
            &format!("{page}/schedule"),
            &[("at", "2099-01-01T10:00"), ("time_zone", "America/Toronto")],
        )
        .await;
    assert_eq!(scheduled.status, StatusCode::UNPROCESSABLE_ENTITY);
    app.jobs.run_once(Utc::now()).await.unwrap();
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE kind = 'newsletter'")
            .await,
        0
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM newsletters WHERE status = 'draft'")
            .await,
        1
    );
}

#[tokio::test]
async fn scheduling_pausing_resuming_and_cancelling() {
    let app = spawn_app().await;
    for i in 0..4 {
        join(
            &app,
            &format!("m{i}@example.org"),
            "en",
            "canada",
            &[],
            true,
        )
        .await;
    }
    let (browser, page) =
        write_newsletter(&app, "org@example.org", &[("chapters", "canada")]).await;

    // Scheduled for tomorrow: nothing goes out now; unscheduled, it is a draft again.
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
    assert_eq!(
        app.jobs
            .run_once(Utc::now())
            .await
            .unwrap()
            .newsletters_started,
        0
    );
    let started = app
        .jobs
        .run_once(Utc::now() + chrono::Duration::days(2))
        .await
        .unwrap();
    assert_eq!(started.newsletters_started, 1);
    assert_eq!(started.newsletter_copies, 4);

    // Paused: the copies wait. Resumed: they go.
    let later = Utc::now() + chrono::Duration::days(3);
    assert_eq!(
        press(&browser, &page, "pause").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(app.deliver_mail_at(later).await.sent, 0);
    press(&browser, &page, "resume").await;
    assert_eq!(app.deliver_mail_at(later).await.sent, 4);
    let progress = browser.get(&format!("{page}?watch=1")).await;
    assert!(progress.body.contains("4"));

    // A second newsletter cancelled before its copies go: none goes.
    let (browser2, page2) =
        write_newsletter(&app, "org2@example.org", &[("chapters", "canada")]).await;
    press(&browser2, &page2, "send").await;
    app.jobs.run_once(Utc::now()).await.unwrap();
    assert_eq!(
        press(&browser2, &page2, "cancel").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(app.deliver_mail().await.sent, 0);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE kind = 'newsletter' AND status = 'cancelled'")
            .await,
        4
    );
    for i in 0..4 {
        let copies = app
            .sink
            .mails_to(&format!("m{i}@example.org"))
            .into_iter()
            .filter(|m| m.subject == "Summit news")
            .count();
        assert_eq!(copies, 1);
    }
}

#[tokio::test]
async fn a_member_who_unsubscribes_after_sending_starts_is_skipped() {
    let app = spawn_app().await;
    join(&app, "stay@example.org", "en", "canada", &[], true).await;
    join(&app, "leave@example.org", "en", "canada", &[], true).await;
    let welcome = app.sink.mails_to("leave@example.org").pop().unwrap();
    let link = welcome.link("/en/unsubscribe/");
    let (browser, page) =
        write_newsletter(&app, "org@example.org", &[("chapters", "canada")]).await;
    press(&browser, &page, "send").await;
    app.jobs.run_once(Utc::now()).await.unwrap();
    // After the audience is fixed, before the copy goes.
    let response = reqwest::Client::new()
        .post(&link)
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let pass = app.deliver_mail().await;
    assert_eq!((pass.sent, pass.skipped), (1, 1));
    assert!(
        app.sink
            .mails_to("leave@example.org")
            .iter()
            .all(|m| m.subject != "Summit news")
    );
    let shown = browser.get(&page).await;
    let facts = shown.texts("dl.facts dd");
    assert!(facts.contains(&"1".to_owned()), "{facts:?}");
    assert_eq!(
        app.sink.mails_to("stay@example.org").pop().unwrap().subject,
        "Summit news"
    );
}

#[tokio::test]
async fn smtp_faults_leave_every_copy_sent_or_failed_with_its_reason_and_none_twice() {
    let app = spawn_app_with(&[("worker.hard_bounce_limit", "1")]).await;
    let addresses: Vec<String> = (0..9).map(|i| format!("f{i}@example.org")).collect();
    for address in &addresses {
        join(&app, address, "en", "canada", &[], true).await;
    }
    let (browser, page) =
        write_newsletter(&app, "org@example.org", &[("chapters", "canada")]).await;
    app.sink.refuse("f0@example.org");
    app.sink.refuse("f1@example.org");
    app.sink.defer("f2@example.org");
    app.sink.drop_every(3);
    press(&browser, &page, "send").await;
    app.jobs.run_once(Utc::now()).await.unwrap();
    app.deliver_mail().await;
    // Later, the deferred address accepts and the connection holds.
    app.sink.undefer("f2@example.org");
    app.sink.drop_every(0);
    for hours in 1..6 {
        app.deliver_mail_at(Utc::now() + chrono::Duration::hours(hours))
            .await;
    }

    let rows = app
        .rows("SELECT recipient, status, attempts, last_error FROM outbox WHERE kind = 'newsletter' ORDER BY recipient")
        .await;
    assert_eq!(rows.len(), 9);
    for row in &rows {
        let to = row["recipient"].as_str().unwrap();
        let copies = app
            .sink
            .mails_to(to)
            .into_iter()
            .filter(|m| m.subject == "Summit news")
            .count();
        match to {
            "f0@example.org" | "f1@example.org" => {
                assert_eq!(row["status"], "failed", "{row}");
                assert!(row["last_error"].as_str().unwrap().contains("550"), "{row}");
                assert_eq!(copies, 0);
            }
            _ => {
                assert_eq!(row["status"], "sent", "{row}");
                assert_eq!(copies, 1, "{to} got {copies} copies");
            }
        }
    }
    // The hard bounces suspend newsletters to those addresses, and the organizer sees why.
    assert_eq!(
        app.count("SELECT COUNT(*) FROM members WHERE newsletter_suspended_at IS NOT NULL")
            .await,
        2
    );
    let shown = browser.get(&page).await;
    assert!(shown.body.contains("f0@example.org"));
    assert!(shown.body.contains("550"));
    let f0 = app
        .count("SELECT id FROM members WHERE email = 'f0@example.org'")
        .await;
    let member_page = format!("/admin/members/{f0}");
    let member = browser.get(&member_page).await;
    assert!(
        member.text(".notice.warning").contains("suspended"),
        "{}",
        member.body
    );
    assert!(member.body.contains("Mailbox unavailable"));
    let resumed = browser
        .submit(&member_page, &format!("{member_page}/newsletters"), &[])
        .await;
    assert_eq!(resumed.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM members WHERE newsletter_suspended_at IS NOT NULL")
            .await,
        1
    );
}

// ---------------------------------------------------------------------------------------------
// The real worker process, killed and doubled

const MEMBERS: usize = 600;

/// Members who want newsletters, written straight into the database (joining 600 through the
/// site would test joining, not sending).
async fn many_members(app: &TestApp, n: usize) -> Vec<String> {
    let canada = chapter::Entity::find()
        .filter(chapter::Column::Slug.eq("canada"))
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    let now = Utc::now();
    let emails: Vec<String> = (0..n).map(|i| format!("reader{i}@example.org")).collect();
    let rows = emails.iter().map(|email| member::ActiveModel {
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
    emails
}

/// A newsletter to the whole Canadian chapter, started and expanded.
async fn started_newsletter(app: &TestApp) -> i64 {
    let canada = domain::chapter::by_slug(app.db.reader(), "canada")
        .await
        .unwrap()
        .unwrap();
    let draft = Draft {
        subject: Localized::new()
            .with(Language::En, "Exactly once")
            .with(Language::Fr, "Une seule fois"),
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
    app.jobs.run_once(Utc::now()).await.unwrap();
    letter.id
}

/// `reseau worker` on the test's database and SMTP sink, with a short lease so that a killed
/// worker's rows are taken over quickly.
fn worker_process(app: &TestApp) -> Child {
    Command::new(env!("CARGO_BIN_EXE_reseau"))
        .arg("worker")
        .env("RESEAU_DATABASE_URL", &app.database_url)
        .env("RESEAU_BASE_URL", &app.base)
        .env("RESEAU_MAIL__TRANSPORT", "smtp")
        .env("RESEAU_MAIL__ALLOW_RESERVED_DOMAINS", "true")
        .env("RESEAU_MAIL__SMTP_URL", &app.smtp_url)
        .env("RESEAU_MAIL__FROM", "Réseau <no-reply@reseau.test>")
        .env("RESEAU_WORKER__LEASE_SECS", "2")
        .env("RESEAU_WORKER__POLL_INTERVAL_MS", "100")
        .env("RESEAU_WORKER__BATCH_SIZE", "32")
        .env("RESEAU_WORKER__CONCURRENCY", "4")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start reseau worker")
}

async fn wait_until_sent(app: &TestApp, id: i64, total: usize) {
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let open = app
            .count(&format!(
                "SELECT COUNT(*) FROM outbox WHERE newsletter_id = {id} AND status IN ('queued', 'sending')"
            ))
            .await;
        if open == 0 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "{open} of {total} copies still unsent"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Nobody twice; everybody once, but for what a SIGKILL can do: a copy recorded as sent in
/// the microseconds before its final dot left the process is lost rather than sent twice (at
/// most one per message in flight, `killed_in_flight`).
fn assert_exactly_once(app: &TestApp, emails: &[String], killed_in_flight: usize) {
    let copies = app.sink.copies("Subject: Exactly once");
    let twice: Vec<_> = copies.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "sent twice: {twice:?}");
    let missing: Vec<_> = emails.iter().filter(|e| !copies.contains_key(*e)).collect();
    assert!(
        missing.len() <= killed_in_flight,
        "{} never got it: {:?}",
        missing.len(),
        &missing[..missing.len().min(5)]
    );
    if !missing.is_empty() {
        eprintln!("the kill landed between a record and its final dot: {missing:?}");
    }
}

#[tokio::test]
async fn a_worker_killed_in_the_middle_of_a_send_leaves_everyone_exactly_one_copy() {
    let app = spawn_app().await;
    let emails = many_members(&app, MEMBERS).await;
    let id = started_newsletter(&app).await;
    // Slow enough that the kill lands mid-send, whatever the load on the machine.
    app.sink.delay_each(5);
    let mut first = worker_process(&app);
    let deadline = Instant::now() + Duration::from_secs(60);
    while app.sink.received().len() < MEMBERS / 4 {
        assert!(Instant::now() < deadline, "the worker sent nothing");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    first.kill().expect("SIGKILL the worker");
    first.wait().ok();
    let at_kill = app.sink.received().len();
    assert!(at_kill < MEMBERS, "killed too late to prove anything");

    let mut second = worker_process(&app);
    wait_until_sent(&app, id, MEMBERS).await;
    second.kill().ok();
    second.wait().ok();
    assert_exactly_once(&app, &emails, 4);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM outbox WHERE newsletter_id = {id} AND status = 'sent'"
        ))
        .await,
        MEMBERS as i64
    );
}

#[tokio::test]
async fn two_workers_at_once_send_each_copy_once() {
    let app = spawn_app().await;
    let emails = many_members(&app, MEMBERS).await;
    let id = started_newsletter(&app).await;
    app.sink.delay_each(1);
    let mut workers = [worker_process(&app), worker_process(&app)];
    wait_until_sent(&app, id, MEMBERS).await;
    for worker in &mut workers {
        worker.kill().ok();
        worker.wait().ok();
    }
    assert_exactly_once(&app, &emails, 0);
}
