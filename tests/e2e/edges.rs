//! Issue 15, hostile edges: one mailbox is one member, forms take only what the mailer can
//! send, dates stay on a calendar, slow clients are cut off, metrics a scraper can read, and
//! text that cannot pass for something else. On SQLite, and on PostgreSQL when it is set.

use std::time::{Duration, Instant};

use domain::organizers::Role;
use reqwest::StatusCode;
use tokio::{
    io::{AsyncRead, AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

use crate::{
    account::{member, post_account_form, sign_in},
    events::{publish, register},
    helpers::{spawn_app, spawn_app_with},
    newsletters::write_newsletter,
    staff::{Browser, PASSWORD, organizer},
};

fn joining(email: &str) -> Vec<(&str, &str)> {
    vec![
        ("full_name", "Mary Ann Shadd"),
        ("email", email),
        ("chapter", "canada"),
        ("language", "en"),
    ]
}

#[tokio::test]
async fn one_mailbox_written_three_ways_is_one_member_and_one_mail() {
    let app = spawn_app().await;
    for typed in [
        "x@exämple.org",
        "x@xn--exmple-cua.org",
        "x@exa\u{308}mple.org",
        "X@EXÄMPLE.ORG",
    ] {
        let answer = app.join("en", &joining(typed)).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{typed:?}");
    }
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM members").await, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM members WHERE email = 'x@xn--exmple-cua.org'")
            .await,
        1
    );
    // Every outbox row goes to the one normalised address, and the sink gets it in A-labels.
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM outbox WHERE recipient <> 'x@xn--exmple-cua.org'")
            .await,
        0
    );
    app.deliver_mail().await;
    assert!(!app.sink.mails_to("x@xn--exmple-cua.org").is_empty());
}

const UNSENDABLE: [&str; 6] = [
    ".x@example.org",
    "x.@example.org",
    "x@[127.0.0.1]",
    "x@[IPv6:::1]",
    "x@localhost",
    "x@exa\u{202E}mple.org",
];

#[tokio::test]
async fn join_registration_and_address_change_refuse_what_the_mailer_cannot_send() {
    let app = spawn_app().await;
    publish(&app, "evening", None, false).await;
    member(&app, "owner@example.org", "en", false).await;
    let members = app.count("SELECT COUNT(*) AS n FROM members").await;
    for bad in UNSENDABLE {
        let join = app.join("fr", &joining(bad)).await;
        assert_eq!(
            join.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "join {bad:?}"
        );
        assert_eq!(join.attr("#field-email", "aria-invalid"), "true");
        assert_eq!(join.attr("#field-email", "value"), bad);
        assert!(join.text("#email-error").contains("adresse"), "{bad:?}");

        let page = app.get("/en/events/evening").await;
        let mut fields = page.hidden_fields();
        fields.push(("full_name".into(), "Mary Ann Shadd".into()));
        fields.push(("email".into(), bad.into()));
        let pairs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let registration = app.post_form("/en/events/evening/register", &pairs).await;
        assert_eq!(
            registration.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "registration {bad:?}"
        );
        assert_eq!(registration.attr("#field-email", "aria-invalid"), "true");
    }
    // A signed-in member's registration uses their address; their change of address does not.
    sign_in(&app, "en", "owner@example.org").await;
    let outbox = app.count("SELECT COUNT(*) AS n FROM outbox").await;
    for bad in UNSENDABLE {
        let change = post_account_form(&app, "/en/account/email", &[("email", bad)]).await;
        assert_eq!(
            change.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "change {bad:?}"
        );
    }
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM members").await,
        members
    );
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM outbox").await, outbox);
    // The ones that remain are still taken.
    assert!(
        register(
            &app,
            "en",
            "evening",
            "Mary Ann Shadd",
            "ok@example.org",
            &[]
        )
        .await
        .starts_with("/en/")
    );
}

