//! The whole journey, once per language: a member lists themself, an organizer of their
//! chapter approves (another chapter's organizer cannot even see the profile), a visitor
//! finds them by area and language, writes once with "you may reply" (the address confirmed
//! from its link) and once without (straight through, from the same browser), the expert
//! reads both (Reply-To only on the first), reports the second (its sender blocked, the
//! organizers told), and withdraws. The expert's address is in nothing anyone else was shown.

use domain::organizers::Role;
use reqwest::StatusCode;

use super::{
    Inbox, Listing, ROOMY, Visitor, assert_nowhere, decide, member_signed_in, profile_of, readable,
    send_listing, staff_page, t,
};
use crate::{
    helpers::{TestApp, spawn_app_with},
    staff::{Browser, PASSWORD, organizer},
};

struct Case {
    lang: &'static str,
    email: &'static str,
    chapter: &'static str,
    listing: Listing,
    /// What a visitor types in the search box to find them (case and accents aside).
    search: &'static str,
    sender: (&'static str, &'static str),
}

#[tokio::test]
async fn experts_are_listed_found_written_to_reported_and_withdrawn_in_three_languages() {
    let app = spawn_app_with(&ROOMY).await;
    organizer(&app, "org-canada@reseau.test", Role::Organizer, &["canada"]).await;
    organizer(&app, "org-mexico@reseau.test", Role::Organizer, &["mexico"]).await;
    let canada = Browser::new(&app);
    canada.sign_in("org-canada@reseau.test", PASSWORD).await;
    let mexico = Browser::new(&app);
    mexico.sign_in("org-mexico@reseau.test", PASSWORD).await;

    let cases = [
        Case {
            lang: "fr",
            email: "amelie.tremblay@example.org",
            chapter: "canada",
            listing: Listing {
                name: "Amélie Tremblay",
                areas: vec!["health-equity", "arts-culture"],
                languages: vec!["fr", "en", "fcs"],
                country: "CA",
                organisation: "Clinique communautaire de Montréal-Nord",
                role: "Directrice",
                bio: vec![
                    ("fr", "Médecin de famille, elle étudie l’accès aux soins."),
                    ("en", "A family doctor who studies access to care."),
                ],
                lived: "",
                lived_language: "fr",
                members_only: vec![],
            },
            search: "AMELIE",
            sender: ("Jean Dupont", "jean.dupont@example.org"),
        },
        Case {
            lang: "es",
            email: "benito.garcia@example.org",
            chapter: "mexico",
            listing: Listing {
                name: "Benito García Núñez",
                areas: vec!["justice-reform"],
                languages: vec!["es", "nah"],
                country: "MX",
                organisation: "",
                role: "",
                bio: vec![("es", "Abogado de derechos humanos en Oaxaca.")],
                lived: "Comunidad nahua de la Huasteca.",
                lived_language: "es",
                members_only: vec!["lived"],
            },
            search: "nunez",
            sender: ("Lucía Pérez", "lucia.perez@example.org"),
        },
        Case {
            lang: "pt",
            email: "joana.silva@example.org",
            chapter: "canada",
            listing: Listing {
                name: "Joana Silva",
                areas: vec!["education", "voting-rights"],
                languages: vec!["pt", "bzs"],
                country: "BR",
                organisation: "Instituto Equidade",
                role: "Pesquisadora",
                // No Portuguese text: Portuguese readers get the others, marked.
                bio: vec![
                    ("en", "Researcher in inclusive education."),
                    ("es", "Investigadora en educación inclusiva."),
                ],
                lived: "",
                lived_language: "pt",
                members_only: vec![],
            },
            search: "equidade",
            sender: ("Marcos Souza", "marcos.souza@example.org"),
        },
    ];
    for case in &cases {
        let (own, other) = if case.chapter == "mexico" {
            (&mexico, &canada)
        } else {
            (&canada, &mexico)
        };
        journey(&app, case, own, other).await;
    }
}

