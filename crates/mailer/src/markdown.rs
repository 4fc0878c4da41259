//! Markdown written by organizers (event descriptions, newsletters), rendered safely: raw HTML
//! is shown as text, never passed through, links keep only http, https and mailto addresses,
//! and images become their address (they could track readers). Also to plain text, for the
//! text part of an email.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

pub fn to_html(markdown: &str) -> String {
    let events =
        Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH).map(|event| match event {
            // Raw HTML becomes visible text.
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: safe_url(dest_url),
                title,
                id,
            }),
            // The page's own title is the h1: the organizer's headings start below it.
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: lower(level),
                id,
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(lower(level))),
            // Images could track readers or carry anything: show their text only.
            Event::Start(Tag::Image { dest_url, .. }) => Event::Text(dest_url),
            Event::End(TagEnd::Image) => Event::Text("".into()),
            other => other,
        });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

/// The same text as plain text: paragraphs apart, list items marked, a link's address after
/// its words.
pub fn to_text(markdown: &str) -> String {
    let mut out = String::new();
    let mut links: Vec<String> = Vec::new();
    let mut lists: Vec<Option<u64>> = Vec::new();
    for event in Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => {
                out.push_str(&text)
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::Start(Tag::Link { dest_url, .. }) => {
                links.push(safe_url(dest_url).into_string())
            }
            Event::End(TagEnd::Link) => {
                if let Some(url) = links.pop().filter(|url| url != "#") {
                    out.push_str(&format!(" <{url}>"));
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => out.push_str(&dest_url),
            Event::Start(Tag::List(first)) => lists.push(first),
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                out.push('\n');
            }
            Event::Start(Tag::Item) => {
                out.push_str(&"  ".repeat(lists.len().saturating_sub(1)));
                match lists.last_mut() {
                    Some(Some(n)) => {
                        out.push_str(&format!("{n}. "));
                        *n += 1;
                    }
                    _ => out.push_str("- "),
                }
            }
            Event::End(TagEnd::Item) => out.push('\n'),
            Event::Rule => out.push_str("----\n\n"),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock) => {
                out.push_str("\n\n")
            }
            _ => {}
        }
    }
    out.trim_end().to_owned()
}

fn lower(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H6,
    }
}

fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let lowered = url.trim().to_ascii_lowercase();
    if lowered.starts_with("https://")
        || lowered.starts_with("http://")
        || lowered.starts_with("mailto:")
    {
        url
    } else {
        CowStr::Borrowed("#")
    }
}

#[cfg(test)]
mod tests {
    use super::to_html;

    #[test]
    fn scripts_and_dangerous_links_are_neutralised() {
        let html = to_html(
            "**Bold** <script>alert(1)</script> [x](javascript:alert(1)) [y](https://ok.example)",
        );
        assert!(html.contains("<strong>Bold</strong>"));
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("href=\"#\""));
        assert!(html.contains("href=\"https://ok.example\""));
        let image = to_html("![a](https://tracker.example/p.gif)");
        assert!(!image.contains("<img"), "{image}");
        // The page's title is its only h1.
        assert_eq!(to_html("# A\n\n## B").trim(), "<h2>A</h2>\n<h3>B</h3>");
    }

    #[test]
    fn plain_text_keeps_the_words_and_safe_addresses() {
        let text = super::to_text(
            "# News\n\nRead **this** [report](https://ok.example/r) and [that](javascript:x).\n\n- one\n- two\n\n1. first\n2. second",
        );
        assert_eq!(
            text,
            "News\n\nRead this report <https://ok.example/r> and that.\n\n- one\n- two\n\n1. first\n2. second"
        );
    }
}
