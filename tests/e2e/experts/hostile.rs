//! The hostile corpus (`hostile_corpus`) thrown at every field of the directory, the contact
//! form (through to the relayed email), the listing form and the organizers' review: a clear
//! 4xx or a localised message, never a 500; nothing active in any page or email; no header a
//! value could add.

use domain::organizers::Role;
use reqwest::StatusCode;

use super::{Listing, Visitor, decide, listed, send_listing, zoe};
use crate::{
    helpers::{Findings, case_name, spawn_app_with},
    hostile_corpus::{MARK, assert_no_stored_name_keeps, assert_safe, check_every_mail, corpus},
    staff::{Browser, PASSWORD, organizer},
};

#[tokio::test]
async fn every_field_of_the_directory_and_the_relay_refuses_or_escapes_the_corpus() {
    let app = spawn_app_with(&[
        ("experts.pages_burst", "100000"),
        ("experts.messages_per_sender_per_day", "100000"),
        ("experts.messages_per_ip_per_day", "100000"),
        ("experts.messages_per_expert_per_day", "100000"),
        ("limits.mails_per_address_per_hour", "100000"),
    ])
    .await;
    let mut found = Findings::default();
    organizer(&app, "org@reseau.test", Role::Organizer, &["canada"]).await;
    let staff = Browser::new(&app);
    staff.sign_in("org@reseau.test", PASSWORD).await;
    let (id, slug) = listed(&app, &staff, "zoe@example.org", &zoe()).await;

    // The directory's parameters.
    let mut visitor = Visitor::new(&app);
    for param in ["q", "area", "country", "language", "page"] {
        for (label, value) in corpus() {
            let name = case_name(&format!("directory {param}"), label, &value);
            let url = format!(
                "/en/experts?{}",
                url::form_urlencoded::Serializer::new(String::new())
                    .append_pair(param, &value)
                    .finish()
            );
            let page = visitor.get(&url).await;
            found
                .case(name, async {
                    assert_safe(&page, &format!("directory {param} {label}"));
                })
                .await;
        }
    }

    // Slugs and tokens in paths: a 4xx, never a page that shows them as markup.
    for (label, value) in corpus() {
        let segment: String = url::form_urlencoded::byte_serialize(value.as_bytes()).collect();
        for path in [
            format!("/en/experts/{segment}"),
            format!("/en/experts/{segment}/sent"),
            format!("/en/experts/messages/{segment}"),
            format!("/en/experts/reports/{segment}"),
        ] {
            let page = visitor.get(&path).await;
            found
                .case(case_name(&path, label, &value), async {
                    assert_safe(&page, &format!("{path} {label}"));
                    assert!(page.status.is_client_error(), "{path}: {}", page.status);
                })
                .await;
        }
        let page = staff.get(&format!("/admin/experts/{segment}")).await;
        found
            .case(case_name("/admin/experts/…", label, &value), async {
                assert_safe(&page, &format!("admin expert {label}"));
                assert!(page.status.is_client_error(), "{}", page.status);
            })
            .await;
    }

    // The contact form, from a browser whose address is confirmed: whatever passes goes all
    // the way into the relayed email.
    let sender = ("Ana Lima", "ana@example.org");
    visitor
        .write("en", &slug, sender, "Hello", "A first question.", true)
        .await;
    app.deliver_mail().await;
    let link = app
        .sink
        .mails_to("ana@example.org")
        .pop()
        .unwrap()
        .link("/en/experts/messages/");
    visitor.press(&link).await;
    let base = [
        ("full_name", "Ana Lima"),
        ("email", "ana@example.org"),
        ("subject", "A question"),
        ("message", "About your work."),
    ];
    for field in ["full_name", "email", "subject", "message"] {
        for (label, value) in corpus() {
            let name = case_name(&format!("contact {field}"), label, &value);
            let mut fields: Vec<(&str, &str)> =
                base.iter().copied().filter(|(k, _)| *k != field).collect();
            fields.push((field, &value));
            fields.push(("allow_reply", "yes"));
            let answer = visitor.fill(&format!("/en/experts/{slug}"), &fields).await;
            found
                .case(name, async {
                    let context = format!("contact {field} {label}");
                    assert_safe(&answer, &context);
                    assert!(
                        answer.status == StatusCode::SEE_OTHER || answer.status.is_client_error(),
                        "{context}: {}",
                        answer.status
                    );
                })
                .await;
        }
    }
    app.deliver_mail().await;
    check_every_mail(&app, "relayed messages");

    // The listing form of the expert herself.
    let fields_of = |listing: &Listing| listing.fields(false);
    for field in [
        "display_name",
        "organisation",
        "org_role",
        "bio_en",
        "lived_experience",
        "country",
        "areas",
        "show_bio",
    ] {
        for (label, value) in corpus() {
            let name = case_name(&format!("listing {field}"), label, &value);
            let mut fields: Vec<(String, String)> = fields_of(&zoe())
                .into_iter()
                .filter(|(k, _)| k != field)
                .collect();
            fields.push((field.to_owned(), value.clone()));
            let answer = send_listing(&app, "en", &fields).await;
            found
                .case(name, async {
                    let context = format!("listing {field} {label}");
                    assert_safe(&answer, &context);
                    assert!(
                        answer.status == StatusCode::SEE_OTHER || answer.status.is_client_error(),
                        "{context}: {}",
                        answer.status
                    );
                })
                .await;
        }
    }
    assert_no_stored_name_keeps(&app, "SELECT display_name AS name FROM expert_profiles").await;
    assert_safe(&app.get("/en/account/expert").await, "listing page");

    // The organizers' note.
    for (label, value) in corpus() {
        let name = case_name("review note", label, &value);
        let answer = decide(&staff, &mut Vec::new(), id, "return", &value).await;
        found
            .case(name, async {
                assert_safe(&answer, &format!("review note {label}"));
                let page = staff.get(&format!("/admin/experts/{id}")).await;
                assert_safe(&page, &format!("review page after {label}"));
            })
            .await;
    }
    let page = app.get("/en/account/expert").await;
    assert_safe(&page, "listing page with notes");
    assert!(!page.body.contains(&format!("<script>alert('{MARK}')")));
    app.deliver_mail().await;
    check_every_mail(&app, "review notes");
    found.finish();
}
