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
