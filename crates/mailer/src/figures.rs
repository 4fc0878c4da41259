//! Figures as a reader of each language writes them, for tables and charts: numbers with the
//! language's grouping ("12,345", "12 345", "12.345") and short days on a chart's axis
//! ("Dec 5", "5 déc."), from CLDR through ICU4X.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use domain::Language;
use icu_datetime::{DateTimeFormatter, fieldsets, input::Date};
use icu_decimal::{DecimalFormatter, input::Decimal};
use icu_locale_core::{Locale, locale};

fn cldr_locale(lang: Language) -> Locale {
    lang.cldr().parse().unwrap_or(locale!("en-CA"))
}

struct Formatters {
    number: DecimalFormatter,
    short_day: DateTimeFormatter<fieldsets::MD>,
}

static FORMATTERS: LazyLock<Vec<(Language, Formatters)>> = LazyLock::new(|| {
    Language::ALL
        .iter()
        .map(|&lang| {
            // The data is compiled in for every locale of `Language`; the tests build each.
            let formatters = Formatters {
                number: DecimalFormatter::try_new(cldr_locale(lang).into(), Default::default())
                    .expect("compiled CLDR data has decimal formats"),
                short_day: DateTimeFormatter::try_new(
                    cldr_locale(lang).into(),
                    fieldsets::MD::medium(),
                )
                .expect("compiled CLDR data has month and day formats"),
            };
            (lang, formatters)
        })
        .collect()
});

fn formatters(lang: Language) -> &'static Formatters {
    let found = FORMATTERS.iter().find(|(l, _)| *l == lang);
    &found.unwrap_or(&FORMATTERS[0]).1
}

/// "12,345" (English), "12 345" (French), "12.345" (Spanish, Portuguese).
pub fn number(lang: Language, n: i64) -> String {
    formatters(lang)
        .number
        .format(&Decimal::from(n))
        .to_string()
}

/// "Dec 5", "5 déc.", "5 dic", "5 de dez.".
pub fn short_day(lang: Language, date: NaiveDate) -> String {
    match Date::try_new_iso(date.year(), date.month() as u8, date.day() as u8) {
        Ok(date) => formatters(lang).short_day.format(&date).to_string(),
        Err(_) => date.format("%m-%d").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_as_each_language_groups_them() {
        assert_eq!(number(Language::En, 12345), "12,345");
        assert_eq!(number(Language::Fr, 12345), "12\u{a0}345");
        assert_eq!(number(Language::Pt, 12345), "12.345");
        assert_eq!(number(Language::Es, 12345), "12.345");
        assert_eq!(number(Language::En, 7), "7");
    }

    #[test]
    fn short_days_are_in_words() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap_or_default();
        assert_eq!(short_day(Language::En, day), "Dec 5");
        assert!(short_day(Language::Fr, day).contains("déc"));
        for lang in Language::ALL {
            assert!(!short_day(lang, day).contains("2026"), "{lang}");
        }
    }
}
