//! Importing members, by the back office and by `reseau members import`: an import acts only
//! inside the importer's chapters, never overwrites what a person chose, invites within the
//! per-address limit, and is audited person by person.

use domain::organizers::Role;
use reqwest::StatusCode;

use crate::{
    helpers::{Page, TestApp, spawn_app},
    staff::{Browser, PASSWORD, organizer},
};

/// Uploads `csv` into `chapter` from the import form, as an organizer would.
async fn upload(app: &TestApp, browser: &Browser<'_>, chapter: &str, csv: &str) -> Page {
    let form = browser.get("/admin/members/import").await;
    assert_eq!(form.status, StatusCode::OK);
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", form.attr("input[name=csrf_token]", "value"))
        .text("chapter", chapter.to_owned())
        .text("consent_source", "sign-up sheet, Monterrey forum")
        .part(
            "file",
            reqwest::multipart::Part::bytes(csv.as_bytes().to_vec()).file_name("members.csv"),
        );
    let response = browser
        .client
        .post(app.url("/admin/members/import"))
        .header("Origin", &app.base)
        .header("Accept-Language", "en")
        .multipart(form)
        .send()
        .await
        .unwrap();
    let report = Page::read(response).await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.body);
    report
}

/// `reseau members import` on the test app's own database.
fn import_by_command(app: &TestApp, chapter: &str, csv: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("members.csv");
    std::fs::write(&file, csv).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_reseau"))
        .args(["members", "import", file.to_str().unwrap()])
        .args(["--chapter", chapter, "--consent-source", "paper sheet"])
        .env("RESEAU_DATABASE_URL", &app.database_url)
        .env("RESEAU_MAIL__POSTAL_ADDRESS", "200 Test Street, Ottawa")
        .env("RESEAU_LOG", "warn")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

async fn member(app: &TestApp, email: &str) -> serde_json::Value {
    app.rows(&format!(
        "SELECT m.full_name, m.language, m.region, m.interests, m.status, c.slug AS chapter \
         FROM members m JOIN chapters c ON c.id = m.chapter_id WHERE m.email = '{email}'"
    ))
    .await
    .remove(0)
}

#[tokio::test]
async fn an_import_leaves_other_chapters_members_untouched_and_does_not_reveal_them() {
    let app = spawn_app().await;
    organizer(&app, "mexico@reseau.test", Role::Organizer, &["mexico"]).await;
    app.join_and_confirm(
        "en",
        &[
            ("full_name", "Ada Canadian"),
            ("email", "ada@example.org"),
            ("chapter", "canada"),
            ("region", "CA-ON"),
            ("interests", "education"),
            ("language", "en"),
        ],
    )
    .await;
    let before = member(&app, "ada@example.org").await;
    let mails_before = app.sink.mails_to("ada@example.org").len();

    let mexico = Browser::new(&app);
    mexico.sign_in("mexico@reseau.test", PASSWORD).await;
    let csv = "email,full_name,region,interests,language\n\
               ADA@example.org,Ada Renamed,MX-NLE,health-equity,es\n\
               nuevo@example.org,Persona Nueva,MX-NLE,,es\n";
    let report = upload(&app, &mexico, "mexico", csv).await;
    let counts = report.texts("ul[role=status] li");
    // The member of Canada is counted as the new person is: nothing says the address is known.
    assert_eq!(counts[0], "2 people invited to confirm", "{counts:?}");
    assert!(
        counts[1].starts_with("0 ") && counts[2].starts_with("0 "),
        "{counts:?}"
    );
    assert_eq!(
        member(&app, "ada@example.org").await,
        before,
        "not moved, not renamed"
    );
    app.deliver_mail().await;
    assert_eq!(app.sink.mails_to("ada@example.org").len(), mails_before);
    assert_eq!(app.sink.mails_to("nuevo@example.org").len(), 1);

    // The command line keeps the same rule.
    let stdout = import_by_command(&app, "mexico", csv);
    assert!(
        stdout.contains("Members of another chapter (left as they are): 1"),
        "{stdout}"
    );
    assert_eq!(member(&app, "ada@example.org").await, before);
    app.deliver_mail().await;
    assert_eq!(app.sink.mails_to("ada@example.org").len(), mails_before);
}

#[tokio::test]
async fn an_import_keeps_what_members_chose_fills_only_the_empty_and_audits_each_person() {
    let app = spawn_app().await;
    let organizer_id = organizer(&app, "canada@reseau.test", Role::Organizer, &["canada"]).await;
    app.join_and_confirm(
        "fr",
        &[
            ("full_name", "Ana Choisie"),
            ("email", "ana@example.org"),
            ("chapter", "canada"),
            ("language", "fr"),
        ],
    )
    .await;
    let local = Browser::new(&app);
    local.sign_in("canada@reseau.test", PASSWORD).await;
    let csv = "email,full_name,region,interests,language\n\
               ana@example.org,Ana Overwritten,CA-QC,education;arts-culture,en\n\
               new@example.org,New Person,,,en\n";
    let report = upload(&app, &local, "canada", csv).await;
    let counts = report.texts("ul[role=status] li");
    assert_eq!(counts[0], "1 person invited to confirm", "{counts:?}");
    assert_eq!(
        counts[1],
        "1 already a member of this chapter (what they chose is kept; only empty details filled)"
    );

    let ana = member(&app, "ana@example.org").await;
    assert_eq!(ana["full_name"], "Ana Choisie");
    assert_eq!(ana["language"], "fr");
    assert_eq!(ana["region"], "CA-QC", "an empty region is filled");
    assert_eq!(ana["interests"], "education,arts-culture");

    let ana_id = app
        .count("SELECT id FROM members WHERE email = 'ana@example.org'")
        .await;
    let new_id = app
        .count("SELECT id FROM members WHERE email = 'new@example.org'")
        .await;
    let audited = app
        .rows(&format!(
            "SELECT action, target_id, details FROM audit_log \
             WHERE organizer_id = {organizer_id} AND target_type = 'member' ORDER BY id"
        ))
        .await;
    assert_eq!(audited.len(), 2, "{audited:?}");
    assert_eq!(audited[0]["action"], "member-filled-by-import");
    assert_eq!(audited[0]["target_id"], ana_id);
    let details: serde_json::Value =
        serde_json::from_str(audited[0]["details"].as_str().unwrap()).unwrap();
    assert_eq!(
        details["filled"],
        serde_json::json!(["region", "interests"])
    );
    assert_eq!(audited[1]["action"], "member-invited-by-import");
    assert_eq!(audited[1]["target_id"], new_id);
    // The audit log names people by id, never by name or address.
    let log = app.rows("SELECT details FROM audit_log").await;
    let log = serde_json::to_string(&log).unwrap();
    assert!(
        !log.contains("ana@example.org") && !log.contains("Ana"),
        "{log}"
    );
    app.deliver_mail().await;
    app.sink.only_mail_to("new@example.org").link("/confirm/");
}

#[tokio::test]
async fn importing_the_same_file_twice_invites_each_person_once() {
    let app = spawn_app().await;
    organizer(&app, "canada@reseau.test", Role::Organizer, &["canada"]).await;
    let local = Browser::new(&app);
    local.sign_in("canada@reseau.test", PASSWORD).await;
    let csv = "email,full_name\nuno@example.org,Uno Person\ndos@example.org,Dos Person\n";
    upload(&app, &local, "canada", csv).await;
    let again = upload(&app, &local, "canada", csv).await;
    let counts = again.texts("ul[role=status] li");
    assert_eq!(counts[0], "0 people invited to confirm", "{counts:?}");
    assert_eq!(
        counts[3],
        "2 pending people invited lately, not mailed again"
    );
    let stdout = import_by_command(&app, "canada", csv);
    assert!(stdout.contains("Not invited again yet: 2"), "{stdout}");
    app.deliver_mail().await;
    assert_eq!(app.sink.mails_to("uno@example.org").len(), 1);
    assert_eq!(app.sink.mails_to("dos@example.org").len(), 1);
}

#[tokio::test]
async fn an_import_never_replaces_what_a_person_asked_for_on_their_own_form() {
    let app = spawn_app().await;
    organizer(&app, "canada@reseau.test", Role::Organizer, &["canada"]).await;
    let joined = app
        .join(
            "en",
            &[
                ("full_name", "Eve Online"),
                ("email", "eve@example.org"),
                ("chapter", "canada"),
                ("language", "en"),
                ("newsletter", "yes"),
            ],
        )
        .await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER);
    app.deliver_mail().await;
    let link = app
        .sink
        .only_mail_to("eve@example.org")
        .link("/en/confirm/");

    let local = Browser::new(&app);
    local.sign_in("canada@reseau.test", PASSWORD).await;
    upload(
        &app,
        &local,
        "canada",
        "email,full_name\neve@example.org,Eve Imported\n",
    )
    .await;

    // Eve presses the link her own form sent her: what she asked for is what is recorded.
    assert_eq!(app.press_button(&link).await.status, StatusCode::SEE_OTHER);
    let consents = app
        .rows(
            "SELECT c.purpose, c.granted, c.source FROM consents c \
             JOIN members m ON m.id = c.member_id WHERE m.email = 'eve@example.org' ORDER BY c.id",
        )
        .await;
    assert_eq!(consents.len(), 2, "{consents:?}");
    assert_eq!(consents[1]["purpose"], "newsletter");
    for consent in &consents {
        assert!(
            !consent["source"].as_str().unwrap().starts_with("import"),
            "{consents:?}"
        );
    }
    assert_eq!(
        member(&app, "eve@example.org").await["full_name"],
        "Eve Online"
    );
    // The welcome carries the way out.
    app.deliver_mail().await;
    app.sink
        .mails_to("eve@example.org")
        .pop()
        .unwrap()
        .link("/unsubscribe/");
}
