//! Issue 14's back-office findings (OWASP ASVS 5.0 level 2), each through the real HTTP
//! interface: staff sessions shorter than members', step-up re-authentication before
//! sensitive actions, the current-password check counted like sign-in, the shipped list of
//! common passwords, `__Host-` cookie names behind https, and TOTP seeds sealed at rest.

use std::sync::Mutex;

use chrono::{Duration, Utc};
use domain::{entities::organizer_session, organizers::Role, two_factor};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};

use crate::{
    helpers::{Page, TestApp, spawn_app, spawn_app_with},
    staff::{Browser, PASSWORD, next_code, organizer, seed_key},
};

/// Moves every organizer session's `column` `by` into the past (as if time had passed).
async fn age_sessions(app: &TestApp, column: organizer_session::Column, by: Duration) {
    let rows = organizer_session::Entity::find()
        .all(app.db.reader())
        .await
        .unwrap();
    for row in rows {
        let at = match column {
            organizer_session::Column::LastSeenAt => row.last_seen_at,
            organizer_session::Column::SteppedUpAt => row.stepped_up_at.unwrap_or_else(Utc::now),
            _ => unreachable!("not aged here"),
        };
        organizer_session::Entity::update_many()
            .col_expr(column, Expr::value(at - by))
            .filter(organizer_session::Column::Id.eq(row.id))
            .exec(app.db.writer())
            .await
            .unwrap();
    }
}

/// The `name=value` a response sets for `name`, if any.
fn set_cookie(page: &Page, name: &str) -> Option<String> {
    page.headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(str::to_owned)
}

// --- 1. staff sessions ------------------------------------------------------------------------

#[tokio::test]
async fn staff_sessions_end_sooner_than_members_and_bad_lifetimes_stop_start_up() {
    let app = spawn_app().await;
    organizer(&app, "local@reseau.test", Role::Organizer, &["canada"]).await;
    let staff = Browser::new(&app);
    staff.sign_in("local@reseau.test", PASSWORD).await;
    assert_eq!(staff.get("/admin").await.status, StatusCode::OK);

    // 12 hours at most (a member's is 30 days).
    let row = &organizer_session::Entity::find()
        .all(app.db.reader())
        .await
        .unwrap()[0];
    assert_eq!(row.expires_at - row.created_at, Duration::hours(12));

    // 29 minutes idle: still in. 31: out (a member's lasts 120).
    age_sessions(
        &app,
        organizer_session::Column::LastSeenAt,
        Duration::minutes(29),
    )
    .await;
    assert_eq!(staff.get("/admin").await.status, StatusCode::OK);
    age_sessions(
        &app,
        organizer_session::Column::LastSeenAt,
        Duration::minutes(31),
    )
    .await;
    assert_eq!(staff.get("/admin").await.location(), "/admin/sign-in");

    for key in [
        "admin.session_idle_minutes",
        "admin.session_absolute_hours",
        "admin.step_up_minutes",
    ] {
        let err = web::config::Settings::with_overrides(&[(key, "0")])
            .expect_err("a zero lifetime is refused");
        assert!(err.to_string().contains(key), "{err}");
    }
}

// --- 2. step up -------------------------------------------------------------------------------

/// The hidden fields of the step-up form (the interrupted form's values and the CSRF token).
fn carried(page: &Page) -> Vec<(String, String)> {
    let html = scraper::Html::parse_document(&page.body);
    let selector = scraper::Selector::parse("form#step-up input[type=hidden]").unwrap();
    html.select(&selector)
        .filter_map(|e| {
            Some((
                e.value().attr("name")?.to_owned(),
                e.value().attr("value").unwrap_or_default().to_owned(),
            ))
        })
        .collect()
}

/// Fills in the step-up page `page` (which carries the interrupted form) and sends it.
async fn confirm(browser: &Browser<'_>, page: &Page, password: &str, code: &str) -> Page {
    let action = page.attr("form#step-up", "action");
    let mut fields = carried(page);
    fields.push(("step_up_password".into(), password.into()));
    fields.push(("step_up_code".into(), code.into()));
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    browser.post(&action, &pairs).await
}

