//! Newsletter copies come without a body: the worker renders each newsletter once per
//! language (kept while it sends), gives each copy its recipient's own unsubscribe link, and
//! skips a member who no longer wants it.

use std::{
    collections::HashSet,
    sync::{Arc, PoisonError},
};

use chrono::{DateTime, Utc};
use domain::{DomainError, Language, entities::outbox as row, newsletters, outbox, token};

use tracing::warn;

use super::{Pass, Worker};
use crate::compose::newsletter::Template;

impl Worker {
    /// Newsletter copies come without a body: skips those whose member no longer wants them,
    /// gives the others an unsubscribe link of their own (one write for the batch) and renders
    /// them. Other rows pass through as they are.
    pub(super) async fn prepare_newsletters(
        &self,
        rows: Vec<row::Model>,
        now: DateTime<Utc>,
        pass: &mut Pass,
    ) -> Result<Vec<row::Model>, DomainError> {
        let (copies, mut ready): (Vec<row::Model>, Vec<row::Model>) = rows
            .into_iter()
            .partition(|row| row.kind == newsletters::MAIL_KIND && row.newsletter_id.is_some());
        if copies.is_empty() {
            return Ok(ready);
        }
        // CASL: no copy goes out without the sender's postal address and contact, whatever
        // the site's settings were when the send started. The newsletter is held back for all
        // workers, with the reason for the organizer; its copies (these included) wait.
        if let Err(gap) = self.brand.sender_identification() {
            let letters: HashSet<i64> = copies.iter().filter_map(|row| row.newsletter_id).collect();
            for id in letters {
                if newsletters::hold_sending(self.db.writer(), id, gap.setting(), now).await? {
                    warn!(
                        newsletter = id,
                        missing = gap.setting(),
                        "newsletter held back: this worker cannot identify the sender as CASL requires"
                    );
                }
            }
            return Ok(ready);
        }
        let member_ids: Vec<i64> = copies.iter().filter_map(|row| row.member_id).collect();
        let wanted = newsletters::still_subscribed(self.db.reader(), &member_ids).await?;
        let (copies, unwanted): (Vec<row::Model>, Vec<row::Model>) = copies
            .into_iter()
            .partition(|row| row.member_id.is_some_and(|id| wanted.contains(&id)));
        let unwanted: Vec<i64> = unwanted.iter().map(|row| row.id).collect();
        outbox::skip(
            self.db.writer(),
            &unwanted,
            newsletters::SKIPPED_UNSUBSCRIBED,
        )
        .await?;
        pass.skipped += unwanted.len();

        let member_ids: Vec<i64> = copies.iter().filter_map(|row| row.member_id).collect();
        let links = token::issue_many(
            self.db.writer(),
            token::Purpose::Unsubscribe,
            &member_ids,
            now,
        )
        .await?;
        for (mut copy, link) in copies.into_iter().zip(links) {
            let lang = copy.language;
            let Some(template) = self.template(copy.newsletter_id, lang).await? else {
                outbox::mark_failed(
                    self.db.writer(),
                    copy.id,
                    "the newsletter has no such version",
                )
                .await?;
                pass.failed += 1;
                continue;
            };
            let url = self
                .brand
                .link(&format!("/{}/unsubscribe/{}", lang.code(), link.as_str()));
            let composed = template.fill(&self.brand, &url);
            copy.subject = composed.subject;
            copy.body_text = composed.text;
            copy.body_html = composed.html;
            copy.headers = serde_json::to_string(&composed.headers)
                .map_err(|_| DomainError::Inconsistent("headers do not serialise"))?;
            ready.push(copy);
        }
        Ok(ready)
    }

    async fn template(
        &self,
        newsletter_id: Option<i64>,
        lang: Language,
    ) -> Result<Option<Arc<Template>>, DomainError> {
        let Some(id) = newsletter_id else {
            return Ok(None);
        };
        let cached = self
            .templates
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&(id, lang))
            .cloned();
        if let Some(template) = cached {
            return Ok(template);
        }
        let template = newsletters::find(self.db.reader(), id)
            .await?
            .and_then(|letter| Template::new(&self.brand, &letter, lang))
            .map(Arc::new);
        let mut templates = self
            .templates
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        // Newsletters in flight at once are few; an old one's entries can go.
        if templates.len() > 64 {
            templates.clear();
        }
        templates.insert((id, lang), template.clone());
        Ok(template)
    }
}
