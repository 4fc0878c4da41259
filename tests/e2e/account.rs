//! Members look after themselves: sign in by link, preferences, newsletter, unsubscribe (with
//! RFC 8058 one-click), their data, leaving; and the hostile cases around them.

use chrono::{Duration, Utc};
use reqwest::StatusCode;

use crate::helpers::{Mail, TestApp, client, spawn_app};

/// Joins and confirms `email`, with the newsletter box ticked or not; returns the welcome.
pub(crate) async fn member(app: &TestApp, email: &str, lang: &str, newsletter: bool) -> Mail {
    let mut fields = vec![
        ("full_name", "Viola Desmond"),
        ("email", email),
        ("chapter", "canada"),
        ("region", "CA-NS"),
        ("language", lang),
    ];
    if newsletter {
        fields.push(("newsletter", "yes"));
    }
    app.join_and_confirm(lang, &fields).await
}

/// Asks for a sign-in link as a person would; returns the answer's location.
async fn ask_sign_in(app: &TestApp, lang: &str, email: &str) -> String {
    let form = app.get(&format!("/{lang}/sign-in")).await;
    let mut fields = form.hidden_fields();
    fields.push(("email".into(), email.into()));
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.post_form(&format!("/{lang}/sign-in"), &pairs)
        .await
        .location()
}

pub(crate) async fn sign_in(app: &TestApp, lang: &str, email: &str) {
    assert_eq!(
        ask_sign_in(app, lang, email).await,
        format!("/{lang}/sign-in/sent")
    );
    app.deliver_mail().await;
    let mail = app.sink.mails_to(email).pop().unwrap();
    let link = mail.link(&format!("/{lang}/sign-in/"));
    let signed_in = app.press_button(&link).await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    assert_eq!(signed_in.location(), format!("/{lang}/account"));
}

pub(crate) async fn post_account_form(
    app: &TestApp,
    path: &str,
    fields: &[(&str, &str)],
) -> crate::helpers::Page {
    let page = app.get("/en/account").await;
    let csrf = page.attr("input[name=csrf_token]", "value");
    let mut all = vec![("csrf_token", csrf.as_str())];
    all.extend_from_slice(fields);
    app.post_form(path, &all).await
}

