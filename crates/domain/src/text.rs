//! The one rule for characters that draw nothing or change how the text around them reads:
//! controls, direction overrides and isolates (U+202E and friends), zero-width and other
//! invisible characters. Every free-text type of the domain (names, titles, subjects, chapter
//! names, addresses) refuses them through this module, so a subject cannot read as something
//! else in a mail client.

/// A character that is invisible or reorders the text: no field of Réseau needs one.
/// Line breaks and tabs count too; multi-line fields use [`check_multiline`].
pub fn is_hidden(c: char) -> bool {
    c.is_control() || is_joiner(c) || is_deceptive_format(c)
}

/// The zero-width joiners, which Persian, the Indic scripts and emoji sequences need in prose,
/// but which nothing typed as a name or an address needs.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// Direction marks, embeddings, overrides and isolates; zero-width spaces, word joiners and
/// invisible operators; the byte-order mark, the soft hyphen, fillers that draw nothing,
/// interlinear annotations and tag characters.
fn is_deceptive_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

#[derive(Debug, thiserror::Error, PartialEq, Eq, Clone, Copy)]
#[error("the text holds an invisible or direction-changing character")]
pub struct HiddenCharacter;

/// A one-line text (a title, a subject, a chapter name): nothing hidden, no line break.
/// The joiners prose needs are kept.
pub fn check_line(text: &str) -> Result<(), HiddenCharacter> {
    if text
        .chars()
        .any(|c| c.is_control() || is_deceptive_format(c))
    {
        return Err(HiddenCharacter);
    }
    Ok(())
}

/// A multi-line text (a description, a body): as [`check_line`], with line breaks and tabs.
pub fn check_multiline(text: &str) -> Result<(), HiddenCharacter> {
    if text
        .chars()
        .any(|c| (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || is_deceptive_format(c))
    {
        return Err(HiddenCharacter);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_and_invisibles_are_refused() {
        for bad in [
            "Meeting\u{202E}gnp.exe",
            "a\u{2066}b",
            "zero\u{200B}width",
            "bom\u{FEFF}",
            "tag\u{E0041}",
            "line\nbreak",
            "mark\u{200F}",
        ] {
            assert_eq!(check_line(bad), Err(HiddenCharacter), "{bad:?}");
        }
        assert_eq!(check_multiline("two\nlines\ttab"), Ok(()));
        assert_eq!(check_multiline("x\u{202E}"), Err(HiddenCharacter));
        assert_eq!(check_line("می‌خواهم"), Ok(()));
        assert_eq!(check_line("Rencontre à Montréal — 2027"), Ok(()));
    }
}
