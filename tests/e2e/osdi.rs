//! The partners' API end to end, driven by a real HTTP client with keys made in the back
//! office: a key sees only its chapters' members (401 without a key, 403 outside its scope,
//! 404 for a person elsewhere), every read is in the member's data download, the sign-up
//! helper mails a confirmation and records no consent until the person confirms, an
//! incremental sync by `modified_date` returns exactly the people who changed, events carry
//! their offsets and seats, and the OpenAPI document validates.

use chrono::{SecondsFormat, Utc};
use domain::organizers::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::{
    account::sign_in,
    helpers::{TestApp, spawn_app, spawn_app_with},
    staff::{Browser, PASSWORD, organizer},
};

/// One answer of the API: status, content type, JSON body.
struct Answer {
    status: StatusCode,
    content_type: String,
    headers: reqwest::header::HeaderMap,
    json: Value,
}

async fn answer(response: reqwest::Response) -> Answer {
    let status = response.status();
    let headers = response.headers().clone();
    let content_type = headers
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let text = response.text().await.unwrap();
    let json = serde_json::from_str(&text).unwrap_or(Value::Null);
    Answer {
        status,
        content_type,
        headers,
        json,
    }
}

/// GET `path` with `key` in the OSDI header.
async fn get(app: &TestApp, key: &str, path: &str) -> Answer {
    let response = reqwest::Client::new()
        .get(app.url(path))
        .header("OSDI-API-Token", key)
        .send()
        .await
        .unwrap();
    answer(response).await
}

/// POST `body` to `path` with `key` as a bearer token.
async fn post(app: &TestApp, key: &str, path: &str, body: &Value) -> Answer {
    let response = reqwest::Client::new()
        .post(app.url(path))
        .header("Authorization", format!("Bearer {key}"))
        .header("Content-Type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    answer(response).await
}

/// An admin signed in to the back office (not stepped up).
async fn admin_signed_in(app: &TestApp) -> Browser<'_> {
    organizer(app, "admin@reseau.test", Role::Admin, &[]).await;
    let browser = Browser::new(app);
    browser.sign_in("admin@reseau.test", PASSWORD).await;
    browser
}

/// An admin signed in to the back office, stepped up.
pub(crate) async fn admin(app: &TestApp) -> Browser<'_> {
    let browser = admin_signed_in(app).await;
    browser.step_up("admin@reseau.test").await;
    browser
}

/// Creates a key in the back office; returns it as the page shows it, once.
async fn create_key(browser: &Browser<'_>, name: &str, chapters: &[&str], access: &str) -> String {
    let mut fields = vec![("name", name), ("access", access)];
    fields.extend(chapters.iter().map(|c| ("chapters", *c)));
    let page = browser
        .submit("/admin/api-keys", "/admin/api-keys", &fields)
        .await;
    assert_eq!(page.status, StatusCode::CREATED, "{}", page.body);
    let key = page.text("code.api-key-secret");
    assert!(key.starts_with("rsk_"), "{key}");
    key
}

async fn member_id(app: &TestApp, email: &str) -> i64 {
    app.rows(&format!("SELECT id FROM members WHERE email = '{email}'"))
        .await[0]["id"]
        .as_i64()
        .unwrap()
}

