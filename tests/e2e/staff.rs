//! Organizers in tests: made in the database as `reseau organizer create` would, and a browser
//! of their own that signs in (with the second factor for admins) and submits forms.

use chrono::Utc;
use domain::{
    EmailAddress,
    organizers::{self, Role},
    password::{self, HashParams},
    two_factor,
};

use crate::helpers::{Page, TestApp, client};

pub const CHEAP: HashParams = HashParams {
    memory_kib: 64,
    iterations: 1,
    lanes: 1,
};
pub const PASSWORD: &str = "a trilateral summit passphrase";

/// An organizer made directly in the database, as `reseau organizer create` would.
pub async fn organizer(app: &TestApp, email: &str, role: Role, chapters: &[&str]) -> i64 {
    let hash = password::hash(PASSWORD, CHEAP).unwrap();
    let created = organizers::create(
        app.db.writer(),
        &EmailAddress::parse(email).unwrap(),
        "Staff Person",
        role,
        Some(hash),
        Utc::now(),
    )
    .await
    .unwrap()
    .unwrap();
    let all = domain::chapter::all(app.db.reader()).await.unwrap();
    let ids: Vec<i64> = all
        .iter()
        .filter(|c| chapters.contains(&c.slug.as_str()))
        .map(|c| c.id)
        .collect();
    organizers::assign_chapters(app.db.writer(), created.id, &ids)
        .await
        .unwrap();
    // Admins must have a second factor: enrol one, as the enrolment page would.
    if role == Role::Admin {
        let secret = two_factor::new_secret();
        let sql = format!(
            "UPDATE organizers SET totp_secret = '{secret}', totp_enabled = TRUE WHERE id = {}",
            created.id
        );
        app.execute(&sql).await;
    }
    created.id
}

/// The key the test settings' `secret_key` seals TOTP seeds under.
pub fn seed_key() -> two_factor::SeedKey {
    two_factor::SeedKey::from_secret(b"test-secret-key-for-forms-and-csrf")
}

/// A code an authenticator app would show for `email`, never one already used.
pub async fn next_code(app: &TestApp, email: &str) -> String {
    let sql =
        format!("SELECT id, totp_secret, totp_last_step FROM organizers WHERE email = '{email}'");
    let row = &app.rows(&sql).await[0];
    let stored = row["totp_secret"].as_str().unwrap();
    let secret = seed_key()
        .open(row["id"].as_i64().unwrap(), stored)
        .unwrap();
    let current = Utc::now().timestamp() / 30;
    let step = row["totp_last_step"]
        .as_i64()
        .map_or(current, |last| current.max(last + 1));
    two_factor::code_at(&secret, (step * 30) as u64).unwrap()
}

/// A browser of its own for one organizer.
pub struct Browser<'a> {
    app: &'a TestApp,
    pub client: reqwest::Client,
}

impl<'a> Browser<'a> {
    pub fn new(app: &'a TestApp) -> Self {
        Self {
            app,
            client: client(),
        }
    }

    pub async fn get(&self, path: &str) -> Page {
        let response = self
            .client
            .get(self.app.url(path))
            .header("Accept-Language", "en")
            .send()
            .await
            .unwrap();
        Page::read(response).await
    }

    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let response = self
            .client
            .post(self.app.url(path))
            .header("Origin", &self.app.base)
            .header("Accept-Language", "en")
            .form(fields)
            .send()
            .await
            .unwrap();
        Page::read(response).await
    }

    /// Loads `form_page`, keeps its CSRF token, posts `fields` to `action`.
    pub async fn submit(&self, form_page: &str, action: &str, fields: &[(&str, &str)]) -> Page {
        let page = self.get(form_page).await;
        let csrf = page.attr("input[name=csrf_token]", "value");
        let mut all = vec![("csrf_token", csrf.as_str())];
        all.extend_from_slice(fields);
        self.post(action, &all).await
    }

    /// Password, then the second factor when the account has one.
    pub async fn sign_in(&self, email: &str, secret: &str) -> Page {
        let credentials = [("email", email), ("password", secret)];
        let answer = self
            .submit("/admin/sign-in", "/admin/sign-in", &credentials)
            .await;
        if answer.location() != "/admin/sign-in/code" {
            return answer;
        }
        let code = next_code(self.app, email).await;
        self.submit(
            "/admin/sign-in/code",
            "/admin/sign-in/code",
            &[("code", &code)],
        )
        .await
    }

    /// Steps up (the password again, and a code with two-step) so that sensitive actions go
    /// through for the next few minutes.
    pub async fn step_up(&self, email: &str) -> Page {
        let page = self.get("/admin/step-up?back=/admin").await;
        assert_eq!(page.status, reqwest::StatusCode::OK, "{}", page.body);
        let csrf = page.attr("input[name=csrf_token]", "value");
        let code = if page.has("input[name=step_up_code]") {
            next_code(self.app, email).await
        } else {
            String::new()
        };
        let answer = self
            .post(
                "/admin/step-up",
                &[
                    ("csrf_token", &csrf),
                    ("back", "/admin"),
                    ("step_up_password", PASSWORD),
                    ("step_up_code", &code),
                ],
            )
            .await;
        assert_eq!(answer.location(), "/admin", "{}", answer.body);
        answer
    }
}