#[tokio::test]
async fn a_member_signs_in_by_link_and_edits_every_preference() {
    let app = spawn_app().await;
    member(&app, "viola@example.org", "en", false).await;

    // Not signed in: the account sends to the sign-in page.
    assert_eq!(app.get("/en/account").await.location(), "/en/sign-in");

    sign_in(&app, "en", "viola@example.org").await;
    let sign_in_mail = app.sink.mails_to("viola@example.org").pop().unwrap();
    assert_eq!(sign_in_mail.subject, "Your sign-in link for Réseau");
    let cookie_rows = app.count("SELECT COUNT(*) FROM sessions").await;
    assert_eq!(cookie_rows, 1);

    let account = app.get("/en/account").await;
    assert_eq!(account.status, StatusCode::OK);
    assert!(account.text("main").contains("viola@example.org"));
    assert_eq!(account.attr("#field-full_name", "value"), "Viola Desmond");
    assert_eq!(
        account.attr("#field-region option[selected]", "value"),
        "CA-NS"
    );

    // Edit every preference and see it kept.
    let saved = post_account_form(
        &app,
        "/en/account",
        &[
            ("full_name", "Viola Irene Desmond"),
            ("chapter", "mexico"),
            ("region", "MX-OAX"),
            ("interests", "education"),
            ("interests", "voting-rights"),
            ("language", "es"),
        ],
    )
    .await;
    assert_eq!(saved.location(), "/en/account?saved=profile");
    let account = app.get(&saved.location()).await;
    assert_eq!(account.text("p[role=status]"), "Your details are saved.");
    assert_eq!(
        account.attr("#field-full_name", "value"),
        "Viola Irene Desmond"
    );
    assert_eq!(
        account.attr("#field-chapter option[selected]", "value"),
        "mexico"
    );
    assert_eq!(
        account.attr("#field-region option[selected]", "value"),
        "MX-OAX"
    );
    assert_eq!(
        account.attr("#field-language option[selected]", "value"),
        "es"
    );
    assert_eq!(
        account.attrs("input[name=interests][checked]", "value"),
        ["education", "voting-rights"]
    );
    let row = &app
        .rows("SELECT full_name, language, region, interests FROM members")
        .await[0];
    assert_eq!(row["interests"], "education,voting-rights");

    // A bad edit comes back with its message and changes nothing.
    let bad = post_account_form(
        &app,
        "/en/account",
        &[
            ("full_name", ""),
            ("chapter", "canada"),
            ("region", "MX-OAX"),
            ("language", "en"),
        ],
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.text("#full_name-error"), "Enter your name.");
    assert!(bad.has("#region-error"));
    assert_eq!(
        app.rows("SELECT full_name FROM members").await[0]["full_name"],
        "Viola Irene Desmond"
    );

    // Subscribe, then unsubscribe: one ledger row each, shown in plain words.
    let subscribed =
        post_account_form(&app, "/en/account/newsletter", &[("subscribe", "yes")]).await;
    assert_eq!(subscribed.location(), "/en/account?saved=newsletter");
    post_account_form(&app, "/en/account/newsletter", &[("subscribe", "yes")]).await;
    post_account_form(&app, "/en/account/newsletter", &[("subscribe", "no")]).await;
    let ledger = app
        .rows("SELECT purpose, granted, source, wording_version FROM consents WHERE purpose = 'newsletter' ORDER BY id")
        .await;
    assert_eq!(
        ledger.len(),
        2,
        "a repeated choice adds nothing: {ledger:?}"
    );
    assert_eq!(ledger[0]["source"], "account");
    assert_eq!(ledger[0]["wording_version"], "account-2026-11-28");
    let account = app.get("/en/account").await;
    let history = account.texts(".ledger li");
    assert_eq!(history.len(), 3);
    assert!(
        history[0].contains("you became a member, on the join form"),
        "{history:?}"
    );
    assert!(history[1].contains("you subscribed to the newsletter, on your account page"));
    assert!(history[2].contains("you unsubscribed from the newsletter, on your account page"));
    assert_eq!(
        account.text("#newsletter-title + p"),
        "You do not receive the newsletter."
    );

    // A session ends after a spell of inactivity (sessions.idle_minutes, 120 by default).
    app.execute(&format!(
        "UPDATE sessions SET last_seen_at = '{}'",
        (chrono::Utc::now() - chrono::Duration::hours(3)).format("%Y-%m-%d %H:%M:%S%.6f+00:00")
    ))
    .await;
    assert_eq!(
        app.get("/en/account").await.location(),
        "/en/sign-in",
        "idle too long"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM sessions").await,
        0,
        "the stale session is deleted"
    );
    // Their emails are in Spanish now, so the link is too.
    sign_in(&app, "es", "viola@example.org").await;

    // Signing out ends the session on the server too.
    let out = post_account_form(&app, "/en/sign-out", &[]).await;
    assert_eq!(out.location(), "/en/signed-out");
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 0);
    assert_eq!(app.get("/en/account").await.location(), "/en/sign-in");
}

