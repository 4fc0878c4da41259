//! The public pages are rendered once per change (issue 18): a visitor who has a page gets a
//! 304, a change through any door (here a write straight into the database, as an import or a
//! second instance would) shows at once on SQLite and within moments on PostgreSQL, the clock
//! passing a registration's opening shows without any write, and a form page cached for
//! everyone still gives each visitor their own CSRF token and form stamp, which work.

use std::time::{Duration, Instant};

use chrono::Utc;
use domain::entities::event;
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, Set};

use crate::{
    events::publish,
    helpers::{Page, TestApp, client, spawn_app, spawn_app_with},
};

/// GETs `path` with a fresh client (an anonymous visitor), with `If-None-Match` if given.
async fn visit(app: &TestApp, path: &str, etag: Option<&str>) -> Page {
    let mut request = client().get(app.url(path));
    if let Some(etag) = etag {
        request = request.header("If-None-Match", etag);
    }
    Page::read(request.send().await.unwrap()).await
}

/// Visits `path` until `done` holds (at once on SQLite; PostgreSQL's notification takes a
/// moment to reach the instance), failing after five seconds.
async fn visit_until(app: &TestApp, path: &str, done: impl Fn(&Page) -> bool) -> Page {
    let started = Instant::now();
    loop {
        let page = visit(app, path, None).await;
        if done(&page) {
            return page;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{path} did not change: {}",
            page.body
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_visitor_who_has_the_page_gets_a_304_until_it_changes() {
    let app = spawn_app().await;
    publish(&app, "soiree", Some(20), false).await;

    for path in ["/en/", "/en/events", "/en/newsletters"] {
        let first = visit(&app, path, None).await;
        assert_eq!(first.status, StatusCode::OK, "{path}");
        let etag = first.header("etag");
        assert!(etag.starts_with('"') && etag.len() > 10, "{path}: {etag:?}");
        assert_eq!(first.header("cache-control"), "no-cache", "{path}");
        assert!(
            !first.header("content-security-policy").is_empty(),
            "{path}"
        );
        let again = visit(&app, path, Some(&etag)).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{path}");
        assert!(again.body.is_empty());
        assert_eq!(again.header("etag"), etag);
        assert!(
            !again.header("content-security-policy").is_empty(),
            "{path}"
        );
        let other = visit(&app, path, Some("\"something-else\"")).await;
        assert_eq!(other.status, StatusCode::OK);
        assert_eq!(other.body, first.body);
    }

    let list = visit(&app, "/en/events", None).await;
    assert!(list.body.contains("20 seats left"), "{}", list.body);
    let etag = list.header("etag");
    // Seats taken by a door other than the site's forms.
    app.execute("UPDATE events SET seats_taken = 5 WHERE slug = 'soiree'")
        .await;
    let changed = visit_until(&app, "/en/events", |p| p.body.contains("15 seats left")).await;
    assert_ne!(changed.header("etag"), etag);
    let revalidated = visit(&app, "/en/events", Some(&etag)).await;
    assert_eq!(revalidated.status, StatusCode::OK);
    assert!(revalidated.body.contains("15 seats left"));
    let home = visit_until(&app, "/en/", |p| p.body.contains("15 seats left")).await;
    assert_eq!(home.status, StatusCode::OK);

    // A second event appears on the list and on the home page without anyone's edit form.
    publish(&app, "concert", None, false).await;
    visit_until(&app, "/en/events", |p| {
        p.body.contains("/en/events/concert")
    })
    .await;
    visit_until(&app, "/en/", |p| p.body.contains("/en/events/concert")).await;
}

#[tokio::test]
async fn a_form_page_kept_for_everyone_gives_each_visitor_a_token_that_works() {
    let app = spawn_app().await;
    publish(&app, "soiree", Some(20), false).await;
    for path in ["/en/join", "/fr/events/soiree"] {
        let one = visit(&app, path, None).await;
        let two = visit(&app, path, None).await;
        assert_eq!(one.status, StatusCode::OK);
        assert!(!one.body.contains("RESEAU-PAGE-CACHE"), "{path}");
        let token = |p: &Page| p.attr("input[name=csrf_token]", "value");
        let stamp = |p: &Page| p.attr("input[name=form_ts]", "value");
        assert!(!token(&one).is_empty() && !stamp(&one).is_empty());
        assert_ne!(
            token(&one),
            token(&two),
            "{path}: one token for two visitors"
        );
        // Per visitor: no validator that a shared cache could answer with someone's token.
        assert!(one.header("etag").is_empty(), "{path}");
        assert_eq!(one.header("cache-control"), "no-store", "{path}");
        assert!(one.header("set-cookie").contains("reseau_csrf="), "{path}");
    }

    // The second visitor's form, with their own cookie, registers (after the fill time).
    let visitor = client();
    let page = Page::read(
        visitor
            .get(app.url("/en/events/soiree"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let mut fields = page.hidden_fields();
    fields.push(("full_name".into(), "Awa Diallo".into()));
    fields.push(("email".into(), "awa@example.org".into()));
    let answer = visitor
        .post(app.url("/en/events/soiree/register"))
        .header("Origin", app.url(""))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        answer.headers()["location"],
        "/en/events/soiree/registered",
        "the cached form's token and stamp were refused"
    );
    app.deliver_mail().await;
    let mail = app.sink.mails_to("awa@example.org").pop().unwrap();
    assert!(!mail.link("/en/registrations/").is_empty());
}

#[tokio::test]
async fn the_clock_opening_registration_changes_the_page_without_a_write() {
    let app = spawn_app().await;
    let event = publish(&app, "soiree", Some(20), false).await;
    let opens = Utc::now() + chrono::Duration::seconds(2);
    // Straight into the row, as a second instance or an import would write it.
    event::ActiveModel {
        id: Set(event.id),
        registration_opens_at: Set(Some(opens)),
        ..Default::default()
    }
    .update(app.db.writer())
    .await
    .unwrap();
    let before = visit_until(&app, "/en/events/soiree", |p| {
        p.body.contains("Registration opens on")
    })
    .await;
    assert!(!before.has("form[action='/en/events/soiree/register']"));
    let wait = (opens - Utc::now()).to_std().unwrap_or_default();
    tokio::time::sleep(wait + Duration::from_millis(50)).await;
    // No write since: only the moment the page noted can make it change.
    let after = visit(&app, "/en/events/soiree", None).await;
    assert!(
        after.has("form[action='/en/events/soiree/register']"),
        "{}",
        after.body
    );
}

/// A figure of `/metrics`.
async fn metric(app: &TestApp, name: &str) -> u64 {
    let body = client()
        .get(app.url("/metrics"))
        .bearer_auth(METRICS_TOKEN)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    body.lines()
        .find_map(|line| line.strip_prefix(name)?.trim().parse().ok())
        .unwrap_or_else(|| panic!("no {name} in:\n{body}"))
}

const METRICS_TOKEN: &str = "metrics-token-for-the-page-cache";

#[tokio::test]
async fn a_page_is_rendered_once_however_many_visit_it() {
    let app = spawn_app_with(&[("metrics.token", METRICS_TOKEN)]).await;
    publish(&app, "soiree", Some(20), false).await;
    // On PostgreSQL pages are kept once the instance listens for changes.
    let started = Instant::now();
    while metric(&app, "reseau_public_pages_kept").await != 1 {
        assert!(started.elapsed() < Duration::from_secs(5), "never kept");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    for path in ["/en/events", "/en/events/soiree"] {
        visit(&app, path, None).await;
    }
    let rendered = metric(&app, "reseau_public_pages_rendered_total").await;
    let reused = metric(&app, "reseau_public_pages_reused_total").await;
    for _ in 0..10 {
        for path in ["/en/events", "/en/events/soiree"] {
            assert_eq!(visit(&app, path, None).await.status, StatusCode::OK);
        }
    }
    assert_eq!(
        metric(&app, "reseau_public_pages_rendered_total").await,
        rendered
    );
    assert_eq!(
        metric(&app, "reseau_public_pages_reused_total").await,
        reused + 20
    );
    // A signed-in organizer or member always gets a fresh rendering.
    let with_session = client()
        .get(app.url("/en/events"))
        .header("Cookie", "reseau_admin=not-a-session")
        .send()
        .await
        .unwrap();
    assert_eq!(with_session.status(), StatusCode::OK);
    assert_eq!(
        metric(&app, "reseau_public_pages_rendered_total").await,
        rendered + 1
    );
}