#[tokio::test]
async fn reserved_domains_are_refused_unless_the_setting_allows_them() {
    let app = spawn_app_with(&[("mail.allow_reserved_domains", "false")]).await;
    for reserved in [
        "x@example.org",
        "x@reseau.test",
        "x@a.invalid",
        "x@box.localhost",
    ] {
        let answer = app.join("es", &joining(reserved)).await;
        assert_eq!(
            answer.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{reserved:?}"
        );
        assert!(
            answer.text("#email-error").contains("reservado"),
            "{}",
            answer.text("#email-error")
        );
    }
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM members").await, 0);
    // A real domain (here the sink takes everything) is taken.
    let answer = app.join("en", &joining("amara@exemple.ca")).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    app.deliver_mail().await;
    assert_eq!(
        app.sink.only_mail_to("amara@exemple.ca").subject,
        "Confirm your membership of the network"
    );
}

fn event_form<'a>(starts: &'a str, opens: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![
        ("chapter", "canada"),
        ("slug", "summit"),
        ("title_en", "Summit"),
        ("title_fr", "Sommet"),
        ("description_en", "Talks."),
        ("description_fr", "Exposés."),
        ("format", "in-person"),
        ("venue", "Hall"),
        ("address", "1 Main St"),
        ("online_link", ""),
        ("time_zone", "America/Toronto"),
        ("starts", starts),
        ("ends", "2030-06-01T22:00"),
        ("capacity", "100"),
        ("opens", opens),
    ]
}

