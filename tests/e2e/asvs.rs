//! Findings of the ASVS level 2 review (issue 14), each driven through the real HTTP
//! interface: what an attacker tried, and what they get now.

use domain::organizers::Role;
use reqwest::StatusCode;

use crate::{
    helpers::{Page, spawn_app, spawn_app_with},
    staff::{Browser, PASSWORD, organizer},
};

#[tokio::test]
async fn ipv6_clients_are_limited_by_their_64_not_by_each_address() {
    let app = spawn_app_with(&[
        ("behind_proxy", "true"),
        ("limits.ip_burst", "2"),
        ("limits.ip_per_minute", "1"),
    ])
    .await;
    let mut statuses = Vec::new();
    for (i, ip) in [
        "2001:db8:7:7::1",
        "2001:db8:7:7::2",
        "2001:db8:7:7:ffff::3",
        "2001:db8:8::1",
    ]
    .into_iter()
    .enumerate()
    {
        let form = app.get("/en/join").await;
        let mut fields = form.hidden_fields();
        let email = format!("v6-{i}@example.org");
        for (name, value) in [
            ("full_name", "Rotating Client"),
            ("email", email.as_str()),
            ("chapter", "canada"),
            ("language", "en"),
        ] {
            fields.push((name.to_owned(), value.to_owned()));
        }
        let response = app
            .client
            .post(app.url("/en/join"))
            .header("Origin", &app.base)
            .header("X-Forwarded-For", ip)
            .form(&fields)
            .send()
            .await
            .unwrap();
        statuses.push(response.status());
    }
    assert_eq!(
        statuses,
        [
            StatusCode::SEE_OTHER,
            StatusCode::SEE_OTHER,
            StatusCode::TOO_MANY_REQUESTS,
            StatusCode::SEE_OTHER
        ],
        "a third address of the same /64 is the same client; another /64 is not"
    );
    // Those let through are asked to confirm; the one held back is not.
    app.deliver_mail().await;
    for (address, mails) in [
        ("v6-0@example.org", 1),
        ("v6-1@example.org", 1),
        ("v6-2@example.org", 0),
        ("v6-3@example.org", 1),
    ] {
        assert_eq!(app.sink.mails_to(address).len(), mails, "{address}");
    }
}

#[tokio::test]
async fn a_deeply_nested_newsletter_renders_in_step_with_its_size() {
    let app = spawn_app().await;
    organizer(&app, "org@reseau.test", Role::Organizer, &["canada"]).await;
    let browser = Browser::new(&app);
    browser.sign_in("org@reseau.test", PASSWORD).await;
    // 48 KB that once made the server allocate about 2 GB to show the newsletter's page.
    let bomb = format!("{}a", "- ".repeat(24_000));
    let saved = browser
        .submit(
            "/admin/newsletters/new",
            "/admin/newsletters/new",
            &[
                ("subject_en", "Nested"),
                ("body_en", &bomb),
                ("subject_fr", "Imbriqué"),
                ("body_fr", "Bonjour."),
                ("chapters", "canada"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let path = saved.location().split('?').next().unwrap().to_owned();
    let page: Page = browser.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.len() < 4 * 1024 * 1024,
        "the page is {} bytes",
        page.body.len()
    );
    assert!(page.texts("section.preview").len() >= 2);
}

/// Sends a request head announcing a large form body, sends no body, and reads what comes.
async fn stalled_form_post(app: &crate::helpers::TestApp, path: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = app.base.trim_start_matches("http://").to_owned();
    let mut socket = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nOrigin: {}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 5000000\r\n\r\n",
        app.base
    );
    socket.write_all(head.as_bytes()).await.unwrap();
    let mut answer = vec![0u8; 256];
    let read = tokio::time::timeout(std::time::Duration::from_secs(5), socket.read(&mut answer))
        .await
        .expect("answered without waiting for the body")
        .unwrap();
    String::from_utf8_lossy(&answer[..read]).into_owned()
}

#[tokio::test]
async fn a_large_stalled_form_is_refused_before_its_body_is_read() {
    let app = spawn_app().await;
    let known = stalled_form_post(&app, "/en/join").await;
    assert!(known.starts_with("HTTP/1.1 413"), "{known}");
    let unknown = stalled_form_post(&app, "/no/such/page").await;
    assert!(unknown.starts_with("HTTP/1.1 404"), "{unknown}");
}

#[tokio::test]
async fn a_message_that_failed_for_good_keeps_its_reason_but_not_its_link() {
    let app = spawn_app().await;
    app.sink.refuse("bounce@example.org");
    let joined = app
        .join(
            "en",
            &[
                ("full_name", "Bounce Person"),
                ("email", "bounce@example.org"),
                ("chapter", "canada"),
                ("language", "en"),
            ],
        )
        .await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER);
    app.deliver_mail().await;
    let rows = app
        .rows("SELECT status, body_text, body_html, last_error FROM outbox WHERE recipient = 'bounce@example.org'")
        .await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["status"], "failed");
    assert_eq!(
        rows[0]["body_text"], "",
        "no live confirmation link is kept"
    );
    assert_eq!(rows[0]["body_html"], "");
    assert!(!rows[0]["last_error"].as_str().unwrap().is_empty());
}

