//! The Digital Summit end to end, through HTTP: an organizer builds a two-day, two-track
//! summit in three languages in the back office; registrants choose sessions from their
//! registration pages (overlaps refused), a full session's line is served first come first
//! served; the agenda file parses and follows a moved session; a cancelled session leaves the
//! calendars; the reminder an hour before goes once, with the livestream link, to seats only;
//! and that link reaches no page nor email of anyone without a seat. The rush of 300 is in
//! `summit_rush`.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::America::Toronto;
use domain::organizers::Role;
use reqwest::StatusCode;

use crate::{
    events::{confirm, register},
    helpers::{Mail, Page, TestApp, spawn_app},
    staff::{Browser, PASSWORD, organizer},
};

pub(crate) const LIVESTREAM: &str = "https://stream.example.org/summit-opening";

/// One VEVENT of an agenda file.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub uid: String,
    pub sequence: i64,
    pub dtstart: String,
    pub status: String,
    pub description: String,
}

/// The VEVENTs of an agenda file, parsed with the `icalendar` crate like `calendars`' files.
pub(crate) fn agenda_entries(text: &str) -> Vec<Entry> {
    let unfolded = icalendar::parser::unfold(text);
    let calendar = icalendar::parser::read_calendar(&unfolded).unwrap();
    let method = calendar
        .properties
        .iter()
        .find(|p| p.name.as_str() == "METHOD")
        .map(|p| p.val.as_str().to_owned());
    assert_eq!(method.as_deref(), Some("PUBLISH"), "{text}");
    calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .map(|c| {
            let prop = |key: &str| {
                c.properties
                    .iter()
                    .find(|p| p.name.as_str() == key)
                    .map(|p| p.val.as_str().to_owned())
                    .unwrap_or_else(|| panic!("no {key} in {text}"))
            };
            Entry {
                uid: prop("UID"),
                sequence: prop("SEQUENCE").parse().unwrap(),
                dtstart: prop("DTSTART"),
                status: prop("STATUS"),
                description: prop("DESCRIPTION"),
            }
        })
        .collect()
}

/// The agenda attached to `mail`, its Content-Type saying the file's METHOD.
pub(crate) fn attached_agenda(mail: &Mail) -> Vec<Entry> {
    assert_eq!(mail.attachments.len(), 1, "{}: one file", mail.subject);
    let (name, text) = &mail.attachments[0];
    assert!(name.ends_with("-agenda.ics"), "{name}");
    assert!(
        mail.attachment_types[0]
            .to_ascii_lowercase()
            .contains("method=publish"),
        "{}",
        mail.attachment_types[0]
    );
    agenda_entries(text)
}

/// Whether any part of `mail` (bodies, attachments read unfolded, the raw message) carries
/// `link`.
pub(crate) fn carries(mail: &Mail, link: &str) -> bool {
    let unfolded = |t: &str| t.replace("\r\n ", "").replace("\n ", "");
    mail.raw.contains(link)
        || unfolded(&mail.raw).contains(link)
        || mail.text.contains(link)
        || mail.html.contains(link)
        || mail
            .attachments
            .iter()
            .any(|(_, t)| unfolded(t).contains(link))
}

/// `day` at `hh:mm` in Toronto, as a `datetime-local` field writes it.
fn local(day: NaiveDate, time: &str) -> String {
    format!("{}T{time}", day.format("%Y-%m-%d"))
}

fn at(day: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    Toronto
        .from_local_datetime(&day.and_hms_opt(h, m, 0).unwrap())
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

/// Presses the form on `page` whose action ends with `action_end`, with the page's CSRF token.
async fn press(app: &TestApp, page: &Page, action_end: &str) -> Page {
    let actions = page.attrs("form", "action");
    let action = actions
        .iter()
        .find(|a| a.ends_with(action_end))
        .unwrap_or_else(|| panic!("no form posting to …{action_end} in {}", page.body));
    let csrf = page.attr("input[name=csrf_token]", "value");
    app.post_form(action, &[("csrf_token", &csrf)]).await
}

/// The mails to `to` since the last look, counted on by `seen`.
fn since(app: &TestApp, to: &str, seen: &mut usize) -> Vec<Mail> {
    let all = app.sink.mails_to(to);
    let new = all[*seen..].to_vec();
    *seen = all.len();
    new
}

fn one_starting(mails: &[Mail], subject: &str) -> Mail {
    let found: Vec<&Mail> = mails
        .iter()
        .filter(|m| m.subject.starts_with(subject))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one {subject:?} in {:?}",
        mails.iter().map(|m| &m.subject).collect::<Vec<_>>()
    );
    found[0].clone()
}

