//! Properties of every parser of outside input in the domain: whatever the string, parsing
//! never panics; what parses is normalised (and parses again to itself); what is refused is
//! refused for a reason a person can be told.

#![allow(clippy::unwrap_used)]

use chrono::Utc;
use proptest::prelude::*;
use reseau_domain::{
    EmailAddress, FullName, Interest, Language, calendar,
    email::{AddressPolicy, EmailError},
    entities::chapter,
    events::EventSlug,
    import::{self, RawRow},
    profile::regions,
};
use unicode_normalization::UnicodeNormalization;

/// Characters that draw nothing or turn text around: never kept in a name.
fn invisible_or_bidi(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{3164}'
            | '\u{FFA0}'
    )
}

/// Strings with the characters hostile input is made of, mixed with ordinary ones.
fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            any::<char>(),
            prop::sample::select(vec![
                '<', '>', '"', '\'', '@', ':', '/', '\r', '\n', '\0', '\t', ' ', '\u{202E}',
                '\u{200B}', '\u{200D}', '\u{3164}', '\u{0301}', 'é', 'A', 'a', '-', '.', '’', 'İ',
                'ß', '\u{FEFF}',
            ]),
        ],
        0..120,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

fn canada() -> chapter::Model {
    chapter::Model {
        id: 1,
        slug: "canada".into(),
        country: "CA".into(),
        position: 0,
        name: reseau_domain::Localized::new()
            .with(reseau_domain::Language::En, "Canada")
            .with(reseau_domain::Language::Fr, "Canada")
            .with(reseau_domain::Language::Es, "Canadá"),
        description: reseau_domain::Localized::new(),
        created_at: Utc::now(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn email_parse_never_panics_and_normalises(raw in prop_oneof![any::<String>(), hostile_text()]) {
        if let Ok(email) = EmailAddress::parse(&raw) {
            let s = email.as_str();
            prop_assert_eq!(s, s.trim());
            prop_assert_eq!(s.to_owned(), s.to_lowercase());
            prop_assert!(s.len() <= EmailAddress::MAX_LEN, "{} bytes", s.len());
            prop_assert!(!s.chars().any(|c| c.is_control() || c.is_whitespace()));
            prop_assert!(s.contains('@'));
            // Normalised once and for all.
            prop_assert_eq!(EmailAddress::parse(s), Ok(email.clone()));
        }
    }

    #[test]
    fn valid_addresses_parse_whatever_their_case_and_padding(
        local in "[a-z0-9]([a-z0-9_+-]|\\.[a-z0-9]){0,20}",
        domain in "[a-z0-9]{1,15}",
        tld in "[a-z]{2,6}",
        pad in "[ \t]{0,3}",
    ) {
        let address = format!("{local}@{domain}.{tld}");
        let parsed = EmailAddress::parse(&address).unwrap();
        prop_assert_eq!(parsed.as_str(), address.as_str());
        let shouted = format!("{pad}{}{pad}", address.to_uppercase());
        prop_assert_eq!(EmailAddress::parse(&shouted), Ok(parsed));
    }

    #[test]
    fn one_mailbox_has_one_form_whatever_its_spelling(
        local in "[a-zé][a-zé0-9]{0,10}",
        label in "[a-zäöüéñ]{1,12}",
        tld in "(org|ca|mx|com)",
        shout in any::<bool>(),
    ) {
        let composed = format!("{local}@{label}.{tld}");
        let parsed = EmailAddress::parse(&composed).unwrap();
        // Decomposed (a letter and a combining mark), shouted, and in A-labels: one address.
        let decomposed: String = composed.nfd().collect();
        prop_assert_eq!(EmailAddress::parse(&decomposed), Ok(parsed.clone()));
        if shout {
            prop_assert_eq!(EmailAddress::parse(&composed.to_uppercase()), Ok(parsed.clone()));
        }
        let a_label = format!("{}@{}", local.nfc().collect::<String>(), parsed.domain());
        prop_assert_eq!(EmailAddress::parse(&a_label), Ok(parsed.clone()));
        prop_assert!(parsed.domain().is_ascii());
        // And lettre, which sends it, takes it as it is.
        prop_assert!(parsed.to_lettre().is_ok());
    }

    #[test]
    fn literals_dotless_hosts_and_bad_dots_are_refused(
        local in "[a-z]{1,10}",
        a in 0u8..=255, b in 0u8..=255, c in 0u8..=255, d in 0u8..=255,
        host in "[a-z]{1,10}",
        hidden in prop::sample::select(vec!['\u{202E}', '\u{2066}', '\u{200B}', '\u{FEFF}', '\u{200D}', '\u{E0041}']),
    ) {
        for bad in [
            format!("{local}@[{a}.{b}.{c}.{d}]"),
            format!("{local}@{a}.{b}.{c}.{d}"),
            format!("{local}@[IPv6:::{a}]"),
            format!("{local}@{host}"),
            format!(".{local}@{host}.org"),
            format!("{local}.@{host}.org"),
            format!("{local}..x@{host}.org"),
            format!("{local}@{host}..org"),
            format!("{local}{hidden}@{host}.org"),
            format!("{local}@{host}{hidden}.org"),
        ] {
            prop_assert!(EmailAddress::parse(&bad).is_err(), "{:?}", bad);
        }
    }

    #[test]
    fn reserved_domains_need_the_setting(
        local in "[a-z]{1,10}",
        host in "[a-z]{1,10}",
        reserved in prop::sample::select(vec!["example.org", "example.com", "example.net", "test", "invalid", "localhost", "local", "example"]),
    ) {
        let raw = format!("{local}@{host}.{reserved}");
        let strict = AddressPolicy::default();
        let tests = AddressPolicy { allow_reserved_domains: true };
        prop_assert_eq!(EmailAddress::parse_reachable(&raw, strict), Err(EmailError::Reserved));
        prop_assert!(EmailAddress::parse_reachable(&raw, tests).is_ok());
    }

    #[test]
    fn datetime_local_values_are_read_only_in_range(
        year in -300_000i32..300_000,
        month in 1u32..=12, day in 1u32..=28, hour in 0u32..24, minute in 0u32..60,
        plus in any::<bool>(),
    ) {
        let written = if year < 0 {
            format!("{year}-{month:02}-{day:02}T{hour:02}:{minute:02}")
        } else if plus {
            format!("+{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}")
        } else {
            format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}")
        };
        let parsed = calendar::parse_local(&written);
        if !plus && (2000..=2100).contains(&year) {
            let at = parsed.unwrap();
            prop_assert_eq!(at.format("%Y-%m-%dT%H:%M").to_string(), written);
        } else {
            prop_assert_eq!(parsed, Err(calendar::DateError::OutOfRange), "{}", written);
        }
    }

    #[test]
    fn datetime_local_parse_never_panics(raw in prop_oneof![any::<String>(), hostile_text(), "[+-]?[0-9]{1,7}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}"]) {
        if let Ok(at) = calendar::parse_local(&raw) {
            prop_assert!(calendar::year_in_range(chrono::Datelike::year(&at)));
        }
    }

    #[test]
    fn free_text_never_keeps_a_hidden_character(
        before in "[a-zA-Zé ]{0,10}",
        after in "[a-zA-Zé ]{0,10}",
        hidden in prop::sample::select(vec!['\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{200B}', '\u{200E}', '\u{200F}', '\u{061C}', '\u{FEFF}', '\u{2060}', '\u{00AD}', '\u{E0001}', '\u{3164}', '\u{0007}']),
    ) {
        let text = format!("{before}{hidden}{after}");
        prop_assert!(reseau_domain::text::check_line(&text).is_err());
        prop_assert!(reseau_domain::text::check_multiline(&text).is_err());
        prop_assert!(FullName::parse(&text).is_err());
        let address = format!("a{before}{hidden}@example.org").replace(' ', "");
        prop_assert!(EmailAddress::parse(&address).is_err());
        // Without it, the same text is fine.
        let clean = format!("{before}{after}");
        prop_assert!(reseau_domain::text::check_line(&clean).is_ok());
    }

    #[test]
    fn addresses_with_header_breaks_are_refused(
        local in "[a-z]{1,10}", domain in "[a-z]{1,10}", header in "[A-Za-z:@.]{1,20}",
    ) {
        for cut in ["\r\n", "\n", "\r", "\0"] {
            let raw = format!("{local}@{domain}.org{cut}{header}");
            prop_assert!(EmailAddress::parse(&raw).is_err(), "{:?}", raw);
        }
    }

    #[test]
    fn names_never_panic_and_keep_only_what_a_name_uses(raw in prop_oneof![any::<String>(), hostile_text()]) {
        if let Ok(name) = FullName::parse(&raw) {
            let s = name.as_str();
            prop_assert_eq!(s, s.trim());
            prop_assert!(!s.contains("  "));
            prop_assert!(s.chars().count() <= FullName::MAX_CHARS);
            prop_assert!(s.chars().any(char::is_alphabetic));
            prop_assert!(!s.chars().any(|c| c.is_control()
                || invisible_or_bidi(c)
                || c.is_ascii_digit()
                || matches!(c, '<' | '>' | '@' | ':' | '/' | '"' | '&')));
            prop_assert_eq!(FullName::parse(s), Ok(name.clone()));
        }
    }

    #[test]
    fn interests_parse_only_their_slugs_and_round_trip(
        raw in prop_oneof![any::<String>(), "[a-z-]{0,20}"],
        picked in prop::collection::vec(prop::sample::select(Interest::ALL.to_vec()), 0..10),
    ) {
        match raw.parse::<Interest>() {
            Ok(interest) => prop_assert_eq!(interest.slug(), raw.as_str()),
            Err(_) => prop_assert!(!Interest::ALL.iter().any(|i| i.slug() == raw)),
        }
        let _ = Interest::parse_stored(&raw);
        let stored = Interest::to_stored(&picked);
        let mut expected = picked.clone();
        expected.sort();
        expected.dedup();
        prop_assert_eq!(Interest::parse_stored(&stored), expected);
    }

    #[test]
    fn languages_parse_only_their_codes(raw in any::<String>()) {
        match raw.parse::<Language>() {
            Ok(lang) => {
                prop_assert_eq!(lang.code(), raw.as_str());
                prop_assert_eq!(lang.to_string(), raw);
            }
            Err(_) => prop_assert!(!["en", "fr", "es"].contains(&raw.as_str())),
        }
    }

    #[test]
    fn event_slugs_never_panic_and_are_url_safe(raw in prop_oneof![any::<String>(), hostile_text(), "[ A-Za-z0-9-]{0,90}"]) {
        if let Ok(slug) = EventSlug::parse(&raw) {
            let s = slug.as_str();
            prop_assert!(!s.is_empty() && s.len() <= EventSlug::MAX_LEN);
            prop_assert!(s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
            prop_assert!(!s.starts_with('-') && !s.ends_with('-') && !s.contains("--"));
            prop_assert_eq!(EventSlug::parse(s), Ok(slug.clone()));
        }
    }

    #[test]
    fn valid_slugs_parse_whatever_their_case(words in prop::collection::vec("[a-z0-9]{1,8}", 1..6)) {
        let slug = words.join("-");
        prop_assume!(slug.len() <= EventSlug::MAX_LEN);
        let parsed = EventSlug::parse(&slug).unwrap();
        prop_assert_eq!(parsed.as_str(), slug.as_str());
        prop_assert_eq!(EventSlug::parse(&format!(" {} ", slug.to_uppercase())), Ok(parsed));
    }

    #[test]
    fn an_imported_row_is_parsed_like_a_form_or_refused_with_reasons(
        email in prop_oneof![any::<String>(), hostile_text(), "[a-z]{1,8}@[a-z]{1,8}\\.org"],
        full_name in prop_oneof![any::<String>(), hostile_text(), "[A-Z][a-z]{1,8} [A-Z][a-z]{1,8}"],
        region in prop_oneof![any::<String>(), prop::sample::select(regions::CA.iter().map(|r| r.to_string()).collect::<Vec<_>>())],
        interests in prop_oneof![any::<String>(), "(education|arts-culture|x)([;|](education|voting-rights))?"],
        language in prop_oneof![any::<String>(), "(en|fr|es|de)?"],
        source in any::<String>(),
    ) {
        let row = RawRow { email, full_name, region, interests, language };
        match import::parse(&row, &canada(), &source) {
            Ok(request) => {
                prop_assert_eq!(Ok(request.email.clone()), EmailAddress::parse(&row.email));
                prop_assert_eq!(Ok(request.full_name.clone()), FullName::parse(&row.full_name));
                if let Some(region) = &request.region {
                    prop_assert!(regions::belongs("CA", region));
                }
                prop_assert!(!request.newsletter, "an import never invents consent");
                prop_assert!(request.source.chars().count() <= 100 + "import: ".len());
            }
            Err(problems) => prop_assert!(!problems.is_empty()),
        }
    }
}
