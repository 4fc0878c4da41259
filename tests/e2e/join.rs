//! Joining a chapter, end to end: the form, validation, the email, the confirmation, the
//! consent ledger, duplicates and expired links.

use reqwest::StatusCode;

use crate::helpers::{Mail, Page, TestApp, spawn_app};

const PASSWORD_LIKE_TOKEN: usize = 64;

fn person<'a>(
    name: &'a str,
    email: &'a str,
    language: &'a str,
    newsletter: bool,
) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("full_name", name),
        ("email", email),
        ("chapter", "canada"),
        ("region", "CA-QC"),
        ("interests", "health-equity"),
        ("interests", "arts-culture"),
        ("language", language),
    ];
    if newsletter {
        fields.push(("newsletter", "yes"));
    }
    fields
}

async fn confirm_link(app: &TestApp, email: &str) -> String {
    app.deliver_mail().await;
    let mail = app
        .sink
        .mails_to(email)
        .pop()
        .expect("a confirmation email");
    mail.link("/confirm/")
}

#[tokio::test]
async fn a_citizen_joins_in_french_confirms_and_is_a_member() {
    let app = spawn_app().await;

    // The home page leads to the form, in French.
    let home = app.get("/fr/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert_eq!(home.attr("html", "lang"), "fr");
    assert!(home.texts(".card h3").contains(&"Canada".to_owned()));
    assert!(home.attrs("a", "href").iter().any(|h| h == "/fr/join"));

    let form = app.get("/fr/join").await;
    assert_eq!(form.text("h1"), "Rejoindre le réseau");
    assert!(
        !form.has("input[name=newsletter][checked]"),
        "the opt-in box is never pre-checked"
    );
    assert_eq!(
        form.attr("select[name=chapter] option[selected]", "value"),
        "canada"
    );
    assert_eq!(
        form.attr("select[name=language] option[selected]", "value"),
        "fr"
    );
    assert!(
        form.body.contains("contact@reseau.test"),
        "the form names a contact address"
    );

    let answer = app
        .join(
            "fr",
            &person(
                "Amélie Côté-Tremblay",
                "  Amelie.Cote@Example.CA ",
                "fr",
                true,
            ),
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert_eq!(answer.location(), "/fr/join/check-email");
    let check = app.get(&answer.location()).await;
    assert_eq!(check.text("h1"), "Consultez vos courriels");

    // Stored pending, address normalised, and no consent before confirmation.
    let members = app
        .rows("SELECT email, full_name, status, language, region, interests FROM members")
        .await;
    assert_eq!(members.len(), 1);
    assert_eq!(members[0]["email"], "amelie.cote@example.ca");
    assert_eq!(members[0]["full_name"], "Amélie Côté-Tremblay");
    assert_eq!(members[0]["status"], "pending");
    assert_eq!(members[0]["region"], "CA-QC");
    assert_eq!(members[0]["interests"], "health-equity,arts-culture");
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM consents").await, 0);

    // The confirmation email, in French, over real SMTP.
    let pass = app.deliver_mail().await;
    assert_eq!(pass.sent, 1);
    let mail: Mail = app.sink.only_mail_to("amelie.cote@example.ca");
    assert_eq!(mail.subject, "Confirmez votre adhésion au réseau");
    assert_eq!(mail.content_type, "multipart/alternative");
    assert_eq!(mail.from, "no-reply@reseau.test");
    assert_eq!(mail.to, "amelie.cote@example.ca");
    assert!(
        mail.message_id.contains("@reseau.test"),
        "Message-ID: {}",
        mail.message_id
    );
    assert!(
        mail.text.contains("Bonjour Amélie Côté-Tremblay"),
        "{}",
        mail.text
    );
    assert!(
        mail.text
            .contains("200 Test Street, Ottawa ON K1A 0B1, Canada"),
        "postal address in the footer"
    );
    assert!(mail.html.contains("lang=\"fr\""));
    let link = mail.link("/fr/confirm/");
    let token = link.rsplit('/').next().unwrap().to_owned();
    assert_eq!(token.len(), PASSWORD_LIKE_TOKEN);
    assert!(
        mail.html.contains(&link),
        "the HTML part carries the same link"
    );

    // Only the hash of the token is stored, and the sent body is gone from the outbox.
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) AS n FROM tokens WHERE token_hash = '{token}'"
        ))
        .await,
        0
    );
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM outbox WHERE body_text <> ''")
            .await,
        0
    );
    assert_eq!(
        app.count(
            "SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent' AND message_id IS NOT NULL"
        )
        .await,
        1
    );

    // Opening the link (as a mail scanner would) changes nothing.
    let page = app.get(&link).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text("main").contains("Amélie Côté-Tremblay"));
    assert_eq!(page.attr("form", "method"), "post");
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM members WHERE status = 'active'")
            .await,
        0
    );

    // Pressing the button confirms.
    let confirmed = app.press_button(&link).await;
    assert_eq!(confirmed.status, StatusCode::SEE_OTHER);
    assert_eq!(confirmed.location(), "/fr/join/confirmed");
    let welcome_page = app.get(&confirmed.location()).await;
    assert_eq!(welcome_page.text("h1"), "Bienvenue au sein du réseau");

    let member = &app.rows("SELECT status, confirmed_at FROM members").await[0];
    assert_eq!(member["status"], "active");
    assert!(!member["confirmed_at"].is_null());

    // The consent ledger: membership and newsletter, with wording, language, form and time.
    let consents = app
        .rows("SELECT purpose, granted, wording_version, language, source, email_hash FROM consents ORDER BY id")
        .await;
    assert_eq!(consents.len(), 2);
    for (row, purpose) in consents.iter().zip(["membership", "newsletter"]) {
        assert_eq!(row["purpose"], purpose);
        assert!(row["granted"] == true || row["granted"] == 1, "{row}");
        assert_eq!(row["wording_version"], "join-2026-11-28");
        assert_eq!(row["language"], "fr");
        assert_eq!(row["source"], "join");
        assert_eq!(row["email_hash"].as_str().unwrap().len(), 64);
    }

    // The welcome email follows, once.
    app.deliver_mail().await;
    let mails = app.sink.mails_to("amelie.cote@example.ca");
    assert_eq!(mails.len(), 2);
    assert_eq!(
        mails[1].subject,
        "Bienvenue au Réseau nord-américain pour l’équité et la justice raciale"
    );
    assert!(mails[1].text.contains("infolettre"), "{}", mails[1].text);

    // The link is single-use.
    let again = app.get(&link).await;
    assert_eq!(again.status, StatusCode::GONE);
    assert_eq!(again.text("h1"), "Ce lien a déjà été utilisé");
}

