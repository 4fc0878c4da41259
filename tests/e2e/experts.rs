//! The Trilateral Expert Network, end to end: members list themselves, organizers review,
//! visitors find experts and write to them through the relay, experts report abuse and
//! withdraw, and no page, answer or email shows an expert's address (`journey`); what each
//! audience sees, the review and erasure (`rules`); the relay's limits and the directory's
//! pace (`limits`); the hostile corpus on every field (`hostile`).

mod hostile;
mod journey;
mod limits;
mod rules;

use domain::Language;
use reqwest::StatusCode;

use crate::{
    account::sign_in,
    helpers::{Mail, Page, TestApp, client},
    staff::Browser,
};

/// Settings for tests that go through many pages and messages from one loopback address.
pub const ROOMY: [(&str, &str); 3] = [
    ("experts.pages_burst", "1000"),
    ("experts.messages_per_ip_per_day", "100"),
    ("limits.mails_per_address_per_hour", "20"),
];

pub fn language(code: &str) -> Language {
    code.parse().unwrap()
}

/// A message of the locale files, as the app writes it.
pub fn t(lang: &str, key: &str) -> String {
    mailer::i18n::t(language(lang), key)
}

/// Someone with a browser of their own, and everything it was answered (to look for an
/// address in afterwards).
pub struct Visitor<'a> {
    app: &'a TestApp,
    pub client: reqwest::Client,
    pub seen: Vec<String>,
}

impl<'a> Visitor<'a> {
    pub fn new(app: &'a TestApp) -> Self {
        Self {
            app,
            client: client(),
            seen: Vec::new(),
        }
    }

    fn url(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_owned()
        } else {
            self.app.url(path)
        }
    }

    fn keep(&mut self, page: &Page) {
        self.seen.push(format!("{:?}\n{}", page.headers, page.body));
    }

    pub async fn get(&mut self, path: &str) -> Page {
        let response = self.client.get(self.url(path)).send().await.unwrap();
        let page = Page::read(response).await;
        self.keep(&page);
        page
    }

    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        let response = self
            .client
            .post(self.url(path))
            .header("Origin", &self.app.base)
            .form(fields)
            .send()
            .await
            .unwrap();
        let page = Page::read(response).await;
        self.keep(&page);
        page
    }

    /// Loads `page_path`, keeps the hidden fields of its form and sends them with `fields`
    /// to the form's action.
    pub async fn fill(&mut self, page_path: &str, fields: &[(&str, &str)]) -> Page {
        let page = self.get(page_path).await;
        assert_eq!(page.status, StatusCode::OK, "{page_path}: {}", page.body);
        let action = page.attr("main form[method=post]", "action");
        let mut all = page.hidden_fields();
        all.extend(fields.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        let pairs: Vec<(&str, &str)> = all.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        self.post(&action, &pairs).await
    }

    /// Presses the one button of the page at `url`.
    pub async fn press(&mut self, url: &str) -> Page {
        let page = self.get(url).await;
        assert_eq!(page.status, StatusCode::OK, "{url}: {}", page.body);
        let action = page.attr("main form", "action");
        let pairs = page.hidden_fields();
        let pairs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        self.post(&action, &pairs).await
    }

    /// Writes to the expert at `slug` from their profile page.
    pub async fn write(
        &mut self,
        lang: &str,
        slug: &str,
        (name, email): (&str, &str),
        subject: &str,
        message: &str,
        allow_reply: bool,
    ) -> Page {
        let mut fields = vec![
            ("full_name", name),
            ("email", email),
            ("subject", subject),
            ("message", message),
        ];
        if allow_reply {
            fields.push(("allow_reply", "yes"));
        }
        self.fill(&format!("/{lang}/experts/{slug}"), &fields).await
    }
}

/// An organizer's page, kept for the address check.
pub async fn staff_page(browser: &Browser<'_>, seen: &mut Vec<String>, path: &str) -> Page {
    let page = browser.get(path).await;
    seen.push(format!("{:?}\n{}", page.headers, page.body));
    page
}

