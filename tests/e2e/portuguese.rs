//! Brazilian Portuguese, the language added by a folder under `locales/` and a line in
//! `domain::Language`: its pages, its emails, its negotiation, and English content in place of
//! the Portuguese text events, chapters and newsletters do not have.

use reqwest::StatusCode;

use crate::{
    events::{confirm, publish, register},
    helpers::spawn_app,
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

    // No Portuguese column: the event shows its English title on a Portuguese page.
    let event = app.get("/pt/events/cultural-evening").await;
    assert_eq!(event.status, StatusCode::OK);
    assert_eq!(event.attr("html", "lang"), "pt-BR");
    assert_eq!(event.text("h1"), "Cultural evening");
    assert!(event.body.contains("Fazer inscrição"), "{}", event.body);
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