#[tokio::test]
async fn dates_off_the_calendar_are_refused_on_the_field_and_nothing_is_stored() {
    let app = spawn_app().await;
    organizer(&app, "canada@reseau.test", Role::Organizer, &["canada"]).await;
    let staff = Browser::new(&app);
    staff.sign_in("canada@reseau.test", PASSWORD).await;
    let starts_refused = [
        "-200000-06-01T19:00",
        "-4713-06-01T19:00",
        "+99999-06-01T19:00",
        "0000-06-01T19:00",
        "1999-06-01T19:00",
        "2101-06-01T19:00",
    ];
    for starts in starts_refused {
        let page = staff
            .submit(
                "/admin/events/new",
                "/admin/events/new",
                &event_form(starts, ""),
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{starts}");
        assert_eq!(
            page.text("#starts-error"),
            "Enter a date between the years 2000 and 2100.",
            "{starts}"
        );
        assert_eq!(page.attr("#field-starts", "value"), starts);
    }
    let opens = staff
        .submit(
            "/admin/events/new",
            "/admin/events/new",
            &event_form("2030-06-01T19:00", "-200000-01-01T00:00"),
        )
        .await;
    assert_eq!(opens.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(opens.text("#opens-error").contains("2000"));
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM events").await, 0);

    // In range, it is taken, listed, and seen by the API.
    let created = staff
        .submit(
            "/admin/events/new",
            "/admin/events/new",
            &event_form("2030-06-01T19:00", ""),
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);

    // A newsletter cannot be scheduled off the calendar either.
    let (letter, page) =
        write_newsletter(&app, "letters@reseau.test", &[("chapters", "canada")]).await;
    for at in [
        "+99999-01-01T10:00",
        "-4713-01-01T10:00",
        "2101-01-01T10:00",
    ] {
        let refused = letter
            .submit(
                &page,
                &format!("{page}/schedule"),
                &[("at", at), ("time_zone", "America/Toronto")],
            )
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{at}");
        let summary = refused.texts(".error-summary li").join(" ");
        assert!(summary.contains("2000"), "{at}: {summary}");
    }
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM newsletters WHERE scheduled_at IS NOT NULL")
            .await,
        0
    );
}

/// The test app's address, for a raw socket.
fn socket_of(app: &crate::helpers::TestApp) -> String {
    app.base.trim_start_matches("http://").to_owned()
}

/// Reads until the server closes the connection (or `within` passes); what it sent.
async fn read_until_closed(
    stream: &mut (impl AsyncRead + Unpin),
    within: Duration,
) -> Option<String> {
    let mut answer = Vec::new();
    let read = tokio::time::timeout(within, stream.read_to_end(&mut answer)).await;
    match read {
        Ok(_) => Some(String::from_utf8_lossy(&answer).into_owned()),
        Err(_) => None,
    }
}

#[tokio::test]
async fn a_half_sent_head_is_closed_within_seconds_and_an_honest_client_still_gets_through() {
    let app = spawn_app_with(&[("limits.header_read_timeout_secs", "1")]).await;
    let started = Instant::now();
    let mut half = TcpStream::connect(socket_of(&app)).await.unwrap();
    half.write_all(b"GET /en/ HTTP/1.1\r\nHost: reseau.test\r\nX-Half: ")
        .await
        .unwrap();
    let closed = read_until_closed(&mut half, Duration::from_secs(5)).await;
    assert!(closed.is_some(), "a half head is still open after 5 s");
    assert!(started.elapsed() < Duration::from_secs(4));
    // A whole head sent in pieces, well within the time, is served.
    let mut slow = TcpStream::connect(socket_of(&app)).await.unwrap();
    for piece in [
        &b"GET /healthz HTTP/1.1\r\n"[..],
        b"Host: reseau.test\r\n",
        b"Connection: close\r\n\r\n",
    ] {
        slow.write_all(piece).await.unwrap();
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let answer = read_until_closed(&mut slow, Duration::from_secs(5))
        .await
        .unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[tokio::test]
async fn a_trickled_body_gets_a_408_and_a_close() {
    let app = spawn_app_with(&[("limits.body_read_timeout_secs", "2")]).await;
    let body = "full_name=Mary+Ann+Shadd&email=trickle%40example.org&chapter=canada&language=en";
    let mut stream = TcpStream::connect(socket_of(&app)).await.unwrap();
    let head = format!(
        "POST /en/join HTTP/1.1\r\nHost: reseau.test\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let started = Instant::now();
    let (mut reader, mut writer) = stream.into_split();
    let trickle = async {
        for byte in body.bytes() {
            if writer.write_all(&[byte]).await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    };
    // The server answers (and closes) while the trickle goes on.
    let answer = tokio::select! {
        answer = read_until_closed(&mut reader, Duration::from_secs(10)) => answer,
        () = trickle => None,
    };
    let answer = answer.expect("closed within 10 s");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(
        answer.to_lowercase().contains("connection: close"),
        "{answer}"
    );
    assert!(started.elapsed() < Duration::from_secs(8));
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM members").await, 0);
}

#[tokio::test]
async fn one_address_cannot_hold_every_connection() {
    let app = spawn_app_with(&[("limits.connections_per_ip", "3")]).await;
    let mut held = Vec::new();
    for _ in 0..3 {
        held.push(TcpStream::connect(socket_of(&app)).await.unwrap());
    }
    let mut fourth = TcpStream::connect(socket_of(&app)).await.unwrap();
    let _ = fourth
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: reseau.test\r\n\r\n")
        .await;
    let answer = read_until_closed(&mut fourth, Duration::from_secs(3)).await;
    assert_eq!(
        answer.as_deref(),
        Some(""),
        "the fourth is closed unanswered"
    );
    // When one is given back, a new one is served.
    drop(held.pop());
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut again = TcpStream::connect(socket_of(&app)).await.unwrap();
    again
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: reseau.test\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let answer = read_until_closed(&mut again, Duration::from_secs(3))
        .await
        .unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

const METRICS_TOKEN: &str = "metrics-token-for-the-edges-0123";

#[tokio::test]
async fn metrics_come_in_the_format_asked_for_at_zero_on_a_fresh_install() {
    let app = spawn_app_with(&[("metrics.token", METRICS_TOKEN)]).await;
    let scrape = |accept: Option<&'static str>, scheme: &'static str| {
        let mut request = app
            .client
            .get(app.url("/metrics"))
            .header("Authorization", format!("{scheme} {METRICS_TOKEN}"));
        if let Some(accept) = accept {
            request = request.header("Accept", accept);
        }
        async move {
            let response = request.send().await.unwrap();
            let status = response.status();
            let content_type = response
                .headers()
                .get("content-type")
                .map(|v| v.to_str().unwrap().to_owned())
                .unwrap_or_default();
            (status, content_type, response.text().await.unwrap())
        }
    };
    assert_eq!(app.get("/en/").await.status, StatusCode::OK);
    // As Prometheus asks: OpenMetrics first.
    let (status, content_type, body) = scrape(
        Some("application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"),
        "Bearer",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        content_type,
        "application/openmetrics-text; version=1.0.0; charset=utf-8"
    );
    assert!(body.ends_with("# EOF\n"), "{body}");
    assert!(body.contains("# TYPE reseau_http_requests counter"));
    // The outbox is a series from the first scrape, at zero.
    for status in ["queued", "sending", "sent", "failed"] {
        let line = format!("reseau_outbox_messages{{status=\"{status}\"}} 0");
        assert!(body.contains(&line), "no {line} in:\n{body}");
    }

    // Anything else: the 0.0.4 text format, whose TYPE names the sample it types.
    for accept in [None, Some("text/plain"), Some("*/*")] {
        let (status, content_type, body) = scrape(accept, "bearer").await;
        assert_eq!(status, StatusCode::OK, "lower-case scheme, {accept:?}");
        assert_eq!(content_type, "text/plain; version=0.0.4; charset=utf-8");
        assert!(!body.contains("# EOF"), "{body}");
        assert!(!body.contains("# UNIT"), "{body}");
        assert!(
            body.contains("# TYPE reseau_http_requests_total counter"),
            "{body}"
        );
        assert!(
            !body.contains("# TYPE reseau_http_requests counter"),
            "{body}"
        );
        assert!(body.contains("reseau_outbox_messages{status=\"queued\"} 0"));
        // Every sample belongs to a family its TYPE line names.
        let typed: Vec<&str> = body
            .lines()
            .filter_map(|l| l.strip_prefix("# TYPE "))
            .filter_map(|l| l.split(' ').next())
            .collect();
        for sample in body
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let name = sample.split(['{', ' ']).next().unwrap();
            assert!(
                typed.iter().any(|t| name == *t
                    || ["_bucket", "_sum", "_count"]
                        .iter()
                        .any(|s| name.strip_suffix(s) == Some(t))),
                "{name} has no TYPE in:\n{body}"
            );
        }
    }
    let (status, _, _) = scrape(None, "BEARER").await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, body) = scrape(None, "Basic").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!body.contains("reseau_"));
}

#[tokio::test]
async fn invisible_and_direction_changing_text_is_refused_on_its_field() {
    let app = spawn_app().await;
    // A member's name.
    let mut fields = joining("mary@example.org");
    fields[0] = ("full_name", "Mary\u{202E}nnA");
    let join = app.join("en", &fields).await;
    assert_eq!(join.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(join.attr("#field-full_name", "aria-invalid"), "true");

    // An event's title and venue.
    organizer(&app, "canada@reseau.test", Role::Organizer, &["canada"]).await;
    let staff = Browser::new(&app);
    staff.sign_in("canada@reseau.test", PASSWORD).await;
    for (field, value) in [
        ("title_en", "Summit\u{202E}gnp.exe"),
        ("title_fr", "Sommet\u{2066}"),
        ("venue", "Hall\u{200B}"),
        ("description_en", "Talks\u{202D}."),
    ] {
        let mut form = event_form("2030-06-01T19:00", "");
        for pair in form.iter_mut() {
            if pair.0 == field {
                pair.1 = value;
            }
        }
        let page = staff
            .submit("/admin/events/new", "/admin/events/new", &form)
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert!(
            page.text(&format!("#{field}-error")).contains("invisible"),
            "{field}: {}",
            page.text(".error-summary")
        );
    }
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM events").await, 0);

    // A newsletter's subject: refused, nothing saved.
    let subject = "Your receipt\u{202E}fdp.exe";
    let page = staff
        .submit(
            "/admin/newsletters/new",
            "/admin/newsletters/new",
            &[
                ("subject_en", subject),
                ("body_en", "Text."),
                ("subject_fr", "Reçu"),
                ("body_fr", "Texte."),
                ("chapters", "canada"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let summary = page.text(".error-summary");
    assert!(summary.contains("invisible"), "{summary}");
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM newsletters").await, 0);
    // Prose that needs a zero-width joiner (Persian here) is kept.
    let page = staff
        .submit(
            "/admin/newsletters/new",
            "/admin/newsletters/new",
            &[
                ("subject_en", "News"),
                ("body_en", "می\u{200C}خواهم"),
                ("subject_fr", "Nouvelles"),
                ("body_fr", "Texte."),
                ("chapters", "canada"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
}
