//! Pages people expect: the home page shows the next events, and the site has an icon.

use reqwest::StatusCode;

use crate::{events::publish, helpers::spawn_app};

#[tokio::test]
async fn the_home_page_lists_the_next_events_in_the_visitors_language() {
    let app = spawn_app().await;
    publish(&app, "soiree", Some(20), false).await;
    let home = app.get("/fr/").await;
    assert_eq!(home.text("#upcoming-title"), "Événements à venir");
    let titles = home.texts("section[aria-labelledby=upcoming-title] .card h3");
    assert_eq!(titles, ["Soirée culturelle"]);
    assert_eq!(
        home.attr("section[aria-labelledby=upcoming-title] .card h3 a", "href"),
        "/fr/events/soiree"
    );
    let english = app.get("/en/").await;
    assert_eq!(
        english.texts("section[aria-labelledby=upcoming-title] .card h3"),
        ["Cultural evening"]
    );
}

#[tokio::test]
async fn every_page_declares_an_icon_that_is_served() {
    let app = spawn_app().await;
    let home = app.get("/en/").await;
    // With nothing planned the events section is absent rather than empty.
    assert!(!home.has("#upcoming-title"));
    let icon = home.attr("link[rel=icon]", "href");
    let svg = app.client.get(app.url(&icon)).send().await.unwrap();
    assert_eq!(svg.status(), StatusCode::OK);
    assert_eq!(svg.headers()["content-type"], "image/svg+xml");
    assert!(svg.text().await.unwrap().starts_with("<svg"));

    let ico = app
        .client
        .get(app.url("/favicon.ico"))
        .send()
        .await
        .unwrap();
    assert_eq!(ico.status(), StatusCode::OK);
    assert_eq!(ico.headers()["content-type"], "image/x-icon");
    let bytes = ico.bytes().await.unwrap();
    // An ICO header: reserved 0, type 1 (icon), one image.
    assert_eq!(&bytes[..6], &[0, 0, 1, 0, 1, 0]);
}