async fn journey(app: &TestApp, c: &Case, own: &Browser<'_>, other: &Browser<'_>) {
    let l = c.lang;
    let mut staff_seen: Vec<String> = Vec::new();
    member_signed_in(app, l, c.listing.name, c.email, c.chapter).await;
    let (sender_name, sender) = c.sender;
    let org_email = if c.chapter == "mexico" {
        "org-mexico@reseau.test"
    } else {
        "org-canada@reseau.test"
    };
    let mut expert_inbox = Inbox::after(app, c.email);
    let mut sender_inbox = Inbox::after(app, sender);
    let mut organizer_inbox = Inbox::after(app, org_email);

    // The account page leads to the listing form, which knows the member's name.
    let account = app.get(&format!("/{l}/account")).await;
    assert!(
        account.has(&format!("a[href='/{l}/account/expert']")),
        "{}",
        account.body
    );
    let form = app.get(&format!("/{l}/account/expert")).await;
    assert_eq!(form.text("h1"), t(l, "expert-join-title"));
    assert_eq!(form.attr("#field-display_name", "value"), c.listing.name);
    assert!(
        !form.has("#field-directory[checked]"),
        "consent is never ticked in advance"
    );

    // Without the consent box, nothing is listed and the form says why.
    let refused = send_listing(app, l, &c.listing.fields(false)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.text("#directory-error"),
        t(l, "expert-error-consent")
    );
    assert_eq!(refused.attr("#field-display_name", "value"), c.listing.name);
    assert_eq!(app.count("SELECT COUNT(*) FROM expert_profiles").await, 0);

    let listed = send_listing(app, l, &c.listing.fields(true)).await;
    assert_eq!(
        listed.location(),
        format!("/{l}/account/expert?saved=listed")
    );
    let (id, slug) = profile_of(app, c.email).await;
    let consent = app
        .rows(&format!(
            "SELECT c.granted, c.wording_version, c.language, c.source FROM consents c \
             JOIN members m ON m.id = c.member_id \
             WHERE m.email = '{}' AND c.purpose = 'directory'",
            c.email
        ))
        .await;
    assert_eq!(consent.len(), 1);
    assert_eq!(consent[0]["wording_version"], "directory-2026-12-06");
    assert_eq!(consent[0]["language"], l);
    assert_eq!(consent[0]["source"], "expert-profile");
    let standing = app.get(&format!("/{l}/account/expert")).await;
    assert!(standing.body.contains(&t(l, "expert-standing-pending")));

    // Not listed before an organizer of the member's chapter approves.
    let mut visitor = Visitor::new(app);
    let profile_path = format!("/{l}/experts/{slug}");
    assert_eq!(
        visitor.get(&profile_path).await.status,
        StatusCode::NOT_FOUND
    );
    let directory = visitor.get(&format!("/{l}/experts")).await;
    assert!(!directory.body.contains(c.listing.name));
    // Another chapter's organizer: no queue entry, and the profile is a 404.
    assert!(
        !staff_page(other, &mut staff_seen, "/admin/experts")
            .await
            .body
            .contains(c.listing.name)
    );
    let outside = staff_page(other, &mut staff_seen, &format!("/admin/experts/{id}")).await;
    assert_eq!(outside.status, StatusCode::NOT_FOUND);
    assert_eq!(
        other
            .post(
                &format!("/admin/experts/{id}/review"),
                &[("decision", "approve")]
            )
            .await
            .status,
        StatusCode::FORBIDDEN,
        "no CSRF token, no decision"
    );

    // The organizer's dashboard shows the queue; they approve.
    let dashboard = staff_page(own, &mut staff_seen, "/admin").await;
    assert!(dashboard.has("#experts-queue"), "{}", dashboard.body);
    assert!(
        dashboard
            .text("section[aria-labelledby=experts-queue] p")
            .contains('1')
    );
    let queue = staff_page(own, &mut staff_seen, "/admin/experts").await;
    assert!(queue.has(&format!("a[href='/admin/experts/{id}']")));
    let approved = decide(own, &mut staff_seen, id, "approve", "").await;
    assert_eq!(
        approved.location(),
        format!("/admin/experts/{id}?decided=1")
    );
    let audit = app
        .rows(&format!(
            "SELECT action, details FROM audit_log WHERE target_type = 'expert_profile' \
             AND target_id = {id}"
        ))
        .await;
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0]["action"], "expert-approved");
    app.deliver_mail().await;
    let told = expert_inbox.one(app);
    assert_eq!(told.subject, t(l, "mail-expert-approved-subject"));
    assert_eq!(told.link(&format!("/{l}/experts/")), app.url(&profile_path));

    // A visitor finds them by area and language spoken, and by words folded like a search.
    let area = c.listing.areas[0];
    let spoken = c.listing.languages[1];
    let found = visitor
        .get(&format!("/{l}/experts?area={area}&language={spoken}"))
        .await;
    assert_eq!(found.status, StatusCode::OK);
    assert_eq!(
        found.attrs(".card h2 a", "href"),
        std::slice::from_ref(&profile_path)
    );
    let elsewhere = ["voting-rights", "economic-inclusion"]
        .into_iter()
        .find(|a| !c.listing.areas.contains(a))
        .unwrap();
    let none = visitor.get(&format!("/{l}/experts?area={elsewhere}")).await;
    assert!(none.attrs(".card h2 a", "href").is_empty(), "{}", none.body);
    let by_words = visitor.get(&format!("/{l}/experts?q={}", c.search)).await;
    assert_eq!(
        by_words.attrs(".card h2 a", "href"),
        std::slice::from_ref(&profile_path)
    );

    let profile = visitor.get(&profile_path).await;
    assert_eq!(profile.text("h1"), c.listing.name);
    match c.listing.bio.iter().find(|(code, _)| *code == l) {
        Some((_, own_text)) => assert!(profile.text("#bio-title + p").contains(own_text)),
        None => {
            for (code, text) in &c.listing.bio {
                let tag = super::language(code).tag();
                assert!(profile.text(&format!("div[lang='{tag}']")).contains(text));
            }
        }
    }
    if c.listing.members_only.contains(&"lived") {
        assert!(!profile.body.contains(c.listing.lived), "kept to members");
        assert!(profile.body.contains(&t(l, "expert-members-only-parts")));
    }

    // The first message: the sender confirms their address from the emailed link.
    let first_text = format!(
        "Bonjour, {} — première question sur vos travaux.",
        c.listing.name
    );
    let asked = visitor
        .write(l, &slug, c.sender, "Une question", &first_text, true)
        .await;
    assert_eq!(asked.location(), format!("/{l}/experts/{slug}/check-email"));
    assert_eq!(visitor.get(&asked.location()).await.status, StatusCode::OK);
    app.deliver_mail().await;
    expert_inbox.none(app);
    let confirm = sender_inbox.one(app);
    assert_eq!(confirm.subject, t(l, "mail-expert-confirm-subject"));
    assert!(confirm.text.contains(c.listing.name));
    let link = confirm.link(&format!("/{l}/experts/messages/"));
    let sent = visitor.press(&link).await;
    assert_eq!(sent.location(), format!("/{l}/experts/{slug}/sent"));
    assert!(sent.header("set-cookie").contains("reseau_sender="));
    assert_eq!(
        visitor.get(&link).await.status,
        StatusCode::GONE,
        "a link works once"
    );
    app.deliver_mail().await;
    let first = expert_inbox.one(app);
    assert_eq!(first.subject, t(l, "mail-expert-message-subject"));
    assert!(first.text.contains(&first_text), "{}", first.text);
    assert!(first.text.contains("Une question"));
    assert!(first.text.contains(sender_name));
    assert_eq!(
        first.reply_to, sender,
        "they may reply: Reply-To is the sender"
    );

    // The second, from the same browser and without "you may reply": straight through, and
    // the sender's address is nowhere in it.
    let second_text = "Un second message, sans adresse pour répondre.";
    let straight = visitor
        .write(l, &slug, c.sender, "Encore moi", second_text, false)
        .await;
    assert_eq!(straight.location(), format!("/{l}/experts/{slug}/sent"));
    app.deliver_mail().await;
    sender_inbox.none(app);
    let second = expert_inbox.one(app);
    assert!(second.text.contains(second_text));
    assert_eq!(second.reply_to, "");
    assert!(!readable(&second).contains(sender), "{}", second.raw);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM expert_messages WHERE sender_email <> '' OR body <> ''")
            .await,
        0,
        "relayed messages keep no text and no address"
    );

    // The expert reports the second message: its sender is blocked, the organizers told.
    let blocked_before = app
        .count("SELECT COUNT(*) FROM expert_senders WHERE blocked_at IS NOT NULL")
        .await;
    let report = second.link(&format!("/{l}/experts/reports/"));
    let reported = visitor.press(&report).await;
    assert_eq!(reported.status, StatusCode::OK);
    assert_eq!(reported.text("h1"), t(l, "expert-reported-title"));
    app.deliver_mail().await;
    let alert = organizer_inbox.one(app);
    assert_eq!(alert.subject, t(l, "mail-expert-abuse-subject"));
    let alert_text = readable(&alert);
    assert!(!alert_text.contains(second_text) && !alert_text.contains(sender));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM expert_senders WHERE blocked_at IS NOT NULL")
            .await,
        blocked_before + 1,
        "the sender is blocked"
    );
    // A blocked sender is answered as before, and nothing goes.
    let third = visitor
        .write(l, &slug, c.sender, "Encore", "Un troisième message.", true)
        .await;
    assert_eq!(third.location(), format!("/{l}/experts/{slug}/sent"));
    let mut stranger = Visitor::new(app);
    let fourth = stranger
        .write(l, &slug, c.sender, "Encore", "Depuis ailleurs.", true)
        .await;
    assert_eq!(
        fourth.location(),
        format!("/{l}/experts/{slug}/check-email")
    );
    app.deliver_mail().await;
    expert_inbox.none(app);
    sender_inbox.none(app);

    // Organizers see counts and the report, never the text.
    let overview = staff_page(own, &mut staff_seen, "/admin/experts").await;
    let row = overview
        .texts("section[aria-labelledby=profiles-title] tbody tr")
        .into_iter()
        .find(|r| r.contains(c.listing.name))
        .unwrap();
    assert!(row.ends_with("2 2 1"), "recent, total, reported: {row}");
    assert!(
        overview
            .text("section[aria-labelledby=reports-title]")
            .contains(c.listing.name)
    );
    for text in [&first_text, second_text, "Une question", sender_name] {
        assert!(
            !overview.body.contains(text),
            "organizers never see a message: {text}"
        );
    }
    let review = staff_page(own, &mut staff_seen, &format!("/admin/experts/{id}")).await;
    assert!(!review.body.contains(second_text));

    // The expert withdraws: unlisted at once, deleted, the withdrawal in the ledger.
    let withdrawn = app
        .press_button(&app.url(&format!("/{l}/account/expert/withdraw")))
        .await;
    assert_eq!(
        withdrawn.location(),
        format!("/{l}/account/expert?saved=withdrawn")
    );
    assert_eq!(
        visitor.get(&profile_path).await.status,
        StatusCode::NOT_FOUND
    );
    let gone = visitor.get(&format!("/{l}/experts?area={area}")).await;
    assert!(!gone.body.contains(c.listing.name));
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM expert_profiles WHERE id = {id}"
        ))
        .await,
        0
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM expert_messages WHERE expert_id = {id}"
        ))
        .await,
        0
    );
    let ledger = app
        .rows(&format!(
            "SELECT c.granted FROM consents c JOIN members m ON m.id = c.member_id \
             WHERE m.email = '{}' AND c.purpose = 'directory' ORDER BY c.id",
            c.email
        ))
        .await;
    assert_eq!(ledger.len(), 2);
    assert_eq!(ledger[1]["granted"], false);
    assert_eq!(
        visitor.get(&report).await.status,
        StatusCode::NOT_FOUND,
        "the withdrawn listing's links open nothing"
    );

    // Nothing anyone else was shown or sent holds the expert's address.
    let api = visitor.get("/api/v1/events").await;
    assert_eq!(api.status, StatusCode::OK);
    let mut everything = visitor.seen.clone();
    everything.extend(stranger.seen);
    everything.extend(staff_seen);
    everything.extend([readable(&confirm), readable(&alert)]);
    assert_nowhere(c.email, &everything);
}