#[tokio::test]
async fn sign_in_answers_the_same_for_anyone_and_links_are_single_use() {
    let app = spawn_app().await;
    member(&app, "known@example.org", "fr", false).await;
    let before = app.sink.received().len();

    // Known and unknown addresses: the same answer, and mail only for the member.
    assert_eq!(
        ask_sign_in(&app, "fr", "stranger@example.org").await,
        "/fr/sign-in/sent"
    );
    assert_eq!(
        ask_sign_in(&app, "fr", "KNOWN@example.org").await,
        "/fr/sign-in/sent"
    );
    app.deliver_mail().await;
    assert_eq!(app.sink.received().len(), before + 1);
    assert!(app.sink.mails_to("stranger@example.org").is_empty());
    let mail = app.sink.mails_to("known@example.org").pop().unwrap();
    assert_eq!(mail.subject, "Votre lien de connexion à Réseau");
    let link = mail.link("/fr/sign-in/");

    // Opening the link signs nobody in; pressing the button does, once.
    assert_eq!(app.count("SELECT COUNT(*) FROM sessions").await, 0);
    assert_eq!(app.press_button(&link).await.location(), "/fr/account");
    let again = app.get(&link).await;
    assert_eq!(again.status, StatusCode::GONE);

    // A confirmation token is not a sign-in token, and a made-up one is unknown.
    let confirm_token = app.sink.mails_to("known@example.org")[0].link("/confirm/");
    let token = confirm_token.rsplit('/').next().unwrap();
    assert_eq!(
        app.get(&format!("/fr/sign-in/{token}")).await.status,
        StatusCode::NOT_FOUND
    );

    // An expired link does not work.
    ask_sign_in(&app, "fr", "known@example.org").await;
    app.deliver_mail().await;
    let link = app
        .sink
        .mails_to("known@example.org")
        .pop()
        .unwrap()
        .link("/fr/sign-in/");
    app.execute("UPDATE tokens SET expires_at = created_at WHERE purpose = 'sign-in'")
        .await;
    assert_eq!(app.get(&link).await.status, StatusCode::GONE);

    // A flood for one address sends only a few links.
    for _ in 0..6 {
        assert_eq!(
            ask_sign_in(&app, "fr", "known@example.org").await,
            "/fr/sign-in/sent"
        );
    }
    app.deliver_mail().await;
    let links = app
        .sink
        .mails_to("known@example.org")
        .iter()
        .filter(|m| m.subject.contains("connexion"))
        .count();
    assert_eq!(links, 3, "mails_per_address_per_hour caps sign-in links");
}

#[tokio::test]
async fn one_click_unsubscribe_works_from_the_email_without_a_session() {
    let app = spawn_app().await;
    let welcome = member(&app, "rosa@example.org", "es", true).await;
    assert!(
        welcome.text.contains("/es/unsubscribe/"),
        "{}",
        welcome.text
    );
    let headers = app.sink.mails_to("rosa@example.org").pop().unwrap();
    let link = headers.link("/es/unsubscribe/");
    // RFC 2369 / RFC 8058 headers on the message.
    let raw = String::from_utf8(app.sink.received().last().unwrap().data.clone()).unwrap();
    assert!(
        raw.contains(&format!("List-Unsubscribe: <{link}>")),
        "{raw}"
    );
    assert!(raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));

    // A mail provider's POST, exactly as RFC 8058 describes it: no cookie, no CSRF, no Origin.
    let provider = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = provider
        .post(&link)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let ledger = app
        .rows("SELECT granted, source FROM consents WHERE purpose = 'newsletter' ORDER BY id")
        .await;
    assert_eq!(ledger.len(), 2);
    assert_eq!(ledger[1]["source"], "one-click");
    assert!(ledger[1]["granted"] == false || ledger[1]["granted"] == 0);

    // The person's own click later: a page with a button, harmless and saying so.
    let fresh = client();
    let page = fresh.get(&link).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let pressed = fresh.post(&link).form(&[("x", "y")]).send().await.unwrap();
    assert_eq!(pressed.status(), StatusCode::OK);
    let body = pressed.text().await.unwrap();
    assert!(body.contains("ya estaba cancelada"), "{body}");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM consents WHERE purpose = 'newsletter'")
            .await,
        2
    );

    // An unknown token is a 404, an expired one says so.
    assert_eq!(
        provider
            .post(app.url(&format!("/es/unsubscribe/{}", "a".repeat(64))))
            .body("List-Unsubscribe=One-Click")
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
    app.execute("UPDATE tokens SET expires_at = created_at WHERE purpose = 'unsubscribe'")
        .await;
    assert_eq!(
        provider.get(&link).send().await.unwrap().status(),
        StatusCode::GONE
    );
}