#[allow(clippy::too_many_arguments)]
async fn add_session(
    local_browser: &Browser<'_>,
    event: i64,
    titles: [&str; 3],
    track: &str,
    format: &str,
    starts: &str,
    ends: &str,
    capacity: &str,
    speaks: &[&str],
    livestream: &str,
) -> i64 {
    let path = format!("/admin/events/{event}/sessions/new");
    let speaks: Vec<(String, &str)> = speaks
        .iter()
        .map(|code| (format!("speaks_{code}"), "yes"))
        .collect();
    let mut fields = vec![
        ("title_en", titles[0]),
        ("title_fr", titles[1]),
        ("title_es", titles[2]),
        ("description_en", "Talks and **questions**."),
        ("description_fr", "Des exposés et des **questions**."),
        ("description_es", "Ponencias y **preguntas**."),
        ("track", track),
        ("format", format),
        ("room", "Salle 2"),
        ("livestream_url", livestream),
        ("starts", starts),
        ("ends", ends),
        ("interpretation", "yes"),
        ("speakers", "Ana Ruiz\nJean Tremblay"),
        ("capacity", capacity),
    ];
    fields.extend(speaks.iter().map(|(k, v)| (k.as_str(), *v)));
    let answer = local_browser.submit(&path, &path, &fields).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let location = answer.location();
    location
        .trim_start_matches(&format!("/admin/events/{event}/sessions/"))
        .trim_end_matches("?saved=1")
        .parse()
        .unwrap()
}