/// An organizer's decision on profile `id`, as the review page's form sends it.
pub async fn decide(
    browser: &Browser<'_>,
    seen: &mut Vec<String>,
    id: i64,
    decision: &str,
    note: &str,
) -> Page {
    let path = format!("/admin/experts/{id}");
    let page = staff_page(browser, seen, &path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let csrf = page.attr("input[name=csrf_token]", "value");
    let revision = page.attr("input[name=revision]", "value");
    browser
        .post(
            &format!("{path}/review"),
            &[
                ("csrf_token", &csrf),
                ("revision", &revision),
                ("decision", decision),
                ("note", note),
            ],
        )
        .await
}

/// A profile as the listing form takes it.
#[derive(Clone, Debug)]
pub struct Listing {
    pub name: &'static str,
    pub areas: Vec<&'static str>,
    pub languages: Vec<&'static str>,
    pub country: &'static str,
    pub organisation: &'static str,
    pub role: &'static str,
    /// (language code, text)
    pub bio: Vec<(&'static str, &'static str)>,
    pub lived: &'static str,
    pub lived_language: &'static str,
    /// The parts shown to signed-in members only (`name`, `areas`, …).
    pub members_only: Vec<&'static str>,
}

impl Listing {
    pub fn fields(&self, consent: bool) -> Vec<(String, String)> {
        let mut fields = vec![
            ("display_name".to_owned(), self.name.to_owned()),
            ("country".to_owned(), self.country.to_owned()),
            ("organisation".to_owned(), self.organisation.to_owned()),
            ("org_role".to_owned(), self.role.to_owned()),
            ("lived_experience".to_owned(), self.lived.to_owned()),
            ("lived_language".to_owned(), self.lived_language.to_owned()),
        ];
        for area in &self.areas {
            fields.push(("areas".to_owned(), (*area).to_owned()));
        }
        for spoken in &self.languages {
            fields.push(("languages".to_owned(), (*spoken).to_owned()));
        }
        for code in ["en", "fr", "es", "pt"] {
            let text = self
                .bio
                .iter()
                .find(|(l, _)| *l == code)
                .map_or("", |(_, t)| t);
            fields.push((format!("bio_{code}"), text.to_owned()));
        }
        for part in [
            "name",
            "areas",
            "languages",
            "place",
            "organisation",
            "bio",
            "lived",
        ] {
            let audience = if self.members_only.contains(&part) {
                "members"
            } else {
                "public"
            };
            fields.push((format!("show_{part}"), audience.to_owned()));
        }
        if consent {
            fields.push(("directory".to_owned(), "yes".to_owned()));
        }
        fields
    }
}

/// Joins in `lang` (the language of their emails too), confirms, and signs in with the
/// app's own client.
pub async fn member_signed_in(app: &TestApp, lang: &str, name: &str, email: &str, chapter: &str) {
    app.join_and_confirm(
        lang,
        &[
            ("full_name", name),
            ("email", email),
            ("chapter", chapter),
            ("language", lang),
        ],
    )
    .await;
    sign_in(app, lang, email).await;
}

/// Sends the listing form of the signed-in member (the app's own client).
pub async fn send_listing(app: &TestApp, lang: &str, fields: &[(String, String)]) -> Page {
    let form = app.get(&format!("/{lang}/account/expert")).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    let csrf = form.attr("input[name=csrf_token]", "value");
    let mut pairs: Vec<(&str, &str)> = vec![("csrf_token", &csrf)];
    pairs.extend(fields.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    app.post_form(&format!("/{lang}/account/expert"), &pairs)
        .await
}

/// The one profile's id and slug in the database, for `member_email`.
pub async fn profile_of(app: &TestApp, member_email: &str) -> (i64, String) {
    let rows = app
        .rows(&format!(
            "SELECT p.id, p.slug FROM expert_profiles p JOIN members m ON m.id = p.member_id \
             WHERE m.email = '{member_email}'"
        ))
        .await;
    assert_eq!(rows.len(), 1, "{member_email} should have one profile");
    (
        rows[0]["id"].as_i64().unwrap(),
        rows[0]["slug"].as_str().unwrap().to_owned(),
    )
}

/// The headers of a received message, its text and its HTML: where an address could show.
pub fn readable(mail: &Mail) -> String {
    let headers = mail.raw.split("\r\n\r\n").next().unwrap_or_default();
    format!("{headers}\n{}\n{}", mail.text, mail.html)
}

/// Fails naming the first of `seen` that contains `address`.
pub fn assert_nowhere(address: &str, seen: &[String]) {
    let needle = address.to_lowercase();
    for (i, text) in seen.iter().enumerate() {
        assert!(
            !text.to_lowercase().contains(&needle),
            "{address} shows in answer {i} of {}:\n{text}",
            seen.len()
        );
    }
}

/// A profile with parts kept to members.
pub fn zoe() -> Listing {
    Listing {
        name: "Zoë Kumar",
        areas: vec!["economic-inclusion"],
        languages: vec!["en", "ht"],
        country: "CA",
        organisation: "Wealth Gap Institute",
        role: "Economist",
        bio: vec![("en", "Studies the racial wealth gap.")],
        lived: "The Haitian diaspora of Montréal.",
        lived_language: "en",
        members_only: vec!["name", "organisation", "languages"],
    }
}

/// Lists `listing` for a new member (signed in with the app's client) and has the organizer
/// approve it; returns the profile's id and slug.
pub async fn listed(
    app: &TestApp,
    organizer: &Browser<'_>,
    email: &str,
    listing: &Listing,
) -> (i64, String) {
    member_signed_in(app, "en", listing.name, email, "canada").await;
    let sent = send_listing(app, "en", &listing.fields(true)).await;
    assert_eq!(
        sent.location(),
        "/en/account/expert?saved=listed",
        "{}",
        sent.body
    );
    let (id, slug) = profile_of(app, email).await;
    let approved = decide(organizer, &mut Vec::new(), id, "approve", "").await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER, "{}", approved.body);
    app.deliver_mail().await;
    let told = app.sink.mails_to(email).pop().unwrap();
    assert_eq!(told.subject, t("en", "mail-expert-approved-subject"));
    (id, slug)
}

/// An address's mail as a person reads it: what arrived since they last looked.
pub struct Inbox {
    address: String,
    read: usize,
}

impl Inbox {
    /// From now on: what is already there counts as read.
    pub fn after(app: &TestApp, address: &str) -> Self {
        Self {
            address: address.to_owned(),
            read: app.sink.mails_to(address).len(),
        }
    }

    pub fn new_mail(&mut self, app: &TestApp) -> Vec<Mail> {
        let all = app.sink.mails_to(&self.address);
        let new = all[self.read..].to_vec();
        self.read = all.len();
        new
    }

    /// The one message that arrived since the last look.
    pub fn one(&mut self, app: &TestApp) -> Mail {
        let mut new = self.new_mail(app);
        assert_eq!(new.len(), 1, "expected one new email to {}", self.address);
        new.remove(0)
    }

    pub fn none(&mut self, app: &TestApp) {
        let new = self.new_mail(app);
        assert!(
            new.is_empty(),
            "expected no new email to {}, got {:?}",
            self.address,
            new.iter().map(|m| &m.subject).collect::<Vec<_>>()
        );
    }
}
