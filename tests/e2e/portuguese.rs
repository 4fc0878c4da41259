//! Brazilian Portuguese, the language added by a folder under `locales/` and a line in
//! `domain::Language`: its pages, its emails, its negotiation; content organizers write in
//! Portuguese (events, newsletters, the seeded chapters), and English content, marked
//! `lang="en"`, where there is no Portuguese text.

use chrono::Utc;
use domain::organizers::Role;
use reqwest::StatusCode;

use crate::{
    events::{confirm, publish, register},
    helpers::spawn_app,
    newsletters::{join, press},
    staff::{Browser, PASSWORD, organizer},
};

#[tokio::test]
async fn the_portuguese_pages_speak_portuguese_as_pt_br() {
    let app = spawn_app().await;
    publish(&app, "cultural-evening", Some(10), false).await;

    let home = app.get("/pt/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert_eq!(home.attr("html", "lang"), "pt-BR");
    assert_eq!(
        home.text("h1"),
        "Equidade e justiça racial em toda a América do Norte"
    );
    assert!(home.attrs("a", "href").iter().any(|h| h == "/pt/join"));
    // Every page links to itself in every language, Portuguese tagged pt-BR.
    let alternates = home.attrs("link[rel=alternate]", "hreflang");
    assert_eq!(alternates, ["en", "fr", "es", "pt-BR"]);
    assert_eq!(
        home.attr("nav.languages span[aria-current]", "lang"),
        "pt-BR"
    );
    assert_eq!(home.text("nav.languages span[aria-current]"), "Português");
    let french = app.get("/fr/").await;
    assert!(
        french
            .attrs("nav.languages a", "href")
            .iter()
            .any(|h| h == "/pt/"),
        "the switch offers Portuguese"
    );

    let join = app.get("/pt/join").await;
    assert_eq!(join.attr("html", "lang"), "pt-BR");
    assert_eq!(join.text("h1"), "Faça parte da rede");
    assert_eq!(
        join.attr("select[name=language] option[selected]", "value"),
        "pt"
    );

    // No Portuguese text: the event shows its English title and description on a Portuguese
    // page, each marked as English for screen readers.
    let event = app.get("/pt/events/cultural-evening").await;
    assert_eq!(event.status, StatusCode::OK);
    assert_eq!(event.attr("html", "lang"), "pt-BR");
    assert_eq!(event.text("h1"), "Cultural evening");
    assert_eq!(event.attr("h1", "lang"), "en");
    assert_eq!(event.attr("div.description", "lang"), "en");
    assert!(event.body.contains("Fazer inscrição"), "{}", event.body);
    let list = app.get("/pt/events").await;
    assert_eq!(list.attr(".card h2 a", "lang"), "en");
    // In French, the event's own text: nothing to mark.
    let french = app.get("/fr/events/cultural-evening").await;
    assert_eq!(french.text("h1"), "Soirée culturelle");
    assert!(!french.has("h1[lang]"));
    // The seeded chapters have their Portuguese text.
    let chapters = home.texts("h3");
    assert!(chapters.contains(&"Canadá".to_owned()), "{chapters:?}");
    assert!(home.text("main").contains("O núcleo canadense"));
}

#[tokio::test]
async fn accept_language_pt_br_and_pt_pt_land_on_the_portuguese_home() {
    let app = spawn_app().await;
    for header in ["pt-BR,pt;q=0.9,en;q=0.5", "pt-PT", "pt"] {
        let root = app
            .client
            .get(app.url("/"))
            .header("Accept-Language", header)
            .send()
            .await
            .unwrap();
        assert_eq!(root.status(), StatusCode::SEE_OTHER, "{header}");
        assert_eq!(root.headers()["location"], "/pt/", "{header}");
    }
}

#[tokio::test]
async fn joining_in_portuguese_sends_the_confirmation_in_portuguese() {
    let app = spawn_app().await;
    let answer = app
        .join(
            "pt",
            &[
                ("full_name", "João da Silva"),
                ("email", "joao@example.org"),
                ("chapter", "canada"),
                ("region", "CA-QC"),
                ("language", "pt"),
            ],
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    app.deliver_mail().await;
    let mail = app.sink.only_mail_to("joao@example.org");
    assert_eq!(mail.subject, "Confirme sua adesão à rede");
    assert!(mail.html.contains("lang=\"pt-BR\""), "{}", mail.html);
    assert!(mail.link("/pt/confirm/").len() > 64);
    assert_eq!(
        app.rows("SELECT language FROM members").await[0]["language"],
        "pt"
    );
}

#[tokio::test]
async fn a_portuguese_registrants_event_email_falls_back_to_the_english_title() {
    let app = spawn_app().await;
    publish(&app, "cultural-evening", Some(10), false).await;
    let answer = register(
        &app,
        "pt",
        "cultural-evening",
        "Maria Souza",
        "maria@example.org",
        &[],
    )
    .await;
    assert_eq!(answer, "/pt/events/cultural-evening/registered");
    confirm(&app, "maria@example.org").await;
    app.deliver_mail().await;
    let seat = app.sink.mails_to("maria@example.org").pop().unwrap();
    assert_eq!(seat.subject, "Inscrição confirmada: Cultural evening");
}

#[tokio::test]
async fn an_organizer_writes_in_portuguese_and_portuguese_members_read_it() {
    let app = spawn_app().await;
    join(&app, "joana@example.org", "pt", "canada", &[], true).await;
    join(&app, "carmen@example.org", "es", "canada", &[], true).await;
    organizer(&app, "canada@reseau.test", Role::Organizer, &["canada"]).await;
    let staff = Browser::new(&app);
    staff.sign_in("canada@reseau.test", PASSWORD).await;

    // An event written in English, French and Portuguese (no Spanish).
    let form = staff.get("/admin/events/new").await;
    for name in ["title_pt", "description_pt", "title_es"] {
        assert!(form.has(&format!("[name={name}]")), "{name} on the form");
    }
    assert_eq!(form.attr("#field-title_pt", "lang"), "pt-BR");
    let fields = [
        ("chapter", "canada"),
        ("slug", "samba-evening"),
        ("title_en", "Samba evening"),
        ("title_fr", "Soirée samba"),
        ("title_pt", "Noite de samba"),
        ("description_en", "Music and **dance**."),
        ("description_fr", "Musique et **danse**."),
        ("description_pt", "Música e **dança**."),
        ("format", "in-person"),
        ("venue", "Casa do Brasil"),
        ("time_zone", "America/Toronto"),
        ("starts", "2030-06-01T19:00"),
        ("ends", "2030-06-01T22:00"),
        ("capacity", "50"),
    ];
    let created = staff
        .submit("/admin/events/new", "/admin/events/new", &fields)
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let path = created.location().split('?').next().unwrap().to_owned();
    // The event's page shows each language's text, and says Spanish readers get English.
    let preview = staff.get(&path).await;
    assert!(preview.body.contains("Noite de samba"));
    assert!(preview.body.contains("<strong>dança</strong>"));
    assert!(
        preview
            .body
            .contains("No text in Spanish: these readers see the English text."),
        "{}",
        preview.body
    );
    let published = staff.submit(&path, &format!("{path}/publish"), &[]).await;
    assert_eq!(
        published.status,
        StatusCode::SEE_OTHER,
        "{}",
        published.body
    );
    // The edit form gives the Portuguese text back.
    let edit = staff.get(&format!("{path}/edit")).await;
    assert_eq!(edit.attr("#field-title_pt", "value"), "Noite de samba");

    let page = app.get("/pt/events/samba-evening").await;
    assert_eq!(page.text("h1"), "Noite de samba");
    assert!(!page.has("h1[lang]"), "Portuguese on a Portuguese page");
    assert!(page.body.contains("<strong>dança</strong>"));
    let spanish = app.get("/es/events/samba-evening").await;
    assert_eq!(spanish.text("h1"), "Samba evening");
    assert_eq!(spanish.attr("h1", "lang"), "en");
    let api: serde_json::Value =
        serde_json::from_str(&app.get("/api/v1/events").await.body).unwrap();
    assert_eq!(api[0]["title"]["pt"], "Noite de samba");
    assert_eq!(api[0]["title"]["es"], "Samba evening");
    assert_eq!(api[0]["languages"], serde_json::json!(["en", "fr", "pt"]));
    let feed = app.get("/pt/events.ics").await;
    assert!(
        feed.body.contains("SUMMARY:Noite de samba"),
        "{}",
        feed.body
    );

    // A Portuguese registrant's emails and calendar file carry the Portuguese title.
    let answer = register(
        &app,
        "pt",
        "samba-evening",
        "Joana Lima",
        "joana@example.org",
        &[],
    )
    .await;
    assert_eq!(answer, "/pt/events/samba-evening/registered");
    confirm(&app, "joana@example.org").await;
    app.deliver_mail().await;
    let seat = app.sink.mails_to("joana@example.org").pop().unwrap();
    assert_eq!(seat.subject, "Inscrição confirmada: Noite de samba");
    assert!(seat.html.contains("lang=\"pt-BR\""));
    let (_, ics) = &seat.attachments[0];
    assert!(ics.contains("SUMMARY:Noite de samba"), "{ics}");

    // A newsletter in English, French and Portuguese.
    let newsletter = [
        ("subject_en", "Partnership news"),
        ("body_en", "The **partnership** grows."),
        ("subject_fr", "Nouvelles du partenariat"),
        ("body_fr", "Le **partenariat** grandit."),
        ("subject_pt", "Notícias da parceria"),
        ("body_pt", "A **parceria** cresce."),
        ("chapters", "canada"),
    ];
    // Half a Portuguese version is refused, on its own field.
    let half = staff
        .submit(
            "/admin/newsletters/new",
            "/admin/newsletters/new",
            &newsletter
                .iter()
                .map(|&(k, v)| (k, if k == "body_pt" { "" } else { v }))
                .collect::<Vec<_>>(),
        )
        .await;
    assert_eq!(half.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(half.attrs(".error-summary a", "href"), ["#field-body_pt"]);
    assert_eq!(
        half.attr("#field-subject_pt", "value"),
        "Notícias da parceria"
    );
    let saved = staff
        .submit(
            "/admin/newsletters/new",
            "/admin/newsletters/new",
            &newsletter,
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let letter = saved.location().split('?').next().unwrap().to_owned();
    let shown = staff.get(&letter).await;
    assert_eq!(
        shown.attrs("section.preview", "lang"),
        ["en", "fr", "pt-BR"],
        "a preview per language written"
    );
    assert!(
        shown.body.contains("No version in Spanish"),
        "{}",
        shown.body
    );
    assert_eq!(
        press(&staff, &letter, "send").await.status,
        StatusCode::SEE_OTHER
    );
    app.jobs.run_once(Utc::now()).await.unwrap();
    app.deliver_mail().await;
    let portuguese = app
        .sink
        .mails_to("joana@example.org")
        .into_iter()
        .find(|m| m.text.contains("parceria"))
        .unwrap();
    assert_eq!(portuguese.subject, "Notícias da parceria");
    assert!(portuguese.html.contains("<strong>parceria</strong>"));
    assert!(portuguese.text.contains("/pt/unsubscribe/"));
    // No Spanish version: the Spanish member gets the English one.
    let english = app
        .sink
        .mails_to("carmen@example.org")
        .into_iter()
        .find(|m| m.text.contains("partnership"))
        .unwrap();
    assert_eq!(english.subject, "Partnership news");

    // Her account and her data speak of the event by its Portuguese title.
    crate::account::sign_in(&app, "pt", "joana@example.org").await;
    let account = app.get("/pt/account").await;
    assert!(
        account.texts("a").contains(&"Noite de samba".to_owned()),
        "{}",
        account.body
    );
    let data: serde_json::Value =
        serde_json::from_str(&app.get("/pt/account/data").await.body).unwrap();
    assert_eq!(data["registrations"][0]["title"], "Noite de samba");
}