#[tokio::test]
async fn a_member_downloads_their_data_then_leaves_and_is_forgotten() {
    let app = spawn_app().await;
    member(&app, "fannie@example.org", "en", true).await;
    sign_in(&app, "en", "fannie@example.org").await;

    let data = app
        .client
        .get(app.url("/en/account/data"))
        .send()
        .await
        .unwrap();
    assert_eq!(data.status(), StatusCode::OK);
    assert!(
        data.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let json: serde_json::Value = serde_json::from_str(&data.text().await.unwrap()).unwrap();
    assert_eq!(json["profile"]["email"], "fannie@example.org");
    assert_eq!(json["profile"]["chapter"], "canada");
    assert_eq!(json["newsletter_subscribed"], true);
    assert_eq!(json["consents"].as_array().unwrap().len(), 2);
    let kinds: Vec<&str> = json["emails"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["confirm", "welcome", "sign-in"]);
    assert!(json["registrations"].as_array().unwrap().is_empty());

    // Deleting asks once more.
    let unconfirmed = post_account_form(&app, "/en/account/delete", &[]).await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unconfirmed.has("#confirm-error"));
    let deleted = post_account_form(&app, "/en/account/delete", &[("confirm", "yes")]).await;
    assert_eq!(deleted.location(), "/en/account/deleted");
    assert_eq!(
        app.get("/en/account").await.location(),
        "/en/sign-in",
        "the session ended"
    );

    // The goodbye goes out, then the address is nowhere in the database.
    app.deliver_mail().await;
    let goodbye = app.sink.mails_to("fannie@example.org").pop().unwrap();
    assert_eq!(goodbye.subject, "Your account is deleted");
    assert_address_is_nowhere(&app, "fannie@example.org").await;
    assert_address_is_nowhere(&app, "Viola Desmond").await;
    let ledger = app.rows("SELECT email_hash FROM consents").await;
    assert!(
        ledger
            .iter()
            .all(|row| row["email_hash"].as_str().unwrap().len() == 64),
        "the ledger keeps its hashes"
    );

    // Whatever queues mail for an erased member later, the mailer refuses it.
    let id = app
        .count("SELECT id FROM members WHERE status = 'erased'")
        .await;
    app.execute(&format!(
        "INSERT INTO outbox (kind, recipient, language, member_id, subject, body_text, body_html, headers, status, attempts, next_attempt_at, created_at) \
         VALUES ('welcome', 'fannie@example.org', 'en', {id}, 's', 't', 'h', '[]', 'queued', 0, '2000-01-01T00:00:00Z', '2000-01-01T00:00:00Z')"
    ))
    .await;
    let before = app.sink.received().len();
    assert_eq!(app.deliver_mail().await.failed, 1);
    assert_eq!(app.sink.received().len(), before);
    assert_address_is_nowhere(&app, "fannie@example.org").await;

    // Joining again with the same address starts fresh.
    let welcome = member(&app, "fannie@example.org", "en", false).await;
    assert!(welcome.subject.starts_with("Welcome"));
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM members WHERE email = 'fannie@example.org' AND status = 'active'"
        )
        .await,
        1
    );
}

/// Scans every text column of every table.
async fn assert_address_is_nowhere(app: &TestApp, needle: &str) {
    let tables_sql = if crate::helpers::using_postgres() {
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'"
    } else {
        "SELECT name FROM sqlite_master WHERE type = 'table'"
    };
    let needle = needle.to_lowercase();
    for table in app.rows(tables_sql).await {
        let name = table["name"].as_str().unwrap().to_owned();
        for row in app.rows(&format!("SELECT * FROM \"{name}\"")).await {
            let text = row.to_string().to_lowercase();
            assert!(
                !text.contains(&needle),
                "{needle} is still in {name}: {row}"
            );
        }
    }
}