#[tokio::test]
async fn exporting_members_asks_for_the_password_and_code_again_then_returns_to_the_export() {
    let app = spawn_app().await;
    organizer(&app, "admin@reseau.test", Role::Admin, &[]).await;
    let admin = Browser::new(&app);
    let signed_in = admin.sign_in("admin@reseau.test", PASSWORD).await;
    let old_cookie = set_cookie(&signed_in, "reseau_admin")
        .map(|c| c.split(';').next().unwrap().to_owned())
        .expect("a session cookie");
    assert_eq!(admin.get("/admin").await.status, StatusCode::OK);

    // A fresh sign-in does not count: the export asks first, and remembers the filter.
    let asked = admin
        .get("/admin/members.csv?q=zo%C3%AB&chapter=canada")
        .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER);
    assert!(
        asked.location().starts_with("/admin/step-up?back="),
        "{}",
        asked.location()
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'members-exported'")
            .await,
        0
    );
    let page = admin.get(&asked.location()).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.has("input[name=step_up_password][type=password]"));
    assert!(
        page.has("input[name=step_up_code]"),
        "two-step: the code too"
    );

    // A wrong password counts on the sign-in lockout row.
    let code = next_code(&app, "admin@reseau.test").await;
    let wrong = confirm(&admin, &page, "not the password at all", &code).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.count("SELECT failed_attempts FROM sign_in_failures")
            .await,
        1
    );
    // A right password with a wrong code counts too.
    let wrong = confirm(&admin, &wrong, PASSWORD, "000000").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.count("SELECT failed_attempts FROM sign_in_failures")
            .await,
        2
    );

    // Both right: a new session id, back to the export with its filter.
    let code = next_code(&app, "admin@reseau.test").await;
    let done = confirm(&admin, &wrong, PASSWORD, &code).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert!(
        done.location()
            .starts_with("/admin/members.csv?q=zo%C3%AB&chapter=canada"),
        "{}",
        done.location()
    );
    let new_cookie = set_cookie(&done, "reseau_admin").expect("a new session cookie");
    assert_ne!(new_cookie.split(';').next().unwrap(), old_cookie);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM sign_in_failures").await,
        0,
        "a complete step up clears the count"
    );
    let csv = admin.get(&done.location()).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.header("content-type").starts_with("text/csv"));
    // The session id before the step up is over.
    let stale = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(app.url("/admin"))
        .header("Cookie", old_cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(stale.headers()["location"], "/admin/sign-in");

    // Ten minutes later, it asks again.
    age_sessions(
        &app,
        organizer_session::Column::SteppedUpAt,
        Duration::minutes(11),
    )
    .await;
    assert_eq!(
        admin.get("/admin/members.csv").await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn inviting_and_changing_two_step_settings_ask_again_and_keep_what_was_typed() {
    let app = spawn_app().await;
    organizer(&app, "admin@reseau.test", Role::Admin, &[]).await;
    let admin = Browser::new(&app);
    admin.sign_in("admin@reseau.test", PASSWORD).await;

    let fields = [
        ("full_name", "Nouvelle Organisatrice"),
        ("email", "nouvelle@reseau.test"),
        ("role", "organizer"),
        ("chapters", "canada"),
        ("chapters", "mexico"),
    ];
    let asked = admin
        .submit("/admin/organizers", "/admin/organizers", &fields)
        .await;
    assert_eq!(asked.status, StatusCode::UNAUTHORIZED, "{}", asked.body);
    assert_eq!(asked.text("h1"), "Confirm it is you");
    let kept = carried(&asked);
    for (name, value) in fields {
        assert!(
            kept.iter().any(|(k, v)| k == name && v == value),
            "{name}={value} carried: {kept:?}"
        );
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM organizers").await,
        1,
        "nobody invited yet"
    );
    let code = next_code(&app, "admin@reseau.test").await;
    let invited = confirm(&admin, &asked, PASSWORD, &code).await;
    assert_eq!(
        invited.location(),
        "/admin/organizers?invited=1",
        "{}",
        invited.body
    );
    let row = &app
        .rows("SELECT name FROM organizers WHERE email = 'nouvelle@reseau.test'")
        .await[0];
    assert_eq!(row["name"], "Nouvelle Organisatrice");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM organizer_chapters oc JOIN organizers o ON o.id = oc.organizer_id WHERE o.email = 'nouvelle@reseau.test'").await,
        2
    );

    // Within the window, the next sensitive action goes straight through.
    let set = admin
        .submit(
            "/admin/organizers",
            "/admin/two-factor/policy",
            &[("all", "yes")],
        )
        .await;
    assert_eq!(set.location(), "/admin/organizers");

    // Past it, the policy asks again; the choice is carried and applied once confirmed.
    age_sessions(
        &app,
        organizer_session::Column::SteppedUpAt,
        Duration::minutes(11),
    )
    .await;
    let asked = admin
        .submit(
            "/admin/organizers",
            "/admin/two-factor/policy",
            &[("all", "no")],
        )
        .await;
    assert_eq!(asked.status, StatusCode::UNAUTHORIZED);
    assert!(carried(&asked).contains(&("all".into(), "no".into())));
    assert!(
        two_factor::required_for_all(app.db.reader()).await.unwrap(),
        "unchanged until confirmed"
    );
    // The sign-in and the first step up used this minute's codes: as if time had passed.
    app.execute("UPDATE organizers SET totp_last_step = NULL")
        .await;
    let code = next_code(&app, "admin@reseau.test").await;
    let done = confirm(&admin, &asked, PASSWORD, &code).await;
    assert_eq!(done.location(), "/admin/organizers");
    assert!(!two_factor::required_for_all(app.db.reader()).await.unwrap());
    app.deliver_mail().await;
    app.sink
        .only_mail_to("nouvelle@reseau.test")
        .link("/admin/invite/");
}

#[tokio::test]
async fn wrong_step_up_passwords_lock_sign_in_too() {
    let app = spawn_app_with(&[("admin.max_failures", "3")]).await;
    organizer(&app, "admin@reseau.test", Role::Admin, &[]).await;
    let admin = Browser::new(&app);
    admin.sign_in("admin@reseau.test", PASSWORD).await;
    let mut page = admin.get("/admin/step-up?back=/admin/members.csv").await;
    for _ in 0..3 {
        page = confirm(&admin, &page, "a wrong password here", "").await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM sign_in_failures WHERE locked_until IS NOT NULL")
            .await,
        1,
        "the third locked the address"
    );
    // Locked: the right password and code are refused, here and at sign-in.
    let code = next_code(&app, "admin@reseau.test").await;
    let refused = confirm(&admin, &page, PASSWORD, &code).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    let elsewhere = Browser::new(&app);
    let sign_in = elsewhere
        .submit(
            "/admin/sign-in",
            "/admin/sign-in",
            &[("email", "admin@reseau.test"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(sign_in.status, StatusCode::TOO_MANY_REQUESTS);
}

// --- 3. the current password on a password change --------------------------------------------

#[tokio::test]
async fn wrong_current_passwords_count_like_sign_in_and_lock() {
    let app = spawn_app_with(&[("admin.max_failures", "3")]).await;
    organizer(&app, "local@reseau.test", Role::Organizer, &["canada"]).await;
    let staff = Browser::new(&app);
    staff.sign_in("local@reseau.test", PASSWORD).await;
    let change = |current: &'static str| {
        let staff = &staff;
        async move {
            staff
                .submit(
                    "/admin/password",
                    "/admin/password",
                    &[
                        ("current_password", current),
                        ("password", "a brand new long passphrase"),
                    ],
                )
                .await
        }
    };
    assert_eq!(
        change("wrong guess number").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        app.count("SELECT failed_attempts FROM sign_in_failures")
            .await,
        1,
        "counted on the sign-in row"
    );
    change("wrong guess number").await;
    change("wrong guess number").await;
    // Locked: even the right current password does not change it.
    let refused = change(PASSWORD).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        refused
            .text("#current_password-error")
            .contains("Too many failed attempts")
    );
    let elsewhere = Browser::new(&app);
    let sign_in = elsewhere.sign_in("local@reseau.test", PASSWORD).await;
    assert_eq!(
        sign_in.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the same lock"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'password-check-failed'")
            .await,
        3
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'password-changed'")
            .await,
        0
    );
}

// --- 4. common passwords ----------------------------------------------------------------------

#[tokio::test]
async fn passwords_from_the_shipped_leak_list_are_refused_in_any_case() {
    let app = spawn_app().await;
    organizer(&app, "local@reseau.test", Role::Organizer, &["canada"]).await;
    let staff = Browser::new(&app);
    staff.sign_in("local@reseau.test", PASSWORD).await;
    // None of these was on the old list of 45; all are on the shipped one.
    for common in [
        "zxcvbnm123456",
        "ZAQ12WSXCDE3",
        "123456789Qwe",
        "Qazwsxedcrfv",
    ] {
        let answer = staff
            .submit(
                "/admin/password",
                "/admin/password",
                &[("current_password", PASSWORD), ("password", common)],
            )
            .await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{common}");
        assert_eq!(
            answer.text("#password-error"),
            "This password is one of the most common ones. Choose another.",
            "{common}"
        );
    }
    // The length rules stay.
    let short = staff
        .submit(
            "/admin/password",
            "/admin/password",
            &[("current_password", PASSWORD), ("password", "short one")],
        )
        .await;
    assert_eq!(
        short.text("#password-error"),
        "The password must be at least 12 characters."
    );
    let fine = staff
        .submit(
            "/admin/password",
            "/admin/password",
            &[
                ("current_password", PASSWORD),
                ("password", "equity summit in Ottawa"),
            ],
        )
        .await;
    assert_eq!(fine.location(), "/admin/password?changed=1");
}

// --- 5. __Host- cookies -----------------------------------------------------------------------

#[tokio::test]
async fn behind_https_the_session_and_csrf_cookies_are_host_prefixed() {
    // The member is made on an http instance; a second instance on the same database says
    // https in its base URL, as behind a TLS-terminating proxy, and is reached on plain http.
    let plain = spawn_app().await;
    plain
        .join_and_confirm(
            "en",
            &[
                ("email", "ada@example.org"),
                ("full_name", "Ada Member"),
                ("chapter", "canada"),
                ("language", "en"),
            ],
        )
        .await;
    organizer(&plain, "local@reseau.test", Role::Organizer, &["canada"]).await;
    let app = spawn_app_with(&[
        ("database_url", &plain.database_url),
        ("base_url", "https://127.0.0.1:0"),
    ])
    .await;
    assert!(app.base.starts_with("https://"));
    let http = app.base.replacen("https://", "http://", 1);
    let raw = Raw::new(&http, &app.base);

    let form = raw.get("/admin/sign-in").await;
    let csrf = set_cookie(&form, "__Host-reseau_csrf").expect("a __Host- CSRF cookie");
    assert!(csrf.contains("Secure") && csrf.contains("Path=/"), "{csrf}");
    assert!(!csrf.to_ascii_lowercase().contains("domain="), "{csrf}");
    assert!(set_cookie(&form, "reseau_csrf").is_none());

    let mut fields = form.hidden_fields();
    fields.push(("email".into(), "local@reseau.test".into()));
    fields.push(("password".into(), PASSWORD.into()));
    let signed_in = raw.post("/admin/sign-in", &fields).await;
    assert_eq!(signed_in.location(), "/admin", "{}", signed_in.body);
    let staff = set_cookie(&signed_in, "__Host-reseau_admin").expect("a __Host- staff cookie");
    for part in ["Secure", "Path=/", "HttpOnly", "SameSite=Strict"] {
        assert!(staff.contains(part), "{part}: {staff}");
    }
    assert!(!staff.to_ascii_lowercase().contains("domain="), "{staff}");
    // The server reads it back under that name.
    assert_eq!(raw.get("/admin").await.status, StatusCode::OK);

    // A member's session.
    let form = raw.get("/en/sign-in").await;
    let mut fields = form.hidden_fields();
    fields.push(("email".into(), "ada@example.org".into()));
    assert_eq!(
        raw.post("/en/sign-in", &fields).await.location(),
        "/en/sign-in/sent"
    );
    app.deliver_mail().await;
    let link = app
        .sink
        .mails_to("ada@example.org")
        .pop()
        .unwrap()
        .link("/en/sign-in/");
    let path = link.replacen(&app.base, "", 1);
    let button = raw.get(&path).await;
    let action = button.attr("form", "action");
    let signed_in = raw.post(&action, &button.hidden_fields()).await;
    assert_eq!(signed_in.location(), "/en/account", "{}", signed_in.body);
    let member = set_cookie(&signed_in, "__Host-reseau_session").expect("a __Host- session");
    assert!(
        member.contains("Secure") && member.contains("Path=/"),
        "{member}"
    );
    assert!(!member.to_ascii_lowercase().contains("domain="), "{member}");
    assert_eq!(raw.get("/en/account").await.status, StatusCode::OK);

    // On http, plain names (local development, where __Host- cannot be set).
    let page = plain.get("/admin/sign-in").await;
    assert!(set_cookie(&page, "reseau_csrf").is_some());
}

/// A client that keeps cookies by hand, so that Secure cookies are sent back over the plain
/// http port of an instance configured for https.
struct Raw {
    base: String,
    origin: String,
    client: reqwest::Client,
    jar: Mutex<Vec<(String, String)>>,
}

impl Raw {
    fn new(base: &str, origin: &str) -> Self {
        Self {
            base: base.to_owned(),
            origin: origin.to_owned(),
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            jar: Mutex::new(Vec::new()),
        }
    }

    fn cookie_header(&self) -> String {
        self.jar
            .lock()
            .unwrap()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep(&self, page: &Page) {
        let mut jar = self.jar.lock().unwrap();
        for value in page.headers.get_all("set-cookie") {
            let Some((name, rest)) = value.to_str().unwrap().split_once('=') else {
                continue;
            };
            let value = rest.split(';').next().unwrap_or_default().to_owned();
            jar.retain(|(k, _)| k != name);
            if !value.is_empty() {
                jar.push((name.to_owned(), value));
            }
        }
    }

    async fn get(&self, path: &str) -> Page {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .header("Cookie", self.cookie_header())
            .header("Accept-Language", "en")
            .send()
            .await
            .unwrap();
        let page = Page::read(response).await;
        self.keep(&page);
        page
    }

    async fn post(&self, path: &str, fields: &[(String, String)]) -> Page {
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .header("Cookie", self.cookie_header())
            .header("Origin", &self.origin)
            .header("Accept-Language", "en")
            .form(fields)
            .send()
            .await
            .unwrap();
        let page = Page::read(response).await;
        self.keep(&page);
        page
    }
}

// --- 6. TOTP seeds at rest --------------------------------------------------------------------

#[tokio::test]
async fn clear_totp_seeds_are_sealed_on_use_and_at_start_up() {
    let app = spawn_app().await;
    // As an older version left them: in clear.
    organizer(&app, "admin@reseau.test", Role::Admin, &[]).await;
    organizer(&app, "other@reseau.test", Role::Admin, &[]).await;
    let stored = |email: &'static str| {
        let app = &app;
        async move {
            let row = &app
                .rows(&format!(
                    "SELECT id, totp_secret FROM organizers WHERE email = '{email}'"
                ))
                .await[0];
            (
                row["id"].as_i64().unwrap(),
                row["totp_secret"].as_str().unwrap().to_owned(),
            )
        }
    };
    let (id, clear) = stored("admin@reseau.test").await;
    assert!(!two_factor::is_sealed(&clear));

    // Used once: sealed, and the same seed still signs in.
    let admin = Browser::new(&app);
    assert_eq!(
        admin
            .sign_in("admin@reseau.test", PASSWORD)
            .await
            .location(),
        "/admin"
    );
    let (_, sealed) = stored("admin@reseau.test").await;
    assert!(
        two_factor::is_sealed(&sealed) && !sealed.contains(&clear),
        "{sealed}"
    );
    assert_eq!(seed_key().open(id, &sealed).unwrap(), clear);
    admin.submit("/admin", "/admin/sign-out", &[]).await;
    app.execute("UPDATE organizers SET totp_last_step = NULL")
        .await;
    assert_eq!(
        admin
            .sign_in("admin@reseau.test", PASSWORD)
            .await
            .location(),
        "/admin"
    );

    // Another instance starting on the database seals the seeds still in clear.
    let (_, other) = stored("other@reseau.test").await;
    assert!(!two_factor::is_sealed(&other));
    let _second = spawn_app_with(&[("database_url", &app.database_url)]).await;
    let (_, other) = stored("other@reseau.test").await;
    assert!(two_factor::is_sealed(&other), "{other}");
}

#[tokio::test]
async fn step_up_attempts_are_limited_per_client_before_any_hashing() {
    // The sign-in takes two of the burst (password, code); one step up is left.
    let app = spawn_app_with(&[
        ("admin.sign_in_burst", "3"),
        ("admin.sign_in_per_minute", "1"),
    ])
    .await;
    organizer(&app, "admin@reseau.test", Role::Admin, &[]).await;
    let admin = Browser::new(&app);
    admin.sign_in("admin@reseau.test", PASSWORD).await;
    let page = admin.get("/admin/step-up?back=/admin").await;
    assert_eq!(page.status, StatusCode::OK, "asking costs nothing");
    let wrong = confirm(&admin, &page, "a wrong password here", "").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let code = next_code(&app, "admin@reseau.test").await;
    let limited = confirm(&admin, &wrong, PASSWORD, &code).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        app.count("SELECT failed_attempts FROM sign_in_failures")
            .await,
        1,
        "refused before hashing: not counted"
    );
}