#[tokio::test]
async fn each_language_gets_its_own_email_and_pages() {
    let app = spawn_app().await;
    for (lang, subject, title) in [
        (
            "en",
            "Confirm your membership of the network",
            "Join the network",
        ),
        ("es", "Confirme su membresía en la red", "Unirse a la red"),
    ] {
        let form = app.get(&format!("/{lang}/join")).await;
        assert_eq!(form.attr("html", "lang"), lang);
        assert_eq!(form.text("h1"), title);
        // Each page links to itself in the other languages.
        let others: Vec<String> = form.attrs("nav.languages a", "hreflang");
        assert_eq!(others.len(), 3, "{others:?}");
        let email = format!("person-{lang}@example.org");
        let answer = app
            .join(lang, &person("Ana María Ñúñez", &email, lang, false))
            .await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER);
        app.deliver_mail().await;
        let mail = app.sink.only_mail_to(&email);
        assert_eq!(mail.subject, subject);
        assert!(mail.link(&format!("/{lang}/confirm/")).len() > 64);
    }
    // The email's language is the person's choice, not the page's.
    app.join(
        "en",
        &person("Jean Dupont", "jean@example.org", "fr", false),
    )
    .await;
    app.deliver_mail().await;
    let mail = app.sink.only_mail_to("jean@example.org");
    assert_eq!(mail.subject, "Confirmez votre adhésion au réseau");
    mail.link("/fr/confirm/");
}

#[tokio::test]
async fn a_bad_form_comes_back_with_its_values_and_messages_tied_to_fields() {
    let app = spawn_app().await;
    let answer = app
        .join(
            "es",
            &[
                ("full_name", "<script>alert(1)</script>"),
                ("email", "not-an-address"),
                ("chapter", "canada"),
                ("region", "MX-OAX"),
                ("interests", "astrology"),
                ("language", "de"),
                ("newsletter", "yes"),
            ],
        )
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer.attr("html", "lang"), "es");
    // The summary, in Spanish, lists each problem and links to its field.
    assert_eq!(answer.text(".error-summary h2"), "Hay un problema");
    let links = answer.attrs(".error-summary a", "href");
    assert_eq!(
        links,
        [
            "#field-full_name",
            "#field-email",
            "#field-region",
            "#field-interests",
            "#field-language"
        ]
    );
    // Each field carries its message and points at it.
    assert_eq!(answer.attr("#field-email", "aria-invalid"), "true");
    assert_eq!(
        answer.attr("#field-email", "aria-describedby"),
        "email-hint email-error"
    );
    assert!(
        answer.text("#email-error").contains("nombre@example.org"),
        "{}",
        answer.text("#email-error")
    );
    // What was typed is kept (escaped), the box stays as ticked.
    assert_eq!(answer.attr("#field-email", "value"), "not-an-address");
    assert_eq!(
        answer.attr("#field-full_name", "value"),
        "<script>alert(1)</script>"
    );
    assert!(
        !answer.body.contains("<script>alert(1)</script>"),
        "never echoed raw"
    );
    assert!(answer.has("#field-newsletter[checked]"));
    // Nothing was written.
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM members").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM outbox").await, 0);

    // An empty form: two required fields.
    let empty = app
        .join("en", &[("chapter", "canada"), ("language", "en")])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(empty.text("#full_name-error"), "Enter your name.");
    assert_eq!(empty.text("#email-error"), "Enter your email address.");
}

