//! The folded form of text that the back office searches: case and accents removed in Rust,
//! the same on SQLite (whose `lower()` and `LIKE` fold only A–Z) and PostgreSQL.

use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// NFKD, combining marks dropped, lower-cased: `Émilie` and `ÉMILIE` both become `emilie`,
/// `Núñez` becomes `nunez`. Queries go through this too, so both sides meet in one form.
pub fn fold(text: &str) -> String {
    text.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase()
}

/// What a member's `search_text` column holds: their folded name and address. A line break
/// separates them, which no trimmed one-line query holds, so a match never spans the two.
pub fn member_text(full_name: &str, email: &str) -> String {
    if full_name.is_empty() {
        return fold(email);
    }
    format!("{}\n{}", fold(full_name), fold(email))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_accents_fold_away() {
        assert_eq!(fold("Émilie"), "emilie");
        assert_eq!(fold("ÑÚÑEZ"), "nunez");
        assert_eq!(fold("Çağrı"), "cagrı");
        assert_eq!(fold("ﬁne"), "fine");
        assert_eq!(
            member_text("Núñez", "n@example.org"),
            "nunez\nn@example.org"
        );
    }

    #[test]
    fn the_migration_backfills_with_the_same_rule() {
        for text in [
            "Émilie Núñez",
            "ÅSA",
            "Łukasz",
            "ﬁ",
            "Zoë",
            "東京",
            "émilie@example.org",
        ] {
            assert_eq!(migration::fold_for_search(text), fold(text), "{text}");
        }
    }
}
