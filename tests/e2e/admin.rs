//! The back office, end to end: first-run setup, sign-in with lockout, roles on every route,
//! the member list and its CSV export, corrections, invitations, the audit log, the dashboard.

use chrono::Utc;
use domain::{
    organizers::{self, Role},
    two_factor,
};
use reqwest::StatusCode;

use crate::{
    helpers::{Page, TestApp, spawn_app},
    staff::{Browser, PASSWORD, organizer},
};

async fn join_member(app: &TestApp, name: &str, email: &str, chapter: &str, newsletter: bool) {
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
async fn the_first_run_link_creates_the_first_admin_once() {
    let app = spawn_app().await;
    let secret = organizers::issue_link(
        app.db.writer(),
        organizers::LinkPurpose::Setup,
        None,
        chrono::Duration::hours(1),
        Utc::now(),
    )
    .await
    .unwrap();
    let link = format!("/admin/setup/{}", secret.as_str());
    let admin = Browser::new(&app);
    let form = admin.get(&link).await;
    assert_eq!(
        form.status,
        StatusCode::OK,
        "{:?} {}",
        form.headers,
        form.body
    );
    assert_eq!(form.text("h1"), "Create the first administrator");

    let weak = admin
        .submit(
            &link,
            &link,
            &[
                ("full_name", "Ada"),
                ("email", "ada@reseau.test"),
                ("password", "password1234"),
            ],
        )
        .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        weak.text("#password-error"),
        "This password is one of the most common ones. Choose another."
    );

    let done = admin
        .submit(
            &link,
            &link,
            &[
                ("full_name", "Ada"),
                ("email", "Ada@Reseau.test"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let cookie = done.header("set-cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );

    // An admin must set up a second factor before anything else.
    assert_eq!(admin.get("/admin").await.location(), "/admin/two-factor");
    assert_eq!(
        admin.get("/admin/members").await.location(),
        "/admin/two-factor"
    );
    // Setting up two-step asks for the password again first (a step up).
    assert_eq!(
        admin.get("/admin/two-factor").await.location(),
        "/admin/step-up?back=%2Fadmin%2Ftwo-factor"
    );
    admin.step_up("ada@reseau.test").await;
    let enrol = admin.get("/admin/two-factor").await;
    let key: String = enrol.text("code.secret").split_whitespace().collect();
    assert!(
        enrol
            .attr("a[href^='otpauth://']", "href")
            .contains("secret=")
    );
    let wrong = admin
        .submit(
            "/admin/two-factor",
            "/admin/two-factor",
            &[("code", "000000")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let row = &app.rows("SELECT id, totp_secret FROM organizers").await[0];
    let stored = row["totp_secret"].as_str().unwrap().to_owned();
    // ASVS 5.0 11.7/14.2: the seed is sealed at rest (AES-256-GCM under secret_key), never
    // stored as shown; the key shown is the one sealed.
    assert!(
        two_factor::is_sealed(&stored) && !stored.contains(&key),
        "the seed is stored sealed: {stored}"
    );
    let opened = crate::staff::seed_key()
        .open(row["id"].as_i64().unwrap(), &stored)
        .unwrap();
    assert_eq!(opened, key, "the key shown is the one sealed");
    let code = two_factor::code_at(&key, Utc::now().timestamp() as u64).unwrap();
    let codes_page = admin
        .submit("/admin/two-factor", "/admin/two-factor", &[("code", &code)])
        .await;
    assert_eq!(codes_page.status, StatusCode::OK, "{}", codes_page.body);
    let recovery = codes_page.texts("ul.codes li");
    assert_eq!(recovery.len(), 10);
    assert_eq!(admin.get("/admin").await.text("h1"), "Dashboard");

    // Signing in again asks for a code; a recovery code works, once.
    admin.submit("/admin", "/admin/sign-out", &[]).await;
    let credentials = [("email", "ada@reseau.test"), ("password", PASSWORD)];
    let password_step = admin
        .submit("/admin/sign-in", "/admin/sign-in", &credentials)
        .await;
    assert_eq!(password_step.location(), "/admin/sign-in/code");
    assert_eq!(
        admin.get("/admin").await.location(),
        "/admin/sign-in/code",
        "no way round the code"
    );
    let used_code = admin
        .submit(
            "/admin/sign-in/code",
            "/admin/sign-in/code",
            &[("code", &code)],
        )
        .await;
    assert_eq!(
        used_code.status,
        StatusCode::UNAUTHORIZED,
        "a code is accepted once"
    );
    let by_recovery = admin
        .submit(
            "/admin/sign-in/code",
            "/admin/sign-in/code",
            &[("code", &recovery[0])],
        )
        .await;
    assert_eq!(by_recovery.location(), "/admin");
    admin.submit("/admin", "/admin/sign-out", &[]).await;
    admin
        .submit("/admin/sign-in", "/admin/sign-in", &credentials)
        .await;
    let reused = admin
        .submit(
            "/admin/sign-in/code",
            "/admin/sign-in/code",
            &[("code", &recovery[0])],
        )
        .await;
    assert_eq!(reused.status, StatusCode::UNAUTHORIZED);
    let row = &app.rows("SELECT role, password_hash FROM organizers").await[0];
    assert_eq!(row["role"], "admin");
    assert!(
        row["password_hash"]
            .as_str()
            .unwrap()
            .starts_with("$argon2id$")
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'setup'")
            .await,
        1
    );

    // The link works once.
    assert_eq!(
        Browser::new(&app).get(&link).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn wrong_passwords_lock_the_account_and_unknown_addresses_look_the_same() {
    let app = spawn_app().await;
    organizer(&app, "lead@reseau.test", Role::Admin, &[]).await;
    let browser = Browser::new(&app);

    let unknown = browser.sign_in("nobody@reseau.test", PASSWORD).await;
    let wrong = browser
        .sign_in("lead@reseau.test", "not the passphrase at all")
        .await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.status, unknown.status);
    assert_eq!(wrong.text("#email-error"), unknown.text("#email-error"));
    assert_eq!(
        wrong.text("#email-error"),
        "The email address or the password is wrong."
    );

    for _ in 0..4 {
        browser
            .sign_in("lead@reseau.test", "not the passphrase at all")
            .await;
    }
    let locked = browser.sign_in("lead@reseau.test", PASSWORD).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(locked.text("#email-error").contains("locked"));
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'sign-in-failed' \
             AND organizer_id IS NOT NULL"
        )
        .await,
        5
    );

    // When the lock has passed, the right password works.
    app.execute("UPDATE sign_in_failures SET locked_until = NULL")
        .await;
    let ok = browser.sign_in("lead@reseau.test", PASSWORD).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert_eq!(ok.location(), "/admin");
}

#[tokio::test]
async fn each_role_sees_only_what_it_may_on_every_route() {
    let app = spawn_app().await;
    organizer(&app, "admin@reseau.test", Role::Admin, &[]).await;
    organizer(&app, "canada@reseau.test", Role::Organizer, &["canada"]).await;
    join_member(&app, "Canadian Member", "ca@example.org", "canada", true).await;
    join_member(&app, "Mexican Member", "mx@example.org", "mexico", false).await;
    let ca_id = app
        .count("SELECT id FROM members WHERE email = 'ca@example.org'")
        .await;
    let mx_id = app
        .count("SELECT id FROM members WHERE email = 'mx@example.org'")
        .await;

    let admin = Browser::new(&app);
    assert_eq!(
        admin.sign_in("admin@reseau.test", PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
    let local = Browser::new(&app);
    assert_eq!(
        local.sign_in("canada@reseau.test", PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
    admin.step_up("admin@reseau.test").await;
    local.step_up("canada@reseau.test").await;
    let stranger = Browser::new(&app);

    let ca = format!("/admin/members/{ca_id}");
    let mx = format!("/admin/members/{mx_id}");
    // (route, admin, chapter organizer, not signed in)
    let table: Vec<(&str, StatusCode, StatusCode, StatusCode)> = vec![
        (
            "/admin",
            StatusCode::OK,
            StatusCode::OK,
            StatusCode::SEE_OTHER,
        ),
        (
            "/admin/members",
            StatusCode::OK,
            StatusCode::OK,
            StatusCode::SEE_OTHER,
        ),
        (
            "/admin/members?chapter=mexico",
            StatusCode::OK,
            StatusCode::NOT_FOUND,
            StatusCode::SEE_OTHER,
        ),
        (
            "/admin/members.csv",
            StatusCode::OK,
            StatusCode::OK,
            StatusCode::SEE_OTHER,
        ),
        (&ca, StatusCode::OK, StatusCode::OK, StatusCode::SEE_OTHER),
        (
            &mx,
            StatusCode::OK,
            StatusCode::NOT_FOUND,
            StatusCode::SEE_OTHER,
        ),
        (
            "/admin/audit",
            StatusCode::OK,
            StatusCode::NOT_FOUND,
            StatusCode::SEE_OTHER,
        ),
        (
            "/admin/organizers",
            StatusCode::OK,
            StatusCode::NOT_FOUND,
            StatusCode::SEE_OTHER,
        ),
        (
            "/admin/password",
            StatusCode::OK,
            StatusCode::OK,
            StatusCode::SEE_OTHER,
        ),
    ];
    for (route, for_admin, for_local, for_stranger) in &table {
        assert_eq!(
            admin.get(route).await.status,
            *for_admin,
            "admin on {route}"
        );
        assert_eq!(
            local.get(route).await.status,
            *for_local,
            "chapter organizer on {route}"
        );
        let anonymous = stranger.get(route).await;
        assert_eq!(anonymous.status, *for_stranger, "anonymous on {route}");
        if anonymous.status == StatusCode::SEE_OTHER {
            assert_eq!(anonymous.location(), "/admin/sign-in");
        }
    }
    // POSTs are checked the same way.
    let correction = local
        .submit(&ca, &mx, &[("full_name", "Changed"), ("chapter", "canada")])
        .await;
    assert_eq!(correction.status, StatusCode::NOT_FOUND);
    let invite = local
        .submit(
            "/admin",
            "/admin/organizers",
            &[
                ("full_name", "X"),
                ("email", "x@reseau.test"),
                ("role", "admin"),
            ],
        )
        .await;
    assert_eq!(invite.status, StatusCode::NOT_FOUND);
    assert_eq!(app.count("SELECT COUNT(*) FROM organizers").await, 2);

    // The lists: the chapter organizer sees their chapter's members only.
    let local_list = local.get("/admin/members").await;
    assert_eq!(
        local_list.texts("tbody td:nth-child(2)"),
        ["ca@example.org"]
    );
    assert_eq!(
        local_list.text("[role=status]"),
        "1 member",
        "the count's plural"
    );
    let all_list = admin.get("/admin/members").await;
    assert_eq!(all_list.texts("tbody td:nth-child(2)").len(), 2);
    assert_eq!(all_list.text("[role=status]"), "2 members");
    let filtered = admin
        .get("/admin/members?newsletter=yes")
        .await
        .texts("tbody td:nth-child(2)");
    assert_eq!(filtered, ["ca@example.org"]);
    let searched = admin
        .get("/admin/members?q=mexican")
        .await
        .texts("tbody td:nth-child(2)");
    assert_eq!(searched, ["mx@example.org"]);
    let local_export = local.get("/admin/members.csv").await.body;
    assert!(local_export.contains("ca@example.org") && !local_export.contains("mx@example.org"));
}

#[tokio::test]
async fn the_csv_export_is_safe_cell_by_cell_and_audited() {
    let app = spawn_app().await;
    organizer(&app, "admin@reseau.test", Role::Admin, &[]).await;
    join_member(&app, "Zoë Ñandú", "zoe@example.org", "canada", true).await;
    join_member(&app, "Plain Name", "plain@example.org", "mexico", false).await;
    // A hostile name that the join form refuses, as an old import could have left it.
    app.execute("UPDATE members SET full_name = '=HYPERLINK(\"http://evil.example\",\"x\")' WHERE email = 'plain@example.org'").await;

    let admin = Browser::new(&app);
    admin.sign_in("admin@reseau.test", PASSWORD).await;
    admin.step_up("admin@reseau.test").await;
    let response = admin
        .client
        .get(app.url("/admin/members.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let bytes = response.bytes().await.unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 byte-order mark");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(headers[..3], ["email", "full_name", "chapter"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    let zoe = rows.iter().find(|r| &r[0] == "zoe@example.org").unwrap();
    assert_eq!(&zoe[1], "Zoë Ñandú");
    assert_eq!(&zoe[2], "canada");
    assert_eq!(&zoe[6], "active");
    assert_eq!(&zoe[7], "yes");
    let hostile = rows.iter().find(|r| &r[0] == "plain@example.org").unwrap();
    assert_eq!(&hostile[1], "'=HYPERLINK(\"http://evil.example\",\"x\")");
    assert_eq!(&hostile[7], "no");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'members-exported'")
            .await,
        1
    );
}

#[tokio::test]
async fn corrections_invitations_and_password_changes_are_recorded() {
    let app = spawn_app().await;
    let admin_id = organizer(&app, "admin@reseau.test", Role::Admin, &[]).await;
    join_member(
        &app,
        "Misspeled Name",
        "member@example.org",
        "canada",
        false,
    )
    .await;
    let member_id = app.count("SELECT id FROM members").await;
    let admin = Browser::new(&app);
    admin.sign_in("admin@reseau.test", PASSWORD).await;
    admin.step_up("admin@reseau.test").await;

    // A correction, audited with before and after.
    let page = format!("/admin/members/{member_id}");
    let saved = admin
        .submit(
            &page,
            &page,
            &[
                ("full_name", "Misspelled Name"),
                ("chapter", "united-states"),
            ],
        )
        .await;
    assert_eq!(saved.location(), format!("{page}?saved=1"));
    let row = &app.rows("SELECT full_name FROM members").await[0];
    assert_eq!(row["full_name"], "Misspelled Name");
    let audit = &app.rows("SELECT organizer_id, target_id, details FROM audit_log WHERE action = 'member-corrected'").await[0];
    assert_eq!(audit["organizer_id"], admin_id);
    // What changed, by id: the name itself is not kept in the log.
    let details = audit["details"].as_str().unwrap();
    assert!(
        details.contains("full_name") && details.contains("chapter"),
        "{details}"
    );
    assert!(!details.contains("Misspel"), "{details}");
    // No consent can be granted from here: the ledger did not move.
    assert_eq!(app.count("SELECT COUNT(*) FROM consents").await, 1);

    // An invitation: an email with a link that sets a password and signs in.
    let invited = admin
        .submit(
            "/admin/organizers",
            "/admin/organizers",
            &[
                ("full_name", "New Organizer"),
                ("email", "new@reseau.test"),
                ("role", "organizer"),
                ("chapters", "mexico"),
            ],
        )
        .await;
    assert_eq!(invited.location(), "/admin/organizers?invited=1");
    app.deliver_mail().await;
    let mail = app.sink.only_mail_to("new@reseau.test");
    assert_eq!(
        mail.subject,
        "You are invited to run chapters of the network"
    );
    let link = mail.link("/admin/invite/");
    let path = link.trim_start_matches(&app.base).to_owned();
    let newcomer = Browser::new(&app);
    let set = newcomer
        .submit(&path, &path, &[("password", PASSWORD)])
        .await;
    assert_eq!(set.location(), "/admin");
    assert_eq!(
        newcomer.get(&page).await.status,
        StatusCode::NOT_FOUND,
        "a Mexico organizer cannot see a US member"
    );

    // Changing a password ends the other sessions of the account.
    let elsewhere = Browser::new(&app);
    // The sign-in and the step up used this minute's codes: as if half a minute had passed.
    app.execute("UPDATE organizers SET totp_last_step = NULL")
        .await;
    elsewhere.sign_in("admin@reseau.test", PASSWORD).await;
    assert_eq!(elsewhere.get("/admin").await.status, StatusCode::OK);
    let changed = admin
        .submit(
            "/admin/password",
            "/admin/password",
            &[
                ("current_password", PASSWORD),
                ("password", "another long passphrase"),
            ],
        )
        .await;
    assert_eq!(changed.location(), "/admin/password?changed=1");
    assert_eq!(elsewhere.get("/admin").await.location(), "/admin/sign-in");
    assert_eq!(admin.get("/admin").await.status, StatusCode::OK);

    let actions: Vec<String> = app
        .rows("SELECT action FROM audit_log ORDER BY id")
        .await
        .iter()
        .map(|r| r["action"].as_str().unwrap().to_owned())
        .collect();
    for expected in [
        "sign-in",
        "member-corrected",
        "organizer-invited",
        "invitation-accepted",
        "password-changed",
    ] {
        assert!(
            actions.iter().any(|a| a == expected),
            "{expected} missing from {actions:?}"
        );
    }
    // The audit page shows them to the admin, and filters them.
    let log = admin.get("/admin/audit").await;
    assert!(
        log.texts("td:nth-child(3)")
            .iter()
            .any(|a| a == "Corrected a member’s details")
    );
    let only = admin.get("/admin/audit?action=member-corrected").await;
    assert_eq!(
        only.attr("#f-action option[selected]", "value"),
        "member-corrected"
    );
    let actions: Vec<String> = only.texts("td:nth-child(3)");
    assert_eq!(actions, ["Corrected a member’s details"]);

    // Reassigning chapters: the newcomer now runs the United States chapter instead.
    let new_id = app
        .count("SELECT id FROM organizers WHERE email = 'new@reseau.test'")
        .await;
    let reassign = admin
        .submit(
            "/admin/organizers",
            &format!("/admin/organizers/{new_id}/chapters"),
            &[("chapters", "united-states")],
        )
        .await;
    assert_eq!(reassign.location(), "/admin/organizers");
    assert_eq!(
        newcomer.get(&page).await.status,
        StatusCode::OK,
        "the US member is now in their scope"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'organizer-chapters-changed'")
            .await,
        1
    );

    // Deactivating an organizer ends their sessions at once.
    let new_id = app
        .count("SELECT id FROM organizers WHERE email = 'new@reseau.test'")
        .await;
    let path = format!("/admin/organizers/{new_id}/active");
    let off = admin
        .submit("/admin/organizers", &path, &[("active", "no")])
        .await;
    assert_eq!(off.location(), "/admin/organizers");
    assert_eq!(newcomer.get("/admin").await.location(), "/admin/sign-in");
    let again = newcomer.sign_in("new@reseau.test", PASSWORD).await;
    assert_eq!(
        again.status,
        StatusCode::UNAUTHORIZED,
        "a deactivated account cannot sign in"
    );
}

#[tokio::test]
async fn the_dashboard_figures_match_the_data() {
    let app = spawn_app().await;
    organizer(&app, "admin@reseau.test", Role::Admin, &[]).await;
    join_member(&app, "One Member", "one@example.org", "canada", false).await;
    join_member(&app, "Two Member", "two@example.org", "canada", false).await;
    app.join(
        "en",
        &[
            ("full_name", "Pending Person"),
            ("email", "pending@example.org"),
            ("chapter", "mexico"),
            ("language", "en"),
        ],
    )
    .await;
    app.deliver_mail().await;

    let admin = Browser::new(&app);
    admin.sign_in("admin@reseau.test", PASSWORD).await;
    let page = admin.get("/admin").await;
    let canada = page
        .texts("tbody tr")
        .into_iter()
        .find(|r| r.starts_with("Canada"))
        .unwrap();
    assert_eq!(canada, "Canada 0 2 0 2");
    let mexico = page
        .texts("tbody tr")
        .into_iter()
        .find(|r| r.starts_with("Mexico"))
        .unwrap();
    assert_eq!(mexico, "Mexico 1 0 0 1");
    let figures = page.texts(".figures dd");
    assert_eq!(figures[0], "1", "pending confirmations");
    assert_eq!(figures[1], "5", "emails sent: 3 confirmations, 2 welcomes");
    assert!(page.has("svg.chart title"));
    // This week's sign-ups, all chapters together: the last cell of the chart's table.
    let this_week: u64 = page
        .texts("section[aria-labelledby=signups] tbody td")
        .last()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(this_week, 3);
    assert_eq!(
        app.sink.only_mail_to("pending@example.org").subject,
        "Confirm your membership of the network"
    );
}

const IMPORT_CSV: &str = "email,full_name,region,interests,language\n\
new.person@example.org,Nouvelle Personne,CA-QC,education;arts-culture,fr\n\
existing@example.org,Existing Renamed,CA-ON,,en\n\
not-an-address,Bad Row,,,en\n\
bad.region@example.org,Bad Region,MX-OAX,,en\n\
=cmd@example.org,Formula,,,xx\n";

#[tokio::test]
async fn an_import_invites_new_people_keeps_members_and_reports_bad_rows() {
    let app = spawn_app().await;
    organizer(&app, "canada@reseau.test", Role::Organizer, &["canada"]).await;
    join_member(
        &app,
        "Existing Member",
        "existing@example.org",
        "canada",
        false,
    )
    .await;
    let local = Browser::new(&app);
    local.sign_in("canada@reseau.test", PASSWORD).await;

    let form = local.get("/admin/members/import").await;
    assert_eq!(form.status, StatusCode::OK);
    let csrf = form.attr("input[name=csrf_token]", "value");
    let upload = |chapter: &'static str, source: &'static str| {
        reqwest::multipart::Form::new()
            .text("csrf_token", csrf.clone())
            .text("chapter", chapter)
            .text("consent_source", source)
            .part(
                "file",
                reqwest::multipart::Part::bytes(IMPORT_CSV.as_bytes().to_vec())
                    .file_name("members.csv"),
            )
    };
    // Another chapter's import is refused like a missing page.
    let other = local
        .client
        .post(app.url("/admin/members/import"))
        .header("Origin", &app.base)
        .multipart(upload("mexico", "sheet"))
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), StatusCode::NOT_FOUND);

    let response = local
        .client
        .post(app.url("/admin/members/import"))
        .header("Origin", &app.base)
        .header("Accept-Language", "en")
        .multipart(upload("canada", "sign-up sheet, Ottawa forum"))
        .send()
        .await
        .unwrap();
    let report = Page::read(response).await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.body);
    let counts = report.texts("ul[role=status] li");
    assert_eq!(counts[0], "1 person invited to confirm");
    assert_eq!(
        counts[1],
        "1 already a member of this chapter (what they chose is kept; only empty details filled)"
    );
    assert_eq!(counts[4], "3 rows refused");
    let lines = report.texts("ul.rejected li");
    assert_eq!(lines[0], "Line 4: the email address is not valid");
    assert_eq!(
        lines[1],
        "Line 5: the region is not one of the chapter’s country"
    );
    assert!(
        lines[2].starts_with("Line 6:") && lines[2].contains("language"),
        "{lines:?}"
    );

    // The new person is pending with the source recorded, and asked to confirm in French.
    let new = &app.rows("SELECT status, join_source, language FROM members WHERE email = 'new.person@example.org'").await[0];
    assert_eq!(new["status"], "pending");
    assert_eq!(new["join_source"], "import: sign-up sheet, Ottawa forum");
    app.deliver_mail().await;
    let mail = app.sink.only_mail_to("new.person@example.org");
    assert_eq!(mail.subject, "Confirmez votre adhésion au réseau");
    // The existing member was not duplicated nor renamed, and got no mail about it.
    assert_eq!(
        app.count("SELECT COUNT(*) FROM members WHERE email = 'existing@example.org'")
            .await,
        1
    );
    assert_eq!(
        app.rows("SELECT full_name FROM members WHERE email = 'existing@example.org'")
            .await[0]["full_name"],
        "Existing Member"
    );
    assert_eq!(
        app.sink.mails_to("existing@example.org").len(),
        2,
        "confirmation and welcome only"
    );
    // No consent was invented: the new person has none until they confirm.
    assert_eq!(app.count("SELECT COUNT(*) FROM consents c JOIN members m ON m.id = c.member_id WHERE m.email = 'new.person@example.org'").await, 0);
    let confirmed = app.press_button(&mail.link("/fr/confirm/")).await;
    assert_eq!(confirmed.location(), "/fr/join/confirmed");
    let consent = &app.rows("SELECT c.source, c.wording_version FROM consents c JOIN members m ON m.id = c.member_id WHERE m.email = 'new.person@example.org'").await[0];
    assert_eq!(consent["source"], "import: sign-up sheet, Ottawa forum");
    assert_eq!(consent["wording_version"], "import");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'members-imported'")
            .await,
        1
    );
    app.deliver_mail().await;
    assert_eq!(
        app.sink
            .mails_to("new.person@example.org")
            .pop()
            .unwrap()
            .subject,
        "Bienvenue au Réseau nord-américain pour l’équité et la justice raciale"
    );
}

#[tokio::test]
async fn the_command_line_creates_organizers_and_imports_members() {
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}", dir.path().join("cli.db").display());
    let csv = dir.path().join("members.csv");
    std::fs::write(&csv, IMPORT_CSV).unwrap();
    let run = |args: &[&str], password: Option<&str>| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_reseau"));
        command
            .args(args)
            .env("RESEAU_DATABASE_URL", &database)
            .env("RESEAU_ADMIN__ARGON2_MEMORY_KIB", "64")
            .env("RESEAU_ADMIN__ARGON2_ITERATIONS", "1")
            .env("RESEAU_LOG", "warn");
        if let Some(password) = password {
            command.env("RESEAU_ORGANIZER_PASSWORD", password);
        }
        command.output().unwrap()
    };
    let created = run(
        &[
            "organizer",
            "create",
            "--email",
            "cli@reseau.test",
            "--name",
            "Command Line",
            "--role",
            "admin",
        ],
        Some(PASSWORD),
    );
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    assert!(String::from_utf8_lossy(&created.stdout).contains("Created cli@reseau.test (admin)"));
    let weak = run(
        &[
            "organizer",
            "create",
            "--email",
            "weak@reseau.test",
            "--name",
            "Weak",
            "--role",
            "admin",
        ],
        Some("password1234"),
    );
    assert!(!weak.status.success());
    assert!(String::from_utf8_lossy(&weak.stderr).contains("password"));

    let imported = run(
        &[
            "members",
            "import",
            csv.to_str().unwrap(),
            "--chapter",
            "canada",
            "--consent-source",
            "paper sheet",
        ],
        None,
    );
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    let stdout = String::from_utf8_lossy(&imported.stdout);
    assert!(
        stdout.contains("Invited to confirm: 2") && stdout.contains("Rows refused: 3"),
        "{stdout}"
    );
    assert!(String::from_utf8_lossy(&imported.stderr).contains("line 4: refused (email)"));
    let bad_key = run(
        &[
            "members",
            "import",
            csv.to_str().unwrap(),
            "--chapter",
            "atlantis",
            "--consent-source",
            "x",
        ],
        None,
    );
    assert!(String::from_utf8_lossy(&bad_key.stderr).contains("--chapter"));
}

#[tokio::test]
async fn an_admin_can_require_two_step_sign_in_of_every_organizer() {
    let app = spawn_app().await;
    organizer(&app, "admin@reseau.test", Role::Admin, &[]).await;
    organizer(&app, "local@reseau.test", Role::Organizer, &["canada"]).await;
    let local = Browser::new(&app);
    local.sign_in("local@reseau.test", PASSWORD).await;
    assert_eq!(
        local.get("/admin").await.status,
        StatusCode::OK,
        "not required of organizers by default"
    );

    let admin = Browser::new(&app);
    admin.sign_in("admin@reseau.test", PASSWORD).await;
    admin.step_up("admin@reseau.test").await;
    let page = admin.get("/admin/organizers").await;
    assert!(page.text("#two-factor + p").contains("Only administrators"));
    let set = admin
        .submit(
            "/admin/organizers",
            "/admin/two-factor/policy",
            &[("all", "yes")],
        )
        .await;
    assert_eq!(set.location(), "/admin/organizers");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'two-factor-policy'")
            .await,
        1
    );

    // The organizer's next request goes to enrolment, and nowhere else until done.
    assert_eq!(local.get("/admin").await.location(), "/admin/two-factor");
    assert_eq!(
        local.get("/admin/members.csv").await.location(),
        "/admin/two-factor"
    );
    // A chapter organizer cannot change the policy.
    assert_eq!(
        admin
            .submit(
                "/admin/organizers",
                "/admin/two-factor/policy",
                &[("all", "no")]
            )
            .await
            .location(),
        "/admin/organizers"
    );
    let forbidden = local
        .post("/admin/two-factor/policy", &[("all", "no")])
        .await;
    assert!(forbidden.status.is_client_error() || forbidden.status == StatusCode::SEE_OTHER);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'two-factor-policy'")
            .await,
        2
    );
}

#[tokio::test]
async fn an_admin_creates_and_edits_a_chapter_that_then_welcomes_members() {
    let app = spawn_app().await;
    organizer(&app, "admin@reseau.test", Role::Admin, &[]).await;
    let admin = Browser::new(&app);
    admin.sign_in("admin@reseau.test", PASSWORD).await;

    let missing_french = admin
        .submit(
            "/admin/chapters/new",
            "/admin/chapters/new",
            &[
                ("slug", "brazil"),
                ("country", "BR"),
                ("name_en", "Brazil"),
                ("name_fr", ""),
                ("description_en", "Partners in Brazil."),
                ("description_fr", ""),
            ],
        )
        .await;
    assert_eq!(missing_french.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        missing_french.attrs(".error-summary a", "href"),
        ["#field-name_fr", "#field-description_fr"]
    );
    assert_eq!(
        missing_french.attr("#field-name_en", "value"),
        "Brazil",
        "what was typed stays"
    );
    let taken = admin
        .submit(
            "/admin/chapters/new",
            "/admin/chapters/new",
            &[
                ("slug", "canada"),
                ("country", "CA"),
                ("name_en", "X"),
                ("name_fr", "X"),
                ("description_en", "X"),
                ("description_fr", "X"),
            ],
        )
        .await;
    assert_eq!(
        taken.text("#slug-error"),
        "Another chapter already uses this short name."
    );

    let created = admin
        .submit(
            "/admin/chapters/new",
            "/admin/chapters/new",
            &[
                ("slug", "brazil"),
                ("country", "BR"),
                ("name_en", "Brazil"),
                ("name_fr", "Brésil"),
                ("name_es", ""),
                (
                    "description_en",
                    "Partners of the Canada–Brazil Partnership.",
                ),
                (
                    "description_fr",
                    "Partenaires du partenariat Canada-Brésil.",
                ),
            ],
        )
        .await;
    assert_eq!(created.location(), "/admin/chapters?saved=1");
    // Public pages show it, Spanish falling back to English.
    assert!(
        app.get("/fr/")
            .await
            .texts(".card h3")
            .contains(&"Brésil".to_owned())
    );
    assert!(
        app.get("/es/join")
            .await
            .texts("#field-chapter option")
            .contains(&"Brazil".to_owned())
    );
    let id = app
        .count("SELECT id FROM chapters WHERE slug = 'brazil'")
        .await;
    let edit = format!("/admin/chapters/{id}");
    let renamed = admin
        .submit(
            &edit,
            &edit,
            &[
                ("slug", "brazil"),
                ("country", "BR"),
                ("name_en", "Brazil"),
                ("name_fr", "Brésil"),
                ("name_es", "Brasil"),
                ("description_en", "d"),
                ("description_fr", "d"),
                ("description_es", "d"),
            ],
        )
        .await;
    assert_eq!(renamed.location(), "/admin/chapters?saved=1");
    assert!(
        app.get("/es/")
            .await
            .texts(".card h3")
            .contains(&"Brasil".to_owned())
    );
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM audit_log WHERE action IN ('chapter-created', 'chapter-updated')"
        )
        .await,
        2
    );
    assert_eq!(
        admin.get("/admin/chapters/999999").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn an_organizer_runs_an_event_from_draft_to_check_in_and_cancellation() {
    let app = spawn_app().await;
    organizer(&app, "canada@reseau.test", Role::Organizer, &["canada"]).await;
    organizer(&app, "mexico@reseau.test", Role::Organizer, &["mexico"]).await;
    let local = Browser::new(&app);
    local.sign_in("canada@reseau.test", PASSWORD).await;

    let mut fields = vec![
        ("chapter", "canada"),
        ("slug", "cultural-evening"),
        ("title_en", "Cultural evening"),
        ("title_fr", ""),
        ("description_en", "Music."),
        ("description_fr", "Musique."),
        ("format", "in-person"),
        ("venue", "Hall"),
        ("address", "1 Main St"),
        ("online_link", ""),
        ("time_zone", "America/Toronto"),
        ("starts", "2030-06-01T19:00"),
        ("ends", "2030-06-01T18:00"),
        ("capacity", "100"),
        ("waitlist", "yes"),
    ];
    // Another chapter's slug is refused like a missing page; a bad form comes back with messages.
    let bad = local
        .submit("/admin/events/new", "/admin/events/new", &fields)
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        bad.text("#ends-error"),
        "The event must end after it starts."
    );
    fields[12] = ("ends", "2030-06-01T22:00");
    let created = local
        .submit("/admin/events/new", "/admin/events/new", &fields)
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let event_page = created.location();
    let id = app.count("SELECT id FROM events").await;
    assert_eq!(event_page, format!("/admin/events/{id}?saved=1"));
    let starts: String = app.rows("SELECT starts_at FROM events").await[0]["starts_at"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        starts.contains("23:00"),
        "19:00 in Toronto is 23:00 UTC in June: {starts}"
    );
    // A draft is not public; publishing needs French too.
    assert_eq!(
        app.get("/en/events/cultural-evening").await.status,
        StatusCode::NOT_FOUND
    );
    let path = format!("/admin/events/{id}");
    let refused = local.submit(&path, &format!("{path}/publish"), &[]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    fields[3] = ("title_fr", "Soirée culturelle");
    local
        .submit(&format!("{path}/edit"), &format!("{path}/edit"), &fields)
        .await;
    let published = local.submit(&path, &format!("{path}/publish"), &[]).await;
    assert_eq!(published.location(), format!("{path}?published=1"));
    assert_eq!(
        app.get("/en/events/cultural-evening").await.status,
        StatusCode::OK
    );

    // The other chapter's organizer cannot see it.
    let other = Browser::new(&app);
    other.sign_in("mexico@reseau.test", PASSWORD).await;
    assert_eq!(other.get(&path).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        other.get(&format!("{path}/registrations.csv")).await.status,
        StatusCode::NOT_FOUND
    );

    // Someone registers with an accommodation; the organizer sees it and checks them in.
    let form = app.get("/en/events/cultural-evening").await;
    let mut register: Vec<(String, String)> = form.hidden_fields();
    for (k, v) in [
        ("full_name", "Guest Person"),
        ("email", "guest@example.org"),
        ("sign_language", "asl"),
    ] {
        register.push((k.into(), v.into()));
    }
    let pairs: Vec<(&str, &str)> = register
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.post_form("/en/events/cultural-evening/register", &pairs)
        .await;
    app.deliver_mail().await;
    let link = app
        .sink
        .mails_to("guest@example.org")
        .pop()
        .unwrap()
        .link("/registrations/");
    app.press_button(&link).await;
    let page = local.get(&path).await;
    assert!(page.text("[role=status]").starts_with("1 confirmed,"));
    assert!(
        page.text("tbody")
            .contains("Sign-language interpretation: American Sign Language (ASL)"),
        "accommodations visible to the chapter's organizers, in words"
    );
    let registration = app.count("SELECT id FROM registrations").await;
    let checked = local
        .submit(
            &path,
            &format!("{path}/registrations/{registration}/check-in"),
            &[],
        )
        .await;
    assert_eq!(checked.location(), path);
    assert!(
        local
            .get(&path)
            .await
            .text("[role=status]")
            .contains("1 person checked in")
    );
    local
        .submit(
            &path,
            &format!("{path}/registrations/{registration}/undo"),
            &[],
        )
        .await;
    assert!(
        local
            .get(&path)
            .await
            .text("[role=status]")
            .contains("0 people checked in")
    );
    let csv = local.get(&format!("{path}/registrations.csv")).await;
    assert!(csv.body.contains("guest@example.org") && csv.body.contains("confirmed"));
    // One column per need, named and filled in words, never the stored JSON.
    let mut rows = csv::Reader::from_reader(csv.body.trim_start_matches('\u{feff}').as_bytes());
    let headers = rows.headers().unwrap().clone();
    let column = headers
        .iter()
        .position(|h| h == "Sign-language interpretation")
        .expect("a column for sign language");
    assert!(headers.iter().any(|h| h == "Dietary needs"), "{headers:?}");
    let row = rows.records().next().unwrap().unwrap();
    assert_eq!(&row[column], "American Sign Language (ASL)");
    assert!(!csv.body.contains("sign_language"), "{}", csv.body);

    // Searching the registrations, and writing to everyone with a seat.
    assert_eq!(
        local
            .get(&format!("{path}?q=guest"))
            .await
            .texts("tbody tr")
            .len(),
        1
    );
    assert_eq!(
        local
            .get(&format!("{path}?q=nobody"))
            .await
            .texts("tbody tr")
            .len(),
        0
    );
    // A subject is one header line: a line break is refused with a message, not dropped.
    let injected = local
        .submit(
            &path,
            &format!("{path}/message"),
            &[
                ("audience", "confirmed"),
                ("subject", "Doors open at 18:30\r\nBcc: x@evil.example"),
                ("body", "Bring a friend.\n\nSee you there."),
            ],
        )
        .await;
    assert_eq!(injected.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        injected.text("#subject-error"),
        "Write the subject on one line."
    );
    let sent = local
        .submit(
            &path,
            &format!("{path}/message"),
            &[
                ("audience", "confirmed"),
                ("subject", "Doors open at 18:30"),
                ("body", "Bring a friend.\n\nSee you there."),
            ],
        )
        .await;
    assert_eq!(sent.location(), format!("{path}?sent=1"));
    app.deliver_mail().await;
    let note = app
        .sink
        .mails_to("guest@example.org")
        .into_iter()
        .find(|m| m.subject.starts_with("Doors open"))
        .expect("the message");
    assert!(note.text.contains("See you there."));
    assert!(
        !note.subject.contains('\n') && app.sink.mails_to("x@evil.example").is_empty(),
        "no header injection"
    );
    let empty = local
        .submit(
            &path,
            &format!("{path}/message"),
            &[("audience", "confirmed"), ("subject", ""), ("body", "")],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Moving the event tells the registrant the new time.
    let mut moved = fields.clone();
    moved[11] = ("starts", "2030-06-02T19:00");
    moved[12] = ("ends", "2030-06-02T22:00");
    let edited = local
        .submit(&format!("{path}/edit"), &format!("{path}/edit"), &moved)
        .await;
    assert_eq!(edited.status, StatusCode::SEE_OTHER, "{}", edited.body);
    app.deliver_mail().await;
    let changed = app
        .sink
        .mails_to("guest@example.org")
        .into_iter()
        .find(|m| m.subject == "Changed: Cultural evening")
        .expect("a change notice");
    assert!(
        changed
            .text
            .contains("Sunday, June 2, 2030, 7:00\u{202f}p.m. to 10:00\u{202f}p.m."),
        "{}",
        changed.text
    );

    // Cancelling the event tells the registrant.
    local.submit(&path, &format!("{path}/cancel"), &[]).await;
    app.deliver_mail().await;
    // Mail goes out concurrently: look for the message rather than at the last one.
    let subjects: Vec<String> = app
        .sink
        .mails_to("guest@example.org")
        .into_iter()
        .map(|m| m.subject)
        .collect();
    assert!(
        subjects
            .iter()
            .any(|s| s == "Event cancelled: Cultural evening"),
        "{subjects:?}"
    );
    let actions: Vec<String> = app
        .rows("SELECT action FROM audit_log ORDER BY id")
        .await
        .iter()
        .map(|r| r["action"].as_str().unwrap().to_owned())
        .collect();
    for expected in [
        "event-created",
        "event-updated",
        "event-published",
        "registration-check-in",
        "registration-undo",
        "registrations-exported",
        "event-cancelled",
    ] {
        assert!(
            actions.iter().any(|a| a == expected),
            "{expected} missing from {actions:?}"
        );
    }
}

#[tokio::test]
async fn the_register_and_event_forms_announce_only_what_the_server_requires() {
    let app = spawn_app().await;
    crate::events::publish(&app, "open-evening", Some(10), false).await;
    let register = app.get("/en/events/open-evening").await;
    assert_eq!(
        register.attrs("input[required]", "name"),
        ["full_name", "email"],
        "dietary needs and the other needs are optional"
    );
    assert_eq!(register.texts("label .required").len(), 2);

    organizer(&app, "canada@reseau.test", Role::Organizer, &["canada"]).await;
    let local = Browser::new(&app);
    local.sign_in("canada@reseau.test", PASSWORD).await;
    // A draft needs its English and French texts only to be published: they are not marked.
    let form = local.get("/admin/events/new").await;
    assert_eq!(
        form.attrs("[required]", "name"),
        ["slug", "time_zone", "starts", "ends"],
        "texts, venue, address, online link, capacity, opens and closes are optional"
    );
    assert_eq!(form.texts("label .required").len(), 4);
    let legends = form.texts("fieldset.language-texts legend");
    assert_eq!(legends.len(), 4, "one fieldset per language: {legends:?}");
    for (legend, name) in legends
        .iter()
        .zip(["English", "French", "Spanish", "Portuguese"])
    {
        assert!(legend.starts_with(name), "{legends:?}");
        let optional = ["Spanish", "Portuguese"].contains(&name);
        assert_eq!(legend.contains("optional"), optional, "{legends:?}");
    }
    // A published event keeps them: then they are required.
    let id = app
        .rows("SELECT id FROM events WHERE slug = 'open-evening'")
        .await[0]["id"]
        .as_i64()
        .unwrap();
    let form = local.get(&format!("/admin/events/{id}/edit")).await;
    assert_eq!(
        form.attrs("[required]", "name"),
        [
            "slug",
            "title_en",
            "description_en",
            "title_fr",
            "description_fr",
            "time_zone",
            "starts",
            "ends"
        ]
    );
    assert_eq!(form.texts("label .required").len(), 8);
}

#[tokio::test]
async fn the_members_search_folds_case_and_accents_and_links_the_import() {
    let app = spawn_app().await;
    join_member(&app, "Émilie Dupont", "emilie@example.org", "canada", false).await;
    join_member(&app, "José Núñez", "jose@example.org", "canada", false).await;
    join_member(&app, "Ana Lopez", "ana@example.org", "canada", false).await;
    organizer(&app, "admin@reseau.test", Role::Admin, &[]).await;
    let admin = Browser::new(&app);
    admin.sign_in("admin@reseau.test", PASSWORD).await;
    for (query, name) in [
        ("%C3%89milie", "Émilie Dupont"),
        ("emilie", "Émilie Dupont"),
        ("%C3%B1%C3%BA%C3%B1ez", "José Núñez"),
        ("NUNEZ", "José Núñez"),
    ] {
        let page = admin.get(&format!("/admin/members?q={query}")).await;
        assert_eq!(page.texts("tbody td a"), [name], "{query}");
    }
    let members = admin.get("/admin/members").await;
    assert_eq!(
        members.attr("a[href='/admin/members/import']", "href"),
        "/admin/members/import"
    );
}

#[tokio::test]
async fn the_audit_log_pages_newest_first_a_hundred_at_a_time() {
    let app = spawn_app().await;
    organizer(&app, "admin@reseau.test", Role::Admin, &[]).await;
    for n in 0..150 {
        domain::audit::record(
            app.db.writer(),
            domain::audit::Action {
                organizer_id: None,
                action: "member-corrected",
                target_type: "member",
                target_id: Some(n),
                details: serde_json::json!({}),
            },
            chrono::Utc::now(),
        )
        .await
        .unwrap();
    }
    let admin = Browser::new(&app);
    admin.sign_in("admin@reseau.test", PASSWORD).await;
    let first = admin.get("/admin/audit?action=member-corrected").await;
    let targets = first.texts("tbody tr td:nth-child(4)");
    assert_eq!(targets.len(), 100);
    assert_eq!(targets[0], "Member #149", "newest first");
    assert_eq!(first.text("nav.pager span"), "Page 1 of 2");
    let next = first.attr("nav.pager a", "href");
    assert_eq!(
        next,
        "/admin/audit?organizer=&action=member-corrected&page=2"
    );
    let second = admin.get(&next).await;
    let targets = second.texts("tbody tr td:nth-child(4)");
    assert_eq!(targets.len(), 50);
    assert_eq!(targets[49], "Member #0");
    assert_eq!(second.texts("nav.pager a"), ["Previous page"]);
}

/// The members list at a size where page numbers stop helping: 1,001 members written straight
/// into the table (as an old import could have), paged by id both ways, counted exactly by
/// the counts the database keeps, and a search matching more than a thousand says so.
#[tokio::test]
async fn the_members_list_pages_by_id_and_counts_what_it_can() {
    let app = spawn_app().await;
    organizer(&app, "admin@reseau.test", Role::Admin, &[]).await;
    let (now, newline) = match app.db.writer().get_database_backend() {
        sea_orm::DbBackend::Postgres => ("now()", "chr(10)"),
        _ => ("strftime('%Y-%m-%dT%H:%M:%fZ', 'now')", "char(10)"),
    };
    app.execute(&format!(
        "INSERT INTO members (email, full_name, language, chapter_id, interests, status, \
         newsletter_requested, join_wording_version, join_source, join_language, created_at, \
         updated_at, confirmed_at, search_text) \
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1001) \
         SELECT 'member' || i || '@example.org', 'Member ' || i, 'en', 1, '', 'active', false, \
         'v1', 'import', 'en', {now}, {now}, {now}, \
         'member ' || i || {newline} || 'member' || i || '@example.org' FROM n"
    ))
    .await;
    let admin = Browser::new(&app);
    admin.sign_in("admin@reseau.test", PASSWORD).await;

    let first = admin.get("/admin/members").await;
    assert_eq!(first.text("[role=status]"), "1001 members");
    let names = |page: &Page| page.texts("tbody td:first-child");
    let newest: Vec<String> = (952..=1001).rev().map(|i| format!("Member {i}")).collect();
    assert_eq!(names(&first), newest);
    assert!(
        first.texts("a[rel=prev]").is_empty(),
        "no page before the first"
    );

    // Next, next: each page the fifty after the last one shown.
    let second = admin.get(&first.attr("a[rel=next]", "href")).await;
    let expected: Vec<String> = (902..=951).rev().map(|i| format!("Member {i}")).collect();
    assert_eq!(names(&second), expected);
    assert_eq!(second.text("[role=status]"), "1001 members");
    let third = admin.get(&second.attr("a[rel=next]", "href")).await;
    assert_eq!(names(&third)[0], "Member 901");
    // And back: the previous page is the one we came from.
    let back = admin.get(&third.attr("a[rel=prev]", "href")).await;
    assert_eq!(names(&back), expected);

    // The last page: the oldest, and nothing after it.
    let last_href = first
        .attrs("nav.pager a", "href")
        .into_iter()
        .find(|href| href.ends_with("&after=0"))
        .expect("a link to the oldest members");
    let last = admin.get(&last_href).await;
    let oldest: Vec<String> = (1..=50).rev().map(|i| format!("Member {i}")).collect();
    assert_eq!(names(&last), oldest);
    assert!(
        last.texts("a[rel=next]").is_empty(),
        "no page after the last"
    );

    // A filter keeps its terms across pages.
    let searched = admin.get("/admin/members?q=member1").await;
    // member1, member10–19, member100–199, member1000, member1001.
    assert_eq!(searched.text("[role=status]"), "113 members");
    let next = searched.attr("a[rel=next]", "href");
    assert!(next.contains("q=member1"), "{next}");
    assert_eq!(admin.get(&next).await.texts("tbody tr").len(), 50);

    // Past a thousand matches, a search says "more than" rather than counting them all.
    let broad = admin.get("/admin/members?q=%40example.org").await;
    assert_eq!(
        broad.text("[role=status]"),
        "More than 1000 members match: narrow the search, or export them all."
    );
    assert_eq!(broad.texts("tbody tr").len(), 50);

    // A cursor that is not a number, or two at once, is a bad request, not an error page.
    assert_eq!(
        admin.get("/admin/members?before=x").await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        admin.get("/admin/members?before=5&after=3").await.status,
        StatusCode::BAD_REQUEST
    );
}