#[tokio::test]
async fn changing_the_address_waits_for_the_new_one_and_tells_the_old() {
    let app = spawn_app().await;
    member(&app, "old@example.org", "en", false).await;
    member(&app, "taken@example.org", "en", false).await;
    sign_in(&app, "en", "old@example.org").await;

    // Someone else's address: the same answer, and no mail to it.
    let before = app.sink.mails_to("taken@example.org").len();
    let answer =
        post_account_form(&app, "/en/account/email", &[("email", "taken@example.org")]).await;
    assert_eq!(answer.location(), "/en/account?saved=email");
    let bad = post_account_form(&app, "/en/account/email", &[("email", "not an address")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.attr("#field-email", "value"), "not an address");

    post_account_form(&app, "/en/account/email", &[("email", "New@Example.org")]).await;
    app.deliver_mail().await;
    assert_eq!(app.sink.mails_to("taken@example.org").len(), before);
    let mail = app.sink.only_mail_to("new@example.org");
    assert_eq!(mail.subject, "Confirm your new email address");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM members WHERE email = 'old@example.org'")
            .await,
        1,
        "nothing changes yet"
    );

    let link = mail.link("/en/account/email/");
    let confirmed = app.press_button(&link).await;
    assert_eq!(confirmed.status, StatusCode::OK);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM members WHERE email = 'new@example.org'")
            .await,
        1
    );
    app.deliver_mail().await;
    let told = app.sink.mails_to("old@example.org").pop().unwrap();
    assert_eq!(told.subject, "Your email address was changed");
    assert!(told.text.contains("new@example.org"));
    // The old address no longer signs in; the new one does.
    let before = app.sink.received().len();
    ask_sign_in(&app, "en", "old@example.org").await;
    app.deliver_mail_at(Utc::now() + Duration::seconds(1)).await;
    assert_eq!(app.sink.received().len(), before);
    sign_in(&app, "en", "new@example.org").await;
}

#[tokio::test]
async fn a_one_click_unsubscribe_in_multipart_form_data_counts_as_one_click_and_as_unsubscribed() {
    use crate::staff::{Browser, PASSWORD, organizer};
    use domain::organizers::Role;

    let app = spawn_app().await;
    organizer(&app, "canada@reseau.test", Role::Organizer, &["canada"]).await;
    member(&app, "rosa@example.org", "en", true).await;
    member(&app, "stays@example.org", "en", true).await;
    let link = app
        .sink
        .mails_to("rosa@example.org")
        .pop()
        .unwrap()
        .link("/en/unsubscribe/");

    // What RFC 8058 recommends a provider send: multipart/form-data, no cookie, no CSRF.
    let provider = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let form = reqwest::multipart::Form::new().text("List-Unsubscribe", "One-Click");
    let response = provider.post(&link).multipart(form).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let ledger = app
        .rows(
            "SELECT c.granted, c.source FROM consents c JOIN members m ON m.id = c.member_id \
             WHERE c.purpose = 'newsletter' AND m.email = 'rosa@example.org' ORDER BY c.id",
        )
        .await;
    assert_eq!(ledger.len(), 2, "{ledger:?}");
    assert_eq!(ledger[1]["source"], "one-click");

    // The back office counts and finds her as unsubscribed, still an active member.
    let staff = Browser::new(&app);
    staff.sign_in("canada@reseau.test", PASSWORD).await;
    let dashboard = staff.get("/admin").await;
    let canada = dashboard
        .texts("tbody tr")
        .into_iter()
        .find(|r| r.starts_with("Canada"))
        .unwrap();
    assert_eq!(
        canada, "Canada 0 2 1 2",
        "pending, active, of whom unsubscribed, total"
    );
    let unsubscribed = staff.get("/admin/members?status=unsubscribed").await;
    assert_eq!(unsubscribed.status, StatusCode::OK);
    assert!(unsubscribed.body.contains("rosa@example.org"));
    assert!(!unsubscribed.body.contains("stays@example.org"));
    let active = staff.get("/admin/members?status=active").await;
    assert!(active.body.contains("rosa@example.org") && active.body.contains("stays@example.org"));
}

/// Presses the one button of the page at `url` from `browser`.
async fn press_from(app: &TestApp, browser: &reqwest::Client, url: &str) -> crate::helpers::Page {
    let page = crate::helpers::Page::read(browser.get(url).send().await.unwrap()).await;
    assert!(page.has("form button"), "no button on {url}: {}", page.body);
    let action = page.attr("form", "action");
    let response = browser
        .post(app.url(&action))
        .header("Origin", &app.base)
        .form(&page.hidden_fields())
        .send()
        .await
        .unwrap();
    crate::helpers::Page::read(response).await
}

