//! Newsletter copies come without a body: the worker renders and encodes each newsletter once
//! per language (kept while it sends; see `prebuilt`), gives each copy its recipient's own
//! unsubscribe link, and skips a member who no longer wants it.

use std::{
    collections::HashSet,
    sync::{Arc, PoisonError},
};

use chrono::{DateTime, Utc};
use domain::{DomainError, Language, entities::outbox as row, newsletters, outbox, token};

use tracing::warn;

use super::{Encoded, Pass, Worker};
use crate::compose::newsletter::{Copies, Template};

/// A claimed row ready to deliver: as stored, or a newsletter copy to make from its
/// newsletter's encoded copies.
pub(super) struct Ready {
    pub row: row::Model,
    pub copy: Option<CopyPlan>,
}

/// What makes one newsletter copy: its language's encoding and its unsubscribe link.
pub(super) struct CopyPlan {
    pub copies: Arc<Copies>,
    pub url: String,
}

impl Worker {
    /// Newsletter copies come without a body: skips those whose member no longer wants them,
    /// gives the others an unsubscribe link of their own (one write for the batch) and renders
    /// them. Other rows pass through as they are.
    pub(super) async fn prepare_newsletters(
        &self,
        rows: Vec<row::Model>,
        now: DateTime<Utc>,
        pass: &mut Pass,
    ) -> Result<Vec<Ready>, DomainError> {
        let (copies, others): (Vec<row::Model>, Vec<row::Model>) = rows
            .into_iter()
            .partition(|row| row.kind == newsletters::MAIL_KIND && row.newsletter_id.is_some());
        let mut ready: Vec<Ready> = others
            .into_iter()
            .map(|row| Ready { row, copy: None })
            .collect();
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
        for (copy, link) in copies.into_iter().zip(links) {
            let lang = copy.language;
            let copies = match self.template(copy.newsletter_id, lang).await? {
                Some(Ok(copies)) => copies,
                found => {
                    let reason = match found {
                        Some(Err(e)) => format!("the newsletter could not be encoded: {e}"),
                        _ => "the newsletter has no such version".to_owned(),
                    };
                    outbox::mark_failed(self.db.writer(), copy.id, &reason).await?;
                    pass.failed += 1;
                    continue;
                }
            };
            let url = self
                .brand
                .link(&format!("/{}/unsubscribe/{}", lang.code(), link.as_str()));
            ready.push(Ready {
                row: copy,
                copy: Some(CopyPlan { copies, url }),
            });
        }
        Ok(ready)
    }

    /// The newsletter's copies in `lang`, encoded once and kept while it sends; `None` if it
    /// has no such version.
    async fn template(
        &self,
        newsletter_id: Option<i64>,
        lang: Language,
    ) -> Result<Option<Encoded>, DomainError> {
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
            .map(|template| {
                template
                    .copies(&self.from)
                    .map(Arc::new)
                    .map_err(|e| e.to_string())
            });
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