#[tokio::test]
async fn known_and_unknown_addresses_get_the_same_answer_and_never_a_second_account() {
    let app = spawn_app().await;
    let first = app
        .join(
            "en",
            &person("Kwame Mensah", "kwame@example.org", "en", false),
        )
        .await;
    let link = confirm_link(&app, "kwame@example.org").await;
    app.press_button(&link).await;
    app.deliver_mail().await;

    // Pending again, active, and brand new: the same status and location.
    let again = app
        .join(
            "en",
            &person("Kwame Mensah", "KWAME@example.org", "en", true),
        )
        .await;
    let stranger = app
        .join("en", &person("New Person", "new@example.org", "en", false))
        .await;
    for page in [&first, &again, &stranger] {
        assert_eq!(page.status, StatusCode::SEE_OTHER);
        assert_eq!(page.location(), "/en/join/check-email");
    }
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM members WHERE email = 'kwame@example.org'")
            .await,
        1
    );

    // The member is told they are already one, and nothing about them changed.
    app.deliver_mail().await;
    let mails = app.sink.mails_to("kwame@example.org");
    assert_eq!(mails.len(), 3, "confirmation, welcome, already a member");
    assert_eq!(mails[2].subject, "You are already a member of the network");
    assert!(
        !mails[2].text.contains("/confirm/"),
        "no new link for a member"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM consents").await,
        1,
        "no newsletter consent from a form alone"
    );
    app.sink.only_mail_to("new@example.org").link("/confirm/");
}

#[tokio::test]
async fn a_pending_address_gets_a_fresh_link_a_few_times_an_hour() {
    let app = spawn_app().await;
    for _ in 0..5 {
        let answer = app
            .join(
                "en",
                &person("Aiyana Redcloud", "aiyana@example.org", "en", false),
            )
            .await;
        assert_eq!(answer.location(), "/en/join/check-email");
    }
    app.deliver_mail().await;
    let mails = app.sink.mails_to("aiyana@example.org");
    assert_eq!(mails.len(), 3, "at most mails_per_address_per_hour");
    // Every link sent works until one is used.
    let links: Vec<String> = mails.iter().map(|m| m.link("/en/confirm/")).collect();
    assert_eq!(app.get(&links[0]).await.status, StatusCode::OK);
    let confirmed = app.press_button(&links[2]).await;
    assert_eq!(confirmed.location(), "/en/join/confirmed");
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM members WHERE status = 'active'")
            .await,
        1
    );
    // An older link of a now active member says so, and confirms nothing twice.
    let older = app.get(&links[0]).await;
    assert_eq!(older.text("h1"), "You are already a member");
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM consents").await, 1);
    app.deliver_mail().await;
    assert_eq!(
        app.sink
            .mails_to("aiyana@example.org")
            .pop()
            .unwrap()
            .subject,
        "Welcome to the North American Network for Equity and Racial Justice"
    );
}

#[tokio::test]
async fn an_expired_link_offers_a_new_one_that_works() {
    let app = spawn_app().await;
    app.join(
        "en",
        &person("Tariq Haddad", "tariq@example.org", "en", true),
    )
    .await;
    let link = confirm_link(&app, "tariq@example.org").await;
    app.execute("UPDATE tokens SET expires_at = created_at")
        .await;

    let page = app.get(&link).await;
    assert_eq!(page.status, StatusCode::GONE);
    assert_eq!(page.text("h1"), "This link has expired");
    // Pressing the button on an expired link does not confirm.
    let pressed = app
        .post_form(
            &link,
            &page
                .hidden_fields()
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect::<Vec<_>>(),
        )
        .await;
    assert_eq!(pressed.status, StatusCode::GONE);
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM members WHERE status = 'active'")
            .await,
        0
    );

    // Ask for a new link.
    let renewed = app.press_button(&link).await;
    assert_eq!(renewed.location(), "/en/join/check-email");
    app.deliver_mail().await;
    let mails = app.sink.mails_to("tariq@example.org");
    assert_eq!(mails.len(), 2);
    let fresh = mails[1].link("/en/confirm/");
    assert_ne!(fresh, link);
    let confirmed = app.press_button(&fresh).await;
    assert_eq!(confirmed.location(), "/en/join/confirmed");
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM consents").await, 2);
    app.deliver_mail().await;
    app.sink
        .mails_to("tariq@example.org")
        .pop()
        .unwrap()
        .link("/unsubscribe/");
}

