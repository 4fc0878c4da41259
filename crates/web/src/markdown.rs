//! Markdown written by organizers, rendered safely: raw HTML is shown as text, never passed
//! through, and links keep only http, https and mailto addresses.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, html};

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
            // Images could track readers or carry anything: show their text only.
            Event::Start(Tag::Image { dest_url, .. }) => Event::Text(dest_url),
            Event::End(pulldown_cmark::TagEnd::Image) => Event::Text("".into()),
            other => other,
        });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
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
    }
}
