//! The accessibility statement: served in every language with its heading and the contact
//! address for reporting a barrier, and linked from the footer of every page, public or back
//! office.

use reqwest::StatusCode;

use crate::helpers::spawn_app;

/// Language, the statement's heading, the footer link's text.
const LANGUAGES: [(&str, &str, &str); 3] = [
    ("en", "Accessibility statement", "Accessibility"),
    ("fr", "Énoncé d’accessibilité", "Accessibilité"),
    ("es", "Declaración de accesibilidad", "Accesibilidad"),
];

#[tokio::test]
async fn the_statement_answers_in_three_languages_with_the_contact_address() {
    let app = spawn_app().await;

    for (lang, heading, link_text) in LANGUAGES {
        let page = app.get(&format!("/{lang}/accessibility")).await;
        assert_eq!(page.status, StatusCode::OK, "/{lang}/accessibility");
        assert_eq!(page.attr("html", "lang"), lang);
        assert_eq!(page.text("h1"), heading);
        assert!(
            page.text("title").starts_with(heading),
            "the title names the page"
        );
        // The standard, how it is tested, the limitations, how to report: one heading each.
        assert_eq!(
            page.texts("main h2").len(),
            4,
            "{lang}: the statement's sections"
        );
        // Non-breaking spaces keep the standards' names on one line.
        let text = page.text("main").replace('\u{a0}', " ");
        assert!(text.contains("WCAG) 2.1"), "{lang}: names the standard");
        assert!(text.contains("AA"), "{lang}: names the level");
        assert!(text.contains("EN 301 549"), "{lang}: names EN 301 549");
        assert_eq!(
            page.attr("main a.contact-email", "href"),
            "mailto:contact@reseau.test",
            "{lang}: the configured contact address is where barriers are reported"
        );
        assert_eq!(page.text("main a.contact-email"), "contact@reseau.test");
        assert_eq!(
            page.attr(".statement-date time", "datetime"),
            web::views::accessibility::STATEMENT_DATE,
            "{lang}: the statement is dated"
        );
        // The language links lead to the statement in the other languages.
        for (other, _, _) in LANGUAGES {
            assert!(
                page.attrs("link[rel=alternate]", "href")
                    .contains(&format!("/{other}/accessibility")),
                "{lang}: an alternate for {other}"
            );
        }
        // Strict CSP: nothing inline.
        assert!(!page.body.contains("<script"), "{lang}: no script");
        assert!(!page.body.contains("style="), "{lang}: no inline style");
        // It links to itself from its own footer too.
        assert_eq!(
            page.text(&format!("footer a[href=\"/{lang}/accessibility\"]")),
            link_text
        );
    }

    assert_eq!(
        app.get("/de/accessibility").await.status,
        StatusCode::NOT_FOUND,
        "only our languages"
    );
}

#[tokio::test]
async fn every_footer_links_to_the_statement() {
    let app = spawn_app().await;

    for (lang, _, link_text) in LANGUAGES {
        // The home page, a form and an error page share the public footer.
        for path in [
            format!("/{lang}/"),
            format!("/{lang}/join"),
            format!("/{lang}/nowhere"),
        ] {
            let page = app.get(&path).await;
            let selector = format!("footer a[href=\"/{lang}/accessibility\"]");
            assert!(page.has(&selector), "{path}: no link to the statement");
            assert_eq!(page.text(&selector), link_text, "{path}");
        }

        // The back office, in the language chosen with its switch, links to the statement in
        // that language.
        let switched = app
            .get(&format!("/admin/lang/{lang}?back=/admin/sign-in"))
            .await;
        assert_eq!(switched.location(), "/admin/sign-in");
        let sign_in = app.get("/admin/sign-in").await;
        assert_eq!(sign_in.attr("html", "lang"), lang);
        let selector = format!("footer a[href=\"/{lang}/accessibility\"]");
        assert_eq!(
            sign_in.text(&selector),
            link_text,
            "/admin/sign-in in {lang}"
        );
    }
}
