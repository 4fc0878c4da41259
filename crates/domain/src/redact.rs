//! Text from outside (a relay's error, say) can quote an address; logs and stored errors keep
//! it masked.

use crate::email::mask;

/// `text` with every word that looks like an address masked as `email::mask` does, e.g.
/// `550 5.1.1 <amara@example.ca>: unknown` → `550 5.1.1 <a***@example.ca>: unknown`.
pub fn addresses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.contains('@') && !word.starts_with('@') && !word.ends_with('@') {
            out.push_str(&mask(word));
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_whitespace()
            || matches!(
                c,
                '<' | '>' | '"' | '\'' | '(' | ')' | ',' | ';' | '[' | ']' | '=' | ':'
            )
        {
            flush(&mut word, &mut out);
            out.push(c);
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::addresses;

    #[test]
    fn masks_every_address_and_keeps_the_rest() {
        assert_eq!(
            addresses("550 5.1.1 <amara@example.ca>: Recipient address rejected"),
            "550 5.1.1 <a***@example.ca>: Recipient address rejected"
        );
        assert_eq!(
            addresses("to=bob@x.org, from=\"ann@y.org\""),
            "to=b***@x.org, from=\"a***@y.org\""
        );
        assert_eq!(addresses("no address here @ all"), "no address here @ all");
        assert_eq!(addresses(""), "");
    }
}