#[tokio::test]
async fn an_erased_member_leaves_no_address_or_name_behind_in_mail_or_the_audit_log() {
    let app = spawn_app().await;
    let organizer_id = organizer(&app, "org@reseau.test", Role::Organizer, &["canada"]).await;
    crate::events::publish(&app, "open-house", Some(10), false).await;
    app.join_and_confirm(
        "en",
        &[
            ("full_name", "Gone Person"),
            ("email", "gone@example.org"),
            ("chapter", "canada"),
            ("language", "en"),
        ],
    )
    .await;
    // Registered for an event from the public form, without signing in: that mail has no
    // member id.
    crate::events::register(
        &app,
        "en",
        "open-house",
        "Gone Person",
        "gone@example.org",
        &[],
    )
    .await;
    crate::events::confirm(&app, "gone@example.org").await;

    // An organizer corrects the name and exports a search by the address.
    let staff = Browser::new(&app);
    staff.sign_in("org@reseau.test", PASSWORD).await;
    let id = app
        .count("SELECT id FROM members WHERE email = 'gone@example.org'")
        .await;
    let page = format!("/admin/members/{id}");
    let corrected = staff
        .submit(
            &page,
            &page,
            &[("full_name", "Gone Corrected"), ("chapter", "canada")],
        )
        .await;
    assert_eq!(
        corrected.status,
        StatusCode::SEE_OTHER,
        "{}",
        corrected.body
    );
    // Exporting asks for the password again first.
    staff.step_up("org@reseau.test").await;
    let export = staff.get("/admin/members.csv?q=gone%40example.org").await;
    assert_eq!(export.status, StatusCode::OK);

    // The member signs in and deletes the account.
    let form = app.get("/en/sign-in").await;
    let mut fields = form.hidden_fields();
    fields.push(("email".into(), "gone@example.org".into()));
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.post_form("/en/sign-in", &pairs).await;
    app.deliver_mail().await;
    // The seat's confirmation goes in the same pass, in no set order: take the sign-in mail.
    let link = app
        .sink
        .mails_to("gone@example.org")
        .into_iter()
        .rev()
        .find(|m| m.text.contains("/en/sign-in/"))
        .unwrap()
        .link("/en/sign-in/");
    app.press_button(&link).await;
    let account = app.get("/en/account/delete").await;
    let csrf = account.attr("input[name=csrf_token]", "value");
    let deleted = app
        .post_form(
            "/en/account/delete",
            &[("csrf_token", &csrf), ("confirm", "yes")],
        )
        .await;
    assert_eq!(deleted.location(), "/en/account/deleted");
    app.deliver_mail().await;
    assert_eq!(
        app.sink
            .mails_to("gone@example.org")
            .last()
            .unwrap()
            .subject,
        "Your account is deleted"
    );

    let outbox = app
        .rows("SELECT recipient, body_text, last_error FROM outbox")
        .await;
    let outbox = serde_json::to_string(&outbox).unwrap();
    assert!(!outbox.contains("gone@example.org"), "{outbox}");
    let audit = app
        .rows(&format!(
            "SELECT action, details FROM audit_log WHERE organizer_id = {organizer_id}"
        ))
        .await;
    let audit = serde_json::to_string(&audit).unwrap();
    assert!(
        audit.contains("member-corrected") && audit.contains("members-exported"),
        "{audit}"
    );
    assert!(
        !audit.contains("gone@example.org")
            && !audit.contains("gone%40")
            && !audit.contains("Gone"),
        "{audit}"
    );
    let registrations = app.rows("SELECT email, full_name FROM registrations").await;
    let registrations = serde_json::to_string(&registrations).unwrap();
    assert!(
        !registrations.contains("gone@example.org"),
        "{registrations}"
    );
}

