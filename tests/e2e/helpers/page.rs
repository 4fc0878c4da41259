//! A page as the client received it: status, headers, body, and readers of its HTML.

use reqwest::StatusCode;

pub struct Page {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Page {
    pub async fn read(response: reqwest::Response) -> Self {
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.text().await.unwrap_or_default();
        Page {
            status,
            headers,
            body,
        }
    }

    pub fn location(&self) -> String {
        self.headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }

    pub fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }

    pub fn html(&self) -> scraper::Html {
        scraper::Html::parse_document(&self.body)
    }

    /// The text of every element matching `selector`, whitespace collapsed.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        let html = self.html();
        let selector = scraper::Selector::parse(selector).expect("selector");
        html.select(&selector)
            .map(|e| {
                e.text()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    pub fn text(&self, selector: &str) -> String {
        self.texts(selector)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no {selector} in page:\n{}", self.body))
    }

    pub fn attr(&self, selector: &str, attr: &str) -> String {
        self.attrs(selector, attr)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no {selector}[{attr}] in page:\n{}", self.body))
    }

    pub fn attrs(&self, selector: &str, attr: &str) -> Vec<String> {
        let html = self.html();
        let selector = scraper::Selector::parse(selector).expect("selector");
        html.select(&selector)
            .filter_map(|e| e.value().attr(attr).map(str::to_owned))
            .collect()
    }

    pub fn has(&self, selector: &str) -> bool {
        let html = self.html();
        let selector = scraper::Selector::parse(selector).expect("selector");
        html.select(&selector).next().is_some()
    }

    /// The hidden inputs of the first form, and the honeypot left empty.
    pub fn hidden_fields(&self) -> Vec<(String, String)> {
        let html = self.html();
        let selector = scraper::Selector::parse("form input[type=hidden]").expect("selector");
        html.select(&selector)
            .filter_map(|e| {
                Some((
                    e.value().attr("name")?.to_owned(),
                    e.value().attr("value").unwrap_or_default().to_owned(),
                ))
            })
            .collect()
    }
}