#[tokio::test]
async fn unknown_and_malformed_links_are_a_clear_404() {
    let app = spawn_app().await;
    for token in ["0".repeat(64), "nonsense".to_owned(), "a".repeat(5000)] {
        let page = app.get(&format!("/en/confirm/{token}")).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{token}");
        assert_eq!(page.text("h1"), "This link does not work");
    }
    // A path that is not even UTF-8 is a bad request, still as a page in the right language.
    let broken = app.get("/fr/confirm/%FF%FE").await;
    assert_eq!(broken.status, StatusCode::BAD_REQUEST);
    assert_eq!(broken.attr("html", "lang"), "fr");
}

#[tokio::test]
async fn expired_tokens_are_deleted_a_month_after_they_expire() {
    let app = spawn_app().await;
    app.join(
        "en",
        &person("Jean Augustine", "jean@example.org", "en", true),
    )
    .await;
    let link = confirm_link(&app, "jean@example.org").await;
    let now = chrono::Utc::now();
    // Expired (seven days), kept a month: the link still says so and offers a new one.
    let pass = app
        .jobs
        .run_once(now + chrono::Duration::days(20))
        .await
        .unwrap();
    assert_eq!(pass.purged_tokens, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM tokens").await, 1);
    // A month after it expired, it is gone; the link is unknown.
    let pass = app
        .jobs
        .run_once(now + chrono::Duration::days(40))
        .await
        .unwrap();
    assert_eq!(pass.purged_tokens, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM tokens").await, 0);
    assert_eq!(app.get(&link).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_stranger_cannot_change_what_a_pending_person_asked_for() {
    let app = spawn_app().await;
    let victim = [
        ("full_name", "Viola Own"),
        ("email", "viola@example.org"),
        ("chapter", "canada"),
        ("language", "en"),
    ];
    assert_eq!(app.join("en", &victim).await.status, StatusCode::SEE_OTHER);
    app.deliver_mail().await;
    let first = app.sink.only_mail_to("viola@example.org");
    assert!(
        first
            .text
            .contains("It does not subscribe you to the newsletter"),
        "the email says what confirming agrees to: {}",
        first.text
    );

    // Someone else, from another browser, asks again for her address with other choices.
    let stranger = crate::helpers::client();
    let form = Page::read(stranger.get(app.url("/fr/join")).send().await.unwrap()).await;
    let mut fields = form.hidden_fields();
    for (name, value) in [
        ("full_name", "Quelqu’un d’autre"),
        ("email", "viola@example.org"),
        ("chapter", "mexico"),
        ("language", "fr"),
        ("newsletter", "yes"),
    ] {
        fields.push((name.to_owned(), value.to_owned()));
    }
    let asked = stranger
        .post(app.url("/fr/join"))
        .header("Origin", &app.base)
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(asked.status(), StatusCode::SEE_OTHER);
    app.deliver_mail().await;
    let second = app.sink.mails_to("viola@example.org").pop().unwrap();
    assert!(
        second.text.contains("vous vous abonnez à l’infolettre"),
        "{}",
        second.text
    );

    // Her own first link still says, and records, what she asked for.
    let link = first.link("/en/confirm/");
    let page = app.get(&link).await;
    assert!(
        page.text(".agreement")
            .contains("It does not subscribe you"),
        "{}",
        page.body
    );
    assert!(page.text(".lede").contains("Viola Own") && page.text(".lede").contains("Canada"));
    assert_eq!(app.press_button(&link).await.status, StatusCode::SEE_OTHER);
    let member = &app
        .rows(
            "SELECT m.full_name, m.language, c.slug FROM members m \
             JOIN chapters c ON c.id = m.chapter_id WHERE m.email = 'viola@example.org'",
        )
        .await[0];
    assert_eq!(member["full_name"], "Viola Own");
    assert_eq!(member["language"], "en");
    assert_eq!(member["slug"], "canada");
    let consents = app
        .rows(
            "SELECT c.purpose, c.language FROM consents c JOIN members m ON m.id = c.member_id \
             WHERE m.email = 'viola@example.org'",
        )
        .await;
    assert_eq!(
        consents.len(),
        1,
        "membership only, no newsletter: {consents:?}"
    );
    assert_eq!(consents[0]["purpose"], "membership");
    assert_eq!(consents[0]["language"], "en");
    // The stranger's link no longer does anything: she is a member already.
    let later = app.get(&second.link("/fr/confirm/")).await;
    assert!(!later.has("form button"), "{}", later.body);
    app.deliver_mail().await;
    assert_eq!(
        app.sink
            .mails_to("viola@example.org")
            .pop()
            .unwrap()
            .subject,
        "Welcome to the North American Network for Equity and Racial Justice"
    );
}