#[tokio::test]
async fn unconfirmed_sign_ups_and_registrations_are_forgotten_once_their_link_ran_out() {
    let app = spawn_app().await;
    crate::events::publish(&app, "later", Some(10), false).await;
    for (name, email) in [
        ("Never Confirmed", "never@example.org"),
        ("Kept Member", "kept@example.org"),
    ] {
        app.join(
            "en",
            &[
                ("full_name", name),
                ("email", email),
                ("chapter", "canada"),
                ("language", "en"),
            ],
        )
        .await;
    }
    app.deliver_mail().await;
    let link = app.sink.only_mail_to("kept@example.org").link("/confirm/");
    app.press_button(&link).await;
    crate::events::register(&app, "en", "later", "Guest Only", "guest@example.org", &[]).await;
    app.deliver_mail().await;

    // A day later nothing is forgotten: the links still work.
    app.jobs
        .run_once(chrono::Utc::now() + chrono::Duration::days(1))
        .await
        .unwrap();
    assert_eq!(
        app.count("SELECT COUNT(*) FROM members WHERE email = 'never@example.org'")
            .await,
        1
    );

    let pass = app
        .jobs
        .run_once(chrono::Utc::now() + chrono::Duration::days(38))
        .await
        .unwrap();
    assert_eq!(pass.forgotten_unconfirmed, 2, "{pass:?}");
    let everything = serde_json::to_string(&(
        app.rows("SELECT email, full_name, status FROM members")
            .await,
        app.rows("SELECT email, full_name, status FROM registrations")
            .await,
        app.rows("SELECT recipient, body_text FROM outbox").await,
    ))
    .unwrap();
    for gone in [
        "never@example.org",
        "Never Confirmed",
        "guest@example.org",
        "Guest Only",
    ] {
        assert!(!everything.contains(gone), "{gone} in {everything}");
    }
    assert!(everything.contains("kept@example.org"), "a member is kept");
    // What went out before: a link each, and the member's welcome.
    for (address, subject) in [
        (
            "never@example.org",
            "Confirm your membership of the network",
        ),
        (
            "kept@example.org",
            "Welcome to the North American Network for Equity and Racial Justice",
        ),
        (
            "guest@example.org",
            "Confirm your registration: Cultural evening",
        ),
    ] {
        let last = app.sink.mails_to(address).pop().unwrap();
        assert_eq!(last.subject, subject, "{address}");
    }
}

#[tokio::test]
async fn the_ledger_proves_the_address_with_a_keyed_hash_that_a_guess_cannot_test() {
    let app = spawn_app().await;
    app.join_and_confirm(
        "en",
        &[
            ("full_name", "Ledger Person"),
            ("email", "ledger@example.org"),
            ("chapter", "canada"),
            ("language", "en"),
            ("newsletter", "yes"),
        ],
    )
    .await;
    let hashes = app.rows("SELECT email_hash FROM consents").await;
    assert_eq!(hashes.len(), 2);
    let guess = domain::EmailAddress::parse("ledger@example.org")
        .unwrap()
        .sha256_hex();
    for row in &hashes {
        let hash = row["email_hash"].as_str().unwrap();
        assert_eq!(hash.len(), 64);
        assert_ne!(
            hash, guess,
            "an unkeyed SHA-256 of the address can be tested by anyone"
        );
    }
    assert_eq!(hashes[0], hashes[1], "one address, one proof");
}

#[test]
fn start_up_refuses_a_short_secret_and_a_password_sent_in_clear() {
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}", dir.path().join("refused.db").display());
    let start = |env: &[(&str, &str)]| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_reseau"));
        command
            .arg("migrate")
            .env("RESEAU_DATABASE_URL", &database)
            .env("RESEAU_LOG", "error");
        for (key, value) in env {
            command.env(key, value);
        }
        command.output().unwrap()
    };
    let short = start(&[("RESEAU_SECRET_KEY", "guessable")]);
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("secret_key"));
    let clear = start(&[
        ("RESEAU_MAIL__TRANSPORT", "smtp"),
        (
            "RESEAU_MAIL__SMTP_URL",
            "smtp://user:password@relay.example.net:25?tls=none",
        ),
    ]);
    assert!(!clear.status.success());
    let said = String::from_utf8_lossy(&clear.stderr);
    assert!(
        said.contains("mail.smtp_url") && said.contains("TLS"),
        "{said}"
    );
    assert!(
        !said.contains("password@"),
        "the setting's secret is not echoed: {said}"
    );
}