#[tokio::test]
async fn an_organizer_builds_a_two_day_two_track_summit_and_agendas_follow_its_changes() {
    let app = spawn_app().await;
    organizer(&app, "mexico@reseau.test", Role::Organizer, &["canada"]).await;
    let staff = Browser::new(&app);
    staff.sign_in("mexico@reseau.test", PASSWORD).await;
    let day1 = (Utc::now() + Duration::days(20))
        .with_timezone(&Toronto)
        .date_naive();
    let day2 = day1.succ_opt().unwrap();
    let created = staff
        .submit(
            "/admin/events/new",
            "/admin/events/new",
            &[
                ("chapter", "canada"),
                ("slug", "digital-summit"),
                ("title_en", "Anti-Racism and Equity Digital Summit"),
                ("title_fr", "Sommet numérique sur l’antiracisme et l’équité"),
                (
                    "title_es",
                    "Cumbre Digital contra el Racismo y por la Equidad",
                ),
                ("description_en", "Two days, two tracks."),
                ("description_fr", "Deux jours, deux volets."),
                ("description_es", "Dos días, dos ejes."),
                ("format", "hybrid"),
                ("venue", "Centre des congrès"),
                ("address", "1001 Place Jean-Paul-Riopelle, Montréal"),
                ("online_link", "https://meet.example.org/summit-hall"),
                ("time_zone", "America/Toronto"),
                ("starts", &local(day1, "09:00")),
                ("ends", &local(day2, "18:00")),
                ("capacity", "500"),
                ("waitlist", "yes"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let event = app.count("SELECT id FROM events").await;
    let base = format!("/admin/events/{event}");
    staff.submit(&base, &format!("{base}/publish"), &[]).await;

    // Two days, two tracks, three languages.
    let opening = add_session(
        &staff,
        event,
        [
            "Opening plenary",
            "Plénière d’ouverture",
            "Plenaria de apertura",
        ],
        "Policy",
        "online",
        &local(day1, "10:00"),
        &local(day1, "11:00"),
        "1",
        &["en", "fr"],
        LIVESTREAM,
    )
    .await;
    let business = add_session(
        &staff,
        event,
        [
            "Business roundtable",
            "Table ronde des entreprises",
            "Mesa redonda empresarial",
        ],
        "Business",
        "in-person",
        &local(day1, "10:30"),
        &local(day1, "12:00"),
        "",
        &["es"],
        "",
    )
    .await;
    let workshop = add_session(
        &staff,
        event,
        [
            "Data workshop",
            "Atelier sur les données",
            "Taller de datos",
        ],
        "Policy",
        "hybrid",
        &local(day1, "14:00"),
        &local(day1, "15:00"),
        "",
        &["en"],
        "https://stream.example.org/summit-workshop",
    )
    .await;
    let closing = add_session(
        &staff,
        event,
        ["Closing", "Clôture", "Clausura"],
        "Business",
        "online",
        &local(day2, "16:00"),
        &local(day2, "17:00"),
        "",
        &["en", "fr", "es"],
        "https://stream.example.org/summit-closing",
    )
    .await;
    // A session outside the event's dates is refused on its field, in the organizer's words.
    let outside = staff
        .submit(
            &format!("{base}/sessions/new"),
            &format!("{base}/sessions/new"),
            &[
                ("title_en", "Late"),
                ("title_fr", "Tard"),
                ("format", "in-person"),
                ("starts", &local(day2, "19:00")),
                ("ends", &local(day2, "20:00")),
            ],
        )
        .await;
    assert_eq!(outside.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        outside.body.contains("within the event"),
        "{}",
        outside.body
    );
    // English and French titles are required.
    let untitled = staff
        .submit(
            &format!("{base}/sessions/new"),
            &format!("{base}/sessions/new"),
            &[
                ("title_en", "Only English"),
                ("format", "in-person"),
                ("starts", &local(day2, "09:00")),
                ("ends", &local(day2, "10:00")),
            ],
        )
        .await;
    assert_eq!(untitled.status, StatusCode::UNPROCESSABLE_ENTITY);

    // The back office lists it by day and track.
    let listed = staff.get(&format!("{base}/programme")).await;
    assert_eq!(listed.texts("h2").len(), 2, "{}", listed.body);
    assert!(listed.texts("h3").contains(&"Policy".to_owned()));

    // The public programme, by day and track, dates in words, in each language; filters.
    let en = app.get("/en/events/digital-summit/programme").await;
    assert_eq!(en.status, StatusCode::OK);
    let days = en.texts("section.day h2");
    assert_eq!(days.len(), 2, "{days:?}");
    assert!(days[0].contains(&day1.format("%Y").to_string()), "{days:?}");
    assert!(en.texts("h4").contains(&"Opening plenary".to_owned()));
    let fr = app.get("/fr/events/digital-summit/programme").await;
    assert!(fr.texts("h4").contains(&"Plénière d’ouverture".to_owned()));
    let es = app.get("/es/events/digital-summit/programme").await;
    assert!(es.texts("h4").contains(&"Clausura".to_owned()));
    let policy = app
        .get("/en/events/digital-summit/programme?track=Policy")
        .await;
    assert_eq!(policy.texts("article.session").len(), 2);
    let spanish = app
        .get("/en/events/digital-summit/programme?language=es")
        .await;
    let spanish_titles = spanish.texts("h4");
    assert_eq!(
        spanish_titles,
        vec!["Business roundtable".to_owned(), "Closing".to_owned()]
    );
    for page in [&en, &fr, &es, &policy, &spanish] {
        assert!(
            !page.body.contains(LIVESTREAM),
            "a livestream on a public page"
        );
    }
    assert!(
        app.get("/en/events/digital-summit")
            .await
            .has("a[href='/en/events/digital-summit/programme']")
    );

    // Two registrants, English and French.
    register(
        &app,
        "en",
        "digital-summit",
        "Ada Seat",
        "ada@example.org",
        &[],
    )
    .await;
    let ada = confirm(&app, "ada@example.org").await;
    register(
        &app,
        "fr",
        "digital-summit",
        "Bea Attente",
        "bea@example.org",
        &[],
    )
    .await;
    let bea = confirm(&app, "bea@example.org").await;
    app.deliver_mail().await;
    let (mut ada_seen, mut bea_seen) = (0, 0);
    since(&app, "ada@example.org", &mut ada_seen);
    since(&app, "bea@example.org", &mut bea_seen);

    // Ada takes the opening's one seat; Bea waits, first in line.
    let page = app.get(&ada).await;
    let chose = press(&app, &page, &format!("/sessions/{opening}/choose")).await;
    assert_eq!(chose.status, StatusCode::SEE_OTHER, "{}", chose.body);
    let page = app.get(&bea).await;
    press(&app, &page, &format!("/sessions/{opening}/choose")).await;
    let bea_page = app.get(&bea).await;
    assert!(
        bea_page
            .text(&format!("#session-{opening} .choice-status"))
            .contains('1'),
        "{}",
        bea_page.body
    );
    assert!(
        !bea_page.body.contains(LIVESTREAM),
        "the line has no livestream"
    );
    // Ada's overlapping choice is refused with the reason.
    let page = app.get(&ada).await;
    assert!(page.body.contains(LIVESTREAM), "a seat sees its livestream");
    let refused = press(&app, &page, &format!("/sessions/{business}/choose")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.text("#choice-problem").contains("Opening plenary"),
        "{}",
        refused.text("#choice-problem")
    );
    let page = app.get(&ada).await;
    press(&app, &page, &format!("/sessions/{workshop}/choose")).await;
    let page = app.get(&ada).await;
    press(&app, &page, &format!("/sessions/{closing}/choose")).await;
    assert_eq!(
        app.count(&format!(
            "SELECT seats_taken FROM event_sessions WHERE id = {opening}"
        ))
        .await,
        1
    );

    // Each change mailed the agenda; the waitlisted one never carries the link.
    app.deliver_mail().await;
    let ada_mails = since(&app, "ada@example.org", &mut ada_seen);
    assert_eq!(ada_mails.len(), 3, "{ada_mails:#?}");
    let bea_mails = since(&app, "bea@example.org", &mut bea_seen);
    assert_eq!(bea_mails.len(), 1);
    assert!(
        bea_mails[0].subject.starts_with("Votre programme"),
        "{}",
        bea_mails[0].subject
    );
    assert!(!carries(&bea_mails[0], LIVESTREAM));
    assert!(
        attached_agenda(&bea_mails[0]).is_empty(),
        "a place in line is not in a calendar"
    );

    // The downloaded agenda: one entry per chosen session.
    let download = app.get(&format!("{ada}/agenda.ics")).await;
    assert_eq!(download.status, StatusCode::OK);
    assert!(download.header("content-type").contains("method=PUBLISH"));
    let before = agenda_entries(&download.body);
    assert_eq!(before.len(), 3, "{before:?}");
    let opening_uid = format!("session-{opening}@127.0.0.1");
    let first = before
        .iter()
        .find(|e| e.uid == opening_uid)
        .unwrap()
        .clone();
    assert_eq!(first.status, "CONFIRMED");
    assert_eq!(first.dtstart, format!("{}T100000", day1.format("%Y%m%d")));
    assert!(first.description.contains(LIVESTREAM));
    // The waitlisted one's page offers an empty agenda, and a pending registration none.
    assert!(agenda_entries(&app.get(&format!("{bea}/agenda.ics")).await.body).is_empty());

    // The organizer moves the opening: both are told in their language, with the agenda.
    let session_page = format!("{base}/sessions/{opening}");
    let moved = staff
        .submit(
            &session_page,
            &format!("{session_page}/move"),
            &[
                ("starts", &local(day1, "11:00")),
                ("ends", &local(day1, "12:00")),
            ],
        )
        .await;
    assert_eq!(moved.location(), format!("{session_page}?moved=1"));
    app.deliver_mail().await;
    let ada_moved = one_starting(&since(&app, "ada@example.org", &mut ada_seen), "Moved:");
    let after = attached_agenda(&ada_moved);
    let moved_entry = after.iter().find(|e| e.uid == opening_uid).unwrap();
    assert!(moved_entry.sequence > first.sequence);
    assert_eq!(
        moved_entry.dtstart,
        format!("{}T110000", day1.format("%Y%m%d"))
    );
    let bea_moved = one_starting(&since(&app, "bea@example.org", &mut bea_seen), "Déplacée");
    assert!(!carries(&bea_moved, LIVESTREAM));
    // The download follows too.
    let again = agenda_entries(&app.get(&format!("{ada}/agenda.ics")).await.body);
    assert_eq!(
        again
            .iter()
            .find(|e| e.uid == opening_uid)
            .unwrap()
            .sequence,
        moved_entry.sequence
    );

    // Ada gives the opening up: Bea gets the seat, and with it the livestream.
    let page = app.get(&ada).await;
    press(&app, &page, &format!("/sessions/{opening}/unchoose")).await;
    app.deliver_mail().await;
    let given_up = since(&app, "ada@example.org", &mut ada_seen);
    assert_eq!(given_up.len(), 1);
    let gone = attached_agenda(&given_up[0]);
    let gone = gone.iter().find(|e| e.uid == opening_uid).unwrap();
    assert_eq!(gone.status, "CANCELLED");
    assert!(gone.sequence > moved_entry.sequence);
    assert!(!gone.description.contains(LIVESTREAM));
    let promoted = since(&app, "bea@example.org", &mut bea_seen);
    assert_eq!(promoted.len(), 1);
    assert!(
        carries(&promoted[0], LIVESTREAM),
        "the seat's agenda has it"
    );
    assert!(app.get(&bea).await.body.contains(LIVESTREAM));
    assert!(!app.get(&ada).await.body.contains(LIVESTREAM));

    // The reminder an hour before goes to the seat once, with the link, in French.
    let half_hour_before = at(day1, 10, 30);
    let pass = app.jobs.run_once(half_hour_before).await.unwrap();
    assert_eq!(pass.session_reminders, 1);
    assert_eq!(
        app.jobs
            .run_once(half_hour_before)
            .await
            .unwrap()
            .session_reminders,
        0
    );
    app.deliver_mail_at(half_hour_before).await;
    let bea_now = since(&app, "bea@example.org", &mut bea_seen);
    let reminder = one_starting(&bea_now, "Dans une heure");
    assert!(reminder.text.contains(LIVESTREAM));
    let ada_now = since(&app, "ada@example.org", &mut ada_seen);
    assert!(
        ada_now.iter().all(|m| !carries(m, LIVESTREAM)),
        "{ada_now:#?}"
    );

    // The organizer cancels the workshop: its entry is cancelled in Ada's calendar.
    let workshop_page = format!("{base}/sessions/{workshop}");
    staff
        .submit(&workshop_page, &format!("{workshop_page}/cancel"), &[])
        .await;
    app.deliver_mail().await;
    let cancelled = one_starting(&since(&app, "ada@example.org", &mut ada_seen), "Cancelled:");
    let entries = attached_agenda(&cancelled);
    let workshop_entry = entries
        .iter()
        .find(|e| e.uid == format!("session-{workshop}@127.0.0.1"))
        .unwrap();
    assert_eq!(workshop_entry.status, "CANCELLED");
    let ada_page = app.get(&ada).await;
    assert_eq!(
        ada_page.text(&format!("#session-{workshop} .choice-status")),
        "The organizers cancelled this session.",
        "a seat in a cancelled session is not called a seat"
    );

    // Attendance, check-in and the CSV per session, all audited.
    let closing_page = staff.get(&format!("{base}/sessions/{closing}")).await;
    assert!(closing_page.body.contains("ada@example.org"));
    let check_in = closing_page
        .attrs("form", "action")
        .into_iter()
        .find(|a| a.ends_with("/check-in"))
        .unwrap();
    staff
        .submit(&format!("{base}/sessions/{closing}"), &check_in, &[])
        .await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM session_choices WHERE checked_in_at IS NOT NULL")
            .await,
        1
    );
    let csv = staff
        .get(&format!("{base}/sessions/{closing}/attendance.csv"))
        .await;
    assert!(csv.body.contains("ada@example.org") && csv.body.contains("chosen"));
    for action in [
        "session-created",
        "session-moved",
        "session-cancelled",
        "session-check-in",
        "session-attendance-exported",
    ] {
        assert!(
            app.count(&format!(
                "SELECT COUNT(*) FROM audit_log WHERE action = '{action}'"
            ))
            .await
                >= 1,
            "{action} audited"
        );
    }
    app.deliver_mail().await;
    since(&app, "ada@example.org", &mut ada_seen);
    since(&app, "bea@example.org", &mut bea_seen);
}

/// Joins as a member and signs in with the emailed link, in this app's cookie jar.
async fn signed_in_member(app: &TestApp, email: &str) {
    app.join_and_confirm(
        "en",
        &[
            ("full_name", "Maya Member"),
            ("email", email),
            ("chapter", "canada"),
            ("language", "en"),
        ],
    )
    .await;
    let form = app.get("/en/sign-in").await;
    let mut fields = form.hidden_fields();
    fields.push(("email".into(), email.into()));
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.post_form("/en/sign-in", &pairs).await;
    app.deliver_mail().await;
    let link = app.sink.mails_to(email).pop().unwrap().link("/en/sign-in/");
    app.press_button(&link).await;
}

#[tokio::test]
async fn a_signed_in_member_chooses_from_the_programme_and_their_account_links_it() {
    let app = spawn_app().await;
    let event = crate::events::publish(&app, "member-summit", None, true).await;
    let texts = |s: &str| {
        domain::Localized::new()
            .with(domain::Language::En, s)
            .with(domain::Language::Fr, s)
    };
    let mut ids = Vec::new();
    for (title, hours, link) in [("Morning", (0, 1), LIVESTREAM), ("Overlap", (0, 2), "")] {
        let txn = app.db.begin_write().await.unwrap();
        let s = domain::summit::create_session(
            &txn,
            &event,
            domain::summit::SessionFields {
                title: texts(title),
                description: domain::Localized::new(),
                starts_at: event.starts_at + Duration::hours(hours.0),
                ends_at: event.starts_at + Duration::hours(hours.1),
                track: String::new(),
                format: if link.is_empty() {
                    domain::events::Format::InPerson
                } else {
                    domain::events::Format::Online
                },
                room: None,
                livestream_url: (!link.is_empty()).then(|| link.to_owned()),
                languages: vec![],
                interpretation: false,
                speakers: vec![],
                capacity: None,
            },
            Utc::now(),
        )
        .await
        .unwrap();
        txn.commit().await.unwrap();
        ids.push(s.id);
    }
    signed_in_member(&app, "maya@example.org").await;
    // Before a seat, the programme only says how to choose.
    let before = app.get("/en/events/member-summit/programme").await;
    assert!(!before.has("#programme"), "{}", before.body);
    let event_page = app.get("/en/events/member-summit").await;
    let csrf = event_page.attr(
        "form[action$='/register-member'] input[name=csrf_token]",
        "value",
    );
    app.post_form(
        "/en/events/member-summit/register-member",
        &[("csrf_token", &csrf)],
    )
    .await;
    let account = app.get("/en/account").await;
    assert!(account.has("a[href='/en/events/member-summit/programme']"));

    let page = app.get("/en/events/member-summit/programme").await;
    assert!(page.has("#programme"), "{}", page.body);
    let chose = press(&app, &page, &format!("/sessions/{}/choose", ids[0])).await;
    assert_eq!(chose.location(), "/en/events/member-summit/programme");
    let page = app.get("/en/events/member-summit/programme").await;
    assert!(page.body.contains(LIVESTREAM), "a seat sees its livestream");
    let refused = press(&app, &page, &format!("/sessions/{}/choose", ids[1])).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text("#choice-problem").contains("Morning"));
    // Signed out, the same page shows no link.
    let stranger = reqwest::Client::new()
        .get(app.url("/en/events/member-summit/programme"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!stranger.contains(LIVESTREAM));
    app.deliver_mail().await;
    let mails = app.sink.mails_to("maya@example.org");
    assert!(mails.iter().any(|m| m.subject.starts_with("Your agenda")));
}

/// Every field a browser would send with the page's first form: inputs (checked boxes only),
/// text areas and the selected option of each select.
fn form_fields(page: &Page) -> Vec<(String, String)> {
    let html = page.html();
    let form = html
        .select(&scraper::Selector::parse("main form").unwrap())
        .find(|f| f.value().attr("method") == Some("post"))
        .expect("a form");
    let mut fields = Vec::new();
    let inputs = scraper::Selector::parse("input[name], textarea[name], select[name]").unwrap();
    let selected = scraper::Selector::parse("option[selected]").unwrap();
    for field in form.select(&inputs) {
        let el = field.value();
        let name = el.attr("name").unwrap().to_owned();
        let value = match el.name() {
            "textarea" => field.text().collect::<String>(),
            "select" => match field.select(&selected).next() {
                Some(o) => o.value().attr("value").unwrap_or_default().to_owned(),
                None => continue,
            },
            _ => {
                let checkable = matches!(el.attr("type"), Some("checkbox" | "radio"));
                if checkable && el.attr("checked").is_none() {
                    continue;
                }
                el.attr("value").unwrap_or_default().to_owned()
            }
        };
        fields.push((name, value));
    }
    fields
}

#[tokio::test]
async fn a_session_saved_again_keeps_its_speakers_linked_to_their_profiles() {
    use crate::experts::{decide, member_signed_in, profile_of, send_listing, zoe};

    let app = spawn_app().await;
    organizer(&app, "org@reseau.test", Role::Organizer, &["canada"]).await;
    let staff = Browser::new(&app);
    staff.sign_in("org@reseau.test", PASSWORD).await;
    let listing = zoe();
    member_signed_in(&app, "en", listing.name, "zoe@example.org", "canada").await;
    send_listing(&app, "en", &listing.fields(true)).await;
    let (profile, slug) = profile_of(&app, "zoe@example.org").await;
    let approved = decide(&staff, &mut Vec::new(), profile, "approve", "").await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER, "{}", approved.body);
    app.deliver_mail().await;
    let listed = app.sink.mails_to("zoe@example.org").pop().unwrap();
    assert_eq!(
        listed.subject,
        crate::experts::t("en", "mail-expert-approved-subject")
    );

    let event = crate::events::publish(&app, "linked-summit", None, true).await;
    let base = format!("/admin/events/{}/sessions", event.id);
    let starts = event.starts_at.with_timezone(&Toronto);
    // Whole minutes after the event's start, in the form's format.
    let after = |m: i64| {
        (starts + Duration::minutes(m))
            .format("%Y-%m-%dT%H:%M")
            .to_string()
    };
    let created = staff
        .submit(
            &format!("{base}/new"),
            &format!("{base}/new"),
            &[
                ("title_en", "Wealth gap"),
                ("title_fr", "Écart de richesse"),
                ("track", "Economy"),
                ("format", "in-person"),
                ("room", "Salle 3"),
                ("starts", &after(1)),
                ("ends", &after(31)),
                ("speakers", &format!("{} | {slug}\nAna Ruiz", listing.name)),
                ("speaks_en", "yes"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let stored = stored_speakers(&app).await;
    assert!(
        stored.contains(&format!("\"expert_id\":{profile}")),
        "{stored}"
    );

    // The organizer opens the session and saves it as it is: the link stays.
    let session = app.count("SELECT id FROM event_sessions").await;
    let edit = format!("{base}/{session}/edit");
    let form = staff.get(&edit).await;
    assert_eq!(
        form.text("#field-speakers"),
        format!("{} | {slug} Ana Ruiz", listing.name),
        "one speaker a line, the linked one with its profile (`text` joins the lines)"
    );
    let fields = form_fields(&form);
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let saved = staff.post(&edit, &pairs).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        stored_speakers(&app).await,
        stored,
        "saving again changes nothing"
    );
    let programme = app.get("/en/events/linked-summit/programme").await;
    assert!(
        programme.has(&format!("a[href='/en/experts/{slug}']")),
        "{}",
        programme.body
    );
}

async fn stored_speakers(app: &TestApp) -> String {
    app.rows("SELECT speakers FROM event_sessions").await[0]["speakers"]
        .as_str()
        .unwrap()
        .to_owned()
}
