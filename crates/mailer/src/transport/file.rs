use std::path::PathBuf;

use super::SendError;
use crate::message::Outgoing;

/// Writes each message as an `.eml` file and prints the links it carries, so a developer can
/// follow a confirmation link from the console.
pub struct FileTransport {
    dir: PathBuf,
    base_url: String,
}

impl FileTransport {
    pub fn new(dir: PathBuf, base_url: String) -> Self {
        Self { dir, base_url }
    }

    pub(crate) async fn send(&self, message: &Outgoing, text: &str) -> Result<(), SendError> {
        tokio::fs::create_dir_all(&self.dir)
            .await
            .map_err(|e| SendError::Temporary(format!("creating {}: {e}", self.dir.display())))?;
        let name: String = message
            .message_id
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '@'))
            .collect();
        let path = self.dir.join(format!("{name}.eml"));
        tokio::fs::write(&path, &message.bytes)
            .await
            .map_err(|e| SendError::Temporary(format!("writing {}: {e}", path.display())))?;
        let to = message
            .envelope
            .to()
            .iter()
            .map(|a| domain::email::mask(a.as_ref()))
            .collect::<Vec<_>>()
            .join(", ");
        tracing::info!(file = %path.display(), %to, "mail written");
        for link in links(text, &self.base_url) {
            // On purpose on standard output: this is how a developer follows the link.
            println!("link emailed to {to}: {link}");
        }
        Ok(())
    }
}

/// The links in `text` that point at this site.
fn links<'a>(text: &'a str, base_url: &'a str) -> impl Iterator<Item = &'a str> {
    let base = base_url.trim_end_matches('/');
    text.split_whitespace()
        .filter(move |word| word.starts_with(base))
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_site_links_only() {
        let text =
            "Hello,\n\nhttp://127.0.0.1:8080/fr/confirm/abc\n\nhttps://elsewhere.example/x\n";
        let found: Vec<_> = super::links(text, "http://127.0.0.1:8080/").collect();
        assert_eq!(found, ["http://127.0.0.1:8080/fr/confirm/abc"]);
    }
}