/// A browser of its own, signed in as `email` from an emailed link.
async fn another_browser_signed_in(app: &TestApp, email: &str) -> reqwest::Client {
    assert_eq!(ask_sign_in(app, "en", email).await, "/en/sign-in/sent");
    app.deliver_mail().await;
    let link = app.sink.mails_to(email).pop().unwrap().link("/en/sign-in/");
    let browser = client();
    let signed_in = press_from(app, &browser, &link).await;
    assert_eq!(signed_in.location(), "/en/account");
    browser
}

async fn account_status(app: &TestApp, browser: &reqwest::Client) -> StatusCode {
    browser
        .get(app.url("/en/account"))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn a_new_address_ends_every_other_session_and_every_link_sent_to_the_old_one() {
    let app = spawn_app().await;
    member(&app, "old@example.org", "en", false).await;
    let elsewhere = another_browser_signed_in(&app, "old@example.org").await;
    assert_eq!(account_status(&app, &elsewhere).await, StatusCode::OK);
    // A sign-in link waiting, unused, in the old mailbox.
    assert_eq!(
        ask_sign_in(&app, "en", "old@example.org").await,
        "/en/sign-in/sent"
    );
    app.deliver_mail().await;
    let waiting = app
        .sink
        .mails_to("old@example.org")
        .pop()
        .unwrap()
        .link("/en/sign-in/");

    // From this browser, the member changes the address and confirms it.
    sign_in(&app, "en", "old@example.org").await;
    post_account_form(&app, "/en/account/email", &[("email", "new@example.org")]).await;
    app.deliver_mail().await;
    let confirm = app
        .sink
        .only_mail_to("new@example.org")
        .link("/en/account/email/");
    assert_eq!(app.press_button(&confirm).await.status, StatusCode::OK);

    assert_eq!(
        app.get("/en/account").await.status,
        StatusCode::OK,
        "this one stays"
    );
    assert_eq!(
        account_status(&app, &elsewhere).await,
        StatusCode::SEE_OTHER,
        "the other session ended"
    );
    let stale = client();
    let page = crate::helpers::Page::read(stale.get(&waiting).send().await.unwrap()).await;
    assert!(
        !page.has("form button"),
        "the old link opens nothing: {}",
        page.body
    );
    assert_eq!(page.status, StatusCode::GONE);
    // The old address was told of the change.
    app.deliver_mail().await;
    assert_eq!(
        app.sink.mails_to("old@example.org").pop().unwrap().subject,
        "Your email address was changed"
    );
}

#[tokio::test]
async fn one_member_cannot_mail_address_change_links_to_a_list_of_strangers() {
    let app = spawn_app().await;
    member(&app, "sprayer@example.org", "en", false).await;
    sign_in(&app, "en", "sprayer@example.org").await;
    let targets: Vec<String> = (0..6).map(|i| format!("target{i}@example.org")).collect();
    for target in &targets {
        let answer = post_account_form(&app, "/en/account/email", &[("email", target)]).await;
        assert_eq!(
            answer.status,
            StatusCode::SEE_OTHER,
            "the same answer every time"
        );
    }
    app.deliver_mail().await;
    let mailed = targets
        .iter()
        .filter(|t| !app.sink.mails_to(t).is_empty())
        .count();
    assert_eq!(
        mailed, 3,
        "limits.mails_per_address_per_hour per member too"
    );
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_session() {
    let app = spawn_app().await;
    member(&app, "viola@example.org", "en", false).await;
    let elsewhere = another_browser_signed_in(&app, "viola@example.org").await;
    sign_in(&app, "en", "viola@example.org").await;
    let page = app.get("/en/account").await;
    assert!(page.body.contains("Sign out everywhere"));
    let out = post_account_form(&app, "/en/account/sign-out-everywhere", &[]).await;
    assert_eq!(out.location(), "/en/signed-out");
    assert_eq!(app.get("/en/account").await.location(), "/en/sign-in");
    assert_eq!(
        account_status(&app, &elsewhere).await,
        StatusCode::SEE_OTHER
    );
}