fn emails(page: &Value) -> Vec<String> {
    let mut emails: Vec<String> = page["_embedded"]["osdi:people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p["email_addresses"][0]["address"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    emails.sort();
    emails
}

async fn join(app: &TestApp, name: &str, email: &str, chapter: &str, newsletter: bool) {
    let mut fields = vec![
        ("full_name", name),
        ("email", email),
        ("chapter", chapter),
        ("language", "en"),
    ];
    if newsletter {
        fields.push(("newsletter", "yes"));
    }
    app.join_and_confirm("en", &fields).await;
}

#[tokio::test]
async fn a_key_sees_only_its_chapters_people_and_every_read_is_recorded() {
    let app = spawn_app().await;
    join(&app, "Amina Haddad", "amina@example.org", "canada", true).await;
    join(&app, "Luc Tremblay", "luc@example.org", "canada", false).await;
    join(
        &app,
        "Rosa Parks Jr",
        "rosa@example.org",
        "united-states",
        true,
    )
    .await;
    // Neither a pending sign-up nor an erased member is anyone's business.
    let pending = app
        .join(
            "en",
            &[
                ("full_name", "Not Yet"),
                ("email", "pending@example.org"),
                ("chapter", "canada"),
                ("language", "en"),
            ],
        )
        .await;
    assert_eq!(pending.status, StatusCode::SEE_OTHER);
    app.deliver_mail().await;
    app.sink.only_mail_to("pending@example.org");
    join(&app, "Gone Soon", "gone@example.org", "canada", false).await;
    app.execute("UPDATE members SET status = 'erased', email = 'erased-x@erased.invalid' WHERE email = 'gone@example.org'")
        .await;

    let browser = admin_signed_in(&app).await;
    // Creating a key asks for the password again (a sensitive action): a session that has
    // not stepped up recently gets the step-up page, carrying what was typed.
    let asked = browser
        .submit(
            "/admin/api-keys",
            "/admin/api-keys",
            &[
                ("name", "Canada sync"),
                ("access", "read"),
                ("chapters", "canada"),
            ],
        )
        .await;
    assert_eq!(asked.status, StatusCode::UNAUTHORIZED);
    assert!(asked.has("input[name=step_up_password]"));
    assert_eq!(app.count("SELECT COUNT(*) FROM api_keys").await, 0);
    browser.step_up("admin@reseau.test").await;
    let key = create_key(&browser, "Canada sync", &["canada"], "read").await;
    // Only the fingerprint is kept.
    let stored = &app.rows("SELECT key_hash, prefix FROM api_keys").await[0];
    assert_ne!(stored["key_hash"].as_str().unwrap(), key);
    assert!(key.starts_with(stored["prefix"].as_str().unwrap()));
    let list = browser.get("/admin/api-keys").await;
    assert!(!list.body.contains(&key), "the key is shown only once");
    assert!(list.body.contains("Never"));

    // No key, a wrong key: 401, as a problem.
    let none = answer(
        reqwest::Client::new()
            .get(app.url("/api/osdi/v1/"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(none.status, StatusCode::UNAUTHORIZED);
    assert_eq!(none.content_type, "application/problem+json");
    assert_eq!(none.json["status"], 401);
    assert!(
        none.headers["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Bearer")
    );
    let wrong = get(
        &app,
        &format!("rsk_{}", "0".repeat(64)),
        "/api/osdi/v1/people",
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);

    let entry = get(&app, &key, "/api/osdi/v1/").await;
    assert_eq!(entry.status, StatusCode::OK);
    assert_eq!(entry.content_type, "application/hal+json");
    assert!(
        entry.json["_links"]["osdi:people"]["href"]
            .as_str()
            .unwrap()
            .ends_with("/api/osdi/v1/people")
    );

    // The scheme of a bearer token may be written in any case.
    let people = answer(
        reqwest::Client::new()
            .get(app.url("/api/osdi/v1/people"))
            .header("Authorization", format!("bEaReR {key}"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(people.status, StatusCode::OK, "{:?}", people.json);
    assert_eq!(people.json["total_records"], 2);
    assert_eq!(
        emails(&people.json),
        ["amina@example.org", "luc@example.org"]
    );
    let amina = people.json["_embedded"]["osdi:people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["given_name"] == "Amina")
        .unwrap()
        .clone();
    let amina_id = member_id(&app, "amina@example.org").await;
    assert_eq!(amina["identifiers"][0], format!("reseau:{amina_id}"));
    assert_eq!(amina["family_name"], "Haddad");
    assert_eq!(amina["email_addresses"][0]["status"], "subscribed");
    assert_eq!(amina["languages_spoken"][0], "en");
    assert_eq!(amina["custom_fields"]["chapter"], "canada");
    assert_eq!(amina["postal_addresses"][0]["country"], "CA");
    let luc = people.json["_embedded"]["osdi:people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["given_name"] == "Luc")
        .unwrap()
        .clone();
    assert_eq!(luc["email_addresses"][0]["status"], "unsubscribed");

    // Pages.
    let first = get(&app, &key, "/api/osdi/v1/people?per_page=1").await;
    assert_eq!(first.json["total_pages"], 2);
    assert_eq!(first.json["per_page"], 1);
    let next = first.json["_links"]["next"]["href"]
        .as_str()
        .unwrap()
        .to_owned();
    let second = get(&app, &key, next.trim_start_matches(&app.base)).await;
    assert_eq!(second.json["page"], 2);
    assert!(second.json["_links"].get("next").is_none());
    let bad_page = get(&app, &key, "/api/osdi/v1/people?page=zero").await;
    assert_eq!(bad_page.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad_page.content_type, "application/problem+json");

    // Outside the key's chapters: a 404 for a person, a 403 for a chapter asked for.
    let rosa_id = member_id(&app, "rosa@example.org").await;
    let rosa = get(&app, &key, &format!("/api/osdi/v1/people/{rosa_id}")).await;
    assert_eq!(rosa.status, StatusCode::NOT_FOUND);
    assert_eq!(rosa.content_type, "application/problem+json");
    let us = get(&app, &key, "/api/osdi/v1/people?chapter=united-states").await;
    assert_eq!(us.status, StatusCode::FORBIDDEN);
    assert_eq!(us.json["status"], 403);
    let gone_id = app
        .count("SELECT id FROM members WHERE status = 'erased'")
        .await;
    assert_eq!(
        get(&app, &key, &format!("/api/osdi/v1/people/{gone_id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let one = get(&app, &key, &format!("/api/osdi/v1/people/{amina_id}")).await;
    assert_eq!(one.status, StatusCode::OK);
    assert_eq!(
        one.json["email_addresses"][0]["address"],
        "amina@example.org"
    );
    // A read-only key writes nothing.
    let refused = post(
        &app,
        &key,
        "/api/osdi/v1/people/person_signup_helper",
        &json!({ "person": { "email_addresses": [{ "address": "new@example.org" }] } }),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // Every read is on record: the audit log per request, and the member's data download.
    // The list, its two pages one by one, and Amina alone: four requests that read people.
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'api-people-read'")
            .await,
        4
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM api_key_reads").await,
        2,
        "Amina and Luc, once each however often"
    );
    sign_in(&app, "en", "amina@example.org").await;
    let data: Value = serde_json::from_str(
        &app.client
            .get(app.url("/en/account/data"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    )
    .unwrap();
    assert_eq!(data["read_by_api_keys"][0]["key"], "Canada sync");
    assert!(key.starts_with(data["read_by_api_keys"][0]["key_prefix"].as_str().unwrap()));
    let list = browser.get("/admin/api-keys").await;
    assert!(!list.body.contains("Never"), "the last use is shown");

    // Revoked: refused at once.
    let key_id = app.count("SELECT id FROM api_keys").await;
    let revoked = browser
        .submit(
            "/admin/api-keys",
            &format!("/admin/api-keys/{key_id}/revoke"),
            &[],
        )
        .await;
    assert_eq!(revoked.location(), "/admin/api-keys");
    assert_eq!(
        get(&app, &key, "/api/osdi/v1/people").await.status,
        StatusCode::UNAUTHORIZED
    );
    for action in ["api-key-created", "api-key-revoked"] {
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM audit_log WHERE action = '{action}'"
            ))
            .await,
            1,
            "{action}"
        );
    }
    app.deliver_mail().await;
}

#[tokio::test]
async fn an_organizer_makes_keys_only_for_their_chapters_and_each_key_has_its_rate() {
    let app = spawn_app_with(&[("api.burst", "3"), ("api.requests_per_minute", "1")]).await;
    join(&app, "Ana Souza", "ana@example.org", "mexico", false).await;
    join(&app, "Sam Lee", "sam@example.org", "canada", false).await;
    organizer(&app, "mx@reseau.test", Role::Organizer, &["mexico"]).await;
    let browser = Browser::new(&app);
    browser.sign_in("mx@reseau.test", PASSWORD).await;
    browser.step_up("mx@reseau.test").await;
    let form = browser.get("/admin/api-keys").await;
    assert!(form.has("input[name=chapters][value=mexico]"));
    assert!(!form.has("input[name=chapters][value=canada]"));
    // Naming a chapter that is not theirs gives a key to nothing of it.
    let none = browser
        .submit(
            "/admin/api-keys",
            "/admin/api-keys",
            &[
                ("name", "Sneaky"),
                ("access", "read"),
                ("chapters", "canada"),
            ],
        )
        .await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(none.has("#chapters-error"));
    let key = create_key(&browser, "Mexico CRM", &["mexico", "canada"], "read").await;
    let people = get(&app, &key, "/api/osdi/v1/people").await;
    assert_eq!(emails(&people.json), ["ana@example.org"]);
    // Three requests at once, then one a minute: the fourth waits, told how long.
    get(&app, &key, "/api/osdi/v1/").await;
    assert_eq!(
        get(&app, &key, "/api/osdi/v1/").await.status,
        StatusCode::OK
    );
    let over = get(&app, &key, "/api/osdi/v1/").await;
    assert_eq!(over.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(over.content_type, "application/problem+json");
    assert!(
        over.headers["retry-after"]
            .to_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
            >= 1
    );
    // A key works only while its organizer does.
    app.execute("UPDATE organizers SET active = FALSE WHERE email = 'mx@reseau.test'")
        .await;
    assert_eq!(
        get(&app, &key, "/api/osdi/v1/people").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn the_signup_helper_mails_a_confirmation_and_records_consent_only_when_confirmed() {
    let app = spawn_app().await;
    let browser = admin(&app).await;
    let key = create_key(&browser, "Partner forms", &["canada"], "write").await;
    let evidence = json!({
        "wording": "Oui, je veux recevoir l'infolettre du Réseau.",
        "collected_at": "2026-12-01T15:04:05Z",
        "page": "https://partner.example.org/petition",
    });
    let body = json!({
        "person": {
            "given_name": "Amélie",
            "family_name": "Gagnon",
            "email_addresses": [{ "address": "Amelie@Example.org", "status": "subscribed" }],
            "postal_addresses": [{ "region": "QC" }],
            "languages_spoken": ["fr"],
            "custom_fields": { "interests": "education" }
        },
        "consent": evidence,
    });
    let taken = post(
        &app,
        &key,
        "/api/osdi/v1/people/person_signup_helper",
        &body,
    )
    .await;
    assert_eq!(taken.status, StatusCode::ACCEPTED, "{:?}", taken.json);
    assert_eq!(taken.content_type, "application/hal+json");
    // Nobody is a member yet, and the ledger holds nothing.
    assert_eq!(
        app.count("SELECT COUNT(*) FROM members WHERE status = 'active'")
            .await,
        0
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM consents").await, 0);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'api-person-signup'")
            .await,
        1
    );

    // The confirmation, in French, from the join form's own use case.
    app.deliver_mail().await;
    let mail = app.sink.only_mail_to("amelie@example.org");
    assert_eq!(mail.subject, "Confirmez votre adhésion au réseau");
    let link = mail.link("/confirm/");
    assert!(link.contains("/fr/confirm/"), "{link}");
    assert_eq!(app.press_button(&link).await.status, StatusCode::SEE_OTHER);
    app.deliver_mail().await;
    app.sink.mails_to("amelie@example.org").pop().unwrap();

    // Confirmed by the person: the ledger names the key and keeps the partner's evidence.
    let rows = app
        .rows("SELECT purpose, granted, source, wording_version, evidence, language FROM consents ORDER BY id")
        .await;
    assert_eq!(rows.len(), 2);
    for row in &rows {
        assert!(row["granted"].as_bool().unwrap_or(row["granted"] == 1));
        let source = row["source"].as_str().unwrap();
        assert!(
            source.starts_with("api key ") && source.contains("Partner forms"),
            "{source}"
        );
        assert_eq!(row["wording_version"], "osdi-signup-2026-12-06");
        assert_eq!(row["language"], "fr");
        let kept: Value = serde_json::from_str(row["evidence"].as_str().unwrap()).unwrap();
        assert_eq!(kept, evidence);
    }
    assert_eq!(rows[0]["purpose"], "membership");
    assert_eq!(rows[1]["purpose"], "newsletter");

    let people = get(&app, &key, "/api/osdi/v1/people").await;
    let person = &people.json["_embedded"]["osdi:people"][0];
    assert_eq!(
        person["email_addresses"][0]["address"],
        "amelie@example.org"
    );
    assert_eq!(person["email_addresses"][0]["status"], "subscribed");
    assert_eq!(person["postal_addresses"][0]["region"], "QC");
    assert_eq!(person["languages_spoken"][0], "fr");
    assert_eq!(person["custom_fields"]["interests"], "education");

    // The same answer for an address that is a member already; they are told by email.
    let again = post(
        &app,
        &key,
        "/api/osdi/v1/people/person_signup_helper",
        &body,
    )
    .await;
    assert_eq!(again.status, StatusCode::ACCEPTED);
    assert_eq!(again.json, taken.json);
    app.deliver_mail().await;
    app.sink.mails_to("amelie@example.org").pop().unwrap();

    // Outside the key's chapters, or incomplete: refused, nothing sent.
    let elsewhere = json!({ "person": {
        "given_name": "Joe", "email_addresses": [{ "address": "joe@example.org" }],
        "custom_fields": { "chapter": "united-states" }
    }});
    let refused = post(
        &app,
        &key,
        "/api/osdi/v1/people/person_signup_helper",
        &elsewhere,
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let incomplete = post(
        &app,
        &key,
        "/api/osdi/v1/people/person_signup_helper",
        &json!({ "person": { "given_name": "No Address" } }),
    )
    .await;
    assert_eq!(incomplete.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(incomplete.content_type, "application/problem+json");
    assert!(incomplete.json["errors"]["person.email_addresses"].is_string());
    let malformed = answer(
        reqwest::Client::new()
            .post(app.url("/api/osdi/v1/people/person_signup_helper"))
            .header("OSDI-API-Token", &key)
            .header("Content-Type", "application/json")
            .body("{not json")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    assert_eq!(malformed.content_type, "application/problem+json");
    assert_eq!(app.deliver_mail().await.sent, 0);
}

#[tokio::test]
async fn an_incremental_sync_returns_exactly_the_people_changed_since() {
    let app = spawn_app().await;
    join(&app, "Kept Same", "same@example.org", "canada", true).await;
    let welcome = {
        join(&app, "Will Leave", "leaves@example.org", "canada", true).await;
        app.sink.mails_to("leaves@example.org").pop().unwrap()
    };
    join(&app, "Mis Spelt", "renamed@example.org", "canada", false).await;
    let browser = admin(&app).await;
    let key = create_key(&browser, "Nightly sync", &["canada"], "read").await;
    let all = get(&app, &key, "/api/osdi/v1/people").await;
    assert_eq!(all.json["total_records"], 3);

    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let since = Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true);
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    // One unsubscribes from the welcome email's link (a change in the consent ledger alone),
    // an organizer corrects another's name.
    let unsubscribe = welcome.link("/unsubscribe/");
    assert!(app.press_button(&unsubscribe).await.status.is_success());
    let renamed = member_id(&app, "renamed@example.org").await;
    let page = format!("/admin/members/{renamed}");
    let saved = browser
        .submit(
            &page,
            &page,
            &[("full_name", "Miss Spelt"), ("chapter", "canada")],
        )
        .await;
    assert_eq!(saved.location(), format!("{page}?saved=1"));

    let filter = format!("modified_date gt '{since}'");
    let changed = answer(
        reqwest::Client::new()
            .get(app.url("/api/osdi/v1/people"))
            .query(&[("filter", filter.as_str())])
            .header("OSDI-API-Token", &key)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(changed.status, StatusCode::OK, "{:?}", changed.json);
    assert_eq!(
        emails(&changed.json),
        ["leaves@example.org", "renamed@example.org"]
    );
    let leaver = changed.json["_embedded"]["osdi:people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["email_addresses"][0]["address"] == "leaves@example.org")
        .unwrap()
        .clone();
    assert_eq!(leaver["email_addresses"][0]["status"], "unsubscribed");
    // The filter is kept in the paging links.
    assert!(
        changed.json["_links"]["self"]["href"]
            .as_str()
            .unwrap()
            .contains("filter=modified_date")
    );
    let created_before = answer(
        reqwest::Client::new()
            .get(app.url("/api/osdi/v1/people"))
            .query(&[("filter", format!("created_date lt '{since}'").as_str())])
            .header("OSDI-API-Token", &key)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(created_before.json["total_records"], 3);
    let nonsense = answer(
        reqwest::Client::new()
            .get(app.url("/api/osdi/v1/people"))
            .query(&[("filter", "email eq 'a@b.c'")])
            .header("OSDI-API-Token", &key)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(nonsense.status, StatusCode::BAD_REQUEST);
    assert!(
        nonsense.json["detail"]
            .as_str()
            .unwrap()
            .contains("modified_date")
    );
    app.deliver_mail().await;
}

#[tokio::test]
async fn events_show_offsets_and_seats_and_the_attendance_helper_only_sends_the_link() {
    let app = spawn_app().await;
    let event = crate::events::publish(&app, "osdi-evening", Some(10), true).await;
    let browser = admin(&app).await;
    let key = create_key(&browser, "Events partner", &["canada"], "write").await;

    let events = get(&app, &key, "/api/osdi/v1/events").await;
    assert_eq!(events.status, StatusCode::OK);
    assert_eq!(events.json["total_records"], 1);
    let listed = &events.json["_embedded"]["osdi:events"][0];
    assert_eq!(listed["identifiers"][0], format!("reseau:{}", event.id));
    assert_eq!(listed["capacity"], 10);
    assert_eq!(listed["total_accepted"], 0);
    assert_eq!(listed["status"], "confirmed");
    let start = listed["start_date"].as_str().unwrap();
    // In the event's own zone (Toronto): -05:00 in winter, -04:00 in summer.
    assert!(
        start.ends_with("-05:00") || start.ends_with("-04:00"),
        "{start}"
    );
    assert_eq!(
        chrono::DateTime::parse_from_rfc3339(start).unwrap(),
        event.starts_at
    );
    assert_eq!(listed["location"]["venue"], "Maison de la culture");

    // The helper sends the registration link; no seat until the person presses it.
    let helper = listed["_links"]["osdi:record_attendance_helper"]["href"]
        .as_str()
        .unwrap()
        .trim_start_matches(&app.base)
        .to_owned();
    let taken = post(
        &app,
        &key,
        &helper,
        &json!({ "person": {
            "given_name": "Olu", "family_name": "Ade",
            "email_addresses": [{ "address": "olu@example.org" }],
            "languages_spoken": ["es"]
        }}),
    )
    .await;
    assert_eq!(taken.status, StatusCode::ACCEPTED, "{:?}", taken.json);
    assert_eq!(
        get(&app, &key, &format!("/api/osdi/v1/events/{}", event.id))
            .await
            .json["total_accepted"],
        0
    );
    let attendances = get(
        &app,
        &key,
        &format!("/api/osdi/v1/events/{}/attendances", event.id),
    )
    .await;
    assert_eq!(
        attendances.json["total_records"], 0,
        "a pending request is no attendance"
    );
    crate::events::confirm(&app, "olu@example.org").await;
    app.deliver_mail().await;
    assert!(!app.sink.mails_to("olu@example.org").is_empty());

    let seen = get(&app, &key, &format!("/api/osdi/v1/events/{}", event.id)).await;
    assert_eq!(seen.json["total_accepted"], 1);
    let attendances = get(
        &app,
        &key,
        &format!("/api/osdi/v1/events/{}/attendances", event.id),
    )
    .await;
    assert_eq!(attendances.json["total_records"], 1);
    let attendance = &attendances.json["_embedded"]["osdi:attendances"][0];
    assert_eq!(attendance["status"], "accepted");
    assert_eq!(attendance["attended"], false);
    assert!(
        attendance["_links"].get("osdi:person").is_none(),
        "not a member"
    );

    // An event of another chapter is not there; a draft neither.
    app.execute("UPDATE events SET chapter_id = (SELECT id FROM chapters WHERE slug = 'mexico')")
        .await;
    assert_eq!(
        get(&app, &key, &format!("/api/osdi/v1/events/{}", event.id))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, &key, "/api/osdi/v1/events").await.json["total_records"],
        0
    );
}

#[tokio::test]
async fn the_openapi_document_is_generated_and_valid_openapi_3_1() {
    let app = spawn_app().await;
    let doc = answer(
        reqwest::Client::new()
            .get(app.url("/api/openapi.json"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(doc.status, StatusCode::OK);
    assert_eq!(doc.json["openapi"], "3.1.0");
    let paths = doc.json["paths"].as_object().unwrap();
    for path in [
        "/api/v1/events",
        "/api/osdi/v1/",
        "/api/osdi/v1/people",
        "/api/osdi/v1/people/{id}",
        "/api/osdi/v1/people/person_signup_helper",
        "/api/osdi/v1/events",
        "/api/osdi/v1/events/{id}",
        "/api/osdi/v1/events/{id}/attendances",
        "/api/osdi/v1/events/{id}/attendances/{attendance}",
        "/api/osdi/v1/events/{id}/record_attendance_helper",
    ] {
        assert!(paths.contains_key(path), "{path} is not documented");
    }
    // Every route the router serves under /api is in the document, and no more.
    assert_eq!(paths.len(), 10);
    let schemes = doc.json["components"]["securitySchemes"]
        .as_object()
        .unwrap();
    assert_eq!(schemes["osdi_token"]["name"], "OSDI-API-Token");
    assert_eq!(schemes["bearer"]["scheme"], "bearer");

    // The standard validator (openapi-spec-validator, which CI installs) checks it against
    // the OpenAPI 3.1 schema.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("openapi.json");
    std::fs::write(&file, doc.json.to_string()).unwrap();
    match std::process::Command::new("openapi-spec-validator")
        .arg(&file)
        .output()
    {
        Ok(out) => assert!(
            out.status.success(),
            "the OpenAPI document does not validate:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => {
            assert!(
                std::env::var("RESEAU_REQUIRE_OPENAPI_VALIDATOR").is_err(),
                "openapi-spec-validator is required but cannot run: {e}"
            );
            eprintln!("not validated: openapi-spec-validator is not installed ({e})");
        }
    }
    // The public list moved under api/ and answers as before.
    let list = answer(
        reqwest::Client::new()
            .get(app.url("/api/v1/events"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.json.as_array().unwrap().is_empty());
    // An unknown API path is a problem, not a page.
    let missing = answer(
        reqwest::Client::new()
            .get(app.url("/api/osdi/v1/nothing"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.content_type, "application/problem+json");
}
