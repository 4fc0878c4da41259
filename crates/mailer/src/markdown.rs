//! Markdown written by organizers (event descriptions, newsletters), rendered safely: raw HTML
//! is shown as text, never passed through, links keep only http, https and mailto addresses,
//! and images become their address (they could track readers). Also to plain text, for the
//! text part of an email.

//!
//! Nesting is capped: lists and quotes deeper than `MAX_DEPTH` are written as their parent's
//! text. A body of `"- "` repeated 24,000 times once rendered to half a gigabyte of indented
//! text; with the cap, what is rendered grows in step with what was written.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// Lists and block quotes nested deeper than this are flattened into their parent.
pub const MAX_DEPTH: usize = 6;

/// The organizer's Markdown as events, with containers past `MAX_DEPTH` removed (their text
/// stays, a deeper item starting on a new line of its parent).
fn capped(markdown: &str) -> impl Iterator<Item = Event<'_>> {
    let mut depth = 0usize;
    Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH).filter_map(move |event| {
        match &event {
            Event::Start(Tag::List(_) | Tag::BlockQuote(_)) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return None;
                }
            }
            Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_)) => {
                depth = depth.saturating_sub(1);
                if depth >= MAX_DEPTH {
                    return None;
                }
            }
            Event::Start(Tag::Item) if depth > MAX_DEPTH => return Some(Event::SoftBreak),
            Event::End(TagEnd::Item) if depth > MAX_DEPTH => return None,
            _ => {}
        }
        Some(event)
    })
}

pub fn to_html(markdown: &str) -> String {
    let events = capped(markdown).map(|event| match event {
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
    for event in capped(markdown) {
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
            Event::Start(Tag::List(first)) => {
                // A list inside an item starts on a line of its own.
                if !lists.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
                lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                if lists.is_empty() {
                    out.push('\n');
                }
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
            Event::End(TagEnd::Item) if !out.ends_with('\n') => out.push('\n'),
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

/// Properties of the renderer over any text, and the bounded fuzz run CI makes of it.
#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::{to_html, to_text};

    /// The tags the renderer may write; anything else would be markup let through.
    const TAGS: &[&str] = &[
        "p",
        "em",
        "strong",
        "del",
        "a",
        "ul",
        "ol",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "code",
        "pre",
        "blockquote",
        "hr",
        "br",
    ];

    /// Walks every tag of `html`; fails on a tag, an attribute or a link that could run.
    fn assert_inert(html: &str) -> Result<(), TestCaseError> {
        let mut rest = html;
        while let Some(at) = rest.find('<') {
            rest = &rest[at + 1..];
            let end = rest
                .find('>')
                .ok_or_else(|| TestCaseError::fail(format!("an unclosed tag in {html:?}")))?;
            let tag = &rest[..end];
            rest = &rest[end + 1..];
            let tag = tag.trim_end_matches('/');
            let (name, mut attrs) = tag.split_once(' ').unwrap_or((tag, ""));
            let name = name.trim_start_matches('/');
            prop_assert!(TAGS.contains(&name), "<{}> in {:?}", name, html);
            // Attributes: name="value", values escaped by the renderer.
            while !attrs.trim().is_empty() {
                attrs = attrs.trim_start();
                let (attr, after) = attrs
                    .split_once("=\"")
                    .ok_or_else(|| TestCaseError::fail(format!("a bare attribute in {html:?}")))?;
                let (value, after) = after
                    .split_once('"')
                    .ok_or_else(|| TestCaseError::fail(format!("an open value in {html:?}")))?;
                prop_assert!(
                    matches!(attr, "href" | "title" | "start" | "class"),
                    "attribute {} in {:?}",
                    attr,
                    html
                );
                if attr == "href" {
                    let lower = value.to_ascii_lowercase();
                    prop_assert!(
                        value == "#"
                            || lower.starts_with("https://")
                            || lower.starts_with("http://")
                            || lower.starts_with("mailto:"),
                        "href {:?} in {:?}",
                        value,
                        html
                    );
                }
                attrs = after;
            }
        }
        Ok(())
    }

    /// Markdown made of the pieces attacks are made of: raw HTML, links with every scheme,
    /// images, autolinks, entities, code, nesting.
    fn hostile_markdown() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<!-- c -->",
            "<div\n>",
            "</p>",
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x]( javascript:alert(1) )",
            "[x](data:text/html,<script>)",
            "[x](vbscript:x)",
            "[x](https://ok.example \"t\\\" onclick=\\\"x\")",
            "[x](<javascript:alert(1)>)",
            "[r]: javascript:alert(1)\n\n[r]",
            "![a](https://t.example/p.gif)",
            "![a](javascript:alert(1))",
            "[![a](x)](javascript:y)",
            "<javascript:alert(1)>",
            "<https://ok.example>",
            "<mailto:a@b.org>",
            "&#106;avascript:",
            "&lt;script&gt;",
            "`<script>`",
            "```html\n<script>\n```",
            "```\"><script>\n```",
            "    <script>",
            "> <script>",
            "- <img>",
            "1. x",
            "# h",
            "**b**",
            "~~s~~",
            "\n",
            "\n\n",
            " ",
            "\\",
            "*",
            "_",
            "[",
            "]",
            "(",
            ")",
            "\0",
            "\u{202E}",
            "- - - - - - - - - - x",
            "> > > > > > > > > > x",
            "1. 1. 1. 1. 1. 1. 1. 1. x",
            "- ",
            "> ",
            "    - ",
        ]);
        prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn html_never_carries_markup_or_unsafe_links(markdown in prop_oneof![any::<String>(), hostile_markdown()]) {
            let html = to_html(&markdown);
            let lower = html.to_ascii_lowercase();
            prop_assert!(!lower.contains("<script") && !lower.contains("<img"), "{:?}", html);
            assert_inert(&html)?;
        }

        #[test]
        fn text_never_panics_and_adds_no_unsafe_link(words in "[a-z]{1,10}( [a-z]{1,10}){0,3}", scheme in "(javascript|data|vbscript|JaVaScRiPt):[a-z()1]{0,10}") {
            let text = to_text(&format!("{words} [link]({scheme}) and <{scheme}>"));
            prop_assert!(!text.contains(&format!("<{scheme}>")), "{:?}", text);
            let _ = to_text(&words);
        }

        #[test]
        fn text_never_panics(markdown in prop_oneof![any::<String>(), hostile_markdown()]) {
            let _ = to_text(&markdown);
        }
    }

    /// What is rendered grows in step with what was written, however deep the nesting.
    fn assert_bounded(markdown: &str) -> Result<(), TestCaseError> {
        let limit = 64 * markdown.len() + 1024;
        let (html, text) = (to_html(markdown), to_text(markdown));
        prop_assert!(
            html.len() <= limit,
            "{} bytes of HTML from {}",
            html.len(),
            markdown.len()
        );
        prop_assert!(
            text.len() <= limit,
            "{} bytes of text from {}",
            text.len(),
            markdown.len()
        );
        Ok(())
    }

    #[test]
    fn deep_nesting_renders_in_step_with_its_size() {
        // 48 KB that once rendered 576 MB of text (list indentation grew with the depth).
        for unit in ["- ", "> ", "1. ", "* > ", "- > 1. "] {
            let markdown = format!("{}a", unit.repeat(48_000 / unit.len()));
            assert_bounded(&markdown).unwrap();
            assert!(to_text(&markdown).contains('a'), "the words stay");
        }
        // Nesting up to the cap still reads as nesting.
        let text = to_text("- one\n  - two\n    - three");
        assert_eq!(text, "- one\n  - two\n    - three");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn any_nesting_renders_in_step_with_its_size(
            units in prop::collection::vec(prop::sample::select(vec!["- ", "> ", "1. ", "* ", "  ", "\n", "a"]), 0..400),
        ) {
            assert_bounded(&units.concat())?;
        }
    }

    // The bounded fuzz run of the renderer. cargo-fuzz needs nightly, so CI fuzzes with
    // proptest instead: arbitrary bytes (as text, lossily) and hostile Markdown, a fixed and
    // larger number of cases, in the ordinary `cargo test`, in a few seconds.
    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn fuzz_the_renderer(bytes in prop::collection::vec(any::<u8>(), 0..512), markdown in hostile_markdown()) {
            for input in [String::from_utf8_lossy(&bytes).into_owned(), markdown] {
                assert_inert(&to_html(&input))?;
                assert_bounded(&input)?;
            }
        }
    }
}
